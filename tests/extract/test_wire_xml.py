"""Wire copy as agencies deliver it: NITF and NewsML-G2 (layouts from IPTC's specifications)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from revtrack.extract import extract_capture
from tests.support import PARAGRAPHS, cli

WHEN = datetime(2026, 3, 4, tzinfo=UTC)
NITF = """<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN" change.date="October 10, 2012" change.time="19:30">
  <head>
    <title>Council passes harbour budget</title>
    <docdata>
      <doc-id id-string="GAZ-2026-0303-001"/>
      <date.issue norm="20260303T093000Z"/>
      <doc.copyright year="2026" holder="Harbour Press Agency"/>
    </docdata>
    <pubdata type="web" name="Harbour Press Agency" date.publication="20260303T093000Z"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Council passes harbour budget after all-night debate</hl1></hedline>
      <byline>By <person>Jo Roe</person>, Harbour Press</byline>
      <dateline><location>PORTSMOUTH</location>, <story.date norm="20260303">March 3</story.date></dateline>
    </body.head>
    <body.content>
      <p>The city council approved the harbour budget late on Monday after a debate that ran past midnight.</p>
      <hl2>Union reaction</hl2>
      <p>Union leaders said the vote was a <em>fair compromise</em> for their members.</p>
      <ul><li>Dredging: 40 million</li><li>Quay repairs: 12 million</li></ul>
    </body.content>
    <body.end><tagline>Reporting by Jo Roe; editing by Al Li</tagline></body.end>
  </body>
</nitf>
"""
G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2026-03-03T10:00:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:newsml:harbour.example:20260303:budget" version="2" standard="NewsML-G2" standardversion="2.25">
      <itemMeta><itemClass qcode="ninat:text"/><provider literal="Harbour Press Agency"/><versionCreated>2026-03-03T09:45:00Z</versionCreated></itemMeta>
      <contentMeta><contentCreated>2026-03-03T09:30:00Z</contentCreated><by>Jo Roe</by><headline>Council passes harbour budget</headline></contentMeta>
      <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p>The city council approved the harbour budget late on Monday.</p><p>Union leaders said the vote was fair.</p></body></html></inlineXML></contentSet>
    </newsItem>
    <newsItem guid="urn:newsml:harbour.example:20260303:storm" version="1" standard="NewsML-G2">
      <itemMeta><provider literal="Harbour Press Agency"/><versionCreated>2026-03-03T11:00:00Z</versionCreated></itemMeta>
      <contentMeta><headline>Storm closes port</headline></contentMeta>
      <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content><p>A winter storm closed the port on Thursday.</p></body.content></body></nitf></inlineXML></contentSet>
    </newsItem>
  </itemSet>
</newsMessage>
"""


def test_an_nitf_story_keeps_its_dateline_subheads_lists_and_tagline():
    """Read as text, an NITF file was one article headed by its XML declaration."""
    extraction = extract_capture(NITF, WHEN, "story.xml")
    assert extraction.layout == "wire"
    [story] = extraction.articles
    assert story.headline == "Council passes harbour budget after all-night debate"
    assert story.body.split("\n\n") == [
        "PORTSMOUTH, March 3",
        "The city council approved the harbour budget late on Monday after a debate that ran past midnight.",
        "Union reaction",
        "Union leaders said the vote was a fair compromise for their members.",
        "Dredging: 40 million",
        "Quay repairs: 12 million",
        "Reporting by Jo Roe; editing by Al Li",
    ]
    assert (story.outlet, story.byline, story.url) == (
        "Harbour Press Agency",
        "By Jo Roe, Harbour Press",
        "GAZ-2026-0303-001",
    )
    assert story.published.iso() == "2026-03-03T09:30:00Z"


def test_a_newsml_message_gives_each_item_with_its_guid_as_address():
    extraction = extract_capture(G2, WHEN, "message.xml")
    assert [(a.headline, a.url) for a in extraction.articles] == [
        ("Council passes harbour budget", "urn:newsml:harbour.example:20260303:budget"),
        ("Storm closes port", "urn:newsml:harbour.example:20260303:storm"),
    ]
    budget, storm = extraction.articles
    assert (
        budget.body
        == "The city council approved the harbour budget late on Monday.\n\nUnion leaders said the vote was fair."
    )
    assert storm.body == "A winter storm closed the port on Thursday."  # NITF inside inlineXML
    assert (budget.byline, budget.outlet, budget.published.iso()) == (
        "Jo Roe",
        "Harbour Press Agency",
        "2026-03-03T09:30:00Z",
    )


def test_two_versions_of_an_item_are_one_story(tmp_path):
    """An agency re-sends an item under the same guid with a higher version, a figure
    corrected and a paragraph added: one story of two revisions."""
    first = (
        G2.split('<newsItem guid="urn:newsml:harbour.example:20260303:storm"')[0] + "</itemSet></newsMessage>"
    )
    first = first.replace(
        "<p>The city council approved the harbour budget late on Monday.</p><p>Union leaders said the vote was fair.</p>",
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS),
    )
    second = first.replace('version="2"', 'version="3"').replace("forty million", "fifty million")
    second = second.replace("</body></html>", "<p>Correction: the vote was 7-2.</p></body></html>")
    assert second != first
    (tmp_path / "v2.xml").write_text(first)
    (tmp_path / "v3.xml").write_text(second)
    cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-03T10:00:00Z", str(tmp_path / "v2.xml"))
    cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-03T12:00:00Z", str(tmp_path / "v3.xml"))
    stories = json.loads(cli(tmp_path / "s.db", "stories", "--json").output)
    assert [story["revisions"] for story in stories] == [2]


def test_a_wire_document_that_does_not_parse_is_read_as_text():
    broken = NITF.replace("</nitf>", "")
    extraction = extract_capture(broken, WHEN, "story.xml")
    assert extraction.layout != "wire"
    assert "all-night debate" in " ".join(a.headline + " " + a.body for a in extraction.articles)
