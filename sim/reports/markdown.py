"""The debrief as a Markdown report, written atomically."""

from __future__ import annotations

from typing import Any

from sim.content.library import Library
from sim.core.engine import Session
from sim.core.scoring import Score
from sim.core.self_rating import self_checks
from sim.i18n import t as tr
from sim.text import clean, localize


def _md(text: str) -> str:
    """Authored text in Markdown: safe characters, no accidental formatting."""
    text = clean(text).replace("\n", " ")
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown(session: Session, score: Score, lib: Library, lang: str, self_assessment: dict[str, Any] | None) -> str:
    """The debrief of `session`. `self_assessment` is
    `{"ratings": {principle_id: 1..5}, "reflections": {prompt: answer}}`."""
    s = session.scenario
    t = lambda text: _md(localize(text, lang, s.language))  # noqa: E731

    def pname(pid: str) -> str:
        p = lib.principles.get(pid)
        return t(p.name) if p else _md(pid)

    def w(key: str, **fields: object) -> str:
        # The simulator's own words; authored text in `fields` is escaped by the caller.
        return tr(key, lang, **fields)

    ratings = (self_assessment or {}).get("ratings")
    lines = [f"# {t(s.title)}", ""]
    lines.append("- " + w("report.scenario", id=s.id, hash=s.content_hash or "—", seed=session.seed))
    lines.append("- " + w("report.client", name=t(session.profile.name)))
    ending = w(f"ending.{session.ending.value}") if session.ending else w("debrief.unfinished")
    lines.append("- " + w("report.ending", ending=ending))
    overall = "—" if score.overall is None else str(score.overall)
    lines.append("- " + w("report.overall", score=overall, grade=w(f"grade.{score.grade}")))
    lines.append("")
    if score.critical_misses:
        lines.append("## " + w("report.misses"))
        lines.append("")
        for miss in score.critical_misses:
            lines.append("- " + w("report.miss", turn=miss.turn, principle=pname(miss.principle), reason=_md(w(f"miss.{miss.code}"))))
        lines.append("")
    lines.append("## " + w("report.principles"))
    lines.append("")
    columns = ("principle", "score", "self", "gap", "points")
    lines.append("| " + " | ".join(w(f"report.col.{c}") for c in columns) + " |")
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for check in self_checks(score, ratings):
        ps = check.principle
        computed = ps.score
        gap = "—" if check.gap is None else f"{check.gap:+d}"
        rating = "—" if check.rating is None else f"{check.rating}/5"
        goal = " " + w("report.goal") if ps.goal else ""
        lines.append(
            f"| {pname(ps.principle)}{goal} | {'—' if computed is None else computed} | {rating} | {gap} | {ps.earned}/{ps.possible} |"
        )
    lines.append("")
    lines.append("## " + w("tab.turns"))
    lines.append("")
    for turn, judged in zip(session.turns, score.verdicts):
        if turn.action == "help":
            did = w("report.help") + (f": {t(turn.say)}" if turn.say else "")
        elif turn.action == "timeout":
            did = w("report.timeout")
        else:
            did = w("report.said", text=t(turn.say))
        lines.append(f"{turn.number}. {did}")
        before, after = turn.state_before, turn.state_after
        state = w("report.state", tension_before=before["tension"], tension_after=after["tension"], trust_before=before["trust"], trust_after=after["trust"])
        lines.append(f"   - {state}")
        if turn.feedback is not None:
            lines.append("   - " + w("report.feedback", text=t(turn.feedback)))
        best = judged.better
        if best is not None:
            alt = w("report.call_help") if best.action == "help" else (t(best.say) if best.say is not None else best.action)
            lines.append("   - " + w("report.better", text=w("report.said", text=alt)))
    lines.append("")
    reflections = (self_assessment or {}).get("reflections", {})
    if reflections:
        lines.append("## " + w("report.reflection"))
        lines.append("")
        for key, answer in reflections.items():
            if answer:
                lines.append(f"- **{_md(str(key))}**: {_md(str(answer))}")
        lines.append("")
    return "\n".join(lines)
