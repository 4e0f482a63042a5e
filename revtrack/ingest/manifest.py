"""Capture manifests: ``manifest.yaml`` beside captures records when each was taken.

Format::

    layout: plain            # optional: how every text file here is read (auto, plain, page)
    captures:
      000_page.txt:
        captured_at: 2025-08-11T23:22:00Z   # why we believe this
        kind: tag-listing
        note: one line about the file
        layout: page         # optional: this file only
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from revtrack.errors import InputError
from revtrack.extract.dates import parse_timestamp
from revtrack.safety import read_small_text

MANIFEST_NAME = "manifest.yaml"


#: How a text capture may be read (``--layout``, a manifest's ``layout:``).
LAYOUTS = ("auto", "plain", "page")


@dataclass(frozen=True)
class ManifestEntry:
    """What a manifest knows about one capture file."""

    captured_at: datetime | None
    kind: str | None = None
    note: str | None = None
    layout: str | None = None


class Manifest(dict[str, ManifestEntry]):
    """``{file name: entry}``, and the layout the folder's text files are read with."""

    layout: str | None = None


def _layout(value: object, path: Path, name: str) -> str | None:
    if value is None:
        return None
    if value not in LAYOUTS:
        raise InputError(str(path), f"{name}: layout {value!r} is not one of {', '.join(LAYOUTS)}")
    return str(value)


def _timestamp(value: object, path: Path, name: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):  # YAML reads an unquoted timestamp itself
        try:
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
        except OverflowError:
            raise InputError(str(path), f"{name}: captured_at {value} is out of range once in UTC") from None
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        return parse_timestamp(str(value))
    except ValueError as exc:
        why = str(exc) if "out of range" in str(exc) else f"{value!r} is not an ISO 8601 time"
        raise InputError(str(path), f"{name}: captured_at {why}") from None


def load_manifest(path: Path) -> Manifest:
    """Read a manifest into ``{file name: entry}``; any problem is an :class:`InputError`."""
    try:
        data = yaml.safe_load(read_small_text(path))
    except ValueError as exc:  # larger than a manifest can be (UnicodeDecodeError is handled below)
        if isinstance(exc, UnicodeDecodeError):
            raise InputError(str(path), "manifest is not valid UTF-8") from None
        raise InputError(str(path), "manifest is larger than 1 MB") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read manifest ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "manifest is not valid UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(str(path), f"manifest does not parse as YAML{where}") from None
    except RecursionError:  # PyYAML composes nested nodes recursively
        raise InputError(str(path), "manifest is nested too deeply") from None
    entries = Manifest()
    if data is None:
        return entries
    captures = data.get("captures") if isinstance(data, dict) else None
    if captures is None and isinstance(data, dict) and "layout" in data:
        captures = {}  # a manifest that only says how the folder is read
    if not isinstance(captures, dict):
        raise InputError(str(path), "manifest has no 'captures' mapping")
    entries.layout = _layout(data.get("layout"), path, "the folder")
    for name, info in captures.items():
        if not isinstance(info, dict):
            raise InputError(str(path), f"{name}: entry must be a mapping")
        entries[str(name)] = ManifestEntry(
            captured_at=_timestamp(info.get("captured_at"), path, str(name)),
            kind=info.get("kind"),
            note=info.get("note"),
            layout=_layout(info.get("layout"), path, str(name)),
        )
    return entries
