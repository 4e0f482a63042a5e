"""The TUI fits its terminal and keeps the reader's place, driven with Pilot.

First-render clipping, the place kept on ``c`` and ``t``, the figures agreeing
with the timeline, the story list's headlines, wrapping, the footer and palette,
notices, and the empty-filter status.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from revtrack.render.lines import cell_width, inline_layout, wrap
from revtrack.store import Store
from revtrack.stories import story_log
from revtrack.tui.screens.stories import StoriesScreen
from revtrack.tui.widgets.diff_view import DiffView
from tests.support import loaded, make_app, open_alliance

SIZES = [(80, 24), (120, 40), (160, 50)]


def _lines(view: DiffView) -> list[str]:
    return view.text.split("\n")


@pytest.mark.parametrize("size", SIZES)
async def test_first_render_fits_and_equals_a_forced_re_render(seeded_db, size):
    app = make_app(seeded_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        width = view.scrollable_content_region.width
        first = view.text
        assert first and all(cell_width(line) <= width for line in _lines(view))
        assert "Lee Jae" in first and "Myung" in first  # the word clipped at 120 columns on first open
        await pilot.press("s", "s")  # split and back: a forced re-render
        await pilot.pause()
        assert view.text == first
        assert view.virtual_size.width <= width  # nothing to scroll sideways
        assert not view.show_horizontal_scrollbar


@pytest.mark.parametrize("key", ["c", "t"])
async def test_cosmetic_and_theme_keep_the_readers_place(seeded_db, key):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        await pilot.press("space", "space")
        await pilot.pause()
        top = view.scroll_offset.y
        assert top > 0
        await pilot.press(key)
        await pilot.pause()
        assert abs(view.scroll_offset.y - top) <= 2


async def test_timeline_figure_line_and_log_agree(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_alliance(app, pilot)
        table = screen.query_one("#timeline", DataTable)
        stats = str(screen.query_one("#stats", Static).render())
        figures = table.get_column_index("+/- words")
        change = str(table.get_cell_at((1, figures)))
        assert f"words {change}" in stats  # the same figures in both places
        first = str(table.get_cell_at((0, figures)))
        assert first == "first seen"
        await pilot.press("left")
        await pilot.pause()
        stats = str(screen.query_one("#stats", Static).render())
        assert "first seen" in stats and "headline changed" not in stats
        with Store.open(seeded_db) as store:
            log = story_log(store, screen.story_id)
        assert log[0].headline_changed is False and log[1].headline_changed is True


@pytest.mark.parametrize("size", SIZES)
async def test_story_list_headlines_take_the_free_width_with_an_ellipsis(seeded_db, size):
    app = make_app(seeded_db)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        table = screen.query_one(DataTable)
        headline_col = table.columns["Headline"]
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.size.width  # no sideways scrolling
        assert not table.show_horizontal_scrollbar
        cells = [str(table.get_row_at(n)[-1]) for n in range(table.row_count)]
        cut = [c for c in cells if c.endswith("\u2026")]
        assert all(len(c) <= headline_col.width for c in cells)
        if size[0] < 160:
            assert cut  # long headlines end with an ellipsis
        detail = str(screen.query_one("#story-detail", Static).render())
        assert screen.shown[0].headline in detail.replace("\n", " ")  # the full headline, below the table
        await pilot.press("down")
        await pilot.pause()
        detail = str(screen.query_one("#story-detail", Static).render())
        assert screen.shown[1].headline in detail.replace("\n", " ")


async def test_no_sideways_scrollbar_when_the_filter_matches_nothing(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 0 and not table.show_horizontal_scrollbar


def test_wrapping_keeps_punctuation_and_markers_with_their_words():
    from revtrack.diffing import compare

    old = "Officials met in Seoul, according to officials, amid lower-level talks on the details of the plan."
    new = "Officials met in Washington, according to officials, amid working-level negotiations on the plan."
    comparison = compare(old, new)
    for width in range(20, 70):
        for symbols in (False, True):
            for line in inline_layout(comparison, width, symbols=symbols).lines:
                text = "".join(t for t, _ in line)
                assert not text.startswith((",", ".", "-]", "+}")), (width, text)
                assert not text.rstrip().endswith(("[-", "{+")), (width, text)
                assert cell_width(text) <= width
    assert [
        "".join(t for t, _ in line) for line in wrap([("a ", "equal"), ("b", "insert"), (",", "equal")], 8)
    ] == ["a b,"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_footer_fits_palette_has_one_keys_entry_help_lists_ctrl_p(seeded_db, size):
    app = make_app(seeded_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_alliance(app, pilot)
        await pilot.pause()
        footer_keys = list(screen.query("FooterKey"))
        assert footer_keys and all(k.region.right <= size[0] and k.region.width > 0 for k in footer_keys)
        for key in ("s", "c", "q", "question_mark"):
            assert any(k.key == key for k in footer_keys), key
        titles = [c.title for c in app.get_system_commands(screen)]
        assert titles.count("Keys") == 1
        await pilot.press("question_mark")
        await pilot.pause()
        listed = [b for _, bindings in app.screen.groups for b in bindings]
        assert any(b.key == "ctrl+p" and b.action == "command_palette" for b in listed)


async def test_notices_replace_each_other_in_the_status_line(seeded_db):
    """Notices show in the status line, one at a time, and no toast covers the text (issue 28, 8)."""
    from revtrack.tui.widgets.status import StatusLine

    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_alliance(app, pilot)
        await pilot.press("t", "c", "s")
        await pilot.pause()
        assert len(app._notifications) == 0
        status = screen.query_one(StatusLine)
        assert str(status.render()) == "side by side"
        status._restore()  # the notice's time is up: the status is back
        assert str(status.render()).startswith("story ")


async def test_status_says_when_nothing_matches(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        status = str(app.screen.query_one("#stories-status", Static).render())
        assert status.startswith("No story matches 'zzzz' (19 stories in all)")
        assert "1 with revisions" not in status
