"""`factcheck scan`: drafts checked like a linter, in every output format, with the mini store."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.index import StoreIndex, build_index
from factcheck.scan import about_domain, scan_text
from factcheck.store import Entity, load_store

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

DRAFT = """\
---
title: Markets roundup
---
# Markets roundup

Shares were flat on Monday. Analysts expect a quiet week.
Acme agreed to buy Initech for $2 billion.

```
Acme agreed to buy Initech for $2 billion.
```

Acme and Globex set up a joint venture in Springfield on 4 March 2021.
"""

TRUE_DRAFT = """\
# Springfield business

Acme and Globex set up a joint venture in Springfield on 4 March 2021.
Acme denied reports that it agreed to buy Initech for $2 billion.
The weather stayed fine.
"""

FINDING_KEYS = ["path", "line", "column", "end_line", "end_column", "sentence", "verdict", "score", "match",
                "citations"]
# GitHub's documented syntax: ::command key=value,key=value::message, with %, CR, LF escaped
# everywhere and ':' ',' escaped in property values.
WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning|notice)"
    r"(?: (?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*)?"
    r"::[^\r\n]*$")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not inside GitHub Actions, and no forced colour, whatever the machine running the tests says."""
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def scan(runner: CliRunner, store: Path, *args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(cli, ["scan", "--store", str(store), *args], input=stdin)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_denied_rumour_fails_with_its_place_and_the_denial(runner: CliRunner, mini_store: Path,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "draft.md", DRAFT)
    result = scan(runner, mini_store, "draft.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "draft.md:7:1: denied: Acme agreed to buy Initech for $2 billion.",
        "    Matched: Acme agreed to buy Initech for $2 billion "
        "(acme-initech-2021-03-acquisition, 2021-03; recorded as denied)",
        "    Source: Acme and Globex deal — The Gazette, 2021-03-05",
        "    https://gazette.example/acme-globex",
        "    “Acme denied reports that it agreed to buy Initech for $2 billion”",
    ]
    assert result.stderr == ("1 file: 5 sentences, 2 checked (1 denied, 0 unverified, 1 supported), "
                             "3 skipped, 0 ignored\n")


def test_true_sentences_pass(runner: CliRunner, mini_store_with_denial: Path, tmp_path: Path) -> None:
    draft = write(tmp_path, "true.md", TRUE_DRAFT)
    result = scan(runner, mini_store_with_denial, str(draft))
    assert (result.exit_code, result.stdout) == (0, "")
    shown = scan(runner, mini_store_with_denial, "--format", "json", "--show", "supported,unverified", str(draft))
    assert shown.exit_code == 0
    findings = json.loads(shown.stdout)["findings"]
    assert [(f["line"], f["verdict"], f["match"]["id"]) for f in findings] == [
        (3, "supported", "acme-globex-2021-03-jv"), (4, "supported", "acme-initech-2021-03-denial")]


def test_code_and_unrelated_prose_are_not_checked(runner: CliRunner, mini_store: Path, tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    result = scan(runner, mini_store, "--format", "json", "--show", "supported,denied,unverified", str(draft))
    data = json.loads(result.stdout)
    assert [(f["line"], f["sentence"]) for f in data["findings"]] == [
        (7, "Acme agreed to buy Initech for $2 billion."),
        (13, "Acme and Globex set up a joint venture in Springfield on 4 March 2021."),
    ]
    assert data["files"] == [{"path": str(draft), "sentences": 5, "checked": 2, "skipped": 3, "ignored": 0}]


def test_json_contract(runner: CliRunner, mini_store: Path, tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    data = json.loads(scan(runner, mini_store, "--format", "json", str(draft)).stdout)
    assert list(data) == ["version", "files", "findings", "summary"] and data["version"] == 1
    [finding] = data["findings"]
    assert list(finding) == FINDING_KEYS
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (7, 1, 7, 43)
    assert finding["verdict"] == "denied"
    assert finding["citations"][0]["quote"] == "Acme denied reports that it agreed to buy Initech for $2 billion"
    assert data["summary"] == {"files": 1, "errors": 0, "sentences": 5, "checked": 2, "skipped": 3,
                               "ignored": 0, "supported": 1, "denied": 1, "unverified": 0}


def test_github_commands_follow_the_documented_syntax(runner: CliRunner, mini_store: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a, b.md", "Globex bought Initech in 2019.\n\n" + DRAFT)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # picks the format when none is given
    result = scan(runner, mini_store, "--show", "unverified", "a, b.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(WORKFLOW_COMMAND.match(line) for line in lines), lines
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning"]  # worst first
    assert lines[0].startswith("::error file=a%2C b.md,line=9,col=1,endLine=9,endColumn=43,"
                               "title=factcheck%3A denied::Acme agreed to buy Initech for $2 billion.%0A")
    assert "%0A“Acme denied reports that it agreed to buy Initech for $2 billion”" in lines[0]
    assert lines[1].startswith("::warning file=a%2C b.md,line=1,col=1,endLine=1,endColumn=31,"
                               "title=factcheck%3A unverified::Globex bought Initech in 2019.%0A")


def test_github_says_how_many_findings_are_not_annotated(runner: CliRunner, mini_store: Path,
                                                         tmp_path: Path) -> None:
    draft = write(tmp_path, "many.md", "Acme agreed to buy Initech for $2 billion.\n\n" * 12)
    lines = scan(runner, mini_store, "--format", "github", str(draft)).stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 12 + ["::notice"]
    assert lines[-1] == ("::notice title=factcheck%3A more findings::2 more findings are in this step's log but "
                         "not annotated: GitHub annotates only 10 errors, warnings and notices per step "
                         "(worst first). Run factcheck scan locally to see them all.")


def test_sarif_validates_against_the_official_schema(runner: CliRunner, mini_store: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "draft.md", DRAFT)
    (tmp_path / "broken.md").write_bytes(b"Acme \xff\n")
    result = scan(runner, mini_store, "--format", "sarif", "--show", "supported,denied,unverified",
                  "--stdin-filename", "pasted.md", "draft.md", "broken.md", "-",
                  stdin="Globex bought Initech in 2019.\n")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    [run] = log["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == \
        ["factcheck/denied", "factcheck/unverified", "factcheck/supported"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("factcheck/denied", "error"), ("factcheck/supported", "note"), ("factcheck/unverified", "warning")]
    denied = run["results"][0]
    assert denied["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "draft.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 43}}
    assert denied["properties"]["citations"][0]["url"] == "https://gazette.example/acme-globex"
    assert run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"] == \
        {"uri": "pasted.md", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert run["tool"]["driver"]["informationUri"] == "https://pypi.org/project/deal-factcheck/"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == \
        "not valid UTF-8 (byte 0xff); save the file as UTF-8"


@pytest.mark.parametrize("args, expected", [
    ((), 0),
    (("--fail-on", "denied,unverified"), 1),
    (("--fail-on", "none"), 0),
])
def test_exit_status_follows_fail_on(runner: CliRunner, mini_store: Path, tmp_path: Path,
                                     args: tuple[str, ...], expected: int) -> None:
    draft = write(tmp_path, "draft.md", "Globex bought Initech in 2019.\n")
    result = scan(runner, mini_store, *args, str(draft))
    assert result.exit_code == expected
    assert result.stdout.splitlines() == ([
        f"{draft}:1:1: unverified: Globex bought Initech in 2019.",
        "    Nearest: Acme agreed to buy Initech for $2 billion (acme-initech-2021-03-acquisition; "
        "recorded as denied)",
        "    ≠ party: the claim names Globex, the statement does not",
        "    ≠ date: the claim says 2019, the statement 2021-03",
    ] if expected else [])


def test_unreadable_files_are_errors_and_the_rest_is_scanned(runner: CliRunner, mini_store: Path,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Acme a acquis Initech à Genève.\n".encode("latin-1"))
    write(tmp_path, "draft.md", DRAFT)
    result = scan(runner, mini_store, "binary.md", "missing.md", "latin1.txt", "draft.md")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "binary.md:3:1: binary file (NUL byte); scan reads UTF-8 text",
        "missing.md: cannot read: No such file or directory",
        "latin1.txt:1:23: not valid UTF-8 (byte 0xe0); save the file as UTF-8",
        "1 file: 5 sentences, 2 checked (1 denied, 0 unverified, 1 supported), 3 skipped, 0 ignored; "
        "3 files could not be read",
    ]
    assert result.stdout.startswith("draft.md:7:1: denied: Acme agreed to buy Initech for $2 billion.\n")


def test_standard_input(runner: CliRunner, mini_store: Path) -> None:
    result = scan(runner, mini_store, "-", stdin=b"\xef\xbb\xbfIntro.\r\n\r\nAcme agreed to buy Initech for $2 billion.\r\n")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "<stdin>:3:1: denied: Acme agreed to buy Initech for $2 billion."


def test_reviewer_can_silence_a_finding(runner: CliRunner, mini_store: Path, tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT.replace("Acme agreed to buy Initech for $2 billion.\n\n",
                                                      "<!-- factcheck: ignore -->\nAcme agreed to buy Initech for "
                                                      "$2 billion.\n\n", 1))
    result = scan(runner, mini_store, str(draft))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.endswith("3 skipped, 1 ignored\n")


def test_pre_commit_hook_runs_this_command() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    program, command = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert (hook["id"], program, command, hook["language"]) == ("factcheck-scan", "factcheck", "scan", "python")
    assert scripts[program] == "factcheck.cli:main" and command in cli.commands
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


def test_usage_errors_exit_2(runner: CliRunner, mini_store: Path) -> None:
    assert scan(runner, mini_store).exit_code == 2
    assert scan(runner, mini_store, "-", "-").exit_code == 2
    assert scan(runner, mini_store, "--format", "xml", "a.md").exit_code == 2


@pytest.mark.parametrize("sentence, checked", [
    ("Acme opened a new office.", True),           # names a company
    ("The joint venture was approved in March.", True),  # deal vocabulary only
    ("Acme and Globex", False),                    # names alone say nothing
    ("Springfield was sunny on Monday.", False),   # a place alone
    ("Let us know what you think.", False),        # 'us' is not the United States
    ("It is clear that prices rose.", False),      # 'clear' is not clearance here
])
def test_domain_filter(sentence: str, checked: bool, mini_store: Path) -> None:
    store = load_store([mini_store])
    us = Entity("united-states", "United States", "government", ("US",))
    index = build_index(replace(store, entities={**store.entities, us.id: us}))
    assert about_domain(sentence, index) is checked
    report = scan_text(sentence, "a.md", index)
    assert (report.checked, report.skipped) == ((1, 0) if checked else (0, 1))


def test_a_finding_points_at_the_clause_that_decided(runner: CliRunner, mini_store: Path, tmp_path: Path) -> None:
    """One clause true, one the store records as false: the sentence is denied, and the finding's
    columns are the false clause's, so a reviewer sees which half to fix."""
    sentence = "Acme and Globex set up a joint venture in Springfield, and Acme bought Initech for $2 billion."
    draft = write(tmp_path, "two.md", f"# Deals\n\n{sentence}\n")
    result = scan(runner, mini_store, "--format", "json", str(draft))
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    start = sentence.index("Acme bought")
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, start + 1, len(sentence) + 1)
    assert finding["verdict"] == "denied"
    assert finding["match"]["id"] == "acme-initech-2021-03-acquisition"
    text = scan(runner, mini_store, str(draft))
    assert text.stdout.startswith(f"{draft}:3:{start + 1}: denied: {sentence}\n")
