"""Word 97-2003 documents: a binary ``.doc`` file's text, with the ``doc`` extra (olefile).

Court papers, statements and public records still travel as ``.doc`` files. Such a file
is an OLE compound file (read with olefile) whose ``WordDocument`` stream holds the
text in pieces, listed by the piece table in the ``0Table`` or ``1Table`` stream; each
piece is one byte a character (Windows-1252) or two (UTF-16). The text is read a
paragraph a line with a blank line between, as a ``.docx`` is
(:mod:`revtrack.extract.office`), and then extracted as any plain text is:

* the main text, then footnotes, then endnotes, then text boxes, then headers and
  footers (each kept once: the file holds them once);
* a field's result, not its code (``HYPERLINK "..."``, ``PAGE``); a table cell is a
  paragraph.

Not read: comments; hidden text and tracked deletions (marked so in the file's runs of
character formatting); characters that stand for pictures, drawn objects and note marks.
A tracked insertion is text of the document. An encrypted document, a
Word 6 or 95 document and an OLE file that is no Word document are refused, one line
each.
"""

from __future__ import annotations

import io
import re
import struct

from revtrack.errors import InputError
from revtrack.extract.decode import DOCUMENT_KINDS, joined_paragraphs

__all__ = ["OLE_MAGIC", "ole_text"]

#: The first bytes of an OLE compound file (.doc, .xls, .ppt, .msg).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_IDENT = 0xA5EC
#: Word 97 and later write 0x00C1 in the FIB's version; Word 6 and 95 wrote 0x0065-0x0068,
#: and keep their text otherwise.
_WORD97 = 0x00C0

# a paragraph ends at a paragraph mark, a cell or row end, and a page or section break
_BREAKS = re.compile("[\r\x07\x0c]")
# field begin, separator and end; the characters that stand for pictures, drawn objects,
# note and comment marks (and other control characters) are no text
_DROPPED = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n\r\x07\x0b\x0c\x13\x14\x15\x1e")


def ole_text(path: str, raw: bytes) -> tuple[str, str]:
    """``(text, kind)`` of an OLE compound file's bytes: a Word 97-2003 document, or an Outlook
    message (:mod:`revtrack.extract.outlook`); one line for what cannot be read."""
    try:
        import olefile
    except ImportError:
        raise InputError(
            path, "a Word 97-2003 document or Outlook message: pip install 'revtrack[doc]' to read it"
        ) from None
    try:
        # a file object, never the bytes: olefile takes bytes under 1,536 as a file's *name*
        ole = olefile.OleFileIO(io.BytesIO(raw))
    except Exception as exc:  # olefile raises many kinds on a damaged file
        raise InputError(path, f"a damaged OLE compound file ({exc})") from None
    with ole:
        if not ole.exists("WordDocument"):
            from revtrack.extract.outlook import MSG_KIND, is_message, message_text

            if not is_message(ole):
                raise InputError(
                    path, "an OLE compound file (.xls or .ppt?), not a text capture, .doc or .msg"
                )
            try:
                return message_text(ole), MSG_KIND
            except (struct.error, OSError, ValueError) as exc:
                raise InputError(path, f"a damaged Outlook message ({exc})") from None
        try:
            word = ole.openstream("WordDocument").read()
            ident, version = struct.unpack_from("<HH", word, 0)
            (flags,) = struct.unpack_from("<H", word, 0x0A)
            if ident != _WORD_IDENT:
                raise InputError(path, "an OLE file with a WordDocument stream that is no Word document")
            if flags & 0x0100:
                raise InputError(path, "an encrypted Word document (a password is needed to read it)")
            if version < _WORD97:
                raise InputError(path, "a Word 6 or Word 95 document, which revtrack does not read")
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise InputError(path, f"a Word document without its {table_name} stream")
            table = ole.openstream(table_name).read()
            text = _document_text(word, table)
        except (struct.error, OSError, ValueError, IndexError) as exc:
            raise InputError(path, f"a damaged Word document ({exc})") from None
    return text, DOCUMENT_KINDS["doc"]


