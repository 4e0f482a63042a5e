"""Press releases that arrive attached to a mail: the attachments are articles of the capture.

A statement sent as a PDF or a Word file under "please find attached" was left out of
the store without a word: the mail's two lines were the only article. Built here as
mail programs write them (a MIME ``.eml``, an Outlook ``.msg`` with attachment storages).
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.errors import InputError
from revtrack.extract import extract_capture
from revtrack.extract.decode import decode_bytes
from tests.extract.test_office import docx
from tests.extract.test_pdf import pdf
from tests.extract.test_rtf import word_rtf
from tests.extract.test_word97 import compound_file, outlook_streams
from tests.support import PARAGRAPHS, cli

STATEMENT = [
    "The port authority approved the new container terminal on Tuesday after a two-year review.",
    "Work begins in the spring and the terminal opens to ships in 2028, the authority said.",
    "Dock workers' unions welcomed the decision but asked for talks on night shifts.",
]


def _part(name: str, kind: str, raw: bytes) -> str:
    encoded = base64.encodebytes(raw).decode("ascii")
    return (
        f"--b\nContent-Type: {kind}\nContent-Transfer-Encoding: base64\n"
        f'Content-Disposition: attachment; filename="{name}"\n\n{encoded}\n'
    )


def mail(body: str, *parts: tuple[str, str, bytes]) -> str:
    text = f"--b\nContent-Type: text/plain; charset=utf-8\n\n{body}\n" if body else ""
    return (
        "From: Port Authority Press Office <press@port.example>\n"
        "To: newsdesk@gazette.example\nSubject: Statement on the container terminal\n"
        "Date: Wed, 04 Mar 2026 09:15:00 +0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n'
        + text
        + "".join(_part(*part) for part in parts)
        + "--b--\n"
    )


def _rows(db) -> list[dict]:
    return [json.loads(line) for line in cli(db, "export").output.splitlines()]


def test_a_statement_attached_to_a_mail_is_an_article_of_it(tmp_path):
    eml = mail(
        "Please find attached our statement on the terminal.\n\nPress Office",
        ("statement.docx", "application/octet-stream", docx("Port approves container terminal", STATEMENT)),
        ("background.rtf", "application/rtf", word_rtf(PARAGRAPHS, title="Harbour budget background")),
        ("logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("invite.ics", "text/calendar", b"BEGIN:VCALENDAR\nSUMMARY:Press briefing\nEND:VCALENDAR\n"),
    )
    (tmp_path / "statement.eml").write_text(eml)
    db = tmp_path / "s.db"
    result = cli(db, "ingest", "--captured-at", "2026-03-05", str(tmp_path / "statement.eml"))
    assert result.exit_code == 0, result.output
    # the two files not read are named, in one line, with why
    assert (
        "statement.eml: 2 of its 4 attachments not read: logo.png (binary file (NUL bytes), not a text"
        " capture); invite.ics (not a document or text: text/calendar)\n"
    ) in result.output
    rows = {row["headline"]: row for row in _rows(db)}
    assert set(rows) == {
        "Statement on the container terminal",
        "Port approves container terminal",
        "Harbour budget background",
    }
    attached = rows["Port approves container terminal"]
    assert attached["body"].split("\n\n") == STATEMENT  # every word, in order
    assert attached["first_published"].startswith("2026-03-04T09:15")  # the mail's date
    assert attached["outlets"] == ["Port Authority Press Office"]  # its sender
    assert all(p in rows["Harbour budget background"]["body"] for p in PARAGRAPHS)
    # which file of the mail each came from, shown with the sighting
    shown = json.loads(cli(db, "show", attached["revision_id"], "--json").output)
    assert shown["sightings"][0]["section"] == "attachment statement.docx"
    assert (
        "statement.eml (attachment statement.docx) published 2026-03-04"
        in cli(db, "show", attached["revision_id"]).output
    )
    assert len({row["story_id"] for row in rows.values()}) == 3
    # the same bytes again change nothing; re-extraction reads them the same way
    again = cli(db, "ingest", "--captured-at", "2026-03-05", str(tmp_path / "statement.eml"))
    assert "0 capture(s) ingested" in again.output and _rows(db) == list(rows.values())
    assert cli(db, "reextract").exit_code == 0 and _rows(db) == list(rows.values())


def test_a_mail_of_only_an_attachment_is_that_document_and_a_revision_of_it_diffs(tmp_path):
    db = tmp_path / "s.db"
    for day, paragraphs in (("2026-03-05", STATEMENT), ("2026-03-06", [*STATEMENT[:2], "Unions object."])):
        eml = mail(
            "",
            (
                "statement.pdf",
                "application/pdf",
                pdf([["Port approves container terminal", "", *paragraphs]]),
            ),
        )
        (tmp_path / f"{day}.eml").write_text(eml)
        assert cli(db, "ingest", "--captured-at", day, str(tmp_path / f"{day}.eml")).exit_code == 0
    rows = _rows(db)
    assert [row["headline"] for row in rows] == ["Port approves container terminal"] * 2
    assert len({row["story_id"] for row in rows}) == 1  # the corrected statement is a revision of it
    diff = cli(db, "diff", rows[0]["revision_id"], rows[1]["revision_id"]).output
    assert "{+Unions object+}" in diff and "[-Dock workers" in diff  # word by word


def test_a_picture_shown_in_a_newsletter_is_not_an_attachment():
    from revtrack.extract.mime import mime_text

    inline = (
        "--b\nContent-Type: image/png\nContent-ID: <logo@x>\nContent-Transfer-Encoding: base64\n"
        'Content-Disposition: inline; filename="logo.png"\n\niVBORw0KGgo=\n'
    )
    found = mime_text(mail("The weekly letter.").replace("--b--\n", inline + "--b--\n"))
    assert found is not None and found.attachments == ()


def test_an_outlook_message_with_a_document_and_a_forwarded_message_attached(tmp_path):
    streams = outlook_streams(
        "Statement on the container terminal", "Please find attached.", sent="2026-03-04T09:15:00+00:00"
    )
    first = "__attach_version1.0_#00000000/"
    streams[first + "__substg1.0_3707001F"] = "Stätement.docx".encode("utf-16-le")
    streams[first + "__substg1.0_37010102"] = docx("Port approves container terminal", STATEMENT)
    second = "__attach_version1.0_#00000001/"
    streams[second + "__substg1.0_3001001F"] = "Union reply".encode("utf-16-le")
    forwarded = outlook_streams("Union reply to the terminal", "\n\n".join(PARAGRAPHS), sender="Dock Union")
    for name, data in forwarded.items():
        if name == "__properties_version1.0":
            data = data[8:]  # an attached message's property stream has a 24-byte header
        streams[second + "__substg1.0_3701000D/" + name] = data
    raw = compound_file(streams)
    text, kind = decode_bytes("statement.msg", raw)
    assert kind == "msg (Outlook message)" and text.startswith("Content-Type: multipart/mixed")
    (tmp_path / "statement.msg").write_bytes(raw)
    db = tmp_path / "s.db"
    result = cli(db, "ingest", str(tmp_path / "statement.msg"))
    assert result.exit_code == 0, result.output
    rows = {row["headline"]: row for row in _rows(db)}
    assert set(rows) == {
        "Statement on the container terminal",
        "Port approves container terminal",
        "Union reply to the terminal",
    }
    assert rows["Port approves container terminal"]["body"].split("\n\n") == STATEMENT
    assert rows["Port approves container terminal"]["first_published"].startswith("2026-03-04T09:15")
    assert all(p in rows["Union reply to the terminal"]["body"] for p in PARAGRAPHS)
    # without attachments a message is still its header block over its body, as before
    plain, _ = decode_bytes("plain.msg", compound_file(outlook_streams("Statement", "Body text.")))
    assert plain == "From: Press Office\nSubject: Statement\n\nBody text."


def test_what_an_attachment_leaves_out_is_listed_after_the_mails_lines(tmp_path):
    pages = [
        ["Port Authority", "", "Port approves container terminal", "", STATEMENT[0], "", "1"],
        ["Port Authority", "", STATEMENT[1], "", STATEMENT[2], "", "2"],
    ]
    (tmp_path / "m.eml").write_text(
        mail("See the attached statement.", ("s.pdf", "application/pdf", pdf(pages)))
    )
    db = tmp_path / "s.db"
    assert cli(db, "ingest", str(tmp_path / "m.eml")).exit_code == 0
    [row] = [row for row in _rows(db) if row["headline"] == "Port approves container terminal"]
    shown = cli(db, "show", row["revision_id"], "--dropped").output
    assert "page-furniture" in shown  # the PDF's running head and page numbers, named


def test_a_message_nested_two_thousand_deep_is_one_line(tmp_path):
    """The email package parses nested parts recursively: this was a RecursionError's traceback."""
    depth = 2000
    opened = "".join(f'--b{k}\nContent-Type: multipart/mixed; boundary="b{k + 1}"\n\n' for k in range(depth))
    closed = "".join(f"--b{k}--\n" for k in range(depth, -1, -1))
    header = 'From: a\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b0"\n\n'
    (tmp_path / "deep.eml").write_text(
        header + opened + f"--b{depth}\nContent-Type: text/plain\n\nhello\n" + closed
    )
    result = cli(tmp_path / "s.db", "ingest", str(tmp_path / "deep.eml"))
    assert result.exit_code == 2
    assert "deep.eml: a MIME message nested too deeply to read\n" in result.output


