"""``revtrack watch``: follow RSS and Atom feeds, and re-fetch their articles as they age.

One pass reads every feed (a conditional GET, then feedparser), fetches entries
not seen before, and re-fetches every tracked page whose check is due, however
it was first fetched (by ``fetch`` or from a feed). Due-ness is worked out from
the schedule the pass runs with, so a changed ``revisit:`` applies at once. The revisit
schedule backs off with an article's age, as NewsDiffs and diffengine do: by
default every 15 minutes for its first 6 hours, hourly to 2 days, daily to 2
weeks, then never. Each page is its own capture transaction, so a watch may be
stopped at any moment and run beside the TUI and other ingests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from revtrack import grouping
from revtrack.capture.fetch import FEED_TYPES, PAGE_TYPES, Fetcher
from revtrack.capture.pages import FetchReport, fetch_page
from revtrack.capture.schedule import Revisit, utc_time
from revtrack.errors import InputError
from revtrack.models import utc_text
from revtrack.store import Store
from revtrack.store.fetched import FetchedUrl


@dataclass
class WatchReport(FetchReport):
    """A watch pass: the fetch figures plus feeds read and the changes found."""

    feeds: int = 0
    new_articles: int = 0
    rechecked: int = 0  # tracked pages fetched again
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
    everything: bool = False,
) -> WatchReport:
    """One pass over the feeds, then every tracked page that is due (``everything``: due or not)."""
    import feedparser  # only `watch` loads it

    policy = policy or Revisit()
    now = now or datetime.now(UTC)
    report = WatchReport()
    index = grouping.LshIndex()
    fetched_now: set[str] = set()
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
            fetch_page(store, fetcher, link, report, index, now, feed=feed, next_check=policy.schedule(now))
            fetched_now.add(link)
            report.new_articles += report.fetched - before
    pages = [row for row in store.fetched_pages() if row.url not in fetched_now]
    recheck(store, fetcher, pages, report, index, policy, now, everything)
    return report


def recheck(
    store: Store,
    fetcher: Fetcher,
    pages: list[FetchedUrl],
    report: WatchReport,
    index: grouping.LshIndex,
    policy: Revisit,
    now: datetime,
    everything: bool = False,
) -> None:
    """Fetch again the pages due by ``policy`` (``everything``: all of them); a line per change."""
    for row in pages:
        if not everything and not policy.due(utc_time(row.first_fetched), utc_time(row.last_fetched), now):
            continue
        changed_before = len(report.changed_stories)
        fetch_page(
            store, fetcher, row.url, report, index, now, feed=row.feed, next_check=policy.schedule(now)
        )
        report.rechecked += 1
        for story_id in report.changed_stories[changed_before:]:
            report.changes.append(describe_change(store, story_id))


def recheck_all(store: Store, fetcher: Fetcher, policy: Revisit | None = None) -> WatchReport:
    """``revtrack fetch --recheck``: every page revtrack fetched before, fetched again now."""
    report = WatchReport()
    recheck(
        store,
        fetcher,
        store.fetched_pages(),
        report,
        grouping.LshIndex(),
        policy or Revisit(),
        datetime.now(UTC),
        everything=True,
    )
    return report


def tracked_count(store: Store, policy: Revisit, now: datetime | None = None) -> int:
    """Pages still on ``policy``'s schedule (younger than its last step)."""
    now = now or datetime.now(UTC)
    return sum(
        policy.next_check(utc_time(row.first_fetched), now) is not None for row in store.fetched_pages()
    )


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
    if last.facts_changed:
        what += f"; {last.facts_changed} fact(s) changed"
    return inert_line(f"{story_id[:10]}  {outlets}  {last.revision.headline}: {what}")


def _record_feed(store: Store, feed: str, etag: str | None, last_modified: str | None, now: datetime) -> None:
    with store.transaction() as conn:
        store.record_fetch(
            conn,
            feed,
            utc_text(now),
            etag=etag,
            last_modified=last_modified,
            content_hash=None,
            changed=True,
            kind="feed",
        )
