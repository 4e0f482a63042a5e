"""The batch's connected sets of verified pairs, and the stories clustered in each.

* Connected components by label propagation: each round joins the verified pairs
  with the current labels (min-label, with pointer jumping), until every pair's
  two ends agree. Nothing but one count per round reaches the driver.
* Each component's revisions and pairs are shuffled to one worker and clustered
  by :func:`revtrack.grouping.cluster.cluster`, as the store clusters them.
"""

from __future__ import annotations

import numpy as np

try:
    import pandas as pd
except ImportError:  # no dask extra: `revtrack batch` says so before any of this runs
    pd = None

from revtrack.batch.graph import empty
from revtrack.grouping.sketch import split_blob

LABEL_META = {"node": "int64", "label": "int64"}


def first_labels(edges: pd.DataFrame) -> pd.DataFrame:
    """Each end of a pair labelled with the smaller of the two ends."""
    low = np.minimum(edges["a"].to_numpy(), edges["b"].to_numpy())
    return pd.DataFrame(
        {"node": np.concatenate([edges["a"].to_numpy(), edges["b"].to_numpy()]), "label": np.tile(low, 2)}
    )


def spread_labels(joined: pd.DataFrame) -> pd.DataFrame:
    """One label-propagation step: both ends of a pair take the smaller of their labels."""
    low = np.minimum(joined["la"].to_numpy(), joined["lb"].to_numpy())
    return pd.DataFrame(
        {"node": np.concatenate([joined["a"].to_numpy(), joined["b"].to_numpy()]), "label": np.tile(low, 2)}
    )


def disagreeing(joined: pd.DataFrame) -> int:
    """Pairs whose ends carry different labels (zero: the components are found)."""
    return int((joined["la"].to_numpy() != joined["lb"].to_numpy()).sum())


# ------------------------------------------------------------------ stories


ASSIGN_META = {"dense": "int64", "story_id": "object"}


def cluster_components(rows: pd.DataFrame) -> pd.DataFrame:
    """Stories of each connected set in this partition, with their ids (oldest revision).

    ``rows`` holds node rows (``kind`` 0: id, headline, sketch, times, addresses) and pair
    rows (``kind`` 1: both ids, strength, near copy), keyed by ``component``.
    """
    from itertools import groupby
    from operator import itemgetter

    from revtrack.grouping.cluster import Link, Node, cluster
    from revtrack.grouping.docs import calendar_facts

    # plain lists, one pass: pandas' per-group filtering cost ~1 ms a component
    # (tens of seconds at 100k revisions), the clustering itself far less
    ordered = rows.sort_values(["component", "kind"], kind="stable")
    columns = ["component", "kind", "dense", "revision_id", "headline", "sketch", "when"]
    columns += ["first_captured", "addresses", "id_b", "strength", "near"]
    out: list[tuple[int, str]] = []
    records = zip(*(ordered[c].tolist() for c in columns), strict=True)
    for _, group in groupby(records, key=itemgetter(0)):
        nodes: dict[str, Node] = {}
        rank: dict[str, tuple] = {}
        dense: dict[str, int] = {}
        links: dict[tuple[str, str], Link] = {}
        for _, kind, row, rid, headline, sketch, when, captured, addresses, id_b, strength, near in group:
            if kind == 0:  # node rows sort first
                seen_at = frozenset(addresses.split("\x1f")) if addresses else frozenset()
                nodes[rid] = Node(calendar_facts(headline), split_blob(sketch)[1], seen_at)
                rank[rid] = (when, captured, rid)
                dense[rid] = int(row)
            elif rid in nodes and id_b in nodes:
                links[(rid, id_b)] = Link(float(strength), bool(near))
        for members in cluster(nodes, links):
            story = min(members, key=rank.__getitem__)
            out.extend((dense[m], story) for m in members)
    if not out:
        return empty(ASSIGN_META)
    return pd.DataFrame(out, columns=list(ASSIGN_META))


__all__ = ["ASSIGN_META", "LABEL_META", "cluster_components", "disagreeing", "first_labels", "spread_labels"]
