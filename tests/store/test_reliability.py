"""Crashes, concurrent writers, old and damaged stores: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from revtrack.cli import main
from revtrack.ingest import ingest_paths
from revtrack.store import APPLICATION_ID, Store
from revtrack.store.migrate import backup_path
from revtrack.store.schema import SCHEMA_VERSION
from tests.support import settle

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402

# one worker runs them all: the module's generated feed and its two reference stores are built
# once, not once per worker (5 s of the suite's budget)
pytestmark = pytest.mark.xdist_group("reliability")


def content(db: Path) -> dict:
    """Everything an ingest decides, without times that depend on the run (ingested_at, rowids)."""
    conn = sqlite3.connect(db)
    try:
        return {
            "captures": sorted(
                conn.execute(
                    "SELECT path, content_hash, captured_at, captured_at_source, layout FROM captures"
                )
            ),
            "revisions": sorted(
                conn.execute(
                    "SELECT id, story_id, headline, body, words, paragraphs, first_published, first_captured"
                    " FROM revisions"
                )
            ),
            "sketches": sorted(conn.execute("SELECT revision_id, sketch FROM sketches")),
            "snapshots": sorted(
                conn.execute(
                    "SELECT c.path, s.position, s.revision_id, s.captured_at, s.outlet, s.published, s.body"
                    " FROM snapshots s JOIN captures c ON c.id = s.capture_id"
                )
            ),
            "aliases": sorted(conn.execute("SELECT alias, story_id FROM story_aliases")),
        }
    finally:
        conn.close()


#: Articles per capture of the module's feed: 24 captures, so a kill can land before, in and
#: after the middle one; kept small because every test here ingests the whole feed once or twice.
PER_CAPTURE = 20


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    """24 JSON Lines captures of ``PER_CAPTURE`` articles each, versions spread across files."""
    folder = tmp_path_factory.mktemp("feed")
    docs = generate(n_stories=380, seed=5)[: 24 * PER_CAPTURE]
    for n in range(24):
        with (folder / f"cap{n:02d}.jsonl").open("w") as fh:
            for d in docs[n * PER_CAPTURE : (n + 1) * PER_CAPTURE]:
                fh.write(
                    json.dumps({"headline": d.headline, "body": d.body, "published": "2026-01-01"}) + "\n"
                )
    return folder


@pytest.fixture(scope="module")
def reference(feed, tmp_path_factory) -> dict:
    """The store an uninterrupted, single-process ingest produces."""
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    with Store.open(db) as store:
        report = ingest_paths(store, [feed])
    assert report.captures == 24 and not report.errors
    return content(db)


def _ingest_cmd(feed: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "revtrack",
        "ingest",
        str(feed),
        "--db",
        str(db),
        "--captured-at",
        "2026-02-01",
    ]


def _captures(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM captures").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def reference_at(feed, tmp_path_factory) -> dict:
    """Like ``reference`` but with the capture time the subprocess tests use."""
    db = tmp_path_factory.mktemp("ref2") / "ref.db"
    subprocess.run(
        _ingest_cmd(feed, db), check=True, capture_output=True, env=os.environ | {"PYTHONPATH": str(ROOT)}
    )
    return content(db)


@pytest.mark.parametrize("kill_after", [1, 7, 16])
def test_kill_9_mid_ingest_then_rerun(feed, tmp_path, reference_at, kill_after):
    db = tmp_path / "killed.db"
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        _ingest_cmd(feed, db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _captures(db) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the ingest ended before the kill: the feed is too small to test a crash"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # no partial capture: every capture has all its snapshots, no snapshot lacks a capture
    counts = conn.execute(
        "SELECT c.id, count(s.position) FROM captures c LEFT JOIN snapshots s ON s.capture_id = c.id GROUP BY c.id"
    ).fetchall()
    assert all(n == PER_CAPTURE for _, n in counts)
    assert (
        conn.execute(
            "SELECT count(*) FROM snapshots WHERE capture_id NOT IN (SELECT id FROM captures)"
        ).fetchone()[0]
        == 0
    )
    assert (
        conn.execute(
            "SELECT count(*) FROM revisions WHERE id NOT IN (SELECT revision_id FROM snapshots)"
        ).fetchone()[0]
        == 0
    )
    conn.close()
    assert len(counts) >= kill_after - 1
    subprocess.run(_ingest_cmd(feed, db), check=True, env=env, capture_output=True)
    assert content(db) == reference_at


def test_two_writers_and_a_reader(feed, tmp_path, reference_at):
    db = tmp_path / "shared.db"
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    Store.open(db).close()  # created once, as a user's first command would
    writers = [
        subprocess.Popen(
            _ingest_cmd(feed, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    reads = 0
    while any(w.poll() is None for w in writers):
        with Store.open(db) as store:  # the TUI's read path, while both write
            store.story_rows()
            store.counts()
        reads += 1
    outputs = [w.communicate() for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    assert not any("locked" in out + err for out, err in outputs)
    assert reads > 0
    assert content(db) == reference_at


def _write_v1_store(path: Path) -> None:
    """A store as the first schema (v1) wrote it: an lsh table and 512-byte sketches."""
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE captures (id INTEGER PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,
            captured_at TEXT NOT NULL, captured_at_source TEXT NOT NULL, layout TEXT NOT NULL,
            ingested_at TEXT NOT NULL);
        CREATE TABLE revisions (id TEXT PRIMARY KEY, story_id TEXT NOT NULL, headline TEXT NOT NULL,
            body TEXT NOT NULL, words INTEGER NOT NULL, paragraphs INTEGER NOT NULL, first_published TEXT,
            first_captured TEXT NOT NULL, sketch BLOB);
        CREATE INDEX revisions_story ON revisions(story_id);
        CREATE TABLE snapshots (capture_id INTEGER NOT NULL REFERENCES captures(id), position INTEGER NOT NULL,
            revision_id TEXT NOT NULL REFERENCES revisions(id), captured_at TEXT NOT NULL, outlet TEXT,
            section TEXT, date_text TEXT, published TEXT, published_precision TEXT, url TEXT, headline TEXT,
            body TEXT, PRIMARY KEY (capture_id, position));
        CREATE INDEX snapshots_revision ON snapshots(revision_id);
        CREATE TABLE lsh (key INTEGER NOT NULL, revision_id TEXT NOT NULL);
        CREATE INDEX lsh_key ON lsh(key);
        CREATE TABLE story_aliases (alias TEXT PRIMARY KEY, story_id TEXT NOT NULL);
        """
    )
    conn.execute(
        "INSERT INTO captures VALUES (1, 'old.txt', 'h1', '2025-01-01T00:00:00Z', 'option', 'plain', 'x')"
    )
    body = (
        "The port authority of Velmora approved a 40 million dollar expansion of the northern container "
        "terminal on Tuesday, ending a two-year dispute with the dockworkers union, officials said."
    )
    conn.execute(
        "INSERT INTO revisions VALUES ('ab12', 'ab12', 'Port expansion approved', ?, 25, 1, NULL,"
        " '2025-01-01T00:00:00Z', ?)",
        (body, b"\0" * 512),
    )
    conn.execute(
        "INSERT INTO snapshots VALUES (1, 0, 'ab12', '2025-01-01T00:00:00Z', NULL, NULL, NULL, NULL, NULL,"
        " NULL, NULL, NULL)"
    )
    conn.execute("INSERT INTO lsh VALUES (42, 'ab12')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_old_store_is_migrated_after_a_backup(tmp_path):
    db = tmp_path / "old.db"
    _write_v1_store(db)
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "lsh" not in tables and {"site_lines", "site_chrome"} <= tables
        # v3: captures stored before raw bytes were kept have none, and say so
        assert store.conn.execute("SELECT raw, encoding FROM captures").fetchone() == (None, None)
        (sketch,) = store.conn.execute("SELECT sketch FROM sketches WHERE revision_id = 'ab12'").fetchone()
        assert len(sketch) == 1024
        assert store.counts()["snapshots"] == 1
    backup = backup_path(db, 1)
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM lsh").fetchone()[0] == 1
    old.close()
    # the migrated store keeps working: a new version of the story joins it
    new = tmp_path / "new.jsonl"
    body2 = (
        "The port authority of Velmora approved a 40 million dollar expansion of the northern container "
        "terminal on Tuesday, ending a two-year dispute with the dockworkers union, officials said on Wednesday."
    )
    new.write_text(json.dumps({"headline": "Port expansion approved", "body": body2}) + "\n")
    with Store.open(db) as store:
        ingest_paths(store, [new])
        assert store.counts()["stories"] == 1


def _as_v7_store(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    _without_v8_columns(conn)
    now = "2026-03-02T12:00:00Z"
    for url, digest in (("http://x/feed.xml", None), ("http://x/page", "ab12")):
        conn.execute(
            "INSERT INTO fetched (url, content_hash, first_fetched, last_fetched, last_changed)"
            " VALUES (?, ?, ?, ?, ?)",
            (url, digest, now, now, now),
        )
    conn.execute("PRAGMA user_version = 7")
    conn.close()


def test_v7_store_learns_which_fetched_urls_are_feeds(half_store, feed, tmp_path, reference):
    """v8 tells feeds from pages, so every fetched page is on watch's schedule."""

    def check(conn):
        kinds = dict(conn.execute("SELECT url, kind FROM fetched"))
        assert kinds == {"http://x/feed.xml": "feed", "http://x/page": "page"}
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(revisions)")}
        assert "revisions_seen" in indexes
        conn.execute("DELETE FROM fetched")  # the reference store fetched nothing

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 7, _as_v7_store, check)


def _aged(version: int, *statements: str):
    """A function that takes a store back to schema ``version`` by undoing what later ones added."""

    def age(db: Path) -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()

    return age


_as_v8_store = _aged(8, "DROP INDEX revisions_headline", "DROP INDEX snapshots_url")


def test_v8_store_gains_the_headline_index_and_keeps_grouping(half_store, feed, tmp_path, reference):
    """v9 finds candidates by headline through an index, and regroups by the rule that uses them."""

    def check(conn):
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(revisions)")}
        assert "revisions_headline" in indexes
        assert "snapshots_url" in {row[1] for row in conn.execute("PRAGMA index_list(snapshots)")}

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 8, _as_v8_store, check)


