"""A Jupyter notebook is read as what its cells and outputs say, never as its JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from revtrack.diffing import compare
from revtrack.extract import extract_capture

CAPTURED = datetime(2026, 3, 1, tzinfo=UTC)


def _notebook(total: str) -> str:
    cells = [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ["# Harbour budget analysis\n", "\n", "The council's figures."],
        },
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": ["total = budget.sum()\n", "print(total)"],
            "outputs": [
                {"name": "stdout", "output_type": "stream", "text": [f"{total}\n"]},
                {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}, "metadata": {}},
                {
                    "output_type": "error",
                    "ename": "KeyError",
                    "evalue": "'pier'",
                    "traceback": ["\x1b[31mKeyError"],
                },
            ],
        },
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def test_a_notebook_is_its_cells_and_text_outputs_and_a_changed_figure_is_the_diff():
    extraction = extract_capture(_notebook("12.5 million"), CAPTURED, "budget.ipynb")
    assert extraction.layout == "notebook"
    (article,) = extraction.articles
    assert article.headline == "Harbour budget analysis"
    cells = [
        "# Harbour budget analysis\n\nThe council's figures.",
        "total = budget.sum()\nprint(total)",
        "12.5 million",
        "KeyError: 'pier'",
    ]
    assert article.body == "\n\n".join(cells)
    assert '"cell_type"' not in article.body and "\x1b" not in article.body
    assert "1 output(s) holding no text" in extraction.accounting.why
    # two versions of the analysis: the changed figure is the whole diff
    again = extract_capture(_notebook("13.1 million"), CAPTURED, "budget.ipynb").articles[0]
    changed = [(s.op, s.text) for s in compare(article.body, again.body).segments if s.op != "="]
    assert changed == [("-", "12.5"), ("+", "13.1")]


def test_nbformat_3_worksheets_and_heading_cells_and_json_that_is_no_notebook():
    old = {
        "nbformat": 3,
        "metadata": {"name": "budget"},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "heading", "level": 1, "source": ["Harbour budget"]},
                    {
                        "cell_type": "code",
                        "input": ["x = 1", "x"],
                        "outputs": [{"output_type": "pyout", "text": ["1"]}],
                    },
                ]
            }
        ],
    }
    (article,) = extract_capture(json.dumps(old), CAPTURED, "old.ipynb").articles
    assert (article.headline, article.body) == ("Harbour budget", "# Harbour budget\n\nx = 1\nx\n\n1")
    record = '{"headline": "Pier closes", "body": "The pier closes for two years."}'
    assert extract_capture(record, CAPTURED, "record.json").layout != "notebook"
