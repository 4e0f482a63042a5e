"""DiffView: a scrolling diff drawn with Textual's Line API.

Only the visible lines are rendered (``render_line``), so an 8,000-word article
scrolls as fast as a short one. Layout (wrapping) is done by the pure functions
in :mod:`revtrack.render.lines`; this widget maps span kinds to theme styles.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from revtrack.comparison import Comparison
from revtrack.render.lines import Layout, inline_layout, split_layout


class DiffView(ScrollView, can_focus=True):
    """Shows one comparison, inline or side by side, cosmetic changes on or off."""

    # the vertical scrollbar's room is kept whether or not it shows, so the wrap
    # width never changes under the text; lines are wrapped, never scrolled sideways
    DEFAULT_CSS = """
    DiffView { height: 1fr; scrollbar-gutter: stable; overflow-x: hidden; }
    DiffView > .diff-view--current { background: $accent 35%; }
    """
    #: the line ``n``/``N``/``m`` landed on is drawn with this component's background
    COMPONENT_CLASSES = {"diff-view--current"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.comparison: Comparison | None = None
        self.split = False
        self.show_cosmetic = True
        self.symbols = False
        self.styles_by_kind: dict[str, Style] = {}
        self.layout_: Layout = Layout((), ())
        self._laid_width = 0
        self.current: int | None = None  # the line a jump (n, N, m) landed on, highlighted
        # layouts already made, by (comparison, width, options): stepping back and
        # forth between revisions re-uses them instead of wrapping again
        # (each entry keeps its comparison alive, so an id() in a key is never reused)
        self._layouts: dict[tuple, tuple[Comparison, Layout]] = {}

    def show(self, comparison: Comparison | None) -> None:
        """Display a comparison (None clears the view); a new one starts at the top.

        Showing the same comparison again (a theme or option changed) keeps the
        reader's place.
        """
        same = comparison is self.comparison
        self.comparison = comparison
        if not same:
            self.current = None
        self.relayout()
        if not same:
            self.scroll_to(0, 0, animate=False)

    def set_styles(self, styles: dict[str, str], symbols: bool) -> None:
        """Use a theme's diff styles (Rich style strings by span kind)."""
        self.styles_by_kind = {kind: Style.parse(style) for kind, style in styles.items()}
        fact = self.styles_by_kind.get("fact", Style(bold=True, reverse=True))
        for kind in ("insert", "delete"):  # a changed fact keeps its change's style, made to stand out
            self.styles_by_kind[f"fact-{kind}"] = self.styles_by_kind.get(kind, Style()) + fact
        self.symbols = symbols
        self.relayout()

    def relayout(self) -> None:
        """Lay the comparison out again for the current width and options, keeping the place."""
        if not self.region.width:
            self._laid_width = 0  # not laid out on screen yet: on_resize lays it out
            return
        width = max(20, self.scrollable_content_region.width)
        old_lines = len(self.layout_.lines)
        top = self.scroll_offset.y
        self._laid_width = width
        if self.comparison is None:
            self.layout_ = Layout((), ())
        else:
            key = (id(self.comparison), width, self.split, self.show_cosmetic, self.symbols)
            cached = self._layouts.get(key)
            if cached is None or cached[0] is not self.comparison:
                make = split_layout if self.split else inline_layout
                cached = (self.comparison, make(self.comparison, width, self.show_cosmetic, self.symbols))
                if len(self._layouts) >= 16:
                    self._layouts.pop(next(iter(self._layouts)))
                self._layouts[key] = cached
            self.layout_ = cached[1]
        self.virtual_size = Size(width, len(self.layout_.lines))
        if old_lines != len(self.layout_.lines):
            self.current = None  # re-wrapped: the landed line is elsewhere now
        if old_lines and top:  # the same text re-wrapped: keep the same share of it above
            self.scroll_to(y=round(top * len(self.layout_.lines) / old_lines), animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        """Lay out on the first size, and re-wrap when the width changes."""
        if self.region.width and self.scrollable_content_region.width != self._laid_width:
            self.relayout()

    @property
    def text(self) -> str:
        """The laid-out text, line by line (for tests and copying)."""
        return "\n".join("".join(t for t, _ in line) for line in self.layout_.lines)

    def next_change(self, forward: bool = True) -> int | None:
        """Scroll to the next (or previous) change after (before) the one landed on, else the top
        line; near the end, where the view cannot scroll further, it still steps change by change."""
        changes = self.layout_.changes
        start = self._place()
        # before any jump the change on the top line counts as ahead: the first `n` lands on it
        ahead = start if self.current == start else start - 1
        target = (
            next((c for c in changes if c > ahead), None)
            if forward
            else next((c for c in reversed(changes) if c < start), None)
        )
        if target is not None:
            self._land(target)
        return target

    def _place(self) -> int:
        """Where a jump starts: the line landed on while it is on screen, else the top line."""
        top = round(self.scroll_offset.y)
        if self.current is not None and top <= self.current < top + max(1, self.size.height):
            return self.current
        return top

    def _land(self, line: int) -> None:
        """Scroll ``line`` to the top and highlight it: the reader sees where a jump landed."""
        self.current = line
        self.scroll_to(y=line, animate=False)
        self.refresh()

    def change_number(self, line: int) -> tuple[int, int]:
        """``(n, total)``: which of the changes starts on ``line`` (1-based), of how many."""
        changes = self.layout_.changes
        return changes.index(line) + 1 if line in changes else 0, len(changes)

    def move_lines(self) -> list[int]:
        """Lines holding a move marker (``→n`` where text left, ``←n`` where it arrived)."""
        return [
            n
            for n, line in enumerate(self.layout_.lines)
            if any(kind == "marker" and text[:1] in "\u2192\u2190" for text, kind in line)
        ]

    def next_move(self) -> int | None:
        """Scroll to the next move marker (wrapping to the first): the other half of a move."""
        lines = self.move_lines()
        if not lines:
            return None
        start = self._place()
        ahead = start if self.current == start else start - 1  # as in next_change
        target = next((n for n in lines if n > ahead), lines[0])
        self._land(target)
        return target

    def render_line(self, y: int) -> Strip:
        """Render one visible line."""
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index == self.current:
            base = base + self.get_component_rich_style("diff-view--current", partial=True)
        if index >= len(self.layout_.lines):
            return Strip.blank(width, base)
        segments = [
            Segment(text, base + self.styles_by_kind[kind] if kind in self.styles_by_kind else base)
            for text, kind in self.layout_.lines[index]
        ]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
