"""The story screen: revision timeline on top, the selected revision's diff below."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import ColumnKey

from revtrack.comparison import Comparison, concat
from revtrack.diffing import compare
from revtrack.render.listing import short
from revtrack.safety import inert_line
from revtrack.stories import Revision
from revtrack.tui.screens.stories import clip
from revtrack.tui.widgets.diff_view import DiffView
from revtrack.tui.widgets.status import StatusLine


def word_figures(headline: Comparison, body: Comparison) -> str:
    """Words added, deleted and changed in the whole revision (headline and body, as ``log``,
    ``diff`` and ``export`` count them): the same figures in the timeline and the figure line."""
    s = concat(headline, body).stats
    return f"+{s.words_added} -{s.words_deleted} ~{s.words_changed}"


def _stats_groups(body: Comparison, headline: Comparison, index: int, total: int, words: int) -> list[str]:
    """The selected revision's figures, as groups that are never broken across lines."""
    if index == 0:
        return [f"rev 1/{total}", "first seen", f"{words} words"]
    s = concat(headline, body).stats
    return [
        f"rev {index + 1}/{total}",
        *(["headline changed"] if headline.stats.wording_changed else []),
        f"words {word_figures(headline, body)}",
        f"sentences {s.sentences_edited} edited +{s.sentences_added} -{s.sentences_deleted}",
        f"{s.sentences_moved} moved",
        f"{s.cosmetic_changes} cosmetic",
        # changed numbers, dates or names: said only when there are some, like the headline
        *([f"{s.facts_changed} fact(s) changed"] if s.facts_changed else []),
        f"similarity {s.similarity:.2f}",
    ]


def fit_groups(groups: list[str], width: int, sep: str = " \u00b7 ") -> str:
    """``groups`` joined by ``sep``, a line broken only between groups so none fits past ``width``.

    >>> print(fit_groups(["rev 2/2", "words +1 -0 ~0", "0 moved"], 20))
    rev 2/2
    words +1 -0 ~0
    0 moved
    >>> fit_groups(["rev 2/2", "0 moved"], 40)
    'rev 2/2 \u00b7 0 moved'
    """
    lines: list[str] = []
    for group in groups:
        if lines and len(lines[-1]) + len(sep) + len(group) <= width:
            lines[-1] += sep + group
        else:
            lines.append(group)
    return "\n".join(lines)


#: The timeline's columns; Sightings only where there is room for it.
TIMELINE = ("#", "First seen", "Published", "+/- words", "Sightings", "Headline")
#: Terminals at least this wide show the Sightings column.
SIGHTINGS_FROM = 110


