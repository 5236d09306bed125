"""Hostile and broken input: bad claims, hostile stores, interrupted runs, pathological articles.

The rules (issue "Robust against bad input, hostile stores and interrupted runs"): never a Python
traceback; one `file:line:col: message` line per problem and exit status 2; a claim that cannot
be read is an error for that claim, never a verdict. Inputs already covered elsewhere are not
repeated here: see test_store.py, test_check_cli.py, test_cache.py, test_scan.py and
test_article.py. Generated inputs are in test_properties.py.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.errors import StoreError
from factcheck.yaml_loader import MAX_DEPTH, parse_yaml

from conftest import MINI_STORE, write_store

ROOT = Path(__file__).resolve().parent.parent
DENIED_CLAIM = "Acme agreed to buy Initech for $2 billion"


def check(runner: CliRunner, store: Path, *args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(cli, ["check", "--store", str(store), *args], input=stdin)


def rows(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.split("\n") if line]


def assert_no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


# --- claims --------------------------------------------------------------------------------------


def test_claim_arguments_of_only_white_space_are_an_error_not_a_verdict(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, " \t", "\u00a0\u3000\u2003")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "<argument>: empty claim\n"


def test_blank_lines_of_every_kind_are_skipped(runner, mini_store: Path) -> None:
    stdin = "\n".join(["", "   ", "\t\u00a0\u3000\u2003", "\x0b\x0c", "\x00\x00", "\u200b\u200e\x07\x1b",
                       DENIED_CLAIM, "\r", ""]).encode("utf-8")
    result = check(runner, mini_store, "--format", "jsonl", stdin=stdin)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert [(r["claim"], r["verdict"]) for r in rows(result)] == [(DENIED_CLAIM, "denied")]


def test_control_characters_and_nul_bytes_do_not_change_the_verdict(runner, mini_store: Path) -> None:
    stdin = (b"Acme \x00agreed\x07 to buy\x1f Initech for $2 billion\x00\n"
             b'{"id": "nul", "claim": "Acme agreed to buy\\u0000 Initech for $2 billion"}\n'
             b'{"id": "bidi", "claim": "\\u202eAcme agreed to buy Initech for $2 billion\\u202c"}\n')
    result = check(runner, mini_store, "--format", "jsonl", stdin=stdin)
    assert result.exit_code == 1
    found = rows(result)
    assert [r["verdict"] for r in found] == ["denied"] * 3
    assert all("\x00" not in r["claim"] for r in found)


def test_text_output_shows_control_characters_instead_of_obeying_them(runner, mini_store: Path) -> None:
    """A claim (or a store) must not drive the reader's terminal: escape sequences, bells,
    backspaces and bidirectional overrides are shown escaped."""
    claim = "Acme agreed to buy\x07 Initech\x08\x08 for $2 billion \x1b]0;owned\x07 \u202eevil\u202c"
    result = check(runner, mini_store, "--fail-on", "none", claim)
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.endswith(r"Acme agreed to buy\x07 Initech\x08\x08 for $2 billion \x1b]0;owned\x07 \u202eevil\u202c")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", result.stdout)


def test_a_json_lines_record_is_one_line_whatever_the_claim_holds(runner, mini_store: Path) -> None:
    """JSON leaves U+0085, U+2028 and U+2029 raw, and Python's splitlines() (like older JavaScript)
    breaks lines at them: they are escaped, so every reader sees one record per line."""
    claims = ["Acme agreed to buy\x85Initech for $2 billion", "Acme\u2028agreed to buy Initech\u2029for $2 billion"]
    result = check(runner, mini_store, "--format", "jsonl", "--fail-on", "none",
                   stdin="\n".join(claims).encode("utf-8") + b"\n")
    assert result.exit_code == 0
    assert [json.loads(line)["claim"] for line in result.stdout.splitlines()] == claims
    assert "\\u2028" in result.stdout and "\u2028" not in result.stdout


@pytest.mark.parametrize("claim, verdict", [
    ("Acme 🤝 Globex set up a joint venture in Springfield 🎉", "supported"),
    ("שלום Acme agreed to buy Initech for $2 billion مرحبا", "denied"),
    ("Acme agreed to buy Initech for $2 billion, 中国电信 said", "denied"),
    ("\u200fAcme agreed to buy Initech for $2 billion\u200f", "denied"),  # right-to-left marks
    ("Ａｃｍｅ agreed to buy Ｉｎｉｔｅｃｈ for $2 billion", "denied"),  # full-width letters
    ("👨‍👩‍👧‍👦🏳️‍🌈🇨🇳 " * 20 + "🤝", "unverified"),
])
def test_right_to_left_mixed_scripts_and_emoji(runner, mini_store: Path, claim: str, verdict: str) -> None:
    for stdin in (None, (claim + "\n").encode("utf-8")):
        result = check(runner, mini_store, "--format", "jsonl", "--fail-on", "none", *([] if stdin else [claim]),
                       stdin=stdin)
        assert result.exit_code == 0
        [row] = rows(result)
        assert (row["claim"], row["verdict"]) == (claim, verdict)


def test_a_single_one_megabyte_line_is_an_error_for_that_line(runner, mini_store: Path) -> None:
    """A verdict on its first sentence alone could be wrong: the line is refused, the rest checked."""
    line = DENIED_CLAIM + " " + "and so on " * 100_000
    started = time.monotonic()
    result = check(runner, mini_store, "--format", "jsonl", "--fail-on", "none", stdin=f"{line}\n{DENIED_CLAIM}\n")
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    assert result.stderr == ("<stdin>:1:1: claim is 1,000,041 characters; the limit is 10,000 (check claims one "
                             "by one; `factcheck scan` reads whole articles)\n")
    assert [row["verdict"] for row in rows(result)] == ["denied"]


def test_one_hundred_thousand_lines_keep_their_line_numbers(runner, mini_store: Path) -> None:
    """A batch of 100,000 lines streams through with every line numbered right: 100 claims among
    blank lines, a malformed JSON line at 99,999 and bad UTF-8 at 100,000."""
    lines = [b""] * 100_000
    for number in range(1_000, 99_001, 1_000):
        lines[number - 1] = b'{"id": "%d", "claim": "Acme bought Initech for $2bn"}' % number
    lines[500 - 1] = b"Nokia bought Infinera"
    lines[99_999 - 1] = b'{"claim": oops}'
    lines[100_000 - 1] = b"caf\xc3\xa9 \xff"
    started = time.monotonic()
    result = check(runner, mini_store, "--format", "jsonl", stdin=b"\n".join(lines) + b"\n")
    assert time.monotonic() - started < 60
    assert result.exit_code == 2
    found = rows(result)
    assert len(found) == 100
    assert [r.get("id") for r in found] == [None] + [str(n) for n in range(1_000, 99_001, 1_000)]
    assert result.stderr.splitlines() == ["<stdin>:99999:11: invalid JSON: Expecting value",
                                          "<stdin>:100000:6: not valid UTF-8 (byte 0xff)"]


@pytest.mark.parametrize("bad, column, byte", [
    (b"\xff bad", 1, "ff"),
    (b"caf\xc3\xa9 \xc3", 6, "c3"),              # cut in the middle of a character; columns count characters
    (b"\xc0\xaf overlong", 1, "c0"),           # an overlong encoding of '/'
    (b"x \xed\xa0\x80 surrogate", 3, "ed"),    # a UTF-16 surrogate in UTF-8
    (b"\xf4\x90\x80\x80 beyond U+10FFFF", 1, "f4"),
    (b"\xe2\x82", 1, "e2"),                    # last line, no line end
])
def test_invalid_utf8_is_an_error_for_its_line_only(runner, mini_store: Path, bad: bytes, column: int,
                                                    byte: str) -> None:
    stdin = DENIED_CLAIM.encode() + b"\n" + bad + (b"" if bad == b"\xe2\x82" else b"\nNokia bought Infinera\n")
    result = check(runner, mini_store, "--format", "jsonl", "--fail-on", "none", stdin=stdin)
    assert result.exit_code == 2
    assert result.stderr == f"<stdin>:2:{column}: not valid UTF-8 (byte 0x{byte})\n"
    assert len(rows(result)) == (1 if bad == b"\xe2\x82" else 2)


def test_utf16_input_names_the_byte_order_mark(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--format", "jsonl", stdin=(DENIED_CLAIM + "\n").encode("utf-16"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "<stdin>:1:1: not valid UTF-8 (byte 0xff)"


@pytest.mark.parametrize("line, message", [
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "<stdin>:1:1: invalid JSON: nested too deeply"),
    ('{"claim": "x", "id": ' + "9" * 5_000 + "}", "<stdin>:1:1: invalid JSON: a number of more than 4300 digits"),
    ('{"claim": "\\u0000\\u0007 "}', '<stdin>:1:1: JSON object has no "claim" string'),
    ('{"claim": ["Acme bought Initech"]}', '<stdin>:1:1: JSON object has no "claim" string'),
    ('    {"claim": oops}', "<stdin>:1:15: invalid JSON: Expecting value"),  # columns count from the line's start
    ('{"claim": "Acme bought Initech"', "<stdin>:1:32: invalid JSON: Expecting ',' delimiter"),
])
def test_json_lines_that_cannot_be_claims_are_reported_and_the_rest_checked(runner, mini_store: Path, line: str,
                                                                            message: str) -> None:
    result = check(runner, mini_store, "--format", "jsonl", stdin=f"{line}\n{DENIED_CLAIM}\n")
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert [r["verdict"] for r in rows(result)] == ["denied"]


@pytest.mark.parametrize("claim, verdicts", [
    # numbers too long to read exactly are still not the store's $2 billion
    ("Acme agreed to buy Initech for $" + "9" * 40, {"unverified"}),
    ("Acme agreed to buy Initech for $" + "9" * 5_000, {"unverified"}),
    ("Acme agreed to buy Initech for $1" + ",000" * 300, {"unverified"}),
    ("Acme agreed to buy Initech for one" + " hundred" * 200 + " dollars", {"unverified"}),  # past 1e308
    ("Acme agreed to buy Initech for $2" + " trillion" * 200, {"unverified"}),
    # impossible and absurd dates never raise; what they cannot confirm stays unconfirmed
    ("Acme and Globex set up a joint venture in Springfield on the 32nd of Smarch", {"unverified"}),
    ("Acme and Globex set up a joint venture in Springfield on 99999-99-99", {"unverified", "supported"}),
    ("Acme and Globex set up a joint venture in Springfield in the year 0", {"unverified", "supported"}),
    ("Acme and Globex set up a joint venture in Springfield in 99999", {"unverified", "supported"}),
    ("Acme agreed to buy Initech 99999999999999999999 days ago", {"unverified", "denied"}),
    ("Acme agreed to buy Initech 9999999999 years ago", {"unverified", "denied"}),
    ("Acme agreed to buy Initech on 9999年99月99日", {"unverified", "denied"}),
    ("0" * 2_000 + " 31 February 0000 $0.000000000000000000001", {"unverified"}),
])
def test_pathological_numbers_and_dates(runner, mini_store: Path, claim: str, verdicts: set[str]) -> None:
    result = check(runner, mini_store, "--format", "json", "--fail-on", "none", "--today", "2024-06-15", claim)
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["verdict"] in verdicts


def test_a_number_past_the_floats_is_named_in_the_conflict(runner, mini_store: Path) -> None:
    result = check(runner, mini_store, "--format", "json", "Acme agreed to buy Initech for $" + "9" * 40)
    conflicts = [c for r in json.loads(result.stdout)["results"][0]["related"] for c in r["conflicts"]]
    assert "figure: the claim says USD 1e+40, the statement USD 2,000,000,000" in conflicts


# --- stores --------------------------------------------------------------------------------------


def store_file(folder: Path, text: str | bytes, name: str = "store.yaml") -> Path:
    write_store(folder)  # the mini store's document, for stores that cite it
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8"))
    return path


def validate(runner: CliRunner, *stores: Path) -> Result:
    return runner.invoke(cli, ["validate", *(a for s in stores for a in ("--store", str(s)))])


def problem_lines(result: Result, command: list[str]) -> list[str]:
    """validate lists problems on standard output, every other command on standard error."""
    return (result.stdout if command == ["validate"] else result.stderr).splitlines()


@pytest.mark.parametrize("text, line, column", [
    pytest.param("version: 1\nstatements:\n  - id: x\n   claim: [\n", 4, 4, id="bad-indentation"),
    pytest.param("version: 1\nstatements: [\n", 3, 1, id="unclosed-flow-sequence"),
    pytest.param("version: 1\nstatements: {a: 1, b}: c\n", 2, 24, id="text-after-a-flow-mapping"),
    pytest.param('version: 1\nstatements: ["a\n', 3, 1, id="unclosed-quote"),
])
def test_invalid_yaml_is_one_line_at_or_before_the_problem(runner, tmp_path: Path, text: str, line: int,
                                                           column: int) -> None:
    """The parser's own description follows 'invalid YAML: ' (its wording differs between PyYAML's
    C and Python parsers and between releases): the contract is the line, its position and the
    exit status."""
    path = store_file(tmp_path, text.encode("utf-8"))
    for command in (["validate"], ["check", "Acme bought Initech"]):
        result = runner.invoke(cli, [*command, "--store", str(path)])
        assert result.exit_code == 2
        assert_no_traceback(result)
        [problem] = problem_lines(result, command)
        found = re.fullmatch(re.escape(str(path)) + r":(\d+):(\d+): invalid YAML: \S.*", problem)
        assert found, problem
        assert (1, 1) <= (int(found[1]), int(found[2])) <= (line, column), problem


@pytest.mark.parametrize("text, line, column, message", [
    ('version: 1\nstatements: []\nentities:\n  acme: {name: "Acme\x07", kind: company}\n', 4, 21,
     "invalid YAML: character U+0007 is not allowed (a control character)"),
    ("version: 1\nstatements: []\n# café \x1b[2J\n", 3, 8,  # columns count characters, not bytes
     "invalid YAML: character U+001B is not allowed (a control character)"),
    ("version: 1\nstatements: []\n# \ufffe\n", 3, 3, "invalid YAML: character U+FFFE is not allowed (not a character)"),
    ("version: 1\nstatements: [*nowhere]\n", 2, 14, "invalid YAML: found undefined alias 'nowhere'"),
    ("version: &v 1\nstatements: &v []\n", 2, 13,
     "invalid YAML: found duplicate anchor 'v'; first occurrence second occurrence"),
    ("version: 1\n---\nversion: 1\n", 2, 1,
     "invalid YAML: expected a single document in the stream but found another document"),
])
def test_yaml_the_project_words_itself_is_reported_exactly(runner, tmp_path: Path, text: str, line: int,
                                                           column: int, message: str) -> None:
    """Characters YAML forbids, aliases, anchors and documents are checked by factcheck's own
    loader, in its own words."""
    path = store_file(tmp_path, text.encode("utf-8"))
    for command in (["validate"], ["check", "Acme bought Initech"]):
        result = runner.invoke(cli, [*command, "--store", str(path)])
        assert result.exit_code == 2
        assert problem_lines(result, command) == [f"{path}:{line}:{column}: {message}"]
        assert_no_traceback(result)


@pytest.mark.parametrize("text, kind", [
    ("just a sentence\n", "a str"), ("42\n", "a int"), ("~\n", "empty"), ("[]\n", "a list"), ("'{}'\n", "a str"),
])
def test_wrong_top_level_type(runner, tmp_path: Path, text: str, kind: str) -> None:
    path = store_file(tmp_path, text)
    result = validate(runner, path)
    assert result.exit_code == 2
    assert result.stdout == (f"{path}:1:1: a store file must be a mapping with 'version' and 'statements', "
                             f"not {kind}\n")


@pytest.mark.parametrize("edit, prefix", [
    (("parties: [acme, globex]", "parties: acme"), "15:14: statements[0].parties: 'acme' "),
    (("initech: {name: Initech,", "initech: {name: 123,"), "5:19: entities.initech.name: 123 "),
    (("    deal: joint venture", "    deal: [joint, venture]"), "17:11: statements[0].deal: ['joint', 'venture'] "),
])
def test_values_of_the_wrong_type_are_positioned_errors(runner, tmp_path: Path, edit: tuple[str, str],
                                                        prefix: str) -> None:
    """Where the value is, which field and the value itself; the rest of the line is the JSON
    Schema validator's description, whose wording is its own."""
    path = store_file(tmp_path, MINI_STORE.replace(*edit))
    result = validate(runner, path)
    assert result.exit_code == 2
    [problem] = result.stdout.splitlines()
    assert problem.startswith(f"{path}:{prefix}") and len(problem) > len(f"{path}:{prefix}"), problem
    assert_no_traceback(result)


