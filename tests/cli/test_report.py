"""``revtrack report``: a story's page, parsed as a browser would (html5lib), holds every
revision in order, every change, move and changed fact, and nothing that loads or runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from revtrack.cli import main
from revtrack.comparison import EQUAL
from revtrack.render.diff import visible_segments
from revtrack.safety import reveal
from revtrack.store import Store
from revtrack.stories import list_stories, story_steps
from tests.support import devcorpus

_LOCAL_LINK = re.compile(r"#[\w-]+|(index|by-[a-z-]+|story-[0-9a-f]+)\.html")


def _report(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), "report", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _parse(page: str):
    return html5lib.parse(page, namespaceHTMLElements=False)


def _text(el) -> str:
    return "".join(el.itertext())


def check_nothing_loads_or_runs(doc) -> None:
    """No script, no resource, no link out of the page or site, a strict policy, a viewport."""
    tags = {el.tag for el in doc.iter() if isinstance(el.tag, str)}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "form", "svg", "video"}
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert "src" not in el.attrib and not any(a.startswith("on") for a in el.attrib)
        if "href" in el.attrib:
            assert _LOCAL_LINK.fullmatch(el.attrib["href"]), el.attrib["href"]
    metas = {m.get("name") or m.get("http-equiv"): m.get("content") for m in doc.iter("meta")}
    assert metas["viewport"].startswith("width=device-width")
    policy = metas["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-") and "unsafe" not in policy


def check_story_page(page: str, steps) -> None:
    """Every revision in order with its evidence, and each diff's changes, moves and facts."""
    doc = _parse(page)
    check_nothing_loads_or_runs(doc)
    sections = [s for s in doc.iter("section") if "revision" in (s.get("class") or "")]
    assert [s.get("id") for s in sections] == [f"rev-{n}" for n in range(1, len(steps) + 1)]
    rows = doc.find(".//section[@id='timeline']//tbody").findall("tr")
    assert len(rows) == len(steps)
    for section, row, step in zip(sections, rows, steps, strict=True):
        rev = step.revision
        assert rev.captured in _text(section.find("p")) and rev.captured in _text(row)
        assert rev.id in _text(section.find(".//div[@class='evidence']"))
        assert len(section.findall(".//div[@class='evidence']//li")) == len(rev.sightings)
        if step.comparison is None:
            continue
        diff = section.find(".//div[@class='diff']")
        shown = [
            seg
            for seg in visible_segments(step.comparison.segments, ignore_cosmetic=True)
            if seg.op != EQUAL and seg.text.strip()
        ]
        marked = [el for el in diff.iter() if el.tag in ("del", "ins")]
        assert [("-" if el.tag == "del" else "+") for el in marked] == [seg.op for seg in shown]
        for el, seg in zip(marked, shown, strict=True):
            words = _text(el.find("a") if el.find("a") is not None else el)
            assert words == reveal(seg.text).strip()
        arrows = [_text(sup) for sup in diff.iter("sup")]
        expected = [f"\u2192{m.id + 1}" for m in step.comparison.moves]
        assert sorted(a for a in arrows if a.startswith("\u2192")) == sorted(expected)
        assert len(arrows) == 2 * len(step.comparison.moves)
        for link in diff.iter("a"):  # each half of a move links to the other
            assert doc.find(f".//*[@id='{link.get('href')[1:]}']") is not None
        facts = [el for el in diff.iter("mark") if "fact" in el.get("class", "")]
        assert len(facts) == sum(len(seg.facts) for seg in shown)


def test_the_seeds_alliance_story_report(seeded_db, tmp_path):
    with Store.open(seeded_db) as store:
        (story,) = [s for s in list_stories(store) if s.revisions > 1]
        steps = story_steps(store, story.id)
    out = tmp_path / "alliance.html"
    _report(seeded_db, story.id[:10], "-o", str(out))
    page = out.read_text()
    check_story_page(page, steps)
    doc = _parse(page)
    # the headline history holds both headlines; the defer -> outline edit is in the diff
    history = _text(doc.find(".//section[@id='headlines']"))
    assert steps[0].revision.headline in history and steps[1].revision.headline in history
    assert "<del>defer details on</del><ins>outline</ins>" in page
    assert story.headline in _text(doc.find(".//title"))


