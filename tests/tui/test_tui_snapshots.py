"""Snapshot tests (pytest-textual-snapshot): the stories screen and the alliance story on first
open, at 80x24, 120x40 and 160x50, in each theme.

Regenerate after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest

from revtrack.themes import builtin_theme_dir
from revtrack.tui.app import RevtrackApp

THEMES = ["revtrack-dark", "revtrack-light", "revtrack-high-contrast"]
SIZES = [(80, 24), (120, 40), (160, 50)]


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
def test_alliance_story_first_open(snap_compare, seeded_db, theme, size):
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])
    assert snap_compare(app, terminal_size=size, run_before=_story_opener(theme))


def test_alliance_story_after_two_changes_at_80x24(snap_compare, seeded_db):
    """`n` twice at 80x24: the second change highlighted at the top, the status saying which."""
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_story_opener(keys=("n", "n")))
