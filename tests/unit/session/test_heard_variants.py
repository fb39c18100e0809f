"""What the trainee has heard (issue 20): the history keeps it per trainee and
scenario, the next session starts from it, and the journal carries it, so a
resume and a rebuilt report say exactly the words the trainee read."""

from __future__ import annotations

import json

from sim.content.library import load_library
from sim.core.replay import check
from sim.session import history, journal
from sim.session.play import Play
from tests.conftest import ROOT

FEATURES = ROOT / "tests" / "data" / "email-features"


def played(lib, trainee: str = "Tess") -> Play:
    play = Play.start(lib, lib.scenario("email-features"), mode="practice", lang="en", seed=4, trainee=trainee)
    play.act("acknowledge")
    play.act("honest")
    play.finish(None)
    play.record_history()
    return play


def opening(play: Play) -> int:
    return next(i for key, i in play.session.said_variants if key == "first-email/client/0")


def test_the_next_session_starts_from_what_was_heard_and_journals_it():
    lib = load_library([FEATURES])
    first = played(lib)
    second = Play.start(lib, lib.scenario("email-features"), mode="practice", lang="en", seed=4, trainee="Tess")
    assert dict(second.session.heard) == first.session.heard_after()
    assert opening(second) != opening(first)  # the same seed, another way of saying it
    assert second.journal is not None
    header = json.loads(second.journal.path.read_text(encoding="utf-8").splitlines()[0])
    assert header["heard"] == {k: list(v) for k, v in first.session.heard_after().items()}
    # Another trainee has heard nothing: the seed alone decides.
    other = Play.start(lib, lib.scenario("email-features"), mode="practice", lang="en", seed=4, trainee="Otto")
    assert opening(other) == opening(first)


def test_a_resume_says_the_same_words():
    lib = load_library([FEATURES])
    played(lib)
    live = Play.start(lib, lib.scenario("email-features"), mode="practice", lang="en", seed=4, trainee="Tess")
    live.act("blame")
    assert live.journal is not None
    info = journal.read(live.journal.path)
    scenario = lib.scenario("email-features").scenario
    verdict = check(info, scenario, lib.profile_for(scenario), lib.critical_principles)
    assert verdict.ok and verdict.session is not None
    assert verdict.session.transcript == live.session.transcript


def test_the_history_keeps_what_was_heard_before_for_a_rebuilt_report():
    lib = load_library([FEATURES])
    played(lib)
    second = played(lib)
    rows = history.sessions(trainee="Tess")
    assert dict(rows[-1].heard) == dict(second.session.heard) and rows[0].heard == {}
    assert history.heard(trainee="Tess", scenario="email-features") == second.session.heard_after()
