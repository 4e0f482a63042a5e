"""Facts that changed: numbers, dates and names added, removed or replaced.

A reader of an edited story most wants the death toll that went from 12 to
15, the time that moved, the official whose name was swapped. Each change of
a comparison (a run of deleted and inserted text between kept text) is a
*fact change* when the facts on its two sides differ, and the words that make
the difference are marked on their segments (``Segment.facts``) so every
output can highlight them. The rules, each one a reason a reader can check:

* **number**: a word holding a digit (``12``, ``1,200``, ``7-2``), or an
  English number word (``two``, ``dozen``, ``million``);
* **date**: a time (``3:15``), a date written with digits
  (``2026-12-05``, ``5/12``, ``5.12.2026``), a year 1800-2199, or an English month or
  weekday name;
* **name**: a word that begins with a capital letter where capitals mean
  something: not the first word of a sentence or line, not ``I``, and not in
  a title-case line (one not ending in a full stop where most words of four
  letters or more begin with a capital, such as many headlines). In
  languages that capitalise every noun (German) this flags nouns too.

Cosmetic changes (quotes, dashes, spaces) are never fact changes.

>>> from revtrack.diffing import compare
>>> c = compare("Police said 12 people were hurt.", "Police said 15 people were hurt.")
>>> c.stats.facts_changed, [s.facts for s in c.segments if s.facts]
(1, [((0, 2, 'number'),), ((0, 2, 'number'),)])
>>> compare("Police said 12 were hurt.", "Police said at least 12 were hurt.").stats.facts_changed
0
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from revtrack.comparison import DELETE, EQUAL, INSERT, Move, Part, make_segments

#: A fact's place on its segment: ``(start, end, kind)``.
FactSpan = tuple[int, int, str]
#: A fact found: ``(start, end, kind, casefolded word)``.
_Found = tuple[int, int, str, str]

_WORD = re.compile(r"\w+(?:[.,:/'\u2019-]\w+)*")


@cache
def _date_with_digits() -> re.Pattern[str]:
    """A time (9:30), a date in digits (2026-12-05, 2026-12, 5/12, 5/12/2026, 5.12.2026: not a
    score such as 7-2, not a decimal) or a year 1800-2199; compiled when first needed."""
    return re.compile(
        r"\d{1,2}:\d{2}(?::\d{2})?\Z|\d{4}-\d{1,2}(?:-\d{1,2})?\Z|\d{1,2}/\d{1,2}(?:/\d{2,4})?\Z"
        r"|\d{1,2}\.\d{1,2}\.\d{2,4}\Z|1[89]\d\d\Z|2[01]\d\d\Z"
    )


_DIGIT = re.compile(r"\d")
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# "may" and "march" are also verbs: they count as dates only when capitalised mid-sentence
_LOWER_DATE_EXCLUDED = frozenset({"may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "dec", "oct"})
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens".split()
)
_LOWER_FACTS = _MONTHS_DAYS | _NUMBER_WORDS
# what ends a sentence or opens one: a capital right after these starts a sentence
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n])[\s\"'“‘«(\[\u2014-]*\Z")


def fact_kind(word: str, sentence_initial: bool, title_line: bool) -> str | None:
    """What fact ``word`` states, if any: ``number``, ``date``, ``name`` or None.

    >>> fact_kind("1,200", False, False), fact_kind("9:30", False, False), fact_kind("Tuesday", True, False)
    ('number', 'date', 'date')
    >>> fact_kind("Smith", False, False), fact_kind("Smith", True, False), fact_kind("Smith", False, True)
    ('name', None, None)
    >>> fact_kind("may", False, False), fact_kind("May", False, False), fact_kind("dozens", False, False)
    (None, 'date', 'number')
    """
    kind = _kind_out_of_context(word)
    if kind is None and _could_be_name(word) and not sentence_initial and not title_line:
        return "name"
    return kind


def _kind_out_of_context(word: str) -> str | None:
    """A number or date whatever surrounds the word; None for anything else."""
    if _DIGIT.search(word):
        if _date_with_digits().match(word):
            return "date"
        return "number"
    lower = word.casefold()
    if lower in _MONTHS_DAYS and (lower not in _LOWER_DATE_EXCLUDED or word[0].isupper()):
        return "date"
    if lower in _NUMBER_WORDS:
        return "number"
    return None


def _could_be_name(word: str) -> bool:
    return word[0].isupper() and word != "I"


def _title_line(text: str, at: int) -> bool:
    """Whether the line of ``text`` holding position ``at`` is in title case: it does not end
    with a full stop, and more than half its words of four letters or more begin with a capital
    (short words such as "on" and "The" are left out: title case treats them either way).

    >>> _title_line("Council Votes On Harbour Budget", 0), _title_line("The mayor, John Smith, resigned.", 0)
    (True, False)
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    if line.endswith("."):
        return False
    words = [w for w in _WORD.findall(line) if w[0].isalpha() and len(w) >= 4]
    return len(words) >= 2 and 2 * sum(w[0].isupper() for w in words) > len(words)


