"""A folder store's index is assembled from one part per file (`index.Part`), and checked from
one record per file (`store.FileRecord`): after a file is edited, added or removed, the cached
index must answer exactly as one built from scratch, only the changed file is parsed and only
its changed statements are read again; and the store's problems are exactly those a full read
reports, whichever file they are in."""

from __future__ import annotations

import marshal
import pickle
import sqlite3
from pathlib import Path

import pytest

from factcheck import cache as cache_module
from factcheck import index as index_module
from factcheck.cache import load_index
from factcheck.errors import StoreError
from factcheck.index import build_index
from factcheck.store import file_record, load_store, outline_store, read_store, store_files

from conftest import MINI_DOCUMENT

ENTITIES = """\
version: 1
entities:
  acme: {name: Acme Corp, aliases: [Acme], kind: company}
  globex: {name: Globex, kind: company}
  initech: {name: Initech, kind: company}
  regulator: {name: Trade Authority, kind: regulator}
  springfield: {name: Springfield, kind: place}
sources:
  gazette: {title: Deals, publisher: The Gazette, published: 2021-03-05, url: "https://gazette.example/a", document: docs/gazette.txt}
statements: []
"""
QUOTE = "Acme and Globex set up a joint venture in Springfield"


def statement(number: int, claim: str, parties: str = "[acme, globex]") -> str:
    return (f"  - id: s{number}\n    claim: {claim}\n    verdict: supported\n    parties: {parties}\n"
            f"    deal: joint venture\n    date: 2021-03-0{number % 9 + 1}\n"
            f"    citations: [{{source: gazette, quote: \"{QUOTE}\"}}]\n")


