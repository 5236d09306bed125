"""Shared fixtures: the shipped store, and small stores written into tmp_path for each test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.index import StoreIndex, build_index
from factcheck.store import default_store_paths, load_store

ROOT = Path(__file__).resolve().parent.parent

MINI_STORE = """\
version: 1
entities:
  acme: {name: Acme Corp, aliases: [Acme, ACME Corporation], kind: company}
  globex: {name: Globex, aliases: [Globex Group], kind: company}
  initech: {name: Initech, kind: company}
  regulator: {name: Trade Authority, aliases: [TA], kind: regulator}
  springfield: {name: Springfield, kind: place}
  shelbyville: {name: Shelbyville, kind: place}
sources:
  gazette: {title: Acme and Globex deal, publisher: The Gazette, published: 2021-03-05, url: "https://gazette.example/acme-globex", document: docs/gazette.txt}
statements:
  - id: acme-globex-2021-03-jv
    claim: Acme and Globex set up a joint venture in Springfield on 4 March 2021
    verdict: supported
    parties: [acme, globex]
    places: [springfield]
    deal: joint venture
    date: 2021-03-04
    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture in Springfield"}]
  - id: acme-initech-2021-03-acquisition
    claim: Acme agreed to buy Initech for $2 billion
    verdict: denied
    parties: [acme, initech]
    deal: acquisition
    date: 2021-03
    citations: [{source: gazette, quote: "Acme denied reports that it agreed to buy Initech for $2 billion"}]
"""

RECORDED_DENIAL = """\
  - id: acme-initech-2021-03-denial
    claim: Acme denied reports that it agreed to buy Initech for $2 billion
    verdict: supported
    parties: [acme, initech]
    deal: denial
    date: 2021-03
    said_by: acme
    citations: [{source: gazette, quote: "Acme denied reports that it agreed to buy Initech for $2 billion"}]
"""
"""The rumour's denial as a statement of its own, as the store format records denials: what
"Acme denied …" is checked against (the rumour statement records the event as false, not who
denied it)."""

MINI_DOCUMENT = """\
Acme and Globex set up a joint venture in Springfield, the companies said on Thursday.
Acme denied reports that it agreed to buy Initech for $2 billion.
"""


def write_store(folder: Path, text: str = MINI_STORE, name: str = "store.yaml") -> Path:
    """A store file (and its document) in `folder`; returns the store file's path."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "gazette.txt").write_text(MINI_DOCUMENT, encoding="utf-8")
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def mini_store(tmp_path: Path) -> Path:
    return write_store(tmp_path)


@pytest.fixture
def mini_store_with_denial(tmp_path: Path) -> Path:
    return write_store(tmp_path, MINI_STORE + RECORDED_DENIAL)


@pytest.fixture(scope="session")
def shipped_index() -> StoreIndex:
    return build_index(load_store(default_store_paths()))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's own index cache."""
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path_factory.getbasetemp() / "index-cache"))
