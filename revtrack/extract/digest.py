"""A digest: several stories in one text, each a headline, its date line and paragraphs.

Newsletters, e-mailed briefings and a blog's front page saved as text put whole
stories one after another, each under its headline and date. Read as one article,
a digest's stories could never join their other versions; read as a page, all but
the main one were lost as chrome. A text is read as a digest when two or more of its
date lines open such a story:

- the headline stands alone (a blank line above it) directly above the date line
  (or above its Markdown underline, or a Markdown heading a blank line up, the date
  perhaps in italics: "## Title", "", "*March 3, 2024*"), and it is a title: three
  to 24 words, no full stop or colon at its end. One or two words ("Update",
  "Correction", a commenter's name) label a section of one
  story or sign a comment; a sentence is running text. Four words or fewer over a
  date with a time of day ("March 4, 2024 at 10:32 am", "2 hours ago") are a comment's
  signature, a name and when it was posted, as the comment cut of
  :mod:`revtrack.extract.block` reads it, and so is a timed date with a name on its
  own line ("Jo Roe - 06.06.2019 um 16:05 Uhr"). A byline over the date is no headline;
- the story holds two or more paragraphs of prose before the next story (a related
  link's one-line teaser under a date is not a story).

What comes right under the date is not asked: a real story may open with a caption,
a standfirst or a photo's file name. A date line that opens no story (a quote's
attribution, "Published: 12.11.2009") stays in its story's body, and every story
must hold two paragraphs of prose, so no digest is found in one article whose only
dated headline is its own.

Every line is kept: each story's lines run to the next story's headline, and the
lines above the first story (the digest's own title and introduction) are an
article of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from revtrack.extract.block import SIGNED_TIME
from revtrack.extract.code_blocks import UNDERLINE
from revtrack.extract.dates import DateMatch
from revtrack.extract.header import date_line
from revtrack.extract.lines import is_byline, is_prose, word_total
from revtrack.extract.plain import markdown_title, parse_plain
from revtrack.models import Article

# A headline this long, or one that ends like a sentence, is running text.
_HEADLINE_WORDS = 24
# One or two words above a date label a section ("Update", "Correction") or sign a comment.
_MIN_HEADLINE_WORDS = 3
# A name over a timed date signs a comment: a commenter's name is this many words or fewer.
_SIGNATURE_WORDS = 4
_CLOSERS = "\"'\u201d\u2019\u00bb)]"


@dataclass(frozen=True)
class Story:
    """One story of a digest: its headline's line, its date line and where its lines end."""

    headline_at: int
    date_at: int
    date: DateMatch
    end: int


def digest_stories(lines: list[str], captured_at: datetime) -> list[Story]:
    """The stories of a digest, in order, or ``[]`` when the text is not one.

    >>> from datetime import UTC
    >>> text = ["Harbour Weekly", "", "Pier to close", "March 3, 2024", "",
    ...         "The pier will close on Monday for repairs, the council said.",
    ...         "Repairs will take six weeks and cost two million.", "",
    ...         "Ferry fares rise", "March 4, 2024", "",
    ...         "Ferry fares will rise by a tenth from April, the operator said.",
    ...         "Season tickets are not affected by the change."]
    >>> [(s.headline_at, s.date_at, s.end) for s in digest_stories(text, datetime(2024, 5, 1, tzinfo=UTC))]
    [(2, 3, 8), (8, 9, 13)]
    >>> digest_stories(text[:8], datetime(2024, 5, 1, tzinfo=UTC))  # one story is no digest
    []
    """
    starts = []
    for n in range(1, len(lines)):
        # only a line under a title alone can be a story's date: the costly date test runs on few
        headline_at = _headline_above(lines, n)
        if headline_at is None:
            continue
        match = date_line(markdown_title(lines[n].strip()), captured_at)
        # a headline that names a date ("Rosé 2012", "Storm clears for Thanksgiving") is read as a
        # date line too: the one directly above a date line is that story's headline
        if match is None or (n + 1 < len(lines) and date_line(lines[n + 1], captured_at)):
            continue
        if _opens_a_story(markdown_title(lines[headline_at].strip()), match):
            starts.append((headline_at, n, match))
    if len(starts) < 2:
        return []
    stories = []
    for k, (headline_at, date_at, match) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        if sum(1 for line in lines[date_at + 1 : end] if is_prose(line)) < 2:
            return []  # a teaser under a date, not a story
        stories.append(Story(headline_at, date_at, match, end))
    return stories


def _headline_above(lines: list[str], date_at: int) -> int | None:
    """The line of the title alone (a blank line above it) over a date line: directly above it,
    above its Markdown underline ("-----"), or a Markdown heading ("## Title") a blank line up."""
    if not lines[date_at].strip():
        return None
    at = date_at - 1
    if lines[at].strip() and UNDERLINE.match(lines[at]) and at >= 1 and lines[at - 1].strip():
        at -= 1  # a setext heading: the title over its underline
    elif not lines[at].strip() and at >= 1 and lines[at - 1].startswith("#"):
        at -= 1  # "## Title", a blank line, "*March 3, 2024*"
    if not lines[at].strip() or (at >= 1 and lines[at - 1].strip()):
        return None
    return at


def _opens_a_story(headline: str, date: DateMatch) -> bool:
    """Whether a title (its Markdown marks taken off) over ``date`` opens a story (see the
    module's docstring)."""
    # a question is a headline ("What is left of the pier?"); a full stop ends running text and
    # a colon introduces what follows ("The report, in full:"), inside closing quotes too
    words = word_total(headline)
    timed = SIGNED_TIME.search(date.date_text) or (date.published and date.published.precision != "day")
    if timed and (words <= _SIGNATURE_WORDS or date.prefix):
        # "Mary Ann Smith" over "March 4, 2024 at 10:32 am", or "Jo Roe - 06.06.2019 um 16:05
        # Uhr" under a teaser: a comment's or a post's signature
        return False
    if is_byline(headline):
        return False  # "By Jane Doe" over the date: the story's byline, its headline is above it
    sized = _MIN_HEADLINE_WORDS <= words <= _HEADLINE_WORDS
    return sized and not headline.rstrip(_CLOSERS).endswith((".", ":"))


def digest_articles(lines: list[str], stories: list[Story]) -> list[Article]:
    """The digest's introduction (if it has lines) and each story, every line kept."""
    articles: list[Article] = []
    lead = [line.strip() for line in lines[: stories[0].headline_at] if line.strip()]
    if lead:
        articles.extend(parse_plain("\n".join(lead)))
    for story in stories:
        body = [line.strip() for line in lines[story.date_at + 1 : story.end] if line.strip()]
        articles.append(
            Article(
                headline=markdown_title(lines[story.headline_at].strip()),
                body="\n\n".join(body),
                date_text=story.date.date_text,
                published=story.date.published,
                position=len(articles),
            )
        )
    return articles
