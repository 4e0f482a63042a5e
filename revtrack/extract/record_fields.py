"""Which fields of a JSON record hold an article, under the names other tools give them.

revtrack's own JSON Lines name them ``headline``, ``body``, ``outlet``, ``section``,
``published``, ``url``. Scraped archives come from other tools, and each names them its
own way; a record read by our names alone lost its body without a word (news-please's
``maintext`` became an empty story). Each role takes the first of its names that holds
text, keys compared without case, ``_`` or ``-``:

- news-please: ``title``, ``maintext``, ``date_publish``, ``source_domain``, ``authors``;
- trafilatura's JSON: ``title``, ``text``, ``date``, ``source-hostname``, ``author``;
- newspaper3k and newspaper4k: ``title``, ``text``, ``publish_date``, ``authors``,
  ``meta_site_name``;
- schema.org's NewsArticle (JSON-LD): ``headline``, ``articleBody``, ``datePublished``,
  ``publisher: {"name": ...}``, ``articleSection``;
- NewsAPI: ``title``, ``content``, ``publishedAt``, ``source: {"name": ...}``;
- WordPress's REST API: ``title: {"rendered": ...}``, ``content: {"rendered": "<p>..."}``,
  ``date``, ``link``;
- Scrapy items whose body is a list of paragraphs;
- IPTC's ninjs (AP's and Superdesk's news in JSON): ``headline``, ``body_html``,
  ``description_text``, ``firstcreated``, ``byline``, ``uri``.

A field that holds words and is read as no role, and whose words are not in the body,
is named once per file (:func:`unread_note`): nothing is dropped without a word.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from revtrack.errors import InputError

#: Each role's names, normalised (lower case, no ``_`` or ``-``), first found first.
ROLES: dict[str, tuple[str, ...]] = {
    "headline": ("headline", "title", "heading"),
    "body": (
        "body",
        "text",
        "maintext",
        "articlebody",
        "content",
        "contenttext",
        "article",
        "articletext",
        "bodytext",
        "fulltext",
        "rawtext",
        "story",
        "contenthtml",
        "bodyhtml",  # IPTC's ninjs (AP's and Superdesk's JSON): body_html
        "html",
    ),
    "published": (
        "published",
        "datepublished",
        "datepublish",
        "publishdate",
        "publishedat",
        "publicationdate",
        "firstpublished",  # revtrack's own export
        "pubdate",
        "date",
        "datetime",
        "createdat",  # a post's time: Mastodon's, Twitter's and Bluesky's records
        "timestamp",  # a chat export's message (DiscordChatExporter)
        "uploaddate",  # a video's page as yt-dlp saves it (.info.json): "20240305"
        "firstcreated",  # ninjs: first published; versioncreated is this version's time
        "versioncreated",
    ),
    "outlet": (
        "outlet",
        "outlets",  # revtrack's own export
        "publication",
        "publisher",
        "sitename",
        "metasitename",  # newspaper3k and newspaper4k
        "ogsitename",
        "sourcehostname",  # trafilatura: the site's name, where "source" is the page's address
        "sourcename",
        "newspaper",
        "source",
        "site",
        "sourcedomain",
        "domain",
        "hostname",
        "channel",  # yt-dlp's .info.json: the channel a video was published on
        "uploader",
    ),
    "section": ("section", "articlesection", "category", "department"),
    # trafilatura's "source" is the page's address; elsewhere it names the outlet, so it is
    # an address only when it reads as one
    "url": (
        "url",
        "link",
        "canonicalurl",
        "canonicallink",
        "articleurl",
        "permalink",
        "uri",
        "sourceurl",
        "webpageurl",  # yt-dlp's .info.json
        "source",
    ),
    # "from": who sent a channel's or a chat's message (Telegram's export)
    "byline": ("byline", "author", "authors", "creator", "from"),
}
#: A standfirst, a description or a summary: read into the body where it says something
#: the body does not (:func:`with_descriptions`).
DESCRIPTION_NAMES = (
    "description",
    "descriptiontext",  # ninjs
    "descriptionhtml",
    "summary",
    "excerpt",
    "abstract",
    "lede",
    "standfirst",
    "dek",
    "subtitle",
    "subheadline",
    "teaser",
    "metadescription",
)
#: The names revtrack's own schema uses: a value there that is not text is an error (its
#: words would be lost); under another tool's name it is passed over for the next name.
OWN_NAMES = frozenset(("headline", "body", "outlet", "section", "published", "url"))
#: Fields that are never an article's words, whatever they hold.
#: Fields that are never an article's words: identifiers, tags and keywords (a page's
#: metadata), and readers' comments (the HTML route leaves them out too).
_NOT_WORDS = frozenset(
    (
        "id",
        "guid",
        "language",
        "lang",
        "image",
        "images",
        "imgs",
        "topimage",
        "metaimg",
        "movies",
        "videos",
        "metafavicon",
        "imageurl",
        "urltoimage",
        "fingerprint",
        "keywords",
        "metakeywords",
        "tags",
        "categories",
        "comments",
    )
)
#: Names whose value is HTML (JSON Feed's ``content_html``).
_MARKUP_NAMES = frozenset(("contenthtml", "bodyhtml", "html", "descriptionhtml"))
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|h[1-6]|li|ul|ol|blockquote|figure|img)\b[^>]*>", re.I
)
_ANY_TAG = re.compile(r"<[^>]{1,400}>")
_URL = re.compile(r"https?://([^/\s?#]+)", re.I)


def normalised_key(key: str) -> str:
    """A field name as roles list them.

    >>> normalised_key("date_publish"), normalised_key("articleBody"), normalised_key("Source-Domain")
    ('datepublish', 'articlebody', 'sourcedomain')
    """
    return key.lower().replace("_", "").replace("-", "").replace(" ", "")


def value_text(value: object, role: str, markup: bool | None = None) -> str | None:
    """A field's value as text, or None when it holds none.

    Objects give their ``rendered``, ``name`` or ``text``; a list of strings is joined
    (paragraphs for a body, ", " for names); HTML (``markup``, or a text that opens with
    a tag) becomes the text a browser shows.

    >>> value_text({"rendered": "Council &#8217;s vote"}, "headline")
    'Council ’s vote'
    >>> value_text(["First paragraph.", "Second."], "body")
    'First paragraph.\\n\\nSecond.'
    >>> value_text([{"name": "Jo Roe"}, {"name": "Al Li"}], "byline"), value_text(42, "body")
    ('Jo Roe, Al Li', None)

    A list that mixes strings and objects is one text in pieces (Telegram's formatted
    message: plain runs, then a bold or a link object), so its pieces are joined as written:

    >>> value_text([{"type": "bold", "text": "Sirens"}, " in Kyiv, ", {"text": "t.me/x"}], "body")
    'Sirens in Kyiv, t.me/x'
    """
    if isinstance(value, dict):
        if isinstance(value.get("rendered"), str):  # WordPress: always HTML
            return value_text(value["rendered"], role, markup=True)
        for key in ("name", "text", "@value", "value"):
            if isinstance(value.get(key), str):
                return value_text(value[key], role)
        return None
    if isinstance(value, list) and _is_inline(value):
        pieces = [item if isinstance(item, str) else item.get("text") for item in value]
        return value_text("".join(p for p in pieces if isinstance(p, str)), role, markup)
    if isinstance(value, list):
        texts = [value_text(item, role) for item in value]
        if not texts or any(text is None for text in texts):
            return None
        joiner = "\n\n" if role == "body" else (" " if role == "headline" else ", ")
        return joiner.join(t for t in texts if t) or None
    if not isinstance(value, str) or not value.strip():
        return None
    # markup where the field says so, or where the text opens with a tag: a plain text that
    # quotes markup ("write <a href=...>") keeps it as words
    if markup or _HTML_TAG.match(value.lstrip()):
        from revtrack.extract.feeds import html_text

        value = html_text(value) if role == "body" else " ".join(html_text(value).split())
    return value.strip() or None


def _is_inline(value: list) -> bool:
    """Strings and objects with a ``text`` in one list: one text in formatted pieces."""
    kinds = {type(item) for item in value}
    return kinds == {str, dict} and all(isinstance(item, str) or "text" in item for item in value)


def _published_text(value: object) -> str | None:
    """A date's text; a number is Unix time (seconds, or milliseconds past year 2286); Twitter's
    own form (its API's and its archive's ``created_at``) and yt-dlp's compact upload date are ISO.

    >>> _published_text("Wed Oct 10 20:19:24 +0000 2018"), _published_text(1772182800)
    ('2018-10-10T20:19:24+00:00', '2026-02-27T09:00:00+00:00')
    >>> _published_text("20240305")
    '2024-03-05'
    """
    if isinstance(value, str) and len(value) == 8 and value.isdigit() and value[:2] in ("19", "20"):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"  # yt-dlp's compact upload date
    if isinstance(value, str) and len(value) == 30 and value[-4:].isdigit():
        try:
            return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value_text(value, "published")
    seconds = value / 1000 if abs(value) >= 10_000_000_000 else value
    try:
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true or false"}.get(type(value), "a number")


def read_fields(record: dict, where: tuple[str, int]) -> tuple[dict[str, str], list[str]]:
    """``(role -> text, keys read)`` of one record. A value under revtrack's own name that
    holds no text is an :class:`InputError` naming the line and the field."""
    by_name: dict[str, str] = {}
    for key in record:
        if isinstance(key, str):
            by_name.setdefault(normalised_key(key), key)
    found: dict[str, str] = {}
    read: list[str] = []
    for role, names in ROLES.items():
        for name in names:
            key = by_name.get(name)
            if key is None or record[key] is None:
                continue
            value = record[key]
            if role == "published":
                text = _published_text(value)
            else:
                text = value_text(value, role, markup=True if name in _MARKUP_NAMES else None)
            if role == "outlet" and text:
                host = _URL.match(text)
                text = host.group(1) if host else text
            if role == "url" and name == "source" and text and not _URL.match(text):
                text = None
            if role == "outlet" and name == "source" and isinstance(value, str) and value.startswith("<a "):
                text = None  # a link's markup: the app a post was sent from (Twitter's "source")
            if text:
                found[role] = text
                read.append(key)
                break
            if key in OWN_NAMES and not (isinstance(value, str | list) and not value):
                if isinstance(value, str):
                    continue  # blank: absent
                raise InputError(where[0], f"line {where[1]}: '{key}' is {_kind(value)}, not text")
    return found, read


def word_tokens(text: str) -> list[str]:
    """Words as a comparison sees them: lower case, letters and digits only, soft hyphens
    and markup taken out.

    >>> word_tokens("Wehr\xadan\xadlage <b>erfahren.Während</b>")
    ['wehranlage', 'erfahren', 'während']
    """
    return re.findall(r"\w+", _ANY_TAG.sub(" ", text).replace("\xad", "").lower())


def says_more(text: str, known: set[str], least: int = 12) -> bool:
    """True when a text of ``least`` words or more has a fifth of them or more outside ``known``.

    >>> says_more("Great piece, " * 8, {"t"}), says_more("The vote passed. " * 4, {"the", "vote", "passed"})
    (True, False)
    """
    words = word_tokens(text)
    return len(words) >= max(least, 1) and sum(word not in known for word in words) >= len(words) / 5


def with_descriptions(record: dict, body: str, headline: str) -> tuple[str, list[str]]:
    """The body opened by the record's descriptions that say more than it does (a standfirst
    as a page shows it above the text), and every description key read.

    A description that only repeats the body (a lede cut short for a search engine) is read
    and left out; a record with no body is its descriptions.

    >>> with_descriptions({"description": "Shares fell sharply.", "summary": "Shares fell."},
    ...                   "", "Markets")
    ('Shares fell sharply.', ['description', 'summary'])
    >>> with_descriptions({"dek": "Residents furious"}, "The council voted.", "Vote")[0].split("\\n\\n")
    ['Residents furious', 'The council voted.']
    """
    by_name = {normalised_key(key): key for key in record if isinstance(key, str)}
    opening: list[str] = []
    read: list[str] = []
    known = set(word_tokens(f"{headline}\n{body}"))
    for name in DESCRIPTION_NAMES:
        key = by_name.get(name)
        text = value_text(record[key], "body") if key is not None else None
        if key is None or not text:
            continue
        read.append(key)
        if (body or opening) and not says_more(text, known, least=1):
            continue
        if text not in opening:
            opening.append(text)
            known.update(word_tokens(text))
    return "\n\n".join([*opening, body] if body else opening), read


def unread_words(record: dict, read: list[str], article_words: set[str]) -> list[str]:
    """The keys of ``record`` that hold 12 words or more, were read as no role, and whose
    words are mostly (a fifth or more) not among the article's: words a reader would lose.
    A list of short items (tags, keywords) is metadata, not words.

    >>> unread_words({"title": "T", "notes": "Great piece, " * 8}, ["title"], {"t"})
    ['notes']
    >>> unread_words({"raw_text": "The vote passed. " * 4}, [], {"the", "vote", "passed"})
    []
    """
    out = []
    for key, value in record.items():
        if key in read or not isinstance(key, str) or normalised_key(key) in _NOT_WORDS:
            continue
        if isinstance(value, list) and all(isinstance(v, str) and len(v.split()) <= 3 for v in value):
            continue
        text = (
            value
            if isinstance(value, str)
            else value_text(value, "body")
            if isinstance(value, list)
            else None
        )
        if not text:
            continue
        # prose has 12 words between spaces that are no addresses (an address's parts are
        # many \w+ runs; a srcset is addresses and widths)
        prose = [word for word in text.split() if "://" not in word and not word.startswith("/")]
        if len(prose) >= 12 and says_more(" ".join(prose), article_words):
            out.append(key)
    return out


def unread_note(name: str, unread: Counter[str]) -> str | None:
    """One warning naming the fields that were not read, and on how many records.

    >>> unread_note("a.jsonl", Counter({"notes": 3}))
    "a.jsonl: not read: 'notes' on 3 record(s) (words not in the headline or body)"
    """
    if not unread:
        return None
    fields = ", ".join(f"'{key}' on {count} record(s)" for key, count in sorted(unread.items()))
    return f"{name}: not read: {fields} (words not in the headline or body)"
