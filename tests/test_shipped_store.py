"""Every fact of the shipped store, checked both ways and as near misses.

Generated from the store itself, so each statement added later is covered too: its own claim
gets its verdict and cites its sources; "It is false that …" gets the opposite verdict; the same
sentence with one date, figure or party changed is never supported.
"""

from __future__ import annotations

import re
from pathlib import Path
from datetime import date

import pytest

from factcheck.claims import parse_claim
from factcheck.index import StoreIndex, build_index
from factcheck.matching import DENIED, SUPPORTED, UNVERIFIED, check
from factcheck.store import default_store_paths, load_store

STORE = load_store(default_store_paths())
STATEMENTS = {s.id: s for s in STORE.statements}
OPPOSITE = {SUPPORTED: DENIED, DENIED: SUPPORTED}
TODAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def index() -> StoreIndex:
    return build_index(STORE)


def documents(result) -> set[str]:
    return {source.document for _, source in result.citations}


@pytest.mark.parametrize("statement_id", STATEMENTS)
def test_each_fact_as_recorded(index: StoreIndex, statement_id: str) -> None:
    statement = STATEMENTS[statement_id]
    result = check(statement.claim, index, today=TODAY)
    assert result.verdict == statement.verdict
    cited = {STORE.sources[c.source].document for c in statement.citations}
    assert documents(result) & cited


@pytest.mark.parametrize("statement_id", STATEMENTS)
def test_each_fact_contradicted(index: StoreIndex, statement_id: str) -> None:
    statement = STATEMENTS[statement_id]
    result = check(f"It is false that {statement.claim[0].lower()}{statement.claim[1:]}", index, today=TODAY)
    assert result.verdict == OPPOSITE[statement.verdict]


def _with_year_changed(text: str) -> str | None:
    match = re.search(r"\b(19|20)\d\d\b", text)
    return None if not match else text[:match.start()] + str(int(match.group()) - 3) + text[match.end():]


