"""Re-extraction from stored raw bytes, and chrome learned across a site's captures."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from click.testing import CliRunner

import revtrack.ingest.captures as ingest_module
from revtrack.cli import main
from revtrack.extract import Extraction, extract_capture
from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.ingest.reextract import reextract
from revtrack.store import Store
from revtrack.stories import list_stories, story_revisions

CAP = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PARAS = [
    "The harbour board approved the new ferry timetable on Tuesday after a long public consultation, "
    "and the first sailings under it begin in May, officials said.",
    "Under the timetable, the morning crossing moves forward by twenty minutes and a late sailing is added "
    "on Fridays and Saturdays through the summer season.",
]


def _old_extractor(text, captured_at, name="", chrome=None, layout="auto", document="", encoding=""):
    """An extractor as it was before this round: the short last paragraph is lost."""
    extraction = extract_capture(text, captured_at, name, chrome, layout, document, encoding)
    a = extraction.articles[0]
    shorter = type(a)(**{**a.__dict__, "body": "\n\n".join(a.body.split("\n\n")[:-1])})
    return Extraction(extraction.layout, [shorter], extraction.accounting)


def test_reextract_restores_what_an_older_extractor_lost(tmp_path, monkeypatch):
    capture = tmp_path / "ferry.txt"
    capture.write_text("Ferry timetable approved\n\n" + "\n\n".join(PARAS) + "\n\nSchools were closed.\n")
    db = tmp_path / "store.db"
    monkeypatch.setattr(ingest_module, "extract_capture", _old_extractor)
    with Store.open(db) as store:
        ingest_paths(store, [capture], IngestOptions(captured_at=CAP))
        (story,) = list_stories(store)
        assert "Schools were closed." not in story_revisions(store, story.id)[0].body
        story_id = story.id
    monkeypatch.undo()
    with Store.open(db) as store:
        report = reextract(store)
        assert (report.captures, report.changed, report.revisions_added, report.revisions_removed) == (
            1,
            1,
            1,
            1,
        )
        (story,) = list_stories(store)
        # the story's first revision was replaced: its old id still finds it (an alias)
        assert story_revisions(store, story_id)[0].story_id == story.id
        (rev,) = story_revisions(store, story.id)
        assert rev.body.endswith("Schools were closed.")
        again = reextract(store)  # idempotent
        assert (again.changed, again.revisions_added, again.revisions_removed) == (0, 0, 0)
        assert again.regroup.stories_before == again.regroup.stories_after == 1


def test_reextract_cli_reports_in_one_line(seeded_db):
    result = CliRunner().invoke(main, ["reextract", "--db", str(seeded_db)])
    assert result.exit_code == 0
    # chrome learned from later captures now names why three captures' lines were dropped
    assert result.output.strip() == (
        "5 capture(s): 0 with changed articles; 3 with a new record of their lines; "
        "0 revision(s) added, 0 removed; stories 19 -> 19"
    )
    again = CliRunner().invoke(main, ["reextract", "--db", str(seeded_db)])
    assert again.output.strip() == (
        "5 capture(s): 0 with changed articles; 0 revision(s) added, 0 removed; stories 19 -> 19"
    )


def test_reextract_reports_stories_joined_while_captures_are_read_again(tmp_path, monkeypatch):
    """Two versions of a reST document, 200 days apart: read with markup as their headlines
    they were two stories; read again with their titles they are one, and the summary
    says 2 -> 1 (it said "1 -> 1 (0 split, 0 merged)": the count after the captures had
    been read again, when the stories had already joined)."""
    import revtrack.extract.plain as plain

    fares = (
        "Fares stay as they are for this year, the board said, and season tickets bought before the change "
        "remain valid.",
        "Fares rise by five percent next year, the board said, though season tickets bought before January "
        "keep their price.",
    )
    for n, (head, extra) in enumerate(zip((".. include:: header.txt", "====="), fares, strict=True), 1):
        body = "\n\n".join([*PARAS, extra])
        (tmp_path / f"ferry@{n}.txt").write_text(f"{head}\n\n=====\n Ferry Timetable\n=====\n\n{body}\n")
    (tmp_path / "manifest.yaml").write_text(
        "captures:\n  ferry@1.txt:\n    captured_at: 2025-01-01T09:00:00+00:00\n"
        "  ferry@2.txt:\n    captured_at: 2025-07-20T09:00:00+00:00\n"
    )
    db = tmp_path / "store.db"
    monkeypatch.setattr(plain, "is_title_line", lambda line: True)  # the first line, as before
    with Store.open(db) as store:
        ingest_paths(store, [tmp_path])
        assert len(list_stories(store)) == 2
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["reextract", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("stories 2 -> 1")
    with Store.open(db) as store:
        assert [s.headline for s in list_stories(store)] == ["Ferry Timetable"]


def test_store_without_raw_bytes_says_so_and_keeps_what_it_has(tmp_path):
    db = tmp_path / "old.db"
    capture = tmp_path / "ferry.txt"
    capture.write_text("Ferry timetable approved\n\n" + "\n\n".join(PARAS) + "\n")
    with Store.open(db) as store:
        ingest_paths(store, [capture], IngestOptions(captured_at=CAP))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE captures SET raw = NULL")  # as a store written before schema v3
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        report = reextract(store)
        assert report.without_raw == 1 and report.changed == 0
        assert "1 stored before raw bytes were kept" in report.summary()
        assert store.counts()["revisions"] == 1


def _page(headline: str, paragraphs: list[str], views: int) -> str:
    nav = ["Harbour Gazette", "Home", "News", "Ferries", "Weather", "Sport", "Opinion"]
    footer = ["About us", "Contact", "Advertise", "Privacy", "Terms", "\u00a9 2026 Harbour Gazette"]
    body = [paragraphs[0], f"Viewed {views:,} times", *paragraphs[1:]]
    return "\n".join([*nav, headline, "By Ann Lee", *body, "Most read", "Tide tables for March", *footer])


_STORIES = [
    (
        "Council reviews bridge repair plan",
        "Councillors met on Monday to review the bridge repair plan, which has been delayed twice since the "
        "autumn, and asked officers for a revised cost estimate by the end of the month.",
        "Residents who spoke at the meeting said the plan should be published in full before any further "
        "decision is taken, and several asked for an independent review.",
    ),
    (
        "Lifeboat crew rescues three walkers",
        "Three walkers cut off by the tide near Gull Point were brought ashore by the volunteer lifeboat crew "
        "late on Saturday, the coastguard said in a statement.",
        "The walkers, all from out of town, were cold but unhurt; the crew reminded visitors to check the tide "
        "tables before setting out along the shore path.",
    ),
    (
        "Fish market to open on Sundays",
        "The old fish market will open on Sundays from April, the trading association announced, ending a "
        "ban that dates back more than sixty years.",
        "Stallholders voted by a large majority for the change, saying weekend visitors had been asking for "
        "fresh catch at the quay for years.",
    ),
    (
        "School choir wins national prize",
        "Pupils from Harbour Road primary school won first prize at the national children's choir festival in "
        "the capital on Friday evening.",
        "Their teacher said the choir had rehearsed twice a week since September and thanked parents who had "
        "raised money for the trip by selling cakes.",
    ),
]


def _story_text(n: int) -> tuple[str, list[str]]:
    headline, *paragraphs = _STORIES[n]
    return headline, paragraphs


def test_unstable_chrome_stops_making_false_revisions(tmp_path):
    site = tmp_path / "harbour-gazette"
    site.mkdir()
    headline, paras = _story_text(0)
    (site / "a1.txt").write_text(_page(headline, paras, 1204))
    for n in (1, 2, 3):  # three other stories on the same site teach it its chrome
        h, p = _story_text(n)
        (site / f"s{n}.txt").write_text(_page(h, p, 100 * n))
    db = tmp_path / "store.db"
    with Store.open(db) as store:
        for name in ("a1.txt", "s1.txt", "s2.txt", "s3.txt"):
            ingest_paths(store, [site / name], IngestOptions(captured_at=CAP))
        assert store.chrome_keys(str(site.resolve()))  # learned: nav, footer, the view counter
        # the same article captured again, its view counter moved on
        (site / "a2.txt").write_text(_page(headline, paras, 1899))
        ingest_paths(store, [site / "a2.txt"], IngestOptions(captured_at=CAP.replace(hour=18)))
        story = next(s for s in list_stories(store) if s.headline == headline)
        revisions = story_revisions(store, story.id)
        assert "Viewed" not in revisions[-1].body  # the new capture is read without the counter
        assert len(revisions) == 2  # ...but the first capture was stored with it
        report = reextract(store)
        assert report.changed >= 1
        story = next(s for s in list_stories(store) if s.headline == headline)
        (only,) = story_revisions(store, story.id)  # one text: the counter was chrome
        assert "Viewed" not in only.body and only.body.split("\n\n") == paras
