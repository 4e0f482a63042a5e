"""Captions written as markup: TTML (DFXP, EBU-TT, IMSC: broadcasters' and streaming services'
captions) and Microsoft's SAMI. Read as plain text, their body was their markup: styling,
regions, timing attributes and tags, with the words said between them.

Each is read into the cues :mod:`revtrack.extract.captions` reads from SubRip and WebVTT,
so the same rules make the article (paragraphs at a change of speaker or a pause, lines a
roll-up shows again left out):

* TTML: every ``<p>`` of the body is a cue, timed by its ``begin`` and ``end`` (clock times
  ``00:00:09.209`` or ``00:00:09:12`` in frames, or offsets ``9.2s``, ``9209ms``, ``12t`` in
  ticks); ``<br/>`` breaks its lines and its spans' text is its text. The title is the
  document's ``ttm:title`` where it has one;
* SAMI: every ``<SYNC Start=ms>`` is a cue, until the next; of a file in several languages
  the first language's paragraphs (their ``class``) are read. A cue of ``&nbsp;`` only clears
  the screen. The title is the file's ``<TITLE>``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from revtrack.extract.captions import Cue

_CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2})(?:\.(\d+)|:(\d+)(?:\.\d+)?)?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$")
_SYNC = re.compile(r"<SYNC\b([^>]*)>(.*?)(?=<SYNC\b|</BODY\b|</SAMI\b|\Z)", re.DOTALL | re.IGNORECASE)
_START = re.compile(r"\bStart\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_PARAGRAPH = re.compile(r"<P\b([^>]*)>(.*?)(?=<P\b|\Z)", re.DOTALL | re.IGNORECASE)
_CLASS = re.compile(r"\bClass\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_SAMI_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.DOTALL | re.IGNORECASE)
_LOOSE_P = re.compile(r"<(?:[\w.-]+:)?p\b([^>]*)>")
_LOOSE_P_END = re.compile(r"</(?:[\w.-]+:)?p\s*>")
_LOOSE_BR = re.compile(r"<(?:[\w.-]+:)?br\b[^>]*>")
_LOOSE_TAG = re.compile(r"</?[\w.:-]+(?:\s[^<>]*)?/?>")
_LOOSE_BEGIN = re.compile(r"\bbegin\s*=\s*[\"']([^\"']*)")
_LOOSE_END = re.compile(r"\bend\s*=\s*[\"']([^\"']*)")
_LOOSE_ROOT = re.compile(r"<(?:[\w.-]+:)?tt\b([^>]*)>")
_LOOSE_RATE = re.compile(r"\b(frameRate|tickRate)\s*=\s*[\"'](\d+(?:\.\d+)?)")


def markup_kind(name: str, head: str) -> str | None:
    """``"ttml"`` or ``"sami"`` for captions written as markup, by name or by root element.

    >>> markup_kind("a.xml", '<?xml version="1.0"?>\\n<tt xmlns="http://www.w3.org/ns/ttml">')
    'ttml'
    >>> markup_kind("news.smi", ""), markup_kind("a.xml", "<rss>")
    ('sami', None)
    """
    from revtrack.extract.xml_text import root_name

    lower, root = name.lower(), (root_name(head) or "").rsplit(":", 1)[-1]
    if lower.endswith((".ttml", ".dfxp")) or root == "tt":
        return "ttml"
    if lower.endswith((".smi", ".sami")) or root.casefold() == "sami":
        return "sami"
    return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ttml_time(value: str | None, frame_rate: float, tick_rate: float) -> float | None:
    """Seconds of a TTML time expression; None where there is none or it cannot be read.

    >>> [_ttml_time(v, 30, 1) for v in ("00:00:09.209", "00:00:09:15", "9.2s", "9209ms", "2m", "x")]
    [9.209, 9.5, 9.2, 9.209, 120.0, None]
    """
    value = (value or "").strip()
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds, fraction, frames = clock.groups()
        at = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
        if fraction:
            at += int(fraction) / 10 ** len(fraction)
        elif frames:
            at += int(frames) / frame_rate
        return round(at, 3)
    offset = _OFFSET.match(value)
    if offset is None:
        return None
    number, unit = float(offset.group(1)), offset.group(2)
    per = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "f": 1 / frame_rate, "t": 1 / tick_rate}[unit]
    return round(number * per, 3)


def _rate(root: ET.Element, name: str, default: float) -> float:
    """A timing parameter of the root (``ttp:frameRate``, ``ttp:tickRate``), whatever its prefix."""
    for key, value in root.attrib.items():
        if _local(key) == name:
            try:
                rate = float(value)
            except ValueError:
                return default
            return rate if rate > 0 else default
    return default


def _lines(node: ET.Element) -> list[str]:
    """A ``<p>``'s text as lines: its text and its spans', broken at each ``<br/>``."""
    lines = [""]

    def walk(element: ET.Element) -> None:
        if element is not node and _local(element.tag) == "br":
            lines.append("")
        elif element.text:
            lines[-1] += element.text
        for child in element:
            walk(child)
            if child.tail:
                lines[-1] += child.tail

    walk(node)
    return [" ".join(line.split()) for line in lines]


def ttml_cues(text: str) -> tuple[list[Cue], str] | None:
    """The cues of a TTML document and its title (``""`` when it names none); None when it
    does not parse.

    >>> cues, title = ttml_cues('<tt xmlns="http://www.w3.org/ns/ttml"><body><div>'
    ...     '<p begin="00:00:01.000" end="2.5s">Good<br/>evening.</p></div></body></tt>')
    >>> [(c.start, c.end, [line for _, line in c.lines]) for c in cues], title
    ([(1.0, 2.5, ['Good', 'evening.'])], '')
    """
    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except (ET.ParseError, ValueError, RecursionError):
        return _loose_ttml_cues(text)  # "<< replied someone." unescaped: read tag by tag
    frame_rate, tick_rate = _rate(root, "frameRate", 30.0), _rate(root, "tickRate", 1.0)
    titles = (el for el in root.iter() if _local(el.tag) == "title")
    title = next((" ".join("".join(el.itertext()).split()) for el in titles), "")
    paragraphs = [(_lines(el), el.get("begin"), el.get("end")) for el in root.iter() if _local(el.tag) == "p"]
    return _numbered(paragraphs, frame_rate, tick_rate), title


def _numbered(
    paragraphs: list[tuple[list[str], str | None, str | None]], frames: float, ticks: float
) -> list[Cue]:
    """Cues of ``(lines, begin, end)`` paragraphs, their lines numbered in order."""
    cues, number = [], 0
    for lines, begin, end in paragraphs:
        numbered = tuple(enumerate(lines, number))
        number += len(lines)
        cues.append(Cue(_ttml_time(begin, frames, ticks), _ttml_time(end, frames, ticks), numbered))
    return cues


def _loose_paragraphs(text: str) -> list[tuple[str, str]]:
    """Each ``<p>``'s attributes and inner markup, found tag by tag: one pass over the text, where
    a pattern ``<p>(.*?)</p>`` would scan to the end again for each ``<p>`` never closed."""
    found, at = [], 0
    while (opening := _LOOSE_P.search(text, at)) is not None:
        closing = _LOOSE_P_END.search(text, opening.end())
        if closing is None:
            break
        found.append((opening.group(1), text[opening.end() : closing.start()]))
        at = closing.end()
    return found


def _loose_ttml_cues(text: str) -> tuple[list[Cue], str] | None:
    """TTML that is not well-formed XML (text holding a bare ``<<``), read with patterns: each
    ``<p>`` (any prefix) to its end tag, ``<br/>`` breaking lines, tags off, entities read.

    >>> cues, _ = _loose_ttml_cues('<tt><p begin="1s" end="2s">>> Fine << he said<br/>ok</p></tt>')
    >>> [line for _, line in cues[0].lines]
    ['>> Fine << he said', 'ok']
    """
    paragraphs = []
    for attributes, inner in _loose_paragraphs(text):
        begin, end = _LOOSE_BEGIN.search(attributes), _LOOSE_END.search(attributes)
        lines = [" ".join(html.unescape(_LOOSE_TAG.sub("", part)).split()) for part in _LOOSE_BR.split(inner)]
        paragraphs.append((lines, begin.group(1) if begin else None, end.group(1) if end else None))
    if not paragraphs:
        return None
    found = _LOOSE_ROOT.search(text)
    rates = {name: float(value) for name, value in _LOOSE_RATE.findall(found.group(1) if found else "")}
    frame_rate = rates.get("frameRate") or 30.0
    tick_rate = rates.get("tickRate") or 1.0
    return _numbered(paragraphs, frame_rate, tick_rate), ""


def sami_cues(text: str) -> tuple[list[Cue], str]:
    """The cues of a SAMI file (its first language's) and its title.

    >>> cues, title = sami_cues('<SAMI><HEAD><TITLE>NOVA</TITLE></HEAD><BODY><SYNC Start=1000>'
    ...     '<P Class=ENCC>Good<br>evening.<SYNC Start=2500><P Class=ENCC>&nbsp;</BODY></SAMI>')
    >>> [(c.start, c.end, [line for _, line in c.lines]) for c in cues], title
    ([(1.0, 2.5, ['Good', 'evening.'])], 'NOVA')
    """
    title_match = _SAMI_TITLE.search(text)
    title = " ".join(html.unescape(_TAG.sub(" ", title_match.group(1))).split()) if title_match else ""
    syncs = []
    for attributes, content in _SYNC.findall(text):
        start = _START.search(attributes)
        syncs.append((int(start.group(1)) / 1000 if start else None, content))
    ends: list[float | None] = [None] * len(syncs)  # each sync ends where the next timed one starts
    following = None
    for k in range(len(syncs) - 1, -1, -1):
        ends[k] = following
        following = syncs[k][0] if syncs[k][0] is not None else following
    language = None
    cues, number = [], 0
    for k, (start, content) in enumerate(syncs):
        lines = []
        for paragraph_attributes, paragraph in _PARAGRAPH.findall(content) or [("", content)]:
            found = _CLASS.search(paragraph_attributes)
            kind = found.group(1).casefold() if found else ""
            language = kind if language is None else language
            if kind != language:
                continue  # another language's captions of the same moment
            for line in _BREAK.split(paragraph):
                said = " ".join(html.unescape(_TAG.sub(" ", line)).replace("\xa0", " ").split())
                lines.append((number, said))
                number += 1
        end = ends[k]
        if any(said for _, said in lines):  # "&nbsp;" alone clears the screen: no cue
            cues.append(Cue(start, end, tuple(lines)))
    return cues, title
