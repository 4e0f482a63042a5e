"""A plain text's opening block of fields: its headline, date and author, as the file names them.

Three formats open a text with ``key: value`` lines before its first paragraph:

* **YAML front matter** of a static site's post (Hugo, Jekyll, Eleventy), between two
  ``---`` lines: ``title: "Fire at the port"``, ``date: 2024-03-03T10:00:00Z``,
  ``author: Jane Doe``;
* **e-mail headers** (a newsletter or a press release saved from a mail client):
  ``From:``, ``Subject:``, ``Date:``, ended by a blank line;
* **MultiMarkdown and Pelican metadata**: ``Title:``, ``Date:``, ``Author:`` lines,
  ended by a blank line.

Read line by line, the block's first line (``title: "Fire at the port"``) was taken
for the headline, key, quotes and all, and the date and author went unread. The
keys are the formats' own vocabulary (as an HTML page's ``<title>`` is), never a
site's. The block stays in the body: every word of the file is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from revtrack.extract.dates import DateMatch, find_date
from revtrack.models import PublishedTime

# "key: value"; a key is one word of letters, digits, "-" or "_" (YAML, e-mail, MultiMarkdown)
_FIELD = re.compile(r"^([A-Za-z][\w-]{0,30})\s*:(?:\s+(\S.*?))?\s*$")
_FENCE = ("---",)
_FENCE_END = ("---", "...")
TITLE_KEYS = ("title", "headline", "subject")
DATE_KEYS = ("date", "published", "pubdate", "publishdate", "created")
AUTHOR_KEYS = ("author", "authors", "byline", "by", "from")
#: Fewest fields in a block (a title among them): one "Note: ..." line is a sentence.
MIN_FIELDS = 2
# an e-mail address after a sender's name: "Jane Doe <jane@example.org>"
_ADDRESS = re.compile(r"\s*<[^<>\s]+@[^<>\s]+>\s*")


@dataclass(frozen=True)
class FrontMatter:
    """What an opening block of fields says: a headline, maybe a date and an author."""

    title: str
    date: DateMatch | None
    author: str | None
    fenced: bool  # YAML front matter between "---" lines
    lines: int  # source lines from the text's start to the block's end (its closing fence too)


def front_matter(lines: list[str], captured_at: datetime) -> FrontMatter | None:
    """The opening block of fields of a text, when it has a title among two or more fields.

    >>> from datetime import UTC
    >>> when = datetime(2026, 1, 1, tzinfo=UTC)
    >>> post = ["---", 'title: "Fire at the port"', "date: 2024-03-03", "author: Jane Doe", "---", "Text."]
    >>> found = front_matter(post, when)
    >>> found.title, found.date.date_text, found.author, found.fenced
    ('Fire at the port', '2024-03-03', 'Jane Doe', True)
    >>> mail = ["From: Jane Doe <jane@example.org>", "Subject: Fwd: Budget passed", "", "See below."]
    >>> front_matter(mail, when).title, front_matter(mail, when).author
    ('Fwd: Budget passed', 'Jane Doe')
    >>> front_matter(["Note: the council met.", "", "It voted."], when) is None
    True
    """
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    fenced = n < len(lines) and lines[n].strip() in _FENCE
    n += fenced
    fields: dict[str, str] = {}
    closed = False
    while n < len(lines):
        line = lines[n]
        if fenced and line.strip() in _FENCE_END:
            closed = True
            break
        if not line.strip():
            if not fenced:
                break
        elif match := _FIELD.match(line):
            value = (match.group(2) or "").strip()
            fields.setdefault(match.group(1).casefold(), value)
        elif not (line[:1].isspace() or (fenced and line.lstrip().startswith("- "))):
            return None  # a sentence, not a field: no block (a continuation is indented, a list dashed)
        n += 1
    if fenced and not closed:
        return None
    n += closed  # the closing fence is the block's
    title = next((_unquoted(fields[k]) for k in TITLE_KEYS if fields.get(k)), None)
    if len(fields) < MIN_FIELDS or not title:
        return None
    date = next((d for k in DATE_KEYS if fields.get(k) and (d := _field_date(fields[k], captured_at))), None)
    # "Jane Doe <jane@example.org>," (the first of several authors): the name alone
    author = next(
        (_unquoted(_ADDRESS.sub(" ", fields[k])).strip(" ,;") for k in AUTHOR_KEYS if fields.get(k)), None
    )
    return FrontMatter(title=title, date=date, author=author or None, fenced=fenced, lines=n)


def _field_date(value: str, captured_at: datetime) -> DateMatch | None:
    """A date field's date: any form the page reader knows, or an e-mail's (RFC 5322, with a
    numeric zone: ``Sun, 3 Mar 2024 10:00:00 +0000``).

    >>> from datetime import UTC
    >>> _field_date("Sun, 3 Mar 2024 10:00:00 -0500", datetime(2026, 1, 1, tzinfo=UTC)).published.value
    datetime.datetime(2024, 3, 3, 15, 0, tzinfo=datetime.timezone.utc)
    """
    found = find_date(_unquoted(value), captured_at)
    if found is not None:
        return found
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if sent.tzinfo is None:  # "-0000": the zone is not known
        return DateMatch("", value, PublishedTime(sent.replace(tzinfo=UTC), "second"))
    return DateMatch("", value, PublishedTime(sent.astimezone(UTC), "second"))


def _unquoted(value: str) -> str:
    """A YAML scalar without its quotes: ``"Fire at the port"`` -> ``Fire at the port``."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value
