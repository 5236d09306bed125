"""ClaimReview JSON-LD: export contract, lossless round trip, and imports from other tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.claimreview import Unmappable, export, from_json_ld, verdict_of
from factcheck.cli import cli
from factcheck.store import Store, load_store

from conftest import write_store
from test_search import LABS

GAZETTE = "https://gazette.example/acme-globex"


@pytest.fixture
def labs_store(tmp_path: Path) -> Path:
    store = write_store(tmp_path, LABS.replace(
        '    citations: [{source: wire, quote: "Globex Labs licensed its battery patents to Initech"}]',
        '    citations: [{source: wire, quote: "Globex Labs licensed its battery patents to Initech"},'
        ' {source: gazette, quote: "Acme and Globex set up a joint venture"}]'))
    (tmp_path / "docs" / "wire.txt").write_text("Globex Labs licensed its battery patents to Initech.\n",
                                                encoding="utf-8")
    return store


def test_export_contract(mini_store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", "--store", str(mini_store)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["@context"] == "https://schema.org"
    assert [r["identifier"] for r in data["@graph"]] == ["acme-globex-2021-03-jv", "acme-initech-2021-03-acquisition"]
    gazette = {"@type": "Organization", "name": "The Gazette"}
    acme = {"@type": "Corporation", "identifier": "acme", "name": "Acme Corp", "additionalType": "company",
            "alternateName": ["Acme", "ACME Corporation"]}
    assert data["@graph"][1] == {
        "@type": "ClaimReview",
        "identifier": "acme-initech-2021-03-acquisition",
        "url": GAZETTE,
        "claimReviewed": "Acme agreed to buy Initech for $2 billion",
        "datePublished": "2021-03-05",
        "author": gazette,
        "publisher": gazette,
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [{"@type": "CreativeWork", "url": GAZETTE, "headline": "Acme and Globex deal",
                            "datePublished": "2021-03-05"}],
            "about": [acme, {"@type": "Corporation", "identifier": "initech", "name": "Initech",
                             "additionalType": "company"}],
            "keywords": "acquisition",
            "temporalCoverage": "2021-03",
        },
        "citation": [{"@type": "Quotation", "text": "Acme denied reports that it agreed to buy Initech for $2 billion",
                      "isPartOf": {"@type": "CreativeWork", "identifier": "gazette", "headline": "Acme and Globex deal",
                                   "publisher": gazette, "datePublished": "2021-03-05", "url": GAZETTE,
                                   "archivedAt": "docs/gazette.txt"}}],
    }
    assert data["@graph"][0]["reviewRating"]["alternateName"] == "True"
    assert data["@graph"][0]["itemReviewed"]["spatialCoverage"] == [
        {"@type": "Place", "identifier": "springfield", "name": "Springfield", "additionalType": "place"}]


def assert_same_statements(copy: Store, original: Store) -> None:
    assert copy.statements == original.statements
    assert copy.sources == {k: original.sources[k] for k in copy.sources}
    assert copy.entities == {k: original.entities[k] for k in copy.entities}
    used = {e for s in original.statements for e in (*s.parties, *s.places, s.said_by) if e}
    used |= {original.entities[e].parent for e in used if original.entities[e].parent}
    assert set(copy.entities) == used
    assert set(copy.sources) == {c.source for s in original.statements for c in s.citations}


def test_export_then_import_into_an_empty_store_gives_the_same_statements(
        labs_store: Path, runner: CliRunner) -> None:
    exported = labs_store.parent / "reviews.json"
    exported.write_text(runner.invoke(cli, ["export", "--store", str(labs_store)]).stdout, encoding="utf-8")
    copy = labs_store.parent / "copy.yaml"
    result = runner.invoke(cli, ["import", str(exported), "--store", str(copy)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"imported 3 statement(s), 5 new entities and 2 new sources into {copy}\n"
    assert_same_statements(load_store([copy]), load_store([labs_store]))


def test_round_trip_into_another_folder_with_document_root(labs_store: Path, tmp_path: Path,
                                                           runner: CliRunner) -> None:
    exported = runner.invoke(cli, ["export", "--store", str(labs_store)]).stdout
    (tmp_path / "elsewhere").mkdir()
    copy = tmp_path / "elsewhere" / "store.yaml"
    result = runner.invoke(cli, ["import", "-", "--store", str(copy), "--document-root", ".."], input=exported)
    assert result.exit_code == 0, result.output
    assert load_store([copy]).statements == load_store([labs_store]).statements
    again = runner.invoke(cli, ["import", "-", "--store", str(copy), "--document-root", ".."], input=exported)
    assert again.exit_code == 2
    assert "--document-root is only for a new store file" in again.stderr


def test_importing_into_the_same_store_again_reports_taken_ids(mini_store: Path, runner: CliRunner) -> None:
    exported = runner.invoke(cli, ["export", "--store", str(mini_store)]).stdout
    before = mini_store.read_bytes()
    result = runner.invoke(cli, ["import", "-", "--store", str(mini_store)], input=exported)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "<stdin>: item 1 (acme-globex-2021-03-jv): not imported: "
        "statement id 'acme-globex-2021-03-jv' is already taken",
        "<stdin>: item 2 (acme-initech-2021-03-acquisition): not imported: "
        "statement id 'acme-initech-2021-03-acquisition' is already taken",
    ]
    assert result.stdout == f"imported 0 statement(s), 0 new entities and 0 new sources into {mini_store}\n"
    assert mini_store.read_bytes() == before


def review(rating: dict, claim: str, quote: str | None = None, **extra) -> dict:  # noqa: ANN003
    node = {"@type": "ClaimReview", "claimReviewed": claim, "reviewRating": {"@type": "Rating", **rating},
            "author": {"@id": "#desk"}, **extra}
    if quote:
        node["citation"] = {"@type": "Quotation", "text": quote, "isPartOf": {
            "@type": "NewsArticle", "headline": "Acme and Globex deal", "publisher": {"@id": "#gazette"},
            "datePublished": "2021-03-05T09:00:00Z", "url": GAZETTE, "archivedAt": "docs/gazette.txt"}}
    return node


PAGE = {"@context": "https://schema.org", "@graph": [
    {"@type": "WebPage", "@id": "#page", "name": "Fact checks"},
    {"@type": "Organization", "@id": "#gazette", "name": "The Gazette"},
    {"@type": "Organization", "@id": "#desk", "name": "Other Desk"},
    review({"alternateName": "Mostly False"}, "Acme agreed to buy Initech for two billion dollars",
           "Acme denied reports that it agreed to buy Initech for $2 billion",
           itemReviewed={"@type": "Claim", "about": [{"@type": "Corporation", "name": "Acme Corp",
                                                      "identifier": "acme"},
                                                     {"@type": "Corporation", "name": "Initech"}],
                         "temporalCoverage": "2021-03"}),
    review({"alternateName": "Half True"}, "Acme is bigger than Globex", "Acme and Globex set up a joint venture"),
    review({"name": "Falso", "ratingValue": "1", "bestRating": "5", "worstRating": "1"}, "Globex went bankrupt"),
    review({"ratingValue": 3}, "Acme has 3 plants", "Acme and Globex set up a joint venture"),
    review({"alternateName": "TRUE"}, "Acme and Globex set up a company", "Acme and Globex bought a company"),
    review({"alternateName": "Correct"}, "Hooli Inc invested in the Acme and Globex joint venture",
           "Acme and Globex set up a joint venture in Springfield", identifier="hooli-stake",
           itemReviewed={"@type": "Claim", "about": {"@type": "Corporation", "name": "Hooli Inc",
                                                     "alternateName": "Hooli"},
                         "author": {"@type": "Person", "name": "Jane Roe"}, "datePublished": "2021-03-06"}),
]}


def test_import_of_a_hand_written_page(mini_store: Path, runner: CliRunner) -> None:
    page = mini_store.parent / "page.json"
    page.write_text(json.dumps(PAGE), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(page), "--store", str(mini_store), "--force"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{page}: item 5: not imported: rating 'Half True' is neither supported nor denied",
        f"{page}: item 6: not imported: no citation quoting an archived source "
        "(Quotation with text and isPartOf with archivedAt)",
        f"{page}: item 7: not imported: rating 3 is not in the rating table and its ratingValue is not at "
        "either end of its scale",
        f"{page}: item 8 (acme-and-globex-set-up-a): not imported: quote of statement "
        "'acme-and-globex-set-up-a' not found in docs/gazette.txt",
    ]
    assert result.stdout == f"imported 2 statement(s), 2 new entities and 1 new sources into {mini_store}\n"
    store = load_store([mini_store])
    first, second = store.statements[2:]
    assert (first.id, first.verdict, first.parties, first.date) == (
        "acme-initech-2021-03-agreed-to-buy-for-two-billion", "denied", ("acme", "initech"), "2021-03")
    assert (second.id, second.verdict, second.parties, second.said_by, second.said_on) == (
        "hooli-stake", "supported", ("hooli-inc",), "jane-roe", "2021-03-06")
    assert store.entities["hooli-inc"].aliases == ("Hooli",)
    assert store.entities["jane-roe"].kind == "person"
    assert store.entities["initech"].name == "Initech"  # the stored entity is kept
    source = store.sources["the-gazette-2021-03-05-acme-and-globex-deal"]
    assert (source.publisher, source.published, source.document) == ("The Gazette", "2021-03-05", "docs/gazette.txt")


def standalone(node: dict | list) -> str:
    """A review of the page as JSON of its own: references to the page's nodes written out."""
    return json.dumps(node).replace('{"@id": "#gazette"}', '{"@type": "Organization", "name": "The Gazette"}')


