"""revtrack: a text-diff and revision tracker for news.

Library first: :func:`compare` diffs two texts; :mod:`revtrack.ingest`,
:mod:`revtrack.stories` and :mod:`revtrack.store` ingest and query captures.
The terminal UI lives in :mod:`revtrack.tui` and is never imported from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["compare", "__version__"]

if TYPE_CHECKING:
    from revtrack.comparison import Comparison


def compare(old: str, new: str, **options: object) -> Comparison:
    """Compare two texts word by word; see :func:`revtrack.diffing.compare`.

    No options are defined yet; an unknown one raises ``TypeError``.
    """
    from revtrack.diffing import compare as _compare

    return _compare(old, new, **options)
