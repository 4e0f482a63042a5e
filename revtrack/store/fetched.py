"""SQL for pages revtrack fetches itself: validators and the revisit schedule.

Mixed into :class:`revtrack.store.Store`. One row per URL in ``fetched``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


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
    next_check: str | None


class FetchedQueries:
    """Conditional-GET validators and `watch`'s schedule."""

    conn: sqlite3.Connection

    def fetched(self, url: str) -> FetchedUrl | None:
        """The row for ``url``, if it was fetched before."""
        row = self.conn.execute(
            "SELECT url, feed, etag, last_modified, content_hash, first_fetched, last_fetched,"
            " last_changed, next_check FROM fetched WHERE url = ?",
            (url,),
        ).fetchone()
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
    ) -> None:
        """Remember a fetch of ``url`` at ``when`` (``changed``: it stored new bytes)."""
        conn.execute(
            "INSERT INTO fetched (url, feed, etag, last_modified, content_hash, first_fetched,"
            " last_fetched, last_changed, next_check) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET feed = coalesce(excluded.feed, feed),"
            " etag = coalesce(excluded.etag, etag),"
            " last_modified = coalesce(excluded.last_modified, last_modified),"
            " content_hash = coalesce(excluded.content_hash, content_hash),"
            " last_fetched = excluded.last_fetched,"
            " last_changed = CASE WHEN ? THEN excluded.last_changed ELSE last_changed END,"
            " next_check = excluded.next_check",
            (url, feed, etag, last_modified, content_hash, when, when, when, next_check, changed),
        )

    def due(self, now: str) -> list[FetchedUrl]:
        """URLs whose next check is at or before ``now``, soonest first."""
        rows = self.conn.execute(
            "SELECT url, feed, etag, last_modified, content_hash, first_fetched, last_fetched,"
            " last_changed, next_check FROM fetched WHERE next_check IS NOT NULL AND next_check <= ?"
            " ORDER BY next_check",
            (now,),
        ).fetchall()
        return [FetchedUrl(*row) for row in rows]

    def next_check_after(self, now: str) -> str | None:
        """When the next scheduled check is, if any."""
        return self.conn.execute(
            "SELECT min(next_check) FROM fetched WHERE next_check > ?", (now,)
        ).fetchone()[0]

    def tracked_count(self) -> int:
        """URLs still on the revisit schedule."""
        return self.conn.execute("SELECT count(*) FROM fetched WHERE next_check IS NOT NULL").fetchone()[0]
