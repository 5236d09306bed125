"""Output formats for `scan`: one module per format behind one small interface.

A reporter receives each file's report as soon as it is scanned (so text output streams), each
file that could not be read, and the summary when the run ends. It lists the findings whose
verdict is in `show`; the counts in the summary cover every checked sentence. `SCAN_REPORTERS`
maps each `--format` name to a factory, and only the text format imports rich.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Callable, Iterable, Protocol

from ..errors import InputError
from ..matching import DENIED, SUPPORTED, UNVERIFIED
from ..scan import FileReport, Finding, ScanSummary
from . import byline, rated

SEVERITY = {DENIED: 0, UNVERIFIED: 1, SUPPORTED: 2}
"""Worst first: a denied sentence is an error, an unverified one a warning, a supported one a note."""


ReporterFactory = Callable[[IO[str], frozenset[str], Path], "ScanReporter"]
"""Makes a reporter writing to a stream, listing the verdicts given, with paths relative to a
root folder where the format wants repository paths."""


class ScanReporter(Protocol):
    def add(self, report: FileReport) -> None: ...

    def error(self, error: InputError) -> None: ...

    def finish(self, summary: ScanSummary) -> None: ...


def shown(findings: Iterable[Finding], show: frozenset[str]) -> list[Finding]:
    return [f for f in findings if f.result.verdict in show]


def worst_first(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY[f.result.verdict], f.path, f.line, f.column))


def repository_path(path: str, root: Path) -> str:
    """The path as CI services want it: relative to the repository's top folder `root` (an
    absolute path, resolved) with `/`, or absolute when the file is outside it."""
    absolute = Path(os.path.abspath(path))
    absolute = Path(os.path.realpath(absolute.parent), absolute.name)  # the file's own symlink kept
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def explanation(finding: Finding) -> list[str]:
    """Why the verdict, in plain lines: the statement it matched and its sources, or the nearest."""
    result = finding.result
    if result.match is not None:
        m = result.match
        lines = [f"Matched: {m.claim} ({m.id}{', ' + m.date if m.date else ''}; recorded as {m.verdict})"]
        for citation, source in result.citations:
            if citation.quote is None and source.review is not None:
                lines += [f"Review: {rated(source)}", f"Claim reviewed: “{source.review.claim}”"]
            else:
                lines += [f"Source: {source.title} — {byline(source)}", source.url, f"“{citation.quote}”"]
        return lines
    if not result.related:
        return ["No statement in the store speaks to this sentence."]
    nearest = result.related[0]
    return [f"Nearest: {nearest.statement.claim} ({nearest.statement.id}; recorded as "
            f"{nearest.statement.verdict})", *(f"≠ {c}" for c in nearest.conflicts)]


def summary_line(summary: ScanSummary) -> str:
    s = summary
    line = (f"{s.files} file{'s' if s.files != 1 else ''}: {s.sentences} sentences, {s.checked} checked "
            f"({s.denied} denied, {s.unverified} unverified, {s.supported} supported), "
            f"{s.skipped} skipped, {s.ignored} ignored")
    if s.errors:
        line += f"; {s.errors} file{'s' if s.errors != 1 else ''} could not be read"
    return line


def _text(out: IO[str], show: frozenset[str], root: Path) -> ScanReporter:
    from .scan_text import ScanTextReporter

    return ScanTextReporter(out, show)


def _json(out: IO[str], show: frozenset[str], root: Path) -> ScanReporter:
    from .scan_json import ScanJsonReporter

    return ScanJsonReporter(out, show)


def _github(out: IO[str], show: frozenset[str], root: Path) -> ScanReporter:
    from .scan_github import GithubReporter

    return GithubReporter(out, show, root)


def _sarif(out: IO[str], show: frozenset[str], root: Path) -> ScanReporter:
    from .scan_sarif import SarifReporter

    return SarifReporter(out, show, root)


SCAN_REPORTERS: dict[str, ReporterFactory] = {
    "text": _text, "json": _json, "github": _github, "sarif": _sarif}
