"""A MIME capture read into articles: a saved page, or a message and the files attached to it.

A press release or a statement often arrives as a PDF or a Word file attached to a mail
whose own text says only "please find attached". The message's text is one article (as
:mod:`revtrack.extract.mime` reads it); each attached document is read as that file would
be read on its own (a PDF, ``.docx``, ``.odt``, RTF, ``.doc``, an Outlook message, a text,
HTML or ``.eml`` file) and is an article of the same capture, dated by the mail where it
names no date of its own, its sender the outlet. An attachment that is not read (a
picture, a spreadsheet, a calendar invitation, a file that cannot be decoded) is named
in one note for the capture, with the reason: nothing attached is left out silently.

The capture's line accounting numbers an attachment's lines as if its text followed the
message's (and the attachments before it), so ``show --dropped`` lists what any of them
left out (a PDF's page numbers) with its reason.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from revtrack.errors import InputError

if TYPE_CHECKING:
    from revtrack.extract import Extraction
    from revtrack.extract.accounting import Accounting
    from revtrack.extract.mime import Attachment

#: Declared types of attachments read as text (a decoded file of another text type, a
#: calendar invitation or a contact card, is not an article).
TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "text/x-markdown", "message/rfc822")
#: File names read as text whatever type the sender's mail program declared.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".eml", ".mht", ".mhtml")
#: How many unread attachments a note names before it counts the rest.
NAMED_IN_NOTE = 3


def mime_capture(
    text: str,
    captured_at: datetime,
    name: str,
    chrome: Callable[[str], bool] | None,
    layout: str,
    encoding: str = "",
) -> Extraction:
    """A page saved as MHTML or a message saved as ``.eml`` (or an Outlook ``.msg`` with
    attachments): its HTML read as a page is, else its plain text under its subject, then
    each attached document; the message's date and sender, and the page's address, fill
    what the texts do not say."""
    from revtrack.extract import Extraction, extract_capture
    from revtrack.extract.mime import header_date, mime_text
    from revtrack.models import PublishedTime

    try:
        found = mime_text(text, encoding)
    except RecursionError:  # the email package parses and walks nested parts recursively
        raise InputError(name, "a MIME message nested too deeply to read") from None
    if found is None:
        raise InputError(name, "a MIME message with no text or HTML part")
    body = found.text
    if not body.strip():  # only attachments: "please find attached" was not even written
        inner = Extraction("plain", [])
    elif found.is_html:
        inner = extract_capture(body, captured_at, name + ".html", chrome, layout)
    else:
        first = next((line.strip() for line in body.splitlines() if line.strip()), "")
        if found.subject and first != found.subject:
            body = f"{found.subject}\n\n{body}"
        inner = extract_capture(body, captured_at, name + ".txt", chrome, layout)
    articles = list(inner.articles)
    accounting = inner.accounting
    notes = list(inner.notes)
    lines_before = body.count("\n") + 1 if body.strip() else 0
    unread: list[str] = []
    for attachment in found.attachments:
        read = read_attachment(attachment, captured_at, layout)
        if isinstance(read, str):
            unread.append(f"{attachment.name} ({read})")
            continue
        extraction, lines = read
        # where in the mail it was found, shown with the sighting ("attachment statement.pdf")
        articles += [
            dataclasses.replace(article, section=article.section or f"attachment {attachment.name}")
            for article in extraction.articles
        ]
        notes += [f"{name}: attachment {note}" for note in extraction.notes]
        accounting = _joined(accounting, extraction.accounting, attachment.name, lines_before)
        lines_before += lines
    if unread:
        notes.append(unread_attachments_note(name, unread, len(found.attachments)))
    if not articles:
        raise InputError(name, f"a message with no text, and no attachment read: {'; '.join(unread)}")
    when = header_date(found.date)
    published = PublishedTime(when.astimezone(UTC), "second") if when else None
    articles = [
        dataclasses.replace(
            article,
            published=article.published or published,
            date_text=article.date_text or (found.date if article.published is None and published else None),
            url=article.url or found.address,
            outlet=article.outlet or found.sender,
            position=position,  # each reading numbered its own articles from 0
        )
        for position, article in enumerate(articles)
    ]
    return Extraction(inner.layout if inner.articles else "mail", articles, accounting, tuple(notes))


def read_attachment(
    attachment: Attachment, captured_at: datetime, layout: str
) -> tuple[Extraction, int] | str:
    """An attached file read as it would be read on its own (and how many lines its text
    has), or why it is not read.

    >>> from revtrack.extract.mime import Attachment
    >>> read_attachment(Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR"), None, "auto")
    'not a document or text: text/calendar'
    """
    from revtrack.extract import extract_capture
    from revtrack.extract.decode import decode_bytes, document_of
    from revtrack.extract.outlook import MSG_KIND
    from revtrack.extract.pdf import PDF_KIND

    lowered = attachment.name.lower()
    is_text = attachment.content_type in TEXT_TYPES or lowered.endswith(TEXT_SUFFIXES)
    text = encoding = ""
    if attachment.charset:  # a text file in the charset its part declares (a guess can miss)
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            declared = attachment.raw.decode(attachment.charset)
            if declared.strip() and "\x00" not in declared:
                text, encoding = declared.replace("\r\n", "\n"), attachment.charset
    if not text:
        try:
            text, encoding = decode_bytes(attachment.name, attachment.raw)
        except InputError as exc:
            return exc.problem
    document = document_of(encoding)
    if not (document or encoding in (PDF_KIND, MSG_KIND) or is_text):
        return f"not a document or text: {attachment.content_type}"
    name = attachment.name
    if attachment.content_type == "text/html" and not lowered.endswith((".html", ".htm")):
        name += ".html"  # read as the HTML its type says it is
    try:
        extraction = extract_capture(text, captured_at, name, None, layout, document, encoding)
        return extraction, text.count("\n") + 1
    except InputError as exc:
        return exc.problem
    except RecursionError:  # mail attached to mail attached to mail ...
        return "attachments nested too deeply to read"


def _joined(first: Accounting | None, second: Accounting | None, name: str, offset: int) -> Accounting | None:
    """One capture's accounting: the attachment's lines numbered after ``offset``, its layout
    decision named after the message's."""
    from revtrack.extract.accounting import Accounting, DroppedLine

    if second is None:
        return first
    shifted = tuple(DroppedLine(d.line + offset, d.reason, d.text) for d in second.dropped)
    why = f"attachment {name}: {second.why}" if second.why else ""
    if first is None:
        return Accounting(second.words, shifted, why)
    joined_why = "; ".join(filter(None, (first.why, why)))
    return Accounting(first.words + second.words, first.dropped + shifted, joined_why)


def unread_attachments_note(name: str, unread: list[str], attached: int) -> str:
    """One line naming the attachments not read, and why.

    >>> unread_attachments_note("a.eml", ["logo.png (binary file)"], 2)
    'a.eml: 1 of its 2 attachments not read: logo.png (binary file)'
    """
    named = "; ".join(unread[:NAMED_IN_NOTE])
    rest = f"; and {len(unread) - NAMED_IN_NOTE} more" if len(unread) > NAMED_IN_NOTE else ""
    return f"{name}: {len(unread)} of its {attached} attachments not read: {named}{rest}"
