"""A batch's result loaded into a revtrack store, so the TUI, ``diff`` and ``ingest`` work on it.

The store gets what ``revtrack ingest`` would have written: every capture with
its raw bytes, every snapshot and revision (sketch included), the verified
pairs and the stories. It is written in one transaction, in the run's file
order, into a store that holds no capture yet: a failed load leaves it as it was.
Later ``ingest`` runs then group new captures against the loaded ones.
"""

from __future__ import annotations

import glob
import os
import tempfile
import zlib
from datetime import UTC, datetime
from itertools import groupby

from revtrack.batch.extract import SIGHTING_COLUMNS
from revtrack.batch.plan import open_input
from revtrack.errors import InputError
from revtrack.models import utc_text
from revtrack.store import SnapshotRow, Store

_ROW_FIELDS = [name for name, _ in SIGHTING_COLUMNS if name not in ("file", "path")]


def _parts(folder: str) -> list[str]:
    return sorted(glob.glob(os.path.join(folder, "*.parquet")))


def _raw_copy(location: str):
    """A JSON Lines capture's bytes, compressed into a temporary file, and its size."""
    packer = zlib.compressobj(1)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - closed by the caller
    with open_input(location) as fh:
        while chunk := fh.read(1 << 20):
            spool.write(packer.compress(chunk))
    spool.write(packer.flush())
    size = spool.tell()
    spool.seek(0)
    return spool, size


def load_store(db_path: str, work: str, out: str, excluded: set[int]) -> int:
    """Write the run's captures, revisions, pairs and stories into the store at ``db_path``.

    Returns the captures written. The store must hold no capture yet.
    """
    import pyarrow.parquet as pq

    store = Store.open(db_path)
    try:
        if store.counts()["captures"]:
            raise InputError(db_path, "the store already holds captures; batch loads into a new store")
        captures = {}
        for part in _parts(os.path.join(work, "captures")):
            for row in pq.read_table(part).to_pylist():
                captures[row["file"]] = row
        ingested = utc_text(datetime.now(UTC))
        ids: dict[int, int] = {}
        with store.transaction() as conn:
            for part in _parts(os.path.join(work, "sightings")):
                rows = pq.read_table(part).to_pylist()
                for file, group in groupby(rows, key=lambda r: r["file"]):
                    if file in excluded:
                        continue
                    if file not in ids:
                        ids[file] = _insert_capture(store, conn, captures[file], ingested)
                    store.insert_snapshots(
                        conn, ids[file], [SnapshotRow(**{k: r[k] for k in _ROW_FIELDS}) for r in group]
                    )
            for part in _parts(os.path.join(out, "edges")):
                store.add_edges(
                    conn,
                    [(r["a"], r["b"], r["strength"], r["near"]) for r in pq.read_table(part).to_pylist()],
                )
            for part in _parts(os.path.join(out, "revisions")):
                table = pq.read_table(part, columns=["revision_id", "story_id"]).to_pylist()
                moved = {r["revision_id"]: r["story_id"] for r in table if r["revision_id"] != r["story_id"]}
                if moved:
                    store.apply_partition(conn, moved, {})
        return len(ids)
    finally:
        store.close()


def _insert_capture(store: Store, conn, row: dict, ingested: str) -> int:
    capture_id = store.insert_capture(
        conn,
        path=row["path"],
        content_hash=row["content_hash"],
        captured_at=row["captured_at"],
        captured_at_source=row["captured_at_source"],
        layout=row["layout"],
        ingested_at=ingested,
        raw=row["raw"],
        encoding=row["encoding"],
        site=row["site"],
    )
    if row["raw"] is None and row["location"]:
        spool, size = _raw_copy(row["location"])
        with spool:
            store.write_raw(conn, capture_id, spool, size)
    return capture_id


__all__ = ["load_store"]
