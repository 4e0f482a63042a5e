"""Notifications that carry the diff: ``notify:`` Apprise URLs, sent by ``watch`` for each change
(``json://`` to a server on 127.0.0.1 stands for Slack, Matrix, mail and the rest)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support import EDITED, PARAGRAPHS, cli, feed, page, serve_feed


@pytest.fixture
def hook() -> Iterator[tuple[str, list[dict]]]:
    """A webhook on 127.0.0.1: its base address and the JSON bodies posted to it."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            size = int(self.headers.get("Content-Length", 0))
            received.append({"path": self.path, **json.loads(self.rfile.read(size))})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def _watch_an_edit(tmp_path, site, config_text: str, edited: list[str] = EDITED, headline: str | None = None):
    """Fetch a page, watch it once, edit it, watch again: the second pass's result."""
    first = page(paragraphs=PARAGRAPHS) if headline is None else page(headline, PARAGRAPHS)
    site.page("/harbour", first)
    serve_feed(site, "/feed.xml", feed(f"{site.base}/harbour"))
    db = tmp_path / "s.db"
    config = tmp_path / "config.yaml"
    config.write_text(config_text)
    args = ["--delay", "0", "--config", str(config), f"{site.base}/feed.xml"]
    assert cli(db, "watch", "--once", *args).exit_code == 0
    site.page("/harbour", page(paragraphs=edited) if headline is None else page(headline, edited))
    return cli(db, "watch", "--now", *args)


def test_each_change_goes_to_every_url_with_its_figures_facts_and_words(tmp_path, site, hook):
    address, received = hook
    config = f"notify:\n  - json://{address}/one\n  - json://{address}/two\n"
    result = _watch_an_edit(tmp_path, site, config)
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("changed")]
    assert sorted(m["path"] for m in received) == ["/one", "/two"]
    message = received[0]
    assert message["title"] == "Changed: Council passes harbour budget"
    body = message["message"]
    assert "[-forty-]{+fifty+}" in body and "{+Correction: the vote was 7-2.+}" in body
    assert "facts changed: -forty +fifty +7-2" in body
    assert "+" in body.splitlines()[0] and "words" in body.splitlines()[0]
    (seen,) = [line for line in body.splitlines() if line.startswith("first seen")]
    assert "/harbour" in seen  # the page's own (canonical) address
    # only the changed paragraphs travel, not the whole story
    assert PARAGRAPHS[0] not in body


def test_no_message_before_there_is_a_change(tmp_path, site, hook):
    address, received = hook
    result = _watch_an_edit(tmp_path, site, f"notify: json://{address}/x\n", edited=PARAGRAPHS)
    assert result.exit_code == 0 and received == []


def test_hostile_headline_reaches_the_message_inert(tmp_path, site, hook):
    address, received = hook
    result = _watch_an_edit(
        tmp_path, site, f"notify: json://{address}/x\n", headline="Budget \x1b[31mred\x1b[0m \u202eevil"
    )
    assert result.exit_code == 0, result.output
    (message,) = received
    assert "\x1b" not in message["title"] + message["message"]
    assert "\u202e" not in message["title"]


def test_a_url_apprise_cannot_use_is_refused_before_the_pass_without_its_secret(tmp_path, site):
    config = "notify:\n  - nosuchservice://user:hunter2@example.org\n"
    db = tmp_path / "s.db"
    (tmp_path / "config.yaml").write_text(config)
    out = cli(db, "watch", "--once", "--config", str(tmp_path / "config.yaml"), f"{site.base}/feed.xml")
    assert out.exit_code == 2 and "nosuchservice://" in out.output and "hunter2" not in out.output
    assert len(out.output.strip().splitlines()) == 1
    (tmp_path / "config.yaml").write_text("notify: 12\n")
    out = cli(db, "watch", "--once", "--config", str(tmp_path / "config.yaml"), f"{site.base}/feed.xml")
    assert out.exit_code == 2 and "'notify' must be an Apprise URL" in out.output


def test_a_failed_send_is_one_line_and_the_watch_goes_on(tmp_path, site):
    # nothing listens on port 9 of 127.0.0.1: the connection is refused
    result = _watch_an_edit(tmp_path, site, "notify: json://user:hunter2@127.0.0.1:9/x\n")
    assert result.exit_code == 0
    assert "notification via json:// failed" in result.output and "hunter2" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith("changed")]
