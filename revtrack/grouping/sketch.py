"""Near-duplicate sketches: content words, one-permutation MinHash and LSH band keys.

Pure functions of the text (no store, no globals beyond constants), so they can
run anywhere, including on workers of a distributed engine.

Why content words and not 5-gram shingles for candidates: a version with 30% of
its words substituted keeps only ``0.7**5 = 17%`` of its 5-grams (Jaccard about
0.09), indistinguishable by banding from unrelated news. Its content-word set
keeps a Jaccard near 0.5, which banding catches; verification then separates
templated stories (same words, other facts) by their *fact tokens* (numbers and
capitalised names).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from revtrack.grouping.fingerprint import token_hashes
from revtrack.text import WORD_BREAKS, cosmetic_fold, word_count

#: Sketch width (one-permutation MinHash bins) and LSH banding (BANDS x ROWS = K).
K = 256
BANDS = 64
ROWS = K // BANDS
#: The Jaccard similarity of content-word sets at which banding starts to make a
#: pair a candidate, ``(1 / BANDS) ** (1 / ROWS)`` (about 0.35): a pair at this
#: similarity shares a band with probability 0.66, at 0.5 with 0.98, at 0.2 with 0.10
#: (:func:`candidate_probability`). Versions of one story sit well above it
#: (a third of the words substituted still leaves about 0.5); unrelated news below.
LSH_THRESHOLD = (1 / BANDS) ** (1 / ROWS)
_K_BITS = K.bit_length() - 1
assert K == 1 << _K_BITS, "K must be a power of two"
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)

# Frequent English function words carry no story identity; dropping them keeps
# unrelated articles' sketches apart. Other languages still work, only less sharply.
STOP_WORDS = frozenset(
    """
    a about after again against all also an and any are as at be because been before being between
    both but by can could did do does during each few for from further had has have having he her
    here hers him his how i if in into is it its itself just me more most my no nor not now of off
    on once only or other our out over own same she should so some such than that the their them
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your said says say new one two s t year years
    """.split()
)


def _stop_table(stop: np.ndarray) -> tuple[np.ndarray, np.uint64, np.uint64]:
    """A table holding each stop word's hash in a slot named by some of its bits: ``(table, shift, mask)``.

    The smallest table (4,096 slots, 32 KB: it stays in the first-level cache)
    and the first shift that put no two stop words in one slot are used. An
    empty slot holds a value that belongs to another slot, so no hash equals it.
    """
    for bits in range(12, 17):
        slots = np.arange(1 << bits, dtype=np.uint64)
        mask = np.uint64((1 << bits) - 1)
        for shift in map(np.uint64, range(64 - bits)):
            at = (stop >> shift) & mask
            if np.unique(at).size == stop.size:
                table = (slots ^ np.uint64(1)) << shift
                table[at.view(np.int64)] = stop
                return table, shift, mask
    raise AssertionError("no collision-free slots for the stop words")  # never: hundreds of tries


_STOP_TABLE, _STOP_SHIFT, _STOP_MASK = _stop_table(token_hashes([" ".join(sorted(STOP_WORDS))])[0])


def grouping_text(text: str) -> str:
    """Text as grouping reads it: folded, case-folded, and its words separated by single-byte spaces.

    Punctuation splits words; inner apostrophes stay part of them. Words are the
    runs between spaces (:func:`~revtrack.grouping.fingerprint.token_hashes`).

    >>> grouping_text("The allies’ talks, in Seoul.").split()
    ['the', "allies'", 'talks', 'in', 'seoul']
    """
    # ASCII text needs no Unicode folding: its only foldable characters, the backtick
    # and the double quote, are folded by the same table that breaks words
    return WORD_BREAKS.apply((text if text.isascii() else cosmetic_fold(text)).casefold())


def content_mask(hashes: np.ndarray) -> np.ndarray:
    """Which word hashes are content words (not stop words).

    >>> hashes, _ = token_hashes(["the talks in seoul"])
    >>> content_mask(hashes).tolist()
    [False, True, False, True]
    """
    # one look-up in a small table per word (a bisection of the 130 stop words cost 6x)
    slots = ((hashes >> _STOP_SHIFT) & _STOP_MASK).view(np.int64)  # a view: no copy
    return _STOP_TABLE[slots] != hashes


def _minhash(hashes: np.ndarray, owners: np.ndarray, n: int) -> np.ndarray:
    """One-permutation MinHash: an ``(n, K)`` uint64 array from word hashes and their documents.

    All hashes go through one ``np.minimum.at`` call; a word seen twice changes nothing.
    """
    values = np.full(n * K, _EMPTY, dtype=np.uint64)
    if hashes.size:
        # K is a power of two: the bin is the low bits, the value the rest (shifts and
        # masks, several times faster than uint64 % and // in numpy)
        cells = (hashes & np.uint64(K - 1)).view(np.int64)  # small values: the view is exact
        cells += owners * K
        np.minimum.at(values, cells, hashes >> np.uint64(_K_BITS))
    values = values.reshape(n, K)
    _densify(values)
    return values


def sketch_matrix(word_sets: Sequence[Iterable[str]]) -> np.ndarray:
    """One-permutation MinHash of many word sets at once: an ``(n, K)`` uint64 array.

    Words must not contain spaces (grouping's words never do).
    """
    hashes, counts = token_hashes([" ".join(words) for words in word_sets])
    return _minhash(hashes, np.repeat(np.arange(len(word_sets), dtype=np.intp), counts), len(word_sets))


def sketch_values(words: Iterable[str]) -> np.ndarray:
    """One-permutation MinHash with densification: ``K`` uint64 values.

    >>> a = sketch_values({"alliance", "modernization", "summit"})
    >>> a.shape, bool((a == sketch_values({"summit", "alliance", "modernization"})).all())
    ((256,), True)
    """
    return sketch_matrix([words])[0]


def document_sketches(docs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """MinHash of each ``(headline, body)`` document's content words, and its body's word count.

    Content words are the headline's and body's words minus :data:`STOP_WORDS`.
    The headline counts too, so items with little or no body still get a sketch
    of their own instead of all sharing the empty one.

    >>> values, words = document_sketches([("Talks end", "The allies' talks, in Seoul.")])
    >>> bool((values[0] == sketch_values({"talks", "end", "allies'", "seoul"})).all()), words.tolist()
    (True, [5])
    """
    texts = [grouping_text(text) for pair in docs for text in pair]
    hashes, counts = token_hashes(texts)
    owners = np.repeat(np.arange(len(texts), dtype=np.intp) >> 1, counts)
    content = content_mask(hashes)
    values = _minhash(hashes[content], owners[content], len(docs))
    words = counts[1::2].copy()
    for n, (_, body) in enumerate(docs):
        if not body.isascii():  # folding may move a word boundary: count the text as given
            words[n] = word_count(body)
    return values, words


# Optimal densification (Shrivastava, 2017): an empty bin takes the value of the
# first non-empty bin along its own fixed pseudo-random probe sequence. Copying a
# neighbour instead correlates the rows of a band and floods LSH with candidates.
_PROBES = np.random.default_rng(0x5EED).integers(0, K, size=(48, K))


def _densify(values: np.ndarray) -> None:
    """Fill empty bins of an ``(n, K)`` sketch matrix in place, salted by probe step.

    Works on the flat positions of the holes only; about half are filled per step.
    """
    empty = values == _EMPTY
    flat_values, flat_empty = values.reshape(-1), empty.reshape(-1)
    holes = np.flatnonzero(empty & ~empty.all(axis=1, keepdims=True))
    cols = holes & (K - 1)
    row_starts = holes - cols
    with np.errstate(over="ignore"):
        for step in range(_PROBES.shape[0]):
            if holes.size == 0:
                return
            source = row_starts + _PROBES[step][cols]
            ok = ~flat_empty[source]
            flat_values[holes[ok]] = flat_values[source[ok]] + np.uint64(step + 1) * _MIX
            left = ~ok
            holes, cols, row_starts = holes[left], cols[left], row_starts[left]
    # holes left after every probe (nearly empty sketches, a word or two): the row's
    # first filled bin, for all of them at once
    if holes.size:
        first_filled = np.argmax(~empty, axis=1)
        rows = holes >> _K_BITS
        flat_values[holes] = values[rows, first_filled[rows]]


def band_keys(values: np.ndarray) -> np.ndarray:
    """``BANDS`` int64 keys per sketch (last axis ``K``), band index mixed in.

    >>> band_keys(sketch_values({"x", "y"})).shape
    (64,)
    """
    # band b holds bins b, b+BANDS, b+2*BANDS...: strided, so nearby bins never share a band
    rows = values.reshape(*values.shape[:-1], ROWS, BANDS)
    with np.errstate(over="ignore"):
        acc = np.arange(BANDS, dtype=np.uint64) * _MIX
        for r in range(ROWS):
            acc = (acc ^ rows[..., r, :]) * np.uint64(0xBF58476D1CE4E5B9)
            acc ^= acc >> np.uint64(31)
    return acc.view(np.int64)


#: Stored sketch: BANDS int64 band keys, then K uint16 truncated values (b-bit
#: MinHash; two unrelated values agree with probability 1/65536) for estimates.
KEY_BYTES = BANDS * 8
SKETCH_BYTES = KEY_BYTES + K * 2


def sketch_blobs(docs: list[tuple[str, str]]) -> list[bytes]:
    """Stored sketches of many ``(headline, body)`` documents, computed as one batch."""
    return [blob for blob, _ in sketched(docs)]


def sketched(docs: list[tuple[str, str]]) -> list[tuple[bytes, int]]:
    """Stored sketch and body word count (:func:`revtrack.text.word_count`) of each document.

    >>> [words for _, words in sketched([("h", "some words here"), ("h", "caf\u00e9 -- ok")])]
    [3, 2]
    """
    if not docs:
        return []
    values, words = document_sketches(docs)
    keys = band_keys(values)
    low = values.astype(np.uint16)
    return [(keys[i].tobytes() + low[i].tobytes(), int(words[i])) for i in range(len(docs))]


def split_blob(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """``(band keys, 16-bit values)`` of a stored sketch.

    >>> keys, low = split_blob(sketch_blobs([("h", "some words here")])[0])
    >>> keys.shape, low.shape
    ((64,), (256,))
    """
    keys = np.frombuffer(blob, dtype=np.int64, count=BANDS)
    low = np.frombuffer(blob, dtype=np.uint16, count=K, offset=KEY_BYTES)
    return keys, low


def candidate_probability(similarity: float) -> float:
    """How likely two word sets of this Jaccard similarity share at least one band key.

    >>> round(candidate_probability(0.5), 3), round(candidate_probability(0.2), 3)
    (0.984, 0.097)
    """
    return 1 - (1 - similarity**ROWS) ** BANDS


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two sketches estimate: the share of bins that agree.

    >>> estimated_jaccard(sketch_values({"a", "b"}), sketch_values({"a", "b"}))
    1.0
    """
    return float(np.mean(a == b))


def jaccard(a: frozenset, b: frozenset) -> float:
    """Exact Jaccard similarity of two sets (1.0 for two empty sets).

    >>> jaccard(frozenset("ab"), frozenset("bc"))
    0.3333333333333333
    """
    if not a and not b:
        return 1.0
    shared = len(a & b)  # the union's size from the sizes: no third set is built
    return shared / (len(a) + len(b) - shared)
