"""Every class of YAML syntax error in tests/data/malformed gives one clean,
located error with a hint through `sim validate` — never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sim.cli.main import run
from tests.conftest import DATA

CORPUS = DATA / "malformed"

# file → (line, col, words the message must contain)
EXPECTED: dict[str, tuple[int, int, str]] = {
    "bad-block-scalar-header.yaml": (2, 13, "block scalar"),
    "bad-block-scalar-indentation.yaml": (4, 2, "did not find expected key"),
    "bad-indentation.yaml": (5, 4, "did not find expected key"),
    "binary.yaml": (1, 1, "binary file"),
    "colon-in-plain-value.yaml": (2, 9, "mapping values are not allowed"),
    "comments-only.yaml": (1, 1, "the file is empty"),
    "complex-key.yaml": (1, 3, "mapping key must be a plain value"),
    "control-character.yaml": (2, 10, "control character U+0001"),
    "duplicate-anchor.yaml": (2, 8, "anchor `&a` is defined twice"),
    "duplicate-directive.yaml": (2, 1, "duplicate %YAML directive"),
    "duplicate-key.yaml": (2, 1, "duplicate key `id`"),
    "empty.yaml": (1, 1, "the file is empty"),
    "invalid-escape.yaml": (2, 13, "unknown escape character"),
    "invalid-utf8.yaml": (2, 11, "invalid UTF-8 byte 0xe9"),
    "python-tag.yaml": (1, 5, "is not allowed"),
    "reserved-indicator.yaml": (2, 8, "cannot start any token"),
    "stray-document-end.yaml": (3, 1, "document start"),
    "tab-indentation.yaml": (3, 1, "cannot start any token"),
    "top-level-list.yaml": (1, 1, "should be a mapping"),
    "top-level-scalar.yaml": (1, 1, "should be a mapping"),
    "two-documents.yaml": (2, 1, "more than one YAML document"),
    "unclosed-flow-mapping.yaml": (3, 8, "expected ',' or '}'"),
    "unclosed-flow-sequence.yaml": (3, 8, "expected ',' or ']'"),
    "undefined-alias.yaml": (2, 8, "refers to no anchor"),
    "unexpected-indent.yaml": (2, 8, "mapping values are not allowed"),
    "unterminated-double-quote.yaml": (4, 1, "quoted scalar that starts at line 2, column 8"),
    "unterminated-single-quote.yaml": (4, 1, "quoted scalar that starts at line 2, column 8"),
}


def test_corpus_and_expectations_match():
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_malformed_file_gives_one_located_error(name, capsys):
    line, col, words = EXPECTED[name]
    code = run(["validate", str(CORPUS / name)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{CORPUS / name}:{line}:{col}: error: " in out
    assert words in out
    assert "    hint: " in out
    assert out.count(": error: ") == 1


def test_whole_corpus_in_one_real_process():
    proc = subprocess.run([sys.executable, "-m", "sim", "validate", str(CORPUS)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.count(": error: ") == len(EXPECTED)
    assert f"{len(EXPECTED)} errors, 0 warnings in {len(EXPECTED)} files" in proc.stdout


def test_nothing_ran_from_the_python_tag(tmp_path, capsys):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'id: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    assert run(["validate", str(evil)]) == 1
    assert not marker.exists()
