"""``revtrack batch``: an archive grouped into stories on a Dask cluster.

Three phases, each a set of Dask tasks; the driver holds file listings and one
small status per task, never the corpus:

1. **scan**: each JSON Lines file is read once for its content hash and block
   boundaries (:func:`revtrack.batch.extract.scan_jsonl`);
2. **extract**: each unit (some text or HTML captures, or one JSON Lines block)
   becomes a Parquet file of sightings (:func:`revtrack.batch.extract.extract_unit`).
   A file that fails anywhere is named once and left out whole; a file whose
   bytes came earlier in the run is skipped, as ``ingest`` skips it;
3. **group**: Dask DataFrame shuffles (:mod:`revtrack.batch.graph`), each step
   written to Parquet under ``DIR/_work`` before the next reads it, so a worker
   holds partitions, not the corpus.

Output: ``DIR/revisions``, ``DIR/sightings`` and ``DIR/stories`` (Parquet, the
fields of ``revtrack export``), ``DIR/edges`` (verified pairs) and ``DIR/captures``.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime

from revtrack.batch import graph, steps
from revtrack.batch.extract import extract_unit, scan_jsonl
from revtrack.batch.plan import BLOCK_LINES, InputFile, Unit, file_size, list_inputs, text_units

_log = logging.getLogger("revtrack.batch")

#: Revisions per partition of the grouping steps: a worker holds a few of these.
PARTITION_ROWS = 5_000


@dataclass
class BatchOptions:
    """Settings for one batch run."""

    out: str
    scheduler: str | None = None
    workers: int = 2
    captured_at: datetime | None = None
    max_bytes: int = 50 * 1024 * 1024
    keep_work: bool = False
    db: str | None = None  # also load the result into this (new) store
    figures: bool = True  # diff figures against the previous revision, as export has them
    memory_limit: str = "2GB"  # per local worker: past 60% of it, Dask spills (1.5 GB failed at 1M)
    shuffle: str = "tasks"  # Dask's shuffle method (see docs/scale.md for why not "p2p")
    block_lines: int = BLOCK_LINES  # JSON Lines articles per extraction task
    partition_rows: int = PARTITION_ROWS  # revisions per partition of the grouping steps


@dataclass
class BatchReport:
    """What a batch run did, for the summary line, the benchmark and tests."""

    files: int = 0
    captures: int = 0
    skipped: int = 0
    sightings: int = 0
    revisions: int = 0
    candidates: int = 0  # pairs left after the sketch prefilter
    verified: int = 0
    stories: int = 0
    rounds: int = 0  # label-propagation rounds of the connected components
    partitions: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark

    def lap(self, step: str, since: float) -> float:
        """Record a step's seconds; returns now (the next step's start)."""
        now = time.perf_counter()
        self.steps[step] = round(now - since, 2)
        _log.info("%s: %.1f s", step, now - since)  # a long run's progress (the benchmark shows it)
        return now


def connect(options: BatchOptions):
    """A Dask client: the scheduler named, else a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        return Client(options.scheduler), None
    cluster = LocalCluster(
        n_workers=options.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit=options.memory_limit,
        silence_logs=logging.ERROR,  # the shuffle plugin logs each shuffle as a warning
    )
    return Client(cluster), cluster


