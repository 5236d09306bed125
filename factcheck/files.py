"""Which files `scan` reads: files, folders and globs, as linters take them.

A file named on the command line is always read (as ruff does: naming it is asking for it). A
folder is walked for the article files `scan` reads (ARTICLE_SUFFIXES), and a glob is expanded;
what these find is left out when an exclusion pattern or, inside a git repository, a
`.gitignore` (or `.git/info/exclude`) says so. Every file is read once, however many ways it was
named (`a.md`, `./a.md`, a folder holding it, a symlink to it): the first naming is kept.
Patterns are gitignore patterns read by pathspec, which is imported only when something is
walked or expanded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator, Sequence

from .errors import InputError

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from .index import StoreIndex

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"})
"""What a folder is searched for: Markdown and the plain-text suffixes `scan` reads as text."""
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules",
                   "__pypackages__", "site-packages", "_build", "build", "dist")
"""Folders no draft lives in (tools' and packagers' folders, as ruff's default); `--exclude`
replaces them, `--extend-exclude` adds to them."""
GLOB_CHARACTERS = frozenset("*?[")
STDIN_NAME = "-"


@dataclass(frozen=True)
class Patterns:
    """Gitignore-style patterns and the folder they are relative to: the configuration file's
    folder for patterns from it, the current folder for those given on the command line."""

    patterns: tuple[str, ...]
    base: Path


@dataclass
class _Ignored:
    """Decides whether a path is excluded or git-ignored; remembers each folder's .gitignore."""

    exclusions: Sequence[Patterns]
    respect_gitignore: bool
    _compiled: list[tuple[Path, GitIgnoreSpec]] = field(default_factory=list)
    _gitignores: dict[Path, GitIgnoreSpec | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from pathspec import GitIgnoreSpec

        self._spec = GitIgnoreSpec.from_lines
        self._compiled = [(p.base.resolve(), self._spec(p.patterns)) for p in self.exclusions if p.patterns]

    def __call__(self, path: Path, is_dir: bool) -> bool:
        absolute = Path(os.path.abspath(path))
        for base, spec in self._compiled:
            if _matches(spec, base, absolute, is_dir):
                return True
        return self.respect_gitignore and self._git_ignored(absolute, is_dir)

    def _git_ignored(self, path: Path, is_dir: bool) -> bool:
        top = repository_top(path.parent)
        if top is None:
            return False
        # a file inside an ignored folder is ignored, whatever the rules say of the file
        for folder in reversed(path.parents):
            if folder != top and folder.is_relative_to(top) and self._git_decision(top, folder, True):
                return True
        return self._git_decision(top, path, is_dir)

    def _git_decision(self, top: Path, path: Path, is_dir: bool) -> bool:
        """The last rule that matches `path`, deepest .gitignore last, decides (as git reads them)."""
        ignored = False
        rule_files = [(top, self._rules(top / ".git" / "info" / "exclude"))]
        rule_files += [(folder, self._rules(folder / ".gitignore"))
                       for folder in (top, *(top / p for p in _prefixes(path.parent.relative_to(top))))]
        for folder, spec in rule_files:
            if spec is None:
                continue
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            decision = spec.check_file(relative).include
            if decision is not None:
                ignored = decision
        return ignored

    def _rules(self, file: Path) -> GitIgnoreSpec | None:
        if file not in self._gitignores:
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = None
            self._gitignores[file] = self._spec(lines) if lines else None
        return self._gitignores[file]


def _prefixes(relative: Path) -> Iterator[Path]:
    """`a`, `a/b`, `a/b/c` for `a/b/c`."""
    parts = relative.parts
    for end in range(1, len(parts) + 1):
        yield Path(*parts[:end])


def _matches(spec: GitIgnoreSpec, base: Path, path: Path, is_dir: bool) -> bool:
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        return False  # patterns speak only of what is below their folder
    if relative == ".":
        return False
    return spec.match_file(relative + ("/" if is_dir else ""))


def repository_top(folder: Path) -> Path | None:
    """The git work tree's top folder holding `folder` (where `.git` is), or None outside one."""
    folder = Path(os.path.abspath(folder))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def find_articles(names: Iterable[str], exclusions: Sequence[Patterns] = (),
                  respect_gitignore: bool = True, evidence: Callable[[], Collection[str]] = frozenset
                  ) -> list[str | InputError]:
    """The files to scan, in the order named (a folder's files sorted), each once; "-" (standard
    input) stays where it was named. A glob that matches nothing is an InputError in its place; a
    file that does not exist is kept, for reading to report. `evidence` gives the real paths of
    the store's archived documents, which a folder or glob does not yield: they are the sources
    quoted, not drafts (asked for only when a folder or glob is walked)."""
    found: list[str | InputError] = []
    seen: set[str] = set()
    ignored: _Ignored | None = None
    documents: Collection[str] = ()

    def add(name: str, walked: bool = False) -> None:
        key = os.path.realpath(name)
        if key not in seen and not (walked and key in documents):
            seen.add(key)
            found.append(name)

    for name in names:
        if name == STDIN_NAME:
            found.append(name)
            continue
        is_glob = GLOB_CHARACTERS & set(name) and not os.path.lexists(name)
        if not (is_glob or os.path.isdir(name)):
            add(name)
            continue
        if ignored is None:
            ignored = _Ignored(exclusions, respect_gitignore)
            documents = evidence()
        if is_glob:
            import glob

            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                found.append(InputError("no file matches this pattern", name))
            for match in matches:
                if os.path.isdir(match):
                    for file in _walk(match, ignored):
                        add(file, walked=True)
                elif _is_article(match) and not ignored(Path(match), False):
                    add(match, walked=True)
        else:
            for file in _walk(name, ignored):
                add(file, walked=True)
    return found


def store_documents(index: StoreIndex) -> frozenset[str]:
    """The real paths of the archived documents a store quotes."""
    return frozenset(os.path.realpath(s.document_path) for s in index.sources.values() if s.document_path)


def _is_article(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def _walk(folder: str, ignored: _Ignored) -> Iterator[str]:
    """Article files below `folder`, sorted, skipping excluded and ignored folders and files
    (symlinked folders are not followed: they may lead out of the tree, or in circles)."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not ignored(Path(root, f), True))
        for name in sorted(files):
            path = os.path.normpath(os.path.join(root, name))
            if _is_article(name) and not ignored(Path(path), False):
                yield path
