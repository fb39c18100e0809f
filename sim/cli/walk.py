"""`sim walk`: play a given path headless and print transcript and scores.

The instructor's way to check a path, and the tests' way in. Output depends
only on the scenario, the seed and the choices, never on the clock.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.table import Table
from rich.text import Text

from sim.cli.output import print_json
from sim.console import console, literal, scenario_or_report, ui_lang
from sim.content.library import Library
from sim.content.locate import dialogue_dirs
from sim.content.problems import Problem
from sim.core.engine import EngineError, Line, Session, Turn
from sim.core.replay import why_not
from sim.core.scoring import Score, score
from sim.errors import EXIT_OK, EXIT_USAGE
from sim.i18n import t
from sim.reports.words import ending_name, result_verdict, why_capped
from sim.text import LocalText, localize


def parse_choices(spec: str) -> list[str]:
    return [token.strip() for token in spec.split(",") if token.strip()]


def run_walk(args: argparse.Namespace) -> int:
    loaded = scenario_or_report(args.scenario, dialogue_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    lib, found = loaded
    scenario = found.scenario
    lang = ui_lang(args)
    critical = lib.critical_principles
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
        print_json(walk_json(session, result, lib, lang))
    else:
        print_walk(session, result, lib, lang, steps)
    return EXIT_OK


def _t(text: Any, lang: str, session: Session) -> str:
    return localize(text, lang, session.scenario.language)


def _state_change(turn: Turn, flags: set[str]) -> str:
    parts = []
    for var, after in turn.state_after.items():
        if var == "turn":
            continue
        before = turn.state_before.get(var, after)
        if var in flags:
            # A flag reads as true/false, as the author wrote it.
            was, now = str(bool(before)).lower(), str(bool(after)).lower()
            parts.append(f"{var} {was} → {now}" if was != now else f"{var} {now}")
        elif before != after:
            parts.append(f"{var} {before} → {after} ({after - before:+d})")
        else:
            parts.append(f"{var} {after}")
    return " · ".join(parts)


def print_walk(session: Session, result: Score, lib: Library, lang: str, steps: list[tuple[list[tuple[int, str]], Turn]]) -> None:
    out = console()
    s = session.scenario
    profile = session.profile
    out.print(literal(_t(s.title, lang, session), "bold"), literal("  " + t("walk.seed", lang, id=s.id, seed=session.seed), "dim"))
    name = _t(profile.name, lang, session)
    out.print(literal(t("walk.client", lang, name=name, tension=profile.tension, trust=profile.trust, threshold=profile.threat_threshold)))
    if s.subject is not None and s.channel.value == "email":
        out.print(literal(f"{t('email.subject', lang)}: {_t(s.subject, lang, session)}"))
    by_turn: dict[int, list[Line]] = {}
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
        out.print(literal(t("walk.turn", lang, turn=number, node=node), "bold cyan") if turn else literal(f"── {node} ", "bold cyan"))
        for line in lines:
            if line.speaker == "trainee":
                continue
            text = _t(line.text, lang, session)
            if line.speaker == "client":
                speaker = s.speaker_name(line.who)
                who = t("speaker.client", lang) if speaker is None else " ".join(_t(speaker, lang, session).split())
                out.print(literal(f"  {who}: ", "bold").append_text(literal(text)))
            elif line.speaker == "gloss":
                out.print(literal("  " + t("walk.gloss", lang, text=text), "dim"))
            else:
                out.print(literal(f"  {text}", "italic"))
        if turn is None:
            break
        choice_by_id = {c.id: c for c in session.scenario.nodes[node].choices}
        for num, cid in node_options.get(number, []):
            marker = "▶" if (turn.action == "choice" and turn.choice_id == cid) else " "
            out.print(literal(f"  {marker} {num}. {_t(choice_by_id[cid].say, lang, session)}"))
        if turn.action == "help":
            what = _t(turn.say, lang, session) if turn.say else t("walk.help", lang)
            out.print(literal(f"  ▶ [help] {what}"))
        elif turn.action == "timeout":
            out.print(literal(f"  ▶ [timeout] {t('walk.timeout', lang)}"))
        if turn.feedback is not None:
            out.print(Text(f"    {t('speaker.feedback', lang)}: ", style="green").append_text(literal(_t(turn.feedback, lang, session))))
        if turn.principles:
            deltas = ", ".join(f"{p} {d:+d}" for p, d in turn.principles.items())
            out.print(literal(f"    {t('walk.principles', lang)}: {deltas}", "dim"))
        out.print(Text("    " + _state_change(turn, session.scenario.flags()), style="dim"))
        for pid in turn.critical:
            out.print(literal("    " + t("walk.critical", lang, principle=pid), "bold red"))
    out.print()
    if session.ended:
        ending = session.ending
        assert ending is not None
        verdict = "walk.success" if result.success else "walk.success_but_miss" if ending.success else "walk.not_success"
        out.print(literal(t("walk.ending", lang, ending=ending_name(ending.value, lang, session.scenario.channel.value), verdict=t(verdict, lang)), "bold"))
    else:
        out.print(literal(t("walk.stopped", lang, node=session.node_id), "bold yellow"))
    out.print()
    table = Table(title=t("walk.scores", lang), title_justify="left", expand=False)
    table.add_column(t("walk.col.principle", lang))
    table.add_column(t("walk.col.score", lang), justify="right")
    table.add_column(t("walk.col.points", lang), justify="right")
    table.add_column(t("walk.col.earned", lang))
    for ps in result.principles:
        name = lib.principle_name(ps.principle, lang)
        label = literal(f"{name} ({ps.principle})" + (" ★" if ps.goal else ""))
        evidence = "; ".join(
            t("walk.evidence", lang, turn=e.turn, delta=f"{e.delta:+d}", worst=f"{e.worst:+d}", best=f"{e.best:+d}", earned=e.earned, possible=e.possible)
            for e in ps.evidence
        )
        score_cell = "—" if ps.score is None else str(ps.score)
        table.add_row(label, score_cell, f"{ps.earned}/{ps.possible}", evidence or t("debrief.not_tested", lang))
    out.print(table)
    out.print(literal(t("walk.goal_mark", lang), "dim"))
    for miss in result.critical_misses:
        reason = t(f"miss.{miss.code}", lang)
        out.print(literal(t("debrief.critical", lang, turn=miss.turn, principle=miss.principle, reason=reason), "bold red"))
    overall = "—" if result.overall is None else str(result.overall)
    grade = t(f"grade.{result.grade}", lang)
    why = why_capped(result, lang, session.scenario.channel.value)
    if why is not None:
        out.print(literal(t("walk.overall_capped", lang, overall=overall, uncapped=result.uncapped, why=why, grade=grade), "bold"))
    else:
        out.print(literal(t("walk.overall", lang, overall=overall, grade=grade), "bold"))
    # Passed or not, by the same rules and words as the debrief: an author sees what the trainee will.
    passing = result_verdict(result, lang, lambda pid: lib.principle_name(pid, lang), session.scenario.channel.value)
    if passing is not None:
        out.print(literal(passing, "bold green" if result.passed else "bold red"))


def walk_json(session: Session, result: Score, lib: Library, lang: str) -> dict[str, Any]:
    def t(text: LocalText | None) -> str | None:
        return None if text is None else _t(text, lang, session)

    return {
        "scenario": session.scenario.id,
        "content_hash": session.scenario.content_hash,
        "seed": session.seed,
        "lang": lang,
        "actions": list(session.actions),
        "transcript": [
            {"turn": line.turn, "node": line.node, "speaker": line.speaker, "text": t(line.text)}
            | ({} if line.who is None else {"who": line.who, "name": t(session.scenario.speaker_name(line.who))})
            for line in session.transcript
        ],
        "turns": [{**turn.as_dict(t), "next": turn.next} for turn in session.turns],
        "node": session.node_id,
        "ended": session.ended,
        "ending": session.ending.value if session.ending else None,
        "success": result.success,
        "passed": result.passed,
        "shortfalls": [f.as_dict() for f in result.shortfalls],
        "verdicts": [
            {"turn": turn.number, "was_best": v.was_best, "better": None if v.better is None else v.better.response}
            for turn, v in zip(session.turns, result.verdicts)
        ],
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
                        {
                            "turn": e.turn,
                            "node": e.node,
                            "choice_id": e.chosen.choice_id,
                            "action": e.chosen.action,
                            "delta": e.delta,
                            "best": e.best,
                            "worst": e.worst,
                        }
                        for e in ps.evidence
                    ],
                }
                for ps in result.principles
            ],
        },
    }
