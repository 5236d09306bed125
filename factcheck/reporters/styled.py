"""Lines of styled segments, written with rich on a terminal and as plain text elsewhere.

Reporters build each line once, as (text, style) segments. At a terminal rich draws them: colour
(unless NO_COLOR), bold, hyperlinks. Piped into a file, a CI log or another program, the text is
written as it is and rich is never imported: it would cost more start-up than the check itself.
FORCE_COLOR asks for rich's output even when piped.
"""

from __future__ import annotations

import os
import re
from typing import IO, Protocol, Sequence

from ..errors import printable

Segment = tuple[str, str]
"""Text and a rich style ("" for none; "link URL" makes a hyperlink)."""


class LineWriter(Protocol):
    def __call__(self, segments: Sequence[Segment], hang: int | None = None) -> None: ...


def line_writer(out: IO[str]) -> LineWriter:
    """A function writing one line of segments to `out`, styled only where styles can show.

    At a terminal a long line folds at spaces to the terminal's width, each further
    line indented by `hang` spaces (by default as far as the line's own indentation): a word is
    never broken, and one longer than the room, an id or a URL, overflows whole, so it can be
    copied. Piped, lines are never folded: a `path:line:col` stays one greppable line.

    Text from claims, articles and stores is made printable here, in both cases: a segment is
    shown as written, whatever brackets or control characters it holds.
    """
    if not (out.isatty() or os.environ.get("FORCE_COLOR")):
        def plain(segments: Sequence[Segment], hang: int | None = None) -> None:
            out.write(printable("".join(text for text, _ in segments)) + "\n")
        return plain

    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True)  # lines are folded here, not by rich

    def styled(segments: Sequence[Segment], hang: int | None = None) -> None:
        shown = [(printable(text), style) for text, style in segments]
        for line in fold(shown, console.width, hang):
            console.print(Text.assemble(*(
                (text, Style(link=style[5:]) if style.startswith("link ") else style) for text, style in line)))
    return styled


_SPACES = re.compile(r"( +)")


def fold(segments: Sequence[Segment], width: int, hang: int | None = None) -> list[list[Segment]]:
    """A line of segments folded at spaces into lines of at most `width` cells where the words
    allow; the lines after the first start with `hang` spaces (default: the line's indentation).
    Spaces where a line is folded are dropped; a word is kept whole even when it is wider than a
    line (it is then alone on its line, after the indentation)."""
    from rich.cells import cell_len

    pieces = [(piece, style) for text, style in segments for piece in _SPACES.split(text) if piece]
    text = "".join(piece for piece, _ in pieces)
    if hang is None:
        hang = len(text) - len(text.lstrip(" "))
    lines: list[list[Segment]] = [[]]
    used = 0
    word: list[Segment] = []
    gap: list[Segment] = []

    def place() -> None:
        nonlocal used, word, gap
        word_width = sum(cell_len(p) for p, _ in word)
        gap_width = sum(cell_len(p) for p, _ in gap)
        if lines[-1] and used + gap_width + word_width > width and any(p.strip() for p, _ in lines[-1]):
            lines.append([(" " * hang, "")] if hang else [])
            used = hang
        else:
            lines[-1].extend(gap)
            used += gap_width
        lines[-1].extend(word)
        used += word_width
        word, gap = [], []

    for piece, style in pieces:
        if piece.startswith(" "):
            if word:
                place()
            gap.append((piece, style))
        else:
            word.append((piece, style))
    if word:
        place()
    elif gap and not any(p.strip() for line in lines for p, _ in line):
        lines[-1].extend(gap)  # a line of spaces only stays as it was
    return lines
