"""Batches: the same results in the same order whether checked here or by worker processes."""

from __future__ import annotations

import gc
import io
import json
import os
from pathlib import Path

import pytest

from factcheck import batch
from factcheck.batch import Settings, check_stream
from factcheck.cache import load_index
from factcheck.errors import InputError
from factcheck.index import build_index
from factcheck.inputs import ClaimInput
from factcheck.matching import check
from factcheck.reporters.json import JsonLinesReporter
from factcheck.reporters.text import TextReporter
from factcheck.store import default_store_paths, load_store

from conftest import ROOT

CLAIMS = ["Acme bought Initech for $2bn", "Acme did not buy Initech", "Globex opened an office",
          "Acme bought Initech in 2019"]


@pytest.mark.parametrize("workers", [1, 2])
def test_results_keep_input_order_and_errors_keep_their_place(mini_store: Path, workers: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "SERIAL_LEAD", 1)  # the rest goes to the workers
    index = load_index([mini_store])
    assert index.path is not None
    bad = InputError("invalid JSON: Expecting value", "<stdin>", 3, 1)
    items = [ClaimInput(text, str(n)) for n, text in enumerate(CLAIMS * 10)]
    items.insert(2, bad)
    results = list(check_stream(items, index, Settings(50.0, None, 0), workers=workers))
    assert results[2] is bad
    checked = results[:2] + results[3:]
    assert [r.id for r in checked] == [str(n) for n in range(len(CLAIMS) * 10)]
    serial = list(check_stream([i for i in items if i is not bad], index, Settings(50.0, None, 0), workers=1))
    assert [(r.verdict, r.score) for r in checked] == [(r.verdict, r.score) for r in serial]
    assert {r.verdict for r in checked} == {"denied", "supported", "unverified"}


def test_workers_render_their_results(mini_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "SERIAL_LEAD", 1)
    index = load_index([mini_store])
    items = [ClaimInput(text, str(n)) for n, text in enumerate(CLAIMS * 10)]

    def render(result):
        return os.getpid(), result.id, result.verdict

    rendered = list(check_stream(items, index, Settings(50.0, None, 0), render, workers=2))
    assert rendered[0][0] == os.getpid()  # the serial lead
    assert {pid for pid, _, _ in rendered[1:]} - {os.getpid()}  # the rest: rendered by workers
    serial = check_stream(items, index, Settings(50.0, None, 0), workers=1)
    assert [(i, v) for _, i, v in rendered] == [(r.id, r.verdict) for r in serial]


def test_checking_and_rendering_leave_no_reference_cycles(shipped_index) -> None:
    """Workers run without the cyclic garbage collector: only safe while nothing a check or a
    render does leaves a cycle behind for it to find."""
    claims = [json.loads(line)["claim"]
              for line in (ROOT / "benchmarks" / "claims" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    reporters = [JsonLinesReporter(io.StringIO()), TextReporter(io.StringIO())]
    for claim in claims:  # first, everything imported and compiled on first use
        for reporter in reporters:
            reporter.render(check(claim, shipped_index))
    fresh = build_index(load_store(default_store_paths()))  # nothing memoised: every record is read
    gc.collect()
    gc.disable()
    try:
        for claim in claims:
            for reporter in reporters:
                reporter.render(check(claim, fresh))
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_worker_that_cannot_open_the_index_hands_its_claims_back(mini_store: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker forked while the parent replaces a damaged index file may find no file to open:
    it checks nothing (and prints no traceback); the parent checks its claims."""
    index = load_index([mini_store])
    moved = tmp_path / "elsewhere.sqlite"
    monkeypatch.setattr(index, "path", moved)  # as if the file had gone
    monkeypatch.setattr(batch, "start_worker", lambda parent: None)  # this is no forked worker
    monkeypatch.setattr(batch, "_WORKER", None)
    try:
        batch._start_worker(os.getpid(), index, Settings(50.0, None, 0), lambda result: result.verdict)
    finally:
        gc.enable()
    item = ClaimInput(CLAIMS[0], "1")
    assert batch._work(item) == batch._Unchecked(item)
