"""Deciding a claim: clauses, similarity, consistency, event frames, verdict.

A claim is read into clauses, each decided on its own. Similarity says whether a statement is
about what a clause is about; consistency says whether the two could both be true in their
particulars (parties, places, dates, figures, names); the event frames say whether what the
statement records entails the clause, excludes it, or neither (`frames.decide`). A near miss
(same words, one party, date, stage or event changed) is similar but does not decide, so it is
shown as related with what differs. A claim is denied when any clause is, supported when every
clause is, and unverified otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Sequence

from rapidfuzz import fuzz, process

from .claims import Clause, ParsedClaim, dated_as, has_actor, read_clauses
from .dates import PartialDate
from .figures import Figure
from .entities import MIN_FUZZY_LENGTH, EntityIndex
from .frames.decide import BY_EXCLUSION, Decision, decide, shares_verb
from .frames.reader import Frame, text_says_any
from .frames.vocabulary import vocabulary
from .index import KIND_TERMS, Scoring, StatementFacts, StoreIndex, claim_terms, entity_term
from .spelling import one_letter_from, one_letter_variants
from .store import Citation, Source, Statement
from .text import stem

DEFAULT_THRESHOLD = 50.0
"""Similarity (0-100) a consistent statement needs to decide a verdict."""
PRECISION_BETA = 0.5
"""F-measure beta: below 1 weighs "everything the claim says is in the statement" above
"everything the statement says is in the claim" (claims are often shorter than statements)."""
EVENT_ALLOWANCE = 20.0
"""How much less similar a statement may be and still decide a clause that names an event and
an actor: its frame must then entail or exclude the clause's, with every particular
consistent, so fewer shared words are needed ("walked away from its bid" against "withdrew
its offer")."""
NEAR_MISS_MARGIN = 10.0
"""A consistent statement cannot decide when a conflicting one is more similar by more than this:
the claim is then a near miss of that one, not a vaguer restatement of the other (unless this
one records the very date or figure the other contradicts: `confirmed`)."""
RETRIEVE = 10
RELATED = 3
RELATED_MIN_SCORE = 15.0
FUZZY_TERM_CUTOFF = 85.0
MISSPELLING_CREDIT = 0.8
RELATED_ENTITY_CREDIT = 0.7
EXCLUDED_STAGE_CREDIT = 0.5
"""A claim's stage (`~abandoned`) found in a statement only as a stage that excludes it
(`~completed`) counts this much of its weight: the statement may deny the claim though its
words are the other outcome's ("pulled the plug on its takeover" against "completed its
acquisition"). Measured: 1.0 lifted near misses of another outcome above the true statement."""
SUPPORTED, DENIED, UNVERIFIED = "supported", "denied", "unverified"
VERDICTS = (SUPPORTED, DENIED, UNVERIFIED)


class Related(NamedTuple):
    statement: Statement
    score: float
    conflicts: tuple[str, ...]


class ClauseResult(NamedTuple):
    """The verdict on one clause of a claim (a tuple: cheaper to define at start-up than a
    dataclass, and a claim makes one per clause)."""

    text: str
    start: int
    end: int
    """Its span in the claim (0-based, end exclusive)."""
    verdict: str
    score: float
    match: Statement | None
    citations: tuple[tuple[Citation, Source], ...]
    related: tuple[Related, ...]
    reason: str | None = None
    """Why it is unverified, when it is: "no claim to check", a question, or what differs from
    the nearest statement."""


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
    clauses: tuple[ClauseResult, ...] = ()
    decided_by: int | None = None
    """The clause whose verdict is the claim's when the clauses differ (the first denied one,
    else the first unverified one); None when every clause has the claim's verdict."""
    reason: str | None = None


NO_NEAR_MISS = frozenset({"attribution", "weaker", "party"})
"""Differences that make a statement no near miss of a clause: a report of what was said is
not the event, and a statement that records less of the same event contradicts nothing."""
NO_CLAIM = "no claim to check"
QUESTION = "a question asserts nothing"
POSSIBILITY = "a possibility asserts nothing"


class QueryTerm(NamedTuple):
    """A claim term with its weight and the statement terms that count as near forms of it."""

    term: str
    weight: float
    near: tuple[tuple[str, float, float], ...]
    """(statement term, share of the weight it earns, its own weight): a misspelling's known
    forms ("aquisition" for "acquisit"), or an entity's parent and subsidiaries."""


class Query(NamedTuple):
    """The claim's side of every comparison, worked out once per claim, not once per candidate."""

    claim: ParsedClaim
    terms: tuple[QueryTerm, ...]
    weights: dict[str, float]
    """Each term's weight: the terms a statement has exactly are looked up here, all at once."""
    inexact: tuple[QueryTerm, ...]
    """The terms that can also match otherwise: by a near form, or as a kind of entity."""
    total: float
    """The claim's whole weight: its terms, dates and figures."""


def prepare(index: StoreIndex, claim: ParsedClaim) -> Query:
    prepared = []
    for term in dict.fromkeys(claim_terms(claim)):
        near: list[tuple[str, float]] = []
        if term.startswith("@"):
            near = [(entity_term(other), RELATED_ENTITY_CREDIT) for other in index.entities.relatives(term[1:])]
        elif term.startswith("~"):  # an event term: a statement of the outcome that excludes it is near too
            near = [(f"~{other}", EXCLUDED_STAGE_CREDIT) for other in vocabulary().excluding.get(term[1:], ())]
        elif len(term) >= MIN_FUZZY_LENGTH and not index.document_frequency(term):
            near = [(other, MISSPELLING_CREDIT) for other in _misspelt(index, term)]
        prepared.append(QueryTerm(term, index.weight(term),
                                  tuple((other, credit, index.weight(other)) for other, credit in near)))
    total = sum([t.weight for t in prepared] + [index.unseen_idf / 2] * (len(claim.dates) + len(claim.figures)))
    return Query(claim, tuple(prepared), {t.term: t.weight for t in prepared},
                 tuple(t for t in prepared if t.near or t.term in KIND_TERMS), total)


def _misspelt(index: StoreIndex, term: str) -> list[str]:
    """Terms of the store that this unknown term is probably a misspelling of."""
    # fuzz.ratio is 100 * (1 - indel distance / total length), and the distance is at least the
    # difference in length: only terms within these lengths can reach the cutoff.
    share = FUZZY_TERM_CUTOFF / 100
    shortest = max(MIN_FUZZY_LENGTH, math.floor(len(term) * share / (2 - share)))
    known = index.terms_like(term[0], shortest, math.ceil(len(term) * (2 - share) / share))
    found = process.extract(term, known, scorer=fuzz.ratio, score_cutoff=FUZZY_TERM_CUTOFF, limit=None)
    return [other for other, _, _ in sorted(found, key=lambda f: (-f[1], f[0]))]  # ties: alphabetical


def similarity(query: Query, scoring: Scoring, unseen_idf: float) -> float:
    """Weighted F-measure of shared terms, entities, dates and figures, from 0 to 100."""
    terms = scoring.terms
    exact = terms.intersection(query.weights)
    # fsum: the same total whatever order the set gives its terms in
    matched_claim = matched_statement = math.fsum(map(query.weights.__getitem__, exact))
    counted: set[str] = set()
    for term in query.inexact:
        if term.term in exact:
            continue
        for other, credit, weight in term.near:
            if other in terms:
                matched_claim += term.weight * credit
                if other not in exact and other not in counted:
                    counted.add(other)
                    matched_statement += weight
                break
        else:
            if term.term in scoring.kind_terms:
                matched_claim += term.weight
    total_statement = scoring.weight

    claim = query.claim
    date_weight = figure_weight = unseen_idf / 2
    if claim.dates and scoring.dates:
        for value in claim.dates:
            if any(value.compatible(d) for d in scoring.dates):
                matched_claim += date_weight
    if scoring.dates:
        total_statement += date_weight
        if any(c.compatible(d) for c in claim.dates for d in scoring.dates):
            matched_statement += date_weight
    if claim.figures and scoring.figures:
        for figure in claim.figures:
            if any(figure.matches(f) for f in scoring.figures):
                matched_claim += figure_weight
    for figure in scoring.figures:
        total_statement += figure_weight / 2
        if any(figure.matches(f) for f in claim.figures):
            matched_statement += figure_weight / 2

    total_claim = query.total
    if not total_claim or not total_statement or not matched_claim:
        return 0.0
    precision = matched_claim / total_claim
    recall = min(1.0, matched_statement / total_statement)
    beta2 = PRECISION_BETA ** 2
    return round(100 * (1 + beta2) * precision * recall / (beta2 * precision + recall), 1)


class Conflict(NamedTuple):
    """One particular of the claim that a statement contradicts."""

    kind: str  # party | place | date | figure | name, or from the frames: event | stage | role | who | attribution
    claim_value: object
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def conflicts(index: StoreIndex, claim: ParsedClaim, facts: StatementFacts) -> list[Conflict]:
    """Particulars of the claim that the statement contradicts (empty: consistent).

    A particular the statement does not record at all (no place, no date, no figure of that
    kind) is not a contradiction: it only lowers similarity.
    """
    found: list[Conflict] = []
    names = index.entities.names
    kinds = index.entities.kinds
    kin = index.entities.kin

    actors = [e for e in claim.entities if kinds.get(e) != "place" and e not in claim.frame.sources]
    parties = facts.parties | {facts.statement.said_by} if facts.statement.said_by else facts.parties
    for entity in actors:  # a parent is not its subsidiary: the statement must name the claim's party
        if entity in claim.frame.affiliated and any(other != entity and other in kin(entity)
                                                    for other in (*actors, *facts.involved)):
            # "Globex Link, Globex's subsidiary": Globex only says who Globex Link is; "Globex's
            # unit" is the statement's Globex Link
            continue
        if entity not in facts.involved:
            found.append(Conflict("party", entity, f"the claim names {names[entity]}, the statement does not"))
        elif entity not in parties and entity not in claim.frame.affiliated:  # named in passing:
            # "Globex Link, an affiliate of Globex" (unless the claim too says "a Globex-affiliated company")
            stand_in = next((p for p in sorted(parties) if p != entity and p in kin(entity)
                             and (p not in claim.entities or p in claim.frame.affiliated)), None)  # "Acme's parent"
            if stand_in is not None:
                found.append(Conflict("party", entity, f"the claim names {names[entity]}, "
                                                       f"the statement's party is {names[stand_in]}"))
    for mine, theirs, told in ((claim.frame.subject, facts.frames[0].subject, "the claim is about {}, the statement about {}"),
                               (claim.frame.holder, facts.frames[0].holder, "the claim has {} say it, the statement {}")):
        if (mine and theirs and mine != theirs and mine not in claim.frame.affiliated  # "an Acme-affiliated firm"
                and theirs not in claim.entities and mine in kin(theirs)
                and not any(c.claim_value == mine for c in found)):
            found.append(Conflict("party", mine, told.format(names[mine], names[theirs])))
    for passive, doer in (pair for frame in facts.frames for pair in frame.verb_objects if pair[0].endswith(" by")):
        # "jointly controlled by Acme Ventures": not done by Acme, its parent, whom the statement
        # names only as the venture's ("Acme and Globex will jointly control it")
        verb = passive.removesuffix(" by")
        parent = next((p for p in index.entities.ancestors(doer) if p in actors), None)
        if (parent is not None and doer not in claim.entities and verb in claim.terms
                and passive not in dict(claim.frame.verb_objects)):  # (the frames compare who did it "by" whom)
            found.append(Conflict("role", parent, f"the claim has {names[parent]} {verb}, "
                                                   f"the statement {names[doer]}, its subsidiary"))
    for place in (e for e in claim.entities if kinds.get(e) == "place"):
        compared = _places_for(claim, place, facts)
        if compared and compared.isdisjoint(recording(place, claim, facts, index.entities)):
            wanted = ", ".join(sorted(names[p] for p in compared))
            said = names[place] if claim.part_of(place) is None else f"a place in {names[place]}"
            found.append(Conflict("place", place, f"the claim says {said}, the statement {wanted}"))
    dates = event_dates(claim, facts)
    if dates:
        for value in claim.dates:
            if not dated(value, dates):
                found.append(Conflict("date", value, f"the claim says {value}, the statement {', '.join(map(str, dates))}"))
    for figure in claim.figures:
        comparable = comparable_figures(figure, facts.figures) or _unpaired_count(figure, claim.figures, facts.figures)
        if comparable and not any(figure.matches(f) for f in comparable):
            found.append(Conflict("figure", figure,
                                  f"the claim says {figure}, the statement {', '.join(map(str, comparable))}"))
    qualifier = claim.frame.qualifier
    if claim.frame.attitude == "denied" == facts.frames[0].attitude:
        qualifier = None  # a denial need not repeat what kind of deal the rumour it denies was
    kind = stem(qualifier) if qualifier is not None else None
    if kind is not None and not any(stem(word) == kind for word in facts.vocabulary.split()) and (
            kind in index.words or kind.isascii() and not any(stem(variant) in index.words
                                                              for variant in one_letter_variants(qualifier))):
        # (a word one letter from a word the store uses is a misspelling of it, and not asked for)
        label = vocabulary().types[claim.frame.type or "deal"]["label"]
        found.append(Conflict("event", qualifier, f"the claim says {qualifier} {label}, the statement does not"))
    reason = claim.frame.reason
    if (reason and facts.statement.verdict == SUPPORTED and not any(f.negated for f in facts.frames)
            and not _speaks_of(reason, facts.vocabulary)):
        # "fined for anti-money-laundering failures" against a fine for mis-selling (though
        # what records that there was no fine at all denies it, whatever it was for)
        label = vocabulary().types[claim.frame.type or "fine"]["label"]
        found.append(Conflict("event", reason[0], f"the claim says a {label} for {' '.join(reason)}, the statement does not"))
    if claim.shares and any(f.unit == "%" and f.value != value and holder in facts.involved
                            for f in facts.figures for holder, value in claim.shares):
        # "Globex will own 49 percent" against "owned 51 percent by Globex" (read only when it could differ)
        theirs = index.shares(facts)
        for holder, value in claim.shares:
            if theirs.get(holder, value) != value:
                found.append(Conflict("figure", value, f"the claim gives {names[holder]} {value:g}%, "
                                                       f"the statement {theirs[holder]:g}%"))
            elif holder not in theirs:  # "Acme will own 51 percent" against "Acme Mills, Acme's unit, owning 51 percent"
                other = next((them for them, held in theirs.items() if held == value), None)
                if other is not None:
                    found.append(Conflict("figure", value, f"the claim gives {names[holder]} {value:g}%, "
                                                           f"the statement gives it to {names[other]}"))
    for text in claim.impossible_dates:
        found.append(Conflict("date", text, f"the claim says {text}, which is not a date"))
    leads = index.entities.leads
    demonyms = vocabulary().demonyms
    for name in claim.names:  # "Globex" is in a statement about "Globex Energy", but not as a name of its own
        if (f" {name} " not in facts.vocabulary or leads.get(name) in facts.involved) and not any(
                f" {place} " in facts.vocabulary for place in demonyms.get(name, ())):  # "French" and "France"
            found.append(Conflict("name", name, f"the claim names {name.title()}, the statement does not"))
    return found


def _unrecorded_figure(claim: ParsedClaim, facts: StatementFacts) -> Conflict | None:
    """A sum or a percentage of the claim that a statement which would support it records none
    of ("owns a 55 percent stake" against "is the lead member of the consortium"): a particular it
    cannot confirm, though it does not stop a denial ("blocked Acme's USD 6.4 billion takeover"
    against "blocked the takeover")."""
    figure = next((f for f in claim.figures if f.kind in ("money", "percent")
                   and not comparable_figures(f, facts.figures)), None)
    return None if figure is None else Conflict("figure", figure, f"the claim says {figure}, the statement gives none")


def _speaks_of(words: Sequence[str], vocabulary: str) -> bool:
    """Whether a statement's words (`StatementFacts.vocabulary`) include one of `words`, or a
    slip of a long one ("riging" for "rigging")."""
    if any(f" {word} " in vocabulary for word in words):
        return True
    long = [word for word in words if len(word) > MIN_FUZZY_LENGTH]
    theirs = vocabulary.split() if long else []
    return any(one_letter_from(word, theirs) for word in long)


def _places_for(claim: ParsedClaim, place: str, facts: StatementFacts) -> frozenset[str]:
    """The statement's places a claim's place is compared with: one named in passing (where a
    party is from) with any place it names ("Kisaragi Seiyaku of Brennau" against "Kisaragi
    Seiyaku of Osaka"), the event's place only with the event's ("a plant in Eskaria" is not
    confirmed by "Mizora Hygiene of Eskaria signed a venture to build a plant in Dravno")."""
    return facts.places if place in claim.asides else facts.places - facts.asides


def recording(place: str, claim: ParsedClaim, facts: StatementFacts, entities: EntityIndex) -> frozenset[str]:
    """The places that record a claim's place: it or one inside it ("Norvessa" does not confirm
    "Halloran"). A part of it that the store does not know ("Qasmar's capital": not Qasmar, and
    no place in Qasmar is known to be its capital) is recorded only by a statement that gives
    the part's name ("Guangzhou's Nansha district")."""
    part = claim.part_of(place)
    if part is not None and not (part and f" {part} " in facts.vocabulary):
        return frozenset()
    return frozenset(entities.kin(place).difference(entities.ancestors(place)))


def dated(value: PartialDate, dates: Sequence[PartialDate], otherwise: Sequence[PartialDate] = ()) -> bool:
    """Whether the statement's dates agree with the claim's date: those at least as precise as
    it, if any, else those of `otherwise` (the whole statement's) that are, else all ("fined in
    November 2022" against a fine of 14 November 2023 for failures "between 2020 and 2022": the
    year 2022 does not date the fine)."""
    precision = _precision(value)
    precise = ([d for d in dates if _precision(d) >= precision]
               or [d for d in otherwise if _precision(d) >= precision] or dates)
    return any(value.compatible(d) for d in precise)


def _precision(value: PartialDate) -> int:
    return (value.year is not None) + (value.month is not None or value.months is not None) + (value.day is not None)


def event_dates(claim: ParsedClaim, facts: StatementFacts) -> tuple[PartialDate, ...]:
    """The statement's dates a claim's dates are compared with."""
    if claim.frame.attitude != "denied" and facts.frames[0].attitude == "denied" and facts.text_dates:
        return facts.text_dates  # a denial's own date does not date the denied event
    return facts.dates


def comparable_figures(figure: Figure, figures: tuple[Figure, ...]) -> list[Figure]:
    """The statement's figures that speak to the same quantity as the claim's figure.

    Counts compare with counts of the same thing when both say what they count ("13 firms" with
    "13 foreign companies", not "100 days"), percentages with percentages, and money with money
    in any currency (so $1.3 billion against RMB 20 billion conflicts rather than passing).
    """
    same_kind = [f for f in figures if f.kind == figure.kind or (figure.kind == "count" and f.kind == "money")]
    if figure.kind == "count" and figure.counted:
        same_thing = [f for f in same_kind if f.counted & figure.counted]
        if same_thing or any(f.counted for f in same_kind):
            return same_thing
    return same_kind


def _unpaired_count(figure: Figure, mine: tuple[Figure, ...], theirs: tuple[Figure, ...]) -> list[Figure]:
    """The statement's counts that no figure of the claim matches, when `figure` is the
    claim's one count that matches none of the statement's: "15 sites in 100 days" against "12
    offices in 100 days" speak of one quantity in other words (and if the statement's other
    count is of something else, the claim's count is still one it does not record)."""
    if figure.kind != "count" or any(figure.matches(f) for f in theirs):
        return []
    unmatched_mine = [f for f in mine if f.kind == "count" and not any(f.matches(g) for g in theirs)]
    unmatched_theirs = [f for f in theirs if f.kind == "count" and not any(f.matches(g) for g in mine)]
    return unmatched_theirs if len(unmatched_mine) == 1 else []


CONFIRMABLE = frozenset({"date", "figure"})
"""Conflicts a less similar statement can answer by recording the claim's own value (`confirmed`)."""
PARTICULARS = CONFIRMABLE | {"place"}
"""Conflicts that a consistent statement must answer by recording the claim's own value when a
similar statement contradicts it (`contradicted_elsewhere`)."""


def records(claim: ParsedClaim, facts: StatementFacts, conflict: Conflict, entities: EntityIndex) -> bool:
    """Whether the statement records the claim's own date, figure or place that `conflict` is about."""
    value = conflict.claim_value
    if conflict.kind == "date" and isinstance(value, PartialDate):
        return dated(value, event_dates(claim, facts))
    if conflict.kind == "figure" and isinstance(value, Figure):
        return any(value.matches(f) for f in facts.figures)
    if conflict.kind == "place" and isinstance(value, str):
        return not _places_for(claim, value, facts).isdisjoint(recording(value, claim, facts, entities))
    return False


def confirmed(claim: ParsedClaim, facts: StatementFacts, problems: list[Conflict], entities: EntityIndex) -> bool:
    """Whether the statement records each particular that a more similar one contradicts
    (the claim's "April 2024" against a rumour of September 2023 and a withdrawal of 9 April
    2024): the claim is then no near miss of the other, but this one's restatement."""
    return all(records(claim, facts, conflict, entities) for conflict in problems)


def contradicted_elsewhere(claim: ParsedClaim, consistent: list[StatementFacts],
                           others: list[list[Conflict]], entities: EntityIndex) -> Conflict | None:
    """A date, figure or place of the claim that no similar consistent statement records but a
    similar one contradicts: "over 2,400 firms, up 40%" is not confirmed by the statement with the
    2,400 when the one with the growth rate says 30%, nor "signed a partnership in Springfield" by
    a statement of its fee that names no place, when the one of its signing names another."""
    for problems in others:
        for conflict in problems:
            if conflict.kind in PARTICULARS and conflict.claim_value is not None and not any(
                    records(claim, facts, conflict, entities) for facts in consistent):
                return conflict
    return None


def _event_date(dates: tuple[PartialDate, ...], frame: Frame, facts: StatementFacts) -> tuple[PartialDate, ...]:
    """Of several dates the clause of a statement's main event names, those its `date:` (the
    event's) allows, when that leaves some out: a claim must date the event by one of them
    ("granted the licence on 1 August, allowing it to admit patients from 1 October" is no
    licence granted in October). A denial's date is the denial's, and a plan's the day it was
    told, not when it is due: those are not pinned. Empty when nothing is pinned."""
    if (len(dates) < 2 or not facts.statement.date or frame is not facts.frames[0]
            or frame.attitude == "denied" or frame.tense < 0 or frame.stage in vocabulary().prospective):
        return ()
    event = PartialDate.parse(facts.statement.date)
    pinned = tuple(d for d in dates if d.compatible(event))
    return pinned if pinned and len(pinned) < len(dates) else ()


def decision(index: StoreIndex, claim: ParsedClaim, facts: StatementFacts) -> Decision:
    """What the statement's frames say of the claim's: the first that decides, else why the
    main one does not."""
    names, kin = index.entities.names, index.entities.kin
    recorded_true = facts.statement.verdict == SUPPORTED
    first: Decision | None = None
    frames = list(zip(facts.frames, facts.frame_dates, facts.frame_figures))
    mine = claim.frame
    if (mine.type is None and mine.stage is None and not mine.verbs and mine.attitude is None and not mine.direction
            and frames[0][0].attitude == "denied"):
        # a clause that names no event is about what a denial as a whole denies, not about what
        # the denial adds: "… were false, and that it would not raise them by more than the 3
        # percent a year the Ministry allows"
        frames = frames[:1]
    elif mine.verbs and mine.stage is None:  # an event only its verb names:
        # the clause that asserts that verb is the one to ask ("suspended on 9 September; restored on 9 October")
        frames = [triple for triple in frames if shares_verb(mine, triple[0])] or frames
    kinds = index.entities.kinds

    def related(a: str, b: str) -> bool:
        """One and the same, parent and subsidiary, or a person whom both the claim and the
        statement name with the organisation the statement records speaking ("Acme chief executive
        Jane Roe denied …" against "Acme denied …, chief executive Jane Roe said"), or the person
        a statement has speak for the organisation it records as the source ("Acme denied …"
        against "Acme's chief executive Jane Roe said …", said by Acme)."""
        speaker = facts.statement.said_by
        return a in kin(b) or (kinds.get(a) == "person" != kinds.get(b) and a in facts.involved and b in claim.entities) or (
            kinds.get(b) == "person" != kinds.get(a) and speaker is not None and a in kin(speaker))

    for frame, dates, figures in frames:
        decided = decide(mine, frame, recorded_true, names.__getitem__, related)
        if decided.verdict is not None and frame is not facts.frames[0] and (other := _other_figure(claim, figures)):
            decided = Decision(None, "figure", other)
        if decided.verdict is not None:
            own = dates or event_dates(claim, facts)  # a clause that names no date has the statement's
            undated = next((d for d in claim.dates if own and not dated(d, own, event_dates(claim, facts))), None)
            event = _event_date(own, frame, facts)
            if undated is None and event and claim.dates and not any(dated(d, event) for d in claim.dates):
                undated, own = claim.dates[0], event
            if undated is None:
                return decided
            decided = Decision(None, "date", f"the claim says {undated}, the statement's "
                                             f"{frame.stage_words or 'event'} is of {', '.join(map(str, own))}")
        first = first or decided
    return first  # type: ignore[return-value]  # a statement has at least one frame


def _other_figure(claim: ParsedClaim, figures: tuple[Figure, ...]) -> str | None:
    """Why a later clause of a statement that names other figures of the kinds the claim names,
    and none of the claim's, does not decide it ("… and that the offer stayed at EUR 4.20"
    against "raised its offer to EUR 4.80"), else None. (One of the claim's is enough: "at EUR
    14.25 a share, valuing it at EUR 2.1 billion" may be two clauses. The main clause is not
    asked: a price a share and the value of the whole are both sums.)"""
    if any(figure.matches(f) for figure in claim.figures for f in figures):
        return None
    for figure in claim.figures:
        comparable = comparable_figures(figure, figures)
        if comparable:
            return f"the claim says {figure}, the statement's clause {', '.join(map(str, comparable))}"
    return None


def check(
    text: str,
    index: StoreIndex,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    today: date | None = None,
    top: int = 0,
    claim_id: str | None = None,
) -> CheckResult:
    clauses = read_clauses(text, index.entities, today or date.today(), index.words, spelling=True, relatives=True)
    results: list[tuple[ClauseResult, tuple[tuple[str, float], ...]]] = []
    for clause in clauses:
        before = results[-1][0].match if results else None
        if before is not None and before.date:  # "… and the same day": the day of the statement that decided
            clause = dated_as(clause, (PartialDate.parse(before.date),))
        result, ranked = _check_clause(clause, text, index, threshold)
        if before is not None and result.match is before and _one_more(clause, clauses[len(results) - 1]):
            # "…, and Acme was also fined": another fine than the one the clause before asserts
            result = result._replace(verdict=UNVERIFIED, match=None, citations=(),
                                     reason="another: it says also, and the statement is the clause before's")
        results.append((result, ranked))
    candidates = None
    if top:  # (more candidates than are examined are ranked apart: --top shows, it never decides)
        candidates = (results[0][1] if top <= RETRIEVE else ranked_candidates(clauses[0].parsed, index, top))[:top]
    return _combine(text, [r for r, _ in results], candidates, claim_id)


def _one_more(clause: Clause, before: Clause) -> bool:
    """Whether a clause says its event is one more of the kind the clause before names ("fined
    …, and Globex was also fined"), not another kind of event told of beside it."""
    mine, theirs = clause.parsed.frame, before.parsed.frame
    if mine.type is None or (mine.type, mine.stage) != (theirs.type, theirs.stage):
        return False
    return text_says_any(vocabulary().additive_markers, clause.parsed.text)


def _combine(text: str, clauses: list[ClauseResult], candidates: tuple[tuple[str, float], ...] | None,
             claim_id: str | None) -> CheckResult:
    """Denied if any clause is denied, supported only if every clause is, else unverified."""
    verdicts = [c.verdict for c in clauses]
    if DENIED in verdicts:
        verdict, deciding = DENIED, verdicts.index(DENIED)
    elif all(v == SUPPORTED for v in verdicts):
        verdict, deciding = SUPPORTED, 0
    else:
        verdict, deciding = UNVERIFIED, verdicts.index(UNVERIFIED)
    decider = clauses[deciding]
    citations = decider.citations
    if verdict == SUPPORTED and len(clauses) > 1:
        citations = tuple(dict.fromkeys(c for clause in clauses for c in clause.citations))
    return CheckResult(
        text, verdict, decider.score if verdict != SUPPORTED else min(c.score for c in clauses), decider.match,
        citations, decider.related, candidates, claim_id, tuple(clauses),
        None if all(v == verdict for v in verdicts) else deciding, decider.reason)


def _scored(claim: ParsedClaim, index: StoreIndex, limit: int) -> tuple[list[tuple[float, int]], dict[int, str]]:
    """The `limit` statements retrieved for a clause, by similarity (best first, then in store
    order), and their ids by number."""
    query = prepare(index, claim)
    # event terms (~acquisition) score candidates but do not find them: every deal shares them
    entailing = vocabulary().entailing
    retrieved = index.retrieve([t.term for t in query.terms if not t.term.startswith("~")], limit,
                               [[f"~{name}" for name in sorted(entailing[known])]
                                for known in (claim.frame.type, claim.frame.stage) if known])
    scored = sorted(((similarity(query, s, index.unseen_idf), s.number) for s in retrieved),
                    key=lambda item: (-item[0], item[1]))
    return scored, {s.number: s.id for s in retrieved}


def ranked_candidates(claim: ParsedClaim, index: StoreIndex, limit: int) -> tuple[tuple[str, float], ...]:
    """The ids and similarities of up to `limit` statements a clause retrieves, best first."""
    return _ranking(*_scored(claim, index, limit))


def _ranking(scored: list[tuple[float, int]], ids: dict[int, str]) -> tuple[tuple[str, float], ...]:
    return tuple((ids[n], s) for s, n in scored)


def _check_clause(clause: Clause, text: str, index: StoreIndex,
                  threshold: float) -> tuple[ClauseResult, tuple[tuple[str, float], ...]]:
    """One clause's verdict, and its ranked candidates (for --top)."""
    claim = clause.parsed
    scored, ids = _scored(claim, index, RETRIEVE)
    # Candidates are examined in full (read from the index, checked for conflicts and frames)
    # only as far down the ranking as some decision needs: a large store has dozens of similar
    # statements.
    evaluated: list[tuple[float, StatementFacts, list[Conflict], str | None]] = []
    by_exclusion: set[int] = set()  # the positions of those decided by an outcome that excludes the claim's

    def examined(count: int) -> list[tuple[float, StatementFacts, list[Conflict], str | None]]:
        while len(evaluated) < min(count, len(scored)):
            score, number = scored[len(evaluated)]
            facts = index.facts(number)
            problems = conflicts(index, claim, facts)
            verdict = None
            if not problems:
                decided = decision(index, claim, facts)
                verdict = decided.verdict
                if decided.kind == BY_EXCLUSION:
                    by_exclusion.add(len(evaluated))
                if verdict is None:
                    problems = [Conflict(decided.kind, None, decided.reason)]
                elif (verdict == SUPPORTED and (unrecorded := _unrecorded_figure(claim, facts)) is not None
                      and not recorded_beside(unrecorded.claim_value, facts)):
                    verdict, problems = None, [unrecorded]
            evaluated.append((score, facts, problems, verdict))
        return evaluated

    def reaching(bar: float) -> int:
        return sum(1 for score, _ in scored if score >= bar)

    def recorded_beside(figure: Figure, supporting: StatementFacts) -> bool:
        """Whether another statement as near as the bar, consistent with the claim, records the
        figure: one sentence may join two recorded facts ("sales reached EUR 602 million, growing 32
        percent", each its own statement)."""
        return any(figure.matches(theirs) for _, number in scored[:reaching(threshold - EVENT_ALLOWANCE)]
                   if (other := index.facts(number)) is not supporting and not conflicts(index, claim, other)
                   for theirs in other.figures)

    best: tuple[float, StatementFacts, str] | None = None
    near_misses: list[tuple[float, list[Conflict]]] = []
    frame = claim.frame
    named_event = ((frame.type or frame.stage) is not None or frame.direction != 0) and has_actor(claim, index.entities)
    bar = threshold - EVENT_ALLOWANCE if named_event else threshold
    places = any(index.entities.kinds.get(e) == "place" for e in claim.entities)
    blocking = 0.0  # the score of the nearest near miss that no other statement can confirm away
    # what ended a state the claim says still holds is told in its own words ("cleared the
    # merger" for "the investigation is still under way"): looked for further down, to deny only
    reach = reaching(min(bar, RELATED_MIN_SCORE) if frame.persists else bar)
    for position in range(reach):
        # one far under a near miss decides only by an outcome it records that excludes the
        # claim's: a nearer statement that says less or otherwise ("agreed to buy") does not make
        # a recorded prohibition any less so (but a false report so far under is another's)
        below = scored[position][0] < blocking - NEAR_MISS_MARGIN or scored[position][0] < bar
        score, facts, problems, verdict = examined(position + 1)[position]
        if problems:
            if problems[0].kind not in NO_NEAR_MISS:
                near_misses.append((score, problems))
                if any(p.kind not in CONFIRMABLE for p in problems):
                    blocking = max(blocking, score)
        elif (verdict == DENIED and facts.statement.verdict == SUPPORTED if below else not any(
                near > score + NEAR_MISS_MARGIN and not confirmed(claim, facts, missed, index.entities)
                for near, missed in near_misses)):
            best = (score, facts, verdict)
            if position in by_exclusion:
                # "(never) refused the permit" is not decided by its grant on appeal when another
                # statement about as near records the refusal: the claim's own outcome decides
                for near in range(position + 1, reaching(score - NEAR_MISS_MARGIN)):
                    near_score, near_facts, near_problems, near_verdict = examined(near + 1)[near]
                    if not near_problems and near_verdict not in (None, verdict) and near not in by_exclusion:
                        best = (near_score, near_facts, near_verdict)
                        break
            break
    if best is not None and (claim.dates or claim.figures or places):  # what contradicted_elsewhere looks for
        # (those about as near as the one that decided, which may be below the usual bar)
        close = [(f, p) for _, f, p, _ in examined(reaching(min(threshold, best[0]) - NEAR_MISS_MARGIN))]
        blocker = contradicted_elsewhere(claim, [f for f, p in close if not p],  # of other parties: another deal
                                         [p for _, p in close if p and not any(c.kind == "party" for c in p)],
                                         index.entities)
        if blocker is not None:
            evaluated[:] = [(s, f, [blocker] if f is best[1] else p, v) for s, f, p, v in evaluated]
            best = None
    reason = (NO_CLAIM if not frame.asserts else QUESTION if frame.question
              else POSSIBILITY if frame.possible and frame.attitude is None else None)  # not "denied it may …"
    if reason is not None:
        best = None  # nothing to decide: its nearest statements are still shown
    examined(min(reaching(RELATED_MIN_SCORE), RELATED + (best is not None)))  # the match is not shown as related
    related = tuple(Related(f.statement, s, tuple(map(str, p))) for s, f, p, _ in evaluated
                    if s >= RELATED_MIN_SCORE and (best is None or f is not best[1]))[:RELATED]
    ranked = _ranking(scored, ids)
    own = text[clause.start:clause.end]
    if best is None:
        top_score = scored[0][0] if scored else 0.0
        if reason is None and related and related[0].conflicts:
            reason = related[0].conflicts[0]
        return ClauseResult(own, clause.start, clause.end, UNVERIFIED, top_score, None, (), related, reason), ranked
    score, facts, verdict = best
    statement = facts.statement
    citations = tuple((c, index.sources[c.source]) for c in statement.citations)
    return ClauseResult(own, clause.start, clause.end, verdict, score, statement, citations, related), ranked
