"""Evidence that two revisions are versions of one story, or two stories cut from one template.

Newsrooms publish templated stories (monthly security notices, weekly updates,
annual survey launches, release schedules) that share most of their words and
names. Bags of words cannot tell them from revisions. Three kinds of evidence can:

* **order**: the share of the shorter text's 5-word runs found in the other
  (shingle containment). A revision keeps almost all of them, even when a
  paragraph is added; a template re-filled with this month's facts keeps the
  boilerplate only;
* **calendar facts in the headline**: the years, months, dates and version
  numbers a headline names. Two headlines naming different ones are two
  stories, unless the texts are near copies (a release postponed from the 6th
  to the 13th is one story whose headline changed). Counts ("death toll rises
  to 15") are not calendar facts: a story's numbers change as it develops;
* **time**: texts captured half a year apart under different headlines.

What remains is decided by the word and fact overlap of :func:`verify_words`.
The thresholds were calibrated on real revision histories
(``../shared/devcorpus``: 192 true pairs, 1,920 candidate pairs of different
documents) and checked on the generated corpus; docs/grouping.md gives the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from revtrack.grouping.fingerprint import hash64_many
from revtrack.grouping.sketch import STOP_WORDS, Features, jaccard
from revtrack.text import PUNCT_TO_SPACE, cosmetic_fold, cosmetic_normalize

#: Share of 5-word runs that makes two texts near copies: one story whatever else differs.
NEAR_COPY = 0.88
#: Texts sharing this share of runs and this much of their words are one story even when
#: their numbers moved on ("death toll rises to 12", then "to 15").
CLOSE_RUNS = 0.8
CLOSE_WORDS = 0.85
#: Days apart beyond which texts under different headlines need to be near copies.
FAR_APART_DAYS = 180
#: Below this headline word overlap, headlines count as different for the time rule.
SAME_HEADLINE = 0.5
#: Below this share of 5-word runs a text counts as rewritten, and must keep this
#: much of its content words (Jaccard) to be the same story.
REWRITTEN = 0.5
REWRITTEN_WORDS = 0.5
#: Items shorter than this (in words) need a stricter, headline-aware rule.
SHORT_WORDS = 50
_SHINGLE = 5
_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xBF58476D1CE4E5B9),
    np.uint64(0x94D049BB133111EB),
    np.uint64(0xD6E8FEB86659FD93),
    np.uint64(0xC2B2AE3D27D4EB4F),
)


@dataclass(frozen=True)
class Doc:
    """What verification knows of one revision."""

    features: Features
    shingles: np.ndarray  # sorted unique uint64 hashes of its 5-word runs
    calendar: frozenset[str]  # calendar and version facts named in the headline
    day: float | None  # when it was first published or captured, in days (None: unknown)


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Sorted unique hashes of every run of five tokens (of every token, for shorter texts).

    >>> a = shingle_hashes("the council voted on the budget".split())
    >>> b = shingle_hashes("the council voted on the budget today".split())
    >>> len(a), len(np.intersect1d(a, b))
    (2, 2)
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter(hash64_many(tokens), dtype=np.uint64, count=len(tokens))
    if len(tokens) < _SHINGLE:
        return _sorted_unique(h)
    n = len(tokens) - _SHINGLE + 1
    # the same mix as ``acc = (acc ^ (h[k:k+n] * MIX[k])) * MIX[0]; acc ^= acc >> 29``
    # for k = 0..4 from acc = 0, in place: a third fewer array allocations
    acc = h[:n] * _MIX[0]
    acc *= _MIX[0]
    tmp = np.empty(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.right_shift(acc, _SHIFT, out=tmp)
        acc ^= tmp
        for k in range(1, _SHINGLE):
            np.multiply(h[k : k + n], _MIX[k], out=tmp)
            acc ^= tmp
            acc *= _MIX[0]
            np.right_shift(acc, _SHIFT, out=tmp)
            acc ^= tmp
    return _sorted_unique(acc)


_SHIFT = np.uint64(29)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-D array, a quarter of its cost on short arrays.

    >>> _sorted_unique(np.array([3, 1, 3, 2], dtype=np.uint64)).tolist()
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


def make_doc(headline: str, body: str, when: str | None = None) -> Doc:
    """Everything verification needs about one revision (``when``: ISO time, or None).

    The text is tokenized once: the word sets and the 5-word runs come from the same tokens.
    """
    text = cosmetic_fold(body)  # whitespace is left unfolded: every use splits on it
    body_tokens = PUNCT_TO_SPACE.apply(text.casefold()).split()
    head_tokens = PUNCT_TO_SPACE.apply(cosmetic_normalize(headline).casefold()).split()
    head = frozenset(head_tokens) - STOP_WORDS
    words = set(body_tokens)  # built once and edited in place: two fewer set copies
    words -= STOP_WORDS
    words |= head
    content = frozenset(words)
    feats = Features(headline_words=head, content_words=content, words=len(body_tokens), text=text)
    return Doc(feats, shingle_hashes(head_tokens + body_tokens), calendar_facts(headline), _day(when))


@dataclass(frozen=True)
class Evidence:
    """The comparison of two revisions, every figure a decision used, and the decision."""

    same: bool
    reason: str
    words: float  # Jaccard of content words
    headline: float  # Jaccard of headline words
    containment: float  # share of the shorter text's 5-word runs found in the other
    calendar: tuple[frozenset[str], frozenset[str]]
    days_apart: float | None

    @property
    def strength(self) -> float:
        """How strongly the pair belongs together (for the order in which stories form)."""
        return self.containment + self.words / 100

    @property
    def near_copy(self) -> bool:
        """The texts share nearly every run of five words."""
        return self.containment >= NEAR_COPY

    def conflicts(self) -> bool:
        """The headlines name different calendar facts and the texts are not near copies."""
        a, b = self.calendar
        return bool(a and b and a != b) and not self.near_copy


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other (1.0 for two empty sets)."""
    small = min(a.size, b.size)
    if small == 0:
        return 1.0 if a.size == b.size else 0.0
    if a.size > b.size:
        a, b = b, a
    # both sorted and unique: look each of the smaller set's values up by bisection
    at = np.searchsorted(b, a)
    at[at == b.size] = 0
    return int(np.count_nonzero(b[at] == a)) / small


