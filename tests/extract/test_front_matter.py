"""A plain text's opening block of fields names its headline, date and author."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime

from revtrack.extract import extract_capture
from revtrack.extract.page import read_page

CAPTURED = datetime(2026, 3, 1, tzinfo=UTC)
WORD = re.compile(r"\w+")
BODY = textwrap.fill(
    "The harbour authority voted on Tuesday to close the old ferry pier for two years, after "
    "engineers found that the timber piles under the waiting room had rotted through. Traders "
    "on the front asked for a temporary walkway and were told it would not pass inspection.",
    72,
)
TITLE = "Old ferry pier to close for two years"


def _read(text: str):
    extraction = extract_capture(text, CAPTURED, "post.md")
    assert extraction.layout == "plain" and len(extraction.articles) == 1
    article = extraction.articles[0]
    # every word of the file is kept: the block stays in the body
    held = WORD.findall(f"{article.headline}\n{article.body}")
    assert not set(WORD.findall(text)) - set(held)
    fields = text.split("\n\n")[0].strip("-\n").splitlines()
    assert all(field.strip() in article.body.split("\n\n") for field in fields if field[:1] != " ")
    return article


def test_yaml_front_matter_names_the_headline_date_and_author():
    post = (
        f'---\ntitle: "{TITLE}"\ndate: 2024-03-03T10:00:00Z\nauthor: Jane Doe\ntags: [news]\n---\n\n{BODY}\n'
    )
    article = _read(post)
    assert (article.headline, article.byline) == (TITLE, "Jane Doe")
    assert article.published.value.isoformat() == "2024-03-03T10:00:00+00:00"
    assert "YAML front matter" in read_page(post, CAPTURED).why


def test_mail_headers_name_the_subject_sender_and_date():
    mail = (
        "From: Jane Doe <jane@example.org>\nTo: desk@example.org\n"
        f"Subject: {TITLE}\nDate: Sun, 3 Mar 2024 10:00:00 -0500\n\n{BODY}\n"
    )
    article = _read(mail)
    assert (article.headline, article.byline) == (TITLE, "Jane Doe")
    assert article.published.value.isoformat() == "2024-03-03T15:00:00+00:00"


def test_a_pep_header_names_its_title_not_its_number():
    pep = f"PEP: 9999\nTitle: {TITLE}\nAuthor: Jane Doe <jane@example.org>,\n    Bo Li <bo@example.org>\n\n{BODY}\n"
    article = _read(pep)
    assert (article.headline, article.byline) == (TITLE, "Jane Doe")


def test_a_field_like_first_sentence_is_no_block():
    """ "Note: ..." over a paragraph is a sentence, and one field names no headline."""
    for text in (f"Note: the council met on Tuesday.\n\n{BODY}\n", f"Title: {TITLE}\n\n{BODY}\n"):
        article = extract_capture(text, CAPTURED, "note.txt").articles[0]
        assert article.headline == text.splitlines()[0]


def test_a_markdown_heading_is_the_headline_without_its_marks_and_nothing_is_dropped():
    """ "# Old ferry pier..." read as the headline, "#" and all; without the marks, the line
    must still count as kept (it once showed as dropped: 1.000 -> 0.998 kept)."""
    extraction = extract_capture(f"# {TITLE}\n\n{BODY}\n\n## Reaction ##\n\n{BODY}\n", CAPTURED, "post.md")
    assert [a.headline for a in extraction.articles] == [TITLE]
    assert extraction.accounting.kept_share == 1.0 and not extraction.accounting.dropped
