"""What ``revtrack diff`` compares: two files, two revisions, or a whole story."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from revtrack.diffing import compare
from revtrack.errors import InputError
from revtrack.extract import decode_capture, extract_articles
from revtrack.render.diff import DiffPair

if TYPE_CHECKING:
    from revtrack.store import Store

#: Hex digits shown for ids (as in revtrack.render.listing; not imported so that
#: diffing two files never loads the store).
SHORT_ID = 10


def _short(rid: str) -> str:
    return rid[:SHORT_ID]


def _file_version(path: Path) -> tuple[str, str]:
    """Headline and body of the first article in a file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    text = decode_capture(str(path), raw)
    _, articles = extract_articles(text, datetime.now(UTC), path.name)
    if not articles:
        raise InputError(str(path), "no article found")
    return articles[0].headline, articles[0].body


def make_pair(old_label: str, old: tuple[str, str], new_label: str, new: tuple[str, str]) -> DiffPair:
    """Compare two ``(headline, body)`` versions."""
    return DiffPair(old_label, new_label, compare(old[0], new[0]), compare(old[1], new[1]))


def diff_targets(targets: list[str], open_store: Callable[[], Store]) -> list[DiffPair]:
    """Resolve ``A B`` (files or revision ids) or ``STORY`` into comparisons.

    The store is opened only when an argument is not an existing file.
    """
    from revtrack.stories import get_revision, story_revisions  # only when the store is used

    if len(targets) == 1:
        with open_store() as store:
            revs = story_revisions(store, targets[0])
        return [
            make_pair(_short(a.id), (a.headline, a.body), _short(b.id), (b.headline, b.body))
            for a, b in zip(revs, revs[1:], strict=False)
        ]
    if len(targets) != 2:
        raise InputError("revtrack diff", "give two files or revision ids, or one story id")
    versions: list[tuple[str, tuple[str, str]]] = []
    store: Store | None = None
    try:
        for target in targets:
            path = Path(target)
            if path.exists():
                versions.append((target, _file_version(path)))
                continue
            if store is None:
                store = open_store()
            rev = get_revision(store, target)
            versions.append((_short(rev.id), (rev.headline, rev.body)))
    finally:
        if store is not None:
            store.close()
    (la, a), (lb, b) = versions
    return [make_pair(la, a, lb, b)]
