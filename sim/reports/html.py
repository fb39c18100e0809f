"""The debrief as one self-contained HTML file.

Opens anywhere, offline, years later: inline CSS, an inline SVG timeline, no
scripts, no fonts or images from the network — and a Content-Security-Policy
that forbids loading anything, so nothing can sneak in. Every authored or
user-given text is escaped with `html.escape`: a scenario that says
`<script>` shows those characters, it does not run them.

Renders the data of `sim.reports.data.report_data`, so the HTML and JSON
reports never disagree.
"""

from __future__ import annotations

import html
from typing import Any

from sim.i18n import STRINGS
from sim.reports.words import (
    data_capped,
    data_ending,
    data_success,
    data_verdict,
    evidence,
    miss_code,
    own_words,
    regraded,
    report_did,
    signed_gap,
    time_limits_note,
)
from sim.text import clean, local_time

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
td.evidence { font-size: .9em; color: var(--muted); } td.evidence a { color: inherit; }
.bar { background: var(--line); border-radius: .25rem; height: .6rem; min-width: 6rem; }
.bar i { display: block; height: 100%; border-radius: .25rem; background: var(--bar); }
.over { color: var(--bad); } .under { color: var(--bar); } .calibrated { color: var(--good); }
ol.turns { padding-left: 0; list-style: none; } .turn { background: var(--card); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
.turn h3 { font-size: 1rem; margin: 0 0 .25rem; } .turn h3 small { color: var(--muted); font-weight: normal; }
.line { margin: .2rem 0; } .who { font-weight: 600; } .narration, .gloss { font-style: italic; color: var(--muted); }
.trainee { border-left: 3px solid var(--bar); padding-left: .5rem; } .feedback { color: var(--muted); }
.better { border-left: 3px solid var(--good); padding-left: .5rem; } .best { color: var(--good); }
svg { width: 100%; height: 6rem; } svg polyline { fill: none; stroke: var(--bad); stroke-width: 2; } svg line { stroke: var(--line); }
@media print { body { max-width: none; } .turn { break-inside: avoid; } }
"""

SPEAKERS = {"client": "speaker.client", "trainee": "speaker.trainee", "gloss": "html.gloss"}  # narration and events go unlabelled


def e(value: Any) -> str:
    # Cleaned first: a trainee's name or a report's text can hold ESC or BEL bytes.
    return html.escape(clean("" if value is None else str(value)), quote=True)


def _num(value: Any) -> str:
    return "—" if value is None else e(value)


class Words:
    """The simulator's words in the report's language, as HTML: the catalogue
    text is escaped, and the fields arrive as HTML already (escaped by the caller)."""

    def __init__(self, lang: str, channel: str | None = None) -> None:
        self.lang = lang
        self.channel = channel  # the scenario's: its own words where the catalogue has them

    def __call__(self, key: str, **fields: str) -> str:
        specific = f"{key}.{self.channel}"
        entry = STRINGS[specific if self.channel and specific in STRINGS else key]
        return e(entry.get(self.lang) or entry["en"]).format(**fields)

    def plain(self, key: str) -> str:
        """The catalogue text itself, for a caller that escapes it."""
        entry = STRINGS[key]
        return entry.get(self.lang) or entry["en"]

    def n(self, key: str, count: int, **fields: str) -> str:
        return self(f"{key}.{'one' if count == 1 else 'other'}", count=e(count), **fields)

    def value(self, prefix: str, value: Any) -> str:
        """A model value (an ending, a grade, a channel) in words, or as it is."""
        return self(f"{prefix}.{value}") if f"{prefix}.{value}" in STRINGS else e(value)


def head(lang: str, title: str, css: str, csp: str = CSP) -> list[str]:
    """The start of a self-contained page up to its styles: nothing may load from anywhere
    (the Content-Security-Policy), nothing is told where it was opened from. `title` is escaped already."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>{css}</style>",
    ]


