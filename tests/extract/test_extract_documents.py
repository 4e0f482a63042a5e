"""Documents of kinds found on ``benchmarks/system_docs.py``: Debian copyright files, Markdown.

Each fixture is written here in the shape of a failure class found on the plain-text
documentation of the machine's packages (a set nobody tuned on): a plain file keeps every
word, read as plain text, however much of it is short lines of its own structure.
"""

from __future__ import annotations

import collections
import re
import textwrap
from datetime import UTC, datetime

from revtrack.extract import extract_capture
from revtrack.extract.code_blocks import fenced
from revtrack.extract.reflow import reflow, wrap_width

CAP = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
WORD = re.compile(r"\w+")
LICENCE = (
    " Permission to use, copy, modify and distribute this software and its\n"
    " documentation is hereby granted, provided that both the copyright\n"
    " notice and this permission notice appear in all copies of the\n"
    " software, derivative works or modified versions, and any portions\n"
    " thereof, and that both notices appear in supporting documentation.\n"
    " .\n"
    ' THE AUTHORS ALLOW FREE USE OF THIS SOFTWARE IN ITS "AS IS"\n'
    " CONDITION.  THE AUTHORS DISCLAIM ANY LIABILITY OF ANY KIND FOR\n"
    " ANY DAMAGES WHATSOEVER RESULTING FROM THE USE OF THIS SOFTWARE.\n"
)
PROSE = (
    "The cluster module lets a server share its port between several worker processes, so that "
    "a machine with many cores can answer more requests than one process could answer alone. "
)


def _lost_words(text: str) -> tuple[str, int]:
    extraction = extract_capture(text, CAP, "document.txt")
    got = collections.Counter(WORD.findall("\n".join(f"{a.headline}\n{a.body}" for a in extraction.articles)))
    return extraction.layout, sum((collections.Counter(WORD.findall(text)) - got).values())


def _stanza(n: int) -> str:
    files = "\n".join(f" lib/part{n}/file_{k:02d}.c" for k in range(6))
    return f"Files: lib/part{n}/main.c\n{files}\nCopyright: 2000-2012, Ann Lee\n 2005-2012, Holder {n}\nLicense: GPL-2.0+\n"


def test_a_debian_copyright_file_with_one_space_continuations_is_kept_whole():
    """DEP-5 (RFC 822) continuation lines are indented by one space: structure, not a menu."""
    text = (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: tidemark\nSource: https://example.org/tidemark\n\n"
        + "\n".join(_stanza(n) for n in range(5))
        + f"\nFiles: lib/extra.c\nCopyright: 1999 Jo Marsh\nLicense: permissive\n{LICENCE}\n"
        + "\n".join(_stanza(n) for n in range(5, 10))
    )
    assert _lost_words(text) == ("plain", 0)


def test_fenced_code_and_html_comments_are_marked_and_never_menu_lines():
    """A README's install commands above the text and usage below are code, not a menu and footer."""
    install = "```sh\ngit clone repo\ncd repo\nmake deps\nmake\nmake check\nmake install\nldconfig\n```"
    usage = "```\ntidemark start\ntidemark status\ntidemark stop\ntidemark logs\n```"
    paragraph = PROSE + PROSE
    text = (
        f"# Tidemark\n\n{install}\n\nHow the tidemark service keeps watch\n\n"
        f"{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n{usage}\n"
    )
    assert _lost_words(text) == ("plain", 0)
    lines = text.splitlines()
    marked = fenced(lines)
    assert [line for line, code in zip(lines, marked, strict=True) if code][:3] == [
        "```sh",
        "git clone repo",
        "cd repo",
    ]
    assert not marked[lines.index("How the tidemark service keeps watch")]


def test_a_hard_wrapped_markdown_file_with_code_blocks_is_re_flowed():
    """Code blocks are as long as they are: they do not hide the width the prose is wrapped at."""
    console = "```console\n$ node server.js\nPrimary 3596 is running\n" + "\n".join(
        f"Worker {n} started" for n in range(4320, 4326)
    )
    text = "# Cluster\n\n"
    for n in range(6):
        wrapped = textwrap.fill((PROSE + f"It was added in version {n}. ") * 2, 78)
        text += f"{wrapped}\n\n<!-- YAML\nadded: v0.{n}.0\n-->\n\n{console}\n```\n\n"
    lines = text.splitlines()
    assert wrap_width(lines) in range(70, 79)
    joined = [line for line in reflow(lines) if line.count > 1]
    assert len(joined) == 6 and all(line.text.startswith("The cluster module") for line in joined)
    assert _lost_words(text) == ("plain", 0)


