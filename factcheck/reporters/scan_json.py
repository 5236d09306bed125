"""One JSON document per run: the files read, the findings listed, and the counts.

Findings reuse the `check` contract for their match and citations, so one consumer reads both.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import IO, Any

from ..errors import InputError
from ..scan import FileReport, Finding, ScanSummary
from .json import OUTPUT_VERSION, citation_dict, dumps, match_dict
from .scan import shown


def finding_dict(finding: Finding) -> dict[str, Any]:
    result = finding.result
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "sentence": finding.sentence,
        "verdict": result.verdict,
        "score": result.score,
        "match": match_dict(result.match),
        "citations": [citation_dict(c, s) for c, s in result.citations],
    }


class ScanJsonReporter:
    def __init__(self, out: IO[str], show: frozenset[str]) -> None:
        self.out = out
        self.show = show
        self.files: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []

    def add(self, report: FileReport) -> None:
        self.files.append({"path": report.path, "sentences": report.sentences, "checked": report.checked,
                           "skipped": report.skipped, "ignored": report.ignored})
        self.findings.extend(finding_dict(f) for f in shown(report.findings, self.show))

    def error(self, error: InputError) -> None:
        location = error.location
        self.files.append({"path": location.path, "error": error.message,
                           "line": location.line or None, "column": location.column or None})

    def finish(self, summary: ScanSummary) -> None:
        data = {"version": OUTPUT_VERSION, "files": self.files, "findings": self.findings, "summary": asdict(summary)}
        self.out.write(dumps(data, indent=2) + "\n")
