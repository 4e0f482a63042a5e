"""How many columns a line takes on a terminal, as a tool that wraps text counts them.

A wrapped line's length is measured in columns, not characters: a Chinese or Japanese
character takes two, a combining mark (Thai vowels above and below) none. Counted in
characters, Chinese wrapped at 25-30 characters fell under the narrowest width of a
wrapped line and read as a page's menu.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Myanmar,
# Khmer): a wrapper breaks their lines between any two characters, so the "next word" that
# would not have fitted is one character.
UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\u3000-\u303f\uff00-\uffef]"
)


# East Asian wide and full-width characters: two columns each (the blocks wcwidth counts so)
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


@cache
def _zero_width() -> re.Pattern[str]:
    """Characters a terminal prints in no column: combining marks (Thai vowels above and
    below, accents set apart) and format controls, from the Unicode database, once."""
    blocks = (range(0x300, 0x1E00), range(0x200B, 0x2070), range(0xFE00, 0xFE30), range(0xFEFF, 0xFF00))
    zero = [chr(c) for block in blocks for c in block if unicodedata.category(chr(c)) in ("Mn", "Me", "Cf")]
    return re.compile("[" + "".join(re.escape(c) for c in zero) + "]")


def columns(line: str) -> int:
    """How many columns a line takes on a terminal, as a wrapping tool counts them: a Chinese
    or Japanese character two, a combining mark (Thai vowels above and below) none.

    >>> columns("wrapped text"), columns("\u65e5\u672c\u9280\u884c"), columns("\u0e17\u0e35\u0e48")
    (12, 8, 1)
    """
    if line.isascii():
        return len(line)
    return len(line) - len(_zero_width().findall(line)) + len(_WIDE.findall(line))
