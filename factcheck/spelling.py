"""Misspellings one letter from a known word: a month, a scale, an event trigger.

Kept apart from `text` so that the date reader, which reading a store needs, loads neither the
stemmer nor rapidfuzz until a misspelling is looked for.
"""

from __future__ import annotations

from string import ascii_lowercase
from typing import Iterator, Sequence


def one_letter_from(word: str, candidates: Sequence[str]) -> list[str]:
    """The candidates one letter (an edit, or a swap of two) from `word`, in the candidates'
    order: what a misspelt month, scale or trigger word was meant to be."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return [found for found, _, _ in process.extract(word, candidates, scorer=OSA.distance, score_cutoff=1,
                                                      limit=None)]


def one_letter_variants(word: str) -> Iterator[str]:
    """Every word one letter (an edit, or a swap of two) from `word`: to ask a store, word by
    word, whether it knows a word `word` may be a slip of."""
    yield from letter_added_or_swapped(word)
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]
        for letter in ascii_lowercase:
            yield word[:i] + letter + word[i + 1:]


def letter_added_or_swapped(word: str) -> Iterator[str]:
    """Every word a letter added or two neighbours swapped away from `word`: the slips of typing
    a word that leave its letters in ("signd", "bougth"), without the changed letter that turns
    one word into another ("merger", "merged")."""
    for i in range(len(word) + 1):
        for letter in ascii_lowercase:
            yield word[:i] + letter + word[i:]
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


def vowel_slips_and_swaps(word: str, keep_last: int = 0) -> Iterator[str]:
    """Every word a vowel changed for another or two letters swapped away from `word`, its last
    `keep_last` letters left as they are: the commonest slips, far fewer than
    `one_letter_variants` (to ask a store about a word it may not know, claim after claim)."""
    end = len(word) - keep_last
    for i in range(end):
        if word[i] in _VOWELS:
            for vowel in _VOWELS:
                if vowel != word[i]:
                    yield word[:i] + vowel + word[i + 1:]
    for i in range(end - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


_VOWELS = "aeiou"
