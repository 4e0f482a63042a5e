"""Ingest: files and folders become captures, snapshots and revisions in a store.

One capture is one transaction: a file that fails to read, decode or parse is
reported (one line naming the file) and leaves the store untouched, and a file
whose bytes were ingested before is skipped, so re-ingesting changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from revtrack import grouping
from revtrack.errors import InputError
from revtrack.extract import decode_capture, extract_articles
from revtrack.fingerprint import content_hash, revision_id
from revtrack.manifest import MANIFEST_NAME, ManifestEntry, load_manifest
from revtrack.sketch import sketch_blobs
from revtrack.store import SnapshotRow, Store
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


def iter_capture_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path | None]]:
    """Yield ``(file, manifest or None)`` for every capture under the given paths.

    Folders are walked recursively in sorted order; hidden files and manifests are
    skipped; symlinked folders are not followed (no symlink loop can hang a walk).
    A missing path raises :class:`InputError`.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            manifest = path.parent / MANIFEST_NAME
            if path.name != MANIFEST_NAME:
                yield path, manifest if manifest.is_file() else None
            continue
        if not path.is_dir():
            raise InputError(str(path), "no such file or folder")
        for folder, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            manifest = Path(folder) / MANIFEST_NAME
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST_NAME:
                    continue
                yield Path(folder) / name, manifest if manifest.is_file() else None


def _captured_at(
    path: Path, manifest: dict[str, ManifestEntry], options: IngestOptions, report: IngestReport
) -> tuple[datetime, str]:
    """Capture time and where it came from: option, manifest, else file mtime (warned)."""
    if options.captured_at is not None:
        return options.captured_at, "option"
    entry = manifest.get(path.name)
    if entry is not None and entry.captured_at is not None:
        return entry.captured_at, "manifest"
    report.warnings.append(f"{path}: no capture time in a manifest; using the file's modification time")
    return datetime.fromtimestamp(path.stat().st_mtime, UTC), "mtime"


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ingest_file(
    store: Store,
    path: Path,
    manifest: dict[str, ManifestEntry],
    options: IngestOptions,
    report: IngestReport,
    index: grouping.LshIndex,
) -> None:
    """Ingest one capture file in one transaction (see module docs)."""
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise InputError(str(path), f"{size} bytes is over the {options.max_bytes}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    digest = content_hash(raw)
    seen_as = store.capture_by_hash(digest)
    if seen_as is not None:
        report.skipped += 1
        return
    text = decode_capture(str(path), raw)
    captured_at, source = _captured_at(path, manifest, options, report)
    layout, articles = extract_articles(text, captured_at, str(path))
    if not articles:
        raise InputError(str(path), "no article found")
    captured_iso = _iso(captured_at)
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
            )
        )
    try:
        new = _write_capture(store, path, digest, captured_iso, source, layout, rows, index, report)
    except BaseException:
        index.reset()  # it may hold revisions of the rolled-back transaction
        raise
    if new is None:
        return
    report.captures += 1
    report.snapshots += len(rows)
    report.new_revisions += len(new)


def _write_capture(
    store, path, digest, captured_iso, source, layout, rows, index, report
) -> list[str] | None:
    """The capture's one transaction: capture row, snapshots, revisions, grouping."""
    with store.transaction() as conn:
        # re-check inside the write lock: another process may have ingested it meanwhile
        if store.capture_by_hash(digest) is not None:
            report.skipped += 1
            return None
        index.refresh(store, conn)  # revisions other processes committed meanwhile
        capture_id = store.insert_capture(
            conn,
            path=str(path),
            content_hash=digest,
            captured_at=captured_iso,
            captured_at_source=source,
            layout=layout,
            ingested_at=_iso(datetime.now(UTC)),
        )
        new = store.insert_snapshots(conn, capture_id, rows)
        sketches = {row.revision_id: row.sketch for row in rows}
        grouping.assign(store, conn, index, [(rid, sketches[rid]) for rid in new])
    return new


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest every capture under ``paths``; problems are collected, not raised.

    A manifest that does not parse stops the run before anything is written,
    since every capture time below it would be wrong.
    """
    report = IngestReport()
    manifests: dict[Path, dict[str, ManifestEntry]] = {}
    files = list(iter_capture_files(paths))
    for _, manifest_path in files:
        if manifest_path is not None and manifest_path not in manifests:
            manifests[manifest_path] = load_manifest(manifest_path)
    index = grouping.LshIndex()
    for path, manifest_path in files:
        if progress is not None:
            progress(path)
        entries = manifests.get(manifest_path, {}) if manifest_path else {}
        try:
            ingest_file(store, path, entries, options, report, index)
        except InputError as exc:
            report.errors.append(str(exc))
    report.stories = store.counts()["stories"]
    return report
