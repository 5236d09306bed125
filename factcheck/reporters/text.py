"""Readable verdicts for people: coloured at a terminal, plain when piped or NO_COLOR."""

from __future__ import annotations

from typing import IO

from ..matching import DENIED, SUPPORTED, CheckResult
from .styled import Segment, line_writer

STYLES = {SUPPORTED: "bold green", DENIED: "bold red"}
DEFAULT_STYLE = "bold yellow"


def verdict_style(verdict: str) -> str:
    return STYLES.get(verdict, DEFAULT_STYLE)


class TextReporter:
    def __init__(self, out: IO[str]) -> None:
        self.line = line_writer(out)
        self.count = 0

    def render(self, result: CheckResult) -> CheckResult:
        return result  # drawn here, at the console

    def add(self, result: CheckResult) -> None:
        line = self.line
        if self.count:
            line([])
        self.count += 1
        label: list[Segment] = [(f"{result.id}: ", "")] if result.id else []
        line([*label, (result.verdict.upper(), verdict_style(result.verdict)),
              (" ", ""), (f"(score {result.score:.0f})", "dim"), ("  " + result.claim, "")])
        if result.match:
            m = result.match
            when = f", {m.date}" if m.date else ""
            line([("  ", ""), ("Matched", "bold"), (f" {m.claim} ", ""),
                  (f"({m.id}{when}; recorded as {m.verdict})", "dim")])
            for citation, source in result.citations:
                byline = ", ".join(p for p in (source.publisher, source.published) if p)
                line([("  ", ""), ("Source", "bold"), (f"  {source.title} ", ""), (f"— {byline}", "dim")])
                line([("          ", ""), (source.url, f"link {source.url}")])
                line([("          ", ""), ("archived:", "dim"), (f" {source.document}", "")])
                line([("          ", ""), (f"“{citation.quote}”", "italic")])
        if result.related:
            line([("  ", ""), ("Nearest statements" if result.match is None else "Related", "bold")])
            for related in result.related:
                s = related.statement
                line([("   ", ""), (f"{related.score:5.1f}", "dim"), (f"  {s.claim} ", ""),
                      (f"({s.id}; {s.verdict})", "dim")])
                for conflict in related.conflicts:
                    line([("          ", ""), (f"≠ {conflict}", "yellow")])
        elif result.match is None:
            line([("  ", ""), ("No statement in the store speaks to this claim.", "dim")])

    def finish(self) -> None:
        pass
