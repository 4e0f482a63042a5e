"""Word-level diffs of two short texts (a sentence pair or a block of sentences).

Most edits touch a few words, so the common prefix and suffix are found at C
speed on the raw characters first, snapped back to whitespace (always a token
boundary), and only the middle is tokenized and diffed. The result is the same
as tokenizing everything: the token-level prefix and suffix are still trimmed
inside the middle.

Results are *parts*, ``(op, text, cosmetic, move)`` tuples: cheaper to build
than :class:`~revtrack.comparison.Segment` objects, which :func:`compare`
makes once at the end.
"""

from __future__ import annotations

import re

from revtrack.comparison import DELETE, EQUAL, INSERT, Part, Segment
from revtrack.diffing.engine import diff_tokens, has_word, substitution_runs
from revtrack.text import cosmetic_normalize, fold_glyphs, tokenize

# Where a whitespace run begins: a token boundary in every tokenizer revtrack
# uses (no token but a whitespace run holds whitespace), as is where one ends.
_RUN_START = re.compile(r"(?<=\S)\s")


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by binary search over slices (C-speed compares).

    >>> common_prefix("in the US today", "in the capital")
    7
    """
    hi = min(len(a), len(b))
    if not hi or a[0] != b[0]:
        return 0
    if a[:hi] == b[:hi]:
        return hi
    lo = 1  # a[:lo] == b[:lo] and a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def common_suffix(a: str, b: str) -> int:
    """Length of the common suffix.

    >>> common_suffix("said on Monday.", "says on Monday.")
    11
    """
    la, lb = len(a), len(b)
    hi = min(la, lb)
    if not hi or a[-1] != b[-1]:
        return 0
    if a[la - hi :] == b[lb - hi :]:
        return hi
    lo = 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid
    return lo


def _boundary_before(text: str, pos: int) -> int:
    """The last offset below ``pos`` where a whitespace run ends (0 if none found).

    Looks back for spaces and line breaks with ``rfind`` (C speed); a boundary
    after some other whitespace character may be passed over, which only leaves
    a little more text to tokenize.

    >>> _boundary_before("in the US", 8), _boundary_before("a  b", 3), _boundary_before("ab", 2)
    (7, 0, 0)
    """
    if pos <= 1:
        return 0
    end = pos - 1  # the boundary must leave at least one character before pos
    while True:
        space = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end))
        if space < 0:
            return 0
        after = space + 1
        while after < end and text[after].isspace():
            after += 1
        if after < end or (after == end and not text[after].isspace()):
            return after
        end = space


def _boundary_after(text: str, pos: int) -> int:
    """The first offset at least ``pos`` where a whitespace run begins (``len(text)`` if none).

    >>> _boundary_after("the US today", 5)
    6
    """
    m = _RUN_START.search(text, pos)
    return m.start() if m else len(text)


def _run_end_at(old: str, new: str, pos: int) -> bool:
    """True when a whitespace run ends at ``pos`` in both texts (equal before ``pos``).

    >>> _run_end_at("in the US", "in the capital", 7), _run_end_at("a  b", "a   b", 2)
    (True, False)
    """
    return (
        old[pos - 1].isspace()
        and (pos == len(old) or not old[pos].isspace())
        and (pos == len(new) or not new[pos].isspace())
    )


def _run_start_at(old: str, new: str, size: int) -> bool:
    """True when the common suffix of length ``size`` starts a whitespace run in both texts.

    >>> _run_start_at("said on Monday", "says on Monday", 10), _run_start_at("a  b", "ab  b", 2)
    (True, False)
    """
    start_old, start_new = len(old) - size, len(new) - size
    return (
        old[start_old].isspace()
        and (start_old == 0 or not old[start_old - 1].isspace())
        and (start_new == 0 or not new[start_new - 1].isspace())
    )


def _trim(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common head and tail of two different texts, cut at whitespace-run edges."""
    start = common_prefix(old, new)
    if start and not _run_end_at(old, new, start):
        start = _boundary_before(old, start)
    rest_old, rest_new = old[start:], new[start:]
    end = common_suffix(rest_old, rest_new)
    if end and not _run_start_at(rest_old, rest_new, end):
        # look from one character into the common suffix, so the character before
        # the boundary is common too (and a run start in both texts)
        end = len(rest_old) - _boundary_after(rest_old, len(rest_old) - end + 1)
    return start, end


