"""Tracking a site day to day (issue 28), what a user sees in the TUI at 80 columns.

Each test names its finding and failed on the main before the change.
"""

from __future__ import annotations

import json

from textual.widgets import DataTable, Static

from revtrack.ingest import ingest_paths
from revtrack.store import Store
from revtrack.tui.screens.stories import StoriesScreen
from revtrack.tui.screens.story import StoryScreen
from revtrack.tui.widgets.diff_view import DiffView
from revtrack.tui.widgets.status import StatusLine
from tests.support import loaded, make_app, open_alliance


async def test_side_by_side_is_named_so_in_footer_palette_and_keymap(seeded_db):
    """Finding 7: the view was "Split" (footer, binding id, palette), read as `story split`."""
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_alliance(app, pilot)
        bindings = {b.id: b.description for b in StoryScreen.BINDINGS}
        assert bindings["story.side_by_side"] == "Side by side"
        assert not any("split" in (d or "").casefold() for d in bindings.values())
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Toggle side by side" in titles and not any("split" in t.casefold() for t in titles)
        await pilot.press("s")
        assert screen.query_one(DiffView).split
    aliased = make_app(seeded_db)
    aliased.set_keymap({"story.split": "x"})  # the old id still works for a release
    async with aliased.run_test(size=(80, 24)) as pilot:
        screen = await open_alliance(aliased, pilot)
        await pilot.press("x")
        assert screen.query_one(DiffView).split


async def test_timeline_and_figures_fit_80_columns(seeded_db):
    """Finding 8: headlines cut mid-word without "…", and the figures line broke "0 / moved"."""
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_alliance(app, pilot)
        table = screen.query_one("#timeline", DataTable)
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.size.width
        headline = table.get_column_index("Headline")
        width = table.ordered_columns[headline].width
        for n, rev in enumerate(screen.revisions):
            cell = str(table.get_cell_at((n, headline)))
            assert cell == rev.headline or (cell.endswith("\u2026") and len(cell) == width)
        labels = [str(c.label) for c in table.ordered_columns]
        assert "First seen" in labels and "Published" in labels
        stats = str(screen.query_one("#stats", Static).render())
        lines = stats.splitlines()
        assert len(lines) > 1 and all(len(line) <= 78 for line in lines)
        groups = [g for line in lines for g in line.split(" \u00b7 ")]
        assert "0 moved" in groups and "similarity 0.97" in groups  # no group broken across lines


async def test_story_list_status_keeps_its_end_and_sorts_only_by_shown_columns(seeded_db):
    """Finding 8: the list's status lost its end at 80 columns; `o` offered the hidden Outlets."""
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        await pilot.press("slash", *"korea", "enter")
        await pilot.pause()
        status = screen.query_one("#stories-status", StatusLine)
        assert str(status.render()).endswith("enter opens") and status.size.height == 2
        seen = []
        for _ in range(4):
            await pilot.press("o")
            seen.append(screen.sort_key)
        assert "outlets" not in seen and "headline" in seen


async def test_n_highlights_where_it_landed_and_the_ends_say_so(seeded_db):
    """Finding 9: `n` showed no highlight or count; `→` on the newest revision said nothing."""
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        status = screen.query_one(StatusLine)
        await pilot.press("n")
        await pilot.pause()
        total = len(view.layout_.changes)
        assert view.current == view.layout_.changes[0]
        assert f"change 1 of {total}" in str(status.render())
        await pilot.press("n")
        await pilot.pause()
        assert view.current == view.layout_.changes[1] and f"change 2 of {total}" in str(status.render())
        await pilot.press("right")  # already the newest revision
        await pilot.pause()
        assert str(status.render()) == "This is the newest revision."


async def test_m_lands_on_each_half_of_a_move_and_says_which(tmp_path):
    """Finding 9: `m` jumped without showing where it landed."""
    moved = "The mayor will hold a news conference at noon on Friday to explain the decision."
    rest = [
        f"Paragraph {n} of the report sets out how the council reached its budget figures." for n in range(8)
    ]
    first = {
        "headline": "Council budget",
        "body": "\n\n".join([moved, *rest]),
        "captured_at": "2026-03-02T08:00:00Z",
    }
    second = {**first, "body": "\n\n".join([*rest, moved]), "captured_at": "2026-03-02T10:00:00Z"}
    feed = tmp_path / "moves.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in (first, second)) + "\n")
    db = tmp_path / "moves.db"
    with Store.open(db) as store:
        assert not ingest_paths(store, [feed]).errors
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        view = screen.query_one(DiffView)
        status = screen.query_one(StatusLine)
        landed = []
        for _ in range(2):
            await pilot.press("m")
            await pilot.pause()
            landed.append((view.current, str(status.render())))
        assert [line for line, _ in landed] == view.move_lines()
        assert "where it left" in landed[0][1] and "where it arrived" in landed[1][1]


async def test_a_start_up_warning_keeps_clear_of_the_status_line_and_its_path_whole(seeded_db, tmp_path):
    """Finding 8: toasts covered the status line (at 120 columns too) and broke a path mid-name."""
    from textual.widgets._toast import Toast

    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "broken.yaml").write_text("textual: 3\n")
    app = make_app(seeded_db, extra_theme_dir=themes)
    for size in ((80, 24), (120, 40)):
        async with app.run_test(size=size, notifications=True) as pilot:
            await loaded(app, pilot)
            await pilot.pause(0.2)  # the toast rack fills after a refresh
            status = app.screen.query_one("#stories-status", StatusLine).region
            (toast,) = app.screen.query(Toast)
            assert not toast.region.overlaps(status)
            shown = [line.strip() for line in str(toast.render()).splitlines()]
            assert any(str(themes / "broken.yaml") in line for line in shown), shown
        app = make_app(seeded_db, extra_theme_dir=themes)
