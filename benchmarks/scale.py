"""How factcheck scales with the size of the store, measured as a user runs it.

For each size, generates a synthetic store with benchmarks/synthetic_store.py (reused when the
work folder already has one of that size and seed), then times the real CLI as separate
processes, with a private index cache (FACTCHECK_CACHE) per size:

- floor: `python -c "import click, rapidfuzz, yaml"` with the same interpreter, run interleaved
  with the cold checks (the cost of any Python process that imports the libraries);
- index build: the first `factcheck check --store DIR --format json CLAIM`, cache empty;
- cold check: median of --runs such checks once the index is cached (a new process each);
- batch: 10,000 claims (the store's claims.jsonl, repeated) piped into
  `factcheck check --store DIR --format jsonl -`, whole process, median rate of --batch-runs
  runs (the machine's speed varies by a tenth or more from one run to the next); the output must
  have one JSON line per claim; its verdicts are compared with the claims' expected verdicts;
- peak memory: the larger of the summed PSS of the measured process group (forked workers) and
  the largest peak RSS (VmHWM) of one of its processes, sampled from /proc every 0.1 s, after the
  first 2 s every 0.5 s.

Prints a Markdown table on standard output, progress on standard error, and keeps the numbers
in WORK/results.json. A command that fails or exceeds --timeout is reported in the table.

    python benchmarks/scale.py [--sizes 1000,10000,100000,1000000] [--runs 7] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "synthetic_store.py"
FLOOR = [sys.executable, "-c", "import click, rapidfuzz, yaml"]
FACTCHECK = [sys.executable, "-m", "factcheck"]
FALLBACK_CLAIM = "Norvale Holdings signed a strategic cooperation agreement with Kestrin Bio."


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Run:
    """One finished (or killed) process: wall time, its own peak RSS, exit status, output."""

    command: list[str]
    seconds: float
    max_rss_mb: float
    exit_code: int | None
    timed_out: bool
    stdout: Path
    stderr: Path

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.exit_code == 0

    def problem(self) -> str:
        return "timeout" if self.timed_out else f"failed (exit {self.exit_code})"

    def stderr_tail(self, lines: int = 15) -> str:
        try:
            text = self.stderr.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
SAMPLE_SECONDS = (0.1, 0.5)
"""Memory is sampled every 0.1 s for a command's first 2 s, then every 0.5 s: a sample reads
smaps_rollup, which walks the page tables of every process of the group (about 10 ms of CPU for
a 300 MB batch), and at ten a second the sampler itself took 5% of a two-core machine from the
command it measured."""
FAST_SAMPLING_SECONDS = 2.0


def group_memory_kb(group: int) -> tuple[int, int]:
    """Memory of the processes of a process group now, in KiB: the sum of their proportional set
    sizes (shared pages split between the processes sharing them, so forked workers are not
    counted twice; RSS where PSS cannot be read), and the largest of their own peak RSS (VmHWM).
    Linux /proc; (0, 0) elsewhere."""
    total = largest = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0, 0
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        fields = data[data.rindex(b")") + 2:].split()  # after "pid (comm) "
        if len(fields) <= 21 or int(fields[2]) != group:  # fields[2]: pgrp
            continue
        rss = int(fields[21]) * PAGE_KB  # field 24 of stat
        try:
            with open(f"/proc/{name}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        rss = int(line.split()[1])
                        break
            with open(f"/proc/{name}/status", "rb") as handle:
                for line in handle:
                    if line.startswith(b"VmHWM:"):
                        largest = max(largest, int(line.split()[1]))
                        break
        except (OSError, ValueError):
            pass
        total += rss
    return total, largest


class GroupSampler(threading.Thread):
    """Peak memory of a process group: the summed memory of all its processes at once (a batch
    that forks workers uses all of theirs), and the largest single process's peak RSS."""

    def __init__(self, group: int) -> None:
        super().__init__(daemon=True)
        self.group, self.peak_kb, self.done = group, 0, threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while True:
            self.peak_kb = max(self.peak_kb, *group_memory_kb(self.group))
            fast = time.perf_counter() - start < FAST_SAMPLING_SECONDS
            if self.done.wait(SAMPLE_SECONDS[0] if fast else SAMPLE_SECONDS[1]):
                return


