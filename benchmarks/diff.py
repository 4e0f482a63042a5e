"""Diff benchmark: revtrack.compare against git, plain diff-match-patch and difflib.

    python benchmarks/diff.py

Pairs of about 800 and 8,000 words: 3% of words substituted, one sentence
inserted, one paragraph moved, straight quotes turned curly. Each peer runs on
the same pair in the same process run; times are the median of repeated runs.
Hunk counts: maximal runs of changed text (git: runs of -/+ lines in porcelain).
"""

from __future__ import annotations

import difflib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diff_match_patch import diff_match_patch  # noqa: E402

from benchmarks.corpus import _paragraph, _Words  # noqa: E402
from revtrack import compare  # noqa: E402


def make_pair(words: int, seed: int) -> tuple[str, str]:
    """An article of about ``words`` words and an edited version of it."""
    rng = random.Random(seed)
    w = _Words(rng, size=6000)
    topic, facts = w.rare(80), [w.entity() for _ in range(12)]
    paras: list[list[str]] = []
    while sum(len(s.split()) for p in paras for s in p) < words:
        p = _paragraph(w, topic, facts)
        if rng.random() < 0.4:
            p[0] = f"'{p[0][:-1]},' an official said."  # a quote to restyle
        paras.append(p)
    old = "\n\n".join(" ".join(p) for p in paras)
    new_paras = []
    for p in paras:
        out = []
        for sentence in p:
            toks = sentence.split(" ")
            for i in range(len(toks)):
                if rng.random() < 0.03 and toks[i].isalpha():
                    toks[i] = rng.choice(topic)
            out.append(" ".join(toks).replace("'", "\u2019"))
        new_paras.append(out)
    new_paras[len(new_paras) // 2].insert(1, "A new sentence was added here by the editor on Tuesday.")
    moved = new_paras.pop(1)
    new_paras.insert(len(new_paras) - 1, moved)
    new = "\n\n".join(" ".join(p) for p in new_paras)
    return old, new


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def dmp_word_mode(a: str, b: str):
    """diff-match-patch's documented word mode: words to chars, diff, chars back."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    index: dict[str, str] = {}
    words: list[str] = []

    def enc(text: str) -> str:
        out = []
        for tok in text.replace("\n", " \n ").split(" "):
            if tok not in index:
                index[tok] = chr(len(words) + 1)
                words.append(tok)
            out.append(index[tok])
        return "".join(out)

    diffs = dmp.diff_main(enc(a), enc(b), False)
    dmp.diff_cleanupSemantic(diffs)
    return diffs


def runs_of_changes(ops) -> int:
    hunks, inside = 0, False
    for op, _ in ops:
        if op in ("-", "+", -1, 1):
            if not inside:
                hunks += 1
            inside = True
        else:
            inside = False
    return hunks


def git_porcelain(a_path: Path, b_path: Path) -> str:
    return subprocess.run(
        ["git", "diff", "--no-index", "--word-diff=porcelain", str(a_path), str(b_path)],
        capture_output=True,
        text=True,
    ).stdout


def git_hunks(porcelain: str) -> int:
    ops = [(line[0], line[1:]) for line in porcelain.splitlines()[4:] if line and line[0] in " -+~"]
    return runs_of_changes([(op if op in "-+" else "=", t) for op, t in ops])


def main() -> None:
    print(f"# {sys.version.split()[0]}; median of repeated runs, milliseconds")
    with tempfile.TemporaryDirectory() as tmp:
        for words, repeat in ((800, 200), (8000, 20)):
            old, new = make_pair(words, seed=words)
            a, b = Path(tmp, f"a{words}.txt"), Path(tmp, f"b{words}.txt")
            a.write_text(old)
            b.write_text(new)
            c = compare(old, new)
            rows = [
                (
                    "revtrack.compare",
                    median_ms(lambda o=old, n=new: compare(o, n), repeat),
                    runs_of_changes(c.ops),
                ),
                (
                    "git --word-diff",
                    median_ms(lambda a=a, b=b: git_porcelain(a, b), max(5, repeat // 4)),
                    git_hunks(git_porcelain(a, b)),
                ),
                (
                    "dmp word mode",
                    median_ms(lambda o=old, n=new: dmp_word_mode(o, n), max(3, repeat // 10)),
                    runs_of_changes(dmp_word_mode(old, new)),
                ),
                (
                    "difflib words",
                    median_ms(
                        lambda o=old, n=new: difflib.SequenceMatcher(
                            None, o.split(), n.split()
                        ).get_opcodes(),
                        max(3, repeat // 10),
                    ),
                    sum(
                        1
                        for tag, *_ in difflib.SequenceMatcher(None, old.split(), new.split()).get_opcodes()
                        if tag != "equal"
                    ),
                ),
            ]
            print(
                f"\n## {len(old.split())} words (moves found: {c.stats.sentences_moved},"
                f" cosmetic hunks: {c.stats.cosmetic_changes})"
            )
            base = rows[0][1]
            for name, ms, hunks in rows:
                print(f"{name:>18}: {ms:9.2f} ms  {hunks:4d} hunks  ({ms / base:6.2f}x revtrack's time)")
            wording = sum(1 for s in c.segments if s.op != "=" and not s.cosmetic and s.move is None)
            print(f"{'':>18}  revtrack wording segments (excluding cosmetic and moves): {wording}")
        cmd = [sys.executable, "-m", "revtrack", "diff", str(a), str(b)]
        ms = median_ms(lambda: subprocess.run(cmd, capture_output=True), 10)
        print(f"\nrevtrack diff a b (8,000 words, whole process): {ms:.0f} ms  [target: at most 150 ms]")
        startup = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True), 10)
        print(f"python -c pass (interpreter start, for reference): {startup:.0f} ms")


if __name__ == "__main__":
    main()
