"""Property-based robustness: generated claims, articles and YAML never crash factcheck.

For any input the library raises nothing but its typed errors (FactcheckError subclasses), and
the CLI exits 0, 1 or 2 with no traceback, within a bounded time per example (hypothesis's
deadline). The strategies are also what `benchmarks/fuzz.py` runs for minutes at a time.

Profiles: "ci" (the default; the whole file takes well under half a minute) and "fuzz" (many
more examples, no deadline), chosen with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import tempfile
import textwrap
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from factcheck.article import decode, read_sentences
from factcheck.cli import cli
from factcheck.errors import InputError, StoreError
from factcheck.index import StoreIndex, build_index
from factcheck.inputs import ClaimInput, read_claims
from factcheck.matching import VERDICTS, check
from factcheck.reporters import REPORTERS
from factcheck.scan import scan_text
from factcheck.sources import citation_problems
from factcheck.store import load_store, read_store
from factcheck.yaml_loader import MAX_DEPTH, YamlDocument, parse_yaml

from conftest import MINI_DOCUMENT, MINI_STORE, write_store

settings.register_profile(
    "ci", max_examples=25, deadline=timedelta(seconds=10), database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "fuzz", max_examples=5_000, deadline=None, database=None, print_blob=True,
    suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")  # of the strategies themselves

TODAY = date(2024, 6, 15)
PROBLEM_LINE = re.compile(r"^[^\n]+?(?::\d+:\d+)?: \S")
"""`path:line:col: message` (or `path: message` when there is no position)."""

# --- claims ------------------------------------------------------------------------------------

STORE_WORDS = sorted({w for w in re.findall(r"[\w$%.,'’-]+", MINI_STORE + MINI_DOCUMENT) if len(w) > 1})
DEAL_WORDS = ["signed", "agreement", "joint venture", "JV", "acquired", "bought", "approval", "licence",
              "denied", "did not", "ruled out", "rumour", "false", "inked a pact", "rose", "fell", "won",
              "invested", "stake", "banned", "merger", "partnership", "according to", "reportedly"]
MONTHS = ["January", "Feb", "March", "Apr.", "May", "june", "Sept", "October", "Nov", "December",
          "Smarch", "Febtober", "Undecimber"]
CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\x9b", "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202d", "\u202e",
     "\u2066", "\u2067", "\u2069", "\ufeff", "\u2028", "\u2029", "\x1b[31m", "\x1b]0;title\x07", "\r"])
SCRIPTS = st.sampled_from([
    "مرحبا بالعالم", "الصين للاتصالات", "שלום עולם", "טנסנט", "中国电信", "阿里巴巴", "腾讯与中国联通",
    "2020年11月2日", "十三", "二十亿元", "Ελλάδα", "Россия", "日本電信電話", "한국", "हिन्दी", "ไทย",
    "Ａｃｍｅ", "Ｉｎｉｔｅｃｈ", "ﬁnance", "e\u0301", "Z\u0351\u0358\u0360a\u0315l\u0336g\u0334o"])
EMOJI = st.sampled_from(["🎉", "👍🏽", "🇨🇳", "👨‍👩‍👧‍👦", "💩", "🏳️‍🌈", "❤️", "🤝", "📈", "\U0001FAE0"])
NUMBERS = st.one_of(
    st.integers(min_value=-(10 ** 40), max_value=10 ** 40).map(str),
    st.integers(min_value=1, max_value=3_000).map(lambda n: "9" * n),
    st.integers(min_value=1, max_value=400).map(lambda n: "1" + ",000" * n),
    st.integers(min_value=1, max_value=300).map(lambda n: "one" + " hundred" * n),
    st.integers(min_value=1, max_value=300).map(lambda n: "$2" + " trillion" * n),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["$2 billion", "$2bn", "US$2,000,000,000", "RMB 20 billion", "20bn yuan", "30 percent",
                     "30%", "10-15%", "thirteen", "two thousand four hundred", "1e309", "0.000000001",
                     "1,2,3,4", "١٢٣", "１２３", "½", "2²", "Ⅻ", "$.5", "5m", "5 m", "€", "%", "0x1F",
                     "1_000", "99999", "0"]),
)
DATES = st.one_of(
    st.builds("{} {} {}".format, st.integers(0, 99), st.sampled_from(MONTHS), st.integers(0, 99_999)),
    st.builds("{} {}, {}".format, st.sampled_from(MONTHS), st.integers(0, 99), st.integers(0, 99_999)),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(0, 99_999), st.integers(0, 99), st.integers(0, 99)),
    st.builds("{}/{}/{}".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.builds("{}年{}月{}日".format, st.integers(0, 99_999), st.integers(0, 99), st.integers(0, 99)),
    st.sampled_from(["the 32nd of Smarch", "year 0", "in the year 99999", "29 February 2021",
                     "30 February 2020", "0 January 2020", "yesterday", "last month", "next year",
                     "99999999 days ago", "0 years ago", "9999999999999999999999 weeks ago", "this Monday"]),
)
PIECES = st.one_of(
    st.sampled_from(STORE_WORDS), st.sampled_from(DEAL_WORDS), NUMBERS, DATES, CONTROL, SCRIPTS, EMOJI,
    st.text(max_size=12))
CLAIMS = st.one_of(
    st.lists(PIECES, max_size=30).map(" ".join),
    st.text(max_size=200),
    st.builds("{}{}".format, st.lists(PIECES, max_size=10).map(" ".join),
              st.integers(1, 20_000).map(lambda n: "x" * n)),  # longer than a claim is read
)


@cache
def mini_index() -> StoreIndex:
    with tempfile.TemporaryDirectory() as folder:
        return build_index(load_store([write_store(Path(folder))]))


def lines_of(output: str) -> list[str]:
    """Lines as the CLI ends them: at LF only (U+2028 or U+0085 inside a message is not a line end)."""
    return output.split("\n")[:-1] if output.endswith("\n") else output.split("\n") if output else []


def assert_clean_exit(result: Any, codes: tuple[int, ...] = (0, 1, 2)) -> None:
    """The CLI ended by design: an allowed exit status and no traceback anywhere."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in codes, (result.exit_code, result.output)
    assert "Traceback" not in result.output


