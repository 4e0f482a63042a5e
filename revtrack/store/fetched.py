"""SQL for pages revtrack fetches itself: validators and the revisit schedule.

Mixed into :class:`revtrack.store.Store`. One row per URL in ``fetched``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_COLUMNS = (
    "url, feed, etag, last_modified, content_hash, first_fetched, last_fetched, last_changed,"
    " next_check, kind"
)


@dataclass(frozen=True)
class FetchedUrl:
    """What the store remembers of a fetched URL."""

    url: str
    feed: str | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    first_fetched: str
    last_fetched: str
    last_changed: str
    next_check: str | None  # by the schedule of its last fetch; `watch` works it out again
    kind: str = "page"  # or "feed"


class FetchedQueries:
    """Conditional-GET validators and `watch`'s schedule."""

    conn: sqlite3.Connection

    def fetched(self, url: str) -> FetchedUrl | None:
        """The row for ``url``, if it was fetched before."""
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM fetched WHERE url = ?", (url,)).fetchone()
        return FetchedUrl(*row) if row else None

    def record_fetch(
        self,
        conn: sqlite3.Connection,
        url: str,
        when: str,
        *,
        etag: str | None,
        last_modified: str | None,
        content_hash: str | None,
        changed: bool,
        feed: str | None = None,
        next_check: str | None = None,
        kind: str = "page",
    ) -> None:
        """Remember a fetch of ``url`` at ``when`` (``changed``: it stored new bytes)."""
        conn.execute(
            f"INSERT INTO fetched ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET feed = coalesce(excluded.feed, feed),"
            " etag = coalesce(excluded.etag, etag),"
            " last_modified = coalesce(excluded.last_modified, last_modified),"
            " content_hash = coalesce(excluded.content_hash, content_hash),"
            " last_fetched = excluded.last_fetched,"
            " last_changed = CASE WHEN ? THEN excluded.last_changed ELSE last_changed END,"
            " next_check = excluded.next_check, kind = excluded.kind",
            (url, feed, etag, last_modified, content_hash, when, when, when, next_check, kind, changed),
        )

    def fetched_pages(self) -> list[FetchedUrl]:
        """Every page revtrack fetched (not feeds), however it was first fetched, oldest first."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM fetched WHERE kind = 'page' ORDER BY first_fetched, url"
        ).fetchall()
        return [FetchedUrl(*row) for row in rows]
