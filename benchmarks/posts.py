"""Posts saved as JSON: is each post an article, its words kept and its JSON left out?

    python benchmarks/posts.py                  # build the set if missing, then score
    python benchmarks/posts.py --tree /tmp/old  # the same, with the revtrack in another tree
    python benchmarks/posts.py --files          # a line per file

Held out (scored only after the reader was written, from Telegram's and ActivityPub's
documented layouts): the recorded responses of Mastodon.py 2.3.3's tests, real servers'
answers to real requests, built into the git-ignored ``benchmarks/.posts/``. A file is each
response that holds statuses: a single status (fetched by its address, boosted, with a
preview card, with media and no text) or a list of them (a timeline, an account's pinned
posts, bookmarks), each on one line as the API sent it. Reference: lxml's text of every
status's ``content`` (a boost's, where the status has none of its own). Figures: posts with
words, articles read, files read as that many articles, words kept, JSON keys in the article
text (``"key":``), files refused; and, with every file ingested into one store, the statuses
seen at one address with two texts (edited between two responses) and how many of them are
one story.
"""

from __future__ import annotations

import collections
import json
import re
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import benchmark, fetch

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".posts"
SETS = {"second": ["Mastodon.py==2.3.3"]}
WORD = re.compile(r"\w+")
JSON_KEY = re.compile(r'"\w+":')
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def build() -> None:
    """Every recorded response holding statuses, a file each (the same body once)."""
    import yaml

    for name, packages in SETS.items():
        seen: set[str] = set()
        with tempfile.TemporaryDirectory() as tmp:
            for archive in fetch(Path(tmp), pypi=packages):
                with tarfile.open(archive) as tar:
                    for member in sorted(tar.getmembers(), key=lambda m: m.name):
                        if not (
                            member.isfile() and "/cassettes" in member.name and member.name.endswith(".yaml")
                        ):
                            continue
                        cassette = yaml.safe_load(tar.extractfile(member).read())
                        for interaction in (cassette or {}).get("interactions", []):
                            body = (interaction.get("response") or {}).get("body") or {}
                            text = body.get("string") if isinstance(body, dict) else None
                            if not isinstance(text, str) or text in seen or not statuses(text):
                                continue
                            seen.add(text)
                            out = CORPUS / name / f"{len(seen):04d}-{Path(member.name).stem}.json"
                            out.parent.mkdir(parents=True, exist_ok=True)
                            out.write_text(text, encoding="utf-8")


def statuses(text: str) -> list[dict]:
    """The statuses of a response (none when it is not JSON or holds none)."""
    try:
        value = json.loads(text)
    except ValueError:
        return []
    items = value if isinstance(value, list) else [value]
    return [x for x in items if isinstance(x, dict) and "content" in x and "created_at" in x]


def reference(text: str) -> list[str]:
    """Each status's words as lxml reads its HTML (a boost's, where it has none of its own)."""
    import lxml.html

    said = []
    for status in statuses(text):
        content = status.get("content") or (status.get("reblog") or {}).get("content") or ""
        words = lxml.html.fromstring(content).text_content() if content.strip() else ""
        if WORD.search(words):
            said.append(words)
    return said


def score(set_name: str) -> dict:
    """Totals and a row per file."""
    from revtrack.extract import extract_capture

    totals: collections.Counter = collections.Counter()
    rows = []
    for path in sorted((CORPUS / set_name).glob("*.json")):
        text = path.read_text(encoding="utf-8")
        said = reference(text)
        want = collections.Counter(w for words in said for w in WORD.findall(words))
        totals.update(files=1, posts=len(said), words=sum(want.values()))
        try:
            extraction = extract_capture(text, WHEN, path.name)
        except Exception:  # noqa: BLE001 - a refusal is a figure here
            totals["refused"] += 1
            rows.append((path.name, "refused", 0, f"0/{sum(want.values())}", 0))
            continue
        held = [f"{a.headline}\n{a.body}" for a in extraction.articles]
        got = collections.Counter(w for article in held for w in WORD.findall(article))
        kept = sum((want & got).values())
        keys = sum(len(JSON_KEY.findall(article)) for article in held)
        totals.update(articles=len(held), kept=kept, json=keys, right=len(held) == len(said))
        rows.append((path.name, extraction.layout, len(held), f"{kept}/{sum(want.values())}", keys))
    totals.update(edited_posts(CORPUS / set_name))
    return {"totals": dict(totals), "rows": rows}


def edited_posts(folder: Path) -> dict[str, int]:
    """The set's statuses seen at one address with two texts (edited between two responses),
    and how many of them ``revtrack ingest`` of every file keeps in one story."""
    import lxml.html

    from revtrack.ingest import IngestOptions, ingest_paths
    from revtrack.store import Store

    texts: dict[str, set[str]] = collections.defaultdict(set)
    for path in folder.glob("*.json"):
        for status in statuses(path.read_text(encoding="utf-8")):
            content = status.get("content") or ""
            said = lxml.html.fromstring(content).text_content() if content.strip() else ""
            words = " ".join(WORD.findall(said))
            if words and status.get("url"):
                texts[status["url"]].add(words)
    edited = [url for url, seen in texts.items() if len(seen) > 1]
    with tempfile.TemporaryDirectory() as work, Store.open(Path(work) / "s.db") as store:
        ingest_paths(store, [folder], IngestOptions(captured_at=WHEN))
        one = sum(
            len(
                store.conn.execute(
                    "SELECT DISTINCT r.story_id FROM snapshots s JOIN revisions r ON r.id = s.revision_id"
                    " WHERE s.url = ?",
                    (url,),
                ).fetchall()
            )
            == 1
            for url in edited
        )
    return {"edited": len(edited), "edited_one_story": one}


def main() -> int:
    columns = [
        "set",
        "files",
        "posts with words",
        "articles",
        "files read as their posts",
        "words kept",
        "JSON keys in the text",
        "refused",
        "posts edited (one address, two texts)",
        "edited posts in one story",
    ]
    keys = ["posts", "articles", "right", "kept", "json", "refused", "edited", "edited_one_story"]
    return benchmark(__file__, __doc__, "a line per file", SETS, build, score, CORPUS, columns, keys)


if __name__ == "__main__":
    sys.exit(main())
