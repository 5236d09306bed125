"""Instructions per statement read, counted by valgrind's callgrind (issue 20, fast full builds).

Reads statements of a store in one process as a build worker reads them (`read_statement`,
then the marshalled facts and scoring rows), twice: the first `--skip` statements, then those
and `--count` more; the difference over `--count` is the cost of reading one statement, start-up,
loading the store and warm-up cancelled out. Set PYTHONHASHSEED (the hash seed alone moves the
count by about 0.03 M); PYTHONPATH chooses the engine.

    PYTHONHASHSEED=0 python benchmarks/read_instructions.py STORE [--skip 100 --count 500]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from instructions import counted  # noqa: E402

PROGRAM = """
import marshal, sys
from pathlib import Path
from factcheck.index import _Consulted, _facts_fields, _scoring_fields, read_statement, store_entities, store_words
from factcheck.store import load_store
store = load_store([Path(sys.argv[1])])
entities, consulted = store_entities(store), _Consulted(store_words(store))
for statement in store.statements[:int(sys.argv[2])]:
    facts = read_statement(statement, store, entities, consulted)
    marshal.dumps(_facts_fields(facts)), _scoring_fields(facts)
"""


def instructions(store: Path, total: int, env: dict[str, str]) -> int:
    return counted(PROGRAM, [str(store), str(total)], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="a store folder or file")
    parser.add_argument("--skip", type=int, default=100, help="statements read before the counted ones (default 100)")
    parser.add_argument("--count", type=int, default=500, help="statements counted (default 500)")
    args = parser.parse_args()
    env = dict(os.environ)
    base = instructions(args.store, args.skip, env)
    full = instructions(args.store, args.skip + args.count, env)
    print(f"{(full - base) / args.count / 1e6:.3f} M instructions per statement read "
          f"(statements {args.skip} to {args.skip + args.count}; PYTHONHASHSEED={env.get('PYTHONHASHSEED', 'random')})")


if __name__ == "__main__":
    main()
