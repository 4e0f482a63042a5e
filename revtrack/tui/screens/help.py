"""The ``?`` help screen: every key of the current screens and what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Lists key bindings, grouped by screen."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        """A scrolling table of keys."""
        table = Table(show_header=True, header_style="bold", box=None, expand=True)
        table.add_column("Key", no_wrap=True)
        table.add_column("Action")
        table.add_column("Binding id", style="dim")
        for title, bindings in self.groups:
            table.add_row(f"[b]{title}[/b]", "", "")
            for b in bindings:
                keys = " / ".join(
                    self.app.get_key_display(Binding(k.strip(), b.action)) for k in b.key.split(",")
                )
                # the help lists every key and the full description (tooltip), not the footer's short form
                table.add_row(keys, b.tooltip or b.description or b.action, b.id or "")
            table.add_row("", "", "")
        body = VerticalScroll(Static(table), id="help-body")
        body.border_title = "revtrack keys (remap by id in config.yaml: keymap)"
        yield body

    def action_dismiss(self) -> None:  # type: ignore[override]
        """Close the help screen."""
        self.dismiss(None)
