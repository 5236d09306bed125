"""Finding what the store already records: statements ranked by relevance to a query, filtered.

Ranking reuses the checker's own machinery, so a curator sees statements in the order `check`
would weigh them: BM25 over the index's terms finds candidates, and the similarity of
`matching.py` orders them. Filters narrow by party (a group includes its subsidiaries), verdict,
event date and cited source.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from .claims import parse_claim
from .dates import date_span
from .errors import InputError
from .index import StoreIndex, claim_terms
from .matching import prepare, similarity
from .store import Entity, Source, Statement, Store


@dataclass(frozen=True)
class Filters:
    parties: tuple[str, ...] = ()
    """Entity ids; a statement must name every one of them (or one of its subsidiaries)."""
    verdicts: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    """Event dates: a statement dated to a month or year counts if that period overlaps."""
    sources: tuple[str, ...] = ()
    """Source ids; a statement must cite at least one of them."""


@dataclass(frozen=True)
class Hit:
    statement: Statement
    score: float | None
    """Similarity to the query (0-100); None when there was no query."""


def resolve_entity(entities: Mapping[str, Entity], text: str) -> str:
    """An entity id from its id, name or alias (any case); InputError with suggestions if none."""
    if text in entities:
        return text
    wanted = text.casefold().strip()
    for entity in entities.values():
        if wanted in (n.casefold() for n in (entity.name, *entity.aliases)):
            return entity.id
    raise InputError(f"unknown entity '{text}'{_suggest(text, entities)}", "--party")


def resolve_source(sources: Mapping[str, Source], text: str) -> str:
    if text in sources:
        return text
    raise InputError(f"unknown source '{text}'{_suggest(text, sources)}", "--source")


def find_statement(store: Store, statement_id: str) -> Statement:
    statement = store.statement(statement_id)
    if statement is None:
        ids = {s.id: s for s in store.statements}
        raise InputError(f"no statement with id '{statement_id}'{_suggest(statement_id, ids)}", "<argument>")
    return statement


def _suggest(text: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(text, list(known), n=3, cutoff=0.6)
    if not close:
        close = [k for k in known if text.lower() in k][:3]
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def search(index: StoreIndex, query: str, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
    """Statements matching the filters, most relevant to `query` first (store order without one)."""
    wanted = {n: facts.statement for n, facts in enumerate(index.all_facts())
              if _passes(index, facts.statement, filters)}
    if not query.strip():
        return [Hit(statement, None) for statement in list(wanted.values())[:limit]]
    claim = parse_claim(query, index.entities, date.today())
    query_terms = prepare(index, claim)
    ranked = [s for s in index.retrieve(claim_terms(claim), index.count) if s.number in wanted]
    scored = [(similarity(query_terms, s, index.unseen_idf), rank, s.number) for rank, s in enumerate(ranked)]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [Hit(wanted[n], score) for score, _, n in scored[:limit]]


def _passes(index: StoreIndex, statement: Statement, filters: Filters) -> bool:
    if filters.verdicts and statement.verdict not in filters.verdicts:
        return False
    for party in filters.parties:
        if not any(p == party or party in index.entities.ancestors(p) for p in statement.parties):
            return False
    if filters.sources and not any(c.source in filters.sources for c in statement.citations):
        return False
    if filters.since or filters.until:
        if not statement.date:
            return False
        first, last = date_span(statement.date)
        if (filters.since and last < filters.since) or (filters.until and first > filters.until):
            return False
    return True


def entity_dict(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, "name": entity.name, "kind": entity.kind}


def hit_dict(hit: Hit) -> dict[str, Any]:
    """One search result in JSON: the statement's particulars and its score."""
    s = hit.statement
    return {"id": s.id, "score": hit.score, "claim": s.claim, "verdict": s.verdict, "date": s.date,
            "deal": s.deal, "parties": list(s.parties), "sources": list(dict.fromkeys(c.source for c in s.citations))}


def statement_dict(store: Store, statement: Statement) -> dict[str, Any]:
    """A statement in full for `show --format json`: entities and sources spelt out."""
    from .reporters.json import citation_dict

    def entity(entity_id: str | None) -> dict[str, Any] | None:
        return entity_dict(store.entities[entity_id]) if entity_id else None

    return {
        "id": statement.id, "claim": statement.claim, "verdict": statement.verdict,
        "deal": statement.deal, "date": statement.date,
        "parties": [entity(p) for p in statement.parties],
        "places": [entity(p) for p in statement.places],
        "said_by": entity(statement.said_by), "said_on": statement.said_on, "appeared_in": list(statement.appeared_in),
        "citations": [citation_dict(c, store.sources[c.source]) for c in statement.citations],
        "location": str(statement.location),
    }
