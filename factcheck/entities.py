"""Finding the store's entities in text: names, aliases, Chinese names and typos.

Exact matches on token sequences come first (longest wins, so "Nordland Telecom" is not read as the
place "Nordland"); then names in scripts written without spaces are found as substrings; last,
rapidfuzz catches misspellings of names of five letters or more ("Globx", "Initeck").
"""

from __future__ import annotations

import marshal
from bisect import bisect_left, bisect_right
from typing import Callable, Container, Iterable, Iterator, Mapping, NamedTuple, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .memo import SizedMemo, continues
from .store import Entity
from .text import STOPWORDS, SYNONYMS, Token, has_cjk, normalize, stem, tokens

MIN_FUZZY_LENGTH = 5
MEMOISED_SPELLINGS = 100_000
"""Lookups remembered per process (a batch brings new words without end)."""

V = TypeVar("V")


def allowed_edits(length: int) -> int:
    """Typos tolerated in a name of this length (like search engines' "fuzziness: AUTO"):
    one edit or swapped pair up to seven letters, two beyond."""
    return 1 if length < 8 else 2


class Mention(NamedTuple):
    entity: str
    start: int
    end: int
    exact: bool = True
    capitals_only: bool = False
    """A name that is also an ordinary word ("US", a STOPWORD): it counts only in capitals."""


class Spellings:
    """Strings findable despite typos, bucketed by first letter and length.

    A typo allowed by `allowed_edits` keeps the first letter (we require it: "Globx" is Globex,
    "Xlobex" is nobody) and changes the length by at most two, so a lookup compares a word with
    a few dozen names instead of every name in a store of thousands of entities.
    """

    def __init__(self, stored: Callable[[str], list[str]] | None = None) -> None:
        """`stored`: where the strings of each first character are kept (`by_first`), read when
        first needed instead of held in `buckets` (an index file's; see `EntityIndex.stored`)."""
        self.buckets: dict[tuple[str, int], list[str]] = {}
        self._stored = stored
        self._answers: SizedMemo[str, str | None] = SizedMemo(MEMOISED_SPELLINGS)
        self._by_first: dict[str, tuple[list[str], list[int]]] = {}

    def __getstate__(self) -> dict:
        return {"buckets": self.buckets}  # the rest is per process, not part of the index

    def __setstate__(self, state: dict) -> None:
        self.__init__()  # type: ignore[misc]
        self.buckets = state["buckets"]

    def add(self, text: str) -> None:
        self.buckets.setdefault((text[0], len(text)), []).append(text)
        self._by_first.pop(text[0], None)

    def closest(self, text: str) -> str | None:
        """The string within `allowed_edits(len(text))` edits with the fewest edits; on a tie the
        shorter one, then the first added (remembered: an article or a batch asks about the same
        words again and again)."""
        if text in self._answers:
            return self._answers[text]
        return self._answers.put(text, self._closest(text))

    def _closest(self, text: str) -> str | None:
        edits = allowed_edits(len(text))
        strings, lengths = self._starting_with(text[0])
        low, high = bisect_left(lengths, len(text) - edits), bisect_right(lengths, len(text) + edits)
        if low == high:
            return None
        # one call over the buckets in reach, shortest first: extractOne keeps the first of equals
        found = process.extractOne(text, strings[low:high], scorer=OSA.distance, score_cutoff=edits)
        return found[0] if found else None

    def _starting_with(self, first: str) -> tuple[list[str], list[int]]:
        """The strings with this first character, by length then as added, and their lengths."""
        found = self._by_first.get(first)
        if found is None:
            strings = self._stored(first) if self._stored else self._ordered(first)
            found = self._by_first[first] = (strings, [len(text) for text in strings])
        return found

    def _ordered(self, first: str) -> list[str]:
        return [text for key in sorted(k for k in self.buckets if k[0] == first) for text in self.buckets[key]]

    def by_first(self) -> Iterator[tuple[str, list[str]]]:
        """Each first character and its strings in lookup order: what an index file keeps."""
        for first in sorted({key[0] for key in self.buckets}):
            yield first, self._ordered(first)


