"""SQLite storage: the only module that speaks SQL.

Tables: ``captures`` (one row per distinct file content), ``revisions`` (one row
per distinct text, keyed by :func:`revrack.fingerprint.revision_id`), ``snapshots``
(one row per article found in a capture: a *sighting* of a revision) and
``story_aliases`` (ids of stories merged into another). A revision's ``story_id``
says which story it belongs to.

Every capture is written in one ``BEGIN IMMEDIATE`` transaction, so a failed or
killed ingest leaves the store as it was. WAL mode and a busy timeout let readers
and several writers share the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from revtrack.errors import NotFoundError, StoreError

SCHEMA_VERSION = 1
#: ``PRAGMA application_id`` marking a revtrack store ("revt").
APPLICATION_ID = 0x72657674

_SCHEMA = """
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    captured_at TEXT NOT NULL,
    captured_at_source TEXT NOT NULL,
    layout TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE revisions (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    words INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    first_published TEXT,
    first_captured TEXT NOT NULL,
    sketch BLOB
);
CREATE INDEX revisions_story ON revisions(story_id);
CREATE TABLE snapshots (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    position INTEGER NOT NULL,
    revision_id TEXT NOT NULL REFERENCES revisions(id),
    captured_at TEXT NOT NULL,
    outlet TEXT,
    section TEXT,
    date_text TEXT,
    published TEXT,
    published_precision TEXT,
    url TEXT,
    headline TEXT,
    body TEXT,
    PRIMARY KEY (capture_id, position)
);
CREATE INDEX snapshots_revision ON snapshots(revision_id);
CREATE TABLE story_aliases (
    alias TEXT PRIMARY KEY,
    story_id TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class SnapshotRow:
    """A snapshot ready to be written: one article of a capture and its revision."""

    position: int
    revision_id: str
    captured_at: str
    outlet: str | None
    section: str | None
    date_text: str | None
    published: str | None
    published_precision: str | None
    url: str | None
    headline: str
    body: str
    words: int
    paragraphs: int
    sketch: bytes | None = None


class Store:
    """A revtrack store on one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open or create a store; refuse a file that is not a revtrack store."""
        path = Path(path)
        existed = path.exists() and path.stat().st_size > 0
        if not existed:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 60000")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a revtrack store ({exc})") from None
        if app_id != APPLICATION_ID:
            if tables or existed:
                conn.close()
                raise StoreError(f"{path}: not a revtrack store (left untouched)")
            cls._create(conn)
        elif version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path}: store schema v{version} is newer than this revtrack (v{SCHEMA_VERSION})"
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return cls(conn, str(path))

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                # statement by statement: executescript() would commit mid-transaction
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ----------------------------------------------------------------- writing
    def capture_by_hash(self, content_hash: str) -> str | None:
        """Path under which a capture with these bytes was ingested, if any."""
        row = self.conn.execute(
            "SELECT path FROM captures WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def insert_capture(
        self,
        conn: sqlite3.Connection,
        *,
        path: str,
        content_hash: str,
        captured_at: str,
        captured_at_source: str,
        layout: str,
        ingested_at: str,
    ) -> int:
        """Insert a capture row inside an open transaction and return its id."""
        cur = conn.execute(
            "INSERT INTO captures (path, content_hash, captured_at, captured_at_source, layout,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?)",
            (path, content_hash, captured_at, captured_at_source, layout, ingested_at),
        )
        return int(cur.lastrowid)

    def insert_snapshots(
        self, conn: sqlite3.Connection, capture_id: int, rows: Iterable[SnapshotRow]
    ) -> list[str]:
        """Write snapshots (and new revisions) inside an open transaction.

        Returns the ids of revisions that did not exist before. A revision keeps
        the text with the most paragraphs among its sightings; a sighting whose
        text differs from the revision's keeps its own copy.
        """
        new: list[str] = []
        for row in rows:
            existing = conn.execute(
                "SELECT headline, body, paragraphs FROM revisions WHERE id = ?", (row.revision_id,)
            ).fetchone()
            own_headline: str | None = None
            own_body: str | None = None
            if existing is None:
                conn.execute(
                    "INSERT INTO revisions (id, story_id, headline, body, words, paragraphs,"
                    " first_published, first_captured, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row.revision_id,
                        row.revision_id,
                        row.headline,
                        row.body,
                        row.words,
                        row.paragraphs,
                        row.published,
                        row.captured_at,
                        row.sketch,
                    ),
                )
                new.append(row.revision_id)
            else:
                old_headline, old_body, old_paragraphs = existing
                if row.paragraphs > old_paragraphs:
                    # the new sighting is better structured: it becomes the revision's text
                    conn.execute(
                        "UPDATE snapshots SET headline = ?, body = ? WHERE revision_id = ? AND body IS NULL",
                        (old_headline, old_body, row.revision_id),
                    )
                    conn.execute(
                        "UPDATE revisions SET headline = ?, body = ?, paragraphs = ? WHERE id = ?",
                        (row.headline, row.body, row.paragraphs, row.revision_id),
                    )
                elif (row.headline, row.body) != (old_headline, old_body):
                    own_headline, own_body = row.headline, row.body
                # earliest times over all sightings: independent of ingest order
                conn.execute(
                    "UPDATE revisions SET first_published = CASE WHEN ?1 IS NULL THEN first_published"
                    " WHEN first_published IS NULL THEN ?1 ELSE min(first_published, ?1) END,"
                    " first_captured = min(first_captured, ?2) WHERE id = ?3",
                    (row.published, row.captured_at, row.revision_id),
                )
            conn.execute(
                "INSERT INTO snapshots (capture_id, position, revision_id, captured_at, outlet,"
                " section, date_text, published, published_precision, url, headline, body)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    capture_id,
                    row.position,
                    row.revision_id,
                    row.captured_at,
                    row.outlet,
                    row.section,
                    row.date_text,
                    row.published,
                    row.published_precision,
                    row.url,
                    own_headline,
                    own_body,
                ),
            )
        return new

    # ---------------------------------------------------------------- grouping
    def sketches_after(self, conn: sqlite3.Connection, rowid: int) -> list[tuple[int, str, bytes]]:
        """``(rowid, id, sketch)`` of revisions stored after ``rowid``, in rowid order."""
        return conn.execute(
            "SELECT rowid, id, sketch FROM revisions WHERE rowid > ? AND sketch IS NOT NULL ORDER BY rowid",
            (rowid,),
        ).fetchall()

    def revision_text(self, conn: sqlite3.Connection, revision_id: str) -> tuple[str, str]:
        """Headline and body of one revision."""
        row = conn.execute("SELECT headline, body FROM revisions WHERE id = ?", (revision_id,)).fetchone()
        return row[0], row[1]

    def stories_of(self, conn: sqlite3.Connection, revision_ids: list[str]) -> dict[str, str]:
        """``{revision id: story id}`` for revisions already placed in a story."""
        out: dict[str, str] = {}
        for rid in revision_ids:
            row = conn.execute("SELECT story_id FROM revisions WHERE id = ?", (rid,)).fetchone()
            if row and row[0]:
                out[rid] = row[0]
        return out

    def oldest_revision(self, conn: sqlite3.Connection, revision_ids: list[str]) -> str:
        """The revision that comes first by published time, first capture, then id."""
        marks = ",".join("?" * len(revision_ids))
        return conn.execute(
            f"SELECT id FROM revisions WHERE id IN ({marks})"
            " ORDER BY coalesce(first_published, first_captured), first_captured, id LIMIT 1",
            revision_ids,
        ).fetchone()[0]

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

    # ----------------------------------------------------------------- reading
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

    def story_rows(self) -> list[sqlite3.Row]:
        """One row per story: id, revisions, first_seen, last_seen, last_change, outlets."""
        self.conn.row_factory = sqlite3.Row
        try:
            return self.conn.execute(
                "SELECT r.story_id AS id, count(DISTINCT r.id) AS revisions,"
                " min(s.captured_at) AS first_seen, max(s.captured_at) AS last_seen,"
                " max(coalesce(r.first_published, r.first_captured)) AS last_change,"
                " group_concat(DISTINCT s.outlet) AS outlets"
                " FROM revisions r JOIN snapshots s ON s.revision_id = r.id"
                " GROUP BY r.story_id"
            ).fetchall()
        finally:
            self.conn.row_factory = None

    def latest_headlines(self) -> dict[str, str]:
        """``{story id: headline of its newest revision}``."""
        rows = self.conn.execute(
            "SELECT story_id, headline FROM ("
            " SELECT story_id, headline, row_number() OVER (PARTITION BY story_id"
            "  ORDER BY coalesce(first_published, first_captured) DESC, first_captured DESC, id DESC)"
            "  AS n FROM revisions) WHERE n = 1"
        ).fetchall()
        return dict(rows)

    def revision_rows(self, story_id: str) -> list[sqlite3.Row]:
        """A story's revisions (unordered): id, headline, body, words, first_* times."""
        self.conn.row_factory = sqlite3.Row
        try:
            return self.conn.execute(
                "SELECT id, headline, body, words, first_published, first_captured"
                " FROM revisions WHERE story_id = ?",
                (story_id,),
            ).fetchall()
        finally:
            self.conn.row_factory = None

    def revision_row(self, revision_id: str) -> sqlite3.Row:
        """One revision: id, story_id, headline, body, words, first_* times."""
        self.conn.row_factory = sqlite3.Row
        try:
            row = self.conn.execute(
                "SELECT id, story_id, headline, body, words, first_published, first_captured"
                " FROM revisions WHERE id = ?",
                (revision_id,),
            ).fetchone()
        finally:
            self.conn.row_factory = None
        if row is None:
            raise NotFoundError(f"no revision with id {revision_id}")
        return row

    def sighting_rows(self, revision_ids: list[str]) -> list[sqlite3.Row]:
        """Sightings of the given revisions, oldest capture first."""
        if not revision_ids:
            return []
        marks = ",".join("?" * len(revision_ids))
        self.conn.row_factory = sqlite3.Row
        try:
            return self.conn.execute(
                "SELECT s.revision_id, c.path, s.captured_at, s.published, s.published_precision,"
                " s.date_text, s.outlet, s.section, s.url, s.position,"
                " coalesce(s.headline, r.headline) AS headline"
                " FROM snapshots s JOIN captures c ON c.id = s.capture_id"
                " JOIN revisions r ON r.id = s.revision_id"
                f" WHERE s.revision_id IN ({marks})"
                " ORDER BY s.captured_at, c.path, s.position",
                revision_ids,
            ).fetchall()
        finally:
            self.conn.row_factory = None
