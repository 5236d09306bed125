"""Output formats for `check`: one module per format behind one small interface.

A reporter renders each result, then receives the rendered results one at a time (so JSON Lines
stream while a batch runs), and is told when the batch ends. Rendering is separate from writing
because it runs wherever the claim was checked, often a worker process: what it returns is all
that crosses back. `REPORTERS` maps each `--format` name to a factory that makes its reporter
(importing the reporter's module only then); the CLI picks from it.
"""

from __future__ import annotations

from typing import IO, Any, Callable, Protocol

from ..matching import CheckResult
from ..store import Source


class Reporter(Protocol):
    def render(self, result: CheckResult) -> Any:
        """What `add` needs of the result; writes nothing (it may run in another process)."""

    def add(self, rendered: Any) -> None: ...

    def finish(self) -> None: ...


def _text(out: IO[str]) -> Reporter:
    from .text import TextReporter  # rich is imported only when text is asked for

    return TextReporter(out)


def _json(out: IO[str]) -> Reporter:
    from .json import JsonReporter

    return JsonReporter(out)


def _jsonl(out: IO[str]) -> Reporter:
    from .json import JsonLinesReporter

    return JsonLinesReporter(out)


def rated(source: Source) -> str:
    """A review cited as a whole, as every format words it: `rated False by Snopes, 2021-03-05, https://…`."""
    assert source.review is not None
    return f"rated {source.review.rating} by {source.publisher}, {source.published}, {source.url}"


def byline(source: Source) -> str:
    return ", ".join(p for p in (source.publisher, source.published) if p)


REPORTERS: dict[str, Callable[[IO[str]], Reporter]] = {"text": _text, "json": _json, "jsonl": _jsonl}
