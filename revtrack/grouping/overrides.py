"""Manual corrections: merge two stories, split one at a revision, undo both.

Journalists must trust a grouping before they cite it, and fix it when it is
wrong. Corrections are stored as revision pairs (``story_overrides``): a merge
links every revision of the two stories (``must``), a split separates every
revision before the cut from every one after it (``cannot``). A merge of two
halves of a split removes the split instead of stacking a merge on it. They survive later
ingests and :func:`~revtrack.grouping.stories.regroup`, because clustering reads
them every time; :func:`reset` removes those touching a story.

A story merged by hand takes new versions by the pair rule alone: the checks
that keep templated stories apart would otherwise refuse its new versions,
since it now holds, by the user's choice, texts that the rule keeps apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from revtrack.errors import NotFoundError, RevtrackError
from revtrack.grouping.stories import recluster
from revtrack.models import order_key, utc_text


@dataclass(frozen=True)
class OverrideReport:
    """What a correction did: the stories it left, by id."""

    stories: tuple[str, ...]
    overrides: int


def _now() -> str:
    return utc_text(datetime.now(UTC))


def _ordered_members(store, conn, story_id: str) -> list[str]:

    rows = store.revision_rows(story_id)
    return [
        r["id"]
        for r in sorted(rows, key=lambda r: order_key(r["first_published"], r["first_captured"], r["id"]))
    ]


def merge(store, a: str, b: str) -> OverrideReport:
    """Put stories ``a`` and ``b`` (ids or prefixes) into one story, for good."""
    sa, sb = store.resolve("story", a), store.resolve("story", b)
    if sa == sb:
        raise RevtrackError(f"{a} and {b} are one story already ({sa[:10]})")
    with store.transaction() as conn:
        left, right = store.story_members(conn, sa), store.story_members(conn, sb)
        members = sorted(set(left) | set(right))
        pairs: list[tuple[str, str]] = []
        # a merge first undoes a split between the two: split then merge is the story again
        if store.drop_overrides_between(conn, left, right, kind="cannot"):
            recluster(store, conn, members)
        if len(set(store.stories_of(conn, members).values())) > 1:  # the rule still keeps them apart
            pairs = list(zip(members, members[1:], strict=False))
            store.add_overrides(conn, "must", pairs, _now())
            recluster(store, conn, members)
        stories = tuple(sorted(set(store.stories_of(conn, members).values())))
    return OverrideReport(stories, len(pairs))


def split(store, story: str, at: str) -> OverrideReport:
    """Split a story before revision ``at``: earlier revisions stay, ``at`` and later ones leave."""
    sid = store.resolve("story", story)
    rid = store.resolve("revision", at)
    with store.transaction() as conn:
        members = _ordered_members(store, conn, sid)
        if rid not in members:
            raise NotFoundError(f"revision {at} is not in story {sid[:10]}")
        cut = members.index(rid)
        if cut == 0:
            raise RevtrackError(f"revision {at} is the story's first: nothing to split off before it")
        left, right = members[:cut], members[cut:]
        pairs = [(x, y) for x in left for y in right]
        store.drop_overrides_between(conn, left, right)
        store.add_overrides(conn, "cannot", pairs, _now())
        recluster(store, conn, members)
        stories = tuple(sorted(set(store.stories_of(conn, members).values())))
    return OverrideReport(stories, len(pairs))


def reset(store, story: str) -> OverrideReport:
    """Forget every manual merge and split touching a story, and group its revisions by the rule."""
    sid = store.resolve("story", story)
    with store.transaction() as conn:
        members = store.story_members(conn, sid)
        touched = {x for kind, a, b, _ in store.overrides_of(conn, members) for x in (a, b)}
        removed = store.drop_overrides(conn, members)
        recluster(store, conn, sorted(set(members) | touched))
        stories = tuple(sorted(set(store.stories_of(conn, sorted(set(members) | touched)).values())))
    return OverrideReport(stories, removed)
