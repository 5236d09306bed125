"""Readable verdicts for people at a terminal: coloured there, plain when piped or NO_COLOR."""

from __future__ import annotations

import re
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.style import Style
from rich.text import Text

from ..matching import DENIED, SUPPORTED, CheckResult

STYLES = {SUPPORTED: "bold green", DENIED: "bold red"}
DEFAULT_STYLE = "bold yellow"


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on rather than shows: control characters (escape sequences, bells,
backspaces) and the bidirectional overrides and isolates that reorder what surrounds them."""


def printable(text: str) -> str:
    """Characters that would act on the terminal shown as escapes (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe(text: str) -> str:
    """Text from a claim, article or store, ready for rich markup: shown as written, whatever
    brackets or control characters it holds."""
    return escape(printable(text))


def link(url: str, indent: str) -> Text:
    """A URL as a terminal hyperlink (the target is a style, not markup, so any URL is safe)."""
    return Text.assemble(indent, (printable(url), Style(link=url)))


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
        label = f"{safe(result.id)}: " if result.id else ""
        c.print(f"{label}{verdict_label(result.verdict)} [dim](score {result.score:.0f})[/]  "
                f"{safe(result.claim)}")
        if result.match:
            m = result.match
            when = f", {m.date}" if m.date else ""
            c.print(f"  [bold]Matched[/] {safe(m.claim)} [dim]({m.id}{when}; recorded as {m.verdict})[/]")
            for citation, source in result.citations:
                byline = ", ".join(p for p in (source.publisher, source.published) if p)
                c.print(f"  [bold]Source[/]  {safe(source.title)} [dim]— {safe(byline)}[/]")
                c.print(link(source.url, "          "))
                c.print(f"          [dim]archived:[/] {safe(source.document)}")
                c.print(f"          [italic]“{safe(citation.quote)}”[/]")
        if result.related:
            heading = "Nearest statements" if result.match is None else "Related"
            c.print(f"  [bold]{heading}[/]")
            for related in result.related:
                s = related.statement
                c.print(f"   [dim]{related.score:5.1f}[/]  {safe(s.claim)} [dim]({s.id}; {s.verdict})[/]")
                for conflict in related.conflicts:
                    c.print(f"          [yellow]≠ {safe(conflict)}[/]")
        elif result.match is None:
            c.print("  [dim]No statement in the store speaks to this claim.[/]")

    def finish(self) -> None:
        pass
