"""The entity index as an index file keeps it: tables read a key at a time (issue 20).

A check against a million statements spent most of its start unpickling every entity's names and
spellings; the index file now keeps them as rows (`EntityIndex.table_rows`) that a check reads as
its claim asks. These tests hold the stored index to the one built in memory, and a damaged table
to the rule for any damaged index: rebuilt from the store, with a warning, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cache import load_index
from factcheck.cli import cli
from factcheck.entities import EntityIndex
from factcheck.frames.vocabulary import vocabulary
from factcheck.index import build_index, statement_text
from factcheck.store import Entity, default_store_paths, load_store
from factcheck.text import normalize, tokens

from conftest import write_store

EXTRA = [
    Entity("acme-cargo-cn", "艾克米货运", "company", parent="acme-cn"),
    Entity("acme-cn", "艾克米", "company"),
    Entity("united-states", "United States", "place", ("US",)),
    Entity("globex-link", "Globex Link", "company", parent="globex-holdings"),
    Entity("globex-holdings", "Globex Holdings", "company", ("Globex Group",)),
]
TEXTS = [
    "艾克米货运 and 艾克米 signed with Globex Link in the US",
    "Globx Holdngs and Globex Lnk agreed; the United Staets approved",
    "US and us and Globex alone",
]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[EntityIndex, EntityIndex, list[str]]:
    """The shipped store's entity index with a few more (Chinese names, parents, a stopword
    alias), built in memory and as a fresh index file stores it; and texts to look in."""
    store = load_store(default_store_paths())
    store = replace(store, entities={**store.entities, **{e.id: e for e in EXTRA}})
    eager = EntityIndex(store.entities.values(), vocabulary().institution_words)
    stored = build_index(store, tmp_path_factory.mktemp("index") / "index.sqlite").entities
    return eager, stored, [statement_text(s) for s in store.statements] + TEXTS


def test_the_stored_tables_are_the_tables(indexes: tuple[EntityIndex, EntityIndex, list[str]]) -> None:
    eager, stored, _ = indexes
    for table in ("kinds", "names", "parents", "children", "by_tokens", "fuzzy_names", "leads", "widest_from"):
        assert dict(getattr(stored, table).items()) == getattr(eager, table), table
        assert len(getattr(stored, table)) == len(getattr(eager, table))
    assert (stored.by_substring, stored.longest) == (eager.by_substring, eager.longest)
    assert "no-such-entity" not in stored.kinds and stored.kinds.get("no-such-entity") is None
    with pytest.raises(KeyError):
        stored.names["no-such-entity"]  # noqa: B018 - as a dict's


def test_the_stored_index_finds_and_relates_what_the_eager_one_does(
        indexes: tuple[EntityIndex, EntityIndex, list[str]]) -> None:
    eager, stored, texts = indexes
    for text in texts:
        normalized = normalize(text)
        assert stored.find(normalized) == eager.find(normalized), text
        for word in {t.text for t in tokens(normalized)}:
            assert stored.is_name_word(word) == eager.is_name_word(word), word
    for entity in eager.kinds:
        assert (stored.kin(entity), stored.relatives(entity), stored.ancestors(entity)) == \
            (eager.kin(entity), eager.relatives(entity), eager.ancestors(entity))


def test_a_stored_spelling_list_is_looked_up_in_the_same_order() -> None:
    """Ties go to the shorter, then the first added: the stored list keeps that order."""
    entities = [Entity(f"e{n}", name, "company") for n, name in enumerate(["Abcdegx", "Abcdez", "Abcde"])]
    eager = EntityIndex(entities, vocabulary().institution_words)
    [stored] = [build_index(replace(load_store(default_store_paths()), entities={e.id: e for e in entities},
                                    statements=()), None).entities]
    assert stored.fuzzy_spellings.closest("abcdeg") == eager.fuzzy_spellings.closest("abcdeg") == "abcde"


@pytest.mark.parametrize("damage", [
    "UPDATE entity_tables SET value = x'ff00ff' WHERE tab IN ('children', 'fuzzy_spellings', 'name_spellings')",
    "DROP TABLE entity_tables",
])
def test_a_damaged_entity_table_is_rebuilt_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          damage: str) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    store = write_store(tmp_path / "store")
    claim = "Acme agreed to buy Initech for $2 billion"
    runner = CliRunner()
    before = runner.invoke(cli, ["check", "--store", str(store), "--format", "jsonl", claim])
    [index] = (tmp_path / "cache").glob("index-*.sqlite")
    with sqlite3.connect(index) as connection:
        connection.execute(damage)
    connection.close()
    after = runner.invoke(cli, ["check", "--store", str(store), "--format", "jsonl", "Acme bought Initeck", claim])
    assert after.exception is None or isinstance(after.exception, SystemExit), after.exception
    assert after.stdout.splitlines()[-1] == before.stdout.strip()
    [warning] = after.stderr.splitlines()
    assert warning.startswith(f"{index}: warning: the cached index could not be read (")
    again = load_index([store])
    assert dict(again.entities.kinds.items()) == {e: k for e, k in EntityIndex(
        load_store([store]).entities.values(), vocabulary().institution_words).kinds.items()}


def test_the_tables_are_the_same_whatever_the_hash_seed() -> None:
    """Two builds of one store write the same entity tables, whichever order sets iterate in."""
    program = ("import hashlib; from factcheck.entities import EntityIndex; from factcheck.store import Entity; "
               "from factcheck.frames.vocabulary import vocabulary; "
               "index = EntityIndex([Entity(f'e{n}', f'Name{n} Holdings Group{n}', 'company', (f'Alias{n}',)) "
               "for n in range(40)], vocabulary().institution_words); "
               "print(hashlib.sha256(repr(list(index.table_rows())).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(digests) == 1


def test_an_institution_word_names_the_one_entity_that_has_it() -> None:
    """"the ministry" is the store's one ministry; "court", in two names, is nobody's; a place
    ("Court Street") is no institution."""
    index = EntityIndex([Entity("education", "Ministry of Education", "government"),
                         Entity("high-court", "High Court", "court"), Entity("appeals", "Court of Appeal", "court"),
                         Entity("court-street", "Court Street Authority Square", "place")], vocabulary().institution_words)
    assert index.institutions == {"ministry": "education"}
