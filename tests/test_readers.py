"""Readers' shared details: line and column arithmetic, entity tables derived from names, the
stemmer, long integers, and the document reader's error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.article import decode
from factcheck.entities import EntityIndex, Spellings
from factcheck.errors import InputError, Location, StoreError, line_column
from factcheck.figures import find_figures
from factcheck.frames.vocabulary import vocabulary
from factcheck.sources import citation_problems
from factcheck.store import Entity, Source, Store
from factcheck.text import STOPWORDS, SYNONYMS, normalize, raw_stem, stem
from factcheck.yaml_loader import MAX_INT_DIGITS, parse_yaml


@pytest.mark.parametrize("text, offset, expected", [
    ("", 0, (1, 1)),
    ("abc", 2, (1, 3)),
    ("ab\ncd", 3, (2, 1)),
    ("ab\ncd", 5, (2, 3)),
    ("a\n\nb", 3, (3, 1)),
    ("é\nüx", 4, (2, 3)),
])
def test_line_column_counts_characters_of_text_and_bytes_of_bytes(
        text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_column(text, offset) == expected
    if text.isascii():
        assert line_column(text.encode(), offset) == expected


def test_line_column_of_bytes_counts_bytes() -> None:
    assert line_column("é\nü".encode(), 5) == (2, 3)  # "ü" is two bytes


def test_decode_positions_count_characters_and_survive_bad_bytes_before() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"ok \xff\xfe\n\xe2\x82\xac\xe2 \x00", "a.md")  # bad bytes, a newline, a NUL
    assert "NUL" in caught.value.message
    assert (caught.value.location.line, caught.value.location.column) == (2, 4)


def test_store_file_positions_of_bad_bytes_count_bytes(tmp_path: Path) -> None:
    from factcheck.store import read_yaml_file

    path = tmp_path / "store.yaml"
    path.write_bytes(b"entities:\n  - name: \xc3\xa9\xff\n")  # columns count the two bytes of "\xe9"
    with pytest.raises(StoreError) as caught:
        read_yaml_file(path)
    assert (caught.value.location.line, caught.value.location.column) == (2, 13)


def test_yaml_reader_errors_are_placed_in_characters() -> None:
    with pytest.raises(StoreError) as caught:
        parse_yaml("a: é\nb: ü\x07\n", "s.yaml")
    assert (caught.value.location.line, caught.value.location.column) == (2, 5)


@pytest.mark.parametrize("digits, expected", [
    ("1" * MAX_INT_DIGITS, int("1" * MAX_INT_DIGITS)),
    ("1" * (MAX_INT_DIGITS + 1), "1" * (MAX_INT_DIGITS + 1)),
    ("0x1F", 31),
    ("1_000", 1000),
])
def test_long_integers_stay_as_written(digits: str, expected: object) -> None:
    assert parse_yaml(f"n: {digits}\n", "s.yaml").data == {"n": expected}


def test_every_canonical_term_is_its_own_synonym() -> None:
    """So `stem(w) in SYNONYMS` and `stem(w) in SYNONYMS.values()` are the same test."""
    assert all(SYNONYMS.get(canonical) == canonical for canonical in SYNONYMS.values())


def test_raw_stem_does_not_fold_synonyms() -> None:
    assert raw_stem("inked") == "ink"
    assert stem("inked") == "sign"


def test_one_word_names_that_are_stopwords_count_only_in_capitals() -> None:
    assert "us" in STOPWORDS
    index = EntityIndex([Entity("united-states", "United States", "place", ("US",)),
                         Entity("acme", "Acme", "company", ("Acme Group Holdings",))], vocabulary().institution_words)
    mentions = index.find(normalize("US and Acme Group Holdings and the United States"))
    assert [(m.entity, m.capitals_only) for m in mentions] == [
        ("united-states", True), ("acme", False), ("united-states", False)]
    assert index.widest_from == {"united": 2, "us": 1, "acme": 3}


def test_closest_spelling_ties_go_to_the_shorter_then_the_first_added() -> None:
    spellings = Spellings()
    for text in ("abcdegx", "abcdez", "abcde"):
        spellings.add(text)
    assert spellings.closest("abcdeg") == "abcde"  # one edit from each: the shortest wins
    spellings = Spellings()
    for text in ("abcdex", "abcdez"):
        spellings.add(text)
    assert spellings.closest("abcdey") == "abcdex"


@pytest.mark.parametrize("text, value, unit", [
    ("5m", 5.0, None),
    ("5b", 5.0, None),
    ("$5m", 5e6, "USD"),
    ("5bn", 5e9, None),
    ("5 million", 5e6, None),
])
def test_lone_m_and_b_scale_only_amounts(text: str, value: float, unit: str | None) -> None:
    [mention] = find_figures(normalize(text))
    assert (mention.value.value, mention.value.unit) == (value, unit)


def test_unreadable_documents_keep_their_messages(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    (tmp_path / "folder").mkdir()

    def source(name: str) -> Source:
        return Source(name, "t", "p", "2020-01-01", "https://example.com", name, tmp_path / name,
                      location=Location(str(tmp_path / "store.yaml")))  # documents are read beside it

    names = ["latin1.txt", "missing.txt", "folder", "nul\x00.txt"]
    store = Store({}, {name: source(name) for name in names}, (), ())
    messages = [problem.message for problem in citation_problems(store)]
    assert messages[0] == "document of source 'latin1.txt' cannot be read: not valid UTF-8"
    assert messages[1] == f"document of source 'missing.txt' not found: {tmp_path / 'missing.txt'}"
    assert messages[2].startswith("document of source 'folder' cannot be read: ")
    assert messages[3] == "document of source 'nul\x00.txt' cannot be read: the path contains a NUL character"
