"""Generate a large, valid scenario: for tests of the analysis and for benchmarks.

    python benchmarks/generate.py 10000 -o /tmp/big          # writes /tmp/big/generated-10000.yaml
    sim validate /tmp/big && sim analyze /tmp/big/generated-10000.yaml

The scenario is a chain of small "episodes" like the ones instructors write:
each opens with a client line, branches into a good, a poor and (sometimes) a
conditional answer, merges again, and may end early. Conditions read tension
everywhere, a small declared variable (`rapport`) in the first episodes, and
whether an earlier node of the same episode was visited, so the analysis has
real state to track. Effects are multiples of five and the written persona
(`profiles/generated-client.yaml`) has volatility 1 and recovery 5, as
instructors tend to write them; `--profile` picks a built-in persona instead
(its volatility makes tension take every value, a harder case). The built-in
principles are used, so the folder validates with no errors and no warnings.

`generate()` returns the scenario as a dict; `write()` puts it (and the
persona) in a folder. The result depends only on the arguments, never on
the clock. `to_ink()` writes the same graph in ink, for the benchmarks' ink
peer (benchmarks/ink_peer.py).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

GOALS = ["listen-acknowledge", "no-shaming", "calm-presence", "solution-focus", "call-help-early"]
SCORED = GOALS[:-1]  # call-help-early is scored by the engine (calling for help under threat)
ENDINGS = ["resolved", "next-step", "client-left", "unresolved", "escalated"]
# Multiples of five, as authors tend to write them.
GOOD_TENSION = (-10, -5, -5, 0)
POOR_TENSION = (5, 10, 10, 15)
RAPPORT_EPISODES = 3  # episodes whose conditions read `rapport`

PERSONA: dict[str, Any] = {
    "id": "generated-client",
    "name": "Generated client",
    "description": "A client for generated test scenarios: round numbers, a threat when pushed.",
    "language": "en",
    "tension": 40,
    "trust": 40,
    "baseline": 20,
    "volatility": 1.0,
    "recovery": 5,
    "threat_threshold": 80,
}


def generate(nodes: int = 1000, seed: int = 0, *, profile: str = "generated-client", width: int = 3) -> dict[str, Any]:
    """A scenario with exactly `nodes` nodes (at least 12).

    Episodes of `width` middle nodes run one after another; every episode
    has a poor branch that skips ahead (a merge), an early ending, and
    choices guarded by conditions. Every node is reachable and every
    non-ending node keeps at least one unconditional choice.
    """
    if nodes < 12:
        raise ValueError("a generated scenario needs at least 12 nodes")
    rng = random.Random(seed)
    out: dict[str, Any] = {}

    # Fixed nodes: one ending of every kind, the help node, the start.
    endings = {f"end-{kind}": {"end": kind, "narration": f"The encounter ends ({kind})."} for kind in ENDINGS}
    help_node = {"end": "help-called", "narration": "A colleague joins you at the desk."}
    budget = nodes - len(endings) - 1  # nodes left for episodes (the start is the first one)
    episode_size = width + 2  # opening, `width` middle nodes, one early ending
    episodes = max(1, budget // episode_size)
    spare = budget - episodes * episode_size  # padded into the last episode as a linear tail

    # Node ids are known up front, so choices can point forwards.
    def opening(e: int) -> str:
        return "start" if e == 0 else f"e{e}-open"

    def middle(e: int, i: int) -> str:
        return f"e{e}-m{i}"

    def early_end(e: int) -> str:
        return f"e{e}-end"

    last = episodes - 1
    tail = [f"tail-{i}" for i in range(spare)]
    after_last = tail[0] if tail else "end-resolved"

    def next_opening(e: int) -> str:
        return opening(e + 1) if e < last else after_last

    def choice(cid: str, say: str, nxt: str, good: bool, *, when: str | None = None, rapport: int = 0) -> dict[str, Any]:
        principle = rng.choice(SCORED)
        delta = rng.choice((1, 2)) if good else -rng.choice((1, 2))
        tension = rng.choice(GOOD_TENSION if good else POOR_TENSION)
        effects: dict[str, int] = {}
        if tension:
            effects["tension"] = tension
        if rapport:
            effects["rapport"] = rapport
        c: dict[str, Any] = {"id": cid, "say": say}
        if when:
            c["when"] = when
        if effects:
            c["effects"] = effects
        c["principles"] = {principle: delta}
        c["feedback"] = f"{'Good' if good else 'Poor'} for {principle}: " + ("the client feels heard." if good else "the client feels brushed off.")
        c["next"] = nxt
        return c

    for e in range(episodes):
        open_id = opening(e)
        mids = [middle(e, i) for i in range(width)]
        skip_to = next_opening(e)
        # The opening fans out to the middle nodes; a poor answer can skip the episode (a merge later on).
        early = e < RAPPORT_EPISODES
        choices = [
            choice("listen", f"Tell me what happened (episode {e}).", mids[0], True, rapport=1 if early else 0),
            choice("rush", "Let's be quick about this.", mids[min(1, width - 1)], False, rapport=-1 if early else 0),
        ]
        if width > 2:
            choices.append(choice("explain", "Here is how it works.", mids[2], rng.random() < 0.5, when=f"tension < {rng.choice((50, 60, 70))}"))
        out[open_id] = {"client": f"Episode {e}: the client explains the problem.", "choices": choices}
        for i, mid in enumerate(mids):
            nxt = mids[i + 1] if i + 1 < width else skip_to
            cs = [
                choice("acknowledge", "I see why that matters to you.", nxt, True),
                choice("argue", "That is not how it works.", skip_to if i + 1 < width else nxt, False),
            ]
            if i == 0:
                cs.append(choice("give-up", "There is nothing more I can do.", early_end(e), False))
            if i == 1 and width > 2 and early:
                cs.append(choice("rapport", "Since we get on, let me go the extra mile.", nxt, True, when="rapport >= 2"))
            if i == width - 1 and i > 0:
                cs.append(choice("callback", "As I promised a moment ago, here is the follow-up.", nxt, True, when=f"visited({mids[0]})"))
            out[mid] = {"client": f"Episode {e}, step {i}: the client reacts.", "choices": cs}
        out[early_end(e)] = {"end": rng.choice(ENDINGS), "narration": "The client leaves before the matter is settled."}
    for i, tid in enumerate(tail):
        nxt = tail[i + 1] if i + 1 < len(tail) else "end-resolved"
        out[tid] = {
            "client": "One more thing…",
            "choices": [
                choice("wrap-up", "Let me summarise what we agreed.", nxt, True),
                choice("hurry", "We're done here, I think.", "end-unresolved", False),
            ],
        }
    # Make every fixed ending reachable: the last middle node of the last episode leads to each.
    last_mid = out[middle(last, width - 1)]
    for kind in ENDINGS:
        target = f"end-{kind}"
        good = kind in ("resolved", "next-step")
        last_mid["choices"].append(choice(f"finish-{kind}", f"We finish ({kind}).", target, good))
    out.update(endings)
    out["help-arrives"] = help_node

    scenario: dict[str, Any] = {
        "id": f"generated-{nodes}",
        "title": f"Generated scenario with {nodes} nodes",
        "channel": "desk",
        "profile": profile,
        "language": "en",
        "difficulty": "hard",
        "briefing": "A long generated encounter for testing the analysis.",
        "goals": GOALS,
        "start": "start",
        "help": "help-arrives",
        "variables": {"rapport": {"start": 0, "min": 0, "max": 3}},
        "nodes": out,
    }
    assert len(out) == nodes, (len(out), nodes)
    return scenario


def write(folder: Path, nodes: int = 1000, seed: int = 0, **options: Any) -> Path:
    """Write the generated scenario (and its persona, unless a built-in one is asked for) into `folder`."""
    data = generate(nodes, seed, **options)
    folder.mkdir(parents=True, exist_ok=True)
    if data["profile"] == PERSONA["id"]:
        (folder / "profiles").mkdir(exist_ok=True)
        (folder / "profiles" / "generated-client.yaml").write_text(yaml.safe_dump(PERSONA, sort_keys=False), encoding="utf-8")
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return path


# --- the same graph in ink, for the benchmarks' ink peer (benchmarks/ink_peer.py) ----------------------

INK_HELP_TAG = "help"  # the tag of the help key's choice, so a walker can pick it as sim.authoring.fuzz does
INK_TIMEOUT_TAG = "timeout"
_INK_ESCAPE = set("\\{}[]|#/<>-~*+=^")  # characters with a meaning in ink text; a backslash makes any of them literal
# A token of sim's condition language; `visited(node)` is one, as a node id may start with a digit.
_INK_TOKEN = re.compile(r"\s*(visited\s*\(\s*[A-Za-z0-9][A-Za-z0-9_-]*\s*\)|<=|>=|==|!=|<|>|\(|\)|-?\d+|[a-z_][a-z0-9_]*)\s*")


def to_ink(scenario: dict[str, Any], persona: dict[str, Any] | None = None) -> str:
    """The scenario as an ink story with the same graph, for ink's compiler and runtime.

    One knot per node (`n_` and the id with `-` as `_`; a clash gets `_2`, `_3`… in
    node order), its narration and client lines as text; each choice a sticky `+`
    choice (sim's options can be taken again when a path loops back) with its
    condition, its effects as `~` lines and its `next` as a divert, a conditional
    `next` (and a narration step's) as an ink conditional of diverts; endings
    `-> END`, tagged `# ending: KIND`. Variables are `VAR`s: `tension` and `trust`
    from the persona, the scenario's own with their start values (a flag as 0/1),
    `turn` when a condition reads it. Conditions keep their meaning: `visited(x)`
    is the knot's read count above 0 (ink does not count a knot re-entered from
    its own choices, which only the count would show), `and`/`or`/`not` are
    ink's, fully parenthesised.

    What the engine does to the state is written out, so the state follows the
    same values: every change is clamped to the variable's range with MIN/MAX,
    a rise in tension is multiplied by the persona's volatility (rounded half
    up, as the engine does; ink gets the result, since the persona is fixed),
    and a move that does not raise tension lets it recover towards the
    persona's baseline. The persona is the generated one unless another
    (a dict of a persona file) is given.

    What ink cannot say, or this does not carry:
    - The help key, open at every node in sim, is an extra sticky choice at
      every node with options, tagged `#help` (ink has no key outside the
      choices); help that comes back (`return: true`) is not supported.
    - A time limit: ink has no clock, so a node's `timeout` is one more choice,
      tagged `#timeout`.
    - Principles, feedback and scoring (the judgement of each move, threat and
      critical misses): ink has no notion of them; they are left out, not faked.
    - The shuffled order of the options (ink keeps the written order), varied
      client lines and `speakers:` (not written by `generate()`: a ValueError).
    - Only the scenario's language is written (a `{fi:, en:}` text gives that one).
    """
    lang = scenario.get("language", "en")
    if persona is None:
        if scenario["profile"] != PERSONA["id"]:
            raise ValueError(f"to_ink: give the persona `{scenario['profile']}` (a dict of its file): its start state is part of the graph")
        persona = PERSONA
    nodes: dict[str, dict[str, Any]] = scenario["nodes"]
    help_spec = scenario.get("help")
    help_out: dict[str, Any] = {"next": help_spec} if isinstance(help_spec, str) else dict(help_spec or {})
    if help_out.get("return"):
        raise ValueError("to_ink: help that comes back (`return: true`) has no ink counterpart here")

    ranges: dict[str, tuple[int, int]] = {"tension": (0, 100), "trust": (0, 100), "turn": (0, 10_000)}
    starts: dict[str, int] = {"tension": int(persona["tension"]), "trust": int(persona["trust"])}
    for name, var in (scenario.get("variables") or {}).items():
        flag = isinstance(var["start"], bool)
        ranges[name] = (0, 1) if flag else (int(var.get("min", 0)), int(var.get("max", 100)))
        starts[name] = int(var["start"])
    volatility = float(persona.get("volatility", 1.0))
    baseline = int(persona["tension"] if persona.get("baseline") is None else persona["baseline"])
    recovery = int(persona.get("recovery", 5))

    taken = set(ranges)
    names: dict[str, str] = {}
    for nid in nodes:
        base = "n_" + nid.replace("-", "_")
        name, k = base, 1
        while name in taken:
            k += 1
            name = f"{base}_{k}"
        taken.add(name)
        names[nid] = name

    def text(value: Any) -> str:
        if isinstance(value, dict):
            value = value.get(lang) or next(iter(value.values()))
        if not isinstance(value, str):
            raise ValueError(f"to_ink: no ink for the text {value!r} (varied lines and speakers are not written)")
        return value

    def escape(line: str) -> str:
        out = "".join("\\" + ch if ch in _INK_ESCAPE else ch for ch in line.strip())
        return "\\" + out if out.startswith("TODO") else out  # a line starting TODO: would be an author's note

    def lines(value: Any) -> list[str]:
        return [escape(x) for x in text(value).splitlines() if x.strip()]

    reads_turn = False

    def condition(source: str) -> str:
        tokens = []
        at, end = 0, len(source.rstrip())
        while at < end:
            m = _INK_TOKEN.match(source, at)
            if m is None:
                raise ValueError(f"to_ink: cannot read the condition `{source}`")
            at = m.end()
            tokens.append(m[1])
        pos = 0

        def peek() -> str:
            return tokens[pos] if pos < len(tokens) else ""

        def take() -> str:
            nonlocal pos
            pos += 1
            return tokens[pos - 1]

        def variable(name: str) -> str:
            nonlocal reads_turn
            if name not in ranges:
                raise ValueError(f"to_ink: `{name}` in `{source}` is not a variable of the scenario")
            reads_turn = reads_turn or name == "turn"
            return name

        def joined(op: str, operand: Callable[[], str]) -> str:
            # `a op b op c`, bracketed when there is more than one.
            items = [operand()]
            while peek() == op:
                take()
                items.append(operand())
            return items[0] if len(items) == 1 else "(" + f" {op} ".join(items) + ")"

        def either() -> str:
            return joined("or", both)

        def both() -> str:
            return joined("and", unary)

        def unary() -> str:
            if peek() == "not":
                take()
                return f"(not {unary()})"
            return primary()

        def primary() -> str:
            tok = take()
            if tok == "(":
                inner = either()
                take()
                return inner
            if tok in ("true", "false"):
                return tok
            visited = re.fullmatch(r"visited\s*\(\s*(\S+?)\s*\)", tok)
            if visited:
                return f"({names[visited[1]]} > 0)"
            if re.fullmatch(r"-?\d+", tok):  # `50 > tension`
                op = take()
                return f"({tok} {op} {variable(take())})"
            if peek() in ("<", "<=", ">", ">=", "==", "!="):
                op = take()
                return f"({variable(tok)} {op} {take()})"
            return f"({variable(tok)} != 0)"  # a flag alone

        out = either()
        if pos != len(tokens):
            raise ValueError(f"to_ink: cannot read the condition `{source}`")
        return out[1:-1] if out.startswith("(") and out.endswith(")") and _balanced(out[1:-1]) else out

    def changes(effects: dict[str, int], sets: dict[str, Any]) -> list[str]:
        """The engine's `_change_state` and `set:` as ink assignments, for a fixed persona."""
        out = []
        rise = False
        for var, delta in effects.items():
            low, high = ranges[var]
            if var == "tension" and delta > 0:
                delta = _round_half_up(delta * volatility)
                rise = rise or delta > 0
            if delta > 0:
                out.append(f"~ {var} = MIN({var} + {delta}, {high})")
            elif delta < 0:
                out.append(f"~ {var} = MAX({var} - {-delta}, {low})")
        if not rise and recovery:
            # Down by `recovery`, not below the baseline, and never up to it.
            out.append(f"~ tension = MIN(tension, MAX({baseline}, tension - {recovery}))")
        for var, value in sets.items():
            low, high = ranges[var]
            out.append(f"~ {var} = {min(max(int(value), low), high)}")
        if reads_turn:
            out.append("~ turn = turn + 1")
        return out

    def divert(nxt: Any) -> list[str]:
        if isinstance(nxt, str):
            return [f"-> {names[nxt]}"]
        out = ["{"]
        for route in nxt:
            when = route.get("when")
            out.append(f"    - {condition(when) if when else 'else'}: -> {names[route['to']]}")
        return [*out, "}"]

    def option(say: str, when: str | None, effects: dict[str, int], sets: dict[str, Any], nxt: Any, tag: str | None = None) -> list[str]:
        # A tag inside the brackets belongs to the choice; after them, to the line it outputs when taken.
        head = "+ " + (f"{{{condition(when)}}} " if when else "") + f"[{escape(say)}" + (f" #{tag}" if tag else "") + "]"
        return [head, *("    " + x for x in changes(effects, sets) + divert(nxt))]

    help_next = help_out.get("next")

    def knot(nid: str, node: dict[str, Any]) -> list[str]:
        out = [f"=== {names[nid]} ==="]
        closing = node.get("end") is not None
        if node.get("narration") is not None and not closing:
            out += lines(node["narration"])
        client = node.get("client")
        for said in client if isinstance(client, list) else [] if client is None else [client]:
            out += lines(said)
        if node.get("gloss") is not None:
            out += lines(node["gloss"])
        if closing:
            tail = lines(node["narration"]) if node.get("narration") is not None else []
            out += [*tail[:-1], f"{tail[-1] if tail else ''} # ending: {node['end']}".lstrip(), "-> END"]
            return out
        choices = node.get("choices") or []
        timeout = node.get("timeout")
        if not choices and timeout is None:  # a narration step
            return out + divert(node["next"])
        for c in choices:
            calls_help = c["next"] == help_next
            effects = {**help_out.get("effects", {}), **c.get("effects", {})} if calls_help else dict(c.get("effects", {}))
            sets = {**help_out.get("set", {}), **c.get("set", {})} if calls_help else dict(c.get("set", {}))
            out += option(text(c["say"]), c.get("when"), effects, sets, c["next"])
        if timeout is not None:
            out += option("(the time runs out)", None, dict(timeout.get("effects", {})), dict(timeout.get("set", {})), timeout["next"], INK_TIMEOUT_TAG)
        if help_next is not None:
            say = text(help_out["say"]) if help_out.get("say") is not None else "Call for help"
            out += option(say, None, dict(help_out.get("effects", {})), dict(help_out.get("set", {})), help_next, INK_HELP_TAG)
        return out

    # Conditions first: whether `turn` is counted depends on them all.
    for node in nodes.values():
        for c in node.get("choices") or []:
            if c.get("when"):
                condition(c["when"])
        for nxt in [*(c["next"] for c in node.get("choices") or []), node.get("next")]:
            for route in nxt if isinstance(nxt, list) else []:
                if route.get("when"):
                    condition(route["when"])
    head = [f"// {scenario['id']}: generated from the sim scenario by benchmarks/generate.py to_ink()"]
    head += [f"VAR {var} = {starts.get(var, 0)}" for var in ranges if var != "turn" or reads_turn]
    body = [f"-> {names[scenario['start']]}", ""]
    for nid, node in nodes.items():
        body += [*knot(nid, node), ""]
    return "\n".join(head + body)


def _balanced(expr: str) -> bool:
    """Whether the parentheses of `expr` pair up on their own (so outer ones may go)."""
    depth = 0
    for ch in expr:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _round_half_up(x: float) -> int:
    # As sim.core.engine.round_half_up: authors expect 2.5 → 3, not Python's 2.
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated scenario with N nodes.")
    parser.add_argument("nodes", type=int, help="number of nodes (at least 12)")
    parser.add_argument("-o", "--output", type=Path, default=Path("."), help="folder to write into (default: here)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--profile", default=PERSONA["id"], help="persona id (default: the generated persona, written beside the scenario)")
    parser.add_argument("--width", type=int, default=3, help="middle nodes per episode (default 3)")
    args = parser.parse_args(argv)
    try:
        path = write(args.output, args.nodes, args.seed, profile=args.profile, width=max(2, args.width))
    except (ValueError, OSError) as exc:
        sys.stderr.write(f"generate: {exc}\n")
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