def checked_everywhere(text: str, index: StoreIndex, top: int) -> None:
    """check() and every check reporter on one claim: a verdict, a score, and valid JSON."""
    result = check(text, index, today=TODAY, top=top)
    assert result.verdict in VERDICTS
    assert 0 <= result.score <= 100
    assert (result.match is None) == (result.verdict == "unverified")
    for name, reporter_class in REPORTERS.items():
        out = io.StringIO()
        reporter = reporter_class(out)
        reporter.add(reporter.render(result))
        reporter.finish()
        if name == "json":
            assert json.loads(out.getvalue())["results"][0]["verdict"] == result.verdict
        elif name == "jsonl":
            assert json.loads(out.getvalue())["verdict"] == result.verdict


@given(text=CLAIMS, top=st.integers(0, 5))
def test_any_claim_gets_a_verdict_from_the_library(shipped_index: StoreIndex, text: str, top: int) -> None:
    checked_everywhere(text, shipped_index, top)
    checked_everywhere(text, mini_index(), top)


@given(lines=st.lists(st.one_of(
    CLAIMS.map(lambda c: c.encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),
    st.builds(lambda c, i: json.dumps({"id": i, "claim": c}).encode(), CLAIMS, st.integers() | st.text()),
    st.sampled_from([b"", b"   ", b"\t\xc2\xa0\xe3\x80\x80", b"{", b'{"claim": 1}', b"[]", b'{"claim": ""}',
                     b"\xef\xbb\xbf", b"\x00\x00\x00", b'{"claim": "\\ud800"}', b"[" * 5000 + b"]" * 5000,
                     b'{"claim": "Acme", "claim": "Globex"}', b"\xff\xfe", b"\xed\xa0\x80"])),
    max_size=12))
def test_any_batch_of_lines_yields_claims_or_positioned_errors(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    numbers = []
    for item in read_claims(io.BytesIO(data)):
        if isinstance(item, InputError):
            assert item.location.line >= 1 and item.location.column >= 1
            assert PROBLEM_LINE.match(str(item)) and "\n" not in str(item)
            numbers.append(item.location.line)
        else:
            assert isinstance(item, ClaimInput) and item.text.strip() and "\x00" not in item.text
            numbers.append(item.line)
    assert numbers == sorted(set(numbers))  # one result per line at most, in order
    assert all(1 <= n <= data.count(b"\n") + 1 for n in numbers)


@settings(max_examples=15)
@given(lines=st.lists(st.one_of(
    CLAIMS.filter(lambda c: "\n" not in c and "\r" not in c).map(lambda c: c.encode("utf-8", "surrogatepass")),
    st.binary(max_size=30)), min_size=1, max_size=6),
    output_format=st.sampled_from(["text", "json", "jsonl"]))
def test_check_cli_on_any_standard_input(mini_store_path: Path, lines: list[bytes], output_format: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--store", str(mini_store_path), "--format", output_format,
                                      "--today", TODAY.isoformat(), "-"], input=b"\n".join(lines) + b"\n")
    assert_clean_exit(result)
    if result.exit_code == 2:
        assert all(PROBLEM_LINE.match(line) for line in lines_of(result.stderr))
    if output_format == "jsonl":
        assert all(json.loads(line)["verdict"] in VERDICTS for line in result.stdout.splitlines())  # even so
    if output_format == "json" and result.stdout.strip():
        json.loads(result.stdout)


