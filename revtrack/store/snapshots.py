"""Writing one sighting: its snapshot row, and its revision created or brought up to date.

Named placeholders: each value is bound by the column's name, not by its place
in a long tuple.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from revtrack.grouping.fingerprint import opening_key
from revtrack.store.openings import add_inner_openings, drop_inner_openings

if TYPE_CHECKING:
    from revtrack.store import SnapshotRow


def write_snapshot(conn: sqlite3.Connection, capture_id: int, row: SnapshotRow) -> bool:
    """Store one sighting inside an open transaction; True when its revision is new."""
    existing = conn.execute(
        "SELECT headline, body, paragraphs FROM revisions WHERE id = ?", (row.revision_id,)
    ).fetchone()
    own_text = None
    if existing is None:
        _new_revision(conn, row)
    else:
        own_text = _seen_again(conn, row, *existing)
    own_headline, own_body = own_text or (None, None)
    conn.execute(
        "INSERT INTO snapshots (capture_id, position, revision_id, captured_at, outlet, section,"
        " date_text, published, published_precision, url, headline, body, byline)"
        " VALUES (:capture_id, :position, :revision_id, :captured_at, :outlet, :section,"
        " :date_text, :published, :published_precision, :url, :headline, :body, :byline)",
        {
            "capture_id": capture_id,
            "position": row.position,
            "revision_id": row.revision_id,
            "captured_at": row.captured_at,
            "outlet": row.outlet,
            "section": row.section,
            "date_text": row.date_text,
            "published": row.published,
            "published_precision": row.published_precision,
            "url": row.url,
            "headline": own_headline,
            "body": own_body,
            "byline": row.byline,
        },
    )
    return existing is None


def _new_revision(conn: sqlite3.Connection, row: SnapshotRow) -> None:
    """A revision seen for the first time: its text, times and sketch (a story of its own until grouped)."""
    sketch_id = None
    if row.sketch is not None:
        sketch_id = conn.execute(
            "INSERT INTO sketches (revision_id, sketch) VALUES (?, ?)", (row.revision_id, row.sketch)
        ).lastrowid
    conn.execute(
        "INSERT INTO revisions (id, story_id, headline, body, words, paragraphs, first_published,"
        " first_captured, sketch_id, opening) VALUES (:id, :id, :headline, :body, :words, :paragraphs,"
        " :published, :captured, :sketch_id, :opening)",
        {
            "id": row.revision_id,
            "headline": row.headline,
            "body": row.body,
            "words": row.words,
            "paragraphs": row.paragraphs,
            "published": row.published,
            "captured": row.captured_at,
            "sketch_id": sketch_id,
            "opening": opening_key(row.body),
        },
    )
    add_inner_openings(conn, row.revision_id, row.body)


def _seen_again(
    conn: sqlite3.Connection, row: SnapshotRow, old_headline: str, old_body: str, old_paragraphs: int
) -> tuple[str, str] | None:
    """A known revision seen again: the better-structured text kept, the earliest times kept.

    Returns the sighting's own ``(headline, body)`` when they differ from the revision's.
    """
    own = None
    if row.paragraphs > old_paragraphs:
        # the new sighting is better structured: it becomes the revision's text, and the
        # sightings that had the revision's text keep the old one as their own
        conn.execute(
            "UPDATE snapshots SET headline = ?, body = ? WHERE revision_id = ? AND body IS NULL",
            (old_headline, old_body, row.revision_id),
        )
        conn.execute(
            "UPDATE revisions SET headline = ?, body = ?, paragraphs = ?, opening = ? WHERE id = ?",
            (row.headline, row.body, row.paragraphs, opening_key(row.body), row.revision_id),
        )
        drop_inner_openings(conn, row.revision_id, old_body)
        add_inner_openings(conn, row.revision_id, row.body)
    elif (row.headline, row.body) != (old_headline, old_body):
        own = (row.headline, row.body)
    # earliest times over all sightings: independent of ingest order
    conn.execute(
        "UPDATE revisions SET first_published = CASE WHEN :published IS NULL THEN first_published"
        " WHEN first_published IS NULL THEN :published ELSE min(first_published, :published) END,"
        " first_captured = min(first_captured, :captured) WHERE id = :id",
        {"published": row.published, "captured": row.captured_at, "id": row.revision_id},
    )
    return own
