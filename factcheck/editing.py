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
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Container, Iterator, Mapping, Sequence

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from .atomic import LOCK_TIMEOUT, check_writable, commit, locked, remove_leftovers, stage
from .bounded import read_file
from .errors import EditError, Location, NearDuplicateError, Problem, StoreError, WriteError
from .ids import PROPOSE_ID, propose_id
from .sources import citation_problems
from .store import (MAX_STORE_FILE_BYTES, Entity, Source, Statement, Store, load_store_files, new_statement_problems,
                    parse_store_files, read_store_files, store_files)
from .yaml_loader import YamlDocument, parse_yaml

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
    replaced_sources: tuple[Source, ...] = ()
    """Stored sources written anew, by id (fields a curator added, such as a note, are kept)."""
    replaced_statements: tuple[Statement, ...] = ()
    """Stored statements written anew, by id."""
    replaced_entities: tuple[Entity, ...] = ()
    """Stored entities written anew, by id."""
    removed_entities: tuple[str, ...] = ()
    removed_sources: tuple[str, ...] = ()
    removed_statements: tuple[str, ...] = ()
    """Ids of stored records taken out of the file, with their lines (comments between entries stay)."""

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


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
    with _locked_store(paths, target, lock_timeout, dry_run) as files:
        for file in files if not dry_run else ():
            remove_leftovers(file.resolve())
        old_text, bom, newline = _read(target, new_file)
        appended = None if partial else _appended(files, target, old_text, changes, force, allowed_documents)
        if appended is not None:
            return _written(target, old_text, *appended, (), (bom, newline), dry_run)
        existing = [f for f in files if f.exists()]
        parsed = parse_store_files(existing)  # once: validation reads the other files as parsed here
        store = load_store_files(existing, parsed)  # empty for a first file
        statements, rejected = _screen_statements(_stored(store), changes.statements, partial, force)
        entities = _screen_records(store.entities, changes.entities, "entity", target, partial)
        sources = _screen_records(store.sources, changes.sources, "source", target, partial)
        kept = replace(changes, entities=entities, sources=sources, statements=tuple(s for _, s in statements))
        positions = [p for p, _ in statements]
        while True:
            if partial:
                kept = _prune(kept, changes)
            if not kept:
                return Outcome(target, kept, tuple(rejected), "", dry_run)
            text, document = edit_text(old_text, kept, target)
            others = {path: parsed_document for path, parsed_document in parsed.items() if not _same(path, target)}
            errors = [p for p in _validate(files, target, document, allowed_documents, others, kept)
                      if p.severity == "error"]
            if errors and partial:
                kept, positions, rejected = _drop_failing(text, errors, kept, positions, rejected, target)
                continue
            if errors:
                raise EditError("nothing written: the store would not be valid", tuple(errors))
            return _written(target, old_text, text, kept, tuple(rejected), (bom, newline), dry_run)


def _written(target: Path, old_text: str, text: str, kept: Changes, rejected: tuple[Rejected, ...],
             encoding: tuple[str, str], dry_run: bool) -> Outcome:
    """Replace `target` with `text` (unless `dry_run`), written with the byte-order mark and line
    end it had (`encoding`), and say what changed."""
    bom, newline = encoding
    diff = _diff(old_text.splitlines(keepends=True), text.splitlines(keepends=True), target)
    if not dry_run:
        real = target.resolve()
        commit(stage(real, (bom + text.replace("\n", newline)).encode("utf-8")), real)
    return Outcome(target, kept, rejected, diff, dry_run)


@contextmanager
def _locked_store(paths: Sequence[Path], target: Path, timeout: float, dry_run: bool = False) -> Iterator[list[Path]]:
    """The store's files once `target` is written (target itself among them, as given), with
    every one locked. A file that appears while the locks are taken (a new file of a folder
    store) must be locked too: then all are taken again. A dry run writes nothing: it locks
    nothing, and so never waits for a writer nor leaves a trace."""
    files = store_file_list(paths, target)
    if dry_run:
        yield [target if _same(f, target) else f for f in files]
        return
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


