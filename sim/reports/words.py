"""The simulator's own words for a judgement: what the trainee did, what
would have been better, how a self-rating compares with the score.

The debrief, `--plain` and the reports all say these things; they call these
functions, so the wording (and the rule behind it) cannot drift between them.
Authored text comes in already rendered and cleaned by the caller, who knows
whether it goes to one plain line, a table cell or Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sim.content.model import Ending
from sim.core.engine import MISS_REASONS
from sim.core.judgement import Rules
from sim.core.recommend import Recommendation
from sim.core.scoring import Evidence, PrincipleScore, Score
from sim.core.self_rating import SelfCheck
from sim.i18n import decimal_text, t, tc, tn

SUCCESSFUL = frozenset(e.value for e in Ending if e.success)


def did(action: str, said: str | None, lang: str, channel: str | None = None) -> str:
    """A turn's action in words: what was said, help called (or asked for, in
    a written channel), or time run out."""
    if action == "timeout":
        return t("turn.timeout", lang)
    if action == "help":
        return tc("turn.help", channel, lang) + (f": {said}" if said else "")
    return said or ""


def report_did(item: Mapping[str, Any], say: Callable[..., str], escape: Callable[[object], str]) -> str:
    """What was done at a turn, or could have been (a better option), in a
    report: `say` gives the simulator's words in the report's language,
    `escape` makes authored text safe for the report's format."""
    if item["action"] == "help":
        return say("report.help") + (f": {escape(item['say'])}" if item.get("say") else "")
    if item["action"] == "timeout" or item.get("say") is None:
        return say("report.timeout")
    return say("report.said", text=escape(item["say"]))


MISS_CODES = {reason: code for code, reason in MISS_REASONS.items()}


def miss_code(miss: Mapping[str, Any]) -> str | None:
    """The code of a critical miss in report data (`alone`, `escalated`, …);
    data written before codes were kept has only the English reason."""
    code, reason = miss.get("code"), miss.get("reason")
    if isinstance(code, str) and code in MISS_REASONS:
        return code
    return MISS_CODES.get(reason) if isinstance(reason, str) else None


def own_words(text: str, understood: str | None, chosen: str | None, lang: str) -> str:
    """The trainee's own words for a turn, and whether the option taken was the
    one they were understood as (the debrief, --plain and the reports all say it so)."""
    key = "turn.typed" if understood is not None and understood == chosen else "turn.typed.corrected"
    return t(key, lang, text=text)


def alternative(action: str, said: str | None, lang: str, channel: str | None = None) -> str:
    """An option that was open, in words (an option without words is the time limit's)."""
    if action == "help" or said is None:
        return did("help" if action == "help" else "timeout", said, lang, channel)
    return said


PASS_MARKS = {True: "✓", False: "✗"}


def passed_mark(passed: bool | None) -> str:
    """A session's result as a mark alone, for a narrow column headed "passed"."""
    return "—" if passed is None else PASS_MARKS[passed]


def passed_word(passed: bool | None, lang: str) -> str:
    """A session's result in a word, with a mark so it is not told by colour
    alone: "✓ passed", "✗ not passed", or "—" for one that did not end."""
    if passed is None:
        return "—"
    return f"{PASS_MARKS[passed]} {t('html.passed' if passed else 'html.not_passed', lang)}"


def regraded(recorded: Mapping[str, Any] | None, lang: str) -> str | None:
    """A session scored again by today's rules (a changed scenario, persona or
    catalogue) that comes out differently from when it was played says so,
    with the result the history and the LRS keep: `recorded` as in the report
    data (`overall`, `passed`), None when nothing differs."""
    if not recorded:
        return None
    passed = recorded.get("passed")
    result = t("html.passed" if passed else "html.not_passed", lang) if isinstance(passed, bool) else "—"
    overall = recorded.get("overall")
    return t("report.regraded", lang, overall="—" if overall is None else overall, result=result)


def recorded_result(stored_overall: int | None, stored_passed: bool | None, now: Score) -> dict[str, Any] | None:
    """What `regraded` needs: the stored result, where today's score differs from it."""
    differs = stored_overall != now.overall or (stored_passed is not None and stored_passed != now.passed)
    return {"overall": stored_overall, "passed": stored_passed} if differs else None


def time_limits_note(setting: str | None, lang: str) -> str | None:
    """The trainee's time-limit setting, said where it changed the rules
    ("Time limits were doubled (an accessibility setting)"); None as written."""
    if setting == "double":
        return t("limits.double", lang)
    if setting == "off":
        return t("limits.off", lang)
    return None


def ending_name(ending: str, lang: str, channel: str | None = None) -> str:
    """An ending's name, in the channel's words where they differ (a phone
    call is hung up, a chat is left)."""
    return tc(f"ending.{ending}", channel, lang)


