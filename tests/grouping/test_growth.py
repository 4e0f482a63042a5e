"""A story that grew from a breaking stub into a full report is one story, by every path.

The stub keeps few of the report's words (its share of them), so the sketches'
bands rarely pair the two and the clustering's word floor held them apart; the
headline they share makes them candidates, and the pair rule finds the stub in
the report.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from revtrack.grouping import group_documents
from revtrack.grouping.cluster import LINK_FLOOR, Link, Node, cluster
from revtrack.grouping.identity import same_value_pairs
from revtrack.grouping.openings import opening_words
from revtrack.grouping.stories import regroup
from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.store import Store
from tests.support import rolling_page, versions


def test_the_stub_shares_too_few_words_for_the_bands():
    """The premise: the stub and the report are far below the word floor of clustering."""
    from revtrack.grouping.sketch import document_sketches, estimated_jaccard

    stub, _, full = versions(3)
    values, _ = document_sketches([stub, full])
    assert estimated_jaccard(values[0], values[1]) < LINK_FLOOR


def test_stub_and_report_are_one_story_in_memory_and_apart_from_others():
    docs = versions(3) + versions(4) + versions(5)
    labels = group_documents(docs)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] == labels[5] != labels[0]
    assert labels[6] == labels[7] == labels[8] not in (labels[0], labels[3])


def _edited(stub: tuple[str, str], opening: bool = True) -> tuple[str, str]:
    """The stub under an edited headline; with ``opening``, its first words rewritten too."""
    return ("Breaking: " + stub[0], ("Breaking news, just in. " if opening else "") + stub[1])


def test_headline_edited_stub_is_found_by_its_opening_words():
    """Under an edited headline, a stub of two paragraphs shares no band with its report, but
    it opens with the report's first words: those make the pair a candidate."""
    stub, _, full = versions(3)
    assert group_documents([_edited(stub, opening=False), full]) == [0, 0]
    assert group_documents([_edited(stub, opening=False), *versions(4)[2:]]) == [0, 1]


def test_store_joins_a_stub_by_its_opening_words_in_either_order_and_regroup_agrees(tmp_path):
    stub, _, full = versions(3)
    docs = [_edited(stub, opening=False), full, _edited(versions(4)[0]), versions(4)[2]]
    forward = _ingest(tmp_path / "forward.db", tmp_path, docs, [0, 1, 2, 3])
    backward = _ingest(tmp_path / "backward.db", tmp_path, docs, [3, 2, 1, 0])
    assert forward == backward and len(set(forward.values())) == 3  # the rewritten opening: apart
    with Store.open(tmp_path / "forward.db") as store:
        with store.transaction() as conn:
            regroup(store, conn)
        assert dict(store.conn.execute("SELECT id, story_id FROM revisions")) == forward


def test_headline_and_opening_edited_and_stub_alone_is_not_found():
    """What the rule does not reach, pinned so that a change to it shows: a stub whose
    headline and first words were both rewritten is no candidate of its report."""
    stub, _, full = versions(3)
    labels = group_documents([_edited(stub), full])
    assert labels[0] != labels[1]


NEW_LEDE = (
    "Officials confirmed on Wednesday evening that the figures given earlier in the day were"
    " wrong, and promised a full account of what had happened by the end of the week."
)


def _new_top(version: tuple[str, str]) -> tuple[str, str]:
    """The version rewritten as the story developed: a new lede on top, the headline edited."""
    return ("Update: " + version[0], NEW_LEDE + "\n\n" + version[1])


def test_a_stub_under_a_new_lede_is_found_by_its_opening_inside_the_report():
    """The report was written on top of the stub: a new first paragraph and another headline,
    so the two share neither headline nor opening words, and the stub is a small part of the
    report. The stub's opening starts the report's second paragraph: that makes them a
    candidate pair, and the pair rule finds the stub inside."""
    stub, _, full = versions(3)
    assert group_documents([stub, _new_top(full)]) == [0, 0]
    assert group_documents([stub, _new_top(versions(4)[2])]) == [0, 1]