_as_v9_store = _aged(9, "DROP INDEX revisions_opening", "ALTER TABLE revisions DROP COLUMN opening")


def test_v9_store_gains_each_revisions_opening_words_and_keeps_grouping(
    half_store, feed, tmp_path, reference
):
    """v10 finds candidates by a body's opening words: every stored revision gets them."""
    from revtrack.grouping.fingerprint import opening_key

    def check(conn):
        assert "revisions_opening" in {row[1] for row in conn.execute("PRAGMA index_list(revisions)")}
        rows = conn.execute("SELECT body, opening FROM revisions").fetchall()
        assert rows and all(opening == opening_key(body) for body, opening in rows)
        assert any(opening is not None for _, opening in rows)

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 9, _as_v9_store, check)


_as_v10_store = _aged(10, "DROP TABLE inner_openings")


def test_v10_store_gains_each_paragraphs_opening_words_and_keeps_grouping(
    half_store, feed, tmp_path, reference
):
    """v11 finds a revision's opening in a later paragraph of another: every stored revision's
    paragraphs are indexed."""
    from revtrack.grouping.fingerprint import inner_opening_keys

    def check(conn):
        bodies = dict(conn.execute("SELECT id, body FROM revisions"))
        stored = set(conn.execute("SELECT key, revision_id FROM inner_openings"))
        assert stored and stored == {
            (key, rid) for rid, body in bodies.items() for key in inner_opening_keys(body)
        }

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 10, _as_v10_store, check)


