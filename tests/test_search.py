"""`factcheck search` and `factcheck show`: ranking, filters, output contracts, unknown ids."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.index import StoreIndex, build_index
from factcheck.search import Filters, date_span, search
from factcheck.store import load_store

from conftest import MINI_STORE, write_store

LABS = MINI_STORE.replace(
    "  initech: {name: Initech, kind: company}\n",
    "  initech: {name: Initech, kind: company}\n"
    "  globex-labs: {name: Globex Labs, kind: company, parent: globex}\n",
).replace(
    "sources:\n",
    "sources:\n  wire: {title: Labs licence, publisher: The Wire, published: 2022-07-02, "
    "url: \"https://wire.example/labs\", document: docs/wire.txt, author: Jo Reporter}\n",
) + """\
  - id: globex-labs-initech-2022-07-licence
    claim: Globex Labs licensed its battery patents to Initech in July 2022
    verdict: supported
    parties: [globex-labs, initech]
    deal: licence
    date: 2022-07
    said_by: globex
    said_on: 2022-07-01
    citations: [{source: wire, quote: "Globex Labs licensed its battery patents to Initech"}]
"""


@pytest.fixture
def labs_store(tmp_path: Path) -> Path:
    store = write_store(tmp_path, LABS)
    (tmp_path / "docs" / "wire.txt").write_text("Globex Labs licensed its battery patents to Initech.\n",
                                                encoding="utf-8")
    return store


def ids(runner: CliRunner, store: Path, *args: str) -> list[str]:
    result = runner.invoke(cli, ["search", "--store", str(store), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [hit["id"] for hit in json.loads(result.stdout)]


def test_most_relevant_first(runner: CliRunner, labs_store: Path) -> None:
    assert ids(runner, labs_store, "Acme", "buys", "Initech") == [
        "acme-initech-2021-03-acquisition", "acme-globex-2021-03-jv", "globex-labs-initech-2022-07-licence"]
    assert ids(runner, labs_store, "battery patents") == ["globex-labs-initech-2022-07-licence"]
    assert ids(runner, labs_store, "Springfield", "joint", "venture") == ["acme-globex-2021-03-jv"]


def test_search_json_contract(runner: CliRunner, labs_store: Path) -> None:
    result = runner.invoke(cli, ["search", "--store", str(labs_store), "--format", "json", "battery licence"])
    [hit] = json.loads(result.stdout)
    score = hit.pop("score")
    assert 0 < score <= 100
    assert hit == {"id": "globex-labs-initech-2022-07-licence",
                   "claim": "Globex Labs licensed its battery patents to Initech in July 2022",
                   "verdict": "supported", "date": "2022-07", "deal": "licence",
                   "parties": ["globex-labs", "initech"], "sources": ["wire"]}
    lines = runner.invoke(cli, ["search", "--store", str(labs_store), "--format", "jsonl", "Initech"]).stdout
    assert [json.loads(line)["id"] for line in lines.splitlines()] == [
        "acme-initech-2021-03-acquisition", "globex-labs-initech-2022-07-licence"]


@pytest.mark.parametrize("args, expected", [
    (["--party", "globex"], ["acme-globex-2021-03-jv", "globex-labs-initech-2022-07-licence"]),  # with subsidiaries
    (["--party", "Globex Labs"], ["globex-labs-initech-2022-07-licence"]),
    (["--party", "ACME", "--party", "initech"], ["acme-initech-2021-03-acquisition"]),
    (["--verdict", "denied"], ["acme-initech-2021-03-acquisition"]),
    (["--verdict", "denied", "--verdict", "supported", "--limit", "1"], ["acme-globex-2021-03-jv"]),
    (["--since", "2021-03-10"], ["acme-initech-2021-03-acquisition", "globex-labs-initech-2022-07-licence"]),
    (["--until", "2021-03-03"], ["acme-initech-2021-03-acquisition"]),
    (["--since", "2022", "--until", "2022-07-01"], ["globex-labs-initech-2022-07-licence"]),
    (["--until", "2020"], []),
    (["--source", "wire"], ["globex-labs-initech-2022-07-licence"]),
    (["--source", "gazette", "Initech"], ["acme-initech-2021-03-acquisition"]),
])
def test_filters(runner: CliRunner, labs_store: Path, args: list[str], expected: list[str]) -> None:
    assert ids(runner, labs_store, *args) == expected


def test_piped_text_is_tab_separated_and_nothing_found_says_so(runner: CliRunner, labs_store: Path) -> None:
    result = runner.invoke(cli, ["search", "--store", str(labs_store), "--verdict", "denied"])
    assert result.exit_code == 0
    assert result.stdout == ("\tacme-initech-2021-03-acquisition\tdenied\t2021-03\t"
                             "Acme agreed to buy Initech for $2 billion\n")
    result = runner.invoke(cli, ["search", "--store", str(labs_store), "--until", "2020"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no statement matches\n")


@pytest.mark.parametrize("args, error", [
    (["--party", "globx"], "--party: unknown entity 'globx' (did you mean 'globex', 'globex-labs'?)"),
    (["--source", "gazete"], "--source: unknown source 'gazete' (did you mean 'gazette'?)"),
])
def test_unknown_filter_values_are_errors(runner: CliRunner, labs_store: Path, args: list[str], error: str) -> None:
    result = runner.invoke(cli, ["search", "--store", str(labs_store), *args])
    assert (result.exit_code, result.stderr) == (2, error + "\n")


def test_bad_date_is_a_usage_error(runner: CliRunner, labs_store: Path) -> None:
    result = runner.invoke(cli, ["search", "--store", str(labs_store), "--since", "March 2021"])
    assert result.exit_code == 2
    assert "'March 2021' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY" in result.stderr


def test_date_spans() -> None:
    assert date_span("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span("2024-02-03") == (date(2024, 2, 3), date(2024, 2, 3))
    with pytest.raises(ValueError):
        date_span("2024-02-30")


def test_library_search_without_query_keeps_store_order(labs_store: Path) -> None:
    index = build_index(load_store([labs_store]))
    hits = search(index, "", Filters(parties=("initech",)))
    assert [(h.statement.id, h.score) for h in hits] == [
        ("acme-initech-2021-03-acquisition", None), ("globex-labs-initech-2022-07-licence", None)]


def test_show_json_is_the_statement_in_full(runner: CliRunner, labs_store: Path) -> None:
    result = runner.invoke(cli, ["show", "--store", str(labs_store), "--format", "json",
                                 "globex-labs-initech-2022-07-licence"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "id": "globex-labs-initech-2022-07-licence",
        "claim": "Globex Labs licensed its battery patents to Initech in July 2022",
        "verdict": "supported", "deal": "licence", "date": "2022-07",
        "parties": [{"id": "globex-labs", "name": "Globex Labs", "kind": "company"},
                    {"id": "initech", "name": "Initech", "kind": "company"}],
        "places": [],
        "said_by": {"id": "globex", "name": "Globex", "kind": "company"}, "said_on": "2022-07-01",
        "appeared_in": [],
        "citations": [{"kind": "quote", "source": "wire", "title": "Labs licence", "publisher": "The Wire", "published": "2022-07-02",
                       "url": "https://wire.example/labs", "document": "docs/wire.txt",
                       "quote": "Globex Labs licensed its battery patents to Initech", "rating": None,
                       "claim_reviewed": None}],
        "location": f"{labs_store}:29:5",
    }


def test_show_text(runner: CliRunner, labs_store: Path) -> None:
    result = runner.invoke(cli, ["show", "--store", str(labs_store), "acme-globex-2021-03-jv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "acme-globex-2021-03-jv  SUPPORTED",
        "  Acme and Globex set up a joint venture in Springfield on 4 March 2021",
        "  Deal     joint venture",
        "  Date     2021-03-04",
        "  Parties  Acme Corp (acme, company); Globex (globex, company)",
        "  Places   Springfield (springfield, place)",
        f"  Recorded {labs_store}:14:5",
        "  [1] Acme and Globex deal — The Gazette, 2021-03-05 (gazette)",
        "      https://gazette.example/acme-globex",
        "      archived: docs/gazette.txt",
        "      “Acme and Globex set up a joint venture in Springfield”",
    ]


def test_show_unknown_id_suggests_close_ones(runner: CliRunner, labs_store: Path) -> None:
    result = runner.invoke(cli, ["show", "--store", str(labs_store), "acme-globex-2021-jv"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("<argument>: no statement with id 'acme-globex-2021-jv' "
                             "(did you mean 'acme-globex-2021-03-jv'?)\n")