def render(data: dict[str, Any]) -> str:
    sc, sess = data["scenario"], data["session"]
    lang = sess.get("lang") or "en"
    w = Words(lang, sc.get("channel"))
    out: list[str] = [
        *head(lang, w("html.title", title=e(sc["title"])), CSS),
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(sc['title'])}</h1>",
        '<p class="meta">' + "".join(f"<span>{part}</span>" for part in _meta(data, w)) + "</p>",
        "</header>",
    ]
    if sc.get("content_changed"):
        out.append(
            f'<p class="notice" role="note"><b>{w("html.changed_head")}</b> '
            f"{w('html.changed_rest', old=e(sc['played_hash']), new=e(sc['content_hash']))}</p>"
        )
    again = regraded(data.get("as_recorded"), w.lang)
    if again is not None:
        out.append(f'<p class="notice" role="note">{e(again)}</p>')
    ending = data_ending(data, w.lang)
    verdict = e(data_success(data, w.lang))
    out += [
        '<section class="headline">',
        f'<div class="stat">{w("html.overall")}<b>{_num(data["overall"])}</b>{w.value("grade", data["grade"])}</div>',
        f'<div class="stat">{w("html.ending")}<b>{ending}</b>{verdict}</div>',
    ]
    passing = data_verdict(data, w.lang)
    if passing is not None:
        out.append(f'<div class="stat">{w("html.result")}<b>{e(w.plain("html.passed" if data.get("passed") else "html.not_passed"))}</b>{e(passing)}</div>')
    cal = data.get("calibration") or {}
    if cal.get("rated"):
        out.append(f'<div class="stat">{w("html.gap")}<b>{e(signed_gap(cal["mean_gap"], w.lang))}</b>{w.n("html.gap_mean", cal["rated"])}</div>')
    out.append("</section>")
    why = data_capped(data, w.lang)
    if why is not None:
        out.append(f'<p class="notice">{w("html.capped", uncapped=e(data["uncapped"]), why=e(why))}</p>')

    if data["critical_misses"]:
        out.append(f"<h2>{w('report.misses')}</h2><ul>")
        for m in data["critical_misses"]:
            code = miss_code(m)
            reason = w(f"miss.{code}") if code else e(m["reason"])
            out.append(f'<li class="miss">{w("report.miss", turn=e(m["turn"]), principle=e(m["principle_name"]), reason=reason)}</li>')
        out.append("</ul>")

    out += _principles(data, w)
    out += _timeline(data["tension"], int(sc.get("threat_threshold") or 75), w)
    out += _turns(data, w)
    if data["reflections"]:
        out.append(f"<h2>{w('report.reflection')}</h2><dl>")
        for r in data["reflections"]:
            out.append(f"<dt>{e(r['prompt'])}</dt><dd>{e(r['answer'])}</dd>")
        out.append("</dl>")
    footer = w("html.footer", id=f"<code>{e(sc['id'])}</code>", hash=e(sc["content_hash"] or "—"), seed=e(sess["seed"]))
    out += ["<footer>", f'<p class="meta">{footer}</p>', "</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _meta(data: dict[str, Any], w: Words) -> list[str]:
    sc, sess = data["scenario"], data["session"]
    parts = [w("html.client", value=e(sc["client"])), w("html.channel", value=w.value("channel", sc["channel"]))]
    if sc.get("subject"):
        parts.append(w("email.subject") + ": " + e(sc["subject"]))
    if sess.get("trainee"):
        parts.append(w("html.trainee", value=e(sess["trainee"])))
    if sess.get("started"):
        # The reader may be in another time zone than the trainee: the offset says which one.
        parts.append(w("html.played_at", value=e(local_time(sess["started"], zone=True))))
    if sess.get("mode"):
        parts.append(w("html.mode", value=w.value("mode", sess["mode"])))
    if sess.get("id"):
        parts.append(w("html.session", value=e(sess["id"])))
    limits = time_limits_note(sess.get("time_limits"), w.lang)
    if limits is not None:
        parts.append(e(limits))
    return parts


def _principles(data: dict[str, Any], w: Words) -> list[str]:
    out = [
        f"<h2>{w('report.principles')}</h2>",
        "<table>",
        f'<thead><tr><th>{w("html.col.principle")}</th><th class="num">{w("html.col.score")}</th><th></th>'
        f'<th class="num">{w("html.col.self")}</th><th class="num">{w("html.col.gap")}</th><th class="num">{w("html.col.points")}</th>'
        f"<th>{w('html.col.turns')}</th></tr></thead><tbody>",
    ]
    for p in data["principles"]:
        goal = f" <small>{w('report.goal')}</small>" if p["goal"] else ""
        width = 0 if p["score"] is None else max(0, min(100, int(p["score"])))
        bar = f'<div class="bar" role="img" aria-label="{w("html.bar", score=e(width))}"><i style="width:{width}%"></i></div>' if p["score"] is not None else ""
        rating = "—" if p["self_rating"] is None else f"{e(p['self_rating'])}/5 ({e(p['self_score'])})"
        gap = "—"
        if p["gap"] is not None:
            words = w(f"html.{p['calibration']}")
            gap = f'<span class="{e(p["calibration"])}">{e(signed_gap(p["gap"], w.lang))} {words}</span>'
        out.append(
            f"<tr><td>{e(p['name'])}{goal}</td><td class=\"num\">{_num(p['score'])}</td><td>{bar}</td>"
            f"<td class=\"num\">{rating}</td><td class=\"num\">{gap}</td><td class=\"num\">{e(p['earned'])}/{e(p['possible'])}</td>"
            f"<td class=\"evidence\">{_evidence(p.get('evidence') or [], w)}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(f'<p class="meta">{w("html.scale")}</p>')
    return out


def _evidence(items: list[dict[str, Any]], w: Words) -> str:
    """The turns behind a principle's score, each linked to its turn below."""
    if not items:
        return e(evidence([], w.lang))
    return "; ".join(f'<a href="#turn-{e(item.get("turn"))}">{e(evidence([item], w.lang))}</a>' for item in items)


def _timeline(values: list[int], threat: int, w: Words) -> list[str]:
    if len(values) < 2:
        return []
    width, height = 100 * (len(values) - 1), 100
    points = " ".join(f"{i * 100},{height - v}" for i, v in enumerate(values))
    shown = e(" → ".join(map(str, values)))
    return [
        f"<h2>{w('html.tension')}</h2>",
        f'<svg viewBox="0 -2 {width} {height + 4}" preserveAspectRatio="none" role="img" aria-label="{w("html.tension_label", values=shown)}">',
        f'<line x1="0" y1="{height - threat}" x2="{width}" y2="{height - threat}" stroke-dasharray="4 4"/>',
        f'<polyline points="{points}" vector-effect="non-scaling-stroke"/>',
        "</svg>",
        f'<p class="meta">{shown} {w("html.threshold", threat=e(threat))}</p>',
    ]


def _turns(data: dict[str, Any], w: Words) -> list[str]:
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for line in data["transcript"]:
        by_turn.setdefault(line["turn"], []).append(line)
    out = [f"<h2>{w('html.turns')}</h2>", '<ol class="turns">']
    last = len(data["turns"])
    for turn in data["turns"]:
        n = turn["number"]
        before, after = turn["state_before"], turn["state_after"]
        flag = f' <span class="miss">{w("turn.critical")}</span>' if turn["critical"] else ""
        took = ", " + w("html.seconds", seconds=e(f"{turn['ms'] / 1000:.1f}")) if isinstance(turn.get("ms"), int) else ""
        state = w(
            "report.state",
            tension_before=e(before.get("tension")),
            tension_after=e(after.get("tension")),
            trust_before=e(before.get("trust")),
            trust_after=e(after.get("trust")),
        )
        out.append(f'<li class="turn" id="turn-{e(n)}"><h3>{w("turn.heading", turn=e(n))}{flag} <small>{state}{took}</small></h3>')
        out += [_line(line, w) for line in by_turn.get(n, []) if line["speaker"] != "trainee"]
        out.append(f'<p class="line trainee"><span class="who">{w("speaker.trainee")}:</span> {report_did(turn, w, e)}</p>')
        if turn.get("typed"):
            typed = turn["typed"]
            out.append(f'<p class="line typed">{e(own_words(typed["text"], typed["understood"], turn["choice_id"], w.lang))}</p>')
        if turn["feedback"]:
            out.append(f'<p class="line feedback">{w("report.feedback", text=e(turn["feedback"]))}</p>')
        if turn["better"]:
            out.append(f'<p class="line better"><span class="who">{w("turn.better")}:</span> {report_did(turn["better"], w, e)}</p>')
        elif turn["was_best"]:
            out.append(f'<p class="line best">✓ {w("turn.best")}</p>')
        out.append("</li>")
    tail = [line for line in data["transcript"] if line["turn"] > last]
    if tail:
        out.append(f'<li class="turn"><h3>{w("html.end")}</h3>' + "".join(_line(line, w) for line in tail) + "</li>")
    out.append("</ol>")
    return out


def _line(line: dict[str, Any], w: Words) -> str:
    speaker = line["speaker"]
    key = SPEAKERS.get(speaker)
    who = e(line["name"]) if line.get("name") else w(key) if key else None
    label = f'<span class="who">{who}:</span> ' if who else ""
    return f'<p class="line {e(speaker)}">{label}{e(line["text"])}</p>'

