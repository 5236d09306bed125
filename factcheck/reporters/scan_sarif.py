"""SARIF 2.1.0, the format code scanning (GitHub, GitLab, Azure DevOps) imports.

One rule per verdict, so a dashboard can filter denied from unverified; each result carries the
sentence's region (columns in Unicode code points, as `columnKind` says), the evidence in its
message, and the matched statement and citations in its properties. The partial fingerprint
hashes the path and the sentence, not the line, so an alert follows its sentence when the text
above it changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any
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


def artifact_location(path: str) -> dict[str, Any]:
    if path == STDIN:
        return {"description": {"text": "standard input"}}
    relative = repository_path(path)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}


class SarifReporter:
    def __init__(self, out: IO[str], show: frozenset[str]) -> None:
        self.out = out
        self.show = show
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def add(self, report: FileReport) -> None:
        self.results.extend(self._result(f) for f in shown(report.findings, self.show))

    def error(self, error: InputError) -> None:
        self.notifications.append({"level": "error", "message": {"text": error.message},
                                   "locations": [{"physicalLocation": _physical(error.location)}]})

    def finish(self, summary: ScanSummary) -> None:
        run = {
            "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": RULES}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not summary.errors,
                             "toolExecutionNotifications": self.notifications}],
            "results": self.results,
            "properties": {"summary": asdict(summary)},
        }
        self.out.write(dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n")

    @staticmethod
    def _result(finding: Finding) -> dict[str, Any]:
        result = finding.result
        rule = f"factcheck/{result.verdict}"
        fingerprint = hashlib.sha256(f"{finding.path}\0{finding.sentence}".encode()).hexdigest()[:32]
        return {
            "ruleId": rule,
            "ruleIndex": RULE_INDEX[rule],
            "level": LEVELS[result.verdict],
            "message": {"text": "\n".join([f"{result.verdict.capitalize()}: {finding.sentence}",
                                           *explanation(finding)])},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(finding.path),
                "region": {"startLine": finding.line, "startColumn": finding.column,
                           "endLine": finding.end_line, "endColumn": finding.end_column}}}],
            "partialFingerprints": {"factcheckSentence/v1": fingerprint},
            "properties": {"score": result.score, "match": match_dict(result.match),
                           "citations": [citation_dict(c, s) for c, s in result.citations]},
        }


def _physical(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(location.path)}
    if location.line:
        physical["region"] = {"startLine": location.line, "startColumn": location.column or 1}
    return physical
