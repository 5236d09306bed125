"""A folder store's index is assembled from one part per file (`index.Part`): after a file is
edited, added or removed, the cached index must answer exactly as one built from scratch, and
only the changed file's statements are read again."""

from __future__ import annotations

import marshal
import pickle
import sqlite3
from pathlib import Path

import pytest

from factcheck import index as index_module
from factcheck.cache import load_index
from factcheck.index import build_index
from factcheck.store import load_store

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
        "norms": meta["norms"], "count": head.count, "warnings": head.warnings,
        "entity_index": pickle.dumps(head.entities.kinds),
    }


def assert_as_built_afresh(folder: Path) -> None:
    cached = load_index([folder])
    afresh = build_index(load_store([folder]))
    assert contents(cached._db) == contents(afresh._db)


def test_a_new_index_is_the_one_built_without_parts(folder: Path, reads: list[str]) -> None:
    assert_as_built_afresh(folder)
    assert len(list((folder.parent / "cache" / "parts").glob("*.part"))) == 3


def test_editing_one_file_reads_only_that_file_again(folder: Path, reads: list[str]) -> None:
    load_index([folder])
    reads.clear()
    edit(folder / "b.yaml", "$2 billion", "$3 billion")
    load_index([folder])
    assert reads == ["s3", "s4"]
    assert_as_built_afresh(folder)


def test_adding_and_removing_files(folder: Path, reads: list[str]) -> None:
    load_index([folder])
    (folder / "d.yaml").write_text(statements_file(
        statement(6, "Globex opened an office in Springfield")), encoding="utf-8")
    assert_as_built_afresh(folder)
    (folder / "c.yaml").unlink()
    assert_as_built_afresh(folder)


def test_a_part_whose_words_the_store_answers_otherwise_is_read_again(folder: Path, reads: list[str]) -> None:
    """The reader asks whether words (a capitalised first one: "Regulators") are words of the
    store; a part holds only while the store gives the answers it was read with. A statement's
    own words are always the store's, so the test makes a part remember another answer."""
    load_index([folder])
    for path in (folder.parent / "cache" / "parts").glob("*.part"):
        rows, words, answers = marshal.loads(path.read_bytes())
        if "regul" in answers:
            path.write_bytes(marshal.dumps((rows, words, {**answers, "regul": False})))
    reads.clear()
    edit(folder / "c.yaml", "$5 million", "$6 million")
    load_index([folder])
    assert reads == ["s1", "s2", "s5"]
    assert_as_built_afresh(folder)


def test_changed_entities_read_every_file_again(folder: Path, reads: list[str]) -> None:
    load_index([folder])
    reads.clear()
    edit(folder / "entities.yaml", "[Acme]", "[Acme, ACME Group]")
    load_index([folder])
    assert reads == ["s1", "s2", "s3", "s4", "s5"]
    assert_as_built_afresh(folder)


def test_a_damaged_part_only_costs_speed(folder: Path, reads: list[str]) -> None:
    load_index([folder])
    for part in (folder.parent / "cache" / "parts").glob("*.part"):
        part.write_bytes(b"\x00damaged")
    edit(folder / "c.yaml", "$5 million", "$6 million")
    assert_as_built_afresh(folder)


def test_parts_of_superseded_indexes_are_removed(folder: Path) -> None:
    load_index([folder])
    parts = folder.parent / "cache" / "parts"
    before = {p.name for p in parts.glob("*.part")}
    edit(folder / "c.yaml", "$5 million", "$6 million")
    load_index([folder])
    after = {p.name for p in parts.glob("*.part")}
    assert len(after) == 3 and len(before & after) == 2
