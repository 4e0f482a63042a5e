"""Posts: a channel's or an account's messages saved as one JSON document, a post an article.

Newsrooms and officials publish on messaging channels and social accounts, and edit what
they published there. What a researcher saves is the platform's export: Telegram Desktop's
``result.json`` (``{"name": ..., "messages": [...]}``), a Mastodon archive's ActivityPub
``outbox.json`` (``orderedItems`` of activities, each holding its post as ``object``), an
API's list of statuses. Read as text, such a file was its JSON, headed ``"name": ...``.

A post has text and a time but no headline, so it is no article record
(:mod:`revtrack.extract.jsonl` asks a record for both). It is known by its structure:

* a **post** is an object with words under a body's name (``text``, ``content``,
  ``full_text``, ...) and a date under a date's name (:data:`~revtrack.extract.record_fields.ROLES`);
* an item that holds its post one level down (an activity's ``object``, an archive's
  ``tweet``), or two (Bluesky's ``post.record``), is read as that post where it holds one;
* a list is posts when at least half of its objects are. Its objects with no words (a
  service message, a picture without a caption, a boost of another's post) are counted in
  one note, not read;
* the object holding the list names the outlet where a post names none (a channel's
  ``name``, a feed's ``title``);
* a list of such objects is their posts together, each under its own channel's name (a
  whole Telegram account's export: ``chats.list``, a chat each).

Each post is headed by its first line where that line is a title's length (a bold
first line over the message), else by its opening words, as a feed's entry without a
title is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revtrack.extract.record_fields import ROLES, normalised_key, value_text

#: A first line of at most this many words heads its post.
TITLE_WORDS = 15
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
#: The names under which the object holding the posts names its channel or account.
_CONTAINER_NAMES = ("name", "title")


@dataclass(frozen=True)
class PostList:
    """The posts found in a JSON document, the objects beside them that held no words, and
    each post's outlet as the object holding it names it (None: none named)."""

    posts: list[dict]
    wordless: int
    outlets: tuple[str | None, ...]


def merged(lists: list[PostList]) -> PostList | None:
    """Several channels' posts as one list (a whole account's export), or None for none."""
    if not lists:
        return None
    outlets = tuple(outlet for found in lists for outlet in found.outlets)
    return PostList([p for found in lists for p in found.posts], sum(f.wordless for f in lists), outlets)


def _value(record: dict, names: tuple[str, ...], role: str) -> str | None:
    by_name = {normalised_key(key): key for key in record if isinstance(key, str)}
    for name in names:
        key = by_name.get(name)
        if key is not None and record[key] not in (None, ""):
            text = value_text(record[key], role) if role == "body" else str(record[key])
            if text:
                return text
    return None


def is_post(record: dict) -> bool:
    """An object with words under a body's name and a date under a date's name.

    >>> is_post({"id": 7, "date": "2024-03-05T14:30:00", "text": "Air defence active over Odesa."})
    True
    >>> is_post({"id": 8, "date": "2024-03-05T16:00:00", "action": "pin_message", "text": ""})
    False
    """
    return _value(record, ROLES["published"], "published") is not None and bool(
        _value(record, ROLES["body"], "body")
    )


def unwrapped(item: dict) -> dict:
    """The post an item holds one level down (an activity's ``object``), else the item.

    >>> unwrapped({"type": "Create", "object": {"published": "2024-03-05", "content": "<p>Hi</p>"}})
    {'published': '2024-03-05', 'content': '<p>Hi</p>'}
    """
    return _post_of(item) or item


def _post_of(item: dict, depth: int = 2) -> dict | None:
    """The item when it is a post, else the one post it holds ``depth`` levels down at most
    (Bluesky's feed holds ``post.record``), else None. Each object's text is read once: a
    post's HTML is parsed to know whether it holds words."""
    if is_post(item):
        return item
    if depth == 0:
        return None
    inner = [value for value in item.values() if isinstance(value, dict)]
    found = [post for post in (_post_of(value, 0) for value in inner) if post is not None]
    if not found and depth > 1:
        found = [post for post in (_post_of(value, depth - 1) for value in inner) if post is not None]
    return found[0] if len(found) == 1 else None


def post_list(value: list, container: dict | None) -> PostList | None:
    """``value`` read as posts (at least half of its objects are, once unwrapped), or None.

    >>> found = post_list([{"date": "2024-03-05", "text": "Sirens in Kyiv."},
    ...                    {"date": "2024-03-05", "text": "", "photo": "photo_1.jpg"}],
    ...                   {"name": "City news", "messages": []})
    >>> len(found.posts), found.wordless, found.outlets
    (1, 1, ('City news',))
    """
    items = [_post_of(item) for item in value if isinstance(item, dict)]
    posts = [item for item in items if item is not None]
    if not posts or 2 * len(posts) < len(items):
        return None
    if container is not None:
        posts = [with_message_link(post, container) for post in posts]
    outlet = None
    if container is not None:
        for name in _CONTAINER_NAMES:
            if isinstance(container.get(name), str) and container[name].strip():
                outlet = container[name].strip()
                break
    return PostList(posts, len(items) - len(posts), (outlet,) * len(posts))


def wordless_note(name: str, count: int) -> str | None:
    """One warning naming the objects beside the posts that held no words.

    >>> wordless_note("result.json", 2).split(": ", 1)[1]
    '2 object(s) beside the posts hold no text (a service message, a picture without a caption): not read'
    """
    if not count:
        return None
    return (
        f"{name}: {count} object(s) beside the posts hold no text"
        " (a service message, a picture without a caption): not read"
    )


def post_headline(body: str) -> str:
    """A post's headline: its first line where that line is short, else its opening words. A
    first line with no word (an emoji) or only an address stands above the title, not in it.

    >>> post_headline("Explosions reported in Odesa.\\n\\nAir defence was active over the city.")
    'Explosions reported in Odesa.'
    >>> post_headline("Update: the governor said two people were injured in the attack on the port city.")
    'Update: the governor said two people were injured in the attack on …'
    >>> post_headline("🔴\\nSirens in Kyiv\\nGo to shelters now."), post_headline("https://t.me/x\\nSirens\\nGo.")
    ('Sirens in Kyiv', 'Sirens')
    """
    from revtrack.extract.feeds import first_words_headline
    from revtrack.text import is_title_line

    text = body.strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()][:2]
    first = next((line for line in lines if is_title_line(line) and not _ADDRESS.fullmatch(line)), "")
    if first and len(first.split()) <= TITLE_WORDS and first != text:
        return first
    return first_words_headline(body)


#: Telegram's kinds of chat whose messages have links (``https://t.me/c/CHAT/MESSAGE``).
_LINKED_CHATS = ("public_channel", "private_channel", "public_supergroup", "private_supergroup")


def with_message_link(post: dict, container: dict) -> dict:
    """A channel's message with its link as its address, where the export names none.

    Telegram's export gives a channel's numeric ``id`` and each message's, and the message's
    link is made of the two; its address is what keeps a post edited between two exports
    one story (:mod:`revtrack.grouping.evidence`, one item edited at one address).

    >>> with_message_link({"id": 102, "date": "2024-03-05", "text": "Sirens."},
    ...                   {"type": "public_channel", "id": 1234567890})["url"]
    'https://t.me/c/1234567890/102'
    """
    chat, message = container.get("id"), post.get("id")
    if container.get("type") not in _LINKED_CHATS or "url" in post:
        return post
    if not (isinstance(chat, int) and isinstance(message, int)) or chat <= 0 or message <= 0:
        return post
    return post | {"url": f"https://t.me/c/{chat}/{message}"}
