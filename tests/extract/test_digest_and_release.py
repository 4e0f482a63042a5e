"""Two genres of plain text news people save: the digest (several dated stories in one text)
and the press release (a release line and a contact block above the headline)."""

from __future__ import annotations

import collections
import re
import textwrap
from datetime import UTC, datetime

import pytest

from revtrack.extract import extract_capture

CAP = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
WORD = re.compile(r"\w+")

STORIES = [
    (
        "Pier to close for six weeks",
        [
            "The council said on Monday that the north pier will close for repairs from next week, after "
            "divers found cracks in three of its supporting piles during a routine inspection.",
            "The repairs will cost about two million and the ferry to the islands will leave from the "
            "south quay until the work is done, the harbour master said.",
        ],
    ),
    (
        "Ferry fares to rise by a tenth?",
        [
            "The island ferry operator has asked the regulator to let it raise fares by a tenth from April, "
            "blaming the price of fuel and the cost of the new crew rules.",
            "Season tickets would not change, and children under twelve would still travel free, the "
            "operator said in its filing, which the regulator will decide on next month.",
        ],
    ),
    (
        "School reopens after the storm",
        [
            "The primary school on the coast road reopened on Thursday, a week after the storm tore part "
            "of its roof away and flooded two classrooms and the hall.",
            "Parents helped volunteers clear the building over the weekend, and the county paid for a "
            "temporary roof while the insurers assess the damage, the head teacher said.",
        ],
    ),
]


def _words(text: str) -> collections.Counter:
    return collections.Counter(WORD.findall(text))


def _digest(byline: bool = False, width: int = 0) -> str:
    parts = ["The Harbour Weekly, issue 42\n\nThis week's stories, and one correction.\n"]
    for n, (headline, paragraphs) in enumerate(STORIES):
        body = "\n\n".join(textwrap.fill(p, width) if width else p for p in paragraphs)
        by = "By Jane Doe\n" if byline else ""
        parts.append(f"{headline}\nMarch {3 + n}, 2024\n{by}\n{body}\n")
    return "\n".join(parts) + "\nTo stop these e-mails, reply STOP.\n"


@pytest.mark.parametrize(("byline", "width"), [(False, 0), (True, 0), (False, 72), (True, 60)])
def test_a_digest_of_dated_stories_is_read_story_by_story_and_keeps_every_line(byline, width):
    text = _digest(byline, width)
    extraction = extract_capture(text, CAP, "digest.txt")
    assert extraction.layout == "page"
    assert "read as a digest: 3 stories" in extraction.accounting.why
    intro, *stories = extraction.articles
    assert intro.headline == "The Harbour Weekly, issue 42"
    assert [s.headline for s in stories] == [h for h, _ in STORIES]
    assert [s.published.iso() for s in stories] == ["2024-03-03", "2024-03-04", "2024-03-05"]
    for story, (_, paragraphs) in zip(stories, STORIES, strict=True):
        assert _words(" ".join(paragraphs)) <= _words(story.body)
    assert "reply STOP" in stories[-1].body  # the sign-off is kept, with the last story
    got = _words("\n".join(f"{a.headline}\n{a.date_text or ''}\n{a.body}" for a in extraction.articles))
    assert not _words(text) - got  # every word: the date lines are the stories' dates


@pytest.mark.parametrize(
    "opening",
    ["## {h}\n\n*{d}*", "## {h}\n{d}", "**{h}**\n{d}", "{h}\n{u}\n{d}"],
    ids=["heading-blank-italic-date", "heading-date", "bold-title", "underlined-title"],
)
def test_a_markdown_digests_stories_are_read_under_their_headings(opening):
    """A digest saved as Markdown: each story a heading ("## Title", a bold or underlined title),
    its date (in italics, perhaps a blank line down) and paragraphs. Headlines lose their marks."""
    parts = [
        opening.format(h=headline, d=f"March {3 + n}, 2024", u="-" * len(headline)) + "\n\n" + "\n\n".join(p)
        for n, (headline, p) in enumerate(STORIES)
    ]
    extraction = extract_capture("# The Harbour Weekly\n\n" + "\n\n".join(parts) + "\n", CAP, "digest.md")
    assert "read as a digest: 3 stories" in extraction.accounting.why
    assert [a.headline for a in extraction.articles][1:] == [h for h, _ in STORIES]
    assert [a.published.iso() for a in extraction.articles[1:]] == ["2024-03-03", "2024-03-04", "2024-03-05"]


def test_dated_teasers_under_headlines_are_no_digest():
    """A related-links box: headlines with a date and a one-line teaser are not stories."""
    teasers = "\n\n".join(f"{h}\nMarch {3 + n}, 2024\n{p[0]}" for n, (h, p) in enumerate(STORIES))
    text = "Harbour news\n\n" + "\n\n".join(STORIES[0][1]) + "\n\nMore from the harbour\n\n" + teasers + "\n"
    extraction = extract_capture(text, CAP, "teasers.txt")
    assert "digest" not in extraction.accounting.why


def test_a_date_line_inside_a_story_keeps_the_text_one_article():
    """A date under a line that introduces it ("in full:") opens no story: the text has one
    dated headline, its own, so it is no digest."""
    headline, paragraphs = STORIES[0]
    text = (
        f"{headline}\nMarch 3, 2024\n\n" + "\n\n".join(paragraphs) + "\n\nThe inspection report, in full:\n"
        "March 1, 2024\n\n" + "\n\n".join(STORIES[1][1]) + "\n"
    )
    extraction = extract_capture(text, CAP, "one.txt")
    assert len(extraction.articles) == 1
    assert "digest" not in extraction.accounting.why


