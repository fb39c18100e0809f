"""sim.session.play: the words a play shows about the client."""

from __future__ import annotations

from sim.content.library import load_library
from sim.session.play import Play


def test_the_mood_is_in_the_personas_own_words_where_it_has_them(sample_library):
    builtin = load_library([], builtin_scenarios=True)
    parent = Play.start(builtin, builtin.scenario("stressed-parent"), mode="practice", lang="en", seed=0, journalled=False)
    assert [parent.mood(b) for b in ("calm", "irritated", "angry", "threatening")] == ["settled", "flustered", "frazzled", "furious"]
    parent_fi = Play.start(builtin, builtin.scenario("stressed-parent"), mode="practice", lang="fi", seed=0, journalled=False)
    assert parent_fi.mood("irritated") == "hätäinen"
    # A persona without its own words has the general ones.
    sample = Play.start(sample_library, sample_library.scenario("sample"), mode="practice", lang="en", seed=0, journalled=False)
    assert sample.mood("irritated") == "irritated"
