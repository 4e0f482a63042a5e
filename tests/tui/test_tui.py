"""The Textual app driven with Pilot: stories, stepping, changes, views, themes, safety."""

from __future__ import annotations

import json

from textual.widgets import DataTable

from revtrack.ingest import ingest_paths
from revtrack.store import Store
from revtrack.stories import list_stories
from revtrack.themes import builtin_theme_dir, load_themes
from revtrack.tui.screens.stories import StoriesScreen
from revtrack.tui.widgets.diff_view import DiffView
from tests.support import loaded, make_app, open_alliance


async def test_stories_listed_changed_first_marked(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        table = app.screen.query_one(DataTable)
        with Store.open(seeded_db) as store:
            stories = list_stories(store)
        assert table.row_count == len(stories)
        marks = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        revised = sum(s.revisions > 1 for s in stories)
        assert marks.count("\u25cf") == revised >= 1 and marks.count("\u00b7") == len(stories) - revised


async def test_filter_narrows_the_list(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"alliance")
        await pilot.pause()
        with Store.open(seeded_db) as store:
            expected = [s.id for s in list_stories(store) if "alliance" in s.headline.casefold()]
        assert [s.id for s in app.screen.shown] == expected
        assert 0 < app.screen.query_one(DataTable).row_count == len(expected) < len(app.screen.stories)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == len(app.screen.stories)


async def test_sort_cycles(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("o")
        assert app.screen.sort_key == "revisions"
        assert app.screen.shown[0].revisions == 2


async def test_step_through_alliance_story(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        assert screen.index == 1  # opens on the newest change
        assert "Washington" in view.text and "readiness posture" in view.text
        await pilot.press("left")
        await loaded(app, pilot)
        assert screen.index == 0
        assert "defer details" in str(screen.query_one("#headline-diff").render())
        await pilot.press("right")
        await loaded(app, pilot)
        assert screen.index == 1
        await pilot.press("K")
        assert screen.index == 0
        await pilot.press("J")
        await loaded(app, pilot)
        assert screen.index == 1


async def test_jump_between_changes(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        changes = view.layout_.changes
        assert len(changes) > 3
        await pilot.press("n", "n")  # the first n lands on the change at the top line
        first = round(view.scroll_offset.y)
        assert first == changes[1] and view.current == changes[1]
        await pilot.press("n")
        assert round(view.scroll_offset.y) > first
        await pilot.press("N")
        assert round(view.scroll_offset.y) == first
        await pilot.press("G")
        assert round(view.scroll_offset.y) == view.max_scroll_y
        await pilot.press("g")
        assert round(view.scroll_offset.y) == 0


async def test_split_and_cosmetic_toggles(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        assert not view.split
        await pilot.press("s")
        assert view.split and "\u2502" in view.text
        left = [line.split("\u2502")[0] for line in view.text.splitlines()]
        assert any("readiness posture" in line for line in left)
        await pilot.press("s")
        assert not view.split
        kinds = {k for line in view.layout_.lines for _, k in line}
        assert "cosmetic" in kinds
        await pilot.press("c")
        assert not view.show_cosmetic
        assert "cosmetic" not in {k for line in view.layout_.lines for _, k in line}


async def test_theme_switch_restyles_diff(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_alliance(app, pilot)
        view = screen.query_one(DiffView)
        assert app.theme == "revtrack-dark"
        before = view.styles_by_kind["insert"]
        await pilot.press("t")
        assert app.theme == "revtrack-high-contrast"
        assert view.styles_by_kind["insert"] != before
        assert view.symbols and "{+" in view.text and "[-" in view.text
        await pilot.press("t")
        assert app.theme == "revtrack-light"


async def test_escape_goes_back_and_help_lists_ids(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_alliance(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)


async def test_keymap_remaps_by_binding_id(seeded_db):
    app = make_app(seeded_db)
    app.set_keymap({"story.split": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_alliance(app, pilot)
        await pilot.press("x")
        assert screen.query_one(DiffView).split


async def test_hostile_article_text_is_inert(tmp_path):
    db = tmp_path / "hostile.db"
    feed = tmp_path / "feed.jsonl"
    evil = "Boom \x1b[2J\x1b]52;c;aGk=\x07 [bold]not markup[/bold] [link=http://x]y[/link] \u202eevil"
    lines = [
        {
            "headline": "Hostile [red]story[/red] \x1b[31m",
            "body": "A calm first version of the text here.",
            "published": "2026-01-01",
        },
        {
            "headline": "Hostile [red]story[/red] \x1b[31m",
            "body": "A calm first version of the text here. " + evil,
            "published": "2026-01-02",
        },
    ]
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    with Store.open(db) as store:
        ingest_paths(store, [feed])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        table = app.screen.query_one(DataTable)
        cells = " ".join(str(c) for c in table.get_row_at(0))
        assert "[red]story[/red]" in cells and "\x1b" not in cells
        await pilot.press("enter")
        await loaded(app, pilot)
        view = app.screen.query_one(DiffView)
        assert "[bold]not markup[/bold]" in view.text
        assert "\\x1b[2J" in view.text
        assert "\x1b" not in view.text and "\x07" not in view.text and "\u202e" not in view.text


def test_bad_theme_file_is_reported_once_and_skipped(tmp_path):
    (tmp_path / "broken.yaml").write_text("name: [unclosed\n")
    (tmp_path / "nameless.yaml").write_text("dark: true\n")
    (tmp_path / "mine.yaml").write_text("name: mine\ntextual: {primary: '#ff0000'}\n")
    specs, errors = load_themes([builtin_theme_dir(), tmp_path])
    names = {s.name for s in specs}
    assert {"revtrack-dark", "revtrack-light", "revtrack-high-contrast", "mine"} <= names
    assert len(errors) == 2
    assert any("broken.yaml: not valid YAML" in e for e in errors)
    assert any("nameless.yaml: 'name' is missing" in e for e in errors)


async def test_bad_theme_notified_in_app(seeded_db, tmp_path):
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "broken.yaml").write_text("textual: 3\n")
    app = make_app(seeded_db, extra_theme_dir=themes)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        messages = [n.message for n in app._notifications]
        assert sum("broken.yaml" in m for m in messages) == 1


def test_high_contrast_differs_by_more_than_hue():
    specs, _ = load_themes([builtin_theme_dir()])
    hc = next(s for s in specs if s.name == "revtrack-high-contrast")
    assert hc.symbols
    assert "underline" in hc.diff["insert"] and "strike" in hc.diff["delete"]


async def test_moves_are_marked_and_linked(tmp_path):
    paras = [
        "The council approved the harbor budget late on Monday night after a long debate.",
        "Union leaders said the vote was a fair compromise for their three thousand members.",
        "Construction of the northern terminal will begin in March, officials said on Tuesday.",
        "Officials expect the project to add nine hundred jobs over the next two years.",
        "A rail spur will link the quay to the freight yard north of the old city walls.",
    ]
    moved = paras[1:4] + [paras[0]] + paras[4:]
    feed = tmp_path / "moves.jsonl"
    rows = [
        {"headline": "Harbor budget", "body": "\n\n".join(paras), "published": "2026-01-01"},
        {"headline": "Harbor budget", "body": "\n\n".join(moved), "published": "2026-01-02"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "moves.db"
    with Store.open(db) as store:
        ingest_paths(store, [feed])
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")
        await loaded(app, pilot)
        view = app.screen.query_one(DiffView)
        marks = view.move_lines()
        assert len(marks) == 2
        lines = view.text.splitlines()
        left = [n for n in marks if "\u21921 " in lines[n]]  # where the paragraph left
        arrived = [n for n in marks if "\u21901 " in lines[n]]  # where it arrived
        assert len(left) == 1 and len(arrived) == 1
        assert "Monday night" in lines[left[0]] or "Monday night" in lines[left[0] + 1]
        # the view starts on the first half (line 0): m lands on it (highlighted), then the other
        assert marks[0] == 0
        assert view.next_move() == marks[0] and view.current == marks[0]
        assert view.next_move() == marks[1]
