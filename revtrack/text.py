"""Text normalisation and tokens: pure ``str -> str`` functions.

* :func:`cosmetic_normalize` folds what a reader would not call a wording change:
  Unicode compatibility forms, curly against straight quotes, dash variants and
  whitespace (paragraph breaks included). Two texts equal under it are the same
  revision.
* :func:`tokenize` and :func:`sentences` cut text into the units the diff
  compares; :mod:`revtrack.grouping.fingerprint` hashes words for grouping.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate


class CharMap:
    """A one-character-for-one replacement table, applied fast on any text.

    ``str.translate`` has a fast path for ASCII text only; on other text it
    looks every character up (about 75 ns each, 3.7 ms for an 8,000-word
    article). Replacing the table's few characters one by one runs as C
    searches instead, far faster when most of them do not occur.

    >>> CharMap({"\u2019": "'", "-": " "}).apply("Lee\u2019s long-range")
    "Lee's long range"
    """

    def __init__(self, mapping: dict[str, str]) -> None:
        self.table = str.maketrans(mapping)
        self.pairs = tuple(mapping.items())

    def apply(self, text: str) -> str:
        """``text`` with each mapped character replaced."""
        if text.isascii():
            return text.translate(self.table)
        for old, new in self.pairs:
            if old in text:
                text = text.replace(old, new)
        return text


_QUOTES = CharMap(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        # double quotes fold to the single straight quote: quote *style* is cosmetic
        '"': "'",
        "\u201c": "'",
        "\u201d": "'",
        "\u201e": "'",
        "\u201f": "'",
        "\u2033": "'",
        "\u00ab": "'",
        "\u00bb": "'",
        # dash variants: hyphen, non-breaking hyphen, figure/en/em/horizontal bar, minus
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
# A run of two or more hyphens is a typewriter em dash ("--"); fold it to one.
_MULTI_DASH = re.compile(r"-{2,}")


#: Zero-width characters (soft hyphen, zero-width space, joiners, word joiner,
#: invisible operators, BOM): inserting or removing one changes no wording.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
# a regular expression, not str.translate: translate looks each character up in a
# dict, about 10 ms on a 300 KB page with a few accented letters


# compiled when first needed: `revtrack diff` of two ASCII files needs neither (start-up)
@cache
def _invisible_run() -> re.Pattern[str]:
    return re.compile(f"[{INVISIBLE}]+")


@cache
def _visible() -> re.Pattern[str]:
    return re.compile(f"[^\\s{INVISIBLE}]")


def drop_invisible(text: str) -> str:
    """``text`` without zero-width characters.

    >>> drop_invisible("f\u200bair")
    'fair'
    """
    return text if text.isascii() else _invisible_run().sub("", text)


def has_visible(text: str) -> bool:
    """Whether ``text`` holds anything but whitespace and zero-width characters (stops at the first).

    >>> has_visible("\u200b \\n"), has_visible("\u200b a")
    (False, True)
    """
    return _visible().search(text) is not None


def fold_glyphs(text: str) -> str:
    """Curly quotes and dash variants to ASCII, one character for one (offsets are kept).

    >>> fold_glyphs("\u2018a\u2019 \u2014 b")
    "'a' - b"
    """
    return _QUOTES.apply(text)


def fold_quotes_dashes(text: str) -> str:
    """Replace curly quotes and dash variants with their ASCII forms.

    >>> fold_quotes_dashes("\u2018modernize\u2019 \u2014 \u201cironclad\u201d")
    "'modernize' - 'ironclad'"
    """
    text = _QUOTES.apply(text)
    return _MULTI_DASH.sub("-", text) if "--" in text else text


def fold_whitespace(text: str) -> str:
    """Collapse every whitespace run (paragraph breaks included) to one space.

    >>> fold_whitespace("  a\\n\\n b\\tc ")
    'a b c'
    """
    text = text.strip()
    # printable text has no whitespace but the ASCII space (every other whitespace
    # character is a separator or control); with no double space, nothing to fold
    if "  " not in text and text.isprintable():
        return text
    return " ".join(text.split())  # str.split() folds Unicode whitespace, faster than re


def cosmetic_normalize(text: str) -> str:
    """Fold the differences that are not wording: NFKC, quotes, dashes, whitespace.

    >>> cosmetic_normalize("Lee\u2019s  \u201cplan\u201d\\n\\nis \u2014 set")
    "Lee's 'plan' is - set"
    """
    return fold_whitespace(cosmetic_fold(text))


def cosmetic_fold(text: str) -> str:
    """:func:`cosmetic_normalize` except whitespace, for text about to be split on it.

    >>> cosmetic_fold("Lee\u2019s  \u201cplan\u201d\\n\\nis \u2014 set").split()
    ["Lee's", "'plan'", 'is', '-', 'set']
    """
    if not text.isascii():
        import unicodedata  # only text beyond ASCII needs it (a C module: 0.7 ms to load)

        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = _invisible_run().sub("", text)
    return fold_quotes_dashes(text)


def cosmetic_keys(text: str, units: list[str]) -> list[str]:
    """:func:`cosmetic_normalize` of each unit of ``text`` (units joined give the text).

    Quotes and dashes are folded once over the whole text (the fold keeps every
    offset), then each unit's slice only has its whitespace folded: the same
    result as normalising unit by unit, at a fraction of the calls.

    >>> cosmetic_keys("\u201cYes,\u201d  he said.\\n\\nNo.", ["\u201cYes,\u201d  he said.\\n\\n", "No."])
    ["'Yes,' he said.", 'No.']
    """
    unnormalized = False
    if not text.isascii():
        import unicodedata

        unnormalized = not unicodedata.is_normalized("NFKC", text)
    folded = _QUOTES.apply(text)  # one character for one: offsets are kept
    ends = list(accumulate(map(len, units)))
    keys = []
    for key in map(str.strip, map(folded.__getitem__, map(slice, [0, *ends[:-1]], ends))):
        if "  " in key or not key.isprintable():  # fold_whitespace, inlined: one call per sentence
            key = " ".join(drop_invisible(key).split())
        keys.append(key)
    # per key, not only when the text has "--": dropping a zero-width space can join two dashes
    keys = [_MULTI_DASH.sub("-", key) if "--" in key else key for key in keys]
    if unnormalized:  # only the units NFKC would change take the slow path
        for k, unit in enumerate(units):
            if not unit.isascii() and not unicodedata.is_normalized("NFKC", unit):
                keys[k] = cosmetic_normalize(unit)
    return keys


# ASCII and CJK punctuation to spaces: splitting the result gives words at C speed.
_PUNCT = (
    '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\u3001\u3002\uff0c\uff01\uff1f\uff1a\uff1b'
    # dashes, minus, ellipsis, bullets, guillemets, curly double quotes
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026\u2022\u00b7\u00ab\u00bb"
    "\u201a\u201c\u201d\u201e\u201f"
)
PUNCT_TO_SPACE = CharMap(dict.fromkeys(_PUNCT, " "))

#: Every character ``str.split()`` splits on.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
WHITESPACE += "\u2028\u2029\u202f\u205f\u3000"

# Punctuation and all whitespace to the ASCII space, and the two ASCII quotes that
# :func:`fold_quotes_dashes` folds to an apostrophe folded the same way (an ASCII text
# then splits as it would once folded): words are then the runs between spaces.
WORD_BREAKS = CharMap({**dict.fromkeys(_PUNCT + WHITESPACE, " "), "`": "'", '"': "'"})


# Non-ASCII breaks to a space; then, on the UTF-8 bytes, every ASCII break to a space and
# every other byte to "a": a word is where "a" follows a space (or starts the text).
_NON_ASCII_BREAKS = CharMap(dict.fromkeys((c for c in _PUNCT + WHITESPACE if not c.isascii()), " "))
_WORD_BYTES = bytes.maketrans(
    bytes(range(256)), bytes(32 if b < 128 and chr(b) in _PUNCT + WHITESPACE else 97 for b in range(256))
)  # 32 is " ", 97 is "a"


def word_count(text: str) -> int:
    """Count the words in text (runs between whitespace and punctuation): as many as
    ``str.split()`` finds once punctuation is a space, counted without making them.

    A long text's words as strings cost five times the count (0.5 ms for 60,000
    characters); the count only needs where each run begins.

    >>> word_count("One two, three -- 28,500."), word_count(" caf\u00e9\u00a0\u2014 ok ")
    (5, 2)
    """
    if not text.isascii():
        text = _NON_ASCII_BREAKS.apply(text)  # breaks beyond ASCII are spaces now
    # surrogatepass: a lone surrogate (from undecodable bytes) is a word character, as in split()
    marks = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES)
    return marks.count(b" a") + marks.startswith(b"a")


# reStructuredText's explicit markup: a comment, directive, target or footnote
# (".. include:: header.txt", ".. -*- coding: utf-8 -*-", ".. _intro:")
EXPLICIT_MARKUP = re.compile(r"\.\.(?:\s|$)")
_WORD_CHARACTER = re.compile(r"[^\W_]")


# HTML tags and comments ('<p align="center">', '<img src=... />', '<!-- toc -->'), and images:
# Markdown's, bare or as a link ('![Logo](logo.svg)', a badge '[![PyPI](...)](...)'), and
# reStructuredText's substitutions ('|Logo|', '|Build-Status|_'). What renders there is a
# picture or nothing, so a line holding only these is no title.
_TAG = re.compile(r"<[^<>]*>")
_IMAGE = re.compile(
    r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)"  # a linked image, a badge
    r"|!\[[^\]]*\]\([^)]*\)"  # an image
    r"|\|[^|\s](?:[^|]*[^|\s])?\|_{0,2}"  # a substitution reference
)


def is_title_line(line: str) -> bool:
    """Whether a stripped line can be a plain file's headline: it holds a letter or a
    digit (a rule, a setext over- or underline or an ornament such as ``* * *`` does
    not) outside HTML tags and images (a README's logo and badges, :data:`_IMAGE`), and
    is not reStructuredText's explicit markup (a comment or directive).

    >>> is_title_line("Release Procedure"), is_title_line("=" * 29), is_title_line(".. include:: header.txt")
    (True, False, False)
    >>> is_title_line("... and then it rained"), is_title_line("2026 in review")
    (True, True)
    >>> is_title_line('<p align="center">'), is_title_line("[![PyPI](https://x/v.svg)](https://x/p) |Logo|")
    (False, False)
    >>> is_title_line("<strong>HTTPX</strong> - a client"), is_title_line("| Name | Age |")
    (True, True)
    """
    if _WORD_CHARACTER.search(line) is None or EXPLICIT_MARKUP.match(line) is not None:
        return False
    if "<" in line or "|" in line or "![" in line:  # the common line has none: no substitution
        return _WORD_CHARACTER.search(_IMAGE.sub("", _TAG.sub("", line))) is not None
    return True


def paragraphs(text: str) -> list[str]:
    """Split a body into paragraphs on blank lines or single newlines.

    >>> paragraphs("a\\n\\nb\\nc")
    ['a', 'b', 'c']
    """
    return [p.strip() for p in text.splitlines() if p.strip()]


# Tokens for diffing: CJK ideographs and kana one per token (no spaces between
# words there), words with inner apostrophes and combining marks attached,
# whitespace runs, and any other character with its combining marks, variation
# selectors, skin tones and zero-width-joiner sequence (so an emoji never splits).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ufe00-\ufe0f"
_TOKEN_PATTERN = (
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
    rf"[{_MARKS}]*"
    rf"|(?:[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][{_MARKS}]*)+"
    rf"(?:['\u2019](?:[^\W][{_MARKS}]*)+)*"
    r"|\s+"
    rf"|[^\w\s][{_MARKS}\U0001f3fb-\U0001f3ff]*(?:\u200d[^\s][{_MARKS}\U0001f3fb-\U0001f3ff]*)*"
)
# Where one sentence unit ends: after . ! ? or an ellipsis (and closing quotes or
# brackets) plus whitespace, or at a line break. Chinese and Japanese end a sentence
# with 。！？ and no space (closing 」』）” may follow); Arabic, Urdu and Hindi with
# ؟ ۔ । ॥ and a space, as Latin script does. Matching boundaries only is a plain
# scan, several times faster than matching whole sentences lazily; one leading
# character class (the other branches checked by lookbehinds) lets the regex
# engine skip ahead to candidates, twice as fast again.
_CJK_FULL_STOPS = "\u3002\uff01\uff1f\uff61"
_SENTENCE_END = re.compile(
    rf"[.!?\u2026\u061f\u06d4\u0964\u0965\n{_CJK_FULL_STOPS}]"
    rf"(?:(?<=\n)|(?<=[{_CJK_FULL_STOPS}])[\u300d\u300f\uff09\u201d\"']*|[\"'\u2019\u201d)\]]*\s)\s*"
)


# Text with none of these (CJK, combining marks, joiners, variation selectors,
# emoji and their modifiers) tokenizes correctly with a much simpler pattern.
# Checked on the text's distinct characters rather than by a regex: a character
# class this large takes 1.5 ms to compile, a tenth of what `revtrack diff` on a
# short pair spends beyond the interpreter's start.
_NEEDS_FULL_TOKENIZER = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x200D, 0x200D),
    (0x20D0, 0x20FF),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0x1F000, 0x1FAFF),
    (0x20000, 0x3134F),
)
_SIMPLE_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|\s+|[^\w\s]")


def _needs_full_tokenizer(text: str) -> bool:
    """Whether text holds a character only the full tokenizer handles.

    >>> _needs_full_tokenizer("caf\u00e9 \u2019quoted\u2019"), _needs_full_tokenizer("e\u0301")
    (False, True)
    """
    for char in set(text):
        code = ord(char)
        if code >= 0x0300 and any(low <= code <= high for low, high in _NEEDS_FULL_TOKENIZER):
            return True
    return False


@cache
def _full_tokenizer() -> re.Pattern[str]:
    """The tokenizer for text beyond plain words (CJK, combining marks, emoji).

    Compiled on first use: its large character classes take milliseconds to
    compile, which a short ``revtrack diff`` of Latin text never needs to pay.
    """
    return re.compile(_TOKEN_PATTERN, re.DOTALL)


def tokenize(text: str) -> list[str]:
    """Split text into diff tokens; joining them gives the text back exactly.

    >>> tokenize("Lee's plan\u2014ok?  \u4e2d\u6587")
    ["Lee's", ' ', 'plan', '\u2014', 'ok', '?', '  ', '\u4e2d', '\u6587']
    >>> "".join(tokenize("e\u0301t\u00e9 \U0001f44d\U0001f3fd")) == "e\u0301t\u00e9 \U0001f44d\U0001f3fd"
    True
    """
    if text.isascii() and text.isalnum():
        return [text]  # one plain word: the commonest middle of a diff
    if text.isascii() or not _needs_full_tokenizer(text):
        # every character is \w, \s or neither: one of the three branches takes it, so
        # the tokens always join back to the text
        return _SIMPLE_TOKEN.findall(text)
    tokens = _full_tokenizer().findall(text)
    if sum(map(len, tokens)) != len(text):  # defensive: never lose a character
        return list(text)
    return tokens


# The end of a whitespace run holding a blank line: always a sentence unit boundary
# too (a unit ends at a line break with all the whitespace after it).
_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n\s*")


def _cut_after(text: str, boundary: re.Pattern[str]) -> list[str]:
    """``text`` cut after each match of ``boundary``; the pieces joined give it back."""
    ends = [m.end() for m in boundary.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    if not text:
        return []
    return list(map(text.__getitem__, map(slice, [0, *ends[:-1]], ends)))


def paragraph_chunks(text: str) -> list[str]:
    """Split text after each blank line (with the whitespace around it); joined, the text.

    Every chunk boundary is a boundary of :func:`sentences` as well, so the
    sentences of the chunks, in order, are the sentences of the text.

    >>> paragraph_chunks("One. Two.\\n\\n  Three\\nFour\\n \\n")
    ['One. Two.\\n\\n  ', 'Three\\nFour\\n \\n']
    """
    return _cut_after(text, _PARAGRAPH_END)


def sentences(text: str) -> list[str]:
    """Split text into sentence units, each with its trailing whitespace.

    Joining the units gives the text back exactly.

    >>> sentences("One. Two!\\n\\nSubhead\\nThree")
    ['One. ', 'Two!\\n\\n', 'Subhead\\n', 'Three']
    >>> sentences("\u627f\u8a8d\u3057\u305f\u3002\u300c\u826f\u3044\u300d\u3068\u8a00\u3063\u305f\u3002")
    ['\u627f\u8a8d\u3057\u305f\u3002', '\u300c\u826f\u3044\u300d\u3068\u8a00\u3063\u305f\u3002']
    """
    return _cut_after(text, _SENTENCE_END)
