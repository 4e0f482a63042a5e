"""A Jupyter notebook (``.ipynb``): a data desk's published analysis, read as what it says.

Newsrooms publish the notebooks behind their data stories, and a figure that changes
between two versions of one is a change a fact-checker looks for. Read as text, a notebook
was its JSON: the headline ``"cells": [``, every line quoted and escaped. Read as a
notebook (nbformat 4, and 3's worksheets):

* each Markdown cell is its text, each code cell its source, in order, a paragraph each
  (nbformat 3's heading cells are Markdown headings, as nbformat's upgrade makes them);
* each output that is text follows its cell: a stream's text, a result's or a display's
  ``text/plain`` (or ``text/markdown``), an error's name and value (its traceback's colour
  codes are terminal markup, left out with the traceback);
* an output that is only a picture (``image/png``) or markup (``text/html``) is left out,
  and the reading says how many were;
* the headline is the first Markdown heading, else the notebook's ``title`` metadata, else
  the file's name.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revtrack.extract import Extraction

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(\S.*?)(?:\s+#+)?\s*$", re.MULTILINE)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: Output formats read as text, best first.
TEXT_FORMATS = ("text/markdown", "text/plain")


def looks_like_notebook(name: str, head: str) -> bool:
    """A notebook: named ``.ipynb``, or a JSON object naming its ``nbformat``.

    >>> looks_like_notebook("a.ipynb", ""), looks_like_notebook("a.json", '{"cells": [], "nbformat": 4}')
    (True, True)
    >>> looks_like_notebook("a.json", '{"title": "x"}')
    False
    """
    return name.lower().endswith(".ipynb") or (
        head.lstrip("\ufeff \t\r\n")[:1] == "{" and '"nbformat"' in head
    )


def _text(value: object) -> str:
    """A notebook string: one string, or a list of lines, joined as nbformat joins them (lines
    that keep their line ends are joined as they are; older notebooks dropped them).

    >>> _text(["One\\n", "two"]), _text(["One", "two"]), _text(3)
    ('One\\ntwo', 'One\\ntwo', '')
    """
    if isinstance(value, list):
        lines = [part for part in value if isinstance(part, str)]
        return "".join(lines) if lines and lines[0].endswith(("\n", "\r")) else "\n".join(lines)
    return value if isinstance(value, str) else ""


def _output_text(output: dict) -> tuple[str, bool]:
    """An output's text, and whether it held something that is not text (a picture, markup)."""
    kind = output.get("output_type")
    if kind == "stream":
        return _text(output.get("text")), False
    if kind == "error":
        return f"{_text(output.get('ename'))}: {_text(output.get('evalue'))}", False
    data = (
        output.get("data") if isinstance(output.get("data"), dict) else output
    )  # nbformat 3 keeps them flat
    for form in TEXT_FORMATS:
        if data.get(form) is not None:
            return _text(data[form]), False
    legacy = _text(data.get("text")) if kind in ("pyout", "display_data") else ""
    return legacy, not legacy


def notebook_cells(notebook: dict) -> tuple[list[tuple[str, str]], int]:
    """``(kind, text)`` for each cell and text output in order, and how many outputs held no text.

    >>> cells, left = notebook_cells({"cells": [{"cell_type": "markdown", "source": ["# Budget\\n", "Up."]},
    ...     {"cell_type": "code", "source": "total", "outputs": [
    ...         {"output_type": "execute_result", "data": {"text/plain": ["12.5"]}},
    ...         {"output_type": "display_data", "data": {"image/png": "iVBOR..."}}]}]})
    >>> cells, left
    ([('markdown', '# Budget\\nUp.'), ('code', 'total'), ('output', '12.5')], 1)
    """
    cells = notebook.get("cells")
    if not isinstance(cells, list):  # nbformat 3: cells inside worksheets
        sheets = notebook.get("worksheets")
        cells = (
            [c for sheet in sheets if isinstance(sheet, dict) for c in sheet.get("cells", [])]
            if isinstance(sheets, list)
            else []
        )
    found: list[tuple[str, str]] = []
    left_out = 0
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        kind = str(cell.get("cell_type", ""))
        source = _text(cell.get("source", cell.get("input")))
        if kind == "heading":  # nbformat 3's heading cell: a Markdown heading, as nbformat 4 has it
            level = cell.get("level") if isinstance(cell.get("level"), int) else 1
            kind, source = "markdown", f"{'#' * min(max(level, 1), 6)} {source.strip()}"
        if source.strip():
            found.append((kind, source.strip("\n")))
        for output in cell.get("outputs") or []:
            if isinstance(output, dict):
                text, picture = _output_text(output)
                left_out += picture
                if text.strip():
                    found.append(("output", _ANSI.sub("", text).strip("\n")))
    return found, left_out


def notebook_extraction(text: str, name: str) -> Extraction | None:
    """A notebook as one article; None when the text is no notebook (it is read as JSON or text).

    >>> nb = '{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "# Harbour budget\\\\nUp."}]}'
    >>> found = notebook_extraction(nb, "budget.ipynb")
    >>> found.layout, found.articles[0].headline, found.articles[0].body
    ('notebook', 'Harbour budget', '# Harbour budget\\nUp.')
    """
    from revtrack.extract import Extraction
    from revtrack.extract.accounting import Accounting
    from revtrack.extract.lines import word_total
    from revtrack.models import Article

    try:
        notebook = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(notebook, dict) or ("cells" not in notebook and "worksheets" not in notebook):
        return None
    cells, left_out = notebook_cells(notebook)
    body = "\n\n".join(cell for _, cell in cells)
    markdown = "\n".join(cell for kind, cell in cells if kind == "markdown")
    heading = _HEADING.search(markdown)
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    title = _text(metadata.get("title")) or _text(metadata.get("name"))
    stem = re.sub(r"\.ipynb$", "", name.replace("\\", "/").rsplit("/", 1)[-1], flags=re.IGNORECASE)
    headline = " ".join((heading.group(1) if heading else title or stem).split())
    counts = {kind: sum(k == kind for k, _ in cells) for kind in ("markdown", "code", "output")}
    why = (
        f"read as a Jupyter notebook: {counts['markdown']} Markdown and {counts['code']} code cells,"
        f" {counts['output']} text outputs"
    )
    if left_out:
        why += f"; {left_out} output(s) holding no text (pictures, markup) left out"
    article = Article(headline=headline, body=body) if body.strip() else None
    return Extraction("notebook", [article] if article else [], Accounting(word_total(body), why=why))
