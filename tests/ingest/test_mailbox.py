"""A press-release inbox exported as one mbox file: each message a capture, at its arrival.

The mailboxes are written by the standard library's ``mailbox`` module, as a mail program
writes them: a ``From `` line opening each message, body lines starting "From " escaped.
"""

from __future__ import annotations

import json
import mailbox
import time
from email.message import EmailMessage
from pathlib import Path

from revtrack.ingest.mailbox import is_mailbox
from tests.support import PARAGRAPHS, cli

RELEASE = [
    "The port authority approved the new container terminal on Tuesday after a two-year review.",
    "From the spring, work begins on the quay and the terminal opens to ships in 2028.",
    "Dock workers' unions welcomed the decision but asked for talks on night shifts.",
]


def message(
    subject: str, paragraphs: list[str], date: str, sender: str = "Port Authority <press@port.example>"
):
    mail = EmailMessage()
    mail["From"], mail["Subject"], mail["Date"] = sender, subject, date
    mail.set_content("\n\n".join(paragraphs))
    return mail


def write_box(path: Path, *messages: tuple[EmailMessage, str]) -> None:
    box = mailbox.mbox(path)
    for mail, arrived in messages:
        entry = mailbox.mboxMessage(mail)
        entry.set_from("press@port.example", time.strptime(arrived, "%a %b %d %H:%M:%S %Y"))
        box.add(entry)
    box.flush()
    box.close()


def _rows(db) -> list[dict]:
    return [json.loads(line) for line in cli(db, "export").output.splitlines()]


def test_an_inbox_is_a_capture_per_message_at_its_arrival(tmp_path):
    inbox = tmp_path / "inbox.mbox"
    corrected = [*RELEASE[:2], "Dock workers' unions welcomed the decision; talks begin on Monday."]
    write_box(
        inbox,
        (
            message("Port approves terminal", RELEASE, "Wed, 04 Mar 2026 09:00:00 +0000"),
            "Wed Mar  4 09:01:00 2026",
        ),
        (
            message("Weekly letter", PARAGRAPHS, "Wed, 04 Mar 2026 12:00:00 +0000", "Gazette <l@g.example>"),
            "Wed Mar  4 12:00:30 2026",
        ),
        (
            message("Port approves terminal", corrected, "Thu, 05 Mar 2026 08:00:00 +0000"),
            "Thu Mar  5 08:00:10 2026",
        ),
    )
    assert ">From the spring" in inbox.read_text()  # the writer escaped the body's "From " line
    db = tmp_path / "s.db"
    result = cli(db, "ingest", str(inbox))
    assert result.exit_code == 0, result.output
    assert "3 capture(s) ingested" in result.output
    rows = _rows(db)
    release = [row for row in rows if row["headline"] == "Port approves terminal"]
    assert len(release) == 2 and len({row["story_id"] for row in release}) == 1  # one story, two revisions
    first, second = sorted(release, key=lambda row: row["first_captured"])
    assert first["first_captured"].startswith("2026-03-04T09:01:00")  # its arrival, from the From line
    assert first["body"].split("\n\n") == RELEASE  # ">From the spring" read back as written
    assert [s["path"] for s in first["sightings"]] == [f"{inbox}#1.eml"]
    assert second["previous_revision_id"] == first["revision_id"]
    diff = cli(db, "diff", first["revision_id"], second["revision_id"]).output
    assert "[-night shifts-]{+Monday+}" in diff  # word by word
    # the same mailbox again changes nothing; after new mail only the new message is stored
    assert "0 capture(s) ingested, 3 already ingested" in cli(db, "ingest", str(inbox)).output
    box = mailbox.mbox(inbox)
    box.add(mailbox.mboxMessage(message("Ferry times", PARAGRAPHS[:2], "Fri, 06 Mar 2026 10:00:00 +0000")))
    box.flush()
    box.close()
    assert "1 capture(s) ingested, 3 already ingested" in cli(db, "ingest", str(inbox)).output
    assert cli(db, "reextract").exit_code == 0 and len(_rows(db)) == 4


def test_a_message_over_the_size_limit_is_one_line_and_the_others_are_read(tmp_path):
    inbox = tmp_path / "inbox.mbox"
    write_box(
        inbox,
        (
            message("Port approves terminal", RELEASE, "Wed, 04 Mar 2026 09:00:00 +0000"),
            "Wed Mar  4 09:01:00 2026",
        ),
        (
            message("Annual report", PARAGRAPHS * 40, "Wed, 04 Mar 2026 10:00:00 +0000"),
            "Wed Mar  4 10:01:00 2026",
        ),
    )
    result = cli(tmp_path / "s.db", "ingest", "--max-bytes", "4000", str(inbox))
    assert result.exit_code == 2
    assert f"{inbox}: message 2: larger than --max-bytes (4,000 bytes)\n" in result.output
    assert [row["headline"] for row in _rows(tmp_path / "s.db")] == ["Port approves terminal"]


def test_a_mailbox_is_known_by_its_name_or_its_from_line(tmp_path):
    unnamed = tmp_path / "Inbox"
    unnamed.write_bytes(b"From press@port.example Wed Mar  4 09:01:00 2026\nSubject: x\n\nBody\n")
    letter = tmp_path / "letter"
    letter.write_bytes(b"From the desk of the mayor\n\nThe council met.\n")
    assert is_mailbox(unnamed) and is_mailbox(tmp_path / "Sent.mbox")
    assert not is_mailbox(letter)  # a text opening with "From " is no mailbox
    db = tmp_path / "s.db"
    assert cli(db, "ingest", "--captured-at", "2026-03-04", str(letter)).exit_code == 0
    assert [row["headline"] for row in _rows(db)] == ["From the desk of the mayor"]
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"\n")
    result = cli(db, "ingest", str(empty))
    assert result.exit_code == 2 and f"{empty}: a mailbox with no message\n" in result.output
