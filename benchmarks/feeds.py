"""Saved feeds: is each entry an article, its words kept and its markup left out?

    python benchmarks/feeds.py                  # build the sets if missing, then score
    python benchmarks/feeds.py --tree /tmp/old  # the same, with the revtrack in another tree
    python benchmarks/feeds.py --files          # a line per feed that loses words or shows tags

The reference reader is benchmark-only: ``pip install feedparser``.

Two sets, built into the git-ignored ``benchmarks/.feeds/``: ``first``, the test feeds of
feedparser 6.0.14 (RSS 0.9x to 2.0, RDF, Atom 0.3 and 1.0, escaped, inline and Base64
text, encodings, namespaces, ill-formed feeds; every feed whose entries hold words), on
whose failures the Atom text rules and the declared-encoding rule were written (tuning);
``second``, the test feeds of podcastparser 0.6.11 (podcasts' RSS), scored after those
rules (held out), whose failures then gave the undeclared-prefix rule. Reference: feedparser's
reading of each entry: its title, and its content (else its summary), as text where
feedparser calls it HTML. Figures: entries with words, articles read, feeds read as that many
articles, words kept, markup tags in the article text, feeds read as text (not as a feed).
"""

from __future__ import annotations

import collections
import re
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import benchmark, unpack

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".feeds"
SETS = {"first": ["feedparser==6.0.14"], "second": ["podcastparser==0.6.11"]}
#: Feeds fetched over HTTP in feedparser's tests (their headers decide) and compressed ones.
SKIPPED = ("/http/", "/compression/")
WORD = re.compile(r"\w+")
TAG = re.compile(r"</?[a-zA-Z][\w:-]*[^>]*>")
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def build() -> None:
    """Unpack the packages' test feeds."""

    def feed(name: str) -> bool:
        tested = name.endswith((".xml", ".rss")) and "/tests/" in name
        return tested and not any(skipped in name for skipped in SKIPPED)

    unpack(CORPUS, SETS, feed)


def _text(value: str, kind: str) -> str:
    import lxml.html

    if "html" not in kind or not value.strip():
        return value
    try:
        return lxml.html.fromstring(value).text_content()
    except Exception:  # noqa: BLE001 - markup lxml refuses: its text as written
        return value


def reference(raw: bytes) -> list[str]:
    """Each entry's words as feedparser reads them (entries without words left out)."""
    import feedparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(raw)
    said = []
    for entry in parsed.entries:
        title = _text(entry.get("title", ""), (entry.get("title_detail") or {}).get("type") or "")
        content = entry.get("content")
        detail = content[0] if content else (entry.get("summary_detail") or {})
        text = _text(
            detail.get("value", "") if content else entry.get("summary", ""), detail.get("type") or "html"
        )
        if WORD.search(f"{title} {text}"):
            said.append(f"{title} {text}")
    return said


def score(set_name: str) -> dict:
    """Totals and a row per feed that loses words or shows tags."""
    from revtrack.errors import InputError
    from revtrack.extract import extract_capture
    from revtrack.extract.decode import decode_bytes

    totals: collections.Counter = collections.Counter()
    rows = []
    for path in sorted((CORPUS / set_name).rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        said = reference(raw)
        if not said:
            continue
        want = collections.Counter(w for entry in said for w in WORD.findall(entry))
        totals.update(files=1, entries=len(said), words=sum(want.values()))
        try:
            text, encoding = decode_bytes(path.name, raw)
            extraction = extract_capture(text, WHEN, path.name, encoding=encoding)
        except InputError:
            totals["refused"] += 1
            continue
        held = " ".join(f"{a.headline} {a.body}" for a in extraction.articles)
        kept = sum((want & collections.Counter(WORD.findall(held))).values())
        tags = len(TAG.findall(held))
        totals.update(articles=len(extraction.articles), kept=kept, tags=tags)
        totals["right"] += len(extraction.articles) == len(said)
        totals["as_text"] += extraction.layout != "feed"
        if kept < sum(want.values()) or tags or extraction.layout != "feed":
            name = str(path.relative_to(CORPUS / set_name))
            rows.append(
                (
                    name,
                    extraction.layout,
                    len(said),
                    len(extraction.articles),
                    f"{kept}/{sum(want.values())}",
                    tags,
                )
            )
    return {"totals": dict(totals), "rows": rows}


def main() -> int:
    columns = [
        "set",
        "feeds",
        "entries",
        "articles",
        "feeds read whole",
        "words kept",
        "tags in the text",
        "read as text",
    ]
    keys = ["entries", "articles", "right", "kept", "tags", "as_text"]
    return benchmark(
        __file__, __doc__, "a line per feed that loses words", SETS, build, score, CORPUS, columns, keys
    )


if __name__ == "__main__":
    sys.exit(main())
