"""Text output at a terminal of 60, 80 and 120 columns: folded at spaces with hanging indents,
words never broken, ids and URLs whole. Rendered by rich at a fixed width (COLUMNS, with
FORCE_COLOR standing for the terminal) and compared as plain text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.reporters.styled import fold

ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")
"""Rich's styles and hyperlinks: what remains is what the reader sees."""
ID = "acme-initech-2021-03-acquisition"
URL = "https://gazette.example/acme-globex"
CLAIM = "Acme agreed to buy Initech for $2 billion"
SENTENCE = "Acme agreed to buy Initech for $2 billion, according to several people familiar with the matter."


def at_width(monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> list[str]:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(cli, [*args, "--isolated"])
    assert result.exit_code == 1, result.output
    return ESCAPES.sub("", result.stdout).splitlines()


def test_check_at_60_columns(monkeypatch: pytest.MonkeyPatch, mini_store: Path) -> None:
    assert at_width(monkeypatch, 60, "check", "--store", str(mini_store), CLAIM) == [
        "DENIED (score 96)  Acme agreed to buy Initech for $2 billion",
        "  Matched Acme agreed to buy Initech for $2 billion",
        f"          ({ID}, 2021-03;",
        "          recorded as denied)",
        "  Source  Acme and Globex deal — The Gazette, 2021-03-05",
        f"          {URL}",
        "          archived: docs/gazette.txt",
        "          “Acme denied reports that it agreed to buy Initech",
        "            for $2 billion”",
    ]


def test_scan_at_60_columns(monkeypatch: pytest.MonkeyPatch, mini_store: Path, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(SENTENCE + "\n", encoding="utf-8")
    assert at_width(monkeypatch, 60, "scan", "--store", str(mini_store), "draft.md") == [
        "draft.md:1:1: denied: Acme agreed to buy Initech for $2",
        "    billion, according to several people familiar with the",
        "    matter.",
        "    Matched: Acme agreed to buy Initech for $2 billion",
        f"      ({ID}, 2021-03; recorded",
        "      as denied)",
        "    Source: Acme and Globex deal — The Gazette, 2021-03-05",
        f"    {URL}",
        "    “Acme denied reports that it agreed to buy Initech for",
        "      $2 billion”",
    ]


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("command", ["check", "scan"])
def test_no_word_is_broken_and_lines_fit_where_words_allow(monkeypatch: pytest.MonkeyPatch, mini_store: Path,
                                                          tmp_path: Path, width: int, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(SENTENCE + "\n", encoding="utf-8")
    target = CLAIM if command == "check" else "draft.md"
    folded = at_width(monkeypatch, width, command, "--store", str(mini_store), target)
    monkeypatch.delenv("FORCE_COLOR")
    piped = CliRunner().invoke(cli, [command, "--store", str(mini_store), target, "--isolated"]).stdout.splitlines()
    assert " ".join(folded).split() == " ".join(piped).split()  # the same words, none cut in two
    assert all(len(line) <= width or len(line.split()) == 1 for line in folded)
    assert any(ID in line for line in folded) and any(URL in line for line in folded)
    assert len(folded) >= len(piped)


def test_a_word_longer_than_the_line_stays_whole_on_its_own_line() -> None:
    lines = fold([("  ", ""), ("Source", "bold"), (f"  see {URL}/{'x' * 40} now", "")], 30, 10)
    assert ["".join(text for text, _ in line) for line in lines] == [
        "  Source  see", f"          {URL}/{'x' * 40}", "          now"]
