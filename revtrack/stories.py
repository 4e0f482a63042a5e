"""Read-side library API: stories, a story's revision log, one revision.

These functions turn store rows into frozen dataclasses for the CLI, the JSON
output and the TUI. Revisions are ordered by resolved published time, then first
capture time, then id (a stable total order).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revtrack.extract.accounting import Accounting
from revtrack.models import order_key
from revtrack.store import Store

if TYPE_CHECKING:
    from revtrack.comparison import Comparison


@dataclass(frozen=True)
class Sighting:
    """One capture that held a revision's text."""

    path: str
    captured_at: str
    published: str | None
    date_text: str | None
    outlet: str | None
    section: str | None
    url: str | None
    position: int
    published_precision: str | None = None
    byline: str | None = None
    layout: str | None = None  # how the capture was read: plain, page, html, jsonl
    layout_choice: str = "auto"  # what the user asked for (--layout, a manifest)
    # what extraction did with the capture's lines (None: not recorded, for HTML, JSON Lines
    # and captures stored before schema v7 until `revtrack reextract`)
    accounting: Accounting | None = None


@dataclass(frozen=True)
class Revision:
    """One distinct text of a story, with every sighting of it."""

    id: str
    story_id: str
    headline: str
    body: str
    words: int
    published: str | None
    captured: str
    sightings: tuple[Sighting, ...]

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets that printed this text, in sighting order."""
        return list(dict.fromkeys(s.outlet for s in self.sightings if s.outlet))


@dataclass(frozen=True)
class StorySummary:
    """A story as listed: latest headline, outlets, revision count, times."""

    id: str
    headline: str
    outlets: tuple[str, ...]
    revisions: int
    first_seen: str
    last_seen: str
    last_change: str  # when the newest wording was first captured (not what the page says)
    last_published: str | None = None  # the newest published time any revision gives


def _accounting(stored: str | None) -> Accounting | None:
    """A capture's stored record of its lines (JSON), read back."""
    if not stored:
        return None
    return Accounting.from_json(json.loads(stored))


def _sightings(store: Store, revision_ids: list[str]) -> dict[str, list[Sighting]]:
    out: dict[str, list[Sighting]] = {rid: [] for rid in revision_ids}
    for row in store.sighting_rows(revision_ids):
        out[row["revision_id"]].append(
            Sighting(
                path=row["path"],
                captured_at=row["captured_at"],
                published=row["published"],
                date_text=row["date_text"],
                outlet=row["outlet"],
                section=row["section"],
                url=row["url"],
                position=row["position"],
                published_precision=row["published_precision"],
                byline=row["byline"],
                layout=row["layout"],
                layout_choice=row["layout_choice"],
                accounting=_accounting(row["extraction"]),
            )
        )
    return out


def _revision(row, story_id: str, sightings: list[Sighting]) -> Revision:
    """A :class:`Revision` from a revisions row and its sightings."""
    return Revision(
        id=row["id"],
        story_id=story_id,
        headline=row["headline"],
        body=row["body"],
        words=row["words"],
        published=row["first_published"],
        captured=row["first_captured"],
        sightings=tuple(sightings),
    )


def story_revisions(store: Store, story: str) -> list[Revision]:
    """All revisions of a story (id or unambiguous prefix, aliases followed), oldest first."""
    story_id = store.resolve("story", story)
    rows = store.revision_rows(story_id)
    sightings = _sightings(store, [r["id"] for r in rows])
    revisions = [_revision(r, story_id, sightings[r["id"]]) for r in rows]
    return sorted(revisions, key=lambda r: order_key(r.published, r.captured, r.id))


def get_revision(store: Store, revision: str) -> Revision:
    """One revision by id or unambiguous prefix."""
    rid = store.resolve("revision", revision)
    row = store.revision_row(rid)
    return _revision(row, row["story_id"], _sightings(store, [rid])[rid])


def list_stories(store: Store, limit: int | None = None) -> list[StorySummary]:
    """Stories, most recently changed first (ties by id): all, or the newest ``limit``.

    With a limit only those stories are read (off an index), so the first page
    of a large store shows at once.
    """
    with store.reading():  # ids, headlines and rows from one state, while an ingest regroups
        ids = store.recent_story_ids(limit) if limit is not None else None
        latest = store.latest_headlines(ids)
        rows = store.story_rows(ids)
    out = [
        StorySummary(
            id=row["id"],
            headline=latest.get(row["id"], ""),
            outlets=tuple(sorted(set((row["outlets"] or "").split(",")) - {""})),
            revisions=row["revisions"],
            first_seen=row["first_seen"],
            last_seen=row["last_seen"],
            last_change=row["last_change"],
            last_published=row["last_published"],
        )
        for row in rows
    ]
    out.sort(key=lambda s: s.id)
    out.sort(key=lambda s: s.last_change, reverse=True)
    return out


