"""A store's stories in the shape of the NewsEdits corpus (Spangher et al., NAACL 2022).

NewsEdits' tools read three SQLite tables: each version's sentences, the
sentences matched between consecutive versions with an action label, and
per-pair figures. This module computes them from revtrack's own sentence
alignment (:func:`revtrack.diffing.sentence_links`), so the labels are the
actions behind ``diff --stat``'s sentence figures: ``Addition``, ``Deletion``,
``Edit``, ``Refactor`` (a moved sentence) and ``Unchanged``. A version's
sentences are its headline's, then its body's, as ``diff`` compares them.
:mod:`revtrack.store.newsedits` writes the tables; ``docs/newsedits.md`` says
what each column holds and where it differs from the published corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from revtrack.store import Store
from revtrack.stories import Revision, list_stories, story_revisions
from revtrack.text import PUNCT_TO_SPACE, sentences


@dataclass
class StoryTables:
    """One story's rows for the three tables."""

    split_sentences: list[tuple] = field(default_factory=list)
    matched_sentences: list[tuple] = field(default_factory=list)
    doc_level_stats: list[tuple] = field(default_factory=list)


def _parts(revision: Revision) -> tuple[str, str]:
    """The two texts a revision is compared as: its headline, and its body after a paragraph break."""
    return revision.headline, "\n\n" + revision.body


def _numbering(texts: tuple[str, str]) -> tuple[list[str], list[dict[int, int]]]:
    """A version's sentences (blank units left out) and, per text, unit index -> sentence index."""
    out: list[str] = []
    maps: list[dict[int, int]] = []
    for text in texts:
        where: dict[int, int] = {}
        for k, unit in enumerate(sentences(text)):
            if unit.strip():
                where[k] = len(out)
                out.append(unit.strip())
        maps.append(where)
    return out, maps


def _distance(a: str, b: str) -> float:
    """1 - the word overlap (Jaccard) of two sentences: 0 for the same words.

    >>> _distance("The vote was 7-2.", "The vote was 7-2!"), round(_distance("a b c", "a b d"), 2)
    (0.0, 0.5)
    """
    x, y = set(PUNCT_TO_SPACE.apply(a.casefold()).split()), set(PUNCT_TO_SPACE.apply(b.casefold()).split())
    return 0.0 if not (x or y) else round(1 - len(x & y) / len(x | y), 4)


def story_tables(store: Store, story_id: str) -> StoryTables:
    """The NewsEdits rows of one story, its versions in revtrack's order (0 the oldest)."""
    revisions = story_revisions(store, story_id)
    tables = StoryTables()
    numbered = [_numbering(_parts(r)) for r in revisions]
    for version, (sents, _) in enumerate(numbered):
        tables.split_sentences += [(story_id, version, k, s) for k, s in enumerate(sents)]
    for version in range(1, len(revisions)):
        pair = (revisions[version - 1], revisions[version])
        matched, stats = _pair_rows(pair, numbered[version - 1], numbered[version])
        prefix = (story_id, version - 1, version)
        tables.matched_sentences += [(*prefix, *row) for row in matched]
        tables.doc_level_stats.append((*prefix, *stats))
    return tables


def _pair_rows(
    pair: tuple[Revision, Revision],
    old: tuple[list[str], list[dict[int, int]]],
    new: tuple[list[str], list[dict[int, int]]],
) -> tuple[list[tuple], tuple]:
    """Matched-sentence rows (without the ids) and the figures of one pair of versions."""
    from revtrack.diffing import sentence_links

    (old_sents, old_maps), (new_sents, new_maps) = old, new
    rows: list[tuple] = []
    counts = dict.fromkeys(("Addition", "Deletion", "Edit", "Refactor", "Unchanged"), 0)
    edited_x: set[int] = set()
    edited_y: set[int] = set()
    words = [0, 0, 0]
    for part, texts in enumerate(zip(_parts(pair[0]), _parts(pair[1]), strict=True)):
        comparison, links = sentence_links(*texts)
        figures = comparison.stats
        words = [
            words[0] + figures.words_added,
            words[1] + figures.words_deleted,
            words[2] + figures.words_changed,
        ]
        for label, x, y in links:
            sx = None if x is None else old_maps[part][x]
            sy = None if y is None else new_maps[part][y]
            both = sx is not None and sy is not None
            distance = _distance(old_sents[sx], new_sents[sy]) if both else None
            rows.append(
                (sx, sy, distance if sx is not None else None, distance if sy is not None else None, label)
            )
            counts[label] += 1
            if label == "Edit":
                edited_x.add(sx)
                edited_y.add(sy)
    stats = (
        counts["Addition"],
        counts["Deletion"],
        len(edited_x),
        len(edited_y),
        counts["Unchanged"],
        counts["Refactor"],
        len(old_sents),
        len(new_sents),
        *words,
    )
    return rows, stats


def newsedits_tables(store: Store) -> Iterator[StoryTables]:
    """Every story with more than one version, one at a time (memory stays per story)."""
    for story in list_stories(store):
        if story.revisions > 1:
            yield story_tables(store, story.id)
