"""The fault campaign of issue 16, repeatable: 42 cases of damaged caches, concurrent, killed and
starved writes, hostile stores and inputs, signals, and a time-boxed fuzzer of `check`.

Every case runs factcheck as users do, as whole processes in a fresh temporary folder with a
private index cache, and is reported as `held` or `broke` with what was seen. Cases that once
ate memory run with their address space capped (`--memory-gb`), so a regression fails fast
instead of taking the machine with it; cases that once hung run under a timeout.

    python benchmarks/faults.py                       # all 42, about five minutes on 2 cores
    python benchmarks/faults.py --only signals        # the cases whose name contains "signals"
    python benchmarks/faults.py --fuzz-seconds 600    # a longer fuzz
    python benchmarks/faults.py --list

The fuzzer is hypothesis over `factcheck check -` through the real CLI (so the output is really
encoded as UTF-8): JSON lines whose claims and ids mix Unicode categories, lone surrogates as
JSON escapes, huge numbers and date-like words, with `--today` anywhere from year 1 to 9999.
Needs the test extra (`pip install -e '.[test]'`) for hypothesis and the test suite's mini store.
Exit status 0 when every case held, 1 otherwise. Linux only (/proc, fork, RLIMIT_FSIZE).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import MINI_STORE, write_store  # noqa: E402 - the suite's mini store and its document
from processes import alive, children, wait_until  # noqa: E402

DENIED = "Acme agreed to buy Initech for $2 billion"
SHIPPED_CLAIM = "China Telecom signed a strategic cooperation agreement with Alibaba on 2 November 2020"
MiB = 2 ** 20


class Broke(Exception):
    """A case that did not hold; the message says what was seen."""


@dataclass
class Done:
    code: int | None
    """Exit status; a negative number is the signal that ended it; None after the timeout."""
    out: str
    err: str
    seconds: float
    peak_mb: float
    """Peak resident memory of the process (and of the children it waited for)."""


def expect(condition: object, message: str) -> None:
    if not condition:
        raise Broke(message)


class Workspace:
    """A fresh folder for one case, with a private cache and helpers to run the CLI in it."""

    def __init__(self, folder: Path, memory_gb: float) -> None:
        self.folder = folder
        self.cache = folder / "cache"
        self.memory = int(memory_gb * 2 ** 30)

    def store(self, name: str = "store", text: str = MINI_STORE) -> Path:
        return write_store(self.folder / name, text)

    def env(self) -> dict[str, str]:
        return {**os.environ, "FACTCHECK_CACHE": str(self.cache), "PYTHONPATH": str(ROOT)}

    def popen(self, *args: str, stdin=subprocess.DEVNULL, group: bool = False, file_limit: int = 0,
              cwd: Path | None = None) -> subprocess.Popen:
        memory = self.memory

        def limits() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            if file_limit:  # a full disk: writing past it fails with EFBIG instead of killing
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

        return subprocess.Popen([sys.executable, "-m", "factcheck", *args], stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=limits, start_new_session=group,
                                env=self.env(), cwd=cwd or self.folder)

    def run(self, *args: str, input: str | bytes | None = None, stdin=None, timeout: float = 120,
            file_limit: int = 0, cwd: Path | None = None) -> Done:
        """The command to its end (or killed at `timeout`), with its own peak memory."""
        data = input.encode() if isinstance(input, str) else input
        started = time.monotonic()
        process = self.popen(*args, stdin=subprocess.PIPE if data is not None else (stdin or subprocess.DEVNULL),
                             file_limit=file_limit, cwd=cwd)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        out, err = collect(process, data)
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        timed_out = time.monotonic() - started >= timeout
        return Done(None if timed_out else process.returncode, out, err, time.monotonic() - started,
                    usage.ru_maxrss / 1024)


def collect(process: subprocess.Popen, data: bytes | None) -> tuple[str, str]:
    """A process's output, read to its end without reaping it (so wait4 can report its memory)."""
    chunks: dict[str, bytes] = {}

    def read(name: str, stream) -> None:  # noqa: ANN001
        chunks[name] = stream.read()

    readers = [threading.Thread(target=read, args=(name, stream))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    if data is not None:
        try:
            process.stdin.write(data)  # type: ignore[union-attr]
            process.stdin.close()  # type: ignore[union-attr]
        except BrokenPipeError:
            pass
    for reader in readers:
        reader.join()
    return (chunks["out"].decode("utf-8", "replace"), chunks["err"].decode("utf-8", "replace"))


def no_internal_error(done: Done) -> None:
    expect(done.code is not None, f"no answer in {done.seconds:.0f} s")
    expect("Traceback" not in done.err and "internal error" not in done.err,
           f"exit {done.code}: {done.err.strip()[:300]}")


def verdicts(done: Done) -> list[str]:
    return [json.loads(line)["verdict"] for line in done.out.splitlines()]


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp")) if folder.exists() else []


CASES: list[tuple[str, Callable[[Workspace], str]]] = []


def case(name: str) -> Callable:
    def register(function: Callable[[Workspace], str]) -> Callable[[Workspace], str]:
        CASES.append((name, function))
        return function
    return register


# --- the index cache -------------------------------------------------------------------------------


def damaged_cache(ws: Workspace, damage: Callable[[Path], None]) -> str:
    store = ws.store()
    expect(ws.run("check", "--store", str(store), DENIED).code == 1, "the first check failed")
    for entry in [p for p in ws.cache.rglob("*") if p.is_file()]:
        damage(entry)
    for attempt in range(2):
        done = ws.run("check", "--store", str(store), "--format", "json", DENIED)
        no_internal_error(done)
        expect(done.code == 1 and json.loads(done.out)["results"][0]["verdict"] == "denied", f"run {attempt + 1}: {done.err}")
    return "right verdict twice"


@case("cache: index file truncated to half")
def cache_truncated(ws: Workspace) -> str:
    return damaged_cache(ws, lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]))


