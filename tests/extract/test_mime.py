"""Pages saved by a browser as one file (MHTML) and news sent as e-mail (``.eml``).

The layouts are those Chrome's "Webpage, Single File" and mail clients write;
``benchmarks/saved_pages.py`` measures the same on 129 real pages.
"""

from __future__ import annotations

import base64
import json
import quopri
from datetime import UTC, datetime

from revtrack.extract import extract_capture
from tests.support import PARAGRAPHS, cli, page

WHEN = datetime(2026, 3, 4, tzinfo=UTC)
LONG = " ".join(PARAGRAPHS) + " The harbour\u2019s \u201cnew era\u201d begins in spring."


def mhtml(html: str, address: str = "https://gazette.example/budget") -> str:
    boundary = "----MultipartBoundary--x1----"
    return (
        "From: <Saved by Blink>\n"
        f"Snapshot-Content-Location: {address}\n"
        "Subject: =?utf-8?Q?Council=20passes?=\n"
        "Date: Wed, 04 Mar 2026 08:00:00 -0000\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="{boundary}"\n\n\n'
        f"--{boundary}\nContent-Type: text/html\nContent-ID: <frame-1@mhtml.blink>\n"
        f"Content-Transfer-Encoding: quoted-printable\nContent-Location: {address}\n\n"
        + quopri.encodestring(html.encode()).decode("ascii")
        + f"\n--{boundary}\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n"
        "Content-Location: https://gazette.example/logo.png\n\niVBORw0KGgo=\n"
        f"--{boundary}--\n"
    )


def _page_html() -> str:
    return page("Council passes harbour budget", [*PARAGRAPHS, LONG])


def test_a_page_saved_as_mhtml_reads_as_the_page_does():
    """Quoted-printable cuts lines at 76 columns with a soft break ("=" at the line's end),
    inside words, and writes "=3D" for every "=" of the markup: read as text, the page was
    its source, its words cut in two."""
    saved = mhtml(_page_html())
    assert "=\n" in saved and "=3D" in saved  # the soft breaks and escapes are there to undo
    from_html = extract_capture(_page_html(), WHEN, "budget.html")
    for name in ("budget.mhtml", "budget"):  # named so, or recognised by its header block
        extraction = extract_capture(saved, WHEN, name)
        assert extraction.layout == from_html.layout
        assert [(a.headline, a.body) for a in extraction.articles] == [
            (a.headline, a.body) for a in from_html.articles
        ]
    [article] = extract_capture(saved, WHEN, "budget.mhtml").articles
    assert "\u201cnew era\u201d" in article.body and "=3D" not in article.body
    assert article.url == from_html.articles[0].url  # the page's own canonical address
    bare = "<html><body><article><h1>Port reopens</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    [article] = extract_capture(mhtml(bare + "</article></body></html>"), WHEN, "port.mhtml").articles
    assert article.url == "https://gazette.example/budget"  # where the browser saved it from


def _eml(body_headers: str, body: str) -> str:
    return (
        "From: Harbour Gazette <briefing@gazette.example>\n"
        "To: reader@example.org\n"
        "Subject: =?utf-8?Q?Morning_briefing:_the_harbour=E2=80=99s_budget?=\n"
        "Date: Tue, 03 Mar 2026 07:00:00 +0100\n"
        "MIME-Version: 1.0\n" + body_headers + "\n" + body
    )


def test_a_newsletter_saved_as_eml_is_read_under_its_subject_date_and_sender(tmp_path):
    text = "\n\n".join([*PARAGRAPHS, LONG])
    saved = _eml(
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n",
        quopri.encodestring(text.encode()).decode("ascii"),
    )
    (tmp_path / "briefing.eml").write_text(saved)
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04", str(tmp_path / "briefing.eml"))
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in cli(tmp_path / "s.db", "export").output.splitlines()]
    assert row["headline"] == "Morning briefing: the harbour\u2019s budget"
    assert row["body"].split() == text.split()
    assert row["sightings"][0]["published"] == "2026-03-03T06:00:00+00:00"
    assert row["sightings"][0]["outlet"] == "Harbour Gazette"


def test_a_message_in_text_and_html_is_read_as_its_text_and_base64_is_undone():
    text = "\n\n".join(PARAGRAPHS)
    html = (
        "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<p>View in browser</p></body></html>"
    )
    saved = _eml(
        'Content-Type: multipart/alternative; boundary="alt"\n',
        "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(text.encode()).decode("ascii")
        + "\n--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(html.encode()).decode("ascii")
        + "\n--alt--\n",
    )
    [article] = extract_capture(saved, WHEN, "briefing.eml").articles
    assert article.headline == "Morning briefing: the harbour\u2019s budget"
    assert article.body.split() == text.split()


def test_a_plain_email_without_mime_stays_text():
    """A message saved as text with no MIME (a forwarded mail, a list's digest) is read as
    the text it is; only a MIME header block or a MIME file name opens it as a message."""
    text = "From: Jo Roe <jo@example.org>\nSubject: Budget\n\n" + "\n\n".join(PARAGRAPHS)
    extraction = extract_capture(text, WHEN, "mail.txt")
    assert extraction.layout not in ("html",)
    assert all(p.split()[0] in " ".join(a.body for a in extraction.articles) for p in PARAGRAPHS)


