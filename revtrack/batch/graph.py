"""The batch's grouping on Dask DataFrames: revisions, candidates, verified pairs, stories.

Each step is the single-machine step spread over partitions, and each calls
the same rule: band keys from :func:`revtrack.grouping.sketch.split_blob`, the
sketch prefilter at :data:`~revtrack.grouping.candidates.PREFILTER_JACCARD`,
:func:`~revtrack.grouping.evidence.weigh` on :func:`~revtrack.grouping.evidence.make_doc`
for each candidate, and :func:`~revtrack.grouping.cluster.cluster` on each
connected set of verified pairs. What moves between workers:

* sightings shuffled by revision id (one revision's sightings meet);
* one row per (band, key, revision) shuffled by band key: the LSH buckets,
  each bucket's pairs prefiltered where they are made, against a memory-mapped
  table of every revision's sketch values (512 bytes a revision, on disk); and
  one row per revision keyed by its headline, one per article address and one
  by its opening words, whose buckets' pairs are kept where the shorter text
  lies mostly inside the longer (against the sketch table and a table of word
  counts beside it); and in one more band, a row per opening and per later
  paragraph's opening, whose pairs are an opening and another's paragraph only;
* the prefiltered pairs joined with their texts;
* connected components by label propagation, and each component's revisions
  and pairs shuffled to one worker and clustered (:mod:`revtrack.batch.clusters`).

Revisions are numbered so that the shuffled rows are integers, not 32-character
ids: first ``rix`` (partition << 32 | row, known inside a partition), then
``dense`` (0 to N - 1, the row in the sketch table) once the partitions' sizes are known.

Why the sketch table: LSH buckets make pairs that grow with the square of the
corpus (700,000 at 50,000 generated articles, about 280 million at 1,000,000),
of which the prefilter keeps about 5%. Joining every raw pair with two 1 KB
sketches moved hundreds of gigabytes and killed the workers at 1M; a look-up in
the table costs two 512-byte reads.
"""

from __future__ import annotations

import numpy as np

try:
    import pandas as pd
except ImportError:  # no dask extra: `revtrack batch` says so before any of this runs
    pd = None

from revtrack.grouping.candidates import MAX_BUCKET, prefilter
from revtrack.grouping.identity import contained
from revtrack.grouping.sketch import BANDS, K, split_blob

# ------------------------------------------------------------------ revisions


def revisions_of(sightings: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
    """One row per revision from all of its sightings (as the store's ``insert_snapshots``).

    The text is the first sighting's unless a later one has more paragraphs; the
    sketch and word count are the first sighting's; times are the earliest.
    """
    part = (partition_info or {}).get("number", 0)
    if sightings.empty:
        return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in REVISION_META.items()})
    s = sightings.sort_values(["revision_id", "file", "position"], kind="stable")
    first = s.drop_duplicates("revision_id", keep="first").set_index("revision_id")
    best = (
        s.assign(minus=-s["paragraphs"])
        .sort_values(["revision_id", "minus", "file", "position"], kind="stable")
        .drop_duplicates("revision_id", keep="first")
        .set_index("revision_id")
    )
    grouped = s.groupby("revision_id", sort=True)
    published = grouped["published"].min()
    captured_first = grouped["captured_at"].min()
    captured_last = grouped["captured_at"].max()
    out = pd.DataFrame(
        {
            "revision_id": first.index.astype(object),
            "headline": best["headline"].reindex(first.index).to_numpy(object),
            "body": best["body"].reindex(first.index).to_numpy(object),
            "words": first["words"].to_numpy("int64"),
            "paragraphs": best["paragraphs"].reindex(first.index).to_numpy("int64"),
            "first_published": published.reindex(first.index).to_numpy(object),
            "first_captured": captured_first.reindex(first.index).to_numpy(object),
            "last_captured": captured_last.reindex(first.index).to_numpy(object),
            "sketch": first["sketch"].to_numpy(object),
        }
    )
    out["first_published"] = out["first_published"].where(out["first_published"].notna(), None)
    out["when"] = out["first_published"].where(out["first_published"].notna(), out["first_captured"])
    out["outlets"] = _outlets(s, first.index)
    out["addresses"] = _addresses(s, first.index)
    out["sightings"] = grouped.size().reindex(first.index).to_numpy("int64")
    out["rix"] = (np.int64(part) << np.int64(32)) + np.arange(len(out), dtype=np.int64)
    return out[list(REVISION_META)]


