"""Claims from a stream: one per line, or JSON Lines objects with a "claim" (and optional "id").

Each line yields either a claim or an InputError naming its line, so one bad line never stops
the rest of a batch from being checked.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import BinaryIO, Iterator, NamedTuple

from .claims import MAX_CLAIM_CHARS
from .errors import InputError


class ClaimInput(NamedTuple):
    text: str
    id: str | None = None
    line: int = 0


def read_claims(stream: BinaryIO, name: str = "<stdin>") -> Iterator[ClaimInput | InputError]:
    for number, raw in enumerate(stream, start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM is no column
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as exc:  # columns count characters, as in every message
            column = len(raw[:exc.start].decode("utf-8", "replace")) + 1
            yield InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", name, number, column)
            continue
        line = decoded.strip().replace("\x00", "")
        if _blank(line):
            continue
        if line.startswith("{"):
            indent = decoded.find("{")  # JSON columns count from the line's start, not the brace
            yield _json_claim(line, name, number, indent)
        else:
            yield claim_input(line, None, name, number)


def claim_input(text: str, identifier: str | None, name: str, number: int) -> ClaimInput | InputError:
    """A claim to check, or an error when it is too long to be one claim."""
    if len(text) > MAX_CLAIM_CHARS:
        return InputError(f"claim is {len(text):,} characters; the limit is {MAX_CLAIM_CHARS:,} (check claims one "
                          "by one; `factcheck scan` reads whole articles)", name, number, 1)
    return ClaimInput(text, identifier, number)


def _blank(line: str) -> bool:
    """Nothing a reader would see: white space, control and format characters only."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in line)


def _json_claim(line: str, name: str, number: int, indent: int = 0) -> ClaimInput | InputError:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"invalid JSON: {exc.msg}", name, number, indent + exc.colno)
    except RecursionError:
        return InputError("invalid JSON: nested too deeply", name, number, 1)
    except ValueError:  # an integer of more digits than Python converts
        return InputError(f"invalid JSON: a number of more than {sys.get_int_max_str_digits()} digits",
                          name, number, 1)
    if not isinstance(data, dict):
        return InputError("a JSON line must be an object with a \"claim\" field", name, number, 1)
    claim = data.get("claim")
    if isinstance(claim, str):
        claim = claim.replace("\x00", "")  # as in plain lines
    if not isinstance(claim, str) or _blank(claim):
        return InputError("JSON object has no \"claim\" string", name, number, 1)
    identifier = data.get("id")
    return claim_input(claim.strip(), None if identifier is None else str(identifier), name, number)
