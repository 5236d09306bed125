"""Adding entities, sources and statements to a store file so that no edit is ever lost.

Everything happens under the file's writer lock, on the file as it is at that moment, so two
writers at once both land. The new text comes from ruamel.yaml's round trip, which keeps the
comments, order, flow style and quoting of what is already there; new entries copy the style of
the last entry of their section. Before the new text may replace the file it must pass three
checks: every original line is still there in order (the edit only adds lines), it reads back as
exactly the old data plus the new entries, and the whole store with it in place passes the same
checks as `factcheck validate`. The file is then replaced atomically (see `atomic.py`).
"""

from __future__ import annotations

import datetime
import difflib
import io
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from .atomic import LOCK_TIMEOUT, check_writable, commit, locked, remove_leftovers, stage
from .bounded import read_file
from .errors import EditError, Location, NearDuplicateError, Problem, WriteError
from .ids import PROPOSE_ID, propose_id
from .sources import citation_problems
from .store import (MAX_STORE_FILE_BYTES, Entity, Source, Statement, Store, load_store, read_store_files,
                    store_files)
from .yaml_loader import parse_yaml

if TYPE_CHECKING:
    from .index import StoreIndex

NEAR_DUPLICATE = 80.0
"""Similarity (0-100) from which a consistent stored statement counts as saying the same thing."""
NEW_FILE = "version: 1\n"
"""What a store file that does not exist yet starts from."""
SECTIONS = ("entities", "sources", "statements")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
"""What the store's loader reads back as the same text when written unquoted."""
_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True)
class Changes:
    """New records for one store file. Sources' `document_path` is not used here."""

    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    statements: tuple[Statement, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entities or self.sources or self.statements)


@dataclass(frozen=True)
class Rejected:
    """A new statement left out of a partial write, and why."""

    position: int
    """Its index in the `Changes.statements` asked for."""
    statement: Statement
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    path: Path
    written: Changes
    """What was written (or, in a dry run, would be), with proposed ids filled in."""
    rejected: tuple[Rejected, ...]
    diff: str
    dry_run: bool


def new_source(source_id: str, title: str, publisher: str, published: str, url: str, document: str,
               author: str | None = None) -> Source:
    """A Source to add; where its document is on disk is decided by the store file it goes in."""
    return Source(source_id, title, publisher, published, url, document, Path(document), author)


def new_file_text(document_root: str | None = None) -> str:
    """The start of a new store file, with `document_root` when documents live elsewhere."""
    return NEW_FILE + (f"document_root: {json.dumps(document_root, ensure_ascii=False)}\n" if document_root else "")


def store_file_list(paths: Sequence[Path], target: Path) -> list[Path]:
    """The store's files once `target` is written (it may not exist yet)."""
    files = store_files([p for p in paths if p.exists() or not _same(p, target)])
    if not any(_same(f, target) for f in files):
        files.append(target)
    return files


def apply_changes(
    paths: Sequence[Path],
    target: Path,
    changes: Changes,
    *,
    partial: bool = False,
    force: bool = False,
    dry_run: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
    new_file: str = NEW_FILE,
    allowed_documents: Sequence[Path] = (),
) -> Outcome:
    """Add `changes` to `target`, one file of the store made of `paths`.

    All or nothing unless `partial`: then statements that cannot be added (taken id, near
    duplicate, or a validation error of their own) are left out and reported, with the entities
    and sources only they needed, and the rest is written. `new_file` is the text a missing
    target starts from; `allowed_documents`, folders documents may be read from besides the
    store's own (see `sources.document_root`). Raises EditError, NearDuplicateError, StoreError
    or WriteError, always before the file is touched.
    """
    check_writable(target)
    real = target.resolve()
    with _locked_store(paths, target, lock_timeout) as files:
        for file in files:
            remove_leftovers(file.resolve())
        old_text, bom, newline = _read(target, new_file)
        store = load_store([f for f in files if f.exists()])  # empty for a first file
        statements, rejected = _screen_statements(store, changes.statements, partial, force)
        entities = _screen_records(store.entities, changes.entities, "entity", target, partial)
        sources = _screen_records(store.sources, changes.sources, "source", target, partial)
        kept = Changes(entities, sources, tuple(s for _, s in statements))
        positions = [p for p, _ in statements]
        while True:
            if partial:
                kept = _prune(kept, changes)
            if not kept:
                return Outcome(target, kept, tuple(rejected), "", dry_run)
            text = edit_text(old_text, kept, target)
            errors = [p for p in _validate(files, target, text, allowed_documents) if p.severity == "error"]
            if errors and partial:
                kept, positions, rejected = _drop_failing(text, errors, kept, positions, rejected, target)
                continue
            if errors:
                raise EditError("nothing written: the store would not be valid", tuple(errors))
            diff = "".join(difflib.unified_diff(
                old_text.splitlines(keepends=True), text.splitlines(keepends=True),
                f"{target} (now)", f"{target} (new)"))
            if not dry_run:
                commit(stage(real, (bom + text.replace("\n", newline)).encode("utf-8")), real)
            return Outcome(target, kept, tuple(rejected), diff, dry_run)


