"""The stories screen: every story, most recently changed first, filterable.

The headline column takes the width the other columns leave and ends in "…"
when cut; the highlighted story's full headline shows in a detail line below
the table. Stories changed within a day of the newest capture stand out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from revtrack.render.listing import short
from revtrack.safety import inert_line
from revtrack.stories import StorySummary
from revtrack.tui.widgets.status import StatusLine

#: Rows shown at once; a filter searches all stories.
MAX_ROWS = 2000
#: Stories read first, off an index, so a large store's list shows at once.
FIRST_PAGE = 200
COLUMNS = ("", "Story", "Revs", "Last change", "Outlets", "Headline")
#: Widths of the columns before the headline (the outlets column shrinks to fit).
FIXED = {"": 1, "Story": 10, "Revs": 4, "Last change": 16}
MAX_OUTLETS = 16
#: A story changed this close to the newest capture in the store is recent.
RECENT = timedelta(days=1)
#: Seconds between looks at the store for captures another process added.
LIVE_EVERY = 3.0


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in "…" when cut.

    >>> clip("Alliance modernization gains focus", 12), clip("short", 12)
    ('Alliance mo…', 'short')
    """
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _when(text: str | None) -> datetime | None:
    """A stored time as an aware datetime (a bare date is midnight UTC); None if unreadable."""
    try:
        value = datetime.fromisoformat((text or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def filter_stories(stories: list[StorySummary], query: str) -> list[StorySummary]:
    """The stories whose headline or outlets hold every word of ``query`` (case folded)."""
    words = query.casefold().split()

    def matches(s: StorySummary) -> bool:
        where = f"{s.headline.casefold()}\n{' '.join(s.outlets).casefold()}"
        return all(w in where for w in words)

    return [s for s in stories if matches(s)]


def sort_stories(stories: list[StorySummary], key: str) -> list[StorySummary]:
    """Sorted by ``key`` (headline, outlets, revisions); ``last_change`` keeps the given order."""
    if key == "headline":
        return sorted(stories, key=lambda s: s.headline.casefold())
    if key == "outlets":
        return sorted(stories, key=lambda s: ", ".join(s.outlets).casefold())
    if key == "revisions":
        return sorted(stories, key=lambda s: (-s.revisions, s.last_change))
    return list(stories)


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
        self.total = 0  # stories in the store (more than loaded while the rest loads)
        self.shown: list[StorySummary] = []
        self.sort_key = "last_change"
        self.query_text = ""
        self.store_mark: int | None = None  # the newest capture id when the list was read
        self.live: set[str] = set()  # stories that changed while the app was open
        self._before: dict[str, int] | None = None  # revisions per story before a live reload

    def compose(self) -> ComposeResult:
        """Header, filter box, table, status line, footer."""
        yield Header()
        yield Input(placeholder="filter: words in headline or outlet, Enter to keep", id="filter")
        table: DataTable = DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="story-detail")
        yield StatusLine("Loading stories\u2026", id="stories-status")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Draw the columns at once, load stories in the background (columns are sized then)."""
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label or "mark")
        table.focus()
        self.load()
        self.set_interval(LIVE_EVERY, self._tick)

    def _tick(self) -> None:
        # a look still running (a slow disk, a loaded machine) is left to finish, not replaced
        if not any(w.group == "live" and w.is_running for w in self.workers):
            self.look_for_changes()

    @work(thread=True, group="live")
    def look_for_changes(self) -> None:
        """Reload the list when another process (``revtrack watch``, an ingest) added captures."""
        mark = self.app.store_mark()  # type: ignore[attr-defined]
        if self.store_mark is not None and mark != self.store_mark:
            self.app.call_from_thread(self._reload)
        self.store_mark = mark

    def _reload(self) -> None:
        if self._before is None and len(self.stories) >= self.total:  # the list had fully loaded
            self._before = {st.id: st.revisions for st in self.stories}
        self.load()

    def on_resize(self) -> None:
        """The headline column follows the terminal's width."""
        if self.stories:
            self.refill()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read story summaries off the UI thread: the newest page first, then every story.

        The first page comes off an index and shows at once; sorting and filtering
        wait for the whole list, which a large store takes seconds to aggregate.
        """
        first = self.app.list_stories(FIRST_PAGE)  # type: ignore[attr-defined]
        # counted, not inferred from a short page: an ingest may regroup stories meanwhile
        total = self.app.story_count()  # type: ignore[attr-defined]
        if len(first) < total:
            self.app.call_from_thread(self._loaded, first, total)
            first = self.app.list_stories()  # type: ignore[attr-defined]
        self.app.call_from_thread(self._loaded, first, len(first))

    def _loaded(self, stories: list[StorySummary], total: int) -> None:
        if self._before is not None and len(stories) >= total:  # a live reload, complete
            before, self._before = self._before, None
            changed = {st.id for st in stories if before.get(st.id, 0) < st.revisions}
            if changed - self.live:
                n = len(changed - self.live)
                self.app.say(f"{n} {'story' if n == 1 else 'stories'} changed", timeout=4)  # type: ignore[attr-defined]
            self.live |= changed
        self.stories = stories
        self.total = total
        self.refill()

    def refill(self) -> None:
        """Apply the filter and sort, and redraw the table."""
        matching = sort_stories(filter_stories(self.stories, self.query_text), self.sort_key)
        self.shown = matching[:MAX_ROWS]
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        columns, widths = self._layout(table.size.width or self.size.width or 80)
        table.clear(columns=True)
        for label in columns:
            table.add_column(label, key=label or "mark", width=widths[label])
        recent = self._add_rows(table, columns, widths)
        if cursor and cursor < table.row_count:
            table.move_cursor(row=cursor)
        self._status(matching, recent)
        self._detail()

    def _layout(self, total_width: int) -> tuple[list[str], dict[str, int]]:
        """The columns shown and their widths; the headline takes what the others leave."""
        outlets_width = min(MAX_OUTLETS, max([len(", ".join(st.outlets)) for st in self.shown] + [7]))
        columns = self.columns_shown(total_width)
        widths = {**FIXED, "Outlets": outlets_width}
        # each column has one cell of padding on either side; the scrollbar keeps two cells
        fixed = sum(widths[c] for c in columns if c != "Headline") + 2 * len(columns) + 2
        widths["Headline"] = max(10, total_width - fixed)
        return columns, widths

    def _add_rows(self, table: DataTable, columns: list[str], widths: dict[str, int]) -> int:
        """One row per story shown; returns how many changed within a day of the newest capture."""
        newest = max(
            (_when(st.last_seen) for st in self.stories), default=None, key=lambda d: d or datetime.min
        )
        recent = 0
        for st in self.shown:
            changed = st.revisions > 1
            style = "bold" if changed else "dim"
            when = _when(st.last_change)
            is_recent = changed and newest is not None and when is not None and newest - when <= RECENT
            recent += is_recent
            mark = "\u2605" if st.id in self.live else "\u25cf" if changed else "\u00b7"
            outlets = clip(inert_line(", ".join(st.outlets)) or "-", widths["Outlets"])
            cells = {
                "": Text(mark, style="bold reverse" if st.id in self.live else style),
                "Story": Text(short(st.id), style=style),
                "Revs": Text(str(st.revisions), style=style, justify="right"),
                "Last change": Text(
                    st.last_change[:16].replace("T", " "), style="bold reverse" if is_recent else style
                ),
                "Outlets": Text(outlets, style=style),
                "Headline": Text(clip(inert_line(st.headline), widths["Headline"]), style=style),
            }
            table.add_row(*(cells[c] for c in columns), key=st.id)
        return recent

    @staticmethod
    def columns_shown(total_width: int) -> list[str]:
        """The columns that fit: narrow terminals give the headline the room (the id and the
        outlets are in the detail line)."""
        hidden = {"Story"} if total_width < 100 else set()
        if total_width < 90:
            hidden.add("Outlets")
        return [c for c in COLUMNS if c not in hidden]

    def _status(self, matching: list[StorySummary], recent: int) -> None:
        total = max(self.total, len(self.stories))
        changed = sum(1 for st in self.stories if st.revisions > 1)
        filt = inert_line(self.query_text)
        if self.query_text and not matching:
            text = f"No story matches {filt!r} ({total} stories in all); esc clears the filter"
        else:
            more = f" (first {MAX_ROWS})" if len(matching) > MAX_ROWS else ""
            loading = total > len(self.stories)
            if loading:
                head = f"newest {len(self.stories)} of {total} stories (loading the rest)"
            elif self.query_text:
                head = f"{len(matching)} of {total} stories"
            else:
                head = f"{total} stories"
            text = f"{head}{more} \u00b7 {changed} revised \u25cf"
            if recent:
                text += f" \u00b7 {recent} in the last day"
            if self.live:
                text += f" \u00b7 {len(self.live)} changed since opened \u2605"
            text += f" \u00b7 by {self.sort_key.replace('_', ' ')}"
            if self.query_text:
                text += f" \u00b7 filter {filt!r}"
            text += " \u00b7 enter opens"
        self.query_one("#stories-status", StatusLine).set_status(Text(text))

    def _detail(self) -> None:
        """The highlighted story's full headline, outlets and figures."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        detail = self.query_one("#story-detail", Static)
        if not self.shown or row is None or row >= len(self.shown):
            detail.update("")
            return
        st = self.shown[row]
        outlets = inert_line(", ".join(st.outlets)) or "no outlet"
        when = st.last_change[:16].replace("T", " ")
        dot = " \u00b7 "
        line = Text(
            f"{outlets}{dot}{st.revisions} revision(s){dot}last change {when}{dot}story {short(st.id)}\n"
        )
        line.stylize("dim")
        line.append(inert_line(st.headline), style="bold")
        detail.update(line)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted story's full headline."""
        self._detail()

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
        """Sort by the next column shown (outlets only when their column is on screen)."""
        width = self.query_one(DataTable).size.width or self.size.width or 80
        sorts = [k for k in self.SORTS if k != "outlets" or "Outlets" in self.columns_shown(width)]
        at = sorts.index(self.sort_key) if self.sort_key in sorts else -1
        self.sort_key = sorts[(at + 1) % len(sorts)]
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
