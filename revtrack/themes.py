"""Themes: YAML files describing UI colours and diff styles.

YAML is read here, in :mod:`revtrack.config` and in the manifest loader. A theme file has
``name``, ``dark``, a ``textual`` mapping (primary, secondary, accent, background,
surface, panel, foreground, success, warning, error) and a ``diff`` mapping of
Rich style strings (insert, delete, move, cosmetic, marker, fact) plus ``symbols``: when
true, insertions and deletions are also bracketed by ``{+ +}`` and ``[- -]`` so
they differ by more than colour. Built-in themes ship with the package; user
themes load from ``<user config dir>/revtrack/themes``. A bad file is reported
once and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from revtrack.safety import read_small_text

TEXTUAL_KEYS = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "foreground",
    "success",
    "warning",
    "error",
)
DIFF_KEYS = ("insert", "delete", "move", "cosmetic", "marker", "fact")
DEFAULT_DIFF = {
    "insert": "bold green",
    "delete": "red strike",
    "move": "cyan underline",
    "cosmetic": "dim",
    "marker": "bold yellow",
    "fact": "bold reverse",  # a changed number, date or name, on top of its insert/delete style
}


@dataclass(frozen=True)
class ThemeSpec:
    """A theme as read from YAML, before it becomes a Textual ``Theme``."""

    name: str
    dark: bool
    colors: dict[str, str]
    diff: dict[str, str]
    symbols: bool = False
    source: str = ""
    extra: dict[str, str] = field(default_factory=dict)


class ThemeError(ValueError):
    """A theme file that cannot be used; the message names the file."""


def builtin_theme_dir() -> Path:
    """Folder of the themes shipped with revtrack (wheel data, else the source tree)."""
    packaged = resources.files("revtrack").joinpath("_themes")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "themes"


def user_theme_dir() -> Path:
    """Folder for the user's own theme files."""
    from revtrack.config import config_dir

    return config_dir() / "themes"


def parse_theme(text: str, source: str = "<theme>") -> ThemeSpec:
    """Parse one theme file's text; raises :class:`ThemeError` naming ``source``.

    >>> t = parse_theme("name: x\\ndark: false\\ntextual: {primary: '#123456'}\\n")
    >>> (t.name, t.dark, t.colors["primary"], t.diff["insert"])
    ('x', False, '#123456', 'bold green')
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise ThemeError(f"{source}: not valid YAML") from None
    except RecursionError:  # PyYAML composes nested nodes recursively
        raise ThemeError(f"{source}: nested too deeply to be a theme") from None
    if not isinstance(data, dict):
        raise ThemeError(f"{source}: a theme must be a mapping")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f"{source}: 'name' is missing")
    colors = data.get("textual") or {}
    diff = data.get("diff") or {}
    if not isinstance(colors, dict) or not isinstance(diff, dict):
        raise ThemeError(f"{source}: 'textual' and 'diff' must be mappings")
    if not isinstance(colors.get("primary"), str):
        raise ThemeError(f"{source}: 'textual.primary' colour is required")
    for key, value in {**colors, **diff}.items():
        if key != "symbols" and not isinstance(value, str):
            raise ThemeError(f"{source}: '{key}' must be a string")
    unknown = set(colors) - set(TEXTUAL_KEYS)
    if unknown:
        raise ThemeError(f"{source}: unknown colour keys {sorted(unknown)}")
    return ThemeSpec(
        name=name.strip(),
        dark=bool(data.get("dark", True)),
        colors={k: v for k, v in colors.items() if k in TEXTUAL_KEYS},
        diff={**DEFAULT_DIFF, **{k: v for k, v in diff.items() if k in DIFF_KEYS}},
        symbols=bool(diff.get("symbols", False)),
        source=source,
    )


def load_themes(folders: list[Path]) -> tuple[list[ThemeSpec], list[str]]:
    """Load every ``*.yaml`` theme in the folders, in order; later names override earlier.

    Returns the themes and one error line per bad file.
    """
    by_name: dict[str, ThemeSpec] = {}
    errors: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            try:
                spec = parse_theme(read_small_text(path), str(path))
            except (OSError, UnicodeDecodeError):
                errors.append(f"{path}: cannot read theme file")
                continue
            except ValueError as exc:  # larger than a theme can be
                errors.append(str(exc))
                continue
            except ThemeError as exc:
                errors.append(str(exc))
                continue
            by_name[spec.name] = spec
    return list(by_name.values()), errors
