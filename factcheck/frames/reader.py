"""Reading what a clause asserts: its event frame (`claims.read_clauses` splits sentences).

A frame is the event a clause asserts (its type and stage: "agreed to buy" is an acquisition
agreed, "won unconditional approval for the joint venture" a joint venture approved
unconditionally), its polarity scoped to the clause, an attitude when the clause reports what
someone said about the event ("X denied that …"), who acts on whom where the event is directed
(who buys, who sells), and whether the clause is hedged, a question, or no claim at all. Claims
and stored statements are read by the same functions, so both sides meet in one vocabulary
(`vocabulary.json`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import islice
from typing import Container, Mapping, NamedTuple, Sequence

from ..spelling import letter_added_or_swapped
from ..text import Token, in_compound, normalize, owns, raw_stem, starts_compound, words
from .vocabulary import ENTITY_OBJECT, MAX_FILLERS, Trigger, VerbForms, Vocabulary, verb_forms, vocabulary

SENTENCE_WORDS = 6
"""Text with this many plain words is a sentence with a predicate the vocabulary does not know, not a fragment
("Globex Energy licence approval news" is one)."""
OTHER_SIDE_REACH = 6
"""A "to" or "from" this many words before a name makes it the deal's other side ("to the
private equity firm Globex Partners")."""
PLANNED_WITHIN = 3
"""A plan's words name the stage it is a plan of within this many words ("weighing a rival
bid"), not in a clause further on ("set to take a stake under a deal agreed with …")."""
_PREDICATE_KINDS = frozenset("type stage attitude speech negation predicate".split())


class Frame(NamedTuple):
    """What one clause asserts. Plain values only: frames are stored in the index as tuples."""

    type: str | None = None
    stage: str | None = None
    negated: bool = False
    """The clause asserts that its event did not happen ("did not approve")."""
    attitude: str | None = None
    """denied | confirmed | said: the clause reports what `holder` said about the event."""
    holder: str | None = None
    agents: tuple[str, ...] = ()
    """Entity ids that act in a directed event (who buys, who sells, who fines)."""
    patients: tuple[str, ...] = ()
    """Entity ids acted on (what is bought, who is fined; with no event, whom its stage verb
    is done to: "barred Globex from selling")."""
    counterparts: tuple[str, ...] = ()
    """Entity ids on the other side of a directed deal: whom it is bought from or sold to,
    whose asset it is ("Acme bought Globex's unit": Globex)."""
    deciders: tuple[str, ...] = ()
    """Entity ids that decide the event without taking part in it: who approves, blocks or
    grants it ("the regulator cleared Acme's purchase", "Globex granted Acme a licence")."""
    hedged: bool = False
    question: bool = False
    possible: bool = False
    """It says what may be or may happen ("the regulator may block the deal", "Acme might be
    expanding"), which asserts nothing; "may have sold" is a hedge on what happened."""
    asserts: bool = True
    """False for a fragment without a predicate ("Acme deal"): there is nothing to check."""
    has_predicate: bool = True
    """A verb the vocabulary or the word's form shows; a long text may assert without one, but
    only a part with one is a clause of its own ("… from setting up a venture" is not)."""
    direction: int = 0
    """+1 the clause reports a rise, -1 a fall."""
    stage_words: str = ""
    """The words that gave the stage, for messages ("planning to apply")."""
    subject: str | None = None
    """The actor the clause is about: the first named before its predicate, a possessor
    skipped ("Acme's unit Globex signed": Globex)."""
    refers_back: bool = False
    """It names its event by reference ("it", "the deal", "both companies"): the actors of the
    clause before are its actors too."""
    predicate_starts: tuple[int, ...] = ()
    """Where each word that can head a predicate starts: a sentence can only be split between two."""
    predicate_at: int = -1
    """Where the clause's predicate starts (its first stage, attitude, speech or verb word):
    what comes before is its subject, lent to a following clause that has none."""
    tense: int = 0
    """-1 the clause speaks of what will be ("will open", "would buy"), +1 of what has happened
    with a verb the vocabulary does not know ("has opened"), 0 neither or unknown."""
    affiliated: tuple[str, ...] = ()
    """Entities named only as someone's relative ("a Globex-affiliated firm", "an Acme unit"):
    the party is one of their kin, not they."""
    verbs: tuple[str, ...] = ()
    """The verbs the vocabulary does not know that the clause asserts ("opened",
    "appealed", "began"): with no event type or stage, they are what the clause says happened."""
    persists: bool = False
    """The clause says its state still holds now ("the inquiry is still under way", "the
    agreement remains in force"): more than that it held when a statement recorded it."""
    verb_objects: tuple[tuple[str, str], ...] = ()
    """(stem of such a verb, the entity named right after it): whom it was done to ("ordered
    Globex to pay the costs"), which a statement asserting the same verb must not change."""
    qualifier: str | None = None
    """The word that says what kind of generic deal it is ("a supply deal": supply), which a
    statement must use too: a supply deal is not any deal."""
    sources: tuple[str, ...] = ()
    """Who the clause says reported it ("according to the Gazette", "a Gazette report that …"):
    no party of the event, so no statement need name them."""
    reason: tuple[str, ...] = ()
    """For an event whose reason is a particular (a fine, a ban), the plain words after "for",
    "over" or "because" that say what it was for ("fined Acme for mis-selling": mis, selling),
    or after what is traded and "of" ("banned exports of mackerel"), of which a statement must
    use at least one."""
    planned: str | None = None
    """For a plan, the stage it is a plan of, where its words name one ("is weighing a bid":
    offered; "expects to complete the purchase": completed); two plans of other stages are
    two plans."""
    doer: str | None = None
    """For a stage one party does (`one_sided`: "terminated", "appealed"), the party named as
    its verb's subject ("when Globex terminated it"): who did it."""
    negates_another: bool = False
    """It is negated only by a negation of a verb the vocabulary does not know, after the
    event's word ("the investment does not require clearance"): a claim that says so is still a
    negation (its "will not cause losses" is denied by recorded losses), but a statement records
    no more than that the event is there to speak of."""


class Hit(NamedTuple):
    start: int
    end: int
    """Character span in the normalized text."""
    first: int
    """Index of the first token (-1 for a substring hit)."""
    last: int
    trigger: Trigger


class Mention(NamedTuple):
    """An entity found in the text (the reader needs only where it is and whether it acts)."""

    entity: str
    start: int
    end: int
    is_place: bool


def find_triggers(normalized: str, spans: Sequence[Token], vocab: Vocabulary | None = None,
                  names: Sequence[tuple[int, int]] = (), actors: Sequence[tuple[int, int]] = (),
                  dated: Sequence[tuple[int, int]] = (), figured: Sequence[tuple[int, int]] = ()) -> list[Hit]:
    """Every trigger in the text, longest first where they overlap, in text order. `names` are
    the spans of entity names, which hold no trigger and which a trigger's object may stand
    after ("denied Acme's request"); `actors` those of names that are no place, which can be
    what is sold ("sold Globex", not "selling in France"); `dated` those of dates, which may
    stand inside a negation ("refused on 14 February 2024 to renew"), and `figured` those of
    figures; a trigger's object may stand after either ("upheld the 6.8 million crown fine",
    "refused on 24 May 2024 Acme's application")."""
    vocab = vocab or vocabulary()
    written = [t.text for t in spans]
    stems = list(map(raw_stem, written))
    hits: list[Hit] = []
    taken: set[int] = set()
    starts = [t.start for t in spans]
    in_dates = _starting_within(starts, dated)
    inside_names = _starting_within(starts, names)
    for index, first in enumerate(stems):
        if index in taken or index in inside_names:  # "Trade Authority" authorises nothing
            continue
        candidates = vocab.by_first_word.get(written[index], ()) + vocab.by_first_stem.get(first, ())
        if vocab.by_first_word.get(written[index]) and vocab.by_first_stem.get(first):
            # longest first, then one that needs an object ("paid … for 21 percent" before "paid")
            candidates = tuple(sorted(candidates, key=lambda p: (-len(p.stems), not p.trigger.objects)))
        chosen: tuple[Trigger, int, int | None] | None = None
        for phrase in candidates:
            trigger = phrase.trigger
            last = _match_rest(phrase.stems, written if trigger.as_written else stems, spans, index, vocab.fillers,
                               in_dates if trigger.kind == "negation" else ())  # "refused on 14 May to"
            if last is None or (in_compound(normalized, spans[index]) and not trigger.as_written):
                continue  # ("foreign-invested", "state-owned": part of an adjective)
            found = None
            if trigger.not_objects and _object_follows(trigger.not_objects, stems, spans, last, vocab, names, actors,
                                                       normalized, [*figured, *dated]) is not None:
                continue  # "closed its review of the acquisition"
            if trigger.objects:
                found = _object_follows(trigger.objects, stems, spans, last, vocab, names, actors, normalized,
                                        [*figured, *dated])
                if found is None and not _object_before_passive(trigger.objects, stems, spans, index, vocab, names):
                    continue
                if (found is not None and trigger.kind == "stage" and written[found] in vocab.report_nouns
                        and written[found + 1:found + 2] == ["that"]):
                    continue  # "denies Globex's claim that …": what is said, not a claim a court turns down
                if found is not None and _percent_of_a_change(written, found, normalized, spans, vocab):
                    continue  # "paying 3 percent less": a price, no stake
            if chosen is None:
                chosen = (trigger, last, found)
            elif found is not None and chosen[2] is not None and last == chosen[1] and found < chosen[2]:
                # the words' nearest object says which they are: "threw out Acme's challenge
                # to its penalty" rejects a challenge, it quashes no penalty
                chosen = (trigger, last, found)
        if chosen is not None:
            trigger, last, _ = chosen
            if trigger.kind == "stage" and not (trigger.noun or trigger.as_written) and (
                    _nominal(written[index], first, vocab) or _after_possessive(normalized, spans, index, vocab)):
                trigger = trigger._replace(noun=True)  # "the prohibition", "Acme's postponed listing"
            hits.append(Hit(spans[index].start, spans[last].end, index, last, trigger))
            taken.update(range(index, last + 1))
    if not normalized.isascii() or "'" in normalized:
        covered = [(h.start, h.end) for h in hits]
        for text, trigger in vocab.substrings:
            start = normalized.find(text)
            while start != -1:
                end = start + len(text)
                if not any(s < end and start < e for s, e in (*covered, *names)):
                    hits.append(Hit(start, end, -1, -1, trigger))
                    covered.append((start, end))
                start = normalized.find(text, end)
    hits.sort(key=lambda h: h.start)
    return hits


