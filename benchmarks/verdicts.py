"""Verdict accuracy on hand-written claims (benchmarks/claims/*.jsonl) against a store.

Each line: {"id", "claim", "expected": supported|denied|unverified, "document": seeds/… or null,
"kind", "note"}. Reports accuracy, claims wrongly called supported, and whether correct
supported/denied verdicts cite the expected document; --show-errors lists the misses.

    python benchmarks/verdicts.py benchmarks/claims/dev.jsonl [--store data/claims.yaml]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from factcheck.index import StoreIndex, build_index
from factcheck.matching import UNVERIFIED, check
from factcheck.store import load_store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="+", type=Path)
    parser.add_argument("--store", action="append", type=Path)
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()

    index = build_index(load_store(args.store))
    options = {} if args.threshold is None else {"threshold": args.threshold}
    for path in args.claims:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        correct = wrong_supported = decided = cited = 0
        confusion: Counter[tuple[str, str]] = Counter()
        by_kind: Counter[str] = Counter()
        kind_total: Counter[str] = Counter()
        misses = []
        for row in rows:
            result = check(row["claim"], index, **options)
            confusion[(row["expected"], result.verdict)] += 1
            kind_total[row["kind"]] += 1
            if result.verdict == "supported" and row["expected"] != "supported":
                wrong_supported += 1
            if result.verdict == row["expected"]:
                correct += 1
                by_kind[row["kind"]] += 1
                if result.verdict != UNVERIFIED:
                    decided += 1
                    documents = {source.document for _, source in result.citations}
                    cited += row.get("document") in documents
                    if row.get("document") not in documents:
                        misses.append((row, result, "wrong source"))
            else:
                misses.append((row, result, "wrong verdict"))
        print(f"{path}: {len(rows)} claims")
        print(f"  correct verdicts   {correct}/{len(rows)} = {correct / len(rows):.1%}")
        print(f"  wrongly supported  {wrong_supported}")
        if decided:
            print(f"  right source       {cited}/{decided} = {cited / decided:.1%} of correct supported/denied")
        print("  expected -> got    " + ", ".join(f"{e}->{g}: {n}" for (e, g), n in sorted(confusion.items())))
        print("  by kind            " + ", ".join(f"{k} {by_kind[k]}/{n}" for k, n in sorted(kind_total.items())))
        if args.show_errors:
            for row, result, why in misses:
                match = result.match.id if result.match else "-"
                print(f"  {why}: {row['id']} expected {row['expected']} got {result.verdict} "
                      f"({result.score:.0f}, {match}): {row['claim']}")
                for related in result.related[:2]:
                    print(f"      ~ {related.score:.0f} {related.statement.id} {'; '.join(related.conflicts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
