"""Readable verdicts for people: coloured at a terminal, plain when piped or NO_COLOR."""

from __future__ import annotations

from typing import IO

from ..matching import DENIED, SUPPORTED, CheckResult
from . import byline, rated
from .styled import Segment, line_writer

STYLES = {SUPPORTED: "bold green", DENIED: "bold red"}
DEFAULT_STYLE = "bold yellow"


def verdict_style(verdict: str) -> str:
    return STYLES.get(verdict, DEFAULT_STYLE)


class TextReporter:
    def __init__(self, out: IO[str]) -> None:
        self.line = line_writer(out)
        self.count = 0

    def render(self, result: CheckResult) -> list[list[Segment]]:
        """The result's lines of segments: small to send back from a worker, drawn by `add`."""
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
        return lines

    def add(self, lines: list[list[Segment]]) -> None:
        if self.count:
            self.line([])
        self.count += 1
        for line in lines:
            self.line(line)

    def finish(self) -> None:
        pass
