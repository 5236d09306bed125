"""Event frames: the vocabulary is data, the reader reads what a clause asserts, and the frames
decide claims against statements phrased with negative verbs (blocked, denied, abandoned, false).

Every store here is small, invented and written into a temporary folder: the contracts are the
engine's, not any shipped statement's.
"""

from __future__ import annotations

import copy
import json
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.claims import parse_claim, read_clauses
from factcheck.cli import cli
from factcheck.dates import PartialDate
from factcheck.frames.decide import BY_EXCLUSION, decide, shares_verb
from factcheck.frames.reader import Frame, Mention, read_frame
from factcheck.frames.vocabulary import (VERB_FORMS_PATH, VOCABULARY_PATH, compile_vocabulary, read_vocabulary, verb_forms,
                                         vocabulary)
from factcheck.index import StoreIndex, build_index
from factcheck.matching import check
from factcheck.store import SCHEMA_PATH, load_store
from factcheck.text import normalize, tokens

SCHEMA_FILE = VOCABULARY_PATH.with_name("vocabulary.schema.json")


# --- 1. The vocabulary is data ------------------------------------------------------------------

def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    counts = Counter(key for key, _ in pairs)
    repeated = sorted(key for key, count in counts.items() if count > 1)
    if repeated:
        raise ValueError(f"key(s) given twice in one object: {', '.join(repeated)}")
    return dict(pairs)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return json.loads(VOCABULARY_PATH.read_text(encoding="utf-8"), object_pairs_hook=_unique_pairs)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"), object_pairs_hook=_unique_pairs)


def _schema_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def test_duplicate_keys_are_caught_by_the_hook() -> None:
    with pytest.raises(ValueError, match="given twice"):
        json.loads('{"types": {}, "types": {}}', object_pairs_hook=_unique_pairs)


def test_vocabulary_has_no_duplicate_keys_and_reads_as_the_package_reads_it(data: dict[str, Any]) -> None:
    assert read_vocabulary() == data


def test_vocabulary_names_its_committed_schema(data: dict[str, Any]) -> None:
    assert (VOCABULARY_PATH.parent / data["$schema"]).resolve() == SCHEMA_FILE.resolve()
    assert SCHEMA_FILE.is_file()


