"""The compiled index cache: used when current, rebuilt when the store changes, never required."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.cache import load_index
from factcheck.cli import cli
from factcheck.entities import EntityIndex
from factcheck.frames.vocabulary import vocabulary as event_vocabulary
from factcheck.index import build_index, read_statement, store_words
from factcheck.matching import check
from factcheck.store import default_store_paths, load_store

from conftest import write_store


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE", str(folder))
    return folder


def test_index_is_cached_and_reused(cache: Path, mini_store: Path) -> None:
    first = load_index([mini_store])
    entries = list(cache.glob("index-*.sqlite"))
    assert len(entries) == 1
    second = load_index([mini_store])
    assert [f.statement for f in second.all_facts()] == [f.statement for f in first.all_facts()]


def test_changed_store_never_gives_a_stale_verdict(cache: Path, mini_store: Path) -> None:
    claim = "Acme agreed to buy Initech for $2bn"
    assert check(claim, load_index([mini_store])).verdict == "denied"
    text = mini_store.read_text(encoding="utf-8").replace(
        "    verdict: denied\n    parties: [acme, initech]", "    verdict: supported\n    parties: [acme, initech]")
    mini_store.write_text(text, encoding="utf-8")
    assert check(claim, load_index([mini_store])).verdict == "supported"


def test_corrupt_cache_is_rebuilt(cache: Path, mini_store: Path) -> None:
    load_index([mini_store])
    entry = next(cache.glob("index-*.sqlite"))
    entry.write_bytes(b"not a pickle")
    assert load_index([mini_store]).count == 2
    assert entry.read_bytes() != b"not a pickle"


def test_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch, mini_store: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FACTCHECK_CACHE", str(blocker / "cache"))
    assert load_index([mini_store]).count == 2


def test_cache_can_be_turned_off(monkeypatch, tmp_path: Path, mini_store: Path) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_index([mini_store])
    assert not (tmp_path / "xdg").exists()


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(
        cache: Path, mini_store: Path, monkeypatch) -> None:
    """Remembered hashes are keyed by the file's change time too, which no tool can set back."""
    from factcheck import cache as cache_module

    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # remember hashes of files written just now
    claim = "Acme agreed to buy Initech for $2 billion"
    assert check(claim, load_index([mini_store])).verdict == "denied"
    assert (cache / "file-hashes.json").exists()
    before = mini_store.stat()
    text = mini_store.read_text(encoding="utf-8")
    edited = text.replace("    claim: Acme agreed to buy Initech for $2 billion",
                          "    claim: Acme agreed to buy Initech for $3 billion")
    assert edited != text and len(edited) == len(text)
    mini_store.write_text(edited, encoding="utf-8")
    os.utime(mini_store, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mini_store.stat().st_mtime_ns == before.st_mtime_ns
    assert check(claim, load_index([mini_store])).verdict == "unverified"


def test_the_index_gives_back_every_fact_it_read(tmp_path: Path) -> None:
    store = load_store(default_store_paths())
    entities = EntityIndex(store.entities.values(), event_vocabulary().institution_words)
    vocabulary = store_words(store)
    read = [read_statement(s, store, entities, vocabulary) for s in store.statements]
    stored = list(build_index(store, tmp_path / "index.sqlite").all_facts())
    assert stored == read
    # Locations do not take part in equality, but error messages and `show` print them.
    assert [f.statement.location for f in stored] == [s.location for s in store.statements]
    assert [c.location for f in stored for c in f.statement.citations] == [
        c.location for s in store.statements for c in s.citations]


# --- a cache that stays bounded -------------------------------------------------------------------

def _edit(store: Path) -> None:
    store.write_text(store.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def test_an_index_superseded_by_an_edit_of_its_store_is_removed(cache: Path, tmp_path: Path) -> None:
    one, other = write_store(tmp_path / "one"), write_store(tmp_path / "other")
    load_index([one])
    load_index([other])
    before = set(cache.glob("index-*.sqlite"))
    _edit(one)
    load_index([one])
    after = set(cache.glob("index-*.sqlite"))
    assert len(before) == len(after) == 2
    assert len(after - before) == 1  # the edited store's new index replaced its old one; the other stays


def test_over_budget_the_least_recently_used_index_goes(cache: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = write_store(tmp_path / "first"), write_store(tmp_path / "second")
    load_index([first])
    [first_index] = cache.glob("index-*.sqlite")
    os.utime(first_index, (1, 1))  # long unused
    monkeypatch.setenv("FACTCHECK_CACHE_MB", "0")
    load_index([second])
    remaining = list(cache.glob("index-*.sqlite"))
    assert len(remaining) == 1 and remaining != [first_index]  # the newest is always kept


def test_cache_info_and_clear(cache: Path, mini_store: Path, runner) -> None:
    load_index([mini_store])
    (cache / "locks").mkdir()
    (cache / "locks" / "held.lock").write_text("")
    info = json.loads(runner.invoke(cli, ["cache", "info", "--format", "json"]).stdout)
    [index] = info["indexes"]
    assert (info["folder"], info["bytes"], index["stores"]) == (str(cache), index["bytes"], [str(mini_store.resolve())])
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0 and cleared.stdout.startswith("removed 1 index, ")
    assert list(cache.glob("index-*.sqlite")) == [] and (cache / "locks" / "held.lock").exists()
    assert json.loads(runner.invoke(cli, ["cache", "info", "--format", "json"]).stdout)["indexes"] == []


# --- a portable index -----------------------------------------------------------------------------

DENIED_CLAIM = "Acme agreed to buy Initech for $2 billion"


def test_a_built_index_serves_the_same_store_in_another_checkout(tmp_path: Path, runner, monkeypatch) -> None:
    here = write_store(tmp_path / "here")
    built = runner.invoke(cli, ["index", "build", "--store", str(here), "--out", str(tmp_path / "store.index")])
    assert built.exit_code == 0 and built.stdout == ""
    there = write_store(tmp_path / "ci-runner" / "checkout")  # the same files elsewhere, an empty cache
    monkeypatch.setenv("FACTCHECK_CACHE", "off")
    result = runner.invoke(cli, ["check", "--store", str(there), "--index", str(tmp_path / "store.index"),
                                 "--format", "json", DENIED_CLAIM])
    assert result.exit_code == 1 and json.loads(result.stdout)["results"][0]["verdict"] == "denied"
    config = tmp_path / "ci-runner" / ".factcheck.toml"  # the setting, relative to its file
    config.write_text('index = "../store.index"\nstore = "checkout/store.yaml"\n', encoding="utf-8")
    assert runner.invoke(cli, ["check", "--config", str(config), DENIED_CLAIM]).exit_code == 1
    (tmp_path / "store.index").write_text("damaged", encoding="utf-8")
    damaged = runner.invoke(cli, ["check", "--config", str(config), DENIED_CLAIM])
    assert (damaged.exit_code, damaged.stderr.split(":")[0]) == (2, str(tmp_path / "store.index"))


def test_an_index_of_another_version_of_the_store_is_refused_unless_trusted(tmp_path: Path, runner) -> None:
    store = write_store(tmp_path)
    index_file = tmp_path / "store.index"
    assert runner.invoke(cli, ["index", "build", "--store", str(store), "--out", str(index_file)]).exit_code == 0
    _edit(store)
    refused = runner.invoke(cli, ["check", "--store", str(store), "--index", str(index_file), DENIED_CLAIM])
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"{index_file}: built from another version of the store or of factcheck")
    assert len(refused.stderr.splitlines()) == 1
    trusted = runner.invoke(cli, ["check", "--store", str(store), "--index", str(index_file), "--trust-index",
                                  DENIED_CLAIM])
    assert trusted.exit_code == 1


def test_a_file_that_is_no_index_is_one_line_and_exit_2(tmp_path: Path, runner, mini_store: Path) -> None:
    junk = tmp_path / "junk.index"
    junk.write_text("not sqlite", encoding="utf-8")
    result = runner.invoke(cli, ["check", "--store", str(mini_store), "--index", str(junk), DENIED_CLAIM])
    assert result.exit_code == 2
    assert result.stderr == f"{junk}: not an index file factcheck can read (DatabaseError); " \
                            "build one with `factcheck index build --out FILE`\n"


def test_real_paths_are_the_resolved_paths(tmp_path: Path, monkeypatch) -> None:
    """Each folder is resolved once, not each file: the same paths, links and relative ones included."""
    from factcheck.cache import real_paths

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "real" / "b.yaml").write_text("", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "c.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    monkeypatch.chdir(tmp_path / "real")
    files = [tmp_path / "linked" / "a.yaml", tmp_path / "real" / "b.yaml", tmp_path / "real" / "c.yaml",
             Path("b.yaml"), Path("../linked/../real/a.yaml")]
    assert real_paths(files) == [path.resolve() for path in files]
