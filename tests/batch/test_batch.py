"""``revtrack batch`` on a 2-worker Dask LocalCluster gives the stories one machine gives.

Each corpus is ingested by the single-machine path (``ingest_paths``) and run
through the batch path; the revision -> story maps (ids included), each story's
order, and the loaded store's rows must be equal. Runs when the ``dask`` extra
is installed (the ``test`` extra installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed")
pq = pytest.importorskip("pyarrow.parquet", reason="the dask extra is not installed")

from click.testing import CliRunner  # noqa: E402

from revtrack.batch.run import BatchOptions, run_batch  # noqa: E402
from revtrack.cli import main  # noqa: E402
from revtrack.ingest import IngestOptions, ingest_paths  # noqa: E402
from revtrack.store import Store  # noqa: E402
from tests.ingest.test_mailbox import RELEASE, message, write_box  # noqa: E402
from tests.support import devcorpus, rolling_page, versions  # noqa: E402
from tests.test_warc import crawl_archive  # noqa: E402

pytestmark = pytest.mark.xdist_group("dask")  # one worker runs them all, on one cluster

ROOT = Path(__file__).resolve().parents[2]
WHEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="1.5GB"
    )
    with Client(cluster) as c:
        yield c
    cluster.close()


def _single(tmp_path: Path, inputs: list[Path], captured_at: datetime | None = None) -> Path:
    db = tmp_path / "single.db"
    with Store.open(db) as store:
        report = ingest_paths(store, inputs, IngestOptions(captured_at=captured_at))
    assert not report.errors
    return db


def _batch(client, tmp_path: Path, inputs: list[Path], **options):
    out = tmp_path / "out"
    db = tmp_path / "batch.db"
    report = run_batch(
        [str(p) for p in inputs], BatchOptions(out=str(out), db=str(db), **options), client=client
    )
    return report, out, db


def _rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


def _assert_same(single: Path, batch_db: Path, out: Path) -> None:
    """Same stories (ids and order), same stored rows, and the Parquet tables say the same."""
    story_of = "SELECT id, story_id FROM revisions"
    assert _rows(batch_db, story_of) == _rows(single, story_of)
    ordered = (
        "SELECT story_id, group_concat(id) FROM (SELECT id, story_id FROM revisions ORDER BY story_id,"
        " coalesce(first_published, first_captured), first_captured, id) GROUP BY story_id"
    )
    assert _rows(batch_db, ordered) == _rows(single, ordered)
    for sql in (
        "SELECT id, headline, body, words, paragraphs, first_published, first_captured FROM revisions",
        "SELECT revision_id, sketch FROM sketches",
        "SELECT c.path, c.content_hash, c.captured_at, c.layout, s.position, s.revision_id, s.outlet,"
        " s.published, s.url FROM snapshots s JOIN captures c ON c.id = s.capture_id",
        "SELECT a, b, strength, near FROM story_edges",
        "SELECT path, content_hash, length(raw) > 0 FROM captures",
    ):
        assert _rows(batch_db, sql) == _rows(single, sql)
    table = pq.read_table(out / "revisions").to_pylist()
    assert sorted((r["revision_id"], r["story_id"]) for r in table) == _rows(single, story_of)
    by_story: dict[str, list[tuple[int, str]]] = {}
    for r in table:
        by_story.setdefault(r["story_id"], []).append((r["number"], r["revision_id"]))
    assert sorted((s, ",".join(rid for _, rid in sorted(v))) for s, v in by_story.items()) == _rows(
        single, ordered
    )
    stories = pq.read_table(out / "stories").to_pylist()
    assert len(stories) == len({r["story_id"] for r in table})
    sightings = pq.read_table(out / "sightings").num_rows
    assert sightings == _rows(single, "SELECT count(*) FROM snapshots")[0][0]


def test_seed_pages_and_saved_feeds_give_the_stories_of_one_machine(client, tmp_path):
    """The seed pages (times from their manifest) and, in a folder beside them, a saved RSS file
    and a one-line JSON Feed (times from the files): entries are articles on both paths. One run,
    as a Dask run costs seconds however small its input."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
        + "".join(
            f"<item><title>Story {k}</title><link>https://g.example/{k}</link>"
            f"<description>&lt;p&gt;Paragraph {k} of the harbour report.&lt;/p&gt;</description></item>"
            for k in range(3)
        )
        + "</channel></rss>"
    )
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "gazette.xml").write_text(rss)
    items = [{"title": "Item 1", "content_text": "Text of the desk.", "url": "https://d.example/1"}]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Desk", "items": items}
    (folder / "desk.json").write_text(json.dumps(feed).replace("/", "\\/"))
    single = _single(tmp_path, [seeds, folder])
    report, out, db = _batch(client, tmp_path, [seeds, folder])
    pages = [p for p in seeds.iterdir() if p.is_file() and p.name != "manifest.yaml"]
    assert report.errors == [] and report.captures == len(pages) + 2
    _assert_same(single, db, out)
    from_feeds = "SELECT count(*) FROM snapshots s JOIN captures c ON c.id = s.capture_id WHERE c.path LIKE ?"
    assert _rows(db, from_feeds, (f"{folder}%",)) == [(4,)]


