"""Ingest: files and folders become captures, snapshots and revisions in a store.

One capture is one transaction: a file that fails to read, decode or parse is
reported (one line naming the file) and leaves the store untouched, and a file
whose bytes were ingested before is skipped, so re-ingesting changes nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from revtrack import grouping
from revtrack.errors import InputError
from revtrack.extract import decode_bytes, extract_articles
from revtrack.extract.lines import word_total
from revtrack.grouping.fingerprint import content_hash, line_key, revision_id
from revtrack.grouping.sketch import sketch_blobs
from revtrack.manifest import MANIFEST_NAME, ManifestEntry, load_manifest
from revtrack.models import utc_text
from revtrack.safety import path_text
from revtrack.store import SnapshotRow, Store, capture_known
from revtrack.store.captures import chrome_keys_readonly, pack
from revtrack.stream import ingest_jsonl, is_jsonl
from revtrack.text import paragraphs, word_count

#: Files larger than this are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass
class IngestReport:
    """What an ingest did, for the summary line and for tests."""

    captures: int = 0
    skipped: int = 0
    snapshots: int = 0
    new_revisions: int = 0
    stories: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IngestOptions:
    """Settings for one ingest run, passed as a value."""

    captured_at: datetime | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def iter_capture_files(
    paths: Iterable[str | Path], problems: list[str] | None = None
) -> Iterator[tuple[Path, Path | None]]:
    """Yield ``(file, manifest or None)`` for every capture under the given paths.

    Folders are walked recursively in sorted order; hidden files and manifests are
    skipped; symlinked folders are not followed (no symlink loop can hang a walk),
    and each one is named in ``problems``, as are paths that are missing, not
    regular files (a FIFO would block the read forever) or unreadable folders.
    Without ``problems``, the first such path raises :class:`InputError`.
    """

    def problem(path: Path | str, what: str) -> None:
        if problems is None:
            raise InputError(str(path), what)
        problems.append(f"{path}: {what}")

    for raw in paths:
        path = Path(raw)
        kind = _kind_of(path)
        if kind == "file":
            manifest = path.parent / MANIFEST_NAME
            if path.name != MANIFEST_NAME:
                yield path, manifest if manifest.is_file() else None
            continue
        if kind != "folder":
            problem(path, kind)
            continue

        def unreadable(exc: OSError) -> None:
            problem(exc.filename, f"folder not read ({exc.strerror or exc})")

        for folder, dirs, files in os.walk(path, onerror=unreadable, followlinks=False):
            kept = []
            for name in sorted(dirs):
                if name.startswith("."):
                    continue
                if os.path.islink(os.path.join(folder, name)):
                    problem(Path(folder) / name, "symlinked folder not followed (name it to ingest it)")
                    continue
                kept.append(name)
            dirs[:] = kept
            manifest = Path(folder) / MANIFEST_NAME
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST_NAME:
                    continue
                file = Path(folder) / name
                kind = _kind_of(file)
                if kind == "file":
                    yield file, manifest if manifest.is_file() else None
                elif kind != "folder":  # a symlink to a folder is listed with the files
                    problem(file, kind)


def _kind_of(path: Path) -> str:
    """ "file", "folder", or what is wrong with the path (a FIFO, a socket, missing)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file or folder" if not path.is_symlink() else "broken symlink"
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a capture file; skipped"
    return "not a regular file; skipped"


def _captured_at(
    path: Path, manifest: dict[str, ManifestEntry], options: IngestOptions
) -> tuple[datetime, str, list[str]]:
    """Capture time, where it came from (option, manifest, else mtime), and warnings."""
    if options.captured_at is not None:
        return options.captured_at, "option", []
    entry = manifest.get(path.name)
    if entry is not None and entry.captured_at is not None:
        return entry.captured_at, "manifest", []
    warning = f"{path}: no capture time in a manifest; using the file's modification time"
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC), "mtime", [warning]
    except OSError as exc:  # deleted or moved since it was read
        raise InputError(str(path), f"cannot read its modification time ({exc.strerror or exc})") from None
    except (OverflowError, ValueError):
        raise InputError(str(path), "its modification time is out of range; give --captured-at") from None


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


#: Lines up to this long are remembered per site: chrome is short.
CHROME_LINE_WORDS = 25


def site_of(path: Path) -> str:
    """The site a text capture belongs to: its folder (scrapers keep one site per folder)."""
    return str(path.resolve().parent)


def chrome_test(keys: frozenset[int]) -> Callable[[str], bool] | None:
    """A line test for :func:`revtrack.extract.extract_articles` from a site's chrome keys."""
    if not keys:
        return None
    return lambda line: line_key(line) in keys


def snapshot_rows(articles: list, captured_iso: str) -> tuple[SnapshotRow, ...]:
    """Snapshot rows (fingerprinted and sketched) for a capture's articles."""
    blobs = sketch_blobs([(a.headline, a.body) for a in articles])
    rows = []
    for article, blob in zip(articles, blobs, strict=True):
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
                words=word_count(article.body),
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


