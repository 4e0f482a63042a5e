"""Word 97-2003 ``.doc`` files: a statement as a government office still sends it.

The files are built here as Word lays them out (an OLE compound file holding a
``WordDocument`` stream with the FIB, the text in one-byte and two-byte pieces and
pages of character runs, and a ``1Table`` stream with the piece table); real files
(oletools' and olefile's test documents, three with a ``.docx`` twin) are read by
``benchmarks/office_docs.py --doc``.
"""

from __future__ import annotations

import json
import struct

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.cli import main
from revtrack.errors import InputError
from revtrack.extract.decode import decode_bytes
from tests.support import PARAGRAPHS, cli, ingested_document

_END, _FREE, _FAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams``; a name with
    ``/`` puts its stream in storages (an Outlook message's attachments).

    Each stream is given at least 4,096 bytes (zero padded), so none goes to the mini stream.
    """
    children: dict[str, list[str]] = {"": []}  # a storage's path: its entries' paths
    for path in streams:
        parts = path.split("/")
        for depth in range(len(parts)):
            parent, here = "/".join(parts[:depth]), "/".join(parts[: depth + 1])
            if here not in children.get(parent, []):
                children.setdefault(parent, []).append(here)
            if depth < len(parts) - 1:
                children.setdefault(here, [])
    order = [""]  # entries numbered root first, then each storage's entries together
    for path in order:
        if path in children:
            # the order the tree keeps: shorter names first, then by upper-case name
            order += sorted(children[path], key=lambda n: (len(n.rsplit("/", 1)[-1]), n.upper()))
    number = {path: k for k, path in enumerate(order)}
    sectors: list[bytes] = []
    fat: list[int] = []
    directory = b""
    for path in order:
        storage = path in children
        start = size = 0
        if not storage:
            body = streams[path].ljust(4096, b"\0")
            body = body.ljust(-(-len(body) // 512) * 512, b"\0")
            start, size = len(sectors), len(body)
            for k in range(len(body) // 512):
                sectors.append(body[k * 512 : (k + 1) * 512])
                fat.append(start + k + 1 if k < len(body) // 512 - 1 else _END)
        if not path:
            start = _END
        siblings = children["/".join(path.split("/")[:-1])] if path else [path]
        siblings = sorted(siblings, key=lambda n: (len(n.rsplit("/", 1)[-1]), n.upper()))
        at = siblings.index(path)
        right = number[siblings[at + 1]] if path and at + 1 < len(siblings) else _NONE
        child = number[min(children[path], key=lambda n: number[n])] if storage and children[path] else _NONE
        kind = 5 if not path else 1 if storage else 2
        encoded = ((path.rsplit("/", 1)[-1] or "Root Entry") + "\0").encode("utf-16-le")
        directory += (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, 1, _NONE, right, child)
            + bytes(36)
            + struct.pack("<3I", start, size, 0)
        )
    directory = directory.ljust(-(-len(directory) // 512) * 512, b"\0")
    first_directory = len(sectors)
    for k in range(len(directory) // 512):
        sectors.append(directory[k * 512 : (k + 1) * 512])
        fat.append(first_directory + k + 1 if k < len(directory) // 512 - 1 else _END)
    fat_sectors = -(-(len(sectors) + 1) // 128)
    first_fat = len(sectors)
    fat += [_FAT] * fat_sectors
    table = struct.pack(f"<{len(fat)}I", *fat).ljust(fat_sectors * 512, b"\xff")
    sectors += [table[k * 512 : (k + 1) * 512] for k in range(fat_sectors)]
    difat = [first_fat + k for k in range(fat_sectors)] + [_FREE] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<9I", 0, fat_sectors, first_directory, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + b"".join(sectors)


def word_document(
    story: str,
    notes: str = "",
    headers: str = "",
    unicode_tail: str = "",
    unseen: list[str] = (),  # type: ignore[assignment]
    flags: int = 0x0200,
    version: int = 0x00C1,
    story_count: int | None = None,
) -> bytes:
    """A .doc as Word 97-2003 writes one: ``story`` (then ``unicode_tail``, a two-byte piece)
    is the main text, then the notes' and the headers' stories; each string in ``unseen``
    (found in ``story``) is a run marked as a tracked deletion."""
    one_byte = (story + notes + headers).encode("cp1252")
    two_byte = unicode_tail.encode("utf-16-le")
    text_at, tail_at, runs_page = 0x0600, 0x0600 + len(one_byte) + 16, 8
    word = bytearray(runs_page * 512 + 512)
    struct.pack_into("<HH", word, 0, 0xA5EC, version)
    struct.pack_into("<H", word, 0x0A, flags)
    text_count = len(story) + len(unicode_tail) if story_count is None else story_count
    struct.pack_into("<3i", word, 0x4C, text_count, len(notes), len(headers))
    word[text_at : text_at + len(one_byte)] = one_byte
    word[tail_at : tail_at + len(two_byte)] = two_byte
    # the piece table: the main text's one-byte part, its two-byte tail, then the other stories
    cps = [
        0,
        len(story),
        len(story) + len(unicode_tail),
        len(story) + len(unicode_tail) + len(notes + headers),
    ]
    pcds = [
        struct.pack("<HIH", 0, (text_at * 2) | 0x40000000, 0),
        struct.pack("<HIH", 0, tail_at, 0),
        struct.pack("<HIH", 0, ((text_at + len(story)) * 2) | 0x40000000, 0),
    ]
    plc = struct.pack("<4i", *cps) + b"".join(pcds)
    table = bytearray(b"\x02" + struct.pack("<I", len(plc)) + plc)
    struct.pack_into("<II", word, 0x01A2, 0, len(table))
    # one page of character runs: each unseen string a run marked as deleted (sprmCFRMarkDel)
    bounds = [text_at]
    for part in unseen:
        at = text_at + story.index(part)
        bounds += [at, at + len(part)]
    bounds.append(text_at + len(one_byte))
    page = bytearray(512)
    crun = len(bounds) - 1
    struct.pack_into(f"<{crun + 1}I", page, 0, *bounds)
    chpx_at = 500
    page[chpx_at : chpx_at + 4] = b"\x03\x00\x08\x01"  # cb 3: sprm 0x0800, operand 1
    for k in range(crun):
        page[4 * (crun + 1) + k] = chpx_at // 2 if k % 2 == 1 else 0
    page[511] = crun
    word[runs_page * 512 : runs_page * 512 + 512] = page
    plcf = struct.pack("<3I", text_at, text_at + len(one_byte), runs_page)
    struct.pack_into("<II", word, 0xFA, len(table), len(plcf))
    table += plcf
    return compound_file({"WordDocument": bytes(word), "1Table": bytes(table)})


def _with_pieces_reversed(raw: bytes) -> bytes:
    """The file with its piece table's second character position after its third."""
    import olefile

    with olefile.OleFileIO(raw) as ole:
        table = ole.openstream("1Table").read()
    at = raw.index(table[:9])  # the piece table opens the table stream, as written above
    cps = list(struct.unpack_from("<4i", raw, at + 5))
    cps[1], cps[2] = cps[2] + 5, cps[1]
    return raw[: at + 5] + struct.pack("<4i", *cps) + raw[at + 21 :]


STATEMENT = (
    "Port Authority approves terminal\r"
    + "\r".join(PARAGRAPHS)
    + "\rThe vote was five to foursix to three.\x02\r"
    + 'Details: \x13 HYPERLINK "https://port.example/plan" \x14the plan\x15.\r'
    + "Berths\x07Four\x07\x07"
    + "Photo:\x01 the site.\x0bTaken Monday.\r"
)


def test_a_statement_saved_by_word_97_is_read_whole_in_order(tmp_path):
    raw = word_document(
        STATEMENT,
        notes="\x02 Minutes of the board, 3 March.\r",
        headers="\x03\r\x04\rFOR IMMEDIATE RELEASE\rFOR IMMEDIATE RELEASE\r",  # two sections
        unicode_tail="Привет, 日本\r",
        unseen=["five to four"],
    )
    headline, rest = ingested_document(tmp_path, "statement.doc", raw)
    assert headline == "Port Authority approves terminal"
    assert rest == [
        "The vote was six to three.",  # the tracked deletion and the note's mark are no words
        "Details: the plan.",  # a field's result, not its code
        "Berths",
        "Four",
        "Photo: the site.",  # the picture's mark is no word; a line break, a line
        "Taken Monday.",
        "Привет, 日本",
        "Minutes of the board, 3 March.",
        "FOR IMMEDIATE RELEASE",
    ]


def test_two_versions_of_a_doc_diff_word_by_word_and_reextract_changes_nothing(tmp_path):
    old, new = tmp_path / "v1.doc", tmp_path / "v2.doc"
    old.write_bytes(word_document("Port approves terminal\r" + "\r".join(PARAGRAPHS) + "\r"))
    edited = [*PARAGRAPHS[:3], PARAGRAPHS[3].replace("forty", "forty-five")]
    new.write_bytes(word_document("Port approves terminal\r" + "\r".join(edited) + "\r"))
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "word"])
    assert result.exit_code == 1, result.output
    assert " the forty\n+-five\n  million" in result.output
    db = tmp_path / "s.db"
    assert cli(db, "ingest", "--captured-at", "2026-03-04", str(old)).exit_code == 0
    assert cli(db, "ingest", "--captured-at", "2026-03-05", str(new)).exit_code == 0
    again = cli(db, "reextract")
    assert "0 with changed articles; 0 revision(s) added, 0 removed; stories 1 -> 1" in again.output


