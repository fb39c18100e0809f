"""Scenarios made to attack the analysis: small files whose situations multiply.

`exploding` is the hostile file of the review: each variable is read by a
condition (so the analysis must keep it), and one node loops on itself with
choices that add different amounts to several variables, so nearly every
combination of values is reachable: the situations multiply as (values per
variable) ** (variables). The others stress the memory account from other
sides: `ring` (which nodes were visited), `wide` (many moves per situation)
and `chain` (many nodes). Each returns the scenario as a dict; `write` puts
one in a folder with the persona and principles it uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "sample"
PERSONA: dict[str, Any] = yaml.safe_load((SAMPLE / "profiles" / "sample-client.yaml").read_text(encoding="utf-8"))


def _scenario(sid: str, start: str, nodes: dict[str, Any], variables: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": sid,
        "title": sid.capitalize(),
        "channel": "desk",
        "profile": "sample-client",
        "briefing": "A client who never stops.",
        "goals": ["listen-acknowledge"],
        "start": start,
        "help": "colleague",
        "shuffle": False,
    }
    if variables:
        data["variables"] = variables
    done = {"narration": "Done.", "end": "resolved"}
    data["nodes"] = {**nodes, "done": done, "colleague": {"narration": "A colleague comes.", "end": "help-called"}}
    return data


def _choice(cid: str, to: str, effects: dict[str, int] | None = None, when: str | None = None, good: bool = True) -> dict[str, Any]:
    c: dict[str, Any] = {"id": cid, "say": f"{cid}.", "principles": {"listen-acknowledge": 1 if good else -1}, "feedback": "Noted.", "next": to}
    if effects:
        c["effects"] = effects
    if when:
        c["when"] = when
    return c


def exploding(variables: int = 4, top: int = 100, steps: int = 3, guard: int | None = None) -> dict[str, Any]:
    """Counters `v0`… of 0–`top`, raised in steps of 1…`steps` by one looping node.
    With `guard`, each counter is raised only while below it (the loop stops: no explosion)."""
    names = [f"v{i}" for i in range(variables)]
    limit = top if guard is None else guard
    choices = []
    for i, name in enumerate(names):
        other = names[(i + 1) % variables]
        for step in range(1, steps + 1):
            effects = {name: step} if other == name else {name: step, other: step + 1}
            choices.append(_choice(f"add-{name}-{step}", "spin", effects, None if guard is None else f"{name} < {guard}"))
    choices.append(_choice("stop", "done", when=" and ".join(f"{n} >= {limit}" for n in names), good=False))
    return _scenario(
        "exploding",
        "spin",
        {"spin": {"client": "Again.", "choices": choices}},
        {n: {"start": 0, "min": 0, "max": top} for n in names},
    )


def ring(nodes: int = 18) -> dict[str, Any]:
    """A ring of nodes whose choices ask which others were visited: the visits combine."""
    out = {}
    for i in range(nodes):
        choices = [
            _choice(f"go{j}", f"r{(i + j) % nodes}", {"tension": j - 2}, f"not visited(r{(i + j) % nodes}) or visited(r{(i + 2 * j) % nodes})")
            for j in (1, 2, 3)
        ]
        out[f"r{i}"] = {"client": "Hm.", "choices": [*choices, _choice("stop", "done", good=False)]}
    return _scenario("ring", "r0", out)


def wide(choices: int = 400) -> dict[str, Any]:
    """One node with many choices looping back, and a counter: many moves per situation."""
    loop = [_choice(f"c{j}", "w", {"c": j % 7 + 1, "tension": j % 5 - 2}, "c < 3000") for j in range(choices)]
    return _scenario(
        "wide",
        "w",
        {"w": {"client": "Hm.", "choices": [*loop, _choice("stop", "done", good=False)]}},
        {"c": {"start": 0, "min": 0, "max": 3000}},
    )


def chain(nodes: int = 3000) -> dict[str, Any]:
    """Many nodes in a row, tension only: the situations grow with the nodes."""
    out = {}
    for i in range(nodes):
        nxt = f"n{i + 1}" if i + 1 < nodes else "done"
        out[f"n{i}"] = {"client": "Hm.", "choices": [_choice(f"c{j}", nxt, {"tension": t}) for j, t in enumerate((-7, 3, 11))]}
    return _scenario("chain", "n0", out)


def write(folder: Path, data: dict[str, Any]) -> Path:
    """The scenario as a file in `folder`, beside the persona and principles it uses."""
    (folder / "profiles").mkdir(parents=True, exist_ok=True)
    (folder / "profiles" / "sample-client.yaml").write_bytes((SAMPLE / "profiles" / "sample-client.yaml").read_bytes())
    (folder / "principles.yaml").write_bytes((SAMPLE / "principles.yaml").read_bytes())
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    return path
