"""Story grouping: seeds, ingest-order independence, merges, the generated corpus."""

from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

import pytest

from revtrack.grouping import group_documents
from revtrack.grouping.docs import features
from revtrack.grouping.evidence import verify_words
from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.store import Store
from revtrack.stories import list_stories, story_revisions

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.corpus import generate, pairwise_scores  # noqa: E402


def partition(store: Store) -> dict[str, list[str]]:
    """``{story id: sorted revision ids}`` of a store."""
    out: dict[str, list[str]] = {}
    for rid, sid in store.conn.execute("SELECT id, story_id FROM revisions"):
        out.setdefault(sid, []).append(rid)
    return {k: sorted(v) for k, v in out.items()}


def test_alliance_pieces_form_one_story_older_first(seeded):
    multi = [s for s in list_stories(seeded) if s.revisions > 1]
    assert len(multi) == 1
    revs = story_revisions(seeded, multi[0].id)
    assert "defer details on" in revs[0].headline
    assert "outline" in revs[1].headline
    assert multi[0].id == revs[0].id  # a story's id is its oldest revision's
    assert multi[0].headline == revs[1].headline  # listed under its latest headline


def test_no_two_different_seed_stories_share_a_group(seeded):
    groups = partition(seeded)
    assert len(groups) == 19
    assert sorted(len(v) for v in groups.values()) == [1] * 18 + [2]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ingest_order_does_not_matter(tmp_path, seeds_dir, seed):
    files = sorted(p for p in seeds_dir.glob("*.txt"))
    with Store.open(tmp_path / "a.db") as reference:
        ingest_paths(reference, [seeds_dir])
        expected = partition(reference)
    order = files[:]
    random.Random(seed).shuffle(order)
    with Store.open(tmp_path / f"shuffled{seed}.db") as store:
        for path in order:
            ingest_paths(store, [path])  # manifest beside each file supplies the time
        assert partition(store) == expected


def _jsonl(path: Path, docs, captured_at="2026-01-01T00:00:00Z"):
    with path.open("w") as fh:
        for d in docs:
            fh.write(json.dumps({"headline": d[0], "body": d[1], "published": d[2]}) + "\n")
    return path


BASE = (
    "The port authority of Velmora approved a 40 million dollar expansion of the northern "
    "container terminal on Tuesday, ending a two-year dispute with the dockworkers union. "
    "Harbor chief Anika Strand said construction would begin in March and add 900 jobs. "
    "The plan includes two new cranes, a rail spur to the Kessel freight yard, and a "
    "seawall rebuilt to withstand the storm surges that flooded the quay in 2023. "
    "Union leader Tomas Breyer called the vote a fair compromise for his 3,000 members."
)


def test_bridging_version_merges_stories_and_older_id_survives(store, tmp_path):
    words = BASE.split()
    half = len(words) // 2
    early = " ".join(words[: half + 10])  # first part of the story
    late = " ".join(words[half - 10 :])  # second part of the story
    ingest_paths(store, [_jsonl(tmp_path / "a.jsonl", [("Port expansion", early, "2026-01-01")])])
    ingest_paths(store, [_jsonl(tmp_path / "b.jsonl", [("Port vote ends dispute", late, "2026-01-03")])])
    before = partition(store)
    if len(before) == 2:  # the halves alone are too different: the full text bridges them
        old_ids = set(before)
        ingest_paths(store, [_jsonl(tmp_path / "c.jsonl", [("Port expansion approved", BASE, "2026-01-02")])])
        after = partition(store)
        assert len(after) == 1
        (story_id,) = after
        assert story_id in old_ids  # the older story's id survives
        other = (old_ids - {story_id}).pop()
        assert story_revisions(store, other[:12])[0].story_id == story_id  # alias still resolves
    else:
        pytest.fail("fixture halves should not match on their own")


def test_short_items_rule():
    short_a = features("Storm closes Velmora port", "The Velmora port closed Friday as a storm hit.")
    short_b = features("Storm closes Velmora port", "The Velmora port closed Friday as a big storm hit.")
    other = features("Kessel yard reopens", "The Kessel yard reopened Friday after the storm.")
    assert verify_words(short_a, short_b)[0]
    assert not verify_words(short_a, other)[0]


def test_shared_quote_does_not_merge():
    quote = (
        '"We will work closely with our partners to ensure a strategically sustainable alliance '
        'that is ready to defend against shared threats," the statement said.'
    )
    a = BASE + " " + quote
    b = (
        "Farmers in the Orrin valley began the earliest wheat harvest in 40 years after a dry "
        "spring, regional officials said, with yields expected to fall by a fifth. Growers "
        "association head Lise Marrow said 120 farms had applied for drought relief. " + quote
    )
    assert group_documents([("Port", a), ("Harvest", b)]) == [0, 1]


@pytest.fixture(scope="module")
def corpus():
    return generate(n_stories=1700, seed=7)


def test_generated_corpus_size_and_shape(corpus):
    assert len(corpus) >= 2000
    counts: dict[int, int] = {}
    for d in corpus:
        counts[d.story] = counts.get(d.story, 0) + 1
    versioned = [c for c in counts.values() if c > 1]
    # 20% of the regular stories (templated ones never get versions): ~15% of all
    assert 0.12 <= len(versioned) / len(counts) <= 0.3
    assert max(versioned) <= 5  # an original plus 1 to 4 later versions


def test_generated_corpus_precision_and_recall(corpus):
    labels = group_documents([(d.headline, d.body) for d in corpus])
    precision, recall = pairwise_scores([d.story for d in corpus], labels)
    assert precision == 1.0
    assert recall >= 0.99


def test_incremental_store_matches_batch(tmp_path, corpus):
    docs = corpus[:240]
    batch = group_documents([(d.headline, d.body) for d in docs])
    with Store.open(tmp_path / "inc.db") as store:
        for n, part in enumerate(docs[i : i + 80] for i in range(0, len(docs), 80)):
            path = tmp_path / f"part{n}.jsonl"
            _jsonl(path, [(d.headline, d.body, None) for d in part])
            report = ingest_paths(store, [path], IngestOptions())
            assert not report.errors
        from revtrack.grouping.fingerprint import revision_id

        story_of = dict(store.conn.execute("SELECT id, story_id FROM revisions").fetchall())
    incremental = [story_of[revision_id(d.headline, d.body)] for d in docs]
    # same partition: two documents share a batch label iff they share a stored story
    for i, j in itertools.combinations(range(len(docs)), 2):
        assert (batch[i] == batch[j]) == (incremental[i] == incremental[j])
