"""The debrief as one self-contained HTML file.

Opens anywhere, offline, years later: inline CSS, an inline SVG timeline, no
scripts, no fonts or images from the network — and a Content-Security-Policy
that forbids loading anything, so nothing can sneak in. Every authored or
user-given text is escaped with `html.escape`: a scenario that says
`<script>` shows those characters, it does not run them.

Renders the data of `sim.report_json.report_data`, so the HTML and JSON
reports never disagree.
"""

from __future__ import annotations

import html
from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #5f6368; --line: #d9dce1;
  --good: #1b7f3b; --bad: #b3261e; --warn-bg: #fff4ce; --bar: #3b6fd8; --card: #f6f7f9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --bg: #161718; --muted: #a0a4aa; --line: #3a3d42;
  --good: #6fd08c; --bad: #f28b82; --warn-bg: #4a3c10; --bar: #7ea6f6; --card: #222427; } }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); margin: 0; } .meta span + span::before { content: " · "; }
.headline { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.stat { background: var(--card); border-radius: .5rem; padding: .5rem 1rem; } .stat b { display: block; font-size: 1.4rem; }
.notice { background: var(--warn-bg); border-radius: .5rem; padding: .5rem 1rem; margin: 1rem 0; }
.miss { color: var(--bad); font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { background: var(--line); border-radius: .25rem; height: .6rem; min-width: 6rem; } .bar i { display: block; height: 100%; border-radius: .25rem; background: var(--bar); }
.over { color: var(--bad); } .under { color: var(--bar); } .calibrated { color: var(--good); }
ol.turns { padding-left: 0; list-style: none; } .turn { background: var(--card); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
.turn h3 { font-size: 1rem; margin: 0 0 .25rem; } .turn h3 small { color: var(--muted); font-weight: normal; }
.line { margin: .2rem 0; } .who { font-weight: 600; } .narration, .gloss { font-style: italic; color: var(--muted); }
.trainee { border-left: 3px solid var(--bar); padding-left: .5rem; } .feedback { color: var(--muted); }
.better { border-left: 3px solid var(--good); padding-left: .5rem; } .best { color: var(--good); }
svg { width: 100%; height: 6rem; } svg polyline { fill: none; stroke: var(--bad); stroke-width: 2; } svg line { stroke: var(--line); }
@media print { body { max-width: none; } .turn { break-inside: avoid; } }
"""

SPEAKERS = {"client": "Client", "trainee": "You", "narration": "", "gloss": "You understand", "system": ""}


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: Any) -> str:
    return "—" if value is None else e(value)


def render(data: dict[str, Any]) -> str:
    sc, sess = data["scenario"], data["session"]
    lang = sess.get("lang") or "en"
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(sc['title'])} — debrief</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(sc['title'])}</h1>",
        '<p class="meta">' + "".join(f"<span>{part}</span>" for part in _meta(data)) + "</p>",
        "</header>",
    ]
    if sc.get("content_changed"):
        out.append(
            '<p class="notice" role="note"><b>The scenario has changed since this session was played</b> '
            f"(content {e(sc['played_hash'])} → {e(sc['content_hash'])}). The transcript and scores below are "
            "replayed on the current version.</p>"
        )
    ending = data["ending"] or "not finished"
    verdict = "a successful ending" if data["success"] else ("successful, but with a critical miss" if data["critical_misses"] and _ending_ok(data) else "not a successful ending")
    out += [
        '<section class="headline">',
        f'<div class="stat">Overall<b>{_num(data["overall"])}</b>{e(data["grade"])}</div>',
        f'<div class="stat">Ending<b>{e(ending)}</b>{e(verdict)}</div>',
    ]
    cal = data.get("calibration") or {}
    if cal.get("rated"):
        out.append(f'<div class="stat">Self-assessment gap<b>{_signed(cal["mean_gap"])}</b>mean over {e(cal["rated"])} rated principle(s)</div>')
    out.append("</section>")
    if data["overall"] is not None and data["uncapped"] is not None and data["overall"] != data["uncapped"]:
        out.append(f'<p class="notice">Capped from {e(data["uncapped"])} by a critical miss.</p>')

    if data["critical_misses"]:
        out.append("<h2>Critical misses</h2><ul>")
        for m in data["critical_misses"]:
            out.append(f'<li class="miss">Turn {e(m["turn"])}: {e(m["principle_name"])} — {e(m["reason"])}</li>')
        out.append("</ul>")

    out += _principles(data)
    out += _timeline(data["tension"], int(sc.get("threat_threshold") or 75))
    out += _turns(data)
    if data["reflections"]:
        out.append("<h2>Reflection</h2><dl>")
        for r in data["reflections"]:
            out.append(f"<dt>{e(r['prompt'])}</dt><dd>{e(r['answer'])}</dd>")
        out.append("</dl>")
    out += ["<footer>", f'<p class="meta">Scenario <code>{e(sc["id"])}</code>, content {e(sc["content_hash"] or "—")}, seed {e(sess["seed"])}</p>', "</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _ending_ok(data: dict[str, Any]) -> bool:
    return data["ending"] in ("resolved", "next-step", "help-called")


def _signed(value: float | int | None) -> str:
    if value is None:
        return "—"
    return e(f"{value:+g}" if value else "±0")


def _meta(data: dict[str, Any]) -> list[str]:
    sc, sess = data["scenario"], data["session"]
    parts = [f"Client: {e(sc['client'])}", f"Channel: {e(sc['channel'])}"]
    if sess.get("trainee"):
        parts.append(f"Trainee: {e(sess['trainee'])}")
    if sess.get("started"):
        parts.append(f"Played: {e(sess['started'][:16].replace('T', ' '))} UTC")
    if sess.get("mode"):
        parts.append(f"Mode: {e(sess['mode'])}")
    if sess.get("id"):
        parts.append(f"Session: {e(sess['id'])}")
    return parts


def _principles(data: dict[str, Any]) -> list[str]:
    out = [
        "<h2>Principles</h2>",
        "<table>",
        '<thead><tr><th>Principle</th><th class="num">Score</th><th></th><th class="num">Self-rating</th>'
        '<th class="num">Gap</th><th class="num">Points</th></tr></thead><tbody>',
    ]
    for p in data["principles"]:
        goal = " <small>(goal)</small>" if p["goal"] else ""
        width = 0 if p["score"] is None else max(0, min(100, int(p["score"])))
        bar = f'<div class="bar" role="img" aria-label="{width} of 100"><i style="width:{width}%"></i></div>' if p["score"] is not None else ""
        rating = "—" if p["self_rating"] is None else f"{e(p['self_rating'])}/5 ({e(p['self_score'])})"
        gap = "—"
        if p["gap"] is not None:
            words = {"calibrated": "accurate", "over": "rated higher", "under": "rated lower"}[p["calibration"]]
            gap = f'<span class="{e(p["calibration"])}">{_signed(p["gap"])} {e(words)}</span>'
        out.append(
            f"<tr><td>{e(p['name'])}{goal}</td><td class=\"num\">{_num(p['score'])}</td><td>{bar}</td>"
            f"<td class=\"num\">{rating}</td><td class=\"num\">{gap}</td><td class=\"num\">{e(p['earned'])}/{e(p['possible'])}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append('<p class="meta">Self-ratings 1–5 are shown on the score scale (1 = 0, 5 = 100); the gap is self-rating minus score.</p>')
    return out


def _timeline(values: list[int], threat: int) -> list[str]:
    if len(values) < 2:
        return []
    width, height = 100 * (len(values) - 1), 100
    points = " ".join(f"{i * 100},{height - v}" for i, v in enumerate(values))
    return [
        "<h2>Client's tension</h2>",
        f'<svg viewBox="0 -2 {width} {height + 4}" preserveAspectRatio="none" role="img" aria-label="tension by turn: {e(" → ".join(map(str, values)))}">',
        f'<line x1="0" y1="{height - threat}" x2="{width}" y2="{height - threat}" stroke-dasharray="4 4"/>',
        f'<polyline points="{points}" vector-effect="non-scaling-stroke"/>',
        "</svg>",
        f'<p class="meta">{e(" → ".join(map(str, values)))} (dashed line: the threat threshold, {threat})</p>',
    ]


def _turns(data: dict[str, Any]) -> list[str]:
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for line in data["transcript"]:
        by_turn.setdefault(line["turn"], []).append(line)
    out = ["<h2>Transcript, turn by turn</h2>", '<ol class="turns">']
    last = len(data["turns"])
    for turn in data["turns"]:
        n = turn["number"]
        before, after = turn["state_before"], turn["state_after"]
        flag = ' <span class="miss">critical miss</span>' if turn["critical"] else ""
        took = f", {turn['ms'] / 1000:.1f} s" if isinstance(turn.get("ms"), int) else ""
        out.append(
            f'<li class="turn" id="turn-{e(n)}"><h3>Turn {e(n)}{flag} <small>tension {e(before.get("tension"))} → '
            f'{e(after.get("tension"))}, trust {e(before.get("trust"))} → {e(after.get("trust"))}{e(took)}</small></h3>'
        )
        out += [_line(line) for line in by_turn.get(n, []) if line["speaker"] != "trainee"]
        out.append(f'<p class="line trainee"><span class="who">You:</span> {e(_did(turn))}</p>')
        if turn["feedback"]:
            out.append(f'<p class="line feedback">Feedback: {e(turn["feedback"])}</p>')
        if turn["better"]:
            out.append(f'<p class="line better"><span class="who">Better:</span> {e(_did(turn["better"]))}</p>')
        elif turn["was_best"]:
            out.append('<p class="line best">✓ the best option here</p>')
        out.append("</li>")
    tail = [line for line in data["transcript"] if line["turn"] > last]
    if tail:
        out.append('<li class="turn"><h3>End</h3>' + "".join(_line(line) for line in tail) + "</li>")
    out.append("</ol>")
    return out


def _line(line: dict[str, Any]) -> str:
    speaker = line["speaker"]
    who = SPEAKERS.get(speaker, "")
    label = f'<span class="who">{e(who)}:</span> ' if who else ""
    return f'<p class="line {e(speaker)}">{label}{e(line["text"])}</p>'


def _did(item: dict[str, Any]) -> str:
    if item["action"] == "help":
        return "called for help" + (f": {item['say']}" if item.get("say") else "")
    if item["action"] == "timeout":
        return "let the time run out"
    return f"“{item.get('say') or ''}”"
