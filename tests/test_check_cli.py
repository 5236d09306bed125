"""`factcheck check`: verdicts, the JSON contract, batches from standard input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import cli
from factcheck.matching import EVENT_ALLOWANCE

from conftest import MINI_STORE, write_store

JSON_FIELDS = {"claim", "verdict", "score", "reason", "match", "citations", "related", "clauses"}
CITATION_FIELDS = {"source", "title", "publisher", "published", "url", "document", "quote"}


def check(runner, store: Path, *args: str, stdin: str | None = None):
    return runner.invoke(cli, ["check", "--store", str(store), *args], input=stdin)


def test_supported_claim_json_contract(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--format", "json", "Acme and Globex formed a JV in Springfield")
    assert result.exit_code == 0
    data = json.loads(result.stdout)["results"][0]
    assert set(data) == JSON_FIELDS
    assert data["verdict"] == "supported"
    assert 0 <= data["score"] <= 100
    assert data["match"] == {"id": "acme-globex-2021-03-jv",
                             "claim": "Acme and Globex set up a joint venture in Springfield on 4 March 2021",
                             "verdict": "supported", "date": "2021-03-04", "parties": ["acme", "globex"]}
    assert data["citations"] == [{
        "kind": "quote", "source": "gazette", "title": "Acme and Globex deal", "publisher": "The Gazette",
        "published": "2021-03-05", "url": "https://gazette.example/acme-globex",
        "document": "docs/gazette.txt", "quote": "Acme and Globex set up a joint venture in Springfield",
        "rating": None, "claim_reviewed": None}]


def test_denied_claim_fails_by_default(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--format", "json", "Acme bought Initech for $2bn")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"][0]["verdict"] == "denied"


def test_asserting_a_recorded_denial_is_supported(runner, mini_store_with_denial: Path) -> None:
    result = check(runner, mini_store_with_denial, "--format", "json", "Acme denied agreeing to buy Initech")
    data = json.loads(result.stdout)["results"][0]
    assert (data["verdict"], data["match"]["id"]) == ("supported", "acme-initech-2021-03-denial")


def test_a_denial_is_not_the_rumour_itself(runner, mini_store: Path) -> None:
    """The rumour statement records the event as false, not who denied it: "Initech denied …"
    must not pass on the strength of it."""
    result = check(runner, mini_store, "--format", "json", "Acme denied agreeing to buy Initech")
    data = json.loads(result.stdout)["results"][0]
    assert data["verdict"] == "unverified"
    assert data["reason"] == "attribution: the claim reports a denial, the statement records the event itself"


@pytest.mark.parametrize("claim, conflict", [
    ("Acme and Globex set up a joint venture in Shelbyville", "place: the claim says Shelbyville"),
    ("Acme and Globex set up a joint venture on 5 March 2021", "date: the claim says 2021-03-05"),
    ("Acme and Initech set up a joint venture in Springfield", "party: the claim names Initech"),
    ("Acme agreed to buy Initech for $3 billion", "figure: the claim says USD 3,000,000,000"),
    ("Acme and Hooli set up a joint venture in Springfield", "name: the claim names Hooli"),
])
def test_near_misses_are_unverified_and_show_why(runner, mini_store: Path, claim: str, conflict: str) -> None:
    result = check(runner, mini_store, "--format", "json", claim)
    data = json.loads(result.stdout)["results"][0]
    assert data["verdict"] == "unverified"
    assert data["match"] is None and data["citations"] == []
    assert any(conflict in c for r in data["related"] for c in r["conflicts"])


def test_unrelated_claim_is_unverified_with_exit_0(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "Nokia agreed to buy Infinera for $2.3 billion")
    assert result.exit_code == 0
    assert result.stdout.startswith("UNVERIFIED")


@pytest.mark.parametrize("fail_on, code", [("denied", 1), ("none", 0), ("unverified", 1), ("supported", 0)])
def test_fail_on(runner, mini_store: Path, fail_on: str, code: int) -> None:
    result = check(runner, mini_store, "--fail-on", fail_on, "Acme bought Initech for $2bn",
                   "Nokia bought Infinera")
    assert result.exit_code == code


def test_fail_on_rejects_unknown_verdicts(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--fail-on", "false", "Acme bought Initech")
    assert result.exit_code == 2
    assert "--fail-on" in result.stderr  # the option named (in click's words), then ours:
    assert "false (choose from supported, denied, unverified, none)" in result.stderr


def test_text_output_shows_verdict_match_and_citation(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "Acme bought Initech for $2bn")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("DENIED (score ")
    assert "Matched Acme agreed to buy Initech for $2 billion" in result.stdout
    assert "Source  Acme and Globex deal — The Gazette, 2021-03-05" in result.stdout
    assert "https://gazette.example/acme-globex" in result.stdout
    assert "archived: docs/gazette.txt" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_stdin_lines_and_json_lines_keep_order_and_ids(runner, mini_store: Path) -> None:
    stdin = ('Acme bought Initech for $2bn\n\n   \n'
             '{"id": "x1", "claim": "Acme and Globex formed a JV in Springfield"}\n'
             'Nokia bought Infinera\n')
    result = check(runner, mini_store, "--format", "jsonl", "--fail-on", "none", stdin=stdin)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in rows] == ["denied", "supported", "unverified"]
    assert rows[1]["id"] == "x1" and "id" not in rows[0]


def test_json_is_one_document_for_several_claims(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--format", "json", "-", stdin="Acme bought Initech\nNokia bought Infinera\n")
    data = json.loads(result.stdout)
    assert data["version"] == 1 and [set(d) for d in data["results"]] == [JSON_FIELDS, JSON_FIELDS]


def test_malformed_json_line_is_reported_and_the_rest_still_checked(runner, mini_store: Path) -> None:
    stdin = '{"claim": "Acme bought Initech"}\n{"claim": oops}\n{"text": "no claim"}\nNokia bought Infinera\n'
    result = check(runner, mini_store, "--format", "jsonl", stdin=stdin)
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert "<stdin>:2:11: invalid JSON: Expecting value" in result.stderr
    assert '<stdin>:3:1: JSON object has no "claim" string' in result.stderr


def test_invalid_utf8_on_stdin_is_an_error_for_that_line(runner, mini_store: Path) -> None:
    result = runner.invoke(cli, ["check", "--store", str(mini_store), "--format", "jsonl"],
                           input=b"Acme bought Initech\n\xff\xfe bad\n")
    assert result.exit_code == 2
    assert "<stdin>:2:1: not valid UTF-8 (byte 0xff)" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_top_adds_ranked_candidates(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--format", "json", "--top", "2", "Acme and Globex JV")
    candidates = json.loads(result.stdout)["results"][0]["candidates"]
    assert [c["id"] for c in candidates][0] == "acme-globex-2021-03-jv"
    assert candidates == sorted(candidates, key=lambda c: -c["score"])


EARLIER_VENTURE = MINI_STORE + """\
  - id: acme-globex-2019-05-jv
    claim: Acme and Globex set up a joint venture in Springfield on 9 May 2019
    verdict: supported
    parties: [acme, globex]
    deal: joint venture
    date: 2019-05-09
    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture in Springfield"}]
