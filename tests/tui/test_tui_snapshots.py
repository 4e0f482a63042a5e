"""Snapshot tests (pytest-textual-snapshot): the stories screen and the alliance story on first
open, each theme and each size (80x24, 120x40, 160x50) at least once per screen.

A theme changes colours and a size changes layout, independently: each screen runs a diagonal of
the theme x size grid (three snapshots, not nine), and the two screens run different diagonals,
so six of the nine pairs are pinned. Each snapshot costs about a second of the suite's budget.

Regenerate after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest

from revtrack.themes import builtin_theme_dir
from revtrack.tui.app import RevtrackApp

THEMES = ["revtrack-dark", "revtrack-light", "revtrack-high-contrast"]
SIZES = [(80, 24), (120, 40), (160, 50)]
# (theme, size) pairs: every theme and every size once per screen, different pairs per screen
STORIES_PAIRS = [(THEMES[n], SIZES[n]) for n in range(3)]
STORY_PAIRS = [(THEMES[n], SIZES[(n + 1) % 3]) for n in range(3)]


def _pair_id(pair: tuple[str, tuple[int, int]]) -> str:
    theme, (width, height) = pair
    return f"{theme}-{width}x{height}"  # the ids the snapshot files were named by


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(("theme", "size"), STORIES_PAIRS, ids=[_pair_id(p) for p in STORIES_PAIRS])
def test_stories_screen(snap_compare, seeded_db, theme, size):
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])

    async def themed(pilot):
        await _settle(pilot)
        pilot.app.theme = theme
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=themed)


def _story_opener(theme: str | None = None, keys: tuple[str, ...] = ()):
    """A run_before that picks ``theme``, opens the seeds' two-revision story and presses ``keys``."""

    async def open_story(pilot):
        await _settle(pilot)
        if theme:
            pilot.app.theme = theme
        screen = pilot.app.screen
        row = next(n for n, s in enumerate(screen.shown) if s.revisions == 2)
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)

    return open_story


@pytest.mark.parametrize(("theme", "size"), STORY_PAIRS, ids=[_pair_id(p) for p in STORY_PAIRS])
def test_alliance_story_first_open(snap_compare, seeded_db, theme, size):
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])
    assert snap_compare(app, terminal_size=size, run_before=_story_opener(theme))


def test_alliance_story_after_two_changes_at_80x24(snap_compare, seeded_db):
    """`n` twice at 80x24: the second change highlighted at the top, the status saying which."""
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_story_opener(keys=("n", "n")))
