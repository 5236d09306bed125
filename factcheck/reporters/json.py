"""JSON and JSON Lines: the machine-readable contract described in the README."""

from __future__ import annotations

import json
import re
from typing import IO, Any

from ..matching import CheckResult, ClauseResult
from ..store import Citation, Source, Statement


def citation_dict(citation: Citation, source: Source) -> dict[str, Any]:
    """Every citation has the same keys: `kind` says what it cites, a verbatim `quote` of an
    archived `document`, or a published fact-check's `rating` of the `claim_reviewed` (the
    `publisher` of a review is its reviewer); what the other kind has is null."""
    review = source.review if citation.quote is None else None
    return {
        "kind": "quote" if review is None else "review",
        "source": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "url": source.url,
        "document": source.document if review is None else None,
        "quote": citation.quote,
        "rating": review.rating if review else None,
        "claim_reviewed": review.claim if review else None,
    }


def match_dict(statement: Statement | None) -> dict[str, Any] | None:
    if statement is None:
        return None
    return {"id": statement.id, "claim": statement.claim, "verdict": statement.verdict,
            "date": statement.date, "parties": list(statement.parties)}


def clause_dict(clause: ClauseResult) -> dict[str, Any]:
    """One clause: where it is in the claim, its verdict and what decided it; `conflicts` says
    what differs from the nearest statement when nothing did."""
    conflicts = [clause.reason] if clause.reason else []
    if clause.match is None and clause.related:
        conflicts = list(dict.fromkeys(conflicts + list(clause.related[0].conflicts)))
    return {"text": clause.text, "start": clause.start, "end": clause.end, "verdict": clause.verdict,
            "score": clause.score, "match": match_dict(clause.match),
            "citations": [citation_dict(c, s) for c, s in clause.citations], "conflicts": conflicts}


def result_dict(result: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = {} if result.id is None else {"id": result.id}
    data |= {
        "claim": result.claim,
        "verdict": result.verdict,
        "score": result.score,
        "reason": result.reason,
        "match": match_dict(result.match),
        "citations": [citation_dict(c, s) for c, s in result.citations],
        "related": [{"id": r.statement.id, "claim": r.statement.claim, "score": r.score,
                     "conflicts": list(r.conflicts)} for r in result.related],
        "clauses": [clause_dict(c) for c in result.clauses],
    }
    if result.candidates is not None:  # asked for with --top
        data["candidates"] = [{"id": i, "score": s} for i, s in result.candidates]
    return data


_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters JSON leaves raw but that act on whoever reads the output: C1 controls (some
terminals take \\x9b for an escape sequence), the bidirectional overrides and isolates that
reorder what surrounds them (what text output shows escaped), and the line separators many
readers take for line ends (Python's splitlines, JavaScript before ES2019). Written as \\u
escapes, which every JSON reader decodes to the same text, so one JSON Lines record is always
one line and a terminal shows the output as it is."""


def dumps(data: Any, **options: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, **options)
    if text.isascii() and "\x7f" not in text:
        return text  # the common case: json itself escapes the C0 controls
    return _RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


OUTPUT_VERSION = 1
"""The version of the JSON documents `check` and `scan` write (factcheck/schemas/): raised when a
field changes meaning or goes away, not when one is added."""


class JsonReporter:
    """One document, `{"version": 1, "results": [...]}`, however many claims: a jq filter such as
    `.results[] | select(.verdict == "denied")` works for one claim as for a thousand, and the
    version has a place. Written when the batch ends."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.results: list[dict[str, Any]] = []

    def render(self, result: CheckResult) -> dict[str, Any]:
        return result_dict(result)

    def add(self, rendered: dict[str, Any]) -> None:
        self.results.append(rendered)

    def finish(self) -> None:
        self.out.write(dumps({"version": OUTPUT_VERSION, "results": self.results}, indent=2) + "\n")


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
