"""Reading an article: its prose sentences, each with where it stands in the original file.

Markdown is parsed with markdown-it (CommonMark, plus tables, strikethrough and front matter: YAML
`---` through mdit-py-plugins, TOML `+++` as Hugo writes it), so code blocks, inline code, HTML,
link targets, images and front matter never reach the checker.
Sentences come from sentencex, a maintained rule-based segmenter that knows abbreviations such as
"Corp." and "U.S.", rather than from a hand-made regex. Positions are 1-based lines and columns
counted in characters of the decoded file (a BOM is not a column; CRLF is one line end), the
convention editors and `path:line:col` tools follow; `end_column` is the column just after the
sentence's last character, as in SARIF.

A reviewer silences findings with HTML comments, the convention Markdown linters share (they are
invisible in rendered Markdown and harmless in plain text):

- `<!-- factcheck: ignore -->` on a line of its own silences the next non-blank line; at the end of
  a line of text, that line.
- `<!-- factcheck: disable -->` … `<!-- factcheck: enable -->` silences every line in between
  (to the end of the file when there is no `enable`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Callable, Sequence

import sentencex
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import InputError, line_column

LANGUAGE = "en"
PLAIN_TEXT_SUFFIXES = frozenset({".txt", ".text"})
"""Files read as plain text; every other file (and standard input) is read as Markdown."""
DIRECTIVE = re.compile(r"<!--\s*factcheck:\s*(ignore|disable|enable)\s*-->", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,;:!?])")
"""Left where inline code was dropped: "runs `x`." reads "runs." """
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n.*?^\+\+\+[ \t]*$", re.DOTALL | re.MULTILINE)
MAX_NESTING = 60
"""Block levels markdown-it may nest (a quote is one, a list item two, a paragraph one): about 30
nested lists or 60 nested quotes, far beyond any article, well within Python's recursion limit."""
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


@dataclass(frozen=True)
class Sentence:
    text: str
    """The sentence as a reader sees it: markup removed, whitespace collapsed."""
    line: int
    column: int
    end_line: int
    end_column: int
    """The column just after the sentence's last character."""
    ignored: bool = False
    """Silenced by a `factcheck: ignore` or `disable` comment."""


def is_markdown(path: str) -> bool:
    return PurePath(path).suffix.lower() not in PLAIN_TEXT_SUFFIXES


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (BOM dropped, CRLF and CR read as LF); binary files and other encodings are
    refused with the place of the first offending byte, so the writer can find and fix it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text; save the file as UTF-8", path)
    body = data.removeprefix(b"\xef\xbb\xbf")  # a BOM is no column
    nul = body.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(body, nul)
        raise InputError("binary file (NUL byte); scan reads UTF-8 text", path, line, column)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(body, exc.start)
        raise InputError(f"not valid UTF-8 (byte 0x{body[exc.start]:02x}); save the file as UTF-8",
                         path, line, column) from None
    return _lf_line_ends(text)


def _lf_line_ends(text: str) -> str:
    """CRLF and CR line ends read as LF: one convention for `decode` and `read_sentences`."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and character column of a byte offset, counting only the valid text before it (a
    newline byte is never part of a malformed sequence, so lines are the same in bytes)."""
    before = data[:offset].decode("utf-8", errors="replace")
    return line_column(before, len(before))


def read_sentences(text: str, markdown: bool = True, path: str = "<text>") -> list[Sentence]:
    """The prose sentences of decoded article text, in file order.

    Lines end at LF, CRLF or CR, as in `decode` (and in markdown-it, which would otherwise see
    line breaks the positions do not count). Markdown nested too deeply to read is an InputError
    (naming `path`), never prose quietly left out.
    """
    reader = _Reader(_lf_line_ends(text), path)
    if markdown:
        reader.read_markdown()
    else:
        reader.read_plain()
    return reader.sentences()


