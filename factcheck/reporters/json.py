"""JSON and JSON Lines: the machine-readable contract described in the README."""

from __future__ import annotations

import json
from typing import IO, Any

from ..matching import CheckResult
from ..store import Citation, Source, Statement


def citation_dict(citation: Citation, source: Source) -> dict[str, Any]:
    return {
        "source": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "url": source.url,
        "document": source.document,
        "quote": citation.quote,
    }


def match_dict(statement: Statement | None) -> dict[str, Any] | None:
    if statement is None:
        return None
    return {"id": statement.id, "claim": statement.claim, "verdict": statement.verdict,
            "date": statement.date, "parties": list(statement.parties)}


def result_dict(result: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = {} if result.id is None else {"id": result.id}
    data |= {
        "claim": result.claim,
        "verdict": result.verdict,
        "score": result.score,
        "match": match_dict(result.match),
        "citations": [citation_dict(c, s) for c, s in result.citations],
        "related": [{"id": r.statement.id, "claim": r.statement.claim, "score": r.score,
                     "conflicts": list(r.conflicts)} for r in result.related],
    }
    if result.candidates is not None:  # asked for with --top
        data["candidates"] = [{"id": i, "score": s} for i, s in result.candidates]
    return data


_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
"""Characters JSON leaves raw but that many readers take for line ends (Python's splitlines,
JavaScript before ES2019): escaped, so one JSON Lines record is always one line for everybody."""


def dumps(data: Any, **options: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, **options)
    if text.isascii() or not any(separator in text for separator in "\x85\u2028\u2029"):
        return text  # translate (or a regular expression) would cost a step per character
    return text.translate(_LINE_SEPARATORS)


class JsonReporter:
    """One object for one claim, an array for several, written when the batch ends."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.results: list[dict[str, Any]] = []

    def render(self, result: CheckResult) -> dict[str, Any]:
        return result_dict(result)

    def add(self, rendered: dict[str, Any]) -> None:
        self.results.append(rendered)

    def finish(self) -> None:
        data: Any = self.results[0] if len(self.results) == 1 else self.results
        self.out.write(dumps(data, indent=2) + "\n")


class JsonLinesReporter:
    """One line per claim, flushed at once, so a pipeline sees results while a batch runs."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def render(self, result: CheckResult) -> str:
        return dumps(result_dict(result)) + "\n"

    def add(self, rendered: str) -> None:
        self.out.write(rendered)
        self.out.flush()

    def finish(self) -> None:
        pass
