"""`path:line:col: verdict: sentence` lines, as editors and terminals jump to them.

Each finding is followed by its evidence, indented; files are separated by a blank line. Colour
only on a terminal (rich leaves it out when piped and honours NO_COLOR); lines are never cut, so
a `path:line:col` stays clickable and greppable.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console

from ..errors import InputError
from ..scan import FileReport, Finding, ScanSummary
from .scan import explanation, shown
from .text import DEFAULT_STYLE, STYLES, safe


class ScanTextReporter:
    def __init__(self, out: IO[str], show: frozenset[str]) -> None:
        self.console = Console(file=out, highlight=False, soft_wrap=True)
        self.show = show
        self.files_listed = 0

    def add(self, report: FileReport) -> None:
        findings = shown(report.findings, self.show)
        if not findings:
            return
        if self.files_listed:
            self.console.print()
        self.files_listed += 1
        for finding in findings:
            self._finding(finding)

    def _finding(self, finding: Finding) -> None:
        c = self.console
        verdict = finding.result.verdict
        c.print(f"[bold]{safe(finding.path)}:{finding.line}:{finding.column}:[/] "
                f"[{STYLES.get(verdict, DEFAULT_STYLE)}]{verdict}:[/] {safe(finding.sentence)}")
        for line in explanation(finding):
            style = "italic" if line.startswith("“") else "dim"  # the quote stands out
            c.print(f"    [{style}]{safe(line)}[/]")

    def error(self, error: InputError) -> None:
        pass  # the CLI reports unreadable files on standard error, in every format

    def finish(self, summary: ScanSummary) -> None:
        pass
