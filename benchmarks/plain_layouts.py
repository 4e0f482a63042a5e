"""Real article text set as plain files in the layouts people save news in: is every word kept?

    python benchmarks/plain_layouts.py             # every layout
    python benchmarks/plain_layouts.py --worst 5   # and the five files of each that keep least

The article texts are the reference texts of ``benchmarks/extraction.py``'s pages
(newspaper4k's and trafilatura's test pages, eight languages; built there), those
of 150 words or more. Each is written as a plain file in each layout below and read
as ``revtrack ingest file.txt`` reads it; ``kept`` is the share of the file's words
found in the articles revtrack extracts, as ``../shared/devcorpus/score.py`` counts
them (runs of word characters); ``kept_cjk`` counts Chinese and Japanese characters
one by one, as ``extraction.py`` does.

Layouts: ``indent`` (typewriter and wire copy: first lines indented, no blank line
between paragraphs, 68 columns), ``anpa`` (wire service: a slug line, ``^`` headers,
tab-indented paragraphs, the agency's sign-off), ``quoted`` (a forwarded e-mail, ``> ``
quoted at 70), ``narrow`` (40 columns), ``crlf`` (72 columns, CRLF line ends) and
``chars25`` / ``chars38`` (broken every N characters, as a wrapper breaks Chinese and
Japanese, which have no spaces: 25 characters are 50 columns; shown for those texts only),
``clauses`` (semantic line breaks, as Markdown and reST sources are often written: a line
for each sentence, broken again after a comma), ``rfc`` (an RFC-style memo: a header of
two columns, the title centred, pages with a running header and footer), ``justified``
(68 columns, each line stretched to a flush right margin), ``double`` (double-spaced: 72
columns, a blank line after each line, two between paragraphs), ``live`` (a live blog:
each paragraph an entry under a time of day and its author's name, newest first),
``transcript`` (each paragraph a turn under its speaker's label, "JANE DOE:"), ``release``
(a press release, a paragraph a line: "FOR IMMEDIATE RELEASE", a contact block above the
headline, "###", an "About" paragraph and a media contact below), and three that open with
a block of fields naming the title: ``yaml`` (a static site's post, front matter between
``---`` lines), ``mail`` (e-mail headers: ``Subject:``) and ``metadata`` (MultiMarkdown's
and PEPs' ``Title:`` lines); ``pdf`` (as pdftotext writes a newspaper's PDF: typeset at 66
columns with long words broken at the margin by a hyphen, "Page N of M" under each page, a
running header over the next, form feeds; it and ``rfc`` are scored without their page
numbers, running headers and footers, which are left out by name) and ``numbered`` (each
paragraph numbered, wrapped at a hanging indent of four columns, the headline in capitals;
scored case folded), and ``brief`` (a news brief: the article's first paragraph, or two when
the first is under 40 words, headline and text wrapped at 60 columns: too few lines to
measure a wrap width). ``headline right`` counts articles whose
headline is the article's own title, case and a forwarded mail's "Fwd: " aside (the block's
title where it has one; in other layouts the title line comes first). ``paragraph gap`` is
the mean difference, per file, between the paragraphs read and the article's own: a
byline or a header read as a paragraph adds one or two, a wrapped paragraph read line by
line adds its lines.
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import CAPTURED, PAGES, build, tokens  # noqa: E402

from revtrack.extract import extract_capture  # noqa: E402

WORD = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def layout(name: str, headline: str, paragraphs: list[str]) -> str:
    """The article as a plain file in layout ``name``."""
    if name == "indent":
        body = "\n".join(textwrap.fill(p, 68, initial_indent="   ") for p in paragraphs)
        return f"{headline.upper()}\n   By Jane Doe\n   Staff Writer\n\n{body}\n"
    if name == "anpa":
        body = "\n".join(textwrap.fill(p, 64, initial_indent="\t") for p in paragraphs)
        return (
            f"a0571  r i BC-Story-Name 03-14 0612\n^{headline}\n^By JANE DOE=\n^Staff Writer=\n"
            f"{body}\n   (AP)\n AP-DS-03-14-96 1739EST\n"
        )
    if name == "quoted":
        quoted = (textwrap.fill(p, 70, initial_indent="> ", subsequent_indent="> ") for p in paragraphs)
        return (
            f"From: a@example.org\nSubject: Fwd: {headline}\n\nSee below.\n\n" + "\n>\n".join(quoted) + "\n"
        )
    if name == "narrow":
        return f"{headline}\n\n" + "\n\n".join(textwrap.fill(p, 40) for p in paragraphs) + "\n"
    if name == "crlf":
        return f"{headline}\r\n\r\n" + "\r\n\r\n".join(
            textwrap.fill(p, 72).replace("\n", "\r\n") for p in paragraphs
        )
    wrapped = "\n\n".join(textwrap.fill(p, 80) for p in paragraphs)
    if name == "yaml":
        fields = f'title: "{headline}"\ndate: 2024-03-03T10:00:00Z\nauthor: Jane Doe\ntags: [news]'
        return f"---\n{fields}\n---\n\n{wrapped}\n"
    if name == "mail":
        fields = "From: Jane Doe <jane@example.org>\nTo: desk@example.org"
        return f"{fields}\nSubject: {headline}\nDate: Sun, 3 Mar 2024 10:00:00 +0000\n\n{wrapped}\n"
    if name == "metadata":
        return f"Title: {headline}\nAuthor: Jane Doe\nDate: 2024-03-03\n\n{wrapped}\n"
    if name == "transcript":
        speakers = ("JANE DOE:", "JOHN ROE:")
        turns = (f"{speakers[k % 2]}\n{paragraph}" for k, paragraph in enumerate(paragraphs))
        return f"{headline}\n\n" + "\n\n".join(turns) + "\n"
    if name == "release":
        contact = "Contact:\nJane Doe\nVelmora Port Authority\n+1 555 0100\npress@velmora.example"
        media = "Media contact:\nJohn Roe\nHead of Communications\n+1 555 0199\njohn.roe@velmora.example"
        about = "About the Velmora Port Authority: it runs the city's two terminals and its ferries."
        body = "\n\n".join(paragraphs)
        return (
            f"FOR IMMEDIATE RELEASE\n\n{contact}\n\n{headline}\n\nVELMORA, March 3, 2024 -- {body}\n\n"
            f"###\n\n{about}\n\n{media}\n"
        )
    if name == "live":
        entries = []
        for k, paragraph in enumerate(reversed(paragraphs)):
            hour, minute = divmod(18 * 60 - 7 * k, 60)
            entries.append(f"{hour:02d}:{minute:02d}\nJane Doe\n\n{paragraph}")
        return f"{headline}\n\n" + "\n\n".join(entries) + "\n"
    if name == "double":
        spaced = ("\n\n".join(textwrap.wrap(p, 72)) for p in paragraphs)
        return f"{headline}\n\n\n" + "\n\n\n".join(spaced) + "\n"
    if name == "justified":
        return f"{headline}\n\n" + "\n\n".join(justify(p, 68) for p in paragraphs) + "\n"
    if name == "rfc":
        return rfc(headline, paragraphs)
    if name == "pdf":
        return pdf(headline, paragraphs)
    if name == "numbered":  # a ruling's or a report's numbered paragraphs at a hanging indent
        numbered = (
            textwrap.fill(f"{k}. {p}", 72, subsequent_indent="    ") for k, p in enumerate(paragraphs, 1)
        )
        return f"{headline.upper()}\n\n" + "\n\n".join(numbered) + "\n"
    if name == "clauses":
        return f"{headline}\n\n" + "\n\n".join(a_clause_a_line(p) for p in paragraphs) + "\n"
    if name == "brief":  # a news brief: its first paragraph or two, the headline wrapped like them
        wrapped = "\n\n".join(textwrap.fill(p, 60) for p in paragraphs)
        return f"{textwrap.fill(headline, 60)}\n\n{wrapped}\n"
    width = int(name.removeprefix("chars"))
    broken = ("\n".join(p[i : i + width] for i in range(0, len(p), width)) for p in paragraphs)
    return f"{headline}\n\n" + "\n\n".join(broken) + "\n"


# a sentence's end (a full stop, then a capital or a quote), where a line breaks in "clauses"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c\u2018'(])")


def a_clause_a_line(paragraph: str, clause_words: int = 5) -> str:
    """A paragraph written with semantic line breaks: a line for each sentence, broken again
    after a comma once the line holds ``clause_words`` words."""
    out = []
    for sentence in SENTENCE_END.split(paragraph):
        line: list[str] = []
        for word in sentence.split(" "):
            line.append(word)
            if word.endswith(",") and len(line) >= clause_words:
                out.append(" ".join(line))
                line = []
        if line:
            out.append(" ".join(line))
    return "\n".join(out)


LAYOUTS = ("indent", "anpa", "quoted", "narrow", "crlf", "chars25", "chars38", "yaml", "mail", "metadata")
LAYOUTS += ("clauses", "rfc", "justified", "double", "live", "transcript", "release", "pdf", "numbered")
LAYOUTS += ("brief",)
#: The page furniture the ``pdf`` and ``rfc`` layouts add: page numbers and running headers and
#: footers, left out by name (``page-furniture``), not counted among the file's words.
FURNITURE = {
    "pdf": re.compile(r"^\s*(?:Page \d+ of \d+|\f?Velmora Gazette\s+March 3, 2024)$", re.MULTILINE),
    "rfc": re.compile(
        r"^(?:Doe\s+Informational\s+\[Page \d+\]|RFC 9999\s+Port Expansion\s+March 2024)$", re.MULTILINE
    ),
}


def typeset(paragraph: str, width: int = 66) -> list[str]:
    """Lines of at most ``width`` columns, a long word that crosses the margin broken with a
    hyphen (at least three letters on each side), as a typesetter and so pdftotext break it."""
    lines, line = [], ""
    for word in paragraph.split():
        if not line or len(line) + 1 + len(word) <= width:
            line = f"{line} {word}" if line else word
            continue
        room = width - len(line) - 2
        core = word.rstrip(".,;:!?\"')\u201d\u2019")
        if core.isalpha() and len(core) >= 7 and room >= 3 and len(core) - room >= 3:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def pdf(headline: str, paragraphs: list[str], page_lines: int = 50) -> str:
    """The article as pdftotext writes a newspaper's PDF: typeset at 66 columns, pages of
    ``page_lines`` lines, each with "Page N of M" under it and a running header over the next,
    a form feed between pages."""
    body = [headline, "", "By Jane Doe", "March 3, 2024", ""]
    for paragraph in paragraphs:
        body += typeset(paragraph) + [""]
    pages = [body[k : k + page_lines] for k in range(0, len(body), page_lines)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            out += ["\fVelmora Gazette" + " " * 40 + "March 3, 2024", ""]
        out += page + ["", " " * 30 + f"Page {n} of {len(pages)}"]
    return "\n".join(out) + "\n"


def justify(paragraph: str, width: int) -> str:
    """A paragraph wrapped at ``width`` and fully justified: each line but the last stretched
    to the width, its extra spaces spread over its gaps from the left."""
    lines = textwrap.wrap(paragraph, width)
    out = []
    for line in lines[:-1]:
        words = line.split()
        if len(words) == 1:
            out.append(line)
            continue
        each, extra = divmod(width - sum(len(word) for word in words), len(words) - 1)
        out.append("".join(w + " " * (each + (k < extra)) for k, w in enumerate(words[:-1])) + words[-1])
    return "\n".join(out + lines[-1:])


def rfc(headline: str, paragraphs: list[str], page_lines: int = 48) -> str:
    """The article as an RFC-style memo: a header of two columns, the title centred under
    it, paragraphs indented three spaces at 72 columns, and a running footer and header
    around a form feed every ``page_lines`` lines."""
    body: list[str] = []
    for p in paragraphs:
        body += textwrap.fill(p, 72, initial_indent="   ", subsequent_indent="   ").splitlines() + [""]
    front = [
        "",
        f"{'Network Working Group':<56}{'J. Doe':>16}",
        f"{'Request for Comments: 9999':<56}{'Velmora':>16}",
    ]
    front += [f"{'Category: Informational':<56}{'March 2024':>16}", "", "", headline.center(72).rstrip(), ""]
    lines = front + body
    out: list[str] = []
    for page, start in enumerate(range(0, len(lines), page_lines), start=1):
        out += lines[start : start + page_lines] + ["", f"{'Doe':<40}{'Informational':<22}[Page {page}]"]
        if start + page_lines < len(lines):
            out += ["\f", f"{'RFC 9999':<30}{'Port Expansion':<32}March 2024", ""]
    return "\n".join(out) + "\n"


def brief(paragraphs: list[str], words: int = 40) -> list[str]:
    """The first paragraphs of an article, as a brief keeps them: one, or two when the first
    is shorter than ``words`` words.

    >>> brief(["One two.", "Three four five.", "Six."], words=3)
    ['One two.', 'Three four five.']
    """
    return paragraphs[:1] if len(paragraphs[0].split()) >= words else paragraphs[:2]


def articles() -> list[tuple[str, str, list[str]]]:
    """``(name, headline, paragraphs)`` of each reference text of 150 words or more."""
    if not any(PAGES.glob("*/truth/*.txt")):
        build()
    out = []
    for truth in sorted(PAGES.glob("*/truth/*.txt")):
        paragraphs = [" ".join(p.split()) for p in truth.read_text().splitlines() if p.strip()]
        if sum(tokens(p).total() for p in paragraphs) < 150:
            continue
        title = PAGES / truth.parent.parent.name / "title" / truth.name
        headline = title.read_text().strip() if title.exists() else paragraphs[0][:60]
        out.append((f"{truth.parent.parent.name}/{truth.stem}", headline, paragraphs))
    return out


def kept(text: str, source: str, count) -> float:
    """Share of the words of ``source`` (as ``count`` makes them) found in ``text``."""
    want = count(source)
    return sum((count(text) & want).values()) / max(1, sum(want.values()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worst", type=int, default=0, help="list the N files of each layout that keep least")
    ap.add_argument("--layouts", nargs="*", default=list(LAYOUTS), help="only these layouts")
    args = ap.parse_args()
    texts = articles()
    for name in args.layouts:
        rows = []
        for label, headline, paragraphs in texts:
            if name.startswith("chars") and not CJK.search(" ".join(paragraphs)):
                continue  # Latin text is wrapped at spaces, never inside a word
            if name == "brief":
                paragraphs = brief(paragraphs)
            source = layout(name, headline, paragraphs)
            extraction = extract_capture(source, CAPTURED, f"{label}.txt")
            got = "\n".join(f"{a.headline}\n{a.body}" for a in extraction.articles)
            want = source
            if name in FURNITURE:  # page numbers and running headers are no words of the article
                want = FURNITURE[name].sub("", source)
            elif name == "numbered":  # its headline is set in capitals
                got, want = got.casefold(), source.casefold()
            words = kept(got, want, lambda t: collections.Counter(WORD.findall(t)))
            first = extraction.articles[0].headline if extraction.articles else ""
            named = first.casefold().removeprefix("fwd: ") == headline.strip().casefold()
            read = sum(len([q for q in a.body.split("\n\n") if q.strip()]) for a in extraction.articles)
            gap = abs(read - len(paragraphs))
            rows.append((words, kept(got, want, tokens), extraction.layout, label, named, gap))
        print(
            f"{name:>8}: files {len(rows)}, kept {statistics.mean(r[0] for r in rows):.4f},"
            f" kept_cjk {statistics.mean(r[1] for r in rows):.4f},"
            f" under 0.99 {sum(r[0] < 0.99 for r in rows)},"
            f" read as pages {sum(r[2] == 'page' for r in rows)},"
            f" headline right {sum(r[4] for r in rows)},"
            f" paragraph gap {statistics.mean(r[5] for r in rows):.1f}"
        )
        for row in sorted(rows)[: args.worst]:
            print(f"{'':>10}{row[3]}: kept {row[0]:.3f} ({row[2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
