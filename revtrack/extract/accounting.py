"""Every line of a capture accounted for: in an article, or dropped for a named reason.

Extraction keeps a page's article and leaves its chrome out. A user must be
able to see what was left out and why, so each non-blank line of a text
capture is either *kept* (its text is an article's headline, a body paragraph,
or a field: byline, date, outlet, section) or *dropped* with one of
:data:`REASONS`. The reason is read from where the line sits relative to the
articles that were found, and from what the extractor knows of the site.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from revtrack.extract.lines import bullet_value, is_list_item, is_prose, word_total
from revtrack.extract.plain import markdown_title
from revtrack.extract.reflow import Logical
from revtrack.models import Article

#: Why a line is not in any article, as ``show --dropped`` names it.
REASONS: dict[str, str] = {
    "menu": "above the article: a menu, the site's header, a cookie notice",
    "footer": "below the article: a footer, related links, a sidebar",
    "comments": "a comment thread under the article",
    "between-items": "between a listing's items: the site's chrome",
    "inside": "short lines inside the article: a caption's credit, share buttons",
    "learned-chrome": "a line seen on pages of three or more other stories of this site",
    "page-furniture": "a paged text's page number, running header or footer, at a page break",
    "captions": "a caption file's cue number or timing, its header or notes, or a line shown again",
}


@dataclass(frozen=True)
class DroppedLine:
    """A line of a capture that no article holds."""

    line: int  # 1-based line number in the decoded capture
    reason: str  # a key of REASONS
    text: str


@dataclass(frozen=True)
class Accounting:
    """What extraction did with a capture's words: how many there were, which lines were dropped."""

    words: int
    dropped: tuple[DroppedLine, ...] = ()
    why: str = ""  # the layout decision and its evidence, for a user

    @property
    def dropped_words(self) -> int:
        """Words on dropped lines."""
        return sum(word_total(d.text) for d in self.dropped)

    @property
    def kept_share(self) -> float:
        """Share of the capture's words that are in an article (1.0 for an empty text)."""
        return 1.0 - self.dropped_words / self.words if self.words else 1.0

    def to_json(self) -> dict:
        """The stored and printed form (``show --json``)."""
        return {
            "why": self.why,
            "words": self.words,
            "dropped_words": self.dropped_words,
            "dropped": [[d.line, d.reason, d.text] for d in self.dropped],
        }

    @classmethod
    def from_json(cls, data: dict) -> Accounting:
        """Read back what :meth:`to_json` wrote."""
        dropped = tuple(DroppedLine(int(n), str(r), str(t)) for n, r, t in data.get("dropped", []))
        return cls(words=int(data.get("words", 0)), dropped=dropped, why=str(data.get("why", "")))


def _matched_lines(
    logical: Sequence[Logical], articles: Sequence[Article]
) -> tuple[set[int], list[tuple[int, int, int]]]:
    """Lines that hold an article's headline or paragraphs, matched in order, and each article's
    span ``(first line, last line, article index)``, in page order.

    Each article's paragraphs are found in page order after the previous article,
    so a paragraph's copy elsewhere (a headline again in the footer's archive) is
    not taken for it. Look-ups are binary searches: linear in the page's size.
    """
    where: dict[str, list[int]] = {}
    for n, line in enumerate(logical):
        text = line.text.strip()
        where.setdefault(text, []).append(n)
        title = markdown_title(text)
        if title != text:  # a plain file's headline is its title line without Markdown marks
            where.setdefault(title, []).append(n)

    def after(text: str, start: int) -> int | None:  # first copy at or after start
        found = where.get(text, ())
        i = bisect.bisect_left(found, start)
        return found[i] if i < len(found) else None

    def before(text: str, end: int) -> int | None:  # last copy at or before end
        found = where.get(text, ())
        i = bisect.bisect_right(found, end)
        return found[i - 1] if i else None

    kept: set[int] = set()
    spans: list[tuple[int, int, int]] = []
    start = 0
    for index, article in enumerate(articles):
        at: list[int] = []
        for paragraph in article.body.split("\n\n"):
            k = after(paragraph.strip(), at[-1] + 1 if at else start)
            if k is not None:
                at.append(k)
        headline = article.headline.strip()
        # the headline sits above the body (or is its first line): the nearest copy above, else after
        k = before(headline, at[0] if at else start)
        if k is None:
            k = after(headline, start)
        if k is not None:
            at.append(k)
        if at:
            kept.update(at)
            spans.append((min(at), max(at), index))
            start = max(at) + 1
    return kept, spans


