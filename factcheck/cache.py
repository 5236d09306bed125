"""The compiled index of the store, kept in the user's cache folder between runs.

Parsing YAML, validating it and reading every statement costs far more than answering a claim,
so the index built from the store (`index.build_index`, an SQLite file) is kept under a key made
of the store files' contents and the engine's own files. Any change to either gives a new key,
so a verdict is never computed from a stale index. A missing, read-only or corrupt cache only
costs speed: the index is then built in memory as if there were no cache. An index file that
fails to read later, in the middle of a run, is rebuilt from the store (`recovering`).

A new index is built from what the cache keeps of each store file, under the file's content: its
record (what validation needs of it: `store.FileRecord`) and its part (its statements as read:
`index.Part`). After a change only the changed files are parsed and checked, only their changed
statements read, and the store's previous index patched where it can be (`_from_parts`).

A build writes a temporary file renamed into place. An interrupted build removes it; one killed
outright leaves it, and the next build removes it once it is an hour old and its process (the
pid in its name) is gone.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import time
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Sequence, TypeVar

from . import __version__
from .bounded import MiB, read_file
from .errors import FactcheckError, StoreError
from .index import (FORMAT, FileStatements, PackedStatements, StoreFile, StoreIndex, build_from_files, build_index,
                    file_statements, fork_workers, open_index)
from .store import (PARALLEL_PARSE_BYTES, FileRecord, Statement, default_store_paths, file_record, load_store,
                    outline_store, store_files)

T = TypeVar("T")

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
MAX_RECORD_BYTES = 16 * MiB
"""A file-hash record larger than this is not ours (it holds a few hundred entries): ignored."""
STALE_SECONDS = 3600
"""A temporary file untouched this long, whose process is gone, is a dead build's."""
RACY_NS = 2_000_000_000
"""A file written less than this long before it was hashed may change again without its
timestamp moving (file systems keep coarse clocks): its hash is not remembered (git's "racily
clean" rule)."""


ENGINE_FOLDERS = ("", "frames")
"""The package folders whose code and data (the deal-event vocabulary) decide what an index holds."""


HASHES_RECORD = "file-hashes.json"
INDEX_GLOB = "index-*.sqlite"
PARTS = "parts"
"""The folder of the parts indexes are assembled from (`index.Part`): one per store file as read."""


def _index_path(folder: Path, key: str) -> Path:
    return folder / f"index-{key}.sqlite"


def _key_of(index: Path) -> str:
    return index.name[len("index-"):-len(".sqlite")]


def engine_key(portable: bool = False) -> str:
    """The engine's version and files (their sizes, and unless `portable` their modification
    times): what an index, or a part of one, is read by."""
    parts = [__version__]
    package = Path(__file__).resolve().parent
    for part in ENGINE_FOLDERS:
        with os.scandir(package / part) as engine:
            for entry in sorted((e for e in engine if e.name.endswith((".py", ".json"))), key=lambda e: e.name):
                stat = entry.stat()
                parts.append(f"{part}/{entry.name}:{stat.st_size}" + ("" if portable else f":{stat.st_mtime_ns}"))
    return "\0".join(parts)


def index_key(files: Sequence[Path], folder: Path | None, portable: bool = False) -> str:
    """A name for the index of these store files as this engine reads them: a SHA-256 of the
    files' contents and of the engine's version and files (so an upgraded engine never reads an
    index built by another). The cache's key also names where the files are and when the
    engine's files were written (cheap to check, and a local cache has no other store there);
    a `portable` key names only the contents and the engine's version and file sizes, the same
    in any checkout on any machine (`build_portable`)."""
    return _keyed(files, folder, portable)[0]


