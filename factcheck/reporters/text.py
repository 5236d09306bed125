"""Readable verdicts for people at a terminal: coloured there, plain when piped or NO_COLOR."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape

from ..matching import DENIED, SUPPORTED, CheckResult

STYLES = {SUPPORTED: "bold green", DENIED: "bold red"}
DEFAULT_STYLE = "bold yellow"


def verdict_label(verdict: str) -> str:
    style = STYLES.get(verdict, DEFAULT_STYLE)
    return f"[{style}]{verdict.upper()}[/]"


class TextReporter:
    def __init__(self, out: IO[str]) -> None:
        # soft_wrap: when piped, lines stay whole instead of being cut at 80 columns
        self.console = Console(file=out, highlight=False, soft_wrap=not out.isatty())
        self.count = 0

    def add(self, result: CheckResult) -> None:
        c = self.console
        if self.count:
            c.print()
        self.count += 1
        label = f"{escape(result.id)}: " if result.id else ""
        c.print(f"{label}{verdict_label(result.verdict)} [dim](score {result.score:.0f})[/]  "
                f"{escape(result.claim)}")
        if result.match:
            m = result.match
            when = f", {m.date}" if m.date else ""
            c.print(f"  [bold]Matched[/] {escape(m.claim)} [dim]({m.id}{when}; recorded as {m.verdict})[/]")
            for citation, source in result.citations:
                byline = ", ".join(p for p in (source.publisher, source.published) if p)
                c.print(f"  [bold]Source[/]  {escape(source.title)} [dim]— {escape(byline)}[/]")
                c.print(f"          [link={source.url}]{escape(source.url)}[/link]")
                c.print(f"          [dim]archived:[/] {escape(source.document)}")
                c.print(f"          [italic]“{escape(citation.quote)}”[/]")
        if result.related:
            heading = "Nearest statements" if result.match is None else "Related"
            c.print(f"  [bold]{heading}[/]")
            for related in result.related:
                s = related.statement
                c.print(f"   [dim]{related.score:5.1f}[/]  {escape(s.claim)} [dim]({s.id}; {s.verdict})[/]")
                for conflict in related.conflicts:
                    c.print(f"          [yellow]≠ {escape(conflict)}[/]")
        elif result.match is None:
            c.print("  [dim]No statement in the store speaks to this claim.[/]")

    def finish(self) -> None:
        pass
