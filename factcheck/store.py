"""The curated store: data model, loading and structural validation.

A store is one or more YAML files (or folders of them) in the documented format. Loading checks
everything that can be checked without opening the archived documents: the JSON Schema, duplicate
keys and ids, and references between statements, entities and sources. Quote checks against the
documents live in `sources.py` and run in `factcheck validate`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Container, Iterable, Mapping, NamedTuple, Sequence

from .bounded import file_kind, read_file
from .dates import date_span
from .errors import Location, Problem, StoreError, line_column

if TYPE_CHECKING:
    from .yaml_loader import YamlDocument

SCHEMA_PATH = Path(__file__).with_name("store.schema.json")
STORE_ENV = "FACTCHECK_STORE"
MAX_STORE_FILE_BYTES = 64 * 1024 * 1024
"""A store file larger than this is refused: YAML of that size takes minutes and gigabytes."""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class Review:
    """A published fact-check's conclusion: its rating, in its own words, of a claim as it
    reviewed it (the source holding it says who reviewed, when, and where it is published)."""

    rating: str
    claim: str
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None


@dataclass(frozen=True)
class Source:
    """A document the store quotes, or a published fact-check (`review`), which is cited as a
    whole: its `publisher` is the reviewer, `published` the review's date, `url` the review."""

    id: str
    title: str | None
    publisher: str
    published: str
    url: str
    document: str | None
    """The path as written in the store (shown to users and in JSON); None for a review."""
    document_path: Path | None
    """Where the document is on disk (document_root applied)."""
    author: str | None = None
    location: Location = field(default=Location(""), compare=False)
    review: Review | None = None


@dataclass(frozen=True)
class Citation:
    source: str
    quote: str | None
    """Verbatim from the source's document; None when the source is a review, cited as a whole."""
    location: Location = field(default=Location(""), compare=False)


class StatementEvent(NamedTuple):
    """A statement's `event:` field: what it asserts, in the terms of the deal-event vocabulary
    (`factcheck/frames/vocabulary.json`). Where a statement has none, its text is read instead."""

    type: str | None = None
    stage: str | None = None
    attitude: str | None = None
    """denied | confirmed | said: the statement reports what `said_by` said about the event."""
    negated: bool | None = None
    """The statement records that the event did not happen (None: as its text says)."""


@dataclass(frozen=True)
class Statement:
    id: str
    claim: str
    verdict: str
    parties: tuple[str, ...]
    citations: tuple[Citation, ...]
    deal: str | None = None
    date: str | None = None
    places: tuple[str, ...] = ()
    said_by: str | None = None
    said_on: str | None = None
    location: Location = field(default=Location(""), compare=False)
    event: StatementEvent | None = None
    appeared_in: tuple[str, ...] = ()
    """Where the claim itself appeared (the rumour's source): addresses, for exported reviews."""


@dataclass(frozen=True)
class Reviewer:
    """Who publishes the store's verdicts (`reviewer:` of a store file), for export."""

    name: str
    url: str
    logo: str | None = None
    review_url: str | None = None
    """The address of each published review, `{id}` standing for the statement id."""
    archive_url: str | None = None
    """Where archived documents are published; a document path appended to it is its address."""


@dataclass(frozen=True)
class Store:
    entities: dict[str, Entity]
    sources: dict[str, Source]
    statements: tuple[Statement, ...]
    files: tuple[Path, ...]
    warnings: tuple[Problem, ...] = ()
    reviewer: Reviewer | None = None

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)


def default_store_paths() -> list[Path]:
    """`FACTCHECK_STORE` (paths joined by os.pathsep) if set, else the shipped store."""
    configured = os.environ.get(STORE_ENV, "").strip()
    if configured:
        return [Path(part) for part in configured.split(os.pathsep) if part]
    return [shipped_store()]


def shipped_store() -> Path:
    """The store that comes with factcheck: `data/claims.yaml`, citing documents in `seeds/`."""
    package = Path(__file__).resolve().parent
    installed = package / "_store" / "data" / "claims.yaml"  # laid out by the wheel build
    return installed if installed.exists() else package.parent / "data" / "claims.yaml"


