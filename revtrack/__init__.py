"""revtrack: a text-diff and revision tracker for news.

Library first, in the manner of sqlite-utils; the command line and the terminal
UI are thin layers over these names:

* :func:`compare` diffs two texts word by word (a :class:`Comparison`: segments
  that rebuild both texts, moves, figures);
* :func:`group_documents` groups ``(headline, body)`` documents into stories;
* :class:`Store` is the SQLite store, and :func:`ingest_paths` ingests capture
  files and folders into it (:class:`IngestOptions`: capture time, size limit, layout).

Each name is loaded on first use: ``import revtrack`` costs almost nothing, and
diffing two texts never loads the store, numpy or Textual (never imported from
here at all).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revtrack.comparison import Comparison
    from revtrack.diffing import compare
    from revtrack.grouping.stories import group_documents
    from revtrack.ingest.paths import IngestOptions, ingest_paths
    from revtrack.store import Store

__version__ = "0.1.0"
__all__ = [
    "Comparison",
    "IngestOptions",
    "Store",
    "__version__",
    "compare",
    "group_documents",
    "ingest_paths",
]

#: Where each public name lives.
_HOME = {
    "Comparison": "revtrack.comparison",
    "Store": "revtrack.store",
    "compare": "revtrack.diffing",
    "group_documents": "revtrack.grouping.stories",
    "ingest_paths": "revtrack.ingest.paths",
    "IngestOptions": "revtrack.ingest.paths",
}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'revtrack' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_HOME[name]), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