def _counterfactual(normalized: str, spans: Sequence[Token], stage_hit: Hit, vocab: Vocabulary) -> bool:
    """Whether the words before the stage say what would have been, not what was ("would not
    have cleared the merger without the sale of its port")."""
    before = [t.text for t in spans if t.start < stage_hit.start]
    # (the clause is written out only when a marker's last word is there: most have no "have")
    return (not _last_words(vocab.counterfactual_markers).isdisjoint(before)
            and _says_any(vocab.counterfactual_markers, f" {' '.join(before)} ", normalized))


@lru_cache(maxsize=4)
def _last_words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in phrases)


def _percent_of_a_change(written: list[str], found: int, normalized: str, spans: Sequence[Token],
                         vocab: Vocabulary) -> bool:
    """Whether the object found is a percentage before a comparative ("3 percent less", "5%
    higher"): how much a price moved, no share of anything."""
    percent = written[found] in (PERCENT, "cent") or normalized[spans[found].end:spans[found].end + 1] == "%"
    return percent and found + 1 < len(written) and written[found + 1] in vocab.comparatives


def _starting_within(starts: list[int], ranges: Sequence[tuple[int, int]]) -> set[int]:
    """The tokens (by their `starts`, in text order) that start inside one of the character
    ranges: two binary searches a range, where a test of every token against every range cost a
    statement's reading 3%."""
    return {i for start, end in ranges for i in range(bisect_left(starts, start), bisect_left(starts, end))}


