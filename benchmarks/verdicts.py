"""Verdict accuracy on hand-written claims (benchmarks/claims/*.jsonl) against a store.

Each line: {"id", "claim", "expected": supported|denied|unverified, "document": path or null,
"kind", "note"}. Reports accuracy, claims wrongly called supported, whether correct
supported/denied verdicts cite the expected document, and accuracy per kind (category);
--show-errors lists the misses, --save writes every verdict as JSON (for before/after tables,
see --compare).

    python benchmarks/verdicts.py benchmarks/claims/dev.jsonl [--store data/claims.yaml]
    python benchmarks/verdicts.py CLAIMS... --store S --save after.json --compare before.json [--compare …]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from factcheck.index import build_index
from factcheck.matching import UNVERIFIED, check
from factcheck.store import load_store


def _same_document(expected: str | None, documents: set[str]) -> bool:
    """The expected document is named from the repository root, a source's from its store's
    document root: compare the ends of the paths."""
    return expected is not None and any(expected.endswith(d) or d.endswith(expected) for d in documents)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="+", type=Path)
    parser.add_argument("--store", action="append", type=Path)
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--save", type=Path, help="write {claim id: verdict} for every claim")
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="a --save file of an earlier run (repeatable): per-kind columns, earliest first")
    args = parser.parse_args()

    index = build_index(load_store(args.store))
    options = {} if args.threshold is None else {"threshold": args.threshold}
    earlier = {path.stem: json.loads(path.read_text()) for path in args.compare}
    saved: dict[str, str] = {}
    for path in args.claims:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        correct = wrong_supported = decided = cited = 0
        confusion: Counter[tuple[str, str]] = Counter()
        by_kind: Counter[str] = Counter()
        earlier_kind: dict[str, Counter[str]] = {name: Counter() for name in earlier}
        earlier_supported = Counter[str]()
        kind_total: Counter[str] = Counter()
        misses = []
        for row in rows:
            result = check(row["claim"], index, **options)
            saved[row["id"]] = result.verdict
            confusion[(row["expected"], result.verdict)] += 1
            kind_total[row["kind"]] += 1
            for name, verdicts in earlier.items():
                earlier_kind[name][row["kind"]] += verdicts.get(row["id"]) == row["expected"]
                earlier_supported[name] += verdicts.get(row["id"]) == "supported" != row["expected"]
            if result.verdict == "supported" and row["expected"] != "supported":
                wrong_supported += 1
            if result.verdict == row["expected"]:
                correct += 1
                by_kind[row["kind"]] += 1
                if result.verdict != UNVERIFIED:
                    decided += 1
                    documents = {source.document for _, source in result.citations}
                    if _same_document(row.get("document"), documents):
                        cited += 1
                    else:
                        misses.append((row, result, "wrong source"))
            else:
                misses.append((row, result, "wrong verdict"))
        print(f"{path}: {len(rows)} claims")
        print(f"  correct verdicts   {correct}/{len(rows)} = {correct / len(rows):.1%}")
        print(f"  wrongly supported  {wrong_supported}")
        if decided:
            print(f"  right source       {cited}/{decided} = {cited / decided:.1%} of correct supported/denied")
        print("  expected -> got    " + ", ".join(f"{e}->{g}: {n}" for (e, g), n in sorted(confusion.items())))
        if earlier:
            names = list(earlier)
            print(f"  | kind | claims | {' | '.join(names)} | now |")
            print(f"  |---|---:|{'---:|' * (len(names) + 1)}")
            for kind, total in sorted(kind_total.items()):
                print(f"  | {kind} | {total} | {' | '.join(str(earlier_kind[n][kind]) for n in names)} | {by_kind[kind]} |")
            print(f"  | **correct** | {len(rows)} | {' | '.join(str(sum(earlier_kind[n].values())) for n in names)}"
                  f" | {correct} |")
            print(f"  | **wrongly supported** | | {' | '.join(str(earlier_supported[n]) for n in names)}"
                  f" | {wrong_supported} |")
        else:
            print("  by kind            " + ", ".join(f"{k} {by_kind[k]}/{n}" for k, n in sorted(kind_total.items())))
        if args.show_errors:
            for row, result, why in misses:
                match = result.match.id if result.match else "-"
                print(f"  {why}: {row['id']} expected {row['expected']} got {result.verdict} "
                      f"({result.score:.0f}, {match}): {row['claim']}")
                for related in result.related[:2]:
                    print(f"      ~ {related.score:.0f} {related.statement.id} {'; '.join(related.conflicts)}")
    if args.save:
        args.save.write_text(json.dumps(saved, indent=0, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