def test_vocabulary_schema_is_a_valid_schema(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_vocabulary_validates_against_its_schema(data: dict[str, Any], schema: dict[str, Any]) -> None:
    assert _schema_errors(schema, data) == []


def _with(data: dict[str, Any], change: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    change(changed)
    return changed


@pytest.mark.parametrize("change, where", [
    (lambda d: d.__setitem__("trigers", []), "/"),
    (lambda d: d["types"]["acquisition"].__setitem__("is-a", "deal"), "/types/acquisition"),
    (lambda d: d["stages"]["completed"].__setitem__("implied", ["agreed"]), "/stages/completed"),
    (lambda d: d["triggers"].append({"type": "acquisition", "word": ["gobble"]}), "/triggers/"),
    (lambda d: d["triggers"].append({"stage": "agreed", "verbs": ["shake hands"]}), "/triggers/"),
    (lambda d: d["triggers"].append({"words": ["gobble"]}), "/triggers/"),
    (lambda d: d["refinements"].append({"stage": "approved", "words": ["gladly"], "to": "approved", "x": 1}),
     "/refinements/"),
    (lambda d: d["attitudes"]["denied"].append({"words": ["pooh-pooh"], "objects": ["report"]}), "/attitudes/denied/"),
    (lambda d: d["excludes"].append(["approved"]), "/excludes/"),
    (lambda d: d["directions"].__setitem__("sideways", ["drift"]), "/directions"),
    (lambda d: d["hedges"].append(""), "/hedges/"),
    (lambda d: d.__delitem__("negations"), "/"),
    (lambda d: d["demonym_names"].append("government"), "/demonym_names/"),
], ids=["unknown top-level key", "unknown type key", "unknown stage key", "unknown trigger key",
        "verbs without finite_stage", "trigger without type or stage", "unknown refinement key",
        "unknown attitude key", "exclusion not a pair", "unknown direction", "empty phrase", "missing list",
        "name without {people}"])
def test_schema_refuses_what_the_compiler_would_not_understand(data: dict[str, Any], schema: dict[str, Any],
                                                               change: Any, where: str) -> None:
    errors = _schema_errors(schema, _with(data, change))
    assert errors, "the schema accepted a malformed vocabulary"
    assert any(e.startswith(where) for e in errors), errors


def test_every_trigger_and_refinement_names_a_known_type_or_stage(data: dict[str, Any]) -> None:
    types, stages = set(data["types"]), set(data["stages"])
    unknown = []
    for number, entry in enumerate(data["triggers"]):
        if "type" in entry and entry["type"] not in types:
            unknown.append(f"triggers[{number}].type {entry['type']}")
        for key in ("stage", "finite_stage"):
            if key in entry and entry[key] not in stages:
                unknown.append(f"triggers[{number}].{key} {entry[key]}")
    for number, refinement in enumerate(data["refinements"]):
        for key in ("stage", "to"):
            if refinement[key] not in stages:
                unknown.append(f"refinements[{number}].{key} {refinement[key]}")
    assert unknown == []


def test_a_refinement_leads_to_a_stage_that_implies_the_one_it_refines(data: dict[str, Any]) -> None:
    implied = compile_vocabulary(data).implied
    for refinement in data["refinements"]:
        assert refinement["stage"] in implied[refinement["to"]], refinement["to"]


def test_type_relations_name_known_types_and_is_a_has_no_cycle(data: dict[str, Any]) -> None:
    types = data["types"]
    for name, kind in types.items():
        assert kind.get("is_a") is None or kind["is_a"] in types, f"{name}.is_a: {kind['is_a']}"
        assert all(other in types for other in kind.get("converse", ())), f"{name}.converse: {kind['converse']}"
        assert all(other in types for other in kind.get("wins_over", ())), f"{name}.wins_over: {kind['wins_over']}"
        assert kind.get("whole") is None or kind["whole"] in types, f"{name}.whole: {kind['whole']}"
        seen, current = {name}, kind.get("is_a")
        while current is not None:
            assert current not in seen, f"is_a cycle through {name}"
            seen.add(current)
            current = types[current].get("is_a")


def test_excludes_and_implies_name_known_stages(data: dict[str, Any]) -> None:
    stages = data["stages"]
    for pair in data["excludes"]:
        assert len(pair) == 2 and pair[0] != pair[1] and set(pair) <= set(stages), pair
    for name, stage in stages.items():
        for other in stage.get("implies", ()):
            assert other in stages and other != name, f"{name} implies {other}"
    for name, ends in data["persistence"]["ended_by"].items():
        assert (name == "" or name in stages) and set(ends) <= set(stages) and name not in ends, name
    for name, ends in data["persistence"]["ended_by_type"].items():
        assert name in data["types"] and set(ends) <= set(data["types"]), name


def test_implies_has_no_cycle(data: dict[str, Any]) -> None:
    stages = data["stages"]
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, "implies cycle: " + " -> ".join((*path, name))
        if name in done:
            return
        for other in stages[name].get("implies", ()):
            visit(other, (*path, name))
        done.add(name)

    for name in stages:
        visit(name, ())


def test_no_stage_excludes_itself_or_what_it_implies(data: dict[str, Any]) -> None:
    compiled = compile_vocabulary(data)
    for name in data["stages"]:
        for other in compiled.implied[name]:
            assert (name, other) not in compiled.excluded, f"{name} both implies and excludes {other}"


def test_every_attitude_is_one_a_store_event_field_accepts(data: dict[str, Any]) -> None:
    store_schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    accepted = set(store_schema["$defs"]["event"]["properties"]["attitude"]["enum"])
    assert set(data["attitudes"]) <= accepted


def _phrases_by_kind(data: dict[str, Any]) -> dict[str, list[str]]:
    """Every trigger phrase, by the kind of trigger it is (what the reader does with it)."""
    kinds: dict[str, list[str]] = {}
    for entry in data["triggers"]:
        kind = "type" if "type" in entry else "stage"
        # one phrase may stand twice when its object lists differ: "accept the remedies" approves
        objects = f" +{sorted(entry['object'])}" if "object" in entry else ""
        kinds.setdefault(kind, []).extend(p + objects for key in ("words", "verbs", "nouns") for p in entry.get(key, ()))
    for refinement in data["refinements"]:
        kinds.setdefault("refinement", []).extend([*refinement.get("words", []), *refinement.get("only_with_stage", [])])
    for entries in data["attitudes"].values():
        for entry in entries:
            kinds.setdefault("attitude", []).extend([*entry["words"], *entry.get("nouns", [])])
    for phrases in data["directions"].values():
        kinds.setdefault("direction", []).extend(phrases)
    for key, phrases in data["affiliations"].items():
        kinds[f"affiliations.{key}"] = list(phrases)
    for key in WORD_LISTS:
        kinds[key] = list(data[key])
    return kinds


WORD_LISTS = ("false_markers", "speech_verbs", "negations", "hedges", "question_openers", "question_marks",
              "predicates", "fillers", "anaphors", "same_kind_markers", "additive_markers", "background_markers", "background_after", "relatives", "expecting", "object_negations", "deciding_nouns",
              "causatives", "institution_nouns", "institution_nouns_with_modifier", "place_prepositions", "name_prepositions", "demonym_place_nouns", "demonym_names", "done_markers",
              "pronoun_prepositions",
              "generic_modifiers", "possibility_markers", "counterfactual_markers", "comparatives", "forum_prepositions",
              "report_nouns", "reporting_verbs", "subject_pronouns", "means_prepositions", "articles", "traded_nouns", "origin_prepositions", "subplace_nouns", "subplace_modifiers", "undergoing_verbs", "perfective_markers", "noun_prepositions", "reason_markers", "contradiction_markers", "clause_boundaries",
              "not_triggers", "pronouns", "passive_markers", "not_finite_after", "modal_verbs", "negating_adverbs", "asset_nouns", "noun_endings",
              "possessives", "future_markers", "auxiliaries", "receiving_markers")
"""The vocabulary's top-level lists of phrases."""
KINDS = ["type", "stage", "refinement", "attitude", "direction", *WORD_LISTS,
         "affiliations.hyphenated", "affiliations.nouns"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_trigger_phrase_is_listed_twice_for_one_kind(data: dict[str, Any], kind: str) -> None:
    phrases = _phrases_by_kind(data)[kind]
    counts = Counter(" ".join(p.casefold().split()) for p in phrases)
    assert [p for p, n in counts.items() if n > 1] == []


def test_every_kind_of_phrase_is_covered_by_the_duplicate_check(data: dict[str, Any]) -> None:
    listed = {key for key, value in data.items() if isinstance(value, list) and key not in (
        "excludes", "refinements", "triggers")}
    assert listed <= set(KINDS)


def test_verb_forms_are_sorted_lowercase_words_of_their_kind() -> None:
    """The lexicon's lists (`verb_forms.json`) as the reader relies on them: one word each, in
    order, the third-person forms ending in -s, no past in -ed, and the words the reader's
    examples name where they belong."""
    data = json.loads(VERB_FORMS_PATH.read_text(encoding="utf-8"))
    for key in ("third_person", "irregular_pasts", "unchanged_pasts"):
        assert data[key] == sorted(set(data[key])) and all(word.isalpha() and word.islower() for word in data[key])
    assert all(word.endswith("s") for word in data["third_person"])
    assert not any(word.endswith("ed") for word in data["irregular_pasts"])
    forms = verb_forms()
    assert {"buys", "owns", "blocks"} <= forms.third_person and not {"riders", "offices"} & forms.third_person
    assert {"bought", "sold", "taken"} <= forms.irregular_pasts and {"bid", "cut", "set"} <= forms.unchanged_pasts


def test_demonyms_are_folded_words_each_with_its_places(data: dict[str, Any]) -> None:
    """The matcher compares them with a statement's folded words."""
    for word, places in data["demonyms"].items():
        assert word == word.casefold() and places and all(p == p.casefold() for p in places)


def test_object_lists_have_no_repeats(data: dict[str, Any]) -> None:
    entries = data["triggers"] + [e for entries in data["attitudes"].values() for e in entries]
    repeated = [(entry.get("type") or entry.get("stage") or "attitude", word)
                for entry in entries for word, n in Counter(entry.get("object", ())).items() if n > 1]
    assert repeated == []


def _frame(text: str, entity_names: dict[str, str], vocab: Any = None) -> Frame:
    """`read_frame` on its own: entities found by their names as written (lower case)."""
    normalized = normalize(text)
    mentions = [Mention(entity, normalized.index(name), normalized.index(name) + len(name), False)
                for entity, name in entity_names.items()]
    return read_frame(normalized, tokens(normalized), mentions, vocab)


def test_a_word_of_a_name_is_no_verb_of_the_clause() -> None:
    """"Winfred" ends like a past form: in a name, it is none."""
    assert _frame("Acme and Winfred Group abandoned the sale", {"acme": "acme", "winfred": "winfred group"}).verbs == ()


def test_a_trigger_added_to_the_data_is_read(data: dict[str, Any]) -> None:
    text, names = "Acme gobbled up Globex", {"acme": "acme", "globex": "globex"}
    before = _frame(text, names)
    assert before.type is None and before.stage is None

    changed = copy.deepcopy(data)
    entry = next(e for e in changed["triggers"]
                 if e.get("type") == "acquisition" and e.get("stage") == "completed" and "words" in e)
    entry["words"].append("gobbled up")
    after = _frame(text, names, compile_vocabulary(changed))
    assert (after.type, after.stage) == ("acquisition", "completed")
    assert (after.agents, after.patients) == (("acme",), ("globex",))

    assert data == read_vocabulary()  # the copy was changed, not the package's data
    assert _frame(text, names, vocabulary()).type is None


def test_a_stage_relation_changed_in_the_data_changes_decisions(data: dict[str, Any]) -> None:
    bought = Frame(type="acquisition", stage="completed")
    rumoured = Frame(type="acquisition", stage="agreed")  # recorded as false
    assert decide(bought, rumoured, False, str, lambda a, b: a == b).verdict == "denied"
    changed = copy.deepcopy(data)
    changed["stages"]["completed"].pop("implies", None)
    changed["excludes"] = [pair for pair in changed["excludes"] if "completed" not in pair]
    assert decide(bought, rumoured, False, str, lambda a, b: a == b, compile_vocabulary(changed)).verdict is None


# --- The store the reader and the decisions use ---------------------------------------------------

QUOTES = {
    "blocked": "The Trade Authority blocked Acme's takeover of Globex",
    "injunction": "The court denied Acme's request for an injunction",
    "not-abandoned": "Reports that Initech abandoned its bid for Globex were false",
    "rumour": "Acme denied reports that it agreed to buy Initech for $2 billion",
    "jv": "Globex and Initech set up a joint venture",
    "cargo-lease": "Acme Cargo signed a leasing agreement with Globex",
}

STORE = """\
version: 1
entities:
  acme: {name: Acme Corp, aliases: [Acme, 艾克米], kind: company}
  acme-cargo: {name: Acme Cargo, aliases: [艾克米货运], kind: company, parent: acme}
  globex: {name: Globex, aliases: [Globex Holdings], kind: company}
  globex-link: {name: Globex Link, kind: company, parent: globex}
  initech: {name: Initech, kind: company}
  regulator: {name: Trade Authority, kind: regulator}
  court: {name: High Court, kind: organisation}
sources:
  wire: {title: Deals this week, publisher: The Wire, published: 2022-05-02, url: "https://wire.example/deals", document: docs/wire.txt}
statements:
  - id: blocked
    claim: The Trade Authority blocked Acme's takeover of Globex
    verdict: supported
    parties: [regulator, acme, globex]
    citations: [{source: wire, quote: "The Trade Authority blocked Acme's takeover of Globex"}]
  - id: injunction
    claim: The court denied Acme's request for an injunction
    verdict: supported
    parties: [court, acme]
    citations: [{source: wire, quote: "The court denied Acme's request for an injunction"}]
  - id: not-abandoned
    claim: Reports that Initech abandoned its bid for Globex were false
    verdict: supported
    parties: [initech, globex]
    citations: [{source: wire, quote: "Reports that Initech abandoned its bid for Globex were false"}]
  - id: rumour
    claim: Acme agreed to buy Initech for $2 billion
    verdict: denied
    parties: [acme, initech]
    citations: [{source: wire, quote: "Acme denied reports that it agreed to buy Initech for $2 billion"}]
  - id: jv
    claim: Globex and Initech set up a joint venture
    verdict: supported
    parties: [globex, initech]
    citations: [{source: wire, quote: "Globex and Initech set up a joint venture"}]
  - id: cargo-lease
    claim: Acme Cargo signed a leasing agreement with Globex
    verdict: supported
    parties: [acme-cargo, globex]
    citations: [{source: wire, quote: "Acme Cargo signed a leasing agreement with Globex"}]
"""


def write(folder: Path, store: str = STORE, quotes: dict[str, str] = QUOTES) -> Path:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "wire.txt").write_text("".join(f"{q}.\n" for q in quotes.values()), encoding="utf-8")
    path = folder / "store.yaml"
    path.write_text(textwrap.dedent(store), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("frames"))


@pytest.fixture(scope="module")
def index(store_path: Path) -> StoreIndex:
    return build_index(load_store([store_path]))


def frame_of(index: StoreIndex, text: str) -> Frame:
    return parse_claim(text, index.entities, None, index.words).frame


# --- 2. The reader --------------------------------------------------------------------------------

DEFAULTS = {"negated": False, "attitude": None, "holder": None, "hedged": False, "question": False, "asserts": True}
"""What a plain assertion reads as; each case below says where it differs."""

READINGS = [
    pytest.param("Acme agreed to buy Globex",
                 {"type": "acquisition", "stage": "agreed", "agents": ("acme",), "patients": ("globex",)},
                 id="agreed to buy"),
    pytest.param("Acme completed its purchase of Globex", {"type": "acquisition", "stage": "completed"},
                 id="completed purchase"),
    pytest.param("Acme walked away from the Globex deal", {"stage": "abandoned"}, id="walked away"),
    pytest.param("The Trade Authority blocked the merger", {"stage": "blocked"}, id="regulator blocked"),
    pytest.param("The regulator blocked Acme's takeover of Globex",
                 {"type": "acquisition", "stage": "blocked", "agents": ("acme",), "patients": ("globex",)},
                 id="unnamed regulator blocked, roles kept"),
    pytest.param("The Trade Authority blocked Acme's takeover of Globex",
                 {"type": "acquisition", "stage": "blocked", "agents": ("acme",), "patients": ("globex",)},
                 id="named regulator blocked, roles kept"),
    pytest.param("The regulator blocked the merger", {"type": "merger", "stage": "blocked"},
                 id="blocked the merger: type"),
    pytest.param("The Trade Authority cleared the deal subject to conditions", {"stage": "approved-conditionally"},
                 id="cleared with conditions"),
    pytest.param("Acme won unconditional approval for its purchase of Globex",
                 {"type": "acquisition", "stage": "approved-unconditionally"}, id="unconditional approval"),
    pytest.param("Acme won unconditional approval for its purchase of Globex",
                 {"type": "acquisition", "stage": "approved-unconditionally", "agents": ("acme",),
                  "patients": ("globex",)},
                 id="unconditional approval: buyer"),
    pytest.param("Acme is planning to apply for a licence", {"type": "licence", "stage": "planned"},
                 id="planning to apply"),
    pytest.param("The court denied Acme's request for an injunction", {"type": "injunction", "stage": "blocked"},
                 id="court denied a request: blocked, no attitude"),
    pytest.param("Acme denied reports that it agreed to buy Globex",
                 {"type": "acquisition", "stage": "agreed", "attitude": "denied", "holder": "acme"},
                 id="denied reports: attitude"),
    pytest.param("Reports that Acme bought Globex were false",
                 {"type": "acquisition", "stage": "completed", "negated": True}, id="reports were false"),
    pytest.param("Acme did not sign the agreement", {"stage": "agreed", "negated": True}, id="did not sign"),
    pytest.param("It is false that Acme denied agreeing to buy Globex",
                 {"stage": "agreed", "attitude": "denied", "holder": "acme", "negated": True},
                 id="false that it denied"),
    pytest.param("Acme reportedly agreed to buy Globex", {"stage": "agreed", "hedged": True}, id="reportedly"),
    pytest.param("Did Acme buy Globex?", {"type": "acquisition", "question": True}, id="question"),
    pytest.param("Acme deal", {"asserts": False}, id="fragment"),
    pytest.param("Globex was acquired by Acme",
                 {"type": "acquisition", "stage": "completed", "agents": ("acme",), "patients": ("globex",)},
                 id="passive: roles"),
    pytest.param("Initech sued Globex, saying it broke the law by recommending Acme's offer",
                 {"type": "lawsuit", "agents": ("initech",)}, id="by doing: how, not by whom"),
    pytest.param("Globex sold its unit to Acme",
                 {"type": "divestment", "stage": "completed", "agents": ("globex",), "counterparts": ("acme",)},
                 id="sale to: counterpart"),
    pytest.param("Acme pulled the plug on its Globex bid",
                 {"type": "acquisition", "stage": "abandoned", "agents": ("acme",), "patients": ("globex",)},
                 id="its Globex bid: Globex is bought"),
    pytest.param("The Trade Authority never referred the Acme-Globex deal for an in-depth review",
                 {"stage": "under-review", "negated": True}, id="a negated verb negates its object's event"),
    pytest.param("The High Court upheld in full the EUR 4 million fine imposed on Acme", {"type": "fine", "stage": "upheld"},
                 id="upheld in full: an adverb before the object"),
    pytest.param("The High Court upheld the Trade Authority's EUR 4.5 million data-protection fine on Acme",
                 {"type": "fine", "stage": "upheld"}, id="upheld: a figure before the object is no word of distance"),
    pytest.param("The High Court threw out Acme's challenge to its EUR 4 million penalty", {"stage": "upheld"},
                 id="threw out: the nearest object says which (a challenge rejected upholds the penalty, quashes none)"),
    pytest.param("Acme agreed to sell her branch's 28 percent stake in Globex to Initech",
                 {"type": "stake-sale", "stage": "agreed"}, id="an owner before the object is not the object"),
    pytest.param("Initech floated a management shake-up at Acme", {"type": None, "stage": None},
                 id="a name after 'at' is where, not what is floated"),
    pytest.param("Initech floated a fine of EUR 1 billion on Acme", {"type": "fine", "stage": "planned"},
                 id="floated a fine: proposed, nearer than a name that could be listed"),
    pytest.param("Initech floated Acme in London", {"type": "listing", "stage": "completed"},
                 id="floated a company: listed"),
    pytest.param("Acme bought a 40 percent stake in Globex", {"type": "investment"}, id="a stake is an investment"),
    pytest.param("Acme bought a 100 percent stake in Globex", {"type": "acquisition"},
                 id="a stake of 100 percent is the company: an acquisition"),
    pytest.param("The court refused Acme's bid for an interim injunction", {"type": "injunction", "stage": "blocked"},
                 id="a bid for an injunction is an application, no takeover bid"),
    pytest.param("Acme lost its bid for an interim injunction", {"type": "injunction", "stage": "blocked"},
                 id="lost its bid: refused"),
    pytest.param("Acme made a bid for Globex", {"type": "acquisition", "stage": "offered"}, id="a bid for a company"),
    pytest.param("The Trade Authority hit Acme with a EUR 4 million fine", {"type": "fine", "stage": "completed"},
                 id="hit with a fine: imposed"),
    pytest.param("Acme was hit by a fall in demand", {"type": None, "stage": None}, id="hit by: no fine imposed"),
    pytest.param("Acme was hit with a EUR 4 million penalty", {"type": "fine", "agents": (), "patients": ("acme",)},
                 id="a company named acting in a fine is the one fined"),
    pytest.param("The High Court dismissed Acme's appeal against its EUR 4 million fine",
                 {"type": "fine", "stage": "upheld"}, id="an appeal dismissed: what it challenged stands"),
    pytest.param("The Trade Authority restored Acme's licence", {"type": "licence", "stage": "approved"},
                 id="a licence restored is granted again"),
    pytest.param("The Trade Authority lifted the ban on Acme", {"type": "ban", "stage": "overturned"},
                 id="a ban lifted ends it"),
    pytest.param("Acme restored its reputation", {"type": None, "stage": None},
                 id="a possessive is no object: 'its' is not 'it'"),
    pytest.param("The authority blocked Acme's takeover of Globex", {"type": "acquisition", "stage": "blocked",
                 "agents": ("acme",), "patients": ("globex",), "deciders": ("regulator",)},
                 id="the authority: the store's one entity with that word in its name"),
    pytest.param("The ports authority blocked Acme's takeover of Globex",
                 {"type": "acquisition", "stage": "blocked", "deciders": ()},
                 id="the ports authority: a word no name of the store's authority has"),
    pytest.param("The Authority of Ports blocked Acme's takeover of Globex",
                 {"type": "acquisition", "stage": "blocked", "deciders": ()}, id="the Authority of …: another name"),
    pytest.param("The authority gave Acme's Globex takeover the green light",
                 {"type": "acquisition", "stage": "approved", "deciders": ("regulator",)}, id="gave it the green light"),
    pytest.param("The court left the fine on Acme unchanged", {"type": "fine", "stage": "upheld"},
                 id="a fine left unchanged is upheld"),
    pytest.param("The Trade Authority must decide whether to clear Acme's takeover of Globex or block it",
                 {"stage": "blocked", "possible": True}, id="one of stages joined by 'or' is a choice, not done"),
    pytest.param("The Trade Authority waved the deal through", {"stage": "approved"}, id="waved the deal through"),
    pytest.param("艾克米同意收购一家公司15%的股份", {"type": "investment", "stage": "agreed"},
                 id="Chinese: buying a percentage of the shares is a stake"),
    pytest.param("艾克米同意收购一家公司", {"type": "acquisition", "stage": "agreed"}, id="Chinese: buying a company"),
    pytest.param("法院拒绝了艾克米的申请", {"stage": "blocked"}, id="Chinese: 拒绝, refused"),
    pytest.param("法院维持了对艾克米的罚款", {"type": "fine", "stage": "upheld"}, id="Chinese: 维持, upheld"),
    pytest.param("法院撤销了对艾克米的罚款", {"type": "fine", "stage": "overturned"}, id="Chinese: 撤销, overturned"),
    pytest.param("法院下调了对艾克米的罚款", {"type": "fine", "stage": "reduced"}, id="Chinese: 下调, reduced"),
    pytest.param("监管机构向艾克米发放了牌照", {"type": "licence", "stage": "approved"}, id="Chinese: 发放, a licence issued"),
    pytest.param("监管机构剥夺了艾克米的牌照", {"type": "licence", "stage": "revoked"}, id="Chinese: 剥夺, stripped"),
    pytest.param("法院批准了艾克米的禁令申请", {"type": "injunction", "stage": "approved"},
                 id="Chinese: an application for a court's 禁令 is for an injunction, not a ban"),
    pytest.param("Acme put its planned listing of Globex on hold", {"type": "listing", "stage": "postponed"},
                 id="put on hold: postponed"),
    pytest.param("Acme's shares began trading in Springfield", {"type": "listing", "stage": "completed"},
                 id="shares began trading: listed"),
    pytest.param("Globex's board recommended Acme's takeover proposal", {"type": "acquisition", "stage": "approved"},
                 id="a board that recommends a bid approves it"),
    pytest.param("Acme came out to deny it had signed a deal with Globex",
                 {"type": "deal", "stage": "agreed", "attitude": "denied", "holder": "acme"},
                 id="deny it had signed: what is denied, not a refusal of a deal"),
    pytest.param("Acme branded as false the reports that it had agreed to buy Globex",
                 {"type": "acquisition", "stage": "agreed", "attitude": "denied", "holder": "acme"},
                 id="branded as false: a denial"),
    pytest.param("The High Court refused on 24 May 2024 Acme's application for an injunction",
                 {"type": "injunction", "stage": "blocked"}, id="refused on a date: the object after it"),
    pytest.param("The Trade Authority blocked the Acme-Globex tie-up", {"type": "deal", "stage": "blocked"},
                 id="a tie-up is any deal (a merger as often as a partnership)"),
    pytest.param("Acme agreed to buy into Globex", {"type": "investment", "stage": "agreed"}, id="buy into: a stake"),
    pytest.param("Acme and Globex signed a patent cross-licence", {"type": "licence", "stage": "agreed"},
                 id="a cross-licence is a licence"),
    pytest.param("Acme block exemption", {"stage": "approved", "asserts": False},
                 id="a block exemption is a noun, no block: a fragment"),
    pytest.param("Acme preparing court filing", {"stage": "planned", "asserts": True},
                 id="a headline's 'preparing a filing': a plan"),
    pytest.param("Acme and Globex reached an agreement", {"type": "agreement", "stage": "agreed"},
                 id="reached an agreement: an agreement, agreed"),
    pytest.param("The Trade Authority halted the Acme deal", {"type": "deal", "stage": "blocked"}, id="a deal halted is blocked"),
    pytest.param("Acme halted production in Springfield", {"stage": None}, id="production halted is no deal's block"),
    pytest.param("Acme's phones went on sale in Springfield", {"type": None}, id="on sale: in the shops, no divestment"),
    pytest.param("The Trade Authority hit Acme with export and investment curbs", {"type": "ban"},
                 id="investment curbs: a ban, no investment"),
    pytest.param("The Trade Authority imposed a fine of up to EUR 4 million on Acme",
                 {"type": "fine", "agents": ("regulator",), "patients": ("acme",), "counterparts": ()},
                 id="'up to' a figure: no 'to' of the other side"),
    pytest.param("The Trade Authority handed Acme a EUR 4 million fine",
                 {"type": "fine", "stage": "completed", "agents": ("regulator",), "patients": ("acme",)},
                 id="handed a fine: who is fined"),
    pytest.param("The High Court handed down its judgment cutting Acme's fine", {"type": "fine", "stage": "reduced"},
                 id="handed down a judgment: no fine handed"),
    pytest.param("The Trade Authority turned it down", {"stage": "blocked"}, id="turned it down"),
    pytest.param("The Trade Authority greenlit the merger", {"type": "merger", "stage": "approved"}, id="greenlit"),
    pytest.param("Acme's sales were up 30 percent", {"direction": 1}, id="were up: a rise"),
    pytest.param("Acme won clearance for its takeover of Globex after offering concessions",
                 {"type": "acquisition", "stage": "approved-conditionally"}, id="offering concessions: remedies, no licence"),
    pytest.param("Acme and Globex jointly control the venture", {"verbs": ("control",)},
                 id="a plural subject's verb after an adverb"),
    pytest.param("艾克米已于2024年5月进入法国市场", {"tense": 1}, id="已: done"),
    pytest.param("The Trade Authority rejected Globex's request that it prohibit the merger",
                 {"type": "merger", "stage": "blocked", "negated": True}, id="a request that it block, refused"),
    pytest.param("Acme notified the Trade Authority of its takeover of Globex", {"type": "acquisition", "stage": "applied"},
                 id="notified a regulator: applied"),
    pytest.param("Despite Acme's denial, it did make an offer for Globex", {"type": "acquisition", "stage": "offered"},
                 id="despite a denial: the denial is background"),
    pytest.param("Despite Acme's denial, it agreed to buy Globex", {"type": "acquisition", "stage": "agreed"},
                 id="a comma ends the background"),
    pytest.param("Acme, Globex and the value-added telecom pilot", {"asserts": False},
                 id="a hyphenated adjective is no verb, and one word"),
    pytest.param("艾克米与Globex成立合资公司获无条件批准", {"type": "joint-venture", "stage": "approved-unconditionally"},
                 id="获…批准: the approval received is the clause's stage"),
    pytest.param("Acme pulled its stock market listing", {"type": "listing", "stage": "abandoned"},
                 id="pulled its listing"),
    pytest.param("Acme tore up its supply contract with Globex", {"type": "contract", "stage": "abandoned"},
                 id="tore up a contract"),
    pytest.param("Globex's supply contract was cut short by Acme", {"type": "contract", "stage": "abandoned"},
                 id="cut short: ended early"),
    pytest.param("Acme agreed to lend Globex EUR 165 million", {"type": "loan", "stage": "agreed"},
                 id="lend: a loan, no sale"),
    pytest.param("Acme brought an action against the Trade Authority's licence for Globex", {"type": "lawsuit", "stage": "completed"},
                 id="brought an action: a lawsuit"),
    pytest.param("Acme lost its case against Globex", {"stage": "blocked"}, id="lost its case"),
    pytest.param("Acme Edge raised EUR 520 million in its flotation", {"type": "listing"}, id="a flotation is a listing"),
    pytest.param("艾克米推迟了首次公开募股", {"type": "listing", "stage": "postponed"}, id="首次公开募股: an IPO"),
    pytest.param("The court dismissed Acme's action against Globex", {"stage": "blocked"}, id="dismissed an action"),
    pytest.param("Acme listed EUR 750 million of green bonds in Springfield", {"type": "listing", "stage": "completed"},
                 id="listed bonds: a listing done"),
    pytest.param("The High Court granted Acme a permit for its plant, subject to noise limits",
                 {"type": "licence", "stage": "approved-conditionally"}, id="an approval subject to limits: conditional"),
    pytest.param("Acme walked away from Globex, withdrawing its offer",
                 {"type": "acquisition", "stage": "abandoned", "agents": ("acme",), "patients": ("globex",)},
                 id="walked away from Globex: its offer is for Globex"),
    pytest.param("The Trade Authority cleared Acme's acquisition of Globex, requiring the sale of Globex's port",
                 {"type": "acquisition", "agents": ("acme",), "patients": ("globex",), "counterparts": ()},
                 id="a name's role is where it is first named"),
    pytest.param("Acme's appeal against the prohibition", {"stage": "challenged", "has_predicate": False, "asserts": False},
                 id="a noun made from a stage verb names the stage without asserting it"),
    pytest.param("The Trade Authority's conditional clearance of the Acme and Globex joint venture",
                 {"type": "joint-venture", "has_predicate": False, "asserts": False},
                 id="the words of a trigger of several are a noun: 'joint venture' has no verb"),
    pytest.param("Acme will complete its purchase of Globex", {"type": "acquisition", "stage": "planned", "tense": -1},
                 id="will complete: not yet"),
    pytest.param("Acme has opened two offices in Springfield", {"stage": None, "tense": 1},
                 id="has opened: happened, with a verb the vocabulary does not know"),
    pytest.param("Two offices are to be opened by Acme", {"stage": None, "tense": -1}, id="are to be opened"),
    pytest.param("The Trade Authority blocked the sale, finding it would have lifted Acme's share to 61 percent",
                 {"stage": "blocked", "tense": 0}, id="a future after the asserted stage is not the clause's"),
    pytest.param("Acme confirmed its office plans", {"attitude": "confirmed", "holder": "acme", "tense": 0},
                 id="an attitude's verb says who, not what happened"),
    pytest.param("Acme has opened a base in Springfield", {"stage": None, "tense": 1, "verbs": ("opened",)},
                 id="a verb the vocabulary does not know"),
    pytest.param("Acme began flying to Springfield", {"tense": 1, "verbs": ("began",)}, id="an irregular past"),
    pytest.param("Acme agreed to buy Globex in May 2022", {"hedged": False}, id="May the month is no hedge"),
    pytest.param("Acme may agree to buy Globex", {"hedged": True}, id="may the verb is"),
    pytest.param("Acme offered EUR 30 a share for Globex", {"type": "acquisition", "stage": "offered"},
                 id="offered a price"),
    pytest.param("The Trade Authority fined Acme during its review of the merger",
                 {"type": "fine", "stage": "completed"}, id="fined; a review during which is background"),
    pytest.param("The Trade Authority imposed no fine on Globex", {"type": "fine", "negated": True}, id="no fine"),
    pytest.param("Acme appealed the High Court's injunction ruling", {"type": "injunction", "stage": "challenged"},
                 id="appealed a ruling"),
    pytest.param("A court overturned the fine", {"type": "fine", "stage": "overturned"}, id="overturned"),
    pytest.param("The joint venture got off the ground in May 2023", {"type": "joint-venture", "stage": "completed"},
                 id="got off the ground"),
    pytest.param("Globex's regional unit was bought by Acme",
                 {"type": "acquisition", "agents": ("acme",), "patients": (), "counterparts": ("globex",)},
                 id="owner before a passive purchase"),
    pytest.param("Acme bought Globex Holdings' regional unit",
                 {"type": "acquisition", "agents": ("acme",), "counterparts": ("globex",)},
                 id="a plural's possessive"),
    pytest.param("Acme withdrew its offer for Globex after Globex shareholders voted down its nominees",
                 {"type": "acquisition", "stage": "abandoned"}, id="a type in the background changes nothing"),
    pytest.param("The Trade Authority did not give Acme the unconditional clearance it asked for",
                 {"stage": "approved-unconditionally", "negated": True}, id="did not give clearance"),
    pytest.param("Globex offloaded a 19.9% holding in Initech to Acme", {"type": "stake-sale", "stage": "completed"},
                 id="a holding is what is sold, though it ends in -ing"),
    pytest.param("A Globex-affiliated company signed a lease with Initech",
                 {"affiliated": ("globex",), "subject": None}, id="named as someone's relative"),
    pytest.param("Globex owned Initech until 2020", {"affiliated": ()}, id="owned as a verb names no relative"),
    pytest.param("Globex paid $2 billion for 21 percent of Initech", {"type": "investment", "stage": "completed"},
                 id="paid for a share: an investment, not the predicate 'paid'"),
    pytest.param("Acme received a mining licence from the Trade Authority", {"type": "licence", "stage": "approved"},
                 id="an -ing adjective before the object"),
    pytest.param("Acme became Globex's largest shareholder", {"type": "investment"}, id="shareholder"),
    # roles are read from English word order: a Chinese clause has its event but no roles
    pytest.param("艾克米收购Globex", {"type": "acquisition", "agents": ()}, id="chinese trigger"),
    pytest.param("艾克米收购了Globex", {"type": "acquisition"}, id="chinese: with the completed-aspect particle"),
    pytest.param("艾克米收购案", {"type": "acquisition", "asserts": False}, id="chinese: a type word as a noun"),
    pytest.param("The Trade Authority accepted Acme's remedies", {"stage": "approved-conditionally"},
                 id="accepted remedies: approved with conditions"),
    pytest.param("The High Court rejected Acme's argument", {"stage": "blocked"}, id="rejected an argument"),
    pytest.param("Acme did not offer to sell Globex", {"type": "divestment", "stage": "offered", "negated": True},
                 id="did not offer to sell"),
    pytest.param("The Trade Authority's inquiry into Acme's stake in Globex is still under way",
                 {"type": "investment", "stage": "under-review", "persists": True}, id="still under way: persists"),
    pytest.param("The joint venture will be jointly controlled by their subsidiaries Acme Cargo and Globex Link",
                 {"verb_objects": (("control by", "acme-cargo"),)}, id="done by: after 'by', fillers and relatives"),
    pytest.param("The Acme Cargo subsidiary signed a leasing agreement with Globex",
                 {"subject": "acme-cargo", "affiliated": ("acme-cargo",)},
                 id="a relative named alone is the subject"),
    pytest.param("Acme shares rose on the news of its joint venture approval", {"stage": None, "direction": 1},
                 id="news of an approval: background, fillers apart"),
    pytest.param("Acme shares did not rise on the joint venture approval news", {"stage": None, "negated": True},
                 id="the approval news: background"),
    pytest.param("监管机构对艾克米处以300万罚款", {"type": "fine", "stage": "completed"}, id="chinese: a fine imposed"),
    pytest.param("监管机构向艾克米授予许可证", {"type": "licence", "stage": "approved"}, id="chinese: a licence granted"),
    pytest.param("Globex sued Acme", {"type": "lawsuit", "stage": "completed"},
                 id="sued: an inflection the stemmer does not bring back to its verb"),
    pytest.param("Globex's board rebuffed Acme's offer of EUR 4 a share", {"type": "acquisition", "stage": "blocked"},
                 id="rebuffed: a doubled consonant"),
    pytest.param("The regulator might block Acme's takeover of Globex", {"possible": True, "hedged": True},
                 id="might block: a possibility"),
    pytest.param("Acme might have bought Globex", {"possible": False, "hedged": True}, id="might have bought: a hedge"),
    pytest.param("The regulator may refuse Acme's licence", {"possible": True, "hedged": True},
                 id="may refuse: a possibility"),
    pytest.param("The tribunal could cut Acme's fine", {"type": "fine", "stage": "reduced", "possible": True, "hedged": True},
                 id="could cut: a possibility"),
    pytest.param("Foreign firms can offer cloud services", {"possible": False, "hedged": False},
                 id="can offer: permission, no possibility"),
    pytest.param("The Trade Authority ordered a recall over a risk that the cells could catch fire",
                 {"possible": False, "hedged": True}, id="a modal after the asserted verb is background"),
    pytest.param("Acme already manages 12 offices in Springfield", {"tense": 1}, id="already: it has happened"),
    pytest.param("Globex's board rejected Acme's EUR 5-a-share approach", {"stage": "blocked"}, id="rejected an approach"),
    pytest.param("Acme agreed to sell its zinc mine to Globex", {"type": "divestment", "stage": "agreed",
                                                                  "agents": ("acme",), "counterparts": ("globex",)},
                 id="a mine sold"),
    pytest.param("Acme's sale of its zinc mine to Globex fell through", {"type": "divestment", "stage": "abandoned"},
                 id="fell through"),
    pytest.param("The Trade Authority fined Globex for rigging bids tendered by Acme",
                 {"type": "fine", "agents": ("regulator",), "patients": ("globex",)}, id="a 'by' in a fine's reason"),
    pytest.param("The Trade Authority rejected Initech's request to block Acme's purchase of Globex",
                 {"type": "acquisition", "stage": "blocked", "negated": True}, id="a request to block refused: not blocked"),
    pytest.param("The court refused Initech's request for an injunction to halt the vote",
                 {"type": "injunction", "stage": "blocked", "negated": False}, id="a request for an injunction refused"),
    pytest.param("Initech asked the Trade Authority to block Acme's purchase of Globex",
                 {"type": "acquisition", "stage": "planned"}, id="asked to block: what was asked for"),
    pytest.param("To meet the Trade Authority's condition, Acme sold its unit to Globex",
                 {"type": "divestment", "agents": ("acme",), "counterparts": ("globex",)},
                 id="who an opening purpose phrase names takes no part"),
    pytest.param("According to Initech, Acme agreed to buy Globex",
                 {"stage": "agreed", "agents": ("acme",), "sources": ("initech",), "hedged": True},
                 id="according to: who reported it takes no part"),
    pytest.param("Acme said an Initech report that it had agreed to buy Globex was without foundation",
                 {"attitude": "denied", "holder": "acme", "agents": (), "sources": ("initech",)},
                 id="a report without foundation; its reporter takes no part"),
    pytest.param("Acme won an injunction against Globex", {"type": "injunction", "stage": "approved"}, id="won an injunction"),
    pytest.param("The Trade Authority waved through Acme's purchase of Globex", {"type": "acquisition", "stage": "approved"},
                 id="waved through"),
    pytest.param("The Trade Authority stripped Acme of its licence", {"type": "licence", "stage": "revoked",
                                                                       "deciders": ("regulator",)}, id="stripped of its licence"),
    pytest.param("The Trade Authority withdrew Acme's licence", {"type": "licence", "stage": "revoked"},
                 id="a licence withdrawn is revoked, not abandoned"),
    pytest.param("Acme lost its licence", {"type": "licence", "stage": "revoked", "deciders": ()},
                 id="lost its licence: who lost it decides nothing"),
    pytest.param("Acme fails to win an injunction against Globex", {"type": "injunction", "stage": "approved", "negated": True},
                 id="fails to win"),
    pytest.param("Acme's takeover of Globex collapsed before completion",
                 {"type": "acquisition", "stage": "abandoned"}, id="collapsed; what it could not be is background"),
    pytest.param("The joint venture requires the approval of the Trade Authority", {"type": "joint-venture", "stage": None},
                 id="an approval required is none yet"),
    pytest.param("Acme pumped EUR 12 million of fresh capital into Globex",
                 {"type": "investment", "stage": "completed", "agents": ("acme",), "patients": ("globex",)},
                 id="capital pumped into a company"),
    pytest.param("Acme confirmed it had made no offer, contradicting a report that it had raised its bid",
                 {"attitude": "confirmed", "holder": "acme", "verbs": ("made",)}, id="what a contradicted report says is no verb"),
    pytest.param("Acme's application for a licence was turned down", {"type": "licence", "stage": "blocked"},
                 id="turned down in the passive: its object is before it"),
    pytest.param("Acme's challenge to the Globex award was upheld", {"stage": "approved"},
                 id="a challenge upheld: granted, its object a name away"),
    pytest.param("Globex's board embraced Acme's approach", {"stage": "agreed"}, id="embraced an approach"),
    pytest.param("Acme paid Globex a EUR 12 million termination fee", {"stage": None, "verbs": ("paid",)},
                 id="a termination fee is no termination"),
    pytest.param("Trade Authority conditions on Acme", {"asserts": False}, id="a plural before 'on': a headline's noun"),
    pytest.param("Acme rights deal", {"type": "deal", "asserts": False}, id="a plural before an event's noun: no verb"),
    pytest.param("Globex sacked its coach after Acme's takeover", {"type": None, "verbs": ("sacked",)},
                 id="a takeover after which something was done is when, not what"),
    pytest.param("The EUR 18.5 million sewage fine on Acme", {"type": "fine", "asserts": False},
                 id="a figure's words are no plain words of a sentence"),
    pytest.param("Acme shareholders backed the scheme", {"stage": "approved", "verbs": ()},
                 id="backed a scheme; a subject's plural noun is no verb"),
    pytest.param("Acme's damages claim against Globex continues, with a trial set for November 2024",
                 {"stage": "planned", "verbs": ("continues",)}, id="set for: planned; no verb after a possessive"),
    pytest.param("Acme's licence was not affected by the revocation", {"type": "licence", "stage": "revoked", "negated": True},
                 id="not affected by: the revocation did not touch it"),
    pytest.param("The Trade Authority fined Acme for mis-selling loans, after a review",
                 {"type": "fine", "reason": ("selling", "loans")},
                 id="what a fine was for, up to a background word"),
    pytest.param("The Trade Authority imposed a fine on Acme", {"type": "fine", "stage": "completed"}, id="imposed a fine"),
    pytest.param("The Trade Authority imposed no fine on Acme", {"type": "fine", "stage": "completed", "negated": True},
                 id="imposed no fine: the object's determiner negates"),
    pytest.param("The Trade Authority raised no objection to the deal", {"type": "deal", "stage": "approved"},
                 id="no objection: a trigger, not a negation"),
    pytest.param("The tribunal upheld Acme's fine", {"type": "fine", "stage": "upheld"}, id="upheld"),
    pytest.param("The tribunal threw out the ruling", {"stage": "overturned"}, id="threw out a ruling"),
    pytest.param("The tribunal slashed the penalty on Acme", {"type": "fine", "stage": "reduced"}, id="slashed a penalty"),
    pytest.param("Acme has cut its stake in Globex", {"type": "investment", "stage": None}, id="a stake cut is no fine reduced"),
    pytest.param("Acme will challenge the ruling", {"stage": "planned"}, id="will challenge"),
    pytest.param("Acme did not challenge the ruling", {"stage": "challenged", "negated": True}, id="did not challenge"),
    pytest.param("The Trade Authority fined Acme for supplying incorrect information",
                 {"type": "fine", "stage": "completed", "negated": False},
                 id="incorrect information: a description, not a falsehood"),
    pytest.param("Reports that Acme bought Globex were incorrect", {"type": "acquisition", "negated": True},
                 id="reports were incorrect: a falsehood"),
    pytest.param("Trade Authority fine on Acme", {"type": "fine", "asserts": False},
                 id="a verb's bare form before 'on': a headline's noun"),
    pytest.param("Acme is preparing a hostile bid for Globex", {"type": "acquisition", "stage": "planned"},
                 id="preparing a bid: planned"),
    pytest.param("Acme is getting ready to apply for a licence", {"type": "licence", "stage": "planned"},
                 id="getting ready to apply: planned"),
    pytest.param("Globex denied planning to sell its unit", {"attitude": "denied", "holder": "globex"},
                 id="denied planning: a denial, no refusal"),
    pytest.param("The Trade Authority is reviewing Acme's licence application", {"type": "licence", "stage": "under-review"},
                 id="reviewing an application: under review"),
    pytest.param("Acme appealed the withdrawal of its licence", {"type": "licence", "stage": "challenged"},
                 id="appealed a withdrawal"),
    pytest.param("The Trade Authority refused on 14 February 2024 to renew Acme's licence",
                 {"type": "licence", "negated": True}, id="refused on a date to renew: a date inside a phrase"),
    pytest.param("The Trade Authority fined Acme for gun-jumping in its purchase of Globex",
                 {"type": "fine", "patients": ("acme",), "counterparts": ("globex",)},
                 id="fined for something done to another: the other is not fined"),
    pytest.param("The Trade Authority said no decision had been taken, contradicting a report that it had approved "
                 "Acme's takeover of Globex", {"stage": None, "attitude": "said", "holder": "regulator", "negated": True},
                 id="contradicting a report: what follows is not asserted"),
    pytest.param("The Trade Authority allowed Acme to raise its stake in Globex", {"type": "investment", "stage": "approved"},
                 id="allowed to: approved"),
    pytest.param("Acme bought 11.4% of Globex", {"type": "investment", "stage": "completed"},
                 id="bought a percentage: a stake"),
    pytest.param("Globex's board rebuffed Acme's takeover offer", {"type": "acquisition", "stage": "blocked"},
                 id="rebuffed an offer"),
    pytest.param("Globex Link, Globex's local subsidiary, signed a lease", {"affiliated": ("globex",)},
                 id="a possessive and a subsidiary: a relative"),
    pytest.param("Acme's EUR 4-a-share offer for Globex", {"type": "acquisition", "stage": "offered", "asserts": False},
                 id="an offer after a possessive is a noun: a fragment"),
    pytest.param("Acme buy rating", {"type": "acquisition", "stage": None, "asserts": False},
                 id="a bare word after one name is a noun"),
    pytest.param("Acme bid", {"asserts": False}, id="a past like its bare form, with nothing after it: a noun"),
    pytest.param("Acme bid EUR 4 a share for Globex", {"type": "acquisition", "stage": "offered"},
                 id="a past like its bare form, with an object: a verb"),
    pytest.param("Acme and Globex merge", {"type": "merger"}, id="two names: a plural subject's verb"),
    pytest.param("The Trade Authority let Acme buy Globex", {"type": "acquisition", "stage": "completed"},
                 id="after let and a name, a bare verb keeps its verb reading"),
    pytest.param("Acme riders ruling", {"asserts": False, "verbs": ()}, id="a plural is no verb"),
    pytest.param("Acme owns 51 percent of Globex", {"verbs": ("owns",)}, id="a third-person form is a verb"),
    pytest.param("Acme kept all 410 staff", {"verbs": ("kept",)}, id="an irregular past is a verb"),
    pytest.param("Acme's Globex bid", {"type": "acquisition", "asserts": False},
                 id="a name after an owner names what is owned: no verb after it, a fragment"),
    pytest.param("Acme offers EUR 4 a share for Globex", {"type": "acquisition", "stage": "offered"},
                 id="an offer after its subject is a verb"),
    pytest.param("Globex granted Acme an exclusive licence", {"type": "licence", "stage": "approved", "deciders": ("globex",)},
                 id="a licensor decides"),
    pytest.param("Acme won an exclusive licence from Globex", {"type": "licence", "stage": "approved", "deciders": ()},
                 id="who receives a licence decides nothing"),
    pytest.param("The Trade Authority cleared Acme's purchase of Globex",
                 {"type": "acquisition", "agents": ("acme",), "patients": ("globex",), "deciders": ("regulator",)},
                 id="a regulator decides, the buyer acts"),
    pytest.param("The High Court ordered Acme to pay costs when she refused its injunction against Globex",
                 {"type": "injunction", "deciders": ()}, id="a pronoun between: another subject decides"),
    pytest.param("The Trade Authority revoked Acme's licence", {"type": "licence", "stage": "revoked"},
                 id="revoked a licence"),
    pytest.param("The High Court ruled that the Trade Authority's prohibition was wrong",
                 {"stage": "blocked", "attitude": "denied", "holder": "court"},
                 id="ruled that something was wrong: the court's denial of it"),
    pytest.param("Acme's request for an injunction was rejected by the High Court",
                 {"type": "injunction", "agents": ("acme",), "patients": ()},
                 id="a request rejected by a court: the court applies for nothing"),
    pytest.param("Acme's Globex takeover blocked by the Trade Authority",
                 {"type": "acquisition", "stage": "blocked", "agents": ("acme",), "patients": ("globex",),
                  "deciders": ("regulator",)},
                 id="a headline's passive drops its 'was': who blocks is no buyer"),
    pytest.param("Acme expects to complete its purchase of Globex, subject to clearance by the Trade Authority",
                 {"type": "acquisition", "agents": ("acme",), "deciders": ("regulator",)},
                 id="a 'by' after a stage's noun is the stage's: who clears is no buyer"),
    pytest.param("Acme licence renewal refused by the Trade Authority", {"type": "licence", "stage": "blocked"},
                 id="a headline's passive: its object before it, its 'was' dropped"),
    pytest.param("Acme's bid for Globex was rejected", {"type": "acquisition", "stage": "blocked", "agents": ("acme",)},
                 id="what was done to a bid: the passive's stage, not the bid's"),
    pytest.param("Globex's fine was cut to EUR 5 million", {"type": "fine", "stage": "reduced"},
                 id="a word after a possessive is no verb: Globex's fine, not Globex fined"),
    pytest.param("Acme said it had no talks with Globex, denying a report that it had agreed to sell Initech",
                 {"attitude": "denied", "holder": "acme", "negated": False},
                 id="a denial after a comma: the sentence's subject denies, and a negation before the comma is not its"),
    pytest.param("The joint venture has no significant impact on Acme", {"type": "joint-venture", "negated": False},
                 id="no before a noun that is no event: the event is not negated"),
    pytest.param("The joint venture would not have a significant impact on Acme", {"negated": False},
                 id="not have before a noun that is no event: the event is not negated"),
    pytest.param("Acme did not have a deal with Globex", {"type": "deal", "negated": True},
                 id="not have before the event's word negates it"),
    pytest.param("The Trade Authority had taken no decision on the merger", {"type": "merger", "negated": True},
                 id="no decision on the event negates it"),
    pytest.param("Acme was not among the foreign telecom firms approved by the Trade Authority",
                 {"stage": "approved", "negated": True}, id="not among the firms approved"),
    pytest.param("Acme knocked down a newspaper report that it had agreed to buy Globex",
                 {"attitude": "denied", "holder": "acme", "type": "acquisition"}, id="knocked down a report: a denial"),
    pytest.param("Acme shot down online gossip that it would buy Globex", {"attitude": "denied", "holder": "acme"},
                 id="shot down gossip: a denial"),
    pytest.param("Acme rebuffed Globex's offer", {"attitude": None, "stage": "blocked"},
                 id="rebuffed an offer: no denial, a refusal"),
    pytest.param("Globex's fine upheld on appeal", {"type": "fine", "stage": "upheld", "subject": "globex"},
                 id="upheld on appeal: the fine stands, no appeal is upheld"),
    pytest.param("Acme's investment in Globex does not require competition clearance",
                 {"type": "investment", "negated": True, "negates_another": True},
                 id="not before a verb of its own: another verb's negation"),
    pytest.param("Acme's takeover of Globex did not happen", {"type": "acquisition", "stage": "completed", "negated": True,
                                                             "negates_another": False},
                 id="did not happen: the event's own negation"),
    pytest.param("Acme no longer owns a stake in Globex", {"type": "investment", "negated": True},
                 id="no longer negates"),
    pytest.param("Acme's online-betting licence was suspended", {"type": "licence", "stage": "suspended", "subject": "acme"},
                 id="whose the event is, a word or two of its kind between"),
    pytest.param("The licence was suspended by Acme's regulator", {"type": "licence", "subject": None},
                 id="an owner after the event's word is not whose the event is"),
    pytest.param("The court refused the injunction Acme requested against Globex",
                 {"type": "injunction", "stage": "blocked", "agents": ("acme",), "patients": ("globex",)},
                 id="the injunction Acme requested: Acme applies"),
    pytest.param("Globex's shareholders approved the merger with Acme", {"type": "merger", "stage": "approved"},
                 id="shareholders vote: no stake is bought"),
    pytest.param("Initech withdrew its counter-bid for Globex", {"type": "acquisition", "stage": "abandoned"},
                 id="a counter-bid is a bid"),
    pytest.param("Acme agreed to sell 47 supermarkets for EUR 240 million", {"type": "divestment", "stage": "agreed"},
                 id="supermarkets sold"),
    pytest.param("The Trade Authority cleared Acme's purchase of Globex, provided it sells 47 stores",
                 {"type": "acquisition", "stage": "approved"}, id="a condition is background"),
    pytest.param("Robin Li, who founded Acme, may be preparing a bid for Globex",
                 {"type": "acquisition", "stage": "planned", "hedged": True},
                 id="what a relative clause says of someone is background"),
    pytest.param("Acme expects the sale of Globex Link to Initech to complete in April",
                 {"type": "divestment", "stage": "planned", "planned": "completed"},
                 id="what is expected to happen has not"),
    pytest.param("Globex was ordered to pay the costs", {"verb_objects": (("order", "globex"),)},
                 id="a passive is done to its subject"),
    pytest.param("Acme picked up 9.8% of Globex", {"type": "investment", "stage": "completed"}, id="picked up"),
    pytest.param("Acme clinched a supply deal with Globex", {"type": "deal", "stage": "agreed"}, id="clinched"),
    pytest.param("The Trade Authority began looking into Acme's purchase of Globex",
                 {"type": "acquisition", "stage": "under-review"}, id="looking into"),
    pytest.param("Globex was bought", {"type": "acquisition", "agents": (), "patients": ("globex",)},
                 id="a passive with no by: its subject is bought"),
    pytest.param("Globex's products are sold through Initech", {"type": None, "agents": ()},
                 id="products sold through a channel: no sale of a business"),
    pytest.param("The tribunal reduced Globex's cartel fine", {"type": "fine", "agents": (), "patients": ("globex",)},
                 id="a fine is done to whose it is"),
    pytest.param("Globex did not appeal its fine",
                 {"type": "fine", "negated": True, "agents": (), "patients": ("globex",)},
                 id="its fine: the subject was fined"),
    pytest.param("Acme agreed to sell Globex Link to the private equity firm Initech",
                 {"type": "divestment", "agents": ("acme",), "patients": ("globex-link",), "counterparts": ("initech",)},
                 id="to whom, a few words before the name"),
    pytest.param("艾克米与Globex同意成立合资企业", {"type": "joint-venture", "stage": "agreed"},
                 id="同意: agreed to set up, not set up"),
    pytest.param("Globex did not halt the sale after the Trade Authority's ban",
                 {"type": "divestment", "stage": "blocked", "negated": True}, id="an event word in the background is no type"),
    pytest.param("Acme went ahead with its IPO", {"type": "listing", "stage": "completed"}, id="went ahead"),
    pytest.param("The Trade Authority cleared Acme's purchase of Globex without any conditions",
                 {"type": "acquisition", "stage": "approved-unconditionally"}, id="without any conditions"),
    pytest.param("Acme sold its coating patent for EUR 5 million", {"type": "divestment", "stage": "completed"},
                 id="a patent sold"),
    pytest.param("Acme signed a supply deal with Globex", {"type": "deal", "qualifier": "supply"}, id="a supply deal"),
    pytest.param("Acme signed a new deal with Globex", {"type": "deal", "qualifier": None}, id="a new deal"),
    pytest.param("Acme signed a 30 million dollars contract with Globex", {"type": "contract", "qualifier": None},
                 id="a figure's word is no kind of deal"),
    pytest.param("Globex's shareholders voted down the Acme deal", {"stage": "blocked"}, id="voted down"),
    pytest.param("Globex's IPO was priced at EUR 11 a share", {"type": "listing", "subject": "globex"},
                 id="whose the event is: its subject"),
    pytest.param("Acme said it would appeal the ruling",
                 {"stage": "planned", "planned": "challenged", "attitude": "said", "holder": "acme"},
                 id="would appeal: a noun's word after would is a verb"),
    pytest.param("Acme postponed its listing", {"type": "listing", "stage": "postponed"}, id="postponed"),
    pytest.param("Acme has listed its shares", {"type": "listing", "stage": "completed"}, id="listed its shares"),
    pytest.param("Acme disputed reports that it had agreed to buy Globex",
                 {"type": "acquisition", "stage": "agreed", "attitude": "denied", "holder": "acme"},
                 id="disputed reports: a denial"),
    pytest.param("Acme did not deny the report of a Globex takeover",
                 {"type": "acquisition", "attitude": "denied", "holder": "acme", "negated": True},
                 id="what a report tells is no object of the verb before it: a denial, no takeover refused"),
    pytest.param("Acme declined to comment on reports that it had agreed to buy Globex",
                 {"type": "acquisition", "stage": "agreed", "attitude": "noncommittal", "holder": "acme"},
                 id="declined to comment: neither said nor denied, and no negation"),
    pytest.param("The Trade Authority gave the Acme-Globex merger its blessing", {"type": "merger", "stage": "approved"},
                 id="gave its blessing: approved"),
    pytest.param("Regulators rejected the Globex and Initech joint venture", {"type": "joint-venture", "stage": "blocked"},
                 id="a venture rejected"),
    pytest.param("Acme's turbines are sold through its own stores and through Globex", {"type": None, "stage": None},
                 id="sold through: the way it sells, nothing sold"),
    pytest.param("Acme agreed to buy Globex, the High Court says", {"type": "acquisition", "sources": ("court",)},
                 id="a name before a reporting verb at the end: who reported it"),
    pytest.param("Acme agreed to buy Globex, the High Court said on Monday", {"type": "acquisition", "sources": ()},
                 id="a reporting verb with more after it: no trailing attribution"),
    pytest.param("Acme got its fine cut on appeal", {"type": "fine", "stage": "reduced", "patients": ("acme",)},
                 id="got its fine cut: what was done to its fine"),
    pytest.param("Acme had its licence revoked", {"type": "licence", "stage": "revoked"},
                 id="had its licence revoked"),
    pytest.param("Acme won the Globex contract", {"type": "contract", "stage": "agreed"}, id="won a contract"),
    pytest.param("The High Court partly annulled Acme's fine, cutting it to EUR 4 million", {"type": "fine", "stage": "reduced"},
                 id="partly annulled: reduced, not overturned"),
    pytest.param("The Globex and Initech joint venture had not yet finished registration",
                 {"type": "joint-venture", "stage": "completed", "negated": True}, id="not yet finished"),
    pytest.param("The Trade Authority cleared Acme's purchase of Globex, subject to undertakings to sell two depots",
                 {"type": "acquisition", "stage": "approved-conditionally"}, id="subject to undertakings: conditional"),
    pytest.param("Acme made a binding offer for Globex", {"type": "acquisition", "stage": "offered-binding"},
                 id="a binding offer"),
    pytest.param("Acme and Initech made first-round offers for Globex",
                 {"type": "acquisition", "stage": "offered-indicative"}, id="first-round offers: not binding"),
    pytest.param("The Trade Authority awarded Acme a five-year contract", {"type": "contract", "stage": "agreed"},
                 id="awarded a contract"),
    pytest.param("艾克米出售了Globex", {"type": "divestment", "stage": "completed"},
                 id="a Chinese event word with its aspect marker happened"),
    pytest.param("Under the Trade Authority's conditions the sale to Globex must be completed within four months",
                 {"type": "divestment", "stage": "planned"}, id="must be completed: required, not done"),
    pytest.param("Acme's postponed stock market listing", {"type": "listing", "asserts": False},
                 id="a participle after a possessive is no verb"),
    pytest.param("Acme sold its stake in Globex to Initech", {"type": "stake-sale", "stage": "completed"},
                 id="a stake sold"),
    pytest.param("Acme's memorandum with Globex lapsed", {"type": "memorandum", "stage": "abandoned"},
                 id="lapsed: ended without being done"),
    pytest.param("Acme is planning a joint venture with Globex", {"type": "joint-venture", "stage": "planned"},
                 id="planning a venture"),
    pytest.param("The Trade Authority rejected Acme's undertakings", {"type": None, "stage": None},
                 id="undertakings rejected: what is given for an approval approves nothing on its own"),
    pytest.param("The Trade Authority cleared Acme's purchase of Globex with remedies attached",
                 {"type": "acquisition", "stage": "approved-conditionally"}, id="remedies attached: conditional"),
    pytest.param("Acme has since paid the fine", {"type": "fine", "stage": "completed"},
                 id="has since paid: an adverb after an auxiliary is no background"),
    pytest.param("The Trade Authority gave the planned Globex and Initech joint venture a green light",
                 {"type": "joint-venture", "stage": "approved"}, id="the planned venture: a participle after an article"),
    pytest.param("The Acme spent-fuel store injunction", {"type": "injunction", "asserts": False},
                 id="a word before a hyphen is no verb"),
    pytest.param("Acme's denial", {"attitude": "denied", "holder": "acme", "asserts": False},
                 id="a denial's noun names no predicate"),
    pytest.param("Acme sought an injunction against Globex", {"type": "injunction", "stage": "applied"},
                 id="sought an injunction: applied"),
    pytest.param("The High Court fully restored Acme's licence", {"type": "licence", "stage": "approved-fully"},
                 id="fully restored: in full"),
    pytest.param("The High Court partly restored Acme's licence", {"type": "licence", "stage": "approved-partly"},
                 id="partly restored: in part"),
    pytest.param("Acme escaped a fine", {"type": "fine", "negated": True}, id="escaped a fine: not fined"),

    pytest.param("Acme terminated its supply agreement with Globex",
                 {"type": "agreement", "stage": "abandoned", "doer": "acme"}, id="who terminated: the verb's subject"),
    pytest.param("Acme lost its Globex contract when Initech terminated it",
                 {"type": "contract", "stage": "abandoned", "doer": "initech"},
                 id="who terminated: not the sentence's subject"),
    pytest.param("Acme's agreement with Globex was terminated", {"type": "agreement", "stage": "abandoned", "doer": None},
                 id="who terminated: not a passive's subject"),
    pytest.param("Acme toll increase", {"direction": 1, "asserts": False}, id="a rise after a singular noun: named, not told"),
    pytest.param("Acme tolls rise", {"direction": 1}, id="a rise after a plural: a verb"),
    pytest.param("The Trade Authority banned exports of turbines to Globex", {"type": "ban", "reason": ("turbines",)},
                 id="what a ban is of: a particular like its reason"),
    pytest.param("The Trade Authority's conditional approval of the Acme and Globex merger",
                 {"type": "merger", "asserts": False}, id="many plain words and no verb's form: a noun phrase"),
    pytest.param("Acme's chief executive sits on the board of the Globex joint venture",
                 {"type": "joint-venture"}, id="many plain words and a verb's form: a sentence"),
    pytest.param("Acme's chief executive recieves a seat on the board of the Globex joint venture",
                 {"type": "joint-venture"}, id="many plain words and a slip of a verb's form: a sentence"),
    pytest.param("Initech completed the purchase of Globex Link from Acme before Globex took control of Acme",
                 {"type": "acquisition", "agents": ("initech",), "patients": ("globex-link",), "counterparts": ("acme",)},
                 id="no role after a background word"),
]


@pytest.mark.parametrize("text, expected", READINGS)
def test_reader(index: StoreIndex, text: str, expected: dict[str, Any]) -> None:
    frame = frame_of(index, text)
    wanted = DEFAULTS | expected
    assert {key: getattr(frame, key) for key in wanted} == wanted


def test_a_confirmation_is_no_denial(index: StoreIndex) -> None:
    """'confirmed that' reads as what the holder said (the vocabulary lists it as a speech verb);
    either way it reports the event as true, never as denied."""
    frame = frame_of(index, "Acme confirmed that it agreed to buy Globex")
    assert frame.attitude in ("confirmed", "said") and frame.holder == "acme"
    assert (frame.type, frame.stage, frame.negated) == ("acquisition", "agreed", False)


def test_chinese_alias_is_what_the_chinese_claim_names(index: StoreIndex) -> None:
    assert parse_claim("艾克米收购Globex", index.entities, None, index.words).entities[0] == "acme"


def test_a_name_alone_asserts_nothing(index: StoreIndex) -> None:
    frame = frame_of(index, "Trade Authority")
    assert (frame.stage, frame.asserts) == (None, False)


def test_stage_words_say_what_gave_the_stage(index: StoreIndex) -> None:
    assert frame_of(index, "Acme walked away from the Globex deal").stage_words == "walked away"
    assert frame_of(index, "The court denied Acme's request for an injunction").stage_words == "denied"


# --- 3. Decisions between frames (decide on its own) ----------------------------------------------

def _decide(claim: Frame, statement: Frame, recorded_true: bool) -> tuple[str | None, str]:
    decision = decide(claim, statement, recorded_true, str.title, lambda a, b: a == b)
    return decision.verdict, decision.kind


ACQUISITION = Frame(type="acquisition", agents=("acme",), patients=("globex",))


@pytest.mark.parametrize("claim, statement, recorded_true, expected", [
    (ACQUISITION._replace(stage="approved"), ACQUISITION._replace(stage="blocked"), True, ("denied", "")),
    (ACQUISITION._replace(stage="approved-conditionally"), ACQUISITION._replace(stage="blocked"), True,
     ("denied", "")),
    (ACQUISITION._replace(stage="approved", negated=True), ACQUISITION._replace(stage="blocked"), True,
     ("supported", "")),
    (ACQUISITION._replace(stage="blocked", negated=True), ACQUISITION._replace(stage="blocked"), True,
     ("denied", "")),
    (ACQUISITION._replace(stage="approved-unconditionally"), ACQUISITION._replace(stage="approved-conditionally"),
     True, ("denied", "")),
    (ACQUISITION._replace(stage="approved-fully"), ACQUISITION._replace(stage="approved-partly"), True, ("denied", "")),
    (ACQUISITION._replace(stage="approved"), ACQUISITION._replace(stage="approved-partly"), True, ("supported", "")),
    (ACQUISITION._replace(stage="agreed"), ACQUISITION._replace(stage="completed"), True, ("supported", "")),
    (ACQUISITION._replace(stage="completed"), ACQUISITION._replace(stage="agreed"), False, ("denied", "")),
    (ACQUISITION._replace(stage="abandoned"), ACQUISITION._replace(stage="abandoned", negated=True), True,
     ("denied", "")),
    (ACQUISITION._replace(stage="abandoned", negated=True), ACQUISITION._replace(stage="abandoned", negated=True),
     True, ("supported", "")),
    (Frame(type="merger", stage="agreed"), Frame(type="joint-venture", stage="completed"), True, (None, "event")),
    (Frame(type="acquisition", stage="agreed", agents=("globex",), patients=("acme",)),
     ACQUISITION._replace(stage="agreed"), True, (None, "role")),
    (ACQUISITION._replace(stage="completed"),
     Frame(type="divestment", stage="completed", agents=("initech",), patients=("globex",), counterparts=("acme",)),
     True, ("supported", "")),
    (ACQUISITION._replace(stage="agreed"), ACQUISITION._replace(stage="agreed", attitude="denied", holder="acme"),
     True, (None, "attribution")),
    (ACQUISITION._replace(stage="agreed", attitude="denied", holder="globex"),
     ACQUISITION._replace(stage="agreed", attitude="denied", holder="acme"), True, (None, "who")),
    (ACQUISITION._replace(stage="agreed", attitude="denied", holder="acme"),
     ACQUISITION._replace(stage="agreed", attitude="noncommittal", holder="acme"), True, (None, "attribution")),
    (ACQUISITION._replace(stage="agreed"),
     ACQUISITION._replace(stage="agreed", attitude="noncommittal", holder="acme"), True, (None, "attribution")),
    (ACQUISITION._replace(stage="agreed", attitude="noncommittal", holder="acme"),
     ACQUISITION._replace(stage="agreed", attitude="noncommittal", holder="acme"), True, ("supported", "")),
    (ACQUISITION._replace(stage="agreed"), ACQUISITION._replace(stage="agreed", attitude="said", holder="acme",
                                                                 possible=True), True, (None, "weaker")),
    (ACQUISITION._replace(stage="planned"), ACQUISITION._replace(stage="planned", planned="blocked"), True,
     (None, "stage")),
    (ACQUISITION._replace(stage="offered-binding"), ACQUISITION._replace(stage="offered-indicative"), True,
     (None, "stage")),
    (ACQUISITION._replace(stage="offered"), ACQUISITION._replace(stage="offered-binding"), True, ("supported", "")),
], ids=["approved vs blocked", "approved with conditions vs blocked", "not approved vs blocked",
        "did not block vs blocked", "unconditional vs conditional", "in full vs in part", "approved vs in part",
        "agreed vs completed",
        "completed vs false agreed", "abandoned vs not abandoned", "not abandoned vs not abandoned",
        "merger vs joint venture", "roles swapped", "sale to the buyer is its purchase",
        "event vs recorded denial", "denial by another holder", "denial vs no comment", "event vs no comment",
        "no comment vs no comment", "what was said may be", "a plan to block is no plan of the deal",
        "a binding offer vs a first-round offer", "an offer vs a binding offer"])
def test_decide(claim: Frame, statement: Frame, recorded_true: bool, expected: tuple[str | None, str]) -> None:
    verdict, kind = _decide(claim, statement, recorded_true)
    assert (verdict, kind if verdict is None else "") == expected


# --- 3. Decisions through check ------------------------------------------------------------------

def verdict_of(index: StoreIndex, claim: str) -> str:
    return check(claim, index).verdict


@pytest.mark.parametrize("claim, expected", [
    ("The Trade Authority blocked Acme's takeover of Globex", "supported"),
    ("The court denied Acme's request for an injunction", "supported"),
    ("Globex and Initech set up a joint venture", "supported"),
    ("Acme Cargo signed a leasing agreement with Globex", "supported"),
    ("Acme agreed to buy Initech for $2 billion", "denied"),
])
def test_statements_decide_their_own_words(index: StoreIndex, claim: str, expected: str) -> None:
    """The controls: every statement decides its own text, so a claim it does not decide is the
    reading's doing, not a statement the index cannot find."""
    assert verdict_of(index, claim) == expected


@pytest.mark.parametrize("claim", [
    "The Trade Authority approved Acme's takeover of Globex",
    "The Trade Authority cleared Acme's takeover of Globex",
    "The Trade Authority did not block Acme's takeover of Globex",
])
def test_a_claim_against_a_recorded_block_is_denied(index: StoreIndex, claim: str) -> None:
    assert verdict_of(index, claim) == "denied"


@pytest.mark.parametrize("claim, expected", [
    ("The court granted Acme's request for an injunction", "denied"),
    ("The court granted Acme an injunction", "denied"),
    ("The court refused Acme's request for an injunction", "supported"),
    ("The court refused the injunction Acme requested", "supported"),
])
def test_injunction(index: StoreIndex, claim: str, expected: str) -> None:
    result = check(claim, index)
    assert result.verdict == expected
    assert result.match is not None and result.match.id == "injunction"


@pytest.mark.parametrize("claim, expected", [
    ("Initech abandoned its bid for Globex", "denied"),
    ("Initech withdrew its bid for Globex", "denied"),
    ("Initech walked away from its bid for Globex", "denied"),  # no shared verb: the event terms rank it
    ("Initech did not abandon its bid for Globex", "supported"),
])
def test_a_recorded_false_report_decides_both_ways(index: StoreIndex, claim: str, expected: str) -> None:
    result = check(claim, index)
    assert result.verdict == expected
    assert result.match is not None and result.match.id == "not-abandoned"


def test_completed_implies_agreed_so_a_false_agreement_denies_the_purchase(index: StoreIndex) -> None:
    result = check("Acme bought Initech", index)
    assert result.verdict == "denied"
    assert result.match is not None and result.match.id == "rumour"


def test_a_blocked_takeover_does_not_support_its_completion(index: StoreIndex) -> None:
    assert verdict_of(index, "Acme acquired Globex") != "supported"


def test_a_blocked_takeover_denies_its_completion(index: StoreIndex) -> None:
    assert verdict_of(index, "Acme acquired Globex") == "denied"


def test_a_changed_event_type_is_a_near_miss_with_its_reason(index: StoreIndex) -> None:
    result = check("Globex and Initech agreed to merge", index)
    assert result.verdict != "supported"
    conflicts = [c for related in result.related for c in related.conflicts]
    assert any(c.startswith(("event:", "stage:")) for c in conflicts), conflicts


@pytest.mark.parametrize("claim", ["Initech acquired Globex", "Initech bought Globex",
                                   "Globex agreed to buy Acme", "Globex acquired Acme"])
def test_changed_or_swapped_parties_are_never_supported(index: StoreIndex, claim: str) -> None:
    assert verdict_of(index, claim) != "supported"


def test_a_swapped_role_is_shown_as_the_difference(index: StoreIndex) -> None:
    conflicts = [c for related in check("Globex agreed to buy Acme", index).related for c in related.conflicts]
    assert any(c.startswith("role:") for c in conflicts), conflicts


def test_parent_is_not_supported_by_a_statement_naming_only_its_subsidiary(index: StoreIndex) -> None:
    result = check("Acme signed a leasing agreement with Globex", index)
    assert result.verdict != "supported"
    assert any(related.statement.id == "cargo-lease" for related in result.related)


def test_fragment_is_no_claim(index: StoreIndex) -> None:
    result = check("Acme deal", index)
    assert (result.verdict, result.reason) == ("unverified", "no claim to check")


def test_question_asserts_nothing(index: StoreIndex) -> None:
    result = check("Did Acme buy Initech?", index)  # the rumour would deny the assertion
    assert (result.verdict, result.reason) == ("unverified", "a question asserts nothing")


TWO_CLAUSES = "Globex and Initech set up a joint venture, and Acme bought Initech"


def test_one_denied_clause_denies_the_claim_and_decides_it(index: StoreIndex) -> None:
    result = check(TWO_CLAUSES, index)
    assert [c.verdict for c in result.clauses] == ["supported", "denied"]
    assert result.verdict == "denied"
    assert result.decided_by == 1
    assert result.match is not None and result.match.id == "rumour"
    assert all(c.text == TWO_CLAUSES[c.start:c.end] for c in result.clauses)


def test_clauses_in_json(runner, store_path: Path) -> None:
    result = runner.invoke(cli, ["check", "--format", "json", "--store", str(store_path), TWO_CLAUSES])
    assert result.exit_code == 1  # denied fails by default
    data = json.loads(result.stdout)["results"][0]
    assert data["verdict"] == "denied"
    clauses = data["clauses"]
    assert len(clauses) == 2
    for clause in clauses:
        assert {"text", "start", "end", "verdict", "match", "citations", "conflicts"} <= set(clause)
        assert clause["text"] == TWO_CLAUSES[clause["start"]:clause["end"]]
    assert [c["verdict"] for c in clauses] == ["supported", "denied"]
    assert [c["match"]["id"] for c in clauses] == ["jv", "rumour"]
    assert clauses[1]["citations"][0]["quote"] == QUOTES["rumour"]
    assert data["match"]["id"] == "rumour"


def test_fragment_and_question_reasons_in_json(runner, store_path: Path) -> None:
    result = runner.invoke(cli, ["check", "--format", "json", "--store", str(store_path), "Acme deal",
                                 "Did Acme buy Initech?"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)["results"]
    assert [(d["verdict"], d["reason"]) for d in data] == [("unverified", "no claim to check"),
                                                          ("unverified", "a question asserts nothing")]
    assert [d["clauses"][0]["conflicts"][0] for d in data] == ["no claim to check", "a question asserts nothing"]


# --- 4. validate and the event: field --------------------------------------------------------------

EVENT_STORE = """\
version: 1
entities:
  acme: {name: Acme Corp, aliases: [Acme], kind: company}
  globex: {name: Globex, kind: company}
sources:
  wire: {title: Deals this week, publisher: The Wire, published: 2022-05-02, url: "https://wire.example/deals", document: docs/wire.txt}
statements:
  - id: acme-globex
    claim: Acme agreed to buy Globex
    verdict: supported
    parties: [acme, globex]
    event: {type: acquisition, stage: STAGE}
    citations: [{source: wire, quote: "Acme agreed to buy Globex"}]
"""
EVENT_QUOTES = {"acme-globex": "Acme agreed to buy Globex"}


def _validate(runner, folder: Path, stage: str):
    path = write(folder, EVENT_STORE.replace("STAGE", stage), EVENT_QUOTES)
    return path, runner.invoke(cli, ["validate", "--store", str(path)])


def test_event_field_that_agrees_with_the_text_is_valid(runner, tmp_path: Path) -> None:
    _, result = _validate(runner, tmp_path, "agreed")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_unknown_event_stage_is_an_error_at_its_position(runner, tmp_path: Path) -> None:
    path, result = _validate(runner, tmp_path, "signed-off")
    assert result.exit_code == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "signed-off" in text)
    column = lines[line - 1].index("signed-off") + 1
    assert f"{path}:{line}:{column}: unknown event stage 'signed-off'" in result.stdout
    assert "warning" not in result.stdout


def test_event_field_that_contradicts_the_text_is_a_warning(runner, tmp_path: Path) -> None:
    path, result = _validate(runner, tmp_path, "abandoned")
    assert result.exit_code == 0
    warnings = [line for line in result.stdout.splitlines() if "warning: event field" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:")
    assert "abandoned" in warnings[0] and "agreed" in warnings[0]


@pytest.mark.parametrize("stage, expected", [("abandoned", "denied"), ("agreed", "unverified")])
def test_event_field_decides_over_the_text(tmp_path: Path, stage: str, expected: str) -> None:
    """The field is what counts: the text says agreed, which does not decide a purchase; a field
    that says abandoned denies it."""
    index = build_index(load_store([write(tmp_path, EVENT_STORE.replace("STAGE", stage), EVENT_QUOTES)]))
    assert check("Acme bought Globex", index).verdict == expected


# --- 5. Near misses: which more similar statements stop a consistent one from deciding ----------

SAGA_QUOTES = {
    "rumour": "Initech abandoned its bid for Globex in September 2023",
    "withdrawn": "Initech walked away from Globex on 9 April 2024, withdrawing its offer",
    "approval-rumour": "The Trade Authority approved Acme's takeover of Globex",
    "cleared": "The Trade Authority cleared Initech's acquisition of Globex on 24 July 2024 subject to conditions",
    "supply": "Initech and Globex signed a supply agreement in Springfield",
    "lease": "Acme and Globex signed a lease in Freedonia",
    "suspended": "The Trade Authority suspended Initech's licence on 9 September 2024; the licence was restored on 9 October 2024",
    "slots-blocked": "The Trade Authority blocked Initech's sale of airport slots to Globex",
    "acme-slots": "The Trade Authority approved the sale of 12 airport slots to Globex by Acme",
    "offices": "Acme will open 12 offices in Springfield within 100 days",
}
SAGA_STORE = """\
version: 1
entities:
  acme: {name: Acme Corp, aliases: [Acme], kind: company}
  globex: {name: Globex, kind: company}
  initech: {name: Initech, kind: company}
  regulator: {name: Trade Authority, kind: regulator}
  freedonia: {name: Freedonia, kind: place}
  springfield: {name: Springfield, kind: place, parent: freedonia}
  shelbyville: {name: Shelbyville, kind: place, parent: freedonia}
sources:
  wire: {title: The saga, publisher: The Wire, published: 2024-08-01, url: "https://wire.example/saga", document: docs/wire.txt}
statements:
  - {id: rumour, claim: "Initech abandoned its bid for Globex in September 2023", verdict: denied,
     parties: [initech, globex], date: 2023-09, citations: [{source: wire, quote: "QUOTE_rumour"}]}
  - {id: withdrawn, claim: "Initech walked away from Globex on 9 April 2024, withdrawing its offer", verdict: supported,
     parties: [initech, globex], date: 2024-04-09, citations: [{source: wire, quote: "QUOTE_withdrawn"}]}
  - {id: approval-rumour, claim: "The Trade Authority approved Acme's takeover of Globex", verdict: denied,
     parties: [regulator, acme, globex], citations: [{source: wire, quote: "QUOTE_approval-rumour"}]}
  - {id: cleared, claim: "The Trade Authority cleared Initech's acquisition of Globex on 24 July 2024 subject to conditions",
     verdict: supported, parties: [regulator, initech, globex], date: 2024-07-24,
     citations: [{source: wire, quote: "QUOTE_cleared"}]}
  - {id: supply, claim: "Initech and Globex signed a supply agreement in Springfield", verdict: supported,
     parties: [initech, globex], places: [springfield, freedonia], citations: [{source: wire, quote: "QUOTE_supply"}]}
  - {id: lease, claim: "Acme and Globex signed a lease in Freedonia", verdict: supported,
     parties: [acme, globex], places: [freedonia], citations: [{source: wire, quote: "QUOTE_lease"}]}
  - {id: suspended, claim: "The Trade Authority suspended Initech's licence on 9 September 2024; the licence was restored on 9 October 2024",
     verdict: supported, parties: [regulator, initech], date: 2024-09-09, citations: [{source: wire, quote: "QUOTE_suspended"}]}
  - {id: slots-blocked, claim: "The Trade Authority blocked Initech's sale of airport slots to Globex", verdict: supported,
     parties: [regulator, initech, globex], citations: [{source: wire, quote: "QUOTE_slots-blocked"}]}
  - {id: acme-slots, claim: "The Trade Authority approved the sale of 12 airport slots to Globex by Acme",
     verdict: supported, parties: [regulator, acme, globex], citations: [{source: wire, quote: "QUOTE_acme-slots"}]}
  - {id: offices, claim: "Acme will open 12 offices in Springfield within 100 days", verdict: supported,
     parties: [acme], places: [springfield], citations: [{source: wire, quote: "QUOTE_offices"}]}
"""


@pytest.fixture(scope="module")
def saga(tmp_path_factory: pytest.TempPathFactory) -> StoreIndex:
    store = SAGA_STORE
    for key, quote in SAGA_QUOTES.items():
        store = store.replace(f"QUOTE_{key}", quote)
    return build_index(load_store([write(tmp_path_factory.mktemp("saga"), store, SAGA_QUOTES)]))


def saga_with(folder: Path, statements: dict[str, tuple[str, str]], places: str = "") -> StoreIndex:
    """The saga's entities (and `places`, more entities as YAML lines) with true statements,
    each by id: the quote it says in its own words, and its other fields ("parties: [acme]")."""
    store = SAGA_STORE[:SAGA_STORE.index("statements:")].replace("  freedonia:", f"{places}  freedonia:") + "statements:\n"
    for key, (quote, fields) in statements.items():
        store += (f'  - {{id: {key}, claim: "{quote}", verdict: supported, {fields},\n'
                  f'     citations: [{{source: wire, quote: "{quote}"}}]}}\n')
    return build_index(load_store([write(folder, store, {key: quote for key, (quote, _) in statements.items()})]))


@pytest.mark.parametrize("claim, verdict", [
    ("The court denied Globex's request for an injunction", "unverified"),  # Acme applied
    ("Globex's request for an injunction was rejected by the High Court", "unverified"),
    ("Acme's request for an injunction was turned down by the court", "supported"),
])
def test_who_applied_for_an_injunction_is_a_role(index: StoreIndex, claim: str, verdict: str) -> None:
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict, match", [
    # the rumour of September 2023 is more similar, but the withdrawal records the claim's date
    ("Initech abandoned its bid for Globex in April 2024", "supported", "withdrawn"),
    ("Initech abandoned its bid for Globex in May 2024", "unverified", None),
    # the rumour about Acme is more similar, but it does not name Initech: no near miss of it
    ("The Trade Authority approved Initech's takeover of Globex", "supported", "cleared"),
    ("The Trade Authority approved Acme's takeover of Globex", "denied", "approval-rumour"),
])
def test_a_near_miss_stops_only_what_it_contradicts(saga: StoreIndex, claim: str, verdict: str,
                                                    match: str | None) -> None:
    result = check(claim, saga)
    assert (result.verdict, result.match.id if result.match else None) == (verdict, match)


def test_the_same_day_is_the_day_of_the_statement_that_decided_the_clause_before(tmp_path: Path) -> None:
    index = saga_with(tmp_path, {
        "cleared": ("The Trade Authority cleared Acme's purchase of Globex",
                    "parties: [regulator, acme, globex], date: 2024-05-02"),
        "signed": ("Initech signed a supply deal with Globex", "parties: [initech, globex], date: 2023-01-10")})
    claim = "The Trade Authority cleared Acme's purchase of Globex, and Initech signed a supply deal with Globex the same day"
    assert check(claim, index).verdict == "unverified"  # the deal was signed in 2023


@pytest.mark.parametrize("claim, verdict, match", [
    ("Acme and Globex signed a supply agreement in Springfield", "supported", "signed"),
    # the fee's statement names no place: it does not confirm the place the signing's contradicts
    ("Acme and Globex signed a supply agreement in Shelbyville", "unverified", None),
])
def test_a_place_a_similar_statement_contradicts_needs_one_that_records_it(tmp_path: Path, claim: str, verdict: str,
                                                                          match: str | None) -> None:
    index = saga_with(tmp_path, {
        "signed": ("Acme and Globex signed a supply agreement in Springfield", "parties: [acme, globex], places: [springfield]"),
        "fee": ("Acme and Globex signed a supply agreement under which Acme pays Globex a yearly fee",
                "parties: [acme, globex]")})
    result = check(claim, index)
    assert (result.verdict, result.match.id if result.match else None) == (verdict, match)


@pytest.mark.parametrize("statement, recorded_true, expected", [
    (Frame(tense=-1), True, (None, "stage")),  # "will open"
    (Frame(stage="planned"), True, (None, "stage")),
    (Frame(stage="planned"), False, (None, "stage")),  # a false plan says nothing of what happened
    (Frame(stage="applied"), True, ("supported", "")),  # an application is something that happened
])
def test_what_will_happen_decides_no_claim_that_it_happened(statement: Frame, recorded_true: bool,
                                                            expected: tuple[str | None, str]) -> None:
    assert _decide(Frame(tense=1), statement, recorded_true) == expected


@pytest.mark.parametrize("claim, statement, expected", [
    # a deal the vocabulary knows does not confirm an event it does not know
    (Frame(verbs=("opened",), tense=1), Frame(type="agreement", stage="agreed"), (None, "event")),
    (Frame(verbs=("appealed",), tense=1), Frame(type="injunction", stage="blocked"), (None, "event")),
    (Frame(verbs=("opened",), tense=1), Frame(type="agreement", stage="agreed", verbs=("opens",)), ("supported", "")),
    # between two events it does not know, only the same verb or a synonym confirms
    (Frame(verbs=("started",), tense=1), Frame(verbs=("begun",), tense=1), ("supported", "")),
    (Frame(verbs=("launched",), tense=1), Frame(verbs=("begun",), tense=1), (None, "event")),
    # but the negation of one is no denial of what a statement says in other words
    (Frame(verbs=("opened",), negated=True), Frame(), (None, "event")),
    # nor is a statement that asserts no event at all a confirmation of one
    (Frame(verbs=("stepped",), tense=1), Frame(), (None, "event")),
])
def test_an_unknown_event_is_confirmed_by_its_own_verb(claim: Frame, statement: Frame,
                                                       expected: tuple[str | None, str]) -> None:
    assert _decide(claim, statement, True) == expected


@pytest.mark.parametrize("claim, verdict", [
    ("Initech and Globex signed a supply agreement in Freedonia", "supported"),  # Springfield is in Freedonia
    ("Initech and Globex signed a supply agreement in Shelbyville", "unverified"),  # so is Shelbyville, elsewhere
    ("Acme and Globex signed a lease in Springfield", "unverified"),  # the statement says only Freedonia
    ("Acme and Globex signed a lease in Freedonia", "supported"),
    # a part of a place that the store does not name is confirmed by nothing
    ("Acme and Globex signed a lease in Freedonia's capital", "unverified"),
    ("Acme and Globex signed a lease in northern Freedonia", "unverified"),
    # a part the store knows is a place of its own
    ("Initech and Globex signed a supply agreement in Freedonia's Springfield district", "supported"),
])
def test_a_place_is_confirmed_by_itself_or_a_place_inside_it(saga: StoreIndex, claim: str, verdict: str) -> None:
    assert check(claim, saga).verdict == verdict


def test_the_conflict_with_a_part_of_a_place_says_so(saga: StoreIndex) -> None:
    assert check("Acme and Globex signed a lease in Freedonia's capital", saga).reason == (
        "place: the claim says a place in Freedonia, the statement Freedonia")


@pytest.mark.parametrize("claim, verdict", [
    ("Acme of Ruritania and Globex agreed to build a plant in Springfield", "supported"),
    ("Ruritania's Acme and Globex agreed to build a plant in Springfield", "supported"),
    # where a party is from is no place of the event, and the other way round
    ("Acme and Globex agreed to build a plant in Ruritania", "unverified"),
    ("Acme of Shelbyville and Globex agreed to build a plant in Springfield", "unverified"),
])
def test_where_a_party_is_from_is_no_place_of_the_event(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"plant": ("Acme of Ruritania and Globex agreed to build a plant in Springfield",
                                           "parties: [acme, globex], places: [springfield]")},
                      places="  ruritania: {name: Ruritania, kind: place}\n")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Globex terminated its supply agreement with Acme", "supported"),
    ("Acme terminated its supply agreement with Globex", "unverified"),
])
def test_who_ended_an_agreement_is_the_subject_of_its_verb(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"ended": ("Globex terminated its supply agreement with Acme", "parties: [globex, acme]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme opened an office in Springfield", "supported"),
    # a place in what the statement mentions as background is no place of its event
    ("Acme opened an office in Shelbyville", "unverified"),
])
def test_a_place_in_a_background_phrase_is_no_place_of_the_event(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"office": ("Acme opened an office in Springfield two days after launching sales in Shelbyville",
                                            "parties: [acme]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority refused Acme a permit for a plant in Springfield", "supported"),
    # a place the text names beside the `places:` it declares is named in passing
    ("The Trade Authority refused Acme a permit for a plant in Shelbyville", "unverified"),
])
def test_a_place_the_statement_does_not_declare_is_named_in_passing(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"refused": ("The Trade Authority refused Acme a permit for a plant in Springfield, "
                                             "finding that its noise would cause unacceptable harm to residents of Shelbyville",
                                             "parties: [regulator, acme], places: [springfield]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme bought a stake in Globex", "supported"),
    # a sum or a percentage the statement that would support it does not record is unconfirmed
    ("Acme bought a 55 percent stake in Globex", "unverified"),
    ("Acme paid EUR 30 million for a stake in Globex", "unverified"),
    # unless a statement beside it, consistent with the claim, records it
    ("Acme's sales reached EUR 602 million in 2023, growing 32 percent", "supported"),
    ("Acme's sales reached EUR 602 million in 2023, growing 35 percent", "unverified"),
])
def test_a_figure_no_statement_records_is_unconfirmed(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"stake": ("Acme bought a stake in Globex", "parties: [acme, globex]"),
                                 "sales": ("Acme's sales reached EUR 602 million in 2023", "parties: [acme]"),
                                 "growth": ("Acme's sales grew 32 percent in 2023", "parties: [acme]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme and Globex signed a memorandum of understanding on a rail link", "supported"),
    ("Acme and Globex signed an agreement on a rail link", "supported"),
    # a memorandum is no contract, though each is an agreement
    ("Acme and Globex signed a binding contract to build a rail link", "unverified"),
])
def test_a_memorandum_is_no_contract(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"mou": ("Acme and Globex signed a memorandum of understanding on a rail link",
                                         "parties: [acme, globex]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The airport concession awarded to Acme runs for 35 years", "supported"),
    # 30 percent is no span of 30 years: the award's 35 years contradicts the claim
    ("The airport concession awarded to Acme runs for 30 years", "unverified"),
])
def test_a_figure_is_recorded_only_by_one_of_its_kind(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {
        "award": ("The Trade Authority awarded Acme the airport concession on 1 May 2024 for 35 years",
                  "parties: [regulator, acme], date: 2024-05-01"),
        "owner": ("Acme owns 30 percent of the airport concession company", "parties: [acme]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("text, stage", [
    # one letter from two forms of one trigger word: read as that word
    ("The Trade Authority cleared Acme's purchase of Globex unconditionaly", "approved-unconditionally"),
    # a form of a trigger word spelt right is no slip of a longer one ("reviewsing")
    ("The Trade Authority is reviewing Acme's application", "under-review"),
])
def test_a_slip_of_a_trigger_word_is_read_as_it(index: StoreIndex, text: str, stage: str) -> None:
    assert parse_claim(text, index.entities, None, index.words, spelling=True).frame.stage == stage


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority suspended Initech's licence on 9 September 2024", "supported"),
    ("The Trade Authority suspended Initech's licence on 9 October 2024", "unverified"),  # the restoration's date
    ("Initech's licence was restored on 9 October 2024", "supported"),
])
def test_each_clause_of_a_statement_has_its_own_date(saga: StoreIndex, claim: str, verdict: str) -> None:
    assert check(claim, saga).verdict == verdict


