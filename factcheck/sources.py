"""Archived source documents and the quotes that cite them.

A citation is only worth showing if its quote really is in the archived document. Archived texts
come from many tools, so the comparison forgives what copying mangles: runs of white space,
curly versus straight quote marks, and the damaged apostrophes some exports contain (`worldās`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Collection, Sequence

from .bounded import MiB, read_file
from .errors import Problem, line_column
from .store import MAX_STORE_FILE_BYTES, Source, Store, shipped_store

# Every character that archived texts use for a quote mark or apostrophe, including 'ā', which a
# broken Windows-1252/UTF-8 round trip leaves in place of ’ and “ ”.
_QUOTE_MARKS = "'\"`´‘’‚‛“”„‟′″ā"
_QUOTE_TABLE = str.maketrans({ch: "'" for ch in _QUOTE_MARKS} | {"Ā": " ", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalize_quote(text: str) -> str:
    """The form quotes and documents are compared in."""
    return _SPACE.sub(" ", text.translate(_QUOTE_TABLE)).strip()


@dataclass(frozen=True)
class QuoteMatch:
    line: int
    column: int


@dataclass(frozen=True)
class ClosestPassage:
    """Where a quote that is not in a document comes nearest to it, and where they first part."""

    line: int
    column: int
    """Start of the passage in the document (1-based)."""
    similarity: float
    """0-100, rapidfuzz's partial ratio of the normalised quote and passage."""
    difference_line: int
    difference_column: int
    """The document's first character that differs from the quote (1-based)."""
    quote_has: str
    """The quote's character there ("" when the quote ends first)."""
    document_has: str
    """The document's character there ("" when the document ends first)."""
    text: str
    """The passage as the document has it, to offer in place of the quote."""