def _outlets(s: pd.DataFrame, order: pd.Index) -> np.ndarray:
    """Each revision's outlets, in the order of its sightings (oldest capture, path, position)."""
    ordered = s.sort_values(["captured_at", "path", "position"], kind="stable")
    found: dict[str, list[str]] = {}
    for rid, outlet in zip(ordered["revision_id"], ordered["outlet"], strict=True):
        names = found.setdefault(rid, [])
        if isinstance(outlet, str) and outlet and outlet not in names:
            names.append(outlet)
    return np.array(["\x1f".join(found.get(rid, [])) for rid in order], dtype=object)


def _addresses(s: pd.DataFrame, order: pd.Index) -> np.ndarray:
    """Each revision's article addresses (the URLs of its sightings that are not a
    site's front page), sorted, joined by U+001F."""
    from revtrack.grouping.identity import is_article_address

    found: dict[str, set[str]] = {}
    for rid, url in zip(s["revision_id"], s["url"], strict=True):
        if isinstance(url, str) and url.strip() and is_article_address(url):
            found.setdefault(rid, set()).add(url)
    return np.array(["\x1f".join(sorted(found.get(rid, ()))) for rid in order], dtype=object)


REVISION_META = {
    "revision_id": "object",
    "headline": "object",
    "body": "object",
    "words": "int64",
    "paragraphs": "int64",
    "first_published": "object",
    "first_captured": "object",
    "last_captured": "object",
    "sketch": "object",
    "when": "object",
    "outlets": "object",  # outlet names joined by U+001F (written out as a list)
    "addresses": "object",  # article addresses joined by U+001F (candidates, and edits at one address)
    "sightings": "int64",
    "rix": "int64",
}


def empty(meta: dict[str, str]) -> pd.DataFrame:
    """An empty frame with the given columns (a partition function's ``meta``).

    Text columns are pandas' string dtype, as Parquet reads them back; sketches stay objects.
    """
    return pd.DataFrame(
        {
            name: pd.Series(dtype="string" if kind == "object" and name != "sketch" else kind)
            for name, kind in meta.items()
        }
    )


# ------------------------------------------------------------------ candidates


SIZE_META = {"part": "int64", "rows": "int64"}


def part_sizes(revisions: pd.DataFrame) -> pd.DataFrame:
    """How many revisions each numbered partition holds (``rix`` gives the number)."""
    if revisions.empty:
        return empty(SIZE_META)
    parts = revisions["rix"].to_numpy(np.int64) >> np.int64(32)
    found, rows = np.unique(parts, return_counts=True)
    return pd.DataFrame({"part": found, "rows": rows.astype(np.int64)})


def with_dense(revisions: pd.DataFrame, offsets: np.ndarray) -> pd.DataFrame:
    """The frame with ``dense``: each revision's row in the sketch table."""
    rix = revisions["rix"].to_numpy(np.int64)
    dense = offsets[rix >> np.int64(32)] + (rix & np.int64(0xFFFFFFFF))
    return revisions.assign(dense=dense.astype(np.int64))


def sketch_table(path: str, total: int, mode: str = "r") -> np.ndarray:
    """The memory-mapped table of sketch values, one row of K uint16 per revision."""
    return np.memmap(path, dtype=np.uint16, mode=mode, shape=(max(total, 1), K))


def words_table(path: str, total: int, mode: str = "r") -> np.ndarray:
    """Beside the sketch table: each revision's body word count (for :func:`contained`)."""
    return np.memmap(path + ".words", dtype=np.int64, mode=mode, shape=(max(total, 1),))


def write_sketches(revisions: pd.DataFrame, path: str, total: int) -> pd.Series:
    """Write a partition's sketch values and word counts into its rows of the tables
    (rows are disjoint)."""
    if revisions.empty:
        return pd.Series([0], dtype="int64")
    table = sketch_table(path, total, "r+")
    low = np.stack([split_blob(blob)[1] for blob in revisions["sketch"]])
    rows = revisions["dense"].to_numpy(np.int64)
    table[rows] = low
    table.flush()
    words = words_table(path, total, "r+")
    words[rows] = revisions["words"].to_numpy(np.int64)
    words.flush()
    return pd.Series([len(revisions)], dtype="int64")


