"""An aggregator item's body: its paragraphs, until the site's chrome begins.

A gap of short lines inside the body (a caption and its credit, an embedded
post and its attribution, share buttons) is crossed when more of the article
follows; its labels are left out and its longer lines kept.
"""

from __future__ import annotations

from revtrack.extract.lines import is_prose, word_total

# After a short gap in an item's body, the text goes on only if this much prose follows.
_MAX_BODY_GAP = 3
_GAP_PROSE_LINES = 2
_GAP_PROSE_WORDS = 60


def body_paragraphs(lines: list[str], start: int, end: int) -> list[str]:
    """Paragraphs from ``lines[start:end]``, cut where site chrome begins.

    Chrome is a short non-prose line followed by another short line or by nothing;
    a short line followed by prose is an in-body subheading. A short gap (a
    caption and its credit, an embedded post and its attribution, share buttons)
    is crossed when more of the article follows it: two prose lines or a long
    one. The gap's labels (three words or fewer) are left out, its longer lines kept.

    >>> body_paragraphs(["First sentence of the story here.", "Subhead line",
    ...                  "More text of the story follows.", "Comments", "", "No comments"], 0, 6)
    ['First sentence of the story here.', 'Subhead line', 'More text of the story follows.']
    >>> body_paragraphs(["First sentence of the story here.", "Photo: A. Lee", "Credit: Wire",
    ...                  "The story goes on after the picture.", "And it ends here, two lines on."], 0, 5)[1:]
    ['The story goes on after the picture.', 'And it ends here, two lines on.']
    """
    texts = [lines[i].strip() for i in range(start, end) if lines[i].strip()]
    kept: list[str] = []
    n = 0
    while n < len(texts):
        text = texts[n]
        if not is_prose(text):
            nxt = texts[n + 1] if n + 1 < len(texts) else None
            if nxt is None or not is_prose(nxt):
                resume = _after_gap(texts, n)
                if resume is None:
                    break
                kept.extend(t for t in texts[n:resume] if not _is_label(t))
                n = resume
                continue
        kept.append(text)
        n += 1
    return kept


#: A line of a gap inside an item's body with this many words or fewer is a label
#: ("Share", "Advertisement", "Photo: AP"); longer ones are the article's.
_GAP_LABEL_WORDS = 3


def _is_label(text: str) -> bool:
    """A button or a credit in a gap; an embedded post's attribution or a caption is not one.

    >>> _is_label("Share this"), _is_label("— USPTO (@uspto) February 6, 2014")
    (True, False)
    """
    return word_total(text) <= _GAP_LABEL_WORDS


def _after_gap(texts: list[str], n: int) -> int | None:
    """Where the article resumes after the short lines starting at ``n``, or None when it ends."""
    gap_end = n
    while gap_end < len(texts) and not is_prose(texts[gap_end]):
        gap_end += 1
    if not kept_going(texts, n, gap_end):
        return None
    return gap_end


def kept_going(texts: list[str], gap_start: int, gap_end: int) -> bool:
    """True when a gap is short and enough prose follows it to be more of the article."""
    if gap_end - gap_start > _MAX_BODY_GAP or gap_end >= len(texts):
        return False
    prose_lines = words = 0
    for text in texts[gap_end:]:
        if not is_prose(text):
            break
        prose_lines += 1
        words += word_total(text)
    return prose_lines >= _GAP_PROSE_LINES or words >= _GAP_PROSE_WORDS
