"""YAML 1.1 surprises and hostile files: huge numbers, `1:30`, `010`, `0x1F`,
keys that are not text, merge keys and UTF-16/32. Each is a located error with
a hint, never a crash and never a silent misreading.

Every hostile input is generated here, not stored in the repository.
"""

from __future__ import annotations

import codecs
import shutil
import sys
from pathlib import Path

import pytest

from sim.authoring.transcript_file import load_tests
from sim.content import yamlsafe
from sim.content.loader import load
from sim.content.model import Scenario
from sim.content.problems import Problem
from sim.content.yamlsafe import YamlError, decode, load_path, parse
from tests.cli_run import cli
from tests.conftest import SAMPLE

HUGE = "1" * 5_000  # past Python's 4,300-digit limit on converting text to int


def problem_of(text: str) -> Problem:
    with pytest.raises(YamlError) as info:
        parse(text, "f.yaml")
    return info.value.problem


def sample_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    return folder


def sample_text() -> str:
    return (SAMPLE / "sample.yaml").read_text(encoding="utf-8")


# --- numbers too long to convert ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "col"),
    [
        (f"minutes: {HUGE}\n", 10),
        (f"minutes: -{HUGE}\n", 10),
        (f"minutes: 1_{HUGE}\n", 10),
        (f"minutes: 0x{HUGE}\n", 10),
        (f"minutes: {HUGE}.5\n", 10),
        (f"minutes: !!int '{HUGE}'\n", 10),
        (f"{HUGE}: key\n", 1),
    ],
)
def test_a_huge_number_is_a_located_error_not_a_crash(text, col):
    p = problem_of(text)
    assert (p.line, p.col, p.code, p.severity) == (1, col, "limit", "error")
    assert "is too long (5,0" in p.message
    assert len(p.message) < 120  # the number is not repeated in full
    assert p.hint == "numbers in scenarios are small: check this value, or quote it to keep it as text"


def test_a_huge_number_is_never_converted(monkeypatch):
    # Even with Python's smallest limit the number is refused by its length first.
    monkeypatch.setattr(yamlsafe, "MAX_NUMBER_CHARS", 10)
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        assert problem_of("a: " + "9" * 700 + "\n").code == "limit"
        assert parse("a: 9999999999\n", "f").value == {"a": 9_999_999_999}
    finally:
        sys.set_int_max_str_digits(old)


def test_a_quoted_huge_number_is_text_and_the_model_says_so(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(sample_text().replace("minutes: 3", f'minutes: "{HUGE}"'), encoding="utf-8")
    _, _, problems = load(path, Scenario)
    [p] = problems
    assert (p.line, p.col, p.code) == (7, 10, "type")
    assert p.message.startswith("`minutes` should be a whole number, not the text `111")


def test_a_huge_seed_in_a_transcript_test(tmp_path):
    path = tmp_path / "s.test.yaml"
    path.write_text(f"scenario: sample\ncases:\n  - name: a\n    seed: {HUGE}\n    steps: [acknowledge]\n", encoding="utf-8")
    loaded, problems = load_tests(path)
    assert loaded is None
    assert [(p.line, p.col, p.code) for p in problems] == [(4, 11, "limit")]


def test_sim_validate_reports_a_huge_number_and_exits_1(tmp_path, capsys):
    folder = sample_folder(tmp_path)
    scenario = folder / "sample.yaml"
    scenario.write_text(sample_text().replace("minutes: 3", f"minutes: {HUGE}"), encoding="utf-8")
    (folder / "sample.test.yaml").write_text(f"scenario: sample\ncases:\n  - name: a\n    seed: {HUGE}\n    steps: [acknowledge]\n", encoding="utf-8")
    code, out, _ = cli(capsys, "validate", folder)
    assert code == 1
    assert f"{scenario}:7:10: error: the number `111111111111…` is too long (5,000 characters; the limit is 100)" in out
    assert f"{folder / 'sample.test.yaml'}:4:11: error: the number `111111111111…` is too long" in out
    assert "    hint: numbers in scenarios are small" in out


# --- numbers that YAML 1.1 reads differently from how they look -------------------------


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("1:30", "`1:30` is read as the number 90 (YAML 1.1 counts `a:b` in sixties, like a time)", 'quote it ("1:30") to keep it as text, or write the number you mean, like `90`'),
        ("190:20:30", "`190:20:30` is read as the number 685230 (YAML 1.1 counts `a:b` in sixties, like a time)", None),
        ("1:30.5", "`1:30.5` is read as the number 90.5 (YAML 1.1 counts `a:b` in sixties, like a time)", None),
        ("010", "`010` is read as the octal number 8 (a leading 0 means base 8 in YAML 1.1)", "write decimal numbers without a leading 0, like `10`; or quote it ('010') to keep it as text"),
        ("-010", "`-010` is read as the octal number -8 (a leading 0 means base 8 in YAML 1.1)", "write decimal numbers without a leading 0, like `-10`; or quote it ('-010') to keep it as text"),
        ("00", "`00` is read as the octal number 0 (a leading 0 means base 8 in YAML 1.1)", None),
        ("0x1F", "`0x1F` is read as the hexadecimal number 31", "write decimal numbers, like `31`; or quote it ('0x1F') to keep it as text"),
        ("0b101", "`0b101` is read as the binary number 5", None),
    ],
)
def test_yaml_1_1_number_forms_are_errors(written, message, hint):
    p = problem_of(f"id: x\nminutes: {written}\n")
    assert (p.line, p.col, p.code, p.severity) == (2, 10, "yaml-number", "error")
    assert p.message == message
    assert p.hint == hint if hint else "quote it" in (p.hint or "")


