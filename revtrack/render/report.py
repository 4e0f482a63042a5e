"""``revtrack report``: a story as one self-contained page, or every story as a static site.

A story page holds what a reader needs to see and to check an edit: the
headline history, a timeline of revisions (when revtrack first saw each, what
the page says about its publication), each consecutive word diff with moves
linked (``→1`` where a sentence left, ``←1`` where it arrived) and cosmetic
changes folded, the figures, the changed facts marked, and the evidence for
each revision: its content hash and every capture that held it (address,
capture time, outlet). Nothing is loaded from anywhere (:mod:`htmlpage`),
addresses are printed, not linked, and every scraped string is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from revtrack.render.diff import html_segments, visible_segments
from revtrack.render.htmlpage import html_document
from revtrack.safety import inert, inert_line
from revtrack.stories import Revision, Step, StorySummary

_CSS = """body{font:16px/1.6 Georgia,serif;max-width:46em;margin:0 auto;padding:1em;color:#222;
background:#fff;overflow-wrap:anywhere}h1{font-size:1.5em;line-height:1.25}h2{font-size:1.2em;
margin-top:2em;border-top:1px solid #ccc;padding-top:.5em}.meta,.figures,.evidence,.when,table{
font:13px/1.5 system-ui,sans-serif;color:#444}del{background:#fdd;color:#900;
text-decoration:line-through}ins{background:#dfd;color:#060;text-decoration:underline}
mark.fact{background:#fe6;color:inherit;font-weight:bold}.move{background:#def;
outline:1px dashed #369}code{font-size:12px;overflow-wrap:anywhere}ol,ul{padding-left:1.2em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .4em;
border-bottom:1px solid #ddd;vertical-align:top}.text p,.diff p{margin:0 0 1em}
@media (max-width:40em){table,tbody,tr,td{display:block}thead{display:none}
tr{padding:.4em 0;border-bottom:1px solid #ccc}td{border:0;padding:0}}
@media print{body{max-width:none}h2{break-after:avoid}section.revision{break-inside:auto}
a{color:inherit;text-decoration:none}}"""


def _e(text: str | None) -> str:
    """Scraped or stored text, made inert for the terminal's sake and escaped for HTML."""
    return html.escape(inert_line(text or ""), quote=True)


def _story_file(story_id: str) -> str:
    """A story page's file name in a site (ids are hex digits: safe in a path and a link)."""
    return f"story-{story_id}.html"


def _figures(step: Step) -> str:
    """One line of figures for a revision against the one before (as ``diff --stat`` counts)."""
    s = step.comparison.stats
    parts = [
        f"+{s.words_added} −{s.words_deleted} ~{s.words_changed} words",
        f"sentences: {s.sentences_edited} edited, +{s.sentences_added} −{s.sentences_deleted},"
        f" {s.sentences_moved} moved",
        f"similarity {s.similarity:.2f}",
    ]
    if step.headline_changed:
        parts.insert(0, "headline changed")
    if s.facts_changed:
        parts.append(f"{s.facts_changed} fact(s) changed (numbers, dates or names, marked)")
    if s.cosmetic_changes:
        parts.append(f"{s.cosmetic_changes} cosmetic change(s) folded (quotes, dashes, spaces)")
    if not s.wording_changed:
        parts.append("same wording")
    return " · ".join(parts)


def _evidence(rev: Revision) -> str:
    """Where this text was seen: its content hash, then every capture that held it."""
    rows = []
    for s in rev.sightings:
        where = s.url or s.path
        published = f" · the page says published {_e(s.published)}" if s.published else ""
        outlet = _e(s.outlet) if s.outlet else "no outlet named"
        rows.append(
            f"<li>captured {_e(s.captured_at)} · {outlet}{published}<br><code>{_e(where)}</code></li>"
        )
    return (
        f'<div class="evidence"><p>Content hash (revision id) <code>{_e(rev.id)}</code>'
        f" · {rev.words} words · seen in {len(rev.sightings)} capture(s):</p><ul>{''.join(rows)}</ul></div>"
    )


def _text(rev: Revision) -> str:
    """A revision's own words, paragraph by paragraph."""
    paragraphs = [p for p in rev.body.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(inert(p), quote=True).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f'<div class="text"><p><strong>{_e(rev.headline)}</strong></p>{body}</div>'


def _headline_history(steps: list[Step]) -> str:
    """Each headline the story carried, with the revision and time it first appeared."""
    items = []
    last = None
    for n, step in enumerate(steps, 1):
        headline = step.revision.headline
        if headline != last:
            items.append(
                f'<li><span class="when">{_e(step.revision.captured)} · '
                f'<a href="#rev-{n}">revision {n}</a></span><br>{_e(headline)}</li>'
            )
            last = headline
    return f'<section id="headlines"><h2>Headline history</h2><ol>{"".join(items)}</ol></section>'


def _timeline(steps: list[Step]) -> str:
    """A table of revisions: when first seen, what the page says, outlets and figures."""
    rows = []
    for n, step in enumerate(steps, 1):
        rev = step.revision
        change = "first version" if step.comparison is None else _figures(step)
        rows.append(
            f'<tr><td><a href="#rev-{n}">{n}</a></td><td>{_e(rev.captured)}</td>'
            f"<td>{_e(rev.published) or '–'}</td><td>{_e(', '.join(rev.outlets)) or '–'}</td>"
            f"<td>{change}</td></tr>"
        )
    head = "<tr><th>#</th><th>First seen</th><th>Published</th><th>Outlets</th><th>Change</th></tr>"
    return (
        '<section id="timeline"><h2>Timeline</h2>'
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _revision_section(n: int, total: int, step: Step) -> str:
    """One revision: its evidence, then its diff against the one before (or its text)."""
    rev = step.revision
    parts = [
        f'<section class="revision" id="rev-{n}"><h2>Revision {n} of {total}</h2>',
        f'<p class="meta">first seen {_e(rev.captured)}'
        + (f" · published {_e(rev.published)}" if rev.published else "")
        + "</p>",
        _evidence(rev),
    ]
    if step.comparison is None:
        parts.append(_text(rev))
    else:
        parts.append(f'<p class="figures">Against revision {n - 1}: {_figures(step)}</p>')
        segments = visible_segments(step.comparison.segments, ignore_cosmetic=True)
        parts.append(f'<div class="diff">{html_segments(segments, f"r{n}-")}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def story_page(steps: list[Step], index_link: bool = False) -> str:
    """A story's report page (``revtrack report STORY``): a whole HTML document."""
    latest = steps[-1].revision
    outlets = list(dict.fromkeys(o for step in steps for o in step.revision.outlets))
    changes = sum(1 for s in steps if s.comparison is not None and s.comparison.stats.wording_changed)
    meta = (
        f"story <code>{_e(latest.story_id)}</code> · {len(steps)} revision(s), {changes} wording"
        f" change(s) · {_e(', '.join(outlets)) or 'no outlet named'} · first seen"
        f" {_e(steps[0].revision.captured)} · last change {_e(_last_change(steps))}"
    )
    body = [
        '<p><a href="index.html">All stories</a></p>' if index_link else "",
        f'<header><h1>{_e(latest.headline)}</h1><p class="meta">{meta}</p></header>',
        _headline_history(steps),
        _timeline(steps),
        *(_revision_section(n, len(steps), step) for n, step in enumerate(steps, 1)),
        '<p class="meta">Written by revtrack. Times are when revtrack first captured each text;'
        " published times are what the pages say.</p>",
    ]
    return html_document(f"{inert_line(latest.headline)} · revtrack report", "\n".join(body), _CSS)


def _last_change(steps: list[Step]) -> str:
    """When the newest wording was first seen (as ``stories`` and ``log`` say)."""
    changed = [
        s.revision.captured for s in steps if s.comparison is None or s.comparison.stats.wording_changed
    ]
    return max(changed)


#: Index pages of a site: file name, column title, sort key (descending first).
INDEX_ORDERS: list[tuple[str, str, Callable[[StorySummary], tuple]]] = [
    ("index.html", "Last change", lambda s: (s.last_change, s.id)),
    ("by-first-seen.html", "First seen", lambda s: (s.first_seen, s.id)),
    ("by-revisions.html", "Revisions", lambda s: (s.revisions, s.last_change, s.id)),
]


def index_page(stories: list[StorySummary], order: str = "index.html") -> str:
    """A site's list of stories, newest first by the chosen column; the column titles link
    to the same list in their order (static pages, so no script sorts them)."""
    _, _, key = next(o for o in INDEX_ORDERS if o[0] == order)
    ordered = sorted(stories, key=key, reverse=True)
    links = {name: f'<a href="{name}">{title}</a>' for name, title, _ in INDEX_ORDERS}
    links[order] = f"{next(t for n, t, _ in INDEX_ORDERS if n == order)} ▾"
    head = (
        f"<tr><th>Story</th><th>{links['by-revisions.html']}</th><th>Outlets</th>"
        f"<th>{links['by-first-seen.html']}</th><th>{links['index.html']}</th></tr>"
    )
    rows = [
        f'<tr><td><a href="{_story_file(s.id)}">{_e(s.headline) or "(no headline)"}</a></td>'
        f"<td>{s.revisions}</td><td>{_e(', '.join(s.outlets)) or '–'}</td>"
        f"<td>{_e(s.first_seen)}</td><td>{_e(s.last_change)}</td></tr>"
        for s in ordered
    ]
    body = (
        f'<header><h1>Stories</h1><p class="meta">{len(stories)} story(ies), by'
        f" {next(t for n, t, _ in INDEX_ORDERS if n == order).lower()}, newest first.</p></header>"
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return html_document("revtrack report: stories", body, _CSS)


def site_pages(stories: list[StorySummary], steps_of: Callable[[str], list[Step]]) -> dict[str, str]:
    """Every page of a static site: the index pages and one page per story, by file name."""
    pages = {name: index_page(stories, name) for name, _, _ in INDEX_ORDERS}
    for summary in stories:
        pages[_story_file(summary.id)] = story_page(steps_of(summary.id), index_link=True)
    return pages
