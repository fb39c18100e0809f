"""Classroom capacity: `sim serve` with N browser tabs played at once.

    python benchmarks/classroom.py            # N = 1 and 10: about 80 s on 2 cores
    python benchmarks/classroom.py --full     # N = 1, 10 and 30: about 130 s
    python benchmarks/classroom.py --quick    # N = 1 and 2, three keys each: checks that the rows are produced (~20 s)

benchmarks/run.py calls `bench_classroom(env, quick, full)`, which returns the
rows as dicts with the fields of run.py's Row; run alone, this prints them as JSON.

A tab here does what a browser tab does (tests/functional/serve/test_serve.py
drives the server the same way): it loads the page, opens the websocket the
page names, with the page's Origin, at 100 × 30 cells, sends what the page
sends (its size, a ping) and, once the first screen is there, "focus" (the
trainee clicks into the page); then it plays like a trainee: types a name,
Enter, a PIN of its own (the first use of a name claims it), Enter; on the
home screen types the id of the benchmarks' looping scenario
(benchmarks/data/loop.yaml, served with `--dir benchmarks/data`), Enter, Enter
at the briefing; then presses 1 every 1–2 s (jittered, seeded), each key once
the screen has shown the one before. Each step of the log-in waits for what a
person waits for: the cursor in the next field, the echo of what was typed,
the next screen (a PIN typed ahead of its cursor went into the name field, in
clear, until this benchmark found it; the dialog now takes it as the PIN). A key's latency is
from sending it to the arrival of the binary frame that completes, in what
came since the key, the header's "turn N+1" (the encounter's header counts
the turns). The tabs log in at once (a class told to start), wait until every
tab is at its first option, then play.

Rows (a target is on the ratio):
  classroom.memory  memory per session: (VmRSS of the server and every process
                    under it, N tabs open after their keys − the same just before
                    the tabs connected) / the app processes, for sim and for a
                    bare Textual app served by the same server class
                    (`ClassroomServer`, as `sim serve` runs it, given this file's
                    `--bare-app`: one Static whose "turn N" the key 1 counts up) ≤ 1.5
  classroom.p95     key → screen p95 with the most tabs, against one tab (both
                    sim, one server, one run)                                  ≤ 2
N is 1 and 10, or with --full 1, 10 and 30; memory is read with the largest
N, and the bare app is run with that N only. The one-tab round plays twice the
keys, so that its p95 is not just its slowest key. RSS counts the pages the
processes share (the interpreter, the libraries) once per process; the note
gives PSS too, which shares them out, and per key played: the CPU time of the
server and its apps, the frames and the bytes sent to the browser. The tabs
run in this process, on the same cores as the server: the note says how much
of a core they took. The servers get a fresh SIM_HOME and cache folder, and
colours (no NO_COLOR): the frames are as big as a browser's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import math
import os
import random
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"  # loop.yaml, the scenario that goes round for ever (option 1)
SCENARIO = "bench-loop"
WIDTH, HEIGHT = 100, 30
LEVELS, LEVELS_FULL, LEVELS_QUICK = (1, 10), (1, 10, 30), (1, 2)
KEYS, KEYS_QUICK = 10, 3  # keys per tab
PACE, PACE_QUICK = (1.0, 2.0), (0.4, 0.8)  # seconds between a key's effect on screen and the next key
LOGIN_TIMEOUT = 120.0  # connect → first option on screen, per tab: 30 apps start on 2 cores
STEP_TIMEOUT = 60.0  # one step of the log-in
KEY_TIMEOUT = 15.0  # a key whose turn is not shown by then is counted lost, and the tab stops
SERVER_START = 30.0
BUDGET = {"quick": 120.0, "default": 300.0, "full": 600.0}  # the whole measurement, at most


# --- processes: start, measure, end ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time in clock ticks) of a live process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rpartition(")")[2].split()  # pid (comm) state ppid …; comm may hold spaces and parentheses
    if fields[0] == "Z":
        return None
    return int(fields[1]), int(fields[19])


def descendants(pid: int) -> list[int]:
    """Every live process under `pid` (its children, theirs, …)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st is not None:
                children.setdefault(st[0], []).append(int(entry.name))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _status_kb(pid: int, key: str, name: str = "status") -> int | None:
    try:
        text = Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return None


