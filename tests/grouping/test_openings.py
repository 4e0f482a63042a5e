"""The opening words of a body and of its later paragraphs, read fast and read alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.grouping.openings import _OPENING_WORD, _words, inner_openings, opening_words

_WORD = st.text(alphabet=st.sampled_from("abcdefghij\u00e9\u00df\u4e2d"), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_the_fast_word_reader_reads_the_words_of_the_regular_expression(text):
    """ASCII text goes through a byte table, other text through ``\\w+``: the same words,
    so the keys stored by earlier versions (``revisions.opening``) still match."""
    assert _words(text) == _OPENING_WORD.findall(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_WORD, min_size=1, max_size=20), min_size=2, max_size=8))
def test_each_later_paragraph_opens_a_key_read_as_a_body_would_open(paragraphs):
    """A later paragraph's key is the opening words of the text from that paragraph on: what
    :func:`opening_words` gives the version that opens there."""
    texts = [" ".join(words) for words in paragraphs]
    body = "\n\n".join(texts)
    keys = inner_openings(body)
    for n in range(1, len(texts)):
        rest = "\n\n".join(texts[n:])
        opened = opening_words(rest)
        if len(texts[n]) >= 30 and opened is not None and opened != opening_words(body):
            assert opened in keys
    assert opening_words(body) not in keys and len(set(keys)) == len(keys)