@dataclass(frozen=True)
class LogEntry:
    """One line of a story's log: a revision and what changed against the previous one."""

    revision: Revision
    words_added: int
    words_removed: int
    headline_changed: bool
    words_changed: int = 0  # replaced in place (counted on both sides in diff's figures)
    facts_changed: int = 0  # changes to a number, date or name (revtrack.diffing.facts)


@dataclass(frozen=True)
class Step:
    """One revision of a story with its comparison against the revision before it."""

    revision: Revision
    previous: Revision | None  # None for the story's first revision
    comparison: Comparison | None  # :func:`revtrack.diffing.compare_revisions`; None for the first
    headline_changed: bool = False


def story_steps(store: Store, story: str) -> list[Step]:
    """A story's revisions oldest first, each compared with the one before it: the one
    computation behind ``log``, ``report`` and the figures every surface prints."""
    # the diff engine loads only when comparisons are asked for
    from revtrack.diffing import compare, compare_revisions

    revisions = story_revisions(store, story)
    steps: list[Step] = []
    for previous, rev in zip([None, *revisions], revisions, strict=False):
        if previous is None:
            steps.append(Step(rev, None, None))
            continue
        comparison = compare_revisions(previous.headline, previous.body, rev.headline, rev.body)
        headline_changed = compare(previous.headline, rev.headline).stats.wording_changed
        steps.append(Step(rev, previous, comparison, headline_changed))
    return steps


def story_log(store: Store, story: str) -> list[LogEntry]:
    """A story's revisions oldest first, each with the figures against the one before
    (:func:`revtrack.diffing.compare_revisions`: the numbers `diff`, the TUI and export print)."""
    entries: list[LogEntry] = []
    for step in story_steps(store, story):
        if step.comparison is None:
            entries.append(LogEntry(step.revision, step.revision.words, 0, False))
            continue
        stats = step.comparison.stats
        entries.append(
            LogEntry(
                step.revision,
                stats.words_added,
                stats.words_deleted,
                step.headline_changed,
                stats.words_changed,
                stats.facts_changed,
            )
        )
    return entries


@dataclass(frozen=True)
class WordingChange:
    """A revision whose wording differs from the one before it in its story."""

    previous: Revision
    revision: Revision
    comparison: Comparison  # :func:`revtrack.diffing.compare_revisions`: the figures every surface prints


def wording_changes(
    store: Store, stories: list[str] | None = None, site: str | None = None, limit: int | None = None
) -> list[WordingChange]:
    """Every wording change, newest first by when revtrack first saw it (all stories, or these).

    ``site`` keeps the changes whose revision was seen on that host (in a
    sighting's URL or path) or printed by that outlet; cosmetic-only changes are
    not wording changes.
    """
    from revtrack.diffing import compare_revisions

    if stories:
        ids = list(dict.fromkeys(store.resolve("story", s) for s in stories))
    else:
        ids = [s.id for s in list_stories(store) if s.revisions > 1]
    out: list[WordingChange] = []
    for story_id in ids:
        revisions = story_revisions(store, story_id)
        for previous, revision in zip(revisions, revisions[1:], strict=False):
            if site and not _seen_on(revision, site):
                continue
            comparison = compare_revisions(previous.headline, previous.body, revision.headline, revision.body)
            if comparison.stats.wording_changed:
                out.append(WordingChange(previous, revision, comparison))
    out.sort(key=lambda c: (c.revision.captured, c.revision.id), reverse=True)
    return out[:limit] if limit is not None else out


def _seen_on(revision: Revision, site: str) -> bool:
    """Whether a sighting's URL or path names host ``site``, or its outlet is ``site``.

    >>> when = "2026-01-01T00:00:00Z"
    >>> s = Sighting("https://www.example.org/a", when, None, None, "Gazette", None, None, 0)
    >>> r = Revision("r", "s", "h", "b", 1, None, when, (s,))
    >>> _seen_on(r, "example.org"), _seen_on(r, "gazette"), _seen_on(r, "other.org")
    (True, True, False)
    """
    from urllib.parse import urlsplit

    wanted = site.casefold().removeprefix("www.")
    for s in revision.sightings:
        hosts = {
            urlsplit(u).netloc.casefold().removeprefix("www.") for u in (s.url, s.path) if u and "://" in u
        }
        if wanted in hosts or (s.outlet or "").casefold() == wanted:
            return True
    return False