@dataclass(frozen=True)
class _Stored:
    """The statements a write's new ones are screened against: by id, where each is, and the
    index of the store for the near-duplicate check (None when it holds no statement), asked
    for only when needed. A whole store read, or a compiled index alone (`_appended`)."""

    ids: Container[str]
    location: Callable[[str], Location]
    index: Callable[[], StoreIndex | None]


def _stored(store: Store) -> _Stored:
    def index() -> StoreIndex | None:
        if not store.statements:
            return None
        from .cache import current_index
        from .index import build_index

        return current_index(store.files) or build_index(store)

    return _Stored({s.id for s in store.statements}, lambda i: store.statement(i).location, index)  # type: ignore[union-attr]


class _Taken(Container[str]):
    """Ids stored, or given to a new statement of this write."""

    def __init__(self, stored: Container[str]) -> None:
        self.stored = stored
        self.new: set[str] = set()

    def __contains__(self, key: object) -> bool:
        return key in self.new or key in self.stored


_DIFF_MARGIN = 100
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@$", re.MULTILINE)


def _diff(old: list[str], new: list[str], path: Path) -> str:
    """A unified diff of a file's lines. difflib compares the lines between the first and the
    last that differ, and `_DIFF_MARGIN` more on each side, not the whole file: on a 6 MB store
    file a whole comparison takes half a second, all of it under the lock. (The margin leaves
    difflib room to place a change among identical lines as it would in the whole file, with
    its three lines of context.)"""
    shortest = min(len(old), len(new))
    same = next((i for i in range(shortest) if old[i] != new[i]), shortest)
    start = max(0, same - _DIFF_MARGIN)
    tail = next((i for i in range(shortest - same) if old[-1 - i] != new[-1 - i]), shortest - same)
    cut = max(0, tail - _DIFF_MARGIN)
    diff = "".join(difflib.unified_diff(old[start:len(old) - cut], new[start:len(new) - cut],
                                        f"{path} (now)", f"{path} (new)"))
    return _HUNK.sub(lambda m: f"@@ -{int(m[1]) + start}{m[2] or ''} +{int(m[3]) + start}{m[4] or ''} @@", diff)


def _screen_statements(
    stored: _Stored, statements: Sequence[Statement], partial: bool, force: bool,
) -> tuple[list[tuple[int, Statement]], list[Rejected]]:
    """Ids proposed or checked against the store, and near duplicates caught."""
    taken = _Taken(stored.ids)
    kept: list[tuple[int, Statement]] = []
    rejected: list[Rejected] = []
    index: StoreIndex | None = None
    for position, statement in enumerate(statements):
        reason = None
        if statement.id == PROPOSE_ID:
            statement = replace(statement, id=propose_id(statement.parties, statement.date, statement.deal,
                                                         statement.claim, taken))
        elif statement.id in taken:
            reason = f"statement id '{statement.id}' is already taken"
            if not partial:
                where = Location("") if statement.id in taken.new else stored.location(statement.id)
                raise EditError("nothing written", (Problem(where, reason),))
        if reason is None and not force and (index := index or stored.index()) is not None:
            near = _near_duplicate(statement, index)
            if near and not partial:
                raise near
            if near:
                reason = f"nearly duplicates statement '{near.match.id}' (similarity {near.score:.0f})"
        if reason:
            rejected.append(Rejected(position, statement, (reason,)))
            continue
        taken.new.add(statement.id)
        kept.append((position, statement))
    return kept, rejected


