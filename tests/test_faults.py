"""The nine breaks of the fault campaign (issue 16), each reproduced as it was found.

The whole campaign, with the cases that already held and the slow ones (fifty concurrent adds,
kills at random moments, a full disk, random index corruption, the time-boxed fuzzer), is
`benchmarks/faults.py`. Cases that need real processes and signals run the command with
subprocess; where the old behaviour ate memory, the child's address space is capped so that a
regression fails fast instead of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import editing
from factcheck.article import read_sentences
from factcheck.cache import load_index
from factcheck.cli import cli
from factcheck.store import read_yaml_file

from conftest import MINI_STORE, write_store
from processes import alive, children, wait_until

ROOT = Path(__file__).resolve().parent.parent
DENIED_CLAIM = "Acme agreed to buy Initech for $2 billion"
ADD = ["add", "--id", "same-id", "--claim", "Globex licensed its patents to Initech", "--verdict", "supported",
       "--party", "globex", "--party", "initech", "--source", "gazette",
       "--quote", "Acme and Globex set up a joint venture", "--force"]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and uses fork")


def factcheck(*args: str, cache: Path, input: str | None = None, memory: int = 0,
              timeout: float = 60) -> subprocess.CompletedProcess:
    """The command as users run it, on `input` (else no standard input); `memory` caps its
    address space (bytes)."""
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=input,
                          stdin=subprocess.DEVNULL if input is None else None, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit, env=environment(cache))


def environment(cache: Path) -> dict[str, str]:
    return {**os.environ, "FACTCHECK_CACHE": str(cache), "PYTHONPATH": str(ROOT)}


def folder_store(tmp_path: Path) -> Path:
    """A store of two files: the mini store in a.yaml, an empty b.yaml."""
    folder = tmp_path / "store"
    write_store(folder, name="a.yaml")
    (folder / "b.yaml").write_text("version: 1\nstatements: []\n", encoding="utf-8")
    return folder


# --- 1. a write locks the whole store ----------------------------------------------------------


def test_a_write_waits_for_the_lock_of_every_file_of_the_store(runner: CliRunner, tmp_path: Path) -> None:
    """Writing b.yaml validates a.yaml too, so a writer of a.yaml must hold b.yaml's writers off."""
    from filelock import FileLock

    folder = folder_store(tmp_path)
    before = (folder / "b.yaml").read_bytes()
    from factcheck.atomic import lock_path

    lock = lock_path(folder / "a.yaml")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock):
        result = runner.invoke(cli, [*ADD, "--store", str(folder), "--into", str(folder / "b.yaml"),
                                     "--lock-timeout", "0.2"])
    assert result.exit_code == 2
    assert result.stderr == (f"{folder / 'b.yaml'}: locked by another writer (waited 0.2 s for "
                             f"{lock})\n")
    assert (folder / "b.yaml").read_bytes() == before


