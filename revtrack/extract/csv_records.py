"""Articles in a CSV or TSV file: a header row naming the fields, an article a row.

Researchers' datasets of news come as CSV as often as JSON (a column of titles, one of
texts, one of dates), and ``revtrack export --format csv`` writes one. Read as text, such
a file was one article whose headline was the header row. The header's names are read as
a JSON record's are (:mod:`revtrack.extract.record_fields`: ``title``, ``content``,
``publication``, ``date``, ``url``, and revtrack's own ``headline``, ``body``, ...), so a
file is a table of articles only when its header names a headline and a body.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime

from revtrack.errors import InputError
from revtrack.extract.record_fields import DESCRIPTION_NAMES, ROLES, normalised_key
from revtrack.models import Article

#: A field name: letters, digits, ``_``, ``-``, ``.``, ``@``, and spaces between words.
_FIELD_NAME = re.compile(r"^(?:[\w.@-]+(?: [\w.@-]+)*)?$")
#: Delimiters a header row is tried with, the most usual first.
_DELIMITERS = (",", "\t", ";", "|")


def csv_delimiter(name: str, first_line: str) -> str | None:
    """The delimiter of a table of articles, from its name and header row; None when the
    header names no body, or no headline in a file not named ``.csv`` or ``.tsv``.

    >>> csv_delimiter("news.csv", "id,title,publication,author,date,content")
    ','
    >>> csv_delimiter("x.txt", "title\\tbody\\tdate"), csv_delimiter("x.txt", "Title, body, and more")
    ('\\t', None)
    """
    for delimiter in ("\t", *_DELIMITERS) if name.lower().endswith(".tsv") else _DELIMITERS:
        try:
            header = next(csv.reader([first_line], delimiter=delimiter))
        except csv.Error:
            continue
        # a header's cells are field names as a program writes them: "publish_date", not
        # " body" after a comma in a sentence ("Title, body, and more: a guide")
        if not is_csv_name(name) and not all(_FIELD_NAME.match(cell.lstrip("\ufeff")) for cell in header):
            continue
        names = {normalised_key(cell.strip().strip("\ufeff")) for cell in header}
        # a file named as a table may lack titles (its rows are headed by their opening
        # words); a text not so named must name both to be read as one
        titled = bool(names & set(ROLES["headline"])) or is_csv_name(name)
        if len(header) >= 2 and titled and names & set(ROLES["body"] + DESCRIPTION_NAMES):
            return delimiter
    return None


def is_csv_name(name: str) -> bool:
    """Named as a table: ``.csv`` or ``.tsv``."""
    return name.lower().endswith((".csv", ".tsv"))


def iter_csv(
    lines: Iterable[str],
    captured_at: datetime,
    name: str = "",
    unread: Counter[str] | None = None,
) -> Iterator[Article]:
    r"""Articles of a table of articles, a row at a time (``lines`` keep their line ends, so
    a quoted body of several paragraphs keeps them). A row with more cells than the header
    is an :class:`InputError` naming its line; a header that names no body is one too.

    >>> rows = ["title,content,date\n", 'Vote held,"The council voted.\n\nIt rained.",2024-03-04\n']
    >>> [(a.headline, a.body, a.published.iso()) for a in iter_csv(rows, datetime(2024, 3, 5), "n.csv")]
    [('Vote held', 'The council voted.\n\nIt rained.', '2024-03-04')]
    """
    from revtrack.extract.jsonl import record_article

    where = name or "<csv>"
    lines = iter(lines)
    first = next(lines, "")
    delimiter = csv_delimiter(where, first.rstrip("\r\n"))
    if delimiter is None:
        raise InputError(
            where, "line 1: the header row names no article body ('body', 'text', 'content', ...)"
        )
    # an article's body may be longer than the csv module's 128 KB field limit; the capture's
    # own size limit bounds it
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(_chain(first, lines), delimiter=delimiter)
    header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
    position = 0
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise InputError(
                    where, f"line {reader.line_num}: {len(row)} cells under a header of {len(header)}"
                )
            record = {key: cell for key, cell in zip(header, row, strict=False) if key and cell.strip()}
            yield record_article(record, captured_at, (where, reader.line_num), position, unread)
            position += 1
    except csv.Error as exc:
        raise InputError(where, f"line {reader.line_num}: not valid CSV ({exc})") from None


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
