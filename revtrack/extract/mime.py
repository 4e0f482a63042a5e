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
    charset: str | None = None  # a text attachment's declared charset


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


def mime_text(text: str, encoding: str = "") -> MimeText | None:
    """The text of a MIME message (its transfer encoding and charset undone): a saved page's
    HTML, a message's plain text where it has one, else its HTML, and a message's attached
    files; None when it holds no text, HTML or attachment.

    The message is parsed from its bytes (``text`` encoded back with the ``encoding`` it was
    decoded with), as a mail program reads it: a part sent as 8-bit text is read in the
    charset it declares. Parsed from the text, such a part's "café" came out "caf\ufffd"
    and its Cyrillic as ``\\u041c`` escapes.

    >>> raw = "Subject: Caf\u00e9\\nContent-Type: text/plain; charset=utf-8\\n\\nLe caf\u00e9 \u041c."
    >>> found = mime_text(raw, "utf-8")
    >>> found.subject, found.text
    ('Caf\u00e9', 'Le caf\u00e9 \u041c.')
    """
    message = email.message_from_bytes(_bytes_of(text, encoding), policy=policy.compat32)
    saved_page = message.get_content_type() == "multipart/related"
    found = _Parts(saved_page)
    found.collect(message, top=True)
    plain = "\n\n".join(text for text in found.plains if text.strip()) or None
    html = next((text for text in found.htmls if text.strip()), None)
    attachments = found.attachments
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


class _Parts:
    """A message's parts as a mail program shows them: the text parts of its body in order
    (one alternative of each ``multipart/alternative``: its text, else its HTML), and the
    files and messages attached to it."""

    def __init__(self, saved_page: bool) -> None:
        self.saved_page = saved_page
        self.plains: list[str] = []
        self.htmls: list[str] = []
        self.attachments: list[Attachment] = []

    def collect(self, part: Message, top: bool = False) -> None:
        kind = part.get_content_type()
        if kind == "message/rfc822" and not top and isinstance(part.get_payload(), list):
            # a forwarded message, or one of a digest's: a message of its own, read as one
            inner = part.get_payload(0)
            subject = _header(inner, "Subject") or "message"
            self.attachments.append(Attachment(_readable(subject) + ".eml", kind, _message_bytes(inner)))
            return
        if part.is_multipart():
            children = part.get_payload()
            if kind == "multipart/alternative":  # the same text twice: read one of them
                children = _preferred(children)
            for child in children:
                self.collect(child)
            return
        if part.get_filename() or part.get_content_disposition() == "attachment":
            # an attachment is not the page; a saved page's parts are its pictures and
            # styles, and a picture a message's HTML shows by its Content-ID is not a file
            # its sender attached
            raw = part.get_payload(decode=True)
            shown = part.get_content_maintype() == "image" and part.get("Content-ID")
            if not self.saved_page and not shown and isinstance(raw, bytes):
                name = _readable(part.get_filename() or "attachment")
                charset = part.get_content_charset() if part.get_content_maintype() == "text" else None
                self.attachments.append(Attachment(name, kind, raw, charset))
            return
        if part.get_content_maintype() == "multipart":
            # a multipart whose boundary never occurs: the email package keeps its body as
            # written, and a mail program shows it as text
            kind = "text/plain"
        if kind == "text/html":
            self.htmls.append(_part_text(part))
        elif kind == "text/plain":
            self.plains.append(_part_text(part))


def _preferred(alternatives: list[Message]) -> list[Message]:
    """Of a ``multipart/alternative``'s parts, the one read: its plain text where it has one
    (the author's text), else the rest as they are (an HTML part, or a part holding one)."""
    plain = [
        part for part in alternatives if part.get_content_type() == "text/plain" and not part.get_filename()
    ]
    return plain[:1] or alternatives


def _message_bytes(message: Message) -> bytes:
    """A message's bytes as it was sent (raw 8-bit text kept as it came)."""
    try:
        return message.as_bytes()
    except (UnicodeError, LookupError, ValueError):  # a header the generator cannot write back
        return message.as_string().encode("utf-8", "surrogateescape")


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
    if charset in ("us-ascii", "ascii") and not raw.isascii():
        charset = None  # 8-bit bytes under an ASCII label (a common slip): their own encoding, found
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


def _bytes_of(text: str, encoding: str) -> bytes:
    """A decoded capture's bytes again: encoded with the codec it was decoded with (UTF-8 for a
    text not decoded by revtrack, or decoded from UTF-16 or UTF-32, which no mail is sent in)."""
    import codecs

    try:
        codec = codecs.lookup(encoding).name if encoding else "utf-8"
    except LookupError:  # a document's kind ("msg (Outlook message)"), not a codec
        codec = "utf-8"
    if codec.startswith(("utf-16", "utf-32", "utf-8")):
        codec = "utf-8"
    try:
        return text.encode(codec, "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


def _readable(text: str) -> str:
    """Text the bytes parser left with raw 8-bit bytes (as surrogates) read as UTF-8, else as
    Windows-1252 (what such bytes in a header are in practice)."""
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _header(message: Message, name: str) -> str | None:
    value = message.get(name)
    if value is None:
        return None
    # a header sent with raw 8-bit bytes comes back as a Header of "unknown-8bit" chunks
    parts = email.header.decode_header(value if isinstance(value, email.header.Header) else str(value))
    text = "".join(
        _chunk(chunk, encoding) if isinstance(chunk, bytes) else _readable(chunk) for chunk, encoding in parts
    )
    return " ".join(text.split()) or None


def _chunk(chunk: bytes, encoding: str | None) -> str:
    """One decoded piece of a header in its charset (raw 8-bit bytes: UTF-8, else Windows-1252)."""
    if encoding in (None, "unknown-8bit"):
        return _readable(chunk.decode("utf-8", "surrogateescape"))
    try:
        return chunk.decode(encoding, errors="replace")
    except LookupError:  # a charset Python does not know
        return _readable(chunk.decode("utf-8", "surrogateescape"))


def header_date(value: str | None):
    """A message's ``Date`` as an aware datetime, or None."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None
