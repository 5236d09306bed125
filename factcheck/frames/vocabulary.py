"""The deal-event vocabulary (`vocabulary.json`), compiled for the frame reader.

The file is data: event types with their `is_a` parents, stages with what they imply and exclude,
and the words that trigger each (English words matched on their stems, so "sign" covers "signs",
"signed" and "signing"; Chinese words matched as substrings). This module turns it into lookup
tables once per process; nothing here knows a particular word.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from ..text import has_cjk, normalize, raw_stem, words

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.json")
MAX_FILLERS = 2
"""Filler words ("the", "its") allowed between the words of a multi-word trigger: "walked away
from the deal", "gave up on its bid"."""


class Trigger(NamedTuple):
    """One entry of the vocabulary that a word or phrase of a text can set off."""

    kind: str
    """type | stage | refinement | attitude | false | speech | negation | hedge | question |
    rise | fall | predicate | nothing (words that look like a trigger but are not
    one: "foreign investment" as a policy area, "traffic fines" as a service)"""
    value: str | None = None
    """The type, stage, attitude or refined stage it stands for."""
    stage: str | None = None
    """For a type word: the stage it asserts in any form ("bought": completed); for words of a
    plan, the stage the plan is of when the clause names none ("is expected to": completed)."""
    finite_stage: str | None = None
    """For a verb: the stage it asserts as a clause's finite verb ("acquired", "buys"), not as an
    infinitive ("to acquire") or a gerund."""
    objects: frozenset[str] = frozenset()
    """Stems one of which must follow (fillers skipped): "rejected the bid" blocks, "rejected the
    report" does not."""
    not_objects: frozenset[str] = frozenset()
    """Stems none of which may follow as its object: "closed the acquisition" completes it,
    "closed its review" does not."""
    refines: str | None = None
    """For a refinement: the stage it makes more precise."""
    noun: bool = False
    """A stage named by a noun ("approval", "talks"): it gives the clause's stage only when no
    verb does ("the talks were terminated" is a termination). For an attitude, a noun
    ("denial") that names no predicate; for a refinement, words that need a stage the clause
    names (`only_with_stage`: "undertakings", "fully")."""
    as_written: bool = False
    """Matched as written, not by stem: "reportedly" is a hedge and "reports" is not;
    "terminated" ends a deal and "terminal" does not."""
    after_modal: bool = False
    """For a verb with a finite stage: it asserts that stage after a modal too ("will clear",
    "did not clear"), where it is no adjective ("made it clear")."""
    received: bool = False
    """The clause's subject receives a stage someone else decides ("won approval", "received a
    licence"): it is a party of the deal, not the one who decides."""


class Phrase(NamedTuple):
    stems: tuple[str, ...]
    """The words to match: stems, or the words themselves for a trigger matched as written."""
    trigger: Trigger


EXACT_KINDS = frozenset("false speech negation hedge question predicate nothing".split())
"""Kinds of trigger always matched as written (see `Trigger.as_written`)."""


