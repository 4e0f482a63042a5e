"""HTML to the text a browser shows: a close reading of the ``innerText`` rules.

A scraped page saved "as visible text" (the seeds, and what many scrapers keep)
is what a browser's ``innerText`` gives: block elements on their own lines,
paragraphs set off by a blank line, table cells separated by tabs, hidden
elements, scripts and styles left out, runs of spaces collapsed. This module
turns HTML into that text with the standard library's tolerant parser, so
revtrack's own extractor can read an HTML capture the way it reads the seeds.

It cannot apply style sheets: an element hidden by a CSS class stays visible
here, so the text may hold more chrome than a browser would show.
"""

from __future__ import annotations

import html.parser
import re
from html.parser import HTMLParser

#: Elements whose content is never shown.
_HIDDEN_TAGS = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",  # icons: their titles are tooltips ("Share on Facebook"), not the text
        "canvas",
        "select",
        "datalist",
        "audio",
        "video",
        "picture",
        "map",
    }
)
#: Elements shown as blocks: a line break before and after.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    }
)
#: Paragraphs take two line breaks (a blank line), as in ``innerText``.
_PARAGRAPH_TAGS = frozenset({"p"})
_CELL_TAGS = frozenset({"td", "th"})
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
#: HTML elements whose start tag ends SVG or MathML content opened before it (HTML5's
#: "breakout" tags: a browser closes the foreign elements and shows the rest).
_BREAKS_OUT_OF_FOREIGN = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img "
    "li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
#: An open element of these kinds is closed by the start of another of the same group.
_IMPLIED_END = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th", "tr"},
    "th": {"td", "th", "tr"},
    "option": {"option"},
}
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE_RUN = re.compile(r"[ \t\n\r\f\u200b]+")
# Where a comment ends for a browser (HTML5): "-->" or "--!>". The standard library's
# parser also ends one at "-- >", which minified code inside a commented-out script
# holds ("o-- >0"): the rest of the script then showed as text.
_COMMENT_END = re.compile(r"--!?>")
# A parser fed by an attacker must not recurse or grow without bound: the open-element
# stack is capped, deeper elements are treated as inline text.
_MAX_DEPTH = 2000


