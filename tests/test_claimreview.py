"""ClaimReview: importing what fact-checkers publish, exporting reviews a search engine accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.claimreview import Unmappable, export, import_reviews, rating_of, read_reviews, review_verdict
from factcheck.cli import cli
from factcheck.errors import InputError
from factcheck.ratings import RATINGS_PATH, Rating, UnmappedRating, rating_key, verdict_of
from factcheck.store import Store, load_store

from conftest import ROOT, write_store
from test_search import LABS

FEED = ROOT / "examples" / "claimreview-feed.jsonl"
REVIEWER = """\
reviewer: {name: The Desk, url: "https://desk.example", logo: "https://desk.example/logo.png",
           review_url: "https://desk.example/checks/{id}", archive_url: "https://desk.example/archive/"}
"""


@pytest.fixture
def labs_store(tmp_path: Path) -> Path:
    store = write_store(tmp_path, LABS.replace("version: 1\n", "version: 1\n" + REVIEWER).replace(
        '    citations: [{source: wire, quote: "Globex Labs licensed its battery patents to Initech"}]',
        '    citations: [{source: wire, quote: "Globex Labs licensed its battery patents to Initech"},'
        ' {source: gazette, quote: "Acme and Globex set up a joint venture"}]'))
    (tmp_path / "docs" / "wire.txt").write_text("Globex Labs licensed its battery patents to Initech.\n",
                                                encoding="utf-8")
    return store


# --- import ------------------------------------------------------------------------------------


def test_a_feed_of_every_shape_imports_every_mappable_review_and_again_adds_nothing(
        tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "reviews.yaml"
    result = runner.invoke(cli, ["import", str(FEED), "--store", str(store)])
    assert result.exit_code == 1  # one review is rated neither true nor false
    assert result.stderr == f"{FEED}: review 6: not imported: rating 'Enganoso' is neither supported nor denied\n"
    assert result.stdout == ("read 6 reviews: 5 imported, 0 updated, 0 skipped, 1 rejected (rating neither supported "
                             f"nor denied: 1); 6 new entities and 5 new sources in {store}\n")
    loaded = load_store([store])
    first = loaded.statements[0]
    assert (first.claim, first.verdict, first.parties, first.said_by, first.said_on, first.appeared_in) == (
        "Acme agreed to buy Globex for $5 billion", "denied", ("acme-corp", "globex"), "viral-posts", "2021-05-30",
        ("https://social.example/posts/1",))
    reviews = {s.url: (s.publisher, s.published, s.review.rating) for s in loaded.sources.values() if s.review}
    assert reviews == {
        "https://verificado.example/acme-globex": ("Verificado Ejemplo", "2021-06-01", "Falso"),
        "https://verif.example/initech-springfield": ("Vérif Exemple", "2021-07-02", "Vrai"),
        "https://fakten.example/globex-hooli": ("Fakten Beispiel", "2022-03-04", "Falsch"),
        "https://hecha.example/hooli-hq": ("核查示例", "2022-05-05", "正确"),
        "https://checagem.example/initech-ipo": ("Checagem Exemplo", "2023-02-10", "Verdadeiro"),
    }
    assert [s.verdict for s in loaded.statements] == ["denied", "supported", "denied", "supported", "supported"]
    assert loaded.entities["jane-roe"].kind == "person"
    assert runner.invoke(cli, ["validate", "--store", str(store)]).exit_code == 0
    before = store.read_bytes()
    again = runner.invoke(cli, ["import", str(FEED), "--store", str(store)])
    assert again.stdout == ("read 6 reviews: 0 imported, 0 updated, 5 skipped (already in the store: 5), 1 rejected "
                            "(rating neither supported nor denied: 1); nothing to write\n")
    assert store.read_bytes() == before


def test_a_growing_feed_adds_only_what_is_new_and_matches_entities_by_alias(
        mini_store: Path, runner: CliRunner) -> None:
    lines = FEED.read_text(encoding="utf-8").splitlines()
    feed = mini_store.parent / "feed.jsonl"
    feed.write_text(lines[1] + "\n", encoding="utf-8")
    assert runner.invoke(cli, ["import", str(feed), "--store", str(mini_store)]).exit_code == 0
    feed.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(feed), "--store", str(mini_store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("read 4 reviews: 2 imported, 0 updated, 2 skipped (already in the store: 2)")
    store = load_store([mini_store])
    acme_deal = next(s for s in store.statements if s.claim.startswith("Acme agreed to buy Globex"))
    assert acme_deal.parties == ("acme", "globex")  # "Acme Corp" and "Globex" are the store's entities


def test_check_on_a_claim_covered_only_by_a_review_cites_the_review(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "reviews.yaml"
    runner.invoke(cli, ["import", str(FEED), "--store", str(store)])
    claim = "Acme agreed to buy Globex for $5 billion"
    result = runner.invoke(cli, ["check", "--store", str(store), "--format", "json", claim])
    assert result.exit_code == 1
    data = json.loads(result.stdout)["results"][0]
    assert data["verdict"] == "denied"
    assert data["citations"] == [{
        "kind": "review", "source": "verificado-ejemplo-2021-06-01-acme-agreed-to-buy-globex-for", "title": None,
        "publisher": "Verificado Ejemplo", "published": "2021-06-01", "url": "https://verificado.example/acme-globex",
        "document": None, "quote": None, "rating": "Falso", "claim_reviewed": claim}]
    text = runner.invoke(cli, ["check", "--store", str(store), claim]).stdout.splitlines()
    assert text[2:4] == ["  Review  rated Falso by Verificado Ejemplo, 2021-06-01, https://verificado.example/acme-globex",
                        f"          claim reviewed: “{claim}”"]
    draft = tmp_path / "draft.md"
    draft.write_text(f"{claim}, posts said.\n", encoding="utf-8")
    scanned = runner.invoke(cli, ["scan", "--store", str(store), str(draft)]).stdout.splitlines()
    assert "    Review: rated Falso by Verificado Ejemplo, 2021-06-01, https://verificado.example/acme-globex" in scanned


def test_on_existing_update_rewrites_the_review_and_fail_imports_nothing(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "reviews.yaml"
    feed = tmp_path / "feed.json"
    review = {"@type": "ClaimReview", "url": "https://checks.example/1", "claimReviewed": "Acme bought Globex",
              "author": "Checks", "datePublished": "2021-01-02", "reviewRating": {"alternateName": "False"}}
    feed.write_text(json.dumps(review), encoding="utf-8")
    assert runner.invoke(cli, ["import", str(feed), "--store", str(store)]).exit_code == 0
    with store.open("a", encoding="utf-8") as file:  # a curator's note stays through updates
        file.write("    note: checked by the desk\n")
    feed.write_text(json.dumps(review | {"datePublished": "2021-02-03", "reviewRating": {"alternateName": "True"}}),
                    encoding="utf-8")
    before = store.read_bytes()
    failed = runner.invoke(cli, ["import", str(feed), "--store", str(store), "--on-existing", "fail"])
    assert failed.exit_code == 1
    assert failed.stderr.splitlines() == [
        f"{feed}: review 1: not imported: already in the store (source checks-2021-01-02-acme-bought-globex)",
        "nothing written: reviews already in the store (--on-existing fail)"]
    assert store.read_bytes() == before
    updated = runner.invoke(cli, ["import", str(feed), "--store", str(store), "--on-existing", "update"])
    assert updated.exit_code == 0, updated.output
    assert updated.stdout.startswith("read 1 review: 0 imported, 1 updated, 0 skipped, 0 rejected;")
    loaded = load_store([store])
    [statement] = loaded.statements
    assert (statement.id, statement.verdict) == ("acme-bought-globex", "supported")
    source = loaded.sources["checks-2021-01-02-acme-bought-globex"]
    assert (source.published, source.review.rating) == ("2021-02-03", "True")
    assert "    note: checked by the desk\n" in store.read_text(encoding="utf-8")


def test_reviews_that_cannot_be_mapped_are_counted_by_reason(tmp_path: Path, runner: CliRunner) -> None:
    def review(**fields) -> dict:  # noqa: ANN003
        return {"@type": "ClaimReview", "url": "https://checks.example/x", "claimReviewed": "Acme bought Globex",
                "author": "Checks", "datePublished": "2021-01-02", "reviewRating": {"alternateName": "False"}} | fields

    reviews = [review(url=None), review(url="https://checks.example/2", reviewRating={"ratingValue": 3}),
               review(url="https://checks.example/3", reviewRating=[{"alternateName": "True"}, {"alternateName": "Faux"}]),
               review(url="https://checks.example/4", datePublished="last week"), {"@type": "Article"},
               review(url="https://checks.example/5", author=None)]
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(reviews), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(feed), "--store", str(tmp_path / "s.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{feed}: review 1: not imported: no url (the review's http or https address)",
        f"{feed}: review 2: not imported: rating 3 is not in the rating table and its ratingValue is not at either "
        "end of its scale",
        f"{feed}: review 3: not imported: ratings disagree: 'True' is supported and 'Faux' is denied",
        f"{feed}: review 4: not imported: datePublished 'last week' is not a date of the form YYYY-MM-DD, YYYY-MM or "
        "YYYY",
        f"{feed}: review 5: not imported: not a ClaimReview (@type Article)",
        f"{feed}: review 6: not imported: no author or publisher (the reviewer)"]
    assert result.stdout == ("read 6 reviews: 0 imported, 0 updated, 0 skipped, 6 rejected (invalid date: 1, no author: "
                             "1, no url: 1, not a ClaimReview: 1, rating not in the table: 1, ratings disagree: 1); "
                             "nothing to write\n")


@pytest.mark.parametrize("content, error", [
    ('{"@graph": [}', "{feed}:1:13: invalid JSON: Expecting value"),
    ('{"@type": "ClaimReview"}\n{"@type": \n', "{feed}:2:11: invalid JSON Lines: Expecting value"),
    ('"\\ud800"', "{feed}:1:2: " + "text contains an unpaired surrogate escape"),
])
def test_unreadable_input_is_one_positioned_line(tmp_path: Path, runner: CliRunner, content: str, error: str) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(feed), "--store", str(tmp_path / "s.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(error.format(feed=feed).split(": ")[0] + ":")
    assert result.stderr.count("\n") == 1


def test_forms_of_input_give_the_same_reviews() -> None:
    review = {"@type": "ClaimReview", "url": "https://checks.example/1", "claimReviewed": "Acme bought Globex",
              "author": "Checks", "datePublished": "2021-01-02", "reviewRating": {"alternateName": "False"}}
    shapes = [review, [review], {"@graph": [{"@type": "WebPage"}, review]},
              {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": review}]}]
    for shape in shapes:
        [found] = read_reviews(json.dumps(shape).encode(), "feed.json")
        assert found.node == review
    api = {"claims": [{"text": "Acme bought Globex", "claimant": "Posts", "claimReview": [
        {"publisher": {"name": "Checks", "site": "checks.example"}, "url": "https://checks.example/1",
         "reviewDate": "2021-01-02T00:00:00Z", "textualRating": "False"}]}]}
    [found] = read_reviews(json.dumps(api).encode(), "api.json")
    imported = import_reviews([found], Store({}, {}, (), ()))
    [statement] = imported.statements
    assert (statement.claim, statement.verdict, statement.said_by) == ("Acme bought Globex", "denied", "posts")
    with pytest.raises(InputError):
        read_reviews(b"\xff", "bad.json")


# --- ratings -----------------------------------------------------------------------------------


def test_the_rating_table_covers_the_languages_fact_checkers_use_and_maps_each_name_once() -> None:
    data = json.loads(RATINGS_PATH.read_text(encoding="utf-8"))
    assert {"en", "es", "fr", "pt", "de", "zh"} <= set(data["languages"])
    seen: dict[str, str] = {}
    for language, table in data["languages"].items():
        assert set(table) == {"supported", "denied", "neither"}, language
        for verdict, names in table.items():
            assert names, (language, verdict)
            for name in names:
                assert seen.setdefault(rating_key(name), verdict) == verdict, f"{name} ({language}) maps twice"


@pytest.mark.parametrize("rating, verdict", [
    (Rating("True"), "supported"), (Rating("mostly  true."), "supported"), (Rating("Pants on Fire!"), "denied"),
    (Rating("Fake", 5), "denied"),  # the words win over the number
    (Rating("Falso"), "denied"), (Rating("FALSA"), "denied"), (Rating("Verdadero"), "supported"),
    (Rating("Faux"), "denied"), (Rating("Plutôt vrai"), "supported"), (Rating("plutot vrai"), "supported"),
    (Rating("Verdadeiro"), "supported"), (Rating("Falsch"), "denied"), (Rating("Größtenteils richtig"), "supported"),
    (Rating("错误"), "denied"), (Rating("錯誤"), "denied"), (Rating("正确"), "supported"),
    (Rating("Unknown words", 1), "denied"),  # unknown words: the scale decides
    (Rating(None, 9, 10, 0), "supported"), (Rating(None, 2, 10, 0), "denied"),
])
def test_rating_table(rating: Rating, verdict: str) -> None:
    assert verdict_of(rating) == verdict


@pytest.mark.parametrize("rating", [
    Rating("Misleading", 1), Rating("Engañoso"), Rating("Trompeur"), Rating("Irreführend"), Rating("部分错误"),
    Rating(None, 3), Rating(None, 3, 3, 3), Rating("Something else"), Rating(),
])
def test_ratings_that_map_to_no_verdict(rating: Rating) -> None:
    with pytest.raises(UnmappedRating):
        verdict_of(rating)


def test_a_list_of_ratings_decides_by_the_ones_that_map() -> None:
    ratings = [rating_of({"alternateName": "Sin evidencia"}), rating_of({"ratingValue": "1", "bestRating": "5"})]
    assert review_verdict(ratings)[0] == "denied"
    with pytest.raises(Unmappable):
        review_verdict([])


# --- the store format --------------------------------------------------------------------------

REVIEW_STORE = """\
version: 1
sources:
  checks-1: {publisher: Checks, published: 2021-01-02, url: "https://checks.example/1", review: {rating: "RATING", claim: Acme bought Globex}}
  gazette: {title: Acme and Globex deal, publisher: The Gazette, published: 2021-03-05, url: "https://gazette.example/acme-globex", document: docs/gazette.txt}
