"""Mailboxes (mbox): each message a capture, its words kept; measured on real mail nobody tuned on.

    python benchmarks/mailboxes.py              # fetch HyperKitty's sdist if missing, then score
    python benchmarks/mailboxes.py --tree DIR   # the same with the revtrack in DIR

Sets (nothing tuned on them):

* ``hyperkitty``: the 21 messages HyperKitty 1.3.12 (Mailman's archiver) tests with, real
  list mail with its ``From `` lines (wrong encodings, bad headers, non-ASCII dates,
  attachments, a Pipermail archive of six messages whose senders are written
  ``jo at example.org``), each file ingested as a mailbox, and all of them in one;
* ``cpython``: the 48 messages CPython's ``email`` package tests with, written into one
  mailbox by the standard library's ``mailbox`` module (as a mail program writes one:
  a ``From `` line per message, body lines starting "From " escaped).

The reference is the standard library's reading: ``mailbox.mbox`` splits the file, and
each message's subject and text parts (``text/plain``, else ``text/html`` with its tags
removed) are its words. Figures: messages the reference finds, captures revtrack stores
(a message with no text is refused in one line: counted), and the share of the
reference's words found in the stored revisions (as a multiset).
"""

from __future__ import annotations

import argparse
import collections
import email
import email.header
import email.message
import html
import mailbox
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.mail_attachments import email_data, run_revtrack, words  # noqa: E402

FOLDER = ROOT / "benchmarks" / ".mailboxes"
HYPERKITTY = "hyperkitty==1.3.12"
WHEN = "2026-01-01"


def fetch() -> Path:
    """HyperKitty's test messages, from its sdist (pip download), into :data:`FOLDER`."""
    target = FOLDER / "hyperkitty"
    if target.is_dir() and any(target.iterdir()):
        return target
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", work]
        subprocess.run([*command, HYPERKITTY], check=True, capture_output=True)
        [sdist] = Path(work).glob("*.tar.gz")
        with tarfile.open(sdist) as archive:
            for member in archive.getmembers():
                if member.isfile() and "/tests/testdata/" in member.name and member.name.endswith(".txt"):
                    (target / Path(member.name).name).write_bytes(archive.extractfile(member).read())
    return target


def subject_of(message: email.message.Message) -> str:
    """The subject as a mail program shows it: encoded words decoded, raw 8-bit bytes as UTF-8."""
    value = message.get("Subject")
    if value is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, UnicodeDecodeError, ValueError):
        return str(value)


def reference_words(box: Path) -> tuple[int, collections.Counter[str]]:
    """The standard library's reading: how many messages, and their subjects' and texts' words."""
    found = collections.Counter()
    count = 0
    reader = mailbox.mbox(box, create=False)
    for key in reader.iterkeys():
        count += 1
        message = email.message_from_bytes(reader.get_bytes(key), policy=policy.compat32)
        found += words(subject_of(message))
        plain = [p for p in message.walk() if p.get_content_type() == "text/plain" and not p.get_filename()]
        parts = plain or [p for p in message.walk() if p.get_content_type() == "text/html"]
        for part in parts:
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                try:
                    text = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
                except LookupError:  # a charset Python does not know
                    text = payload.decode("utf-8", errors="replace")
                if part.get_content_type() == "text/html":
                    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
                found += words(text)
    return count, found


def ingest(tree: Path, path: Path, work: Path) -> tuple[str, str]:
    """``revtrack ingest`` of one mailbox: (its stored revisions' text, all it printed). A
    mailbox with a refused message exits 2, and its other messages are stored."""
    db = work / (path.name + ".db")
    run = run_revtrack(tree, work, "ingest", str(path), "--db", str(db), "--captured-at", WHEN)
    if not db.exists():
        return "", run.stdout + run.stderr
    conn = sqlite3.connect(db)
    (text,) = conn.execute("SELECT group_concat(headline || ' ' || body, ' ') FROM revisions").fetchone()
    conn.close()
    return text or "", run.stdout + run.stderr


def mailboxes(hyperkitty: Path, work: Path) -> dict[str, list[Path]]:
    """The mailboxes scored, by set."""
    sets: dict[str, list[Path]] = {"hyperkitty, a mailbox per file": [], "hyperkitty, one mailbox": []}
    joined = work / "hyperkitty-all.mbox"
    with joined.open("wb") as out:
        for path in sorted(hyperkitty.glob("*.txt")):
            raw = path.read_bytes()
            if not raw.startswith(b"From "):
                continue  # a saved message without its mailbox line: no mailbox
            copy = work / f"{path.stem}.mbox"
            copy.write_bytes(raw)
            sets["hyperkitty, a mailbox per file"].append(copy)
            out.write(raw.rstrip(b"\n") + b"\n\n")
    sets["hyperkitty, one mailbox"].append(joined)
    data = email_data()
    if data is not None:
        box_path = work / "cpython.mbox"
        box = mailbox.mbox(box_path)
        for path in sorted(data.glob("msg_*.txt")):
            box.add(mailbox.mboxMessage(email.message_from_bytes(path.read_bytes(), policy=policy.compat32)))
        box.flush()
        box.close()
        sets["cpython, one mailbox"] = [box_path]
    return sets


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="the revtrack source tree to run")
    ap.add_argument(
        "--detail", action="store_true", help="name each mailbox that loses words, and its last line"
    )
    args = ap.parse_args()
    hyperkitty = fetch()
    with tempfile.TemporaryDirectory(prefix="mbox-") as scratch:
        work = Path(scratch)
        for title, boxes in mailboxes(hyperkitty, work).items():
            messages = captures = 0
            want: collections.Counter[str] = collections.Counter()
            got = 0
            for box in boxes:
                count, reference = reference_words(box)
                stored, printed = ingest(args.tree, box, work)
                messages += count
                captures += (
                    int(m.group(1)) if (m := re.search(r"(\d+) capture\(s\) ingested", printed)) else 0
                )
                want += reference
                kept_here = sum((reference & words(stored)).values())
                got += kept_here
                if args.detail and kept_here < sum(reference.values()):
                    last = printed.strip().splitlines()[-1][:120] if printed.strip() else ""
                    print(f"    {box.name}: {kept_here} of {sum(reference.values())} words  {last}")
            kept = got / sum(want.values()) if want else 1.0
            print(f"## {title} ({args.tree}): {len(boxes)} file(s)")
            print(f"  messages (the standard library's count) {messages}, captures stored {captures}")
            print(f"  words kept {kept:.4f} of {sum(want.values()):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
