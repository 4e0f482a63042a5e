"""Diffs as text (coloured or ``[-old-]{+new+}`` markers), git porcelain, JSON and HTML.

A :class:`DiffPair` compares two whole documents: two files' decoded text, or
two revisions' headline and body (headline, blank line, body). Every renderer
shows every changed word; ``--ignore-cosmetic`` hides changes that vanish under
normalisation (quote style, dashes, whitespace) in every format alike.
"""

from __future__ import annotations

import re

from revtrack.comparison import DELETE, EQUAL, INSERT, Segment
from revtrack.pairs import DiffPair, Version
from revtrack.safety import inert, inert_line, reveal

_COLOURS = {DELETE: "\x1b[9;31m", INSERT: "\x1b[4;32m", "cosmetic": "\x1b[2m", "move": "\x1b[36m"}
_RESET = "\x1b[0m"
# a changed number, date or name (diffing.facts) in reverse video inside its change
_FACT_ON, _FACT_OFF = "\x1b[1;7m", "\x1b[22;27m"
_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def visible_segments(segments: tuple[Segment, ...], ignore_cosmetic: bool) -> list[Segment]:
    """The segments a reader sees: with ``ignore_cosmetic``, cosmetic changes read as the new text.

    Whitespace-only re-flows always read as the new text.
    """
    out: list[Segment] = []
    for seg in segments:
        if seg.cosmetic and (ignore_cosmetic or not seg.text.strip()):
            if seg.op == INSERT:
                out.append(Segment(EQUAL, seg.text))
            continue
        out.append(seg)
    return out


def _marked(seg: Segment, color: bool) -> str:
    """One changed segment with its markers or colour, whitespace at its edges left outside.

    A moved sentence is tagged where it left (``→1``) and where it arrived (``←1``),
    as in the terminal UI.
    """
    lead, core, trail = _EDGE_SPACE.match(reveal(seg.text)).groups()
    if not core:  # a change of whitespace alone reads as the new text (no empty "{++}")
        return lead + trail if seg.op == INSERT else ""
    if color and seg.facts:
        lead_raw, core_raw, _ = _EDGE_SPACE.match(seg.text).groups()
        core = "".join(
            f"{_FACT_ON}{reveal(text)}{_FACT_OFF}" if kind else reveal(text)
            for text, kind in seg.pieces(len(lead_raw), len(lead_raw) + len(core_raw))
        )
    tag = ""
    if seg.move is not None:
        tag = f"\u2192{seg.move + 1}" if seg.op == DELETE else f"\u2190{seg.move + 1}"
    if color:
        style = _COLOURS["cosmetic"] if seg.cosmetic else _COLOURS[seg.op]
        if seg.move is not None:
            style += _COLOURS["move"]
        # colour each line on its own: a pager or a context cut never leaves colour open
        core = "\n".join(f"{style}{line}{_RESET}" if line else "" for line in core.split("\n"))
        return f"{lead}{core}{tag}{trail}"
    if seg.cosmetic:
        left, right = ("[~", "~]") if seg.op == DELETE else ("{~", "~}")
    else:
        left, right = ("[-", "-]") if seg.op == DELETE else ("{+", "+}")
    return f"{lead}{left}{core}{right}{tag}{trail}"


def diff_lines(segments: tuple[Segment, ...], color: bool, ignore_cosmetic: bool) -> list[tuple[str, bool]]:
    """The inline diff as ``(line, holds a change)`` pairs."""
    lines: list[str] = [""]
    hot: list[bool] = [False]
    for seg in visible_segments(segments, ignore_cosmetic):
        text = inert(seg.text) if seg.op == EQUAL else _marked(seg, color)
        pieces = text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                lines.append("")
                hot.append(False)
            lines[-1] += piece
            if seg.op != EQUAL:
                hot[-1] = True
    return list(zip(lines, hot, strict=True))


def _with_context(lines: list[tuple[str, bool]], context: int | None) -> str:
    """Keep the lines holding a change and ``context`` paragraphs around each, ``@@`` between cuts.

    Paragraphs are separated by blank lines; a blank line never counts as one.
    """
    if context is None:
        return "\n".join(line for line, _ in lines)
    paragraphs: list[tuple[list[str], bool]] = []
    for line, hot in lines:
        if not line.strip() and not hot:
            if paragraphs and paragraphs[-1][0]:
                paragraphs.append(([], False))
            continue
        if not paragraphs:
            paragraphs.append(([], False))
        text, was_hot = paragraphs[-1]
        paragraphs[-1] = ([*text, line], was_hot or hot)
    paragraphs = [p for p in paragraphs if p[0]]
    hot_at = [n for n, (_, hot) in enumerate(paragraphs) if hot]
    keep = sorted(
        {k for n in hot_at for k in range(n - context, n + context + 1) if 0 <= k < len(paragraphs)}
    )
    out: list[str] = []
    last = -2
    for k in keep:
        if k != last + 1:
            out.append("@@")
        elif out:
            out.append("")
        out.extend(paragraphs[k][0])
        last = k
    return "\n".join(out)


