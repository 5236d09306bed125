"""How well `factcheck extract` proposes what a curator recorded: recall against the shipped
store, and a sample of proposals to judge by hand for precision.

For each of the five seeds, extract runs against the shipped store with its statements taken
out (entities and sources kept), so nothing is skipped as already recorded. A shipped
statement counts as proposed when a proposal's quote and one of its quotes contain one another
(compared as `validate` compares quotes). `--sample N` prints N proposals (seeded) to label.

    python benchmarks/extract_quality.py [--sample 30] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace

from factcheck.extract import propose_statements
from factcheck.sources import normalize_quote, read_document
from factcheck.store import load_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=30, help="proposals to print for labelling (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shipped = load_store()
    empty = replace(shipped, statements=())
    proposals = []
    for source in shipped.sources.values():
        proposals += propose_statements(read_document(source.document_path), source, empty, source.document)
    quotes = [normalize_quote(p.statement.citations[0].quote) for p in proposals]
    found = 0
    for statement in shipped.statements:
        wanted = [normalize_quote(c.quote) for c in statement.citations if c.quote]
        if any(w in q or q in w for w in wanted for q in quotes):
            found += 1
    print(f"{len(proposals)} proposals from {len(shipped.sources)} documents; recall: {found} of "
          f"{len(shipped.statements)} shipped statements proposed ({found / len(shipped.statements):.0%})")
    for proposal in random.Random(args.seed).sample(proposals, min(args.sample, len(proposals))):
        s = proposal.statement
        print(f"\n{s.citations[0].source}:{proposal.line}: {s.claim}\n  parties={list(s.parties)} places={list(s.places)} "
              f"date={s.date} event={dict((k, v) for k, v in s.event._asdict().items() if v)} said_by={s.said_by}")


if __name__ == "__main__":
    main()