@case("cache: index file empty, or random bytes")
def cache_garbage(ws: Workspace) -> str:
    damaged_cache(ws, lambda p: p.write_bytes(b""))
    return damaged_cache(ws, lambda p: p.write_bytes(os.urandom(4096)))


@case("cache: index file replaced by a directory")
def cache_directory(ws: Workspace) -> str:
    def into_directory(path: Path) -> None:
        path.unlink()
        path.mkdir()
    return damaged_cache(ws, into_directory)


@case("cache: folder cannot be created (read-only cache)")
def cache_unwritable(ws: Workspace) -> str:
    store = ws.store()
    blocker = ws.folder / "a-file"
    blocker.write_text("x")
    ws.cache = blocker / "cache"
    for _ in range(2):
        done = ws.run("check", "--store", str(store), DENIED)
        expect((done.code, done.err) == (1, ""), f"exit {done.code}: {done.err}")
    return "answers from an index in memory, silently"


@case("cache: file-hash record corrupt or huge")
def cache_record(ws: Workspace) -> str:
    store = ws.store()
    ws.run("check", "--store", str(store), DENIED)
    record = ws.cache / "file-hashes.json"
    for damage in (b'{"files": [1, 2], "keys": "x"}', b"\xff" * 100):
        record.write_bytes(damage)
        done = ws.run("check", "--store", str(store), DENIED)
        expect(done.code == 1 and done.err == "", f"exit {done.code}: {done.err}")
    with record.open("wb") as sparse:
        sparse.truncate(40 * MiB)
    done = ws.run("check", "--store", str(store), DENIED)
    expect(done.code == 1 and done.peak_mb < 500, f"exit {done.code}, {done.peak_mb:.0f} MB")
    return f"ignored and rewritten (40 MiB record: {done.peak_mb:.0f} MB peak)"


@case("cache: 25 random corruptions of the shipped store's index")
def cache_random(ws: Workspace) -> str:
    ws.run("check", SHIPPED_CLAIM)
    [index] = ws.cache.glob("index-*.sqlite")
    good = index.read_bytes()
    rng = random.Random(16)
    warned = 0
    for trial in range(25):
        data = bytearray(good)
        for _ in range(rng.choice([1, 10, 100])):
            start = rng.randrange(len(data))
            for i in range(start, min(len(data), start + rng.choice([1, 16, 512]))):
                data[i] = rng.randrange(256)
        index.write_bytes(bytes(data))
        for attempt in range(2):
            done = ws.run("check", "--format", "json", "--fail-on", "none", SHIPPED_CLAIM)
            no_internal_error(done)
            expect(done.code == 0 and json.loads(done.out)["results"][0]["verdict"] == "denied",
                   f"corruption {trial}, run {attempt + 1}: exit {done.code} {done.err.strip()[:200]}")
            warned += "warning: the cached index could not be read" in done.err
    return f"every run right; {warned} of 50 runs rebuilt the index with a warning"


