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
the clock.
"""

from __future__ import annotations

import argparse
import random
import sys
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
