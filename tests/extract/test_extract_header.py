"""An article page's header: the headline, byline and date over its block (extract/header.py).

Each page here has the shape of a real news page that revtrack misread: the
headline far above its story over a video playlist, the headline opening the
block, a dek between the headline and its byline, a date with a time and an
author on one line. The first five tests were checked to fail on the reader
before the masthead rule; the teaser and wrapped-line tests guard what the rule
must not do (the second caught a false byline in Python-Markdown's AUTHORS).
"""

from __future__ import annotations

from datetime import UTC, datetime

from revtrack.extract import extract_capture
from revtrack.extract.lines import could_be_outlet

CAP = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
PARAGRAPHS = [
    "The ministry said on Tuesday that the new rules would take effect next month, after a "
    "consultation that drew more than four thousand responses from companies and the public.",
    "Officials expect the first inspections to start in the spring, with fines for the ports that "
    "fail them and a second round of checks planned for the autumn of next year.",
    "Opposition members welcomed the decision but said the timetable left small operators too "
    "little time to adapt, and asked for a fund to help them buy the new equipment.",
]
BODY = "\n\n".join(PARAGRAPHS)
MENU = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Travel"])
FOOTER = "\n".join(["About us", "Contact", "Privacy policy", "Terms of use", "Advertise", "Careers"])


def _playlist(videos: int) -> str:
    """A video rail between a headline and its story: a title, a duration and labels per video."""
    return "\n".join(
        f"Video Ad Feedback\nMinister {n} answers questions on the harbour plan\n0{n % 10}:2{n % 6}\n"
        "Now playing\n- Source: Harbour TV"
        for n in range(videos)
    )


def _only(text: str):
    extraction = extract_capture(text, CAP, "page.txt")
    assert extraction.layout == "page"
    (article,) = extraction.articles
    return article


def test_a_headline_above_a_long_video_playlist_keeps_its_byline_and_date():
    """A CNN-style page: the headline, byline and date, then 18 videos (90 short lines),
    then the story. The headline was out of the header's reach (25 lines) and the last
    video's title was taken for it, with no byline and no date."""
    headline = "Council passes harbour budget after a long night of talks"
    page = (
        f"{MENU}\n\n{headline}\nBy Ann Lee and Bo Berg, Harbour TV\n7 minute read\n"
        f"Updated 4:48 PM EST, Mon March 2, 2026\nLink Copied!\n{_playlist(18)}\n\n{BODY}\n\n{FOOTER}\n"
    )
    article = _only(page)
    assert article.headline == headline
    assert article.byline == "By Ann Lee and Bo Berg, Harbour TV"
    assert article.date_text == "March 2, 2026"
    assert PARAGRAPHS[0] in article.body and "Minister 17" not in article.headline


def test_a_playlist_holding_a_teaser_paragraph_is_not_crossed():
    """Running text between (a teaser ended by a full stop) belongs to another story: the
    masthead above it is not this article's header."""
    other = "Council passes harbour budget after a long night of talks"
    teaser = "The mayor said the vote was the hardest of her term and thanked the harbour workers."
    page = f"{MENU}\n\n{other}\nBy Ann Lee\nMarch 2, 2026\n{teaser}\n{_playlist(18)}\n\n{BODY}\n\n{FOOTER}\n"
    article = _only(page)
    assert article.headline != other and article.byline is None


def test_a_headline_that_opens_the_block_is_the_headline_and_leaves_the_body():
    """A headline ending in "!" reads as a short sentence, so the article block began with it;
    a menu line above ("About Press T&C Contact Us") was taken for the headline."""
    headline = "Harbour crews win the national rowing title for the fourth time in a row!"
    page = (
        f"{MENU}\nAbout Press T&C Contact Us\nHome Sport\n7-minute read\n{headline}\n\n"
        f"Same tears, different emotions.\n\nBy Ann Lee  March 2, 2026 7:18 pm\nShare Article\n\n"
        f"{BODY}\n\n{FOOTER}\n"
    )
    article = _only(page)
    assert article.headline == headline
    assert article.date_text == "March 2, 2026 7:18 pm"
    assert headline not in article.body and PARAGRAPHS[0] in article.body


def test_a_byline_under_a_dek_is_read_from_the_top_of_the_block():
    """Headline, a dek of one sentence (the block's first line), the outlet and the date: the
    headline was right, and its date under the dek is the article's."""
    headline = "Council passes harbour budget after a long night of talks"
    dek = (
        "The council will spend two million on new cranes over the next four years to speed up the "
        "loading of ships and to cut the waiting times of lorries at the gates"
    )
    page = f"{MENU}\n{headline}\n\n{dek}\n\nHarbour Post\nUpdated: March 2, 2026\n\n{BODY}\n\n{FOOTER}\n"
    article = _only(page)
    assert article.headline == headline
    assert article.date_text == "March 2, 2026"


