"""The class view as CSV and as one HTML file (sim.reports.class_files): a
hand-made view of a small class, two of whose trainees have hostile names."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from sim.i18n import STRINGS, t
from sim.reports import class_files
from sim.reports.class_files import COLUMNS, CSP, SECTIONS, STATUSES, spreadsheet_safe, to_csv, to_html

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'


def brief(session: str, scenario: str, started: str, mode: str, overall: int, passed: bool) -> dict[str, Any]:
    return {"session": session, "scenario": scenario, "started": started, "mode": mode, "overall": overall, "passed": passed}


def cell(n: int = 0, latest: int | None = None, mean: float | None = None, trend: int | None = None, gap: float | None = None) -> dict[str, Any]:
    return {"n": n, "latest": latest, "mean": mean, "trend": trend, "gap": gap}


def make_view() -> dict[str, Any]:
    return {
        "format": "encounter-sim.class",
        "version": 1,
        "source": "history",
        "generated": "2026-03-02T09:30:00+02:00",
        "class": "Evening desk",
        "sessions": 3,
        "principles": [{"id": "no-shaming", "name": "No shaming"}, {"id": "call-help-early", "name": "Call for help early"}],
        "trainees": [
            {
                "name": SCRIPT,
                "sessions": 2,
                "passed": 1,
                "first": brief("s1", "aggressive-desk", "2026-03-01T08:00:00+00:00", "practice", 80, True),
                "last": brief("s2", "aggressive-desk", "2026-03-01T09:00:00+00:00", "assessment", 68, False),
                "change": -12,
            },
            {
                "name": FORMULA,
                "sessions": 1,
                "passed": 0,
                "first": brief("s3", "stressed-phone", "2026-03-01T10:00:00+00:00", "practice", 45, False),
                "last": None,
                "change": None,
            },
            {"name": "Aino", "sessions": 0, "passed": 0, "first": None, "last": None, "change": None},
        ],
        "grid": {
            SCRIPT: {"no-shaming": cell(2, 63, 69.5, -12, 12.5), "call-help-early": cell(1, 90, 90.0)},
            FORMULA: {"no-shaming": cell(1, 40, 40.0, None, -5.0), "call-help-early": cell()},
            "Aino": {"no-shaming": cell(), "call-help-early": cell()},
        },
        "assignments": [
            {
                "scenario": "aggressive-desk",
                "title": "At the desk",
                "due": "2026-03-01",
                "pass": 70,
                "mode": "assessment",
                "done": 1,
                "of": 3,
                "trainees": {
                    SCRIPT: {"status": "done", "attempts": 2, "best": 80, "done": "2026-03-01T08:00:00+00:00", "late": False, "overdue": False},
                    FORMULA: {"status": "tried", "attempts": 1, "best": 45, "done": None, "late": False, "overdue": True},
                    "Aino": {"status": "not-started", "attempts": 0, "best": None, "done": None, "late": False, "overdue": True},
                },
            }
        ],
        "missed": [
            {
                "scenario": "aggressive-desk",
                "title": "At the desk",
                "node": "opening",
                "turns": 3,
                "missed": 2,
                "share": 0.67,
                "instead": [{"response": "argue", "say": "-That is not my problem.", "times": 1}, {"response": "help", "say": "help", "times": 1}],
                "better": [{"response": "notice", "say": "I can see this matters to you."}],
            }
        ],
    }


@pytest.fixture
def view() -> dict[str, Any]:
    return make_view()


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def by_column(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def filled(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if v != ""}


# --- CSV ------------------------------------------------------------------------------


def test_csv_parses_back_into_one_tidy_table(view):
    text = to_csv(view, "en")
    rows = parse_csv(text)
    assert rows[0] == [t(f"class.files.col.{c}", "en") for c in COLUMNS]
    assert rows[0][0] == "Section" and len({len(r) for r in rows}) == 1
    records = [filled(r) for r in by_column(rows)]
    section = {s: t(f"class.files.section.{s}", "en") for s in SECTIONS}
    assert [r["section"] for r in records] == [section["grid"]] * 6 + [section["attempts"]] * 3 + [section["assignment"]] * 3 + [section["missed"]]
    first = {"section": section["grid"], "trainee": SCRIPT, "principle_id": "no-shaming", "principle": "No shaming", "sessions": "2"}
    assert records[0] == first | {"latest": "63", "mean": "69.5", "trend": "-12", "gap": "12.5"}
    assert records[1] == {
        "section": section["grid"],
        "trainee": SCRIPT,
        "principle_id": "call-help-early",
        "principle": "Call for help early",
        "sessions": "1",
        "latest": "90",
        "mean": "90.0",
    }
    assert records[2] == {
        "section": section["grid"],
        "trainee": "'" + FORMULA,
        "principle_id": "no-shaming",
        "principle": "No shaming",
        "sessions": "1",
        "latest": "40",
        "mean": "40.0",
        "gap": "-5.0",
    }
    # Where a principle was not tested, the row says so with 0 sessions and no scores.
    assert records[5] == {"section": section["grid"], "trainee": "Aino", "principle_id": "call-help-early", "principle": "Call for help early", "sessions": "0"}
    assert records[6] == {
        "section": section["attempts"],
        "trainee": SCRIPT,
        "sessions": "2",
        "passed": "1",
        "first_scenario": "aggressive-desk",
        "first_score": "80",
        "last_scenario": "aggressive-desk",
        "last_score": "68",
        "change": "-12",
    }
    assert records[7] == {
        "section": section["attempts"],
        "trainee": "'" + FORMULA,
        "sessions": "1",
        "passed": "0",
        "first_scenario": "stressed-phone",
        "first_score": "45",
    }
    assert records[8] == {"section": section["attempts"], "trainee": "Aino", "sessions": "0", "passed": "0"}
    common = {"section": section["assignment"], "scenario": "aggressive-desk", "title": "At the desk", "due": "2026-03-01", "pass": "70"}
    assert records[9] == common | {"trainee": SCRIPT, "status": "done", "attempts": "2", "best": "80", "done": "2026-03-01T08:00:00+00:00", "late": "no", "overdue": "no"}
    assert records[10] == common | {"trainee": "'" + FORMULA, "status": "tried", "attempts": "1", "best": "45", "late": "no", "overdue": "yes"}
    assert records[11] == common | {"trainee": "Aino", "status": "not started", "attempts": "0", "late": "no", "overdue": "yes"}
    assert records[12] == {
        "section": section["missed"],
        "scenario": "aggressive-desk",
        "title": "At the desk",
        "node": "opening",
        "turns": "3",
        "missed": "2",
        "share": "0.67",
        "instead": "'-That is not my problem.",
        "better": "I can see this matters to you.",
    }


def test_csv_has_crlf_line_ends_and_no_byte_order_mark(view):
    text = to_csv(view, "en")
    assert text.endswith("\r\n") and text.count("\r\n") == len(parse_csv(text))
    assert "\n" not in text.replace("\r\n", "") and not text.startswith(class_files.BOM)


def test_the_formula_name_is_neutralised(view):
    text = to_csv(view, "en")
    assert '"\'=HYPERLINK(""http://x"")"' in text
    assert not re.search(r'(^|,)"?=', text, re.M), "a cell starts with ="


def test_negative_numbers_stay_numbers(view):
    text = to_csv(view, "en")
    # Written bare, as a spreadsheet reads a number: no apostrophe, no quotes.
    line = next(line for line in text.split("\r\n") if line.startswith("principles,<script>") and "no-shaming" in line)
    assert ",63,69.5,-12,12.5," in line
    assert "'-12" not in text and '"-12"' not in text and ",-5.0," in text
    attempts = by_column(parse_csv(text))[6]
    assert float(attempts["change"]) == -12


@pytest.mark.parametrize(
    "given, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\rx", "'\rx"),
        ("  =1", "'  =1"),
        (" \n=1", "' \n=1"),
        ("Aino", "Aino"),
        ("a=b", "a=b"),
        ("", ""),
        (-12, -12),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_spreadsheet_safe(given, expected):
    assert spreadsheet_safe(given) == expected


def test_a_name_with_a_tab_or_a_carriage_return_before_a_formula(view):
    # Control characters are made visible first (sim.text.clean, as everywhere):
    # a tab becomes spaces, still neutralised; a CR becomes "␍", no formula.
    for name, shown in (("\t=1+1", "'    =1+1"), ("\r=1+1", "␍=1+1"), ("   -2", "'   -2"), ("\u202e=1", "'=1")):
        view["trainees"][2]["name"] = name
        records = by_column(parse_csv(to_csv(view, "en")))
        assert records[8]["trainee"] == shown, name


def test_csv_in_finnish(view):
    rows = parse_csv(to_csv(view, "fi"))
    assert rows[0][:3] == ["Osio", "Harjoittelija", "Periaatteen tunniste"]
    records = by_column(rows)
    assert {r["section"] for r in records} == {"periaatteet", "ensimmäinen ja viimeisin yritys", "tehtävät", "ohi menneet valinnat"}
    assert [r["status"] for r in records if r["status"]] == ["tehty", "yritetty", "aloittamatta"]
    assert [r["overdue"] for r in records if r["overdue"]] == ["ei", "kyllä", "kyllä"]
    # Numbers keep their decimal point in every language: the file is data.
    assert records[0]["mean"] == "69.5" and records[12]["share"] == "0.67"


def test_help_and_timeout_are_named_in_words(view):
    view["missed"][0]["instead"] = [{"response": "timeout", "say": "timeout", "times": 2}]
    view["missed"][0]["better"] = [{"response": "help", "say": "help"}]
    record = by_column(parse_csv(to_csv(view, "fi")))[12]
    assert (record["instead"], record["better"]) == ("ei vastausta ajoissa", "avun hälyttäminen")


# --- HTML ------------------------------------------------------------------------------


class Structure(HTMLParser):
    """Open and close tags, checked as they come: what a browser would have to guess at."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def structure(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def test_html_is_well_formed(view):
    for lang in ("en", "fi"):
        page = to_html(view, lang)
        parsed = structure(page)
        assert parsed.problems == [] and parsed.stack == []
        for tag in ("table", "thead", "tbody", "tr", "th", "td", "ul", "li", "section", "article"):
            assert page.count(f"<{tag}>") + page.count(f"<{tag} ") == page.count(f"</{tag}>"), tag
        assert parsed.tags.count("table") == 4 and parsed.tags.count("h1") == 1


def test_html_loads_nothing_and_runs_nothing(view):
    page = to_html(view, "en")
    parsed = structure(page)
    assert "<script" not in page.lower()
    assert not {"script", "link", "img", "iframe", "object", "embed", "svg", "base", "form"} & set(parsed.tags)
    assert not [name for name, _ in parsed.attrs if name in ("src", "href", "srcset", "action", "style") or name.startswith("on")]
    assert "url(" not in page and "@import" not in page
    # The only http:// is in the trainee's name, shown as text.
    assert "=HYPERLINK(&quot;http://x&quot;)" in page and not re.search(r"https?://", page.replace("=HYPERLINK(&quot;http://x&quot;)", ""))
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#x27;")}">' in page
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'"


def test_html_escapes_every_text_from_the_view(view):
    view["class"] = "<b>class</b>"
    view["missed"][0]["title"] = '<img src="x">'
    view["missed"][0]["instead"][0]["say"] = "<i>rude</i>"
    view["assignments"][0]["title"] = "</table>"
    view["principles"][0]["name"] = "<u>No shaming</u>"
    page = to_html(view, "en")
    for raw in ("<b>class</b>", '<img src="x">', "<i>rude</i>", "<u>No shaming</u>"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;class&lt;/b&gt;" in page
    assert "&lt;/table&gt;" in page and structure(page).problems == []
    assert "<title>&lt;b&gt;class&lt;/b&gt; — class view</title>" in page


def test_html_shows_the_grid_figures(view):
    page = to_html(view, "en")
    assert '<html lang="en">' in page and "<h1>Evening desk</h1>" in page
    assert "Source: this machine&#x27;s history" in page and "Made <time" in page and "2026-03-02 09:30 (UTC+02:00)" in page
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page.split("</table>")[0])
    assert len(rows) == 3
    script, formula, aino = rows
    assert '<td class="cell satisfactory"><b>63</b><small>satisfactory</small><small>mean 69.5 · 2 sessions</small>' in script
    assert "trend -12" in script and "gap +12.5" in script and "rated themselves higher" in script
    assert '<td class="cell excellent"><b>90</b><small>excellent</small><small>mean 90 · 1 session</small></td>' in script
    assert '<td class="cell needs-practice"><b>40</b>' in formula and "gap -5" in formula and "close to the score" in formula
    assert formula.count("cell untested") == 1 and aino.count("cell untested") == 2 and aino.count("—") == 2
    assert "not tested yet" in aino
    # The bands are in words as well as colours, and the legend gives their ranges.
    assert "85–100 excellent" in page and "0–49 needs practice" in page


def test_html_first_and_last_attempts(view):
    page = to_html(view, "en")
    section = page.split("<h2>First and last attempt</h2>")[1].split("</section>")[0]
    assert '<span class="down">▼ -12</span>' in section
    # Times are shown in the zone the view was made in (+02:00).
    assert "<b>80</b> <code>aggressive-desk</code>" in section and "2026-03-01 10:00" in section and "practice · passed" in section
    assert "<b>68</b>" in section and "assessment · not passed" in section
    assert "the only one so far" in section


def test_html_assignments_with_every_status(view):
    view["assignments"].append(dict(view["assignments"][0], scenario="stressed-phone", title="On the phone", due=None, mode=None, trainees={}))
    view["assignments"][0]["trainees"][SCRIPT]["late"] = True
    page = to_html(view, "en")
    section = page.split("<h2>Assignments</h2>")[1].split("</section>")[0]
    assert "<h3>At the desk <small><code>aggressive-desk</code></small></h3>" in section
    assert "Due <time" in section and "Pass mark 70" in section and "Mode: assessment" in section and "<b>1 of 3 done</b>" in section
    assert '<span class="status done">✓ done</span><span class="late">done late</span>' in section
    assert '<span class="status tried">◐ tried</span><span class="late">overdue</span>' in section
    assert '<span class="status not-started">○ not started</span><span class="late">overdue</span>' in section
    assert "It is for nobody in this class." in section


def test_html_most_missed_choices(view):
    page = to_html(view, "en")
    section = page.split("<h2>Most-missed choices</h2>")[1].split("</section>")[0]
    assert "At the desk<small><code>aggressive-desk</code> › <code>opening</code></small>" in section
    assert "2 of 3 (67%)" in section
    assert "<li>“-That is not my problem.” <small>once</small></li><li>a call for help <small>once</small></li>" in section
    assert "<li>“I can see this matters to you.”</li>" in section


def test_html_in_finnish(view):
    page = to_html(view, "fi")
    assert '<html lang="fi">' in page
    for words in (
        "Tulokset harjoittelijoittain ja periaatteittain",
        '<th scope="col">Harjoittelija</th>',
        "ka. 69,5 · 2 harjoituskertaa",
        "ero +12,5",
        "Ensimmäinen ja viimeisin yritys",
        "1.3.2026 klo 10.00",
        "2.3.2026 klo 09.30 (UTC+02:00)",
        "Lähde: tämän koneen historia",
        "○ aloittamatta",
        "<b>1/3 tehty</b>",
        'Määräpäivä <time datetime="2026-03-01">1.3.2026</time>',
        "Useimmin ohi menneet valinnat",
        "2/3 (67\u00a0%)",
        "avun hälyttäminen",
        "85–100 erinomainen",
    ):
        assert words in page, words
    assert "Scores per trainee" not in page and structure(page).problems == []


def test_an_empty_class():
    view = {
        "format": "encounter-sim.class",
        "version": 1,
        "source": "reports",
        "generated": "2026-03-02T07:30:00+00:00",
        "class": None,
        "sessions": 0,
        "principles": [],
        "trainees": [],
        "grid": {},
        "assignments": [],
        "missed": [],
    }
    assert parse_csv(to_csv(view, "en")) == [[t(f"class.files.col.{c}", "en") for c in COLUMNS]]
    page = to_html(view, "en")
    assert "<h1>Class view</h1>" in page and "(UTC)" in page and "trainees&#x27; JSON reports" in page
    assert "No principle has been scored yet." in page and "No trainees yet." in page and "No judged turn has missed" in page
    assert "<h2>Assignments</h2>" not in page and structure(page).problems == []


def test_both_render_a_view_loaded_back_from_json(view):
    loaded = json.loads(json.dumps(view))
    for lang in ("en", "fi"):
        assert to_csv(loaded, lang) == to_csv(view, lang)
        assert to_html(loaded, lang) == to_html(view, lang)


def test_the_view_is_not_changed(view):
    before = copy.deepcopy(view)
    to_csv(view, "en"), to_html(view, "fi")
    assert view == before


def test_every_word_is_in_the_catalogue_in_both_languages():
    source = Path(class_files.__file__).read_text(encoding="utf-8")
    literal = set(re.findall(r"\"(class\.files\.[a-z_.-]+[a-z_])\"", source))
    built = {f"class.files.col.{c}" for c in COLUMNS} | {f"class.files.section.{s}" for s in SECTIONS} | {f"class.files.status.{s}" for s in STATUSES}
    built |= {f"class.files.{c}" for c in ("calibrated", "over", "under", "help", "timeout")} | {
        f"class.files.source.{s}" for s in ("history", "reports", "lrs")
    }
    plural = {f"class.files.{k}.{n}" for k in ("trainees", "sessions", "times") for n in ("one", "other")}
    assert len(literal) > 30
    missing = sorted(k for k in literal | built | plural if k not in STRINGS and f"{k}.one" not in STRINGS)
    assert missing == []
    for key in {k for k in STRINGS if k.startswith("class.files.")}:
        assert set(STRINGS[key]) == {"en", "fi"} and all(STRINGS[key].values()), key