def _appended(files: list[Path], target: Path, old_text: str, changes: Changes, force: bool,
              allowed_documents: Sequence[Path]) -> tuple[str, Changes] | None:
    """`target`'s new text with one new statement appended, and the changes written, checked
    against the compiled index of the store instead of the store itself: parsing a store of
    100,000 statements takes most of a minute, all of it under the lock.

    When the store's cached index is current (its key is the files' contents), it knows the
    ids, entities and sources as they are, so only the new entry is parsed and checked: its id,
    the near-duplicate check, its schema, its references, its quotes against its documents. The
    entry goes after the last one of the file's `statements:`, found by a scan of its lines and
    confirmed against the index (same number of entries, the last one where the index has it)
    and by reading back the file's tail from that entry on. The problems found, and their
    messages, are those a whole-store read would give (`store.new_statement_problems`).

    None when the change is not a single new statement, no current index is cached, or the
    file's layout cannot be confirmed so: the caller reads the whole store then."""
    if len(changes.statements) != 1 or replace(changes, statements=()) or not all(f.exists() for f in files):
        return None
    from .cache import current_index

    index = current_index(files)
    if index is None:
        return None
    try:
        ids = index.statement_ids
        number = next(i for i, f in enumerate(files) if _same(f, target))
        count, last_id, last_line = ids.in_file(number)

        def location(statement_id: str) -> Location:
            file, line, column = ids.where(statement_id)  # type: ignore[misc]
            return Location(str(files[file]), line, column)

        try:
            [(_, statement)], _ = _screen_statements(_Stored(ids, location, lambda: index if index.count else None),
                                                     changes.statements, False, force)
        except NearDuplicateError as near:  # the stored statement where this run names its file
            raise NearDuplicateError(near.claim, replace(near.match, location=location(near.match.id)), near.score,
                                     near.verdict) from None
        text = old_text if old_text.endswith("\n") or not old_text else old_text + "\n"
        lines = text.splitlines(keepends=True)
        layout = _layout(lines, "statements", target)
        if len(layout.entries) != count or not count or not layout.entries[-1][0] < last_line <= layout.entries[-1][1]:
            return None
        first, after = layout.entries[-1]
        writer = _Writer(_mapping_indent(text), layout.indent)
        plain = _plain(statement)
        new = writer.entry("statements", statement.id, plain, _template(lines, first, after, layout), layout.indent)
        try:
            before = parse_yaml("statements:\n" + "".join(lines[first:]), str(target))
        except StoreError:
            return None  # the tail does not read on its own (an alias of an earlier anchor): read it all
        if [s.get("id") if isinstance(s, dict) else None for s in before.data.get("statements") or ()] != [last_id]:
            return None
        new_lines, _ = _splice(lines, {"statements": layout}, {"statements": new}, {})
        tail = parse_yaml("statements:\n" + "".join(new_lines[first:]), str(target))
        if tail.data != {**before.data, "statements": [*before.data["statements"], plain]}:
            raise WriteError("the edited file would not read back as intended; nothing written", str(target))
        entry = _moved(tail, ("statements", 1), ("statements", count), first - 1)
        built = ids.files()
        if len(built) != len(files):
            return None
        sources = _Rebased(index.sources, built, files)
        checked, problems = new_statement_problems(entry, count, index.entity_records, sources)
        if checked is not None and not any(p.severity == "error" for p in problems):  # as `_validate`
            cited = {c.source: sources[c.source] for c in checked.citations if c.source in sources}
            problems += citation_problems(Store({}, cited, (checked,), tuple(files)), allowed_documents, {checked.id})
        errors = tuple(p for p in problems if p.severity == "error")
        if errors:
            raise EditError("nothing written: the store would not be valid", errors)
        return "".join(new_lines), replace(changes, statements=(statement,))
    finally:
        index.close()


def _moved(document: YamlDocument, at: tuple[str, int], to: tuple[str, int], lines: int) -> YamlDocument:
    """The entry at data path `at` of a document parsed from part of a file, as the entry `to` of
    the whole file, its lines `lines` further down; the entries before it are None."""
    section, position = to

    def moved(where: tuple[Any, ...]) -> tuple[Any, ...] | None:
        return (*to, *where[len(at):]) if where[:len(at)] == at else None

    first = document.positions[at][0]
    return YamlDocument(
        document.path, {section: [None] * position + [document.data[at[0]][at[1]]]},
        {new: (line + lines, column) for where, (line, column) in document.positions.items()
         if (new := moved(where)) is not None},
        [(key, line + lines, column) for key, line, column in document.duplicate_keys if line >= first],
        {new: text for where, text in document.written.items() if (new := moved(where)) is not None},
        {new: (text, line + lines, column) for where, (text, line, column) in document.converted_keys.items()
         if (new := moved(where)) is not None})


