"""Line classification used by the structural page parser.

A scraped page is a list of lines. Each line is blank, prose (a sentence or
paragraph), short (a headline, an outlet, a label, site chrome), a bullet
(``- Politics``, ``• Korea Herald``) or a date line. The parser reasons only
about these classes and their order, never about particular strings.

Words are counted in any script: scripts written without spaces between words
(Chinese, Japanese, Thai, Lao, Khmer, Myanmar) count by characters, so a line of
Japanese prose weighs what the same sentence in English would.
"""

from __future__ import annotations

import re
from functools import lru_cache

_BULLET = re.compile(r"^\s*[-\u2022\u00b7*\u25aa\u2013]\s+(?P<value>\S.*?)\s*$")
# A list item in plain text: a bullet or a number ("1." / "2)") before the text.
_LIST_ITEM = re.compile(r"^\s*(?:[-\u2022\u00b7*\u25aa\u2013+]|\d{1,3}[.)])\s+\S")
# Sentence-final punctuation in several scripts (Latin, CJK full stops, Arabic and
# Devanagari marks), optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(
    r"[.!?\u2026\u3002\uff01\uff1f\uff61\u061f\u06d4\u0964\u0965][\"'\u2019\u201d)\]\u300d\u300f\uff09\u00bb]*$"
    r"|[\"'\u2019\u201d\u00bb]$"
)
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer (about
# four characters a word) and Chinese/Japanese (about two).
_SEA = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACED_WORD = re.compile(rf"[^\W{_SEA}{_CJK}]+", re.UNICODE)
_SEA_CHAR = re.compile(f"[{_SEA}]")
_CJK_CHAR = re.compile(f"[{_CJK}]")
#: Lines of this many words or more are prose whatever their punctuation.
LONG_LINE_WORDS = 20


# Each line passes through several readers (reflow, accounting, page, block), each
# asking its word count: counting once per distinct line halves the cost on long pages.
@lru_cache(maxsize=1 << 16)
def word_total(line: str) -> int:
    """Count words in a line, in any script.

    >>> word_total("Lee, Trump likely to outline")
    5
    >>> word_total("日本銀行は金利を据え置いた。")  # 13 characters of Japanese
    6
    """
    n = len(_SPACED_WORD.findall(line))
    if line.isascii():
        return n
    return n + len(_CJK_CHAR.findall(line)) // 2 + len(_SEA_CHAR.findall(line)) // 4


def ends_sentence(line: str) -> bool:
    """True when the line ends with sentence punctuation (in any of several scripts).

    >>> ends_sentence("Schools were closed."), ends_sentence("据え置いた。"), ends_sentence("Home")
    (True, True, False)
    """
    return bool(_SENTENCE_END.search(line.strip()))


def is_prose(line: str) -> bool:
    """True for a line that reads as running text rather than a label or headline.

    >>> is_prose("The US has called for South Korea to increase its defense spending.")
    True
    >>> is_prose("Alliance modernization gains focus")
    False
    >>> is_prose("No comments yet...")
    False
    >>> is_prose("日本銀行は二日、金融政策決定会合で大規模な金融緩和策の維持を決めた。")
    True
    """
    text = line.strip()
    n = word_total(text)
    if n >= LONG_LINE_WORDS:
        return not is_label_run(text)
    return n >= 4 and bool(_SENTENCE_END.search(text))


#: In a run of labels, at least this share of the words written in a cased script are capitalised.
LABEL_RUN_CAPITALS = 0.7
_CASED_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# marks that running text and lists of names use and a run of link labels does not
_CLAUSE_MARK = re.compile(r"[,.;:|?()\u3001\u3002\uff0c]")


def is_label_run(text: str) -> bool:
    """A long line of labels, not running text: a menu or a tag list that a text browser
    (lynx, w3m) wrapped into lines, joined again by the reflow. Most of its words are
    capitalised and it has no comma, full stop, colon or bracket, which a sentence of that
    length and a list of names have.

    >>> is_label_run("Politics World Business Science & Technology Health Sport Culture Travel "
    ...              "Opinion Video Podcasts Weather Crosswords Obituaries Books Film Music Art")
    True
    >>> is_label_run("Die AfD behauptet nichts vom Versand einer Gratiszeitung an NRW-Haushalte im "
    ...              "Landtagswahlkampf 2017 gewusst zu haben und bestreitet jede Verbindung")
    False
    """
    if _CLAUSE_MARK.search(text):
        return False
    words = [word for word in _CASED_WORD.findall(text) if word[0].upper() != word[0].lower()]
    if len(words) < LONG_LINE_WORDS // 2:
        return False
    return sum(word[0].isupper() for word in words) >= LABEL_RUN_CAPITALS * len(words)


def is_list_item(line: str) -> bool:
    """True for a plain-text list item (``- text``, ``* text``, ``1. text``).

    >>> is_list_item("- `rustc` 1.70"), is_list_item("2) Second"), is_list_item("-5 degrees")
    (True, True, False)
    """
    return bool(_LIST_ITEM.match(line))


def bullet_value(line: str) -> str | None:
    """Return the text of a bullet line, or None when the line is not a bullet.

    >>> bullet_value("  \u2022 Korea Herald")
    'Korea Herald'
    >>> bullet_value("- Politics")
    'Politics'
    >>> bullet_value("-5 degrees") is None
    True
    >>> bullet_value("* * * * * *") is None  # a rule of stars names nothing
    True
    """
    m = _BULLET.match(line)
    if not m or not 0 < word_total(m.group("value")) <= 8:
        return None
    return m.group("value")


_VERSION_LABEL = re.compile(r"^(?:version|release|revision|edition|v)\s*\d[\w.]*,?$", re.IGNORECASE)


def could_be_outlet(text: str) -> bool:
    """True when glued text in front of a date may be an outlet name.

    An icon label such as ``time`` (one lowercase word) is not an outlet, nor is
    a byline, a dateline word ("Updated", "Published") or text with a handle.

    >>> could_be_outlet("Korea Herald"), could_be_outlet("time"), could_be_outlet("")
    (True, False, False)
    >>> could_be_outlet("Updated"), could_be_outlet("By Jane Doe"), could_be_outlet("— Jo (@jo)")
    (False, False, False)
    >>> could_be_outlet("## [3.7] --")  # a Markdown heading before its date
    False
    >>> could_be_outlet("Thu,"), could_be_outlet("Donnerstag")  # the date's weekday
    (False, False)
    >>> could_be_outlet("VERSION OF"), could_be_outlet("Effective as of")  # the date's phrase
    (False, False)
    >>> could_be_outlet("latest correction:")  # a label naming what the date is
    False
    >>> could_be_outlet("Version 3.1,"), could_be_outlet("Release 2")  # a document's version
    (False, False)
    """
    text = text.strip()
    if not text or word_total(text) > 6 or is_prose(text):
        return False
    if is_byline(text) or _DATELINE_WORD.match(text) or is_weekday(text) or "@" in text:
        return False
    if text[0] in "-\u2013\u2014|,":
        return False
    if text[0] in "#*[=>:`_~+" or text.endswith(("--", "|")):  # markup: a heading, a link, a quote
        return False
    if _INTRODUCES_DATE.search(text) or text.endswith(":"):  # "Version of", "Fixed:": the date's
        return False  # phrase or its label, not a source
    if _VERSION_LABEL.match(text):  # "Version 3, 29 June 2007": a licence's or a standard's edition
        return False
    return any(ch.isupper() for ch in text) or " " in text


# A preposition or an article ending the text glued to a date: the date finishes a phrase
# ("Version of April 25, 1996", "Valid from", "Stand vom"); no outlet's name ends so.
_INTRODUCES_DATE = re.compile(
    r"\b(?:of|on|at|in|from|since|until|till|to|the|a|an|as|"
    r"vom|am|seit|bis|von|du|le|la|depuis|de|del|el|desde|dal|il|van|op|sinds)\W*$",
    re.IGNORECASE,
)
# Words that introduce a date rather than name a source, in the languages the
# date parser reads ("Updated", "Aktualisiert am", "Mis à jour le", ...).
_DATELINE_WORD = re.compile(
    r"^(?:updated|published|posted|last updated|modified|created|date|on|"
    r"aktualisiert|ver\u00f6ffentlicht|stand|erstellt|"
    r"mis \u00e0 jour|publi\u00e9|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd)\b",
    re.IGNORECASE,
)
# A weekday alone, the date's own first word ("Thu, 14 May 2020"), in the date parser's
# languages: English, German, French, Spanish, Italian, Dutch.
_WEEKDAY = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|mi\u00e9rcoles|jueves|viernes|s\u00e1bado|domingo"
    r"|luned\u00ec|marted\u00ec|mercoled\u00ec|gioved\u00ec|venerd\u00ec|sabato|domenica"
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)[.,]?$",
    re.IGNORECASE,
)
# A byline: "By Jane Doe", "Von Max Muster", "Par ...", "Por ...", "Door ...",
# "Analysis by ...", or a line of the form "Name | Role".
_BYLINE = re.compile(
    r"^(?:[\w ]{0,20}\b)?(?:by|von|par|por|door|di|av|af|przez|autor(?:in)?|text|written by)\s*:?\s+\S",
    re.IGNORECASE,
)


