"""Captures on disk: the files under the paths given to ``ingest``.

Folders are walked in sorted order without following symlinked folders (each is
named instead); anything that is not a regular file is named and skipped, since
reading a FIFO would block forever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from revtrack.errors import InputError
from revtrack.ingest.manifest import MANIFEST_NAME


def iter_capture_files(
    paths: Iterable[str | Path], problems: list[str] | None = None
) -> Iterator[tuple[Path, Path | None]]:
    """Yield ``(file, manifest or None)`` for every capture under the given paths.

    Folders are walked recursively in sorted order; hidden files, manifests and the
    files an office suite or the system keeps beside documents (:func:`is_system_file`)
    are skipped; symlinked folders are not followed (no symlink loop can hang a walk),
    and each one is named in ``problems``, as are paths that are missing, not
    regular files (a FIFO would block the read forever) or unreadable folders.
    Without ``problems``, the first such path raises :class:`InputError`.
    """

    def problem(path: Path | str, what: str) -> None:
        if problems is None:
            raise InputError(str(path), what)
        problems.append(f"{path}: {what}")

    for raw in paths:
        path = Path(raw)
        kind = _kind_of(path)
        if kind == "file":
            manifest = path.parent / MANIFEST_NAME
            if path.name != MANIFEST_NAME:
                yield path, manifest if manifest.is_file() else None
            continue
        if kind != "folder":
            problem(path, kind)
            continue

        def unreadable(exc: OSError) -> None:
            problem(exc.filename, f"folder not read ({exc.strerror or exc})")

        for folder, dirs, files in os.walk(path, onerror=unreadable, followlinks=False):
            kept = []
            for name in sorted(dirs):
                if name.startswith("."):
                    continue
                if os.path.islink(os.path.join(folder, name)):
                    problem(Path(folder) / name, "symlinked folder not followed (name it to ingest it)")
                    continue
                kept.append(name)
            dirs[:] = kept
            manifest = Path(folder) / MANIFEST_NAME
            for name in sorted(files):
                if is_system_file(name) or name == MANIFEST_NAME:
                    continue
                file = Path(folder) / name
                kind = _kind_of(file)
                if kind == "file":
                    yield file, manifest if manifest.is_file() else None
                elif kind != "folder":  # a symlink to a folder is listed with the files
                    problem(file, kind)


#: Files a system or an office suite keeps beside documents, never captures: Word's and
#: LibreOffice's lock files (``~$report.docx``, ``.~lock.report.odt#``: the latter is hidden
#: anyway), Windows' thumbnail caches and folder settings. Skipped in a walk, as hidden files are.
_SYSTEM_NAMES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


def is_system_file(name: str) -> bool:
    """Whether a file found in a walked folder is the system's or an office suite's, not a capture.

    >>> is_system_file("~$statement.docx"), is_system_file("Thumbs.db"), is_system_file("notes.txt")
    (True, True, False)
    """
    return name.startswith((".", "~$")) or name.lower() in _SYSTEM_NAMES


def _kind_of(path: Path) -> str:
    """ "file", "folder", or what is wrong with the path (a FIFO, a socket, missing)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file or folder" if not path.is_symlink() else "broken symlink"
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a capture file; skipped"
    return "not a regular file; skipped"
