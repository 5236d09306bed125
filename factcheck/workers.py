"""Forked worker processes that never outlive the process that started them.

Batches and large index builds fork workers (`batch.py`, `index.py`). However the parent ends,
they must end with it: a worker left behind holds hundreds of megabytes and waits forever on a
pipe nobody reads. The parent stops them itself when it can (Ctrl-C and SIGTERM unwind it, and
leaving a pool's `with` block terminates the pool); for the deaths it cannot act on (SIGKILL,
a crash) Linux kills each worker when its parent dies (`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the kernel sends this process when its parent dies."""


def start_worker(parent: int) -> None:
    """Run first in every forked worker; `parent` is the pid of the process that forked it.

    Ctrl-C reaches the whole process group and is the parent's to handle, once, so workers
    ignore it. SIGTERM and SIGHUP end a worker at once and quietly: the handlers inherited from
    the parent would raise in the worker and print its traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back by `forked_pool`
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request above could cover it
        os._exit(0)


@contextmanager
def forked_pool(workers: int, initializer: Callable[..., None], arguments: tuple[Any, ...]) -> Iterator["Pool"]:
    """A pool of forked workers, terminated when the block is left however it is left.

    Ctrl-C is held back while the workers are forked: one that reached a worker before its
    `initializer` ran would raise in the interpreter's own after-fork code and print a
    traceback. The parent receives it as soon as the pool stands, inside the block, so the pool
    is terminated as it unwinds."""
    import multiprocessing  # only a batch or a large build forks: a check does not pay for it

    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer, arguments)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    with pool:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        yield pool