def word_parts(old: str, new: str, cleanup: bool = True) -> list[Part]:
    """Word-level diff of two texts as parts; cosmetic-only hunks are marked."""
    if old == new:
        return [(EQUAL, old, False, None)] if old else []
    start, end = _trim(old, new)
    head = [(EQUAL, old[:start], False, None)] if start else []
    tail = [(EQUAL, old[len(old) - end :], False, None)] if end else []
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    # Restyled quotes at both ends of a sentence leave all of it in the middle: trim
    # again with quotes and dashes folded (offsets are kept), and pair the
    # cosmetic differences found in the folded head and tail glyph by glyph.
    folded_old, folded_new = fold_glyphs(old), fold_glyphs(new)
    if folded_old == folded_new:
        return head + cosmetic_parts(old, new) + tail
    if folded_old != old or folded_new != new:
        start, end = _trim(folded_old, folded_new)
        if start:
            head += cosmetic_parts(old[:start], new[:start])
        if end:
            tail = cosmetic_parts(old[len(old) - end :], new[len(new) - end :]) + tail
        old, new = old[start : len(old) - end], new[start : len(new) - end]
    return head + _token_diff(old, new, cleanup) + tail


def _trim_tokens(a: list[str], b: list[str]) -> tuple[int, int, int]:
    """Equal tokens at both ends as ``(first, end_a, end_b)``: the middles are
    ``a[first:end_a]`` and ``b[first:end_b]``.

    >>> _trim_tokens(["in", " ", "the", " ", "US"], ["in", " ", "Washington"])
    (2, 5, 3)
    """
    first, limit = 0, min(len(a), len(b))
    while first < limit and a[first] == b[first]:
        first += 1
    end_a, end_b = len(a), len(b)
    while end_a > first and end_b > first and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return first, end_a, end_b


def _token_diff(old: str, new: str, cleanup: bool) -> list[Part]:
    """Tokenize, trim equal tokens at both ends, diff what is left."""
    a, b = tokenize(old), tokenize(new)
    first, end_a, end_b = _trim_tokens(a, b)
    head = [(EQUAL, "".join(a[:first]), False, None)] if first else []
    tail = [(EQUAL, "".join(a[end_a:]), False, None)] if end_a < len(a) else []
    return head + _middle_parts(a[first:end_a], b[first:end_b], cleanup) + tail


def word_segments(old: str, new: str, cleanup: bool = True) -> list[Segment]:
    """Word-level diff of two texts; adjacent cosmetic-only changes are marked.

    >>> [(s.op, s.text) for s in word_segments("in the US today", "in Washington today")]
    [('=', 'in '), ('-', 'the US'), ('+', 'Washington'), ('=', ' today')]
    """
    return [Segment(*part) for part in word_parts(old, new, cleanup)]


def _hunk(old: str, new: str, refine: bool) -> list[Part]:
    """One change hunk, marked cosmetic when it is; ``refine`` re-diffs a cosmetic
    hunk of several characters token by token, so only what changed is marked."""
    if not is_cosmetic_change(old, new):
        return [(op, text, False, None) for op, text in ((DELETE, old), (INSERT, new)) if text]
    if refine and (len(old) > 1 or len(new) > 1):
        # a few words around a quote change (semantic cleanup merges them)
        return [(op, text, op != EQUAL, move) for op, text, _, move in word_parts(old, new, False)]
    return [(DELETE, old, True, None), (INSERT, new, True, None)]


def _middle_parts(mid_a: list[str], mid_b: list[str], cleanup: bool) -> list[Part]:
    """Parts for the tokens between the common head and tail, cosmetic hunks marked."""
    short, other = (mid_a, mid_b) if len(mid_a) <= len(mid_b) else (mid_b, mid_a)
    if not short or (len(short) == 1 and (not has_word(short[0]) or short[0] not in other)):
        # one side changed in at most one token that the other side does not keep
        # as a word: a single hunk (a one-token equality inside it has edits on
        # both sides, which semantic cleanup folds back in when it holds no word)
        return _hunk("".join(mid_a), "".join(mid_b), cleanup)
    substituted = substitution_runs(mid_a, mid_b) if cleanup else None
    if substituted is not None:  # runs of equal tokens and of swapped ones, same length
        out: list[Part] = []
        at = 0
        for op, n in substituted:
            if op == EQUAL:
                out.append((EQUAL, "".join(mid_a[at : at + n]), False, None))
                at += n
            elif op == DELETE:
                out.extend(_hunk("".join(mid_a[at : at + n]), "".join(mid_b[at : at + n]), cleanup))
                at += n
        return out
    try:
        runs = diff_tokens(mid_a, mid_b, cleanup)
    except OverflowError:  # over 1.1M distinct tokens: diff characters instead
        mid_a, mid_b = list("".join(mid_a)), list("".join(mid_b))
        runs = diff_tokens(mid_a, mid_b, cleanup)
    out = []
    i = j = 0
    for op, n in runs:
        if op == EQUAL:
            out.append((EQUAL, "".join(mid_a[i : i + n]), False, None))
            i += n
            j += n
        elif op == DELETE:
            out.append((DELETE, "".join(mid_a[i : i + n]), False, None))
            i += n
        else:
            out.append((INSERT, "".join(mid_b[j : j + n]), False, None))
            j += n
    return mark_cosmetic(out, refine=cleanup)


