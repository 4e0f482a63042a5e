"""Articles saved as JSON by other tools: does ``revtrack ingest`` keep their words?

    python benchmarks/json_records.py            # build the records if missing, then score
    python benchmarks/json_records.py --tree DIR # score another checkout (a worktree) the same way

Scraped archives come as the JSON their tools write, not as revtrack's own JSON Lines.
Each form below is ingested with ``revtrack ingest`` (a process of the tree scored, into
a fresh store) and read back with ``revtrack export``; each record is matched to its
stored revision by its position in its file:

* ``newspaper4k``: the 20 article records newspaper4k 0.9.6 ships for its own tests
  (``tests/data/metadata/*.json``, real output of that tool), one file each;
* ``trafilatura-json``: ``trafilatura.extract(html, output_format="json",
  with_metadata=True)`` on the real pages of ``benchmarks/extraction.py``, one file each;
* ``trafilatura-jsonl``: the same records, one file, a record a line;
* ``news-please``: news-please's layout (its ``examples/sample.json``: keys sorted, an
  indent of 2, ``maintext``, ``date_publish``, ``source_domain``), the same texts;
* ``wordpress``: WordPress's REST API (``/wp-json/wp/v2/posts``): an array, ``title`` and
  ``content`` as ``{"rendered": HTML}``, ``date``, ``link``;
* ``newsapi``: a NewsAPI response, ``{"status", "totalResults", "articles": [...]}``,
  ``source: {"id", "name"}``, ``publishedAt``, ``content``;
* ``scrapy``: Scrapy's JSON export, an array whose ``body`` is a list of paragraphs;
* ``json-ld``: schema.org ``NewsArticle`` objects, ``headline``, ``articleBody``,
  ``datePublished``, ``publisher: {"name"}``;
* ``csv``: the columns of Kaggle's "All the News" dataset (``,id,title,publication,author,
  date,year,month,url,content``), ten rows a file, paragraphs inside quoted cells.

The last six forms are built from those tools' documented layouts around the texts of
the trafilatura records. Figures per form: files refused (exit 2), words kept (the
record's text words found in the stored headline and body, as a multiset), headlines
equal to the record's title, outlets and publication dates found.
"""

from __future__ import annotations

import collections
import csv
import io
import json
import shutil
import sys
import tarfile
from pathlib import Path

from benchmarks.tree_ingest import ingest_each, print_forms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RECORDS = ROOT / "benchmarks" / ".json-records"


def build() -> None:
    """Write every form's files into the git-ignored ``benchmarks/.json-records/``."""
    from benchmarks.extraction import PAGES, _decode
    from benchmarks.extraction import build as build_pages

    if not (PAGES / "trafilatura" / "html").exists():
        build_pages()
    import trafilatura

    if RECORDS.exists():
        shutil.rmtree(RECORDS)
    forms = {name: RECORDS / name for name in FORMS}
    for folder in forms.values():
        folder.mkdir(parents=True)
    truth: dict[str, list[dict]] = collections.defaultdict(list)
    with tarfile.open(next((PAGES / "sdist").glob("newspaper4k-*.tar.gz"))) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if "/tests/data/metadata/" in member.name and member.name.endswith(".json"):
                raw = tar.extractfile(member).read()
                record = json.loads(raw)
                name = Path(member.name).name
                (forms["newspaper4k"] / name).write_bytes(raw)
                truth["newspaper4k"].append(_truth(name, 0, record.get("title"), record.get("text") or ""))
    records = []
    for html in sorted((PAGES / "trafilatura" / "html").glob("*.html")):
        out = trafilatura.extract(_decode(html.read_bytes()), output_format="json", with_metadata=True)
        if out and json.loads(out).get("title") and json.loads(out).get("text"):
            records.append((html.stem, out, json.loads(out)))
    for stem, out, record in records:
        (forms["trafilatura-json"] / f"{stem}.json").write_text(out)
        truth["trafilatura-json"].append(_truth(f"{stem}.json", 0, record["title"], record["text"]))
    (forms["trafilatura-jsonl"] / "all.jsonl").write_text("".join(out + "\n" for _, out, _ in records))
    truth["trafilatura-jsonl"] = [
        _truth("all.jsonl", k, r["title"], r["text"]) for k, (_, _, r) in enumerate(records)
    ]
    texts = [(stem, r) for stem, _, r in records]
    for stem, r in texts:
        please = {
            "authors": [r["author"]] if r.get("author") else [],
            "date_download": None,
            "date_modify": None,
            "date_publish": f"{r['date']} 00:00:00" if r.get("date") else None,
            "description": r.get("excerpt") or None,
            "filename": f"{stem}.json",
            "image_url": r.get("image"),
            "language": r.get("language"),
            "localpath": None,
            "maintext": r["text"],
            "source_domain": r.get("hostname"),
            "title": r["title"],
            "title_page": None,
            "title_rss": None,
            "url": r.get("source"),
        }
        (forms["news-please"] / f"{stem}.json").write_text(json.dumps(please, indent=2, sort_keys=True))
        truth["news-please"].append(_truth(f"{stem}.json", 0, r["title"], r["text"]))
    # the array forms: ten records a file, as an API's page or an export's batch
    for start in range(0, len(texts), 10):
        batch = texts[start : start + 10]
        name = f"page-{start // 10:02d}.json"
        (forms["wordpress"] / name).write_text(
            json.dumps([_wordpress(k, r) for k, (_, r) in enumerate(batch)])
        )
        napi = {"status": "ok", "totalResults": len(batch), "articles": [_newsapi(r) for _, r in batch]}
        (forms["newsapi"] / name).write_text(json.dumps(napi))
        (forms["scrapy"] / name).write_text(
            "[\n" + ",\n".join(json.dumps(_scrapy(r)) for _, r in batch) + "\n]"
        )
        (forms["json-ld"] / name).write_text(json.dumps([_json_ld(r) for _, r in batch], indent=1))
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow(
            ["", "id", "title", "publication", "author", "date", "year", "month", "url", "content"]
        )
        for k, (_, r) in enumerate(batch):
            date = r.get("date") or ""
            row = [
                start + k,
                17000 + start + k,
                r["title"],
                r.get("source-hostname") or "",
                r.get("author") or "",
            ]
            writer.writerow([*row, date, date[:4], date[5:7], r.get("source") or "", r["text"]])
        (forms["csv"] / name.replace(".json", ".csv")).write_text(table.getvalue())
        truth["csv"] += [
            _truth(name.replace(".json", ".csv"), k, r["title"], r["text"]) for k, (_, r) in enumerate(batch)
        ]
        for form in ("wordpress", "newsapi", "scrapy", "json-ld"):
            truth[form] += [_truth(name, k, r["title"], r["text"]) for k, (_, r) in enumerate(batch)]
    (RECORDS / "truth.json").write_text(json.dumps(truth))


