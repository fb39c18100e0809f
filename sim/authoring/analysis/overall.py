"""The overall score's best and worst: exact by listing the paths when they
are few, else the best path a sum-of-ratios search finds, and a bound."""

from __future__ import annotations

from collections.abc import Sequence

from sim.authoring.analysis.context import _Context, _score
from sim.authoring.analysis.longest import _follow, _longest, _PositiveLoop
from sim.authoring.analysis.reach import _bits
from sim.authoring.analysis.results import (
    NEG,
    SEARCH_BUDGET,
    SEARCH_ROUNDS,
    SEARCH_STARTS,
    Extreme,
    Overall,
    Path,
)
from sim.authoring.statespace import (
    Evidence,
)
from sim.core.judgement import rules
from sim.core.scoring import (
    CRITICAL_CAP,
    grade_for,
)

# --------------------------------------------------------------------------
# Overall score


def _overall_of(cx: _Context, edges: Sequence[int]) -> tuple[int | None, bool]:
    """(overall score, critical miss) of a complete path, as sim.core.scoring computes it."""
    totals: dict[int, list[int]] = {}
    evidence = cx.g.evidence
    for k in edges:
        for p, e, P in evidence[k]:
            t = totals.get(p)
            if t is None:
                totals[p] = [e, P]
            else:
                t[0] += e
                t[1] += P
    goal_scores = [_score(*totals[p]) for p in cx.goals if p in totals]
    scores = goal_scores or [_score(e, P) for e, P in totals.values()]
    missed = cx.g.critical_miss(edges)
    if not scores:
        return None, missed
    value = (2 * sum(scores) + len(scores)) // (2 * len(scores))
    if missed:
        value = min(value, CRITICAL_CAP)
    cap = _ending_cap(cx, cx.g.dst[edges[-1]] if edges else 0)
    return (value if cap is None else min(value, cap)), missed


def _ending_cap(cx: _Context, s: int) -> int | None:
    """The highest overall score the ending at state `s` allows (sim.core.judgement.Rules)."""
    g = cx.g
    if not g.ended[s]:
        return None
    return rules(g.scenario).cap(g.scenario.nodes[g.node_ids[g.node[s]]].end)


def _rank(value: int | None, sign: int) -> float:
    return NEG if value is None else value * sign


def _enumerate(cx: _Context, limit: int) -> tuple[list[int], list[int]] | None:
    """Exact best and worst overall by listing every complete path (None: too many)."""
    g = cx.g
    if g.ended[0]:
        return [], []
    best: tuple[float, list[int]] | None = None
    worst: tuple[float, list[int]] | None = None
    count = steps = 0
    stack: list[tuple[int, int]] = [(0, g.first[0])]
    edges: list[int] = []
    while stack:
        s, k = stack[-1]
        if k >= g.first[s + 1]:
            stack.pop()
            if edges:
                edges.pop()
            continue
        stack[-1] = (s, k + 1)
        steps += 1
        if steps > 50 * limit:
            return None  # many dead branches: leave it to the search
        t = g.dst[k]
        edges.append(k)
        if g.ended[t]:
            count += 1
            if count > limit:
                return None
            value, _ = _overall_of(cx, edges)
            if best is None or _rank(value, 1) > best[0]:
                best = (_rank(value, 1), list(edges))
            if worst is None or _rank(value, -1) > worst[0]:
                worst = (_rank(value, -1), list(edges))
            edges.pop()
            continue
        stack.append((t, g.first[t]))
    if best is None or worst is None:
        return None
    return best[1], worst[1]


