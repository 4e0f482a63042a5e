"""A capture's bytes made into snapshot rows, and written in its one transaction.

Shared by every way a capture arrives: a file (:mod:`revtrack.ingest`), a JSON
Lines stream (:mod:`revtrack.ingest.jsonl`) and a fetched page
(:mod:`revtrack.capture.fetch`). :func:`prepare_bytes` touches nothing but its
arguments, so it can run in a worker process; :func:`write_capture` is the one
transaction: capture row, snapshots, revisions, grouping, learned chrome.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from revtrack import grouping
from revtrack.errors import InputError
from revtrack.extract import decode_bytes, extract_capture
from revtrack.extract.accounting import Accounting
from revtrack.extract.decode import document_of
from revtrack.extract.html import trafilatura_installed
from revtrack.extract.lines import word_total
from revtrack.grouping.fingerprint import line_key, revision_id
from revtrack.grouping.sketch import sketched
from revtrack.models import utc_text
from revtrack.store import SnapshotRow, Store
from revtrack.store.captures import pack
from revtrack.text import paragraphs


@dataclass
class IngestReport:
    """What an ingest did, for the summary line and for tests."""

    captures: int = 0
    skipped: int = 0
    snapshots: int = 0
    new_revisions: int = 0
    stories: int = 0
    thin: int = 0  # captures that kept less than half of their words
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _iso(value: datetime) -> str:
    return utc_text(value)


@dataclass(frozen=True)
class Prepared:
    """A capture read, parsed and fingerprinted, ready for its one transaction."""

    path: str
    digest: str
    captured_at: str
    source: str
    layout: str
    rows: tuple[SnapshotRow, ...]
    warnings: tuple[str, ...] = ()
    raw: bytes | None = None  # compressed
    encoding: str | None = None
    site: str | None = None
    line_keys: tuple[int, ...] = ()  # short lines of a page, for learning the site's chrome
    accounting: Accounting | None = None  # what became of each line (text captures)
    layout_choice: str = "auto"


#: Lines up to this long are remembered per site: chrome is short.
CHROME_LINE_WORDS = 25


def chrome_test(keys: frozenset[int]) -> Callable[[str], bool] | None:
    """A line test for :func:`revtrack.extract.extract_articles` from a site's chrome keys."""
    if not keys:
        return None
    return lambda line: line_key(line) in keys


def snapshot_rows(articles: list, captured_iso: str) -> tuple[SnapshotRow, ...]:
    """Snapshot rows (fingerprinted and sketched) for a capture's articles."""
    sketches = sketched([(a.headline, a.body) for a in articles])
    rows = []
    for article, (blob, words) in zip(articles, sketches, strict=True):
        pub = article.published
        rows.append(
            SnapshotRow(
                position=article.position,
                revision_id=revision_id(article.headline, article.body),
                captured_at=captured_iso,
                outlet=article.outlet,
                section=article.section,
                date_text=article.date_text,
                published=pub.iso() if pub else None,
                published_precision=pub.precision if pub else None,
                url=article.url,
                headline=article.headline,
                body=article.body,
                words=words,
                paragraphs=len(paragraphs(article.body)),
                sketch=blob,
                byline=article.byline,
            )
        )
    return tuple(rows)


def page_line_keys(text: str) -> tuple[int, ...]:
    """Keys of a page's short lines (see :func:`revtrack.grouping.fingerprint.line_key`)."""
    keys = {
        line_key(line) for line in text.splitlines() if line.strip() and word_total(line) <= CHROME_LINE_WORDS
    }
    return tuple(sorted(keys))


def prepare_bytes(
    name: str,
    raw: bytes,
    captured_at: datetime,
    source: str,
    site: str | None,
    chrome_keys: Callable[[str], frozenset[int]] = lambda site: frozenset(),
    warnings: tuple[str, ...] = (),
    digest: str | None = None,
    layout: str = "auto",
    served_as_html: bool = False,
) -> Prepared:
    """Decode, extract and fingerprint one capture's bytes (``name``: its path or URL).

    ``layout`` (auto, plain or page) is how a text capture is read. ``served_as_html``: the
    bytes came with an HTML content type (an archived response), so they are read as HTML
    even where an address names no ``.html`` file and the page opens with a script.
    """
    from revtrack.grouping.fingerprint import content_hash

    text, encoding = decode_bytes(name, raw)
    extraction = extract_capture(
        text,
        captured_at,
        f"{name}.html" if served_as_html else name,
        chrome_test(chrome_keys(site) if site else frozenset()),
        layout,
        document_of(encoding),
        encoding,
    )
    if not extraction.articles:
        raise InputError(name, "no article found")
    captured_iso = _iso(captured_at)
    rows = snapshot_rows(extraction.articles, captured_iso)
    accounting = extraction.accounting
    warnings = (*warnings, *extraction.notes)
    if accounting is not None and is_thin(accounting, extraction.layout):
        warnings = (*warnings, thin_warning(name, accounting, rows))
    if extraction.layout == "html-visible" and not trafilatura_installed():
        warnings = (
            *warnings,
            f"{name}: read as the page's visible text: trafilatura, which finds a page's article,"
            " is not installed (pip install 'revtrack[html]', then revtrack reextract)",
        )
    return Prepared(
        name,
        digest or content_hash(raw),
        captured_iso,
        source,
        extraction.layout,
        rows,
        warnings,
        raw=pack(raw),
        encoding=encoding,
        site=site,
        line_keys=page_line_keys(text) if extraction.layout == "page" else (),
        accounting=accounting,
        layout_choice=layout,
    )


