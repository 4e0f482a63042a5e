"""Plain files revtrack was not tuned on: does ingest keep every word, and group revisions right?

    python benchmarks/generalization.py              # build the corpus if missing, then score
    python benchmarks/generalization.py --rebuild    # download and build it again
    python benchmarks/generalization.py --json
    python benchmarks/generalization.py --losers 10  # also list the 10 files that lose most words

``../shared/devcorpus`` is the set extraction was tuned on (blog posts, one paragraph a
line). This set is different kinds of real public text, most of them hard-wrapped at
70-80 columns, taken from packages in the registries (nothing third-party is committed;
the files are built into the git-ignored ``benchmarks/.general/``):

* ``charter``: Debian's constitution (ten versions, 1.0 to today), social contract (three)
  and other project documents from the Debian package ``doc-debian``: hard-wrapped
  plain text with numbered sections and indented lists;
* ``rest``: the reStructuredText documentation and PEPs shipped in three ``docutils``
  releases: hard-wrapped, setext section titles, literal blocks, field lists, tables;
* ``release-notes``: Django's release notes (``docs/releases/*.txt``) in two releases:
  hard-wrapped reST, announcement style, bullet lists;
* ``markdown``: the Markdown documentation of two ``Markdown`` releases: headings,
  fenced code, lists, some files hard-wrapped and some not;
* ``literature``: the Canterbury corpus texts shipped with ``Brotli`` (Alice in Wonderland,
  Paradise Lost, As You Like It, a Project Gutenberg essay): hard-wrapped prose and verse;
* ``email``: the plain-text part of the e-mails in ``talon``'s test fixtures (a Subject
  line, then the body: replies, quotes, signatures);
* ``changelogs``: SQLAlchemy's changelogs and migration guides in two releases (1.4.52,
  2.0.30): long reST documents (3,000-18,000 words) whose titles name a version ("What's
  New in SQLAlchemy 0.9?", "1.3 Changelog"): a document per release, all from one
  template, so the headlines' versions and the texts' overlap must tell them apart.

Each version of a document is a capture, timed in release order; a version whose bytes
equal the previous one's is left out. Every file is a plain text: one article, so every
word must be kept. The figures are words kept (the share of each file's words, as a
multiset, found in the article made of it), files losing words, and grouping precision
and recall over pairs of files (truth: same source document).
"""

from __future__ import annotations

import argparse
import collections
import email
import email.policy
import gzip
import io
import itertools
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".general"
WORD = re.compile(r"\w+")
START = datetime(2020, 1, 1, tzinfo=UTC)

# (pip requirement, files wanted inside the sdist) per source, in release order.
SDISTS = {
    "rest": [
        ("docutils==0.17.1", r"docs/.*\.txt$"),
        ("docutils==0.19", r"docs/.*\.txt$"),
        ("docutils==0.21.2", r"docs/.*\.txt$"),
    ],
    "release-notes": [
        ("Django==4.2", r"docs/releases/\d[\w.]*\.txt$"),
        ("Django==5.0", r"docs/releases/\d[\w.]*\.txt$"),
    ],
    "markdown": [
        ("Markdown==3.3.7", r"docs/.*\.md$"),
        ("Markdown==3.7", r"docs/.*\.md$"),
    ],
    "literature": [("Brotli==1.1.0", r"tests/testdata/(alice29|asyoulik|lcet10|plrabn12)\.txt$")],
    "email": [("talon==1.4.4", r"tests/fixtures/.*\.eml$")],
    "changelogs": [
        ("SQLAlchemy==1.4.52", r"doc/build/changelog/(changelog|migration|whatsnew)_\d+\.rst$"),
        ("SQLAlchemy==2.0.30", r"doc/build/changelog/(changelog|migration|whatsnew)_\d+\.rst$"),
    ],
}
# Django ships ~300 release notes a release: every 4th keeps the set quick to ingest.
SAMPLE_EVERY = {"release-notes": 4}
MOVED_BY_NAME = {"rest"}
DEBIAN_PACKAGE = "doc-debian"
VERSIONED = re.compile(r"^(?P<doc>[\w-]+?)\.(?P<version>\d+(?:\.\d+)*)\.txt$")


def _download(requirement: str, dest: Path) -> Path:
    before = set(dest.iterdir())
    try:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
            + ["--dest", str(dest), requirement],
            check=True,
        )
    except subprocess.CalledProcessError:
        # pip builds an sdist's metadata, and with --no-binary its build tools too (SQLAlchemy
        # needs Cython compiled): take the archive from the package index instead
        return _from_index(requirement, dest)
    new = set(dest.iterdir()) - before
    name = requirement.split("==")[0].lower().replace("-", "_")
    found = new or {p for p in dest.iterdir() if p.name.lower().replace("-", "_").startswith(name)}
    return sorted(found)[-1]