@contextmanager
def _locked_store(paths: Sequence[Path], target: Path, timeout: float) -> Iterator[list[Path]]:
    """The store's files once `target` is written (target itself among them, as given), with
    every one locked. A file that appears while the locks are taken (a new file of a folder
    store) must be locked too: then all are taken again."""
    files = store_file_list(paths, target)
    while True:
        with locked([f.resolve() for f in files], target, timeout):
            now = store_file_list(paths, target)
            if {f.resolve() for f in now} <= {f.resolve() for f in files}:
                yield [target if _same(f, target) else f for f in now]
                return
        files = now


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _read(path: Path, new_file: str) -> tuple[str, str, str]:
    """Text with "\\n" line ends, plus the byte-order mark and line end to write it back with."""
    if not path.exists():
        return new_file, "", "\n"
    try:
        raw = read_file(path, MAX_STORE_FILE_BYTES)
    except OSError as exc:
        raise WriteError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError("not valid UTF-8", str(path)) from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    return text[len(bom):].replace("\r\n", "\n"), bom, newline


def _screen_statements(
    store: Store, statements: Sequence[Statement], partial: bool, force: bool,
) -> tuple[list[tuple[int, Statement]], list[Rejected]]:
    """Ids proposed or checked against the store, and near duplicates caught."""
    taken = {s.id for s in store.statements}
    kept: list[tuple[int, Statement]] = []
    rejected: list[Rejected] = []
    index: StoreIndex | None = None
    for position, statement in enumerate(statements):
        reason = None
        if statement.id == PROPOSE_ID:
            statement = replace(statement, id=propose_id(statement.parties, statement.date, statement.deal,
                                                         statement.claim, taken))
        elif statement.id in taken:
            existing = store.statement(statement.id)
            reason = f"statement id '{statement.id}' is already taken"
            if not partial:
                where = existing.location if existing else Location("")
                raise EditError("nothing written", (Problem(where, reason),))
        if reason is None and not force and store.statements:
            if index is None:
                from .index import build_index

                index = build_index(store)
            near = _near_duplicate(statement, index)
            if near and not partial:
                raise near
            if near:
                reason = f"nearly duplicates statement '{near.match.id}' (similarity {near.score:.0f})"
        if reason:
            rejected.append(Rejected(position, statement, (reason,)))
            continue
        taken.add(statement.id)
        kept.append((position, statement))
    return kept, rejected


def _near_duplicate(statement: Statement, index: StoreIndex) -> NearDuplicateError | None:
    from .matching import check

    result = check(statement.claim, index, threshold=NEAR_DUPLICATE)
    if result.match is None:
        return None
    return NearDuplicateError(statement.claim, result.match, result.score, result.verdict)


def _screen_records(existing: dict[str, Any], records: Sequence[Any], kind: str, target: Path,
                    partial: bool) -> tuple[Any, ...]:
    """New entities or sources by id; in a partial write, ids already defined are reused."""
    new: dict[str, Any] = {}
    for record in records:
        if record.id in existing or record.id in new:
            if partial:
                continue
            where = getattr(existing.get(record.id), "location", None) or Location(str(target))
            raise EditError("nothing written", (Problem(where, f"{kind} '{record.id}' is already defined"),))
        new[record.id] = record
    return tuple(new.values())