def outcome(result: Score, lang: str, channel: str | None = None) -> tuple[str, str]:
    """How the encounter ended, and whether that counts as a success, in words."""
    ending = result.ending
    ending_text = ending_name(ending.value, lang, channel) if ending else t("debrief.unfinished", lang)
    return ending_text, success_words(result.success, ending.value if ending else None, lang)


def success_words(success: bool, ending: str | None, lang: str) -> str:
    """Whether the encounter counts as a success: a good ending with a critical
    miss is not one, and says why."""
    if success:
        return t("debrief.success", lang)
    if ending is not None and ending in SUCCESSFUL:
        return t("debrief.success_but_miss", lang)
    return t("debrief.not_success", lang)


def data_success(data: Mapping[str, Any], lang: str) -> str:
    """`success_words` of a session's report data (sim.reports.data)."""
    ending = data.get("ending")
    return success_words(bool(data.get("success")), ending if isinstance(ending, str) else None, lang)


def why_capped(result: Score, lang: str, channel: str | None = None) -> str | None:
    """What holds the overall score below the mean of the goals: a critical
    miss, the ending, or both ("a critical miss and how it ended (the client
    left: at most 49)"); None when nothing does."""
    return capped_words(result.capped_by, result.ending.value if result.ending else None, result.cap, lang, channel)


def capped_words(capped_by: str | None, ending: str | None, cap: int | None, lang: str, channel: str | None = None) -> str | None:
    """`why_capped` from a report's data (its `capped_by`, `ending` and `ending_cap`)."""
    if capped_by not in ("miss", "ending", "both"):
        return None
    if capped_by == "miss":
        return t("cap.miss", lang)
    return t(f"cap.{capped_by}", lang, ending=ending_name(ending, lang, channel) if ending else "", cap=cap)


def pass_verdict(
    passed: bool | None, shortfalls: Sequence[Mapping[str, Any]], pass_score: int, ending: str | None, lang: str, channel: str | None = None
) -> str | None:
    """"Passed (pass mark 70)" or "Not passed: …" with every reason; None while
    the encounter has not ended. `shortfalls` as in the report data (a
    principle's `principle_name` already in the reader's language)."""
    if passed is None:
        return None
    if passed:
        return t("pass.passed", lang, need=pass_score)
    reasons = []
    for f in shortfalls:
        code = f.get("code")
        if code == "ending":
            reasons.append(t("pass.why.ending", lang, ending=ending_name(ending, lang, channel) if ending else ""))
        elif code == "miss":
            reasons.append(t("pass.why.miss", lang))
        elif code == "score":
            value = f.get("value")
            # Nothing scored (every turn was no decision, or said nothing of a principle): no number to compare.
            reasons.append(t("pass.why.unscored", lang) if value is None else t("pass.why.score", lang, value=value, need=f.get("need")))
        elif code == "critical":
            reasons.append(t("pass.why.critical", lang, principle=f.get("principle_name") or f.get("principle"), value=f.get("value"), need=f.get("need")))
    return t("pass.failed", lang, reasons="; ".join(reasons))


def data_capped(data: Mapping[str, Any], lang: str) -> str | None:
    """`why_capped` of a session's report data (sim.reports.data)."""
    return capped_words(data.get("capped_by"), data.get("ending"), data.get("ending_cap"), lang, _channel(data))


def data_verdict(data: Mapping[str, Any], lang: str) -> str | None:
    """`pass_verdict` of a session's report data (sim.reports.data)."""
    pass_score = (data.get("pass") or {}).get("score", 0)
    return pass_verdict(data.get("passed"), data.get("shortfalls") or [], pass_score, data.get("ending"), lang, _channel(data))


def data_ending(data: Mapping[str, Any], lang: str) -> str:
    """The ending of a session's report data in words, or "not finished"."""
    ending = data.get("ending")
    return ending_name(ending, lang, _channel(data)) if ending else t("debrief.unfinished", lang)


def _channel(data: Mapping[str, Any]) -> str | None:
    scenario = data.get("scenario")
    channel = scenario.get("channel") if isinstance(scenario, Mapping) else None
    return channel if isinstance(channel, str) else None


def result_verdict(result: Score, lang: str, name: Callable[[str], str], channel: str | None = None) -> str | None:
    """`pass_verdict` of a score; `name` gives a principle's name in `lang`."""
    shortfalls = [{**f.as_dict(), "principle_name": None if f.principle is None else name(f.principle)} for f in result.shortfalls]
    return pass_verdict(result.passed, shortfalls, result.rules.pass_score, result.ending.value if result.ending else None, lang, channel)


