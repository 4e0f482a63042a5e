"""Jupyter notebooks: is what their cells and outputs say kept, and their JSON left out?

    python benchmarks/notebooks.py                  # build the set if missing, then score
    python benchmarks/notebooks.py --tree /tmp/old  # the same, with the revtrack in another tree
    python benchmarks/notebooks.py --files          # a line per notebook

The reference reader is benchmark-only: ``pip install nbformat``.

Held out (scored only after the reader was written): the test notebooks of nbformat 5.11.1,
nbclient 0.11.0, nbconvert 7.17.2 and papermill 2.7.0 (nbformat 3 and 4, outputs of every
kind, errors, pictures), built into the git-ignored ``benchmarks/.notebooks/``. Reference:
nbformat's own reading (upgraded to version 4): the words of every cell's source and of each
output's text (a stream's, ``text/plain`` or ``text/markdown``, an error's name and value),
and the first Markdown heading. Figures: words kept, JSON in the article text (``"cell_type"``
keys and ``\\n`` escapes), headline right (where a Markdown cell has a heading).
"""

from __future__ import annotations

import collections
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import benchmark, unpack

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".notebooks"
SETS = {"second": ["nbformat==5.11.1", "nbclient==0.11.0", "nbconvert==7.17.2", "papermill==2.7.0"]}
WORD = re.compile(r"\w+")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(\S.*?)(?:\s+#+)?\s*$", re.MULTILINE)
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def build() -> None:
    """Unpack the packages' notebooks."""
    unpack(CORPUS, SETS, lambda name: name.endswith(".ipynb"))


def reference(path: Path) -> tuple[str, str] | None:
    """A notebook's text as nbformat reads it, and its first Markdown heading."""
    import nbformat

    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - a notebook nbformat refuses has no reference
        return None
    parts, headings = [], []
    for cell in notebook.cells:
        parts.append(cell.get("source", ""))
        if cell.cell_type == "markdown":
            headings += HEADING.findall(cell.get("source", ""))
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                parts.append(output.get("text", ""))
            elif output.output_type == "error":
                parts.append(f"{output.ename}: {output.evalue}")
            else:
                data = output.get("data", {})
                parts.append(data.get("text/markdown") or data.get("text/plain") or "")
    return "\n".join(parts), (" ".join(headings[0].split()) if headings else "")


def score(set_name: str) -> dict:
    """Totals and a row per notebook."""
    from revtrack.extract import extract_capture

    totals: collections.Counter = collections.Counter()
    rows = []
    for path in sorted((CORPUS / set_name).rglob("*.ipynb")):
        found = reference(path)
        if found is None:
            totals["no reference"] += 1
            continue
        said, heading = found
        extraction = extract_capture(path.read_text(errors="replace"), WHEN, path.name)
        held = " ".join(f"{a.headline} {a.body}" for a in extraction.articles)
        want = collections.Counter(w.casefold() for w in WORD.findall(said))
        kept = sum((want & collections.Counter(w.casefold() for w in WORD.findall(held))).values())
        json_marks = held.count('"cell_type"') + held.count("\\n")
        right = bool(heading) and extraction.articles and extraction.articles[0].headline == heading
        totals.update(files=1, words=sum(want.values()), kept=kept, json=json_marks, headed=bool(heading))
        totals["right"] += bool(right)
        name = str(path.relative_to(CORPUS / set_name))
        rows.append((name, extraction.layout, f"{kept}/{sum(want.values())}", json_marks, bool(right)))
    return {"totals": dict(totals), "rows": rows}


def main() -> int:
    columns = ["set", "notebooks", "words kept", "JSON in the text", "with a heading", "headline right"]
    keys = ["kept", "json", "headed", "right"]
    return benchmark(__file__, __doc__, "a line per notebook", SETS, build, score, CORPUS, columns, keys)


if __name__ == "__main__":
    sys.exit(main())
