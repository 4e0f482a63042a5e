"""Web archives (WARC): do archived pages read as the pages themselves, at the archive's times?

    pip install warcio                      # benchmark-only: writes the archives, as crawlers do
    python benchmarks/web_archives.py      # build the archives if missing, then score
    python benchmarks/web_archives.py --tree DIR
    python benchmarks/web_archives.py --batch   # and each archive through revtrack batch too

The 129 real pages of ``benchmarks/extraction.py`` (``benchmarks/.pages/``) are archived
with warcio, the Webrecorder project's WARC library, each page twice a day apart (the
second copy with one sentence changed, as a page changes between crawls), as HTTP
responses in the four ways crawlers store them: plain, gzipped per record
(``.warc.gz``), with the body sent chunked and gzip-encoded, as a server sends it, and
Brotli-encoded (``Content-Encoding: br``), as a browser-driven crawler such as
Browsertrix stores what the browser was sent (needs ``brotli``, the capture extra's).
Images and a stylesheet ride along, as in a real crawl. Each archive is ingested
with ``revtrack ingest`` (in its own process) and each page's stored article is
compared with ``revtrack ingest`` of the same HTML file: the same headline and body
(``same``), the capture at the record's ``WARC-Date`` and address, and both crawls of
a page in one story.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "benchmarks" / ".pages"
OUT = ROOT / "benchmarks" / ".archives"
FORMS = ("plain", "gzipped", "chunked", "brotli")


def pages() -> list[Path]:
    return sorted(PAGES.glob("*/html/*.html"))


def build() -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    OUT.mkdir(parents=True, exist_ok=True)
    for form in FORMS:
        with (OUT / f"crawl-{form}.warc{'.gz' if form != 'plain' else ''}").open("wb") as fh:
            writer = WARCWriter(fh, gzip=form != "plain")
            for day in (1, 2):
                for n, page in enumerate(pages()):
                    url = f"https://{page.stem}/"
                    body = page.read_bytes()
                    if day == 2:  # the page as it changed by the next crawl
                        body = body.replace(b"</p>", b" Updated on the second day.</p>", 1)
                    headers = [("Content-Type", "text/html; charset=utf-8")]
                    payload = body
                    if form == "chunked":
                        payload = _chunked(gzip.compress(body))
                        headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
                    elif form == "brotli":
                        import brotli

                        payload = brotli.compress(body)
                        headers += [("Content-Encoding", "br")]
                    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
                    when = f"2026-03-0{day}T{n // 60:02d}:{n % 60:02d}:00Z"
                    record = writer.create_warc_record(
                        url,
                        "response",
                        payload=io.BytesIO(payload),
                        http_headers=http,
                        warc_headers_dict={"WARC-Date": when},
                    )
                    writer.write_record(record)
                    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                    writer.write_record(
                        writer.create_warc_record(
                            url + "logo.png",
                            "response",
                            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)),
                            http_headers=image,
                            warc_headers_dict={"WARC-Date": when},
                        )
                    )


def _chunked(data: bytes, size: int = 4096) -> bytes:
    out = b"".join(
        b"%x\r\n%s\r\n" % (len(data[k : k + size]), data[k : k + size]) for k in range(0, len(data), size)
    )
    return out + b"0\r\n\r\n"


def _ingest(tree: Path, work: Path, *args: str) -> sqlite3.Connection:
    db = work / f"{abs(hash(args))}.db"
    subprocess.run(
        [sys.executable, "-m", "revtrack", "ingest", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=work,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return sqlite3.connect(db)


def _batch(tree: Path, work: Path, archive: Path) -> sqlite3.Connection:
    """``revtrack batch`` of one archive on a local cluster of one worker, loaded into a store."""
    db = work / f"batch-{archive.name}.db"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "revtrack",
            "batch",
            str(archive),
            "--out",
            str(work / "tables"),
            "--db",
            str(db),
        ]
        + ["--workers", "1"],
        capture_output=True,
        text=True,
        cwd=work,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return sqlite3.connect(db)


def score(tree: Path, batch: bool = False) -> dict:
    rows = (
        "SELECT c.path, c.captured_at, r.headline, r.body, r.story_id FROM captures c"
        " JOIN snapshots s ON s.capture_id = c.id JOIN revisions r ON r.id = s.revision_id"
    )
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="warc-") as folder:
        work = Path(folder)
        direct = _ingest(tree, work, *map(str, pages()), "--captured-at", "2026-03-01")
        truth = {Path(p).stem: (h, b) for p, _, h, b, _ in direct.execute(rows)}
        for form in FORMS:
            archive = OUT / f"crawl-{form}.warc{'.gz' if form != 'plain' else ''}"
            conn = _ingest(tree, work, str(archive))
            got = list(conn.execute(rows))
            first = [r for r in got if r[1].startswith("2026-03-01")]
            same = sum(
                truth.get(path.removeprefix("https://").rstrip("/")) == (h, b) for path, _, h, b, _ in first
            )
            stories: dict[str, set[str]] = {}
            for path, _, _, _, story in got:
                stories.setdefault(path, set()).add(story)
            if batch:  # the same archive through revtrack batch: the same rows, stories included
                shown = sorted(_batch(tree, work, archive).execute(rows))
                result[f"{form} (batch)"] = {
                    "captures": len(shown),
                    "same_rows_as_ingest": shown == sorted(got),
                }
            result[form] = {
                "pages": len(pages()),
                "captures": conn.execute("SELECT count(*) FROM captures").fetchone()[0],
                "same_as_the_html": same,
                "one_story_both_days": sum(len(s) == 1 for s in stories.values()),
                "times_from_warc": sum(r[1][:10] in ("2026-03-01", "2026-03-02") for r in got),
            }
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--batch", action="store_true", help="also read each archive with revtrack batch")
    args = ap.parse_args()
    if args.rebuild or not OUT.exists():
        build()
    for form, figures in score(args.tree.resolve(), args.batch).items():
        print(f"{form:>8}: " + json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
