"""Word-processor documents (``.docx``, ``.odt``): a press release as its office sent it.

The parts are written here in the layouts Word and LibreOffice write (runs split
mid-word, a text box drawn twice, tracked changes, notes, headers); the real files
of python-docx's and odfpy's tests are read by ``benchmarks/office_docs.py``.
"""

from __future__ import annotations

import io
import json
import zipfile

from click.testing import CliRunner

from revtrack.cli import main
from revtrack.extract.decode import decode_bytes
from tests.support import PARAGRAPHS, cli, ingested_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _p(*runs: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return (
        "<w:p>" + props + "".join(f"<w:r><w:t xml:space='preserve'>{r}</w:t></w:r>" for r in runs) + "</w:p>"
    )


def docx(
    title: str | tuple[str, ...], paragraphs: list[str], extra: str = "", parts: dict[str, str] | None = None
) -> bytes:
    body = (
        _p(*((title,) if isinstance(title, str) else title), style="Title")
        + "".join(_p(p) for p in paragraphs)
        + extra
    )
    document = f"<w:document {W} {MC}><w:body>{body}<w:sectPr/></w:body></w:document>"
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": document, **(parts or {})})


def test_a_press_release_in_word_is_read_whole_in_order(tmp_path):
    text_box = (
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        + _p("Boxed: the terminal in figures.")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + _p("Boxed: the terminal in figures.")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    table = "<w:tbl><w:tr><w:tc>" + _p("Berths") + "</w:tc><w:tc>" + _p("Four") + "</w:tc></w:tr></w:tbl>"
    tracked = (
        "<w:p><w:r><w:t xml:space='preserve'>The vote was </w:t></w:r>"
        "<w:del><w:r><w:delText>five to four</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>six to three</w:t></w:r></w:ins>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t> (check with Ann)</w:t></w:r>"
        "<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t></w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r></w:p>"
    )
    footnotes = (
        f"<w:footnotes {W}><w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p>"
        "</w:footnote><w:footnote w:id='1'>"
        + _p("Minutes of the board, 3 March.")
        + "</w:footnote></w:footnotes>"
    )
    header = f"<w:hdr {W}>" + _p("FOR IMMEDIATE RELEASE") + "</w:hdr>"
    raw = docx(
        ("Port Auth", "ority approves terminal"),  # a word split across runs, as Word splits at an edit
        PARAGRAPHS,
        extra=table + text_box + tracked,
        parts={"word/footnotes.xml": footnotes, "word/header1.xml": header},
    )
    headline, tail = ingested_document(tmp_path, "release.docx", raw)
    assert headline == "Port Authority approves terminal"
    assert tail == [
        "Berths",
        "Four",
        "Boxed: the terminal in figures.",  # once: the fallback drawing repeats it
        "The vote was six to three.",  # the tracked deletion, hidden text and a page field: no words
        "Minutes of the board, 3 March.",
        "FOR IMMEDIATE RELEASE",
    ]


def test_two_versions_of_a_word_file_diff_word_by_word(tmp_path):
    old, new = tmp_path / "v1.docx", tmp_path / "v2.docx"
    old.write_bytes(docx("Port approves terminal", PARAGRAPHS))
    new.write_bytes(
        docx("Port approves terminal", [*PARAGRAPHS[:3], PARAGRAPHS[3].replace("forty", "forty-five")])
    )
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "word"])
    assert result.exit_code == 1, result.output
    assert " the forty\n+-five\n  million" in result.output  # porcelain: the words added, alone


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def test_an_opendocument_text_is_read_whole_in_order(tmp_path):
    content = (
        f"<office:document-content {ODT_NS}><office:body><office:text>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>withdrawn words</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">Harbour <text:span>pier</text:span> to close</text:h>'
        "<text:p>The pier closes on<text:s text:c='2'/>Monday.<text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>Weather permitting.</text:p></text:note-body></text:note></text:p>"
        "<office:annotation><text:p>Check the date with Ann</text:p></office:annotation>"
        "<text:list><text:list-item><text:p>Ferries run as usual</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Cell text</text:p></table:table-cell>"
        "</table:table-row></table:table>"
        "</office:text></office:body></office:document-content>"
    )
    styles = (
        f"<office:document-styles {ODT_NS}><office:master-styles><style:master-page>"
        "<style:header><text:p>Harbour Gazette</text:p></style:header>"
        "</style:master-page></office:master-styles></office:document-styles>"
    )
    raw = _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": content,
            "styles.xml": styles,
        }
    )
    (tmp_path / "pier.odt").write_bytes(raw)
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04", str(tmp_path / "pier.odt"))
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert row["headline"] == "Harbour pier to close"
    assert row["body"].split("\n\n") == [
        "The pier closes on  Monday.",
        "Ferries run as usual",
        "Cell text",
        "Weather permitting.",
        "Harbour Gazette",
    ]


