"""What to practise next (sim.core.recommend), on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sim.core.recommend import (
    FIRST_INTERVAL,
    GROWTH,
    MIN_INTERVAL,
    Assigned,
    Offered,
    Practised,
    recommend,
    rung,
    schedule,
)

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
OFFERED = [
    Offered("easy-a", "easy", ("calm", "listen")),
    Offered("easy-b", "easy", ("help", "calm")),
    Offered("medium-a", "medium", ("help", "honesty")),
    Offered("hard-a", "hard", ("help", "boundaries")),
]
PRINCIPLES = ["calm", "listen", "help", "honesty", "boundaries"]


def did(scenario: str, days_ago: float, overall: int, passed: bool = True, mode: str = "practice", **scores: int | None) -> Practised:
    return Practised(scenario, NOW - timedelta(days=days_ago), mode, overall, passed, scores)


def test_a_new_trainee_starts_on_an_easy_scenario_in_practice():
    rec = recommend([], OFFERED, NOW, principles=PRINCIPLES)
    assert rec is not None
    assert (rec.scenario, rec.mode, rec.reason) == ("easy-a", "practice", "first")


def test_intervals_grow_after_good_practice_and_reset_after_poor():
    good = [did("easy-a", 30 - i, 90, calm=90) for i in range(3)]
    s = schedule("calm", good)
    assert s.interval == FIRST_INTERVAL * GROWTH * GROWTH
    assert s.due == good[-1].started + s.interval
    poor = [*good, did("easy-a", 1, 30, passed=False, calm=30)]
    assert schedule("calm", poor).interval == MIN_INTERVAL
    # A fair score keeps the interval as it was.
    fair = [*good, did("easy-a", 1, 65, calm=65)]
    assert schedule("calm", fair).interval == FIRST_INTERVAL * GROWTH * GROWTH


def test_the_level_weighs_the_newest_score_most():
    s = schedule("calm", [did("easy-a", 10, 20, calm=20), did("easy-a", 5, 100, calm=100)])
    assert s.level == round((20 + 2 * 100) / 3)


def test_the_weakest_due_principle_is_practised_with_its_reason():
    history = [did("easy-b", 21, 75, help=40, calm=90), did("easy-a", 20, 90, calm=90, listen=85)]
    rec = recommend(history, OFFERED, NOW, principles=PRINCIPLES)
    assert rec is not None
    assert (rec.principle, rec.level, rec.reason) == ("help", 40, "weak")
    assert rec.last == NOW - timedelta(days=21)
    # The trainee has passed an easy one at 75 and 90: the ladder gives a medium scenario practising help.
    assert rec.rung == "medium" and rec.scenario == "medium-a" and rec.climbed


def test_the_reason_changes_as_the_history_changes():
    history = [did("easy-b", 21, 75, help=40, calm=90), did("easy-a", 20, 90, calm=90, listen=85)]
    first = recommend(history, OFFERED, NOW, principles=PRINCIPLES)
    history.append(did("medium-a", 0.1, 95, help=100, honesty=100))
    second = recommend(history, OFFERED, NOW, principles=PRINCIPLES)
    assert first is not None and second is not None
    assert first.principle == "help" and second.principle != "help"
    # help was practised well an hour ago: not due again for days.
    assert not next(s for s in second.schedule if s.principle == "help").is_due(NOW)


def test_a_principle_never_practised_comes_after_a_weak_one_and_before_a_fair_one():
    weak = [did("easy-a", 3, 60, calm=30, listen=95)]
    rec = recommend(weak, OFFERED, NOW, principles=PRINCIPLES)
    assert rec is not None and rec.principle == "calm"
    fair = [did("easy-a", 3, 60, calm=65, listen=95)]
    rec = recommend(fair, OFFERED, NOW, principles=PRINCIPLES)
    assert rec is not None and (rec.principle, rec.reason) == ("help", "never")


def test_when_nothing_is_due_the_weakest_is_offered_early():
    history = [did(o.id, 0.5, 90, **dict.fromkeys(o.goals, 85)) for o in OFFERED]
    history[0] = did("easy-a", 0.5, 90, calm=85, listen=81)
    rec = recommend(history, OFFERED, NOW, principles=PRINCIPLES)
    assert rec is not None and rec.reason == "early" and rec.principle == "listen"


def test_the_ladder():
    difficulty = {o.id: o.difficulty for o in OFFERED}
    assert rung([], difficulty) == "easy"
    assert rung([did("easy-a", 1, 69)], difficulty) == "easy"  # below the ladder's score
    assert rung([did("easy-a", 1, 70)], difficulty) == "medium"
    assert rung([did("easy-a", 1, 70), did("medium-a", 1, 90, passed=False)], difficulty) == "medium"
    assert rung([did("easy-a", 1, 70), did("medium-a", 1, 90)], difficulty) == "hard"


def test_assessment_after_a_pass_in_practice():
    history = [did("easy-a", 5, 60, calm=40, listen=40), did("easy-b", 4, 85, help=20, calm=40)]
    rec = recommend(history, OFFERED[:2], NOW, principles=PRINCIPLES)
    assert rec is not None and rec.scenario == "easy-b" and rec.mode == "assessment"
    history.append(did("easy-b", 3, 85, mode="assessment", help=20, calm=40))
    rec = recommend(history, OFFERED[:2], NOW, principles=PRINCIPLES)
    assert rec is not None and rec.mode == "practice"


def test_an_assignment_due_soon_comes_first_and_leaves_once_done():
    history = [did("easy-a", 2, 90, calm=90, listen=90)]
    due = Assigned("hard-a", NOW + timedelta(days=3), 70, "assessment")
    rec = recommend(history, OFFERED, NOW, principles=PRINCIPLES, assignments=[due])
    assert rec is not None and (rec.scenario, rec.mode, rec.reason, rec.due) == ("hard-a", "assessment", "assignment", due.due)
    # Passed, but in practice mode: the assignment asks for assessment.
    history.append(did("hard-a", 1, 90, help=90, boundaries=90))
    rec = recommend(history, OFFERED, NOW, principles=PRINCIPLES, assignments=[due])
    assert rec is not None and rec.reason == "assignment"
    history.append(did("hard-a", 0.5, 90, mode="assessment", help=90, boundaries=90))
    rec = recommend(history, OFFERED, NOW, principles=PRINCIPLES, assignments=[due])
    assert rec is not None and rec.reason != "assignment"
    # Due in a month: not yet pressing.
    later = Assigned("hard-a", NOW + timedelta(days=30), 70, None)
    rec = recommend(history[:1], OFFERED, NOW, principles=PRINCIPLES, assignments=[later])
    assert rec is not None and rec.reason != "assignment"


def test_a_thousand_sessions_do_not_overflow_the_level():
    many = [did("easy-a", 2000 - i, 100, calm=100) for i in range(2000)]
    assert schedule("calm", many).level == 100
    assert recommend(many, OFFERED, NOW, principles=PRINCIPLES) is not None


def test_an_assignment_due_in_seven_days_comes_first():
    # Due at the end of its day: the day seven days ahead is eight days away at most.
    day_end = datetime(2026, 12, 12, tzinfo=UTC)  # the end of 2026-12-11, seven days after NOW's day
    rec = recommend([], OFFERED, NOW, principles=PRINCIPLES, assignments=[Assigned("hard-a", day_end, 70, None)])
    assert rec is not None and rec.reason == "assignment"