#: A capture that keeps less than this share of its words is named in a warning.
THIN_SHARE = 0.5


def is_thin(accounting: Accounting, layout: str) -> bool:
    """Whether a capture kept so few of its words that ingest names it (a caption file never:
    its cue numbers and timings are about half its words, and none of them is said)."""
    return accounting.kept_share < THIN_SHARE and layout != "captions"


def thin_warning(name: str, accounting: Accounting, rows: tuple[SnapshotRow, ...]) -> str:
    """One line naming a capture that kept less than half of its words, and what to do."""
    main = max(rows, key=lambda row: (row.words, -row.position))
    return (
        f"{name}: only {accounting.kept_share:.0%} of its {accounting.words} words kept ({accounting.why});"
        f" `revtrack show {main.revision_id[:10]} --dropped` lists the rest, --layout plain keeps every line"
    )


def write_capture(store: Store, prepared: Prepared, report: IngestReport, index: grouping.LshIndex) -> None:
    """The capture's one transaction: capture row, snapshots, revisions, grouping."""
    report.warnings.extend(prepared.warnings)
    try:
        with store.transaction() as conn:
            # re-check inside the write lock: another process may have ingested it meanwhile
            if store.capture_by_hash(prepared.digest) is not None:
                report.skipped += 1
                return
            index.refresh(store, conn)  # revisions other processes committed meanwhile
            capture_id = store.insert_capture(
                conn,
                path=prepared.path,
                content_hash=prepared.digest,
                captured_at=prepared.captured_at,
                captured_at_source=prepared.source,
                layout=prepared.layout,
                ingested_at=_iso(datetime.now(UTC)),
                raw=prepared.raw,
                encoding=prepared.encoding,
                site=prepared.site,
                extraction=json.dumps(prepared.accounting.to_json()) if prepared.accounting else None,
                layout_choice=prepared.layout_choice,
            )
            new = store.insert_snapshots(conn, capture_id, prepared.rows)
            sketches = {row.revision_id: row.sketch for row in prepared.rows}
            seen = [row.revision_id for row in prepared.rows]
            grouping.assign(store, conn, index, [(rid, sketches[rid]) for rid in new], seen)
            learn_chrome(store, conn, prepared.site, prepared.rows, prepared.line_keys)
    except BaseException:
        index.reset()  # it may hold revisions of the rolled-back transaction
        raise
    report.captures += 1
    report.thin += prepared.accounting is not None and is_thin(prepared.accounting, prepared.layout)
    report.snapshots += len(prepared.rows)
    report.new_revisions += len(new)


def learn_chrome(
    store: Store, conn, site: str | None, rows: tuple[SnapshotRow, ...], keys: tuple[int, ...]
) -> None:
    """Remember a page's short lines with the story of its main (longest) article."""
    if not site or not keys or not rows:
        return
    main = max(rows, key=lambda row: (row.words, -row.position))
    story = store.stories_of(conn, [main.revision_id]).get(main.revision_id)
    if story:
        store.record_site_lines(conn, site, story, keys)


@dataclass(frozen=True)
class Piece:
    """One capture of a file that holds many (a mailbox's message, an archive's file)."""

    name: str
    raw: bytes
    when: datetime
    source: str
    site: str | None


def ingest_pieces(
    store: Store,
    report: IngestReport,
    index: grouping.LshIndex,
    pieces: Iterable[Piece],
    errors: list[str],
    stream: Callable[[Piece], bool] | None = None,
) -> int:
    """Each piece stored as its own capture (one transaction each); a piece whose bytes are
    stored already is skipped, one that cannot be read is an error line. ``stream`` reads a
    piece its own way when it returns True (JSON Lines). Returns how many pieces there were."""
    from revtrack.grouping.fingerprint import content_hash

    found = 0
    for piece in pieces:
        found += 1
        digest = content_hash(piece.raw)
        if store.capture_by_hash(digest) is not None:
            report.skipped += 1
            continue
        try:
            if stream is not None and stream(piece):
                continue
            prepared = prepare_bytes(
                piece.name, piece.raw, piece.when, piece.source, piece.site, store.chrome_keys, digest=digest
            )
        except InputError as exc:
            errors.append(f"{piece.name}: {exc.problem}")
            continue
        write_capture(store, prepared, report, index)
    return found