def _from_index(requirement: str, dest: Path) -> Path:
    """The sdist of ``name==version`` fetched from the package index's simple page."""
    import urllib.request

    name, version = requirement.split("==")
    with urllib.request.urlopen(f"https://pypi.org/simple/{name.lower()}/", timeout=60) as page:
        html = page.read().decode()
    pattern = rf'href="([^"]+/({re.escape(name)}-{re.escape(version)}\.tar\.gz))[^"]*"'
    url, filename = re.search(pattern, html, re.IGNORECASE).groups()
    target = dest / filename
    urllib.request.urlretrieve(url, target)
    return target


def _email_text(raw: bytes) -> str:
    """The Subject line, then the plain-text part of an e-mail (what a reader saves)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",))
    body = part.get_content() if part is not None else ""
    return f"{message['subject'] or ''}\n\n{body}"


def _sdist_versions(source: str, downloads: Path) -> dict[str, list[tuple[str, bytes]]]:
    """``{document: [(version, text bytes), ...]}`` in release order."""
    docs: dict[str, list[tuple[str, bytes]]] = collections.defaultdict(list)
    for requirement, pattern in SDISTS[source]:
        archive = _download(requirement, downloads)
        wanted = re.compile(pattern)
        with tarfile.open(archive) as tar:
            members = sorted((m for m in tar.getmembers() if m.isfile()), key=lambda m: m.name)
            for member in members:
                inner = member.name.split("/", 1)[1]
                if not wanted.search(inner):
                    continue
                data = tar.extractfile(member).read()
                if source == "email":
                    data = _email_text(data).encode()
                # docutils moved documents between folders (howto/ -> api/): a document
                # is known by its file name there, which no two of its documents share
                doc = inner.rsplit("/", 1)[-1] if source in MOVED_BY_NAME else inner
                docs[doc].append((requirement.split("==")[1], data))
    every = SAMPLE_EVERY.get(source, 1)
    return {doc: docs[doc] for n, doc in enumerate(sorted(docs)) if n % every == 0}


def _debian_versions(downloads: Path) -> dict[str, list[tuple[str, bytes]]]:
    """Debian's project documents; ``constitution.1.3.txt`` is version 1.3 of the constitution."""
    subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=downloads, check=True, capture_output=True)
    deb = next(downloads.glob(f"{DEBIAN_PACKAGE}_*.deb"))
    unpacked = downloads / "deb"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    docs: dict[str, list[tuple[tuple[int, ...], str, bytes]]] = collections.defaultdict(list)
    for path in sorted((unpacked / "usr/share/doc/debian").iterdir()):
        data = path.read_bytes()
        name = path.name
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name[:-3]
        match = VERSIONED.match(name)
        if match:  # an older version of a document
            version = match["version"]
            docs[match["doc"]].append((tuple(int(p) for p in version.split(".")), version, data))
        else:  # today's version sorts last
            docs[name.removesuffix(".txt")].append(((999,), "current", data))
    return {doc: [(v, d) for _, v, d in sorted(versions)] for doc, versions in docs.items()}