def changed_paragraphs(segments: tuple[Segment, ...], context: int = 0) -> str:
    """Only the paragraphs that hold a change (and ``context`` around each), changes as
    ``[-old-]{+new+}``, cosmetic changes folded: the diff a notification carries."""
    return _with_context(diff_lines(segments, False, True), context)


def pair_text(pair: DiffPair, color: bool, context: int | None, ignore_cosmetic: bool) -> str:
    """A comparison as text: two label lines, then the whole document with changes marked."""
    body = _with_context(diff_lines(pair.comparison.segments, color, ignore_cosmetic), context)
    return "\n".join([f"--- {inert(pair.old.label)}", f"+++ {inert(pair.new.label)}", body])


def stat_dict(pair: DiffPair) -> dict:
    """The figures of one comparison (``--stat``, and ``stats`` in JSON)."""
    s = pair.comparison.stats
    return {
        "words_added": s.words_added,
        "words_deleted": s.words_deleted,
        "words_changed": s.words_changed,
        "sentences_added": s.sentences_added,
        "sentences_deleted": s.sentences_deleted,
        "sentences_edited": s.sentences_edited,
        "sentences_moved": s.sentences_moved,
        "cosmetic_changes": s.cosmetic_changes,
        "facts_changed": s.facts_changed,
        "similarity": s.similarity,
        "headline_changed": pair.headline_changed,
        "wording_changed": pair.changed,
    }


def stat_line(pair: DiffPair) -> str:
    """One line of figures for ``--stat``."""
    s = pair.comparison.stats
    return (
        f"{inert(pair.old.label)} -> {inert(pair.new.label)}: "
        f"+{s.words_added} -{s.words_deleted} ~{s.words_changed} words; "
        f"sentences +{s.sentences_added} -{s.sentences_deleted} edited {s.sentences_edited}"
        f" moved {s.sentences_moved}; cosmetic {s.cosmetic_changes}; facts {s.facts_changed}; "
        f"headline {'changed' if pair.headline_changed else 'same'}; "
        f"similarity {s.similarity:.3f}"
    )


def pair_porcelain(pair: DiffPair, ignore_cosmetic: bool = False) -> str:
    """``git diff --word-diff=porcelain``'s shape: git's hunks and headers, then one token run a
    line and ``~`` for a newline (:mod:`revtrack.render.porcelain`)."""
    from revtrack.diffing import compare
    from revtrack.render.porcelain import porcelain

    def words(old: str, new: str) -> list[Segment]:
        return visible_segments(compare(old, new).segments, ignore_cosmetic)

    def shown(seg: Segment) -> str:
        return inert(seg.text) if seg.op == EQUAL else reveal(seg.text)

    out = [f"--- a/{inert(pair.old.label)}", f"+++ b/{inert(pair.new.label)}"]
    return "\n".join(out + porcelain(pair.old.text, pair.new.text, words, shown))


def version_dict(v: Version) -> dict:
    """One side of a comparison as JSON."""
    d: dict = {"label": v.label, "kind": v.kind, "headline": v.headline}
    if v.kind == "file":
        d["path"] = v.label
    else:
        d.update(id=v.id, story=v.story, captured=v.captured, published=v.published)
    return d


def pair_dict(pair: DiffPair, ignore_cosmetic: bool = False) -> dict:
    """A comparison as JSON (the schema is in docs/json.md).

    ``ops`` are ``[op, text]`` pairs over the whole documents: ``=`` and ``-``
    rebuild the old text, ``=`` and ``+`` the new. ``cosmetic`` lists the
    cosmetic changes, each as the indices of its ops (a run of ``-``/``+`` between
    two ``=``, all cosmetic), so it holds ``stats.cosmetic_changes`` items; with
    ``ignore_cosmetic`` those read as the new text and the list is empty.
    ``facts`` lists each changed number, date or name (:mod:`revtrack.diffing.facts`):
    its op, its offsets in that op's text, its kind and its text.
    """
    segments = (
        visible_segments(pair.comparison.segments, ignore_cosmetic)
        if ignore_cosmetic
        else list(pair.comparison.segments)
    )
    ops: list[list[str]] = []
    move_at: dict[int, dict] = {}
    hunks: list[tuple[list[int], bool]] = []  # runs of -/+ ops (moves aside): indices, all cosmetic
    in_hunk = False
    facts: list[dict] = []  # changed numbers, dates and names: where in which op
    for seg in segments:
        if ops and ops[-1][0] == seg.op and seg.op == EQUAL:
            ops[-1][1] += seg.text  # hidden cosmetics join the text around them
            continue
        if seg.move is not None:
            move_at.setdefault(seg.move, {})["from" if seg.op == DELETE else "to"] = len(ops)
        if seg.op == EQUAL or seg.move is not None:
            in_hunk = False
        else:
            if not in_hunk:
                hunks.append(([], True))
                in_hunk = True
            indices, all_cosmetic = hunks[-1]
            indices.append(len(ops))
            hunks[-1] = (indices, all_cosmetic and seg.cosmetic)
        facts.extend(
            {"op": len(ops), "start": start, "end": end, "kind": kind, "text": seg.text[start:end]}
            for start, end, kind in seg.facts
        )
        ops.append([seg.op, seg.text])
    # as the figures count them: a change is cosmetic when every op of its run is
    cosmetic = [indices for indices, all_cosmetic in hunks if all_cosmetic]

    moves = []
    for m in pair.comparison.moves:
        where = move_at.get(m.id, {})
        moves.append(
            {
                "id": m.id + 1,
                "from_op": where.get("from"),
                "to_op": where.get("to"),
                "old": m.old,
                "new": m.new,
                "ops": [[s.op, s.text] for s in m.segments],
                "facts": [
                    {"op": n, "start": start, "end": end, "kind": kind, "text": s.text[start:end]}
                    for n, s in enumerate(m.segments)
                    for start, end, kind in s.facts
                ],
            }
        )
    return {
        "old": version_dict(pair.old),
        "new": version_dict(pair.new),
        "changed": pair.changed,
        "headline": {"old": pair.old.headline, "new": pair.new.headline, "changed": pair.headline_changed},
        "ops": ops,
        "cosmetic": cosmetic,
        "facts": facts,
        "moves": moves,
        "stats": stat_dict(pair),
    }