class StoredTable(Mapping[str, V]):
    """One of an entity index's tables as an index file keeps it (`EntityIndex.table_rows`), read
    a key at a time when first asked for: a claim asks about a few dozen of the words and
    entities of a store that has tens of thousands, and unpickling them all took most of a cold
    check's start against a million statements."""

    def __init__(self, read: Callable[[str], V | None], keys: Callable[[], Iterator[str]], size: int) -> None:
        """`read`: a key's value, None when there is none; `keys`: every key; `size`: how many."""
        self._read = read
        self._keys = keys
        self._size = size
        self._known: SizedMemo[str, V | None] = SizedMemo(MEMOISED_SPELLINGS)

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        known = self._known
        if key in known:
            found = known[key]
        else:
            found = known.put(key, self._read(key))
        return default if found is None else found

    def __getitem__(self, key: str) -> V:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, (str, tuple)) and self.get(key) is not None  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        return self._keys()

    def __len__(self) -> int:
        return self._size


class EntityHead(NamedTuple):
    """What an index file keeps of an entity index besides its tables: loaded at open."""

    sizes: dict[str, int]
    """Each table's number of keys."""
    by_substring: dict[str, str]
    """Names in scripts written without spaces: every one is looked for in such a claim."""
    longest: int


TABLES = ("kinds", "names", "parents", "children", "by_tokens", "fuzzy_names", "name_words", "leads",
          "widest_from", "institutions")
"""The tables an index file keeps a row per key of (see `EntityIndex.table_rows`); the two
spelling lists are kept a row per first character."""
SPELLINGS = ("fuzzy_spellings", "name_spellings")
_LISTS = frozenset({"children", "fuzzy_spellings", "name_spellings"})
"""Tables whose values are lists, kept marshalled."""


def _joined(words: tuple[str, ...]) -> str:
    return "\0".join(words)


def _listed(value: object) -> list[str]:
    return marshal.loads(value)  # type: ignore[arg-type]


