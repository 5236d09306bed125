"""Reading a claim: the facts that decide whether a stored statement speaks to it.

The same reader runs over user claims and over stored statements, so both sides are compared in
one vocabulary: entity ids instead of names, partial dates, figures with units, canonical terms,
and the event frame (what the clause asserts: event type, stage, polarity, attitude, roles). A
sentence is first split into clauses (`read_clauses`): "X signed with Y, and Z approved it" makes
two claims, each decided on its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from datetime import date
from typing import Container, Mapping, NamedTuple

from .dates import PartialDate, read_dates
from .entities import EntityIndex
from .entities import Mention as EntityMention
from .figures import Figure, FigureMention, currency_before_number, find_figures
from .frames.reader import Frame, Mention, in_background, read_frame, text_says_any
from .frames.vocabulary import ANY_SLIP_LENGTH, SPELLING_LENGTH
from .frames.vocabulary import vocabulary as event_vocabulary
from .spelling import one_letter_from, vowel_slips_and_swaps
from .text import (NEGATION_WORDS, SYNONYMS, STOPWORDS, Token, fold_phrases, in_compound, normalize, owns, raw_stem, stem,
                   tokens, words)

MAX_CLAIM_CHARS = 10_000
"""Claims are sentences, not articles: `check` refuses a longer one as an input error (a verdict
on part of a claim could be wrong), and the reader never looks past this many characters (a
run-on "sentence" of a scanned article is judged by its beginning)."""


class ParsedClaim(NamedTuple):
    text: str
    entities: tuple[str, ...]
    """Entity ids in order of first mention, without repeats."""
    dates: tuple[PartialDate, ...]
    figures: tuple[Figure, ...]
    terms: tuple[str, ...]
    """Canonical content terms (stemmed, synonyms folded), without names, dates or figures."""
    frame: Frame
    """What the text asserts: event type and stage, polarity, attitude, roles."""
    names: tuple[str, ...] = ()
    """Capitalised words that are not a known entity ("Hangzhou", "Nokia"), case-folded: a
    statement that never mentions them cannot confirm the claim."""
    impossible_dates: tuple[str, ...] = ()
    """Dates that do not exist ("30 february 2021"): no statement can confirm the claim."""
    name_spans: tuple[tuple[int, int], ...] = ()
    """Where the entities are named (in the normalised text): no clause ends inside a name."""
    shares: tuple[tuple[str, float], ...] = ()
    """Percentages the text gives someone ("Acme will own 51 percent", "owned 49 percent by
    Globex"): a statement that gives that one another percentage contradicts the claim."""
    asides: tuple[str, ...] = ()
    """Places named only in passing: where a party is from ("Eskaria's Mizora Hygiene", "Mizora
    Hygiene of Eskaria"), or in what the clause mentions as background ("two days after
    launching sales in France"): no place of the event."""
    within: tuple[tuple[str, str], ...] = ()
    """Places named only as what holds the claim's own ("in Qasmar's capital", "northern
    Qasmar"), each with the name the text gives that part ("Beijing's Haidian district":
    "haidian"; else ""): only a statement that names the part records it."""

    def part_of(self, place: str) -> str | None:
        """The name the claim gives a part of `place` it speaks of ("" for an unnamed one:
        "Qasmar's capital"), or None when it speaks of the place itself."""
        return next((part for whole, part in self.within if whole == place), None)


def parse_claim(
    text: str, entities: EntityIndex, today: date | None = None, vocabulary: Container[str] = frozenset(),
    spelling: bool = False, terms_only: bool = False,
) -> ParsedClaim:
    """`vocabulary`: the stems of the store's words (`index.store_words`); a sentence's first
    word is a name only if it is not one of them. `spelling`: a long word the store does not use
    that is one letter from an event trigger is read as that trigger ("uncondtional"), for claims
    people type (statements are curated, and read as written). `terms_only`: only the entities,
    dates, figures and terms are read (the frame only as far as its type and stage; no names nor
    shares): what a statement's index terms need of "claim. deal" (`index.read_statement`)."""
    text = social_to_prose(text[:MAX_CLAIM_CHARS])
    normalized = normalize(text)
    word_spans = tokens(normalized)
    date_mentions, impossible = read_dates(normalized, today)
    same_positions = len(normalized) == len(text)
    cased = same_positions and text != text.lower()
    name_starts = {w.start for w in word_spans if text[w.start].isupper()} if cased else None
    kinds = entities.kinds
    entity_mentions = [m for m in entities.find(normalized, word_spans, vocabulary, name_starts)
                       if (not m.capitals_only or (same_positions and text[m.start:m.end].isupper()))
                       and not currency_before_number(normalized, m.start, m.end)]  # "RMB 440 million"
    entity_mentions += _demonym_places(word_spans, entities, entity_mentions)
    entity_mentions += _capitals(word_spans, entities, entity_mentions, name_starts)
    entity_mentions += _institutions(word_spans, entities, entity_mentions, name_starts)
    taken = [(d.start, d.end) for d in date_mentions] + impossible + [(e.start, e.end) for e in entity_mentions]
    figure_mentions = find_figures(normalized, taken)
    taken += [(f.start, f.end) for f in figure_mentions]
    covered: set[int] = set()
    for start, end in taken:
        covered.update(range(start, end))
    free_words = [w for w in word_spans if w.start not in covered]
    figures = [_with_counted(_with_the_one_named(f, normalized), f.end, free_words, normalized) for f in figure_mentions]
    folded = fold_phrases(" ".join(w.text for w in free_words))
    terms: list[str] = []
    for word in words(folded):
        if word in STOPWORDS or word in NEGATION_WORDS or word.isdigit():
            continue
        term = stem(word)
        if len(term) > 1 and term not in terms:
            terms.append(term)
    mentions = [Mention(m.entity, m.start, m.end, kinds.get(m.entity) == "place") for m in entity_mentions]
    frame = read_frame(normalized, _spelled(normalized, word_spans, vocabulary) if spelling else word_spans, mentions,
                       dated=[(d.start, d.end) for d in date_mentions], figured=[(f.start, f.end) for f in figure_mentions],
                       event_only=terms_only)
    if vocabulary and frame.stage_words:  # the stage is its term: "pulled the plug" is ~abandoned, not "plug"
        unseen = {term for word in words(normalize(frame.stage_words)) if (term := stem(word)) not in vocabulary}
        terms = [term for term in terms if term not in unseen]
    frame = _as_kinds_and_shares_say(frame, kinds, [f.value for f in figure_mentions])
    terms += event_terms(frame.type, frame.stage)
    read = ParsedClaim(
        text=text,
        entities=tuple(dict.fromkeys(m.entity for m in sorted(entity_mentions, key=lambda m: m.start))),
        dates=tuple(dict.fromkeys(d.value for d in date_mentions)),
        figures=tuple(dict.fromkeys(figures)),
        terms=tuple(terms),
        frame=frame,
        asides=_asides(normalized, word_spans, mentions),
    )
    if terms_only:
        return read
    return read._replace(
        # positions in `text` cannot be trusted when normalisation moved characters
        names=(_unknown_names(text, normalized, covered, entities, vocabulary, {m.entity for m in entity_mentions})
               if same_positions else ()),
        impossible_dates=tuple(normalized[start:end] for start, end in impossible),
        name_spans=tuple((m.start, m.end) for m in entity_mentions),
        shares=_shares(normalized, figure_mentions, [m for m in mentions if not m.is_place]),
        within=_places_within(normalized, word_spans, mentions, name_starts or set()),
    )


def _asides(normalized: str, word_spans: list[Token], mentions: list[Mention]) -> tuple[str, ...]:
    """The places the text names only in passing: where a party is from, before the party's
    name as its possessive ("Eskaria's Mizora Hygiene") or after it and "of" ("Mizora Hygiene of
    Eskaria"); or in a background phrase ("two days after launching sales in France")."""
    if not any(m.is_place for m in mentions):
        return ()
    vocab = event_vocabulary()
    starts, ends = {m.start for m in mentions if not m.is_place}, {m.end for m in mentions if not m.is_place}
    aside: dict[str, bool] = {}
    for place in (m for m in mentions if m.is_place):
        index = next((i for i, w in enumerate(word_spans) if w.start >= place.start), len(word_spans))
        following = next((w for w in word_spans if w.start >= place.end), None)
        before = normalized[:place.start].rstrip()
        passing = ((owns(normalized, place.end) and following is not None and following.start in starts)
                   or any(before.endswith(f" {word}") and len(before) - len(word) - 1 in ends
                          for word in vocab.origin_prepositions)
                   or in_background(normalized, word_spans, index, vocab))
        aside[place.entity] = aside.get(place.entity, True) and passing
    return tuple(place for place, passing in aside.items() if passing)


SUBPLACE_GAP = 2
"""Words that may stand between a place's possessive and the part of it: "Beijing's Haidian district"."""


def _places_within(normalized: str, word_spans: list[Token], mentions: list[Mention],
                   name_starts: Container[int]) -> tuple[tuple[str, str], ...]:
    """The places the text names as holding the one it speaks of, with the part's own name if
    it gives one: "Qasmar's capital", "northern Qasmar", "Beijing's Haidian district" (not
    "China's Guangdong province", whose part is a place the store knows)."""
    if not any(m.is_place for m in mentions):
        return ()
    vocab = event_vocabulary()
    entity_starts = {m.start for m in mentions}
    within: dict[str, str] = {}
    for place in (m for m in mentions if m.is_place):
        before = [w for w in word_spans if w.end <= place.start][-1:]
        after = [w for w in word_spans if w.start >= place.end][:SUBPLACE_GAP + 1]
        part = next((i for i, w in enumerate(after) if w.text in vocab.subplace_nouns), None)
        if owns(normalized, place.end) and part is not None and not any(w.start in entity_starts for w in after[:part]):
            within.setdefault(place.entity, " ".join(w.text for w in after[:part] if w.start in name_starts))
        elif before and before[0].text in vocab.subplace_modifiers:
            within.setdefault(place.entity, "")
    return tuple(within.items())


def _as_kinds_and_shares_say(frame: Frame, kinds: Mapping[str, str], figures: list[Figure]) -> Frame:
    """A frame as its names' kinds and its percentages say it must be read (both data of the
    event types): who never acts in the event is acted on ("Acme was hit with a penalty": a
    company imposes no fine, `never_acting`), and a stake of 100 percent is the company itself
    ("taking 100 percent of Globex": an acquisition, `whole`)."""
    kind = event_vocabulary().types[frame.type] if frame.type else {}
    never_acting = kind.get("never_acting", ())
    acted_on = tuple(a for a in frame.agents if kinds.get(a) in never_acting)
    if acted_on:
        frame = frame._replace(agents=tuple(a for a in frame.agents if a not in acted_on),
                               patients=tuple(dict.fromkeys(frame.patients + acted_on)))
    if kind.get("whole") and any(f.value == 100 and f.unit == "%" for f in figures):
        frame = frame._replace(type=kind["whole"])
    return frame


def _demonym_places(word_spans: list[Token], entities: EntityIndex, found: list[EntityMention]) -> list[EntityMention]:
    """A people's word before a word for where business is done names that place, when the store
    knows it as a place, or as a country's government: "the Spanish market" is Spain, "Chinese
    imports" China (or the store's "Chinese government"); not "a Chinese company": who a
    company is is no place of the event."""
    vocab = event_vocabulary()
    named = {m.start for m in found}
    places: list[EntityMention] = []
    for word, following in zip(word_spans, word_spans[1:]):
        if word.text not in vocab.demonyms or following.text not in vocab.demonym_place_nouns or word.start in named:
            continue
        place = _country_named(entities, (*vocab.demonyms[word.text],
                                          *(name.format(people=word.text) for name in vocab.demonym_names)))
        if place is not None:
            places.append(EntityMention(place, word.start, word.end))
    return places


def _country_named(entities: EntityIndex, names: tuple[str, ...]) -> str | None:
    """The first of the store's places or governments that one of these names finds."""
    return next((m.entity for written in names for m in entities.find(written)
                 if entities.kinds.get(m.entity) in ("place", "government")), None)


def _named_tokens(word_spans: list[Token], found: list[EntityMention]) -> set[int]:
    """The tokens (by index) inside the names already found."""
    return {i for m in found for i, w in enumerate(word_spans) if m.start <= w.start < m.end}


def _capitals(word_spans: list[Token], entities: EntityIndex, found: list[EntityMention],
              name_starts: Container[int] | None) -> list[EntityMention]:
    """A capital the store does not know, written with a capital, names its country's government
    when the store knows that ("Washington barred sales to Acme": the United States); not as
    a word of a longer name ("George Washington", "the Washington Post")."""
    vocab = event_vocabulary()
    if name_starts is None or not any(w.text in vocab.capital_first_words for w in word_spans):
        return []  # (text without capitals says nothing of names; most sentences name no capital)
    capitals = vocab.capitals
    named = _named_tokens(word_spans, found)
    capitalised = {i for i, w in enumerate(word_spans) if w.start in name_starts}
    mentions: list[EntityMention] = []
    for index in sorted(capitalised - named):
        if index - 1 in capitalised:
            continue
        following = word_spans[index + 1].text if index + 1 < len(word_spans) else ""
        for city, width in ((f"{word_spans[index].text} {following}", 2), (word_spans[index].text, 1)):
            if city in capitals and index + width not in capitalised:
                country = _country_named(entities, capitals[city])
                if country is not None:
                    mentions.append(EntityMention(country, word_spans[index].start, word_spans[index + width - 1].end))
                break
    return mentions


def _institutions(word_spans: list[Token], entities: EntityIndex, found: list[EntityMention],
                  name_starts: Container[int] | None) -> list[EntityMention]:
    """"The ministry", "the competition authority": the one entity of the store with that word
    for an institution in its name, where the words between "the" and it are words of that
    name ("the board" alone is as often a company's directors: such words need one) and no
    capitalised word follows ("the Court of Appeal" is a court the store may not know)."""
    vocab = event_vocabulary()
    candidates = [i for i, word in enumerate(word_spans) if word.text in vocab.institution_words]
    if not candidates:  # (most sentences name no institution so)
        return []
    named = _named_tokens(word_spans, found)
    mentions: list[EntityMention] = []
    for index in candidates:
        word = word_spans[index]
        entity = None if index in named else entities.institutions.get(word.text)
        if entity is None:
            continue
        following = word_spans[index + 1] if index + 1 < len(word_spans) else None
        if following is not None and (following.text == "of" or (name_starts is not None and following.start in name_starts)):
            continue
        own = {t.text for t in tokens(normalize(entities.names[entity]))}
        first = index
        while first > 0 and first - 1 not in named and word_spans[first - 1].text in own:
            first -= 1
        if first == 0 or word_spans[first - 1].text != "the" or (
                first == index and word.text in vocab.institution_nouns_with_modifier):
            continue
        mentions.append(EntityMention(entity, word_spans[first].start, word.end))
    return mentions


_HOLDING_WORDS = frozenset("will would own owns owned owning hold holds held holding keep keeps kept retain retains "
                           "retained has have had with a an its their is take takes took "
                           "shareholders stockholders investors owners".split())
"""The only words that may stand between a holder and its percentage ("Globex will own 49
percent", "Globex 51 percent", "Globex shareholders will own 58 percent": what its owners hold;
not "its Globex holding to 29.9 percent", where Globex is held)."""


_HOLDS_IN_CHINESE = re.compile(r"\s*(?:将|将会|仍|仍将)?(?:持有|拥有|持股)")
"""A holding verb right after a holder in Chinese: "艾克米将持有合资企业51%的股份" is Acme's 51 percent."""


def shares_in(text: str, entities: EntityIndex) -> tuple[tuple[str, float], ...]:
    """`ParsedClaim.shares` of a statement's text, without reading the rest of it."""
    normalized = normalize(text)
    mentions = entities.find(normalized)
    actors = [m for m in mentions if entities.kinds.get(m.entity) != "place"]
    return _shares(normalized, find_figures(normalized, [(m.start, m.end) for m in mentions]), actors)


def _shares(normalized: str, figures: list[FigureMention], actors: list[Mention]) -> tuple[tuple[str, float], ...]:
    """Who holds which percentage ("Globex will own 49 percent", "owned 49 percent by Globex"),
    for holders given exactly one."""
    held: dict[str, set[float]] = {}
    for figure in (f for f in figures if f.value.unit == "%"):
        after = re.match(r"\s+(?:owned\s+|held\s+)?by\s+(?:the\s+)?", normalized[figure.end:])
        holder = next((m.entity for m in actors if after and m.start == figure.end + after.end()), None)
        if holder is None:
            before = [m for m in actors if m.end < figure.start  # (Chinese "霍林49%的股份" is a stake in 霍林)
                      and (_HOLDING_WORDS.issuperset(_without_apposition(normalized[m.end:figure.start]).split())
                           or _HOLDS_IN_CHINESE.match(normalized, m.end))]
            holder = before[-1].entity if before else None
        if holder is not None:
            held.setdefault(holder, set()).add(figure.value.value)
    return tuple((holder, next(iter(values))) for holder, values in held.items() if len(values) == 1)


def _without_apposition(between: str) -> str:
    """The words between a holder and its percentage, less what a pair of commas sets off:
    "Acme Mills, Acme's milling unit, owning 51 percent" is Acme Mills' 51 percent."""
    return re.sub(r"^\s*,[^,]*,", " ", between)


def _spelled(normalized: str, spans: list[Token], vocabulary: Container[str]) -> list[Token]:
    """The claim's words, each unknown long one that is one letter from an event trigger word
    read as that word (not the end of a hyphenated adjective: "foreign-funded")."""
    events = event_vocabulary()
    corrected = list(spans)
    for index, token in enumerate(spans):
        word = token.text
        if (len(word) >= SPELLING_LENGTH - 1 and word.isalpha() and stem(word) not in vocabulary  # ("aquire")
                and not in_compound(normalized, token)
                and raw_stem(word) not in events.by_first_stem):  # "completing" is no misspelt "competing"
            found = [candidate for candidate in one_letter_from(word, events.spellings.get(word[0], ()))
                     if _slip(word, candidate)]
            if word in found:
                continue  # a trigger word's form, spelt right
            # one reading only (forms of one word are one: "unconditionaly" is one letter from
            # "unconditionally" and "unconditionals"), and no mere inflection ("unconditional")
            found = [candidate for candidate in found if not (word.startswith(candidate) or candidate.startswith(word))]
            if found and len({raw_stem(candidate) for candidate in found}) == 1:
                corrected[index] = token._replace(text=min(found))
    return corrected


def _slip(word: str, meant: str) -> bool:
    """Whether a word one letter from a trigger word is a slip of typing it: a letter left out,
    doubled or two swapped ("aquire", "compleeted", "blokced"), not another word with another
    letter in its place ("slapped" is no "snapped", "staying" no "staking") or before it
    ("covering"); though a word as long as `ANY_SLIP_LENGTH` has no other word that near
    ("clearence")."""
    return word[0] == meant[0] and (len(word) != len(meant) or sorted(word) == sorted(meant)
                                    or len(meant) >= ANY_SLIP_LENGTH)


def event_terms(event_type: str | None, stage: str | None) -> list[str]:
    """An event's type and stage as terms (`~acquisition`, `~abandoned`): "walked away from its
    bid" and "withdrew its offer" share no word but the same event, and should rank together."""
    return [f"~{name}" for name in (event_type, stage) if name]


_URL = re.compile(r"(?:\bhttps?://|\bwww\.|\bpic\.twitter\.com/)\S+")
_TAG = re.compile(r"(?<![\w@#])[#@](\w+)")
_WORD_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"  # AcmeCorp, FTCApproves
                         r"|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")  # Acme2020