@pytest.mark.parametrize("text, agents", [
    ("Acme signed a deal with Globex, and it bought Initech the following year", ("acme",)),
    # a passive's "it" is more often the deal than the company
    ("Acme agreed to buy Globex, and it was approved by the Trade Authority", ()),
    ("Acme agreed to buy Globex, and it has been approved by the Trade Authority", ()),
])
def test_it_as_the_subject_of_a_later_clause_is_the_subject_before(index: StoreIndex, text: str,
                                                                   agents: tuple[str, ...]) -> None:
    assert read_clauses(text, index.entities, None, index.words)[1].parsed.frame.agents == agents


@pytest.mark.parametrize("text, relatives, second", [
    ("The Trade Authority reviewed Acme's bid for Globex, then blocked it", False, (None, "blocked")),
    ("Acme agreed to buy Globex in March but abandoned the deal a year later", False, ("acquisition", "abandoned")),
    # "it" may be anything the clause before names: a product, not the sale
    ("Acme sold its software unit to Globex, which has since launched it in Spain", True, (None, None)),
])
def test_a_later_clause_about_the_deal_before(index: StoreIndex, text: str, relatives: bool,
                                              second: tuple[str | None, str | None]) -> None:
    frame = read_clauses(text, index.entities, None, index.words, relatives=relatives)[1].parsed.frame
    assert (frame.type, frame.stage) == second


