"""Word-level diffs on diff-match-patch: the only module that imports it.

:func:`compare` aligns sentence units first (each hashed to one character under
cosmetic normalisation), detects moved sentences, then word-diffs inside the
changed blocks with every token mapped to one character, ``Diff_Timeout = 0``
and semantic cleanup on the encoded tokens (so no hunk starts or ends inside a
word). Segments whose two sides differ only cosmetically (quotes, dashes,
whitespace, paragraph breaks) are marked ``cosmetic``.
"""

from __future__ import annotations

from collections import Counter

from diff_match_patch import diff_match_patch

from revtrack.comparison import (
    DELETE,
    EQUAL,
    INSERT,
    Comparison,
    Move,
    Segment,
    StatsCounter,
    merge,
)
from revtrack.text import cosmetic_normalize, sentences, tokenize, words

_DMP_OP = {0: EQUAL, -1: DELETE, 1: INSERT}
# Sentences moved with small edits still count as moves above this word overlap.
MOVE_SIMILARITY = 0.7
MOVE_MIN_WORDS = 5


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # a deadline would silently degrade to delete-all/insert-all
    return dmp


class _Codec:
    """Maps units (tokens or sentence keys) to single characters and back."""

    def __init__(self) -> None:
        self.index: dict[str, str] = {}
        self.next = 1

    def encode(self, units: list[str], keys: list[str] | None = None) -> str:
        out = []
        for key in keys if keys is not None else units:
            ch = self.index.get(key)
            if ch is None:
                code = self.next
                self.next += 1
                if code >= 0xD800:  # skip the surrogate range; 1.1M distinct units fit
                    code += 0x800
                if code > 0x10FFFF:
                    raise OverflowError("too many distinct tokens")
                ch = self.index[key] = chr(code)
            out.append(ch)
        return "".join(out)


def _diff_units(old: list[str], new: list[str], cleanup: bool, keys=None) -> list[tuple[str, int]]:
    """Diff two unit lists; returns ``(op, count)`` runs over the units."""
    codec = _Codec()
    a = codec.encode(old, keys[0] if keys else None)
    b = codec.encode(new, keys[1] if keys else None)
    dmp = _engine()
    diffs = dmp.diff_main(a, b, False)
    if cleanup:
        dmp.diff_cleanupSemantic(diffs)
    return [(_DMP_OP[op], len(text)) for op, text in diffs]


def word_segments(old: str, new: str, cleanup: bool = True) -> list[Segment]:
    """Word-level diff of two texts; adjacent cosmetic-only changes are marked.

    >>> [(s.op, s.text) for s in word_segments("in the US today", "in Washington today")]
    [('=', 'in '), ('-', 'the US'), ('+', 'Washington'), ('=', ' today')]
    """
    if old == new:
        return [Segment(EQUAL, old)] if old else []
    a, b = tokenize(old), tokenize(new)
    # common prefix and suffix at token level: most edits touch a few words
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    mid_a, mid_b = a[start:end_a], b[start:end_b]
    out: list[Segment] = [Segment(EQUAL, "".join(a[:start]))] if start else []
    if min(len(mid_a), len(mid_b)) <= 1 or (cleanup and max(len(mid_a), len(mid_b)) <= 5):
        # one side changed in at most one token, or both in a few: a single hunk
        # (semantic cleanup would fold any tiny equality inside it back in anyway)
        if mid_a:
            out.append(Segment(DELETE, "".join(mid_a)))
        if mid_b:
            out.append(Segment(INSERT, "".join(mid_b)))
    else:
        try:
            runs = _diff_tokens(mid_a, mid_b, cleanup)
        except OverflowError:
            mid_a, mid_b = list("".join(mid_a)), list("".join(mid_b))
            runs = _diff_tokens(mid_a, mid_b, cleanup)
        i = j = 0
        for op, n in runs:
            if op == EQUAL:
                out.append(Segment(EQUAL, "".join(mid_a[i : i + n])))
                i += n
                j += n
            elif op == DELETE:
                out.append(Segment(DELETE, "".join(mid_a[i : i + n])))
                i += n
            else:
                out.append(Segment(INSERT, "".join(mid_b[j : j + n])))
                j += n
    if end_a < len(a):
        out.append(Segment(EQUAL, "".join(a[end_a:])))
    return _mark_cosmetic(out, refine=cleanup)