@pytest.mark.parametrize("edit, message", [
    (("kind: regulator", "kind: wizard"),
     "6:59: entities.regulator.kind: 'wizard' is not one of company, regulator, government, organisation, "
     "person, place"),
    (("date: 2021-03-04", "date: 2021-03-04T10:00:00"),
     "18:11: statements[0].date: '2021-03-04T10:00:00' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY"),
    (("version: 1", "version: '1'"), "1:10: version: '1' is not supported (expected 1)"),
    (("version: 1", "version: 0x" + "f" * 200), "1:10: version: '0x" + "f" * 200 + "' is not supported (expected 1)"),
    (("version: 1", "version: 1" + "0" * 5_000), "1:10: version: '1" + "0" * 5_000 + "' is not supported (expected 1)"),
    (("verdict: denied", "verdict: true"), "22:14: statements[1].verdict: true was read as a boolean (yes/no); write supported"),
])
def test_wrong_values_are_positioned_errors(runner, tmp_path: Path, edit: tuple[str, str],
                                                     message: str) -> None:
    path = store_file(tmp_path, MINI_STORE.replace(*edit))
    result = validate(runner, path)
    assert result.exit_code == 2
    assert f"{path}:{message}" in result.stdout.splitlines()
    assert_no_traceback(result)


