"""The story screen: revision timeline on top, the selected revision's diff below."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from revtrack.comparison import Comparison, concat
from revtrack.diffing import compare
from revtrack.render.listing import short
from revtrack.safety import inert_line
from revtrack.stories import Revision
from revtrack.tui.widgets.diff_view import DiffView


def word_figures(headline: Comparison, body: Comparison) -> str:
    """Words added, deleted and changed in the whole revision (headline and body, as ``log``,
    ``diff`` and ``export`` count them): the same figures in the timeline and the figure line."""
    s = concat(headline, body).stats
    return f"+{s.words_added} -{s.words_deleted} ~{s.words_changed}"


def _stats_text(body: Comparison, headline: Comparison, index: int, total: int, words: int) -> str:
    """One short line of figures for the selected revision."""
    dot = " \u00b7 "
    if index == 0:
        return f"rev 1/{total}{dot}first seen{dot}{words} words"
    s = concat(headline, body).stats
    head = f"{dot}headline changed" if headline.stats.wording_changed else ""
    return (
        f"rev {index + 1}/{total}{head}{dot}words {word_figures(headline, body)}"
        f"{dot}sentences {s.sentences_edited} edited +{s.sentences_added} -{s.sentences_deleted}"
        f" {s.sentences_moved} moved{dot}{s.cosmetic_changes} cosmetic{dot}similarity {s.similarity:.2f}"
    )


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
        Binding("s", "toggle_split", "Split", id="story.split"),
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
        yield Static(id="story-status")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Fill the timeline and show the newest revision's changes."""
        table = self.query_one(DataTable)
        # headline last: on a narrow terminal it is the column that gets cut
        for label in ("#", "Published", "+/-", "Sightings", "Headline"):
            table.add_column("+/- words" if label == "+/-" else label, key=label)
        for n, rev in enumerate(self.revisions):
            when = (rev.published or rev.captured)[:16].replace("T", " ")
            outlets = inert_line(", ".join(rev.outlets)) or "-"
            table.add_row(
                str(n + 1),
                when,
                Text("\u2026", style="dim"),
                Text(f"{len(rev.sightings)} ({outlets})"),
                Text(inert_line(rev.headline)),
                key=rev.id,
            )
        self.app.apply_diff_theme(self.query_one(DiffView))  # type: ignore[attr-defined]
        self.query_one("#story-status", Static).update(
            Text(
                f"story {short(self.story_id)}: {len(self.revisions)} revision(s);"
                " ? all keys, ctrl+p commands"
            )
        )
        self.select(self.index)
        self.query_one(DiffView).focus()
        self.compute_all()

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
        change = "first seen" if index == 0 else word_figures(*pair)
        table.update_cell_at((index, 2), Text(change), update_width=True)
        if index == self.index:
            self._show(index)

    def _show(self, index: int) -> None:
        headline, body = self.comparisons[index]
        view = self.query_one(DiffView)
        head = Text()
        for text, kind in _headline_spans(headline, view.show_cosmetic, view.symbols):
            head.append(text, style=view.styles_by_kind.get(kind, ""))
        self.query_one("#headline-diff", Static).update(head)
        words = self.revisions[index].words
        self.query_one("#stats", Static).update(
            Text(_stats_text(body, headline, index, len(self.revisions), words))
        )
        view.show(body)

    # ---------------------------------------------------------------- actions
    def action_previous_revision(self) -> None:
        """Step to the previous revision."""
        if self.index > 0:
            self.select(self.index - 1)

    def action_next_revision(self) -> None:
        """Step to the next revision."""
        if self.index < len(self.revisions) - 1:
            self.select(self.index + 1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a timeline row selects that revision."""
        if event.cursor_row != self.index:
            self.select(event.cursor_row)

    def action_next_change(self) -> None:
        """Scroll the diff to the next change."""
        if self.query_one(DiffView).next_change(True) is None:
            self.app.say("No further change in this revision.")

    def action_previous_change(self) -> None:
        """Scroll the diff to the previous change."""
        if self.query_one(DiffView).next_change(False) is None:
            self.app.say("No earlier change in this revision.")

    def action_next_move(self) -> None:
        """Jump between the two halves of moved text (markers →n and ←n)."""
        if self.query_one(DiffView).next_move() is None:
            self.app.say("No moved text in this revision.")

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

    def action_toggle_split(self) -> None:
        """Switch between inline and side-by-side."""
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