def store_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their YAML files (sorted, not recursive)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise StoreError("no .yaml or .yml files in this folder", str(path))
            folder = path.resolve()
            for file in found:  # only a link can lead out: a file's real path is the folder's and its name
                if file.is_symlink() and not file.resolve().is_relative_to(folder):
                    raise StoreError(f"links outside the store folder (to {file.resolve()}); not read "
                                     "(name the file itself with --store to use it)", str(file))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise StoreError(f"not a regular file ({file_kind(path.stat().st_mode)}); a store is YAML files",
                             str(path))
        else:
            raise StoreError("store file not found", str(path))
    return files


def read_yaml_file(path: Path) -> YamlDocument:
    """Read and parse one store file, turning OS and encoding failures into StoreError."""
    return _parse_store_bytes(read_store_bytes(path), path)


def read_store_bytes(path: Path) -> bytes:
    """A store file's bytes; StoreError when it cannot be read or is too large."""
    try:
        size = path.stat().st_size
        if size > MAX_STORE_FILE_BYTES:
            raise StoreError(
                f"store file is {size / 2**20:.0f} MiB; the limit is {MAX_STORE_FILE_BYTES // 2**20} MiB"
                " (split it into several files in a folder)", str(path))
        return read_file(path, MAX_STORE_FILE_BYTES)  # bounded even if it grows, or is not a file
    except OSError as exc:
        raise StoreError(f"cannot read store file: {exc.strerror or exc}", str(path)) from None


def _parse_store_bytes(raw: bytes, path: Path) -> YamlDocument:
    """A store file's bytes parsed; StoreError when they are not UTF-8 or not YAML."""
    from .yaml_loader import parse_yaml  # PyYAML is needed only when the index is not cached

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = line_column(raw, exc.start)  # columns in bytes
        raise StoreError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", str(path), line, column) from None
    return parse_yaml(text, str(path))


@cache
def _schema() -> Any:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _part_schema(statement: bool) -> Any:
    """The whole file's schema, or that of one statement entry (its `$defs` kept for references)."""
    whole = _schema()
    if not statement:
        return whole
    return {key: whole[key] for key in ("$schema", "$id", "$defs")} | whole["properties"]["statements"]["items"]


@cache
def _schema_validator(statement: bool = False) -> Any:
    import jsonschema  # imported here: only store loading pays for it, and only once

    return jsonschema.Draft202012Validator(_part_schema(statement))


def _dotted(where: Sequence[Any]) -> str:
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@cache
def _compiled_schema(statement: bool = False) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(_part_schema(statement))


def _conforms(data: Any, statement: bool = False) -> bool:
    """Whether the data meets the schema exactly (no unknown field either).

    fastjsonschema compiles the schema to Python and checks a store of 10,000 statements in a
    fraction of a second, against half a minute for jsonschema; but it stops at the first error
    and says little about it. So it decides the common case, a valid store, and jsonschema
    runs only to explain a store that is not.
    """
    import fastjsonschema

    try:
        _compiled_schema(statement)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def schema_problems(document: YamlDocument) -> list[Problem]:
    """JSON Schema errors, positioned; unknown fields are warnings (the format welcomes them)."""
    return [problem for _, problem in _schema_findings(document)]


_ENTRY_SECTIONS = ("entities", "sources", "statements")


def _schema_findings(document: YamlDocument, statement: int | None = None,
                     ) -> list[tuple[tuple[Any, ...] | None, Problem]]:
    """Each schema problem with the data path it is about (None for a warning), so that the
    rest of the store can still be checked (see `_usable`). With `statement`, only the statement
    entry at that position of the file is checked, against its part of the schema: a write
    checks the entry it adds without the rest of a large file."""
    findings: list[tuple[tuple[Any, ...] | None, Problem]] = []
    at: tuple[Any, ...] = () if statement is None else ("statements", statement)
    data = document.data if statement is None else document.data["statements"][statement]
    for where, (text, line, column) in document.converted_keys.items():
        findings.append((where, Problem(
            Location(document.path, line, column),
            f"{_dotted(where[:-1]) + ': ' if where[:-1] else ''}key {text} was read as {_read_as(where[-1])}; "
            f"write \"{text}\" in quotes")))
    if _conforms(data, statement is not None):
        return findings
    for error in _schema_validator(statement is not None).iter_errors(data):
        where = (*at, *error.absolute_path)
        if _hashable(error.instance) and (*where, error.instance) in document.converted_keys:
            continue  # a key YAML converted: explained above
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for key in error.instance:
                if key not in allowed and (*where, key) not in document.converted_keys:
                    line, column = document.position((*where, key))
                    findings.append((None, Problem(Location(document.path, line, column),
                                                   f"unknown field '{_dotted([*where, key])}' (ignored)", "warning")))
            continue
        if len(where) == 1 and where[0] in ("entities", "sources") and isinstance(document.data[where[0]], dict) \
                and _hashable(error.instance) and error.instance in document.data[where[0]]:
            where = (*where, error.instance)  # a key that is not an id: the entry it names is unusable
        line, column = document.position(where)
        prefix = f"{_dotted(where)}: " if where else ""
        findings.append((where,
                         Problem(Location(document.path, line, column), prefix + _schema_message(error, document, at))))
    return findings


