"""Speed-only changes to building an index give exactly what they replace (issue 20, fast full
builds): the shortcuts are checked against the plain definitions they stand for."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from factcheck import cache as cache_module
from factcheck import dates, figures
from factcheck import entities as entities_module
from factcheck import text as text_module
from factcheck import index as index_module
from factcheck.claims import contradicted_report, parse_claim, read_clauses
from factcheck.dates import read_dates
from factcheck.entities import EntityIndex
from factcheck.errors import StoreError
from factcheck.frames.reader import Frame, _spaced, _starting_within
from factcheck.frames.vocabulary import vocabulary
from factcheck.index import READ_STEP, PackedStatements, _Consulted, statement_text, store_words
from factcheck.store import Entity, load_store, shipped_store
from factcheck.text import _ASCII_TOKEN, _CONTROL, _POSSESSIVE, _QUOTES, _TOKEN, Token, normalize, tokens, words

from test_incremental import assert_as_built_afresh, folder  # noqa: F401 - the fixture


positions = st.lists(st.integers(0, 60), unique=True).map(sorted)
ranges = st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=4)


@given(positions, ranges)
def test_tokens_starting_within_ranges_are_those_a_test_of_each_token_finds(starts: list[int],
                                                                            spans: list[tuple[int, int]]) -> None:
    assert _starting_within(starts, spans) == {i for i, at in enumerate(starts)
                                               if any(start <= at < end for start, end in spans)}


def test_a_misspelt_month_reads_the_same_when_its_answer_is_remembered() -> None:
    first = read_dates("signed on 3 novmber 2020 and octber 2021")
    assert first == read_dates("signed on 3 novmber 2020 and octber 2021")
    assert [(d.value.month, d.value.year) for d in first[0]] == [(11, 2020), (10, 2021)]


@given(st.text(alphabet=st.sampled_from("ab s'’\x07\x1b[31m\u200b\u2066\ufeffÉﬁ.\t\n")))
def test_what_normalising_skips_would_have_changed_nothing(text: str) -> None:
    if text.isprintable():
        assert _CONTROL.sub(" ", text) == text
    if "'" not in text:
        assert _POSSESSIVE.sub(" ", text) == text
    assert normalize(text + "'s") == normalize(text + "’s")


def test_every_character_normalising_blanks_as_a_control_is_unprintable() -> None:
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable() and _CONTROL.match(c)]


@pytest.mark.parametrize("spilt", [False, True])
@pytest.mark.parametrize("step", [1, 3, READ_STEP])
def test_packed_statements_are_the_statements_they_pack(step: int, spilt: bool, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """In memory, or spilt to a file (a worker that parsed a store file of a large store)."""
    monkeypatch.setattr(index_module, "READ_STEP", step)
    statements = list(load_store([shipped_store()]).statements)
    statements[1] = replace(statements[1], appeared_in=("https://example.com/rumour",))
    packed = PackedStatements(statements, tmp_path / "spill" if spilt else None)
    assert (tmp_path / "spill").exists() == spilt
    assert len(packed) == len(statements) and list(packed) == statements
    assert [(s.location, [c.location for c in s.citations]) for s in packed] == \
        [(s.location, [c.location for c in s.citations]) for s in statements]
    for start, stop in [(0, 0), (0, 1), (2, 7), (5, len(statements)), (len(statements) - 1, len(statements) + 3)]:
        assert packed[start:stop] == statements[start:stop]
    assert packed[4] == statements[4] and packed[-1] == statements[-1]


def test_a_store_parsed_and_read_on_several_cores_is_indexed_as_one_read_here(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "PARALLEL_PARSE_BYTES", 0)
    monkeypatch.setattr(cache_module, "fork_workers", lambda: 2)
    monkeypatch.setattr(index_module, "fork_workers", lambda: 2)
    monkeypatch.setattr(index_module, "PARALLEL_BUILD_MINIMUM", 0)
    spills: list[Path | None] = []
    read_records = cache_module._read_records

    def noted(*arguments):  # noqa: ANN002, ANN202 - as _read_records
        for record, found in read_records(*arguments):
            spills.append(getattr(found.statements, "_spill", None))
            yield record, found

    monkeypatch.setattr(cache_module, "_read_records", noted)
    assert_as_built_afresh(folder)  # the parent held paths, not statements: each file's were spilt
    assert spills and all(spill is not None and not spill.exists() for spill in spills)


def test_a_file_a_worker_cannot_read_fails_as_it_fails_read_here(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "PARALLEL_PARSE_BYTES", 0)
    monkeypatch.setattr(cache_module, "fork_workers", lambda: 2)
    files = [folder / "a.yaml", folder / "gone.yaml"]
    with pytest.raises(StoreError, match="cannot read store file"):
        list(cache_module._read_records(files, [hashlib.sha256(files[0].read_bytes()).hexdigest(), ""]))


def _stores_and_texts() -> list[tuple[EntityIndex, frozenset[str], list[str]]]:
    """Texts read as statements are read: each store's "claim. deal" texts, and the labelled
    claims of its benchmark, each with a deal label of the store after it."""
    benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"
    found = []
    for paths, claims in [([shipped_store()], ["dev.jsonl", "heldout.jsonl"]),
                          ([benchmarks / "stores" / "airline"], ["airline-tune.jsonl", "airline-final.jsonl"]),
                          ([benchmarks / "stores" / "pharma"], ["pharma-final.jsonl"])]:
        store = load_store(paths)
        deals = [s.deal for s in store.statements if s.deal]
        texts = [statement_text(s) for s in store.statements]
        labelled = [json.loads(line)["claim"] for name in claims
                    for line in (benchmarks / "claims" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += [f"{claim}. {deals[i % len(deals)]}" for i, claim in enumerate(labelled)]
        found.append((EntityIndex(store.entities.values(), vocabulary().institution_words), store_words(store), texts))
    return found


def test_reading_only_a_statements_terms_gives_what_the_whole_reading_gives() -> None:
    """`parse_claim(…, terms_only=True)`, as a build reads "claim. deal": the same entities,
    dates, figures and terms, and the frame's type, stage and its words, and the same words asked of the
    store's words (which a kept part records)."""
    for entities, vocabulary, texts in _stores_and_texts():
        for text in texts:
            whole_asked, only_asked = _Consulted(vocabulary), _Consulted(vocabulary)
            whole = parse_claim(text, entities, None, whole_asked)
            only = parse_claim(text, entities, None, only_asked, terms_only=True)
            assert (only.entities, only.dates, only.figures, only.terms) == \
                (whole.entities, whole.dates, whole.figures, whole.terms), text
            assert (only.frame.type, only.frame.stage) == (whole.frame.type, whole.frame.stage), text
            assert only.frame == Frame(type=whole.frame.type, stage=whole.frame.stage, stage_words=whole.frame.stage_words)
            assert set(only_asked.answers.items()) <= set(whole_asked.answers.items())


