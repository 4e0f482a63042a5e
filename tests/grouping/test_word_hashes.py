"""Words hashed in numpy (``token_hashes``): the same words as ``str.split``, equal words equal hashes."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from revtrack.grouping import fingerprint
from revtrack.grouping.docs import make_docs
from revtrack.grouping.fingerprint import token_hashes
from revtrack.grouping.sketch import STOP_WORDS, content_mask, document_sketches, grouping_text
from revtrack.text import PUNCT_TO_SPACE, cosmetic_fold

# short and long words (the numpy path ends at 16 bytes), multi-byte letters, NUL and
# other control bytes, which str.split keeps inside words
_LETTERS = st.sampled_from(["a", "b", "\u00e9", "\u4e2d", "\x00", "\x7f", "\U0001f600", "ab" * 5, "A"])
# what folding changes or splits on: quotes straight and curly, dashes, spaces
_MARKS = st.sampled_from(
    ['"', "`", "'", "\u2019", "\u201c", "-", "--", "\u2014", ",", ".", "\u00a0", "\n", " "]
)
_WORD = st.lists(_LETTERS, min_size=1, max_size=12).map("".join)
_TEXT = st.lists(_WORD, max_size=12).map(" ".join) | st.text(max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_equal_words_hash_equal_and_different_words_differ(texts):
    hashes, counts = token_hashes(texts)
    words = [[w for w in text.split(" ") if w] for text in texts]
    assert counts.tolist() == [len(ws) for ws in words]
    seen: dict[str, int] = {}
    for word, value in zip([w for ws in words for w in ws], hashes.tolist(), strict=True):
        assert seen.setdefault(word, value) == value
    assert len(set(seen.values())) == len(seen)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
    | _TEXT
    | st.lists(_LETTERS | _MARKS, max_size=30).map("".join)
)
@example('"Hello," he said')  # ASCII: the double quote folds to an apostrophe as in other text
@example('"Hello," he said \u00e9')
def test_grouping_text_has_the_words_of_folding_and_splitting(text):
    """Splitting on the ASCII space alone gives the words that folding, then ``str.split``, gives."""
    expected = PUNCT_TO_SPACE.apply(cosmetic_fold(text).casefold()).split()
    assert [w for w in grouping_text(text).split(" ") if w] == expected


def test_a_word_hashes_alike_in_any_batch_and_any_group(monkeypatch):
    """Texts are hashed in groups of a few hundred KB: a group's edge changes no hash."""
    texts = [f"story {n} of the port strike in velmora internationalisation" for n in range(400)]
    whole, counts = token_hashes(texts)
    monkeypatch.setattr(fingerprint, "GROUP_BYTES", 1000)  # dozens of groups
    grouped, grouped_counts = token_hashes(texts)
    assert (grouped == whole).all() and (grouped_counts == counts).all()
    alone = np.concatenate([token_hashes([text])[0] for text in texts[:20]])
    assert (alone == whole[: alone.size]).all()


def test_a_document_is_made_and_sketched_alike_alone_or_in_a_batch():
    items = [
        (f"Port strike day {n}", f"Dockers in Velmora struck for the {n}th day. " * (n + 1)) for n in range(9)
    ]
    batch = make_docs([(h, b, None) for h, b in items])
    values, words = document_sketches(items)
    for n, (headline, body) in enumerate(items):
        alone = make_docs([(headline, body, None)])[0]
        assert (alone.shingles == batch[n].shingles).all()
        assert (alone.features.content_words == batch[n].features.content_words).all()
        assert alone.features.words == batch[n].features.words == len(body.split())
        one_values, one_words = document_sketches([(headline, body)])
        assert (one_values[0] == values[n]).all() and one_words[0] == words[n]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(sorted(STOP_WORDS)) | st.from_regex(r"[a-z']{1,12}", fullmatch=True), max_size=40
    )
)
def test_stop_words_and_only_they_are_dropped(words):
    hashes, _ = token_hashes([" ".join(words)])
    assert content_mask(hashes).tolist() == [w not in STOP_WORDS for w in words]
