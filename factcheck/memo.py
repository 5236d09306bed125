"""Memos for a process that answers claim after claim: bounded, and cheap to look up."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def continues(text: str, earlier: str) -> bool:
    """Whether `text` is `earlier`, a full stop, a space and more: "claim. deal label", which a
    build reads right after the claim, so the memos of the last texts read (tokens, names, dates,
    figures) can take up where the claim's reading ended."""
    return text.startswith(earlier) and text.startswith(". ", len(earlier))


class SizedMemo(dict[K, V]):
    """Values kept until their sizes add up to more than a budget, then all dropped at once: a
    long batch brings new ones without end, and dropping all costs less than tracking use. A
    dict, so a lookup (`get`) costs no more than a plain dict's on the hot path."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self._size = 0
        self._budget = budget

    def put(self, key: K, value: V, size: int = 1) -> V:
        self._size += size
        if self._size > self._budget:
            self.clear()
            self._size = size
        self[key] = value
        return value
