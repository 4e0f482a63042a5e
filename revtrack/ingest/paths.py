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
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from revtrack import grouping
from revtrack.errors import InputError
from revtrack.grouping.fingerprint import content_hash
from revtrack.ingest.bundles import ingest_bundle, is_bundle
from revtrack.ingest.captures import IngestReport, Prepared, prepare_bytes, write_capture
from revtrack.ingest.files import iter_capture_files
from revtrack.ingest.jsonl import ingest_jsonl, is_streamed
from revtrack.ingest.mailbox import ingest_mailbox, is_mailbox
from revtrack.ingest.manifest import ManifestEntry, load_manifest
from revtrack.ingest.warc import ingest_warc, is_warc
from revtrack.safety import path_text
from revtrack.store import Store, capture_known
from revtrack.store.captures import chrome_keys_readonly

__all__ = ["DEFAULT_MAX_BYTES", "IngestOptions", "IngestReport", "ingest_paths", "iter_capture_files"]

#: Files larger than this are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """Settings for one ingest run, passed as a value."""

    captured_at: datetime | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    layout: str | None = None  # auto, plain or page for every text capture; None: the manifest's, else auto


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


def layout_of(path: Path, manifest: dict[str, ManifestEntry], options: IngestOptions) -> str:
    """How a text capture is read: the option, else its manifest entry, else its folder's, else auto."""
    if options.layout is not None:
        return options.layout
    entry = manifest.get(path.name)
    if entry is not None and entry.layout is not None:
        return entry.layout
    return getattr(manifest, "layout", None) or "auto"


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
    captured_at, source, warnings = _captured_at(path, manifest, options)
    return prepare_bytes(
        path_text(path),
        raw,
        captured_at,
        source,
        site_of(path),
        chrome_keys,
        tuple(warnings),
        digest,
        layout_of(path, manifest, options),
    )


def site_of(path: Path) -> str:
    """The site a text capture belongs to: its folder (scrapers keep one site per folder)."""
    return str(path.resolve().parent)


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
    run = _IngestRun(store, options, progress)
    files = run.collect(paths)
    numbered = list(enumerate(files))
    if _worth_a_worker(files) and not run.streamed:
        numbered = run.with_a_worker(numbered, len(files))  # what is left if the worker died
    for done, (path, manifest_path) in numbered:
        run.step(done, len(files), path)
        run.here(path, manifest_path)
    if files:
        run.step(len(files), len(files), files[-1][0])
    run.report.stories = store.counts()["stories"]
    return run.report