class Vocabulary(NamedTuple):
    types: dict[str, dict[str, Any]]
    stages: dict[str, dict[str, Any]]
    by_first_stem: dict[str, tuple[Phrase, ...]]
    """English phrases by the stem of their first word, longest first."""
    by_first_word: dict[str, tuple[Phrase, ...]]
    """The same for `EXACT_KINDS`, by the first word as written."""
    substrings: tuple[tuple[str, Trigger], ...]
    """Chinese words and other non-word triggers ("n't"), longest first."""
    fillers: frozenset[str]
    question_openers: frozenset[str]
    pronouns: frozenset[str]
    """Words that stand for an actor: a verb after one is a finite verb ("it bought")."""
    passive_markers: frozenset[str]
    """Forms of "be" before a participle: "was cleared" is done to its subject."""
    receiving_markers: frozenset[str]
    """Words of text without spaces before a stage the subject received ("获…批准"): see
    `read_frame`."""
    not_finite_after: frozenset[str]
    """Words after which a verb is no clause's finite verb ("to buy", "the close")."""
    modal_verbs: frozenset[str]
    """Modals and forms of "do", after which a bare word is a verb ("will clear", "did not clear")."""
    negating_adverbs: frozenset[str]
    """Words that may stand between a modal and its verb ("did not clear")."""
    asset_nouns: frozenset[str]
    """What is bought or sold of someone: in "the solar business of Acme", Acme is the seller."""
    affiliated_by_hyphen: frozenset[str]
    """Words joined to a name by a hyphen that make it someone's relative ("a Globex-affiliated
    firm"; without the hyphen, "Acme owned Globex" is a verb)."""
    affiliation_nouns: frozenset[str]
    """Nouns after a name that make it someone's relative ("an Acme unit")."""
    auxiliaries: frozenset[str]
    """Predicate words that are no verb of their own ("was", "has"): see `Frame.verbs`."""
    future_markers: tuple[str, ...]
    """Words that speak of what will be ("will", "would"): see `Frame.tense`."""
    interim: frozenset[str]
    """Steps on the way to an outcome (talks, an application, a review): a statement of one
    records less of a clause that names the outcome."""
    prospective: frozenset[str]
    """Stages of what has not happened yet (planned, applied): no support for a claim that
    something happened."""
    unrealised: frozenset[str]
    """Stages at which the event did not happen (blocked, abandoned)."""
    undone: frozenset[str]
    """Stages that record the event has not taken place (talks, blocked, abandoned): no
    support for a clause that says, with a verb of its own and no stage, that it did."""
    one_sided: frozenset[str]
    """Stages done by one party, the subject of their verb (who terminated, who appealed)."""
    possessives: frozenset[str]
    """Words after which a name is what is owned ("its Acme bid": a bid for Acme)."""
    noun_endings: tuple[str, ...]
    """Endings of a noun made from a verb: "prohibition" matches the stage verb "prohibit" by its
    stem, but names the stage as a noun does ("the prohibition"), without asserting it."""
    anaphors: tuple[str, ...]
    """Words that name an event or its actors by reference ("it", "the deal", "both companies")."""
    additive_markers: tuple[str, ...]
    """Words by which a clause's event is one more besides the clause before's ("was also fined")."""
    same_kind_markers: tuple[str, ...]
    """Words that name another event of the kind named before ("… and signed another with it")."""
    boundaries: frozenset[str]
    """Words where a trigger's object is no longer looked for ("denied reports that it signed
    a deal": the deal is not what was denied)."""
    contradiction_markers: frozenset[str]
    """Words after which a clause reports what it calls false: nothing after them is asserted."""
    reason_markers: frozenset[str]
    """Words after the acted-on that give the event's reason ("fined Acme for …")."""
    noun_prepositions: frozenset[str]
    """Words after which a verb's bare form is a noun ("Commission fine on Acme")."""
    report_nouns: frozenset[str]
    """What a false marker before it calls false ("baseless rumours", not "incorrect information")."""
    undergoing_verbs: frozenset[str]
    """Verbs before an object and a participle: what was done to it ("got its fine cut")."""
    perfective_markers: tuple[str, ...]
    """Markers after a Chinese event word that say it happened ("出售了")."""
    means_prepositions: frozenset[str]
    """Words after which a trigger's object is not looked for: the way it is done ("sold through Globex")."""
    articles: frozenset[str]
    """Articles: a stage's participle after one is an adjective ("the planned venture")."""
    origin_prepositions: tuple[str, ...]
    """Between a party's name and a place, say where the party is from ("Mizora Hygiene of Eskaria")."""
    traded_nouns: frozenset[str]
    """Before "of" after a reasoned event's word, say what it is about ("banned exports of mackerel")."""
    subplace_nouns: frozenset[str]
    """Words for a part of a place after its possessive ("Qasmar's capital"): a place inside it."""
    subplace_modifiers: frozenset[str]
    """Words before a place that name a part of it ("northern Qasmar"): a place inside it."""
    subject_pronouns: frozenset[str]
    """Pronouns that begin a later clause as the clause before's subject ("…, and it bought Globex")."""
    reporting_verbs: frozenset[str]
    """Verbs that end a sentence after the name of who reported it (", the Gazette says.")."""
    possibility_markers: frozenset[str]
    """Modals that make a clause a possibility ("might be expanding"): see `Frame.possible`."""
    forum_prepositions: frozenset[str]
    """Words before a name that say where an event is heard ("at the Appeal Tribunal"): no party acted on."""
    comparatives: frozenset[str]
    """Words after a percentage that make it a change, not a share ("3 percent less")."""
    background_after: frozenset[str]
    """Words right after an event word that make it background ("the approval news")."""
    done_markers: tuple[str, ...]
    """Words that say the event has happened ("already manages"): `Frame.tense` 1."""
    object_negations: frozenset[str]
    """Negations that stand where a determiner would ("imposed no fine", "would not have an
    impact"): they negate a stage's verb from its object, and no event when the noun after them
    is none (`reader._negates_a_noun`)."""
    demonym_place_nouns: frozenset[str]
    """Nouns after which a people's word names a place ("the Spanish market", "Chinese imports")."""
    causatives: frozenset[str]
    """Verbs after which a name takes a bare verb ("let Acme buy Globex")."""
    capitals: dict[str, tuple[str, ...]]
    """A capital's name, and how a store may name its country or government."""
    capital_first_words: frozenset[str]
    """The first word of every capital's name: a sentence without one names no capital."""
    phrasal_verbs: dict[str, str]
    """A verb's stem and its particle, and the verb they mean ("step down": "resigned")."""
    institution_nouns: frozenset[str]
    """Words for an institution that after "the" name the store's one entity with that word in
    its name ("the ministry"): `EntityIndex.institutions`."""
    institution_nouns_with_modifier: frozenset[str]
    """The same, only with another word of that name before them ("the competition board")."""
    institution_words: frozenset[str]
    """Both lists: the words a sentence must have to name an institution so."""
    name_prepositions: frozenset[str]
    """Prepositions that, nearest before a name, say its role themselves, unlike "to" or "from"
    ("a fine of up to EUR 1 billion on Acme" is Acme's fine)."""
    place_prepositions: frozenset[str]
    """Prepositions after which a name is where something is done, not what a trigger acts on
    ("floated a management shake-up at Acme": no listing of Acme)."""
    deciding_nouns: frozenset[str]
    """Nouns for the deciding of an event: "no decision on the merger" negates it, though a "no"
    before another noun that is no event does not ("no significant impact on the venture")."""
    pronoun_prepositions: tuple[str, ...]
    """Prepositions after which "it" is the subject of the clause before ("an injunction against it")."""
    expecting: frozenset[str]
    """Stems of verbs after which a stage in the infinitive is a plan ("expects the sale to
    complete"), however far apart."""
    generic_modifiers: frozenset[str]
    """Words before a generic deal word that do not say what kind of deal it is: see
    `Frame.qualifier`."""
    demonyms: dict[str, tuple[str, ...]]
    """Words for a people ("french") and the places they speak of ("france"): a statement that
    names the place uses the word (`matching`'s name conflicts)."""
    demonym_names: tuple[str, ...]
    """How a store may name what a people's word speaks of besides the places of `demonyms`,
    "{people}" standing for the word ("{people} government"): see `claims._demonym_places`."""
    relatives: frozenset[str]
    """Words that open a relative clause between commas (", who founded Acme,"): an event
    word inside it is what the clause mentions of someone, not what it asserts."""
    background: frozenset[str]
    """Words after which a stage noun is background, not what the clause asserts ("shares rose
    after the approval")."""
    ancestors: dict[str, tuple[str, ...]]
    """Each type with its `is_a` chain, itself first."""
    implied: dict[str, frozenset[str]]
    """Each stage with every stage it implies, itself included."""
    spellings: dict[str, tuple[str, ...]]
    """The event trigger words long enough (`SPELLING_LENGTH`) that one letter wrong is still
    that word ("uncondtional", "injuction"): what a claim's unknown words are read as. By their
    first letter, which a slip of typing keeps (`claims._slip`): a twentieth of them to compare."""
    entailing: dict[str, frozenset[str]]
    """For each type and stage, those a statement may record to entail it: the type and its
    kinds (a merger is an acquisition), the stage and those that imply it (completed, agreed)."""
    excluded: frozenset[tuple[str, str]]
    """Pairs of stages that cannot both hold, closed under implication, both orders."""
    excluding: dict[str, tuple[str, ...]]
    """For each stage, the stages it is in `excluded` pairs with (in order): a statement of one
    decides a clause of the other as surely as one of the same stage."""
    converse: frozenset[tuple[str, str]]
    """Types that are one event seen from the other side: a sale to X is X's purchase."""
    persistence_markers: tuple[str, ...]
    """Words that say a state still holds now ("still", "remains"): see `Frame.persists`."""
    counterfactual_markers: tuple[str, ...]
    """Words that say what would have been ("would not have cleared it without …"): no record
    that it was or was not, so the clause is a possibility."""
    ended_by: dict[str, frozenset[str]]
    """For each stage ("" for none), the stages that end it: a persisting claim's denial."""
    ended_by_type: dict[str, frozenset[str]]
    """For each type, the types whose completion by the same actor ends it (a stake sold)."""
    names_event: frozenset[str]
    """Stages that name one event without a type ("appealed the ruling"): a clause with such a
    stage is about a statement's event of that stage, whatever its type."""
    third_party: frozenset[str]
    """Stages someone other than the deal's parties decides (a regulator approves, a court
    blocks): who comes before such a word is not a party acting in the deal."""