def _news_file() -> str:
    """A project's NEWS file: a dated version heading over a list of changes, version after version."""
    changes = [
        "Fix a crash when a capture holds a lone surrogate in its title",
        "Keep the words of a hard-wrapped file whose lines are indented",
        "Add a watch command that follows a feed and notifies on changes",
        "Speed up grouping of long documents by hashing their paragraphs first",
        "Report a bad manifest once, naming the file and the line",
    ]
    out = []
    for n, day in enumerate(("2023-05-02", "2022-11-20", "2022-04-17", "2021-09-19")):
        heading = f"3.{4 - n}.0 - {day}"
        items = "\n".join(f"* {change} (#{100 + 7 * n + k})." for k, change in enumerate(changes))
        out.append(f"{heading}\n{'-' * len(heading)}\n\n{items}\n\n")
    return "\n".join(out)


def test_a_news_file_with_dated_version_headings_is_not_a_listing():
    """Dated headings with a list below each are a changelog's sections, not other stories' items."""
    text = _news_file()
    assert _lost_words(text) == ("plain", 0)
    (article,) = extract_capture(text, CAP, "NEWS").articles
    assert article.headline == "3.4.0 - 2023-05-02"  # a title's underline is never a headline


def _translations_changelog() -> str:
    """Releases signed by a maintainer and dated, each with a list of credits and one fix."""
    teams = ["Catalan by Joan Montane", "Dutch by Freek de Kruijf", "Greek by Vangelis Skarmoutsos"]
    teams += ["Korean by Changwoo Ryu", "Polish by Jakub Bogusz", "Spanish by Adolfo Jayme"]
    out = []
    for n, day in enumerate(("Wed, 22 Nov 2017", "Sun, 17 Sep 2017", "Tue, 25 Apr 2017")):
        credits = "\n".join(f"  * {team} (TP)" for team in teams)
        out.append(
            f"codes {3.77 - n / 100:.2f}\n\nAnn Lee <ann@example.org>\n{day}\n\n"
            "  * The country names were checked against the standard again, and three\n"
            "    typos that users reported were fixed. Thanks!\n"
            f"  [ Translations ]\n{credits}\n  [ Scripts ]\n{credits}\n\n"
        )
    return "# Changelog\n\n" + "\n".join(out)


def test_dated_releases_whose_lists_outweigh_their_items_are_one_document():
    """Read as a listing, the items would keep the fixes and drop every list of credits."""
    text = _translations_changelog()
    assert _lost_words(text) == ("plain", 0)
    why = extract_capture(text, CAP, "CHANGELOG").accounting.why
    assert "3 dated lines are not a listing's items" in why
    forced = extract_capture(text, CAP, "CHANGELOG", layout="page")  # the user may still ask for one
    assert forced.layout == "page" and "listing" in forced.accounting.why


def test_a_protocol_spec_with_tables_drawn_in_box_characters_is_kept_whole():
    """A border drawn with box characters is a table's edge, not a footer line."""
    boxes = "\n".join(
        f"\u250c\u2500\u2500\u2500\n    Request{n}\n      window: WINDOW\n      mode: CARD{8 * (n % 4 + 1)}\n\u2514\u2500\u2500\u2500\n"
        for n in range(12)
    )
    text = f"The Tidemark Extension\n\n{PROSE}\n\n{PROSE}{PROSE}\n\nRequests\n\n{boxes}"
    assert _lost_words(text) == ("plain", 0)


def test_a_release_history_with_headings_over_indented_items_is_kept_whole():
    """ "BUILD FIXES:" over indented items is a section title, not a footer line."""
    sections = "\n".join(
        f"{area.upper()} FIXES:\n\n"
        + "\n".join(
            f"   o Fix the {area} on system {k}{' and its workers' * (k % 3)} (#{n}{k})" for k in range(5)
        )
        + "\n"
        for n, area in enumerate(["build", "timer", "socket", "buffer", "thread", "signal"] * 4)
    )
    text = f"Changes in version 2.1\n\n{PROSE}{PROSE}\n\n{sections}"
    assert _lost_words(text) == ("plain", 0)


