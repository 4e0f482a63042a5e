"""Pages as a text browser prints them: a held-out set of hard-wrapped page text.

    python benchmarks/browser_dumps.py            # w3m and lynx, whichever is installed
    python benchmarks/browser_dumps.py --worst 10

``lynx -dump`` and ``w3m -dump`` are how many people save a page as text: the page's
menus, article and footer, wrapped at 80 columns, lists indented under bullets
(``*``, ``+``, ``o`` in lynx; ``•``, ``□`` in w3m), form fields drawn as
``[____]``. Each benchmark page of ``benchmarks/extraction.py`` (built there) is
rendered by each browser installed (``apt install w3m lynx``; the dumps are built
into the git-ignored ``benchmarks/.pages/<source>/<browser>/``) and read as
``revtrack ingest page.txt`` reads it. Scored against the same reference text:

* ``f1``, ``recall``: bag-of-words figures of the longest article (as
  ``extraction.py`` scores the browser-visible text);
* ``kept``: the reference's words found in any of the page's articles (nothing lost);
* ``read_as_plain``: pages kept whole (no page structure recognised);
* grouping: the three readings of each page (visible text, w3m, lynx) grouped with
  :func:`revtrack.grouping.group_documents`; truth: the same page.

Nothing here was tuned on: the set was built to check rules made on other text.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import CAPTURED, PAGES, _decode, build, f1, tokens  # noqa: E402

from revtrack.extract import extract_capture  # noqa: E402

BROWSERS = {
    "w3m": ["w3m", "-dump", "-cols", "80", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "lynx": ["lynx", "-dump", "-nolist", "-width", "80", "-assume_charset=utf-8", "-display_charset=utf-8"],
}


def render(browser: str) -> list[Path]:
    """Render every benchmark page with ``browser`` (once; cached beside the pages)."""
    dumps = []
    with tempfile.TemporaryDirectory() as tmp:
        source_file = Path(tmp, "page.html")
        for html in sorted(PAGES.glob("*/html/*.html")):
            if not (html.parent.parent / "truth" / f"{html.stem}.txt").exists():
                continue
            dump = html.parent.parent / browser / f"{html.stem}.txt"
            if not dump.exists():
                source_file.write_text(_decode(html.read_bytes()))  # one encoding for both browsers
                done = subprocess.run(
                    [*BROWSERS[browser], str(source_file)], capture_output=True, timeout=120
                )
                dump.parent.mkdir(exist_ok=True)
                dump.write_text(done.stdout.decode("utf-8", "replace"))
            dumps.append(dump)
    return dumps


def score(dump: Path) -> dict:
    """One page's figures (see the module docstring) and its longest article."""
    truth = (dump.parent.parent / "truth" / dump.name).read_text(errors="replace")
    extraction = extract_capture(dump.read_text(), CAPTURED, dump.name)
    best = max(extraction.articles, key=lambda a: len(a.body.split()), default=None)
    headline, body = (best.headline, best.body) if best is not None else ("", "")
    p, r, f = f1(headline + "\n" + body, truth)
    everything = "\n".join(a.headline + "\n" + a.body for a in extraction.articles)
    want = tokens(truth)
    kept = sum((tokens(everything) & want).values()) / max(1, sum(want.values()))
    return {
        "page": f"{dump.parent.parent.name}/{dump.stem}",
        "p": p,
        "r": r,
        "f1": f,
        "kept": kept,
        "plain": extraction.layout == "plain",
        "article": (headline, body),
    }


def grouping(rows: dict[str, list[dict]]) -> dict:
    """Group each page's readings (visible text and every browser's); truth: the same page."""
    from revtrack.grouping import group_documents

    items = []
    for text in sorted(PAGES.glob("*/text/*.txt")):
        page = f"{text.parent.parent.name}/{text.stem}"
        readings = [
            row["article"] for browser_rows in rows.values() for row in browser_rows if row["page"] == page
        ]
        if not readings:
            continue
        articles = extract_capture(text.read_text(), CAPTURED, text.name).articles
        best = max(articles, key=lambda a: len(a.body.split()))
        items += [(page, (best.headline, best.body))] + [(page, reading) for reading in readings]
    labels = group_documents([doc for _, doc in items])
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(items)), 2):
        same, grouped = items[i][0] == items[j][0], labels[i] == labels[j]
        tp, fp, fn = tp + (same and grouped), fp + (grouped and not same), fn + (same and not grouped)
    return {
        "documents": len(items),
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "missed": fn,
        "false": fp,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worst", type=int, default=0, help="list the N pages that keep the fewest words")
    args = ap.parse_args()
    if not any(PAGES.glob("*/text/*.txt")):
        build()
    installed = [b for b in BROWSERS if shutil.which(b)]
    if not installed:
        print("browser_dumps.py: neither w3m nor lynx is installed (apt install w3m lynx)", file=sys.stderr)
        return 2
    rows = {browser: [score(dump) for dump in render(browser)] for browser in installed}
    for browser, browser_rows in rows.items():

        def mean(key: str, of: list[dict] = browser_rows) -> float:
            return statistics.mean(row[key] for row in of)

        print(
            f"{browser:>5}: pages {len(browser_rows)}, f1 {mean('f1'):.3f}, recall {mean('r'):.3f},"
            f" kept {mean('kept'):.3f}, recall_below_0.5 {sum(row['r'] < 0.5 for row in browser_rows)},"
            f" kept_below_0.9 {sum(row['kept'] < 0.9 for row in browser_rows)},"
            f" read_as_plain {sum(row['plain'] for row in browser_rows)}"
        )
        for row in sorted(browser_rows, key=lambda row: row["kept"])[: args.worst]:
            print(
                f"{'':>8}{row['page']}: kept {row['kept']:.3f}, F1 {row['f1']:.3f}"
                f" (P {row['p']:.2f} R {row['r']:.2f})"
            )
    g = grouping(rows)
    print(
        f"grouping the {g['documents']} readings (visible text, {', '.join(installed)}): precision"
        f" {g['precision']:.3f}, recall {g['recall']:.3f} ({g['missed']} missed, {g['false']} false)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
