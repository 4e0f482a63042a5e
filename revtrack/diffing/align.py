"""Sentence level: patience alignment of sentence keys, moved sentences, and their placement."""

from __future__ import annotations

from revtrack.comparison import DELETE, EQUAL, INSERT
from revtrack.diffing.anchors import common_ends, unique_anchors
from revtrack.diffing.engine import Runs, diff_units
from revtrack.diffing.words import Part
from revtrack.text import CharMap

# Sentences moved with small edits still count as moves above this word overlap.
MOVE_SIMILARITY = 0.7
MOVE_MIN_WORDS = 5
#: An edge (first or last three words) that more inserted sentences than this share
#: says little about which of them moved ("The council said", a live blog's "Posted
#: at 9:30"): it finds no candidates, so each sentence is compared with at most
#: twice this many. 4,000 rewritten sentences under one such opening took 16 s,
#: each compared with every other; on the 1,870 pairs of the speed work the most
#: crowded edge had 51 sentences, and a near move was found through it.
CROWDED_EDGE = 64
# Keys are cosmetically folded already (quotes are '), so ASCII punctuation is
# all that stands between words.
_PUNCT_TO_SPACE = CharMap(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " "))  # string.punctuation

#: ``{("-", old index) or ("+", new index): move id}``
MoveMap = dict[tuple[str, int], int]


def align(old_keys: list[str], new_keys: list[str]) -> Runs:
    """Patience alignment of sentence keys into ``(op, count)`` runs.

    Keys that occur once on each side anchor the alignment (longest increasing
    run); the gaps between anchors, small in practice, are aligned by
    diff-match-patch. Much faster than one pass over everything when many
    sentences changed.

    >>> align(["a", "b", "c"], ["a", "x", "c"])
    [('=', 1), ('-', 1), ('+', 1), ('=', 1)]
    """
    # Equal keys at both ends (most of a lightly edited document) need no search.
    head, tail = common_ends(old_keys, new_keys)
    runs: Runs = [(EQUAL, head)] if head else []
    middle_old, middle_new = old_keys[head : len(old_keys) - tail], new_keys[head : len(new_keys) - tail]
    runs += _align_middle(middle_old, middle_new)
    if tail:
        runs.append((EQUAL, tail))
    return runs


def _align_middle(old_keys: list[str], new_keys: list[str]) -> Runs:
    """:func:`align` between the equal ends: anchors, then each gap."""
    runs: Runs = []
    i = j = 0
    for ai, bj in [*unique_anchors(old_keys, new_keys), (len(old_keys), len(new_keys))]:
        if ai > i or bj > j:
            gap_a, gap_b = old_keys[i:ai], new_keys[j:bj]
            if gap_a == gap_b:  # repeated keys between anchors, unchanged
                runs.append((EQUAL, len(gap_a)))
            elif not gap_a or not gap_b or set(gap_a).isdisjoint(gap_b):
                # nothing shared: all replaced, without a search
                runs.extend(
                    ([(DELETE, len(gap_a))] if gap_a else []) + ([(INSERT, len(gap_b))] if gap_b else [])
                )
            else:
                runs.extend(diff_units(gap_a, gap_b, cleanup=False))
        if ai < len(old_keys):
            runs.append((EQUAL, 1))
        i, j = ai + 1, bj + 1
    return runs


def _move_words(key: str) -> list[str]:
    return _PUNCT_TO_SPACE.apply(key.casefold()).split()


Blocks = list[tuple[list[int], list[int]]]


def exact_moves(blocks: Blocks, old_keys: list[str], new_keys: list[str]) -> MoveMap:
    """Pair deleted and inserted sentences with equal keys that sit in *different* blocks.

    >>> exact_moves([([0], []), ([], [1])], ["The allies met.", "x"], ["y", "The allies met."])
    {('-', 0): 0, ('+', 1): 0}
    """
    by_key: dict[str, list[tuple[int, int]]] = {}
    for b, (_, news) in enumerate(blocks):
        for j in news:
            if new_keys[j]:
                by_key.setdefault(new_keys[j], []).append((b, j))
    pairs: MoveMap = {}
    if not by_key:
        return pairs
    used: set[int] = set()
    # per key, where its first unused candidate may be: the used ones before it are not
    # looked at again (8,000 copies of one sentence were 32 million steps)
    first_unused: dict[str, int] = {}
    for b, (olds, _) in enumerate(blocks):
        for i in olds:
            key = old_keys[i]
            candidates = by_key.get(key, ()) if key else ()
            start = first_unused.get(key, 0)
            while start < len(candidates) and candidates[start][1] in used:
                start += 1
            first_unused[key] = start
            for k in range(start, len(candidates)):
                bj, j = candidates[k]
                if bj != b and j not in used:
                    used.add(j)
                    pairs[("-", i)] = pairs[("+", j)] = len(pairs) // 2
                    break
    return pairs


