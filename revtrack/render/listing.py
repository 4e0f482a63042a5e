"""Stories, logs and revisions as plain text and JSON-ready dicts."""

from __future__ import annotations

from revtrack.extract.accounting import REASONS
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
        "layout": s.layout,
        "layout_choice": s.layout_choice,
        "why": s.accounting.why if s.accounting else None,
        "words_in_capture": s.accounting.words if s.accounting else None,
        "dropped_words": s.accounting.dropped_words if s.accounting else None,
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
        "last_published": iso_timestamp(s.last_published),
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
        "words_changed": e.words_changed,
        "headline_changed": e.headline_changed,
        "facts_changed": e.facts_changed,
        "sightings": [sighting_dict(s) for s in r.sightings],
    }


def revision_dict(r: Revision, dropped: bool = False) -> dict:
    """A revision as JSON; ``dropped`` adds each capture's dropped lines (``show --dropped``)."""
    sightings = []
    for s in r.sightings:
        entry = sighting_dict(s)
        if dropped:
            entry["dropped_lines"] = (
                [{"line": d.line, "reason": d.reason, "text": d.text} for d in s.accounting.dropped]
                if s.accounting
                else None
            )
        sightings.append(entry)
    return {
        "id": r.id,
        "story": r.story_id,
        "headline": r.headline,
        "body": r.body,
        "words": r.words,
        "published": iso_timestamp(r.published),
        "captured": iso_timestamp(r.captured),
        # words on lines that no article of these captures holds (None: not recorded)
        "dropped_words": _dropped_words(r),
        "sightings": sightings,
    }


def _dropped_words(r: Revision) -> int | None:
    recorded = [s.accounting.dropped_words for s in r.sightings if s.accounting is not None]
    return sum(recorded) if recorded else None


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
    """A story's revisions, oldest first: when each was first seen and says it was published,
    and the words changed against the one before."""
    lines = [f"{'REVISION':<{SHORT_ID}}  {'FIRST SEEN':<16}  {'PUBLISHED':<16}  {'WORDS':>12}   HEADLINE"]
    for e in entries:
        r = e.revision
        outlets = inert_line(", ".join(r.outlets)) or "-"
        change = f"+{e.words_added} -{e.words_removed} ~{e.words_changed}"
        head = "*" if e.headline_changed else " "
        seen, published = _minutes(r.captured), _minutes(r.published) if r.published else "-"
        lines.append(
            f"{short(r.id)}  {seen:<16}  {published:<16}  {change:>12} {head} {inert_line(r.headline)}"
        )
        facts = f"; {e.facts_changed} fact(s) changed" if e.facts_changed else ""
        lines.append(f"{'':{SHORT_ID}}  {len(r.sightings)} sighting(s): {outlets}{facts}")
    star = "* headline changed; " if any(e.headline_changed for e in entries) else ""
    lines.append(
        f"({star}+added -removed ~changed words against the previous revision;"
        " first seen: when revtrack first captured it; published: what the page says)"
    )
    return "\n".join(lines)


def _minutes(stamp: str) -> str:
    """A stored time as ``YYYY-MM-DD HH:MM`` (a date alone stays a date).

    >>> _minutes("2026-12-05T11:30:42Z"), _minutes("2025-11-20")
    ('2026-12-05 11:30', '2025-11-20')
    """
    return stamp[:16].replace("T", " ")


def revision_text(r: Revision, dropped: bool = False) -> str:
    """One revision: headline, sightings (with how each capture was read), body.

    ``dropped`` lists each capture's dropped lines with their reasons instead of the body.
    """
    lines = [inert_line(r.headline), ""]
    for s in r.sightings:
        said = f' (the page said "{inert_line(s.date_text)}" when captured)' if s.date_text else ""
        pub = f" published {s.published}{said}" if s.published else ""
        part = f" ({inert_line(s.section)})" if s.section else ""  # a page's section, a mail's attachment
        lines.append(f"  seen {s.captured_at} in {inert_line(s.path)}{part}{pub}")
        lines.append(f"    {_read_as(s)}")
        if dropped and s.accounting is not None:
            lines += [f"    {d.line:>5}  {d.reason:<14} {inert_line(d.text)}" for d in s.accounting.dropped]
    if dropped:
        reasons = sorted({d.reason for s in r.sightings if s.accounting for d in s.accounting.dropped})
        lines += ["", *(f"  {reason}: {REASONS[reason]}" for reason in reasons if reason in REASONS)]
        return "\n".join(lines)
    lines += ["", inert(r.body)]
    return "\n".join(lines)


def _read_as(s: Sighting) -> str:
    """How a capture was read, and what it kept: "layout page (...): 1,204 of 1,310 words kept"."""
    chosen = f", --layout {s.layout_choice}" if s.layout_choice != "auto" else ""
    if s.accounting is None:
        return (
            f"layout {s.layout}{chosen}: lines not recorded"
            " (HTML, JSON, CSV, feeds, or stored before; reextract)"
        )
    a = s.accounting
    kept = a.words - a.dropped_words
    return f"layout {s.layout} ({inert_line(a.why)}): {kept:,} of {a.words:,} words kept"
