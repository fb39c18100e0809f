"""`sim play SCENARIO --plain`: the encounter as plain lines of text, for
screen readers, slow SSH links and piping.

Output is plain text, one utterance per line, with no colour and no cursor
movement at all: a screen reader reads escape codes as noise and a pipe
keeps them, so there is nothing for NO_COLOR to turn off. Answers are lines
on standard input. Everything after the encounter is what the TUI does
too: the same engine, journal, self-assessment, history and scores.

Time limits: a line-based prompt cannot be interrupted when the time runs
out without raw terminal access (which would break screen readers and
pipes), so the limit is shown, and an answer given later than it counts as
letting the time run out, exactly as if the clock had fired first.

Must not import Textual (or Rich): it is the way in when there is no room for
a full-screen app.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from sim.content.library import Library, LoadedScenario
from sim.core import judgement
from sim.core.engine import Alternative, Line, Option, Session, Turn
from sim.core.scoring import TONE_MARKS, Score, score
from sim.core.self_rating import self_checks
from sim.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UserError
from sim.i18n import default_lang, tc
from sim.reports import words
from sim.session import reflection, settings
from sim.session.clock import TurnTimer
from sim.session.journal import Journal
from sim.session.own_words import Typed
from sim.session.play import Play, timed_note
from sim.session.resume import unfinished_of
from sim.text import LocalText, clean, local_time, localize


def trainee_name() -> str:
    """The name the trainee gave the TUI in this data folder, else the login name."""
    from sim.session import settings
    return settings.trainee() or settings.default_trainee()


class _Stop(Exception):
    """The trainee typed q, or standard input ended: save and leave."""


def one_line(text: str) -> str:
    """Authored text on one output line: safe, and its line breaks as spaces,
    so one utterance is one line for a screen reader or a `grep`."""
    return " ".join(part.strip() for part in clean(text).splitlines() if part.strip())


@dataclass
class PlainPlay:
    library: Library
    loaded: LoadedScenario
    lang: str
    mode: str
    stdin: TextIO
    stdout: TextIO
    clock: Callable[[], float] = time.monotonic
    trainee: str = field(default_factory=trainee_name)
    time_limits: str | None = None  # `--time-limits`; else the trainee's setting
    seed: int | None = None  # the order of the options; random unless given (tests, demonstrations)
    own_words: bool | None = None  # `--own-words`; else the trainee's setting

    play: Play = field(init=False)
    _shown: int = field(init=False, default=0)  # transcript lines already printed
    _interactive: bool = field(init=False, default=False)
    _journal_error: str | None = field(init=False, default=None)  # the last one said
    _answers: dict[str, Any] | None = field(init=False, default=None)  # the self-assessment

    def __post_init__(self) -> None:
        isatty = getattr(self.stdin, "isatty", None)
        self._interactive = bool(isatty and isatty())

    @property
    def session(self) -> Session:
        return self.play.session

    @property
    def self_assessment(self) -> dict[str, Any] | None:
        return self.play.self_assessment

    # --- input and output ----------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.stdout.write(self._wrapped(text) + "\n")
        self.stdout.flush()

    def _wrapped(self, text: str) -> str:
        """On a terminal, long lines broken between words (the terminal would
        break them mid-word), continuation lines indented under a label such
        as "Client: ". Piped output keeps one line per line, for screen
        readers and scripts."""
        isatty = getattr(self.stdout, "isatty", None)
        if not (isatty and isatty()):
            return text
        width = shutil.get_terminal_size((80, 24)).columns - 1
        out = []
        for line in text.split("\n"):
            if len(line) <= width:
                out.append(line)
                continue
            label, sep, _ = line.partition(": ")
            indent = " " * (len(label) + 2) if sep and len(label) <= 20 else "  "
            out.append(textwrap.fill(line, width=width, subsequent_indent=indent, break_on_hyphens=False))
        return "\n".join(out)

    @property
    def _channel(self) -> str:
        return self.loaded.scenario.channel.value

    def tr(self, key: str, **fields: object) -> str:
        # In the scenario's channel's words where the catalogue has them ("What do you write?" in a chat).
        return tc(key, self._channel, self.lang, **fields)

    def text(self, value: LocalText | None) -> str:
        return one_line(localize(value, self.lang, self.loaded.scenario.language))

    def ask(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()  # the prompt's line ends even when the input did not
            raise _Stop
        if not self._interactive:
            # Piped answers are not echoed by a terminal: echo them, so the
            # output reads as a transcript and every line starts clean.
            self.say(one_line(line))
        return line.strip()

    # --- the whole session -----------------------------------------------------------

    def run(self) -> int:
        try:
            resumed = self._resume_or_start()
        except _Stop:
            return EXIT_OK  # input ended before anything was played: nothing to save
        try:
            if not resumed:
                self._briefing()
            self._encounter(resumed)
            self._aftercare()
            self._self_assess()
        except _Stop:
            self._saved()
            return EXIT_OK
        except KeyboardInterrupt:
            self.say()
            self._saved()  # every turn is journalled already: ctrl+c is a quit, too
            return EXIT_INTERRUPTED
        self._finish()
        self._debrief()
        self._what_next()
        return EXIT_OK

    def _what_next(self) -> None:
        """After the debrief, as the home screen says it: what to practise next, and the assignments."""
        from sim.reports.practice import home_plan

        found = home_plan(self.library, self.trainee)
        if found is None:
            return
        lines = found.lines(self.library, self.lang)
        if lines:
            self.say()
            for line in lines:
                self.say(line)

    def _aftercare(self) -> None:
        """After a hard ending, the recovery step, as in the TUI: a moment
        before the trainee rates themselves."""
        if not self.play.needs_aftercare:
            return
        self.say()
        self.say(self.tr("aftercare.title"))
        for step in reflection.recovery_steps(self.lang):
            self.say(step)
        self.say(f"{self.tr('aftercare.who')}: {reflection.contact(self.loaded.scenario.library_aftercare, self.lang)}")
        self.ask(self.tr("plain.aftercare_ready"))

    def _resume_or_start(self) -> bool:
        """Offer each interrupted session of this scenario: the same life cycle
        as the TUI's, so one edited compatibly since can go on here too."""
        for item in unfinished_of(self.trainee, self.library, self.loaded):
            started = local_time(item.info.started)
            self.say(self.tr("plain.resume.offer_at", turn=len(item.info.actions) + 1, started=started))
            if item.resumable:
                if item.changed:
                    self.say(self.tr("resume.changed_note"))
                answer = self._pick("plain.resume.prompt", "plain.resume.invalid", ("r", "n", "d"))
            else:
                self.say(item.why_not(self.lang))
                answer = self._pick("plain.resume.prompt_discard", "plain.resume.invalid_discard", ("n", "d"))
            if answer == "r":
                self.play = item.play(lang=self.lang, trainee=self.trainee)
                self.say(self.tr("event.resumed_changed" if item.changed else "event.resumed"))
                return True
            if answer == "d":
                try:
                    Journal.reopen(item.info).abandon()
                except OSError as exc:
                    self.say(one_line(str(exc)))
                else:
                    self.say(self.tr("resume.discarded"))
            if answer == "n":
                break
        self._start()
        return False

    def _pick(self, prompt: str, invalid: str, answers: tuple[str, ...]) -> str:
        while True:
            answer = self.ask(self.tr(prompt)).lower()
            if answer in answers:
                return answer
            self.say(self.tr(invalid))

    def _start(self) -> None:
        limits = self.time_limits or settings.time_limits(self.trainee)
        words = settings.own_words(self.trainee) if self.own_words is None else self.own_words
        self.play = Play.start(
            self.library, self.loaded, mode=self.mode, lang=self.lang, seed=self.seed, trainee=self.trainee, time_limits=limits, own_words=words
        )
        self._journal_problem()

    def _journal_problem(self) -> None:
        """Say once that turns are no longer saved: practising matters more than the journal."""
        said = self.play.journal_problem(self.lang)
        if said is not None and said != self._journal_error:
            self._journal_error = said
            self.say(one_line(said))

    # --- before and during the encounter -----------------------------------------------

    def _briefing(self) -> None:
        s = self.loaded.scenario
        profile = self.session.profile
        self.say(self.text(s.title))
        if s.content_warning is not None:
            self.say(f"{self.tr('briefing.warning')}: {self.text(s.content_warning)}")
        name = one_line(localize(profile.name, self.lang, profile.language))
        description = one_line(localize(profile.description, self.lang, profile.language))
        self.say(f"{self.tr('briefing.client')}: {name} — {description}")
        expects = profile.expectations.get(s.channel)
        if expects is not None:
            self.say(f"{self.tr('briefing.expects')}: {one_line(localize(expects, self.lang, profile.language))}")
        self.say(f"{self.tr('briefing.situation')}: {self.text(s.briefing)}")
        self.say(self.tr("briefing.goals"))
        for pid in s.goals:
            self.say(f"- {self._principle(pid)}")
        self.say(self.tr(f"briefing.mode.{self.play.mode}"))
        if self.play.mode != "practice":
            self.say(self.tr("card.hidden"))
        self.say(words.grading(judgement.rules(s), self.lang, channel=s.channel.value))
        timed = timed_note(s, self.play.time_limits, self.lang, plain=True)
        if timed is not None:
            self.say(timed)
        if not self.play.own_words:  # in their own words, each turn says how to answer
            self.say(self.tr("plain.controls"))
        if s.help.label is not None:
            self.say(self.tr("plain.help_label", label=one_line(self.text(s.help.label))))

    def _principle(self, pid: str) -> str:
        return one_line(self.play.principle_name(pid))

    def _description(self, pid: str) -> str:
        return one_line(self.play.principle_description(pid))

    def _encounter(self, resumed: bool) -> None:
        s = self.session
        subject = s.scenario.subject
        if subject is not None and s.scenario.channel.value == "email":
            self.say()
            self.say(f"{self.tr('email.subject')}: {self.text(subject)}")
        if resumed:
            self._history()
        while not s.ended:
            self._show_new_lines()
            self._take_turn()
        self._show_new_lines()
        assert s.ending is not None
        self.say()
        self.say(self.tr("end.body", ending=self.tr(f"ending.{s.ending.value}")))

    def _history(self) -> None:
        """The story so far of a resumed session, the turns as they went."""
        for turn in self.session.turns:
            self._show_lines([line for line in self.session.transcript if line.turn == turn.number and line.speaker != "trainee"])
            self._after(turn)
        self._shown = sum(1 for line in self.session.transcript if line.turn <= len(self.session.turns))

    def _show_new_lines(self) -> None:
        lines = [line for line in self.session.transcript[self._shown :] if line.speaker != "trainee"]
        self._shown = len(self.session.transcript)
        self._show_lines(lines)

    def _show_lines(self, lines: Sequence[Line]) -> None:
        if lines:
            self.say()
        for line in lines:
            kind = "event" if line.speaker == "system" else line.speaker
            label = self.play.speaker_name(line.who) or self.tr(f"speaker.{kind}")
            self.say(f"{label}: {self.text(line.text)}")

    def _take_turn(self) -> None:
        s = self.session
        options = s.options
        limit = self.play.time_limit
        state = s.state
        if self.play.mode == "practice":
            # In assessment mode a change would tell the trainee what the last choice was worth.
            self.say(
                " · ".join(
                    (
                        self.tr("card.mood", band=self.play.mood(s.band)),
                        f"{self.tr('card.tension')} {state['tension']}",
                        f"{self.tr('card.trust')} {state['trust']}",
                    )
                )
            )
        if limit is not None:
            self.say(self.tr("plain.time_limit", seconds=limit))
        self.say(self.tr("choices.title"))
        if self.play.own_words:
            self._own_words_turn(limit)
            return
        for option in options:
            self.say(f"{option.number}. {self.text(option.choice.say)}")
        timer = TurnTimer(self.clock)  # the TUI's turn clock: a pause stops it
        while True:
            answer = self.ask("> ").lower()
            if answer == "q":
                raise _Stop
            if answer == "p":
                # A pause stops the clock until Enter; the options are shown again after it.
                self._pause(timer)
                for option in options:
                    self.say(f"{option.number}. {self.text(option.choice.say)}")
                continue
            if answer == "h" and not s.can_call_help:
                self.say(self.tr("help.already"))
                continue
            if answer == "h":
                action = "help"
                break
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                action = options[int(answer) - 1].id
                break
            self.say(self.tr("plain.invalid", last=len(options)))
        self._answer(action, timer.elapsed(), limit)

    def _pause(self, timer: TurnTimer) -> None:
        """Until Enter: the turn's clock stands still meanwhile."""
        timer.pause()
        self.ask(self.tr("plain.paused"))
        timer.resume()

    def _answer(self, action: str, elapsed: float, limit: int | None, typed: Typed | None = None) -> None:
        """Take the trainee's answer — unless the clock would have fired first."""
        s = self.session
        if limit is not None and elapsed > limit and s.node.timeout is not None:
            # The answer came too late for this node: the time ran out, then (help is never lost) help.
            self._act("timeout", limit * 1000)
            if action == "help" and not s.ended:
                self._show_new_lines()
                self._act("help", round((elapsed - limit) * 1000))
            return
        self._act(action, round(elapsed * 1000), typed)

    def _own_words_turn(self, limit: int | None) -> None:
        """A turn answered in the trainee's own words: typed, understood (or asked
        back), confirmed — and only then taken, with the typed words journalled."""
        s = self.session
        options = s.options
        self.say(self.tr("plain.own_words"))
        timer = TurnTimer(self.clock)
        typed: Typed | None = None
        action: str | None = None
        while action is None:
            answer = self.ask("> ").strip()
            if answer.lower() == "q":
                raise _Stop
            if answer.lower() == "p":
                self._pause(timer)
                continue
            if answer.lower() == "h":
                if s.can_call_help:
                    action = "help"
                else:
                    self.say(self.tr("help.already"))
                continue
            if answer == "?":
                action = self._pick_from_list(options, typed)
                continue
            if not answer:
                continue
            result = self.play.understand(answer)
            typed = Typed(answer, self.lang, result.accepted)
            if result.accepted is not None:
                option = next(o for o in options if o.id == result.accepted)
                self.say(self.tr("plain.understood", text=one_line(answer), option=one_line(self.text(option.choice.say))))
                confirm = self.ask(self.tr("plain.understood.confirm")).strip()
                if confirm == "":
                    action = option.id
                elif confirm == "?":
                    action = self._pick_from_list(options, typed)
                else:
                    self.say(self.tr("plain.own_words.again"))
            else:
                close = [o for cid in result.did_you_mean() for o in options if o.id == cid]
                if close:
                    self.say(self.tr("plain.did_you_mean", text=one_line(answer)))
                    for i, option in enumerate(close, start=1):
                        self.say(f"{i}. {self.text(option.choice.say)}")
                    pick = self.ask(self.tr("plain.did_you_mean.pick", last=len(close))).strip()
                    if pick.isdigit() and 1 <= int(pick) <= len(close):
                        action = close[int(pick) - 1].id
                    elif pick == "?":
                        action = self._pick_from_list(options, typed)
                    else:
                        self.say(self.tr("plain.own_words.again"))
                else:
                    self.say(self.tr("plain.not_understood"))
        # The trainee's words go with the option taken, not with help.
        self._answer(action, timer.elapsed(), limit, typed if action != "help" else None)

    def _pick_from_list(self, options: Sequence[Option], typed: Typed | None) -> str | None:
        """The listed options, for a trainee who would rather pick (or fix a misunderstanding)."""
        for option in options:
            self.say(f"{option.number}. {self.text(option.choice.say)}")
        answer = self.ask(self.tr("plain.pick", last=len(options))).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1].id
        self.say(self.tr("plain.own_words.again"))
        return None

    def _act(self, action: str, elapsed_ms: int, typed: Typed | None = None) -> None:
        turn = self.play.act(action, elapsed_ms, typed)
        self._journal_problem()
        self._after(turn)

    def _after(self, turn: Turn) -> None:
        """What the trainee did, then (in practice mode) the feedback on it."""
        if turn.action == "timeout":
            self.say(f"{self.tr('speaker.event')}: {self.tr('event.timeout')}")
        elif turn.action == "help" and turn.say is None:
            self.say(f"{self.tr('speaker.event')}: {self.tr('event.help')}")
        else:
            self.say(f"{self.tr('speaker.trainee')}: {self.text(turn.say)}")
        if self.play.mode != "practice":
            return
        if turn.feedback is not None:
            self.say(f"{self.tr('speaker.feedback')}: {TONE_MARKS[self.play.tone(turn)]} {self.text(turn.feedback)}")
        for miss in self._misses(turn.number):
            self.say(f"{self.tr('speaker.feedback')}: ⚠ {miss}")

    def _misses(self, turn: int | None = None) -> list[str]:
        return [one_line(miss) for miss in self.play.misses(turn)]

    # --- after the encounter -------------------------------------------------------------

    def _self_assess(self) -> None:
        self.say()
        self.say(self.tr("self.subtitle"))
        self.say(self.tr("self.intro"))
        ratings: dict[str, int] = {}
        for pid in self.play.goals_to_rate():
            self.say()
            description = self._description(pid)
            self.say(self._principle(pid) + (f" — {description}" if description else ""))
            while True:
                answer = self.ask(self.tr("plain.rate_prompt"))
                if answer.lower() == "q":
                    raise _Stop
                if answer in ("1", "2", "3", "4", "5"):
                    ratings[pid] = int(answer)
                    break
                self.say(self.tr("plain.rate_invalid"))
        reflections: dict[str, str] = {}
        for key in reflection.PROMPTS:
            self.say()
            prompt = self.tr(f"prompt.{key}")
            self.say(f"{prompt} — {self.tr('self.placeholder')}")
            # Free text: "q" here is an answer, not a key. Kept by the question's
            # id, so a debrief or report shows the question in its reader's language.
            reflections[key] = self.ask("> ")
        self._answers = {"ratings": ratings, "reflections": reflections}

    def _finish(self) -> None:
        self.play.finish(self._answers)
        self._journal_problem()
        try:
            self.play.record_history()
        except UserError as exc:
            self.say(one_line(self.play.history_failure(exc, self.lang)))

    def _saved(self) -> None:
        if not self.session.turns:
            return  # nothing played, nothing to resume
        if self.play.journal is not None:
            self.say(self.tr("plain.saved"))
        else:
            self.say(self.tr("plain.not_saved"))

    def _debrief(self) -> None:
        s = self.session
        result = score(s)
        self.say()
        self.say(self.tr("debrief.subtitle"))
        overall = "—" if result.overall is None else str(result.overall)
        self.say(self.tr("debrief.overall", score=overall, grade=self.tr(f"grade.{result.grade}")))
        ending_text, success = words.outcome(result, self.lang, self._channel)
        self.say(self.tr("debrief.ending", ending=ending_text, success=success))
        why = words.why_capped(result, self.lang, self._channel)
        if why is not None:
            self.say(self.tr("debrief.capped", why=why, uncapped=result.uncapped, score=overall))
        verdict = words.result_verdict(result, self.lang, self._principle, self._channel)
        if verdict is not None:
            self.say(verdict)
        limits = words.time_limits_note(self.play.time_limits, self.lang)
        if limits is not None:
            self.say(limits)
        for miss in self._misses():
            self.say(f"⚠ {miss}")
        self._principles(result)
        self._turns(result)
        answered = reflection.answered((self.self_assessment or {}).get("reflections"))
        if answered:
            self.say()
            self.say(self.tr("debrief.reflections"))
            for key, answer in answered:
                self.say(f"{one_line(reflection.question(key, self.lang))} {one_line(answer)}")
            if any(reflection.speaks_of_distress(answer) for _, answer in answered):
                self.say()
                self.say(reflection.support(self.loaded.scenario.library_aftercare, self.lang))
        if self.play.journal is not None:
            self.say()
            self.say(self.tr("plain.report_hint", session=self.play.session_id))

    def _principles(self, result: Score) -> None:
        self.say()
        self.say(self.tr("plain.principles"))
        for check in self_checks(result, (self.self_assessment or {}).get("ratings")):
            ps = check.principle
            you = "—" if check.own is None else f"{check.own} ({check.rating}/5)"
            computed = self.tr("debrief.not_tested") if ps.score is None else str(ps.score)
            name = self._principle(ps.principle) + (" ★" if ps.goal else "")
            self.say(self.tr("plain.principle_line", name=name, score=computed, rating=you, gap=words.gap(check, self.lang)))
            if ps.evidence:
                self.say(f"  {words.principle_evidence(ps, self.lang)}")
        self.say(self.tr("plain.goal_mark"))
        # Where the principles come from: in the TUI behind the b key; a linear transcript says it here.
        bases = [(ps.principle, p.basis) for ps in result.principles if (p := self.library.principles.get(ps.principle)) and p.basis]
        if bases:
            self.say()
            self.say(self.tr("basis.title"))
            for pid, basis in bases:
                self.say(f"{self._principle(pid)}: {self.text(basis)}")

    def _turns(self, result: Score) -> None:
        self.say()
        self.say(self.tr("tab.turns"))
        for turn, judged in zip(self.session.turns, result.verdicts):
            before, after = turn.state_before["tension"], turn.state_after["tension"]
            head = f"{self.tr('turn.heading', turn=turn.number)} ({self.tr('turn.tension', before=before, after=after)})"
            if turn.critical:
                head += f" ⚠ {self.tr('turn.critical')}"
            self.say(head)
            self.say(f"  {self.tr('speaker.trainee')}: {self._did(turn.action, turn.say)}")
            typed = self.play.typed.get(turn.number)
            if typed is not None:
                self.say(f"  {words.own_words(one_line(typed.text), typed.understood, turn.choice_id, self.lang)}")
            if turn.feedback is not None:
                self.say(f"  {self.tr('speaker.feedback')}: {self.text(turn.feedback)}")
            if judged.was_best:
                self.say(f"  ✓ {self.tr('turn.best')}")
            elif judged.better is not None:
                self.say(f"  {self.tr('turn.better')}: {self._alternative(judged.better)}")

    def _did(self, action: str, say: LocalText | None) -> str:
        return words.did(action, None if say is None else self.text(say), self.lang, self._channel)

    def _alternative(self, alt: Alternative) -> str:
        return words.alternative(alt.action, None if alt.say is None else self.text(alt.say), self.lang, self._channel)


def run_plain(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    from sim.content.locate import dialogue_dirs, find_scenario

    lang = getattr(args, "ui_lang", None) or default_lang()
    mode = getattr(args, "mode", None) or "practice"
    lib, found, problems = find_scenario(args.scenario, dialogue_dirs(args))
    if found is None or problems:
        for p in problems:
            sys.stderr.write(clean(p.format()) + "\n")
        return EXIT_USAGE
    if stdin is None:
        stdin = sys.stdin
        if hasattr(stdin, "reconfigure"):
            stdin.reconfigure(errors="replace")  # a stray byte in a pipe is not worth a crash
    play = PlainPlay(
        lib, found, lang, mode, stdin, stdout or sys.stdout,
        time_limits=getattr(args, "time_limits", None), own_words=getattr(args, "own_words", None),
    )  # fmt: skip
    return play.run()