def test_what_cannot_be_read_is_one_line(tmp_path):
    text = "Port approves terminal\r" + "\r".join(PARAGRAPHS) + "\r"
    cases = {
        "locked.doc": (word_document(text, flags=0x0300), "an encrypted Word document"),
        "old.doc": (word_document(text, version=0x0068), "a Word 6 or Word 95 document"),
        "sheet.xls": (
            compound_file({"Workbook": b"\x09\x08" * 100}),
            "an OLE compound file (.xls or .ppt?)",
        ),
        "cut.doc": (word_document(text)[:1500], "a damaged OLE compound file"),
        # a piece table whose pieces run backwards (overlapping pieces could repeat the text
        # without end) and character counts past the stream's size
        "pieces.doc": (_with_pieces_reversed(word_document(text)), "its piece table is out of order"),
        "counts.doc": (word_document(text, story_count=10**9), "more characters than its text stream holds"),
    }
    for name, (raw, problem) in cases.items():
        (tmp_path / name).write_bytes(raw)
        result = cli(tmp_path / "s.db", "ingest", str(tmp_path / name))
        assert result.exit_code == 2, result.output
        assert name in result.output and problem in result.output, result.output
        assert "Traceback" not in result.output
    assert decode_bytes("ok.doc", word_document(text))[1] == "doc (Word 97-2003)"


