"""Word-processor documents: a ``.docx`` (Office Open XML) or ``.odt`` (OpenDocument) file's text.

Press releases, statements and drafts travel as word-processor files. Such a file is
a zip of XML parts; its text is read here into plain text, a paragraph a line with a
blank line between, in document order, and then extracted as any plain text is
(the first title line is the headline). Nothing a reader of the document sees is
left out:

* paragraphs, headings, list items, table cells and text boxes, in order;
* footnotes and endnotes after the text, then the page headers and footers (each
  kept once: the file holds them once, whatever the number of pages);
* a tracked insertion is text of the document; a tracked deletion is not (Word
  shows it struck through, and it is no longer in the document), nor is hidden text.

Comments (a reviewer's notes beside the text) and field codes (``PAGE``) are not
the document's words. Standard library only: ``zipfile`` and ``ElementTree``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from xml.etree import ElementTree

from revtrack.errors import InputError
from revtrack.extract.decode import DOCUMENT_KINDS, joined_paragraphs

__all__ = ["OFFICE_KINDS", "office_text"]

#: A part may not inflate beyond this (a zip bomb is refused, not inflated).
MAX_PART_BYTES = 50 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"

#: The kinds read, as named in a capture's record (its "encoding").
OFFICE_KINDS = {kind: DOCUMENT_KINDS[kind] for kind in ("docx", "odt")}


def office_text(path: str, raw: bytes) -> tuple[str, str]:
    """``(text, kind)`` of a ``.docx`` or ``.odt`` file's bytes; any other zip is refused
    with one line naming the file and what it holds.

    >>> office_text("notes", _zip({"notes.txt": "x"}))
    Traceback (most recent call last):
    ...
    revtrack.errors.InputError: notes: a zip archive, not a .docx or .odt (name it .zip to read its files)
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(path, f"a damaged zip archive ({exc}), not a text capture") from None
    with archive:
        names = set(archive.namelist())
        try:
            if "word/document.xml" in names:
                return _docx_text(path, archive, names), OFFICE_KINDS["docx"]
            if "content.xml" in names and _part(path, archive, "mimetype").startswith(
                b"application/vnd.oasis.opendocument.text"
            ):
                return _odt_text(path, archive), OFFICE_KINDS["odt"]
        except RecursionError:
            raise InputError(path, "a document nested too deeply to read") from None
    raise InputError(path, "a zip archive, not a .docx or .odt (name it .zip to read its files)")


def _zip(parts: dict[str, str]) -> bytes:
    """A zip of the given parts (for the doctests)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _part(path: str, archive: zipfile.ZipFile, name: str) -> bytes:
    """One part's bytes, refused past :data:`MAX_PART_BYTES` before it is inflated."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > MAX_PART_BYTES:
        raise InputError(path, f"{name} inflates to {info.file_size:,} bytes, past the limit (a zip bomb?)")
    try:
        with archive.open(info) as part:
            data = part.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(path, f"{name} cannot be read ({exc})") from None
    if len(data) > MAX_PART_BYTES:
        raise InputError(path, f"{name} inflates past the limit (a zip bomb?)")
    return data


