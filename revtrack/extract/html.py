"""HTML captures: the main article by trafilatura, revtrack's own extractor behind it.

trafilatura (a well-kept extractor that scores about 0.95 F1 on public article
benchmarks) gives the article's paragraphs and its metadata: title, date,
author, site name and canonical URL. Where it finds no article (a page of
teasers, a script-built page, markup it cannot parse), the page's visible text
(:mod:`revtrack.extract.visible`) goes through revtrack's extractor for
plain and aggregator pages, so every page still yields what a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from revtrack.extract.lines import word_total
from revtrack.models import Article, PublishedTime

#: Below this many words, trafilatura's text is not taken as the article.
MIN_WORDS = 25
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


def is_html(name: str, head: str) -> bool:
    """An HTML capture: named so, or starting like a page.

    >>> is_html("a.txt", "<!DOCTYPE html><html>"), is_html("page.htm", ""), is_html("a.txt", "Title")
    (True, True, False)
    >>> is_html("a.txt", "<!-- a --> <!-- b -->\\n<html>"), is_html("a.txt", "<!-- c -->" * 100 + "<x>")
    (True, False)
    """
    if name.lower().endswith(_SUFFIXES):
        return True
    # comments skipped step by step: as one pattern, "(?:<!--.*?-->\s*)*" backtracked
    # exponentially over a text of many comments (22 took a second, each one more doubling it)
    text, at = head[:2048], 0
    while True:
        while at < len(text) and text[at] in " \t\r\n\f\v":
            at += 1
        if not text.startswith("<!--", at):
            return _HTML_TAG.match(text, at) is not None
        end = text.find("-->", at + 4)
        if end < 0:
            return False
        at = end + 3


def html_articles(
    html: str, captured_at: datetime, name: str = "", chrome: Callable[[str], bool] | None = None
) -> tuple[str, list[Article]]:
    """``(layout, articles)`` of an HTML page: ``"html"``, trafilatura's article, or
    ``"html-visible"`` where trafilatura finds none: the visible text through
    :func:`revtrack.extract.page.parse_page`.

    An aggregator page (a tag page, a live list) gives trafilatura's one text; its
    items are told apart only when it is saved as visible text. Tried: preferring
    the visible items whenever no item held half of trafilatura's words; on the
    benchmark pages it took three article pages for aggregators.
    """
    article = _trafilatura_article(html)
    if article is not None:
        return "html", [article]
    from revtrack.extract.page import parse_page
    from revtrack.extract.visible import visible_text

    return "html-visible", parse_page(visible_text(html), captured_at, chrome)[1]


def trafilatura_installed() -> bool:
    """Whether the ``html`` extra (trafilatura) is installed; without it HTML is read as visible text."""
    from importlib.util import find_spec

    try:
        return find_spec("trafilatura") is not None
    except (ImportError, ValueError):  # a broken install, or one blocked in sys.modules
        return False


def _trafilatura_article(html: str) -> Article | None:
    try:
        import trafilatura  # loaded for HTML captures only: it brings lxml and its own models
    except ImportError:  # the `html` extra is not installed: the visible text is the fallback
        return None

    from trafilatura.utils import load_html

    from revtrack.extract.page_meta import page_metadata

    try:
        # one parse: the metadata revtrack keeps is read from this tree, then the
        # text extracted from a copy of it (bare_extraction copies a tree it is given)
        tree = load_html(html)
        meta = page_metadata(tree, _date_params()) if tree is not None else None
        # favor_precision: on the 23 benchmark news pages with human-made article text, body F1
        # 0.963 against 0.923 (recall 0.985 against 0.995); docs/benchmarks.md
        doc = trafilatura.bare_extraction(
            html if meta is None else tree,
            url=None if meta is None else meta.url,
            with_metadata=meta is None,  # trafilatura's full metadata pass only as the fallback
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            date_extraction_params=_date_params(),
        )
    # markup trafilatura cannot build or clean a tree of: its own reader (and lxml's and
    # htmldate's) gives up with these; the page's visible text is read instead.
    # AssertionError: lxml's drop_tree on "<svg><html>" (found by fuzzing), which stopped
    # a whole ingest run with a traceback
    except (ValueError, TypeError, RecursionError, UnicodeError, AssertionError):
        return None
    if doc is None:
        return None
    if meta is not None:
        doc = _WithMetadata(doc, meta)
    text = (getattr(doc, "text", None) or "").strip()
    if word_total(text) < MIN_WORDS:  # Chinese, Japanese and Thai counted by characters
        return None
    # one paragraph a line from trafilatura; revtrack's bodies keep a blank line between
    paragraphs = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    outlet = _one_line(getattr(doc, "sitename", None)) or _one_line(getattr(doc, "hostname", None))
    title = _one_line(getattr(doc, "title", None))
    headline = _without_site(title, outlet) if title else paragraphs[0]
    author = _one_line(getattr(doc, "author", None))
    # the page's own headline and byline lines open the text: they are fields, not body
    while len(paragraphs) > 1 and _is_field_line(paragraphs[0], headline, author):
        paragraphs.pop(0)
    body = "\n\n".join(paragraphs)
    date_text = _page_time(_one_line(getattr(doc, "date", None)))
    return Article(
        headline=headline,
        body=body,
        outlet=outlet,
        date_text=date_text,
        published=_published(date_text),
        url=_one_line(getattr(doc, "url", None)),
        byline=author,
    )


class _WithMetadata:
    """An extraction's text with the page's metadata read apart (:mod:`revtrack.extract.page_meta`)."""

    def __init__(self, doc: object, meta: object) -> None:
        self.text = getattr(doc, "text", None)
        for name in ("title", "author", "url", "hostname", "date", "sitename"):
            setattr(self, name, getattr(meta, name))


def _is_field_line(line: str, headline: str, author: str | None) -> bool:
    """The headline again, or a byline naming the author.

    >>> _is_field_line("By Dana Reyes", "Budget passes", "Dana Reyes")
    True
    >>> _is_field_line("Budget passes", "Budget passes", None)
    True
    """
    folded = line.casefold()
    if folded == headline.casefold():
        return True
    return bool(author) and len(line.split()) <= 8 and author.casefold() in folded


_TITLE_PARTS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00b7|\u2022)\s+")


def _without_site(title: str, outlet: str | None) -> str:
    """The title without a trailing " | Site" part naming the outlet.

    >>> _without_site("Talks end in Seoul | CNN Politics", "CNN")
    'Talks end in Seoul'
    >>> _without_site("Seoul - Washington talks end", "CNN")
    'Seoul - Washington talks end'
    """
    if not outlet:
        return title
    parts = _TITLE_PARTS.split(title)
    site = outlet.casefold().removeprefix("www.").split(".")[0]
    if len(parts) > 1 and site and site in parts[-1].casefold():
        kept = title[: title.rfind(parts[-1])].rstrip()
        return re.sub(r"\s*(?:\||-|\u2013|\u2014|::|\u00b7|\u2022)$", "", kept).strip() or title
    return title


def _one_line(value: object) -> str | None:
    """A metadata field as one stripped line, or None.

    >>> _one_line("  CNN \\n"), _one_line(""), _one_line(None)
    ('CNN', None, None)
    """
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


#: htmldate's output with the time and zone, so a page's "08:00+01:00" is not cut to its day.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _date_params() -> dict:
    """trafilatura's own date search settings, asking for the time and zone as well as the day."""
    from trafilatura.settings import set_date_params

    # the URL's date only when the page gives none: a "/2025/11/20/" in the URL has no time
    return {**set_date_params(), "outputformat": _DATE_FORMAT, "deferred_url_extractor": True}


