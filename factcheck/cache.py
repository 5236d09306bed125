"""The compiled index of the store, kept in the user's cache folder between runs.

Parsing YAML, validating it and reading every statement costs far more than answering a claim,
so the index built from the store (`index.build_index`, an SQLite file) is kept under a key made
of the store files' contents and the engine's own files. Any change to either gives a new key,
so a verdict is never computed from a stale index. A missing, read-only or corrupt cache only
costs speed: the index is then built in memory as if there were no cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .index import StoreIndex, build_index, open_index
from .store import default_store_paths, load_store, store_files

CACHE_ENV = "FACTCHECK_CACHE"
"""Set to a folder to use it instead of $XDG_CACHE_HOME/factcheck; to "off" to disable."""


def cache_folder() -> Path | None:
    configured = os.environ.get(CACHE_ENV, "")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factcheck"


REMEMBERED_KEYS = 200
"""Index keys kept (the newest): one per store and engine version in use."""
RACY_NS = 2_000_000_000
"""A file written less than this long before it was hashed may change again without its
timestamp moving (file systems keep coarse clocks): its hash is not remembered (git's "racily
clean" rule)."""


ENGINE_FOLDERS = ("", "frames")
"""The package folders whose code and data (the deal-event vocabulary) decide what an index holds."""


def index_key(files: Sequence[Path], folder: Path) -> str:
    """A name for the index of these store files as this engine reads them: a SHA-256 of the
    files' contents and of the engine's version and files (so an upgraded engine never reads an
    index built by another)."""
    parts = [__version__]
    package = Path(__file__).resolve().parent
    for folder in ENGINE_FOLDERS:
        with os.scandir(package / folder) as engine:
            for entry in sorted((e for e in engine if e.name.endswith((".py", ".json"))), key=lambda e: e.name):
                stat = entry.stat()
                parts.append(f"{folder}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    hashes = FileHashes(folder / "file-hashes.json")
    parts += [f"{path}:{hashes.of(path)}" for path in map(Path.resolve, files)]
    combination = "\0".join(parts)
    key = hashes.keys.get(combination)
    if key is None:
        import hashlib  # only for what has not been hashed before: OpenSSL costs start-up time

        key = hashes.keys[combination] = hashlib.sha256(combination.encode()).hexdigest()[:32]
        hashes.changed = True
    hashes.save()
    return key


class FileHashes:
    """Content hashes of store files, remembered with the file's identity and timestamps, and
    the index keys already derived from them.

    Hashing a store of a million statements reads a gigabyte; a file whose device, inode, size,
    modification and change times are all as they were when it was hashed has not been written
    since (the change time cannot be set back by any tool), so its remembered hash still holds.
    Anything else, or no record, and the file is read and hashed again.
    """

    def __init__(self, record: Path) -> None:
        self.record = record
        self.files: dict[str, list] = {}
        self.keys: dict[str, str] = {}
        self.changed = False
        try:
            loaded = json.loads(record.read_text(encoding="utf-8"))
            if isinstance(loaded.get("files"), dict) and isinstance(loaded.get("keys"), dict):
                self.files, self.keys = loaded["files"], loaded["keys"]
        except (OSError, ValueError, AttributeError):
            pass

    def of(self, path: Path) -> str:
        stat = path.stat()
        identity = [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
        entry = self.files.get(str(path))
        if isinstance(entry, list) and entry[:-1] == identity:
            return str(entry[-1])
        import hashlib

        started = time.time_ns()
        content = hashlib.sha256(path.read_bytes()).hexdigest()
        if started - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS:
            self.files[str(path)] = [*identity, content]
            self.changed = True
        return content

    def save(self) -> None:
        if not self.changed:
            return
        self.files = {path: entry for path, entry in self.files.items() if os.path.exists(path)}  # stores come and go
        self.keys = dict(list(self.keys.items())[-REMEMBERED_KEYS:])
        text = json.dumps({"files": self.files, "keys": self.keys})
        _write_replacing(self.record, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def load_index(paths: Sequence[Path] | None = None) -> StoreIndex:
    """The index of the store at `paths` (default store if None), from the cache when valid.

    Raises StoreError exactly as `load_store` does when the store has to be read.
    """
    files = store_files(list(paths) if paths else default_store_paths())
    folder = cache_folder()
    try:
        cached = folder / f"index-{index_key(files, folder)}.sqlite" if folder else None
    except OSError:
        cached = None  # a store file vanished or is unreadable: load_store reports it properly
    if cached is not None and cached.exists():
        try:
            return open_index(cached)
        except Exception:  # noqa: BLE001 - unreadable, truncated or foreign: rebuilt below
            pass
    store = load_store(files)
    if cached is not None:
        built = _build_into(cached, store)
        if built is not None:
            return built
    return build_index(store)


def _build_into(path: Path, store) -> StoreIndex | None:
    if not _write_replacing(path, lambda temporary: build_index(store, temporary).close()):
        return None
    try:
        return open_index(path)
    except (OSError, sqlite3.Error):
        return None


def _write_replacing(path: Path, write: Callable[[Path], object]) -> bool:
    """Write through a temporary file renamed into place: readers never see half a file, and
    concurrent writers just replace each other's identical result. False when the cache folder
    cannot be written, which only costs speed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        write(temporary)
        os.replace(temporary, path)
        return True
    except (OSError, sqlite3.Error):
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False
