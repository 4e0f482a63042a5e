"""What verification knows of one revision: word sets, 5-word runs, facts and time.

:func:`make_docs` builds many at once. Every word of every text is hashed in one
vectorised pass (:func:`~revtrack.grouping.fingerprint.token_hashes`); the word
sets and the 5-word runs are then sorted arrays of those hashes, so no Python
string or set is made per word. Facts (numbers and names) need the text's case
and are computed on first use: most candidate pairs are settled without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from itertools import compress
from operator import not_

import numpy as np

from revtrack.grouping.fingerprint import token_hashes
from revtrack.grouping.sketch import content_mask, grouping_text
from revtrack.text import cosmetic_fold, cosmetic_normalize


@dataclass(frozen=True, eq=False)
class Features:
    """What the word rule compares: word-hash sets and fact tokens of one revision."""

    headline_words: frozenset[int]  # hashes of the headline's content words (a few: a set is cheapest)
    content_words: np.ndarray  # sorted unique hashes of headline and body content words
    words: int  # words in the body
    text: str = field(default="", repr=False)  # the body, cosmetically folded

    @cached_property
    def facts(self) -> frozenset[str]:
        """Numbers and capitalised words not at a sentence start (see :func:`facts_of`)."""
        return facts_of(self.text)

    @cached_property
    def body_calendar(self) -> frozenset[str]:
        """The calendar and version facts the body names (see :func:`calendar_facts`)."""
        return calendar_facts(self.text)


@dataclass(frozen=True, eq=False)
class Doc:
    """What verification knows of one revision."""

    features: Features
    shingles: np.ndarray  # sorted unique hashes of its 5-word runs
    calendar: frozenset[str]  # calendar and version facts named in the headline
    day: float | None  # when it was first published or captured, in days (None: unknown)
    addresses: frozenset[str] = frozenset()  # the article addresses it was seen at
    opening: int | None = None  # the hash of its body's first 5-word run (None: a shorter body)


_STRIP = "\"'()[]{}<>,.;:!?"


def facts_of(text: str) -> frozenset[str]:
    """Numbers and capitalised words that do not start a sentence.

    Template words that open sentences are shared by templated stories; names and
    numbers inside sentences are what tells two such stories apart.

    >>> sorted(facts_of("Talks in Seoul ran 3 days. Officials met Lee's aides. 5 left."))
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


_SHINGLE = 5
_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xBF58476D1CE4E5B9),
    np.uint64(0x94D049BB133111EB),
    np.uint64(0xD6E8FEB86659FD93),
    np.uint64(0xC2B2AE3D27D4EB4F),
)
_SHIFT = np.uint64(29)