@dataclass
class Usage:
    rss_kb: int  # the server and everything under it
    pss_kb: int
    apps: list[int]  # each process under the server: its RSS in KiB
    cpu_s: float  # CPU time the live ones have used (user + system)


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_usage(pid: int) -> Usage:
    rss = pss = 0
    cpu = 0.0
    apps = []
    for p in [pid, *descendants(pid)]:
        r = _status_kb(p, "VmRSS:")
        if r is None:  # ended while we looked
            continue
        rss += r
        pss += _status_kb(p, "Pss:", "smaps_rollup") or 0
        cpu += _cpu_seconds(p)
        if p != pid:
            apps.append(r)
    return Usage(rss, pss, apps, cpu)


class Server:
    """A server in a process group of its own; every process it started is remembered
    (with its start time, so that a reused pid is never signalled) and ended with it."""

    def __init__(self, cmd: Sequence[str], port: int, env: dict[str, str], log: Path) -> None:
        self.port = port
        self.log = log
        self.cmd_name = "sim serve" if "serve" in cmd else "the bare app's server"
        self.seen: dict[int, int] = {}  # pid → start time
        with log.open("wb") as out:
            self.proc = subprocess.Popen(list(cmd), cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)  # fmt: skip

    def page(self, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def wait_ready(self) -> str:
        deadline = time.monotonic() + SERVER_START
        while True:
            try:
                status, page = self.page(timeout=2)
                if status == 200:
                    return page
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                said = " ".join(self.output().split())[-600:]
                raise RuntimeError(f"{self.cmd_name} did not answer on port {self.port} (exit {self.proc.poll()}): {said}")
            time.sleep(0.1)

    def log_problems(self) -> str:
        """Tracebacks and warnings in the server's output (its apps' stderr goes there too)."""
        lines = self.output().splitlines()
        bad = [line.strip() for line in lines if line.startswith("Traceback") or re.search(r"\b(ERROR|WARNING|CRITICAL)\b|Error:", line)]
        if not bad:
            return ""
        return f"{len(bad)} error or warning line(s) in its output, first: {bad[0][:200]}"

    def output(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def apps(self) -> list[int]:
        found = descendants(self.proc.pid)
        for pid in found:
            st = _stat(pid)
            if st is not None:
                self.seen.setdefault(pid, st[1])
        return found

    def usage(self) -> Usage:
        self.apps()
        return tree_usage(self.proc.pid)

    def wait_no_apps(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.apps():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def stop(self) -> list[str]:
        """End the server, then whatever it left; what had to be killed, said in words."""
        problems = []
        self.apps()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)  # the server ends its sessions' apps (QUIT_GRACE, then their groups)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                problems.append("the server did not end within 15 s of SIGTERM")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        left = [pid for pid, start in self.seen.items() if (st := _stat(pid)) is not None and st[1] == start]
        if left:
            problems.append(f"{len(left)} app process(es) outlived the server")
        if said := self.log_problems():
            problems.append(said)
        for pid in left:  # each app runs in a process group of its own
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        return problems


# --- a browser tab ----------------------------------------------------------------------------

_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


class Screen:
    """What the app draws into one websocket, read as it comes: binary frames
    since the last `mark()`, each with when it arrived."""

    def __init__(self, ws: Any, trace: bool = False) -> None:
        self.ws = ws
        self.data = bytearray()
        self.ends: list[tuple[int, float]] = []  # (end offset in data, perf_counter at arrival)
        self.arrived = asyncio.Event()
        self.closed = ""
        self.frames = self.bytes = 0  # all of them, marks or not
        self.trace = trace
        self.t0 = time.perf_counter()
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        import aiohttp

        try:
            while True:
                message = await self.ws.receive()
                now = time.perf_counter()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.data += message.data
                    self.ends.append((len(self.data), now))
                    self.frames += 1
                    self.bytes += len(message.data)
                    if self.trace:
                        text = _ESCAPES.sub(b"", message.data).decode("utf-8", "replace")
                        print(f"  [{now - self.t0:7.3f}] {len(message.data):6} B {' '.join(text.split())[:300]!r}", file=sys.stderr)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    self.closed = f"the server closed the websocket (code {self.ws.close_code}, {message.extra!r})"
                    return
                self.arrived.set()
        except Exception as exc:  # noqa: BLE001 - said by the tab that waits
            self.closed = f"{type(exc).__name__}: {exc}"
        finally:
            self.arrived.set()

    def mark(self) -> None:
        """From now on, only what arrives next counts."""
        self.data.clear()
        self.ends.clear()

    async def wait_for(self, marker: str | re.Pattern[bytes], timeout: float) -> float | None:
        """When the frame arrived that completed `marker` (text, or a pattern of the bytes) since the mark (perf_counter), or None."""
        pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker.encode("utf-8")))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = pattern.search(self.data)
            if found:
                return next(t for offset, t in self.ends if offset >= found.end())
            if self.closed:
                return None
            self.arrived.clear()
            left = deadline - loop.time()
            if left <= 0:
                return None
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except TimeoutError:
                return None

    async def send(self, keys: str) -> float:
        t0 = time.perf_counter()
        await self.ws.send_str(json.dumps(["stdin", keys]))
        return t0

    async def close(self) -> None:
        self.task.cancel()
        with contextlib.suppress(BaseException):
            await self.task
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(), 10)


