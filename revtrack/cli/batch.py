"""``revtrack batch``: an archive grouped on a Dask cluster (the ``revtrack[dask]`` extra).

Thin: options are parsed here, the work is in :mod:`revtrack.batch`.
"""

from __future__ import annotations

import click

from revtrack.cli.support import _db, _fail, _no_empty_db, _reported, parse_captured_at


def _dask_missing() -> str | None:
    """Why the batch path cannot run here, or None when its extra is installed."""
    import importlib.util

    missing = [
        name
        for name in ("dask", "distributed", "pyarrow", "pandas")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        return f"batch needs the dask extra ({', '.join(missing)} missing): pip install 'revtrack[dask]'"
    return None


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for the Parquet tables."
)
@click.option("--scheduler", help="Address of a running Dask scheduler (default: a local cluster).")
@click.option(
    "--workers", type=click.IntRange(1), default=2, show_default=True, help="Local cluster worker processes."
)
@click.option("--captured-at", help="Capture time for every file (ISO 8601), overriding manifests.")
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=50 * 1024 * 1024,
    show_default=True,
    help="Refuse files larger than this; for JSON Lines, lines larger than this.",
)
@click.option(
    "--partition-rows",
    type=click.IntRange(100),
    default=5000,
    show_default=True,
    help="Revisions per partition (raise it on a large cluster).",
)
@click.option(
    "--memory-limit", default="2GB", show_default=True, help="Per local worker; Dask spills past 60%."
)
@click.option(
    "--figures/--no-figures", default=True, help="Diff figures against the previous revision (as export)."
)
@click.option("--keep-work", is_flag=True, help="Keep the intermediate tables (DIR/_work).")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    callback=_no_empty_db,
    help="Also load the result into this store (new, or holding no capture).",
)
def batch(
    inputs: tuple[str, ...],
    out: str,
    scheduler: str | None,
    workers: int,
    captured_at: str | None,
    max_bytes: int,
    partition_rows: int,
    memory_limit: str,
    figures: bool,
    keep_work: bool,
    db: str | None,
) -> None:
    """Group an archive into stories on Dask; write Parquet tables to --out.

    INPUTS are files, folders, globs or fsspec URLs (s3://, gs://) of JSON Lines,
    text and HTML captures and documents, and local WARC web archives (a capture
    per archived page). Tables: revisions, sightings, stories (the fields of
    `revtrack export`), edges and captures. With --db, the result is also loaded
    into a new store, for the TUI and `revtrack diff`.
    """
    from revtrack.errors import InputError

    why = _dask_missing()
    if why:
        _fail(InputError("revtrack batch", why))
    from revtrack.batch.run import BatchOptions, run_batch
    from revtrack.safety import inert_line

    when = parse_captured_at(captured_at)
    options = BatchOptions(
        out=out,
        scheduler=scheduler,
        workers=workers,
        captured_at=when,
        max_bytes=max_bytes,
        keep_work=keep_work,
        db=_db(db),
        figures=figures,
        memory_limit=memory_limit,
        partition_rows=partition_rows,
    )
    with _reported(db):
        report = run_batch(list(inputs), options)
    for warning in report.warnings:
        click.echo(f"revtrack: warning: {inert_line(warning)}", err=True)
    for error in report.errors:
        click.echo(f"revtrack: {inert_line(error)}", err=True)
    skipped = f", {report.skipped} already seen" if report.skipped else ""
    click.echo(
        f"{report.captures} capture(s){skipped}: {report.sightings} article(s),"
        f" {report.revisions} revision(s),"
        f" {report.stories} story(ies); {report.candidates} candidate pair(s), {report.verified} verified,"
        f" {report.rounds} component round(s), {report.partitions} partition(s); {report.seconds:.1f} s"
        f" -> {inert_line(out)}" + (f" and {inert_line(options.db)}" if options.db else "")
    )
    if report.errors:
        raise SystemExit(2)


__all__ = ["batch"]
