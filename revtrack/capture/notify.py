"""Notifications that carry the diff: ``notify:`` in config.yaml, sent by ``watch``.

Each URL is an Apprise URL (``mailto://``, ``matrix://``, ``mastodon://``,
``slack://``, ``json://`` for a webhook, ...; Apprise is the library
changedetection.io sends with). For every story a pass finds changed, one
message goes to every URL: the story's headline as the title, then the
figures, the changed facts, the changed words (``[-old-]{+new+}`` with one
paragraph of context at most, cosmetic changes folded) and where it was seen.
Apprise loads only when ``notify:`` is set; a URL it cannot read is refused
before the pass starts, and a failed send is one line naming the service
(never the whole URL: it may hold a password), the pass carries on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revtrack.store import Store

#: A message body is cut here (with a note): chat services refuse long ones.
MAX_BODY = 3500


@dataclass(frozen=True)
class Message:
    """One notification: a title and a plain-text body, scraped text made inert."""

    title: str
    body: str


def change_message(store: Store, story_id: str) -> Message | None:
    """The message for a story's newest wording change (None when its newest revision
    changed nothing but cosmetics)."""
    from revtrack.render.diff import changed_paragraphs
    from revtrack.safety import inert_line
    from revtrack.stories import wording_changes

    changes = wording_changes(store, [story_id], limit=1)
    if not changes:
        return None
    (change,) = changes
    rev, s = change.revision, change.comparison.stats
    figures = (
        f"+{s.words_added} -{s.words_deleted} ~{s.words_changed} words; sentences"
        f" {s.sentences_edited} edited +{s.sentences_added} -{s.sentences_deleted}, {s.sentences_moved} moved"
    )
    lines = [figures]
    facts = [f"{seg.op}{seg.text[a:b]}" for seg in change.comparison.segments for a, b, _kind in seg.facts]
    if facts:
        lines.append(f"facts changed: {inert_line(' '.join(facts))}")
    url = next((x.url for x in rev.sightings if x.url), None) or rev.sightings[-1].path
    lines.append(f"first seen {rev.captured} at {inert_line(url)}")
    lines.append(f"story {story_id[:10]}, revision {rev.id[:10]} after {change.previous.id[:10]}")
    lines.append("")
    body = "\n".join(lines) + changed_paragraphs(change.comparison.segments)
    if len(body) > MAX_BODY:
        body = body[: MAX_BODY - 60].rstrip() + f"\n… (cut; revtrack diff {story_id[:10]} shows it all)"
    return Message(title=inert_line(f"Changed: {rev.headline}"), body=body)


def check_urls(urls: list[str]) -> str | None:
    """The first URL Apprise cannot use, or None when all are good."""
    import apprise  # the `capture` extra

    for url in urls:
        if not apprise.Apprise().add(url):
            return url
    return None


def service(url: str) -> str:
    """What a URL names without its secrets: its scheme.

    >>> service("mailto://user:secret@example.org")
    'mailto://'
    """
    return url.split("://", 1)[0] + "://" if "://" in url else "a notification URL"


def send(urls: list[str], message: Message) -> list[str]:
    """Send ``message`` to every URL; the services that failed, as :func:`service` names them."""
    import apprise

    failed = []
    for url in urls:
        sender = apprise.Apprise()
        sender.add(url)
        ok = sender.notify(title=message.title, body=message.body, body_format=apprise.NotifyFormat.TEXT)
        if not ok:
            failed.append(service(url))
    return failed
