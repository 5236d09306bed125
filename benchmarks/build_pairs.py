"""Full builds of one store by two engines, alternating: wall time, CPU and peak memory of each.

Each run is `factcheck check --store STORE --format json CLAIM` with an empty cache of its own
(FACTCHECK_CACHE), as a user's first check builds the index; the engines are two source
folders, put first on PYTHONPATH. CPU is the whole process tree's (user and system, from
`wait4`: the build's forked workers are reaped by it); peak memory is `scale.py`'s (the larger
of the group's summed PSS and its largest process's peak RSS). Prints each run and the medians.

    python benchmarks/build_pairs.py STORE BASE_SOURCE NEW_SOURCE [--pairs 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import GroupSampler  # noqa: E402


def build(store: Path, source: Path, cache: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one build."""
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(source), "FACTCHECK_CACHE": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--store", str(store), "--format", "json",
                                "--fail-on", "none", "Acme signed a deal with Globex"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    sampler = GroupSampler(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build with {source} failed")
    shutil.rmtree(cache, ignore_errors=True)
    return seconds, usage.ru_utime + usage.ru_stime, sampler.peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("base", type=Path, help="the base engine's source folder")
    parser.add_argument("new", type=Path, help="the new engine's source folder")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    runs: dict[str, list[tuple[float, float, float]]] = {"base": [], "new": []}
    for number in range(args.pairs):
        order = ("base", "new") if number % 2 == 0 else ("new", "base")
        for name in order:
            source = args.base if name == "base" else args.new
            load = os.getloadavg()[0]
            found = build(args.store, source, args.work / f"build-pairs-cache-{name}")
            runs[name].append(found)
            print(f"pair {number + 1} {name:4}: wall {found[0]:6.1f} s  cpu {found[1]:6.1f} s  peak {found[2]:5.0f} MB"
                  f"  (load {load:.1f} before)", flush=True)
    for name, found in runs.items():
        wall, cpu, peak = (statistics.median(f[i] for f in found) for i in range(3))
        print(f"{name:4} median: wall {wall:.1f} s  cpu {cpu:.1f} s  peak {peak:.0f} MB")
    ratios = [new[1] / base[1] for base, new in zip(runs["base"], runs["new"])]
    print("cpu ratios per pair: " + ", ".join(f"{r:.3f}" for r in ratios))


if __name__ == "__main__":
    main()
