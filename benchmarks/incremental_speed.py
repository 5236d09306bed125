"""How long the index of a folder store takes to build from nothing, and again after a
one-statement change to one of its files (issue 20: under 3 s for 100 files of 1,000 statements).

Generates the store with benchmarks/synthetic_store.py (--per-file statements a file), then times
`factcheck check --store DIR --format json CLAIM` as a user runs it, with a private cache: once
with the cache empty (a full build), then --runs times after changing the year of one statement
of the middle file, back and forth (each change is a store the cache has not seen), then --runs
times after adding a statement to that file and removing it again (the file's statement count
changes, so the index is assembled from every part rather than patched). Wall time and peak
memory as benchmarks/scale.py measures them; medians printed, every run kept in
WORK/incremental.json.

    python benchmarks/incremental_speed.py [--statements 100000] [--per-file 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import FACTCHECK, GENERATOR, log, measure  # noqa: E402

CLAIM = "Norvale Holdings signed a strategic cooperation agreement with Kestrin Bio."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5, help="changes, and additions, timed (default 5 each)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-incremental")
    args = parser.parse_args()
    store = args.work / f"store-{args.statements}-per{args.per_file}"
    if not (store / "generated.json").exists():
        subprocess.run([sys.executable, str(GENERATOR), "--statements", str(args.statements), "--out", str(store),
                        "--per-file", str(args.per_file)], check=True)
    cache = args.work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "FACTCHECK_CACHE": str(cache)}
    command = [*FACTCHECK, "check", "--store", str(store), "--format", "json", "--fail-on", "none", CLAIM]
    scratch = args.work / "scratch"
    full = measure(command, scratch, env=env)
    log(f"full build {full.seconds:.1f} s, peak {full.max_rss_mb:.0f} MB (exit {full.exit_code})")
    files = sorted(store.glob("statements-*.yaml"))
    changed = files[len(files) // 2]
    original = changed.read_text(encoding="utf-8")
    first = original.index("    date: \"") + len("    date: \"")  # the first statement's year
    year = original[first:first + 4]
    entry = original[original.index("  - id: "):original.index("  - id: ", original.index("  - id: ") + 1)]
    added = original + entry.replace('id: "', 'id: "added-', 1)  # the first statement again, under a new id
    runs: dict[str, list[dict]] = {"changes": [], "additions": []}
    try:
        for series, texts, what in (
                ("changes", [original[:first] + str(int(year) - 1) + original[first + 4:], original], "changed"),
                ("additions", [added, original], "added or removed")):
            for run in range(args.runs):
                changed.write_text(texts[run % 2], encoding="utf-8")
                again = measure(command, scratch, env=env)
                runs[series].append({"seconds": again.seconds, "peak_mb": again.max_rss_mb, "exit": again.exit_code})
                log(f"one statement {what} in {changed.name}: {again.seconds:.2f} s, peak {again.max_rss_mb:.0f} MB")
    finally:
        changed.write_text(original, encoding="utf-8")
    result = {"statements": args.statements, "per_file": args.per_file, "full_s": full.seconds,
              "full_peak_mb": full.max_rss_mb, **runs,
              **{f"{series}_median_s": statistics.median(r["seconds"] for r in found) for series, found in runs.items()}}
    (args.work / "incremental.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{args.statements:,} statements in {len(files)} files: full build {full.seconds:.1f} s "
          f"(peak {full.max_rss_mb:.0f} MB); one statement changed: median {result['changes_median_s']:.2f} s, "
          f"added or removed: median {result['additions_median_s']:.2f} s, of {args.runs} each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
