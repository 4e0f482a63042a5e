"""The CLI contract scripts rely on: exit codes, output shapes, options that do what their help says.

The thirteen findings of the contract trial are the first tests here (named
``test_finding_N_...``); then every command in every format through click's
CliRunner and through a real subprocess, JSON validated against docs/schemas,
and a hypothesis property: ``diff --format json`` rebuilds both files, and the
exit status is 1 exactly when the wording differs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from revtrack.cli import main
from revtrack.store import Store
from revtrack.text import cosmetic_normalize

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"
REGISTRY = Registry().with_resources(
    (p.name, Resource.from_contents(json.loads(p.read_text()))) for p in SCHEMAS.glob("*.json")
)
HEADLINE = "Council approves transit budget"
PARAS = [
    "The city council voted on Monday to approve the new transit budget after months of debate, officials said.",
    "Under the plan, bus fares will stay at two dollars for another year while night routes rise to eleven.",
    "Opponents argued that the spending relies on a sales tax forecast that has missed its target before.",
]


def validate(doc: object, schema: str) -> None:
    """Validate a JSON document against docs/schemas/<schema>."""
    Draft202012Validator(json.loads((SCHEMAS / schema).read_text()), registry=REGISTRY).validate(doc)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n\n".join(lines) + "\n")
    return path


@pytest.fixture
def cli(tmp_path):
    env = {"REVTRACK_DB": str(tmp_path / "env.db")}

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), env=env)

    return invoke


def test_short_last_sentence_byline_and_unterminated_last_line_are_reported(tmp_path, cli):
    for old_tail, new_tail in [
        ("Schools were closed.", "Schools were open."),
        ("By Jane Doe", "By Sam Roe"),
        ("Editing by Ann Lee", "Editing by Ann Lee and Bo Kim"),
    ]:
        a = write(tmp_path / "a.txt", HEADLINE, *PARAS, old_tail)
        b = write(tmp_path / "b.txt", HEADLINE, *PARAS, new_tail)
        result = cli("diff", str(a), str(b), "--stat")
        assert result.exit_code == 1, (old_tail, result.output)
        assert "similarity 1.000" not in result.output


def test_changes_in_a_dated_timeline_are_reported(tmp_path, cli):
    timeline = ["Timeline", "June 5, 2025", "The plan is drafted.", "July 9, 2025", "Fares are frozen."]
    a = write(tmp_path / "a.txt", HEADLINE, PARAS[0], *timeline)
    b = write(tmp_path / "b.txt", HEADLINE, PARAS[0], *timeline[:-1], "Fares rise by ten cents.")
    result = cli("diff", str(a), str(b), "--no-color")
    assert result.exit_code == 1
    assert "Fares [-are frozen-]{+rise by ten cents+}." in result.output


def test_a_byline_under_the_headline_does_not_hide_a_headline_change(tmp_path, cli):
    a = write(tmp_path / "a.txt", HEADLINE, "By Jane Doe", "June 5, 2025", *PARAS)
    b = write(tmp_path / "b.txt", "Council rejects transit budget", "By Jane Doe", "June 5, 2025", *PARAS)
    result = cli("diff", str(a), str(b), "--format", "json")
    assert result.exit_code == 1
    pair = json.loads(result.output)["pairs"][0]
    assert pair["headline"] == {"old": HEADLINE, "new": "Council rejects transit budget", "changed": True}


def test_global_db_before_or_after_the_subcommand(tmp_path, seeds_dir):
    env = {"REVTRACK_DB": str(tmp_path / "env.db")}
    chosen = tmp_path / "chosen.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(chosen), "ingest", str(seeds_dir)], env=env).exit_code == 0
    assert chosen.exists() and not (tmp_path / "env.db").exists()
    before = runner.invoke(main, ["--db", str(chosen), "stories", "--json"], env=env)
    after = runner.invoke(main, ["stories", "--json", "--db", str(chosen)], env=env)
    assert before.output == after.output and json.loads(before.output)  # the same stories either way


def test_ignore_cosmetic_in_every_format(tmp_path, cli):
    a = write(tmp_path / "a.txt", HEADLINE, "She said \u201cno\u201d \u2014 twice.")
    b = write(tmp_path / "b.txt", HEADLINE, 'She said "no" - twice.')
    for fmt in ("text", "word", "html"):
        result = cli("diff", str(a), str(b), "--format", fmt, "--ignore-cosmetic", "--no-color")
        assert (result.exit_code, result.output) == (0, ""), fmt
        shown = cli("diff", str(a), str(b), "--format", fmt, "--no-color")
        assert shown.exit_code == 0 and shown.output, fmt  # shown as cosmetic, and no wording change
    data = json.loads(cli("diff", str(a), str(b), "--format", "json", "--ignore-cosmetic").output)
    assert data["changed"] is False
    assert all(op == "=" for op, _ in data["pairs"][0]["ops"]) and data["pairs"][0]["cosmetic"] == []
    porcelain = cli("diff", str(a), str(b), "--format", "word").output
    assert "\n-\u201c" in porcelain  # a quote change is its own line, marked cosmetic in JSON
    raw = json.loads(cli("diff", str(a), str(b), "--format", "json").output)["pairs"][0]
    assert raw["cosmetic"] and all(raw["ops"][i][0] != "=" for change in raw["cosmetic"] for i in change)


def test_color_always_colours_even_into_a_pipe(tmp_path):
    a = write(tmp_path / "a.txt", HEADLINE, "Turnout was 40 percent.")
    b = write(tmp_path / "b.txt", HEADLINE, "Turnout was 60,000 voters.")
    out = subprocess.run(
        [sys.executable, "-m", "revtrack", "diff", str(a), str(b), "--color"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    ).stdout
    # old and new words each in their own colour: never "4060,000" run together unmarked
    # (the changed numbers in reverse video inside their change: facts_changed)
    fact = "\x1b[1;7m{}\x1b[22;27m"
    assert f"\x1b[9;31m{fact.format(40)} percent\x1b[0m\x1b[4;32m{fact.format('60,000')} voters\x1b[0m" in out


def test_context_keeps_every_paragraph_of_a_change_and_refuses_negatives(tmp_path, cli):
    a = write(tmp_path / "a.txt", HEADLINE, *PARAS)
    inserted = ["A new first paragraph of the insertion.", "A second one.", "And a third one closes it."]
    b = write(tmp_path / "b.txt", HEADLINE, PARAS[0], *inserted, *PARAS[1:])
    for context in ("0", "1"):
        for colour in ("--no-color", "--color"):
            # colour codes aside (a changed fact is set apart inside its change)
            out = re.sub(
                r"\x1b\[[0-9;]*m", "", cli("diff", str(a), str(b), "--context", context, colour).output
            )
            for para in inserted:
                assert para in out, (context, colour)
    negative = cli("diff", str(a), str(b), "--context", "-1")
    assert negative.exit_code == 2 and "-1" in negative.output
    stat = cli("diff", str(a), str(b), "--stat", "--format", "json")
    validate(json.loads(stat.output), "diff.json")
    assert stat.exit_code == 1


def test_one_json_shape_no_duplicate_lists_one_time_format(tmp_path, cli, seeds_dir):
    assert cli("ingest", str(seeds_dir)).exit_code == 0
    story = next(s for s in json.loads(cli("stories", "--json").output) if s["revisions"] == 2)
    revs = json.loads(cli("log", story["id"], "--json").output)
    by_story = json.loads(cli("diff", story["id"], "--format", "json").output)
    by_ids = json.loads(cli("diff", revs[0]["id"], revs[1]["id"], "--format", "json").output)
    for doc in (by_story, by_ids):
        validate(doc, "diff.json")
        assert set(doc) == {"pairs", "changed"} and "segments" not in doc["pairs"][0]
    assert by_story["pairs"][0]["ops"] == by_ids["pairs"][0]["ops"]
    for schema, doc in [
        ("stories.json", json.loads(cli("stories", "--json").output)),
        ("log.json", revs),
        ("show.json", json.loads(cli("show", revs[0]["id"], "--json").output)),
    ]:
        validate(doc, schema)


def test_a_missing_file_is_named_as_missing(tmp_path, cli):
    a = write(tmp_path / "good.txt", HEADLINE, PARAS[0])
    result = cli("diff", str(a), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.output.strip() == f"revtrack: {tmp_path / 'missing.txt'}: no such file"
    hexish = cli("diff", str(a), "deadbeef")
    assert hexish.exit_code == 2 and "deadbeef: no such file, and no revision to look up" in hexish.output
    assert cli("ingest", str(a)).exit_code == 0  # now there is a store to look the id up in
    hexish = cli("diff", str(a), "deadbeef")
    assert hexish.exit_code == 2 and "deadbeef: no such file, and no revision with this id" in hexish.output


def test_identical_inputs_and_single_revision_stories_print_nothing(tmp_path, cli, seeds_dir):
    a = write(tmp_path / "a.txt", HEADLINE, *PARAS)
    for fmt in ("text", "word", "html"):
        result = cli("diff", str(a), str(a), "--format", fmt)
        assert (result.exit_code, result.output) == (0, ""), fmt
    assert cli("ingest", str(seeds_dir)).exit_code == 0
    single = next(s for s in json.loads(cli("stories", "--json").output) if s["revisions"] == 1)
    result = cli("diff", single["id"])
    assert (result.exit_code, result.output) == (0, "")


def test_moves_are_marked_where_they_left_and_arrived(tmp_path, cli):
    a = write(tmp_path / "a.txt", HEADLINE, *PARAS)
    b = write(tmp_path / "b.txt", HEADLINE, PARAS[1], PARAS[2], PARAS[0])
    out = cli("diff", str(a), str(b), "--no-color").output
    lines = out.splitlines()
    left = next(line for line in lines if "\u21921" in line)
    arrived = next(line for line in lines if "\u21901" in line)
    assert left.endswith("-]\u21921") and arrived.endswith("+}\u21901")  # the tag ends its own paragraph
    data = json.loads(cli("diff", str(a), str(b), "--format", "json").output)["pairs"][0]
    (move,) = data["moves"]
    assert data["ops"][move["from_op"]][0] == "-" and data["ops"][move["to_op"]][0] == "+"


def test_tui_without_a_terminal_says_so_and_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "revtrack", "tui", "--db", str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "revtrack: revtrack tui needs a terminal (stdin and stdout); try: revtrack stories"
    ]


def test_context_help_says_paragraphs():
    help_text = CliRunner().invoke(main, ["diff", "--help"]).output
    assert "paragraphs" in help_text and "Lines of context" not in help_text


# ---------------------------------------------------------------- every command


def test_export_jsonl_csv_and_since(tmp_path, cli, seeds_dir):
    assert cli("ingest", str(seeds_dir)).exit_code == 0
    lines = cli("export").output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 20  # one per revision
    for row in rows:
        validate(row, "export.json")
    changed = [r for r in rows if r["diff"] is not None]
    assert len(changed) == 1 and changed[0]["diff"]["headline_changed"] is True
    table = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").output)))
    assert len(table) == 20 and {r["revision_id"] for r in table} == {r["revision_id"] for r in rows}
    recent = [
        json.loads(line) for line in cli("export", "--since", "2025-08-12T00:00:00Z").output.splitlines()
    ]
    assert recent and all(r["first_captured"] >= "2025-08-12T00:00:00+00:00" for r in recent)
    out = tmp_path / "rows.jsonl"
    assert cli("export", "-o", str(out)).exit_code == 0 and out.read_text().splitlines() == lines
    assert cli("export", "--since", "yesterday-ish").exit_code == 2


def test_page_diff_reports_articles_that_appeared_disappeared_moved_and_changed(tmp_path, cli):
    def item(outlet: str, headline: str, body: str) -> list[str]:
        return [outlet, "2 hours ago", "- Politics", f"- {outlet}", headline, body, "", ""]

    stories = {
        "a": ("Harbor Times", "Ferry fares rise in spring", PARAS[0].replace("transit", "ferry")),
        "b": ("Metro Wire", "Night buses return", PARAS[1]),
        "c": ("City Post", "Tax forecast missed again", PARAS[2]),
        "d": ("Harbor Times", "Library hours cut at weekends", "The library will close at noon on Saturdays "
              "from next month, the council said, citing staff shortages and a smaller budget."),
    }  # fmt: skip
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(
        "\n".join(["Latest news", "", "", *item(*stories["a"]), *item(*stories["b"]), *item(*stories["c"])])
    )
    b_changed = (stories["b"][0], stories["b"][1], stories["b"][2].replace("eleven", "twelve"))
    new.write_text(
        "\n".join(["Latest news", "", "", *item(*stories["d"]), *item(*stories["a"]), *item(*b_changed)])
    )
    result = cli("diff", "--page", str(old), str(new), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    validate(doc, "page.json")
    status = {a["headline"]: a["status"] for a in doc["articles"]}
    assert status == {
        "Library hours cut at weekends": "appeared",
        "Ferry fares rise in spring": "moved",
        "Night buses return": "changed",
        "Tax forecast missed again": "disappeared",
    }
    text = cli("diff", "--page", str(old), str(new)).output
    assert "+ [1] Library hours cut at weekends (appeared)" in text
    assert "- [3] Tax forecast missed again (disappeared)" in text
    assert cli("diff", "--page", str(old), str(old)).output == ""


@pytest.mark.parametrize("fmt", ["text", "word", "json", "html"])
@pytest.mark.parametrize("extra", [[], ["--stat"], ["--ignore-cosmetic"], ["--context", "0"], ["--color"]])
def test_every_format_and_option_through_a_real_process(tmp_path, fmt, extra):
    a = write(tmp_path / "a.txt", HEADLINE, *PARAS)
    b = write(tmp_path / "b.txt", HEADLINE, PARAS[0], PARAS[1].replace("eleven", "twelve"), PARAS[2])
    env = {**os.environ, "REVTRACK_DB": str(tmp_path / "s.db")}
    result = subprocess.run(
        [sys.executable, "-m", "revtrack", "diff", str(a), str(b), "--format", fmt, *extra],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    if fmt == "json":
        validate(json.loads(result.stdout), "diff.json")
    elif "--stat" in extra:
        assert result.stdout.count("\n") == 1 and "+0 -0 ~1 words" in result.stdout
    else:
        assert "twelve" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["stories"],
        ["stories", "--json"],
        ["reextract"],
        ["export"],
        ["export", "--format", "csv"],
        ["--help"],
    ],
)
def test_store_commands_exit_0_on_an_empty_store(tmp_path, args):
    Store.open(tmp_path / "s.db").close()  # an empty store (a missing one is exit 2: test_hostile)
    result = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "s.db")] if args != ["--help"] else args)
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- the property

_WORDS = st.sampled_from(
    ["fares", "rise", "council", "voted", "\u201cno\u201d", "two", "40", "night", "bus", "A"]
)
_LINE = (
    st.lists(_WORDS, min_size=1, max_size=12)
    .map(" ".join)
    .flatmap(lambda s: st.sampled_from([s, s + ".", s + ":", "June 5, 2025", "- " + s]))
)
_DOC = st.tuples(
    st.lists(_LINE, min_size=1, max_size=8),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]),
    st.sampled_from(["", "\n", "\r\n"]),
).map(lambda t: t[1].join(t[0]) + t[2])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=_DOC, new=_DOC)
def test_json_ops_rebuild_both_files_and_exit_1_exactly_when_wording_differs(tmp_path, old, new):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(old.encode())
    b.write_bytes(new.encode())
    result = CliRunner().invoke(main, ["diff", str(a), str(b), "--format", "json"])
    doc = json.loads(result.output)
    (pair,) = doc["pairs"]
    assert "".join(t for op, t in pair["ops"] if op in "=-") == old
    assert "".join(t for op, t in pair["ops"] if op in "=+") == new
    differs = cosmetic_normalize(old) != cosmetic_normalize(new)
    assert result.exit_code == (1 if differs else 0) and doc["changed"] is differs