def social_to_prose(text: str) -> str:
    """Claims are often pasted from social media: links say nothing the words do not, and
    #AcmeCorp or @GlobexGroup name an entity in words run together."""
    if "http" in text or "www." in text or "pic.twitter" in text:
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _TAG.sub(lambda match: _WORD_BREAK.sub(" ", match.group(1)), text)
    return text


_FILLERS = frozenset("of the a an and more than other some new additional".split())
_NOT_COUNTED = frozenset(
    "by in at across over within for from to into onto on per after before since until during between among "
    "under as with that which who whose where when while is are was were be been has have had will would "
    "it its their this these those".split())
"""Words that end the noun phrase after a count: "2,220 by the end of September" counts nothing."""
COUNTED_WORDS = 3
_RATE = frozenset("a an each every".split())
"""Words after what a count counts that make it a rate ("litres a year"): what follows is its period."""
_PHRASE_END = re.compile(r"[,.;:!?](?!\d)|[()，。；：]")  # not the comma of "1,900"


_CJK_MEASURES = {"年": frozenset({"year"}), "月": frozenset({"month"}), "周": frozenset({"week"}),
                 "天": frozenset({"day"}), "家": frozenset({"compani", "firm"})}
"""What a count in Chinese counts, by the measure word after it, as the stems an English count's
noun would have."""


