"""Changing and taking stock of what a store holds: edits, removals and statistics.

Edits and removals are computed here as `editing.Changes` (written by `editing.apply_changes`,
which keeps every other line of the file as it was, validates the whole store and writes
atomically under the lock). A removal that would leave references dangling is refused with every
reference it would break, unless the caller forces a cascade.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .editing import Changes
from .errors import EditError, Location, Problem
from .store import Entity, Source, Statement, Store, StatementEvent

RECORD_KINDS = ("statement", "entity", "source")


def find_record(store: Store, kind: str, record_id: str) -> Statement | Entity | Source:
    """The stored record of this kind and id; EditError naming the nearest ids when there is none."""
    if kind == "statement":
        found: Any = store.statement(record_id)
        ids: list[str] = [s.id for s in store.statements]
    else:
        records = store.entities if kind == "entity" else store.sources
        found, ids = records.get(record_id), list(records)
    if found is None:
        from rapidfuzz import process

        near = [name for name, _, _ in process.extract(record_id, ids, limit=3, score_cutoff=60)]
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise EditError("nothing written", (Problem(Location(""), f"no {kind} '{record_id}' in the store{hint}"),))
    return found


def record_file(store: Store, record: Statement | Entity | Source) -> Path:
    """The store file a record is written in."""
    if isinstance(record, Entity):
        return _entity_files(store)[record.id]
    return Path(record.location.path)


def _entity_files(store: Store) -> dict[str, Path]:
    """Entities carry no location of their own; the file is found from each file's keys."""
    from .store import read_yaml_file

    if len(store.files) == 1:
        return dict.fromkeys(store.entities, store.files[0])
    found: dict[str, Path] = {}
    for path in store.files:
        entities = (read_yaml_file(path).data or {}).get("entities") or {}
        for entity_id in entities:
            found.setdefault(entity_id, path)
    return found


def edited_statement(statement: Statement, **fields: Any) -> Statement:
    """The statement with the fields given (None: unchanged; "" or (): cleared where optional)."""
    changed = {k: (v or None if isinstance(v, str) and k not in ("claim", "verdict") else v)
               for k, v in fields.items() if v is not None}
    if "event" in changed and isinstance(changed["event"], dict):
        changed["event"] = StatementEvent(**changed["event"]) if changed["event"] else StatementEvent()
    return replace(statement, **changed)


def edited_record(record: Entity | Source, **fields: Any) -> Entity | Source:
    """An entity or source with the fields given (None: unchanged; "": cleared where optional)."""
    changed = {k: (v or None if isinstance(v, str) else v) for k, v in fields.items() if v is not None}
    if isinstance(record, Source) and "document" in changed:
        changed["document_path"] = Path(changed["document"]) if changed["document"] else None
    return replace(record, **changed)


def replacement(record: Statement | Entity | Source) -> Changes:
    """The change that writes a stored record anew."""
    if isinstance(record, Statement):
        return Changes(replaced_statements=(record,))
    if isinstance(record, Entity):
        return Changes(replaced_entities=(record,))
    return Changes(replaced_sources=(record,))


@dataclass(frozen=True)
class Removal:
    changes: Changes
    """What is taken out of the record's file (and, cascading, what depended on it)."""
    cascaded: tuple[str, ...]
    """What goes besides the record asked for, as `kind id` (or `citation of …`)."""


def plan_removal(store: Store, kind: str, record_id: str, force: bool) -> Removal:
    """Take a record out of the store. An entity named by statements (as party, place or who
    said it) or by other entities (as parent), or a source cited by statements, is refused with
    every reference, unless `force`: then those statements and entities go too (recursively),
    and a statement citing the source loses that citation, or goes if it cites nothing else.
    Everything removed must be in the record's own file (one file is written at a time)."""
    record = find_record(store, kind, record_id)
    target = record_file(store, record)
    if kind == "statement":
        return Removal(Changes(removed_statements=(record_id,)), ())
    entities: set[str] = set()
    statements: dict[str, Statement | None] = {}  # id -> None when removed, else the statement rewritten
    references: list[Problem] = []
    waiting = [record_id] if kind == "entity" else []
    if kind == "source":
        for statement in store.statements:
            kept = tuple(c for c in statement.citations if c.source != record_id)
            if len(kept) != len(statement.citations):
                references.append(Problem(statement.location, f"statement '{statement.id}' cites source '{record_id}'"))
                statements[statement.id] = replace(statement, citations=kept) if kept else None
    while waiting:
        entity_id = waiting.pop()
        entities.add(entity_id)
        for statement in store.statements:
            if entity_id in (*statement.parties, *statement.places, statement.said_by):
                references.append(Problem(statement.location,
                                          f"statement '{statement.id}' names entity '{entity_id}'"))
                statements[statement.id] = None
        for child in store.entities.values():
            if child.parent == entity_id and child.id not in entities:
                references.append(Problem(Location(str(target)), f"entity '{child.id}' has parent '{entity_id}'"))
                waiting.append(child.id)
    if references and not force:
        raise EditError(f"nothing written: {kind} '{record_id}' is still referenced; --force removes what refers "
                        "to it too", tuple(references))
    files = _entity_files(store) if entities else {}
    elsewhere = [Problem(store.statement(i).location, f"statement '{i}' is in another file; change it there first")
                 for i in statements if Path(store.statement(i).location.path) != target]  # type: ignore[union-attr]
    elsewhere += [Problem(Location(str(files[e])), f"entity '{e}' is in another file; remove it there first")
                  for e in sorted(entities) if files.get(e) != target]
    if elsewhere:
        raise EditError("nothing written: what depends on it is in other files of the store", tuple(elsewhere))
    changes = Changes(
        replaced_statements=tuple(s for s in statements.values() if s is not None),
        removed_entities=tuple(sorted(entities)),
        removed_sources=(record_id,) if kind == "source" else (),
        removed_statements=tuple(i for i, s in statements.items() if s is None))
    cascaded = [f"entity {e}" for e in sorted(entities - {record_id})]
    cascaded += [f"statement {i}" if s is None else f"citation of {record_id} in statement {i}"
                 for i, s in statements.items()]
    return Removal(changes, tuple(cascaded))


