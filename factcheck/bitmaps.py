"""Ranking the statements of a common term with bitmaps, for claims made only of common words.

A claim like "X signed a strategic cooperation agreement with Y", where X and Y are unknown to the
store, has no rare term to open candidates with: retrieval opens its rarest term's statements,
thousands in a large store, and scoring them one hash lookup per candidate and term dominated such
a claim's time (32 ms of a 100,000-statement store's 13,437 "cooperation" statements).

But a candidate's score is the sum of the idf of the claim terms it has, divided by a norm that
depends only on its length, so candidates with the same terms and length score the same. With
each term's statements as a bitmap (bit n set: statement n has the term, one big integer), a few
operations over whole bitmaps split the candidates into groups by the terms they have, and the
groups are visited from the highest score down, one length class at a time: only the statements
ranked are ever listed, lowest numbers first within a score, as the general path breaks ties.
"""

from __future__ import annotations

from heapq import heapify, heappop, heappush
from typing import Iterable, Sequence

MOST_OTHER_TERMS = 10
"""Claims with more common terms than this (a rarest one and these) use the general path: the
groups could number 2 ** terms."""


def bitmap(numbers: Iterable[int], count: int) -> bytes:
    """The statements as a little-endian bitmap (`int.from_bytes(…, "little")` reads it)."""
    bits = bytearray((count + 7) // 8)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return bytes(bits)


def rank(first: tuple[int, float], others: Sequence[tuple[int, float]],
         length_classes: Sequence[tuple[float, int]], limit: int) -> list[int]:
    """The `limit` best statements of those in `first`'s bitmap, best first, ties by number.

    `first` and `others`: (bitmap, idf) of the claim's terms in the order retrieval adds them up
    (the sums are made in the same order, so the scores are the same floats). `length_classes`:
    (norm, bitmap of the statements with that norm), by norm ascending.
    """
    groups: list[tuple[float, int]] = []  # (summed idf, statements that have exactly those terms)
    pending = [(0, first[0], first[1])]
    while pending:
        depth, having, summed = pending.pop()
        if not having:
            continue
        if depth == len(others):
            groups.append((summed, having))
            continue
        term_bits, idf = others[depth]
        pending.append((depth + 1, having & ~term_bits, summed))
        pending.append((depth + 1, having & term_bits, summed + idf))

    remaining = [having for _, having in groups]
    first_norm = length_classes[0][0]
    # (negated score, group, length class): each group's best possible score, then its next class
    queue = [(-(summed / first_norm), group, 0) for group, (summed, _) in enumerate(groups)]
    heapify(queue)
    ranked: list[int] = []
    while queue and len(ranked) < limit:
        score = queue[0][0]
        tied = 0  # every statement with exactly this score, whatever its group or class
        while queue and queue[0][0] == score:
            _, group, position = heappop(queue)
            found = remaining[group] & length_classes[position][1]
            if found:
                tied |= found
                remaining[group] ^= found
            if remaining[group] and position + 1 < len(length_classes):
                heappush(queue, (-(groups[group][0] / length_classes[position + 1][0]), group, position + 1))
        while tied and len(ranked) < limit:
            lowest = tied & -tied
            ranked.append(lowest.bit_length() - 1)
            tied ^= lowest
    return ranked
