"""Grouping on the shapes real revision histories take.

Written in the shape of the failures seen on real newsroom and blog histories:
templated stories (same template, another year, month or version), real
revisions that change numbers and dates, chains of near neighbours; then the
manual corrections (why, merge, split, reset, regroup) end to end through the CLI.
"""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from revtrack.cli import main
from revtrack.grouping import group_documents
from revtrack.grouping.docs import calendar_facts, make_doc
from revtrack.grouping.evidence import weigh
from revtrack.ingest import IngestOptions, ingest_paths
from revtrack.store import Store

BOILERPLATE = (
    "The project will release new versions of all supported release lines in order to address several "
    "security issues reported by the community. The current security policy can be found on the project "
    "website, and reports should follow the process it describes. Users are encouraged to upgrade as soon "
    "as the releases are available, and to subscribe to the low-volume announcement list to stay up to date "
    "on security vulnerabilities and releases."
)


_ISSUES = {
    "October": "a request smuggling flaw in the HTTP parser and a path traversal in the permission model",
    "November": "a denial of service through crafted TLS certificates and a memory leak in the zlib bindings",
    "December": "an out-of-bounds read in the buffer module and a prototype pollution in the URL parser",
    "February": "a crash on malformed headers",
}


def security_notice(month: str, year: int, versions: str, cves: str) -> tuple[str, str]:
    headline = f"{month} {year} Security Releases"
    body = (
        f"{BOILERPLATE}\n\nReleases for {month} {year} cover the {versions} release lines. "
        f"They fix {cves}: {_ISSUES[month]}. The most severe of them is rated high by the security team. "
        f"Releases will be available on or shortly after the second Tuesday of {month}."
    )
    return headline, body


_YEARLY = {
    2024: "Last year almost ten thousand people answered, and this year we added questions about async code "
    "and about learning resources. The survey closes on December 23.",
    2025: "Last year more than seven thousand people answered; this edition asks new questions about tooling, "
    "compile times and the editions, and it closes on December 17.",
}


def survey(year: int) -> tuple[str, str]:
    return f"Launching the {year} State of Rust Survey", (
        f"It is that time again! The State of Rust Survey for {year} is open. Whether or not you use Rust today, "
        "we want to know your opinions. Your responses will help the project understand its strengths and "
        "weaknesses and establish development priorities for the future. Completing the survey should take "
        f"about ten to twenty minutes and is anonymous. {_YEARLY[year]} We will share our findings on the blog. "
        "The survey is available in many languages, and we invite you to share it with anyone who may be "
        "interested, Rustaceans or not."
    )


def test_calendar_facts_of_headlines():
    assert calendar_facts("Launching the 2024 State of Rust Survey") == {"2024"}
    assert calendar_facts("Release schedule for Python 3.14") == {"v3.14"}
    assert calendar_facts("Weekly Update - Jan 22th, 2016") == {"m1", "d22", "2016"}
    assert calendar_facts("Death toll rises to 15") == set()
    # headlines without a digit can name only months
    assert calendar_facts("Talks resume in March after the June walkout") == {"m3", "m6"}
    assert calendar_facts("Talks resume in Marchland") == set()


def test_templated_stories_with_another_month_year_or_version_stay_apart():
    docs = [
        security_notice("October", 2025, "20.x, 22.x and 24.x", "CVE-2025-1001 and CVE-2025-1002"),
        security_notice("November", 2025, "20.x, 22.x and 24.x", "CVE-2025-1101 and CVE-2025-1102"),
        security_notice("October", 2024, "18.x, 20.x and 22.x", "CVE-2024-2001 and CVE-2024-2002"),
        survey(2024),
        survey(2025),
        ("Python 3.13 release schedule", "This document describes the development and release schedule for "
         "Python 3.13. The schedule primarily concerns itself with PEP-sized items. Release manager and crew: "
         "3.13 release manager Thomas Wouters, documentation Julien Palard. The schedule lists alpha, beta and "
         "release candidate dates; bugfix releases follow every two months for the first 24 months."),
        ("Python 3.14 release schedule", "This document describes the development and release schedule for "
         "Python 3.14. The schedule primarily concerns itself with PEP-sized items. Release manager and crew: "
         "3.14 release manager Hugo van Kemenade, documentation Julien Palard. The schedule lists alpha, beta and "
         "release candidate dates; bugfix releases follow every two months for the first 24 months."),
    ]  # fmt: skip
    labels = group_documents(docs)
    assert len(set(labels)) == len(docs), labels


