"""The built-in content: clean, bilingual, and pedagogically ordered.

Best and worst paths are recorded once, as the cases `best path` and `worst
path` of the transcript tests beside each scenario (dialogues/<id>.test.yaml);
the best one must beat the worst on every goal principle, and every
transcript test and a batch of random playthroughs must pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sim.authoring.fuzz import fuzz
from sim.authoring.lint import lint_library
from sim.authoring.transcript_file import is_test_file, load_tests
from sim.authoring.transcript_run import run_paths
from sim.authoring.translations_lint import entries, translation_problems
from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.scoring import score
from sim.paths import builtin_dialogues, builtin_profiles

REQUIRED = {"fi", "en"}
TEXT_KEYS = {
    "title", "briefing", "content_warning", "subject", "label", "name", "description", "say", "feedback", "narration", "client", "gloss",
    "good", "bad",
}
# Keys of a line that is a speaker's or said in variants, not a text itself.
LINE_KEYS = {"speaker", "say", "variants", "when"}


def _paths() -> dict[str, dict[str, list[str]]]:
    """scenario id → {"best": actions, "worst": actions}, from the transcript tests."""
    out: dict[str, dict[str, list[str]]] = {}
    for f in sorted(builtin_dialogues().glob("*.test.yaml")):
        loaded, problems = load_tests(f)
        assert loaded is not None and not problems, [p.format() for p in problems]
        cases = {c.name: c for c in loaded.tests.cases}
        out[loaded.tests.scenario] = {
            kind: [str(step.do) for step in cases[f"{kind} path"].steps if step.do is not None] for kind in ("best", "worst")
        }
    return out


PATHS = _paths()


@pytest.fixture(scope="module")
def builtin():
    lib = load_library([builtin_dialogues(), builtin_profiles()])
    return lib


def test_builtin_files_have_no_errors_or_warnings(builtin):
    problems = builtin.problems + lint_library(builtin)
    assert [p.format() for p in problems] == []


def test_there_are_twelve_scenarios_or_more_with_recorded_paths(builtin):
    ids = sorted(ls.scenario.id for ls in builtin.scenarios)
    assert ids == sorted(PATHS)
    assert len(ids) >= 12


def test_every_persona_is_used_and_every_principle_trained_twice(builtin):
    used = {ls.scenario.profile for ls in builtin.scenarios}
    assert used == set(builtin.profiles)
    goals: dict[str, int] = {}
    for ls in builtin.scenarios:
        for goal in ls.scenario.goals:
            goals[goal] = goals.get(goal, 0) + 1
    assert {pid: goals.get(pid, 0) for pid in builtin.principles if goals.get(pid, 0) < 2} == {}


def test_the_difficulties_spread_and_every_channel_is_there(builtin):
    assert {ls.scenario.difficulty for ls in builtin.scenarios} == {"easy", "medium", "hard"}
    assert {ls.scenario.channel.value for ls in builtin.scenarios} == {"desk", "phone", "chat", "email"}
    assert sum(ls.scenario.channel.value == "email" for ls in builtin.scenarios) >= 2
    assert sum(ls.scenario.channel.value == "chat" for ls in builtin.scenarios) >= 2


def test_three_scenarios_or_more_end_in_a_critical_miss_when_help_is_not_called(builtin):
    missed = []
    for ls in builtin.scenarios:
        session = Session.replay(ls.scenario, builtin.profile_for(ls.scenario), 0, PATHS[ls.scenario.id]["worst"], builtin.critical_principles)
        if any(m.principle == "call-help-early" for m in score(session).critical_misses):
            missed.append(ls.scenario.id)
    assert len(missed) >= 3, missed


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_shape_meets_the_content_brief(builtin, scenario_id):
    s = builtin.scenario(scenario_id).scenario
    endings = [n.end for n in s.nodes.values() if n.end]
    assert 15 <= len(s.nodes) <= 40, len(s.nodes)
    assert len(endings) >= 4 and len(set(endings)) >= 3
    assert max(len(p) for p in PATHS[scenario_id].values()) >= 4
    for nid, node in s.nodes.items():
        for choice in node.choices:
            assert choice.feedback is not None, f"{nid}/{choice.id} has no feedback"
            assert choice.principles, f"{nid}/{choice.id} scores no principle"


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_best_path_beats_worst_on_every_goal(builtin, scenario_id):
    ls = builtin.scenario(scenario_id)
    critical = frozenset(pid for pid, p in builtin.principles.items() if p.critical)
    profile = builtin.profile_for(ls.scenario)
    results = {}
    for kind in ("best", "worst"):
        session = Session.replay(ls.scenario, profile, 0, PATHS[scenario_id][kind], critical)
        assert session.ended, f"{kind} path of {scenario_id} stops at {session.node_id}"
        results[kind] = score(session)
    best, worst = results["best"], results["worst"]
    assert not best.critical_misses
    assert best.success
    tested = 0
    for goal in ls.scenario.goals:
        b, w = best.principle(goal).score, worst.principle(goal).score
        # A goal may be met on other branches only (call-help-early where the best path never
        # lets the client become a threat): lint and analyze check each goal has a good and a poor option.
        if b is not None:
            tested += 1
            assert w is None or b >= w, f"{scenario_id}: {goal} best {b} < worst {w}"
    assert tested >= len(ls.scenario.goals) - 2, f"the best path of {scenario_id} tests only {tested} of its goals"
    assert best.overall > worst.overall


def test_aggressive_worst_path_is_a_critical_miss_of_calling_help(builtin):
    ls = builtin.scenario("aggressive-desk")
    session = Session.replay(ls.scenario, builtin.profile_for(ls.scenario), 0, PATHS["aggressive-desk"]["worst"])
    result = score(session)
    assert any(m.principle == "call-help-early" for m in result.critical_misses)
    assert result.grade == "needs practice"


def _texts(value: Any, key: str | None, where: str):
    """Every authored text in raw YAML data, with where it sits."""
    if key == "variants":
        for i, variant in enumerate(value):
            yield f"{where}[{i}]", variant["say"] if isinstance(variant, dict) and "say" in variant else variant
        return
    if key in TEXT_KEYS or key == "expectations":
        items = value if isinstance(value, list) else list(value.values()) if key == "expectations" else [value]
        for i, item in enumerate(items):
            if isinstance(item, dict) and LINE_KEYS & set(item):
                yield from _texts(item, None, f"{where}[{i}]")  # a speaker's line, or one said in variants
            else:
                yield f"{where}[{i}]", item
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, str(k), f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, None, f"{where}[{i}]")


def _builtin_files() -> list[Path]:
    files = [*builtin_dialogues().glob("*.yaml"), *builtin_profiles().glob("*.yaml")]
    return sorted(p for p in files if not is_test_file(p))


@pytest.mark.parametrize("path", _builtin_files(), ids=lambda p: p.name)
def test_every_text_is_in_finnish_and_english(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = []
    count = 0
    for where, text in _texts(data, None, path.name):
        count += 1
        if not isinstance(text, dict) or not {k for k, v in text.items() if isinstance(v, str) and v.strip()} >= REQUIRED:
            missing.append(where)
    assert count > 0
    assert missing == []


def test_translation_lint_finds_every_text_and_no_gap(builtin):
    # The lint walks the model; the raw walk above walks the YAML: they must see the same texts.
    from sim.authoring.translations_lint import _MODELS
    from sim.content.library import classify
    from sim.content.loader import load

    for path in _builtin_files():
        model, doc, _ = load(path, _MODELS[classify(path)])
        raw = list(_texts(yaml.safe_load(path.read_text(encoding="utf-8")), None, path.name))
        assert len(entries(model, doc)) == len(raw), path.name
    assert translation_problems(builtin, ["fi", "en"]) == []


def test_every_transcript_test_passes():
    result = run_paths([builtin_dialogues()])
    assert result.errors == []
    assert sorted(f.scenario for f in result.files) == sorted(PATHS)
    failures = [x.format() for c in result.cases for x in c.failures]
    assert failures == []
    assert result.passed >= 2 * len(PATHS)


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_the_transcript_tests_reach_every_kind_of_ending(builtin, scenario_id):
    ls = builtin.scenario(scenario_id)
    loaded, _ = load_tests(builtin_dialogues() / f"{scenario_id}.test.yaml")
    assert loaded is not None
    reached = set()
    for case in loaded.tests.cases:
        session = Session(ls.scenario, builtin.profile_for(ls.scenario), case.seed, builtin.critical_principles)
        for step in case.steps:
            # An option number as shown for the case's seed, or a choice id, `help` or `timeout`.
            if isinstance(step.do, int):
                session.choose(step.do)
            elif step.do is not None:
                session.act(step.do)
        reached.add(session.ending)
    assert reached >= {n.end for n in ls.scenario.nodes.values() if n.end}


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_replays_of_a_path_say_other_words(builtin, scenario_id):
    # Variants: the same path with other seeds says at least one client line differently.
    ls = builtin.scenario(scenario_id)
    profile = builtin.profile_for(ls.scenario)

    def client_lines(seed: int) -> tuple[str, ...]:
        session = Session.replay(ls.scenario, profile, seed, PATHS[scenario_id]["best"], builtin.critical_principles)
        return tuple(str(line.text) for line in session.transcript if line.speaker == "client")

    assert client_lines(1) != client_lines(2)
    assert len({client_lines(seed) for seed in range(8)}) >= 3


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_the_estimated_minutes_are_honest(builtin, scenario_id):
    # `sim fuzz`'s estimate: the median turns of random play, each the words read at 200 a
    # minute and a moment to choose. Random play ends early, so a scenario may say up to twice that.
    ls = builtin.scenario(scenario_id)
    report = fuzz(ls.scenario, builtin.profile_for(ls.scenario), runs=200, seed=0, critical_principles=builtin.critical_principles)
    assert report.minutes is not None and ls.scenario.minutes is not None
    assert report.minutes <= ls.scenario.minutes <= 2 * report.minutes


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_random_playthroughs_find_no_problem(builtin, scenario_id):
    ls = builtin.scenario(scenario_id)
    critical = frozenset(pid for pid, p in builtin.principles.items() if p.critical)
    report = fuzz(ls.scenario, builtin.profile_for(ls.scenario), runs=200, seed=0, critical_principles=critical)
    assert [(p.kind, p.message, p.seed, p.actions) for p in report.problems] == []
    assert sum(report.endings.values()) == 200
    assert "did not end" not in report.endings
    assert len(report.endings) >= 3  # random play reaches several kinds of ending


def _strings(value, path=()):
    """Every authored string in a loaded YAML value, with where it is."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, str(key)))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, (*path, str(i)))
    elif isinstance(value, str):
        yield path, value


def test_no_trainee_text_cites_a_source_file_number():
    # Trainees have no use for "(source 000)": a principle's basis is said in words instead.
    import re

    import yaml

    from sim.paths import builtin_dialogues

    cited = re.compile(r"\b(source|sources|lähde|lähteen|lähteet) ?[0-9]{3}", re.I)
    found = []
    for path in sorted(builtin_dialogues().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in _strings(data):
            if "sources" not in where and cited.search(text):
                found.append(f"{path.name}:{'.'.join(where)}: {text[:60]}")
    assert found == []


def test_every_principle_says_its_basis_in_both_languages():
    import re

    from sim.content.library import load_library

    lib = load_library([], builtin_scenarios=True)
    for pid, principle in lib.principles.items():
        assert isinstance(principle.basis, dict) and set(principle.basis) == {"en", "fi"}, pid
        assert all(len(text) > 20 and not re.search(r"[0-9]{3}", text) for text in principle.basis.values()), pid