def _hashable(value: Any) -> bool:
    """Whether a schema error's instance could be a mapping key (a key YAML read is a scalar)."""
    return value is None or isinstance(value, (str, bool, int, float))


def _read_as(value: Any) -> str:
    """What YAML made of a plain word or number, in a curator's terms."""
    if isinstance(value, bool):
        return "a boolean (yes/no)"
    if value is None:
        return "nothing (null)"
    return "a number"


def _schema_message(error: Any, document: YamlDocument, at: tuple[Any, ...]) -> str:
    """`at`: where the part of the document validated is (see `_schema_findings`)."""
    written = document.written.get((*at, *error.absolute_path))
    if error.validator == "enum" and isinstance(error.instance, bool) and written is not None:
        values = [str(v) for v in error.validator_value]
        advice = ({True: "supported", False: "denied"}[error.instance] if values == ["supported", "denied"]
                  else f"one of {', '.join(values)}")
        return f"{written} was read as a boolean (yes/no); write {advice}"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "type" and error.validator_value == "string" and written is not None:
        if error.instance is None:
            return "is empty; write a value or leave the field out"
        return f"{written} was read as {_read_as(error.instance)}; write \"{written}\" in quotes"
    if error.validator == "pattern" and str(error.schema.get("description", "")).startswith("YYYY"):
        return f"{error.instance!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY"
    if error.validator == "pattern" and error.schema.get("pattern", "").startswith("^[a-z0-9]"):
        return f"{error.instance!r} is not a valid id (lowercase letters, digits, '.', '_', '-')"
    if error.validator == "pattern" and error.schema.get("pattern", "").startswith("^https?://"):
        return f"{error.instance!r} is not an http or https address" + (
            " with {id} in it" if "{id}" in error.schema["pattern"].replace("\\", "") else "")
    if error.validator == "const":
        return f"{error.instance!r} is not supported (expected {error.validator_value!r})"
    return error.message


def read_store(paths: Sequence[Path]) -> tuple[Store | None, list[Problem]]:
    """Load a store and report every problem found. The Store is None if any is an error."""
    return read_store_files(store_files(paths))


def read_store_files(files: Sequence[Path], texts: Mapping[Path, str | YamlDocument] | None = None,
                     ) -> tuple[Store | None, list[Problem]]:
    """`read_store` of these store files, where `texts` gives the content of some of them as a
    write would leave them (text, or text already parsed): that is read instead of the file
    (which need not exist yet), and every problem names the file, never a temporary copy of it."""
    store, problems = examine_store_files(files, texts)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return store, problems


def examine_store_files(files: Sequence[Path], texts: Mapping[Path, str | YamlDocument] | None = None,
                        ) -> tuple[Store, list[Problem]]:
    """Every problem of these store files (see `read_store_files`), and the store made of every
    entry that could be read: an entry with a schema error is left out, and references to it
    are not reported again, so one run reports the schema, reference and quote problems of a
    store at once (`factcheck validate`). The store is sound only if no problem is an error."""
    from .yaml_loader import parse_yaml

    problems: list[Problem] = []
    documents: list[YamlDocument] = []
    unusable: dict[str, set[Any]] = {"entities": set(), "sources": set()}
    if texts is None:
        texts = parse_store_files(files)
    for path in files:
        given = texts.get(path) if texts else None
        found, document, lost = _examine_file(path, lambda: read_yaml_file(path) if given is None else
                                              parse_yaml(given, str(path)) if isinstance(given, str) else given)
        problems.extend(found)
        if document is not None:
            for section, ids in unusable.items():
                ids.update(lost.get(section, ()))
            documents.append(document)
    store, reference_problems = _build(documents, unusable["entities"], unusable["sources"])
    problems.extend(reference_problems)
    return replace(store, warnings=tuple(p for p in problems if p.severity == "warning")), problems


