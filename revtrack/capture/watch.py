"""``revtrack watch``: follow RSS and Atom feeds, and re-fetch their articles as they age.

One pass reads every feed (a conditional GET, then feedparser), fetches entries
not seen before, and re-fetches tracked articles whose check is due. The revisit
schedule backs off with an article's age, as NewsDiffs and diffengine do: by
default every 15 minutes for its first 6 hours, hourly to 2 days, daily to 2
weeks, then never. Each page is its own capture transaction, so a watch may be
stopped at any moment and run beside the TUI and other ingests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from revtrack import grouping
from revtrack.capture.fetch import FEED_TYPES, PAGE_TYPES, Fetcher
from revtrack.capture.pages import FetchReport, fetch_page
from revtrack.errors import InputError
from revtrack.models import utc_text
from revtrack.store import Store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
#: Longer durations are refused: a schedule past them would overflow the calendar.
MAX_DURATION = timedelta(days=100 * 365)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """``"15m"``, ``"6h"``, ``"2d"``, ``"1w"`` as a timedelta; ``ValueError`` otherwise.

    >>> parse_duration("15m"), parse_duration("2d")
    (datetime.timedelta(seconds=900), datetime.timedelta(days=2))
    """
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration such as 15m, 6h, 2d or 1w")
    seconds = float(match.group(1)) * _UNIT[match.group(2)]
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"{text!r} is longer than {MAX_DURATION.days // 365} years")
    return timedelta(seconds=seconds)


@dataclass(frozen=True)
class Revisit:
    """While an article is younger than each step's age, it is checked at that step's interval."""

    steps: tuple[tuple[timedelta, timedelta], ...] = (
        (timedelta(hours=6), timedelta(minutes=15)),
        (timedelta(days=2), timedelta(hours=1)),
        (timedelta(days=14), timedelta(days=1)),
    )

    @classmethod
    def parse(cls, steps: Iterable[object]) -> Revisit:
        """From config pairs such as ``[["6h", "15m"], ["2d", "1h"]]`` (until age, every)."""
        if not isinstance(steps, (list, tuple)):
            raise ValueError(f"revisit: {steps!r} is not a list of [until age, every] pairs")
        parsed = []
        for step in steps:
            if not isinstance(step, (list, tuple)) or len(step) != 2:
                raise ValueError(f"{step!r}: each revisit step is [until age, every]")
            parsed.append((parse_duration(step[0]), parse_duration(step[1])))
        return cls(tuple(sorted(parsed)))

    def next_check(self, first_fetched: datetime, now: datetime) -> datetime | None:
        """When to check again an article first fetched at ``first_fetched``; None: never.

        >>> r, t0 = Revisit(), datetime(2026, 1, 1, tzinfo=UTC)
        >>> r.next_check(t0, t0 + timedelta(hours=1)) - t0
        datetime.timedelta(seconds=4500)
        >>> r.next_check(t0, t0 + timedelta(days=15)) is None
        True
        """
        age = now - first_fetched
        for until, every in self.steps:
            if age < until:
                return now + every
        return None


@dataclass
class WatchReport(FetchReport):
    """A watch pass: the fetch figures plus feeds read and the changes found."""

    feeds: int = 0
    new_articles: int = 0
    changes: list[str] = field(default_factory=list)  # one line per story that gained a revision
    notes: list[str] = field(default_factory=list)  # what a user should know (a very large feed)


#: A feed with more new entries than this gets a note, and its newest entries are fetched first.
LARGE_FEED = 200


def watch_once(
    store: Store,
    feeds: list[str],
    fetcher: Fetcher,
    policy: Revisit | None = None,
    now: datetime | None = None,
) -> WatchReport:
    """One pass over the feeds and the articles due; returns what it did."""
    import feedparser  # only `watch` loads it

    policy = policy or Revisit()
    now = now or datetime.now(UTC)
    report = WatchReport()
    index = grouping.LshIndex()

    def schedule(first_fetched: str) -> str | None:
        first = datetime.fromisoformat(first_fetched.replace("Z", "+00:00"))
        when = policy.next_check(first, now)
        return utc_text(when) if when else None

    for feed in feeds:
        known = store.fetched(feed)
        try:
            page = fetcher.get(
                feed,
                known.etag if known else None,
                known.last_modified if known else None,
                FEED_TYPES + PAGE_TYPES,
            )
        except InputError as exc:
            report.errors.append(str(exc))
            continue
        if page is None:  # 304: no new entries
            report.feeds += 1
            continue
        parsed = feedparser.parse(page.body)
        problem = parsed.get("bozo_exception")
        # encoding and content-type mismatches are bozo too, and harmless; broken XML is not
        benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
        if (parsed.bozo and not isinstance(problem, benign)) or not (parsed.entries or parsed.feed):
            reason = " ".join(str(problem or "not a feed").split())[:160]
            report.errors.append(f"{feed}: feed does not parse ({reason}); skipped")
            continue
        report.feeds += 1  # read: it parsed as a feed
        _record_feed(store, feed, page.etag, page.last_modified, now)
        entries = [e for e in parsed.entries if e.get("link") and store.fetched(e.get("link")) is None]
        if len(entries) > LARGE_FEED:
            entries.sort(key=_entry_time, reverse=True)  # the newest first: a pass may be stopped
            minutes = len(entries) * fetcher.options.host_delay / 60
            report.notes.append(
                f"{feed}: {len(entries)} new entries; at {fetcher.options.host_delay:g} s between requests"
                f" this pass takes about {minutes:.0f} min; the newest are fetched first"
            )
        for entry in entries:
            link = entry.get("link")
            before = report.fetched
            fetch_page(store, fetcher, link, report, index, now, feed=feed, next_check=schedule)
            report.new_articles += report.fetched - before
    for row in store.due(utc_text(now)):
        changed_before = len(report.changed_stories)
        fetch_page(store, fetcher, row.url, report, index, now, feed=row.feed, next_check=schedule)
        for story_id in report.changed_stories[changed_before:]:
            report.changes.append(describe_change(store, story_id))
    return report


def _entry_time(entry) -> tuple:
    """An entry's published (or updated) time, for sorting; entries without one sort last."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return (1, tuple(stamp)) if stamp else (0, ())


def describe_change(store: Store, story_id: str) -> str:
    """One line: story, outlet, headline, and what its newest revision changed."""
    from revtrack.safety import inert_line
    from revtrack.stories import story_log

    entries = story_log(store, story_id)
    last = entries[-1]
    outlets = ", ".join(last.revision.outlets) or "-"
    what = f"+{last.words_added} -{last.words_removed} ~{last.words_changed} words"
    if last.headline_changed:
        what = "headline changed; " + what
    return inert_line(f"{story_id[:10]}  {outlets}  {last.revision.headline}: {what}")


def _record_feed(store: Store, feed: str, etag: str | None, last_modified: str | None, now: datetime) -> None:
    with store.transaction() as conn:
        store.record_fetch(
            conn, feed, utc_text(now), etag=etag, last_modified=last_modified, content_hash=None, changed=True
        )
