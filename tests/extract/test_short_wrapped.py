"""A text too short to show its wrap width: a news brief, a note, a short licence.

`wrap_width` needs four wrapped lines inside paragraphs to call a text hard-wrapped; a brief
of a headline over two lines and one wrapped paragraph has three. Its paragraphs are joined
when each is evidently wrapped on its own (`line_ends.wrapped_paragraph_width`), and lines
that are an author's breaks stay lines.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.extract import extract_capture
from revtrack.extract.line_ends import wrapped_paragraph_width
from revtrack.extract.reflow import measured_pairs, wrap_width

CAP = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)

BRIEF = (
    "Council approves the harbour dredging budget after a long debate over\n"
    "costs and the environment\n"
    "\n"
    "The council on Monday approved the dredging budget for the harbour after\n"
    "a debate that ran past midnight, with members split over the cost of the\n"
    "work and its effect on the estuary.\n"
    "\n"
    "The vote was five to four. The mayor said the harbour could not wait.\n"
)


def _read(text: str, name: str = "brief.txt"):
    extraction = extract_capture(text, CAP, name)
    assert len(extraction.articles) == 1
    return extraction.articles[0]


def test_a_brief_too_short_to_measure_is_read_as_its_paragraphs():
    assert wrap_width(BRIEF.splitlines()) is None  # three wrapped lines: too few to measure
    article = _read(BRIEF)
    assert article.headline == (
        "Council approves the harbour dredging budget after a long debate over costs and the environment"
    )
    assert article.body.split("\n\n") == [
        "The council on Monday approved the dredging budget for the harbour after a debate that ran"
        " past midnight, with members split over the cost of the work and its effect on the estuary.",
        "The vote was five to four. The mayor said the harbour could not wait.",
    ]


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        (["Holger Krekel, holger at merlinux eu", "merlinux GmbH, Germany, office at merlinux eu"], "fits"),
        (
            ["The council on Monday approved the budget for the harbour.", "The vote was five to four."],
            "sentences",
        ),
        (["The statement on the harbour was read to the council by Mayor", "Jane Doe of Velmora."], "a name"),
        (
            ["Granite Asia names three new managing partners in Singapore", "Granite Asia names three"],
            "a copy",
        ),
        (["Home", "World news today"], "too narrow"),
    ],
)
def test_an_authors_breaks_are_no_wrapped_paragraph(lines, why):
    pairs = measured_pairs(lines)
    assert all(wrapped_paragraph_width(lines, [n]) is None for n in pairs), why
    article = _read("Notes\n\n" + "\n".join(lines) + "\n")
    assert [p for p in article.body.split("\n\n") if p] == lines


def test_a_german_brief_joins_across_a_capitalised_noun():
    text = (
        "Mehr Transparenz bei Preisanpassungen\n\n"
        "Ob Energie, Finanzen oder Telekommunikation: überall finden\n"
        "sich Preisanpassungsklauseln. Hier informieren wir Sie, was\n"
        "Sie beachten müssen.\n"
    )
    article = _read(text)
    assert article.body == (
        "Ob Energie, Finanzen oder Telekommunikation: überall finden sich Preisanpassungsklauseln."
        " Hier informieren wir Sie, was Sie beachten müssen."
    )


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(min_value=40, max_value=90),
    words=st.lists(
        st.sampled_from(
            "the harbour council voted on monday after a long and heated debate about dredging".split()
        ),
        min_size=12,
        max_size=40,
    ),
)
def test_any_short_wrapped_paragraph_keeps_every_word_and_its_order(width, words):
    paragraph = " ".join(words) + "."
    text = "Harbour news\n\n" + textwrap.fill(paragraph, width) + "\n"
    article = _read(text)
    assert " ".join(f"{article.headline} {article.body}".split()) == f"Harbour news {paragraph}"


def test_a_title_wrapped_narrower_than_its_text_is_one_headline():
    """A PDF's title is typeset in a larger font: wrapped narrower than the text under it, so
    the text's width says its first line ended early. It is read at its own width."""
    body = "\n\n".join(
        textwrap.fill(
            f"Paragraph {k} of the report: the council met on Monday to debate the harbour budget. " * 3, 96
        )
        for k in range(4)
    )
    text = (
        "Alito and Prelogar: The nonstop sparring match\nbetween the justice and the lawyer\n\n"
        "After storm, forecasters see smooth sailing for\nThanksgiving\n\n" + body + "\n"
    )
    assert wrap_width(text.splitlines()) > 90  # the text is hard-wrapped at its own width
    article = _read(text)
    assert (
        article.headline
        == "Alito and Prelogar: The nonstop sparring match between the justice and the lawyer"
    )
    assert article.body.split("\n\n")[0] == "After storm, forecasters see smooth sailing for Thanksgiving"


def test_a_printed_pages_running_head_is_not_the_headline():
    text = (
        "Velmora Gazette\n\nMarch 3, 2024\n\nPort opens its northern terminal\n\nBy Jane Doe\n\n"
        "March 3, 2024\n\nThe port opened its northern terminal on Monday after two years of work.\n"
    )
    article = _read(text)
    assert article.headline == "Port opens its northern terminal"
    assert "Velmora Gazette" in article.body  # kept, not dropped
    # a date alone is no headline either, when the text has a title
    assert _read("March 3, 2024\n\nPort opens\n\nThe port opened on Monday.\n").headline == "Port opens"


@pytest.mark.parametrize("width", [52, 76])
def test_a_wrapped_line_opening_with_an_initial_is_no_list_item(width):
    """ "N. Korea" or "W. Bush" opening a wrapped line goes on the sentence; a lettered list
    ("A. Scope", "B. Terms") still reads item by item."""
    first = (
        "Seoul said on Tuesday that talks with the North would resume next month, and that envoys"
        " from both sides had met in Panmunjom and agreed on a date when N. Korea said it would send"
        " a delegation of five."
    )
    filled = textwrap.fill(first, width)
    assert "\nN. Korea" in filled
    other = textwrap.fill("The talks are the first since 2019, and the agenda has not been set. " * 2, width)
    items = "A. Scope of the talks\nB. Terms of the delegation\nC. Dates and places"
    article = _read(f"Talks to resume\n\n{filled}\n\n{other}\n\n{other}\n\n{items}\n")
    assert article.body.split("\n\n")[0] == first
    assert article.body.split("\n\n")[-3:] == items.split("\n")


def test_a_title_case_headline_over_two_lines_is_one_headline():
    """Title Case breaks before a capital wherever it wraps, so a text's wrapped title in Title
    Case is joined by the width test alone; its byline, and two notices one a line, are not."""
    text = (
        "Intensified Israeli Surveillance Has Put the West\nBank on Lockdown\n\n"
        "The army has set up new checkpoints across the territory, residents said on Monday.\n"
    )
    assert wrap_width(text.splitlines()) is None
    assert _read(text).headline == "Intensified Israeli Surveillance Has Put the West Bank on Lockdown"
    byline = "Mercurial's Journey to and Reflections on Python 3\nBy Jane Doe\n\nThe port opened on Monday.\n"
    assert _read(byline).headline == "Mercurial's Journey to and Reflections on Python 3"
    notices = (
        "Copyright (c) 2015 Vitaly Puzrin, Alex Kocharin.\nCopyright (c) 2021 Taneli Hukkinen\n\nText.\n"
    )
    assert _read(notices).headline == "Copyright (c) 2015 Vitaly Puzrin, Alex Kocharin."
