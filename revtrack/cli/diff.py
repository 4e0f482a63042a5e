"""``revtrack diff``: two files, revisions or stories compared word by word."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from revtrack.cli.support import (
    _echo_json,
    _fail,
    _open,
    _reported,
    db_option,
)
from revtrack.errors import RevtrackError

if TYPE_CHECKING:
    pass  # pathlib is not loaded to diff two files


@click.command()
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
    "--extract",
    is_flag=True,
    help="Compare what two captures say, as ingest reads them (a page's main article, captions'"
    " words without their timings, a notebook's cells, an XML document's text, every post or entry"
    " of a channel's export or a feed), not their whole text.",
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

    from revtrack.pagediff import page_diff
    from revtrack.render.page import page_dict, page_text

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