def _without_v8_columns(conn: sqlite3.Connection) -> None:
    """Schema v7 and before: fetched URLs have no kind, revisions no index on first capture
    (nor, before v9, on headlines)."""
    conn.execute("DROP INDEX revisions_headline")
    conn.execute("DROP INDEX snapshots_url")
    conn.execute("DROP INDEX revisions_seen")
    conn.execute("ALTER TABLE fetched DROP COLUMN kind")


def _without_v7_columns(conn: sqlite3.Connection) -> None:
    """Schema v6 and before: captures record no extraction and no layout choice."""
    _without_v8_columns(conn)
    conn.execute("ALTER TABLE captures DROP COLUMN extraction")
    conn.execute("ALTER TABLE captures DROP COLUMN layout_choice")


def _as_v4_store(db: Path) -> None:
    """Turn a current store back into schema v4: sketches in a column of ``revisions``."""
    conn = sqlite3.connect(db, isolation_level=None)
    _without_v7_columns(conn)
    conn.executescript(
        """
        BEGIN;
        ALTER TABLE revisions ADD COLUMN sketch BLOB;
        UPDATE revisions SET sketch = (SELECT sketch FROM sketches WHERE revision_id = revisions.id);
        ALTER TABLE revisions DROP COLUMN sketch_id;
        DROP TABLE sketches;
        PRAGMA user_version = 4;
        COMMIT;
        """
    )
    conn.close()


