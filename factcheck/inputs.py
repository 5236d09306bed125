"""Claims from a stream: one per line, or JSON Lines objects with a "claim" (and optional "id").

Each line yields either a claim or an InputError naming its line, so one bad line never stops
the rest of a batch from being checked.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from typing import BinaryIO, Iterator, NamedTuple

from .bounded import MiB, size_text
from .claims import MAX_CLAIM_CHARS
from .errors import InputError


class ClaimInput(NamedTuple):
    text: str
    id: str | None = None
    line: int = 0


MAX_LINE_BYTES = 4 * MiB
"""A line longer than this is an error for that line, and is skipped without being held: a
claim is at most MAX_CLAIM_CHARS characters, and a stream without line ends (`/dev/zero`) must
not fill memory."""


def read_claims(stream: BinaryIO, name: str = "<stdin>") -> Iterator[ClaimInput | InputError]:
    for number, raw in enumerate(iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""), start=1):
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            yield InputError(f"line is longer than {size_text(MAX_LINE_BYTES)}, the limit (one claim per line)",
                             name, number, 1)
            while (rest := stream.readline(MiB)) and not rest.endswith(b"\n"):
                pass  # the rest of the line, a mebibyte at a time
            continue
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
    lone = lone_surrogate(line) if "\\u" in line else None
    if lone:
        return InputError(lone.message, name, number, indent + lone.offset + 1)
    return claim_input(claim.strip(), None if identifier is None else str(identifier), name, number)



class LoneSurrogate(NamedTuple):
    code: int
    offset: int
    """Where its escape starts in the JSON text."""

    @property
    def message(self) -> str:
        return f"invalid JSON: \\u{self.code:04x} is half of a UTF-16 surrogate pair, not a character"


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)")


def lone_surrogate(text: str) -> LoneSurrogate | None:
    """The first escape of valid JSON text that decodes to half a surrogate pair (`"\\ud800"`
    alone), or None. Such a string is not Unicode: no output could encode it, so the input is
    refused where it is rather than failing wherever the text is written."""
    pending: LoneSurrogate | None = None  # a high surrogate waiting for its low half
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else 0
        if pending:
            if not (0xDC00 <= code <= 0xDFFF and match.start() == pending.offset + 6):
                return pending
            pending = None
        elif 0xD800 <= code <= 0xDBFF:
            pending = LoneSurrogate(code, match.start())
        elif 0xDC00 <= code <= 0xDFFF:
            return LoneSurrogate(code, match.start())
    return pending
