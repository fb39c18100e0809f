"""The debrief as a Markdown report.

Rendered from `sim.reports.data.report_data`, like the HTML and JSON reports,
so the three cannot say different things about the same session. The data's
texts are clean already; here they are escaped for Markdown.
"""

from __future__ import annotations

from typing import Any

from sim.i18n import STRINGS, tc
from sim.reports.words import data_capped, data_ending, data_success, data_verdict, evidence, miss_code, own_words, regraded, report_did, time_limits_note
from sim.text import clean


def _md(text: object) -> str:
    """Text in Markdown: one line, no accidental formatting."""
    text = clean("" if text is None else str(text)).replace("\n", " ")
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _num(value: object) -> str:
    return "—" if value is None else str(value)


def markdown(data: dict[str, Any]) -> str:
    """The debrief of one session, from its report data."""
    lang = data["session"]["lang"]

    channel = data["scenario"].get("channel")

    def w(key: str, **fields: object) -> str:
        # The simulator's own words (in the channel's, where they differ); every authored value in `fields` is escaped here.
        return tc(key, channel, lang, **fields)

    scenario, session = data["scenario"], data["session"]
    lines = [f"# {_md(scenario['title'])}", ""]
    if session.get("id") and session.get("started"):
        # Who and when: the id goes in a code span, where escapes would show.
        sid = clean(str(session["id"])).replace("`", "")
        mode = session.get("mode") or ""
        mode = w(f"mode.{mode}") if f"mode.{mode}" in STRINGS else _md(mode)
        lines.append("- " + w("report.session", id=sid, trainee=_md(session.get("trainee") or "—"), started=_md(session["started"]), mode=mode))
    if scenario.get("content_changed"):
        lines.append("- " + w("report.changed", old=_md(scenario["played_hash"]), new=_md(scenario["content_hash"])))
    again = regraded(data.get("as_recorded"), lang)
    if again is not None:
        lines.append("- " + _md(again))
    lines.append("- " + w("report.scenario", id=scenario["id"], hash=scenario["content_hash"] or "—", seed=session["seed"]))
    lines.append("- " + w("report.client", name=_md(scenario["client"])))
    if scenario.get("subject"):
        lines.append("- " + w("email.subject") + ": " + _md(scenario["subject"]))
    limits = time_limits_note(session.get("time_limits"), lang)
    if limits is not None:
        lines.append("- " + limits)
    ending = data_ending(data, lang)
    lines.append("- " + w("report.ending", ending=ending) + f" ({data_success(data, lang)})")
    lines.append("- " + w("report.overall", score=_num(data["overall"]), grade=w(f"grade.{data['grade']}")))
    why = data_capped(data, lang)
    if why is not None:
        lines.append("- " + w("html.capped", uncapped=data["uncapped"], why=why))
    verdict = data_verdict(data, lang)
    if verdict is not None:
        lines.append("- **" + _md(verdict) + "**")
    lines.append("")
    if data["critical_misses"]:
        lines += ["## " + w("report.misses"), ""]
        for miss in data["critical_misses"]:
            code = miss_code(miss)
            reason = w(f"miss.{code}") if code else miss["reason"]
            lines.append("- " + w("report.miss", turn=miss["turn"], principle=_md(miss["principle_name"]), reason=_md(reason)))
        lines.append("")
    lines += ["## " + w("report.principles"), ""]
    columns = ("principle", "score", "self", "gap", "points")
    lines.append("| " + " | ".join(w(f"report.col.{c}") for c in columns) + " |")
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for p in data["principles"]:
        goal = " " + w("report.goal") if p["goal"] else ""
        rating = "—" if p["self_rating"] is None else f"{p['self_rating']}/5"
        gap = "—" if p["gap"] is None else f"{p['gap']:+d}"
        lines.append(f"| {_md(p['name'])}{goal} | {_num(p['score'])} | {rating} | {gap} | {p['earned']}/{p['possible']} |")
    lines.append("")
    # Why each principle scored what it did, turn by turn.
    for p in data["principles"]:
        lines.append(f"- **{_md(p['name'])}**: {_md(evidence(p.get('evidence') or [], lang))}")
    lines += ["", "## " + w("tab.turns"), ""]
    for turn in data["turns"]:
        lines.append(f"{turn['number']}. {report_did(turn, w, _md)}")
        before, after = turn["state_before"], turn["state_after"]
        state = w("report.state", tension_before=before["tension"], tension_after=after["tension"], trust_before=before["trust"], trust_after=after["trust"])
        lines.append(f"   - {state}")
        if turn.get("typed"):
            lines.append("   - " + _md(own_words(turn["typed"]["text"], turn["typed"]["understood"], turn["choice_id"], lang)))
        if turn["feedback"] is not None:
            lines.append("   - " + w("report.feedback", text=_md(turn["feedback"])))
        if turn["better"] is not None:
            lines.append("   - " + w("report.better", text=report_did(turn["better"], w, _md)))
        elif turn["was_best"]:
            lines.append("   - ✓ " + w("turn.best"))
    lines.append("")
    if data["reflections"]:
        lines += ["## " + w("report.reflection"), ""]
        for item in data["reflections"]:
            lines.append(f"- **{_md(item['prompt'])}**: {_md(item['answer'])}")
        lines.append("")
    return "\n".join(lines)

