"""A plain text's opening block of fields: its headline, date and author, as the file names them.

Five formats open a text with fields before its first paragraph:

* **YAML front matter** of a static site's post (Jekyll, Hugo, Eleventy, Gatsby,
  Docusaurus), between two ``---`` lines: ``title: "Fire at the port"``,
  ``date: 2024-03-03T10:00:00Z``, ``author: Jane Doe``; read by a YAML parser, so
  quoted values over several lines, lists and Jekyll's ``2024-03-03 10:00:00 +0100``
  are read as the site's generator reads them;
* **TOML front matter** (Hugo, Zola) between two ``+++`` lines: ``title = "..."``;
* **e-mail headers** (a newsletter or a press release saved from a mail client):
  ``From:``, ``Subject:``, ``Date:``, ended by a blank line;
* **MultiMarkdown and Pelican metadata**: ``Title:``, ``Date:``, ``Author:`` lines,
  ended by a blank line;
* **Nikola's and Org's metadata lines**: ``.. title: ...`` (a reST comment) or
  ``#+TITLE: ...``, one field a line.

Read line by line, the block's first line (``title: "Fire at the port"``) was taken
for the headline, key, quotes and all, and the date and author went unread. The
keys are the formats' own vocabulary (as an HTML page's ``<title>`` is), never a
site's. The block stays in the body: every word of the file is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from revtrack.extract.dates import DateMatch, find_date
from revtrack.models import PublishedTime

# "key: value"; a key is one word of letters, digits, "-" or "_" (YAML, e-mail, MultiMarkdown),
# after ".. " in Nikola's reST comments or "#+" in Org
_FIELD = re.compile(r"^(\.\. |#\+)?([A-Za-z][\w-]{0,30})\s*:(?:\s+(\S.*?))?\s*$")
#: Opening fence -> (closing fences, the block's kind).
_FENCES = {"---": (("---", "..."), "YAML front matter"), "+++": (("+++",), "TOML front matter")}
#: A fenced block longer than this is no front matter (and no parser is given more).
MAX_FENCED_LINES = 400
TITLE_KEYS = ("title", "headline", "subject")
DATE_KEYS = ("date", "published", "pubdate", "publishdate", "created")
AUTHOR_KEYS = ("author", "authors", "byline", "by", "from")
#: Fewest fields in an unfenced block (a title among them): one "Note: ..." line is a sentence.
#: Between fences, or marked as fields (".. title:", "#+TITLE:"), one is enough: the marks
#: say what the block is.
MIN_FIELDS = 2
# an e-mail address after a sender's name: "Jane Doe <jane@example.org>"
_ADDRESS = re.compile(r"\s*<[^<>\s]+@[^<>\s]+>\s*")
_UNFENCED_KINDS = {
    "": "a block of fields (e-mail headers, metadata)",
    ".. ": "reST metadata comments",
    "#+": "Org metadata lines",
}


@dataclass(frozen=True)
class FrontMatter:
    """What an opening block of fields says: a headline, maybe a date and an author."""

    title: str
    date: DateMatch | None
    author: str | None
    kind: str  # "YAML front matter", "TOML front matter", "a block of fields (...)", ...
    lines: int  # source lines from the text's start to the block's end (its closing fence too)


def front_matter(lines: list[str], captured_at: datetime) -> FrontMatter | None:
    """The opening block of fields of a text, when it has a title among its fields.

    >>> from datetime import UTC
    >>> when = datetime(2026, 1, 1, tzinfo=UTC)
    >>> post = ["---", 'title: "Fire at the port"', "date: 2024-03-03", "author: Jane Doe", "---", "Text."]
    >>> found = front_matter(post, when)
    >>> found.title, found.date.date_text, found.author, found.kind
    ('Fire at the port', '2024-03-03', 'Jane Doe', 'YAML front matter')
    >>> hugo = ["+++", 'title = "Fire at the port"', "date = 2024-03-03T10:00:00+01:00", "+++", "Text."]
    >>> front_matter(hugo, when).date.published.iso()
    '2024-03-03T09:00:00Z'
    >>> mail = ["From: Jane Doe <jane@example.org>", "Subject: Fwd: Budget passed", "", "See below."]
    >>> front_matter(mail, when).title, front_matter(mail, when).author
    ('Fwd: Budget passed', 'Jane Doe')
    >>> front_matter([".. title: Fire at the port", ".. date: 2024/03/03 10:00:00", "", "Text."], when).title
    'Fire at the port'
    >>> front_matter(["Note: the council met.", "", "It voted."], when) is None
    True
    """
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n < len(lines) and lines[n].strip() in _FENCES:
        return _fenced(lines, n, captured_at)
    fields: dict[str, object] = {}
    marker = None  # the block's line prefix: none, ".. " (Nikola) or "#+" (Org)
    while n < len(lines):
        line = lines[n]
        if not line.strip():
            break
        match = _FIELD.match(line)
        if match and marker in (None, match.group(1) or ""):
            marker = match.group(1) or ""
            fields.setdefault(match.group(2).casefold(), (match.group(3) or "").strip())
        elif not line[:1].isspace() or marker != "":
            return None  # a sentence, not a field: no block (a continuation is indented)
        n += 1
    if len(fields) < (1 if marker else MIN_FIELDS):  # ".. title: X" alone is a field by its mark
        return None
    return _from_fields(fields, _UNFENCED_KINDS[marker or ""], n, captured_at)


def _fenced(lines: list[str], start: int, captured_at: datetime) -> FrontMatter | None:
    """Front matter between fences, read by its format's parser (YAML, TOML); a YAML block
    no parser accepts is read line by line, as the unfenced blocks are."""
    closing, kind = _FENCES[lines[start].strip()]
    end = next(
        (
            k
            for k in range(start + 1, min(len(lines), start + MAX_FENCED_LINES))
            if lines[k].strip() in closing
        ),
        None,
    )
    if end is None:
        return None
    block = "\n".join(lines[start + 1 : end])
    fields = _parsed(block, toml=kind.startswith("TOML"))
    if fields is None and not kind.startswith("TOML"):
        fields = {}
        for line in lines[start + 1 : end]:
            match = _FIELD.match(line)
            if match and not match.group(1):
                fields.setdefault(match.group(2).casefold(), (match.group(3) or "").strip())
    if not fields:
        return None
    return _from_fields(fields, kind, end + 1, captured_at)


def _parsed(block: str, toml: bool) -> dict[str, object] | None:
    """A fenced block's fields, keys folded to lower case; None where the parser refuses it."""
    try:
        if toml:
            import tomllib

            data = tomllib.loads(block)
        else:
            import yaml

            data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # noqa: BLE001 - yaml.YAMLError, TOMLDecodeError, a bad timestamp's ValueError, nesting
        return None
    if not isinstance(data, dict):
        return None
    # only text keys: a YAML key may be a list built of aliases, whose text would be huge
    return {key.casefold(): value for key, value in data.items() if isinstance(key, str)}


