"""The batch's tables: revisions, sightings and stories as Parquet, with ``export``'s fields.

Each partition is written by the worker that holds it (one file per
partition), so no table passes through the driver. Revisions are written from
their own partitions, their places in their stories looked up in the order
table (:mod:`revtrack.batch.order`).
"""

from __future__ import annotations

import os
import shutil

try:
    import pandas as pd
except ImportError:  # no dask extra: `revtrack batch` says so before any of this runs
    pd = None

from revtrack.batch.order import iso_text
from revtrack.batch.tables import write_part

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
EDGE_COLUMNS = (("a", "string"), ("b", "string"), ("strength", "float64"), ("near", "bool"))


def sighting_rows(sightings: pd.DataFrame) -> pd.DataFrame:
    """Sightings as ``export`` lists them (times as ISO 8601 with an offset)."""
    frame = sightings[[name for name, _ in SIGHTING_OUT_COLUMNS]].copy()
    for column in ("captured_at", "published"):
        frame[column] = [iso_text(v) for v in frame[column].tolist()]
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


def assign_stories(client, assigned, work: str, total: int) -> str:
    """Write each clustered revision's story id into a new order table; returns its path."""
    from revtrack.batch.order import order_table, write_stories

    path = os.path.join(work, "order.rec")
    order_table(path, total, "w+").flush()  # zeroed: a revision in no connected set is its own story
    write = assigned.map_partitions(write_stories, path=path, total=total, meta=(None, "int64"))
    client.compute(write.sum()).result()
    return path


def write_outputs(
    client,
    revisions,
    sightings,
    edges,
    work: str,
    out: str,
    table: str,
    report,
    figures: bool = True,
) -> None:
    """Stories put in order (see :mod:`revtrack.batch.order`) and the tables written under ``out``."""
    from functools import partial

    from revtrack.batch import order

    total, parts = report.revisions, report.partitions
    columns = order.ORDER_INPUT + (["body"] if figures else [])
    keyed = revisions[columns].map_partitions(
        order.with_story,
        path=table,
        total=total,
        meta=revisions[columns]._meta.assign(story_id=pd.Series(dtype="string")),
    )
    summaries = keyed.shuffle("story_id", npartitions=parts).map_partitions(
        order.place_revisions, path=table, total=total, figures=figures, meta=_meta(order.STORY_COLUMNS)
    )
    report.stories = write_frame(client, summaries, os.path.join(out, "stories"), order.STORY_COLUMNS)
    rows = partial(order.revision_rows, path=table, total=total)
    shown = revisions.drop(columns=["sketch", "rix"])
    write_frame(client, shown, os.path.join(out, "revisions"), order.REVISION_COLUMNS, rows)
    shown = sightings[[name for name, _ in SIGHTING_OUT_COLUMNS]]  # only these columns are read
    write_frame(client, shown, os.path.join(out, "sightings"), SIGHTING_OUT_COLUMNS, sighting_rows)
    write_frame(client, edges, os.path.join(out, "edges"), EDGE_COLUMNS, edge_rows)
    captures = os.path.join(out, "captures")
    shutil.rmtree(captures, ignore_errors=True)
    shutil.copytree(os.path.join(work, "captures"), captures)


def _meta(columns) -> pd.DataFrame:
    kinds = {"int64": "int64", "float64": "float64", "bool": "object"}
    return pd.DataFrame({name: pd.Series(dtype=kinds.get(kind, "string")) for name, kind in columns})


__all__ = ["assign_stories", "checkpoint", "edge_rows", "sighting_rows", "write_frame", "write_outputs"]