@settings(max_examples=15)
@given(claims=st.lists(CLAIMS.filter(lambda c: "\x00" not in c), min_size=1, max_size=3))
def test_check_cli_on_any_arguments(mini_store_path: Path, claims: list[str]) -> None:
    assume("-" not in claims)
    result = CliRunner().invoke(cli, ["check", "--store", str(mini_store_path), "--fail-on", "none", *claims])
    assert_clean_exit(result, (0, 2))


# --- articles ----------------------------------------------------------------------------------

SENTENCES = st.lists(PIECES, min_size=1, max_size=12).map(lambda p: " ".join(p).replace("\n", " ") + ".")
INLINE = st.one_of(
    SENTENCES,
    SENTENCES.map(lambda s: f"*{s}*"), SENTENCES.map(lambda s: f"**{s}**"), SENTENCES.map(lambda s: f"~~{s}~~"),
    st.builds("[{}]({})".format, SENTENCES, st.sampled_from(["https://acme.example", "<x y>", "", "#a"])),
    st.builds("![{}](logo.png)".format, SENTENCES),
    st.sampled_from(["`code`", "``a ` b``", "<span>html</span>", "&amp;", "&#x1F600;", "\\*", "<https://x.y>",
                     "<!-- factcheck: ignore -->", "<!-- factcheck: disable -->", "<!-- factcheck: enable -->",
                     "[", "]", "](", "![", "`", "\\", "<", "|"]))
PARAGRAPH = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
BLOCK = st.deferred(lambda: st.one_of(
    PARAGRAPH,
    st.builds("{} {}".format, st.integers(1, 7).map(lambda n: "#" * n), PARAGRAPH),
    st.builds(lambda depth, text: "> " * depth + text, st.integers(1, 300), PARAGRAPH),
    st.builds(lambda depth, marker, text: "\n".join(f"{'  ' * i}{marker} {text}" for i in range(depth)),
              st.integers(1, 60), st.sampled_from(["-", "*", "1."]), PARAGRAPH),
    st.builds(lambda depth, text: "  " * depth + "- " * depth + text, st.integers(1, 200), PARAGRAPH),
    st.builds("```\n{}\n```".format, PARAGRAPH), st.builds("```\n{}".format, PARAGRAPH),
    st.builds("    {}".format, PARAGRAPH),
    st.builds("| a | b |\n|---|---|\n| {} | {} |".format, PARAGRAPH, PARAGRAPH),
    st.builds("<div>\n{}\n</div>".format, PARAGRAPH),
    st.builds("<!-- factcheck: {} -->".format, st.sampled_from(["ignore", "disable", "enable", "IGNORE"])),
    st.builds(lambda n: ("Acme signed a deal with Globex. " * n).strip(), st.integers(1, 400)),
))
FRONT_MATTER = st.sampled_from(["", "---\ntitle: x\n---\n", "+++\ntitle = 'x'\n+++\n", "---\n", "+++\n"])
ARTICLES = st.builds(lambda front, blocks, sep: front + sep.join(blocks), FRONT_MATTER,
                     st.lists(BLOCK, max_size=8), st.sampled_from(["\n\n", "\n", "\n\n\n"])) | st.text(max_size=300)


def sentences_or_too_deep(text: str, markdown: bool) -> list[Any]:
    """The sentences, or none when the Markdown nests too deeply to be read (a positioned error)."""
    try:
        return read_sentences(text, markdown, "a.md")
    except InputError as exc:
        assert markdown and "nested deeper" in exc.message
        line, column = exc.location.line, exc.location.column
        assert 1 <= line <= text.count("\n") + 1 and 1 <= column <= len(text.split("\n")[line - 1]) + 1
        return []