_AND_BEFORE = re.compile(r"\b(?:and|along\s+with|together\s+with|alongside|as\s+well\s+as|plus)\s+$")
_OTHER_AFTER = re.compile(r"\s+others?\b")


def _with_the_one_named(mention: FigureMention, normalized: str) -> Figure:
    """A plain count of others after "and" ("along with", "as well as") counts the one named
    before it too: "Acme and nine other foreign companies" are ten foreign companies."""
    figure = mention.value
    if (figure.unit is None and _AND_BEFORE.search(normalized, max(0, mention.start - 16), mention.start)
            and _OTHER_AFTER.match(normalized, mention.end)):
        return replace(figure, value=figure.value + 1)
    return figure


def _with_counted(figure: Figure, end: int, free_words: list[Token], normalized: str) -> Figure:
    """A count with the words of the noun phrase after it (names skipped, at most
    `COUNTED_WORDS`, none past a comma or a stop): "12 Acme Space community offices" counts
    community offices."""
    if figure.unit is not None:
        return figure
    measure = _CJK_MEASURES.get(normalized[end:end + 1])
    if measure is not None:  # "十年": ten years
        return replace(figure, counted=measure)
    following: list[str] = []
    for word in (w for w in free_words if w.start >= end):
        if (word.text in _NOT_COUNTED or len(following) == COUNTED_WORDS
                or (following and word.text in _RATE)  # "430 million litres a year": litres
                or _PHRASE_END.search(normalized, end, word.start)):
            break
        if word.text not in _FILLERS:
            following.append(word.text)
        end = word.end
    return replace(figure, counted=frozenset(stem(w) for w in following))