def _is_field_line(text: str, near: Sequence[Article]) -> bool:
    """A header line of a nearby article that became a field: outlet, byline, section, date."""
    for article in near:
        fields = {f.strip() for f in (article.outlet, article.section, article.byline) if f}
        if text in fields or bullet_value(text) in fields:
            return True
        if article.date_text and article.date_text in text and word_total(text) <= 14:
            return True
    return False


def account_lines(
    logical: Sequence[Logical],
    articles: Sequence[Article],
    chrome: Callable[[str], bool] | None = None,
    comments: tuple[int, int] | None = None,
    why: str = "",
    furniture: Sequence[tuple[int, str]] = (),
) -> Accounting:
    """Account for every non-blank line of a text capture read as ``logical`` lines.

    ``comments`` is the span of logical lines where a comment thread was cut; ``furniture``
    the lines left out of a paged text before it was read, ``(line index, text)``.

    >>> from revtrack.extract.reflow import reflow
    >>> lines = reflow(["Home", "News", "Title", "A long first paragraph of the story.", "Contact"])
    >>> result = account_lines(lines, [Article("Title", "A long first paragraph of the story.")])
    >>> [(d.line, d.reason, d.text) for d in result.dropped]
    [(1, 'menu', 'Home'), (2, 'menu', 'News'), (5, 'footer', 'Contact')]
    >>> result.words, result.dropped_words
    (11, 3)
    """
    kept, spans = _matched_lines(logical, articles)
    starts = [start for start, _, _ in spans]
    first = spans[0][0] if spans else len(logical)
    last = max((end for _, end, _ in spans), default=-1)
    words = 0
    dropped: list[DroppedLine] = []
    for n, line in enumerate(logical):
        text = line.text.strip()
        if not text:
            continue
        words += word_total(text)
        if n in kept:
            continue
        # the article whose span holds or follows this line, and the one before it
        i = bisect.bisect_right(starts, n)
        near = [articles[spans[m][2]] for m in (i - 1, i) if 0 <= m < len(spans)]
        if _is_field_line(text, near):
            continue
        if chrome is not None and chrome(text):
            reason = "learned-chrome"
        elif comments is not None and comments[0] <= n < comments[1]:
            reason = "comments"
        elif n < first:
            reason = "menu"
        elif n > last:
            reason = "footer"
        elif i and spans[i - 1][0] <= n <= spans[i - 1][1]:
            reason = "inside"
        else:
            reason = "between-items"
        dropped.append(DroppedLine(line.first + 1, reason, text))
    if furniture:
        words += sum(word_total(text) for _, text in furniture)
        dropped += [DroppedLine(n + 1, "page-furniture", text.strip()) for n, text in furniture]
        dropped.sort(key=lambda d: d.line)
    return Accounting(words=words, dropped=tuple(dropped), why=why)


def listing_words(logical: Sequence[Logical], articles: Sequence[Article]) -> tuple[int, int]:
    """``(held, left)``: words the listing's articles hold, and words of running text and list
    items that a listing reading would leave out.

    Around and between a listing's items sits the site's chrome: menus, labels, share
    buttons, short lines. Where a listing reading would leave out more running text and list
    items than its items hold, the dated lines are a document's own section heads (a
    changelog's versions, a diary's days), and reading them as other stories would drop the
    document's words. When all the running text and list items of the text weigh no more than
    the items, that total is returned as ``left`` without accounting for each line: the
    listing stands either way.
    """
    held = sum(word_total(a.headline) + word_total(a.body) for a in articles)
    running = [line.text for line in logical if is_prose(line.text) or is_list_item(line.text)]
    bound = sum(word_total(text) for text in running)
    if bound <= held:
        return held, bound
    accounting = account_lines(logical, articles)
    left = sum(word_total(d.text) for d in accounting.dropped if is_prose(d.text) or is_list_item(d.text))
    return held, left
