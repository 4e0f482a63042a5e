"""What many test modules share: page and feed builders, CLI and TUI drivers, the devcorpus,
stories that grow from a stub.

Fixtures stay in conftest.py; these are plain functions and values, imported by name.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from click.testing import CliRunner

from revtrack.cli import main

ROOT = Path(__file__).resolve().parent.parent


def devcorpus() -> Path | None:
    """The tuning set: ``$REVTRACK_DEVCORPUS``, else ``shared/devcorpus`` beside the project."""
    for candidate in (os.environ.get("REVTRACK_DEVCORPUS"), ROOT.parent / "shared" / "devcorpus"):
        if candidate and (Path(candidate) / "truth.json").is_file():
            return Path(candidate)
    return None


# ---------------------------------------------------------------- pages

PARAGRAPHS = [
    "The city council approved the harbour budget late on Monday after a debate that ran past midnight.",
    "Union leaders said the vote was a fair compromise for their three thousand members at the port.",
    "The mayor, who had threatened a veto, said she would sign the measure on Tuesday morning.",
    "Opponents argued that the dredging plan would cost far more than the forty million dollars budgeted.",
]


def page(headline: str = "Council passes harbour budget", paragraphs: list[str] = PARAGRAPHS) -> str:
    """A news page as publishers build them: metadata, navigation, the article, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:title" content="{headline}">
<meta name="author" content="Dana Reyes">
<meta property="article:published_time" content="2026-03-02T08:30:00Z">
<link rel="canonical" href="https://gazette.example/2026/03/02/harbour-budget">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{headline}</h1><p class="byline">By Dana Reyes</p>
{body}
</article></main>
<footer><p>Copyright The Harbour Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


# ---------------------------------------------------------------- a local site, feeds and the CLI

Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]


class Site:
    """Routes by path; every request's path and headers are recorded."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def page(self, path: str, html: str, etag: str | None = None) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if etag:
            headers["ETag"] = etag
        self.routes[path] = (200, headers, html.encode())

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]


def cli(db, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def ingested_document(tmp_path, name: str, raw: bytes) -> tuple[str, list[str]]:
    """A document file written as ``name``, ingested into a store of its own: the headline of
    its one revision and its body's paragraphs, those before the test's own paragraphs
    (:data:`PARAGRAPHS`, which the document opens with) checked and left out."""
    (tmp_path / name).write_bytes(raw)
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    body = row["body"].split("\n\n")
    assert body[: len(PARAGRAPHS)] == PARAGRAPHS
    return row["headline"], body[len(PARAGRAPHS) :]


def stories(db) -> list[dict]:
    return json.loads(cli(db, "stories", "--json").output)


STORM = [
    "A winter storm closed the port on Thursday, stranding eleven cargo ships in the outer anchorage.",
    "Forecasters expect gusts above ninety kilometres an hour until the weekend, the weather office said.",
    "Ferry crossings to the islands were cancelled and schools along the coast will stay shut on Friday.",
]
EDITED = [*PARAGRAPHS[:3], PARAGRAPHS[3].replace("forty", "fifty"), "Correction: the vote was 7-2."]


def feed(*links: str, title: str = "Harbour Gazette") -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://x/</link><description>d</description>{items}</channel></rss>"
    )


def serve_feed(site: Site, path: str, xml: str) -> None:
    site.routes[path] = (200, {"Content-Type": "application/rss+xml", "ETag": f'"{hash(xml)}"'}, xml.encode())


# ---------------------------------------------------------------- the TUI


def make_app(db, tmp_path=None, extra_theme_dir=None):
    """The app on a store, with the built-in themes (and ``extra_theme_dir``'s)."""
    from revtrack.themes import builtin_theme_dir
    from revtrack.tui.app import RevtrackApp

    dirs = [builtin_theme_dir()] + ([extra_theme_dir] if extra_theme_dir else [])
    return RevtrackApp(db, theme_dirs=dirs)


async def loaded(app, pilot):
    """Wait until the app's workers are done and the screen has settled."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_alliance(app, pilot):
    """Open the seeds' story with two revisions; returns its StoryScreen."""
    from revtrack.tui.screens.stories import StoriesScreen
    from revtrack.tui.screens.story import StoryScreen

    await loaded(app, pilot)
    screen = app.screen
    assert isinstance(screen, StoriesScreen)
    row = next(n for n, s in enumerate(screen.shown) if s.revisions == 2)
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await loaded(app, pilot)
    assert isinstance(app.screen, StoryScreen)
    return app.screen


async def settle(app) -> None:
    """Wait until no worker runs; a load replaced by a newer one (a live reload) is not an error."""
    import contextlib

    from textual.worker import WorkerCancelled

    while running := [w for w in app.workers if w.is_running]:
        for worker in running:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def growing(seed: int) -> tuple[str, list[str]]:
    """A report of 14 paragraphs and its headline; its first two paragraphs are the stub.

    As in real reports, each paragraph brings words of its own (a new witness, a
    new place); names recur throughout.
    """
    rng = random.Random(seed)
    names = [_word(rng).capitalize() for _ in range(6)]
    paragraphs = []
    for _ in range(14):
        topic = [_word(rng) for _ in range(30)] + names
        sentences = [" ".join(rng.choice(topic) for _ in range(18)).capitalize() + "." for _ in range(4)]
        paragraphs.append(" ".join(sentences))
    headline = " ".join([names[0], *rng.sample(paragraphs[0].split(), 5), names[1]])
    return headline.replace(".", ""), paragraphs


def versions(seed: int) -> list[tuple[str, str]]:
    """Stub (two paragraphs), a fuller version (half of them), the full report: one headline."""
    headline, paragraphs = growing(seed)
    half = len(paragraphs) // 2
    return [(headline, "\n\n".join(part)) for part in (paragraphs[:2], paragraphs[:half], paragraphs)]


def rolling_page(seed: int = 4, versions: int = 30, kept: int = 8) -> list[tuple[str, str]]:
    """A live page captured again and again: a new entry on top each time, only the
    ``kept`` latest shown, so the first and last captures share no entry."""
    rng = random.Random(seed)
    entries: list[str] = []
    out = []
    for _ in range(versions):
        topic = [_word(rng) for _ in range(25)]
        entries.insert(
            0, " ".join(" ".join(rng.choice(topic) for _ in range(16)).capitalize() + "." for _ in range(3))
        )
        entries = entries[:kept]
        out.append(("Live: flooding across the region", "\n\n".join(entries)))
    return out