def test_a_digests_stories_may_open_with_a_caption_and_hold_dates_of_their_own():
    """Real stories open with a photo's credit or a standfirst, and quote a dated statement:
    neither stops the stories being read one by one."""
    parts = []
    for n, (headline, paragraphs) in enumerate(STORIES):
        caption = "harbour.jpg" if n == 1 else "Photo: Jane Doe"
        quote = "\u2014 Harbour master, statement of March 1, 2024"
        parts.append(f"{headline}\nMarch {3 + n}, 2024\n\n{caption}\n\n" + "\n\n".join(paragraphs))
        parts[-1] += f"\n\n{quote}\n"
    text = "\n".join(parts)
    extraction = extract_capture(text, CAP, "captions.txt")
    assert [a.headline for a in extraction.articles] == [h for h, _ in STORIES]
    assert "statement of March 1, 2024" in extraction.articles[0].body
    got = _words("\n".join(f"{a.headline}\n{a.date_text or ''}\n{a.body}" for a in extraction.articles))
    assert not _words(text) - got


def test_an_update_under_its_own_date_stays_in_the_story():
    """One or two words above a date ("Update", a commenter's name) label a section or sign a
    comment: an article with a dated update and a dated comment is one article."""
    headline, paragraphs = STORIES[0]
    text = (
        f"{headline}\nMarch 3, 2024\n\n"
        + "\n\n".join(paragraphs)
        + "\n\nUpdate\nMarch 4, 2024\n\n"
        + "\n\n".join(STORIES[1][1])
        + "\n\nJane Doe\nMarch 5, 2024\n\n"
        + "\n\n".join(STORIES[2][1])
        + "\n"
    )
    extraction = extract_capture(text, CAP, "update.txt")
    assert "digest" not in extraction.accounting.why
    assert extraction.articles[0].headline == headline


def test_comments_signed_with_a_name_and_a_time_are_no_stories():
    """Three words over a date and a time sign a comment, even a comment of two paragraphs."""
    headline, paragraphs = STORIES[0]
    comment = "\n\n".join(STORIES[1][1])
    names = ["Mary Ann Smith", "John de Vries", "Old Harbour Hand"]
    thread = "\n\n".join(
        f"{name}\nMarch {4 + n}, 2024 at 10:32 am\n\n{comment}" for n, name in enumerate(names)
    )
    text = f"{headline}\nMarch 3, 2024\n\n" + "\n\n".join(paragraphs) + "\n\n3 comments\n\n" + thread + "\n"
    extraction = extract_capture(text, CAP, "thread.txt")
    assert "digest" not in extraction.accounting.why
    assert [a.headline for a in extraction.articles] == [headline]


@pytest.mark.parametrize(
    "opening",
    ["{headline}\n\nBy Jane Doe\nMarch {d}, 2024", "{headline}\nJo Roe - 0{d}.03.2024 um 16:05 Uhr"],
)
def test_a_byline_or_a_signed_post_over_a_date_opens_no_story(opening):
    """A byline over the date is no headline, and a name on a timed date's line signs a post
    (a related article's teaser): the text is not read as a digest at them."""
    parts = [
        opening.format(headline=headline, d=3 + n) + "\n\n" + "\n\n".join(paragraphs)
        for n, (headline, paragraphs) in enumerate(STORIES)
    ]
    extraction = extract_capture("\n\n".join(parts) + "\n", CAP, "signed.txt")
    assert "digest" not in extraction.accounting.why
    assert "By Jane Doe" not in [a.headline for a in extraction.articles]


def test_a_long_wrapped_headline_is_not_joined_to_the_date_under_it():
    """Hard-wrapped at 72 columns, a headline of 68 characters leaves no room for "March": the
    date line would have been joined to it as a wrapped line's end."""
    long_headlines = [h + " as the council counts the cost" for h, _ in STORIES]
    parts = []
    for n, (headline, (_, paragraphs)) in enumerate(zip(long_headlines, STORIES, strict=True)):
        body = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
        parts.append(f"{headline}\nMarch {3 + n}, 2024\n\n{body}\n")
    extraction = extract_capture("\n".join(parts), CAP, "wrapped.txt")
    assert [a.headline for a in extraction.articles] == long_headlines
    assert [a.date_text for a in extraction.articles] == ["March 3, 2024", "March 4, 2024", "March 5, 2024"]


RELEASE = """\
FOR IMMEDIATE RELEASE

Contact:
Jane Doe
Velmora Port Authority
+1 555 0100
press@velmora.example

Port authority opens second ferry terminal

VELMORA, March 3, 2024 -- The port authority opened its second ferry terminal on Sunday, doubling the \
number of daily crossings to the islands and ending years of delays for commuters.

The terminal cost forty million and took three years to build, officials said at the opening.

###

Media contact:
John Roe
+1 555 0199
"""


@pytest.mark.parametrize(
    "release_line", ["FOR IMMEDIATE RELEASE", "EMBARGOED UNTIL 00:01 GMT, 4 MARCH", "NEWS RELEASE"]
)
def test_a_press_releases_headline_is_under_its_release_line_and_contact_block(release_line):
    text = RELEASE.replace("FOR IMMEDIATE RELEASE", release_line)
    extraction = extract_capture(text, CAP, "release.txt")
    (article,) = extraction.articles
    assert article.headline == "Port authority opens second ferry terminal"
    assert not _words(text) - _words(f"{article.headline}\n{article.body}")


def test_a_headline_that_names_a_press_release_is_still_the_headline():
    text = "Press release sparks row at the port\n\n" + "\n\n".join(STORIES[0][1]) + "\n"
    (article,) = extract_capture(text, CAP, "row.txt").articles
    assert article.headline == "Press release sparks row at the port"