def is_byline(text: str) -> bool:
    """True for a short line that names the author ("By Jane Doe", "Analysis by X").

    >>> is_byline("By Jane Doe"), is_byline("Analysis by Joan Biskupic, CNN"), is_byline("Bye bye")
    (True, True, False)
    >>> is_byline("Von Ursula von der Leyen"), is_byline("Damit eure Diät von Erfolg gekrönt ist")
    (True, False)
    """
    text = text.strip()
    match = _BYLINE.match(text)
    if match is None or word_total(text) > 14 or ends_sentence(text):
        return False
    # a name follows the marker: a lower-case word longer than a particle or a conjunction
    # ("van", "de", "und", "with") is a sentence going on ("Damit eure Diät von Erfolg gekrönt ist")
    return not any(len(word) > 4 and word.islower() for word in text[match.end() - 1 :].split())


def is_weekday(text: str) -> bool:
    """True for a weekday alone, the first word of a date such as "Thu, 14 May 2020".

    >>> is_weekday("Thu"), is_weekday("Donnerstag,"), is_weekday("Thursday Review")
    (True, True, False)
    """
    return bool(_WEEKDAY.match(text.strip()))


def is_dateline_word(text: str) -> bool:
    """True for text that introduces a date ("Updated", "Published on").

    >>> is_dateline_word("Updated"), is_dateline_word("Korea Herald")
    (True, False)
    """
    return bool(_DATELINE_WORD.match(text.strip()))
