"""StatusLine: a screen's status line, where short notices show for a moment.

A notice ("No further change in this revision.", "side by side") replaces the
status for a few seconds and then the status comes back, so nothing floats over
the text being read or over the status itself. The line wraps to a second row
on a narrow terminal rather than losing its end.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from revtrack.safety import inert_line


class StatusLine(Static):
    """One status line (two when narrow); :meth:`notice` shows a message in it for a while."""

    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; padding: 0 1; background: $panel; color: $text-muted; }
    StatusLine.notice { color: $text; text-style: bold; }
    """

    def __init__(self, status: str = "", **kwargs) -> None:
        super().__init__(status, **kwargs)
        self.status: Text | str = status
        self.message: str | None = None  # the notice shown now, if any
        self._timer: Timer | None = None

    def set_status(self, status: Text | str) -> None:
        """The lasting status; shown at once unless a notice is up (then when it ends)."""
        self.status = status
        if self.message is None:
            self.update(status)

    def notice(self, message: str, timeout: float = 2.5) -> None:
        """Show ``message`` (scraped text made inert) instead of the status for ``timeout`` seconds."""
        if self._timer is not None:
            self._timer.stop()
        self.message = inert_line(message)
        self.add_class("notice")
        self.update(Text(self.message))
        self._timer = self.set_timer(timeout, self._restore)

    def _restore(self) -> None:
        self._timer = None
        self.message = None
        self.remove_class("notice")
        self.update(self.status)
