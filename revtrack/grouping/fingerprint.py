"""Hashing: the only module that imports xxhash.

* :func:`content_hash` identifies a capture's raw bytes.
* :func:`revision_id` identifies a revision: headline and body under cosmetic
  normalisation, so a flattened copy and a paragraphed copy of one text are one
  revision.
* Shingles and MinHash sketches for near-duplicate grouping live in
  :mod:`revtrack.grouping.sketch` and call :func:`hash64_many` from here.

Everything is a pure function of its input: no store, no globals beyond constants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import xxhash

from revtrack.text import cosmetic_normalize


def content_hash(raw: bytes) -> str:
    """Hex xxh3_128 of raw bytes.

    >>> len(content_hash(b"abc"))
    32
    """
    return xxhash.xxh3_128_hexdigest(raw)


def content_hasher():
    """A streaming :func:`content_hash`: ``update(bytes)`` chunk by chunk, then ``hexdigest()``.

    >>> h = content_hasher(); h.update(b"ab"); h.update(b"c"); h.hexdigest() == content_hash(b"abc")
    True
    """
    return xxhash.xxh3_128()


def revision_id(headline: str, body: str) -> str:
    """Hex xxh3_128 of cosmetically normalised headline and body.

    >>> revision_id("A \u2018b\u2019", "x\\n\\ny") == revision_id("A 'b'", "x y")
    True
    >>> revision_id("A", "x y") == revision_id("A", "x z")
    False
    """
    key = cosmetic_normalize(headline) + "\n" + cosmetic_normalize(body)
    return xxhash.xxh3_128_hexdigest(key.encode("utf-8"))


def text_hash64(text: str, seed: int = 0) -> int:
    """Unsigned 64-bit xxh3 of a string.

    >>> text_hash64("x") == text_hash64("x") != text_hash64("y")
    True
    """
    return xxhash.xxh3_64_intdigest(text.encode("utf-8"), seed)


# Memo of word -> xxh3_64 (seed 0). News vocabulary repeats across documents, and
# a dict hit costs a fifth of a hash call. It never changes a result: bounded, and
# cleared when full.
_WORD_HASHES: dict[str, int] = {}
_WORD_HASHES_MAX = 200_000


def hash64_many(items: Iterable[str], seed: int = 0) -> list[int]:
    """xxh3_64 of each string (for words, shingles and sentence keys).

    >>> hash64_many(["a", "b"]) == [text_hash64("a"), text_hash64("b")]
    True
    """
    h = xxhash.xxh3_64_intdigest
    if seed:
        return [h(s.encode("utf-8"), seed) for s in items]
    memo = _WORD_HASHES
    if len(memo) > _WORD_HASHES_MAX:
        memo.clear()
    words = items if isinstance(items, list | tuple | set | frozenset) else list(items)
    try:  # looked up at C speed; most words are known, and a miss costs one more pass
        return list(map(memo.__getitem__, words))
    except KeyError:
        for s in words:
            if s not in memo:
                memo[s] = h(s.encode("utf-8"))
        return list(map(memo.__getitem__, words))


_DIGITS = re.compile(r"\d(?:[\d,.\u00a0\u202f]*\d)?")


def line_key(line: str) -> int:
    """Signed 64-bit key of a page line for learning a site's chrome.

    Case, spacing and numbers are ignored, so "Visto 314 veces" and "Visto 315
    veces" (a view count that changes between captures) are one line.

    >>> line_key("Visto 314 veces") == line_key("visto  1,315 veces") != line_key("Visto veces")
    True
    """
    text = _DIGITS.sub("0", " ".join(line.lower().split()))
    value = xxhash.xxh3_64_intdigest(text.encode("utf-8"))
    return value - (1 << 64) if value >= 1 << 63 else value  # SQLite integers are signed
