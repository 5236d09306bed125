"""The compiled, searchable form of a store, kept in one SQLite file.

Reading every statement (entities, dates, figures, terms) costs far more than answering a claim,
so it happens once per version of the store (`build_index`), and after a change only for the
statements that changed (`build_from_files`). A check then opens the file
(`open_index`) and reads only what the claim needs: the document frequency and posting list of
each of its terms, and the few statements retrieval puts forward. Start-up therefore does not
grow with the store, and memory holds what was read: even the entity index's tables are read
a key at a time (`EntityIndex.stored`).

Tables:
    meta(key, value)             format version, the pickled `IndexHead`, each statement's length
                                 (terms) and the BM25 norm of each length, the lengths again as
                                 4-byte numbers (for patches), the store's files, what the statements
                                 were read with (`_reading_key`), the pickled `EntityIndex` (for
                                 builds: a check reads `entity_tables`)
    terms(term, df, bits, postings)  statement numbers (uint32 array) per canonical term or @entity,
                                 and for common terms the same as a bitmap (see `bitmaps`)
    lengths(norm, bits)          bitmap of the statements of each BM25 length norm
    scoring(number, blob)        marshalled `Scoring` fields, read for every candidate
    facts(number, blob)          marshalled `StatementFacts` fields, read for the few examined in full
    words(word)                  stems of every word the statements use (`store_words`)
    entities(id, blob)           pickled `Entity` and `Source` records, read by id when needed
    entity_tables(tab, key, value)  the entity index's lookup tables (`EntityIndex.table_rows`),
                                 read a key at a time

Tables whose rows hold large values (meta, terms, entity_tables) keep them in rowid tables, found
through a separate index of their keys: in a WITHOUT ROWID table every comparison of a search
with a row that overflows its page reads the whole row, and finding a term's frequency in a
million-statement index read megabytes of other terms' postings (4.6 ms where it now takes
0.03 ms).
    sources(id, blob)
    statement_ids(id, file, line, column)  where each statement is (`StatementIds`), for writes
    parts(file, record, key, count)  the parts it was assembled from (`Part`), one per store file,
                                 with the file's record (`store.FileRecord`) and statement count
"""

from __future__ import annotations

import json
import marshal
import math
import os
import pickle
import sqlite3
import sys
from array import array
from dataclasses import fields
from itertools import compress, repeat
from operator import add, itemgetter, neg, truediv
from pathlib import Path
from typing import Callable, Container, Iterable, Iterator, Mapping, NamedTuple, Sequence, TypeVar

from . import bitmaps
from .claims import Clause, ParsedClaim, contradicted_report, event_terms, parse_claim, read_clauses, shares_in
from .dates import PartialDate
from .entities import EntityHead, EntityIndex
from .errors import Location, Problem
from .figures import Figure
from .frames.reader import Frame
from .frames.vocabulary import Vocabulary, adopt_vocabulary, vocabulary as event_vocabulary
from .memo import SizedMemo
from .store import Citation, Entity, Source, Statement, StatementEvent, Store
from .text import normalize, stem, words

T = TypeVar("T")

KIND_NOUNS = {"company": "company", "regulator": "regulator", "government": "government",
              "organisation": "organisation", "person": "person"}
KIND_TERMS = frozenset(stem(noun) for noun in KIND_NOUNS.values())
"""The terms a statement's `kind_terms` can hold."""

BM25_K1 = 1.2
BM25_B = 0.75
OPENING_SHARE = 0.002
"""A term found in at most this share of statements (or `OPENING_MINIMUM`) brings its statements
in as candidates; commoner terms ("agreement", "signed") only add to the scores of candidates
already found. Their postings are the long ones, and alone they never single out a statement."""
OPENING_MINIMUM = 200
EVENT_POOL = 4
EVENT_EXTRA = 5
"""Retrieval ranks `EVENT_POOL` times its limit by BM25 and adds to the best up to
`EVENT_EXTRA` of the rest that record the claim's event (`StoreIndex.retrieve`)."""
MEMOISED_SCORING = 50_000
MEMOISED_FACTS = 2_000
"""Statements kept in memory once read: a batch of related claims reads the same ones again."""
MEMOISED_WORDS = 100_000
MEMOISED_TERMS = 500_000
"""Answers kept about words and terms: a long stream of claims brings new ones without end."""
MEMOISED_COMMON_POSTINGS = 2_000_000
"""Common terms' statements kept in memory at most, counted as entries of a set (about
`SET_ENTRY_BYTES` each; a bitmap counts as many entries as its bytes would make)."""
SET_ENTRY_BYTES = 60
"""About what a set of statement numbers takes a statement. A common term's statements are held
as a set while that takes no more than its bitmap (a bit per statement of the store), as the
bitmap beyond: from 2,084 statements of a million, 209 of 100,000."""
MEMOISED_BITMAP_BYTES = 64_000_000
"""Common terms' bitmaps kept in memory at most (a term's takes a bit per statement: 125 KB at
1,000,000 statements)."""
MAPPED_INDEX_BYTES = 256 * 1024 * 1024
"""How much of an index file is read through a memory map instead of read calls. A batch reads a
dozen scattered pages per claim, and at 100,000 statements their system calls took 5% of its
time. Mapped pages count in the process's memory (PSS) once touched, though they are the
system's file cache either way; the cap bounds that for very large stores (the file is replaced,
never rewritten in place, so a mapping never sees it change)."""
PARALLEL_BUILD_MINIMUM = 4_000
"""Statements from which a build is worth spreading over several processes."""
FORMAT = 18
"""Bumped whenever the tables change, so an old file is rebuilt rather than misread."""


class StatementIds:
    """The store's statement ids and where each is, and the store files as the build named them:
    what a write into a large store checks a new statement against instead of reading every
    file (see `editing.apply_changes`). A file is its position among the store's files."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def __contains__(self, key: object) -> bool:
        return self.where(key) is not None  # type: ignore[arg-type]

    def where(self, key: str) -> tuple[int, int, int] | None:
        """The file, line and column of statement `key`, or None when there is none."""
        return self._db.execute("SELECT file, line, column FROM statement_ids WHERE id = ?", (key,)).fetchone()

    def in_file(self, file: int) -> tuple[int, str | None, int]:
        """How many statements file number `file` holds, and the id and line of its last one."""
        [count] = self._db.execute("SELECT count(*) FROM statement_ids WHERE file = ?", (file,)).fetchone()
        last = self._db.execute("SELECT id, line FROM statement_ids WHERE file = ? ORDER BY line DESC LIMIT 1",
                                (file,)).fetchone()
        return (count, *last) if last else (0, None, 0)

    def files(self) -> list[str]:
        """The store's files as the build was given them (the paths in its records' locations)."""
        return json.loads(self._db.execute("SELECT value FROM meta WHERE key = 'files'").fetchone()[0])


class StatementFacts(NamedTuple):
    """What a statement asserts, in the same terms as a parsed claim."""

    statement: Statement
    frames: tuple[Frame, ...]
    """What it asserts, one frame per clause; the first is its main event (its `event:` field
    where it has one)."""
    parties: frozenset[str]
    involved: frozenset[str]
    """Parties, the speaker and every non-place entity its text names."""
    places: frozenset[str]
    asides: frozenset[str]
    """Of `places`, those named only in passing (where a party is from: "Mizora Hygiene of
    Eskaria"; in a background phrase: "two days after launching sales in France"): no place of
    the event."""
    dates: tuple[PartialDate, ...]
    """The event's date and the dates its text names."""
    text_dates: tuple[PartialDate, ...]
    """Only the dates in its text: for a denial, those of the denied event."""
    frame_dates: tuple[tuple[PartialDate, ...], ...]
    """The dates each frame's clause names (empty: none of its own), aligned with `frames`: a
    claim dated like the certificate's restoration is not the suspension that frame records."""
    frame_figures: tuple[tuple[Figure, ...], ...]
    """The figures each frame's clause names, aligned with `frames`: "the offer stayed at EUR
    4.20" is no record of an offer raised to EUR 4.80, which the clause before reports denied."""
    figures: tuple[Figure, ...]
    terms: frozenset[str]
    kind_terms: frozenset[str]
    """Generic nouns for its entities ("regulator", "company"): a claim may use them instead of
    names, but a statement is not less covered when a claim does not."""
    vocabulary: str
    """Every word of its text, deal, quotes and entities' names (the names it can confirm), each
    with a space before and after: `f" {word} " in vocabulary` answers without a set being built
    for every statement examined."""


class Scoring(NamedTuple):
    """The part of a statement's facts that similarity reads: small and quick to load, because
    every candidate of every claim is scored and only the best few are examined in full."""

    number: int
    id: str
    terms: frozenset[str]
    kind_terms: frozenset[str]
    weight: float
    """Total idf weight of `terms`."""
    dates: tuple[PartialDate, ...]
    figures: tuple[Figure, ...]


class IndexHead(NamedTuple):
    """Everything loaded at open: needed by every claim, and small whatever the store's size
    (the entity index's tables are read a key at a time: see `EntityIndex.stored`)."""

    entities: EntityHead
    warnings: tuple[Problem, ...]
    count: int
    events: Vocabulary
    """The deal-event vocabulary as compiled at build (the index key covers its file): a
    check unpickles it instead of compiling it again, 10 ms of start-up."""


class Records(Mapping[str, T]):
    """Entities or sources by id, read from their table when first asked for: a claim needs a
    handful of the thousands a large store has."""

    def __init__(self, connection: sqlite3.Connection, table: str) -> None:
        self._db = connection
        self._table = table
        self._read: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        found = self._read.get(key)
        if found is None:
            row = self._db.execute(f"SELECT blob FROM {self._table} WHERE id = ?", (key,)).fetchone()
            if row is None:
                raise KeyError(key)
            found = self._read[key] = pickle.loads(row[0])
        return found

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self._db.execute(f"SELECT id FROM {self._table} ORDER BY rowid"))

    def __len__(self) -> int:
        return self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]