@case("cache: facts unreadable during a batch on worker processes")
def cache_batch(ws: Workspace) -> str:
    store = ws.store()
    ws.run("check", "--store", str(store), DENIED)
    [index] = ws.cache.glob("index-*.sqlite")
    with sqlite3.connect(index) as connection:
        connection.execute("UPDATE facts SET blob = x'ff00ff'")
    connection.close()
    done = ws.run("check", "--store", str(store), "--format", "jsonl", "-",
                  input="Zebras have stripes\n" * 60 + f"{DENIED}\n" * 500)
    no_internal_error(done)
    expect(verdicts(done) == ["unverified"] * 60 + ["denied"] * 500, "wrong or missing results")
    expect(done.err.count("warning") == 1, done.err)
    return "560 results, one warning, index rebuilt"


@case("cache: a killed build's temporary file is swept by the next build")
def cache_stale(ws: Workspace) -> str:
    store = ws.store()
    ws.cache.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = ws.cache / f".index-0.sqlite.{dead}.tmp"
    stale.write_bytes(b"half an index")
    os.utime(stale, (time.time() - 7200,) * 2)
    ws.run("check", "--store", str(store), DENIED)
    expect(not stale.exists(), "still there")
    return "removed (two hours old, process gone)"


# --- writes ------------------------------------------------------------------------------------------


def add_args(store: Path, n: int, *extra: str) -> list[str]:
    return ["add", "--store", str(store), "--claim", f"Initech signed supply contract number {n} with Globex",
            "--verdict", "supported", "--party", "initech", "--party", "globex", "--date", "2021-05",
            "--deal", "supply contract", "--source", "gazette",
            "--quote", "Acme and Globex set up a joint venture", "--force", "--lock-timeout", "300", *extra]


def valid(ws: Workspace, store: Path) -> int:
    done = ws.run("validate", "--store", str(store))
    expect(done.code == 0, f"store invalid: {done.out.strip()[:300]}")
    return int(done.err.split()[1])


@case("writes: 50 concurrent adds into one file")
def writes_concurrent(ws: Workspace) -> str:
    store = ws.store()
    processes = [ws.popen(*add_args(store, n)) for n in range(50)]
    codes = [p.wait(timeout=600) for p in processes]
    for p in processes:
        p.communicate()
    expect(codes == [0] * 50, f"exit codes {sorted(set(codes))}")
    expect(valid(ws, store) == 52, "not every statement landed")
    expect(temporaries(store.parent) == [], "temporary files left")
    return "all 50 landed, store valid"


@case("writes: one id added to two files of a folder store at once")
def writes_two_files(ws: Workspace) -> str:
    folder = ws.folder / "store"
    write_store(folder, name="a.yaml")
    (folder / "b.yaml").write_text("version: 1\nstatements: []\n")
    for run in range(10):
        processes = [ws.popen(*add_args(folder, run, "--id", f"same-{run}", "--into", str(folder / name)))
                     for name in ("a.yaml", "b.yaml")]
        outcomes = [(p.wait(timeout=300), p.communicate()[1].decode()) for p in processes]
        expect(sorted(code for code, _ in outcomes) == [0, 2], f"round {run}: {outcomes}")
        expect(not any(".tmp" in err for _, err in outcomes), f"a temporary file named: {outcomes}")
    valid(ws, folder)
    return "10 rounds: one add landed each time, the other refused; store valid"


@case("writes: kill -9 of adds at random moments")
def writes_killed(ws: Workspace) -> str:
    store = ws.store()
    count = valid(ws, store)
    rng = random.Random(9)
    killed = 0
    for run in range(12):
        process = ws.popen(*add_args(store, run))
        time.sleep(rng.uniform(0.05, 1.5))
        process.kill()
        killed += process.wait() == -signal.SIGKILL
        process.communicate()
        after = valid(ws, store)
        expect(after in (count, count + 1), f"run {run}: {after - count} statements added")
        count = after
    expect(ws.run(*add_args(store, 99)).code == 0, "the next add failed")
    expect(temporaries(store.parent) == [], "temporary files left after the next add")
    return f"{killed} of 12 killed mid-run; store valid each time, next add cleaned up"


@case("writes: full disk during an add")
def writes_full_disk(ws: Workspace) -> str:
    store = ws.store()
    before = store.read_bytes()
    done = ws.run(*add_args(store, 1), file_limit=len(before) + 16)
    expect(done.code == 2 and len(done.err.splitlines()) == 1, f"exit {done.code}: {done.err}")
    expect(store.read_bytes() == before and temporaries(store.parent) == [], "store changed or temporary left")
    return done.err.strip().split(": ", 1)[1]