date_like = st.lists(st.sampled_from(["1", "2", "0", "9", "3", " ", ",", ".", "-", "/", "$", "%", "of ", "nov",
                                      "november ", "novmber ", "may ", "sept ", "2020", "1999", "31st ",
                                      "percent", "a", "x", "é", "月", "年"]), max_size=15).map("".join)


@given(date_like)
def test_date_patterns_with_their_first_character_looked_ahead_find_what_they_found(text: str) -> None:
    """`dates`' named-month and year patterns start with a lookahead of the character a match
    starts with (for speed): without it they match the same."""
    misspelt = dates._named_month_patterns(r"(?P<month>novmber|octber)")
    for _, pattern in [*dates._NAMED_MONTH_PATTERNS, *misspelt, *dates._YEAR_PATTERNS]:
        plain = re.compile(re.sub(r"^\(\?=(?:\\d|\[[a-z0-9]+\])\)", "", pattern.pattern))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.lists(st.sampled_from(["1", "5", "0", ",", ".", " ", "%", "rmb ", "million", "one ", "twenty ", "百分之",
                                 "四十九", "十", "年", "家", "元", "亿", "outright", "x", "-", "٣"]), max_size=15).map("".join))
def test_figure_patterns_skipped_are_patterns_that_find_nothing(text: str) -> None:
    """`find_figures` runs a pattern only where the text has what its matches need."""
    if not figures._DIGIT.search(text):
        assert not figures._FIGURE.search(text)
    if text.isascii():
        assert not figures._CJK_PERCENT.search(text) and not figures._CJK_FIGURE.search(text)
    if "outright" not in text:
        assert not figures._WHOLE.search(text)


