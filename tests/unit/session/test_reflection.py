"""Reflections kept by question id and read in any language; distress in an
answer recognised in Finnish and English; which endings get aftercare."""

from __future__ import annotations

import pytest

from sim.session import reflection


def test_a_question_is_shown_in_the_reader_s_language_whatever_it_was_asked_in():
    assert reflection.question("went_well", "fi") == "Mikä meni hyvin?"
    assert reflection.question("What went well?", "fi") == "Mikä meni hyvin?"  # recorded before ids
    assert reflection.question("Mitä tekisit toisin?", "en") == "What would you do differently?"
    assert reflection.question("An instructor's own question?", "fi") == "An instructor's own question?"


def test_answered_keeps_the_asked_order_and_drops_blanks_and_damage():
    answers = {"feeling": "ok", "went_well": " listened ", "differently": "", "x": 5}
    assert reflection.answered(answers) == [("went_well", "listened"), ("feeling", "ok")]
    assert reflection.answered(["not", "a", "map"]) == []


@pytest.mark.parametrize(
    "text",
    ["Tärisyttää", "tärisen vieläkin", "Pelotti ihan oikeasti", "ahdistaa", "Oli tosi stressaava", "I'm still shaking",
     "That was scary, I felt afraid", "My heart is racing", "pretty upset tbh", "itketti", "Paha olo jäi"],
)
def test_distress_is_recognised_in_both_languages(text):
    assert reflection.speaks_of_distress(text)


@pytest.mark.parametrize("text", ["Hyvin meni", "I listened and offered a choice", "Shakespeare would approve", "ok", "rauhallinen"])
def test_calm_answers_are_not_taken_for_distress(text):
    assert not reflection.speaks_of_distress(text)


def test_aftercare_follows_an_escalation_or_an_ending_the_author_marked():
    assert reflection.needs_aftercare("escalated", marked=False)
    assert reflection.needs_aftercare("client-left", marked=True)
    assert not reflection.needs_aftercare("resolved", marked=False)
