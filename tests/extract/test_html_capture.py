"""HTML captures: trafilatura's article and metadata, revtrack's extractor behind it."""

from __future__ import annotations

import gzip
import json

from click.testing import CliRunner

from revtrack.cli import main
from revtrack.store import Store
from tests.support import PARAGRAPHS, page


def ingest(db, *paths, at: str = "2026-03-02T12:00:00Z"):
    return CliRunner().invoke(main, ["--db", str(db), "ingest", "--captured-at", at, *map(str, paths)])


def stored(db) -> list[dict]:
    with Store.open(db, create=False) as store:
        rows = store.conn.execute(
            "SELECT coalesce(s.headline, r.headline), coalesce(s.body, r.body), s.outlet, s.published,"
            " s.url, s.byline, c.layout FROM snapshots s JOIN captures c ON c.id = s.capture_id"
            " JOIN revisions r ON r.id = s.revision_id"
        ).fetchall()
    keys = ["headline", "body", "outlet", "published", "url", "byline", "layout"]
    return [dict(zip(keys, row, strict=True)) for row in rows]


def test_html_page_gives_the_article_with_its_metadata(tmp_path):
    (tmp_path / "harbour.html").write_text(page())
    assert ingest(tmp_path / "s.db", tmp_path / "harbour.html").exit_code == 0
    (row,) = stored(tmp_path / "s.db")
    assert row["layout"] == "html"
    assert row["headline"] == "Council passes harbour budget"
    assert row["outlet"] == "The Harbour Gazette"
    assert row["published"] == "2026-03-02T08:30Z"  # the page's time kept, not cut to its day
    assert row["url"] == "https://gazette.example/2026/03/02/harbour-budget"
    assert row["byline"] == "Dana Reyes"
    assert row["body"].split("\n\n") == PARAGRAPHS  # every paragraph, none of the chrome


def test_an_edit_to_the_html_is_a_revision_of_the_same_story(tmp_path):
    (tmp_path / "v1.html").write_text(page())
    corrected = [*PARAGRAPHS[:3], PARAGRAPHS[3].replace("forty", "fifty"), "Correction: the vote was 7-2."]
    (tmp_path / "v2.html").write_text(page(paragraphs=corrected))
    db = tmp_path / "s.db"
    assert ingest(db, tmp_path / "v1.html").exit_code == 0
    assert ingest(db, tmp_path / "v2.html", at="2026-03-02T15:00:00Z").exit_code == 0
    stories = json.loads(CliRunner().invoke(main, ["--db", str(db), "stories", "--json"]).output)
    assert [s["revisions"] for s in stories] == [2]
    diff = CliRunner().invoke(main, ["--db", str(db), "diff", stories[0]["id"]])
    assert diff.exit_code == 1
    assert "[-forty-]{+fifty+}" in diff.output and "{+Correction: the vote was 7-2.+}" in diff.output


def test_gzipped_html_is_read_and_a_gzip_bomb_refused(tmp_path):
    (tmp_path / "harbour.html.gz").write_bytes(gzip.compress(page().encode()))
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body>" + b" " * (60 * 1024 * 1024) + b"</body></html>"))
    assert bomb.stat().st_size < 200_000
    result = ingest(tmp_path / "s.db", tmp_path / "harbour.html.gz", bomb)
    assert result.exit_code == 2
    assert "bomb.html.gz: inflates past the" in result.output
    assert [r["headline"] for r in stored(tmp_path / "s.db")] == ["Council passes harbour budget"]


def test_page_trafilatura_finds_no_article_in_falls_back_to_the_visible_text(tmp_path):
    # a brief in a table-built page: too short for trafilatura, still what a reader sees
    (tmp_path / "brief.html").write_text(
        "<html><body><table><tr><td><b>Harbour closed after crash</b></td></tr>"
        "<tr><td>Ships were diverted to the north terminal on Monday.</td></tr></table></body></html>"
    )
    assert ingest(tmp_path / "s.db", tmp_path / "brief.html").exit_code == 0
    (row,) = stored(tmp_path / "s.db")
    assert row["layout"] == "html-visible"
    assert row["headline"] == "Harbour closed after crash"
    assert row["body"] == "Ships were diverted to the north terminal on Monday."


def test_html_in_a_txt_file_is_recognised_and_raw_bytes_are_kept(tmp_path):
    (tmp_path / "saved.txt").write_text(page())
    assert ingest(tmp_path / "s.db", tmp_path / "saved.txt").exit_code == 0
    assert stored(tmp_path / "s.db")[0]["layout"] == "html"
    with Store.open(tmp_path / "s.db", create=False) as store:
        (capture,) = list(store.stored_captures())
    assert capture.raw == (tmp_path / "saved.txt").read_bytes()


