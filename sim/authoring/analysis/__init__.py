"""What a scenario teaches, over all its paths: `sim analyze`.

Every question is answered on the state graph of `sim.authoring.statespace` (what the
engine can actually reach, with conditions and the persona's arithmetic taken
into account) by dynamic programming over states, never by listing paths.
What is exact and what is a bound:

- path counts are exact big integers, or infinite when a loop can be
  repeated on the way to an ending (the loops are reported);
- shortest paths, and every ending's shortest way in, are exact (breadth
  first); the longest path is exact when there is no loop, otherwise it is
  the longest path that never comes back to a state it was in;
- a principle's best and worst score is exact. Scores are ratios (earned ÷
  possible, summed over turns), so they are not additive. A perfect (or
  zero) score is decided for all principles at once by reachability; any
  other extreme by Dinkelbach's method, which turns "maximise e/P" into a few
  longest-path problems "maximise e − λ·P" whose optimum is 0 exactly at the
  best ratio λ, in integer arithmetic. With loops the answer is a supremum
  that a loop may only approach (`attained: false`);
- the overall score (a mean of ratios, capped by critical misses) does not
  decompose at all. It is exact by listing every path when there are few
  (at most ENUMERATION_LIMIT); otherwise the best path found by a
  sum-of-ratios search is an achievable score (replayable), and a bound from
  the per-principle extremes, the goals every path tests and the misses no
  path avoids limits how much better (or worse) any path can do. When the
  two meet it is exact.

Every reported choice list can be replayed through the engine; `verify`
does that, so the numbers printed are the numbers a trainee would get.

The package's modules, one question or shared structure each: `results`
(the answer types), `shape` (components), `longest` (max-plus paths),
`reach` (what a state can still reach), `context` (what every pass shares),
`extremes`, `overall`, `structure` (counts, loops, coverage, idle nodes,
threats) and `entry` (`analyze` and `verify`).
"""

from __future__ import annotations

from sim.authoring.analysis.entry import analyze, replay, verify
from sim.authoring.analysis.results import Analysis, AnalysisError
from sim.authoring.statespace import TooLarge

__all__ = ["Analysis", "AnalysisError", "TooLarge", "analyze", "replay", "verify"]
