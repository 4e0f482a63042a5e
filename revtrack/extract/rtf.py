"""Rich Text Format: an ``.rtf`` file's text, as a word processor shows it.

Statements, press releases and court papers still travel as RTF (Word, WordPad,
TextEdit and LibreOffice all write it). Read as plain text, such a file is its
control words (``\\pard\\f0\\fs24``), its font table and its escapes; here it is
read into plain text, a paragraph a line with a blank line between, as a
``.docx`` is (:mod:`revtrack.extract.office`), and then extracted as any plain
text is. What a reader of the document sees is kept:

* the text of every paragraph, table cell, field result and text box, in order (a
  text box once: its drawn fallback is skipped), and an embedded object's rendering;
* characters written as ``\\'hh`` bytes in the document's code page (or in the
  code page of the font they are set in: a Cyrillic or Japanese font in a Western
  document), and as ``\\uN`` Unicode escapes (their ANSI fallback skipped);
* footnotes after the text, then page headers and footers (each kept once).

Not the document's words: its tables of fonts, colours and styles, its
information block, pictures and embedded objects' data, field codes (``HYPERLINK
"..."``), comments, hidden text and tracked deletions, and every destination a
reader may ignore (``{\\*\\...}``). Standard library only. Nesting is walked with
a stack, not recursion, so no depth of braces can crash it.
"""

from __future__ import annotations

import codecs
import re

from revtrack.errors import InputError
from revtrack.extract.decode import DOCUMENT_KINDS, joined_paragraphs

__all__ = ["RTF_KIND", "is_rtf", "rtf_text"]

#: The kind read, as named in a capture's record (its "encoding").
RTF_KIND = DOCUMENT_KINDS["rtf"]

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # a control word and its parameter
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the current code page
    rb"|\\([^a-zA-Z'])"  # a control symbol (\{ \} \\ \~ \- \_ \*, or a line end)
    rb"|([{}])"
    rb"|[\r\n]+"  # line ends in the file are not text
    rb"|([^\\{}\r\n]+)",
    re.S,
)

#: Destinations whose text is not the document's (the rest of their group is skipped).
_SKIPPED = frozenset(
    "fonttbl colortbl stylesheet info pict object objdata fldinst themedata colorschememapping "
    "latentstyles datastore listtable listoverridetable revtbl rsidtbl generator filetbl "
    "annotation atnid atnauthor atndate atnicn atnref atntime atrfstart atrfend xe tc tcn txe rxe "
    "bkmkstart bkmkend template docvar nonshppict shpinst pntxta pntxtb xmlnsTbl mmathPr "
    "userprops password passwordhash protusertbl wgrffmtfilter pgdsctbl ftnsep ftnsepc ftncn "
    "aftnsep aftnsepc aftncn shprslt".split()
)
#: Text inside a skipped group that is the document's after all: a text box's paragraphs
#: (inside a shape's instructions; its drawn fallback, ``shprslt``, is skipped, so the box is
#: read once) and an embedded object's rendering.
_READ_AGAIN = frozenset({"shptxt", "result"})
#: Destinations read after the body: notes, then the page headers and footers.
_NOTES = frozenset({"footnote"})
_FURNITURE = frozenset("header headerl headerr headerf footer footerl footerr footerf".split())
#: Control words that end a paragraph (a table cell is a paragraph, as in a .docx).
_PARAGRAPH_ENDS = frozenset({"par", "sect", "page", "cell", "nestcell", "row", "nestrow"})
_CHARACTERS = {
    "line": "\n",
    "tab": "\t",
    "emdash": "\u2014",
    "endash": "\u2013",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "bullet": "\u2022",
    "emspace": "\u2003",
    "enspace": "\u2002",
    "qmspace": "\u2005",
    "zwj": "\u200d",
    "zwnj": "\u200c",
}
_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"{": "{", b"}": "}", b"\\": "\\", b"\t": "\t"}
#: A font's ``\fcharset`` as a code page (0 and 1, "ANSI" and "default", leave the
#: document's own code page: TextEdit writes Cyrillic in ``\ansicpg1251`` under
#: ``\fcharset0`` fonts).
_CHARSETS = {
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "gbk",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    254: "cp437",
    255: "cp437",
}


def is_rtf(raw: bytes) -> bool:
    r"""Whether a capture's bytes are an RTF document (``{\rtf`` first, after any blank).

    >>> is_rtf(b"{\\rtf1\\ansi hello}"), is_rtf(b"  {\\rtf1 x}"), is_rtf(b"{\\rt x}")
    (True, True, False)
    """
    return raw[:4096].lstrip()[:5] == b"{\\rtf"


