"""Snapshot tests (pytest-textual-snapshot): the stories screen and the alliance diff per theme.

Regenerate after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest

from revtrack.themes import builtin_theme_dir
from revtrack.tui.app import RevtrackApp


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_stories_screen(snap_compare, seeded_db):
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])
    assert snap_compare(app, terminal_size=(120, 30), run_before=_settle)


@pytest.mark.parametrize("theme", ["revtrack-dark", "revtrack-light", "revtrack-high-contrast"])
def test_alliance_diff_in_theme(snap_compare, seeded_db, theme):
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir()])

    async def open_story(pilot):
        await _settle(pilot)
        pilot.app.theme = theme
        screen = pilot.app.screen
        row = next(n for n, s in enumerate(screen.shown) if s.revisions == 2)
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(110, 36), run_before=open_story)
