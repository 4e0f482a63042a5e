"""Hostile input and a hostile environment (issue 15): one line naming the cause, exit 2.

Each test is one finding of the second attack on the landed code; the finding's
number is in the test's docstring.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from revtrack.cli import main
from revtrack.themes import builtin_theme_dir, load_themes

DEEP = 5000


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def one_line_error(result, *names: str) -> str:
    """The run's error output: exit 2, no traceback, each name mentioned."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for name in names:
        assert name in result.output
    return result.output


def test_theme_nested_thousands_deep_is_skipped_with_one_line(tmp_path):
    """5: a theme nested 5,000 deep kept the TUI from opening (RecursionError)."""
    (tmp_path / "deep.yaml").write_text("name: deep\ntextual: " + "[" * DEEP + "]" * DEEP + "\n")
    specs, errors = load_themes([builtin_theme_dir(), tmp_path])
    assert "deep" not in {s.name for s in specs}
    assert errors == [f"{tmp_path / 'deep.yaml'}: nested too deeply to be a theme"]


def test_manifest_nested_thousands_deep_is_one_line(tmp_path):
    """5: a manifest.yaml nested 5,000 deep was a RecursionError traceback."""
    folder = tmp_path / "caps"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nBody of the story.\n")
    (folder / "manifest.yaml").write_text("captures: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n")
    result = run("--db", str(tmp_path / "s.db"), "ingest", str(folder))
    out = one_line_error(result, "manifest.yaml", "nested too deeply")
    assert len(out.strip().splitlines()) <= 2


@pytest.mark.parametrize(
    ("key", "value", "what"),
    [
        ("textual", "{primary: 'not-a-colour'}", "is not a colour"),
        ("diff", "{insert: 'bold grean'}", "is not a style"),
    ],
)
async def test_theme_with_a_bad_colour_or_style_is_skipped_at_load(seeded_db, tmp_path, key, value, what):
    """19: a theme with a bad colour or style loaded, then crashed the app when picked."""
    from revtrack.tui.app import RevtrackApp

    themes = tmp_path / "themes"
    themes.mkdir()
    extra = "" if key == "textual" else "textual: {primary: '#112233'}\n"
    (themes / "bad.yaml").write_text(f"name: bad\n{extra}{key}: {value}\n")
    app = RevtrackApp(seeded_db, theme_dirs=[builtin_theme_dir(), themes])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "bad" not in app.theme_specs
        messages = [n.message for n in app._notifications]
        assert sum("bad.yaml" in m and what in m for m in messages) == 1
        for _ in range(len(app.theme_specs) + 1):  # every theme left can be picked
            await pilot.press("t")
        assert app.is_running