class _IngestRun:
    """One ``ingest_paths`` run: its files, their manifests, the report and the LSH index."""

    def __init__(
        self, store: Store, options: IngestOptions, progress: Callable[[int, int, Path], None] | None
    ):
        self.store, self.options, self.progress = store, options, progress
        self.report = IngestReport()
        self.index = grouping.LshIndex()
        self.manifests: dict[Path, dict[str, ManifestEntry]] = {}
        self.streamed: set[Path] = set()

    def collect(self, paths: Iterable[str | Path]) -> list[tuple[Path, Path | None]]:
        """The capture files under ``paths`` (not the store's own files), manifests read first."""
        # the store itself (and its -wal and -shm files) may sit in the folder being ingested
        own = {os.path.realpath(self.store.path + suffix) for suffix in ("", "-wal", "-shm", "-journal")}
        files = [
            f for f in iter_capture_files(paths, self.report.errors) if os.path.realpath(f[0]) not in own
        ]
        for _, manifest_path in files:
            if manifest_path is not None and manifest_path not in self.manifests:
                self.manifests[manifest_path] = load_manifest(manifest_path)
        self.streamed = {
            path
            for path, _ in files
            if is_streamed(path) or is_warc(path) or is_mailbox(path) or is_bundle(path)
        }
        return files

    def entries(self, manifest_path: Path | None) -> dict[str, ManifestEntry]:
        """The manifest entries that apply to a file (none without a manifest)."""
        return self.manifests.get(manifest_path, {}) if manifest_path else {}

    def step(self, done: int, total: int, path: Path) -> None:
        if self.progress is not None:
            self.progress(done, total, path)

    def write(self, outcome: tuple[str, Prepared | str | None]) -> None:
        """A prepared capture written (one transaction), a known one counted, an error kept."""
        kind, value = outcome
        if kind == "error":
            self.report.errors.append(str(value))
        elif value is None:
            self.report.skipped += 1
        else:
            write_capture(self.store, value, self.report, self.index)

    def here(self, path: Path, manifest_path: Path | None) -> None:
        """One capture prepared in this process and written; JSON Lines streamed, the size
        limit applying to each line."""
        try:
            if path in self.streamed and is_warc(path):  # each archived page a capture of its own
                ingest_warc(self.store, path, self.report, self.index, self.options.max_bytes)
                return
            if path in self.streamed and is_bundle(path):  # each file inside a capture of its own
                fallback, _, _ = _captured_at(path, self.entries(manifest_path), self.options)
                ingest_bundle(
                    self.store,
                    path,
                    self.report,
                    self.index,
                    self.options.max_bytes,
                    self.options.captured_at,
                    fallback,
                )
                return
            if path in self.streamed and is_mailbox(path):  # each message a capture of its own
                captured_at, _, warnings = _captured_at(path, self.entries(manifest_path), self.options)
                ingest_mailbox(self.store, path, self.report, self.index, self.options.max_bytes, captured_at)
                return
            if path in self.streamed:
                captured_at, source, warnings = _captured_at(path, self.entries(manifest_path), self.options)
                self.report.warnings.extend(warnings)
                ingest_jsonl(
                    self.store, path, captured_at, source, self.index, self.report, self.options.max_bytes
                )
                return
            known = lambda digest: self.store.capture_by_hash(digest) is not None  # noqa: E731
            prepared = prepare_capture(
                path, self.entries(manifest_path), self.options, known, self.store.chrome_keys
            )
        except InputError as exc:
            self.report.errors.append(str(exc))
            return
        self.write(("ok", prepared))

    def with_a_worker(
        self, numbered: list[tuple[int, tuple[Path, Path | None]]], total: int
    ) -> list[tuple[int, tuple[Path, Path | None]]]:
        """Captures prepared in a worker process, two in flight, written here in order.

        Returns the captures left to prepare here: none, unless the worker died
        (the out-of-memory killer, a signal), when that capture is named and the
        ones after it are returned.
        """
        with ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:

            def submit(item: tuple[int, tuple[Path, Path | None]]):
                _, (path, manifest_path) = item
                future = pool.submit(
                    _prepare_in_worker, path, self.entries(manifest_path), self.options, self.store.path
                )
                return item, future

            queue = iter(numbered)
            pending: deque = deque(submit(item) for item in itertools.islice(queue, 2))
            while pending:
                (done, (path, _)), future = pending.popleft()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.append(submit(nxt))
                self.step(done, total, path)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    self.report.errors.append(
                        f"{path}: the worker preparing it died (out of memory?); not ingested"
                    )
                    return [item for item, _ in pending] + list(queue)
                self.write(outcome)
        return []


def _die_with_parent(parent: int) -> None:
    """In the worker: be killed when the parent dies (SIGKILL, SIGTERM), on Linux.

    Otherwise a worker blocked writing a large result to a dead parent's pipe, and
    multiprocessing's resource tracker with it, would live on as orphans. A parent
    that died while the worker was still starting (a loaded machine) is not
    signalled for: the worker sees it is no longer its parent's child, and exits.
    """
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _worth_a_worker(files: list[tuple[Path, Path | None]]) -> bool:
    """A pipeline pays off with two cores, several files and enough bytes."""
    if len(files) < 2 or (os.cpu_count() or 1) < 2:
        return False
    total = 0
    for path, _ in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total >= PIPELINE_MIN_BYTES
