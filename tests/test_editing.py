"""Curating the store: add, add-entity, add-source write safely and keep the file as it was written."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import cli as cli_module
from factcheck.cli import cli
from factcheck.editing import Changes, apply_changes
from factcheck.ids import propose_id, slug
from factcheck.sources import citation_problems
from factcheck.store import Citation, Entity, load_store, read_store

from conftest import MINI_STORE, write_store

COMMENTED = MINI_STORE.replace("version: 1\n", "# the desk's store\nversion: 1   # format\n").replace(
    "statements:\n", "statements:\n\n  # === The Gazette, March 2021\n") + "  # end of the Gazette's statements\n"

ADD_HOOLI = ["add", "--claim", "Initech signed a supply contract with Globex in May 2021", "--verdict", "supported",
             "--party", "initech", "--party", "globex", "--date", "2021-05", "--deal", "supply contract",
             "--source", "gazette", "--quote", "Acme and Globex set up a joint venture"]


def invoke(runner: CliRunner, store: Path, *args: str, **kwargs):  # noqa: ANN003
    return runner.invoke(cli, [*args, "--store", str(store)], **kwargs)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_add_appends_in_the_files_style_and_keeps_every_byte_before(runner: CliRunner, tmp_path: Path) -> None:
    store = write_store(tmp_path, COMMENTED)
    before = store.read_text(encoding="utf-8")
    result = invoke(runner, store, *ADD_HOOLI)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added statement initech-globex-2021-05-supply-contract to {store}\n"
    after = store.read_text(encoding="utf-8")
    cut = before.index("  # end of the Gazette's statements\n")
    assert after.startswith(before[:cut]) and after.endswith(before[cut:])
    added = after[len(before[:cut]):len(after) - len(before[cut:])]
    assert added.splitlines() == [
        "  - id: initech-globex-2021-05-supply-contract",
        "    claim: Initech signed a supply contract with Globex in May 2021",
        "    verdict: supported",
        "    parties: [initech, globex]",
        "    deal: supply contract",
        "    date: 2021-05",
        '    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]',
    ]
    assert after.startswith("# the desk's store\nversion: 1   # format\n")
    assert len(load_store([store]).statements) == 3


def test_new_entity_and_source_go_at_the_end_of_their_sections(runner: CliRunner, tmp_path: Path) -> None:
    store = write_store(tmp_path)
    (tmp_path / "docs" / "herald.txt").write_text("Hooli agreed to buy Initech, the Herald learnt.\n", encoding="utf-8")
    assert invoke(runner, store, "add-entity", "hooli", "--name", "Hooli", "--alias", "Hooli Inc.", "--alias",
                  "Hooli: the company", "--kind", "company", "--parent", "acme").exit_code == 0
    result = invoke(runner, store, "add-source", "herald", "--title", "Hooli's deal", "--publisher", "The Herald",
                    "--published", "2021", "--url", "https://herald.example/hooli", "--document", "docs/herald.txt")
    assert result.exit_code == 0, result.output
    lines = store.read_text(encoding="utf-8").splitlines()
    assert lines[8] == ('  hooli: {name: Hooli, aliases: [Hooli Inc., "Hooli: the company"], kind: company, '
                        'parent: acme}')
    assert lines[9] == "sources:"
    assert lines[11] == ('  herald: {title: Hooli\'s deal, publisher: The Herald, published: "2021", '
                         'url: "https://herald.example/hooli", document: docs/herald.txt}')
    loaded = load_store([store])
    assert loaded.entities["hooli"].aliases == ("Hooli Inc.", "Hooli: the company")
    assert loaded.sources["herald"].published == "2021"


def test_sections_missing_from_the_file_are_created_in_the_usual_order(tmp_path: Path) -> None:
    write_store(tmp_path)
    store = tmp_path / "bare.yaml"
    store.write_text("version: 1\nstatements: []   # nothing yet\n", encoding="utf-8")
    apply_changes([store], store, Changes(entities=(Entity("acme", "Acme", "company"),)))
    assert store.read_text(encoding="utf-8") == (
        "version: 1\nentities:\n  acme: {name: Acme, kind: company}\nstatements: []   # nothing yet\n")


def test_proposed_ids_are_numbered_when_taken(runner: CliRunner, tmp_path: Path) -> None:
    store = write_store(tmp_path)
    assert invoke(runner, store, *ADD_HOOLI).exit_code == 0
    other = [a if a != ADD_HOOLI[2] else "Initech and Globex agreed to swap plants in Shelbyville" for a in ADD_HOOLI]
    result = invoke(runner, store, *other)
    assert result.exit_code == 0, result.output
    assert [s.id for s in load_store([store]).statements][2:] == [
        "initech-globex-2021-05-supply-contract", "initech-globex-2021-05-supply-contract-2"]


def test_id_scheme() -> None:
    assert slug("Joint Venture (JV) – Ünïcode") == "joint-venture-jv-unicode"
    assert propose_id(("acme", "globex"), "2021-03", "joint venture", "", set()) == "acme-globex-2021-03-joint-venture"
    assert propose_id((), None, None, "Acme said it would never, ever sell its Springfield plant", {"x"}) == \
        "acme-said-it-would-never-ever"
    assert propose_id(("a", "b", "c", "d"), None, "收购", "收购", {"a-b-c"}) == "a-b-c-2"
    assert propose_id((), None, None, "收购", set()) == "statement"


def test_duplicate_id_is_refused_and_the_file_left_alone(runner: CliRunner, mini_store: Path) -> None:
    before = mini_store.read_bytes()
    result = invoke(runner, mini_store, *ADD_HOOLI, "--id", "acme-globex-2021-03-jv")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{mini_store}:12:5: statement id 'acme-globex-2021-03-jv' is already taken", "nothing written"]
    assert mini_store.read_bytes() == before


@pytest.mark.parametrize("change, error", [
    (["--party", "hooli"], "{path}:30:15: unknown entity 'hooli' in parties"),
    (["--quote", "Acme denied everything"], "{path}:33:17: quote of statement 'initech-globex-2021-05-supply-contract' "
                                            "not found in docs/gazette.txt; closest passage {docs}/gazette.txt:2:1 "
                                            "(similarity 73) differs at {docs}/gazette.txt:2:13: the quote has 'e', "
                                            "the document 'r'"),
    (["--date", "2021-13"], None),
])
def test_a_change_that_would_not_validate_is_refused_byte_for_byte(
        runner: CliRunner, mini_store: Path, change: list[str], error: str | None) -> None:
    before = mini_store.read_bytes()
    args = list(ADD_HOOLI)
    option = change[0]
    args[args.index(option) + 1] = change[1]
    result = invoke(runner, mini_store, *args)
    assert result.exit_code == 2
    if error:
        assert result.stderr.splitlines() == [error.format(path=mini_store, docs=mini_store.parent / "docs"),
                                              "nothing written: the store would not be valid"]
    else:
        assert "'2021-13' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY" in result.stderr
    assert mini_store.read_bytes() == before
    assert temp_files(mini_store.parent) == []


def test_near_duplicate_is_shown_and_not_added_unless_forced(runner: CliRunner, mini_store: Path) -> None:
    before = mini_store.read_bytes()
    args = ["add", "--claim", "Acme had agreed to buy Initech for $2 billion", "--verdict", "supported",
            "--party", "acme", "--party", "initech", "--source", "gazette",
            "--quote", "Acme denied reports that it agreed to buy Initech for $2 billion"]
    result = invoke(runner, mini_store, *args)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{mini_store}:20:5: warning: the new statement nearly duplicates "
                               "'acme-initech-2021-03-acquisition' (similarity ")
    assert lines[0].endswith("; check gives the new claim: denied)")
    assert lines[1:] == ["  stored: Acme agreed to buy Initech for $2 billion (denied)",
                         "  new:    Acme had agreed to buy Initech for $2 billion",
                         "not added (--force adds it anyway)"]
    assert mini_store.read_bytes() == before
    forced = invoke(runner, mini_store, *args, "--force")
    assert forced.exit_code == 0, forced.output
    assert len(load_store([mini_store]).statements) == 3


def test_dry_run_shows_the_change_and_writes_nothing(runner: CliRunner, mini_store: Path) -> None:
    before = mini_store.read_bytes()
    result = invoke(runner, mini_store, *ADD_HOOLI, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [f"--- {mini_store} (now)", f"+++ {mini_store} (new)"]
    assert "+  - id: initech-globex-2021-05-supply-contract" in result.stdout.splitlines()
    assert result.stderr.splitlines() == [
        "dry run: nothing written", f"would add statement initech-globex-2021-05-supply-contract to {mini_store}"]
    assert mini_store.read_bytes() == before
    assert temp_files(mini_store.parent) == []


def test_missing_fields_without_a_terminal_are_a_usage_error(runner: CliRunner, mini_store: Path) -> None:
    result = invoke(runner, mini_store, "add", "--claim", "Acme bought Globex")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(  # after click's "Error: " prefix
        "missing --verdict, --source, --quote (or run on a terminal to be asked for them)")


def test_on_a_terminal_add_asks_for_what_is_missing_and_for_new_entities_and_sources(
        runner: CliRunner, mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    (mini_store.parent / "docs" / "herald.txt").write_text("Hooli bought Initech in June 2022.\n", encoding="utf-8")
    answers = ["Hooli bought Initech in June 2022", "supported", "hooli, initech", "2022-06", "acquisition",
               "herald", "Hooli bought Initech in June 2022",
               "y", "Hooli", "company", "Hooli Inc., Hooli Group",         # new entity hooli
               "y", "Hooli buys Initech", "The Herald", "June 2022", "2022-06-03",  # bad date asked again
               "https://herald.example/a", "docs/herald.txt", ""]              # new source herald
    result = invoke(runner, mini_store, "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'June 2022' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY" in result.output
    store = load_store([mini_store])
    assert store.entities["hooli"].aliases == ("Hooli Inc.", "Hooli Group")
    assert store.sources["herald"].published == "2022-06-03"
    assert store.statement("hooli-initech-2022-06-acquisition").citations == (
        Citation("herald", "Hooli bought Initech in June 2022"),)


def test_read_only_store_file_is_a_clear_error(runner: CliRunner, mini_store: Path) -> None:
    mini_store.chmod(0o444)
    try:
        result = invoke(runner, mini_store, *ADD_HOOLI)
    finally:
        mini_store.chmod(0o644)
    assert result.exit_code == 2
    assert result.stderr == f"{mini_store}: store file is read-only\n"


def test_a_store_locked_by_another_writer_is_a_clear_error(runner: CliRunner, mini_store: Path) -> None:
    from filelock import FileLock

    from factcheck.atomic import lock_path

    before = mini_store.read_bytes()
    lock = lock_path(mini_store)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock):
        result = invoke(runner, mini_store, *ADD_HOOLI, "--lock-timeout", "0.2")
    assert result.exit_code == 2
    assert result.stderr == f"{mini_store}: locked by another writer (waited 0.2 s for {lock})\n"
    assert mini_store.read_bytes() == before


def test_writes_leave_no_lock_in_the_users_tree_and_a_dry_run_takes_none(runner: CliRunner, mini_store: Path) -> None:
    from filelock import FileLock

    from factcheck.atomic import lock_path

    before = sorted(p.name for p in mini_store.parent.iterdir())
    lock = lock_path(mini_store)
    assert lock_path(mini_store.parent / "docs" / ".." / mini_store.name) == lock  # one lock per file
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock):  # a writer holds it: a dry run does not wait
        dry = invoke(runner, mini_store, *ADD_HOOLI, "--lock-timeout", "0", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert invoke(runner, mini_store, *ADD_HOOLI).exit_code == 0
    assert sorted(p.name for p in mini_store.parent.iterdir()) == before


def test_permissions_line_ends_and_byte_order_mark_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    store = write_store(tmp_path)
    original = "\ufeff" + MINI_STORE.replace("\n", "\r\n")
    store.write_bytes(original.encode("utf-8"))
    store.chmod(0o640)
    assert invoke(runner, store, *ADD_HOOLI).exit_code == 0
    data = store.read_bytes().decode("utf-8")
    assert data.startswith(original)
    assert "\n" not in data.replace("\r\n", "")
    assert stat.S_IMODE(store.stat().st_mode) == 0o640


def test_a_store_of_several_files_needs_into(runner: CliRunner, tmp_path: Path) -> None:
    write_store(tmp_path)
    (tmp_path / "more.yaml").write_text("version: 1\nstatements: []\n", encoding="utf-8")
    result = runner.invoke(cli, [*ADD_HOOLI, "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "the store has several files: choose the one to write with --into FILE" in result.stderr
    result = runner.invoke(cli, [*ADD_HOOLI, "--store", str(tmp_path), "--into", str(tmp_path / "more.yaml")])
    assert result.exit_code == 0, result.output
    assert "initech-globex-2021-05-supply-contract" in (tmp_path / "more.yaml").read_text(encoding="utf-8")
    assert len(load_store([tmp_path]).statements) == 3


def test_a_missing_store_file_becomes_a_new_store(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "new.yaml"
    result = invoke(runner, store, "add-entity", "acme", "--name", "Acme", "--kind", "company")
    assert result.exit_code == 0, result.output
    assert store.read_text(encoding="utf-8") == (
        "version: 1\nentities:\n  acme: {name: Acme, kind: company}\nstatements: []\n")


# --- concurrency and crashes --------------------------------------------------------------------

def _add_command(store: Path, number: int) -> list[str]:
    return [sys.executable, "-m", "factcheck", "add", "--store", str(store), "--force",
            "--claim", f"Initech signed supply contract number {number} with Globex",
            "--verdict", "supported", "--party", "initech", "--party", "globex", "--date", "2021-05",
            "--deal", "supply contract", "--source", "gazette",
            "--quote", "Acme and Globex set up a joint venture", "--lock-timeout", "120"]


def _valid(store: Path) -> list[str]:
    """Statement ids of a store that passes everything `factcheck validate` checks."""
    loaded, problems = read_store([store])
    assert loaded is not None, problems
    assert citation_problems(loaded) == []
    return [s.id for s in loaded.statements]


def test_twenty_concurrent_adds_all_land(mini_store: Path) -> None:
    processes = [subprocess.Popen(_add_command(mini_store, n), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for n in range(20)]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in processes]  # type: ignore[union-attr]
    for p in processes:
        p.stdout.close()  # type: ignore[union-attr]
        p.stderr.close()  # type: ignore[union-attr]
    assert [code for code, _ in results] == [0] * 20, results
    ids = _valid(mini_store)
    assert len(ids) == 22
    assert ids[2:] == sorted(ids[2:], key=lambda i: (len(i), i))
    assert set(ids[2:]) == {"initech-globex-2021-05-supply-contract"} | {
        f"initech-globex-2021-05-supply-contract-{n}" for n in range(2, 21)}
    claims = {s.claim for s in load_store([mini_store]).statements}
    assert {f"Initech signed supply contract number {n} with Globex" for n in range(20)} <= claims
    assert temp_files(mini_store.parent) == []


FAULT = """
import os, sys
from factcheck.cli import main

