"""What a batch run reads: its input files, their capture times, and the work units.

Runs on the driver and touches only file listings and metadata: local paths and
folders (walked as ``revtrack ingest`` walks them, manifests included), globs,
and fsspec URLs (``s3://``, ``gs://``, ``memory://``...). The bytes are read by
the workers (:mod:`revtrack.batch.extract`).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from revtrack.errors import InputError
from revtrack.ingest.bundles import is_bundle
from revtrack.ingest.files import is_system_file, iter_capture_files
from revtrack.ingest.jsonl import jsonl_by_head
from revtrack.ingest.mailbox import looks_like_mailbox
from revtrack.ingest.manifest import load_manifest
from revtrack.models import utc_text
from revtrack.safety import path_text

#: Text and HTML captures read by one task (they are small; one task each would be
#: mostly scheduling) unless their bytes pass :data:`UNIT_BYTES` first.
UNIT_FILES = 64
UNIT_BYTES = 32 * 1024 * 1024
#: Lines of a JSON Lines file parsed by one task: its memory is bounded by this,
#: whatever the file's size.
BLOCK_LINES = 4000


@dataclass(frozen=True)
class InputFile:
    """One capture to read: where it is, how it is read, and when it was captured."""

    index: int  # its place in the run: captures are stored, and ties broken, in this order
    url: str  # a local path or an fsspec URL
    name: str  # the path as stored and printed (escaped)
    jsonl: bool
    captured_at: str  # ISO UTC
    source: str  # "option", "manifest" or "mtime", as ingest records it
    site: str | None
    served_as_html: bool = False  # an archived response served as HTML (read as HTML)


def _is_remote(text: str) -> bool:
    return "://" in text and not text.startswith("file://")


def _mtime(info: dict) -> datetime | None:
    """A remote file's modification time from an fsspec ``info`` dict, when it has one."""
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


#: A web archive holds many captures, each with its own time and address. A local one is
#: unpacked on the driver, a page a capture (:func:`_archived`); one named by URL is not read.
NOT_ARCHIVES = "a WARC web archive or a mailbox at a URL: revtrack batch reads local ones only; copy it here"


def _archive(name: str, head: bytes) -> bool:
    """A WARC file, by its name or its first bytes.

    >>> _archive("crawl.warc.gz", b""), _archive("x", b"WARC/1.1 "), _archive("a.txt", b"Title")
    (True, True, False)
    """
    return name.lower().endswith((".warc", ".warc.gz")) or head[:8] in (b"WARC/1.0", b"WARC/1.1")


def list_inputs(
    inputs: list[str],
    captured_at: datetime | None,
    problems: list[str],
    unpack_to: str | None = None,
    max_bytes: int = 50 * 1024 * 1024,
    warnings: list[str] | None = None,
) -> list[InputFile]:
    """Every capture under ``inputs``, in a stable order; problems are collected, one line each.

    A local WARC archive gives a capture per archived page, its bytes written under
    ``unpack_to`` for the workers (without ``unpack_to`` the archive is a problem, named).
    """
    out: list[InputFile] = []
    local: list[str] = []
    for item in inputs:
        if _is_remote(item):
            out.extend(_remote_files(item, captured_at, problems, start=len(out)))
            continue
        item = item.removeprefix("file://")
        if glob.has_magic(item):
            found = sorted(glob.glob(item, recursive=True))
            if not found:
                problems.append(f"{item}: no file matches")
            local.extend(found)
        else:
            local.append(item)
    manifests: dict[Path, dict] = {}
    for path, manifest_path in iter_capture_files(local, problems):
        when, source = captured_at, "option"
        if when is None and manifest_path is not None:
            if manifest_path not in manifests:
                manifests[manifest_path] = load_manifest(manifest_path)
            entry = manifests[manifest_path].get(path.name)
            if entry is not None and entry.captured_at is not None:
                when, source = entry.captured_at, "manifest"
        if when is None:
            try:
                when, source = datetime.fromtimestamp(path.stat().st_mtime, UTC), "mtime"
            except (OSError, OverflowError, ValueError) as exc:
                problems.append(f"{path_text(path)}: cannot read its modification time ({exc})")
                continue
        try:
            with path.open("rb") as fh:
                head = fh.read(65536)
        except OSError as exc:
            problems.append(f"{path_text(path)}: cannot read ({exc.strerror or exc})")
            continue
        # a file of many captures: unpacked on the driver, a capture per page, message or file
        if is_bundle(path):
            kind, unpack = "an archive of captures", partial(_bundle, option=captured_at, fallback=when)
        elif looks_like_mailbox(path.name, head):
            kind, unpack = "a mailbox", partial(_mailbox, captured_at=when)
        elif _archive(path.name, head):
            kind, unpack = "a WARC web archive", partial(_archived, warnings=warnings)
        else:
            kind = ""
        if kind and unpack_to is None:
            problems.append(f"{path_text(path)}: {kind}, not unpacked here")
        if kind:
            if unpack_to is not None:
                out.extend(unpack(path, unpack_to, max_bytes, problems, start=len(out)))
            continue
        out.append(
            InputFile(
                len(out),
                str(path),
                path_text(path),
                jsonl_by_head(path.name, head),
                utc_text(when),
                source,
                str(path.resolve().parent),  # ingest's site: the capture's folder
            )
        )
    return out


