"""JSON Lines and JSON documents: one article per record.

Each line is an object with ``headline`` and ``body`` and optionally ``outlet``,
``section``, ``published`` (ISO 8601 or any date text revtrack understands) and
``url``, or the same fields under the names other tools write
(:mod:`revtrack.extract.record_fields`). The file is one capture: every line has its
capture time (a manifest's, ``--captured-at``, or the file's modification time). A
line that is not such an object is an input error naming the line; a field that held
words no role read is named in one warning. A JSON document (an array of records, or
an object holding one) is read the same way, record by record.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime

from revtrack.errors import InputError
from revtrack.extract.dates import find_date
from revtrack.extract.posts import (
    PostList,
    is_post,
    merged,
    post_headline,
    post_list,
    unwrapped,
    wordless_note,
)
from revtrack.extract.record_fields import (
    DESCRIPTION_NAMES,
    ROLES,
    normalised_key,
    read_fields,
    unread_note,
    unread_words,
    with_descriptions,
    word_tokens,
)
from revtrack.models import Article


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object.

    >>> looks_like_jsonl('{"headline": "x", "body": "y"}\\n')
    True
    >>> looks_like_jsonl("Headline\\nBody")
    False
    """
    for line in text.splitlines():
        if line.strip():
            stripped = line.strip()
            if not (stripped.startswith("{") and stripped.endswith("}")):
                return False
            try:
                return isinstance(json.loads(stripped), dict)
            except RecursionError:
                return True  # an object nested too deep to read: JSON still, and refused as such
            except ValueError:
                return False
    return False


#: A script's first statement assigning JSON to a name: what an archive's ``.js`` data files hold.
_ASSIGNED = re.compile(r"(?:(?:var|let|const)\s+)?[\w$]+(?:\.[\w$]+)*\s*=\s*(?=[\[{])")
# JSON may escape lone UTF-16 surrogates ("\\ud800"): not text, and no UTF-8 encoder takes them
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: str) -> str:
    """A JSON string's lone UTF-16 surrogates as U+FFFD (JSON Lines and JSON Feed).

    >>> without_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    return value if value.isascii() else _SURROGATE.sub("\ufffd", value)


def parse_jsonl(text: str, captured_at: datetime, name: str = "") -> tuple[list[Article], str | None]:
    """Parse JSON Lines into articles, and the note naming fields not read; a line that is
    not valid JSON is an input error.

    >>> arts, note = parse_jsonl('{"headline": "H", "body": "B", "published": "2025-07-31"}',
    ...                          datetime(2025, 8, 1))
    >>> arts[0].headline, arts[0].published.iso(), note
    ('H', '2025-07-31', None)
    """
    unread: Counter[str] = Counter()
    articles = list(iter_jsonl(enumerate(text.splitlines(), start=1), captured_at, name, unread=unread))
    return articles, unread_note(name or "<jsonl>", unread)


def iter_jsonl(
    lines: Iterable[tuple[int, str]],
    captured_at: datetime,
    name: str = "",
    first_position: int = 0,
    unread: Counter[str] | None = None,
    several_a_line: bool = True,
) -> Iterator[Article]:
    """Articles from numbered JSON Lines, one at a time (a large file is never held whole).

    ``unread`` (when given) counts, by key, the fields that held words no role read
    (:func:`revtrack.extract.record_fields.unread_words`). A line holding several records
    gives each; with ``several_a_line`` false (the batch numbers articles by line, before
    reading them) it is an input error.
    """
    position = first_position
    for lineno, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            # ValueError without .msg: an integer too long to convert; RecursionError: nesting
            reason = getattr(exc, "msg", None) or (
                "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            )
            raise InputError(name or "<jsonl>", f"line {lineno}: not valid JSON ({reason})") from None
        if not isinstance(obj, dict):
            raise InputError(name or "<jsonl>", f"line {lineno}: expected a JSON object")
        records, outlets = _line_records(obj)
        if len(records) > 1 and not several_a_line:
            raise InputError(
                name or "<jsonl>", f"line {lineno}: holds {len(records)} articles, and this reads one a line"
            )
        for record, outlet in zip(records, outlets or (None,) * len(records), strict=True):
            article = record_article(record, captured_at, (name or "<jsonl>", lineno), position, unread)
            yield _with_outlet(article, outlet)
            position += 1


def _with_outlet(article: Article, outlet: str | None) -> Article:
    """A post under its channel's name where it names no outlet of its own."""
    return replace(article, outlet=_clean(outlet)) if outlet and not article.outlet else article


