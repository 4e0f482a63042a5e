"""Story grouping: which revisions are versions of one story.

* :mod:`~revtrack.grouping.fingerprint`: the only xxhash user (revision ids, word and line hashes);
* :mod:`~revtrack.grouping.sketch`: content words, facts, MinHash sketches and LSH band keys;
* :mod:`~revtrack.grouping.stories`: candidates, verification, stories in the store.
"""

from __future__ import annotations

from revtrack.grouping.stories import (
    LshIndex,
    RegroupReport,
    UnionFind,
    assign,
    candidate_pairs,
    group_documents,
    prefilter,
    regroup,
    verify,
)

__all__ = [
    "LshIndex",
    "RegroupReport",
    "UnionFind",
    "assign",
    "candidate_pairs",
    "group_documents",
    "prefilter",
    "regroup",
    "verify",
]