#: The "bands" of a revision's headline, of each of its article addresses and of its
#: opening words: revisions sharing one are candidates without the sketch prefilter, as in
#: :func:`~revtrack.grouping.identity.same_value_pairs`.
HEADLINE_BAND = BANDS
ADDRESS_BAND = BANDS + 1
OPENING_BAND = BANDS + 2
#: One row per revision's opening and one per later paragraph's opening
#: (:func:`~revtrack.grouping.fingerprint.inner_opening_keys`, marked by a negative
#: ``dense``: ``-1 - dense``): an opening and a paragraph of another with the same key
#: are candidates, as in :func:`~revtrack.grouping.identity.inside_pairs`.
INSIDE_BAND = BANDS + 3


def band_rows(revisions: pd.DataFrame) -> pd.DataFrame:
    """One row per (band, band key, revision), one per non-blank headline, one per
    article address and one per opening (:func:`~revtrack.grouping.identity.opening`):
    what the LSH shuffle moves."""
    from revtrack.grouping.fingerprint import inner_opening_keys, opening_key, value_key

    n = len(revisions)
    if n == 0:
        return empty(BAND_META)
    keys = np.stack([split_blob(blob)[0] for blob in revisions["sketch"]])
    dense = revisions["dense"].to_numpy(np.int32)
    extra = [
        (HEADLINE_BAND, value_key(h), d)
        for h, d in zip(revisions["headline"], dense, strict=True)
        if h.strip()
    ]
    for joined, d in zip(revisions["addresses"], dense, strict=True):
        extra += [(ADDRESS_BAND, value_key(url), d) for url in (joined.split("\x1f") if joined else ())]
    for body, d in zip(revisions["body"], dense, strict=True):
        key = opening_key(body)
        if key is not None:
            extra += [(OPENING_BAND, key, d), (INSIDE_BAND, key, d)]
        extra += [(INSIDE_BAND, inner, -1 - d) for inner in inner_opening_keys(body)]
    return pd.DataFrame(
        {
            "band": np.r_[
                np.tile(np.arange(BANDS, dtype=np.int8), n), np.array([b for b, _, _ in extra], np.int8)
            ],
            "key": np.r_[
                keys.reshape(-1).astype(np.int64), np.array([k for _, k, _ in extra], dtype=np.int64)
            ],
            "dense": np.r_[np.repeat(dense, BANDS), np.array([d for _, _, d in extra], dtype=np.int32)],
        }
    )


#: 13 bytes a row, not 24: the band-key shuffle is the largest (64 rows a revision),
#: and at 1M revisions its 24-byte rows made workers pass a 1.5 GB limit
BAND_META = {"band": "int8", "key": "int64", "dense": "int32"}
PAIR_META = {"a": "int64", "b": "int64"}


def bucket_pairs(rows: pd.DataFrame, table: str, total: int) -> pd.DataFrame:
    """Prefiltered pairs of revisions sharing a band key, from buckets of 2 to ``MAX_BUCKET``,
    and the pairs of each headline or address bucket whose shorter text lies mostly
    inside the longer (:func:`~revtrack.grouping.identity.contained`).

    The rows of one (band, key) are all in this partition (the shuffle's key), so
    a bucket's size here is its size in the whole corpus, as in
    :func:`~revtrack.grouping.candidates.candidate_pairs`; the pairs are then
    :func:`~revtrack.grouping.candidates.prefilter`-ed against the sketch table.
    """
    if len(rows) < 2:
        return empty(PAIR_META)
    inside = rows["band"].to_numpy() == INSIDE_BAND
    found_inside = _inside_pairs(rows[inside], table, total)
    rows = rows[~inside]
    if len(rows) < 2:
        return found_inside
    order = np.lexsort((rows["key"].to_numpy(), rows["band"].to_numpy()))
    band = rows["band"].to_numpy()[order]
    key = rows["key"].to_numpy()[order]
    doc = rows["dense"].to_numpy()[order]
    run = np.cumsum(np.r_[True, (band[1:] != band[:-1]) | (key[1:] != key[:-1])])
    length = np.bincount(run)[run]
    keep = (length > 1) & (length <= MAX_BUCKET)
    run, doc, length = run[keep], doc[keep], length[keep]
    headline = band[keep] >= HEADLINE_BAND  # a headline, address or opening: containment, not the prefilter
    table_rows = sketch_table(table, total)
    word_rows = words_table(table, total)
    kept: list[np.ndarray] = []
    k = 1
    while run.size:
        # the pairs k apart in a run, prefiltered at once: a partition's raw pairs
        # (millions where buckets are large) are never held together
        same = run[:-k] == run[k:]
        a, b = doc[:-k][same], doc[k:][same]
        if a.size:
            pairs = np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)
            titled = headline[:-k][same]
            kept.append(prefilter(table_rows, pairs[~titled]))
            kept.append(contained(table_rows, word_rows, pairs[titled]))
        keep = length > k + 1
        run, doc, length, headline = run[keep], doc[keep], length[keep], headline[keep]
        k += 1
    kept.append(found_inside[["a", "b"]].to_numpy(np.int64).reshape(-1, 2))
    found = np.unique(np.concatenate(kept), axis=0)
    return pd.DataFrame({"a": found[:, 0].astype(np.int64), "b": found[:, 1].astype(np.int64)})


