"""Deciding a claim: similarity, consistency, polarity, verdict.

Similarity says whether a statement is about what the claim is about; consistency says whether
the two could both be true in their particulars. A near miss (same words, one party, date, place
or figure changed) is similar but inconsistent, so it is shown as related and never decides the
verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from .claims import ParsedClaim, parse_claim
from .figures import Figure
from .index import StatementFacts, StoreIndex, claim_terms
from .store import Citation, Source, Statement

DEFAULT_THRESHOLD = 50.0
"""Similarity (0-100) a consistent statement needs to decide a verdict."""
NEAR_MISS_MARGIN = 10.0
"""A consistent statement cannot decide when a conflicting one is more similar by more than this:
the claim is then a near miss of that one, not a vaguer restatement of the other."""
RETRIEVE = 50
RELATED = 3
RELATED_MIN_SCORE = 15.0
FUZZY_TERM_CUTOFF = 85.0
SUPPORTED, DENIED, UNVERIFIED = "supported", "denied", "unverified"
VERDICTS = (SUPPORTED, DENIED, UNVERIFIED)


@dataclass(frozen=True)
class Related:
    statement: Statement
    score: float
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class CheckResult:
    claim: str
    verdict: str
    score: float
    match: Statement | None
    citations: tuple[tuple[Citation, Source], ...]
    related: tuple[Related, ...]
    candidates: tuple[tuple[str, float], ...] | None
    """The best `top` statements by similarity, when asked for (ranking evaluation)."""
    id: str | None = None


def similarity(index: StoreIndex, claim: ParsedClaim, facts: StatementFacts) -> float:
    """Weighted F1 of shared terms, entities, dates and figures, from 0 to 100."""
    statement_terms = facts.terms
    claim_side = claim_terms(claim)
    matched_claim = total_claim = 0.0
    matched_terms: set[str] = set()
    for term in claim_side:
        weight = index.weight(term)
        total_claim += weight
        found = _find_term(index, term, statement_terms)
        if found:
            matched_claim += weight * found[1]
            matched_terms.add(found[0])
        elif term in facts.kind_terms:
            matched_claim += weight
    total_statement = sum(index.weight(t) for t in statement_terms)
    matched_statement = sum(index.weight(t) for t in matched_terms)

    date_weight = figure_weight = index.unseen_idf / 2
    for value in claim.dates:
        total_claim += date_weight
        if any(value.compatible(d) for d in facts.dates):
            matched_claim += date_weight
    if facts.dates:
        total_statement += date_weight
        if any(c.compatible(d) for c in claim.dates for d in facts.dates):
            matched_statement += date_weight
    for figure in claim.figures:
        total_claim += figure_weight
        if any(figure.matches(f) for f in facts.figures):
            matched_claim += figure_weight
    for figure in facts.figures:
        total_statement += figure_weight / 2
        if any(figure.matches(f) for f in claim.figures):
            matched_statement += figure_weight / 2

    if not total_claim or not total_statement or not matched_claim:
        return 0.0
    precision = matched_claim / total_claim
    recall = min(1.0, matched_statement / total_statement)
    return round(100 * 2 * precision * recall / (precision + recall), 1)


def _find_term(index: StoreIndex, term: str, terms: frozenset[str]) -> tuple[str, float] | None:
    """The statement term a claim term matches, and how fully (1 exact, less for near forms)."""
    if term in terms:
        return term, 1.0
    if term.startswith("@"):
        entity = term[1:]
        for other in terms:
            if other.startswith("@") and index.entities.related(entity, other[1:]):
                return other, 0.7
        return None
    if len(term) >= 5:
        for other in terms:
            if (not other.startswith("@") and other[0] == term[0] and len(other) >= 5
                    and fuzz.ratio(term, other) >= FUZZY_TERM_CUTOFF):
                return other, 0.8
    return None


def conflicts(index: StoreIndex, claim: ParsedClaim, facts: StatementFacts) -> list[str]:
    """Particulars of the claim that the statement contradicts (empty: consistent)."""
    found: list[str] = []
    names = index.store.entities
    kinds = index.entities.kinds
    related = index.entities.related

    actors = [e for e in claim.entities if kinds.get(e) != "place"]
    for entity in actors:
        if not any(related(entity, other) for other in facts.involved):
            found.append(f"party: the claim names {names[entity].name}, the statement does not")
    if actors and facts.parties and not any(related(a, p) for a in actors for p in facts.parties):
        found.append("party: the claim names none of the statement's parties")
    if facts.places:
        for place in (e for e in claim.entities if kinds.get(e) == "place"):
            if not any(related(place, other) for other in facts.places):
                wanted = ", ".join(sorted(names[p].name for p in facts.places))
                found.append(f"place: the claim says {names[place].name}, the statement {wanted}")

    dates = facts.dates
    if not claim.negated and facts.parsed.negated and facts.text_dates:
        dates = facts.text_dates  # a denial's own date does not date the denied event
    if dates:
        for value in claim.dates:
            if not any(value.compatible(d) for d in dates):
                found.append(f"date: the claim says {value}, the statement {', '.join(map(str, dates))}")
    for figure in claim.figures:
        comparable = [f for f in facts.figures if _same_kind(figure, f)]
        if comparable and not any(figure.matches(f) for f in comparable):
            found.append(f"figure: the claim says {figure}, the statement {', '.join(map(str, comparable))}")
    for name in claim.names:
        if name not in facts.vocabulary:
            found.append(f"name: the claim names {name.title()}, the statement does not")
    return found


def _same_kind(a: Figure, b: Figure) -> bool:
    """Counts compare with counts, percentages with percentages, money with money in any currency
    (so $1.3 billion against RMB 20 billion conflicts rather than passing unexamined)."""
    def kind(f: Figure) -> str | None:
        return None if f.unit is None else "%" if f.unit == "%" else "money"
    return kind(a) is None and kind(b) != "%" or kind(a) == kind(b)


def verdict_for(claim: ParsedClaim, facts: StatementFacts) -> str:
    """A claim that says the same as a statement shares its verdict; one that says the opposite
    ("did not", "denied …") gets the other one."""
    same_polarity = claim.negated == facts.parsed.negated
    true_statement = facts.statement.verdict == SUPPORTED
    return SUPPORTED if same_polarity == true_statement else DENIED


def check(
    text: str,
    index: StoreIndex,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    today: date | None = None,
    top: int = 0,
    claim_id: str | None = None,
) -> CheckResult:
    claim = parse_claim(text, index.entities, today or date.today(), index.vocabulary)
    ranked = index.retrieve(claim_terms(claim), max(RETRIEVE, top))
    scored = sorted(
        ((similarity(index, claim, index.facts[n]), n) for n, _ in ranked),
        key=lambda item: (-item[0], item[1]))
    best: tuple[float, StatementFacts] | None = None
    closest_conflict = 0.0
    related: list[Related] = []
    for score, number in scored:
        facts = index.facts[number]
        problems = conflicts(index, claim, facts)
        if problems:
            closest_conflict = max(closest_conflict, score)
        elif best is None and score >= threshold and score >= closest_conflict - NEAR_MISS_MARGIN:
            best = (score, facts)
            continue
        if len(related) < RELATED and score >= RELATED_MIN_SCORE:
            related.append(Related(facts.statement, score, tuple(problems)))
        if (best or score < closest_conflict - NEAR_MISS_MARGIN) and len(related) >= RELATED:
            break
    candidates = tuple((index.facts[n].statement.id, s) for s, n in scored[:top]) if top else None
    if best is None:
        top_score = scored[0][0] if scored else 0.0
        return CheckResult(text, UNVERIFIED, top_score, None, (), tuple(related), candidates, claim_id)
    score, facts = best
    statement = facts.statement
    citations = tuple((c, index.store.sources[c.source]) for c in statement.citations)
    return CheckResult(text, verdict_for(claim, facts), score, statement, citations,
                       tuple(related), candidates, claim_id)
