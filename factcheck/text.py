"""Text normalisation and the vocabulary of deal reporting.

Claims and stored statements go through the same functions, so a paraphrase ("inked a pact")
and the stored wording ("signed an agreement") meet on the same canonical terms. The vocabulary
here is about how deals are reported in English, never about particular companies: those live
in the store.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import Stemmer

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "ā": "'"})
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")
"""ANSI/VT escape sequences (colours, cursor moves, titles) pasted from a terminal: removed whole,
so "\x1b[31mbought" reads "bought", not "31mbought"."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s)")
"""'s, and the apostrophe alone after a plural's s ("Globex Holdings' subsidiary")."""
_TOKEN = re.compile(r"[^\W_]+")


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
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
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


def tokens(normalized: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(normalized)]


def words(normalized: str) -> list[str]:
    """The tokens' texts alone, when their places do not matter."""
    return _TOKEN.findall(normalized)


raw_stem = lru_cache(maxsize=65536)(Stemmer.Stemmer("english").stemWord)
"""A word's English (Snowball) stem alone, synonyms not folded."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's canonical term: its stem, mapped onto the deal vocabulary's synonym groups."""
    stemmed = raw_stem(word)
    return SYNONYMS.get(stemmed, stemmed)


STOPWORDS = frozenset("""
a an the and or of to in on at by for with from as into onto over under about after before
during between among across within per via than then that this these those it its it's their
alongside amid despite besides unlike
they them there here be is are was were been being has have had having do does did will would
shall should can could may might must also just only even still yet so such very more most much
many some any each every all both other another same own which who whom whose what when where
why how while if but because since until s mr ms mrs said says say saying stated states state
told tells according sources source officials analysts reported reports report reportedly claim claims claimed claiming news
statement statements announced announce announces announcement week weeks month months year
years day days today yesterday tomorrow early mid late end start beginning first last next
new recently recent now currently two-way we you i he she his her our your us
""".split())

NEGATION_WORDS = frozenset("""
not no never neither nor none cannot without deny denies denied denying denial denials
refute refutes refuted refuting reject rejects rejected rejecting dismiss dismissed dismisses
rebut rebutted false fake untrue baseless groundless unfounded fabricated hoax block blocks
blocked blocking refuse refuses refused refusing fail fails failed didn doesn don isn wasn
weren hasn haven hadn won wouldn t rumour rumours rumor rumors rumoured rumored
""".split())
"""Words that carry polarity, not content: they never count towards similarity."""

# Groups of stems that reporters use interchangeably when describing deals. Left: the stems
# PyStemmer produces; right: one canonical term for the group.
_GROUPS = {
    "agreement": "agreement deal pact accord contract mou memorandum treati",
    "sign": "sign ink seal conclud struck strike",
    "cooper": "cooper collabor partnership partner allianc tieup",
    "approv": "approv clearanc clear greenlight nod authoris authoriz allow endors",
    "licenc": "licenc licens permit",
    "appli": "appli applic file seek sought",
    "jv": "jv",
    "acquir": "acquir acquisit buy bought purchas takeov",
    "invest": "invest stake",
    "fine": "fine penalti",
    "ban": "ban embargo prohibit exclud",
    "establish": "establish setup found creat form",
    "loss": "loss lose lost",
    "announc": "announc unveil",
    "launch": "launch debut rollout kick",
    "compani": "compani firm enterpris corpor player",
    "foreign": "foreign oversea",
    "telecom": "telecom telecommun telco",
    "regul": "regul watchdog",
    "expand": "expand expans",
    "open": "open openup",
    "resign": "resign quit",
    "begin": "begin began begun start commenc",
    "pay": "pay paid hand",
    "impos": "impos slap levi",
}
SYNONYMS = {stem_: canonical for canonical, group in _GROUPS.items() for stem_ in group.split()}

# Multi-word phrases folded into one word before tokenising, so they meet their synonyms. Each
# pattern comes with words one of which every match contains: most sentences have none of them,
# and `in` is far quicker than a regular expression's scan.
PHRASES = [
    (("familiar", "close", "briefed", "source"),
     re.compile(r"\b(?:people|persons|sources?|insiders?)\s+(?:familiar\s+with|close\s+to|briefed\s+on)\s+"
                r"the\s+(?:matter|situation|deal|talks|plans?)\b|\bsources?\s+(?:say|said|says)\b"), " "),
    (("condition", "strings"),
     re.compile(r"\b(?:with\s+)?no\s+(?:pre-?)?conditions?(?:\s+attached)?\b"
                r"|\bwithout\s+(?:any\s+)?conditions?\b|\bno\s+strings\s+attached\b"), "unconditional"),
    (("joint",), re.compile(r"\bjoint[\s-]+ventures?\b"), "jv"),
    (("operat",), re.compile(r"\bco[\s-]?operat"), "cooperat"),
    (("up",), re.compile(r"\b(?:set|setting|sets)[\s-]+up\b"), "setup"),
    (("up",), re.compile(r"\b(?:team|teams|teamed|teaming)[\s-]+up\b"), "partnership"),
    (("tie",), re.compile(r"\btie[\s-]?ups?\b"), "tieup"),
    (("green",), re.compile(r"\bgreen[\s-]?light(?:s|ed)?\b"), "greenlight"),
    (("take",), re.compile(r"\btake[\s-]?overs?\b"), "takeover"),
    (("out",), re.compile(r"\broll(?:s|ed|ing)?[\s-]+out\b"), "rollout"),
    (("up",), re.compile(r"\bopen(?:s|ed|ing)?[\s-]+up\b"), "openup"),
    (("added",), re.compile(r"\bvalue[\s-]+added\b"), "valueadded"),
]


def fold_phrases(normalized: str) -> str:
    for cues, pattern, replacement in PHRASES:
        if any(cue in normalized for cue in cues):
            normalized = pattern.sub(replacement, normalized)
    return normalized
