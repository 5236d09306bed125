"""Every statement's read facts, one line each, for comparing two engines' reading exactly.

For each store given (a folder or a file), each statement is read as a build worker reads it
(`index.read_statement` with the store's entities and words) and written as its facts row
(`_facts_fields`), its scoring fields and the words the reader asked the store's words about,
with their answers, in the order asked. `--claims` also reads each labelled claim of
`benchmarks/claims*/` whose name starts with the store's name (data/claims.yaml: the rest) as
the text of a statement, the store's statements lending it their other fields in turn (deal
labels, events, places, sources).
Run it with each engine (PYTHONPATH) and PYTHONHASHSEED=0, and compare the outputs with `cmp`.

    PYTHONHASHSEED=0 PYTHONPATH=ENGINE python benchmarks/statement_facts.py --claims --out F \\
        data/claims.yaml benchmarks/stores/*
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from factcheck.index import _Consulted, _facts_fields, _scoring_fields, read_statement, store_entities, store_words
from factcheck.store import load_store

HERE = Path(__file__).resolve().parent


def _claim_files(store: Path, stores: list[Path]) -> list[Path]:
    files = sorted([*HERE.glob("claims/*.jsonl"), *HERE.glob("claims-final/*.jsonl")])
    if store.is_dir():
        return [f for f in files if f.name.split("-")[0] == store.name]
    named = {s.name for s in stores if s.is_dir()}
    return [f for f in files if f.name.split("-")[0] not in named]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--claims", action="store_true", help="also read the stores' labelled claims as statements")
    parser.add_argument("--first", type=int, help="only the first N statements of each store")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for path in args.stores:
            store = load_store([path])
            entities, vocabulary = store_entities(store), store_words(store)
            statements = list(store.statements[:args.first] if args.first else store.statements)
            if args.claims:
                texts = [json.loads(line)["claim"] for f in _claim_files(path, args.stores)
                         for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
                statements += [replace(store.statements[i % len(store.statements)], claim=text)
                               for i, text in enumerate(texts)]
            for statement in statements:
                consulted = _Consulted(vocabulary)
                facts = read_statement(statement, store, entities, consulted)
                out.write(f"{path.name} {statement.id} {_facts_fields(facts)!r} {_scoring_fields(facts)!r} "
                          f"{list(consulted.answers.items())!r}\n")
            print(f"{path}: {len(statements)} statements", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