@pytest.mark.parametrize(("written", "value"), [("'1:30'", "1:30"), ('"010"', "010"), ("'0x1F'", "0x1F"), ("90", 90), ("-7", -7), ("0", 0), ("1_000", 1000), ("1.5", 1.5)])
def test_quoted_or_decimal_numbers_are_fine(written, value):
    assert parse(f"a: {written}\n", "f").value == {"a": value}


def test_explicit_int_tag_is_the_authors_choice():
    assert parse("a: !!int 0x1F\n", "f").value == {"a": 31}


def test_sexagesimal_minutes_in_a_scenario_is_located(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(sample_text().replace("minutes: 3", "minutes: 1:30"), encoding="utf-8")
    _, _, [p] = load(path, Scenario)
    assert (p.path, p.line, p.col, p.code) == (str(path), 7, 10, "yaml-number")


# --- keys that are not text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: x\n1: y\ntrue: z\n", (2, 1), "the key `1` is read as a number, not as a name"),
        ("true: y\n1: z\n", (1, 1), "the key `true` is read as `true`, not as a name"),
        ("a:\n  yes: 1\n", (2, 3), "the key `yes` is read as `true`, not as a name"),
        ("Off: 1\n", (1, 1), "the key `Off` is read as `false`, not as a name"),
        ("~: x\n", (1, 1), "the key `~` is read as null (nothing), not as a name"),
        ("null: x\n", (1, 1), "the key `null` is read as null (nothing), not as a name"),
        ("2024-01-01: x\n", (1, 1), "the key `2024-01-01` is read as a date, not as a name"),
        ("2001-12-14 21:59:43.10 -5: x\n", (1, 1), "the key `2001-12-14 21:59:43.10 -5` is read as a date, not as a name"),
        ("{a: 1, 1.5: x}\n", (1, 8), "the key `1.5` is read as a number, not as a name"),
        ("&k 5: x\n", (1, 1), "the key `5` is read as a number, not as a name"),
    ],
)
def test_a_key_that_is_not_text_is_an_error_shown_as_written(text, where, message):
    p = problem_of(text)
    assert ((p.line, p.col), p.code, p.severity) == (where, "yaml-key", "error")
    assert p.message == message
    written = message.split("`")[1]
    assert p.hint == f'keys are names: quote it ("{written}":) to use it as one'


def test_an_empty_key():
    p = problem_of("? \n: x\n")
    assert (p.code, p.message, p.hint) == ("yaml-key", "a key is missing before the `:`", "write a name before the `:`")


def test_an_alias_key_that_is_not_text():
    p = problem_of("a: &n 1\n*n : 2\n")
    assert (p.line, p.col, p.code) == (2, 1, "yaml-key")
    assert p.message == "a key must be text; this `*alias` stands for a value that is not"


def test_quoted_keys_and_text_keys_are_fine():
    doc = parse("'1': a\n\"true\": b\n'~': c\n'2024-01-01': d\nyes-no: e\n", "f")
    assert doc.value == {"1": "a", "true": "b", "~": "c", "2024-01-01": "d", "yes-no": "e"}


