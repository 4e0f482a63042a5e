"""Coverage-guided fuzzing of extraction, dates and the diff engine with atheris.

Run by hand (not part of the suite), for as long as you like:

    pip install atheris
    python tests/fuzz/atheris_extract.py -max_total_time=600 -rss_limit_mb=2048 corpus/

Seeds: the pages in seeds/ are added to the corpus folder on first run. A crash
is an uncaught exception other than revtrack's own InputError (a clear, named
refusal is the documented behaviour for bad input). Record campaigns in
docs/reliability.md.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from revtrack.diffing import compare
    from revtrack.errors import InputError
    from revtrack.extract import decode_capture, extract_articles
    from revtrack.extract.dates import find_date
    from revtrack.safety import inert

CAP = datetime(2025, 8, 12, 9, tzinfo=UTC)


def one_input(data: bytes) -> None:
    """Decode, extract, date-parse and diff whatever the fuzzer hands over."""
    try:
        text = decode_capture("fuzz", data)
    except InputError:
        return
    try:
        _, articles = extract_articles(text, CAP, "fuzz")
    except InputError:
        return
    for line in text.splitlines()[:50]:
        find_date(line, CAP)
    if len(articles) >= 2:
        c = compare(articles[0].body, articles[1].body)
        assert c.old_text() == articles[0].body and c.new_text() == articles[1].body
    half = len(text) // 2
    c = compare(text[:half], text[half:])
    assert c.old_text() == text[:half] and c.new_text() == text[half:]
    assert "\x1b" not in inert(text)


def main() -> None:
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        seeds = Path(__file__).resolve().parents[2] / "seeds"
        for page in seeds.glob("*.txt"):
            target = corpus / page.name
            if not target.exists():
                target.write_bytes(page.read_bytes())
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