def statements_file(*entries: str) -> str:
    return "version: 1\nstatements:\n" + "".join(entries)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    store = tmp_path / "store"
    (store / "docs").mkdir(parents=True)
    (store / "docs" / "gazette.txt").write_text(MINI_DOCUMENT, encoding="utf-8")
    (store / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (store / "a.yaml").write_text(statements_file(
        statement(1, "Acme and Globex set up a joint venture in Springfield on 4 March 2021"),
        statement(2, "Regulators cleared the Acme and Globex venture", "[acme, globex, regulator]")), encoding="utf-8")
    (store / "b.yaml").write_text(statements_file(
        statement(3, "Globex agreed to buy Initech for $2 billion", "[globex, initech]"),
        statement(4, "Initech signed a licence with Acme", "[initech, acme]")), encoding="utf-8")
    (store / "c.yaml").write_text(statements_file(
        statement(5, "Trade Authority fined Initech $5 million", "[regulator, initech]")), encoding="utf-8")
    return store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the statements read, in order."""
    read: list[str] = []
    original = index_module.read_statement

    def counting(statement, *args):
        read.append(statement.id)
        return original(statement, *args)

    monkeypatch.setattr(index_module, "read_statement", counting)
    return read


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the store files parsed, in order."""
    read: list[str] = []
    original = cache_module.file_record

    def counting(path: Path):
        read.append(path.name)
        return original(path)

    monkeypatch.setattr(cache_module, "file_record", counting)
    return read


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def contents(connection: sqlite3.Connection) -> dict[str, object]:
    """Everything an index holds, decoded (records compared as values, not as bytes)."""
    rows = lambda query: list(connection.execute(query))  # noqa: E731
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    head = pickle.loads(meta["head"])
    return {
        "facts": [marshal.loads(blob) for _, blob in rows("SELECT number, blob FROM facts ORDER BY number")],
        "scoring": [marshal.loads(blob) for _, blob in rows("SELECT number, blob FROM scoring ORDER BY number")],
        "terms": rows("SELECT * FROM terms ORDER BY term"),
        "lengths": rows("SELECT * FROM lengths ORDER BY norm"),
        "words": rows("SELECT word FROM words ORDER BY word"),
        "entities": [(key, pickle.loads(blob)) for key, blob in rows("SELECT id, blob FROM entities ORDER BY rowid")],
        "sources": [(key, pickle.loads(blob)) for key, blob in rows("SELECT id, blob FROM sources ORDER BY rowid")],
        "statement_ids": rows("SELECT * FROM statement_ids ORDER BY id"),
        "norms": meta["norms"], "count": head.count, "warnings": head.warnings,
        "entity_head": head.entities,
        "entity_tables": rows("SELECT * FROM entity_tables ORDER BY tab, key"),
    }


def assert_as_built_afresh(folder: Path) -> None:
    cached = load_index([folder])
    afresh = build_index(load_store([folder]))
    assert contents(cached._db) == contents(afresh._db)


def kept(folder: Path, suffix: str) -> set[str]:
    return {p.name for p in (folder.parent / "cache" / "parts").glob(f"*.{suffix}")}


def test_a_new_index_is_the_one_built_without_parts(folder: Path, reads: list[str]) -> None:
    assert_as_built_afresh(folder)
    assert len(kept(folder, "part")) == len(kept(folder, "record")) == 4  # one of each per file


def test_editing_one_statement_parses_that_file_and_reads_that_statement_only(
        folder: Path, reads: list[str], parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    load_index([folder])
    reads.clear()
    parsed.clear()
    edit(folder / "b.yaml", "$2 billion", "$3 billion")
    monkeypatch.setattr(index_module, "_assemble", None)  # the previous index is patched, not assembled again
    load_index([folder])
    assert (parsed, reads) == (["b.yaml"], ["s3"])
    monkeypatch.undo()
    assert_as_built_afresh(folder)


@pytest.mark.parametrize("old, new", [
    ("Globex agreed to buy Initech for $2 billion", "Globex agreed to buy Initech and Acme for $2 billion"),  # terms
    ("Initech signed a licence with Acme", "Initech signed a licence with Acme in Springfield"),  # a new word
    ("Initech signed a licence with Acme", "Initech and Acme signed"),  # a shorter statement, words gone
    ("date: 2021-03-05", "date: 2020-03-05"),  # a date of its own
    ("parties: [globex, initech]", "parties: [globex, initech, regulator]"),
])
def test_a_patched_index_is_the_one_built_afresh(folder: Path, old: str, new: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    load_index([folder])
    edit(folder / "b.yaml", old, new)
    monkeypatch.setattr(index_module, "_assemble", None)
    load_index([folder])
    monkeypatch.undo()
    assert_as_built_afresh(folder)


def test_a_statement_added_above_others_reads_only_itself(folder: Path, reads: list[str], parsed: list[str]) -> None:
    """The rows of statements a changed file still has are taken from its previous part, moved
    to where they are now (their locations are part of the index)."""
    load_index([folder])
    reads.clear()
    parsed.clear()
    edit(folder / "a.yaml", "statements:\n", "statements:\n" + statement(7, "Acme bought Globex in 2020"))
    load_index([folder])
    assert (parsed, reads) == (["a.yaml"], ["s7"])
    assert_as_built_afresh(folder)


def test_sources_edited_alone_are_indexed_without_reading_statements(folder: Path, reads: list[str]) -> None:
    load_index([folder])
    reads.clear()
    edit(folder / "entities.yaml", "title: Deals", "title: Deals of the week")
    index = load_index([folder])
    assert reads == [] and index.sources["gazette"].title == "Deals of the week"
    assert_as_built_afresh(folder)


def test_adding_and_removing_files(folder: Path, reads: list[str]) -> None:
    load_index([folder])
    (folder / "d.yaml").write_text(statements_file(
        statement(6, "Globex opened an office in Springfield")), encoding="utf-8")
    assert_as_built_afresh(folder)
    (folder / "c.yaml").unlink()
    assert_as_built_afresh(folder)


def test_a_file_named_otherwise_has_parts_of_its_own(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Locations and problems name a file as the store was given: a store named by a relative
    path has records and parts of its own (an unchanged store is still served by its index)."""
    load_index([folder])
    monkeypatch.chdir(folder.parent)
    edit(folder / "c.yaml", "$5 million", "$6 million")
    index = load_index([Path("store")])
    assert {s.statement.location.path for s in index.all_facts()} == {f"store/{n}.yaml" for n in "abc"}
    assert_as_built_afresh(Path("store"))


def test_a_part_whose_words_the_store_answers_otherwise_is_read_again(folder: Path, reads: list[str]) -> None:
    """The reader asks whether words (a capitalised first one: "Regulators") are words of the
    store; a part holds only while the store gives the answers it was read with. A statement's
    own words are always the store's, so the test makes a part remember another answer."""
    load_index([folder])
    for path in (folder.parent / "cache" / "parts").glob("*.part"):
        with path.open("rb") as handle:
            words, answers = marshal.loads(handle.read(int.from_bytes(handle.read(8), "little")))
            rest = handle.read()
        if "regul" in answers:
            head = marshal.dumps((words, {**answers, "regul": False}))
            path.write_bytes(len(head).to_bytes(8, "little") + head + rest)
    reads.clear()
    edit(folder / "c.yaml", "$5 million", "$6 million")
    load_index([folder])
    assert reads == ["s1", "s2", "s5"]
    assert_as_built_afresh(folder)


def test_changed_entities_read_every_file_again(folder: Path, reads: list[str], parsed: list[str]) -> None:
    load_index([folder])
    reads.clear()
    parsed.clear()
    edit(folder / "entities.yaml", "[Acme]", "[Acme, ACME Group]")
    load_index([folder])
    assert reads == ["s1", "s2", "s3", "s4", "s5"]
    assert parsed == ["entities.yaml", "a.yaml", "b.yaml", "c.yaml"]  # the others for their statements
    assert_as_built_afresh(folder)


@pytest.mark.parametrize("suffix", ["part", "record"])
def test_a_damaged_part_or_record_only_costs_speed(folder: Path, reads: list[str], suffix: str) -> None:
    load_index([folder])
    for part in (folder.parent / "cache" / "parts").glob(f"*.{suffix}"):
        part.write_bytes(b"\x00damaged")
    edit(folder / "c.yaml", "$5 million", "$6 million")
    assert_as_built_afresh(folder)


def test_a_damaged_previous_index_only_costs_speed(folder: Path) -> None:
    load_index([folder])
    for index in (folder.parent / "cache").glob("index-*.sqlite"):
        index.write_bytes(b"\x00damaged")
    edit(folder / "c.yaml", "$5 million", "$6 million")
    assert_as_built_afresh(folder)


def test_damage_a_patch_copies_from_the_previous_index_is_found_and_built_again(folder: Path) -> None:
    """Damaged records of a cached index are found when a claim reads them (`cache.recovering`);
    a patch copies the unchanged ones, so they are found in the new index, which is then built
    again from the parts, once, with a warning."""
    from factcheck.cache import recovering
    from factcheck.matching import check

    load_index([folder])
    [previous] = (folder.parent / "cache").glob("index-*.sqlite")
    with sqlite3.connect(previous) as connection:
        connection.execute("UPDATE facts SET blob = x'ff00ff'")
    connection.close()
    edit(folder / "c.yaml", "$5 million", "$6 million")
    warnings: list[str] = []
    index = load_index([folder], warn=warnings.append)
    result = recovering(index, lambda: check("Globex agreed to buy Initech for $2 billion", index))
    assert result.verdict == "supported" and len(warnings) == 1
    assert contents(index._db) == contents(build_index(load_store([folder]))._db)


def test_a_store_file_that_cannot_be_hashed_is_read_whole_in_memory(folder: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(self, path: Path) -> str:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(cache_module.FileHashes, "of", unreadable)
    index = load_index([folder])
    assert index.path is None
    assert contents(index._db) == contents(build_index(load_store([folder]))._db)


def test_parts_of_superseded_indexes_are_removed(folder: Path) -> None:
    load_index([folder])
    before = kept(folder, "part") | kept(folder, "record")
    edit(folder / "c.yaml", "$5 million", "$6 million")
    load_index([folder])
    after = kept(folder, "part") | kept(folder, "record")
    assert len(after) == 8 and len(before & after) == 6


def test_a_file_changed_while_it_is_read_is_indexed_as_it_is(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record is kept under the content it was read from: a file written between its hashing
    and its reading gives an index of what was read, built in memory, and no record for it."""
    load_index([folder])
    real = cache_module.file_record

    def written_meanwhile(path: Path):
        if path.name == "c.yaml":
            edit(path, "$6 million", "$7 million")
        return real(path)

    edit(folder / "c.yaml", "$5 million", "$6 million")
    monkeypatch.setattr(cache_module, "file_record", written_meanwhile)
    index = load_index([folder])
    assert index.path is None and "$7 million" in [f.statement.claim for f in index.all_facts()][-1]
    monkeypatch.undo()
    assert_as_built_afresh(folder)  # the $6 million version's record was not kept for the $7 one


def test_a_portable_index_of_a_store_changed_while_it_is_built_is_refused(
        folder: Path, runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A portable index is named by the store it was built from: one that would be named by the
    store before a change, and hold the store after it, is not written."""
    from factcheck.cli import cli

    real = cache_module.file_record

    def written_meanwhile(path: Path):
        if path.name == "c.yaml":
            edit(path, "$5 million", "$7 million")
        return real(path)

    monkeypatch.setattr(cache_module, "file_record", written_meanwhile)
    built = runner.invoke(cli, ["index", "build", "--store", str(folder), "--out", str(tmp_path / "store.index")])
    assert (built.exit_code, built.stderr) == (
        2, f"{folder / 'c.yaml'}: changed while its index was being built; build it again\n")
    assert not (tmp_path / "store.index").exists()


# --- the store's problems, from records -------------------------------------------------------------


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(StoreError) as raised:
        load_index([folder])
    return [str(problem) for problem in raised.value.problems]


def full_read(folder: Path) -> list[str]:
    return [str(p) for p in read_store([folder])[1] if p.severity == "error"]


def test_an_error_in_an_unchanged_file_is_still_reported_where_it_is(folder: Path, parsed: list[str]) -> None:
    edit(folder / "c.yaml", "date: 2021-03-06", "date: 2021-02-30")
    first = problems_of(folder)
    assert first == [f"{folder / 'c.yaml'}:8:11: statements[0].date: '2021-02-30' is not a date that exists"]
    edit(folder / "a.yaml", "on 4 March 2021", "on 5 March 2021")
    parsed.clear()
    assert problems_of(folder) == first == full_read(folder)


@pytest.mark.parametrize("file, old, new", [
    ("entities.yaml", "  initech: {name: Initech, kind: company}\n", ""),  # an entity others name
    ("entities.yaml", "springfield: {name: Springfield, kind: place}", "springfield: {name: Springfield, kind: company}"),
    ("entities.yaml", "document: docs/gazette.txt}", "review: {rating: 'False', claim: A deal}}"),  # quoted
    ("entities.yaml", "initech: {name: Initech, kind: company}", "initech: {name: Initech, kind: company, parent: x}"),
    ("c.yaml", "id: s5", "id: s1"),  # an id another file has
    ("c.yaml", "statements:", "entities:\n  acme: {name: Acme, kind: company}\nstatements:"),  # defined twice
    ("c.yaml", "statements:", "sources:\n  gazette: {publisher: G, published: '2021', url: 'https://g.example'}\n"
                              "statements:"),
    ("c.yaml", "version: 1", "version: 1\nreviewer: {name: B, url: 'https://b.example'}"),
])
def test_a_change_that_breaks_what_another_file_refers_to_is_reported(folder: Path, file: str, old: str,
                                                                       new: str) -> None:
    edit(folder / "a.yaml", "parties: [acme, globex]\n    deal", "parties: [acme, globex]\n    places: [springfield]\n    deal")
    (folder / "a.yaml").write_text((folder / "a.yaml").read_text(encoding="utf-8").replace(
        "version: 1", "version: 1\nreviewer: {name: A, url: 'https://a.example'}\n"
        "sources:\n  review: {publisher: R, published: '2021-01-01', url: 'https://r.example', "
        "review: {rating: 'False', claim: A deal}}"), encoding="utf-8")
    load_index([folder])
    edit(folder / file, old, new)
    assert problems_of(folder) == full_read(folder) != []


def test_warnings_of_unchanged_files_are_those_of_a_full_read(folder: Path) -> None:
    edit(folder / "b.yaml", "    verdict: supported\n", "    verdict: supported\n    reviewed: yes\n")
    edit(folder / "entities.yaml", "kind: regulator}", "kind: regulator, founded: 1990}")
    load_index([folder])
    edit(folder / "c.yaml", "$5 million", "$6 million")
    warnings = load_index([folder]).head.warnings
    assert warnings == load_store([folder]).warnings and len(warnings) == 3


@pytest.mark.parametrize("store", ["folder", "shipped"])
def test_the_outline_of_a_sound_store_is_its_full_read_without_statements(folder: Path, store: str) -> None:
    from factcheck.store import shipped_store

    files = store_files([folder if store == "folder" else shipped_store()])
    outline = outline_store(files, [file_record(path)[1] for path in files])
    full = load_store(files)
    assert outline is not None and outline.statements == ()
    assert (outline.entities, outline.sources, outline.files, outline.warnings, outline.reviewer) == (
        full.entities, full.sources, full.files, full.warnings, full.reviewer)
    assert [s for path in files for s in file_record(path)[2]] == list(full.statements)