_CSS = """body{font:16px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;
text-decoration:underline}.cosmetic{opacity:.55}.move{background:#def;outline:1px dashed #369}
.stats{font:13px monospace;color:#555}p.labels{font:13px monospace}
h2{font-size:1.2em}mark.fact{background:#fe6;color:inherit;font-weight:bold}
body{overflow-wrap:anywhere}"""


def html_segments(segments: list[Segment], which: str) -> str:
    """Segments as HTML: unchanged text escaped, changes in <del> and <ins> with their
    changed facts in <mark>, moves linked (``→1`` where a sentence left, ``←1`` where it
    arrived). Whitespace at a change's edges stays outside its tag, so a marker never
    lands after a paragraph break."""
    import html  # only the HTML formats need it (and its entity tables)

    def escaped(text: str, equal: bool = False) -> str:
        shown = inert(text) if equal else reveal(text)
        return html.escape(shown, quote=True).replace("\n", "<br>\n")

    out = []
    for seg in segments:
        if seg.op == EQUAL:
            out.append(escaped(seg.text, equal=True))
            continue
        lead, core, trail = _EDGE_SPACE.match(seg.text).groups()
        if not core:  # a change of whitespace alone reads as the new text
            out.append(escaped(seg.text) if seg.op == INSERT else "")
            continue
        text = "".join(
            f'<mark class="fact" title="{kind}">{escaped(piece)}</mark>' if kind else escaped(piece)
            for piece, kind in seg.pieces(len(lead), len(lead) + len(core))
        )
        tag = "del" if seg.op == DELETE else "ins"
        cls = ["cosmetic"] if seg.cosmetic else []
        attrs = ""
        if seg.move is not None:
            cls.append("move")
            here, there = ("from", "to") if seg.op == DELETE else ("to", "from")
            arrow = f"\u2192{seg.move + 1}" if seg.op == DELETE else f"\u2190{seg.move + 1}"
            attrs = f' id="{which}move-{seg.move}-{here}"'
            text = f'<a href="#{which}move-{seg.move}-{there}">{text}</a><sup>{arrow}</sup>'
        klass = f' class="{" ".join(cls)}"' if cls else ""
        out.append(f"{escaped(lead)}<{tag}{klass}{attrs}>{text}</{tag}>{escaped(trail)}")
    return "".join(out)


def pairs_html(pairs: list[DiffPair], ignore_cosmetic: bool = False) -> str:
    """One self-contained HTML page for one or more comparisons, titled by what they compare
    (a story's headline, or the two files)."""
    import html

    from revtrack.render.htmlpage import html_document

    parts = []
    for n, pair in enumerate(pairs):
        labels = f"{html.escape(inert(pair.old.label))} &rarr; {html.escape(inert(pair.new.label))}"
        heading = html.escape(inert_line(pair.new.headline or pair.new.label))
        parts.append(f'<section id="pair-{n}"><h2>{heading}</h2><p class="labels">{labels}</p>')
        parts.append(f'<p class="stats">{html.escape(stat_line(pair))}</p>')
        segments = visible_segments(pair.comparison.segments, ignore_cosmetic)
        parts.append(f"<div>{html_segments(segments, f'p{n}')}</div></section>")
    first = pairs[0]
    if first.new.kind == "revision":
        title = f"revtrack diff: {first.new.headline}"
    else:
        title = f"revtrack diff: {first.old.label} \u2192 {first.new.label}"
    return html_document(inert_line(title), "\n".join(parts), _CSS)
