"""The debrief: the computed score beside the trainee's own rating, critical
misses, every turn with its feedback and the better alternative, a what-if
replay from any turn, and a saved report (HTML, Markdown or JSON).

A debrief re-opened from the history is read-only: no what-if from it."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from sim.core.engine import Alternative, Turn
from sim.core.scoring import Score, TurnVerdict
from sim.core.self_rating import SelfCheck, self_checks
from sim.files import write_file
from sim.reports import words as words_for
from sim.reports.data import tension_series
from sim.reports.trend import sparkline
from sim.session import reflection
from sim.session.play import Play
from sim.text import clean, local_time
from sim.tui.messages import ReplayRequested
from sim.tui.screens.base import SimScreen
from sim.tui.screens.save_report import SHOWN, SaveReportScreen


class DebriefScreen(SimScreen[None]):
    BINDINGS = [
        Binding("r", "replay", "key.replay", id="debrief.replay", tooltip="tip.replay"),
        Binding("s", "save_report", "key.save_report", id="debrief.save", tooltip="tip.save_report"),
        Binding("t", "switch_view", "key.switch_view", id="debrief.view", tooltip="tip.switch_view"),
        Binding("b", "basis", "key.basis", id="debrief.basis", tooltip="tip.basis"),
        Binding("escape", "back", "key.back", id="debrief.back", tooltip="tip.back_debrief"),
        # Hidden: the footer has no room for "^q Quit" here; ctrl+q still quits.
        Binding("ctrl+q", "app.quit", "key.quit", show=False, id="debrief.quit", tooltip="tip.quit"),
    ]

    def __init__(self, play: Play, *, read_only: bool = False) -> None:
        super().__init__()
        self.play = play
        self.read_only = read_only
        self.score: Score = play.score()
        self.report_path = play.report_path()

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="views", initial="summary"):
            with TabPane(self.t("tab.summary"), id="summary"), VerticalScroll(id="summary-scroll"):
                yield Static(self._outcome(), id="outcome")
                if self.score.critical_misses:
                    yield Static(self._misses(), id="misses")
                yield Static(self._principles(), id="principles")
                yield Static(self._timeline(), id="timeline")
                reflections = self._reflections()
                if reflections is not None:
                    yield Static(reflections, id="reflections")
                yield Static(Content(self._report_status()), id="report")
            with TabPane(self.t("tab.turns"), id="turns"):
                yield OptionList(*self._turn_options(), id="turn-list")
        yield Footer()

    def on_mount(self) -> None:
        key = "debrief.what_if_subtitle" if self.play.is_what_if else "debrief.subtitle"
        detail = self.t(key, turn=self.play.branch_turn or 0)
        if self.play.record is not None:
            detail = self.t("debrief.past_subtitle", date=local_time(self.play.started))
        self.sub_title = f"{self.play.text(self.play.scenario.title)} — {detail}"
        self.query_one("#summary-scroll").focus()
        turn_list = self.query_one("#turn-list", OptionList)
        if turn_list.option_count:
            turn_list.highlighted = 0

    @property
    def _channel(self) -> str:
        return self.play.scenario.channel.value

    def _outcome(self) -> Content:
        score = self.score
        ending_text, success = words_for.outcome(score, self.lang, self._channel)
        overall = "—" if score.overall is None else str(score.overall)
        parts: list[Content | str | tuple[str, str]] = [
            (self.t("debrief.overall", score=overall, grade=self.t(f"grade.{score.grade}")), "bold"),
            "\n",
            self.t("debrief.ending", ending=ending_text, success=success),
        ]
        why = words_for.why_capped(score, self.lang, self._channel)
        if why is not None:
            parts += ["\n", (self.t("debrief.capped", why=why, uncapped=score.uncapped, score=overall), "italic")]
        verdict = words_for.result_verdict(score, self.lang, self.play.principle_name, self._channel)
        if verdict is not None and self.play.parent is None:
            parts += ["\n", (verdict, "bold")]
        limits = words_for.time_limits_note(self.play.time_limits, self.lang)
        if limits is not None:
            parts += ["\n", (limits, "italic")]
        parent = self.play.parent
        if parent is not None:
            original = parent.score()
            parts += [
                "\n",
                self.t(
                    "debrief.what_if_compare",
                    turn=self.play.branch_turn,
                    original="—" if original.overall is None else original.overall,
                    grade=self.t(f"grade.{original.grade}"),
                ),
            ]
        return Content.assemble(*parts)

    def _misses(self) -> Content:
        return Content("\n".join("⚠ " + miss for miss in self.play.misses()))

    def _principles(self) -> Table:
        ratings = (self.play.self_assessment or {}).get("ratings")
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        table.add_column(Text(self.t("col.principle")), ratio=1, no_wrap=False)
        table.add_column(Text(self.t("col.self")), justify="right")
        table.add_column(Text(self.t("col.score")), justify="right")
        table.add_column(Text(self.t("col.gap")))
        for check in self_checks(self.score, ratings):
            ps = check.principle
            name = Text(self.play.principle_name(ps.principle))
            if ps.goal:
                name.append(" ★")
            # Why it scored what it did: the turns that earned or lost its points.
            name.append("\n" + words_for.principle_evidence(ps, self.lang), style="dim")
            you = Text("—") if check.own is None else Text(f"{check.own} ({check.rating}/5)")
            scored = Text(self.t("debrief.not_tested")) if ps.score is None else Text(str(ps.score))
            table.add_row(name, you, scored, self._gap(check))
        table.caption = Text(self.t("debrief.table_caption"))
        table.caption_justify = "left"
        return table

    def _gap(self, check: SelfCheck) -> Text:
        if check.gap is None:
            return Text("—")
        words = words_for.gap(check, self.lang)
        return Text(words) if check.calibration == "calibrated" else Text(words, style="bold")

    def _timeline(self) -> Content:
        values = tension_series(self.play.session)
        if not values:
            return Content("")
        # Every turn: a long session's line is not cut to a trend's width.
        sparks = sparkline(values, points=len(values))
        return Content.assemble((self.t("debrief.tension") + " ", "bold"), sparks, "  ", " → ".join(map(str, values)))

    def _reflections(self) -> Content | None:
        answered = reflection.answered((self.play.self_assessment or {}).get("reflections"))
        if not answered:
            return None
        parts: list[Content | str | tuple[str, str]] = [(self.t("debrief.reflections"), "bold")]
        for key, answer in answered:
            parts += ["\n", (clean(reflection.question(key, self.lang)) + " ", "italic"), self.play.text(answer)]
        if any(reflection.speaks_of_distress(answer) for _, answer in answered):
            # Said where the trainee reads their own words, not hidden in a toast.
            parts += ["\n\n", (reflection.support(self.play.scenario.library_aftercare, self.lang), "bold")]
        return Content.assemble(*parts)

    # --- turns ---------------------------------------------------------------------

    def _turn_options(self) -> list[Option]:
        turns = self.play.session.turns
        return [Option(self._turn(turn, judged), id=str(turn.number)) for turn, judged in zip(turns, self.score.verdicts)]

    def _turn(self, turn: Turn, judged: TurnVerdict) -> Group:
        before, after = turn.state_before, turn.state_after
        head = Text(self.t("turn.heading", turn=turn.number), style="bold")
        head.append("  " + self.t("turn.tension", before=before["tension"], after=after["tension"]), style="dim")
        if turn.critical:
            head.append("  ⚠ " + self.t("turn.critical"), style="bold")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=9, style="bold")
        grid.add_column(ratio=1)
        grid.add_row(Text(self.t("speaker.trainee")), Text(self._did(turn)))
        typed = self.play.typed.get(turn.number)
        if typed is not None:
            grid.add_row(Text(""), Text(words_for.own_words(clean(typed.text), typed.understood, turn.choice_id, self.lang), style="italic"))
        if turn.feedback is not None:
            grid.add_row(Text(self.t("speaker.feedback")), Text(self.play.text(turn.feedback)))
        if judged.was_best:
            grid.add_row(Text(""), Text("✓ " + self.t("turn.best")))
        elif judged.better is not None:
            grid.add_row(Text(self.t("turn.better")), Text(self._alternative(judged.better)))
        return Group(head, grid)

    def _did(self, turn: Turn) -> str:
        return words_for.did(turn.action, None if turn.say is None else self.play.text(turn.say), self.lang, self._channel)

    def _alternative(self, alt: Alternative) -> str:
        return words_for.alternative(alt.action, None if alt.say is None else self.play.text(alt.say), self.lang, self._channel)

    # --- actions ---------------------------------------------------------------------

    def action_switch_view(self) -> None:
        tabs = self.query_one(TabbedContent)
        self._show("summary" if tabs.active == "turns" else "turns")

    def _show(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        self.query_one("#turn-list" if view == "turns" else "#summary-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "replay":
            return not self.read_only
        return True

    @on(OptionList.OptionSelected, "#turn-list")
    def _turn_selected(self) -> None:
        if not self.read_only:
            self.action_replay()

    def action_replay(self) -> None:
        turn_list = self.query_one("#turn-list", OptionList)
        if self.query_one(TabbedContent).active != "turns" or turn_list.highlighted is None:
            self._show("turns")
            if turn_list.highlighted is None and turn_list.option_count:
                turn_list.highlighted = 0
            self.notify(self.t("debrief.pick_turn"))
            return
        self.post_message(ReplayRequested(self.play, turn_list.highlighted + 1))

    def action_basis(self) -> None:
        """Where the principles scored here come from, on request."""
        from sim.tui.screens.basis import BasisScreen

        play = self.play
        shown = []
        for ps in self.score.principles:
            p = play.library.principles.get(ps.principle)
            basis = play.text(p.basis) if p is not None and p.basis is not None else ""
            shown.append((play.principle_name(ps.principle), play.principle_description(ps.principle), basis))
        self.app.push_screen(BasisScreen(self.t("basis.title"), shown))

    def action_save_report(self) -> None:
        self.app.push_screen(SaveReportScreen(), self._format_chosen)

    def _format_chosen(self, formats: tuple[str, ...] | None) -> None:
        if formats:
            self._save_report(formats)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save_report(self, formats: tuple[str, ...]) -> None:
        written: list[Path] = []
        try:
            for fmt in formats:
                path = self.report_path.with_suffix(f".{fmt}")
                write_file(path, self._report_text(fmt), parents=True)
                written.append(path)
        except OSError as exc:
            self.app.call_from_thread(self._report_failed, str(exc))
        else:
            self.app.call_from_thread(self._report_saved, written)

    def _report_text(self, fmt: str) -> str:
        from sim.reports.data import play_data, render

        return render(play_data(self.play, self.score), fmt)

    def _report_status(self) -> str:
        """Which reports of this session are saved already (one saved before the
        debrief was re-opened from the history too), or how to save one."""
        saved = [p for p in (self.report_path.with_suffix(f".{fmt}") for fmt in SHOWN) if p.is_file()]
        return self._saved_words(saved) if saved else self.t("debrief.report_none")

    def _saved_words(self, paths: list[Path]) -> str:
        if len(paths) > 1:
            return self.t("debrief.reports_saved", folder=str(paths[0].parent), names=", ".join(p.name for p in paths))
        return self.t("debrief.report_saved", path=str(paths[0]))

    def _report_saved(self, paths: list[Path]) -> None:
        message = self._saved_words(paths)
        self.query_one("#report", Static).update(Content(message))
        self.notify(message, markup=False)

    def _report_failed(self, error: str) -> None:
        message = self.t("debrief.report_failed", error=error)
        self.query_one("#report", Static).update(Content(message))
        self.notify(message, severity="error", markup=False)

    def action_back(self) -> None:
        self.dismiss()

