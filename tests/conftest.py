"""Shared fixtures: a store with the seeds ingested, paths to seeds."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from revtrack.ingest import ingest_paths
from revtrack.store import Store
from tests.support import Site

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The project's seed captures."""
    return SEEDS


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty store in a temporary folder."""
    s = Store.open(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
def seeded(store) -> Store:
    """A store holding the seeds."""
    report = ingest_paths(store, [SEEDS])
    assert not report.errors
    return store


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    """Path of a store file holding the seeds (for the TUI, which opens its own)."""
    path = tmp_path / "seeded.db"
    with Store.open(path) as s:
        assert not ingest_paths(s, [SEEDS]).errors
    return path


# A local web site for fetch and watch (127.0.0.1 only)


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            state.requests.append((self.path, dict(self.headers)))
            route = state.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if callable(route):
                route(self)
                return
            status, headers, body = route
            if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


# The atheris harness is run by hand (it needs atheris); keep it out of collection.
collect_ignore = ["fuzz"]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move everything made by imports and collection out of the garbage collector's view:
    each full collection would otherwise walk the objects of Textual, pandas and every
    collected test again."""
    import gc

    gc.freeze()