def near_moves(blocks: Blocks, old_keys: list[str], new_keys: list[str], moves: MoveMap) -> MoveMap:
    """Add near-identical moves (word Jaccard >= 0.7) to ``moves``, sentences in different blocks.

    Candidates share their first or last three words: an index, not an
    all-pairs scan, so long articles stay fast. ``blocks`` are the ones whose
    sentences did not pair up with similar ones in place; move ids continue
    after those already in ``moves``.
    """
    pairs = dict(moves)
    # index the inserted sentences by their first and last three words (cheap
    # whitespace splits of the folded keys); word sets only for candidates
    by_edge: dict[str, list[tuple[int, int]]] = {}
    for b, (_, news) in enumerate(blocks):
        for j in news:
            if ("+", j) not in pairs:
                for edge in _edges(new_keys[j]):
                    by_edge.setdefault(edge, []).append((b, j))
    by_edge = {edge: found for edge, found in by_edge.items() if len(found) <= CROWDED_EDGE}
    if not by_edge:
        return pairs
    new_sets: dict[int, set[str]] = {}  # word sets, built once per candidate
    old_sets: dict[int, set[str]] = {}

    def words_of(keys: list[str], cache: dict[int, set[str]], n: int) -> set[str]:
        if n not in cache:
            cache[n] = set(_move_words(keys[n]))
        return cache[n]

    def edited_in_place(
        words: set[str], keys: list[str], cache: dict[int, set[str]], sides: list[int]
    ) -> bool:
        # a sentence with a close match in its own block was edited where it stands, not moved
        # (a text that repeats a sentence would otherwise pair it with the other copy's edit)
        return any(_similar(words, words_of(keys, cache, n)) for n in sides if _edges(keys[n]))

    for b, (olds, _) in enumerate(blocks):
        for i in olds:
            if ("-", i) in pairs:
                continue
            old_set: set[str] | None = None
            for edge in _edges(old_keys[i]):
                for bj, j in by_edge.get(edge, ()):
                    if bj == b or ("+", j) in pairs:
                        continue
                    if old_set is None:
                        old_set = words_of(old_keys, old_sets, i)
                    new_set = words_of(new_keys, new_sets, j)
                    if not _similar(old_set, new_set):
                        continue
                    if edited_in_place(old_set, new_keys, new_sets, blocks[b][1]) or edited_in_place(
                        new_set, old_keys, old_sets, blocks[bj][0]
                    ):
                        continue
                    pairs[("-", i)] = pairs[("+", j)] = len(pairs) // 2
                    break
                else:
                    continue
                break
    return pairs


def _similar(a: set[str], b: set[str]) -> bool:
    """Two sentences' word sets close enough for a move (word Jaccard >= MOVE_SIMILARITY)."""
    return len(a & b) >= MOVE_SIMILARITY * len(a | b)


def _edges(key: str) -> tuple[str, ...]:
    """Index keys for a sentence of at least MOVE_MIN_WORDS words: its first and last three.

    >>> _edges("The Allies met in Seoul today.")
    ('<the allies met', '>in seoul today.')
    """
    chunks = key.casefold().split()
    if len(chunks) < MOVE_MIN_WORDS:
        return ()
    return "<" + " ".join(chunks[:3]), ">" + " ".join(chunks[-3:])


Marks = list[tuple[int, Part]]


def place_moves(block: list[Part], old_marks: Marks, new_marks: Marks) -> list[Part]:
    """Insert moved-sentence parts at their offsets in the old and new sides of a block.

    Offsets count characters of the block's own side (moved sentences excluded);
    a part that spans an offset is split there, so both sides rebuild exactly.
    """
    out: list[Part] = []
    old_pos = new_pos = 0
    olds, news = list(old_marks), list(new_marks)

    def flush() -> None:
        while olds and olds[0][0] <= old_pos:
            out.append(olds.pop(0)[1])
        while news and news[0][0] <= new_pos:
            out.append(news.pop(0)[1])

    for op, text, cosmetic, move in block:
        while text:
            flush()
            # characters of this part before the next mark on the sides it belongs to
            room = len(text)
            if op != INSERT and olds:
                room = min(room, olds[0][0] - old_pos)
            if op != DELETE and news:
                room = min(room, news[0][0] - new_pos)
            room = max(room, 1)
            out.append((op, text[:room], cosmetic, move))
            if op != INSERT:
                old_pos += room
            if op != DELETE:
                new_pos += room
            text = text[room:]
    flush()
    out.extend(m for _, m in olds)
    out.extend(m for _, m in news)
    return out