def _page_time(found: str | None) -> str | None:
    """htmldate's answer as the page gave it: a day alone, or a time with its zone.

    htmldate writes midnight without a zone when the page gave only a day.

    >>> _page_time("2025-11-20T00:00:00"), _page_time("2025-11-20T08:00:00+0100")
    ('2025-11-20', '2025-11-20T08:00:00+01:00')
    """
    if not found:
        return None
    if found.endswith("T00:00:00"):
        return found[:10]
    zone = re.search(r"([+-])(\d\d)(\d\d)$", found)
    return f"{found[: zone.start()]}{zone[1]}{zone[2]}:{zone[3]}" if zone else found


def _published(date_text: str | None) -> PublishedTime | None:
    """The page's date (``YYYY-MM-DD``, or an ISO time with or without a zone) as a published time.

    A time without a zone is taken as UTC; seconds keep second precision.

    >>> _published("2023-11-06").iso(), _published("nonsense")
    ('2023-11-06', None)
    >>> _published("2025-11-20T08:00:00+01:00").iso(), _published("2025-11-20T08:00:30Z").iso()
    ('2025-11-20T07:00Z', '2025-11-20T08:00:30Z')
    """
    if not date_text:
        return None
    try:
        value = datetime.fromisoformat(date_text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    precision = "day" if len(date_text) <= 10 else "second" if value.second else "minute"
    return PublishedTime(value.astimezone(UTC), precision)
