"""The MinHash sketch estimates Jaccard similarity, and banding makes candidates as its curve says."""

from __future__ import annotations

import random

import numpy as np
import pytest

from revtrack.grouping.sketch import (
    LSH_THRESHOLD,
    K,
    band_keys,
    candidate_probability,
    estimated_jaccard,
    jaccard,
    sketch_values,
)


def _pair(rng: random.Random, size: int, similarity: float) -> tuple[frozenset, frozenset]:
    """Two word sets of ``size`` words each whose exact Jaccard similarity is near ``similarity``."""
    shared = round(2 * size * similarity / (1 + similarity))
    words = [f"w{rng.getrandbits(48):x}" for _ in range(2 * size - shared)]
    return frozenset(words[:size]), frozenset(words[:shared] + words[size:])


@pytest.mark.parametrize("similarity", [0.1, 0.3, 0.5, 0.7, 0.9])
@pytest.mark.parametrize("size", [20, 200])
def test_the_estimate_follows_exact_jaccard(similarity, size):
    rng = random.Random(f"{similarity}-{size}")
    errors = []
    for _ in range(60):
        a, b = _pair(rng, size, similarity)
        errors.append(estimated_jaccard(sketch_values(a), sketch_values(b)) - jaccard(a, b))
    errors = np.array(errors)
    # one-permutation MinHash with densification: unbiased, spread about sqrt(J(1-J)/K)
    spread = (similarity * (1 - similarity) / K) ** 0.5
    assert abs(errors.mean()) < 0.02
    assert np.abs(errors).max() < 5 * spread + 0.02


@pytest.mark.parametrize("similarity", [0.2, LSH_THRESHOLD, 0.5])
def test_banding_makes_candidates_at_the_rate_its_curve_gives(similarity):
    rng = random.Random(f"bands-{similarity}")
    trials = 300
    shared = 0
    for _ in range(trials):
        a, b = _pair(rng, 120, similarity)
        shared += bool(np.intersect1d(band_keys(sketch_values(a)), band_keys(sketch_values(b))).size)
    expected = candidate_probability(similarity)
    assert abs(shared / trials - expected) < 4 * (expected * (1 - expected) / trials) ** 0.5 + 0.03


def test_the_named_threshold_is_where_the_curve_rises():
    assert 0.3 < LSH_THRESHOLD < 0.4
    assert candidate_probability(LSH_THRESHOLD - 0.15) < 0.2 < 0.5 < candidate_probability(LSH_THRESHOLD)
