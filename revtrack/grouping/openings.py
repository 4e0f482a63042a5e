"""A body's opening words, and those of its later paragraphs: keys that find versions of a
story which share few of their words.

A breaking stub and the report it grew into usually share their first sentence even
when the headline was edited (:func:`opening_words`); a report written on top of
its stub, a new lede above it, holds the stub's opening at the start of a later
paragraph (:func:`inner_openings`), as does a page saved with its menus. Both are
pure ``str -> ...`` functions: :mod:`revtrack.grouping.fingerprint` hashes them.
"""

from __future__ import annotations

import re

#: Words of a body's opening that make its "opening" key (:func:`opening_words`).
OPENING_WORDS = 12
_OPENING_WORD = re.compile(r"\w+")
# a line of a block of fields opening a text: "title: ...", "From: ...", a "---" fence
_FIELD_LINE = re.compile(r"^(?:[A-Za-z][\w-]{0,30}\s*:(?:\s|$)|---$|\.\.\.$)")


def opening_words(body: str) -> str | None:
    """A body's first :data:`OPENING_WORDS` words, folded to lower case: what a breaking stub
    and the full report it became usually share when the headline was edited. A block of
    short fields opening the body (front matter, e-mail headers, an "UPDATE: ..." line) is
    passed over: the article opens after it. None for a body shorter than that.

    >>> opening_words("WASHINGTON - The Senate on Tuesday passed the budget, 51-49, after a night of votes.")
    'washington the senate on tuesday passed the budget 51 49 after a'
    >>> post = "---\\ntitle: Budget\\n---\\n\\nThe Senate on Tuesday passed the budget, 51-49, after a night."
    >>> opening_words(post)
    'the senate on tuesday passed the budget 51 49 after a night'
    >>> opening_words("Photo: Reuters") is None
    True
    """
    start = 0
    for line in body[:4000].splitlines(keepends=True):
        text = line.strip()
        if text and not (_FIELD_LINE.match(text) and len(text.split()) <= OPENING_WORDS):
            break
        start += len(line)
    else:
        start = 0  # fields all through (or a very long block): the body's own start
    words: list[str] = []
    for length in (240, 1000):  # twelve words fit in 240 characters, not always in German
        words = _words(body[start : start + length].casefold())
        if len(words) > OPENING_WORDS:  # the last may be cut short
            return " ".join(words[:OPENING_WORDS])
    return " ".join(words) if len(words) == OPENING_WORDS else None


#: Paragraphs after the first whose opening words are keys too (:func:`inner_openings`).
INNER_PARAGRAPHS = 32
# a paragraph shorter than this many characters (a menu item, a caption's credit, a
# subheading) opens no key of its own; counted in characters, not words, because
# reading words is most of the cost, and a key is read only where the paragraph is long
_INNER_MIN_CHARS = 30


def inner_openings(body: str) -> list[str]:
    """The opening words (:func:`opening_words`) read from the start of each later paragraph
    of ``body`` (up to :data:`INNER_PARAGRAPHS` of them, of 30 characters or more), from
    the paragraph's first word: where another version's opening may sit when a new lede
    was written on top of it, or when a page was saved with its menus.

    >>> body = "A new lede was written on top of the story this morning.\\n\\n" + (
    ...     "Fire broke out at the harbour on Tuesday night, and crews fought it till dawn.")
    >>> inner_openings(body) == [opening_words(body.split("\\n\\n")[1])]
    True
    >>> inner_openings("One paragraph only, with more than twelve words in it, and no other one.")
    []
    """
    out: list[str] = []
    first = opening_words(body)
    folded = body.casefold()  # once: each paragraph's words are read from a short slice of it
    start = folded.find("\n\n")
    while start != -1 and len(out) < INNER_PARAGRAPHS:
        start += 2
        end = folded.find("\n\n", start)
        if (end if end != -1 else len(folded)) - start >= _INNER_MIN_CHARS:
            words = _first_words(folded, start)
            if words is None:
                break  # fewer than twelve words left: no later paragraph opens a key either
            if words != first and words not in out:
                out.append(words)
        start = end
    return out


def _first_words(folded: str, start: int) -> str | None:
    """The first :data:`OPENING_WORDS` words of ``folded`` (folded already) from ``start``,
    as :func:`opening_words` reads them: from a short slice first (twelve words of English
    fit in 120 characters).

    >>> text = "it's the council's (re)vote: 2,000 jobs_cut, e-mail\\u00e9s and 12 more words here now ok"
    >>> _first_words(text, 0) == " ".join(_OPENING_WORD.findall(text)[:12])
    True
    >>> _first_words(text[:40], 0) is None
    True
    """
    words: list = []
    for length in (120, 240, 1000):
        words = _words(folded[start : start + length])
        if len(words) > OPENING_WORDS:  # the last may be cut short
            return " ".join(words[:OPENING_WORDS])
    return " ".join(words) if len(words) == OPENING_WORDS else None


def _words(text: str) -> list[str]:
    """The runs of word characters (``\\w+``) of ``text``; ASCII text through a byte table,
    several times faster than the regular expression, with the same words.

    >>> text = "it's the council's (re)vote: 2,000 jobs_cut, e-mails"
    >>> _words(text) == _OPENING_WORD.findall(text), _words("caf\\u00e9 au lait")
    (True, ['caf\\xe9', 'au', 'lait'])
    """
    if text.isascii():
        return [word.decode() for word in text.encode().translate(_ASCII_WORD_BYTES).split()]
    return _OPENING_WORD.findall(text)


# ASCII bytes that are word characters (letters, digits, "_") kept, every other one a space
_ASCII_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(256))