def _facts_in(text: str, start: int, end: int, titles: dict[tuple[int, int], bool]) -> list[_Found]:
    """The facts in ``text[start:end]`` as ``(start, end, kind, word)``, offsets into ``text``.

    ``titles`` caches whether a line (by its start) is in title case.
    """
    found = []
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word[0].islower() and word not in _LOWER_FACTS and not _DIGIT.search(word):
            continue  # most words: lower case, no digit, not a number, month or day
        kind = _kind_out_of_context(word)
        if kind is None:  # a name, if capitalised where capitals mean something
            if not _could_be_name(word):
                continue
            at = m.start()
            if _SENTENCE_START.search(text[max(0, at - 8) : at]):
                continue  # sentence-initial: the line's case need not be looked at
            key = (id(text), text.rfind("\n", 0, at) + 1)
            if key not in titles:
                titles[key] = _title_line(text, at)
            if titles[key]:
                continue
            kind = "name"
        found.append((m.start(), m.end(), kind, word.casefold()))
    return found


def mark_facts(parts: list[Part]) -> tuple[list[tuple[FactSpan, ...]], int]:
    """For merged ``(op, text, cosmetic, move)`` parts: each part's fact spans, and how many
    changes (runs of ``-``/``+`` between kept text, moves aside) change a fact.

    Within one change, a fact found on both sides (the same word, the same kind)
    is not marked: inserting "at least" before a kept "12" changes no fact.
    """
    old = "".join(text for op, text, _, _ in parts if op != INSERT)
    new = "".join(text for op, text, _, _ in parts if op != DELETE)
    spans: list[tuple[FactSpan, ...]] = [()] * len(parts)
    changed = 0
    old_at = new_at = 0
    hunk: list[tuple[int, str, list[_Found]]] = []
    titles: dict[tuple[int, int], bool] = {}
    for n, (op, text, cosmetic, move) in enumerate(parts):
        if op == EQUAL or move is not None:
            if hunk:  # (most parts follow kept text or a move: no change to close)
                changed += _close(hunk, spans)
                hunk = []
        elif not cosmetic:
            side, at = (old, old_at) if op == DELETE else (new, new_at)
            found = _facts_in(side, at, at + len(text), titles)
            hunk.append((n, op, [(s - at, e - at, k, w) for s, e, k, w in found]))
        if op != INSERT:
            old_at += len(text)
        if op != DELETE:
            new_at += len(text)
    if hunk:
        changed += _close(hunk, spans)
    return spans, changed


def _close(hunk: list[tuple[int, str, list[_Found]]], spans: list[tuple[FactSpan, ...]]) -> int:
    """Mark the facts of one change that its other side lacks; 1 when its sides' facts differ."""
    if not any(found for _, _, found in hunk):
        return 0  # most changes name no fact on either side
    sides = {
        op: Counter((kind, word) for _, hunk_op, found in hunk if hunk_op == op for *_, kind, word in found)
        for op in (DELETE, INSERT)
    }
    if sides[DELETE] == sides[INSERT]:
        return 0
    spare = {DELETE: sides[DELETE] - sides[INSERT], INSERT: sides[INSERT] - sides[DELETE]}
    for n, op, found in hunk:
        marks = []
        for start, end, kind, word in found:
            if spare[op][(kind, word)] > 0:
                spare[op][(kind, word)] -= 1
                marks.append((start, end, kind))
        spans[n] = tuple(marks)
    return 1


def mark_comparison(
    parts: list[Part], moves: tuple[Move, ...]
) -> tuple[list[tuple[FactSpan, ...]], tuple[Move, ...], int]:
    """Facts for a whole comparison: the parts' spans, the moves with their own diffs'
    facts marked, and the count of fact changes in both."""
    spans, changed = mark_facts(parts)
    marked = []
    for move in moves:
        inner = [(s.op, s.text, s.cosmetic, None) for s in move.segments]
        inner_spans, inner_changed = mark_facts(inner)
        changed += inner_changed
        marked.append(Move(move.id, move.old, move.new, make_segments(inner, inner_spans)))
    return spans, tuple(marked), changed