def line_ends(text: str, style: str) -> str:
    return text.replace("\n", style)


@given(article=ARTICLES, markdown=st.booleans())
def test_any_article_is_read_with_positions_inside_the_file(article: str, markdown: bool) -> None:
    text = decode(article.encode("utf-8", "surrogatepass"), "a.md") if "\x00" not in article else None
    assume(text is not None)
    lines = text.split("\n")
    for s in sentences_or_too_deep(text, markdown):
        assert 1 <= s.line <= s.end_line <= len(lines)
        assert 1 <= s.column <= len(lines[s.line - 1]) + 1
        assert 1 <= s.end_column <= len(lines[s.end_line - 1]) + 1
        assert (s.line, s.column) < (s.end_line, s.end_column)
        if not markdown:  # plain text is never rewritten: the sentence starts where it says
            assert lines[s.line - 1][s.column - 1] == s.text[0]


@given(article=ARTICLES.filter(lambda a: "\x00" not in a and "\r" not in a),
       ends=st.sampled_from(["\r\n", "\r"]), bom=st.booleans(), markdown=st.booleans())
def test_windows_line_ends_and_a_bom_keep_every_position(article: str, ends: str, bom: bool,
                                                         markdown: bool) -> None:
    plain = sentences_or_too_deep(decode(article.encode("utf-8", "surrogatepass"), "a.md"), markdown)
    data = (b"\xef\xbb\xbf" if bom else b"") + line_ends(article, ends).encode("utf-8", "surrogatepass")
    assert sentences_or_too_deep(decode(data, "a.md"), markdown) == plain


@given(article=ARTICLES)
def test_any_article_scans_with_the_library(article: str) -> None:
    try:
        report = scan_text(article, "a.md", mini_index(), today=TODAY)
    except InputError as exc:
        assert "nested deeper" in exc.message and exc.location.path == "a.md"
        return
    assert report.checked + report.skipped + report.ignored == report.sentences
    assert all(f.result.verdict in VERDICTS for f in report.findings)


@settings(max_examples=15)
@given(article=st.one_of(ARTICLES.map(lambda a: a.encode("utf-8", "surrogatepass")), st.binary(max_size=200)),
       name=st.sampled_from(["a.md", "a.txt", "-"]),
       output_format=st.sampled_from(["text", "json", "github", "sarif"]))
def test_scan_cli_on_any_file(mini_store_path: Path, article: bytes, name: str, output_format: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if name != "-":
            path.write_bytes(article)
        result = CliRunner().invoke(
            cli, ["scan", "--store", str(mini_store_path), "--format", output_format, "--show",
                  "supported,unverified", *(["--stdin-filename", "pasted.md"] if name == "-" else []),
                  str(path) if name != "-" else "-"],
            input=article if name == "-" else None)
    assert_clean_exit(result)
    if output_format in ("json", "sarif"):
        json.loads(result.stdout)
    if result.exit_code == 2:
        assert all(PROBLEM_LINE.match(line) for line in lines_of(result.stderr))


# --- stores ------------------------------------------------------------------------------------

YAML_ALPHABET = st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?~ \n\t\\") + ["!!python/object/apply:os.system",
                                                                          "!!binary", "&a", "*a", "<<",
                                                                          "---", "...", "%YAML 1.1", "\ufeff"])
YAML_TEXT = st.one_of(
    st.lists(st.one_of(YAML_ALPHABET, st.sampled_from(STORE_WORDS), st.text(max_size=5)), max_size=60).map("".join),
    st.text(max_size=200),
    st.integers(1, 5_000).map(lambda n: "[" * n),
    st.integers(1, 2_000).map(lambda n: "".join(" " * i + "a:\n" for i in range(n))),
)


def mini_data() -> dict[str, Any]:
    return yaml.safe_load(textwrap.dedent(MINI_STORE))


LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30), CLAIMS,
    st.sampled_from(["supported", "denied", "maybe", "company", "place", "wizard", "2021-03-04", "2021-13",
                     "2021-02-30", "0000", "99999-01-01", "acme", "globex", "gazette", "nobody", "docs/gazette.txt",
                     "../../../../etc/passwd", "/etc/hostname", "docs", "", " ", "https://x.example", "ftp://x",
                     "Not An Id", "x" * 300]))
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8) | st.sampled_from(["id", "claim", "name", "kind", "source", "quote", "aliases"]),
    inner, max_size=4), max_leaves=12)