def is_cosmetic_change(old: str, new: str) -> bool:
    """True when replacing ``old`` by ``new`` is not a wording change.

    Whitespace appearing where there was none joins or splits words: not cosmetic.

    >>> is_cosmetic_change("\u201cyes\u201d", '"yes"'), is_cosmetic_change("", " ")
    (True, False)
    """
    if not old or not new:
        return False  # nothing normalises to "" except whitespace, ruled out above
    if old.isalnum() and new.isalnum() and old.isascii() and new.isascii():
        return False  # two different plain words: the common case, decided without folding
    return cosmetic_normalize(old) == cosmetic_normalize(new)


def mark_cosmetic(parts: list[Part], refine: bool = True) -> list[Part]:
    """Mark each change hunk (a run of -/+ between equals) that differs only cosmetically."""
    out: list[Part] = []
    k, count = 0, len(parts)
    while k < count:
        if parts[k][0] == EQUAL:
            out.append(parts[k])
            k += 1
            continue
        end = k + 1
        while end < count and parts[end][0] != EQUAL:
            end += 1
        hunk = parts[k:end]
        old = "".join(p[1] for p in hunk if p[0] == DELETE)
        new = "".join(p[1] for p in hunk if p[0] == INSERT)
        cosmetic = is_cosmetic_change(old, new)
        if cosmetic and refine and len(hunk) > 1 and (len(old) > 1 or len(new) > 1):
            # semantic cleanup may have merged words into a quote change: re-diff the
            # hunk token by token so only the characters that changed are marked
            out.extend((op, text, op != EQUAL, move) for op, text, _, move in word_parts(old, new, False))
        else:
            out.extend((op, text, cosmetic, move) for op, text, _, move in hunk)
        k = end
    return out


def cosmetic_parts(old: str, new: str) -> list[Part]:
    """Parts for two units known to differ at most cosmetically (equal sentence keys).

    With as many tokens on each side (a quote glyph or dash swapped), tokens pair
    up one to one and no diff is needed; with as many characters, only the
    whitespace-delimited chunks holding a changed character are tokenized.

    >>> cosmetic_parts("\u201cYes.\u201d ", '"Yes." ')[:2]
    [('-', '\u201c', True, None), ('+', '"', True, None)]
    """
    if old == new:
        return [(EQUAL, old, False, None)]
    if len(old) == len(new):
        parts = _chunk_parts(old, new)
        if parts is not None:
            return parts
    paired = _token_pairs(old, new)
    return paired if paired is not None else word_parts(old, new)


def _token_pairs(old: str, new: str) -> list[Part] | None:
    """Tokens paired one to one, the differing ones cosmetic; None if the counts differ."""
    a, b = tokenize(old), tokenize(new)
    if len(a) != len(b):
        return None
    out: list[Part] = []
    for x, y in zip(a, b, strict=True):
        if x == y:
            out.append((EQUAL, x, False, None))
        else:
            out.append((DELETE, x, True, None))
            out.append((INSERT, y, True, None))
    return out


def _glyph_hunk(old: str, new: str) -> list[Part]:
    """One cosmetic hunk for a chunk whose glyphs join or split tokens (a quote
    between letters), its equal tokens at both ends kept apart."""
    a, b = tokenize(old), tokenize(new)
    first, end_a, end_b = _trim_tokens(a, b)
    parts: list[Part] = [(EQUAL, "".join(a[:first]), False, None)]
    parts += [(DELETE, "".join(a[first:end_a]), True, None), (INSERT, "".join(b[first:end_b]), True, None)]
    return [*parts, (EQUAL, "".join(a[end_a:]), False, None)]


def _chunk_parts(old: str, new: str) -> list[Part] | None:
    """Cosmetic parts of two equally long texts that differ outside whitespace only.

    Whitespace sits at the same offsets in both, so the runs between it are the
    same chunks on both sides; only chunks with a changed character are paired
    token by token. None when a changed character is whitespace.
    """
    changed = [k for k, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
    out: list[Part] = []
    done = 0  # characters of both texts already in out
    for k in changed:
        if k < done:
            continue  # inside a chunk already paired
        if old[k].isspace() or new[k].isspace():
            return None
        start, end = k, k + 1
        while start > done and not old[start - 1].isspace():
            start -= 1
        while end < len(old) and not old[end].isspace():
            end += 1
        if start > done:
            out.append((EQUAL, old[done:start], False, None))
        chunk_old, chunk_new = old[start:end], new[start:end]
        paired = _token_pairs(chunk_old, chunk_new)
        out.extend(paired if paired is not None else _glyph_hunk(chunk_old, chunk_new))
        done = end
    if done < len(old):
        out.append((EQUAL, old[done:], False, None))
    return out
