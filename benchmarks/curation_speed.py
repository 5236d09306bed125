"""How long curation takes on a large store, measured as a curator runs it: whole processes of
`factcheck validate` and of `factcheck add` (one new statement into one file of the store).

The store is a copy of a synthetic one (`benchmarks/synthetic_store.py`), made in a temporary
folder so that `add` never changes the original, with an index cache of its own. `add` is
measured twice: with no index of the store cached (it reads the whole store), then once the
index is built (by a `check`, timed too), when it reads only the index and the new entry. The
file an `add` writes is put back as it was before each run, so every run finds the same store
(and the index stays current); each records a different claim and id. Each `add` also reports
how long it held the store's lock (from taking it to releasing it, measured inside the process).
Medians of several runs.

    python benchmarks/curation_speed.py --store /tmp/factcheck-scale/store-100000-seed1 [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTCHECK = [sys.executable, "-m", "factcheck"]
LOCK_TIMED = """
import atexit, sys, time
from contextlib import contextmanager
from factcheck import editing
from factcheck.cli import main

held = []
real = editing.locked

@contextmanager
def timed(*args, **kwargs):
    with real(*args, **kwargs):
        start = time.perf_counter()
        try:
            yield
        finally:
            held.append(time.perf_counter() - start)

editing.locked = timed
atexit.register(lambda: print(f"lock held {sum(held):.4f} s", file=sys.stderr))
sys.argv[0] = "factcheck"
main()
"""
"""`factcheck` with the store lock's hold time printed at exit."""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, done.stderr


def add_command(store: Path, target: Path, source: str, quote: str, run: int) -> list[str]:
    return [sys.executable, "-c", LOCK_TIMED, "add", "--store", str(store), "--into", str(target), "--force",
            "--claim", f"Benchmark Corp signed benchmark agreement number {run} with its {run}th partner",
            "--verdict", "supported", "--source", source, "--quote", quote, "--id", f"benchmark-add-{run}"]


def adds(store: Path, target: Path, source: str, quote: str, runs: range, env: dict[str, str],
         ) -> tuple[list[float], list[float]]:
    """Times of whole `add` processes and of their lock, each on the target file as it was."""
    original = target.read_bytes()
    totals, held = [], []
    for run in runs:
        target.write_bytes(original)
        elapsed, stderr = timed(add_command(store, target, source, quote, run), env)
        totals.append(elapsed)
        held.append(float(re.search(r"lock held ([\d.]+) s", stderr)[1]))  # type: ignore[index]
    target.write_bytes(original)
    return totals, held


def line(name: str, times: list[float], unit: str = "s") -> str:
    return f"  {name:<34} {statistics.median(times):7.2f} {unit}   (runs: {', '.join(f'{t:.2f}' for t in times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a synthetic store folder (copied, never changed)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    args = parser.parse_args()
    from factcheck.store import load_store, store_files

    with tempfile.TemporaryDirectory(prefix="curation-speed-") as folder:
        store = Path(folder) / "store"
        shutil.copytree(args.store, store)
        env = {**os.environ, "FACTCHECK_CACHE": str(Path(folder) / "cache")}
        files = store_files([store])
        loaded = load_store([store])
        first = loaded.statements[0]
        citation = first.citations[0]
        target = Path(first.location.path)
        runs = range(args.runs)
        validate = [timed([*FACTCHECK, "validate", "--store", str(store)], env)[0] for _ in runs]
        slow, slow_held = adds(store, target, citation.source, citation.quote, runs, env)
        build, _ = timed([*FACTCHECK, "check", "--store", str(store), "--fail-on", "none", "Benchmark Corp"], env)
        fast, fast_held = adds(store, target, citation.source, citation.quote, range(args.runs, 2 * args.runs), env)
    print(f"{len(loaded.statements):,} statements in {len(files)} files; {args.runs} runs of each; medians:")
    print(line("validate", validate))
    print(line("add, no index cached", slow))
    print(line("  its lock held", slow_held))
    print(f"  (building the index with a check: {build:.1f} s, once)")
    print(line("add, the store's index cached", fast))
    print(line("  its lock held", fast_held))


if __name__ == "__main__":
    main()