def _search(cx: _Context, sign: int, ranked: list[tuple[float, list[int]]]) -> list[int]:
    """Sum-of-ratios local search from the most promising starting paths.

    Around a path with ratios ρ_g, the mean of e_g/P_g changes to first order
    by Σ (Δe_g − ρ_g·ΔP_g)/P_g; the path maximising that weight is the next
    candidate. Every candidate is a real path scored exactly, so the result
    is achievable whatever the search misses.
    """
    g = cx.g
    # A critical miss caps the score: the best avoids every certain one.
    misses = cx.sure_miss if sign > 0 else None
    best_rank, best_path = ranked[0]
    rounds = max(1, min(SEARCH_ROUNDS, SEARCH_BUDGET // max(g.edges, 1)))
    for _, path in ranked[:SEARCH_STARTS]:
        seen = {tuple(path)}
        for _ in range(rounds):
            coefficients = {}
            for p in cx.goals:
                e, P = cx.sums(p, path)
                coefficients[p] = (e / P if P else (1.0 if sign > 0 else 0.0), sign / max(P, 1))

            def weight(ev: Evidence) -> float:
                # Summed goal by goal, in the goals' order, from 0.0: the same float every time.
                w = 0.0
                for p, c in coefficients.items():  # noqa: B023 - weight is used within this round only
                    for q, ee, PP in ev:
                        if q == p:
                            w += (ee - c[0] * PP) * c[1]
                return w

            weights = cx.by_evidence(weight)
            if misses is not None:
                weights = [NEG if m else w for m, w in zip(misses, weights)]
            try:
                val, succ = _longest(g, cx.shape, weights)
            except _PositiveLoop:
                break
            if val[0] == NEG:
                break
            path = _follow(g, val, succ, weights)
            if tuple(path) in seen:
                break
            seen.add(tuple(path))
            value, _ = _overall_of(cx, path)
            if _rank(value, sign) > best_rank:
                best_rank, best_path = _rank(value, sign), path
    return best_path


def _greedy(cx: _Context, sign: int) -> list[int]:
    """The debrief's "better alternative" at every turn, then the shortest way out."""
    g = cx.g
    goals = set(cx.goals)
    s = 0
    path: list[int] = []
    for _ in range(g.size):
        if g.ended[s]:
            return path
        options = [k for k in range(g.first[s], g.first[s + 1]) if cx.coreachable(g.dst[k]) and not (sign > 0 and cx.sure_miss[k])]
        if not options:
            break
        k = max(options, key=lambda k: sign * sum(e for p, e, _ in g.evidence[k] if p in goals))
        path.append(k)
        s = g.dst[k]
    return [*path, *cx.complete(s)]


def _bound(cx: _Context, extremes: dict[int, Extreme | None], sign: int) -> int | None:
    """No complete path's overall score is better (sign +1) or worse (−1) than this.

    A path's overall is the mean of its tested goals' scores, each at most the
    goal's best (at least its worst). Goals tested on every path are always
    in the mean; the others may be left out, so the bound takes the most
    favourable set that contains the former. Critical misses cap at 49: the
    best is capped only if no path avoids a certain miss, the worst unless no
    miss is possible at all.
    """
    g = cx.g
    goal_bits = {p: i for i, p in enumerate(cx.goals)}
    n_goals = len(cx.goals)
    any_goal, miss_bit = 1 << n_goals, 1 << (n_goals + 1)
    avoidable = _bits(cx).lane(0, 4)  # goals and certain misses some path avoids
    always = {p for p, i in goal_bits.items() if not avoidable >> i & 1}
    untested_path = bool(avoidable & any_goal)
    all_miss = not avoidable & miss_bit
    miss_possible = any(cx.sure_miss) or any(g.threat)

    def value(p: int) -> int:
        ext = extremes[p]
        assert ext is not None
        return ext.score

    candidates: list[int] = []
    testable = [p for p in cx.goals if extremes.get(p) is not None]
    if testable:
        chosen = [value(p) for p in testable if p in always]
        optional = sorted((value(p) for p in testable if p not in always), key=lambda v: -sign * v)
        if not chosen:
            chosen.append(optional.pop(0))
        for v in optional:
            if sign * v > sign * sum(chosen) / len(chosen):
                chosen.append(v)
        candidates.append((2 * sum(chosen) + len(chosen)) // (2 * len(chosen)))
    if untested_path or not testable:
        others = [ext.score for p, ext in extremes.items() if p not in cx.goals and ext is not None]
        if others:
            candidates.append(max(others) if sign > 0 else min(others))
    if not candidates:
        return None
    result = max(candidates) if sign > 0 else min(candidates)
    if (sign > 0 and all_miss) or (sign < 0 and miss_possible):
        result = min(result, CRITICAL_CAP)
    # The ending caps the score: the worst may end capped, and the best can do no
    # better than the most any reachable ending allows.
    caps = [_ending_cap(cx, s) for s in range(g.size) if g.ended[s]]
    if sign < 0:
        capped = [c for c in caps if c is not None]
        if capped:
            result = min(result, min(capped))
    elif caps and None not in caps:
        result = min(result, max(c for c in caps if c is not None))
    return result


def _overall(cx: _Context, extremes: dict[int, Extreme | None], sign: int, enumerated: tuple[list[int], list[int]] | None) -> Overall:
    if enumerated is not None:
        path = enumerated[0] if sign > 0 else enumerated[1]
        value, missed = _overall_of(cx, path)
        bound, method = value, "enumeration"
    else:
        bound, method = _bound(cx, extremes, sign), "search"
        starts = [_edges_of(cx, ext.path) for ext in extremes.values() if ext is not None]
        starts.append(_greedy(cx, sign))
        ranked = sorted(((_rank(_overall_of(cx, p)[0], sign), p) for p in starts), key=lambda x: x[0], reverse=True)
        path = ranked[0][1]
        if _rank(bound, sign) > ranked[0][0]:  # not yet proven best: look further
            path = _search(cx, sign, ranked)
        value, missed = _overall_of(cx, path)
    grade = "needs practice" if missed else grade_for(value)
    return Overall(value, grade, missed, cx.path(path), bound, method)


def _edges_of(cx: _Context, path: Path) -> list[int]:
    if path.edges is not None:
        return list(path.edges)
    g, s, out = cx.g, 0, []
    for action in path.actions:
        k = next(k for k in range(g.first[s], g.first[s + 1]) if g.action[k] == action)
        out.append(k)
        s = g.dst[k]
    return out
