"""SQLite storage: the only package that speaks SQL.

Tables (``schema.py``): ``captures`` (one row per distinct file content, its raw
bytes kept and what extraction did with each line), ``revisions`` (one row per
distinct text, keyed by :func:`revtrack.grouping.fingerprint.revision_id`; its
``story_id`` says which story it belongs to), ``sketches`` (each revision's
MinHash sketch), ``snapshots`` (one row per article found in a capture: a
*sighting* of a revision), ``story_aliases`` (ids of stories merged into
another), ``story_edges`` (verified pairs), ``story_overrides`` (manual merges
and splits), ``site_lines`` and ``site_chrome`` (each site's learned chrome) and
``fetched`` (pages and feeds revtrack fetched: validators and the revisit
schedule). The queries are grouped by concern in ``captures.py``, ``reads.py``,
``grouping.py`` and ``fetched.py``; upgrades of older stores in ``migrate.py``.

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

from revtrack.errors import StoreError
from revtrack.store.captures import CaptureQueries
from revtrack.store.failures import explain, lost_wal
from revtrack.store.fetched import FetchedQueries
from revtrack.store.grouping import GroupingQueries
from revtrack.store.migrate import migrate
from revtrack.store.reads import ReadQueries
from revtrack.store.schema import APPLICATION_ID, SCHEMA, SCHEMA_VERSION


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
    byline: str | None = None


class Store(ReadQueries, GroupingQueries, CaptureQueries, FetchedQueries):
    """A revtrack store on one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open or create a store; refuse a file that is not a revtrack store.

        ``create=False`` (read commands): a store that does not exist is an error,
        and nothing is created, not even its folder.
        """
        path = Path(path)
        try:
            existed = path.stat().st_size > 0
        except (FileNotFoundError, NotADirectoryError):
            existed = False
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the store ({exc.strerror or exc})") from None
        if not existed and not create:
            raise StoreError(f"{path}: no store here; ingest captures into it first (revtrack ingest PATH)")
        if not existed:
            blocker = next((p for p in reversed(path.parents) if p.exists() and not p.is_dir()), None)
            if blocker is not None:
                raise StoreError(f"{path}: cannot create the store: {blocker} is a file, not a folder")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{path}: cannot create the store's folder {path.parent} ({exc.strerror or exc})"
                ) from None
        if existed and Path(f"{path}-shm").exists() and not Path(f"{path}-wal").exists():
            raise lost_wal(path)
        try:
            conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        except sqlite3.Error as exc:
            raise explain(exc, path) from None
        try:
            return cls._ready(conn, path, existed)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _ready(cls, conn: sqlite3.Connection, path: Path, existed: bool) -> Store:
        """Check the opened file is a revtrack store of a known schema (creating or migrating it)."""
        try:
            conn.execute("PRAGMA busy_timeout = 60000")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as exc:
            raise explain(exc, path) from None
        if app_id != APPLICATION_ID:
            if tables or existed:
                raise StoreError(f"{path}: not a revtrack store (left untouched)")
            cls._create(conn)
        elif version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: store schema v{version} is newer than this revtrack (v{SCHEMA_VERSION})"
            )
        elif version < SCHEMA_VERSION:
            migrate(conn, path, version)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            raise explain(exc, path) from None
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return cls(conn, str(path))

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        # 16 KB pages (SQLite's default is 4 KB): an article's body then fits on its row's
        # page instead of a chain of overflow pages, which every read of the sketch stored
        # after it had to walk (the figures: docs/benchmarks.md, Ingest)
        conn.execute("PRAGMA page_size = 16384")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                # statement by statement: executescript() would commit mid-transaction
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
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
    def reading(self) -> Iterator[None]:
        """Several reads that see one state of the store, whatever other processes commit meanwhile."""
        if self.conn.in_transaction:  # already inside one: it is consistent already
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            # SQLite rolls back by itself after some errors (a full disk, a file-size
            # limit): a second ROLLBACK would fail and hide the real error
            if self.conn.in_transaction:
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
        raw: bytes | None = None,
        encoding: str | None = None,
        site: str | None = None,
        extraction: str | None = None,
        layout_choice: str = "auto",
    ) -> int:
        """Insert a capture row inside an open transaction and return its id.

        ``raw`` is the capture's bytes, already compressed (see :mod:`revtrack.store.captures`);
        ``extraction`` is what extraction did with its lines, as JSON
        (:class:`revtrack.extract.accounting.Accounting`).
        """
        cur = conn.execute(
            "INSERT INTO captures (path, content_hash, captured_at, captured_at_source, layout,"
            " ingested_at, raw, encoding, site, extraction, layout_choice)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path,
                content_hash,
                captured_at,
                captured_at_source,
                layout,
                ingested_at,
                raw,
                encoding,
                site,
                extraction,
                layout_choice,
            ),
        )
        return int(cur.lastrowid)

    def write_raw(self, conn: sqlite3.Connection, capture_id: int, fileobj, size: int) -> None:
        """Store a capture's (already compressed) bytes from a file, a megabyte at a time."""
        conn.execute("UPDATE captures SET raw = zeroblob(?) WHERE id = ?", (size, capture_id))
        with conn.blobopen("captures", "raw", capture_id) as blob:
            while chunk := fileobj.read(1 << 20):
                blob.write(chunk)

    def insert_snapshots(
        self, conn: sqlite3.Connection, capture_id: int, rows: Iterable[SnapshotRow]
    ) -> list[str]:
        """Write snapshots (and new revisions) inside an open transaction.

        Returns the ids of revisions that did not exist before. A revision keeps
        the text with the most paragraphs among its sightings; a sighting whose
        text differs from the revision's keeps its own copy.
        """
        from revtrack.store.snapshots import write_snapshot

        return [row.revision_id for row in rows if write_snapshot(conn, capture_id, row)]


def capture_known(db_path: str, content_hash: str) -> bool:
    """Whether a capture with these bytes is stored, read-only (for worker processes)."""
    if not Path(db_path).exists():
        return False
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=60)
    try:
        conn.execute("PRAGMA busy_timeout = 60000")
        row = conn.execute("SELECT 1 FROM captures WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None
    finally:
        conn.close()


__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SnapshotRow", "Store", "capture_known"]