@case("cache: full disk during an index build")
def cache_full_disk(ws: Workspace) -> str:
    store = ws.store()
    done = ws.run("check", "--store", str(store), DENIED, file_limit=8192)
    expect((done.code, done.err) == (1, ""), f"exit {done.code}: {done.err}")
    expect(temporaries(ws.cache) == [], "temporary file left")
    return "answered from memory, nothing left in the cache"


@case("writes: read-only store file")
def writes_read_only(ws: Workspace) -> str:
    store = ws.store()
    store.chmod(0o444)
    done = ws.run(*add_args(store, 1))
    expect((done.code, done.err) == (2, f"{store}: store file is read-only\n"), f"exit {done.code}: {done.err}")
    return "one line, exit 2"


@case("writes: store locked by another writer")
def writes_locked(ws: Workspace) -> str:
    from filelock import FileLock

    from factcheck.atomic import lock_path

    store = ws.store()
    os.environ["FACTCHECK_CACHE"] = str(ws.cache)  # where the writer it runs looks for the lock
    lock = lock_path(store)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock):
        done = ws.run(*add_args(store, 1)[:-2], "--lock-timeout", "0.5")
    expect(done.code == 2 and "locked by another writer" in done.err and done.err.count("\n") == 1, done.err)
    return "one line, exit 2"


@case("writes: add through a symlinked store file")
def writes_symlinked(ws: Workspace) -> str:
    target = ws.store()
    link = target.with_name("link.yaml")  # beside it: documents are relative to the store file's folder
    link.symlink_to(target)
    done = ws.run(*add_args(link, 1))
    expect(done.code == 0, done.err)
    expect(link.is_symlink() and "number 1 with Globex" in target.read_text(), "link replaced or target unchanged")
    return "written to the target, link kept"


@case("stores: a store folder's file symlinked from outside")
def stores_symlinked_file(ws: Workspace) -> str:
    outside = ws.store("outside")
    folder = ws.folder / "store"
    folder.mkdir()
    (folder / "linked.yaml").symlink_to(outside)
    done = ws.run("validate", "--store", str(folder))
    expect(done.code == 2 and "links outside the store folder" in done.err, done.err)
    return "refused, exit 2"


# --- hostile stores -------------------------------------------------------------------------------


def hostile(ws: Workspace, replacement: str, expected: str, *, root: str = "") -> str:
    text = (f"document_root: {root}\n" if root else "") + textwrap.dedent(MINI_STORE).replace(
        "document: docs/gazette.txt", f"document: {replacement}")
    store = ws.store(text=text)
    done = ws.run("validate", "--store", str(store), timeout=30)
    expect(done.code == 2 and expected in done.out and done.seconds < 20 and done.peak_mb < 500,
           f"exit {done.code} in {done.seconds:.1f} s, {done.peak_mb:.0f} MB: {done.out.strip()[:300]}")
    return f"refused in {done.seconds:.1f} s"


@case("hostile store: document_root ../../../.. and document etc/shadow")
def hostile_root(ws: Workspace) -> str:
    return hostile(ws, "etc/shadow", "is outside", root="../../../../../../../..")


@case("hostile store: absolute document path")
def hostile_absolute(ws: Workspace) -> str:
    return hostile(ws, "/etc/passwd", "is an absolute path")


@case("hostile store: document /dev/zero, directly and through a symlink")
def hostile_dev_zero(ws: Workspace) -> str:
    hostile(ws, "/dev/zero", "is an absolute path")
    (ws.folder / "store" / "docs" / "zero.txt").symlink_to("/dev/zero")
    return hostile(ws, "docs/zero.txt", "is outside")


@case("hostile store: --store /dev/zero")
def hostile_store_device(ws: Workspace) -> str:
    for command in (["validate"], ["check", DENIED]):
        done = ws.run(*command, "--store", "/dev/zero", timeout=30)
        expect(done.code == 2 and "not a regular file (a character device)" in done.err and done.peak_mb < 500,
               f"{command[0]}: exit {done.code}, {done.peak_mb:.0f} MB: {done.err.strip()[:200]}")
    return "refused by validate and check"


@case("hostile store: document is a FIFO nobody writes")
def hostile_fifo(ws: Workspace) -> str:
    os.mkfifo(ws.folder / "fifo.txt")
    (ws.folder / "store").mkdir()
    shutil.move(str(ws.folder / "fifo.txt"), ws.folder / "store" / "fifo.txt")
    return hostile(ws, "fifo.txt", "not a regular file (a pipe)")


