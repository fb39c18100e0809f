"""ink (inkle's narrative language, as inkjs) as a peer of sim, on the same branching graph.

    python benchmarks/ink_peer.py --quick   # 160 nodes, one run each: checks that the rows are produced
    python benchmarks/ink_peer.py --full    # 10,000 nodes, as benchmarks/run.py measures them (the default)

Prints the rows as JSON, with the fields of run.py's `Row`; benchmarks/run.py
adds them to its own through `bench_ink()`. The generated scenario
(benchmarks/generate.py) is written as ink by `generate.to_ink()`: the same
nodes, edges, conditions and effects (its docstring says what ink cannot say).

Rows (a target is on the ratio):
  validate.ink  `sim validate` of the generated scenario against compiling the
                same graph as ink with inkjs's compiler (`node
                benchmarks/ink/compile.js`), process wall time            ≤ 1
  engine.ink    random-walk steps per second of sim's engine over the generated
                scenario (sim.authoring.fuzz's action picker) against inkjs's
                runtime over the compiled ink (`node benchmarks/ink/walk.js`, the
                same picks); ratio = ink / sim, so ≤ 1 is sim ≥ 1× inkjs    ≤ 1

inkjs is pinned in benchmarks/ink/package.json (and its lock file); the first
run installs it with `npm ci`. Without Node.js the rows say so and have no value.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
INK = HERE / "ink"
COMPILE_JS = INK / "compile.js"
WALK_JS = INK / "walk.js"
NPM_CI_TIMEOUT = 180  # seconds: a cold npm cache downloads one small package
NO_NODE = "not available: Node.js is not installed (apt-get install nodejs npm)"
# Both rows share ~20 s of the 3-minute budget. inkjs compiles 10,000 nodes in
# 10–15 s (3–4× `sim validate`), so after the first run more run only while the
# budget lasts: at that size, one run, which is far enough from the target to decide it.
COMPILE_BUDGET = 10.0
ENGINE_BUDGET = 6.0  # seconds of rounds after the first, in the worker
WARM_UP_STEPS = 2048  # untimed steps before each side's walks: as WARM_UP_STEPS in ink/walk.js


def _beside(name: str) -> Any:
    """A module beside this one (benchmarks/ is not a package); run.py is imported late, as it imports this module."""
    sys.path.insert(0, str(HERE))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def _run() -> Any:
    return _beside("run")


def _generate() -> Any:
    return _beside("generate")


def _row(id: str, label: str, value: float | None, unit: str, baseline: str = "", baseline_value: float | None = None,
         ratio: float | None = None, target: str = "", ok: bool | None = None, runs: int = 0, note: str = "",
         samples: list[float] | None = None, baseline_samples: list[float] | None = None) -> dict[str, Any]:
    # The fields of run.py's `Row`, in its order, so run.py can make a Row of it (`Row(**d)`).
    return {"id": id, "label": label, "value": value, "unit": unit, "baseline": baseline, "baseline_value": baseline_value,
            "ratio": ratio, "target": target, "ok": ok, "runs": runs, "note": note, "samples": samples or [],
            "baseline_samples": baseline_samples or []}


def _unavailable(note: str, nodes: int | None) -> list[dict[str, Any]]:
    size = f" ({nodes:,} nodes)" if nodes else ""
    return [
        _row("validate.ink", f"validate vs ink compiler{size}", None, "s", "inkjs compiler", target="ratio ≤ 1", note=note),
        _row("engine.ink", f"engine vs ink runtime{size}", None, "steps/s", "inkjs runtime", target="ratio ≤ 1", note=note),
    ]


def setup(env: dict[str, str]) -> tuple[str | None, str]:
    """(the path of node, "") when inkjs can run, else (None, why not)."""
    node = shutil.which("node", path=env.get("PATH"))
    if node is None:
        return None, NO_NODE
    if not (INK / "node_modules" / "inkjs" / "package.json").is_file():
        npm = shutil.which("npm", path=env.get("PATH"))
        if npm is None:
            return None, "not available: npm ci failed: npm is not installed (apt-get install npm)"
        cmd = [npm, "ci", "--prefix", str(INK), "--no-audit", "--no-fund"]
        try:
            p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=NPM_CI_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return None, f"not available: npm ci failed: no answer in {NPM_CI_TIMEOUT} s"
        if p.returncode != 0:
            return None, f"not available: npm ci failed: {_npm_failure(p.stderr + p.stdout, p.returncode)}"
    return node, ""


def _npm_failure(text: str, code: int) -> str:
    """The line of npm's output that says what went wrong (its last one only points to a log file)."""
    lines = [re.sub(r"^npm (error|ERR!)\s*", "", x).strip() for x in text.splitlines()]
    lines = [x for x in lines if x and not x.startswith("A complete log")]
    for x in lines:
        if re.match(r"[A-Za-z]*Error\b", x):  # e.g. FetchError: request to … failed
            return x
    return next((x for x in lines if x.startswith("code ")), lines[-1] if lines else f"exit {code}")