def _generated_feeds(folder: Path) -> tuple[list[Path], dict[str, int]]:
    """300 generated stories, a story's versions split over two files; the truth by revision id."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate
    from revtrack.grouping.fingerprint import revision_id

    docs = generate(n_stories=300, seed=11)
    feeds = [folder / "one.jsonl", folder / "two.jsonl"]
    for k, feed in enumerate(feeds):
        with feed.open("w") as fh:
            for d in docs[k::2]:
                row = {
                    "headline": d.headline,
                    "body": d.body,
                    "published": f"2025-01-{1 + d.published % 28:02d}",
                }
                fh.write(json.dumps(row) + "\n")
    return feeds, {revision_id(d.headline, d.body): d.story for d in docs}


def _growth_feed(folder: Path) -> Path:
    """Stubs and their reports: the same-headline and same-address candidates (not prefiltered) and
    the clustering rule for verified pairs under the word floor. The stubs join their reports, one
    of them under an edited headline through the address both were seen at, another under an
    edited headline through its opening words, a fourth through its opening found inside the later
    versions, written under a new lede; a third, whose opening was rewritten too, stays a story of
    its own: seven stories in all."""
    feed = folder / "growth.jsonl"
    with feed.open("w") as fh:
        for seed in (3, 4, 5, 6, 7, 8):
            for k, (headline, body) in enumerate(versions(seed)):
                if seed >= 5 and k == 0:
                    headline = "Breaking: " + headline
                if seed == 7 and k == 0:
                    body = "Breaking news, just in. " + body
                if seed == 8 and k > 0:
                    body = (
                        "Officials gave new figures on Wednesday evening, and promised a full account.\n\n"
                        + body
                    )
                url = f"https://example.org/story-{seed}" if seed == 5 else "https://example.org/"
                row = {"headline": headline, "body": body, "published": f"2026-03-0{k + 1}", "url": url}
                fh.write(json.dumps(row) + "\n")
    return feed


def _devcorpus_feed(folder: Path) -> Path | None:
    """The tuning set as one JSON Lines file, oldest first (None where it is not on this machine)."""
    corpus = devcorpus()
    if corpus is None:
        return None
    truth = json.loads((corpus / "truth.json").read_text())
    feed = folder / "devcorpus.jsonl"
    with feed.open("w") as fh:
        for name, t in sorted(truth.items(), key=lambda kv: (kv[1]["commit_time"], kv[0])):
            title, _, body = (corpus / "docs" / name).read_text().partition("\n")
            row = {"headline": title, "body": body, "published": t["commit_time"], "url": name}
            fh.write(json.dumps(row) + "\n")
    return feed


@pytest.fixture(scope="module")
def mixed_run(client, tmp_path_factory):
    """One batch run, as a Dask run costs seconds however small its input: the generated corpus,
    the stubs, a live page (the address lifts the word floor in the batch's clustering as in
    the store's) and the tuning set, each in files of its own, checked against one machine's
    ingest of the same. Blocks of 40 lines: the files are parsed by many tasks, and positions
    must still match."""
    folder = tmp_path_factory.mktemp("mixed")
    feeds, truth = _generated_feeds(folder)
    growth = _growth_feed(folder)
    live = folder / "live.jsonl"
    rows = [{"headline": h, "body": b, "url": "https://news.example/live"} for h, b in rolling_page()]
    live.write_text("".join(json.dumps(row) + "\n" for row in rows))
    tuning = _devcorpus_feed(folder)
    archive, _, _ = crawl_archive(folder, undated=False)  # a web archive: a capture per page
    inbox = folder / "inbox.mbox"  # a mailbox: a capture per message, at its arrival
    write_box(
        inbox,
        (
            message("Port approves terminal", RELEASE, "Wed, 04 Mar 2026 09:00:00 +0000"),
            "Wed Mar  4 09:01:00 2026",
        ),
        (
            message("Port approves terminal", RELEASE[:2], "Thu, 05 Mar 2026 08:00:00 +0000"),
            "Thu Mar  5 08:00:10 2026",
        ),
    )
    bundle = folder / "seeds.tar.gz"  # an archive of captures: a capture per file inside
    captions = folder / "bulletin.en.srt"  # read as what is said, and an XML article as its text
    captions.write_text("1\n00:00:01,000 --> 00:00:04,000\nGood evening. The port approved\nthe terminal.\n")
    article = folder / "pier.nxml"
    article.write_text(
        "<article><front><article-title>Rot in the piles</article-title></front>"
        "<body><p>Engineers found the piles had <italic>rotted</italic> through.</p></body></article>"
    )
    with tarfile.open(bundle, "w:gz") as packed:
        for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
            packed.add(seed, f"seeds/{seed.name}")
        packed.add(captions, "media/bulletin.en.srt")
        packed.add(article, "papers/pier.nxml")
    inputs = [*feeds, growth, live, *([tuning] if tuning else []), archive, inbox, bundle]
    single = _single(folder, inputs, WHEN)
    report, out, db = _batch(client, folder, inputs, captured_at=WHEN, block_lines=40)
    return {
        "report": report,
        "out": out,
        "db": db,
        "single": single,
        "truth": truth,
        "paths": inputs,
        "tuning": tuning,
    }


def test_generated_corpus_stubs_and_a_live_page_give_the_stories_of_one_machine(mixed_run):
    report = mixed_run["report"]
    # every file a capture, but the web archive two (its two crawls of a page), the mailbox
    # two (its two messages) and the tarball four (two seeds, captions and an XML article)
    assert report.errors == [] and report.captures == len(mixed_run["paths"]) + 5 and report.rounds >= 1
    _assert_same(mixed_run["single"], mixed_run["db"], mixed_run["out"])


def test_devcorpus_as_json_lines_gives_the_stories_and_figures_of_one_machine(mixed_run):
    tuning = mixed_run["tuning"]
    if tuning is None:
        pytest.skip("../shared/devcorpus is not on this machine (its texts are not ours to copy)")
    sightings_of = "SELECT count(*) FROM snapshots s JOIN captures c ON c.id = s.capture_id WHERE c.path = ?"
    assert _rows(mixed_run["db"], sightings_of, (str(tuning),)) == [(303,)]
    # the figures match export's, revision by revision
    from revtrack.export import export_rows

    with Store.open(mixed_run["single"]) as store:
        exported = {row["revision_id"]: row for row in export_rows(store)}
    for row in pq.read_table(mixed_run["out"] / "revisions").to_pylist():
        want = exported[row["revision_id"]]
        assert row["previous_revision_id"] == want["previous_revision_id"]
        assert row["outlets"] == want["outlets"] and row["first_published"] == want["first_published"]
        assert row["words_added"] == (want["diff"] or {}).get("words_added")
        assert row["similarity"] == (want["diff"] or {}).get("similarity")


def test_the_generated_corpus_batch_stories_are_the_truth(mixed_run):
    truth = mixed_run["truth"]
    story_of = {
        rid: story
        for rid, story in _rows(mixed_run["db"], "SELECT id, story_id FROM revisions")
        if rid in truth
    }
    assert len(story_of) == len(truth)
    pairs = [(a, b) for a in story_of for b in story_of if a < b]
    same = [(story_of[a] == story_of[b], truth[a] == truth[b]) for a, b in pairs]
    assert all(found == true for found, true in same)  # precision and recall 1.000


def test_batch_stubs_join_their_reports_and_a_live_page_is_one_story(mixed_run):
    stories_of = (
        "SELECT count(DISTINCT r.story_id) FROM revisions r JOIN snapshots s ON s.revision_id = r.id"
        " JOIN captures c ON c.id = s.capture_id WHERE c.path = ?"
    )
    growth, live = mixed_run["paths"][2:4]
    assert _rows(mixed_run["db"], stories_of, (str(growth),)) == [(7,)]
    assert _rows(mixed_run["db"], stories_of, (str(live),)) == [(1,)]


def test_a_bad_file_is_named_once_the_others_go_on_and_the_runs_own_tables_are_not_read(client, tmp_path):
    """One run (a Dask run costs seconds however small its input): bad files beside good ones,
    and a folder being read that holds the run's own --out tables and --db store."""
    folder = tmp_path / "archive"
    folder.mkdir()
    feed = folder / "feed.jsonl"
    feed.write_text('{"headline": "H", "body": "Body text here."}\n')
    out, db = folder / "tables", folder / "archive.db"
    (out / "revisions").mkdir(parents=True)
    (out / "revisions" / "part-0000000.parquet").write_bytes(b"PAR1 left by an earlier run")
    with Store.open(db):
        pass  # an empty store in the folder being read
    good = tmp_path / "good.jsonl"
    good.write_text(
        '{"headline": "Council passes budget", "body": "The council passed the budget on Monday."}\n'
    )
    copy = tmp_path / "z-copy.jsonl"
    copy.write_bytes(good.read_bytes())
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"headline": "Fine", "body": "A line."}\n{"headline": "Broken", \n')
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    inputs = [folder, good, tmp_path / "z*.jsonl", bad, empty, tmp_path / "missing.txt"]
    report = run_batch(
        [str(p) for p in inputs], BatchOptions(out=str(out), db=str(db), captured_at=WHEN), client=client
    )
    assert report.captures == 2 and report.skipped == 1  # the copy's bytes came first as good.jsonl
    assert len(report.errors) == 3, report.errors
    assert any("bad.jsonl" in e and "line 2" in e for e in report.errors)
    assert any("missing.txt" in e for e in report.errors)
    assert any("empty.txt" in e for e in report.errors)
    assert _rows(db, "SELECT path FROM captures") == sorted([(str(feed),), (str(good),)])
    assert pq.read_table(out / "sightings").num_rows == 2


def test_an_out_that_cannot_be_made_is_named_before_a_cluster_starts(tmp_path, monkeypatch):
    from revtrack.batch import run

    def no_cluster(options):
        raise AssertionError("a cluster was started for a run that cannot write its tables")

    monkeypatch.setattr(run, "connect", no_cluster)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(NotADirectoryError):
        run_batch([str(ROOT / "seeds")], BatchOptions(out=str(blocker / "tables")))


def test_cli_refuses_a_store_that_holds_captures_before_any_work(tmp_path):
    feed = tmp_path / "a.jsonl"
    feed.write_text('{"headline": "H", "body": "Body text here."}\n')
    db = tmp_path / "full.db"
    with Store.open(db) as store:
        ingest_paths(store, [feed], IngestOptions(captured_at=WHEN))
    result = CliRunner().invoke(main, ["batch", str(feed), "--out", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code == 2
    assert "already holds captures" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_runs_a_local_cluster_and_a_later_ingest_joins_the_loaded_stories(tmp_path):
    first = tmp_path / "first.jsonl"
    body = "The council passed the harbour budget on Monday after a long debate about dredging costs. " * 3
    first.write_text(json.dumps({"headline": "Council passes harbour budget", "body": body}) + "\n")
    db = tmp_path / "loaded.db"
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(first),
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(db),
            "--workers",
            "1",
            "--captured-at",
            "2026-03-01T12:00:00Z",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 capture(s): 1 article(s), 1 revision(s), 1 story(ies)" in result.output
    second = tmp_path / "second.jsonl"
    second.write_text(
        json.dumps(
            {"headline": "Council passes harbour budget", "body": body + "Correction: the vote was 5-4."}
        )
        + "\n"
    )
    result = CliRunner().invoke(
        main, ["ingest", str(second), "--db", str(db), "--captured-at", "2026-03-02T12:00:00Z"]
    )
    assert result.exit_code == 0, result.output
    assert len({story for _, story in _rows(db, "SELECT id, story_id FROM revisions")}) == 1


def test_an_fsspec_url_is_read_like_a_local_folder(tmp_path):
    """Inputs named by URL (here fsspec's in-memory filesystem, on an in-process cluster that shares it)."""
    import fsspec
    from distributed import Client, LocalCluster

    local = tmp_path / "archive"
    local.mkdir()
    lines = [
        {"headline": "Council passes harbour budget", "body": "The council passed the budget. " * 20},
        {
            "headline": "Council passes harbour budget",
            "body": "The council passed the budget. " * 20 + "A fix.",
        },
        {"headline": "Storm closes the port", "body": "A storm closed the port on Friday night. " * 15},
    ]
    fs = fsspec.filesystem("memory")
    for k, line in enumerate(lines):
        (local / f"feed{k}.jsonl").write_text(json.dumps(line) + "\n")
        with fs.open(f"/archive-{os.getpid()}/feed{k}.jsonl", "w") as fh:
            fh.write(json.dumps(line) + "\n")
    single = _single(tmp_path, [local], WHEN)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster, Client(cluster) as c:
        report, out, db = _batch(c, tmp_path, [f"memory://archive-{os.getpid()}/"], captured_at=WHEN)
    assert report.errors == [] and report.captures == 3 and report.stories == 2
    story_of = "SELECT id, story_id FROM revisions"
    assert _rows(db, story_of) == _rows(single, story_of)
    paths = [p for (p,) in _rows(db, "SELECT path FROM captures")]
    assert paths == [fs.unstrip_protocol(f"/archive-{os.getpid()}/feed{k}.jsonl") for k in range(3)]
