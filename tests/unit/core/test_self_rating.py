"""A mean of self-rating gaps is one number everywhere: the history, the TUI,
the reports and the class view round it and judge it by the same rule."""

from __future__ import annotations

from sim.core.self_rating import calibration, mean_gap, session_gaps
from sim.reports.words import signed_gap


def test_the_mean_is_to_one_decimal_with_halves_away_from_zero():
    assert mean_gap([]) is None
    assert mean_gap([25, -20]) == 2.5
    assert mean_gap([0, 1]) == 0.5  # round() would make this 0 ("±0") in one place and 0.5 in another
    assert mean_gap([1, 2, 2, 2]) == 1.8  # 1.75
    assert mean_gap([-1, -2, -2, -2]) == -1.8
    assert mean_gap([10, 11]) == 10.5


def test_a_mean_past_the_accurate_band_by_a_fraction_is_over_or_under():
    assert calibration(10.0) == "calibrated"
    assert calibration(10.4) == "over" and calibration(-10.4) == "under"


def test_each_sessions_gap_in_the_order_the_sessions_came():
    assert session_gaps([("a", 10), ("b", -5), ("a", 15), ("b", -6)]) == [12.5, -5.5]


def test_the_signed_words():
    assert [signed_gap(v, "en") for v in (None, 0, 0.0, 2.5, -10.0, 12)] == ["—", "±0", "±0", "+2.5", "−10", "+12"]
    assert signed_gap(-2.5, "fi") == "−2,5"


def test_whole_numbers_round_halves_away_from_zero_too():
    assert mean_gap([1, 2], places=0) == 2 and mean_gap([-1, -2], places=0) == -2  # round() gives 2 and -2 only by luck
    assert mean_gap([2, 3], places=0) == 3 and mean_gap([0, 1], places=0) == 1