_CAPITALISED = re.compile(r"(?<![\w'’])(?:[A-Z]|[a-z]+[A-Z])[\w&]*")
"""A capitalised word, or one with a capital after a lowercase start ("eBay", "iQiyi")."""
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())


_NOT_NAME_ENDINGS = ("ly", "ed", "ing")
"""Endings of a sentence's first word that, before a comma, make it an adverb or a participle, not a name."""


def _unknown_names(text: str, normalized: str, covered: set[int], entities: EntityIndex,
                   vocabulary: Container[str], named: Container[str] = ()) -> tuple[str, ...]:
    """Proper names the store does not know, by the writer's capitals.

    Skipped: words already read as an entity, date or figure; headline-style text (too many
    capitals to tell); acronyms of four letters or fewer (CEO, JV, US, VATS, IoT); demonyms ("Chinese");
    words of known entities' names (but a word that only ever begins one entity's longer name:
    "Globex" alone is not "Globex Energy"); and the first word when it is an ordinary word of the
    store's vocabulary ("Regulators did not …") or an adverb or participle before a comma ("Allegedly, …").

    `normalized` must keep `text`'s positions (one character per character); `named` are the
    entities the text names (a title beside its bearer's name is no other name: "US President
    Donald Trump").
    """
    capitalised = list(_CAPITALISED.finditer(text))
    if not capitalised or len(capitalised) > 0.5 * len(re.findall(r"\w+", text)) + 1:
        return ()
    names: list[str] = []
    for number, match in enumerate(capitalised):
        word, folded = match.group(), normalized[match.start():match.end()]
        if match.start() in covered:
            continue
        if (folded in STOPWORDS or folded in _NOT_NAMES or stem(folded) in SYNONYMS
                or folded in event_vocabulary().background  # "Despite Acme's denial, …"
                or _opens_hedge(normalized, match.start(), folded)  # "People familiar with the matter say …"
                or (entities.is_name_word(folded) and entities.leads.get(folded, "") in ("", *named))
                or (word[0].isupper() and len(word) <= 4 and not word[1:].islower()) or folded.endswith(("ese", "ian", "ish"))):
            continue
        if (match.start() == len(text) - len(text.lstrip()) and entities.leads.get(folded, "") in ("", *named)
                and (stem(folded) in vocabulary or _slip_of_a_store_word(folded, vocabulary)
                     or folded.endswith(_NOT_NAME_ENDINGS) and text[match.end():match.end() + 1] == ",")):
            continue  # "Regulators did not …", "Regulaters did not …", "Allegedly, …" (but "Boeing China …" names Boeing)
        if folded not in names:
            names.append(folded)
    return tuple(names)