def test_entities_and_sources_defined_twice_across_files(runner, tmp_path: Path) -> None:
    write_store(tmp_path)
    (tmp_path / "more.yaml").write_text(textwrap.dedent("""\
        version: 1
        entities:
          acme: {name: Acme Again, kind: company}
        sources:
          gazette: {title: Again, publisher: X, published: "2021", url: "https://x.example", document: docs/gazette.txt}
        statements: []
        """), encoding="utf-8")
    result = validate(runner, tmp_path)
    assert result.exit_code == 2
    second = tmp_path / "store.yaml"  # files are read in name order: more.yaml came first
    assert result.stdout.splitlines() == [f"{second}:3:9: entity 'acme' is defined twice",
                                          f"{second}:10:12: source 'gazette' is defined twice"]


@pytest.mark.parametrize("data, position, byte", [
    ("version: 1\nstatements: []\n# café\n".encode("latin-1"), "3:6", "e9"),
    ("version: 1\nstatements: []\n".encode("utf-16"), "1:1", "ff"),
    (b"version: 1\nstatements: []\n\x00\x00\xff", "3:3", "ff"),
])
def test_store_files_that_are_not_utf8(runner, tmp_path: Path, data: bytes, position: str, byte: str) -> None:
    path = store_file(tmp_path, data)
    for command in (["validate"], ["check", "Acme bought Initech"]):
        result = runner.invoke(cli, [*command, "--store", str(path)])
        assert result.exit_code == 2
        problems = result.stdout if command == ["validate"] else result.stderr
        assert problems.splitlines()[0] == f"{path}:{position}: not valid UTF-8 (byte 0x{byte})"


