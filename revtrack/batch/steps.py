"""The grouping steps that number, loop or regroup: the sketch table, components, stories.

Called by :mod:`revtrack.batch.run` between checkpoints; the work inside each
partition is in :mod:`revtrack.batch.graph`.
"""

from __future__ import annotations

import os

from revtrack.batch import clusters, graph


def sketch_table(client, revisions, work: str):
    """Number the revisions 0..N-1 and write their sketch values into one memory-mapped table.

    Returns the revisions with ``dense``, the table's path and N. Each partition
    writes its own rows; the driver only sums the partitions' sizes.
    """
    import numpy as np

    sizes = client.compute(
        revisions[["rix"]].map_partitions(graph.part_sizes, meta=graph.empty(graph.SIZE_META))
    ).result()
    offsets = np.zeros(int(sizes["part"].max()) + 1 if len(sizes) else 1, dtype=np.int64)
    ordered = sizes.sort_values("part")
    starts = np.concatenate([[0], np.cumsum(ordered["rows"].to_numpy())[:-1]])
    offsets[ordered["part"].to_numpy()] = starts
    total = int(ordered["rows"].sum())
    if total >= 2**31:  # the band-key shuffle carries row numbers as int32
        raise ValueError(f"{total} revisions: one batch holds at most 2**31 - 1")
    table = os.path.join(work, "sketches.u16")
    with open(table, "wb") as fh:
        fh.truncate(max(total, 1) * graph.K * 2)  # sparse until the partitions write their rows
    with open(table + ".words", "wb") as fh:
        fh.truncate(max(total, 1) * 8)
    meta = revisions._meta.assign(dense=np.int64(0))
    numbered = revisions.map_partitions(graph.with_dense, offsets=offsets, meta=meta)
    write = numbered[["dense", "sketch", "words"]].map_partitions(
        graph.write_sketches, path=table, total=total, meta=(None, "int64")
    )
    client.compute(write.sum()).result()
    return numbered, table, total


def _persisted(client, frame):
    """``client.persist(frame)``, waited for before the caller builds on it.

    On Python 3.11 each ``functools.cached_property`` holds one lock for all instances
    (removed in 3.12). The in-process scheduler materializes a persisted graph on its
    offload thread while this thread optimizes the next expression over it; both read
    dask's cached ``divisions`` and ``npartitions`` in opposite order, and a batch run
    (a test of it, once) hung for good. Waiting costs nothing: the next step needs the
    result anyway.
    """
    from distributed import wait

    frame = client.persist(frame)
    wait(frame)
    return frame


def components(client, edges, parts: int):
    """Connected sets of verified pairs by min-label propagation with pointer jumping.

    Each round is two joins and a group-by; only the count of pairs whose ends
    still disagree comes back to the driver. Returns the labels and the rounds.
    """
    ends = edges[["a", "b"]]
    labels = (
        ends.map_partitions(clusters.first_labels, meta=graph.empty(clusters.LABEL_META))
        .groupby("node")["label"]
        .min(split_out=parts)
        .reset_index()
    )
    labels = _persisted(client, labels)
    rounds = 0
    while True:
        joined = ends.merge(labels.rename(columns={"node": "a", "label": "la"}), on="a")
        joined = joined.merge(labels.rename(columns={"node": "b", "label": "lb"}), on="b")
        joined = _persisted(client, joined)
        rounds += 1
        if (
            client.compute(joined.map_partitions(clusters.disagreeing, meta=(None, "int64")).sum()).result()
            == 0
        ):
            return labels, rounds
        spread = (
            joined.map_partitions(clusters.spread_labels, meta=graph.empty(clusters.LABEL_META))
            .groupby("node")["label"]
            .min(split_out=parts)
            .reset_index()
        )
        hop = spread.rename(columns={"node": "label", "label": "hop"})
        jumped = spread.merge(hop, on="label", how="left")
        jumped["label"] = (
            jumped["label"].where(~(jumped["hop"] < jumped["label"]), jumped["hop"]).astype("int64")
        )
        labels = _persisted(client, jumped[["node", "label"]])


def stories(labels, edges, revisions, parts: int):
    """``(dense, story_id)`` for every revision in a connected set, clustered per set."""
    import dask.dataframe as dd

    node_cols = revisions[
        ["dense", "revision_id", "headline", "sketch", "when", "first_captured", "addresses"]
    ]
    nodes = labels.merge(node_cols.rename(columns={"dense": "node"}), on="node")
    nodes = nodes.rename(columns={"label": "component", "node": "dense"})
    nodes = nodes.assign(kind=0, id_b=None, strength=float("nan"), near=False)
    pairs = edges.merge(labels.rename(columns={"node": "a", "label": "component"}), on="a")
    pairs = pairs.rename(columns={"id_a": "revision_id"})[
        ["component", "revision_id", "id_b", "strength", "near"]
    ]
    pairs = pairs.assign(
        kind=1, dense=-1, headline=None, sketch=None, when=None, first_captured=None, addresses=None
    )
    columns = [
        "component",
        "kind",
        "dense",
        "revision_id",
        "headline",
        "sketch",
        "when",
        "first_captured",
        "addresses",
        "id_b",
        "strength",
        "near",
    ]
    rows = dd.concat([nodes[columns], pairs[columns]])
    return rows.shuffle("component", npartitions=parts).map_partitions(
        clusters.cluster_components, meta=graph.empty(clusters.ASSIGN_META)
    )


__all__ = ["components", "sketch_table", "stories"]