def _slip_of_a_store_word(word: str, vocabulary: Container[str]) -> bool:
    """Whether a long word is a slip of a word of the store ("Regulaters" for "Regulators"): a
    typo, not a name, though capitalised as a sentence's first word. Only a vowel changed for
    another or two letters swapped, before the last two: the stemmer reads a changed ending as
    an inflection or a suffix ("Regulus" is no "regules"), and every word's other variants are
    too many to try for each claim that opens with a name."""
    if len(word) < SPELLING_LENGTH or not word.isalpha():
        return False
    uncached = raw_stem.__wrapped__  # (variants would crowd the stems of real words out of the memo)
    return any(SYNONYMS.get(stemmed := uncached(variant), stemmed) in vocabulary
               for variant in vowel_slips_and_swaps(word, keep_last=2))


def _opens_hedge(normalized: str, start: int, word: str) -> bool:
    """Whether the word at `start` is the first of a hedge ("People familiar with …", "Industry
    sources say …")."""
    return any(phrase.trigger.kind == "hedge" and normalized.startswith(" ".join(phrase.stems), start)
               for phrase in event_vocabulary().by_first_word.get(word, ()))


class Clause(NamedTuple):
    """One claim of a sentence: where it is, and what it says."""

    start: int
    end: int
    """Its span in the sentence as given (0-based, end exclusive)."""
    parsed: ParsedClaim
    """It read on its own; a clause without an actor of its own is read after the subject of
    the clause before ("Acme won approval and set up a venture": "Acme set up a venture")."""