def _recorded(number: int, groups: list[list[frozenset[int] | _BitmapNumbers]]) -> int:
    """How many of the groups a statement has a term of: all of them, and it records the claim's event."""
    return sum(any(number in numbers for numbers in group) for group in groups)


def opening_size(count: int) -> int:
    """The most statements a term may have and still open candidates (see `OPENING_SHARE`)."""
    return max(OPENING_MINIMUM, int(OPENING_SHARE * count))


def _idf(df: int, count: int) -> float:
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


def _weighted(term: str, idf: float) -> float:
    """A term's importance in similarity: its idf, entities counting half as much again (a
    statement's `Scoring.weight` is the sum over its terms)."""
    return idf * 1.5 if term.startswith("@") else idf


def entity_term(entity_id: str) -> str:
    return "@" + entity_id


DENIAL_TERM = "~denial"
"""The term of a clause or statement that reports a denial ("denied reports that …", "called
the report false"): the words that say so carry polarity, not content, and are no terms, yet a
claim that reports a denial is about the statement of it, not the rumour."""


def claim_terms(parsed: ParsedClaim) -> list[str]:
    denial = [DENIAL_TERM] if parsed.frame.attitude == "denied" else []
    return [*parsed.terms, *denial, *(entity_term(e) for e in parsed.entities)]


