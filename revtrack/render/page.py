"""``revtrack diff --page``: a page comparison as lines or JSON (computed in :mod:`revtrack.pagediff`)."""

from __future__ import annotations

from pathlib import Path

from revtrack.pagediff import PageChange

_SYMBOL = {"appeared": "+", "disappeared": "-", "changed": "~", "moved": ">", "same": "="}


def page_text(old_path: Path, new_path: Path, changes: list[PageChange]) -> str:
    """One line per article that appeared, disappeared, moved or changed."""
    from revtrack.safety import inert, inert_line

    lines = [f"--- {inert(str(old_path))}", f"+++ {inert(str(new_path))}"]
    for c in changes:
        if not c.counts:
            continue
        where = (
            f"{c.old_position + 1}\u2192{c.new_position + 1}"
            if c.old_position is not None and c.new_position is not None
            else str((c.new_position if c.new_position is not None else c.old_position) + 1)
        )
        detail = c.status
        if c.pair is not None and c.status == "changed":
            s = c.pair.comparison.stats
            detail = f"changed: +{s.words_added} -{s.words_deleted} ~{s.words_changed} words"
            if c.old_position != c.new_position:
                detail += ", moved"
        lines.append(f"{_SYMBOL[c.status]} [{where}] {inert_line(c.headline)} ({detail})")
    return "\n".join(lines)


def page_dict(changes: list[PageChange]) -> dict:
    """The page comparison as JSON: ``{"articles": [...], "pairs": [...], "changed": bool}``."""
    from revtrack.render.diff import pair_dict

    return {
        "changed": any(c.counts for c in changes),
        "articles": [
            {
                "status": c.status,
                "headline": c.headline,
                "old_position": c.old_position,
                "new_position": c.new_position,
            }
            for c in changes
        ],
        "pairs": [pair_dict(c.pair) for c in changes if c.pair is not None and c.status == "changed"],
    }