class _Rebased(Mapping[str, Source]):
    """An index's sources, located in the store files as this run names them: the index was
    built with the paths its build was given (relative to its own folder, maybe), and a source's
    document and its messages must name the files as a whole-store read now would."""

    def __init__(self, sources: Mapping[str, Source], built: list[str], files: list[Path]) -> None:
        self._sources = sources
        self._files = dict(zip(built, files))

    def __getitem__(self, key: str) -> Source:
        source = self._sources[key]
        built = source.location.path
        file = self._files[built]
        document = source.document_path
        if document is not None and document.is_relative_to(Path(built).parent):  # not an absolute document_root
            document = file.parent / document.relative_to(Path(built).parent)
        return replace(source, document_path=document, location=replace(source.location, path=str(file)))

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


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


def _validate(files: list[Path], target: Path, text: YamlDocument, allowed_documents: Sequence[Path],
              others: dict[Path, YamlDocument], changes: Changes) -> list[Problem]:
    """`factcheck validate` on the store with `text` as `target`'s content (nothing is written
    before it passes, so no message can name a temporary file); `others`, the store's other
    files as already parsed. Documents and quotes are checked only where the change touches them
    (its statements' quotes, its sources' documents): the rest was there before, and reading
    every document of a large store would hold the lock for a minute."""
    store, problems = read_store_files(files, {**others, target: text})
    if store is not None:
        statements = {s.id for s in (*changes.statements, *changes.replaced_statements)}
        sources = {s.id for s in (*changes.sources, *changes.replaced_sources)}
        problems.extend(citation_problems(store, allowed_documents, statements, sources))
    return problems


def _prune(kept: Changes, asked: Changes) -> Changes:
    """Drop new entities and sources that only rejected statements needed."""
    needed_entities: set[str] = set()
    needed_sources: set[str] = set()
    for statement in (*kept.statements, *kept.replaced_statements):
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
    return replace(kept, entities=entities, sources=sources)


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
    return replace(kept, entities=entities, sources=sources, statements=tuple(statements)), new_positions, rejected


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


@dataclass(frozen=True)
class _Section:
    """Where a section is in a file's lines (0-based indexes) and how its entries are indented."""

    key_line: int | None
    """The `section:` line; None when the file has no such section."""
    entries: tuple[tuple[int, int], ...]
    """Each entry's first line and the line after its last (trailing comments left out)."""
    indent: int
    """Column of its entries: the key of a mapping entry, the dash of a list item."""


