"""``revtrack why``, ``regroup`` and ``story merge/split/reset``: how revisions are grouped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from revtrack.cli.support import (
    _echo_json,
    _open,
    _reported,
    db_option,
    json_option,
)

if TYPE_CHECKING:
    pass  # pathlib is not loaded to diff two files


@click.command()
@click.argument("first")
@click.argument("second")
@json_option
@db_option
def why(first: str, second: str, as_json: bool, db: str | None) -> None:
    """Show the evidence that puts two revisions (or two stories) together or apart."""
    from revtrack.grouping.why import explain
    from revtrack.render.why import why_dict, why_text
    from revtrack.safety import inert

    with _reported(db), _open(db) as store:
        result = explain(store, first, second)
    if as_json:
        _echo_json(why_dict(result))
    else:
        click.echo(inert(why_text(result)))


@click.command()
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


@click.group()
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
