"""Line classification used by the structural page parser.

A scraped page is a list of lines. Each line is blank, prose (a sentence or
paragraph), short (a headline, an outlet, a label, site chrome), a bullet
(``- Politics``, ``• Korea Herald``) or a date line. The parser reasons only
about these classes and their order, never about particular strings.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*[-\u2022\u00b7*\u25aa\u2013]\s+(?P<value>\S.*?)\s*$")
# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*$|[\"'\u2019\u201d]$")
_WORD = re.compile(r"\w+", re.UNICODE)


def word_total(line: str) -> int:
    """Count word-like runs in a line.

    >>> word_total("Lee, Trump likely to outline")
    5
    """
    return len(_WORD.findall(line))


def is_prose(line: str) -> bool:
    """True for a line that reads as running text rather than a label or headline.

    >>> is_prose("The US has called for South Korea to increase its defense spending.")
    True
    >>> is_prose("Alliance modernization gains focus")
    False
    >>> is_prose("No comments yet...")
    False
    """
    text = line.strip()
    n = word_total(text)
    if n >= 20:
        return True
    return n >= 4 and bool(_SENTENCE_END.search(text))


def bullet_value(line: str) -> str | None:
    """Return the text of a bullet line, or None when the line is not a bullet.

    >>> bullet_value("  \u2022 Korea Herald")
    'Korea Herald'
    >>> bullet_value("- Politics")
    'Politics'
    >>> bullet_value("-5 degrees") is None
    True
    """
    m = _BULLET.match(line)
    if not m or word_total(m.group("value")) > 8:
        return None
    return m.group("value")


def could_be_outlet(text: str) -> bool:
    """True when glued text in front of a date may be an outlet name.

    An icon label such as ``time`` (one lowercase word) is not an outlet.

    >>> could_be_outlet("Korea Herald"), could_be_outlet("time"), could_be_outlet("")
    (True, False, False)
    """
    text = text.strip()
    if not text or word_total(text) > 6 or is_prose(text):
        return False
    return any(ch.isupper() for ch in text) or " " in text
