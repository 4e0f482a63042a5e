"""Paged text (a PDF turned into text, an RFC): page numbers, running headers and footers are
left out with a named reason and a sentence cut by a page break is whole again; numbered
paragraphs wrapped at a hanging indent are paragraphs."""

from __future__ import annotations

import collections
import re
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from revtrack.extract import extract_capture
from revtrack.extract.paged import page_number, unpage

CAP = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
WORD = re.compile(r"\w+")
SEED = Path(__file__).resolve().parents[2] / "seeds" / "002_5eccaf2dbc9bcebc.txt"


def _seed_article() -> tuple[str, list[str]]:
    """A real article (27 paragraphs) from a seed page."""
    article = extract_capture(SEED.read_text(), CAP, SEED.name).articles[0]
    return article.headline, article.body.split("\n\n")


HEADLINE, PARAGRAPHS = _seed_article()


def _words(text: str) -> collections.Counter:
    return collections.Counter(WORD.findall(text))


def _paged(lines_per_page: int = 40, form_feed: bool = True, footer: str = "Page {n} of {total}") -> str:
    """The article wrapped at 66 columns and cut into pages, as pdftotext writes one."""
    body: list[str] = [HEADLINE, "", "By Jane Doe", ""]
    for paragraph in PARAGRAPHS:
        body += textwrap.wrap(paragraph, 66) + [""]
    pages = [body[k : k + lines_per_page] for k in range(0, len(body), lines_per_page)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            out += ["Velmora Gazette" + " " * 40 + "May 1, 2024", ""]
        out += page + ["", " " * 28 + footer.format(n=n, total=len(pages))]
        if n < len(pages):
            out.append("\f" if form_feed else "")
    return "\n".join(out) + "\n"


def test_page_numbers_and_running_header_are_left_out_by_name_and_sentences_are_whole():
    text = _paged()
    extraction = extract_capture(text, CAP, "board.txt")
    (article,) = extraction.articles
    assert article.headline == HEADLINE
    # every paragraph whole: no page break inside a sentence, no furniture inside the text
    assert article.body.split("\n\n")[-len(PARAGRAPHS) :] == PARAGRAPHS
    dropped = [(d.reason, d.text) for d in extraction.accounting.dropped]
    pages = text.count("\f") + 1
    assert pages >= 4
    assert ("page-furniture", f"Page 1 of {pages}") in dropped and (
        "page-furniture",
        f"Page {pages} of {pages}",
    ) in dropped
    assert dropped.count(("page-furniture", "Velmora Gazette" + " " * 40 + "May 1, 2024")) == pages - 1
    assert f"paged: {pages} pages" in extraction.accounting.why
    # every word of the file is in the article or on a line dropped by name
    held = _words(f"{article.headline}\n{article.body}") + _words("\n".join(t for _, t in dropped))
    assert not _words(text) - held


def test_page_numbers_alone_make_pages_without_form_feeds():
    (article,) = extract_capture(_paged(form_feed=False, footer="- {n} -"), CAP, "board.txt").articles
    assert article.body.split("\n\n")[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_a_revision_that_moves_every_page_break_diffs_as_its_one_change():
    """Furniture moved by one added line would otherwise be a change at every page break."""
    from revtrack import compare

    old = extract_capture(_paged(), CAP, "a.txt").articles[0].body
    PARAGRAPHS.insert(1, "The ferry will leave from the south quay until the work is done.")
    try:
        new = extract_capture(_paged(), CAP, "b.txt").articles[0].body
    finally:
        PARAGRAPHS.pop(1)
    changes = [s.text for s in compare(old, new).segments if s.op != "="]
    assert changes == ["The ferry will leave from the south quay until the work is done.\n\n"] or (
        "".join(changes).split() == "The ferry will leave from the south quay until the work is done.".split()
    )


def test_an_rfc_footer_and_header_are_page_furniture():
    assert page_number("Doe                     Informational          [Page 3]") == 3
    lines = []
    for n in range(1, 4):
        lines += textwrap.wrap(" ".join(PARAGRAPHS[3 * n : 3 * n + 3]), 72) + [
            "",
            f"Doe{' ' * 30}Informational{' ' * 10}[Page {n}]",
        ]
        lines += [f"RFC 9999{' ' * 20}Pier Repairs{' ' * 20}May 2024", ""]
    result = unpage(lines)
    assert result is not None and result.pages == 3
    assert all("[Page" in lines[k] or lines[k].startswith("RFC 9999") for k in result.furniture)
    assert len(result.furniture) == 6


def test_a_pagination_menu_and_a_lone_form_feed_are_not_pages():
    menu = ["Results", "Page 1", "Page 2", "Page 3", "", *PARAGRAPHS[:3]]
    assert unpage(menu) is None
    # a form feed between sections (as GNU texts have) with nothing repeated beside it
    sections = [*textwrap.wrap(PARAGRAPHS[0], 70), "", "Second part", *textwrap.wrap(PARAGRAPHS[1], 70)]
    assert unpage(sections, [len(textwrap.wrap(PARAGRAPHS[0], 70))]) is None


def test_numbered_paragraphs_at_a_hanging_indent_are_paragraphs():
    text = f"{HEADLINE.upper()}\n\n" + "\n\n".join(
        textwrap.fill(f"{k}. {p}", 72, subsequent_indent="    ") for k, p in enumerate(PARAGRAPHS, 1)
    )
    (article,) = extract_capture(text, CAP, "ruling.txt").articles
    assert article.body.split("\n\n") == [f"{k}. {p}" for k, p in enumerate(PARAGRAPHS, 1)]


def test_a_printed_document_is_read_whole_its_tables_and_code_kept():
    """A web page saved as text has no pages: a paged text's short lines (a table, code, a
    hex dump) are the document's, not a site's menu or footer."""
    table = [
        "Ship           Tonnes    Berth",
        *(f"Vessel {k}       {k * 310:>6}    B{k}" for k in range(1, 13)),
    ]
    body: list[str] = []
    for k, paragraph in enumerate(PARAGRAPHS):
        body += textwrap.wrap(paragraph, 66) + [""]
        if k == 4:
            body += table + [""]
    lines = [HEADLINE, "", *body]
    pages = [lines[k : k + 40] for k in range(0, len(lines), 40)]
    # each page ends with a form feed, as pdftotext and pdfminer end them
    text = "".join(
        "\n".join([*page, "", f"Harbour report, May 2024 {n}"]) + "\n\f" for n, page in enumerate(pages, 1)
    )
    extraction = extract_capture(text, CAP, "report.txt")
    (article,) = extraction.articles
    assert "a printed document" in extraction.accounting.why
    # every line kept but the footers, which end with their page number, counting up
    assert {d.reason for d in extraction.accounting.dropped} == {"page-furniture"}
    assert [d.text for d in extraction.accounting.dropped] == [
        f"Harbour report, May 2024 {n}" for n in range(1, len(pages) + 1)
    ]
    assert all(row in article.body for row in table[1:])


def test_a_pdfs_justified_lines_are_joined_into_their_paragraphs():
    """pdfminer writes a line justified in points with its gaps stretched ("One  of  the"):
    in a printed document those are a paragraph's lines, not a table's rows."""
    body: list[str] = []
    for paragraph in PARAGRAPHS:
        lines = textwrap.wrap(paragraph, 90)
        # every line but a paragraph's last stretched, its gaps doubled, as a PDF's are
        body += [line.replace(" ", "  ") for line in lines[:-1]] + lines[-1:] + [""]
    pages = [body[k : k + 40] for k in range(0, len(body), 40)]
    text = "".join("\n".join([*page, "", f"Page {n}"]) + "\n\f" for n, page in enumerate(pages, 1))
    (article,) = extract_capture(f"{HEADLINE}\n\n{text}", CAP, "report.txt").articles
    assert article.body.split("\n\n")[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_a_one_page_pdf_is_a_printed_page():
    """pdfminer and pdftotext end every page with a form feed, under its page number: one page
    ending "Page 1" and a form feed is printed, its number is furniture and its justified lines
    are joined. A lone form feed with no page number over it is not a page (as above)."""
    body: list[str] = []
    for paragraph in PARAGRAPHS[:6]:
        lines = textwrap.wrap(paragraph, 90)
        body += [line.replace(" ", "  ") for line in lines[:-1]] + lines[-1:] + [""]
    text = "\n".join([HEADLINE, "", *body, "Page 1", "", "\f"]) + "\n"
    extraction = extract_capture(text, CAP, "one-page.txt")
    (article,) = extraction.articles
    assert article.body.split("\n\n") == PARAGRAPHS[:6]
    assert [(d.reason, d.text) for d in extraction.accounting.dropped] == [("page-furniture", "Page 1")]
    assert "a printed document (paged: 1 page, 1 line of page furniture left out" in extraction.accounting.why
    # the same page with words after its form feed, or no page number, is not one printed page
    assert unpage([*body, "Page 1", "\f", "More text after the page."], [len(body) + 1]) is None
    assert unpage([*body, "The end.", "\f"], [len(body) + 1]) is None
