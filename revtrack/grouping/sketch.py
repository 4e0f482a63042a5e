"""Near-duplicate sketches: features, one-permutation MinHash and LSH band keys.

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

from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, compress
from operator import not_

import numpy as np

from revtrack.grouping.fingerprint import hash64_many
from revtrack.text import PUNCT_TO_SPACE, cosmetic_normalize, word_count

#: Sketch width (one-permutation MinHash bins) and LSH banding (BANDS x ROWS = K).
K = 256
BANDS = 64
ROWS = K // BANDS
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


@dataclass(frozen=True)
class Features:
    """What verification compares: word sets and fact tokens of one revision.

    Facts are computed on first use: most candidate pairs are settled by their
    words alone.
    """

    headline_words: frozenset[str]
    content_words: frozenset[str]
    words: int
    text: str = field(default="", repr=False, compare=False)

    @cached_property
    def facts(self) -> frozenset[str]:
        """Numbers and capitalised words not at a sentence start (see :func:`_facts`)."""
        return _facts(self.text)


# Punctuation becomes a space before splitting: C-speed tokenising, several times
# faster than a Unicode regex. Inner apostrophes stay part of the word.
_PUNCT = PUNCT_TO_SPACE
_STRIP = "\"'()[]{}<>,.;:!?"
_ENDS = {'."', ".'", '?"', "?'", '!"', "!'"}


def _prepare(text: str) -> str:
    """Cosmetic normalisation, skipped for plain ASCII text that has nothing to fold."""
    return text if text.isascii() and "  " not in text and "--" not in text else cosmetic_normalize(text)


def content_words(headline: str, body: str) -> set[str]:
    """Headline and body words, case-folded, minus stop words: what the sketch is built from.

    The headline counts too, so items with little or no body still get a
    sketch of their own instead of all sharing the empty one.

    >>> sorted(content_words("Talks end", "The allies' talks, in Seoul."))
    ["allies'", 'end', 'seoul', 'talks']
    """
    return _counted_content_words(headline, body)[0]


def _counted_content_words(headline: str, body: str) -> tuple[set[str], int]:
    """:func:`content_words` and :func:`revtrack.text.word_count` of the body, splitting it once.

    >>> _counted_content_words("Talks end", "The allies' talks, in Seoul.")[1]
    5
    """
    prepared = _prepare(body)
    tokens = _PUNCT.apply(prepared.casefold()).split()
    # the count's tokens are these when nothing was folded in ASCII text (lower case
    # moves no token boundary there); otherwise it is counted on the text as given
    count = len(tokens) if prepared is body and body.isascii() else word_count(body)
    words = set(tokens)
    words.update(_PUNCT.apply(_prepare(headline).casefold()).split())
    words -= STOP_WORDS
    return words, count  # a plain set: the sketch only iterates it, and a frozen copy costs 5 us


def _facts(text: str) -> frozenset[str]:
    """Numbers and capitalised words that do not start a sentence.

    Template words that open sentences are shared by templated stories; names and
    numbers inside sentences are what tells two such stories apart.

    >>> sorted(_facts("Talks in Seoul ran 3 days. Officials met Lee's aides. 5 left."))
    ['3', '5', "lee's", 'seoul']
    """
    toks = text.split()
    # most tokens are lower-case words: find the others at C speed, then look only
    # at them (and at the token before each)
    others = compress(range(len(toks)), map(not_, map(str.islower, toks)))
    # tokens preceded by one that does not end a sentence, plus any number
    inner = set()
    for i in others:
        b = toks[i]
        a = toks[i - 1] if i else "."
        if b[0].isdigit() or not (a[-1] in ".!?" or a[-2:-1] in ".!?"):
            inner.add(b)
    return frozenset(w.casefold() for w in (t.strip(_STRIP) for t in inner) if w and not w.islower())


def features(headline: str, body: str, content: frozenset[str] | None = None) -> Features:
    """Word sets used to verify a candidate pair.

    Facts are numbers and capitalised words not at a sentence start.

    >>> f = features("Lee meets Trump", "Lee met Trump in Washington on Aug. 25. It went well.")
    >>> sorted(f.facts)
    ['25', 'aug', 'trump', 'washington']
    >>> sorted(f.headline_words)
    ['lee', 'meets', 'trump']
    """
    text = _prepare(body)
    tokens = _PUNCT.apply(text.casefold()).split()
    head = frozenset(_PUNCT.apply(_prepare(headline).casefold()).split()) - STOP_WORDS
    if content is None:  # one pass: the body's tokens are already here
        words = set(tokens)
        words -= STOP_WORDS
        content = frozenset(words | head)
    return Features(headline_words=head, content_words=content, words=len(tokens), text=text)


def sketch_matrix(word_sets: list[set[str]] | list[frozenset[str]]) -> np.ndarray:
    """One-permutation MinHash of many word sets at once: an ``(n, K)`` uint64 array.

    All hashes go through one ``np.minimum.at`` call, so per-document Python work
    is only the xxh3 of each word.
    """
    n = len(word_sets)
    lengths = np.fromiter((len(ws) for ws in word_sets), dtype=np.intp, count=n)
    hashes = np.fromiter(  # chained in C: a generator here cost a Python step per word
        chain.from_iterable(map(hash64_many, word_sets)), dtype=np.uint64, count=int(lengths.sum())
    )
    values = np.full(n * K, _EMPTY, dtype=np.uint64)
    if hashes.size:
        doc = np.repeat(np.arange(n, dtype=np.intp), lengths)
        # K is a power of two: the bin is the low bits, the value the rest (shifts and
        # masks, several times faster than uint64 % and // in numpy)
        cells = doc * K + (hashes & np.uint64(K - 1)).astype(np.intp)
        np.minimum.at(values, cells, hashes >> np.uint64(_K_BITS))
    values = values.reshape(n, K)
    _densify(values)
    return values


def sketch_values(words: frozenset[str] | set[str]) -> np.ndarray:
    """One-permutation MinHash with densification: ``K`` uint64 values.

    >>> a = sketch_values({"alliance", "modernization", "summit"})
    >>> a.shape, bool((a == sketch_values({"summit", "alliance", "modernization"})).all())
    ((256,), True)
    """
    return sketch_matrix([frozenset(words)])[0]


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
    counted = [_counted_content_words(h, b) for h, b in docs]
    values = sketch_matrix([words for words, _ in counted])
    keys = band_keys(values)
    low = values.astype(np.uint16)
    return [(keys[i].tobytes() + low[i].tobytes(), counted[i][1]) for i in range(len(docs))]


def split_blob(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """``(band keys, 16-bit values)`` of a stored sketch.

    >>> keys, low = split_blob(sketch_blobs([("h", "some words here")])[0])
    >>> keys.shape, low.shape
    ((64,), (256,))
    """
    keys = np.frombuffer(blob, dtype=np.int64, count=BANDS)
    low = np.frombuffer(blob, dtype=np.uint16, count=K, offset=KEY_BYTES)
    return keys, low


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two sets (1.0 for two empty sets).

    >>> jaccard(frozenset("ab"), frozenset("bc"))
    0.3333333333333333
    """
    if not a and not b:
        return 1.0
    shared = len(a & b)  # the union's size from the sizes: no third set is built
    return shared / (len(a) + len(b) - shared)