def test_a_name_holding_an_event_word_is_no_object_of_a_passive(tmp_path: Path) -> None:
    """ "The Merger Arbitrage Fund denied on 2 May …" is an active verb whose subject is a name,
    not a headline's "merger denied on 2 May"."""
    store = STORE.replace("entities:\n", "entities:\n  fund: {name: Merger Arbitrage Fund, kind: company}\n")
    index = build_index(load_store([write(tmp_path, store)]))
    frame = frame_of(index, "The Merger Arbitrage Fund denied on 2 May a report that it had agreed to buy Globex")
    assert (frame.stage, frame.attitude, frame.holder) == ("agreed", "denied", "fund")


FEE_DENIAL = ("Acme said on 14 October 2024 that Ostbury Gazette reports that it will raise Globex's fees by 12 percent "
              "in 2025 were false, and that it would not raise them by more than the 3 percent a year the Trade "
              "Authority allows")
FEE_STATEMENTS = f"""\
  - id: fee-rumour
    claim: Acme will raise Globex's fees by 12 percent in 2025
    verdict: denied
    parties: [acme, globex]
    citations: [{{source: wire, quote: "{FEE_DENIAL}"}}]
  - id: fee-denial
    claim: {FEE_DENIAL}
    verdict: supported
    parties: [acme, globex, gazette]
    said_by: acme
    citations: [{{source: wire, quote: "{FEE_DENIAL}"}}]
"""


