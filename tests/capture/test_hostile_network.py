"""A hostile network, round three (issue 27): malformed links, trickling servers, redirects past robots.txt.

Every failure is one line naming the input and the cause, exit 2, and the other
inputs go on. Servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from tests.support import cli, page, stories

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Broken</title><link>http://[::1/x</link></item>
<item><title>Broken too</title><link>http://host:port/x</link></item>
<item><title>Harbour</title><link>{base}/harbour</link></item>
</channel></rss>"""


def test_a_malformed_link_in_a_feed_is_one_line_and_the_entries_after_it_are_fetched(tmp_path, site):
    """Finding 1: an entry linking to ``http://[::1/x`` stopped the pass and every entry after it."""
    site.routes["/rss.xml"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        RSS.format(base=site.base).encode(),
    )
    site.page("/harbour", page())
    result = cli(tmp_path / "s.db", "watch", "--once", "--delay", "0", f"{site.base}/rss.xml")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("revtrack: ")]
    assert "revtrack: http://[::1/x: not a valid URL (Invalid IPv6 URL)" in errors
    assert any(line.startswith("revtrack: http://host:port/x: not a valid URL") for line in errors)
    assert [s["revisions"] for s in stories(tmp_path / "s.db")] == [1]  # the good entry was fetched


def test_a_host_name_idna_refuses_is_one_line(tmp_path):
    """Finding 1: ``fetch 'http://xn--ls8h.la/'`` died on idna with a traceback."""
    result = cli(tmp_path / "s.db", "fetch", "--delay", "0", "--timeout", "3", "http://xn--ls8h.la/")
    assert result.exit_code == 2
    (line,) = [line for line in result.output.splitlines() if line.startswith("revtrack: ")]
    assert line.startswith("revtrack: http://xn--ls8h.la/: ")


def _trickle_headers(handler: BaseHTTPRequestHandler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 60:
        try:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(0.25)


def _trickle_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(60):
        try:
            handler.wfile.write(b"<p>x</p>")
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(0.25)


def test_a_server_trickling_headers_or_body_is_refused_at_the_deadline(tmp_path, site):
    """Finding 2: one byte at a time, each within the read timeout, was never refused."""
    site.routes["/headers"] = _trickle_headers
    site.routes["/body"] = _trickle_body
    started = time.monotonic()
    result = cli(
        tmp_path / "s.db",
        "fetch",
        "--delay",
        "0",
        "--timeout",
        "1",  # four trickled bytes a second: each read is within it, the whole request is not
        f"{site.base}/headers",
        f"{site.base}/body",
    )
    assert time.monotonic() - started < 8  # two requests of 1 s each, with robots.txt
    assert result.exit_code == 2
    assert f"revtrack: {site.base}/headers: timed out after 1 s in all" in result.output
    assert f"revtrack: {site.base}/body: timed out after 1 s in all" in result.output


def test_robots_txt_is_checked_after_a_redirect(tmp_path, site):
    """Finding 4: a 302 to a path that robots.txt disallows was fetched and stored."""
    site.routes["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        b"User-agent: *\nDisallow: /private/\n",
    )
    site.routes["/go"] = (302, {"Location": "/private/memo"}, b"")
    site.page("/private/memo", page("Private memo"))
    result = cli(tmp_path / "s.db", "fetch", "--delay", "0", f"{site.base}/go")
    assert result.exit_code == 2
    assert (
        f"revtrack: {site.base}/go: redirected to {site.base}/private/memo, which its robots.txt disallows"
        in result.output
    )
    assert site.hits("/private/memo") == []


def test_an_oversized_robots_txt_is_named(tmp_path, site):
    """Finding 15: a robots.txt over the size limit was blamed on the page ("page: too large")."""
    site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"# " + b"x" * 3_000_000)
    site.page("/harbour", page())
    result = cli(tmp_path / "s.db", "fetch", "--delay", "0", "--max-bytes", "2000000", f"{site.base}/harbour")
    assert result.exit_code == 2
    assert f"revtrack: {site.base}/harbour: its robots.txt: too large" in result.output


def test_a_very_large_feed_is_announced_and_read_newest_first(tmp_path, site):
    """Also in issue 27: a 10,000-entry feed took hours a pass, silently, oldest first."""
    items = "".join(
        f"<item><title>n{n}</title><link>{site.base}/a/{n}</link>"
        f"<pubDate>Mon, {1 + n % 28:02d} Jun 2026 {n % 24:02d}:00:00 GMT</pubDate></item>"
        for n in range(250)
    )
    site.routes["/big.xml"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
    )
    result = cli(tmp_path / "s.db", "watch", "--once", "--delay", "0", f"{site.base}/big.xml")
    assert f"revtrack: note: {site.base}/big.xml: 250 new entries" in result.output
    asked = [path for path, _ in site.requests if path.startswith("/a/")]
    assert len(asked) == 250
    newest = max(range(250), key=lambda n: (1 + n % 28, n % 24))
    assert asked[0] == f"/a/{newest}"


def test_two_identical_large_files_are_equal_at_once(tmp_path):
    """Also in issue 27: two identical 20 MB files took 14 s and 1.4 GB; equal bytes are equal."""
    from revtrack.diffing import compare

    text = "Title\n\n" + "The council met on Tuesday to debate the harbour budget. " * 20_000
    assert compare(text, text).ops == [("=", text)]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text)
    b.write_text(text)
    result = cli(tmp_path / "s.db", "diff", str(a), str(b), "--stat")
    assert result.exit_code == 0 and result.output == ""