def measure(command: list[str], scratch: Path, *, env: dict[str, str] | None = None,
            stdin: Path | None = None, timeout: float = 1800.0) -> Run:
    """Run a command as its own process (group); wall time from start to reaping, and its peak
    memory, sampled from /proc (see `SAMPLE_SECONDS`): the largest single peak RSS (VmHWM) or
    summed PSS of its process group (forked workers), whichever is larger. Not the rusage of
    wait4: Linux keeps in a child's ru_maxrss the peak of the memory it was forked with, before
    exec, so every command would report at least this script's own size."""
    scratch.mkdir(parents=True, exist_ok=True)
    out_fd, out_name = tempfile.mkstemp(prefix="out-", dir=scratch)
    err_fd, err_name = tempfile.mkstemp(prefix="err-", dir=scratch)
    stdin_handle = stdin.open("rb") if stdin else subprocess.DEVNULL
    killed = threading.Event()
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=stdin_handle, stdout=out_fd, stderr=err_fd, env=env,
                                   start_new_session=True)

        def kill() -> None:
            killed.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = GroupSampler(process.pid)
        sampler.start()
        try:
            while True:
                try:
                    _, status, _ = os.wait4(process.pid, 0)
                    break
                except InterruptedError:
                    continue
        except BaseException:  # Ctrl-C: the child is in its own session and did not see it
            kill()
            os.waitpid(process.pid, 0)
            process.returncode = -signal.SIGKILL
            raise
        finally:
            timer.cancel()
            sampler.done.set()
        seconds = time.perf_counter() - start
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        try:
            os.killpg(process.pid, signal.SIGKILL)  # workers it left behind, if any
        except (ProcessLookupError, PermissionError):
            pass
    finally:
        os.close(out_fd)
        os.close(err_fd)
        if stdin:
            stdin_handle.close()
    return Run(command, seconds, sampler.peak_kb / 1024, process.returncode, killed.is_set(), Path(out_name),
               Path(err_name))


@dataclass
class Row:
    size: int
    store_mb: float | None = None
    generate_s: float | None = None
    build: str = "-"
    build_s: float | None = None
    build_mb: float | None = None
    check_ms: float | None = None
    check: str = "-"
    check_mb: float | None = None
    floor_ms: float | None = None
    batch: str = "-"
    batch_rate: float | None = None
    """Median over the batch runs."""
    batch_rates: list[float] = field(default_factory=list)
    batch_mb: float | None = None
    accuracy: str = "-"
    notes: list[str] = field(default_factory=list)


def store_folder(work: Path, size: int, seed: int, claims: int) -> tuple[Path, float]:
    """The generated store for this size (made unless a matching one is there) and the seconds
    its generation took."""
    folder = work / f"store-{size}-seed{seed}"
    marker = folder / "generated.json"
    generator_version = _generator_version()
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
        if (info.get("statements") == size and info.get("seed") == seed and info.get("claims", 0) >= claims
                and info.get("generator") == generator_version and (folder / "claims.jsonl").exists()):
            log(f"{size:,}: reusing {folder} (generated in {info.get('seconds')} s)")
            return folder, float(info.get("seconds", 0.0))
    log(f"{size:,}: generating {size:,} statements into {folder}")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(GENERATOR), "--statements", str(size), "--out", str(folder),
                    "--seed", str(seed), "--claims", str(claims)], check=True)
    return folder, time.perf_counter() - started


def _generator_version() -> int:
    sys.path.insert(0, str(HERE))
    try:
        import synthetic_store

        return synthetic_store.GENERATOR_VERSION
    finally:
        sys.path.remove(str(HERE))


