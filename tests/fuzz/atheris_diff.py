"""Coverage-guided fuzzing of compare() on *related* texts with atheris.

The extraction harness diffs two halves of a random page, which are unrelated
text; the diff engine's shortcuts (sentence pairing, word-overlap matching,
substitution runs, character-level trimming, moves) only run when two texts
share most of their sentences. Here the fuzzer edits a real seed article: it
drops, duplicates, swaps and rewrites sentences, substitutes and inserts words
(hostile Unicode included) and re-flows whitespace, then both directions are
compared and checked.

Run by hand (not part of the suite):

    python tests/fuzz/atheris_diff.py -max_total_time=300 -timeout=30 diff-corpus/
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from revtrack.diffing import compare
    from revtrack.extract import decode_capture, extract_articles
    from revtrack.text import sentences, tokenize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_page = next(SEEDS.glob("000_*.txt"))
_articles = extract_articles(
    decode_capture(str(_page), _page.read_bytes()), datetime(2025, 8, 12, tzinfo=UTC)
)
BASE = sentences(_articles[1][1].body)
WORDS = [
    "the",
    "US",
    "Washington",
    "\u2019",
    "\u201cquote\u201d",
    "e\u0301",
    "\u4e2d\u6587",
    "\U0001f44d\U0001f3fd",
]
SPACES = [" ", "\n\n", "\n", "  ", "\u00a0", "\t"]


def _edit(fdp: atheris.FuzzedDataProvider) -> str:
    units = list(BASE)
    for _ in range(fdp.ConsumeIntInRange(0, 12)):
        if not units:
            break
        k = fdp.ConsumeIntInRange(0, len(units) - 1)
        how = fdp.ConsumeIntInRange(0, 7)
        if how == 0:
            units.pop(k)
        elif how == 1:
            units.insert(fdp.ConsumeIntInRange(0, len(units)), units[k])
        elif how == 2:
            j = fdp.ConsumeIntInRange(0, len(units) - 1)
            units[k], units[j] = units[j], units[k]
        elif how == 3:
            tokens = tokenize(units[k])
            if tokens:
                tokens[fdp.ConsumeIntInRange(0, len(tokens) - 1)] = fdp.PickValueInList(WORDS)
            units[k] = "".join(tokens)
        elif how == 4:
            tokens = tokenize(units[k])
            tokens.insert(fdp.ConsumeIntInRange(0, len(tokens)), fdp.PickValueInList(WORDS) + " ")
            units[k] = "".join(tokens)
        elif how == 5:
            units[k] = units[k].rstrip() + fdp.PickValueInList(SPACES)
        elif how == 6:
            units.insert(k, fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 80)))
        else:
            units[k] = units[k].replace(" ", fdp.PickValueInList(SPACES), fdp.ConsumeIntInRange(0, 3))
    return "".join(units)


def _check(old: str, new: str) -> None:
    c = compare(old, new)
    assert c.old_text() == old and c.new_text() == new
    for move in c.moves:
        assert move.old.rstrip() == "".join(s.text for s in move.segments if s.op != "+")


def one_input(data: bytes) -> None:
    """Edit the seed article as the bytes say; compare both ways."""
    fdp = atheris.FuzzedDataProvider(data)
    old = "".join(BASE)
    new = _edit(fdp)
    _check(old, new)
    _check(new, old)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
