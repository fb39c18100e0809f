"""Matching a reply typed in the trainee's own words to the option it means.

Offline and small: nothing is downloaded, no model is loaded. Every option
comes with ways of saying it (its `say` and its authored `examples:`); a
typed text is compared with each of them on two features that survive
Finnish morphology and typing on a phone:

- character 3-grams of the folded text (ä → a, ö → o): "hakemuksenne" and
  "hakemusta" share most of theirs, as do "tapahtunut" and "tapahtunu";
- word stems (Snowball), matched fuzzily (one letter off counts, for words
  of five letters or more).

Both are weighted by how rare a feature is among the node's options, so the
words every option shares ("hei", "you") count for little and the words that
carry an option's meaning count most. An option scores as its best example
does, blended with its second best.

Whether the reply is understood is decided by the margin between the best
and the second option, not by a fixed threshold: a reply close to two
options is asked back ("Did you mean …?"), however close it is to either.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sim.content.model import Choice, Scenario

# A reply is understood when its best option beats the second by this share
# of the best option's score, and scores at least FLOOR: below that it shares
# too little with any option to be understood at all. Tuned on the authored
# examples (each against the others), never on the held-out benchmark set.
MARGIN = 0.4
FLOOR = 0.15
_GRAM_WEIGHT = 0.55  # the rest: word stems

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})
_STEMMERS = {"fi": "finnish", "en": "english", "sv": "swedish", "et": "estonian", "ru": "russian", "de": "german", "fr": "french"}


@dataclass(frozen=True, slots=True)
class Candidate:
    choice: str  # the option's id
    score: float  # 0–1: how close the reply is to the option's closest ways of saying it


@dataclass(frozen=True, slots=True)
class Match:
    """The options ranked for one reply, best first, and whether it was understood."""

    candidates: tuple[Candidate, ...]
    accepted: str | None  # the option understood, or None: ask back
    confidence: float  # 0–1: the best option's lead over the second, as a share of its score

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def did_you_mean(self) -> list[str]:
        """The options to ask back with ("Did you mean …?"): the top two when the
        reply is close to options but not clearly to one; none when it is close to
        none (then the trainee sees the list) or when it was understood."""
        if self.accepted is not None or not self.candidates or self.candidates[0].score < FLOOR:
            return []
        return [c.choice for c in self.candidates[:2] if c.score > 0]

    def as_dict(self) -> dict[str, object]:
        return {
            "choice": self.accepted,
            "confidence": round(self.confidence, 3),
            "candidates": [{"choice": c.choice, "score": round(c.score, 3)} for c in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class _Text:
    grams: Counter[str]
    stems: tuple[str, ...]


def normalise(text: str) -> str:
    """Lower case, accents kept apart, every run of non-letters one space."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_WORD.findall(text))


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> Callable[[list[str]], list[str]]:
    name = _STEMMERS.get(lang)
    if name is None:
        return lambda words: words
    import snowballstemmer  # type: ignore[import-untyped]  # here: loaded only when a reply is typed

    return snowballstemmer.stemmer(name).stemWords  # type: ignore[no-any-return]  # snowballstemmer has no types: this is Any to mypy


def _features(text: str, lang: str) -> _Text:
    words = normalise(text).split()
    stems = tuple(s.translate(_FOLD) for s in _stemmer(lang)(words))
    folded = " " + " ".join(words).translate(_FOLD) + " "
    grams = Counter(folded[i : i + 3] for i in range(len(folded) - 2))
    return _Text(grams, stems)


