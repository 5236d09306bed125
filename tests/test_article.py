"""Reading articles: which text is prose, where each sentence stands, and review comments."""

from __future__ import annotations

import pytest

from factcheck.article import Sentence, decode, is_markdown, read_sentences
from factcheck.errors import InputError

ARTICLE = """\
---
title: Acme buys Initech in front matter
---
# Acme *buys* Initech

Acme agreed to buy `Initech Corp` for $2 billion. See [the filing](https://acme.example/buys-initech).
<!-- Acme bought Initech: a hidden note -->

```
Acme bought Initech in a fenced block.
```

    Acme bought Initech in an indented block.

<div>Acme bought Initech in an HTML block.</div>

- Globex set up a joint venture
  in Springfield. It grew.
> Initech denied it. ![Acme logo](https://acme.example/logo.png)

| Company | Deal |
|---------|------|
| Acme | bought Initech |
"""


def texts(sentences: list[Sentence]) -> list[str]:
    return [s.text for s in sentences]


def source_at(text: str, sentence: Sentence) -> str:
    """The file text from the sentence's start to its end, by its reported positions."""
    lines = text.split("\n")
    if sentence.line == sentence.end_line:
        return lines[sentence.line - 1][sentence.column - 1:sentence.end_column - 1]
    middle = lines[sentence.line:sentence.end_line - 1]
    return "\n".join([lines[sentence.line - 1][sentence.column - 1:], *middle,
                      lines[sentence.end_line - 1][:sentence.end_column - 1]])


def test_markdown_prose_only() -> None:
    assert texts(read_sentences(ARTICLE)) == [
        "Acme buys Initech",
        "Acme agreed to buy for $2 billion.",
        "See the filing.",
        "Globex set up a joint venture in Springfield.",
        "It grew.",
        "Initech denied it.",
        "Company", "Deal", "Acme", "bought Initech",
    ]


def test_positions_point_at_the_sentences_in_the_file() -> None:
    found = {s.text: s for s in read_sentences(ARTICLE)}
    assert [(s.line, s.column, s.end_line, s.end_column) for s in found.values()] == [
        (4, 3, 4, 22), (6, 1, 6, 50), (6, 51, 6, 103), (17, 3, 18, 18), (18, 19, 18, 27),
        (19, 3, 19, 21), (21, 3, 21, 10), (21, 13, 21, 17), (23, 3, 23, 7), (23, 10, 23, 24)]
    assert source_at(ARTICLE, found["Acme agreed to buy for $2 billion."]) == \
        "Acme agreed to buy `Initech Corp` for $2 billion."
    assert source_at(ARTICLE, found["Globex set up a joint venture in Springfield."]) == \
        "Globex set up a joint venture\n  in Springfield."
    assert source_at(ARTICLE, found["Initech denied it."]) == "Initech denied it."


