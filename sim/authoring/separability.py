"""How well the options of each node can be told apart when a trainee answers
in their own words: every authored example matched with itself left out, as
if a trainee had typed it (sim.core.matching).

An example that goes to another option is a confusion the author can fix
(reword it, or the sibling's examples); one that is asked back is a reply the
trainee would be asked about. `sim match SCENARIO --report` prints this per
node; benchmarks/matching/evaluate.py sums it over the built-in scenarios.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sim.content import conditions
from sim.content.model import Scenario
from sim.core.matching import Candidate, Matcher, decide, normalise, options_of, ways_of_saying


@dataclass(frozen=True, slots=True)
class Trial:
    """One example, matched with itself left out."""

    choice: str  # the option it belongs to
    text: str
    candidates: tuple[Candidate, ...]

    @property
    def outcome(self) -> str:
        """correct, wrong or asked, by the matcher's rule as it is now."""
        accepted, _ = decide(self.candidates)
        return "asked" if accepted is None else "correct" if accepted == self.choice else "wrong"

    @property
    def read_as(self) -> str | None:
        accepted, _ = decide(self.candidates)
        return accepted


@dataclass(slots=True)
class NodeReport:
    node: str
    lang: str
    trials: list[Trial] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        return Counter(t.outcome for t in self.trials)

    def confusions(self) -> list[tuple[str, str, str]]:
        """(option, read as, example) of every example understood as another option."""
        return [(t.choice, t.read_as or "", t.text) for t in self.trials if t.outcome == "wrong"]


def node_reports(scenario: Scenario, langs: tuple[str, ...] = ("fi", "en")) -> list[NodeReport]:
    """Every node with two options or more, per language that has examples there."""
    out = []
    for nid, node in scenario.nodes.items():
        if len(node.choices) < 2:
            continue
        for lang in langs:
            if not any(c.examples.get(lang) for c in node.choices):
                continue
            report = NodeReport(nid, lang)
            options = options_of(scenario, node.choices, lang)
            for i, (cid, texts) in enumerate(options):
                own_say = bool(ways_of_saying(node.choices[i].say, {}, lang, scenario.language))
                for j, text in enumerate(texts):
                    if (j == 0 and own_say) or not normalise(text):
                        continue  # `say` itself: the examples are what trainees would type
                    left = [(c, [x for k, x in enumerate(xs) if not (c == cid and k == j)]) for c, xs in options]
                    result = Matcher().match((scenario.id, nid, cid, j), left, text, lang)
                    report.trials.append(Trial(cid, text, result.candidates))
            out.append(report)
    return out


def identical_examples(scenario: Scenario) -> list[tuple[str, str, str, str, str]]:
    """(node, lang, option, other option, text) where two options that can be offered
    together share a way of saying them (written the same once case and punctuation
    are set aside): a trainee who types it cannot be understood as either."""
    found = []
    ranges = scenario.ranges()
    for nid, node in scenario.nodes.items():
        when = {c.id: c.when for c in node.choices}
        for lang in dict.fromkeys(("fi", "en", scenario.language)):
            seen: dict[str, str] = {}
            for cid, texts in options_of(scenario, node.choices, lang):
                for text in texts:
                    key = normalise(text)
                    other = seen.get(key)
                    if key and other is not None and other != cid and _together(when[cid], when[other], ranges):
                        found.append((nid, lang, cid, other, text))
                    seen.setdefault(key, cid)
    return sorted(set(found))


def _together(a: str | None, b: str | None, ranges: dict[str, tuple[int, int]]) -> bool:
    """Whether two options' conditions can hold at once (so both are offered)."""
    if a is None or b is None:
        return True
    try:
        return conditions.satisfiable(conditions.And((conditions.parse(a), conditions.parse(b))), ranges)
    except conditions.ConditionError:
        return True  # said where the condition is
