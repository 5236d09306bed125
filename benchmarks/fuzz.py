"""Fuzz the claim reader and the store loader for a given time, with hypothesis.

    python benchmarks/fuzz.py --target claims --minutes 10
    python benchmarks/fuzz.py --target store --minutes 10

Targets:

- claims: `factcheck.inputs.read_claims` on generated standard input (bytes, JSON Lines, bad
  UTF-8), then `factcheck.claims.parse_claim` and `factcheck.matching.check` against the shipped
  store's index and the test suite's mini store, and every `check` reporter on the result.
  Claims mix the store's words, deal vocabulary, pathological numbers and dates, control
  characters, right-to-left and other scripts, emoji and very long texts.
- store: `factcheck.yaml_loader.parse_yaml` on generated YAML, and `factcheck.store.read_store` /
  `load_store` on it as a store file (then `citation_problems`, and an index and a check when it
  loads). YAML is either YAML-like noise or the test suite's mini store with random structural
  damage (fields replaced, removed, added, duplicated) and textual damage (tags such as
  `!!python/object/apply`, anchors and aliases, cut, repeated and re-indented lines).

The strategies are those of `tests/test_properties.py`, so a failure found here reproduces there.
Failures are: any exception other than factcheck's typed errors (FactcheckError), an example
slower than --slow seconds, or memory beyond --memory-mb (the address space is limited, so
unbounded memory shows as MemoryError). The run goes on in fresh hypothesis runs of --batch
examples (new random seeds each) until the time is up, and prints the examples run, the time,
the slowest example and every failure with hypothesis's shrunk reproduction.
Exit status: 0 nothing found, 1 failures found.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HYPOTHESIS_PROFILE", "fuzz")
os.environ.setdefault("FACTCHECK_CACHE", "off")

from hypothesis import HealthCheck, Phase, given, settings, strategies as st  # noqa: E402

import test_properties as props  # noqa: E402
from factcheck.claims import parse_claim  # noqa: E402
from factcheck.errors import FactcheckError  # noqa: E402
from factcheck.index import build_index  # noqa: E402
from factcheck.inputs import ClaimInput, read_claims  # noqa: E402
from factcheck.matching import VERDICTS, check  # noqa: E402
from factcheck.sources import citation_problems  # noqa: E402
from factcheck.store import default_store_paths, load_store, read_store  # noqa: E402
from factcheck.yaml_loader import parse_yaml  # noqa: E402


class Slow(AssertionError):
    """An example that took longer than the --slow limit."""


@dataclass
class Tally:
    examples: int = 0
    slowest: float = 0.0
    slowest_input: str = ""
    failures: list[str] = field(default_factory=list)
    signatures: set[str] = field(default_factory=set)


def timed(tally: Tally, limit: float, describe: str, action) -> None:  # noqa: ANN001
    tally.examples += 1
    start = time.perf_counter()
    try:
        action()
    except FactcheckError:
        pass  # a typed, reported refusal is a correct answer to hostile input
    elapsed = time.perf_counter() - start
    if elapsed > tally.slowest:
        tally.slowest, tally.slowest_input = elapsed, describe[:300]
    if elapsed > limit:
        raise Slow(f"{elapsed:.1f} s (limit {limit} s) on {describe[:300]}")


def claims_target(tally: Tally, limit: float):  # noqa: ANN201
    shipped = build_index(load_store(default_store_paths()))
    mini = props.mini_index()
    lines = st.lists(st.one_of(
        props.CLAIMS.map(lambda c: c.encode("utf-8", "surrogatepass")), st.binary(max_size=60),
        st.builds(lambda c, i: ('{"id": %s, "claim": %s}' % (i, c)).encode("utf-8", "surrogatepass"),
                  props.CLAIMS.map(repr), st.sampled_from(["1", '"x"', "null", "[]", "{}", "1e999"]))), max_size=8)

    @given(text=props.CLAIMS, top=st.integers(0, 5), batch=lines)
    def run(text: str, top: int, batch: list[bytes]) -> None:
        def action() -> None:
            for index in (shipped, mini):
                parse_claim(text, index.entities, props.TODAY, index.words)
                props.checked_everywhere(text, index, top)
            for item in read_claims(io.BytesIO(b"\n".join(batch))):
                if isinstance(item, ClaimInput):
                    assert check(item.text, mini, today=props.TODAY).verdict in VERDICTS
                else:
                    assert item.location.line >= 1 and "\n" not in str(item)

        timed(tally, limit, repr(text), action)

    return run


def store_target(tally: Tally, limit: float):  # noqa: ANN201
    folder = tempfile.mkdtemp(prefix="factcheck-fuzz-")
    props.write_store(Path(folder))  # the mini store's document, which generated stores cite
    path = Path(folder) / "store.yaml"

    @given(text=st.one_of(props.stores(), props.YAML_TEXT))
    def run(text: str) -> None:
        def action() -> None:
            try:
                parse_yaml(text, "fuzz.yaml")
            except FactcheckError:
                pass
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            store, problems = read_store([path])
            props.assert_problems_are_positioned(problems, path, text)
            try:
                loaded = load_store([path])
            except FactcheckError:
                assert store is None
                return
            props.assert_problems_are_positioned(citation_problems(loaded), path)
            index = build_index(loaded)
            assert check("Acme agreed to buy Initech for $2 billion", index, today=props.TODAY).verdict in VERDICTS

        timed(tally, limit, repr(text), action)

    return run


TARGETS = {"claims": claims_target, "store": store_target}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=sorted(TARGETS), required=True)
    parser.add_argument("--minutes", type=float, default=10.0, help="How long to fuzz (default 10).")
    parser.add_argument("--batch", type=int, default=2_000, help="Examples per hypothesis run (default 2000).")
    parser.add_argument("--slow", type=float, default=10.0,
                        help="Seconds after which one example counts as a hang (default 10).")
    parser.add_argument("--memory-mb", type=int, default=4_096,
                        help="Address space limit; unbounded memory fails as MemoryError (default 4096).")
    args = parser.parse_args()

    if args.memory_mb:
        limit = args.memory_mb * 2 ** 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    tally = Tally()
    test = TARGETS[args.target](tally, args.slow)
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    runs = 0
    print(f"fuzzing {args.target} for {args.minutes:g} minutes", flush=True)
    fuzz = settings(max_examples=args.batch, deadline=None, database=None, derandomize=False,
                    suppress_health_check=list(HealthCheck), print_blob=True,
                    phases=[Phase.generate, Phase.target, Phase.shrink, Phase.explain])(test)
    while time.monotonic() < deadline:  # each call is a fresh run with a new random seed
        runs += 1
        try:
            fuzz()
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, then fuzzing goes on
            if isinstance(exc, KeyboardInterrupt):
                break
            report = "".join(traceback.format_exception(exc))
            signature = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
            if signature not in tally.signatures:
                tally.signatures.add(signature)
                tally.failures.append(report)
                print(f"\n=== failure {len(tally.failures)} (run {runs}) ===\n{report}", flush=True)
        print(f"run {runs}: {tally.examples} examples in {(time.monotonic() - started) / 60:.1f} min, "
              f"{len(tally.failures)} failure(s)", flush=True)
    minutes = (time.monotonic() - started) / 60
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{args.target}: {tally.examples} examples in {minutes:.1f} minutes ({runs} hypothesis runs), "
          f"{len(tally.failures)} distinct failure(s); slowest example {tally.slowest:.2f} s "
          f"({tally.slowest_input[:120]}); peak memory {peak:.0f} MiB")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
