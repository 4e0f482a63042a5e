"""Candidates by what names a story besides its words: its headline and its address.

Band keys (:mod:`revtrack.grouping.candidates`) find versions that keep most of
their words. A story that grew from a breaking stub into a full report keeps few
of the report's words (the stub's share of them), so its versions rarely share a
band; they usually keep their headline, and a tracked page its address. Revisions
sharing either are candidates when the shorter text lies mostly inside the longer
(:func:`contained`), and the pair rule decides. The same pairs in memory
(:func:`same_value_pairs`), in the store (:func:`stored_value_pairs`) and in the
batch (its headline and address "bands").
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from urllib.parse import urlsplit

import numpy as np

from revtrack.grouping.candidates import MAX_BUCKET
from revtrack.grouping.sketch import KEY_BYTES


def same_value_pairs(values: Sequence[str | None]) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of documents with the same headline, word for word,
    or the same article address (whichever ``values`` holds).

    Band keys find versions that keep most of their words; a story that grew from
    a breaking stub to a full report keeps few of the full text's (the stub's
    share of it), so its versions rarely share a band. They usually keep their
    headline, and a tracked page keeps its address: documents sharing either are
    candidates, and the pair rule decides (a stub contained in its full version
    is a near copy). Blank values, and a value shared by more than
    :data:`MAX_BUCKET` documents ("Live updates"), make no pairs.

    >>> same_value_pairs(["Fire at the port", "Budget passed", "Fire at the port", "", None]).tolist()
    [[0, 2]]
    """
    holders: dict[str, list[int]] = {}
    for n, value in enumerate(values):
        if value and value.strip():
            holders.setdefault(value, []).append(n)
    pairs = [
        (a, b) for ids in holders.values() if 1 < len(ids) <= MAX_BUCKET for a, b in combinations(ids, 2)
    ]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def inside_pairs(openings: Sequence[int | None], inner: Sequence[Sequence[int]]) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, where one document's opening key is the key of a
    later paragraph of the other (``inner``): a story under a new lede, or a page kept with
    its menus. A key held by more than :data:`MAX_BUCKET` documents, as an opening or
    inside, makes no pairs.

    >>> inside_pairs([10, 20, None], [[], [10, 30], [20]]).tolist()
    [[0, 1], [1, 2]]
    """
    holders: dict[int, list[int]] = {}
    for n, key in enumerate(openings):
        if key is not None:
            holders.setdefault(key, []).append(n)
    held = Counter(key for keys in inner for key in keys)
    pairs = set()
    for j, keys in enumerate(inner):
        for key in keys:
            found = holders.get(key, ())
            if found and len(found) + held[key] <= MAX_BUCKET:
                pairs.update((min(i, j), max(i, j)) for i in found if i != j)
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def is_article_address(url: str) -> bool:
    """Whether a sighting's URL can name one article: not a site's front page.

    >>> is_article_address("https://example.org/2026/03/fire"), is_article_address("https://example.org/")
    (True, False)
    """
    try:
        return urlsplit(url.strip()).path.strip("/") != ""
    except ValueError:  # not a URL at all: a name a feed gave, kept as it is
        return True


#: A same-headline or same-address pair is weighed only when the shorter text's
#: words are estimated to lie at least this much inside the longer one's. Every
#: pair the rule can call one story keeps more: near copies about 0.85 and up,
#: the word rule a Jaccard of 0.4 (a containment of 0.57 or more), a version that
#: grew 0.8. The estimate is coarse (a sketch's Jaccard and the two word counts),
#: hence the margin. Without it, 999 items titled "Untitled" made 498,501 pairs to
#: weigh: 9.8 s for a file that took half a second.
MIN_CONTAINMENT = 0.3


def estimated_containment(agree: np.ndarray, small: np.ndarray, large: np.ndarray) -> np.ndarray:
    """The share of the shorter text's words found in the longer, from the share of
    sketch bins that agree (a Jaccard estimate) and the two texts' word counts.

    With ``J = |A & B| / |A | B|`` and ``|B| / |A|`` taken as ``large / small``:
    ``|A & B| / |A| = J (1 + large / small) / (1 + J)``.

    >>> agree, small, large = np.array([0.1, 0.1]), np.array([100, 1000]), np.array([1000, 1000])
    >>> estimated_containment(agree, small, large).round(2).tolist()
    [1.0, 0.18]
    """
    ratio = large / np.maximum(small, 1)
    return np.minimum(1.0, agree * (1 + ratio) / (1 + agree))


def contained(sketches: np.ndarray, words: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Keep the pairs whose shorter text is estimated to lie mostly inside the longer
    (:data:`MIN_CONTAINMENT`); a pair with an empty body is kept (nothing to estimate).

    >>> m = np.array([[1, 2, 3, 4], [1, 2, 7, 8], [5, 6, 7, 8]], dtype=np.uint16)
    >>> contained(m, np.array([10, 10, 10]), np.array([[0, 1], [0, 2]])).tolist()
    [[0, 1]]
    """
    pairs = pairs.reshape(-1, 2)
    if not pairs.size:
        return pairs
    agree = (sketches[pairs[:, 0]] == sketches[pairs[:, 1]]).mean(axis=1)
    a, b = words[pairs[:, 0]], words[pairs[:, 1]]
    small, large = np.minimum(a, b), np.maximum(a, b)
    keep = (small == 0) | (estimated_containment(agree, small, large) >= MIN_CONTAINMENT)
    return pairs[keep]