def test_an_authors_table_with_rows_missing_their_address_is_kept_whole():
    """A name with no address, between rows of names and addresses, is a row with an empty cell."""
    first = ["Aaron", "Abigail", "Adam", "Alan", "Alex", "Amir", "Ana", "Andy", "Anne", "Arno"]
    last = ["Crane", "Dossett", "Flott", "Hartley", "Kaplan", "Milner", "Priven", "Spiers"]
    rows = []
    for n, (given, family) in enumerate((g, f) for g in first for f in last):
        name = f"{given} {family}"
        rows.append(name if n % 4 == 1 else f"{name:<30} <{given.lower()}@{family.lower()}.example>")
    text = f"Tidemark authors\n\n{PROSE}{PROSE}\n\n" + "\n".join(rows) + "\n"
    assert _lost_words(text) == ("plain", 0)


def test_a_changelog_of_spaced_field_lines_and_terms_over_fields_is_kept_whole():
    """ "cli : faster start" is a field with a French-style colon; "NewRequest" over fields a term."""
    releases = []
    for n in range(12):
        releases.append(
            f"v1.{n}.0\ncli : faster start on machine {n}\napi : new option number {n}\n"
            f"doc : clarified format note {n}\nTidemarkRequest{n}\nwindow : WINDOW\nmode : CARD{n}\n"
        )
    text = f"Tidemark changes\n\n{PROSE}{PROSE}{PROSE}\n\n" + "\n".join(releases)
    assert _lost_words(text) == ("plain", 0)