def test_a_clause_that_names_no_event_is_about_what_a_denial_denies(tmp_path: Path) -> None:
    """What a denial adds after it ("… the 3 percent a year the Trade Authority allows") is not
    what a claim that names no event is about: the report it calls false is."""
    store = STORE.replace("entities:\n", "entities:\n  gazette: {name: Ostbury Gazette, kind: organisation}\n")
    index = build_index(load_store([write(tmp_path, store + FEE_STATEMENTS, QUOTES | {"fee": FEE_DENIAL})]))
    result = check("According to the Ostbury Gazette, Acme will raise Globex's fees by 12 percent in 2025", index)
    assert (result.verdict, result.match.id if result.match else None) == ("denied", "fee-rumour")


AGREED = "Acme agreed on 2 May 2024 to buy Globex for $2 billion in cash, its largest purchase of a rival"


def test_a_nearer_statement_that_says_less_does_not_hide_an_excluding_outcome(tmp_path: Path) -> None:
    """The agreement is nearer in words, and no near miss of an approval; the block recorded
    further down still excludes it."""
    agreed = f"""\
  - id: agreed
    claim: {AGREED}
    verdict: supported
    parties: [acme, globex]
    citations: [{{source: wire, quote: "{AGREED}"}}]
"""
    index = build_index(load_store([write(tmp_path, STORE + agreed, QUOTES | {"agreed": AGREED})]))
    result = check("Acme won approval for its $2 billion purchase of Globex agreed in May 2024", index, top=2)
    assert [id for id, _ in result.candidates or ()][0] == "agreed"
    assert (result.verdict, result.match.id if result.match else None) == ("denied", "blocked")


def test_and_between_two_names_joins_them_into_one_clause(index: StoreIndex) -> None:
    text = "The Trade Authority raised no objection to the joint venture of Globex and Initech, which was cleared on Monday"
    assert len(read_clauses(text, index.entities, None, index.words)) == 1


@pytest.mark.parametrize("text, second", [
    # a clause with a subject of its own is not about who acted or decided before
    ("The Trade Authority blocked the deal, and Acme's shareholders approved the merger", ("acme",)),
    ("Initech denied making a bid for Globex, and Globex said it had received no other offer", ("globex",)),
    # but "it" as an object is the subject before
    ("Acme lost its licence, and the Trade Authority granted it a new licence", ("regulator", "acme")),
    ("Acme lost its licence, and the Trade Authority fined it.", ("regulator", "acme")),  # "it." too
])
def test_what_a_second_clause_borrows_from_the_first(index: StoreIndex, text: str, second: tuple[str, ...]) -> None:
    assert read_clauses(text, index.entities, None, index.words)[1].parsed.entities == second


@pytest.mark.parametrize("text, kind", [
    ("Acme signed a supply agreement with Globex in 2023 and signed another with it in 2024", "agreement"),
    ("Acme signed a supply agreement with Globex in 2023, and Initech signed another one in 2024", "agreement"),
    ("Acme signed a supply agreement with Globex in 2023, and it approved a merger in 2024", "merger"),  # its own kind
])
def test_another_is_one_more_of_the_kind_before(index: StoreIndex, text: str, kind: str) -> None:
    second = read_clauses(text, index.entities, None, index.words)[1].parsed
    assert second.frame.type == kind
    assert "globex" in second.entities


def test_a_word_that_opens_a_background_phrase_is_no_name(index: StoreIndex) -> None:
    assert parse_claim("Contrary to Acme's denial, it did buy Globex", index.entities, None, index.words).names == ()


@pytest.mark.parametrize("text", ["People familiar with the matter say Acme bought Globex",
                                  "Industry sources say Acme bought Globex", "Word is that Acme bought Globex"])
def test_a_word_that_opens_a_hedge_is_no_name(index: StoreIndex, text: str) -> None:
    parsed = parse_claim(text, index.entities, None, index.words)
    assert (parsed.names, parsed.frame.hedged) == ((), True)


def test_yet_after_a_comma_joins_two_clauses(index: StoreIndex) -> None:
    text = "The Trade Authority blocked the merger, yet Acme and Globex went on to complete it"
    assert len(read_clauses(text, index.entities, None, index.words)) == 2