def _validate(files: list[Path], target: Path, text: str, allowed_documents: Sequence[Path]) -> list[Problem]:
    """`factcheck validate` on the store with `text` as `target`'s content (nothing is written
    before it passes, so no message can name a temporary file)."""
    store, problems = read_store_files(files, {target: text})
    if store is not None:
        problems.extend(citation_problems(store, allowed_documents))
    return problems


def _prune(kept: Changes, asked: Changes) -> Changes:
    """Drop new entities and sources that only rejected statements needed."""
    needed_entities: set[str] = set()
    needed_sources: set[str] = set()
    for statement in kept.statements:
        needed_entities.update(statement.parties, statement.places, [statement.said_by] if statement.said_by else [])
        needed_sources.update(c.source for c in statement.citations)
    parents = {e.id: e.parent for e in kept.entities}
    for entity_id in list(needed_entities):
        while (entity_id := parents.get(entity_id)) and entity_id not in needed_entities:
            needed_entities.add(entity_id)
    used_entities = {e for s in asked.statements for e in (*s.parties, *s.places, s.said_by) if e}
    used_entities |= {e.parent for e in asked.entities if e.parent}
    used_sources = {c.source for s in asked.statements for c in s.citations}
    entities = tuple(e for e in kept.entities if e.id in needed_entities or e.id not in used_entities)
    sources = tuple(s for s in kept.sources if s.id in needed_sources or s.id not in used_sources)
    return Changes(entities, sources, kept.statements)


def _drop_failing(text: str, errors: list[Problem], kept: Changes, positions: list[int],
                  rejected: list[Rejected], target: Path) -> tuple[Changes, list[int], list[Rejected]]:
    """Leave out the new records that validation errors point into; a problem elsewhere (in
    what the file already held) stops the whole write."""
    owners = _owners(text)
    first_new = len(owners["statements"]) - len(kept.statements)
    reasons: dict[int, list[str]] = {}
    bad_entities: dict[str, str] = {}
    bad_sources: dict[str, str] = {}
    for problem in errors:
        owner = _owner_at(owners, problem.location.line) if problem.location.path == str(target) else None
        section, key = owner or ("", None)
        if section == "statements" and isinstance(key, int) and key >= first_new:
            reasons.setdefault(key - first_new, []).append(problem.message)
        elif section == "entities" and any(e.id == key for e in kept.entities):
            bad_entities[key] = problem.message
        elif section == "sources" and any(s.id == key for s in kept.sources):
            bad_sources[key] = problem.message
        else:
            raise EditError("nothing written: the store has errors outside the new records", tuple(errors))
    while True:  # an entity whose parent is left out goes too
        more = {e.id: f"parent entity '{e.parent}': {bad_entities[e.parent]}" for e in kept.entities
                if e.parent in bad_entities and e.id not in bad_entities}
        if not more:
            break
        bad_entities |= more
    statements, new_positions = [], []
    rejected = list(rejected)
    for i, (position, statement) in enumerate(zip(positions, kept.statements)):
        why = list(reasons.get(i, []))
        why += [f"entity '{e}': {bad_entities[e]}" for e in (*statement.parties, *statement.places, statement.said_by)
                if e in bad_entities]
        why += [f"source '{c.source}': {bad_sources[c.source]}" for c in statement.citations if c.source in bad_sources]
        if why:
            rejected.append(Rejected(position, statement, tuple(dict.fromkeys(why))))
        else:
            statements.append(statement)
            new_positions.append(position)
    entities = tuple(e for e in kept.entities if e.id not in bad_entities)
    sources = tuple(s for s in kept.sources if s.id not in bad_sources)
    rejected.sort(key=lambda r: r.position)
    return Changes(entities, sources, tuple(statements)), new_positions, rejected