def _examine_file(path: Path, read: Callable[[], YamlDocument],
                  ) -> tuple[list[Problem], YamlDocument | None, dict[str, set[Any]]]:
    """What one store file shows by itself (reading, duplicate keys, schema): its problems, the
    document the later checks see (None when the file could not be read as a store file), and
    the ids of the entities and sources a schema error leaves out of it (see `_usable`)."""
    try:
        document = read()
    except StoreError as exc:
        return list(exc.problems), None, {}
    problems = _duplicate_keys(document)
    if not isinstance(document.data, dict):
        kind = "empty" if document.data is None else f"a {type(document.data).__name__}"
        problems.append(Problem(Location(document.path, 1, 1),
                                f"a store file must be a mapping with 'version' and 'statements', not {kind}"))
        return problems, None, {}
    findings = _schema_findings(document)
    problems.extend(problem for _, problem in findings)
    broken = {entry for entry, problem in findings if entry is not None and problem.severity == "error"}
    if not broken:
        return problems, document, {}
    usable = _usable(document, broken)
    lost = {section: set(before) - set(usable.data.get(section) or ())
            for section in ("entities", "sources") if isinstance(before := document.data.get(section), dict)}
    return problems, usable, lost


def _duplicate_keys(document: YamlDocument) -> list[Problem]:
    return [Problem(Location(document.path, line, column), f"duplicate key '{key}'")
            for key, line, column in document.duplicate_keys]


def new_statement_problems(document: YamlDocument, number: int, entities: Mapping[str, Entity],
                           sources: Mapping[str, Source]) -> tuple[Statement | None, list[Problem]]:
    """What `examine_store_files` reports about a statement entry added as the `number`th of its
    file to a sound store, found without reading that store (a write into a large store): the
    entry is `document.data["statements"][number]` (the places before it None), positioned as in
    the file, and `entities` and `sources` are the store's (a compiled index's tables serve).
    The statement is None when a schema error leaves it out of the later checks, as it would be
    left out of the whole store."""
    problems = _duplicate_keys(document)
    findings = _schema_findings(document, number)
    problems.extend(problem for _, problem in findings)
    broken = {entry for entry, problem in findings if entry is not None and problem.severity == "error"}
    if broken:
        document = _usable(document, broken)
    raw = document.data["statements"][number]
    if raw is None:
        return None, problems
    problems += _statement_problems(document, number, raw, entities, sources)

    def here(*where: Any) -> Location:
        return Location(document.path, *document.position(("statements", number, *where)))

    return statement_from_data(raw, here(), lambda i: here("citations", i)), problems


_SECTION_TYPES = {"entities": dict, "sources": dict, "statements": list, "reviewer": dict, "document_root": str}
_OPTIONAL_FIELDS = {
    "entities": {"aliases", "parent", "note"},
    "sources": {"author", "note", "url_verified", "review", "title"},
    "statements": {"deal", "date", "places", "said_by", "said_on", "event", "appeared_in", "note"},
}
"""Fields an entry is still checked without when they are wrong (the field itself is reported)."""
_LOOSE_FIELDS = {"verdict", "published", "url", "publisher"}
"""Required fields no later check reads: a wrong one leaves the entry in place for those checks."""


