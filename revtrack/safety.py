"""Make scraped text inert before it reaches a terminal or a JSON document.

Article text may hold ANSI CSI/OSC sequences (cursor moves, screen clears, OSC 8
links, OSC 52 clipboard writes), other C0/C1 control characters and bidi
override characters. :func:`inert` replaces each with a visible escape such as
``\\x1b`` so the bytes can be read but never act.
"""

from __future__ import annotations

import json
import re

# C0 controls except tab and newline, DEL, C1 controls, and bidi embeddings,
# overrides and isolates (Trojan Source), plus line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """Replace control and bidi-override characters with visible escapes.

    >>> inert("ok\\x1b[2Jgone\\x07 \\u202eevil")
    'ok\\\\x1b[2Jgone\\\\x07 \\\\u202eevil'
    >>> inert("two\\nlines\\tkept")
    'two\\nlines\\tkept'
    """
    return _UNSAFE.sub(_visible, text)


def inert_line(text: str) -> str:
    """Like :func:`inert` but newlines and tabs are escaped too (for one-line fields).

    >>> inert_line("a\\nb")
    'a\\\\x0ab'
    """
    return _UNSAFE_ONE_LINE.sub(_visible, text)


def safe_json(data: object) -> str:
    """JSON with non-ASCII text kept readable but C1 and bidi controls escaped.

    ``json.dumps`` already escapes C0 controls; C1 and bidi characters would pass
    through raw with ``ensure_ascii=False``.

    >>> safe_json({"t": "\\x9b31m\\u202e"})
    '{"t": "\\\\u009b31m\\\\u202e"}'
    """
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
