"""JSON Lines captures stream: the size limit is per line, a bad line rolls all back."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.ingest import jsonl as stream
from revtrack.store import Store

CAP = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def article(k: int) -> str:
    body = f"Council {k} met on item {k * 7}. The budget for district {k} passed by {k % 9} votes."
    return json.dumps({"headline": f"District {k} budget passes", "body": body, "outlet": "Gazette"})


def dump(store: Store) -> list:
    tables = ["captures", "revisions", "snapshots", "story_aliases"]
    return [sorted(store.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables]


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "SLICE", 3)  # several slices from a small file


def test_a_file_over_the_limit_streams_when_each_line_is_within_it(store, tmp_path, small_slices):
    feed = tmp_path / "export.jsonl"
    feed.write_text("\n".join(article(k) for k in range(10)) + "\n")
    limit = max(len(line) for line in feed.read_bytes().splitlines(keepends=True))
    assert feed.stat().st_size > 5 * limit
    report = ingest_paths(store, [feed], IngestOptions(captured_at=CAP, max_bytes=limit))
    assert report.errors == [] and store.counts()["snapshots"] == 10
    # the raw capture is the file's exact bytes, kept although it was never read whole
    (stored,) = list(store.stored_captures())
    assert stored.raw == feed.read_bytes()
    before = dump(store)
    again = ingest_paths(store, [feed], IngestOptions(captured_at=CAP, max_bytes=limit))
    assert again.skipped == 1 and dump(store) == before


def test_a_line_over_the_limit_is_named_and_nothing_is_stored(store, tmp_path):
    feed = tmp_path / "export.jsonl"
    lines = [article(k) for k in range(5)]
    lines[3] = json.dumps({"headline": "Long", "body": "word " * 400})
    feed.write_text("\n".join(lines) + "\n")
    report = ingest_paths(store, [feed], IngestOptions(captured_at=CAP, max_bytes=1000))
    assert len(report.errors) == 1 and "line 4:" in report.errors[0] and "1000-byte limit" in report.errors[0]
    assert store.counts()["captures"] == 0


def test_a_bad_line_after_slices_were_stored_rolls_the_whole_capture_back(store, tmp_path, small_slices):
    first = tmp_path / "first.jsonl"
    first.write_text(article(100) + "\n")
    ingest_paths(store, [first], IngestOptions(captured_at=CAP))
    before = dump(store)
    feed = tmp_path / "export.jsonl"
    lines = [article(k) for k in range(10)]
    lines[8] = '{"headline": "Cut off", "body": '  # a truncated export
    feed.write_text("\n".join(lines) + "\n")
    report = ingest_paths(store, [feed], IngestOptions(captured_at=CAP))
    assert len(report.errors) == 1 and "export.jsonl" in report.errors[0] and "line 9" in report.errors[0]
    assert dump(store) == before


def test_invalid_utf8_line_is_named(store, tmp_path):
    feed = tmp_path / "export.jsonl"
    feed.write_bytes(article(1).encode() + b"\n" + b'{"headline": "caf\xe9", "body": "x"}\n')
    report = ingest_paths(store, [feed], IngestOptions(captured_at=CAP))
    assert "line 2: not valid UTF-8" in report.errors[0]
    assert store.counts()["captures"] == 0


def versions(story: int, count: int) -> list[str]:
    """``count`` versions of one story, each changing one more figure."""
    words = [f"w{story}x{k}" for k in range(60)]
    out = []
    for version in range(count):
        body = (
            " ".join(words[: 40 + version]) + f". Officials in Town{story} counted {100 + version} ballots."
        )
        out.append(json.dumps({"headline": f"Town{story} counts ballots", "body": body, "outlet": "Gazette"}))
    return out


def test_slices_group_as_one_capture_and_each_revision_is_read_once(store, tmp_path, monkeypatch):
    """Versions spread over slices pair with stored ones; the pairs are weighed at the capture's end."""
    from revtrack.grouping import verification

    made: list[str] = []
    make_docs = verification.make_docs
    monkeypatch.setattr(
        verification, "make_docs", lambda items: made.extend(b for _, b, *_ in items) or make_docs(items)
    )
    stories = [versions(story, 4) for story in range(6)]
    lines = [stories[s][v] for v in range(4) for s in range(6)]  # each story's versions 6 lines apart
    feed = tmp_path / "export.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(stream, "SLICE", 3)
    ingest_paths(store, [feed], IngestOptions(captured_at=CAP))
    sliced = sorted(store.conn.execute("SELECT id, story_id FROM revisions").fetchall())
    assert len({story for _, story in sliced}) == 6  # each story's four versions together
    assert len(made) == len(set(made)) == 24  # every revision made once, though paired in four slices

    whole = Store.open(tmp_path / "whole.db")
    monkeypatch.setattr(stream, "SLICE", 1000)
    ingest_paths(whole, [feed], IngestOptions(captured_at=CAP))
    assert sorted(whole.conn.execute("SELECT id, story_id FROM revisions").fetchall()) == sliced
    whole.close()

    # pending pairs weighed early and documents dropped as soon as the cache is full
    # (the memory bounds of a very large capture): the same stories
    from revtrack.grouping import incremental

    monkeypatch.setattr(verification, "MAX_CACHED_DOCS", 1)

    early = Store.open(tmp_path / "early.db")
    monkeypatch.setattr(stream, "SLICE", 3)
    monkeypatch.setattr(incremental, "PENDING_PAIRS", 2)
    ingest_paths(early, [feed], IngestOptions(captured_at=CAP))
    assert sorted(early.conn.execute("SELECT id, story_id FROM revisions").fetchall()) == sliced
    early.close()
