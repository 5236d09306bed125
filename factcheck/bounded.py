"""Reading files and streams with a size bound, so hostile input costs an error, not the machine.

A path can name a device (`/dev/zero` never ends), a FIFO nobody writes to (opening it waits
forever) or a file far larger than anything factcheck reads; a stream can be endless. Every read
of user, store or cache data goes through here: the file's kind is checked on an open that cannot
block, and at most `limit + 1` bytes are read, so memory stays bounded whatever the input is.
Failures are OSErrors (`strerror` is the reason, worded for a one-line message), like every other
failure to read a file, so callers report them the way they already report a missing file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

MiB = 2 ** 20

_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a pipe"),
          (stat.S_ISSOCK, "a socket"))


class NotRegularFile(OSError):
    """A path that names a device, pipe or socket where a file was expected."""


class TooLarge(OSError):
    """A file or stream past its size bound; `strerror` says the bound."""


def size_text(size: int) -> str:
    """A size as messages give it: `64 MiB`, `512 KiB` or `100 bytes`."""
    if size >= MiB and size % MiB == 0:
        return f"{size // MiB} MiB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size:,} bytes"


def file_kind(mode: int) -> str:
    """What a path that is not a regular file names, from its `st_mode`: "a character device" …"""
    return next((name for test, name in _KINDS if test(mode)), "a directory" if stat.S_ISDIR(mode) else "a file")


def read_file(path: Path | str, limit: int, *, pipes: bool = False) -> bytes:
    """The bytes of a regular file (or, with `pipes`, of a pipe: `<(command)` in a shell) of at
    most `limit` bytes. Raises IsADirectoryError for a folder, NotRegularFile for other kinds,
    TooLarge past the limit, and OSError as `open` does."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not (stat.S_ISREG(mode) or (pipes and stat.S_ISFIFO(mode))):
            raise NotRegularFile(errno.EINVAL, f"not a regular file ({file_kind(mode)})")
        os.set_blocking(fd, True)  # a pipe's writer may still be writing
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return read_stream(handle, limit)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """All of a stream, refused with TooLarge as soon as it passes `limit` bytes. Read a
    mebibyte at a time: a read of `limit` bytes at once would reserve all of them up front."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(MiB, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise TooLarge(errno.EFBIG, f"larger than {size_text(limit)}, the limit")
    return b"".join(chunks)
