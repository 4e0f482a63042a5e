"""Worker side of a batch: captures read, extracted, fingerprinted and sketched.

The same functions as ``revtrack ingest`` (:func:`revtrack.ingest.captures.prepare_bytes`
for a text or HTML capture, :func:`revtrack.extract.jsonl.iter_jsonl` and
:func:`revtrack.ingest.captures.snapshot_rows` for JSON Lines), so a batch extracts
exactly what one machine would. Each task writes its sightings to one Parquet
file and returns only a small status; a JSON Lines file is first scanned once
(content hash, line limit, block boundaries) so its blocks can be parsed apart.
"""

from __future__ import annotations

import os
from datetime import datetime

from revtrack.batch.plan import BLOCK_LINES, InputFile, Unit, open_input
from revtrack.batch.tables import write_rows
from revtrack.errors import InputError

#: The sightings table a unit writes (one row per article of a capture).
SIGHTING_COLUMNS = (
    ("file", "int64"),
    ("path", "string"),
    ("position", "int64"),
    ("revision_id", "string"),
    ("captured_at", "string"),
    ("outlet", "string"),
    ("section", "string"),
    ("date_text", "string"),
    ("published", "string"),
    ("published_precision", "string"),
    ("url", "string"),
    ("byline", "string"),
    ("headline", "string"),
    ("body", "string"),
    ("words", "int64"),
    ("paragraphs", "int64"),
    ("sketch", "binary"),
)
#: Text and HTML captures as the store keeps them (raw bytes compressed).
CAPTURE_COLUMNS = (
    ("file", "int64"),
    ("path", "string"),
    ("content_hash", "string"),
    ("captured_at", "string"),
    ("captured_at_source", "string"),
    ("layout", "string"),
    ("encoding", "string"),
    ("site", "string"),
    ("raw", "binary"),
    ("location", "string"),  # where the bytes are (a JSON Lines file's are read again to load a store)
)


def _sighting(f: InputFile, row) -> dict:
    return {"file": f.index, "path": f.name, **{k: getattr(row, k) for k in _ROW_FIELDS}}


_ROW_FIELDS = [name for name, _ in SIGHTING_COLUMNS if name not in ("file", "path")]


def _nonblank(line: bytes, lineno: int) -> bool:
    """Whether the parser sees an article on this line (it strips Unicode whitespace)."""
    if not line.strip():
        return False
    if line.isascii():
        return True
    return bool(line.decode("utf-8-sig" if lineno == 1 else "utf-8", "replace").strip())


def scan_jsonl(f: InputFile, max_line_bytes: int, block_lines: int = BLOCK_LINES) -> dict:
    """One pass over a JSON Lines file: its content hash and the blocks its lines fall into.

    Blocks start every ``block_lines`` non-blank lines; each carries its byte
    range, its first line number and its first article's position, so the blocks
    are parsed in parallel and number their articles as one pass would.
    """
    from revtrack.grouping.fingerprint import content_hasher

    hasher = content_hasher()
    blocks: list[tuple[int, int, int, int]] = []
    offset = lineno = articles = 0
    block_start, block_line, block_position = 0, 1, 0
    try:
        with open_input(f.url) as fh:
            for line in fh:
                lineno += 1
                if len(line) > max_line_bytes:
                    raise InputError(
                        f.name, f"line {lineno}: {len(line)} bytes is over the {max_line_bytes}-byte limit"
                    )
                hasher.update(line)
                if _nonblank(line, lineno):
                    if articles - block_position == block_lines:
                        blocks.append((block_start, offset, block_line, block_position))
                        block_start, block_line, block_position = offset, lineno, articles
                    articles += 1
                offset += len(line)
    except OSError as exc:
        return {"file": f.index, "error": f"{f.name}: cannot read ({exc.strerror or exc})"}
    except InputError as exc:
        return {"file": f.index, "error": str(exc)}
    if lineno == 0:
        return {"file": f.index, "error": f"{f.name}: empty file"}
    if articles == 0:
        return {"file": f.index, "error": f"{f.name}: no article found"}
    blocks.append((block_start, offset, block_line, block_position))
    return {"file": f.index, "digest": hasher.hexdigest(), "blocks": blocks, "error": None}


def _block_lines(f: InputFile, unit: Unit):
    """The numbered, decoded lines of one block (as :func:`revtrack.ingest.jsonl._numbered_lines`)."""
    with open_input(f.url) as fh:
        fh.seek(unit.start)
        offset, n = unit.start, unit.first_line
        for raw in fh:
            if offset >= unit.end:
                break
            offset += len(raw)
            if b"\x00" in raw:
                raise InputError(f.name, f"line {n}: binary data (NUL bytes)")
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f.name, f"line {n}: not valid UTF-8 (byte {exc.start}: {exc.reason})"
                ) from None
            yield n, line.rstrip("\r\n")
            n += 1


def extract_unit(unit: Unit, work: str, max_bytes: int) -> dict:
    """Extract one unit into ``work/sightings/part-N.parquet``; returns what each file gave.

    The status is ``{"files": [(file index, content hash or None, error or None)], "rows": n}``.
    """
    from revtrack.extract.jsonl import iter_jsonl
    from revtrack.grouping.fingerprint import content_hash
    from revtrack.ingest.captures import prepare_bytes, snapshot_rows

    sightings: list[dict] = []
    captures: list[dict] = []
    statuses: list[tuple[int, str | None, str | None]] = []
    for f in unit.files:
        when = datetime.fromisoformat(f.captured_at.replace("Z", "+00:00"))
        try:
            if f.jsonl:
                lines = _block_lines(f, unit)
                articles = list(iter_jsonl(lines, when, f.name, unit.first_position, several_a_line=False))
                sightings.extend(_sighting(f, row) for row in snapshot_rows(articles, f.captured_at))
                statuses.append((f.index, None, None))
                continue
            with open_input(f.url) as fh:
                raw = fh.read(max_bytes + 1)
            if len(raw) > max_bytes:
                raise InputError(f.name, f"over the {max_bytes}-byte limit")
            digest = content_hash(raw)
            prepared = prepare_bytes(
                f.name, raw, when, f.source, f.site, digest=digest, served_as_html=f.served_as_html
            )
        except InputError as exc:
            statuses.append((f.index, None, str(exc)))
            continue
        except OSError as exc:
            statuses.append((f.index, None, f"{f.name}: cannot read ({exc.strerror or exc})"))
            continue
        statuses.append((f.index, digest, None))
        sightings.extend(_sighting(f, row) for row in prepared.rows)
        captures.append(
            {
                "file": f.index,
                "path": f.name,
                "content_hash": digest,
                "captured_at": prepared.captured_at,
                "captured_at_source": f.source,
                "layout": prepared.layout,
                "encoding": prepared.encoding,
                "site": f.site,
                "raw": prepared.raw,
                "location": f.url,
            }
        )
    name = f"part-{unit.number:07d}.parquet"
    if sightings:
        write_rows(sightings, SIGHTING_COLUMNS, os.path.join(work, "sightings", name))
    if captures:
        write_rows(captures, CAPTURE_COLUMNS, os.path.join(work, "captures", name))
    return {"files": statuses, "rows": len(sightings)}


__all__ = ["CAPTURE_COLUMNS", "SIGHTING_COLUMNS", "extract_unit", "scan_jsonl"]
