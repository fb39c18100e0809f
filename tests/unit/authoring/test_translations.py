"""Translation lint: `sim validate --require-lang fi,en` and uneven translations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_run import cli
from tests.conftest import SAMPLE

# Every text has fi and en except the `details` line (en only) and one feedback (a plain string).
BILINGUAL = """\
id: bilingual
title: {fi: Kaksikielinen, en: Bilingual}
channel: desk
profile: sample-client
language: en
briefing: {fi: Asiakas tulee., en: A client comes in.}
goals: [listen-acknowledge]
start: opening
shuffle: false
help: {next: colleague, say: {fi: Pyydät apua., en: You ask for help.}}
nodes:
  opening:
    client: {fi: Hei., en: Hello.}
    choices:
      - id: greet
        say: {fi: Päivää!, en: Good day!}
        principles: {listen-acknowledge: +1}
        feedback: {fi: Hyvä., en: Good.}
        next: details
      - id: ignore
        say: {fi: Seuraava., en: Next.}
        principles: {listen-acknowledge: -1}
        feedback: Poor.
        next: details
  details:
    client:
      - {fi: Minulla on kysymys., en: I have a question.}
      - {en: About my letter.}
    choices:
      - id: answer
        say: {fi: Kerro., en: Tell me.}
        principles: {listen-acknowledge: +1}
        feedback: {fi: Hyvä., en: Good.}
        next: done
  done:
    narration: {fi: Valmis., en: Done.}
    end: resolved
  colleague:
    narration: {fi: Kollega tulee., en: A colleague comes.}
    end: help-called
"""


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def position(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    (folder / "sample.yaml").unlink()
    (folder / "bilingual.yaml").write_text(BILINGUAL, encoding="utf-8")
    return folder


def test_a_text_missing_fi_is_an_error_at_its_line_and_col(folder, capsys):
    path = folder / "bilingual.yaml"
    code, out, _ = cli(capsys, "validate", "--require-lang", "fi,en", path)
    assert code == 1
    errors = [l for l in out.splitlines() if ": error: " in l]
    plain = position(BILINGUAL, "Poor.")
    only_en = position(BILINGUAL, "{en: About my letter.}")
    assert errors == [
        f"{path}:{plain[0]}:{plain[1]}: error: plain text counts as `en` only (the file's `language`); missing `fi`",
        f"{path}:{only_en[0]}:{only_en[1]}: error: text has no `fi`",
    ]
    assert "    hint: write it as {fi: …, en: …}" in out
    assert "    hint: add `fi: …` to it (blank texts count as missing)" in out
    # The same gaps are not warned about again.
    assert ": warning: " not in out


def test_uneven_translation_is_a_warning_without_the_option(folder, capsys):
    path = folder / "bilingual.yaml"
    code, out, _ = cli(capsys, "validate", path)
    assert code == 0
    warnings = [l for l in out.splitlines() if ": warning: " in l]
    plain = position(BILINGUAL, "Poor.")
    only_en = position(BILINGUAL, "{en: About my letter.}")
    assert warnings == [
        f"{path}:{plain[0]}:{plain[1]}: warning: plain text (read as `en`) among texts that have `fi`: 12 of the 14 texts in this file do",
        f"{path}:{only_en[0]}:{only_en[1]}: warning: text has no `fi`, unlike 12 of the 14 texts in this file",
    ]


def test_a_blank_text_counts_as_missing(folder, capsys):
    path = folder / "bilingual.yaml"
    path.write_text(BILINGUAL.replace("{fi: Valmis., en: Done.}", '{fi: "  ", en: Done.}'), encoding="utf-8")
    code, out, _ = cli(capsys, "validate", "--require-lang", "fi", path)
    assert code == 1
    line, col = position(BILINGUAL, "{fi: Valmis., en: Done.}")
    assert f"{path}:{line}:{col}: error: text has no `fi`" in out


def test_personas_and_principles_are_checked_too(folder, capsys):
    code, out, _ = cli(capsys, "validate", "--require-lang", "fi,en,sv", folder)
    assert code == 1
    assert f"{folder / 'principles.yaml'}:" in out and f"{folder / 'profiles' / 'sample-client.yaml'}:" in out
    assert "text has no `sv`" in out


def test_a_mostly_plain_file_is_not_warned_about(capsys):
    # The sample has a bilingual title and plain English elsewhere: nothing uneven to report.
    code, out, _ = cli(capsys, "validate", SAMPLE / "sample.yaml")
    assert (code, out.strip()) == (0, "0 errors, 0 warnings in 3 files")


def test_a_bad_language_code_exits_2(folder, capsys):
    code, _, err = cli(capsys, "validate", "--require-lang", "fi,English", folder)
    assert code == 2
    assert "`English` is not a language code" in err and "hint: " in err
