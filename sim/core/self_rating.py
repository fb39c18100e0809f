"""How a trainee's rating of themselves compares with the computed score.

The gap between the two is the lesson of the self-assessment, so the debrief,
`--plain`, every report and the history judge it by these functions alone.
Imports nothing of the content model: the history store uses it and must
open without pydantic or YAML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sim.core.scoring import PrincipleScore, Score

CALIBRATED = 10  # a self-rating this close to the computed score counts as accurate

Calibration = Literal["calibrated", "over", "under"]


def self_score(rating: object) -> int | None:
    """A 1–5 self-rating on the 0–100 scale of the computed scores; None for
    anything else (a self-assessment may come from a damaged journal or report)."""
    if isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= 5:
        return (rating - 1) * 25
    return None


def calibration(gap: float | None) -> Calibration | None:
    """A gap between self-score and score (or a mean of gaps), judged: close
    enough, or over/under. A mean of 10.4 is past the 10 of "accurate"."""
    if gap is None:
        return None
    if abs(gap) <= CALIBRATED:
        return "calibrated"
    return "over" if gap > 0 else "under"


def mean_gap(gaps: Iterable[int], places: int = 1) -> float | None:
    """The mean of several gaps to one decimal (or `places`), halves away from
    zero (2.25 → 2.3, −2.25 → −2.3), or None without any: the history, the
    TUI, the reports and the class view all show this one number."""
    values = list(gaps)
    if not values:
        return None
    mean = Decimal(sum(values)) / Decimal(len(values))
    return float(mean.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def session_gaps(points: Iterable[tuple[str, int]], places: int = 1) -> list[float]:
    """The mean gap of each session, in the order the sessions first come:
    `points` are (session id, gap) pairs."""
    by_session: dict[str, list[int]] = {}
    for session, gap in points:
        by_session.setdefault(session, []).append(gap)
    return [m for gaps in by_session.values() if (m := mean_gap(gaps, places)) is not None]


@dataclass(frozen=True, slots=True)
class SelfCheck:
    """One principle's self-rating beside its computed score."""

    principle: PrincipleScore
    rating: int | None  # 1–5, None when not rated (or not a valid rating)
    own: int | None  # the rating on the 0–100 scale

    @property
    def gap(self) -> int | None:
        """Positive: the trainee rated themselves higher than they scored."""
        computed = self.principle.score
        return None if self.own is None or computed is None else self.own - computed

    @property
    def calibration(self) -> Calibration | None:
        return calibration(self.gap)


def self_checks(result: Score, ratings: Mapping[str, object] | None) -> tuple[SelfCheck, ...]:
    """Every scored principle beside the trainee's own rating of it, in the
    score's order: the one rule behind the debrief's table, `--plain` and the reports."""
    ratings = ratings if isinstance(ratings, Mapping) else {}
    checks = []
    for ps in result.principles:
        rating = ratings.get(ps.principle)
        own = self_score(rating)
        checks.append(SelfCheck(ps, rating if isinstance(rating, int) and own is not None else None, own))
    return tuple(checks)
