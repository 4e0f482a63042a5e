"""Parquet files as the batch writes them: typed columns, written under a temporary name.

Columns are ``(name, kind)`` pairs; kinds are ``int64``, ``float64``, ``bool``,
``string``, ``binary`` and ``list`` (a list of strings, held in a frame as the
names joined by U+001F).
"""

from __future__ import annotations

import os

try:
    import pandas as pd
except ImportError:  # no dask extra: `revtrack batch` says so before any of this runs
    pd = None


def arrow_schema(columns):
    """A pyarrow schema from ``(name, kind)`` pairs."""
    import pyarrow as pa

    types = {
        "int64": pa.int64(),
        "string": pa.string(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
        "binary": pa.binary(),
    }
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _value(value, kind: str):
    """A cell as pyarrow takes it: missing values (None, NaN, NA) as None, lists split."""
    if value is None or (not isinstance(value, str | bytes | list) and pd.isna(value)):
        return [] if kind == "list" else None
    if kind == "list":
        return value.split("\x1f") if value else []
    if kind == "int64":
        return int(value)
    if kind == "float64":
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind == "binary":
        return bytes(value)
    return str(value)


def _write(data: dict, columns, path: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(pa.table(data, schema=arrow_schema(columns)), path + ".tmp", compression="zstd")
    os.replace(path + ".tmp", path)  # a reader never sees half a file


def write_rows(rows: list[dict], columns, path: str) -> None:
    """Rows (dicts) as one Parquet file."""
    _write({name: [_value(row.get(name), kind) for row in rows] for name, kind in columns}, columns, path)


def write_part(frame: pd.DataFrame, columns, path: str) -> int:
    """One partition as one Parquet file; returns its rows."""
    _write({name: [_value(v, kind) for v in frame[name].tolist()] for name, kind in columns}, columns, path)
    return len(frame)


__all__ = ["arrow_schema", "write_part", "write_rows"]