def stored_value_pairs(
    store,
    conn: sqlite3.Connection,
    groups: list[list[str]],
    wanted: set[str] | None = None,
    already: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> set[tuple[str, str]]:
    """Pairs ``(a, b)``, ``a < b``, within each group of stored revisions (one headline, one
    address) that :func:`contained` keeps; with ``wanted``, only pairs holding one of
    those; pairs in ``already`` (candidates by their bands) are not looked at again.

    A large group's pairs are made and filtered in numpy: 999 items titled "Untitled"
    are 498,501 pairs, none of which is kept, and none becomes a Python object.
    """
    listed: list[tuple[str, str]] = []
    large: list[list[str]] = []
    for group in groups:  # ids sorted in each group
        if len(group) > _PYTHON_GROUP:
            large.append(group)
            continue
        for n, a in enumerate(group):
            for b in group[n + 1 :]:
                if (wanted is None or a in wanted or b in wanted) and (a, b) not in already:
                    listed.append((a, b))
    ids = sorted({rid for pair in listed for rid in pair} | {rid for group in large for rid in group})
    if not ids:
        return set()
    found = store.words_and_values(conn, ids, KEY_BYTES)
    known = [rid for rid in ids if rid in found]
    row = {rid: n for n, rid in enumerate(known)}
    words = np.array([found[rid][0] for rid in known], dtype=np.int64)
    values = np.frombuffer(b"".join(found[rid][1] for rid in known), dtype=np.uint16).reshape(len(known), -1)
    index = np.array([(row[a], row[b]) for a, b in listed if a in row and b in row], dtype=np.int64)
    parts = [contained(values, words, index)]
    is_wanted = np.array([wanted is None or rid in wanted for rid in known], dtype=bool)
    for group in large:
        members = np.array([row[rid] for rid in group if rid in row], dtype=np.int64)
        first, second = np.triu_indices(members.size, 1)
        for start in range(0, first.size, 20_000):
            part = np.stack(
                [members[first[start : start + 20_000]], members[second[start : start + 20_000]]], 1
            )
            parts.append(contained(values, words, part[is_wanted[part[:, 0]] | is_wanted[part[:, 1]]]))
    return {(known[a], known[b]) for part in parts for a, b in part.tolist()} - set(already)


#: Groups up to this size are paired in Python (most: a story's few versions).
_PYTHON_GROUP = 64