def run_hashes(hashes: np.ndarray) -> np.ndarray:
    """A hash of every run of five consecutive hashes: ``len(hashes) - 4`` values (order matters).

    >>> h = np.arange(1, 8, dtype=np.uint64)
    >>> runs = run_hashes(h)
    >>> len(runs), bool(runs[0] == run_hashes(h[:5])[0]), bool(runs[0] != runs[1])
    (3, True, True)
    """
    n = hashes.size - _SHINGLE + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    tmp = np.empty(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        acc = hashes[:n] * _MIX[0]
        acc *= _MIX[0]
        np.right_shift(acc, _SHIFT, out=tmp)
        acc ^= tmp
        for k in range(1, _SHINGLE):
            np.multiply(hashes[k : k + n], _MIX[k], out=tmp)
            acc ^= tmp
            acc *= _MIX[0]
            np.right_shift(acc, _SHIFT, out=tmp)
            acc ^= tmp
    return acc


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-D array, a quarter of its cost on short arrays.

    >>> sorted_unique(np.array([3, 1, 3, 2], dtype=np.uint64)).tolist()
    [1, 2, 3]
    """
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


_MONTHS = {
    name: n + 1
    for n, names in enumerate(
        [
            ("jan", "january", "januar", "janvier", "enero"),
            ("feb", "february", "februar", "fevrier", "febrero"),
            ("mar", "march", "marz", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juni", "juin", "junio"),
            ("jul", "july", "juli", "juillet", "julio"),
            ("aug", "august", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "oktober", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "dezember", "decembre", "diciembre"),
        ]
    )
    for name in names
}
_YEAR = re.compile(r"^(?:19|20)\d\d(?:h[12]|q[1-4])?$")
_VERSION = re.compile(r"^v?\d+(?:\.\d+)+[a-z]?$|^v\d+$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_WORDS = re.compile(r"[\w.]+")
_DIGIT = re.compile(r"\d")


def calendar_facts(headline: str) -> frozenset[str]:
    """Years, months, days next to a month, and version numbers named in a headline.

    >>> sorted(calendar_facts("Tuesday February 13 2024 Security Releases"))
    ['2024', 'd13', 'm2']
    >>> sorted(calendar_facts("Announcing Rust 1.12.0")) == sorted(calendar_facts("Announcing Rust 1.12"))
    True
    >>> sorted(calendar_facts("Death toll rises to 15 after floods"))
    []
    """
    text = cosmetic_normalize(headline).casefold()
    text = text.replace("\u00e4", "a").replace("\u00fb", "u").replace("\u00e9", "e")
    tokens = [t.strip(".") for t in _WORDS.findall(text)]
    if not _DIGIT.search(text):  # most headlines: only month names can be calendar facts
        return frozenset(f"m{_MONTHS[tok]}" for tok in tokens if tok in _MONTHS)
    out: set[str] = set()
    for n, tok in enumerate(tokens):
        if tok in _MONTHS:
            out.add(f"m{_MONTHS[tok]}")
            for near in (tokens[n - 1] if n else "", tokens[n + 1] if n + 1 < len(tokens) else ""):
                day = _DAY.match(near)
                if day and 1 <= int(day.group(1)) <= 31:
                    out.add(f"d{int(day.group(1))}")
        elif _YEAR.match(tok):
            out.add(tok)
        elif _VERSION.match(tok):
            parts = tok.lstrip("v").split(".")
            while len(parts) > 2 and parts[-1] == "0":  # 1.12.0 is 1.12
                parts.pop()
            out.add("v" + ".".join(parts))
    return frozenset(out)


def _day(when: str | None) -> float | None:
    if not when:
        return None
    try:
        value = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp() / 86400


def make_docs(items: Sequence[tuple]) -> list[Doc]:
    """Verification's view of many ``(headline, body, ISO time or None[, article addresses])``
    revisions, made together.

    >>> a, b = make_docs([("Port closes", "The port closed today.", None), ("Port closes", "", None)])
    >>> a.features.words, b.features.words, a.shingles.size, b.shingles.size
    (4, 0, 2, 2)
    """
    bodies = [cosmetic_fold(body) for _, body, *_ in items]  # whitespace is left: every use splits
    texts = []
    for (headline, *_), body in zip(items, bodies, strict=True):
        texts += (grouping_text(headline), grouping_text(body))
    hashes, counts = token_hashes(texts)
    content = content_mask(hashes)
    runs = run_hashes(hashes)  # across documents too: each takes the runs inside it
    bounds = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(counts, out=bounds[1:])
    docs = []
    for n, (headline, _, *when) in enumerate(items):
        start, middle, end = bounds[2 * n : 2 * n + 3].tolist()
        head = hashes[start:middle][content[start:middle]]
        words = hashes[start:end][content[start:end]]
        feats = Features(frozenset(head.tolist()), sorted_unique(words), end - middle, bodies[n])
        # a text shorter than a run is compared by its words
        shingles = runs[start : end - _SHINGLE + 1] if end - start >= _SHINGLE else hashes[start:end]
        time = when[0] if when else None
        addresses = frozenset(when[1]) if len(when) > 1 and when[1] else frozenset()
        opening = int(runs[middle]) if end - middle >= _SHINGLE else None
        doc = Doc(feats, sorted_unique(shingles), calendar_facts(headline), _day(time), addresses, opening)
        docs.append(doc)
    return docs


def make_doc(headline: str, body: str, when: str | None = None, addresses: Iterable[str] = ()) -> Doc:
    """Everything verification needs about one revision (``when``: ISO time, or None;
    ``addresses``: the article addresses it was seen at)."""
    return make_docs([(headline, body, when, frozenset(addresses))])[0]


def features(headline: str, body: str) -> Features:
    """Word-hash sets and facts of one revision: what the word rule of verification compares.

    >>> f = features("Lee meets Trump", "Lee met Trump in Washington on Aug. 25. It went well.")
    >>> sorted(f.facts)
    ['25', 'aug', 'trump', 'washington']
    >>> len(f.headline_words), f.words
    (3, 11)
    """
    return make_doc(headline, body).features