def _inside_pairs(rows: pd.DataFrame, table: str, total: int) -> pd.DataFrame:
    """Pairs of an opening and a later paragraph of another revision with the same key
    (:data:`INSIDE_BAND` rows of keys held 2 to ``MAX_BUCKET`` times), whose shorter text
    lies mostly inside the longer."""
    if len(rows) < 2:
        return empty(PAIR_META)
    key = rows["key"].to_numpy()
    dense = rows["dense"].to_numpy().astype(np.int64)
    order = np.argsort(key, kind="stable")
    key, dense = key[order], dense[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], key.size]
    pairs = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if not 1 < end - start <= MAX_BUCKET:
            continue
        run = dense[start:end]
        openers, holders = run[run >= 0], -1 - run[run < 0]
        pairs += [(min(a, b), max(a, b)) for a in openers.tolist() for b in holders.tolist() if a != b]
    if not pairs:
        return empty(PAIR_META)
    kept = contained(sketch_table(table, total), words_table(table, total), np.array(pairs, dtype=np.int64))
    kept = np.unique(kept, axis=0) if kept.size else kept.reshape(-1, 2)
    return pd.DataFrame({"a": kept[:, 0].astype(np.int64), "b": kept[:, 1].astype(np.int64)})


def unique_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs without repeats (after a shuffle on ``a``, equal pairs share a partition)."""
    return pairs.drop_duplicates(ignore_index=True)


EDGE_META = {
    "a": "int64",
    "b": "int64",
    "id_a": "object",
    "id_b": "object",
    "strength": "float64",
    "near": "bool",
}


def verified(pairs: pd.DataFrame) -> pd.DataFrame:
    """The candidate pairs that :func:`~revtrack.grouping.evidence.weigh` calls one story.

    Each pair is weighed with its ids in sorted order, as the store weighs it.
    """
    from revtrack.grouping.docs import make_doc
    from revtrack.grouping.evidence import weigh

    if pairs.empty:
        return empty(EDGE_META)
    cache: dict = {}

    def doc(rid, headline, body, when, addresses):
        if rid not in cache:
            # article addresses joined by U+001F, as the revisions' frame holds them
            cache[rid] = make_doc(headline, body, when, addresses.split("\x1f") if addresses else ())
        return cache[rid]

    out = []
    for row in pairs.itertuples(index=False):
        left = (row.a, row.id_a, row.headline_a, row.body_a, row.when_a, row.addresses_a)
        right = (row.b, row.id_b, row.headline_b, row.body_b, row.when_b, row.addresses_b)
        if left[1] > right[1]:
            left, right = right, left
        evidence = weigh(doc(*left[1:]), doc(*right[1:]))
        if evidence.same:
            out.append(
                (left[0], right[0], left[1], right[1], float(evidence.strength), bool(evidence.one_text))
            )
    if not out:
        return empty(EDGE_META)
    return pd.DataFrame(out, columns=list(EDGE_META)).astype({"near": bool})


__all__ = [
    "K",
    "BAND_META",
    "EDGE_META",
    "PAIR_META",
    "REVISION_META",
    "band_rows",
    "bucket_pairs",
    "part_sizes",
    "sketch_table",
    "with_dense",
    "write_sketches",
    "revisions_of",
    "unique_pairs",
    "verified",
]