def _with_figure_changed(text: str) -> str | None:
    match = re.search(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,A-Za-z])(?!\s*(?:January|February|March|"
                      r"April|May|June|July|August|September|October|November|December))", text)
    if not match or re.fullmatch(r"(19|20)\d\d", match.group()):
        return None
    value = int(match.group(1).replace(",", "")) + 7
    return text[:match.start()] + f"{value:,}" + text[match.end():]


def _with_party_changed(text: str, statement) -> str | None:
    kinds = {STORE.entities[p].kind for p in statement.parties}
    involved = set(statement.parties) | {statement.said_by}
    for party in statement.parties:
        name = STORE.entities[party].name
        if name in text:
            stranger = next((e for e in STORE.entities.values()
                             if e.kind in kinds and e.kind != "place" and e.id not in involved
                             and e.name not in text and STORE.entities[party].name not in e.name), None)
            if stranger:
                return text.replace(name, stranger.name)
    return None


NEAR_MISSES = []
for _statement in STORE.statements:
    for _kind, _text in (("date", _with_year_changed(_statement.claim)),
                         ("figure", _with_figure_changed(_statement.claim)),
                         ("party", _with_party_changed(_statement.claim, _statement))):
        if _text:
            NEAR_MISSES.append(pytest.param(_statement.id, _text, id=f"{_statement.id}-{_kind}"))


@pytest.mark.parametrize("statement_id, claim", NEAR_MISSES)
def test_near_misses_are_not_confirmed_by_their_original(index: StoreIndex, statement_id: str, claim: str) -> None:
    result = check(claim, index, today=TODAY)
    assert result.verdict != SUPPORTED or result.match.id != statement_id
    assert result.verdict == UNVERIFIED or result.match.id != statement_id


def test_near_miss_generators_cover_most_of_the_store() -> None:
    assert len(NEAR_MISSES) >= len(STATEMENTS)


def test_common_terms_kept_as_bitmaps_rank_as_sets_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large store keeps its common terms' statements as bitmaps: with every common term kept
    so (those too rare to have a bitmap in the index too), retrieval must rank exactly as with
    sets."""
    from factcheck import index as index_module

    store = load_store(default_store_paths())
    claims = [s.claim for s in store.statements]
    monkeypatch.setattr(index_module, "OPENING_MINIMUM", 3)  # most terms common in a small store
    monkeypatch.setattr(index_module, "OPENING_SHARE", 0.0)
    monkeypatch.setattr(index_module, "SET_ENTRY_BYTES", 0)
    as_sets = build_index(store)
    terms = [index_module.claim_terms(parse_claim(c, as_sets.entities, TODAY, as_sets.words)) for c in claims]
    expected = [[s.number for s in as_sets.retrieve(t, 10)] for t in terms]
    assert sum(map(len, expected)) > 3 * len(claims)
    assert not any(isinstance(found, index_module._BitmapNumbers) for found in as_sets._common.values())
    monkeypatch.setattr(index_module, "SET_ENTRY_BYTES", 10**9)
    as_bitmaps = build_index(store)
    assert [[s.number for s in as_bitmaps.retrieve(t, 10)] for t in terms] == expected
    assert as_bitmaps._common and all(isinstance(found, index_module._BitmapNumbers)
                                      for found in as_bitmaps._common.values())


def test_claims_without_rare_terms_rank_by_bitmaps_as_the_general_path_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim whose terms are all common is ranked with bitmaps: for any such set of terms and
    any limit, the ranking (ties included) must be the general path's."""
    import random

    from factcheck import index as index_module

    monkeypatch.setattr(index_module, "OPENING_MINIMUM", 3)  # most terms common in a small store
    monkeypatch.setattr(index_module, "OPENING_SHARE", 0.0)
    index = build_index(STORE)
    common = [term for (term,) in index._db.execute("SELECT term FROM terms WHERE bits IS NOT NULL")]
    assert len(common) > 30
    taken = []
    monkeypatch.setattr(index, "_rank_by_bitmaps", lambda known, limit: taken.append(known) or [])
    index.retrieve(common[:3], 10)
    assert len(taken) == 1  # retrieve takes the bitmap path for such a claim
    monkeypatch.undo()
    monkeypatch.setattr(index_module, "OPENING_MINIMUM", 3)
    monkeypatch.setattr(index_module, "OPENING_SHARE", 0.0)
    rng = random.Random(5)
    for _ in range(500):
        known = sorted((index.statistics(t)[:2], t) for t in rng.sample(common, rng.randint(1, 7)))
        for limit in (1, 5, 10, 40):
            assert index._rank_by_bitmaps(known, limit) == index._rank_opened(known, 3, limit)


def _readme_examples() -> list[tuple[str, str, str | None]]:
    """The README's worked verdict examples: (claim, verdict, the reason it gives, if any)."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Verdicts"):readme.index("## The store")]
    examples = []
    for block in re.findall(r'^\$ factcheck check "([^"]+)".*\n((?:(?!\$ ).*\n)*)', section, re.MULTILINE):
        claim, output = block
        verdict = re.search(r"^(SUPPORTED|DENIED|UNVERIFIED) ", output, re.MULTILINE)
        why = re.search(r"^  Why  (.+)$", output, re.MULTILINE)
        if verdict:
            examples.append((claim, verdict.group(1).lower(), why.group(1) if why else None))
    return examples


@pytest.mark.parametrize("claim, verdict, why", _readme_examples())
def test_the_readme_verdict_examples_hold(index: StoreIndex, claim: str, verdict: str, why: str | None) -> None:
    result = check(claim, index, today=TODAY)
    assert result.verdict == verdict
    if why is not None:
        assert result.reason == why


def test_a_figure_is_checked_against_statements_as_near_as_the_one_that_decides(index: StoreIndex) -> None:
    """Airbus China's approval, recorded without the count, is below the usual bar but decides
    a clause that names the event and an actor; statements as near record 13 companies, so a
    claim of 15 is no restatement of it."""
    claim = "MIIT gave 15 foreign companies the go-ahead to offer value-added telecom services in the four pilot areas."
    assert check(claim, index, today=TODAY).verdict == UNVERIFIED
