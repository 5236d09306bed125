"""Draft statements from an archived document: what a curator would otherwise type with `add`.

Each sentence of the document is read with the claim reader (`claims.read_clauses`, the frames
reader underneath). A sentence that states a deal event (a clause with an event type or stage
and an actor the store knows) becomes a draft: the sentence itself is the claim and its verbatim
quote, the clause's entities its parties (places apart), its first full date the event date, its
frame the `event:` field, and its speaker `said_by` when it reports what someone said. Sentences
the store already quotes from the same document are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .store import Citation, Source, Statement, StatementEvent, Store

MAX_SENTENCE_CHARS = 400
"""Longer "sentences" are paragraphs the splitter could not cut (a numbered item run into its
text); the shipped store's longest quote is 383 characters."""


@dataclass(frozen=True)
class Proposal:
    statement: Statement
    line: int
    column: int
    """Where the sentence starts in the document (1-based)."""


def propose_statements(text: str, source: Source, store: Store, path: str = "<document>") -> list[Proposal]:
    """Draft statements for the sentences of `text` (the archived document of `source`) that
    state a deal event and that the store does not already quote from this document."""
    from .article import read_sentences
    from .ids import propose_id
    from .index import store_entities, store_words
    from .sources import normalize_quote

    entities = store_entities(store)
    vocabulary = store_words(store)
    quoted = [normalize_quote(c.quote) for s in store.statements for c in s.citations
              if c.quote and _same_document(store.sources.get(c.source), source)]
    taken = {s.id for s in store.statements}
    proposed: set[str] = set()
    proposals = []
    for sentence in read_sentences(text, markdown=False, path=path):
        said = normalize_quote(sentence.text)
        if sentence.ignored or len(said) > MAX_SENTENCE_CHARS or said in proposed \
                or any(q in said or said in q for q in quoted):
            continue
        statement = _draft(sentence.text, source, store, entities, vocabulary)
        if statement is None:
            continue
        proposed.add(said)  # a sentence the document repeats (a headline) is proposed once
        statement_id = propose_id(statement.parties, statement.date, statement.deal, statement.claim, taken)
        taken.add(statement_id)
        proposals.append(Proposal(Statement(**{**statement.__dict__, "id": statement_id}),
                                  sentence.line, sentence.column))
    return proposals


def _same_document(cited: Source | None, source: Source) -> bool:
    if cited is None or cited.document_path is None or source.document_path is None:
        return False
    return cited.id == source.id or cited.document_path.resolve() == source.document_path.resolve()


def _draft(sentence: str, source: Source, store: Store, entities, vocabulary) -> Statement | None:  # noqa: ANN001
    """The statement a sentence states, or None when it states no deal event."""
    from .claims import read_clauses

    clauses = [c for c in read_clauses(sentence, entities, None, vocabulary)
               if c.parsed.frame.asserts and not c.parsed.frame.question
               and (c.parsed.frame.type or c.parsed.frame.stage)]
    actors = [e for c in clauses for e in c.parsed.entities if store.entities[e].kind != "place"]
    if not clauses or not actors:
        return None
    frame = clauses[0].parsed.frame
    places = [e for c in clauses for e in c.parsed.entities if store.entities[e].kind == "place"]
    event = StatementEvent(frame.type, frame.stage, frame.attitude, True if frame.negated else None)
    said_by = frame.holder if frame.attitude else None
    return Statement(
        id="", claim=sentence, verdict="supported",
        parties=tuple(dict.fromkeys(actors)),
        citations=(Citation(source.id, sentence),),
        deal=frame.type.replace("-", " ") if frame.type else None,
        date=_store_date([d for c in clauses for d in c.parsed.dates], source.published),
        places=tuple(dict.fromkeys(places)), said_by=said_by,
        event=event)


def _store_date(dates: Sequence, published: str) -> str | None:  # noqa: ANN001 - PartialDate
    """The first date as the store writes it; a date without a year takes the source's year."""
    for found in dates:
        year = found.year or (int(published[:4]) if published[:4].isdigit() else None)
        if year is None:
            continue
        parts = [f"{year:04d}"]
        if found.month:
            parts.append(f"{found.month:02d}")
            if found.day:
                parts.append(f"{found.day:02d}")
        return "-".join(parts)
    return None


def proposals_yaml(proposals: Sequence[Proposal], document: str) -> str:
    """The drafts as entries of a store's `statements:` list, each after a comment naming the
    sentence's place in the document (`DOCUMENT:LINE:COL`)."""
    from .editing import statement_entries

    return "".join(f"  # {document}:{p.line}:{p.column}\n" + statement_entries([p.statement]) for p in proposals)


def document_of(source: Source, given: Path) -> str | None:
    """Why `given` cannot be read as the archived document of `source`, or None."""
    if source.document_path is None:
        return f"source '{source.id}' is a review: it has no archived document"
    if given.resolve() != source.document_path.resolve():
        return f"{given}: not the archived document of source '{source.id}' ({source.document})"
    return None
