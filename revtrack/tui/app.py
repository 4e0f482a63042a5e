"""RevtrackApp: the terminal browser over a store.

Screens: stories (table) -> story (timeline and diff) -> help (``?``). Themes
come from YAML (:mod:`revtrack.themes`) and become Textual themes plus diff
styles; ``t`` cycles them. Every binding has an id, so users can remap keys in
``<user config dir>/revtrack/config.yaml`` under ``keymap: {binding.id: keys}``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.errors import StyleSyntaxError
from rich.style import Style
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.screen import Screen
from textual.theme import Theme

from revtrack.errors import RevtrackError
from revtrack.safety import inert_line
from revtrack.store import Store
from revtrack.stories import StorySummary, list_stories, story_revisions
from revtrack.themes import ThemeSpec, builtin_theme_dir, load_themes, user_theme_dir
from revtrack.tui.screens.help import HelpScreen
from revtrack.tui.screens.stories import StoriesScreen
from revtrack.tui.screens.story import StoryScreen
from revtrack.tui.widgets.diff_view import DiffView
from revtrack.tui.widgets.status import StatusLine

DEFAULT_THEME = "revtrack-dark"
#: Binding ids renamed, old to new: a user's keymap keeps working for one release.
KEYMAP_ALIASES = {"story.split": "story.side_by_side"}


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """A Textual ``Theme`` from a theme spec; ``ValueError`` naming the file and the key
    when a colour or a diff style does not parse (Textual would only fail once the theme
    is picked, with the app running)."""
    for key, value in spec.colors.items():
        try:
            Color.parse(value)
        except ColorParseError:
            raise ValueError(f"{spec.source}: textual.{key}: {value!r} is not a colour") from None
    for key, value in spec.diff.items():
        try:
            Style.parse(value)
        except StyleSyntaxError:
            raise ValueError(f"{spec.source}: diff.{key}: {value!r} is not a style") from None
    return Theme(name=spec.name, dark=spec.dark, **spec.colors)


#: How often the app checks that its terminal is still there.
TERMINAL_CHECK_SECONDS = 2.0


def _terminal_fd() -> int | None:
    """The file descriptor of the terminal the app reads keys from, or None when it does
    not run on one (Textual's test harness, a pipe)."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (ValueError, OSError):  # closed or replaced standard input
        return None
    return fd if fd >= 0 and os.isatty(fd) else None


class RevtrackApp(App[None]):
    """Browse stories and step through their revisions."""

    CSS_PATH = "app.tcss"
    TITLE = "revtrack"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("t", "next_theme", "Theme", id="app.theme"),
    ]

    def __init__(self, db_path: str | Path, theme_dirs: list[Path] | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.store = Store.open(self.db_path)
        dirs = theme_dirs if theme_dirs is not None else [builtin_theme_dir(), user_theme_dir()]
        specs, self.theme_errors = load_themes(dirs)
        self.theme_specs = {}
        for spec in specs:
            try:
                self.register_theme(to_textual_theme(spec))
            except ValueError as exc:
                self.theme_errors.append(str(exc))
                continue
            self.theme_specs[spec.name] = spec
        self.keymap_errors: list[str] = []

    def on_mount(self) -> None:
        """Pick the default theme, report bad theme files once, show the stories."""
        if DEFAULT_THEME in self.theme_specs:
            self.theme = DEFAULT_THEME
        elif self.theme_specs:
            self.theme = next(iter(self.theme_specs))
        for error in self.theme_errors:
            # a file name or a colour value is the user's text, not markup to render
            self.notify(f"theme skipped: {inert_line(error)}", severity="warning", timeout=8, markup=False)
        self.push_screen(StoriesScreen())
        # A terminal closed under the app while something held back its hang-up signal
        # (run by `make run`, a tmux pane killed) left it spinning a core on a dead
        # terminal for as long as nobody killed it: it looks every two seconds.
        self.terminal_fd = _terminal_fd()
        if self.terminal_fd is not None:
            self.set_interval(TERMINAL_CHECK_SECONDS, self._exit_if_terminal_gone)

    def _exit_if_terminal_gone(self) -> None:
        """Quit when the terminal the app started on is gone."""
        if self.terminal_fd is not None and not os.isatty(self.terminal_fd):
            self.exit()

    def on_unmount(self) -> None:
        """Close the store."""
        self.store.close()

    # ------------------------------------------------------------ data access
    def list_stories(self, limit: int | None = None) -> list[StorySummary]:
        """Story summaries (all, or the newest ``limit``), read on a worker thread with its own connection."""
        with Store.open(self.db_path) as store:
            return list_stories(store, limit)

    def story_count(self) -> int:
        """How many stories the store holds."""
        with Store.open(self.db_path) as store:
            return store.story_count()

    def store_mark(self) -> int:
        """The newest capture's id: it changes when any process ingests (``revtrack watch``)."""
        with Store.open(self.db_path, create=False) as store:
            return store.newest_capture_id()

    def open_story(self, story_id: str) -> None:
        """Push the story screen for a story id."""
        try:
            revisions = story_revisions(self.store, story_id)
        except RevtrackError as exc:
            self.notify(inert_line(str(exc)), severity="error", markup=False)
            return
        self.push_screen(StoryScreen(story_id, revisions))

    # ----------------------------------------------------------------- themes
    def apply_diff_theme(self, view: DiffView) -> None:
        """Give a diff view the active theme's diff styles."""
        spec = self.theme_specs.get(self.theme)
        if spec is not None:
            view.set_styles(spec.diff, spec.symbols)

    def watch_theme(self, theme: str) -> None:
        """Restyle open diff views when the theme changes."""
        for screen in self.screen_stack:
            for view in screen.query(DiffView):
                self.apply_diff_theme(view)
            if isinstance(screen, StoryScreen) and screen.index in screen.comparisons:
                screen._show(screen.index)

    def action_next_theme(self) -> None:
        """Cycle through revtrack's themes."""
        names = list(self.theme_specs)
        if not names:
            return
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.say(f"theme: {self.theme}")

    # ------------------------------------------------------------------- help
    def action_help(self) -> None:
        """Show every key binding."""
        palette = Binding("ctrl+p", "command_palette", "Command palette", id="app.palette")
        groups = [("Everywhere", [*self.BINDINGS, palette])]
        for screen in (StoriesScreen, StoryScreen):
            groups.append((screen.__name__.removesuffix("Screen"), list(screen.BINDINGS)))
        self.push_screen(HelpScreen(groups))

    def say(self, message: str, severity: str = "information", timeout: float = 2.5) -> None:
        """A short notice in the screen's status line (a new one replaces the last); a toast
        where the screen has none. Nothing covers the text being read or the status."""
        lines = self.screen.query(StatusLine)
        if lines:
            lines.first().notice(message, timeout)
            return
        self.clear_notifications()
        self.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    def set_keymap(self, keymap: dict[str, str]) -> None:
        """Remap keys by binding id; old ids (``story.split``) still work for one release."""
        super().set_keymap({KEYMAP_ALIASES.get(k, k): v for k, v in keymap.items()})

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists revtrack's actions too.

        Textual's own "Keys" entry (a side panel that squeezes the layout) is left
        out: revtrack's "Keys" opens the full list of keys.
        """
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand("Next theme", "Cycle revtrack themes", self.action_next_theme)
        yield SystemCommand("Keys", "Show every key binding", self.action_help)
        if isinstance(screen, StoryScreen):
            yield SystemCommand(
                "Toggle side by side", "The diff inline or side by side", screen.action_toggle_side_by_side
            )
            yield SystemCommand("Toggle cosmetic changes", "Show or hide", screen.action_toggle_cosmetic)
            yield SystemCommand("Next revision", "Step forward", screen.action_next_revision)
            yield SystemCommand("Previous revision", "Step back", screen.action_previous_revision)
        if isinstance(screen, StoriesScreen):
            yield SystemCommand("Filter stories", "Type to filter", screen.action_filter)
            yield SystemCommand("Sort stories", "Cycle the sort column", screen.action_cycle_sort)


def load_keymap(path: Path) -> dict[str, str]:
    """``keymap`` from the user's config.yaml: ``{binding id: keys}`` (empty if none)."""
    if not path.is_file():
        return {}
    from revtrack.config import read_yaml_mapping

    data = read_yaml_mapping(path)
    keymap = data.get("keymap") or {}
    if not isinstance(keymap, dict):
        raise ValueError("keymap must map binding ids to keys")
    bad = [f"{k}: {v!r}" for k, v in keymap.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise ValueError(f"keymap values must be keys such as 'x' or 'n,ctrl+n' ({'; '.join(bad)[:200]})")
    return {str(k): v for k, v in keymap.items()}


def run(db_path: str | Path) -> None:
    """Run the app on a store until the user quits."""
    from revtrack.config import config_file

    app = RevtrackApp(db_path)
    config = config_file()
    try:
        app.set_keymap(load_keymap(config))
    except ValueError as exc:
        raise RevtrackError(f"{config}: {exc}") from None
    app.run()
