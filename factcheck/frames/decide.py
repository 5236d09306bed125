"""Whether what a statement asserts decides a clause: the rules of entailment between frames.

A statement recorded as true supports a clause when its event entails the clause's (same or more
specific type, a stage that implies the clause's: "closed" implies "agreed"), and denies it when
its stage excludes the clause's ("blocked" against "approved"). A statement recorded as false
denies a clause whose event would entail it ("bought" would entail the false "agreed to buy").
Polarity is the clause's own ("did not approve") and the statement's own ("registration has not
been completed"): a negative word in a statement is part of what it records, never a flip of the
claim. Who decides an event (a regulator, a licensor) takes no part in it, and another decider
is another event; a clause that says its state still holds ("still under way") is denied by
what ends it and not confirmed by a record of it then. A statement of what only may be ("the
merger may not be completed before …") records nothing either way. A clause in a verb the
vocabulary does not know says that something took place, confirmed only by that verb or a
synonym, and never by talks, a refusal or a withdrawal. Anything else decides nothing, with the
reason.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from ..text import raw_stem, stem
from .reader import Frame
from .vocabulary import Vocabulary, vocabulary

SUPPORTED, DENIED = "supported", "denied"
BY_EXCLUSION = "excluded"
"""A decision from an outcome that excludes the clause's ("blocked" against "approved"): in a
saga one event may have several ("refused", then granted on appeal), so a statement that records
the clause's own outcome decides before it."""
NONCOMMITTAL = "noncommittal"
"""The attitude of one who neither confirms nor denies ("declined to comment on …")."""


class Decision(NamedTuple):
    verdict: str | None
    """supported | denied, or None: the statement does not decide the clause."""
    kind: str = ""
    """When undecided, what differs: event | stage | role | who | attribution, or weaker (the
    statement records less of the same event: no near miss). When decided, `BY_EXCLUSION` or
    empty (the statement records the clause's own event, or its falsehood)."""
    reason: str = ""