class _Reader:
    """Collects prose blocks (text with each character's source span) and review comments."""

    def __init__(self, text: str, path: str = "<text>") -> None:
        self.text = text
        self.path = path
        self.lines = text.split("\n")
        self.line_starts = [0]
        for line in self.lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.found: list[tuple[str, int, int, int, int]] = []
        """Each sentence's text, line, column, end line and end column, in file order."""
        self.directives: list[tuple[str, int, int]] = []
        """(kind, start offset, end offset) of each review comment outside code."""

    # -- Markdown -----------------------------------------------------------------------------

    def read_markdown(self) -> None:
        parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
        # Keep escapes and entities as their own tokens: their source text differs from what
        # they stand for, and each token's source text is what finds its place in the file.
        parser.disable("text_join")
        # The plugin knows YAML's `---`; Hugo's TOML `+++` is blanked, keeping lines in place.
        source = _TOML_FRONT_MATTER.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), self.text)
        # markdown-it silently drops whatever is nested deeper than its limit (lists and quotes
        # recurse); a sentence dropped there would pass unchecked, so the file is refused instead.
        parser.options["maxNesting"] = MAX_NESTING
        tokenize = parser.block.tokenize

        def guarded(state: Any, start: int, end: int) -> None:
            if state.level >= MAX_NESTING:
                line = state.skipEmptyLines(start)
                if line < end and state.sCount[line] >= state.blkIndent:
                    offset = state.bMarks[line] + state.tShift[line]
                    raise InputError(f"lists and quotes nested deeper than {MAX_NESTING} levels; scan cannot "
                                     "read them", self.path, line + 1, offset - self.line_starts[line] + 1)
            tokenize(state, start, end)

        parser.block.tokenize = guarded  # nested blocks call it through the parser, so all pass here
        line_cursor: dict[int, int] = {}
        for token in parser.parse(source):
            if token.type == "html_block" and token.map:
                self._block_directives(token)
            elif token.type == "inline" and token.map and token.children is not None:
                self._inline(token, line_cursor)

    def _block_directives(self, token: Token) -> None:
        first = token.map[0]
        for line_number in range(first, token.map[1]):
            line = self.lines[line_number]
            for match in DIRECTIVE.finditer(line):
                start = self.line_starts[line_number] + match.start()
                self.directives.append((match.group(1).lower(), start, start + len(match.group())))

    def _placer(self, token: Token, line_cursor: dict[int, int]) -> tuple[Callable[[int], int], Callable[..., None]]:
        """Maps an index in an inline token's `content` to an offset in the file (and a run of
        indexes to their offsets, for long texts: one step per line instead of per character).

        markdown-it gives the block's first line and its inline source, one content line per
        source line, each found in its source line after list markers, quote markers,
        indentation, or earlier table cells on the same line (`line_cursor`).
        """
        bases: list[int] = []  # file offset of each content line's start
        content_starts: list[int] = []
        offset = 0
        for i, part in enumerate(token.content.split("\n")):
            number = min(token.map[0] + i, len(self.lines) - 1)
            source = self.lines[number]
            found = source.find(part, line_cursor.get(number, 0))
            if found < 0:  # tab expansion in deep indentation: assume the line ends the same
                found = max(0, len(source.rstrip()) - len(part))
            line_cursor[number] = found + len(part)
            bases.append(self.line_starts[number] + found)
            content_starts.append(offset)
            offset += len(part) + 1

        def place(index: int) -> int:
            i = bisect_right(content_starts, index) - 1
            return bases[i] + index - content_starts[i]

        def place_run(start: int, stop: int, starts: list[int], ends: list[int]) -> None:
            """Appends place(i) for i in range(start, stop) to `starts` and one more to `ends`, a
            content line at a time."""
            i = bisect_right(content_starts, start) - 1
            while start < stop:
                end = min(stop, content_starts[i + 1]) if i + 1 < len(content_starts) else stop
                base = bases[i] + start - content_starts[i]
                starts.extend(range(base, base + end - start))
                ends.extend(range(base + 1, base + end - start + 1))
                start, i = end, i + 1

        return place, place_run

    def _inline(self, token: Token, line_cursor: dict[int, int]) -> None:
        """Prose of one paragraph, heading or table cell, each character mapped to the file.

        The children (text, escapes, code, HTML, links …) are found in order in the block's
        inline source, which places every prose character; markup and code add no prose.
        """
        content = token.content
        place, place_run = self._placer(token, line_cursor)
        prose: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        in_autolink = False

        def locate(source: str) -> int:
            nonlocal cursor
            found = content.find(source, cursor)
            found = cursor if found < 0 else found
            cursor = found + len(source)
            return found

        for child in token.children:
            kind = child.type
            if kind == "text" and not in_autolink:
                at = locate(child.content)
                prose.extend(child.content)
                place_run(at, at + len(child.content), starts, ends)
            elif kind == "text_special":  # an escape or entity: its characters span its source
                at = locate(child.markup)
                for char in child.content:
                    prose.append(char)
                    starts.append(place(at))
                    ends.append(place(at + len(child.markup) - 1) + 1)
            elif kind in ("softbreak", "hardbreak"):
                at = locate("\n")
                prose.append("\n")
                starts.append(place(at))
                ends.append(place(at) + 1)
            elif kind == "code_inline":  # a space keeps the words on either side apart
                at = locate(child.markup)
                cursor = _closing_backticks(content, cursor, child.markup)
                prose.append(" ")
                starts.append(place(at))
                ends.append(place(at) + 1)
            elif kind == "html_inline":
                at = locate(child.content)
                match = DIRECTIVE.fullmatch(child.content)
                if match:
                    self.directives.append((match.group(1).lower(), place(at), place(cursor - 1) + 1))
            elif kind in _EMPHASIS:
                locate(child.markup)
            elif kind == "link_open":
                in_autolink = child.markup == "autolink"
                if in_autolink:
                    locate("<")
                    locate(">")
                else:
                    locate("[")
            elif kind == "link_close":
                if not in_autolink:
                    cursor = _after_link_label(content, cursor)
                in_autolink = False
            elif kind == "image":
                at = locate("![")
                cursor = _after_link_label(content, _matching(content, at + 1, "[", "]"))
        self._add_block("".join(prose), starts, ends)

    # -- plain text ---------------------------------------------------------------------------

    def read_plain(self) -> None:
        """Paragraphs are runs of non-blank lines; review comments are blanked out of the prose."""
        for match in DIRECTIVE.finditer(self.text):
            self.directives.append((match.group(1).lower(), match.start(), match.end()))
        masked = DIRECTIVE.sub(lambda m: " " * len(m.group()), self.text)
        for paragraph in _PARAGRAPH.finditer(masked):
            start = paragraph.start()
            self._add_block(paragraph.group(), range(start, paragraph.end()), range(start + 1, paragraph.end() + 1))

    # -- sentences ----------------------------------------------------------------------------

    def _add_block(self, prose: str, starts: Sequence[int], ends: Sequence[int]) -> None:
        """The sentences of one block of prose (`starts` and `ends`: each character's place in
        the file), found as soon as the block is read, so that its positions, one per
        character, are freed with it: a long article is never held that way whole."""
        for boundary in sentencex.get_sentence_boundaries(LANGUAGE, prose):
            begin, end = boundary["start_index"], boundary["end_index"]
            while begin < end and prose[begin].isspace():
                begin += 1
            while end > begin and prose[end - 1].isspace():
                end -= 1
            text = _SPACE_BEFORE_PUNCTUATION.sub("", " ".join(prose[begin:end].split()))
            if _WORD.search(text):
                self.found.append((text, *self._position(starts[begin]), *self._position(ends[end - 1])))

    def sentences(self) -> list[Sentence]:
        """Every sentence, marked ignored once all review comments are known."""
        silenced = self._silenced_lines()
        return [Sentence(text, line, column, end_line, end_column,
                         any(n in silenced for n in range(line, end_line + 1)))
                for text, line, column, end_line, end_column in self.found]

    def _position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def _silenced_lines(self) -> set[int]:
        silenced: set[int] = set()
        disabled_from: int | None = None
        for kind, start, end in sorted(self.directives, key=lambda d: d[1]):
            first, _ = self._position(start)
            last, _ = self._position(end)
            if kind == "disable":
                disabled_from = first if disabled_from is None else disabled_from
            elif kind == "enable":
                if disabled_from is not None:
                    silenced.update(range(disabled_from, last + 1))
                disabled_from = None
            else:
                alone = not (self.lines[first - 1][:start - self.line_starts[first - 1]].strip()
                             or self.lines[last - 1][end - self.line_starts[last - 1]:].strip())
                silenced.add(self._next_non_blank(last) if alone else first)
        if disabled_from is not None:
            silenced.update(range(disabled_from, len(self.lines) + 1))
        return silenced

    def _next_non_blank(self, line: int) -> int:
        for number in range(line + 1, len(self.lines) + 1):
            if self.lines[number - 1].strip():
                return number
        return line


def _closing_backticks(content: str, start: int, fence: str) -> int:
    """The index just after the backtick run of exactly `fence`'s length that closes a code span."""
    index = start
    while True:
        found = content.find(fence, index)
        if found < 0:
            return len(content)
        end = found + len(fence)
        if (found == 0 or content[found - 1] != "`") and (end == len(content) or content[end] != "`"):
            return end
        index = end
        while index < len(content) and content[index] == "`":
            index += 1


def _matching(content: str, start: int, opening: str, closing: str) -> int:
    """The index of the bracket that closes the one at `start`, skipping escaped ones."""
    depth = 0
    index = start
    while index < len(content):
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return len(content)


def _after_link_label(content: str, cursor: int) -> int:
    """Past a link's `]` and its target: `(url "title")`, `[reference]` or nothing."""
    close = content.find("]", cursor)
    if close < 0:
        return cursor
    after = close + 1
    if content.startswith("(", after):
        return _matching(content, after, "(", ")") + 1
    if content.startswith("[", after):
        return _matching(content, after, "[", "]") + 1
    return after
