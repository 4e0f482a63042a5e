"""revtrack fetch and watch against a local HTTP server (127.0.0.1 only) whose pages change."""

from __future__ import annotations

import functools
import gzip
import time
from http.server import BaseHTTPRequestHandler

from tests.support import EDITED, PARAGRAPHS, STORM, cli, feed, page, serve_feed, stories


def test_fetch_stores_a_page_and_its_edit_becomes_a_revision(tmp_path, site):
    site.page("/harbour", page())
    db = tmp_path / "s.db"
    first = cli(db, "fetch", "--delay", "0", f"{site.base}/harbour")
    assert first.exit_code == 0 and "1 page(s) stored" in first.output, first.output
    assert "revtrack/" in site.hits("/harbour")[0]["User-Agent"]  # it says who it is
    site.page("/harbour", page(paragraphs=EDITED))
    second = cli(db, "fetch", "--delay", "0", f"{site.base}/harbour")
    assert second.exit_code == 0 and "1 new revision(s)" in second.output
    (story,) = stories(db)
    assert story["revisions"] == 2 and story["outlets"] == ["The Harbour Gazette"]
    diff = cli(db, "diff", story["id"])
    assert "[-forty-]{+fifty+}" in diff.output and "{+Correction: the vote was 7-2.+}" in diff.output


def test_a_page_served_as_html_that_opens_with_a_script_is_read_as_html(tmp_path, site):
    """Its address names no .html file and its first bytes are a script, not a tag the HTML
    sniff knows: the server's content type says what it is (found on a real page in a WARC)."""
    site.page("/harbour", "<script>var ad = 1;</script>\n" + page())
    db = tmp_path / "s.db"
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0
    (story,) = stories(db)
    assert story["headline"] == "Council passes harbour budget"


def test_conditional_get_adds_nothing_for_an_unchanged_page(tmp_path, site):
    site.page("/harbour", page(), etag='"v1"')
    db = tmp_path / "s.db"
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0
    again = cli(db, "fetch", "--delay", "0", f"{site.base}/harbour")
    assert again.exit_code == 0 and "0 page(s) stored, 1 unchanged" in again.output
    assert site.hits("/harbour")[1].get("If-None-Match") == '"v1"'
    assert [s["revisions"] for s in stories(db)] == [1]


def test_robots_txt_is_obeyed_and_the_other_urls_go_on(tmp_path, site):
    site.routes["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        b"User-agent: *\nDisallow: /private/\n",
    )
    site.page("/private/memo", page("Private memo"))
    site.page("/harbour", page())
    result = cli(
        tmp_path / "s.db", "fetch", "--delay", "0", f"{site.base}/private/memo", f"{site.base}/harbour"
    )
    assert result.exit_code == 2
    assert f"revtrack: {site.base}/private/memo: disallowed by the site's robots.txt" in result.output
    assert site.hits("/private/memo") == []
    assert "1 page(s) stored" in result.output


def _slow(handler: BaseHTTPRequestHandler) -> None:
    # past the test's 2 s deadline; the deadline is 2 s, not 1, as on a loaded machine (three
    # test workers on two cores) a 1 s deadline also cut the decompression bomb and the endless
    # body short before they reached their byte limit
    time.sleep(5)
    handler.send_response(200)
    handler.end_headers()


