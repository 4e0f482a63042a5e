"""Web archives (WARC, ISO 28500): each archived page a capture, at its archived time and address.

A WARC file is what web archiving tools write (wget's ``--warc-file``, Browsertrix,
Webrecorder, Heritrix, the Internet Archive): a series of records, each a header
block then the bytes it announces, often gzipped record by record (``.warc.gz``).
A ``response`` record holds an HTTP response as it came over the wire; a
``resource`` record the document itself. Each page in the archive (HTML, XHTML,
plain text, a feed) becomes a capture as ``revtrack fetch`` makes one: its address
is the record's target URI, its time the record's ``WARC-Date`` (the archive's own
clock, whatever ``--captured-at`` says), its site the address's host. Other
records (images, scripts, styles, redirects, errors, ``revisit`` records that point
at an earlier copy, requests and metadata) are not pages; they are counted in one
warning per archive, never read as text. A record that cannot be read is one line
naming the archive, the record's number and its address; the others go on.
"""

from __future__ import annotations

import gzip
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

from revtrack.errors import InputError
from revtrack.extract.decode import DOCUMENT_TYPES
from revtrack.safety import path_text

if TYPE_CHECKING:
    from revtrack import grouping
    from revtrack.ingest.captures import IngestReport
    from revtrack.store import Store

__all__ = ["ArchivedPage", "archived_pages", "ingest_warc", "is_warc"]

#: Content types read as pages; the rest of an archive is what a page is drawn with.
PAGE_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
    *DOCUMENT_TYPES,  # an archived PDF or Word file: a statement as it was published
)


def is_warc(path: Path) -> bool:
    """A web archive by its name (``.warc``, ``.warc.gz``), or an unnamed one by its first bytes.

    >>> is_warc(Path("crawl.warc.gz")), is_warc(Path("page.html"))
    (True, False)
    """
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return True
    if path.suffix:
        return False
    try:
        with path.open("rb") as fh:
            return fh.read(8) in (b"WARC/1.0", b"WARC/1.1")
    except OSError:
        return False


@dataclass(frozen=True)
class ArchivedPage:
    """One page of an archive: where and when it was archived, and its bytes."""

    number: int  # the record's number in the archive, from 1
    url: str
    when: datetime
    body: bytes
    content_type: str  # as served ("text/html"), without its parameters


def archived_pages(
    path: Path, max_bytes: int, skipped: Counter[str], errors: list[str]
) -> Iterator[ArchivedPage]:
    """The pages of an archive in order; records that are no page are counted in ``skipped``
    by kind, and a record that cannot be read is a line in ``errors``. A damaged archive
    (a record cut short, a header block that is no WARC header) ends the reading there, with
    one line: what came before it is read."""
    name = path_text(path)
    number = 0
    try:
        with _open(path) as stream:
            for number, headers, block in _records(stream, max_bytes, name):  # noqa: B007
                where = headers.get("warc-target-uri", "-")
                if block is None:
                    errors.append(f"{name}: record {number} ({where}): over the {max_bytes}-byte limit")
                    continue
                page = _page(headers, block, max_bytes, skipped)
                if isinstance(page, str):
                    errors.append(f"{name}: record {number} ({where}): {page}")
                elif page is not None:
                    yield ArchivedPage(number, *page)
    except (OSError, EOFError, zlib.error) as exc:  # gzip's BadGzipFile is an OSError
        errors.append(f"{name}: after record {number}: the archive cannot be read further ({exc})")
    except InputError as exc:
        errors.append(str(exc))


