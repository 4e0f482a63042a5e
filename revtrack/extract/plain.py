"""Plain text captures: the whole file is one article."""

from __future__ import annotations

from revtrack.models import Article
from revtrack.text import is_title_line


def parse_plain(text: str) -> list[Article]:
    """The first title line (:func:`is_title_line`) is the headline; every other line,
    paragraphs kept, is the body. A file with no title line takes its first non-empty line.

    >>> [a.headline for a in parse_plain("\\n Title \\n\\nPara one.\\nPara two.")]
    ['Title']
    >>> parse_plain("\\n Title \\n\\nPara one.\\nPara two.")[0].body
    'Para one.\\n\\nPara two.'
    >>> article = parse_plain(".. include:: header.txt\\n=====\\n Procedure\\n=====\\n\\nText.")[0]
    >>> article.headline, article.body.split("\\n\\n")
    ('Procedure', ['.. include:: header.txt', '=====', '=====', 'Text.'])
    """
    lines = [line.strip() for line in text.splitlines()]
    nonblank = [n for n, line in enumerate(lines) if line]
    if not nonblank:
        return []
    # the title under a setext overline or below a markup line, not the rule or the markup
    at = next((n for n in nonblank if is_title_line(lines[n])), nonblank[0])
    body = "\n\n".join(lines[n] for n in nonblank if n != at)
    return [Article(headline=lines[at], body=body, position=0)]
