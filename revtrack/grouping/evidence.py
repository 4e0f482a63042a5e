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
  stories, unless the texts are one text: near copies of which one names the
  other's date or version (a release postponed from the 6th to the 13th is one
  story whose headline changed; the same notes for two release branches, each
  naming its own version, are parallel editions), or a long document amended
  (a constitution or a policy whose title names its version keeps pages of its
  text, word for word, from one version to the next; a template's boilerplate
  is a few paragraphs). Counts ("death toll rises to 15") are not
  calendar facts: a story's numbers change as it develops;
* **time**: texts captured half a year apart under different headlines.

What remains is decided by the word and fact overlap of :func:`verify_words`.
The thresholds were calibrated on real revision histories
(``../shared/devcorpus``: 192 true pairs, 1,920 candidate pairs of different
documents) and checked on the generated corpus; docs/grouping.md gives the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from revtrack.grouping.docs import Doc, Features
from revtrack.grouping.sketch import jaccard

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
#: A text that keeps at least this many of its 5-word runs (about a page of text, word
#: for word and in order), and at least :data:`REWRITTEN` of the shorter one's, is one
#: long document amended, whatever its headline's version or date: the most a template
#: shared with another of its fillings in calendar conflict was 243 runs (two weekly
#: updates of the tuning set; 275 for two of Django's security notes).
AMENDED_RUNS = 500
#: Share of the shorter text's content words an edit at one address keeps, where its first
#: five words changed (a post whose figures were corrected); another story at a reused
#: address keeps few of them.
KEPT_AT_ONE_ADDRESS = 0.5
#: Items shorter than this (in words) need a stricter, headline-aware rule.
SHORT_WORDS = 50


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
    shared_runs: int  # how many 5-word runs the two texts share

    @property
    def strength(self) -> float:
        """How strongly the pair belongs together (for the order in which stories form)."""
        return self.containment + self.words / 100

    @property
    def one_text(self) -> bool:
        """The texts are one text, so their headlines may name other dates or versions: near
        copies (nearly every run of five words shared) or a long document amended."""
        return self.containment >= NEAR_COPY or self.amended

    @property
    def amended(self) -> bool:
        """A long document amended: pages of it kept word for word, half the shorter text or more."""
        return _amended(self.shared_runs, self.containment)


def _amended(runs: int, shared: float) -> bool:
    return runs >= AMENDED_RUNS and shared >= REWRITTEN