FORMS = (
    "newspaper4k",
    "trafilatura-json",
    "trafilatura-jsonl",
    "news-please",
    "wordpress",
    "newsapi",
    "scrapy",
    "json-ld",
    "csv",
)


def _truth(file: str, position: int, title: str | None, text: str) -> dict:
    return {"file": file, "position": position, "title": title or "", "text": text}


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _wordpress(k: int, r: dict) -> dict:
    from html import escape

    content = "".join(f"<p>{escape(p)}</p>\n" for p in _paragraphs(r["text"]))
    return {
        "id": 1000 + k,
        "date": f"{r['date']}T09:00:00" if r.get("date") else None,
        "link": r.get("source"),
        "title": {"rendered": escape(r["title"])},
        "content": {"rendered": content, "protected": False},
        "excerpt": {"rendered": f"<p>{escape(r.get('excerpt') or '')}</p>"},
    }


def _newsapi(r: dict) -> dict:
    return {
        "source": {"id": None, "name": r.get("source-hostname") or r.get("hostname")},
        "author": r.get("author"),
        "title": r["title"],
        "description": r.get("excerpt"),
        "url": r.get("source"),
        "urlToImage": r.get("image"),
        "publishedAt": f"{r['date']}T09:00:00Z" if r.get("date") else None,
        "content": r["text"],
    }


def _scrapy(r: dict) -> dict:
    return {
        "url": r.get("source"),
        "title": r["title"],
        "date": r.get("date"),
        "body": _paragraphs(r["text"]),
    }


def _json_ld(r: dict) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": r["title"],
        "datePublished": r.get("date"),
        "author": [{"@type": "Person", "name": r["author"]}] if r.get("author") else [],
        "publisher": {"@type": "Organization", "name": r.get("source-hostname") or r.get("hostname")},
        "articleBody": r["text"],
    }


def score(tree: Path) -> dict[str, dict]:
    """Ingest each form with the ``revtrack`` of ``tree`` and score it against the records."""
    truth = json.loads((RECORDS / "truth.json").read_text())
    results = {}
    for form in FORMS:
        refused, rows = ingest_each(tree, sorted((RECORDS / form).iterdir()), "2026-01-01")
        stored: dict[tuple[str, int], dict] = {}
        for row in rows:
            for sighting in row["sightings"]:
                stored[(Path(sighting["path"]).name, sighting["position"])] = {**row, "sighting": sighting}
        results[form] = _figures(truth[form], stored, refused)
    return results


def _figures(expected: list[dict], stored: dict, refused: int) -> dict:
    kept = total = headlines = outlets = dates = 0
    for item in expected:
        words = collections.Counter(item["text"].lower().split())
        total += sum(words.values())
        row = stored.get((item["file"], item["position"]))
        if row is None:
            continue
        got = collections.Counter(f"{row['headline']}\n{row['body']}".lower().split())
        kept += sum(min(n, got[w]) for w, n in words.items())
        headlines += " ".join(row["headline"].split()) == " ".join(item["title"].split())
        outlets += bool(row["sighting"]["outlet"])
        dates += bool(row["sighting"]["published"])
    return {
        "records": len(expected),
        "refused_files": refused,
        "found": sum((i["file"], i["position"]) in stored for i in expected),
        "kept": kept / total if total else 1.0,
        "headline_right": headlines,
        "outlet": outlets,
        "published": dates,
    }


def main() -> None:
    tree = Path(sys.argv[sys.argv.index("--tree") + 1]) if "--tree" in sys.argv else ROOT
    if not (RECORDS / "truth.json").exists() or "--rebuild" in sys.argv:
        build()
    results = score(tree)
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))
        return
    columns = [("records", "records"), ("refused", "refused_files"), ("found", "found"), ("kept", "kept")]
    columns += [("headline", "headline_right"), ("outlet", "outlet"), ("date", "published")]
    print_forms(tree, results, columns)


if __name__ == "__main__":
    main()
