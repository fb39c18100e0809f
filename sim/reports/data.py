"""The debrief as data: what every report format shows, in one JSON-ready dict.

`sim report --format json` writes it as is, the Markdown and HTML reports
render it, and `sim summary` aggregates these files from several trainees,
so the shape is
versioned (`format`, `version`). Authored texts are picked in the report's
language and cleaned of control characters; renderers escape them for
their own format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sim.content.library import Library
from sim.core.engine import Alternative, Session
from sim.core.scoring import Score
from sim.core.self_rating import mean_gap, self_checks
from sim.reports.formats import FORMATS
from sim.reports.words import evidence_item, recorded_result
from sim.session import reflection
from sim.session.history import SessionRecord
from sim.text import clean, clean_tree, localize

if TYPE_CHECKING:
    from sim.session.play import Play

FORMAT = "encounter-sim.report"
VERSION = 1


def report_data(
    session: Session,
    score: Score,
    lib: Library,
    lang: str,
    self_assessment: dict[str, Any] | None,
    *,
    record: SessionRecord | None = None,
) -> dict[str, Any]:
    s = session.scenario

    def t(text: Any) -> str | None:
        return None if text is None else clean(localize(text, lang, s.language))

    def pname(pid: str) -> str:
        return lib.principle_name(pid, lang)


    def alternative(alt: Alternative | None) -> dict[str, Any] | None:
        if alt is None:
            return None
        return {"action": alt.action, "choice_id": alt.choice_id, "say": t(alt.say), "principles": dict(alt.principles)}

    assessment = self_assessment or {}
    principles = []
    gaps = []
    for check in self_checks(score, assessment.get("ratings")):
        ps = check.principle
        if check.gap is not None:
            gaps.append(check.gap)
        principles.append(
            {
                "id": ps.principle,
                "name": pname(ps.principle),
                "goal": ps.goal,
                "score": ps.score,
                "earned": ps.earned,
                "possible": ps.possible,
                "self_rating": check.rating,
                "self_score": check.own,
                "gap": check.gap,
                "calibration": check.calibration,
                # The turns behind the score: what the choice was worth here, against the best and worst open.
                "evidence": [evidence_item(e) for e in ps.evidence],
            }
        )

    ms_by_turn = {st.number: st.ms for st in record.turns} if record else {}
    typed_by_turn = {st.number: st.typed for st in record.turns if st.typed is not None} if record else {}
    turns = []
    for turn, judged in zip(session.turns, score.verdicts):
        said = typed_by_turn.get(turn.number)
        turns.append(
            {
                **turn.as_dict(t),
                "ms": ms_by_turn.get(turn.number),
                # null on a turn with a single option: there was nothing to choose
                "was_best": judged.was_best,
                "better": alternative(judged.better),
                # The trainee's own words, where they typed the reply (sim.session.own_words).
                **({"typed": {"text": clean(said.text), "understood": said.understood}} if said is not None else {}),
            }
        )

    played_hash = record.row.content_hash if record else s.content_hash
    row = record.row if record else None
    profile = session.profile
    tension = tension_series(session)
    reflections = assessment.get("reflections") or {}
    return {
        "format": FORMAT,
        "version": VERSION,
        "session": {
            "id": row.id if row else None,
            "trainee": row.trainee if row else None,
            "mode": row.mode if row else None,
            "lang": lang,
            "seed": session.seed,
            "started": row.started if row else None,
            "ended": row.ended if row else None,
            # The trainee's accessibility setting: normal, double or off.
            "time_limits": row.time_limits if row else "normal",
        },
        "scenario": {
            "id": s.id,
            "title": t(s.title),
            "channel": s.channel.value,
            "client": clean(localize(profile.name, lang, profile.language)),
            "threat_threshold": profile.threat_threshold,
            "content_hash": s.content_hash,
            "played_hash": played_hash,
            "content_changed": bool(played_hash) and played_hash != s.content_hash,
            # An email's subject line: only where there is one, so other reports keep their shape.
            **({"subject": t(s.subject)} if s.subject is not None and s.channel.value == "email" else {}),
        },
        # The result the history and the LRS keep, where today's rules score the session differently.
        "as_recorded": recorded_result(row.overall, row.passed, score) if row and session.ended else None,
        "ending": session.ending.value if session.ending else None,
        "ended": session.ended,
        "success": score.success,
        "passed": score.passed,
        "pass": {"score": score.rules.pass_score, "critical": score.rules.critical},
        "shortfalls": [{**f.as_dict(), "principle_name": None if f.principle is None else pname(f.principle)} for f in score.shortfalls],
        "capped_by": score.capped_by,
        "ending_cap": score.cap,
        "overall": score.overall,
        "uncapped": score.uncapped,
        "grade": score.grade,
        "critical_misses": [
            {"turn": m.turn, "principle": m.principle, "principle_name": pname(m.principle), "code": m.code, "reason": m.reason}
            for m in score.critical_misses
        ],
        "principles": principles,
        "calibration": {
            "rated": len(gaps),
            "mean_gap": mean_gap(gaps),
            "mean_abs_gap": round(sum(abs(g) for g in gaps) / len(gaps), 1) if gaps else None,
        },
        "tension": tension,
        "turns": turns,
        # A line of one of the scenario's other speakers has their id and name too.
        "transcript": [
            {"turn": line.turn, "node": line.node, "speaker": line.speaker, "text": t(line.text)}
            | ({} if line.who is None else {"who": line.who, "name": t(s.speaker_name(line.who))})
            for line in session.transcript
        ],
        "reflections": [
            {"id": key if key in reflection.PROMPTS else None, "prompt": clean(reflection.question(key, lang)), "answer": clean(answer)}
            for key, answer in reflection.answered(reflections)
        ],
    }



def tension_series(session: Session) -> list[int]:
    """The client's tension before the first turn and after each: the line
    the debrief draws and every report shows."""
    if not session.turns:
        return []
    return [session.turns[0].state_before["tension"], *(turn.state_after["tension"] for turn in session.turns)]


def play_data(play: Play, result: Score | None = None) -> dict[str, Any]:
    """The report data of a session as it was played (or re-opened from the
    history): who, which session and how long each turn took come from the
    play, so `sim summary` counts sessions and trainees, and a what-if is
    told apart by its id."""
    result = result if result is not None else play.score()
    data = report_data(play.session, result, play.library, play.lang, play.self_assessment, record=play.record)
    if play.record is not None:
        return data
    data["session"].update(
        id=play.report_path().stem,
        trainee=play.trainee or None,
        mode=play.mode,
        time_limits=play.time_limits,
        started=play.started.isoformat(timespec="seconds"),
        ended=play.ended.isoformat(timespec="seconds") if play.ended else None,
    )
    for turn, ms in zip(data["turns"], play.durations_ms):
        turn["ms"] = ms
        said = play.typed.get(turn["number"])
        if said is not None:
            turn["typed"] = {"text": clean(said.text), "understood": said.understood}
    return data


def render(data: dict[str, Any], fmt: str) -> str:
    """A report in one of `formats.FORMATS`, from its data."""
    if fmt == "json":
        return json.dumps(clean_tree(data), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from sim.reports.html import render as html

        return html(data)
    if fmt == "md":
        from sim.reports.markdown import markdown

        return markdown(data)
    raise ValueError(f"unknown report format {fmt!r}, not one of {FORMATS}")
