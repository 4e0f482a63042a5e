"""Schema migrations: a store from an older revtrack is upgraded in place, after a backup.

Before anything changes, the whole store is copied (SQLite's online backup) to
``<store>.v<old>-backup``; the upgrade then runs in one transaction, so a
failure leaves the original untouched and the backup beside it.

* v1 -> v2: v1 kept LSH band keys in an ``lsh`` table and 512-byte sketches;
  v2 keeps one 1 KB sketch per revision (band keys plus 16-bit values) and
  no ``lsh`` table, and an index on story aliases' targets. Sketches are
  recomputed from each revision's text.
* v2 -> v3: captures keep their raw bytes (compressed), the encoding they were
  decoded with and their site; snapshots keep a byline; two tables learn each
  site's chrome lines; verified pairs and manual overrides get tables, and the
  stories are regrouped by the new rule (ids kept, or aliased). Captures stored
  before v3 have no raw bytes: they keep what they have, and ``revtrack
  reextract`` says so.
* v3 -> v4: a ``fetched`` table for pages revtrack fetches itself (conditional
  GET validators and the revisit schedule of ``revtrack watch``).
* v4 -> v5: sketches move out of ``revisions`` into a ``sketches`` table of
  their own, in the revisions' order, so loading the LSH index no longer reads
  every stored body (the ``revisions`` table is rewritten without the column).
* v5 -> v6: words are hashed in numpy (:func:`~revtrack.grouping.fingerprint.token_hashes`)
  instead of one xxh3 call each, so every sketch is recomputed from its
  revision's text, and the stories regrouped (candidates come from sketches).
* v6 -> v7: captures record what extraction did with each line (``extraction``:
  the layout's evidence, the words, the dropped lines and why) and the layout
  the user chose (``layout_choice``: auto, plain or page). Captures stored before
  have no record until ``revtrack reextract`` reads them again.

* v7 -> v8: fetched URLs say whether they are a feed or a page (``kind``), so
  every page, however it was first fetched, is on `watch`'s schedule; an index
  on revisions' first capture time lists stories by their last change.
* v8 -> v9: indexes on revisions' headlines and sightings' addresses:
  revisions with one headline, or seen at one address, are candidate versions
  of one story (a stub that grew into a full report shares too few of its words
  for the sketches to pair them), and a pair verified on its own is no longer
  held apart by the word floor of clustering. The stories are regrouped.
* v9 -> v10: revisions keep the key of their opening words (``opening``,
  indexed): a stub and the report it grew into under an edited headline are
  candidates. The stories are regrouped.
* v10 -> v11: an ``inner_openings`` table keeps the key of each later
  paragraph's opening words: a revision whose opening starts a later paragraph
  of another (a new lede written on top, a page saved with its menus) is a
  candidate version of it. The stories are regrouped.

Regrouping, where a step asks for it, runs once the store has the current schema.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from revtrack.errors import StoreError


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a v``version`` store is written before it is upgraded."""
    return path.with_name(f"{path.name}.v{version}-backup")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    from revtrack.grouping.sketch import sketch_blobs

    conn.execute("DROP TABLE IF EXISTS lsh")
    conn.execute("CREATE INDEX IF NOT EXISTS story_aliases_story ON story_aliases(story_id)")
    rows = conn.execute("SELECT id, headline, body FROM revisions").fetchall()
    for start in range(0, len(rows), 2048):
        part = rows[start : start + 2048]
        blobs = sketch_blobs([(h, b) for _, h, b in part])
        conn.executemany(
            "UPDATE revisions SET sketch = ? WHERE id = ?",
            [(blob, rid) for blob, (rid, _, _) in zip(blobs, part, strict=True)],
        )


def _v2_to_v3(conn: sqlite3.Connection) -> bool:
    from revtrack.store.schema import SCHEMA

    for column in ("raw BLOB", "encoding TEXT", "site TEXT"):
        conn.execute(f"ALTER TABLE captures ADD COLUMN {column}")
    conn.execute("ALTER TABLE snapshots ADD COLUMN byline TEXT")
    for statement in SCHEMA.split(";"):
        if any(
            f"CREATE {what} {name}" in statement
            for what in ("TABLE", "INDEX")
            for name in ("site_", "story_edges", "story_overrides", "revisions_change")
        ):
            conn.execute(statement)
    return True  # stories were formed by an older rule: they are formed anew


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    _create_from_schema(conn, ("CREATE TABLE fetched", "CREATE INDEX fetched_"))


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    _create_from_schema(conn, ("CREATE TABLE sketches",))
    conn.execute(
        "INSERT INTO sketches (revision_id, sketch)"
        " SELECT id, sketch FROM revisions WHERE sketch IS NOT NULL ORDER BY rowid"
    )
    conn.execute("ALTER TABLE revisions ADD COLUMN sketch_id INTEGER")
    conn.execute("CREATE INDEX sketches_revision_v5 ON sketches(revision_id)")  # for this step only
    conn.execute(
        "UPDATE revisions SET sketch_id = (SELECT id FROM sketches WHERE revision_id = revisions.id)"
    )
    conn.execute("DROP INDEX sketches_revision_v5")
    conn.execute("ALTER TABLE revisions DROP COLUMN sketch")