def test_node_ids_1_and_true_are_no_longer_a_duplicate(tmp_path, capsys):
    folder = sample_folder(tmp_path)
    path = folder / "sample.yaml"
    path.write_text(sample_text().replace("  opening:\n", "  1:\n    client: x\n  true:\n    client: y\n  opening:\n"), encoding="utf-8")
    code, out, _ = cli(capsys, "validate", path)
    assert code == 1
    assert f"{path}:17:3: error: the key `1` is read as a number, not as a name" in out
    assert "duplicate key" not in out and "True" not in out


# --- merge keys -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", (3, 3)),
        ("a: 1\n<<: {b: 2}\n", (2, 1)),
        ("base: &b {x: 1}\nlist: [{<<: *b}]\n", (2, 9)),
    ],
)
def test_merge_keys_are_refused_by_name(text, where):
    p = problem_of(text)
    assert ((p.line, p.col), p.code, p.severity) == (where, "yaml-merge", "error")
    assert p.message == "merge keys (`<<`) are not supported"
    assert p.hint == "write the keys out; an `*alias` can stand for a whole value, not for part of a mapping"


def test_a_quoted_merge_key_or_merge_value_is_text():
    assert parse("'<<': 1\nb: <<\n", "f").value == {"<<": 1, "b": "<<"}


def test_a_merge_key_in_a_scenario_is_not_a_missing_key(tmp_path):
    path = tmp_path / "s.yaml"
    base = sample_text().replace("help:\n", "help: &h\n")
    path.write_text(base + "extra:\n  <<: *h\n", encoding="utf-8")
    _, _, [p] = load(path, Scenario)
    assert (p.line, p.col, p.code) == (base.count("\n") + 2, 3, "yaml-merge")


# --- UTF-16 and UTF-32 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(codec, tmp_path):
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }.get(codec, b"")  # the plain codecs write their own
    path = tmp_path / "wide.yaml"
    path.write_bytes(bom + "id: x\nname: café 😀\nnested:\n  - Päivä\n".encode(codec))
    doc = load_path(path)
    assert doc.value == {"id": "x", "name": "café 😀", "nested": ["Päivä"]}
    assert doc.value.key_marks["id"] == (1, 1)
    assert doc.value["nested"].item_marks == [(4, 5)]


def test_positions_in_a_utf16_file_count_characters(tmp_path):
    text = "id: x\nname: 😀 café\ntitle: 😀😀 x: y\n"
    path = tmp_path / "wide.yaml"
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(YamlError) as info:
        load_path(path)
    p = info.value.problem
    assert (p.line, p.col, p.code) == (3, 12, "yaml-syntax")  # the `:` after `x`, as an editor counts
    assert (p.line, p.col) == (problem_of(text).line, problem_of(text).col)  # as in UTF-8


def test_sim_validate_reads_a_utf16_scenario(tmp_path, capsys):
    folder = sample_folder(tmp_path)
    path = folder / "sample.yaml"
    path.write_bytes(sample_text().replace("minutes: 3", "minutes: 3\nmintues: 4").encode("utf-16"))
    code, out, _ = cli(capsys, "validate", path)
    assert code == 1
    assert f"{path}:8:1: error: unknown key `mintues`" in out


def test_invalid_utf16_is_located(tmp_path):
    path = tmp_path / "bad.yaml"
    # A lone low surrogate (0xDC00) on the second line.
    path.write_bytes(codecs.BOM_UTF16_LE + "id: x\nab".encode("utf-16-le") + b"\x00\xdc" + "c\n".encode("utf-16-le"))
    with pytest.raises(YamlError) as info:
        load_path(path)
    p = info.value.problem
    assert (p.line, p.col, p.code) == (2, 3, "encoding")
    assert p.message.startswith("invalid UTF-16 text")
    assert p.hint and "UTF-8" in p.hint


@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_utf16_without_a_bom_is_named_not_called_binary(codec, label):
    with pytest.raises(YamlError) as info:
        decode("f.yaml", "id: x\nname: café\n".encode(codec))
    p = info.value.problem
    assert (p.line, p.col, p.code) == (1, 1, "encoding")
    assert p.message == f"this file seems to be {label} without a byte-order mark"
    assert p.hint == f"save it as UTF-8 (or as {label} with a byte-order mark)"


def test_binary_data_is_still_binary():
    with pytest.raises(YamlError) as info:
        decode("f.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert info.value.problem.message == "this looks like a binary file, not YAML text"
    with pytest.raises(YamlError) as info:
        decode("f.yaml", b"a\x00\x01\x02\x03\x04")
    assert info.value.problem.message == "this looks like a binary file, not YAML text"