def _loop(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/loop")
    handler.end_headers()


@functools.cache
def _bomb_body() -> bytes:
    """Made once: compressing 50 MB takes long enough on a loaded machine to eat a 1 s deadline."""
    return gzip.compress(b"<html><body>" + b" " * (50 * 1024 * 1024) + b"</body></html>")


def _bomb(handler: BaseHTTPRequestHandler) -> None:
    body = _bomb_body()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _endless(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()  # no length: 100 MB follow unless the client stops reading
    chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
    try:
        for _ in range(100):
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass


def test_each_failure_is_one_line_naming_the_url(tmp_path, site):
    site.routes["/slow"] = _slow
    site.routes["/loop"] = _loop
    site.routes["/bomb"] = _bomb
    _bomb_body()  # made before any request: the server answers at once
    site.routes["/endless"] = _endless
    site.routes["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")  # cut short
    site.routes["/photo.jpg"] = (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff\xe0")
    site.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, b"<rss></rss>")
    site.page("/harbour", page())
    closed = "http://127.0.0.1:9/nothing"  # the discard port: nothing listens
    urls = {
        f"{site.base}/missing": "HTTP 404",
        f"{site.base}/slow": "timed out after 2 s",
        f"{site.base}/loop": "too many redirects",
        f"{site.base}/bomb": "too large (over 2000000 bytes once decompressed)",
        f"{site.base}/endless": "too large (over 2000000 bytes once decompressed)",
        f"{site.base}/report.pdf": "a PDF that cannot be read",  # a document is fetched, then read
        f"{site.base}/photo.jpg": "not a page revtrack reads (content type image/jpeg)",
        # a feed given to fetch: said so, with the command that follows it
        f"{site.base}/feed.xml": f"a feed, not a page (application/rss+xml); follow it with `revtrack watch {site.base}/feed.xml`",
        closed: "cannot fetch",
        "ftp://127.0.0.1/file": "not an http or https URL",
    }
    started = time.monotonic()
    result = cli(
        tmp_path / "s.db", "fetch", "--delay", "0", "--timeout", "2", "--max-bytes", "2000000",
        *urls, f"{site.base}/harbour",
    )  # fmt: skip
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("revtrack: ")]
    assert len(errors) == len(urls)
    for url, cause in urls.items():
        assert any(line.startswith(f"revtrack: {url}: {cause}") for line in errors), (url, errors)
    assert f"1 page(s) stored, 0 unchanged, {len(urls)} failed" in result.output
    assert [s["revisions"] for s in stories(tmp_path / "s.db")] == [1]  # nothing half-written


def test_watch_follows_a_feed_and_reports_an_edit_as_a_change(tmp_path, site):
    site.page("/harbour", page())
    site.page("/storm", page("Storm closes the port", STORM))
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour", f"{site.base}/storm"))
    config = tmp_path / "config.yaml"
    config.write_text('revisit:\n  - ["6h", "0s"]\n')  # due again at once, so the test need not wait
    db = tmp_path / "s.db"
    args = ["watch", "--once", "--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    first = cli(db, *args)
    assert first.exit_code == 0 and "2 new article(s)" in first.output, first.output
    site.page("/harbour", page(paragraphs=EDITED))
    second = cli(db, *args)
    assert second.exit_code == 0
    changed = [line for line in second.output.splitlines() if line.startswith("changed")]
    assert (
        len(changed) == 1
        and "The Harbour Gazette" in changed[0]
        and "Council passes harbour budget" in changed[0]
    )
    harbour = next(s for s in stories(db) if s["headline"] == "Council passes harbour budget")
    assert harbour["revisions"] == 2
    assert "{+fifty+}" in cli(db, "diff", harbour["id"]).output


def test_watch_once_twice_over_an_unchanged_site_adds_nothing(tmp_path, site):
    site.page("/harbour", page(), etag='"h1"')
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    config = tmp_path / "config.yaml"
    config.write_text('revisit:\n  - ["6h", "0s"]\n')
    db = tmp_path / "s.db"
    args = ["watch", "--once", "--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    assert cli(db, *args).exit_code == 0
    before = cli(db, "export").output
    again = cli(db, *args)
    assert again.exit_code == 0 and "0 new article(s)" in again.output and "0 change(s)" in again.output
    assert cli(db, "export").output == before
    assert site.hits("/feed.xml")[1].get("If-None-Match")  # the feed, too, was asked conditionally


def test_broken_feed_is_reported_and_the_other_feeds_go_on(tmp_path, site):
    site.page("/harbour", page())
    site.routes["/broken.xml"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        b"<rss><channel><item><title>x",
    )
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    result = cli(
        tmp_path / "s.db",
        "watch",
        "--once",
        "--delay",
        "0",
        f"{site.base}/broken.xml",
        f"{site.base}/feed.xml",
    )
    assert result.exit_code == 2
    assert f"revtrack: {site.base}/broken.xml: feed does not parse" in result.output
    assert "1 new article(s)" in result.output


async def test_tui_shows_a_story_that_changes_while_it_is_open(tmp_path, site, monkeypatch):
    """What `watch` stores appears in the open TUI, the changed story marked."""
    import revtrack.tui.screens.stories as stories_screen
    from revtrack.themes import builtin_theme_dir
    from revtrack.tui.app import RevtrackApp

    monkeypatch.setattr(stories_screen, "LIVE_EVERY", 0.2)
    site.page("/harbour", page())
    site.page("/storm", page("Storm closes the port", STORM))
    db = tmp_path / "s.db"
    assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour", f"{site.base}/storm").exit_code == 0
    app = RevtrackApp(db, theme_dirs=[builtin_theme_dir()])
    async with app.run_test(size=(120, 30)) as pilot:
        from tests.support import settle

        await settle(app)  # the list's first load
        await pilot.pause(0.5)
        site.page("/harbour", page(paragraphs=EDITED))
        assert cli(db, "fetch", "--delay", "0", f"{site.base}/harbour").exit_code == 0  # as watch would
        screen = app.screen
        for _ in range(50):
            await pilot.pause(0.1)
            if screen.live:
                break
        harbour = next(s for s in screen.stories if s.headline == "Council passes harbour budget")
        assert screen.live == {harbour.id} and harbour.revisions == 2
        line = screen.query_one("#stories-status")
        assert line.message == "1 story changed"  # the notice, in the status line for a moment
        assert "1 changed since opened" in str(line.status)  # the status it gives way to


def test_a_statement_published_as_a_word_file_or_rtf_is_fetched_and_tracked(tmp_path, site):
    from tests.extract.test_office import docx
    from tests.extract.test_rtf import word_rtf

    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    site.routes["/statement.docx"] = (200, {"Content-Type": word}, docx("Port approves terminal", PARAGRAPHS))
    site.routes["/notice"] = (200, {"Content-Type": "application/rtf"}, word_rtf(STORM, "Ferry notice"))
    db = tmp_path / "s.db"
    urls = [f"{site.base}/statement.docx", f"{site.base}/notice"]
    first = cli(db, "fetch", "--delay", "0", *urls)
    assert first.exit_code == 0 and "2 page(s) stored" in first.output, first.output
    assert sorted(s["headline"] for s in stories(db)) == ["Ferry notice", "Port approves terminal"]
    site.routes["/statement.docx"] = (200, {"Content-Type": word}, docx("Port approves terminal", EDITED))
    second = cli(db, "fetch", "--delay", "0", *urls)
    assert second.exit_code == 0 and "1 new revision(s)" in second.output, second.output
    (story,) = [s for s in stories(db) if s["headline"] == "Port approves terminal"]
    assert "[-forty-]{+fifty+}" in cli(db, "diff", story["id"]).output
