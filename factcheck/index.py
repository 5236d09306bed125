"""The searchable form of a store: every statement read once, and an inverted index over terms.

Built once per store; retrieval (BM25 over canonical terms and entity ids) narrows the statements
to a few candidates before the finer, slower comparison in `matching.py`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from .claims import ParsedClaim, parse_claim
from .dates import PartialDate
from .entities import EntityIndex
from .figures import Figure
from .store import Statement, Store
from .text import normalize, stem, tokens

KIND_NOUNS = {"company": "company", "regulator": "regulator", "government": "government",
              "organisation": "organisation", "person": "person"}

BM25_K1 = 1.2
BM25_B = 0.75


@dataclass(frozen=True)
class StatementFacts:
    """What a statement asserts, in the same terms as a parsed claim."""

    statement: Statement
    parsed: ParsedClaim
    parties: frozenset[str]
    involved: frozenset[str]
    """Parties, the speaker and every non-place entity its text names."""
    places: frozenset[str]
    dates: tuple[PartialDate, ...]
    """The event's date and the dates its text names."""
    text_dates: tuple[PartialDate, ...]
    """Only the dates in its text: for a denial, those of the denied event."""
    figures: tuple[Figure, ...]
    terms: frozenset[str]
    kind_terms: frozenset[str]
    """Generic nouns for its entities ("regulator", "company"): a claim may use them instead of
    names, but a statement is not less covered when a claim does not."""
    vocabulary: frozenset[str]
    """Every word of its text, deal, quotes and entities' names: the names it can confirm."""


def entity_term(entity_id: str) -> str:
    return "@" + entity_id


def claim_terms(parsed: ParsedClaim) -> list[str]:
    return [*parsed.terms, *(entity_term(e) for e in parsed.entities)]


class StoreIndex:
    def __init__(self, store: Store, today: date | None = None) -> None:
        self.store = store
        self.entities = EntityIndex(store.entities.values())
        self.facts = [self._read(statement, today) for statement in store.statements]
        postings: dict[str, list[int]] = defaultdict(list)
        self.lengths: list[int] = []
        for number, facts in enumerate(self.facts):
            for term in facts.terms:
                postings[term].append(number)
            self.lengths.append(len(facts.terms))
        self.postings = dict(postings)
        self.average_length = sum(self.lengths) / len(self.lengths) if self.lengths else 1.0
        n = len(self.facts)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        self.unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self.vocabulary = frozenset(self.idf)

    def _read(self, statement: Statement, today: date | None) -> StatementFacts:
        text = statement.claim if not statement.deal else f"{statement.claim}. {statement.deal}"
        parsed = parse_claim(text, self.entities, today)
        kinds = self.entities.kinds
        places = {e for e in statement.places} | {e for e in parsed.entities if kinds.get(e) == "place"}
        involved = set(statement.parties) | {e for e in parsed.entities if kinds.get(e) != "place"}
        if statement.said_by:
            involved.add(statement.said_by)
        own = [PartialDate.parse(d) for d in (statement.date, statement.said_on) if d]
        terms = set(parsed.terms) | {entity_term(e) for e in involved | places}
        kind_terms = {stem(KIND_NOUNS[kinds[e]]) for e in involved if kinds.get(e) in KIND_NOUNS}
        names = [self.store.entities[e] for e in involved | places if e in self.store.entities]
        words = " ".join([text, *(c.quote for c in statement.citations),
                          *(n for entity in names for n in (entity.name, *entity.aliases))])
        return StatementFacts(
            statement=statement, parsed=parsed, parties=frozenset(statement.parties),
            involved=frozenset(involved), places=frozenset(places),
            dates=tuple(dict.fromkeys([*own, *parsed.dates])), text_dates=parsed.dates,
            figures=parsed.figures, terms=frozenset(terms), kind_terms=frozenset(kind_terms - terms),
            vocabulary=frozenset(t.text for t in tokens(normalize(words))))

    def weight(self, term: str) -> float:
        weight = self.idf.get(term, self.unseen_idf)
        return weight * 1.5 if term.startswith("@") else weight

    def retrieve(self, terms: list[str], limit: int) -> list[tuple[int, float]]:
        """Statement numbers ranked by BM25 against the terms, best first."""
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for number in self.postings[term]:
                norm = BM25_K1 * (1 - BM25_B + BM25_B * self.lengths[number] / self.average_length)
                scores[number] += idf * (BM25_K1 + 1) / (1 + norm)
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
