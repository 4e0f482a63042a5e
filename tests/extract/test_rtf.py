"""RTF documents: a statement as its office sent it, read as a word processor shows it.

The files are written here in the shapes Word and TextEdit write (a font table with
code pages, a style sheet, an information block, fields, notes, headers, tables,
``\\'hh`` bytes and ``\\uN`` escapes); ``benchmarks/rtf_text.py`` reads real news texts
and real documents turned into RTF by pandoc, against striprtf and pandoc's reader.
"""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.cli import main
from revtrack.extract.decode import decode_bytes
from revtrack.extract.rtf import rtf_text
from tests.support import PARAGRAPHS, cli, ingested_document

WORD_HEAD = (
    r"{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0\stshfdbch31505"
    r"{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}"
    r"{\f1\fbidi \fswiss\fcharset204\fprq2 Arial Cyr;}{\f2\fnil\fcharset128 MS Mincho;}"
    r"{\f3\fbidi \fnil\fcharset2\fprq2 Symbol;}}"
    r"{\colortbl;\red0\green0\blue0;\red255\green0\blue0;}"
    r"{\stylesheet{\ql \li0\ri0\widctlpar\f0\fs24 \snext0 Normal;}{\s1\ql heading 1;}}"
    r"{\*\listtable{\list\listtemplateid1{\listlevel\levelnfc23{\leveltext\'01\u-3913 ?;}}}}"
    r"{\*\rsidtbl \rsid1465046}{\*\generator Microsoft Word 16.0;}"
    r"{\info{\title Draft statement}{\author Press Office}{\operator Press Office}}"
    "\n"
    r"\paperw11906\paperh16838\margl1440\margr1440\viewkind1\sectd"
    "\n"
    r"{\header \pard\plain \qc\f0\fs20 FOR IMMEDIATE RELEASE\par}"
    "\n"
)


def _par(text: str) -> str:
    return r"\pard\plain \ql\widctlpar\f0\fs24 " + text + r"\par" + "\n"


def word_rtf(paragraphs: list[str], title: str = r"Port Auth{\b ority} approves terminal") -> bytes:
    body = _par(r"{\s1 " + title + "}") + "".join(_par(p) for p in paragraphs)
    return (WORD_HEAD + body + "}").encode("ascii")


def test_a_statement_written_by_word_is_read_whole_in_order(tmp_path):
    extras = [
        # Word's curly quotes as bytes of the code page and as Unicode escapes with a stand-in
        r"The chair said \'93we are ready\'94 and \u8220\'93on time\u8221\'94.",
        # a field's result is the text; its code (a link) is not
        r"Details: {\field{\*\fldinst {HYPERLINK \\l " + '"plan"' + r"}}{\fldrslt {\ul\cf2 the plan}}}.",
        # a tracked deletion and hidden text are not shown; a footnote is read after the text
        r"The vote was {\deleted five to four}six to three{\v  (check)}."
        r"{\super \chftn}{\footnote \pard\plain {\super \chftn} Minutes of the board, 3 March.\par}",
        # a picture's data and a table of two cells
        r"{\*\shppict{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d494844520000}}"
        r"{\pict\wmetafile8\bin4 \'ff{}}Photo: the site.",
        r"\trowd\cellx4000\cellx8000 Berths\cell Four\cell\row",
        # a text box as Word writes it: its text inside the shape's instructions, and again in
        # the drawn fallback (read once); an embedded chart's data (not read) and its rendering
        r"{\shp{\*\shpinst\shpleft0{\sp{\sn shapeType}{\sv 202}}{\shptxt \pard\plain Boxed: the"
        r" terminal in figures.\par}}{\shprslt{\*\do\dobxcolumn{\dptxbx{\pard Boxed: the terminal"
        r" in figures.\par}}}}}{\object\objemb{\*\objclass Excel.Sheet.12}{\objdata 0105000002}"
        r"{\result {\pard Chart: berths by year\par}}}",
        # a list item: its bullet in the Symbol font, then the text
        r"{\listtext\pard\plain\f3 \'b7\tab}Ferries run as usual",
        # a new section, which repeats its page header (read once)
        r"\sect\sectd{\header \pard\plain \qc\f0\fs20 FOR IMMEDIATE RELEASE\par}",
    ]
    headline, rest = ingested_document(tmp_path, "statement.rtf", word_rtf([*PARAGRAPHS, *extras]))
    assert headline == "Port Authority approves terminal"
    assert rest == [
        "The chair said \u201cwe are ready\u201d and \u201con time\u201d.",
        "Details: the plan.",
        "The vote was six to three.",
        "Photo: the site.",
        "Berths",
        "Four",
        "Boxed: the terminal in figures.",
        "Chart: berths by year",
        "\u00b7\tFerries run as usual",
        "Minutes of the board, 3 March.",
        "FOR IMMEDIATE RELEASE",
    ]
    for markup in ("fonttbl", "Times New Roman", "Draft statement", "HYPERLINK", "Normal", "202", "0105"):
        assert not any(markup in paragraph for paragraph in rest)