def _keyed(files: Sequence[Path], folder: Path | None, portable: bool = False) -> tuple[str, list[str]]:
    """`index_key`, and the SHA-256 of each file's content it was made of."""
    parts = [engine_key(portable)]
    hashes = FileHashes(folder / HASHES_RECORD if folder else None)
    resolved = real_paths(files)
    digests = [hashes.of(path) for path in resolved]
    if portable:
        parts += sorted(digests)
    else:
        parts += [f"{path}:{digest}" for path, digest in zip(resolved, digests)]
    combination = "\0".join(parts)
    key = hashes.keys.get(combination)
    if key is None:
        import hashlib  # only for what has not been hashed before: OpenSSL costs start-up time

        key = hashes.keys[combination] = hashlib.sha256(combination.encode()).hexdigest()[:32]
        hashes.changed = True
    hashes.save()
    return key, digests


class FileHashes:
    """Content hashes of store files, remembered with the file's identity and timestamps, and
    the index keys already derived from them.

    Hashing a store of a million statements reads a gigabyte; a file whose device, inode, size,
    modification and change times are all as they were when it was hashed has not been written
    since (the change time cannot be set back by any tool), so its remembered hash still holds.
    Anything else, or no record, and the file is read and hashed again.
    """

    def __init__(self, record: Path | None) -> None:
        """`record`: where they are remembered; None, nowhere (the cache is off)."""
        self.record = record
        self.files: dict[str, list] = {}
        self.keys: dict[str, str] = {}
        self.current: dict[str, str] = {}
        """Each store's (its files' real paths) newest index key: what supersedes the one before."""
        self.changed = False
        try:
            if record is None:
                return
            loaded = json.loads(read_file(record, MAX_RECORD_BYTES))
            if isinstance(loaded.get("files"), dict) and isinstance(loaded.get("keys"), dict):
                self.files, self.keys = loaded["files"], loaded["keys"]
            if isinstance(loaded.get("current"), dict):
                self.current = loaded["current"]
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
        with path.open("rb") as handle:  # read in blocks: a store file can be large
            content = hashlib.file_digest(handle, "sha256").hexdigest()
        if started - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS:
            self.files[str(path)] = [*identity, content]
            self.changed = True
        return content

    def save(self) -> None:
        if not self.changed or self.record is None:
            return
        self.files = {path: entry for path, entry in self.files.items() if os.path.exists(path)}  # stores come and go
        self.keys = dict(list(self.keys.items())[-REMEMBERED_KEYS:])
        self.current = dict(list(self.current.items())[-REMEMBERED_KEYS:])
        text = json.dumps({"files": self.files, "keys": self.keys, "current": self.current})
        _write_replacing(self.record, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def load_index(paths: Sequence[Path] | None = None, warn: Callable[[str], object] | None = None,
               index_file: Path | None = None, trust_index: bool = False) -> StoreIndex:
    """The index of the store at `paths` (default store if None), from the cache when valid, or
    from `index_file` (see `build_portable`), which must have been built from this store by this
    engine unless `trust_index`.

    A cached index that cannot be read is discarded and built again, with a line to `warn`.
    Raises StoreError exactly as `load_store` does when the store has to be read, and for an
    index file that cannot be used.
    """
    files = store_files(list(paths) if paths else default_store_paths())
    if index_file is not None:
        return _portable(index_file, files, trust_index)
    folder = cache_folder()
    digests: list[str] = []
    try:
        key, digests = _keyed(files, folder) if folder else ("", [])
        cached = _index_path(folder, key) if folder else None
    except OSError:
        cached = None  # a store file vanished or is unreadable: load_store reports it properly
    if cached is None or not cached.is_file():
        return _built(cached, files, digests, warn)
    try:
        index = open_index(cached)
    except Exception as failure:  # noqa: BLE001 - unreadable or truncated: built again
        return _rebuilt(cached, files, failure, warn)
    _used(cached)
    index.rebuild = lambda failure: _rebuilt(cached, files, failure, warn)
    return index


def current_index(files: Sequence[Path]) -> StoreIndex | None:
    """The cached index of exactly these store files as they are now, or None (none cached, no
    cache, or one that cannot be opened): for a writer's near-duplicate check, which must not
    pay for building an index of a large store (a check that runs later builds it)."""
    folder = cache_folder()
    try:
        cached = _index_path(folder, index_key(files, folder)) if folder else None
        return open_index(cached) if cached is not None and cached.is_file() else None
    except Exception:  # noqa: BLE001 - unreadable, truncated, a file gone: the caller builds one
        return None


def recovering(index: StoreIndex, action: Callable[[], T]) -> T:
    """`action()`, which reads `index`. A cached index file can be damaged anywhere (a bad disk,
    a truncated copy) and most of it is only read when a claim needs it, so any failure to read
    it, at open or later, only costs speed: the file is discarded, the index built again from
    the store (once; `index` becomes the new one for all who hold it) and `action` runs again.
    Errors of the input itself (FactcheckError) are not the index's and pass through."""
    try:
        return action()
    except FactcheckError:
        raise
    except Exception as failure:
        if index.rebuild is None:
            raise
        index.adopt(index.rebuild(failure))
        return action()


def _rebuilt(cached: Path, files: Sequence[Path], failure: Exception,
             warn: Callable[[str], object] | None) -> StoreIndex:
    if warn is not None:
        warn(f"{cached}: warning: the cached index could not be read ({type(failure).__name__}); "
             "built it again from the store")
    try:
        cached.unlink(missing_ok=True)
    except OSError:
        pass  # replaced below if the folder can be written; else the index is built in memory
    try:
        digests = _keyed(files, cached.parent)[1]
    except OSError:
        return _built(None, files, [], warn)  # a store file vanished or is unreadable: load_store reports it
    return _built(cached, files, digests, warn)


PORTABLE_TABLE = "portable_key"
"""The table of an index file written by `build_portable` that names the store and engine it
was built from (the cache's key for them)."""


def build_portable(paths: Sequence[Path] | None, out: Path) -> str:
    """Build the store's index into the file `out` (replaced whole, never half-written), for
    `load_index(index_file=out)` on another machine or in a CI job; returns its key. Raises
    StoreError as `load_store` does, and for an `out` that cannot be written."""
    files = store_files(list(paths) if paths else default_store_paths())
    folder = cache_folder()
    key, digests = _keyed(files, folder, portable=True)

    def write(temporary: Path) -> None:
        _write_index(temporary, files, digests, folder)
        with sqlite3.connect(temporary) as connection:
            connection.execute(f"CREATE TABLE {PORTABLE_TABLE} (key TEXT)")
            connection.execute(f"INSERT INTO {PORTABLE_TABLE} VALUES (?)", (key,))
        connection.close()

    try:
        if not _write_replacing(out, write):
            raise StoreError("cannot write the index file here", str(out))
    except _Changed as changed:
        raise StoreError("changed while its index was being built; build it again", str(changed.path)) from None
    return key


def _portable(index_file: Path, files: Sequence[Path], trust: bool) -> StoreIndex:
    try:
        connection = sqlite3.connect(f"file:{index_file.resolve()}?mode=ro", uri=True)
        try:
            [built_from] = connection.execute(f"SELECT key FROM {PORTABLE_TABLE}").fetchone()
        finally:
            connection.close()
        index = open_index(index_file)
    except (OSError, sqlite3.Error, ValueError, TypeError) as failure:
        raise StoreError(f"not an index file factcheck can read ({type(failure).__name__}); "
                         "build one with `factcheck index build --out FILE`", str(index_file)) from None
    if not trust:
        wanted = index_key(files, cache_folder(), portable=True)
        if built_from != wanted:
            index.close()
            raise StoreError(f"built from another version of the store or of factcheck (index {built_from}, "
                             f"store {wanted}): build it again, or pass --trust-index", str(index_file))
    return index


def _built(cached: Path | None, files: Sequence[Path], digests: Sequence[str],
           warn: Callable[[str], object] | None) -> StoreIndex:
    """The index of the store files (whose contents have these SHA-256s), written to `cached`
    when the cache folder allows it; the index it supersedes is removed, and the least recently
    used ones while the cache is over its budget. Written to the cache, it is rebuilt as one read
    from it is when it fails to read (`recovering`): a patch copies the previous index's records
    of unchanged statements, damage included."""
    if cached is not None:
        _remove_stale_temporaries(cached.parent)
        _remove_stale_temporaries(cached.parent / PARTS)
        try:
            built = _build_into(cached, files, digests)
        except _Changed:
            built = None  # the store as it is now is read whole below, and not kept
        if built is not None:
            _retire(cached, files)
            built.rebuild = lambda failure: _rebuilt(cached, files, failure, warn)
            return built
    return build_index(load_store(files))


BUDGET_ENV = "FACTCHECK_CACHE_MB"
"""The cache's size budget in MiB (default `DEFAULT_BUDGET_MB`): indexes beyond it are removed,
least recently used first, whenever one is built."""
DEFAULT_BUDGET_MB = 2048


def _used(cached: Path) -> None:
    """Mark an index as just used (its modification time), for least-recently-used eviction."""
    try:
        os.utime(cached)
    except OSError:
        pass  # a read-only cache: eviction then goes by build time


def _retire(cached: Path, files: Sequence[Path]) -> None:
    """Remove the index this one supersedes (the store's previous one, unless another store still
    uses it), then the least recently used ones while the cache is over its budget."""
    folder = cached.parent
    hashes = FileHashes(folder / HASHES_RECORD)
    store = _store_name(files)
    key = _key_of(cached)
    before = hashes.current.get(store)
    hashes.current[store], hashes.changed = key, True
    hashes.save()
    if before and before != key and before not in hashes.current.values():
        _remove(_index_path(folder, before))
    try:
        budget = int(os.environ.get(BUDGET_ENV, DEFAULT_BUDGET_MB)) * MiB
    except ValueError:
        budget = DEFAULT_BUDGET_MB * MiB
    indexes = sorted(_indexes(folder), key=lambda entry: entry[2], reverse=True)  # newest use first
    total = sum(size for _, size, _ in indexes)
    for path, size, _ in indexes[1:]:
        if total <= budget:
            break
        if path != cached and _remove(path):
            total -= size
    _remove_unused_parts(folder)


def _remove_unused_parts(folder: Path) -> None:
    """Remove the parts and records no index in the cache was assembled from (those of files
    since changed, or of indexes removed). An index that cannot be read keeps none: they only
    save time."""
    used: set[str] = set()
    for path, _, _ in _indexes(folder):
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for keys in connection.execute("SELECT record, key FROM parts"):
                    used.update(keys)
            finally:
                connection.close()
        except sqlite3.Error:
            continue
    try:
        kept = [*(folder / PARTS).glob("*.part"), *(folder / PARTS).glob("*.record")]
    except OSError:
        return
    for part in kept:
        if part.stem not in used:
            _remove(part)


def _indexes(folder: Path) -> list[tuple[Path, int, float]]:
    """Each index file with its size and last use."""
    found = []
    try:
        for path in folder.glob(INDEX_GLOB):
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((path, stat.st_size, stat.st_mtime))
    except OSError:
        pass
    return found


def _remove(path: Path) -> bool:
    """Remove an index (a process that has it open keeps reading it: POSIX unlinks the name)."""
    try:
        path.unlink(missing_ok=True)
        return True
    except OSError:
        return False


class CachedIndex(NamedTuple):
    path: Path
    size: int
    last_used: float
    """Seconds since the epoch."""
    stores: tuple[str, ...]
    """The store files (real paths) whose current index it is; empty when superseded or unknown."""


def cache_info() -> tuple[Path | None, tuple[CachedIndex, ...]]:
    """The cache folder (None when disabled) and its indexes, most recently used first."""
    folder = cache_folder()
    if folder is None:
        return None, ()
    current = FileHashes(folder / HASHES_RECORD).current
    owners: dict[str, list[str]] = {}
    for store, key in current.items():
        owners.setdefault(key, []).extend(store.split("\0"))
    entries = [CachedIndex(path, size, used, tuple(owners.get(_key_of(path), ())))
               for path, size, used in _indexes(folder)]
    return folder, tuple(sorted(entries, key=lambda entry: -entry.last_used))


def clear_cache() -> tuple[int, int]:
    """Remove every index, the parts they were assembled from and the record of file hashes
    (never a lock: a writer may hold one). Returns how many index files were removed and their
    bytes."""
    folder = cache_folder()
    if folder is None:
        return 0, 0
    removed = freed = 0
    for path, size, _ in _indexes(folder):
        if _remove(path):
            removed, freed = removed + 1, freed + size
    _remove_unused_parts(folder)
    _remove(folder / HASHES_RECORD)
    return removed, freed


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of builds killed before they could clean up (see the module's notes)."""
    now = time.time()
    try:
        temporaries = list(folder.glob(".*.tmp"))
    except OSError:
        return
    for temporary in temporaries:
        pid = temporary.name.rsplit(".", 2)[-2]
        try:
            if pid.isdigit() and now - temporary.stat().st_mtime > STALE_SECONDS and not _running(int(pid)):
                temporary.unlink()
        except OSError:
            pass  # gone already, or not ours to remove


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


class _Changed(Exception):
    """A store file changed while its index was being built from the cache's records and parts:
    the index would not be that of the store its key names."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _store_name(files: Sequence[Path]) -> str:
    """A store as `FileHashes.current` names it: its files' real paths."""
    return "\0".join(sorted(map(str, real_paths(files))))


def real_paths(files: Sequence[Path]) -> list[Path]:
    """Each file's real path (`Path.resolve`), each folder resolved once: a folder store names a
    hundred files, and resolving each walks every component of its path (7 ms of a cold check of
    a 100-file store, done twice)."""
    folders: dict[Path, Path] = {}

    def real(path: Path) -> Path:
        if path.is_symlink():
            return path.resolve()
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        return folder / path.name

    return [real(path) for path in files]


def _write_index(out: Path, files: Sequence[Path], digests: Sequence[str], folder: Path | None) -> None:
    """Write the index of the store files (whose contents have these SHA-256s) to `out`: from the
    records and parts kept in the cache `folder`, or without a cache from the whole store.
    Raises StoreError as `load_store` does, `_Changed` when a file changes meanwhile."""
    if folder is None:
        build_index(load_store(files), out).close()
    else:
        _from_parts(files, digests, out, folder).close()


def _record_key(path: Path, digest: str, engine: str) -> str:
    """What a file's record is read from: its content, its path as named (problems and
    statements give it) and the engine (the schema, the checks)."""
    import hashlib

    return hashlib.sha256(f"{FORMAT}\0{engine}\0{path}\0{digest}".encode()).hexdigest()[:32]


def _from_parts(files: Sequence[Path], digests: Sequence[str], out: Path, folder: Path) -> StoreIndex:
    """Build the index into `out` reading only what changed: each file's record (`FileRecord`:
    its own problems, ids and references) is kept in the cache under its content, so an
    unchanged file is neither parsed nor checked again, and what refers across files is checked
    from the records (`outline_store`); a store with any error is read whole, for every error
    to be reported where it is. The statements are then read only for the parts that do not
    hold (`build_from_files`), against the store's previous index."""
    kept = folder / PARTS
    engine = engine_key()
    keys = [_record_key(path, digest, engine) for path, digest in zip(files, digests)]
    records = [_load_record(kept / f"{key}.record") for key in keys]
    unread = [number for number, record in enumerate(records) if record is None]
    spills = [kept / f".{keys[number]}.spill.{os.getpid()}.tmp" for number in unread]
    try:
        kept.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the workers cannot spill there either: the files are then read here
    statements: dict[int, FileStatements] = {}
    try:
        for number, (record, statements[number]) in zip(unread, _read_records(
                [files[n] for n in unread], [digests[n] for n in unread], spills)):
            records[number] = record
            _write_replacing(kept / f"{keys[number]}.record",
                             lambda temporary: temporary.write_bytes(pickle.dumps(record, pickle.HIGHEST_PROTOCOL)))
        store = outline_store(files, records)  # type: ignore[arg-type] - every record is read now
        if store is None:
            return build_index(load_store(files), out)  # raises StoreError, every error where it is

        def read(number: int) -> Callable[[], FileStatements]:
            return lambda: statements[number] if number in statements else file_statements(
                _read_record(files[number], digests[number])[1])

        previous = FileHashes(folder / HASHES_RECORD).current.get(_store_name(files))
        return build_from_files(store, [StoreFile(key, record.statements, read(number))
                                        for number, (key, record) in enumerate(zip(keys, records))],
                                out, kept, engine, _index_path(folder, previous) if previous else None)
    finally:
        for spill in spills:
            _remove(spill)


def _read_record(path: Path, digest: str) -> tuple[FileRecord, list[Statement]]:
    """A file's record and statements, read now; `_Changed` if it no longer has this content."""
    found, record, statements = file_record(path)
    if found != digest:
        raise _Changed(path)
    return record, statements


def _read_records(paths: Sequence[Path], digests: Sequence[str],
                  spills: Sequence[Path | None] | None = None) -> Iterator[tuple[FileRecord, FileStatements]]:
    """Each file's record and statements, in order: on every core, a file to a worker, when
    there are several files and `PARALLEL_PARSE_BYTES` in all (parsing and checking a file is a
    fifth of a full build's work, and the workers send back their statements packed, their words
    and digests made; packed into the file's `spills` path when given, which the caller removes).
    A file a worker could not read is read here again, to raise what it raises."""
    try:
        size = sum(path.stat().st_size for path in paths)
    except OSError:
        size = 0
    workers = min(fork_workers(), len(paths))
    if workers < 2 or size < PARALLEL_PARSE_BYTES:
        yield from ((record, file_statements(statements)) for record, statements in map(_read_record, paths, digests))
        return
    from .workers import forked_pool, start_worker

    with forked_pool(workers, start_worker, (os.getpid(),)) as pool:
        jobs = zip(paths, digests, spills or [None] * len(paths))
        for path, digest, found in zip(paths, digests, pool.imap(_packed_record, jobs)):
            if found is None:
                record, statements = _read_record(path, digest)
                found = record, file_statements(statements)
            yield found


def _packed_record(job: tuple[Path, str, Path | None]) -> tuple[FileRecord, FileStatements] | None:
    """In a worker: a file's record and statements, packed (into the spill file, if any); None
    when the file cannot be read or has changed (its errors do not cross processes), or when the
    spill file cannot be written."""
    path, digest, spill = job
    try:
        record, statements = _read_record(path, digest)
        found = file_statements(statements)
        return record, found._replace(statements=PackedStatements(found.statements, spill))
    except (StoreError, _Changed, OSError):
        return None


def _load_record(path: Path) -> FileRecord | None:
    """A kept record, or None when it is missing or unreadable (it only saves time)."""
    try:
        record = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, damaged, or of another version: read the file again
        return None
    return record if isinstance(record, FileRecord) else None


def _build_into(path: Path, files: Sequence[Path], digests: Sequence[str]) -> StoreIndex | None:
    if not _write_replacing(path, lambda temporary: _write_index(temporary, files, digests, path.parent)):
        return None
    try:
        return open_index(path)
    except (OSError, sqlite3.Error):
        return None


def _write_replacing(path: Path, write: Callable[[Path], object]) -> bool:
    """Write through a temporary file renamed into place: readers never see half a file, and
    concurrent writers just replace each other's identical result. False when the cache folder
    cannot be written, which only costs speed. The temporary file is removed whatever happens,
    Ctrl-C and SIGTERM included."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        write(temporary)
        os.replace(temporary, path)
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        try:
            temporary.unlink(missing_ok=True)  # nothing left to remove after the rename
        except OSError:
            pass
