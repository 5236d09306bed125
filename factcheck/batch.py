"""Checking a stream of claims, on every core once the stream proves long.

Results come back in input order and as they are ready, so JSON Lines stream through a pipeline.
The first `SERIAL_LEAD` claims are checked in this process: a short batch answers at once and
never pays for starting workers. After that, forked workers (each with its own read-only
connection to the index file) take the rest in small chunks.
"""

from __future__ import annotations

import itertools
import signal
from datetime import date
from typing import Iterable, Iterator, NamedTuple

from .errors import InputError
from .index import StoreIndex, fork_workers, open_index
from .inputs import ClaimInput
from .matching import CheckResult, check

SERIAL_LEAD = 200
"""Claims checked before workers are started: about a third of a second of work."""
CHUNK = 16


class Settings(NamedTuple):
    threshold: float
    today: date | None
    top: int


def check_stream(items: Iterable[ClaimInput | InputError], index: StoreIndex, settings: Settings,
                 workers: int | None = None) -> Iterator[CheckResult | InputError]:
    """Each item's result (or its input error) in input order."""
    items = iter(items)
    for item in itertools.islice(items, SERIAL_LEAD):
        yield item if isinstance(item, InputError) else _check(item, index, settings)
    following = next(items, None)
    if following is None:
        return
    items = itertools.chain([following], items)
    workers = _usable_workers(index) if workers is None else workers
    if workers < 2:
        for item in items:
            yield item if isinstance(item, InputError) else _check(item, index, settings)
        return
    yield from _parallel(items, index, settings, workers)


def _check(item: ClaimInput, index: StoreIndex, settings: Settings) -> CheckResult:
    return check(item.text, index, threshold=settings.threshold, today=settings.today,
                 top=settings.top, claim_id=item.id)


def _usable_workers(index: StoreIndex) -> int:
    """Workers open the index file themselves: a connection cannot cross a fork."""
    return 1 if index.path is None else fork_workers()


_WORKER: tuple[StoreIndex, Settings] | None = None


def _start_worker(path: str, settings: Settings) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    _WORKER = (open_index(path), settings)


def _work(task: tuple[int, ClaimInput | None]) -> tuple[int, CheckResult | None]:
    position, item = task
    if item is None:
        return position, None
    index, settings = _WORKER  # type: ignore[misc]
    return position, _check(item, index, settings)


def _parallel(items: Iterator[ClaimInput | InputError], index: StoreIndex, settings: Settings,
              workers: int) -> Iterator[CheckResult | InputError]:
    import multiprocessing

    errors: dict[int, InputError] = {}

    def tasks() -> Iterator[tuple[int, ClaimInput | None]]:
        # Input errors stay here (exceptions do not always survive pickling); their place in the
        # stream travels as None so the order of the output is kept.
        for position, item in enumerate(items):
            if isinstance(item, InputError):
                errors[position] = item
                yield position, None
            else:
                yield position, item

    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _start_worker, (str(index.path), settings)) as pool:
        for position, result in pool.imap(_work, tasks(), chunksize=CHUNK):
            yield errors.pop(position) if result is None else result
