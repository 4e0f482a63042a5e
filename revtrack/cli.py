"""The ``revtrack`` command line: thin click commands over the library.

Exit codes: 0 success (for ``diff``: no wording change), 1 ``diff`` found
changes, 2 bad usage or input. Textual is imported only by the ``tui`` command.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from revtrack.cli_support import (
    LazyCommands,
    _db,
    _echo_json,
    _fail,
    _open,
    _reported,
    db_option,
    default_db,
    json_option,
    layout_option,
    parse_captured_at,
)
from revtrack.errors import RevtrackError

if TYPE_CHECKING:
    from pathlib import Path  # pathlib is not loaded to diff two files


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
        if sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(tui, db=db)
        else:
            ctx.invoke(stories, db=db, as_json=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--captured-at", help="Capture time for every file (ISO 8601), overriding manifests.")
@click.option(
    "--max-bytes",
    type=int,
    default=None,
    help="Refuse files larger than this (default 50 MB); for JSON Lines, lines larger than this.",
)
@layout_option
@db_option
def ingest(
    paths: tuple[str, ...], captured_at: str | None, max_bytes: int | None, layout: str | None, db: str | None
) -> None:
    """Ingest capture files or folders (recursively) into the store.

    A manifest.yaml in a folder gives capture times (and may give a layout);
    otherwise the file's modification time is used, with a warning.
    Re-ingesting changes nothing. A capture that keeps less than half of its
    words is named in a warning.
    """
    from revtrack.ingest import DEFAULT_MAX_BYTES, IngestOptions, ingest_paths
    from revtrack.safety import inert_line

    when = parse_captured_at(captured_at)
    options = IngestOptions(captured_at=when, max_bytes=max_bytes or DEFAULT_MAX_BYTES, layout=layout)
    progress = _progress_bar if sys.stderr.isatty() else None
    with _reported(db), _open(db, create=True) as store:
        report = ingest_paths(store, paths, options, progress)
    if progress:
        click.echo("\r\x1b[K", err=True, nl=False)
    # file names are hostile too: escape sequences, bidi overrides, undecodable bytes
    for warning in report.warnings:
        click.echo(f"revtrack: warning: {inert_line(warning)}", err=True)
    for error in report.errors:
        click.echo(f"revtrack: {inert_line(error)}", err=True)
    skipped = f", {report.skipped} already ingested" if report.skipped else ""
    skipped += f", {len(report.errors)} failed" if report.errors else ""
    click.echo(
        f"{report.captures} capture(s) ingested{skipped}: {report.snapshots} snapshot(s), "
        f"{report.new_revisions} new revision(s); {report.stories} story(ies) in store"
    )
    if report.thin:
        click.echo(
            f"{report.thin} capture(s) kept less than half of their words (named above);"
            " `revtrack show ID --dropped` lists what was left out"
        )
    if report.captures == 0 and report.skipped and not report.errors:
        click.echo("Nothing new: every capture was already in the store.")
    if report.errors:
        sys.exit(2)


def _progress_bar(done: int, total: int, path: Path) -> None:
    """One redrawn stderr line: a bar, the count, the file being ingested (escaped)."""
    from revtrack.safety import inert_line

    if total < 2:
        return
    width = 30
    filled = width * done // total
    name = inert_line(path.name)[:40] if done < total else "done"
    click.echo(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}", err=True, nl=False)


@main.command()
@layout_option
@db_option
def reextract(layout: str | None, db: str | None) -> None:
    """Run today's extractor again over every stored capture and update stories in place.

    Uses each capture's stored raw bytes and the layout chosen when it was
    ingested (``--layout`` replaces it); one transaction per capture; running it
    twice changes nothing the second time.
    """
    from revtrack.ingest.reextract import reextract as run_reextract

    with _reported(db), _open(db) as store:
        report = run_reextract(store, layout=layout)
    for error in report.errors:
        click.echo(f"revtrack: {error}", err=True)
    click.echo(report.summary())


@main.command()
@click.argument("first")
@click.argument("second")
@json_option
@db_option
def why(first: str, second: str, as_json: bool, db: str | None) -> None:
    """Show the evidence that puts two revisions (or two stories) together or apart."""
    from revtrack.grouping.why import explain, why_dict, why_text
    from revtrack.safety import inert

    with _reported(db), _open(db) as store:
        result = explain(store, first, second)
    if as_json:
        _echo_json(why_dict(result))
    else:
        click.echo(inert(why_text(result)))


@main.command()
@db_option
def regroup(db: str | None) -> None:
    """Recompute every story from the stored revisions (manual merges and splits kept)."""
    from revtrack.grouping import regroup as run_regroup

    with _reported(db), _open(db) as store, store.transaction() as conn:
        report = run_regroup(store, conn)
    click.echo(
        f"{report.revisions} revision(s): stories {report.stories_before} -> {report.stories_after}"
        f" ({report.split} split, {report.merged} merged)"
    )


@main.group()
def story() -> None:
    """Correct the grouping by hand: merge, split, reset (kept across ingests and regroups)."""


def _override_done(report, what: str) -> None:
    ids = ", ".join(s[:10] for s in report.stories)
    click.echo(f"{what}: now {len(report.stories)} story(ies): {ids}")


@story.command("merge")
@click.argument("a")
@click.argument("b")
@db_option
def story_merge(a: str, b: str, db: str | None) -> None:
    """Put stories A and B into one story."""
    from revtrack.grouping.overrides import merge

    with _reported(db), _open(db) as store:
        _override_done(merge(store, a, b), "merged")


@story.command("split")
@click.argument("story_id", metavar="STORY")
@click.option("--at", "at", required=True, metavar="REV", help="The first revision of the new story.")
@db_option
def story_split(story_id: str, at: str, db: str | None) -> None:
    """Split STORY before revision REV (REV and later revisions become a story of their own)."""
    from revtrack.grouping.overrides import split

    with _reported(db), _open(db) as store:
        _override_done(split(store, story_id, at), "split")


@story.command("reset")
@click.argument("story_id", metavar="STORY")
@db_option
def story_reset(story_id: str, db: str | None) -> None:
    """Forget manual merges and splits touching STORY and group its revisions by the rule."""
    from revtrack.grouping.overrides import reset

    with _reported(db), _open(db) as store:
        report = reset(store, story_id)
    _override_done(report, f"reset ({report.overrides} correction(s) removed)")


@main.command()
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


@main.command()
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


@main.command()
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


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "word", "json", "html"]),
    default="text",
    help="Output format: text (default), word (git --word-diff=porcelain), json, html.",
)
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Text format: show only changed paragraphs and N paragraphs around each (N >= 0).",
)
@click.option("--stat", is_flag=True, help="Print figures only (as JSON with --format json).")
@click.option(
    "--ignore-cosmetic",
    is_flag=True,
    help="Hide quote, dash and whitespace changes in every format; texts that differ only so print nothing.",
)
@click.option("--color/--no-color", default=None, help="Colour (default: when writing to a terminal).")
@click.option(
    "--extract", is_flag=True, help="Compare the main article of two scraped pages, not their whole text."
)
@click.option("--page", is_flag=True, help="Compare two captures of a listing page article by article.")
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=50 * 1024 * 1024,
    show_default=True,
    help="Refuse a file (or device, pipe, stdin) larger than this; read no further.",
)
@db_option
def diff(
    targets: tuple[str, ...],
    fmt: str,
    context: int | None,
    stat: bool,
    ignore_cosmetic: bool,
    color: bool | None,
    extract: bool,
    page: bool,
    max_bytes: int,
    db: str | None,
) -> None:
    """Compare A B (files or revision ids), or each consecutive pair of STORY.

    Files are compared as text: every character of both files, the first line
    shown as the headline. Identical inputs print nothing. Exit status as
    diff(1): 0 when the wording is the same (cosmetic differences do not count),
    1 when it differs, 2 on trouble.
    """
    from revtrack.pairs import diff_targets
    from revtrack.render import diff as render

    use_color = sys.stdout.isatty() if color is None else color
    if page:
        _page_diff(targets, fmt)
        return
    with _reported(db):
        pairs = diff_targets(list(targets), lambda: _open(db), extract=extract, limit=max_bytes)
    changed = any(p.changed for p in pairs)
    shown = [p for p in pairs if p.shown(ignore_cosmetic)]
    if fmt == "json":
        if stat:
            docs = [
                {
                    "old": render.version_dict(p.old),
                    "new": render.version_dict(p.new),
                    "stats": render.stat_dict(p),
                }
                for p in pairs
            ]
        else:
            docs = [render.pair_dict(p, ignore_cosmetic) for p in pairs]
        _echo_json({"pairs": docs, "changed": changed})
    elif stat:
        for p in shown:
            click.echo(render.stat_line(p))
    elif fmt == "html":
        if shown:
            click.echo(render.pairs_html(shown, ignore_cosmetic))
    elif fmt == "word":
        for p in shown:
            click.echo(render.pair_porcelain(p, ignore_cosmetic))
    elif shown:
        click.echo(
            "\n\n".join(render.pair_text(p, use_color, context, ignore_cosmetic) for p in shown),
            color=use_color,
        )
    sys.exit(1 if changed else 0)


def _page_diff(targets: tuple[str, ...], fmt: str) -> None:
    """``revtrack diff --page A B``: articles that appeared, disappeared, moved or changed."""
    from pathlib import Path

    from revtrack.pagediff import page_dict, page_diff, page_text

    if len(targets) != 2 or not all(Path(t).is_file() for t in targets):
        missing = next((t for t in targets if not Path(t).is_file()), "revtrack diff --page")
        _fail(RevtrackError(f"{missing}: --page compares two capture files"))
    with _reported(None):
        changes = page_diff(Path(targets[0]), Path(targets[1]))
    if fmt == "json":
        _echo_json(page_dict(changes))
    elif any(c.counts for c in changes):
        click.echo(page_text(Path(targets[0]), Path(targets[1]), changes))
    sys.exit(1 if any(c.counts for c in changes) else 0)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", help="Output format.")
@click.option("--since", help="Only revisions first captured at or after this time (ISO 8601).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
)
@db_option
def export(fmt: str, since: str | None, output: str | None, db: str | None) -> None:
    """Write every revision as one row: story, text, outlets, sightings, diff figures.

    JSON Lines (default) or CSV, streamed from the store (memory stays flat).
    """
    from revtrack.export import csv_lines, export_rows, jsonl_lines
    from revtrack.extract.dates import parse_timestamp

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


@main.command()
@db_option
def tui(db: str | None) -> None:
    """Open the terminal browser on the store (needs a terminal)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _fail(RevtrackError("revtrack tui needs a terminal (stdin and stdout); try: revtrack stories"))
    from revtrack.tui.app import run  # Textual loads only here

    with _reported(db):
        _open(db).close()  # a missing store is said before the screen is taken
        run(_db(db) or default_db())
