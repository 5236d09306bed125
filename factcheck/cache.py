"""The compiled index of the store, kept in the user's cache folder between runs.

Parsing YAML, validating it and reading every statement costs far more than answering a claim,
so the index built from the store (`index.build_index`, an SQLite file) is kept under a key made
of the store files' contents and the engine's own files. Any change to either gives a new key,
so a verdict is never computed from a stale index. A missing, read-only or corrupt cache only
costs speed: the index is then built in memory as if there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Sequence

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


def index_key(files: Sequence[Path]) -> str:
    """Content hash of the store files, plus the engine's version and files (so an upgraded
    engine never reads an index built by another)."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    with os.scandir(Path(__file__).resolve().parent) as engine:
        for entry in sorted((e for e in engine if e.name.endswith(".py")), key=lambda e: e.name):
            stat = entry.stat()
            digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for path in files:
        digest.update(f"{path.resolve()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load_index(paths: Sequence[Path] | None = None) -> StoreIndex:
    """The index of the store at `paths` (default store if None), from the cache when valid.

    Raises StoreError exactly as `load_store` does when the store has to be read.
    """
    files = store_files(list(paths) if paths else default_store_paths())
    folder = cache_folder()
    try:
        cached = folder / f"index-{index_key(files)}.sqlite" if folder else None
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
    """Build in a temporary file renamed into place: readers never see half an index, and
    concurrent builders just replace each other's identical result."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        build_index(store, temporary).close()
        os.replace(temporary, path)
        return open_index(path)
    except (OSError, sqlite3.Error):
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return None
