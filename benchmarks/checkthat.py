"""Retrieval quality on CLEF CheckThat! 2022 task 2A (English): tweets against Snopes fact-checks.

`build` turns the lab's 14,231 fact-checks into a store (one statement per fact-check, its
`vclaim` as the claim, one small archived document each); `run` pipes the train and dev tweets,
as the lab gives them, through `factcheck check --format jsonl --top 5 -` and prints MAP@5 (the
lab's official measure), precision at 1 and the mean wall time per query, after a first run that
reads, validates and indexes the store (timed on its own).

    .venv/bin/python benchmarks/checkthat.py build [--text claim|title|title-subtitle] [--out DIR]
    .venv/bin/python benchmarks/checkthat.py run [--store DIR/store.yaml] [--splits train dev]

`--text` chooses what besides the vclaim the engine matches (it goes into the statement's
`deal`, which the engine indexes as extra terms). The data folder defaults to ../shared/benchmarks/checkthat2022-2a-en
beside the project (`--data DIR`, given before the step); the store defaults to a folder under the
system's temporary directory, one per `--text` choice.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml


ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "checkthat2022-2a-en"
CACHE = Path(tempfile.gettempdir()) / "factcheck-checkthat"
TEXT_CHOICES = ("claim", "title", "title-subtitle")
TOP = 5
UNKNOWN_PUBLISHED = "2022"
"""For fact-checks whose date cannot be read: the collection is from 2022, none is later."""

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*([A-Za-z]+)\s+(\d{4})")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_SLUG = re.compile(r"[^a-z0-9._-]+")
def published(raw: str) -> str | None:
    """'26 May 2015' (spacing forgiven) as 2015-05-26, else a year found in the text, else None."""
    match = _DAY_MONTH_YEAR.search(raw)
    if match:
        try:
            return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date().isoformat()
        except ValueError:
            pass
    match = _YEAR.search(raw)
    return match.group(1) if match else None


def statement_id(vclaim_id: str) -> str:
    return _SLUG.sub("-", vclaim_id.lower()).strip("-._")


def read_vclaims(data: Path) -> list[dict]:
    with (data / "vclaims.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def build_store(data: Path, out: Path, text: str) -> Path:
    """Write out/store.yaml and out/docs/<id>.txt; returns the store file."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    sources: dict[str, dict] = {}
    statements: list[dict] = []
    for row in read_vclaims(data):
        ident = statement_id(row["vclaim_id"])
        claim, title, subtitle = (" ".join((row.get(k) or "").split()) for k in ("vclaim", "title", "subtitle"))
        (docs / f"{ident}.txt").write_text("\n\n".join(p for p in (claim, title, subtitle) if p) + "\n",
                                          encoding="utf-8")
        day = published(row.get("date") or "")
        source = {"title": title or claim, "publisher": "Snopes", "published": day or UNKNOWN_PUBLISHED,
                  "url": "https://www.snopes.com/fact-check/" + ident.removeprefix("vclaim-sno-"),
                  "url_verified": False, "document": f"docs/{ident}.txt"}
        if (row.get("author") or "").strip():
            source["author"] = row["author"].strip()
        if day is None:
            source["note"] = f"publication date unknown (data: {row.get('date')!r})"
        sources[ident] = source
        statement = {"id": ident, "claim": claim, "verdict": "supported", "parties": [],
                     "citations": [{"source": ident, "quote": claim}]}
        extra = {"claim": [], "title": [title], "title-subtitle": [title, subtitle]}[text]
        extra = [part for part in extra if part]
        if extra:
            statement["deal"] = " ".join(part if part[-1] in ".?!" else part + "." for part in extra)
        statements.append(statement)
    store = out / "store.yaml"
    with store.open("w", encoding="utf-8") as stream:
        yaml.dump({"version": 1, "sources": sources, "statements": statements}, stream,
                  Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1 << 16)
    return store


