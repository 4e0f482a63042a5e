"""diff-match-patch's search in C++ (fast-diff-match-patch) gives the Python engine's diffs.

The C++ port runs ``diff_main`` where a wheel exists; everything the user sees
must be what the Python engine would have given, so the two are held equal on
generated unit strings (few and many distinct units, control characters and
code points above the BMP, as the token coding produces) and on whole
comparisons with the C++ engine switched off.
"""

from __future__ import annotations

import random
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack import compare
from revtrack.diffing import engine

#: the token coding maps units to code points from U+0001 up, skipping surrogates
CODE_POINTS = st.sampled_from([0x1, 0x9, 0xA, 0x20, 0x41, 0x2019, 0xE000, 0x10000, 0x10FFFF])


@st.composite
def edited(draw):
    """A unit string over a small alphabet and an edited copy of it."""
    base = draw(CODE_POINTS)
    alphabet = [chr(min(base + k, 0x10FFFF)) for k in range(draw(st.integers(1, 12)))]
    old = draw(st.lists(st.sampled_from(alphabet), max_size=80))
    new = list(old)
    for at, action, unit in draw(
        st.lists(st.tuples(st.integers(0, 80), st.integers(0, 2), st.sampled_from(alphabet)))
    ):
        at = min(at, len(new))
        if action == 0 and at < len(new):
            del new[at]
        elif action == 1:
            new.insert(at, unit)
        elif at < len(new):
            new[at] = unit
    return "".join(old), "".join(new)


def test_the_native_engine_is_installed_where_it_has_a_wheel() -> None:
    # pyproject asks for it up to CPython 3.12; a missing install would silently run slow
    assert (engine.native_engine() is not None) == (sys.version_info < (3, 13))


@settings(max_examples=500, deadline=None)
@given(edited())
def test_native_search_gives_the_python_engines_diff(pair: tuple[str, str]) -> None:
    old, new = pair
    assert engine.diff_main(old, new) == engine.dmp().diff_main(old, new, False)


def test_unrelated_long_unit_strings_give_the_same_diff() -> None:
    # the bisect's deep recursion: two unrelated 400-unit strings over 30 units
    rng = random.Random(4)
    old = "".join(chr(0x100 + rng.randrange(30)) for _ in range(400))
    new = "".join(chr(0x100 + rng.randrange(30)) for _ in range(400))
    assert engine.diff_main(old, new) == engine.dmp().diff_main(old, new, False)


def test_comparisons_are_the_same_without_the_native_engine(monkeypatch) -> None:
    old = (
        "The council met on Tuesday. It voted 7-2 to close the harbour road, officials said.\n\n"
        "Residents objected. \u201cWe were not asked,\u201d said one, Ana Diaz."
    )
    new = (
        "The council met late on Tuesday. It voted 6-3 to shut the harbour road for a year.\n\n"
        'Residents objected loudly. "Nobody asked us," said Ana Diaz, a shop owner.'
    )
    native = compare(old, new)
    monkeypatch.setattr(engine, "native_engine", lambda: None)
    python = compare(old, new)
    assert (python.segments, python.moves, python.stats) == (native.segments, native.moves, native.stats)
