"""Every line accounted for, and the user's say on the layout: ingest, manifest, show, reextract."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from revtrack.cli import main

LONG = (
    "The ministry said on Tuesday that the new rules would take effect next month, after a consultation "
    "that drew more than four thousand responses from companies and the public."
)
MENU = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Science", "Travel"]
PAGE = "\n".join(MENU) + f"\n\nNew rules next month\n\n{LONG}\n\n{LONG}\n\nAbout us\nContact\nPrivacy\n"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _revision(db) -> str:
    (story,) = json.loads(_run("stories", "--json", "--db", str(db)).output)
    (entry,) = json.loads(_run("log", story["id"], "--json", "--db", str(db)).output)
    return entry["id"]


def test_a_thin_capture_is_named_and_its_dropped_lines_are_listed_with_reasons(tmp_path):
    """ingest warns when a capture keeps less than half of its words; show --dropped says why."""
    page = tmp_path / "site" / "rules.txt"
    page.parent.mkdir()
    page.write_text(
        "\n".join(MENU * 12) + f"\n\nNew rules next month\n\n{LONG}\n\nAbout us\nContact\nPrivacy\n"
    )
    db = tmp_path / "s.db"
    result = _run("ingest", str(page.parent), "--db", str(db), "--captured-at", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0, result.output
    assert "rules.txt: only" in result.output and "words kept" in result.output
    assert "1 capture(s) kept less than half of their words" in result.output
    rid = _revision(db)
    shown = _run("show", rid, "--dropped", "--db", str(db)).output
    assert "layout page (read as a page:" in shown
    assert "menu" in shown and "Politics" in shown and "Privacy" in shown
    assert "footer: below the article" in shown
    data = json.loads(_run("show", rid, "--json", "--dropped", "--db", str(db)).output)
    (sighting,) = data["sightings"]
    assert data["dropped_words"] == sighting["dropped_words"] > 0
    reasons = {line["text"]: line["reason"] for line in sighting["dropped_lines"]}
    assert reasons["Politics"] == "menu" and reasons["Contact"] == "footer"
    assert sighting["words_in_capture"] - sighting["dropped_words"] == len(
        (data["headline"] + " " + data["body"]).split()
    )


def test_layout_plain_keeps_every_line_and_is_stored_and_shown(tmp_path):
    page = tmp_path / "rules.txt"
    page.write_text(PAGE)
    db = tmp_path / "s.db"
    result = _run(
        "ingest", str(page), "--layout", "plain", "--db", str(db), "--captured-at", "2026-01-01T00:00:00Z"
    )
    assert result.exit_code == 0, result.output
    rid = _revision(db)
    data = json.loads(_run("show", rid, "--json", "--db", str(db)).output)
    assert data["dropped_words"] == 0
    assert data["sightings"][0]["layout"] == "plain" and data["sightings"][0]["layout_choice"] == "plain"
    assert "Politics" in data["body"] and "Privacy" in data["body"]
    assert "--layout plain" in _run("show", rid, "--db", str(db)).output


def test_a_manifest_gives_a_folder_its_layout_and_a_bad_one_is_one_line(tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "rules.txt").write_text(PAGE)
    (folder / "manifest.yaml").write_text("layout: plain\n")
    db = tmp_path / "s.db"
    assert (
        _run("ingest", str(folder), "--db", str(db), "--captured-at", "2026-01-01T00:00:00Z").exit_code == 0
    )
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT layout, layout_choice FROM captures").fetchall() == [("plain", "plain")]
    conn.close()
    (folder / "manifest.yaml").write_text("layout: sideways\n")
    bad = _run("ingest", str(folder), "--db", str(tmp_path / "t.db"))
    assert bad.exit_code == 2
    assert "layout 'sideways' is not one of auto, plain, page" in bad.output


def test_reextract_with_a_layout_rereads_and_a_second_run_changes_nothing(tmp_path):
    page = tmp_path / "rules.txt"
    page.write_text(PAGE)
    db = tmp_path / "s.db"
    _run("ingest", str(page), "--db", str(db), "--captured-at", "2026-01-01T00:00:00Z")
    before = json.loads(_run("show", _revision(db), "--json", "--db", str(db)).output)
    assert before["sightings"][0]["layout"] == "page" and before["dropped_words"] > 0
    first = _run("reextract", "--layout", "plain", "--db", str(db))
    assert first.exit_code == 0 and "1 with changed articles" in first.output
    after = json.loads(_run("show", _revision(db), "--json", "--db", str(db)).output)
    assert after["dropped_words"] == 0 and after["sightings"][0]["layout_choice"] == "plain"
    second = _run("reextract", "--db", str(db))  # the stored choice is kept: nothing changes
    assert "0 with changed articles" in second.output and "new record" not in second.output
