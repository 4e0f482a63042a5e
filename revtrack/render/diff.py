"""Diffs as text (coloured or ``[-old-]{+new+}`` markers), git porcelain, JSON and HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass

from revtrack.comparison import DELETE, EQUAL, INSERT, Comparison, Segment
from revtrack.safety import inert


@dataclass(frozen=True)
class DiffPair:
    """Two versions compared: labels, and the headline and body comparisons."""

    old_label: str
    new_label: str
    headline: Comparison
    body: Comparison

    @property
    def changed(self) -> bool:
        """True when wording (not only cosmetics) changed in headline or body."""
        return self.headline.stats.wording_changed or self.body.stats.wording_changed


_COLOURS = {DELETE: "\x1b[9;31m", INSERT: "\x1b[4;32m", "cosmetic": "\x1b[2m", "move": "\x1b[36m"}
_RESET = "\x1b[0m"


def _visible(seg: Segment, ignore_cosmetic: bool) -> bool:
    """Whether a segment shows at all (the old half of a hidden cosmetic change does not)."""
    if not seg.cosmetic:
        return True
    if ignore_cosmetic or not seg.text.strip():
        return seg.op != DELETE
    return True


def inline(segments: tuple[Segment, ...], color: bool, ignore_cosmetic: bool = False) -> str:
    """Segments as one inline stream: coloured, or with git-style word markers."""
    out: list[str] = []
    for seg in segments:
        text = inert(seg.text)
        if seg.op == EQUAL or not _visible(seg, ignore_cosmetic):
            continue_text = text if seg.op != DELETE else ""
            out.append(continue_text)
            continue
        if seg.cosmetic and (ignore_cosmetic or not seg.text.strip()):
            out.append(text)  # whitespace re-flow or hidden cosmetics: show the new text
            continue
        tag = f"(moved {seg.move + 1})" if seg.move is not None else ""
        if color:
            style = _COLOURS["cosmetic"] if seg.cosmetic else _COLOURS[seg.op]
            if seg.move is not None:
                style += _COLOURS["move"]
            out.append(f"{style}{text}{_RESET}{tag}")
        elif seg.cosmetic:
            out.append(f"[~{text}~]" if seg.op == DELETE else f"{{~{text}~}}")
        else:
            out.append(f"[-{text}-]{tag}" if seg.op == DELETE else f"{{+{text}+}}{tag}")
    return "".join(out)


def _with_context(text: str, changed_marks: tuple[str, ...], context: int | None) -> str:
    """Keep lines holding a change and ``context`` lines around them."""
    lines = text.split("\n")
    if context is None:
        return text
    hot = [n for n, line in enumerate(lines) if any(m in line for m in changed_marks)]
    keep = sorted({k for n in hot for k in range(n - context, n + context + 1) if 0 <= k < len(lines)})
    out: list[str] = []
    last = -2
    for k in keep:
        if k != last + 1:
            out.append("@@")
        out.append(lines[k])
        last = k
    return "\n".join(out)


def pair_text(pair: DiffPair, color: bool, context: int | None, ignore_cosmetic: bool) -> str:
    """A comparison as text: labels, headline line, body stream with context."""
    marks = ("\x1b[9;31m", "\x1b[4;32m") if color else ("[-", "{+", "[~", "{~")
    head = inline(pair.headline.segments, color, ignore_cosmetic)
    body = inline(pair.body.segments, color, ignore_cosmetic)
    return "\n".join(
        [
            f"--- {inert(pair.old_label)}",
            f"+++ {inert(pair.new_label)}",
            f"headline: {head}",
            "",
            _with_context(body, marks, context),
        ]
    )


def stat_line(pair: DiffPair) -> str:
    """One line of figures for ``--stat``."""
    s = pair.body.stats
    return (
        f"{inert(pair.old_label)} -> {inert(pair.new_label)}: "
        f"+{s.words_added} -{s.words_deleted} ~{s.words_changed} words; "
        f"sentences +{s.sentences_added} -{s.sentences_deleted} edited {s.sentences_edited}"
        f" moved {s.sentences_moved}; cosmetic {s.cosmetic_changes}; "
        f"headline {'changed' if pair.headline.stats.wording_changed else 'same'}; "
        f"similarity {s.similarity:.3f}"
    )


def pair_porcelain(pair: DiffPair) -> str:
    """Compatible with ``git diff --word-diff=porcelain``: one token run a line, ``~`` = newline."""
    out = [f"--- a/{inert(pair.old_label)}", f"+++ b/{inert(pair.new_label)}"]
    old_lines = pair.body.old_text().count("\n") + 1
    new_lines = pair.body.new_text().count("\n") + 1
    out.append(f"@@ -1,{old_lines} +1,{new_lines} @@")
    prefix = {EQUAL: " ", DELETE: "-", INSERT: "+"}
    for seg in pair.body.segments:
        pieces = seg.text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                out.append("~")
            if piece:
                out.append(prefix[seg.op] + inert(piece))
    out.append("~")
    return "\n".join(out)


def _segment_dict(seg: Segment) -> dict:
    d: dict = {"op": seg.op, "text": seg.text}
    if seg.cosmetic:
        d["cosmetic"] = True
    if seg.move is not None:
        d["move"] = seg.move
    return d


def _stats_dict(c: Comparison) -> dict:
    s = c.stats
    return {
        "words_added": s.words_added,
        "words_deleted": s.words_deleted,
        "words_changed": s.words_changed,
        "sentences_added": s.sentences_added,
        "sentences_deleted": s.sentences_deleted,
        "sentences_edited": s.sentences_edited,
        "sentences_moved": s.sentences_moved,
        "cosmetic_changes": s.cosmetic_changes,
        "similarity": s.similarity,
        "wording_changed": s.wording_changed,
    }


def pair_dict(pair: DiffPair) -> dict:
    """A comparison as JSON: ops, segments, moves, stats and the headline comparison."""
    return {
        "old": pair.old_label,
        "new": pair.new_label,
        "changed": pair.changed,
        "headline": {
            "changed": pair.headline.stats.wording_changed,
            "old": pair.headline.old_text(),
            "new": pair.headline.new_text(),
            "ops": pair.headline.ops,
        },
        "ops": pair.body.ops,
        "segments": [_segment_dict(s) for s in pair.body.segments],
        "moves": [
            {"id": m.id, "old": m.old, "new": m.new, "segments": [_segment_dict(s) for s in m.segments]}
            for m in pair.body.moves
        ],
        "stats": _stats_dict(pair.body),
    }


_CSS = """body{font:16px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;
text-decoration:underline}.cosmetic{opacity:.55}.move{background:#def;outline:1px dashed #369}
.stats{font:13px monospace;color:#555}h1{font-size:1.3em}p.labels{font:13px monospace}"""


def _html_segments(segments: tuple[Segment, ...], which: str) -> str:
    out = []
    for seg in segments:
        text = html.escape(inert(seg.text), quote=True).replace("\n", "<br>\n")
        if seg.op == EQUAL:
            out.append(text)
            continue
        tag = "del" if seg.op == DELETE else "ins"
        cls = ["cosmetic"] if seg.cosmetic else []
        attrs = ""
        if seg.move is not None:
            cls.append("move")
            here, there = ("from", "to") if seg.op == DELETE else ("to", "from")
            attrs = f' id="{which}move-{seg.move}-{here}"'
            text = f'<a href="#{which}move-{seg.move}-{there}">{text}</a>'
        klass = f' class="{" ".join(cls)}"' if cls else ""
        out.append(f"<{tag}{klass}{attrs}>{text}</{tag}>")
    return "".join(out)


def pairs_html(pairs: list[DiffPair]) -> str:
    """One self-contained HTML page for one or more comparisons."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy"',
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>revtrack diff</title><style>{_CSS}</style></head><body>",
    ]
    for n, pair in enumerate(pairs):
        labels = f"{html.escape(inert(pair.old_label))} &rarr; {html.escape(inert(pair.new_label))}"
        parts.append(f'<section id="pair-{n}"><p class="labels">{labels}</p>')
        parts.append(f"<h1>{_html_segments(pair.headline.segments, f'p{n}h')}</h1>")
        parts.append(f'<p class="stats">{html.escape(stat_line(pair))}</p>')
        parts.append(f"<div>{_html_segments(pair.body.segments, f'p{n}b')}</div></section>")
    parts.append("</body></html>")
    return "\n".join(parts)
