"""Outlook messages: a ``.msg`` file (an OLE compound file, read with the ``doc`` extra's olefile).

Press releases and statements arrive by e-mail, and Outlook saves a message dragged
out of it as a ``.msg`` file. Its properties are streams named by their tag
(``__substg1.0_0037001F`` is the subject, ``..._1000001F`` the plain-text body) and
its times are fixed-size entries of ``__properties_version1.0``. The message is
written out as a mail's header block (``From:``, ``Date:``, ``Subject:``) over its
body, so it is read as a saved ``.eml`` message is read as text: the subject is the
headline, the sent time the date, the sender the author. A message with only an
HTML body is that HTML, read as a page is.

A message with attachments (storages ``__attach_version1.0_#...``) is written out as the
MIME message it was, its files attached as a mail program attaches them, so it is read
as an ``.eml`` with attachments is (:mod:`revtrack.extract.mail`): a press release sent
as a PDF is an article of the capture. An attached Outlook message (an embedded message
storage) is attached as its own text, read the same way.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from email import encoders
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from typing import Any

__all__ = ["MSG_KIND", "is_message", "message_text"]

#: The kind read, as named in a capture's record (its "encoding").
MSG_KIND = "msg (Outlook message)"
_SUBJECT, _BODY, _HTML, _SENDER, _SENT_AS = 0x0037, 0x1000, 0x1013, 0x0C1A, 0x0042
# an attachment's data, its long and short file names, its display name and declared type
_DATA, _LONG_NAME, _SHORT_NAME, _DISPLAY_NAME, _MIME_TAG = 0x3701, 0x3707, 0x3704, 0x3001, 0x370E
_ATTACHMENT = "__attach_version1.0_#"
_EMBEDDED = "__substg1.0_3701000D"  # an attached Outlook message: a storage, not a stream
#: How deep attached messages are read inside each other.
MAX_NESTED = 4
# fixed-size properties: when the message was sent, then when it was delivered
_TIMES = (0x00390040, 0x0E060040)
_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)  # a FILETIME counts 100 ns from here


def is_message(ole: Any) -> bool:
    """Whether an opened OLE file is an Outlook message (its property stream at the root)."""
    return bool(ole.exists("__properties_version1.0") and ole.exists("__substg1.0_0037001F")) or bool(
        ole.exists("__properties_version1.0") and ole.exists("__substg1.0_0037001E")
    )


def _string(ole: Any, prop: int, at: str = "") -> str:
    """A string property, stored as UTF-16 (type 001F) or in the message's code page (001E)."""
    for kind, codec in (("001F", "utf-16-le"), ("001E", "cp1252")):
        name = f"{at}__substg1.0_{prop:04X}{kind}"
        if ole.exists(name):
            return ole.openstream(name).read().decode(codec, errors="replace").rstrip("\x00")
    return ""