def test_near_duplicates_are_left_out_of_an_import_unless_forced(mini_store: Path, runner: CliRunner) -> None:
    page = mini_store.parent / "page.json"
    page.write_text(standalone(PAGE["@graph"][3]), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(page), "--store", str(mini_store)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{page}: item 1 (acme-initech-2021-03-agreed-to-buy-for-two-billion): not imported: "
                           "nearly duplicates statement 'acme-initech-2021-03-acquisition' (similarity ")


def test_import_dry_run_writes_nothing(mini_store: Path, runner: CliRunner) -> None:
    page = mini_store.parent / "page.json"
    page.write_text(standalone([PAGE["@graph"][-1]]), encoding="utf-8")
    before = mini_store.read_bytes()
    result = runner.invoke(cli, ["import", str(page), "--store", str(mini_store), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "+  - id: hooli-stake" in result.stdout.splitlines()
    assert result.stderr.splitlines() == [
        "dry run: nothing written",
        f"would import 1 statement(s), 2 new entities and 1 new sources into {mini_store}"]
    assert mini_store.read_bytes() == before


@pytest.mark.parametrize("content, error", [
    ('{"@graph": [}', "{page}:1:13: invalid JSON: Expecting value"),
    ("[1, 2]", None),
])
def test_unreadable_input(mini_store: Path, runner: CliRunner, content: str, error: str | None) -> None:
    page = mini_store.parent / "page.json"
    page.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(page), "--store", str(mini_store)])
    if error:
        assert (result.exit_code, result.stderr) == (2, error.format(page=page) + "\n")
    else:
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [f"{page}: item 1: not imported: not a ClaimReview (@type missing)",
                                              f"{page}: item 2: not imported: not a ClaimReview (@type missing)"]


