"""An XML document of no kind revtrack knows is read as its text, never as its markup."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from revtrack.extract import extract_capture

CAPTURED = datetime(2026, 3, 1, tzinfo=UTC)
WORD = re.compile(r"\w+")
JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN" "JATS.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article"><front><journal-meta>
<journal-title-group><journal-title>Harbour Studies</journal-title></journal-title-group></journal-meta>
<article-meta><title-group><article-title>Rot in the timber piles of old ferry piers</article-title></title-group>
<contrib-group><contrib><name><surname>Doe</surname><given-names>Jane</given-names></name></contrib></contrib-group>
<pub-date pub-type="epub"><day>05</day><month>03</month><year>2024</year></pub-date></article-meta></front>
<body><sec><title>Introduction</title><p>Engineers found that the piles under the waiting room had
rotted through <xref ref-type="bibr" rid="b1">[1]</xref>, and the pier was closed for
<italic>two</italic> years.</p></sec></body></article>"""


def test_a_jats_article_is_its_text_under_its_title_and_date():
    extraction = extract_capture(JATS, CAPTURED, "pier.nxml")
    assert extraction.layout == "xml"
    (article,) = extraction.articles
    assert article.headline == "Rot in the timber piles of old ferry piers"
    assert article.published.iso() == "2024-03-05"
    paragraphs = article.body.split("\n\n")
    assert "Introduction" in paragraphs
    assert (
        "Engineers found that the piles under the waiting room had rotted through [1], and the pier"
        " was closed for two years."
    ) in paragraphs
    assert "<" not in article.body and "xlink" not in article.body and "bibr" not in article.body
    # every word of element text is kept, and no word of the markup is
    texts = re.sub(r"<[^>]*>", " ", JATS.split("<article ", 1)[1].split(">", 1)[1])
    assert set(WORD.findall(texts)) <= set(WORD.findall(f"{article.headline} {article.body}"))
    assert "read as XML (a <article> document)" in extraction.accounting.why


def test_xhtml_goes_to_the_page_reader_and_unparsable_or_attribute_only_xml_stays_text():
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Pier'
        " closes</title></head><body><article><h1>Pier closes</h1><p>The council voted on Tuesday to close the"
        " old ferry pier for two years, after engineers found rot in its timber piles.</p></article></body></html>"
    )
    assert extract_capture(xhtml, CAPTURED, "pier.xml").layout.startswith("html")
    broken = "<?xml version='1.0'?>\n<notes><p>The pier closes & traders object</notes>\n"
    assert extract_capture(broken, CAPTURED, "notes.xml").layout == "plain"
    data = '<?xml version="1.0"?>\n<codes><code alpha="AF" name="Afghanistan"/><code alpha="AL" name="Albania"/></codes>\n'
    read = extract_capture(data, CAPTURED, "codes.xml")
    assert read.layout == "plain" and "Albania" in read.articles[0].body  # its words are in attributes
    assert extract_capture(JATS, CAPTURED, "pier.nxml", layout="plain").layout == "plain"
