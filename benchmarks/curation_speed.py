"""How long curation takes on a large store, measured as a curator runs it: whole processes of
`factcheck validate` and of `factcheck add` (one new statement into one file of the store).

The store is a copy of a synthetic one (`benchmarks/synthetic_store.py`), made in a temporary
folder so that `add` never changes the original; each `add` records a different claim, so none
is refused as a duplicate. Medians of several runs.

    python benchmarks/curation_speed.py --store /tmp/factcheck-scale/store-100000-seed1 [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTCHECK = [sys.executable, "-m", "factcheck"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def add_command(store: Path, target: Path, source: str, quote: str, run: int) -> list[str]:
    return [*FACTCHECK, "add", "--store", str(store), "--into", str(target), "--force",
            "--claim", f"Benchmark Corp signed benchmark agreement number {run} with its {run}th partner",
            "--verdict", "supported", "--source", source, "--quote", quote, "--id", f"benchmark-add-{run}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a synthetic store folder (copied, never changed)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    args = parser.parse_args()
    from factcheck.store import load_store, store_files

    with tempfile.TemporaryDirectory(prefix="curation-speed-") as folder:
        store = Path(folder) / "store"
        shutil.copytree(args.store, store)
        files = store_files([store])
        first = load_store([store]).statements[0]
        citation = first.citations[0]
        target = Path(first.location.path)
        validate = [timed([*FACTCHECK, "validate", "--store", str(store)]) for _ in range(args.runs)]
        add = [timed(add_command(store, target, citation.source, citation.quote, run)) for run in range(args.runs)]
        statements = len(load_store([store]).statements)
    print(f"{statements:,} statements in {len(files)} files; {args.runs} runs of each; medians:")
    print(f"  validate  {statistics.median(validate):6.1f} s   (runs: {', '.join(f'{t:.1f}' for t in validate)})")
    print(f"  add       {statistics.median(add):6.1f} s   (runs: {', '.join(f'{t:.1f}' for t in add)}; "
          "the store file lock is held from reading the store to the rename)")


if __name__ == "__main__":
    main()
