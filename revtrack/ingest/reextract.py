"""Re-run the current extractor over every stored capture, in place.

Extraction improves (new layouts understood, a site's chrome learned); the raw
bytes of every capture are kept, so what was stored under an older extractor
can be read again. Each capture is one transaction: its snapshots are written
anew, revisions no capture shows any more are removed, new ones are grouped.
Stories are then recomputed (:func:`revtrack.grouping.regroup`), since a
removed revision may have been what held two stories together. A story whose
first revision was replaced takes its new first revision's id, and the old id
stays as an alias. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from revtrack import grouping
from revtrack.errors import InputError
from revtrack.extract import decode_bytes, extract_capture
from revtrack.extract.dates import parse_timestamp
from revtrack.extract.decode import document_of
from revtrack.ingest.captures import chrome_test, learn_chrome, page_line_keys, snapshot_rows
from revtrack.store import Store


@dataclass
class ReextractReport:
    """What a re-extraction changed."""

    captures: int = 0
    without_raw: int = 0
    changed: int = 0  # captures whose articles came out differently
    accounted: int = 0  # captures whose record of dropped lines (or layout choice) changed
    revisions_added: int = 0
    revisions_removed: int = 0
    stories_before: int = 0  # before any capture was read again
    regroup: grouping.RegroupReport = field(default_factory=grouping.RegroupReport)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the user: "12 captures: 9 changed text, 2 stories split"."""
        parts = [f"{self.changed} with changed articles"]
        if self.accounted:
            parts.append(f"{self.accounted} with a new record of their lines")
        parts.append(f"{self.revisions_added} revision(s) added, {self.revisions_removed} removed")
        # stories join and part as each capture's new revisions are grouped, before the
        # final regroup: the count before the run is the one a user compares with
        parts.append(f"stories {self.stories_before} -> {self.regroup.stories_after}")
        if self.without_raw:
            parts.append(f"{self.without_raw} stored before raw bytes were kept, left as they are")
        return f"{self.captures} capture(s): " + "; ".join(parts)


def _snapshot_key(row) -> tuple:
    return (
        row.position,
        row.revision_id,
        row.outlet,
        row.section,
        row.date_text,
        row.published,
        row.url,
        row.byline,
    )


def reextract(
    store: Store, progress: Callable[[int], None] | None = None, layout: str | None = None
) -> ReextractReport:
    """Re-extract every stored capture with today's extractor; see the module docstring.

    ``layout`` (auto, plain or page) replaces each capture's stored layout choice.
    """
    report = ReextractReport(stories_before=store.counts()["stories"])
    index = grouping.LshIndex()
    for n, capture in enumerate(store.stored_captures()):
        if progress is not None:
            progress(n)
        report.captures += 1
        if capture.raw is None:
            report.without_raw += 1
            continue
        try:
            text, encoding = decode_bytes(capture.path, capture.raw)
            chrome = chrome_test(store.chrome_keys(capture.site))
            choice = layout or capture.layout_choice
            when = parse_timestamp(capture.captured_at)
            # a response first read as HTML (fetched or archived, served as HTML, its address
            # naming no .html file) is read as HTML again; files keep their own names
            served = "://" in capture.path and capture.layout.startswith("html")
            name = capture.path + ".html" if served else capture.path
            extraction = extract_capture(text, when, name, chrome, choice, document_of(encoding), encoding)
            articles = extraction.articles
            if not articles:
                raise InputError(capture.path, "no article found")
        except InputError as exc:
            report.errors.append(f"{exc} (kept as stored)")
            continue
        rows = snapshot_rows(articles, capture.captured_at)
        record = json.dumps(extraction.accounting.to_json()) if extraction.accounting else None
        with store.transaction() as conn:
            report.accounted += store.set_extraction(conn, capture.id, record, choice)
            current = store.capture_snapshots(conn, capture.id)
            if [_snapshot_key(r) for r in rows] == [tuple(c) for c in current]:
                continue
            try:
                index.refresh(store, conn)
                was = {c[0]: c[1] for c in current}  # position -> revision shown there before
                old_story = store.stories_of(conn, list(was.values()))
                removed = store.drop_capture_snapshots(conn, capture.id, extraction.layout)
                store.drop_edges_of(conn, removed)
                new = store.insert_snapshots(conn, capture.id, rows)
                sketches = {row.revision_id: row.sketch for row in rows}
                seen = [row.revision_id for row in rows]
                grouping.assign(store, conn, index, [(rid, sketches[rid]) for rid in new], seen)
                for row in rows:  # a story that lost every revision lives on as an alias
                    story = old_story.get(was.get(row.position, ""))
                    if story and store.story_size(conn, story) == 0:
                        now = store.stories_of(conn, [row.revision_id]).get(row.revision_id)
                        store.apply_partition(conn, {}, {story: now})
                if extraction.layout == "page":
                    learn_chrome(store, conn, capture.site, rows, page_line_keys(text))
            except BaseException:
                index.reset()
                raise
            if removed:
                index.reset()  # it still holds the removed revisions
        report.changed += 1
        report.revisions_added += len(new)
        report.revisions_removed += len(removed)
    with store.transaction() as conn:
        report.regroup = grouping.regroup(store, conn)
    return report
