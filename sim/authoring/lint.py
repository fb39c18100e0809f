"""The scenario linter: graph and teaching problems in a scenario whose files
parsed and whose references resolve.

Errors mean the scenario cannot be played as meant (a trainee can get stuck);
warnings mean it can, but something is probably not what the author wanted.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from sim.authoring.separability import identical_examples
from sim.content import conditions
from sim.content.library import Library, LoadedScenario
from sim.content.model import Ending, Node, Outcome, Route, Varied, targets
from sim.content.problems import Problem, Severity
from sim.core.judgement import CALL_HELP, calls_help, rules
from sim.core.scoring import GRADES

PASS_GRADE = next(floor for floor, name in GRADES if name == "good")

MAX_REPORTED = 25  # per kind: a broken generated file should not print 10,000 lines


def lint(ls: LoadedScenario, lib: Library) -> list[Problem]:
    s = ls.scenario
    path = str(ls.path)
    out: list[Problem] = []
    counts: dict[str, int] = {}

    def add(severity: Severity, code: str, loc: tuple[Any, ...], message: str, hint: str | None, *, key: bool = False) -> None:
        counts[code] = counts.get(code, 0) + 1
        if counts[code] <= MAX_REPORTED:
            out.append(Problem(path, *ls.at(*loc, key=key), message, hint, severity, code))

    ranges = s.ranges()

    # Choices whose condition can never hold are not edges of the graph.
    possible: dict[tuple[str, int], bool] = {}
    for nid, node in s.nodes.items():
        for i, choice in enumerate(node.choices):
            ok = True
            if choice.when is not None:
                try:
                    ok = conditions.satisfiable(conditions.parse(choice.when), ranges)
                except conditions.ConditionError as exc:  # too complex to analyse
                    add("warning", "condition", ("nodes", nid, "choices", i, "when"), exc.message, exc.hint)
                if not ok:
                    add(
                        "warning",
                        "never-offered",
                        ("nodes", nid, "choices", i, "when"),
                        "this condition can never hold within the variables' ranges, so the choice is never offered",
                        "check the numbers and the comparison signs",
                    )
            possible[(nid, i)] = ok

    # Entries of conditional `next` lists that can never be taken.
    taken: dict[tuple[Any, ...], list[bool]] = {}

    def check_routes(loc: tuple[Any, ...], nxt: str | tuple[Route, ...]) -> list[bool]:
        if isinstance(nxt, str):
            return [True]
        if loc in taken:
            return taken[loc]
        exprs = [conditions.Const(True) if r.when is None else conditions.parse(r.when) for r in nxt]
        ok: list[bool] = []
        for i, expr in enumerate(exprs):
            alone = conditions.And((expr, *(conditions.Not(e) for e in exprs[:i])))
            try:
                ok.append(conditions.satisfiable(alone, ranges))
            except conditions.ConditionError:  # too complex to analyse: assume it can be taken
                ok.append(True)
            if not ok[-1]:
                why = "its condition can never hold" if not _holds_ever(expr, ranges) else "an earlier entry always holds when it would"
                add(
                    "warning",
                    "route-never-taken",
                    (*loc, i),
                    f"this entry of `next` can never be taken: {why}",
                    "check the numbers and the order of the entries (the first that holds is taken)",
                )
        taken[loc] = ok
        return ok

    def live_targets(loc: tuple[Any, ...], nxt: str | tuple[Route, ...]) -> list[str]:
        if isinstance(nxt, str):
            return [nxt]
        return [r.to for r, ok in zip(nxt, check_routes(loc, nxt), strict=True) if ok]

    help_loc = ("help", "next") if isinstance(ls.doc.value.get("help"), dict) else ("help",)
    help_targets = live_targets(help_loc, s.help.next)

    def edges(nid: str) -> Iterable[str]:
        node = s.nodes[nid]
        base = ("nodes", nid)
        for i, choice in enumerate(node.choices):
            if possible[(nid, i)]:
                yield from live_targets((*base, "choices", i, "next"), choice.next)
        if node.timeout is not None:
            yield from live_targets((*base, "timeout", "next"), node.timeout.next)
        if node.next is not None and node.is_step:
            yield from live_targets((*base, "next"), node.next)

    for nid in s.nodes:
        list(edges(nid))  # every conditional `next` is checked, reachable or not

    # Reachable from the start, counting the always-available call for help
    # (not from a narration step: the trainee has no key to press there).
    reach = _closure([s.start], lambda n: [*edges(n), *([] if s.nodes[n].end or s.nodes[n].is_step else help_targets)])
    # Nodes from which an ending can be reached without calling for help.
    reverse: dict[str, set[str]] = {nid: set() for nid in s.nodes}
    for nid in s.nodes:
        for target in edges(nid):
            reverse[target].add(nid)
    ends = [nid for nid, node in s.nodes.items() if node.end is not None]
    can_end = _closure(ends, lambda n: reverse[n])

    # With `return: true` the help node only says what happens: the trainee goes back, not on.
    returning = set(targets(s.help.next)) if s.help.return_ else set()
    for nid, node in s.nodes.items():
        base = ("nodes", nid)
        _check_variants(ls, nid, ranges, add)
        if s.channel.value == "phone":
            _check_unseen(node, base, add)
        if nid in returning and node.end is None and not node.choices and node.timeout is None and node.next is None:
            continue
        if node.end is None and not node.choices and node.timeout is None and node.next is None:
            add(
                "error",
                "dead-end",
                base,
                f"node `{nid}` is not an ending but has no choices",
                "add `choices:`, or make it an ending with `end: resolved` (or another kind)",
                key=True,
            )
            continue
        if nid not in reach:
            if node.end is not None:
                add(
                    "warning",
                    "ending-unreached",
                    base,
                    f"ending `{nid}` can never be reached",
                    "lead a choice to it with `next: " + nid + "`, or remove it",
                    key=True,
                )
            else:
                add("warning", "unreachable", base, f"node `{nid}` can never be reached from `{s.start}`", "lead a choice to it, or remove it", key=True)
            continue
        if nid not in can_end:
            add(
                "error",
                "no-way-out",
                base,
                f"from node `{nid}` no ending can be reached (only calling for help ends the encounter)",
                "a loop needs a choice that leads on to an ending",
                key=True,
            )
        if node.end is None and node.choices and node.timeout is None and all(c.when for c in node.choices):
            exprs = [conditions.parse(c.when) for c in node.choices if c.when]
            try:
                stuck = conditions.can_all_fail(exprs, ranges)
            except conditions.ConditionError:
                stuck = False
            if stuck:
                add(
                    "warning",
                    "maybe-stuck",
                    (*base, "choices"),
                    f"every choice at `{nid}` has a condition, and in some states none holds",
                    "add a choice without `when:`, so the trainee always has a way on",
                )

    # Teaching checks: goals that the scenario does not actually test.
    good: dict[str, int] = {}
    bad: dict[str, int] = {}
    for nid, node in s.nodes.items():
        # A choice that is never offered teaches nothing.
        outcomes: list[Outcome] = [c for i, c in enumerate(node.choices) if possible[(nid, i)]]
        outcomes += [node.timeout] if node.timeout else []
        for outcome in outcomes:
            for pid, delta in outcome.principles.items():
                if delta > 0:
                    good[pid] = good.get(pid, 0) + 1
                elif delta < 0:
                    bad[pid] = bad.get(pid, 0) + 1
        for i, choice in enumerate(node.choices):
            if choice.feedback is None:
                add(
                    "warning",
                    "no-feedback",
                    ("nodes", nid, "choices", i),
                    "choice has no `feedback`",
                    "say why this is a good or poor move, naming the principle",
                )
    # The help key at a node with an option into the help node is judged as that
    # option (sim.core.judgement.help_principles), not by `help.principles`.
    if s.help.principles:
        for nid, node in s.nodes.items():
            for i, choice in enumerate(node.choices):
                if not possible[(nid, i)] or not calls_help(s, choice):
                    continue
                own = {p: d for p, d in choice.principles.items() if p != CALL_HELP and d}
                authored = {p: d for p, d in s.help.principles.items() if p != CALL_HELP and d}
                if own != authored:
                    add(
                        "warning",
                        "help-credit-differs",
                        ("nodes", nid, "choices", i),
                        f"this choice leads to the help node `{', '.join(targets(s.help.next))}` like the help key, but credits the call differently "
                        f"({_deltas(own)}) from `help.principles` ({_deltas(authored)}); at this node the key is judged as this choice",
                        "give the choice the same principles as `help`, or leave `help.principles` out",
                    )
    # A call for help marked down on call-help-early is a critical miss for calling.
    if s.help.principles.get(CALL_HELP, 0) < 0:
        add(
            "warning",
            "help-against-call",
            ("help", "principles", CALL_HELP),
            "`help.principles` lowers `call-help-early`: calling for help while the client is calm would be a critical miss",
            "leave `call-help-early` out of `help.principles`; mark an unneeded call on another principle (e.g. `calm-presence: -1`)",
            key=True,
        )
    for nid, node in s.nodes.items():
        for i, choice in enumerate(node.choices):
            if choice.principles.get(CALL_HELP, 0) < 0 and calls_help(s, choice):
                add(
                    "warning",
                    "help-against-call",
                    ("nodes", nid, "choices", i, "principles", CALL_HELP),
                    "this choice calls for help but lowers `call-help-early`: choosing it is a critical miss",
                    "give it `call-help-early` 0 or more, or lead it somewhere other than the help node",
                    key=True,
                )
    # A failed ending that may grade "good" or better teaches that failing is fine.
    capped_here = {Ending(e).value for e in s.assessment.endings} if s.assessment is not None else set()
    for ending, cap in rules(s).caps.items():
        if not Ending(ending).success and cap >= PASS_GRADE:
            where = ("assessment", "endings", Ending(ending).value) if Ending(ending).value in capped_here else ("id",)
            source = "" if Ending(ending).value in capped_here else " (from the principle catalogue's `assessment`)"
            add(
                "warning",
                "ending-cap-high",
                where,
                f"an ending `{Ending(ending).value}` may grade up to {cap}{source}: a failed encounter could be called good",
                f"cap the endings that are not a success below {PASS_GRADE} (the defaults: escalated and client-left 49, unresolved 69)",
                key=True,
            )
    for i, goal in enumerate(s.goals):
        if goal == "call-help-early":
            continue  # scored by the engine: calling for help under threat
        name = lib.principle_name(goal, "en")
        if goal not in good and goal not in bad:
            add(
                "warning",
                "goal-unused",
                ("goals", i),
                f"goal `{goal}` ({name}) is not exercised by any choice",
                "give some choices a `principles:` delta for it, or drop the goal",
            )
        elif goal not in good:
            add("warning", "goal-no-good", ("goals", i), f"goal `{goal}` has no good option (no choice raises it)", "add a choice with a positive delta for it")
        elif goal not in bad:
            add(
                "warning",
                "goal-no-bad",
                ("goals", i),
                f"goal `{goal}` has no poor option (no choice lowers it)",
                "add a tempting but wrong choice with a negative delta",
            )

    used = set(s.speaker_ids())
    for sid in s.speakers:
        if sid not in used:
            add(
                "warning",
                "speaker-unused",
                ("speakers", sid),
                f"speaker `{sid}` never says anything",
                "give a node a line `{speaker: " + sid + ", say: …}` under `client:`, or remove the speaker",
                key=True,
            )
    for nid, lang, cid, other, text in identical_examples(s):
        add(
            "warning",
            "examples-alike",
            ("nodes", nid, "choices"),
            f"`{cid}` and `{other}` at `{nid}` can be said the same way in `{lang}`: “{text}”",
            "give each option its own words, or keep them from being offered together with `when:`",
        )
    if s.subject is not None and s.channel.value != "email":
        add(
            "warning",
            "subject-unused",
            ("subject",),
            f"`subject` is the subject line of an email, but this scenario's channel is {s.channel.value}: it is never shown",
            "remove `subject`, or make the channel `email`",
            key=True,
        )

    for code, n in counts.items():
        if n > MAX_REPORTED:
            first = next(p for p in out if p.code == code)
            out.append(Problem(path, first.line, first.col, f"… and {n - MAX_REPORTED} more like this ({code})", None, first.severity, code))
    return out


def _check_variants(ls: LoadedScenario, nid: str, ranges: dict[str, tuple[int, int]], add: Callable[..., None]) -> None:
    """A varied line whose variants all have conditions that can all fail is,
    in those states, not said at all: almost never what the author meant."""
    node = ls.scenario.nodes[nid]
    base = ("nodes", nid)
    listed = isinstance(ls.doc.value.get("nodes", {}).get(nid, {}).get("client"), list)
    lines: list[tuple[tuple[Any, ...], object]] = [
        ((*base, "client", i) if listed else (*base, "client"), line) for i, line in enumerate(node.client or ())
    ]
    lines.append(((*base, "narration"), node.narration))
    for loc, line in lines:
        if not isinstance(line, Varied) or any(v.when is None for v in line.variants):
            continue
        try:
            silent = conditions.can_all_fail([conditions.parse(v.when) for v in line.variants if v.when], ranges)
        except conditions.ConditionError:
            continue  # reported where the condition is
        if silent:
            add(
                "warning",
                "variants-may-fail",
                (*loc, "variants"),
                "every variant here has a condition, and in some states none holds, so the line is not said",
                "add a variant without `when:`",
            )


# What a caller cannot be seen doing, in the words narration would use for it.
_SEEN = re.compile(
    r"\b(looks? at|glares?|frowns?|smiles?|nods?|shrugs?|stares?|leans?|(his|her|their) face|eye contact|"
    r"katsoo|tuijottaa|hymyilee|nyökkää|kohauttaa|nojaa|ilmeensä|ilme |kasvoillaan|silmiin)\b",
    re.IGNORECASE,
)


def _check_unseen(node: Node, base: tuple[Any, ...], add: Callable[..., None]) -> None:
    """On the phone the trainee only hears: narration that describes what is seen breaks the scene."""
    narration = node.narration
    texts = [v.say for v in narration.variants] if isinstance(narration, Varied) else [narration] if narration is not None else []
    for text in texts:
        for value in [text] if isinstance(text, str) else list(text.values()):
            found = _SEEN.search(value)
            if found:
                add(
                    "warning",
                    "phone-unseen",
                    (*base, "narration"),
                    f"on the phone the trainee sees nothing, but the narration says `{found.group(0).strip()}`",
                    "describe what is heard: the voice, its tone and speed, breathing, pauses, sounds in the background",
                )
                return


def _holds_ever(expr: conditions.Expr, ranges: dict[str, tuple[int, int]]) -> bool:
    try:
        return conditions.satisfiable(expr, ranges)
    except conditions.ConditionError:
        return True


def _deltas(principles: dict[str, int]) -> str:
    return ", ".join(f"{p} {d:+d}" for p, d in sorted(principles.items())) or "none"


def _closure(start: Iterable[str], step: Callable[[str], Iterable[str]]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def lint_library(lib: Library) -> list[Problem]:
    out: list[Problem] = []
    for ls in lib.scenarios:
        if not ls.builtin:
            out.extend(lint(ls, lib))
    return out