def prepare_capture(
    path: Path,
    manifest: dict[str, ManifestEntry],
    options: IngestOptions,
    known: Callable[[str], bool],
    chrome_keys: Callable[[str], frozenset[int]] = lambda site: frozenset(),
) -> Prepared | None:
    """Read, check, parse and fingerprint one capture; None when its bytes are stored already.

    Touches nothing but the file (and ``known`` and ``chrome_keys``, read-only
    look-ups), so it can run in a worker process while the previous capture is written.
    """
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise InputError(str(path), f"{size} bytes is over the {options.max_bytes}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    digest = content_hash(raw)
    if known(digest):
        return None
    text, encoding = decode_bytes(str(path), raw)
    captured_at, source, warnings = _captured_at(path, manifest, options)
    site = site_of(path)
    layout, articles = extract_articles(text, captured_at, str(path), chrome_test(chrome_keys(site)))
    if not articles:
        raise InputError(str(path), "no article found")
    captured_iso = _iso(captured_at)
    return Prepared(
        path_text(path),
        digest,
        captured_iso,
        source,
        layout,
        snapshot_rows(articles, captured_iso),
        tuple(warnings),
        raw=pack(raw),
        encoding=encoding,
        site=site,
        line_keys=page_line_keys(text) if layout == "page" else (),
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
            )
            new = store.insert_snapshots(conn, capture_id, prepared.rows)
            sketches = {row.revision_id: row.sketch for row in prepared.rows}
            grouping.assign(store, conn, index, [(rid, sketches[rid]) for rid in new])
            learn_chrome(store, conn, prepared.site, prepared.rows, prepared.line_keys)
    except BaseException:
        index.reset()  # it may hold revisions of the rolled-back transaction
        raise
    report.captures += 1
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


def _prepare_in_worker(
    path: Path, manifest: dict[str, ManifestEntry], options: IngestOptions, db_path: str
) -> tuple[str, Prepared | str | None]:
    """Worker side of the pipeline: errors come back as text (InputError does not pickle)."""
    try:
        return "ok", prepare_capture(
            path, manifest, options, partial(capture_known, db_path), partial(chrome_keys_readonly, db_path)
        )
    except InputError as exc:
        return "error", str(exc)


#: Below this much input, a worker process costs more than it saves.
PIPELINE_MIN_BYTES = 8 * 1024 * 1024


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[int, int, Path], None] | None = None,
) -> IngestReport:
    """Ingest every capture under ``paths``; problems are collected, not raised.

    A manifest that does not parse stops the run before anything is written,
    since every capture time below it would be wrong. Large runs prepare the next
    capture in a worker process while this one writes the current capture, so
    captures are still written one at a time, in order.
    """
    report = IngestReport()
    manifests: dict[Path, dict[str, ManifestEntry]] = {}
    # the store itself (and its -wal and -shm files) may sit in the folder being ingested
    own = {os.path.realpath(store.path + suffix) for suffix in ("", "-wal", "-shm", "-journal")}
    files = [f for f in iter_capture_files(paths, report.errors) if os.path.realpath(f[0]) not in own]
    for _, manifest_path in files:
        if manifest_path is not None and manifest_path not in manifests:
            manifests[manifest_path] = load_manifest(manifest_path)
    index = grouping.LshIndex()

    def entries(manifest_path: Path | None) -> dict[str, ManifestEntry]:
        return manifests.get(manifest_path, {}) if manifest_path else {}

    def handle(path: Path, outcome: tuple[str, Prepared | str | None]) -> None:
        kind, value = outcome
        if kind == "error":
            report.errors.append(str(value))
        elif value is None:
            report.skipped += 1
        else:
            write_capture(store, value, report, index)

    streamed = {path for path, _ in files if is_jsonl(path)}

    def stream(path: Path, manifest_path: Path | None) -> None:
        """A JSON Lines capture: streamed, the size limit applying to each line."""
        try:
            captured_at, source, warnings = _captured_at(path, entries(manifest_path), options)
            report.warnings.extend(warnings)
            ingest_jsonl(store, path, captured_at, source, index, report, options.max_bytes)
        except InputError as exc:
            report.errors.append(str(exc))

    numbered = list(enumerate(files))
    serial = numbered
    if _worth_a_worker(files) and not streamed:
        serial = []
        with ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_die_with_parent
        ) as pool:

            def submit(item: tuple[int, tuple[Path, Path | None]]):
                _, (path, manifest_path) = item
                return item, pool.submit(
                    _prepare_in_worker, path, entries(manifest_path), options, store.path
                )

            queue = iter(numbered)
            pending: deque = deque(submit(item) for item in itertools.islice(queue, 2))  # two in flight
            while pending:
                (done, (path, _)), future = pending.popleft()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.append(submit(nxt))
                if progress is not None:
                    progress(done, len(files), path)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    # the worker was killed (the out-of-memory killer, a signal): this
                    # capture is named, the ones after it are prepared here instead
                    report.errors.append(
                        f"{path}: the worker preparing it died (out of memory?); not ingested"
                    )
                    serial = [item for item, _ in pending] + list(queue)
                    break
                handle(path, outcome)
    for done, (path, manifest_path) in serial:
        if progress is not None:
            progress(done, len(files), path)
        if path in streamed:
            stream(path, manifest_path)
            continue
        try:
            prepared = prepare_capture(
                path,
                entries(manifest_path),
                options,
                lambda d: store.capture_by_hash(d) is not None,
                store.chrome_keys,
            )
        except InputError as exc:
            report.errors.append(str(exc))
            continue
        handle(path, ("ok", prepared))
    if progress is not None and files:
        progress(len(files), len(files), files[-1][0])
    report.stories = store.counts()["stories"]
    return report


def _die_with_parent() -> None:
    """In the worker: be killed when the parent dies (SIGKILL, SIGTERM), on Linux.

    Otherwise a worker blocked writing a large result to a dead parent's pipe, and
    multiprocessing's resource tracker with it, would live on as orphans.
    """
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _worth_a_worker(files: list[tuple[Path, Path | None]]) -> bool:
    """A pipeline pays off with two cores, several files and enough bytes."""
    if len(files) < 2 or (os.cpu_count() or 1) < 2:
        return False
    total = 0
    for path, _ in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total >= PIPELINE_MIN_BYTES