def test_bytes_are_read_in_the_code_page_of_their_font_or_of_the_document():
    # TextEdit: a Cyrillic document under an "ANSI" font, each line ended by a backslash
    textedit = (
        b"{\\rtf1\\ansi\\ansicpg1251\\cocoartf2580\n\\cocoatextscaling0\\cocoaplatform0"
        b"{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n"
        b"{\\*\\expandedcolortbl;;}\n\\pard\\tx566\\pardirnatural\\partightenfactor0\n\n"
        b"\\f0\\fs24 \\cf0 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2, \\'ec\\'e8\\'f0\\\n\\\nA \\{brace\\}\\\n}"
    )
    assert decode_bytes("note.rtf", textedit) == ("Привет, мир\n\nA {brace}", "rtf (Rich Text Format)")
    # Word: a Western document whose Cyrillic and Japanese fonts say their own code pages;
    # a Japanese character is two bytes, read together
    word = WORD_HEAD + r"\pard \f1 \'cf\'f0\'e8\'e2\'e5\'f2 \f2 \'93\'fa\'96\'7b\f0  \'e9t\'e9\par}"
    assert rtf_text("w.rtf", word.encode("ascii"))[0] == "Привет 日本 été\n\nFOR IMMEDIATE RELEASE"


def test_unicode_escapes_their_stand_ins_and_characters_beyond_sixteen_bits():
    raw = (
        rb"{\rtf1\ansi\uc2 caf\u233\'65\'27s \uc1\u-10179?\u-8704? "  # U+1F600 as a surrogate pair
        rb"{\uc0\u8212}ok\~\_x\-y\emdash\tab z\line w}"
    )
    assert rtf_text("u.rtf", raw)[0] == "caf\u00e9s \U0001f600 \u2014ok\u00a0\u2011xy\u2014\tz\nw"


