"""How long `factcheck scan` takes on a 2,000-word draft, measured as a user runs it.

Builds a Markdown article of about 2,000 words from the shipped store (claims and their denials,
paraphrased with names of its entities, plus ordinary prose, headings, a list and a code block),
then times whole `factcheck scan` processes: the article, a one-sentence article (start-up: Python,
imports and the store's index, from the cache once it is warm) and, for scale, a bare
`python -c "import click, rapidfuzz, yaml"`. Medians of several runs; the first run warms the
index cache and is not counted.

    python benchmarks/scan_speed.py [--runs 7] [--words 2000] [--store data/claims.yaml]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factcheck.store import load_store

FILLER = [
    "Markets were calm in early trading and most analysts kept their forecasts unchanged.",
    "The company's spokesperson did not reply to several requests for comment by phone.",
    "Readers have asked us to explain how these filings work, so here is a short primer.",
    "Several people in the industry said the mood at the conference was cautious but hopeful.",
    "Weather disrupted flights across the region for a second day, delaying some executives.",
    "Our reporters spoke to engineers, lawyers and former officials for this story.",
]


def article(store_paths: list[Path] | None, words: int) -> str:
    store = load_store(store_paths)
    claims = [s.claim.rstrip(".") + "." for s in store.statements]
    names = [e.name for e in store.entities.values() if e.kind == "company"]
    parts = ["---", "title: Draft for the speed benchmark", "---", "", "# Deals roundup", ""]
    count = i = 0
    while count < words:
        paragraph = [claims[i % len(claims)], FILLER[i % len(FILLER)],
                     f"{names[i % len(names)]} has not commented on the talks so far.", FILLER[(i + 3) % len(FILLER)]]
        if i % 5 == 4:
            parts += [f"## Section {i // 5 + 1}", ""]
        if i % 7 == 6:
            parts += ["```", claims[(i + 1) % len(claims)], "```", ""]
        if i % 6 == 5:
            parts += [f"- {sentence}" for sentence in paragraph] + [""]
        else:
            parts += [" ".join(paragraph), ""]
        count += sum(len(s.split()) for s in paragraph)
        i += 1
    return "\n".join(parts)


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--store", action="append", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.md"
        text = article(args.store, args.words)
        draft.write_text(text, encoding="utf-8")
        one = Path(folder) / "one.md"
        one.write_text("Alibaba signed a deal.\n", encoding="utf-8")
        stores = [arg for path in args.store or [] for arg in ("--store", str(path))]
        scan = [sys.executable, "-m", "factcheck", "scan", "--format", "json", "--fail-on", "none", *stores]
        subprocess.run([*scan, str(draft)], capture_output=True, check=False)  # warms the cache
        result = subprocess.run([*scan, "--show", "supported,denied,unverified", str(draft)],
                                capture_output=True, text=True, check=False)
        article_time = median_seconds([*scan, str(draft)], args.runs)
        start_up = median_seconds([*scan, str(one)], args.runs)
        imports = median_seconds([sys.executable, "-c", "import click, rapidfuzz, yaml"], args.runs)

    print(f"article: {len(text.split())} words; {result.stderr.strip()}")
    print(f"scan, {args.words}-word article: {article_time * 1000:.0f} ms (median of {args.runs})")
    print(f"scan, one-sentence article:   {start_up * 1000:.0f} ms (start-up)")
    print(f"the article itself:           {(article_time - start_up) * 1000:.0f} ms")
    print(f'python -c "import click, rapidfuzz, yaml": {imports * 1000:.0f} ms; '
          f"scan is {article_time / imports:.1f}x that")
    return 0


if __name__ == "__main__":
    sys.exit(main())