def test_toml_front_matter_is_not_prose() -> None:
    text = '+++\ntitle = "Acme buys Initech"\n+++\n\nAcme signed.\n'
    assert [(s.text, s.line) for s in read_sentences(text)] == [("Acme signed.", 5)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Acme Corp. agreed with the U.S. regulator on Jan. 5. Mr. Smith left."
    assert texts(read_sentences(text)) == ["Acme Corp. agreed with the U.S. regulator on Jan. 5.",
                                           "Mr. Smith left."]


def test_escapes_and_entities_are_read_as_characters_and_span_their_source() -> None:
    text = "Acme &amp; Globex \\*did not\\* sign.\n"
    [sentence] = read_sentences(text)
    assert sentence.text == "Acme & Globex *did not* sign."
    assert (sentence.column, sentence.end_column) == (1, len("Acme &amp; Globex \\*did not\\* sign.") + 1)


def test_crlf_cr_and_bom_keep_lines_and_columns() -> None:
    plain = read_sentences(decode(ARTICLE.encode(), "a.md"))
    windows = read_sentences(decode(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode(), "a.md"))
    classic_mac = read_sentences(decode(ARTICLE.replace("\n", "\r").encode(), "a.md"))
    assert windows == plain
    assert classic_mac == plain


def test_inline_code_keeps_the_words_around_it_apart() -> None:
    assert texts(read_sentences("Acme`::`Initech signed.")) == ["Acme Initech signed."]


def test_columns_count_characters_not_bytes() -> None:
    [_, sentence] = read_sentences(decode("Über café. Acme signed.\n".encode(), "a.md"))
    assert (sentence.line, sentence.column, sentence.end_column) == (1, 12, 24)


def test_plain_text_reads_every_line_as_prose() -> None:
    text = "    Acme bought Initech.\n\n# Not a heading\n`not code`\n"
    sentences = read_sentences(text, markdown=False)
    assert texts(sentences) == ["Acme bought Initech.", "# Not a heading `not code`"]
    assert (sentences[0].line, sentences[0].column, sentences[1].line, sentences[1].end_line) == (1, 5, 3, 4)


def ignored(text: str, markdown: bool = True) -> list[str]:
    return [s.text for s in read_sentences(text, markdown) if s.ignored]


def test_ignore_comment_silences_the_next_non_blank_line() -> None:
    text = "One.\n<!-- factcheck: ignore -->\n\nTwo. Three.\n\nFour.\n"
    assert ignored(text) == ["Two.", "Three."]


def test_ignore_comment_after_text_silences_its_own_line() -> None:
    text = "One. <!-- factcheck: ignore -->\nTwo.\n"
    assert ignored(text) == ["One."]
    assert texts(read_sentences(text)) == ["One.", "Two."]


def test_ignore_comment_covers_a_sentence_that_starts_on_an_earlier_line() -> None:
    text = "One\ncontinues.\n\n<!-- factcheck: ignore -->\nTwo\ncontinues.\n"
    assert ignored(text) == ["Two continues."]


def test_disable_enable_block() -> None:
    text = "One.\n\n<!-- factcheck: disable -->\nTwo.\n\nThree.\n<!-- factcheck: enable -->\n\nFour.\n"
    assert ignored(text) == ["Two.", "Three."]


def test_disable_without_enable_runs_to_the_end() -> None:
    assert ignored("One.\n\n<!-- FactCheck: Disable -->\n\nTwo.\n\nThree.\n") == ["Two.", "Three."]


def test_comments_in_code_are_not_directives() -> None:
    text = "```\n<!-- factcheck: ignore -->\n```\nOne.\n\n`<!-- factcheck: disable -->` Two.\n"
    assert ignored(text) == []


def test_directives_in_plain_text() -> None:
    text = "<!-- factcheck: ignore -->\nOne.\nTwo. <!-- factcheck: ignore -->\nThree.\n"
    assert ignored(text, markdown=False) == ["One.", "Two."]
    assert texts(read_sentences(text, markdown=False)) == ["One.", "Two.", "Three."]


def test_markdown_or_plain_by_suffix() -> None:
    assert [is_markdown(p) for p in ("a.md", "a.markdown", "a.TXT", "a.text", "<stdin>")] == \
        [True, True, False, False, True]


@pytest.mark.parametrize("data, message, line, column", [
    (b"Acme\nbo\x00ught\n", "binary file (NUL byte); scan reads UTF-8 text", 2, 3),
    (b"\xef\xbb\xbfAcme\nca\xc3\xa9 \xff\n", "not valid UTF-8 (byte 0xff); save the file as UTF-8", 2, 5),
    ("Acme".encode("utf-16"), "UTF-16 text; save the file as UTF-8", 0, 0),
])
def test_unreadable_text_names_file_and_place(data: bytes, message: str, line: int, column: int) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "drafts/a.md")
    error = caught.value
    assert (error.message, error.location.path, error.location.line, error.location.column) == \
        (message, "drafts/a.md", line, column)
