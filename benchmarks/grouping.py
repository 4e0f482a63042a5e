"""Grouping benchmark: revtrack against datasketch, same data, same run.

    python benchmarks/grouping.py                 # 20,000 articles, both pipelines
    python benchmarks/grouping.py --docs 100000 --only revtrack   # memory at scale
    python benchmarks/grouping.py --devcorpus ../shared/devcorpus  # also real revision histories

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
from revtrack.text import cosmetic_normalize  # noqa: E402


def run_revtrack(docs, times=None):
    """revtrack's batch grouping; returns (labels, seconds)."""
    pairs = [(d.headline, d.body) for d in docs]
    start = time.perf_counter()
    labels = group_documents(pairs, times)
    return labels, time.perf_counter() - start


class _Doc:
    def __init__(self, headline: str, body: str, story: str) -> None:
        self.headline, self.body, self.story = headline, body, story


def load_devcorpus(folder: Path) -> tuple[list[_Doc], list[str]]:
    """Real revision histories (see its README): documents as revtrack extracts them, and their times."""
    import json
    from datetime import UTC, datetime

    from revtrack.extract import decode_bytes, extract_articles

    truth = json.loads((folder / "truth.json").read_text())
    docs, times = [], []
    for name in sorted(truth):
        text, _ = decode_bytes(name, (folder / "docs" / name).read_bytes())
        article = extract_articles(text, datetime.now(UTC), name)[1][0]
        docs.append(_Doc(article.headline, article.body, truth[name]["doc_id"]))
        times.append(truth[name]["commit_time"])
    return docs, times


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run_devcorpus(folder: Path, only: str | None) -> None:
    """P/R/F1 of both pipelines on real revision histories (commit times as capture times)."""
    docs, times = load_devcorpus(folder)
    truth = [d.story for d in docs]
    print(f"dev corpus {folder}: {len(docs)} versions of {len(set(truth))} documents")
    for name, fn in (("revtrack", lambda d: run_revtrack(d, times)), ("datasketch", run_datasketch)):
        if only and name != only:
            continue
        labels, secs = fn(docs)
        p, r = pairwise_scores(truth, labels)
        print(f"{name:>10}: {secs:6.2f} s  precision {p:.4f}  recall {r:.4f}  F1 {f1(p, r):.4f}")


def run_datasketch(docs):
    """datasketch MinHash(128) + MinHashLSH(0.5) on word 5-grams; returns (labels, seconds)."""
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    shingles = []
    for d in docs:
        words = cosmetic_normalize(d.body).casefold().split()  # the peer's input: folded words
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
    parser.add_argument(
        "--devcorpus",
        type=Path,
        default=Path(__file__).resolve().parent.parent.parent / "shared" / "devcorpus",
        help="real revision histories to score too (skipped when the folder is missing)",
    )
    args = parser.parse_args()
    if (args.devcorpus / "truth.json").exists():
        run_devcorpus(args.devcorpus, args.only)
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
            f"precision {p:.4f}  recall {r:.4f}  F1 {f1(p, r):.4f}  peak RSS {peak_rss_mb():.0f} MB"
        )
    if len(results) == 2:
        print(f"ratio revtrack/datasketch: {results['revtrack'] / results['datasketch']:.2f}x")


if __name__ == "__main__":
    main()