_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|,\s*(?:and|but|yet|while|whereas|although|though|after which|whereupon)(?:\s+then)?\s+|,\s*then\s+"
    r"|\s+(?:but|while|whereas|although)\s+|\s+and(?:\s+then)?\s+|；|，(?:但|而|并且|并)?")


def read_clauses(
    text: str, entities: EntityIndex, today: date | None = None, vocabulary: Container[str] = frozenset(),
    spelling: bool = False, relatives: bool = False,
) -> list[Clause]:
    """A sentence's claims: split where a conjunction or semicolon joins two parts that each
    assert something, so "Acme signed with Globex, and the regulator approved it" is two
    clauses, but "Acme and Globex signed" and "work on CDN and edge computing" are one.
    `relatives`: a relative clause after a comma is one too (`_RELATIVE_BREAK`)."""
    text = text[:MAX_CLAIM_CHARS]
    whole = parse_claim(text, entities, today, vocabulary, spelling)
    heads = whole.frame.predicate_starts
    breaks = [*_CLAUSE_BREAK.finditer(text), *(_RELATIVE_BREAK.finditer(text) if relatives else ())]
    cuts = sorted(breaks, key=lambda c: c.start()) if len(heads) > 1 and len(normalize(whole.text)) == len(text) else ()
    # a cut needs a predicate on each side, and never falls inside a name ("the National
    # Development and Reform Commission"): most sentences have one predicate and are read once
    ends = {end for _, end in whole.name_spans}
    starts = {start for start, _ in whole.name_spans}
    cuts = [c for c in cuts if heads[0] < c.start() and heads[-1] >= c.end()
            and not any(start < c.start() < end for start, end in whole.name_spans)
            and not (c.group().strip() == "and" and c.start() in ends and c.end() in starts)]  # "Acme and Globex"
    if not cuts:
        return [Clause(0, len(text), whole)]
    bounds = [0] + [p for cut in cuts for p in (cut.start(), cut.end())] + [len(text)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    clauses: list[Clause] = []
    start, end = pieces[0]
    current = parse_claim(text[start:end], entities, today, vocabulary, spelling)
    for cut, (piece_start, piece_end) in zip(cuts, pieces[1:]):
        own = parse_claim(text[piece_start:piece_end], entities, today, vocabulary, spelling)
        reading = own
        starts_with_verb = own.frame.predicate_at == 0 and current.frame.predicate_at > 0
        if current.frame.asserts and (own.frame.refers_back or not has_actor(own, entities) or starts_with_verb):
            if starts_with_verb:  # "… and set up a venture", "… and signed a deal with Globex"
                # (a relative clause's subject is the name it follows: "… to Globex, which has since launched it")
                relative = _RELATIVE_BREAK.fullmatch(cut.group()) and current.name_spans
                subject = (current.text[current.name_spans[-1][0]:current.name_spans[-1][1]] + " " if relative
                           else current.text[:current.frame.predicate_at])
                reading = parse_claim(f"{subject}{text[piece_start:piece_end]}", entities, today, vocabulary, spelling)
                if reading.frame.refers_back:  # "… but abandoned the deal a year later": the deal before
                    reading = _with_actors_of(_of_kind_before(reading, current), current, entities)
            else:  # "… and the news sent both companies' shares higher": the same actors
                named = _pronoun_named(text[piece_start:piece_end], current.frame.subject, entities)
                if named is not None:  # "… and the court granted an injunction against it": against the subject
                    reading = parse_claim(named, entities, today, vocabulary, spelling)
                # (not who acted or decided before when the clause names its own subject: "the court
                # refused the injunction, and Globex's shareholders approved the merger")
                acting = reading.frame.subject or next(iter(reading.frame.deciders + reading.frame.agents), None)
                own_subject = acting is not None and acting != current.frame.subject
                # (nor who decided before when it names no one: "the regulator cleared the venture,
                # and both companies' shares rose" lends the companies, not the regulator)
                actors_before = {*current.frame.deciders} | (
                    (set() if _object_pronoun(text[piece_start:piece_end]) else {current.frame.subject, current.frame.holder})
                    if own_subject else set())
                if named is None or not own.entities:
                    # (a pronoun named is all a clause that names its own party takes from the one
                    # before: "…, and it fined Acme" is no fine on Acme's partner)
                    reading = _with_actors_of(reading, current, entities, actors_before)
        if reading.frame.type is None and current.frame.type is not None and text_says_any(
                event_vocabulary().same_kind_markers, text[piece_start:piece_end]):
            # "… and signed another with it": one more of the kind before, with whom it was before
            reading = _with_actors_of(reading._replace(frame=reading.frame._replace(type=current.frame.type)),
                                      current, entities)
        if reading.frame.question and not whole.frame.question:
            # "…, and had its fine halved": a later clause opens with "had", no question
            reading = reading._replace(frame=reading.frame._replace(question=False))
        if current.frame.has_predicate and reading.frame.has_predicate and _has_event(current) and _has_event(reading):
            clauses.append(Clause(start, end, current))
            start, end, current = piece_start, piece_end, reading
        else:  # not two claims: join the piece to the clause before and read them together
            end = piece_end
            current = parse_claim(text[start:end], entities, today, vocabulary, spelling)
    if not clauses:
        return [Clause(0, len(text), whole)]
    clauses.append(Clause(start, end, current))
    return [dated_as(clause, before.parsed.dates if before else ()) for before, clause in zip([None, *clauses], clauses)]


def _of_kind_before(reading: ParsedClaim, before: ParsedClaim) -> ParsedClaim:
    """A clause that speaks of the deal before with a generic word ("the deal", "the
    agreement") with that deal's kind: "agreed to buy Globex … but abandoned the deal" abandons
    a purchase (not "it", which may be anything: "sold the drug to Globex, which has since
    launched it")."""
    own = reading.frame.type
    if before.frame.type is None or own is None or not event_vocabulary().types[own].get("generic"):
        return reading
    return reading._replace(frame=reading.frame._replace(type=before.frame.type),
                            terms=tuple(dict.fromkeys(reading.terms + tuple(event_terms(before.frame.type, None)))))


def _with_actors_of(reading: ParsedClaim, before: ParsedClaim, entities: EntityIndex,
                    kept_out: Container[str] = ()) -> ParsedClaim:
    """A clause with the actors the clause before names added to its own (places apart, and
    `kept_out`): who "it", "the deal" or "another" speak of."""
    lent = [e for e in before.entities if e not in reading.entities and entities.kinds.get(e) != "place"
            and e not in kept_out]
    return reading._replace(entities=reading.entities + tuple(lent))


def contradicted_report(clause: Clause, entities: EntityIndex, vocabulary: Container[str] = frozenset()
                        ) -> ParsedClaim | None:
    """What a clause says is false by contradicting it ("Acme said it had made no new offer,
    contradicting a report that it had raised its offer"): the report read as its subject's
    denial of it, else None. The reader asserts nothing after such a word (the clause is what
    was said); this is what was denied."""
    parsed = clause.parsed
    markers = event_vocabulary().contradiction_markers
    marker = next((t for t in tokens(normalize(parsed.text)) if t.text in markers), None)
    if parsed.frame.subject is None or marker is None:
        return None
    report = parse_claim(parsed.text[marker.end:], entities, None, vocabulary)
    if report.frame.type is None and report.frame.stage is None:
        return None
    subject = parsed.frame.subject
    return report._replace(frame=report.frame._replace(attitude="denied", holder=subject, subject=subject))


def _object_pronoun(piece: str) -> bool:
    """Whether a clause has "it" or "them" as an object ("granted it a licence"), which names
    the subject before; after a verb of speech it is the speaker ("Globex said it had …")."""
    by_word = event_vocabulary().by_first_word
    words = re.findall(r"\w+", piece.casefold())
    return any(word in ("it", "them") and index > 0 and words[index - 1] != "that"
               and not any(phrase.trigger.kind == "speech" for phrase in by_word.get(words[index - 1], ()))
               for index, word in enumerate(words))


def _pronoun_named(piece: str, subject: str | None, entities: EntityIndex) -> str | None:
    """A clause with "it" after a preposition of a role ("an injunction against it"), or as the
    subject of an active verb ("it acquired Globex the following year": `subject_pronouns`),
    written with the name of the clause before's subject instead, else None: "it" alone
    ("approved it") is more often the deal than the company, and so is a passive's ("it was
    cleared")."""
    if subject is None:
        return None
    vocab = event_vocabulary()
    name = entities.names[subject]
    leading = _LEADING_WORDS.match(piece)
    if leading and leading.group(1).casefold() in vocab.subject_pronouns and not _passive_after(
            leading.group(2).casefold(), (leading.group(3) or "").casefold(), vocab.passive_markers):
        return f"{name}{piece[leading.end(1):]}"
    named, count = _pronoun_after(vocab.pronoun_prepositions).subn(lambda m: f"{m.group(1)} {name}", piece, count=1)
    return named if count else None


_LEADING_WORDS = re.compile(r"\s*(\w+)\s+(\w+)(?:\s+(\w+))?")


def _passive_after(word: str, following: str, passive_markers: Container[str]) -> bool:
    """Whether a subject's next words begin a passive or a copula ("was cleared", "has been
    cleared"), of which the deal is the subject more often than a company."""
    return word in passive_markers or (word in ("has", "have", "had") and following in passive_markers)


@lru_cache(maxsize=4)
def _pronoun_after(prepositions: tuple[str, ...]) -> re.Pattern[str]:
    """ "it" after one of the prepositions, compiled once."""
    return re.compile(rf"\b({'|'.join(map(re.escape, prepositions))}) it\b", re.IGNORECASE)


_RELATIVE_BREAK = re.compile(r",\s*(?:which|who)\s+")
"""Where a claim's relative clause begins: what it says of the name before is a claim too ("sold
its unit to Globex, which has since closed it"), where a statement's is its background."""


_SAME_TIME = {"the same day": 3, "that day": 3, "the same month": 2, "that month": 2, "the same year": 1,
              "that year": 1, "同日": 3, "同一天": 3, "当天": 3, "同月": 2, "同年": 1}
"""Words that date a clause by the one before it, to the day, month or year."""


def dated_as(clause: Clause, before: tuple[PartialDate, ...]) -> Clause:
    """A clause dated "the same day" (month, year) has the date of the clause before it, `before`:
    "X cleared it on 2 November 2020, and on the same day Y signed …" (or, where that clause names
    none, the date of the statement that decided it)."""
    parsed = clause.parsed
    if parsed.dates or not before:
        return clause
    precision = max((p for phrase, p in _SAME_TIME.items() if phrase in parsed.text.lower()), default=0)
    if not precision:
        return clause
    dates = tuple(dict.fromkeys(PartialDate(d.year, d.month if precision > 1 else None, d.day if precision > 2 else None)
                                for d in before))
    return clause._replace(parsed=parsed._replace(dates=dates))


def has_actor(parsed: ParsedClaim, entities: EntityIndex) -> bool:
    """Whether the text names someone who can act (a place cannot)."""
    return any(entities.kinds.get(e) != "place" for e in parsed.entities)


def _has_event(parsed: ParsedClaim) -> bool:
    """Whether a part says enough to be a claim of its own: an event stage, an attitude, or a
    predicate with something to say it of."""
    frame = parsed.frame
    return frame.stage is not None or frame.attitude is not None or bool(parsed.terms and parsed.entities)
