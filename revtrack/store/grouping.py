"""SQL used by story grouping (mixed into :class:`revtrack.store.Store`)."""

from __future__ import annotations

import sqlite3


class GroupingQueries:
    """Reads and writes of revisions' sketches and story membership."""

    def sketches_after(self, conn: sqlite3.Connection, rowid: int) -> list[tuple[int, str, bytes]]:
        """``(rowid, id, sketch)`` of revisions stored after ``rowid``, in rowid order."""
        return conn.execute(
            "SELECT rowid, id, sketch FROM revisions WHERE rowid > ? AND sketch IS NOT NULL ORDER BY rowid",
            (rowid,),
        ).fetchall()

    def revision_text(self, conn: sqlite3.Connection, revision_id: str) -> tuple[str, str] | None:
        """Headline and body of one revision (None when it is no longer stored)."""
        row = conn.execute("SELECT headline, body FROM revisions WHERE id = ?", (revision_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def stories_of(self, conn: sqlite3.Connection, revision_ids: list[str]) -> dict[str, str]:
        """``{revision id: story id}`` for revisions already placed in a story."""
        out: dict[str, str] = {}
        for rid in revision_ids:
            row = conn.execute("SELECT story_id FROM revisions WHERE id = ?", (rid,)).fetchone()
            if row and row[0]:
                out[rid] = row[0]
        return out

    def oldest_revision(self, conn: sqlite3.Connection, revision_ids: list[str]) -> str:
        """The revision that comes first by published time, first capture, then id.

        Ids that are no longer stored (a story id whose first revision was
        re-extracted away) rank after stored ones, by id.
        """
        marks = ",".join("?" * len(revision_ids))
        row = conn.execute(
            f"SELECT id FROM revisions WHERE id IN ({marks})"
            " ORDER BY coalesce(first_published, first_captured), first_captured, id LIMIT 1",
            revision_ids,
        ).fetchone()
        return row[0] if row else sorted(revision_ids)[0]

    def story_size(self, conn: sqlite3.Connection, story_id: str) -> int:
        """How many revisions a story holds."""
        return conn.execute("SELECT count(*) FROM revisions WHERE story_id = ?", (story_id,)).fetchone()[0]

    def set_story(
        self, conn: sqlite3.Connection, members: list[str], old_stories: list[str], story_id: str
    ) -> None:
        """Put ``members`` and every revision of ``old_stories`` into ``story_id``.

        Old story ids that disappear become aliases of the new id.
        """
        for rid in members:
            conn.execute("UPDATE revisions SET story_id = ? WHERE id = ?", (story_id, rid))
        for old in old_stories:
            if old == story_id:
                continue
            conn.execute("UPDATE revisions SET story_id = ? WHERE story_id = ?", (story_id, old))
            conn.execute("UPDATE story_aliases SET story_id = ? WHERE story_id = ?", (story_id, old))
            conn.execute(
                "INSERT OR REPLACE INTO story_aliases (alias, story_id) VALUES (?, ?)", (old, story_id)
            )
        conn.execute("DELETE FROM story_aliases WHERE alias = ?", (story_id,))

    def all_revision_texts(self, conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
        """``(id, story_id, headline, body)`` of every revision, in rowid order."""
        return conn.execute("SELECT id, story_id, headline, body FROM revisions ORDER BY rowid").fetchall()

    def apply_partition(
        self, conn: sqlite3.Connection, story_of: dict[str, str], aliases: dict[str, str]
    ) -> None:
        """Set each revision's story, and point retired story ids (``aliases``) at their successors."""
        conn.executemany(
            "UPDATE revisions SET story_id = ? WHERE id = ?", [(s, r) for r, s in story_of.items()]
        )
        live = set(story_of.values())
        for old, new in aliases.items():
            conn.execute("UPDATE story_aliases SET story_id = ? WHERE story_id = ?", (new, old))
            conn.execute("INSERT OR REPLACE INTO story_aliases (alias, story_id) VALUES (?, ?)", (old, new))
        # an id that names a live story again is no longer an alias
        for story in live:
            conn.execute("DELETE FROM story_aliases WHERE alias = ?", (story,))