def _archived(
    path: Path, folder: str, max_bytes: int, problems: list[str], start: int, warnings: list[str] | None
) -> list[InputFile]:
    """Each page of a WARC archive as a capture of its own, as ``revtrack ingest`` reads it: at
    its WARC-Date and address, its site the host; its bytes (transfer and content codings
    undone) written under ``folder``, where the workers read them. A record that cannot be
    read is a problem, named by the archive, its number and its address."""
    from collections import Counter
    from urllib.parse import urlsplit

    from revtrack.ingest.warc import archived_pages, served_as_html, skipped_note

    os.makedirs(folder, exist_ok=True)
    skipped: Counter[str] = Counter()
    out: list[InputFile] = []
    for page in archived_pages(path, max_bytes, skipped, problems):
        body = os.path.join(folder, f"page-{start + len(out)}")
        with open(body, "wb") as fh:
            fh.write(page.body)
        site = urlsplit(page.url).netloc.lower() or path_text(path)
        when = utc_text(page.when)
        out.append(
            InputFile(start + len(out), body, page.url, False, when, "warc", site, served_as_html(page))
        )
    if skipped and warnings is not None:
        warnings.append(skipped_note(path, skipped))
    return out


def _mailbox(
    path: Path, folder: str, max_bytes: int, problems: list[str], start: int, captured_at: datetime
) -> list[InputFile]:
    """Each message of a mailbox as a capture of its own, as ``revtrack ingest`` reads it: named
    ``inbox.mbox#N.eml``, at its arrival; its bytes written under ``folder`` for the workers."""
    from revtrack.ingest.mailbox import mailbox_messages

    os.makedirs(folder, exist_ok=True)
    out: list[InputFile] = []
    found, problems_before = 0, len(problems)
    for message in mailbox_messages(path, max_bytes, problems):
        found += 1
        body = os.path.join(folder, f"mail-{start + len(out)}")
        with open(body, "wb") as fh:
            fh.write(message.raw)
        when = utc_text(message.when or captured_at)
        name = f"{path_text(path)}#{message.number}.eml"
        out.append(InputFile(start + len(out), body, name, False, when, "mbox", path_text(path)))
    if not found and len(problems) == problems_before:
        problems.append(f"{path_text(path)}: a mailbox with no message")
    return out


