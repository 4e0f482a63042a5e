"""The ``revtrack`` command line: thin click commands over the library.

Each command lives in the module of its concern (``ingest``, ``grouping``,
``reading``, ``diff``, ``capture``, ``batch``) and is imported only when it is
named, so ``revtrack diff`` loads the diff command alone. Exit codes: 0 success
(for ``diff``: no wording change), 1 ``diff`` found changes, 2 bad usage or
input. Textual is imported only by the ``tui`` command.
"""

from __future__ import annotations

import sys

import click

from revtrack.cli.support import LazyCommands, db_option


@click.group(cls=LazyCommands, invoke_without_command=True)
@click.version_option(package_name="revtrack")
@db_option
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Track how news stories change: ingest captures, group versions, diff them.

    With no command on a terminal, opens the browser (same as `revtrack tui`);
    otherwise lists the stories.
    """
    if ctx.invoked_subcommand is None:
        from revtrack.cli.reading import stories, tui

        if sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(tui, db=db)
        else:
            ctx.invoke(stories, db=db, as_json=False)
