"""Pages as a text browser prints them (``lynx -dump``, ``w3m -dump``): hard-wrapped at 80
columns, menus of link labels wrapped into lines like prose."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

from revtrack.extract import extract_capture

CAPTURED = datetime(2026, 1, 1, tzinfo=UTC)

MENU = (
    "Front Page World News Politics Business Science & Technology Earth Changes Health & Wellness "
    "Culture Books Film Music Travel Opinion Letters Video Podcasts Weather Crosswords Obituaries Archive"
)
TAGS = (
    "Animals Comets Drought Earthquakes Extreme Temperatures Fireballs Floods Plagues Sinkholes "
    "Storms Strange Skies Strange Sounds Volcanoes Wildfires Heat Waves Tornadoes Hurricanes"
)
PARAGRAPHS = [
    "The harbour authority voted on Tuesday to close the old ferry pier for two years, "
    "after engineers found that the timber piles under the waiting room had rotted through.",
    "Councillors said the closure would cost the town about 40,000 visitors a season. The "
    "ferry company will run its boats from the fishing quay, a mile to the east, until the "
    "new pier opens.",
    '"We had no choice," said Maria Okafor, who chairs the authority. "The report said the '
    'pier could fail in the next storm, and we will not take that risk with people on it."',
    "Traders on the front, who asked for a temporary walkway, were told it would not pass "
    "the same inspection. A public meeting is planned for next month at the town hall.",
]


def _dump() -> str:
    wrapped = lambda text: textwrap.fill(text, 79)  # noqa: E731 - as the browser wraps
    top = ["[logo]", "[Search              ] [->]", "Welcome to Example News", "Mon, 25 Dec 2023"]
    top += ["Sections", wrapped(MENU), "Topics", wrapped(TAGS), "", "Harbour"]
    head = ["", "Old ferry pier to close for two years after engineers find rot", ""]
    head += ["Jane Smith", "Thu, 14 May 2020 17:55 UTC", ""]
    body = "\n\n".join(wrapped(p) for p in PARAGRAPHS)
    foot = ["", "Share", "Comments", "Contact us", "Privacy", "Terms of use", "Advertise", "Jobs"]
    return "\n".join(top + head) + "\n" + body + "\n" + "\n".join(foot) + "\n"


def test_menus_wrapped_by_a_text_browser_are_labels_not_the_article():
    extraction = extract_capture(_dump(), CAPTURED, "dump.txt")
    article = max(extraction.articles, key=lambda a: len(a.body))
    assert article.headline == "Old ferry pier to close for two years after engineers find rot"
    for paragraph in PARAGRAPHS:
        assert " ".join(paragraph.split()) in " ".join(article.body.split())
    assert "Volcanoes" not in article.body and "Crosswords" not in article.body