@case("hostile store: 1 GiB document")
def hostile_huge_document(ws: Workspace) -> str:
    (ws.folder / "store").mkdir()
    with (ws.folder / "store" / "huge.txt").open("wb") as sparse:
        sparse.truncate(2 ** 30)
    return hostile(ws, "huge.txt", "larger than 16 MiB, the limit")


def refused_yaml(ws: Workspace, text: str, expected: str) -> str:
    path = ws.folder / "hostile.yaml"
    path.write_text(text)
    done = ws.run("validate", "--store", str(path), timeout=60)
    expect(done.code == 2 and expected in done.out + done.err and done.seconds < 30 and done.peak_mb < 1000,
           f"exit {done.code} in {done.seconds:.1f} s, {done.peak_mb:.0f} MB: {(done.out + done.err)[:300]}")
    return f"refused in {done.seconds:.1f} s, {done.peak_mb:.0f} MB"


@case("hostile store: YAML alias bomb")
def hostile_alias_bomb(ws: Workspace) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 12)]
    return refused_yaml(ws, "\n".join(lines) + "\n", "refused")


@case("hostile store: YAML nested 100,000 levels")
def hostile_nesting(ws: Workspace) -> str:
    return refused_yaml(ws, "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "hostile.yaml:1:")


@case("hostile store: Python tags")
def hostile_tags(ws: Workspace) -> str:
    marker = ws.folder / "ran"
    result = refused_yaml(ws, f'version: 1\nstatements: !!python/object/apply:os.system ["touch {marker}"]\n',
                          "hostile.yaml:2:")
    expect(not marker.exists(), "the tag ran")
    return result + ", never run"


@case("hostile store: escape sequences in keys and text")
def hostile_escapes(ws: Workspace) -> str:
    store = ws.store(text=MINI_STORE.replace("    deal: acquisition\n", '    deal: acquisition\n    "\\e[2J\\e]8;;x\\u202e": 1\n')
                     .replace("claim: Acme agreed to buy Initech for $2 billion",
                              'claim: "Acme agreed to buy Initech for $2 billion \\e[31m"'))
    done = ws.run("validate", "--store", str(store))
    checked = ws.run("check", "--store", str(store), DENIED)
    for output in (done.out + done.err, checked.out + checked.err):
        expect("\x1b" not in output and "\u202e" not in output, f"raw control characters: {output[:300]!r}")
    return "shown as \\x1b and \\u202e by validate and check"


# --- hostile input ------------------------------------------------------------------------------------


@case("input: lone surrogate in a JSON claim and in an id")
def input_surrogate(ws: Workspace) -> str:
    store = ws.store()
    lines = [json.dumps({"id": str(n), "claim": DENIED}) for n in range(121)]
    lines[30] = '{"id": "30", "claim": "Acme \\ud800 bought Initech"}'
    lines[90] = '{"id": "\\udc00", "claim": "Acme bought Initech"}'
    done = ws.run("check", "--store", str(store), "--format", "jsonl", "--fail-on", "none", "-",
                  input="\n".join(lines) + "\n")
    no_internal_error(done)
    expect(done.code == 2 and len(verdicts(done)) == 119, f"exit {done.code}, {len(done.out.splitlines())} results")
    expect([line.split(":")[1] for line in done.err.splitlines()] == ["31", "91"], done.err)
    return "two errors with line and column, 119 results"


@case("input: check - < /dev/zero")
def input_dev_zero(ws: Workspace) -> str:
    store = ws.store()
    with open("/dev/zero", "rb") as zeros:
        process = ws.popen("check", "--store", str(store), "-", stdin=zeros)
    try:
        line = read_line(process, 60)
        expect(line == "<stdin>:1:1: line is longer than 4 MiB, the limit (one claim per line)", repr(line))
        time.sleep(5)
        status = Path(f"/proc/{process.pid}/status").read_text()
        rss = int(next(row for row in status.splitlines() if row.startswith("VmRSS")).split()[1]) / 1024
        expect(process.poll() is None and rss < 300, f"exit {process.poll()}, {rss:.0f} MB")
    finally:
        process.kill()
        process.communicate()
    return f"error at once, {rss:.0f} MB after 5 s of zeros"


def read_line(process: subprocess.Popen, timeout: float) -> str:
    found: list[bytes] = []
    reader = threading.Thread(target=lambda: found.append(process.stderr.readline()))  # type: ignore[union-attr]
    reader.daemon = True
    reader.start()
    reader.join(timeout)
    return found[0].decode().rstrip("\n") if found else ""


@case("input: scan /dev/zero and a 40 MiB article")
def input_scan_devices(ws: Workspace) -> str:
    store = ws.store()
    huge = ws.folder / "huge.md"
    with huge.open("wb") as sparse:
        sparse.truncate(40 * MiB)
    done = ws.run("scan", "--store", str(store), "/dev/zero", str(huge), timeout=60)
    expect(done.code == 2 and done.err.splitlines()[:2] == [
        "/dev/zero: cannot read: not a regular file (a character device)",
        f"{huge}: cannot read: larger than 32 MiB, the limit"], f"exit {done.code}: {done.err[:300]}")
    return f"both refused in {done.seconds:.1f} s"


@case("input: a 100,000-line Markdown draft")
def input_long_markdown(ws: Workspace) -> str:
    store = ws.store()
    rng = random.Random(1)
    sentences = [f"{DENIED}.", "The weather was fine that day.", "Globex and Acme set up a joint venture.",
                 "Nothing happened here at all, said the mayor.", "Initech signed a licence deal with the TA."]
    draft = ws.folder / "long.md"
    draft.write_text("\n".join(rng.choice(sentences) if n % 3 else "" for n in range(100_000)) + "\n")
    done = ws.run("scan", "--store", str(store), "--format", "json", str(draft), timeout=600)
    no_internal_error(done)
    summary = json.loads(done.out)["summary"]
    expect(summary["sentences"] == 66_666 and done.peak_mb < 300, f"{summary}, {done.peak_mb:.0f} MB")
    return f"{done.seconds:.1f} s, peak {done.peak_mb:.0f} MB ({draft.stat().st_size / MiB:.1f} MiB draft)"


@case("input: a 1 MB claim line among others")
def input_huge_claim(ws: Workspace) -> str:
    store = ws.store()
    done = ws.run("check", "--store", str(store), "--format", "jsonl", "-",
                  input=DENIED + " and so on" * 100_000 + f"\n{DENIED}\n")
    expect(done.code == 2 and verdicts(done) == ["denied"] and done.err.startswith("<stdin>:1:1: claim is "),
           done.err)
    return "an error for its line, the next line checked"


@case("input: invalid UTF-8 and UTF-16 lines")
def input_encodings(ws: Workspace) -> str:
    store = ws.store()
    done = ws.run("check", "--store", str(store), "--format", "jsonl", "-",
                  input=DENIED.encode() + b"\ncaf\xc3\xa9 \xff\n" + "Acme\n".encode("utf-16") + b"\n" + DENIED.encode())
    no_internal_error(done)
    expect(done.code == 2 and len(verdicts(done)) >= 2 and done.err.startswith("<stdin>:2:6: not valid UTF-8"),
           done.err)
    return "each bad line an error, the rest checked"


@case("input: --today 0001-01-01 with a relative date")
def input_today(ws: Workspace) -> str:
    store = ws.store()
    for today in ("0001-01-01", "9999-12-31"):
        done = ws.run("check", "--store", str(store), "--format", "json", "--today", today,
                      "Acme and Globex set up a joint venture yesterday, tomorrow, last year and next year")
        no_internal_error(done)
        expect(done.code == 0 and json.loads(done.out)["results"][0]["verdict"] == "unverified", f"{today}: {done.err}")
    return "unverified: the dates are not dates"


@case("input: store dates that do not exist")
def input_store_dates(ws: Workspace) -> str:
    store = ws.store(text=MINI_STORE.replace("date: 2021-03-04", "date: 2021-02-30")
                     .replace("published: 2021-03-05", "published: 0000-01-01"))
    done = ws.run("validate", "--store", str(store))
    expect(done.code == 2 and done.out.count("is not a date that exists") == 2, done.out)
    searched = ws.run("search", "--store", str(store), "--since", "2021")
    expect(searched.code == 2 and "is not a date that exists" in searched.err, searched.err)
    return "validation errors with their positions; search refuses the store"


@case("output: check's text output shows control characters")
def output_check_text(ws: Workspace) -> str:
    store = ws.store()
    done = ws.run("check", "--store", str(store), DENIED + " \x1b[2J\u202e\x07")
    expect("\x1b" not in done.out and "\u202e" not in done.out and "\\x1b[2J" in done.out, repr(done.out[:200]))
    return "escaped"


@case("output: scan formats escape the store's control characters")
def output_scan_formats(ws: Workspace) -> str:
    store = ws.store(text=MINI_STORE.replace("title: Acme and Globex deal",
                                             'title: "Acme \\e]8;;https://evil.example\\e\\\\ deal \\u202e"'))
    draft = ws.folder / "draft.md"
    draft.write_text(DENIED + ".\n")
    for output_format in ("text", "json", "github", "sarif"):
        done = ws.run("scan", "--store", str(store), "--format", output_format, "--show", "supported,unverified",
                      str(draft))
        expect(done.code == 1 and "\x1b" not in done.out and "\u202e" not in done.out,
               f"{output_format}: {done.out[:300]!r}")
    return "text, json, github and sarif"


# --- signals -----------------------------------------------------------------------------------------------


def large_store(ws: Workspace) -> Path:
    folder = ws.folder / "large"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic_store.py"), "--statements", "30000",
                    "--out", str(folder)], check=True, capture_output=True)
    return folder