def edit_text(text: str, changes: Changes, path: Path) -> tuple[str, YamlDocument]:
    """`text` with `changes` added at the end of their sections (created where missing) and its
    replacements written over the entries they replace.

    The file is never re-serialised: new entries are written as text in the style of the last
    entry of their section (flow or block per collection, quoting per field, indentation) and
    spliced in, so every other line stays as it was, at the cost of reading only that entry
    with ruamel.yaml. A file whose section is written in flow style (`sources: {a: …}`) cannot
    be extended this way and is refused."""
    if text and not text.endswith("\n"):
        text += "\n"
    document = parse_yaml(text, str(path))
    data = document.data
    if not isinstance(data, dict):
        raise WriteError("not a store file (expected a mapping with 'version' and 'statements')", str(path))
    lines = text.splitlines(keepends=True)
    mapping_indent = _mapping_indent(text)
    expected = dict(data)
    replaced: dict[int, tuple[int, list[str]]] = {}  # first line -> (line after, new lines)
    appended: dict[str, list[str]] = {}
    layouts = {section: _layout(lines, section, path) for section in SECTIONS}
    sequence_offset = layouts["statements"].indent if layouts["statements"].entries else 2
    writer = _Writer(mapping_indent, sequence_offset)
    new_records = (changes.entities, changes.sources, changes.statements)
    replacements = (changes.replaced_entities, changes.replaced_sources, changes.replaced_statements)
    removals = (changes.removed_entities, changes.removed_sources, changes.removed_statements)
    for section, records, replacing, removing in zip(SECTIONS, new_records, replacements, removals):
        if not records and not replacing and not removing:
            continue
        layout = layouts[section]
        old = data.get(section) or ([] if section == "statements" else {})
        plain_section = list(old) if section == "statements" else dict(old)
        positions = _entry_positions(document, section, old, layout)
        keys = {s["id"]: i for i, s in enumerate(old)} if section == "statements" else {k: k for k in old}
        for record in replacing:
            where = keys[record.id]
            first, after = positions[where]
            plain = _plain(record)
            plain |= {k: v for k, v in old[where].items() if k in _CURATED and k not in plain}  # a note stays
            plain_section[where] = plain
            replaced[first] = (after, writer.entry(section, record.id, plain, _template(lines, first, after, layout),
                                                   layout.indent))
        for record_id in removing:
            first, after = positions[keys[record_id]]
            replaced[first] = (after, [])
        gone = {keys[record_id] for record_id in removing}
        if section == "statements":
            plain_section = [s for i, s in enumerate(plain_section) if i not in gone]
        else:
            plain_section = {k: v for k, v in plain_section.items() if k not in gone}
        if gone and len(gone) == len(old) and not records:  # the section's last entry goes: `section: []`
            empty = "[]" if section == "statements" else "{}"
            replaced[layout.key_line] = (layout.key_line + 1, [f"{section}: {empty}\n"])
        expected[section] = plain_section
        template = _template(lines, *layout.entries[-1], layout) if layout.entries else None
        indent = layout.indent if layout.entries else (sequence_offset if section == "statements" else mapping_indent)
        out: list[str] = []
        for record in records:
            plain = _plain(record)
            out += writer.entry(section, record.id, plain, template, indent)
            if section == "statements":
                plain_section.append(plain)
            else:
                plain_section[record.id] = plain
        appended[section] = out
    if "statements" not in data:  # required: a new file may start with entities or sources alone
        expected["statements"] = expected.get("statements", [])
        appended.setdefault("statements", [])
    new_lines, kept_lines = _splice(lines, layouts, appended, replaced)
    new_text = "".join(new_lines)
    return new_text, _check_faithful("".join(kept_lines), new_text, expected, path)


_CURATED = ("note", "event", "url_verified")
"""Fields a curator adds by hand that an update of the record keeps unless it sets them itself."""


def statement_entries(statements: Sequence[Statement], indent: int = 2) -> str:
    """Statements as entries of a `statements:` list, in the style new entries get in a file
    without any: text to append to a store by hand, or to review before `add`."""
    writer = _Writer(2, indent)
    return "".join(line for s in statements for line in writer.entry("statements", s.id, _plain(s), None, indent))


def entry_text(text: str, section: str, key: str, path: Path) -> str:
    """A stored entry's lines as they are in the file (comments inside it included), as a
    mapping of its own: what a curator edits in `$EDITOR`."""
    import textwrap

    document = parse_yaml(text, str(path))
    old = document.data.get(section) or ()
    lines = text.splitlines(keepends=True)
    layout = _layout(lines, section, path)
    where = next(i for i, s in enumerate(old) if s.get("id") == key) if section == "statements" else key
    first, after = _entry_positions(document, section, old, layout)[where]
    entry = textwrap.dedent("".join(lines[first:after]))
    if section == "statements":  # `- id: …` becomes `id: …`
        return textwrap.dedent("  " + entry[2:])
    return textwrap.dedent(entry.split(":", 1)[1].lstrip(" ").removeprefix("\n"))


