"""`export --format newsedits`: the NewsEdits tables, their counts agreeing with diff --stat."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from revtrack.cli import main
from tests.support import devcorpus


def test_newsedits_export_of_the_devcorpus_agrees_with_diff_stat(tmp_path):
    corpus = devcorpus()
    assert corpus is not None, "the devcorpus (shared/devcorpus beside the project) is needed"
    pairs = [json.loads(line) for line in (corpus / "pairs.jsonl").read_text().splitlines()[:15]]
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in pairs:
        for name in (p["old_file"], p["new_file"]):
            (docs / name).write_bytes((corpus / "docs" / name).read_bytes())
    db, out = tmp_path / "s.db", tmp_path / "ne.db"
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["--db", str(db), "ingest", str(docs), "--captured-at", "2026-01-01T00:00:00Z"]
        ).exit_code
        == 0
    )
    result = runner.invoke(main, ["--db", str(db), "export", "--format", "newsedits", "-o", str(out)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(out)
    stats = conn.execute("SELECT * FROM doc_level_stats").fetchall()
    assert len(stats) >= 10
    for entry, vx, vy, added, deleted, _ex, _ey, unchanged, refactors, nx, ny, wa, wd, wc in stats:
        labels = dict(
            conn.execute(
                "SELECT label, count(*) FROM matched_sentences WHERE entry_id = ? AND version_x = ? AND version_y = ?"
                " GROUP BY label",
                (entry, vx, vy),
            ).fetchall()
        )
        assert (labels.get("Addition", 0), labels.get("Deletion", 0)) == (added, deleted)
        assert (labels.get("Unchanged", 0), labels.get("Refactor", 0)) == (unchanged, refactors)
        for side, n in (("version_x", vx), ("version_y", vy)):
            count = conn.execute(
                "SELECT count(*) FROM split_sentences WHERE entry_id = ? AND version = ?", (entry, n)
            ).fetchone()[0]
            assert count == (nx if side == "version_x" else ny)
        # the same figures diff --stat prints for the two revisions
        log = json.loads(runner.invoke(main, ["--db", str(db), "log", entry, "--json"]).output)
        stat = json.loads(
            runner.invoke(
                main, ["--db", str(db), "diff", log[vx]["id"], log[vy]["id"], "--stat", "--format", "json"]
            ).output
        )["pairs"][0]["stats"]
        assert (wa, wd, wc) == (stat["words_added"], stat["words_deleted"], stat["words_changed"])
        assert (added, deleted, refactors) == (
            stat["sentences_added"],
            stat["sentences_deleted"],
            stat["sentences_moved"],
        )
        assert labels.get("Edit", 0) == stat["sentences_edited"]
    # added and deleted sides are NULL
    assert (
        conn.execute(
            "SELECT count(*) FROM matched_sentences WHERE label = 'Addition' AND (sent_idx_x IS NOT NULL OR sent_idx_y IS NULL)"
        ).fetchone()[0]
        == 0
    )


def test_newsedits_needs_an_output_file(seeded_db):
    result = CliRunner().invoke(main, ["--db", str(seeded_db), "export", "--format", "newsedits"])
    assert result.exit_code == 2 and "-o OUT.db" in result.output
