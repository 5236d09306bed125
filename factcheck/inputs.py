"""Claims from a stream: one per line, or JSON Lines objects with a "claim" (and optional "id").

Each line yields either a claim or an InputError naming its line, so one bad line never stops
the rest of a batch from being checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .errors import InputError


@dataclass(frozen=True)
class ClaimInput:
    text: str
    id: str | None = None
    line: int = 0


def read_claims(stream: BinaryIO, name: str = "<stdin>") -> Iterator[ClaimInput | InputError]:
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError as exc:
            yield InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", name, number, exc.start + 1)
            continue
        line = line.replace("\x00", "")
        if not line:
            continue
        if line.startswith("{"):
            yield _json_claim(line, name, number)
        else:
            yield ClaimInput(line, None, number)


def _json_claim(line: str, name: str, number: int) -> ClaimInput | InputError:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"invalid JSON: {exc.msg}", name, number, exc.colno)
    except RecursionError:
        return InputError("invalid JSON: nested too deeply", name, number, 1)
    if not isinstance(data, dict):
        return InputError("a JSON line must be an object with a \"claim\" field", name, number, 1)
    claim = data.get("claim")
    if not isinstance(claim, str) or not claim.strip():
        return InputError("JSON object has no \"claim\" string", name, number, 1)
    identifier = data.get("id")
    return ClaimInput(claim.strip(), None if identifier is None else str(identifier), number)