def _layout(lines: list[str], section: str, path: Path) -> _Section:
    key_line = next((i for i, line in enumerate(lines) if re.match(rf"{section}\s*:", line)), None)
    if key_line is None:
        return _Section(None, (), 0)
    rest = lines[key_line].split(":", 1)[1].split("#", 1)[0].strip()
    if rest and rest not in ("[]", "{}"):
        raise WriteError(f"cannot add to the {section} section: it is written in flow style; add the entry by hand",
                         str(path))
    end = next((i for i in range(key_line + 1, len(lines))
                if lines[i].strip() and not lines[i][0].isspace() and not lines[i].startswith("#")), len(lines))
    content = [i for i in range(key_line + 1, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    if not content:
        return _Section(key_line, (), 0)
    indent = len(lines[content[0]]) - len(lines[content[0]].lstrip())
    starts = [i for i in content if len(lines[i]) - len(lines[i].lstrip()) == indent]
    entries = []
    for number, first in enumerate(starts):
        after = starts[number + 1] if number + 1 < len(starts) else end
        while after > first + 1 and (not lines[after - 1].strip() or lines[after - 1].lstrip().startswith("#")):
            after -= 1
        entries.append((first, after))
    return _Section(key_line, tuple(entries), indent)


def _entry_positions(document: YamlDocument, section: str, old: Any, layout: _Section) -> dict[Any, tuple[int, int]]:
    """Each entry's lines (see `_Section.entries`) by its key: id for mappings, index for lists."""
    keys = range(len(old)) if section == "statements" else list(old)
    found = {}
    for key in keys:
        line = document.position((section, key))[0] - 1
        found[key] = next(e for e in reversed(layout.entries) if e[0] <= line)
    return found


def _template(lines: list[str], first: int, after: int, layout: _Section) -> Any:
    """The entry at these lines as ruamel.yaml reads it, for its style: one entry is read, never
    the whole file."""
    snippet = "".join(line[layout.indent:] if line[:layout.indent].isspace() else line.lstrip()
                      for line in lines[first:after])
    reader = YAML()
    reader.preserve_quotes = True
    loaded = reader.load(snippet)
    return loaded[0] if isinstance(loaded, CommentedSeq) else loaded[next(iter(loaded))]


def _splice(lines: list[str], layouts: dict[str, _Section], appended: dict[str, list[str]],
            replaced: dict[int, tuple[int, list[str]]]) -> tuple[list[str], list[str]]:
    """The new file's lines, and the old lines it keeps (all but those of replaced entries)."""
    inserts: dict[int, list[str]] = {}
    for section, out in appended.items():
        layout = layouts[section]
        if layout.key_line is None:
            later = [layouts[s].key_line for s in SECTIONS[SECTIONS.index(section) + 1:]
                     if layouts[s].key_line is not None]
            at = min(later) if later else len(lines)
            inserts.setdefault(at, []).extend([f"{section}:\n" if out else f"{section}: []\n", *out])
        else:
            at = layout.entries[-1][1] if layout.entries else layout.key_line + 1
            inserts.setdefault(at, []).extend(out)
    new: list[str] = []
    kept: list[str] = []
    index = 0
    while index <= len(lines):
        new += inserts.get(index, [])
        if index == len(lines):
            break
        if index in replaced:
            after, out = replaced[index]
            new += out
            index = after
            continue
        line = lines[index]
        match = _EMPTY_SECTION.match(line.rstrip("\n"))
        if match and appended.get(match.group(1)):  # `statements: []` becomes the key of a block
            comment = f"   {match.group(3)}" if match.group(3) else ""
            line = f"{match.group(1)}:{comment}\n"
        new.append(line)
        kept.append(lines[index])
        index += 1
    return new, kept


class _Writer:
    """New entries as YAML text, styled like a template entry as `_styled` decides: the same
    flow or block form per collection and quoting per field; lists of plain values flow and the
    rest block where there is no template. Text needing quotes gets double quotes, as throughout
    the shipped store."""

    def __init__(self, mapping_indent: int, sequence_offset: int) -> None:
        self.mapping_indent = mapping_indent
        self.sequence_offset = sequence_offset

    def entry(self, section: str, key: str, plain: dict[str, Any], template: Any, indent: int) -> list[str]:
        if section == "statements":
            return self.sequence([plain], [template] if template is not None else None, indent)
        return self.pair(key, plain, template, indent, key_template=None)

    def pair(self, key: str, value: Any, template: Any, column: int, key_template: Any = None) -> list[str]:
        head = f"{' ' * column}{self.scalar(key, key_template, flow=False)}:"
        if isinstance(value, dict) and not _flow(value, template):
            return [head + "\n", *self.mapping(value, template, column + self.mapping_indent)]
        if isinstance(value, list) and value and not _flow(value, template):
            return [head + "\n", *self.sequence(value, template, column + self.sequence_offset)]
        return [f"{head} {self.inline(value, template)}\n"]

    def mapping(self, value: dict[str, Any], template: Any, column: int) -> list[str]:
        out: list[str] = []
        for key, item in value.items():
            out += self.pair(key, item, template.get(key) if isinstance(template, dict) else None, column)
        return out

    def sequence(self, value: list[Any], template: Any, column: int) -> list[str]:
        item_template = template[-1] if isinstance(template, list) and template else None
        out: list[str] = []
        for item in value:
            if isinstance(item, dict) and item and not _flow(item, item_template):
                lines = self.mapping(item, item_template, column + 2)
                out += [f"{' ' * column}- {lines[0].lstrip()}", *lines[1:]]
            else:
                out.append(f"{' ' * column}- {self.inline(item, item_template)}\n")
        return out

    def inline(self, value: Any, template: Any) -> str:
        """A value on one line: a flow collection or a scalar."""
        if isinstance(value, dict):
            parts = (f"{self.scalar(k, None, flow=True)}: {self.inline(v, template.get(k) if isinstance(template, dict) else None)}"
                     for k, v in value.items())
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, list):
            item_template = template[-1] if isinstance(template, list) and template else None
            return "[" + ", ".join(self.inline(v, item_template) for v in value) + "]"
        return self.scalar(value, template, flow=True)

    @staticmethod
    def scalar(value: Any, template: Any, flow: bool) -> str:
        styled = _scalar(value, template)
        if isinstance(styled, SingleQuotedScalarString) and "\n" not in styled:
            return "'" + styled.replace("'", "''") + "'"
        if isinstance(styled, datetime.date):
            return styled.isoformat()
        if isinstance(styled, (int, float)):
            return repr(styled)
        if isinstance(styled, DoubleQuotedScalarString) or not _plain_allowed(styled, flow):
            return _double_quoted(styled)
        return styled


def _flow(value: dict[str, Any] | list[Any], template: Any) -> bool:
    """Whether a collection is written in flow style: as its template is, else when it holds only
    plain values (or, for a mapping, lists of them)."""
    if isinstance(value, dict):
        flat = all(not isinstance(v, (dict, list)) or (isinstance(v, list) and _scalars(v)) for v in value.values())
    else:
        flat = _scalars(value)
    return template.fa.flow_style(flat) if isinstance(template, (CommentedMap, CommentedSeq)) else flat


_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _plain_allowed(text: str, flow: bool) -> bool:
    """Whether text reads back as itself unquoted (the resolver was asked in `_scalar`): a
    conservative version of the YAML emitter's analysis."""
    return bool(text) and text == text.strip() and text.isprintable() and text[0] not in _INDICATORS \
        and ": " not in text and " #" not in text and not text.endswith(":") \
        and not (flow and any(c in text for c in ",[]{}"))


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's, plus those for characters YAML
    may not hold raw (C1 controls, line separators, a byte-order mark)."""
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


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
                  "event": record.event and {k: v for k, v in record.event._asdict().items() if v is not None},
                  "citations": [_without_none({"source": c.source, "quote": c.quote}) for c in record.citations]}
    return {k: v for k, v in fields.items() if v not in (None, []) or k == "parties" or k == "event" and v == {}}


def _without_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _number(value: float | None) -> float | int | None:
    """A rating's number as written: 1, not 1.0."""
    return int(value) if value is not None and float(value).is_integer() else value


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


def _check_faithful(old: str, new: str, expected: Any, path: Path) -> YamlDocument:
    """The edit only added lines, and the file reads back as the old data plus the new records;
    the new text as read, for validation to read no second time."""
    old_lines = old.splitlines()
    waiting = iter(new.splitlines())
    for number, line in enumerate(old_lines, start=1):
        if not any(_kept(line, candidate) for candidate in waiting):
            raise WriteError(f"cannot add to this file without rewriting its line {number}; "
                             "add the entry by hand", str(path))
    document = parse_yaml(new, str(path))
    if document.data != expected:
        raise WriteError("the edited file would not read back as intended; nothing written", str(path))
    return document
