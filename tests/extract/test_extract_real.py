"""Extraction on the shapes real text takes: one fixture per failure class found on real pages.

Every page here is written for the test in the shape the failures had on real
publisher pages (nav menus, mastheads, share bars, galleries, embedded posts,
cookie notices, footers); none is copied from a site. Plain files must keep
every word.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.extract import extract_articles
from revtrack.grouping.fingerprint import revision_id

CAP = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
NAV = ["Home", "World", "Politics", "Business", "Tech", "Science", "Sport", "Culture", "Opinion", "Video"]
FOOTER = ["About us", "Contact", "Careers", "Advertise", "Privacy policy", "Terms of use", "Cookie settings",
          "\u00a9 2026 The Daily Example. All rights reserved."]  # fmt: skip
PARAS = [
    "The city council voted on Monday to approve the new transit budget after months of debate, officials "
    "said, and the plan now goes to the mayor for a final signature.",
    "Under the plan, bus fares will stay at two dollars for another year while the number of night routes "
    "rises from six to eleven, according to the budget office.",
    "Opponents argued that the spending relies on a sales tax forecast that has missed its target in three "
    "of the past five years, and they asked for an independent review.",
    "The mayor's office said in a statement that it would study the final text before deciding whether to "
    "sign it, but welcomed what it called a balanced compromise.",
]
LAST = (
    "Council members will meet again in April to set the schedule for the new night routes, which are "
    "expected to start running in the autumn."
)
HEADLINE = "Council approves transit budget after months of debate"


def page(*parts: list[str] | str) -> str:
    lines: list[str] = []
    for part in parts:
        lines.extend([part] if isinstance(part, str) else part)
    return "\n".join(lines)


def only_article(text: str):
    layout, articles = extract_articles(text, CAP)
    assert len(articles) == 1, [a.headline for a in articles]
    return layout, articles[0]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_masthead_and_byline_dates_do_not_end_the_article():
    # class 1: a date line before the article, then nav, share and gallery lines
    text = page(
        "The Daily Example",
        "Monday, March 2, 2026",
        NAV,
        HEADLINE,
        "By Jane Doe",
        "March 2, 2026 at 9:24 pm ET",
        "Share",
        "Tweet",
        "Email",
        "Photo 1 of 5",
        "Council members at Monday's vote. (Photo: J. Doe)",
        PARAS,
        "Most read",
        "Storm closes schools across the region",
        "Ferry fares rise again in the spring",
        FOOTER,
    )
    layout, article = only_article(text)
    assert layout == "page"
    assert article.headline == HEADLINE
    assert article.body.split("\n\n") == PARAS
    assert article.byline == "By Jane Doe"
    assert article.published is not None and article.published.iso() == "2026-03-03T02:24Z"


def test_embedded_post_and_related_list_are_not_the_article_end():
    # class 2: the only dates on the page come after the article (a tweet, a related list)
    tweet = [
        "We just voted for eleven night routes. Big day for riders!",
        "\u2014 Ann Lee (@annlee) March 2, 2026",
    ]
    related = [
        "Related",
        "Budget talks stall again",
        "February 20, 2026",
        "Fares frozen for a year",
        "January 9, 2026",
    ]
    text = page(NAV, HEADLINE, PARAS[:2], tweet, PARAS[2:], related, FOOTER)
    _, article = only_article(text)
    assert article.headline == HEADLINE
    for para in PARAS:
        assert para in article.body
    assert "Budget talks stall again" not in article.body


def test_embedded_post_in_a_plain_file_neither_splits_it_nor_becomes_an_outlet():
    tweet = ["We just voted for eleven night routes.", "\u2014 Ann Lee (@annlee) March 2, 2026"]
    text = page(HEADLINE, "", PARAS[0], "", *tweet, "", PARAS[1])
    layout, article = only_article(text)
    assert layout == "plain" and article.outlet is None
    assert words(article.headline + " " + article.body) == words(text)


def test_cookie_notice_is_not_the_lead_article():
    # class 3
    notice = (
        "We use cookies to give you the best experience on our website. By continuing to browse you agree "
        "to our use of cookies and to our updated privacy policy."
    )
    text = page(notice, "Accept", "Manage settings", NAV, HEADLINE, "By Jane Doe", PARAS, FOOTER)
    _, article = only_article(text)
    assert article.headline == HEADLINE
    assert "cookies" not in article.body and article.body.startswith(PARAS[0])


def test_gallery_related_link_share_buttons_and_short_list_inside_the_article():
    # class 4: the body must cross in-article boxes
    text = page(
        NAV,
        HEADLINE,
        PARAS[0],
        "Gallery: the vote in pictures",
        "1 / 12",
        PARAS[1],
        "Read more: Fares frozen for a year",
        PARAS[2],
        "Share on Facebook",
        "Share on X",
        "Copy link",
        PARAS[3],
        "What changes:",
        "Eleven night routes",
        "Fares at two dollars",
        LAST,
        FOOTER,
    )
    _, article = only_article(text)
    for para in [*PARAS, LAST]:
        assert para in article.body
    assert "About us" not in article.body


def test_dates_with_times_zones_and_updated_forms_are_the_articles_date():
    # class 5
    for dateline, iso in [
        ("Nov 18, 2019 at 9:24 pm ET", "2019-11-19T02:24Z"),
        ("June 5, 2019 at 9:24 pm ET", "2019-06-06T01:24Z"),
        ("Updated 9:22 PM EST, Mon November 18, 2019", "2019-11-18"),
        ("18. November 2019, 14:30 Uhr MEZ", "2019-11-18T13:30Z"),
        ("2019-11-18T09:24:00+01:00", "2019-11-18T08:24:00Z"),
    ]:
        _, article = only_article(page(NAV, HEADLINE, dateline, PARAS, FOOTER))
        assert article.headline == HEADLINE, dateline
        assert article.published is not None and article.published.iso() == iso, dateline
        assert article.date_text is not None and article.date_text in dateline


def test_headline_is_not_a_byline_a_time_or_a_nav_label():
    # class 6
    text = page(NAV, "Subscribe", "Newsletter", HEADLINE, "5:50 PM", "By Jane Doe and Sam Roe", PARAS, FOOTER)
    _, article = only_article(text)
    assert article.headline == HEADLINE
    assert article.outlet is None  # nothing on the page names the site: no guess


def test_japanese_prose_counts_as_prose():
    # class 7: no spaces between words
    paras = [
        "市議会は月曜日、数か月にわたる議論の末、新しい交通予算を承認した。計画は市長の最終署名を待つことになる。",
        "計画では、バスの運賃を来年も二ドルに据え置き、夜間路線を六から十一に増やすと予算局は説明した。",
        "反対派は、支出が売上税の見通しに依存していると主張し、独立した検証を求めた。",
    ]
    text = page(
        ["ホーム", "国際", "政治", "経済", "科学", "スポーツ"], "交通予算を市議会が承認", paras, FOOTER
    )
    layout, article = only_article(text)
    assert layout == "page"
    assert article.headline == "交通予算を市議会が承認"
    assert article.body.split("\n\n") == paras


def test_plain_file_keeps_short_last_paragraphs():
    # class 8: the lines after the last long paragraph are where corrections and credits go
    for tail in ["Reporting by Jane Doe", "Schools were closed.", "(Reuters)", "Editing by Sam Roe",
                 "\u00a9 2025 The Daily Example", "Correction: an earlier version misstated the fare"]:  # fmt: skip
        text = page(HEADLINE, "", *PARAS, "", tail)
        layout, article = only_article(text)
        assert layout == "plain", tail
        assert article.body.endswith(tail), tail


def test_plain_file_with_a_dated_timeline_is_one_article():
    timeline = [
        "Timeline",
        "June 5, 2025",
        "The budget office publishes its first draft of the plan.",
        "September 12, 2025",
        "Council members ask for two more night routes.",
        "January 20, 2026",
        "Opponents call for an independent review of the forecast.",
    ]
    text = page(HEADLINE, "", PARAS[0], "", *timeline, "", PARAS[1])
    layout, article = only_article(text)
    assert layout == "plain"
    assert words(article.headline + " " + article.body) == words(text)


def test_byline_and_date_under_the_headline_of_a_plain_file():
    text = page(HEADLINE, "By Jane Doe", "June 5, 2025", "", *PARAS)
    layout, article = only_article(text)
    assert layout == "plain" and article.headline == HEADLINE
    assert article.byline == "By Jane Doe" and article.published.iso() == "2025-06-05"
    assert words(article.headline + " " + article.body) == words(text)  # fields, and still kept


_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\u00e9\u00fc\u65e5\u672c", min_size=1, max_size=9
)
_SENTENCE = st.lists(_WORD, min_size=4, max_size=40).map(" ".join).map(lambda s: s + ".")
_SHORT = (
    st.lists(_WORD, min_size=1, max_size=6)
    .map(" ".join)
    .flatmap(lambda s: st.sampled_from([s, s + ":", "- " + s, "(" + s + ")", s + "?"]))
)
# A plain article: paragraphs of running text, with subheadings, list items, credits
# and other short lines between them (up to three in a row, anywhere, the last line too).
_LINE = st.one_of(_SENTENCE, _SHORT)
_PARAGRAPHS = st.lists(
    st.tuples(_SENTENCE, st.lists(_SHORT, max_size=3)).map(lambda t: [t[0], *t[1]]), min_size=1, max_size=8
).map(lambda groups: [line for group in groups for line in group])


@settings(max_examples=150, deadline=None)
@given(title=_LINE, head=st.lists(_SHORT, max_size=3), paragraphs=_PARAGRAPHS, blank=st.booleans())
def test_plain_file_keeps_every_word(title, head, paragraphs, blank):
    paragraphs = head + paragraphs
    text = title + "\n" + ("\n" if blank else "") + ("\n\n" if blank else "\n").join(paragraphs)
    _, articles = extract_articles(text, CAP)
    kept = " ".join(a.headline + " " + a.body for a in articles)
    assert sorted(words(kept)) == sorted(words(text))


@settings(max_examples=100, deadline=None)
@given(extra=_LINE, paragraphs=_PARAGRAPHS)
def test_appending_a_short_paragraph_changes_the_revision(extra, paragraphs):
    text = HEADLINE + "\n\n" + "\n\n".join(PARAS[:2] + paragraphs)
    _, (before,) = extract_articles(text, CAP)
    _, (after,) = extract_articles(text + "\n\n" + extra, CAP)
    assert revision_id(after.headline, after.body) != revision_id(before.headline, before.body)