@dataclass
class Tab:
    index: int
    error: str = ""
    first_screen: float | None = None  # s from connecting to the first screen
    ready: float | None = None  # s from connecting to the first option (sim) or the first screen (bare)
    latencies: list[float] = field(default_factory=list)  # ms
    frames: int = 0  # binary frames received while playing
    bytes: int = 0


def cursor_on(placeholder: str) -> re.Pattern[bytes]:
    """An empty input's placeholder with the cursor on its first letter: that letter styled apart from the rest."""
    first, rest = placeholder[0].encode("utf-8"), placeholder[1:].encode("utf-8")
    return re.compile(re.escape(first) + rb"(?:\x1b\[[0-9;]*m)+" + re.escape(rest))


def words() -> dict[str, str]:
    """What the app shows at each step, in English, from its own catalogue."""
    sys.path.insert(0, str(ROOT))
    try:
        from sim.i18n import t
    finally:
        sys.path.remove(str(ROOT))
    return {
        "ask": t("trainee.title", "en"),
        "name_field": t("trainee.placeholder", "en"),
        "pin_field": t("trainee.pin_placeholder", "en"),
        "home": t("home.filter", "en"),
        "briefing": t("briefing.goals", "en"),
        "options": t("choices.title", "en"),
        "turn": t("encounter.turn", "en", turn=999).replace("999", "{turn}"),
    }


@dataclass
class Plan:
    port: int
    sim: bool
    keys: int
    pace: tuple[float, float]
    seed: int
    text: dict[str, str]
    trace: int = -1  # the tab whose frames are printed (--trace)


class TabError(Exception):
    pass


@dataclass
class Sync:
    """How a round's tabs keep step: each says it is ready (at its first option) and
    that it has played; the round says go (every tab ready) and done (memory read)."""

    ready: list[asyncio.Event]
    played: list[asyncio.Event]
    go: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)


