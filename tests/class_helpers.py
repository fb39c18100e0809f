"""A class of trainees who have practised the built-in scenarios, played into a history.

Each trainee has a skill: the chance of taking the option worth the most on the
scenario's goals at each turn (else a random one), so their scores differ the
way a real class's do, and every session is a real, replayable one.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from sim.content.library import Library, load_library
from sim.core import judgement
from sim.core.engine import Session
from sim.core.scoring import score
from sim.session import history

SCENARIOS = ("chat-accessible-venue", "aggressive-desk", "stressed-parent", "phone-decision")
TRAINEES = ("Aino", "Ben", "Chen", "Dana", "Eero")
START = datetime(2026, 11, 2, 9, 0, tzinfo=datetime.now().astimezone().tzinfo)


def builtin() -> Library:
    return load_library([], builtin_scenarios=True)


def play_one(lib: Library, scenario_id: str, skill: float, seed: int) -> tuple[Session, list[str]]:
    loaded = lib.scenario(scenario_id)
    assert loaded is not None, scenario_id
    s = loaded.scenario
    session = Session(s, lib.profile_for(s), seed, lib.critical_principles)
    rng = random.Random(f"class:{scenario_id}:{seed}")
    actions: list[str] = []
    while not session.ended and len(actions) < 60:
        options = session.options
        if not options:
            action = "timeout" if session.node.timeout is not None else "help"
        elif rng.random() < skill:
            action = max(options, key=lambda o: (judgement.worth(o.choice.principles, s.goals), o.id)).id
        else:
            action = rng.choice(options).id
        session.act(action)
        actions.append(action)
    return session, actions


def play_class(lib: Library, db: Path, *, trainees: tuple[str, ...] = TRAINEES, sessions: int = 4, start: datetime = START) -> list[str]:
    """`sessions` sessions for each trainee, a day apart, the scenarios in turn; returns their ids."""
    ids = []
    for t, name in enumerate(trainees):
        skill = 0.35 + 0.15 * t
        for k in range(sessions):
            scenario_id = SCENARIOS[(t + k) % len(SCENARIOS)]
            seed = 100 * t + k
            session, actions = play_one(lib, scenario_id, min(skill + 0.1 * k, 1.0), seed)
            began = start + timedelta(days=k, hours=t)
            rating = 1 + (t + k) % 5
            loaded = lib.scenario(scenario_id)
            assert loaded is not None, scenario_id
            ids.append(
                history.record_session(
                    session,
                    score(session),
                    db=db,
                    trainee=name,
                    mode="practice",
                    started=began,
                    ended=began + timedelta(minutes=8),
                    self_assessment={"ratings": dict.fromkeys(session.scenario.goals, rating), "reflections": {}},
                    durations_ms=[4000] * len(session.turns),
                    scenario_path=str(loaded.path),
                )
            )
    return ids
