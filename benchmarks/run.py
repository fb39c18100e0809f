"""Speed and memory of sim, each measured against a baseline in the same run.

    python benchmarks/run.py            # the full set: about 2½ minutes on 2 idle cores
    python benchmarks/run.py --quick    # tiny sizes, one run each: checks that every row is produced

Prints a table and the same figures as JSON, and writes the JSON to
benchmarks/results.json (or --json-out FILE). Machine-specific: not committed.

Every figure is the median of several runs, taken alternately with its
baseline so that a busy machine slows both alike. Processes are started with
this interpreter and the same flags; the first run of each command is a
warm-up that is not counted (it also writes the bytecode caches, as
`pip install` does). The children get a fresh SIM_HOME and cache folder and a trainee name, so
no journal, history or first-run question interferes.

Rows (a target is on the ratio unless it says otherwise):
  startup.cold-index  the same start right after the scenario index was deleted
                   (the first start after an install or an edit)       (reported)
  startup.time     `sim` until the home screen lists every built-in scenario and
                   Textual's Ready has fired (SIM_EXIT_ON_READY=1), against a bare
                   Textual app with one Static (benchmarks/bare_app.py)   ≤ 1.3
  startup.rss      peak RSS of the same two processes                     ≤ 2
  validate         `sim validate` of a generated scenario against
                   `yaml.load(…, Loader=CSafeLoader)` of the same file     ≤ 3
  validate.schema  `sim validate` against `check-jsonschema` with the schema
                   of `sim schema` on the same file                       (reported)
  load.alike       loading a node of 20,000 choices without ids whose texts
                   start alike (derived ids), against 2,000 of them: linear
                   growth is 10×                                          ≤ 15
  engine           random-walk steps per second over the built-in scenarios
                   (sim.authoring.fuzz's action picker), against a walk over a plain
                   dict of the same graphs (the interpreter's ceiling)    (reported)
  validate.ink     `sim validate` of the generated scenario against compiling the
                   same graph as ink with inkjs's compiler (benchmarks/ink_peer.py) ≤ 1
  engine.ink       sim's engine steps/s on the generated scenario against inkjs's
                   runtime on the same graph; ratio = ink / sim            ≤ 1
  analyze          `sim analyze` of the 10,000-node scenario, against `sim
                   validate` of it: the analysis costs at most half of
                   reading the file                                       ≤ 1.5
  analyze.growth   exponent k of time ∝ nodes^k over three sizes, with the
                   fixed cost (`sim analyze` of a 4-node scenario) taken off ≤ 1.15
  latency.p50/p95  key press to the first frame that shows its effect in the
                   encounter screen (Pilot, 200 choices in a looping scenario),
                   against a bare app whose key updates a Static   p50 ≤ 3, p95 ≤ 2
                   Measured from posting the key event to the end of the first
                   compositor frame whose state includes it, turned into
                   terminal codes as a real terminal needs; animations off (as in
                   the tests); each key waits until the app is idle again.

  matching.*       replies in the trainee's own words, the held-out set: understood
                   correctly ≥ 85 %, wrongly ≤ 3 % (quality, not speed); match p95
                   against difflib.get_close_matches on the same texts     ≤ 1.5

  classroom.memory `sim serve`: memory per browser session (--full: 30 tabs), against a
                   bare Textual app served by the same server                ≤ 1.5
  classroom.p95    key → screen p95 with 30 tabs, against one tab (benchmarks/classroom.py) ≤ 2

When a figure misses its target, profile the same command, e.g.
`SIM_EXIT_ON_READY=1 pyinstrument -m sim` or `pyinstrument -m sim validate FILE`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the peers' modules beside this script (as when it is run from here)
import classroom  # noqa: E402 - after the path: benchmarks/ is not a package
import ink_peer  # noqa: E402 - after the path, as classroom

ROOT = HERE.parent
LOOP = HERE / "data" / "loop.yaml"
BARE_APP = HERE / "bare_app.py"
PY = [sys.executable]  # the same interpreter and flags for every child
# `sim` as users start it: the console script run by this interpreter (as the
# baseline is a script run by it), else `python -m sim`.
_SCRIPT = shutil.which("sim", path=str(Path(sys.executable).parent))
SIM = [*PY, _SCRIPT] if _SCRIPT else [*PY, "-m", "sim"]


# --- results -----------------------------------------------------------------------


@dataclass
class Row:
    id: str
    label: str
    value: float | None
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None  # None: no target, or not measured
    runs: int = 0
    note: str = ""
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return "—"
    if unit == "s":
        return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"
    if unit == "ms":
        return f"{x:.1f} ms"
    if unit == "MB":
        return f"{x:.1f} MB"
    if unit == "steps/s":
        return f"{x:,.0f}/s"
    if unit == "×":
        return f"{x:.2f}"
    return f"{x:.3g}{(' ' + unit) if unit else ''}"


def table(rows: Sequence[Row]) -> str:
    head = ("figure", "sim", "baseline", "base value", "ratio", "target", "")
    lines = []
    for r in rows:
        mark = {True: "ok", False: "MISSED", None: ""}[r.ok]
        if r.value is None and r.note:
            mark = r.note
        lines.append(
            (
                r.label,
                fmt(r.value, r.unit),
                r.baseline,
                fmt(r.baseline_value, r.unit) if r.baseline_value is not None else "—",
                f"{r.ratio:.3g}" if r.ratio is not None else "—",
                r.target,
                mark,
            )
        )
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    out = ["  ".join(str(x).ljust(w) for x, w in zip(head, widths)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip() for line in lines]
    return "\n".join(out)


# --- running processes ----------------------------------------------------------------


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed sim has its bytecode cached
    for var in ("SIM_DIALOGUES", "SIM_DEBUG", "SIM_PLAIN", "PYTHONSTARTUP", "PYTHONPROFILEIMPORTTIME"):
        env.pop(var, None)
    env.update(SIM_HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), SIM_TRAINEE="bench", SIM_LANG="en", NO_COLOR="1")
    # The checkout this script is in, whatever the environment has installed.
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


@dataclass
class Proc:
    seconds: float
    rss_mb: float
    code: int
    out: str


def run_proc(cmd: Sequence[str], env: dict[str, str], *, cwd: Path = ROOT) -> Proc:
    """Wall time and peak RSS of one child process (wait4 gives the child's own rusage)."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Proc(seconds, rss, proc.returncode, text)


def alternate(
    a: Sequence[str], b: Sequence[str], env: dict[str, str], runs: int, budget: float, *, warm: Sequence[Sequence[str]] = ()
) -> tuple[list[Proc], list[Proc]]:
    """Run `a` and `b` alternately, at most `runs` times each and (after the
    first pair) only while the budget in seconds lasts; `warm` runs first, uncounted."""
    for cmd in warm:
        run_proc(cmd, env)
    xs: list[Proc] = []
    ys: list[Proc] = []
    start = time.perf_counter()
    for i in range(runs):
        if i and time.perf_counter() - start > budget:
            break
        xs.append(run_proc(a, env))
        ys.append(run_proc(b, env))
    return xs, ys


def med(xs: Sequence[float]) -> float:
    return statistics.median(xs)


# --- the benchmarks ----------------------------------------------------------------------


def bench_startup(env: dict[str, str], runs: int, quick: bool) -> list[Row]:
    sim = SIM
    builtin = json.loads(run_proc([*sim, "list", "--json"], env).out)
    expected = sum(1 for s in builtin if s.get("builtin"))
    ready_env = dict(env, SIM_EXIT_ON_READY="1")
    bare = [*PY, str(BARE_APP)]
    # The warm-up also writes the catalogue's index, as the first start after an install does.
    xs, ys = alternate(sim, bare, ready_env, runs, budget=30, warm=[sim, bare])
    index = Path(env["XDG_CACHE_HOME"]) / "encounter-sim" / "catalog-index.json"
    index.unlink(missing_ok=True)
    cold = run_proc(sim, ready_env)  # the index rebuilt: every file parsed and checked
    for p in [*xs, cold]:
        if p.code != 0 or f"home-rows={expected}" not in p.out:
            raise SystemExit(f"benchmarks: `sim` did not start as expected (exit {p.code}, {expected} built-in scenarios):\n{p.out}")
    t, tb = med([p.seconds for p in xs]), med([p.seconds for p in ys])
    m, mb = med([p.rss_mb for p in xs]), med([p.rss_mb for p in ys])
    note = f"{expected} scenarios listed"
    return [
        Row("startup.cold-index", "TUI start, index rebuilt", cold.seconds, "s", "bare Textual app", tb, ratio(cold.seconds, tb), "reported", None, 1,
            "first start after an install or an edit", [cold.seconds], [p.seconds for p in ys]),
        Row("startup.time", "TUI cold start", t, "s", "bare Textual app", tb, ratio(t, tb), "ratio ≤ 1.3", ratio(t, tb) <= 1.3, len(xs), note,
            [p.seconds for p in xs], [p.seconds for p in ys]),
        Row("startup.rss", "TUI peak memory (RSS)", m, "MB", "bare Textual app", mb, ratio(m, mb), "ratio ≤ 2", ratio(m, mb) <= 2, len(xs), "",
            [p.rss_mb for p in xs], [p.rss_mb for p in ys]),
    ]


def generated(folder: Path, nodes: int) -> Path:
    sys.path.insert(0, str(HERE))
    try:
        import generate  # benchmarks/generate.py
    finally:
        sys.path.pop(0)
    path = Path(generate.write(folder / str(nodes), nodes))
    NODES[path] = nodes
    return path


def bench_validate(env: dict[str, str], big: Path, runs: int, quick: bool, work: Path) -> tuple[list[Row], float]:
    sim = SIM
    bare = [*PY, "-c", "import sys, yaml\nwith open(sys.argv[1], 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)", str(big)]
    warm = [] if quick else [[*sim, "validate", str(LOOP)]]  # bytecode of the validating modules
    xs, ys = alternate([*sim, "validate", str(big)], bare, env, runs, budget=15, warm=warm)
    bad = [p for p in xs if p.code != 0]
    if bad:
        raise SystemExit(f"benchmarks: `sim validate` found problems in the generated scenario:\n{bad[0].out[-2000:]}")
    t, tb = med([p.seconds for p in xs]), med([p.seconds for p in ys])
    label = f"validate ({nodes_of(big):,} nodes)"
    rows = [Row("validate", label, t, "s", "yaml CSafeLoader", tb, ratio(t, tb), "ratio ≤ 3", ratio(t, tb) <= 3, len(xs), "",
                [p.seconds for p in xs], [p.seconds for p in ys])]
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if checker is None:
        rows.append(Row("validate.schema", label, t, "s", "check-jsonschema", None, None, "reported", None, 0,
                        "not available: pip install -e '.[bench]'"))
    else:
        schema = work / "scenario.schema.json"
        run_proc([*sim, "schema", "scenario", "-o", str(schema)], env)
        # One run: it is the slow side, and only reported.
        p = run_proc([checker, "--schemafile", str(schema), str(big)], env)
        note = "" if p.code == 0 else f"check-jsonschema exit {p.code}"
        rows.append(Row("validate.schema", label, t, "s", "check-jsonschema", p.seconds, ratio(t, p.seconds), "reported", None, 1, note,
                        [x.seconds for x in xs], [p.seconds]))
    return rows, t


NODES: dict[Path, int] = {}  # generated file → its number of nodes


def nodes_of(path: Path) -> int:
    return NODES[path]


def bench_analyze(env: dict[str, str], sizes: Sequence[Path], validate_seconds: float | None, runs: int, quick: bool) -> list[Row]:
    sim = SIM
    label = f"analyze ({nodes_of(sizes[-1]):,} nodes)"
    if run_proc([*sim, "analyze", "--help"], env).code != 0:
        na = "not available: `sim analyze` is missing"
        return [Row("analyze", label, None, "s", "sim validate", validate_seconds, None, "ratio ≤ 1.5", None, 0, na),
                Row("analyze.growth", "analyze growth exponent", None, "", "", None, None, "≤ 1.15", None, 0, na)]
    if not quick:
        run_proc([*sim, "analyze", str(LOOP)], env)  # warm-up
    fixed = med([run_proc([*sim, "analyze", str(LOOP)], env).seconds for _ in range(1 if quick else 3)])
    times: list[float] = []
    samples: list[float] = []
    for path in sizes:
        ts = []
        start = time.perf_counter()
        for i in range(runs):
            if i and time.perf_counter() - start > 6:  # the large sizes run once: the whole set must stay under 3 minutes
                break
            p = run_proc([*sim, "analyze", str(path)], env)
            if p.code != 0:
                raise SystemExit(f"benchmarks: `sim analyze {path}` failed (exit {p.code}):\n{p.out[-2000:]}")
            ts.append(p.seconds)
        times.append(med(ts))
        samples = ts
    t = times[-1]
    ns = [nodes_of(p) for p in sizes]
    k = slope([math.log(n) for n in ns], [math.log(max(x - fixed, 1e-3)) for x in times])
    detail = ", ".join(f"{n:,}: {x:.2f} s" for n, x in zip(ns, times))
    return [
        Row("analyze", label, t, "s", "sim validate", validate_seconds, ratio(t, validate_seconds), "ratio ≤ 1.5",
            (ratio(t, validate_seconds) or math.inf) <= 1.5, len(samples), "the analysis costs at most half of reading the file", samples),
        Row("analyze.growth", "analyze growth exponent", k, "", f"fixed cost {fixed:.2f} s", None, None, "≤ 1.15", k <= 1.15, 1, detail, times),
    ]


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def worker(name: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run one in-process benchmark in a fresh interpreter; it prints one JSON line."""
    p = run_proc([*PY, str(Path(__file__).resolve()), "--worker", name, *args], env)
    if p.code != 0:
        raise SystemExit(f"benchmarks: worker {name} failed (exit {p.code}):\n{p.out[-3000:]}")
    return json.loads(p.out.strip().splitlines()[-1])


def bench_engine(env: dict[str, str], quick: bool, runs: int) -> list[Row]:
    r = worker("engine", env, "0.05" if quick else "0.2", str(runs))
    xs, bs = r["steps_per_s"], r["baseline_steps_per_s"]
    v, b = med(xs), med(bs)
    note = f"{r['scenarios']} scenarios, {r['sessions']} sessions"
    # A plain dict walk does none of a session's work (judgement, transcript, turns): it only
    # shows the interpreter's ceiling. The engine's target is against ink (engine.ink).
    return [Row("engine", "engine random walk", v, "steps/s", "dict walk", b, ratio(v, b), "reported", None, len(xs), note, xs, bs)]


def bench_alike(env: dict[str, str], quick: bool, runs: int) -> list[Row]:
    small, large = (200, 2000) if quick else (2000, 20000)
    r = worker("alike", env, str(small), str(large), str(runs))
    a, b = med(r["large"]), med(r["small"])
    note = f"{large:,} against {small:,} choices; model validation with derived ids"
    rel = ratio(a, b)
    return [Row("load.alike", f"load {large:,} id-less alike choices", a, "s", f"{small:,} of them", b, rel, "ratio ≤ 15",
                rel is not None and rel <= 15, len(r["large"]), note, r["large"], r["small"])]


def work_alike(small: int, large: int, runs: int) -> dict[str, Any]:
    from sim.content.model import Scenario

    def scenario(n: int) -> dict[str, Any]:
        choices = [{"say": "Let me check that for you right away", "next": "end"} for _ in range(n)]
        return {"id": "alike", "title": "T", "channel": "desk", "profile": "p", "briefing": "B", "goals": ["g"], "start": "start",
                "help": "end", "nodes": {"start": {"choices": choices}, "end": {"end": "help-called"}}}  # fmt: skip

    out: dict[str, list[float]] = {"small": [], "large": []}
    for _ in range(runs):
        for key, n in (("small", small), ("large", large)):
            data = scenario(n)
            t0 = time.perf_counter()
            Scenario.model_validate(data)
            out[key].append(time.perf_counter() - t0)
    return out


def bench_latency(env: dict[str, str], quick: bool) -> list[Row]:
    n = "20" if quick else "200"
    r = worker("latency", env, n)
    rows = []
    for q, most in (("p50", 3.0), ("p95", 2.0)):
        v, b = r["sim"][q], r["baseline"][q]
        rows.append(Row(f"latency.{q}", f"key → screen {q} ({r['choices']} choices)", v, "ms", "bare app + Static", b, ratio(v, b),
                        f"ratio ≤ {most:g}", (ratio(v, b) or math.inf) <= most, r["choices"]))
    return rows


def bench_classroom(env: dict[str, str], quick: bool, full: bool) -> list[Row]:
    """`sim serve` with browser tabs (benchmarks/classroom.py): with --quick 1 and 2 tabs, with
    --full 1, 10 and 30; otherwise not run, as 10 and more tabs would take the run past 3 minutes."""
    if not quick and not full:
        note = "not available in the 3-minute run: `benchmarks/run.py --full` (about 2 minutes more) or `--only classroom --full`"
        return [Row("classroom.memory", "served session memory", None, "MB", target="ratio ≤ 1.5", note=note),
                Row("classroom.p95", "served key → screen p95", None, "ms", target="ratio ≤ 2", note=note)]
    return [Row(**r) for r in classroom.bench_classroom(env, quick, full)]


def bench_matching(env: dict[str, str], quick: bool) -> list[Row]:
    """Replies in the trainee's own words (issue 22): the held-out set, per language, and match latency."""
    args = [*PY, str(HERE / "matching" / "evaluate.py"), "--json", *(["--heldout-only"] if quick else [])]
    p = run_proc(args, env)
    if p.code != 0:
        raise SystemExit(f"benchmarks: matching failed (exit {p.code}):\n{p.out[-3000:]}")
    r = json.loads(p.out[p.out.index("{") :])
    rows = []
    for lang, rates in sorted(r["heldout"].items()):
        n = int(rates["n"])
        rows.append(Row(f"matching.{lang}.correct", f"own words, {lang}: understood correctly", 100 * rates["correct"], "%", target="≥ 85 %",
                        ok=rates["correct"] >= 0.85, runs=n, note=f"{n} held-out replies"))
        rows.append(Row(f"matching.{lang}.wrong", f"own words, {lang}: understood wrongly", 100 * rates["wrong"], "%", target="≤ 3 %",
                        ok=rates["wrong"] <= 0.03, runs=n, note=f"asked back {100 * rates['asked']:.1f} %"))
    latency, plain = r.get("latency_ms", {}), r.get("difflib_latency_ms", {})
    ours, theirs = latency.get("p95"), plain.get("p95")
    rel = ratio(ours, theirs)
    rows.append(Row("matching.p95", "own words: match p95", ours, "ms", "difflib.get_close_matches", theirs, rel, "ratio ≤ 1.5",
                    None if rel is None else rel <= 1.5,
                    runs=sum(int(v["n"]) for v in r["heldout"].values()),
                    note="the same replies against the same options' texts; difflib only compares letters"))
    return rows


# --- workers (run in their own process) ---------------------------------------------------------


def work_engine(seconds: float, rounds: int) -> dict[str, Any]:
    """Steps per second of random walks over the built-in scenarios, `seconds`
    per scenario and round, alternating with the dict-walk baseline."""
    import random

    from sim.authoring.fuzz import choose_action
    from sim.content.library import load_library
    from sim.content.model import targets
    from sim.core.engine import Session

    lib = load_library(builtin_scenarios=True)
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    scenarios = [ls.scenario for ls in lib.scenarios if ls.builtin]
    # The baseline: the same graphs as plain dicts, walked at random.
    # Every node a node may lead to: each entry of a conditional `next`, a narration step's next.
    graphs = [({nid: [t for nxt in node.exits() for t in targets(nxt)] for nid, node in s.nodes.items()}, s.start) for s in scenarios]
    sessions = 0

    def engine(seed: int) -> float:
        nonlocal sessions
        steps = 0
        elapsed = 0.0
        for i, s in enumerate(scenarios):
            profile = lib.profiles[s.profile]
            rng = random.Random(seed + i)  # sim.authoring.fuzz's picks: choices, now and then help or a timeout
            t0 = time.perf_counter()
            session = Session(s, profile, seed + i, critical)
            sessions += 1
            n = 0
            while True:
                action = choose_action(session, rng)
                if action is None or session.ended or len(session.turns) >= 500:
                    session = Session(s, profile, rng.randrange(1 << 30), critical)
                    sessions += 1
                    continue
                session.act(action)
                n += 1
                if n % 64 == 0 and time.perf_counter() - t0 >= seconds:
                    break
            elapsed += time.perf_counter() - t0
            steps += n
        return steps / elapsed

    def baseline(seed: int) -> float:
        steps = 0
        elapsed = 0.0
        for i, (graph, start) in enumerate(graphs):
            choice = random.Random(seed + i).choice
            t0 = time.perf_counter()
            node = start
            n = 0
            while True:
                nxt = graph[node]
                node = choice(nxt) if nxt else start
                n += 1
                if n % 4096 == 0 and time.perf_counter() - t0 >= seconds / 2:
                    break
            elapsed += time.perf_counter() - t0
            steps += n
        return steps / elapsed

    ours, base = [], []
    for r in range(rounds):
        ours.append(engine(1000 * r))
        base.append(baseline(1000 * r))
    return {"steps_per_s": ours, "baseline_steps_per_s": base, "scenarios": len(scenarios), "sessions": sessions}


def work_latency(choices: int) -> dict[str, Any]:
    return asyncio.run(_latency(choices))


async def _latency(choices: int) -> dict[str, Any]:
    from textual import events
    from textual.app import App

    from sim.tui.app import Options, SimApp
    from sim.tui.screens.encounter import EncounterScreen

    async def keystrokes(app: App[Any], pilot: Any, key: str, done: Callable[[int], bool], count: int) -> list[float]:
        """Milliseconds from a key event to the end of the first frame whose state shows it."""
        stamp: dict[str, float] = {}
        state = {"target": -1}
        shown = asyncio.Event()
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and state["target"] >= 0 and "t1" not in stamp and done(state["target"]):
                # Headless Textual skips turning the frame into terminal codes; do it, as a terminal would need.
                if hasattr(renderable, "render_segments"):
                    renderable.render_segments(app.console)
                stamp["t1"] = time.perf_counter()
                shown.set()

        app._display = display  # type: ignore[method-assign]  # the frame's time is taken where Textual hands it to the terminal
        out = []
        for i in range(count):
            stamp.clear()
            shown.clear()
            state["target"] = i + 1
            event = events.Key(key, key)
            event.set_sender(app)
            t0 = time.perf_counter()
            app._driver.send_message(event)  # as Pilot.press does, without its fixed sleeps
            await asyncio.wait_for(shown.wait(), 10)
            out.append((stamp["t1"] - t0) * 1000)
            state["target"] = -1
            await pilot.pause()  # settle before the next key
        return out

    # As `sim` starts (sim/__main__.py): collection deferred until Ready, then
    # what start-up built frozen out of later collections.
    from sim.startup import defer_collection

    defer_collection()
    # sim: the encounter screen of a scenario that goes round for ever (option 1).
    # key_guard 0: the benchmark measures each key to its frame, not the guard against double presses.
    app = SimApp(Options(files=(LOOP,), play=str(LOOP), seed=0, lang="en", key_guard=0.0))
    app.animation_level = "none"  # as in the tests: every key starts from a settled screen
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # briefing → encounter
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EncounterScreen), type(screen)
        turns = screen.play.session.turns
        sim_ms = await keystrokes(app, pilot, "1", lambda n: len(turns) >= n, choices)
        assert len(turns) == choices and not screen.play.session.ended

    bare = classroom.counter_app()  # the same baseline app the classroom serves
    bare.animation_level = "none"
    async with bare.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        base_ms = await keystrokes(bare, pilot, "1", lambda n: bare.presses >= n, choices)

    def summary(xs: list[float]) -> dict[str, float]:
        xs = sorted(xs)
        return {"p50": statistics.median(xs), "p95": xs[min(len(xs) - 1, math.ceil(0.95 * len(xs)) - 1)], "max": xs[-1]}

    tenth = max(1, choices // 10)
    growth = {"first_tenth_p50": statistics.median(sim_ms[:tenth]), "last_tenth_p50": statistics.median(sim_ms[-tenth:])}
    return {"choices": choices, "sim": {**summary(sim_ms), **growth}, "baseline": summary(base_ms)}


# --- main ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 1
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "load_average": load,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run each: checks the rows, not the timings")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 7 for start-up, 3 for the rest; 1 with --quick)")
    parser.add_argument("--json-out", type=Path, default=HERE / "results.json", help="where to write the JSON (default benchmarks/results.json)")
    parser.add_argument("--only", default="", help="comma-separated: startup, validate, load, engine, ink, analyze, latency, matching, classroom")
    parser.add_argument("--full", action="store_true", help="the classroom rows too: `sim serve` with 1, 10 and 30 browser tabs (about 2 minutes more)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)

    if args.worker == "engine":
        print(json.dumps(work_engine(float(rest[0]), int(rest[1]))))
        return 0
    if args.worker == "alike":
        print(json.dumps(work_alike(int(rest[0]), int(rest[1]), int(rest[2]))))
        return 0
    if args.worker == "latency":
        print(json.dumps(work_latency(int(rest[0]))))
        return 0

    quick = args.quick
    only = {x.strip() for x in args.only.split(",") if x.strip()}

    def wanted(name: str) -> bool:
        return not only or name in only

    start_runs = args.runs or (1 if quick else 7)
    runs = args.runs or (1 if quick else 3)
    sizes = (40, 80, 160) if quick else (1000, 5000, 10000)
    info = machine()
    print(f"sim benchmarks — {info['cores']} cores ({info['usable_cores']} usable), load {info['load_average']}, "
          f"Python {info['python']}, {info['platform']}{' — QUICK: timings mean nothing' if quick else ''}", flush=True)

    t_start = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="sim-bench-") as tmp:
        work = Path(tmp)
        env = child_env(work / "home")

        def step(name: str, fn: Callable[[], list[Row]]) -> None:
            if not wanted(name):
                return
            t0 = time.perf_counter()
            print(f"  {name} …", end="", flush=True)
            got = fn()
            rows.extend(got)
            print(f" {time.perf_counter() - t0:.1f} s", flush=True)

        step("startup", lambda: bench_startup(env, start_runs, quick))
        files = [generated(work / "scenarios", n) for n in sizes] if (wanted("validate") or wanted("analyze")) else []
        validate_seconds: list[float] = []

        def validate() -> list[Row]:
            got, t = bench_validate(env, files[-1], runs, quick, work)
            validate_seconds.append(t)
            return got

        step("validate", validate)
        step("load", lambda: bench_alike(env, quick, runs))
        step("engine", lambda: bench_engine(env, quick, runs))
        step("ink", lambda: [Row(**r) for r in ink_peer.bench_ink(
            env, quick, runs, work, files[-1] if files else None, validate_seconds[0] if validate_seconds else None)])
        step("analyze", lambda: bench_analyze(env, files, validate_seconds[0] if validate_seconds else None, runs, quick))
        step("latency", lambda: bench_latency(env, quick))
        step("matching", lambda: bench_matching(env, quick))
        step("classroom", lambda: bench_classroom(env, quick, args.full))

    total = time.perf_counter() - t_start
    if quick:  # tiny sizes: the figures say nothing about the targets
        for r in rows:
            r.ok = None
    report = {"machine": info, "quick": quick, "seconds": round(total, 1), "rows": [asdict(r) for r in rows]}
    print()
    print(table(rows))
    print(f"\n{total:.0f} s in all; medians of up to {start_runs} (start-up) or {runs} runs.")
    if total > 180 and not quick:
        print("(over the 3-minute budget: was the machine busy? the load average is in the JSON)")
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(text + "\n", encoding="utf-8")
    print(f"written to {args.json_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
