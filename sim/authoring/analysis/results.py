"""What `sim analyze` answers, as data: the result types, and the limits
that bound the work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from sim.content.model import Profile, Scenario

NEG = float("-inf")
ENUMERATION_LIMIT = 20_000  # complete paths listed one by one for an exact overall score
MAX_LOOPS_REPORTED = 10
JSON_PATHS = 100  # endings and threat nodes whose ways in --json spells out in full
SEARCH_ROUNDS = 3  # sum-of-ratios improvement rounds per starting path
SEARCH_BUDGET = 1_000_000  # edge visits the search may spend: big graphs get fewer rounds
SEARCH_STARTS = 1  # how many of the best starting paths are improved


class AnalysisError(Exception):
    """The analysis cannot answer (a bug caught by its own checks)."""




# --------------------------------------------------------------------------
# Results


class Path:
    """A complete way through: the choice list `sim walk --choices` takes, and the nodes on it.

    Built lazily from the state graph: a 10,000-node scenario has thousands of
    endings whose shortest ways share their beginnings, and most are never printed.
    """

    __slots__ = ("_actions", "_make", "_nodes", "_turns", "edges")

    def __init__(
        self, make: Callable[[], tuple[tuple[str, ...], tuple[str, ...]]], turns: int | None = None, edges: tuple[int, ...] | None = None
    ) -> None:
        self._make: Callable[[], tuple[tuple[str, ...], tuple[str, ...]]] | None = make
        self._actions: tuple[str, ...] = ()
        self._nodes: tuple[str, ...] = ()
        self._turns = turns  # known without building the path, when it comes from the search tree
        self.edges = edges  # the state graph's edges, when the analysis made the path from them

    @classmethod
    def of(cls, actions: Sequence[str], nodes: Sequence[str]) -> Path:
        made = (tuple(actions), tuple(nodes))
        return cls(lambda: made)

    def _build(self) -> None:
        if self._make is not None:
            self._actions, self._nodes = self._make()
            self._make = None

    @property
    def actions(self) -> tuple[str, ...]:
        """Choice ids, `help` and `timeout`, in order."""
        self._build()
        return self._actions

    @property
    def nodes(self) -> tuple[str, ...]:
        """The node of every turn, then the ending."""
        self._build()
        return self._nodes

    @property
    def turns(self) -> int:
        return self._turns if self._turns is not None else len(self.actions)

    @property
    def end(self) -> str:
        return self.nodes[-1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Path) and (self.actions, self.nodes) == (other.actions, other.nodes)

    def __hash__(self) -> int:
        return hash((self.actions, self.nodes))

    def __repr__(self) -> str:
        return f"Path({', '.join(self.actions)} → {self.end})"

    def as_dict(self, full: bool = True) -> dict[str, Any]:
        if not full:
            return {"turns": self.turns, "actions": None, "nodes": None}
        return {"turns": self.turns, "actions": list(self.actions), "nodes": list(self.nodes)}


@dataclass(frozen=True, slots=True)
class Loop:
    nodes: tuple[str, ...]  # nodes of one way round, starting where it is entered
    actions: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes), "actions": list(self.actions)}


@dataclass(frozen=True, slots=True)
class Extreme:
    """The best or worst score of one principle over all complete paths."""

    score: int  # 0–100, rounded like the debrief
    ratio: Fraction  # earned ÷ possible; with loops a supremum/infimum
    attained: bool  # False: a loop only approaches `ratio`; `path` is the best finite path found
    path: Path
    earned: int  # on `path`
    possible: int
    loop: Loop | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {
            "score": self.score,
            "ratio": [self.ratio.numerator, self.ratio.denominator],
            "attained": self.attained,
            "earned": self.earned,
            "possible": self.possible,
            "path": self.path.as_dict(),
        }
        if self.loop is not None:
            out["loop"] = self.loop.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class PrincipleRange:
    principle: str
    goal: bool
    best: Extreme | None  # None: no complete path tests it
    worst: Extreme | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.principle,
            "goal": self.goal,
            "tested": self.best is not None,
            "best": None if self.best is None else self.best.as_dict(),
            "worst": None if self.worst is None else self.worst.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class Overall:
    """The best or worst overall score (the mean of the goal scores, capped by critical misses)."""

    score: int | None  # achieved by `path` (replayable)
    grade: str
    critical_miss: bool
    path: Path
    bound: int | None  # no path does better (best) / worse (worst) than this
    method: str  # "enumeration" (exact) or "search"

    @property
    def exact(self) -> bool:
        return self.method == "enumeration" or self.score == self.bound

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "grade": self.grade,
            "critical_miss": self.critical_miss,
            "exact": self.exact,
            "bound": self.bound,
            "method": self.method,
            "path": self.path.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class EndingInfo:
    node: str
    kind: str
    success: bool
    reachable: bool
    paths: int | None  # None: infinitely many
    shortest: Path | None

    def as_dict(self, full: bool = True) -> dict[str, Any]:
        return {
            "node": self.node,
            "kind": self.kind,
            "success": self.success,
            "reachable": self.reachable,
            "paths": None if self.paths is None else str(self.paths),
            "infinite": self.reachable and self.paths is None,
            "shortest": None if self.shortest is None else self.shortest.as_dict(full),
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    principle: str
    tested: bool  # some reachable turn scores it
    good: bool  # some reachable move raises it
    bad: bool  # some reachable move lowers it (or, for call-help-early, carries on alone under threat)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.principle, "tested": self.tested, "good": self.good, "bad": self.bad}


@dataclass(frozen=True, slots=True)
class Idle:
    """Choices whose outcome does not depend on which one is taken."""

    node: str
    kind: str  # "all-same": every offered choice at the node has one outcome; "same-as": these choices share one
    choices: tuple[str, ...]
    next: str

    def as_dict(self) -> dict[str, Any]:
        return {"node": self.node, "kind": self.kind, "choices": list(self.choices), "next": self.next}


@dataclass(frozen=True, slots=True)
class ThreatNode:
    node: str
    tension: tuple[int, int]  # lowest and highest tension at or above the threshold
    path: Path  # a shortest way there

    def as_dict(self, full: bool = True) -> dict[str, Any]:
        return {"node": self.node, "tension": list(self.tension), "path": self.path.as_dict(full)}


@dataclass(slots=True)
class Analysis:
    scenario: Scenario
    profile: Profile
    critical: frozenset[str]
    states: int
    edges: int
    abstraction: str
    paths: int | None  # None: infinitely many
    paths_without_help: int | None
    loops: list[Loop]
    shortest: Path | None
    longest: Path | None
    longest_exact: bool  # False: loops make paths arbitrarily long; `longest` never repeats a state
    endings: list[EndingInfo]
    principles: list[PrincipleRange]
    best: Overall | None
    worst: Overall | None
    coverage: list[Coverage]
    idle: list[Idle]
    never_offered: list[tuple[str, str]]  # (node, choice id) never offered in any reachable state
    unreachable: list[str]  # non-ending nodes never reached
    threat: list[ThreatNode]
    seconds: float = 0.0
    verified: bool = False
    notes: list[str] = field(default_factory=list)  # English, for the JSON; the CLI words its own
    loops_not_listed: int = 0  # beyond MAX_LOOPS_REPORTED

    def as_dict(self) -> dict[str, Any]:
        s = self.scenario
        return {
            "scenario": s.id,
            "nodes": len(s.nodes),
            "states": self.states,
            "moves": self.edges,
            "abstraction": self.abstraction,
            "seconds": round(self.seconds, 3),
            "verified": self.verified,
            "paths": {
                "count": None if self.paths is None else str(self.paths),
                "infinite": self.paths is None,
                "without_help": None if self.paths_without_help is None else str(self.paths_without_help),
                "loops": [lp.as_dict() for lp in self.loops],
            },
            "shortest": None if self.shortest is None else self.shortest.as_dict(),
            "longest": None if self.longest is None else {**self.longest.as_dict(), "exact": self.longest_exact},
            # Many long ways in would make the output quadratic in the scenario's size;
            # past JSON_PATHS entries a list gives each path's length only.
            "endings": [e.as_dict(i < JSON_PATHS) for i, e in enumerate(self.endings)],
            "scores": {
                "principles": [p.as_dict() for p in self.principles],
                "overall": {
                    "best": None if self.best is None else self.best.as_dict(),
                    "worst": None if self.worst is None else self.worst.as_dict(),
                },
            },
            "coverage": [c.as_dict() for c in self.coverage],
            "idle_choices": [i.as_dict() for i in self.idle],
            "never_offered": [{"node": n, "choice": c} for n, c in self.never_offered],
            "unreachable_nodes": self.unreachable,
            "threat": {
                "threshold": self.profile.threat_threshold,
                "nodes": [t.as_dict(i < JSON_PATHS) for i, t in enumerate(self.threat)],
            },
            "notes": self.notes,
        }