def test_store_finds_an_opening_inside_in_either_order_and_regroup_agrees(tmp_path):
    stub, _, full = versions(3)
    docs = [stub, _new_top(full), versions(4)[0], _new_top(versions(5)[2])]
    forward = _ingest(tmp_path / "forward.db", tmp_path, docs, [0, 1, 2, 3])
    backward = _ingest(tmp_path / "backward.db", tmp_path, docs, [3, 2, 1, 0])
    assert forward == backward and len(set(forward.values())) == 3
    with Store.open(tmp_path / "forward.db") as store:
        with store.transaction() as conn:
            regroup(store, conn)
        assert dict(store.conn.execute("SELECT id, story_id FROM revisions")) == forward


def _ingest(db: Path, tmp_path: Path, docs: list[tuple[str, str]], order: list[int]) -> dict[str, str]:
    for k in order:
        capture = tmp_path / f"v{k}-{db.stem}.jsonl"
        headline, body = docs[k]
        row = {"headline": headline, "body": body, "published": f"2026-03-0{k + 1}T09:00:00Z"}
        capture.write_text(json.dumps(row) + "\n")
        with Store.open(db) as store:
            ingest_paths(store, [capture], IngestOptions(captured_at=CAPTURED))
    with Store.open(db) as store:
        return dict(store.conn.execute("SELECT id, story_id FROM revisions"))


def test_store_groups_the_versions_in_any_order_and_regroup_agrees(tmp_path):
    docs = versions(3) + versions(4)[:1]
    forward = _ingest(tmp_path / "forward.db", tmp_path, docs, [0, 1, 2, 3])
    backward = _ingest(tmp_path / "backward.db", tmp_path, docs, [2, 3, 1, 0])
    assert forward == backward  # story ids too: a story's id is its oldest revision's
    assert len(set(forward.values())) == 2
    with Store.open(tmp_path / "forward.db") as store:
        with store.transaction() as conn:
            regroup(store, conn)
        assert dict(store.conn.execute("SELECT id, story_id FROM revisions")) == forward


def _node(words: set[str]) -> Node:
    from revtrack.grouping.sketch import sketch_values

    return Node(frozenset(), sketch_values(words).astype(np.uint16))


def test_a_verified_pair_under_the_word_floor_joins_but_does_not_chain():
    """A-B and B-C are verified pairs, each far under the floor; A and C share nothing and
    were not verified: B joins one of them, never both."""
    a = {f"a{k}" for k in range(40)}
    c = {f"c{k}" for k in range(40)}
    b = a | c | {f"b{k}" for k in range(200)}
    docs = {"a": _node(a), "b": _node(b), "c": _node(c)}
    edges = {("a", "b"): Link(1.0, True), ("b", "c"): Link(0.99, True)}
    assert cluster(docs, edges) == [["a", "b"], ["c"]]
    # without the pair's own evidence, the floor keeps the two apart
    assert cluster(docs, {}) == [["a"], ["b"], ["c"]]


def test_headline_pairs_skip_blank_and_crowded_headlines():
    from revtrack.grouping import candidates

    assert same_value_pairs(["x", " ", "x", "", " "]).tolist() == [[0, 2]]
    crowded = ["Live updates"] * (candidates.MAX_BUCKET + 1)
    assert same_value_pairs(crowded).size == 0


def test_store_pairs_by_headline_hold_a_new_revision(tmp_path):
    """Incremental look-ups pair the new revisions with every holder of their headline,
    not the stored ones with each other (those pairs were found when they were stored)."""
    from revtrack.grouping.identity import stored_value_pairs

    docs = [("Same", f"text number {k} here") for k in range(3)] + [("Other", "a b c")]
    with Store.open(tmp_path / "s.db") as store:
        capture = tmp_path / "c.jsonl"
        capture.write_text("".join(json.dumps({"headline": h, "body": b}) + "\n" for h, b in docs))
        ingest_paths(store, [capture], IngestOptions())
        ids = {body: rid for rid, body in store.conn.execute("SELECT id, body FROM revisions")}
        same = sorted(ids[f"text number {k} here"] for k in range(3))
        new = ids["text number 2 here"]
        assert (
            store.same_headline_groups(store.conn, [new]) == [same] == store.same_headline_groups(store.conn)
        )
        assert store.same_headline_groups(store.conn, bucket=2) == []
        pairs = stored_value_pairs(store, store.conn, [same], {new})
        assert len(pairs) == 2 and all(new in pair for pair in pairs)
        assert len(stored_value_pairs(store, store.conn, [same])) == 3