BARE_PAGES = {
    "meta tags": page(),
    "no meta tags: byline class, h1, time in the text": (
        "<html><head><title>Ferry runs again - Coast News</title></head><body>"
        "<article><h1>Ferry runs again</h1><span class='author-name'>Sam Oduya</span>"
        "<p>Updated 12 March 2025, 09:15</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    ),
    "JSON-LD": (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "NewsArticle", "headline": "Dam report published", "datePublished":'
        ' "2024-05-06T07:00:00+02:00", "author": {"@type": "Person", "name": "Ines Roth"},'
        ' "publisher": {"@type": "Organization", "name": "Valley Post"}}</script>'
        '<meta property="og:url" content="https://valley.example/dam"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    ),
}


def test_page_metadata_matches_trafilaturas_full_metadata_pass():
    """revtrack reads title, author, URL, host, date and site name with trafilatura's own
    steps and skips its categories, tags and licence: the six fields must not change."""
    import trafilatura
    from trafilatura.utils import load_html

    from revtrack.extract.html import _date_params
    from revtrack.extract.page_meta import FIELDS, page_metadata

    for name, html in BARE_PAGES.items():
        full = trafilatura.bare_extraction(html, with_metadata=True, date_extraction_params=_date_params())
        ours = page_metadata(load_html(html), _date_params())
        assert ours is not None
        assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(full, f) for f in FIELDS}, name
        assert ours.title and ours.date, name  # the pages do give both


def test_without_trafilaturas_metadata_functions_the_full_pass_gives_the_same_article(monkeypatch):
    """A trafilatura upgrade that renames a metadata function falls back to bare_extraction's own pass."""
    from revtrack.extract import html as html_module
    from revtrack.extract import page_meta

    expected = [html_module._trafilatura_article(html) for html in BARE_PAGES.values()]
    monkeypatch.setattr(page_meta, "page_metadata", lambda tree, config: None)
    assert [html_module._trafilatura_article(html) for html in BARE_PAGES.values()] == expected
    assert expected[0].byline == "Dana Reyes" and expected[2].outlet == "Valley Post"


def test_a_commented_out_script_stays_hidden_whatever_its_code_holds():
    """A browser ends a comment at "-->" only; the standard library's parser also at "-- >",
    which minified code holds ("o-- >0"): a real page's commented-out consent script then
    showed about 290 KB of code as its text, and the code was read as the article."""
    from revtrack.extract.visible import visible_text

    code = "function f(o){for(;o-- >0;)if(a<b.length)go();return o--  > 1}" * 3
    html = f"<p>The council met.</p><!-- <script>{code}</script> --><p>It voted.</p><!--><!--->x"
    # the empty comments "<!-->" and "<!--->" hide nothing after them
    assert visible_text(html) == "The council met.\n\nIt voted.\n\nx"


def test_html_after_an_unclosed_svg_shows_as_a_browser_shows_it():
    """A <p>, <div> or <body> inside SVG or MathML closes them (HTML5's breakout tags): an
    unclosed <svg> icon before the article no longer hides the whole page. Found by
    fuzzing: "<svg><html><body><p>..." had no visible text at all."""
    from revtrack.extract.visible import visible_text

    assert visible_text("<svg><g><path d='M0 0'><div>The council met.</div>") == "The council met."
    assert visible_text("<p>a</p><svg><text>an icon's own text</text></svg><p>b</p>") == "a\n\nb"
    assert visible_text("<math><mi>x</mi><p>Shown</p>") == "x\n\nShown"


def test_a_formula_is_text_a_reader_sees():
    """Browsers render MathML, and a formula that changes between two versions of an article
    is what a fact-checker looks for; the reader hid it as it hides an SVG icon ("The area
    is square metres"). A formula in a hidden element stays hidden."""
    from revtrack.extract.visible import visible_text

    formula = "<math><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math>"
    assert visible_text(f"<p>The area is {formula} square metres.</p>") == "The area is πr2 square metres."
    assert visible_text(f'<p>a<span style="display:none">{formula}</span>b</p>') == "ab"


def _book_page(chapter: str, heading: str, book: str = "The Harbour Handbook", level: str = "h1") -> str:
    """A page of a documentation book (mdBook's shape): the book's name as the one ``<h1>``
    banner (or beside the chapter's own ``<h1>``), a hidden help box, the chapter's heading."""
    chapter_heading = f"<{level}>{heading}</{level}>"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{chapter} - {book}</title></head><body>"
        '<div id="help" class="help-container"><h2 class="help-title">Keyboard shortcuts</h2>'
        "<p>Press left or right to navigate between chapters</p></div>"
        f'<nav class="sidebar"><ol><li>Introduction</li><li>{chapter}</li></ol></nav>'
        f'<div class="menu-bar"><h1 class="menu-title">{book}</h1></div>'
        f"<main>{chapter_heading}{paragraphs}</main></body></html>"
    )


def test_a_book_page_is_named_by_its_title_not_by_the_banner_or_a_help_box(tmp_path):
    """The one <h1> of every page is the book's name, and with the chapter's own <h1> beside
    it trafilatura took the help box's heading ("Keyboard shortcuts"): on 1,767 pages of the
    Rust toolchain's books no headline was the chapter's (0; 1,518 now)."""
    (tmp_path / "banner.html").write_text(_book_page("Moorings", "Moorings", level="h2"))
    (tmp_path / "help.html").write_text(_book_page("Tides and Locks", "Tides and Locks"))
    assert ingest(tmp_path / "s.db", tmp_path / "banner.html", tmp_path / "help.html").exit_code == 0
    assert sorted(row["headline"] for row in stored(tmp_path / "s.db")) == ["Moorings", "Tides and Locks"]


def test_a_title_naming_the_site_first_keeps_the_pages_heading(tmp_path):
    """ "Harbour Gazette - Council passes harbour budget" over the headline as the one <h1>:
    the part after the separator is the page's own here (the part before is no heading on
    the page), so the <h1> stays the headline."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html><head><title>Harbour Gazette - Council passes harbour budget</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><main><h1>Council passes harbour budget</h1>{paragraphs}</main>"
        "</body></html>"
    )
    (tmp_path / "site_first.html").write_text(html)
    assert ingest(tmp_path / "s.db", tmp_path / "site_first.html").exit_code == 0
    assert stored(tmp_path / "s.db")[0]["headline"] == "Council passes harbour budget"
