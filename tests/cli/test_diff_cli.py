"""``revtrack diff``: formats (golden files), exit codes, hostile text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from revtrack.cli import main

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("REVTRACK_REGEN_GOLDEN") == "1"


@pytest.fixture
def alliance(tmp_path, seeds_dir):
    """The two alliance versions as plain-text files (headline, blank line, body)."""
    from datetime import UTC, datetime

    from revtrack.extract import decode_capture, extract_articles

    path = next(seeds_dir.glob("000_*.txt"))
    arts = extract_articles(decode_capture(str(path), path.read_bytes()), datetime(2025, 8, 12, tzinfo=UTC))[
        1
    ]
    old, new = tmp_path / "defer.txt", tmp_path / "outline.txt"
    old.write_text(f"{arts[1].headline}\n\n{arts[1].body}\n")
    new.write_text(f"{arts[0].headline}\n\n{arts[0].body}\n")
    return old, new


def run(args, tmp_path):
    env = {"REVTRACK_DB": str(tmp_path / "diff.db")}
    return CliRunner().invoke(main, args, env=env)


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("text", "txt"), ("word", "word"), ("json", "json"), ("html", "html")]
)
def test_golden_formats(alliance, tmp_path, fmt, suffix):
    old, new = alliance
    result = run(["diff", str(old), str(new), "--format", fmt, "--no-color"], tmp_path)
    assert result.exit_code == 1, result.output
    output = result.output.replace(str(tmp_path), "TMP")
    golden = GOLDEN / f"alliance.{suffix}"
    if REGEN:
        golden.write_text(output)
    assert output == golden.read_text()


def test_json_shape(alliance, tmp_path):
    old, new = alliance
    data = json.loads(run(["diff", str(old), str(new), "--format", "json"], tmp_path).output)
    assert set(data) == {"pairs", "changed"} and data["changed"] is True
    (pair,) = data["pairs"]
    assert set(pair) == {"old", "new", "changed", "headline", "ops", "cosmetic", "facts", "moves", "stats"}
    assert pair["headline"]["changed"] is True
    assert "".join(t for op, t in pair["ops"] if op != "+") == old.read_text()
    assert "".join(t for op, t in pair["ops"] if op != "-") == new.read_text()


def test_exit_codes(alliance, tmp_path, seeds_dir):
    old, new = alliance
    assert run(["diff", str(old), str(old)], tmp_path).exit_code == 0
    assert run(["diff", str(old), str(new)], tmp_path).exit_code == 1
    a, b = next(seeds_dir.glob("000_*")), next(seeds_dir.glob("002_*"))
    assert run(["diff", str(a), str(b)], tmp_path).exit_code == 1  # two different pages
    same = run(["diff", "--extract", str(a), str(b)], tmp_path)
    assert same.exit_code == 0  # their main articles differ only cosmetically
    missing = run(["diff", str(old), str(tmp_path / "nope")], tmp_path)
    assert missing.exit_code == 2
    assert missing.output.strip() == f"revtrack: {tmp_path / 'nope'}: no such file"


def test_diff_story_by_id(tmp_path, seeds_dir):
    assert run(["ingest", str(seeds_dir)], tmp_path).exit_code == 0
    stories = json.loads(run(["stories", "--json"], tmp_path).output)
    story = next(s for s in stories if s["revisions"] == 2)
    result = run(["diff", story["id"][:8], "--stat"], tmp_path)
    assert result.exit_code == 1
    assert "headline changed" in result.output


def test_context_limits_paragraphs(tmp_path):
    old = tmp_path / "a.txt"
    new = tmp_path / "b.txt"
    paras = [f"Paragraph number {i} says something plain and true." for i in range(20)]
    old.write_text("Head\n\n" + "\n\n".join(paras))
    paras[10] = "Paragraph number 10 says something new and true."
    new.write_text("Head\n\n" + "\n\n".join(paras))
    full = run(["diff", str(old), str(new), "--no-color"], tmp_path).output
    narrow = run(["diff", str(old), str(new), "--no-color", "--context", "0"], tmp_path).output
    assert "[-plain-]{+new+}" in narrow
    assert "Paragraph number 3 " in full and "Paragraph number 3 " not in narrow
    one = run(["diff", str(old), str(new), "--no-color", "--context", "1"], tmp_path).output
    assert "Paragraph number 9 " in one and "Paragraph number 11 " in one and "Paragraph number 8 " not in one


HOSTILE = (
    "Evil \x1b[2J\x1b[H cleared \x1b]8;;http://x.example\x07link\x1b]8;;\x07 "
    "\x1b]52;c;cHduZWQ=\x07 clip \x9b31m c1 \u202egnp.exe\u202c [bold]markup[/bold] "
    '<script>alert(1)</script> <img src=x onerror="alert(2)">'
)


@pytest.mark.parametrize("fmt", ["text", "word", "json", "html"])
def test_hostile_text_is_inert(tmp_path, fmt):
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("Headline\n\nA calm first version of the body.\n")
    new.write_text("Headline\n\nA calm first version of the body. " + HOSTILE + "\n")
    result = run(["diff", str(old), str(new), "--format", fmt, "--no-color"], tmp_path)
    out = result.output
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out
    if fmt == "html":
        assert "<script>" not in out and "<img" not in out
        assert "&lt;script&gt;" in out
    else:
        assert "[bold]markup[/bold]" in out or fmt == "json"


def test_hostile_text_in_listing_commands(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"headline": "Bad \x1b[31mred\x1b[0m \u202etxt", "body": HOSTILE}) + "\n")
    assert run(["ingest", str(feed)], tmp_path).exit_code == 0
    for args in (["stories"], ["stories", "--json"]):
        out = run(args, tmp_path).output
        assert "\x1b" not in out and "\u202e" not in out
    sid = json.loads(run(["stories", "--json"], tmp_path).output)[0]["id"]
    for args in (["log", sid], ["show", sid], ["show", sid, "--json"]):
        out = run(args, tmp_path).output
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\x9b" not in out


def test_a_file_opening_with_a_rule_or_directive_has_its_title_as_headline(tmp_path):
    """reST sources open with an overline ("=====") or a directive (".. include::"): compared
    apart as the "headline", the rule showed as deleted and inserted again when a directive
    was added above it. Such a file is compared as one text, its title as its headline."""
    title = "=" * 18 + "\n Release Procedure\n" + "=" * 18 + "\n\nStep one: tag the release.\n"
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(title)
    new.write_text(".. include:: header.txt\n\n" + title.replace("one", "two"))
    text = run(["diff", str(old), str(new)], tmp_path)
    assert text.exit_code == 1, text.output
    assert "[-=" not in text.output and "{+.. include:: header.txt+}" in text.output
    data = json.loads(run(["diff", str(old), str(new), "--format", "json"], tmp_path).output)
    (pair,) = data["pairs"]
    assert pair["headline"] == {"old": "Release Procedure", "new": "Release Procedure", "changed": False}
    ops = pair["ops"]
    assert "".join(t for op, t in ops if op != "+") == old.read_text()
    assert "".join(t for op, t in ops if op != "-") == new.read_text()


def test_extract_compares_what_captions_say_not_their_timings(tmp_path):
    """Two versions of one caption file, re-timed after a sentence was added: --extract gives the
    added sentence and the edited word only, as ingest reads them."""
    old = "1\n00:00:01,000 --> 00:00:04,000\nThe pier closes for two years.\n\n2\n00:00:05,000 --> 00:00:07,000\nTraders object.\n"
    new = (
        "1\n00:00:01,000 --> 00:00:04,000\nThe pier closes for three years.\n\n2\n00:00:04,500 --> 00:00:05,000\n"
        "Our reporter was there.\n\n3\n00:00:05,500 --> 00:00:07,500\nTraders object.\n"
    )
    paths = [tmp_path / version / "bulletin.en.srt" for version in ("v1", "v2")]
    for path, text in zip(paths, (old, new), strict=True):
        path.parent.mkdir()
        path.write_text(text)
    result = CliRunner().invoke(main, ["diff", "--extract", "--format", "json", "--stat", *map(str, paths)])
    assert result.exit_code == 1, result.output
    stats = json.loads(result.output)["pairs"][0]["stats"]
    assert (stats["words_added"], stats["words_changed"], stats["words_deleted"]) == (4, 1, 0), stats


def test_extract_compares_every_post_of_a_channel_export_not_its_longest(tmp_path):
    """--extract compared a file's longest article only: two exports of a channel whose
    shorter post was edited printed nothing and exited 0, "the same wording"."""
    long_post = "The harbour authority halted all crossings on Friday after a collision. " * 4
    exports = []
    for figure in ("two", "three"):
        messages = [
            {"id": 1, "type": "message", "date": "2026-02-27T14:30:00", "text": long_post},
            {
                "id": 2,
                "type": "message",
                "date": "2026-02-27T15:00:00",
                "text": f"Update: {figure} crew hurt.",
            },
        ]
        exports.append({"name": "Harbour News", "type": "public_channel", "id": 7, "messages": messages})
    paths = [tmp_path / version / "result.json" for version in ("v1", "v2")]
    for path, export in zip(paths, exports, strict=True):
        path.parent.mkdir()
        path.write_text(json.dumps(export))
    result = CliRunner().invoke(main, ["diff", "--extract", "--format", "word", *map(str, paths)])
    assert result.exit_code == 1, result.output
    assert "-two\n+three" in result.output