def test_devcorpus_story_reports_hold_every_change_move_and_fact(tmp_path):
    corpus = devcorpus()
    assert corpus is not None, "the devcorpus (shared/devcorpus beside the project) is needed"
    db = tmp_path / "s.db"
    args = ["--db", str(db), "ingest", str(corpus / "docs"), "--captured-at", "2026-01-01T00:00:00Z"]
    assert CliRunner().invoke(main, args).exit_code == 0
    site = tmp_path / "site"
    _report(db, "--all", "-o", str(site))
    with Store.open(db) as store:
        all_steps = [story_steps(store, s.id) for s in list_stories(store) if s.revisions > 1]
    assert len(all_steps) > 100
    for steps in all_steps:
        check_story_page((site / f"story-{steps[0].revision.story_id}.html").read_text(), steps)
    figures = [s.comparison.stats for steps in all_steps for s in steps if s.comparison]
    # what the checks above covered: moves linked and facts marked, not only plain edits
    assert sum(f.sentences_moved for f in figures) >= 1 and sum(f.facts_changed for f in figures) >= 10


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> \x1b[31mred\x1b[0m \u202eevil"


def test_hostile_text_reaches_the_page_as_text(tmp_path):
    db = tmp_path / "s.db"
    body = "The port approved 40 ships.\n\n" + HOSTILE + ' <a href="http://evil.example/">x</a>'
    for n, (text, when) in enumerate(
        [(body, "2026-03-02T08:00:00Z"), (body.replace("40", "45"), "2026-03-03T08:00:00Z")]
    ):
        capture = tmp_path / f"v{n}.jsonl"
        record = {"headline": "Port " + HOSTILE, "body": text, "url": "javascript:alert(3)"}
        capture.write_text(json.dumps(record) + "\n")
        result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(capture), "--captured-at", when])
        assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        (story,) = list_stories(store)
        steps = story_steps(store, story.id)
    out = tmp_path / "r.html"
    _report(db, story.id, "-o", str(out))
    page = out.read_text()
    check_story_page(page, steps)
    text = _text(_parse(page))
    assert "<script>alert(1)</script>" in text and "\x1b" not in page and "\u202e" not in page
    assert "javascript:alert(3)" in text  # the capture's address, printed, never a link


def test_the_site_has_index_pages_and_a_page_per_story(seeded_db, tmp_path):
    site = tmp_path / "site"
    _report(seeded_db, "--all", "-o", str(site))
    with Store.open(seeded_db) as store:
        stories = list_stories(store)
        story_pages = {f"story-{s.id}.html": story_steps(store, s.id) for s in stories}
    assert {p.name for p in site.iterdir()} == {
        *story_pages,
        "index.html",
        "by-first-seen.html",
        "by-revisions.html",
    }
    index = _parse((site / "index.html").read_text())
    check_nothing_loads_or_runs(index)
    linked = [a.get("href") for a in index.iter("a") if a.get("href", "").startswith("story-")]
    assert linked == [
        f"story-{s.id}.html" for s in sorted(stories, key=lambda s: (s.last_change, s.id), reverse=True)
    ]
    by_revisions = _parse((site / "by-revisions.html").read_text())
    counts = [int(_text(row.findall("td")[1])) for row in by_revisions.find(".//tbody").findall("tr")]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    for name, steps in story_pages.items():
        check_story_page((site / name).read_text(), steps)


def test_report_refuses_what_it_cannot_do(seeded_db, tmp_path):
    runner = CliRunner()
    both = runner.invoke(main, ["--db", str(seeded_db), "report", "-o", str(tmp_path / "x.html")])
    assert both.exit_code == 2 and "--all" in both.output
    missing = runner.invoke(
        main, ["--db", str(seeded_db), "report", "ffffffff", "-o", str(tmp_path / "y.html")]
    )
    assert missing.exit_code == 2 and not (tmp_path / "y.html").exists()
    blocked = tmp_path / "file"
    blocked.write_text("")
    cannot = runner.invoke(main, ["--db", str(seeded_db), "report", "--all", "-o", str(blocked)])
    assert cannot.exit_code == 2 and str(blocked) in cannot.output


def test_no_horizontal_scroll_at_360_and_1280_px(seeded_db, tmp_path):
    """In a real browser engine, where one can be installed from the registry (playwright's
    chromium needs a download this machine may not allow)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    site = tmp_path / "site"
    _report(seeded_db, "--all", "-o", str(site))
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch()
        except Exception as exc:  # the browser binary is a separate download
            pytest.skip(f"playwright's chromium cannot start here: {str(exc).splitlines()[0]}")
        for page_file in sorted(site.iterdir()):
            for width in (360, 1280):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.goto(page_file.as_uri())
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert scroll <= client, (page_file.name, width, scroll, client)
                page.close()
        browser.close()