def test_store_file_of_nul_bytes_is_refused(runner, tmp_path: Path) -> None:
    path = store_file(tmp_path, b"\x00" * 1_000)
    result = validate(runner, path)
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{path}:1:1: invalid YAML: character U+0000 is not allowed")


def test_folder_with_no_yaml_files(runner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "store.json").write_text("{}", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()  # a folder named like a store file is not one
    (tmp_path / ".yaml").mkdir()
    for command in (["validate"], ["check", "Acme bought Initech"]):
        result = runner.invoke(cli, [*command, "--store", str(tmp_path)])
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == f"{tmp_path}: no .yaml or .yml files in this folder"


@pytest.mark.parametrize("text", [
    "version: 1\nstatements: !!python/object/apply:os.system ['touch {marker}']\n",
    "version: 1\nstatements: [!!python/object/apply:subprocess.call [[touch, '{marker}']]]\n",
    "version: 1\n!!python/object/apply:os.system ['touch {marker}']: 1\nstatements: []\n",
    "version: 1\nstatements: !!python/object/new:os.system ['touch {marker}']\n",
    "version: 1\nstatements: !!python/name:os.system\n",
    "version: 1\nstatements: []\nx: !!python/object:__main__.Evil {{cmd: 'touch {marker}'}}\n",
    "%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nversion: 1\nstatements: !p!os.system ['touch {marker}']\n",
    "version: 1\nstatements: []\nx: !<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']\n",
])
def test_python_tags_are_refused_and_never_run(runner, tmp_path: Path, text: str) -> None:
    marker = tmp_path / "executed"
    path = store_file(tmp_path, text.format(marker=marker))
    for command in (["validate"], ["check", "Acme bought Initech"]):
        result = runner.invoke(cli, [*command, "--store", str(path)])
        assert result.exit_code == 2
        problems = (result.stdout if command == ["validate"] else result.stderr).splitlines()
        assert re.fullmatch(re.escape(str(path)) + r":\d+:\d+: (refused: YAML tag 'tag:yaml\.org,2002:python/.*' "
                            r"is not allowed in a store|mapping keys must be plain values)", problems[0]), problems
    assert not marker.exists()


def refused_within(action, seconds: float = 5.0, megabytes: float = 100.0) -> StoreError:  # noqa: ANN001
    """The StoreError `action` raises, within the time given, and (run again, traced, since tracing
    is slow) within the Python memory given."""
    started = time.monotonic()
    with pytest.raises(StoreError) as timed:
        action()
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    tracemalloc.start()
    try:
        with pytest.raises(StoreError):
            action()
        peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    finally:
        tracemalloc.stop()
    assert peak < megabytes, f"used {peak:.0f} MB"
    return timed.value


def test_a_wide_alias_bomb_is_refused_quickly_with_bounded_memory() -> None:
    """Few expansions of a large list add up too: 1,000 aliases of a 10,000-item list would build
    ten million values."""
    text = "a: &a [" + ", ".join(["x"] * 10_000) + "]\nb: [" + ", ".join(["*a"] * 1_000) + "]\n"
    error = refused_within(lambda: parse_yaml(text, "bomb.yaml"))
    assert error.message == "refused: too many alias expansions (an alias bomb?)"
    assert error.location.line >= 1 and error.location.column >= 1


def test_a_recursive_alias_is_refused() -> None:
    error = refused_within(lambda: parse_yaml("a: &a [*a, *a]\n", "loop.yaml"))
    assert error.message.startswith("refused: ")


def test_a_store_of_aliases_is_still_a_store(runner, tmp_path: Path) -> None:
    """Aliases as people use them (a shared citation) keep working."""
    text = MINI_STORE.replace(
        '    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture in Springfield"}]',
        '    citations: &jv [{source: gazette, quote: "Acme and Globex set up a joint venture in Springfield"}]')
    text = text.replace('    citations: [{source: gazette, quote: "Acme denied reports that it agreed to buy '
                        'Initech for $2 billion"}]', "    citations: *jv")
    assert "*jv" in text
    result = validate(runner, store_file(tmp_path, text))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("valid: 2 statements")


@pytest.mark.parametrize("text, position", [
    pytest.param("[" * 1_000_000, "1:66", id="flow-sequences-1MB"),
    pytest.param("{a: " * 200_000, "1:261", id="flow-mappings"),
    pytest.param("- " * 200_000, "1:131", id="block-sequences-on-one-line"),
    pytest.param("".join(" " * i + "a:\n" for i in range(10_000)), "66:66", id="block-mappings"),
    pytest.param("a: " + "[{b: " * 100_000, "1:164", id="mixed"),
    # a syntax error within the scanner's read-ahead, after the nesting went too deep
    pytest.param("[" * 70 + "@", "1:66", id="flow-then-bad-character"),
    pytest.param("[" * 60 + "\n" + "[" * 2_000, "2:6", id="flow-over-two-lines"),
])
def test_deep_nesting_is_refused_quickly(tmp_path: Path, text: str, position: str) -> None:
    """In a separate process: PyYAML's C composer used to crash the interpreter at this depth,
    and libyaml's scanner slows down quadratically with flow nesting. Whichever layer stops the
    text first (the loader's depth guard, a parser's own nesting limit, an error further on), the
    refusal is the project's, at the level that went too deep."""
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "factcheck", "validate", "--store", str(path)],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "FACTCHECK_CACHE": "off"})
    assert time.monotonic() - started < 30
    assert done.returncode == 2, done.stderr
    assert done.stdout == f"{path}:{position}: refused: nested deeper than {MAX_DEPTH} levels\n"
    assert "Traceback" not in done.stderr


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert parse_yaml(text, "ok.yaml").data is not None


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("text, position", [
    pytest.param("[" * 100_000, (1, 66), id="flow"),
    pytest.param("[" * 70 + "@", (1, 66), id="flow-then-bad-character"),
    pytest.param("a: " + "{b: " * 2_000, (1, 260), id="flow-mappings"),
])
def test_the_depth_refusal_does_not_depend_on_the_parser(monkeypatch: pytest.MonkeyPatch, parser: str, text: str,
                                                         position: tuple[int, int]) -> None:
    """PyYAML's Python parser has no nesting limit of its own and says other things than libyaml,
    whose limit and wording change between releases: the refusal is the same with either."""
    import yaml

    from factcheck import yaml_loader

    if parser == "python":
        monkeypatch.setattr(yaml_loader, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    error = refused_within(lambda: parse_yaml(text, "deep.yaml"))
    assert error.message == f"refused: nested deeper than {MAX_DEPTH} levels"
    assert (error.location.line, error.location.column) == position


def test_a_100_megabyte_store_file_is_refused_with_its_limit(runner, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: costs no disk and no time to make
        handle.write(b"version: 1\nstatements:\n")
        handle.truncate(100 * 2 ** 20)
    started = time.monotonic()
    for command in (["validate"], ["check", "Acme bought Initech"]):
        result = runner.invoke(cli, [*command, "--store", str(path)])
        assert result.exit_code == 2
        problems = (result.stdout if command == ["validate"] else result.stderr).splitlines()
        assert problems[0] == (f"{path}: store file is 100 MiB; the limit is 64 MiB "
                               "(split it into several files in a folder)")
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("breakage, reason", [
    ("directory", "Is a directory"),
    ("latin-1", "not valid UTF-8"),
    ("symlink loop", "Too many levels of symbolic links"),
])
def test_unreadable_documents_are_errors_of_their_source(runner, tmp_path: Path, breakage: str, reason: str) -> None:
    path = write_store(tmp_path)
    document = tmp_path / "docs" / "gazette.txt"
    document.unlink()
    if breakage == "directory":
        document.mkdir()
    elif breakage == "latin-1":
        document.write_bytes("Acme and Globex set up a joint venture in Springfield, à Genève.\n".encode("latin-1"))
    else:
        document.symlink_to(document)
    result = validate(runner, path)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{path}:10:12: document of source 'gazette' cannot be read: {reason}"]
    checked = check(runner, path, "--format", "json", DENIED_CLAIM)  # check does not need the documents
    assert json.loads(checked.stdout)["results"][0]["verdict"] == "denied"


def test_a_document_path_with_a_nul_byte(runner, tmp_path: Path) -> None:
    path = write_store(tmp_path, MINI_STORE.replace("document: docs/gazette.txt", 'document: "docs/gaz\\0ette.txt"'))
    result = validate(runner, path)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{path}:10:12: document of source 'gazette' cannot be read: the path contains a NUL character"]


def test_a_missing_document_path_with_a_line_break_stays_on_one_line(runner, tmp_path: Path) -> None:
    path = write_store(tmp_path, MINI_STORE.replace("document: docs/gazette.txt", 'document: "docs/new\\nline.txt"'))
    result = validate(runner, path)
    assert result.exit_code == 2
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{path}:10:12: document of source 'gazette' not found: ")
    assert line.endswith(r"new\nline.txt")


def test_a_store_file_symlinked_from_outside_the_store_folder_is_refused(runner, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.yaml").write_text(MINI_STORE.split("statements:")[0].replace("gazette:", "elsewhere:")
                                        .replace("acme:", "acme2:").replace("globex:", "globex2:")
                                        .replace("initech:", "initech2:").replace("regulator:", "regulator2:")
                                        .replace("springfield:", "springfield2:")
                                        .replace("shelbyville:", "shelbyville2:") + "statements: []\n",
                                        encoding="utf-8")
    store = tmp_path / "store"
    write_store(store)
    (store / "linked.yaml").symlink_to(outside / "other.yaml")
    result = validate(runner, store)
    assert result.exit_code == 2
    assert f"{store / 'linked.yaml'}: " in result.stdout + result.stderr
    assert "outside" in result.stdout + result.stderr


def test_a_document_symlinked_outside_the_document_root_is_refused(runner, tmp_path: Path, monkeypatch) -> None:
    """validate would otherwise read, and quote-match, any file the store's author points it at.
    Outside a git repository and the current folder, documents stay in the store's folder."""
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    secret = tmp_path / "secret.txt"
    secret.write_text("Acme and Globex set up a joint venture in Springfield. Acme denied reports that it agreed "
                      "to buy Initech for $2 billion.\n", encoding="utf-8")
    store = tmp_path / "store"
    path = write_store(store)
    (store / "docs" / "gazette.txt").unlink()
    (store / "docs" / "gazette.txt").symlink_to(secret)
    result = validate(runner, path)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{path}:10:12: document of source 'gazette' is outside the store's "
                                          "folder (through a symlink or '..'); not read without --allow-documents"]
    escaping = write_store(tmp_path / "other", MINI_STORE.replace("document: docs/gazette.txt",
                                                                  "document: ../../secret.txt"))
    assert validate(runner, escaping).stdout.splitlines() == [
        f"{escaping}:10:12: document of source 'gazette' is outside the store's folder (through a symlink or '..'); "
        "not read without --allow-documents"]
    allowed = runner.invoke(cli, ["validate", "--store", str(path), "--allow-documents", str(tmp_path)])
    assert (allowed.exit_code, allowed.stdout) == (0, ""), allowed.output


def test_documents_may_sit_anywhere_under_the_document_root(runner, tmp_path: Path, monkeypatch) -> None:
    """document_root may point up, and symlinks may stay inside it: the shipped store's layout,
    run from the folder that holds it (or anywhere in its git repository)."""
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "data"
    store.mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "real.txt").write_text("Acme and Globex set up a joint venture in Springfield. Acme "
                                                  "denied reports that it agreed to buy Initech for $2 billion.\n",
                                                  encoding="utf-8")
    (tmp_path / "seeds" / "gazette.txt").symlink_to(tmp_path / "seeds" / "real.txt")
    path = store / "store.yaml"
    text = "document_root: ..\n" + textwrap.dedent(MINI_STORE).replace("docs/gazette.txt", "seeds/./gazette.txt")
    path.write_text(text, encoding="utf-8")
    result = validate(runner, path)
    assert (result.exit_code, result.stdout) == (0, ""), result.output


