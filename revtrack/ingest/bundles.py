"""Archives of captures (``.zip``, ``.tar``, ``.tar.gz``, ``.tgz``): each file inside a capture.

Scraped pages travel as one archive: a crawler's output zipped for a colleague, a
dataset's tarball, a folder compressed by a desktop. Read as one file, a zip was
"a zip archive, not a text capture" and a tarball binary. Here each regular file
inside is a capture of its own, read as the same file in a folder is read: named
``scrape.zip#site/page.html`` (the archive, then the file's path inside it, whose
extension says how it is read), captured at ``--captured-at`` where given, else at
the file's own time in the archive (a zip stores local time with no zone: taken as
UTC), its site the archive and the folder inside it. The files a folder walk skips
(hidden files, ``__MACOSX`` forks, ``Thumbs.db``, ``~$`` owner files, ``manifest.yaml``)
are skipped. A file over ``--max-bytes`` (read no further than the limit, so a zip
bomb stops there), an encrypted or damaged one, and an archive inside the archive (unpack
it first) are one line each naming the archive and the file; the others go on. The
archive's bytes are never written to disk, so no path inside it can reach outside.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from revtrack.errors import InputError
from revtrack.ingest.files import is_system_file
from revtrack.ingest.jsonl import streamed_by
from revtrack.safety import path_text

if TYPE_CHECKING:
    from revtrack import grouping
    from revtrack.ingest.captures import IngestReport, Piece
    from revtrack.store import Store

__all__ = ["ArchivedFile", "archived_files", "ingest_bundle", "is_bundle"]

#: File names that say an archive of captures (a ``.gz`` alone is one gzipped capture).
BUNDLE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
#: Files inside that are archives themselves: named, not unpacked.
NESTED_SUFFIXES = (*BUNDLE_SUFFIXES, ".warc", ".warc.gz", ".mbox", ".mbx")


def is_bundle(path: Path) -> bool:
    """An archive of captures, by its name.

    >>> is_bundle(Path("scrape.zip")), is_bundle(Path("dump.tar.gz")), is_bundle(Path("page.html.gz"))
    (True, True, False)
    """
    return path.name.lower().endswith(BUNDLE_SUFFIXES)


@dataclass(frozen=True)
class ArchivedFile:
    """One file inside an archive: its path inside, its time there, its bytes."""

    name: str
    when: datetime | None
    raw: bytes


def _skipped(name: str) -> bool:
    """A file a folder walk would skip (hidden, the system's, a manifest), by its path inside."""
    parts = [part for part in PurePosixPath(name).parts if part not in (".", "..")]  # names, never paths
    return any(is_system_file(part) or part == "__MACOSX" for part in parts) or parts[-1:] == [
        "manifest.yaml"
    ]


def archived_files(path: Path, max_bytes: int, errors: list[str]) -> Iterator[ArchivedFile]:
    """The regular files inside an archive, in the archive's order; what cannot be read is an
    error line (the archive and the file), and the rest go on."""
    label = path_text(path)
    try:
        if path.name.lower().endswith(".zip"):
            yield from _zip_files(path, label, max_bytes, errors)
        else:
            yield from _tar_files(path, label, max_bytes, errors)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise InputError(label, f"a damaged archive ({exc})") from None


def _zip_files(path: Path, label: str, max_bytes: int, errors: list[str]) -> Iterator[ArchivedFile]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir() or _skipped(info.filename):
                continue
            where = f"{label}#{info.filename}"
            if info.filename.lower().endswith(NESTED_SUFFIXES):
                errors.append(f"{where}: an archive inside an archive, not read (unpack it first)")
                continue
            if info.flag_bits & 0x1:
                errors.append(f"{where}: encrypted, not read")
                continue
            try:
                with archive.open(info) as member:
                    raw = member.read(max_bytes + 1)  # a bomb's declared size may lie: read no further
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
                errors.append(f"{where}: cannot be read ({exc})")
                continue
            if len(raw) > max_bytes:
                errors.append(f"{where}: larger than --max-bytes ({max_bytes:,} bytes)")
                continue
            try:
                when = datetime(*info.date_time, tzinfo=UTC)
            except ValueError:
                when = None
            yield ArchivedFile(info.filename, when, raw)


def _tar_files(path: Path, label: str, max_bytes: int, errors: list[str]) -> Iterator[ArchivedFile]:
    with tarfile.open(path, mode="r:*") as archive:
        for info in archive:  # streamed: the members are read in order, not listed first
            if not info.isfile() or _skipped(info.name):
                continue
            where = f"{label}#{info.name}"
            if info.name.lower().endswith(NESTED_SUFFIXES):
                errors.append(f"{where}: an archive inside an archive, not read (unpack it first)")
                continue
            if info.size > max_bytes:
                errors.append(f"{where}: larger than --max-bytes ({max_bytes:,} bytes)")
                continue
            member = archive.extractfile(info)
            raw = member.read(max_bytes + 1) if member is not None else b""
            try:
                when = datetime.fromtimestamp(info.mtime, UTC) if info.mtime else None
            except (OverflowError, OSError, ValueError):
                when = None
            yield ArchivedFile(info.name, when, raw)


def _stream(
    store: Store,
    inside: str,
    piece: Piece,
    index: grouping.LshIndex,
    report: IngestReport,
    max_bytes: int,
) -> None:
    """A JSON Lines or CSV file inside an archive, streamed as the same file in a folder is
    (from a temporary copy: the streaming reader reads a file)."""
    import tempfile

    from revtrack.ingest.jsonl import ingest_jsonl

    with tempfile.TemporaryDirectory(prefix="revtrack-") as scratch:
        copy = Path(scratch) / PurePosixPath(inside).name
        copy.write_bytes(piece.raw)
        ingest_jsonl(store, copy, piece.when, piece.source, index, report, max_bytes, name=piece.name)


def ingest_bundle(
    store: Store,
    path: Path,
    report: IngestReport,
    index: grouping.LshIndex,
    max_bytes: int,
    captured_at: datetime | None,
    fallback: datetime,
) -> None:
    """Every file of an archive stored as its own capture (one transaction each); files whose
    bytes are stored already are skipped. ``captured_at`` (the option) wins over each file's
    own time; ``fallback`` is the time of a file with neither."""
    from revtrack.ingest.captures import Piece, ingest_pieces

    errors: list[str] = []
    label = path_text(path)
    source = "option" if captured_at else "archive"
    pieces = (
        Piece(
            f"{label}#{member.name}",
            member.raw,
            captured_at or member.when or fallback,
            source,
            f"{label}#{PurePosixPath(member.name).parent}",
        )
        for member in archived_files(path, max_bytes, errors)
    )

    def stream(piece: Piece) -> bool:
        """JSON Lines and CSV inside are streamed, as the same file in a folder is."""
        inside = piece.name.split("#", 1)[1]
        if not streamed_by(inside, piece.raw[:65536]):
            return False
        _stream(store, inside, piece, index, report, max_bytes)
        return True

    if not ingest_pieces(store, report, index, pieces, errors, stream) and not errors:
        errors.append(f"{label}: an archive with no file to read")
    report.errors.extend(errors)
