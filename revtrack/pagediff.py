"""Two captures of one listing page compared article by article.

Articles are matched by story (the grouping's own verification, so a reworded
headline still matches) and reported as appeared, disappeared, moved (their
position on the page changed) or changed (their wording changed). This is the
view an editor wants of a front page or a tag page between two captures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from revtrack.models import Article
from revtrack.pairs import DiffPair, Version, make_pair


@dataclass(frozen=True)
class PageChange:
    """One article's fate between two captures of a page."""

    status: str  # "appeared", "disappeared", "changed", "moved", "same"
    headline: str
    old_position: int | None
    new_position: int | None
    pair: DiffPair | None = None  # for articles on both pages

    @property
    def counts(self) -> bool:
        """True for anything but an article that stayed put unchanged."""
        return self.status != "same"


def _articles(path: Path) -> list[Article]:
    from datetime import UTC, datetime

    from revtrack.extract import decode_bytes, extract_articles
    from revtrack.extract.decode import document_of
    from revtrack.pairs import _read

    text, encoding = decode_bytes(str(path), _read(path))
    return extract_articles(
        text, datetime.now(UTC), path.name, document=document_of(encoding), encoding=encoding
    )[1]


def _version(path: Path, article: Article) -> Version:
    label = f"{path}#{article.position + 1}"
    return Version(label, f"{article.headline}\n\n{article.body}", article.headline, "file")


def page_diff(old_path: Path, new_path: Path) -> list[PageChange]:
    """What happened to each article between two captures of one page, in new-page order."""
    from revtrack.grouping import group_documents

    old, new = _articles(old_path), _articles(new_path)
    labels = group_documents([(a.headline, a.body) for a in old + new])
    old_by_story: dict[int, list[Article]] = {}
    for article, label in zip(old, labels[: len(old)], strict=True):
        old_by_story.setdefault(label, []).append(article)
    changes: list[PageChange] = []
    matched: set[int] = set()
    for article, label in zip(new, labels[len(old) :], strict=True):
        candidates = [a for a in old_by_story.get(label, []) if id(a) not in matched]
        if not candidates:
            changes.append(PageChange("appeared", article.headline, None, article.position))
            continue
        before = candidates[0]
        matched.add(id(before))
        pair = make_pair(_version(old_path, before), _version(new_path, article))
        if pair.changed:
            status = "changed"
        elif before.position != article.position:
            status = "moved"
        else:
            status = "same"
        changes.append(PageChange(status, article.headline, before.position, article.position, pair))
    for article in old:
        if id(article) not in matched:
            changes.append(PageChange("disappeared", article.headline, article.position, None))
    return changes
