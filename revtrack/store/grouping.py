"""SQL used by story grouping (mixed into :class:`revtrack.store.Store`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


class GroupingQueries:
    """Reads and writes of revisions' sketches and story membership."""

    def sketches_after(
        self, conn: sqlite3.Connection, rowid: int, limit: int = -1
    ) -> list[tuple[int, str, bytes]]:
        """``(sketch id, revision id, sketch)`` after sketch id ``rowid``, in order (at most ``limit``)."""
        return conn.execute(
            "SELECT id, revision_id, sketch FROM sketches WHERE id > ? ORDER BY id LIMIT ?",
            (rowid, limit),
        ).fetchall()

    def band_keys_after(
        self, conn: sqlite3.Connection, rowid: int, limit: int, key_bytes: int
    ) -> tuple[list[int], bytes]:
        """Ids of sketches stored after ``rowid`` (at most ``limit``, in order) and their
        band keys (the sketch's first ``key_bytes``), joined: what the LSH index loads."""
        rows = conn.execute(
            "SELECT id, substr(sketch, 1, ?) FROM sketches WHERE id > ? ORDER BY id LIMIT ?",
            (key_bytes, rowid, limit),
        ).fetchall()
        return [r for r, _ in rows], b"".join(k for _, k in rows)

    def sketch_bound_after(self, conn: sqlite3.Connection, rowid: int) -> int:
        """At least as many as the sketches stored after id ``rowid`` (ids only grow).

        Read off the table's last id: counting rows would read every sketch.
        """
        last = conn.execute("SELECT max(id) FROM sketches").fetchone()[0]
        return max(0, (last or 0) - rowid)

    def sketch_values_of_rowids(
        self, conn: sqlite3.Connection, rowids: list[int], skip_bytes: int
    ) -> tuple[list[int], list[str], bytes]:
        """``(sketch ids, revision ids, values)`` of these sketches, in id order.

        ``values`` joins each sketch's bytes after its first ``skip_bytes`` (the band
        keys), so the caller reads them as one array. Sketch ids no longer stored
        (their revision was re-extracted away) are left out.
        """
        found: list[int] = []
        ids: list[str] = []
        values: list[bytes] = []
        for start in range(0, len(rowids), 500):
            part = rowids[start : start + 500]
            marks = ",".join("?" * len(part))
            for rowid, rid, tail in conn.execute(
                f"SELECT id, revision_id, substr(sketch, ?) FROM sketches WHERE id IN ({marks}) ORDER BY id",
                (skip_bytes + 1, *part),
            ):
                found.append(rowid)
                ids.append(rid)
                values.append(tail)
        return found, ids, b"".join(values)

    def same_headline_groups(
        self, conn: sqlite3.Connection, revision_ids: list[str] | None = None, bucket: int = 1000
    ) -> list[list[str]]:
        """The stored revisions of each non-blank headline held by 2 to ``bucket`` of them,
        ids sorted: with ``revision_ids``, the headlines of those only; without, all.
        (A headline held by more makes no candidates, as in
        :func:`revtrack.grouping.identity.same_value_pairs`.)
        """
        return self._same_value_groups(conn, "revisions", "headline", "id", revision_ids, bucket)

    def same_opening_groups(
        self, conn: sqlite3.Connection, revision_ids: list[str] | None = None, bucket: int = 1000
    ) -> list[list[str]]:
        """The stored revisions of each opening (the key of a body's first words, see
        :func:`revtrack.grouping.fingerprint.opening_key`), as :meth:`same_headline_groups`."""
        return self._same_value_groups(conn, "revisions", "opening", "id", revision_ids, bucket)

    def inside_opening_groups(
        self, conn: sqlite3.Connection, revision_ids: list[str] | None = None, bucket: int = 1000
    ) -> list[list[str]]:
        """Pairs of stored revisions where one's opening starts a later paragraph of the other
        (:func:`revtrack.store.openings.inside_opening_groups`)."""
        from revtrack.store.openings import inside_opening_groups

        return inside_opening_groups(conn, revision_ids, bucket)

    def same_address_groups(
        self, conn: sqlite3.Connection, revision_ids: list[str] | None = None, bucket: int = 1000
    ) -> list[list[str]]:
        """The stored revisions seen at each article address (the URL of a sighting), as
        :meth:`same_headline_groups` for headlines.

        Pass the revisions of every newly stored sighting, not only the new revisions:
        a known text seen at a new address pairs with what that address held. A site's
        front page (an address with no path) holds many stories and pairs none.
        """
        from revtrack.grouping.identity import is_article_address

        return self._same_value_groups(
            conn, "snapshots", "url", "revision_id", revision_ids, bucket, keep=is_article_address
        )

    @staticmethod
    def _same_value_groups(
        conn: sqlite3.Connection,
        table: str,
        column: str,
        owner: str,
        revision_ids: list[str] | None,
        bucket: int,
        keep: Callable[[str], bool] | None = None,
    ) -> list[list[str]]:
        """Revisions (``owner``) sharing a non-blank ``column`` of ``table``, a sorted list
        for each value held by 2 to ``bucket`` of them (the values of ``revision_ids`` only,
        when given). Names come from the two callers above, never from input."""
        nonblank = f"{column} IS NOT NULL AND trim({column}) != ''"
        # an owner holds a value once in revisions (its id), maybe often in snapshots
        holders_count = "count(*)" if owner == "id" else f"count(DISTINCT {owner})"
        if revision_ids is None:
            rows = conn.execute(
                f"SELECT DISTINCT {column}, {owner} FROM {table} WHERE {column} IN (SELECT {column} FROM"
                f" {table} WHERE {nonblank} GROUP BY {column} HAVING {holders_count} BETWEEN 2 AND ?)"
                f" ORDER BY {column}, {owner}",
                (bucket,),
            ).fetchall()
        else:
            # the values of these revisions held by 2 to `bucket` revisions, counted through
            # the column's index: most are held by the new revision alone, and a value held
            # by too many is counted, not read
            shared: set[str | int] = set()
            for part in _chunks(revision_ids):
                marks = ",".join("?" * len(part))
                shared.update(
                    v
                    for (v,) in conn.execute(
                        f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} IN"
                        f" (SELECT {column} FROM {table} WHERE {owner} IN ({marks}) AND {nonblank})"
                        f" GROUP BY {column} HAVING {holders_count} BETWEEN 2 AND ?",
                        (*part, bucket),
                    )
                )
            rows = []
            for part in _chunks(sorted(shared)):
                marks = ",".join("?" * len(part))
                rows += conn.execute(
                    f"SELECT DISTINCT {column}, {owner} FROM {table} WHERE {column} IN ({marks})"
                    f" ORDER BY {column}, {owner}",
                    part,
                ).fetchall()
        holders: dict[str | int, list[str]] = {}
        for value, rid in rows:
            if keep is None or keep(value):
                holders.setdefault(value, []).append(rid)
        return [ids for ids in holders.values() if len(ids) > 1]

    def revision_text(self, conn: sqlite3.Connection, revision_id: str) -> tuple[str, str] | None:
        """Headline and body of one revision (None when it is no longer stored)."""
        row = conn.execute("SELECT headline, body FROM revisions WHERE id = ?", (revision_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def stories_of(self, conn: sqlite3.Connection, revision_ids: list[str]) -> dict[str, str]:
        """``{revision id: story id}`` for revisions already placed in a story."""
        out: dict[str, str] = {}
        for rid in revision_ids:
            row = conn.execute("SELECT story_id FROM revisions WHERE id = ?", (rid,)).fetchone()
            if row and row[0]:
                out[rid] = row[0]
        return out

    def oldest_revision(self, conn: sqlite3.Connection, revision_ids: list[str]) -> str:
        """The revision that comes first by published time, first capture, then id.

        Ids that are no longer stored (a story id whose first revision was
        re-extracted away) rank after stored ones, by id.
        """
        marks = ",".join("?" * len(revision_ids))
        row = conn.execute(
            f"SELECT id FROM revisions WHERE id IN ({marks})"
            " ORDER BY coalesce(first_published, first_captured), first_captured, id LIMIT 1",
            revision_ids,
        ).fetchone()
        return row[0] if row else sorted(revision_ids)[0]

    def story_size(self, conn: sqlite3.Connection, story_id: str) -> int:
        """How many revisions a story holds."""
        return conn.execute("SELECT count(*) FROM revisions WHERE story_id = ?", (story_id,)).fetchone()[0]

    def apply_partition(
        self, conn: sqlite3.Connection, story_of: dict[str, str], aliases: dict[str, str]
    ) -> None:
        """Set each revision's story, and point retired story ids (``aliases``) at their successors."""
        conn.executemany(
            "UPDATE revisions SET story_id = ? WHERE id = ?", [(s, r) for r, s in story_of.items()]
        )
        live = set(story_of.values())
        for old, new in aliases.items():
            conn.execute("UPDATE story_aliases SET story_id = ? WHERE story_id = ?", (new, old))
            conn.execute("INSERT OR REPLACE INTO story_aliases (alias, story_id) VALUES (?, ?)", (old, new))
        # an id that names a live story again is no longer an alias
        for story in live:
            conn.execute("DELETE FROM story_aliases WHERE alias = ?", (story,))

    # ------------------------------------------------------------ clustering
    def revision_for_grouping(
        self, conn: sqlite3.Connection, revision_id: str
    ) -> tuple[str, str, str, frozenset[str]] | None:
        """Headline, body, first published (else captured) time and article addresses of a
        revision, or None."""
        return self.revisions_for_grouping(conn, [revision_id]).get(revision_id)

    def revisions_for_grouping(
        self, conn: sqlite3.Connection, revision_ids: list[str]
    ) -> dict[str, tuple[str, str, str, frozenset[str]]]:
        """``{id: (headline, body, first published else captured time, article addresses)}`` of
        stored revisions (the addresses: the URLs of its sightings that name an article)."""
        from revtrack.grouping.identity import is_article_address

        out: dict[str, tuple[str, str, str, frozenset[str]]] = {}
        for start in range(0, len(revision_ids), 500):
            part = revision_ids[start : start + 500]
            marks = ",".join("?" * len(part))
            seen: dict[str, set[str]] = {}
            for rid, url in conn.execute(
                f"SELECT DISTINCT revision_id, url FROM snapshots WHERE revision_id IN ({marks})"
                " AND url IS NOT NULL",
                part,
            ):
                if is_article_address(url):
                    seen.setdefault(rid, set()).add(url)
            for rid, headline, body, when in conn.execute(
                "SELECT id, headline, body, coalesce(first_published, first_captured)"
                f" FROM revisions WHERE id IN ({marks})",
                part,
            ):
                out[rid] = (headline, body, when, frozenset(seen.get(rid, ())))
        return out

    def has_edges(self, conn: sqlite3.Connection, revision_id: str) -> bool:
        """Whether a revision has a verified pair or a manual merge."""
        return bool(self._neighbours(conn, revision_id))

    def story_of_all(self, conn: sqlite3.Connection) -> dict[str, str]:
        """``{revision id: story id}`` for every revision."""
        return dict(conn.execute("SELECT id, story_id FROM revisions"))

    def add_edges(self, conn: sqlite3.Connection, edges: list[tuple[str, str, float, bool]]) -> None:
        """Store verified pairs ``(a, b, strength, one text)``, ``a < b``."""
        conn.executemany(
            "INSERT OR REPLACE INTO story_edges (a, b, strength, near) VALUES (?, ?, ?, ?)",
            [(a, b, strength, int(near)) for a, b, strength, near in edges],
        )

    def clear_edges(self, conn: sqlite3.Connection) -> None:
        """Forget every verified pair (before they are all weighed again)."""
        conn.execute("DELETE FROM story_edges")

    def drop_edges_of(self, conn: sqlite3.Connection, revision_ids: list[str]) -> None:
        """Forget the pairs of revisions that are no longer stored."""
        for rid in revision_ids:
            conn.execute("DELETE FROM story_edges WHERE a = ? OR b = ?", (rid, rid))

    def _neighbours(self, conn: sqlite3.Connection, rid: str) -> list[str]:
        return [
            row[0]
            for row in conn.execute(
                "SELECT b FROM story_edges WHERE a = ?1 UNION SELECT a FROM story_edges WHERE b = ?1"
                " UNION SELECT b FROM story_overrides WHERE kind = 'must' AND a = ?1"
                " UNION SELECT a FROM story_overrides WHERE kind = 'must' AND b = ?1",
                (rid,),
            )
        ]

    def edge_component(self, conn: sqlite3.Connection, seeds: list[str]) -> list[str]:
        """Every revision connected to ``seeds`` by verified pairs or manual merges (seeds included)."""
        seen = set(seeds)
        todo = list(seeds)
        while todo:
            for other in self._neighbours(conn, todo.pop()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return sorted(seen)

    def edges_within(self, conn: sqlite3.Connection, ids: list[str]) -> list[tuple[str, str, float, bool]]:
        """Verified pairs ``(a, b, strength, one text)`` with both ends in ``ids``."""
        members = set(ids)
        out = []
        for rid in ids:
            for other, strength, near in conn.execute(
                "SELECT b, strength, near FROM story_edges WHERE a = ?", (rid,)
            ):
                if other in members:
                    out.append((rid, other, strength, bool(near)))
        return out

    def grouping_nodes(
        self, conn: sqlite3.Connection, revision_ids: list[str]
    ) -> dict[str, tuple[str, bytes]]:
        """``{id: (headline, sketch blob)}`` of stored revisions (for clustering)."""
        out: dict[str, tuple[str, bytes]] = {}
        for start in range(0, len(revision_ids), 500):
            part = revision_ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for rid, headline, sketch in conn.execute(
                "SELECT r.id, r.headline, s.sketch FROM revisions r"
                f" LEFT JOIN sketches s ON s.id = r.sketch_id WHERE r.id IN ({marks})",
                part,
            ):
                out[rid] = (headline, sketch)
        return out

    def words_and_values(
        self, conn: sqlite3.Connection, revision_ids: list[str], skip_bytes: int
    ) -> dict[str, tuple[int, bytes]]:
        """``{id: (body word count, sketch bytes after the first skip_bytes)}`` of stored revisions."""
        out: dict[str, tuple[int, bytes]] = {}
        for part in _chunks(revision_ids):
            marks = ",".join("?" * len(part))
            for rid, words, values in conn.execute(
                "SELECT r.id, r.words, substr(s.sketch, ?) FROM revisions r"
                f" JOIN sketches s ON s.id = r.sketch_id WHERE r.id IN ({marks})",
                (skip_bytes + 1, *part),
            ):
                out[rid] = (words, values)
        return out

    def addresses_of(self, conn: sqlite3.Connection, revision_id: str) -> set[str]:
        """The addresses (sighting URLs) a revision was seen at."""
        return self.addresses_of_many(conn, [revision_id]).get(revision_id, set())

    def addresses_of_many(self, conn: sqlite3.Connection, revision_ids: list[str]) -> dict[str, set[str]]:
        """``{id: the addresses (sighting URLs) it was seen at}`` for revisions seen at any."""
        out: dict[str, set[str]] = {}
        for part in _chunks(revision_ids):
            marks = ",".join("?" * len(part))
            for rid, url in conn.execute(
                f"SELECT DISTINCT revision_id, url FROM snapshots WHERE revision_id IN ({marks})"
                " AND url IS NOT NULL",
                part,
            ):
                if url.strip():
                    out.setdefault(rid, set()).add(url)
        return out

    def overrides_within(
        self, conn: sqlite3.Connection, ids: list[str]
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Manual ``(merges, splits)`` as revision pairs with both ends in ``ids``."""
        members = set(ids)
        must: list[tuple[str, str]] = []
        cannot: list[tuple[str, str]] = []
        for rid in ids:
            for kind, other in conn.execute("SELECT kind, b FROM story_overrides WHERE a = ?", (rid,)):
                if other in members:
                    (must if kind == "must" else cannot).append((rid, other))
        return must, cannot

    def add_overrides(
        self, conn: sqlite3.Connection, kind: str, pairs: list[tuple[str, str]], when: str
    ) -> None:
        """Record manual merges (``must``) or splits (``cannot``) as sorted revision pairs."""
        rows = [(kind, *(sorted(p)), when) for p in pairs]
        conn.executemany(
            "INSERT OR REPLACE INTO story_overrides (kind, a, b, created_at) VALUES (?, ?, ?, ?)", rows
        )

    def drop_overrides(self, conn: sqlite3.Connection, revision_ids: list[str]) -> int:
        """Forget every manual override touching these revisions; returns how many."""
        total = 0
        for rid in revision_ids:
            total += conn.execute("DELETE FROM story_overrides WHERE a = ? OR b = ?", (rid, rid)).rowcount
        return total

    def overrides_of(
        self, conn: sqlite3.Connection, revision_ids: list[str]
    ) -> list[tuple[str, str, str, str]]:
        """``(kind, a, b, created_at)`` of manual overrides touching these revisions."""
        out = {}
        for rid in revision_ids:
            for row in conn.execute(
                "SELECT kind, a, b, created_at FROM story_overrides WHERE a = ? OR b = ?", (rid, rid)
            ):
                out[row[:3]] = row
        return sorted(out.values())

    def story_members(self, conn: sqlite3.Connection, story_id: str) -> list[str]:
        """Revision ids of a story."""
        return [
            r[0] for r in conn.execute("SELECT id FROM revisions WHERE story_id = ? ORDER BY id", (story_id,))
        ]

    def drop_overrides_between(
        self, conn: sqlite3.Connection, left: list[str], right: list[str], kind: str = "must"
    ) -> int:
        """Forget manual merges (``must``) or splits (``cannot``) between two sets of revisions
        (a split overrules merges, a merge undoes splits); returns how many."""
        removed = 0
        for x in left:
            for y in right:
                a, b = sorted((x, y))
                cur = conn.execute(
                    "DELETE FROM story_overrides WHERE kind = ? AND a = ? AND b = ?", (kind, a, b)
                )
                removed += cur.rowcount
        return removed


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    """``items`` in slices of at most ``size`` (SQLite's bound on parameters)."""
    return [items[start : start + size] for start in range(0, len(items), size)]
