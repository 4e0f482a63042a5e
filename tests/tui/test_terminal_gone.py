"""The app on a real terminal that goes away: it quits instead of spinning a core."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time


def _drain(fd: int, seen: list[bytes]) -> None:
    """Read the app's output until the terminal closes (a full pty would block the app)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        seen.append(chunk)


def test_the_app_quits_when_its_terminal_is_gone(seeded_db):
    """Run by `make run` in a tmux pane that was then killed, the app lived on with its
    terminal gone (the hang-up signal held back), spinning a core until it was killed by
    hand. Here the hang-up is ignored on purpose and the terminal closed under the app:
    it quits within seconds."""
    master, slave = os.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen(
        [sys.executable, "-m", "revtrack", "tui", "--db", str(seeded_db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        # what a wrapper that keeps the hang-up to itself amounts to
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    os.close(slave)
    seen: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, seen), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while b"Headline" not in b"".join(seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert b"Headline" in b"".join(seen), "the app never drew its story list"
        assert process.poll() is None
        os.close(master)  # the terminal goes away
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