class _VisibleText(HTMLParser):
    """Collects text chunks and required line breaks while walking the document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending_breaks = 0  # line breaks required before the next text
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        # how many of each tag are open: an end tag with none open is not searched for
        # down the stack (2,000 deep at most, and a page can hold a million stray end tags)
        self.open_tags: dict[str, int] = {}
        self.foreign_at: list[int] = []  # stack positions of the open <svg> and <math> elements
        self.hidden_depth = 0
        self.pre_depth = 0
        self.cell_in_row = 0

    # ---------------------------------------------------------------- helpers
    def _require(self, count: int) -> None:
        self.pending_breaks = max(self.pending_breaks, count)

    def _emit(self, text: str) -> None:
        if not text:
            return
        if self.pending_breaks and self.parts:
            self.parts.append("\n" * self.pending_breaks)
        self.pending_breaks = 0
        self.parts.append(text)

    def _close_to(self, index: int) -> None:
        while len(self.stack) > index:
            tag, hides = self.stack.pop()
            self.open_tags[tag] -= 1
            if self.foreign_at and self.foreign_at[-1] == len(self.stack):
                self.foreign_at.pop()
            self._end_effects(tag, hides)

    def _end_effects(self, tag: str, hides: bool) -> None:
        if hides:
            self.hidden_depth -= 1
            return
        if self.hidden_depth:
            return
        if tag == "pre":
            self.pre_depth -= 1
        if tag in _PARAGRAPH_TAGS:
            self._require(2)
        elif tag in _BLOCK_TAGS:
            self._require(1)
        if tag == "tr":
            self.cell_in_row = 0

    # ---------------------------------------------------------------- events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.foreign_at and tag in _BREAKS_OUT_OF_FOREIGN:
            # HTML5: such a tag inside SVG or MathML closes them (an unclosed <svg> icon
            # before the article hid the whole page)
            self._close_to(self.foreign_at[0])
        implied = _IMPLIED_END.get(tag)
        if implied:
            for i in range(len(self.stack) - 1, -1, -1):
                open_tag = self.stack[i][0]
                if open_tag in implied:
                    self._close_to(i)
                    break
                if open_tag in _BLOCK_TAGS or open_tag in ("table", "ul", "ol", "dl"):
                    break
        if tag in _VOID_TAGS:
            if not self.hidden_depth:
                if tag == "br":
                    self._emit_break()
                elif tag == "hr":
                    self._require(1)
            return
        attr = dict(attrs)
        hides = (
            tag in _HIDDEN_TAGS
            or "hidden" in attr
            or bool(attr.get("style") and _HIDING_STYLE.search(attr["style"] or ""))
            or (tag == "input" and (attr.get("type") or "").lower() == "hidden")
        )
        if len(self.stack) >= _MAX_DEPTH:
            return
        self.stack.append((tag, hides))
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if tag in ("svg", "math"):
            self.foreign_at.append(len(self.stack) - 1)
        if hides:
            self.hidden_depth += 1
            return
        if self.hidden_depth:
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag in _PARAGRAPH_TAGS:
            self._require(2)
        elif tag in _BLOCK_TAGS:
            self._require(1)
        elif tag in _CELL_TAGS:
            if self.cell_in_row:
                self._emit("\t")
            self.cell_in_row += 1

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment from ``<!--`` at ``i`` to its end as a browser finds it (HTML5: the
        first ``-->`` or ``--!>``; ``<!-->`` and ``<!--->`` are empty); -1 if it has none yet."""
        rawdata = self.rawdata
        for empty in ("<!-->", "<!--->"):
            if rawdata.startswith(empty, i):
                return i + len(empty)
        end = _COMMENT_END.search(rawdata, i + 4)
        if end is None:
            return -1
        if report:
            self.handle_comment(rawdata[i + 4 : end.start()])
        return end.end()

    def parse_html_declaration(self, i: int) -> int:
        """``<!`` that opens no comment: HTML5 reads ``<![`` (a CDATA or conditional
        section) as a bogus comment up to the first ``>``, shown nothing. The standard
        library's marked-section reader raised AssertionError on ``<![ x`` and on
        ``<![<![``, and the whole ingest stopped with a traceback."""
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)

    def close(self) -> None:
        """Handle what is left, ending the document as HTML5 does: a tag, comment or
        declaration still open at the end of the file shows nothing.

        The standard library (Python 3.11 here) shows such a construct as text
        and then searches the rest of the file again from every ``<`` in it:
        ``'<a b="' * 20000`` (120 KB) took 34 s, ``'<!--a>' * 40000`` 10 s.
        """
        if _open_to_the_end(self.rawdata):
            self.rawdata = ""
        super().close()

    def _emit_break(self) -> None:
        # a <br> is a line break of its own, even between two breaks already required
        if self.pending_breaks:
            self.parts.append("\n" * self.pending_breaks)
            self.pending_breaks = 0
        self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self._close_to(len(self.stack) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self.open_tags.get(tag):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    self._close_to(i)
                    return
        if tag == "p" and not self.hidden_depth:  # a stray </p> is an empty paragraph
            self._require(2)
        elif tag == "br" and not self.hidden_depth:
            self._emit_break()

    def handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        if self.pre_depth:
            self._emit(data)
            return
        text = _SPACE_RUN.sub(" ", data)
        if text.strip():
            self._emit(text)
        elif text and self.parts and not self.pending_breaks:
            self.parts.append(" ")


def _open_to_the_end(rest: str) -> bool:
    """Whether ``rest`` (what the parser left unread) is one construct that the end of
    the file cuts off: an element's start or end tag, a comment or a declaration.

    >>> _open_to_the_end('<a href="x'), _open_to_the_end("<!-- note"), _open_to_the_end("a &b")
    (True, True, False)
    """
    if rest.startswith("<!--"):
        return _COMMENT_END.search(rest, 4) is None
    if not rest.startswith("<") or len(rest) < 2:
        return False
    if ">" not in rest:  # nothing can end it
        return True
    # a start tag whose attributes run to the end, by the standard library's own reading
    # (newer versions, which end a file as HTML5 does themselves, renamed the pattern)
    tag_end = getattr(html.parser, "locatestarttagend_tolerant", None)
    if tag_end is None or not (rest[1].isascii() and rest[1].isalpha()):
        return False
    return tag_end.match(rest).end() == len(rest)


def visible_text(html: str) -> str:
    """The text a browser would show for ``html``, one block per line.

    >>> visible_text("<html><head><title>T</title><style>p{}</style></head>"
    ...              "<body><nav><a href=/>Home</a> <a>News</a></nav>"
    ...              "<h1>Rates rise</h1><p>The bank <b>raised</b> rates.</p><p>Markets fell.</p>"
    ...              "<div style='display:none'>hidden</div><script>x()</script></body></html>")
    'Home News\\nRates rise\\n\\nThe bank raised rates.\\n\\nMarkets fell.'
    >>> visible_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    'a\\tb\\nc'
    >>> visible_text("one<br>two<br><br>three")
    'one\\ntwo\\n\\nthree'
    >>> visible_text("<p>Text</p><!-- <script>while (n-- >0) go()</script> --><p>More</p>")
    'Text\\n\\nMore'
    >>> visible_text("<svg><path d='M0'><p>Shown, as a browser shows it.</p>")
    'Shown, as a browser shows it.'
    """
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip(" ") for line in text.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip("\n")
