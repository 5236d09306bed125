"""Instructions per claim, counted by valgrind's callgrind: repeatable whatever else the machine does.

Checks and renders (as JSON) claims of a store's `claims.jsonl` in one process, twice: once
`--warmup` claims, once those and `--count` more; the difference over `--count` is the cost of
a claim once the process is warm, start-up and warm-up cancelled out. The index comes from the
cache (built by a first, uncounted check).

    python benchmarks/instructions.py /tmp/factcheck-scale/store-100000-seed1 [--skip 1000 --count 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PROGRAM = """
import json, sys
from pathlib import Path
from factcheck.cache import load_index
from factcheck.matching import check
from factcheck.reporters.json import result_dict, dumps
index = load_index([Path(sys.argv[1])])
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
skip, total = int(sys.argv[3]), int(sys.argv[4])
for line in lines[skip:skip + total]:
    dumps(result_dict(check(json.loads(line)["claim"], index)))
"""


def counted(program: str, arguments: list[str], env: dict[str, str]) -> int:
    """Instructions a Python program (`python -c PROGRAM ARGUMENTS...`) runs, by callgrind."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        sys.executable, "-c", program, *arguments],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        summary = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        if summary is None:
            raise SystemExit(f"no instruction count in {out}")
        return int(summary.group(1))


def instructions(store: Path, claims: Path, skip: int, total: int, env: dict[str, str]) -> int:
    return counted(PROGRAM, [str(store), str(claims), str(skip), str(total)], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="a store folder with claims.jsonl (benchmarks/synthetic_store.py)")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--skip", type=int, default=1000, help="claims before the counted ones (default 1000)")
    parser.add_argument("--count", type=int, default=1000, help="claims counted (default 1000)")
    args = parser.parse_args()
    claims = args.store / "claims.jsonl"
    env = {**os.environ, "FACTCHECK_CACHE": os.environ.get("FACTCHECK_CACHE", str(args.store / ".cache"))}
    subprocess.run([sys.executable, "-m", "factcheck", "check", "--store", str(args.store), "--format", "json",
                    "--fail-on", "none", "warm the cache"], check=True, env=env, stdout=subprocess.DEVNULL)
    start = args.skip - args.warmup
    base = instructions(args.store, claims, start, args.warmup, env)
    full = instructions(args.store, claims, start, args.warmup + args.count, env)
    print(f"{(full - base) / args.count / 1e6:.3f} M instructions per claim "
          f"(claims {args.skip} to {args.skip + args.count}, after {args.warmup} of warm-up)")


if __name__ == "__main__":
    main()