def _sent(ole: Any, at: str = "") -> datetime | None:
    """The message's sent time (else its delivery time) from its fixed-size properties."""
    if not ole.exists(f"{at}__properties_version1.0"):
        return None
    data = ole.openstream(f"{at}__properties_version1.0").read()
    found: dict[int, int] = {}
    # a 32-byte header (24 in an attached message), then 16-byte entries
    for offset in range(24 if at else 32, len(data) - 15, 16):
        tag, _, value = struct.unpack_from("<IIQ", data, offset)
        if tag in _TIMES:
            found[tag] = value
    for tag in _TIMES:
        if found.get(tag):
            try:
                return _EPOCH + timedelta(microseconds=found[tag] // 10)
            except OverflowError:
                continue
    return None


def message_text(ole: Any, at: str = "", depth: int = 0) -> str:
    """The message as a mail's header block over its plain-text body (or its HTML body alone);
    a message with attachments as the MIME message it was, its files attached.

    The header block names the subject, the sender and the sent time, which the plain-text
    reader takes as the headline, the author and the date. ``at`` is the storage path of an
    attached message.
    """
    body = _string(ole, _BODY, at)
    html = ""
    if not body.strip():
        name = f"{at}__substg1.0_{_HTML:04X}0102"
        if ole.exists(name):
            html = ole.openstream(name).read().rstrip(b"\x00").decode("utf-8", errors="replace")
    sender = _one_line(_string(ole, _SENDER, at) or _string(ole, _SENT_AS, at))
    when = _sent(ole, at)
    subject = _one_line(_string(ole, _SUBJECT, at))
    attachments = _attachments(ole, at, depth)
    if attachments:
        return _mime(sender, when, subject, html or body.replace("\r\n", "\n"), bool(html), attachments)
    if html.strip():
        return html
    head = [f"From: {sender}"] if sender else []
    if when is not None:
        head.append(f"Date: {format_datetime(when)}")
    head.append(f"Subject: {subject}")
    return "\n".join(head) + "\n\n" + body.replace("\r\n", "\n")


def _attachments(ole: Any, at: str, depth: int) -> list[tuple[str, str, bytes]]:
    """A message's attached files as ``(file name, declared type, bytes)``, in the order Outlook numbered
    them; an attached message as its own text (``name.eml``); an attachment with no data
    of its own (a link, an embedded object) as no bytes, which the reader names as empty."""
    prefix = [part for part in at.split("/") if part]
    depth_at = len(prefix)
    storages = sorted(
        {
            entry[depth_at]
            for entry in ole.listdir(streams=True, storages=True)
            if len(entry) > depth_at
            and entry[:depth_at] == prefix
            and entry[depth_at].startswith(_ATTACHMENT)
        }
    )
    found: list[tuple[str, str, bytes]] = []
    for storage in storages:
        path = f"{at}{storage}/"
        name = (
            _string(ole, _LONG_NAME, path)
            or _string(ole, _SHORT_NAME, path)
            or _string(ole, _DISPLAY_NAME, path)
            or "attachment"
        )
        if ole.exists(f"{path}{_EMBEDDED}/__properties_version1.0"):  # not an OLE object's storage
            # past MAX_NESTED an attached message goes empty: named as not read, not walked
            inner = message_text(ole, f"{path}{_EMBEDDED}/", depth + 1) if depth < MAX_NESTED else ""
            found.append((_one_line(name) + ".eml", "message/rfc822", inner.encode("utf-8")))
            continue
        data = f"{path}__substg1.0_{_DATA:04X}0102"
        declared = _string(ole, _MIME_TAG, path).strip().lower()
        if declared.count("/") != 1 or not declared.isascii():
            declared = "application/octet-stream"
        found.append((_one_line(name), declared, ole.openstream(data).read() if ole.exists(data) else b""))
    return found


def _mime(
    sender: str,
    when: datetime | None,
    subject: str,
    body: str,
    is_html: bool,
    files: list[tuple[str, str, bytes]],
) -> str:
    """A MIME message of the body and attached files, as a mail program writes one.

    Built with the standard library's compat32 classes, which take any header text as it
    is (the structured headers of ``EmailMessage`` raise on a sender named ``<``)."""
    message = MIMEMultipart("mixed")
    for field, value in (
        ("From", sender),
        ("Date", format_datetime(when) if when else ""),
        ("Subject", subject),
    ):
        if value:
            message[field] = value if value.isascii() else Header(value, "utf-8")
    message.attach(MIMEText(body, "html" if is_html else "plain", "utf-8"))
    for name, declared, raw in files:
        # an attached message goes as its text (a message/rfc822 part would be walked into)
        maintype, subtype = ("text", "plain") if declared == "message/rfc822" else declared.split("/")
        part = MIMEBase(maintype, subtype)
        part.set_payload(raw)
        encoders.encode_base64(part)
        part.add_header(
            "Content-Disposition", "attachment", filename=name if name.isascii() else ("utf-8", "", name)
        )
        message.attach(part)
    return message.as_string()


def _one_line(text: str) -> str:
    """A header value on one line (a value that breaks a line would start a body)."""
    return " ".join(text.split())
