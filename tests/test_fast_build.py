"""Speed-only changes to building an index give exactly what they replace (issue 20, fast full
builds): the shortcuts are checked against the plain definitions they stand for."""

from __future__ import annotations

import sys

from hypothesis import given, strategies as st

from factcheck.dates import read_dates
from factcheck.frames.reader import _starting_within
from factcheck.text import _CONTROL, _POSSESSIVE, normalize

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
