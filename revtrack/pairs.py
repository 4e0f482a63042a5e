"""What ``revtrack diff`` compares: two files, two revisions, or a whole story.

Files are compared as text: their whole decoded text, character for character,
so the JSON ops rebuild each file exactly. ``extract=True`` compares what ingest reads
instead: the main article of two scraped pages, every item of two files of many.
Revisions are compared as their headline, a blank line, then their body.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from revtrack.comparison import Comparison, concat
from revtrack.diffing import compare
from revtrack.errors import InputError, NotFoundError, StoreError
from revtrack.extract.decode import decode_bytes, document_of
from revtrack.records import frozen
from revtrack.text import cosmetic_normalize, is_title_line

if TYPE_CHECKING:
    from revtrack.store import Store
    from revtrack.stories import Revision


@frozen
class Version:
    """One side of a comparison: a file or a stored revision."""

    label: str
    text: str
    headline: str
    kind: str  # "file" or "revision"
    id: str | None = None
    story: str | None = None
    captured: str | None = None  # ISO 8601 with seconds and offset
    published: str | None = None


@frozen
class DiffPair:
    """Two versions compared as whole documents.

    ``changed`` is True exactly when the wording differs: when the two texts
    still differ after cosmetic normalisation.
    """

    old: Version
    new: Version
    comparison: Comparison
    changed: bool
    headline_changed: bool

    @property
    def identical(self) -> bool:
        """The two texts are the same, character for character."""
        return self.old.text == self.new.text

    def shown(self, ignore_cosmetic: bool) -> bool:
        """Whether the pair prints anything (identical texts print nothing)."""
        return self.changed if ignore_cosmetic else not self.identical


#: Hex digits shown for ids (as in revtrack.render.listing; not imported so that
#: diffing two files never loads the store).
SHORT_ID = 10
_HEX = re.compile(r"[0-9a-fA-F]{1,32}")


#: Files (and devices, pipes, stdin) larger than this are refused unless ``--max-bytes`` says more.
DIFF_MAX_BYTES = 50 * 1024 * 1024


def _read(path: str | os.PathLike, limit: int = DIFF_MAX_BYTES) -> bytes:
    """A file's bytes, read at most ``limit + 1`` deep: ``/dev/zero`` or an endless pipe is refused."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(str(path), f"over the {limit}-byte limit (--max-bytes)")
    return data


#: The readings of a web page (or of a page saved as text): ``extract`` compares its main
#: article (``revtrack diff --page`` compares a listing's articles one by one).
PAGE_LAYOUTS = frozenset(("html", "html-visible", "page"))


def file_version(path: str | os.PathLike, extract: bool = False, limit: int = DIFF_MAX_BYTES) -> Version:
    """A file as one side of a comparison: its whole text, or (``extract``) what ingest reads in
    it: a page's main article, every item of a file of many (posts, entries, records)."""
    raw = _read(path, limit)
    if not extract:
        text, _ = decode_bytes(str(path), raw, newlines=False)
        # the headline as ingest reads a plain file's: its first title line
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        first = next((line for line in lines if is_title_line(line)), lines[0] if lines else "")
        return Version(str(path), text, first, "file")
    from revtrack.extract import extract_articles  # only --extract needs the extractor

    text, encoding = decode_bytes(str(path), raw)
    layout, articles = extract_articles(
        text, datetime.now(UTC), os.path.basename(path), document=document_of(encoding), encoding=encoding
    )
    if not articles:
        raise InputError(str(path), "no article found")
    if layout not in PAGE_LAYOUTS:
        # a file of many items (a channel's posts, a feed's entries, a digest's stories) says
        # all of them: its main item alone hid an edit to any other, and said "no change"
        said = "\n\n".join(f"{a.headline}\n\n{a.body}" for a in articles)
        return Version(str(path), said, articles[0].headline, "file")
    main = max(articles, key=lambda a: (len(a.body), -a.position))
    return Version(str(path), f"{main.headline}\n\n{main.body}", main.headline, "file")


