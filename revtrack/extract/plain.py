"""Plain text captures: the whole file is one article."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from revtrack.extract.dates import is_bare_date
from revtrack.extract.lines import is_byline
from revtrack.models import Article
from revtrack.text import EXPLICIT_MARKUP, is_title_line

if TYPE_CHECKING:
    from revtrack.extract.block import Found
    from revtrack.extract.front_matter import FrontMatter


def parse_plain(text: str) -> list[Article]:
    """The first title line (:func:`is_title_line`) is the headline; every other line,
    paragraphs kept, is the body. A file with no title line takes its first non-empty line.

    >>> [a.headline for a in parse_plain("\\n Title \\n\\nPara one.\\nPara two.")]
    ['Title']
    >>> parse_plain("\\n Title \\n\\nPara one.\\nPara two.")[0].body
    'Para one.\\n\\nPara two.'
    >>> article = parse_plain(".. include:: header.txt\\n=====\\n Procedure\\n=====\\n\\nText.")[0]
    >>> article.headline, article.body.split("\\n\\n")
    ('Procedure', ['.. include:: header.txt', '=====', '=====', 'Text.'])
    >>> memo = "Network Working Group      J. Doe\\nCategory: Informational    2024\\n\\n   Port Expansion"
    >>> parse_plain(memo + "\\n\\nText.")[0].headline  # a header's two columns are fields, not a title
    'Port Expansion'
    >>> release = "FOR IMMEDIATE RELEASE\\n\\nContact:\\nJane Doe\\n+1 555 0100\\n\\nPort opens terminal"
    >>> parse_plain(release + "\\n\\nText.")[0].headline  # nor a release line, a label or its values
    'Port opens terminal'
    """
    raw = text.splitlines()
    lines = [line.strip() for line in raw]
    nonblank = [n for n, line in enumerate(lines) if line]
    if not nonblank:
        return []
    # the title under a setext overline or below a markup line, not the rule or the markup,
    # nor a line of two columns (an RFC's or a memo's header: "Network Working Group   J. Doe"),
    # nor a press release's release line or a label ("Contact:") and the lines under it
    first_title = at = None
    for n in nonblank:  # in order, up to the first title not passed over
        if is_title_line(lines[n]):
            first_title = n if first_title is None else first_title
            if not _under_markup(raw, n) and not _passed_over(lines, n):
                at = n
                break
    if at is None:
        at = first_title if first_title is not None else nonblank[0]
    body = "\n\n".join(lines[n] for n in nonblank if n != at)
    return [Article(headline=markdown_title(lines[at]), body=body, position=0)]


def _under_markup(raw: list[str], n: int) -> bool:
    """Whether line ``n`` is indented under reStructuredText's explicit markup: a directive's
    options and content (``:target: https://...`` under ``.. image:: badge.svg``), which the
    rendered page shows as the picture or the table they make, not as a title.

    >>> _under_markup([".. image:: logo.svg", "   :alt: attrs logo", "", "attrs"], 1)
    True
    >>> _under_markup([".. image:: logo.svg", "", "   A quoted title"], 2)
    True
    >>> _under_markup(["Intro", "", "   A quoted title"], 2)
    False
    >>> _under_markup([".. image:: a.svg", "", "attrs"], 2)
    False
    """
    if not raw[n][:1].isspace():
        return False
    k = n - 1  # back over the block's indented and blank lines to the line it hangs from
    while k >= 0 and (not raw[k].strip() or raw[k][:1].isspace()):
        k -= 1
    return k >= 0 and EXPLICIT_MARKUP.match(raw[k]) is not None


# text, a gap of four or more spaces, text: two columns of a header
_TWO_COLUMNS = re.compile(r"\S {4,}\S")
# an Emacs mode line ending a title ("GNU gzip NEWS    -*- outline -*-"): not a column
_MODE_LINE = re.compile(r"\s*-\*-.*-\*-\s*$")
# A press release's release line, the genre's label printed above the headline: "FOR
# IMMEDIATE RELEASE", "For release: 3 March", "EMBARGOED UNTIL 00:01 GMT", "NEWS RELEASE".
# English only: other languages' releases are read as before (their first title line).
_RELEASE_LINE = re.compile(
    r"(?i)(?:(?:news|press|media)\s+release|media\s+advisory|for\s+(?:immediate\s+)?release|embargoed)"
    r"(?:\s*$|\s*[:,\u2013\u2014-]|\s+(?:until|till|to|for|on|at|\d))"
)
# a label that introduces the lines under it ("Contact:", "Media contact:"): up to three words
_LABEL = re.compile(r"^\S+(?:\s+\S+){0,2}:$")


def _passed_over(lines: list[str], n: int) -> bool:
    """Whether title line ``n`` is a header's two columns, a release line, a running head
    (:func:`_running_head`), a date alone, or a label
    (:data:`_LABEL`) or one of the lines under a label up to a blank line: a contact block's
    name and number are its label's values, not a title."""
    line = lines[n]
    if _TWO_COLUMNS.search(_MODE_LINE.sub("", line)) or _RELEASE_LINE.match(line):
        return True
    if _running_head(lines, n) or is_bare_date(line):
        return True  # a date alone is a field, a title only when the text has no other
    while n >= 0 and lines[n]:
        if _LABEL.match(lines[n]):
            return True
        n -= 1
    return False


def _running_head(lines: list[str], n: int) -> bool:
    """Whether title line ``n`` is a printed page's running head: an outlet's name over the date
    alone, above a title with a byline within a few lines under it (the article's own head).

    >>> _running_head(["Velmora Gazette", "", "March 3, 2024", "", "Port opens", "", "By Jane Doe"], 0)
    True
    >>> _running_head(["Port opens", "", "March 3, 2024", "", "The port opened on Monday."], 0)
    False
    """
    following = [k for k in range(n + 1, min(len(lines), n + 12)) if lines[k]]
    if len(following) < 3 or not is_bare_date(lines[following[0]]) or not is_title_line(lines[following[1]]):
        return False
    return any(is_byline(lines[k]) for k in following[2:5])


# a Markdown heading's marks ("# Title", "## Title ##") and a title set in bold or italics
_ATX = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
# the other markups' headings: AsciiDoc's "= Title", MediaWiki's "== Title ==", Textile's "h1. Title"
_EQUALS = re.compile(r"^(={1,6})\s+(\S.*?)(?:\s+\1)?$")
_TEXTILE = re.compile(r"^h[1-6]\.\s+(\S.*)$")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(\S(?:.*\S)?)\1$")


def markdown_title(line: str) -> str:
    """A title line without its Markdown marks, as the file's rendered page shows it; nothing
    but marks is left out (:mod:`revtrack.extract.accounting` matches the line either way).

    >>> markdown_title("# Harbour pier to close"), markdown_title("## Reaction ##")
    ('Harbour pier to close', 'Reaction')
    >>> markdown_title("**Harbour pier to close**"), markdown_title("#hashtag"), markdown_title("*")
    ('Harbour pier to close', '#hashtag', '*')
    >>> markdown_title("= Pier"), markdown_title("== Pier =="), markdown_title("h2. Pier")
    ('Pier', 'Pier', 'Pier')
    >>> markdown_title("= 5"), markdown_title("x = 5")  # a line of equals and words is a heading only so
    ('5', 'x = 5')
    """
    match = _ATX.match(line) or _EQUALS.match(line) or _TEXTILE.match(line)
    if match and match.group(match.lastindex or 1):
        line = match.group(match.lastindex or 1)
    match = _EMPHASIS.match(line)
    return match.group(2) if match else line


def plain_article(lines: list[str], found: Found | None, front: FrontMatter | None = None) -> list[Article]:
    """Every line of the text as one article, with the byline and date read from its header, or
    the headline, date and author its opening block of fields names (the block kept in the body)."""
    plain = parse_plain("\n".join(lines))
    if not plain:
        return []
    date = found.date if found is not None else None
    byline = found.byline if found is not None else None
    article = plain[0]
    if front is not None:
        date, byline = front.date or date, front.author or byline
        # the headline is the title's value; the line it was read from stays in the body
        body = "\n\n".join(line.strip() for line in lines if line.strip())
        article = replace(article, headline=front.title, body=body)
    return [
        replace(
            article,
            date_text=date.date_text if date else None,
            published=date.published if date else None,
            byline=byline,
        )
    ]