def test_a_misspelt_name_does_not_end_in_a_little_word(index: StoreIndex) -> None:
    """ "Globex in March" is Globex, not a misspelt "Globex Link"."""
    assert parse_claim("Acme bought a stake in Globex in March", index.entities, None, index.words).entities == (
        "acme", "globex")


def test_a_stake_sold_is_the_stake_bought_seen_from_the_other_side() -> None:
    sold = Frame(type="divestment", stage="completed", agents=("globex",), counterparts=("acme",))
    bought = Frame(type="investment", stage="completed", agents=("acme",), counterparts=("globex",))
    assert _decide(sold, bought, True) == ("supported", "")
    backwards = bought._replace(agents=("globex",), counterparts=("acme",))  # Globex bought from Acme
    assert _decide(sold, backwards, True) == (None, "role")


def test_a_figure_of_another_partys_deal_contradicts_nothing(saga: StoreIndex) -> None:
    """Acme's 12 slots are another deal's: the block still denies the approval of Initech's 8."""
    result = check("The Trade Authority approved Initech's sale of 8 airport slots to Globex", saga)
    assert (result.verdict, result.match.id if result.match else None) == ("denied", "slots-blocked")


@pytest.mark.parametrize("claim, verdict", [
    ("Acme plans to open 12 new offices in Springfield over the next 100 days", "supported"),
    # one count each side left unpaired: the same quantity in other words
    ("Acme plans 15 new sites in Springfield over the next 100 days", "unverified"),
    # a span of time is no count of offices
    ("Acme plans 12 new sites in Springfield over the next 90 days", "unverified"),
    ("Acme will open 12 offices in Springfield within 100 days, adding 10,000 desks", "supported"),
])
def test_counts_in_other_words_still_compare(saga: StoreIndex, claim: str, verdict: str) -> None:
    assert check(claim, saga).verdict == verdict


def test_what_a_count_counts_ends_at_a_preposition(index: StoreIndex) -> None:
    figures = parse_claim("2,220 by the end of 2024 and 13 foreign-invested firms", index.entities, None, index.words).figures
    assert [sorted(f.counted) for f in figures] == [[], ["compani", "foreign", "invest"]]  # firms are companies


@pytest.mark.parametrize("claim, statement, recorded_true, expected", [
    # one verb the vocabulary does not know, done to another
    (Frame(verbs=("ordered",), verb_objects=(("order", "acme"),)),
     Frame(verbs=("ordered",), verb_objects=(("order", "globex"),)), True, (None, "role")),
    (Frame(verbs=("ordered",), verb_objects=(("order", "acme"),)),
     Frame(verbs=("ordered",), verb_objects=(("order", "acme"),)), True, ("supported", "")),
    # done by a parent is not done by its subsidiary
    (Frame(verbs=("controlled",), verb_objects=(("control by", "acme"),)),
     Frame(verbs=("controlled",), verb_objects=(("control by", "acme-cargo"),)), True, (None, "role")),
    # what someone does to a deal is not the deal: "the venture is controlled by Acme"
    (Frame(type="joint-venture", verbs=("controlled",), verb_objects=(("control by", "acme"),)),
     Frame(type="joint-venture", stage="approved"), True, (None, "event")),
    # an appeal names its event without a type: a false report of one denies it
    (Frame(stage="challenged"), Frame(type="injunction", stage="challenged"), False, ("denied", "")),
    # another decides: "Acme granted Globex a licence" is not Globex's grant to Acme
    (Frame(type="licence", stage="approved", deciders=("acme",)),
     Frame(type="licence", stage="approved", deciders=("globex",)), True, (None, "who")),
    # "agreed" does not: agreeing to something else is not the rumoured agreement
    (Frame(stage="agreed"), Frame(type="acquisition", stage="agreed"), False, (None, "stage")),
])
def test_what_an_unknown_verb_is_done_to_and_stages_that_name_an_event(
        claim: Frame, statement: Frame, recorded_true: bool, expected: tuple[str | None, str]) -> None:
    assert _decide(claim, statement, recorded_true) == expected


@pytest.mark.parametrize("statement, expected", [
    (Frame(type="agreement", stage="abandoned"), ("denied", "")),  # it was terminated
    (Frame(type="agreement", stage="agreed"), (None, "weaker")),  # it held when recorded, not necessarily now
    (Frame(type="agreement", stage="agreed", persists=True), ("supported", "")),  # "remained in force"
])
def test_a_state_that_still_holds_is_denied_by_what_ends_it(statement: Frame, expected: tuple[str | None, str]) -> None:
    assert _decide(Frame(type="agreement", persists=True), statement, True) == expected


def test_only_an_event_against_one_other_side_merges_who_is_acted_on_and_the_other_side() -> None:
    """An injunction against Globex and one to stop Globex's vote are one, as a ban on Globex
    and a ban on others' sales to Globex are (an export ban on Globex); a lawsuit against Globex
    is not one by Globex."""
    against = Frame(type="injunction", agents=("acme",), patients=("globex",))
    to_stop = Frame(type="injunction", agents=("acme",), counterparts=("globex",))
    assert _decide(against, to_stop, True) == ("supported", "")
    banned = Frame(type="ban", agents=("regulator",), patients=("globex",))
    sales_to = Frame(type="ban", agents=("regulator",), patients=("initech",), counterparts=("globex",))
    assert _decide(banned, sales_to, True) == ("supported", "")
    sued = Frame(type="lawsuit", agents=("acme",), patients=("globex",))
    assert _decide(sued, sued._replace(agents=("globex",), patients=("acme",)), True) == (None, "role")


def _index_of(folder: Path, quotes: dict[str, str], fields: str, false: tuple[str, ...] = ()) -> StoreIndex:
    """The index of `STORE`'s entities and sources with one statement per quote (its key the id,
    the quote its claim too), supported unless its key is in `false`, each with the same other
    `fields`."""
    statements = "".join(f'  - {{id: {key}, claim: "{quote}", verdict: {"denied" if key in false else "supported"}, '
                         f'{fields}, citations: [{{source: wire, quote: "{quote}"}}]}}\n' for key, quote in quotes.items())
    return build_index(load_store([write(folder, STORE[:STORE.index("statements:")] + "statements:\n" + statements,
                                         quotes)]))


@pytest.mark.parametrize("claim, verdict", [
    ("Acme signed a deal with Globex", "supported"),
    ("Acme signed a marketing deal with Globex", "supported"),
    ("Acme signed a marketng deal with Globex", "supported"),  # a slip of the store's word
    ("Acme signed a logistics deal with Globex", "unverified"),  # a word the store never uses is still a kind of deal
    ("Acme signed a pricing deal with Globex", "unverified"),  # the store uses it, not of this deal
])
def test_what_kind_of_deal_a_claim_names_is_a_particular(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"signed": "Acme signed a marketing partnership with Globex", "other": "Initech cut its pricing"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]")
    assert check(claim, index).verdict == verdict


def test_event_terms_rank_the_candidates_they_do_not_open(tmp_path: Path) -> None:
    """Among many statements naming Acme and Globex, the claim's event ranks the purchase first,
    though a short statement of another event would win on the names alone."""
    others = {f"talks-{n}": f"Acme and Globex held talks in round {n}" for n in range(12)}
    quotes = {**others, "bought": "Acme completed its acquisition of Globex on 3 June 2024, paying cash for every share"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]")
    result = check("艾克米于2024年6月3日完成了对Globex的收购", index)  # names, a date and the event only
    assert (result.verdict, result.match.id if result.match else None) == ("supported", "bought")


def test_what_entails_a_type_or_stage_follows_is_a_and_implies() -> None:
    """Retrieval ranks a claim's candidates by the events that would entail it."""
    entailing = vocabulary().entailing
    assert {"agreed", "announced", "completed"} <= entailing["agreed"] and "planned" not in entailing["agreed"]
    assert entailing["acquisition"] == {"acquisition", "merger", "divestment"}  # a sale to Acme is Acme's purchase


def test_a_parent_named_beside_its_subsidiary_is_not_supported_by_the_subsidiary(index: StoreIndex) -> None:
    result = check("Acme Cargo's parent, Acme Corp, signed a leasing agreement with Globex", index)
    assert result.verdict == "unverified" and result.reason is not None and result.reason.startswith("party:")


def test_a_stake_still_held_is_denied_by_its_holders_sale() -> None:
    held = Frame(type="investment", agents=("acme",), patients=("globex",), persists=True)
    sold = Frame(type="divestment", stage="completed", agents=("acme",), patients=("globex",), counterparts=("initech",))
    assert _decide(held, sold, True) == ("denied", "")
    bought_by_another = sold._replace(agents=("initech",), counterparts=("acme",))
    assert _decide(held, bought_by_another, True)[0] != "denied"


@pytest.mark.parametrize("statement, recorded_true, expected", [
    (Frame(type="licence", stage="applied"), True, (None, "stage")),  # a plan is not supported by the act
    (Frame(type="licence", stage="planned"), True, ("supported", "")),
])
def test_a_plan_is_supported_only_by_a_plan(statement: Frame, recorded_true: bool, expected: tuple[str | None, str]) -> None:
    assert _decide(Frame(type="licence", stage="planned"), statement, recorded_true) == expected


@pytest.mark.parametrize("claim, statement, expected", [
    (Frame(type="fine", stage="upheld"), Frame(type="fine", stage="reduced"), ("denied", "")),
    (Frame(type="fine", stage="reduced"), Frame(type="fine", stage="overturned"), ("denied", "")),
    # "cut the fine" against "upheld the finding": a stage that names its event is done to something
    (Frame(type="fine", stage="reduced"), Frame(stage="upheld"), (None, "stage")),
])
def test_an_appeal_upholds_cuts_or_overturns(claim: Frame, statement: Frame, expected: tuple[str | None, str]) -> None:
    verdict, kind = _decide(claim, statement, True)
    assert (verdict, kind if verdict is None else "") == expected


@pytest.mark.parametrize("claim, verdict", [
    ("Acme chief executive Jane Roe denied that Acme had agreed to buy Initech", "supported"),
    ("John Doe denied that Acme had agreed to buy Initech", "unverified"),  # a person the statement does not name
])
def test_a_person_the_claim_names_with_the_company_speaks_for_it(tmp_path: Path, claim: str, verdict: str) -> None:
    quote = "Acme denied that it had agreed to buy Initech, chief executive Jane Roe said"
    store = STORE.replace("entities:\n", "entities:\n  jane-roe: {name: Jane Roe, kind: person}\n"
                                        "  john-doe: {name: John Doe, kind: person}\n", 1)
    statement = (f'  - {{id: denial, claim: "{quote}", verdict: supported, parties: [acme, initech, jane-roe], '
                 f'said_by: acme, citations: [{{source: wire, quote: "{quote}"}}]}}\n')
    index = build_index(load_store([write(tmp_path, store[:store.index("statements:")] + "statements:\n" + statement,
                                          {"denial": quote})]))
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("interim", ["applied", "under-review", "in-talks", "challenged"])
def test_a_step_before_the_outcome_records_less_of_it(interim: str) -> None:
    """A statement that Acme applied is no near miss of a claim that the application was
    refused: a statement of the refusal, less similar, may still decide it."""
    assert _decide(Frame(type="licence", stage="blocked"), Frame(type="licence", stage=interim), True) == (None, "weaker")


def test_an_outcome_excludes_only_one_and_the_same_event() -> None:
    """Another buyer's abandoned bid says nothing of Acme's purchase; a withdrawal that names
    neither a kind of event nor an actor of the clause's excludes nothing; a false report that
    the deal was blocked is no near miss of its approval."""
    bought = ACQUISITION._replace(stage="completed")
    assert _decide(bought, ACQUISITION._replace(stage="abandoned"), True) == ("denied", BY_EXCLUSION)
    assert _decide(bought, ACQUISITION._replace(stage="abandoned", agents=("initech",)), True)[0] is None
    assert _decide(bought, Frame(stage="abandoned", subject="initech"), True)[0] is None
    assert _decide(bought, Frame(stage="abandoned", subject="acme"), True) == ("denied", BY_EXCLUSION)
    assert _decide(ACQUISITION._replace(stage="approved"), ACQUISITION._replace(stage="blocked"), False) == (
        None, "weaker")


def test_a_denial_is_contradicted_only_by_saying_what_it_denies() -> None:
    """"The regulator denied it had approved the merger" against "the regulator said of the
    merger that …" (no stage): it said less than what was denied, which is no contradiction."""
    denied = Frame(type="merger", stage="approved", attitude="denied", holder="regulator")
    said = Frame(type="merger", attitude="said", holder="regulator")
    assert _decide(denied, said, True)[0] is None
    assert _decide(denied, said._replace(stage="approved"), True) == ("denied", BY_EXCLUSION)


def test_saying_it_had_not_is_a_denial() -> None:
    """"The regulator denied it had blocked the merger" against "the regulator said it had not
    blocked the merger", either way round."""
    denied = Frame(type="merger", stage="blocked", attitude="denied", holder="regulator")
    said_not = Frame(type="merger", stage="blocked", attitude="said", holder="regulator", negated=True)
    assert _decide(denied, said_not, True) == ("supported", "")
    assert _decide(said_not, denied, True) == ("supported", "")
    assert _decide(denied, said_not._replace(negated=False), True) == ("denied", BY_EXCLUSION)


def test_barring_a_sale_is_the_ban_its_decider_imposed() -> None:
    """"The regulator barred Acme from selling to Globex" against "the regulator banned sales to
    Globex": the same act, seen as what it stopped; not a ban someone else imposed, nor a ban on
    sales to someone else."""
    barred = Frame(type="divestment", stage="blocked", counterparts=("globex",), deciders=("regulator",))
    ban = Frame(type="ban", stage="completed", agents=("regulator",), counterparts=("globex",))
    assert _decide(barred, ban, True) == ("supported", "")
    assert _decide(barred._replace(negated=True), ban, True) == ("denied", "")
    assert _decide(barred, ban._replace(agents=("court",)), True)[0] is None
    assert _decide(barred, ban._replace(counterparts=("initech",)), True)[0] is None


def test_a_stage_recorded_as_not_reached_is_no_near_miss_of_another_stage() -> None:
    """"Its registration had not been completed" records nothing of an approval: a statement
    of the approval, less similar, may still decide "failed to win approval"."""
    not_completed = Frame(type="joint-venture", stage="completed", negated=True)
    assert _decide(Frame(type="joint-venture", stage="approved", negated=True), not_completed, True) == (None, "weaker")
    assert _decide(Frame(type="joint-venture", stage="approved"), not_completed, True) == (None, "weaker")
    assert _decide(Frame(type="joint-venture", stage="approved"), not_completed._replace(negated=False), True) == (
        None, "stage")


def test_an_injunction_against_someone_else_is_another_injunction() -> None:
    granted = Frame(type="injunction", stage="approved", agents=("acme",), patients=("globex",))
    refused = Frame(type="injunction", stage="blocked", agents=("acme",), patients=("initech",))
    assert _decide(granted, refused, True) == (None, "role")


def test_who_acted_together_may_be_either_side_of_the_deal() -> None:
    """"Acme and Globex abandoned the sale of Initech" denies that Acme completed the sale of Initech to Globex."""
    sold = Frame(type="divestment", stage="completed", agents=("acme",), patients=("initech",), counterparts=("globex",))
    abandoned = Frame(type="divestment", stage="abandoned", agents=("acme", "globex"), patients=("initech",))
    assert _decide(sold, abandoned, True) == ("denied", BY_EXCLUSION)


def test_a_statement_without_roles_has_its_subject_acting() -> None:
    """"Acme, Globex and Initech took part in the reform" (an investment by its event field) is
    no investment in Acme."""
    took_part = Frame(type="investment", stage="completed", subject="acme")
    assert _decide(Frame(type="investment", stage="completed", agents=("globex",), patients=("acme",)),
                   took_part, True) == (None, "role")


def test_who_does_a_verb_is_who_the_statement_says_does_it() -> None:
    """"Acme and Globex jointly control the venture" is not "controlled by Acme Cargo and …"."""
    by_units = Frame(type="joint-venture", verbs=("controlled",), verb_objects=(("control by", "acme-cargo"),))
    claim = Frame(type="joint-venture", subject="acme", verbs=("control",))
    assert _decide(claim, by_units, True) == (None, "role")
    assert _decide(claim._replace(subject="acme-cargo"), by_units, True)[0] == "supported"


def test_what_will_be_done_is_not_what_has_been_whatever_its_stage() -> None:
    """"Acme has already paid its reduced fine" against "Acme said it would pay the reduced fine"."""
    paid = Frame(type="fine", stage="reduced", tense=1, verbs=("paid",))
    assert _decide(paid, Frame(type="fine", stage="reduced", tense=-1), True)[0] is None
    assert _decide(paid, Frame(type="fine", stage="reduced", tense=1), True)[0] == "supported"


def test_taking_someone_to_court_is_suing_them() -> None:
    frame = _frame("Acme took Globex to court over the contract", {"acme": "acme", "globex": "globex"})
    assert (frame.type, frame.stage) == ("lawsuit", "completed")


def test_an_outcome_of_a_kind_of_event_is_that_kinds() -> None:
    """The refusal of an injunction does not deny that the lawsuit was brought; a merger blocked
    is still an acquisition blocked (a merger is one only loosely)."""
    sued = Frame(type="lawsuit", stage="completed", agents=("acme",))
    assert _decide(sued, Frame(type="injunction", stage="blocked", agents=("acme",)), True)[0] != "denied"
    assert _decide(Frame(type="acquisition", stage="approved"), Frame(type="merger", stage="blocked"), True) == (
        "denied", BY_EXCLUSION)


def test_a_company_may_sell_a_stake_in_itself() -> None:
    """"Globex sold a 12 percent stake to Acme" is "Acme bought 12 percent of Globex"."""
    sold = Frame(type="stake-sale", stage="completed", agents=("globex",), counterparts=("acme",))
    bought = Frame(type="investment", stage="completed", agents=("acme",), patients=("globex",))
    assert _decide(sold, bought, True) == ("supported", "")
    assert _decide(sold._replace(agents=("acme",), counterparts=("globex",)), bought, True) == (None, "role")


def test_a_verb_the_vocabulary_does_not_know_is_shared_by_its_synonym() -> None:
    assert shares_verb(Frame(verbs=("quits",)), Frame(verbs=("resigned",)))
    assert shares_verb(Frame(verbs=("opened",)), Frame(verbs=("opens",)))
    assert not shares_verb(Frame(verbs=("opened",)), Frame(verbs=("resigned",)))


def test_a_phrasal_verb_is_read_as_the_verb_it_means(index: StoreIndex) -> None:
    """`phrasal_verbs`: "stepped down" is compared as "resigned", so it shares its verb."""
    stepped, resigned = frame_of(index, "Acme stepped down from Globex"), frame_of(index, "Acme resigned from Globex")
    assert stepped.verbs == ("resigned",) and shares_verb(stepped, resigned)
    assert frame_of(index, "Acme stepped into Globex").verbs == ("stepped",)
    assert frame_of(index, "Acme shut down its Springfield plant").verbs == ("halted",)  # a past the same as its bare form


def test_a_past_the_same_as_its_bare_form_after_a_name_is_its_verb(index: StoreIndex) -> None:
    """"Acme quit as Globex's adviser": a verb, so the clause asserts something."""
    assert frame_of(index, "Acme quit as Globex's adviser in May").verbs == ("quit",)


def test_a_verb_the_claim_does_not_read_as_a_stage_is_shared_by_a_statement_stage_word() -> None:
    """"… and restored in October" (no object, so no trigger) against "restored the licence"."""
    assert shares_verb(Frame(verbs=("restored",)), Frame(stage="approved", stage_words="restored the licence"))
    assert not shares_verb(Frame(verbs=("restored",)), Frame(stage="approved", stage_words="granted"))


