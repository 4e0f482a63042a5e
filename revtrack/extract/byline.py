"""trafilatura's author search, with the same answer and without a regular expression per element.

``trafilatura.metadata.extract_author`` copies the page, deletes the nodes that are
never a byline (comments, dates, figures, sidebars: ``AUTHOR_DISCARD_XPATHS``),
then tries three XPath expressions in turn (``AUTHOR_XPATHS``) and keeps the first
element whose text is 3-119 characters. Their ``re:test`` calls back into Python for
every element of the page: 4-12 ms a page, the largest part of the metadata revtrack
reads from HTML.

Here one XPath without regular expressions (libxml2 alone) picks every element that
could match any of those expressions, a superset, and Python tests those few with
the same patterns, transcribed in :data:`_LEVELS` and :data:`_DISCARD`. Nothing is
copied or deleted: an element inside a discarded node is skipped, as deleting it
would. Where the deletion could change the answer, trafilatura's own function
answers instead:

* a matching element that holds a discarded node (its text would lose that node's);
* a ``<rel>`` element anywhere (the first expression tests a child ``rel`` by its text);
* trafilatura's expressions differ from the ones transcribed (an upgrade).

A test compares the two on generated pages.
"""

from __future__ import annotations

import re
from typing import Any

#: trafilatura's expressions this module transcribes, whitespace folded: the three
#: author expressions in order, then the two discard ones.
TRANSCRIBED = (
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong]["
    " @rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me' or"
    " @data-testid='AuthorCard' or @data-testid='AuthorURL' or"
    " re:test(@class, 'author-?name|AuthorName|authorName')]|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span]["
    " @class='byline' or @class='username' or @class='byl' or @class='BBL' or"
    " contains(@itemprop, 'author') or re:test(@id, 'author|zuozhe|bianji|xiaobian') or"
    " re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]",
    "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or"
    " re:test(@id, '[Aa]uthor') or re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
    ".//*[self::a or self::div or self::section or self::span]["
    " @id='comments' or @class='comments' or @class='title' or @class='date' or"
    " re:test(@id, '^comments|comment-?list|ProductReviews') or"
    " re:test(@class, '^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer') or"
    " contains(@data-component, 'Figure')]",
    "//time|//figure",
)

# Every element any expression above could select: one XPath without regular
# expressions or string tests (libxml2 evaluates those per element and attribute,
# slower than the callbacks it would replace) lists the attributes the expressions
# read, and the elements they select by name, in document order. An attribute
# passes on to the exact tests when it holds a plain part that each of its patterns
# needs ("[Aa]uthor" needs "uthor", "^[Cc]omments" needs "omments",
# "article-(?:share|support)" needs "article-s"), so the candidates are a superset.
_ATTRIBUTES_AND_NAMED = (
    "//@class|//@id|//@itemprop|//@data-component|//@data-testid|//@rel|//author|//time|//figure|//rel"
)
_NEEDED = {
    "class": re.compile(
        "uthor|yline|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
        "|screenname|writer|omment|sidebar|is-hidden|quote|embedly-instagram|article-s|print"
        "|category|meta-|^(?:username|byl|BBL|title|date)$"
    ),
    "id": re.compile("uthor|zuozhe|bianji|xiaobian|comment|ProductReviews"),
    "itemprop": re.compile("author"),
    "data-component": re.compile("Byline|Figure"),
    "data-testid": re.compile("^(?:AuthorCard|AuthorURL)$"),
    "rel": re.compile("^author$"),
}


def _candidates(tree: Any) -> list[Any]:
    """The elements any transcribed expression could select, in document order."""
    found: dict[Any, None] = {}
    for node in tree.xpath(_ATTRIBUTES_AND_NAMED):
        if isinstance(node, str):  # an attribute's value, which knows its name and element
            if _NEEDED[node.attrname].search(node):
                found[node.getparent()] = None
        else:
            found[node] = None
    return list(found)


def _level_one(tag: str, get: Any) -> bool:
    if tag == "author":
        return True
    return tag in ("a", "address", "div", "link", "p", "span", "strong") and (
        get("rel") == "author"
        or get("id") == "author"
        or get("class") == "author"
        or get("itemprop") == "author name"
        or get("data-testid") in ("AuthorCard", "AuthorURL")
        or re.search("author-?name|AuthorName|authorName", get("class") or "") is not None
    )


def _level_two(tag: str, get: Any) -> bool:
    return tag in ("a", "div", "h3", "h4", "p", "span") and (
        get("class") in ("byline", "username", "byl", "BBL")
        or "author" in (get("itemprop") or "")
        or re.search("author|zuozhe|bianji|xiaobian", get("id") or "") is not None
        or re.search(
            "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name",
            get("class") or "",
        )
        is not None
    )


def _level_three(tag: str, get: Any) -> bool:
    return (
        "Byline" in (get("data-component") or "")
        or "author" in (get("itemprop") or "")
        or re.search("[Aa]uthor", get("id") or "") is not None
        or re.search("[Aa]uthor|screenname|writer|[Bb]yline", get("class") or "") is not None
    )


_LEVELS = (_level_one, _level_two, _level_three)


def _DISCARD(tag: str, get: Any) -> bool:  # noqa: N802 - the transcribed AUTHOR_DISCARD_XPATHS
    if tag in ("time", "figure"):
        return True
    return tag in ("a", "div", "section", "span") and (
        get("id") == "comments"
        or get("class") in ("comments", "title", "date")
        or re.search("^comments|comment-?list|ProductReviews", get("id") or "") is not None
        or re.search(
            "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
            "|article-(?:share|support)|print|category|meta-date|meta-reviewer",
            get("class") or "",
        )
        is not None
        or "Figure" in (get("data-component") or "")
    )


_transcription_holds: bool | None = None


def _holds() -> bool:
    global _transcription_holds
    if _transcription_holds is None:
        try:
            from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

            found = tuple(" ".join(x.path.split()) for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS))
        except (ImportError, AttributeError):
            found = ()
        _transcription_holds = found == TRANSCRIBED
    return _transcription_holds


def find_author(tree: Any) -> str | None:
    """The byline trafilatura's ``extract_author`` would find in this parsed page, or None."""
    from trafilatura.metadata import extract_author, normalize_authors
    from trafilatura.utils import trim

    if not _holds():
        return extract_author(tree)
    candidates = _candidates(tree)
    if any(el.tag == "rel" for el in candidates):
        return extract_author(tree)
    # the root is never discarded: the first discard expression looks below it only
    discarded = {el for el in candidates if el is not tree and _DISCARD(el.tag, el.get)}
    holders = {ancestor for el in discarded for ancestor in el.iterancestors()}
    for matches in _LEVELS:
        for el in candidates:
            if not matches(el.tag, el.get):
                continue
            if el in discarded or any(a in discarded for a in el.iterancestors()):
                continue  # deleted with the discarded node
            if el in holders:
                return extract_author(tree)  # its text is not what the pruned copy's would be
            content = trim(" ".join(el.itertext()))
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None