def test_concurrent_adds_of_one_id_into_two_files_leave_one_valid_store(tmp_path: Path) -> None:
    folder = folder_store(tmp_path)
    for run in range(3):
        processes = [subprocess.Popen([sys.executable, "-m", "factcheck", *ADD, "--id", f"same-{run}",
                                       "--store", str(folder), "--into", str(folder / name)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                      env=environment(tmp_path / "cache"))
                     for name in ("a.yaml", "b.yaml")]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
        assert sorted(code for code, _ in outcomes) == [0, 2], outcomes
        assert all(".tmp" not in errors for _, errors in outcomes)
        assert "is already taken" in next(errors for code, errors in outcomes if code == 2)
    assert factcheck("validate", "--store", str(folder), cache=tmp_path / "cache").returncode == 0


def test_a_refused_write_names_the_store_file_never_its_temporary_copy(runner: CliRunner, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """As when another writer lands between reading the store and validating the new text (the
    race the lock now prevents): the messages name the file being written."""
    folder = folder_store(tmp_path)
    read = editing.load_store_files

    def read_then_another_writer_lands(files, parsed):  # noqa: ANN001, ANN202
        store = read(files, parsed)
        (folder / "b.yaml").write_text(textwrap.dedent("""\
            version: 1
            statements:
              - id: same-id
                claim: Initech licensed its patents to Globex
                verdict: supported
                parties: [initech, globex]
                citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]
            """), encoding="utf-8")
        parsed[folder / "b.yaml"] = read_yaml_file(folder / "b.yaml")  # what validation reads of it now
        return store

    monkeypatch.setattr(editing, "load_store_files", read_then_another_writer_lands)
    target = folder / "a.yaml"
    result = runner.invoke(cli, [*ADD, "--store", str(folder), "--into", str(target)])
    assert result.exit_code == 2
    assert ".tmp" not in result.stderr
    assert result.stderr.splitlines()[0] == (f"{folder / 'b.yaml'}:3:9: duplicate statement id 'same-id' "
                                             f"(first at line 27 of {target})")


# --- 2. a store reads documents only where it may, and only regular files, bounded --------------


def secret_and_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file outside any store, and a current folder that holds no store."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$salt$hash:19000:0:99999:7:::\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return secret


def test_a_store_cannot_point_its_document_root_out_of_its_folder(runner: CliRunner, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Else "quote not found" would tell the store's author what any file says."""
    secret_and_elsewhere(tmp_path, monkeypatch)
    path = write_store(tmp_path / "a" / "b", "document_root: ../..\n" + textwrap.dedent(MINI_STORE).replace(
        "document: docs/gazette.txt", "document: secret.txt"))
    result = runner.invoke(cli, ["validate", "--store", str(path)])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{path}:11:12: document of source 'gazette' is outside the store's "
                                          "folder (through a symlink or '..'); not read without --allow-documents"]


def test_an_absolute_document_path_is_refused(runner: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    secret = secret_and_elsewhere(tmp_path, monkeypatch)
    path = write_store(tmp_path / "store", MINI_STORE.replace("document: docs/gazette.txt", f"document: {secret}"))
    result = runner.invoke(cli, ["validate", "--store", str(path), "--allow-documents", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{path}:10:12: document of source 'gazette' is an absolute path; "
                                          "write it relative to the store's document_root"]


def test_documents_may_reach_up_to_the_stores_git_repository(runner: CliRunner, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped layout (data/ beside seeds/) in a repository, validated from anywhere; one step
    further up is outside."""
    secret_and_elsewhere(tmp_path, monkeypatch)
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)
    write_store(repository / "seeds")
    path = repository / "data" / "store.yaml"
    path.parent.mkdir()
    path.write_text("document_root: ..\n" + textwrap.dedent(MINI_STORE).replace(
        "document: docs/gazette.txt", "document: seeds/docs/gazette.txt"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--store", str(path)])
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    path.write_text(path.read_text(encoding="utf-8").replace("document: seeds/", "document: ../secret.txt#"),
                    encoding="utf-8")
    assert runner.invoke(cli, ["validate", "--store", str(path)]).stdout.splitlines() == [
        f"{path}:11:12: document of source 'gazette' is outside the store's git repository (through a symlink "
        "or '..'); not read without --allow-documents"]


@linux_only
def test_a_document_that_is_a_pipe_a_device_or_huge_is_an_error_not_a_hang(tmp_path: Path) -> None:
    path = write_store(tmp_path / "store")
    document = tmp_path / "store" / "docs" / "gazette.txt"
    document.unlink()
    os.mkfifo(document)  # opening it to read would wait for a writer forever
    done = factcheck("validate", "--store", str(path), cache=tmp_path / "cache", timeout=30)
    assert (done.returncode, done.stdout) == (
        2, f"{path}:10:12: document of source 'gazette' cannot be read: not a regular file (a pipe)\n")
    document.unlink()
    with document.open("wb") as sparse:
        sparse.truncate(17 * 2 ** 20)
    done = factcheck("validate", "--store", str(path), cache=tmp_path / "cache", timeout=30)
    assert done.stdout == f"{path}:10:12: document of source 'gazette' cannot be read: larger than 16 MiB, the limit\n"


@linux_only
@pytest.mark.parametrize("command", [["validate"], ["check", DENIED_CLAIM]])
def test_a_device_given_as_the_store_is_refused_before_it_is_read(tmp_path: Path, command: list[str]) -> None:
    done = factcheck(*command, "--store", "/dev/zero", cache=tmp_path / "cache", memory=2 * 2 ** 30, timeout=30)
    assert (done.returncode, done.stderr) == (2, "/dev/zero: not a regular file (a character device); "
                                                 "a store is YAML files\n")


# --- 3. SIGTERM and Ctrl-C during an index build --------------------------------------------------


@pytest.fixture(scope="module")
def large_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough statements for the build to run on several worker processes for a few seconds."""
    folder = tmp_path_factory.mktemp("large")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic_store.py"), "--statements", "8000",
                    "--out", str(folder)], check=True, capture_output=True)
    return folder


@linux_only
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_build_interrupted_stops_its_workers_and_leaves_no_temporary_file(large_store: Path, tmp_path: Path,
                                                                            signum: int, code: int) -> None:
    cache = tmp_path / "cache"
    process = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--store", str(large_store), "Acme"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                               env=environment(cache))
    assert wait_until(lambda: list(cache.glob(".index-*.tmp")) and len(children(process.pid)) >= 2, 120)
    workers = children(process.pid)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C reaches the whole process group
    else:
        process.send_signal(signum)  # as `kill PID` does: the parent alone
    assert process.wait(timeout=60) == code
    assert b"Traceback" not in process.stderr.read()  # type: ignore[union-attr]
    assert wait_until(lambda: not any(alive(w) for w in workers), 10), "workers outlived their parent"
    assert list(cache.glob(".*.tmp")) == []


def test_the_next_build_removes_temporary_files_of_dead_builds(tmp_path: Path, monkeypatch) -> None:
    """A build killed outright (SIGKILL, a power cut) cannot clean up: the next one does, for a
    file an hour old whose process is gone. Other builds' files are left alone."""
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("FACTCHECK_CACHE", str(cache))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = cache / f".index-0.sqlite.{gone}.tmp"
    recent = cache / f".index-1.sqlite.{gone}.tmp"
    running = cache / f".index-2.sqlite.{os.getpid()}.tmp"
    for temporary in (stale, recent, running):
        temporary.write_bytes(b"half an index")
    two_hours_ago = time.time() - 7200
    for temporary in (stale, running):
        os.utime(temporary, (two_hours_ago, two_hours_ago))
    load_index([write_store(tmp_path / "store")])
    assert sorted(cache.glob(".*.tmp")) == sorted([recent, running])


# --- 4. a corrupt index only costs speed ------------------------------------------------------------


def corrupt_facts(cache: Path) -> Path:
    """Every statement's facts replaced by bytes marshal cannot read: the file still opens."""
    [index] = cache.glob("index-*.sqlite")
    with sqlite3.connect(index) as connection:
        connection.execute("UPDATE facts SET blob = x'ff00ff'")
    connection.close()
    return index


@pytest.mark.parametrize("lead", [0, 60])
def test_an_index_that_fails_to_read_is_rebuilt_once_with_a_warning(mini_store: Path, tmp_path: Path,
                                                                    lead: int) -> None:
    """Found in this process, or (after `lead` claims that read no statement, when the batch has
    gone to worker processes) in a worker, which hands its claims back to be checked here."""
    cache = tmp_path / "cache"
    assert factcheck("check", "--store", str(mini_store), DENIED_CLAIM, cache=cache).returncode == 1
    index = corrupt_facts(cache)
    done = factcheck("check", "--store", str(mini_store), "--format", "jsonl", "-", cache=cache, timeout=120,
                     input="Zebras have stripes\n" * lead + f"{DENIED_CLAIM}\n" * 150)
    assert done.returncode == 1, done.stderr
    assert [json.loads(line)["verdict"] for line in done.stdout.splitlines()] == ["unverified"] * lead + [
        "denied"] * 150
    assert len(done.stderr.splitlines()) == 1, done.stderr
    [warning] = done.stderr.splitlines()
    assert warning.startswith(f"{index}: warning: the cached index could not be read (")
    assert warning.endswith("); built it again from the store")
    again = factcheck("check", "--store", str(mini_store), DENIED_CLAIM, cache=cache)
    assert (again.returncode, again.stderr) == (1, "")  # the damaged file was replaced


# --- 5. a lone surrogate is an error of its line ----------------------------------------------------


@pytest.mark.parametrize("field", ["claim", "id"])
def test_a_lone_surrogate_is_an_error_of_its_line_and_the_batch_goes_on(runner: CliRunner, mini_store: Path,
                                                                        field: str) -> None:
    lines = [json.dumps({"id": str(n), "claim": DENIED_CLAIM}) for n in range(121)]
    lines[60] = ('{"id": "60", "claim": "Acme \\ud800 bought Initech"}' if field == "claim"
                 else '{"id": "\\udc00", "claim": "Acme bought Initech"}')
    result = runner.invoke(cli, ["check", "--store", str(mini_store), "--format", "jsonl", "--fail-on", "none"],
                           input="\n".join(lines) + "\n")
    assert result.exit_code == 2
    column = lines[60].index("\\u") + 1
    assert result.stderr == (f"<stdin>:61:{column}: invalid JSON: \\u{'d800' if field == 'claim' else 'dc00'} "
                             "is half of a UTF-16 surrogate pair, not a character\n")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [str(n) for n in range(121) if n != 60]


# --- 6. every read is bounded ---------------------------------------------------------------------------


def test_a_line_past_the_bound_is_an_error_and_is_never_held(runner: CliRunner, mini_store: Path) -> None:
    result = runner.invoke(cli, ["check", "--store", str(mini_store), "--format", "jsonl", "-"],
                           input=b"x" * (6 * 2 ** 20) + b"\n" + DENIED_CLAIM.encode() + b"\n")
    assert result.exit_code == 2
    assert result.stderr == "<stdin>:1:1: line is longer than 4 MiB, the limit (one claim per line)\n"
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["denied"]


@linux_only
def test_claims_from_an_endless_stream_are_refused_in_bounded_memory(mini_store: Path, tmp_path: Path) -> None:
    """`check - < /dev/zero` is one endless line: its error comes at once, and memory stays
    bounded while the rest of it is skipped (until the stream ends, here never)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2 ** 30, 2 * 2 ** 30))

    with open("/dev/zero", "rb") as zeros:
        process = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--store", str(mini_store), "-"],
                                   stdin=zeros, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit,
                                   env=environment(tmp_path / "cache"))
    try:
        ready, _, _ = select.select([process.stderr], [], [], 60)
        assert ready
        assert process.stderr.readline() == (  # type: ignore[union-attr]
            b"<stdin>:1:1: line is longer than 4 MiB, the limit (one claim per line)\n")
        time.sleep(1)
        assert process.poll() is None  # still reading, not dead of MemoryError
    finally:
        process.kill()
        process.wait()


@linux_only
def test_articles_that_are_devices_or_too_large_are_errors(mini_store: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as sparse:
        sparse.truncate(40 * 2 ** 20)
    done = factcheck("scan", "--store", str(mini_store), "/dev/zero", str(huge), cache=tmp_path / "cache",
                     memory=2 * 2 ** 30, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines()[:2] == ["/dev/zero: cannot read: not a regular file (a character device)",
                                            f"{huge}: cannot read: larger than 32 MiB, the limit"]


def test_a_long_article_is_not_held_as_positions(tmp_path: Path) -> None:
    """Each paragraph's character positions are freed once its sentences are found: 30,000
    lines (about a megabyte) peaked at 110 MB of Python objects when they were all kept."""
    text = "".join(f"Acme agreed to buy Initech for ${n} million, the paper said. It was a surprise.\n\n"
                   for n in range(15_000))
    tracemalloc.start()
    try:
        sentences = read_sentences(text, True, "long.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(sentences) == 30_000
    assert (sentences[-1].line, sentences[-1].column) == (29_999, text.split("\n")[29_998].index("It was") + 1)
    assert peak < 60 * 2 ** 20


# --- 7. SIGTERM during a batch ------------------------------------------------------------------------------


@linux_only
def test_sigterm_during_a_batch_exits_143_quietly(mini_store: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.txt"
    claims.write_text((DENIED_CLAIM + "\nNokia bought Infinera\n") * 20_000, encoding="utf-8")
    with claims.open("rb") as stdin:
        process = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--store", str(mini_store),
                                    "--format", "jsonl", "--fail-on", "none", "-"],
                                   stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
                                   env=environment(tmp_path / "cache"))
    assert process.stdout.readline()  # type: ignore[union-attr]
    assert wait_until(lambda: len(children(process.pid)) >= 2, 60)
    workers = children(process.pid)
    process.send_signal(signal.SIGTERM)
    output, errors = process.communicate(timeout=60)
    assert process.returncode == 143
    assert errors == b""
    assert all(json.loads(line)["verdict"] in ("denied", "unverified") for line in output.splitlines())
    assert wait_until(lambda: not any(alive(w) for w in workers), 10)


# --- 8. dates out of range -----------------------------------------------------------------------------


def test_a_relative_date_before_year_one_is_not_a_date(runner: CliRunner, mini_store: Path) -> None:
    result = runner.invoke(cli, ["check", "--store", str(mini_store), "--format", "json", "--today", "0001-01-01",
                                 "Acme and Globex set up a joint venture in Springfield yesterday"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["results"][0]
    assert data["verdict"] == "unverified"
    assert "date: the claim says yesterday, which is not a date" in data["related"][0]["conflicts"]


@pytest.mark.parametrize("day", ["2021-02-30", "0000-01-01"])
def test_a_store_date_that_does_not_exist_is_a_validation_error(runner: CliRunner, tmp_path: Path,
                                                                day: str) -> None:
    path = write_store(tmp_path, MINI_STORE.replace("date: 2021-03-04", f"date: {day}"))
    result = runner.invoke(cli, ["validate", "--store", str(path)])
    assert result.exit_code == 2
    assert result.stdout == f"{path}:18:11: statements[0].date: '{day}' is not a date that exists\n"


# --- 9. every output format escapes what text output escapes ---------------------------------------


@pytest.mark.parametrize("output_format", ["github", "json", "sarif"])
def test_store_text_cannot_drive_the_terminal_in_any_scan_format(runner: CliRunner, tmp_path: Path,
                                                                 output_format: str) -> None:
    path = write_store(tmp_path, MINI_STORE.replace("title: Acme and Globex deal",
                                                    'title: "Acme \\e]8;;https://evil.example\\e\\\\ deal \\u202e"'))
    draft = tmp_path / "draft.md"
    draft.write_text(DENIED_CLAIM + ".\n", encoding="utf-8")
    result = runner.invoke(cli, ["scan", "--store", str(path), "--format", output_format, str(draft)])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    if output_format == "github":
        assert "Acme \\x1b]8;;https%3A//evil.example" not in result.stdout  # the message is data, not a property
        assert "Source: Acme \\x1b]8;;https://evil.example\\x1b\\ deal \\u202e — The Gazette" in result.stdout
    else:  # written as JSON escapes, read back as the same text
        assert "Acme \x1b]8;;https://evil.example\x1b\\ deal \u202e" in strings(json.loads(result.stdout))


def strings(data: object) -> list[str]:
    """Every string in decoded JSON."""
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return [data] if isinstance(data, str) else []
