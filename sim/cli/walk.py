"""`sim walk`: play a given path headless and print transcript and scores.

The instructor's way to check a path, and the tests' way in. Output depends
only on the scenario, the seed and the choices, never on the clock.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from sim.cli.main import EXIT_OK, EXIT_USAGE, extra_dirs
from sim.cli.output import console, literal
from sim.cli.scenarios import find_scenario
from sim.engine import EngineError, Session, Turn
from sim.i18n import default_lang
from sim.library import Library
from sim.problems import Problem
from sim.resume import why_not
from sim.scoring import Score, score
from sim.text import localize


def parse_choices(spec: str) -> list[str]:
    return [token.strip() for token in spec.split(",") if token.strip()]


def run_walk(args: argparse.Namespace) -> int:
    lib, found, problems = find_scenario(args.scenario, extra_dirs(args))
    if found is None or problems:
        err = console(stderr=True)
        for p in problems:
            err.print(literal(p.format()), soft_wrap=True)
        return EXIT_USAGE
    scenario = found.scenario
    lang = args.lang or default_lang()
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    session = Session(scenario, lib.profile_for(scenario), seed=args.seed, critical_principles=critical)
    steps: list[tuple[list[tuple[int, str]], Turn]] = []
    for step, token in enumerate(parse_choices(args.choices), start=1):
        shown = [(o.number, o.id) for o in session.options]
        try:
            turn = session.choose(int(token)) if token.isdigit() else session.act(token)
        except EngineError as exc:
            line, col = found.at("nodes", session.node_id, key=True)
            message, hint = str(exc), "options are numbered as `sim walk` prints them; ids, `help` and `timeout` work too"
            if not token.isdigit():
                # Say whether the id was removed, renamed or moved, not only that it is missing here.
                reason, why, why_hint = why_not(session, token)
                if reason != "engine":
                    message, hint = why, why_hint or hint
            p = Problem(str(found.path), line, col, f"choice {step} (`{token}`) at node `{session.node_id}`: {message}", hint, code="walk")
            console(stderr=True).print(literal(p.format()), soft_wrap=True)
            return EXIT_USAGE
        steps.append((shown, turn))
    result = score(session)
    if args.json:
        json.dump(walk_json(session, result, lib, lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_walk(session, result, lib, lang, steps)
    return EXIT_OK


def _t(text: Any, lang: str, session: Session) -> str:
    return localize(text, lang, session.scenario.language)


def _state_change(turn: Turn) -> str:
    parts = []
    for var, after in turn.state_after.items():
        if var == "turn":
            continue
        before = turn.state_before.get(var, after)
        if before != after:
            parts.append(f"{var} {before} → {after} ({after - before:+d})")
        else:
            parts.append(f"{var} {after}")
    return " · ".join(parts)


def print_walk(session: Session, result: Score, lib: Library, lang: str, steps: list[tuple[list[tuple[int, str]], Turn]]) -> None:
    out = console()
    s = session.scenario
    profile = session.profile
    out.print(literal(_t(s.title, lang, session), "bold"), Text(f"  ({s.id}, seed {session.seed})", style="dim"))
    out.print(
        literal(f"Client: {_t(profile.name, lang, session)} — tension {profile.tension}, trust {profile.trust}, threat at {profile.threat_threshold}")
    )
    by_turn: dict[int, list] = {}
    for line in session.transcript:
        by_turn.setdefault(line.turn, []).append(line)
    node_options = {turn.number: shown for shown, turn in steps}
    for number in range(1, len(session.turns) + 2):
        turn = session.turns[number - 1] if number <= len(session.turns) else None
        lines = by_turn.get(number, [])
        if turn is None and not lines:
            break
        node = turn.node if turn else session.node_id
        out.print()
        out.print(Text(f"── Turn {number} · {node} ", style="bold cyan") if turn else Text(f"── {node} ", style="bold cyan"))
        for line in lines:
            if line.speaker == "trainee":
                continue
            text = _t(line.text, lang, session)
            if line.speaker == "client":
                out.print(Text("  Client: ", style="bold").append_text(literal(text)))
            elif line.speaker == "gloss":
                out.print(Text("  (you understand: ", style="dim").append_text(literal(text, "dim")).append(")", style="dim"))
            else:
                out.print(literal(f"  {text}", "italic"))
        if turn is None:
            break
        choice_by_id = {c.id: c for c in session.scenario.nodes[node].choices}
        for num, cid in node_options.get(number, []):
            marker = "▶" if (turn.action == "choice" and turn.choice_id == cid) else " "
            out.print(literal(f"  {marker} {num}. {_t(choice_by_id[cid].say, lang, session)}"))
        if turn.action == "help":
            what = _t(turn.say, lang, session) if turn.say else "calls for help"
            out.print(literal(f"  ▶ [help] {what}"))
        elif turn.action == "timeout":
            out.print(literal("  ▶ [timeout] the time limit ran out"))
        if turn.feedback is not None:
            out.print(Text("    Feedback: ", style="green").append_text(literal(_t(turn.feedback, lang, session))))
        if turn.principles:
            out.print(Text("    Principles: " + ", ".join(f"{p} {d:+d}" for p, d in turn.principles.items()), style="dim"))
        out.print(Text("    " + _state_change(turn), style="dim"))
        for pid in turn.critical:
            out.print(Text(f"    Critical miss: {pid}", style="bold red"))
    out.print()
    if session.ended:
        ending = session.ending
        assert ending is not None
        if result.success:
            verdict = "a successful ending"
        elif ending.success:
            verdict = "a successful ending, but with a critical miss"
        else:
            verdict = "not a successful ending"
        out.print(Text(f"Ending: {ending.value} ({verdict})", style="bold"))
    else:
        out.print(Text(f"Stopped at node `{session.node_id}` (not an ending)", style="bold yellow"))
    out.print()
    table = Table(title="Scores", title_justify="left", expand=False)
    table.add_column("principle")
    table.add_column("score", justify="right")
    table.add_column("points", justify="right")
    table.add_column("earned at")
    for ps in result.principles:
        name = localize(lib.principles[ps.principle].name, lang) if ps.principle in lib.principles else ps.principle
        label = literal(f"{name} ({ps.principle})" + (" ★" if ps.goal else ""))
        evidence = "; ".join(
            f"t{e.turn} {e.delta:+d} of {e.worst:+d}…{e.best:+d} → {e.earned}/{e.possible}" for e in ps.evidence
        )
        table.add_row(label, "—" if ps.score is None else str(ps.score), f"{ps.earned}/{ps.possible}", evidence or "not tested")
    out.print(table)
    out.print(Text("★ goal of this scenario", style="dim"))
    for miss in result.critical_misses:
        out.print(Text(f"Critical miss at turn {miss.turn}: {miss.principle} — {miss.reason}", style="bold red"))
    overall = "—" if result.overall is None else str(result.overall)
    capped = f" (capped from {result.uncapped} by a critical miss)" if result.overall != result.uncapped else ""
    out.print(Text(f"Overall: {overall}{capped} — {result.grade}", style="bold"))


def walk_json(session: Session, result: Score, lib: Library, lang: str) -> dict[str, Any]:
    t = lambda text: None if text is None else _t(text, lang, session)  # noqa: E731
    return {
        "scenario": session.scenario.id,
        "content_hash": session.scenario.content_hash,
        "seed": session.seed,
        "lang": lang,
        "actions": list(session.actions),
        "transcript": [{"turn": l.turn, "node": l.node, "speaker": l.speaker, "text": t(l.text)} for l in session.transcript],
        "turns": [
            {
                "number": turn.number,
                "node": turn.node,
                "action": turn.action,
                "choice_id": turn.choice_id,
                "say": t(turn.say),
                "feedback": t(turn.feedback),
                "principles": dict(turn.principles),
                "state_before": dict(turn.state_before),
                "state_after": dict(turn.state_after),
                "threatened": turn.threatened,
                "critical": list(turn.critical),
                "next": turn.next,
            }
            for turn in session.turns
        ],
        "node": session.node_id,
        "ended": session.ended,
        "ending": session.ending.value if session.ending else None,
        "success": result.success,
        "scores": {
            "overall": result.overall,
            "uncapped": result.uncapped,
            "grade": result.grade,
            "critical_misses": [{"turn": m.turn, "principle": m.principle, "reason": m.reason} for m in result.critical_misses],
            "principles": [
                {
                    "id": ps.principle,
                    "goal": ps.goal,
                    "score": ps.score,
                    "earned": ps.earned,
                    "possible": ps.possible,
                    "evidence": [
                        {"turn": e.turn, "node": e.node, "choice_id": e.chosen.choice_id, "action": e.chosen.action, "delta": e.delta, "best": e.best, "worst": e.worst}
                        for e in ps.evidence
                    ],
                }
                for ps in result.principles
            ],
        },
    }