def _owners(text: str) -> dict[str, list[tuple[int, Any]]]:
    """Start line of every entry of each section (and of each plain top-level value)."""
    document = parse_yaml(text, "")
    data = document.data if isinstance(document.data, dict) else {}
    owners: dict[str, list[tuple[int, Any]]] = {"entities": [], "sources": [], "statements": [], "": []}
    for key, value in data.items():
        if key in ("entities", "sources") and isinstance(value, dict):
            owners[key] = [(document.position((key, k))[0], k) for k in value]
        elif key == "statements" and isinstance(value, list):
            owners[key] = [(document.position((key, i))[0], i) for i in range(len(value))]
        elif not isinstance(value, (dict, list)):
            owners[""].append((document.position((key,))[0], None))
    return owners


def _owner_at(owners: dict[str, list[tuple[int, Any]]], line: int) -> tuple[str, Any] | None:
    """The entry a line falls in: the one that starts last at or before it."""
    best: tuple[int, str, Any] | None = None
    for section, starts in owners.items():
        for start, key in starts:
            if start <= line and (best is None or start > best[0]):
                best = (start, section, key)
    return None if best is None or not best[1] else (best[1], best[2])


# --- YAML text -------------------------------------------------------------------------------


class _Emitter(RoundTripEmitter):
    """New text that needs quotes gets double quotes, as throughout the shipped store; quoting
    already in the file is left as it is."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" and not self.event.style else style


def edit_text(text: str, changes: Changes, path: Path) -> str:
    """`text` with `changes` added at the end of their sections (created where missing)."""
    round_trip, data = _load(text)
    if not isinstance(data, CommentedMap):
        raise WriteError("not a store file (expected a mapping with 'version' and 'statements')", str(path))
    expected = parse_yaml(text, str(path)).data
    for section, records in zip(SECTIONS, (changes.entities, changes.sources, changes.statements)):
        if not records:
            continue
        container = _section(data, section)
        template = (container[-1] if section == "statements" else container[next(reversed(container))]
                    ) if container else None
        plain_section = expected.get(section) or ([] if section == "statements" else {})
        expected[section] = plain_section
        for record in records:
            plain = _plain(record)
            if section == "statements":
                container.append(_styled(plain, template))
                plain_section.append(plain)
            else:
                container[record.id] = _styled(plain, template)
                plain_section[record.id] = plain
    if "statements" not in data:  # required: a new file may start with entities or sources alone
        data["statements"] = CommentedSeq()
        expected["statements"] = []
    out = io.StringIO()
    round_trip.dump(data, out)
    new_text = out.getvalue()
    _check_faithful(text, new_text, expected, path)
    return new_text


def _load(text: str) -> tuple[YAML, Any]:
    round_trip = YAML()
    round_trip.Emitter = _Emitter
    round_trip.preserve_quotes = True
    round_trip.width = 1_000_000  # never fold existing long lines
    data, sequence, offset = load_yaml_guess_indent(text, yaml=round_trip)
    if offset is None:  # no block sequence yet: the shipped store's "  - id: …"
        sequence, offset = 4, 2
    round_trip.indent(mapping=_mapping_indent(text), sequence=max(sequence or 0, offset + 2), offset=offset)
    return round_trip, data


def _mapping_indent(text: str) -> int:
    """How far a nested mapping is indented (2 if the file shows none)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:]):
        if re.fullmatch(r"\s*[^\s\-#][^:#]*:\s*(#.*)?", line) and not following.lstrip().startswith("-"):
            outer = len(line) - len(line.lstrip())
            inner = len(following) - len(following.lstrip())
            if inner > outer:
                return inner - outer
    return 2


def _section(data: CommentedMap, section: str) -> Any:
    """The section's collection, created (in the usual place) or switched to block style if empty."""
    container = data.get(section)
    if container is None:
        container = CommentedSeq() if section == "statements" else CommentedMap()
        later = [k for k in SECTIONS[SECTIONS.index(section) + 1:] if k in data]
        if section in data:  # written with no value
            data[section] = container
        elif later:
            data.insert(list(data).index(later[0]), section, container)
        else:
            data[section] = container
    elif not container:
        container.fa.set_block_style()
    return container


