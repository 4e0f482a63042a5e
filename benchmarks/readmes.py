"""Package READMEs across releases: words kept and stories, on text nobody tuned on.

    python benchmarks/readmes.py              # build the set if missing, then score
    python benchmarks/readmes.py --rebuild    # download and build it again
    python benchmarks/readmes.py --pairs      # list the pairs grouped wrongly

A README is a document its authors revise release after release, and many are written
from one template: the Pallets projects, pytest-dev's plugins, jaraco's skeleton, the
aio-libs, encode's packages, the ``sphinxcontrib-*`` builders and typeshed's ``types-*``
stubs share badges, install lines, sections and whole sentences with the project's name
swapped. So the set asks both halves of grouping: every release of one README in one
story (recall), and templated READMEs of different projects apart (precision).

Each package's long description (the body of a wheel's ``METADATA``, which PyPI shows
as the project page) is taken at the newest release uploaded before each of
:data:`CUTOFFS`; equal texts are left out. A file is named as its source would be
(``README.md`` or ``README.rst`` by the declared content type), captured in release
order, in the git-ignored ``benchmarks/.readmes/``. Truth: the same package. The
figures are those of ``benchmarks/generalization.py`` (words kept as a multiset,
files losing words, pairwise precision and recall), from the same scorer.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import json
import shutil
import sys
import textwrap
import urllib.request
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generalization import ROOT, score  # noqa: E402

CORPUS = ROOT / "benchmarks" / ".readmes"
#: A README is taken as it stood at the newest release uploaded before each date.
CUTOFFS = ("2019-07-01", "2022-01-01", "2025-01-01")
#: Families written from one template first, then packages of their own.
PACKAGES = (
    # Pallets
    "flask click jinja2 werkzeug markupsafe itsdangerous "
    # pytest-dev
    "pytest-xdist pytest-cov pytest-mock pytest-timeout pytest-asyncio pluggy execnet "
    # jaraco's skeleton
    "zipp importlib-metadata jaraco.functools jaraco.classes jaraco.context keyring "
    # aio-libs
    "aiohttp yarl multidict frozenlist aiosignal async-timeout "
    # encode
    "httpx httpcore starlette uvicorn "
    # Sphinx's builders
    "sphinxcontrib-applehelp sphinxcontrib-devhelp sphinxcontrib-htmlhelp sphinxcontrib-qthelp "
    "sphinxcontrib-serializinghtml "
    # typeshed's stubs
    "types-requests types-pyyaml types-six types-setuptools types-toml "
    # their own
    "requests attrs rich tqdm six packaging idna urllib3 python-dateutil pyparsing tomli "
    "colorama wheel markdown pygments typing-extensions platformdirs filelock virtualenv"
).split()
START = datetime(2020, 1, 1, tzinfo=UTC)
MIN_WORDS = 30  # "UNKNOWN" and one-line descriptions are not documents


def _files(package: str) -> list[dict]:
    """The package's files on PyPI, with their upload times (the JSON simple API)."""
    request = urllib.request.Request(
        f"https://pypi.org/simple/{package}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as page:
        return json.load(page)["files"]


def _pick(files: list[dict], cutoff: str) -> dict | None:
    """The wheel of the newest release uploaded before ``cutoff`` (a pure one where there is)."""
    wheels = [
        f
        for f in files
        if f["filename"].endswith(".whl") and not f.get("yanked") and f.get("upload-time", "") < cutoff
    ]
    if not wheels:
        return None
    newest = max(f["upload-time"] for f in wheels)
    version = next(f["filename"].split("-")[1] for f in wheels if f["upload-time"] == newest)
    same = [f for f in wheels if f["filename"].split("-")[1] == version]
    return min(same, key=lambda f: ("none-any" not in f["filename"], f.get("size") or 0))


def _readme(wheel: bytes) -> tuple[str, str]:
    """A wheel's long description and its file suffix (``.md`` or ``.rst``)."""
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        message = email.message_from_bytes(archive.read(name), policy=email.policy.compat32)
    text = message.get_payload()
    if not isinstance(text, str) or not text.strip():
        # metadata before 2.1 folds the description into a header, each line indented 8
        folded = str(message.get("Description", ""))
        text = textwrap.dedent(folded.replace("\n       |", "\n        "))
    kind = str(message.get("Description-Content-Type", "")).lower()
    return text.replace("\r\n", "\n"), ".md" if "markdown" in kind else ".rst"


def build() -> None:
    """Download one wheel per package and cutoff; write the READMEs, a manifest and the truth."""
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    folder = CORPUS / "readmes"
    folder.mkdir(parents=True)
    manifest = ["captures:"]
    truth: dict[str, dict] = {}
    for package in PACKAGES:
        files = _files(package)
        previous = None
        for n, cutoff in enumerate(CUTOFFS):
            chosen = _pick(files, cutoff)
            if chosen is None:
                continue
            with urllib.request.urlopen(chosen["url"], timeout=120) as response:
                text, suffix = _readme(response.read())
            if text == previous or len(text.split()) < MIN_WORDS:
                continue
            previous = text
            version = chosen["filename"].split("-")[1]
            name = f"{package}@{version}{suffix}"
            (folder / name).write_text(text, encoding="utf-8")
            when = START + timedelta(days=300 * n, minutes=len(truth))
            manifest.append(f"  {name}:\n    captured_at: {when.isoformat()}")
            truth[f"readmes/{name}"] = {"source": "readmes", "doc": package, "version": version}
    (folder / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (CORPUS / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true", help="download and build the set again")
    ap.add_argument("--revtrack", default=str(ROOT / ".venv" / "bin" / "revtrack"))
    ap.add_argument("--losers", type=int, default=0, help="list the N files that lose the most words")
    ap.add_argument("--pairs", action="store_true", help="list the pairs grouped wrongly")
    args = ap.parse_args()
    if args.rebuild or not (CORPUS / "truth.json").exists():
        build()
    result = score(args.revtrack, CORPUS)
    g = result["grouping"]
    packages = len({info["doc"] for info in json.loads((CORPUS / "truth.json").read_text()).values()})
    print(
        f"{result['files']} READMEs of {packages} packages: words kept {result['words_kept']:.4f}, "
        f"{result['files_losing_words']} files losing words\n"
        f"grouping: precision {g['precision']:.4f}, recall {g['recall']:.4f} "
        f"({g['true_pairs']} true pairs, {g['missed_pairs']} missed, {g['false_pairs']} false)"
    )
    for share, lost, key, layout in result["losers"][: args.losers]:
        print(f"  {share:6.1%} kept, {lost:>6} words lost  {layout:<6} {key}")
    if args.pairs:
        for kind, a, b in g["wrong"]:
            print(f"  {kind:<6} {a}  {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