@dataclass(frozen=True)
class StoreStats:
    statements: int
    entities: int
    sources: int
    files: int
    by_verdict: dict[str, int]
    by_event_type: dict[str, int]
    """Statements by their `event:` type; "none" for `event: {}` and "unstated" without the field."""
    by_source: dict[str, int]
    """Statements citing each source (sources cited by none included, with 0)."""
    by_party: dict[str, int]
    without_event: tuple[str, ...]
    """Ids of statements with no `event:` field (their frame is read from the text)."""
    sources_without_documents: tuple[str, ...]
    """Sources with no archived document (published fact-checks, cited as a whole)."""
    undated: int
    oldest: tuple[str, str] | None
    """(date, statement id) of the earliest event date; None when no statement is dated."""
    newest: tuple[str, str] | None

    def as_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["without_event"] = list(self.without_event)
        data["sources_without_documents"] = list(self.sources_without_documents)
        for end in ("oldest", "newest"):
            value = data[end]
            data[end] = None if value is None else {"date": value[0], "id": value[1]}
        return data


def store_stats(store: Store) -> StoreStats:
    """What a store holds, counted: for a curator's overview and for CI dashboards."""
    from .dates import date_span

    def descending(counter: Counter[str]) -> dict[str, int]:
        return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))

    events: Counter[str] = Counter()
    for statement in store.statements:
        events[("unstated" if statement.event is None else statement.event.type or "none")] += 1
    cited = Counter({source_id: 0 for source_id in store.sources})
    cited.update(source for s in store.statements for source in dict.fromkeys(c.source for c in s.citations))
    dated = sorted((date_span(s.date)[0], s.date, s.id) for s in store.statements if s.date)
    return StoreStats(
        statements=len(store.statements), entities=len(store.entities), sources=len(store.sources),
        files=len(store.files),
        by_verdict=descending(Counter(s.verdict for s in store.statements)),
        by_event_type=descending(events), by_source=descending(cited),
        by_party=descending(Counter(p for s in store.statements for p in s.parties)),
        without_event=tuple(s.id for s in store.statements if s.event is None),
        sources_without_documents=tuple(s.id for s in store.sources.values() if s.document is None),
        undated=sum(1 for s in store.statements if not s.date),
        oldest=(dated[0][1], dated[0][2]) if dated else None,
        newest=(dated[-1][1], dated[-1][2]) if dated else None)


def record_from_yaml(kind: str, record_id: str, text: str, label: str) -> Statement | Entity | Source:
    """A record as a curator wrote it in an editor (one entry's YAML), checked against the
    store's schema with every problem placed in that text (`label:line:col`), so that a mistake
    never names a line of the store file it was not yet written to."""
    from .errors import StoreError
    from .store import entity_from_data, schema_problems, source_from_data, statement_from_data
    from .yaml_loader import YamlDocument, parse_yaml

    try:
        entry = parse_yaml(text, label)
    except StoreError as exc:
        raise EditError("nothing written", exc.problems) from None
    if not isinstance(entry.data, dict):
        raise EditError("nothing written", (Problem(Location(label, 1, 1), f"a {kind} must be a mapping of fields"),))
    section = {"statement": "statements", "entity": "entities", "source": "sources"}[kind]
    key: Any = 0 if kind == "statement" else record_id
    prefix = (section, key)
    wrapped = YamlDocument(
        label, {"version": 1, "statements": [], section: [entry.data] if kind == "statement" else {key: entry.data}},
        {(*prefix, *where): at for where, at in entry.positions.items()}, entry.duplicate_keys,
        {(*prefix, *where): written for where, written in entry.written.items()},
        {(*prefix, *where): at for where, at in entry.converted_keys.items()})
    problems = [p for p in schema_problems(wrapped) if p.severity == "error"]
    problems += [Problem(Location(label, line, column), f"duplicate key '{name}'")
                 for name, line, column in entry.duplicate_keys]
    if kind == "statement" and not problems and entry.data["id"] != record_id:
        problems.append(Problem(Location(label, *entry.position(("id",))),
                                f"the id cannot change here (it was '{record_id}'); remove it and add it anew"))
    if problems:
        raise EditError("nothing written", tuple(problems))
    if kind == "statement":
        return statement_from_data(entry.data)
    if kind == "entity":
        return entity_from_data(record_id, entry.data)
    return source_from_data(record_id, entry.data, Path("."))


def named_entities(store: Store, text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The parties (entity ids, places apart), places and unknown capitalised names a claim's
    text mentions, in order: what `add` proposes at its prompts."""
    from .claims import parse_claim
    from .index import store_entities

    parsed = parse_claim(text, store_entities(store))
    parties = tuple(e for e in parsed.entities if store.entities[e].kind != "place")
    places = tuple(e for e in parsed.entities if store.entities[e].kind == "place")
    return parties, places, parsed.names
