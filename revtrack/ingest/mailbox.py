"""Mailboxes (mbox): each message a capture, at the time it arrived.

A newsroom's press-release inbox leaves a mail program as one ``.mbox`` file
(Thunderbird's folders, Gmail's Takeout, Apple Mail's export, ``mutt``): the messages
one after another, each opening with a ``From `` line that names its sender and the
time it arrived. Read as one text, a mailbox was one "article" of thousands of
headers and base64 lines. Here each message is a capture of its own, as a saved
``.eml`` file is read (its text, its attachments: :mod:`revtrack.extract.mail`):
named ``inbox.mbox#12.eml`` (the mailbox, the message's number from 1), at the
time its ``From `` line gives (else its ``Date``, else the mailbox's capture time).
A body line that the mail program escaped as ``>From `` is read back as ``From ``
(mboxrd). Ingesting the mailbox again changes nothing; after new mail has arrived
only the new messages are stored. A message over ``--max-bytes`` is one line
naming the mailbox and the message's number; the others go on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING

from revtrack.safety import path_text

if TYPE_CHECKING:
    from revtrack import grouping
    from revtrack.ingest.captures import IngestReport
    from revtrack.store import Store

__all__ = ["MailboxMessage", "ingest_mailbox", "is_mailbox", "looks_like_mailbox", "mailbox_messages"]

#: File names that say mailbox.
MAILBOX_SUFFIXES = (".mbox", ".mbx")
# A "From " line as mail programs write it: the sender (an address, MAILER-DAEMON, or an
# address a list archive wrote as "jo at example.org") and the arrival time in asctime's
# form, with or without a zone before the year.
_FROM_LINE = re.compile(
    rb"From \S+(?: at \S+)? +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    rb" (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rb" +\d{1,2} \d{1,2}:\d\d(?::\d\d)?(?: [+-]\d{4})? \d{4}"
)
_ESCAPED = re.compile(rb"^>(>*From )")
_WEEKDAY = re.compile(r" (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ")


def is_mailbox(path: Path) -> bool:
    """A mailbox by its name (``.mbox``, ``.mbx``), or an unnamed file opening with a ``From `` line.

    >>> is_mailbox(Path("inbox.mbox")), is_mailbox(Path("page.html"))
    (True, False)
    """
    if path.name.lower().endswith(MAILBOX_SUFFIXES):
        return True
    if path.suffix:
        return False
    try:
        with path.open("rb") as fh:
            return looks_like_mailbox(path.name, fh.readline(512))
    except OSError:
        return False


def looks_like_mailbox(name: str, head: bytes) -> bool:
    """A mailbox by its name, or a file with no suffix whose first line is a ``From `` line.

    >>> looks_like_mailbox("Inbox", b"From jo@example.org Wed Mar  4 09:15:00 2026\\n")
    True
    >>> looks_like_mailbox("letter", b"From the desk of the mayor\\n")
    False
    """
    if name.lower().endswith(MAILBOX_SUFFIXES):
        return True
    return not Path(name).suffix and _FROM_LINE.match(head) is not None


@dataclass(frozen=True)
class MailboxMessage:
    """One message of a mailbox: its number from 1, when it arrived (None if unknown), its bytes."""

    number: int
    when: datetime | None
    raw: bytes


def mailbox_messages(path: Path, max_bytes: int, errors: list[str]) -> Iterator[MailboxMessage]:
    """The messages of a mailbox in order, read a line at a time; one over ``max_bytes`` is
    an error (the mailbox and the message's number), not read."""
    number = 0
    lines: list[bytes] = []
    size = 0
    arrived: datetime | None = None
    too_big = False
    blank_before = True  # a "From " line opens a message at the start or after a blank line

    def finished() -> Iterator[MailboxMessage]:
        if number and too_big:
            errors.append(
                f"{path_text(path)}: message {number}: larger than --max-bytes ({max_bytes:,} bytes)"
            )
        elif number and b"".join(lines).strip():
            yield MailboxMessage(number, arrived or _sent(lines), b"".join(lines))

    with path.open("rb") as fh:
        for line in fh:
            # only a line of the form mail programs write opens a message: a body line
            # "From the mayor's office..." that a writer failed to escape stays text
            if blank_before and _FROM_LINE.match(line):
                yield from finished()
                number, lines, size, too_big = number + 1, [], 0, False
                arrived = _arrival(line)
                blank_before = False
                continue
            blank_before = not line.strip()
            if not number:  # text before the first "From " line: not a mailbox's message
                number = 1
            size += len(line)
            if size > max_bytes:
                too_big, lines = True, []
            elif not too_big:
                lines.append(_ESCAPED.sub(rb"\1", line))
        yield from finished()


def _arrival(from_line: bytes) -> datetime | None:
    """The time a ``From `` line gives (UTC where it names no zone).

    >>> _arrival(b"From jo@example.org Wed Mar  4 09:15:00 2026\\n")
    datetime.datetime(2026, 3, 4, 9, 15, tzinfo=datetime.timezone.utc)
    >>> _arrival(b"From jo at example.org  Tue Jul 10 11:29:44 +0200 2012\\n").isoformat()
    '2012-07-10T09:29:44+00:00'
    """
    found = _WEEKDAY.search(from_line.decode("latin-1"))
    return _parsed(from_line.decode("latin-1")[found.start() :]) if found else None


def _sent(lines: list[bytes]) -> datetime | None:
    """A message's ``Date`` header, from its header block."""
    for line in lines:
        if not line.strip():
            return None
        if line[:5].lower() == b"date:":
            return _parsed(line[5:].decode("latin-1"))
    return None


def _parsed(text: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def ingest_mailbox(
    store: Store,
    path: Path,
    report: IngestReport,
    index: grouping.LshIndex,
    max_bytes: int,
    captured_at: datetime,
) -> None:
    """Every message of a mailbox stored as its own capture (one transaction each); messages
    whose bytes are stored already are skipped. ``captured_at`` is the time of a message
    whose arrival and sending are both unknown."""
    from revtrack.ingest.captures import Piece, ingest_pieces

    errors: list[str] = []
    label = path_text(path)
    pieces = (
        Piece(f"{label}#{message.number}.eml", message.raw, message.when or captured_at, "mbox", label)
        for message in mailbox_messages(path, max_bytes, errors)
    )
    if not ingest_pieces(store, report, index, pieces, errors) and not errors:
        errors.append(f"{label}: a mailbox with no message")
    report.errors.extend(errors)
