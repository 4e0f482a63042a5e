"""``revtrack stories``, ``log``, ``show``, ``export`` and ``tui``: reading the store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from revtrack.cli.support import (
    _db,
    _echo_json,
    _fail,
    _open,
    _reported,
    db_option,
    default_db,
    json_option,
    need_extra,
    write_whole,
)
from revtrack.errors import RevtrackError

if TYPE_CHECKING:
    pass  # pathlib is not loaded to diff two files


@click.command()
@json_option
@db_option
def stories(as_json: bool, db: str | None) -> None:
    """List stories, most recently changed first."""
    from revtrack.render.listing import stories_text, story_dict
    from revtrack.stories import list_stories

    with _reported(db), _open(db) as store:
        items = list_stories(store)
    if as_json:
        _echo_json([story_dict(s) for s in items])
    else:
        import shutil

        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 10_000
        click.echo(stories_text(items, width=max(80, width)))


@click.command()
@click.argument("story")
@json_option
@db_option
def log(story: str, as_json: bool, db: str | None) -> None:
    """Show a story's revisions, oldest first, with words added and removed."""
    from revtrack.render.listing import log_dict, log_text
    from revtrack.stories import story_log

    with _reported(db), _open(db) as store:
        entries = story_log(store, story)
    if as_json:
        _echo_json([log_dict(e) for e in entries])
    else:
        click.echo(log_text(entries))


@click.command()
@click.argument("revision")
@click.option("--dropped", is_flag=True, help="List each capture's dropped lines and why, not the body.")
@json_option
@db_option
def show(revision: str, dropped: bool, as_json: bool, db: str | None) -> None:
    """Show one revision: headline, sightings (how each capture was read) and body."""
    from revtrack.render.listing import revision_dict, revision_text
    from revtrack.stories import get_revision

    with _reported(db), _open(db) as store:
        rev = get_revision(store, revision)
    if as_json:
        _echo_json(revision_dict(rev, dropped=dropped))
    else:
        click.echo(revision_text(rev, dropped=dropped))


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "newsedits"]),
    default="jsonl",
    help="Output format (newsedits: a SQLite file in the NewsEdits corpus' shape, needs -o).",
)
@click.option("--since", help="Only revisions first captured at or after this time (ISO 8601).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
)
@db_option
def export(fmt: str, since: str | None, output: str | None, db: str | None) -> None:
    """Write every revision as one row: story, text, outlets, sightings, diff figures.

    JSON Lines (default) or CSV, streamed from the store (memory stays flat).
    ``--format newsedits -o OUT.db`` writes the NewsEdits tables instead
    (sentences, matched sentences with their action, per-pair figures;
    docs/newsedits.md).
    """
    from revtrack.export import csv_lines, export_rows, jsonl_lines
    from revtrack.extract.dates import parse_timestamp

    if fmt == "newsedits":
        _newsedits(output, since, db)
        return
    if since:
        try:
            parse_timestamp(since)
        except ValueError:
            raise click.BadParameter(f"{since!r} is not an ISO 8601 time", param_hint="--since") from None
    with _reported(db), _open(db) as store:
        rows = export_rows(store, since)
        lines = jsonl_lines(rows) if fmt == "jsonl" else csv_lines(rows)
        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    fh.writelines(lines)
            except OSError as exc:  # reported, naming the file, by the command group
                exc.filename = exc.filename or output
                raise
        else:
            for line in lines:
                click.echo(line, nl=False)


@click.command()
@db_option
def tui(db: str | None) -> None:
    """Open the terminal browser on the store (needs a terminal)."""
    need_extra("textual", "tui", "revtrack tui")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _fail(RevtrackError("revtrack tui needs a terminal (stdin and stdout); try: revtrack stories"))
    from revtrack.tui.app import run  # Textual loads only here

    with _reported(db):
        _open(db).close()  # a missing store is said before the screen is taken
        run(_db(db) or default_db())


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the feed here (else stdout).")
@click.option("--story", "stories", multiple=True, metavar="STORY", help="Only this story (repeatable).")
@click.option("--site", help="Only revisions seen on this host (or printed by this outlet).")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="Newest changes kept.")
@db_option
def feed(output: str | None, stories: tuple[str, ...], site: str | None, limit: int, db: str | None) -> None:
    """Write an Atom feed of wording changes, newest first, each with its word diff inline.

    One entry per revision whose wording changed (cosmetic changes are not
    changes), dated when revtrack first saw it; any feed reader can follow it.
    """
    need_extra("feedgen", "share", "revtrack feed")
    from revtrack.render.feed import changes_atom
    from revtrack.stories import wording_changes

    with _reported(db), _open(db) as store:
        document = changes_atom(wording_changes(store, list(stories) or None, site, limit))
    if output:
        with _reported(db):
            write_whole(output, document)
    else:
        sys.stdout.buffer.write(document)


@click.command()
@click.argument("story", required=False)
@click.option("--all", "everything", is_flag=True, help="Every story: an index page and a page each.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The page to write (STORY), or the folder of the site (--all; made if missing).",
)
@db_option
def report(story: str | None, everything: bool, output: str, db: str | None) -> None:
    """Write a story's report: one self-contained HTML page (no script, nothing loaded).

    The headline history, a timeline of revisions, each word diff with moves
    linked and changed facts marked, and the evidence for every revision (content
    hash, address, capture time, outlet). ``--all -o DIR`` writes a static site:
    index pages sortable by last change, first seen and revisions, and a page
    per story.
    """
    from revtrack.render.report import site_pages, story_page
    from revtrack.stories import list_stories, story_steps

    if bool(story) == everything:
        _fail(RevtrackError("revtrack report: give one STORY, or --all for every story"))
    with _reported(db), _open(db) as store:
        if story:
            write_whole(output, story_page(story_steps(store, story)).encode("utf-8"))
            click.echo(f"report written to {output}")
            return
        pages = site_pages(list_stories(store), lambda story_id: story_steps(store, story_id))
        import os

        os.makedirs(output, exist_ok=True)
        for name, page in pages.items():
            write_whole(os.path.join(output, name), page.encode("utf-8"))
    click.echo(f"{len(pages) - 3} story page(s) and 3 index pages written to {output}")


def _newsedits(output: str | None, since: str | None, db: str | None) -> None:
    """``export --format newsedits``: the NewsEdits tables into a new SQLite file."""
    if not output:
        _fail(RevtrackError("--format newsedits writes a SQLite file: give it with -o OUT.db"))
    if since:
        _fail(RevtrackError("--since does not apply to --format newsedits: it needs every version"))
    from revtrack.newsedits import newsedits_tables
    from revtrack.store.newsedits import write_newsedits

    with _reported(db), _open(db) as store:
        try:
            stories = write_newsedits(output, newsedits_tables(store))
        except OSError as exc:  # reported, naming the file, by the command group
            exc.filename = exc.filename or output
            raise
    click.echo(f"{stories} story(ies) with more than one version written to {output}")
