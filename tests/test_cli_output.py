"""Store text shown as written in `search`, JSON through one writer, small renders, date options."""

from __future__ import annotations

import contextlib
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.matching import check
from factcheck.reporters.text import TextReporter

from conftest import MINI_STORE, write_store

ODD_CLAIM = r'Acme [/] said [link=https://evil.example]Initech[/link] [bold]rose[/bold]\e[31m\u2028today :smile:'
"""A claim (YAML double-quoted) with rich markup, an escape character and a line separator."""
ODD_STORE = MINI_STORE + f"""\
  - id: acme-initech-2021-04-odd
    claim: "{ODD_CLAIM}"
    verdict: supported
    parties: [acme, initech]
    date: 2021-04
    citations: [{{source: gazette, quote: "Acme and Globex set up a joint venture in Springfield"}}]
"""
SHOWN_CLAIM = r"Acme [/] said [link=https://evil.example]Initech[/link] [bold]rose[/bold]\x1b[31m"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def odd_store(tmp_path: Path) -> Path:
    return write_store(tmp_path, ODD_STORE)


class _Terminal:
    """A stream that says it is a terminal and otherwise is the stream it wraps."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class TerminalRunner(CliRunner):
    """A runner whose standard output claims to be a terminal (through `isolation`, click's public
    hook, not the private class of the stream it captures into)."""

    @contextlib.contextmanager
    def isolation(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with super().isolation(*args, **kwargs) as streams:
            captured, sys.stdout = sys.stdout, _Terminal(sys.stdout)
            try:
                yield streams
            finally:
                sys.stdout = captured


def test_search_at_a_terminal_shows_store_text_as_written(odd_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is drawn only when standard output is a terminal (FORCE_COLOR does not ask for
    it): the runner's output stream claims to be one."""
    monkeypatch.setenv("COLUMNS", "400")
    result = TerminalRunner().invoke(cli, ["search", "--store", str(odd_store), "--party", "acme", "--party", "initech"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "verdict" in result.stdout.splitlines()[0]  # the table, not tab-separated lines
    assert "acme-initech-2021-04-odd" in result.stdout
    assert SHOWN_CLAIM in result.stdout
    assert "\x1b[31m" not in result.stdout  # the store's escape sequence is shown, not obeyed
    assert "\u2028" not in result.stdout
    assert "\x1b]8;" not in result.stdout  # no hyperlink made from the store's [link=…]


def test_search_piped_still_gives_tab_separated_lines(runner: CliRunner, odd_store: Path) -> None:
    result = runner.invoke(cli, ["search", "--store", str(odd_store), "--party", "acme", "--party", "initech"])
    assert result.exit_code == 0
    assert "\tacme-initech-2021-04-odd\tsupported\t2021-04\tAcme [/] said" in result.stdout


def test_search_json_lines_keep_one_record_per_line(runner: CliRunner, odd_store: Path) -> None:
    result = runner.invoke(cli, ["search", "--store", str(odd_store), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records][-1] == "acme-initech-2021-04-odd"
    assert records[-1]["claim"].endswith("\x1b[31m\u2028today :smile:")
    assert "\\u2028" in result.stdout and "\u2028" not in result.stdout


@pytest.mark.parametrize("args", [["search", "--format", "json"], ["show", "acme-initech-2021-04-odd", "--format", "json"],
                                  ["export", "--reviewer-name", "Desk", "--reviewer-url", "https://desk.example",
                                   "--review-url", "https://desk.example/{id}"]])
def test_json_documents_escape_line_separators(runner: CliRunner, odd_store: Path, args: list[str]) -> None:
    result = runner.invoke(cli, [*args, "--store", str(odd_store)])
    assert result.exit_code == 0, result.output
    assert "\u2028" not in result.stdout and "\\u2028" in result.stdout
    assert "[/]" in result.stdout
    json.loads(result.stdout)


def test_text_rendering_sends_only_text_back_from_workers(mini_index) -> None:  # noqa: ANN001
    result = check("Acme agreed to buy Initech for $2 billion", mini_index)
    assert result.match is not None and result.citations
    rendered = TextReporter(sys.stdout).render(result)
    assert all(isinstance(text, str) and isinstance(style, str) for _, line in rendered for text, style in line)
    assert b"factcheck" not in pickle.dumps(rendered)  # no Statement, Source or CheckResult inside


@pytest.fixture
def mini_index(mini_store: Path):  # noqa: ANN201
    from factcheck.index import build_index
    from factcheck.store import load_store

    return build_index(load_store([mini_store]))


@pytest.mark.parametrize("args", [["search", "--since", "2021-13"], ["search", "--until", "20"],
                                  ["add-source", "x", "--published", "2021-02-30"]])
def test_malformed_dates_are_usage_errors(runner: CliRunner, mini_store: Path, args: list[str]) -> None:
    result = runner.invoke(cli, [*args, "--store", str(mini_store)])
    assert result.exit_code == 2
    assert "is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY" in result.stderr