def test_a_date_and_time_then_an_author_is_a_field_not_the_headline():
    """ "19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare" was taken for the headline (the
    line nearest the block); opening with a date and a time, it is the header's date line."""
    headline = "Hafen bekommt neue Kräne noch vor dem Winter"
    page = f"{MENU}\n{headline}\n19.6.2025 9:40 Uhr Anna Lehmann 71 Kommentare\n\n{BODY}\n\n{FOOTER}\n"
    article = _only(page)
    assert article.headline == headline
    assert article.date_text == "19.6.2025 9:40"


def test_a_wrapped_line_with_by_in_it_is_no_byline():
    """In a hard-wrapped paragraph under a title, "He started out by authoring ... and later
    was" runs on into "asked to join": running text, not the document's byline."""
    text = (
        "Primary Authors\n===============\n\n"
        "    @waylan is the current maintainer of the code and has written much of the\n"
        "    current code base, including a complete refactor of the core for version 2.0\n"
        "    He started out by authoring many of the available extensions and later was\n"
        "    asked to join the team, where he began fixing numerous bugs, adding\n"
        "    documentation and making general improvements to the existing code base.\n"
    )
    extraction = extract_capture(text, CAP, "AUTHORS.md")
    assert all(article.byline is None for article in extraction.articles)


def test_a_weekday_before_a_date_is_not_an_outlet():
    """ "Thu, 14 May 2020 17:55 UTC" under an outlet's name: "Thu" was read as the outlet."""
    assert not could_be_outlet("Thu") and not could_be_outlet("Donnerstag") and not could_be_outlet("jeudi,")
    assert could_be_outlet("Thursday Review") and could_be_outlet("Harbour Post")


def test_a_japanese_dateline_with_the_place_of_filing_marks_the_headline_above_it():
    """AFP's Japanese pages: the headline, then "2018年6月18日 10:01　発信地：カノ/ナイジェリア"
    (date, time, where it was filed), then a share label. The tail after the time is one run
    of characters with no spaces, counted as 20 words, so the line was no date and the share
    label, nearest the block, was the headline."""
    headline = "動画：ナイジェリアで少女らによる自爆攻撃、ロケット弾も撃ち込まれ31人死亡"
    menu = "\n".join(["ニュース", "国際", "経済", "スポーツ", "エンタメ", "ライフ", "特集", "Photo", "動画"])
    body = "\n\n".join(
        [
            "【6月18日 AFP】ナイジェリア北東部ボルノ州で16日夜、イスラム過激派組織によるものと思われる少女を使った自爆攻撃が起き、31人が死亡した。",
            "攻撃は同州の町ダンボアで、イスラム教の断食月ラマダン明けの祭りの祝いから帰る途中の人々を狙って起きたもので、地元の民兵指導者が明らかにした。",
            "政府は過激派組織が劣勢にあると繰り返し主張しているが、あるアナリストは北東部で大量の死傷者を出す攻撃を行う能力を維持していると指摘している。",
        ]
    )
    footer = "\n".join(["会社概要", "利用規約", "プライバシー", "お問い合わせ", "広告掲載", "採用情報"])
    page = f"{menu}\n{headline}\n2018年6月18日 10:01\u3000発信地：カノ/ナイジェリア [ ナイジェリア アフリカ ]\nこのニュースをシェア\n\n{body}\n\n{footer}\n"
    article = _only(page)
    assert article.headline == headline
    assert article.date_text == "2018年6月18日 10:01"


def test_a_listing_dated_with_weekdays_keeps_its_items_and_names_no_weekday_outlet():
    """A blog index: each post's title, "Mon, 25 Dec 2023", a one-paragraph excerpt. The
    weekday was read as each item's outlet, which was also what gave the items their shape;
    with the weekday no outlet, a dateline opening with its weekday still does."""
    days = [
        "Mon, 25 Dec 2023",
        "Fri, 22 Dec 2023",
        "Wed, 20 Dec 2023",
        "Mon, 18 Dec 2023",
        "Thu, 14 Dec 2023",
    ]
    excerpt = (
        "The council voted on Tuesday to approve the plan after a long debate about costs, noise "
        "and the future of the old docks, officials said in a statement."
    )
    items = [
        f"Harbour council approves plan number {n} for the port\n{day}\n{excerpt}\n"
        for n, day in enumerate(days)
    ]
    page = "Home\nNews\nSport\nAbout\n\n" + "\n".join(items) + "\nAbout us\nContact\nPrivacy\n"
    extraction = extract_capture(page, CAP, "index.txt")
    assert extraction.layout == "page" and len(extraction.articles) == 5
    assert [a.date_text for a in extraction.articles] == [day.split(", ")[1] for day in days]
    assert all(a.outlet is None and a.headline.startswith("Harbour council") for a in extraction.articles)
