"""SQL for stored captures: raw bytes, re-extraction and each site's learned chrome.

Mixed into :class:`revtrack.store.Store`. Raw bytes are kept zlib-compressed;
:func:`pack` and :func:`unpack` are the only place that knows it.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from revtrack.store.openings import drop_inner_openings

#: A line seen with this many different stories of one site is that site's chrome.
CHROME_STORIES = 3


def pack(raw: bytes) -> bytes:
    """Compress a capture's bytes for storage.

    >>> unpack(pack(b"abc" * 100)) == b"abc" * 100
    True
    """
    return zlib.compress(raw, 1)  # level 1: a 40 MB feed in a quarter of the time of level 6


def unpack(blob: bytes) -> bytes:
    """The capture's bytes from their stored form."""
    return zlib.decompress(blob)


@dataclass(frozen=True)
class StoredCapture:
    """A capture as re-extraction needs it (``raw`` is None before schema v3)."""

    id: int
    path: str
    captured_at: str
    layout: str
    raw: bytes | None
    encoding: str | None
    site: str | None
    layout_choice: str = "auto"


class CaptureQueries:
    """Raw captures, snapshot replacement and learned chrome."""

    conn: sqlite3.Connection

    def stored_captures(self) -> Iterator[StoredCapture]:
        """Every capture, oldest first, with its decompressed bytes (read one at a time)."""
        ids = [row[0] for row in self.conn.execute("SELECT id FROM captures ORDER BY captured_at, id")]
        for capture_id in ids:
            row = self.conn.execute(
                "SELECT id, path, captured_at, layout, raw, encoding, site, layout_choice"
                " FROM captures WHERE id = ?",
                (capture_id,),
            ).fetchone()
            if row is None:  # deleted meanwhile
                continue
            yield StoredCapture(
                row[0], row[1], row[2], row[3], unpack(row[4]) if row[4] else None, row[5], row[6], row[7]
            )

    def set_extraction(
        self, conn: sqlite3.Connection, capture_id: int, extraction: str | None, layout_choice: str
    ) -> bool:
        """Record what extraction did with a capture's lines, and the layout chosen; True if it changed."""
        cur = conn.execute(
            "UPDATE captures SET extraction = ?, layout_choice = ? WHERE id = ?"
            " AND (extraction IS NOT ? OR layout_choice IS NOT ?)",
            (extraction, layout_choice, capture_id, extraction, layout_choice),
        )
        return cur.rowcount > 0

    def capture_snapshots(self, conn: sqlite3.Connection, capture_id: int) -> list[tuple]:
        """``(position, revision_id, outlet, section, date_text, published, url, byline)`` of a capture."""
        return conn.execute(
            "SELECT position, revision_id, outlet, section, date_text, published, url, byline"
            " FROM snapshots WHERE capture_id = ? ORDER BY position",
            (capture_id,),
        ).fetchall()

    def drop_capture_snapshots(self, conn: sqlite3.Connection, capture_id: int, layout: str) -> list[str]:
        """Delete a capture's snapshots (to write them anew); return revisions left with no sighting.

        Those revisions are deleted too: nothing stored shows them any more.
        """
        revisions = [
            r[0]
            for r in conn.execute("SELECT revision_id FROM snapshots WHERE capture_id = ?", (capture_id,))
        ]
        conn.execute("DELETE FROM snapshots WHERE capture_id = ?", (capture_id,))
        conn.execute("UPDATE captures SET layout = ? WHERE id = ?", (layout, capture_id))
        orphans = []
        for rid in sorted(set(revisions)):
            if (
                conn.execute("SELECT 1 FROM snapshots WHERE revision_id = ? LIMIT 1", (rid,)).fetchone()
                is None
            ):
                orphans.append(rid)
                (body,) = conn.execute("SELECT body FROM revisions WHERE id = ?", (rid,)).fetchone()
                drop_inner_openings(conn, rid, body)
                conn.execute(
                    "DELETE FROM sketches WHERE id = (SELECT sketch_id FROM revisions WHERE id = ?)", (rid,)
                )
                conn.execute("DELETE FROM revisions WHERE id = ?", (rid,))
        return orphans

    def chrome_keys(self, site: str | None) -> frozenset[int]:
        """Line keys seen with several stories of ``site`` (its navigation, footers, labels)."""
        if not site:
            return frozenset()
        rows = self.conn.execute(
            "SELECT line_key FROM site_chrome WHERE site = ? AND stories >= ?", (site, CHROME_STORIES)
        )
        return frozenset(row[0] for row in rows)

    def record_site_lines(
        self, conn: sqlite3.Connection, site: str, story_id: str, keys: Iterable[int]
    ) -> None:
        """Note that these lines were seen on a page of ``site`` holding ``story_id``."""
        for key in set(keys):
            cur = conn.execute(
                "INSERT OR IGNORE INTO site_lines (site, line_key, story_id) VALUES (?, ?, ?)",
                (site, key, story_id),
            )
            if cur.rowcount:
                conn.execute(
                    "INSERT INTO site_chrome (site, line_key, stories) VALUES (?, ?, 1)"
                    " ON CONFLICT (site, line_key) DO UPDATE SET stories = stories + 1",
                    (site, key),
                )


def chrome_keys_readonly(db_path: str, site: str | None) -> frozenset[int]:
    """:meth:`CaptureQueries.chrome_keys` on a read-only connection (for worker processes)."""
    from pathlib import Path

    if not site or not Path(db_path).exists():
        return frozenset()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=60)
    try:
        conn.execute("PRAGMA busy_timeout = 60000")
        rows = conn.execute(
            "SELECT line_key FROM site_chrome WHERE site = ? AND stories >= ?", (site, CHROME_STORIES)
        )
        return frozenset(row[0] for row in rows)
    except sqlite3.OperationalError:  # an older store without the table: nothing learned yet
        return frozenset()
    finally:
        conn.close()