def mutate(data: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """Random structural damage: replaced, removed, added and duplicated fields at any depth."""
    for _ in range(draw(st.integers(0, 4))):
        containers: list[Any] = []

        def walk(value: Any) -> None:
            if isinstance(value, (dict, list)):
                containers.append(value)
                for child in (value.values() if isinstance(value, dict) else value):
                    walk(child)

        walk(data)
        target = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(["replace", "remove", "add", "duplicate"]))
        if isinstance(target, dict):
            keys = list(target)
            if action == "add" or not keys:
                target[draw(st.text(max_size=10) | st.sampled_from(["id", "extra", "parent", "date"]))] = draw(VALUES)
            elif action == "remove":
                del target[draw(st.sampled_from(keys))]
            elif action == "duplicate" and isinstance(target.get("statements"), list) and target["statements"]:
                target["statements"].append(copy.deepcopy(target["statements"][0]))  # a duplicate id
            else:
                target[draw(st.sampled_from(keys))] = draw(VALUES)
        elif target:
            i = draw(st.integers(0, len(target) - 1))
            if action == "remove":
                del target[i]
            elif action == "duplicate":  # the same object is dumped as an anchor and an alias
                target.append(target[i] if draw(st.booleans()) else copy.deepcopy(target[i]))
            else:
                target[i] = draw(VALUES)
        else:
            target.append(draw(VALUES))
    return data


def damage_text(text: str, draw: st.DrawFn) -> str:
    """Random textual damage that YAML dumping cannot produce: tags, aliases, broken lines."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "cut", "tag", "indent"]))
        if action == "insert":
            lines.insert(i, draw(YAML_TEXT))
        elif action == "delete" and lines:
            del lines[i]
        elif action == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif action == "cut" and lines:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif action == "tag" and lines and ": " in lines[i]:
            key, _, value = lines[i].partition(": ")
            tag = draw(st.sampled_from(["!!python/object/apply:os.system", "!!python/name:os.system", "!!set",
                                        "!!binary", "!!omap", "!custom", "&anchor", "*anchor", "!!str", "!!int"]))
            lines[i] = f"{key}: {tag} {value}"
        elif action == "indent" and lines:
            lines[i] = " " * draw(st.integers(1, 8)) + lines[i]
    return "\n".join(lines)


@st.composite
def stores(draw: st.DrawFn) -> str:
    """YAML text: a plausible store damaged at random, or arbitrary YAML-like text."""
    if draw(st.integers(0, 4)) == 0:
        return draw(YAML_TEXT)
    data = mutate(mini_data(), draw)
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, None, True])), width=10 ** 6)
    return damage_text(text, draw) if draw(st.booleans()) else text


def assert_problems_are_positioned(problems: list[Any], path: Path, text: str = "") -> None:
    """Every problem is one `path:line:col: message` line, whatever keys and values the YAML
    (`text`, kept in failure reports) holds."""
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line, line
        assert line.startswith(str(path)) and PROBLEM_LINE.match(line), line
        assert problem.location.line >= 0 and problem.location.column >= 0


def write_and_read(text: str) -> tuple[Path, Any, list[Any], tempfile.TemporaryDirectory]:
    folder = tempfile.TemporaryDirectory()
    write_store(Path(folder.name))  # the document the mini store cites
    path = Path(folder.name) / "store.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    store, problems = read_store([path])
    return path, store, problems, folder


@given(text=stores())
def test_store_loader_reports_any_yaml_as_positioned_problems(text: str) -> None:
    path, store, problems, folder = write_and_read(text)
    with folder:
        assert_problems_are_positioned(problems, path, text)
        assert (store is None) == any(p.severity == "error" for p in problems)
        try:
            loaded = load_store([path])
        except StoreError as exc:
            assert store is None
            assert_problems_are_positioned(list(exc.problems), path, text)
            return
        assert store is not None and loaded.statements == store.statements
        assert_problems_are_positioned(citation_problems(loaded), path)
        index = build_index(loaded)  # whatever a valid store holds can be indexed and checked
        assert check("Acme agreed to buy Initech for $2 billion", index, today=TODAY).verdict in VERDICTS


@given(text=st.one_of(stores(), YAML_TEXT))
def test_yaml_parser_raises_only_store_errors(text: str) -> None:
    try:
        document = parse_yaml(text, "x.yaml")
    except StoreError as exc:
        assert exc.location.path == "x.yaml" and "\n" not in exc.message
        return
    for where in document.positions.values():
        assert where >= (1, 1)


@settings(max_examples=15)
@given(text=stores())
def test_validate_cli_on_any_store(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_store(Path(folder))
        path = Path(folder) / "store.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        runner = CliRunner()
        result = runner.invoke(cli, ["validate", "--store", str(path)])
        assert_clean_exit(result, (0, 2))
        assert all(line.startswith(str(path)) and PROBLEM_LINE.match(line) for line in lines_of(result.stdout))
        checked = runner.invoke(cli, ["check", "--store", str(path), "--fail-on", "none", "Acme bought Initech"])
        assert_clean_exit(checked, (0, 2))
        if result.exit_code == 0:  # a store that validates can be used
            assert checked.exit_code == 0, checked.output


def same_nodes(a: yaml.Node, b: yaml.Node) -> bool:
    if type(a) is not type(b) or a.tag != b.tag or a.start_mark.index != b.start_mark.index:
        return False
    if isinstance(a, yaml.ScalarNode):
        return a.value == b.value
    if isinstance(a, yaml.SequenceNode):
        return len(a.value) == len(b.value) and all(map(same_nodes, a.value, b.value))
    return len(a.value) == len(b.value) and all(
        same_nodes(k1, k2) and same_nodes(v1, v2) for (k1, v1), (k2, v2) in zip(a.value, b.value))


@given(value=VALUES, flow=st.sampled_from([False, None, True]))
def test_our_composer_builds_what_pyyaml_builds(value: Any, flow: bool | None) -> None:
    """The store loader composes YAML itself (without recursion); for ordinary documents that must
    give exactly PyYAML's nodes: same tags, values and positions."""
    from factcheck.yaml_loader import _compose, _Loader

    text = yaml.safe_dump({"value": value, "again": value}, default_flow_style=flow, allow_unicode=True)
    assert same_nodes(_compose(text, "x.yaml"), yaml.compose(text, Loader=_Loader))


