"""Stories, logs and revisions as plain text and JSON-ready dicts."""

from __future__ import annotations

from revtrack.models import iso_timestamp
from revtrack.safety import inert, inert_line
from revtrack.stories import LogEntry, Revision, Sighting, StorySummary

#: Hex digits shown for ids; any unambiguous prefix is accepted back.
SHORT_ID = 10


def short(rid: str) -> str:
    """Abbreviate an id for display.

    >>> short("0123456789abcdef")
    '0123456789'
    """
    return rid[:SHORT_ID]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def sighting_dict(s: Sighting) -> dict:
    """A sighting as JSON: the capture's path and time, and the time resolved there."""
    return {
        "path": s.path,
        "captured_at": iso_timestamp(s.captured_at),
        "published": iso_timestamp(s.published),
        "published_precision": s.published_precision,
        "date_text": s.date_text,
        "outlet": s.outlet,
        "section": s.section,
        "url": s.url,
        "position": s.position,
        "byline": s.byline,
    }


def story_dict(s: StorySummary) -> dict:
    """A story summary as JSON."""
    return {
        "id": s.id,
        "headline": s.headline,
        "outlets": list(s.outlets),
        "revisions": s.revisions,
        "first_seen": iso_timestamp(s.first_seen),
        "last_seen": iso_timestamp(s.last_seen),
        "last_change": iso_timestamp(s.last_change),
    }


def log_dict(e: LogEntry) -> dict:
    """A log entry as JSON."""
    r = e.revision
    return {
        "id": r.id,
        "published": iso_timestamp(r.published),
        "captured": iso_timestamp(r.captured),
        "headline": r.headline,
        "outlet": r.outlets[0] if r.outlets else None,
        "outlets": r.outlets,
        "words": r.words,
        "words_added": e.words_added,
        "words_removed": e.words_removed,
        "headline_changed": e.headline_changed,
        "sightings": [sighting_dict(s) for s in r.sightings],
    }


def revision_dict(r: Revision) -> dict:
    """A revision as JSON."""
    return {
        "id": r.id,
        "story": r.story_id,
        "headline": r.headline,
        "body": r.body,
        "words": r.words,
        "published": iso_timestamp(r.published),
        "captured": iso_timestamp(r.captured),
        "sightings": [sighting_dict(s) for s in r.sightings],
    }


def stories_text(stories: list[StorySummary], width: int = 100) -> str:
    """A table of stories, most recently changed first."""
    if not stories:
        return "No stories yet. Ingest captures with: revtrack ingest PATH"
    lines = [f"{'STORY':<{SHORT_ID}}  REVS  {'LAST CHANGE':<17} {'OUTLETS':<16} HEADLINE"]
    for s in stories:
        outlets = _clip(inert_line(", ".join(s.outlets)) or "-", 16)
        mark = f"{s.revisions:>4}" if s.revisions > 1 else "   1"
        head = _clip(inert_line(s.headline), max(20, width - SHORT_ID - 41))
        lines.append(f"{short(s.id):<{SHORT_ID}}  {mark}  {s.last_change[:16]:<17} {outlets:<16} {head}")
    return "\n".join(lines)


def log_text(entries: list[LogEntry]) -> str:
    """A story's revisions, oldest first, with word counts changed."""
    lines = []
    for e in entries:
        r = e.revision
        when = r.published or r.captured
        outlets = inert_line(", ".join(r.outlets)) or "-"
        change = f"+{e.words_added} -{e.words_removed}"
        head = "*" if e.headline_changed else " "
        lines.append(f"{short(r.id)}  {when[:16]:<16}  {change:>10} {head} {inert_line(r.headline)}")
        lines.append(f"{'':{SHORT_ID}}  {len(r.sightings)} sighting(s): {outlets}")
    lines.append("(* headline changed; +added -removed words against the previous revision)")
    return "\n".join(lines)


def revision_text(r: Revision) -> str:
    """One revision: headline, sightings, body."""
    lines = [inert_line(r.headline), ""]
    for s in r.sightings:
        pub = f" published {s.published} ({inert_line(s.date_text or '')})" if s.published else ""
        lines.append(f"  seen {s.captured_at} in {inert_line(s.path)}{pub}")
    lines += ["", inert(r.body)]
    return "\n".join(lines)