def test_hidden_text_in_an_opendocument_is_left_out_as_in_the_other_formats():
    """LibreOffice's "Hidden" font effect (a style with ``text:display="none"``, on a span or a
    paragraph, or inherited from a parent style) and hidden-text and hidden-paragraph fields in
    force: the .docx, .rtf and .doc readers leave hidden text out, and the .odt reader read it."""
    automatic = (
        "<office:automatic-styles>"
        '<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/>'
        "</style:style>"
        '<style:style style:name="P9" style:family="paragraph" style:parent-style-name="Secret"/>'
        "</office:automatic-styles>"
    )
    content = (
        f"<office:document-content {ODT_NS}>{automatic}<office:body><office:text>"
        "<text:h>Harbour pier to close</text:h>"
        '<text:p>The pier closes on Monday.<text:span text:style-name="T1"> (check with Ann)</text:span>'
        " Ferries run.</text:p>"
        '<text:p text:style-name="P9">Draft note: confirm the cost.</text:p>'
        '<text:p>Shown.<text:hidden-text text:is-hidden="true" text:string-value="x">Only for'
        " editors.</text:hidden-text></text:p>"
        '<text:p><text:hidden-paragraph text:is-hidden="true"/>A paragraph hidden by a field.</text:p>'
        '<text:p><text:hidden-paragraph text:is-hidden="false"/>A paragraph the field shows.</text:p>'
        "</office:text></office:body></office:document-content>"
    )
    styles = (
        f"<office:document-styles {ODT_NS}><office:styles>"
        '<style:style style:name="Secret" style:family="paragraph">'
        '<style:text-properties text:display="none"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    raw = _zip(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content, "styles.xml": styles}
    )
    text, kind = decode_bytes("pier.odt", raw)
    assert kind == "odt (OpenDocument text)"
    assert text.split("\n\n") == [
        "Harbour pier to close",
        "The pier closes on Monday. Ferries run.",
        "Shown.",
        "A paragraph the field shows.",
    ]


def test_a_zip_that_is_no_document_and_a_zip_bomb_are_one_line(tmp_path):
    (tmp_path / "photos").write_bytes(_zip({"a.txt": "not a document"}))  # a zip not named so
    (tmp_path / "photos.zip").write_bytes(_zip({"a.jpg": "\x00\x10JFIF\x00"}))  # named so: read inside
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (51 * 1024 * 1024))
    (tmp_path / "bomb.docx").write_bytes(bomb.getvalue())
    deep = docx("Deep", ["x"], extra="<w:sdt>" * 50_000 + "</w:sdt>" * 50_000)
    (tmp_path / "deep.docx").write_bytes(deep)
    for name, problem in (
        ("photos", "a zip archive, not a .docx or .odt (name it .zip to read its files)"),
        ("photos.zip#a.jpg", "binary file (NUL bytes), not a text capture"),
        ("bomb.docx", "past the limit (a zip bomb?)"),
        ("deep.docx", "nested too deeply"),
    ):
        result = cli(tmp_path / "s.db", "ingest", str(tmp_path / name.split("#")[0]))
        assert result.exit_code == 2, result.output
        assert name in result.output and problem in result.output, result.output
        assert "Traceback" not in result.output


def test_a_folder_of_documents_open_in_word_skips_the_lock_files_and_thumbnails(tmp_path):
    folder = tmp_path / "statements"
    folder.mkdir()
    (folder / "statement.docx").write_bytes(docx("Port approves terminal", PARAGRAPHS))
    # what Word and Windows leave beside documents: an owner file while the document is open,
    # and a thumbnail cache (an OLE file of images)
    (folder / "~$statement.docx").write_bytes(b"\x0bPress Office" + bytes(149))
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04", str(folder))
    assert result.exit_code == 0, result.output
    assert "1 capture(s) ingested" in result.output and "Thumbs" not in result.output
