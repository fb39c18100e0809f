"""`sim history`: past sessions and progress per principle over time."""

from __future__ import annotations

import argparse
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from sim.cli.output import print_json
from sim.console import console, literal, ui_lang, word
from sim.content.locate import dialogue_dirs
from sim.core.self_rating import mean_gap
from sim.errors import EXIT_OK, UserError
from sim.i18n import t
from sim.reports.trend import SPARK_POINTS, spark_points, sparkline
from sim.reports.words import passed_mark, passed_word, signed_gap
from sim.session.history import CalibrationPoint, ProgressPoint, Store, import_journals
from sim.text import local_time, localize


def open_history(args: argparse.Namespace) -> Store:
    """The store, with finished journals brought in first, so sessions played
    by a front end that only journals show up too."""
    err = console(stderr=True)
    lang = ui_lang(args)

    def warn(problem: UserError) -> None:
        err.print(literal(t("cli.history.damaged", lang, problem=problem.format(lang))), soft_wrap=True)

    store = Store(on_damage=warn)
    try:
        result = import_journals(store, extra_dirs=dialogue_dirs(args))
    except BaseException:
        store.close()
        raise
    for damage in result.damage:
        warn(damage)
    if result.skipped:
        err.print(literal(t("cli.history.skipped", lang, count=len(result.skipped))), soft_wrap=True)
        for path, why in result.skipped:
            reason = result.reasons.get(path)
            err.print(literal(f"    {path}: {reason.message_in(lang) if reason else why}"), soft_wrap=True)
    return store


WIDE = 110  # columns: from here each session fits on one line


def short_id(session_id: str) -> str:
    """The random end of an id (`20240501T100000-3f2a9c` → `3f2a9c`): the
    date is in its own column, and `sim report` finds a session by any unique part."""
    tail = session_id.rsplit("-", 1)[-1]
    return tail if len(tail) >= 6 else session_id


def principle_names(args: argparse.Namespace, lang: str) -> dict[str, str]:
    from sim.content.library import load_library

    lib = load_library(dialogue_dirs(args))
    return {pid: lib.principle_name(pid, lang) for pid in lib.principles}


def calibration_by_principle(points: list[CalibrationPoint]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for pid in dict.fromkeys(p.principle for p in points):
        gaps = [p.gap for p in points if p.principle == pid]
        out[pid] = {"n": len(gaps), "mean_gap": mean_gap(gaps)}
    return out


def run_history(args: argparse.Namespace) -> int:
    lang = ui_lang(args)
    with open_history(args) as store:
        rows = store.sessions(trainee=args.trainee)
        progress = store.progress(args.trainee)
        calibration = calibration_by_principle(store.calibration(args.trainee))
    if args.json:
        data = {
            "sessions": [
                {
                    "id": r.id,
                    "trainee": r.trainee,
                    "scenario": r.scenario_id,
                    "title": localize(r.title, lang) if r.title else r.scenario_id,
                    "mode": r.mode,
                    "started": r.started,
                    "ended": r.ended,
                    "ending": r.ending,
                    "success": r.success,
                    "passed": r.pass_result,
                    "overall": r.overall,
                    "grade": r.grade,
                }
                for r in rows
            ],
            "progress": {
                pid: [{"session": p.session_id, "started": p.started, "scenario": p.scenario_id, "score": p.score} for p in points]
                for pid, points in sorted(progress.items())
            },
            "calibration": calibration,
        }
        print_json(data)
        return EXIT_OK

    out = console()
    if not rows:
        out.print(literal(t("cli.history.none_of", lang, trainee=args.trainee) if args.trainee else t("cli.history.none", lang)))
        out.print(Text(t("cli.history.play_hint", lang), style="dim"))
        return EXIT_OK
    several = len({r.trainee for r in rows}) > 1
    title = t("cli.history.sessions_of", lang, trainee=args.trainee) if args.trainee else t("cli.history.sessions", lang)
    # The whole width: a wide terminal (or COLUMNS) gives long titles room.
    wide = out.width >= WIDE
    table = Table(title=literal(title), title_justify="left", box=box.SIMPLE_HEAD, expand=True, show_lines=not wide)
    # Narrower than a line of every column, each session takes two lines (the
    # TUI's layout): the date over the id, the scenario over its ending, the
    # grade over the result, so nothing is squeezed out at 80 columns.
    heads = [("date", "id"), ("scenario", "ending"), ("score",), ("grade", "result")]
    if several:
        heads.insert(1, ("trainee",))
    columns = [(key,) for head in heads for key in head] if wide else heads
    for column in columns:
        label = " / ".join(t(f"cli.history.col.{key}", lang) for key in column)
        if column[0] == "scenario":
            table.add_column(label, ratio=1, min_width=10)
        else:
            table.add_column(label, no_wrap=True, justify="right" if column == ("score",) else "center" if column == ("result",) else "left")
    for r in rows:
        title = localize(r.title, lang) if r.title else r.scenario_id
        passed = r.pass_result if r.ending else None
        fields = {
            "date": local_time(r.started), "id": short_id(r.id), "trainee": r.trainee, "scenario": title,
            "ending": word("ending", r.ending, lang) if r.ending else "—", "score": "—" if r.overall is None else str(r.overall),
            "grade": word("grade", r.grade, lang), "result": passed_mark(passed) if wide else passed_word(passed, lang),
        }  # fmt: skip
        if wide:
            table.add_row(*(literal(fields[key]) for head in heads for key in head))
        else:
            table.add_row(*(literal("\n".join(fields[key] for key in head)) for head in heads))
    out.print(table)
    out.print(_progress_table(progress, calibration, principle_names(args, lang), lang, spark_points(out.width)))
    out.print(Text(t("cli.history.gap_note", lang), style="dim"))
    out.print(Text(t("cli.history.report_note", lang), style="dim"))
    return EXIT_OK


def _progress_table(
    progress: dict[str, list[ProgressPoint]],
    calibration: dict[str, dict[str, Any]],
    names: dict[str, str],
    lang: str = "en",
    trend_points: int = SPARK_POINTS,
) -> Table:
    table = Table(title=t("cli.history.progress", lang), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(t("cli.history.col.principle", lang), min_width=16)
    for column in ("n", "trend", "first", "last", "best", "gap"):
        table.add_column(t(f"cli.history.col.{column}", lang), justify="left" if column == "trend" else "right", no_wrap=True)
    for pid, points in sorted(progress.items(), key=lambda kv: (names.get(kv[0], kv[0]).lower())):
        values = [p.score for p in points]
        gap = calibration.get(pid)
        table.add_row(
            literal(names.get(pid, pid)),
            str(len(values)),
            sparkline(values, trend_points),
            str(values[0]),
            str(values[-1]),
            str(max(values)),
            signed_gap(None if gap is None else gap["mean_gap"], lang),
        )
    return table
