"""What a published fact-check's rating means as a store verdict.

Fact-checkers rate claims in their own words and languages ("False", "Falso", "Faux", "错误"),
and some also on a numeric scale. The words are data (`ratings.json`, one table per language);
this module only normalises a rating and looks it up, falling back to the numeric scale for
words the table lacks: the top quarter of the scale is supported, the bottom quarter denied.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Review

RATINGS_PATH = Path(__file__).with_name("ratings.json")
VERDICTS = ("supported", "denied")
NEITHER = "neither"
DEFAULT_BEST, DEFAULT_WORST = 5.0, 1.0
"""schema.org's defaults for a Rating's bestRating and worstRating."""


class UnmappedRating(ValueError):
    """A rating that stands for no verdict; the message says why, naming the rating."""


@dataclass(frozen=True)
class Rating:
    """A rating as published: its words, and its place on a numeric scale when given."""

    text: str | None = None
    value: float | None = None
    best: float | None = None
    worst: float | None = None


def rating_key(text: str) -> str:
    """The form names are compared in: case, accents, white space runs and end punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split()).strip(".!?。！ ")


@cache
def rating_table() -> dict[str, str]:
    """Every name of `ratings.json` (normalised) and what it maps to: supported, denied or neither."""
    data = json.loads(RATINGS_PATH.read_text(encoding="utf-8"))
    return {rating_key(name): verdict for table in data["languages"].values()
            for verdict, names in table.items() for name in names}


def verdict_of(rating: Rating) -> str:
    """supported or denied, by the rating's words, else by its numeric scale; UnmappedRating if
    it stands for neither."""
    if rating.text:
        found = rating_table().get(rating_key(rating.text))
        if found == NEITHER:
            raise UnmappedRating(f"rating '{rating.text}' is neither supported nor denied")
        if found:
            return found
    position = _position(rating)
    if position is not None and position >= 0.75:
        return "supported"
    if position is not None and position <= 0.25:
        return "denied"
    shown = f"'{rating.text}'" if rating.text else (
        "with no name or value" if rating.value is None else f"{rating.value:g}")
    raise UnmappedRating(f"rating {shown} is not in the rating table and its ratingValue is not at either end "
                         "of its scale")


def _position(rating: Rating) -> float | None:
    """Where the value lies on its scale, 0 (worst) to 1 (best); None without a usable scale."""
    if rating.value is None:
        return None
    best = DEFAULT_BEST if rating.best is None else rating.best
    worst = DEFAULT_WORST if rating.worst is None else rating.worst
    if best == worst:
        return None
    return (rating.value - worst) / (best - worst)


def review_verdict(review: Review) -> str:
    """The verdict a stored review's rating stands for (see `verdict_of`)."""
    return verdict_of(Rating(review.rating, review.rating_value, review.best_rating, review.worst_rating))
