"""Checking a stream of claims, on every core once the stream proves long.

Results come back in input order and as they are ready, so JSON Lines stream through a pipeline.
The first `SERIAL_LEAD` claims are checked in this process: a short batch answers at once and
never pays for starting workers. After that, forked workers (each with its own read-only
connection to the index file) take the rest in small chunks, and render each result where it is
made: a JSON line crosses between processes far more cheaply than the statements it cites, and the
parent is left with little more than writing lines out.
"""

from __future__ import annotations

import gc
import itertools
import os
import sqlite3
from collections import deque
from datetime import date
from typing import Callable, Iterable, Iterator, NamedTuple, TypeVar

from .cache import recovering
from .errors import InputError
from .index import StoreIndex, fork_workers
from .inputs import ClaimInput
from .matching import CheckResult, check
from .workers import forked_pool, start_worker

SERIAL_LEAD = 50
"""Claims checked before workers are started: a tenth of a second of work, several times what
starting them costs."""
CHUNK = 64

T = TypeVar("T")


class Settings(NamedTuple):
    threshold: float
    today: date | None
    top: int


def unchanged(result: CheckResult) -> CheckResult:
    return result


def check_stream(items: Iterable[ClaimInput | InputError], index: StoreIndex, settings: Settings,
                 render: Callable[[CheckResult], T] = unchanged,  # type: ignore[assignment]
                 workers: int | None = None) -> Iterator[T | InputError]:
    """Each item's rendered result (or its input error) in input order.

    `render` runs in whichever process checked the claim (workers inherit it by fork).
    """
    items = iter(items)
    yield from _serial(itertools.islice(items, SERIAL_LEAD), index, settings, render)
    following = next(items, None)
    if following is None:
        return
    items = itertools.chain([following], items)
    workers = _usable_workers(index) if workers is None else workers
    if workers < 2:
        yield from _serial(items, index, settings, render)
    else:
        yield from _parallel(items, index, settings, render, workers)


def _serial(items: Iterable[ClaimInput | InputError], index: StoreIndex, settings: Settings,
            render: Callable[[CheckResult], T]) -> Iterator[T | InputError]:
    for item in items:
        yield item if isinstance(item, InputError) else render(_check(item, index, settings))


def _check(item: ClaimInput, index: StoreIndex, settings: Settings) -> CheckResult:
    """The claim checked; a cached index that cannot be read is rebuilt and the claim checked
    again (see `cache.recovering`)."""
    return recovering(index, lambda: check(item.text, index, threshold=settings.threshold, today=settings.today,
                                           top=settings.top, claim_id=item.id))


def _usable_workers(index: StoreIndex) -> int:
    """Workers reopen the index file: a connection cannot cross a fork."""
    return 1 if index.path is None else fork_workers()


_WORKER: tuple[StoreIndex | None, Settings, Callable[[CheckResult], object]] | None = None
"""A worker's index (None: it could not be opened), settings and renderer."""


class _Unchecked(NamedTuple):
    """A claim a worker could not check: its connection to the index failed to read it. The
    parent checks it again, rebuilding the index if it fails there too."""

    item: ClaimInput


def _start_worker(parent: int, index: StoreIndex, settings: Settings,
                  render: Callable[[CheckResult], object]) -> None:
    global _WORKER
    start_worker(parent)
    # Checking and rendering leave no reference cycles (tests/test_batch.py watches this), so
    # reference counting frees everything and the cyclic collector only costs time: about 5% of
    # a worker's, walking the memoised records again and again.
    gc.disable()
    try:
        reopened: StoreIndex | None = index.reopened()
    except (sqlite3.Error, OSError):  # the parent is replacing a damaged index file: it checks our claims
        reopened = None
    _WORKER = (reopened, settings, render)


def _work(item: ClaimInput | None) -> object:
    if item is None:
        return None
    index, settings, render = _WORKER  # type: ignore[misc]
    if index is None:
        return _Unchecked(item)
    try:
        return render(_check(item, index, settings))
    except Exception:  # noqa: BLE001 - a worker cannot rebuild the index; the parent can
        return _Unchecked(item)


def _parallel(items: Iterator[ClaimInput | InputError], index: StoreIndex, settings: Settings,
              render: Callable[[CheckResult], T], workers: int) -> Iterator[T | InputError]:
    errors: deque[InputError] = deque()

    def tasks() -> Iterator[ClaimInput | None]:
        # Input errors stay here (exceptions do not always survive pickling); each one's place
        # travels as None, and imap returns results in task order.
        for item in items:
            if isinstance(item, InputError):
                errors.append(item)
                yield None
            else:
                yield item

    with forked_pool(workers, _start_worker, (os.getpid(), index, settings, render)) as pool:
        for rendered in pool.imap(_work, tasks(), chunksize=CHUNK):
            if rendered is None:
                yield errors.popleft()
            elif isinstance(rendered, _Unchecked):
                yield render(_check(rendered.item, index, settings))
            else:
                yield rendered  # type: ignore[misc]
