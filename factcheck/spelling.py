"""Misspellings one letter from a known word: a month, a scale, an event trigger.

Kept apart from `text` so that the date reader, which reading a store needs, loads neither the
stemmer nor rapidfuzz until a misspelling is looked for.
"""

from __future__ import annotations

from typing import Sequence


def one_letter_from(word: str, candidates: Sequence[str]) -> list[str]:
    """The candidates one letter (an edit, or a swap of two) from `word`, in the candidates'
    order: what a misspelt month, scale or trigger word was meant to be."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return [found for found, _, _ in process.extract(word, candidates, scorer=OSA.distance, score_cutoff=1,
                                                      limit=None)]
