"""Read queries (mixed into :class:`revtrack.store.Store`)."""

from __future__ import annotations

import sqlite3

from revtrack.errors import NotFoundError


class ReadQueries:
    """Counts, id resolution, stories, revisions and sightings."""

    conn: sqlite3.Connection

    def _rows(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        """Rows addressable by column name; the row factory is set on this cursor only."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def counts(self) -> dict[str, int]:
        """Row counts: captures, snapshots, revisions, stories."""
        q = self.conn.execute
        return {
            "captures": q("SELECT count(*) FROM captures").fetchone()[0],
            "snapshots": q("SELECT count(*) FROM snapshots").fetchone()[0],
            "revisions": q("SELECT count(*) FROM revisions").fetchone()[0],
            "stories": q("SELECT count(DISTINCT story_id) FROM revisions").fetchone()[0],
        }

    def resolve(self, kind: str, prefix: str) -> str:
        """Expand a hex id prefix of a ``story`` or ``revision`` (unambiguous, like git)."""
        prefix = prefix.strip().lower()
        if not prefix or any(c not in "0123456789abcdef" for c in prefix):
            raise NotFoundError(f"{prefix!r} is not a {kind} id (hex digits expected)")
        column = "story_id" if kind == "story" else "id"
        hi = prefix + "g"  # 'g' sorts after every hex digit: a range scan on the index
        rows = self.conn.execute(
            f"SELECT DISTINCT {column} FROM revisions WHERE {column} >= ? AND {column} < ? LIMIT 2",
            (prefix, hi),
        ).fetchall()
        if kind == "story" and not rows:
            rows = self.conn.execute(
                "SELECT DISTINCT story_id FROM story_aliases WHERE alias >= ? AND alias < ? LIMIT 2",
                (prefix, hi),
            ).fetchall()
        if not rows:
            raise NotFoundError(f"no {kind} with id {prefix}")
        if len(rows) > 1:
            raise NotFoundError(f"{kind} id {prefix} is ambiguous: give more digits")
        return rows[0][0]

    def story_rows(self, story_ids: list[str] | None = None) -> list[sqlite3.Row]:
        """One row per story (all, or these): id, revisions, first_seen, last_seen, last_change,
        last_published, outlets. ``last_change`` is when its newest wording was first captured."""
        where, params = self._in("r.story_id", story_ids)
        return self._rows(
            "SELECT r.story_id AS id, count(DISTINCT r.id) AS revisions,"
            " min(s.captured_at) AS first_seen, max(s.captured_at) AS last_seen,"
            " max(r.first_captured) AS last_change, max(r.first_published) AS last_published,"
            " group_concat(DISTINCT s.outlet) AS outlets"
            " FROM revisions r JOIN snapshots s ON s.revision_id = r.id" + where + " GROUP BY r.story_id",
            params,
        )

    def latest_headlines(self, story_ids: list[str] | None = None) -> dict[str, str]:
        """``{story id: headline of its newest revision}`` (all stories, or these)."""
        where, params = self._in("story_id", story_ids)
        rows = self.conn.execute(
            "SELECT story_id, headline FROM ("
            " SELECT story_id, headline, row_number() OVER (PARTITION BY story_id"
            "  ORDER BY coalesce(first_published, first_captured) DESC, first_captured DESC, id DESC)"
            "  AS n FROM revisions" + where + ") WHERE n = 1",
            params,
        ).fetchall()
        return dict(rows)

    @staticmethod
    def _in(column: str, values: list[str] | None) -> tuple[str, list[str]]:
        if values is None:
            return "", []
        return f" WHERE {column} IN ({','.join('?' * len(values))})", list(values)

    def recent_story_ids(self, limit: int) -> list[str]:
        """The ``limit`` most recently changed stories, newest first, read off an index.

        A story's last change is when its newest wording was first captured, so
        walking revisions by first capture time and keeping each story's first
        appearance gives the order without aggregating the whole store.
        """
        out: dict[str, None] = {}
        cursor = self.conn.execute("SELECT story_id FROM revisions ORDER BY first_captured DESC")
        for (story_id,) in cursor:
            out.setdefault(story_id)
            if len(out) >= limit:
                break
        cursor.close()
        return list(out)

    def newest_capture_id(self) -> int:
        """The id of the newest capture (0 for an empty store)."""
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM captures").fetchone()[0]

    def story_count(self) -> int:
        """How many stories there are."""
        return self.conn.execute("SELECT count(DISTINCT story_id) FROM revisions").fetchone()[0]

    def revision_rows(self, story_id: str) -> list[sqlite3.Row]:
        """A story's revisions (unordered): id, headline, body, words, first_* times."""
        return self._rows(
            "SELECT id, headline, body, words, first_published, first_captured"
            " FROM revisions WHERE story_id = ?",
            (story_id,),
        )

    def revision_row(self, revision_id: str) -> sqlite3.Row:
        """One revision: id, story_id, headline, body, words, first_* times."""
        rows = self._rows(
            "SELECT id, story_id, headline, body, words, first_published, first_captured"
            " FROM revisions WHERE id = ?",
            (revision_id,),
        )
        if not rows:
            raise NotFoundError(f"no revision with id {revision_id}")
        return rows[0]

    def sighting_rows(self, revision_ids: list[str]) -> list[sqlite3.Row]:
        """Sightings of the given revisions, oldest capture first."""
        if not revision_ids:
            return []
        marks = ",".join("?" * len(revision_ids))
        return self._rows(
            "SELECT s.revision_id, c.path, s.captured_at, s.published, s.published_precision,"
            " s.date_text, s.outlet, s.section, s.url, s.position, s.byline,"
            " coalesce(s.headline, r.headline) AS headline, c.layout, c.layout_choice, c.extraction"
            " FROM snapshots s JOIN captures c ON c.id = s.capture_id"
            " JOIN revisions r ON r.id = s.revision_id"
            f" WHERE s.revision_id IN ({marks})"
            " ORDER BY s.captured_at, c.path, s.position",
            revision_ids,
        )

    def iter_revisions_by_story(self, since: str | None = None):
        """Every revision with its story, a story's revisions together and oldest first (a cursor).

        ``since`` (ISO time) keeps the stories that have a revision first captured then or later.
        """
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        where = ""
        params: tuple = ()
        if since:
            where = " WHERE story_id IN (SELECT story_id FROM revisions WHERE first_captured >= ?)"
            params = (since,)
        return cursor.execute(
            "SELECT id, story_id, headline, body, words, first_published, first_captured FROM revisions"
            + where
            + " ORDER BY story_id, coalesce(first_published, first_captured), first_captured, id",
            params,
        )
