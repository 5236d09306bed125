"""Lines of styled segments, written with rich on a terminal and as plain text elsewhere.

Reporters build each line once, as (text, style) segments. At a terminal rich draws them: colour
(unless NO_COLOR), bold, hyperlinks. Piped into a file, a CI log or another program, the text is
written as it is and rich is never imported: it would cost more start-up than the check itself.
FORCE_COLOR asks for rich's output even when piped.
"""

from __future__ import annotations

import os
from typing import IO, Callable, Sequence

from ..errors import printable

Segment = tuple[str, str]
"""Text and a rich style ("" for none; "link URL" makes a hyperlink)."""
LineWriter = Callable[[Sequence[Segment]], None]


def line_writer(out: IO[str], wrap: bool = True) -> LineWriter:
    """A function writing one line of segments to `out`, styled only where styles can show.
    `wrap`: long lines fold at the terminal's width (else they stay whole, to stay clickable).

    Text from claims, articles and stores is made printable here, in both cases: a segment is
    shown as written, whatever brackets or control characters it holds.
    """
    if not (out.isatty() or os.environ.get("FORCE_COLOR")):
        def plain(segments: Sequence[Segment]) -> None:
            out.write(printable("".join(text for text, _ in segments)) + "\n")
        return plain

    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=not wrap)

    def styled(segments: Sequence[Segment]) -> None:
        console.print(Text.assemble(*(
            (printable(text), Style(link=style[5:]) if style.startswith("link ") else style)
            for text, style in segments)))
    return styled