def _after_possessive(normalized: str, spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """Whether a word stands right after a possessive ("Acme's postponed listing", "its planned
    sale"): an adjective there, not a clause's verb."""
    gap = normalized[spans[index - 1].end:spans[index].start] if index > 0 else ""
    return index > 0 and (spans[index - 1].text in vocab.possessives or (len(gap) > 1 and gap.isspace()))


def _received(normalized: str, before: Hit, hit: Hit, vocab: Vocabulary) -> bool:
    """Whether, in text written without spaces, a word of receiving ("获") stands between an
    earlier hit and a stage."""
    between = normalized[before.end:hit.start]
    return not between.isascii() and any(marker in between for marker in vocab.receiving_markers)


def _nominal(word: str, stem: str, vocab: Vocabulary) -> bool:
    """Whether a word is a noun made from a verb: its stem dropped a noun's ending
    ("prohibition" is "prohibit"; "seal" keeps its "al")."""
    return any(word.endswith(ending) and not stem.endswith(ending) for ending in vocab.noun_endings)


def _match_rest(wanted: tuple[str, ...], stems: Sequence[str], spans: Sequence[Token], index: int,
                fillers: frozenset[str], in_dates: Container[int] = ()) -> int | None:
    """The index of the phrase's last token when the phrase starts at `index`, else None (a
    date's words between its words are passed over, and up to `MAX_FILLERS` fillers)."""
    position = index
    for stem in wanted[1:]:
        skipped = 0
        position += 1
        while position < len(stems) and stems[position] != stem and (
                spans[position].text in fillers or position in in_dates):
            skipped += position not in in_dates
            position += 1
            if skipped > MAX_FILLERS:
                return None
        if position >= len(stems) or stems[position] != stem:
            return None
    return position


def _object_follows(objects: frozenset[str], stems: list[str], spans: Sequence[Token], last: int,
                    vocab: Vocabulary, names: Sequence[tuple[int, int]], actors: Sequence[tuple[int, int]],
                    normalized: str, figured: Sequence[tuple[int, int]] = ()) -> int | None:
    """Where one of the next `OBJECT_REACH` words (fillers, numbers, figures, dates and names
    skipped) is one of `objects`, before any clause boundary or another verb's auxiliary:
    "rejected the bid", "refused Acme's interim injunction", "sold its retail banking software
    arm", "upheld the Information Commission's 6.8 million crown data-protection fine"; not
    "denied reports that it signed a deal" (None when none is)."""
    words_seen = 0
    for position in range(last + 1, min(len(spans), last + 12)):
        token = spans[position]
        if token.text in vocab.means_prepositions:
            return None  # "sold through its own stores and Globex": the way it sells, nothing sold
        if any(start <= token.start < end for start, end in names):  # "Globex Holdings" is no holding
            if (ENTITY_OBJECT in objects and any(start <= token.start < end for start, end in actors)
                    and spans[position - 1].text not in vocab.place_prepositions):  # not "a shake-up at Acme"
                return position
            continue
        if token.text.endswith("ing") and position == last + 1 and token.text not in vocab.asset_nouns:
            return None  # "denied signing a deal", "denied planning to": a gerund (not "offloaded holding")
        if position + 1 < len(spans) and _after_possessive(normalized, spans, position + 1, vocab) and (
                token.text not in vocab.possessives):
            continue  # whose the object is: "sell her branch's 28 percent stake"
        if stems[position] in objects and token.text not in vocab.boundaries and token.text not in vocab.possessives:
            return position  # "offloaded a 19.9% holding", "restored it" (not "restored its reputation")
        if token.text in vocab.boundaries or token.text in vocab.report_nouns:
            # what is denied is what the clause after says (not "a mining licence"), and what a
            # report tells is the report's ("did not deny the report of a takeover")
            return None
        if token.text.isdigit():
            if normalized[token.end:token.end + 1] == "%" and PERCENT in objects:
                return position  # "bought 11.4% of Globex"
            continue
        if any(start <= token.start < end for start, end in figured):
            continue
        if token.text in vocab.auxiliaries and token.text.isascii():
            return None  # "denied it had signed a deal": an auxiliary starts another clause's verb
        if token.text in vocab.fillers:
            continue
        if stems[position] in objects:
            return position
        words_seen += 1
        if words_seen == OBJECT_REACH:
            return None
    return None


HEADLINE_PASSIVE_AFTER = frozenset({"by", "on", "in", "after", "over"})
"""Words that may follow a headline's participle whose "was" it drops ("licence refused by regulator")."""


def _object_before_passive(objects: frozenset[str], stems: list[str], spans: Sequence[Token], index: int,
                           vocab: Vocabulary, names: Sequence[tuple[int, int]]) -> bool:
    """Whether a trigger in the passive has one of `objects` in the subject before it, within
    `OBJECT_REACH` words (fillers and names apart): "Acme's bid for a licence was turned down",
    "the appeal was dismissed", "Acme's challenge to the Globex award was upheld"; a headline
    drops the "was" before a participle with its doer or nothing after it ("Acme licence renewal
    refused by regulator")."""
    headline = (_past_form(spans[index].text) and index > 0
                and (index + 1 == len(spans) or spans[index + 1].text in HEADLINE_PASSIVE_AFTER))
    if index > 1 and stems[index - 1] in objects and any(
            spans[before].text in vocab.undergoing_verbs for before in range(max(0, index - OBJECT_REACH - 1), index - 1)):
        return True  # "Acme got its fine cut", "had its licence revoked": what was done to what it had
    if index == 0 or (spans[index - 1].text not in vocab.passive_markers and not headline):
        return False
    words_seen = 0
    for position in range(index - 2, -1, -1):
        token = spans[position]
        if token.text in vocab.boundaries:
            return False
        if any(start <= token.start < end for start, end in names):
            continue  # "the State Investment Fund denied": no investment denied
        if stems[position] in objects:
            return True
        if token.text in vocab.fillers:
            continue
        words_seen += 1
        if words_seen == OBJECT_REACH:
            return False
    return False


def _finite(normalized: str, spans: Sequence[Token], index: int, entity_ends: Mapping[int, int],
            vocab: Vocabulary) -> bool:
    """Whether the verb at `index` is a clause's finite verb ("acquired", "buys", "Acme and
    Globex set up"), not an infinitive, a gerund or a noun ("to acquire", "the buyout")."""
    word = spans[index].text
    before = spans[index - 1].text if index else ""
    if word.endswith("ing") or before in vocab.not_finite_after:
        return False
    if word.endswith("ed") or (word.endswith("s") and not word.endswith("ss")):
        return True
    after = spans[index + 1].text if index + 1 < len(spans) else ""
    subject_end = spans[index - 2].end if before.endswith("ly") and index > 1 else spans[index - 1].end if index else -1
    if index == 0 or _after_possessive(normalized, spans, index, vocab):  # "Acme's bid", not "Acme bid"
        return False
    if subject_end not in entity_ends:
        return before in vocab.pronouns and after not in vocab.noun_prepositions
    start = entity_ends[subject_end]  # ("Acme and Globex jointly own")
    name = _token_starting(spans, start)
    return (after not in vocab.noun_prepositions  # "Commission fine on Acme" is a headline's noun
            # a name after an owner names what is owned: "Acme's Globex bid", "its Globex takeover"
            and not (name > 0 and _after_possessive(normalized, spans, name, vocab))
            and not _noun_after_one_name(normalized, spans, index, start, name, vocab))


def _after_modal(spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """Whether the word at `index` follows a modal or "do", a negation between apart: "will
    clear", "did not clear", "didn't clear"."""
    before = index - 1
    if before > 0 and spans[before].text in vocab.negating_adverbs:
        before -= 1
    return before >= 0 and spans[before].text in vocab.modal_verbs


def _noun_after_one_name(normalized: str, spans: Sequence[Token], index: int, start: int, name: int,
                         vocab: Vocabulary) -> bool:
    """Whether a bare word after one company's name (starting at `start`, its first token at
    `name`) is a noun: its verb in the present takes an -s ("Acme buys"), so "Acme buy rating"
    names a rating; a past is a verb ("Acme bought", "Acme cut its stake"), but a past the same
    as its bare form not with nothing after it ("Acme bid"). Names joined ("Acme and
    Globex merge", "Acme, Globex sign deal") are a plural subject, and after "let Acme" a bare
    verb is a verb."""
    word = spans[index].text
    forms = verb_forms()
    if word in forms.irregular_pasts or (word in forms.unchanged_pasts and index + 1 < len(spans)):
        return False
    joined = normalized[:start].rstrip().endswith(",") or (name > 0 and spans[name - 1].text in ("and", "&"))
    return not joined and not (name > 0 and spans[name - 1].text in vocab.causatives)


def _token_starting(spans: Sequence[Token], start: int) -> int:
    """The index of the token that starts at `start` (a name's first word), else 0."""
    found = bisect_left([t.start for t in spans], start)
    return found if found < len(spans) and spans[found].start == start else 0


def read_frame(normalized: str, spans: Sequence[Token], mentions: Sequence[Mention],
               vocab: Vocabulary | None = None, dated: Sequence[tuple[int, int]] = (),
               figured: Sequence[tuple[int, int]] = (), event_only: bool = False) -> Frame:
    """The frame of one clause. `spans` are its tokens, `mentions` its entities, `dated` and
    `figured` the spans of its dates and figures, all in `normalized`'s positions.
    `event_only`: a frame of its type and stage (and the stage's words) alone, the rest left unread (a statement's
    terms need no more of "claim. deal": `index.read_statement`)."""
    vocab = vocab or vocabulary()
    hits = find_triggers(normalized, spans, vocab, [(m.start, m.end) for m in mentions],
                         [(m.start, m.end) for m in mentions if not m.is_place], dated, figured)
    contradiction = next((t.start for t in spans if t.text in vocab.contradiction_markers), None)
    if contradiction is not None:  # "…, contradicting a report that it had raised its bid": not asserted
        hits = [h for h in hits if h.start < contradiction]
    entity_ends = {m.end: m.start for m in mentions}
    type_hit: Hit | None = None
    stage: str | None = None
    stage_hit: Hit | None = None
    noun_stage: Hit | None = None
    attitude: Hit | None = None
    falsehood: Hit | None = None
    speech: Hit | None = None
    rise = fall = 0
    moved = False  # a rise or fall told by a verb ("tolls rose"), not only named ("a toll rise")
    negation_hits: list[Hit] = []
    hedged = question = refers_back = False
    possible_at = -1  # the token of a modal before a verb ("may block"), if any
    requested: Hit | None = None
    predicate = False
    refinements: list[Trigger] = []
    lexical: list[int] = []
    for hit in hits:
        trigger = hit.trigger
        kind = trigger.kind
        if kind == "type":
            if type_hit is not None and in_background(normalized, spans, hit.first, vocab):
                continue  # "withdrew its offer after shareholders voted down its stake": still an offer
            if type_hit is None or _more_specific(trigger.value, type_hit.trigger.value, vocab):
                type_hit = hit
            hit_stage = trigger.stage
            if (hit_stage is None and trigger.finite_stage and hit.first >= 0
                    and _finite(normalized, spans, hit.first, entity_ends, vocab)):
                hit_stage = trigger.finite_stage
            elif hit_stage is None and hit.first < 0 and normalized.startswith(vocab.perfective_markers, hit.end):
                hit_stage = "completed"  # "出售了": sold, an aspect marker after a Chinese verb
            if hit_stage and stage is None:
                stage, stage_hit = hit_stage, hit
        elif kind == "stage":
            if trigger.finite_stage and not (hit.first >= 0 and (
                    _finite(normalized, spans, hit.first, entity_ends, vocab)
                    or (trigger.after_modal and _after_modal(spans, hit.first, vocab)))):
                continue  # "cleared", "did not clear", "will clear"; not "made it clear"
            if in_background(normalized, spans, hit.first, vocab) or _in_relative(normalized, spans, hit.first, vocab):
                continue  # "paid the fee after walking away": the walking away is not what it asserts
            if _adjective_before_stage(spans, hit, hits, vocab):
                continue  # "gave the planned venture a green light": the venture is approved
            future = hit.first > 0 and (_after_future(spans, hit.first, vocab) or _expected(spans, hit.first, vocab))
            if trigger.noun and not future:  # ("would appeal" is a verb)
                noun_stage = noun_stage or hit
            elif stage is None or (stage_hit is not None and (
                    _received(normalized, stage_hit, hit, vocab)
                    or (stage_hit.trigger.kind == "type" and stage_hit.first >= 0
                        and (_passive(spans, hit.first, vocab)
                             or (_finite(normalized, spans, hit.first, entity_ends, vocab)
                                 and _noun_is_subject(normalized, spans, stage_hit, hit, mentions, vocab)))
                        and not _finite(normalized, spans, stage_hit.first, entity_ends, vocab)))):
                # (a stage received is the clause's over the one of the words before it:
                # "成立合资公司获…批准" is the venture's approval; so is what was done to a deal
                # named by a noun that implies a stage, or what became of it: "Acme's bid was
                # rejected", "Acme's tender offer lapsed")
                stage, stage_hit = ("planned" if future else trigger.value), hit  # "will complete": not yet
            elif (future and requested is None and stage in vocab.unrealised and stage in vocab.third_party
                  and not any(stage_hit.end <= h.start < hit.start and h.trigger.kind == "type" for h in hits)):
                # "rejected Globex's request to block the deal": what was asked for (not "refused
                # its request for an injunction to halt the vote": the injunction was)
                requested = hit
        elif kind == "refinement":
            refinements.append(trigger)
        elif kind == "attitude":
            if hit.first > 0 and in_background(normalized, spans, hit.first, vocab):
                continue  # "despite Acme's denial, it did make an offer": the denial is not what it asserts
            attitude = attitude or hit
        elif kind == "false":
            if _says_false(spans, hit, vocab):
                falsehood = falsehood or hit
        elif kind == "speech":
            speech = speech or hit
        elif kind == "negation":
            if attitude is None or attitude.trigger.value != "denied":  # "denied …, saying there were no talks"
                negation_hits.append(hit)
        elif kind == "hedge":
            hedged = hedged or not _in_date(spans, hit)
            if possible_at < 0 and _possibility(spans, hit, vocab):
                possible_at = hit.first
        elif kind == "question":
            question = True
        elif kind in ("rise", "fall"):
            rise, fall = rise + (kind == "rise"), fall + (kind == "fall")
            moved = moved or not _direction_noun(spans, hit, vocab)
        elif kind == "predicate":
            if hit.first >= 0 and starts_compound(normalized, spans[hit.first]):
                continue  # "the spent-fuel store": a modifier
            predicate = True
            if hit.first >= 0 and spans[hit.first].text not in vocab.auxiliaries:
                lexical.append(hit.first)  # "began", "won": a verb of its own
    written = f" {' '.join(t.text for t in spans)} "
    refers_back = not event_only and _spaced(vocab.anaphors).search(written) is not None
    qualifier = _qualifier(spans, type_hit, hits, mentions, figured, vocab)
    reason = _reason(spans, type_hit, hits, mentions, vocab)
    planned = _planned(stage_hit, hits) if stage == "planned" else None
    if type_hit is not None and stage_hit is not None and _typed_in_background(normalized, spans, type_hit, stage_hit, vocab):
        type_hit = None  # "Globex did not block the vote after Acme's takeover": no takeover is blocked
    elif (type_hit is not None and stage_hit is None and type_hit.first > 0 and in_background(normalized, spans, type_hit.first, vocab)
          and any(_past_form(t.text) or _unchanged_past_after_name(spans, i, entity_ends)
                  for i, t in enumerate(spans[:type_hit.first]))):
        type_hit = None  # "Globex sacked its coach after Acme's takeover": the takeover is when, not what
    if stage is None and noun_stage is not None:
        stage, stage_hit = noun_stage.trigger.value, noun_stage
    for refinement in refinements:  # (words only_with_stage refine a stage named: "rejected Acme's undertakings" approves nothing)
        if (stage is None and not refinement.noun) or (stage is not None and refinement.refines in vocab.implied.get(stage, ())):
            if stage is None:
                stage_hit = None
            stage = refinement.value
            break
    if spans and spans[0].text in vocab.question_openers and not normalized.rstrip().endswith("."):
        question = True
    negation_hits = [h for h in negation_hits if not _negates_a_noun(h, hits, spans, vocab)]
    negations = sum(1 for h in negation_hits if _negates(h, attitude or stage_hit, spans, vocab, normalized))
    negates_another = (negations > 0 and stage_hit is None and type_hit is not None and attitude is None
                       and all(_negates_another_verb(h, type_hit, hits, spans, vocab) for h in negation_hits))
    negated = negations > 0  # two negations in one clause are two things denied, not a double negative
    if requested is not None:  # a request refused: what it asked for did not happen
        stage, stage_hit, negated = requested.trigger.value, requested, not negated
    stage_words = normalized[stage_hit.start:stage_hit.end] if stage_hit else ""
    if event_only:  # (nothing below changes the type or the stage)
        return Frame(type=type_hit.trigger.value if type_hit else None, stage=stage, stage_words=stage_words)
    holder: str | None = None
    attitude_name: str | None = None
    sources = tuple(dict.fromkeys(m.entity for m in mentions if not m.is_place and _a_source(normalized, m, vocab)))
    opening = _opening_phrase_end(normalized, spans, vocab)  # "To meet the Authority's condition, Acme sold …"
    actors = [m for m in mentions if not m.is_place and m.entity not in sources and m.start >= opening]
    if falsehood is not None and attitude is not None and falsehood.start < attitude.start:
        negated = not negated  # "it is false that Acme denied …"
        falsehood = None
    if attitude is not None:
        attitude_name = attitude.trigger.value
        holder = _nearest_before(actors, attitude.start)
        if (holder is not None and attitude.first > 0 and spans[attitude.first].text.endswith("ing")
                and normalized[:attitude.start].rstrip().endswith(",")):
            # "Acme said it had no talks with Globex, denying a report …": who denies is who
            # the sentence is about, not the last name before the comma
            holder = actors[0].entity
    elif falsehood is not None:
        if speech is not None and speech.start < falsehood.start and _nearest_before(actors, speech.start):
            attitude_name, holder = "denied", _nearest_before(actors, speech.start)
        else:
            negated = not negated  # "reports that X bought Y were false"
    elif speech is not None:
        speaker = _nearest_before(actors, speech.start)
        if speaker is not None and (stage_hit is None or speech.start < stage_hit.start):
            attitude_name, holder = "said", speaker
    roles: tuple[tuple[str, ...], ...] = ((), (), (), ())
    if type_hit is not None and type_hit.first >= 0:
        # (roles are read from English word order; a Chinese clause gets none)
        first_type = next((h for h in hits if h.trigger.kind == "type"  # the verb, not a noun at the end
                           and not vocab.types[h.trigger.value].get("generic")), type_hit)
        roles = _roles(normalized, first_type, hits, actors, spans, holder, vocab)
        if not vocab.types[type_hit.trigger.value].get("roles"):
            roles = ((), (), (), roles[3])  # an undirected event still has who decides it
    elif type_hit is None and stage_hit is not None and not stage_hit.trigger.noun and stage_hit.last >= 0:
        roles = ((), _acted_on(normalized, spans, stage_hit.last + 1, actors, vocab), (), ())
    named_or_figured = _starting_within([t.start for t in spans], [*((m.start, m.end) for m in mentions), *figured])
    verb_tokens = [i for i in _verb_forms(normalized, spans, entity_ends, vocab, {h.start for h in hits}, named_or_figured)
                  if contradiction is None or spans[i].start < contradiction]
    asserted_first = [i for i in verb_tokens if i < possible_at and _past_form(spans[i].text)
                      and _finite(normalized, spans, i, entity_ends, vocab)
                      and not _in_relative(normalized, spans, i, vocab)]
    if stage_hit is not None and not stage_hit.trigger.noun and 0 <= stage_hit.first < possible_at:
        asserted_first.append(stage_hit.first)
    # a modal after what the clause asserts is the background's: "ordered a recall over a risk
    # that the cells could catch fire" (the recall was ordered)
    # a stage that is one of several joined by "or" is one outcome of a choice, not what
    # happened ("to decide whether to clear it, clear it with conditions or block it")
    alternative = (stage_hit is not None and stage_hit.first > 0 and spans[stage_hit.first - 1].text == "or"
                   and any(h.trigger.kind == "stage" and h.end <= stage_hit.start for h in hits))
    possible = ((possible_at >= 0 and not asserted_first) or alternative
                or (stage_hit is not None and _counterfactual(normalized, spans, stage_hit, vocab)))
    has_predicate = ((stage_hit is not None and not stage_hit.trigger.noun
                      and not (stage_hit.trigger.kind == "stage" and _stage_noun(normalized, spans, stage_hit, entity_ends, vocab))
                      and (
                          stage_hit.trigger.kind != "type" or _verb_of_its_own(normalized, spans, stage_hit, entity_ends, vocab)))
                     or (attitude_name is not None and not (attitude is not None and attitude.trigger.noun))
                     or predicate
                     or negations > 0 or moved or falsehood is not None or bool(verb_tokens)
                     or any(h.first == -1 and (h.trigger.kind == "stage" or _has_object(normalized, h))
                            for h in hits))
    # (the words of a trigger of several that is no predicate are its noun's: "joint venture")
    compounds = {i for h in hits if 0 <= h.first < h.last for i in range(h.first, h.last + 1)}
    asserts = has_predicate or (_plain_words(normalized, spans, named_or_figured) >= SENTENCE_WORDS
                                and _a_verb_could_be_among(normalized, spans, named_or_figured | compounds, vocab))
    named_heads = [h.start for h in hits if h.trigger.kind in _PREDICATE_KINDS
                   and (h.trigger.kind != "type" or h.trigger.finite_stage or h.trigger.stage)]
    heads = sorted(set(named_heads) | {spans[i].start for i in verb_tokens})
    predicate_at = min(named_heads, default=-1)
    affiliated = _affiliated(normalized, spans, actors, vocab)
    named_first = [m for m in actors if (predicate_at < 0 or m.end <= predicate_at) and not owns(normalized, m.end)]
    # a name before "subsidiary" ("the Acme Cargo subsidiary") is the subject when no one else is
    # named, one before "-affiliated" never ("a Globex-affiliated company": an unnamed one)
    subject = next((m.entity for m in named_first if m.entity not in affiliated),
                   next((m.entity for m in named_first if normalized[m.end:m.end + 1] != "-"), None))
    if subject is not None and subject == holder and (attitude or speech) is not None:
        subject = _reported_subject(normalized, spans, actors, (attitude or speech).end, stage_hit, vocab) or subject
    if subject is None and type_hit is not None:  # "Acme's IPO was priced": whose the event is
        subject = next((m.entity for m in actors if m.entity not in affiliated and owns(normalized, m.end)
                        and _modifiers_only(normalized[m.end:type_hit.start], actors, m.end, type_hit.start)), None)
        if subject is None and type_hit.first >= 0 and not vocab.types[type_hit.trigger.value].get("roles"):
            subject = _event_owner_after(normalized, type_hit, actors, vocab)  # "the IPO of Acme was postponed"
    unknown = [i for i in verb_tokens if _finite(normalized, spans, i, entity_ends, vocab)
               and not any(h.start <= spans[i].start < h.end for h in hits)] + lexical  # "confirmed" says who
    verbs = tuple(dict.fromkeys(_phrasal(spans, i, vocab) for i in sorted(unknown)))
    verb_objects = _verb_objects(spans, sorted(unknown), actors, vocab, subject)
    tense = 0
    asserted = stage_hit.start if stage_hit is not None and not stage_hit.trigger.noun and stage != "planned" else -1
    future = min((written.find(f" {marker} ") for marker in vocab.future_markers if f" {marker} " in written), default=-1)
    future_at = spans[written.count(" ", 0, future + 1) - 1].start if future >= 0 else -1  # its first token's
    if future_at >= 0 and (asserted < 0 or future_at < asserted):
        tense = -1  # not "blocked the sale, finding it would have lifted its share": that block happened
    elif ((stage is None and any(not spans[i].text.endswith("s") for i in unknown))  # "has opened", "began"
          or (stage != "planned" and _says_any(vocab.done_markers, written, normalized))):  # "already manages"
        tense = 1
    return Frame(
        type=type_hit.trigger.value if type_hit else None, stage=stage, negated=negated,
        attitude=attitude_name, holder=holder, agents=roles[0], patients=roles[1], counterparts=roles[2],
        deciders=roles[3],
        hedged=hedged,
        question=question, possible=possible, asserts=asserts, has_predicate=has_predicate, direction=(rise > 0) - (fall > 0),
        stage_words=stage_words,
        subject=subject, refers_back=refers_back, predicate_starts=tuple(heads), predicate_at=predicate_at,
        tense=tense, verbs=verbs, affiliated=affiliated, verb_objects=verb_objects, planned=planned, qualifier=qualifier, reason=reason, sources=sources,
        persists=_says_any(vocab.persistence_markers, written, normalized), negates_another=negates_another,
        doer=_doer(normalized, spans, stage_hit, actors, vocab) if stage in vocab.one_sided else None,
    )


def _doer(normalized: str, spans: Sequence[Token], stage_hit: Hit | None, actors: Sequence[Mention],
          vocab: Vocabulary) -> str | None:
    """The party named right before a stage's verb, with only auxiliaries and adverbs between
    ("Globex has terminated", "Globex abruptly ended"): the verb's subject (not a passive's:
    "Globex's agreement was terminated", nor a preposition's: "Acme's offer for Globex lapsed")."""
    if stage_hit is None or stage_hit.trigger.noun or stage_hit.first < 0:
        return None
    before = next((m for m in reversed(actors) if m.end <= stage_hit.start), None)
    if before is None or normalized[:before.start].rstrip().endswith(tuple(f" {p}" for p in vocab.name_prepositions)):
        return None
    between = [t.text for t in spans if before.end <= t.start < stage_hit.start]
    return before.entity if all((w in vocab.auxiliaries and w not in vocab.passive_markers) or w.endswith("ly")
                                for w in between) else None


def text_says_any(markers: Sequence[str], text: str) -> bool:
    """Whether a text has one of the markers (`_says_any`), for a reader of clauses that has not
    written it out."""
    normalized = normalize(text)
    return _says_any(markers, f" {' '.join(words(normalized))} ", normalized)


def _says_any(markers: Sequence[str], written: str, normalized: str) -> bool:
    """Whether the clause has one of the markers: an English one as words, a Chinese one anywhere."""
    return any(f" {marker} " in written if marker.isascii() else marker in normalized for marker in markers)


@lru_cache(maxsize=4)
def _spaced(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any phrase with a space either side, to look for as words in a clause's `written` form:
    compiled once, and one scan of a clause instead of one a phrase (half the time)."""
    return re.compile(" (?:" + "|".join(map(re.escape, phrases)) + ") " if phrases else "(?!)")  # (none: never)


def _qualifier(spans: Sequence[Token], type_hit: Hit | None, hits: Sequence[Hit], mentions: Sequence[Mention],
               figured: Sequence[tuple[int, int]], vocab: Vocabulary) -> str | None:
    """The plain word before a generic deal word that says what kind it is ("a supply deal"; not
    a figure's, "a 30 million dollars contract")."""
    if type_hit is None or type_hit.first <= 0 or not vocab.types[type_hit.trigger.value].get("qualified"):
        return None
    before = spans[type_hit.first - 1]
    if (before.text.isalpha() and before.text not in vocab.fillers and before.text not in vocab.generic_modifiers
            and not any(m.start <= before.start < m.end for m in mentions)
            and not any(h.start <= before.start < h.end for h in hits)
            and not any(start <= before.start < end for start, end in figured)):
        return before.text
    return None


REASON_WORD_LENGTH = 4
"""The shortest word of a reason that says something ("for", "its", "all" do not)."""


def _reason(spans: Sequence[Token], type_hit: Hit | None, hits: Sequence[Hit], mentions: Sequence[Mention],
            vocab: Vocabulary) -> tuple[str, ...]:
    """The plain words after the first reason marker after the event's word, or after what is
    traded and "of" ("banned exports of mackerel"), up to a background word (see `Frame.reason`)."""
    if type_hit is None or not vocab.types[type_hit.trigger.value].get("reasoned") or type_hit.last < 0:
        return ()
    start = next((i for i in range(type_hit.last + 1, len(spans)) if spans[i].text in vocab.reason_markers
                  or (spans[i].text == "of" and spans[i - 1].text in vocab.traded_nouns)), None)
    if start is None:
        return ()
    found: list[str] = []
    for token in spans[start + 1:]:
        if token.text in vocab.background or token.text in vocab.boundaries:
            break
        if (token.text.isalpha() and len(token.text) >= REASON_WORD_LENGTH and token.text not in vocab.fillers
                and not any(m.start <= token.start < m.end for m in mentions)
                and not any(h.start <= token.start < h.end for h in hits)):
            found.append(token.text)
    return tuple(dict.fromkeys(found))


def _planned(stage_hit: Hit | None, hits: Sequence[Hit]) -> str | None:
    """The stage a plan is a plan of: what its own words say ("will complete"), or a stage
    named right after them ("is weighing a bid": offered), else what its words expect ("is
    expected to close": completed; "plans to sell" leaves it open)."""
    if stage_hit is None:
        return None
    if stage_hit.trigger.kind == "stage" and stage_hit.trigger.value != "planned":  # "will complete"
        return stage_hit.trigger.value
    return next((h.trigger.stage or h.trigger.value for h in hits
                 if 0 <= stage_hit.last < h.first <= stage_hit.last + PLANNED_WITHIN and (
                     h.trigger.kind == "stage" and not h.trigger.finite_stage
                     or h.trigger.kind == "type" and h.trigger.stage)), None) or stage_hit.trigger.stage


def _typed_in_background(normalized: str, spans: Sequence[Token], type_hit: Hit, stage_hit: Hit, vocab: Vocabulary) -> bool:
    """Whether the event word comes after the stage, in a background phrase the stage is not in
    ("did not halt production after the ban")."""
    return (stage_hit.end <= type_hit.start and type_hit.first >= 0 and stage_hit.last >= 0
            and in_background(normalized, spans[stage_hit.last + 1:], type_hit.first - stage_hit.last - 1, vocab)
            and not in_background(normalized, spans, stage_hit.first, vocab))


def _verb_objects(spans: Sequence[Token], verbs: Sequence[int], actors: Sequence[Mention],
                  vocab: Vocabulary, subject: str | None = None) -> tuple[tuple[str, str], ...]:
    """The entity each verb the vocabulary does not know is done to, named right after it
    (fillers skipped) or, for a passive with no "by", its subject ("Acme was ordered to pay"),
    or done by, after a "by" ("controlled by their subsidiaries Acme Capital and …": the verb's
    stem then ends in " by")."""
    found = []
    for index in verbs:
        position = _past_fillers(spans, index + 1, vocab.fillers)
        verb = raw_stem(spans[index].text)
        if position < len(spans) and spans[position].text == "by":
            position = _past_fillers(spans, position + 1, vocab.fillers | vocab.affiliation_nouns)
            verb += " by"
        mention = _mention_at(spans, position, actors)
        if mention is not None:
            found.append((verb, mention.entity))
        elif subject is not None and not verb.endswith(" by") and _passive(spans, index, vocab):
            found.append((verb, subject))
    return tuple(dict.fromkeys(found))


def _acted_on(normalized: str, spans: Sequence[Token], position: int, actors: Sequence[Mention],
              vocab: Vocabulary) -> tuple[str, ...]:
    """Whom a stage verb with no event is done to, named right after it ("barred Globex from
    selling"), unless the name owns what follows ("refused Globex's request": its request)."""
    mention = _mention_at(spans, _past_fillers(spans, position, vocab.fillers), actors)
    return (mention.entity,) if mention is not None and not owns(normalized, mention.end) else ()


OWNED_MODIFIERS = 2
"""Words that may stand between an owner and its event's word: "Acme's online-betting licence"."""


def _reported_subject(normalized: str, spans: Sequence[Token], actors: Sequence[Mention], said_end: int,
                      stage_hit: Hit | None, vocab: Vocabulary) -> str | None:
    """Whose the event is in what a speaker said: "Acme said that the listing of Globex had been
    postponed" is Globex's listing, not Acme's (but "Acme said it …" is Acme's): the first name
    after the verb of saying and before the event's stage, with no pronoun before it."""
    end = stage_hit.start if stage_hit is not None and stage_hit.start > said_end else len(normalized)
    for token in spans:
        if token.start < said_end:
            continue
        if token.start >= end or token.text in vocab.pronouns:
            return None
        mention = next((m for m in actors if m.start == token.start), None)
        if mention is not None:
            return None if owns(normalized, mention.end) else mention.entity
    return None


def _event_owner_after(normalized: str, type_hit: Hit, actors: Sequence[Mention], vocab: Vocabulary) -> str | None:
    """The name right after an event's noun and "of": "the listing of Acme", "the licence of the
    Acme Bank" (an event with no roles belongs to it)."""
    mention = next((m for m in actors if m.start > type_hit.end), None)
    if mention is None:
        return None
    between = normalized[type_hit.end:mention.start].split()
    return mention.entity if between[:1] == ["of"] and all(w in vocab.articles for w in between[1:]) else None


def _modifiers_only(between: str, actors: Sequence[Mention], start: int, end: int) -> bool:
    """Whether what stands between an owner and the event's word is only a few words that say
    what kind it is, no one else's name: "Acme's online-betting licence", not "Acme's unit
    Globex's licence"."""
    return start < end and len(between.split()) <= OWNED_MODIFIERS and not any(start < m.start < end for m in actors)


def _mention_at(spans: Sequence[Token], position: int, actors: Sequence[Mention]) -> Mention | None:
    """The actor whose name starts at token `position`, if any."""
    return next((m for m in actors if m.start == spans[position].start), None) if position < len(spans) else None


def _past_fillers(spans: Sequence[Token], position: int, fillers: frozenset[str]) -> int:
    while position < len(spans) and spans[position].text in fillers:
        position += 1
    return position


def _verb_of_its_own(normalized: str, spans: Sequence[Token], hit: Hit, entity_ends: Mapping[int, int],
                     vocab: Vocabulary) -> bool:
    """Whether an event word that carries its stage is a verb ("Acme bids for Globex",
    "Globex, which Acme bought"), not a noun ("Acme's offer for Globex", "a EUR 4-a-share bid")."""
    if hit.first < 0:
        return True  # written without spaces (Chinese): the reader cannot tell, so it asserts
    before = spans[hit.first - 1] if hit.first else None
    if before is not None and before.end in entity_ends and owns(normalized, before.end):
        return False  # after a possessive
    return _finite(normalized, spans, hit.first, entity_ends, vocab)


def _says_false(spans: Sequence[Token], hit: Hit, vocab: Vocabulary) -> bool:
    """Whether a false marker calls something false: after "was", "as" ("were false", "branded
    as untrue") or before a report ("baseless rumours"), not describing a thing ("supplying
    incorrect information": what was fined is true)."""
    if hit.first < 0:
        return True  # written without spaces (Chinese): as it stands
    before = {t.text for t in spans[max(0, hit.first - 2):hit.first]}
    after = spans[hit.last + 1].text if hit.last + 1 < len(spans) else ""
    return bool(before & (vocab.passive_markers | {"as"})) or after in vocab.report_nouns or not after


def _possibility(spans: Sequence[Token], hit: Hit, vocab: Vocabulary) -> bool:
    """Whether a hedge is a modal before a verb ("may block", "might be expanding"), not before
    a perfect ("may have sold") nor a month ("May of 2017")."""
    if hit.first < 0 or spans[hit.first].text not in vocab.possibility_markers or hit.last + 1 >= len(spans):
        return False
    following = spans[hit.last + 1].text
    return following != "have" and following not in vocab.fillers and not following.isdigit()


def _in_date(spans: Sequence[Token], hit: Hit) -> bool:
    """Whether a word is a month's name next to a number ("22 May", "May 2018"): no hedge."""
    return hit.first >= 0 and any(0 <= i < len(spans) and spans[i].text.isdigit() for i in (hit.first - 1, hit.last + 1))


def _has_object(normalized: str, hit: Hit) -> bool:
    """Whether a type word written without spaces (Chinese) has something after it that it acts
    on ("艾克米收购Globex"), not at most one character that makes it a noun ("艾克米收购案": the
    Acme acquisition case)."""
    return hit.trigger.kind == "type" and len(normalized[hit.end:].strip(" .。!！")) > 1


def _affiliated(normalized: str, spans: Sequence[Token], actors: Sequence[Mention], vocab: Vocabulary) -> tuple[str, ...]:
    """Actors named as someone's relative: followed by "affiliated", "-backed", "unit", or
    by a possessive and such a noun ("Acme's local subsidiary") …"""
    following = {t.start: t.text for t in spans}
    return tuple(dict.fromkeys(m.entity for m in actors if (
        _after_affiliation_of(spans, m, vocab) or
        normalized[m.end:m.end + 1] == "-" and following.get(m.end + 1) in vocab.affiliated_by_hyphen
        or normalized[m.end:m.end + 1] == " " and following.get(m.end + 1) in vocab.affiliation_nouns
        or owns(normalized, m.end) and not vocab.affiliation_nouns.isdisjoint(
            t.text for t in spans[_first_after(spans, m.end):][:3]))))


def _after_affiliation_of(spans: Sequence[Token], mention: Mention, vocab: Vocabulary) -> bool:
    """Whether a name follows "a subsidiary of", "part of" …: it says whose the name before is
    ("Acme Cargo, a subsidiary of Acme")."""
    of = _first_after(spans, mention.start) - 1
    return (of > 0 and spans[of].text == "of" and spans[of].end + 1 == mention.start
            and (spans[of - 1].text in vocab.affiliation_nouns or spans[of - 1].text == "part"))


def _first_after(spans: Sequence[Token], position: int) -> int:
    return bisect_left(spans, position, key=lambda t: t.start)


def _after_future(spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """Whether a stage word follows "will" or "would", a filler or "be" between ("will
    complete", "would be approved")."""
    for position in range(index - 1, max(-1, index - 3), -1):
        word = spans[position].text
        if word in vocab.future_markers:
            return True
        if word not in vocab.fillers and word not in ("be", "not", "soon", "only", "also"):
            return False
    return False


def _expected(spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """Whether a stage word is what someone expects, hopes or asks will happen ("expects the sale
    to complete in April", "asked that the regulator block it"): an infinitive after such a verb
    earlier in the clause, or a verb after "that" right after one."""
    if spans[index - 1].text == "to":
        return any(raw_stem(t.text) in vocab.expecting for t in spans[:index - 1])
    # or a subjunctive after "that" ("a request that it prohibit the merger")
    that = next((i for i in range(index - 1, max(0, index - 5), -1) if spans[i].text == "that"), None)
    return that is not None and that > 0 and raw_stem(spans[that - 1].text) in vocab.expecting


def _passive(spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """"Acme was cleared to buy": the cleared one is Acme, who acts in the purchase."""
    return index > 0 and spans[index - 1].text in vocab.passive_markers


def _a_verb_could_be_among(normalized: str, spans: Sequence[Token], named_or_figured: set[int],
                           vocab: Vocabulary) -> bool:
    """Whether a plain word has a verb's form, or is a slip of one ("lets", "vote", "estimated",
    "took", "signd"), where a verb could stand: a sentence of plain words without one is a noun
    phrase ("the Ministry's conditional approval of the merger"), whatever its length, and so is
    one whose bare verb-like words are owners or follow a determiner ("the state bank's EUR 600
    million loan to Acme", "clearance of the Acme deal"; but "the Acme fund bought")."""
    forms = verb_forms()
    return any(i not in named_or_figured and t.text.isalpha() and t.text not in vocab.fillers
               and not in_compound(normalized, t)  # "value-added" is no verb
               and _could_be_verb(normalized, spans, i, named_or_figured, forms, vocab)
               for i, t in enumerate(spans))


def _could_be_verb(normalized: str, spans: Sequence[Token], index: int, named_or_figured: set[int],
                   forms: VerbForms, vocab: Vocabulary) -> bool:
    """Whether the plain word at `index` has a verb's form where a verb could stand, or is a slip
    of a known verb's form (a word's own form is never a slip: "state" is no "stated")."""
    token = spans[index]
    if not _verb_form(token.text, forms):
        return len(token.text) >= SLIP_LENGTH and any(
            _known_verb_form(slip, forms) for slip in letter_added_or_swapped(token.text))
    return not (_bare_form(token.text, forms) and (
        owns(normalized, token.end) or _after_determiner(normalized, spans, index, named_or_figured, vocab)))


def _after_determiner(normalized: str, spans: Sequence[Token], index: int, named_or_figured: set[int],
                      vocab: Vocabulary) -> bool:
    """Whether the word at `index` follows an article, a possessive or an owner, names and
    figures between apart ("the Acme deal", "Acme's EUR 600 million loan"): a noun's place."""
    before = index - 1
    while before >= 0 and before in named_or_figured:
        if owns(normalized, spans[before].end):
            return True  # "Acme's value-added application"
        before -= 1
    if before < 0:
        return False
    word = spans[before].text
    return word in vocab.articles or word in vocab.possessives or owns(normalized, spans[before].end)


SLIP_LENGTH = 5
"""The shortest word read as a verb's slip ("signd", "bougth"): shorter ones are near too many."""


def _inflected(word: str, forms: VerbForms) -> bool:
    """A verb's past or third person ("signed", "took", "buys"): no form a noun shares."""
    return (word.endswith("ed") or word in forms.third_person or word in forms.irregular_pasts
            or word in forms.unchanged_pasts)


def _bare_form(word: str, forms: VerbForms) -> bool:
    """A verb's bare form, no past and no third person ("deal", "loan"): the form a noun shares."""
    return not _inflected(word, forms)


def _verb_form(word: str, forms: VerbForms) -> bool:
    return _inflected(word, forms) or f"{word}s" in forms.third_person or f"{word}es" in forms.third_person


def _known_verb_form(word: str, forms: VerbForms) -> bool:
    """A verb's form whose verb the verb table knows: "signed" (signs), not "clearanced", which a
    slip of "clearance" would be if every word ending in -ed were a verb."""
    if word.endswith("ed"):
        return f"{word[:-1]}s" in forms.third_person or f"{word[:-2]}s" in forms.third_person
    return _verb_form(word, forms)


def _plain_words(normalized: str, spans: Sequence[Token], named_or_figured: set[int]) -> int:
    """Words that are neither names nor figures (`named_or_figured`, by token): "Acme Corp, EUR
    36.75 million per share" has two; a hyphenated word is one ("value-added")."""
    return sum(1 for i, t in enumerate(spans)
               if t.text.isalpha() and i not in named_or_figured and not in_compound(normalized, t))


PERCENT = "percent"
"""An object word that a "%" after a number stands for."""
OBJECT_REACH = 4
"""Words (fillers, numbers and names apart) within which a trigger's object must come."""
NEGATION_REACH = 4
"""Words after a negation within which the stage it negates must come: "did not approve",
"has not yet been completed"; not "did not rule on the merits of the prohibition"."""


NOUN_NEGATION_REACH = 3
"""Words after a "no" within which an event's word must come for it to negate the event: "no
formal agreement" does, "no significant impact on the venture" does not."""


def _negates_a_noun(negation: Hit, hits: Sequence[Hit], spans: Sequence[Token], vocab: Vocabulary) -> bool:
    """Whether a determiner's negation ("no") negates a noun that is no event: "has no significant
    impact on the venture" and "raises no competition concerns" say nothing of whether the event
    happened ("no deal", "no plans to sell", "no decision on the merger" do)."""
    written = " ".join(t.text for t in spans[negation.first:negation.last + 1]) if negation.first >= 0 else ""
    if written not in vocab.object_negations:
        return False  # ("not have" is one too: "would not have a significant impact")
    # (auxiliaries apart: "no settlement had been agreed" negates the agreement)
    reach = list(islice((i for i in range(negation.last + 1, len(spans)) if spans[i].text not in vocab.auxiliaries),
                        NOUN_NEGATION_REACH))
    return not (any(h.first in reach for h in hits if h.trigger.kind in ("type", "stage"))
                or any(spans[i].text in vocab.deciding_nouns for i in reach)
                # the object of the event's own verb: "acquired no shares", "paid no fine"
                or any(h.last == negation.first - 1 and not h.trigger.noun for h in hits
                       if h.trigger.kind in ("type", "stage") and h.first >= 0))


def _negates_another_verb(negation: Hit, type_hit: Hit, hits: Sequence[Hit], spans: Sequence[Token],
                          vocab: Vocabulary) -> bool:
    """Whether a negation after the event's word, in a clause that names no stage, is of a verb
    the vocabulary does not know: "the investment does not require clearance", "the deal will not
    affect jobs" say nothing of whether the event happened ("the deal did not go ahead" names a
    stage)."""
    if negation.first < 0 or type_hit.last < 0 or negation.first <= type_hit.last:
        return False
    after = next((i for i in range(negation.last + 1, len(spans))
                  if spans[i].text not in vocab.fillers and spans[i].text not in vocab.auxiliaries), None)
    return after is not None and spans[after].text.isalpha() and not any(h.first <= after <= h.last for h in hits)


def _negates(negation: Hit, target: Hit | None, spans: Sequence[Token], vocab: Vocabulary, normalized: str) -> bool:
    """Whether a negation is the target's (the attitude, else the stage): with neither, it
    negates the clause. Filler words between do not count ("was not among the firms approved");
    a determiner of the verb's object negates it too ("imposed no fine"); a comma ends its reach
    ("had no talks with Globex, denying a report …" denies the report)."""
    if target is None or negation.last < 0 or target.first < 0:
        return True
    if negation.first == target.last + 1 and spans[negation.first].text in vocab.object_negations:
        return True
    if target.first > negation.last and "," in normalized[spans[negation.last].end:spans[target.first].start]:
        return False
    between = [t for t in spans[negation.last + 1:target.first] if t.text not in vocab.fillers]
    # a negated verb whose object is the event negates it however far the event's word: "never
    # referred the Acme-Globex deal for an in-depth probe"
    return target.first > negation.last and (len(between) < NEGATION_REACH or _past_form(between[0].text))


BACKGROUND_REACH = 4
"""Words (fillers apart) before an event word within which a background marker makes it background."""


def _opening_phrase_end(normalized: str, spans: Sequence[Token], vocab: Vocabulary) -> int:
    """Where a clause's opening purpose or background phrase ends ("To meet the Authority's
    condition, …", "After the Authority's approval, …"): who it names takes no part in what the
    clause asserts. 0 when it has none."""
    if not spans or not (spans[0].text == "to" or spans[0].text in vocab.background):
        return 0
    comma = normalized.find(",")
    return comma + 1 if comma > 0 else 0


SOURCE_REACH = 30
"""Characters either side of a name within which "according to the" or a report noun is
looked for: the clause is not split into words for every name."""


def _a_source(normalized: str, mention: Mention, vocab: Vocabulary) -> bool:
    """Whether a name is who reported the clause, not one who acts in it: "according to the
    Gazette", "a Gazette report that …", "…, the Gazette says."."""
    before = normalized[max(0, mention.start - SOURCE_REACH):mention.start].split()[-3:]
    after = normalized[mention.end:mention.end + SOURCE_REACH].split()[:1]
    return (before[-2:] == ["according", "to"] or (before[-3:-1] == ["according", "to"] and before[-1] in vocab.fillers)
            or bool(after) and after[0] in vocab.report_nouns
            or _AFTER_COMMA.search(normalized, 0, mention.start) is not None
            and normalized[mention.end:].strip(_CLOSING) in vocab.reporting_verbs)


_AFTER_COMMA = re.compile(r",\s*(?:the\s+)?$")
_CLOSING = " .!\"'\u201d\u2019"
"""What may follow the last word of a sentence."""


def _by_doing(spans: Sequence[Token], index: int, actors: Sequence[Mention]) -> bool:
    """Whether the "by" at `index` says how, not by whom: "by recommending Acme's offer"."""
    if index + 1 >= len(spans):
        return False
    following = spans[index + 1]
    return following.text.endswith("ing") and not any(m.start == following.start for m in actors)


def _in_relative(normalized: str, spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """Whether the event word at `index` is in a relative clause opened after a comma: what
    the clause says of someone it names ("Jane Roe, who founded Acme, may be …")."""
    for back in range(index - 1, max(0, index - BACKGROUND_REACH - 1), -1):
        if "," in normalized[spans[back].end:spans[back + 1].start]:
            return False
        if spans[back].text in vocab.relatives:
            return normalized[spans[back - 1].end:spans[back].start].strip() == ","
    return False


def in_background(normalized: str, spans: Sequence[Token], index: int, vocab: Vocabulary) -> bool:
    """Whether the event word at `index` follows "after", "amid", "news" …: what the clause
    mentions, not what it asserts ("shares rose on the news of their joint venture approval");
    a comma ends the background ("despite Acme's denial, it agreed to buy Globex")."""
    if index + 1 < len(spans) and spans[index + 1].text in vocab.background_after:
        return True
    seen = 0
    after = spans[index].start if index < len(spans) else len(normalized)
    for position in range(min(index, len(spans)) - 1, -1, -1):
        token = spans[position]
        if "," in normalized[token.end:after]:
            return False
        after = token.start
        if token.text in vocab.background:
            # (not an adverb after an auxiliary: "it has since paid the fine")
            return not (position and spans[position - 1].text in vocab.auxiliaries)
        if token.text not in vocab.fillers:
            seen += 1
            if seen == BACKGROUND_REACH:
                return False
    return False


def _noun_is_subject(normalized: str, spans: Sequence[Token], noun: Hit, verb: Hit, mentions: Sequence[Mention],
                     vocab: Vocabulary) -> bool:
    """Whether an event's noun is the subject of a later verb: only names, dates and small words
    between ("Acme's tender offer for Globex lapsed on 22 March"), not a comma or another noun
    ("no intention of making an offer for Globex, a statement that barred it")."""
    if "," in normalized[noun.end:verb.start]:
        return False
    return all(t.text in vocab.fillers or t.text in vocab.name_prepositions or t.text in vocab.auxiliaries
               or any(m.start <= t.start < m.end for m in mentions)
               for t in spans if noun.end <= t.start < verb.start)


def _stage_noun(normalized: str, spans: Sequence[Token], hit: Hit, entity_ends: Mapping[int, int],
                vocab: Vocabulary) -> bool:
    """Whether a stage's one bare word with no object names the stage after a singular subject
    that would make it a verb with an -s: "committee veto", "Screening Committee veto on the
    deal" (not "regulators veto", "Acme and Globex sign", nor a slip with its object: "MIIT
    approve Acme licence")."""
    if hit.first <= 0 or hit.last != hit.first or (
            hit.first + 1 < len(spans) and spans[hit.first + 1].text not in vocab.name_prepositions):
        return False
    before_end = spans[hit.first - 1].end
    if before_end in entity_ends:
        start = entity_ends[before_end]
        return (_bare_form(spans[hit.first].text, verb_forms())
                and _noun_after_one_name(normalized, spans, hit.first, start, _token_starting(spans, start), vocab))
    return _direction_noun(spans, hit, vocab)


def _direction_noun(spans: Sequence[Token], hit: Hit, vocab: Vocabulary) -> bool:
    """Whether a word of rise or fall, or a stage's, names one after a singular noun ("Arvane
    toll increase", "its toll rise", "screening committee veto"), where a verb would take an -s
    ("tolls rise", "the toll rises", "the committee vetoes")."""
    if hit.first <= 0 or hit.last != hit.first:
        return False
    word, before = spans[hit.first].text, spans[hit.first - 1].text
    return (before.isalpha() and not before.endswith("s") and before not in vocab.auxiliaries
            and before not in vocab.not_finite_after and before not in vocab.pronouns and before not in ("and", "or")
            and not word.endswith(("s", "ed")) and word not in verb_forms().irregular_pasts)


def _adjective_before_stage(spans: Sequence[Token], hit: Hit, hits: Sequence[Hit], vocab: Vocabulary) -> bool:
    """Whether a stage's participle right after an article ("the planned venture") describes a
    noun in a clause that names its own stage otherwise ("gave … a green light")."""
    return (hit.first > 0 and spans[hit.first].text.endswith("ed") and spans[hit.first - 1].text in vocab.articles
            and any(h is not hit and h.trigger.kind == "stage" for h in hits))


def _more_specific(candidate: str, current: str, vocab: Vocabulary) -> bool:
    """A type that is not generic beats a generic one ("agreement to buy" is an acquisition),
    and one that wins over another beats it ("bought a stake" is an investment)."""
    types = vocab.types
    if current in types[candidate].get("wins_over", ()):
        return True
    return types[current].get("generic", False) and not types[candidate].get("generic", False)


def _nearest_before(actors: Sequence[Mention], position: int) -> str | None:
    before = [m for m in actors if m.end <= position]
    return before[-1].entity if before else None


def _roles(normalized: str, type_hit: Hit, hits: Sequence[Hit], actors: Sequence[Mention],
           spans: Sequence[Token], holder: str | None,
           vocab: Vocabulary) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Who acts, who is acted on, who is on the other side in a directed event, and who decides it.

    The actors before its word act, those after are acted on; "by" turns that round ("Globex
    was bought by Acme", "the purchase of Globex by Acme"); after the word, "to"/"from" and a
    possessive mark the other side ("sold its unit to Acme", "bought Globex's unit"). An actor
    before an earlier stage that someone else decides is that stage's ("the regulator approved
    Acme's purchase of Globex": the regulator buys nothing, it decides; so does a licensor that
    grants a licence, and a court by which a request was refused)."""
    start = type_hit.start
    deciding = max((h for h in hits if h.end <= start and h.trigger.kind == "stage" and h.trigger.value in vocab.third_party
                    and not (h.trigger.noun or h.trigger.received) and not _passive(spans, h.first, vocab)),
                   key=lambda h: h.end, default=None)
    said = max((h.end for h in hits if h.trigger.kind in ("attitude", "speech") and deciding and h.end <= deciding.start),
               default=-1)
    deciders = [m.entity for m in actors if deciding and said <= m.start and m.end <= deciding.start and m.entity != holder
                and not _another_subject_between(spans, m.end, deciding.start, vocab)]
    earlier_stage = max((h.end for h in hits if h.end <= start and h is not type_hit and (
        h.trigger.kind in ("attitude", "speech") or (h.trigger.kind == "stage" and h.trigger.value in vocab.third_party
                                                     and not (h.trigger.noun or h.trigger.received)
                                                     and not _passive(spans, h.first, vocab)))),
        default=-1)
    marker = {t.end: t.text for t in spans}
    before = [m for m in actors if earlier_stage <= m.start and m.end <= start and m.entity != holder]
    stopped = next((h for h in hits if h.end <= start and h.trigger.kind == "stage" and not h.trigger.noun
                    and h.trigger.value in vocab.third_party and _passive(spans, h.first, vocab)), None)
    if stopped is not None:
        # "Acme was barred from buying Globex by the regulator": Acme acts, the regulator bars
        by_stage = next((t.start for t in spans if t.text == "by" and t.start > stopped.end), len(normalized))
        acting = [m.entity for m in actors if m.end <= stopped.start and m.entity != holder]
        acted_on = [m.entity for m in actors if type_hit.end <= m.start < by_stage]
        deciders = [m.entity for m in actors if m.start > by_stage]
        return tuple(dict.fromkeys(acting)), tuple(dict.fromkeys(acted_on)), (), tuple(dict.fromkeys(deciders))
    if earlier_stage >= 0 and any(t.text == "by" and earlier_stage <= t.start < start for t in spans):
        # "Acme was blocked by the regulator from buying Globex": Acme acts, the regulator blocks
        before = [m for m in actors if m.end <= earlier_stage and m.entity != holder]
    # who is named after a background word ("… before Brengard took control of Acme") takes no part
    background = next((t.start for t in spans if t.start >= type_hit.end
                       and (t.text in vocab.background or t.text in vocab.relatives)), len(normalized))
    after = [m for m in actors if type_hit.end <= m.start < background]
    # (a fine's reason is no part of it: "fined Acme for rigging bids tendered by councils")
    reasoned = vocab.types[type_hit.trigger.value].get("reasoned")
    reason_at = next((t.start for t in spans if reasoned and t.start >= type_hit.end and t.text in vocab.reason_markers),
                     len(normalized))
    by = next((t.start for i, t in enumerate(spans) if t.text == "by" and type_hit.end <= t.start < min(background, reason_at)
               and not _by_doing(spans, i, actors)), None)
    kinds_before_by = {h.trigger.kind for h in hits if by is not None and type_hit.end <= h.start and h.end <= by}
    if by is not None and ", " in normalized[type_hit.end:by] and "stage" not in kinds_before_by:  # (not "950,000")
        by = None  # a "by" after a comma is another clause's: "sold its stake to Acme, leaving Globex owned by Acme"
    if by is not None and ((any(type_hit.end <= t.start < by and t.text in vocab.passive_markers for t in spans)
                            # not the deal's own verb: "a stake in Globex was sold by Acme" (Acme sells)
                            and "type" not in kinds_before_by)
                           or "stage" in kinds_before_by):
        # "Acme's request for an injunction was rejected by the court": the court decides, it
        # applies for nothing (unlike "the purchase of Globex by Acme"); so in a headline, which
        # drops the "was" ("Acme's Globex takeover blocked by regulator"), and after a stage's
        # noun ("its takeover of Globex, subject to clearance by the regulator")
        deciders += [m.entity for m in after if m.start > by]
        after = [m for m in after if m.start < by]
        by = None
    owners: list[str] = []
    if by is not None:
        agents = [m.entity for m in after if m.start > by]
        after = [m for m in after if m.start < by]
        owners = [m.entity for m in before if _owns_asset(normalized, m, spans, vocab.asset_nouns)]
        before = [m for m in before if m.entity not in owners]  # "Globex's unit was bought by Acme"
    else:
        agents, before = _before_the_event(normalized, before, hits, type_hit, earlier_stage, marker, vocab)
        # "Globex was bought" (no "by"): Globex is bought, but "Globex's products are sold": Globex
        # sells; a fine is done to whose it is ("Globex's fine", "Globex appealed its fine")
        done_to_owner = vocab.types[type_hit.trigger.value].get("owner_acted_on", False)
        passive = type_hit.first > 0 and (
            (_passive(spans, type_hit.first, vocab) and not spans[type_hit.first].text.endswith("ing"))
            or (done_to_owner and spans[type_hit.first - 1].text in vocab.possessives))
        moved = [m for m in actors if m.entity in agents and m.end <= start
                 and ((done_to_owner or not owns(normalized, m.end)) if passive
                      else done_to_owner and owns(normalized, m.end))]
        before, agents = before + moved, [a for a in agents if a not in {m.entity for m in moved}]
    following = {t.start: t.text for t in spans}
    relative = [m.entity for m in after if m.start == type_hit.end + 1 and _past_form(following.get(m.end + 1, ""))]
    if relative:  # "the injunction Acme requested", "the stake Globex bought": Acme and Globex act
        agents = agents + relative
        after = [m for m in after if m.entity not in relative]
    first_mentions: dict[str, Mention] = {}
    for mention in after:  # a name's role is where it is first named ("Globex's terminal" later is no sale)
        first_mentions.setdefault(mention.entity, mention)
    reason = next((t.start for t in spans if after and t.start > after[0].end and t.text in vocab.reason_markers), None)
    other = owners + [m.entity for m in first_mentions.values() if owns(normalized, m.end)
             or _after_to_or_from(normalized, m.start, marker, type_hit.end, vocab)
             or _owner_after(normalized, m.start, marker, vocab.asset_nouns)
             or (reason is not None and m.start > reason)]  # "fined Acme over its purchase of Globex": Globex is not fined
    acted_on = [m.entity for m in before] + [m.entity for m in after if m.entity not in other]
    # whose a decision named by its noun is decides: "an appeal against the High Court's refusal
    # of its injunction" (the court refused, it applied for nothing)
    deciding_owners = {m.entity for m in actors if owns(normalized, m.end) and any(
        h.trigger.kind == "stage" and h.trigger.noun and h.trigger.value in vocab.third_party
        and h.start > m.end and not normalized[m.end:h.start].strip() for h in hits)}
    if deciding_owners:
        agents, acted_on, other = ([e for e in role if e not in deciding_owners] for role in (agents, acted_on, other))
        deciders = deciders + sorted(deciding_owners)
    return (tuple(dict.fromkeys(agents)), tuple(dict.fromkeys(acted_on)), tuple(dict.fromkeys(other)),
            tuple(dict.fromkeys(deciders)))


def _unchanged_past_after_name(spans: Sequence[Token], index: int, entity_ends: Mapping[int, int]) -> bool:
    """Whether the word at `index` is a past the same as its bare form right after a name, with
    more after it ("Acme shut down the plant", "Acme cut its stake"): the name's verb."""
    return (0 < index < len(spans) - 1 and spans[index].text in verb_forms().unchanged_pasts
            and spans[index - 1].end in entity_ends)


def _phrasal(spans: Sequence[Token], index: int, vocab: Vocabulary) -> str:
    """The verb at `index` as written, or the verb it makes with the particle after it ("stepped
    down": resigned)."""
    word = spans[index].text
    if index + 1 < len(spans):
        return vocab.phrasal_verbs.get(f"{raw_stem(word)} {spans[index + 1].text}", word)
    return word


def _another_subject_between(spans: Sequence[Token], start: int, end: int, vocab: Vocabulary) -> bool:
    """Whether a pronoun or a clause's first word stands between a name and a verb ("ordered
    Acme to pay when she refused"): the verb is then another subject's."""
    return any(start <= t.start < end and (t.text in vocab.pronouns or t.text in vocab.boundaries or t.text == "when")
               for t in spans)


def _past_form(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed")


def _before_the_event(normalized: str, before: list[Mention], hits: Sequence[Hit], type_hit: Hit, earlier_stage: int,
                      marker: dict[int, str], vocab: Vocabulary) -> tuple[list[str], list[Mention]]:
    """Who acts and who is acted on among the actors named before the event's word, with no
    "by" after it. The subject acts; after a verb of the deal's own ("walked away from Globex,
    withdrawing its offer": the first such verb after the subject) or after an owner ("its Globex bid", "Acme's Globex deal") a name is
    what the deal is for. After a third party's verb only a name after an owner is ("the
    regulator cleared Acme's Globex deal"; in "cleared the Acme deal" Acme acts)."""
    if not before:
        return [], []
    verb_end = min((h.end for h in hits if before[0].end <= h.start and h.end <= type_hit.start
                    and h.trigger.kind == "stage" and not h.trigger.noun and h.trigger.value not in vocab.third_party),
                   default=-1)
    agents: list[str] = []
    acted_on: list[Mention] = []
    owned = False
    for mention in before:
        owner = owns(normalized, mention.end)
        owned_before = owned or marker.get(normalized.rfind(" ", 0, mention.start)) in vocab.possessives
        if not owner and (owned_before or mention.start >= verb_end >= 0):
            acted_on.append(mention)
        else:
            agents.append(mention.entity)
        owned = owned or owner
    return agents, acted_on


def _owns_asset(normalized: str, mention: Mention, spans: Sequence[Token], assets: frozenset[str]) -> bool:
    """ "Globex's regional unit": an owner named before what it owns."""
    if not owns(normalized, mention.end):
        return False
    following = [t.text for t in spans if t.start > mention.end][:3]
    return any(word in assets for word in following)


def _after_to_or_from(normalized: str, start: int, marker: dict[int, str], event_end: int, vocab: Vocabulary) -> bool:
    """ "sold it to Acme", "to the pension fund Acme": the other side of the deal (a "to"
    after the event's word: in "agreed to take over Acme", Acme is what is bought), unless a
    nearer preposition says the name's role itself (`name_prepositions`); and where it is
    heard ("challenged its fine at the Appeal Tribunal": `forum_prepositions`), which is not
    what is acted on either."""
    position = start
    for _ in range(OTHER_SIDE_REACH):
        position = normalized.rfind(" ", 0, position)
        if position < event_end:
            return False
        word = marker.get(position)
        if word in ("to", "from") or word in vocab.forum_prepositions:
            return True
        if word in vocab.name_prepositions:
            return False  # the nearest preposition is the name's: "a fine of up to $1bn on Acme"
    return False


def _owner_after(normalized: str, start: int, marker: dict[int, str], assets: frozenset[str]) -> bool:
    """ "the solar business of Acme": Acme owns what changes hands."""
    before = normalized.rfind(" ", 0, start)
    if marker.get(before) != "of":
        return False
    return marker.get(normalized.rfind(" ", 0, before), "") in assets


def _verb_forms(normalized: str, spans: Sequence[Token], entity_ends: Mapping[int, int], vocab: Vocabulary,
                triggered: set[int], in_names: set[int]) -> list[int]:
    """The tokens that are predicates the vocabulary does not name: a past form ("appointed")
    or a verb right after its subject ("Acme owns …"), not a plural before an event's noun
    (`triggered`: where the clause's trigger words start; "Acme rights deal"), nor a word of a
    name or a figure (`in_names`, by token: "Winfred Group", "one hundred")."""
    found = []
    forms = verb_forms()
    for index, token in enumerate(spans):
        if index in in_names or in_compound(normalized, token) or starts_compound(normalized, token):
            continue  # (nor a part of a hyphenated adjective: "value-added", "state-owned", "spent-fuel")
        word = token.text
        before = spans[index - 1].text if index else ""
        if (_past_form(word) or word in forms.irregular_pasts or _unchanged_past_after_name(spans, index, entity_ends)) \
                and not _after_possessive(normalized, spans, index, vocab):
            found.append(index)  # "Acme kept all staff", "Acme shut down" (not "Acme's postponed listing")
        elif (index and word.endswith("s") and not word.endswith("ss") and len(word) > 3
                and index + 1 < len(spans)  # a plural ending the text names something: "Acme Space offices"
                and not owns(normalized, spans[index - 1].end)  # nor one after a possessive: "Acme's damages claim"
                and not _past_form(spans[index + 1].text)  # nor a subject's noun: "Acme shareholders backed"
                and spans[index + 1].text not in vocab.noun_prepositions  # nor a headline's: "Acme conditions on Globex"
                and spans[index + 1].start not in triggered
                and (spans[index - 1].end in entity_ends or before in vocab.pronouns or before.endswith("ly")
                     or before in vocab.done_markers
                     # after an event's noun: "the agreed takeover values Globex at EUR 3 billion"
                     or (spans[index - 1].start in triggered and spans[index].start not in triggered
                         and not _past_form(before)))  # (not "dismissed reports that …")
                and word in forms.third_person):  # not a plural: "Acme riders ruling"
            found.append(index)
        elif (index >= 2 and before.endswith("ly") and spans[index - 2].end in entity_ends and word.isalpha()
                and index + 1 < len(spans) and spans[index + 1].text in vocab.fillers and word not in vocab.fillers):
            found.append(index)  # a plural subject's verb after an adverb: "Acme and Globex jointly control the venture"
    return found