def signal_process(process: subprocess.Popen, signum: int, group: bool) -> None:
    """To its process group, as Ctrl-C at a terminal does, or to the process alone, as `kill PID`."""
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)


def interrupted(process: subprocess.Popen, signum: int, group: bool, ready: Callable[[], object],
                what: str) -> tuple[bytes, bytes]:
    """`signum` to a process (or its group) once `ready()` and its workers run; its output, read
    once the workers are gone too. Workers that outlive it hold its output pipes open and their
    memory: the case then says so, and ends them itself."""
    expect(wait_until(lambda: ready() and len(children(process.pid)) >= 2, 120), f"{what} started no workers")
    workers = children(process.pid)
    time.sleep(1)
    try:
        signal_process(process, signum, group)
        output, errors = process.communicate(timeout=60)
        expect(wait_until(lambda: not any(alive(w) for w in workers), 10), "workers outlived their parent")
    except subprocess.TimeoutExpired:
        raise Broke("no end of output: orphaned workers hold the pipes open") from None
    finally:
        for worker in workers:
            if alive(worker):
                os.kill(worker, signal.SIGKILL)
    return output, errors


def interrupted_build(ws: Workspace, signum: int, group: bool) -> str:
    process = ws.popen("check", "--store", str(large_store(ws)), "Acme", group=group)
    _, errors = interrupted(process, signum, group, lambda: temporaries(ws.cache), "the build")
    expect(process.returncode == 128 + signum and b"Traceback" not in errors,
           f"exit {process.returncode}: {errors[-300:]!r}")
    expect(temporaries(ws.cache) == [], "temporary index file left")
    return f"exit {process.returncode}, workers gone, no temporary file"


