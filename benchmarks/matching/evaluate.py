"""How well replies typed in a trainee's own words are understood (issue 22).

Two sets, per language:

- **dev**: every authored `examples:` entry of the built-in scenarios, matched
  with itself left out (leave one out). The matcher's MARGIN and FLOOR are
  tuned here, never on the held-out set.
- **held-out**: benchmarks/matching/heldout.yaml, paraphrases written without
  seeing the examples. Items with `choice: null` mean none of the options:
  the right outcome for them is to ask back.

Reported: accepted-and-correct, accepted-but-wrong and asked-back rates, and
match latency p50/p95 (the node prepared once, as in a session).

    python benchmarks/matching/evaluate.py [--json] [--sweep]
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sim.authoring.separability import node_reports  # noqa: E402 - after ROOT is on the path, so it runs from a checkout
from sim.content.library import load_library  # noqa: E402 - after ROOT is on the path
from sim.core import matching  # noqa: E402 - after ROOT is on the path
from sim.core.matching import Matcher, options_of  # noqa: E402 - after ROOT is on the path

HELDOUT = Path(__file__).with_name("heldout.yaml")


def _rates(outcomes: list[str]) -> dict[str, float]:
    n = len(outcomes) or 1
    return {k: outcomes.count(k) / n for k in ("correct", "wrong", "asked")} | {"n": len(outcomes)}


def dev_outcomes() -> dict[str, list[tuple[str | None, str, list[matching.Candidate]]]]:
    """Per language: every authored example matched with itself left out (sim.authoring.separability);
    the candidates are kept so a sweep can decide again with other MARGIN and FLOOR values."""
    lib = load_library([], builtin_scenarios=True)
    out: dict[str, list[tuple[str | None, str, list[matching.Candidate]]]] = defaultdict(list)
    for ls in lib.scenarios:
        for report in node_reports(ls.scenario):
            out[report.lang] += [(trial.choice, trial.text, list(trial.candidates)) for trial in report.trials]
    return out


def classify(expected: str | None, accepted: str | None) -> str:
    if accepted is None:
        return "asked" if expected is not None else "correct"
    return "correct" if accepted == expected else "wrong"


def heldout(matcher: Matcher | None = None, baseline: list[float] | None = None) -> tuple[dict[str, list[str]], list[float]]:
    """The held-out replies matched: outcomes per language and each match's seconds.
    With `baseline`, also the seconds of the standard library's fuzzy match of each
    reply against the same texts (difflib.get_close_matches), what an author would
    otherwise reach for."""
    lib = load_library([], builtin_scenarios=True)
    items = yaml.safe_load(HELDOUT.read_text(encoding="utf-8")) if HELDOUT.exists() else []
    matcher = matcher or Matcher()
    by_lang: dict[str, list[str]] = defaultdict(list)
    latency: list[float] = []
    for item in items:
        found = lib.scenario(item["scenario"])
        if found is None or item["node"] not in found.scenario.nodes:
            continue
        s = found.scenario
        node = s.nodes[item["node"]]
        options = options_of(s, node.choices, item["lang"])
        matcher.match((s.id, item["node"]), options, "warm", item["lang"])  # prepared once, as in a session
        t0 = time.perf_counter()
        result = matcher.match((s.id, item["node"]), options, str(item["text"]), item["lang"])
        latency.append(time.perf_counter() - t0)
        by_lang[item["lang"]].append(classify(item.get("choice"), result.accepted))
        if baseline is not None:
            texts = [text for _, ways in options for text in ways]
            t0 = time.perf_counter()
            difflib.get_close_matches(str(item["text"]), texts, n=1, cutoff=0.0)
            baseline.append(time.perf_counter() - t0)
    return by_lang, latency


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="try MARGIN and FLOOR values on the dev set")
    parser.add_argument("--heldout-only", action="store_true", help="skip the dev set (leave one out), which takes a while")
    args = parser.parse_args(argv)
    dev = {} if args.heldout_only else dev_outcomes()
    if args.sweep:
        for margin in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            for floor in (0.1, 0.15, 0.2, 0.25):
                matching.MARGIN, matching.FLOOR = margin, floor
                line = [f"margin {margin:.2f} floor {floor:.2f}"]
                for lang, rows in sorted(dev.items()):
                    r = _rates([classify(exp, matching.decide(c)[0]) for exp, _, c in rows])
                    line.append(f"{lang}: correct {r['correct']:.1%} wrong {r['wrong']:.1%} asked {r['asked']:.1%}")
                print(" | ".join(line))
        return 0
    report: dict[str, Any] = {"margin": matching.MARGIN, "floor": matching.FLOOR, "dev": {}, "heldout": {}}
    for lang, rows in sorted(dev.items()):
        report["dev"][lang] = _rates([classify(exp, matching.decide(c)[0]) for exp, _, c in rows])
    difflib_latency: list[float] = []
    by_lang, latency = heldout(baseline=difflib_latency)
    for lang, outcomes in sorted(by_lang.items()):
        report["heldout"][lang] = _rates(outcomes)

    def quantiles(xs: list[float]) -> dict[str, float]:
        xs = sorted(xs)
        return {"p50": statistics.median(xs) * 1000, "p95": xs[int(0.95 * (len(xs) - 1))] * 1000}

    if latency:
        report["latency_ms"] = quantiles(latency)
        report["difflib_latency_ms"] = quantiles(difflib_latency)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"matcher: margin {report['margin']}, floor {report['floor']}")
    for name in ("dev", "heldout"):
        for lang, r in report[name].items():
            print(
                f"{name:8s} {lang}: {r['n']:4d} replies · accepted and correct {r['correct']:.1%}"
                f" · accepted but wrong {r['wrong']:.1%} · asked back {r['asked']:.1%}"
            )
    if "latency_ms" in report:
        print(f"latency: p50 {report['latency_ms']['p50']:.2f} ms · p95 {report['latency_ms']['p95']:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