def _code_page(number: int | None, fallback: str) -> str:
    """A code page number as a codec name, or ``fallback`` where Python has none."""
    if number is None:
        return fallback
    name = f"cp{number}" if number != 10000 else "mac_roman"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return fallback


class _Group:
    """What a group of braces sets: where its text goes, and how bytes read in it."""

    __slots__ = ("fallback", "font_page", "hidden", "in_fonts", "resume", "target")

    def __init__(self) -> None:
        self.target = "body"  # "body", "notes", "furniture", or "" (not the document's text)
        self.resume = ""  # where a skipped group's text box or object rendering is read to
        self.fallback = 1  # \ucN: characters after a \uN that stand in for it
        self.font_page = ""  # the current font's code page, "" for the document's
        self.hidden = False  # \v hidden text or a \deleted tracked deletion
        self.in_fonts = False

    def skip(self) -> None:
        """The rest of the group is not the document's text (a text box inside it is)."""
        self.resume = self.target or self.resume
        self.target = ""

    def copy(self) -> _Group:
        twin = _Group.__new__(_Group)
        twin.target, twin.fallback, twin.font_page = self.target, self.fallback, self.font_page
        twin.hidden, twin.in_fonts, twin.resume = self.hidden, self.in_fonts, self.resume
        return twin


class _Reader:
    """One pass over an RTF document's tokens."""

    def __init__(self) -> None:
        self.document_page = "cp1252"
        self.font_pages: dict[int, str] = {}
        self.font_being_defined: int | None = None
        self.paragraphs: dict[str, list[str]] = {"body": [], "notes": [], "furniture": []}
        self.lines: dict[str, list[str]] = {"body": [], "notes": [], "furniture": []}
        self.pending = bytearray()  # \'hh bytes not yet decoded (a double-byte character spans two)
        self.pending_group: _Group | None = None
        self.high_surrogate = 0
        self.to_skip = 0  # fallback characters still to skip after a \uN

    def text(self, group: _Group, chars: str) -> None:
        self.flush()
        if group.target and not group.hidden and not group.in_fonts and chars:
            self.lines[group.target].append(chars)

    def byte(self, group: _Group, value: int) -> None:
        if self.pending and self.pending_group is not group:
            self.flush()
        self.pending.append(value)
        self.pending_group = group

    def flush(self) -> None:
        if not self.pending:
            return
        group, data = self.pending_group, bytes(self.pending)
        self.pending.clear()
        self.pending_group = None
        assert group is not None
        page = group.font_page or self.document_page
        self.text(group, data.decode(page, errors="replace"))

    def end_paragraph(self, group: _Group) -> None:
        self.flush()
        target = group.target
        if target and not group.in_fonts:
            self.paragraphs[target].append("".join(self.lines[target]))
            self.lines[target] = []

    def unicode(self, group: _Group, value: int) -> None:
        value %= 0x10000  # a negative parameter is the upper half of the 16-bit range
        if 0xD800 <= value < 0xDC00:
            self.high_surrogate = value
            return
        if 0xDC00 <= value < 0xE000 and self.high_surrogate:
            value = 0x10000 + ((self.high_surrogate - 0xD800) << 10) + (value - 0xDC00)
        self.high_surrogate = 0
        if 0xD800 <= value < 0xE000:
            value = 0xFFFD  # a lone surrogate cannot stand in a str
        self.text(group, chr(value))

    def finish(self) -> str:
        for target in self.lines:
            if self.lines[target]:
                self.paragraphs[target].append("".join(self.lines[target]))
        # each section may repeat its page headers and footers: they are read once
        furniture = list(dict.fromkeys(p.strip() for p in self.paragraphs["furniture"]))
        return joined_paragraphs([*self.paragraphs["body"], *self.paragraphs["notes"], *furniture])


