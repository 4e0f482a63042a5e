"""Stories that grow: is a breaking stub grouped with the full report it became?

    python benchmarks/growth.py            # in memory (group_documents) and through `revtrack ingest`
    python benchmarks/growth.py --json

A news story is often first published as a few paragraphs and then filled out.
The devcorpus (the tuning set) has no such history: its versions differ by 2.4%
of their words at the median, and no version is even twice as long as another.
This set is built from real article text revtrack was not tuned on: the article
texts of the extraction benchmark's pages (``benchmarks/extraction.py``: the
reference texts of newspaper4k's and trafilatura's test pages, eight languages),
those of at least 300 words in at least 6 paragraphs. Each article gives a stub
and its full version, captured two hours apart, in one of four ways (in turn):

* ``kept``: the stub is the article's first paragraphs, under the same headline;
* ``headline``: the same stub, under an edited headline ("Breaking: " and the
  headline without its last two words);
* ``new top``: the full version opens with a paragraph the stub did not have
  (the stub is paragraphs 2 to k+1), under the same headline;
* ``new top, headline``: both at once, a new lede written on top and the
  headline edited: the versions share neither headline nor opening words, and
  the stub is a small part of the report.

The stub holds a quarter of the paragraphs (``--share``). Every document of all
articles is grouped at once, so a stub could also join another article's story:
precision and recall are over all pairs of documents (truth: same article).

Each figure is taken twice: as plain texts (no address, as files give), and
with each article's address on both of its versions (as ``fetch``, ``watch``,
HTML pages with a canonical URL and JSON Lines with a ``url`` give).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from revtrack import group_documents  # noqa: E402

PAGES = ROOT / "benchmarks" / ".pages"
KINDS = ("kept", "headline", "new top", "new top, headline")
TIMES = ("2026-01-01T10:00:00+00:00", "2026-01-01T12:00:00+00:00")


def articles() -> list[tuple[str, str, list[str]]]:
    """``(name, title, paragraphs)`` of each long enough reference text."""
    if not any(PAGES.glob("*/truth/*.txt")):
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extraction.py")], check=True)
    out = []
    for truth in sorted(PAGES.glob("*/truth/*.txt")):
        paragraphs = [" ".join(p.split()) for p in truth.read_text().splitlines() if p.strip()]
        if sum(len(p.split()) for p in paragraphs) < 300 or len(paragraphs) < 6:
            continue
        out.append((f"{truth.parent.parent.name}/{truth.stem}", _title(truth, paragraphs), paragraphs))
    return out


def _title(truth: Path, paragraphs: list[str]) -> str:
    """The page's title: newspaper4k's, else the HTML's as trafilatura reads it."""
    given = truth.parent.parent / "title" / truth.name
    if given.exists():
        return given.read_text().strip()
    import trafilatura  # the bench extra

    html = (truth.parent.parent / "html" / f"{truth.stem}.html").read_text(errors="replace")
    meta = trafilatura.extract_metadata(html)
    return meta.title if meta is not None and meta.title else paragraphs[0][:80]


def documents(share: float) -> tuple[list[tuple[str, str]], list[int], list[str]]:
    """Stub and full version of every article: documents, article number, kind of growth."""
    docs: list[tuple[str, str]] = []
    label: list[int] = []
    kinds: list[str] = []
    for n, (_, title, paragraphs) in enumerate(articles()):
        k = max(1, int(len(paragraphs) * share))
        kind = KINDS[n % len(KINDS)]
        if kind == "kept":
            stub_title, stub = title, paragraphs[:k]
        elif kind == "headline":
            words = title.split()
            stub_title, stub = "Breaking: " + " ".join(words[: max(3, len(words) - 2)]), paragraphs[:k]
        elif kind == "new top":
            stub_title, stub = title, paragraphs[1 : k + 1]
        else:
            words = title.split()
            stub_title, stub = "Breaking: " + " ".join(words[: max(3, len(words) - 2)]), paragraphs[1 : k + 1]
        docs += [(stub_title, "\n\n".join(stub)), (title, "\n\n".join(paragraphs))]
        label += [n, n]
        kinds.append(kind)
    return docs, label, kinds