def common_count(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted arrays of unique values have in common.

    >>> common_count(np.array([1, 3, 5], dtype=np.uint64), np.array([3, 4, 5, 9], dtype=np.uint64))
    2
    """
    if a.size > b.size:
        a, b = b, a
    if a.size == 0:
        return 0
    # look each of the smaller array's values up in the other by bisection; a value past
    # the other's last is clipped to that last, smaller value, so it does not count
    return int(np.count_nonzero(b.take(b.searchsorted(a), mode="clip") == a))


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller set (sorted unique array) found in the other (1.0 for two empty sets)."""
    small = min(a.size, b.size)
    if small == 0:
        return 1.0 if a.size == b.size else 0.0
    return common_count(a, b) / small


def set_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sets held as sorted unique arrays (1.0 for two empty sets).

    >>> set_jaccard(np.array([1, 2], dtype=np.uint64), np.array([2, 3], dtype=np.uint64))
    0.3333333333333333
    """
    if a.size == 0 and b.size == 0:
        return 1.0
    common = common_count(a, b)
    return common / (a.size + b.size - common)


def weigh(a: Doc, b: Doc) -> Evidence:
    """Decide whether two revisions are versions of one story, and say why."""
    words = set_jaccard(a.features.content_words, b.features.content_words)
    head = jaccard(a.features.headline_words, b.features.headline_words)
    runs = common_count(a.shingles, b.shingles)
    shorter = min(a.shingles.size, b.shingles.size)
    shared = runs / shorter if shorter else (1.0 if a.shingles.size == b.shingles.size else 0.0)
    days = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    facts = (a.calendar, b.calendar)
    conflict = bool(a.calendar and b.calendar and a.calendar != b.calendar)

    def evidence(same: bool, reason: str) -> Evidence:
        return Evidence(same, reason, words, head, shared, facts, days, runs)

    only_a, only_b = a.calendar - b.calendar, b.calendar - a.calendar
    if shared >= NEAR_COPY and (not conflict or _names_the_other(a, b, only_a, only_b)):
        return evidence(True, f"near copies: {shared:.0%} of 5-word runs shared")
    if shared >= CLOSE_RUNS and words >= CLOSE_WORDS and not conflict:
        # a developing story: the same words in the same order, a few numbers updated
        return evidence(
            True, f"same words ({words:.2f}) in the same order ({shared:.0%} of runs), facts updated"
        )
    if conflict:
        named = f"({', '.join(sorted(only_a)) or '-'} / {', '.join(sorted(only_b)) or '-'})"
        if _amended(runs, shared):
            # pages of text kept word for word: one document whose title names its version
            return evidence(
                True,
                f"one long text amended: {runs:,} runs of 5 words kept ({shared:.0%}),"
                f" though the headlines name different dates or versions {named}",
            )
        if shared >= NEAR_COPY:
            return evidence(
                False,
                f"parallel editions: {shared:.0%} of 5-word runs shared, but the headlines name different"
                f" dates or versions {named} and neither text names the other's",
            )
        return evidence(False, f"headlines name different dates or versions {named}")
    if days is not None and days > FAR_APART_DAYS and head < SAME_HEADLINE:
        return evidence(False, f"{days:.0f} days apart under different headlines, not near copies")
    if shared < REWRITTEN and words < REWRITTEN_WORDS:
        # a rewrite keeps most of its words even when it keeps few runs of them;
        # a template re-filled with other names keeps the runs of its boilerplate only
        edited = _edited_at_one_address(a, b)
        if edited:
            return evidence(True, edited)
        return evidence(False, f"rewritten and few words shared: runs {shared:.0%}, words {words:.2f}")
    same, reason = verify_words(a.features, b.features, words)
    edited = None if same else _edited_at_one_address(a, b)
    return evidence(True, edited) if edited else evidence(same, reason)


def _edited_at_one_address(a: Doc, b: Doc) -> str | None:
    """Why two texts the words call two stories are one item edited, or None.

    A post's address (a status's or a message's own) is the post, and an article's usually
    its story: an edit that replaced half the words of a short post ("of course it is VS
    Code" -> "... the KDE Advanced Text Editor, Kate"), or its figures ("2 killed" -> "5
    killed, 12 injured"), keeps the address and its first words, or half its words at about
    its length. A site that reuses one address for another story starts it with other words
    and keeps few of the first one's. Asked only where the words part them.
    """
    common = a.addresses & b.addresses
    if not common:
        return None
    address = min(common)
    if a.opening is not None and a.opening == b.opening:
        return f"one address ({address}) and the same first five words: one item edited"
    small, large = sorted((a.features.content_words.size, b.features.content_words.size))
    kept = common_count(a.features.content_words, b.features.content_words) / small if small else 0.0
    # of a long text, any short one finds half its words; an edit keeps the length, roughly
    if kept >= KEPT_AT_ONE_ADDRESS and small >= large * KEPT_AT_ONE_ADDRESS:
        return f"one address ({address}) and {kept:.0%} of the shorter text's words kept: one item edited"
    return None


def _names_the_other(a: Doc, b: Doc, only_a: frozenset[str], only_b: frozenset[str]) -> bool:
    """Whether one text names a date or version that only the other's headline names.

    A release postponed from the 6th to the 13th says so; parallel editions (the same
    security notes for two release branches) each name their own version only. The
    bodies' calendar facts are worked out here, for near copies in conflict only.
    """
    return bool(only_b & a.features.body_calendar or only_a & b.features.body_calendar)


def verify_words(a: Features, b: Features, words: float | None = None) -> tuple[bool, str]:
    """The word-and-fact rule: ``(same, reason)``.

    Body words must overlap and so must the facts (numbers and names): templated
    stories share their words but not their facts; stories sharing a quote share
    neither broadly. A version that grew or shrank a lot is caught by containment.
    """
    if words is None:  # weigh() passes the Jaccard of content words it has already
        words = set_jaccard(a.content_words, b.content_words)
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
    """How far two texts' facts agree; where one names none, its words stand in: a name or a
    number an update adds contradicts nothing (two different facts do)."""
    return jaccard(a.facts, b.facts) if (a.facts and b.facts) else words


def _grew(a: Features, b: Features) -> bool:
    """One version contains most of the other (a paragraph added or dropped)."""
    small = min(a.content_words.size, b.content_words.size)
    if small and common_count(a.content_words, b.content_words) / small < 0.8:
        return False
    small = min(len(a.facts), len(b.facts))
    return (len(a.facts & b.facts) / small if small else 1.0) >= 0.7