SPELLING_LENGTH = 7
"""The shortest trigger word (or inflection of one) a claim's misspelling is read as: shorter
ones have real words one letter away ("appeal" and "appear")."""
ANY_SLIP_LENGTH = 9
"""From this length a trigger word has no real word one letter away, whatever the letter: below
it, only a letter left out, doubled or swapped is a slip ("slapped" is no "snapped")."""


def stems_of(phrase: str) -> tuple[str, ...]:
    return tuple(raw_stem(word) for word in words(normalize(phrase)))


def _inflected_stems(word: str, stem: str) -> dict[str, None]:
    """The stems of a trigger's first word and of its inflections, which the stemmer does not
    always bring back to one ("sue" but "sued" → "su", "rebuff" but "rebuffed" → "rebuf")."""
    if not word.isalpha():
        forms: tuple[str, ...] = ()
    elif word.endswith("e"):
        forms = (f"{word}d", f"{word[:-1]}ing")
    elif len(word) > 2 and word[-1] == word[-2]:
        forms = (f"{word}ed", f"{word}ing")
    else:  # the stemmer brings "planned" back to "plan"; a made-up "planed" would be "plane"
        forms = ()
    return dict.fromkeys([stem, *(raw_stem(form) for form in forms)])


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(words(normalize(phrase)))