def _document_text(word: bytes, table: bytes) -> str:
    """The document's paragraphs: main text, notes, text boxes, then headers and footers."""
    counts = struct.unpack_from("<9i", word, 0x4C)  # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ...
    text, notes, headers, macros, comments, endnotes, boxes, header_boxes = counts[:8]
    if sum(max(0, c) for c in counts[:8]) > len(word):  # a character takes a byte or two
        raise ValueError("it counts more characters than its text stream holds")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x01A2)
    pieces = _pieces(table[fc_clx : fc_clx + lcb_clx])
    unseen = _unseen_runs(word, table)
    start = 0
    stories: dict[str, tuple[int, int]] = {}
    for name, size in (
        ("text", text),
        ("notes", notes),
        ("headers", headers),
        ("macros", macros),
        ("comments", comments),
        ("endnotes", endnotes),
        ("boxes", boxes),
        ("header_boxes", header_boxes),
    ):
        stories[name] = (start, start + max(0, size))
        start += max(0, size)
    paragraphs: list[str] = []
    for name in ("text", "notes", "endnotes", "boxes"):
        paragraphs.extend(_paragraphs(_characters(word, pieces, *stories[name], unseen)))
    furniture: list[str] = []
    for name in ("headers", "header_boxes"):
        furniture.extend(p.strip() for p in _paragraphs(_characters(word, pieces, *stories[name], unseen)))
    # each section keeps its own headers and footers, often the same: they are read once
    return joined_paragraphs([*paragraphs, *dict.fromkeys(furniture)])


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """The piece table: ``(first character, end, offset in the stream, one byte a character)``."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # formatting kept for pieces (Prc): skipped
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + max(0, size)
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no piece table")
    (size,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        return []
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    if any(b < a for a, b in zip(cps, cps[1:], strict=False)):
        # pieces that overlap could repeat the text without end: a damaged (or hostile) file
        raise ValueError("its piece table is out of order")
    pieces = []
    for k in range(count):
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * k + 2)
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[k], cps[k + 1], offset, compressed))
    return pieces


def _characters(
    word: bytes,
    pieces: list[tuple[int, int, int, bool]],
    start: int,
    end: int,
    unseen: list[tuple[int, int]],
) -> str:
    """The characters from ``start`` to ``end`` (character positions) across the pieces,
    less those in ``unseen`` runs (byte ranges of the stream)."""
    out: list[str] = []
    for first, last, offset, compressed in pieces:
        lo, hi = max(first, start), min(last, end)
        if lo >= hi:
            continue
        width = 1 if compressed else 2
        begin, stop = offset + width * (lo - first), offset + width * (hi - first)
        for a, b in _seen(begin, stop, unseen):
            a += (a - begin) % width  # a run boundary inside a character: the next one
            out.append(word[a:b].decode("cp1252" if compressed else "utf-16-le", errors="replace"))
    return "".join(out)


def _seen(begin: int, stop: int, unseen: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of the byte range ``[begin, stop)`` outside the ``unseen`` ranges.

    >>> _seen(0, 10, [(2, 4), (8, 20)])
    [(0, 2), (4, 8)]
    """
    parts, at = [], begin
    for a, b in unseen:
        if b <= at or a >= stop:
            continue
        if a > at:
            parts.append((at, a))
        at = max(at, b)
    if at < stop:
        parts.append((at, stop))
    return parts


#: Character properties that take a run out of the text: a tracked deletion
#: (sprmCFRMarkDel) and hidden text (sprmCFVanish); operand 1 sets them, 0x81 turns the
#: style's off into on.
_UNSEEN_SPRMS = {0x0800, 0x083C}
# the operand's size by the sprm's top three bits (6: a size byte first)
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


def _unseen_runs(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the ``WordDocument`` stream whose characters Word does not show as text:
    runs of character formatting (CHPX in the FKP pages the PlcBteChpx lists) marked as
    tracked deletions or hidden."""
    fc, lcb = struct.unpack_from("<II", word, 0xFA)
    count = (lcb - 4) // 8
    if count <= 0 or fc + lcb > len(table):
        return []
    pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
    runs: list[tuple[int, int]] = []
    for number in pages:
        page = word[(number & 0x3FFFFF) * 512 :][:512]
        if len(page) < 512:
            continue
        crun = page[511]
        if 4 * (crun + 1) + crun > 511:
            continue
        bounds = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for k in range(crun):
            at = page[4 * (crun + 1) + k] * 2
            if at and at < 511 and _is_unseen(page[at + 1 : at + 1 + page[at]]):
                runs.append((bounds[k], bounds[k + 1]))
    return sorted(runs)


def _is_unseen(grpprl: bytes) -> bool:
    """Whether a run's properties mark it as a tracked deletion or hidden."""
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        kind = sprm >> 13
        size = _OPERAND.get(kind) or (grpprl[at] + 1 if at < len(grpprl) else 1)  # 6: a size byte
        if sprm in _UNSEEN_SPRMS and at < len(grpprl) and grpprl[at] in (1, 0x81):
            return True
        at += size
    return False


def _paragraphs(characters: str) -> list[str]:
    """Paragraphs of a story's characters: fields shown as their results, marks dropped.

    >>> _paragraphs("See \\x13 HYPERLINK \\"x\\" \\x14the site\\x15.\\rTwo\\x07Three\\x0bfour\\r")
    ['See the site.', 'Two', 'Three\\nfour', '']
    """
    shown: list[str] = []
    fields: list[bool] = []  # for each open field: whether its result has begun
    for char in characters.translate(_DROPPED):
        if char == "\x13":
            fields.append(False)
        elif char == "\x14":
            if fields:
                fields[-1] = True
        elif char == "\x15":
            if fields:
                fields.pop()
        elif all(fields):
            shown.append(char)
    text = "".join(shown).replace("\x0b", "\n").replace("\x1e", "-")
    return _BREAKS.split(text)
