"""Reading claims: dates, figures, entities and polarity, on the forms newsrooms write."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import parse_claim
from factcheck.dates import PartialDate, find_dates
from factcheck.entities import EntityIndex
from factcheck.figures import Figure, find_figures
from factcheck.frames.vocabulary import vocabulary
from factcheck.store import Entity
from factcheck.text import normalize, stem

INSTITUTION_WORDS = vocabulary().institution_words
ENTITIES = EntityIndex([
    Entity("china-telecom", "China Telecom", "company", ("中国电信", "China Telecommunications")),
    Entity("alibaba", "Alibaba", "company", ("Alibaba Group", "阿里巴巴")),
    Entity("china", "China", "place"),
    Entity("beijing", "Beijing", "place", parent="china"),
    Entity("unity", "Unity", "company", ("Unity Technologies",)),
], INSTITUTION_WORDS)


@pytest.mark.parametrize("text, expected", [
    ("on 2 November 2020", PartialDate(2020, 11, 2)),
    ("on Nov. 2, 2020", PartialDate(2020, 11, 2)),
    ("2020-11-02", PartialDate(2020, 11, 2)),
    ("the 2nd of November 2020", PartialDate(2020, 11, 2)),
    ("in November 2020", PartialDate(2020, 11)),
    ("in early November, 2020", PartialDate(2020, 11)),
    ("on November 2", PartialDate(None, 11, 2)),
    ("in 2018", PartialDate(2018)),
    ("2020年11月2日", PartialDate(2020, 11, 2)),
    ("in the first quarter of 2024", PartialDate(2024, months=(1, 3))),
    ("in Q3 2023", PartialDate(2023, months=(7, 9))),
    ("by the second half of 2025", PartialDate(2025, months=(7, 12))),
    ("in Q5 2024", PartialDate(2024)),  # no fifth quarter: only the year
])
def test_dates_at_their_written_precision(text: str, expected: PartialDate) -> None:
    assert [d.value for d in find_dates(normalize(text))] == [expected]


@pytest.mark.parametrize("text", [
    "the 32nd of Smarch", "February 30, 2020", "year 99999", "in year 0", "it may rain",
    "2,400 firms", "up 30% year on year",
])
def test_no_date_where_there_is_none(text: str) -> None:
    assert find_dates(normalize(text)) == []


@pytest.mark.parametrize("period, other, compatible", [
    (PartialDate(2024, months=(1, 3)), PartialDate(2024, 3, 31), True),
    (PartialDate(2024, months=(1, 3)), PartialDate(2024, 4, 2), False),
    (PartialDate(2024, months=(1, 3)), PartialDate(2024), True),
    (PartialDate(2024, months=(1, 6)), PartialDate(2024, months=(4, 6)), True),
    (PartialDate(2024, months=(7, 12)), PartialDate(2024, months=(1, 3)), False),
])
def test_a_quarter_or_half_holds_its_months(period: PartialDate, other: PartialDate, compatible: bool) -> None:
    assert period.compatible(other) is other.compatible(period) is compatible
    assert str(PartialDate(2024, months=(1, 3))) == "2024-Q1" and str(PartialDate(2024, months=(7, 12))) == "2024-H2"


def test_relative_dates_need_and_use_a_reference_day() -> None:
    today = date(2024, 10, 24)
    assert [d.value for d in find_dates("yesterday", today)] == [PartialDate(2024, 10, 23)]
    assert [d.value for d in find_dates("last year", today)] == [PartialDate(2023)]
    assert find_dates("yesterday") == []


def test_a_month_misspelt_by_one_letter_is_still_a_month() -> None:
    assert [d.value for d in find_dates("granted on 19 octber 2023")] == [PartialDate(2023, 10, 19)]
    assert [d.value for d in find_dates("in novmber 2017, not in the marches of 2018")] == [
        PartialDate(2017, 11), PartialDate(2018)]


def test_partial_dates_compare_on_what_both_know() -> None:
    assert PartialDate(2020, 11).compatible(PartialDate(2020, 11, 2))
    assert PartialDate(None, 11, 2).compatible(PartialDate(2020, 11, 2))
    assert not PartialDate(2020, 11, 3).compatible(PartialDate(2020, 11, 2))
    assert not PartialDate(2019).compatible(PartialDate(2020, 11, 2))


@pytest.mark.parametrize("text, expected", [
    ("2,400 companies", Figure(2400)),
    ("2400 companies", Figure(2400)),
    ("thirteen firms", Figure(13)),
    ("RMB 20 billion", Figure(20e9, "CNY")),
    ("rmb20bn", Figure(20e9, "CNY")),
    ("20 billion yuan", Figure(20e9, "CNY")),
    ("$1.3 billion", Figure(1.3e9, "USD")),
    ("1.3 billion dollars", Figure(1.3e9, "USD")),
    ("30 percent", Figure(30, "%")),
    ("32.3%", Figure(32.3, "%")),
])
def test_figures_in_every_spelling(text: str, expected: Figure) -> None:
    assert [f.value for f in find_figures(normalize(text))] == [expected]


def test_ranges_share_their_unit_and_ordinals_are_not_figures() -> None:
    assert [f.value for f in find_figures("10-15% on imports")] == [Figure(10, "%"), Figure(15, "%")]
    assert find_figures("the 20th central committee, 5g and 3d") == []


@pytest.mark.parametrize("text, expected", [
    ("罚款850万", Figure(8.5e6)),
    ("4.1亿美元", Figure(4.1e8, "USD")),
    ("20亿元", Figure(2e9, "CNY")),
    ("a CRD 13.50-a-share approach", Figure(13.5)),
    ("EUR 36.75-per-share", Figure(36.75, "EUR")),
    ("为期十年的合同", Figure(10)),  # in Chinese numerals
    ("百分之四十九的股份", Figure(49, "%")),
    ("五亿美元", Figure(5e8, "USD")),
])
def test_chinese_scales_and_units_and_prices_per_share(text: str, expected: Figure) -> None:
    assert [f.value for f in find_figures(normalize(text))] == [expected]


def test_a_currency_before_a_number_is_never_a_name() -> None:
    """A bureau whose alias is "RMB" does not take the currency of "RMB 440 million"."""
    from factcheck.claims import parse_claim
    from factcheck.entities import EntityIndex
    from factcheck.store import Entity
    bureau = EntityIndex([Entity("bureau", "Raventanian Mining Bureau", "regulator", ("RMB",))], INSTITUTION_WORDS)
    parsed = parse_claim("Acme paid RMB 440 million; the RMB approved it", bureau)
    assert [f.unit for f in parsed.figures] == ["CNY"] and parsed.entities == ("bureau",)


def test_outright_is_all_of_it() -> None:
    assert [f.value for f in find_figures("agreed to sell globex outright for 5 million")] == [
        Figure(100, "%"), Figure(5e6)]


def test_a_span_of_years_before_a_noun_is_a_figure() -> None:
    assert [f.value for f in find_figures("a 20-year power purchase agreement")] == [Figure(20)]
    assert [f.value for f in find_figures("a seven-year contract")] == [Figure(7)]
    assert [f.value for f in find_figures("a 30-store remedy and a 180-bed hospital")] == [Figure(30), Figure(180)]


def test_a_chinese_numeral_is_a_figure_only_before_what_it_counts() -> None:
    assert find_figures(normalize("统一的市场，一家公司")) == []  # "unified", "a company"
    assert [f.counted for f in parse_claim("为期十年的合同", EntityIndex([], INSTITUTION_WORDS)).figures] == [frozenset({"year"})]


def test_a_rate_counts_what_comes_before_its_period() -> None:
    """"430 million litres a year" counts litres (a rate), not years: no span of time."""
    figure, = parse_claim("covering about 430 million litres a year", EntityIndex([], INSTITUTION_WORDS)).figures
    assert (figure.counted, figure.kind) == (frozenset({"litr"}), "count")


def test_a_figure_never_ends_inside_a_number() -> None:
    assert [f.value for f in find_figures("13.50-a-share")] == [Figure(13.5)]  # not 1 of "13.50"
    assert find_figures("5g, 3d and covid-19x") == []


def test_a_product_code_is_no_figure_and_a_range_with_and_shares_its_unit() -> None:
    assert [f.value for f in find_figures("srp-217 and covid-19")] == []
    assert [f.value for f in find_figures("between 12 and 18 percent")] == [Figure(12, "%"), Figure(18, "%")]


@pytest.mark.parametrize("text, expected", [
    ("chf 42 milion", Figure(42e6, "CHF")),
    ("9.8 percnt", Figure(9.8, "%")),
    ("12 milion shares", Figure(12e6)),
])
def test_a_scale_or_percent_with_one_letter_wrong_is_read(text: str, expected: Figure) -> None:
    assert [f.value for f in find_figures(text)] == [expected]


def test_figure_matching_tolerates_rounding_not_a_different_value_or_currency() -> None:
    assert Figure(2400).matches(Figure(2400.0, None))
    assert not Figure(14).matches(Figure(13))
    assert not Figure(1.3e9, "USD").matches(Figure(1.3e9, "CNY"))
    assert Figure(1.3e9).matches(Figure(1.3e9, "USD"))


def test_a_span_of_time_matches_no_percentage_nor_count() -> None:
    years = Figure(30, counted=frozenset({"year"}))
    assert not years.matches(Figure(30, "%"))
    assert not years.matches(Figure(30, counted=frozenset({"store"})))
    assert not Figure(30).matches(Figure(30, "%"))
    assert years.matches(Figure(30, counted=frozenset({"year"})))


@pytest.mark.parametrize("text, expected", [
    ("China Telecom signed", ["china-telecom"]),
    ("China Telcom signed", ["china-telecom"]),
    ("Alibba and China Telecommunications", ["alibaba", "china-telecom"]),
    ("中国电信与阿里巴巴", ["china-telecom", "alibaba"]),
    ("China's regulator in Beijing", ["china", "beijing"]),
    ("a unit of the company", []),
    ("#ChinaTelecom and @Alibaba https://t.co/x1 signed", ["china-telecom", "alibaba"]),  # pasted from social media
    ("China Telecom fined Alibaba 3 billion", ["china-telecom", "alibaba"]),  # a number is no part of a name
])
def test_entities_by_name_alias_typo_and_chinese_name(text: str, expected: list[str]) -> None:
    assert list(parse_claim(text, ENTITIES).entities) == expected


@pytest.mark.parametrize("text, negated, attitude", [
    ("China Telecom denied signing a deal", False, "denied"),  # a report of a denial, not a negation
    ("China Telecom did not sign a deal", True, None),
    ("China Telecom didn't sign a deal", True, None),
    ("Reports of a deal are false", True, None),
    ("China Telecom signed a deal", False, None),
    ("The venture was approved with no conditions", False, None),
    ("It is false that China Telecom denied signing a deal", True, "denied"),
])
def test_polarity(text: str, negated: bool, attitude: str | None) -> None:
    frame = parse_claim(text, ENTITIES).frame
    assert (frame.negated, frame.attitude) == (negated, attitude)


def test_a_lowercase_word_is_no_misspelt_name_when_the_writer_uses_capitals() -> None:
    assert parse_claim("China Telecom signed with alibba", ENTITIES).entities == ("china-telecom",)
    assert parse_claim("china telecom signed with alibba", ENTITIES).entities == ("china-telecom", "alibaba")


def test_a_lowercase_word_after_a_name_is_no_part_of_a_misspelt_longer_name() -> None:
    """"China Telecon" is China Telecom; "China telecon" is China and a word, when the writer uses capitals."""
    assert parse_claim("China Telecon signed a deal", ENTITIES).entities == ("china-telecom",)
    assert parse_claim("china telecon signed a deal", ENTITIES).entities == ("china-telecom",)
    assert "china-telecom" not in parse_claim("China telecon signed a deal", ENTITIES).entities


def test_a_misspelt_name_that_stems_as_a_store_word_is_still_looked_for() -> None:
    """"Brackwel" is no ordinary word of the store's, though it stems as the store's "Brackwell"."""
    entities = EntityIndex([Entity("brackwell", "Brackwell Fertilisers", "company", ("Brackwell",))], INSTITUTION_WORDS)
    assert parse_claim("Shareholders rejected the Brackwel takeover", entities, None, {stem("brackwell")}).entities == (
        "brackwell",)


def test_links_and_tags_say_nothing_beyond_their_words() -> None:
    plain = parse_claim("China Telecom signed a deal with Alibaba", ENTITIES)
    pasted = parse_claim("China Telecom signed a deal with #Alibaba https://example.com/deal-news?id=1", ENTITIES)
    assert (pasted.entities, pasted.terms) == (plain.entities, plain.terms)


def test_paraphrases_meet_on_canonical_terms() -> None:
    stored = parse_claim("signed a strategic cooperation agreement", ENTITIES).terms
    rumour = parse_claim("inked a strategic co-operation pact", ENTITIES).terms
    assert set(rumour) == set(stored)


def test_a_date_that_cannot_exist_is_kept_as_such_not_dropped() -> None:
    claim = parse_claim("China Telecom signed with Alibaba on 30 February 2020", ENTITIES)
    assert (claim.dates, claim.impossible_dates, claim.figures) == ((), ("30 february 2020",), ())


def test_terminal_escape_sequences_are_removed_whole() -> None:
    coloured = parse_claim("China Telecom \x1b[1;31msigned\x1b[0m with Alibaba", ENTITIES)
    assert coloured.terms == parse_claim("China Telecom signed with Alibaba", ENTITIES).terms


@pytest.mark.parametrize("text, names", [
    ("Allegedly, Nokia signed a deal", ("nokia",)),  # an adverb before a comma opens the sentence
    ("Boeing China was among the firms", ("boeing",)),  # a name ending in -ing is still a name
    ("Alongside Nokia, Ericsson signed a deal", ("nokia",)),  # a preposition opening the sentence
])
def test_a_sentence_opening_adverb_is_no_name(text: str, names: tuple[str, ...]) -> None:
    from factcheck.claims import parse_claim
    from factcheck.entities import EntityIndex
    assert parse_claim(text, EntityIndex([], INSTITUTION_WORDS)).names[:1] == names


def test_a_stages_words_the_store_never_uses_are_no_terms_of_their_own() -> None:
    """"Pulled the plug" is read as abandoned (`~abandoned`): its words, which no statement uses,
    would otherwise outweigh everything the claim shares with the statement of the withdrawal."""
    claim = "Nokia pulled the plug on its Ericsson takeover"
    store_words = {stem(w) for w in ("nokia", "ericsson", "takeover", "withdrew")}
    assert {"pull", "plug"}.isdisjoint(parse_claim(claim, ENTITIES, vocabulary=store_words).terms)
    assert "~abandoned" in parse_claim(claim, ENTITIES, vocabulary=store_words).terms
    assert "plug" in parse_claim(claim, ENTITIES, vocabulary=store_words | {"plug"}).terms


@pytest.mark.parametrize("text, names", [
    ("Regulaters blocked the deal", ()),  # one letter from the store's "regulators": a typo
    ("Regulus blocked the deal", ("regulus",)),  # two letters from it: a name
    ("Blokced by regulators", ()),  # two letters swapped: a slip
    ("Blockd signed the deal", ("blockd",)),  # too short to tell a slip from a name
])
def test_a_sentence_opening_typo_of_a_store_word_is_no_name(text: str, names: tuple[str, ...]) -> None:
    store_words = {stem(w) for w in ("regulators", "blocked", "deal", "blockade")}
    assert parse_claim(text, EntityIndex([], INSTITUTION_WORDS), vocabulary=store_words).names == names


@pytest.mark.parametrize("text, entities", [
    ("Alibaba raised its tariffs on Chinese imports", ("alibaba", "china")),
    ("Alibaba entered the Chinese market", ("alibaba", "china")),
    ("Alibaba, a Chinese company, signed a deal", ("alibaba",)),  # who a company is: no place of the event
    ("Alibaba entered the Spanish market", ("alibaba",)),  # a place the store does not know
])
def test_a_peoples_word_before_a_market_names_its_place(text: str, entities: tuple[str, ...]) -> None:
    assert parse_claim(text, ENTITIES).entities == entities


@pytest.mark.parametrize("text, count", [
    ("Tesla and nine other foreign companies applied", 10.0),
    ("Tesla, along with nine other foreign firms, applied", 10.0),
    ("Nine other companies applied", 9.0),
    ("Tesla and nine foreign companies applied", 9.0),
])
def test_others_after_a_name_are_counted_with_it(text: str, count: float) -> None:
    assert [f.value for f in parse_claim(text, ENTITIES).figures] == [count]


def test_a_capital_the_store_does_not_know_names_its_countrys_government() -> None:
    governments = EntityIndex([Entity("acme", "Acme", "company"), Entity("united-states", "United States", "government"),
                               Entity("london", "London", "place")], INSTITUTION_WORDS)
    assert parse_claim("Washington barred sales to Acme", governments).entities == ("united-states", "acme")
    assert parse_claim("Acme signed a deal in London", governments).entities == ("acme", "london")
    assert parse_claim("Acme hired George Washington", governments).entities == ("acme",)


def test_a_peoples_word_before_a_market_names_its_government_where_the_store_has_no_place() -> None:
    """A store that records countries as governments ("Chinese government", "Canada")."""
    governments = EntityIndex([Entity("alibaba", "Alibaba", "company"),
                               Entity("chinese-government", "Chinese government", "government"),
                               Entity("spain", "Spain", "government")], INSTITUTION_WORDS)
    assert parse_claim("Alibaba raised tariffs on Chinese imports", governments).entities == ("alibaba", "chinese-government")
    assert parse_claim("Alibaba entered the Spanish market", governments).entities == ("alibaba", "spain")
    assert parse_claim("Alibaba, a Chinese company, signed a deal", governments).entities == ("alibaba",)


@pytest.mark.parametrize("text, names", [
    ("Nokia sold phones through eBay", ("nokia", "ebay")),  # a capital after a lowercase start
    ("Nokia sold phones through ebay", ("nokia",)),
    ("Nokia and ZTE signed a deal", ("nokia",)),  # a short acronym is no name to look for
])
def test_a_name_may_start_in_lowercase(text: str, names: tuple[str, ...]) -> None:
    from factcheck.claims import parse_claim
    from factcheck.entities import EntityIndex
    assert parse_claim(text, EntityIndex([], INSTITUTION_WORDS)).names == names


@pytest.mark.parametrize("text, frame", [
    ("Acme won uncondtional approval", ("approved-unconditionally", None)),  # one letter from one trigger word
    ("Acme's aquisition of Globex was approved", ("approved", "acquisition")),
    ("Acme won an injuction", (None, None)),  # as near "injunction" as "injection": left as written
    # a shorter one is read so only when a letter is left out, doubled or swapped
    ("Acme has completed its purchse of Globex", ("completed", "acquisition")),
    ("Acme has agreed to aquire Globex", ("agreed", "acquisition")),  # a letter left out of a seven-letter word
    ("The foreign-funded firms were cleared", ("approved", None)),  # the end of a hyphenated adjective: no "founded"
    ("The regulator blokced Acme's takover of Globex", ("blocked", "acquisition")),
    ("The regulator slapped a penalty on Acme", ("completed", "fine")),  # no misspelt "snapped" (up)
    ("Acme is staying in the venture", (None, None)),  # no misspelt "staking"
])
def test_a_claims_long_misspelt_trigger_is_read_as_the_trigger(text: str, frame: tuple[str | None, str | None]) -> None:
    from factcheck.claims import parse_claim
    from factcheck.entities import EntityIndex
    read = parse_claim(text, EntityIndex([], INSTITUTION_WORDS), spelling=True).frame
    assert (read.stage, read.type) == frame
    assert parse_claim("Acme won uncondtional approval", EntityIndex([], INSTITUTION_WORDS)).frame.stage == "approved"  # statements: as written
