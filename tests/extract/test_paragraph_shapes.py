"""Paragraph shapes of hard-wrapped text that were read line by line: a first-line indent with
no blank line between paragraphs (typewriter and wire copy, by spaces or a tab), and a quoted
e-mail whose "> " marks stood inside the joined sentences."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from revtrack.extract import extract_capture

CAP = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
SEED = Path(__file__).resolve().parents[2] / "seeds" / "002_5eccaf2dbc9bcebc.txt"
ARTICLE = extract_capture(SEED.read_text(), CAP, SEED.name).articles[0]
PARAGRAPHS = [p for p in ARTICLE.body.split("\n\n") if len(p.split()) >= 25]


@pytest.mark.parametrize("indent", ["   ", "     ", "\t"])
def test_a_first_line_indent_opens_each_paragraph(indent):
    body = "\n".join(textwrap.fill(p, 68, initial_indent=indent) for p in PARAGRAPHS)
    text = f"{ARTICLE.headline}\n\n{body}\n"
    (article,) = extract_capture(text, CAP, "wire.txt").articles
    assert article.body.split("\n\n") == PARAGRAPHS


def test_a_quoted_mail_joins_its_lines_without_their_quote_marks():
    quoted = "\n>\n".join(
        textwrap.fill(p, 70, initial_indent="> ", subsequent_indent="> ") for p in PARAGRAPHS
    )
    text = f"From: a@example.org\nSubject: Fwd: {ARTICLE.headline}\n\nSee below.\n\n{quoted}\n"
    (article,) = extract_capture(text, CAP, "mail.txt").articles
    paragraphs = [p for p in article.body.split("\n\n") if p.startswith("> ") and len(p) > 2]
    assert paragraphs == [f"> {p}" for p in PARAGRAPHS]


def test_an_indented_block_over_its_text_stays_apart_when_the_line_is_short():
    """A short indented line (a dateline, an address) is the author's break, indent or not."""
    text = (
        f"{ARTICLE.headline}\n\n   SEOUL, May 1\n"
        + "\n".join(textwrap.fill(p, 68) for p in PARAGRAPHS[:3])
        + "\n"
    )
    (article,) = extract_capture(text, CAP, "wire.txt").articles
    assert article.body.split("\n\n")[0] == "SEOUL, May 1"