async def run_tab(client: Any, plan: Plan, index: int, n: int, sync: Sync) -> Tab:
    """One trainee: log in, open the scenario, wait for the others, play, stay until the round is done."""
    tab = Tab(index)
    rng = random.Random(plan.seed * 1_000_003 + n * 1000 + index)
    text = plan.text
    turn_text = text["turn"]
    screen: Screen | None = None

    def failed(what: str, timeout: float) -> TabError:
        assert screen is not None
        seen = " ".join(_ESCAPES.sub(b"", bytes(screen.data)).decode("utf-8", "replace").split())
        return TabError(f"{what} not shown within {timeout:.0f} s" + (f"; {screen.closed}" if screen.closed else "") + f"; drawn since: …{seen[-160:]!r}")

    async def step(keys: str, what: str, *markers: str | re.Pattern[bytes]) -> None:
        assert screen is not None
        await asyncio.sleep(rng.uniform(0.1, 0.3))  # a moment to read
        screen.mark()
        await screen.send(keys)
        for marker in markers:
            if await screen.wait_for(marker, STEP_TIMEOUT) is None:
                raise failed(f"{what}: {marker!r}", STEP_TIMEOUT)

    try:
        await asyncio.sleep(rng.uniform(0, min(3.0, 0.1 * n)))  # a class does not click in the same millisecond
        start = time.perf_counter()
        base = f"http://127.0.0.1:{plan.port}"
        async with client.get(f"{base}/") as response:
            page = await response.text()
            if response.status != 200:
                raise TabError(f"the page answered {response.status}: {' '.join(page.split())[:200]}")
        found = re.search(r'data-session-websocket-url="([^"]+)"', page)
        url = found.group(1) if found else f"ws://127.0.0.1:{plan.port}/ws"
        ws = await client.ws_connect(f"{url}?width={WIDTH}&height={HEIGHT}", origin=base, max_msg_size=0)
        screen = Screen(ws, trace=index == plan.trace)
        # What textual-serve's page sends when its websocket opens.
        await ws.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
        await ws.send_str(json.dumps(["ping", str(int(time.time() * 1000))]))
        first = text["ask"] if plan.sim else turn_text.format(turn=1)
        if (t := await screen.wait_for(first, LOGIN_TIMEOUT)) is None:
            raise failed(f"the first screen ({first!r})", LOGIN_TIMEOUT)
        tab.first_screen = t - start
        await asyncio.sleep(rng.uniform(0.2, 0.5))
        screen.mark()
        await ws.send_str(json.dumps(["focus"]))  # the trainee clicks into the page: the terminal has the keyboard
        if plan.sim:
            if await screen.wait_for(cursor_on(text["name_field"]), STEP_TIMEOUT) is None:
                raise failed("the cursor in the name field", STEP_TIMEOUT)
            name = f"Trainee {n}-{index + 1}"
            pin = str(rng.randrange(10**5, 10**6))
            await step(name, "the name", name)
            # The PIN field's cursor, on the first letter of its placeholder: a person types the PIN when it has moved there.
            # (Typed sooner, the PIN goes into the name, in clear: `sim serve`'s dialog does not hold keys typed ahead.)
            await step("\r", "Enter after the name", cursor_on(text["pin_field"]))
            await step(pin, "the PIN", "•" * len(pin))
            await step("\r", "Enter after the PIN", cursor_on(text["home"]))  # the home screen, typing into its filter
            await step(SCENARIO, "the filter", SCENARIO)
            await step("\r", "Enter on the scenario", text["briefing"])
            await step("\r", "Enter at the briefing", turn_text.format(turn=1), text["options"])
        tab.ready = time.perf_counter() - start
        sync.ready[index].set()
        await sync.go.wait()
        frames, received = screen.frames, screen.bytes
        turn = 1
        for k in range(plan.keys):
            await asyncio.sleep(rng.uniform(*plan.pace))
            marker = turn_text.format(turn=turn + 1)
            screen.mark()
            t0 = await screen.send("1")
            t1 = await screen.wait_for(marker, KEY_TIMEOUT)
            if t1 is None:
                raise failed(f"key {k + 1}: {marker!r}", KEY_TIMEOUT)
            tab.latencies.append((t1 - t0) * 1000)
            turn += 1
        await asyncio.sleep(1.0)  # what the last key still draws (an animation)
        tab.frames, tab.bytes = screen.frames - frames, screen.bytes - received
    except TabError as exc:
        tab.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a tab that fails is a finding, not a crash of the benchmark
        tab.error = f"{type(exc).__name__}: {exc}"
    finally:
        sync.ready[index].set()
        sync.played[index].set()
        if screen is not None:
            if not tab.error:
                await sync.done.wait()  # open while the memory is read
            await screen.close()
    return tab


@dataclass
class Round:
    n: int
    sim: bool
    tabs: list[Tab]
    before: Usage  # just before the tabs connected
    ready: Usage  # every tab at its first option, before the keys
    during: Usage  # after the last key, every tab open
    seconds: float
    login_seconds: float
    client_load: float | None  # the tabs' own process while they played: cores busy (these tabs share the machine with the server)

    @property
    def latencies(self) -> list[float]:
        return [x for t in self.tabs for x in t.latencies]

    @property
    def failed(self) -> list[Tab]:
        return [t for t in self.tabs if t.error]

    @property
    def first_screens(self) -> list[float]:
        return [t.first_screen for t in self.tabs if t.first_screen is not None]

    @property
    def readies(self) -> list[float]:
        return [t.ready for t in self.tabs if t.ready is not None]

    def per_key(self) -> tuple[float, float, float] | None:
        """Per key played: CPU ms of the server and its apps, websocket frames, KB sent to the tab."""
        keys = len(self.latencies)
        if not keys:
            return None
        frames = sum(t.frames for t in self.tabs)
        kb = sum(t.bytes for t in self.tabs) / 1024
        return (self.during.cpu_s - self.ready.cpu_s) * 1000 / keys, frames / keys, kb / keys

    @property
    def sessions(self) -> int:
        """The app processes running when the memory was read: N, unless tabs failed."""
        return len(self.during.apps)

    def per_session_mb(self, pss: bool = False) -> float | None:
        if not self.sessions:
            return None
        kb = self.during.pss_kb - self.before.pss_kb if pss else self.during.rss_kb - self.before.rss_kb
        return kb / 1024 / self.sessions


