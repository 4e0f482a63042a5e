"""Stories put in order without moving their texts: a memory-mapped table of each revision's place.

Row ``dense`` of the table (under ``DIR/_work``, beside the sketch table) holds
one revision's story id, its number in the story, the revision before it and,
when asked for, ``export``'s diff figures against that revision. Three writers
fill it, each on disjoint rows:

1. the stories step writes the story ids of the revisions in a connected set;
2. the order step, on partitions shuffled by story, writes numbers, previous
   revisions and figures. Only ids, times and headlines are shuffled, and the
   bodies only when figures are wanted;
3. the revisions table is then written from the revisions' own partitions, each
   looking its rows up: no text crosses the network for it.

At a million revisions the table is about 100 MB.
"""

from __future__ import annotations

try:
    import numpy as np
    import pandas as pd
except ImportError:  # no dask extra: `revtrack batch` says so before any of this runs
    np = pd = None

#: One revision's place. Ids are the 32 hex digits of a revision id (empty: none).
ORDER_FIELDS = [
    ("story", "S32"),
    ("previous", "S32"),
    ("number", "<i8"),
    ("added", "<i8"),
    ("deleted", "<i8"),
    ("changed", "<i8"),
    ("similarity", "<f8"),
    ("headline_changed", "i1"),
    ("figures", "i1"),  # 1 when the figures were computed
]

