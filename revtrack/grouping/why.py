"""``revtrack why A B``: the evidence and the scores that put two revisions together or apart.

For two revisions, the pair's own evidence (every figure the rule used and its
verdict), what made them a candidate pair (or that nothing did), whether they
share a story, the chain of verified pairs that joins them (a story forms from
pairs, so two revisions of one story may be linked only through others), what
keeps them apart when they are not, and the manual corrections involved. For
two stories, the closest pair of their revisions.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from revtrack.errors import NotFoundError
from revtrack.grouping.candidates import PREFILTER_JACCARD
from revtrack.grouping.docs import make_doc
from revtrack.grouping.evidence import Evidence, weigh
from revtrack.grouping.identity import is_article_address
from revtrack.grouping.openings import inner_openings, opening_words
from revtrack.grouping.sketch import split_blob


@dataclass(frozen=True)
class Why:
    """Everything ``revtrack why`` reports."""

    a: str  # revision ids
    b: str
    story_a: str
    story_b: str
    evidence: Evidence
    path: tuple[tuple[str, str, Evidence], ...]  # verified pairs joining a to b, if any
    overrides: tuple[tuple[str, str, str, str], ...]  # (kind, a, b, created_at)
    found_by: tuple[str, ...] = ()  # what makes the pair a candidate (empty: never weighed)

    @property
    def together(self) -> bool:
        """The two revisions are in one story."""
        return self.story_a == self.story_b


def _revision_or_story(store, target: str) -> list[str]:
    try:
        return [store.resolve("revision", target)]
    except NotFoundError:
        story = store.resolve("story", target)
        return store.story_members(store.conn, story)


def explain(store, first: str, second: str) -> Why:
    """Explain how the store groups ``first`` and ``second`` (revision or story ids)."""
    conn = store.conn
    left, right = _revision_or_story(store, first), _revision_or_story(store, second)
    docs = {}
    for rid in set(left) | set(right):
        docs[rid] = make_doc(*store.revision_for_grouping(conn, rid))
    scored = sorted(
        ((weigh(docs[x], docs[y]), x, y) for x in left for y in right if x != y),
        key=lambda t: (-t[0].strength, t[1], t[2]),
    )
    if not scored:  # the same revision twice
        x = left[0]
        evidence, a, b = weigh(docs[x], docs[x]), x, x
    else:
        evidence, a, b = scored[0]
    stories = store.stories_of(conn, [a, b])
    return Why(
        a,
        b,
        stories[a],
        stories[b],
        evidence,
        tuple(_path(store, conn, a, b)),
        tuple(store.overrides_of(conn, [a, b])),
        candidate_reasons(store, conn, a, b),
    )


def candidate_reasons(store, conn, a: str, b: str) -> tuple[str, ...]:
    """Why grouping weighs the pair ``a``, ``b`` at all (:mod:`revtrack.grouping.candidates`):
    a shared band of their word sketches (with the sketches agreeing enough), the same
    headline, the same opening words, the opening words of one starting a later paragraph
    of the other, an article address both were seen at. Empty: the pair is never weighed."""
    if a == b:
        return ()
    nodes = store.grouping_nodes(conn, [a, b])
    reasons = []
    (head_a, blob_a), (head_b, blob_b) = nodes[a], nodes[b]
    if blob_a and blob_b:
        (keys_a, low_a), (keys_b, low_b) = split_blob(blob_a), split_blob(blob_b)
        if (keys_a == keys_b).any() and (low_a == low_b).mean() >= PREFILTER_JACCARD:
            reasons.append("a shared band of their word sketches")
    if head_a.strip() and head_a == head_b:
        reasons.append("the same headline")
    body_a, body_b = store.revision_for_grouping(conn, a)[1], store.revision_for_grouping(conn, b)[1]
    opening_a, opening_b = opening_words(body_a), opening_words(body_b)
    if opening_a is not None and opening_a == opening_b:
        reasons.append(f'the same opening words ("{opening_a} ...")')
    for opening, other in ((opening_a, body_b), (opening_b, body_a)):
        if opening is not None and opening in inner_openings(other):
            reasons.append(f'the opening words of one ("{opening} ...") start a later paragraph of the other')
    shared = sorted(
        u for u in store.addresses_of(conn, a) & store.addresses_of(conn, b) if is_article_address(u)
    )
    reasons += [f"the address {url}" for url in shared]
    return tuple(reasons)


def _path(store, conn, a: str, b: str) -> list[tuple[str, str, Evidence]]:
    """The shortest chain of verified pairs from ``a`` to ``b`` (empty when there is none)."""
    if a == b:
        return []
    previous: dict[str, str] = {a: a}
    todo = deque([a])
    while todo:
        node = todo.popleft()
        if node == b:
            break
        for other in store._neighbours(conn, node):
            if other not in previous:
                previous[other] = node
                todo.append(other)
    if b not in previous:
        return []
    chain = [b]
    while chain[-1] != a:
        chain.append(previous[chain[-1]])
    chain.reverse()
    out = []
    for x, y in zip(chain, chain[1:], strict=False):
        left, right = store.revision_for_grouping(conn, x), store.revision_for_grouping(conn, y)
        out.append((x, y, weigh(make_doc(*left), make_doc(*right))))
    return out
