"""Deterministic synthetic news corpus with versions and hard negatives.

Used by the grouping tests (precision/recall) and ``benchmarks/grouping.py``.
Each story has its own topic words and named entities; about 20% of stories get
1-4 later versions, each derived from the one before with realistic edits:
headline change, 1-30% of words substituted/inserted/deleted, a paragraph added
or dropped, sentences reordered. Hard negatives: distinct stories sharing a long
identical quote, stories ending in one outlet's boilerplate paragraph, and
templated stories (one template, different facts).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_SYLLABLES = (
    "ka lo mi ra te su no ve di pa ro lu be ti sa mo ne ga fi po re ku za da le "
    "ri to ma ni se bo gu ha je wo ye xi qu vo ce ba fo hi ju"
).split()
_STOP = (
    "the of and to in a that for on with as by at from is was it its this be are "
    "has have had will would said which after but their were also about an"
).split()


@dataclass(frozen=True)
class Doc:
    """One synthetic article and the story it truly belongs to."""

    headline: str
    body: str
    story: int
    published: int  # day number, for ordering


class _Words:
    """Vocabulary, entity and number pools drawn from one seeded RNG."""

    def __init__(self, rng: random.Random, size: int = 9000) -> None:
        self.rng = rng
        seen: set[str] = set()
        while len(seen) < size:
            seen.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.vocab = sorted(seen)
        # Zipf-like weights: common words recur across stories, rare ones identify them
        cum, total = [], 0.0
        for i in range(len(self.vocab)):
            total += 1.0 / (i + 10)
            cum.append(total)
        self.cum_weights = cum

    def common(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum_weights, k=k)

    def rare(self, k: int) -> list[str]:
        return [self.rng.choice(self.vocab) for _ in range(k)]

    def entity(self) -> str:
        return " ".join(w.capitalize() for w in self.rare(self.rng.randint(1, 2)))

    def number(self) -> str:
        return str(self.rng.choice([self.rng.randint(2, 99), self.rng.randint(100, 99_999)]))


def _sentence(w: _Words, topic: list[str], facts: list[str], length: int) -> str:
    rng = w.rng
    out = []
    for _ in range(length):
        r = rng.random()
        if r < 0.38:
            out.append(rng.choice(_STOP))
        elif r < 0.70:
            out.append(rng.choice(topic))
        elif r < 0.88:
            out.extend(w.common(1))
        else:
            out.append(rng.choice(facts))
    out[0] = out[0][0].upper() + out[0][1:]
    return " ".join(out) + "."


def _paragraph(w: _Words, topic: list[str], facts: list[str]) -> list[str]:
    return [_sentence(w, topic, facts, w.rng.randint(12, 24)) for _ in range(w.rng.randint(3, 6))]


def _story(w: _Words, words_target: int = 600) -> tuple[str, list[list[str]], list[str], list[str]]:
    topic = w.rare(60)
    facts = [w.entity() for _ in range(10)] + [w.number() for _ in range(5)]
    paras: list[list[str]] = []
    while sum(len(s.split()) for p in paras for s in p) < words_target:
        paras.append(_paragraph(w, topic, facts))
    headline = " ".join([facts[0], *w.rng.sample(topic, 5), facts[1]])
    return headline, paras, topic, facts


def _join(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras)


def _edit(w: _Words, headline: str, paras: list[list[str]], topic, facts) -> tuple[str, list[list[str]]]:
    """One later version: the kinds of change editors make."""
    rng = w.rng
    paras = [list(p) for p in paras]
    if rng.random() < 0.5:
        hw = headline.split()
        for _ in range(rng.randint(1, 4)):
            hw[rng.randrange(len(hw))] = rng.choice(topic)
        headline = " ".join(hw)
    rate = rng.uniform(0.01, 0.30)
    for p in paras:
        for si, sentence in enumerate(p):
            toks = sentence[:-1].split()
            out = []
            for tok in toks:
                r = rng.random()
                if r < rate / 3:
                    out.append(rng.choice(topic + w.common(3)))  # substitute
                elif r < 2 * rate / 3:
                    continue  # delete
                elif r < rate:
                    out.extend([tok, rng.choice(w.common(2) + topic)])  # insert
                else:
                    out.append(tok)
            p[si] = " ".join(out or toks[:1]) + "."
    r = rng.random()
    if r < 0.3:
        paras.insert(rng.randrange(len(paras) + 1), _paragraph(w, topic, facts))
    elif r < 0.5 and len(paras) > 2:
        paras.pop(rng.randrange(len(paras)))
    if rng.random() < 0.3:
        p = rng.choice(paras)
        rng.shuffle(p)
    return headline, paras


def generate(n_stories: int = 1700, seed: int = 7, words: int = 600) -> list[Doc]:
    """Build the corpus: ``n_stories`` stories plus versions and hard negatives.

    >>> docs = generate(60, seed=1)
    >>> len(docs) > 60 and len({d.story for d in docs}) == 60
    True
    """
    rng = random.Random(seed)
    w = _Words(rng)
    docs: list[Doc] = []
    boiler = " ".join(_paragraph(w, w.rare(30), [w.entity() for _ in range(4)]))
    quotes = [" ".join(_sentence(w, w.rare(20), [w.entity()], 20) for _ in range(3)) for _ in range(40)]
    story = 0
    while story < n_stories:
        kind = rng.random()
        if kind < 0.08 and story + 4 <= n_stories:
            # templated: same template, different facts (names and numbers)
            template_h, template_p, topic, facts = _story(w, words)
            fixed = facts[:3]
            for _ in range(rng.randint(3, 4)):
                if story >= n_stories:
                    break
                fresh = fixed + [w.entity() for _ in range(7)] + [w.number() for _ in range(5)]
                mapping = dict(zip(facts, fresh, strict=True))
                body = _join(template_p)
                head = template_h
                for old, new in sorted(mapping.items(), key=lambda kv: -len(kv[0])):
                    body = body.replace(old, new)
                    head = head.replace(old, new)
                docs.append(Doc(head, body, story, rng.randint(0, 365)))
                story += 1
            continue
        headline, paras, topic, facts = _story(w, words)
        if kind < 0.16:
            # a long identical quote shared with other stories
            paras[rng.randrange(len(paras))].append(f'"{rng.choice(quotes)}"')
        elif kind < 0.26:
            paras.append([boiler])  # the outlet's boilerplate paragraph
        day = rng.randint(0, 365)
        docs.append(Doc(headline, _join(paras), story, day))
        if rng.random() < 0.2:
            for v in range(rng.randint(1, 4)):
                headline, paras = _edit(w, headline, paras, topic, facts)
                docs.append(Doc(headline, _join(paras), story, day + v + 1))
        story += 1
    rng.shuffle(docs)
    return docs


def pairwise_scores(truth: list[int], predicted: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against true labels.

    >>> pairwise_scores([0, 0, 1, 1], [0, 0, 1, 2])
    (1.0, 0.5)
    """
    from collections import Counter

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pairs(Counter(zip(truth, predicted, strict=True)))
    pred = pairs(Counter(predicted))
    true = pairs(Counter(truth))
    return (both / pred if pred else 1.0), (both / true if true else 1.0)
