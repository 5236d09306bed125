"""Ids for new records: readable, stable, and in the store's own kebab-case style.

A curator finds statements by their ids (`acme-globex-2021-03-joint-venture`), so an id is made of
what the statement is about rather than a counter or a hash.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Container

PROPOSE_ID = ""
"""A new statement with this id gets one proposed from its parties, date and deal."""
MAX_PROPOSED_ID = 120
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
"""The store schema's id pattern."""


def slug(text: str, words: int = 0) -> str:
    """Kebab-case ASCII (`Joint Venture (JV)` → `joint-venture-jv`), at most `words` words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(parts[:words] if words else parts)


def propose_id(parties: tuple[str, ...], date: str | None, deal: str | None, claim: str, taken: Container[str]) -> str:
    """`parties-date-deal`, like `acme-globex-2021-03-joint-venture`; `-2`, `-3`… when taken.

    The claim's first words (less the parties' names) stand in for a missing deal; at most three
    parties are named.
    """
    named = {word for party in parties for word in party.split("-")}
    words = [w for w in slug(claim).split("-") if w not in named][:6]
    parts = [*parties[:3], date or "", slug(deal, 5) if deal else "-".join(words)]
    base = "-".join(p for p in parts if p)[:MAX_PROPOSED_ID].strip("-._") or "statement"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