def _usable(document: YamlDocument, broken: set[tuple[Any, ...]]) -> YamlDocument:
    """A copy of a document for the checks after the schema: an entry with a wrong optional or
    unread field is kept (without an optional one), any other entry with a schema error is left
    out (statements by a None placeholder, so that positions still apply)."""
    data = dict(document.data)
    for key, kind in _SECTION_TYPES.items():
        if key in data and (not isinstance(data[key], kind) or (key,) in broken and key not in _ENTRY_SECTIONS):
            del data[key]
    for section, optional in _OPTIONAL_FIELDS.items():
        if section not in data:
            continue
        entries = dict(enumerate(data[section])) if section == "statements" else dict(data[section])
        for where in sorted((w for w in broken if len(w) >= 2 and w[0] == section and w[1] in entries), key=len):
            entry = entries[where[1]]
            field_name = where[2] if len(where) >= 3 else None
            if entry is None:
                continue
            if field_name in optional and isinstance(entry, dict):
                entries[where[1]] = {k: v for k, v in entry.items() if k != field_name}
            elif field_name not in _LOOSE_FIELDS or not isinstance(entry, dict):
                entries[where[1]] = None
        data[section] = list(entries.values()) if section == "statements" else \
            {k: v for k, v in entries.items() if v is not None}
    return replace(document, data=data)


def load_store(paths: Sequence[Path] | None = None) -> Store:
    """The store at `paths` (None: `default_store_paths()`; [] an empty store); StoreError lists
    every error."""
    return load_store_files(store_files(list(paths) if paths is not None else default_store_paths()))


PARALLEL_PARSE_BYTES = 16 * 2**20
"""A store this large is parsed on several cores, a file per worker: libyaml's parser is most of
the time `validate` or a write takes (about 20 s for 60 MB), and a parsed file crosses back
from a worker in a tenth of the time it took to parse."""


def parse_store_files(files: Sequence[Path]) -> dict[Path, YamlDocument]:
    """Each store file that can be read, parsed (a file that cannot is left out, and reported
    when the store is read): on several cores for a large store with several files."""
    try:
        size = sum(path.stat().st_size for path in files)
    except OSError:
        size = 0
    if len(files) > 1 and size >= PARALLEL_PARSE_BYTES:
        from .index import fork_workers

        workers = min(fork_workers(), len(files))
        if workers > 1:
            from .workers import forked_pool, start_worker

            with forked_pool(workers, start_worker, (os.getpid(),)) as pool:
                parsed = pool.map(_parsed_or_none, files, chunksize=1)
            return {path: document for path, document in zip(files, parsed) if document is not None}
    return {path: document for path in files if (document := _parsed_or_none(path)) is not None}


def _parsed_or_none(path: Path) -> YamlDocument | None:
    try:
        return read_yaml_file(path)
    except StoreError:
        return None


def load_store_files(files: Sequence[Path], texts: Mapping[Path, str | YamlDocument] | None = None) -> Store:
    """`load_store` of these files, some of them given as in `read_store_files`."""
    store, problems = read_store_files(files, texts)
    if store is None:
        errors = tuple(p for p in problems if p.severity == "error")
        first = errors[0]
        raise StoreError(first.message, first.location.path, first.location.line,
                         first.location.column, problems=errors)
    return store


def _build(documents: list[YamlDocument], unusable_entities: set[Any], unusable_sources: set[Any],
           ) -> tuple[Store, list[Problem]]:
    """Dataclasses from schema-valid entries (a statement left out is None), plus duplicate-id
    and reference problems; references to entries left out for schema errors are not reported."""
    problems: list[Problem] = []
    entities: dict[str, Entity] = {}
    sources: dict[str, Source] = {}
    statements: list[Statement] = []
    seen_ids: dict[str, Location] = {}
    reviewer: Reviewer | None = None

    def here(document: YamlDocument, where: tuple[Any, ...]) -> Location:
        return Location(document.path, *document.position(where))

    for document in documents:
        found = _reviewer_of(document)
        if found is not None:
            if reviewer is not None and found != reviewer:
                problems.append(Problem(here(document, ("reviewer",)),
                                        "reviewer differs from the one of another file of the store"))
            reviewer = reviewer or found
        for entity in _entities_of(document):
            if entity.id in entities:
                problems.append(Problem(here(document, ("entities", entity.id)),
                                        f"entity '{entity.id}' is defined twice"))
            entities[entity.id] = entity
        for source in _sources_of(document):
            if source.id in sources:
                problems.append(Problem(source.location, f"source '{source.id}' is defined twice"))
            sources[source.id] = source
        for index, statement in _statements_of(document):
            if statement.id in seen_ids:
                first = seen_ids[statement.id]
                problems.append(Problem(here(document, ("statements", index, "id")),
                                        f"duplicate statement id '{statement.id}' (first at line {first.line} of {first.path})"))
            seen_ids.setdefault(statement.id, statement.location)
            statements.append(statement)

    for document in documents:
        for source_id, raw in (document.data.get("sources") or {}).items():
            problems += _source_problems(document, source_id, raw, sources[source_id].review)
        for entity_id, raw in (document.data.get("entities") or {}).items():
            parent = raw.get("parent")
            if parent is not None and parent not in entities and parent not in unusable_entities:
                problems.append(Problem(here(document, ("entities", entity_id, "parent")),
                                        f"unknown entity '{parent}' (parent of '{entity_id}')"))
        for index, raw in enumerate(document.data.get("statements") or ()):
            if raw is not None:
                problems += _statement_problems(document, index, raw, entities, sources, unusable_entities,
                                                unusable_sources)
    store = Store(entities, sources, tuple(statements), tuple(Path(d.path) for d in documents), (), reviewer)
    return store, problems