@dataclass(frozen=True)
class NormalisedDocument:
    """A document in the form quotes are compared in: made once per document and run, however
    many quotes cite it. Where each character was in the original is worked out only when a
    position is asked for (a found quote needs none)."""

    text: str
    normal: str

    @classmethod
    def of(cls, text: str) -> NormalisedDocument:
        return cls(text, _SPACE.sub(" ", text.translate(_QUOTE_TABLE)).lstrip())

    @cached_property
    def offsets(self) -> list[int]:
        """The original offset of each character of `normal`."""
        offsets: list[int] = []
        previous_space = True
        for offset, ch in enumerate(self.text.translate(_QUOTE_TABLE)):  # one character for one
            if ch.isspace():
                if previous_space:
                    continue
                previous_space = True
            else:
                previous_space = False
            offsets.append(offset)
        return offsets

    def position(self, index: int) -> tuple[int, int]:
        """Line and column in the original text of a character of the normalised one."""
        return line_column(self.text, self.offsets[index] if index < len(self.offsets) else len(self.text))

    def find(self, quote: str) -> QuoteMatch | None:
        """Where `quote` starts (1-based), comparing normalised forms."""
        wanted = normalize_quote(quote)
        found = self.normal.find(wanted) if wanted else -1
        return None if found < 0 else QuoteMatch(*self.position(found))

    def closest(self, quote: str) -> ClosestPassage | None:
        """The passage most like a quote that `find` does not find, for a curator to compare."""
        from rapidfuzz.distance import Levenshtein
        from rapidfuzz.fuzz import partial_ratio_alignment

        wanted = normalize_quote(quote)
        alignment = partial_ratio_alignment(wanted, self.normal) if wanted and self.normal else None
        if alignment is None or not alignment.score:
            return None
        start = alignment.dest_start
        operations = Levenshtein.opcodes(wanted, self.normal[start:alignment.dest_end])
        if operations and operations[0].tag == "insert":  # the passage starts before the quote's first word
            start += operations[0].dest_end
        # the passage may be longer than the quote (a word the quote leaves out): align with room to spare
        region = self.normal[start:start + len(wanted) + len(wanted) // 2 + 1]
        operations = Levenshtein.opcodes(wanted, region)
        differing = next((op for op in operations if op.tag != "equal"), None)
        quote_at = differing.src_start if differing else len(wanted)
        document_at = start + (differing.dest_start if differing else len(region))
        end = start + max((op.dest_end for op in operations if op.tag == "equal"), default=0)
        return ClosestPassage(*self.position(start), round(alignment.score, 1), *self.position(document_at),
                              wanted[quote_at:quote_at + 1], self.normal[document_at:document_at + 1],
                              self.text[self.offsets[start]:self.offsets[max(end - 1, start)] + 1].strip())


def find_quote(document: str, quote: str) -> QuoteMatch | None:
    """Where `quote` starts in `document` (1-based), comparing normalised forms."""
    return NormalisedDocument.of(document).find(quote)


MAX_DOCUMENT_BYTES = 16 * MiB
"""An archived document larger than this is refused: an article's text is a few hundred
kilobytes, and quotes are looked for in a normalised copy many times the document's size."""


def read_document(path: Path) -> str:
    """A document's text; OSError (not a regular file, too large …) and UnicodeDecodeError are
    left to the caller to report."""
    return read_file(path, MAX_DOCUMENT_BYTES).decode("utf-8-sig")


def _shown(path: object) -> str:
    """A path as written in a one-line message: control characters (line breaks) escaped."""
    text = str(path)
    return text if text.isprintable() else repr(text)[1:-1]


@dataclass(frozen=True)
class DocumentRoot:
    """The folder a store file's documents must resolve inside, and how messages name it."""

    folder: Path
    described: str


def document_root(store_file: Path) -> DocumentRoot:
    """Where a store file may read documents from. A store is untrusted input (CI validates the
    stores of pull requests), so its own `document_root` and paths can point up from its folder
    only as far as the git repository it is in or, outside one, the current folder (when that
    holds the store): the shipped layout, `data/claims.yaml` citing `seeds/`. Only the user
    widens that, on the command line (`--allow-documents`)."""
    folder = store_file.parent.resolve()
    shipped = shipped_store().parent.parent  # holds data/ and seeds/
    if folder == shipped / "data":
        return DocumentRoot(shipped, "the shipped store's folder")
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return DocumentRoot(candidate, "the store's git repository")
    try:
        here = Path.cwd().resolve()
    except OSError:  # the current folder was deleted: it holds nothing
        return DocumentRoot(folder, "the store's folder")
    if folder.is_relative_to(here):
        return DocumentRoot(here, "the current folder")
    return DocumentRoot(folder, "the store's folder")


def _refusal(source: Source, roots: dict[str, DocumentRoot], allowed: Sequence[Path]) -> str | None:
    """Why a source's document must not be read, or None: an absolute path, or one that, once
    symlinks and '..' are followed, leaves every folder documents may be read from."""
    if Path(source.document).is_absolute():  # type: ignore[arg-type]  # reviews have no document
        return "is an absolute path; write it relative to the store's document_root"
    root = roots.get(source.location.path)
    if root is None:
        root = roots[source.location.path] = document_root(Path(source.location.path))
    try:
        resolved = source.document_path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop or a NUL byte: reading reports it
        return None
    if any(resolved.is_relative_to(folder) for folder in (root.folder, *allowed)):
        return None
    return f"is outside {root.described} (through a symlink or '..'); not read without --allow-documents"


def citation_problems(store: Store, allowed: Sequence[Path] = (), statements: Collection[str] | None = None,
                      sources: Collection[str] = ()) -> list[Problem]:
    """Missing, unreadable or out-of-bounds documents, and quotes that are not in their document.

    `allowed`: folders (resolved) the user lets documents be read from besides each store
    file's `document_root` (see there). `statements`: check only these statements' quotes, and
    only the documents of the sources they cite and of `sources` (a write checks what it
    touches); None checks everything."""
    if statements is not None:
        chosen = set(statements)
        kept = tuple(s for s in store.statements if s.id in chosen)
        cited = {c.source for s in kept for c in s.citations} | set(sources)
        store = replace(store, statements=kept, sources={k: v for k, v in store.sources.items() if k in cited})
    problems: list[Problem] = []
    texts: dict[str, NormalisedDocument | None] = {}
    normalised: dict[Path, NormalisedDocument] = {}  # by path: sources may share a document
    roots: dict[str, DocumentRoot] = {}
    for source in store.sources.values():
        if source.document_path is None:  # a review: cited as a whole, nothing archived to read
            continue
        refusal = _refusal(source, roots, allowed)
        if refusal:
            texts[source.id] = None
            problems.append(Problem(source.location, f"document of source '{source.id}' {refusal}"))
            continue
        try:
            if source.document_path not in normalised:
                normalised[source.document_path] = NormalisedDocument.of(read_document(source.document_path))
            texts[source.id] = normalised[source.document_path]
        except FileNotFoundError:
            failure = f"not found: {_shown(source.document_path)}"
        except OSError as exc:
            failure = f"cannot be read: {exc.strerror or exc}"
        except UnicodeDecodeError:  # before ValueError, its base class
            failure = "cannot be read: not valid UTF-8"
        except ValueError as exc:  # a NUL character in the path
            reason = "the path contains a NUL character" if "null" in str(exc) else str(exc)
            failure = f"cannot be read: {reason}"
        else:
            continue
        texts[source.id] = None
        problems.append(Problem(source.location, f"document of source '{source.id}' {failure}"))
    for statement in store.statements:
        for citation in statement.citations:
            text = texts.get(citation.source)
            if text is not None and citation.quote is not None and text.find(citation.quote) is None:
                source = store.sources[citation.source]
                problems.append(Problem(citation.location,
                                        f"quote of statement '{statement.id}' not found in {_shown(source.document)}"
                                        + _closest_text(text, citation.quote, source)))
    return problems


def quote_suggestion(source: Source, quote: str, allowed: Sequence[Path] = ()) -> tuple[bool, ClosestPassage | None]:
    """Whether a quote is in its source's archived document, and if not, the closest passage
    to offer instead (None when there is none, or the document cannot or may not be read:
    validation reports that)."""
    if source.document_path is None or _refusal(source, {}, allowed):
        return True, None
    try:
        text = NormalisedDocument.of(read_document(source.document_path))
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return True, None
    if text.find(quote) is not None:
        return True, None
    return False, text.closest(quote)


def _closest_text(text: NormalisedDocument, quote: str, source: Source) -> str:
    """The closest passage as `DOCUMENT:LINE:COL` (relative to the current folder, for editors
    to jump to) and the first character where quote and document part."""
    passage = text.closest(quote)
    if passage is None:
        return ""
    path = _shown(os.path.normpath(source.document_path))  # type: ignore[arg-type]
    quote_has = repr(passage.quote_has) if passage.quote_has else "its end"
    document_has = repr(passage.document_has) if passage.document_has else "its end"
    return (f"; closest passage {path}:{passage.line}:{passage.column} (similarity {passage.similarity:.0f}) "
            f"differs at {path}:{passage.difference_line}:{passage.difference_column}: "
            f"the quote has {quote_has}, the document {document_has}")


_DOCUMENT_ROOT_LINE = re.compile(r"^document_root\s*:.*$", re.MULTILINE)


def document_folder(store_file: Path, new_root: str | None = None) -> Path:
    """The folder a store file's document paths are relative to: its own `document_root` (its
    top-level line is read, not the whole file), or `new_root` for a file not yet written."""
    root = new_root or "."
    if store_file.exists():
        import yaml

        text = read_file(store_file, MAX_STORE_FILE_BYTES).decode("utf-8-sig", "replace")
        line = _DOCUMENT_ROOT_LINE.search(text)
        value = yaml.safe_load(line.group()) if line else None
        root = value.get("document_root") if isinstance(value, dict) and isinstance(value.get("document_root"), str) \
            else "."
    return store_file.parent / root