def weigh(a: Doc, b: Doc) -> Evidence:
    """Decide whether two revisions are versions of one story, and say why."""
    words = jaccard(a.features.content_words, b.features.content_words)
    head = jaccard(a.features.headline_words, b.features.headline_words)
    shared = containment(a.shingles, b.shingles)
    days = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    facts = (a.calendar, b.calendar)

    def evidence(same: bool, reason: str) -> Evidence:
        return Evidence(same, reason, words, head, shared, facts, days)

    if shared >= NEAR_COPY:
        return evidence(True, f"near copies: {shared:.0%} of 5-word runs shared")
    if (
        shared >= CLOSE_RUNS
        and words >= CLOSE_WORDS
        and not (a.calendar and b.calendar and a.calendar != b.calendar)
    ):
        # a developing story: the same words in the same order, a few numbers updated
        return evidence(
            True, f"same words ({words:.2f}) in the same order ({shared:.0%} of runs), facts updated"
        )
    if a.calendar and b.calendar and a.calendar != b.calendar:
        only_a = ", ".join(sorted(a.calendar - b.calendar)) or "-"
        only_b = ", ".join(sorted(b.calendar - a.calendar)) or "-"
        return evidence(False, f"headlines name different dates or versions ({only_a} / {only_b})")
    if days is not None and days > FAR_APART_DAYS and head < SAME_HEADLINE:
        return evidence(False, f"{days:.0f} days apart under different headlines, not near copies")
    if shared < REWRITTEN and words < REWRITTEN_WORDS:
        # a rewrite keeps most of its words even when it keeps few runs of them;
        # a template re-filled with other names keeps the runs of its boilerplate only
        return evidence(False, f"rewritten and few words shared: runs {shared:.0%}, words {words:.2f}")
    same, reason = verify_words(a.features, b.features, words)
    return evidence(same, reason)


def verify_words(a: Features, b: Features, words: float | None = None) -> tuple[bool, str]:
    """The word-and-fact rule: ``(same, reason)``.

    Body words must overlap and so must the facts (numbers and names): templated
    stories share their words but not their facts; stories sharing a quote share
    neither broadly. A version that grew or shrank a lot is caught by containment.
    """
    if words is None:  # weigh() passes the Jaccard of content words it has already
        words = jaccard(a.content_words, b.content_words)
    if min(a.words, b.words) < SHORT_WORDS:
        headline = jaccard(a.headline_words, b.headline_words)
        facts = _facts_overlap(a, b, words)
        ok = words >= 0.6 and headline >= 0.4 and facts >= 0.5
        return ok, f"short items: words {words:.2f}, headline {headline:.2f}, facts {facts:.2f}"
    if words >= 0.4:
        facts = _facts_overlap(a, b, words)
        if facts >= 0.4:
            return True, f"words {words:.2f} and facts {facts:.2f} overlap"
    if _grew(a, b):
        return True, f"one version contains the other (words {words:.2f})"
    return False, f"too little in common: words {words:.2f}"


def _facts_overlap(a: Features, b: Features, words: float) -> float:
    return jaccard(a.facts, b.facts) if (a.facts or b.facts) else words


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 1.0


def _grew(a: Features, b: Features) -> bool:
    """One version contains most of the other (a paragraph added or dropped)."""
    return _containment(a.content_words, b.content_words) >= 0.8 and _containment(a.facts, b.facts) >= 0.7
