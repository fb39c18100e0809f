"""Each principle's best and worst score over all paths: exact, by
reachability for perfect and zero scores and Dinkelbach's method otherwise."""

from __future__ import annotations

from fractions import Fraction

from sim.authoring.analysis.context import _Context, _score
from sim.authoring.analysis.longest import _follow, _longest, _PositiveLoop
from sim.authoring.analysis.reach import _bits
from sim.authoring.analysis.results import AnalysisError, Extreme, Loop
from sim.authoring.statespace import (
    Evidence,
)

# --------------------------------------------------------------------------
# Per-principle extremes


def _extremes(cx: _Context) -> tuple[dict[int, Extreme | None], dict[int, Extreme | None]]:
    g = cx.g
    scored: set[int] = set()
    for ev in cx.distinct_evidence().values():
        scored.update(p for p, _, _ in ev)
    wanted = [p for p in range(len(g.principles)) if p in scored or p in cx.goals]
    best: dict[int, Extreme | None] = {}
    worst: dict[int, Extreme | None] = {}
    # One reachability pass decides, for every principle at once, whether a
    # perfect (or a zero) score is possible; only the others need Dinkelbach.
    bits = _bits(cx)
    for sign, out, ok_lane in ((1, best, 0), (-1, worst, 2)):
        hit0 = bits.lane(0, ok_lane + 1)
        for p in wanted:
            if hit0 >> p & 1:
                path = _perfect_path(cx, p, sign, ok_lane)
                e, P = cx.sums(p, path)
                ratio = Fraction(1 if sign > 0 else 0)
                out[p] = Extreme(_score(ratio.numerator, ratio.denominator), ratio, True, cx.path(path), e, P)
    for p in wanted:
        if p not in best:
            best[p] = _dinkelbach(cx, p, +1)
        if p not in worst:
            worst[p] = _dinkelbach(cx, p, -1)
    return best, worst


def _judge(ev: Evidence, p: int, sign: int) -> int:
    """0: the move does not score `p`; 1: it scores it all (sign +1) or none (−1) of its points; 2: otherwise."""
    for q, e, P in ev:
        if q == p:
            return 1 if (e == P if sign > 0 else e == 0) else 2
    return 0


def _perfect_path(cx: _Context, p: int, sign: int, ok_lane: int) -> list[int]:
    """A path on which every turn that scores `p` gives all (or none) of the points.

    Without loops: the first move (in the authored order) that keeps such a
    path possible, turn after turn. With loops that could go round forever,
    so: a shortest such path, breadth first over (state, scored yet).
    """
    g = cx.g
    bits = cx.bits
    assert bits is not None
    ok_bit = 1 << (p + ok_lane * bits.width)
    hit_bit = ok_bit << bits.width
    values, evidence, first, dst, ended = bits.values, g.evidence, g.first, g.dst, g.ended
    judged: dict[int, int] = {}

    def judge(k: int) -> int:
        ev = evidence[k]
        j = judged.get(id(ev))
        if j is None:
            j = judged[id(ev)] = _judge(ev, p, sign)
        return j

    if cx.shape.acyclic:
        s, need_hit, path = 0, True, []
        while not ended[s]:
            for k in range(first[s], first[s + 1]):
                j = judge(k)
                if j == 2:
                    continue
                t = dst[k]
                if need_hit and values[t] & hit_bit:
                    break
                if values[t] & ok_bit and (not need_hit or j):
                    need_hit = False
                    break
            else:
                raise AnalysisError("internal error: a perfect path could not be traced")
            path.append(k)
            s = t
        return path
    # Only into states from which `_bits` says the path can still be completed:
    # that leaves the breadth-first order, and so the path found, as it is.
    parent: dict[int, tuple[int, int]] = {0: (-1, -1)}  # 2·state + scored yet -> (previous, edge)
    queue = [0]
    for code in queue:  # grows as it goes
        s, done = code >> 1, code & 1
        if done and ended[s]:
            path = []
            while code:
                code, k = parent[code]
                path.append(k)
            path.reverse()
            return path
        for k in range(first[s], first[s + 1]):
            j = judge(k)
            if j == 2:
                continue
            t = dst[k]
            d = done | (j == 1)
            if not values[t] & (ok_bit if d else hit_bit):
                continue
            c = 2 * t + d
            if c not in parent:
                parent[c] = (code, k)
                queue.append(c)
    raise AnalysisError("internal error: a perfect path could not be traced")


def _dinkelbach(cx: _Context, p: int, sign: int) -> Extreme | None:
    g, table = cx.g, cx.table(p)
    tested = next((k for k in table if cx.coreachable(g.dst[k])), None)
    if tested is None:
        return None
    # λ = r/q. Best starts at 0 and worst at 1, the ends of the ratio's range.
    r, q = (0, 1) if sign > 0 else (1, 1)
    witness: list[int] | None = None
    loop: list[int] | None = None
    for _ in range(10_000):  # converges superlinearly; the limit only guards against a bug
        w = cx.by_evidence(lambda ev: next((sign * (q * e - r * P) for pp, e, P in ev if pp == p), 0))  # noqa: B023 - used at once, in this round
        try:
            val, succ = _longest(g, cx.shape, w)
        except _PositiveLoop as found:
            e, P = cx.sums(p, found.edges)
            if sign * (e * q - r * P) <= 0:
                break  # not better than λ after all: λ is the answer
            r, q = e, P
            loop, witness = found.edges, None
            continue
        path = _follow(g, val, succ, w)
        e, P = cx.sums(p, path)
        if val[0] <= 0 or P == 0 or sign * (e * q - r * P) <= 0:
            if loop is not None and P > 0 and e * q == r * P:
                witness, loop = path, None  # a finite path reaches the loop's ratio after all
            break
        r, q = e, P
        witness, loop = path, None
    ratio = Fraction(r, q)
    if witness is None and loop is None:
        # The starting λ was optimal (best 0 or worst 1): every tested path shows it.
        witness = cx.through([tested])
    lp = None
    if loop is not None:
        lp = Loop(tuple(g.node_id(cx.src[k]) for k in loop), tuple(g.action[k] for k in loop))
        witness = cx.through(loop)
    assert witness is not None
    e, P = cx.sums(p, witness)
    return Extreme(_score(ratio.numerator, ratio.denominator), ratio, loop is None, cx.path(witness), e, P, lp)
