"""Every one of the 22 article snapshots in the seed pages, pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from revtrack.extract import decode_capture, extract_articles
from revtrack.ingest.manifest import load_manifest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MANIFEST = load_manifest(SEEDS / "manifest.yaml")

# (file prefix, position, outlet, section, headline, date text, published, body start, body end)
PINS = [
    (
        "000",
        0,
        "Korea Herald",
        "Business",
        "Lee, Trump likely to outline ‘alliance modernization,' defer details",
        "22 minutes ago",
        "2025-08-11T23:00Z",
        "The leaders of South Korea and the United States are expecte",
        'le Alliance that is ready to defend against shared threats."',
    ),
    (
        "000",
        1,
        "Korea Herald",
        "Politics",
        "Lee, Trump likely to defer details on ‘alliance modernization'",
        "6 days ago",
        "2025-08-05",
        "South Korea and the United States are expected to agree at t",
        'le Alliance that is ready to defend against shared threats."',
    ),
    (
        "000",
        2,
        "Korea Herald",
        "Politics",
        "Hegseth voices desire to ensure 'strategically sustainable' S. Korea-US alliance: Pentagon",
        "31-07-2025",
        "2025-07-31",
        "US Defense Secretary Pete Hegseth expressed his desire to en",
        "(Yonhap)",
    ),
    (
        "000",
        3,
        "Korea Herald",
        "Politics",
        "World leaders congratulate Lee Jae-myung on election win",
        "06-06-2025",
        "2025-06-06",
        "Opposition in Seoul criticizes delayed first phone call with",
        "ealing with both China and Taiwan in a possible contingency.",
    ),
    (
        "000",
        4,
        "The Print",
        "Business",
        "White House calls South Korea election ‘fair,' expresses concern about Chinese influence",
        "04-06-2025",
        "2025-06-04",
        "'The US-ROK Alliance remains ironclad.",
        "ThePrint holds no responsibility for its content.",
    ),
    (
        "001",
        0,
        None,
        None,
        "S. Korea, US open drive to ‘modernize' alliance in full-fledged talks",
        None,
        None,
        "South Korea and the United States held 'full-fledged and foc",
        "vened in Seoul for the Trilateral Chiefs of Defense meeting.",
    ),
    (
        "001",
        1,
        "Korea Herald",
        None,
        "ASEAN, regional partners call for 'complete denuclearization' of Korean Peninsula",
        "6 hours ago",
        "2025-07-12T01:00Z",
        "Southeast Asian countries and Indo-Pacific partners, includi",
        "(Yonhap)",
    ),
    (
        "001",
        2,
        "Korea Herald",
        None,
        "At ASEAN meetings, S. Korea reaffirms alignment with US, Japan, pushes for NK dialogue",
        "7 hours ago",
        "2025-07-12T00:00Z",
        "First Vice Foreign Minister Park Yoon-joo has wrapped up his",
        "(Yonhap)",
    ),
    (
        "001",
        3,
        "Korea Herald",
        None,
        "S. Korea, US continue joint efforts to 'make progress' toward OPCON transition: Pentagon official",
        "7 hours ago",
        "2025-07-12T00:00Z",
        'South Korea and the United States continue cooperation to "m',
        "(Yonhap)",
    ),
    (
        "002",
        0,
        "Korea Herald",
        None,
        "Lee, Trump likely to outline ‘alliance modernization,' defer details",
        "10 hours ago",
        "2025-08-11T23:00Z",
        "The leaders of South Korea and the United States are expecte",
        'le Alliance that is ready to defend against shared threats."',
    ),
    (
        "002",
        1,
        "Korea Herald",
        None,
        "National security adviser meets visiting US representatives ahead of Lee-Trump summit",
        "2 hours ago",
        "2025-08-12T07:00Z",
        "National Security Adviser Wi Sung-lak met with two visiting ",
        "(Yonhap)",
    ),
    (
        "002",
        2,
        "Korea Herald",
        None,
        "Granite Asia Strengthens Multi-Asset Leadership with Appointment of Three New Managing Partners",
        "2 hours ago",
        "2025-08-12T07:00Z",
        "SINGAPORE, Aug. 12, 2025 /PRNewswire/ -- Granite Asia today ",
        "h Innovation & Wellness, and Energy Transition & Automation.",
    ),
    (
        "002",
        3,
        "Korea Herald",
        None,
        "Lee voices hope to open door to dialogue with N. Korea as Pyongyang begins removing some loudspeakers",
        "3 hours ago",
        "2025-08-12T06:00Z",
        "President Lee Jae Myung on Tuesday voiced hope for opening t",
        " in office to root out recurring fatal industrial accidents.",
    ),
    (
        "003",
        0,
        "Korea Herald",
        "Politics",
        "S. Korean, US diplomats agree on efforts for bilateral alliance, trilateral cooperation with Japan",
        "21-06-2025",
        "2025-06-21",
        "Senior diplomats of South Korea and the United States agreed",
        "(Yonhap)",
    ),
    (
        "003",
        1,
        "Japan Forward",
        "Politics",
        "G7 Summit: Is South Korea Being Passed Over?",
        "18-06-2025",
        "2025-06-18",
        "As the two-day G7 Summit wraps up in Canada, South Korea is ",
        "Author: Kenji Yoshida",
    ),
    (
        "003",
        2,
        "Korea Herald",
        "Politics",
        "US confident alliance with S. Korea will 'thrive' under Lee's leadership: State Dept.",
        "11-06-2025",
        "2025-06-11",
        "The United States is confident that the Seoul-Washington all",
        "(Yonhap)",
    ),
    (
        "003",
        3,
        "Korea Herald",
        "Politics",
        "Lee Jae-myung stresses peace on Korean Peninsula; Kim Moon-soo calls for stronger NK nuclear deterrence",
        "27-05-2025",
        "2025-05-27",
        "The liberal Democratic Party of Korea's presidential candida",
        "nly have three seats, but we can trigger structural change.'",
    ),
    (
        "003",
        4,
        "Korea Herald",
        "Business",
        "S. Korean, US trade chiefs to hold talks over tariff-related package deal",
        "16-05-2025",
        "2025-05-16",
        "South Korea's trade chief Ahn Duk-geun was set to hold talks",
        "(Yonhap)",
    ),
    (
        "004",
        0,
        "Korea Herald",
        None,
        "Hegseth voices desire to ensure 'strategically sustainable' S. Korea-US alliance: Pentagon",
        "31-07-2025",
        "2025-07-31",
        "US Defense Secretary Pete Hegseth expressed his desire to en",
        "(Yonhap)",
    ),
    (
        "004",
        1,
        "Korea Herald",
        None,
        "Seoul's bid for leniency on binding plastic cuts in UN treaty faces scrutiny",
        "an hour ago",
        "2025-08-08T08:00Z",
        "Despite President Lee Jae-myung's pledge to 'de-plastic' by ",
        "ng alternative language that could help break the deadlock.'",
    ),
    (
        "004",
        2,
        "Korea Herald",
        None,
        "Are Washington, Pyongyang testing waters for summit?",
        "2 hours ago",
        "2025-08-08T07:00Z",
        "Speculation is mounting over the chances of a fourth meeting",
        "int statement for the peninsula's complete denuclearization.",
    ),
    (
        "004",
        3,
        "Korea Herald",
        None,
        "Amid LDP turmoil, Japan's Koizumi to meet S. Korea's top diplomat in Seoul",
        "3 hours ago",
        "2025-08-08T06:00Z",
        "South Korean Foreign Minister Cho Hyun will meet Japanese Ag",
        "his father, popular former Prime Minister Junichiro Koizumi.",
    ),
]


def _articles(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = decode_capture(str(path), path.read_bytes())
    return extract_articles(text, MANIFEST[path.name].captured_at, path.name)


def test_22_snapshots_in_seeds():
    total = sum(len(_articles(p)[1]) for p in ("000", "001", "002", "003", "004"))
    assert total == 22 == len(PINS)


@pytest.mark.parametrize("pin", PINS, ids=[f"{p[0]}-{p[1]}" for p in PINS])
def test_seed_snapshot(pin):
    prefix, pos, outlet, section, headline, date_text, published, start, end = pin
    layout, articles = _articles(prefix)
    assert layout == "page"
    art = articles[pos]
    assert art.position == pos
    assert art.outlet == outlet
    assert art.section == section
    assert art.headline == headline
    assert art.date_text == date_text
    assert (art.published.iso() if art.published else None) == published
    assert art.body.startswith(start)
    assert art.body.endswith(end)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_site_chrome_in_bodies(prefix):
    chrome = (
        "Try Our AI Features",
        "Related Articles",
        "DOWNLOAD THE APP",
        "No comments yet",
        "Orange background",
        "Hashtags",
        "app-store",
        "Download the App",
    )
    for art in _articles(prefix)[1]:
        assert not any(c in art.body for c in chrome), art.headline
        assert art.headline not in art.body  # a doubled headline is one headline


def test_article_page_keeps_paragraphs_and_subheads():
    main = _articles("002")[1][0]
    paras = main.body.split("\n\n")
    assert len(paras) == 27
    assert "Alliance modernization gains focus" in paras
    assert "Allies differ on US Forces Korea" in paras


def test_page_without_header_still_yields_article():
    main = _articles("001")[1][0]
    assert main.outlet is None and main.published is None
    assert len(main.body.split("\n\n")) == 26
    assert "Focused talks amid packed diplomatic calendar" in main.body