def _from_fields(
    fields: dict[str, object], kind: str, lines: int, captured_at: datetime
) -> FrontMatter | None:
    """The headline, date and author a block's fields name; None without a title."""
    title = next((t for k in TITLE_KEYS if (t := _text(fields.get(k)))), None)
    if not title:
        return None
    date = next((d for k in DATE_KEYS if (d := _field_date(fields.get(k), captured_at))), None)
    # "Jane Doe <jane@example.org>," (the first of several authors): the name alone
    author = next((a for k in AUTHOR_KEYS if (a := _text(fields.get(k)))), None)
    if author:
        author = _ADDRESS.sub(" ", author).strip(" ,;") or None
    return FrontMatter(title=title, date=date, author=author, kind=kind, lines=lines)


def _text(value: object) -> str | None:
    """A field's text: a string (unquoted, spaces folded), the first of a list of them, or a
    mapping's ``name`` (an author as Docusaurus writes one); None for anything else.

    >>> _text('"Fire at the port"'), _text(["Jane Doe", "Bo Li"]), _text({"name": "Jo Roe"}), _text(3)
    ('Fire at the port', 'Jane Doe', 'Jo Roe', None)
    """
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    return " ".join(_unquoted(value).split()) or None


def _field_date(value: object, captured_at: datetime) -> DateMatch | None:
    """A date field's date: a YAML or TOML date or time, any form the page reader knows, or an
    e-mail's (RFC 5322, with a numeric zone: ``Sun, 3 Mar 2024 10:00:00 +0000``).

    >>> from datetime import UTC
    >>> _field_date("Sun, 3 Mar 2024 10:00:00 -0500", datetime(2026, 1, 1, tzinfo=UTC)).published.value
    datetime.datetime(2024, 3, 3, 15, 0, tzinfo=datetime.timezone.utc)
    >>> _field_date(date(2024, 3, 3), datetime(2026, 1, 1, tzinfo=UTC)).published.iso()
    '2024-03-03'
    """
    if isinstance(value, datetime):  # a parser's time; one without a zone is taken as UTC
        when = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return DateMatch("", value.isoformat(sep=" "), PublishedTime(when, "second"))
    if isinstance(value, date):
        day = datetime(value.year, value.month, value.day, tzinfo=UTC)
        return DateMatch("", value.isoformat(), PublishedTime(day, "day"))
    if not isinstance(value, str) or not value.strip():
        return None
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
