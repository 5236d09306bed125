"""`add` into a store whose index is cached and current checks the new statement against the
index instead of reading the store (issue 19: one add in under 2 s at 100,000 statements). It
must accept and refuse exactly what a whole-store read does, with the same messages and exit
status, and write the same bytes: every test here runs both on the same input."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from factcheck import editing
from factcheck.cli import cli

from conftest import MINI_DOCUMENT, MINI_STORE

STORE = MINI_STORE.replace(
    "  gazette:", '  checks-1: {publisher: Checks, published: 2021-01-02, url: "https://checks.example/1", '
                 "review: {rating: \"False\", claim: Acme bought Globex}}\n  gazette:") + """\
  # Initech's contracts
  - id: initech-globex-2021-05-supply-contract
    claim: Initech signed a supply contract with Globex in May 2021
    verdict: supported
    parties: [initech, globex]
    deal: supply contract
    date: 2021-05
    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]
  # end of the statements
"""
"""The mini store with a review among its sources, and comments between and after statements."""

ADD = ["add", "--claim", "Initech signed a supply contract with Globex in May 2021 for robots", "--verdict",
       "supported", "--party", "initech", "--party", "globex", "--date", "2021-05", "--deal", "supply contract",
       "--source", "gazette", "--quote", "Acme and Globex set up a joint venture", "--force"]
"""A statement whose proposed id is taken (it gets `-2`)."""


class Run(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str
    store: str
    """The store file written (or not) afterwards."""


def _layout(folder: Path, text: str) -> None:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "gazette.txt").write_text(MINI_DOCUMENT, encoding="utf-8")
    (folder / "store.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def _runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], text: str = STORE,
          layout=_layout, store: str = "store.yaml", written: str = "store.yaml") -> tuple[Run, Run]:  # noqa: ANN001
    """`factcheck add` on two copies of one store: reading the whole store (no index cached),
    and reading only its cached index (the store is never parsed: that would fail)."""
    runs = []
    for mode in ("store", "index"):
        folder = tmp_path / mode
        folder.mkdir()
        layout(folder, text)
        monkeypatch.chdir(folder)
        with monkeypatch.context() as patched:
            if mode == "store":
                patched.setenv("FACTCHECK_CACHE", "off")
            else:
                patched.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
                built = CliRunner().invoke(cli, ["check", "--store", str(folder / store), "--fail-on", "none", "x"])
                assert built.exit_code == 0, built.output

                def unread(*args: object) -> None:
                    raise AssertionError("the store was read")

                patched.setattr(editing, "parse_store_files", unread)
            result = CliRunner().invoke(cli, [*args, "--store", store])
        assert not isinstance(result.exception, AssertionError), result.exception
        runs.append(Run(result.exit_code, result.stdout, result.stderr,
                        (folder / written).read_text(encoding="utf-8")))
    return runs[0], runs[1]


def test_an_add_reads_the_index_and_writes_what_reading_the_store_writes(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    whole, indexed = _runs(tmp_path, monkeypatch, ADD)
    assert indexed == whole
    assert whole.exit_code == 0
    assert whole.stdout == "added statement initech-globex-2021-05-supply-contract-2 to store.yaml\n"
    assert whole.store.endswith("""\
    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]
  - id: initech-globex-2021-05-supply-contract-2
    claim: Initech signed a supply contract with Globex in May 2021 for robots
    verdict: supported
    parties: [initech, globex]
    deal: supply contract
    date: 2021-05
    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]
  # end of the statements
