"""A scrape that travels as one archive (.zip, .tar.gz): each file inside is a capture, read as
the same file in a folder is read."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

from tests.support import ROOT, cli

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _rows(db) -> list[dict]:
    return [json.loads(line) for line in cli(db, "export").output.splitlines()]


def _texts(db) -> list[tuple[str, str, int]]:
    rows = _rows(db)
    size = {row["story_id"]: sum(r["story_id"] == row["story_id"] for r in rows) for row in rows}
    return sorted((row["headline"], row["body"], size[row["story_id"]]) for row in rows)


def test_a_zip_and_a_tarball_read_as_the_folder_they_were_made_from(tmp_path):
    zipped, tarred = tmp_path / "scrape.zip", tmp_path / "scrape.tar.gz"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for seed in SEEDS:
            archive.write(seed, f"site/{seed.name}")
        archive.writestr("site/.DS_Store", b"\0\0\0\1Bud1")  # what a Mac adds: skipped as in a folder
        archive.writestr("__MACOSX/site/._x.txt", b"\0\5\26\7")
    with tarfile.open(tarred, "w:gz") as archive:
        for seed in SEEDS:
            archive.add(seed, f"site/{seed.name}")
    folder_db = tmp_path / "folder.db"
    assert cli(folder_db, "ingest", "--captured-at", "2026-03-04", str(ROOT / "seeds")).exit_code == 0
    for bundle in (zipped, tarred):
        db = tmp_path / f"{bundle.name}.db"
        result = cli(db, "ingest", "--captured-at", "2026-03-04", str(bundle))
        assert result.exit_code == 0, result.output
        assert f"{len(SEEDS)} capture(s) ingested" in result.output
        assert _texts(db) == _texts(folder_db)  # the same articles and stories
        paths = {s["path"] for row in _rows(db) for s in row["sightings"]}
        assert paths == {f"{bundle}#site/{seed.name}" for seed in SEEDS}
        again = cli(db, "ingest", "--captured-at", "2026-03-04", str(bundle))
        assert f"0 capture(s) ingested, {len(SEEDS)} already ingested" in again.output
        assert cli(db, "reextract").exit_code == 0 and _texts(db) == _texts(folder_db)


def test_each_file_is_captured_at_its_own_time_without_the_option(tmp_path):
    zipped = tmp_path / "two-days.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for day, seed in ((3, SEEDS[0]), (4, SEEDS[1])):
            archive.writestr(zipfile.ZipInfo(seed.name, (2026, 3, day, 9, 30, 0)), seed.read_bytes())
    db = tmp_path / "s.db"
    assert cli(db, "ingest", str(zipped)).exit_code == 0
    times = {s["path"].split("#")[1]: s["captured_at"] for row in _rows(db) for s in row["sightings"]}
    assert times == {SEEDS[0].name: "2026-03-03T09:30:00+00:00", SEEDS[1].name: "2026-03-04T09:30:00+00:00"}


def test_a_bomb_an_archive_inside_and_a_damaged_archive_are_one_line_each(tmp_path):
    zipped = tmp_path / "mixed.zip"
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as nested:
        nested.writestr("a.txt", "A nested page.")
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SEEDS[0], "good.txt")
        archive.writestr("bomb.txt", b"\0" * 5_000_000)  # 5 MB of zeros in a few kilobytes
        archive.writestr("inner.zip", inner.getvalue())
        archive.writestr("../../outside.txt", SEEDS[1].read_bytes())  # a path is only a name here
    db = tmp_path / "s.db"
    result = cli(db, "ingest", "--captured-at", "2026-03-04", "--max-bytes", "1000000", str(zipped))
    assert result.exit_code == 2
    assert f"{zipped}#bomb.txt: larger than --max-bytes (1,000,000 bytes)\n" in result.output
    assert f"{zipped}#inner.zip: an archive inside an archive, not read (unpack it first)\n" in result.output
    assert "2 capture(s) ingested" in result.output
    assert not (tmp_path.parent.parent / "outside.txt").exists()
    damaged = tmp_path / "cut.zip"
    damaged.write_bytes(zipped.read_bytes()[:200])
    result = cli(tmp_path / "d.db", "ingest", "--captured-at", "2026-03-04", str(damaged))
    assert result.exit_code == 2 and f"revtrack: {damaged}: a damaged archive (" in result.output


def test_json_lines_inside_an_archive_stream_as_they_do_in_a_folder(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    records = [{"headline": f"Item {k}", "body": f"The council met {k} times this year."} for k in range(3)]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (folder / "bad.jsonl").write_text(json.dumps(records[0]) + "\n{not json\n")
    zipped = tmp_path / "feeds.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for name in ("feed.jsonl", "bad.jsonl"):
            archive.write(folder / name, name)
    folder_db, zip_db = tmp_path / "f.db", tmp_path / "z.db"
    in_folder = cli(folder_db, "ingest", "--captured-at", "2026-03-04", str(folder))
    in_zip = cli(zip_db, "ingest", "--captured-at", "2026-03-04", str(zipped))
    assert _texts(zip_db) == _texts(folder_db) and len(_rows(zip_db)) == 3
    # the bad line is named as in a folder (the whole file refused), by its name inside
    assert f"{folder}/bad.jsonl: line 2: not valid JSON" in in_folder.output
    assert f"{zipped}#bad.jsonl: line 2: not valid JSON" in in_zip.output
