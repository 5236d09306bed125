"""Dates in claims, at the precision they are written ("2 Nov 2020", "November 2020", "2020").

Regular expressions read the forms news text uses in microseconds; dateparser is imported only for
relative expressions ("yesterday", "last month"), which need a reference day, and its first call
costs a fifth of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache
from typing import Iterator, NamedTuple

from .memo import continues
from .spelling import one_letter_from

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_FULL_MONTHS = [name for name in _MONTHS if len(name) > 4]
"""Month names long enough that one letter wrong is still that month ("Octber", "Novmber")."""
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

_NUMERIC_PATTERNS = [
    ("-", re.compile(rf"\b{_YEAR}-(?P<month>0?[1-9]|1[0-2])-(?P<day>[0-3]?\d)\b")),
    ("/", re.compile(rf"\b{_YEAR}/(?P<month>0?[1-9]|1[0-2])/(?P<day>[0-3]?\d)\b")),
    ("月", re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?")),
]
def _named_month_patterns(month: str) -> list[tuple[str, re.Pattern[str]]]:
    # (each lookahead ahead of the "\b" says what the match starts with, which lets the regular
    # expression engine skip ahead to such a character: a fifth less time over a sentence)
    return [
        ("", re.compile(rf"(?=\d)\b{_DAY}(?:\s+of)?\s+{month}(?:,?\s+{_YEAR})?\b")),
        ("", re.compile(rf"(?={_FIRST_LETTERS})\b{month}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent|per cent))")),
        ("", re.compile(rf"(?={_FIRST_LETTERS})\b{month},?\s+(?:of\s+)?{_YEAR}\b")),
    ]


_FIRST_LETTERS = "[" + "".join(sorted({name[0] for name in _MONTHS})) + "]"
"""The letters month names start with (a misspelt month keeps its first letter: `_misspelt_month`)."""


_NAMED_MONTH_PATTERNS = _named_month_patterns(_MONTH)
_YEAR_PATTERNS = [
    ("-", re.compile(rf"\b{_YEAR}-(?P<month>0[1-9]|1[0-2])\b(?!-)")),
    ("", re.compile(rf"(?=[12])(?<![\d,.$€£¥-]){_YEAR}\b(?![,.]?\d|\s*(?:%|percent|per cent))")),
    ("年", re.compile(rf"(?<!\d){_YEAR}年")),  # "2019年" with no month (then "月" reads it)
]
"""Tried in this order (longest readings first), each only when the text has the character it
needs. Every written date has a digit, and the middle group a month's name: a sentence without
them skips those patterns (most have neither)."""
_PERIOD = re.compile(rf"(?=[fst1-4qh])\b(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)"
                     rf"|(?P<letter>[qh])(?P<number>[1-4]))(?:\s+of)?,?\s+(?:fiscal\s+)?{_YEAR}\b")
"""A quarter or a half of a year: "the first quarter of 2024", "Q3 2023", "H1 2025"."""
_PERIOD_LETTER = re.compile(r"[qh][1-4]")
"""What a quarter or half that `_PERIOD` reads has unless it has "quarter" or "half" ("Q3", "h1")."""
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_MONTH_LIKE_WORD = re.compile(rf"{_FIRST_LETTERS}(?<!\w{_FIRST_LETTERS})[a-z]{{4,9}}\b")
"""The long words a misspelt month can be: those that start with a month's first letter
(`_misspelt_month` only compares a word with the months that start as it does). Written as
`\b(?=[adfjmnos])[a-z]{5,10}\b` reads, but starting with the letter (the lookbehind after it is
the `\b` before it): the regular expression engine skips to such a letter instead of trying
each character, a quarter fewer instructions."""
_YEAR_AHEAD = re.compile(r"\b[a-z]{5,10}\.?,?\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?:1[89]|20)\d\d\b|\d\s+[a-z]{5,10}\b")
"""A long word before a year or after a number: where a misspelt month could be ("Octber 2023", "19 Octber")."""

_STORE_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
"""The store's and the command line's form: YYYY-MM-DD, YYYY-MM or YYYY."""

_RELATIVE = re.compile(
    r"\b(?:yesterday|today|tomorrow|(?:last|this|next|past)\s+(?:week|month|year|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|\d+\s+(?:days?|weeks?|months?|years?)\s+ago)\b"
)


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision; missing parts are None."""

    year: int | None
    month: int | None = None
    day: int | None = None
    months: tuple[int, int] | None = None
    """The first and last month of a quarter or a half, written without a month ("the first
    quarter of 2024", "H2 2023"): April is not in it, March is."""

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """From the store's `YYYY[-MM[-DD]]` form."""
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)  # type: ignore[arg-type]

    def compatible(self, other: PartialDate) -> bool:
        """True when no part known to both differs ("November 2020" fits 2020-11-02, "the first
        quarter of 2024" fits March 2024 and not 2 April 2024)."""
        mine, theirs = self._month_span(), other._month_span()
        return ((self.year is None or other.year is None or self.year == other.year)
                and (mine is None or theirs is None or (mine[0] <= theirs[1] and theirs[0] <= mine[1]))
                and (self.day is None or other.day is None or self.day == other.day))

    def _month_span(self) -> tuple[int, int] | None:
        return (self.month, self.month) if self.month is not None else self.months

    def __str__(self) -> str:
        year, month, day = self.year, self.month, self.day
        if year is None:
            return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
        if month is None and self.months is not None:
            first, last = self.months
            return f"{year}-Q{last // 3}" if last - first == 2 else f"{year}-H{last // 6}"
        if month is None:
            return str(year)
        return f"{year}-{month:02d}-{day:02d}" if day else f"{year}-{month:02d}"