def test_yaml_keys_with_line_breaks_are_reported_on_one_line(runner, tmp_path: Path) -> None:
    text = MINI_STORE.replace("    deal: acquisition\n",
                              '    deal: acquisition\n    "note\\nnot a new problem: 1:1": x\n'
                              '    "note\\nnot a new problem: 1:1": y\n')
    result = validate(runner, store_file(tmp_path, text))
    assert result.exit_code == 2
    assert all(line.startswith(str(tmp_path)) for line in result.stdout.splitlines()), result.stdout


URL_WITH_BRACKETS = "https://gazette.example/a[b]c][/link]x"


def test_text_output_shows_a_store_url_with_brackets(runner, tmp_path: Path) -> None:
    path = write_store(tmp_path, MINI_STORE.replace("https://gazette.example/acme-globex", URL_WITH_BRACKETS))
    result = check(runner, path, DENIED_CLAIM)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert f"          {URL_WITH_BRACKETS}" in result.stdout.splitlines()


def test_show_prints_a_store_url_with_brackets(runner, tmp_path: Path) -> None:
    path = write_store(tmp_path, MINI_STORE.replace("https://gazette.example/acme-globex", URL_WITH_BRACKETS))
    result = runner.invoke(cli, ["show", "--store", str(path), "acme-initech-2021-03-acquisition"])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert URL_WITH_BRACKETS in result.stdout