def test_a_list_of_names_sorted_by_surname_is_not_a_footer():
    """Contributors one per line, in alphabetical order: a document's list, kept whole."""
    given = ["Ann", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo"]
    surnames = sorted(
        f"{a}{b}" for a in ("Ab", "Ba", "Ca", "Da", "Ed", "Fa") for b in ("bott", "ler", "rams")
    )
    names = [f"{given[n % len(given)]} {surname}" for n, surname in enumerate(surnames)]
    text = f"Acknowledgements\n\n{PROSE}{PROSE}\n\n" + "\n".join(names * 2) + "\n"
    assert _lost_words(text) == ("plain", 0)


def _migration_guide() -> str:
    """Sections of a guide edited over years: most wrapped at 60 columns, newer ones at 78."""
    subjects = ["The session", "A mapper", "The engine", "Each query", "The pool", "A relationship"]
    verbs = ["now emits", "no longer loads", "warns about", "caches", "defers", "refreshes"]
    objects = ["the pending rows", "every joined table", "stale attributes", "the identity map"]
    sections = []
    for n in range(14):
        sentences = " ".join(
            f"{subjects[(n + k) % 6]} {verbs[(n * k) % 6]} {objects[(n + 2 * k) % 4]} when {k + n} rows"
            f" change, as described in ticket {100 + n * 7 + k}."
            for k in range(9)
        )
        title = f"Change number {n} to the unit of work"
        width = 78 if n % 3 == 2 else 60
        sections.append(
            f"{title}\n{'-' * len(title)}\n\n{textwrap.fill(sentences, width)}\n\n:ticket:`{2000 + n}`\n"
        )
    return "What's New in Harbour 0.8?\n==========================\n\n" + "\n".join(sections)


def test_a_guide_wrapped_at_two_widths_is_re_flowed_and_kept_whole():
    """SQLAlchemy's migration_08.rst kept 0.9% of its words: wrapped at 60 columns and, in later
    sections, at 78, its width measured as 78 left the 60-column paragraphs unjoined, and their
    short lines read as a menu above and a footer below a five-line "article"."""
    text = _migration_guide()
    lines = text.splitlines()
    assert wrap_width(lines) is None  # no one width fits the whole text
    markup = (":ticket:", "Change number", "What's New", "-", "=")  # titles, underlines, fields
    prose = [line for line in lines if line.strip() and not line.startswith(markup)]
    joined = sum(line.count for line in reflow(lines) if line.count > 1)
    assert joined >= 0.9 * len(prose)  # each section's paragraph joined, at its own width
    assert _lost_words(text) == ("plain", 0)


def _tutorial_paragraphs(n: int, width: int) -> str:
    """Wrapped prose of the kind a library's tutorial is made of, some paragraphs two lines."""
    sentence = (
        f"An array of step {n} holds items of one type and size, and a view of it shares the"
        f" same memory, so a change made through one of them is seen through the other."
    )
    return textwrap.fill(sentence * (1 + n % 3), width)


def _numpy_tutorial() -> str:
    """numpy's absolute_beginners.rst: reST literal blocks of sessions indented by two spaces."""
    parts = ["NumPy for beginners\n===================\n"]
    for n in range(18):
        parts.append(_tutorial_paragraphs(n, 80 if n % 4 else 88) + " For example::\n")
        parts.append(f"  >>> a = np.arange({n + 2})\n  >>> a.reshape(1, {n + 2})\n  array([[0, 1]])\n")
    return "\n".join(parts)


def test_a_tutorial_with_literal_blocks_of_sessions_is_re_flowed_and_kept_whole():
    """numpy's tutorial kept 1.8% of its words: the lines of its literal blocks (after ``::``,
    indented by two spaces) were measured as prose, no width fitted, and the unjoined lines read
    as a menu and a footer. A literal block is code, as a fence is."""
    text = _numpy_tutorial()
    code = fenced(text.splitlines())
    assert sum(code) == 18 * 3 and all(code[n] for n, line in enumerate(text.splitlines()) if ">>>" in line)
    assert _lost_words(text) == ("plain", 0)


def _api_reference() -> str:
    """numpy's arrays.ndarray.rst: prose, an index of names under a directive, sessions."""
    names = "\n".join(f"   ndarray.method_{k}" for k in range(12))
    parts = ["The N-dimensional array\n=======================\n"]
    for n in range(10):
        parts.append(_tutorial_paragraphs(n, 72) + "\n")
        parts.append(f".. autosummary::\n   :toctree: generated/\n\n{names}\n")
        parts.append(f">>> x = np.ones({n + 1})\n>>> x.sum()\n{n + 1}.0\n")
    return "\n".join(parts)


def test_an_api_reference_with_name_indexes_and_sessions_is_kept_whole():
    """numpy's arrays.ndarray.rst and basics.dispatch.rst: an index of method names under a
    directive is as long as its names (neither wrapped nor not), a session is code."""
    text = _api_reference()
    assert _lost_words(text) == ("plain", 0)
    assert sum(line.count > 1 for line in reflow(text.splitlines())) >= 10  # each paragraph joined


def test_a_reference_whose_examples_are_led_in_by_a_short_line_is_kept_whole():
    """Django's database-functions.txt: "Usage example:" over a ``code-block`` directive, 50
    times, counted as a footer of 61 lines under a 500-line "article"."""
    prose = "\n\n".join(_tutorial_paragraphs(n, 79) for n in range(6))
    examples = "\n".join(
        f"Usage example:\n\n.. code-block:: pycon\n\n    >>> Experiment.objects.annotate(x=Func{n}('start'))\n"
        for n in range(40)
    )
    text = f"==================\nDatabase Functions\n==================\n\n{prose}\n\n{examples}"
    assert _lost_words(text) == ("plain", 0)


def _unbulleted_changelog() -> str:
    """A changelog in the shape of procps': ``name-version`` headings, newest first, over
    entries with no bullet, some prefixed by the program they touch, some bare and short."""
    bare = ["rare crash fixed", "code cleanup", "README update", "better RPM generation", "use C99 features"]
    bare += ["old build system removed", "top slightly faster", "vmstat header fixed"]
    out = [f"Tidemark ships one release a season.\n\n{PROSE}\n"]
    for n in range(12):
        heading = f"tidemark-{3 + (11 - n) // 4}.{(11 - n) % 4}.{n % 3}"
        entries = [
            f"{tool}: {change}"
            for tool, change in (("top", "memory leak fixed"), ("ps", "new --ppid option"))
        ]
        entries += [bare[(n + k) % len(bare)] for k in range(5)]
        out.append(f"{heading}\n{'-' * len(heading)}\n" + "\n".join(entries) + "\n")
    return "\n".join(out)


def test_a_changelog_of_bare_entries_under_version_headings_newest_first_is_kept_whole():
    """Short entries with no bullet ("code cleanup") read as a footer of a one-paragraph "article";
    version headings counting down are what no web page has: a release history, kept whole."""
    text = _unbulleted_changelog()
    assert _lost_words(text) == ("plain", 0)
    why = extract_capture(text, CAP, "changelog").accounting.why
    assert why.startswith("read as plain text: a release history, 12 version headings newest first")
    forced = extract_capture(text, CAP, "changelog", layout="page")  # the user may still ask for a page
    assert forced.layout == "page"


def test_a_page_with_a_newest_first_version_switcher_is_still_a_page():
    """A docs site's version switcher lists versions newest first, with nothing under them:
    it counts once, and the menu and footer around the article still make a page."""
    switcher = ["Docs", "3.13 (dev)", "3.12", "3.11", "3.10", "3.9", "3.8", "Search", "Home", "Blog"]
    _assert_read_as_a_page(switcher, "\nHow the release cycle works\n")


def _assert_read_as_a_page(menu: list[str], opening: str) -> None:
    """A page of ``menu``, ``opening``, three paragraphs and a footer reads as a page, its menu counted."""
    footer = "\n".join(["About us", "Contact", "Privacy policy", "Terms of use", "Donate"])
    text = "\n".join(menu) + f"\n{opening}\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{footer}\n"
    extraction = extract_capture(text, CAP, "page.txt")
    assert extraction.layout == "page"
    assert "menu line(s) above the article" in extraction.accounting.why


def _man_page_source() -> str:
    """A manual page as its author writes it (mdoc, as node's): one request per line, an
    option's name on its own line over a line or two of text."""
    names = ["feeds", "pages", "archives", "mail", "wires", "notes", "quiet", "dry-run", "since", "until"]
    names += ["outlet", "section", "layout", "workers", "store", "theme", "json", "stat"]
    options = "\n".join(f".It Fl -{name}\nRead the {name} given.\n." for name in names)
    synopsis = "\n".join(
        [".Nm tidemark", ".Op Ar options", ".Op Fl e Ar string", ".Op Fl -", ".Op Ar files ..."]
    )
    return (
        '.\\" Manual page for tidemark\n.Dd 2026\n.Dt TIDEMARK 1\n.\n.Sh NAME\n.Nm tidemark\n'
        f".Nd follow changes\n.\n.Sh SYNOPSIS\n{synopsis}\n.\n.Sh DESCRIPTION\n{PROSE}\n.\n"
        f".Sh OPTIONS\n.Bl -tag -width 6n\n{options}\n.El\n.\n.Sh SEE ALSO\n.Xr revtrack 1\n"
    )


def test_a_troff_source_is_a_document_not_a_page():
    """A man page's source, one request per line, read as a menu and footer lost its options;
    a web page's visible text has no troff requests: the source is kept whole, and why says so."""
    text = _man_page_source()
    assert _lost_words(text) == ("plain", 0)
    why = extract_capture(text, CAP, "tidemark.1").accounting.why
    assert why.startswith("read as plain text: a troff source,")


def _protocol_spec() -> str:
    """An X11 protocol document: a title page (title, authors, release, version) over a dated
    copyright notice and its licence, the text, then errors and requests named one per line."""
    title_page = "\n".join(
        ["Tidemark Extension Protocol", "X Consortium Standard", "Ann Lee", "Ben Okafor", "Cy Tran"]
        + ["X Version 11, Release 7.7", "Version 1.0"]
    )
    licence = (
        "Permission to use, copy, modify, and distribute this documentation for any purpose and without"
        " fee is hereby granted, provided that the above copyright notice appear in all copies."
    )
    names = "\n".join(
        f"Encoding {kind}\n{kind}Tide\n1     CARD8     code\n" for kind in ("Errors", "Events", "Replies")
    )
    return (
        f"{title_page}\nCopyright \u00a9 1996 X Consortium\n{licence}\n\n{PROSE}\n\n{PROSE}\n\n"
        f"Chapter 2. Encoding\n{names}\nTable of Contents\nEncoding Errors\nEncoding Events\n"
    )


def test_a_title_page_above_a_dated_copyright_notice_is_not_a_menu():
    """Title, authors and version over "Copyright (c) 1996 ..." are a document's front matter:
    with them counted as a menu, a few names in the encodings below made the spec a page."""
    text = _protocol_spec()
    assert _lost_words(text) == ("plain", 0)
    why = extract_capture(text, CAP, "spec.txt").accounting.why
    assert "a title page above a dated copyright notice" in why


def test_a_photo_credit_above_an_article_leaves_the_menu_a_menu():
    """A "\u00a9" with no year above the article is a photo's credit: the menu still counts."""
    menu = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion"]
    _assert_read_as_a_page(menu, "\u00a9 Photo: Reuters / Ann Lee")


def _whats_new() -> str:
    """IDLE's News3.txt in shape: a title naming the version last, over its release date and
    an underline, then entries wrapped at 72 columns, release after release."""
    entries = [
        "gh-120083: Add an explicit foreground colour for tooltips needed on recent\nsystems. Patch by Ann Lee.",
        "gh-122482: Point the About dialog to the forum instead of the unused\nmailing list.",
        "gh-78889: Stop the shell freezing by blocking access to private\nattributes of the output stream.",
    ]
    out = []
    for n in range(7):
        version = f"3.{13 - n}.0"
        body = "\n\n".join(entries[(n + k) % 3] for k in range(3))
        out.append(f"What's New in Tidemark {version}\nReleased on 2024-10-0{n + 1}\n{'=' * 25}\n\n{body}\n")
    return "\n\n".join(out)


def test_whats_new_titles_naming_their_version_last_are_a_release_history():
    """A title over an underline may name its version anywhere ("What's New in IDLE 3.13.0"):
    read as dated items, the old code split the file into releases and dropped their titles."""
    text = _whats_new()
    assert _lost_words(text) == ("plain", 0)
    assert "a release history, 7 version headings" in extract_capture(text, CAP, "NEWS.txt").accounting.why


def _manual_mentioning_times() -> str:
    """A manual's prose that quotes timestamps ("like 'Mar 30 23:45'"), as coreutils' does."""
    mentions = [
        "By default, timestamps are listed in short form, with a date and time like\n"
        "\u2018Mar 30 23:45\u2019 for recent files and a date with a year for older ones.",
        "The output looks like \u2018Thu Jul  9 17:00:00 EDT 2020\u2019 when no format is\n"
        "given, and like the format otherwise.",
        "In the following example the stamp is \u2018Fri Jul 17 17:18:38 UTC 2020\u2019, which\n"
        "the parser reads reliably in every locale.",
    ]
    options = "\n".join(
        f"\u2018-{letter}\u2019\n\u2018--{name}\u2019\n\u2018--quoting-style={name}\u2019\n"
        f"     Quote each file name the {name} way, so that a shell can read it back.\n"
        for letter, name in zip(
            "bcdefghijklm", ["escape", "literal", "shell", "c", "locale", "clocale"] * 2, strict=True
        )
    )
    paragraphs = [PROSE, *mentions, PROSE, options]
    return "Listing files\n*************\n\n" + "\n\n".join(paragraphs) + "\n"


def test_prose_that_quotes_timestamps_is_not_a_comment_thread():
    """Comment signatures are short lines; a sentence quoting "Mar 30 23:45" signs nothing
    (a rule without the length bound cut 86,472 words of coreutils' manual as comments)."""
    text = _manual_mentioning_times()
    assert _lost_words(text) == ("plain", 0)


def _info_manual() -> str:
    """A GNU Info manual in find's shape: nodes opened by a ``File: ... Node:`` line, and the
    menu of its "Date input formats" chapter, whose entries end in dates ("21 Jul 2020")."""
    menu = "\n".join(
        [
            "* Menu:",
            "",
            "* General date syntax::          Common rules",
            "* Calendar date items::          21 Jul 2020",
            "* Time of day items::            9:20pm",
            "* Time zone items::              UTC, -0700, +0900, ...",
            "* Combined date and time of day items:: 2020-07-21T20:02:00,000000-0400",
            "* Day of week items::            Monday and others",
            "* Relative items in date strings:: next tuesday, 2 years ago",
            "* Pure numbers in date strings:: 20200721, 1440",
            "* Seconds since the Epoch::      @1595289600",
        ]
    )
    relative = "\n".join(
        f"     {n} {unit}" for n, unit in [(1, "year"), (1, "year ago"), (3, "years"), (2, "days")]
    )
    nodes = [
        ("Top", "This is tidemark.info, produced by makeinfo version 6.8 from tidemark.texi.\n\n" + PROSE),
        ("Finding files", f"{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}"),
        ("Date input formats", f"{PROSE}\n\n{menu}"),
        ("Relative items", f"Relative items adjust a date forward or backward.\n\n{relative}\n\n{PROSE}"),
    ]
    return "\n".join(
        f"\x1f\nFile: tidemark.info,  Node: {name},  Up: (dir)\n\n{body}\n" for name, body in nodes
    )


def test_a_gnu_info_manual_is_one_document():
    """Info nodes open with a "File: x.info,  Node: Top" line, which no web page prints: dated
    menu entries are not a listing's items and option names are not a footer."""
    text = _info_manual()
    assert _lost_words(text) == ("plain", 0)
    assert (
        extract_capture(text, CAP, "tidemark.info").accounting.why
        == "read as plain text: a GNU Info manual, 4 nodes"
    )


def _package_metadata() -> str:
    """A wheel's METADATA in responses' shape: header fields, then a README hand-wrapped at
    ragged widths (no one width fits), its sections of sentences running over several lines."""
    fields = "\n".join(
        ["Metadata-Version: 2.4", "Name: tidemark", "Version: 0.26.0", "Summary: Follow changes"]
        + [f"Classifier: Programming Language :: Python :: 3.{n}" for n in range(8, 14)]
    )
    paragraph = (
        "To validate that only the parameters given in the matcher are present in the original request\n"
        "use the strict option, which is\n"
        "off by default for every kind of matcher the library ships with\n"
        "today.\n"
    )
    sections = "\n".join(
        f"{title}\n{'-' * len(title)}\n\n{paragraph}\n.. code-block:: python\n\n    tidemark.add({n})\n"
        for n, title in enumerate(
            ["Query parameters", "Request body", "Headers", "Multipart data", "Order"] * 3
        )
    )
    return f"{fields}\n\nTidemark\n========\n\n{PROSE}\n\n{sections}"


def test_a_hand_wrapped_readme_whose_sentences_run_on_is_kept_whole():
    """Lines of six words or more whose sentence goes on in lower case on the next line are a
    hand-wrapped paragraph's, not a footer's (a package's METADATA lost 82% of its words)."""
    assert _lost_words(_package_metadata()) == ("plain", 0)


def _definition_list() -> str:
    """pip's triage guide in shape: Markdown terms set in bold over definitions opened by ": ",
    above the guide's running text."""
    terms = ["C - Category", "K - Kind", "O - Operating System", "P - Platform", "R - Resolution"]
    terms += ["S - State", "type", "good first issue", "triage"]
    pairs = "\n\n".join(f"**{term}**\n: for issues labelled {term.lower()}" for term in terms)
    return f"# Triage\n\nLabels are divided into several categories:\n\n{pairs}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n"


def test_bold_terms_over_definitions_are_a_definition_list_not_a_menu():
    """ "**Kind**" then ": what it means" is Markdown a page would have rendered: a document's
    definition list, never its menu (pip's guide lost the list to a 13-line "menu")."""
    assert _lost_words(_definition_list()) == ("plain", 0)


def test_a_help_file_of_keyed_records_is_read_as_hard_wrapped_text():
    """GnuPG's help files: records, each a key (".gpg.keyedit.save.okay"), a paragraph wrapped
    at 70 columns and a lone "." ending it. Measured as lines of paragraphs, the keys and the
    dots made the text look unwrapped (84 of 153 lines wrapped in help.txt): its lines stayed
    apart, read as a menu and a footer, and 15 of 20 such files lost 69% of their words (5
    lose some now). A line of one word beside a line of words is not measured."""
    import textwrap

    from revtrack.extract.reflow import reflow, wrap_width

    sentences = [
        "This signature can't be checked because you don't have the corresponding key.",
        "You should postpone its deletion until you know which key was used because this signing"
        " key might establish a trust connection through another already certified key.",
        "Answer yes if you really want to delete this user ID, and all certificates are then also lost.",
    ]
    records = [f".gpg.keyedit.record{n}.okay\n{textwrap.fill(sentences[n % 3], 70)}\n.\n" for n in range(24)]
    lines = "\n".join(records).splitlines()
    assert wrap_width(lines) is not None
    joined = [line.text for line in reflow(lines)]
    assert all(sentence in joined for sentence in sentences)  # each paragraph one line
    assert _lost_words("\n".join(records)) == ("plain", 0)


CHINESE = [
    "市政府星期二宣布，由于连日暴雨导致河水上涨，沿江的三座老桥将从本周四起暂停通行，"
    "预计封闭两个月。交通部门已经开通临时公交线路，方便居民往返两岸。",
    "工程师在上周的检查中发现，其中一座桥的桥墩出现明显裂缝，另外两座桥的护栏也有松动。"
    "专家建议在汛期结束前完成加固工程，并在维修期间每天监测水位。",
    "附近商户表示，封桥将影响店铺生意，希望政府尽快公布补偿方案。"
    "一位在桥头经营早餐店二十年的店主说，她只能暂时把摊位搬到对岸的市场里。",
    "市长在记者会上说，安全永远放在第一位，政府会在下个月召开听证会，"
    "听取市民对新桥设计方案的意见，并争取明年春天动工。",
]


def test_chinese_wrapped_at_fifty_columns_is_one_text_of_its_paragraphs():
    """A wrapper breaks Chinese anywhere, a character taking two columns: 25 characters a
    line is 50 columns. Counted in characters (25, under the 36 a wrapped line must reach),
    the text was not found hard-wrapped and its lines stayed apart, short lines that read as
    a menu (three real Chinese news texts wrapped so were read as pages, 67-84% dropped)."""
    wrapped = ["\n".join(p[i : i + 25] for i in range(0, len(p), 25)) for p in CHINESE]
    text = "三座老桥暂停通行两个月\n\n" + "\n\n".join(wrapped) + "\n"
    extraction = extract_capture(text, CAP, "bridges.txt")
    assert extraction.layout == "plain" and len(extraction.articles) == 1
    # joined as every wrapped line is, with a space: each run of word characters is the file's
    assert extraction.articles[0].body.split("\n\n") == [" ".join(p.split("\n")) for p in wrapped]


def test_a_version_of_date_between_rules_of_stars_is_no_listing_item():
    """A program notice printed for two variants, each ending "VERSION OF <date>" (and one
    "(latest correction of a small bug: <date>)") between rules of stars: the date finishes a
    phrase or follows a label, and a rule names nothing, so no line is an item's outlet and the
    file is kept whole (it was read as a listing of two items and lost a third of its words)."""
    stars = "* " * 35 + "*"

    def variant(order: str, fix: str) -> str:
        return (
            f"    NUMERICAL INTEGRATION OF A STIFF SYSTEM OF FIRST ORDER\n"
            f"    ORDINARY EQUATIONS  Y'=F(X,Y).\n"
            f"    THIS IS AN IMPLICIT RUNGE-KUTTA METHOD OF ORDER {order}\n"
            "    DUE TO LEE & MARSH (WITH STEP SIZE CONTROL AND\n    DENSE OUTPUT)\n\n"
            "    AUTHORS: A. LEE AND B. MARSH\n             UNIVERSITY OF RIVERTON, DEPT. OF MATHEMATICS\n"
            "             E-MAIL:  a.lee@example.org\n\n"
            "    THIS CODE IS DESCRIBED IN:\n        A. LEE, C. NG AND B. MARSH, SOLVING STIFF\n"
            "        EQUATIONS II. STIFF PROBLEMS. SECOND EDITION.\n        RIVERTON SERIES IN NUMERICS,\n"
            "        RIVERTON PRESS (1991)\n\n    VERSION OF MARCH 12, 1994\n" + fix + "\n"
        )

    text = (
        "Copyright (C) 2024 The Riverton developers\n\n"
        "Redistribution and use in source and binary forms, with or without\n"
        "modification, are permitted provided that the notice above is kept\n"
        "and that the names of the developers are not used to endorse products.\n\n"
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"\n'
        "AND ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED. IN NO EVENT SHALL THE\n"
        "HOLDERS BE LIABLE FOR ANY DAMAGES ARISING IN ANY WAY OUT OF THE USE OF THIS\n"
        "SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\n\n\n"
        "The library is a C translation of the Fortran code written by A. Lee and\n"
        "B. Marsh, with the original descriptions below.\n\n"
        f"{stars}\n{stars}\n"
        + variant("5(4)", "    (latest correction of a small bug: June 3, 2001)\n")
        + f"{stars}\n"
        + variant("8(6)", "")
        + f"{stars}\n{stars}\n"
    )
    assert _lost_words(text) == ("plain", 0)


def test_a_commented_configuration_file_is_kept_whole():
    """A pattern file: a block of ``#`` comments, then short entries (a word list that read as a
    21-line footer). Its opening comments say it is a file of its own kind, every line kept."""
    text = (
        "# blocklist.conf                              -*- conf -*-\n#\n"
        "# This is an example of a pattern file as the passphrase checker reads it.\n"
        "# The file is line based, with comment lines that begin in the first column\n"
        "# with a '#'.  Empty lines and lines of spaces alone are ignored.  The other\n"
        "# lines are words or patterns, matched as they are (trailing spaces are\n"
        "# ignored), and every comparison is made without regard to the case.\n\n"
        "# The usual placeholders.\nfoo\nbar\nbaz\nqux\n\n"
        "# Common choices.\npassword\nletmein\nsecret\ntrustno1\nwelcome\ndragon\nsunshine\n\n"
        "# Keyboard rows.\nqwerty\nasdfgh\nzxcvbn\n\n"
        "# Digits.\n12345678\n123456789\n1234567890\n"
    )
    assert _lost_words(text) == ("plain", 0)
    assert "a commented file" in extract_capture(text, CAP, "blocklist.conf").accounting.why