def decide(claim: Frame, statement: Frame, recorded_true: bool, name: Callable[[str], str],
           related: Callable[[str, str], bool], vocab: Vocabulary | None = None) -> Decision:
    """`name(entity_id)` gives a display name; `related(a, b)` whether two entities are one or
    parent and subsidiary (a denial by a bureau is its ministry's)."""
    vocab = vocab or vocabulary()
    if (statement.possible or statement.question) and statement.attitude != "denied":
        # "the merger may not be completed before the sale of …", "Acme said it may sell": what
        # may be, or what a statement asks, is no record of what happened (a denial that it may
        # is one of a denial)
        return Decision(None, "weaker", "the statement says only what may be")
    if statement.negates_another:  # "the investment does not require clearance": no record that it did not happen
        statement = statement._replace(negated=False)
    if NONCOMMITTAL in (claim.attitude, statement.attitude) and claim.attitude != statement.attitude:
        # "Acme declined to comment on the report that it had agreed to …": neither the event
        # nor its denial, and no claim of either is one of declining to comment
        return Decision(None, "attribution", "one of the claim and the statement records no comment")
    if claim.attitude == "denied" and statement.attitude == "said" and statement.negated:
        statement = statement._replace(attitude="denied", negated=False)  # "said it had not" is a denial
    elif statement.attitude == "denied" and claim.attitude == "said" and claim.negated:
        claim = claim._replace(attitude="denied", negated=False)
    opposite_attitudes = False
    if claim.attitude == "denied" or statement.attitude == "denied":
        if claim.attitude is None:
            return Decision(None, "attribution", "the statement records a denial, the claim the event itself")
        if statement.attitude is None:
            return Decision(None, "attribution",
                            "the claim reports a denial, the statement records the event itself")
        opposite_attitudes = claim.attitude != statement.attitude
    if claim.holder and statement.holder and not related(claim.holder, statement.holder):
        return Decision(None, "who", f"the claim says {name(claim.holder)}, the statement {name(statement.holder)}")

    types = vocab.types
    ancestors = vocab.ancestors
    if (claim.persists and statement.type in vocab.ended_by_type.get(claim.type or "", ()) and recorded_true
            and statement.stage == "completed" and not statement.negated
            and not set(claim.agents).isdisjoint(statement.agents)):
        # "Acme still holds a stake in Globex" against "Acme sold its stake in Globex"
        return Decision(DENIED if not claim.negated else SUPPORTED)
    if (claim.type, statement.type) in vocab.converse:
        # one event seen from the other side: a sale to Acme is Acme's purchase
        statement = statement._replace(type=claim.type, agents=statement.counterparts,
                                       counterparts=statement.agents)
        if not statement.agents and vocab.types[claim.type or ""].get("sold_by_itself"):
            # "Globex sold a 12 percent stake to Acme" against "Acme bought 12 percent of Globex":
            # who names no seller has the company selling a stake in itself
            statement = statement._replace(agents=statement.patients)
    if _barred_by_a_restriction(claim, statement, related, vocab):
        # "the regulator barred Acme from selling parts to Globex": its ban on sales to Globex
        claim = claim._replace(type=statement.type, stage=None, agents=claim.deciders, deciders=())
    ct, st = claim.type, statement.type
    type_forward = ct is None or (st is not None and (
        ct in ancestors[st] or (types[ct].get("loosely") and types[ct].get("is_a") == st)))
    type_backward = st is None or (ct is not None and st in ancestors[ct])
    if not (type_forward or type_backward):
        # (a generic agreement is no other event, only less of one: "signed an amended agreement"
        # hides no purchase a less similar statement records)
        return Decision(None, "weaker" if types[st].get("generic") and not types[ct].get("generic") else "event",
                        f"the claim says {types[ct]['label']}, the statement {types[st]['label']}")
    if ct is None and st is not None and types[st].get("restricts"):
        # "the court barred Globex from selling" is not "the court refused an injunction against
        # Globex", nor "Acme was barred from tenders" the refusal of Acme's injunction against it
        barred = next((entity for entity in claim.patients if entity in statement.patients + statement.counterparts),
                      claim.subject if claim.stage in vocab.third_party and claim.subject in statement.agents else None)
        if barred is not None:
            return Decision(None, "role", f"the claim has {name(barred)} {_stage_label(claim, vocab)}, "
                                          f"the statement a {types[st]['label']} it was a party to")
    role = (_swapped_roles(claim, statement, name, vocab) or _other_acted_on(claim, statement, name, related, vocab)
            or _changed_object(claim, statement, name))
    if role:
        return Decision(None, "role", role)
    if claim.stage == statement.stage and claim.doer and statement.doer and not related(claim.doer, statement.doer):
        # "Globex terminated its supply agreement with Acme" against "Acme terminated its supply
        # agreement with Globex": who ended it, or who appealed, is the subject of the verb
        return Decision(None, "who", f"the claim says {name(claim.doer)} {claim.stage_words}, "
                                     f"the statement {name(statement.doer)}")
    if claim.deciders and statement.deciders and not any(
            related(mine, theirs) for mine in claim.deciders for theirs in statement.deciders):
        # "Acme granted Globex a licence" against "Globex granted Acme a licence"; another regulator's approval
        return Decision(None, "who", f"the claim says {name(claim.deciders[0])} decided it, "
                                     f"the statement {name(statement.deciders[0])}")
    if (claim.stage is None and claim.attitude is None and claim.direction == 0 and claim.verbs
            and (ct is None or any(verb.endswith(" by") for verb, _ in claim.verb_objects))
            and (st is not None or claim.negated or not statement.stage)
            and not shares_verb(claim, statement)):
        # an event the vocabulary does not know is not the deal a statement records, unless
        # the statement asserts the same verb: "opened a base" is not "signed a memorandum to
        # open a base", "appealed the injunction ruling" not "the court refused the injunction";
        # nor is a negation of it the negation of what a statement asserts in other words
        # ("had never been opened before" against "opens for the first time"); nor is what is
        # done by someone in a clause about a deal ("the venture is controlled by Acme")
        return Decision(None, "event", f"the claim says {claim.verbs[0]}, the statement does not")

    cs = claim.stage
    # "will open" records a plan: what a claim that names a plan needs
    ss = statement.stage or ("planned" if statement.tense < 0 and cs is not None else None)
    implied = vocab.implied
    if cs == ss == "planned" and statement.planned and claim.planned != statement.planned and (
            claim.planned or "agreed" in implied[statement.planned] or statement.planned in vocab.unrealised):
        # "is weighing a bid" is not "expects to complete the purchase", nor is "plans to sell"
        # (what is only intended) "expects the sale to complete" (what is agreed, and not yet
        # done), nor a plan to block or abandon a deal a plan of the deal ("urged the Authority
        # to prohibit Acme's purchase of Globex" is no plan of Acme's to buy it)
        intended = f" ({vocab.stages[claim.planned]['label']})" if claim.planned else ""
        return Decision(None, "stage", f"the claim says planned{intended}, "
                                       f"the statement planned ({vocab.stages[statement.planned]['label']})")
    excluded = (cs is not None and ss is not None and (cs, ss) in vocab.excluded
                # what a stage that names its event is done to must be one thing: "cut the fine"
                # is not excluded by "upheld the finding"
                and (ct == st or vocab.names_event.isdisjoint((cs, ss)))
                # nor is a lawsuit blocked by the refusal of an injunction in it: an outcome of a
                # kind of the clause's event is that kind's
                and not (ct is not None and st is not None and ct != st and ct in ancestors[st]
                         and not types[ct].get("generic") and not types[st].get("loosely"))
                # nor is a joint venture's set-up excluded by a withdrawn recommendation of something
                # else: a statement that names no kind of event must name one of the clause's actors
                and (st is not None or ct is None or not _actors(claim).isdisjoint(_actors(statement)))
                # nor is one's purchase excluded by another's abandoned bid
                and not (claim.agents and statement.agents
                         and not any(related(a, b) for a in claim.agents for b in statement.agents))) or (
        claim.direction != 0 and statement.direction != 0 and claim.direction != statement.direction)
    not_yet = claim.tense > 0 and (statement.tense < 0 or ss in vocab.prospective)  # "has opened" against "will open"
    forward = (type_forward and not excluded and (cs is None or (ss is not None and cs in implied[ss]))
               and (claim.direction == 0 or statement.direction != 0)  # a rise is no deal's paraphrase
               and not ((cs is None or statement.tense < 0) and not_yet)  # "has paid its reduced fine", "would pay it"
               # a clause that names no stage says the event happened: what was only talked of,
               # refused or abandoned did not ("extended the concession" against "refused to extend it")
               and not (cs is None and ss in vocab.undone and not shares_verb(claim, statement)))
    if claim.attitude == statement.attitude == "denied" and not excluded and not forward:
        # A denial reverses entailment: who denied the rumours of a divorce denied that a
        # filing was planned, as well as the other way round when the two are one rumour (a
        # plan denied and the act denied are one denial).
        forward = cs is None or ss is None or ss in implied[cs] or not vocab.prospective.isdisjoint((cs, ss))
    # A false statement denies a clause its own event would make true. Of the type, only that
    # the two are one kind of event is asked, and a clause that names no stage asserts the
    # rumoured event: "had a pact with Y on 2 May" is the rumoured "signed a cooperation
    # agreement with Y on 2 May", pinned by its particulars. A false plan denies the act: who
    # was not preparing a bid launched none (though a plan is not supported by the act).
    one_kind = (ct == st or (ct is not None and st is not None and (type_forward or type_backward))
                or (ct is None and cs == ss and vocab.names_event.intersection((cs, claim.planned)))  # "appealed the ruling", "would appeal it"
                # "did not appeal the judgment" against "appealed the ruling that granted the permit"
                or (st is None and cs == ss and cs in vocab.names_event and not statement.planned))
    backward = (not excluded and one_kind
                and (ss is None or (ss in implied[cs] or ss in vocab.prospective and (
                    statement.planned is None or statement.planned in implied[cs]) if cs else not recorded_true))
                and not (cs is None and not_yet)  # a false plan says nothing of what happened
                and not (statement.negated and ss is None and cs in vocab.unrealised))  # not bought, and blocked
    if opposite_attitudes:  # "X denied P" against "X said P": only about one and the same event
        same_event = (statement.type or statement.stage) is not None and forward  # (saying less is no contradiction)
        excluded, forward, backward = same_event, False, False

    claim_positive = not claim.negated
    statement_positive = statement.negated != recorded_true
    if claim.persists and not statement.persists:
        # "the inquiry is still under way": what ends it denies it, a record of it then does not confirm it now
        if one_kind and statement_positive and not opposite_attitudes and ss in vocab.ended_by.get(cs or "", ()):
            return Decision(DENIED if claim_positive else SUPPORTED)
        if forward and statement_positive:
            return Decision(None, "weaker", "the claim says it still holds, the statement only that it held "
                                            "when it was recorded")
    if excluded and statement_positive and not (claim.negated and ct is None and st is not None and not claim.refers_back):
        # (a clause that names no event is not supported by excluding another: "Globex did not
        # halt production" against "the ban on sales to Globex took effect")
        return Decision(DENIED if claim_positive else SUPPORTED, BY_EXCLUSION)
    if cs is None and claim_positive and ss is not None and statement_positive and any(
            (stage, ss) in vocab.excluded for stage in _stages_named_by_verbs(claim, vocab)):
        # a stage's verb with an object the vocabulary does not list ("rejected the class action
        # settlement") still says that stage against the one it excludes ("approved the settlement")
        return Decision(None, "stage", f"the claim says {claim.verbs[0]}, the statement "
                                       f"{vocab.stages[ss]['label']}")
    if cs is None and not claim_positive and ct is not None and type_forward and ss in vocab.unrealised and statement_positive:
        # "refused to extend the licence" (it was not extended) against "refused a request to extend it"
        return Decision(SUPPORTED)
    if forward and statement_positive:
        return Decision(SUPPORTED if claim_positive else DENIED)
    if backward and not statement_positive and (claim_positive or ss not in vocab.prospective
                                                or cs is None or cs in vocab.prospective):
        # (a false plan denies the act, but that no bid was prepared is no record that nothing
        # was ever bought: "Acme never bought shares" against a false "was preparing a bid")
        return Decision(DENIED if claim_positive else SUPPORTED)
    if cs is None and not_yet:
        return Decision(None, "stage", "the claim says it happened, the statement "
                                       f"{'that it will' if statement.tense < 0 else 'only ' + _stage_label(statement, vocab)}")
    return _difference(claim, statement, statement_positive, vocab)


