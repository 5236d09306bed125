"""Time `factcheck import` of a large ClaimReview feed, as whole processes.

Writes a DataCommons-style feed of N reviews (default 50,000: varied reviewers, languages,
ratings, claimants and list-valued ratings) into a temporary folder, then imports it into a new
store file RUNS times and prints each run's wall time and the median. Uses only the installed
project and the standard library.

    python benchmarks/claimreview_import.py [--reviews 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REVIEWERS = [("Verificado Ejemplo", "Falso"), ("Vérif Exemple", "Faux"), ("Fakten Beispiel", "Falsch"),
             ("Checagem Exemplo", "Verdadeiro"), ("核查示例", "错误"), ("Fact Desk", "Mostly true")]
COMPANIES = ["Acme", "Globex", "Initech", "Hooli", "Umbrella", "Soylent", "Stark", "Wayne", "Tyrell", "Cyberdyne"]
DEALS = ["agreed to buy", "signed a supply agreement with", "set up a joint venture with", "invested in",
         "won approval to merge with"]


def feed(reviews: int) -> dict:
    items = []
    for number in range(reviews):
        reviewer, rating = REVIEWERS[number % len(REVIEWERS)]
        buyer, target = COMPANIES[number % 10], COMPANIES[(number // 10 + 1 + number) % 10]
        claim = f"{buyer} {DEALS[number % len(DEALS)]} {target} in deal number {number}"
        ratings = [{"@type": "Rating", "alternateName": rating}]
        if number % 3 == 0:
            ratings.append({"@type": "Rating", "ratingValue": 1 if rating in ("Falso", "Faux", "Falsch", "错误") else 5,
                            "bestRating": 5, "worstRating": 1})
        items.append({"@type": "DataFeedItem", "item": [{
            "@type": "ClaimReview", "url": f"https://checks.example/{number}", "claimReviewed": claim,
            "author": {"@type": "Organization", "name": reviewer}, "datePublished": f"20{10 + number % 14}-0{1 + number % 9}-1{number % 10}",
            "reviewRating": ratings if len(ratings) > 1 else ratings[0],
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": f"Claimant {number % 500}"},
                             "appearance": {"@type": "CreativeWork", "url": f"https://social.example/{number}"},
                             "about": [{"@type": "Organization", "name": buyer}, {"@type": "Organization", "name": target}]}}]})
    return {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "feed.json"
        source.write_text(json.dumps(feed(options.reviews), ensure_ascii=False), encoding="utf-8")
        times = []
        for run in range(options.runs):
            store = Path(folder) / f"store-{run}.yaml"
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "factcheck", "import", str(source), "--store", str(store)],
                                    capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            print(f"run {run + 1}: {times[-1]:.1f} s  {result.stdout.strip() or result.stderr.strip()[:200]}")
            if result.returncode:
                sys.exit(result.returncode)
        started = time.perf_counter()
        again = subprocess.run([sys.executable, "-m", "factcheck", "import", str(source), "--store", str(store)],
                               capture_output=True, text=True)
        print(f"re-import of the same feed: {time.perf_counter() - started:.1f} s  {again.stdout.strip()}")
    print(f"median of {options.runs} imports of {options.reviews:,} reviews: {statistics.median(times):.1f} s")


if __name__ == "__main__":
    main()