def test_a_message_with_no_text_is_refused_by_name(tmp_path):
    saved = _eml(
        'Content-Type: multipart/mixed; boundary="m"\n',
        '--m\nContent-Type: image/png\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="a.png"\n\niVBORw0KGgo=\n--m--\n',
    )
    (tmp_path / "photo.eml").write_text(saved)
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04", str(tmp_path / "photo.eml"))
    assert result.exit_code == 2
    assert (
        "photo.eml: a message with no text, and no attachment read:"
        " a.png (not a document or text: image/png)\n" in result.output
    )


def test_html_saved_under_an_mhtml_name_is_read_as_html():
    html = _page_html()
    assert (
        extract_capture(html, WHEN, "budget.mht").layout == extract_capture(html, WHEN, "budget.html").layout
    )


def test_a_multipart_message_whose_boundary_never_occurs_is_read_as_its_text():
    """A mail program that declared a boundary and never wrote it (CPython's email tests keep
    such a message): the body is the message's text, shown so by mail programs; it was refused
    as a message with no text part."""
    saved = (
        "From: Barry <barry@example.org>\nSubject: Here is your dingus fish\n"
        "Date: Fri, 20 Apr 2001 19:35:02 -0400\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="BOUNDARY"\n\n'
        "Hi there,\n\nThis is the dingus fish.\n"
    )
    [article] = extract_capture(saved, WHEN, "fish.eml").articles
    assert article.headline == "Here is your dingus fish"
    assert article.body == "Hi there,\n\nThis is the dingus fish."


def test_parts_sent_as_eight_bit_text_are_read_in_the_charset_each_declares(tmp_path):
    """Mail sent as 8-bit text (mailing-list archives, most mbox files): parsed from the decoded
    text, a UTF-8 part's "café" was "caf\ufffd" and its Cyrillic "\\u041c..." escapes; a
    message whose parts are in two charsets (not one encoding as a whole) was refused."""
    head = (
        "From: J\u00fcrgen Roe <jr@example.org>\nSubject: Caf\u00e9 reopens\n"
        "Date: Wed, 04 Mar 2026 09:15:00 +0000\nMIME-Version: 1.0\n"
    )
    one = (
        head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        "Le caf\u00e9 est ferm\u00e9. \u041c\u043e\u0441\u043a\u0432\u0430. \u201cQuoted\u201d.\n"
    ).encode()
    (tmp_path / "one.eml").write_bytes(one)
    two = (
        (head + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\n').encode()
        + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        + "Le caf\u00e9 est ferm\u00e9.\n--b\n".encode()
        + b'Content-Type: text/plain; charset=koi8-r\nContent-Disposition: attachment; filename="ru.txt"\n\n'
        + "\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u0435\u0433\u043e\u0434\u043d\u044f.\n".encode(
            "koi8-r"
        )
        + b"--b--\n"
    )
    (tmp_path / "two.eml").write_bytes(two)
    db = tmp_path / "s.db"
    result = cli(db, "ingest", str(tmp_path / "one.eml"), str(tmp_path / "two.eml"))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in cli(db, "export").output.splitlines()]
    bodies = {row["body"] for row in rows}
    assert "Le caf\u00e9 est ferm\u00e9. \u041c\u043e\u0441\u043a\u0432\u0430. \u201cQuoted\u201d." in bodies
    assert "Le caf\u00e9 est ferm\u00e9." in bodies
    # the attached text read in the charset its part declares (one line: its headline)
    headlines = {row["headline"] for row in rows}
    assert "\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u0435\u0433\u043e\u0434\u043d\u044f." in headlines
    assert {row["headline"] for row in rows} >= {"Caf\u00e9 reopens"}
    assert all(row["outlets"] == ["J\u00fcrgen Roe"] for row in rows)
    raw_header = b"Subject: Caf\xc3\xa9 reopens\nContent-Type: text/plain\n\nThe caf\xc3\xa9 reopens today.\n"
    [article] = extract_capture(raw_header.decode(), WHEN, "raw.eml", encoding="utf-8").articles
    assert article.headline == "Caf\u00e9 reopens"  # a header sent as raw UTF-8


def test_every_text_part_of_a_body_is_read_and_a_forwarded_message_is_its_own():
    """A list's footer sent as a second text part, a message in two text parts, a message
    forwarded inside another: only the first text part was read, the rest lost without a word."""
    saved = (
        "From: Jo Roe <jo@example.org>\nSubject: Harbour vote\nDate: Wed, 04 Mar 2026 09:15:00 +0000\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"\n\n'
        "--m\nContent-Type: text/plain\n\nThe council voted on Monday.\n"
        "--m\nContent-Type: text/plain\n\nThe mayor will sign on Tuesday.\n"
        "--m\nContent-Type: message/rfc822\n\n"
        "From: Port Office <po@example.org>\nSubject: Terminal statement\n\nThe port welcomes the vote.\n"
        "--m--\n"
    )
    articles = extract_capture(saved, WHEN, "vote.eml").articles
    assert [(a.headline, a.body) for a in articles] == [
        ("Harbour vote", "The council voted on Monday.\n\nThe mayor will sign on Tuesday."),
        ("Terminal statement", "The port welcomes the vote."),
    ]
