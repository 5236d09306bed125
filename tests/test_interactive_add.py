"""Interactive `add`: parties proposed from the claim, a quote checked as it is typed (with the
document's closest passage offered), and a refused entry corrected instead of discarded."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import factcheck.cli as cli_module
from factcheck.cli import cli
from factcheck.store import Citation, load_store


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)


def add(store: Path, answers: list[str], *options: str):
    return CliRunner().invoke(cli, ["add", "--store", str(store), *options], input="\n".join(answers) + "\n")


def test_parties_are_proposed_from_the_claim_and_a_wrong_quote_gets_the_closest_passage(mini_store: Path) -> None:
    answers = ["Initech was bought by Globex in Springfield", "denied",
               "",            # parties: the proposal (globex, initech)
               "",            # places: the proposal (springfield)
               "2021-03", "acquisition", "gazette",
               "Acme and Globex set up a venture in Springfield",  # not verbatim
               "y"]           # quote the closest passage instead
    result = add(mini_store, answers)
    assert result.exit_code == 0, result.output
    assert "Named in the claim: initech (Initech), globex (Globex)" in result.output
    assert "Not in docs/gazette.txt." in result.output
    assert "Closest passage (docs/gazette.txt:1:1, similarity 87):\n  Acme and Globex set up a joint venture in " \
           "Springfield" in result.output
    statement = load_store([mini_store]).statement("initech-globex-2021-03-acquisition")
    assert statement.parties == ("initech", "globex")
    assert statement.places == ("springfield",)
    assert statement.citations == (Citation("gazette", "Acme and Globex set up a joint venture in Springfield"),)


def test_a_refused_entry_is_corrected_field_by_field_not_discarded(mini_store: Path) -> None:
    answers = ["n",                    # 'hooli' is not in the store: do not add it
               "y",                    # the store refuses: change the entry and try again
               "", "", "initech",      # claim and verdict kept; parties: initech instead of hooli
               "", "", "", "", ""]     # places, date, deal, source, quote kept
    result = add(mini_store, answers, "--claim", "Initech bought a stake in Globex", "--verdict", "supported",
                 "--party", "hooli", "--date", "2021-03", "--deal", "stake", "--source", "gazette", "--quote",
                 "Acme and Globex set up a joint venture")
    assert result.exit_code == 0, result.output
    assert "unknown entity 'hooli' in parties" in result.output
    assert load_store([mini_store]).statement("initech-2021-03-stake").parties == ("initech",)
