"""Saved feed files: each entry is an article (it was one article of XML markup before)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from revtrack.extract import extract_capture
from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.store import Store

WHEN = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Port reopens after storm</title><link>https://gazette.example/2026/03/port</link>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The port reopened on Tuesday.</p><p>Eleven ships sailed &amp; two waited.</p>
<script>alert(1)</script>]]></content:encoded>
<pubDate>Tue, 03 Mar 2026 09:30:00 GMT</pubDate><dc:creator>Dana Reyes</dc:creator></item>
<item><title>Council passes budget</title><link>https://gazette.example/2026/03/budget</link>
<description>&lt;p&gt;The council voted 7-2.&lt;/p&gt;</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Feed</title>
<entry><title>Robots run amok</title>
<link rel="self" href="https://example.org/self"/><link href="https://example.org/2003/12/13/robots"/>
<published>2003-12-13T18:30:02Z</published><author><name>John Doe</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Robots ran <b>amok</b>.</p></div></content>
</entry></feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>Old Wire</title></channel>
<item rdf:about="https://x.example/1"><title>Mill closes</title><link>https://x.example/1</link>
<description>The mill closed.</description><dc:date>2026-03-01</dc:date></item>
</rdf:RDF>
"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Tech Desk",
        "items": [
            {
                "id": "1",
                "url": "https://tech.example/drones",
                "title": "Drones deliver blood",
                "content_text": "Drones flew blood to clinics.\nNurses waited.",
                "date_published": "2021-10-29T10:25:00-04:00",
                "authors": [{"name": "Ana Lee"}],
            }
        ],
    }
).replace("/", "\\/")  # as many feeds write it: slashes escaped, all on one line


def _articles(text: str):
    extraction = extract_capture(text, WHEN, "saved.xml")
    return extraction.layout, extraction.articles


def test_rss_entries_are_articles_with_their_fields_and_full_content():
    layout, (port, budget) = _articles(RSS)
    assert layout == "feed"
    assert port.headline == "Port reopens after storm" and port.outlet == "The Harbour Gazette"
    assert port.body == "The port reopened on Tuesday.\n\nEleven ships sailed & two waited."  # no script
    assert port.url == "https://gazette.example/2026/03/port" and port.byline == "Dana Reyes"
    assert port.published.iso() == "2026-03-03T09:30:00Z" and port.position == 0
    assert budget.body == "The council voted 7-2." and budget.published is None and budget.position == 1


def test_atom_rdf_and_json_feed_entries():
    expected = {
        ATOM: (
            "Robots run amok",
            "Robots ran amok.",
            "Example Feed",
            "https://example.org/2003/12/13/robots",
        ),
        RDF: ("Mill closes", "The mill closed.", "Old Wire", "https://x.example/1"),
        JSON_FEED: (
            "Drones deliver blood",
            "Drones flew blood to clinics.\n\nNurses waited.",
            "Tech Desk",
            None,
        ),
    }
    for feed, (headline, body, outlet, url) in expected.items():
        layout, [entry] = _articles(feed)
        assert (layout, entry.headline, entry.body, entry.outlet) == ("feed", headline, body, outlet)
        assert url is None or entry.url == url
    assert _articles(ATOM)[1][0].byline == "John Doe"
    assert _articles(RDF)[1][0].published.iso() == "2026-03-01"
    drones = _articles(JSON_FEED)[1][0]
    assert (drones.byline, drones.url) == ("Ana Lee", "https://tech.example/drones")


def test_a_feed_that_does_not_parse_is_read_as_text_and_keeps_its_words():
    broken = RSS.replace("</channel>", "")  # an unclosed element
    layout, articles = _articles(broken)
    assert layout != "feed"
    words = " ".join(a.headline + " " + a.body for a in articles)
    assert "Port reopens after storm" in words


def test_hostile_xml_neither_expands_entities_nor_reads_files():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(8))
        + ']><rss version="2.0"><channel><title>&i;</title><item><title>x</title></item></channel></rss>'
    )
    started = time.perf_counter()
    _articles(laughs)  # refused by expat's amplification limit, then read as text
    assert time.perf_counter() - started < 5
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>&secret;</title>'
        "<description>d</description></item></channel></rss>"
    )
    layout, articles = _articles(xxe)
    hostname = open("/etc/hostname").read().strip()  # noqa: SIM115 - a test's one read
    assert not any(hostname and hostname in a.headline + a.body for a in articles)


def test_a_feed_saved_twice_tracks_each_entry_as_a_story(tmp_path):
    first, second = tmp_path / "mon.xml", tmp_path / "tue.xml"
    first.write_text(RSS)
    second.write_text(RSS.replace("Eleven ships sailed", "Twelve ships sailed"))
    with Store.open(tmp_path / "s.db") as store:
        ingest_paths(store, [first], IngestOptions(captured_at=WHEN))
        ingest_paths(store, [second], IngestOptions(captured_at=WHEN.replace(day=5)))
        sizes = sorted(n for (n,) in store.conn.execute("SELECT count(*) FROM revisions GROUP BY story_id"))
        layouts = {layout for (layout,) in store.conn.execute("SELECT layout FROM captures")}
    assert sizes == [1, 2] and layouts == {"feed"}


def test_a_json_feed_on_one_line_is_not_taken_for_json_lines(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(JSON_FEED)
    with Store.open(tmp_path / "s.db") as store:
        report = ingest_paths(store, [path], IngestOptions(captured_at=WHEN))
        (headline,) = store.conn.execute("SELECT headline FROM revisions").fetchone()
    assert report.snapshots == 1 and headline == "Drones deliver blood"


def test_feeds_in_other_namespaces_and_a_feed_with_nothing_to_read(tmp_path):
    atom03 = (
        '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>'
        '<entry><title>Mill reopens</title><link rel="alternate" href="https://m.example/1"/>'
        "<issued>2004-01-02T03:04:05Z</issued><summary>The mill reopened.</summary></entry></feed>"
    )
    layout, [mill] = _articles(atom03)
    assert (layout, mill.headline, mill.body, mill.url) == (
        "feed",
        "Mill reopens",
        "The mill reopened.",
        "https://m.example/1",
    )
    bare = '<rss version="0.91"><item><title>No channel</title><description>Text.</description></item></rss>'
    assert [a.headline for a in _articles(bare)[1]] == ["No channel"]
    empty = tmp_path / "empty.xml"
    empty.write_text(
        '<rss version="2.0"><channel><title>T</title><item><guid>1</guid></item></channel></rss>'
    )
    from tests.support import cli

    result = cli(tmp_path / "s.db", "ingest", str(empty))
    assert result.exit_code == 2 and f"{empty}: no article found" in result.output


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_ITEM = st.dictionaries(
    st.sampled_from(
        ["title", "content_html", "content_text", "summary", "url", "date_published", "authors", "author"]
    ),
    _JSON,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(_ITEM | _JSON, max_size=4), title=_JSON)
@example(items=[{"title": "Bad \ud800 title"}], title="D\udfffesk")
@example(items=[{"title": "Fine", "authors": 7, "author": "x"}], title="Desk")
def test_any_json_feed_is_read_or_refused_in_one_line(tmp_path, items, title):
    """JSON Feed fields of any JSON type, lone surrogates included (a title "\\ud800" was a
    traceback that stopped the ingest run): articles, or one line and exit 2."""
    from tests.support import cli

    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items})
    )
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-04T12:00:00Z", str(path))
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert [line for line in result.output.splitlines() if line.startswith("revtrack: ")]


def test_a_json_feed_field_of_the_wrong_type_loses_only_that_field():
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": ["x"],
        "items": [{"title": "Fine", "authors": 7}],
    }
    layout, [entry] = _articles(json.dumps(feed))
    assert (layout, entry.headline, entry.outlet, entry.byline) == ("feed", "Fine", None, None)


def test_titles_and_text_are_read_by_their_atom_type_not_shown_as_markup():
    """Found on feedparser's test feeds (held out): an Atom title of ``type="html"`` was shown
    with its tags ("Example <b>Atom</b>"), one of ``type="xhtml"`` as namespaced XML
    ("<html:div xmlns:html=...>"), an RSS title written ``Q&amp;amp;A`` as "Q&amp;A", and
    Base64 text (Atom 0.3's ``mode="base64"``, Atom 1.0's other media types) as its code."""
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Harbour &lt;i&gt;Gazette&lt;/i&gt;</title>'
        '<entry><title type="html">Port &lt;b&gt;reopens&lt;/b&gt;</title>'
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ships <b>sailed</b>.</p>'
        "<p>Traders cheered.</p></div></content></entry>"
        '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Pier <em>closed</em></div></title>'
        '<content type="text">Tolls rise from 1 &lt; 2 euros.</content></entry>'
        '<entry><title type="application/octet-stream">RmVycnkgZmFyZXMgZmFsbA==</title></entry></feed>'
    )
    first, second, third = extract_capture(atom, WHEN, "atom.xml").articles
    assert (first.headline, first.outlet, first.body) == (
        "Port reopens",
        "Harbour Gazette",
        "Ships sailed.\n\nTraders cheered.",
    )
    assert (second.headline, second.body) == ("Pier closed", "Tolls rise from 1 < 2 euros.")
    assert third.headline == "Ferry fares fall"
    rss = "<rss><channel><item><title>Q&amp;amp;A: the &lt;em&gt;new&lt;/em&gt; port</title></item></channel></rss>"
    [entry] = extract_capture(rss, WHEN, "rss.xml").articles
    assert entry.headline == "Q&A: the new port"


def test_a_legacy_encoding_named_in_the_file_or_east_asian_by_its_bytes_is_read_so():
    """An EUC-KR feed that declares it, and an EUC-JP one that does not, were read as
    Windows-1252 noise: the declaration was not asked, and charset-normalizer's guess was set
    aside for a short text with no language coherence."""
    from revtrack.extract.decode import decode_bytes

    declared = (
        '<?xml version="1.0" encoding="euc-kr"?><rss><channel><item><title>년</title></item></channel></rss>'
    )
    text, encoding = decode_bytes("kr.xml", declared.encode("euc-kr"))
    assert (encoding, "<title>년</title>" in text) == ("euc_kr", True)
    undeclared = "<rss><channel><item><title>ゲーム三昧な正月</title><description>ずっとプレイしている。</description></item></channel></rss>"
    text, encoding = decode_bytes("jp.xml", undeclared.encode("euc-jp"))
    assert (encoding.startswith("euc_j"), "ゲーム三昧な正月" in text) == (True, True)
    page = '<html><head><meta charset="windows-1251"></head><body><p>Порт открыт.</p></body></html>'
    assert decode_bytes("ru.html", page.encode("cp1251")) == (page, "cp1251")


def test_a_feed_with_html_entities_or_a_bare_ampersand_is_still_a_feed():
    """XML knows five named entities; feeds written from HTML templates use ``&nbsp;`` and
    ``&eacute;``, and hand-made ones a bare ``&``. Such a feed was read as text, its markup
    for a headline. A prefix used but never declared (a podcast's ``itunes:``) is declared."""
    entities = (
        "<rss><channel><title>Harbour&nbsp;Gazette</title><item><title>Caf&eacute; reopens</title>"
        "<description>Fish &amp; chips&nbsp;again</description></item>"
        "<item><title>Q&A with the mayor</title><itunes:author>Ana Ruiz</itunes:author></item></channel></rss>"
    )
    assert _read_as_feed(entities) == [
        ("Café reopens", "Fish & chips again", "Harbour Gazette"),
        ("Q&A with the mayor", "", "Harbour Gazette"),
    ]


NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/2026/03/04/harbour-vote</loc>
    <news:news><news:publication><news:name>Harbour Gazette</news:name></news:publication>
      <news:publication_date>2026-03-04T09:00:00+00:00</news:publication_date>
      <news:title>{title}</news:title></news:news></url>
  <url><loc>https://news.example/about</loc></url>
</urlset>"""


def test_a_news_sitemap_is_each_headline_at_its_address(tmp_path):
    """Newsrooms list their new articles for search engines in a news sitemap; saved every
    hour, it shows each headline's edits. It was one "article" of every address, title and
    date; a sitemap of addresses only (no news titles) is still no feed."""
    [article] = extract_capture(
        NEWS_SITEMAP.format(title="Harbour vote postponed"), WHEN, "news.xml"
    ).articles
    assert (article.headline, article.body, article.outlet) == (
        "Harbour vote postponed",
        "",
        "Harbour Gazette",
    )
    assert (article.url, article.published.iso()) == (
        "https://news.example/2026/03/04/harbour-vote",
        "2026-03-04T09:00:00Z",
    )
    plain = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/</loc></url></urlset>'
    assert extract_capture(plain, WHEN, "sitemap.xml").layout != "feed"
    with Store.open(tmp_path / "s.db") as store:
        for hour, title in (
            (9, "Harbour budget vote postponed to Thursday"),
            (10, "Council delays harbour budget vote again"),
        ):
            path = tmp_path / f"{hour}" / "news.xml"
            path.parent.mkdir()
            path.write_text(NEWS_SITEMAP.format(title=title))
            ingest_paths(store, [path], IngestOptions(captured_at=WHEN.replace(hour=hour)))
        assert store.conn.execute("SELECT count(DISTINCT story_id), count(*) FROM revisions").fetchone() == (
            1,
            2,
        )


def test_a_feed_written_with_a_prefix_on_its_root_is_a_feed():
    """Atom may be written with a prefix on every element; it was read as XML text."""
    atom = (
        '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Gazette</atom:title>'
        '<atom:entry><atom:title>Port reopens</atom:title><atom:content type="html">&lt;p&gt;Ships sailed.'
        "&lt;/p&gt;</atom:content></atom:entry></atom:feed>"
    )
    assert _read_as_feed(atom) == [("Port reopens", "Ships sailed.", "Gazette")]


def _read_as_feed(text: str) -> list[tuple[str, str, str | None]]:
    """``(headline, body, outlet)`` of each article of a capture that must read as a feed."""
    extraction = extract_capture(text, WHEN, "feed.xml")
    assert extraction.layout == "feed"
    return [(a.headline, a.body, a.outlet) for a in extraction.articles]