def _v5_to_v6(conn: sqlite3.Connection) -> bool:
    from revtrack.grouping.sketch import sketch_blobs

    conn.execute("DELETE FROM sketches WHERE revision_id NOT IN (SELECT id FROM revisions)")
    last = 0
    while True:  # a slice at a time: a million bodies are never held at once
        rows = conn.execute(
            "SELECT s.id, r.headline, r.body FROM sketches s JOIN revisions r ON r.id = s.revision_id"
            " WHERE s.id > ? ORDER BY s.id LIMIT 2048",
            (last,),
        ).fetchall()
        if not rows:
            return True  # new sketches, new candidate pairs: the stories are formed anew
        blobs = sketch_blobs([(headline, body) for _, headline, body in rows])
        conn.executemany(
            "UPDATE sketches SET sketch = ? WHERE id = ?",
            [(blob, sid) for blob, (sid, _, _) in zip(blobs, rows, strict=True)],
        )
        last = rows[-1][0]


def _v6_to_v7(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE captures ADD COLUMN extraction TEXT")
    conn.execute("ALTER TABLE captures ADD COLUMN layout_choice TEXT NOT NULL DEFAULT 'auto'")


def _v7_to_v8(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(fetched)")}
    if "kind" not in columns:  # a v3 -> v4 step run by this revtrack made the table with it
        conn.execute("ALTER TABLE fetched ADD COLUMN kind TEXT NOT NULL DEFAULT 'page'")
        # before v8 only feeds were recorded without the hash of stored bytes
        conn.execute("UPDATE fetched SET kind = 'feed' WHERE content_hash IS NULL")
    conn.execute("CREATE INDEX IF NOT EXISTS revisions_seen ON revisions(first_captured)")


def _v8_to_v9(conn: sqlite3.Connection) -> bool:
    conn.execute("CREATE INDEX IF NOT EXISTS revisions_headline ON revisions(headline)")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS snapshots_url ON snapshots(url, revision_id) WHERE url IS NOT NULL"
    )
    return True  # same-headline candidates and the clustering rule change the stories


def _v9_to_v10(conn: sqlite3.Connection) -> bool:
    from revtrack.grouping.fingerprint import opening_key

    if "opening" not in {row[1] for row in conn.execute("PRAGMA table_info(revisions)")}:
        conn.execute("ALTER TABLE revisions ADD COLUMN opening INTEGER")
    last = 0  # a slice at a time, by rowid: no cursor stays open over rows being updated
    while batch := conn.execute(
        "SELECT rowid, body FROM revisions WHERE rowid > ? ORDER BY rowid LIMIT 10000", (last,)
    ).fetchall():
        conn.executemany(
            "UPDATE revisions SET opening = ? WHERE rowid = ?", [(opening_key(b), r) for r, b in batch]
        )
        last = batch[-1][0]
    conn.execute(
        "CREATE INDEX IF NOT EXISTS revisions_opening ON revisions(opening) WHERE opening IS NOT NULL"
    )
    return True  # same-opening candidates join stubs to the reports they grew into


def _v10_to_v11(conn: sqlite3.Connection) -> bool:
    from revtrack.store.openings import add_inner_openings

    # a store aged by hand (tests take a current store back) may have the table already
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'inner_openings'").fetchone() is None:
        _create_from_schema(conn, ("CREATE TABLE inner_openings",))
    conn.execute("DELETE FROM inner_openings")
    last = 0  # a slice at a time, by rowid, as in v9 -> v10
    while batch := conn.execute(
        "SELECT rowid, id, body FROM revisions WHERE rowid > ? ORDER BY rowid LIMIT 10000", (last,)
    ).fetchall():
        for _, rid, body in batch:
            add_inner_openings(conn, rid, body)
        last = batch[-1][0]
    return True  # openings found inside other revisions are candidates: the stories change


def _create_from_schema(conn: sqlite3.Connection, starts: tuple[str, ...]) -> None:
    """Run the current schema's statements that begin with one of ``starts``."""
    from revtrack.store.schema import SCHEMA

    for statement in SCHEMA.split(";"):
        if statement.strip().startswith(starts):
            conn.execute(statement)


#: Each step upgrades one version; a step returning True asks for the stories to be
#: regrouped once the store has the current schema.
MIGRATIONS = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
    8: _v8_to_v9,
    9: _v9_to_v10,
    10: _v10_to_v11,
}


def migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Upgrade ``conn`` from ``version`` to the current schema, backing up first."""
    from revtrack.store.schema import SCHEMA_VERSION

    target = backup_path(path, version)
    try:
        with sqlite3.connect(str(target)) as copy:
            conn.backup(copy)
        copy.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot write backup {target} before upgrading ({exc})") from None
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
        regroup_after = False
        while current < SCHEMA_VERSION:
            if current not in MIGRATIONS:
                raise StoreError(f"{path}: no upgrade from store schema v{current}")
            regroup_after = bool(MIGRATIONS[current](conn)) or regroup_after
            current += 1
            conn.execute(f"PRAGMA user_version = {current}")
        if regroup_after:
            from revtrack.grouping.stories import regroup
            from revtrack.store import Store

            regroup(Store(conn, str(conn)), conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