@given(st.lists(st.sampled_from(["it", "them", "the", "deal", "two", "companies", "both", "that", "bid", "its",
                                 "x", "deals", "thetwo", "agreement", "news"]), max_size=12))
def test_anaphors_found_by_one_pattern_are_the_phrases_found_one_by_one(texts: list[str]) -> None:
    """`read_frame`'s one scan for "it", "the deal", … finds one where looking for each phrase
    as words of the clause (a space either side) finds one."""
    anaphors = vocabulary().anaphors
    written = f" {' '.join(texts)} "
    assert (_spaced(anaphors).search(written) is not None) == any(f" {phrase} " in written for phrase in anaphors)
    assert _spaced(()).search(written) is None  # no anaphors, none found (not even in "  ")


@given(st.text(alphabet=st.sampled_from("ab1_ -'’.ÉZ9\u200bﬁ٣月\t")), st.text(alphabet=st.sampled_from("ab1_ -.É٣")))
def test_tokens_of_a_recent_text_a_full_stop_and_more_are_its_tokens_and_the_rest(text: str, after: str) -> None:
    """`text.tokens` takes the tokens of a recent text for "text. more"."""
    text_module._MADE.clear()
    for written in (text, f"{text}. {after}", f"{text}. {after}. {text}", after, f"{after}. {text}"):
        assert tokens(written) == [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(written)]


