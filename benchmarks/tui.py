"""TUI benchmark: first frame on a 100,000-snapshot store; stepping an 8,000-word story.

    python benchmarks/tui.py            # builds benchmarks/.cache/tui-100k.db once (slow)
    python benchmarks/tui.py --docs 20000

First frame: ``revtrack tui`` runs on a pseudo-terminal (a real process start,
imports included); the time is until the stories table's header is on screen,
and, separately, until the story list has loaded. Stepping: the real app under
``App.run_test``; the time from pressing the next-revision key to the diff of an
8,000-word revision being laid out (diff computed, lines wrapped, screen drawn).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.diff import make_pair  # noqa: E402


def build_store(db: Path, docs: int) -> None:
    """Ingest a synthetic corpus into ``db`` with the real command."""
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp)
        corpus = generate(n_stories=int(docs / 1.37), seed=21)[:docs]
        for n in range(0, len(corpus), 10_000):
            with (feed / f"part{n // 10_000:03d}.jsonl").open("w") as fh:
                for d in corpus[n : n + 10_000]:
                    pub = f"2025-{1 + d.published % 12:02d}-{1 + d.published % 28:02d}"
                    fh.write(json.dumps({"headline": d.headline, "body": d.body, "published": pub}) + "\n")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "revtrack",
                "ingest",
                str(feed),
                "--db",
                str(db),
                "--captured-at",
                "2026-01-01",
            ],
            check=True,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
        )


def first_frame(db: Path, marker: bytes, timeout: float = 30.0) -> float:
    """Seconds from spawning ``revtrack tui`` until ``marker`` appears in its output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ.update(
            {"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        )
        os.execv(sys.executable, [sys.executable, "-m", "revtrack", "tui", "--db", str(db)])
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in seen:
                    elapsed = time.perf_counter() - start
                    break
    finally:
        os.write(fd, b"q")
        time.sleep(0.3)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


class _Clock:
    """Sums time spent in wrapped methods (revtrack's action, Textual's layout and render)."""

    def __init__(self) -> None:
        self.total = 0.0

    def wrap(self, owner: type, name: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.total += time.perf_counter() - start

        setattr(owner, name, timed)


async def stepping(tmp: Path, cold: bool) -> tuple[list[float], list[float], list[float], list[float]]:
    """Milliseconds to show the next revision of an 8,000-word story, several times.

    ``cold`` clears the screen's cached comparisons first, so the diff is computed
    on the key press; otherwise the background precomputation has already run
    (what a reader gets after the story has been open a moment).
    """
    from revtrack.ingest import ingest_paths
    from revtrack.store import Store
    from revtrack.themes import builtin_theme_dir
    from revtrack.tui.app import RevtrackApp
    from revtrack.tui.widgets.diff_view import DiffView

    old, new = make_pair(8000, seed=8000)
    feed = tmp / "long.jsonl"
    rows = [
        {"headline": "Long story", "body": old, "published": "2026-01-01"},
        {"headline": "Long story, updated", "body": new, "published": "2026-01-02"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp / "long.db"
    with Store.open(db) as store:
        ingest_paths(store, [feed])
    from textual.screen import Screen

    from revtrack.tui.screens.story import StoryScreen

    clock = _Clock()  # the work a step causes: select(), layout, compositor refresh
    clock.wrap(StoryScreen, "select")
    clock.wrap(StoryScreen, "_computed")
    clock.wrap(Screen, "_refresh_layout")
    clock.wrap(Screen, "_compositor_refresh")
    app = RevtrackApp(db, theme_dirs=[builtin_theme_dir()])
    times = []
    rerender = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        view = screen.query_one(DiffView)
        for _ in range(7):
            for key in ("left", "right"):
                if cold:
                    screen.comparisons.clear()  # measure the diff too, not a cached result
                clock.total = 0.0
                start = time.perf_counter()
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                times.append((time.perf_counter() - start) * 1000)
                rerender.append(clock.total * 1000)
        assert view.layout_.lines
        noop = []  # Pilot's own round trip: a key bound to nothing, same waits
        for _ in range(7):
            start = time.perf_counter()
            await pilot.press("z")
            await app.workers.wait_for_complete()
            await pilot.pause()
            noop.append((time.perf_counter() - start) * 1000)
        direct = []  # revtrack's synchronous work to switch revision (diff cached)
        for n in range(14):
            start = time.perf_counter()
            screen.select(n % 2)
            direct.append((time.perf_counter() - start) * 1000)
    return times, noop, direct, rerender


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    cache = ROOT / "benchmarks" / ".cache"
    cache.mkdir(exist_ok=True)
    db = cache / f"tui-{args.docs}.db"
    if not db.exists():
        print(f"building {db} ({args.docs} snapshots; once)...", flush=True)
        build_store(db, args.docs)
    frames = [first_frame(db, b"Headline") for _ in range(5)]
    loaded = [first_frame(db, "revised \u25cf".encode()) for _ in range(3)]
    print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB, {args.docs} snapshots)")
    print(
        f"first frame (table header drawn): median {statistics.median(frames) * 1000:.0f} ms"
        f" over {len(frames)} starts  [target: at most 500 ms]"
    )
    print(f"story list loaded and shown: median {statistics.median(loaded) * 1000:.0f} ms")
    for cold, what in ((False, "diff precomputed"), (True, "cold: diff computed on the key")):
        with tempfile.TemporaryDirectory() as tmp:
            times, noop, direct, rerender = asyncio.run(stepping(Path(tmp), cold))
        print(
            f"next/previous revision, 8,000 words ({what}): re-render (revtrack's handlers + Textual's"
            f" layout and frame render) median {statistics.median(rerender):.1f} ms,"
            f" max {max(rerender):.1f} ms  [target: at most 50 ms]"
        )
        print(
            f"  key to idle through Pilot, waits included: median {statistics.median(times):.0f} ms,"
            f" max {max(times):.0f} ms"
        )
    print(
        f"  Pilot round trip for a key bound to nothing (same waits): median {statistics.median(noop):.0f} ms"
    )
    own = statistics.median(direct)
    print(f"  revtrack's own work to switch revision (cached diff, relayout): median {own:.1f} ms")


if __name__ == "__main__":
    main()