def _barred_by_a_restriction(claim: Frame, statement: Frame, related: Callable[[str, str], bool],
                             vocab: Vocabulary) -> bool:
    """Whether a clause that has a decider stop an event ("barred Acme from selling to Globex")
    speaks of a restriction the statement records that decider imposing on its parties (a ban
    on sales to Globex): the same act, seen as what it stopped."""
    st = statement.type
    stopped = claim.stage in vocab.third_party and claim.stage in vocab.unrealised
    acted_on = set(claim.patients + claim.counterparts)
    return (stopped and st is not None and claim.type not in (None, st) and bool(vocab.types[st].get("restricts"))
            and any(related(d, a) for d in claim.deciders for a in statement.agents)
            and bool(acted_on) and acted_on <= set(statement.patients + statement.counterparts))


def _actors(frame: Frame) -> set[str]:
    """Everyone a frame names in a role, or as its subject."""
    return {*frame.agents, *frame.patients, *frame.counterparts, *frame.deciders, frame.subject} - {None}


ROLE_NAMES = ("acting", "acted on", "on the other side")


def _swapped_roles(claim: Frame, statement: Frame, name: Callable[[str], str], vocab: Vocabulary) -> str:
    """An actor in another role than the statement gives it: "Globex bought Acme" against
    "Acme bought Globex", "Acme bought Globex" against "Globex sold a unit to Acme"."""
    if not _kinds_of_one_event(claim, statement, vocab):
        return ""
    mine = (claim.agents, claim.patients, claim.counterparts)
    # a statement that gives no roles has its subject acting ("Acme, Globex and Initech took part
    # in the Springfield Bank's share sale" has Acme invest, not invested in)
    unroled = statement.subject is not None and not (statement.agents or statement.patients or statement.counterparts)
    theirs = ((statement.subject,) if unroled else statement.agents, statement.patients, statement.counterparts)
    if vocab.types[claim.type or ""].get("one_other_side"):  # "an injunction against Globex", "an injunction to stop Globex's vote"
        mine = (claim.agents, claim.patients + claim.counterparts, ())
        theirs = (statement.agents, statement.patients + statement.counterparts, ())
    # "Acme and Globex abandoned the sale of Initech", "Acme and Globex signed the sale agreement"
    joint = any(len(frame.agents) > 1 and set(frame.counterparts) <= set(frame.agents) for frame in (claim, statement))
    for role, entities in enumerate(mine):
        for entity in entities:
            if entity in theirs[role] or entity in claim.affiliated:  # (named only to say whose: "part of Acme")
                continue
            other = next((r for r, found in enumerate(theirs) if entity in found), None)
            if joint and {role, other} == {0, 2}:
                continue  # the buyer or the seller among the two who acted together
            if other is not None:
                return (f"the claim has {name(entity)} {ROLE_NAMES[role]}, "
                        f"the statement has it {ROLE_NAMES[other]}")
    # who decides in the claim takes part in the statement: "Globex approved Acme's purchase of
    # Initech" is not Globex's purchase (the other way round, a regulator the claim seems to
    # have acting, "got a green light from the regulator to buy Globex", is a reading too loose)
    swapped = next((e for e in statement.agents if e in claim.deciders), None)
    if swapped is not None:
        return f"the claim has {name(swapped)} deciding, the statement has it acting"
    return ""