ENTITY_OBJECT = "@entity"
"""In an object list: a name of the store's entities counts as the object ("sold Globex")."""


def _objects(entry: dict[str, Any], key: str = "object") -> frozenset[str]:
    return frozenset(word if word == ENTITY_OBJECT else stems_of(word)[0] for word in entry.get(key, ()))


def _entries(data: dict[str, Any]) -> list[tuple[str, Trigger]]:
    """Every (phrase, trigger) pair the file defines."""
    found: list[tuple[str, Trigger]] = []
    for entry in data["triggers"]:
        kind = "type" if "type" in entry else "stage"
        value = entry.get("type") or entry.get("stage")
        stage = entry.get("stage") if kind == "type" else entry.get("plan_of")
        objects = _objects(entry)
        as_written = entry.get("as_written", False)
        for phrase in entry.get("words", ()):
            own = value if kind == "type" else entry["stage"]
            found.append((phrase, Trigger(kind, own, stage, None, objects, as_written=as_written,
                                          received=entry.get("received", False))))
        for phrase in entry.get("nouns", ()):  # as written: "approval" is a noun, "approved" is not
            found.append((phrase, Trigger(kind, value, noun=True, as_written=True)))
        for phrase in entry.get("verbs", ()):
            found.append((phrase, Trigger(kind, value, stage, entry["finite_stage"], objects, _objects(entry, "not_object"),
                                          after_modal=entry.get("after_modal", False))))
    for refinement in data["refinements"]:
        as_written = refinement.get("as_written", False)
        for phrase in refinement.get("words", ()):
            found.append((phrase, Trigger("refinement", refinement["to"], refines=refinement["stage"], as_written=as_written)))
        for phrase in refinement.get("only_with_stage", ()):
            found.append((phrase, Trigger("refinement", refinement["to"], refines=refinement["stage"], noun=True,
                                          as_written=as_written)))
    for attitude, entries in data["attitudes"].items():
        for entry in entries:
            found += [(phrase, Trigger("attitude", attitude, objects=_objects(entry))) for phrase in entry["words"]]
            found += [(phrase, Trigger("attitude", attitude, noun=True, as_written=True)) for phrase in entry.get("nouns", ())]
    for direction, phrases in data["directions"].items():
        found += [(phrase, Trigger(direction)) for phrase in phrases]
    for kind, key in (("false", "false_markers"), ("speech", "speech_verbs"), ("negation", "negations"),
                      ("hedge", "hedges"), ("question", "question_marks"), ("predicate", "predicates"),
                      ("nothing", "not_triggers")):
        found += [(phrase, Trigger(kind, as_written=True)) for phrase in data[key]]
    return found


