"""Progress over time drawn in text: a sparkline of scores, newest last,
as `sim history` and the TUI's history screen both show it."""

from __future__ import annotations

SPARKS = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 24  # the newest sessions that fit a line 100 columns wide
# The progress table's columns beside the trend take about 76 columns: a wider
# screen shows more of the past, up to this many sessions.
SPARK_POINTS_MAX = 120


def sparkline(values: list[int], points: int = SPARK_POINTS) -> str:
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, v) * len(SPARKS) // 101)] for v in values[-points:])


def spark_points(width: int) -> int:
    """How many sessions a trend shows on a line `width` columns wide."""
    return max(SPARK_POINTS, min(SPARK_POINTS_MAX, width - 76))
