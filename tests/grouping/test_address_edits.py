"""An item edited at its own address is one story, even when the edit replaced half its words.

Found on a real edit recorded by Mastodon.py's tests (``benchmarks/posts.py``): "the best
editor? why, of course it is VS Code" became "... the KDE Advanced Text Editor, Kate" at
the same status address, and the pair rule called it "rewritten and few words shared"
(runs 40%, words 0.33): two stories. The address and the kept first words now make it
one; another story at a reused address starts with other words and stays apart.
"""

from __future__ import annotations

import json

import pandas as pd

from revtrack.grouping import group_documents
from revtrack.grouping.docs import make_doc
from revtrack.grouping.evidence import weigh
from tests.support import cli

POST = "https://social.example/@harbour/117440831413709748"
BEFORE = ("the best editor? why, of course it is VS Code", "the best editor? why, of course it is VS Code")
AFTER = (
    "the best editor? why, of course it is the KDE Advanced Text Editor, Kate",
    "the best editor? why, of course it is the KDE Advanced Text Editor, Kate",
)
OTHER = ("Ferry crossings resume at noon", "Ferry crossings resume at noon after the pier was inspected.")


def test_an_edit_at_one_address_is_one_story_and_the_words_alone_are_not_enough():
    assert group_documents([BEFORE, AFTER]) == [0, 1]
    assert group_documents([BEFORE, AFTER], addresses=[POST, POST]) == [0, 0]
    # a reused address: another story opens with other words
    assert group_documents([BEFORE, OTHER], addresses=[POST, POST]) == [0, 1]
    evidence = weigh(make_doc(*BEFORE, None, [POST]), make_doc(*AFTER, None, [POST]))
    assert evidence.same and evidence.reason == (
        f"one address ({POST}) and the same first five words: one item edited"
    )


def test_the_headline_calendar_still_parts_two_items_at_one_address():
    """A daily page at one address ("Briefing, March 5" / "March 6") opens alike every day."""
    first = ("Morning briefing, March 5", "Good morning. Here is what you need to know about the port.")
    second = (
        "Morning briefing, March 6",
        "Good morning. Here is what you need to know about the rail strike.",
    )
    page = "https://news.example/briefing"
    assert group_documents([first, second], addresses=[page, page]) == [0, 1]


def test_ingest_regroup_why_and_the_batch_agree(tmp_path):
    db = tmp_path / "s.db"
    for k, (_, body) in enumerate((BEFORE, AFTER)):
        path = tmp_path / f"status{k}.jsonl"
        path.write_text(
            json.dumps({"created_at": f"2026-10-14T19:0{k}:00Z", "content": body, "url": POST}) + "\n"
        )
        assert cli(db, "ingest", "--captured-at", f"2026-10-14T19:0{k}:30", str(path)).exit_code == 0
    [story] = json.loads(cli(db, "stories", "--json").output)
    assert story["revisions"] == 2
    assert cli(db, "regroup").exit_code == 0
    [story] = json.loads(cli(db, "stories", "--json").output)
    assert story["revisions"] == 2
    [first, second] = [r["id"] for r in json.loads(cli(db, "log", story["id"], "--json").output)]
    assert "one item edited" in cli(db, "why", first, second).output

    from revtrack.batch.graph import verified

    row = {"a": 0, "b": 1, "id_a": "x", "id_b": "y", "when_a": None, "when_b": None}
    row |= {"headline_a": BEFORE[0], "body_a": BEFORE[1], "headline_b": AFTER[0], "body_b": AFTER[1]}
    pairs = pd.DataFrame([row | {"addresses_a": POST, "addresses_b": POST}])
    assert len(verified(pairs)) == 1
    assert len(verified(pd.DataFrame([row | {"addresses_a": "", "addresses_b": ""}]))) == 0


def test_figures_edited_at_the_start_keep_half_the_words_and_a_long_text_proves_nothing():
    """The post's first words changed with its figures; half its words stay. A short text
    finds half its words in any long one, so the lengths must be close."""
    first = ("Update: 2 killed", "Update: 2 killed in Odesa strike, governor says.")
    second = ("Update: 5 killed", "Update: 5 killed, 12 injured in Odesa strike.")
    link = "https://t.me/c/1234567890/103"
    assert group_documents([first, second]) == [0, 1]
    assert group_documents([first, second], addresses=[link, link]) == [0, 0]
    long_report = (
        "Odesa",
        " ".join(f"Paragraph {k} on the strike in Odesa, governor says more." for k in range(60)),
    )
    assert group_documents([first, long_report], addresses=[link, link]) == [0, 1]