_PIECES = [
    b"From: a@b.example\n",
    b"Subject: =?utf-8?q?caf=C3=A9?=\n",
    b"Subject: caf\xc3\xa9\n",
    b"MIME-Version: 1.0\n",
    b'Content-Type: multipart/mixed; boundary="b"\n',
    b'Content-Type: multipart/alternative; boundary="c"\n',
    b"Content-Type: text/plain; charset=koi8-r\n",
    b"Content-Type: text/plain; charset=nonesuch\n",
    b"Content-Type: text/html\n",
    b"Content-Type: message/rfc822\n",
    b"Content-Transfer-Encoding: base64\n",
    b"Content-Transfer-Encoding: quoted-printable\n",
    b"Content-Transfer-Encoding: 8bit\n",
    b'Content-Disposition: attachment; filename="x.pdf"\n',
    b"Content-Disposition: attachment; filename*=utf-8''%C3%A9.txt\n",
    b"Date: Wed, 04 Mar 2026 09:15:00 +0000\n",
    b"From: <\n",
    b"\n",
    b"--b\n",
    b"--b--\n",
    b"--c\n",
    b"--c--\n",
    b"Hello world caf\xe9 \xff\xfe\n",
    b"SGVsbG8gd29ybGQ=\n",
    b"=E2=80=99 soft=\n",
    b"<html><body><p>Text here</p></body></html>\n",
    b"%PDF-1.4\n",
    b"PK\x03\x04junk\n",
    b"{\\rtf1 hi}\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.binary(max_size=3))
def test_any_mail_is_read_or_refused_in_one_line_and_what_is_read_can_be_stored(pieces, noise):
    """Mail assembled from headers, boundaries, encodings and attachments in any order: read,
    or refused in one line naming it (the same pieces with bytes changed at random ran 9,000
    times in a script without a failure)."""
    raw = b"".join(pieces) + noise
    try:
        text, encoding = decode_bytes("m.eml", raw)
        extraction = extract_capture(text, datetime(2026, 3, 4, tzinfo=UTC), "m.eml", encoding=encoding)
    except InputError as exc:
        assert str(exc).startswith("m.eml") and "\n" not in str(exc)
        return
    for article in extraction.articles:
        (article.headline + article.body).encode("utf-8")  # no lone surrogate reaches the store
    for note in extraction.notes:
        assert "\n" not in note and note.encode("utf-8")
