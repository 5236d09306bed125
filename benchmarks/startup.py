"""How long one `factcheck check` takes from a cold process, against the interpreter's floor.

Times whole processes, as a user runs them, interleaved so that the machine's drift hits every
command alike: the floor (`python -c "import click, rapidfuzz, yaml"`), `factcheck check --format
json "…"` and `factcheck check "…"` (text, piped, so without colour). The index is cached by a
first, uncounted run. Prints each median, the JSON check's ratio to the floor and the text
check's distance from it: the targets are at most 1.5 times the floor and at most the floor plus
80 ms.

    python benchmarks/startup.py [--runs 21] [--store data/claims.yaml] [--claim "…"]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

DEFAULT_CLAIM = "China Telecom signed a strategic cooperation agreement with Alibaba on 2 November 2020"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    parser.add_argument("--store", help="store to check against (default: the shipped store)")
    parser.add_argument("--claim", default=DEFAULT_CLAIM)
    args = parser.parse_args()

    check = [sys.executable, "-m", "factcheck", "check", *(["--store", args.store] if args.store else [])]
    commands = {
        "floor": [sys.executable, "-c", "import click, rapidfuzz, yaml"],
        "check --format json": [*check, "--format", "json", "--fail-on", "none", args.claim],
        "check (text, piped)": [*check, "--fail-on", "none", args.claim],
    }
    for command in commands.values():  # warms the index cache and the file system's
        timed(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    floor = medians["floor"]
    print(f"python {sys.version.split()[0]}; {args.runs} interleaved runs of each; medians:")
    for name, median in medians.items():
        print(f"  {name:22s} {median:6.0f} ms")
    print(f"check --format json: {medians['check --format json'] / floor:.2f}x the floor (target at most 1.5x)")
    print(f"check, text: the floor + {medians['check (text, piped)'] - floor:.0f} ms (target at most + 80 ms)")


if __name__ == "__main__":
    main()