@pytest.fixture(scope="module")
def half_store(feed, tmp_path_factory) -> Path:
    """The first half of the feed in a store, ingested once for all the migration tests (each
    ages a copy of it): a test's own work is the ageing, the migration and the second half."""
    db = tmp_path_factory.mktemp("half") / "half.db"
    with Store.open(db) as store:
        ingest_paths(store, sorted(feed.glob("*.jsonl"))[:12])
    return db


def _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, version, age, check) -> None:
    """Half the feed in a store (a copy of ``half_store``), ``age`` it back to schema ``version``,
    open it (migrated), ``check`` the upgraded connection, then the other half: the stories must
    be the reference's."""
    db = tmp_path / f"v{version}.db"
    files = sorted(feed.glob("*.jsonl"))
    source, copy = sqlite3.connect(half_store), sqlite3.connect(db)
    source.backup(copy)  # a consistent copy, as SQLite's own backup makes it
    source.close()
    copy.close()
    before = content(db)
    age(db)
    with Store.open(db) as store:  # migrated on opening
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        check(store.conn)
    assert content(db) == before
    with Store.open(db) as store:
        ingest_paths(store, files[12:])  # the rest groups with what the migration kept
    assert content(db) == reference
    assert backup_path(db, version).exists()


def test_v4_store_moves_its_sketches_to_their_table_and_keeps_grouping(half_store, feed, tmp_path, reference):
    def check(conn):
        assert "sketch" not in {r[1] for r in conn.execute("PRAGMA table_info(revisions)")}
        # the sketches kept the revisions' order, so the index reads them as stored
        ids = [r[0] for r in conn.execute("SELECT revision_id FROM sketches ORDER BY id")]
        assert ids == [r[0] for r in conn.execute("SELECT id FROM revisions ORDER BY rowid")]

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 4, _as_v4_store, check)


def _as_v5_store(db: Path) -> None:
    """Schema v5 with sketches of another word hash (v5 hashed words with xxh3), and an orphan."""
    conn = sqlite3.connect(db, isolation_level=None)
    _without_v7_columns(conn)
    stale = bytes(range(256)) * 4  # any bytes other than the v6 sketches would do
    conn.execute("UPDATE sketches SET sketch = ?", (stale,))
    conn.execute("INSERT INTO sketches (revision_id, sketch) VALUES ('gone', ?)", (stale,))
    conn.execute("PRAGMA user_version = 5")
    conn.close()


def test_v5_store_gets_its_sketches_recomputed_and_keeps_grouping(half_store, feed, tmp_path, reference):
    """v6 hashes words in numpy: a v5 store's sketches must all be recomputed."""
    from revtrack.grouping.sketch import sketch_blobs

    def check(conn):
        rows = conn.execute(
            "SELECT s.sketch, r.headline, r.body FROM sketches s JOIN revisions r ON r.id = s.revision_id"
        ).fetchall()
        assert len(rows) == conn.execute("SELECT count(*) FROM sketches").fetchone()[0]  # orphan gone
        assert [r[0] for r in rows] == sketch_blobs([(h, b) for _, h, b in rows])

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 5, _as_v5_store, check)


