"""Text normalisation and the vocabulary of deal reporting.

Claims and stored statements go through the same functions, so a paraphrase ("inked a pact")
and the stored wording ("signed an agreement") meet on the same canonical terms. The vocabulary
is about how deals are reported in English, never about particular companies: those live in the
store. Its words (stop words, negations, synonym groups, phrases) are data, in `words.json`
beside this module, checked by `words.schema.json` and tests/test_words.py: a curator adds a
synonym there without reading code. They are read once at import (a plain JSON load, a
fraction of a millisecond), since every claim and statement needs them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import Stemmer

from .memo import continues

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "ā": "'"})
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")
"""ANSI/VT escape sequences (colours, cursor moves, titles) pasted from a terminal: removed whole,
so "\x1b[31mbought" reads "bought", not "31mbought"."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s)")
"""'s, and the apostrophe alone after a plural's s ("Globex Holdings' subsidiary")."""
_TOKEN = re.compile(r"[^\W_]+")
_ASCII_TOKEN = re.compile(r"[0-9A-Za-z]+")
"""`_TOKEN` in ASCII text (the same characters), where it finds words twice as fast: no Unicode
category to look up for each character."""


def has_cjk(text: str) -> bool:
    """Whether text has Chinese, Japanese or Korean characters (names written without spaces)."""
    return not text.isascii() and _cjk().search(text) is not None


@lru_cache(maxsize=1)
def _cjk() -> re.Pattern[str]:
    # Compiled on first need: a class of 40,000 code points takes Python's regex compiler some
    # 20 ms, a sixth of a check's start-up, and most text is ASCII.
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def normalize(text: str) -> str:
    """Case-folded NFKC text with uniform quote marks, control characters and possessives removed.

    Keeps one character per character where it can, so spans found in the result are close to
    those in the original.
    """
    if not text.isascii() or "`" in text:  # (ASCII is its own NFKC, and "`" the only ASCII quote to map)
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)  # translate is half of normalising
    if "\x1b" in text:
        text = _TERMINAL_ESCAPE.sub(lambda m: " " * len(m.group()), text)  # same length: spans hold
    if not text.isprintable():  # (a scan in C: every character _CONTROL matches is unprintable)
        text = _CONTROL.sub(" ", text)
    text = text.casefold()
    return _POSSESSIVE.sub(lambda m: " " * len(m.group()), text) if "'" in text else text


class Token(NamedTuple):
    """A word and its span; a tuple, since a claim has dozens and a store millions."""

    text: str
    start: int
    end: int


def in_compound(normalized: str, token: Token) -> bool:
    """Whether a token ends a hyphenated word ("value-added", "foreign-funded"): part of an
    adjective, no verb nor trigger of its own."""
    return token.start > 0 and normalized[token.start - 1] == "-"


def starts_compound(normalized: str, token: Token) -> bool:
    """Whether a token begins a hyphenated word ("spent-fuel", "cut-price"): part of a
    modifier, no verb of its own."""
    return normalized.startswith("-", token.end)


def owns(normalized: str, end: int) -> bool:
    """Whether the name ending at `end` is a possessor ("Acme's unit"): `normalize` leaves its
    "'s" as spaces."""
    return normalized[end:end + 2] == "  "


def tokens(normalized: str) -> list[Token]:
    """The text's words with their spans. Made in C (`map` over the matches, `tuple.__new__`
    instead of `Token`, whose `__new__` is Python): a third quicker, and a store's build makes
    tokens of every statement three times (tests/test_fast_build.py holds it to the plain way).

    A text that is a recent one (`_MADE`), a full stop, a space and more has that one's tokens
    and those of what follows ("claim. deal label", as a build reads each statement after its
    claim): no token takes in ". ", and `_ASCII_TOKEN` takes what `_TOKEN` takes."""
    for earlier, made in _MADE:
        if continues(normalized, earlier):
            return made + _made(normalized, len(earlier) + 2)
    made = _made(normalized, 0)
    _MADE.insert(0, (normalized, made))
    del _MADE[_RECENT:]
    return list(made)


def _made(normalized: str, start: int) -> list[Token]:
    found = list((_ASCII_TOKEN if normalized.isascii() else _TOKEN).finditer(normalized, start))
    return list(map(_new_tuple, repeat(Token, len(found)),
                    zip(map(_match_text, found), map(re.Match.start, found), map(re.Match.end, found))))


_MADE: list[tuple[str, list[Token]]] = []
"""The last texts made into tokens, and their tokens, latest first."""
_RECENT = 2


_new_tuple = tuple.__new__
_match_text = itemgetter(0)


def words(normalized: str) -> list[str]:
    """The tokens' texts alone, when their places do not matter."""
    return (_ASCII_TOKEN if normalized.isascii() else _TOKEN).findall(normalized)


raw_stem = lru_cache(maxsize=65536)(Stemmer.Stemmer("english").stemWord)
"""A word's English (Snowball) stem alone, synonyms not folded."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's canonical term: its stem, mapped onto the deal vocabulary's synonym groups."""
    stemmed = raw_stem(word)
    return SYNONYMS.get(stemmed, stemmed)


WORDS_PATH = Path(__file__).with_name("words.json")


def read_words() -> dict[str, Any]:
    with open(WORDS_PATH, encoding="utf-8") as file:
        return json.load(file)


_WORDS = read_words()
STOPWORDS = frozenset(_WORDS["stopwords"])
NEGATION_WORDS = frozenset(_WORDS["negations"])
"""Words that carry polarity, not content: they never count towards similarity."""
SYNONYMS = {raw_stem(word): raw_stem(group["words"][0]) for group in _WORDS["synonyms"] for word in group["words"]}
"""Each synonym's stem, and its group's canonical term: the stem of the group's first word."""
DEAL_STEMS = frozenset(raw_stem(word) for group in _WORDS["synonyms"] if group.get("about_deals")
                       for word in group["words"]) - frozenset(map(raw_stem, _WORDS["ambiguous"]))
"""Word stems that make a sentence about deals even when it names no entity of the store (raw
stems: `stem` folds synonyms, and the ambiguity is in the stem)."""
PHRASES = [(tuple(phrase["cues"]), re.compile(phrase["pattern"]), phrase["replacement"])
           for phrase in _WORDS["phrases"]]
"""Multi-word phrases folded into one word before tokenising, so they meet their synonyms, as
(cues, pattern, replacement): every match contains one of the cues, and most sentences none
(`in` is far quicker than a regular expression's scan)."""


def fold_phrases(normalized: str) -> str:
    for cues, pattern, replacement in PHRASES:
        for cue in cues:  # (a loop, not `any` of a generator: a reading folds twice, each a dozen phrases)
            if cue in normalized:
                normalized = pattern.sub(replacement, normalized)
                break
    return normalized
