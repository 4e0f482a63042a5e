"""Store and ingest: counts, sightings, idempotence, atomic failure, foreign files."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime

import pytest

from revtrack.errors import InputError, StoreError
from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.store import SCHEMA_VERSION, Store
from revtrack.stories import get_revision, list_stories

CAP = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def dump(store: Store) -> list:
    """Every row of every table, for exact before/after comparisons."""
    tables = ["captures", "revisions", "snapshots", "story_aliases"]
    return [sorted(store.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables]


def test_seed_counts(seeded):
    assert seeded.counts() == {"captures": 5, "snapshots": 22, "revisions": 20, "stories": 19}


def test_identical_text_is_one_revision_with_two_sightings(seeded):
    multi = seeded.conn.execute(
        "SELECT revision_id, count(*) FROM snapshots GROUP BY revision_id HAVING count(*) > 1"
    ).fetchall()
    assert len(multi) == 2
    paths = {
        rid: sorted(s.path.rsplit("/", 1)[-1][:3] for s in get_revision(seeded, rid).sightings)
        for rid, _ in multi
    }
    assert sorted(paths.values()) == [["000", "002"], ["000", "004"]]


def test_paragraphed_sighting_is_the_revision_text(seeded):
    (rid,) = seeded.conn.execute(
        "SELECT revision_id FROM snapshots s JOIN captures c ON c.id = s.capture_id"
        " WHERE c.path LIKE '%002_%' AND position = 0"
    ).fetchone()
    rev = get_revision(seeded, rid)
    assert "\n\n" in rev.body  # 002's paragraphs, not 000's flat copy
    flat = seeded.conn.execute(
        "SELECT body FROM snapshots WHERE revision_id = ? AND body IS NOT NULL", (rid,)
    ).fetchone()[0]
    assert "\n" not in flat  # 000's own text is kept for its sighting


def test_reingest_changes_nothing(seeded, seeds_dir):
    before = dump(seeded)
    report = ingest_paths(seeded, [seeds_dir])
    assert (report.captures, report.skipped, report.snapshots) == (0, 5, 0)
    assert dump(seeded) == before


def test_sightings_resolve_published_per_capture(seeded):
    story = next(s for s in list_stories(seeded) if s.revisions == 2)
    rows = seeded.conn.execute(
        "SELECT s.date_text, s.published FROM snapshots s JOIN revisions r ON r.id = s.revision_id"
        " WHERE r.story_id = ? ORDER BY s.captured_at",
        (story.id,),
    ).fetchall()
    assert ("22 minutes ago", "2025-08-11T23:00Z") in rows
    assert ("10 hours ago", "2025-08-11T23:00Z") in rows


def test_failed_capture_leaves_store_unchanged(seeded, tmp_path):
    before = dump(seeded)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"headline": "A", "body": "b"}\n{broken\n')
    report = ingest_paths(seeded, [bad], IngestOptions())
    assert report.errors == [
        f"{bad}: line 2: not valid JSON (Expecting property name enclosed in double quotes)"
    ]
    assert dump(seeded) == before


def test_crash_inside_transaction_rolls_back(seeded, tmp_path, monkeypatch):
    before = dump(seeded)
    page = tmp_path / "new.txt"
    page.write_text("Headline\n\nA body that is new to the store and long enough to read.\n")

    def boom(*args, **kwargs):
        raise RuntimeError("simulated crash after snapshots were written")

    monkeypatch.setattr("revtrack.grouping.assign", boom)
    with pytest.raises(RuntimeError):
        ingest_paths(seeded, [page], IngestOptions(captured_at=None))
    assert dump(seeded) == before


def test_bad_files_are_reported_one_line_each(store, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff")
    (tmp_path / "ctrl.txt").write_bytes(bytes(range(1, 32)) * 40)
    report = ingest_paths(store, [tmp_path / "empty.txt", tmp_path / "bin.txt", tmp_path / "ctrl.txt"])
    assert len(report.errors) == 3
    assert all("\n" not in e and str(tmp_path) in e for e in report.errors)
    assert store.counts()["captures"] == 0


def test_latin1_capture_is_stored_with_its_encoding_and_raw_bytes(store, tmp_path):
    raw = "Caf\u00e9 news\n\nThe caf\u00e9 on the square re-opened on Monday, owners said.".encode("cp1252")
    (tmp_path / "latin.txt").write_bytes(raw)
    report = ingest_paths(store, [tmp_path / "latin.txt"], IngestOptions(captured_at=CAP))
    assert report.errors == [] and report.captures == 1
    (capture,) = store.stored_captures()
    assert capture.raw == raw and capture.encoding == "cp1252"
    (story,) = list_stories(store)
    assert story.headline == "Caf\u00e9 news"


def test_missing_path_is_reported_and_the_other_inputs_go_on(store, tmp_path, seeds_dir):
    report = ingest_paths(store, [tmp_path / "nope", seeds_dir])
    assert report.errors == [f"{tmp_path / 'nope'}: no such file or folder"]
    assert report.captures == 5


def test_bad_manifest_stops_before_writing(store, tmp_path, seeds_dir):
    folder = tmp_path / "caps"
    shutil.copytree(seeds_dir, folder)
    (folder / "manifest.yaml").write_text("captures: [unclosed\n")
    with pytest.raises(InputError, match="manifest.yaml: manifest does not parse as YAML"):
        ingest_paths(store, [folder])
    assert store.counts()["captures"] == 0


def test_size_limit(store, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 1000)
    report = ingest_paths(store, [big], IngestOptions(max_bytes=1000))
    assert "over the 1000-byte limit" in report.errors[0]


def test_symlink_loop_does_not_hang(store, tmp_path, seeds_dir):
    folder = tmp_path / "loop"
    folder.mkdir()
    shutil.copy(next(seeds_dir.glob("000_*")), folder / "a.txt")
    (folder / "self").symlink_to(folder, target_is_directory=True)
    report = ingest_paths(store, [folder], IngestOptions(captured_at=None))
    assert report.captures == 1


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a revtrack store"):
        Store.open(path)
    assert path.read_bytes() == before


def test_non_database_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a database at all" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a revtrack store"):
        Store.open(path)
    assert path.read_bytes() == before


def test_schema_version_recorded(store):
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 11
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