@dataclass(frozen=True)
class Split:
    name: str
    queries: list[tuple[str, str]]
    """(tweet id, tweet text) in file order."""
    relevant: dict[str, set[str]]
    """Tweet id to the statement ids of its fact-checks."""


def read_split(data: Path, name: str) -> Split:
    queries = []
    for line in (data / f"{name}_queries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            tweet, text = line.split("\t", 1)
            queries.append((tweet, text))
    relevant: dict[str, set[str]] = {}
    for line in (data / f"{name}_qrels.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[3] != "0":
            relevant.setdefault(fields[0], set()).add(statement_id(fields[2]))
    return Split(name, [q for q in queries if q[0] in relevant], relevant)


def average_precision(ranked: list[str], relevant: set[str], k: int = TOP) -> float:
    """AP@k: sum over ranks i <= k of P@i * rel_i, over min(#relevant, k)."""
    hits = total = 0.0
    for rank, ident in enumerate(ranked[:k], start=1):
        if ident in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k) if relevant else 0.0


def cli_check(store: Path, queries: list[tuple[str, str]], today: date, cache: Path) -> tuple[dict[str, list[str]], float]:
    """Rankings from `factcheck check --format jsonl --top 5 -` (tweet id to candidate ids, best
    first) and the whole run's wall time."""
    lines = "".join(json.dumps({"id": tweet, "claim": text}, ensure_ascii=False) + "\n" for tweet, text in queries)
    command = [sys.executable, "-m", "factcheck", "check", "--store", str(store), "--format", "jsonl",
               "--top", str(TOP), "--today", today.isoformat(), "--fail-on", "none", "-"]
    started = time.perf_counter()
    done = subprocess.run(command, input=lines, capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env={**os.environ, "FACTCHECK_CACHE": str(cache)})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"factcheck check failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {row["id"]: [c["id"] for c in row.get("candidates", ())] for row in rows}, elapsed


def run(data: Path, store: Path, splits: list[str]) -> int:
    """Build the index once (timed), then check every split's tweets through the CLI."""
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="factcheck-checkthat-cache-") as cache:
        _, index_seconds = cli_check(store, [("warm-up", "warm-up")], today, Path(cache))
        print(f"store: {store}; first run (YAML read, validated and indexed): {index_seconds:.1f} s")
        print(f"{'split':<6} {'queries':>7} {'MAP@5':>7} {'P@1':>7} {'ms/query':>9}")
        for name in splits:
            split = read_split(data, name)
            rankings, seconds = cli_check(store, split.queries, today, Path(cache))
            n = len(split.queries)
            map5 = sum(average_precision(rankings.get(t, []), split.relevant[t]) for t, _ in split.queries) / n
            p1 = sum(bool(rankings.get(t)) and rankings[t][0] in split.relevant[t] for t, _ in split.queries) / n
            print(f"{name:<6} {n:>7} {map5:>7.4f} {p1:>7.4f} {1000 * seconds / n:>9.1f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"benchmark folder (default: {DEFAULT_DATA})")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the store from vclaims.jsonl")
    build.add_argument("--text", choices=TEXT_CHOICES, default="title",
                       help="what is matched besides the vclaim (default: title)")
    build.add_argument("--out", type=Path, help=f"output folder (default: {CACHE}/<text>)")
    scoring = commands.add_parser("run", help="score the train and dev tweets against a built store")
    scoring.add_argument("--store", type=Path, default=CACHE / "title" / "store.yaml",
                           help="store file written by build (default: %(default)s)")
    scoring.add_argument("--splits", nargs="+", default=["train", "dev"], choices=["train", "dev"])
    args = parser.parse_args()
    if args.command == "build":
        store = build_store(args.data, args.out or CACHE / args.text, args.text)
        print(f"wrote {store}")
        return 0
    if not args.store.exists():
        parser.error(f"{args.store} does not exist: run `build` first")
    return run(args.data, args.store, args.splits)


if __name__ == "__main__":
    sys.exit(main())
