"""Grouping benchmark: revtrack against datasketch, same data, same run.

    python benchmarks/grouping.py                 # 20,000 articles, both pipelines
    python benchmarks/grouping.py --docs 100000 --only revtrack   # memory at scale

Both pipelines go end to end from (headline, body) strings to story labels:
normalise, shingle, sketch, LSH candidates, and (revtrack) verification and
union-find. datasketch is the usual recipe: word 5-gram shingles, MinHash with
num_perm=128 built with ``MinHash.bulk``, ``MinHashLSH(threshold=0.5)``, every
query result linked (datasketch has no verification step). Prints docs/s, the
ratio, pairwise precision/recall against the generator's truth, and peak RSS.
datasketch is a benchmark-only dependency (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate, pairwise_scores  # noqa: E402
from revtrack.grouping import UnionFind, group_documents  # noqa: E402
from revtrack.text import fingerprint_normalize  # noqa: E402


def run_revtrack(docs):
    """revtrack's batch grouping; returns (labels, seconds)."""
    pairs = [(d.headline, d.body) for d in docs]
    start = time.perf_counter()
    labels = group_documents(pairs)
    return labels, time.perf_counter() - start


def run_datasketch(docs):
    """datasketch MinHash(128) + MinHashLSH(0.5) on word 5-grams; returns (labels, seconds)."""
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    shingles = []
    for d in docs:
        words = fingerprint_normalize(d.body).split()
        grams = {" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))}
        shingles.append(list(grams))
    sketches = MinHash.bulk(shingles, num_perm=128)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    uf = UnionFind()
    with lsh.insertion_session() as session:
        for i, m in enumerate(sketches):
            session.insert(i, m)
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            uf.union(i, j)
    labels = [uf.find(i) for i in range(len(docs))]
    return labels, time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="about this many articles")
    parser.add_argument("--only", choices=["revtrack", "datasketch"], default=None)
    args = parser.parse_args()
    # the generator yields ~1.37 documents per story (versions, templated groups)
    t0 = time.perf_counter()
    docs = generate(n_stories=int(args.docs / 1.37), seed=11)
    gen_s = time.perf_counter() - t0
    truth = [d.story for d in docs]
    words = sum(len(d.body.split()) for d in docs) / len(docs)
    print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"corpus: {len(docs)} articles, {len(set(truth))} stories, {words:.0f} words/article")
    print(f"corpus generation: {gen_s:.1f} s; RSS after generation {peak_rss_mb():.0f} MB")
    results = {}
    for name, fn in (("revtrack", run_revtrack), ("datasketch", run_datasketch)):
        if args.only and name != args.only:
            continue
        labels, secs = fn(docs)
        p, r = pairwise_scores(truth, labels)
        results[name] = len(docs) / secs
        print(
            f"{name:>10}: {secs:6.2f} s  {len(docs) / secs:8.0f} docs/s  "
            f"precision {p:.4f}  recall {r:.4f}  peak RSS {peak_rss_mb():.0f} MB"
        )
    if len(results) == 2:
        print(f"ratio revtrack/datasketch: {results['revtrack'] / results['datasketch']:.2f}x")


if __name__ == "__main__":
    main()
