"""Story grouping: which revisions are versions of one story.

* :mod:`~revtrack.grouping.fingerprint`: all hashing (revision ids, word and line hashes);
* :mod:`~revtrack.grouping.sketch`: content words, MinHash sketches and LSH band keys;
* :mod:`~revtrack.grouping.docs`: what verification knows of a revision (word sets, 5-word runs, facts);
* :mod:`~revtrack.grouping.evidence`: two revisions weighed: one story or two, and why;
* :mod:`~revtrack.grouping.stories`: stories in memory, clustering and regrouping in the store;
* :mod:`~revtrack.grouping.verification`: stored candidate pairs weighed with a bounded cache;
* :mod:`~revtrack.grouping.incremental`: a capture's new revisions placed into stories.
"""

from __future__ import annotations

from revtrack.grouping.candidates import LshIndex, candidate_pairs, prefilter
from revtrack.grouping.incremental import Assignment, assign
from revtrack.grouping.stories import (
    RegroupReport,
    group_documents,
    regroup,
)
from revtrack.grouping.unionfind import UnionFind

__all__ = [
    "Assignment",
    "LshIndex",
    "RegroupReport",
    "UnionFind",
    "assign",
    "candidate_pairs",
    "group_documents",
    "prefilter",
    "regroup",
]