#: Above this many token pairs, a block is split on unique shared words first:
#: diff-match-patch's bisect is O(N*D) and two unrelated 8,000-word texts would
#: take seconds.
BIG_BLOCK = 1_000_000
#: A big block without anchors sharing fewer tokens than this is unrelated text.
UNRELATED = 0.3


def _diff_tokens(a: list[str], b: list[str], cleanup: bool) -> list[tuple[str, int]]:
    """Token diff as ``(op, count)`` runs, bounded in time for large, different blocks.

    Small blocks go straight to diff-match-patch. Large ones are cut at words that
    occur once on each side, in the same order (patience anchors), and each piece
    is diffed the same way. A large piece with no anchor and little in common is
    unrelated text: it is reported as replaced, which is what DMP would conclude
    after a long search. Deterministic: no deadline is involved.
    """
    if not a or not b:
        return ([(DELETE, len(a))] if a else []) + ([(INSERT, len(b))] if b else [])
    if len(a) * len(b) <= BIG_BLOCK:
        return _diff_units(a, b, cleanup=cleanup)
    count_a = Counter(a)
    count_b = Counter(b)
    where_b = {t: j for j, t in enumerate(b) if count_b[t] == 1}
    unique = [
        (i, where_b[t]) for i, t in enumerate(a) if count_a[t] == 1 and t in where_b and not t.isspace()
    ]
    anchors = _lis(unique)
    if not anchors:
        shared = sum((count_a & count_b).values())
        if shared < UNRELATED * max(len(a), len(b)):
            return [(DELETE, len(a)), (INSERT, len(b))]
        return _diff_units(a, b, cleanup=cleanup)
    runs: list[tuple[str, int]] = []
    i = j = 0
    for ai, bj in [*anchors, (len(a), len(b))]:
        runs.extend(_diff_tokens(a[i:ai], b[j:bj], cleanup))
        if ai < len(a):
            runs.append((EQUAL, 1))
        i, j = ai + 1, bj + 1
    return runs