def test_real_revisions_that_change_numbers_and_dates_stay_together():
    flood = (
        "Floods swept through the river valley overnight, officials said on Tuesday, as rescue teams worked "
        "through the morning to reach villages cut off by the water. The regional governor declared a state "
        "of emergency and asked the army for help with evacuations. Several bridges were closed and the main "
        "rail line was suspended between the two largest towns of the valley."
    )
    v1 = (
        "Death toll rises to 12 after valley floods",
        flood + " At least 12 people have died, the governor said.",
    )
    v2 = (
        "Death toll rises to 15 after valley floods",
        flood + " At least 15 people have died, the governor said, and 40 are missing.",
    )
    postponed = security_notice("February", 2024, "18.x and 20.x", "CVE-2024-0001")
    # the notice moved, as real ones are: the first text kept, an update naming both dates
    update = " Update: the releases planned for Tuesday, February 6 move to Tuesday, February 13."
    moved = (postponed[0].replace("February", "February 13"), postponed[1] + update)
    first = (postponed[0].replace("February", "February 6"), postponed[1])
    assert weigh(make_doc(*v1), make_doc(*v2)).same
    labels = group_documents([v1, v2, first, moved])
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_a_chain_of_near_neighbours_does_not_merge_two_stories():
    a = survey(2024)
    b = survey(2025)
    # a neutral copy names no year: it matches the 2024 and the 2025 launch alike
    bridge = (a[0].replace("the 2024 ", "the "), a[1].replace("for 2024 ", ""))
    a2 = (a[0], a[1] + " Thank you to everyone who took part last year.")
    b2 = (b[0], b[1] + " The results of last year's survey are on the blog.")
    assert weigh(make_doc(*bridge), make_doc(*a)).same and weigh(make_doc(*bridge), make_doc(*b)).same
    for order in range(6):
        docs = [a, a2, bridge, b, b2]
        random.Random(order).shuffle(docs)
        labels = dict(zip(docs, group_documents(docs), strict=True))
        assert labels[a] == labels[a2] and labels[b] == labels[b2]
        assert labels[a] != labels[b]  # the bridge joins one of them, never both


def _feed(path, items):
    path.write_text("".join(json.dumps(item) + "\n" for item in items))
    return path


def _items():
    out = []
    for n, (month, year) in enumerate([("October", 2025), ("November", 2025), ("December", 2025)]):
        headline, body = security_notice(month, year, "20.x, 22.x and 24.x", f"CVE-{year}-{n}001")
        out.append({"headline": headline, "body": body, "published": f"{year}-{10 + n}-01T09:00:00Z"})
        out.append(
            {
                "headline": headline,
                "body": body + " Update: the releases are now available.",
                "published": f"{year}-{10 + n}-14T09:00:00Z",
            }
        )
    return out


def test_templated_history_ingested_in_any_order_gives_the_same_stories(tmp_path):
    items = _items()
    partitions = []
    for seed in range(3):
        random.Random(seed).shuffle(items)
        with Store.open(tmp_path / f"s{seed}.db") as store:
            for n, item in enumerate(items):  # one capture per version, in this order
                ingest_paths(store, [_feed(tmp_path / f"f{seed}-{n}.jsonl", [item])], IngestOptions())
            partitions.append(sorted(store.conn.execute("SELECT story_id, id FROM revisions").fetchall()))
            assert store.counts()["stories"] == 3
    assert partitions[0] == partitions[1] == partitions[2]


def test_why_merge_split_reset_and_regroup_through_the_cli(tmp_path):
    db = str(tmp_path / "store.db")
    runner = CliRunner()

    def cli(*args):
        result = runner.invoke(main, [*args, "--db", db])
        assert result.exit_code == 0, result.output
        return result.output

    items = _items()
    cli("ingest", str(_feed(tmp_path / "first.jsonl", items[:4])))  # October and November
    stories = {s["headline"]: s["id"] for s in json.loads(cli("stories", "--json"))}
    october, november = stories["October 2025 Security Releases"], stories["November 2025 Security Releases"]
    why = json.loads(cli("why", october, november, "--json"))
    assert why["together"] is False and why["evidence"]["same"] is False
    assert why["evidence"]["calendar"] == [["2025", "m10"], ["2025", "m11"]]
    assert "headlines name different dates or versions" in cli("why", october, november)
    # merge by hand, then a new capture: the merge holds
    assert "merged: now 1 story" in cli("story", "merge", october, november)
    cli("ingest", str(_feed(tmp_path / "second.jsonl", items[4:])))  # December arrives
    after = json.loads(cli("stories", "--json"))
    assert len(after) == 2 and sorted(s["revisions"] for s in after) == [2, 4]
    assert "merged by hand" in cli("why", october, november)
    assert "stories 2 -> 2" in cli("regroup")  # regrouping keeps the merge
    # reset undoes it
    merged = next(s["id"] for s in json.loads(cli("stories", "--json")) if s["revisions"] == 4)
    assert "now 2 story(ies)" in cli("story", "reset", merged)
    assert len(json.loads(cli("stories", "--json"))) == 3
    # split a story at its second revision; a new copy of the first text still joins its side
    log = json.loads(cli("log", october, "--json"))
    assert "split: now 2 story(ies)" in cli("story", "split", october, "--at", log[1]["id"])
    assert len(json.loads(cli("stories", "--json"))) == 4
    assert "kept apart by a manual split" in cli("why", log[0]["id"], log[1]["id"])
    assert "stories 4 -> 4" in cli("regroup")
    repeat = dict(items[0], body=items[0]["body"] + " (Corrected a typo.)", published="2025-10-02T09:00:00Z")
    cli("ingest", str(_feed(tmp_path / "third.jsonl", [repeat])))
    assert len(json.loads(cli("stories", "--json"))) == 4  # it joined the first half, the split held
    bad = runner.invoke(main, ["story", "split", october, "--at", log[0]["id"], "--db", db])
    assert bad.exit_code == 2 and "first" in bad.output
    # merging the two halves undoes the split: one story again, no override left between them
    halves = {s["id"] for s in json.loads(cli("stories", "--json")) if s["headline"].startswith("October")}
    assert len(halves) == 2
    assert "merged: now 1 story" in cli("story", "merge", *sorted(halves))
    assert len(json.loads(cli("stories", "--json"))) == 3
    assert "manual" not in cli("why", log[0]["id"], log[1]["id"])


