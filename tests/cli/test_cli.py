"""The command line through click's CliRunner, plus the import boundary."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from revtrack.cli import main
from revtrack.store import Store


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("REVTRACK_DB", str(tmp_path / "cli.db"))
    return CliRunner()


@pytest.fixture
def ingested(runner, seeds_dir):
    result = runner.invoke(main, ["ingest", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    return runner


def _commands(group: click.Group, prefix=()):
    """Every command and subcommand, the lazily imported ones included."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


def test_the_command_list_is_whole():
    """Commands are imported when named: the walk must still find every one of them."""
    names = {c[0] for c in _commands(main)}
    assert {"ingest", "diff", "stories", "log", "show", "export", "tui", "story", "fetch", "watch"} <= names
    assert ("story", "split") in set(_commands(main))


@pytest.mark.parametrize("command", [(), *_commands(main)])
def test_every_command_has_help(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    doc = (main if not command else main.get_command(click.Context(main), command[0])).help
    assert doc and doc.strip()


def test_ingest_summary_and_reingest(ingested, seeds_dir):
    again = ingested.invoke(main, ["ingest", str(seeds_dir)])
    assert again.exit_code == 0
    assert "0 capture(s) ingested, 5 already ingested" in again.output
    assert "Nothing new" in again.output


def test_ingest_without_manifest_warns_about_mtime(runner, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("A headline\n\nSome body text for this article.\n")
    result = runner.invoke(main, ["ingest", str(page)])
    assert result.exit_code == 0
    assert "modification time" in result.output


def test_stories_json_keys(ingested):
    result = ingested.invoke(main, ["stories", "--json"])
    data = json.loads(result.output)
    with Store.open(os.environ["REVTRACK_DB"], create=False) as store:
        assert len(data) == store.counts()["stories"] > 1  # one entry per story in the store
    assert {"id", "headline", "outlets", "revisions", "first_seen", "last_seen"} <= set(data[0])


def test_log_and_show_json(ingested):
    stories = json.loads(ingested.invoke(main, ["stories", "--json"]).output)
    story = next(s for s in stories if s["revisions"] == 2)
    log = json.loads(ingested.invoke(main, ["log", story["id"][:6], "--json"]).output)
    assert [e["headline"][:30] for e in log] == [
        "Lee, Trump likely to defer det",
        "Lee, Trump likely to outline \u2018",
    ]
    assert {"id", "published", "captured", "headline", "outlet", "sightings"} <= set(log[0])
    assert len(log[1]["sightings"]) == 2
    assert {"path", "captured_at", "published"} <= set(log[1]["sightings"][0])
    show = json.loads(ingested.invoke(main, ["show", log[1]["id"][:8], "--json"]).output)
    assert {"id", "headline", "body", "sightings"} <= set(show)
    assert show["body"].startswith("The leaders of South Korea")


def test_unknown_and_ambiguous_ids_exit_2(ingested):
    result = ingested.invoke(main, ["show", "fffffffffff"])
    assert result.exit_code == 2
    assert "no revision with id" in result.output
    result = ingested.invoke(main, ["log", ""])
    assert result.exit_code == 2


def test_ambiguous_prefix(ingested):
    stories = json.loads(ingested.invoke(main, ["stories", "--json"]).output)
    firsts = [s["id"][0] for s in stories]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    result = ingested.invoke(main, ["log", shared])
    assert result.exit_code == 2
    assert "ambiguous" in result.output


def test_bad_input_one_line_exit_2(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    result = runner.invoke(main, ["ingest", str(bad)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("revtrack: ")]
    assert errors == [f"revtrack: {bad}: binary file (NUL bytes), not a text capture"]


def test_missing_path_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["ingest", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_core_never_imports_textual_apprise_or_feedgen():
    # (Apprise and feedgen load only for watch's notify: and for feed)
    code = (
        "import sys, revtrack, revtrack.cli, revtrack.ingest, revtrack.stories, revtrack.diffing,"
        " revtrack.grouping, revtrack.pairs, revtrack.render.diff, revtrack.render.listing,"
        " revtrack.render.report, revtrack.capture.watch, revtrack.capture.notify, revtrack.cli.capture;"
        " heavy = {'textual', 'apprise', 'feedgen'} & set(sys.modules); assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_and_diff_do_not_import_textual(tmp_path, seeds_dir):
    # `revtrack --help` and `revtrack diff` on files stay light: no Textual, numpy or sqlite3
    a, b = str(next(seeds_dir.glob("000_*"))), str(next(seeds_dir.glob("002_*")))
    code = (
        "import sys; from click.testing import CliRunner; from revtrack.cli import main;"
        f" r = CliRunner().invoke(main, ['diff', {a!r}, {b!r}]); assert r.exit_code == 1, r.output;"
        f" r = CliRunner().invoke(main, ['diff', '--extract', {a!r}, {b!r}]); assert r.exit_code == 0, r.output;"
        " CliRunner().invoke(main, ['--help']);"
        " heavy = {'textual', 'numpy', 'sqlite3'} & set(sys.modules); assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_diff_without_a_search_does_not_load_the_engine(tmp_path):
    """A word swapped needs no search: diff-match-patch (and the urllib.parse it imports)
    loads only when a diff does, 2.4 ms of `revtrack diff`'s start-up otherwise."""
    (tmp_path / "a.txt").write_text("The council met on Monday.\n")
    (tmp_path / "b.txt").write_text("The council met on Tuesday.\n")
    (tmp_path / "c.txt").write_text("On Tuesday the council, which had met, adjourned.\n")
    a, b, c = (str(tmp_path / name) for name in ("a.txt", "b.txt", "c.txt"))
    code = (
        "import sys; from click.testing import CliRunner; from revtrack.cli import main;"
        f" r = CliRunner().invoke(main, ['diff', {a!r}, {b!r}]); assert '[-Monday-]{{+Tuesday+}}' in r.output, r.output;"
        " assert 'diff_match_patch' not in sys.modules;"
        f" r = CliRunner().invoke(main, ['diff', {a!r}, {c!r}]); assert r.exit_code == 1, r.output;"
        " assert 'diff_match_patch' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