def test_a_short_capture_is_read_as_bytes_never_as_a_file_name(tmp_path, monkeypatch):
    # olefile takes bytes under 1,536 as the name of a file to open: a capture holding the name
    # of a document on this machine must not be read as that document
    secret = "Port approves terminal\r" + "\r".join(PARAGRAPHS) + "\r"
    name = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1-secret.doc"
    monkeypatch.chdir(tmp_path)
    with open(name, "wb") as fh:  # a file whose name is the capture's bytes
        fh.write(word_document(secret))
    (tmp_path / "capture.doc").write_bytes(name)
    result = cli(tmp_path / "s.db", "ingest", str(tmp_path / "capture.doc"))
    assert result.exit_code == 2 and "a damaged OLE compound file" in result.output, result.output
    assert "council" not in result.output


_VALID = None


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12_000), st.integers(0, 255)), min_size=1, max_size=12))
def test_a_damaged_doc_is_read_or_refused_in_one_line(flips):
    global _VALID
    if _VALID is None:
        text = "Port approves terminal\r" + "\r".join(PARAGRAPHS) + "\r"
        _VALID = word_document(text, notes="A note.\r", unseen=["harbour"])
    raw = bytearray(_VALID)
    for at, value in flips:  # bytes changed anywhere: the FIB, the piece table, the runs, the text
        raw[at % len(raw)] = value
    try:
        text, kind = decode_bytes("damaged.doc", bytes(raw))
    except InputError as exc:
        assert str(exc).startswith("damaged.doc: ") and "\n" not in str(exc)
    else:
        assert kind == "doc (Word 97-2003)" and len(text) <= len(raw)


def outlook_message(subject: str, body: str, sender: str = "Press Office", sent: str = "") -> bytes:
    """A ``.msg`` as Outlook saves one: string properties as UTF-16 streams, the sent time a
    FILETIME among the fixed-size properties."""
    return compound_file(outlook_streams(subject, body, sender, sent))


def outlook_streams(
    subject: str, body: str, sender: str = "Press Office", sent: str = ""
) -> dict[str, bytes]:
    """The streams of :func:`outlook_message`, by name."""
    from datetime import UTC, datetime

    streams = {
        "__substg1.0_0037001F": subject.encode("utf-16-le"),
        "__substg1.0_0C1A001F": sender.encode("utf-16-le"),
    }
    if body.startswith("<html"):
        streams["__substg1.0_10130102"] = body.encode()
    else:
        streams["__substg1.0_1000001F"] = body.replace("\n", "\r\n").encode("utf-16-le")
    properties = bytes(32)
    if sent:
        ticks = int((datetime.fromisoformat(sent) - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10**7)
        properties += struct.pack("<IIQ", 0x00390040, 6, ticks)
    streams["__properties_version1.0"] = properties
    return streams


def test_an_outlook_message_is_read_as_a_mail_its_subject_the_headline(tmp_path):
    body = "\n\n".join(PARAGRAPHS) + "\n\n-- \nPress Office, Port Authority\n"
    message = outlook_message("Port approves terminal", body, sent="2026-03-04T09:15:00+00:00")
    (tmp_path / "statement.msg").write_bytes(message)
    db = tmp_path / "s.db"
    result = cli(db, "ingest", str(tmp_path / "statement.msg"))
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in cli(db, "export").output.splitlines()]
    assert row["headline"] == "Port approves terminal"
    assert row["first_published"].startswith("2026-03-04T09:15")  # the sent time, not the file's
    assert all(paragraph in row["body"] for paragraph in PARAGRAPHS)
    assert "Press Office" in cli(db, "show", row["revision_id"]).output
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f"<html><head><title>Storm closes the port</title></head><body>{paragraphs}</body></html>"
    text, kind = decode_bytes("only-html.msg", outlook_message("Storm", page))
    assert (text, kind) == (page, "msg (Outlook message)")  # a message with only an HTML body is that HTML