_WORD_SETS = {
    "fillers": "fillers",
    "question_openers": "question_openers",
    "pronouns": "pronouns",
    "passive_markers": "passive_markers",
    "receiving_markers": "receiving_markers",
    "causatives": "causatives",
    "place_prepositions": "place_prepositions",
    "name_prepositions": "name_prepositions",
    "institution_nouns": "institution_nouns",
    "institution_nouns_with_modifier": "institution_nouns_with_modifier",
    "demonym_place_nouns": "demonym_place_nouns",
    "not_finite_after": "not_finite_after",
    "modal_verbs": "modal_verbs",
    "negating_adverbs": "negating_adverbs",
    "asset_nouns": "asset_nouns",
    "possessives": "possessives",
    "auxiliaries": "auxiliaries",
    "background": "background_markers",
    "background_after": "background_after",
    "relatives": "relatives",
    "generic_modifiers": "generic_modifiers",
    "possibility_markers": "possibility_markers",
    "forum_prepositions": "forum_prepositions",
    "comparatives": "comparatives",
    "report_nouns": "report_nouns",
    "reporting_verbs": "reporting_verbs",
    "subject_pronouns": "subject_pronouns",
    "means_prepositions": "means_prepositions",
    "articles": "articles",
    "traded_nouns": "traded_nouns",
    "subplace_nouns": "subplace_nouns",
    "subplace_modifiers": "subplace_modifiers",
    "undergoing_verbs": "undergoing_verbs",
    "noun_prepositions": "noun_prepositions",
    "reason_markers": "reason_markers",
    "contradiction_markers": "contradiction_markers",
    "boundaries": "clause_boundaries",
}
"""Vocabulary fields that are plain sets of words, and the key of the file each is read from."""


