"""The words retrieval reads text with (stop words, negations, synonym groups, phrases) are data:
`factcheck/words.json`, checked by its schema and by what a schema cannot say (a group's words
stem to one term, a phrase matches its example), with a few contract examples of what they do."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.text import DEAL_STEMS, WORDS_PATH, fold_phrases, normalize, raw_stem, read_words, stem, words

from test_frames import _schema_errors, _unique_pairs, _with

SCHEMA_FILE = WORDS_PATH.with_name("words.schema.json")


def _read(path: Path) -> dict[str, Any]:
    """A JSON file, refused if an object of it gives a key twice."""
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_unique_pairs)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return _read(WORDS_PATH)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return _read(SCHEMA_FILE)


def test_words_have_no_duplicate_keys_and_read_as_the_package_reads_them(data: dict[str, Any]) -> None:
    assert read_words() == data


def test_words_name_their_committed_schema(data: dict[str, Any]) -> None:
    assert (WORDS_PATH.parent / data["$schema"]).resolve() == SCHEMA_FILE.resolve()


def _objects(schema: Any) -> list[dict[str, Any]]:
    """Every subschema with properties of its own."""
    if isinstance(schema, list):
        return [found for item in schema for found in _objects(item)]
    if not isinstance(schema, dict):
        return []
    own = [schema] if "properties" in schema else []
    return own + [found for value in schema.values() for found in _objects(value)]


def test_words_schema_is_a_valid_schema_closed_at_each_level(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    objects = _objects(schema)
    assert len(objects) == 3  # the file, a synonym group, a phrase
    assert all(found.get("additionalProperties") is False for found in objects)


def test_words_validate_against_their_schema(data: dict[str, Any], schema: dict[str, Any]) -> None:
    assert _schema_errors(schema, data) == []


@pytest.mark.parametrize("change, where", [
    (lambda d: d.__setitem__("synonym", []), "/"),
    (lambda d: d.__delitem__("negations"), "/"),
    (lambda d: d["stopwords"].append("the"), "/stopwords"),
    (lambda d: d["stopwords"].append("of the"), "/stopwords/"),
    (lambda d: d["synonyms"][0].__setitem__("deal", True), "/synonyms/0"),
    (lambda d: d["synonyms"][0]["words"].append("Treaties"), "/synonyms/0/words/"),
    (lambda d: d["synonyms"].append({"words": []}), "/synonyms/"),
    (lambda d: d["ambiguous"].append("it is clear"), "/ambiguous/"),
    (lambda d: d["phrases"][0].__delitem__("example"), "/phrases/0"),
    (lambda d: d["phrases"][0].__setitem__("replacement", "tie up"), "/phrases/0/replacement"),
    (lambda d: d["phrases"][0].__setitem__("cues", []), "/phrases/0/cues"),
], ids=["unknown top-level key", "missing list", "repeated stop word", "stop word of two words",
        "unknown group key", "capitalised word", "empty group", "ambiguous words", "phrase without example",
        "replacement of two words", "no cues"])
def test_schema_refuses_a_broken_file_where_it_is_broken(data: dict[str, Any], schema: dict[str, Any],
                                                        change: Any, where: str) -> None:
    errors = _schema_errors(schema, _with(data, change))
    assert errors, "the schema accepted broken words"
    assert any(e.startswith(where) for e in errors), errors


def _group_problems(data: dict[str, Any]) -> list[str]:
    """Words whose stem is not their group's term, or is in another group too (a dictionary
    keeps only one group's term for it)."""
    problems, groups_of = [], {}
    for number, group in enumerate(data["synonyms"]):
        term = raw_stem(group["words"][0])
        for word in group["words"]:
            groups_of.setdefault(raw_stem(word), set()).add(number)
            if stem(word) != term:
                problems.append(f"{word}: {stem(word)}, not {term}")
    return problems + [f"{found} in groups {sorted(groups)}" for found, groups in groups_of.items() if len(groups) > 1]


def test_each_group_s_words_meet_on_its_first_word_s_stem(data: dict[str, Any]) -> None:
    assert _group_problems(data) == []


def test_a_word_in_the_wrong_group_is_caught(data: dict[str, Any]) -> None:
    moved = _with(data, lambda d: d["synonyms"][1]["words"].append("treaty"))  # in "agreement" and "sign"
    assert _group_problems(moved) == ["treaty: agreement, not sign", "treati in groups [0, 1]"]


def test_ambiguous_words_are_words_of_deal_groups(data: dict[str, Any]) -> None:
    deal_stems = {raw_stem(word) for group in data["synonyms"] if group.get("about_deals") for word in group["words"]}
    assert {raw_stem(word) for word in data["ambiguous"]} <= deal_stems


def _phrase_problems(data: dict[str, Any]) -> list[str]:
    """Phrases whose example is not normalised text, is not matched, or has a match without a cue
    (a match without one would be missed: the pattern is tried only on text with a cue)."""
    problems = []
    for phrase in data["phrases"]:
        example = phrase["example"]
        matches = [m.group() for m in re.finditer(phrase["pattern"], example)]
        if normalize(example) != example or not matches:
            problems.append(f"{phrase['pattern']}: {example!r} not matched")
        problems += [f"{match!r}: no cue" for match in matches if not any(cue in match for cue in phrase["cues"])]
    return problems


def test_each_phrase_matches_its_example_with_a_cue_in_the_match(data: dict[str, Any]) -> None:
    assert _phrase_problems(data) == []


def test_a_missed_example_and_a_match_without_a_cue_are_caught(data: dict[str, Any]) -> None:
    def breaking(changed: dict[str, Any]) -> None:
        changed["phrases"][0]["example"] = "the greenlight"
        changed["phrases"][1]["cues"] = ["strings"]  # its example says "with no conditions attached"

    assert _phrase_problems(_with(data, breaking)) == [
        f"{data['phrases'][0]['pattern']}: 'the greenlight' not matched", "'with no conditions attached': no cue"]


@pytest.mark.parametrize("paraphrase, wording", [
    ("inked", "signed"),
    ("sealed", "signed"),
    ("pact", "agreement"),
    ("penalties", "fines"),
    ("levied", "imposed"),
    ("teamed up", "partnership"),
    ("tie-up", "cooperation"),
    ("green light", "approval"),
    ("green-lighted", "approved"),
])
def test_a_paraphrase_meets_the_stored_wording(paraphrase: str, wording: str) -> None:
    def terms(text: str) -> list[str]:
        return [stem(word) for word in words(fold_phrases(normalize(text)))]

    assert terms(paraphrase) == terms(wording)


def test_green_light_folds_to_the_approval_term() -> None:
    assert words(fold_phrases(normalize("Regulators gave the Green Light"))) == ["regulators", "gave", "the", "greenlight"]
    assert stem("greenlight") == stem("approved") == "approv"


def test_deal_words_but_not_their_everyday_senses_make_a_sentence_about_deals() -> None:
    assert {raw_stem(word) for word in ("signed", "acquisition", "licence", "jv")} <= DEAL_STEMS
    assert not {raw_stem(word) for word in ("clear", "allowed", "concluded", "company", "launch")} & DEAL_STEMS
