"""Without an extra, a command says which extra it needs; the core works without any of them."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from revtrack.cli import main
from tests.support import page


@pytest.fixture
def blocked(monkeypatch):
    """Make importing these modules fail, as if their extra were not installed."""

    def block(*modules: str) -> None:
        for name in modules:
            for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                monkeypatch.delitem(sys.modules, loaded)
            monkeypatch.setitem(sys.modules, name, None)

    return block


@pytest.mark.parametrize(
    ("args", "modules", "extra"),
    [
        (["tui"], ["textual"], "tui"),
        (["fetch", "http://127.0.0.1:9/x"], ["httpx"], "capture"),
        (["watch", "--once", "http://127.0.0.1:9/feed"], ["feedparser"], "capture"),
        (
            ["watch", "--once", "--notify", "json://127.0.0.1:9/x", "http://127.0.0.1:9/f"],
            ["apprise"],
            "capture",
        ),
        (["feed"], ["feedgen"], "share"),
    ],
)
def test_a_command_names_the_extra_it_needs(tmp_path, blocked, args, modules, extra):
    blocked(*modules)
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), *args])
    assert result.exit_code == 2
    assert f"needs the '{extra}' extra: pip install 'revtrack[{extra}]'" in result.output


def test_html_without_trafilatura_is_read_as_visible_text_with_a_warning(tmp_path, blocked):
    blocked("trafilatura")
    html = tmp_path / "harbour.html"
    html.write_text(page())
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "s.db"), "ingest", str(html), "--captured-at", "2026-03-02T12:00:00Z"]
    )
    assert result.exit_code == 0, result.output
    assert "1 capture(s) ingested" in result.output
    assert f"{html}: read as the page's visible text: trafilatura" in result.output
    assert "pip install 'revtrack[html]'" in result.output
    exported = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "export"]).output
    # every word the page shows is kept (the menu too: the fallback knows less than trafilatura)
    assert "Council passes harbour budget" in exported and "Copyright The Harbour Gazette" in exported
