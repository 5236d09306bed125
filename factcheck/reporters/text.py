"""Readable verdicts for people: coloured at a terminal, plain when piped or NO_COLOR."""

from __future__ import annotations

from typing import IO

from ..matching import DENIED, SUPPORTED, CheckResult
from . import byline, rated
from .styled import Segment, line_writer

STYLES = {SUPPORTED: "bold green", DENIED: "bold red"}
HEADER_HANG = 2
"""The verdict line's folded lines start under its details."""
EVIDENCE_HANG = 10
"""Where evidence text starts: past `  Matched `, `  Source  `, and the score of a related line."""


def _hang(line: list[Segment]) -> int:
    """Labelled lines fold to the evidence column; a line already indented there or further
    (a URL, a quote, a conflict) folds to its own indentation plus two."""
    indent = len(line[0][0]) if line and not line[0][0].strip() else 0
    return EVIDENCE_HANG if indent < EVIDENCE_HANG else indent + 2
DEFAULT_STYLE = "bold yellow"


def verdict_style(verdict: str) -> str:
    return STYLES.get(verdict, DEFAULT_STYLE)


class TextReporter:
    def __init__(self, out: IO[str]) -> None:
        self.line = line_writer(out)
        self.count = 0

    def render(self, result: CheckResult) -> list[tuple[int, list[Segment]]]:
        """The result's lines of segments, each with the indentation its folded lines get (at a
        terminal): small to send back from a worker, drawn by `add`. Evidence folds under its
        text, past the labels (Matched, Source …), so the labels stand out at any width."""
        label: list[Segment] = [(f"{result.id}: ", "")] if result.id else []
        lines: list[list[Segment]] = [[*label, (result.verdict.upper(), verdict_style(result.verdict)),
                                       (" ", ""), (f"(score {result.score:.0f})", "dim"), ("  " + result.claim, "")]]
        if result.decided_by is not None:
            clause = result.clauses[result.decided_by]
            lines.append([("  ", ""), ("Decided by", "bold"), (f" “{clause.text}” ", ""),
                          (f"({clause.verdict}; clause {result.decided_by + 1} of {len(result.clauses)})", "dim")])
        if result.reason and result.match is None:
            lines.append([("  ", ""), ("Why", "bold"), (f"  {result.reason}", "yellow")])
        if result.match:
            m = result.match
            when = f", {m.date}" if m.date else ""
            lines.append([("  ", ""), ("Matched", "bold"), (f" {m.claim} ", ""),
                          (f"({m.id}{when}; recorded as {m.verdict})", "dim")])
            for citation, source in result.citations:
                if citation.quote is None and source.review is not None:
                    lines.append([("  ", ""), ("Review", "bold"), (f"  {rated(source)}", "")])
                    lines.append([("          ", ""), ("claim reviewed:", "dim"), (f" “{source.review.claim}”", "italic")])
                    continue
                lines.append([("  ", ""), ("Source", "bold"), (f"  {source.title} ", ""), (f"— {byline(source)}", "dim")])
                lines.append([("          ", ""), (source.url, f"link {source.url}")])
                lines.append([("          ", ""), ("archived:", "dim"), (f" {source.document}", "")])
                lines.append([("          ", ""), (f"“{citation.quote}”", "italic")])
        if result.related:
            lines.append([("  ", ""), ("Nearest statements" if result.match is None else "Related", "bold")])
            for related in result.related:
                s = related.statement
                lines.append([("   ", ""), (f"{related.score:5.1f}", "dim"), (f"  {s.claim} ", ""),
                              (f"({s.id}; {s.verdict})", "dim")])
                for conflict in related.conflicts:
                    lines.append([("          ", ""), (f"≠ {conflict}", "yellow")])
        elif result.match is None:
            lines.append([("  ", ""), ("No statement in the store speaks to this claim.", "dim")])
        return [(HEADER_HANG if n == 0 else _hang(line), line) for n, line in enumerate(lines)]

    def add(self, lines: list[tuple[int, list[Segment]]]) -> None:
        if self.count:
            self.line([])
        self.count += 1
        for hang, line in lines:
            self.line(line, hang)

    def finish(self) -> None:
        pass