def _open(path: Path) -> IO[bytes]:
    """The archive's bytes, gunzipped as they are read when it is gzipped (member by member)."""
    with path.open("rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else path.open("rb")  # noqa: SIM115 (the caller closes it)


def _records(
    stream: IO[bytes], max_bytes: int, name: str
) -> Iterator[tuple[int, dict[str, str], bytes | None]]:
    number = 0
    while True:
        line = stream.readline(65536)
        if not line:
            return
        if not line.strip():
            continue  # the two line ends after each block
        number += 1
        if not line.startswith(b"WARC/"):
            raise InputError(name, f"record {number}: not a WARC record (it starts {line[:20]!r})")
        headers: dict[str, str] = {}
        while True:
            header = stream.readline(65536)
            if not header:
                raise InputError(name, f"record {number}: cut short in its header")
            if not header.strip():
                break
            key, _, value = header.decode("utf-8", "replace").partition(":")
            headers[key.strip().lower()] = value.strip()
        length = headers.get("content-length", "")
        if not length.isdigit():
            raise InputError(name, f"record {number}: no Content-Length")
        size = int(length)
        if size > max_bytes:
            _skip(stream, size)
            yield number, headers, None
            continue
        block = stream.read(size)
        if len(block) < size:
            raise InputError(name, f"record {number}: cut short ({len(block)} of {size} bytes)")
        yield number, headers, block


def _skip(stream: IO[bytes], size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            return
        size -= len(chunk)


def _page(
    headers: dict[str, str], block: bytes, max_bytes: int, skipped: Counter[str]
) -> tuple[str, datetime, bytes, str] | str | None:
    """A record's page ``(url, when, body, content type)``, None (counted in ``skipped``) when it is no
    page, or a problem."""
    kind = headers.get("warc-type", "")
    url = headers.get("warc-target-uri", "").strip("<>")
    if kind == "response" and headers.get("content-type", "").startswith("application/http"):
        status, http_headers, body = _http(block)
        if status is None:
            return "not an HTTP response"
        if not 200 <= status < 300:
            skipped[f"HTTP {status // 100}xx"] += 1
            return None
        content_type = http_headers.get("content-type", "")
        try:
            body = _unencoded(body, http_headers, max_bytes)
        except ValueError as exc:
            return str(exc)
    elif kind in ("response", "resource"):
        content_type, body = headers.get("content-type", ""), block
    else:
        skipped[kind or "no type"] += 1
        return None
    if not content_type.split(";")[0].strip().lower().startswith(PAGE_TYPES):
        skipped[content_type.split(";")[0].strip().lower() or "no content type"] += 1
        return None
    if not url:
        return "no WARC-Target-URI"
    when = _date(headers.get("warc-date", ""))
    if when is None:
        return f"no readable WARC-Date ({headers.get('warc-date', '')!r})"
    if not body.strip():
        skipped["empty"] += 1
        return None
    return url, when, body, content_type.split(";")[0].strip().lower()


def _http(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.decode("iso-8859-1").splitlines()
    parts = lines[0].split() if lines else []
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return None, {}, b""
    headers = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return int(parts[1]), headers, body


def _unencoded(body: bytes, headers: dict[str, str], limit: int) -> bytes:
    """The body as sent before transfer and content codings (chunks joined, gzip undone)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunked(body)
    coding = headers.get("content-encoding", "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(wbits=47 if coding != "deflate" else 15)
        try:
            out = inflater.decompress(body, limit + 1)
        except zlib.error:
            if coding != "deflate":
                raise ValueError("its gzip body cannot be inflated") from None
            out = zlib.decompressobj(wbits=-15).decompress(
                body, limit + 1
            )  # raw deflate, as some servers send
        if len(out) > limit:
            raise ValueError(f"its body inflates past the {limit}-byte limit")
        return out
    if coding == "br":  # Brotli: what a browser-driven crawler (Browsertrix) stores most
        return _unbrotli(body, limit)
    if coding not in ("", "identity"):
        raise ValueError(f"its body is {coding}-encoded, which revtrack does not undo")
    return body


def _unbrotli(body: bytes, limit: int) -> bytes:
    """A Brotli-encoded body decoded, refused once it passes ``limit`` (a bomb is not inflated)."""
    try:
        import brotli
    except ImportError:
        raise ValueError("its body is br-encoded: pip install 'revtrack[capture]' to read it") from None
    decoder = brotli.Decompressor()
    try:
        # the output buffer stops growing at the limit: a bomb is cut there, not inflated
        out = decoder.process(body, output_buffer_limit=limit + 1)
    except brotli.error:
        raise ValueError("its br body cannot be decoded") from None
    if len(out) > limit or not decoder.can_accept_more_data():
        raise ValueError(f"its body inflates past the {limit}-byte limit")
    if not decoder.is_finished():
        raise ValueError("its br body is cut short")
    return out


def _dechunked(body: bytes) -> bytes:
    out = bytearray()
    at = 0
    while at < len(body):
        end = body.find(b"\n", at)
        if end < 0:
            break
        size_text = body[at:end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body  # not chunked after all (archivers sometimes store the joined body)
        if size == 0:
            break
        out += body[end + 1 : end + 1 + size]
        at = end + 1 + size
        at = body.find(b"\n", at) + 1 if body.find(b"\n", at) >= 0 else len(body)
    return bytes(out)


def _date(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def ingest_warc(
    store: Store, path: Path, report: IngestReport, index: grouping.LshIndex, max_bytes: int
) -> None:
    """Every page of an archive stored as its own capture (one transaction each); pages whose
    bytes are stored already are skipped, so ingesting an archive twice changes nothing."""
    from revtrack.grouping.fingerprint import content_hash
    from revtrack.ingest.captures import prepare_bytes, write_capture

    skipped: Counter[str] = Counter()
    errors: list[str] = []
    for page in archived_pages(path, max_bytes, skipped, errors):
        digest = content_hash(page.body)
        if store.capture_by_hash(digest) is not None:
            report.skipped += 1
            continue
        site = urlsplit(page.url).netloc.lower() or path_text(path)
        try:
            prepared = prepare_bytes(
                page.url,
                page.body,
                page.when,
                "warc",
                site,
                store.chrome_keys,
                digest=digest,
                served_as_html=served_as_html(page),
            )
        except InputError as exc:
            errors.append(f"{path_text(path)}: record {page.number}: {exc}")
            continue
        write_capture(store, prepared, report, index)
    report.errors.extend(errors)
    if skipped:
        report.warnings.append(skipped_note(path, skipped))


def served_as_html(page: ArchivedPage) -> bool:
    """Whether an archived page was served as HTML (so it is read as HTML, whatever its address)."""
    return page.content_type in ("text/html", "application/xhtml+xml")


def skipped_note(path: Path, skipped: Counter[str]) -> str:
    """The one warning an archive's records that are no pages make, counted by kind."""
    kinds = ", ".join(f"{count} {kind}" for kind, count in skipped.most_common())
    return f"{path_text(path)}: {sum(skipped.values())} record(s) not pages, not read: {kinds}"
