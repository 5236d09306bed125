"""Project configuration, found as ruff finds its own.

From the current folder upward, the first folder with a `.factcheck.toml`, or a `pyproject.toml`
holding a `[tool.factcheck]` table, gives the settings (`.factcheck.toml` first when a folder has
both); `--config FILE` names one instead and `--isolated` reads none. A setting is the default of
the command-line option of the same name, so an option given on the command line wins. Paths
(store, allow-documents, root) are relative to the configuration file's folder, and so are the
exclusion patterns. An unknown key or a value of the wrong kind is a ConfigError naming the
file and line: a misspelt key silently ignored would leave a desk checking with other settings
than it believes.

tomllib is imported only when a file is read: a `pyproject.toml` without the text
`[tool.factcheck` (or `tool.factcheck.` for dotted keys) is passed over unparsed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .errors import FactcheckError, Location

PROJECT_FILE = "pyproject.toml"
OWN_FILE = ".factcheck.toml"


class ConfigError(FactcheckError):
    def __init__(self, message: str, path: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(path, line, 1 if line else 0)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def _string(value: Any) -> bool:
    return isinstance(value, str)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


@dataclass(frozen=True)
class Key:
    """A setting: what its value may be, and how to describe that in an error."""

    accepts: Callable[[Any], bool]
    kind: str
    is_path: bool = False
    is_list: bool = False


KEYS: dict[str, Key] = {
    "store": Key(lambda v: _string(v) or _strings(v), "a path or a list of paths", is_path=True, is_list=True),
    "allow-documents": Key(_strings, "a list of folders", is_path=True, is_list=True),
    "threshold": Key(lambda v: _number(v) and 0 <= v <= 100, "a number from 0 to 100"),
    "fail-on": Key(lambda v: _string(v) or _strings(v), "a list of verdicts"),
    "show": Key(lambda v: _string(v) or _strings(v), "a list of verdicts"),
    "top": Key(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number"),
    "exclude": Key(_strings, "a list of gitignore-style patterns"),
    "extend-exclude": Key(_strings, "a list of gitignore-style patterns"),
    "respect-gitignore": Key(_boolean, "true or false"),
    "root": Key(_string, "a folder", is_path=True),
    "lock-timeout": Key(lambda v: _number(v) and v >= 0, "a number of seconds"),
    "index": Key(_string, "an index file (factcheck index build --out FILE)", is_path=True),
}
"""Every setting a file may hold: the options that describe a project rather than one run
(`--format`, `--today`, `--output` and `-q` stay on the command line: CI and a person at a
terminal want different ones from the same project)."""


@dataclass(frozen=True)
class Config:
    path: Path
    """The file the settings came from."""
    settings: dict[str, Any]
    """Setting name (as in KEYS) to value; paths made absolute, verdict lists joined by commas."""

    @property
    def folder(self) -> Path:
        return self.path.parent


def discover(start: Path) -> Path | None:
    """The configuration file that applies in `start`: the nearest, looking upward (named
    relative to `start`, as messages show it)."""
    start = start.absolute()
    for folder in (start, *start.parents):
        for candidate in (folder / OWN_FILE, folder / PROJECT_FILE):
            if candidate.is_file() and (candidate.name == OWN_FILE or _mentions_factcheck(candidate)):
                return Path(os.path.relpath(candidate, start))
    return None


_FACTCHECK_TABLE = re.compile(
    rb"(?m)^[ \t]*(\[[ \t]*tool[ \t]*\.[ \t]*[\"']?factcheck"
    rb"|(tool[ \t]*\.[ \t]*)?[\"']?factcheck[\"']?[ \t]*(\.|=[ \t]*\{))")
"""Where a pyproject.toml may hold [tool.factcheck]: its header, a dotted key (`factcheck.store =
…` under [tool], `tool.factcheck.store = …`) or an inline table (`factcheck = {…}`); a file
without any (a `factcheck = "factcheck.cli:main"` script entry included) is not parsed at all."""


def _mentions_factcheck(path: Path) -> bool:
    try:
        text = path.read_bytes()
    except OSError:
        return False
    return _FACTCHECK_TABLE.search(text) is not None


def load(path: Path) -> Config:
    """Read and check one configuration file; ConfigError for anything wrong in it."""
    import tomllib

    shown = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", shown) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", shown) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, _, place = str(exc).partition(" (at ")
        found = re.match(r"line (\d+)", place)
        line = int(found.group(1)) if found else text.count("\n") + (not text.endswith("\n"))
        raise ConfigError(f"not valid TOML: {message}", shown, line) from None
    table_name: tuple[str, ...] = ()
    if path.name == PROJECT_FILE:
        table_name = ("tool", "factcheck")
        table = data.get("tool", {}).get("factcheck", {})
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError("[tool.factcheck] must be a table", shown, _key_line(text, ("tool",), "factcheck"))
    settings: dict[str, Any] = {}
    for key, value in table.items():
        spec = KEYS.get(key)
        if spec is None:
            close = [k for k in KEYS if k.replace("-", "") == key.replace("_", "").replace("-", "").lower()]
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(f"unknown key '{key}'{hint}", shown, _key_line(text, table_name, key))
        if not spec.accepts(value):
            raise ConfigError(f"'{key}' must be {spec.kind}", shown, _key_line(text, table_name, key))
        if spec.is_list and isinstance(value, str):
            value = [value]
        if spec.is_path:
            value = ([os.path.normpath(path.parent / v) for v in value] if spec.is_list  # "../x", not "dir/../x"
                     else os.path.normpath(path.parent / value))
        elif key in ("fail-on", "show"):
            value = value if isinstance(value, str) else ",".join(value) or "none"
        settings[key] = value
    return Config(path, settings)


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _key_line(text: str, table: tuple[str, ...], key: str) -> int:
    """The line where `key` of `table` is written: a light reading of TOML for error messages
    (tomllib keeps no positions), which knows table headers, dotted keys and quoted names."""
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            current = _dotted(header.group(1))
            if current[:len(table) + 1] == (*table, key):
                return number  # a sub-table where a key was expected
            continue
        name, _, rest = line.partition("=")
        if not rest:
            continue
        written = current + _dotted(name)
        if written[:len(table) + 1] == (*table, key):
            return number
    return 0


def _dotted(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.strip().split("."))