async def all_set(events: Sequence[asyncio.Event], timeout: float) -> None:
    """Until every event is set, or `timeout` seconds."""
    waiters = [asyncio.create_task(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=timeout)
    finally:
        for w in waiters:
            w.cancel()


async def play_round(server: Server, plan: Plan, n: int) -> Round:
    """N tabs at once: all log in, then all play; the memory is read after the last key, every tab still open."""
    import aiohttp

    t_start = time.perf_counter()
    if not await asyncio.to_thread(server.wait_no_apps, 20):
        raise RuntimeError("the apps of the round before did not end within 20 s")
    before = await asyncio.to_thread(server.usage)
    sync = Sync([asyncio.Event() for _ in range(n)], [asyncio.Event() for _ in range(n)])
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as client:
        tasks = [asyncio.create_task(run_tab(client, plan, i, n, sync)) for i in range(n)]
        try:
            await all_set(sync.ready, LOGIN_TIMEOUT + 10)
            login = time.perf_counter() - t_start
            ready = await asyncio.to_thread(server.usage)
            cpu0, wall0 = time.process_time(), time.perf_counter()
            sync.go.set()
            await all_set(sync.played, plan.keys * (plan.pace[1] + KEY_TIMEOUT) + 10)
            played = time.perf_counter() - wall0
            client_load = (time.process_time() - cpu0) / played if played >= 1 else None
            during = await asyncio.to_thread(server.usage)
        finally:
            sync.done.set()
            finished, pending = await asyncio.wait(tasks, timeout=30)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=10)
        tabs = [t.result() if t in finished else Tab(i, error="did not end in time") for i, t in enumerate(tasks)]
    return Round(n, plan.sim, tabs, before, ready, during, time.perf_counter() - t_start, login, client_load)


# --- the rows ---------------------------------------------------------------------------------


def pct(xs: Sequence[float], q: float) -> float | None:
    if not xs:
        return None
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, math.ceil(q * len(s)) - 1))]


def _row(**fields: Any) -> dict[str, Any]:
    """A row of benchmarks/run.py, as its JSON has it."""
    from dataclasses import asdict

    sys.path.insert(0, str(HERE))
    try:
        import run  # benchmarks/run.py: its Row, so the fields are exactly the table's
    finally:
        sys.path.remove(str(HERE))
    return asdict(run.Row(**fields))


def _sim_cmd() -> list[str]:
    sys.path.insert(0, str(HERE))
    try:
        import run
    finally:
        sys.path.remove(str(HERE))
    return list(run.SIM)


def bench_classroom(env: dict[str, str], quick: bool, full: bool, *, trace: int = -1) -> list[dict[str, Any]]:
    """The rows classroom.memory and classroom.p95, as dicts with the fields of run.py's Row."""
    try:
        # Only whether the serve extra is installed: `sim serve` imports them itself.
        for name in ("aiohttp", "textual_serve"):
            importlib.import_module(name)
    except ImportError as exc:
        na = f"not available: {exc.name} is missing: pip install -e '.[serve]'"
        return [
            _row(id="classroom.memory", label="served session memory", value=None, unit="MB", target="ratio ≤ 1.5", note=na),
            _row(id="classroom.p95", label="served key → screen p95", value=None, unit="ms", target="ratio ≤ 2", note=na),
        ]
    levels = LEVELS_QUICK if quick else LEVELS_FULL if full else LEVELS
    with tempfile.TemporaryDirectory(prefix="sim-classroom-") as tmp:
        work = Path(tmp)
        env = dict(env, SIM_HOME=str(work / "home"), XDG_CACHE_HOME=str(work / "cache"))
        env.pop("NO_COLOR", None)  # a browser shows colours: the frames are as big as a trainee's
        env.pop("SIM_TRAINEE", None)  # `sim serve` drops it too
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
        budget = BUDGET["quick" if quick else "full" if full else "default"]
        return asyncio.run(_measure(env, work, levels, quick, full, budget, trace=trace))