def build() -> None:
    """Download the packages and write one folder per source with a manifest of capture times."""
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    downloads = CORPUS / "downloads"
    downloads.mkdir(parents=True)
    sources = {"charter": _debian_versions(downloads)}
    sources.update({name: _sdist_versions(name, downloads) for name in SDISTS})
    truth: dict[str, dict] = {}
    for source, docs in sources.items():
        folder = CORPUS / source
        folder.mkdir()
        manifest = ["captures:"]
        for doc, versions in sorted(docs.items()):
            previous = None
            for n, (version, data) in enumerate(versions):
                if data == previous or not data.strip():
                    continue
                previous = data
                slug = re.sub(r"[^\w.-]+", "_", doc.removeprefix("docs/").removeprefix("tests/")).strip("_")
                name = f"{slug}@{version}.txt"
                (folder / name).write_bytes(data)
                when = START + timedelta(days=200 * n, minutes=len(truth))
                manifest.append(f"  {name}:\n    captured_at: {when.isoformat()}")
                truth[f"{source}/{name}"] = {"source": source, "doc": doc, "version": version}
        (folder / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    shutil.rmtree(downloads)
    (CORPUS / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(WORD.findall(text))


def score(revtrack: str, corpus: Path = CORPUS) -> dict:
    """Ingest every source folder of ``corpus`` into a fresh store, then compare what was kept
    with each file (``benchmarks/readmes.py`` scores its set with this too)."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="general-") as work:
        db = str(Path(work) / "store.db")
        folders = sorted(str(p) for p in corpus.iterdir() if p.is_dir())
        run = subprocess.run([revtrack, "ingest", *folders, "--db", db], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"ingest exited {run.returncode}: {run.stderr[-500:]}")
        conn = sqlite3.connect(db)
        rows = conn.execute(
            "SELECT c.path, c.layout, r.story_id, coalesce(s.headline, r.headline), coalesce(s.body, r.body) "
            "FROM captures c "
            "JOIN snapshots s ON s.capture_id = c.id JOIN revisions r ON r.id = s.revision_id"
        ).fetchall()
    kept_text: dict[str, list[str]] = collections.defaultdict(list)
    stories: dict[str, set[str]] = collections.defaultdict(set)
    layouts: dict[str, str] = {}
    for path, layout, story, headline, body in rows:
        key = "/".join(Path(path).parts[-2:])
        kept_text[key].append(f"{headline}\n{body}")
        stories[key].add(story)
        layouts[key] = layout
    per_source: dict[str, dict] = {}
    losers = []
    for key, info in truth.items():
        have = _words((corpus / key).read_text(encoding="utf-8", errors="replace"))
        got = _words("\n".join(kept_text.get(key, [])))
        total = sum(have.values())
        kept = sum((have & got).values())
        figures = per_source.setdefault(
            info["source"], {"files": 0, "words": 0, "kept": 0, "losing": 0, "pages": 0}
        )
        figures["files"] += 1
        figures["words"] += total
        figures["kept"] += kept
        figures["losing"] += kept < total
        figures["pages"] += layouts.get(key) == "page"
        if kept < total:
            losers.append((kept / total if total else 0.0, total - kept, key, layouts.get(key)))
    for figures in per_source.values():
        figures["words_kept"] = round(figures["kept"] / figures["words"], 4) if figures["words"] else 1.0
    grouping = _pairs(truth, stories)
    all_words = sum(f["words"] for f in per_source.values())
    all_kept = sum(f["kept"] for f in per_source.values())
    return {
        "sources": per_source,
        "files": len(truth),
        "words_kept": round(all_kept / all_words, 4),
        "files_losing_words": sum(f["losing"] for f in per_source.values()),
        "grouping": grouping,
        "losers": sorted(losers)[:50],
    }


def _pairs(truth: dict[str, dict], stories: dict[str, set[str]]) -> dict:
    """Pairwise precision and recall of story membership over every pair of files."""
    keys = [k for k in truth if stories.get(k)]
    tp = fp = fn = 0
    wrong: list[tuple[str, str, str]] = []
    for a, b in itertools.combinations(keys, 2):
        same = (truth[a]["source"], truth[a]["doc"]) == (truth[b]["source"], truth[b]["doc"])
        grouped = bool(stories[a] & stories[b])
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
        if same != grouped:
            wrong.append(("missed" if same else "false", a, b))
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "true_pairs": tp + fn,
        "false_pairs": fp,
        "missed_pairs": fn,
        "wrong": wrong,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true", help="download and build the corpus again")
    ap.add_argument("--revtrack", default=str(ROOT / ".venv" / "bin" / "revtrack"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--losers", type=int, default=0, help="list the N files that lose the most words")
    ap.add_argument("--pairs", action="store_true", help="list the pairs grouped wrongly")
    args = ap.parse_args()
    if args.rebuild or not (CORPUS / "truth.json").exists():
        build()
    result = score(args.revtrack)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    out = io.StringIO()
    out.write(f"{'source':<14} {'files':>5} {'words':>9} {'kept':>7} {'losing':>6} {'as page':>7}\n")
    for name, f in sorted(result["sources"].items()):
        figures = f"{f['files']:>5} {f['words']:>9} {f['words_kept']:>7.4f} {f['losing']:>6} {f['pages']:>7}"
        out.write(f"{name:<14} {figures}\n")
    g = result["grouping"]
    out.write(
        f"all: {result['files']} files, words kept {result['words_kept']:.4f}, "
        f"{result['files_losing_words']} files losing words\n"
        f"grouping: precision {g['precision']:.4f}, recall {g['recall']:.4f} "
        f"({g['true_pairs']} true pairs, {g['missed_pairs']} missed, {g['false_pairs']} false)\n"
    )
    for share, lost, key, layout in result["losers"][: args.losers]:
        out.write(f"  {share:6.1%} kept, {lost:>6} words lost  {layout:<6} {key}\n")
    if args.pairs:
        for kind, a, b in g["wrong"]:
            out.write(f"  {kind:<6} {a}  {b}\n")
    print(out.getvalue(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
