"""Archived source documents and the quotes that cite them.

A citation is only worth showing if its quote really is in the archived document. Archived texts
come from many tools, so the comparison forgives what copying mangles: runs of white space,
curly versus straight quote marks, and the damaged apostrophes some exports contain (`worldās`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, line_column
from .store import Source, Store

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


def find_quote(document: str, quote: str) -> QuoteMatch | None:
    """Where `quote` starts in `document` (1-based), comparing normalised forms."""
    wanted = normalize_quote(quote)
    if not wanted:
        return None
    # Normalise the document while remembering, for each normalised character, its original offset.
    offsets: list[int] = []
    chars: list[str] = []
    previous_space = True
    for offset, ch in enumerate(document.translate(_QUOTE_TABLE)):
        if ch.isspace():
            if previous_space:
                continue
            ch, previous_space = " ", True
        else:
            previous_space = False
        chars.append(ch)
        offsets.append(offset)
    found = "".join(chars).find(wanted)
    if found < 0:
        return None
    return QuoteMatch(*line_column(document, offsets[found]))


def read_document(path: Path) -> str:
    """A document's text; OSError and UnicodeDecodeError are left to the caller to report."""
    return path.read_text(encoding="utf-8-sig")


def _shown(path: object) -> str:
    """A path as written in a one-line message: control characters (line breaks) escaped."""
    text = str(path)
    return text if text.isprintable() else repr(text)[1:-1]


def _outside_document_root(source: Source) -> bool:
    """Whether a document, once symlinks and '..' are followed, leaves the folder its path is
    relative to (document_root): a store must not make `validate` read, and quote-match, files
    from elsewhere on the machine. Absolute document paths name their place openly and are kept."""
    written = Path(source.document)
    if written.is_absolute() or not written.parts or len(source.document_path.parents) < len(written.parts):
        return False
    root = source.document_path.parents[len(written.parts) - 1]  # document_path is root / document
    try:
        return not source.document_path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop or a NUL byte: reading reports it
        return False


def citation_problems(store: Store) -> list[Problem]:
    """Missing or unreadable documents and quotes that are not in their document."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for source in store.sources.values():
        if _outside_document_root(source):
            texts[source.id] = None
            problems.append(Problem(source.location, f"document of source '{source.id}' is outside the store's "
                                                     f"document root (a symlink or '..'); not read"))
            continue
        try:
            texts[source.id] = read_document(source.document_path)
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
            if text is not None and find_quote(text, citation.quote) is None:
                document = store.sources[citation.source].document
                problems.append(Problem(citation.location,
                                        f"quote of statement '{statement.id}' not found in {_shown(document)}"))
    return problems