def _bundle(
    path: Path,
    folder: str,
    max_bytes: int,
    problems: list[str],
    start: int,
    option: datetime | None,
    fallback: datetime,
) -> list[InputFile]:
    """Each file inside an archive of captures as a capture of its own, as ``revtrack ingest``
    reads it (named ``scrape.zip#site/page.html``, at the option's time, else its own); its
    bytes written under ``folder`` for the workers."""
    from pathlib import PurePosixPath

    from revtrack.ingest.bundles import archived_files
    from revtrack.ingest.jsonl import streamed_by

    os.makedirs(folder, exist_ok=True)
    out: list[InputFile] = []
    problems_before = len(problems)
    try:
        for member in archived_files(path, max_bytes, problems):
            body = os.path.join(folder, f"file-{start + len(out)}")
            with open(body, "wb") as fh:
                fh.write(member.raw)
            when = utc_text(option or member.when or fallback)
            name = f"{path_text(path)}#{member.name}"
            site = f"{path_text(path)}#{PurePosixPath(member.name).parent}"
            source = "option" if option else "archive"
            streamed = streamed_by(member.name, member.raw[:65536])
            out.append(InputFile(start + len(out), body, name, streamed, when, source, site))
    except InputError as exc:
        problems.append(str(exc))
    if not out and len(problems) == problems_before:
        problems.append(f"{path_text(path)}: an archive with no file to read")
    return out


def _remote_files(url: str, captured_at: datetime | None, problems: list[str], start: int) -> list[InputFile]:
    import fsspec

    try:
        fs, _, paths = fsspec.get_fs_token_paths(url)
        listed = []
        for path in paths:
            info = fs.info(path)
            if info.get("type") == "directory":
                listed.extend(sorted(fs.find(path, detail=True).items()))
            else:
                listed.append((path, info))
    except (OSError, ValueError, ImportError) as exc:
        problems.append(f"{path_text(url)}: cannot list ({exc})")
        return []
    if not listed:
        problems.append(f"{path_text(url)}: no file matches")
    out = []
    for path, info in listed:
        name = os.path.basename(path)
        if is_system_file(name) or name == "manifest.yaml":
            continue
        full = fs.unstrip_protocol(path)
        when, source = captured_at, "option"
        if when is None:
            when, source = _mtime(info), "mtime"
        if when is None:
            problems.append(f"{path_text(full)}: no modification time; give --captured-at")
            continue
        with fs.open(path, "rb") as fh:
            head = fh.read(65536)
        if _archive(name, head) or looks_like_mailbox(name, head) or is_bundle(Path(name)):
            problems.append(f"{path_text(full)}: {NOT_ARCHIVES}")
            continue
        host = os.path.dirname(full)
        out.append(
            InputFile(
                start + len(out),
                full,
                path_text(full),
                jsonl_by_head(name, head),
                utc_text(when),
                source,
                host,
            )
        )
    return out


@dataclass(frozen=True)
class Unit:
    """One extraction task: some whole text captures, or one block of a JSON Lines file."""

    number: int
    files: tuple[InputFile, ...]
    start: int = 0  # JSON Lines block: first byte,
    end: int = -1  # end byte (exclusive; -1: to the end),
    first_line: int = 1  # the number of its first line,
    first_position: int = 0  # and the position of its first article in the capture


def text_units(files: list[InputFile], sizes: dict[int, int], first_number: int) -> list[Unit]:
    """Text and HTML captures grouped into units of at most :data:`UNIT_FILES` files."""
    units: list[Unit] = []
    current: list[InputFile] = []
    held = 0
    for f in files:
        if current and (len(current) >= UNIT_FILES or held + sizes.get(f.index, 0) > UNIT_BYTES):
            units.append(Unit(first_number + len(units), tuple(current)))
            current, held = [], 0
        current.append(f)
        held += sizes.get(f.index, 0)
    if current:
        units.append(Unit(first_number + len(units), tuple(current)))
    return units


def open_input(url: str):
    """A binary file object for a local path or an fsspec URL."""
    if _is_remote(url):
        import fsspec

        return fsspec.open(url, "rb").open()
    return open(url, "rb")  # noqa: SIM115 - the caller closes it


def file_size(url: str) -> int:
    """A capture's size in bytes."""
    if _is_remote(url):
        import fsspec

        fs, _, (path,) = fsspec.get_fs_token_paths(url)
        return int(fs.info(path).get("size") or 0)
    return os.stat(url).st_size


__all__ = [
    "BLOCK_LINES",
    "InputFile",
    "InputError",
    "Unit",
    "file_size",
    "list_inputs",
    "open_input",
    "text_units",
]