def run_batch(inputs: list[str], options: BatchOptions, client=None) -> BatchReport:
    """Group every capture under ``inputs`` into stories; tables are written under ``options.out``."""
    started = time.perf_counter()
    report = BatchReport()
    if options.db:
        _check_new_store(options.db)
    # an --out that cannot be made is named before a cluster is started (2-3 s for nothing)
    work = os.path.join(options.out, "_work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work, exist_ok=True)
    unpack = os.path.join(work, "archived")  # a web archive's pages, a file each
    listed = list_inputs(
        inputs, options.captured_at, report.errors, unpack, options.max_bytes, report.warnings
    )
    files = [f for f in listed if not _own(f, options)]
    report.files = len(files)
    mtimes = sum(1 for f in files if f.source == "mtime")
    if mtimes:
        report.warnings.append(
            f"{mtimes} capture(s) without a manifest time: the files' modification times are used"
        )
    own_client = client is None
    cluster = None
    if own_client:
        try:
            client, cluster = connect(options)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    try:
        clock = time.perf_counter()
        excluded = _extract(client, files, options, work, report)
        clock = report.lap("scan and extract", clock)
        if report.captures:
            import dask

            with dask.config.set({"dataframe.shuffle.method": options.shuffle}):
                _group(client, work, excluded, options, report)
            if options.db:
                from revtrack.batch.load import load_store

                clock = time.perf_counter()
                load_store(options.db, work, options.out, excluded)
                report.lap("store load", clock)
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
        if not options.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _own(f: InputFile, options: BatchOptions) -> bool:
    """Whether a listed file is the run's own output: its tables, or the store it loads."""
    unpacked = os.path.realpath(os.path.join(options.out, "_work", "archived"))
    if "://" in f.url or os.path.realpath(f.url).startswith(unpacked + os.sep):
        return False  # a web archive's page, a mailbox's message or an archive's file, unpacked
    path = os.path.realpath(f.url)
    out = os.path.realpath(options.out)
    if path.startswith(out + os.sep):
        return True
    db = os.path.realpath(options.db) if options.db else None
    return db is not None and path in {db + suffix for suffix in ("", "-wal", "-shm", "-journal")}


def _check_new_store(db: str) -> None:
    """Refuse, before any work, a store that already holds captures (batch loads into a new one)."""
    from revtrack.errors import InputError
    from revtrack.store import Store

    if not os.path.exists(db):
        return
    store = Store.open(db, create=False)
    try:
        if store.counts()["captures"]:
            raise InputError(db, "the store already holds captures; batch loads into a new store")
    finally:
        store.close()


def _extract(
    client, files: list[InputFile], options: BatchOptions, work: str, report: BatchReport
) -> set[int]:
    """Phases 1 and 2; returns the files left out (failed or repeated)."""
    jsonl = [f for f in files if f.jsonl]
    scans = client.gather(
        client.map(
            scan_jsonl, jsonl, max_line_bytes=options.max_bytes, block_lines=options.block_lines, pure=False
        )
    )
    by_file = {s["file"]: s for s in scans}
    sizes = {f.index: _size(f) for f in files if not f.jsonl}
    units: list[Unit] = []
    run: list[InputFile] = []
    for f in files:  # units follow the files' order, so the store load can follow it too
        if not f.jsonl:
            run.append(f)
            continue
        units.extend(text_units(run, sizes, len(units)))
        run = []
        scan = by_file[f.index]
        if scan["error"]:
            continue
        for start, end, line, position in scan["blocks"]:
            units.append(Unit(len(units), (f,), start, end, line, position))
    units.extend(text_units(run, sizes, len(units)))
    statuses = client.gather(
        client.map(extract_unit, units, work=work, max_bytes=options.max_bytes, pure=False)
    )
    errors: dict[int, str] = {s["file"]: s["error"] for s in scans if s["error"]}
    digests: dict[int, str] = {s["file"]: s["digest"] for s in scans if not s["error"]}
    for status in statuses:
        for index, digest, error in status["files"]:
            if error and index not in errors:
                errors[index] = error
            if digest:
                digests[index] = digest
    seen: set[str] = set()
    skipped: set[int] = set()
    for f in files:
        if f.index in errors:
            continue
        if digests[f.index] in seen:
            skipped.add(f.index)
        seen.add(digests[f.index])
    report.errors.extend(errors[i] for i in sorted(errors))
    report.skipped = len(skipped)
    report.captures = len(files) - len(errors) - len(skipped)
    _capture_rows(jsonl, digests, set(errors) | skipped, work)
    return set(errors) | skipped


def _size(f: InputFile) -> int:
    try:
        return file_size(f.url)
    except OSError:
        return 0  # the extraction task names the problem


def _capture_rows(jsonl: list[InputFile], digests: dict[int, str], excluded: set[int], work: str) -> None:
    """Capture rows of the JSON Lines files (their bytes are read again when a store is loaded)."""
    from revtrack.batch.extract import CAPTURE_COLUMNS
    from revtrack.batch.tables import write_rows

    rows = [
        {
            "file": f.index,
            "path": f.name,
            "content_hash": digests[f.index],
            "captured_at": f.captured_at,
            "captured_at_source": f.source,
            "layout": "jsonl",
            "encoding": "utf-8",
            "site": None,
            "raw": None,
            "location": f.url,
        }
        for f in jsonl
        if f.index not in excluded
    ]
    if rows:
        write_rows(rows, CAPTURE_COLUMNS, os.path.join(work, "captures", "jsonl.parquet"))


def _group(client, work: str, excluded: set[int], options: BatchOptions, report: BatchReport) -> None:
    """Phase 3: revisions, candidates, verified pairs, components and stories, on DataFrames."""
    import dask.dataframe as dd

    from revtrack.batch.output import assign_stories, checkpoint, write_outputs

    sightings = dd.read_parquet(os.path.join(work, "sightings"))
    if excluded:
        sightings = sightings[~sightings["file"].isin(sorted(excluded))]
    clock = time.perf_counter()
    report.sightings = int(client.compute(sightings.map_partitions(len).sum()).result())
    parts = max(2, math.ceil(report.sightings / options.partition_rows))
    report.partitions = parts
    meta = graph.empty(graph.REVISION_META)
    revisions = sightings.shuffle("revision_id", npartitions=parts).map_partitions(
        graph.revisions_of, meta=meta
    )
    revisions = checkpoint(client, revisions, work, "revisions", _columns(graph.REVISION_META))
    report.revisions = int(client.compute(revisions.map_partitions(len).sum()).result())
    clock = report.lap("revisions", clock)

    revisions, table, total = steps.sketch_table(client, revisions, work)
    bands = revisions[["sketch", "dense", "headline", "body", "addresses"]].map_partitions(
        graph.band_rows, meta=graph.empty(graph.BAND_META)
    )
    pairs = bands.shuffle(["band", "key"], npartitions=parts).map_partitions(
        graph.bucket_pairs, table=table, total=total, meta=graph.empty(graph.PAIR_META)
    )
    pairs = pairs.shuffle("a", npartitions=parts).map_partitions(
        graph.unique_pairs, meta=graph.empty(graph.PAIR_META)
    )
    pairs = checkpoint(client, pairs, work, "candidates", _columns(graph.PAIR_META))
    report.candidates = int(client.compute(pairs.map_partitions(len).sum()).result())
    clock = report.lap("candidates", clock)

    docs = revisions[["dense", "revision_id", "headline", "body", "when", "addresses"]]
    for side in ("a", "b"):
        pairs = pairs.merge(
            docs.rename(
                columns={"dense": side}
                | {c: f"{c}_{side}" for c in ("revision_id", "headline", "body", "when", "addresses")}
            ),
            on=side,
        )
    pairs = pairs.rename(columns={"revision_id_a": "id_a", "revision_id_b": "id_b"})
    edges = pairs.map_partitions(graph.verified, meta=graph.empty(graph.EDGE_META))
    edges = checkpoint(client, edges, work, "edges", _columns(graph.EDGE_META))
    report.verified = int(client.compute(edges.map_partitions(len).sum()).result())
    clock = report.lap("verify", clock)

    labels, report.rounds = steps.components(client, edges, parts)
    clock = report.lap("components", clock)
    table = assign_stories(client, steps.stories(labels, edges, revisions, parts), work, total)
    clock = report.lap("stories", clock)
    write_outputs(client, revisions, sightings, edges, work, options.out, table, report, options.figures)
    report.lap("order and tables", clock)


def _columns(meta: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Parquet column types for a step's frame (object columns are text, sketches bytes)."""
    kinds = {"int64": "int64", "float64": "float64", "bool": "bool"}
    return tuple((k, "binary" if k == "sketch" else kinds.get(v, "string")) for k, v in meta.items())


__all__ = ["BatchOptions", "BatchReport", "connect", "run_batch"]
