"""Plain text captures: the whole file is one article."""

from __future__ import annotations

import re

from revtrack.models import Article

# reStructuredText's explicit markup: a comment, directive, target or footnote
# (".. include:: header.txt", ".. -*- coding: utf-8 -*-", ".. _intro:")
_EXPLICIT_MARKUP = re.compile(r"\.\.(?:\s|$)")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def is_title_line(line: str) -> bool:
    """Whether a stripped line can be a plain file's headline: it holds a letter or a
    digit (a rule, a setext over- or underline or an ornament such as ``* * *`` does
    not) and is not reStructuredText's explicit markup (a comment or directive).

    >>> is_title_line("Release Procedure"), is_title_line("=" * 29), is_title_line(".. include:: header.txt")
    (True, False, False)
    >>> is_title_line("... and then it rained"), is_title_line("2026 in review")
    (True, True)
    """
    return _WORD_CHARACTER.search(line) is not None and _EXPLICIT_MARKUP.match(line) is None


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