class StoreIndex:
    """An open index: the head in memory, statements read from SQLite on demand (and memoised)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None,
                 loaded: tuple[IndexHead, _Norms] | None = None) -> None:
        self._db = connection
        self.path = path
        """The index file (None for an index built in memory)."""
        if loaded is None:
            meta = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('format', 'head', 'norms')"))
            if meta.get("format") != FORMAT:
                raise ValueError("index file of another format")
            loaded = pickle.loads(meta["head"]), _norms_from(meta["norms"])
        self.head, self._norms = loaded
        adopt_vocabulary(self.head.events)
        self.entities = EntityIndex.stored(self.head.entities, self._entity_value, self._entity_keys)
        self.entity_records: Records[Entity] = Records(connection, "entities")
        self.sources: Records[Source] = Records(connection, "sources")
        self.statement_ids = StatementIds(connection)
        self.count = self.head.count
        self.unseen_idf = math.log(1 + (self.count + 0.5) / 0.5)
        self._term_statistics: SizedMemo[str, tuple[int, float, float]] = SizedMemo(MEMOISED_TERMS)
        self._terms_by_first: dict[str, dict[int, list[str]]] = {}
        self.words = _StoreWords(connection)
        self._scoring_cache: dict[int, Scoring] = {}
        self._common: SizedMemo[str, frozenset[int] | _BitmapNumbers] = SizedMemo(MEMOISED_COMMON_POSTINGS)
        self._bitmaps: SizedMemo[str, int] = SizedMemo(MEMOISED_BITMAP_BYTES)
        self._lengths: list[tuple[float, int]] | None = None
        self._facts_cache: SizedMemo[int, StatementFacts] = SizedMemo(MEMOISED_FACTS)
        self._shares: SizedMemo[str, dict[str, float]] = SizedMemo(MEMOISED_FACTS)
        self.rebuild: Callable[[Exception], StoreIndex] | None = None
        """For an index read from the cache: builds it again from the store when reading this
        file fails (set by `cache.load_index`; see `cache.recovering`)."""

    def close(self) -> None:
        self._db.close()

    def adopt(self, other: StoreIndex) -> None:
        """Become `other`, an index built afresh in place of this one, for everyone who holds
        this object; what was read from this one's file is dropped with it."""
        self._db.close()
        vars(self).update(vars(other))

    def reopened(self) -> StoreIndex:
        """The same index file on a connection of its own, sharing what is already loaded: for
        a forked worker (a connection cannot cross a fork; the head and norms can, for free)."""
        assert self.path is not None, "an index built in memory cannot be reopened"
        return StoreIndex(_read_only(self.path), self.path, (self.head, self._norms))

    def _entity_value(self, table: str, key: str) -> object:
        row = self._db.execute("SELECT value FROM entity_tables WHERE tab = ? AND key = ?", (table, key)).fetchone()
        return row[0] if row else None

    def _entity_keys(self, table: str) -> Iterator[str]:
        return (key for (key,) in self._db.execute("SELECT key FROM entity_tables WHERE tab = ?", (table,)))

    def statistics(self, term: str) -> tuple[int, float, float]:
        """A term's document frequency, idf and weight, worked out once per process: every
        claim asks for those of each of its terms several times."""
        found = self._term_statistics.get(term)
        if found is None:
            row = self._db.execute("SELECT df FROM terms WHERE term = ?", (term,)).fetchone()
            df = row[0] if row else 0
            idf = _idf(df, self.count) if df else self.unseen_idf
            found = self._term_statistics.put(term, (df, idf, _weighted(term, idf)))
        return found

    def document_frequency(self, term: str) -> int:
        return self.statistics(term)[0]

    def weight(self, term: str) -> float:
        return self.statistics(term)[2]

    def terms_like(self, first: str, shortest: int, longest: int) -> list[str]:
        """Terms that start with this character and are this long (for typo matching of unknown
        words). Each character's terms are read once per process, grouped by length."""
        by_length = self._terms_by_first.get(first)
        if by_length is None:
            by_length = self._terms_by_first[first] = {}
            for (term,) in self._db.execute("SELECT term FROM terms WHERE term >= ? AND term < ?",
                                            (first, chr(ord(first) + 1))):
                by_length.setdefault(len(term), []).append(term)
        return [term for length in range(shortest, longest + 1) for term in by_length.get(length, ())]

    def _postings(self, term: str) -> array:
        numbers = array("I")
        row = self._db.execute("SELECT postings FROM terms WHERE term = ?", (term,)).fetchone()
        if row:
            numbers.frombytes(row[0])
        return numbers

    def _common_postings(self, term: str) -> frozenset[int] | _BitmapNumbers:
        """A common term's statements, memoised: the same few ("agreement", "signed") come back
        claim after claim. As a set (which answers "which candidates have it" in C) while that
        takes less memory than the term's bitmap, as the bitmap beyond (see `SET_ENTRY_BYTES`):
        at a million statements the sets of the terms claims use outgrew their memo and were
        made again claim after claim (a batch checked a claim in 2.56 ms of one core; 1.45 ms
        with bitmaps), and a term in 300,000 statements is an eighth of the bytes to read."""
        found = self._common.get(term)
        if found is None:
            df = self.statistics(term)[0]
            if df * SET_ENTRY_BYTES <= (self.count + 7) // 8:
                numbers = self._postings(term)
                found = self._common.put(term, frozenset(numbers), len(numbers))
            else:
                (bits,) = self._db.execute("SELECT bits FROM terms WHERE term = ?", (term,)).fetchone()
                bits = bits or bitmaps.bitmap(self._postings(term), self.count)  # too rare to have one kept
                found = self._common.put(term, _BitmapNumbers(bits), len(bits) // SET_ENTRY_BYTES)
        return found

    def retrieve(self, terms: Sequence[str], limit: int, events: Sequence[Sequence[str]] = ()) -> list[Scoring]:
        """Candidate statements ranked by BM25 against the terms, best first.

        Rare terms (names, specific words) open candidates, or the rarest term when none is
        rare: only their posting lists are read in full. Every candidate is then scored with
        every term. `events` are groups of event terms (what would entail the claim's type; its
        stage): when none of the best `limit` has a term of every group, up to `EVENT_EXTRA` of
        the next ranked (to `EVENT_POOL` times `limit`) that have the most come after: every
        deal shares "~acquisition", but among many statements naming Acme and Globex it finds
        the completed purchase.
        """
        known = sorted((statistics[:2], term) for term in set(terms) if (statistics := self.statistics(term))[0])
        if not known:
            return []
        opening = opening_size(self.count)
        by_bitmaps = known[0][0][0] > opening and len(known) <= 1 + bitmaps.MOST_OTHER_TERMS

        def ranked(count: int) -> list[int]:
            return self._rank_by_bitmaps(known, count) if by_bitmaps else self._rank_opened(known, opening, count)

        best = ranked(limit)
        groups = [[self._common_postings(term) for term in group if self.statistics(term)[0]] for group in events]
        if groups and len(best) == limit and not any(_recorded(number, groups) == len(groups) for number in best):
            # only then is the longer ranking made (it costs more big-number steps)
            recorded = [(-_recorded(number, groups), rank, number)
                        for rank, number in enumerate(ranked(limit * EVENT_POOL)[limit:])]
            best += [number for missing, _, number in sorted(recorded)[:EVENT_EXTRA] if missing < 0]
        candidates = self.scoring_many(best)
        return [candidates[number] for number in best]

    def _rank_opened(self, known: list[tuple[tuple[int, float], str]], opening: int, limit: int) -> list[int]:
        """The general path: a common term's set of statements is intersected with the
        candidates, so a long posting list costs a lookup per candidate, not a step per
        statement."""
        sums: dict[int, float] = {}
        common: list[tuple[str, float]] = []
        for (df, idf), term in known:
            if df <= opening or not sums:
                found = dict.fromkeys(self._postings(term), idf)
                for number in found.keys() & sums.keys():
                    found[number] += sums[number]
                sums.update(found)
            else:
                common.append((term, idf))
        # Every step over the candidates below runs inside C (map, zip, compress, sorted): there
        # can be thousands of them, and only the best few matter.
        for term, idf in common:
            having = self._common_postings(term).intersection(sums)  # looks up each key of sums
            sums.update(zip(having, map(add, map(sums.__getitem__, having), repeat(idf))))
        numbers = list(sums)
        lengths, norm_of = self._norms
        found = itemgetter(*numbers)(lengths) if len(numbers) > 1 else [lengths[n] for n in numbers]
        scores = list(map(truediv, sums.values(), map(norm_of.__getitem__, found)))
        ranking = zip(scores, map(neg, numbers))
        if len(scores) > limit:  # a sort of bare floats finds the bar; only those above it are ranked
            ranking = compress(ranking, map(sorted(scores, reverse=True)[limit - 1].__le__, scores))
        ranked = sorted(ranking, reverse=True)[:limit]
        return [-negated for _, negated in ranked]  # ties: the earlier statement first

    def _rank_by_bitmaps(self, known: list[tuple[tuple[int, float], str]], limit: int) -> list[int]:
        """No rare term: the rarest one's statements are all candidates, ranked with bitmaps
        (see `bitmaps`), the same ranking as the general path's."""
        (_, first_idf), first = known[0]
        others = [(self._bitmap(term), idf) for (_, idf), term in known[1:]]
        return bitmaps.rank((self._bitmap(first), first_idf), others, self._length_classes(), limit)

    def _bitmap(self, term: str) -> int:
        """A common term's bitmap, memoised like its set (`_common_postings`)."""
        found = self._bitmaps.get(term)
        if found is None:
            (bits,) = self._db.execute("SELECT bits FROM terms WHERE term = ?", (term,)).fetchone()
            found = self._bitmaps.put(term, int.from_bytes(bits, "little"), len(bits))
        return found

    def _length_classes(self) -> list[tuple[float, int]]:
        if self._lengths is None:
            self._lengths = [(norm, int.from_bytes(bits, "little"))
                             for norm, bits in self._db.execute("SELECT norm, bits FROM lengths ORDER BY norm")]
        return self._lengths

    def scoring_many(self, numbers: list[int]) -> dict[int, Scoring]:
        """Scoring records of these statements, read in batches and memoised."""
        cache = self._scoring_cache
        missing = [n for n in numbers if n not in cache]
        if len(cache) + len(missing) > MEMOISED_SCORING:
            cache.clear()
            missing = list(numbers)
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            rows = self._db.execute(
                f"SELECT number, blob FROM scoring WHERE number IN ({','.join('?' * len(chunk))})", chunk)
            for number, blob in rows:
                cache[number] = _scoring_from(number, blob)
        return {n: cache[n] for n in numbers}

    def facts(self, number: int) -> StatementFacts:
        """A statement's full facts (for consistency checks and citations), memoised."""
        found = self._facts_cache.get(number)
        if found is None:
            row = self._db.execute("SELECT blob FROM facts WHERE number = ?", (number,)).fetchone()
            found = self._facts_cache.put(number, _facts_from(row[0]))
        return found

    def shares(self, facts: StatementFacts) -> dict[str, float]:
        """Who holds which percentage in a statement's text (`claims.shares_in`), memoised: the
        statements that give percentages come back claim after claim."""
        text = facts.statement.claim
        found = self._shares.get(text)
        if found is None:
            found = self._shares.put(text, dict(shares_in(text, self.entities)))
        return found

    def all_facts(self) -> Iterator[StatementFacts]:
        """Every statement in store order (for curation commands that filter the whole store)."""
        for (blob,) in self._db.execute("SELECT blob FROM facts ORDER BY number"):
            yield _facts_from(blob)


class _BitmapNumbers:
    """A huge posting list as its bitmap (`bitmaps.bitmap`): membership by a bit test."""

    def __init__(self, bits: bytes) -> None:
        self._bits = bits

    def intersection(self, candidates: Iterable[int]) -> list[int]:
        bits = self._bits
        return [n for n in candidates if bits[n >> 3] >> (n & 7) & 1]

    def __contains__(self, number: object) -> bool:
        return bool(self._bits[number >> 3] >> (number & 7) & 1)  # type: ignore[operator]


class _Norms(NamedTuple):
    """Each statement's length (its number of terms) and the BM25 norm of each length: a byte
    a statement where the longest has fewer than 256 terms, a megabyte to read at open for a
    million statements where their norms as floats took eight (10 to 25 ms)."""

    lengths: array
    norm_of: tuple[float, ...]


def _norms_blob(lengths: array) -> bytes:
    """`_Norms` of these lengths, marshalled for the index's meta table (`_norms_from`)."""
    count = len(lengths)
    average = sum(lengths) / count if count else 1.0
    longest = max(lengths, default=0)
    norm_of = tuple((1 + BM25_K1 * (1 - BM25_B + BM25_B * n / average)) / (BM25_K1 + 1) for n in range(longest + 1))
    typecode = next(code for code in "BHI" if longest < 256 ** array(code).itemsize)
    return marshal.dumps((typecode, array(typecode, lengths).tobytes(), norm_of))


def _norms_from(blob: bytes) -> _Norms:
    typecode, lengths, norm_of = marshal.loads(blob)
    found = array(typecode)
    found.frombytes(lengths)
    return _Norms(found, norm_of)


class _StoreWords:
    """`word in index.words`: whether any statement's text uses the (stemmed) word, as a word
    of any kind (a name's, a date's). Claims are read in this vocabulary, as statements were
    (see `store_words`)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._answers: SizedMemo[object, bool] = SizedMemo(MEMOISED_WORDS)

    def __contains__(self, word: object) -> bool:
        found = self._answers.get(word)
        if found is None:
            found = self._answers.put(word, isinstance(word, str) and self._db.execute(
                "SELECT 1 FROM words WHERE word = ?", (word,)).fetchone() is not None)
        return found


def _scoring_from(number: int, blob: bytes) -> Scoring:
    identifier, terms, kind_terms, weight, dates, figures = marshal.loads(blob)
    return Scoring(number, identifier, frozenset(terms), frozenset(kind_terms) if kind_terms else _NONE, weight,
                   tuple(map(_date, dates)) if dates else (), tuple(map(_figure, figures)) if figures else ())


_NONE: frozenset[str] = frozenset()
_DATES: dict[tuple, PartialDate] = {}
_FIGURES: dict[tuple, Figure] = {}
"""Dates and figures recur across thousands of statements: each is made once per process."""


def _date(fields: tuple) -> PartialDate:
    found = _DATES.get(fields)
    if found is None:
        found = _DATES[fields] = PartialDate(*fields)
    return found


def _store_date(text: str) -> PartialDate:
    """`PartialDate.parse`, each store date made once per process (as `_date` makes them)."""
    found = _STORE_DATES.get(text)
    if found is None:
        found = _STORE_DATES[text] = PartialDate.parse(text)
    return found


_STORE_DATES: dict[str, PartialDate] = {}


def _figure(fields: tuple) -> Figure:
    found = _FIGURES.get(fields)
    if found is None:
        value, unit, counted = fields
        found = _FIGURES[fields] = Figure(value, unit, frozenset(counted))
    return found


def _scoring_fields(facts: StatementFacts) -> tuple:
    """`Scoring` as plain tuples (marshal is several times faster to load than pickle), but for
    the weight, known once every term's frequency is. Terms are interned, which marshal keeps:
    the thousands of records a worker holds then share one copy of each term."""
    return (facts.statement.id, tuple(map(sys.intern, sorted(facts.terms))), tuple(sorted(facts.kind_terms)),
            _dates_fields(facts.dates), _figures_fields(facts.figures))


def _facts_fields(facts: StatementFacts) -> tuple:
    """`StatementFacts` as plain tuples for marshal, like `Scoring`: every claim examines a few
    statements in full, and a pickle of these dataclasses loads three times slower."""
    return (_statement_fields(facts.statement), tuple(map(tuple, facts.frames)),
            *map(sorted, (facts.parties, facts.involved, facts.places, facts.asides)),
            _dates_fields(facts.dates), _dates_fields(facts.text_dates),
            tuple(map(_dates_fields, facts.frame_dates)), tuple(map(_figures_fields, facts.frame_figures)),
            _figures_fields(facts.figures),
            *map(sorted, (facts.terms, facts.kind_terms)), facts.vocabulary)


def _facts_from(blob: bytes) -> StatementFacts:
    (statement, frames, parties, involved, places, asides, dates, text_dates, frame_dates, frame_figures, figures,
     terms, kind_terms, vocabulary) = marshal.loads(blob)
    return StatementFacts(
        _statement_from(statement), tuple(Frame(*frame) for frame in frames), frozenset(parties), frozenset(involved),
        frozenset(places), frozenset(asides),
        tuple(map(_date, dates)), tuple(map(_date, text_dates)),
        tuple(tuple(map(_date, group)) for group in frame_dates),
        tuple(tuple(map(_figure, group)) for group in frame_figures), tuple(map(_figure, figures)),
        frozenset(terms), frozenset(kind_terms), vocabulary)


def _statement_fields(s: Statement) -> tuple:
    """What a facts row keeps of its statement: all but `appeared_in`, which no check reads."""
    event = None if s.event is None else (s.event.type, s.event.stage, s.event.attitude, s.event.negated)
    return (s.id, s.claim, s.verdict, s.parties,
            tuple((c.source, c.quote, _location_fields(c.location)) for c in s.citations),
            s.deal, s.date, s.places, s.said_by, s.said_on, _location_fields(s.location), event)


def _statement_from(fields: tuple) -> Statement:
    """A statement from its `_statement_fields`, and its `appeared_in` when they have it."""
    (identifier, claim, verdict, parties, citations, deal, when, places, said_by, said_on, location, event,
     *appeared_in) = fields
    return Statement(identifier, claim, verdict, parties,
                     tuple(Citation(source, quote, Location(*at)) for source, quote, at in citations),
                     deal, when, places, said_by, said_on, Location(*location),
                     None if event is None else StatementEvent(*event), *appeared_in)


def _location_fields(location: Location) -> tuple:
    return location.path, location.line, location.column


def _dates_fields(dates: tuple[PartialDate, ...]) -> tuple:
    return tuple((d.year, d.month, d.day, d.months) for d in dates)


def _figures_fields(figures: tuple[Figure, ...]) -> tuple:
    return tuple((f.value, f.unit, tuple(sorted(f.counted))) for f in figures)


# --- building -----------------------------------------------------------------------------------

def statement_text(statement: Statement) -> str:
    return statement.claim if not statement.deal else f"{statement.claim}. {statement.deal}"


def read_statement(statement: Statement, store: Store, entities: EntityIndex,
                   vocabulary: Container[str]) -> StatementFacts:
    """A statement's facts, read with the same reader as claims (but for relative dates: "last
    month" in a statement is not dated by the day the index happens to be built)."""
    text = statement_text(statement)
    clauses = read_clauses(statement.claim, entities, None, vocabulary)  # the deal label asserts nothing
    parsed = (clauses[0].parsed if text == statement.claim and len(clauses) == 1  # read once when it can be
              else parse_claim(text, entities, None, vocabulary, terms_only=True))
    kinds = entities.kinds
    places = set(statement.places) | {e for e in parsed.entities if kinds.get(e) == "place"}
    asides = places.intersection(parsed.asides).difference(statement.places)  # (what it declares is the event's)
    if statement.places:  # and where it declares the event's places, another its text names is in passing
        # ("refused a permit for a plant in Springfield, finding that its noise would harm Shelbyville")
        asides.update(place for place in places if not any(
            place == own or place in entities.ancestors(own) or own in entities.ancestors(place) for own in statement.places))
    involved = set(statement.parties) | {e for e in parsed.entities if kinds.get(e) != "place"}
    if statement.said_by:
        involved.add(statement.said_by)
    own = [_store_date(d) for d in (statement.date, statement.said_on) if d]
    declared = statement.event
    terms = (set(parsed.terms) | {entity_term(e) for e in involved | places}
             | set(event_terms(declared.type, declared.stage) if declared else ()))
    kind_terms = {stem(KIND_NOUNS[kinds[e]]) for e in involved if kinds.get(e) in KIND_NOUNS}
    names = [store.entities[e] for e in involved | places if e in store.entities]
    everything = " ".join([text, *(c.quote for c in statement.citations if c.quote),
                           *(n for entity in names for n in (entity.name, *entity.aliases))])
    read = [c.parsed for c in clauses]
    read += [report for c in clauses if (report := _contradicted(c, entities, vocabulary))]
    main = read[0].frame
    if (main.type is None and parsed.frame.type is not None and main.stage is not None
            and main.stage not in event_vocabulary().names_event):
        # the deal label names the kind of deal a clause that names none is about ("walked away
        # from Globex" under "takeover approach abandoned"), though it asserts nothing
        read[0] = read[0]._replace(frame=main._replace(type=parsed.frame.type))
    frames, frame_dates, frame_figures = statement_frames(statement, read)
    if any(frame.attitude == "denied" for frame in frames):
        terms.add(DENIAL_TERM)
    return StatementFacts(
        statement=statement, frames=frames, frame_dates=frame_dates, frame_figures=frame_figures,
        parties=frozenset(statement.parties),
        involved=frozenset(involved), places=frozenset(places), asides=frozenset(asides),
        dates=tuple(dict.fromkeys([*own, *parsed.dates])), text_dates=parsed.dates,
        figures=parsed.figures, terms=frozenset(terms), kind_terms=frozenset(kind_terms - terms),
        vocabulary=f" {' '.join(sorted(set(words(normalize(everything)))))} ")


def _contradicted(clause: Clause, entities: EntityIndex, vocabulary: Container[str]) -> ParsedClaim | None:
    """`contradicted_report`, which is None for a clause without a subject or without one of the
    contradiction markers among its tokens: in ASCII text, a token is a run of letters and digits
    of the text in lower case (`normalize` only ever turns other characters into spaces or
    quotes), so a text without a marker in lower case has none. Most statements have none, and
    the report's own test makes the text's tokens once more (3% of reading a statement)."""
    parsed = clause.parsed
    if parsed.frame.subject is None:
        return None
    text = parsed.text
    if text.isascii():
        lower = text.lower()
        if not any(marker in lower for marker in event_vocabulary().contradiction_markers):
            return None
    return contradicted_report(clause, entities, vocabulary)


def statement_frames(statement: Statement, read: list[ParsedClaim]
                     ) -> tuple[tuple[Frame, ...], tuple[tuple[PartialDate, ...], ...], tuple[tuple[Figure, ...], ...]]:
    """A statement's frames as read from its clauses (each with the dates and figures its clause
    names), its `event:` field first where it has one (what was read for the main clause comes
    last then). Its main clause is what its source (`said_by`) said: "said" by them where the
    text names no attitude, and theirs where it names no one."""
    frames = [clause.frame for clause in read]
    dates = [clause.dates for clause in read]
    figures = [clause.figures for clause in read]
    main, event = frames[0], statement.event
    if event is not None:
        declared = main._replace(type=event.type, stage=event.stage,
                                 negated=main.negated if event.negated is None else event.negated,
                                 attitude=event.attitude or main.attitude, stage_words="")
        # what the text reads stays, last: a claim in the statement's own words reads as they do
        if declared != main:
            frames, dates, figures = [declared, *frames[1:], main], [*dates, dates[0]], [*figures, figures[0]]
    if statement.said_by:  # what the source said is its main clause; the others are its own acts
        main = frames[0]
        frames[0] = main._replace(attitude=main.attitude or "said", holder=main.holder or statement.said_by)
    return (frames[0], *(_with_roles_of(frame, frames[0]) for frame in frames[1:])), tuple(dates), tuple(figures)


def _with_roles_of(frame: Frame, main: Frame) -> Frame:
    """A later clause of a statement that names no one, about the main clause's deal ("Globex
    agreed to sell Globex Link to Acme, under a sale and purchase agreement signed in
    Springfield"), has the main clause's actors (seen from its side: a sale's buyer is the
    purchase's agent): it is no deal between anyone at all."""
    vocab = event_vocabulary()
    if frame.subject or frame.agents or frame.patients or frame.counterparts or frame.deciders:
        return frame
    if frame.type is None or main.type is None:
        return frame
    if (main.type, frame.type) in vocab.converse:
        return frame._replace(agents=main.counterparts, patients=main.patients, counterparts=main.agents)
    if frame.type in vocab.ancestors[main.type] or main.type in vocab.ancestors[frame.type]:
        return frame._replace(agents=main.agents, patients=main.patients, counterparts=main.counterparts)
    return frame


def event_warnings(store: Store) -> list[Problem]:
    """Statements whose `event:` field says another type or stage than their text reads as:
    either the field or the wording is wrong, or the vocabulary reads the words wrongly (a
    warning, since the field is what counts; a field where the text reads nothing is no
    disagreement)."""
    entities = store_entities(store)
    vocabulary = store_words(store)
    warnings = []
    for statement in store.statements:
        event = statement.event
        if event is None:
            continue
        read = read_clauses(statement.claim, entities, None, vocabulary)[0].parsed.frame
        differ = [f"{key} {field or '-'} where the text reads {text or '-'}"
                  for key, field, text in (("type", event.type, read.type), ("stage", event.stage, read.stage))
                  if text is not None and field != text]  # the field may say more than the words
        if differ:
            warnings.append(Problem(statement.location, f"event field of '{statement.id}' says " + "; ".join(differ),
                                    "warning"))
    return warnings


class Part(NamedTuple):
    """What reading the statements of one store file gave, kept in the cache between builds
    (`build_from_files`): reading statements is most of a build (0.5 ms each), and a change
    to one file of a folder store leaves the other files' statements as they were read.

    A statement's facts depend on the statement, on every entity of the store (a name can be
    any of them) and on the store's words (`store_words`), of which the reader consults a few
    ("is this capitalised first word a word of the store?"). The key covers the first two (the
    file's content and the reading: `_reading_key`); the answers the reader was given are kept,
    and the part holds while the store's words give the same answers, whatever other words come
    and go."""

    rows: list[tuple[bytes, tuple]]
    """Each statement's marshalled `StatementFacts` fields and its `_scoring_fields` (empty when
    only the part's words and answers were loaded)."""
    words: list[str]
    """The stems of its statements' words (its share of `store_words`)."""
    answers: dict[str, bool]
    """Each word the reader looked up in the store's words, and whether it was there."""
    digests: list[bytes]
    """Each statement's `_unplaced` digest, aligned with `rows`: the next version of the file
    takes from here the rows of the statements it still has (wherever they moved to)."""


class StoreFile(NamedTuple):
    """A store file as a build from kept parts sees it (`build_from_files`)."""

    record: str
    """The key of what the file holds (its content and path, and the engine)."""
    ids: tuple[tuple[str, int, int], ...]
    """Its statements' ids, lines and columns, in order."""
    statements: Callable[[], FileStatements]
    """Its statements, read from the file only if its part has to be read again."""


class FileStatements(NamedTuple):
    """A store file's statements as a build reads them (`file_statements`)."""

    statements: Sequence[Statement]
    words: list[str]
    """The stems of their words (the file's share of `store_words`)."""
    digests: list[bytes]
    """Each one's `_unplaced` digest (empty when no part is kept: `build_index`)."""


def file_statements(statements: Sequence[Statement]) -> FileStatements:
    return FileStatements(statements, _group_words(statements), [_unplaced(s) for s in statements])


READ_STEP = 500
"""Statements a build worker reads at a time (and a packed file's statements per run)."""


class PackedStatements(Sequence[Statement]):
    """A file's statements marshalled in runs of `READ_STEP`: what a worker that parsed the file
    sends back (a few strings of bytes, where a pickle of the statements takes twice as long to
    load as they take to parse). A run is made into statements again only where it is read: in
    the build worker that reads it.

    With a `spill` file the runs are written there and read back from it when wanted: a build
    of a million statements held 550 MB of them in its parent otherwise, from the parse of the
    first file until the last was read (pages of the file are the system's cache, not ours)."""

    def __init__(self, statements: Sequence[Statement], spill: Path | None = None) -> None:
        self._count = len(statements)
        runs = (marshal.dumps([(*_statement_fields(s), s.appeared_in) for s in statements[i:i + READ_STEP]])
                for i in range(0, self._count, READ_STEP))
        self._spill = spill
        self._runs: list[bytes] = []
        self._extents: list[tuple[int, int]] = []
        """Each run's offset and size in `spill`."""
        if spill is None:
            self._runs = list(runs)
            return
        with spill.open("wb") as handle:
            for run in runs:
                self._extents.append((handle.tell(), len(run)))
                handle.write(run)

    def __len__(self) -> int:
        return self._count

    def _read(self, numbers: range) -> Iterator[bytes]:
        if self._spill is None:
            yield from (self._runs[number] for number in numbers)
            return
        with self._spill.open("rb") as handle:
            for number in numbers:
                offset, size = self._extents[number]
                handle.seek(offset)
                yield handle.read(size)

    def __getitem__(self, key):  # type: ignore[no-untyped-def] - int or slice, as a list's
        if isinstance(key, int):
            run, at = divmod(range(self._count)[key], READ_STEP)
            return _statement_from(marshal.loads(next(self._read(range(run, run + 1))))[at])
        start, stop, step = key.indices(self._count)
        runs = range(start // READ_STEP, (stop - 1) // READ_STEP + 1) if start < stop else range(0)
        unpacked = [_statement_from(fields) for run in self._read(runs) for fields in marshal.loads(run)]
        first = runs[0] * READ_STEP if runs else 0
        return unpacked[start - first:stop - first:step]

    def __iter__(self) -> Iterator[Statement]:
        runs = range(0, (self._count + READ_STEP - 1) // READ_STEP)
        return (_statement_from(fields) for run in self._read(runs) for fields in marshal.loads(run))


class _Consulted:
    """The store's words as the reader sees them, noting every word it looks up and the answer."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.answers: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        found = self.answers[word] = word in self.words  # type: ignore[index]
        return found


def _group_words(statements: Sequence[Statement]) -> list[str]:
    return sorted({stem(word) for s in statements for word in words(normalize(statement_text(s)))})


def store_entities(store: Store) -> EntityIndex:
    """The store's entities as claims and statements are read with them (the vocabulary's
    institution words say which one "the ministry" is)."""
    return EntityIndex(store.entities.values(), event_vocabulary().institution_words)


def store_words(store: Store) -> frozenset[str]:
    """Stems of every word the statements use: the vocabulary statements and claims alike are
    read in (see `EntityIndex.find`); kept in the index as its `words` table."""
    return frozenset(_group_words(store.statements))


_BUILDING: tuple[list[Sequence[Statement]], Store, EntityIndex, frozenset[str]] | None = None
"""The groups of statements being read and what they are read with, inherited by forked build
workers instead of being sent to them."""


def _read_rows(statements: Sequence[Statement]) -> tuple[list[tuple[bytes, tuple]], dict[str, bool]]:
    """The index rows of these statements (in a worker: marshalled there, so what crosses back to
    the parent is bytes and plain tuples) and the words the reader looked up."""
    _, store, entities, vocabulary = _BUILDING  # type: ignore[misc]
    consulted = _Consulted(vocabulary)
    rows = []
    for statement in statements:
        facts = read_statement(statement, store, entities, consulted)
        rows.append((marshal.dumps(_facts_fields(facts)), _scoring_fields(facts)))
    return rows, consulted.answers


def _read_slice(bounds: tuple[int, int, int]) -> tuple[list[tuple[bytes, tuple]], dict[str, bool]]:
    group, start, end = bounds
    return _read_rows(_BUILDING[0][group][start:end])  # type: ignore[index]


def _read_groups(groups: list[Sequence[Statement]], store: Store, entities: EntityIndex, vocabulary: frozenset[str],
                 ) -> Iterator[tuple[list[tuple[bytes, tuple]], dict[str, bool]]]:
    """Each group's rows and answers, in order; on several cores when there are many statements
    to read (fork shares them with the workers for free; elsewhere, or with one core, they are
    read here). `store` gives the entities' names."""
    global _BUILDING
    workers = fork_workers()
    _BUILDING = (groups, store, entities, vocabulary)
    try:
        if sum(map(len, groups)) < PARALLEL_BUILD_MINIMUM or workers < 2:
            yield from (_read_slice((number, 0, len(group))) for number, group in enumerate(groups))
            return
        from .workers import forked_pool, start_worker

        slices = [[(number, i, min(i + READ_STEP, len(group))) for i in range(0, len(group), READ_STEP)]
                  for number, group in enumerate(groups)]
        # Leaving the block (done, or Ctrl-C and SIGTERM unwinding) terminates the workers.
        with forked_pool(workers, start_worker, (os.getpid(),)) as pool:
            results = pool.imap(_read_slice, [bounds for group in slices for bounds in group])
            for group in slices:
                rows: list[tuple[bytes, tuple]] = []
                answers: dict[str, bool] = {}
                for found, consulted in (next(results) for _ in group):
                    rows += found
                    answers.update(consulted)
                yield rows, answers
    finally:
        _BUILDING = None


def fork_workers() -> int:
    """Worker processes worth forking: one per usable core (at most 8); 1 where fork is missing
    (workers rely on inheriting what the parent has loaded)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 8)


_UNPLACED = (tuple(f.name for f in fields(Statement) if f.name not in ("location", "citations")),
             tuple(f.name for f in fields(Citation) if f.name != "location"))


def _unplaced(statement: Statement) -> bytes:
    """A digest of everything a statement's facts are read from but where it is in its file:
    a line added above it moves it without changing what it says."""
    import hashlib

    own, cited = _UNPLACED
    values = (*map(statement.__getattribute__, own),
              tuple(tuple(map(citation.__getattribute__, cited)) for citation in statement.citations))
    return hashlib.sha256(repr(values).encode()).digest()[:16]


def _placed(row: tuple[bytes, tuple], statement: Statement) -> tuple[bytes, tuple]:
    """A row read for a statement saying exactly what `statement` says, moved to where it is."""
    blob, scoring = row
    return marshal.dumps((_statement_fields(statement), *marshal.loads(blob)[1:])), scoring


def _read_parts(store: Store, entities: EntityIndex, vocabulary: frozenset[str],
                files: Sequence[tuple[FileStatements, Part | None]]) -> Iterator[Part]:
    """The part of each file given by its statements and its `earlier` part (the part of the
    file before it changed, when that still holds, or None), in order, each as soon as it is
    read: the rows of statements the earlier part has are taken from it, the others read (on
    every core when there are many)."""
    wanted: list[Sequence[Statement]] = []
    plans = []
    for (statements, group_words, digests), earlier in files:
        known = dict(zip(earlier.digests, earlier.rows)) if earlier else {}
        rows = [_placed(known[d], s) if d in known else None for d, s in zip(digests, statements)] if known else []
        wanted.append([s for s, row in zip(statements, rows) if row is None] if known else statements)
        plans.append((rows, group_words, earlier.answers if earlier else {}, digests))
    for (rows, group_words, answers, digests), (found, consulted) in zip(
            plans, _read_groups(wanted, store, entities, vocabulary)):
        fresh = iter(found)
        yield Part([next(fresh) if row is None else row for row in rows] if rows else found, group_words,
                   answers | consulted, digests)


def _holds(part: Part, vocabulary: frozenset[str]) -> bool:
    """Whether the store's words still answer as the part's statements were read with."""
    return all((word in vocabulary) == answer for word, answer in part.answers.items())


def _reading_key(store: Store, engine: str) -> str:
    """What every statement of the store is read with: every entity and the engine."""
    import hashlib

    digest = hashlib.sha256(f"{FORMAT}\0{engine}\0".encode())
    digest.update(pickle.dumps(list(store.entities.values()), pickle.HIGHEST_PROTOCOL))
    return digest.hexdigest()[:32]


def _part_key(record: str, reading: str) -> str:
    import hashlib

    return hashlib.sha256(f"{record}\0{reading}".encode()).hexdigest()[:32]


def _load_part(path: Path, rows: bool = True) -> Part | None:
    """A kept part (without its rows unless `rows`), or None when it is missing or unreadable (a
    part only ever saves time)."""
    try:
        with path.open("rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            if size > os.fstat(handle.fileno()).st_size:
                return None
            group_words, answers = marshal.loads(handle.read(size))
            found, digests = marshal.loads(handle.read()) if rows else ([], [])
        return Part(found, group_words, answers, digests)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _save_part(path: Path, part: Part) -> None:
    """Its words and answers first, with their length: a build that keeps the previous index's
    rows reads only those (and `marshal.load` from a file reads object by object, 20 times
    slower than `marshal.loads` of the bytes)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    head = marshal.dumps((part.words, part.answers))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(len(head).to_bytes(8, "little") + head + marshal.dumps((part.rows, part.digests)))
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)  # a full or read-only cache: the part is read again next time


class _Previous(NamedTuple):
    """The store's index before its change (`build_from_files`), read as these statements would be."""

    path: Path
    files: list[str]
    keys: list[str]
    """Its parts' keys, one per file."""
    counts: list[int]
    entities: EntityIndex


def _previous(path: Path | None, reading: str) -> _Previous | None:
    """The index at `path`, when its statements were read as `reading` says the store's are now
    (None otherwise, or when it cannot be read: it only saves time)."""
    if path is None:
        return None
    try:
        connection = _read_only(path)
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('format', 'reading', 'files')"))
            if meta.get("format") != FORMAT or meta.get("reading") != reading:
                return None
            parts = connection.execute("SELECT key, count FROM parts ORDER BY file").fetchall()
            files = json.loads(meta["files"])
            if len(parts) != len(files):
                return None
            [pickled] = connection.execute("SELECT value FROM meta WHERE key = 'entity_index'").fetchone()
            entities = pickle.loads(pickled)
        finally:
            connection.close()
    except Exception:  # noqa: BLE001 - damaged or gone: the index is assembled from the parts
        return None
    return _Previous(path, files, [key for key, _ in parts], [count for _, count in parts], entities)


def build_from_files(store: Store, files: Sequence[StoreFile], path: Path, parts: Path, engine: str,
                     previous: Path | None = None) -> StoreIndex:
    """Write the index of a sound store, given by its outline (`store.outline_store`: no
    statements) and its files, to `path`, from the parts kept in the folder `parts` (see `Part`):
    only the files whose part no longer holds are read, and of those only the statements that
    their part in the `previous` index (the store's index before the change) does not have.
    When that index has the same files, with as many statements each, it is copied and only
    what changed is written again (`_patch`); otherwise the index is assembled from every part.
    `engine` names the engine's version and files, which parts are kept for."""
    reading = _reading_key(store, engine)
    keys = [_part_key(file.record, reading) for file in files]
    before = _previous(previous, reading)
    patched = before if before and before.files == list(map(str, store.files)) and \
        before.counts == [len(file.ids) for file in files] else None
    if patched:
        try:
            import shutil  # only a patch copies: shutil brings three compression modules to every check

            shutil.copyfile(patched.path, path)
        except OSError:
            patched = None
    connection = _writable(path)  # there from the start, for whoever watches the cache
    try:
        # a patch needs the rows of the parts that replace the previous index's only
        whole = [patched is None or key != patched.keys[i] for i, key in enumerate(keys)]
        kept = [_load_part(parts / f"{key}.part", rows) for key, rows in zip(keys, whole)]
        entities = before.entities if before else store_entities(store)
        vocabulary, stale, every = _renewed(store, entities, files, parts, keys, kept, before)
        layout = [(key, file.record, [(identifier, number, line, column) for identifier, line, column in file.ids])
                  for number, (key, file) in enumerate(zip(keys, files))]
        if patched:
            changed = {i: part for i, part in enumerate(every) if keys[i] != patched.keys[i] or i in stale}
            return _patch(connection, store, entities, reading, layout, changed, vocabulary)
        return _assemble(connection, store, entities, reading, layout, every, vocabulary)
    except BaseException:
        connection.close()
        raise


def _renewed(store: Store, entities: EntityIndex, files: Sequence[StoreFile], parts: Path, keys: list[str],
             kept: list[Part | None], before: _Previous | None) -> tuple[frozenset[str], list[int], Iterator[Part]]:
    """The store's words, which parts are read again (those missing or that no longer hold;
    their statements' rows that the file's part in the `before` index has are taken from it),
    and every part, in order: the `kept` ones as they are, the others as they are read, each
    kept in `parts` then. Parts stream: a build holds the rows of all of them at no moment."""
    statements = {i: files[i].statements() for i, part in enumerate(kept) if part is None}
    group_words = [part.words if part else statements[i].words for i, part in enumerate(kept)]
    vocabulary = frozenset(word for found in group_words for word in found)
    stale = [i for i, part in enumerate(kept) if part is None or not _holds(part, vocabulary)]
    names = list(map(str, store.files))

    def earlier(i: int) -> Part | None:
        if before is None or names[i] not in before.files:
            return None
        part = _load_part(parts / f"{before.keys[before.files.index(names[i])]}.part")
        return part if part is not None and _holds(part, vocabulary) else None

    fresh = _read_parts(store, entities, vocabulary, [
        (statements.pop(i) if i in statements else files[i].statements(), earlier(i)) for i in stale])
    read_again = set(stale)

    def every() -> Iterator[Part]:
        for i, part in enumerate(kept):
            if i in read_again:
                part = next(fresh)
                _save_part(parts / f"{keys[i]}.part", part)
            yield part  # type: ignore[misc]

    return vocabulary, stale, every()


def build_index(store: Store, path: Path | None = None) -> StoreIndex:
    """Write the index of `store` to `path` (in memory when None), reading every statement."""
    entities = store_entities(store)
    vocabulary = store_words(store)
    files = {str(path): number for number, path in enumerate(store.files)}
    groups: list[list[Statement]] = []
    for statement in store.statements:  # a part per run of statements of one file
        if groups and groups[-1][0].location.path == statement.location.path:
            groups[-1].append(statement)
        else:
            groups.append([statement])
    parts = _read_parts(store, entities, vocabulary, [(FileStatements(group, [], []), None) for group in groups])
    layout = [("", "", [(s.id, files.get(s.location.path, -1), s.location.line, s.location.column) for s in group])
              for group in groups]
    return _assemble(_writable(path), store, entities, None, layout, parts, vocabulary)


_TABLES = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value);
    CREATE TABLE terms (term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL, bits BLOB, postings BLOB NOT NULL);
    CREATE TABLE lengths (norm REAL PRIMARY KEY, bits BLOB NOT NULL);
    CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE entities (id TEXT NOT NULL UNIQUE, blob BLOB NOT NULL);
    CREATE TABLE entity_tables (tab TEXT NOT NULL, key TEXT NOT NULL, value, UNIQUE (tab, key));
    CREATE TABLE sources (id TEXT NOT NULL UNIQUE, blob BLOB NOT NULL);
    CREATE TABLE scoring (number INTEGER PRIMARY KEY, blob BLOB NOT NULL);
    CREATE TABLE facts (number INTEGER PRIMARY KEY, blob BLOB NOT NULL);
    CREATE TABLE statement_ids (id TEXT PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT NULL,
                                column INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE parts (file INTEGER PRIMARY KEY, record TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL);
"""

Layout = list[tuple[str, str, list[tuple[str, int, int, int]]]]
"""Per part: its key and its file's record key (empty when not kept), and its `statement_ids`
rows."""


def _writable(path: Path | None) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path) if path else ":memory:")
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    return connection


def _assemble(connection: sqlite3.Connection, store: Store, entities: EntityIndex, reading: str | None,
              layout: Layout, parts: Iterable[Part], vocabulary: Iterable[str]) -> StoreIndex:
    """Write a whole index, on a new database, from every part (each is let go once its facts
    are written): postings, weights, length norms and bitmaps depend on every statement."""
    connection.executescript(_TABLES)
    postings: dict[str, array] = {}
    lengths = array("I")
    summaries: list[bytes] = []
    """Each part's `_scoring_fields`, marshalled (a term once per part) until the weights are
    known: as tuples they took a gigabyte at a million statements."""
    with connection:
        for part in parts:
            first = len(lengths)
            for number, (_, (_, terms, *_)) in enumerate(part.rows, first):
                for term in terms:
                    numbers = postings.get(term)
                    if numbers is None:
                        numbers = postings[term] = array("I")
                    numbers.append(number)
                lengths.append(len(terms))
            summaries.append(marshal.dumps([fields for _, fields in part.rows]))
            connection.executemany("INSERT INTO facts VALUES (?, ?)",
                                   ((number, blob) for number, (blob, _) in enumerate(part.rows, first)))
        count = len(lengths)
        weights = {t: _weighted(t, _idf(len(p), count)) for t, p in postings.items()}
        connection.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(vocabulary)))
        opening = opening_size(count)  # only a commoner term can be the rarest of a claim without rare terms
        connection.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", (
            (t, len(p), bitmaps.bitmap(p, count) if len(p) > opening else None, p.tobytes())
            for t, p in sorted(postings.items())))
        connection.executemany("INSERT INTO scoring VALUES (?, ?)", (
            (number, _scoring_blob(fields, weights))
            for number, fields in enumerate(fields for packed in summaries for fields in marshal.loads(packed))))
        connection.executemany("INSERT INTO entities VALUES (?, ?)", _pickled(store.entities))
        connection.executemany("INSERT INTO statement_ids VALUES (?, ?, ?, ?)",  # in key order: 3 times faster
                               sorted(row for _, _, ids in layout for row in ids))
        _write_layout(connection, store, entities, reading, layout, lengths)
    return StoreIndex(connection)


def _patch(connection: sqlite3.Connection, store: Store, entities: EntityIndex, reading: str, layout: Layout,
           changed: Mapping[int, Part], vocabulary: frozenset[str]) -> StoreIndex:
    """Bring a copy of the store's previous index (the same files, as many statements in each,
    read with the same entities) up to date: the `changed` parts' facts and ids; the postings of
    the terms their statements gained or lost; the weights of the statements whose terms'
    frequencies moved; length norms, words, sources and the head."""
    counts = [len(ids) for _, _, ids in layout]
    firsts = [sum(counts[:i]) for i in range(len(counts))]
    count = sum(counts)
    lengths = array("I")
    lengths.frombytes(connection.execute("SELECT value FROM meta WHERE key = 'lengths'").fetchone()[0])
    added: dict[str, list[int]] = {}
    removed: dict[str, list[int]] = {}
    summaries: dict[int, tuple] = {}
    with connection:
        for i, part in changed.items():
            first = firsts[i]
            for number, blob in connection.execute("SELECT number, blob FROM scoring WHERE number >= ? AND number < ?",
                                                   (first, first + counts[i])):
                (_, (_, terms, *_)) = part.rows[number - first]
                before = set(marshal.loads(blob)[1])
                for term in set(terms) - before:
                    added.setdefault(term, []).append(number)
                for term in before - set(terms):
                    removed.setdefault(term, []).append(number)
            for number, (_, fields) in enumerate(part.rows, first):
                summaries[number] = fields
                lengths[number] = len(fields[1])
            connection.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?)",
                                   ((number, blob) for number, (blob, _) in enumerate(part.rows, first)))
            connection.execute("DELETE FROM statement_ids WHERE file = ?", (i,))
        connection.executemany("INSERT INTO statement_ids VALUES (?, ?, ?, ?)",
                               (row for i in changed for row in layout[i][2]))
        opening = opening_size(count)
        reweighed: set[int] = set()
        for term in added.keys() | removed.keys():
            row = connection.execute("SELECT postings FROM terms WHERE term = ?", (term,)).fetchone()
            numbers = array("I", row[0] if row else b"")
            gone = set(removed.get(term, ()))
            kept = array("I", sorted({n for n in numbers if n not in gone}.union(added.get(term, ()))))
            if len(kept) != len(numbers):
                reweighed.update(kept)  # its idf moved: so did the weight of every statement that has it
            if kept:
                connection.execute("INSERT OR REPLACE INTO terms VALUES (?, ?, ?, ?)", (
                    term, len(kept), bitmaps.bitmap(kept, count) if len(kept) > opening else None, kept.tobytes()))
            else:
                connection.execute("DELETE FROM terms WHERE term = ?", (term,))
        weights = _Weights(connection, count)
        others = sorted(reweighed - summaries.keys())
        for start in range(0, len(others), 500):
            chunk = others[start:start + 500]
            for number, blob in connection.execute(
                    f"SELECT number, blob FROM scoring WHERE number IN ({','.join('?' * len(chunk))})", chunk):
                identifier, terms, kinds, _, *rest = marshal.loads(blob)
                summaries[number] = (identifier, terms, kinds, *rest)
        connection.executemany("INSERT OR REPLACE INTO scoring VALUES (?, ?)", (
            (number, _scoring_blob(fields, weights)) for number, fields in summaries.items()))
        old = {word for (word,) in connection.execute("SELECT word FROM words")}
        connection.executemany("DELETE FROM words WHERE word = ?", ((w,) for w in old - vocabulary))
        connection.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(vocabulary - old)))
        connection.execute("DELETE FROM lengths")
        connection.execute("DELETE FROM entity_tables")
        connection.execute("DELETE FROM sources")
        connection.execute("DELETE FROM parts")
        _write_layout(connection, store, entities, reading, layout, lengths)
    return StoreIndex(connection)


class _Weights(dict):
    """Terms' weights, looked up in an index's `terms` table as they are first needed."""

    def __init__(self, connection: sqlite3.Connection, count: int) -> None:
        super().__init__()
        self._db = connection
        self._count = count

    def __missing__(self, term: str) -> float:
        [df] = self._db.execute("SELECT df FROM terms WHERE term = ?", (term,)).fetchone()
        found = self[term] = _weighted(term, _idf(df, self._count))
        return found


def _scoring_blob(fields: tuple, weights: Mapping[str, float]) -> bytes:
    """A `scoring` row from a statement's `_scoring_fields`, once every term's weight is known."""
    identifier, terms, kinds, *rest = fields
    return marshal.dumps((identifier, tuple(map(sys.intern, terms)), kinds, sum(weights[t] for t in terms), *rest))


def _pickled(records: Mapping[str, object]) -> Iterator[tuple[str, bytes]]:
    return ((key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in records.items())


def _write_layout(connection: sqlite3.Connection, store: Store, entities: EntityIndex, reading: str | None,
                  layout: Layout, lengths: array) -> None:
    """What an assembled and a patched index both write whole: BM25 length norms and their
    bitmaps, sources, the parts, the entity tables and the head."""
    count = len(lengths)
    norms = _norms_blob(lengths)
    norm_of = _norms_from(norms).norm_of
    by_norm: dict[float, list[int]] = {}
    for number, length in enumerate(lengths):
        by_norm.setdefault(norm_of[length], []).append(number)
    connection.executemany("INSERT INTO lengths VALUES (?, ?)",
                           ((norm, bitmaps.bitmap(numbers, count)) for norm, numbers in by_norm.items()))
    connection.executemany("INSERT INTO sources VALUES (?, ?)", _pickled(store.sources))
    connection.executemany("INSERT INTO parts VALUES (?, ?, ?, ?)", (
        (number, record, key, len(ids)) for number, (key, record, ids) in enumerate(layout)))
    connection.executemany("INSERT INTO entity_tables VALUES (?, ?, ?)", sorted(entities.table_rows()))
    head = IndexHead(entities.head(), store.warnings, count, event_vocabulary())
    connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("format", FORMAT), ("head", pickle.dumps(head, pickle.HIGHEST_PROTOCOL)), ("norms", norms),
        ("entity_index", pickle.dumps(entities, pickle.HIGHEST_PROTOCOL)),
        ("lengths", lengths.tobytes()), ("reading", reading), ("files", json.dumps([str(f) for f in store.files]))])


def open_index(path: Path) -> StoreIndex:
    """Open a built index file read-only; raises sqlite3.Error or ValueError if it is unusable."""
    connection = _read_only(path)
    try:
        return StoreIndex(connection, path)
    except Exception:
        connection.close()
        raise


def _read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    connection.execute(f"PRAGMA mmap_size = {MAPPED_INDEX_BYTES}")
    return connection