async def _measure(env: dict[str, str], work: Path, levels: Sequence[int], quick: bool, full: bool, budget: float, *,
                   seed: int = 0, trace: int = -1) -> list[dict[str, Any]]:  # fmt: skip
    t_start = time.perf_counter()
    try:
        load: float | None = os.getloadavg()[0]  # others' work on the machine slows every figure here
    except OSError:
        load = None
    keys, pace = (KEYS_QUICK, PACE_QUICK) if quick else (KEYS, PACE)
    most = max(levels)
    sim_rounds: list[Round] = []
    bare_round: Round | None = None
    problems: list[str] = []
    text = words()

    async def serve(cmd: list[str], port: int, name: str) -> Server:
        server = Server(cmd, port, env, work / f"{name}.log")
        try:
            await asyncio.to_thread(server.wait_ready)
        except BaseException:
            problems.extend(await asyncio.to_thread(server.stop))
            raise
        return server

    async def rounds() -> None:
        nonlocal bare_round
        port = free_port()
        cmd = [*_sim_cmd(), "serve", "--host", "127.0.0.1", "--port", str(port), "--lang", "en", "--dir", str(DATA), "--max-sessions", str(most)]
        server = await serve(cmd, port, "sim")
        try:
            for n in levels:
                # One tab plays twice the keys: its p95 is the baseline, and of 10 keys it would be their maximum.
                each = keys * 2 if n == 1 and not quick else keys
                sim_rounds.append(await play_round(server, Plan(port, True, each, pace, seed, text, trace), n))
        finally:
            stopped = await asyncio.to_thread(server.stop)
            problems.extend(f"sim serve: {p}" for p in stopped)
        port = free_port()
        bare = shlex.join([sys.executable, str(Path(__file__).resolve()), "--bare-app"])
        code = ("import sys; from sim.serve import ClassroomServer; "
                "ClassroomServer(sys.argv[2], host='127.0.0.1', port=int(sys.argv[1]), title='bare', public_url=None, lang='en', "
                "max_sessions=int(sys.argv[3])).serve()")  # fmt: skip
        server = await serve([sys.executable, "-c", code, str(port), bare, str(most)], port, "bare")
        try:
            # Fewer keys: its memory is the figure; its latency is only reported.
            bare_round = await play_round(server, Plan(port, False, max(2, keys // 2), pace, seed, text, trace), most)
        finally:
            stopped = await asyncio.to_thread(server.stop)
            problems.extend(f"bare server: {p}" for p in stopped)

    try:
        await asyncio.wait_for(rounds(), budget)
    except TimeoutError:
        problems.append(f"stopped after the budget of {budget:.0f} s")
    except RuntimeError as exc:  # a server that did not start, or apps that did not end: said in the rows
        problems.append(str(exc))
    seconds = time.perf_counter() - t_start
    return rows(sim_rounds, bare_round, problems, quick, full, seconds, load)


def _failures(r: Round) -> str:
    if not r.failed:
        return ""
    first = r.failed[0].error
    return f"{len(r.failed)} of {r.n} tabs failed ({'sim' if r.sim else 'bare'}, N={r.n}; first: {first})"


def rows(sim_rounds: list[Round], bare: Round | None, problems: list[str], quick: bool, full: bool, seconds: float, load: float | None) -> list[dict[str, Any]]:
    problems = problems + [f for r in [*sim_rounds, *([bare] if bare else [])] if (f := _failures(r))]
    top = sim_rounds[-1] if sim_rounds else None
    one = sim_rounds[0] if sim_rounds else None
    trouble = "; ".join(problems)

    # Memory: the largest N, when every tab got through (a failed tab's app may be ending as the memory is read).
    m = top.per_session_mb() if top and not top.failed else None
    mb = bare.per_session_mb() if bare and not bare.failed else None
    r = m / mb if m is not None and mb else None
    mem_note = []
    if top is not None and m is not None:
        mem_note.append(f"{top.sessions} sessions: {top.during.rss_kb / 1024:.0f} MB RSS in all against {top.before.rss_kb / 1024:.0f} MB "
                        f"with none; PSS {_mb(top.per_session_mb(pss=True))}/session")  # fmt: skip
    if bare is not None and mb is not None:
        mem_note.append(f"bare app: PSS {_mb(bare.per_session_mb(pss=True))}/session")
    if trouble:
        mem_note.append(trouble)
    memory = _row(
        id="classroom.memory", label=f"served session memory ({top.n if top else '?'} tabs)", value=m, unit="MB",
        baseline="bare Textual app, served", baseline_value=mb, ratio=r, target="ratio ≤ 1.5",
        ok=None if quick or r is None else r <= 1.5, runs=1, note="; ".join(mem_note),
        samples=[kb / 1024 for kb in top.during.apps] if top else [],
        baseline_samples=[kb / 1024 for kb in bare.during.apps] if bare else [],
    )  # fmt: skip

    # Latency: p95 with the most tabs against one tab.
    p, p1 = (pct(top.latencies, 0.95) if top else None), (pct(one.latencies, 0.95) if one else None)
    rl = p / p1 if p is not None and p1 else None
    parts = []
    for rd in sim_rounds:
        xs = rd.latencies
        p50 = statistics.median(xs) if xs else None
        part = f"{rd.n} tab{'s' if rd.n > 1 else ''} {_ms(p50)}/{_ms(pct(xs, 0.95))}"
        if rd.first_screens and rd.readies:
            part += f" (first screen ≤ {max(rd.first_screens):.1f} s, first option ≤ {max(rd.readies):.1f} s)"
        parts.append(part)
    note = "p50/p95 ms: " + ", ".join(parts)
    if bare is not None and bare.latencies:
        note += f"; bare app, {bare.n} tabs {_ms(statistics.median(bare.latencies))}/{_ms(pct(bare.latencies, 0.95))}"
    for each_round in [top, bare]:
        if each_round is not None and (each := each_round.per_key()) is not None:
            cpu, frames, kb = each
            who, rd = ("sim" if each_round.sim else "bare app"), each_round
            note += f"; a key, {who} at {rd.n} tabs: {cpu:.0f} ms CPU (server and apps), {frames:.0f} frames, {kb:.0f} KB to the browser"
    if top is not None and top.client_load is not None:
        note += f"; the tabs' own process used {100 * top.client_load:.0f} % of a core at {top.n} tabs"
    if load:
        note += f"; load average {load:.1f} at the start"
    if not full and not quick:
        note += f"; 30 tabs need --full (here the largest N is {top.n if top else '?'})"
    took = ", ".join(f"{'' if rd.sim else 'bare '}{rd.n}: {rd.seconds:.0f} s" for rd in [*sim_rounds, *([bare] if bare else [])])
    note += f"; {seconds:.0f} s in all ({took})"
    if trouble:
        note += "; " + trouble
    latency = _row(
        id="classroom.p95", label=f"served key → screen p95 ({top.n if top else '?'} tabs)", value=p, unit="ms",
        baseline="1 tab", baseline_value=p1, ratio=rl, target="ratio ≤ 2",
        ok=None if quick or rl is None else rl <= 2 and not any(rd.failed for rd in sim_rounds), runs=len(top.latencies) if top else 0, note=note,
        samples=top.latencies if top else [], baseline_samples=one.latencies if one else [],
    )  # fmt: skip
    return [memory, latency]


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}"


def _mb(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f} MB"


# --- the baseline app, and running alone ------------------------------------------------------------


def counter_app() -> Any:
    """The baseline of a key's latency, served here and driven by Pilot in
    run.py: one Static, whose "turn N" the key 1 counts up (as sim's header
    does); `presses` counts the keys taken."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Counter(App[None]):
        BINDINGS = [("1", "bump", "")]
        presses = 0

        def compose(self) -> ComposeResult:
            yield Static("turn 1", id="n")

        def action_bump(self) -> None:
            self.presses += 1
            self.query_one("#n", Static).update(f"turn {self.presses + 1}")

    return Counter()


def bare_app() -> None:
    """The baseline served app (`--bare-app`)."""
    counter_app().run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 1 and 2, three keys each: checks the rows, not the figures")
    parser.add_argument("--full", action="store_true", help="N = 1, 10 and 30 (default: 1 and 10)")
    parser.add_argument("--trace", type=int, default=-1, metavar="TAB", help="print the frames tab TAB (0, 1, …) receives, for debugging")
    parser.add_argument("--bare-app", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_app:
        bare_app()
        return 0
    sys.path.insert(0, str(HERE))
    try:
        import run
    finally:
        sys.path.remove(str(HERE))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sim-bench-") as tmp:
        env = run.child_env(Path(tmp) / "home")
        got = bench_classroom(env, args.quick, args.full, trace=args.trace)
    print(json.dumps(got, indent=2, ensure_ascii=False))
    print(f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
