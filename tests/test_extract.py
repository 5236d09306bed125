"""extract: draft statements from an archived document, and the curator's whole round without
opening the YAML (add-entity, add-source, extract, add, edit, remove, validate)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli

from conftest import MINI_STORE, write_store

GAZETTE = """\
The Gazette, 5 March 2021

Acme and Globex set up a joint venture in Springfield on 4 March 2021.
Acme agreed to buy Initech for $2 billion in February 2021.
The Trade Authority approved the Initech acquisition on 1 March 2021.
Weather in Springfield was mild all week.
Hooli signed a licensing agreement with Globex on 3 March 2021.
Globex invested $50 million in Hooli in January 2021.
"""

HERALD = """\
The Herald, 10 April 2021

Initech denied that it had agreed to sell its Springfield plant to Hooli.
The Trade Authority fined Globex $5 million on 8 April 2021.
Acme completed its acquisition of Initech on 9 April 2021.
Hooli and Acme signed a partnership agreement in April 2021.
Readers wrote many letters about the new park.
Globex abandoned its bid for Hooli on 7 April 2021.
"""


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_extract_prints_drafts_for_what_the_store_does_not_record(tmp_path: Path) -> None:
    store = write_store(tmp_path, MINI_STORE.split("  - id: acme-initech-2021-03-acquisition")[0])
    document = tmp_path / "docs" / "gazette.txt"
    result = invoke("extract", str(document), "--source", "gazette", "--store", str(store))
    assert result.exit_code == 0
    assert result.stdout == (
        f"  # {document}:2:1\n"
        "  - id: acme-initech-acquisition\n"
        "    claim: Acme denied reports that it agreed to buy Initech for $2 billion.\n"
        "    verdict: supported\n"
        "    parties: [acme, initech]\n"
        "    deal: acquisition\n"
        "    said_by: acme\n"
        "    event: {type: acquisition, stage: agreed, attitude: denied}\n"
        "    citations:\n"
        "      - {source: gazette, quote: Acme denied reports that it agreed to buy Initech for $2 billion.}\n")
    assert result.stderr == f"1 proposal(s) from {document}\n"


def test_extract_skips_sentences_the_store_quotes(mini_store: Path) -> None:
    document = mini_store.parent / "docs" / "gazette.txt"
    result = invoke("extract", str(document), "--source", "gazette", "--store", str(mini_store))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{document}: no sentence states a deal event the store does not record\n"


def test_extract_refuses_a_document_that_is_not_the_sources(mini_store: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Acme bought Globex.\n")
    result = invoke("extract", str(other), "--source", "gazette", "--store", str(mini_store))
    assert result.exit_code == 2
    assert result.stderr == f"{other}: not the archived document of source 'gazette' (docs/gazette.txt)\n"


def test_a_curator_builds_a_ten_statement_store_without_opening_the_yaml(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "gazette.txt").write_text(GAZETTE)
    (tmp_path / "docs" / "herald.txt").write_text(HERALD)
    store = ("--store", "desk.yaml")
    for entity_id, name, kind in [("acme", "Acme", "company"), ("globex", "Globex", "company"),
                                  ("initech", "Initech", "company"), ("hooli", "Hooli", "company"),
                                  ("trade-authority", "Trade Authority", "regulator"),
                                  ("springfield", "Springfield", "place")]:
        assert invoke("add-entity", entity_id, "--name", name, "--kind", kind, *store).exit_code == 0
    for source_id, document, day in [("gazette-2021-03-05", "docs/gazette.txt", "2021-03-05"),
                                     ("herald-2021-04-10", "docs/herald.txt", "2021-04-10")]:
        result = invoke("add-source", source_id, "--title", "Deals", "--publisher", "The Press", "--published", day,
                        "--url", f"https://press.example/{day}", "--document", document, *store)
        assert result.exit_code == 0, result.output
    for source_id, document in [("gazette-2021-03-05", "docs/gazette.txt"), ("herald-2021-04-10", "docs/herald.txt")]:
        result = invoke("extract", document, "--source", source_id, "--add", *store)
        assert result.exit_code == 0, result.output
        assert result.stdout.count("added statement") == 5
    result = invoke("add", "--claim", "Hooli signed a licence with Globex", "--verdict", "supported",
                    "--party", "hooli", "--party", "globex", "--source", "gazette-2021-03-05",
                    "--quote", "Hooli signed a licensing agreement with Globex", *store)
    assert result.exit_code == 1  # it nearly duplicates what extract recorded
    assert invoke("edit", "globex-hooli-2021-01-investment", "--date", "2021-01-15", "--dry-run", *store).exit_code == 0
    assert invoke("edit", "globex-hooli-2021-01-investment", "--deal", "stake purchase", *store).exit_code == 0
    assert invoke("remove", "initech-hooli-divestment", *store).exit_code == 0
    assert invoke("add", "--claim", "Acme and Hooli agreed on a partnership in April 2021", "--verdict", "supported",
                  "--party", "hooli", "--party", "acme", "--date", "2021-04", "--source", "herald-2021-04-10",
                  "--quote", "Hooli and Acme signed a partnership agreement in April 2021", "--force",
                  *store).exit_code == 0
    result = invoke("validate", *store)
    assert result.exit_code == 0, result.output
    stats = json.loads(invoke("stats", "--format", "json", *store).stdout)
    assert stats["statements"] == 10
    assert stats["by_source"] == {"gazette-2021-03-05": 5, "herald-2021-04-10": 5}
    assert stats["oldest"] == {"date": "2021-01", "id": "globex-hooli-2021-01-investment"}
    assert "deal: stake purchase" in Path("desk.yaml").read_text()