@given(st.text(alphabet=st.sampled_from("ab1_ -'’.ÉZ9\u200bﬁ٣月\t")))
def test_tokens_made_in_c_are_the_tokens_made_one_by_one(text: str) -> None:
    """`text.tokens` makes its tokens with `map` and `tuple.__new__`: the same `Token`s as made
    one match at a time."""
    made = tokens(text)
    assert made == [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    assert words(text) == [token.text for token in made]
    assert all(type(token) is Token for token in made)


@given(st.lists(st.sampled_from(["contradict", "contradicting", "Contradicted", "CONTRADICTS", "contra", "dicting",
                                 "x", " ", "'s", "`", "\x1b[31m", "\x07", "-", "_", "1"]), max_size=10).map("".join))
def test_ascii_text_without_a_contradiction_marker_in_lower_case_has_no_marker_token(text: str) -> None:
    """The premise of `index._contradicted`'s shortcut."""
    markers = vocabulary().contradiction_markers
    if not any(marker in text.lower() for marker in markers):
        assert not [t for t in tokens(normalize(text)) if t.text in markers]


def test_a_contradicted_report_looked_for_only_where_it_can_be_is_the_report() -> None:
    """`index._contradicted` gives what `contradicted_report` gives, over the stores' texts and
    their labelled claims, and asks the store's words the same questions."""
    reports = 0
    for entities, vocabulary_, texts in _stores_and_texts():
        for text in texts:
            for clause in read_clauses(text, entities, None, vocabulary_):
                quick, plain = _Consulted(vocabulary_), _Consulted(vocabulary_)
                report = index_module._contradicted(clause, entities, quick)
                assert report == contradicted_report(clause, entities, plain)
                assert quick.answers == plain.answers
                reports += report is not None
    assert reports  # (the pharma store's "… contradicting a Brennau Courier report that …")


@given(st.lists(st.sampled_from(["novmber", "octber", "agreed", "million", "march", "maarch", "x", " ", "1", "é",
                                 "september", "septembers", "bought", "zzzzz"]), max_size=10).map(" ".join))
def test_misspelt_months_are_looked_for_only_among_words_that_start_as_a_month(text: str) -> None:
    """`dates._misspelt_months` asks only of the long words that start with a month's first
    letter: every other long word is no misspelt month."""
    long_words = set(re.findall(r"\b[a-z]{5,10}\b", text))
    asked = set(dates._MONTH_LIKE_WORD.findall(text))
    assert asked <= long_words
    assert not [word for word in long_words - asked if dates._misspelt_month(word)]


@given(date_like)
def test_date_patterns_looked_for_from_their_first_possible_start_find_what_they_found(text: str) -> None:
    """`read_dates` looks for most patterns from the text's first digit, and for those that start
    with a month's name from the first month name: no match starts before, and a match from
    there sees what is before it (a "$" before "2019")."""
    digit, month = dates._DIGIT.search(text), dates._MONTH_NAME.search(text)
    misspelt = dates._named_month_patterns(r"(?P<month>novmber|octber)")
    from_digit = [*dates._NUMERIC_PATTERNS, dates._NAMED_MONTH_PATTERNS[0], misspelt[0], *dates._YEAR_PATTERNS]
    for _, pattern in from_digit:
        assert [m.span() for m in pattern.finditer(text, digit.start() if digit else 0)] == \
            [m.span() for m in pattern.finditer(text)]
    for _, pattern in dates._NAMED_MONTH_PATTERNS[1:]:
        assert [m.span() for m in pattern.finditer(text, month.start() if month else 0)] == \
            [m.span() for m in pattern.finditer(text)]


def test_a_date_pattern_looked_for_from_a_digit_sees_the_characters_before_it() -> None:
    assert [(d.value.year, d.value.month) for d in read_dates("paid $2019 in 2020")[0]] == [(2020, None)]
    assert [(d.value.year, d.value.month) for d in read_dates("x-2019 and 2021-05")[0]] == [(2021, 5)]


@given(st.lists(st.sampled_from(["1", "5", "0", ",", ".", " ", "  ", "%", "rmb", "us$", "hk$", "$", "€", "eur", "usd",
                                 "million", "bn", "a", "x", "-", "_", "٣"]), max_size=15).map("".join))
def test_a_figure_pattern_looked_for_from_just_before_the_first_digit_finds_what_it_found(text: str) -> None:
    """`find_figures` looks for figures in digits from `_BEFORE_NUMBER` characters before the
    text's first digit: none starts before, and a match from there sees what is before it."""
    digit = figures._DIGIT.search(text)
    if digit:
        start = max(0, digit.start() - figures._BEFORE_NUMBER)
        assert [m.span() for m in figures._FIGURE.finditer(text, start)] == [m.span() for m in figures._FIGURE.finditer(text)]
    prefixes = re.search(r"\(\?P<prefix>([^)]*)\)", figures._PREFIX).group(1).replace("\\", "").split("|")
    assert max(map(len, prefixes)) + len(" ") == figures._BEFORE_NUMBER


def test_ascii_text_is_its_own_nfkc_and_has_one_quote_to_map() -> None:
    """`normalize` skips NFKC and the quotes' mapping for ASCII text without a backquote."""
    ascii_text = "".join(map(chr, range(128)))
    assert unicodedata.normalize("NFKC", ascii_text) == ascii_text
    assert [chr(code) for code in _QUOTES if code < 128] == ["`"]


@given(st.lists(st.sampled_from(["first", "1st", "fourth", " ", "quarter", "half", "q", "h", "3", "1", "5", "of ",
                                 "fiscal ", "2024", ",", "x", "qh"]), max_size=12).map("".join))
def test_a_period_is_looked_for_only_where_the_text_can_have_one(text: str) -> None:
    """`read_dates` looks for `_PERIOD` only in text with "quarter", "half" or a letter and a number."""
    if not ("quarter" in text or "half" in text or dates._PERIOD_LETTER.search(text)):
        assert not dates._PERIOD.search(text)


@given(st.lists(st.sampled_from(["one", "two", "twenty", "dozen", "eight", "hundred", "million", "and", "-", " ",
                                 "percent", "x", "o", "year", "s", "%", "元"]), max_size=12).map("".join))
def test_the_word_figure_pattern_with_its_first_letter_looked_ahead_finds_what_it_found(text: str) -> None:
    plain = re.compile(re.sub(r"^\(\?=\[[a-z]+\]\)", "", figures._WORD_FIGURE.pattern))
    assert plain.pattern != figures._WORD_FIGURE.pattern
    assert [m.span() for m in figures._WORD_FIGURE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_ascii_token_pattern_takes_the_characters_the_token_pattern_takes() -> None:
    """`tokens` and `words` find ASCII text's words with `_ASCII_TOKEN`: of the 128 ASCII
    characters it takes the ones `_TOKEN` takes."""
    for character in map(chr, range(128)):
        assert (_ASCII_TOKEN.fullmatch(character) is None) == (_TOKEN.fullmatch(character) is None), repr(character)


digitless = st.lists(st.sampled_from(["nov", "november ", "novmber ", "may ", "of ", "percent", "per cent", "%", ".", " ",
                                      ",", "q", "h", "quarter ", "half ", "fiscal ", "st ", "-", "/", "x", "é", "年",
                                      "last year", "yesterday"]), max_size=10).map("".join)


@settings(max_examples=400)
@given(date_like, digitless)
def test_a_text_a_full_stop_and_words_without_a_digit_read_the_dates_the_text_reads(text: str, after: str) -> None:
    """The premise of `dates._read_before`: "claim. deal" has the claim's dates when the deal
    label has no digit; and `read_dates` gives what reading afresh gives, whatever it read before."""
    assert dates._read_dates(f"{text}. {after}", None) == dates._read_dates(text, None)
    dates._READ.clear()
    for earlier in (text, f"{text}. {after}", f"{text}. 5 {after}", text[:-1], f"{text}{after}"):
        assert read_dates(earlier) == dates._read_dates(earlier, None)
        assert read_dates(f"{earlier}. {after}") == dates._read_dates(f"{earlier}. {after}", None)


figure_like = st.lists(st.sampled_from(["1", "5", "0", ",", ".", " ", "%", "rmb ", "million", "milion", " mil", "one ",
                                        "twenty ", "and ", "-", "to ", "x", "outright", "st", "nov", "四十九", "年"]),
                       max_size=12).map("".join)
spans = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda s: (s[0], s[0] + s[1])), max_size=3)


