"""Figures in claims: counts, amounts and percentages, whatever way they are written.

"2,400", "2400", "RMB 20 billion", "20bn yuan", "$1.3 billion", "30 percent" and "thirteen" all
become a value and a unit, so that a claim saying 14 where the store says 13 is caught.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from .memo import continues
from .spelling import one_letter_from

_CURRENCY_WORDS = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "¥": "CNY", "renminbi": "CNY",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "hk$": "HKD", "hkd": "HKD", "美元": "USD", "欧元": "EUR", "人民币": "CNY", "元": "CNY", "chf": "CHF", "franc": "CHF", "francs": "CHF", "jpy": "JPY", "yen": "JPY",
    "%": "%", "percent": "%", "per cent": "%", "pct": "%",
}
_SCALES = {"万": 1e4, "亿": 1e8, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}
_WORD_MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PREFIX = r"(?P<prefix>us\$|hk\$|\$|€|£|¥|rmb|cny|usd|eur|hkd|gbp|chf|jpy)?\s?"
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bln|bn|mn|tn|[kmb])\b|(?P<cjk_scale>[万亿]))?"
_SUFFIX = r"(?:\s?(?P<suffix>%|percent|per cent|pct|yuan|renminbi|rmb|dollars?|usd|euros?|pounds?|chf|francs?|yen)\b|(?P<pct>%)|(?P<cjk_unit>美元|欧元|人民币|元))?"
_FIGURE = re.compile(
    rf"(?<![a-z0-9_.,])(?<![a-z]-){_PREFIX}{_NUMBER}(?![.\d]\d|\d)(?!(?:st|nd|rd|th)\b){_SCALE}{_SUFFIX}"
    r"(?![a-z0-9_]*[a-z])(?!-(?!a-share\b|per-share\b|[a-z]{3,}\b(?!-\d))[\w-]*[a-z])"
    # "5g", "covid-19x" are no figures; "13.50-a-share", "a 20-year deal", "a 30-store remedy" are
)
_NUMBER_WORD = "|".join([*_WORD_NUMBERS, *_WORD_MULTIPLIERS])
_WORD_FIGURE = re.compile(
    rf"(?=[{''.join(sorted({word[0] for word in _WORD_NUMBERS}))}])"  # (what a match starts with: quicker to skip to)
    rf"\b(?P<word>(?:{'|'.join(_WORD_NUMBERS)})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_NUMBER_WORD}))*)"
    rf"(?P<scale>){_SUFFIX}(?![\w-](?<!-(?=(?:year|month|week|day)s?\b)))"  # "a seven-year deal" is one
)
_CJK_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_FIGURE = re.compile(
    r"(?P<cjk>[零一二两三四五六七八九十百千]+)(?P<scale>)(?P<suffix>)(?P<cjk_scale>[万亿])?"
    r"(?:(?P<cjk_unit>美元|欧元|人民币|元)|(?=[年个家项%]))"
)
"""A figure in Chinese numerals, counted ("十年", "三家") or an amount ("五亿美元"): a numeral
with nothing after it is a word ("统一")."""
_CJK_PERCENT = re.compile(r"百分之(?P<cjk>[零一二两三四五六七八九十百]+)(?P<percent>)(?P<scale>)(?P<suffix>)(?P<cjk_scale>)")
"""A percentage in Chinese numerals ("百分之四十九")."""
_WHOLE = re.compile(r"\boutright\b")
"""A word that says all of something changes hands: a figure of 100 percent."""
_DIGIT = re.compile(r"\d")
"""What every figure written in digits has (`_FIGURE`'s number)."""
_BEFORE_NUMBER = 4
"""How far before its number a figure in digits can start: the longest `_PREFIX` ("us$", "rmb")
and a space."""
_RANGE_TAIL = re.compile(r"\s?(?:-|–|to|and)\s?(?:us\$|\$|€|£|¥|rmb)?\s?\d")


TIME_UNITS = frozenset("day week month year hour minut quarter".split())
"""Stems of what a duration counts: "100 days" is a span of time, never a count of offices."""


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str | None = None
    """ISO currency code, "%" or None for a plain count."""
    counted: frozenset[str] = field(default=frozenset(), compare=False)
    """Stems of the words after a count ("13 foreign firms" -> foreign, compani): what it counts.
    Set by the claim reader, which knows which words are names."""

    @property
    def kind(self) -> str:
        """What sort of quantity it is: count, duration (a count of days, years …), percent or money."""
        if self.unit is None:
            return "duration" if self.counted & TIME_UNITS else "count"
        return "percent" if self.unit == "%" else "money"

    def matches(self, other: Figure) -> bool:
        """Same value and no contradicting units ("2,407" is not "2,400": counts are exact), nor
        kinds ("30 years" is no "30 percent"; a count may be an amount without its currency)."""
        if (self.unit and other.unit and self.unit != other.unit
                or not math.isclose(self.value, other.value, rel_tol=1e-9)):  # (infinity matches only itself)
            return False
        mine, theirs = self.kind, other.kind  # (asked last: most figures compared differ in value)
        return mine == theirs or {mine, theirs} == {"count", "money"}

    def __str__(self) -> str:
        if not math.isfinite(self.value) or abs(self.value) >= 1e15:  # past exact floats: 1e+40, inf
            value = f"{self.value:.6g}"
        elif self.value == int(self.value):
            value = f"{self.value:,.0f}"
        else:
            value = f"{self.value:,.2f}".rstrip("0")
        if self.unit == "%":
            return f"{value}%"
        return f"{self.unit} {value}" if self.unit else value


class FigureMention(NamedTuple):
    value: Figure
    start: int
    end: int


def find_figures(normalized: str, excluded: list[tuple[int, int]] = ()) -> list[FigureMention]:
    """Figures in case-folded text, skipping spans already read as dates or names."""
    for earlier, skipped, read in _FOUND:
        if _reads_as(normalized, excluded, earlier, skipped):
            return list(read)
    found = _find_figures(normalized, excluded)
    _FOUND.insert(0, (normalized, frozenset(excluded), found))
    del _FOUND[_RECENT:]
    return list(found)


_FOUND: list[tuple[str, frozenset[tuple[int, int]], list[FigureMention]]] = []
"""The last texts read, the spans they skipped, and their figures, latest first (`_reads_as`)."""
_RECENT = 8


def _reads_as(normalized: str, excluded: Iterable[tuple[int, int]], earlier: str,
              skipped: frozenset[tuple[int, int]]) -> bool:
    """Whether a text that begins with an earlier one has the earlier one's figures: it is that
    text, skipping the same spans, or that text, a full stop, a space and words that have no
    figure of their own (no digit, no Chinese numeral, no number word, not "outright"), skipping
    the same spans in the earlier text. Building an index reads each statement's claim, then
    "claim. deal label" (`index.read_statement`), and deal labels seldom have a figure.

    Exact: a figure's span never takes in ". " (a number's decimals need a digit after the
    point; scales, units and number words follow after a space or a hyphen alone), and what a
    figure of the earlier text checks beyond its end (its lookaheads; a misspelt scale after a
    space; the tail of a range up to the next figure) sees the same in ". " as at the end of the
    text. A skipped span that starts after the earlier text can hide none of its figures.
    (tests/test_fast_build.py)"""
    if normalized == earlier:
        return skipped == frozenset(excluded)
    if not continues(normalized, earlier):
        return False
    size = len(earlier)
    after = normalized[size + 2:]
    if not after.isascii() or _DIGIT.search(after) or "outright" in after or _WORD_FIGURE.search(after):
        return False
    return skipped == frozenset(span for span in excluded if span[0] < size)


def _find_figures(normalized: str, excluded: Iterable[tuple[int, int]]) -> list[FigureMention]:
    found: list[FigureMention] = []
    # (each pattern only where the text has what it needs: a digit, Chinese numerals)
    digit = _DIGIT.search(normalized)
    # (a figure in digits starts at most a prefix and a space before its number: looked for from there)
    matches = sorted([*(_FIGURE.finditer(normalized, max(0, digit.start() - _BEFORE_NUMBER)) if digit else ()),
                      *_WORD_FIGURE.finditer(normalized),
                      *(() if normalized.isascii() else (*_CJK_PERCENT.finditer(normalized), *_CJK_FIGURE.finditer(normalized)))],
                     key=lambda m: m.start())
    taken = list(excluded)
    for m in matches:
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        taken.append((m.start(), m.end()))
        if "cjk" in m.groupdict():
            value = _cjk_value(m.group("cjk"))
            percent = m.groupdict().get("percent") is not None
            if value < 2 and not percent:
                continue  # "一家" is "a company", as "one" is rarely a count
            unit = "%" if percent else _unit(m.group("cjk_unit"))
        elif "word" in m.groupdict():
            if m.group("word") == "one":
                continue  # "one of the …" is rarely a count
            value = _word_value(m.group("word"))
            unit = _unit(m.group("suffix") or m.group("pct") or m.group("cjk_unit"))
        else:
            # however many digits: a number too long to read exactly is still not the store's
            # number (infinity past 1e308), never a reason to ignore what the claim says
            value = float(m.group("number").replace(",", ""))
            unit = _unit(m.group("prefix")) or _unit(m.group("suffix") or m.group("pct") or m.group("cjk_unit"))
        scale, end = m.group("scale") or m.groupdict().get("cjk_scale"), m.end()
        if not scale and not m.group("suffix"):
            scale, unit, end = _misspelt_scale(normalized, end, unit)
        if scale and (unit or scale not in ("m", "b")):  # "5m" alone may be metres
            value = round(value * _SCALES[scale], 4)  # 4.1 × 1e8 is 410,000,000, not 409,999,999.99999994
        found.append(FigureMention(Figure(value, unit), m.start(), end))
    for m in _WHOLE.finditer(normalized) if "outright" in normalized else ():  # "sold Globex outright": all of it, not a 40% stake
        if not any(m.start() < end and start < m.end() for start, end in taken):
            found.append(FigureMention(Figure(100.0, "%"), m.start(), m.end()))
    found.sort(key=lambda mention: mention.start)
    # "10-15%", "between 12 and 18 percent": the first end of a range takes the unit written after the second.
    for i, mention in enumerate(found[:-1]):
        following = found[i + 1]
        if (mention.value.unit is None and following.value.unit
                and _RANGE_TAIL.match(normalized, mention.end, following.start + 2)):
            found[i] = FigureMention(Figure(mention.value.value, following.value.unit),
                                     mention.start, mention.end)
    return found


_NEXT_WORD = re.compile(r" ([a-z]{5,})\b")
_SPELT_SCALES = ("thousand", "million", "billion", "trillion")


def _misspelt_scale(normalized: str, end: int, unit: str | None) -> tuple[str | None, str | None, int]:
    """A scale or "percent" written with one letter wrong after a number ("42 milion", "9.8
    percnt"): the figure's scale, unit and end, else none found."""
    following = _NEXT_WORD.match(normalized, end)
    if following is None:
        return None, unit, end
    word = following.group(1)
    scales = one_letter_from(word, _SPELT_SCALES)
    if scales:
        return scales[0], unit, following.end()
    if unit is None and one_letter_from(word, ("percent",)):
        return None, "%", following.end()
    return None, unit, end


_NUMBER_AHEAD = re.compile(r"\s?\d")


def currency_before_number(normalized: str, start: int, end: int) -> bool:
    """Whether the text at start:end is a currency written before a number ("rmb 440"): a
    figure's, even where a name has it as an alias (a "Regional Mining Bureau" known as "RMB")."""
    return normalized[start:end] in _CURRENCY_WORDS and _NUMBER_AHEAD.match(normalized, end) is not None


def _word_value(words: str) -> float:
    """ "one hundred and forty-two" -> 142, "two thousand four hundred" -> 2400."""
    total = current = 0.0
    for word in re.findall(r"[a-z]+", words):
        if word in _WORD_NUMBERS:
            current += _WORD_NUMBERS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _WORD_MULTIPLIERS:
            total += (current or 1) * _WORD_MULTIPLIERS[word]
            current = 0.0
    return total + current


def _cjk_value(numeral: str) -> float:
    """ "四十九" -> 49, "十" -> 10, "两百" -> 200, "一千二百" -> 1200."""
    total = digit = 0
    for char in numeral:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        else:
            total += (digit or 1) * _CJK_UNITS[char]
            digit = 0
    return float(total + digit)


def _unit(text: str | None) -> str | None:
    return _CURRENCY_WORDS.get(text.strip()) if text else None