#: The columns the order step shuffles by story (bodies are added for figures).
ORDER_INPUT = [
    "dense",
    "revision_id",
    "headline",
    "outlets",
    "when",
    "first_published",
    "first_captured",
    "last_captured",
]

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
STORY_COLUMNS = (
    ("story_id", "string"),
    ("headline", "string"),
    ("outlets", "list"),
    ("revisions", "int64"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("last_change", "string"),
    ("last_published", "string"),
)


def order_table(path: str, total: int, mode: str = "r"):
    """The memory-mapped table, one record per revision (``mode`` "w+" creates it zeroed)."""
    return np.memmap(path, dtype=np.dtype(ORDER_FIELDS), mode=mode, shape=(max(total, 1),))


def _done(rows: int) -> pd.Series:
    return pd.Series([rows], dtype="int64")


def write_stories(assigned: pd.DataFrame, path: str, total: int) -> pd.Series:
    """Write the story ids of a partition's clustered revisions (``dense``, ``story_id``)."""
    if assigned.empty:
        return _done(0)
    table = order_table(path, total, "r+")
    table["story"][assigned["dense"].to_numpy(np.int64)] = np.array(
        assigned["story_id"].tolist(), dtype="S32"
    )
    table.flush()
    return _done(len(assigned))


def with_story(revisions: pd.DataFrame, path: str, total: int) -> pd.DataFrame:
    """The partition with ``story_id``: its story's, or its own id when it is in no story."""
    if revisions.empty:
        return revisions.assign(story_id=pd.Series(dtype="string"))
    found = order_table(path, total)["story"][revisions["dense"].to_numpy(np.int64)]
    own = revisions["revision_id"].tolist()
    story = [s.decode("ascii") if s else o for s, o in zip(found.tolist(), own, strict=True)]
    return revisions.assign(story_id=pd.array(story, dtype="string"))


def place_revisions(revisions: pd.DataFrame, path: str, total: int, figures: bool) -> pd.DataFrame:
    """Order each story of this partition, write the revisions' places; returns the stories' rows.

    A story's order is the store's: publication time (else first capture), first
    capture, id. With ``figures`` each revision is compared with the one before
    (the partition then carries bodies).
    """
    from revtrack.diffing import compare_revisions
    from revtrack.text import cosmetic_normalize

    if revisions.empty:
        return _empty(STORY_COLUMNS)
    ordered = revisions.sort_values(["story_id", "when", "first_captured", "revision_id"], kind="stable")
    table = order_table(path, total, "r+")
    rows = np.zeros(len(ordered), dtype=np.dtype(ORDER_FIELDS))
    previous: tuple[str, str, str, str] | None = None  # story, id, headline, body
    number = 0
    bodies = ordered["body"].tolist() if figures else [None] * len(ordered)
    for i, (story, rid, headline, body) in enumerate(
        zip(ordered["story_id"], ordered["revision_id"], ordered["headline"], bodies, strict=True)
    ):
        if previous is None or previous[0] != story:
            previous, number = None, 0
        number += 1
        record = rows[i]
        record["story"], record["number"] = story, number
        if previous is not None:
            record["previous"] = previous[1]
            if figures:
                stats = compare_revisions(previous[2], previous[3], headline, body).stats
                record["added"], record["deleted"] = stats.words_added, stats.words_deleted
                record["changed"], record["similarity"] = stats.words_changed, stats.similarity
                record["headline_changed"] = cosmetic_normalize(previous[2]) != cosmetic_normalize(headline)
                record["figures"] = 1
        previous = (story, rid, headline, body or "")
    table[ordered["dense"].to_numpy(np.int64)] = rows
    table.flush()
    return story_summaries(ordered)


def story_summaries(ordered: pd.DataFrame) -> pd.DataFrame:
    """One row per story (``stories --json``'s fields) from its revisions, oldest first."""
    out = []
    for story, group in ordered.groupby("story_id", sort=True):
        outlets: list[str] = []
        for names in group["outlets"]:
            for name in names.split("\x1f") if isinstance(names, str) and names else ():
                if name not in outlets:
                    outlets.append(name)
        published = [p for p in group["first_published"] if isinstance(p, str) and p]
        out.append(
            {
                "story_id": story,
                "headline": group["headline"].iloc[-1],
                "outlets": "\x1f".join(outlets),
                "revisions": len(group),
                "first_seen": iso_text(min(group["first_captured"])),
                "last_seen": iso_text(max(group["last_captured"])),
                # when the newest wording was first captured, as `stories` says
                "last_change": iso_text(max(group["first_captured"])),
                "last_published": iso_text(max(published)) if published else None,
            }
        )
    return pd.DataFrame(out, columns=[name for name, _ in STORY_COLUMNS])


def revision_rows(revisions: pd.DataFrame, path: str, total: int) -> pd.DataFrame:
    """A partition's revisions as ``export`` gives them, with their places looked up in the table."""
    if revisions.empty:
        return _empty(REVISION_COLUMNS)
    places = order_table(path, total)[revisions["dense"].to_numpy(np.int64)]
    computed = places["figures"] == 1

    def ids(values: np.ndarray) -> list[str | None]:
        return [v.decode("ascii") if v else None for v in values.tolist()]

    def figure(name: str) -> list:
        return [v if c else None for v, c in zip(places[name].tolist(), computed.tolist(), strict=True)]

    frame = pd.DataFrame(
        {
            "story_id": ids(places["story"]),
            "revision_id": revisions["revision_id"].tolist(),
            "previous_revision_id": ids(places["previous"]),
            "number": places["number"],
            "headline": revisions["headline"].tolist(),
            "body": revisions["body"].tolist(),
            "words": revisions["words"].to_numpy(np.int64),
            "outlets": revisions["outlets"].tolist(),
            "first_captured": [iso_text(v) for v in revisions["first_captured"].tolist()],
            "first_published": [iso_text(v) for v in revisions["first_published"].tolist()],
            "sightings": revisions["sightings"].to_numpy(np.int64),
            "last_captured": [iso_text(v) for v in revisions["last_captured"].tolist()],
            "words_added": figure("added"),
            "words_deleted": figure("deleted"),
            "words_changed": figure("changed"),
            "similarity": figure("similarity"),
            "headline_changed": [
                bool(v) if c else None
                for v, c in zip(places["headline_changed"].tolist(), computed.tolist(), strict=True)
            ],
        }
    )
    return frame.sort_values(["story_id", "number"], kind="stable")


def iso_text(value) -> str | None:
    """A stored time as ISO 8601 with its offset, as ``export`` writes it (None when missing)."""
    from revtrack.models import iso_timestamp

    return iso_timestamp(value) if isinstance(value, str) and value else None


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name, _ in columns})


__all__ = [
    "ORDER_INPUT",
    "iso_text",
    "REVISION_COLUMNS",
    "STORY_COLUMNS",
    "order_table",
    "place_revisions",
    "revision_rows",
    "story_summaries",
    "with_story",
    "write_stories",
]