@settings(max_examples=400)
@given(figure_like, figure_like, spans, spans)
def test_a_text_a_full_stop_and_words_without_a_figure_have_the_texts_figures(text: str, after: str, skipped: list,
                                                                              more: list) -> None:
    """The premise of `figures._reads_as`, and `find_figures` giving what finding afresh gives
    whatever it found before (the words after may have figures, the spans skipped may differ)."""
    whole = f"{text}. {after}"
    if figures._reads_as(whole, [*skipped, *more], text, frozenset(skipped)):
        assert figures._find_figures(whole, [*skipped, *more]) == figures._find_figures(text, skipped)
    figures._FOUND.clear()
    assert figures.find_figures(text, skipped) == figures._find_figures(text, skipped)
    for excluded in (skipped, [*skipped, *more]):
        assert figures.find_figures(whole, excluded) == figures._find_figures(whole, excluded)
        assert figures.find_figures(text, excluded) == figures._find_figures(text, excluded)


def test_statements_read_with_what_was_read_before_remembered_read_as_without(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a store's statements (and its labelled claims as statements) with the tokens,
    dates, figures and walks over names of recent texts remembered gives the facts, and asks the store's words the questions,
    that reading each afresh gives."""
    benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"
    for paths, claims in [([shipped_store()], ["dev.jsonl", "heldout.jsonl"]),
                          ([benchmarks / "stores" / "airline"], ["airline-tune.jsonl", "airline-final.jsonl"]),
                          ([benchmarks / "stores" / "pharma"], ["pharma-final.jsonl"])]:
        store = load_store(paths)
        entities, vocabulary_ = index_module.store_entities(store), store_words(store)
        labelled = [json.loads(line)["claim"] for name in claims
                    for line in (benchmarks / "claims" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        statements = [*store.statements, *(replace(store.statements[i % len(store.statements)], claim=claim)
                                           for i, claim in enumerate(labelled))]

        def read(recent: int) -> list:
            for module in (dates, figures, entities_module, text_module):
                monkeypatch.setattr(module, "_RECENT", recent)
            dates._READ.clear()
            figures._FOUND.clear()
            entities_module._WALKS.clear()
            text_module._MADE.clear()
            consulted = _Consulted(vocabulary_)
            facts = [index_module._facts_fields(index_module.read_statement(s, store, entities, consulted))
                     for s in statements]
            return [facts, list(consulted.answers.items())]

        assert read(8) == read(0)


def test_a_walk_over_names_taken_up_where_it_reaches_past_the_earlier_text_finds_what_a_walk_afresh_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`EntityIndex.find` takes up a recent walk for "text. more words": names across the full
    stop ("… in China. telecom …"), misspelt ones, and capitals that differ, as a walk afresh."""
    index = EntityIndex([Entity("china", "China", "place"), Entity("china-telecom", "China Telecom", "company"),
                         Entity("globex", "Globex Energy Holdings Group", "company"),
                         Entity("acme", "Acme", "company", ("Acme Corporation",))], frozenset())
    texts = ["Acme sold its unit in China", "Acme sold Globex Energy Holdings", "globex energy holdings grp in china",
             "Acme Corporaton won", "Acme", ""]
    after = ["telecom business licences", "Group bought it", "Telecom", "corporation", "x"]
    for text in texts:
        for more in after:
            whole = f"{text}. {more}"
            for capitals in (False, True):
                starts = (lambda t: {w.start for w in tokens(normalize(t)) if t[w.start].isupper()}) if capitals \
                    else (lambda t: None)
                fresh_asked, asked = _Consulted(frozenset({"group", "sold"})), _Consulted(frozenset({"group", "sold"}))
                monkeypatch.setattr(entities_module, "_RECENT", 0)
                fresh = index.find(normalize(text), tokens(normalize(text)), fresh_asked, starts(text))
                fresh_whole = index.find(normalize(whole), tokens(normalize(whole)), fresh_asked, starts(whole))
                monkeypatch.setattr(entities_module, "_RECENT", 4)
                assert index.find(normalize(text), tokens(normalize(text)), asked, starts(text)) == fresh
                assert index.find(normalize(whole), tokens(normalize(whole)), asked, starts(whole)) == fresh_whole
                assert list(asked.answers.items()) == list(fresh_asked.answers.items())
    assert [m.entity for m in index.find("acme sold its unit in china. telecom business", tokens(
        "acme sold its unit in china. telecom business"), frozenset())] == ["acme", "china-telecom"]


@given(st.lists(st.sampled_from(["1", "2", "0", "9", "3", "٣", " ", ",", ".", "-", "/", "$", "%", "of ", "nov", "x",
                                 "november ", "may ", "sept ", "2020", "1999", "31st ", "percent", "a", "é", "_", "年",
                                 "summary", "dec"]), max_size=15).map("".join))
def test_date_patterns_tried_only_where_a_run_of_digits_or_a_months_name_starts_find_what_they_found(text: str) -> None:
    """`read_dates` tries the patterns that start with a year or a day only where a run of
    digits starts, and those that start with a month's name only where such a name starts a word."""
    digit = dates._DIGIT.search(text)
    runs = dates._digit_runs(text, digit.start()) if digit else []
    months = dates._month_starts(text)
    by_digits = [*dates._NUMERIC_PATTERNS[:2], dates._NAMED_MONTH_PATTERNS[0], *dates._YEAR_PATTERNS]
    for _, pattern in by_digits:
        assert [m.span() for m in dates._matches_at(pattern, text, runs)] == [m.span() for m in pattern.finditer(text)]
    for _, pattern in dates._NAMED_MONTH_PATTERNS[1:]:
        assert [m.span() for m in dates._matches_at(pattern, text, months)] == [m.span() for m in pattern.finditer(text)]


@given(st.text(alphabet=st.sampled_from("adfjmnosxz_é1 -'")))
def test_the_month_like_word_pattern_starting_with_its_letter_finds_the_words_of_the_plain_pattern(text: str) -> None:
    plain = re.compile(rf"\b(?={dates._FIRST_LETTERS})[a-z]{{5,10}}\b")
    assert dates._MONTH_LIKE_WORD.findall(text) == plain.findall(text)