@case("signals: SIGTERM to the parent during an index build")
def signals_build_term(ws: Workspace) -> str:
    return interrupted_build(ws, signal.SIGTERM, group=False)


@case("signals: Ctrl-C during an index build")
def signals_build_int(ws: Workspace) -> str:
    return interrupted_build(ws, signal.SIGINT, group=True)


def interrupted_batch(ws: Workspace, signum: int, group: bool, output_format: str) -> tuple[int, bytes, bytes]:
    store = ws.store()
    claims = ws.folder / "claims.txt"
    claims.write_text(f"{DENIED}\nNokia bought Infinera\n" * 50_000)
    with claims.open("rb") as stdin:
        process = ws.popen("check", "--store", str(store), "--format", output_format, "--fail-on", "none", "-",
                           stdin=stdin, group=group)
    output, errors = interrupted(process, signum, group, lambda: True, "the batch")
    return process.returncode, output, errors


@case("signals: SIGTERM to the parent during a batch")
def signals_batch_term(ws: Workspace) -> str:
    code, output, errors = interrupted_batch(ws, signal.SIGTERM, False, "jsonl")
    expect(code == 143 and errors == b"", f"exit {code}: {errors[-300:]!r}")
    lines = output.decode().splitlines()
    expect(all(json.loads(line) for line in lines), "a broken JSON line")
    return f"exit 143 after {len(lines)} results, nothing on stderr"


@case("signals: Ctrl-C during a batch, and a closed pipe")
def signals_batch_int(ws: Workspace) -> str:
    code, output, errors = interrupted_batch(ws, signal.SIGINT, True, "json")
    expect(code == 130 and b"Traceback" not in errors, f"exit {code}: {errors[-300:]!r}")
    expect(not output.strip() or isinstance(json.loads(output).get("results"), list), "the JSON document was left open")
    store = ws.folder / "store" / "store.yaml"
    piped = subprocess.run(["bash", "-o", "pipefail", "-c",
                            f"yes '{DENIED}' | head -5000 | {sys.executable} -m factcheck check --store {store} "
                            "--format jsonl - | head -1"], capture_output=True, text=True, timeout=120, env=ws.env())
    expect(piped.stdout.count("\n") == 1 and "Traceback" not in piped.stderr and "Broken pipe" not in piped.stderr,
           piped.stderr[-300:])
    return "exit 130 with a closed JSON array; | head -1 quiet"