def test_a_false_plan_denies_the_act() -> None:
    assert _decide(Frame(type="acquisition", stage="offered"), Frame(type="acquisition", stage="planned"), False) == (
        "denied", "")
    # but that no bid was being prepared is no record that nothing was ever bought
    never_bought = Frame(type="acquisition", stage="completed", negated=True)
    assert _decide(never_bought, Frame(type="acquisition", stage="planned"), False)[0] is None


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority fined Acme EUR 4 million in November 2023", "supported"),
    # the year the failures ended does not date the fine
    ("The Trade Authority fined Acme EUR 4 million in November 2022", "unverified"),
])
def test_a_claims_date_is_compared_with_dates_as_precise_as_it(tmp_path: Path, claim: str, verdict: str) -> None:
    quote = "The Trade Authority fined Acme EUR 4 million for failures between 2020 and 2022"
    assert _verdict_against(tmp_path, quote, "2023-11-14", claim) == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority fined Acme for mis-selling loans", "supported"),
    ("The Trade Authority fined Acme for mis-seling loans", "supported"),  # a slip in the reason
    ("The Trade Authority fined Acme over bribery", "unverified"),  # another reason
    ("The Trade Authority fined Acme EUR 4 million", "supported"),  # no reason given
])
def test_what_a_fine_was_for_is_a_particular(tmp_path: Path, claim: str, verdict: str) -> None:
    quote = "The Trade Authority fined Acme EUR 4 million for mis-selling loans to small firms"
    assert _verdict_against(tmp_path, quote, "2023-11-14", claim) == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority granted Acme a licence on 1 August 2024", "supported"),
    ("The Trade Authority granted Acme a licence on 1 October 2024", "unverified"),  # when it takes effect
    # a claim that dates the event by the statement's date may date what follows by the text's
    ("The Trade Authority granted Acme a licence on 1 August 2024, allowing it to trade from 1 October 2024",
     "supported"),
])
def test_a_statements_date_pins_its_main_event_among_the_dates_of_its_clause(
        tmp_path: Path, claim: str, verdict: str) -> None:
    quote = "The Trade Authority granted Acme a licence on 1 August 2024, allowing it to trade from 1 October 2024"
    assert _verdict_against(tmp_path, quote, "2024-08-01", claim) == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority extended Acme's licence by ten years", "unverified"),  # what was refused did not happen
    ("The Trade Authority refused to extend Acme's licence", "supported"),
])
def test_a_clause_without_a_stage_is_not_confirmed_by_a_refusal(tmp_path: Path, claim: str, verdict: str) -> None:
    quote = "The Trade Authority refused a request by Acme to extend its licence by ten years"
    assert _verdict_against(tmp_path, quote, "2024-07-10", claim) == verdict


@pytest.mark.parametrize("undone", ["in-talks", "blocked", "abandoned", "postponed"])
def test_a_clause_in_a_verb_of_its_own_says_the_event_took_place(undone: str) -> None:
    """"Acme and Globex formed a venture" is not what talks of one, its refusal or its
    postponement record."""
    formed = Frame(type="joint-venture", verbs=("formed",))
    assert _decide(formed, Frame(type="joint-venture", stage=undone), True)[0] is None
    assert _decide(formed, Frame(type="joint-venture", stage="completed"), True) == ("supported", "")


def test_what_was_postponed_did_not_take_place() -> None:
    """"The Trade Authority banned Acme" is not what "the ban on Acme was delayed" records."""
    banned = Frame(type="ban", agents=("regulator",), patients=("acme",))
    assert _decide(banned, Frame(type="ban", stage="postponed", patients=("acme",)), True)[0] is None


def test_a_generic_agreement_is_less_of_a_specific_event_not_another() -> None:
    """"signed an amended agreement" is no near miss of "signed a deal to buy Globex": a less
    similar statement that records the purchase may decide."""
    bought = ACQUISITION._replace(stage="agreed")
    assert _decide(bought, Frame(type="agreement", stage="agreed"), True) == (None, "weaker")
    assert _decide(bought, Frame(type="joint-venture", stage="agreed"), True) == (None, "event")


def test_a_stage_that_names_its_event_is_one_event_whatever_it_was_done_to() -> None:
    """"did not appeal the judgment" denies "appealed against the ruling that granted the permit"
    (the appeal is the event: the permit is what it was about)."""
    appealed = Frame(type="licence", stage="challenged", subject="regulator")
    assert _decide(appealed, Frame(stage="challenged", negated=True, subject="regulator"), True) == ("denied", "")
    assert _decide(appealed._replace(negated=True), Frame(stage="challenged", negated=True), True) == ("supported", "")


def test_a_stage_verb_with_an_object_it_does_not_list_still_excludes_the_opposite_stage() -> None:
    """"rejected the class action settlement" ('rejected' blocks only bids, requests …) is
    no paraphrase of "approved the settlement"."""
    rejected = Frame(verbs=("rejected",))
    assert _decide(rejected, Frame(stage="approved"), True) == (None, "stage")
    assert _decide(rejected, Frame(stage="blocked"), True)[1] != "stage"


@pytest.mark.parametrize("claim, verdict", [
    ("Acme's US export ban hit Globex in May 2018", "supported"),
    ("Acme's American export ban hit Globex in May 2018", "supported"),  # a people's word for the place
    ("Acme's German export ban hit Globex in May 2018", "unverified"),  # a place the statement does not name
])
def test_a_demonym_is_a_name_the_statement_names_by_its_place(tmp_path: Path, claim: str, verdict: str) -> None:
    index = _index_of(tmp_path, {"ban": "Acme's US export ban hit Globex in May 2018"}, "parties: [acme, globex]")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("deal, verdict", [("takeover bid abandoned", "supported"), ("approach ended", "unverified")])
def test_the_deal_label_names_the_kind_of_deal_a_statement_leaves_unnamed(tmp_path: Path, deal: str, verdict: str) -> None:
    """"walked away from Globex" under the label "takeover bid abandoned" is an abandoned takeover."""
    index = _index_of(tmp_path, {"walked": "Acme walked away from Globex"}, f"parties: [acme, globex], deal: {deal}")
    assert check("Acme abandoned its takeover of Globex", index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme Cargo, part of Acme, was fined EUR 4 million by the Trade Authority", "supported"),
    ("Acme Cargo, a subsidiary of Acme, was fined EUR 4 million by the Trade Authority", "supported"),
    ("Acme Cargo, Acme's logistics arm, was fined EUR 4 million by the Trade Authority", "supported"),
    ("Acme was fined EUR 4 million by the Trade Authority", "unverified"),  # the parent, not its subsidiary
])
def test_a_parent_named_to_say_whose_a_subsidiary_is_takes_no_part(tmp_path: Path, claim: str, verdict: str) -> None:
    index = _index_of(tmp_path, {"fined": "The Trade Authority fined Acme Cargo EUR 4 million"},
                      "parties: [regulator, acme-cargo]")
    assert check(claim, index).verdict == verdict


def _verdict_against(folder: Path, quote: str, dated: str, claim: str) -> str:
    """The claim's verdict against one statement of the Trade Authority about Acme, of that date."""
    index = _index_of(folder, {"statement": quote}, f"parties: [regulator, acme], date: {dated}")
    return check(claim, index).verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The High Court barred Globex from selling the drug", "unverified"),  # the injunction against it was refused
    ("The High Court cleared Globex to sell the drug", "unverified"),  # nor is a refusal an approval
    ("The High Court refused Acme's request", "supported"),  # Acme's request is what was refused
])
def test_refusing_a_restriction_bars_no_one(tmp_path: Path, claim: str, verdict: str) -> None:
    quote = "The High Court refused Acme's request for an injunction against Globex"
    index = _index_of(tmp_path, {"refused": quote}, "parties: [court, acme, globex]")
    assert check(claim, index).verdict == verdict


def test_refusing_a_partys_injunction_bars_it_from_nothing(tmp_path: Path) -> None:
    quote = "The High Court refused Acme's application for an injunction suspending its exclusion from public tenders"
    index = _index_of(tmp_path, {"refused": quote}, "parties: [court, acme]")
    assert check("Acme was barred from public tenders", index).verdict == "unverified"


def test_a_suspension_is_its_own_stage_and_after_which_starts_a_clause(tmp_path: Path) -> None:
    quotes = {"recall": "Acme recalled four batches of its drug",
              "rumour": "The Trade Authority suspended Acme's licence"}
    index = _index_of(tmp_path, quotes, "parties: [regulator, acme]", false=("rumour",))
    result = check("Acme recalled four batches of its drug, after which the Trade Authority suspended its licence", index)
    assert [clause.verdict for clause in result.clauses] == ["supported", "denied"]
    assert check("The Trade Authority revoked Acme's licence", index).verdict == "unverified"  # not a suspension


@pytest.mark.parametrize("statement, expected", [
    (Frame(type="acquisition", stage="planned", planned="completed"), (None, "stage")),  # "expects to complete it"
    (Frame(type="acquisition", stage="planned", planned="offered"), ("supported", "")),  # "plans a bid"
    (Frame(type="acquisition", stage="planned"), ("supported", "")),  # "plans to buy"
])
def test_two_plans_of_different_stages_are_two_plans(statement: Frame, expected: tuple[str | None, str]) -> None:
    weighing_a_bid = Frame(type="acquisition", stage="planned", planned="offered")
    assert _decide(weighing_a_bid, statement, True) == expected


def test_a_plan_reads_the_stage_it_is_a_plan_of(index: StoreIndex) -> None:
    assert frame_of(index, "Acme is weighing a bid for Globex").planned == "offered"
    assert frame_of(index, "Acme expects to complete its purchase of Globex").planned == "completed"
    assert frame_of(index, "Acme is set to buy Globex under a deal agreed in May").planned == "completed"
    assert frame_of(index, "Acme plans to buy Globex").planned is None  # an intention: left open


def test_what_a_statement_says_only_may_be_decides_nothing() -> None:
    """"The merger may not be completed before the sale of Initech" records no failed merger."""
    completed = Frame(type="merger", stage="completed")
    may_not_be = Frame(type="merger", stage="completed", negated=True, possible=True)
    assert _decide(completed, may_not_be, True)[0] is None
    assert _decide(completed, may_not_be._replace(possible=False), True)[0] == "denied"


def test_a_statement_that_negates_another_verb_records_no_negated_event() -> None:
    """"Acme's investment in Globex does not require clearance" is no record that Acme did not
    invest, while a claim that "the ban will not cause losses" is still a negation."""
    invested = Frame(type="investment", stage="completed", agents=("acme",), patients=("globex",))
    needs_no_clearance = Frame(type="investment", negated=True, negates_another=True, agents=("acme",),
                               patients=("globex",))
    assert _decide(invested, needs_no_clearance, True)[0] != "denied"
    assert _decide(invested, needs_no_clearance._replace(negates_another=False), True)[0] == "denied"


@pytest.mark.parametrize("claim, statement, expected", [
    # what is only intended is not what is agreed and expected to complete, and the other way round
    (Frame(type="divestment", stage="planned"), Frame(type="divestment", stage="planned", planned="completed"),
     (None, "stage")),
    (Frame(type="divestment", stage="planned"), Frame(type="divestment", stage="planned"), ("supported", "")),
    (Frame(type="divestment", stage="planned", planned="completed"),
     Frame(type="divestment", stage="planned", planned="completed"), ("supported", "")),
])
def test_an_intention_is_not_an_expected_completion(claim: Frame, statement: Frame,
                                                     expected: tuple[str | None, str]) -> None:
    assert _decide(claim, statement, True) == expected


def test_a_false_plan_denies_only_the_act_it_plans() -> None:
    """A false rumour that Acme was preparing a new offer denies an offer, not a withdrawal."""
    preparing_an_offer = Frame(type="acquisition", stage="planned", planned="offered")
    assert _decide(Frame(type="acquisition", stage="offered"), preparing_an_offer, False)[0] == "denied"
    assert _decide(Frame(type="acquisition", stage="abandoned"), preparing_an_offer, False)[0] is None


def test_a_merger_is_what_news_calls_an_acquisition() -> None:
    """"The Acme-Globex merger" is Acme's acquisition of Globex; a joint venture is still none."""
    bought = Frame(type="acquisition", stage="agreed", agents=("acme",), patients=("globex",))
    assert _decide(Frame(type="merger", stage="agreed"), bought, True) == ("supported", "")
    assert _decide(Frame(type="merger", stage="agreed"), Frame(type="joint-venture", stage="agreed"), True)[0] is None


def test_a_chinese_name_inside_a_longer_one_is_not_named(index: StoreIndex) -> None:
    """"艾克米货运" is Acme Cargo, not also Acme ("艾克米") inside it; Acme named on its own later is."""
    entities = parse_claim("艾克米货运签署了租赁协议", index.entities, None, index.words).entities
    assert entities == ("acme-cargo",)
    assert parse_claim("艾克米货运与艾克米签署了租赁协议", index.entities, None, index.words).entities == (
        "acme-cargo", "acme")


@pytest.mark.parametrize("when, dated", [
    ("on the same day", PartialDate(2024, 5, 2)),
    ("the same month", PartialDate(2024, 5)),
    ("that year", PartialDate(2024)),
    ("in June 2024", PartialDate(2024, 6)),  # a date of its own
])
def test_the_same_day_is_the_date_of_the_clause_before(index: StoreIndex, when: str, dated: PartialDate) -> None:
    text = f"The Trade Authority cleared Acme's purchase of Globex on 2 May 2024, and {when} Initech sold its unit to Globex"
    clauses = read_clauses(text, index.entities, None, index.words)
    assert len(clauses) == 2 and clauses[1].parsed.dates == (dated,)


def test_a_clause_that_starts_with_its_verb_is_the_subjects_before(index: StoreIndex) -> None:
    """"… and signed a lease with Globex": Acme signed it, though the clause names Globex."""
    clauses = read_clauses("Acme Cargo terminated its contract with Initech and signed a leasing agreement with Globex",
                           index.entities, None, index.words)
    assert [clause.parsed.entities for clause in clauses] == [("acme-cargo", "initech"), ("acme-cargo", "globex")]


def test_a_claims_relative_clause_is_a_claim_about_the_name_before(index: StoreIndex) -> None:
    text = "Acme sold its unit to Globex, which has since opened a plant in Springfield"
    claim = read_clauses(text, index.entities, None, index.words, relatives=True)
    assert [(c.parsed.frame.subject, c.parsed.frame.verbs) for c in claim] == [("acme", ()), ("globex", ("opened",))]
    assert len(read_clauses(text, index.entities, None, index.words)) == 1  # a statement's is its background


@pytest.mark.parametrize("text, acted_on", [
    ("Acme postponed its listing, and the High Court granted an injunction against it", ("acme",)),
    ("Acme signed a deal with Globex, and the Trade Authority approved it", ()),  # "it" alone: the deal
])
def test_it_after_a_role_preposition_is_the_subject_before(index: StoreIndex, text: str, acted_on: tuple[str, ...]) -> None:
    clauses = read_clauses(text, index.entities, None, index.words)
    assert len(clauses) == 2 and clauses[1].parsed.frame.patients + clauses[1].parsed.frame.counterparts == acted_on


def test_a_record_that_it_did_not_happen_does_not_deny_that_it_was_blocked() -> None:
    not_bought = Frame(type="acquisition", negated=True, agents=("acme",), patients=("globex",))
    assert _decide(ACQUISITION._replace(stage="blocked"), not_bought, True)[0] is None
    assert _decide(ACQUISITION._replace(stage="completed"), not_bought, True)[0] == "denied"


def test_a_clause_that_names_no_event_is_not_supported_by_excluding_another() -> None:
    """"ZTE did not halt production" is no paraphrase of "the US ban on ZTE took effect"; "the
    regulator did not block it" (its event named by reference) is of "Acme completed it"."""
    took_effect = Frame(type="ban", stage="completed")
    assert _decide(Frame(stage="blocked", negated=True), took_effect, True)[0] is None
    assert _decide(Frame(stage="blocked", negated=True, refers_back=True), took_effect, True)[0] == "supported"


def test_a_percentage_belongs_to_whom_it_is_given(index: StoreIndex) -> None:
    def shares(text: str) -> tuple[tuple[str, float], ...]:
        return parse_claim(text, index.entities, None, index.words).shares
    assert shares("Globex will own 49 percent of the venture and Acme 51 percent") == (("globex", 49.0), ("acme", 51.0))
    assert shares("a venture owned 51 percent by Globex and 49 percent by Acme") == (("globex", 51.0), ("acme", 49.0))
    assert shares("Initech raised its stake in Globex to 29.9 percent") == ()  # Globex is held, not holding
    assert shares("with Acme Cargo, Acme's logistics unit, owning 51 percent") == (("acme-cargo", 51.0),)
    assert shares("艾克米货运49%的股份") == ()  # a stake in it
    assert shares("艾克米将持有合资企业51%的股份") == (("acme", 51.0),)  # a holding verb after the holder
    # what a company's shareholders will hold of a merged company
    assert shares("Globex shareholders will own 58 percent of the combined company and Acme shareholders 42 percent") == (
        ("globex", 58.0), ("acme", 42.0))


@pytest.mark.parametrize("quote, claim, conflict", [
    ("Acme and Globex set up Initech, owned 51 percent by Acme and 49 percent by Globex",
     "Globex will own 51 percent of Initech and Acme 49 percent", "figure: the claim gives Globex 51%, the statement 49%"),
    # a percentage given to a subsidiary is not its parent's
    ("Acme and Globex set up Initech, with Acme Cargo, Acme's logistics unit, owning 51 percent and Globex 49 percent",
     "Acme will own 51 percent of Initech", "figure: the claim gives Acme Corp 51%, the statement gives it to Acme Cargo"),
])
def test_a_percentage_given_to_another_holder_is_a_near_miss(tmp_path: Path, quote: str, claim: str, conflict: str) -> None:
    index = _index_of(tmp_path, {"venture": quote}, "parties: [acme, acme-cargo, globex, initech]")
    result = check(claim, index)
    assert result.verdict == "unverified"
    assert conflict in result.related[0].conflicts


@pytest.mark.parametrize("claim, verdict", [
    ("Acme signed a deal with Globex", "supported"),
    ("Acme signed a new deal with Globex", "supported"),
    ("Acme signed a supply deal with Globex", "unverified"),  # the store records no supply deal
])
def test_a_kind_of_deal_is_not_any_deal(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"deal": "Acme signed a deal with Globex", "supplier": "Initech is a supply partner of Globex"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]")
    result = check(claim, index)
    assert result.verdict == verdict
    if verdict == "unverified":
        assert result.reason == "event: the claim says supply deal, the statement does not"


@pytest.mark.parametrize("claim, verdict", [
    ("Acme completed its purchase of Globex in the second quarter of 2024", "supported"),
    ("Acme completed its purchase of Globex in H1 2024", "supported"),
    ("Acme completed its purchase of Globex in the first quarter of 2024", "unverified"),
])
def test_a_quarter_dates_an_event_by_its_months(tmp_path: Path, claim: str, verdict: str) -> None:
    index = _index_of(tmp_path, {"done": "Acme completed its purchase of Globex on 2 April 2024"},
                      "parties: [acme, globex], date: 2024-04-02")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme signed a partnership with Globex", "supported"),
    ("Acme signed a strategic partnership with Globex", "supported"),
    ("Acme signed a telemedicine partnership with Globex", "unverified"),  # the store records no telemedicine
    # a denial need not repeat what kind of deal the rumour was
    ("Acme denied reports that it signed a telemedicine partnership with Globex", "supported"),
])
def test_a_kind_of_partnership_is_not_any_partnership(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"partnership": "Acme signed a partnership with Globex",
              "denial": "Acme denied reports that it signed a partnership with Globex",
              "clinic": "Initech runs telemedicine clinics"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]")
    assert check(claim, index).verdict == verdict


def test_a_stake_sold_is_no_takeover() -> None:
    """Selling a stake in Globex to Initech is Initech's investment, not its takeover of Globex."""
    stake_sold = Frame(type="stake-sale", stage="completed", agents=("acme",), patients=("globex",),
                       counterparts=("initech",))
    took_over = Frame(type="acquisition", stage="completed", agents=("initech",), patients=("globex",))
    assert _decide(took_over, stake_sold, True) == (None, "event")
    invested = Frame(type="investment", stage="completed", agents=("initech",), patients=("globex",))
    assert _decide(invested, stake_sold, True) == ("supported", "")


def test_a_plan_to_appeal_is_denied_by_a_recorded_decision_not_to() -> None:
    """"Acme said it would appeal" against "Acme said it would not appeal the refusal of the injunction"."""
    would = Frame(stage="planned", planned="challenged", attitude="said", holder="acme")
    would_not = Frame(type="injunction", stage="planned", planned="challenged", negated=True, attitude="said", holder="acme")
    assert _decide(would, would_not, True) == ("denied", "")


def test_event_terms_rank_huge_posting_lists_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A million-statement store keeps its commonest terms' statements as bitmaps; the
    search for a candidate recording the claim's event asks them too."""
    monkeypatch.setattr("factcheck.index.SET_ENTRY_BYTES", 10**9)
    others = {f"talks-{n}": f"Acme and Globex held talks in round {n}" for n in range(12)}
    quotes = {**others, "bought": "Acme completed its acquisition of Globex on 3 June 2024, paying cash for every share"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]")
    result = check("艾克米于2024年6月3日完成了对Globex的收购", index)
    assert (result.verdict, result.match.id if result.match else None) == ("supported", "bought")


@pytest.mark.parametrize("claim, verdict", [
    ("Acme pulled the plug on its takeover of Globex", "denied"),
    ("Acme closed its takeover of Globex", "supported"),
])
def test_a_statement_of_the_excluding_outcome_is_as_near_as_one_of_the_same(tmp_path: Path, claim: str,
                                                                          verdict: str) -> None:
    """A statement that the purchase was completed shares few words with a claim that it was
    abandoned, but decides it as surely as one of its abandonment would."""
    quotes = {"completed": "Acme completed its acquisition of Globex on 1 March 2024 after the Trade Authority's "
                           "clearance of the transaction and the approval of Globex shareholders at a meeting in Springfield"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]")
    assert check(claim, index).verdict == verdict



