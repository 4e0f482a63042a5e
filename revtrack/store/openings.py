"""Each revision's later paragraphs' opening words: where another revision's opening is looked for.

The ``inner_openings`` table (schema v11) keeps, for every revision, the key of the 12
opening words of each of its later paragraphs
(:func:`revtrack.grouping.fingerprint.inner_opening_keys`), keyed by the key first: a
revision whose opening (``revisions.opening``) is one of them is a candidate version of
the revision holding it (a report written on top of its stub, a page kept with its
menus). Rows are written and removed with the revision's body.
"""

from __future__ import annotations

import sqlite3

from revtrack.grouping.fingerprint import inner_opening_keys


def add_inner_openings(conn: sqlite3.Connection, revision_id: str, body: str) -> None:
    """Index the opening words of each later paragraph of a revision's body."""
    conn.executemany(
        "INSERT OR IGNORE INTO inner_openings (key, revision_id) VALUES (?, ?)",
        [(key, revision_id) for key in inner_opening_keys(body)],
    )


def drop_inner_openings(conn: sqlite3.Connection, revision_id: str, body: str) -> None:
    """Forget what :func:`add_inner_openings` indexed for this body (the table is keyed by
    the key first, so the keys are computed again rather than searched by revision)."""
    conn.executemany(
        "DELETE FROM inner_openings WHERE key = ? AND revision_id = ?",
        [(key, revision_id) for key in inner_opening_keys(body)],
    )


def inside_opening_groups(
    conn: sqlite3.Connection, revision_ids: list[str] | None = None, bucket: int = 1000
) -> list[list[str]]:
    """Pairs of stored revisions, each a sorted list of two, where one's opening is the
    opening of a later paragraph of the other (``inner_openings``); with
    ``revision_ids``, the pairs holding one of those; without, all. A key held by more
    than ``bucket`` revisions, as an opening or inside, makes no pairs (as
    :func:`revtrack.grouping.identity.inside_pairs`)."""
    found: set[tuple[int, str, str]] = set()  # (key, revision opening with it, revision holding it)
    join = "SELECT r.opening, r.id, i.revision_id FROM revisions r JOIN inner_openings i ON i.key = r.opening"
    if revision_ids is None:
        found.update(conn.execute(join))
    else:
        for start in range(0, len(revision_ids), 500):
            part = revision_ids[start : start + 500]
            marks = ",".join("?" * len(part))
            # these revisions' openings inside others
            found.update(conn.execute(f"{join} WHERE r.id IN ({marks})", part))
            # others' openings inside these revisions (their keys made from their bodies:
            # the table is searched by key)
            for rid, body in conn.execute(f"SELECT id, body FROM revisions WHERE id IN ({marks})", part):
                keys = inner_opening_keys(body)
                for at in range(0, len(keys), 500):
                    some = keys[at : at + 500]
                    marks_keys = ",".join("?" * len(some))
                    rows = conn.execute(
                        f"SELECT opening, id FROM revisions WHERE opening IN ({marks_keys})", some
                    )
                    found.update((key, other, rid) for key, other in rows)
    held: dict[int, int] = {}
    for key in {key for key, _, _ in found}:
        held[key] = (
            conn.execute("SELECT count(*) FROM revisions WHERE opening = ?", (key,)).fetchone()[0]
            + conn.execute("SELECT count(*) FROM inner_openings WHERE key = ?", (key,)).fetchone()[0]
        )
    return sorted(sorted((a, b)) for key, a, b in found if a != b and held[key] <= bucket)
