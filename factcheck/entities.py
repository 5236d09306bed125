"""Finding the store's entities in text: names, aliases, Chinese names and typos.

Exact matches on token sequences come first (longest wins, so "China Telecom" is not read as the
place "China"); then names in scripts written without spaces are found as substrings; last,
rapidfuzz catches misspellings of names of five letters or more ("Alibba", "Tencnet").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .store import Entity
from .text import CJK, STOPWORDS, SYNONYMS, Token, normalize, stem, tokens

MIN_FUZZY_LENGTH = 5


def allowed_edits(length: int) -> int:
    """Typos tolerated in a name of this length (like search engines' "fuzziness: AUTO"):
    one edit or swapped pair up to seven letters, two beyond."""
    return 1 if length < 8 else 2


@dataclass(frozen=True)
class Mention:
    entity: str
    start: int
    end: int
    exact: bool = True
    capitals_only: bool = False


class EntityIndex:
    """Lookup tables from every way of writing an entity to its id."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.kinds: dict[str, str] = {}
        self.parents: dict[str, str] = {}
        self.by_tokens: dict[tuple[str, ...], str] = {}
        self.by_substring: dict[str, str] = {}
        self.fuzzy_names: dict[str, str] = {}
        self.capitals_only: set[str] = set()
        """Names that are also ordinary words: they count only when written in capitals."""
        self.name_words: set[str] = set()
        """Every word of every name: such a word is never an unknown name."""
        for entity in entities:
            self.kinds[entity.id] = entity.kind
            if entity.parent:
                self.parents[entity.id] = entity.parent
            for name in (entity.name, *entity.aliases, entity.id.replace("-", " ")):
                normalized = normalize(name)
                if CJK.search(normalized):
                    self.by_substring.setdefault(normalized.replace(" ", ""), entity.id)
                    continue
                words = tuple(t.text for t in tokens(normalized))
                if not words:
                    continue
                if len(words) == 1 and words[0] in STOPWORDS:
                    self.capitals_only.add(words[0])  # "US", not every "us"
                self.by_tokens.setdefault(words, entity.id)
                self.name_words.update(words)
                joined = " ".join(words)
                if len(joined) >= MIN_FUZZY_LENGTH and not _is_vocabulary(words):
                    self.fuzzy_names.setdefault(joined, entity.id)
        self.longest = max((len(k) for k in self.by_tokens), default=0)

    def is_name_word(self, word: str) -> bool:
        """A word of some entity's name, or a misspelling of one ("Siemans", "Sytems")."""
        if word in self.name_words:
            return True
        if len(word) < MIN_FUZZY_LENGTH:
            return False
        best = process.extractOne(word, self.name_words, scorer=OSA.distance,
                                  score_cutoff=allowed_edits(len(word)))
        return best is not None and best[0][0] == word[0]

    def ancestors(self, entity_id: str) -> list[str]:
        """Parent, grandparent, … (guarded against cycles in hand-edited stores)."""
        chain: list[str] = []
        while (entity_id := self.parents.get(entity_id, "")) and entity_id not in chain:
            chain.append(entity_id)
        return chain

    def related(self, a: str, b: str) -> bool:
        """Same entity, or one is the other's parent group (or enclosing place)."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def find(self, normalized: str, words: list[Token] | None = None) -> list[Mention]:
        words = tokens(normalized) if words is None else words
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            mention, width = self._exact(words, i) or (None, 0)
            # A misspelt longer name beats an exact shorter one: "China Telcom" is not "China".
            longer = self._fuzzy(words, i, wider_than=width)
            if longer:
                mention, width = longer
            width = max(width, 1)
            if mention:
                mentions.append(mention)
            i += width
        for name, entity_id in self.by_substring.items():
            start = normalized.find(name)
            if start >= 0:
                mentions.append(Mention(entity_id, start, start + len(name)))
        return mentions

    def _exact(self, words: list[Token], i: int) -> tuple[Mention, int] | None:
        for width in range(min(self.longest, len(words) - i), 0, -1):
            key = tuple(t.text for t in words[i:i + width])
            entity_id = self.by_tokens.get(key)
            if entity_id:
                return Mention(entity_id, words[i].start, words[i + width - 1].end,
                               capitals_only=width == 1 and key[0] in self.capitals_only), width
        return None

    def _fuzzy(self, words: list[Token], i: int, wider_than: int) -> tuple[Mention, int] | None:
        if not self.fuzzy_names or words[i].text in STOPWORDS or words[i].text.isdigit():
            return None
        for width in range(min(self.longest, 5), 0, -1):
            if width <= wider_than or i + width > len(words):
                continue
            phrase = " ".join(t.text for t in words[i:i + width])
            if len(phrase) < MIN_FUZZY_LENGTH:
                continue
            best = process.extractOne(phrase, self.fuzzy_names.keys(), scorer=OSA.distance,
                                      score_cutoff=allowed_edits(len(phrase)))
            if best and best[0][0] == phrase[0]:
                return Mention(self.fuzzy_names[best[0]], words[i].start, words[i + width - 1].end,
                               exact=False), width
        return None


def _is_vocabulary(words: tuple[str, ...]) -> bool:
    """Names that are ordinary words ("Unity") are matched exactly, never fuzzily."""
    return len(words) == 1 and (words[0] in STOPWORDS or stem(words[0]) in SYNONYMS.values())
