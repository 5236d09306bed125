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

_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the kernel sends this process when its parent dies."""


def start_worker(parent: int) -> None:
    """Run first in every forked worker; `parent` is the pid of the process that forked it.

    Ctrl-C reaches the whole process group and is the parent's to handle, once, so workers
    ignore it. SIGTERM and SIGHUP end a worker at once and quietly: the handlers inherited from
    the parent would raise in the worker and print its traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request above could cover it
        os._exit(0)