""")


def test_a_dry_run_shows_the_same_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, indexed = _runs(tmp_path, monkeypatch, [*ADD, "--dry-run"])
    assert indexed == whole
    assert whole.stdout.startswith("--- store.yaml (now)\n+++ store.yaml (new)\n@@ -33,4 +33,11 @@\n")
    assert whole.store == textwrap.dedent(STORE)


QUOTE = ["--source", "gazette", "--quote", "Acme and Globex set up a joint venture"]


@pytest.mark.parametrize("args, errors", [
    (["--id", "acme-globex-2021-03-jv", "--claim", "Initech hired Acme", "--party", "initech", *QUOTE],
     ["store.yaml:13:5: statement id 'acme-globex-2021-03-jv' is already taken", "nothing written"]),
    (["--claim", "Initech hired Acme", "--party", "hooli", "--place", "acme", "--said-by", "nobody", *QUOTE],
     ["store.yaml:39:15: unknown entity 'hooli' in parties",
      "store.yaml:40:14: 'acme' in places is a company, not a place (places are entities of kind place; "
      "a party goes in parties)",
      "store.yaml:41:14: unknown entity 'nobody' in said_by",
      "nothing written: the store would not be valid"]),
    (["--claim", "Initech hired Acme", "--party", "initech", "--source", "herald", "--quote", "Initech hired"],
     ["store.yaml:40:26: unknown source 'herald'", "nothing written: the store would not be valid"]),
    (["--claim", "Initech hired Acme", "--party", "initech", "--source", "checks-1", "--quote", "Initech hired"],
     ["store.yaml:40:43: source 'checks-1' is a review with no archived document to quote; cite it without a quote",
      "nothing written: the store would not be valid"]),
    (["--claim", "Initech hired Acme", "--party", "initech", "--source", "gazette", "--quote", "Acme and Globex set up"
      " a joint venture in Shelbyville"],
     ["store.yaml:40:17: quote of statement 'initech-hired-acme' not found in docs/gazette.txt; closest passage "
      "docs/gazette.txt:1:1 (similarity 90) differs at docs/gazette.txt:1:44: the quote has 'h', the document 'p'",
      "nothing written: the store would not be valid"]),
    (["--id", "Initech_Acme", "--claim", "Initech hired Acme", "--party", "initech", *QUOTE],
     ["store.yaml:36:9: statements[3].id: 'Initech_Acme' is not a valid id (lowercase letters, digits, '.', '_', "
      "'-')", "nothing written: the store would not be valid"]),
])
def test_a_refused_add_is_refused_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                        errors: list[str]) -> None:
    whole, indexed = _runs(tmp_path, monkeypatch, ["add", "--verdict", "supported", "--force", *args])
    assert indexed == whole
    assert whole.exit_code == 2
    assert whole.store == textwrap.dedent(STORE)
    assert whole.stderr.splitlines() == errors


def test_a_near_duplicate_is_refused_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, indexed = _runs(tmp_path, monkeypatch, [a for a in ADD if a != "--force"])
    assert indexed == whole
    assert whole.exit_code == 1
    assert whole.stderr.endswith("not added (--force adds it anyway)\n")


def _folder_store(folder: Path, text: str) -> None:
    """Entities and sources in one file, statements in another, documents beside the folder
    (`document_root: ..`)."""
    _layout(folder, text)
    (folder / "store.yaml").unlink()
    (folder / "desk").mkdir()
    head, statements = textwrap.dedent(text).split("statements:\n")
    (folder / "desk" / "a.yaml").write_text(head.replace("version: 1\n", "version: 1\ndocument_root: ..\n")
                                            + "statements: []\n", encoding="utf-8")
    (folder / "desk" / "b.yaml").write_text("version: 1\nstatements:\n" + statements, encoding="utf-8")


@pytest.mark.parametrize("quote", ["Acme and Globex set up a joint venture", "Acme and Globex set up a venture"])
def test_a_folder_store_indexed_from_elsewhere_reads_documents_where_the_store_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quote: str) -> None:
    """The index was built with the store's absolute path; the add names it relatively, from
    another folder: documents and messages follow the paths of this run."""
    args = ["add", "--into", "desk/b.yaml", "--claim", "Initech hired Acme", "--verdict", "supported",
            "--party", "initech", "--source", "gazette", "--quote", quote]
    whole, indexed = _runs(tmp_path, monkeypatch, args, layout=_folder_store, store="desk", written="desk/b.yaml")
    assert indexed == whole
    if quote.endswith("joint venture"):
        assert (whole.exit_code, whole.stdout) == (0, "added statement initech-hired-acme to desk/b.yaml\n")
    else:
        assert whole.exit_code == 2
        assert whole.stderr.startswith("desk/b.yaml:30:17: quote of statement 'initech-hired-acme' not "
                                       "found in docs/gazette.txt; closest passage docs/gazette.txt:1:1")


def test_a_store_changed_since_its_index_was_built_is_read_whole(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _layout(tmp_path, STORE)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "--store", "store.yaml", "--fail-on", "none", "x"]).exit_code == 0
    with open("store.yaml", "a", encoding="utf-8") as store:
        store.write("  - id: initech-globex-2021-05-supply-contract-2\n    claim: Initech bought robots\n"
                    "    verdict: supported\n    parties: [initech]\n"
                    '    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]\n')
    read = []
    monkeypatch.setattr(editing, "parse_store_files", lambda files, real=editing.parse_store_files:
                        read.append(files) or real(files))
    result = runner.invoke(cli, [*ADD, "--store", "store.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "added statement initech-globex-2021-05-supply-contract-3 to store.yaml\n"
    assert len(read) == 1
