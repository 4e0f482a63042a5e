"""Shared fixtures: a store with the seeds ingested, paths to seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from revtrack.ingest import ingest_paths
from revtrack.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The project's seed captures."""
    return SEEDS


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty store in a temporary folder."""
    s = Store.open(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
def seeded(store) -> Store:
    """A store holding the seeds."""
    report = ingest_paths(store, [SEEDS])
    assert not report.errors
    return store


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    """Path of a store file holding the seeds (for the TUI, which opens its own)."""
    path = tmp_path / "seeded.db"
    with Store.open(path) as s:
        assert not ingest_paths(s, [SEEDS]).errors
    return path


# The atheris harness is run by hand (it needs atheris); keep it out of collection.
collect_ignore = ["fuzz"]
