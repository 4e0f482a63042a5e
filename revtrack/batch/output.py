"""The batch's tables: revisions, sightings and stories as Parquet, with ``export``'s fields.

Each partition is written by the worker that holds it (one file per
partition), so no table passes through the driver. Revisions are written a
story at a time, oldest first, with their figures against the previous revision.
"""

from __future__ import annotations

import os
import shutil

try:
    import pandas as pd
except ImportError:  # no dask extra: `revtrack batch` says so before any of this runs
    pd = None

from revtrack.batch.tables import write_part

REVISION_COLUMNS = (
    ("story_id", "string"),
    ("revision_id", "string"),
    ("previous_revision_id", "string"),
    ("number", "int64"),  # its place in the story, from 1
    ("headline", "string"),
    ("body", "string"),
    ("words", "int64"),
    ("outlets", "list"),
    ("first_captured", "string"),
    ("first_published", "string"),
    ("sightings", "int64"),
    ("last_captured", "string"),
    ("words_added", "int64"),
    ("words_deleted", "int64"),
    ("words_changed", "int64"),
    ("similarity", "float64"),
    ("headline_changed", "bool"),
)
SIGHTING_OUT_COLUMNS = (
    ("revision_id", "string"),
    ("path", "string"),
    ("captured_at", "string"),
    ("published", "string"),
    ("published_precision", "string"),
    ("date_text", "string"),
    ("outlet", "string"),
    ("section", "string"),
    ("url", "string"),
    ("position", "int64"),
    ("byline", "string"),
)
STORY_COLUMNS = (
    ("story_id", "string"),
    ("headline", "string"),
    ("outlets", "list"),
    ("revisions", "int64"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("last_change", "string"),
)
EDGE_COLUMNS = (("a", "string"), ("b", "string"), ("strength", "float64"), ("near", "bool"))


def _iso(value) -> str | None:
    from revtrack.models import iso_timestamp

    return iso_timestamp(value) if isinstance(value, str) and value else None


def story_rows(revisions: pd.DataFrame, figures: bool = True) -> pd.DataFrame:
    """Each story's revisions, oldest first, with figures against the one before (as ``export``).

    Without ``figures`` the diff columns stay empty (they cost a diff per revision).
    """
    from revtrack.diffing import compare
    from revtrack.text import cosmetic_normalize

    if revisions.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name, _ in REVISION_COLUMNS})
    ordered = revisions.sort_values(["story_id", "when", "first_captured", "revision_id"], kind="stable")
    out = []
    previous: tuple[str, str, str, int] | None = None  # story, id, text, number
    for r in ordered.itertuples(index=False):
        if previous is not None and previous[0] != r.story_id:
            previous = None
        text = f"{r.headline}\n\n{r.body}"
        row = {
            "story_id": r.story_id,
            "revision_id": r.revision_id,
            "previous_revision_id": previous[1] if previous else None,
            "number": previous[3] + 1 if previous else 1,
            "headline": r.headline,
            "body": r.body,
            "words": r.words,
            "outlets": r.outlets,
            "first_captured": _iso(r.first_captured),
            "first_published": _iso(r.first_published),
            "sightings": r.sightings,
            "last_captured": _iso(r.last_captured),
        }
        if previous is not None and figures:
            stats = compare(previous[2], text).stats
            row |= {
                "words_added": stats.words_added,
                "words_deleted": stats.words_deleted,
                "words_changed": stats.words_changed,
                "similarity": stats.similarity,
                "headline_changed": cosmetic_normalize(previous[2].split("\n\n", 1)[0])
                != cosmetic_normalize(r.headline),
            }
        out.append(row)
        previous = (r.story_id, r.revision_id, text, row["number"])
    return pd.DataFrame(out, columns=[name for name, _ in REVISION_COLUMNS])


