"""``revtrack feed``: wording changes as an Atom feed, each entry carrying its word diff.

One entry per revision whose wording changed, newest first: the headline and
the figures as its title, when revtrack first saw it as its time, the page's
URL as its link, and the diff inline as HTML (``<del>``/``<ins>``, cosmetic
changes folded), the same figures ``log``, ``diff --stat`` and export print.
Written by feedgen, so the XML is well formed whatever the scraped text holds;
scraped text is made inert before it goes in.
"""

from __future__ import annotations

import html
from datetime import datetime

from revtrack.render.diff import html_segments, visible_segments
from revtrack.safety import inert_line
from revtrack.stories import WordingChange

#: The feed's own id (Atom needs one): a URN, stable for a store.
FEED_ID = "urn:revtrack:changes"


def changes_atom(changes: list[WordingChange], title: str = "revtrack: wording changes") -> bytes:
    """An Atom document (UTF-8 bytes) of ``changes``, in the order given (newest first)."""
    from feedgen.feed import FeedGenerator  # the `share` extra

    fg = FeedGenerator()
    fg.id(FEED_ID)
    fg.title(inert_line(title))
    fg.author({"name": "revtrack"})
    fg.generator("revtrack")
    fg.updated(
        _time(changes[0].revision.captured)
        if changes
        else datetime.fromisoformat("1970-01-01T00:00:00+00:00")
    )
    for change in changes:
        rev = change.revision
        stats = change.comparison.stats
        entry = fg.add_entry(order="append")
        entry.id(f"urn:revtrack:revision:{rev.id}")
        entry.title(
            inert_line(
                f"{rev.headline} (+{stats.words_added} -{stats.words_deleted} ~{stats.words_changed} words)"
            )
        )
        entry.updated(_time(rev.captured))
        url = next(
            (s.url for s in rev.sightings if s.url and s.url.startswith(("http://", "https://"))), None
        )
        if url:
            entry.link(href=url, rel="alternate")
        entry.content(_entry_html(change), type="html")
    return fg.atom_str(pretty=True)


def _entry_html(change: WordingChange) -> str:
    """The entry's body: where and when, the figures, then the diff of headline and body."""
    rev, stats = change.revision, change.comparison.stats
    outlets = html.escape(inert_line(", ".join(rev.outlets)) or "no outlet")
    published = f"; the page says published {html.escape(rev.published)}" if rev.published else ""
    facts = (
        f"<p>{outlets}: first seen {html.escape(rev.captured)}{published}."
        f" +{stats.words_added} -{stats.words_deleted} ~{stats.words_changed} words,"
        f" {stats.sentences_edited} sentence(s) edited, {stats.sentences_moved} moved,"
        f" similarity {stats.similarity:.2f}. Revision {rev.id[:10]} after {change.previous.id[:10]}.</p>"
    )
    segments = visible_segments(change.comparison.segments, ignore_cosmetic=True)
    return f"{facts}\n<div>{html_segments(segments, f'r{rev.id[:10]}-')}</div>"


def _time(stamp: str) -> datetime:
    """A stored time (``...Z`` or a bare date) as an aware datetime."""
    value = datetime.fromisoformat(
        stamp.replace("Z", "+00:00") if "T" in stamp else f"{stamp}T00:00:00+00:00"
    )
    return value
