"""`revtrack feed`: an Atom feed of wording changes, valid, newest first, the diff inline."""

from __future__ import annotations

import json

import feedparser
from click.testing import CliRunner

from revtrack.cli import main
from revtrack.store import Store
from revtrack.stories import list_stories, story_log


def _feed(db, *args: str) -> feedparser.FeedParserDict:
    result = CliRunner().invoke(main, ["--db", str(db), "feed", *args])
    assert result.exit_code == 0, result.output
    parsed = feedparser.parse(result.stdout_bytes)
    assert parsed.bozo == 0, parsed.get("bozo_exception")  # well-formed Atom
    return parsed


def test_the_seeds_feed_holds_the_alliance_change_with_its_diff(seeded_db):
    parsed = _feed(seeded_db)
    (entry,) = parsed.entries  # the seeds have one story with a wording change
    with Store.open(seeded_db) as store:
        (story,) = [s for s in list_stories(store) if s.revisions > 1]
        last = story_log(store, story.id)[-1]
    assert entry.id == f"urn:revtrack:revision:{last.revision.id}"
    assert f"+{last.words_added} -{last.words_removed} ~{last.words_changed} words" in entry.title
    content = entry.content[0].value
    assert "<del>defer details on</del><ins>outline</ins>" in content
    assert entry.updated.startswith(last.revision.captured[:16].replace("Z", ""))


def _ingest_versions(
    tmp_path, versions: list[tuple[str, str, str | None]], headline: str = "Port expansion approved"
):
    """Each ``(body, capture time, url)`` as its own JSON Lines capture; returns the store's path."""
    db = tmp_path / "s.db"
    for n, (body, when, url) in enumerate(versions):
        capture = tmp_path / f"v{n}.jsonl"
        capture.write_text(json.dumps({"headline": headline, "body": body, "url": url}) + "\n")
        result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(capture), "--captured-at", when])
        assert result.exit_code == 0, result.output
    return db


def test_entries_are_newest_first_and_filters_apply(tmp_path):
    body = "The port authority approved a 40 million dollar expansion of the northern terminal on Tuesday."
    later = body.replace("40", "45") + " Work starts in May."
    db = _ingest_versions(
        tmp_path,
        [
            (body, "2026-03-02T08:00:00Z", "https://a.example/port"),
            (body + " Work starts in May.", "2026-03-02T10:00:00Z", "https://a.example/port"),
            (later, "2026-03-03T09:00:00Z", "https://b.example/port"),
            (later.replace("Tuesday", "Tuesday\u2019s"), "2026-03-04T09:00:00Z", "https://b.example/port"),
        ],
    )
    parsed = _feed(db)
    assert [e.updated[:16] for e in parsed.entries] == [
        "2026-03-04T09:00",
        "2026-03-03T09:00",
        "2026-03-02T10:00",
    ]
    assert "<del>40</del><ins>45</ins>" in parsed.entries[1].content[0].value
    assert [e.link for e in _feed(db, "--site", "b.example").entries] == ["https://b.example/port"] * 2
    assert len(_feed(db, "--limit", "1").entries) == 1
    out = tmp_path / "changes.xml"
    assert CliRunner().invoke(main, ["--db", str(db), "feed", "-o", str(out)]).exit_code == 0
    assert feedparser.parse(out.read_bytes()).bozo == 0


def test_scraped_markup_and_control_characters_arrive_as_text(tmp_path):
    evil = "Boom <script>alert(1)</script> \x1b[2J [b]x[/b]"
    lines = [
        {
            "headline": "Hostile <b>story</b>",
            "body": f"A calm first version of the text. {evil}",
            "captured_at": "2026-03-02T08:00:00Z",
        },
        {
            "headline": "Hostile <b>story</b>",
            "body": f"A calm second version of the text. {evil}",
            "captured_at": "2026-03-02T09:00:00Z",
        },
    ]
    feed_file = tmp_path / "feed.jsonl"
    feed_file.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "s.db"
    assert CliRunner().invoke(main, ["--db", str(db), "ingest", str(feed_file)]).exit_code == 0
    result = CliRunner().invoke(main, ["--db", str(db), "feed"])
    assert (
        result.exit_code == 0 and b"<script" not in result.stdout_bytes and b"\x1b" not in result.stdout_bytes
    )
    (entry,) = feedparser.parse(result.stdout_bytes).entries
    assert "&lt;script&gt;" in entry.content[0].value  # shown as text, not run
    assert entry.title_detail.type == "text/plain"  # the headline's "<b>" is text