class StoryScreen(Screen[None]):
    """Step through a story's revisions and watch the wording change."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="story.back"),
        # priority: the focused diff view would otherwise take left/right to scroll sideways
        # one footer label for both: "←→ Revision" (the footer must fit 80 columns)
        Binding(
            "left,K",
            "previous_revision",
            "Previous revision",
            show=False,
            priority=True,
            id="story.previous_revision",
        ),
        Binding(
            "right,J",
            "next_revision",
            "Revision",
            tooltip="Next revision",
            key_display="\u2190\u2192",
            priority=True,
            id="story.next_revision",
        ),
        Binding("n", "next_change", "Change", tooltip="Next change", id="story.next_change"),
        Binding("N", "previous_change", "Previous change", show=False, id="story.previous_change"),
        Binding("j", "scroll_lines(1)", "Down", show=False, id="story.scroll_down"),
        Binding("k", "scroll_lines(-1)", "Up", show=False, id="story.scroll_up"),
        Binding("space", "scroll_page(1)", "Page down", show=False, id="story.page_down"),
        Binding("b", "scroll_page(-1)", "Page up", show=False, id="story.page_up"),
        Binding("g", "scroll_edge(0)", "Top", show=False, id="story.top"),
        Binding("G", "scroll_edge(1)", "Bottom", show=False, id="story.bottom"),
        Binding("m", "next_move", "Next move", show=False, id="story.next_move"),
        Binding("s", "toggle_side_by_side", "Side by side", id="story.side_by_side"),
        Binding("c", "toggle_cosmetic", "Cosmetic", id="story.cosmetic"),
    ]

    def __init__(self, story_id: str, revisions: list[Revision]) -> None:
        super().__init__()
        self.story_id = story_id
        self.revisions = revisions
        self.index = len(revisions) - 1 if len(revisions) > 1 else 0
        self.comparisons: dict[int, tuple[Comparison, Comparison]] = {}

    def compose(self) -> ComposeResult:
        """Header, timeline, headline diff, stats, the diff, status, footer."""
        yield Header()
        table: DataTable = DataTable(id="timeline", cursor_type="row")
        yield table
        yield Static(id="headline-diff")
        yield Static(id="stats")
        yield DiffView(id="diff")
        yield StatusLine(id="story-status")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        """Fill the timeline and show the newest revision's changes."""
        self.fill_timeline()
        self.app.apply_diff_theme(self.query_one(DiffView))  # type: ignore[attr-defined]
        self._status()
        self.select(self.index)
        self.query_one(DiffView).focus()
        self.compute_all()

    def on_resize(self) -> None:
        """The timeline's columns and the figures follow the terminal's width."""
        self.fill_timeline()
        if self.index in self.comparisons:
            self._show_figures(self.index)

    def fill_timeline(self) -> None:
        """One row per revision: when revtrack first saw it, when the page says it was
        published, the words changed, (where wide enough) its sightings, and the headline,
        cut with "…" to the width the other columns leave."""
        table = self.query_one(DataTable)
        total_width = self.size.width or 80
        columns = [c for c in TIMELINE if c != "Sightings" or total_width >= SIGHTINGS_FROM]
        figures = {i: self._figures(i) for i in range(len(self.revisions))}
        widths = {
            "#": len(str(len(self.revisions))),
            "First seen": 16,
            "Published": 16,
            "+/- words": max(9, *(len(f) for f in figures.values())),
            "Sightings": 20,
        }
        # one cell of padding either side of each column, and the scrollbar's two cells
        fixed = sum(widths[c] for c in columns if c != "Headline") + 2 * len(columns) + 2
        widths["Headline"] = max(10, total_width - fixed)
        table.clear(columns=True)
        for label in columns:
            table.add_column(label, key=label, width=widths[label])
        for n, rev in enumerate(self.revisions):
            outlets = inert_line(", ".join(rev.outlets)) or "-"
            cells = {
                "#": str(n + 1),
                "First seen": rev.captured[:16].replace("T", " "),
                "Published": (rev.published or "-")[:16].replace("T", " "),
                "+/- words": Text(figures[n], style="dim" if n not in self.comparisons else ""),
                "Sightings": Text(clip(f"{len(rev.sightings)} ({outlets})", widths["Sightings"])),
                "Headline": Text(clip(inert_line(rev.headline), widths["Headline"])),
            }
            table.add_row(*(cells[c] for c in columns), key=rev.id)
        table.move_cursor(row=self.index)

    def _figures(self, index: int) -> str:
        """The timeline's +/- cell: the words changed, once computed."""
        if index not in self.comparisons:
            return "\u2026"
        return "first seen" if index == 0 else word_figures(*self.comparisons[index])

    def _status(self, extra: str = "") -> None:
        """The lasting status line: the story, its revisions, where a jump landed."""
        n = len(self.revisions)
        line = f"story {short(self.story_id)} \u00b7 rev {self.index + 1}/{n}"
        self.query_one("#story-status", StatusLine).set_status(
            f"{line}{extra} \u00b7 ? keys, ctrl+p commands"
        )

    @work(thread=True, group="timeline")
    def compute_all(self) -> None:
        """Fill in every revision's +/- counts in the background."""
        for index in range(len(self.revisions)):
            if index not in self.comparisons:
                rev = self.revisions[index]
                prev = self.revisions[index - 1] if index else None
                old_head, old_body = (prev.headline, prev.body) if prev else ("", "")
                pair = (compare(old_head, rev.headline), compare(old_body, rev.body))
                self.app.call_from_thread(self._computed, index, pair)

    def select(self, index: int) -> None:
        """Show revision ``index`` against the one before it."""
        self.index = max(0, min(index, len(self.revisions) - 1))
        table = self.query_one(DataTable)
        table.move_cursor(row=self.index)
        if self.index in self.comparisons:
            self._show(self.index)
        else:
            self.query_one("#stats", Static).update(Text("comparing\u2026", style="dim"))
            self.compute(self.index)

    @work(thread=True, exclusive=True, group="diff")
    def compute(self, index: int) -> None:
        """Diff a revision against the previous one off the UI thread."""
        rev = self.revisions[index]
        prev = self.revisions[index - 1] if index else None
        old_head, old_body = (prev.headline, prev.body) if prev else ("", "")
        pair = (compare(old_head, rev.headline), compare(old_body, rev.body))
        self.app.call_from_thread(self._computed, index, pair)

    def _computed(self, index: int, pair: tuple[Comparison, Comparison]) -> None:
        self.comparisons[index] = pair
        try:
            table = self.query_one(DataTable)
        except NoMatches:
            return  # the screen was left (and taken down) while its diffs were computed
        change = self._figures(index)
        column = table.columns.get(ColumnKey("+/- words"))
        if column is None or len(change) > column.width:
            self.fill_timeline()  # the figures need a wider column
        else:
            table.update_cell(self.revisions[index].id, "+/- words", Text(change))
        if index == self.index:
            self._show(index)

    def _show(self, index: int) -> None:
        headline, body = self.comparisons[index]
        view = self.query_one(DiffView)
        head = Text()
        for text, kind in _headline_spans(headline, view.show_cosmetic, view.symbols):
            head.append(text, style=view.styles_by_kind.get(kind, ""))
        self.query_one("#headline-diff", Static).update(head)
        self._show_figures(index)
        view.show(body)
        self._status()

    def _show_figures(self, index: int) -> None:
        headline, body = self.comparisons[index]
        groups = _stats_groups(body, headline, index, len(self.revisions), self.revisions[index].words)
        stats = self.query_one("#stats", Static)
        width = (stats.size.width or self.size.width or 80) - 2  # its padding
        stats.update(Text(fit_groups(groups, max(20, width))))

    # ---------------------------------------------------------------- actions
    def action_previous_revision(self) -> None:
        """Step to the previous revision."""
        if self.index > 0:
            self.select(self.index - 1)
        else:
            self.app.say("This is the first revision.")  # type: ignore[attr-defined]

    def action_next_revision(self) -> None:
        """Step to the next revision."""
        if self.index < len(self.revisions) - 1:
            self.select(self.index + 1)
        else:
            self.app.say("This is the newest revision.")  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a timeline row selects that revision."""
        if event.cursor_row != self.index:
            self.select(event.cursor_row)

    def action_next_change(self) -> None:
        """Scroll the diff to the next change, highlight it and say which it is."""
        self._to_change(True, "No further change in this revision.")

    def action_previous_change(self) -> None:
        """Scroll the diff to the previous change, highlight it and say which it is."""
        self._to_change(False, "No earlier change in this revision.")

    def _to_change(self, forward: bool, none_left: str) -> None:
        view = self.query_one(DiffView)
        line = view.next_change(forward)
        if line is None:
            self.app.say(none_left)  # type: ignore[attr-defined]
            return
        number, total = view.change_number(line)
        self._status(f" \u00b7 change {number} of {total}")

    def action_next_move(self) -> None:
        """Jump between the two halves of moved text (markers →n and ←n), highlighted."""
        view = self.query_one(DiffView)
        line = view.next_move()
        if line is None:
            self.app.say("No moved text in this revision.")  # type: ignore[attr-defined]
            return
        marks = [t for t, kind in view.layout_.lines[line] if kind == "marker" and t[:1] in "\u2192\u2190"]
        where = "where it left" if marks and marks[0].startswith("\u2192") else "where it arrived"
        self._status(f" \u00b7 moved text {marks[0] if marks else ''} {where}")

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll the diff by lines."""
        view = self.query_one(DiffView)
        view.scroll_to(y=view.scroll_offset.y + lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll the diff by pages."""
        view = self.query_one(DiffView)
        view.scroll_to(y=view.scroll_offset.y + pages * max(1, view.size.height - 1), animate=False)

    def action_scroll_edge(self, bottom: int) -> None:
        """Jump to the top or bottom of the diff."""
        view = self.query_one(DiffView)
        view.scroll_to(y=view.max_scroll_y if bottom else 0, animate=False)

    def action_toggle_side_by_side(self) -> None:
        """Switch between inline and side by side."""
        view = self.query_one(DiffView)
        view.split = not view.split
        view.relayout()
        self.app.say("side by side" if view.split else "inline")

    def action_toggle_cosmetic(self) -> None:
        """Show or hide cosmetic changes (quotes, dashes, whitespace)."""
        view = self.query_one(DiffView)
        view.show_cosmetic = not view.show_cosmetic
        view.relayout()
        if self.index in self.comparisons:
            self._show(self.index)
        self.app.say("cosmetic changes " + ("shown" if view.show_cosmetic else "hidden"))


def _headline_spans(c: Comparison, show_cosmetic: bool, symbols: bool):
    from revtrack.render.lines import spans

    return spans(c.segments, show_cosmetic, symbols)
