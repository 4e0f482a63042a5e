"""The user's files: where they live, and reading ``config.yaml``. One owner for both.

``<user config dir>/revtrack/`` holds ``config.yaml`` (feeds, the revisit
schedule, ``notify`` (Apprise URLs) and ``notify_cmd``, the TUI's ``keymap``) and ``themes/``;
``<user data dir>/revtrack/revtrack.db`` is the default store. A config file
that cannot be read is a ``ValueError`` naming the file.
"""

from __future__ import annotations

from pathlib import Path

APP = "revtrack"


def config_dir() -> Path:
    """The user's config folder for revtrack (nothing is created)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The user's data folder for revtrack (the default store lives there)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def config_file() -> Path:
    """The user's ``config.yaml``."""
    return config_dir() / "config.yaml"


def read_yaml_mapping(path: Path) -> dict:
    """A YAML file holding a mapping; ``ValueError`` names the file.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "config.yaml"
    ...     _ = p.write_text("feeds: [a]\\n")
    ...     read_yaml_mapping(p)
    {'feeds': ['a']}
    """
    import yaml

    from revtrack.safety import read_small_text

    try:
        data = yaml.safe_load(read_small_text(path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        raise ValueError(f"{path}: not a readable YAML file") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def read_config(path: Path | None = None) -> dict:
    """``path`` (which must exist), else the user's config.yaml if there is one, else ``{}``."""
    if path is None:
        default = config_file()
        return read_yaml_mapping(default) if default.is_file() else {}
    return read_yaml_mapping(path)