def engine_description() -> str:
    """Where the measured engine is imported from, and its git commit (dirty if edited)."""
    found = subprocess.run([*FLOOR[:2], "import factcheck, os; print(os.path.dirname(factcheck.__file__))"],
                           capture_output=True, text=True, check=False)
    folder = found.stdout.strip()
    if found.returncode or not folder:
        return "cannot import factcheck: " + (found.stderr.strip().splitlines() or ["?"])[-1]

    def git(*words: str) -> str:
        return subprocess.run(["git", "-C", folder, *words], capture_output=True, text=True,
                              check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"{folder} (not a git checkout)"
    dirty = " + uncommitted changes" if git("status", "--porcelain", "--", ".") else ""
    return f"{folder} at {commit}{dirty}"


def read_claims(folder: Path) -> list[dict]:
    path = folder / "claims.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def bench_size(size: int, args: argparse.Namespace) -> Row:
    row = Row(size)
    work: Path = args.work
    try:
        folder, row.generate_s = store_folder(work, size, args.seed, args.claims)
    except subprocess.CalledProcessError as exc:
        row.build = f"generation failed (exit {exc.returncode})"
        return row
    row.store_mb = sum(p.stat().st_size for p in folder.glob("*.y*ml")) / 2**20
    claims = read_claims(folder)
    claim = next((c["claim"] for c in claims if c.get("kind") == "paraphrase"), FALLBACK_CLAIM)
    scratch = work / "scratch"
    cache = work / f"cache-{size}-seed{args.seed}"
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_STORE", "NO_COLOR")}
    env["FACTCHECK_CACHE"] = str(cache)
    check_command = [*FACTCHECK, "check", "--store", str(folder), "--format", "json", "--fail-on", "none", claim]

    # First run, empty cache: the index is built (and cached).
    shutil.rmtree(cache, ignore_errors=True)
    log(f"{size:,}: index build (first check, empty cache), timeout {args.timeout:.0f} s")
    build = measure(check_command, scratch, env=env, timeout=args.timeout)
    row.build_mb = build.max_rss_mb
    if not build.ok:
        row.build = build.problem()
        log(f"{size:,}: index build {build.problem()} after {build.seconds:.1f} s\n{build.stderr_tail()}")
        row.check = row.batch = "skipped"
        return row
    row.build_s = build.seconds
    row.build = f"{build.seconds:.1f}"
    verdict = _json_verdict(build.stdout)
    log(f"{size:,}: index build {build.seconds:.1f} s, peak {build.max_rss_mb:.0f} MB; "
        f"claim {claim!r} -> {verdict}")
    if not cache.is_dir() or not any(cache.iterdir()):
        row.notes.append("no index in the cache after the first run")

    # Cold checks (index cached, new process each) interleaved with the floor.
    floors, checks, check_rss = [], [], []
    failed: Run | None = None
    for i in range(args.runs):
        floor = measure(FLOOR, scratch, timeout=args.timeout)
        if floor.ok:
            floors.append(floor.seconds)
        run = measure(check_command, scratch, env=env, timeout=args.timeout)
        if not run.ok:
            failed = run
            log(f"{size:,}: cold check {run.problem()}\n{run.stderr_tail()}")
            break
        checks.append(run.seconds)
        check_rss.append(run.max_rss_mb)
        _cleanup(floor, run)
    if floors:
        row.floor_ms = statistics.median(floors) * 1000
    if failed:
        row.check = failed.problem()
    elif checks:
        row.check_ms = statistics.median(checks) * 1000
        row.check = f"{row.check_ms:.0f}"
        row.check_mb = max(check_rss)
        log(f"{size:,}: cold check median {row.check_ms:.0f} ms (floor {row.floor_ms or 0:.0f} ms), "
            f"peak {row.check_mb:.0f} MB")

    # Batch: args.batch claims on standard input, JSON lines out.
    batch_input = work / f"batch-{size}-seed{args.seed}.jsonl"
    pool = claims or [{"claim": claim, "expect": None}]
    with batch_input.open("w", encoding="utf-8") as handle:
        for i in range(args.batch):
            source = pool[i % len(pool)]
            handle.write(json.dumps({"id": f"b{i + 1:06d}", "claim": source["claim"]}, ensure_ascii=False) + "\n")
    log(f"{size:,}: batch of {args.batch:,} claims, {args.batch_runs} run(s)")
    rates: list[float] = []
    for _ in range(args.batch_runs):
        batch = measure([*FACTCHECK, "check", "--store", str(folder), "--format", "jsonl", "--fail-on", "none", "-"],
                        scratch, env=env, stdin=batch_input, timeout=args.timeout)
        row.batch_mb = max(row.batch_mb or 0.0, batch.max_rss_mb)
        if not batch.ok:
            row.batch = batch.problem()
            done, _ = _jsonl(batch.stdout)
            log(f"{size:,}: batch {batch.problem()} after {batch.seconds:.1f} s, {len(done):,} results written\n"
                f"{batch.stderr_tail()}")
            break
        results, bad = _jsonl(batch.stdout)
        _cleanup(batch)
        if len(results) != args.batch or bad:
            row.batch = f"wrong output ({len(results)} JSON lines, {bad} unreadable)"
            row.notes.append(row.batch)
            break
        rates.append(args.batch / batch.seconds)
        row.accuracy = _accuracy(pool, results)
        log(f"{size:,}: batch {batch.seconds:.1f} s = {rates[-1]:.0f} claims/s, "
            f"peak {batch.max_rss_mb:.0f} MB, accuracy {row.accuracy}")
    else:
        row.batch_rate = statistics.median(rates)
        row.batch = f"{row.batch_rate:.0f}"
        row.batch_rates = rates
    _cleanup(build)
    return row


def _cleanup(*runs: Run) -> None:
    for run in runs:
        run.stdout.unlink(missing_ok=True)
        run.stderr.unlink(missing_ok=True)


def _json_verdict(path: Path) -> str:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["results"][0]["verdict"]
    except (OSError, ValueError, KeyError, TypeError):
        return "unreadable output"


def _jsonl(path: Path) -> tuple[list[dict], int]:
    results, bad = [], 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                results.append(json.loads(line))
            except ValueError:
                bad += 1
    return results, bad


def _accuracy(pool: list[dict], results: list[dict]) -> str:
    """Verdicts against the claims' expected ones (each distinct claim counted once)."""
    expected = [c.get("expect") for c in pool]
    seen = min(len(pool), len(results))
    scored = [(expected[i], results[i].get("verdict")) for i in range(seen) if expected[i]]
    if not scored:
        return "-"
    right = sum(e == g for e, g in scored)
    return f"{right / len(scored):.1%} of {len(scored)}"


def table(rows: list[Row], args: argparse.Namespace) -> str:
    head = ["statements", "store files MB", "index build s", "build peak MB", "cold check ms (median)",
            "ratio to floor", f"batch claims/s ({args.batch:,})", "batch peak MB", "check peak MB",
            "generate s", "accuracy (claims.jsonl)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" for _ in head) + "|"]
    for r in rows:
        ratio = f"{r.check_ms / r.floor_ms:.1f}x" if r.check_ms and r.floor_ms else "-"
        cells = [f"{r.size:,}", fmt(r.store_mb, ".1f"), r.build, fmt(r.build_mb, ".0f"), r.check, ratio,
                 r.batch, fmt(r.batch_mb, ".0f"), fmt(r.check_mb, ".0f"), fmt(r.generate_s, ".1f"), r.accuracy]
        lines.append("| " + " | ".join(cells) + " |")
    floors = [r.floor_ms for r in rows if r.floor_ms]
    lines.append("")
    if floors:
        per_size = ", ".join(f"{r.size:,}: {r.floor_ms:.0f} ms" for r in rows if r.floor_ms)
        lines.append(f'Floor (`python -c "import click, rapidfuzz, yaml"`, same interpreter, interleaved): '
                     f"median {statistics.median(floors):.0f} ms ({per_size}).")
    notes = [f"{r.size:,}: {note}" for r in rows for note in r.notes]
    lines.extend(f"Note: {n}" for n in notes)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--sizes", default="1000,10000,100000,1000000",
                        help="comma-separated store sizes in statements (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=7, help="cold checks (and floors) per size (default 7)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-scale",
                        help="folder for stores, caches and results (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--claims", type=int, default=1000,
                        help="distinct claims generated per store for the batch (default 1000)")
    parser.add_argument("--batch", type=int, default=10_000, help="claims in the batch run (default 10000)")
    parser.add_argument("--batch-runs", type=int, default=3,
                        help="batch runs per size; the table gives the median rate (default 3)")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds before a command is killed (default 1800)")
    args = parser.parse_args()
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated integers")
    if not sizes or min(sizes) < 1 or args.runs < 1 or args.batch < 1:
        parser.error("sizes, --runs and --batch must be positive")
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    log(f"python {platform.python_version()} ({sys.executable}), {os.cpu_count()} CPUs, {platform.platform()}")
    commit = engine_description()
    log(f"engine: {commit}")
    rows = []
    for size in sizes:
        rows.append(bench_size(size, args))
        _save(args, rows, commit)
    shutil.rmtree(args.work / "scratch", ignore_errors=True)
    print(f"factcheck: {commit}; python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; {args.runs} cold runs per size\n")
    print(table(rows, args))
    return 0


def _save(args: argparse.Namespace, rows: list[Row], commit: str) -> None:
    data = {"commit": commit, "python": platform.python_version(), "runs": args.runs, "batch": args.batch,
            "seed": args.seed, "rows": [vars(r) for r in rows]}
    (args.work / "results.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