@pytest.mark.parametrize("rating, verdict", [
    ({"alternateName": "True"}, "supported"),
    ({"alternateName": "mostly  true."}, "supported"),
    ({"name": "Accurate"}, "supported"),
    ({"alternateName": "Pants on Fire!"}, "denied"),
    ({"alternateName": "Fake", "ratingValue": 5}, "denied"),  # the words win over the number
    ({"alternateName": "Incorrect"}, "denied"),
    ({"alternateName": "Falso", "ratingValue": 1}, "denied"),  # unknown words: the scale decides
    ({"ratingValue": 9, "bestRating": 10, "worstRating": 0}, "supported"),
    ({"ratingValue": "2", "bestRating": "10", "worstRating": "0"}, "denied"),
])
def test_rating_table(rating: dict, verdict: str) -> None:
    assert verdict_of(rating) == verdict


@pytest.mark.parametrize("rating", [
    {"alternateName": "Misleading", "ratingValue": 1}, {"alternateName": "Mixture"}, {"ratingValue": 3},
    {"ratingValue": 3, "bestRating": 3, "worstRating": 3}, {"alternateName": "Verdadero"}, None,
])
def test_ratings_that_map_to_no_verdict(rating: dict | None) -> None:
    with pytest.raises(Unmappable):
        verdict_of(rating)


def test_forms_of_input(mini_store: Path) -> None:
    data = export(load_store([mini_store]))
    as_list = from_json_ld(data["@graph"])
    single = from_json_ld(data["@graph"][0])
    graph = from_json_ld(data)
    assert [s.id for s in as_list.statements] == [s.id for s in graph.statements] == [
        "acme-globex-2021-03-jv", "acme-initech-2021-03-acquisition"]
    assert [s.id for s in single.statements] == ["acme-globex-2021-03-jv"]
    assert from_json_ld({"@graph": []}).unmapped[0].reason == "no ClaimReview found"
