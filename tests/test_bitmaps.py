"""Ranking by bitmaps against a plain sort of every statement's score."""

from __future__ import annotations

import random

import pytest

from factcheck.bitmaps import bitmap, rank


def as_int(numbers: list[int], count: int) -> int:
    return int.from_bytes(bitmap(numbers, count), "little")


@pytest.mark.parametrize("seed", range(40))
def test_rank_is_the_sort_of_every_score_with_ties_by_number(seed: int) -> None:
    rng = random.Random(seed)
    count = rng.choice([1, 7, 8, 9, 64, 300])
    norms = [rng.choice([0.5, 0.75, 1.0, 1.5]) for _ in range(count)]
    # idfs that add up to the same sums (1 + 0.5 == 0.5 + 1) and norms that divide them alike
    # (1 / 0.5 == 1.5 / 0.75) make ties across groups and length classes
    terms = [({n for n in range(count) if rng.random() < share}, rng.choice([0.5, 1.0, 1.5]))
             for share in [rng.random() for _ in range(rng.randint(1, 5))]]
    first, *others = terms
    limit = rng.choice([1, 3, 10, count + 5])

    scores = []
    for number in sorted(first[0]):
        summed = first[1]
        for having, idf in others:
            if number in having:
                summed += idf
        scores.append((summed / norms[number], -number))
    expected = [-negated for _, negated in sorted(scores, reverse=True)[:limit]]

    classes = sorted((norm, as_int([n for n in range(count) if norms[n] == norm], count)) for norm in set(norms))
    assert rank((as_int(sorted(first[0]), count), first[1]),
                [(as_int(sorted(having), count), idf) for having, idf in others], classes, limit) == expected


def test_bitmap_sets_a_bit_per_statement() -> None:
    assert bitmap([0, 3, 9], 10) == bytes([0b1001, 0b10])
    assert bitmap([], 0) == b""
