"""Web archives (WARC): each archived page a capture at the archive's own time and address.

The records are written here in WARC 1.0's layout (as wget, Browsertrix and warcio
write them); ``benchmarks/web_archives.py`` reads archives written by warcio itself.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

from tests.support import PARAGRAPHS, cli, page

STORY = "https://gazette.example/budget"


def record(kind: str, url: str, when: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {when}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((kind, url, when))):032x}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def response(url: str, when: str, body: bytes, content_type: str = "text/html", extra: str = "") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode() + body
    return record("response", url, when, http, "application/http; msgtype=response")


def chunked_gzip(body: bytes) -> bytes:
    data = gzip.compress(body)
    return b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)


def crawl_archive(folder, undated: bool = True) -> tuple:
    """Two days' crawls of one story (the second chunked and gzipped), an image and a request,
    gzipped a record a member, as wget writes them: ``(archive, first page, second page)``."""
    first = page("Council passes harbour budget", PARAGRAPHS).encode()
    second = page("Council passes harbour budget", [*PARAGRAPHS, "The vote was six to three."]).encode()
    records = [
        record("warcinfo", "", "2026-03-01T08:00:00Z", b"software: wget", "application/warc-fields"),
        response(STORY, "2026-03-01T08:00:00Z", first),
        response(STORY + "/logo.png", "2026-03-01T08:00:01Z", b"\x89PNG\r\n\x1a\n", "image/png"),
        record("request", STORY, "2026-03-02T08:00:00Z", b"GET /budget HTTP/1.1\r\n\r\n", "application/http"),
        response(
            STORY,
            "2026-03-02T08:00:00Z",
            chunked_gzip(second),
            extra="Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
        ),
    ]
    if undated:  # a record with no readable date: named, the rest go on
        records.append(response(STORY + "-2", "yesterday", first))
    archive = folder / "crawl.warc.gz"
    archive.write_bytes(b"".join(gzip.compress(r) for r in records))
    return archive, first, second


def test_an_archive_gives_a_capture_per_page_at_its_archived_time_and_address(tmp_path):
    archive, _, _ = crawl_archive(tmp_path, undated=False)
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2020-01-01", str(archive))
    assert result.exit_code == 0, result.output
    assert "3 record(s) not pages, not read: 1 warcinfo, 1 image/png, 1 request" in result.output
    rows = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert len(rows) == 2 and len({r["story_id"] for r in rows}) == 1  # two revisions of one story
    seen = sorted(s["captured_at"] for r in rows for s in r["sightings"])
    assert seen == ["2026-03-01T08:00:00+00:00", "2026-03-02T08:00:00+00:00"]  # not --captured-at
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("SELECT DISTINCT path, site FROM captures").fetchall() == [(STORY, "gazette.example")]
    conn.close()
    newest = max(rows, key=lambda r: r["first_captured"])
    assert newest["body"].endswith("The vote was six to three.")
    again = cli(tmp_path / "s.db", "ingest", str(archive))  # the same bytes change nothing
    assert again.exit_code == 0 and "2 already ingested" in again.output


def test_a_page_opening_with_a_script_is_read_as_the_html_it_was_served_as(tmp_path):
    html = "<script>var ad = 1;</script>\n" + page("Council passes harbour budget", PARAGRAPHS)
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(response(STORY, "2026-03-01T08:00:00Z", html.encode()))
    assert cli(tmp_path / "s.db", "ingest", str(archive)).exit_code == 0
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert row["headline"] == "Council passes harbour budget" and "var ad" not in row["body"]
    assert "0 with changed articles" in cli(tmp_path / "s.db", "reextract").output  # read so again


def test_a_bad_record_is_one_line_and_a_cut_archive_keeps_what_came_before(tmp_path):
    good = response(STORY, "2026-03-01T08:00:00Z", page("Council passes harbour budget", PARAGRAPHS).encode())
    undated = response(STORY + "-2", "yesterday", page("Storm closes the port", PARAGRAPHS[:2]).encode())
    brotli = response(STORY + "-3", "2026-03-01T09:00:00Z", b"\x1b\x00", extra="Content-Encoding: br\r\n")
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(
        good + undated + brotli + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\nshort"
    )
    result = cli(tmp_path / "s.db", "ingest", str(archive))
    assert result.exit_code == 2
    lines = [
        line for line in result.output.splitlines() if line.startswith("revtrack: ") and "warning" not in line
    ]
    assert any(f"record 2 ({STORY}-2): no readable WARC-Date" in line for line in lines)
    assert any(f"record 3 ({STORY}-3): its br body is cut short" in line for line in lines)
    assert any("record 4: cut short (5 of 900 bytes)" in line for line in lines)
    assert "Traceback" not in result.output
    assert len(cli(tmp_path / "s.db", "export").output.splitlines()) == 1  # the good page is kept


def test_a_brotli_body_is_read_as_a_browser_crawler_stored_it_and_a_brotli_bomb_is_refused(tmp_path):
    import brotli  # the capture extra's, which the test install has

    html = page("Council passes harbour budget", PARAGRAPHS).encode()
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(
        response(STORY, "2026-03-01T08:00:00Z", brotli.compress(html), extra="Content-Encoding: br\r\n")
        + response(
            STORY + "-bomb",
            "2026-03-01T09:00:00Z",
            brotli.compress(b" " * 2_000_000, quality=1),  # 2 MB of blanks in a few hundred bytes
            extra="Content-Encoding: br\r\n",
        )
    )
    result = cli(tmp_path / "s.db", "ingest", "--max-bytes", "500000", str(archive))
    assert result.exit_code == 2, result.output
    assert f"record 2 ({STORY}-bomb): its body inflates past the 500000-byte limit" in result.output
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert row["headline"] == "Council passes harbour budget"
    assert row["body"].split("\n\n") == PARAGRAPHS


def test_batch_unpacks_an_archive_a_page_a_capture_as_ingest_reads_it(tmp_path):
    from revtrack.batch.plan import list_inputs

    archive, first, second = crawl_archive(tmp_path)
    problems: list[str] = []
    warnings: list[str] = []
    unpacked = tmp_path / "work"
    files = list_inputs([str(tmp_path)], None, problems, str(unpacked), 50_000_000, warnings)
    assert [(f.name, f.captured_at, f.source, f.site, f.served_as_html) for f in files] == [
        (STORY, "2026-03-01T08:00:00Z", "warc", "gazette.example", True),
        (STORY, "2026-03-02T08:00:00Z", "warc", "gazette.example", True),
    ]
    assert [Path(f.url).read_bytes() for f in files] == [first, second]  # codings undone
    assert problems == [f"{archive}: record 6 ({STORY}-2): no readable WARC-Date ('yesterday')"]
    assert warnings == [f"{archive}: 3 record(s) not pages, not read: 1 warcinfo, 1 image/png, 1 request"]
    assert list_inputs([str(archive)], None, problems := []) == []  # nowhere to unpack: named
    assert problems == [f"{archive}: a WARC web archive, not unpacked here"]


def test_an_archived_word_file_is_read_as_the_statement_it_is(tmp_path):
    from tests.extract.test_office import docx

    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    statement = docx("Port approves terminal", PARAGRAPHS)
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(response(STORY + "/statement.docx", "2026-03-01T08:00:00Z", statement, word))
    result = cli(tmp_path / "s.db", "ingest", str(archive))
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert row["headline"] == "Port approves terminal" and row["body"].split("\n\n") == PARAGRAPHS
