"""facts_changed: numbers, dates and names that a change adds, removes or replaces are flagged
in the figures and marked on their segments, so every output can set them apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revtrack.comparison import DELETE, EQUAL, INSERT
from revtrack.diffing import compare, compare_revisions
from revtrack.render.lines import spans


def _facts(old: str, new: str) -> tuple[int, list[tuple[str, str, str]]]:
    c = compare(old, new)
    marked = [(s.op, s.text[a:b], kind) for s in c.segments for a, b, kind in s.facts]
    return c.stats.facts_changed, marked


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Police said 12 people died.",
            "Police said 15 people died.",
            [("-", "12", "number"), ("+", "15", "number")],
        ),
        (
            "The vote was 7-2 on Monday.",
            "The vote was 6-3 on Tuesday.",
            [
                ("-", "7-2", "number"),
                ("+", "6-3", "number"),
                ("-", "Monday", "date"),
                ("+", "Tuesday", "date"),
            ],
        ),
        (
            "The fire began at 9:30 in the kitchen.",
            "The fire began at 10:15 in the kitchen.",
            [("-", "9:30", "date"), ("+", "10:15", "date")],
        ),
        (
            "Two people were hurt in the crash.",
            "Three people were hurt in the crash.",
            [("-", "Two", "number"), ("+", "Three", "number")],
        ),
        (
            "The mayor, John Smith, resigned.",
            "The mayor, Jane Doe, resigned.",
            [("-", "John", "name"), ("-", "Smith", "name"), ("+", "Jane", "name"), ("+", "Doe", "name")],
        ),
    ],
)
def test_a_changed_number_date_or_name_is_a_fact_change(old, new, expected):
    count, marked = _facts(old, new)
    assert count >= 1
    assert sorted(marked) == sorted(expected)


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("Police said 12 people died.", "Police said at least 12 people died.", "the 12 is on both sides"),
        ("Residents may return home.", "Residents may not return home.", "'may' lower case is a verb"),
        ("Officers said the fire spread.", "Firefighters said the fire spread.", "first word of a sentence"),
        ("Council Votes On Harbour Budget", "Council Approves Harbour Budget", "a title-case line"),
        ('He said "it is over" today.', "He said \u201cit is over\u201d today.", "a cosmetic change"),
        ("The storm hit the coast hard.", "The storm hit the coast very hard.", "no fact at all"),
    ],
)
def test_what_is_not_a_fact_change(old, new, why):
    assert _facts(old, new) == (0, []), why


def test_a_moved_sentence_edited_on_the_way_counts_its_fact():
    old = (
        "The council approved the harbor budget late on Monday night. Beta two followed quickly after "
        "that. Gamma three closed the day for everyone."
    )
    new = (
        "Beta two followed quickly after that. Gamma three closed the day for everyone. "
        "The council approved the harbor budget late on Tuesday night."
    )
    c = compare(old, new)
    assert c.stats.sentences_moved == 1 and c.stats.facts_changed == 1
    (move,) = c.moves
    assert [(s.text[a:b], kind) for s in move.segments for a, b, kind in s.facts] == [
        ("Monday", "date"),
        ("Tuesday", "date"),
    ]


def test_revision_figures_add_headline_and_body_facts():
    c = compare_revisions(
        "Storm kills 12", "Twelve died on Monday.", "Storm kills 15", "Fifteen died on Monday."
    )
    assert c.stats.facts_changed == 2


def test_the_terminal_view_sets_facts_apart_inside_their_change():
    c = compare("Police said 12 people died.", "Police said 15 people died.")
    kinds = [(text, kind) for text, kind in spans(c.segments, symbols=True) if kind != "equal"]
    assert kinds == [
        ("[-", "marker"),
        ("12", "fact-delete"),
        ("-]", "marker"),
        ("{+", "marker"),
        ("15", "fact-insert"),
        ("+}", "marker"),
    ]


_words = st.lists(
    st.sampled_from(["the", "Smith", "12", "said", "Monday", "two", "May", "may", ".", "vote", "7-2"]),
    max_size=12,
)


@given(_words, _words)
def test_fact_spans_lie_on_word_edges_of_changed_segments(a, b):
    old, new = " ".join(a), " ".join(b)
    c = compare(old, new)
    assert c.old_text() == old and c.new_text() == new
    with_facts = 0
    for seg in c.segments:
        for start, end, kind in seg.facts:
            assert seg.op in (DELETE, INSERT) and not seg.cosmetic
            assert kind in ("number", "date", "name")
            assert 0 <= start < end <= len(seg.text) and seg.text[start:end].strip() == seg.text[start:end]
        with_facts += bool(seg.facts)
        assert not (seg.op == EQUAL and seg.facts)
    assert (c.stats.facts_changed == 0) <= (with_facts == 0)