def read_by_nodes(text: str) -> YamlDocument | StoreError:
    """What the general reader (the node graph, then data from it) makes of a text."""
    from factcheck.yaml_loader import _Builder, _compose

    try:
        node = _compose(text, "x.yaml")
        document = YamlDocument("x.yaml", None)
        if node is not None:
            document.data = _Builder(document).build(node, (), 0)
        return document
    except (StoreError, yaml.YAMLError, UnicodeEncodeError) as exc:
        return exc if isinstance(exc, StoreError) else StoreError("unreadable", "x.yaml")


@given(text=st.one_of(stores(), YAML_TEXT, st.builds(
    lambda value, flow: yaml.safe_dump({"value": value, "again": value}, default_flow_style=flow, allow_unicode=True),
    VALUES, st.sampled_from([False, None, True]))))
def test_the_plain_reader_reads_as_the_node_graph_does(text: str) -> None:
    """Plain files skip the node graph (`_read_plain`); what they read must be exactly what the
    general reader reads, records included, and anything else must be left to it."""
    from factcheck.yaml_loader import _read_plain

    plain = _read_plain(text, "x.yaml")
    if plain is None:
        return
    general = read_by_nodes(text)
    assert isinstance(general, YamlDocument)
    assert repr(plain.data) == repr(general.data)  # repr: a NaN is not equal to itself
    assert (plain.positions, plain.written, plain.duplicate_keys) == \
        (general.positions, general.written, general.duplicate_keys)
    assert repr(list(plain.converted_keys.items())) == repr(list(general.converted_keys.items()))


@given(depth=st.integers(MAX_DEPTH + 2, 200_000), opening=st.sampled_from(["[", "{a: ", "- ", "a:\n  "]))
def test_deep_nesting_is_refused_quickly_in_every_style(depth: int, opening: str) -> None:
    text = opening * depth if opening != "a:\n  " else "".join("  " * i + "a:\n" for i in range(min(depth, 3000)))
    try:
        parse_yaml(text, "deep.yaml")
    except StoreError as exc:  # the project's refusal, whichever parser layer stopped first
        assert exc.message == f"refused: nested deeper than {MAX_DEPTH} levels"
    else:
        raise AssertionError("deep nesting was accepted")


# --- fixtures hypothesis can share between examples ---------------------------------------------

@pytest.fixture(scope="module")
def mini_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini store, written once for all examples of a test (tmp_path is per test, not per example)."""
    return write_store(tmp_path_factory.mktemp("mini"))

