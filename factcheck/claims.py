"""Reading a claim: the facts that decide whether a stored statement speaks to it.

The same reader runs over user claims and over stored statements, so both sides are compared in
one vocabulary: entity ids instead of names, partial dates, figures with units, canonical terms,
and polarity (whether the sentence asserts or denies its content).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import PartialDate, find_dates
from .entities import EntityIndex
from .figures import Figure, find_figures
from .text import NEGATION, NEGATION_WORDS, STOPWORDS, fold_phrases, normalize, stem, tokens

MAX_CLAIM_CHARS = 2_000
"""Only the first this many characters of a claim are read: claims are sentences, not articles."""


@dataclass(frozen=True)
class ParsedClaim:
    text: str
    entities: tuple[str, ...]
    """Entity ids in order of first mention, without repeats."""
    dates: tuple[PartialDate, ...]
    figures: tuple[Figure, ...]
    terms: tuple[str, ...]
    """Canonical content terms (stemmed, synonyms folded), without names, dates or figures."""
    negated: bool
    """The sentence asserts the opposite of its content words ("denied signing …")."""


def parse_claim(text: str, entities: EntityIndex, today: date | None = None) -> ParsedClaim:
    normalized = fold_phrases(normalize(text[:MAX_CLAIM_CHARS]))
    words = tokens(normalized)
    date_mentions = find_dates(normalized, today)
    entity_mentions = entities.find(normalized, words)
    taken = [(d.start, d.end) for d in date_mentions] + [(e.start, e.end) for e in entity_mentions]
    figure_mentions = find_figures(normalized, taken)
    taken += [(f.start, f.end) for f in figure_mentions]
    terms: list[str] = []
    for word in words:
        if word.text in STOPWORDS or word.text in NEGATION_WORDS or word.text.isdigit():
            continue
        if any(start <= word.start < end for start, end in taken):
            continue
        term = stem(word.text)
        if len(term) > 1 and term not in terms:
            terms.append(term)
    return ParsedClaim(
        text=text,
        entities=tuple(dict.fromkeys(m.entity for m in sorted(entity_mentions, key=lambda m: m.start))),
        dates=tuple(dict.fromkeys(d.value for d in date_mentions)),
        figures=tuple(dict.fromkeys(f.value for f in figure_mentions)),
        terms=tuple(terms),
        negated=NEGATION.search(normalized) is not None,
    )