def _kinds_of_one_event(claim: Frame, statement: Frame, vocab: Vocabulary) -> bool:
    """Whether both name an event type, one a kind of the other: only then are their roles the
    same roles."""
    ct, st = claim.type, statement.type
    return ct is not None and st is not None and (ct in vocab.ancestors[st] or st in vocab.ancestors[ct])


def _other_acted_on(claim: Frame, statement: Frame, name: Callable[[str], str], related: Callable[[str, str], bool],
                    vocab: Vocabulary) -> str:
    """Someone else acted on, where the statement names its own: "an injunction against Globex"
    against "an injunction against Initech" (Globex named in passing); nor is a company's unit
    the company ("bought Globex" against "bought Globex Link", Globex's unit)."""
    if not _kinds_of_one_event(claim, statement, vocab):
        return ""
    mine, theirs = claim.patients, statement.patients
    if vocab.types[claim.type or ""].get("one_other_side"):
        mine, theirs = mine + claim.counterparts, theirs + statement.counterparts
    if mine and theirs and not any(a == b for a in mine for b in theirs):
        return f"the claim has {name(mine[0])} acted on, the statement {name(theirs[0])}"
    # someone else acting, where the statement names its own: "the state fund bid for Globex"
    # against "Acme withdrew its offer for Globex, the state fund refusing to sell" (a parent
    # or a unit is left to the party checks: "Acme's shipping arm bought" is Acme Cargo's purchase)
    acting = [a for a in claim.agents if a not in claim.affiliated]  # not whose: "Acme's unit was sold"
    theirs = [b for b in statement.agents if b not in statement.affiliated]
    if acting and theirs and not any(related(a, b) for a in acting for b in theirs):
        return f"the claim has {name(acting[0])} acting, the statement {name(theirs[0])}"
    return ""