def _mark_cosmetic(segs: list[Segment], refine: bool = True) -> list[Segment]:
    """Mark each change hunk (a run of -/+ between equals) that differs only cosmetically."""
    out: list[Segment] = []
    k = 0
    while k < len(segs):
        if segs[k].op == EQUAL:
            out.append(segs[k])
            k += 1
            continue
        end = k
        while end < len(segs) and segs[end].op != EQUAL:
            end += 1
        hunk = segs[k:end]
        old = "".join(s.text for s in hunk if s.op == DELETE)
        new = "".join(s.text for s in hunk if s.op == INSERT)
        cosmetic = cosmetic_normalize(old) == cosmetic_normalize(new)
        if cosmetic and not old.strip() and not new.strip() and (old == "" or new == ""):
            # whitespace appearing where there was none joins two words: not cosmetic
            cosmetic = False
        if cosmetic and refine and len(hunk) > 1:
            # semantic cleanup may have merged words into a quote change: re-diff the
            # hunk token by token so only the characters that changed are marked
            out.extend(
                Segment(s.op, s.text, s.op != EQUAL, s.move) for s in word_segments(old, new, cleanup=False)
            )
        else:
            out.extend(Segment(s.op, s.text, cosmetic, s.move) for s in hunk)
        k = end
    return out


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of pairs increasing in both coordinates (input sorted by the first).

    >>> _lis([(0, 2), (1, 0), (2, 1), (3, 3)])
    [(1, 0), (2, 1), (3, 3)]
    """
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if pairs[tails[mid]][1] < j:
                lo = mid + 1
            else:
                hi = mid
        back[k] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(k)
        else:
            tails[lo] = k
    out: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k != -1:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _align(a_keys: list[str], b_keys: list[str]) -> list[tuple[str, int]]:
    """Patience alignment of sentence keys into ``(op, count)`` runs.

    Keys that occur once on each side anchor the alignment (longest increasing
    run); the gaps between anchors, small in practice, are aligned by
    diff-match-patch. Much faster than one DMP pass when many sentences changed.
    """
    count_a: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for k in a_keys:
        count_a[k] = count_a.get(k, 0) + 1
    for k in b_keys:
        count_b[k] = count_b.get(k, 0) + 1
    where_b = {k: j for j, k in enumerate(b_keys) if count_b[k] == 1}
    unique = [(i, where_b[k]) for i, k in enumerate(a_keys) if count_a[k] == 1 and k in where_b]
    runs: list[tuple[str, int]] = []
    i = j = 0
    for ai, bj in [*_lis(unique), (len(a_keys), len(b_keys))]:
        if ai > i or bj > j:
            gap_a, gap_b = a_keys[i:ai], b_keys[j:bj]
            if not gap_a or not gap_b or set(gap_a).isdisjoint(gap_b):
                # nothing shared: all replaced, without a search
                runs.extend(
                    ([(DELETE, len(gap_a))] if gap_a else []) + ([(INSERT, len(gap_b))] if gap_b else [])
                )
            else:
                runs.extend(_diff_units([], [], cleanup=False, keys=(gap_a, gap_b)))
        if ai < len(a_keys):
            runs.append((EQUAL, 1))
        i, j = ai + 1, bj + 1
    return runs


def _cosmetic_segments(old: str, new: str) -> list[Segment]:
    """Segments for two units known to differ at most cosmetically.

    With as many tokens on each side (a quote glyph or dash swapped), tokens pair
    up one to one and no diff is needed.
    """
    if old == new:
        return [Segment(EQUAL, old)]
    a, b = tokenize(old), tokenize(new)
    if len(a) != len(b):
        return word_segments(old, new)
    out: list[Segment] = []
    for x, y in zip(a, b, strict=True):
        if x == y:
            out.append(Segment(EQUAL, x))
        else:
            out.append(Segment(DELETE, x, cosmetic=True))
            out.append(Segment(INSERT, y, cosmetic=True))
    return out


def _place_moves(
    block: list[Segment], old_marks: list[tuple[int, Segment]], new_marks: list[tuple[int, Segment]]
) -> list[Segment]:
    """Insert moved-sentence segments at their offsets in the old and new sides of a block.

    Offsets count characters of the block's own side (moved sentences excluded);
    a segment that spans an offset is split there, so both sides rebuild exactly.
    """
    out: list[Segment] = []
    old_pos = new_pos = 0
    olds, news = list(old_marks), list(new_marks)

    def flush() -> None:
        while olds and olds[0][0] <= old_pos:
            out.append(olds.pop(0)[1])
        while news and news[0][0] <= new_pos:
            out.append(news.pop(0)[1])

    for seg in block:
        text = seg.text
        while text:
            flush()
            # characters of this segment before the next mark on the sides it belongs to
            room = len(text)
            if seg.op != INSERT and olds:
                room = min(room, olds[0][0] - old_pos)
            if seg.op != DELETE and news:
                room = min(room, news[0][0] - new_pos)
            room = max(room, 1)
            out.append(Segment(seg.op, text[:room], seg.cosmetic, seg.move))
            if seg.op != INSERT:
                old_pos += room
            if seg.op != DELETE:
                new_pos += room
            text = text[room:]
    flush()
    out.extend(m for _, m in olds)
    out.extend(m for _, m in news)
    return out


def _key(unit: str) -> str:
    return cosmetic_normalize(unit)


def _word_list(text: str) -> list[str]:
    return [w.casefold() for w in words(text)]


def _find_moves(
    blocks: list[tuple[list[int], list[int]]],
    old_units: list[str],
    new_units: list[str],
    old_keys: list[str],
    new_keys: list[str],
) -> dict[tuple[str, int], int]:
    """Pair whole deleted and inserted sentences that sit in *different* blocks.

    Returns ``{("-", old index) or ("+", new index): move id}``. Identical
    sentences pair first; then near-identical ones (word Jaccard >= 0.7) among
    sentences that share their first or last three words: an index, not an
    all-pairs scan, so long articles stay fast.
    """
    deleted = [(b, i) for b, (olds, _) in enumerate(blocks) for i in olds if old_keys[i]]
    inserted = [(b, j) for b, (_, news) in enumerate(blocks) for j in news if new_keys[j]]
    if not deleted or not inserted:
        return {}
    pairs: dict[tuple[str, int], int] = {}
    used: set[int] = set()
    by_key: dict[str, list[tuple[int, int]]] = {}
    for b, j in inserted:
        by_key.setdefault(new_keys[j], []).append((b, j))
    leftovers = []
    for b, i in deleted:
        match = next(
            (bj for bj in by_key.get(old_keys[i], []) if bj[0] != b and bj[1] not in used),
            None,
        )
        if match is None:
            leftovers.append((b, i))
            continue
        used.add(match[1])
        pairs[("-", i)] = pairs[("+", match[1])] = len(pairs) // 2
    if not leftovers:
        return pairs
    new_words: dict[int, list[str]] = {}
    by_edge: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for b, j in inserted:
        if j in used:
            continue
        ws = new_words[j] = _word_list(new_units[j])
        if len(ws) >= MOVE_MIN_WORDS:
            by_edge.setdefault(("<", *ws[:3]), []).append((b, j))
            by_edge.setdefault((">", *ws[-3:]), []).append((b, j))
    for b, i in leftovers:
        ws = _word_list(old_units[i])
        if len(ws) < MOVE_MIN_WORDS:
            continue
        old_set = set(ws)
        for bj, j in by_edge.get(("<", *ws[:3]), []) + by_edge.get((">", *ws[-3:]), []):
            if bj == b or j in used:
                continue
            new_set = set(new_words[j])
            if len(old_set & new_set) / len(old_set | new_set) >= MOVE_SIMILARITY:
                used.add(j)
                pairs[("-", i)] = pairs[("+", j)] = len(pairs) // 2
                break
    return pairs


def compare(old: str, new: str) -> Comparison:
    """Compare two texts word by word, sentences aligned first, moves detected.

    Every segment carries a ``cosmetic`` flag; renderers hide or dim those
    (``--ignore-cosmetic``, the TUI's ``c``), so ``ops`` always rebuild both texts.

    >>> c = compare("The allies met. They talked.", "They talked. The allies met.")
    >>> c.old_text(), c.new_text(), c.stats.sentences_moved
    ('The allies met. They talked.', 'They talked. The allies met.', 1)
    """
    old_units, new_units = sentences(old), sentences(new)
    old_keys, new_keys = [_key(u) for u in old_units], [_key(u) for u in new_units]
    runs = _align(old_keys, new_keys)
    # Walk the sentence-level runs into equal stretches and change blocks.
    plan: list[tuple[str, list[int], list[int]]] = []  # ("eq"|"blk", old idx, new idx)
    i = j = 0
    for op, n in runs:
        if op == EQUAL:
            plan.append(("eq", list(range(i, i + n)), list(range(j, j + n))))
            i += n
            j += n
        else:
            if not plan or plan[-1][0] != "blk":
                plan.append(("blk", [], []))
            if op == DELETE:
                plan[-1][1].extend(range(i, i + n))
                i += n
            else:
                plan[-1][2].extend(range(j, j + n))
                j += n
    blocks = [(olds, news) for kind, olds, news in plan if kind == "blk"]
    moves_at = _find_moves(blocks, old_units, new_units, old_keys, new_keys)
    segments: list[Segment] = []
    stats = StatsCounter()
    moved_text: dict[int, list[str]] = {}
    for kind, olds, news in plan:
        if kind == "eq":
            for oi, nj in zip(olds, news, strict=True):
                # equal keys; raw text may still differ cosmetically
                segments.extend(_cosmetic_segments(old_units[oi], new_units[nj]))
            continue
        old_rest = "".join(old_units[x] for x in olds if ("-", x) not in moves_at)
        new_rest = "".join(new_units[x] for x in news if ("+", x) not in moves_at)
        # moved sentences go back in at their own offsets within each side of the block
        old_marks: list[tuple[int, Segment]] = []
        new_marks: list[tuple[int, Segment]] = []
        offset = 0
        for x in olds:
            if ("-", x) in moves_at:
                mid = moves_at[("-", x)]
                moved_text.setdefault(mid, ["", ""])[0] = old_units[x]
                old_marks.append((offset, Segment(DELETE, old_units[x], move=mid)))
            else:
                offset += len(old_units[x])
        offset = 0
        for x in news:
            if ("+", x) in moves_at:
                mid = moves_at[("+", x)]
                moved_text.setdefault(mid, ["", ""])[1] = new_units[x]
                new_marks.append((offset, Segment(INSERT, new_units[x], move=mid)))
            else:
                offset += len(new_units[x])
        block = word_segments(old_rest, new_rest)
        stats.sentence_actions(olds, news, moves_at, block, old_units, new_units)
        segments.extend(_place_moves(block, old_marks, new_marks) if old_marks or new_marks else block)
    # a move's own diff ignores the trailing whitespace the sentence had in each place
    moves = tuple(
        Move(mid, o, n, tuple(word_segments(o.rstrip(), n.rstrip())))
        for mid, (o, n) in sorted(moved_text.items())
    )
    segments = merge(segments)
    return Comparison(tuple(segments), moves, stats.finish(segments, moves))
