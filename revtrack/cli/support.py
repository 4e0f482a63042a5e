"""What every ``revtrack`` command shares: the store option, opening it, one-line errors.

Kept apart from :mod:`revtrack.cli` so that command modules (:mod:`revtrack.cli.capture`)
use the same helpers without an import cycle.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, NoReturn

import click

from revtrack.errors import RevtrackError

if TYPE_CHECKING:
    from pathlib import Path

DB_HELP = "Store file (default: $REVTRACK_DB, else the user data directory)."


def need_extra(module: str, extra: str, what: str) -> None:
    """One line and exit 2 when an optional dependency is missing: which extra brings it."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        _fail(RevtrackError(f"{what} needs the '{extra}' extra: pip install 'revtrack[{extra}]'"))


def default_db() -> Path:
    """The store used when ``--db`` is not given."""
    from pathlib import Path  # only a command that opens the store needs it

    env = os.environ.get("REVTRACK_DB")
    if env:
        return Path(env)
    from revtrack.config import data_dir

    return data_dir() / "revtrack.db"


def _db(db: str | None) -> str | None:
    """``--db`` given after the subcommand, else before it (``revtrack --db F stories``)."""
    if db:
        return db
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return root.params.get("db") if root else None


def _open(db: str | None, create: bool = False):
    """The store, opened; only ``ingest`` creates one (a read command on a mistyped
    ``--db`` says there is no store there instead of creating an empty one)."""
    from revtrack.store import Store

    return Store.open(_db(db) or default_db(), create=create)


def _fail(exc: Exception) -> NoReturn:
    from revtrack.safety import inert_line

    click.echo(f"revtrack: {inert_line(str(exc))}", err=True)
    sys.exit(getattr(exc, "exit_code", 2))


@contextmanager
def _reported(db: str | None) -> Iterator[None]:
    """Turn revtrack errors and a damaged store into one line on stderr and exit code 2."""
    try:
        yield
    except RevtrackError as exc:
        _fail(exc)
    except Exception as exc:
        # sqlite3 is imported only by commands that open the store (file diffs stay light)
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.Error):
            raise
        from revtrack.store.failures import explain

        # the file opened, then a read or a write failed: say which trouble it is
        _fail(explain(exc, _db(db) or default_db()))


def parse_captured_at(value: str | None):
    """``--captured-at`` as a datetime (None when not given); a bad value is a usage error."""
    from revtrack.extract.dates import parse_timestamp

    try:
        return parse_timestamp(value) if value is not None else None
    except ValueError as exc:
        why = str(exc) if "out of range" in str(exc) else f"{value!r} is not an ISO 8601 time"
        raise click.BadParameter(why, param_hint="--captured-at") from None


def _echo_json(data: object) -> None:
    from revtrack.safety import safe_json

    click.echo(safe_json(data))


def _no_empty_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--db ""`` is a mistake (an unset variable), not a request for the default store."""
    if value == "":
        raise click.BadParameter("an empty path names no store", ctx=ctx, param=param)
    return value


db_option = click.option(
    "--db", type=click.Path(dir_okay=False), default=None, help=DB_HELP, callback=_no_empty_db
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
# the choices are revtrack.ingest.manifest.LAYOUTS, written out: the CLI stays light to import
layout_option = click.option(
    "--layout",
    type=click.Choice(["auto", "plain", "page"]),
    default=None,
    help="How text captures are read: plain keeps every line, page takes the main article;"
    " default: a manifest's layout, else auto (a page only on evidence of one).",
)


class LazyCommands(click.Group):
    """The command group; each command's module is imported when it is named or listed.

    `revtrack diff` starts faster without the options and imports of the others.
    """

    lazy = {
        "batch": "revtrack.cli.batch",
        "diff": "revtrack.cli.diff",
        "export": "revtrack.cli.reading",
        "feed": "revtrack.cli.reading",
        "fetch": "revtrack.cli.capture",
        "ingest": "revtrack.cli.ingest",
        "log": "revtrack.cli.reading",
        "reextract": "revtrack.cli.ingest",
        "regroup": "revtrack.cli.grouping",
        "report": "revtrack.cli.reading",
        "show": "revtrack.cli.reading",
        "stories": "revtrack.cli.reading",
        "story": "revtrack.cli.grouping",
        "tui": "revtrack.cli.reading",
        "watch": "revtrack.cli.capture",
        "why": "revtrack.cli.grouping",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, the lazy ones included (for --help)."""
        return sorted([*super().list_commands(ctx), *self.lazy])

    def invoke(self, ctx: click.Context):
        """Run the command; an output that cannot be written is one line and exit 2, not a traceback.

        Inputs report their own problems; what reaches here is the output: ``-o`` to a
        missing folder or a read-only file system, a full disk, ``> /dev/full``.
        """
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk behind stdout shows here, not at exit
            return result
        except BrokenPipeError:  # `revtrack export | head`: the reader has what it wanted
            _quiet_stdout()
            sys.exit(0)
        except OSError as exc:
            _quiet_stdout()
            where = exc.filename or "standard output"
            from revtrack.safety import inert_line

            click.echo(f"revtrack: {inert_line(str(where))}: cannot write ({exc.strerror or exc})", err=True)
            sys.exit(2)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command named, its module imported first when it is a lazy one."""
        if cmd_name in self.lazy:
            import importlib

            return getattr(importlib.import_module(self.lazy[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def write_whole(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place, so a reader (a
    web server, a feed reader) never sees half a file; an OSError names ``path``."""
    import os

    partial = f"{path}.partial"
    try:
        with open(partial, "wb") as fh:
            fh.write(data)
        os.replace(partial, path)
    except OSError as exc:  # reported, naming the file, by the command group
        exc.filename = exc.filename or path
        raise