def _near(a: str, b: str) -> bool:
    """The same stem, or one letter added, left out, changed or two swapped (words of five letters or more)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Node:
    """Every way of saying each option of one node, with the rarity of each feature among them."""

    def __init__(self, options: Sequence[tuple[str, Sequence[str]]], lang: str) -> None:
        self.lang = lang
        self.options = [(cid, [_features(t, lang) for t in texts if normalise(t)]) for cid, texts in options]
        # Rarity among the options (not the examples): a feature all options share tells none apart.
        gram_df: Counter[str] = Counter()
        stem_df: Counter[str] = Counter()
        for _, texts in self.options:
            gram_df.update({g for t in texts for g in t.grams})
            stem_df.update({s for t in texts for s in t.stems})
        n = max(1, len(self.options))
        self.gram_idf = {g: math.log((n + 1) / (d + 0.5)) for g, d in gram_df.items()}
        self.stem_idf = {s: math.log((n + 1) / (d + 0.5)) for s, d in stem_df.items()}
        self.unseen = math.log((n + 1) / 0.5)  # a feature of the reply no option has
        self.vectors = [[self._vector(t) for t in texts] for _, texts in self.options]

    def _vector(self, t: _Text) -> tuple[dict[str, float], float]:
        v = {g: c * self.gram_idf.get(g, self.unseen) for g, c in t.grams.items()}
        return v, math.sqrt(sum(w * w for w in v.values())) or 1.0

    def _stem_overlap(self, reply: tuple[str, ...], example: tuple[str, ...]) -> float:
        # Weighted share of the reply's and the example's stems that find a near one on the other side.
        if not reply or not example:
            return 0.0

        def covered(src: Iterable[str], dst: tuple[str, ...]) -> tuple[float, float]:
            got = total = 0.0
            for s in src:
                w = self.stem_idf.get(s, self.unseen)
                total += w
                if any(_near(s, d) for d in dst):
                    got += w
            return got, total

        a_got, a_total = covered(set(reply), example)
        b_got, b_total = covered(set(example), reply)
        return (a_got + b_got) / ((a_total + b_total) or 1.0)

    def scores(self, reply: _Text) -> list[Candidate]:
        rv, rn = self._vector(reply)
        out = []
        for (cid, texts), vectors in zip(self.options, self.vectors, strict=True):
            sims = []
            for t, (v, n) in zip(texts, vectors, strict=True):
                cosine = sum(w * v.get(g, 0.0) for g, w in rv.items()) / (rn * n)
                sims.append(_GRAM_WEIGHT * cosine + (1 - _GRAM_WEIGHT) * self._stem_overlap(reply.stems, t.stems))
            sims.sort(reverse=True)
            # The best way of saying it counts most; a second close one makes it surer.
            score = 0.75 * sims[0] + 0.25 * sims[1] if len(sims) > 1 else (sims[0] if sims else 0.0)
            out.append(Candidate(cid, score))
        out.sort(key=lambda c: -c.score)
        return out


def decide(candidates: Sequence[Candidate]) -> tuple[str | None, float]:
    """The option understood (by its lead over the second) and the confidence."""
    if not candidates:
        return None, 0.0
    best = candidates[0].score
    second = candidates[1].score if len(candidates) > 1 else 0.0
    lead = (best - second) / best if best > 0 else 0.0
    confidence = max(0.0, min(1.0, lead))
    return (candidates[0].choice if best >= FLOOR and lead >= MARGIN else None), confidence


def ways_of_saying(say: str | Mapping[str, str], examples: Mapping[str, Sequence[str]], lang: str, default_lang: str) -> list[str]:
    """An option's texts in `lang`: its `say` (in that language, where it has one) and its examples."""
    texts = list(examples.get(lang, ()))
    if isinstance(say, str):
        if lang == default_lang:
            texts.insert(0, say)
    elif say.get(lang):
        texts.insert(0, say[lang])
    return texts


def options_of(scenario: Scenario, choices: Sequence[Choice], lang: str) -> list[tuple[str, list[str]]]:
    """Each option's id and its ways of saying it in `lang`."""
    return [(c.id or "", ways_of_saying(c.say, c.examples, lang, scenario.language)) for c in choices]


# The matchers of the scenario versions matched lately. Bounded, because a
# `sim play --watch` session makes a new version at every save of the file.
_MATCHER: OrderedDict[str, Matcher] = OrderedDict()
KEPT_VERSIONS = 8


def match_at(scenario: Scenario, node_id: str, choices: Sequence[Choice], text: str, lang: str) -> Match:
    """Match `text` among `choices` (those offered at `node_id`), the nodes prepared once per scenario version."""
    matcher = _MATCHER.get(scenario.content_hash)
    if matcher is None:
        matcher = _MATCHER[scenario.content_hash] = Matcher()
        while len(_MATCHER) > KEPT_VERSIONS:
            _MATCHER.popitem(last=False)
    else:
        _MATCHER.move_to_end(scenario.content_hash)
    return matcher.match((scenario.id, node_id), options_of(scenario, choices, lang), text, lang)


class Matcher:
    """Matches replies at the nodes of one scenario; each node is prepared once per language."""

    def __init__(self) -> None:
        self._nodes: dict[tuple[object, ...], _Node] = {}

    def match(self, key: object, options: Sequence[tuple[str, Sequence[str]]], text: str, lang: str) -> Match:
        """Rank `options` — (choice id, its ways of saying it in `lang`) — for `text`.
        `key` names the node and language for the cache (the options must be the same for a key)."""
        cache_key = (key, lang, tuple(cid for cid, _ in options))
        node = self._nodes.get(cache_key)
        if node is None:
            node = self._nodes[cache_key] = _Node(options, lang)
        reply = _features(text, lang)
        if not reply.stems:
            return Match(tuple(Candidate(cid, 0.0) for cid, _ in options), None, 0.0)
        candidates = node.scores(reply)
        accepted, confidence = decide(candidates)
        return Match(tuple(candidates), accepted, confidence)
