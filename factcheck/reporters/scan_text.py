"""`path:line:col: verdict: sentence` lines, as editors and terminals jump to them.

Each finding is followed by its evidence, indented; files are separated by a blank line. Colour
and folding only on a terminal (see `styled`): words and the `path:line:col` are never broken, so
it stays clickable, and piped lines are never folded, so it stays greppable.
"""

from __future__ import annotations

from typing import IO

from ..errors import InputError
from ..scan import FileReport, Finding, ScanSummary
from .scan import explanation, shown
from .styled import line_writer
from .text import verdict_style


FINDING_HANG = 4
"""A finding's sentence folds to the evidence's indentation..."""
EXPLANATION_HANG = 6
"""... and the evidence a little further, so each item of it starts visibly."""


class ScanTextReporter:
    def __init__(self, out: IO[str], show: frozenset[str]) -> None:
        self.line = line_writer(out)
        self.show = show
        self.files_listed = 0

    def add(self, report: FileReport) -> None:
        findings = shown(report.findings, self.show)
        if not findings:
            return
        if self.files_listed:
            self.line([])
        self.files_listed += 1
        for finding in findings:
            self._finding(finding)

    def _finding(self, finding: Finding) -> None:
        verdict = finding.result.verdict
        self.line([(f"{finding.path}:{finding.line}:{finding.column}:", "bold"), (" ", ""),
                   (f"{verdict}:", verdict_style(verdict)), (f" {finding.sentence}", "")], FINDING_HANG)
        for text in explanation(finding):
            style = "italic" if text.startswith("“") else "dim"  # the quote stands out
            self.line([("    ", ""), (text, style)], EXPLANATION_HANG)

    def error(self, error: InputError) -> None:
        pass  # the CLI reports unreadable files on standard error, in every format

    def finish(self, summary: ScanSummary) -> None:
        pass