def inkjs_version() -> str:
    try:
        return str(json.loads((INK / "node_modules" / "inkjs" / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"


def _scenario(big: Path) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The generated file as data (the graph the ink is written from) and its persona, unless it is the generated one."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with big.open("rb") as f:
        data: dict[str, Any] = yaml.load(f, Loader=loader)
    if data["profile"] == _generate().PERSONA["id"]:
        return data, None
    for folder in (big.parent / "profiles", ROOT / "profiles"):
        path = folder / f"{data['profile']}.yaml"
        if path.is_file():
            with path.open("rb") as f:
                persona: dict[str, Any] = yaml.load(f, Loader=loader)
            return data, persona
    raise SystemExit(f"benchmarks: the persona `{data['profile']}` of {big} is not found beside it nor among the built-in ones")


def bench_ink(env: dict[str, str], quick: bool, runs: int, work: Path, big: Path | None, sim_validate_seconds: float | None) -> list[dict[str, Any]]:
    """The rows validate.ink and engine.ink on `big` (a scenario of generate.py; None: one is generated here),
    reusing the `sim validate` figure of the same run when there is one."""
    run = _run()
    node, why = setup(env)
    if node is None:
        return _unavailable(why, None)
    if big is None:
        n = 160 if quick else 10_000
        big = Path(_generate().write(work / "ink-scenario" / str(n), n))
    data, persona = _scenario(big)
    nodes = len(data["nodes"])
    folder = work / "ink"
    folder.mkdir(parents=True, exist_ok=True)
    source, story = folder / f"{data['id']}.ink", folder / f"{data['id']}.json"
    source.write_text(_generate().to_ink(data, persona), encoding="utf-8")
    version = inkjs_version()

    # validate.ink: the compiler is the slow side; it runs while the budget lasts, at least once.
    ink_cmd = [node, str(COMPILE_JS), str(source), str(story)]
    sim_cmd = [*run.SIM, "validate", str(big)]
    small = folder / "warm-up.ink"
    small.write_text(_generate().to_ink(_generate().generate(12)), encoding="utf-8")
    # Uncounted, as run.py's first runs: inkjs read from disk into the page cache, as sim's modules are.
    warm_ink = [] if quick else [[node, str(COMPILE_JS), str(small), str(folder / "warm-up.json")]]
    if sim_validate_seconds is None:
        warm = [] if quick else [[*run.SIM, "validate", str(run.LOOP)]]  # bytecode of the validating modules, as bench_validate
        xs, ys = run.alternate(sim_cmd, ink_cmd, env, runs, budget=COMPILE_BUDGET, warm=[*warm, *warm_ink])
        bad = [p for p in xs if p.code != 0]
        if bad:
            raise SystemExit(f"benchmarks: `sim validate` found problems in the generated scenario:\n{bad[0].out[-2000:]}")
        sim_samples = [p.seconds for p in xs]
    else:
        for cmd in warm_ink:
            run.run_proc(cmd, env)
        ys, start = [], time.perf_counter()
        for i in range(runs):
            if i and time.perf_counter() - start > COMPILE_BUDGET:
                break
            ys.append(run.run_proc(ink_cmd, env))
        sim_samples = [sim_validate_seconds]
    failed = [p for p in ys if p.code != 0]
    if failed or not story.is_file():
        raise SystemExit(f"benchmarks: inkjs did not compile the generated ink ({source}):\n{failed[0].out[-3000:] if failed else ''}")
    t, tb = statistics.median(sim_samples), statistics.median([p.seconds for p in ys])
    rss = statistics.median([p.rss_mb for p in ys])
    reused = "" if sim_validate_seconds is None else "sim's figure is the validate row's; "
    rows = [_row("validate.ink", f"validate vs ink compiler ({nodes:,} nodes)", t, "s", f"inkjs {version} compiler", tb, run.ratio(t, tb),
                 "ratio ≤ 1", None if quick else run.ratio(t, tb) <= 1, len(ys),
                 f"{reused}process wall time; the same graph as ink (generate.to_ink) compiled to JSON by node compile.js, its peak RSS {rss:,.0f} MB",
                 sim_samples, [p.seconds for p in ys])]

    # engine.ink: one sim worker loads the scenario once and takes turns with inkjs's walks, so a busy machine slows both alike.
    seconds = 0.05 if quick else 0.4
    cmd = [*run.PY, str(Path(__file__).resolve()), "--worker", "engine", str(big), str(story), str(seconds), str(runs), node]
    p = run.run_proc(cmd, env)
    if p.code != 0:
        raise SystemExit(f"benchmarks: the ink engine worker failed (exit {p.code}):\n{p.out[-3000:]}")
    r = json.loads(p.out.strip().splitlines()[-1])
    xs_s, ink_s = r["steps_per_s"], r["ink_steps_per_s"]
    v, b = statistics.median(xs_s), statistics.median(ink_s)
    ink_over_sim = run.ratio(b, v)
    note = (f"the generated {nodes:,}-node graph walked with fuzz's picks (help 5 %; a new walk at an ending or after 500 turns): "
            f"sim's Session.act, the loaded model frozen out of GC as sim's app does, against inkjs {version} "
            f"ContinueMaximally + ChooseChoiceIndex on the ink compiled above; ratio = ink/sim; "
            f"{r['steps']:,} sim steps in {r['sessions']:,} sessions, {r['ink_steps']:,} ink steps in {r['ink_walks']:,} walks")
    rows.append(_row("engine.ink", f"engine vs ink runtime ({nodes:,} nodes)", v, "steps/s", f"inkjs {version} runtime", b, ink_over_sim,
                     "ratio ≤ 1", None if quick or ink_over_sim is None else ink_over_sim <= 1, len(xs_s), note, xs_s, ink_s))
    return rows


# --- the worker (its own process) ----------------------------------------------------------------------


def work_engine(scenario_path: Path, story: Path, seconds: float, rounds: int, node: str) -> dict[str, Any]:
    """Steps per second of sim's engine walking the scenario at random, `seconds` a round,
    each round followed by inkjs walking the compiled ink for as long (`node walk.js`)."""
    import random

    from sim.authoring.fuzz import MAX_TURNS, choose_action
    from sim.content.library import load_library
    from sim.core.engine import Session
    from sim.startup import defer_collection, resume_collection

    # As sim's app runs a scenario: what loading built (the 10,000-node model) is frozen out of
    # later collections; otherwise each full collection walks it, and halves the steps per second.
    defer_collection()
    lib = load_library([scenario_path])
    resume_collection(freeze=True)
    if not lib.scenarios:
        raise SystemExit(f"no scenario loaded from {scenario_path}: {[p.message for p in lib.problems][:3]}")
    scenario = lib.scenarios[0].scenario
    profile = lib.profiles[scenario.profile]
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    out: dict[str, Any] = {"steps_per_s": [], "ink_steps_per_s": [], "steps": 0, "sessions": 0, "ink_steps": 0, "ink_walks": 0, "ink_load_seconds": []}

    def walk(seed: int, seconds: float | None, steps: int = 0) -> tuple[int, int, float]:
        """As run.py's work_engine, on one scenario: fuzz's picks, a new session at an ending or
        after MAX_TURNS; for `seconds`, or `steps` steps. Returns the steps, the sessions and the time."""
        rng = random.Random(seed)
        t0 = time.perf_counter()
        session = Session(scenario, profile, seed, critical)
        sessions = 1
        n = 0
        while True:
            action = choose_action(session, rng)
            if action is None or session.ended or len(session.turns) >= MAX_TURNS:
                session = Session(scenario, profile, rng.randrange(1 << 30), critical)
                sessions += 1
                continue
            session.act(action)
            n += 1
            if n % 64 == 0 and (time.perf_counter() - t0 >= seconds if seconds is not None else n >= steps):
                return n, sessions, time.perf_counter() - t0

    walk(-1, None, WARM_UP_STEPS)  # untimed, as walk.js: first-use caches (parsed conditions and the like)
    start = time.perf_counter()
    for r in range(rounds):
        if r and time.perf_counter() - start > ENGINE_BUDGET:
            break
        n, sessions, elapsed = walk(1000 * r, seconds)
        out["steps_per_s"].append(n / elapsed)
        out["steps"] += n
        out["sessions"] += sessions
        p = subprocess.run([node, str(WALK_JS), str(story), str(seconds), str(r)], capture_output=True, text=True, check=False)
        if p.returncode != 0:
            raise SystemExit(f"node walk.js failed (exit {p.returncode}):\n{p.stderr[-3000:]}")
        ink = json.loads(p.stdout.strip().splitlines()[-1])
        out["ink_steps_per_s"].append(ink["steps_per_s"])
        out["ink_steps"] += ink["steps"]
        out["ink_walks"] += ink["restarts"] + 1
        out["ink_load_seconds"].append(ink["load_seconds"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="160 nodes and one run: checks the rows, not the timings")
    size.add_argument("--full", action="store_true", help="10,000 nodes, as benchmarks/run.py (the default)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3; 1 with --quick)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.worker == "engine":
        print(json.dumps(work_engine(Path(rest[0]), Path(rest[1]), float(rest[2]), int(rest[3]), rest[4])))
        return 0
    run = _run()
    with tempfile.TemporaryDirectory(prefix="sim-bench-ink-") as tmp:
        work = Path(tmp)
        rows = bench_ink(run.child_env(work / "home"), args.quick, args.runs or (1 if args.quick else 3), work, None, None)
    print(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
