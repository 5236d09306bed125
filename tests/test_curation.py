"""edit, remove and stats: curation without opening the YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

from conftest import MINI_STORE, write_store

COMMENTED = "# the desk's store\n" + MINI_STORE.replace("statements:\n", "# statements follow\nstatements:\n")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return write_store(tmp_path, COMMENTED)


def run(store: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [*args, "--store", str(store)], env=env)


def test_edit_sets_and_clears_fields_in_place_keeping_comments_and_order(store: Path) -> None:
    result = run(store, "edit", "acme-globex-2021-03-jv", "--date", "2021-03", "--deal", "",
                 "--event-type", "joint-venture", "--event-stage", "agreed")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"edited statement acme-globex-2021-03-jv in {store}\n"
    assert store.read_text() == COMMENTED.replace(
        "    deal: joint venture\n    date: 2021-03-04\n",
        "    date: 2021-03\n    event: {type: joint-venture, stage: agreed}\n")


def test_edit_dry_run_prints_the_diff_and_writes_nothing(store: Path) -> None:
    before = store.read_bytes()
    result = run(store, "edit", "acme-globex-2021-03-jv", "--verdict", "denied", "--dry-run")
    assert result.exit_code == 0
    assert "-    verdict: supported\n+    verdict: denied\n" in result.stdout
    assert result.stderr == "dry run: nothing written\n"
    assert store.read_bytes() == before


def test_an_edit_that_would_not_validate_is_refused(store: Path) -> None:
    before = store.read_bytes()
    result = run(store, "edit", "acme-globex-2021-03-jv", "--party", "acme", "--party", "hooli")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{store}:17:21: unknown entity 'hooli' in parties",
                                          "nothing written: the store would not be valid"]
    assert store.read_bytes() == before


def test_editing_an_unknown_id_names_the_nearest(store: Path) -> None:
    result = run(store, "edit", "acme-globex-2021-03", "--verdict", "denied")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "no statement 'acme-globex-2021-03' in the store (did you mean acme-globex-2021-03-jv, "
        "acme-initech-2021-03-acquisition?)", "nothing written"]


def test_edit_in_editor_writes_the_edited_yaml(store: Path) -> None:
    result = run(store, "edit", "acme-globex-2021-03-jv",
                 env={"EDITOR": "sed -i -e 's/date: 2021-03-04/date: 2021-03-05/'", "VISUAL": ""})
    assert result.exit_code == 0, result.output
    assert store.read_text() == COMMENTED.replace("date: 2021-03-04", "date: 2021-03-05")


def test_edit_in_editor_reports_mistakes_in_the_edited_text(store: Path) -> None:
    before = store.read_bytes()
    result = run(store, "edit-entity", "acme", env={"EDITOR": "sed -i -e 's/kind: company/kind: firm/'", "VISUAL": ""})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "<edited acme>:1:60: entities.acme.kind: 'firm' is not one of company, regulator, government, "
        "organisation, person, place", "nothing written"]
    assert store.read_bytes() == before


def test_edit_entity_and_source_by_options(store: Path) -> None:
    assert run(store, "edit-entity", "initech", "--alias", "Initech Ltd", "--kind", "company").exit_code == 0
    assert run(store, "edit-source", "gazette", "--publisher", "The Daily Gazette").exit_code == 0
    text = store.read_text()
    assert "  initech: {name: Initech, aliases: [Initech Ltd], kind: company}\n" in text
    assert "publisher: The Daily Gazette," in text


def test_remove_statement(store: Path) -> None:
    result = run(store, "remove", "acme-initech-2021-03-acquisition")
    assert result.exit_code == 0
    assert result.stdout == f"removed statement acme-initech-2021-03-acquisition from {store}\n"
    assert "acme-initech" not in store.read_text()
    assert run(store, "validate").exit_code == 0


def test_removing_a_referenced_entity_is_refused_with_every_reference(store: Path) -> None:
    before = store.read_bytes()
    result = run(store, "remove-entity", "acme")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{store}:14:5: statement 'acme-globex-2021-03-jv' names entity 'acme'",
        f"{store}:22:5: statement 'acme-initech-2021-03-acquisition' names entity 'acme'",
        "nothing written: entity 'acme' is still referenced; --force removes what refers to it too"]
    assert store.read_bytes() == before


def test_force_cascades_and_keeps_the_store_valid(store: Path) -> None:
    result = run(store, "remove-entity", "initech", "--force")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"removed entity initech from {store}",
                                          f"removed statement acme-initech-2021-03-acquisition from {store}"]
    assert run(store, "validate").exit_code == 0
    result = run(store, "remove-source", "gazette", "--force")
    assert result.exit_code == 0
    assert store.read_text().endswith("sources: {}\n# statements follow\nstatements: []\n")
    assert run(store, "validate").exit_code == 0


def test_removing_an_unreferenced_entity(store: Path) -> None:
    result = run(store, "remove-entity", "shelbyville")
    assert result.exit_code == 0
    assert store.read_text() == COMMENTED.replace("  shelbyville: {name: Shelbyville, kind: place}\n", "")


def test_stats_table_and_json(store: Path) -> None:
    result = run(store, "stats", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "statements": 2, "entities": 6, "sources": 1, "files": 1,
        "by_verdict": {"denied": 1, "supported": 1},
        "by_event_type": {"unstated": 2},
        "by_source": {"gazette": 2},
        "by_party": {"acme": 2, "globex": 1, "initech": 1},
        "without_event": ["acme-globex-2021-03-jv", "acme-initech-2021-03-acquisition"],
        "sources_without_documents": [],
        "undated": 0,
        "oldest": {"date": "2021-03", "id": "acme-initech-2021-03-acquisition"},
        "newest": {"date": "2021-03-04", "id": "acme-globex-2021-03-jv"},
    }
    text = run(store, "stats").stdout
    assert text.splitlines()[:4] == ["2 statements, 6 entities, 1 sources in 1 file(s)",
                                     "oldest  2021-03  acme-initech-2021-03-acquisition",
                                     "newest  2021-03-04  acme-globex-2021-03-jv", "undated 0"]
    assert "\nby party\n  acme          2\n  globex        1\n  initech       1\n" in text


def test_a_write_rechecks_only_the_quotes_it_touches(store: Path) -> None:
    store.write_text(store.read_text().replace('quote: "Acme denied reports', 'quote: "Acme denied all reports'))
    result = run(store, "edit", "acme-globex-2021-03-jv", "--deal", "venture")
    assert result.exit_code == 0, result.output
    result = run(store, "edit", "acme-globex-2021-03-jv", "--quote", "Acme and Globex set up a venture",
                 "--source", "gazette")
    assert result.exit_code == 2
    assert "quote of statement 'acme-globex-2021-03-jv' not found in docs/gazette.txt" in result.stderr
    assert "acme-initech" not in result.stderr
    assert "quote of statement 'acme-initech-2021-03-acquisition' not found" in run(store, "validate").stdout
