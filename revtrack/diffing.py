"""Word-level diffs on diff-match-patch: the only module that imports it.

:func:`compare` aligns sentence units first (each hashed to one character under
cosmetic normalisation), detects moved sentences, then word-diffs inside the
changed blocks with every token mapped to one character, ``Diff_Timeout = 0``
and semantic cleanup on the encoded tokens (so no hunk starts or ends inside a
word). Segments whose two sides differ only cosmetically (quotes, dashes,
whitespace, paragraph breaks) are marked ``cosmetic``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

from revtrack.text import cosmetic_normalize, sentences, tokenize, word_count, words

EQUAL, DELETE, INSERT = "=", "-", "+"
_DMP_OP = {0: EQUAL, -1: DELETE, 1: INSERT}
# Sentences moved with small edits still count as moves above this word overlap.
MOVE_SIMILARITY = 0.7
MOVE_MIN_WORDS = 5


@dataclass(frozen=True)
class Segment:
    """A run of text: kept (``=``), deleted (``-``) or inserted (``+``).

    ``cosmetic`` marks a change that vanishes under normalisation; ``move``
    links the deleted and inserted halves of a moved sentence.
    """

    op: str
    text: str
    cosmetic: bool = False
    move: int | None = None


@dataclass(frozen=True)
class Move:
    """A sentence deleted in one place and inserted in another, with its own diff."""

    id: int
    old: str
    new: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Stats:
    """Counts for one comparison (NewsEdits sentence actions included)."""

    words_added: int = 0
    words_deleted: int = 0
    words_changed: int = 0
    sentences_added: int = 0
    sentences_deleted: int = 0
    sentences_edited: int = 0
    sentences_moved: int = 0
    cosmetic_changes: int = 0
    similarity: float = 1.0

    @property
    def wording_changed(self) -> bool:
        """True when anything beyond cosmetics changed."""
        return bool(self.words_added or self.words_deleted or self.words_changed or self.sentences_moved)


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`."""

    segments: tuple[Segment, ...]
    moves: tuple[Move, ...] = ()
    stats: Stats = field(default_factory=Stats)

    @property
    def ops(self) -> list[tuple[str, str]]:
        """``(op, text)`` pairs: ``=``/``-`` rebuild the old text, ``=``/``+`` the new."""
        return [(s.op, s.text) for s in self.segments]

    def old_text(self) -> str:
        """The old side rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op != INSERT)

    def new_text(self) -> str:
        """The new side rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op != DELETE)


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
    if min(len(mid_a), len(mid_b)) <= 1:
        # one side changed in at most one token: a single hunk, nothing for DMP to find
        if mid_a:
            out.append(Segment(DELETE, "".join(mid_a)))
        if mid_b:
            out.append(Segment(INSERT, "".join(mid_b)))
    else:
        try:
            runs = _diff_units(mid_a, mid_b, cleanup=cleanup)
        except OverflowError:
            mid_a, mid_b = list("".join(mid_a)), list("".join(mid_b))
            runs = _diff_units(mid_a, mid_b, cleanup=cleanup)
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
            runs.extend(_diff_units([], [], cleanup=False, keys=(a_keys[i:ai], b_keys[j:bj])))
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