def _reviewer_of(document: YamlDocument) -> Reviewer | None:
    found = document.data.get("reviewer")
    return None if found is None else Reviewer(**found)


def _entities_of(document: YamlDocument) -> list[Entity]:
    return [entity_from_data(entity_id, raw) for entity_id, raw in (document.data.get("entities") or {}).items()]


def _sources_of(document: YamlDocument) -> list[Source]:
    root = Path(document.path).parent / document.data.get("document_root", ".")
    return [source_from_data(source_id, raw, root, Location(document.path, *document.position(("sources", source_id))))
            for source_id, raw in (document.data.get("sources") or {}).items()]


def _statements_of(document: YamlDocument) -> list[tuple[int, Statement]]:
    """Each statement the later checks see, with its place in the file's list."""
    def here(*where: Any) -> Location:
        return Location(document.path, *document.position(("statements", *where)))

    return [(index, statement_from_data(raw, here(index), lambda i, index=index: here(index, "citations", i)))
            for index, raw in enumerate(document.data.get("statements") or ()) if raw is not None]


def _source_problems(document: YamlDocument, source_id: str, raw: dict[str, Any], review: Review | None,
                     ) -> list[Problem]:
    """A source entry's date, and the rating of `review` (the store's review under its id) when it
    has one."""
    problems = _calendar_problems(raw, ("published",), ("sources", source_id), document)
    if raw.get("review") is not None:
        problems += _review_problems(review, Location(document.path,
                                                      *document.position(("sources", source_id, "review"))))
    return problems


def _statement_problems(document: YamlDocument, index: int, raw: dict[str, Any], entities: Mapping[str, Entity],
                        sources: Mapping[str, Source], unusable_entities: Container[Any] = (),
                        unusable_sources: Container[Any] = ()) -> list[Problem]:
    """Reference, place, event and date problems of a schema-valid statement entry, the `index`th
    of its file: for a whole store (`_build`), or for one new entry checked against the entities
    and sources of a compiled index (`new_statement_problems`)."""
    problems: list[Problem] = []

    def here(where: tuple[Any, ...]) -> Location:
        return Location(document.path, *document.position(where))

    base = ("statements", index)
    for key, where, ref in _entity_references(raw):
        if ref not in entities and ref not in unusable_entities:
            problems.append(Problem(here((*base, *where)), f"unknown entity '{ref}' in {key}"))
        elif key == "places" and ref in entities and entities[ref].kind != "place":
            problems.append(Problem(here((*base, *where)),
                                    f"'{ref}' in places is a {entities[ref].kind}, not a place "
                                    "(places are entities of kind place; a party goes in parties)"))
    problems += _own_statement_problems(document, index, raw)
    for i, citation in enumerate(raw["citations"]):
        source = sources.get(citation["source"])
        if source is None and citation["source"] in unusable_sources:
            continue
        if source is None:
            problems.append(Problem(here((*base, "citations", i, "source")),
                                    f"unknown source '{citation['source']}'"))
        elif "quote" in citation and source.document is None:
            problems.append(Problem(here((*base, "citations", i, "quote")),
                                    f"source '{source.id}' is a review with no archived document to quote; "
                                    "cite it without a quote"))
        elif "quote" not in citation and source.review is None:
            problems.append(Problem(here((*base, "citations", i)),
                                    f"citation of source '{source.id}' needs a quote (verbatim from its "
                                    "document); only a review is cited without one"))
    return problems