def revision_version(rev: Revision) -> Version:
    """A stored revision as one side of a comparison."""
    from revtrack.models import iso_timestamp  # not needed (nor its classes) to diff two files

    return Version(
        rev.id[:SHORT_ID],
        f"{rev.headline}\n\n{rev.body}",
        rev.headline,
        "revision",
        id=rev.id,
        story=rev.story_id,
        captured=iso_timestamp(rev.captured),
        published=iso_timestamp(rev.published),
    )


def split_headline(text: str) -> tuple[str, str]:
    """The text up to the end of its first non-empty line, and the rest (joined, the text);
    no headline when that line is no title (:func:`revtrack.text.is_title_line`: a rule
    such as ``=====`` or a reST directive), and the whole text is compared as one.

    >>> split_headline("\\nTitle\\n\\nBody.")
    ('\\nTitle', '\\n\\nBody.')
    >>> split_headline("=====\\n Title\\n=====\\n\\nBody.")
    ('', '=====\\n Title\\n=====\\n\\nBody.')
    """
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if not is_title_line(text[start : len(text) if end < 0 else end].strip()):
        return "", text
    return (text, "") if end < 0 else (text[:end], text[end:])


def compare_documents(old: str, new: str) -> Comparison:
    """Compare two documents, their headlines (first lines) apart from the rest."""
    old_head, old_rest = split_headline(old)
    new_head, new_rest = split_headline(new)
    return concat(compare(old_head, new_head), compare(old_rest, new_rest))


def make_pair(old: Version, new: Version) -> DiffPair:
    """Compare two versions as whole documents (equal texts by comparing them, nothing more)."""
    if old.text == new.text:
        from revtrack.diffing import identical

        return DiffPair(old, new, identical(old.text), changed=False, headline_changed=False)
    return DiffPair(
        old,
        new,
        compare_documents(old.text, new.text),
        changed=cosmetic_normalize(old.text) != cosmetic_normalize(new.text),
        headline_changed=cosmetic_normalize(old.headline) != cosmetic_normalize(new.headline),
    )


def _missing(target: str, store_tried: bool) -> InputError:
    if store_tried and _HEX.fullmatch(target):
        return InputError(target, "no such file, and no revision with this id")
    return InputError(target, "no such file")


def diff_targets(
    targets: list[str], open_store: Callable[[], Store], extract: bool = False, limit: int = DIFF_MAX_BYTES
) -> list[DiffPair]:
    """Resolve ``A B`` (files or revision ids) or ``STORY`` into comparisons.

    The store is opened only when an argument is not an existing file and looks
    like an id.
    """
    if len(targets) == 1:
        from revtrack.stories import story_revisions  # only when the store is used

        if os.path.isfile(targets[0]):
            raise InputError(targets[0], "one file alone: give two files to compare")
        with open_store() as store:
            revs = story_revisions(store, targets[0])
        versions = [revision_version(r) for r in revs]
        return [make_pair(a, b) for a, b in zip(versions, versions[1:], strict=False)]
    if len(targets) != 2:
        raise InputError("revtrack diff", "give two files or revision ids, or one story id")
    versions: list[Version] = []
    store: Store | None = None
    try:
        for target in targets:
            # os.path, not pathlib: diffing two files starts faster without it
            if os.path.isdir(target):
                raise InputError(target, "is a folder, not a file")
            if os.path.exists(target):
                versions.append(file_version(target, extract, limit))
                continue
            if not _HEX.fullmatch(target):
                raise _missing(target, store_tried=False)
            from revtrack.stories import get_revision

            if store is None:
                try:
                    store = open_store()
                except StoreError as exc:  # no store to look the id up in: say both
                    raise InputError(target, f"no such file, and no revision to look up ({exc})") from None
            try:
                versions.append(revision_version(get_revision(store, target)))
            except NotFoundError:
                raise _missing(target, store_tried=True) from None
    finally:
        if store is not None:
            store.close()
    return [make_pair(versions[0], versions[1])]
