"""Fetched pages become captures: ``revtrack fetch`` and the page half of ``watch``.

A page is stored like any capture (its one transaction, raw bytes kept, the
fetch time as the capture time, the host as the site whose chrome is learned),
then its validators and schedule are remembered in the ``fetched`` table. A 304,
or bytes already stored, add nothing. A failure is one line naming the URL; the
other URLs go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from revtrack import grouping
from revtrack.capture.fetch import Fetcher, FetchOptions
from revtrack.capture.schedule import Revisit
from revtrack.errors import InputError
from revtrack.grouping.fingerprint import content_hash
from revtrack.ingest.captures import IngestReport, prepare_bytes, write_capture
from revtrack.models import utc_text
from revtrack.store import Store


@dataclass
class FetchReport:
    """What a fetch run did."""

    fetched: int = 0  # pages that were stored as new captures
    unchanged: int = 0  # 304s and bytes stored before
    new_revisions: int = 0
    changed_stories: list[str] = field(default_factory=list)  # stories that gained a revision
    errors: list[str] = field(default_factory=list)


def fetch_page(
    store: Store,
    fetcher: Fetcher,
    url: str,
    report: FetchReport,
    index: grouping.LshIndex,
    now: datetime,
    feed: str | None = None,
    next_check: Callable[[str], str | None] | None = None,
) -> None:
    """Fetch one URL and store it if it changed; failures go to ``report.errors``.

    ``next_check`` gives the page's next check from its first fetch time (by
    default the default :class:`~revtrack.capture.schedule.Revisit` schedule).
    """
    next_check = next_check or Revisit().schedule(now)
    known = store.fetched(url)
    when = utc_text(now)
    first = known.first_fetched if known else when
    try:
        page = fetcher.get(url, known.etag if known else None, known.last_modified if known else None)
        if page is None or (known and content_hash(page.body) == known.content_hash):
            report.unchanged += 1
            _remember(store, url, when, None, None, None, False, feed, next_check(first))
            return
        digest = content_hash(page.body)
        if store.capture_by_hash(digest) is None:
            site = urlsplit(page.url).netloc.lower()
            prepared = prepare_bytes(
                url,
                page.body,
                now,
                "fetch",
                site,
                store.chrome_keys,
                digest=digest,
                served_as_html=page.content_type in ("text/html", "application/xhtml+xml"),
            )
            written = IngestReport()
            write_capture(store, prepared, written, index)
            report.new_revisions += written.new_revisions
            if written.captures:
                report.fetched += 1
                new_ids = [row.revision_id for row in prepared.rows]
                report.changed_stories.extend(_stories_with_new(store, new_ids, written.new_revisions))
        else:
            report.unchanged += 1
        _remember(store, url, when, page.etag, page.last_modified, digest, True, feed, next_check(first))
    except InputError as exc:
        report.errors.append(str(exc))
        if known is not None:  # keep it on the schedule: a site that is down now may be back
            _remember(store, url, when, None, None, None, False, feed, next_check(first))


def fetch_urls(
    store: Store,
    urls: Iterable[str],
    options: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
    policy: Revisit | None = None,
) -> FetchReport:
    """``revtrack fetch``: each URL fetched now and ingested if it changed.

    Each page joins the revisit schedule (``policy``), so ``watch`` checks it again.
    """
    report = FetchReport()
    index = grouping.LshIndex()
    own = fetcher is None
    fetcher = fetcher or Fetcher(options or FetchOptions())
    try:
        for url in urls:
            now = datetime.now(UTC)
            schedule = (policy or Revisit()).schedule(now)
            fetch_page(store, fetcher, url, report, index, now, next_check=schedule)
    finally:
        if own:
            fetcher.__exit__(None)
    return report


def _remember(
    store: Store,
    url: str,
    when: str,
    etag: str | None,
    last_modified: str | None,
    digest: str | None,
    changed: bool,
    feed: str | None,
    next_check: str | None,
) -> None:
    with store.transaction() as conn:
        store.record_fetch(
            conn,
            url,
            when,
            etag=etag,
            last_modified=last_modified,
            content_hash=digest,
            changed=changed,
            feed=feed,
            next_check=next_check,
        )


def _stories_with_new(store: Store, revision_ids: list[str], new: int) -> list[str]:
    """Stories of a capture's revisions, when it added any (a changed page's story)."""
    if not new:
        return []
    return sorted(set(store.stories_of(store.conn, revision_ids).values()))