def _xml(path: str, archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    data = _part(path, archive, name)
    if not data:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(path, f"{name} is not well-formed XML ({exc})") from None


# --- Office Open XML (Word) -------------------------------------------------------------

#: Elements whose text Word does not show as the document's: a tracked deletion, a field's
#: code ("PAGE", "HYPERLINK ..."), a comment's range marks and alternate content's fallback.
_W_SKIPPED = {f"{_W}delText", f"{_W}instrText", f"{_W}delInstrText", f"{_W}del"}
_W_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t", f"{_W}noBreakHyphen": "-"}


def _docx_text(path: str, archive: zipfile.ZipFile, names: set[str]) -> str:
    """The document's paragraphs, then foot- and endnotes, then headers and footers."""
    parts = ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"]
    parts += sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    paragraphs: list[str] = []
    for name in parts:
        root = _xml(path, archive, name)
        if root is not None:
            paragraphs.extend(_w_paragraphs(root))
    return joined_paragraphs(paragraphs)


def _w_paragraphs(element: ElementTree.Element) -> Iterator[str]:
    """Each ``w:p``'s text in document order. A separator "footnote" (the rule above the
    notes) holds no text and adds nothing; a drawing's Fallback repeats its Choice."""
    return _blocks(
        element,
        lambda tag: tag == f"{_W}p",
        lambda tag: tag in _W_SKIPPED or tag.endswith("}Fallback"),
        _w_runs,
    )


def _blocks(
    element: ElementTree.Element,
    is_block: Callable[[str], bool],
    skipped: Callable[[str], bool],
    inline: Callable[[ElementTree.Element, list[str], list[ElementTree.Element]], None],
) -> Iterator[str]:
    """Each block's text (``inline`` gathers it) in document order, in either format; the
    blocks of a text box after the paragraph holding it."""
    for child in element:
        if is_block(child.tag):
            text: list[str] = []
            nested: list[ElementTree.Element] = []
            inline(child, text, nested)
            yield "".join(text)
            for box in nested:
                yield from _blocks(box, is_block, skipped, inline)
        elif not skipped(child.tag):
            yield from _blocks(child, is_block, skipped, inline)


def _w_runs(element: ElementTree.Element, text: list[str], nested: list[ElementTree.Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            text.append(child.text or "")
        elif tag in _W_BREAKS:
            text.append(_W_BREAKS[tag])
        elif tag == f"{_W}txbxContent":
            nested.append(child)
        elif tag == f"{_W}r" and _hidden(child):
            continue  # hidden text, as the .rtf and .doc readers leave it out
        elif tag not in _W_SKIPPED and not tag.endswith("}Fallback"):
            # (a Fallback repeats its Choice, such as a text box drawn the old way)
            _w_runs(child, text, nested)


def _hidden(run: ElementTree.Element) -> bool:
    """Whether a run is hidden text (``w:vanish`` set in its own properties)."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val", "true") not in ("0", "false", "off")


# --- OpenDocument text ------------------------------------------------------------------

#: Paragraph-like elements: each is a line of its own.
_ODF_BLOCKS = {f"{_TEXT}p", f"{_TEXT}h"}
#: Not the document's words: a reviewer's comment, tracked deletions, a note (read after the
#: text) and the sequence of changes kept for undoing.
_ODF_SKIPPED = {f"{_OFFICE}annotation", f"{_TEXT}tracked-changes", f"{_TEXT}note"}


def _odt_text(path: str, archive: zipfile.ZipFile) -> str:
    """The body's paragraphs in order, then the notes, then the master pages' headers and footers."""
    root = _xml(path, archive, "content.xml")
    styles = _xml(path, archive, "styles.xml")
    hidden = _odf_hidden_styles([tree for tree in (styles, root) if tree is not None])
    body = root.find(f"{_OFFICE}body") if root is not None else None
    paragraphs = list(_odf_paragraphs(body, hidden)) if body is not None else []
    if body is not None:
        for note in body.iter(f"{_TEXT}note-body"):
            paragraphs.extend(_odf_paragraphs(note, hidden))
    if styles is not None:
        for tag in ("header", "footer", "header-left", "footer-left", "header-first", "footer-first"):
            for region in styles.iter(f"{_STYLE}{tag}"):
                paragraphs.extend(_odf_paragraphs(region, hidden))
    return joined_paragraphs(paragraphs)


def _odf_hidden_styles(trees: list[ElementTree.Element]) -> frozenset[str]:
    """Names of the text and paragraph styles whose text is hidden (``text:display="none"``,
    LibreOffice's "Hidden" font effect), set on the style or on a style it inherits from."""
    display: dict[str, str | None] = {}
    parent: dict[str, str] = {}
    for tree in trees:
        for style in tree.iter(f"{_STYLE}style"):
            name = style.get(f"{_STYLE}name")
            if not name or style.get(f"{_STYLE}family") not in ("text", "paragraph"):
                continue
            properties = style.find(f"{_STYLE}text-properties")
            display[name] = properties.get(f"{_TEXT}display") if properties is not None else None
            if style.get(f"{_STYLE}parent-style-name"):
                parent[name] = style.get(f"{_STYLE}parent-style-name", "")
    hidden = set()
    for name in display:
        seen = set()
        at: str | None = name
        while at is not None and at not in seen:  # a cycle of parents is not followed twice
            seen.add(at)
            if display.get(at) is not None:
                if display[at] == "none":
                    hidden.add(name)
                break
            at = parent.get(at)
    return frozenset(hidden)


def _odf_paragraphs(element: ElementTree.Element, hidden: frozenset[str] = frozenset()) -> Iterator[str]:
    """Each paragraph's and heading's text in document order; hidden text left out."""

    def inline(block: ElementTree.Element, text: list[str], nested: list[ElementTree.Element]) -> None:
        if block.get(f"{_TEXT}style-name") in hidden or any(
            _shown_hidden(field) for field in block.iter(f"{_TEXT}hidden-paragraph")
        ):
            return  # a hidden paragraph, as the .docx, .rtf and .doc readers leave hidden text out
        _odf_inline(block, text, nested, hidden)

    return _blocks(element, _ODF_BLOCKS.__contains__, _ODF_SKIPPED.__contains__, inline)


def _shown_hidden(field: ElementTree.Element) -> bool:
    """Whether a conditional hiding field is in force (``text:is-hidden``, as last computed)."""
    return field.get(f"{_TEXT}is-hidden", "false") == "true"


def _odf_inline(
    element: ElementTree.Element,
    text: list[str],
    nested: list[ElementTree.Element],
    hidden: frozenset[str] = frozenset(),
) -> None:
    text.append(element.text or "")
    for child in element:
        tag = child.tag
        if (tag == f"{_TEXT}span" and child.get(f"{_TEXT}style-name") in hidden) or (
            tag == f"{_TEXT}hidden-text" and _shown_hidden(child)
        ):
            pass  # hidden text: its words are left out, what follows it is not
        elif tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            # a run of spaces; a count no document needs is capped, not allocated
            text.append(" " * (min(int(count), 100) if count.isdigit() else 1))
        elif tag == f"{_TEXT}tab":
            text.append("\t")
        elif tag == f"{_TEXT}line-break":
            text.append("\n")
        elif tag == f"{_DRAW}frame":
            nested.append(child)  # a text box: its paragraphs follow this one
        elif tag not in _ODF_SKIPPED:
            _odf_inline(child, text, nested, hidden)
        text.append(child.tail or "")
