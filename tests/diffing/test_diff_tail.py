"""The diff's long tail: structural edits stay bounded in the work they cause.

Real revisions rewrite a section, reorder a list, edit a code block, or touch a
word here and there through a long document. Each case here bounds how much
work reaches diff-match-patch's bisect (O(N*D), in C++ or in Python) and the native LCS,
counted in token pairs, not in time: the machine is shared, the count is not.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from revtrack import compare
from revtrack.diffing import engine

WORDS = (
    "minister council budget river school police report city court health board vote plan year "
    "week said would could after before under over about against during people state government "
    "officials market price water energy housing transport election campaign"
).split()


def sentence(rng: random.Random, words: int | None = None) -> str:
    """A sentence of news-like words ending in a number, so sentences differ."""
    picked = [rng.choice(WORDS) for _ in range(words or rng.randint(8, 22))]
    return " ".join([picked[0].capitalize(), *picked[1:]]) + f" {rng.randint(1, 9999)}."


def paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(4)) for _ in range(count)]


class Work:
    """Token pairs each diff-match-patch call and each native LCS was given."""

    def __init__(self) -> None:
        self.dmp: list[tuple[int, int]] = []
        self.native: list[tuple[int, int]] = []

    def dmp_pairs(self) -> int:
        return max((a * b for a, b in self.dmp), default=0)


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    seen = Work()
    diff_main, native = engine.diff_main, engine._native_diffs

    def counting_diff_main(a: str, b: str):  # each search, as big as it starts
        seen.dmp.append((len(a), len(b)))
        return diff_main(a, b)

    def counting_native(a: str, b: str):
        seen.native.append((len(a), len(b)))
        return native(a, b)

    monkeypatch.setattr(engine, "diff_main", counting_diff_main)
    monkeypatch.setattr(engine, "_native_diffs", counting_native)
    yield seen


def check(old: str, new: str):
    comparison = compare(old, new)
    assert (comparison.old_text(), comparison.new_text()) == (old, new)
    return comparison


def test_rewritten_section_goes_to_the_native_lcs_not_bisect(work: Work) -> None:
    rng = random.Random(7)
    paras = paragraphs(rng, 40)
    rewritten = [*paras[:10], *paragraphs(rng, 6), *paras[16:]]
    comparison = check("\n\n".join(paras), "\n\n".join(rewritten))
    assert comparison.stats.sentences_edited + comparison.stats.sentences_added >= 20
    # the rewritten block (about 600 words a side) is one LCS, never a bisect
    assert work.dmp_pairs() <= engine.NATIVE_LCS
    assert sum(a * b for a, b in work.native) <= engine.BIG_BLOCK
    assert sum(a + b for a, b in work.dmp) < 2_000  # what is left: small gaps


def test_reordered_list_is_moves_without_any_token_diff(work: Work) -> None:
    rng = random.Random(8)
    items = [f"- {sentence(rng, 6)}" for _ in range(30)]
    shuffled = list(items)
    rng.shuffle(shuffled)
    comparison = check("Intro.\n\n" + "\n".join(items), "Intro.\n\n" + "\n".join(shuffled))
    assert comparison.stats.sentences_moved >= 15
    assert comparison.stats.words_changed == 0
    assert work.dmp == [] and work.native == []


def test_edited_code_block_marks_the_edited_lines_only(work: Work) -> None:
    code = [f"    value_{k} = compute(row, {k})" for k in range(80)]
    edited = list(code)
    for k in (5, 17, 40, 63):
        edited[k] = edited[k].replace("compute", "evaluate")
    edited[30:30] = ["    def helper(x):", "        return x * 2"]
    comparison = check(
        "Before.\n\n" + "\n".join(code) + "\n\nAfter.", "Before.\n\n" + "\n".join(edited) + "\n\nAfter."
    )
    deleted = [s.text for s in comparison.segments if s.op == "-"]
    assert deleted == ["compute"] * 4
    assert work.dmp_pairs() <= engine.NATIVE_LCS and work.native == []


def test_long_document_with_scattered_edits_diffs_only_the_edited_sentences(work: Work) -> None:
    rng = random.Random(9)
    long = paragraphs(rng, 120)  # about 7,500 words
    edited = list(long)
    for k in range(0, 120, 4):
        words = edited[k].split(" ")
        words[rng.randrange(len(words) - 1)] = "changed"  # not the last word: sentence ends stay
        edited[k] = " ".join(words)
    comparison = check("\n\n".join(long), "\n\n".join(edited))
    assert comparison.stats.words_changed >= 25
    # each edited sentence is paired and diffed alone: a few hundred tokens in all
    assert len(work.dmp) <= 2 * 30 and sum(a + b for a, b in work.dmp) <= 1_000
    assert work.native == []


def test_heavily_edited_paragraph_goes_to_the_native_lcs(work: Work) -> None:
    # a real case: a security note whose paragraphs of 40-70 words were rewritten
    # with half their words changed (blocks of 70-140 tokens a side); bisect took
    # 1-1.5 ms on each, about 12,000 token pairs
    rng = random.Random(10)
    paragraph = [rng.choice(WORDS) for _ in range(50)]
    edited = [rng.choice(WORDS) if rng.random() < 0.5 else w for w in paragraph]
    edited[20:20] = [rng.choice(WORDS) for _ in range(10)]
    old = "Intro.\n\n" + " ".join(paragraph) + " end.\n\nOutro."
    new = "Intro.\n\n" + " ".join(edited) + " end.\n\nOutro."
    check(old, new)
    assert work.native, "the paragraph's tokens were aligned natively"
    assert work.dmp_pairs() <= 2_000  # what bisect is still given: small gaps only