def _changed_object(claim: Frame, statement: Frame, name: Callable[[str], str]) -> str:
    """One verb done to or by another: "ordered Globex to pay" against "ordered Acme to pay";
    a parent is not its subsidiary ("controlled by Acme" against "controlled by Acme Capital")."""
    theirs = dict(statement.verb_objects)
    for verb in claim.verbs if claim.subject else ():
        if any(done == f"{raw_stem(verb)} by" for done, _ in claim.verb_objects):
            continue  # the claim says by whom itself
        # done by someone else: "Acme and Globex jointly control the venture" against "controlled
        # by their subsidiaries Acme Capital and …"
        other = theirs.get(f"{raw_stem(verb)} by")
        if other is not None and other != claim.subject:
            return f"the claim has {name(claim.subject)} '{verb}', the statement {name(other)}"
    for verb, entity in claim.verb_objects:
        other = theirs.get(verb)
        if other is not None and other != entity:
            stem, _, by = verb.partition(" ")
            written = next((v for v in claim.verbs if raw_stem(v) == stem), stem)
            return f"the claim has {name(entity)} after '{' '.join((written, by)).strip()}', the statement {name(other)}"
    return ""


def shares_verb(claim: Frame, statement: Frame) -> bool:
    """Whether the statement asserts one of the verbs the vocabulary does not know that the
    claim asserts, or a synonym ("opened" and "opens"; "quits" and "resigned"), or has it as
    the word of its stage ("… and restored in October" against "restored the licence")."""
    asserted = {stem(v) for v in statement.verbs} | {stem(w) for w in statement.stage_words.split()[:1]}
    return not {stem(v) for v in claim.verbs}.isdisjoint(asserted)


