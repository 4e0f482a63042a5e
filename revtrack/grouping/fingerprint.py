"""Hashing: the only module that imports xxhash.

* :func:`content_hash` identifies a capture's raw bytes.
* :func:`revision_id` identifies a revision: headline and body under cosmetic
  normalisation, so a flattened copy and a paragraphed copy of one text are one
  revision.
* :func:`token_hashes` hashes every word of many texts at once, in numpy, with
  no Python object per word: grouping's sketches, word sets and 5-word runs
  (:mod:`revtrack.grouping.sketch`, :mod:`revtrack.grouping.docs`) are built from it.

Everything is a pure function of its input: no store, no globals beyond constants.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import xxhash

from revtrack.grouping.openings import inner_openings, opening_words
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


# Byte masks keeping the first 0..8 bytes of a little-endian 8-byte load.
_KEEP = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
_MUL = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_FMIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_SHIFT = np.uint64(33)
#: Tokens up to this many bytes are hashed in numpy; longer ones (rare) by xxh3, one call each.
SHORT_TOKEN = 16


def _fmix(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place: a bijection that spreads every bit."""
    with np.errstate(over="ignore"):
        x ^= x >> _SHIFT
        x *= _FMIX[0]
        x ^= x >> _SHIFT
        x *= _FMIX[1]
        x ^= x >> _SHIFT
    return x


#: Texts are hashed in groups of about this many bytes: the arrays stay in cache
#: (groups of 8 MB took twice as long per byte).
GROUP_BYTES = 1 << 18


def token_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the tokens of each text (runs between spaces), and each text's token count.

    Only the ASCII space separates tokens: callers map other whitespace and
    punctuation to it first. Equal tokens get equal hashes, whichever text and
    batch they are in. Texts are hashed many at once: a token up to 16 UTF-8
    bytes is two masked 8-byte loads and a few vector operations, so no ``str``
    is made per word (splitting and hashing word by word cost 4x as much).

    >>> hashes, counts = token_hashes(["a rose is a rose", "", "rose"])
    >>> counts.tolist(), len(set(hashes.tolist()))
    ([5, 0, 1], 3)
    >>> bool(hashes[1] == hashes[4] == hashes[5])
    True
    """
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    parts, counts, group, size = [], [], [], 0
    for data in encoded:
        group.append(data)
        size += len(data) + 1
        if size >= GROUP_BYTES:
            parts.append(_hash_group(group, counts))
            group, size = [], 0
    if group or not parts:
        parts.append(_hash_group(group, counts))
    return np.concatenate(parts), np.concatenate(counts)


def _hash_group(encoded: list[bytes], counts: list[np.ndarray]) -> np.ndarray:
    """:func:`token_hashes` of some encoded texts; appends their token counts to ``counts``."""
    buf = b" ".join(encoded) + b" " * 16  # the padding keeps every token's loads inside
    n = len(buf) - 16
    space = np.empty(n + 2, dtype=bool)
    space[0] = space[-1] = True  # a space before and after: changes alternate start, end
    np.equal(np.frombuffer(buf, dtype=np.uint8, count=n), 32, out=space[1:-1])
    changes = np.flatnonzero(space[1:] != space[:-1])
    starts, ends = changes[0::2], changes[1::2]
    offsets = np.zeros(len(encoded) + 1, dtype=np.intp)
    np.cumsum([len(data) + 1 for data in encoded], out=offsets[1:])
    counts.append(np.diff(np.searchsorted(starts, offsets)))
    # every byte offset as the start of a little-endian 8-byte word (unaligned, read-only)
    words = np.ndarray((n + 9,), dtype="<u8", buffer=buf, strides=(1,))
    lengths = ends - starts
    rest = lengths - 8  # bytes past the first eight, at most eight (np.clip costs 5x this)
    np.maximum(rest, 0, out=rest)
    np.minimum(rest, 8, out=rest)
    with np.errstate(over="ignore"):
        low = words[starts] & _KEEP[np.minimum(lengths, 8)]
        high = words[starts + 8] & _KEEP[rest]
        hashes = _fmix(high * _MUL[1] + lengths.view(np.uint64) * _MUL[2])
        hashes ^= low * _MUL[0]
        _fmix(hashes)
    view = memoryview(buf)
    for k in np.flatnonzero(lengths > SHORT_TOKEN).tolist():
        hashes[k] = xxhash.xxh3_64_intdigest(view[int(starts[k]) : int(ends[k])])
    return hashes


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


def value_key(text: str) -> int:
    """Signed 64-bit key of a headline or an address, as given (the batch's buckets of
    same-headline and same-address candidates).

    >>> value_key("Fire at the port") == value_key("Fire at the port") != value_key("Fire at a port")
    True
    """
    value = xxhash.xxh3_64_intdigest(text.encode("utf-8", "surrogatepass"))
    return value - (1 << 64) if value >= 1 << 63 else value


def opening_key(body: str) -> int | None:
    """:func:`value_key` of a body's opening words (:func:`revtrack.grouping.openings.opening_words`), or
    None: what the store indexes and the batch buckets to find a stub by its report's opening.

    >>> opening_key("Fire broke out at the harbour on Tuesday night, and crews fought it till dawn.") == (
    ...     opening_key("Fire broke out at the harbour on Tuesday night, and crews fought it all day."))
    True
    >>> opening_key("Photo: Reuters") is None
    True
    """
    words = opening_words(body)
    return None if words is None else value_key(words)


def inner_opening_keys(body: str) -> list[int]:
    """:func:`value_key` of each later paragraph's opening words
    (:func:`revtrack.grouping.openings.inner_openings`): where another version's :func:`opening_key` is
    looked for."""
    return [value_key(words) for words in inner_openings(body)]
