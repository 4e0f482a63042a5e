"""The way in: captures on disk (files, folders, manifests, JSON Lines) become stored articles.

* :mod:`~revtrack.ingest.files` walks the inputs (hidden and vanished files skipped);
* :mod:`~revtrack.ingest.manifest` reads a folder's ``manifest.yaml`` (capture times, outlets, layouts);
* :mod:`~revtrack.ingest.jsonl` streams JSON Lines, one article a line, in bounded memory;
* :mod:`~revtrack.ingest.captures` turns a capture's bytes into snapshots and writes them,
  one transaction each (shared with ``fetch`` and ``watch``);
* :mod:`~revtrack.ingest.paths` runs it all for ``revtrack ingest`` (:func:`ingest_paths`);
* :mod:`~revtrack.ingest.reextract` reads stored captures again with today's extractor.

Names are loaded on first use, so importing one module of the package does not load the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revtrack.ingest.captures import IngestReport
    from revtrack.ingest.paths import DEFAULT_MAX_BYTES, IngestOptions, ingest_paths

__all__ = ["DEFAULT_MAX_BYTES", "IngestOptions", "IngestReport", "ingest_paths"]
_HOME = {
    "DEFAULT_MAX_BYTES": "paths",
    "IngestOptions": "paths",
    "ingest_paths": "paths",
    "IngestReport": "captures",
}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'revtrack.ingest' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"revtrack.ingest.{_HOME[name]}"), name)