def test_one_headline_on_unrelated_texts_makes_no_pair_to_weigh(tmp_path):
    """300 items titled "Untitled" were 44,850 pairs to weigh (999 took 9.8 s to ingest, half a
    second before same-headline candidates); a text that is not inside the other is no candidate."""
    from revtrack.grouping.identity import contained, same_value_pairs
    from revtrack.grouping.sketch import document_sketches

    rng = random.Random(9)
    docs = [("Untitled", " ".join(rng.choice(WORDS) for _ in range(120))) for _ in range(300)]
    values, words = document_sketches(docs)
    pairs = same_value_pairs([h for h, _ in docs])
    assert len(pairs) == 44_850 and contained(values.astype(np.uint16), words, pairs).size == 0
    # while a stub inside its report, under one headline, stays a candidate
    stub, _, full = versions(3)
    values, words = document_sketches([stub, full])
    assert contained(values.astype(np.uint16), words, np.array([[0, 1]])).tolist() == [[0, 1]]


WORDS = [f"{a}{b}{c}{d}" for a in "bdfgklmnprst" for b in "aeiou" for c in "bdfgklmnprst" for d in "aeiou"]


def test_one_address_makes_candidates_whatever_the_headline():
    """A tracked page that grew and changed its headline: its address pairs the versions; a
    site's front page, which holds many stories, pairs none."""
    stub, _, full = versions(3)
    edited = _edited(stub)
    page = "https://example.org/2026/03/01/harbour-fire"
    assert group_documents([edited, full], addresses=[page, page]) == [0, 0]
    assert group_documents([edited, full], addresses=[page, page + "-2"]) == [0, 1]
    assert group_documents([edited, full], addresses=["https://example.org/"] * 2) == [0, 1]


def test_store_pairs_a_known_text_seen_at_a_new_address(tmp_path):
    """Addresses belong to sightings: a text stored before, seen again at the address of
    the report it grew into, joins that report whichever capture came first."""
    stub, _, full = versions(3)
    edited = _edited(stub)
    page = "https://example.org/2026/03/01/harbour-fire"
    captures = [
        [{"headline": edited[0], "body": edited[1], "url": "https://wire.example/stub"}],
        [{"headline": full[0], "body": full[1], "url": page}],
        [{"headline": edited[0], "body": edited[1], "url": page}],  # the same text, at the page
    ]

    first, second = (
        _stories_after(tmp_path / "a", captures, [0, 1, 2]),
        _stories_after(tmp_path / "b", captures, [2, 1, 0]),
    )
    assert first == second and len(set(first.values())) == 1
    without = _stories_after(tmp_path / "c", captures, [0, 1])  # without the sighting at the page: apart
    assert len(set(without.values())) == 2


def test_why_says_what_made_a_pair_and_when_nothing_did(tmp_path):
    """`why` told a stub and its report, never compared, that "matching pairs link them" and
    joining "would put texts that the rule keeps apart in one story": neither was true."""
    from revtrack.grouping.why import explain
    from revtrack.render.why import why_dict, why_text

    stub, half, full = versions(3)
    page = "https://example.org/2026/fire"
    edited = _edited(stub)
    lone = {"headline": edited[0], "body": edited[1]}  # no band, headline, opening or address
    report = {"headline": full[0], "body": full[1], "url": page}
    fuller = {"headline": half[0], "body": half[1], "url": page}

    def why(name: str, a: dict, b: dict):
        capture = tmp_path / f"{name}.jsonl"
        capture.write_text(json.dumps(a) + "\n" + json.dumps(b) + "\n")
        with Store.open(tmp_path / f"{name}.db") as store:
            ingest_paths(store, [capture], IngestOptions())
            ids = {
                (h, t): rid for rid, h, t in store.conn.execute("SELECT id, headline, body FROM revisions")
            }
            return explain(store, ids[(a["headline"], a["body"])], ids[(b["headline"], b["body"])])

    apart = why("apart", lone, report)
    text = why_text(apart)
    assert not apart.together and apart.evidence.same and apart.found_by == ()
    assert "never weighed as a pair" in text and "never compared" in text
    assert "matching pairs link them" not in text
    joined = why("joined", fuller, report)
    assert joined.together
    opening = f'the same opening words ("{opening_words(stub[1])} ...")'
    assert why_dict(joined)["found_by"][-3:] == ["the same headline", opening, f"the address {page}"]
    assert f"the same headline, {opening}, the address {page}" in why_text(joined)
    opened = why("opened", {"headline": "Breaking: " + stub[0], "body": stub[1]}, report)
    assert opened.together and opened.found_by == (opening,)  # no band, no headline, no address
    top = _new_top(full)
    inside = why("inside", {"headline": stub[0], "body": stub[1]}, {"headline": top[0], "body": top[1]})
    said = f'the opening words of one ("{opening_words(stub[1])} ...") start a later paragraph of the other'
    assert inside.together and inside.found_by == (said,)