def test_a_claim_that_reports_a_denial_is_about_the_statement_of_the_denial(tmp_path: Path) -> None:
    """The words that report a denial carry polarity and are no terms: what finds the statement
    of the denial, rather than the rumour it denies, is that both report one (`DENIAL_TERM`)."""
    quotes = {"rumour": "Acme abandoned its offer for Globex in September 2023",
              "denial": "Acme said on 14 September 2023 that a report it had abandoned its offer for Globex was "
                        "false and that its offer remained in place, with its board due to meet Globex shareholders "
                        "in Springfield in October"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex]", false=("rumour",))
    result = check("Acme said a newspaper report that it had walked away from its Globex offer was false", index)
    assert (result.verdict, result.match.id if result.match else None) == ("supported", "denial")


@pytest.mark.parametrize("said_by, verdict", [("acme", "supported"), ("globex", "unverified")])
def test_a_person_who_speaks_for_the_source_is_its_voice(tmp_path: Path, said_by: str, verdict: str) -> None:
    """"Acme denied …" against "Acme's chief executive Jane Roe said reports … were untrue",
    recorded as said by Acme; not when the statement records someone else as the source."""
    quote = "Acme chief executive Jane Roe said reports that Acme had agreed to sell Globex Link to Initech were untrue"
    store = STORE.replace("  court: {name: High Court, kind: organisation}\n",
                          "  court: {name: High Court, kind: organisation}\n  jane-roe: {name: Jane Roe, kind: person}\n")
    statement = (f'  - {{id: denial, claim: "{quote}", verdict: supported, parties: [acme, jane-roe, globex-link, initech], '
                 f'said_by: {said_by}, citations: [{{source: wire, quote: "{quote}"}}]}}\n')
    index = build_index(load_store([write(tmp_path, store[:store.index("statements:")] + "statements:\n" + statement,
                                          {"denial": quote})]))
    assert check("Acme denied reports that it had agreed to sell Globex Link to Initech", index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme denied reports that it had raised its offer for Globex", "supported"),
    ("Initech denied reports that Acme had raised its offer for Globex", "unverified"),  # another's denial
])
def test_what_a_statement_contradicts_it_denies(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"contradicts": "Acme said on 13 May 2023 that it had made no new offer for Globex, "
                             "contradicting a report that it had raised its offer"}
    index = _index_of(tmp_path, quotes, "parties: [acme, globex], said_by: acme")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Initech agreed to buy Globex Link", "supported"),
    ("Initech agreed to buy Globex", "unverified"),  # the parent of what was bought
    ("Globex and Initech signed the sale agreement", "supported"),  # both sides signed it
])
def test_a_later_clause_that_names_no_one_is_about_the_main_clauses_deal(tmp_path: Path, claim: str,
                                                                         verdict: str) -> None:
    quotes = {"sale": "Globex agreed to sell its unit Globex Link to Initech, under a sale and purchase "
                      "agreement signed in Springfield"}
    index = _index_of(tmp_path, quotes, "parties: [globex, globex-link, initech]")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority fined Acme EUR 4 million, and Acme was also fined in Freedonia", "unverified"),
    ("The Trade Authority fined Acme EUR 4 million, and Acme also signed a lease with Globex", "supported"),
])
def test_also_is_one_more_event_than_the_clause_befores(tmp_path: Path, claim: str, verdict: str) -> None:
    """"…, and Acme was also fined" says there was a second fine: the statement of the first
    does not confirm it; one statement can record two kinds of event told of side by side."""
    quotes = {"fine": "The Trade Authority fined Acme EUR 4 million for misleading buyers, "
                      "and Acme signed a lease with Globex"}
    index = _index_of(tmp_path, quotes, "parties: [regulator, acme, globex]")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme's shipping unit signed a leasing agreement with Globex", "supported"),  # the statement's Acme Cargo
    ("Acme signed a leasing agreement with Globex", "unverified"),  # the parent itself
])
def test_a_companys_unit_is_the_statements_subsidiary_of_it(index: StoreIndex, claim: str, verdict: str) -> None:
    assert verdict_of(index, claim) == verdict


@pytest.mark.parametrize("text, negated", [
    ("The Trade Authority did not clear Acme's takeover of Globex", True),
    ("The Trade Authority didn't clear Acme's takeover of Globex", True),
    ("The Trade Authority cleared Acme's takeover of Globex", False),
])
def test_a_verb_after_a_modal_or_do_is_the_verb(index: StoreIndex, text: str, negated: bool) -> None:
    """"did not clear" denies a clearance (a false rumour of a block does not make it true):
    "clear" is read as a verb only where it is no adjective, and after "did" it is none."""
    frame = frame_of(index, text)
    assert (frame.stage, frame.negated) == ("approved", negated)


@pytest.mark.parametrize("text", [
    "The Trade Authority would not have cleared Acme's purchase of Globex without the sale of its port",
    "Without the remedy, the Trade Authority would have blocked Acme's purchase of Globex",
])
def test_what_would_have_been_is_a_possibility(index: StoreIndex, text: str) -> None:
    """A counterfactual records neither the event nor that it did not happen."""
    assert frame_of(index, text).possible


def test_denying_a_claim_that_is_an_attitude_not_a_refusal(index: StoreIndex) -> None:
    """"denies Globex's claim that …" denies what is said; "denied Globex's claim for damages" turns one down."""
    said = frame_of(index, "Acme denies Globex's claim that Acme's managers took its customer list")
    assert (said.attitude, said.stage) == ("denied", None)
    assert frame_of(index, "The High Court denied Globex's claim for damages").stage == "blocked"


def test_a_percentage_before_a_comparative_is_no_stake(index: StoreIndex) -> None:
    assert frame_of(index, "Acme renewed its contract with Globex, paying 3 percent less").type != "investment"
    assert frame_of(index, "Acme paid EUR 40 million for 30 percent of Globex").type == "investment"


def test_where_an_appeal_is_heard_is_not_acted_on(index: StoreIndex) -> None:
    frame = frame_of(index, "Acme plans to challenge its fine at the High Court")
    assert "court" not in frame.patients and "acme" in frame.patients


def test_no_before_a_noun_negates_the_stage_its_auxiliaries_lead_to(index: StoreIndex) -> None:
    frame = frame_of(index, "Acme and Globex told the court that no settlement had been agreed")
    assert (frame.stage, frame.negated) == ("agreed", True)


def test_closing_a_review_completes_no_deal(index: StoreIndex) -> None:
    assert frame_of(index, "The Trade Authority closed its review of Acme's acquisition of Globex").stage != "completed"
    assert frame_of(index, "Acme closed its acquisition of Globex").stage == "completed"


def test_clear_as_an_adjective_asserts_no_approval(index: StoreIndex) -> None:
    assert frame_of(index, "Acme made it clear that talks with Globex continue").stage != "approved"


@pytest.mark.parametrize("claim, verdict", [
    ("Globex won the Springfield lease auction in March", "supported"),
    ("Acme won the Springfield lease auction in March", "denied"),  # it lost
    ("Acme lost the Springfield lease auction in March", "supported"),
])
def test_who_lost_an_auction_did_not_win_it(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {
        "won": ("Globex won the Springfield lease at an auction in March", "parties: [globex], places: [springfield]"),
        "lost": ("Acme lost the Springfield lease auction in March to Globex", "parties: [acme, globex], places: [springfield]"),
    })
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme lost its appeal against the Trade Authority's fine", "supported"),
    ("Acme won its appeal against the Trade Authority's fine", "denied"),  # the appeal was dismissed
])
def test_who_lost_an_appeal_did_not_win_it(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"dismissed": ("The High Court dismissed Acme's appeal against the Trade Authority's fine",
                                               "parties: [court, acme, regulator]")},
                      places="  court: {name: High Court, kind: organisation}\n")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("The Springfield venture is controlled by Acme Ventures", "supported"),
    # done by the subsidiary, not by its parent (though the statement names the parent too)
    ("Acme will control the Springfield venture", "unverified"),
    ("Acme controls the Springfield venture", "unverified"),
])
def test_what_a_subsidiary_does_its_parent_does_not(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"control": ("The Springfield venture of Acme and Globex is controlled by Acme Ventures",
                                             "parties: [acme-ventures, acme, globex]")},
                      places="  acme-ventures: {name: Acme Ventures, kind: company, parent: acme}\n")
    assert check(claim, index).verdict == verdict


def test_a_later_clause_with_another_figure_is_no_record_of_the_claims(tmp_path: Path) -> None:
    """"… and that the offer stayed at EUR 4.20" does not record an offer raised to EUR 4.80,
    though the sentence names EUR 4.80 (in the report it calls incorrect)."""
    index = saga_with(tmp_path, {"denial": ("Acme said that a report it had raised its Globex offer to EUR 4.80 a share "
                                            "was incorrect and that the offer stayed at EUR 4.20", "parties: [acme, globex]")})
    assert check("Acme is said to have raised its Globex offer to EUR 4.80 a share", index).verdict == "unverified"


def test_a_recorded_outcome_decides_before_one_that_excludes_it(tmp_path: Path) -> None:
    """The permit's later grant excludes a refusal of it, but in a saga one permit may be
    refused first: the recorded refusal, about as near, decides "refused" and "never refused"."""
    index = saga_with(tmp_path, {
        "final": ("The Trade Authority did not appeal the court's judgment, and the Springfield plant-expansion "
                  "permit became final in May", "parties: [regulator, acme]"),
        "refused": ("The Trade Authority refused Acme a planning permit to expand its chemical works in Springfield "
                    "in March", "parties: [regulator, acme]")})
    result = check("The Trade Authority never refused the Springfield plant-expansion permit", index)
    assert (result.verdict, result.match.id) == ("denied", "refused")
    result = check("The Trade Authority refused the Springfield plant-expansion permit", index)
    assert (result.verdict, result.match.id) == ("supported", "refused")


@pytest.mark.parametrize("claim, verdict", [
    ("Acme is in talks with Initech on a licence", "supported"),
    ("Acme signed a licence with Initech", "unverified"),  # only talks, though the sentence says "signed"
])
def test_being_in_talks_is_the_clauses_stage(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"talks": "Acme is in talks with Initech on a licence like the one it signed with Globex"}
    index = _index_of(tmp_path, quotes, "parties: [acme, initech]")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("claim, verdict", [
    ("Acme Cargo's listing was postponed", "supported"),
    ("Acme's listing was postponed", "unverified"),  # whose listing it is, not who said so
    ("The listing of Acme was postponed", "unverified"),
])
def test_whose_event_a_speaker_reports_is_the_named_owners(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"postponed": "Acme said on 15 August that the listing of Acme Cargo had been postponed"}
    index = _index_of(tmp_path, quotes, "parties: [acme, acme-cargo], said_by: acme")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("text", [
    "The Trade Authority's conditional clearance of the Acme deal",
    "The state development bank's EUR 600 million loan to Globex",
    "Globex partnership termination, November 2023",
    "The Acme strike price review",
])
def test_a_noun_phrase_asserts_nothing(index: StoreIndex, text: str) -> None:
    """Words that could be verbs ("deal", "state", "loan") stand where nouns stand: after an
    article, an owner or a figure; a slip is a verb's only if its verb is known ("clearanced" is none)."""
    assert not frame_of(index, text).asserts


@pytest.mark.parametrize("claim, expected", [
    (ACQUISITION._replace(stage="offered", agents=("initech",)), (None, "role")),
    (ACQUISITION._replace(stage="offered", agents=("initech", "acme")), ("supported", "")),
    # whose unit was sold is no seller: "Acme's shipping arm was sold" is its unit's sale
    (ACQUISITION._replace(stage="offered", agents=("initech",), affiliated=("initech",)), ("supported", "")),
])
def test_someone_else_acting_is_a_near_miss(claim: Frame, expected: tuple[str | None, str]) -> None:
    """"Initech bid for Globex" against "Acme's offer for Globex", Initech named in passing."""
    verdict, kind = _decide(claim, ACQUISITION._replace(stage="offered"), True)
    assert (verdict, kind if verdict is None else "") == expected


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority trimmed the Globex strike price to EUR 69", "supported"),
    ("The Trade Authority cut the Globex strike price to EUR 60", "unverified"),
    ("Acme did not cut its offer for Globex", "supported"),  # the cut was recorded false
    ("Acme slashed its offer for Globex", "denied"),
])
def test_a_price_or_an_offer_cut_is_a_reduction(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"cut": "The Trade Authority cut the strike price of Globex's contract from EUR 74 to EUR 69",
              "rumour": "Acme cut its offer for Globex to EUR 8.90 a share"}
    index = _index_of(tmp_path, quotes, "parties: [regulator, acme, globex]", false=("rumour",))
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("text", ["The Trade Authority trimmed the Globex strike price", "Acme slashed its offer for Globex"])
def test_a_cut_price_or_offer_reads_as_reduced(index: StoreIndex, text: str) -> None:
    assert frame_of(index, text).stage == "reduced"


def test_a_lower_price_is_no_price_cut(index: StoreIndex) -> None:
    assert frame_of(index, "Acme said the ministry had not scored its lower price").stage != "reduced"


@pytest.mark.parametrize("claim, verdict", [
    ("Acme Cargo denied that Globex had agreed to buy it", "supported"),
    ("Acme denied that Globex had agreed to buy it", "unverified"),  # the parent did not say so
])
def test_who_denied_is_kept_apart_from_its_parent(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"denial": "Acme Cargo denied that Globex had agreed to buy it"}
    index = _index_of(tmp_path, quotes, "parties: [acme-cargo, globex], said_by: acme-cargo")
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("text, stage, negated", [
    ("Acme's tender offer for Globex lapsed on 22 March", "abandoned", False),  # what became of the offer
    ("Acme acquired no shares under it", "completed", True),  # the verb's object negated
    # the later verb is another clause's: the offer is still what was said not to be made
    ("Acme said it had no intention of making an offer for Globex, a statement that barred it from bidding",
     "offered", True),
])
def test_what_became_of_an_event_named_by_a_noun(index: StoreIndex, text: str, stage: str, negated: bool) -> None:
    frame = frame_of(index, text)
    assert (frame.stage, frame.negated) == (stage, negated)


def test_who_ended_talks_is_no_name_after_a_preposition(index: StoreIndex) -> None:
    assert frame_of(index, "Talks with Globex collapsed").doer is None


@pytest.mark.parametrize("claim, verdict", [
    ("Acme's 12 new offices in Springfield will open", "supported"),
    ("Acme's 12 new offices in Springfield are now open", "unverified"),  # what will be is not yet
])
def test_now_says_it_happened(tmp_path: Path, claim: str, verdict: str) -> None:
    index = saga_with(tmp_path, {"offices": ("Acme announced that it will open 12 new offices in Springfield",
                                             "parties: [acme], places: [springfield]")})
    assert check(claim, index).verdict == verdict


@pytest.mark.parametrize("text, asserts", [
    ("Screening committee veto", False),
    ("Trade Authority veto on the Globex deal", False),
    ("Regulators veto the Globex deal", True),
    ("Acme and Globex sign deal", True),
    ("Acme's value-added telecom application in the pilot areas", False),
])
def test_a_stage_word_after_a_singular_noun_is_a_noun(index: StoreIndex, text: str, asserts: bool) -> None:
    assert frame_of(index, text).asserts == asserts


@pytest.mark.parametrize("text, kind", [
    ("The Trade Authority threw out Acme's bid to stop Globex voting its shares", None),  # no takeover bid
    ("The Trade Authority threw out Acme's bid for Globex", "acquisition"),
    ("Acme made the list of firms cleared by the Trade Authority", None),  # no listing
])
def test_a_bid_to_do_something_and_a_list_are_no_deals(index: StoreIndex, text: str, kind: str | None) -> None:
    frame = frame_of(index, text)
    assert frame.type == kind


@pytest.mark.parametrize("text, agents", [
    ("A 12 percent stake in Globex was bought by Acme", ("acme",)),  # the deal's own verb: Acme buys
    ("Acme's request for an injunction was rejected by the High Court", ("acme",)),  # the court decides
    # a "by" after a comma is another clause's
    ("Acme sold its 7.5 percent stake in Globex Link to Globex, leaving Globex Link wholly owned by Globex", ("acme",)),
])
def test_by_after_the_deals_own_verb_names_who_acts(index: StoreIndex, text: str, agents: tuple[str, ...]) -> None:
    assert frame_of(index, text).agents == agents


def test_what_ended_a_state_denies_it_though_told_in_other_words(tmp_path: Path) -> None:
    """"Still under way" against the review's opening (near in words) and the clearance that
    ended it (far in words): the clearance is looked for further down, and denies."""
    quotes = {"review": "The Trade Authority opened an in-depth phase 2 investigation of Acme's purchase of Globex",
              "cleared": "The Trade Authority cleared the purchase with conditions on 16 January 2024",
              # (others, so that the words of the two weigh as in a store)
              "supply": "Initech signed a supply agreement with Globex in Springfield",
              "plant": "Initech opened a plant in Springfield in March 2023",
              "chief": "Globex appointed a new chief executive in May 2023",
              "fine": "Initech fined for late filings by the Trade Authority in 2022"}
    index = _index_of(tmp_path, quotes, "parties: [regulator, acme, globex]")
    claim = "The Trade Authority's in-depth phase 2 investigation of Acme's purchase of Globex is still under way"
    assert check(claim, index).verdict == "denied"


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority rejected Acme's offer to sell the Springfield plant", "supported"),
    # accepting an offer is its approval, which the rejection excludes
    ("The Trade Authority accepted Acme's offer to sell the Springfield plant", "denied"),
])
def test_an_accepted_offer_is_approved(tmp_path: Path, claim: str, verdict: str) -> None:
    quotes = {"rejected": "The Trade Authority rejected as insufficient Acme's offer to sell the Springfield plant"}
    index = _index_of(tmp_path, quotes, "parties: [regulator, acme]")
    assert check(claim, index).verdict == verdict


def test_whose_decision_is_named_by_its_noun_decides_it(index: StoreIndex) -> None:
    frame = frame_of(index, "Acme filed an appeal against the High Court's refusal of its injunction against Globex")
    assert (frame.agents, frame.deciders) == (("acme",), ("court",))


@pytest.mark.parametrize("text, verbs", [
    ("Acme's agreed takeover values Globex at about EUR 1.4 billion", ("values",)),
    ("Acme dismissed reports that it plans to close the Springfield plant", ()),  # "reports" is a noun
])
def test_a_verb_after_an_events_noun(index: StoreIndex, text: str, verbs: tuple[str, ...]) -> None:
    assert frame_of(index, text).verbs == verbs


def test_a_later_clause_that_names_no_one_borrows_the_parties_not_who_decided(index: StoreIndex) -> None:
    """"… and both companies' shares rose" speaks of the companies: the regulator that cleared
    the venture is no party of the rise."""
    from factcheck.claims import read_clauses
    clauses = read_clauses("The Trade Authority cleared the Acme-Globex joint venture, and both companies' shares rose",
                           index.entities, None, index.words, relatives=True)
    assert [c.parsed.entities for c in clauses][1:] == [("acme", "globex")]


@pytest.mark.parametrize("claim, verdict", [
    ("The Trade Authority refused Acme's application for a permit in Springfield", "supported"),
    ("The Trade Authority refused Acme's application for a permit in Shelbyville", "unverified"),
])
def test_a_place_in_what_a_decision_cites_is_no_place_of_it(tmp_path: Path, claim: str, verdict: str) -> None:
    """"…, citing constraints on the Shelbyville network": the reason, no place of the refusal."""
    index = saga_with(tmp_path, {"refused": ("The Trade Authority refused Acme's application for a permit in Springfield, "
                                             "citing constraints on the Shelbyville network", "parties: [regulator, acme]")})
    assert check(claim, index).verdict == verdict


def test_a_pronoun_named_is_all_a_clause_takes_from_the_one_before(index: StoreIndex) -> None:
    """"…, and it fined Acme": the Trade Authority fined Acme, not Acme and Globex."""
    from factcheck.claims import read_clauses
    clauses = read_clauses("The Trade Authority cleared the Acme-Globex joint venture, and it fined Acme EUR 2 million",
                           index.entities, None, index.words, relatives=True)
    assert [c.parsed.entities for c in clauses][1:] == [("regulator", "acme")]


def test_a_later_clause_that_opens_with_an_auxiliary_is_no_question(index: StoreIndex) -> None:
    from factcheck.claims import read_clauses
    clauses = read_clauses("Acme reported the cartel and had its fine halved for cooperating",
                           index.entities, None, index.words, relatives=True)
    assert [c.parsed.frame.question for c in clauses] == [False, False]


def test_who_a_finding_names_takes_no_part(index: StoreIndex) -> None:
    """"…, finding that the Trade Authority had overstated Acme's sales" gives the reason: the
    authority is not fined."""
    frame = frame_of(index, "The High Court reduced its fine on Acme, finding that the Trade Authority had overstated Acme's sales")
    assert "regulator" not in frame.patients + frame.counterparts
