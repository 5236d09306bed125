"""GitHub Actions workflow commands: findings become annotations on the pull request.

Syntax and escaping follow GitHub's documented workflow commands (and @actions/core, which
implements them): `::error file=…,line=…,col=…,endColumn=…,title=…::message`, with `%`, CR and LF
escaped in the message and, in properties, also `:` and `,`. GitHub turns only 10 errors, 10
warnings and 10 notices of a step into annotations (every line stays in the log), so the worst
come first and a notice says how many more there are.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from ..errors import InputError, printable
from ..matching import DENIED, UNVERIFIED
from ..scan import STDIN, FileReport, Finding, ScanSummary
from .scan import explanation, repository_path, shown, worst_first

ANNOTATIONS_PER_KIND = 10
"""Annotations of one kind (error, warning, notice) GitHub shows per step."""
COMMANDS = {DENIED: "error", UNVERIFIED: "warning"}
"""Workflow command per verdict; supported sentences, when shown, are notices."""


def escape_data(value: str) -> str:
    """As GitHub reads it back, after control characters are shown as text output shows them
    (`printable`): a store's or article's escape sequences never reach a log or annotation."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


class GithubReporter:
    def __init__(self, out: IO[str], show: frozenset[str], root: Path) -> None:
        self.out = out
        self.show = show
        self.root = root
        self.findings: list[Finding] = []
        self.errors: list[str] = []

    def add(self, report: FileReport) -> None:
        self.findings.extend(shown(report.findings, self.show))

    def error(self, error: InputError) -> None:
        location = error.location
        place: dict[str, str | int] = {} if location.path == STDIN else {"file": repository_path(location.path, self.root)}
        if location.line:
            place |= {"line": location.line, "col": location.column or 1}
        self.errors.append(command("error", error.message, **place, title="factcheck: cannot read"))

    def finish(self, summary: ScanSummary) -> None:
        lines = list(self.errors)
        notices: list[str] = []
        for finding in worst_first(self.findings):
            name = COMMANDS.get(finding.result.verdict, "notice")
            (notices if name == "notice" else lines).append(self._annotation(name, finding))
        counts = {kind: sum(line.startswith(f"::{kind}") for line in lines + notices)
                  for kind in ("error", "warning", "notice")}
        if any(n > ANNOTATIONS_PER_KIND for n in counts.values()):
            # this notice takes one of the notices' places
            hidden = (max(0, counts["error"] - ANNOTATIONS_PER_KIND)
                      + max(0, counts["warning"] - ANNOTATIONS_PER_KIND)
                      + max(0, counts["notice"] - (ANNOTATIONS_PER_KIND - 1)))
            lines.append(command(
                "notice", f"{hidden} more finding{'s are' if hidden != 1 else ' is'} in this step's log "
                f"but not annotated: GitHub annotates only {ANNOTATIONS_PER_KIND} errors, warnings and "
                "notices per step (worst first). Run factcheck scan locally to see them all.",
                title="factcheck: more findings"))
        for line in lines + notices:
            self.out.write(line + "\n")

    def _annotation(self, name: str, finding: Finding) -> str:
        place: dict[str, str | int] = {}
        if finding.path != STDIN:
            place["file"] = repository_path(finding.path, self.root)
        if finding.end_line == finding.line:
            place |= {"line": finding.line, "col": finding.column, "endLine": finding.end_line,
                      "endColumn": finding.end_column}
        else:  # the toolkit forbids columns when the lines differ
            place |= {"line": finding.line, "endLine": finding.end_line}
        message = "\n".join([finding.sentence, *explanation(finding)])
        return command(name, message, **place, title=f"factcheck: {finding.result.verdict}")
