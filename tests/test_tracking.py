"""Tracking a site day to day (issue 28): what a user reads in `log`, `show` and `watch`.

Each test names its finding and failed on the main before the change.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from revtrack.cli import main
from tests.test_fetch_watch import cli
from tests.test_html_capture import page


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
        assert "+added -removed words against the previous revision" in text


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
