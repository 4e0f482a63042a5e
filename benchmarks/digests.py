"""Digests: several real stories in one plain text, each under its headline and date line.

    python benchmarks/digests.py

A newsletter or an e-mailed briefing puts whole stories one after another. Each
digest here is four consecutive reference texts of ``benchmarks/extraction.py``
(those with a title of their own, the title not repeated as the text's first line),
in three forms: ``dated`` (headline, date line, paragraphs), ``byline`` (a byline
under the date, the digest's title and introduction above the first story and a
sign-off below the last), ``wrapped`` (``dated``, hard-wrapped at 72 columns) and
``markdown`` (``## headline``, a blank line, the date in italics).

Figures: ``stories right`` counts digests read as their four stories (each headline
found, in order, as an article's headline); ``kept`` is the share of the file's
words found in the articles' headlines, dates and bodies. A digest read as one
article keeps every word but finds one story; the texts are real pages' reference
texts, so some open with a caption or a date of their own, which no rule can tell
from a story's start.
"""

from __future__ import annotations

import collections
import statistics
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import CAPTURED  # noqa: E402
from plain_layouts import WORD, articles  # noqa: E402

from revtrack.extract import extract_capture  # noqa: E402

FORMS = ("dated", "byline", "wrapped", "markdown")


def titled() -> list[tuple[str, str, list[str]]]:
    """Reference texts with a title of their own (not their first paragraph cut short)."""
    out = []
    for label, headline, paragraphs in articles():
        if paragraphs and paragraphs[0].strip() == headline.strip():
            paragraphs = paragraphs[1:]
        elif paragraphs and paragraphs[0].startswith(headline[:60]):
            continue  # the title is the first paragraph cut at 60 characters: no title
        out.append((label, headline, paragraphs))
    return out


def digest(form: str, stories: list[tuple[str, list[str]]]) -> str:
    """The stories as one plain text in ``form``."""
    parts = []
    for n, (headline, paragraphs) in enumerate(stories):
        body = "\n\n".join(textwrap.fill(p, 72) if form == "wrapped" else p for p in paragraphs)
        byline = "By Jane Doe\n" if form == "byline" else ""
        if form == "markdown":
            parts.append(f"## {headline}\n\n*March {3 + n}, 2024*\n\n{body}")
            continue
        parts.append(f"{headline}\nMarch {3 + n}, 2024\n{byline}\n{body}")
    text = "\n\n".join(parts) + "\n"
    if form == "byline":
        intro = "The Harbour Weekly, issue 42\n\nThis week's stories, with the week's corrections.\n\n"
        text = intro + text + "\nTo unsubscribe, reply STOP.\n"
    return text


def main() -> int:
    texts = titled()
    groups = [texts[k : k + 4] for k in range(0, len(texts) - 3, 4)]
    for form in FORMS:
        rows = []
        for group in groups:
            stories = [(headline, paragraphs) for _, headline, paragraphs in group]
            source = digest(form, stories)
            extraction = extract_capture(source, CAPTURED, "digest.txt")
            got = "\n".join(f"{a.headline}\n{a.date_text or ''}\n{a.body}" for a in extraction.articles)
            want = collections.Counter(WORD.findall(source))
            kept = sum((collections.Counter(WORD.findall(got)) & want).values()) / sum(want.values())
            headlines = [a.headline.strip() for a in extraction.articles]
            right = headlines[-4:] == [h.strip() for h, _ in stories]
            rows.append((kept, right, len(extraction.articles)))
        print(
            f"{form:>8}: digests {len(rows)}, stories right {sum(r[1] for r in rows)},"
            f" read as one article {sum(r[2] == 1 for r in rows)},"
            f" kept {statistics.mean(r[0] for r in rows):.4f}, under 0.99 {sum(r[0] < 0.99 for r in rows)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
