"""`factcheck validate` reports every problem of every kind in one run, in file order, and
explains YAML's conversions in the curator's terms."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.frames.vocabulary import vocabulary

from conftest import write_store

EVERY_KIND = """\
version: 1
entities:
  acme: {name: Acme Corp, kind: company}
  globex: {name: Globex, kind: company}
  no: {name: Norway, kind: place}
  halloran: {name: Halloran, kind: place, parent: nowhere}
  Bad-ID: {name: Bad, kind: company}
sources:
  gazette: {title: Acme and Globex deal, publisher: The Gazette, published: 2021-02-30, url: "https://gazette.example/a", document: docs/gazette.txt}
  gone: {title: Gone, publisher: X, published: 2021, url: "https://x.example", document: docs/gone.txt}
statements:
  - id: acme-globex-jv
    claim: Acme and Globex set up a joint venture in Springfield
    verdict: false
    parties: [acme, globex]
    date: 2022
    places: [acme]
    confidence: high
    citations:
      - {source: gazette, quote: "Acme and Globex set up a joint-venture in Springfield"}
  - id: acme-globex-jv
    claim: Acme and Umbrella set up a joint venture
    verdict: supported
    parties: [acme, umbrella]
    event: {type: joint-venture, stage: signed-off}
    citations:
      - {source: nosuch, quote: "x"}
      - {source: gazette}
"""


def test_one_run_lists_one_error_of_every_kind_in_file_order(tmp_path: Path) -> None:
    store = write_store(tmp_path, EVERY_KIND)
    docs = tmp_path / "docs"
    result = CliRunner().invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{store}:{line}" for line in [
        '5:3: entities: key no was read as a boolean (yes/no); write "no" in quotes',
        "6:51: unknown entity 'nowhere' (parent of 'halloran')",
        "7:11: entities.Bad-ID: 'Bad-ID' is not a valid id (lowercase letters, digits, '.', '_', '-')",
        "9:77: sources.gazette.published: '2021-02-30' is not a date that exists",
        "10:9: document of source 'gone' not found: " + str(docs / "gone.txt"),
        '10:48: sources.gone.published: 2021 was read as a number; write "2021" in quotes',
        "14:14: statements[0].verdict: false was read as a boolean (yes/no); write denied",
        '16:11: statements[0].date: 2022 was read as a number; write "2022" in quotes',
        "17:14: 'acme' in places is a company, not a place (places are entities of kind place; a party goes in "
        "parties)",
        "18:17: warning: unknown field 'statements[0].confidence' (ignored)",
        "20:9: quote of statement 'acme-globex-jv' not found in docs/gazette.txt; closest passage "
        f"{docs}/gazette.txt:1:1 (similarity 98) differs at {docs}/gazette.txt:1:31: the quote has '-', "
        "the document ' '",
        "21:9: duplicate statement id 'acme-globex-jv' (first at line 12 of " + str(store) + ")",
        "24:21: unknown entity 'umbrella' in parties",
        f"25:41: unknown event stage 'signed-off' (one of: {', '.join(vocabulary().stages)})",
        "27:18: unknown source 'nosuch'",
        "28:9: citation of source 'gazette' needs a quote (verbatim from its document); only a review is cited "
        "without one",
    ]]
    assert result.stderr == "15 error(s), 1 warning(s)\n"


def test_a_valid_store_after_the_fixes_validates(tmp_path: Path) -> None:
    fixed = (EVERY_KIND.replace("  no:", '  "no":').replace("parent: nowhere", 'parent: "no"')
             .replace("  Bad-ID:", "  bad-id:").replace("2021-02-30", "2021-02-28")
             .replace("published: 2021,", 'published: "2021",').replace("docs/gone.txt", "docs/gazette.txt")
             .replace("verdict: false", "verdict: denied").replace("date: 2022", 'date: "2022"')
             .replace("places: [acme]", "places: [halloran]").replace("joint-venture in", "joint venture in")
             .replace("    confidence: high\n", "")
             .replace("  - id: acme-globex-jv\n    claim: Acme and Umbrella", "  - id: acme-umbrella-jv\n    claim: Acme and Umbrella")
             .replace("[acme, umbrella]", "[acme, globex]").replace("signed-off", "agreed")
             .replace('      - {source: nosuch, quote: "x"}\n', "")
             .replace("      - {source: gazette}\n", '      - {source: gazette, quote: "Acme and Globex set up"}\n'))
    store = write_store(tmp_path, fixed)
    result = CliRunner().invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.stdout


def test_a_large_store_is_parsed_on_several_cores_with_the_same_findings(tmp_path: Path,
                                                                         monkeypatch) -> None:
    from factcheck import store as store_module

    store = write_store(tmp_path / "store", EVERY_KIND, name="a.yaml")
    (tmp_path / "store" / "b.yaml").write_text("version: 1\nstatements: [{id: x}]\n")
    sequential = CliRunner().invoke(cli, ["validate", "--store", str(store.parent)])
    monkeypatch.setattr(store_module, "PARALLEL_PARSE_BYTES", 0)
    monkeypatch.setattr("factcheck.index.fork_workers", lambda: 2)
    parallel = CliRunner().invoke(cli, ["validate", "--store", str(store.parent)])
    assert parallel.exit_code == sequential.exit_code == 2
    assert parallel.stdout == sequential.stdout
    assert f"{tmp_path / 'store' / 'b.yaml'}:2:14: statements[0]: 'claim' is a required property" in parallel.stdout