def compile_vocabulary(data: dict[str, Any]) -> Vocabulary:
    by_stem: dict[str, list[Phrase]] = {}
    by_word: dict[str, list[Phrase]] = {}
    substrings: list[tuple[str, Trigger]] = []
    for phrase, trigger in _entries(data):
        if has_cjk(phrase) or not phrase[:1].isalnum() or "'" in phrase:  # no spaces, a mark, inside a word
            substrings.append((phrase, trigger))
        elif trigger.as_written:
            written = words_of(phrase)
            by_word.setdefault(written[0], []).append(Phrase(written, trigger))
        else:
            stems = stems_of(phrase)
            inflected = trigger.kind in ("type", "stage", "attitude") and not trigger.noun and (
                words_of(phrase)[0] not in data["fillers"])  # "the offer": "the" is no verb
            for first in _inflected_stems(words_of(phrase)[0], stems[0]) if inflected else (stems[0],):
                by_stem.setdefault(first, []).append(Phrase((first, *stems[1:]), trigger))
    types, stages = data["types"], data["stages"]
    ancestors: dict[str, tuple[str, ...]] = {}
    for name in types:
        chain = [name]
        while types[chain[-1]].get("is_a"):
            chain.append(types[chain[-1]]["is_a"])
        ancestors[name] = tuple(chain)
    implied: dict[str, frozenset[str]] = {}
    for name in stages:
        seen, todo = {name}, [name]
        while todo:
            for other in stages[todo.pop()].get("implies", ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        implied[name] = frozenset(seen)
    base = {(a, b) for a, b in data["excludes"]} | {(b, a) for a, b in data["excludes"]}
    excluded = frozenset((a, b) for a in stages for b in stages
                         if any((x, y) in base for x in implied[a] for y in implied[b]))
    converse = _converse(types)
    return Vocabulary(
        types=types, stages=stages,
        **{field: frozenset(data[key]) for field, key in _WORD_SETS.items()},
        demonyms={word: tuple(places) for word, places in data["demonyms"].items()},
        demonym_names=tuple(data["demonym_names"]),
        phrasal_verbs=dict(data["phrasal_verbs"]),
        capitals={city: tuple(names) for city, names in data["capitals"].items()},
        capital_first_words=frozenset(city.split()[0] for city in data["capitals"]),
        institution_words=frozenset(data["institution_nouns"]) | frozenset(data["institution_nouns_with_modifier"]),
        by_first_stem=_longest_first(by_stem),
        by_first_word=_longest_first(by_word),
        substrings=tuple(sorted(substrings, key=lambda item: -len(item[0]))),
        noun_endings=tuple(data["noun_endings"]),
        affiliated_by_hyphen=frozenset(data["affiliations"]["hyphenated"]),
        affiliation_nouns=frozenset(data["affiliations"]["nouns"]),
        future_markers=tuple(" ".join(words_of(phrase)) for phrase in data["future_markers"]),
        prospective=_flagged(stages, "prospective"),
        interim=_flagged(stages, "interim"),
        unrealised=_flagged(stages, "unrealised"),
        undone=_flagged(stages, "undone"),
        one_sided=_flagged(stages, "one_sided"),
        anaphors=tuple(" ".join(words_of(phrase)) for phrase in data["anaphors"]),
        same_kind_markers=tuple(" ".join(words_of(phrase)) for phrase in data["same_kind_markers"]),
        additive_markers=tuple(" ".join(words_of(phrase)) for phrase in data["additive_markers"]),
        expecting=frozenset(stem for phrase in data["expecting"] for stem in stems_of(phrase)),
        done_markers=tuple(" ".join(words_of(phrase)) for phrase in data["done_markers"]),
        perfective_markers=tuple(data["perfective_markers"]),
        origin_prepositions=tuple(data["origin_prepositions"]),
        pronoun_prepositions=tuple(data["pronoun_prepositions"]),
        object_negations=frozenset(" ".join(words_of(phrase)) for phrase in data["object_negations"]),
        deciding_nouns=frozenset(" ".join(words_of(phrase)) for phrase in data["deciding_nouns"]),
        ancestors=ancestors, implied=implied, excluded=excluded,
        spellings=_spellings(data),
        entailing=_entailing(ancestors, implied, converse),
        excluding={stage: tuple(sorted(b for a, b in excluded if a == stage)) for stage in stages},
        converse=converse,
        third_party=_flagged(stages, "third_party"),
        persistence_markers=tuple(" ".join(words_of(phrase)) if phrase.isascii() else phrase
                                  for phrase in data["persistence"]["markers"]),
        counterfactual_markers=tuple(" ".join(words_of(phrase)) for phrase in data["counterfactual_markers"]),
        ended_by={stage: frozenset(ends) for stage, ends in data["persistence"]["ended_by"].items()},
        ended_by_type={kind: frozenset(ends) for kind, ends in data["persistence"]["ended_by_type"].items()},
        names_event=_flagged(stages, "names_event"),
    )


def _flagged(stages: dict[str, dict[str, Any]], flag: str) -> frozenset[str]:
    return frozenset(name for name, stage in stages.items() if stage.get(flag))


def _spellings(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """The event trigger words and their inflections ("acquired", "acquires") of
    `SPELLING_LENGTH` letters or more, by first letter (`Vocabulary.spellings`)."""
    forms = sorted({form for phrase, trigger in _entries(data)
                    if trigger.kind in ("type", "stage", "attitude", "refinement")
                    for word in words_of(phrase) if word.isalpha()
                    for form in _inflections(word) if len(form) >= SPELLING_LENGTH})
    return {letter: tuple(group) for letter, group in groupby(forms, key=itemgetter(0))}


def _inflections(word: str) -> tuple[str, ...]:
    """A trigger word as written and as a verb's regular forms (a noun's are harmless)."""
    if len(word) < 5:  # "over" in "take over" is no verb of its own
        return (word,)
    base = word[:-1] if word.endswith("e") else word
    return word, f"{word}s", f"{base}ed", f"{base}ing"


def _entailing(ancestors: dict[str, tuple[str, ...]], implied: dict[str, frozenset[str]],
               converse: frozenset[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """What a statement may record to entail each type (itself, its kinds, and the event seen
    from the other side: a sale to Acme is Acme's purchase, though a stake sold is no takeover)
    and each stage (those implying it)."""
    below = {name: frozenset(other for other, above in (*ancestors.items(), *implied.items()) if name in above)
             for name in (*ancestors, *implied)}
    return {name: found.union(*({kind for kind in below[theirs] if (name, kind) in converse}
                                for mine, theirs in converse if mine == name))
            for name, found in below.items()}


def _converse(types: dict[str, dict[str, Any]]) -> frozenset[tuple[str, str]]:
    """Pairs of types that are one event seen from either side, both orders."""
    pairs = {(name, other) for name, kind in types.items() for other in kind.get("converse", ())}
    return frozenset(pairs | {(b, a) for a, b in pairs})


def _longest_first(phrases: dict[str, list[Phrase]]) -> dict[str, tuple[Phrase, ...]]:
    """Longest first; then those that need an object, a report's before a stage's ("dismissed as
    groundless reports of a deal" is a denial, "dismissed the appeal" a refusal)."""
    def order(phrase: Phrase) -> tuple[int, bool, bool]:
        return -len(phrase.stems), not phrase.trigger.objects, phrase.trigger.kind != "attitude"

    return {first: tuple(sorted(group, key=order)) for first, group in phrases.items()}


class VerbForms(NamedTuple):
    """English verb forms that only a lexicon tells from nouns (`verb_forms.json`)."""

    third_person: frozenset[str]
    """"buys", "owns", "blocks": not "riders" or "offices"."""
    irregular_pasts: frozenset[str]
    """Pasts and participles not in -ed: "bought", "sold", "taken"."""
    unchanged_pasts: frozenset[str]
    """Verbs whose past is the bare form: "bid", "cut", "set"."""


VERB_FORMS_PATH = Path(__file__).with_name("verb_forms.json")


@lru_cache(maxsize=1)
def verb_forms() -> VerbForms:
    """The verb forms, read on first use (about 7,000 words: a few milliseconds, so not part of
    the vocabulary every index keeps in its head)."""
    with open(VERB_FORMS_PATH, encoding="utf-8") as file:
        data = json.load(file)
    return VerbForms(*(frozenset(data[key]) for key in VerbForms._fields))


def read_vocabulary(path: Path = VOCABULARY_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


_compiled: list[Vocabulary] = []


def vocabulary() -> Vocabulary:
    """The package's vocabulary, compiled on first use (or as an index kept it)."""
    if not _compiled:
        _compiled.append(compile_vocabulary(read_vocabulary()))
    return _compiled[0]


def adopt_vocabulary(compiled: Vocabulary) -> None:
    """Use a vocabulary compiled from the same file earlier, as an index keeps it in its head:
    compiling it costs a check 10 ms of start-up, unpickling it well under one."""
    if not _compiled:
        _compiled.append(compiled)
