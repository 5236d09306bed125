"""Typed errors of the core library.

The library never decides exit codes or wording for the terminal: it raises these, and the CLI
turns them into one `file:line:col: message` line and exit status 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


class FactcheckError(Exception):
    """Base class: every error the library raises on purpose."""


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


def line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset: columns count characters of a str, bytes of bytes."""
    if isinstance(text, bytes):
        return text.count(b"\n", 0, offset) + 1, offset - text.rfind(b"\n", 0, offset)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on rather than shows: control characters (escape sequences, bells,
backspaces) and the bidirectional overrides and isolates that reorder what surrounds them."""


def printable(text: str) -> str:
    """Characters that would act on the terminal shown as escapes (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(message: str) -> str:
    """A message as one output line, shown as written: a store's YAML keys or a file name may
    hold line breaks and escape sequences."""
    return printable(message).replace("\n", "\\n")


class StoreError(FactcheckError):
    """A store that cannot be used: unreadable, not YAML, or not a valid store.

    `problems` holds every error found when there were several; the first one is also the
    error's own location and message.
    """

    def __init__(
        self, message: str, path: str, line: int = 0, column: int = 0,
        problems: tuple["Problem", ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(path, line, column)
        self.problems = problems or (Problem(self.location, message),)

    def __str__(self) -> str:
        return f"{self.location}: {one_line(self.message)}"


class InputError(FactcheckError):
    """A claim or article that cannot be read (bad encoding, malformed JSON line, …)."""

    def __init__(self, message: str, path: str = "<stdin>", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(path, line, column)

    def __str__(self) -> str:
        return f"{self.location}: {one_line(self.message)}"


@dataclass(frozen=True)
class Problem:
    """One finding of store validation, reported as `path:line:col: message`."""

    location: Location
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{one_line(self.message)}"


class WriteError(FactcheckError):
    """A store file that cannot be changed: read-only, locked by another writer, or a failing disk.

    Raised before anything is replaced, so the file is always left as it was.
    """

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(path)

    def __str__(self) -> str:
        return f"{self.location}: {one_line(self.message)}"


class EditError(FactcheckError):
    """A change to the store that was refused, with every reason as a positioned problem.

    Positions of new records refer to the file as it would have been written.
    """

    def __init__(self, message: str, problems: tuple[Problem, ...]) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([*map(str, self.problems), self.message])


class NearDuplicateError(FactcheckError):
    """A new statement that says what a stored one already says: written only when forced.

    `match` is the stored statement (a `store.Statement`), `score` its similarity (0-100) and
    `verdict` what `check` concludes for the new claim from the store as it is.
    """

    def __init__(self, claim: str, match: Any, score: float, verdict: str) -> None:
        super().__init__(f"nearly duplicates statement '{match.id}' (similarity {score:.0f})")
        self.claim = claim
        self.match = match
        self.score = score
        self.verdict = verdict