def _paragraphs(seed: int, count: int) -> list[str]:
    """``count`` paragraphs of 20 made-up words each, different for each seed."""
    rng = random.Random(seed)
    syllables = ["har", "bo", "ra", "ten", "mil", "do", "ves", "ka", "lun", "tor", "pe", "sig"]
    words = ["".join(rng.choice(syllables) for _ in range(3)) for _ in range(600)]
    return [" ".join(rng.choice(words) for _ in range(20)) + "." for _ in range(count)]


def _charter(version: str, paragraphs: list[str]) -> tuple[str, str]:
    return f"Charter of the Harbour Board (v{version})", "\n\n".join(paragraphs)


def test_a_long_document_whose_title_names_its_version_is_one_story_across_amendments():
    """The Debian constitution's failure: each version's title names it ("(v1.0)", "(v1.1)"),
    and the calendar rule split ten versions into three stories. Pages of text kept word for
    word are one document amended; the first and the last version still share 60% of it."""
    original = _paragraphs(1, 60)
    amended = original[:45] + _paragraphs(2, 20)  # a quarter rewritten, a chapter added
    again = amended[:10] + _paragraphs(3, 12) + amended[22:]  # another chapter rewritten
    versions = [_charter("1.0", original), _charter("1.1", amended), _charter("1.2", again)]
    evidence = weigh(make_doc(*versions[0]), make_doc(*versions[2]))
    assert evidence.same and evidence.reason.startswith("one long text amended"), evidence.reason
    assert "(v1.0 / v1.2)" in evidence.reason and evidence.one_text
    assert group_documents(versions) == [0, 0, 0]


def test_guides_from_one_template_with_other_versions_stay_apart():
    """SQLAlchemy's "What's New in 0.8?" and "... 0.9?": long, one template, another text."""
    intro = _paragraphs(4, 6)  # "About this document", the same in every guide
    guides = [
        (f"What's New in Harbour {v}?", "\n\n".join(intro + _paragraphs(10 + n, 80)))
        for n, v in enumerate(("0.8", "0.9"))
    ]
    evidence = weigh(make_doc(*guides[0]), make_doc(*guides[1]))
    assert not evidence.same and "different dates or versions" in evidence.reason, evidence.reason
    assert group_documents(guides) == [0, 1]


def _branch_notes(version: str, previous: str) -> tuple[str, str]:
    """Django's security release notes: one text for each supported branch, the same day."""
    return f"Django {version} release notes", (
        f"July 1, 2019. Django {version} fixes a security issue in {previous}. When deployed behind a "
        "reverse-proxy connecting to Django via HTTPS, the request scheme would incorrectly detect client "
        "requests made via HTTP as using HTTPS. This entails incorrect results for is_secure and "
        "build_absolute_uri, and that HTTP requests would not be redirected to HTTPS in accordance with "
        "the secure redirect setting. The request now checks the forwarded protocol header before the "
        "scheme, and the documentation of the proxy setting explains what it must be set to. Sites that "
        "terminate TLS at a load balancer should set the header on every request and strip it from "
        "requests that arrive from elsewhere, so that a client cannot claim a secure connection it does "
        "not have. Thanks to the reporter, who followed the security policy and reported the issue "
        "privately, so that a fix could be prepared and released for every supported branch at once."
    )


def test_parallel_editions_that_name_only_their_own_version_stay_apart():
    """164 false pairs in the docs of two Django releases: the notes of 2.1.10 and 2.2.3 are near
    copies under headlines naming other versions, and neither text names the other's version.
    A notice whose headline date moved names the old date too, and stays one story (above)."""
    notes = [
        _branch_notes("2.2.3", "2.2.2"),
        _branch_notes("2.1.10", "2.1.9"),
        _branch_notes("1.11.22", "1.11.21"),
    ]
    evidence = weigh(make_doc(*notes[0]), make_doc(*notes[1]))
    assert not evidence.same and evidence.reason.startswith("parallel editions"), evidence.reason
    assert evidence.containment >= 0.88  # near copies all the same
    assert group_documents(notes) == [0, 1, 2]