"""


def test_top_shows_candidates_but_never_decides(runner, tmp_path: Path, monkeypatch) -> None:
    """With one statement examined, asking for five candidates must not examine five: --top
    shows candidates, and the verdict, match and related statements are what they are without it."""
    monkeypatch.setattr("factcheck.matching.RETRIEVE", 1)
    store = write_store(tmp_path, EARLIER_VENTURE)
    claim = "Acme and Globex set up a joint venture in Springfield on 4 March 2021"
    plain = json.loads(check(runner, store, "--format", "json", claim).stdout)["results"][0]
    shown = json.loads(check(runner, store, "--format", "json", "--top", "5", claim).stdout)["results"][0]
    assert [c["id"] for c in shown.pop("candidates")][:2] == ["acme-globex-2021-03-jv", "acme-globex-2019-05-jv"]
    assert shown == plain


def test_threshold_option_raises_the_bar(runner, mini_store: Path) -> None:
    """A statement whose frame confirms the claim's event decides from the threshold less
    EVENT_ALLOWANCE: a threshold just above the claim's score plus that passes it no more."""
    claim = "Acme and Globex formed a venture"
    default = json.loads(check(runner, mini_store, "--format", "json", claim).stdout)["results"][0]
    assert default["verdict"] == "supported"
    bar = default["score"] + EVENT_ALLOWANCE
    lenient = check(runner, mini_store, "--format", "json", "--threshold", f"{bar - 0.1:.1f}", claim)
    assert json.loads(lenient.stdout)["results"][0]["verdict"] == "supported"
    strict = check(runner, mini_store, "--format", "json", "--threshold", f"{bar + 0.1:.1f}", claim)
    assert json.loads(strict.stdout)["results"][0]["verdict"] == "unverified"


def test_missing_store_is_a_one_line_error(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", "--store", str(tmp_path / "nope.yaml"), "claim"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: store file not found"


def test_broken_pipe_exits_quietly(tmp_path: Path, mini_store: Path) -> None:
    claims = "\n".join(["Acme bought Initech"] * 2000) + "\n"
    command = (f"{sys.executable} -m factcheck check --store {mini_store} --format jsonl --fail-on none - "
               "| head -1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], input=claims, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr
