"""The class view (sim.reports.classview) as files to hand on: CSV for a
spreadsheet, and one self-contained HTML page to open, print or mail.

Both read only the view's dict, so they render a view loaded back from
`sim class --format json` exactly as a fresh one. Trainees' names and the
titles and lines of scenarios arrive from trainees' reports or an LRS, and
are untrusted: the CSV neutralises what a spreadsheet would run as a formula,
the HTML escapes everything and, like sim.reports.html, loads nothing
(no scripts, fonts, images or styles from anywhere, and a
Content-Security-Policy that forbids them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from sim.core.scoring import GRADES, grade_for
from sim.core.self_rating import calibration
from sim.i18n import STRINGS, decimal_text, t
from sim.reports.html import Words, e, head
from sim.text import clean, zone_name

CSP = "default-src 'none'; style-src 'unsafe-inline'"

# Excel opens a UTF-8 file without a byte order mark as the machine's legacy
# code page (ä and ö come out as Ã¤ and Ã¶), and LibreOffice, Google Sheets and
# Python's "utf-8-sig" all skip the mark: the CLI writes BOM + to_csv(...) to a
# file. Not to a terminal or a pipe, where the mark is an odd leading character.
BOM = "\ufeff"

# One header for every section, so a pivot table sees one table; each row
# fills the columns of its section and leaves the others empty. A column two
# sections share means the same thing in both (the trainee, the scenario id,
# the scenario's title, a count of sessions).
COLUMNS = (
    "section",
    "trainee",
    "principle_id",
    "principle",
    "sessions",  # grid: the sessions that tested the principle; attempts: all the trainee's sessions
    "latest",
    "mean",
    "trend",
    "gap",
    "passed",
    "first_scenario",
    "first_score",
    "last_scenario",
    "last_score",
    "change",
    "scenario",
    "title",
    "due",
    "pass",
    "status",
    "attempts",
    "best",
    "done",
    "late",
    "overdue",
    "node",
    "turns",
    "missed",
    "share",
    "instead",
    "better",
)
SECTIONS = ("grid", "attempts", "assignment", "missed")
STATUSES = ("done", "tried", "not-started")

# OWASP "CSV injection": a cell starting with one of these is a formula (or,
# for TAB and CR, can shift a following character into the first place).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell as a spreadsheet may show it: text that would start a formula gets
    a leading apostrophe (which the spreadsheet hides); numbers are left alone,
    since `-12` is a number a pivot table sums, not a formula."""
    if not isinstance(value, str):
        return value
    # Spreadsheets differ in the whitespace they skip before a formula: any at all counts.
    if value.lstrip(" ").startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START[:4]):
        return "'" + value
    return value


# --- CSV ------------------------------------------------------------------------------------


def csv_rows(view: Mapping[str, Any], lang: str) -> list[list[Any]]:
    """The CSV's rows, the header first: every figure of the view in one tidy table."""

    def row(section: str, **cells: Any) -> list[Any]:
        # `pass` is a keyword, so that column arrives as `pass_`.
        cells = {k.rstrip("_"): v for k, v in cells.items()} | {"section": t(f"class.files.section.{section}", lang)}
        return [cells.get(column) for column in COLUMNS]

    rows: list[list[Any]] = [[t(f"class.files.col.{column}", lang) for column in COLUMNS]]
    principles = view.get("principles") or []
    grid = view.get("grid") or {}
    for person in view.get("trainees") or []:
        name = person["name"]
        for p in principles:
            cell = (grid.get(name) or {}).get(p["id"]) or {}
            rows.append(
                row(
                    "grid",
                    trainee=name,
                    principle_id=p["id"],
                    principle=p["name"],
                    sessions=cell.get("n", 0),
                    latest=cell.get("latest"),
                    mean=cell.get("mean"),
                    trend=cell.get("trend"),
                    gap=cell.get("gap"),
                )
            )
    for person in view.get("trainees") or []:
        first, last = person.get("first") or {}, person.get("last") or {}
        rows.append(
            row(
                "attempts",
                trainee=person["name"],
                sessions=person.get("sessions", 0),
                passed=person.get("passed", 0),
                first_scenario=first.get("scenario"),
                first_score=first.get("overall"),
                last_scenario=last.get("scenario"),
                last_score=last.get("overall"),
                change=person.get("change"),
                gap=person.get("gap"),
            )
        )
    for item in view.get("assignments") or []:
        for name, status in (item.get("trainees") or {}).items():
            rows.append(
                row(
                    "assignment",
                    trainee=name,
                    scenario=item["scenario"],
                    title=item.get("title"),
                    due=item.get("due"),
                    pass_=item.get("pass"),
                    status=_status_word(status.get("status"), lang),
                    attempts=status.get("attempts", 0),
                    best=status.get("best"),
                    done=status.get("done"),
                    late=t("class.files.yes" if status.get("late") else "class.files.no", lang),
                    overdue=t("class.files.yes" if status.get("overdue") else "class.files.no", lang),
                )
            )
    for node in view.get("missed") or []:
        instead, better = node.get("instead") or [], node.get("better") or []
        rows.append(
            row(
                "missed",
                scenario=node["scenario"],
                title=node.get("title"),
                node=node["node"],
                turns=node.get("turns"),
                missed=node.get("missed"),
                share=node.get("share"),
                # One value per cell, for a pivot table: the most taken, and the
                # most often named best option (the HTML lists them all).
                instead=_option(instead[0], lang) if instead else None,
                better=_option(better[0], lang) if better else None,
            )
        )
    return rows


def to_csv(view: Mapping[str, Any], lang: str) -> str:
    """The class view as CSV (RFC 4180: commas, `\\r\\n`), its words in `lang`.

    Numbers are written as numbers with a decimal point (72.5) whatever the
    language, so every spreadsheet reads them as numbers. Write the text with
    `newline=""` (or as bytes), so the line ends stay `\\r\\n`; see BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for r in csv_rows(view, lang):
        writer.writerow([spreadsheet_safe(clean(v) if isinstance(v, str) else v) for v in r])
    return buffer.getvalue()


def _status_word(status: Any, lang: str) -> str:
    key = f"class.files.status.{status}"
    return t(key, lang) if key in STRINGS else clean(str(status))


def _option(option: Mapping[str, Any], lang: str) -> str:
    """An option a trainee took or missed, as words: its line, or what calling
    for help or letting the time run out is called."""
    response, say = option.get("response"), option.get("say")
    if response in ("help", "timeout") and say in (None, "", response):
        return t(f"class.files.{response}", lang)
    return str(say or response or "")


# --- HTML -----------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #5f6368; --line: #d9dce1; --card: #f6f7f9;
  --good: #1b7f3b; --bad: #b3261e; --warn-bg: #fff4ce;
  --excellent: #c9ead3; --good-bg: #e4f2cf; --satisfactory: #fbecb8; --needs-practice: #f8d3ce; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --bg: #161718; --muted: #a0a4aa; --line: #3a3d42; --card: #222427;
  --good: #6fd08c; --bad: #f28b82; --warn-bg: #4a3c10;
  --excellent: #1e4a2b; --good-bg: #33461e; --satisfactory: #4a3d12; --needs-practice: #5c2521; } }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  max-width: 75rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; } h3 small { color: var(--muted); font-weight: normal; }
.meta { color: var(--muted); margin: 0 0 .5rem; } .meta span + span::before { content: " · "; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td small { display: block; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.grid th[scope="row"] { position: sticky; left: 0; background: var(--bg); }
td.cell { text-align: center; min-width: 6.5rem; font-variant-numeric: tabular-nums; border: 2px solid var(--bg); }
td.cell b { display: block; font-size: 1.5rem; line-height: 1.2; } td.cell small { color: inherit; font-size: .78rem; }
td.untested { color: var(--muted); background: var(--card); }
.excellent { background: var(--excellent); } .good { background: var(--good-bg); }
.satisfactory { background: var(--satisfactory); } .needs-practice { background: var(--needs-practice); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; padding: 0; list-style: none; font-size: .9em; }
.legend li { padding: .1rem .5rem; border-radius: .25rem; }
.up { color: var(--good); } .down { color: var(--bad); }
.status { white-space: nowrap; } .status.done { color: var(--good); font-weight: 600; } .status.not-started { color: var(--muted); }
.late { background: var(--warn-bg); border-radius: .25rem; padding: 0 .3rem; margin-left: .3rem; font-size: .85em; white-space: nowrap; }
ul.options { margin: 0; padding-left: 1.1rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) { body { padding: .75rem; font-size: 15px; } td.cell { min-width: 4.5rem; } td.cell b { font-size: 1.25rem; } }
@media print { body { max-width: none; padding: 0; font-size: 10pt; } .scroll { overflow: visible; }
  table.grid th[scope="row"] { position: static; } tr, article { break-inside: avoid; } h2, h3 { break-after: avoid; }
  td.cell, .legend li, .late { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

_MARKS = {"done": "✓", "tried": "◐", "not-started": "○"}  # the status in a shape as well as a colour and a word


def to_html(view: Mapping[str, Any], lang: str) -> str:
    """The class view as one self-contained HTML page in `lang`."""
    w = Words(lang)
    zone = _zone(view.get("generated"))
    name = view.get("class")
    heading = e(name) if name else w("class.files.title")
    page_title = w("class.files.page_title", name=e(name)) if name else w("class.files.title")
    trainees = view.get("trainees") or []
    meta = [
        w("class.files.source", value=w.value("class.files.source", view.get("source"))),
        w("class.files.generated", when=_when(view.get("generated"), zone, lang, with_zone=True)),
        w.n("class.files.trainees", len(trainees)),
        w.n("class.files.sessions", int(view.get("sessions") or 0)),
    ]
    out = [
        *head(lang, page_title, CSS, CSP),
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{heading}</h1>",
        '<p class="meta">' + "".join(f"<span>{part}</span>" for part in meta) + "</p>",
        "</header>",
        "<main>",
    ]
    out += _grid(view, w)
    out += _attempts(trainees, zone, w)
    if view.get("assignments"):
        out += _assignment_sections(view["assignments"], zone, w)
    out += _missed(view.get("missed") or [], w)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _grid(view: Mapping[str, Any], w: Words) -> list[str]:
    principles = view.get("principles") or []
    trainees = view.get("trainees") or []
    out = [f"<section><h2>{w('class.files.grid')}</h2>"]
    if not principles or not trainees:
        return [*out, f'<p class="meta">{w("class.files.grid_none")}</p>', "</section>"]
    out += [
        f'<p class="meta">{w("class.files.grid_legend")}</p>',
        '<ul class="legend">' + "".join(_band_legend(w)) + "</ul>",
        '<div class="scroll"><table class="grid">',
        f'<thead><tr><th scope="col">{w("class.files.col.trainee")}</th>'
        + "".join(f'<th scope="col">{e(p["name"])}</th>' for p in principles)
        + "</tr></thead><tbody>",
    ]
    grid = view.get("grid") or {}
    for person in trainees:
        cells = grid.get(person["name"]) or {}
        out.append(f'<tr><th scope="row">{e(person["name"])}</th>' + "".join(_cell(cells.get(p["id"]), w) for p in principles) + "</tr>")
    out += ["</tbody></table></div>", "</section>"]
    return out


def _band_legend(w: Words) -> list[str]:
    items, top = [], 100
    for floor, grade in GRADES:
        items.append(f'<li class="{_slug(grade)}">{e(floor)}–{e(top)} {w.value("grade", grade)}</li>')
        top = floor - 1
    return items


def _cell(cell: Mapping[str, Any] | None, w: Words) -> str:
    if not cell or cell.get("latest") is None:
        return f'<td class="cell untested"><span aria-hidden="true">—</span><span class="vh">{w("class.files.not_tested")}</span></td>'
    latest = cell["latest"]
    grade = grade_for(latest)
    first = [w("class.files.cell.mean", value=_decimal(cell.get("mean"), w.lang)), w.n("class.files.sessions", int(cell.get("n") or 0))]
    second = []
    if cell.get("trend") is not None:
        second.append(w("class.files.cell.trend", value=_signed(cell["trend"], w.lang)))
    if cell.get("gap") is not None:
        judged = calibration(cell["gap"])
        words = w(f"class.files.{judged}") if judged else ""
        # The sign says it on paper; the words are for a pointer and a screen reader.
        second.append(f'<span title="{words}">{w("class.files.cell.gap", value=_signed(cell["gap"], w.lang))}<span class="vh"> ({words})</span></span>')
    lines = [f"<b>{e(latest)}</b>", f"<small>{w.value('grade', grade)}</small>", f"<small>{' · '.join(first)}</small>"]
    if second:
        lines.append(f"<small>{' · '.join(second)}</small>")
    return f'<td class="cell {_slug(grade)}">{"".join(lines)}</td>'


def _attempts(trainees: Sequence[Mapping[str, Any]], zone: tzinfo | None, w: Words) -> list[str]:
    out = [f"<section><h2>{w('class.files.attempts')}</h2>"]
    if not trainees:
        return [*out, f'<p class="meta">{w("class.files.no_trainees")}</p>', "</section>"]
    out += [
        '<div class="scroll"><table>',
        f'<thead><tr><th scope="col">{w("class.files.col.trainee")}</th><th scope="col" class="num">{w("class.files.col.sessions")}</th>'
        f'<th scope="col" class="num">{w("class.files.col.passed")}</th><th scope="col">{w("class.files.first")}</th>'
        f'<th scope="col">{w("class.files.last")}</th><th scope="col" class="num">{w("class.files.col.change")}</th></tr></thead><tbody>',
    ]
    for person in trainees:
        first, last = person.get("first"), person.get("last")
        only_one = last is None and first is not None
        last_cell = f'<span class="meta">{w("class.files.only_one")}</span>' if only_one else _attempt(last, zone, w)
        out.append(
            f'<tr><th scope="row">{e(person["name"])}</th><td class="num">{e(person.get("sessions", 0))}</td>'
            f'<td class="num">{e(person.get("passed", 0))}</td><td>{_attempt(first, zone, w)}</td><td>{last_cell}</td>'
            f'<td class="num">{_change(person.get("change"), w.lang)}</td></tr>'
        )
    out += ["</tbody></table></div>", "</section>"]
    return out


def _attempt(brief: Mapping[str, Any] | None, zone: tzinfo | None, w: Words) -> str:
    if not brief:
        return "—"
    score = "—" if brief.get("overall") is None else e(brief["overall"])
    passed = w("html.passed" if brief.get("passed") else "html.not_passed")
    details = [_when(brief.get("started"), zone, w.lang), w.value("mode", brief["mode"]) if brief.get("mode") else "", passed]
    return f"<b>{score}</b> <code>{e(brief.get('scenario'))}</code><small>{' · '.join(d for d in details if d)}</small>"


def _change(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if not value:
        return f'<span class="same">{_signed(value, lang)}</span>'
    # An arrow as well as the colour, for a print in black and white.
    mark, style = ("▲", "up") if value > 0 else ("▼", "down")
    return f'<span class="{style}">{mark} {_signed(value, lang)}</span>'


def _assignment_sections(assignments: Sequence[Mapping[str, Any]], zone: tzinfo | None, w: Words) -> list[str]:
    out = [f"<section><h2>{w('class.files.assignments')}</h2>"]
    for item in assignments:
        meta = []
        if item.get("due"):
            meta.append(w("class.files.due", when=_when(item["due"], zone, w.lang)))
        if item.get("pass") is not None:
            meta.append(w("class.files.pass", score=e(item["pass"])))
        if item.get("mode"):
            meta.append(w("class.files.mode", mode=w.value("mode", item["mode"])))
        meta.append(f"<b>{w('class.files.done_of', done=e(item.get('done', 0)), of=e(item.get('of', 0)))}</b>")
        out += [
            "<article>",
            f"<h3>{e(item.get('title') or item['scenario'])} <small><code>{e(item['scenario'])}</code></small></h3>",
            '<p class="meta">' + "".join(f"<span>{part}</span>" for part in meta) + "</p>",
        ]
        people = item.get("trainees") or {}
        if not people:
            out += [f'<p class="meta">{w("class.files.nobody")}</p>', "</article>"]
            continue
        out += [
            '<div class="scroll"><table>',
            f'<thead><tr><th scope="col">{w("class.files.col.trainee")}</th><th scope="col">{w("class.files.col.status")}</th>'
            f'<th scope="col" class="num">{w("class.files.col.attempts")}</th><th scope="col" class="num">{w("class.files.col.best")}</th>'
            f'<th scope="col">{w("class.files.col.done")}</th></tr></thead><tbody>',
        ]
        for name, status in people.items():
            out.append(
                f'<tr><th scope="row">{e(name)}</th><td>{_status(status, w)}</td><td class="num">{e(status.get("attempts", 0))}</td>'
                f'<td class="num">{"—" if status.get("best") is None else e(status["best"])}</td>'
                f"<td>{_when(status.get('done'), zone, w.lang) if status.get('done') else '—'}</td></tr>"
            )
        out += ["</tbody></table></div>", "</article>"]
    out.append("</section>")
    return out


def _status(status: Mapping[str, Any], w: Words) -> str:
    state = str(status.get("status"))
    mark = _MARKS.get(state)
    word = w(f"class.files.status.{state}") if mark else e(state)
    shown = f'<span class="status {e(state)}">{mark + " " if mark else ""}{word}</span>'
    if status.get("late") or status.get("overdue"):
        shown += f'<span class="late">{w("class.files.late" if status.get("late") else "class.files.overdue")}</span>'
    return shown


def _missed(nodes: Sequence[Mapping[str, Any]], w: Words) -> list[str]:
    out = [f"<section><h2>{w('class.files.missed')}</h2>"]
    if not nodes:
        return [*out, f'<p class="meta">{w("class.files.missed_none")}</p>', "</section>"]
    out += [
        f'<p class="meta">{w("class.files.missed_intro")}</p>',
        '<div class="scroll"><table>',
        f'<thead><tr><th scope="col">{w("class.files.col.where")}</th><th scope="col" class="num">{w("class.files.col.missed")}</th>'
        f'<th scope="col">{w("class.files.instead")}</th><th scope="col">{w("class.files.better")}</th></tr></thead><tbody>',
    ]
    for node in nodes:
        share = w("class.files.percent", value=e(round(100 * float(node.get("share") or 0))))
        instead = "".join(
            f"<li>{_option_html(o, w)} <small>{w.n('class.files.times', int(o.get('times') or 0))}</small></li>" for o in node.get("instead") or []
        )
        better = "".join(f"<li>{_option_html(o, w)}</li>" for o in node.get("better") or [])
        out.append(
            f"<tr><td>{e(node.get('title') or node['scenario'])}"
            f"<small><code>{e(node['scenario'])}</code> › <code>{e(node['node'])}</code></small></td>"
            f'<td class="num">{w("class.files.missed_of", missed=e(node.get("missed")), turns=e(node.get("turns")), share=share)}</td>'
            f"<td>{_list(instead)}</td><td>{_list(better)}</td></tr>"
        )
    out += ["</tbody></table></div>", "</section>"]
    return out


def _list(items: str) -> str:
    return f'<ul class="options">{items}</ul>' if items else "—"


def _option_html(option: Mapping[str, Any], w: Words) -> str:
    text = _option(option, w.lang)
    if option.get("response") in ("help", "timeout") and text == t(f"class.files.{option['response']}", w.lang):
        return e(text)
    return w("report.said", text=e(text))


# --- numbers and times in the page's language ---------------------------------------------------


def _slug(grade: str) -> str:
    return grade.replace(" ", "-")


def _decimal(value: Any, lang: str) -> str:
    return "—" if value is None else e(decimal_text(f"{value:g}", lang))


def _signed(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    return e(decimal_text(f"{value:+g}", lang) if value else "±0")


def _zone(generated: Any) -> tzinfo | None:
    """The zone the view was made in: every time on the page is shown in it."""
    try:
        return datetime.fromisoformat(str(generated)).tzinfo
    except ValueError:
        return None


def _when(stamp: Any, zone: tzinfo | None, lang: str, *, with_zone: bool = False) -> str:
    """A date or a time as `lang` writes it, in `zone`, with the exact stamp kept in `datetime`."""
    if not stamp:
        return "—"
    text = str(stamp)
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            shown = f"{day.day}.{day.month}.{day.year}" if lang == "fi" else day.isoformat()
        else:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is not None and zone is not None:
                moment = moment.astimezone(zone)
            shown = f"{moment.day}.{moment.month}.{moment.year} klo {moment:%H.%M}" if lang == "fi" else f"{moment:%Y-%m-%d %H:%M}"
            if with_zone and moment.utcoffset() is not None:
                shown += f" ({zone_name(moment)})"
    except (ValueError, OverflowError):  # a time at the ends of the calendar, from a report handed in
        return e(text)
    return f'<time datetime="{e(text)}">{e(shown)}</time>'

