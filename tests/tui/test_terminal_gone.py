"""The app on a real terminal that goes away: it quits instead of spinning a core."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time


def _read_until(fd: int, marker: bytes, seconds: float) -> bytes:
    """The app's output until ``marker`` appears (read in the test's own thread: a read
    blocked in another thread would keep the terminal open after it is closed here)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


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
    try:
        assert b"Headline" in _read_until(master, b"Headline", 30), "the app never drew its story list"
        # let it settle: the terminal check starts once the app has mounted
        _read_until(master, b"\x00never", 1.0)
        assert process.poll() is None
        os.close(master)  # the terminal goes away
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
