"""What makes loading fast must not change what is loaded: the parser's fast
path for plain scalars reads them exactly as PyYAML's safe loader does, and a
file is only reused from the loader's cache while its text is the same."""

from __future__ import annotations

import gc

import pytest
import yaml

from sim.content import loader
from sim.content.model import Scenario
from sim.content.yamlsafe import parse
from tests.conftest import SAMPLE

# The YAML 1.1 numbers that do not mean what they seem (`00`, `010`, `0x1F`,
# `0b101`, `190:20:30`) are refused instead: see test_yaml_surprises.py.
PLAIN = [
    "text", "12", "-7", "+5", "0", "-0", "0o17", "1_000", "12abc",
    "1.5", "-.5", "1e3", "6.8523015e+5", ".inf", "-.Inf", ".nan", "yes", "No", "TRUE", "off", "On", "y", "n",
    "~", "null", "Null", "", "2024-01-01", "2001-12-14t21:59:43.10-05:00", "- 5", "a: b", "[1, 2]",
    "tension < 60", "visited(start)", "not x", "n/a", "5 %", "0.", "._", "+",
]


@pytest.mark.parametrize("value", PLAIN)
def test_a_plain_scalar_is_read_as_pyyaml_reads_it(value):
    text = f"v: {value}\n" if value not in ("- 5", "a: b", "[1, 2]") else f"v: '{value}'\n"
    expected = yaml.safe_load(text)["v"]
    got = parse(text, "f.yaml").value["v"]
    if isinstance(expected, float) and expected != expected:  # nan
        assert got != got
    else:
        assert got == expected and type(got) is type(expected)


def test_values_pyyaml_has_no_safe_meaning_for_stay_text():
    # `=` resolves to "value" and `<<` to "merge": the safe loader refuses them, we keep the text.
    assert parse("a: =\nb: <<\n", "f.yaml").value == {"a": "=", "b": "<<"}


def test_tagged_and_quoted_scalars_keep_their_meaning():
    doc = parse("a: !!str 12\nb: '12'\nc: \"yes\"\nd: ! 12\ne: !!int '42'\n", "f.yaml").value
    assert doc == {"a": "12", "b": "12", "c": "yes", "d": 12, "e": 42}
    assert doc == yaml.safe_load("a: !!str 12\nb: '12'\nc: \"yes\"\nd: ! 12\ne: !!int '42'\n")


def test_parsing_leaves_the_garbage_collector_as_it_was():
    assert gc.isenabled()
    parse("a: [1, 2, {b: c}]\n", "f.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        parse("a: 1\n", "f.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_loader_reuses_a_file_only_while_its_text_is_the_same(tmp_path):
    path = tmp_path / "sample.yaml"
    path.write_text((SAMPLE / "sample.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first, doc1, problems1 = loader.load(path, Scenario)
    again, doc2, problems2 = loader.load(path, Scenario)
    assert again is first and doc2 is doc1
    problems2.append("a caller's own list")
    assert loader.load(path, Scenario)[2] == problems1 == []
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 3", "minutes: 4"), encoding="utf-8")
    changed, _, _ = loader.load(path, Scenario)
    assert changed is not first and changed.minutes == 4


def test_the_loader_cache_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "CACHE_CHARS", 2000)
    monkeypatch.setattr(loader, "_cache", {})
    monkeypatch.setattr(loader, "_cache_chars", 0)
    for i in range(20):
        path = tmp_path / f"s{i}.yaml"
        path.write_text(f"id: s{i}\n" + "# padding\n" * 20, encoding="utf-8")
        loader.load(path, Scenario)
    assert loader._cache_chars <= 2000
    assert loader._cache_chars == sum(stamp[0] for stamp, *_ in loader._cache.values())
    assert len(loader._cache) < 20
