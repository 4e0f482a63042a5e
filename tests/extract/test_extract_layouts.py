"""Layouts beyond the seeds: other outlets and dates, plain text, JSON Lines, junk."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from revtrack.errors import InputError
from revtrack.extract import decode_bytes, decode_capture, extract_articles

CAP = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PARA = (
    "The city council voted on Monday to approve the new transit budget after months of debate, "
    "officials said, and the plan now goes to the mayor for a final signature."
)


def test_listing_with_other_outlets_tags_and_dates():
    page = "\n".join(
        [
            "Latest news with #TransitFunding",
            "",
            "",
            "Riverside Gazette",
            "3 days ago",
            "- Local",
            "- Riverside Gazette",
            "Council approves transit budget",
            PARA,
            "",
            "",
            "Metro Daily Wire",
            "02-01-2026",
            "- Metro Daily Wire",
            "Will the budget survive the mayor?",
            PARA.replace("Monday", "Tuesday"),
        ]
    )
    layout, arts = extract_articles(page, CAP)
    assert layout == "page"
    assert [(a.outlet, a.section, a.headline) for a in arts] == [
        ("Riverside Gazette", "Local", "Council approves transit budget"),
        ("Metro Daily Wire", None, "Will the budget survive the mayor?"),
    ]
    assert arts[0].published.iso() == "2026-02-27"
    assert arts[1].published.iso() == "2026-01-02"
    assert arts[1].body.startswith("The city council voted on Tuesday")


def test_article_page_with_related_items_other_outlet():
    page = "\n".join(
        [
            "icon",
            "Budget passes",
            "",
            "Budget passes",
            "",
            "Harbor Times5 hours ago",
            PARA,
            "A second paragraph follows here with more detail on the vote.",
            "Share this",
            "",
            "More stories",
            "",
            "Ferry fares rise",
            "Ferry fares rise",
            "",
            "Harbor Times",
            "",
            "time1 hour ago",
            "",
            "  \u2022 Harbor Times",
            "",
            "Ferry fares rise",
            "",
            PARA.replace("transit", "ferry"),
            "",
            "Get the app",
            "",
            "Install now",
        ]
    )
    _, arts = extract_articles(page, CAP)
    assert [a.headline for a in arts] == ["Budget passes", "Ferry fares rise"]
    assert arts[0].outlet == "Harbor Times"
    assert arts[0].body.split("\n\n") == [
        PARA,
        "A second paragraph follows here with more detail on the vote.",
    ]
    assert arts[1].published.iso() == "2026-03-02T11:00Z"
    assert "Get the app" not in arts[1].body


def test_plain_text_is_one_article():
    layout, arts = extract_articles("\n\nMy headline\n\nFirst para.\nSecond para.\n", CAP)
    assert layout == "plain"
    assert arts[0].headline == "My headline"
    assert arts[0].body == "First para.\n\nSecond para."


def test_jsonl_one_article_per_line():
    text = (
        '{"headline": "A", "body": "Body a.", "outlet": "X", "published": "2026-03-01T10:00:00Z", "url": "u"}\n'
        '{"headline": "B", "body": "Body b."}\n'
    )
    layout, arts = extract_articles(text, CAP, "feed.jsonl")
    assert layout == "jsonl"
    assert [(a.headline, a.outlet, a.url) for a in arts] == [("A", "X", "u"), ("B", None, None)]
    assert arts[0].published.iso() == "2026-03-01T10:00:00Z"


def test_jsonl_bad_line_names_file_and_line():
    with pytest.raises(InputError, match=r"feed.jsonl: line 2: not valid JSON"):
        extract_articles('{"headline": "A", "body": "b"}\n{oops\n', CAP, "feed.jsonl")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty file"),
        (b"  \n", "empty file"),
        (b"\x00\x01\x02", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
)
def test_bad_bytes(raw, problem):
    with pytest.raises(InputError, match=problem):
        decode_capture("x.txt", raw)


ARTICLE = "Caf\u00e9 owners in K\u00f6ln say \u201cprices rose\u201d \u2014 again.\nThe second paragraph."


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (ARTICLE.encode("utf-8-sig"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("cp1252"), "cp1252"),
        (ARTICLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (ARTICLE.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_encodings_scrapers_produce(raw, encoding):
    text, used = decode_bytes("x.txt", raw)
    assert text == ARTICLE and used == encoding


def test_latin1_page_decodes():
    text = "Gr\u00fc\u00dfe aus K\u00f6ln: sch\u00f6ne Stra\u00dfe, M\u00e4rz und \u00c4pfel f\u00fcr alle."
    assert decode_bytes("x.txt", text.encode("latin-1"))[0] == text


def test_unknown_layout_degrades_to_plain():
    layout, arts = extract_articles("<<<>>>\n|||\n---", CAP)
    assert layout == "plain" and arts[0].headline == "<<<>>>"