def _line_records(obj: dict) -> tuple[list[dict], tuple[str | None, ...]]:
    """A line's records, and the outlets the objects holding them name (a channel's posts;
    empty for records).

    A record or a post (or a boost holding one) is itself; a line that is neither may hold
    records or posts (an API's response or a channel's export saved on one line). A line of
    none is itself, refused by :func:`record_article` as holding no article.
    """
    post = unwrapped(obj)
    if _is_record(obj) or not is_post(post):
        records = [obj] if _is_record(obj) else _records_in(obj, depth=2)
        if records:
            return records, ()
        posts = _posts_in(obj, None, depth=3)
        return (posts.posts, posts.outlets) if posts else ([obj], ())
    return [post], ()


def record_article(
    record: dict,
    captured_at: datetime,
    where: tuple[str, int],
    position: int = 0,
    unread: Counter[str] | None = None,
) -> Article:
    """One JSON record as an article, its fields found under any tool's names
    (:mod:`revtrack.extract.record_fields`). One without a headline is headed by its opening
    words; one with neither headline nor body is an :class:`InputError`.

    >>> record_article({"title": "Vote held", "maintext": "The council voted.",
    ...                 "date_publish": "2024-03-04 10:00:00"}, datetime(2024, 3, 5), ("a", 1)).body
    'The council voted.'
    """
    fields, read = read_fields(record, where)
    headline = fields.get("headline", "")
    body, descriptions = with_descriptions(record, fields.get("body", ""), headline)
    if not headline:
        if not body:
            raise InputError(where[0], f"line {where[1]}: no 'headline' (nor 'title') and no body")
        from revtrack.extract.feeds import first_words_headline

        # a dataset's row without a title keeps its article, named by its opening words (as a
        # feed's entry without one is); a post by its first line where that is a title's length
        headline = post_headline(body) if "published" in fields else first_words_headline(body)
    if unread is not None:
        unread.update(unread_words(record, read + descriptions, set(word_tokens(f"{headline}\n{body}"))))
    published_text = fields.get("published")
    published = None
    if published_text:
        match = find_date(published_text, captured_at)
        published = match.published if match else None
    return Article(
        headline=without_surrogates(headline),
        body=without_surrogates(body),
        outlet=_clean(fields.get("outlet")),
        section=_clean(fields.get("section")),
        date_text=_clean(published_text),
        published=published,
        position=position,
        url=_clean(fields.get("url")),
        byline=_clean(fields.get("byline")),
    )


def _clean(value: str | None) -> str | None:
    return without_surrogates(value).strip() or None if value else None