class EntityIndex:
    """Lookup tables from every way of writing an entity to its id."""

    kinds: Mapping[str, str]
    names: Mapping[str, str]
    parents: Mapping[str, str]
    children: Mapping[str, list[str]]
    by_tokens: Mapping[tuple[str, ...], str]
    fuzzy_names: Mapping[str, str]
    name_words: Container[str]
    leads: Mapping[str, str]
    widest_from: Mapping[str, int]
    institutions: Mapping[str, str]

    def __init__(self, entities: Iterable[Entity], institution_words: frozenset[str]) -> None:
        """`institution_words`: the words for an institution that may name one entity ("the
        ministry": see `institutions`), as the event vocabulary lists them; passed in, so that
        finding names does not depend on the event frames."""
        self.kinds: dict[str, str] = {}
        self.names: dict[str, str] = {}
        """Display names: conflicts name the parties and places a statement lacks."""
        self.parents: dict[str, str] = {}
        self.by_tokens: dict[tuple[str, ...], str] = {}
        self.by_substring: dict[str, str] = {}
        self.fuzzy_names: dict[str, str] = {}
        self.fuzzy_spellings = Spellings()
        self.children: dict[str, list[str]] = {}
        self.name_words: set[str] = set()
        """Every word of every name: such a word is never an unknown name."""
        owners: dict[str, set[str]] = {}
        for entity in entities:
            self.kinds[entity.id] = entity.kind
            self.names[entity.id] = entity.name
            if entity.parent:
                self.parents[entity.id] = entity.parent
                self.children.setdefault(entity.parent, []).append(entity.id)
            for name in (entity.name, *entity.aliases, entity.id.replace("-", " ")):
                normalized = normalize(name)
                if has_cjk(normalized):
                    self.by_substring.setdefault(normalized.replace(" ", ""), entity.id)
                    continue
                words = tuple(t.text for t in tokens(normalized))
                if not words:
                    continue
                if entity.kind != "place":
                    for word in institution_words.intersection(words):
                        owners.setdefault(word, set()).add(entity.id)
                self.by_tokens.setdefault(words, entity.id)
                self.name_words.update(words)
                joined = " ".join(words)
                if len(joined) >= MIN_FUZZY_LENGTH and not _is_vocabulary(words):
                    if joined not in self.fuzzy_names:
                        self.fuzzy_names[joined] = entity.id
                        self.fuzzy_spellings.add(joined)
        self.institutions: dict[str, str] = {word: next(iter(found)) for word, found in sorted(owners.items())
                                             if len(found) == 1}
        """Words for an institution in one entity's names alone ("ministry" of the Ministry of
        Education and Skills), with that entity: "the ministry" names it."""
        # longest first: "艾克米货运" (Acme Cargo) is not also "艾克米" (Acme) inside it
        self.by_substring = dict(sorted(self.by_substring.items(), key=lambda item: -len(item[0])))
        uses: dict[str, set[tuple[str, bool]]] = {}
        for words, entity_id in self.by_tokens.items():
            for position, word in enumerate(words):
                uses.setdefault(word, set()).add((entity_id, position == 0 and len(words) > 1))
        self.leads: dict[str, str] = {
            word: next(iter(found))[0] for word, found in uses.items()
            if len({e for e, _ in found}) == 1 and all(lead for _, lead in found)}
        """Words that only ever begin one entity's longer name ("Globex" of "Globex Energy"): alone
        they name someone else, most often the parent, so they count as an unknown name. Each
        with the entity whose name it begins."""
        self.widest_from: dict[str, int] = {}
        """Words of the longest name starting with each word: an exact match that long cannot
        be the start of a longer misspelt name."""
        for key in self.by_tokens:
            self.widest_from[key[0]] = max(self.widest_from.get(key[0], 0), len(key))
        self.longest = max(self.widest_from.values(), default=0)
        self.name_spellings = Spellings()
        for word in sorted(self.name_words):  # (in one order whatever the hash seed: builds repeat byte for byte)
            if len(word) >= MIN_FUZZY_LENGTH:
                self.name_spellings.add(word)
        self._kin: dict[str, frozenset[str]] = {}

    def table_rows(self) -> Iterator[tuple[str, str, str | int | bytes]]:
        """Every table as (table, key, value) rows for an index file, lists marshalled and a
        name's words joined by NUL; `head` is the rest."""
        for table in TABLES:
            found = getattr(self, table)
            if table == "by_tokens":
                yield from ((table, _joined(words), entity) for words, entity in found.items())
            elif table == "name_words":
                yield from ((table, word, 1) for word in sorted(found))
            else:
                yield from ((table, key, marshal.dumps(value) if table in _LISTS else value)
                            for key, value in found.items())
        for table in SPELLINGS:
            yield from ((table, first, marshal.dumps(strings)) for first, strings in getattr(self, table).by_first())

    def head(self) -> EntityHead:
        sizes = {table: len(getattr(self, table)) for table in TABLES}
        return EntityHead(sizes, dict(self.by_substring), self.longest)

    @classmethod
    def stored(cls, head: EntityHead, read: Callable[[str, str], object],
               keys: Callable[[str], Iterator[str]]) -> EntityIndex:
        """The entity index an index file keeps (`table_rows`, `head`), its tables read a key at
        a time: `read(table, key)` gives a row's value or None, `keys(table)` every key."""
        index = cls.__new__(cls)

        def table(name: str, encode: Callable = str, decode: Callable = str) -> StoredTable:
            def value(key: object) -> object:
                found = read(name, encode(key))
                return _listed(found) if name in _LISTS and found is not None else found
            return StoredTable(value, lambda: map(decode, keys(name)), head.sizes[name])

        for name in TABLES:
            setattr(index, name, table(name))
        index.by_tokens = table("by_tokens", _joined, lambda key: tuple(key.split("\0")))
        for name in SPELLINGS:
            setattr(index, name, Spellings(lambda first, name=name: _listed(read(name, first) or marshal.dumps([]))))
        index.by_substring = head.by_substring
        index.longest = head.longest
        index._kin = {}
        return index

    def is_name_word(self, word: str) -> bool:
        """A word of some entity's name, or a misspelling of one ("Siemans", "Sytems")."""
        if word in self.name_words:
            return True
        return len(word) >= MIN_FUZZY_LENGTH and self.name_spellings.closest(word) is not None

    def ancestors(self, entity_id: str) -> list[str]:
        """Parent, grandparent, … (guarded against cycles in hand-edited stores)."""
        chain: list[str] = []
        while (entity_id := self.parents.get(entity_id, "")) and entity_id not in chain:
            chain.append(entity_id)
        return chain

    def kin(self, entity_id: str) -> frozenset[str]:
        """The entity and every entity related to it: its parent groups (or enclosing places)
        and their subsidiaries. Memoised: conflicts ask this of each entity of a claim for
        every statement examined."""
        found = self._kin.get(entity_id)
        if found is None:
            found = self._kin[entity_id] = frozenset([entity_id, *self.relatives(entity_id)])
        return found

    def relatives(self, entity_id: str) -> list[str]:
        """Every entity of its `kin` but itself: ancestors, then descendants."""
        found = self.ancestors(entity_id)
        pending = list(self.children.get(entity_id, ()))
        while pending:
            child = pending.pop()
            if child != entity_id and child not in found:
                found.append(child)
                pending.extend(self.children.get(child, ()))
        return found

    def find(self, normalized: str, words: list[Token] | None = None,
             vocabulary: Container[str] = frozenset(), name_starts: Container[int] | None = None) -> list[Mention]:
        """Mentions of entities. `vocabulary`: the stems of the store's words; a misspelt name is
        not looked for from a word that is one of them and no name's word ("signed", "million").
        `name_starts`: where a misspelt name may start (None: anywhere); a writer who uses
        capitals writes names with one, and "never", "stock" are not companies named Nevar or
        Steock, however close the letters."""
        walked = words is not None  # (a claim's read: remembered; a name looked up alone is not)
        words = tokens(normalized) if words is None else words
        i, mentions = self._resumed(normalized, words, vocabulary, name_starts) if walked else (0, [])
        steps: list[tuple[int, int]] = []
        widest_from, count = self.widest_from, len(words)
        while i < count:
            steps.append((i, len(mentions)))
            word = words[i].text
            mention, width = (word in widest_from and self._exact(words, i)) or (None, 0)
            # A misspelt longer name beats an exact shorter one: "Nordland Telcom" is not "Nordland".
            # One is looked for only from a capitalised word (in text that has capitals), and an
            # ordinary word starts one only if it starts a real name ("Nordland"); the cheap tests first.
            complete = mention is not None and width >= widest_from.get(word, 0)
            capitalised = name_starts is None or words[i].start in name_starts
            look = not complete and capitalised and (word in widest_from or stem(word) not in vocabulary
                                                     or self.is_name_word(word))  # "Acmewel" stems as the name "Acmewell" does
            longer = self._fuzzy(words, i, wider_than=width, name_starts=name_starts) if look else None
            if longer:
                mention, width = longer
            width = max(width, 1)
            if mention:
                mentions.append(mention)
            i += width
        if walked:
            _WALKS.insert(0, (self, normalized, words, vocabulary, name_starts, steps, list(mentions)))
            del _WALKS[_RECENT:]
        if self.by_substring and has_cjk(normalized):
            taken: list[tuple[int, int]] = []
            for name, entity_id in self.by_substring.items():
                start = normalized.find(name)
                while start >= 0 and any(a <= start and start + len(name) <= b for a, b in taken):
                    start = normalized.find(name, start + 1)  # only inside a longer name: look further on
                if start >= 0:
                    taken.append((start, start + len(name)))
                    mentions.append(Mention(entity_id, start, start + len(name)))
        return mentions

    def _resumed(self, normalized: str, words: list[Token], vocabulary: Container[str],
                 name_starts: Container[int] | None) -> tuple[int, list[Mention]]:
        """Where `find` may take up its walk over the words, and the names found before there:
        the start, none found, unless the text is a recent one's (`_WALKS`), a full stop, a space
        and more words, read with the same index, the same store's words (the same object: what
        they were asked was noted there) and the same capitalised words in the earlier text. Then
        every step of the earlier walk whose words in reach (`longest`: no name, exact or misspelt,
        is looked for wider) all lie in the earlier text is taken again as it was taken, asking
        the store's words what they were asked: the walk goes on from the first step that reaches
        further. Building an index reads each statement's claim, then "claim. deal label".
        (tests/test_fast_build.py)"""
        for index, earlier, earlier_words, asked, earlier_starts, steps, found in _WALKS:
            size, count = len(earlier), len(earlier_words)
            if (index is not self or asked is not vocabulary or not continues(normalized, earlier)
                    or words[:count] != earlier_words):
                continue
            if (earlier_starts is None) != (name_starts is None) or name_starts is not None and not (
                    isinstance(name_starts, (set, frozenset)) and isinstance(earlier_starts, (set, frozenset))
                    and earlier_starts == {start for start in name_starts if start < size}):
                continue
            reach = self.longest
            for i, before in steps:
                if i + reach > count:
                    return i, found[:before]
            return count, list(found)
        return 0, []

    def _exact(self, words: list[Token], i: int) -> tuple[Mention, int] | None:
        for width in range(min(self.widest_from.get(words[i].text, 0), len(words) - i), 0, -1):
            key = tuple([t.text for t in words[i:i + width]])
            entity_id = self.by_tokens.get(key)
            if entity_id:
                return Mention(entity_id, words[i].start, words[i + width - 1].end,
                               capitals_only=width == 1 and key[0] in STOPWORDS), width
        return None

    def _fuzzy(self, words: list[Token], i: int, wider_than: int,
               name_starts: Container[int] | None = None) -> tuple[Mention, int] | None:
        if not self.fuzzy_names or words[i].text in STOPWORDS or words[i].text.isdigit():
            return None
        for width in range(min(self.longest, 5), 0, -1):
            if width <= wider_than or i + width > len(words):
                continue
            if name_starts is not None and any(t.start not in name_starts and t.text not in STOPWORDS
                                               for t in words[i + 1:i + width]):
                continue  # capitals name a name: "Acme tore up" is no misspelt "Acme Corp"
            if any(t.text.isdigit() for t in words[i + 1:i + width]):
                continue  # "Acme Insurance 3.6 billion" is a name and a figure, not a misspelt name
            if width > 1 and words[i + width - 1].text in STOPWORDS:
                continue  # "Globex in March" is Globex, not a misspelt "Globex Link"
            phrase = " ".join(t.text for t in words[i:i + width])
            if len(phrase) < MIN_FUZZY_LENGTH:
                continue
            best = self.fuzzy_spellings.closest(phrase)
            if best:
                return Mention(self.fuzzy_names[best], words[i].start, words[i + width - 1].end,
                               exact=False), width
        return None


_WALKS: list[tuple[EntityIndex, str, list[Token], Container[str], Container[int] | None, list[tuple[int, int]],
                   list[Mention]]] = []
"""The last walks of `EntityIndex.find` over a text's words, latest first: the index, the text, its
words, the store's words and capitalised words it was given, each step's word and how many names
were found before it, and the names found (`EntityIndex._resumed`). Kept here, not in the index,
which is pickled into an index file."""
_RECENT = 4


def _is_vocabulary(words: tuple[str, ...]) -> bool:
    """Names that are ordinary words ("Unity") are matched exactly, never fuzzily."""
    return len(words) == 1 and (words[0] in STOPWORDS or stem(words[0]) in SYNONYMS)
