"""Scanning articles: check every sentence the store can speak to, keep where it was found.

A draft is mostly prose the store knows nothing about; checking every sentence would bury the few
that matter under "unverified". A sentence is checked only when it uses the vocabulary of deals,
or names an entity of the store (a company, regulator, person …, not only a place) and says
something about it; the rest are counted as skipped. A sentence is one finding however many
claims it makes: `check` weighs it whole, as a reader would.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from .article import Sentence, decode, read_sentences
from .bounded import MiB, read_file, read_stream
from .claims import MAX_CLAIM_CHARS
from .errors import InputError
from .index import StoreIndex
from .matching import DEFAULT_THRESHOLD, DENIED, SUPPORTED, UNVERIFIED, CheckResult, check
from .text import DEAL_STEMS, STOPWORDS, fold_phrases, normalize, raw_stem, tokens

STDIN = "<stdin>"
"""The name standard input goes by in findings and errors."""
MAX_ARTICLE_BYTES = 32 * MiB
"""An article larger than this is refused: a long report is a few megabytes."""


@dataclass(frozen=True)
class Finding:
    """A checked sentence and its verdict, at its place in the file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    sentence: str
    result: CheckResult


@dataclass(frozen=True)
class FileReport:
    path: str
    sentences: int
    skipped: int
    """Sentences outside the store's domain: not checked."""
    ignored: int
    """Sentences silenced by a review comment: not checked."""
    findings: tuple[Finding, ...]
    """Every checked sentence, whatever its verdict, in file order."""

    @property
    def checked(self) -> int:
        return len(self.findings)


@dataclass(frozen=True)
class ScanSummary:
    files: int
    """Files read; unreadable ones are counted in `errors` instead."""
    errors: int
    sentences: int
    checked: int
    skipped: int
    ignored: int
    supported: int
    denied: int
    unverified: int


def about_domain(sentence: str, index: StoreIndex) -> bool:
    """Whether the store can speak to a sentence: it names a deal, or says something of a non-place
    entity. Only what `check` reads of it counts: its first MAX_CLAIM_CHARS characters."""
    normalized = fold_phrases(normalize(sentence[:MAX_CLAIM_CHARS]))
    words = tokens(normalized)
    if any(w.text not in STOPWORDS and raw_stem(w.text) in DEAL_STEMS for w in words):
        return True  # checked first: it is much cheaper than finding (possibly misspelt) names
    kinds = index.entities.kinds
    mentions = index.entities.find(normalized, words, index.words)
    if not any(kinds.get(m.entity) != "place" and normalized[m.start:m.end] not in STOPWORDS
               # "US" is an alias of the United States, but "us" is a pronoun far more often
               for m in mentions):
        return False
    # a name alone ("Acme" in a table cell, "Acme and Globex") says nothing to check
    return any(w.text not in STOPWORDS and not any(m.start <= w.start < m.end for m in mentions) for w in words)


def scan_text(
    text: str, path: str, index: StoreIndex, *, markdown: bool = True,
    threshold: float = DEFAULT_THRESHOLD, today: date | None = None,
) -> FileReport:
    """Check the sentences of decoded article text (`path` only names it in findings and errors).

    Raises InputError for Markdown nested too deeply to read."""
    sentences = read_sentences(text, markdown, path)
    findings: list[Finding] = []
    skipped = ignored = 0
    for sentence in sentences:
        if sentence.ignored:
            ignored += 1
        elif not about_domain(sentence.text, index):
            skipped += 1
        else:
            findings.append(_finding(path, sentence, check(sentence.text, index, threshold=threshold,
                                                           today=today)))
    return FileReport(path, len(sentences), skipped, ignored, tuple(findings))


def read_article(name: str, shown: str | None = None) -> str:
    """The decoded text of an article file, or of standard input for "-"; InputError when it
    cannot be read as UTF-8 text of at most MAX_ARTICLE_BYTES. Errors name it `shown` (by
    default the name, or STDIN for standard input). A pipe is read like a file (`scan <(git show
    HEAD:draft.md)`); a device is refused."""
    shown = shown or (STDIN if name == "-" else name)
    try:
        data = read_stream(sys.stdin.buffer, MAX_ARTICLE_BYTES) if name == "-" else \
            read_file(name, MAX_ARTICLE_BYTES, pipes=True)
    except IsADirectoryError:
        raise InputError("is a directory", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
    return decode(data, shown)


def summarize(reports: Iterable[FileReport], errors: int = 0) -> ScanSummary:
    reports = list(reports)
    verdicts = [f.result.verdict for r in reports for f in r.findings]
    return ScanSummary(
        files=len(reports), errors=errors,
        sentences=sum(r.sentences for r in reports), checked=len(verdicts),
        skipped=sum(r.skipped for r in reports), ignored=sum(r.ignored for r in reports),
        supported=verdicts.count(SUPPORTED), denied=verdicts.count(DENIED),
        unverified=verdicts.count(UNVERIFIED))


def _finding(path: str, sentence: Sentence, result: CheckResult) -> Finding:
    """A sentence's finding, at the clause that decided it where the sentence's clauses differ
    and the text in the file is the sentence as read (one line, no markup in between)."""
    column, end_column = sentence.column, sentence.end_column
    as_written = sentence.line == sentence.end_line and end_column - column == len(sentence.text)
    if result.decided_by is not None and as_written:
        clause = result.clauses[result.decided_by]
        column, end_column = sentence.column + clause.start, sentence.column + clause.end
    return Finding(path, sentence.line, column, sentence.end_line, end_column, sentence.text, result)