def test_newer_store_is_refused(tmp_path):
    db = tmp_path / "future.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(main, ["stories", "--db", str(db)])
    assert result.exit_code == 2
    assert "newer than this revtrack" in result.output


def test_damaged_store_gets_a_clear_error_and_is_not_overwritten(tmp_path, seeds_dir):
    db = tmp_path / "damaged.db"
    with Store.open(db) as store:
        ingest_paths(store, [seeds_dir])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(db.read_bytes())
    page = int.from_bytes(raw[16:18], "big")  # the page size, from the file's header
    for offset in range(page * 2, len(raw), page):  # scribble over every page after the first two
        raw[offset : offset + 400] = os.urandom(400)  # its header and the start of its cell pointers
    db.write_bytes(bytes(raw))
    before = db.read_bytes()
    runner = CliRunner()
    for args in (["stories"], ["log", "9206"], ["diff", "9206"]):
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 2, (args, result.output)
        errors = [line for line in result.output.splitlines() if line.startswith("revtrack:")]
        assert len(errors) == 1 and "store is damaged" in errors[0] and str(db) in errors[0], result.output
    # ingest finds nothing new when the pages it reads survived, or says the store is
    # damaged when they did not; either way it writes nothing
    result = runner.invoke(main, ["ingest", str(seeds_dir), "--db", str(db)])
    assert (result.exit_code, "Nothing new" in result.output) == (0, True) or (
        result.exit_code == 2 and "store is damaged" in result.output
    ), result.output
    assert db.read_bytes() == before


def test_pipelined_ingest_equals_sequential(feed, tmp_path, reference, monkeypatch):
    import revtrack.ingest.paths as ingest_module

    monkeypatch.setattr(ingest_module, "PIPELINE_MIN_BYTES", 0)
    db = tmp_path / "piped.db"
    with Store.open(db) as store:
        assert ingest_module._worth_a_worker(list(ingest_module.iter_capture_files([feed])))
        report = ingest_paths(store, [feed])
        assert report.captures == 24 and not report.errors
        again = ingest_paths(store, [feed])  # the worker's read-only check skips them all
        assert (again.captures, again.skipped) == (0, 24)
    assert content(db) == reference


async def test_tui_reads_while_an_ingest_writes(feed, tmp_path, seeds_dir):
    from revtrack.themes import builtin_theme_dir
    from revtrack.tui.app import RevtrackApp
    from revtrack.tui.screens.stories import StoriesScreen

    db = tmp_path / "live.db"
    with Store.open(db) as store:
        ingest_paths(store, [seeds_dir])
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        _ingest_cmd(feed, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    app = RevtrackApp(db, theme_dirs=[builtin_theme_dir()])
    seen = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await settle(app)  # the list loaded at start-up
        while writer.poll() is None:
            screen = app.screen
            assert isinstance(screen, StoriesScreen)
            screen.load()  # re-read the story list while the ingest writes
            await settle(app)
            await pilot.pause()
            seen.append(len(screen.stories))
        await pilot.press("enter")  # open the newest story after the ingest
        await settle(app)
        await pilot.pause()
        assert type(app.screen).__name__ == "StoryScreen"
    out, err = writer.communicate()
    assert writer.returncode == 0, err
    assert "locked" not in out + err
    # several reads overlapped the ingest and saw it progress; the list only grew
    assert len(seen) >= 2 and seen[0] >= 19 and seen[-1] > seen[0] and seen == sorted(seen)


def _as_v6_store(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    _without_v7_columns(conn)
    conn.execute("PRAGMA user_version = 6")
    conn.close()


def test_v6_store_gains_the_extraction_record_and_keeps_grouping(half_store, feed, tmp_path, reference):
    """v7 records each capture's extraction and layout choice; older captures have none until reextract."""

    def check(conn):
        rows = conn.execute("SELECT extraction, layout_choice FROM captures").fetchall()
        assert rows and all(row == (None, "auto") for row in rows)

    _migrates_and_keeps_grouping(half_store, feed, tmp_path, reference, 6, _as_v6_store, check)