def test_a_live_page_that_drops_its_oldest_entries_is_one_story_at_its_address(tmp_path):
    """Each capture is a near copy of the one before, the first and the last share nothing:
    the word floor cut the page into five stories. Seen at one address, it is one story;
    without the address, the floor still keeps the ends apart."""
    page = rolling_page()
    url = "https://news.example/live/flooding"
    assert len(set(group_documents(page, addresses=[url] * len(page)))) == 1
    assert len(set(group_documents(page))) > 1

    captures = [[{"headline": h, "body": b, "url": url} for h, b in page[k : k + 10]] for k in (0, 10, 20)]
    forward = _stories_after(tmp_path / "f", captures, [0, 1, 2])
    backward = _stories_after(tmp_path / "b", captures, [2, 0, 1])
    assert forward == backward and len(set(forward.values())) == 1


def test_one_address_lifts_the_word_floor_but_not_the_calendar():
    a = {f"a{k}" for k in range(40)}
    c = {f"c{k}" for k in range(40)}
    b = a | c | {f"b{k}" for k in range(200)}
    page = frozenset({"https://news.example/live"})
    docs = {"a": _node(a), "b": _node(b), "c": Node(frozenset(), _node(c).sketch, page)}
    docs["a"] = Node(frozenset(), docs["a"].sketch, page)
    edges = {("a", "b"): Link(1.0, True), ("b", "c"): Link(0.99, True)}
    assert cluster(docs, edges) == [["a", "b", "c"]]
    dated = dict(docs, a=Node(frozenset({"2026"}), docs["a"].sketch, page))
    dated["c"] = Node(frozenset({"2025"}), docs["c"].sketch, page)
    assert cluster(dated, edges) == [["a", "b"], ["c"]]


def _stories_after(folder: Path, captures: list[list[dict]], order: list[int]) -> dict[str, str]:
    """``{revision: story}`` after ingesting the JSON Lines ``captures`` one by one in ``order``."""
    folder.mkdir()
    for k in order:
        capture = folder / f"{k}.jsonl"
        capture.write_text("".join(json.dumps(row) + "\n" for row in captures[k]))
        with Store.open(folder / "s.db") as store:
            # one capture time for all: a story's id (its oldest revision) must not depend on
            # the order the files were written in (their modification times)
            ingest_paths(store, [capture], IngestOptions(captured_at=CAPTURED))
    with Store.open(folder / "s.db") as store:
        return dict(store.conn.execute("SELECT id, story_id FROM revisions"))


CAPTURED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_short_item_updated_with_a_name_is_one_story_and_two_different_names_are_two():
    """A short item (under 50 words) must share its facts with the other: an update that adds a
    name to a version that named none had a fact overlap of 0 and was a story of its own
    (found on two versions of a broadcast's captions). A fact a version adds contradicts
    nothing; two different facts still part two items."""
    from revtrack.grouping.docs import make_docs
    from revtrack.grouping.evidence import weigh

    first = (
        "Good evening. The city council voted tonight to close the old ferry pier for two years. Engineers"
        " found that the timber piles under the waiting room had rotted through. Traders asked for a walkway."
    )
    update = first.replace("two years.", "three years. Our reporter Jane Doe was there.")
    other = first.replace("Traders asked", "Mayor Bo Li asked").replace("two years", "a year")
    named = first.replace("Traders asked", "Mayor Ann Roe asked")
    a, b, c, d = make_docs([("Bulletin", text, None) for text in (first, update, other, named)])
    assert weigh(a, b).same, weigh(a, b).reason
    assert not weigh(c, d).same, weigh(c, d).reason  # Bo Li against Ann Roe, a year against two