def json_document_records(text: str) -> tuple[list[dict], PostList | None] | None:
    """The article records of a JSON document (not JSON Lines), or None when it is not one.

    An array of records (Scrapy's JSON export), one record (a JSON-LD NewsArticle), or an
    object holding such an array under any key (NewsAPI's ``articles``, a search API's
    ``results`` or ``data``). A record is an object with a headline and a body (or a
    description) under any of their names. A document of none, but of posts (a channel's
    export: text and a time, no headline; :mod:`revtrack.extract.posts`), gives its posts
    and what was found beside them.

    >>> records, posts = json_document_records('{"status": "ok", "articles": [{"title": "A",'
    ...                                        ' "content": "a"}, {"title": "B", "content": "b"}]}')
    >>> len(records), posts
    (2, None)
    >>> records, posts = json_document_records('{"name": "City", "messages": [{"date": "2024-03-05",'
    ...                                        ' "text": "Sirens in Kyiv."}]}')
    >>> len(records), posts.outlets
    (1, ('City',))
    >>> json_document_records('{"name": "revtrack", "version": "1.0"}') is None
    True

    A script that only assigns such a document to a name (an archive's ``.js`` data) is read
    as the document:

    >>> records, posts = json_document_records('window.YTD.tweets.part0 = [{"tweet": {"full_text":'
    ...                                        ' "Polls close at 8.", "created_at": "Wed Oct 10'
    ...                                        ' 20:19:24 +0000 2018"}}]')
    >>> records
    [{'full_text': 'Polls close at 8.', 'created_at': 'Wed Oct 10 20:19:24 +0000 2018'}]
    """
    text = text.lstrip("\ufeff \t\r\n")
    assigned = _ASSIGNED.match(text[:200])
    if assigned:  # a script that assigns its data (a Twitter archive's `window.YTD.tweets.part0 = [`)
        text = text[assigned.end() :].rstrip().removesuffix(";")
    if text[:1] not in ("[", "{"):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, dict) and not _is_record(value) and is_post(unwrapped(value)):
        # one post saved alone (a status fetched by its address), read before what it holds
        # (its link's preview card has a title and a description of its own)
        posts: PostList | None = post_list([value], None)
    else:
        records = _records_in(value, depth=2)
        if records:
            return records, None
        posts = _posts_in(value, None, depth=3)
    return (posts.posts, posts) if posts else None


def _posts_in(value: object, container: dict | None, depth: int) -> PostList | None:
    """The posts under ``value``, ``depth`` objects down (a list is no level of its own)."""
    if isinstance(value, list):
        found = post_list(value, container)
        if found:
            return found
        # a list of channels or chats, each holding its posts (a whole account's export)
        parts = [_posts_in(item, None, depth) for item in value if isinstance(item, dict)]
        return merged([part for part in parts if part])
    if isinstance(value, dict) and depth > 0:
        for inner in value.values():
            found = _posts_in(inner, value, depth - 1)
            if found:
                return found
    return None


def _records_in(value: object, depth: int) -> list[dict] | None:
    if isinstance(value, dict):
        if _is_record(value):
            return [value]
        if depth > 0:
            for inner in value.values():
                found = _records_in(inner, depth - 1)
                if found:
                    return found
        return None
    if isinstance(value, list):
        records = [item for item in value if isinstance(item, dict)]
        if records and any(_is_record(item) for item in records):
            return records
    return None


def _is_record(value: dict) -> bool:
    names = {normalised_key(key) for key in value if isinstance(key, str)}
    return any(name in names for name in ROLES["headline"]) and any(
        name in names for name in ROLES["body"] + DESCRIPTION_NAMES
    )


def parse_json_document(
    records: list[dict], captured_at: datetime, name: str = "", posts: PostList | None = None
) -> tuple[list[Article], tuple[str, ...]]:
    """Articles of a JSON document's records (each record's number is its "line"), and the
    notes naming fields not read and (``posts``: the records are a channel's posts) the
    objects beside the posts that held no words. A post that names no outlet takes the
    one its channel names."""
    unread: Counter[str] = Counter()
    articles = [
        record_article(record, captured_at, (name or "<json>", k), k - 1, unread)
        for k, record in enumerate(records, start=1)
    ]
    if posts is not None:
        articles = [_with_outlet(a, outlet) for a, outlet in zip(articles, posts.outlets, strict=True)]
    name = name or "<json>"
    notes = (unread_note(name, unread), wordless_note(name, posts.wordless if posts else 0))
    return articles, tuple(note for note in notes if note)
