"""The store as one row per revision, for pandas, DuckDB and spreadsheets.

Rows stream from one SQLite cursor, a story's revisions together and oldest
first, so memory stays flat however large the store. Each row carries the diff
figures against the story's previous revision.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from revtrack.models import iso_timestamp
from revtrack.store import Store

#: CSV columns, in order (sightings are summarised: their count, first and last capture).
CSV_FIELDS = [
    "story_id",
    "revision_id",
    "previous_revision_id",
    "headline",
    "body",
    "words",
    "outlets",
    "first_captured",
    "first_published",
    "sightings",
    "last_captured",
    "words_added",
    "words_deleted",
    "words_changed",
    "similarity",
    "headline_changed",
    "facts_changed",
]


def export_rows(store: Store, since: str | None = None) -> Iterator[dict]:
    """One dict per revision: ids, text, outlets, sightings and figures against the previous one.

    ``since`` (ISO 8601) keeps revisions first captured at or after that time;
    their figures are still against the revision before, whenever it was captured.
    """
    from revtrack.diffing import compare_revisions
    from revtrack.text import cosmetic_normalize

    since_iso = iso_timestamp(since) if since else None
    previous: tuple[str, str, str, str] | None = None  # (story, id, headline, body)
    stored_since = since_iso.replace("+00:00", "Z") if since_iso else None  # the store writes Z
    for row in store.iter_revisions_by_story(stored_since):
        if previous is not None and previous[0] != row["story_id"]:
            previous = None
        captured = iso_timestamp(row["first_captured"])
        keep = since_iso is None or captured >= since_iso
        if keep:
            sightings = [
                {
                    "path": s["path"],
                    "captured_at": iso_timestamp(s["captured_at"]),
                    "published": iso_timestamp(s["published"]),
                    "published_precision": s["published_precision"],
                    "outlet": s["outlet"],
                    "url": s["url"],
                    "position": s["position"],
                }
                for s in store.sighting_rows([row["id"]])
            ]
            out = {
                "story_id": row["story_id"],
                "revision_id": row["id"],
                "previous_revision_id": previous[1] if previous else None,
                "headline": row["headline"],
                "body": row["body"],
                "words": row["words"],
                "outlets": list(dict.fromkeys(s["outlet"] for s in sightings if s["outlet"])),
                "first_captured": captured,
                "first_published": iso_timestamp(row["first_published"]),
                "sightings": sightings,
                "diff": None,
            }
            if previous is not None:
                stats = compare_revisions(previous[2], previous[3], row["headline"], row["body"]).stats
                headline_changed = cosmetic_normalize(previous[2]) != cosmetic_normalize(row["headline"])
                out["diff"] = {
                    "words_added": stats.words_added,
                    "words_deleted": stats.words_deleted,
                    "words_changed": stats.words_changed,
                    "similarity": stats.similarity,
                    "headline_changed": headline_changed,
                    "facts_changed": stats.facts_changed,
                }
            yield out
        previous = (row["story_id"], row["id"], row["headline"], row["body"])


def jsonl_lines(rows: Iterator[dict]) -> Iterator[str]:
    """Rows as JSON Lines (control and bidi characters escaped)."""
    from revtrack.safety import safe_json

    for row in rows:
        yield safe_json(row) + "\n"


def csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    """Rows as CSV with a header line (see :data:`CSV_FIELDS`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        diff = row["diff"] or {}
        sightings = row["sightings"]
        writer.writerow(
            {
                key: csv_cell(value)
                for key, value in {
                    **row,
                    "outlets": "; ".join(row["outlets"]),
                    "sightings": len(sightings),
                    "last_captured": sightings[-1]["captured_at"] if sightings else None,
                    "words_added": diff.get("words_added"),
                    "words_deleted": diff.get("words_deleted"),
                    "words_changed": diff.get("words_changed"),
                    "similarity": diff.get("similarity"),
                    "headline_changed": diff.get("headline_changed"),
                    "facts_changed": diff.get("facts_changed"),
                }.items()
            }
        )
        yield buffer.getvalue()


#: A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs and no terminal obeys.

    Control and bidi characters are shown as escapes (as in every other output), and
    text that starts like a formula gets a leading apostrophe, which spreadsheets
    show as text (OWASP's advice). Numbers and None pass as they are.

    >>> csv_cell("=1+1"), csv_cell("-5 degrees"), csv_cell("Vote"), csv_cell(-5)
    ("'=1+1", "'-5 degrees", 'Vote', -5)
    >>> csv_cell(chr(27) + "[2J") == chr(92) + "x1b[2J"
    True
    """
    from revtrack.safety import inert

    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return inert(value)


__all__ = ["CSV_FIELDS", "csv_lines", "export_rows", "jsonl_lines"]
