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


def _words_kept(text: str, article) -> bool:
    held = set(WORD.findall(f"{article.headline}\n{article.body}"))
    return not set(WORD.findall(text)) - held


def test_jekyll_front_matter_is_read_by_a_yaml_parser():
    """Real posts (gatsby-starter-lumen's) quote a description over two lines, list their tags and
    date themselves as Jekyll does ("+0100" after a space): the line reader gave up on the
    unindented second line and took ``title: ...`` for the headline, and the date was unread."""
    post = (
        f'---\ntitle: {TITLE}\ndate: 2024-03-05 14:30:00 +0100\ntemplate: "post"\ntags:\n'
        '  - "Harbour"\n  - "Council"\ndescription: "The pier closes. Traders ask\n'
        'for a walkway."\nauthor:\n  name: Jane Doe\n---\n\n'
        f"{BODY}\n"
    )
    extraction = extract_capture(post, CAPTURED, "2024-03-05-pier.md")
    (article,) = extraction.articles
    assert (article.headline, article.byline) == (TITLE, "Jane Doe")
    assert article.published.value.isoformat() == "2024-03-05T13:30:00+00:00"
    assert _words_kept(post, article) and extraction.accounting.kept_share == 1.0
    # a title alone between fences is front matter too (Hexo's and Docusaurus's pages)
    (alone,) = extract_capture(f"---\ntitle: {TITLE}\n---\n\n{BODY}\n", CAPTURED, "page.md").articles
    assert alone.headline == TITLE


def test_hugo_toml_front_matter_names_the_headline_and_date():
    post = f'+++\ntitle = "{TITLE}"\ndate = 2024-03-05T14:30:00+01:00\ndraft = false\n+++\n\n{BODY}\n'
    (article,) = extract_capture(post, CAPTURED, "pier.md").articles
    assert article.headline == TITLE and _words_kept(post, article)
    assert article.published.value.isoformat() == "2024-03-05T13:30:00+00:00"
    assert "TOML front matter" in read_page(post, CAPTURED).why


def test_nikola_and_org_metadata_lines_name_the_headline():
    for head in (f".. title: {TITLE}\n.. slug: pier\n.. date: 2024/03/05 14:30:00", f"#+TITLE: {TITLE}"):
        text = f"{head}\n\n{BODY}\n"
        (article,) = extract_capture(text, CAPTURED, "pier.rst").articles
        assert article.headline == TITLE and _words_kept(text, article), head
    nikola = extract_capture(
        f".. title: {TITLE}\n.. date: 2024/03/05 14:30:00\n\n{BODY}\n", CAPTURED, "p.rst"
    )
    # a time without a zone is not placed in the day (as on a page): the day is what is known
    assert nikola.articles[0].published.iso() == "2024-03-05"


def test_fences_around_prose_or_hostile_yaml_are_no_front_matter():
    """A rule above and below a paragraph names no title; a block of aliases that would print
    as gigabytes is read without printing it (a key or title that is no text is passed over)."""
    ruled = f"---\nThe pier closes: traders object.\n---\n\n{BODY}\n"
    assert extract_capture(ruled, CAPTURED, "a.md").articles[0].headline == "The pier closes: traders object."
    bomb = "".join(f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 9)}]\n" for k in range(1, 12))
    hostile = f"---\nl0: &l0 [x]\n{bomb}? *l11\n: value\ntitle: *l11\n---\n\n{BODY}\n"
    (article,) = extract_capture(hostile, CAPTURED, "b.md").articles
    assert article.headline != "" and len(article.headline) < 200 and _words_kept(BODY, article)


def test_asciidoc_mediawiki_and_textile_headings_are_headlines_without_their_marks():
    """ "= Title" (AsciiDoc), "== Title ==" (MediaWiki) and "h1. Title" (Textile) were the headline,
    marks and all; the line still counts as kept."""
    for heading in (f"= {TITLE}", f"== {TITLE} ==", f"h1. {TITLE}"):
        extraction = extract_capture(f"{heading}\n\n{BODY}\n", CAPTURED, "pier.txt")
        assert [a.headline for a in extraction.articles] == [TITLE], heading
        assert extraction.accounting.kept_share == 1.0 and not extraction.accounting.dropped