# --- fuzzing -------------------------------------------------------------------------------------------------


@case("fuzz: hypothesis over check (claims, ids, surrogates, numbers, dates, --today)")
def fuzz_check(ws: Workspace) -> str:
    from click.testing import CliRunner
    from hypothesis import HealthCheck, given, settings, strategies as st

    from factcheck.cli import cli

    store = ws.store()
    runner = CliRunner(env={"FACTCHECK_CACHE": str(ws.cache)})
    words = st.sampled_from(["Acme", "Initech", "Globex", "agreed", "to buy", "for", "$2 billion", "denied",
                             "yesterday", "last year", "3000 years ago", "999999999 days ago", "30 February 2021",
                             "0000-01-01", "9999-12-31", "1e999", "9" * 5000, "-0", "NaN", "½", "٣", "Ⅻ"])
    text = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"]), max_size=40)
    surrogate = st.sampled_from(["\\ud800", "\\udfff", "\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\\\ud800"])
    pieces = st.lists(st.one_of(words, text.map(lambda t: json.dumps(t)[1:-1]), surrogate), max_size=8)
    claim = pieces.map(" ".join)
    identifier = st.one_of(claim.map(lambda c: f'"{c}"'), st.integers().map(str), st.sampled_from(["null", "[1]"]))
    line = st.builds(lambda c, i: f'{{"id": {i}, "claim": "{c}"}}', claim, identifier)
    failures: list[str] = []

    @given(lines=st.lists(line | claim, min_size=1, max_size=5),
           today=st.dates(min_value=date(1, 1, 1)))
    def run(lines: list[str], today: date) -> None:
        result = runner.invoke(cli, ["check", "--store", str(store), "--format", "jsonl", "--today",
                                     today.isoformat(), "-"], input="\n".join(lines).encode("utf-8", "surrogatepass"))
        problem = None
        if result.exit_code not in (0, 1, 2) or "internal error" in result.stderr or result.exception and \
                not isinstance(result.exception, SystemExit):
            problem = f"exit {result.exit_code}: {result.stderr.strip()[:200]} {result.exception!r}"
        else:
            for out_line in result.stdout.splitlines():
                json.loads(out_line)
        if problem:
            failures.append(f"{problem} on {lines!r} --today {today}")
            raise AssertionError(problem)

    batch = settings(max_examples=50, deadline=None, database=None, derandomize=False,
                     suppress_health_check=list(HealthCheck))(run)
    deadline = time.monotonic() + FUZZ_SECONDS
    examples = 0
    while time.monotonic() < deadline and not failures:  # each call: a new run from a new random seed
        try:
            batch()
        except AssertionError:
            break
        examples += 50
    expect(not failures, failures[0] if failures else "")
    return f"{examples} examples in {FUZZ_SECONDS:.0f} s, no failure"


FUZZ_SECONDS = 60.0


def main() -> int:
    global FUZZ_SECONDS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="run the cases whose name contains TEXT (repeatable)")
    parser.add_argument("--fuzz-seconds", type=float, default=FUZZ_SECONDS, help="the fuzzer's budget (default 60)")
    parser.add_argument("--memory-gb", type=float, default=2.0,
                        help="address space of each factcheck process (default 2): past it, MemoryError")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args()
    FUZZ_SECONDS = args.fuzz_seconds
    chosen = [(name, run) for name, run in CASES if not args.only or any(t in name for t in args.only)]
    if args.list:
        print("\n".join(name for name, _ in chosen))
        return 0
    held = 0
    print(f"{'case':<78} result")
    for number, (name, run) in enumerate(chosen, start=1):
        with tempfile.TemporaryDirectory(prefix="factcheck-faults-") as folder:
            started = time.monotonic()
            try:
                detail, result = run(Workspace(Path(folder), args.memory_gb)), "held"
                held += 1
            except Broke as exc:
                detail, result = str(exc), "BROKE"
            except Exception as exc:  # noqa: BLE001 - a crash of the case itself is a break too
                detail, result = f"{type(exc).__name__}: {exc}", "BROKE"
            elapsed = time.monotonic() - started
        print(f"{number:2}. {name:<74} {result}  ({elapsed:.1f} s) {detail}", flush=True)
    print(f"\n{held} of {len(chosen)} held")
    return 0 if held == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
