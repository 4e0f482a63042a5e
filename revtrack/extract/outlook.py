"""Outlook messages: a ``.msg`` file (an OLE compound file, read with the ``doc`` extra's olefile).

Press releases and statements arrive by e-mail, and Outlook saves a message dragged
out of it as a ``.msg`` file. Its properties are streams named by their tag
(``__substg1.0_0037001F`` is the subject, ``..._1000001F`` the plain-text body) and
its times are fixed-size entries of ``__properties_version1.0``. The message is
written out as a mail's header block (``From:``, ``Date:``, ``Subject:``) over its
body, so it is read as a saved ``.eml`` message is read as text: the subject is the
headline, the sent time the date, the sender the author. A message with only an
HTML body is that HTML, read as a page is. Attachments are not read.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

__all__ = ["MSG_KIND", "is_message", "message_text"]

#: The kind read, as named in a capture's record (its "encoding").
MSG_KIND = "msg (Outlook message)"
_SUBJECT, _BODY, _HTML, _SENDER, _SENT_AS = 0x0037, 0x1000, 0x1013, 0x0C1A, 0x0042
# fixed-size properties: when the message was sent, then when it was delivered
_TIMES = (0x00390040, 0x0E060040)
_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)  # a FILETIME counts 100 ns from here


def is_message(ole: Any) -> bool:
    """Whether an opened OLE file is an Outlook message (its property stream at the root)."""
    return bool(ole.exists("__properties_version1.0") and ole.exists("__substg1.0_0037001F")) or bool(
        ole.exists("__properties_version1.0") and ole.exists("__substg1.0_0037001E")
    )


def _string(ole: Any, prop: int) -> str:
    """A string property, stored as UTF-16 (type 001F) or in the message's code page (001E)."""
    for kind, codec in (("001F", "utf-16-le"), ("001E", "cp1252")):
        name = f"__substg1.0_{prop:04X}{kind}"
        if ole.exists(name):
            return ole.openstream(name).read().decode(codec, errors="replace").rstrip("\x00")
    return ""


def _sent(ole: Any) -> datetime | None:
    """The message's sent time (else its delivery time) from its fixed-size properties."""
    data = ole.openstream("__properties_version1.0").read()
    found: dict[int, int] = {}
    for at in range(32, len(data) - 15, 16):  # a 32-byte header, then 16-byte entries
        tag, _, value = struct.unpack_from("<IIQ", data, at)
        if tag in _TIMES:
            found[tag] = value
    for tag in _TIMES:
        if found.get(tag):
            try:
                return _EPOCH + timedelta(microseconds=found[tag] // 10)
            except OverflowError:
                continue
    return None


def message_text(ole: Any) -> str:
    """The message as a mail's header block over its plain-text body (or its HTML body alone).

    The header block names the subject, the sender and the sent time, which the plain-text
    reader takes as the headline, the author and the date.
    """
    body = _string(ole, _BODY)
    if not body.strip():
        html = ""
        name = f"__substg1.0_{_HTML:04X}0102"
        if ole.exists(name):
            html = ole.openstream(name).read().rstrip(b"\x00").decode("utf-8", errors="replace")
        if html.strip():
            return html
    sender = _string(ole, _SENDER) or _string(ole, _SENT_AS)
    when = _sent(ole)
    head = [f"From: {_one_line(sender)}"] if sender else []
    if when is not None:
        head.append(f"Date: {format_datetime(when)}")
    head.append(f"Subject: {_one_line(_string(ole, _SUBJECT))}")
    return "\n".join(head) + "\n\n" + body.replace("\r\n", "\n")


def _one_line(text: str) -> str:
    """A header value on one line (a value that breaks a line would start a body)."""
    return " ".join(text.split())
