"""What a SQLite error means for the user: one line naming the store, the cause and what to do.

A read-only file, a full disk, a lost write-ahead log and a damaged file are
different troubles with different remedies; "damaged" advice on a good but
read-only store could make a user delete it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from revtrack.errors import StoreError


def explain(exc: sqlite3.Error, path: str | Path) -> StoreError:
    """A :class:`StoreError` for a SQLite error met on the store at ``path``.

    >>> err = sqlite3.OperationalError("attempt to write a readonly database")
    >>> err.sqlite_errorname = "SQLITE_READONLY"
    >>> print(explain(err, "s.db"))  # doctest: +ELLIPSIS
    s.db: store is read-only (attempt to write a readonly database): revtrack needs to write ...
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    path = Path(path)
    if name.startswith("SQLITE_READONLY") or name == "SQLITE_PERM" or name == "SQLITE_AUTH":
        return StoreError(
            f"{path}: store is read-only ({exc}): revtrack needs to write the file and its folder"
            " (for the -wal and -shm files); nothing was changed"
        )
    if name == "SQLITE_FULL" or "file too large" in str(exc).lower():
        return StoreError(
            f"{path}: the disk is full or a file-size limit was reached ({exc}); the store was"
            " left as it was before this run: free space and run again"
        )
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return StoreError(f"{path}: store is busy ({exc}): another revtrack is writing it; try again")
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(
            f"{path}: cannot open the store ({exc}): check that its folder exists and is writable"
        )
    if name.startswith("SQLITE_IOERR"):
        wal = Path(f"{path}-wal")
        shm = Path(f"{path}-shm")
        if shm.exists() and not wal.exists():
            return StoreError(
                f"{path}: the store's write-ahead log ({wal.name}) disappeared while it was open"
                f" ({exc}): close every revtrack using this store and run again; captures whose"
                " writes were only in that log must be ingested again"
            )
        return StoreError(
            f"{path}: a read or write of the store failed ({exc}): check the disk, then run again;"
            " the store was not changed by this run"
        )
    if name in ("SQLITE_NOTADB",):
        return StoreError(f"{path}: not a revtrack store ({exc}); it was left untouched")
    return StoreError(f"{path}: store is damaged ({exc}); it was left untouched")
