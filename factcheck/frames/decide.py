"""Whether what a statement asserts decides a clause: the rules of entailment between frames.

A statement recorded as true supports a clause when its event entails the clause's (same or more
specific type, a stage that implies the clause's: "closed" implies "agreed"), and denies it when
its stage excludes the clause's ("blocked" against "approved"). A statement recorded as false
denies a clause whose event would entail it ("bought" would entail the false "agreed to buy").
Polarity is the clause's own ("did not approve") and the statement's own ("registration has not
been completed"): a negative word in a statement is part of what it records, never a flip of the
claim. Anything else decides nothing, with the reason.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from .reader import Frame
from .vocabulary import Vocabulary, vocabulary

SUPPORTED, DENIED = "supported", "denied"


class Decision(NamedTuple):
    verdict: str | None
    """supported | denied, or None: the statement does not decide the clause."""
    kind: str = ""
    """When undecided, what differs: event | stage | role | who | attribution."""
    reason: str = ""


def decide(claim: Frame, statement: Frame, recorded_true: bool, name: Callable[[str], str],
           related: Callable[[str, str], bool], vocab: Vocabulary | None = None) -> Decision:
    """`name(entity_id)` gives a display name; `related(a, b)` whether two entities are one or
    parent and subsidiary (a denial by a bureau is its ministry's)."""
    vocab = vocab or vocabulary()
    opposite_attitudes = False
    if claim.attitude == "denied" or statement.attitude == "denied":
        if claim.attitude is None:
            return Decision(None, "attribution", "the statement records a denial, the claim the event itself")
        if statement.attitude is None:
            return Decision(None, "attribution",
                            "the claim reports a denial, the statement records the event itself")
        opposite_attitudes = claim.attitude != statement.attitude
    elif claim.attitude is not None and statement.attitude is None:
        return Decision(None, "attribution",
                        f"the claim reports what {name(claim.holder) if claim.holder else 'someone'} said, "
                        "the statement records the event itself")
    if claim.holder and statement.holder and not related(claim.holder, statement.holder):
        return Decision(None, "who", f"the claim says {name(claim.holder)}, the statement {name(statement.holder)}")

    types = vocab.types
    ancestors = vocab.ancestors
    ct, st = claim.type, statement.type
    type_forward = ct is None or (st is not None and ct in ancestors[st])
    type_backward = st is None or (ct is not None and st in ancestors[ct])
    if not (type_forward or type_backward):
        return Decision(None, "event", f"the claim says {types[ct]['label']}, the statement {types[st]['label']}")
    role = _swapped_roles(claim, statement, name)
    if role:
        return Decision(None, "role", role)

    implied = vocab.implied
    cs, ss = claim.stage, statement.stage
    excluded = (cs is not None and ss is not None and (cs, ss) in vocab.excluded) or (
        claim.direction != 0 and statement.direction != 0 and claim.direction != statement.direction)
    forward = type_forward and not excluded and (cs is None or (ss is not None and cs in implied[ss]))
    # A false statement denies a clause its own event would make true. Of the type, only that
    # the two are one kind of event is asked: "inked a pact with Y on 2 May" is the rumoured
    # "cooperation agreement with Y on 2 May" in other words, pinned by its particulars.
    backward = not excluded and (ss is None or (cs is not None and ss in implied[cs]))
    if opposite_attitudes:
        excluded, forward, backward = forward or backward, False, False

    claim_positive = not claim.negated
    statement_positive = statement.negated != recorded_true
    if excluded and statement_positive:
        return Decision(DENIED if claim_positive else SUPPORTED)
    if forward and statement_positive:
        return Decision(SUPPORTED if claim_positive else DENIED)
    if backward and not statement_positive:
        return Decision(DENIED if claim_positive else SUPPORTED)
    return _difference(claim, statement, statement_positive, vocab)


def _swapped_roles(claim: Frame, statement: Frame, name: Callable[[str], str]) -> str:
    """Who acts and who is acted on, turned round: "Globex bought Acme" against "Acme bought
    Globex"."""
    if claim.type != statement.type:
        return ""
    for mine, theirs_same, theirs_other in ((claim.agents, statement.agents, statement.patients),
                                            (claim.patients, statement.patients, statement.agents)):
        swapped = [e for e in mine if e in theirs_other and e not in theirs_same]
        if swapped:
            acting = ", ".join(name(e) for e in statement.agents) or "another party"
            return f"the claim has {', '.join(map(name, swapped))} acting where the statement has {acting}"
    return ""


def _difference(claim: Frame, statement: Frame, statement_positive: bool, vocab: Vocabulary) -> Decision:
    """Why a consistent-looking statement does not decide: the nearest words for the user."""
    stages, types = vocab.stages, vocab.types
    if claim.stage != statement.stage and claim.stage is not None:
        said = (f"{stages[statement.stage]['label']} ({statement.stage_words})" if statement.stage and statement.stage_words
                else stages[statement.stage]["label"] if statement.stage else "no stage")
        return Decision(None, "stage", f"the claim says {stages[claim.stage]['label']}, the statement says {said}")
    if claim.type != statement.type and claim.type is not None:
        said = types[statement.type]["label"] if statement.type else "no such event"
        return Decision(None, "event", f"the claim says {types[claim.type]['label']}, the statement {said}")
    if not statement_positive:
        return Decision(None, "stage", "the statement recorded as false says more than the claim")
    return Decision(None, "stage", "the statement says less than the claim")
