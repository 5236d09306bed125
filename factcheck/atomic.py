"""Replacing a file so that readers and crashes only ever see the old or the new version.

A write goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed and fsync'd, then renamed over the original with `os.replace`, and the folder
is fsync'd so the rename itself survives a power cut. Writers take the locks of every file of
the store first (through `filelock`, in the cache folder: see `lock_path`), so two of them never
work from the same old text, nor validate against files another is changing.
"""

from __future__ import annotations

import os
import stat
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .errors import WriteError

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another writer; an `add` holds the lock for about a second at most."""


def lock_path(path: Path) -> Path:
    """Where the writers' lock of store file `path` lives: outside the user's tree (where it would
    clutter `git status`), in the cache folder's `locks/`, named by a hash of the file's real
    path, so every name for the file gives one lock. With the cache turned off, in a folder of
    this user's own in the temporary folder. Writers of one user are held off each other; the
    lock files stay (removing a lock file that another writer may be opening is not safe)."""
    import hashlib
    import tempfile

    from .cache import cache_folder

    folder = cache_folder() or Path(tempfile.gettempdir()) / f"factcheck-{os.getuid()}"
    name = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]
    return folder / "locks" / f"{name}.lock"


def check_writable(path: Path) -> None:
    """Refuse early, with a clear reason, a file or folder this process must not or cannot change.

    A file without write permission is refused even for root: replacing it by rename would
    otherwise ignore the mark its owner put on it.
    """
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(f"folder {folder} does not exist", str(path))
    if path.exists():
        if not path.is_file():
            raise WriteError("not a regular file", str(path))
        if not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
            raise WriteError("store file is read-only", str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(f"cannot write in folder {folder} (permission denied; the file is replaced, "
                         "not edited in place)", str(path))


@contextmanager
def locked(paths: Iterable[Path], written: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the writers' locks of all `paths` (the files of a store, resolved) at once: a write
    validates the whole store, so no file of it may change meanwhile. Locks are taken in one
    order (sorted), so two writers never wait for each other crosswise, and `timeout` covers
    them all; errors name `written`, the file being written. A file in a folder this user cannot
    write is not locked (this user's writers cannot change it either). Locks are released if the
    process dies."""
    from filelock import FileLock, Timeout  # imported here: only write commands pay for it

    deadline = time.monotonic() + timeout
    with ExitStack() as held:
        for path in sorted(set(paths)):
            if path.exists() and not os.access(path.parent, os.W_OK):
                continue
            lock = FileLock(lock_path(path), timeout=max(0.0, deadline - time.monotonic()))
            try:
                Path(lock.lock_file).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                lock.acquire()
            except Timeout:
                raise WriteError(f"locked by another writer (waited {timeout:g} s for {lock.lock_file})",
                                 str(written)) from None
            except OSError as exc:
                raise WriteError(f"cannot create lock file {lock.lock_file}: {exc.strerror or exc}",
                                 str(written)) from None
            held.callback(lock.release)
        yield


def remove_leftovers(path: Path) -> None:
    """Delete temporary files of writers that died before renaming theirs into place.

    Call it holding the lock: temporary files are only made under it, so any found then belong
    to a writer that is gone.
    """
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        temp.unlink(missing_ok=True)


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `path`, durably, with `path`'s permissions.

    The name ends in `.tmp`, so a store folder never lists it as a store file.
    """
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise WriteError(f"cannot create a temporary file in {path.parent}: {exc.strerror or exc}",
                         str(path)) from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if path.exists():
                os.fchmod(fd, stat.S_IMODE(path.stat().st_mode))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def commit(temp: Path, path: Path) -> None:
    """Put a staged file in place of `path` in one step, and make the rename durable."""
    try:
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteError(f"cannot replace the file: {exc.strerror or exc}", str(path)) from None
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # some file systems cannot open folders; the rename is done all the same
    try:
        os.fsync(folder)
    except OSError:
        pass  # fsync on a folder is not supported everywhere; the data itself was fsync'd
    finally:
        os.close(folder)
