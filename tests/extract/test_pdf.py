"""PDF files read through their text layer (the ``pdf`` extra, pdfminer.six).

The PDFs are written here, a page a content stream in Helvetica, as any PDF writer
lays text out; ``benchmarks/pdf_text.py`` measures real PDFs the same way.
"""

from __future__ import annotations

import json
import sys
import zlib

import pytest

from tests.support import PARAGRAPHS, cli

pytest.importorskip("pdfminer", reason="the pdf extra is not installed")


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF of the given pages, each a list of lines set top down in 11-point Helvetica."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 72 760 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R"
            " /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_pdf_is_read_through_its_text_layer_its_page_furniture_named(tmp_path):
    first = [
        "Harbour Gazette",
        "",
        "Council passes harbour budget",
        "",
        PARAGRAPHS[0],
        "",
        PARAGRAPHS[1],
        "",
        "1",
    ]
    second = ["Harbour Gazette", "", PARAGRAPHS[2], "", PARAGRAPHS[3], "", "2"]
    (tmp_path / "budget.pdf").write_bytes(pdf([first, second]))
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04", str(tmp_path / "budget.pdf"))
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert row["headline"] == "Council passes harbour budget"
    for paragraph in PARAGRAPHS:
        assert " ".join(paragraph.split()) in " ".join(row["body"].split())
    shown = cli(tmp_path / "s.db", "show", row["revision_id"], "--dropped").output
    assert "page-furniture" in shown  # the running head and page numbers, dropped by name


def test_a_pdf_without_text_or_damaged_or_without_the_extra_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "scan.pdf").write_bytes(pdf([[]]))
    (tmp_path / "cut.pdf").write_bytes(pdf([["Some words here"]])[:60])
    for name, problem in (
        ("scan.pdf", "a PDF with no text layer"),
        ("cut.pdf", "a PDF that cannot be read"),
    ):
        result = cli(tmp_path / "s.db", "ingest", str(tmp_path / name))
        assert result.exit_code == 2, result.output
        assert f"{name}: {problem}" in result.output and "Traceback" not in result.output
    monkeypatch.setitem(sys.modules, "pdfminer.high_level", None)  # as if the extra were not installed
    (tmp_path / "ok.pdf").write_bytes(pdf([["Council passes harbour budget", "", PARAGRAPHS[0]]]))
    result = cli(tmp_path / "s.db", "ingest", str(tmp_path / "ok.pdf"))
    assert result.exit_code == 2 and "pip install 'revtrack[pdf]'" in result.output


def test_a_pdf_whose_streams_inflate_past_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """Kilobytes that pdfminer would inflate whole (here past a limit lowered to 8 MB, so that
    the test need not make gigabytes)."""
    monkeypatch.setattr("revtrack.extract.pdf.MAX_INFLATED", 8 << 20)
    inflater = zlib.compressobj(9)
    bomb = b"".join(inflater.compress(bytes(1 << 20)) for _ in range(16)) + inflater.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(bomb), bomb)
    raw = pdf([["Council passes harbour budget"]]).replace(
        b"%PDF-1.4\n", b"%PDF-1.4\n99 0 obj\n" + stream + b"\nendobj\n", 1
    )
    (tmp_path / "bomb.pdf").write_bytes(raw)
    result = cli(tmp_path / "s.db", "ingest", str(tmp_path / "bomb.pdf"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "bomb.pdf: a PDF whose compressed streams inflate past" in result.output
