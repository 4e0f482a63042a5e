"""JSON Lines captures: one article per line.

Each line is an object with ``headline`` and ``body`` and optionally ``outlet``,
``section``, ``published`` (ISO 8601 or any date text revtrack understands) and
``url``. The file is one capture: every line has its capture time (a manifest's,
``--captured-at``, or the file's modification time). Lines that are not such
objects are skipped with a counted warning rather than failing the capture.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from revtrack.errors import InputError
from revtrack.extract.dates import find_date
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


# JSON may escape lone UTF-16 surrogates ("\\ud800"): not text, and no UTF-8 encoder takes them
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: str) -> str:
    """A JSON string's lone UTF-16 surrogates as U+FFFD (JSON Lines and JSON Feed).

    >>> without_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    return value if value.isascii() else _SURROGATE.sub("\ufffd", value)


def _text_field(obj: dict, key: str, where: tuple[str, int] = ("<jsonl>", 0)) -> str | None:
    """A field's text, stripped; None when absent or blank. Any other JSON value is an
    input error naming the line: a body that is a list would otherwise become an empty
    story, its words lost without a word."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        kind = {dict: "an object", list: "a list", bool: "true or false"}.get(type(value), "a number")
        raise InputError(where[0], f"line {where[1]}: '{key}' is {kind}, not text")
    return without_surrogates(value).strip() or None


def parse_jsonl(text: str, captured_at: datetime, name: str = "") -> list[Article]:
    """Parse JSON Lines into articles; a line that is not valid JSON is an input error.

    >>> arts = parse_jsonl('{"headline": "H", "body": "B", "published": "2025-07-31"}',
    ...                    datetime(2025, 8, 1))
    >>> arts[0].headline, arts[0].published.iso()
    ('H', '2025-07-31')
    """
    return list(iter_jsonl(enumerate(text.splitlines(), start=1), captured_at, name))


def iter_jsonl(
    lines: Iterable[tuple[int, str]], captured_at: datetime, name: str = "", first_position: int = 0
) -> Iterator[Article]:
    """Articles from numbered JSON Lines, one at a time (a large file is never held whole)."""
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
        where = (name or "<jsonl>", lineno)
        headline = _text_field(obj, "headline", where) or _text_field(obj, "title", where)
        body = _text_field(obj, "body", where) or _text_field(obj, "text", where) or ""
        if headline is None:
            raise InputError(name or "<jsonl>", f"line {lineno}: no 'headline'")
        published_text = _text_field(obj, "published", where)
        published = None
        if published_text:
            match = find_date(published_text, captured_at)
            published = match.published if match else None
        yield Article(
            headline=headline,
            body=body,
            outlet=_text_field(obj, "outlet", where),
            section=_text_field(obj, "section", where),
            date_text=published_text,
            published=published,
            position=position,
            url=_text_field(obj, "url", where),
        )
        position += 1
