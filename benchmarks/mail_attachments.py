"""Files attached to real mail: read as articles of the message, or named; never lost silently.

    python benchmarks/mail_attachments.py              # the after figures, this tree
    python benchmarks/mail_attachments.py --tree DIR   # the same with the revtrack in DIR

Two sets of real messages nobody tuned on:

* the Outlook messages msg_parser 1.2.0 tests with (``.msg``, fetched into
  ``benchmarks/.office-doc/`` by ``python benchmarks/office_docs.py --doc``): a message
  with ten attachments (forwarded messages, PDFs, a picture), a bounce holding the
  message it returns, a message inside a message;
* the messages CPython's own ``email`` package tests with (``test/test_email/data``,
  65 files read as ``.eml``): text, pictures, a RISC OS file, a PGP signature.

Each message goes through ``revtrack ingest`` in its own process. Its attachments are
found independently (olefile's listing, the standard library's ``email`` walk) and each
one with bytes of its own is also ingested alone, as a file of its name. Figures: how
many attachments are named in the ingest's warning line as not read, how many are read
as articles of the message (not named; an attached message: its subject is a headline),
the share of the words revtrack reads from those files alone that are found in the
message's articles, and how many attachments are neither read nor named: lost without
a word.
"""

from __future__ import annotations

import argparse
import collections
import email
import re
import sqlite3
import subprocess
import sys
import tempfile
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MSG_FOLDER = ROOT / "benchmarks" / ".office-doc"
WORD = re.compile(r"\w+")


def email_data() -> Path | None:
    """CPython's test messages, where this Python installs its tests."""
    import test

    folder = Path(test.__file__).parent / "test_email" / "data"
    return folder if folder.is_dir() else None


def attachments(path: Path) -> list[tuple[str, bytes | str]]:
    """A message's attachments as ``(name, bytes)``; for an attached message (an Outlook
    message storage, not read alone) its subject instead of bytes."""
    raw = path.read_bytes()
    if path.suffix == ".msg":
        import olefile

        ole = olefile.OleFileIO(raw)

        def string(at: str, *props: str) -> str:
            for prop in props:
                if ole.exists(f"{at}/__substg1.0_{prop}"):
                    return ole.openstream(f"{at}/__substg1.0_{prop}").read().decode("utf-16-le").strip("\0")
            return ""

        found: list[tuple[str, bytes | str]] = []
        for storage in sorted({e[0] for e in ole.listdir(storages=True) if e[0].startswith("__attach")}):
            name = string(storage, "3707001F", "3704001F", "3001001F") or "attachment"
            if ole.exists(f"{storage}/__substg1.0_3701000D"):
                found.append((name, string(f"{storage}/__substg1.0_3701000D", "0037001F")))
            elif ole.exists(f"{storage}/__substg1.0_37010102"):
                found.append((name, ole.openstream(f"{storage}/__substg1.0_37010102").read()))
            else:
                found.append((name, b""))
        return found
    message = email.message_from_bytes(raw, policy=policy.compat32)
    found = []
    for part in message.walk():
        if part.is_multipart() or not (part.get_filename() or part.get_content_disposition() == "attachment"):
            continue
        if part.get_content_maintype() == "image" and part.get("Content-ID"):
            continue  # a picture the message's HTML shows
        payload = part.get_payload(decode=True)
        found.append((part.get_filename() or "attachment", payload if isinstance(payload, bytes) else b""))
    return found


def run_revtrack(tree: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m revtrack ARGS`` with the revtrack in ``tree`` (run from ``cwd``, away from this
    checkout: ``python -m`` puts the working folder first on the path)."""
    return subprocess.run(
        [sys.executable, "-m", "revtrack", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )


def ingest(tree: Path, path: Path, work: Path) -> tuple[str | None, str]:
    """``revtrack ingest`` of one file: (its revisions' text or None if refused, all it printed)."""
    db = work / (path.name + ".db")
    run = run_revtrack(tree, work, "ingest", str(path), "--db", str(db), "--captured-at", "2026-01-01")
    printed = run.stdout + run.stderr
    if run.returncode:
        return None, printed
    conn = sqlite3.connect(db)
    (text,) = conn.execute("SELECT group_concat(headline || ' ' || body, ' ') FROM revisions").fetchone()
    conn.close()
    return text or "", printed


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(w.lower() for w in WORD.findall(text))


def score(tree: Path, messages: list[tuple[Path, str]]) -> dict:
    """Each message ingested, each of its attachments accounted for."""
    figures = collections.Counter()
    kept = total = 0
    lost: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mail-") as scratch:
        work = Path(scratch)
        for k, (path, suffix) in enumerate(messages):
            copy = work / f"{k:03d}-{path.stem}{suffix}"
            copy.write_bytes(path.read_bytes())
            text, printed = ingest(tree, copy, work)
            figures["messages"] += 1
            figures["messages refused"] += text is None
            found = attachments(copy)
            figures["attachments"] += len(found)
            mail_words = words(text or "")
            for j, (name, raw) in enumerate(found):
                named = name in printed
                if isinstance(raw, str):  # an attached message: read when its subject is a headline
                    read = text is not None and bool(raw) and raw in text
                    figures["attached messages"] += 1
                    figures["read as articles"] += read
                    figures["named, not read"] += named and not read
                    if not (read or named):
                        lost.append(f"{path.name}: {name}")
                    continue
                safe = re.sub(r"[^\w.-]", "_", Path(name).name) or "attachment"
                alone = work / f"{k:03d}-{j}-{safe}"
                alone.write_bytes(raw)
                alone_text, _ = ingest(tree, alone, work) if raw else (None, "")
                if alone_text is not None and text is not None and not named:
                    want = words(alone_text)
                    got = sum((want & mail_words).values())
                    kept, total = kept + got, total + sum(want.values())
                    if got >= 0.99 * sum(want.values()):  # its words are in the message's articles
                        figures["read as articles"] += 1
                        continue
                if named:
                    figures["named, not read"] += 1
                else:
                    lost.append(f"{path.name}: {name}")
    figures["lost silently"] = len(lost)
    return {"figures": dict(figures), "words kept": kept / total if total else 0.0, "lost": lost}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="the revtrack source tree to run")
    args = ap.parse_args()
    sets = {}
    outlook = sorted(MSG_FOLDER.glob("*.msg"))
    if outlook:
        sets["msg_parser's Outlook messages"] = [(p, ".msg") for p in outlook]
    else:
        print("no .msg files: run python benchmarks/office_docs.py --doc first", file=sys.stderr)
    data = email_data()
    if data is not None:
        sets["CPython's email test messages"] = [(p, ".eml") for p in sorted(data.glob("msg_*.txt"))]
    for title, messages in sets.items():
        result = score(args.tree, messages)
        print(f"## {title} ({args.tree})")
        print("  " + ", ".join(f"{key} {value}" for key, value in result["figures"].items()))
        print(f"  words of the attachments read alone, in the message's articles: {result['words kept']:.4f}")
        for line in result["lost"]:
            print(f"  lost: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
