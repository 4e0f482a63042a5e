"""Subtitles and captions (SubRip ``.srt``, WebVTT ``.vtt``): what is said, not when it is shown.

A broadcast's captions and a video's subtitles are news text: a network re-edits a
transcript, a clip is cut, a correction is spoken over. Read as plain text, every cue's
number and timing line is text, so two versions of the same captions, re-timed after one
sentence was added, differ on every line after it. Read as captions:

* the article's body is the cues' text, in order, its markup taken off (``<i>``,
  WebVTT's ``<c>`` classes and word timings, ``{\\an8}`` positions, entities); a voice tag
  ``<v Jane Doe>`` becomes ``Jane Doe:``, so no spoken name is lost;
* a paragraph ends where the speaker changes (a ``>>`` line, as broadcast captions mark
  it, or another voice tag), or at a pause of :data:`PAUSE_SECONDS` or more after a full stop;
* the cue numbers and timing lines, a WebVTT file's header and its ``NOTE``, ``STYLE``
  and ``REGION`` blocks are dropped as ``captions``, and so is a line a cue shows again
  because it is still on screen: the first line of a cue that starts the moment the cue
  before ends, equal to that cue's last line (roll-up captions, YouTube's automatic
  captions). ``show --dropped`` lists them all;
* the headline is the file's name without its extension and language tag
  (``Council votes.en.vtt`` -> ``Council votes``), as players and downloaders name them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revtrack.extract import Extraction

#: A pause this long (in seconds) after a cue that ends a sentence ends a paragraph.
PAUSE_SECONDS = 2.0
# "00:00:27,074 --> 00:00:30,566" (SubRip) or "00:27.074 --> 00:30.566 align:start" (WebVTT)
# (a colon before the milliseconds, "00:00:11:890", is a slip some files make)
_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[,.:](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?$")
# two times joined by "-->" that do not read as times: still a timing line, not words said
_ARROW = re.compile(r"^\s*\d{1,3}:[\d:.,]*\s*-->\s*\S")
_BLOCKS = ("NOTE", "STYLE", "REGION")
# the formats' own tags only ("2<3,5>1" is text): b, i, u, s, font, WebVTT's c, v, lang, ruby,
# rt and word timings, and {\an8}-style positions
_TAG = re.compile(
    r"</?(?:[bius]|font|c|v|lang|ruby|rt|span)(?:[\s.][^<>\n]*)?>|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{3}>|\{\\[^{}\n]*\}",
    re.IGNORECASE,
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^<>\n]+?)\s*>")
_LANGUAGE = re.compile(r"\.[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")


def looks_like_captions(name: str, text: str) -> bool:
    """A caption file: named ``.srt`` or ``.vtt``, or opening as one (``WEBVTT``, or a
    number over a timing line), or captions written as markup (TTML, SAMI).

    >>> looks_like_captions("a.txt", "WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi")
    True
    >>> looks_like_captions("a.txt", "1\\n00:00:01,000 --> 00:00:02,000\\nHi")
    True
    >>> looks_like_captions("a.txt", "1. Council votes\\nThe council voted.")
    False
    """
    from revtrack.extract.captions_markup import markup_kind

    if name.lower().endswith((".srt", ".vtt")) or markup_kind(name, text[:2048]):
        return True
    head = text.lstrip("\ufeff \t\r\n")[:400].splitlines()
    if head and (head[0] == "WEBVTT" or head[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        return True
    return len(head) >= 2 and head[0].strip().isdigit() and _TIMING.match(head[1]) is not None


@dataclass(frozen=True)
class Cue:
    """One cue: when it is shown (seconds) and its text lines with their line numbers (0-based)."""

    start: float | None  # None where the timing line cannot be read
    end: float | None
    lines: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Captions:
    """A caption file read: its cues, and the lines that are not said (0-based numbers)."""

    cues: tuple[Cue, ...]
    dropped: tuple[int, ...]


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def read_captions(text: str) -> Captions:
    """Cues and the lines around them (numbers, timings, header, notes, styles).

    >>> found = read_captions("WEBVTT\\nKind: captions\\n\\nNOTE made by hand\\n\\n1\\n"
    ...                       "00:01.000 --> 00:02.500 align:start\\nGood evening.\\n")
    >>> [(c.start, c.end, c.lines) for c in found.cues], found.dropped
    ([(1.0, 2.5, ((7, 'Good evening.'),))], (0, 1, 3, 5, 6))
    """
    lines = text.splitlines()
    dropped: list[int] = []
    cues: list[Cue] = []
    n = 0
    if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        # the header: up to the first blank line (or a first cue with no blank line above it)
        while n < len(lines) and lines[n].strip() and not (n and _TIMING.match(lines[n])):
            dropped.append(n)
            n += 1
    current: list[tuple[int, str]] | None = None
    start: float | None = None
    end: float | None = None
    after_blank = True
    while n < len(lines):
        line = lines[n]
        timing = _TIMING.match(line)
        if timing or _ARROW.match(line):
            if current is not None:
                cues.append(Cue(start, end, tuple(current)))
            if timing:
                groups = timing.groups()
                start, end = _seconds(*groups[:4]), _seconds(*groups[4:])
            else:  # times that cannot be read: no pause is measured before or after it
                start = end = None
            current = []
            dropped.append(n)
        elif not line.strip():
            if current is not None:
                cues.append(Cue(start, end, tuple(current)))
                current = None
            after_blank = True
            n += 1
            continue
        elif after_blank and current is None and line.split(" ", 1)[0].rstrip(":") in _BLOCKS:
            while n < len(lines) and lines[n].strip():  # a NOTE, STYLE or REGION block
                dropped.append(n)
                n += 1
            continue
        elif current is not None:
            current.append((n, line))
        elif n + 1 < len(lines) and (_TIMING.match(lines[n + 1]) or _ARROW.match(lines[n + 1])):
            dropped.append(n)  # a cue's number or identifier
        elif after_blank and line.strip().isdigit() and n + 1 < len(lines) and lines[n + 1].strip():
            dropped.append(n)  # a cue's number over text with no timing line: the text is kept
            current, start, end = [], None, None
        else:  # text in no cue (its timing line missing): kept, untimed
            current, start, end = [(n, line)], None, None
        after_blank = False
        n += 1
    if current is not None:
        cues.append(Cue(start, end, tuple(current)))
    return Captions(tuple(cues), tuple(dropped))


def said(line: str) -> str:
    """A cue line's words as said: markup and word timings off, a voice tag as the speaker's name.

    >>> said("<v Jane Doe>We <i>voted</i>&nbsp;no.</v>")
    'Jane Doe: We voted no.'
    >>> said("this<00:05:04.199><c> will</c>{\\\\an8} happen")
    'this will happen'
    """
    line = _VOICE.sub(lambda m: f"{m.group(1).strip()}: ", line)
    line = html.unescape(_TAG.sub("", line))
    return " ".join(line.replace("\u200e", "").replace("\u200f", "").split())


def caption_body(captions: Captions) -> tuple[str, list[int]]:
    """The captions' text in paragraphs, and the lines left out as shown again (0-based).

    >>> found = read_captions("1\\n00:00:01,000 --> 00:00:02,000\\nGood evening.\\n\\n"
    ...     "2\\n00:00:05,000 --> 00:00:06,000\\n>> Thank you.\\nWe begin\\n\\n"
    ...     "3\\n00:00:06,000 --> 00:00:07,000\\nWe begin\\nin the harbour.\\n")
    >>> caption_body(found)
    ('Good evening.\\n\\n>> Thank you. We begin in the harbour.', [11])
    """
    paragraphs: list[list[str]] = []
    repeated: list[int] = []
    last_line, last_end, voice = "", None, None
    for cue in captions.cues:
        # each line as said, and as shown without a speaker's name (to find a line shown again)
        lines = [(n, said(text), said(_VOICE.sub("", text))) for n, text in cue.lines]
        lines = [line for line in lines if line[1]]
        if lines and last_end is not None and cue.start == last_end and lines[0][2] == last_line:
            repeated.append(lines[0][0])  # still on screen (roll-up): shown again, not said again
            lines = lines[1:]
        paused = None not in (last_end, cue.start) and cue.start - last_end >= PAUSE_SECONDS
        written = dict(cue.lines)  # each line as the file writes it, for its voice tag
        for n, text, _ in lines:
            speaker = _VOICE.search(written[n])
            changed = text.startswith(">>") or (speaker is not None and speaker.group(1) != voice)
            if speaker is not None:
                voice = speaker.group(1)
            ended = bool(paragraphs) and _SENTENCE_END.search(paragraphs[-1][-1]) is not None
            if not paragraphs or changed or (paused and ended):
                paragraphs.append([])
            paragraphs[-1].append(text)
            paused = False  # a pause comes before a cue's first line only
        if lines:
            last_line = lines[-1][2]
        last_end = cue.end
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs), repeated


def caption_title(name: str) -> str:
    """A caption file's title: its name without folders, extension and language tag.

    >>> caption_title("news/Council votes to close pier [x1Y2].en-US.vtt"), caption_title("a.srt")
    ('Council votes to close pier [x1Y2]', 'a')
    """
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(srt|vtt|ttml|dfxp|smi|sami|xml)$", "", stem, flags=re.IGNORECASE)
    return _LANGUAGE.sub("", stem) or stem


def caption_extraction(text: str, name: str) -> Extraction | None:
    """A caption file as one article, every line accounted for; None when it holds no cue
    (a ``.srt`` that is no caption file is read as any text is).

    >>> found = caption_extraction("1\\n00:00:01,000 --> 00:00:02,000\\nGood evening.\\n", "News.en.srt")
    >>> found.layout, found.articles[0].headline, found.articles[0].body, len(found.accounting.dropped)
    ('captions', 'News', 'Good evening.', 2)
    """
    from revtrack.extract import Extraction
    from revtrack.extract.accounting import Accounting, DroppedLine
    from revtrack.extract.captions_markup import markup_kind, sami_cues, ttml_cues
    from revtrack.extract.lines import word_total
    from revtrack.models import Article

    kind, title = markup_kind(name, text[:2048]), ""
    if kind is not None:  # TTML or SAMI: the cues of the markup; its lines are no text's lines
        found = ttml_cues(text) if kind == "ttml" else sami_cues(text)
        if found is None:
            return None
        captions, title = Captions(tuple(found[0]), ()), found[1]
    else:
        captions = read_captions(text)
        if not any(cue.start is not None for cue in captions.cues):  # no timing read: no captions
            return None
    body, repeated = caption_body(captions)
    headline = title or (caption_title(name) if name else "")
    if not headline:  # no name: the first words said
        headline = " ".join(body.split()[:12])
    cues = f"the text of {len(captions.cues)} cues"
    shown_again = f", and {len(repeated)} line(s) shown again from the cue before (still on screen)"
    if kind is not None:
        why = f"read as captions ({kind.upper()}): {cues}; the markup, styling and timings left out"
        why += shown_again if repeated else ""
        accounting = Accounting(words=word_total(f"{headline}\n{body}"), why=why)
        return Extraction("captions", [Article(headline=headline, body=body)] if body else [], accounting)
    lines = text.splitlines()
    left_out = sorted({*captions.dropped, *repeated})
    dropped = tuple(DroppedLine(n + 1, "captions", lines[n]) for n in left_out if lines[n].strip())
    why = f"read as captions: {cues}; numbers, timings, header, notes left out"
    why += shown_again if repeated else ""
    accounting = Accounting(words=word_total(text), dropped=dropped, why=why)
    return Extraction("captions", [Article(headline=headline, body=body)] if body else [], accounting)