name, _, when = sys.argv.pop(1).partition(":")
real = getattr(os, name)

def die(*args):
    if name == "replace" and not str(args[1]).endswith(".yaml"):
        return real(*args)  # the index cache's record of file hashes, written before the store
    if name == "write":
        real(args[0], bytes(args[1])[: len(args[1]) // 2])  # half the new file reaches the disk
    elif when == "after":
        real(*args)
    os._exit(137)

setattr(os, name, die)
sys.argv[0] = "factcheck"
main()
"""


@pytest.mark.parametrize("step", ["write", "fsync", "fsync:after", "replace", "replace:after"])
def test_an_add_killed_at_any_step_of_the_write_leaves_a_valid_store(mini_store: Path, step: str) -> None:
    before = mini_store.read_bytes()
    command = _add_command(mini_store, 1)
    process = subprocess.run([sys.executable, "-c", FAULT, step, *command[3:]], capture_output=True, timeout=120)
    assert process.returncode == 137, process.stderr.decode()
    ids = _valid(mini_store)
    if step == "replace:after":
        assert len(ids) == 3  # the rename had happened: the new version, complete
    else:
        assert mini_store.read_bytes() == before
        assert len(temp_files(mini_store.parent)) == 1  # it died mid-write, leaving its temporary file
    # the dead writer's lock is gone with it, and its temporary file is never read as a store file
    assert subprocess.run(_add_command(mini_store, 2), capture_output=True, timeout=120).returncode == 0
    assert len(_valid(mini_store)) == len(ids) + 1
    assert temp_files(mini_store.parent) == []


def test_adds_killed_at_random_moments_leave_a_valid_store(mini_store: Path) -> None:
    import signal
    import time

    count = len(_valid(mini_store))
    outcomes = []
    # Kills from 0.05 s to 1.6 s after the start, spread evenly on a log scale: start-up, reading
    # and writing are all hit however fast this machine runs an add.
    for run, delay in enumerate(0.05 * 32 ** (k / 11) for k in range(12)):
        process = subprocess.Popen(_add_command(mini_store, run), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        code = process.wait()
        after = len(_valid(mini_store))
        assert after in (count, count + 1)
        outcomes.append((code, after - count))
        count = after
    assert any(code == -signal.SIGKILL for code, _ in outcomes)
    assert subprocess.run(_add_command(mini_store, 99), capture_output=True, timeout=120).returncode == 0
    assert len(_valid(mini_store)) == count + 1
    assert temp_files(mini_store.parent) == []
