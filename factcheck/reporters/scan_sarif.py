"""SARIF 2.1.0, the format code scanning (GitHub, GitLab, Azure DevOps) imports.

One rule per verdict, so a dashboard can filter denied from unverified; each result carries the
sentence's region (columns in Unicode code points, as `columnKind` says), the evidence in its
message, and the matched statement and citations in its properties. Paths are relative to the
repository's top folder (`%SRCROOT%`, whose address `originalUriBaseIds` gives), as code
scanning resolves them. The partial fingerprint hashes the path, the sentence and which
occurrence of that sentence in the file it is, not the line: an alert follows its sentence when
the text above it changes, and two identical sentences of one file stay two alerts.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any, Iterable
from urllib.parse import quote

from .. import __version__
from ..errors import InputError, Location
from ..matching import DENIED, SUPPORTED, UNVERIFIED
from ..scan import STDIN, FileReport, Finding, ScanSummary
from .json import citation_dict, dumps, match_dict
from .scan import explanation, repository_path, shown

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {DENIED: "error", UNVERIFIED: "warning", SUPPORTED: "note"}
RULES = [
    {"id": "factcheck/denied", "name": "DeniedClaim",
     "shortDescription": {"text": "A sentence repeats a claim the store records as denied."},
     "fullDescription": {"text": "The sentence matches a statement that its sources deny, or contradicts "
                                 "one they support."},
     "help": {"text": "Correct the sentence or attribute the claim and its denial; the result cites the "
                      "denial's source."},
     "defaultConfiguration": {"level": "error"}},
    {"id": "factcheck/unverified", "name": "UnverifiedClaim",
     "shortDescription": {"text": "No statement in the store speaks to a sentence about deals."},
     "fullDescription": {"text": "The sentence names a known entity or a deal, but no sourced statement in "
                                 "the store confirms or denies it."},
     "help": {"text": "Verify the claim by other means, or add a sourced statement to the store."},
     "defaultConfiguration": {"level": "warning"}},
    {"id": "factcheck/supported", "name": "SupportedClaim",
     "shortDescription": {"text": "A sentence agrees with a sourced statement in the store."},
     "fullDescription": {"text": "The sentence matches a statement that its sources support."},
     "help": {"text": "No action needed; the result cites the supporting source."},
     "defaultConfiguration": {"level": "note"}},
]
RULE_INDEX = {rule["id"]: i for i, rule in enumerate(RULES)}


INFORMATION_URI = "https://pypi.org/project/deal-factcheck/"
ROOT_ID = "%SRCROOT%"


def artifact_location(path: str, root: Path) -> dict[str, Any]:
    if path == STDIN:  # only in notifications: results from standard input need --stdin-filename
        return {"description": {"text": "standard input"}}
    relative = repository_path(path, root)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative), "uriBaseId": ROOT_ID}


def occurrences(findings: Iterable[Finding]) -> dict[int, int]:
    """For each finding (by id), how many findings of the same sentence come before it in its file."""
    seen: Counter[str] = Counter()
    numbered = {}
    for finding in findings:
        numbered[id(finding)] = seen[finding.sentence]
        seen[finding.sentence] += 1
    return numbered


class SarifReporter:
    def __init__(self, out: IO[str], show: frozenset[str], root: Path) -> None:
        self.out = out
        self.show = show
        self.root = root
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def add(self, report: FileReport) -> None:
        # counted over every checked sentence, so that --show does not change a fingerprint
        occurrence = occurrences(report.findings)
        self.results.extend(self._result(f, occurrence[id(f)]) for f in shown(report.findings, self.show))

    def error(self, error: InputError) -> None:
        self.notifications.append({"level": "error", "message": {"text": error.message},
                                   "locations": [{"physicalLocation": self._physical(error.location)}]})

    def finish(self, summary: ScanSummary) -> None:
        run = {
            "tool": {"driver": {"name": "factcheck", "version": __version__, "informationUri": INFORMATION_URI,
                                "rules": RULES}},
            "originalUriBaseIds": {ROOT_ID: {"uri": self.root.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not summary.errors,
                             "toolExecutionNotifications": self.notifications}],
            "results": self.results,
            "properties": {"summary": asdict(summary)},
        }
        self.out.write(dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n")

    def _result(self, finding: Finding, occurrence: int) -> dict[str, Any]:
        result = finding.result
        rule = f"factcheck/{result.verdict}"
        where = repository_path(finding.path, self.root)
        fingerprint = hashlib.sha256(f"{where}\0{finding.sentence}\0{occurrence}".encode()).hexdigest()[:32]
        return {
            "ruleId": rule,
            "ruleIndex": RULE_INDEX[rule],
            "level": LEVELS[result.verdict],
            "message": {"text": "\n".join([f"{result.verdict.capitalize()}: {finding.sentence}",
                                           *explanation(finding)])},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(finding.path, self.root),
                "region": {"startLine": finding.line, "startColumn": finding.column,
                           "endLine": finding.end_line, "endColumn": finding.end_column}}}],
            "partialFingerprints": {"factcheckSentence/v2": fingerprint},
            "properties": {"score": result.score, "match": match_dict(result.match),
                           "citations": [citation_dict(c, s) for c, s in result.citations]},
        }


    def _physical(self, location: Location) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(location.path, self.root)}
        if location.line:
            physical["region"] = {"startLine": location.line, "startColumn": location.column or 1}
        return physical
