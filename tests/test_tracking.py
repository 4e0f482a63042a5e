"""Tracking a site day to day (issue 28): what a user reads in `log`, `show` and `watch`.

Each test names its finding and failed on the main before the change.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from revtrack.cli import main
from tests.support import cli, page, stories


def _run(db, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_log_prints_the_star_legend_only_when_a_row_has_a_star(seeded_db):
    """Finding 13: `log` printed the `*` legend when no row had a `*`."""
    stories = json.loads(_run(seeded_db, "stories", "--json"))
    for story in stories:
        log = json.loads(_run(seeded_db, "log", story["id"], "--json"))
        text = _run(seeded_db, "log", story["id"])
        starred = any(entry["headline_changed"] for entry in log)
        assert ("* headline changed" in text) == starred
        assert "+added -removed ~changed words against the previous revision" in text


def test_show_says_a_relative_date_is_the_pages_wording_at_capture(seeded_db):
    """Finding 11: `show` printed "(22 minutes ago)" as if it were now."""
    stories = json.loads(_run(seeded_db, "stories", "--json"))
    revisions = [e["id"] for s in stories for e in json.loads(_run(seeded_db, "log", s["id"], "--json"))]
    shown = [_run(seeded_db, "show", rid) for rid in revisions]
    assert any('(the page said "22 minutes ago" when captured)' in text for text in shown)
    assert not any("(22 minutes ago)" in text for text in shown)


def test_an_html_page_given_to_watch_is_not_counted_as_a_feed_read(tmp_path, site):
    """Finding 12: an HTML page given to `watch` counted as "1/1 feed(s) read" and "does not parse"."""
    site.page("/harbour", page())
    result = cli(tmp_path / "s.db", "watch", "--once", "--delay", "0", f"{site.base}/harbour")
    assert result.exit_code == 2
    assert f"revtrack: {site.base}/harbour: feed does not parse" in result.output
    assert "0/1 feed(s) read" in result.output


def _figures_everywhere(db) -> list[tuple]:
    """For every consecutive pair of every story: the figures log, diff --stat, export and the TUI give."""
    from revtrack.comparison import concat
    from revtrack.diffing import compare
    from revtrack.store import Store
    from revtrack.stories import story_revisions

    exported = {
        r["revision_id"]: r["diff"] for r in map(json.loads, _run(db, "export").splitlines()) if r["diff"]
    }
    rows = []
    with Store.open(db, create=False) as store:
        for story in json.loads(_run(db, "stories", "--json")):
            log = json.loads(_run(db, "log", story["id"], "--json"))
            revisions = story_revisions(store, story["id"])
            for old, new, entry, rev in zip(log, log[1:], log[1:], revisions[1:], strict=False):
                stat = json.loads(_run(db, "diff", old["id"], new["id"], "--stat", "--format", "json"))
                (pair,) = stat["pairs"]
                prev = revisions[revisions.index(rev) - 1]
                tui = concat(compare(prev.headline, rev.headline), compare(prev.body, rev.body)).stats
                figures = {
                    "log": (entry["words_added"], entry["words_removed"], entry["words_changed"]),
                    "diff": tuple(
                        pair["stats"][k] for k in ("words_added", "words_deleted", "words_changed")
                    ),
                    "export": tuple(
                        exported[new["id"]][k] for k in ("words_added", "words_deleted", "words_changed")
                    ),
                    "tui": (tui.words_added, tui.words_deleted, tui.words_changed),
                }
                similarity = {
                    pair["stats"]["similarity"],
                    exported[new["id"]]["similarity"],
                    round(tui.similarity, 4),
                }
                rows.append((new["id"], figures, similarity))
    return rows


def test_one_set_of_figures_on_every_surface(seeded_db, tmp_path):
    """Finding 5: log said +25 -28, the TUI +9 -12 ~16, diff --stat and export +11 -14 ~18."""
    from tests.support import devcorpus

    devcorpus = devcorpus()  # beside the clone in CI, as the other devcorpus tests find it
    assert devcorpus is not None, "the devcorpus (shared/devcorpus beside the project) is needed"
    docs = tmp_path / "dev"
    docs.mkdir()
    pairs = [json.loads(line) for line in (devcorpus / "pairs.jsonl").read_text().splitlines()[:12]]
    for p in pairs:
        for name in (p["old_file"], p["new_file"]):
            (docs / name).write_bytes((devcorpus / "docs" / name).read_bytes())
    db = tmp_path / "dev.db"
    _run(db, "ingest", str(docs), "--captured-at", "2026-01-01T00:00:00Z")
    for store_db, least in ((seeded_db, 1), (db, 10)):
        rows = _figures_everywhere(store_db)
        assert len(rows) >= least
        for rid, figures, similarity in rows:
            assert len(set(figures.values())) == 1, (rid, figures)
            assert len(similarity) == 1, (rid, similarity)
    alliance = [f for _, f, _ in _figures_everywhere(seeded_db) if f["diff"] == (11, 14, 18)]
    assert alliance  # the seeds' alliance pair, as diff --stat always counted it


def _changed(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("changed")]


def test_a_page_fetched_first_is_rechecked_by_watch(tmp_path, site):
    """Finding 1: a page given to `fetch` had no next check; `watch` never saw its edits."""
    from tests.support import EDITED, STORM, feed, serve_feed

    site.page("/harbour", page())
    site.page("/storm", page("Storm closes the port", STORM))
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour", f"{site.base}/storm"))
    config = tmp_path / "config.yaml"
    config.write_text('revisit:\n  - ["6h", "0s"]\n')  # due again at once
    db = tmp_path / "s.db"
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0
    args = ["watch", "--once", "--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    first = cli(db, *args)
    assert "1 new article(s)" in first.output and "2 tracked" in first.output, first.output
    site.page("/harbour", page(paragraphs=EDITED))
    changed = _changed(cli(db, *args).output)
    assert len(changed) == 1 and "Council passes harbour budget" in changed[0]


def test_watch_now_and_fetch_recheck_check_pages_that_are_not_due(tmp_path, site):
    """Finding 2: after an edit, `watch --once` found nothing until the stored next check."""
    from tests.support import EDITED, feed, serve_feed

    site.page("/harbour", page())
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    db = tmp_path / "s.db"
    config = tmp_path / "config.yaml"
    config.write_text("feeds: []\n")  # the default schedule: next check in 15 minutes
    args = ["--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    assert cli(db, "watch", "--once", *args).exit_code == 0
    site.page("/harbour", page(paragraphs=EDITED))
    later = cli(db, "watch", "--once", *args)
    assert _changed(later.output) == [] and "0 re-checked" in later.output
    now = cli(db, "watch", "--now", *args)
    assert now.exit_code == 0 and len(_changed(now.output)) == 1 and "1 re-checked" in now.output
    site.page("/harbour", page(paragraphs=[*EDITED, "Update: the mayor signed it."]))
    recheck = cli(db, "fetch", "--recheck", "--delay", "0", "--config", str(config))
    assert recheck.exit_code == 0, recheck.output
    assert len(_changed(recheck.output)) == 1 and "1 page(s) re-checked" in recheck.output


def test_a_changed_revisit_applies_to_stored_pages_at_the_next_pass(tmp_path, site):
    """Finding 2: a changed `revisit:` applied only after each page's next fetch."""
    from tests.support import EDITED, feed, serve_feed

    site.page("/harbour", page())
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    db = tmp_path / "s.db"
    config = tmp_path / "config.yaml"
    config.write_text('revisit:\n  - ["6h", "1h"]\n')
    args = ["watch", "--once", "--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    assert cli(db, *args).exit_code == 0
    site.page("/harbour", page(paragraphs=EDITED))
    assert _changed(cli(db, *args).output) == []  # due in an hour
    config.write_text('revisit:\n  - ["6h", "0s"]\n')
    assert len(_changed(cli(db, *args).output)) == 1


def test_fetch_without_urls_or_recheck_is_one_line_and_exit_2(tmp_path):
    result = cli(tmp_path / "s.db", "fetch")
    assert result.exit_code == 2 and "nothing to fetch" in result.output


def _zoned_page(paragraphs: list[str]) -> str:
    """The harbour page, published at 08:00 in a +01:00 zone."""
    return page(paragraphs=paragraphs).replace("2026-03-02T08:30:00Z", "2025-11-20T08:00:00+01:00")


def test_the_whole_tracking_loop(tmp_path, site):
    """Done-when of issue 28, and finding 3: fetch a page, watch a feed listing it, edit the page,
    `watch --now`: one changed line, last_change is that pass's capture time (not the page's
    published date), and log, diff --stat and export give the same figures."""
    from datetime import UTC, datetime

    from tests.support import EDITED, feed, serve_feed

    site.page("/harbour", _zoned_page(page.__defaults__[1]))
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    db = tmp_path / "s.db"
    config = tmp_path / "config.yaml"
    config.write_text("feeds: []\n")
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0
    args = ["--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    assert cli(db, "watch", "--once", *args).exit_code == 0
    site.page("/harbour", _zoned_page(EDITED))
    before = datetime.now(UTC).replace(microsecond=0)
    result = cli(db, "watch", "--now", *args)
    after = datetime.now(UTC)
    assert result.exit_code == 0 and len(_changed(result.output)) == 1, result.output
    (story,) = json.loads(_run(db, "stories", "--json"))
    log = json.loads(_run(db, "log", story["id"], "--json"))
    assert len(log) == 2
    # the edit is dated when revtrack saw it; the page's published time keeps its minute
    assert before <= datetime.fromisoformat(story["last_change"]) <= after
    assert story["last_change"] == log[-1]["captured"]
    assert story["last_published"] == log[-1]["published"] == "2025-11-20T07:00:00+00:00"
    sighting = log[-1]["sightings"][-1]
    assert (
        sighting["published_precision"] == "minute" and sighting["date_text"] == "2025-11-20T08:00:00+01:00"
    )
    text = _run(db, "log", story["id"])
    assert "FIRST SEEN" in text and "PUBLISHED" in text and log[-1]["captured"][:16].replace("T", " ") in text
    ((_, figures, similarity),) = _figures_everywhere(db)
    assert len(set(figures.values())) == 1 and len(similarity) == 1, figures
    stat = json.loads(_run(db, "diff", log[0]["id"], log[1]["id"], "--stat", "--format", "json"))
    assert figures["diff"] == tuple(
        stat["pairs"][0]["stats"][k] for k in ("words_added", "words_deleted", "words_changed")
    )


async def test_the_timeline_shows_first_seen_and_published(tmp_path, site):
    """Finding 3: the TUI timeline showed only the published date for every revision."""
    from tests.support import EDITED, loaded, make_app

    site.page("/harbour", _zoned_page(page.__defaults__[1]))
    db = tmp_path / "s.db"
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0
    site.page("/harbour", _zoned_page(EDITED))
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0
    (story,) = json.loads(_run(db, "stories", "--json"))
    log = json.loads(_run(db, "log", story["id"], "--json"))
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        from textual.widgets import DataTable

        table = app.screen.query_one("#timeline", DataTable)
        seen, published = table.get_column_index("First seen"), table.get_column_index("Published")
        for n, entry in enumerate(log):
            assert str(table.get_cell_at((n, seen))) == entry["captured"][:16].replace("T", " ")
            assert str(table.get_cell_at((n, published))) == "2025-11-20 07:00"


def test_json_lists_as_many_cosmetic_changes_as_its_figures_count(seeded_db, tmp_path):
    """Finding 13: `stats.cosmetic_changes` said 4 while `cosmetic` listed 5 (ops, not changes)."""
    from tests.support import devcorpus

    devcorpus = devcorpus()
    assert devcorpus is not None, "the devcorpus (shared/devcorpus beside the project) is needed"
    pairs = [json.loads(line) for line in (devcorpus / "pairs.jsonl").read_text().splitlines()]
    checked = 0
    for p in pairs:
        old, new = (str(devcorpus / "docs" / p[k]) for k in ("old_file", "new_file"))
        result = CliRunner().invoke(main, ["diff", old, new, "--format", "json"])
        pair = json.loads(result.output)["pairs"][0]
        assert len(pair["cosmetic"]) == pair["stats"]["cosmetic_changes"], p
        for change in pair["cosmetic"]:  # each change is a run of -/+ ops with no = inside
            assert change == list(range(change[0], change[-1] + 1))
            assert all(pair["ops"][i][0] != "=" for i in change)
        checked += bool(pair["cosmetic"])
    assert checked >= 5  # pairs that have cosmetic changes at all
    stories = json.loads(_run(seeded_db, "stories", "--json"))
    (story,) = [s for s in stories if s["revisions"] == 2]
    log = json.loads(_run(seeded_db, "log", story["id"], "--json"))
    pair = json.loads(_run(seeded_db, "diff", log[0]["id"], log[1]["id"], "--format", "json"))["pairs"][0]
    assert len(pair["cosmetic"]) == pair["stats"]["cosmetic_changes"] == 28


def test_watch_in_a_terminal_starts_each_changed_line_on_a_clear_line(tmp_path, site):
    """Finding 4: in a terminal the status line and a "changed" line ran together
    ("next pass in 10schanged  40f9...")."""
    import os
    import pty
    import select
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.support import EDITED, feed, serve_feed

    site.page("/harbour", page())
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    config = tmp_path / "config.yaml"
    config.write_text('revisit:\n  - ["6h", "0s"]\n')
    db = tmp_path / "s.db"
    controller, terminal = pty.openpty()
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-m", "revtrack", "--db", str(db), "watch", "--every", "1s", "--delay", "0"]
    process = subprocess.Popen(
        [*command, "--config", str(config), f"{site.base}/feed.xml"],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        env=os.environ | {"PYTHONPATH": str(root)},
    )
    os.close(terminal)
    seen = b""
    edited = False
    deadline = time.monotonic() + 60
    try:
        while b"changed  " not in seen and time.monotonic() < deadline:
            if select.select([controller], [], [], 0.2)[0]:
                seen += os.read(controller, 65536)
            if b"next pass in" in seen and not edited:
                site.page("/harbour", page(paragraphs=EDITED))  # after the first pass
                edited = True
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
        os.close(controller)
    text = seen.decode("utf-8", "replace")
    assert "changed  " in text, text[-500:]
    line_start = text[: text.index("changed  ")].rsplit("\n", 1)[-1]
    # what is left on the terminal's line when "changed" starts: nothing, once \r and erase ran
    assert line_start.split("\r")[-1].replace("\x1b[K", "") == "", repr(line_start)


def _git_word_diff(a, b) -> str:
    import subprocess

    run = subprocess.run(
        ["git", "diff", "--no-index", "--word-diff=porcelain", str(a), str(b)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return run.stdout


def test_word_format_hunks_match_git_on_20_real_pairs():
    """Finding 10: `--format word` gave one `@@ -1,14 +1,16 @@` hunk for 13/15-line files; git's
    headers (line counts, three lines of context, the function line) are matched on real pairs."""
    from tests.support import devcorpus

    devcorpus = devcorpus()
    assert devcorpus is not None, "the devcorpus (shared/devcorpus beside the project) is needed"
    pairs = [json.loads(line) for line in (devcorpus / "pairs.jsonl").read_text().splitlines()[:20]]
    several = 0
    for p in pairs:
        old, new = (devcorpus / "docs" / p[k] for k in ("old_file", "new_file"))
        ours = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "word"]).output
        theirs = _git_word_diff(old, new)
        headers = [[line for line in out.splitlines() if line.startswith("@@")] for out in (ours, theirs)]
        assert headers[0] == headers[1], p
        several += len(headers[0]) > 1
    assert several >= 5  # most pairs are cut into several hunks, as git cuts them


def test_word_format_prints_a_removed_paragraph_break_as_git_does(tmp_path):
    """Finding 10: a removed paragraph break printed as an extra unchanged line."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Title\n\nPara one is here.\n\nPara two is there.\n")
    b.write_text("Title\n\nPara one is here. Para two is there.\n")
    ours = CliRunner().invoke(main, ["diff", str(a), str(b), "--format", "word"]).output
    theirs = _git_word_diff(a, b)
    assert ours.splitlines()[2:] == theirs.splitlines()[4:]  # after the ---/+++ lines


def test_a_tracked_page_that_grew_under_a_new_headline_stays_one_story(tmp_path, site):
    """Found this session: a page fetched as a two-paragraph stub, then as the full report
    under a new headline, became two stories (the stub shares few of the report's words)."""
    from tests.support import versions

    stub, _, full = versions(3)
    db = tmp_path / "s.db"
    site.page("/fire", page("Fire reported at the harbour", stub[1].split("\n\n")))
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/fire").exit_code == 0
    site.page("/fire", page("Two dead in harbour fire, officials say", full[1].split("\n\n")))
    assert cli(db, "fetch", "--recheck", "--delay", "0", f"{site.base}/fire").exit_code == 0
    listed = stories(db)
    assert [s["revisions"] for s in listed] == [2]
    log = json.loads(_run(db, "log", listed[0]["id"], "--json"))
    assert [e["headline"] for e in log] == [
        "Fire reported at the harbour",
        "Two dead in harbour fire, officials say",
    ]