def test_a_document_of_short_lines_is_its_authors_text_read_whole(tmp_path):
    # headings, list items and a team's names: below a block of prose, twenty such lines are
    # a web page's footer in a scraped text; in a word processor's document they are the author's
    team = ["Ann Berg", "Carl Dahl", "Eva Frank", "Gus Holm", "Ida Jung", "Karl Lind", "Lea Moss", "Nils Ott"]
    team += ["Olga Pohl", "Rita Sand"]
    lines = [
        "Who we are",
        "The cooperative was founded in 1995 by a group of radio stations and grew into a"
        " network of more than fifty members working on open source projects for cities.",
        "What we do",
        "1. Cloud services",
        "2. Software development",
        "3. Social design",
        "Our team",
        *[f"{name}\\par Consultant" for name in team],
        "Contact",
        "Imprint",
    ]
    (tmp_path / "about.rtf").write_bytes(word_rtf(lines, title="About us"))
    (tmp_path / "about.txt").write_text("\n\n".join(["About us", *lines]).replace("\\par ", "\n\n"))
    rows = {}
    for name in ("about.rtf", "about.txt"):
        db = tmp_path / f"{name}.db"
        result = cli(db, "ingest", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        [rows[name]] = map(json.loads, cli(db, "export").output.splitlines())
    for word in ("Imprint", "Contact", "Nils", "Consultant", "Cloud", "team"):
        assert word in rows["about.rtf"]["body"]
    shown = cli(tmp_path / "about.rtf.db", "show", rows["about.rtf"]["revision_id"], "--dropped").output
    assert "a word processor's document (rtf (Rich Text Format))" in shown, shown
    # the same lines saved as a text file: twenty short lines under the prose read as a footer
    assert "Imprint" not in rows["about.txt"]["body"]
    # and `diff --extract` reads the document as ingest does: a change among those lines shows
    edited = [line.replace("Rita Sand", "Rita Sandberg") for line in lines]
    (tmp_path / "about2.rtf").write_bytes(word_rtf(edited, title="About us"))
    args = [
        "diff",
        "--extract",
        str(tmp_path / "about.rtf"),
        str(tmp_path / "about2.rtf"),
        "--format",
        "word",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "-Sand\n+Sandberg" in result.output, result.output


def test_hostile_rtf_is_read_or_refused_in_one_line(tmp_path):
    deep = b"{\\rtf1 " + b"{" * 200_000 + b"deep words" + b"}" * 200_000 + b"}"
    assert rtf_text("deep.rtf", deep)[0] == "deep words"
    # a \bin length past the end, unbalanced braces and a lone backslash end the reading quietly
    assert rtf_text("bin.rtf", b"{\\rtf1 kept {\\pict\\bin99999999 \x00\x01}")[0] == "kept"
    assert rtf_text("open.rtf", b"{\\rtf1 a}}} b{{ c \\")[0] == "a b c"
    # \* marks an ignorable group only at its start: a stray one does not blank the rest
    assert (
        rtf_text("star.rtf", rb"{\rtf1 kept \* \par more text {\*\generator Word;}end}")[0]
        == "kept\n\nmore text end"
    )
    (tmp_path / "empty.rtf").write_bytes(rb"{\rtf1\ansi{\fonttbl\f0 Times;}{\info{\title Draft}}\pard\par}")
    (tmp_path / "nul.rtf").write_bytes(b"{\\rtf1 text \\'00\\'00\\'00 more}")
    for name, problem in (("empty.rtf", "no visible text"), ("nul.rtf", "binary file (NUL characters)")):
        result = cli(tmp_path / "s.db", "ingest", str(tmp_path / name))
        assert result.exit_code == 2, result.output
        assert name in result.output and problem in result.output
        assert "Traceback" not in result.output


def test_two_versions_of_an_rtf_file_diff_word_by_word_and_reextract_changes_nothing(tmp_path):
    old, new = tmp_path / "v1.rtf", tmp_path / "v2.rtf"
    old.write_bytes(word_rtf(PARAGRAPHS))
    new.write_bytes(word_rtf([*PARAGRAPHS[:3], PARAGRAPHS[3].replace("forty", "forty-five")]))
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "word"])
    assert result.exit_code == 1, result.output
    assert " the forty\n+-five\n  million" in result.output
    assert "\\par" not in result.output and "fonttbl" not in result.output
    db = tmp_path / "s.db"
    assert cli(db, "ingest", "--captured-at", "2026-03-04", str(old)).exit_code == 0
    assert cli(db, "ingest", "--captured-at", "2026-03-05", str(new)).exit_code == 0
    again = cli(db, "reextract")
    assert again.exit_code == 0, again.output
    assert "0 with changed articles; 0 revision(s) added, 0 removed; stories 1 -> 1" in again.output


def _written(paragraphs: list[str]) -> bytes:
    """Paragraphs as a writer escapes them: Windows-1252 bytes as ``\\'hh``, the rest as
    ``\\uN`` (two for a character past 16 bits) with a ``?`` stand-in."""
    out = [r"{\rtf1\ansi\ansicpg1252\uc1{\fonttbl\f0 Arial;}\f0 "]
    for paragraph in paragraphs:
        for char in paragraph:
            if char in "\\{}":
                out.append("\\" + char)
            elif " " <= char <= "~":
                out.append(char)
            else:
                try:
                    out.append("".join(f"\\'{b:02x}" for b in char.encode("cp1252")))
                except UnicodeEncodeError:
                    units = char.encode("utf-16-le")
                    for k in range(0, len(units), 2):
                        value = int.from_bytes(units[k : k + 2], "little")
                        out.append(f"\\u{value - 65536 if value > 32767 else value}?")
        out.append("\\par\n")
    return ("".join(out) + "}").encode("ascii")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(
            lambda p: p.strip() == p and p
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_text_a_writer_escapes_reads_back_as_written(paragraphs):
    assert rtf_text("w.rtf", _written(paragraphs))[0] == "\n\n".join(paragraphs)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_after_the_header_read_without_an_error(tail):
    text, kind = rtf_text("f.rtf", b"{\\rtf1 " + tail)
    assert isinstance(text, str) and kind == "rtf (Rich Text Format)"