def story_summaries(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per story (``stories --json``'s fields) from its revisions, oldest first."""
    out = []
    for story, group in rows.groupby("story_id", sort=True):
        outlets: list[str] = []
        for names in group["outlets"]:
            for name in names.split("\x1f") if isinstance(names, str) and names else ():
                if name not in outlets:
                    outlets.append(name)
        changes = [
            p if isinstance(p, str) and p else c
            for p, c in zip(group["first_published"], group["first_captured"], strict=True)
        ]
        out.append(
            {
                "story_id": story,
                "headline": group["headline"].iloc[-1],
                "outlets": "\x1f".join(outlets),
                "revisions": len(group),
                "first_seen": min(group["first_captured"]),
                "last_seen": max(group["last_captured"]),
                "last_change": max(c for c in changes if isinstance(c, str)),
            }
        )
    return pd.DataFrame(out, columns=[name for name, _ in STORY_COLUMNS])


def sighting_rows(sightings: pd.DataFrame) -> pd.DataFrame:
    """Sightings as ``export`` lists them (times as ISO 8601 with an offset)."""
    frame = sightings[[name for name, _ in SIGHTING_OUT_COLUMNS]].copy()
    for column in ("captured_at", "published"):
        frame[column] = [_iso(v) for v in frame[column].tolist()]
    return frame


def edge_rows(edges: pd.DataFrame) -> pd.DataFrame:
    """Verified pairs by revision id (``a < b``), as the store's ``story_edges``."""
    return pd.DataFrame(
        {"a": edges["id_a"], "b": edges["id_b"], "strength": edges["strength"], "near": edges["near"]}
    )


def write_frame(client, frame, folder: str, columns, convert=None) -> int:
    """Every partition of ``frame`` written by a worker to ``folder/part-N.parquet``."""
    import dask

    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    tasks = []
    for n, part in enumerate(frame.to_delayed()):
        if convert is not None:
            part = dask.delayed(convert)(part)
        tasks.append(dask.delayed(write_part)(part, columns, os.path.join(folder, f"part-{n:07d}.parquet")))
    return int(sum(client.compute(tasks, sync=True)))


def checkpoint(client, frame, work: str, name: str, columns):
    """Write a step's result to Parquet and read it back: later steps start from disk."""
    import dask.dataframe as dd

    path = os.path.join(work, name)
    write_frame(client, frame, path, columns)
    return dd.read_parquet(path)


def _alone_is_own_story(frame: pd.DataFrame) -> pd.DataFrame:
    """A revision in no verified pair is a story of its own, named by its own id."""
    frame = frame.copy()
    frame["story_id"] = frame["story_id"].where(frame["story_id"].notna(), frame["revision_id"])
    return frame


def write_outputs(
    client,
    revisions,
    assigned,
    sightings,
    edges,
    work: str,
    out: str,
    parts: int,
    report,
    figures: bool = True,
) -> None:
    """Stories assigned, revisions ordered, and the tables written under ``out``."""
    from revtrack.batch.graph import empty

    final = revisions.drop(columns=["sketch", "rix"]).merge(assigned, on="revision_id", how="left")
    final = final.map_partitions(_alone_is_own_story)
    meta = {**{k: v for k, v in _META.items()}}
    ordered = final.shuffle("story_id", npartitions=parts).map_partitions(
        story_rows, figures=figures, meta=empty(meta)
    )
    ordered = checkpoint(client, ordered, work, "final", FINAL_COLUMNS)
    write_frame(client, ordered, os.path.join(out, "revisions"), REVISION_COLUMNS)
    report.stories = write_frame(
        client, ordered, os.path.join(out, "stories"), STORY_COLUMNS, story_summaries
    )
    shown = sightings[[name for name, _ in SIGHTING_OUT_COLUMNS]]  # only these columns are read
    write_frame(client, shown, os.path.join(out, "sightings"), SIGHTING_OUT_COLUMNS, sighting_rows)
    write_frame(client, edges, os.path.join(out, "edges"), EDGE_COLUMNS, edge_rows)
    captures = os.path.join(out, "captures")
    shutil.rmtree(captures, ignore_errors=True)
    shutil.copytree(os.path.join(work, "captures"), captures)


_META = {
    name: ("int64" if kind == "int64" else "float64" if kind == "float64" else "object")
    for name, kind in REVISION_COLUMNS
}
_META["words_added"] = _META["words_deleted"] = _META["words_changed"] = (
    "float64"  # missing on first revisions
)
_META["headline_changed"] = "object"

#: The ordered revisions as checkpointed (outlets still joined, for story_summaries).
FINAL_COLUMNS = tuple((name, "string" if kind == "list" else kind) for name, kind in REVISION_COLUMNS)

__all__ = [
    "REVISION_COLUMNS",
    "STORY_COLUMNS",
    "story_rows",
    "story_summaries",
    "write_outputs",
]