def score(got: list, label: list[int], kinds: list[str]) -> dict:
    """Pairwise precision and recall, and the stubs joined by kind of growth."""
    tp = fp = fn = 0
    joined = {kind: [0, 0] for kind in KINDS}
    for i, j in itertools.combinations(range(len(got)), 2):
        same, grouped = label[i] == label[j], got[i] == got[j]
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
        if same:
            joined[kinds[label[i]]][0] += grouped
            joined[kinds[label[i]]][1] += 1
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "false_pairs": fp,
        "missed_pairs": fn,
        "joined": {kind: f"{a}/{b}" for kind, (a, b) in joined.items()},
    }


def through_ingest(docs: list[tuple[str, str]], revtrack: str, addresses: list[str] | None) -> list[str]:
    """Each document's story after ``revtrack ingest`` of one JSON Lines file into a new store."""
    import sqlite3

    from revtrack.grouping.fingerprint import revision_id

    with tempfile.TemporaryDirectory() as tmp:
        capture = Path(tmp, "growth.jsonl")
        with capture.open("w") as out:
            for n, (headline, body) in enumerate(docs):
                row = {"headline": headline, "body": body, "captured_at": TIMES[n % 2], "outlet": "Bench"}
                if addresses:
                    row["url"] = addresses[n]
                out.write(json.dumps(row) + "\n")
        db = Path(tmp, "store.db")
        subprocess.run([revtrack, "--db", str(db), "ingest", str(capture)], check=True, capture_output=True)
        conn = sqlite3.connect(db)
        story = dict(conn.execute("SELECT id, story_id FROM revisions"))
        conn.close()
    return [story[revision_id(h, b)] for h, b in docs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--share", type=float, default=0.25, help="the stub's share of the paragraphs")
    ap.add_argument("--revtrack", default=str(ROOT / ".venv" / "bin" / "revtrack"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs, label, kinds = documents(args.share)
    times = [TIMES[n % 2] for n in range(len(docs))]
    addresses = [f"https://news.example/articles/{n // 2}" for n in range(len(docs))]
    result = {
        "articles": len(kinds),
        "share": args.share,
        "in_memory": score(group_documents(docs, times), label, kinds),
        "ingest": score(through_ingest(docs, args.revtrack, None), label, kinds),
        "in_memory_addressed": score(group_documents(docs, times, addresses), label, kinds),
        "ingest_addressed": score(through_ingest(docs, args.revtrack, addresses), label, kinds),
        "reused_address": reused_address(docs, label),
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['articles']} articles, stub = {args.share:.0%} of the paragraphs")
    for path in ("in_memory", "ingest", "in_memory_addressed", "ingest_addressed"):
        r = result[path]
        joined = ", ".join(f"{kind} {value}" for kind, value in r["joined"].items())
        print(
            f"  {path:<19} precision {r['precision']:.3f}, recall {r['recall']:.3f}"
            f" ({r['missed_pairs']} missed, {r['false_pairs']} false); stubs joined: {joined}"
        )
    reused = result["reused_address"]
    print(
        f"  one address reused for every story: {reused['joined']} of {reused['pairs']:,} pairs of"
        " different stories weighed one story (their texts alone: none)"
    )
    return 0


def reused_address(docs: list[tuple[str, str]], label: list[int]) -> dict:
    """A site that reuses one address (a "latest" page) for every story: how many pairs of
    different stories the pair rule calls one because of the address (precision of the rule
    "one item edited at one address")."""
    from revtrack.grouping.docs import make_docs
    from revtrack.grouping.evidence import weigh

    page = "https://news.example/latest"
    at_page = make_docs([(h, b, None, [page]) for h, b in docs])
    alone = make_docs([(h, b, None) for h, b in docs])
    pairs = joined = 0
    for i, j in itertools.combinations(range(len(docs)), 2):
        if label[i] != label[j]:
            pairs += 1
            joined += weigh(at_page[i], at_page[j]).same and not weigh(alone[i], alone[j]).same
    return {"pairs": pairs, "joined": int(joined)}


if __name__ == "__main__":
    sys.exit(main())