def _stages_named_by_verbs(claim: Frame, vocab: Vocabulary) -> set[str]:
    """The stages whose one-word triggers are the claim's verbs the vocabulary did not read
    (their object was not one the trigger lists)."""
    return {phrase.trigger.value for verb in claim.verbs for phrase in vocab.by_first_stem.get(raw_stem(verb), ())
            if phrase.trigger.kind == "stage" and len(phrase.stems) == 1 and phrase.trigger.value}


def _stage_label(frame: Frame, vocab: Vocabulary) -> str:
    return vocab.stages[frame.stage]["label"] if frame.stage else "the event"


def _difference(claim: Frame, statement: Frame, statement_positive: bool, vocab: Vocabulary) -> Decision:
    """Why a consistent-looking statement does not decide: the nearest words for the user."""
    stages, types = vocab.stages, vocab.types
    if claim.stage and claim.stage != statement.stage and (
            statement.stage is None or statement.stage in vocab.implied[claim.stage]
            or (statement.stage in vocab.interim and claim.stage not in vocab.interim)):  # "applied" for "refused"
        return Decision(None, "weaker", f"the claim says {stages[claim.stage]['label']}, "
                                        f"the statement only {_stage_label(statement, vocab)}")
    if claim.stage != statement.stage and claim.stage is not None and not statement_positive and (
            statement.negated or (claim.stage, statement.stage) in vocab.excluded):
        # "its registration had not been completed" records nothing of an approval, nor a false
        # report that it was blocked anything against one: no near miss
        return Decision(None, "weaker", f"the claim says {stages[claim.stage]['label']}, the statement "
                                        f"only that it was not {_stage_label(statement, vocab)}")
    if claim.stage != statement.stage and claim.stage is not None:
        said = (f"{stages[statement.stage]['label']} ({statement.stage_words})" if statement.stage and statement.stage_words
                else stages[statement.stage]["label"] if statement.stage else "no stage")
        return Decision(None, "stage", f"the claim says {stages[claim.stage]['label']}, the statement says {said}")
    if claim.type != statement.type and claim.type is not None:
        said = types[statement.type]["label"] if statement.type else "no such event"
        return Decision(None, "event", f"the claim says {types[claim.type]['label']}, the statement {said}")
    if not statement_positive:
        return Decision(None, "stage", "the statement recorded as false says more than the claim")
    return Decision(None, "weaker", "the statement says less than the claim")
