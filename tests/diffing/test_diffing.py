"""The diff engine: exact reconstruction, word-aligned hunks, moves, cosmetics, seeds."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revtrack import compare
from revtrack.comparison import DELETE, EQUAL, INSERT
from revtrack.extract import decode_capture, extract_articles
from revtrack.text import tokenize

ALPHABET = st.sampled_from(
    list("abcdeXYZ019 .,;!?'\"-\n\t")
    + [
        "\u2018",
        "\u2019",
        "\u201c",
        "\u201d",
        "\u2014",
        "\u00e9",
        "e\u0301",
        "\u4e2d",
        "\u6587",
        "\U0001f600",
        "\U0001f44d\U0001f3fd",
        "\U0001f468\u200d\U0001f469",
        "\U00020000",
        "\u0645",
        "\u200f",
    ]
)
TEXT = st.lists(ALPHABET, max_size=80).map("".join)
WORDS = st.lists(
    st.sampled_from(
        [
            "alpha",
            "beta",
            "gamma",
            "delta",
            "Seoul",
            "28,500",
            "\u00e9t\u00e9",
            "\u4e2d",
            "\U0001f600",
            ".",
            ",",
            " ",
            "\n\n",
            "\u2014",
        ]
    ),
    max_size=60,
).map("".join)


def boundaries(text: str) -> set[int]:
    """Offsets between tokens (and both ends) of a text."""
    out, pos = {0}, 0
    for tok in tokenize(text):
        pos += len(tok)
        out.add(pos)
    return out


def assert_well_formed(old: str, new: str) -> None:
    c = compare(old, new)
    assert c.old_text() == old
    assert c.new_text() == new
    assert "".join(t for op, t in c.ops if op in (EQUAL, DELETE)) == old
    assert "".join(t for op, t in c.ops if op in (EQUAL, INSERT)) == new
    old_b, new_b = boundaries(old), boundaries(new)
    o = n = 0
    for seg in c.segments:
        if seg.op == EQUAL:
            o += len(seg.text)
            n += len(seg.text)
        elif seg.op == DELETE:
            assert o in old_b and o + len(seg.text) in old_b, (old, new, seg)
            o += len(seg.text)
        else:
            assert n in new_b and n + len(seg.text) in new_b, (old, new, seg)
            n += len(seg.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_arbitrary_unicode_rebuilds_and_aligns(old, new):
    assert_well_formed(old, new)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_wordy_text_rebuilds_and_aligns(old, new):
    assert_well_formed(old, new)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_against_itself_has_no_change(text):
    c = compare(text, text)
    assert not c.stats.wording_changed
    assert all(op == EQUAL for op, _ in c.ops)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_any_text_rebuilds(old, new):
    c = compare(old, new)
    assert (c.old_text(), c.new_text()) == (old, new)


SENTENCES = [
    "The council approved the harbor budget late on Monday night.",
    "Union leaders said the vote was a fair compromise for members.",
    "Construction of the northern terminal will begin in March.",
    "Officials expect the project to add nine hundred jobs.",
    "A rail spur will link the quay to the freight yard.",
    "Critics warned that the seawall would not be high enough.",
    "The mayor is expected to sign the plan within a week.",
    "Residents will be able to comment at a meeting in April.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.permutations(SENTENCES),
    st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["drop", "edit", "dup"])), max_size=4),
    st.sampled_from([" ", "\n\n", "\n"]),
)
def test_sentences_moved_edited_dropped_rebuild(order, edits, joiner):
    old = joiner.join(SENTENCES)
    new_units = list(order)
    for k, how in edits:
        k %= len(new_units) or 1
        if not new_units:
            break
        if how == "drop":
            new_units.pop(k)
        elif how == "edit":
            new_units[k] = new_units[k].replace("the", "a", 1)
        else:
            new_units.insert(k, new_units[k])
    new = joiner.join(new_units)
    assert_well_formed(old, new)
    assert_well_formed(new, old)


def test_more_than_65536_distinct_tokens():
    old = " ".join(f"w{i}" for i in range(70_000))
    new = old.replace("w123 ", "changed ").replace("w69998", "last")
    c = compare(old, new)
    assert (c.old_text(), c.new_text()) == (old, new)
    assert c.stats.words_changed == 2


def test_moved_sentence_is_a_move_with_its_own_diff():
    a = (
        "The council approved the harbor budget late on Monday night. Beta two followed quickly after that. "
        "Gamma three closed the day for everyone."
    )
    b = (
        "Beta two followed quickly after that. Gamma three closed the day for everyone. "
        "The council approved the harbor budget late on Monday night."
    )
    c = compare(a, b)
    assert c.stats.sentences_moved == 1
    assert c.stats.words_added == c.stats.words_deleted == 0
    moved = [s for s in c.segments if s.move is not None]
    assert {s.op for s in moved} == {DELETE, INSERT}
    edited = b.replace("Monday night", "Tuesday night")
    c2 = compare(a, edited)
    assert c2.stats.sentences_moved == 1
    (move,) = c2.moves
    assert [(s.op, s.text) for s in move.segments if s.op != EQUAL] == [("-", "Monday"), ("+", "Tuesday")]


def test_chinese_and_japanese_sentences_end_at_their_full_stops():
    """。！？ end a sentence with no space after them: a Japanese paragraph is three
    sentences, one moved and one edited, not one paragraph-long edited "sentence"."""
    from revtrack.diffing import sentence_links
    from revtrack.text import sentences

    old = "市議会は月曜日、新しい交通予算を承認した。計画は市長の署名を待つ。反対派は検証を求めた！"
    new = "計画は市長の署名を待つ。市議会は月曜日、新しい交通予算を承認した。反対派は独立した検証を求めた！"
    assert len(sentences(old)) == 3
    c, links = sentence_links(old, new)
    assert (c.stats.sentences_moved, c.stats.sentences_edited) == (1, 1)
    assert (c.old_text(), c.new_text()) == (old, new)
    assert sorted(label for label, _, _ in links) == ["Edit", "Refactor", "Unchanged"]
    # a closing quote stays with its sentence; Chinese too
    assert sentences("他说：“好。”然后离开了。") == ["他说：“好。”", "然后离开了。"]


def test_cosmetic_changes_are_marked_apart():
    c = compare("He said \u201cyes\u201d \u2014 twice.", 'He said "yes" - twice.')
    assert not c.stats.wording_changed
    assert c.stats.cosmetic_changes >= 2
    assert all(s.cosmetic for s in c.segments if s.op != EQUAL)


def _seed_article(prefix: str, pos: int, seeds_dir):
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    text = decode_capture(str(path), path.read_bytes())
    return extract_articles(text, datetime(2025, 8, 12, tzinfo=UTC))[1][pos]


def test_alliance_pair_word_level_hunks(seeds_dir):
    old = _seed_article("000", 1, seeds_dir)  # "defer details on"
    new = _seed_article("000", 0, seeds_dir)  # "outline"
    c = compare(old.body, new.body)
    changes = []
    segs = c.segments
    for k in range(len(segs) - 1):
        if segs[k].op == DELETE and segs[k + 1].op == INSERT:
            changes.append((segs[k].text, segs[k + 1].text))
    assert ("the US", "Washington") in changes
    assert ("showed", "shown") in changes
    assert ("readiness posture", "military readiness") in changes
    assert c.stats.similarity > 0.9
    head = compare(old.headline, new.headline)
    assert head.stats.wording_changed


def test_flat_and_paragraphed_copies_differ_only_cosmetically(seeds_dir):
    flat = _seed_article("000", 0, seeds_dir)
    paragraphed = _seed_article("002", 0, seeds_dir)
    assert "\n" not in flat.body and "\n\n" in paragraphed.body  # one flat, one in paragraphs
    c = compare(flat.body, paragraphed.body)
    assert not c.stats.wording_changed
    assert c.stats.cosmetic_changes > 0
