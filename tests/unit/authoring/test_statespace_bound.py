"""`sim.authoring.statespace`: an exploding state space is refused early, by an
estimate of its growth, and every exploration stays within its memory bound.

The hostile scenarios are generated here (tests/hostile_scenarios.py). Memory
is measured with tracemalloc, as the bound is stated; no test measures time.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

import sim.authoring.statespace as statespace
from sim.authoring.analysis import analyze
from sim.authoring.statespace import TooLarge, explore, projected
from sim.content.model import Profile, Scenario
from tests.hostile_scenarios import PERSONA, chain, exploding, ring, wide


@pytest.fixture
def persona() -> Profile:
    return Profile.model_validate(PERSONA)


T = TypeVar("T")


def peak_of(work: Callable[[], T]) -> tuple[T | TooLarge, int]:
    """What `work` returns (or the TooLarge it raises) and the peak of the bytes
    it allocates, with the cyclic collector off as in `analyze`."""
    gc.disable()
    tracemalloc.start()
    try:
        try:
            result: T | TooLarge = work()
        except TooLarge as exc:
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        gc.enable()


def test_the_hostile_file_is_refused_early_within_a_few_megabytes(persona):
    # The review's file: four counters that one looping node raises in steps of
    # 1–3, each read by a condition. It took 1.4 GB before the state limit refused it.
    s = Scenario.model_validate(exploding())
    refusal, peak = peak_of(lambda: analyze(s, persona))
    assert isinstance(refusal, TooLarge)
    assert str(refusal).startswith("its states keep multiplying: after 4,127 of them, their growth points to ")
    assert "more than fit in the 500 MB the analysis may use" in str(refusal)
    # What multiplies the states, by name, and where.
    assert [name for name, _, _ in refusal.variables] == ["v0", "v1", "v2", "v3"]
    assert "the values of `v0` (0–20 so far), `v1` (0–20), `v2` (0–20) and `v3` (0–20) combine" in str(refusal)
    assert refusal.nodes[0][0] == "spin"
    assert refusal.hint.startswith("clamp `v0`, `v1`, `v2` with `min:` and `max:`")
    assert peak < 16_000_000  # the bound is 500 MB; the estimate refuses long before


def test_a_guarded_loop_that_fits_is_analysed_not_refused(persona):
    # Counters raised only while below 8: they are pushed past it by the other
    # counters' choices for a while, and the levels grow fast at first; the
    # estimate must see the spreading slow down (and the walks find the room).
    s = Scenario.model_validate(exploding(variables=4, guard=8))
    g = explore(s, persona)
    assert g.size == 112_171 and g.size > statespace.PROBE_STATES


@pytest.mark.parametrize(
    ("shape", "data"),
    [
        ("counters", exploding()),
        ("visits", ring()),
        ("many moves", wide()),
        ("many nodes", chain(1500)),
    ],
)
def test_the_exploration_stays_within_its_memory_bound(monkeypatch, persona, shape, data: dict[str, Any]):
    # The memory account alone, without the early estimate: whatever multiplies
    # the states, the exploration stops before its structures pass the bound.
    monkeypatch.setattr(statespace, "PROBE_STATES", 10**12)
    bound = 5_000_000
    s = Scenario.model_validate(data)
    refusal, peak = peak_of(lambda: explore(s, persona, memory_bound=bound))
    assert isinstance(refusal, TooLarge) and "more than fit in the 5 MB the analysis may use" in str(refusal)
    assert peak <= bound, shape


def test_a_scenario_too_big_to_even_start_is_refused_at_once(persona):
    s = Scenario.model_validate(chain(1500))
    with pytest.raises(TooLarge, match=r"^1,502 nodes, 4,500 choices and their conditions alone take more than the 1 MB"):
        explore(s, persona, memory_bound=1_000_000)


def test_a_state_limit_below_the_memory_bound_still_holds(persona):
    s = Scenario.model_validate(exploding(variables=2, top=30))
    with pytest.raises(TooLarge, match=r"^more than 100 reachable states"):
        explore(s, persona, max_states=100)


# --------------------------------------------------------------------------
# The estimate on its own

LEVELS = [1, 10, 60, 200, 500, 1000, 1800, 2900, 4300]  # growing as a power of the depth


def spans(per_level: int, slots: int = 2, levels: int = len(LEVELS)) -> list[tuple[int, ...]]:
    """Tension (slot 0, ignored) and counters spreading by `per_level` values a level."""
    return [(3, *[1 + per_level * d] * (slots - 1)) for d in range(levels)]


def test_growth_carried_on_while_the_values_spread():
    estimate = projected(LEVELS, spans(4), [101, 101], sum(LEVELS), None)
    assert estimate is not None and estimate > 20 * sum(LEVELS)


def test_no_estimate_while_the_levels_do_not_grow():
    shrinking = [*LEVELS[:-1], 2000]
    assert projected(shrinking, spans(4), [101, 101], sum(shrinking), None) is None


def test_no_estimate_once_a_value_fills_its_room():
    assert projected(LEVELS, spans(4), [101, 33], sum(LEVELS), None) is None


def test_no_estimate_when_the_values_spread_ever_more_slowly():
    slowing = [(3, s) for s in (1, 5, 9, 13, 16, 19, 22, 24, 25)]  # a condition holds them back
    assert projected(LEVELS, slowing, [101, 101], sum(LEVELS), None) is None


def test_the_estimate_stops_where_the_paths_end():
    free = projected(LEVELS, spans(4), [101, 101], sum(LEVELS), None)
    capped = projected(LEVELS, spans(4), [101, 101], sum(LEVELS), 2)
    assert free is not None and capped is not None and capped < free
    assert projected(LEVELS, spans(4), [101, 101], sum(LEVELS), 0) is None
