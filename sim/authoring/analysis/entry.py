"""The entry points: `analyze` asks every question of one scenario in
order, and `verify` replays what it reports through the engine."""

from __future__ import annotations

import gc
import time
from fractions import Fraction

from sim.authoring.analysis.context import _Context
from sim.authoring.analysis.extremes import _extremes
from sim.authoring.analysis.longest import _longest
from sim.authoring.analysis.overall import _enumerate, _overall
from sim.authoring.analysis.results import (
    ENUMERATION_LIMIT,
    MAX_LOOPS_REPORTED,
    Analysis,
    EndingInfo,
    Path,
    PrincipleRange,
)
from sim.authoring.analysis.shape import _shape
from sim.authoring.analysis.structure import (
    _counts,
    _counts_dag,
    _coverage,
    _idle,
    _longest_simple,
    _loops,
    _threat,
)
from sim.authoring.statespace import (
    CRITICAL,
    HELPED,
    explore,
)
from sim.content.model import Profile, Scenario
from sim.core.engine import CALL_HELP, HELP, Session
from sim.core.scoring import (
    PrincipleScore,
    Score,
    score,
    turn_evidence,
)

# --------------------------------------------------------------------------
# Entry points


def analyze(
    scenario: Scenario,
    profile: Profile,
    critical: frozenset[str] = frozenset({CALL_HELP}),
    *,
    enumeration_limit: int = ENUMERATION_LIMIT,
) -> Analysis:
    """Answer every question about `scenario` played with `profile`.

    Raises statespace.TooLarge when the scenario has too many reachable states.
    """
    # Millions of small tuples and no reference cycles: the cyclic garbage
    # collector would only rescan them again and again (a third of the time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyze(scenario, profile, critical, enumeration_limit)
    finally:
        if was_enabled:
            gc.enable()


def _analyze(scenario: Scenario, profile: Profile, critical: frozenset[str], enumeration_limit: int) -> Analysis:
    started = time.perf_counter()
    g = explore(scenario, profile, critical)
    shape = _shape(g)
    src = g.src()
    minus_one = [-1] * g.edges
    steps, steps_succ = _longest(g, shape, minus_one, -1)
    goals = tuple(i for i, p in enumerate(g.principles) if p in scenario.goals)
    per_principle: list[dict[int, tuple[int, int]] | None] = [None] * len(g.principles)  # made when needed
    # Certain misses: lowering a critical principle, or (with one allowed turn)
    # carrying on alone while the client is a threat and help was never called.
    threat, flags = g.threat, g.flags
    sure_miss = [bool(f & CRITICAL) for f in flags]
    if scenario.threat_turns == 1 and any(threat):
        for s in range(g.size):
            if threat[s] and not g.ended[s] and not g.helped[s]:
                for k in range(g.first[s], g.first[s + 1]):
                    if not flags[k] & HELPED:
                        sure_miss[k] = True
    cx = _Context(g, shape, src, steps, goals, per_principle, sure_miss, minus_one, steps_succ)

    ends = [s for s in range(g.size) if g.ended[s]]
    no_help = [a == HELP for a in g.action]
    fwd: list[int | None]
    fwd_nohelp: list[int | None]
    if shape.acyclic:
        fwd, fwd_nohelp = _counts_dag(g, shape, no_help)  # type: ignore[assignment]  # only read: a list[int] serves as list[int | None]
    else:
        fwd = _counts(g, shape)
        fwd_nohelp = _counts(g, _shape(g, no_help), no_help)

    def total(counts: list[int | None]) -> int | None:
        acc = 0
        for s in ends:
            c = counts[s]
            if c is None:
                return None
            acc += c
        return acc

    paths = total(fwd)
    loops = _loops(cx) if not shape.acyclic else []

    ending_states: dict[int, list[int]] = {}
    for s in ends:
        ending_states.setdefault(g.node[s], []).append(s)
    endings: list[EndingInfo] = []
    for n, nid in enumerate(g.node_ids):
        node = scenario.nodes[nid]
        if node.end is None:
            continue
        states = ending_states.get(n, [])
        count: int | None = 0
        for s in states:
            c = fwd[s]
            count = None if c is None or count is None else count + c
        shortest = cx.way_to(min(states)) if states else None
        endings.append(EndingInfo(nid, node.end.value, node.end.success, bool(states), count if states else 0, shortest))

    shortest_path = cx.way_to(min(ends)) if ends else None
    longest_edges = _longest_simple(cx)

    best_ext, worst_ext = _extremes(cx)
    ranges = [
        PrincipleRange(g.principles[p], p in goals, best_ext[p], worst_ext[p])
        for p in range(len(g.principles))
        if p in best_ext
    ]
    enumerated = None
    if paths is not None and paths <= enumeration_limit:
        enumerated = _enumerate(cx, enumeration_limit)
    best_overall = _overall(cx, best_ext, +1, enumerated) if ends else None
    worst_overall = _overall(cx, worst_ext, -1, enumerated) if ends else None

    idle, never = _idle(g, scenario)
    reached = set(g.node) | g.stepped
    result = Analysis(
        scenario=scenario,
        profile=profile,
        critical=critical,
        states=g.size,
        edges=g.edges,
        abstraction=g.abstraction.describe(),
        paths=paths,
        paths_without_help=total(fwd_nohelp),
        loops=loops[:MAX_LOOPS_REPORTED],
        shortest=shortest_path,
        longest=cx.path(longest_edges) if longest_edges is not None else None,
        longest_exact=shape.acyclic,
        endings=endings,
        principles=ranges,
        best=best_overall,
        worst=worst_overall,
        coverage=_coverage(cx),
        idle=idle,
        never_offered=never,
        unreachable=[nid for n, nid in enumerate(g.node_ids) if n not in reached and scenario.nodes[nid].end is None],
        threat=_threat(cx),
    )
    if len(loops) > MAX_LOOPS_REPORTED:
        result.loops_not_listed = len(loops) - MAX_LOOPS_REPORTED
        n = result.loops_not_listed
        result.notes.append(f"{n} more {'loop is' if n == 1 else 'loops are'} not listed")
    result.seconds = time.perf_counter() - started
    return result


