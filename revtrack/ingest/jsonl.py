"""JSON Lines and CSV captures, streamed: a feed or a table of any size in bounded memory.

Researchers' exports run to hundreds of megabytes. Such a file is read twice,
never held whole: once to fingerprint it (the capture's content hash), check
each line against the size limit and compress its bytes to a temporary file;
then, inside the capture's one transaction, a slice of articles at a time is
parsed, stored and matched against what is stored (LSH candidates); the
candidate pairs are weighed and the stories formed once, at the end of the
capture (:class:`revtrack.grouping.Assignment`). A bad line anywhere rolls the
whole capture back, as for any other capture, and names its line. A ``.csv`` or
``.tsv`` file is read the same way, a row at a time
(:mod:`revtrack.extract.csv_records`).
"""

from __future__ import annotations

import tempfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from revtrack import grouping
from revtrack.errors import InputError
from revtrack.extract.csv_records import is_csv_name, iter_csv
from revtrack.extract.jsonl import iter_jsonl
from revtrack.extract.record_fields import unread_note
from revtrack.grouping.fingerprint import content_hasher
from revtrack.safety import path_text

#: Articles parsed, stored and matched for candidates at a time.
SLICE = 2000
_CHUNK = 1 << 20


def is_streamed(path: Path) -> bool:
    """A file to stream: named ``.jsonl``, ``.ndjson``, ``.csv`` or ``.tsv``, or whose first
    line is a JSON object.

    >>> is_streamed(Path("feed.jsonl")), is_streamed(Path("page.txt"))
    (True, False)
    """
    if path.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".tsv"):
        return True
    if path.suffix.lower() not in ("", ".json", ".txt"):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return streamed_by(path.name, head)


def streamed_by(name: str, head: bytes) -> bool:
    """:func:`is_streamed` of a file known by its name and first 64 KB (a file inside an archive).

    >>> streamed_by("a.csv", b""), streamed_by("a.html", b'{"a": 1}'), streamed_by("a.txt", b'{"a": 1}')
    (True, False, True)
    """
    suffix = Path(name).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".csv", ".tsv"):
        return True
    return suffix in ("", ".json", ".txt") and jsonl_by_head(name, head)


def jsonl_by_head(name: str, head: bytes) -> bool:
    """Whether a file is JSON Lines, by its name and first 64 KB (the batch reads remote files so).

    A JSON Feed written on one line is a JSON object too; its items are the
    articles (:mod:`revtrack.extract.feeds`), so it is not streamed as lines.

    >>> jsonl_by_head("a.json", b'{"headline": "H", "body": "B"}'), jsonl_by_head("a.txt", b"Title")
    (True, False)
    >>> jsonl_by_head("feed.json", b'{"version": "https://jsonfeed.org/version/1", "items": []}')
    False
    """
    suffix = Path(name).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return True
    if suffix not in ("", ".json", ".txt"):
        return False
    first = next((line for line in head.splitlines() if line.strip()), b"").strip()
    if b"jsonfeed.org" in first[:4096]:
        from revtrack.extract.feeds import looks_like_feed

        if looks_like_feed(first[:4096].decode("utf-8", "replace")):
            return False
    return first.startswith(b"{") and first.endswith(b"}") and b"\x00" not in head


@dataclass
class Scanned:
    """What the first pass learned about a JSON Lines file."""

    digest: str
    raw: tempfile.SpooledTemporaryFile  # the file's bytes, compressed
    raw_size: int
    lines: int


