"""Legacy encodings: are the words of real pages and feeds in 40 encodings read as written?

    python benchmarks/encodings.py                  # build the set if missing, then score
    python benchmarks/encodings.py --tree /tmp/old  # the same, with the revtrack in another tree
    python benchmarks/encodings.py --files          # a line per encoding

Held out (scored only after the declared-encoding and East Asian rules of ``decode.py`` were
written, on feedparser's test feeds): chardet 5.2.0's test files, real web pages and feeds
saved in the encoding their folder names (Big5, EUC-JP, EUC-KR, GB2312, KOI8-R, windows-1251,
ISO-8859-2, ...), built into the git-ignored ``benchmarks/.encodings/``. Reference: each file
decoded in its true encoding, tags taken out; the figure is the share of its words outside
ASCII (the ones a wrong encoding garbles) found in revtrack's articles. Menus and footers a
page reader leaves out count as lost, so 1.0 is not the aim: the change between trees is.
"""

from __future__ import annotations

import codecs
import collections
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import benchmark, unpack

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".encodings"
SETS = {"second": ["chardet==5.2.0"]}
WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
LANGUAGE = re.compile(
    r"-(croatian|czech|hungarian|polish|slovak|slovene|bulgarian|russian|arabic|greek|turkish|romanian)$"
)
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def build() -> None:
    """Unpack chardet's test files."""
    unpack(CORPUS, SETS, lambda name: "/tests/" in name and name.count("/") >= 3)


def score(set_name: str) -> dict:
    """Totals, and a row per encoding (its files and the share of their words kept)."""
    from revtrack.errors import InputError
    from revtrack.extract import extract_capture
    from revtrack.extract.decode import decode_bytes

    totals: collections.Counter = collections.Counter()
    by_encoding: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path in sorted((CORPUS / set_name).rglob("*")):
        if not path.is_file():
            continue
        try:
            truth = path.read_bytes().decode(codecs.lookup(LANGUAGE.sub("", path.parent.name.lower())).name)
        except (LookupError, UnicodeDecodeError):
            continue  # a folder naming no codec (README), or a file not in its folder's encoding
        want = collections.Counter(w for w in WORD.findall(TAG.sub(" ", truth)) if not w.isascii())
        if not want:
            continue
        row = by_encoding[path.parent.name]
        row.update(files=1, words=sum(want.values()))
        try:
            text, encoding = decode_bytes(path.name, path.read_bytes())
            articles = extract_capture(text, WHEN, path.name, encoding=encoding).articles
        except InputError:
            row["refused"] += 1
            continue
        got = collections.Counter(w for a in articles for w in WORD.findall(f"{a.headline} {a.body}"))
        row["kept"] += sum((want & got).values())
    for row in by_encoding.values():
        totals.update(row)
    rows = [
        (name, row["files"], f"{row['kept'] / row['words']:.3f}", row["refused"])
        for name, row in sorted(by_encoding.items())
    ]
    return {"totals": dict(totals), "rows": rows}


def main() -> int:
    columns = ["set", "files", "words outside ASCII kept", "refused"]
    return benchmark(
        __file__, __doc__, "a line per encoding", SETS, build, score, CORPUS, columns, ["kept", "refused"]
    )


if __name__ == "__main__":
    sys.exit(main())