def replay(analysis: Analysis, path: Path) -> tuple[Session, Score]:
    """The engine's own session and score for a reported path."""
    session = Session.replay(analysis.scenario, analysis.profile, 0, path.actions, analysis.critical)
    return session, score(session)


VERIFIED_ENDINGS = 50  # endings' ways in share one breadth-first tree: a sample checks it


def verify(analysis: Analysis, endings: int = VERIFIED_ENDINGS) -> list[str]:
    """Replay the reported choice lists through the engine; return the disagreements.

    Every score's path is replayed; of the endings' shortest ways in, the first `endings`.
    A path reported more than once is replayed once.
    """
    # Long replays make many small objects and no cycles, as in `analyze`.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _verify(analysis, endings)
    finally:
        if was_enabled:
            gc.enable()


def _verify(analysis: Analysis, endings: int) -> list[str]:
    problems: list[str] = []
    sessions: dict[tuple[str, ...], Session] = {}
    scores: dict[tuple[str, ...], Score] = {}

    def session_of(path: Path) -> Session:
        session = sessions.get(path.actions)
        if session is None:
            a = analysis
            session = sessions[path.actions] = Session.replay(a.scenario, a.profile, 0, path.actions, a.critical)
        return session

    def score_of(path: Path) -> Score:
        result = scores.get(path.actions)
        if result is None:
            result = scores[path.actions] = score(session_of(path))
        return result

    def principle_of(path: Path, pid: str) -> tuple[int, int]:
        # The engine's scoring of one principle (what `score` computes for
        # each), without the others when the whole score is not needed.
        result = scores.get(path.actions)
        if result is not None:
            ps = result.principle(pid)
        else:
            turns = session_of(path).turns
            ps = PrincipleScore(pid, False, tuple(e for e in (turn_evidence(t, pid) for t in turns) if e is not None))
        return (ps.earned, ps.possible) if ps is not None else (0, 0)

    def check_end(label: str, session: Session, path: Path) -> bool:
        if not session.ended or session.node_id != path.end:
            problems.append(f"{label}: the engine ends at `{session.node_id}`, the analysis at `{path.end}`")
            return False
        return True

    overall = [(label, ov) for label, ov in (("best overall", analysis.best), ("worst overall", analysis.worst)) if ov is not None]
    for _, ov in overall:
        score_of(ov.path)  # first: the principles' extremes may share these paths
    for pr in analysis.principles:
        for label, ext in ((f"{pr.principle} best", pr.best), (f"{pr.principle} worst", pr.worst)):
            if ext is None:
                continue
            if not check_end(label, session_of(ext.path), ext.path):
                continue
            got = principle_of(ext.path, pr.principle)
            if got != (ext.earned, ext.possible):
                problems.append(f"{label}: the engine scores {got[0]}/{got[1]}, the analysis {ext.earned}/{ext.possible}")
            elif ext.attained and Fraction(ext.earned, ext.possible) != ext.ratio:
                problems.append(f"{label}: the path scores {ext.earned}/{ext.possible}, not the reported {ext.ratio}")
    for label, ov in overall:
        session, result = session_of(ov.path), score_of(ov.path)
        if check_end(label, session, ov.path) and (result.overall != ov.score or bool(result.critical_misses) != ov.critical_miss):
            problems.append(f"{label}: the engine scores {result.overall}, the analysis {ov.score}")
    for ending in analysis.endings[:endings]:
        if ending.shortest is not None:
            check_end(f"ending {ending.node}", session_of(ending.shortest), ending.shortest)
    analysis.verified = not problems
    return problems
