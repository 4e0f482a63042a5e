"""Writing the NewsEdits-shaped tables (:mod:`revtrack.newsedits` computes the rows).

The file is written under a temporary name and renamed when complete, so an
export that fails leaves no half-written database behind.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

SCHEMA = """
CREATE TABLE split_sentences (
    entry_id TEXT NOT NULL, version INTEGER NOT NULL, sent_idx INTEGER NOT NULL, sentence TEXT NOT NULL,
    PRIMARY KEY (entry_id, version, sent_idx)
);
CREATE TABLE matched_sentences (
    entry_id TEXT NOT NULL, version_x INTEGER NOT NULL, version_y INTEGER NOT NULL,
    sent_idx_x INTEGER, sent_idx_y INTEGER,
    avg_sentence_distance_x REAL, avg_sentence_distance_y REAL, label TEXT NOT NULL
);
CREATE INDEX matched_sentences_pair ON matched_sentences(entry_id, version_x, version_y);
CREATE TABLE doc_level_stats (
    entry_id TEXT NOT NULL, version_x INTEGER NOT NULL, version_y INTEGER NOT NULL,
    num_added INTEGER NOT NULL, num_deleted INTEGER NOT NULL,
    num_edited_x INTEGER NOT NULL, num_edited_y INTEGER NOT NULL,
    num_unchanged INTEGER NOT NULL, num_refactors INTEGER NOT NULL,
    num_sentences_x INTEGER NOT NULL, num_sentences_y INTEGER NOT NULL,
    words_added INTEGER NOT NULL, words_deleted INTEGER NOT NULL, words_changed INTEGER NOT NULL,
    PRIMARY KEY (entry_id, version_x, version_y)
);
"""


class Tables(Protocol):
    split_sentences: list[tuple]
    matched_sentences: list[tuple]
    doc_level_stats: list[tuple]


def write_newsedits(path: str | Path, stories: Iterable[Tables]) -> int:
    """Write the three tables to a new SQLite file at ``path``; returns the stories written."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial)
    written = 0
    try:
        conn.executescript(SCHEMA)
        for tables in stories:
            conn.executemany("INSERT INTO split_sentences VALUES (?, ?, ?, ?)", tables.split_sentences)
            conn.executemany(
                "INSERT INTO matched_sentences VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tables.matched_sentences
            )
            conn.executemany(
                "INSERT INTO doc_level_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tables.doc_level_stats,
            )
            written += 1
        conn.commit()
        conn.close()
        os.replace(partial, path)
    except BaseException:
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    return written
