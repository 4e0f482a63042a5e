"""Decoding a capture's bytes (any encoding scrapers produce) and refusing binary input.

Kept apart from extraction so that ``revtrack diff`` on two files loads nothing
but this.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from revtrack.errors import InputError
from revtrack.text import has_visible

__all__ = [
    "DOCUMENT_KINDS",
    "DOCUMENT_TYPES",
    "decode_bytes",
    "decode_capture",
    "document_of",
    "joined_paragraphs",
]

#: A word processor's document, as a capture's record names what its bytes were (its
#: "encoding"). Such a text is its author's: it has no menus, footers or site chrome,
#: so ``--layout auto`` reads it as plain text, every line kept.
DOCUMENT_KINDS = {
    "docx": "docx (Office Open XML)",
    "odt": "odt (OpenDocument text)",
    "rtf": "rtf (Rich Text Format)",
    "doc": "doc (Word 97-2003)",
}


#: The content types a server (or a web archive) gives the documents revtrack reads: a PDF,
#: the word processors' files and an Outlook message. Their bytes, not the type, decide how
#: each is read (:func:`decode_bytes`); the type only lets ``fetch`` take them.
DOCUMENT_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/rtf",
    "text/rtf",
    "application/msword",
    "application/vnd.ms-outlook",
)


def document_of(encoding: str) -> str:
    """The word processor's document kind a decoded capture was read from, or "" for text.

    >>> document_of("rtf (Rich Text Format)"), document_of("utf-8")
    ('rtf (Rich Text Format)', '')
    """
    return encoding if encoding in DOCUMENT_KINDS.values() else ""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, line ends and form feed: text has almost none.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def joined_paragraphs(paragraphs: Iterable[str]) -> str:
    r"""A document's paragraphs a line each, a blank line between; empty ones (spacing) left out.

    >>> joined_paragraphs(["Title ", "", "  Text  \nmore"])
    'Title\n\nText\nmore'
    """
    return "\n\n".join(p for p in (re.sub(r"[ \t]+\n", "\n", p).strip() for p in paragraphs) if p)


def decode_bytes(path: str, raw: bytes, newlines: bool = True) -> tuple[str, str]:
    """Decode a capture's bytes: ``(text with \\n line ends, encoding used)``.

    UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 with one (or
    UTF-16 without, recognised by its zero bytes), and legacy single-byte
    encodings (Windows-1252, Latin-1 and others, detected by charset-normalizer).
    CRLF and CR line ends become LF (unless ``newlines`` is False: ``revtrack
    diff`` keeps a file's text exactly). Empty and truly binary input is refused.

    >>> decode_bytes("a.txt", "caf\u00e9".encode())
    ('caf\u00e9', 'utf-8')
    >>> decode_bytes("a.txt", "caf\u00e9 ok".encode("utf-16"))
    ('caf\u00e9 ok', 'utf-16')
    >>> decode_bytes("a.txt", "d\u00e9j\u00e0 vu \u2014 \u201cquoted\u201d".encode("cp1252"))
    ('d\u00e9j\u00e0 vu \u2014 \u201cquoted\u201d', 'cp1252')
    >>> decode_bytes("a.bin", b"\\x00\\x01")
    Traceback (most recent call last):
    ...
    revtrack.errors.InputError: a.bin: binary file (NUL bytes), not a text capture
    """
    if path.endswith(".gz"):
        raw = gunzip(path, raw)
    if not raw.strip():
        raise InputError(path, "empty file")
    if raw[:4] == b"PK\x03\x04":  # a zip: a .docx or .odt document is read as its text
        from revtrack.extract.office import office_text

        text, encoding = office_text(path, raw)
    elif raw[:5] == b"%PDF-":  # a PDF's text layer, with the pdf extra
        from revtrack.extract.pdf import pdf_text

        text, encoding = pdf_text(path, raw)
    elif raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE file: a .doc or an Outlook .msg
        from revtrack.extract.word97 import ole_text

        text, encoding = ole_text(path, raw)
    elif raw[:4096].lstrip()[:5] == b"{\\rtf":  # an RTF document: its text, not its control words
        from revtrack.extract.rtf import rtf_text

        text, encoding = rtf_text(path, raw)
    else:
        text, encoding = _decode(path, raw)
    if "\x00" in text:  # past the sniffed head too: text never holds NUL
        raise InputError(path, f"binary file (NUL characters), not a text capture (read as {encoding})")
    if not has_visible(text):
        raise InputError(path, "no visible text (blank or zero-width characters only)")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(path, f"binary file (control bytes), not a text capture (read as {encoding})")
    if not newlines:
        return text, encoding
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


#: A gzipped capture may not inflate beyond this (a gzip bomb is refused, not inflated).
MAX_GUNZIPPED = 50 * 1024 * 1024


def gunzip(path: str, raw: bytes, limit: int = MAX_GUNZIPPED) -> bytes:
    """The bytes of a gzipped capture, refused once they pass ``limit``.

    >>> import gzip
    >>> gunzip("a.html.gz", gzip.compress(b"<p>x</p>"))
    b'<p>x</p>'
    """
    import zlib

    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise InputError(path, f"not valid gzip ({exc})") from None
    if len(out) > limit:
        raise InputError(path, f"inflates past the {limit}-byte limit (a gzip bomb?)")
    return out


def _decode(path: str, raw: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid {encoding} (byte {exc.start}: {exc.reason})") from None
    head = raw[:65536]
    if b"\x00" in head:
        utf16 = _bomless_utf16(head)
        if utf16 is not None:
            try:
                return raw.decode(utf16), utf16
            except UnicodeDecodeError:
                pass
        raise InputError(path, "binary file (NUL bytes), not a text capture")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"byte {exc.start}: {exc.reason}"
    declared = declared_encoding(head[:4096])
    if declared:
        try:
            return raw.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong: the bytes say which encoding they are in
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    best = from_bytes(raw).best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        from revtrack.extract.mime import looks_like_mime

        if looks_like_mime(path, raw[:8192].decode("latin-1")):
            # a mail whose parts are in several charsets: each part is read in its own
            # (revtrack.extract.mime parses the bytes again), so any byte-for-byte reading will do
            return raw.decode("latin-1"), "latin-1"
        raise InputError(path, f"not valid UTF-8 ({utf8_error}) and no other text encoding fits")
    encoding = codecs.lookup(best.encoding).name
    text = raw.decode(encoding)
    try:
        as_1252 = raw.decode("cp1252")
    except UnicodeDecodeError:
        return text, encoding
    if encoding.startswith(_EAST_ASIAN) and _EAST_ASIAN_SCRIPT.search(text):
        # a multi-byte encoding that reads as Chinese, Japanese or Korean: charset-normalizer
        # gives such short texts no language coherence, and as Windows-1252 they are noise
        return text, encoding
    if as_1252 == text or best.coherence < 0.1:
        # the same text, or no language evidence either way (a short text):
        # the web's most common legacy encoding wins
        return as_1252, "cp1252"
    return text, encoding


#: An encoding named in an XML declaration or an HTML ``<meta>`` (``charset=...``).
_DECLARATION = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
    rb"""|<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
#: Multi-byte encodings of Chinese, Japanese and Korean, by the prefix of their codec names.
_EAST_ASIAN = ("euc_", "shift_jis", "iso2022_", "gb", "big5", "cp932", "cp949", "cp950", "johab", "hz")
_EAST_ASIAN_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def declared_encoding(head: bytes) -> str | None:
    """The encoding a file names for itself (an XML declaration, an HTML ``<meta>``), where
    Python knows it and it keeps ASCII as ASCII; Latin-1 and ASCII are read as Windows-1252,
    as browsers read them.

    >>> declared_encoding(b'<?xml version="1.0" encoding="euc-kr"?><rss/>')
    'euc_kr'
    >>> declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    'cp1252'
    >>> declared_encoding(b'<?xml version="1.0" encoding="utf-16"?>') is None  # not ASCII's bytes
    True
    """
    found = _DECLARATION.search(head)
    if not found:
        return None
    name = (found.group(1) or found.group(2)).decode("ascii")
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    try:
        if "<a =>".encode(encoding) != b"<a =>":
            return None
    except UnicodeError:
        return None
    return encoding


def _bomless_utf16(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when zero bytes sit in every other position."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_capture(path: str, raw: bytes) -> str:
    """Decode a capture's bytes to text (see :func:`decode_bytes`), refusing binary and empty files.

    >>> decode_capture("a.txt", "caf\u00e9".encode())
    'caf\u00e9'
    """
    return decode_bytes(path, raw)[0]