def rtf_text(path: str, raw: bytes) -> tuple[str, str]:
    r"""``(text, kind)`` of an RTF document's bytes.

    >>> rtf_text("a.rtf", b"{\\rtf1{\\fonttbl\\f0 Times;}\\f0 Caf\\'e9 \\ldblquote ok\\rdblquote\\par Two}")
    ('Café “ok”\n\nTwo', 'rtf (Rich Text Format)')
    >>> field = b"{\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt site}}"
    >>> rtf_text("b.rtf", b"{\\rtf1 \\u26085?\\u26412? {\\*\\generator Word;}" + field + b"}")[0]
    '日本 site'
    """
    reader = _Reader()
    stack: list[_Group] = []
    group = _Group()
    position, size = 0, len(raw)
    if not is_rtf(raw):
        raise InputError(path, "not an RTF document")
    skip_next_destination = False  # after {\*: the next control word names an ignorable group
    just_opened = False  # the last token opened a group (only there does \* mark one)
    match = _TOKEN.match
    while position < size:
        token = match(raw, position)
        if token is None:  # a lone backslash at the end: nothing more to read
            break
        position = token.end()
        word, parameter, hexbyte, symbol, brace, chars = token.groups()
        if word is None and symbol != b"*" and (brace or chars or hexbyte or symbol):
            skip_next_destination = False  # \* names the control word right after it, or nothing
        opened, just_opened = just_opened, brace == b"{"
        if reader.to_skip and (hexbyte or chars or (word and word != b"bin") or symbol):
            # the ANSI stand-in for the last \uN: one character, byte or control per count
            if chars and len(chars) > reader.to_skip:
                chars = chars[reader.to_skip :]
                reader.to_skip = 0
            elif chars:
                reader.to_skip -= len(chars)
                continue
            else:
                reader.to_skip -= 1
                continue
        if brace == b"{":
            reader.flush()
            stack.append(group)
            group = group.copy()
            continue
        if brace == b"}":
            reader.flush()
            reader.to_skip = 0
            outer = stack.pop() if stack else group
            if group.target in ("notes", "furniture") and outer.target != group.target:
                reader.end_paragraph(group)  # a note's or header's last paragraph ends with it
            group = outer
            continue
        if chars is not None:
            if not group.target:
                continue
            if max(chars) < 0x80:
                reader.text(group, chars.decode("ascii"))
            else:  # raw 8-bit bytes: text in the current code page, as \'hh would be
                for value in chars:
                    reader.byte(group, value)
            continue
        if hexbyte is not None:
            if group.target:
                reader.byte(group, int(hexbyte, 16))
            continue
        if symbol is not None:
            if symbol == b"*":
                # a stray \* (not at a group's start) would blank the rest of its group: ignored
                skip_next_destination = opened
            elif symbol in (b"\n", b"\r"):
                reader.end_paragraph(group)
            elif symbol in _SYMBOLS and group.target:
                reader.text(group, _SYMBOLS[symbol])
            continue
        if word is None:  # a run of line ends
            continue
        name = word.decode("ascii")
        value = int(parameter) if parameter is not None else None
        if skip_next_destination:
            skip_next_destination = False
            group.skip()
            continue
        if name in _READ_AGAIN and group.resume:  # a text box's text, an object's rendering
            group.target = group.resume
            continue
        if name == "bin":  # raw binary data follows: skipped by its length, never read as text
            reader.flush()
            position += max(0, value or 0)
            continue
        if name in _SKIPPED:
            reader.flush()
            if name == "fonttbl":
                group.in_fonts = True
            else:
                group.skip()
            continue
        if name in _NOTES or name in _FURNITURE:
            reader.flush()
            if group.target:  # read after the body; the body's paragraph goes on around a note
                group.target = "notes" if name in _NOTES else "furniture"
            continue
        _control(reader, group, name, value)
    reader.flush()
    return reader.finish(), RTF_KIND


def _control(reader: _Reader, group: _Group, name: str, value: int | None) -> None:
    """One control word that neither opens a destination nor skips data."""
    if group.in_fonts:  # the font table: which code page each font's bytes are in
        if name == "f" and value is not None:
            reader.font_being_defined = value
        elif name == "fcharset" and value in _CHARSETS and reader.font_being_defined is not None:
            reader.font_pages[reader.font_being_defined] = _CHARSETS[value]
        elif name == "cpg" and reader.font_being_defined is not None and value not in (None, 0):
            reader.font_pages[reader.font_being_defined] = _code_page(value, reader.document_page)
        return
    if name in _PARAGRAPH_ENDS:
        reader.end_paragraph(group)
    elif name in _CHARACTERS:
        reader.text(group, _CHARACTERS[name])
    elif name == "u" and value is not None:
        reader.flush()
        if group.target and not group.hidden:
            reader.unicode(group, value)
        reader.to_skip = group.fallback
    elif name == "uc" and value is not None:
        group.fallback = max(0, min(value, 16))
    elif name == "f" and value is not None:
        reader.flush()
        group.font_page = reader.font_pages.get(value, "")
    elif name == "ansicpg":
        reader.document_page = _code_page(value, reader.document_page)
    elif name in ("mac", "pc", "pca"):
        reader.document_page = {"mac": "mac_roman", "pc": "cp437", "pca": "cp850"}[name]
    elif name in ("v", "deleted", "webhidden"):
        reader.flush()
        group.hidden = value != 0
    elif name == "plain":  # character formatting back to the defaults (hidden text ends)
        reader.flush()
        group.hidden = False