def scan(path: Path, max_line_bytes: int) -> Scanned:
    """First pass: content hash, compressed copy, per-line size check."""
    hasher = content_hasher()
    packer = zlib.compressobj(1)
    # returned open to the caller, which closes it once the bytes are stored
    raw = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115
    lines = 0
    try:
        with path.open("rb") as fh:
            # read at most one byte past the limit: a 1 GB line is refused without being held
            while line := fh.readline(max_line_bytes + 1):
                lines += 1
                if len(line) > max_line_bytes:
                    raise InputError(str(path), f"line {lines}: over the {max_line_bytes}-byte limit")
                hasher.update(line)
                raw.write(packer.compress(line))
        raw.write(packer.flush())
    except OSError as exc:
        raw.close()
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    except BaseException:
        raw.close()
        raise
    if lines == 0:
        raw.close()
        raise InputError(str(path), "empty file")
    size = raw.tell()
    raw.seek(0)
    return Scanned(hasher.hexdigest(), raw, size, lines)


def _numbered_lines(path: Path, keep_ends: bool = False) -> Iterator[tuple[int, str]]:
    """Decoded lines with their numbers (UTF-8, a byte-order mark allowed on the first)."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if b"\x00" in raw:
                raise InputError(str(path), f"line {n}: binary data (NUL bytes)")
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    str(path), f"line {n}: not valid UTF-8 (byte {exc.start}: {exc.reason})"
                ) from None
            yield n, line if keep_ends else line.rstrip("\r\n")


def _text_lines(path: Path) -> Iterator[str]:
    """Decoded lines with their ends (a CSV cell may hold line breaks), as :func:`_numbered_lines`."""
    for _, line in _numbered_lines(path, keep_ends=True):
        yield line


def ingest_jsonl(
    store,
    path: Path,
    captured_at: datetime,
    source: str,
    index,
    report,
    max_line_bytes: int,
    name: str | None = None,
) -> None:
    """Stream one JSON Lines capture into the store in its one transaction (see the module
    docstring); ``name`` is the capture's name where ``path`` is not (a file taken out of an
    archive of captures)."""
    from revtrack.ingest.captures import _iso, snapshot_rows  # the shared row building

    label = name or str(path)

    scanned = scan(path, max_line_bytes)
    unread: Counter[str] = Counter()  # fields that held words no role read, by key
    try:
        if store.capture_by_hash(scanned.digest) is not None:
            report.skipped += 1
            return
        captured_iso = _iso(captured_at)
        snapshots = new_total = 0
        try:
            with store.transaction() as conn:
                if store.capture_by_hash(scanned.digest) is not None:  # another process, meanwhile
                    report.skipped += 1
                    return
                index.refresh(store, conn)
                capture_id = store.insert_capture(
                    conn,
                    path=name or path_text(path),
                    content_hash=scanned.digest,
                    captured_at=captured_iso,
                    captured_at_source=source,
                    layout="csv" if is_csv_name(path.name) else "jsonl",
                    ingested_at=_iso(datetime.now(UTC)),
                    encoding="utf-8",
                    site=None,
                )
                store.write_raw(conn, capture_id, scanned.raw, scanned.raw_size)
                if is_csv_name(path.name):
                    articles = iter_csv(_text_lines(path), captured_at, label, unread)
                else:
                    articles = iter_jsonl(_numbered_lines(path), captured_at, label, unread=unread)
                assignment = grouping.Assignment(store, conn, index)
                while True:
                    batch = [a for _, a in zip(range(SLICE), articles, strict=False)]
                    if not batch:
                        break
                    rows = snapshot_rows(batch, captured_iso)
                    new = store.insert_snapshots(conn, capture_id, rows)
                    sketches = {row.revision_id: row.sketch for row in rows}
                    assignment.add([(rid, sketches[rid]) for rid in new], [row.revision_id for row in rows])
                    snapshots += len(rows)
                    new_total += len(new)
                if snapshots == 0:
                    raise InputError(label, "no article found")
                assignment.finish()  # pairs are weighed once for the whole capture
        except BaseException:
            index.reset()  # it may hold revisions of the rolled-back transaction
            raise
    finally:
        scanned.raw.close()
    report.captures += 1
    if note := unread_note(label, unread):
        report.warnings.append(note)
    report.snapshots += snapshots
    report.new_revisions += new_total
