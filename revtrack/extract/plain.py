"""Plain text captures: the whole file is one article."""

from __future__ import annotations

from revtrack.models import Article


def parse_plain(text: str) -> list[Article]:
    """First non-empty line is the headline; the rest, paragraphs kept, is the body.

    >>> [a.headline for a in parse_plain("\\n Title \\n\\nPara one.\\nPara two.")]
    ['Title']
    >>> parse_plain("\\n Title \\n\\nPara one.\\nPara two.")[0].body
    'Para one.\\n\\nPara two.'
    """
    lines = [line.strip() for line in text.splitlines()]
    nonblank = [n for n, line in enumerate(lines) if line]
    if not nonblank:
        return []
    headline = lines[nonblank[0]]
    body = "\n\n".join(line for line in lines[nonblank[0] + 1 :] if line)
    return [Article(headline=headline, body=body, position=0)]
