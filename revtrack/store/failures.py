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
    limit = _file_size_limit()
    if name == "SQLITE_FULL" or (limit and name.startswith("SQLITE_IOERR")):
        cause = f"the file-size limit (ulimit -f) is {limit} bytes" if limit else "the disk is full"
        return StoreError(
            f"{path}: cannot write the store ({exc}; {cause}): the capture being written was"
            " rolled back, those before it are kept; make room and run again"
        )
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return StoreError(f"{path}: store is busy ({exc}): another revtrack is writing it; try again")
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(
            f"{path}: cannot open the store ({exc}): check that its folder exists and is writable"
        )
    if name.startswith("SQLITE_IOERR"):
        if Path(f"{path}-shm").exists() and not Path(f"{path}-wal").exists():
            return lost_wal(path)
        return StoreError(
            f"{path}: a read or write of the store failed ({exc}): check the disk, then run again;"
            " a capture being written was rolled back"
        )
    if name in ("SQLITE_NOTADB",):
        return StoreError(f"{path}: not a revtrack store ({exc}); it was left untouched")
    return StoreError(f"{path}: store is damaged ({exc}); it was left untouched")


def _file_size_limit() -> int | None:
    """The process's file-size limit in bytes, when one is set (``ulimit -f``)."""
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def lost_wal(path: str | Path) -> StoreError:
    """The store's write-ahead log was deleted while a revtrack had it open.

    In WAL mode SQLite removes the ``-shm`` and ``-wal`` files together, so a
    ``-shm`` left alone means the log was deleted from under an open store.
    """
    return StoreError(
        f"{path}: the store's write-ahead log ({Path(path).name}-wal) was deleted while a revtrack"
        " had the store open: close every revtrack using it (then, if it is still there, delete"
        f" {Path(path).name}-shm); the store opens again without the captures that were only in"
        " the deleted log, so ingest those again"
    )
