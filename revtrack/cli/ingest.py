"""``revtrack ingest`` and ``revtrack reextract``: captures on disk into the store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from revtrack.cli.support import (
    _open,
    _reported,
    db_option,
    layout_option,
    parse_captured_at,
)

if TYPE_CHECKING:
    from pathlib import Path  # pathlib is not loaded to diff two files


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--captured-at", help="Capture time for every file (ISO 8601), overriding manifests.")
@click.option(
    "--max-bytes",
    type=int,
    default=None,
    help="Refuse files larger than this (default 50 MB); for JSON Lines and CSV, lines larger than this.",
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

    Some files hold many captures, each read on its own: a web archive (.warc,
    .warc.gz) a page per record at its archived time, a mailbox (.mbox) a
    message per capture at its arrival, an archive (.zip, .tar.gz) a capture
    per file inside, named archive.zip#path/inside.html.
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


@click.command()
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