# --- environment ---------------------------------------------------------------------------------


def test_an_unwritable_cache_only_costs_speed(runner, mini_store: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE", str(blocker / "cache"))
    for _ in range(2):
        result = check(runner, mini_store, "--format", "json", DENIED_CLAIM)
        assert (result.exit_code, json.loads(result.stdout)["results"][0]["verdict"]) == (1, "denied")
        assert result.stderr == ""


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "directory"])
def test_a_corrupt_cache_is_rebuilt_or_bypassed(runner, mini_store: Path, tmp_path: Path, monkeypatch,
                                                damage: str) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE", str(cache))
    assert check(runner, mini_store, DENIED_CLAIM).exit_code == 1
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        if damage == "garbage":
            entry.write_bytes(os.urandom(256))
        elif damage == "truncated":
            entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
        elif damage == "empty":
            entry.write_bytes(b"")
        else:
            entry.unlink()
            entry.mkdir()
    for _ in range(2):
        result = check(runner, mini_store, "--format", "json", DENIED_CLAIM)
        assert_no_traceback(result)
        assert (result.exit_code, json.loads(result.stdout)["results"][0]["verdict"]) == (1, "denied"), result.output


def test_a_store_changed_between_two_runs_never_gives_a_stale_verdict(runner, mini_store: Path, tmp_path: Path,
                                                                      monkeypatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    claim = "Acme agreed to buy Initech for $2 billion"
    verdict = lambda: json.loads(check(runner, mini_store, "--format", "json", "--fail-on", "none",  # noqa: E731
                                       claim).stdout)["results"][0]["verdict"]
    assert verdict() == "denied"
    # same size, and the modification time put back: only the content tells
    before = mini_store.stat()
    mini_store.write_text(mini_store.read_text(encoding="utf-8").replace(
        "claim: Acme agreed to buy Initech for $2 billion", "claim: Acme agreed to buy Initech for $3 billion"),
        encoding="utf-8")
    os.utime(mini_store, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mini_store.stat().st_size == before.st_size
    assert verdict() == "unverified"
    # a store folder that gains a file
    folder = tmp_path / "folder"
    write_store(folder)
    nokia = lambda: json.loads(check(runner, folder, "--format", "json", "Nokia bought Infinera").stdout)["results"][0]  # noqa: E731
    assert nokia()["verdict"] == "unverified"
    (folder / "more.yaml").write_text(textwrap.dedent("""\
        version: 1
        entities:
          nokia: {name: Nokia, kind: company}
          infinera: {name: Infinera, kind: company}
        statements:
          - id: nokia-infinera
            claim: Nokia bought Infinera
            verdict: supported
            parties: [nokia, infinera]
            citations: [{source: gazette, quote: "Acme and Globex set up a joint venture"}]
        """), encoding="utf-8")
    assert nokia()["verdict"] == "supported"


def many_denied(tmp_path: Path, count: int = 2_000) -> Path:
    draft = tmp_path / "many.md"
    draft.write_text((DENIED_CLAIM + ".\n\n") * count, encoding="utf-8")
    return draft


@pytest.mark.parametrize("command", [
    "scan --format text {draft}",
    "scan --format github {draft}",
    "validate --store {bad}",
    "search --store {store} --format jsonl",
])
def test_piping_any_command_into_head_exits_quietly(tmp_path: Path, mini_store: Path, command: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nstatements:\n" + "  - {id: X, verdict: maybe}\n" * 3_000, encoding="utf-8")
    line = command.format(draft=many_denied(tmp_path, 300), bad=bad, store=mini_store)
    done = subprocess.run(["bash", "-o", "pipefail", "-c",
                           f"{sys.executable} -m factcheck {line} --store {mini_store} | head -1"
                           if "--store" not in line else f"{sys.executable} -m factcheck {line} | head -1"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FACTCHECK_CACHE": str(tmp_path / "cache")})
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr
    assert "Exception ignored" not in done.stderr


@pytest.mark.parametrize("output_format", ["jsonl", "json"])
def test_ctrl_c_during_a_batch_leaves_valid_output_and_exits_130(tmp_path: Path, mini_store: Path,
                                                                 output_format: str) -> None:
    """Ctrl-C reaches the whole process group (any worker processes too). What was printed before
    stays whole: JSON Lines objects, or a closed JSON document."""
    claims = tmp_path / "claims.txt"
    claims.write_text((DENIED_CLAIM + "\nNokia bought Infinera\n") * 50_000, encoding="utf-8")
    with claims.open("rb") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "check", "--store", str(mini_store), "--format", output_format,
             "--fail-on", "none", "-"], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True, env={**os.environ, "FACTCHECK_CACHE": str(tmp_path / "cache")},
            bufsize=0)  # unbuffered: readline() must not take more than the line from communicate()
        first = process.stdout.readline() if output_format == "jsonl" else b""
        if output_format == "json":
            time.sleep(3)
        os.killpg(process.pid, signal.SIGINT)
        rest, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in errors
    output = (first + rest).decode("utf-8")
    if output_format == "jsonl":
        found = [json.loads(line) for line in output.splitlines()]
        assert found and all(r["verdict"] in ("denied", "unverified") for r in found)
        assert len(found) < 100_000  # it really was interrupted
    elif output.strip():
        assert isinstance(json.loads(output)["results"], list)


# --- articles for scan ---------------------------------------------------------------------------


def scan(runner: CliRunner, store: Path, *args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(cli, ["scan", "--store", str(store), "--format", "json", *args], input=stdin)


@pytest.mark.parametrize("data, message", [
    (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "1:8: binary file (NUL byte); scan reads UTF-8 text"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "1:4: binary file (NUL byte); scan reads UTF-8 text"),
    (b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n", "2:1: not valid UTF-8 (byte 0xe2); save the file as UTF-8"),
    (b"\xfe\xff\x00A\x00c\x00m\x00e", "UTF-16 text; save the file as UTF-8"),
])
def test_binary_files_are_errors_and_other_files_are_still_scanned(runner, mini_store: Path, tmp_path: Path,
                                                                   data: bytes, message: str) -> None:
    binary = tmp_path / "binary.md"
    binary.write_bytes(data)
    draft = tmp_path / "draft.md"
    draft.write_text(DENIED_CLAIM + ".\n", encoding="utf-8")
    result = scan(runner, mini_store, str(binary), str(draft))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{binary}{':' if message[0].isdigit() else ': '}{message}"
    assert [f["verdict"] for f in json.loads(result.stdout)["findings"]] == ["denied"]


def test_a_huge_single_paragraph(runner, mini_store: Path, tmp_path: Path) -> None:
    """300 KB on one line: 10,000 sentences and the one that matters at its very end."""
    padding = "The weather was fine. " * 10_000
    draft = tmp_path / "huge.md"
    draft.write_text(padding + DENIED_CLAIM + ".\n", encoding="utf-8")
    started = time.monotonic()
    result = scan(runner, mini_store, str(draft))
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == \
        (1, len(padding) + 1, len(padding) + len(DENIED_CLAIM) + 2)


def test_a_huge_single_sentence(runner, mini_store: Path, tmp_path: Path) -> None:
    draft = tmp_path / "huge.txt"
    draft.write_text(DENIED_CLAIM + " and" + " more" * 200_000 + ".\n", encoding="utf-8")
    started = time.monotonic()
    result = scan(runner, mini_store, "--show", "unverified,supported", str(draft))
    assert time.monotonic() - started < 60
    assert_no_traceback(result)
    assert json.loads(result.stdout)["summary"]["sentences"] == 1


@pytest.mark.parametrize("text, line, column", [
    ("> " * 1_000 + DENIED_CLAIM + ".\n", 1, 121),
    ("- " * 1_000 + DENIED_CLAIM + ".\n", 1, 61),
    ("\n".join("  " * i + "- item" for i in range(100)) + "\n", 30, 61),
    ("> - " * 100 + DENIED_CLAIM + ".\n", 1, 81),
])
def test_markdown_nested_too_deeply_is_an_error_not_skipped_prose(runner, mini_store: Path, tmp_path: Path,
                                                                  text: str, line: int, column: int) -> None:
    """markdown-it drops what is nested past its limit; a denied sentence there must not pass."""
    draft = tmp_path / "deep.md"
    draft.write_text(text, encoding="utf-8")
    result = scan(runner, mini_store, str(draft))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == \
        f"{draft}:{line}:{column}: lists and quotes nested deeper than 60 levels; scan cannot read them"


@pytest.mark.parametrize("text, line, column", [
    ("> " * 25 + DENIED_CLAIM + ".\n", 1, 51),
    ("\n".join("  " * i + "- " + (DENIED_CLAIM + "." if i == 19 else f"item {i}") for i in range(20)) + "\n", 20, 41),
    ("* " * 20 + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ " + DENIED_CLAIM + ".\n",
     1, 41),
])
def test_deep_but_readable_markdown_is_checked_at_its_place(runner, mini_store: Path, tmp_path: Path,
                                                            text: str, line: int, column: int) -> None:
    draft = tmp_path / "deep.md"
    draft.write_text(text, encoding="utf-8")
    result = scan(runner, mini_store, str(draft))
    assert result.exit_code == 1, result.output
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["verdict"]) == (line, column, "denied")


def test_windows_line_ends_and_a_bom_in_a_file(runner, mini_store: Path, tmp_path: Path) -> None:
    draft = tmp_path / "windows.md"
    draft.write_bytes(b"\xef\xbb\xbf# \xc3\x9cber\r\n\r\n- caf\xc3\xa9 \xe2\x80\x94 " + DENIED_CLAIM.encode()
                      + b".\r\n")
    result = scan(runner, mini_store, str(draft))
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 3, 52)


def test_a_date_that_cannot_exist_leaves_the_claim_unverified_and_says_why(runner, mini_store: Path) -> None:
    """Without it the claim would be confirmed by the 4 March 2021 statement: bad input, wrong verdict."""
    result = check(runner, mini_store, "--format", "json", "--fail-on", "none",
                   "Acme and Globex set up a joint venture in Springfield on 30 February 2021")
    data = json.loads(result.stdout)["results"][0]
    assert data["verdict"] == "unverified"
    assert data["related"][0]["conflicts"] == ["date: the claim says 30 february 2021, which is not a date"]