def _plain(record: Entity | Source | Statement) -> dict[str, Any]:
    """The record as the store format writes it, in the shipped store's key order."""
    if isinstance(record, Entity):
        fields: dict[str, Any] = {"name": record.name, "aliases": list(record.aliases), "kind": record.kind,
                                  "parent": record.parent}
    elif isinstance(record, Source):
        fields = {"title": record.title, "publisher": record.publisher, "published": record.published,
                  "url": record.url, "document": record.document, "author": record.author,
                  "review": record.review and _without_none({
                      "rating": record.review.rating, "claim": record.review.claim,
                      "rating_value": _number(record.review.rating_value),
                      "best_rating": _number(record.review.best_rating),
                      "worst_rating": _number(record.review.worst_rating)})}
    else:
        fields = {"id": record.id, "claim": record.claim, "verdict": record.verdict,
                  "parties": list(record.parties), "places": list(record.places), "deal": record.deal,
                  "date": record.date, "said_by": record.said_by, "said_on": record.said_on,
                  "appeared_in": list(record.appeared_in),
                  "citations": [_without_none({"source": c.source, "quote": c.quote}) for c in record.citations]}
    return {k: v for k, v in fields.items() if v not in (None, []) or k == "parties"}


def _without_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _number(value: float | None) -> float | int | None:
    """A rating's number as written: 1, not 1.0."""
    return int(value) if value is not None and float(value).is_integer() else value


def _styled(value: Any, template: Any) -> Any:
    """Plain data as ruamel nodes shaped like `template` (an existing sibling, or None): flow or
    block per collection, quoting per text. Without a template, collections of plain values
    are flow (`[acme, globex]`) and the rest block, as in the shipped store."""
    if isinstance(value, dict):
        node: Any = CommentedMap()
        for key, item in value.items():
            node[key] = _styled(item, template.get(key) if isinstance(template, dict) else None)
        flat = all(not isinstance(v, (dict, list)) or (isinstance(v, list) and _scalars(v)) for v in value.values())
    elif isinstance(value, list):
        item_template = template[-1] if isinstance(template, list) and template else None
        node = CommentedSeq(_styled(item, item_template) for item in value)
        flat = _scalars(value)
    else:
        return _scalar(value, template)
    flow = template.fa.flow_style(flat) if isinstance(template, (CommentedMap, CommentedSeq)) else flat
    node.fa.set_flow_style() if flow else node.fa.set_block_style()
    return node


def _scalars(values: list[Any]) -> bool:
    return all(not isinstance(v, (dict, list)) for v in values)


def _scalar(value: str | float, template: Any) -> Any:
    if not isinstance(value, str):
        return value  # a number: written plain
    if isinstance(template, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        return type(template)(value)
    if _FULL_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)  # written plain, as the store's dates are
        except ValueError:
            return DoubleQuotedScalarString(value)
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) not in _PLAIN_TAGS:
        return DoubleQuotedScalarString(value)  # "2021", "yes", "null" must stay text
    return value


_EMPTY_SECTION = re.compile(r"^(entities|sources|statements):\s*(\[\]|\{\})\s*(#.*)?$")


def _kept(old: str, new: str) -> bool:
    """A line as it was; an empty flow section (`statements: []`) may become a block's key."""
    if old == new:
        return True
    match = _EMPTY_SECTION.match(old)
    return bool(match) and new.split() == [f"{match.group(1)}:", *(match.group(3) or "").split()]


def _check_faithful(old: str, new: str, expected: Any, path: Path) -> None:
    """The edit only added lines, and the file reads back as the old data plus the new records."""
    old_lines = old.splitlines()
    waiting = iter(new.splitlines())
    for number, line in enumerate(old_lines, start=1):
        if not any(_kept(line, candidate) for candidate in waiting):
            raise WriteError(f"cannot add to this file without rewriting its line {number}; "
                             "add the entry by hand", str(path))
    if parse_yaml(new, str(path)).data != expected:
        raise WriteError("the edited file would not read back as intended; nothing written", str(path))