def _entity_references(raw: dict[str, Any]) -> list[tuple[str, tuple[Any, ...], str]]:
    """The entities a statement entry names: its field, where in the entry, and the id."""
    refs: list[tuple[str, tuple[Any, ...], str]] = [("parties", ("parties", i), ref) for i, ref in enumerate(raw["parties"])]
    refs += [("places", ("places", i), ref) for i, ref in enumerate(raw.get("places") or ())]
    if raw.get("said_by"):
        refs.append(("said_by", ("said_by",), raw["said_by"]))
    return refs


def _own_statement_problems(document: YamlDocument, index: int, raw: dict[str, Any]) -> list[Problem]:
    """The problems of a statement entry that no other entry of the store bears on: its event
    field and its dates."""
    base = ("statements", index)
    problems = _event_problems(raw.get("event"),
                               lambda key: Location(document.path, *document.position((*base, "event", key))))
    return problems + _calendar_problems(raw, ("date", "said_on"), base, document)


@dataclass(frozen=True)
class FileRecord:
    """What one store file gives the store, as far as the file alone can tell: kept in the cache
    under the file's content (`cache._from_parts`), so that a build after a change reads only the
    files that changed, and checks what refers across files from these records (`outline_store`)."""

    problems: tuple[Problem, ...] = ()
    """Its own problems, in the order `examine_store_files` reports them (reading, keys, schema),
    then those of its entries that no other file bears on (dates, event fields, ratings)."""
    reviewer: Reviewer | None = None
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    statements: tuple[tuple[str, int, int], ...] = ()
    """Each statement's id, line and column."""
    entity_references: frozenset[str] = frozenset()
    """The entities its statements name as parties or speakers, and its entities' parents."""
    place_references: frozenset[str] = frozenset()
    quoted: frozenset[str] = frozenset()
    """The sources its statements quote: each must have a document."""
    unquoted: frozenset[str] = frozenset()
    """The sources its statements cite without a quote: each must be a review."""


def file_record(path: Path) -> tuple[str, FileRecord, list[Statement]]:
    """The SHA-256 of a store file's bytes as read, its record and its statements. Raises
    StoreError only when the file cannot be read (a file that is not a valid store file has a
    record of its problems)."""
    import hashlib

    raw = read_store_bytes(path)
    problems, document, _ = _examine_file(path, lambda: _parse_store_bytes(raw, path))
    digest = hashlib.sha256(raw).hexdigest()
    if document is None:
        return digest, FileRecord(tuple(problems)), []
    entities, sources = _entities_of(document), _sources_of(document)
    for source in sources:
        problems += _source_problems(document, source.id, document.data["sources"][source.id], source.review)
    entries = [(index, raw) for index, raw in enumerate(document.data.get("statements") or ()) if raw is not None]
    for index, entry in entries:
        problems += _own_statement_problems(document, index, entry)
    citations = [citation for _, entry in entries for citation in entry["citations"]]
    named = [(key, ref) for _, entry in entries for key, _, ref in _entity_references(entry)]
    statements = _statements_of(document)
    return digest, FileRecord(
        tuple(problems), _reviewer_of(document), tuple(entities), tuple(sources),
        tuple((s.id, s.location.line, s.location.column) for _, s in statements),
        frozenset([ref for key, ref in named if key != "places"] + [e.parent for e in entities if e.parent is not None]),
        frozenset(ref for key, ref in named if key == "places"),
        frozenset(c["source"] for c in citations if "quote" in c),
        frozenset(c["source"] for c in citations if "quote" not in c)), [s for _, s in statements]