def grading(rules: Rules, lang: str, *, caps: bool = True, channel: str | None = None) -> str:
    """What passing takes and, with `caps`, how each kind of ending limits the
    score: "… The score is at most 49 if the client left or escalated, 69 if
    unresolved." (The TUI's briefing leaves the caps to the debrief, for room.)"""
    text = t("pass.rules", lang, need=rules.pass_score, critical=rules.critical)
    if not caps:
        return text
    by_cap: dict[int, list[str]] = {}
    for ending, cap in sorted(rules.caps.items(), key=lambda item: (item[1], item[0].value)):
        by_cap.setdefault(cap, []).append(ending_name(ending.value, lang, channel))
    if by_cap:
        parts = [t("pass.cap", lang, cap=cap, endings=t("pass.or", lang).join(names)) for cap, names in by_cap.items()]
        text += " " + t("pass.caps", lang, caps=", ".join(parts))
    return text


def evidence_item(e: Evidence) -> dict[str, object]:
    """One turn's evidence for a principle, as the report data holds it."""
    return {"turn": e.turn, "node": e.node, "delta": e.delta, "best": e.best, "worst": e.worst, "earned": e.earned, "possible": e.possible}


def evidence(items: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Why a principle scored what it did, turn by turn: "turn 1: 0 of 4 (your
    choice −2, the best +2); turn 3: 2 of 2 (the best)", or "not tested"."""
    if not items:
        return t("debrief.not_tested", lang)
    parts = []
    for e in items:
        if e["delta"] == e["best"]:
            parts.append(t("evidence.best", lang, turn=e["turn"], earned=e["earned"], possible=e["possible"]))
        else:
            parts.append(
                t("evidence.turn", lang, turn=e["turn"], earned=e["earned"], possible=e["possible"], delta=_signed(e["delta"]), best=_signed(e["best"]))
            )
    return "; ".join(parts)


def principle_evidence(ps: PrincipleScore, lang: str) -> str:
    """`evidence` of a principle's score."""
    return evidence([evidence_item(e) for e in ps.evidence], lang)


def _signed(value: int) -> str:
    return f"{value:+d}".replace("-", "−") if value else "0"


def signed_gap(value: float | None, lang: str) -> str:
    """A gap (or a mean of gaps) as a signed number: "+2.5", "−10", "±0", or "—"
    (in Finnish with a decimal comma)."""
    if value is None:
        return "—"
    if not value:
        return "±0"
    return decimal_text(f"{value:+g}", lang).replace("-", "−")


def gap(check: SelfCheck, lang: str) -> str:
    """"+15 over" / "±0 calibrated" / "—" for one principle."""
    if check.gap is None:
        return "—"
    shown = f"{check.gap:+d}" if check.gap else "±0"
    return t(f"gap.{check.calibration}", lang, gap=shown)


def when(then: datetime, now: datetime, lang: str) -> str:
    """How far `then` is from `now`, in days, weeks or months, as people say it ("3 weeks ago", "tomorrow")."""
    days = (then.astimezone(now.tzinfo).date() - now.date()).days
    if days == 0:
        return t("when.today", lang)
    if days == -1:
        return t("when.yesterday", lang)
    if days == 1:
        return t("when.tomorrow", lang)
    if days < 0:
        ago = -days
        if ago < 14:
            return t("when.days_ago", lang, count=ago)
        if ago < 60:
            return tn("when.weeks_ago", ago // 7, lang)
        return tn("when.months_ago", ago // 30, lang)
    if days < 14:
        return t("when.in_days", lang, count=days)
    return tn("when.in_weeks", days // 7, lang)


def recommendation_text(rec: Recommendation, now: datetime, lang: str, principle_name: Callable[[str], str]) -> str:
    """Why this scenario and mode, in a line or two: `sim next`, the home screen and
    `--plain` all say it so. `principle_name` gives a principle's name in `lang`."""
    name = principle_name(rec.principle) if rec.principle else ""
    if rec.reason == "assignment" and rec.due is not None:
        key = "next.assignment.overdue" if rec.due <= now else "next.assignment"
        # The last day it may be done: the day before the moment it falls due.
        due_day = (rec.due.astimezone(now.tzinfo) - timedelta(seconds=1)).date().isoformat()
        parts = [t(key, lang, due=due_day, when=when(rec.due - timedelta(seconds=1), now, lang))]
    elif rec.reason in ("never", "first"):
        parts = [t(f"next.{rec.reason}", lang, principle=name)]
    elif rec.reason == "early":
        parts = [t("next.early", lang, principle=name, level=rec.level, when=when(rec.due or now, now, lang))]
    else:  # weak, due
        parts = [t(f"next.{rec.reason}", lang, principle=name, level=rec.level, ago=when(rec.last or now, now, lang))]
    if rec.climbed and rec.reason != "first":
        parts.append(t(f"next.climbed.{rec.rung}", lang))
    if rec.mode == "assessment" and rec.reason != "assignment":
        parts.append(t("next.assess", lang))
    return " ".join(parts)
