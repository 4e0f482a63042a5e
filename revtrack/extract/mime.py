"""Pages and messages saved as MIME: MHTML ("Webpage, Single File") and e-mail (``.eml``).

A browser's single-file save (Chrome's and Edge's ``.mhtml``, ``.mht``) is the page's HTML
inside a MIME message, quoted-printable, with its images beside it; a newsletter saved
from a mail client is a message whose text is quoted-printable or base64. Read as text,
either was a page of ``=3D`` and ``=E2=80=99``: its words cut at every 76th column by soft
line breaks, a base64 body no words at all. Here the message is opened with the standard
library's ``email`` package and its text handed on: an HTML part to the HTML reader
(trafilatura's article), else a plain part to the text reader, under the message's
``Subject`` as its first line. The message's ``Date`` is the article's date when the text
names none; a browser's ``Snapshot-Content-Location`` is the page's address.
"""

from __future__ import annotations

import email
import email.header
import email.utils
import re
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.utils import parsedate_to_datetime

#: File names that say MIME.
MIME_SUFFIXES = (".mhtml", ".mht", ".eml")
_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]")


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message: its name, its declared type and its bytes."""

    name: str
    content_type: str
    raw: bytes


@dataclass(frozen=True)
class MimeText:
    """The readable text of a MIME capture."""

    text: str
    is_html: bool
    subject: str | None
    date: str | None  # RFC 2822 as written
    address: str | None  # a saved page's address
    sender: str | None  # the name a message is from ("Harbour Gazette <news@...>"): its outlet
    #: files attached to a message (a press release as a PDF); a saved page's images are not
    attachments: tuple[Attachment, ...] = ()


def looks_like_mime(name: str, head: str) -> bool:
    """A MIME capture: named so and opening with a header, or a header block (lines
    ``Name: value`` up to a blank line) that holds ``MIME-Version`` and a ``Content-Type``
    with a multipart or a transfer encoding that is not plain text. A plain e-mail with no
    MIME (a forwarded text, a mailing list's digest saved as text) stays text.

    >>> looks_like_mime("page.mhtml", "From: <Saved by Blink>")
    True
    >>> looks_like_mime("page.mht", "<!DOCTYPE html>")
    False
    >>> looks_like_mime("a.txt", "From: Jo\\nSubject: Hi\\n\\nHello")
    False
    >>> looks_like_mime("a", "From: <Saved by Blink>\\nMIME-Version: 1.0\\n"
    ...                 'Content-Type: multipart/related;\\n\\tboundary="b"\\n\\n--b')
    True
    """
    if name.lower().endswith(MIME_SUFFIXES):
        # named so, and opening with a header (a page saved as plain HTML under the name is HTML)
        return _HEADER_LINE.match(head.lstrip("\ufeff\r\n")) is not None
    header: list[str] = []
    for line in head[:8192].lstrip("\ufeff").split("\n"):
        line = line.rstrip("\r")
        if not line:
            break
        if line[0] in " \t" and header:  # a folded header's next line
            header[-1] += line
            continue
        if not _HEADER_LINE.match(line):
            return False
        header.append(line.lower())
    fields = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in header}
    if "mime-version" not in fields or "content-type" not in fields:
        return False
    encoded = fields.get("content-transfer-encoding", "").strip() in ("quoted-printable", "base64")
    return "multipart/" in fields["content-type"] or encoded


def mime_text(text: str) -> MimeText | None:
    """The text of a MIME message (its transfer encoding and charset undone): a saved page's
    HTML, a message's plain text where it has one, else its HTML, and a message's attached
    files; None when it holds no text, HTML or attachment."""
    message = email.message_from_string(text, policy=policy.compat32)
    saved_page = message.get_content_type() == "multipart/related"
    html = plain = None
    attachments: list[Attachment] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_filename() or part.get_content_disposition() == "attachment":
            # an attachment is not the page; a saved page's parts are its pictures and
            # styles, and a picture a message's HTML shows by its Content-ID is not a file
            # its sender attached
            raw = part.get_payload(decode=True)
            shown = part.get_content_maintype() == "image" and part.get("Content-ID")
            if not saved_page and not shown and isinstance(raw, bytes):
                name = part.get_filename() or "attachment"
                attachments.append(Attachment(name, part.get_content_type(), raw))
            continue
        kind = part.get_content_type()
        if part.get_content_maintype() == "multipart":
            # a multipart whose boundary never occurs: the email package keeps its body as
            # written, and a mail program shows it as text
            kind = "text/plain"
        if kind == "text/html" and html is None:
            html = _part_text(part)
        elif kind == "text/plain" and plain is None:
            plain = _part_text(part)
    # a saved page (multipart/related) is its HTML; a message written as text and as HTML
    # (multipart/alternative) is read as its author's text, under its subject
    page = saved_page or not (plain and plain.strip())
    body = html if page and html and html.strip() else plain
    if (body is None or not body.strip()) and not attachments:
        return None
    return MimeText(
        body or "",
        body is html and body is not None,
        _header(message, "Subject"),
        _header(message, "Date"),
        _header(message, "Snapshot-Content-Location") or _header(message, "Content-Location"),
        _sender(_header(message, "From")),
        tuple(attachments),
    )


def _sender(value: str | None) -> str | None:
    """The name a message is from: its display name, or the whole value where it names no
    address (an Outlook message's sender is a name).

    >>> _sender("Harbour Gazette <news@gazette.example>"), _sender("Press Office")
    ('Harbour Gazette', 'Press Office')
    >>> _sender("news@gazette.example") is None
    True
    """
    if value and "@" not in value and "<" not in value:
        return value.strip() or None
    return email.utils.parseaddr(value or "")[0] or None


def _part_text(part: Message) -> str:
    """A part's payload decoded: its transfer encoding, then its charset (a page's own
    ``<meta charset>`` or a guess where the part names none)."""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return raw.decode(charset, errors="replace").replace("\r\n", "\n")
        except LookupError:
            pass
    from revtrack.errors import InputError
    from revtrack.extract.decode import decode_bytes

    try:
        return decode_bytes("part", raw)[0]
    except InputError:
        return ""


def _header(message: Message, name: str) -> str | None:
    value = message.get(name)
    if value is None:
        return None
    parts = email.header.decode_header(str(value))
    text = "".join(
        chunk.decode(encoding or "ascii", errors="replace") if isinstance(chunk, bytes) else chunk
        for chunk, encoding in parts
    )
    return " ".join(text.split()) or None


def header_date(value: str | None):
    """A message's ``Date`` as an aware datetime, or None."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None
