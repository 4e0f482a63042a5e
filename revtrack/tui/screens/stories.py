"""The stories screen: every story, most recently changed first, filterable."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from revtrack.render.listing import short
from revtrack.safety import inert_line
from revtrack.stories import StorySummary

#: Rows shown at once; a filter searches all stories.
MAX_ROWS = 2000
COLUMNS = ("", "Story", "Revs", "Last change", "Outlets", "Headline")


class StoriesScreen(Screen[None]):
    """A table of stories; enter opens one."""

    BINDINGS = [
        Binding("enter", "open_story", "Open", id="stories.open"),
        Binding("slash", "filter", "Filter", id="stories.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="stories.clear_filter"),
        Binding("o", "cycle_sort", "Sort", id="stories.sort"),
    ]
    SORTS = ("last_change", "revisions", "headline", "outlets")

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[StorySummary] = []
        self.shown: list[StorySummary] = []
        self.sort_key = "last_change"
        self.query_text = ""

    def compose(self) -> ComposeResult:
        """Header, filter box, table, status line, footer."""
        yield Header()
        yield Input(placeholder="filter: words in headline or outlet, Enter to keep", id="filter")
        table: DataTable = DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("Loading stories\u2026", id="stories-status")
        yield Footer()

    def on_mount(self) -> None:
        """Set up columns and load stories in the background."""
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label or "mark")
        table.focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read story summaries off the UI thread (big stores take a moment)."""
        stories = self.app.list_stories()  # type: ignore[attr-defined]
        self.app.call_from_thread(self._loaded, stories)

    def _loaded(self, stories: list[StorySummary]) -> None:
        self.stories = stories
        self.refill()

    def refill(self) -> None:
        """Apply the filter and sort, and redraw the table."""
        words = self.query_text.casefold().split()
        matching = [
            s
            for s in self.stories
            if all(w in s.headline.casefold() or w in " ".join(s.outlets).casefold() for w in words)
        ]
        key = self.sort_key
        if key == "headline":
            matching.sort(key=lambda s: s.headline.casefold())
        elif key == "outlets":
            matching.sort(key=lambda s: ", ".join(s.outlets).casefold())
        elif key == "revisions":
            matching.sort(key=lambda s: (-s.revisions, s.last_change), reverse=False)
        self.shown = matching[:MAX_ROWS]
        table = self.query_one(DataTable)
        table.clear()
        for s in self.shown:
            changed = s.revisions > 1
            style = "bold" if changed else "dim"
            table.add_row(
                Text("\u25cf" if changed else "\u00b7", style=style),
                Text(short(s.id), style=style),
                Text(str(s.revisions), style=style, justify="right"),
                Text(s.last_change[:16].replace("T", " "), style=style),
                Text(inert_line(", ".join(s.outlets)) or "-", style=style),
                Text(inert_line(s.headline), style=style),
                key=s.id,
            )
        total = len(self.stories)
        changed = sum(1 for s in self.stories if s.revisions > 1)
        more = f" (first {MAX_ROWS})" if len(matching) > MAX_ROWS else ""
        filt = f"  filter: {inert_line(self.query_text)!r}" if self.query_text else ""
        self.query_one("#stories-status", Static).update(
            Text(
                f"{len(matching)} of {total} stories{more}, {changed} with revisions \u25cf;"
                f" sorted by {key.replace('_', ' ')}{filt}"
            )
        )

    def action_open_story(self) -> None:
        """Open the story under the cursor."""
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return
        self.app.open_story(self.shown[table.cursor_row].id)  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row opens that story."""
        if event.row_key.value:
            self.app.open_story(event.row_key.value)  # type: ignore[attr-defined]

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """Clicking a column header sorts by that column."""
        by_label = {
            "Revs": "revisions",
            "Headline": "headline",
            "Outlets": "outlets",
            "Last change": "last_change",
        }
        self.sort_key = by_label.get(str(event.label), "last_change")
        self.refill()

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        self.sort_key = self.SORTS[(self.SORTS.index(self.sort_key) + 1) % len(self.SORTS)]
        self.refill()

    def action_filter(self) -> None:
        """Show the filter box and focus it."""
        box = self.query_one("#filter", Input)
        box.add_class("visible")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        self.query_text = event.value
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box returns to the table, keeping the filter."""
        self.query_one(DataTable).focus()

    def action_clear_filter(self) -> None:
        """Escape clears the filter and hides the box."""
        box = self.query_one("#filter", Input)
        box.value = ""
        box.remove_class("visible")
        self.query_text = ""
        self.refill()
        self.query_one(DataTable).focus()