class DateMention(NamedTuple):
    value: PartialDate
    start: int
    end: int


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is None:
        return True
    try:
        date(year or 2000, month, day or 1)  # 2000 is a leap year: "29 February" stays possible
    except ValueError:
        return False
    return True


def date_span(text: str) -> tuple[date, date]:
    """First and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError for anything else,
    a day that does not exist ("2021-02-30") or a year Python's dates cannot hold ("0000")."""
    import calendar

    match = _STORE_DATE.match(text.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = (int(g) if g else None for g in match.groups())
        if day:
            only = date(year, month, day)  # type: ignore[arg-type]
            return only, only
        if month:
            last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
            return date(year, month, 1), date(year, month, last)  # type: ignore[arg-type]
        return date(year, 1, 1), date(year, 12, 31)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY") from None


def find_dates(normalized: str, today: date | None = None) -> list[DateMention]:
    """Dates in case-folded text, longest readings first, without overlaps."""
    return read_dates(normalized, today)[0]


def read_dates(normalized: str, today: date | None = None) -> tuple[list[DateMention], list[tuple[int, int]]]:
    """The dates, and the spans of dates that cannot exist ("30 February 2021"): a claim that
    gives one cannot be confirmed by any record, whatever else it says."""
    if today is not None:
        return _read_dates(normalized, today)
    known = _READ.get(normalized) or _read_before(normalized)
    if known is None:
        known = _READ[normalized] = _read_dates(normalized, None)
        if len(_READ) > _RECENT:
            del _READ[next(iter(_READ))]
    return list(known[0]), list(known[1])


_READ: dict[str, tuple[list[DateMention], list[tuple[int, int]]]] = {}
"""The last texts read without a reference day, and what was read (`_read_before`)."""
_RECENT = 8


def _read_before(normalized: str) -> tuple[list[DateMention], list[tuple[int, int]]] | None:
    """What a recent text read gave, when this text is that one, a full stop, a space and words
    without a digit: then it reads as that text does. Building an index reads each statement's
    claim, then "claim. deal label" (`index.read_statement`), and deal labels seldom have a digit.

    Exact: every date, and every impossible one, has a digit in its span ("may" alone is the
    verb), so none lies in the words after the stop; none runs across ". " (a month's optional
    "." is followed by a day or a year, digits again); and what a match of the earlier text
    checks beyond its end (`\\b`, the lookaheads for a digit or "%"/"percent") sees the same in
    ". " as at the end of the text. Misspelt months looked for only when the earlier text has a
    year ahead (`_YEAR_AHEAD`, which needs a digit after a word) match only as whole words, so
    the later words add none that match. (tests/test_fast_build.py)"""
    for earlier, read in _READ.items():
        if continues(normalized, earlier) and not _DIGIT.search(normalized, len(earlier)):
            return read
    return None


def _read_dates(normalized: str, today: date | None) -> tuple[list[DateMention], list[tuple[int, int]]]:
    found: list[DateMention] = []
    impossible: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    patterns: list[tuple[str, re.Pattern[str], int | list[int]]] = []  # each with where its matches can start
    misspelt: dict[str, int] = {}
    digit = _DIGIT.search(normalized)
    if digit:
        # A match of most patterns starts with a digit, and a month name's with the name: each is
        # looked for from the first it can start with (a match from there sees the text before it,
        # as one looked for from the start does), not through the words before it; most of them
        # can start only where a run of digits or a month's name does, and are tried only there.
        first_digit = digit.start()
        runs = _digit_runs(normalized, first_digit)
        (dash, by_dash), (slash, by_slash), (cjk, by_cjk) = _NUMERIC_PATTERNS
        patterns += [(dash, by_dash, runs), (slash, by_slash, runs), (cjk, by_cjk, first_digit)]
        months = _month_starts(normalized)
        if months:
            (day_cue, day_first), *month_first = _NAMED_MONTH_PATTERNS
            patterns += [(day_cue, day_first, runs), *((cue, p, months) for cue, p in month_first)]
        misspelt = _misspelt_months(normalized)  # (memoised by word: cheaper than the search, which it mostly spares)
        if misspelt and not _YEAR_AHEAD.search(normalized):
            misspelt = {}
        if misspelt:
            (day_cue, day_first), *month_first = _named_month_patterns(r"(?P<month>" + "|".join(misspelt) + ")")
            patterns += [(day_cue, day_first, first_digit), *((cue, p, 0) for cue, p in month_first)]
        if "quarter" in normalized or "half" in normalized or _PERIOD_LETTER.search(normalized):
            patterns.append(("", _PERIOD, 0))
        patterns += [(cue, pattern, runs) for cue, pattern in _YEAR_PATTERNS]
    for cue, pattern, starts in patterns:
        if cue not in normalized:
            continue
        for m in (pattern.finditer(normalized, starts) if starts.__class__ is int
                  else _matches_at(pattern, normalized, starts)):  # type: ignore[arg-type]
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            groups = m.groupdict()
            if pattern is _PERIOD:
                period = _period(groups)
                if period is not None:
                    taken.append((m.start(), m.end()))
                    found.append(DateMention(PartialDate(int(groups["year"]), months=period), m.start(), m.end()))
                continue
            month_text = groups.get("month")
            month = (_MONTHS.get(month_text) or misspelt.get(month_text) if month_text and not month_text.isdigit()
                     else int(month_text) if month_text else None)
            year = int(groups["year"]) if groups.get("year") else None
            day = int(groups["day"]) if groups.get("day") else None
            if month_text == "may" and year is None and day is None:
                continue  # the verb "may"
            taken.append((m.start(), m.end()))  # an impossible date is not re-read as a year
            if not _valid(year, month, day):
                impossible.append((m.start(), m.end()))
                continue
            found.append(DateMention(PartialDate(year, month, day), m.start(), m.end()))
    if today is not None:
        for m in _RELATIVE.finditer(normalized):
            if not any(m.start() < end and start < m.end() for start, end in taken):
                try:
                    value = _relative(m.group(), today)
                except OverflowError:  # "yesterday" of 1 January of year 1: before any date
                    impossible.append((m.start(), m.end()))
                    continue
                if value is not None:
                    found.append(DateMention(value, m.start(), m.end()))
    return sorted(found, key=lambda d: d.start), impossible


_DIGIT_RUN = re.compile(r"\d\d*")
_ASCII_DIGIT_RUN = re.compile(r"[0-9][0-9]*")
"""Runs of digits (in ASCII text, where they are these ten); `\\d+` would be slower to look for
(a pattern that starts with a class, not a repeat, lets the engine skip to a member)."""


def _digit_runs(normalized: str, first: int) -> list[int]:
    """Where the text's runs of digits start, from its first digit: the only places where a
    match of the patterns that begin with a year or a day (after `\\b` or a lookbehind for a
    digit) can start."""
    return [m.start() for m in (_ASCII_DIGIT_RUN if normalized.isascii() else _DIGIT_RUN).finditer(normalized, first)]


def _month_starts(normalized: str) -> list[int]:
    """Where a month's name (or its first three letters) starts a word: the only places where
    a match of the patterns that begin with a month's name can start."""
    first = _MONTH_NAME.search(normalized)
    return [first.start(), *(m.start() for m in _MONTH_NAME.finditer(normalized, first.end()))] if first else []


def _matches_at(pattern: re.Pattern[str], normalized: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(normalized, starts[0])` for a pattern whose matches can start only at
    these places (in order): a match tried at each, not at every character between (a regular
    expression that starts with `\\b` or a lookaround is tried at every character, 100 to 200
    instructions each). As `finditer`, one found goes on after its end."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(normalized, start)
            if match:
                end = match.end()
                yield match


def _period(groups: dict[str, str | None]) -> tuple[int, int] | None:
    """The first and last month of the quarter or half a `_PERIOD` match names (None for a
    fifth quarter or a third half)."""
    number = _ORDINALS[groups["ordinal"]] if groups["ordinal"] else int(groups["number"] or 0)
    quarter = (groups["unit"] or groups["letter"]) in ("quarter", "q")
    if not 1 <= number <= (4 if quarter else 2):
        return None
    length = 3 if quarter else 6
    return (number - 1) * length + 1, number * length


def _misspelt_months(normalized: str) -> dict[str, int]:
    """Words one letter from a long month name ("novmber", "octber"), with its number."""
    found = {}
    for word in set(_MONTH_LIKE_WORD.findall(normalized)):
        if word not in _MONTHS:
            month = _misspelt_month(word)
            if month:
                found[word] = month
    return found


@lru_cache(maxsize=65536)
def _misspelt_month(word: str) -> int | None:
    """The number of the long month name a word is one letter from, or None. Memoised: the same
    words come back sentence after sentence ("million", "agreed"), and building a store's index
    asks about each of them a hundred thousand times."""
    months = one_letter_from(word, [name for name in _FULL_MONTHS if name[0] == word[0]])
    return _MONTHS[months[0]] if months else None


def _relative(expression: str, today: date) -> PartialDate | None:
    """A relative expression, at the precision it implies ("last month" is a month); None when
    dateparser cannot place it, OverflowError when it falls outside years 1 to 9999."""
    if expression in ("today", "yesterday", "tomorrow"):
        day = today + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[expression])
        return PartialDate(day.year, day.month, day.day)
    unit = expression.split()[-1]
    if unit in ("year", "years") and expression.split()[0] in ("last", "this", "next", "past"):
        offset = {"last": -1, "past": -1, "this": 0, "next": 1}[expression.split()[0]]
        year = today.year + offset
        if not MINYEAR <= year <= MAXYEAR:
            raise OverflowError(f"year {year} is out of range")
        return PartialDate(year)
    from datetime import datetime

    import dateparser  # imported only here: about 0.1 s to import, 0.2 s for the first parse

    parsed = dateparser.parse(expression, languages=["en"], settings={
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "past"})
    if parsed is None:
        return None
    if unit.startswith("month"):
        return PartialDate(parsed.year, parsed.month)
    if unit.startswith("week"):
        return None  # a week straddles months: too vague to compare
    return PartialDate(parsed.year, parsed.month, parsed.day)