def compare(old: str, new: str, *, ignore_cosmetic: bool = False) -> Comparison:
    """Compare two texts word by word, sentences aligned first, moves detected.

    ``ignore_cosmetic`` only affects rendering helpers; segments always carry the
    ``cosmetic`` flag so callers can hide or dim them.

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
    stats = _Counter()
    moved_text: dict[int, list[str]] = {}
    for kind, olds, news in plan:
        if kind == "eq":
            for oi, nj in zip(olds, news, strict=True):
                # equal keys; raw text may still differ cosmetically
                segments.extend(_cosmetic_segments(old_units[oi], new_units[nj]))
            continue
        old_rest = "".join(old_units[x] for x in olds if ("-", x) not in moves_at)
        new_rest = "".join(new_units[x] for x in news if ("+", x) not in moves_at)
        for x in olds:
            if ("-", x) in moves_at:
                mid = moves_at[("-", x)]
                moved_text.setdefault(mid, ["", ""])[0] = old_units[x]
                segments.append(Segment(DELETE, old_units[x], move=mid))
        block = word_segments(old_rest, new_rest)
        stats.sentence_actions(olds, news, moves_at, block, old_units, new_units)
        segments.extend(block)
        for x in news:
            if ("+", x) in moves_at:
                mid = moves_at[("+", x)]
                moved_text.setdefault(mid, ["", ""])[1] = new_units[x]
                segments.append(Segment(INSERT, new_units[x], move=mid))
    # a move's own diff ignores the trailing whitespace the sentence had in each place
    moves = tuple(
        Move(mid, o, n, tuple(word_segments(o.rstrip(), n.rstrip())))
        for mid, (o, n) in sorted(moved_text.items())
    )
    segments = _merge(segments)
    return Comparison(tuple(segments), moves, stats.finish(segments, moves))


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbours with the same op, flags and move id; drop empty segments."""
    out: list[Segment] = []
    for s in segments:
        if not s.text:
            continue
        if out and (out[-1].op, out[-1].cosmetic, out[-1].move) == (s.op, s.cosmetic, s.move):
            out[-1] = Segment(s.op, out[-1].text + s.text, s.cosmetic, s.move)
        else:
            out.append(s)
    return out


def _count_words(text: str) -> int:
    return word_count(text) if text.strip() else 0


class _Counter:
    """Accumulates sentence actions while :func:`compare` walks its blocks."""

    def __init__(self) -> None:
        self.added = self.deleted = self.edited = 0

    def sentence_actions(self, olds, news, moves_at, block, old_units, new_units) -> None:
        o = sum(1 for x in olds if ("-", x) not in moves_at and old_units[x].strip())
        n = sum(1 for x in news if ("+", x) not in moves_at and new_units[x].strip())
        shared = any(s.op == EQUAL and _count_words(s.text) for s in block)
        wording = any(s.op != EQUAL and not s.cosmetic for s in block)
        if not wording:
            return
        edits = min(o, n) if shared else 0
        self.edited += edits
        self.added += n - edits
        self.deleted += o - edits

    def finish(self, segments: list[Segment], moves: tuple[Move, ...]) -> Stats:
        added = deleted = changed = cosmetic = 0
        equal_words = 0
        k = 0
        while k < len(segments):
            s = segments[k]
            if s.op == EQUAL or s.move is not None:
                if s.op == EQUAL or s.op == INSERT:
                    equal_words += _count_words(s.text)
                k += 1
                continue
            end = k
            d = a = 0
            is_cosmetic = True
            while end < len(segments) and segments[end].op != EQUAL and segments[end].move is None:
                seg = segments[end]
                is_cosmetic &= seg.cosmetic
                if seg.op == DELETE:
                    d += _count_words(seg.text)
                else:
                    a += _count_words(seg.text)
                end += 1
            if is_cosmetic:
                cosmetic += 1
                equal_words += a
            else:
                c = min(a, d)
                changed += c
                added += a - c
                deleted += d - c
            k = end
        for move in moves:  # edits made on the way count as changes too
            for seg in move.segments:
                if seg.op == INSERT and not seg.cosmetic:
                    added += _count_words(seg.text)
                elif seg.op == DELETE and not seg.cosmetic:
                    deleted += _count_words(seg.text)
        total = equal_words + added + changed + equal_words + deleted + changed
        similarity = 1.0 if total == 0 else round(2 * equal_words / total, 4)
        return Stats(
            words_added=added,
            words_deleted=deleted,
            words_changed=changed,
            sentences_added=self.added,
            sentences_deleted=self.deleted,
            sentences_edited=self.edited,
            sentences_moved=len(moves),
            cosmetic_changes=cosmetic,
            similarity=similarity,
        )
