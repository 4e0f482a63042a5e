"""Make scraped text inert before it reaches a terminal or a JSON document.

Article text may hold ANSI CSI/OSC sequences (cursor moves, screen clears, OSC 8
links, OSC 52 clipboard writes), other C0/C1 control characters and bidi
override characters. :func:`inert` replaces each with a visible escape such as
``\\x1b`` so the bytes can be read but never act.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls except tab and newline, DEL, C1 controls, bidi marks, embeddings,
# overrides and isolates (Trojan Source), plus line/paragraph separators.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Lone surrogates too: a file name's undecodable bytes (os.fsdecode keeps them so),
# which no UTF-8 terminal or encoder accepts.
_UNSAFE_CLASS = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]"
#: Characters that take no width (soft hyphen, zero-width space and joiners, word
#: joiner, invisible operators, BOM). Left alone in unchanged text, where joiners
#: shape Persian, Indic scripts and emoji; shown in a change, or a change made of
#: them alone would look like no change at all.
_INVISIBLE_CLASS = "[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]"


# Both patterns compile on first use (half a millisecond each, at every start-up
# otherwise); plain ASCII text without control characters needs neither.
@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(_UNSAFE_CLASS)


@cache
def _invisible() -> re.Pattern[str]:
    return re.compile(_INVISIBLE_CLASS)


def _plain(text: str) -> bool:
    """ASCII with no control character but tab and newline: nothing to escape."""
    return text.isascii() and text.replace("\t", " ").replace("\n", " ").isprintable()


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: show the byte
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def path_text(path: object) -> str:
    """A file path as text any encoder takes: bytes that are not UTF-8 become ``\\xNN``.

    >>> print(path_text("caf" + chr(0xDCE9) + ".txt"))
    caf\\xe9.txt
    """
    import os

    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def inert(text: str) -> str:
    """Replace control and bidi-override characters with visible escapes.

    >>> inert("ok\\x1b[2Jgone\\x07 \\u202eevil")
    'ok\\\\x1b[2Jgone\\\\x07 \\\\u202eevil'
    >>> inert("two\\nlines\\tkept")
    'two\\nlines\\tkept'
    """
    return text if _plain(text) else _unsafe().sub(_visible, text)


def reveal(text: str) -> str:
    """:func:`inert`, with zero-width characters shown as ``<U+200B>`` (for changed text).

    >>> print(reveal("f\u200bair\u200e"))
    f<U+200B>air\u200e
    """
    if text.isascii():  # no zero-width character is ASCII
        return inert(text)
    return _invisible().sub(lambda m: f"<U+{ord(m.group(0)):04X}>", inert(text))


def inert_line(text: str) -> str:
    """Like :func:`inert` but newlines and tabs are escaped too (for one-line fields).

    >>> inert_line("a\\nb")
    'a\\\\x0ab'
    """
    # tab and newline are the only characters inert() keeps that a line must not
    # (one pattern fewer to compile at start-up)
    return inert(text).replace("\t", "\\x09").replace("\n", "\\x0a")


def safe_json(data: object) -> str:
    """JSON with non-ASCII text kept readable but C1 and bidi controls escaped.

    ``json.dumps`` already escapes C0 controls; C1 and bidi characters would pass
    through raw with ``ensure_ascii=False``.

    >>> safe_json({"t": "\\x9b31m\\u202e"})
    '{"t": "\\\\u009b31m\\\\u202e"}'
    """
    import json  # only JSON output needs it; `revtrack diff` as text starts faster

    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text if _plain(text) else _unsafe().sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


#: Config, theme and manifest files larger than this are refused unread (a
#: ``--config /dev/zero`` must not fill memory).
MAX_SMALL_FILE = 1024 * 1024


def read_small_text(path, limit: int = MAX_SMALL_FILE) -> str:
    """A small UTF-8 file's text, read at most ``limit + 1`` bytes deep.

    Raises ``OSError`` when it cannot be read, ``UnicodeDecodeError`` when it is
    not UTF-8, and ``ValueError`` when it is larger than ``limit`` (a device, a
    mistaken file).
    """
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path}: larger than {limit} bytes; not a config, theme or manifest file")
    return data.decode("utf-8")
