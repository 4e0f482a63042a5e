"""``revtrack why``: the evidence for a pair as lines or JSON (gathered in :mod:`revtrack.grouping.why`)."""

from __future__ import annotations

from revtrack.grouping.evidence import Evidence
from revtrack.grouping.why import Why


def evidence_dict(e: Evidence) -> dict:
    """The figures of one pair."""
    return {
        "same": e.same,
        "reason": e.reason,
        "shared_runs": round(e.containment, 4),
        "shared_run_count": e.shared_runs,
        "words": round(e.words, 4),
        "headline_words": round(e.headline, 4),
        "calendar": [sorted(e.calendar[0]), sorted(e.calendar[1])],
        "days_apart": None if e.days_apart is None else round(e.days_apart, 1),
        "strength": round(e.strength, 4),
    }


def why_dict(w: Why) -> dict:
    """``revtrack why --json``."""
    return {
        "a": w.a,
        "b": w.b,
        "story_a": w.story_a,
        "story_b": w.story_b,
        "together": w.together,
        "evidence": evidence_dict(w.evidence),
        "path": [{"a": x, "b": y, "evidence": evidence_dict(e)} for x, y, e in w.path],
        "overrides": [{"kind": k, "a": a, "b": b, "created_at": t} for k, a, b, t in w.overrides],
        "found_by": list(w.found_by),
    }


def why_text(w: Why) -> str:
    """``revtrack why`` as lines for a person."""
    e = w.evidence
    verdict = "in one story" if w.together else "in different stories"
    lines = [
        f"{w.a[:10]} and {w.b[:10]}: {verdict} ({w.story_a[:10]}"
        + ("" if w.together else f", {w.story_b[:10]}")
        + ")",
        f"pair rule: {'same story' if e.same else 'not the same story'}: {e.reason}",
        f"  5-word runs shared {e.containment:.0%} ({e.shared_runs:,}); content words {e.words:.2f};"
        f" headline words {e.headline:.2f}",
        "  headline dates/versions: "
        + (" / ".join(", ".join(sorted(c)) or "-" for c in e.calendar))
        + ("" if e.days_apart is None else f"; {e.days_apart:.0f} days apart"),
    ]
    if w.a != w.b:
        lines.append(
            f"weighed as a pair because of {', '.join(w.found_by)}"
            if w.found_by
            else "never weighed as a pair: no shared band of their word sketches, no same headline,"
            " no shared address"
        )
    by_hand = {(a, b) for kind, a, b, _ in w.overrides if kind == "must"}
    if w.together and w.path:
        lines.append(f"joined through {len(w.path)} pair(s):")
        for x, y, pe in w.path:
            how = "merged by hand" if tuple(sorted((x, y))) in by_hand else pe.reason
            lines.append(f"  {x[:10]} - {y[:10]}: {how}")
    elif not w.together and any(kind == "cannot" for kind, *_ in w.overrides):
        lines.append("kept apart by a manual split")
    elif not w.together and w.path:
        lines.append("kept apart although matching pairs link them: joining would put texts that the")
        lines.append("rule keeps apart in one story (other dates or versions in headlines, few shared words)")
    elif not w.together and e.same:
        # the pair rule would join them, but nothing made them a pair, directly or through others
        lines.append("apart because they were never compared: `revtrack story merge` joins them by hand")
    for kind, a, b, when in w.overrides:
        what = "merged by hand" if kind == "must" else "split by hand"
        lines.append(f"{what}: {a[:10]} / {b[:10]} on {when} (undo: revtrack story reset)")
    return "\n".join(lines)