def outline_store(files: Sequence[Path], records: Sequence[FileRecord]) -> Store | None:
    """The store of these files, from their records, without its statements (they stay in the
    files; a build reads only those it needs): when the records show that the store has no error,
    with exactly the warnings `examine_store_files` reports. None when it may have one: only a
    full read (`load_store`) reports errors, each where it is."""
    if any(problem.severity == "error" for record in records for problem in record.problems):
        return None
    entities: dict[str, Entity] = {}
    sources: dict[str, Source] = {}
    for record in records:
        entities.update((entity.id, entity) for entity in record.entities)
        sources.update((source.id, source) for source in record.sources)
    ids = [entry[0] for record in records for entry in record.statements]
    reviewers = {record.reviewer for record in records if record.reviewer is not None}
    if (len(entities) < sum(len(r.entities) for r in records) or len(sources) < sum(len(r.sources) for r in records)
            or len(set(ids)) < len(ids) or len(reviewers) > 1):
        return None  # defined twice, or two reviewers
    places = {entity_id for entity_id, entity in entities.items() if entity.kind == "place"}
    documents = {source_id for source_id, source in sources.items() if source.document is not None}
    reviews = {source_id for source_id, source in sources.items() if source.review is not None}
    for record in records:
        if not (record.entity_references <= entities.keys() and record.place_references <= places
                and record.quoted <= documents and record.unquoted <= reviews):
            return None
    warnings = tuple(problem for record in records for problem in record.problems)
    return Store(entities, sources, (), tuple(files), warnings, next(iter(reviewers), None))


def entity_from_data(entity_id: str, raw: dict[str, Any]) -> Entity:
    """An Entity from a schema-valid entity mapping."""
    return Entity(entity_id, raw["name"], raw["kind"], tuple(raw.get("aliases") or ()), raw.get("parent"))


def source_from_data(source_id: str, raw: dict[str, Any], root: Path, location: Location = Location("")) -> Source:
    """A Source from a schema-valid source mapping; `root` is the folder its document is relative to."""
    document_path = root / raw["document"] if "document" in raw else None
    return Source(source_id, raw.get("title"), raw["publisher"], raw["published"], raw["url"], raw.get("document"),
                  document_path, raw.get("author"), location,
                  None if raw.get("review") is None else Review(**raw["review"]))


def statement_from_data(raw: dict[str, Any], location: Location = Location(""),
                        citation_location: Callable[[int], Location] = lambda i: Location("")) -> Statement:
    """A Statement from a schema-valid statement mapping, as a store file or an editor holds it."""
    citations = tuple(Citation(c["source"], c.get("quote"), citation_location(i))
                      for i, c in enumerate(raw["citations"]))
    return Statement(
        raw["id"], raw["claim"], raw["verdict"], tuple(raw["parties"]), citations,
        raw.get("deal"), raw.get("date"), tuple(raw.get("places") or ()),
        raw.get("said_by"), raw.get("said_on"), location,
        None if raw.get("event") is None else StatementEvent(**raw["event"]),
        tuple(raw.get("appeared_in") or ()))


def _calendar_problems(raw: dict[str, Any], keys: Sequence[str], base: tuple[Any, ...],
                       document: YamlDocument) -> list[Problem]:
    """Dates of the right form that name no day ("2021-02-30", year 0000): the schema checks only
    the form, and every later use of a date (search filters, comparisons) needs a real one."""
    problems = []
    for key in keys:
        value = raw.get(key)
        if isinstance(value, str):
            try:
                date_span(value)
            except ValueError:
                problems.append(Problem(Location(document.path, *document.position((*base, key))),
                                        f"{_dotted([*base, key])}: {value!r} is not a date that exists"))
    return problems


def _review_problems(review: Review | None, where: Location) -> list[Problem]:
    """A review cited as evidence must say supported or denied: its rating must be one the
    rating table knows, or sit at either end of its numeric scale."""
    from .ratings import UnmappedRating, review_verdict  # only stores with reviews pay for the table

    try:
        review_verdict(review)  # type: ignore[arg-type]
    except UnmappedRating as exc:
        return [Problem(where, str(exc))]
    return []


def _event_problems(event: dict[str, Any] | None, where: Any) -> list[Problem]:
    """An `event:` field's type and stage must be names of the vocabulary."""
    if not event:
        return []
    from .frames.vocabulary import vocabulary  # only loading a store with events pays for it

    known = vocabulary()
    problems = []
    for key, names in (("type", known.types), ("stage", known.stages)):
        value = event.get(key)
        if value is not None and value not in names:
            problems.append(Problem(where(key), f"unknown event {key} '{value}' (one of: {', '.join(names)})"))
    return problems