statements:
  - id: acme-globex
    claim: Acme bought Globex
    verdict: denied
    parties: []
    citations: [CITATIONS]
"""


@pytest.mark.parametrize("rating, citations, problems", [
    ("False", "{source: checks-1}, {source: gazette, quote: Acme and Globex set up a joint venture}", []),
    ("Misleading", "{source: checks-1}", ["3:97: rating 'Misleading' is neither supported nor denied"]),
    ("False", "{source: checks-1, quote: Acme bought Globex}",
     ["10:43: source 'checks-1' is a review with no archived document to quote; cite it without a quote"]),
    ("False", "{source: gazette}",
     ["10:17: citation of source 'gazette' needs a quote (verbatim from its document); only a review is cited "
      "without one"]),
    ("False", "{source: gazette, quote: Acme bought Globex}", [
        "10:17: quote of statement 'acme-globex' not found in docs/gazette.txt; closest passage {docs}/gazette.txt:1:1 "
        "(similarity 73) differs at {docs}/gazette.txt:1:6: the quote has 'b', the document 'a'"]),
])
def test_validate_checks_review_citations_and_keeps_requiring_quotes(
        tmp_path: Path, runner: CliRunner, rating: str, citations: str, problems: list[str]) -> None:
    store = write_store(tmp_path, REVIEW_STORE.replace("RATING", rating).replace("CITATIONS", citations))
    result = runner.invoke(cli, ["validate", "--store", str(store)])
    assert [line.removeprefix(f"{store}:") for line in result.stdout.splitlines()] == \
        [problem.format(docs=tmp_path / "docs") for problem in problems]
    assert result.exit_code == (2 if problems else 0)


def test_the_schema_names_a_bad_review_url(tmp_path: Path, runner: CliRunner) -> None:
    store = write_store(tmp_path, REVIEW_STORE.replace("RATING", "False").replace("CITATIONS", "{source: checks-1}")
                        .replace('"https://checks.example/1"', "checks.example/1"))
    result = runner.invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 2
    assert f"{store}:3:61: sources.checks-1.url: 'checks.example/1' is not an http or https address" in \
        result.stdout.splitlines()


# --- export ------------------------------------------------------------------------------------

GOOGLE_REQUIRED = {"ClaimReview": ("claimReviewed", "reviewRating", "url", "author"), "Rating": ("alternateName",)}
"""Google Search Central, "Fact check (ClaimReview) structured data"
(https://developers.google.com/search/docs/appearance/structured-data/factcheck): claimReviewed, reviewRating and
url are required, and the Rating's alternateName; author (the fact-checking organisation, with name and url) is
recommended there and required by the issue that asked for this export."""
GOOGLE_RECOMMENDED = {"ClaimReview": ("datePublished", "itemReviewed"),
                      "Rating": ("bestRating", "ratingValue", "worstRating"),
                      "Claim": ("author", "datePublished", "appearance", "firstAppearance")}
"""The recommended properties of the same page (Claim: appearance, author, datePublished, firstAppearance)."""


def test_every_exported_review_meets_googles_requirements_and_credits_the_reviewer(
        labs_store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", "--store", str(labs_store)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["@context"] == "https://schema.org"
    desk = {"@type": "Organization", "name": "The Desk", "url": "https://desk.example",
            "logo": {"@type": "ImageObject", "url": "https://desk.example/logo.png"}}
    store = load_store([labs_store])
    for review, statement in zip(data["@graph"], store.statements, strict=True):
        assert review["@type"] == "ClaimReview"
        for name in GOOGLE_REQUIRED["ClaimReview"] + GOOGLE_RECOMMENDED["ClaimReview"]:
            assert review[name], name
        for name in GOOGLE_REQUIRED["Rating"] + GOOGLE_RECOMMENDED["Rating"]:
            assert review["reviewRating"][name], name
        assert review["author"] == review["publisher"] == desk  # the reviewer, never a cited publisher
        assert review["url"] == f"https://desk.example/checks/{statement.id}"
        assert review["claimReviewed"] == statement.claim
        assert review["itemReviewed"]["@type"] == "Claim"
        if statement.said_by:
            assert review["itemReviewed"]["author"]["identifier"] == statement.said_by
            assert review["itemReviewed"]["datePublished"] == statement.said_on
        for citation in review["citation"]:
            assert citation["isPartOf"]["archivedAt"].startswith("https://desk.example/archive/docs/")
    licence = data["@graph"][2]["itemReviewed"]
    assert set(GOOGLE_RECOMMENDED["Claim"]) - set(licence) == {"appearance", "firstAppearance"}  # not recorded


def test_exported_appearance_is_where_the_claim_appeared(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "reviews.yaml"
    store.write_text("version: 1\n" + REVIEWER + "statements: []\n", encoding="utf-8")
    runner.invoke(cli, ["import", str(FEED), "--store", str(store)])
    data = json.loads(runner.invoke(cli, ["export", "--store", str(store)]).stdout)
    first = data["@graph"][0]
    assert first["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://social.example/posts/1"}]
    assert first["itemReviewed"]["author"]["name"] == "Viral posts"
    assert first["author"]["name"] == "The Desk"
    assert first["citation"] == [{
        "@type": "ClaimReview", "identifier": "verificado-ejemplo-2021-06-01-acme-agreed-to-buy-globex-for",
        "url": "https://verificado.example/acme-globex", "claimReviewed": "Acme agreed to buy Globex for $5 billion",
        "datePublished": "2021-06-01", "author": {"@type": "Organization", "name": "Verificado Ejemplo"},
        "reviewRating": {"@type": "Rating", "alternateName": "Falso"}}]


def test_export_needs_a_reviewer(mini_store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", "--store", str(mini_store)])
    assert result.exit_code == 2
    assert result.stderr == (f"{mini_store}: no reviewer to publish the reviews as: give the store a 'reviewer:' with "
                             "name, url and review_url, or --reviewer-name, --reviewer-url and --review-url\n")
    given = runner.invoke(cli, ["export", "--store", str(mini_store), "--reviewer-name", "Other Desk", "--reviewer-url",
                                "https://other.example", "--review-url", "https://other.example/{id}"])
    assert given.exit_code == 0, given.output
    review = json.loads(given.stdout)["@graph"][0]
    assert (review["author"]["name"], review["url"]) == ("Other Desk", "https://other.example/acme-globex-2021-03-jv")
    assert review["citation"][0]["isPartOf"]["archivedAt"] == "docs/gazette.txt"  # no archive address: the path


def same_but_the_review(copy: Store, original: Store) -> None:
    """The copy's statements are the original's, each citing the review it was imported from too."""
    assert len(copy.statements) == len(original.statements)
    for mine, theirs in zip(copy.statements, original.statements):
        review, *quotes = mine.citations
        assert copy.sources[review.source].url == f"https://desk.example/checks/{theirs.id}"
        assert mine.citations[1:] == theirs.citations
        assert (mine.id, mine.claim, mine.verdict, mine.parties, mine.places, mine.deal, mine.date, mine.said_by,
                mine.said_on) == (theirs.id, theirs.claim, theirs.verdict, theirs.parties, theirs.places, theirs.deal,
                                  theirs.date, theirs.said_by, theirs.said_on)


def test_export_then_import_round_trips_and_again_adds_nothing(labs_store: Path, tmp_path: Path,
                                                               runner: CliRunner) -> None:
    exported = runner.invoke(cli, ["export", "--store", str(labs_store), "--archive-url", "https://desk.example/a/"])
    plain = runner.invoke(cli, ["export", "--store", str(labs_store)]).stdout.replace(
        '"https://desk.example/archive/docs/', '"docs/')
    (tmp_path / "elsewhere").mkdir()
    copy = tmp_path / "elsewhere" / "store.yaml"
    result = runner.invoke(cli, ["import", "-", "--store", str(copy), "--document-root", ".."], input=plain)
    assert result.exit_code == 0, result.output
    same_but_the_review(load_store([copy]), load_store([labs_store]))
    again = runner.invoke(cli, ["import", "-", "--store", str(copy)], input=plain)
    assert again.stdout.startswith("read 3 reviews: 0 imported, 0 updated, 3 skipped (already in the store: 3)")
    without_documents = tmp_path / "other.yaml"  # absolute archivedAt: the review alone is cited
    result = runner.invoke(cli, ["import", "-", "--store", str(without_documents)], input=exported.stdout)
    assert result.exit_code == 0, result.output
    assert all(len(s.citations) == 1 for s in load_store([without_documents]).statements)
    into_the_original = runner.invoke(cli, ["import", "-", "--store", str(labs_store)], input=plain)
    assert into_the_original.stdout.startswith("read 3 reviews: 0 imported, 0 updated, 3 skipped")


def test_export_contract_as_a_library(labs_store: Path) -> None:
    review = export(load_store([labs_store]))["@graph"][1]
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "False"}
    assert review["itemReviewed"]["keywords"] == "acquisition"
    assert review["datePublished"] == "2021-03-05"
