"""sim.content.yamlsafe: bounded, tag-free YAML parsing that keeps positions.

Every error is checked for its exact `line:col` (1-based, as an editor shows
it), its code and that it carries a hint an instructor can act on.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from sim.content import yamlsafe
from sim.content.yamlsafe import LList, LMap, YamlError, load_path, locate, parse


def problem_of(text: str, name: str = "f.yaml"):
    with pytest.raises(YamlError) as info:
        parse(text, name)
    return info.value.problem


def file_problem(path: Path):
    with pytest.raises(YamlError) as info:
        load_path(path)
    return info.value.problem


# --- values and positions ---------------------------------------------------


def test_values_and_marks_of_keys_values_and_items():
    text = (
        "id: sample\n"  # 1
        "count: 3\n"  # 2
        "flag: true\n"  # 3
        "none: ~\n"  # 4
        "list:\n"  # 5
        "  - one\n"  # 6
        "  - 'two'\n"  # 7
        "map: {k: v, n: -2}\n"  # 8
        "nested:\n"  # 9
        "  inner:\n"  # 10
        "    deep: \"quoted\"\n"  # 11
    )
    doc = parse(text, "f.yaml")
    v = doc.value
    assert isinstance(v, LMap)
    assert v == {
        "id": "sample",
        "count": 3,
        "flag": True,
        "none": None,
        "list": ["one", "two"],
        "map": {"k": "v", "n": -2},
        "nested": {"inner": {"deep": "quoted"}},
    }
    assert doc.path == "f.yaml"
    assert doc.mark == (1, 1) and v.mark == (1, 1)
    assert v.key_marks["id"] == (1, 1)
    assert v.value_marks["id"] == (1, 5)
    assert v.key_marks["count"] == (2, 1) and v.value_marks["count"] == (2, 8)
    # A block sequence starts at its first `-`.
    assert v.key_marks["list"] == (5, 1) and v.value_marks["list"] == (6, 3)
    items = v["list"]
    assert isinstance(items, LList)
    assert items.mark == (6, 3)
    assert items.item_marks == [(6, 5), (7, 5)]
    flow = v["map"]
    assert isinstance(flow, LMap)
    assert flow.mark == (8, 6)
    assert flow.key_marks == {"k": (8, 7), "n": (8, 13)}
    assert flow.value_marks == {"k": (8, 10), "n": (8, 16)}
    assert v["nested"]["inner"].key_marks["deep"] == (11, 5)
    assert v["nested"]["inner"].value_marks["deep"] == (11, 11)
    # Scalar styles are kept by position: quoted values shift columns by one.
    assert doc.scalar_styles[(7, 5)] == "'"
    assert doc.scalar_styles[(11, 11)] == '"'
    assert doc.scalar_styles[(6, 5)] in (None, "")


def test_locate_value_key_and_deepest_enclosing():
    doc = parse("a:\n  b:\n    - x\n    - y\n", "f.yaml")
    assert locate(doc.value, ("a", "b", 1)) == (4, 7)
    assert locate(doc.value, ("a", "b"), key=True) == (2, 3)
    # A path that leaves the document stops at the deepest existing value.
    assert locate(doc.value, ("a", "missing", "deeper")) == (2, 3)
    assert locate(doc.value, ()) == (1, 1)


def test_plain_scalars_resolve_like_yaml_1_1_but_quoted_stay_text():
    # `010` (octal) and the like are refused: see test_yaml_surprises.py.
    doc = parse("a: 1_000\nb: '10'\nc: 1.5\nd: yes\ne: \"true\"\nf: +2\ng: '010'\n", "f.yaml")
    assert doc.value == {"a": 1000, "b": "10", "c": 1.5, "d": True, "e": "true", "f": 2, "g": "010"}


# --- syntax errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col", "in_message", "in_hint"),
    [
        pytest.param('a: "abc\nb: c\n', 3, 1, "quoted scalar that starts at line 1, column 4", "quote was opened but never closed", id="unterminated-quote"),
        pytest.param("a: [1, 2\nb: c\n", 2, 2, "flow sequence that starts at line 1, column 4", "`[` or `{` was opened but not closed", id="unclosed-flow"),
        pytest.param("a:\n\tb: c\n", 2, 1, "cannot start any token", "indent with spaces, not tabs", id="tab-indent"),
        pytest.param("a:\n  b: 1\n\tc: 2\n", 3, 1, "tab character", "indent with spaces, not tabs", id="tab-after-spaces"),
        pytest.param('a: "C:\\q"\n', 1, 7, "unknown escape character", "use single quotes", id="bad-escape"),
        pytest.param("a: b: c\n", 1, 5, "mapping values are not allowed", 'a `:` followed by a space inside a value needs quotes', id="a-b-c"),
        pytest.param("a: |x\n  text\n", 1, 5, "block scalar", "check the `|` or `>` line", id="block-scalar-header"),
        pytest.param("a: %x\n", 1, 4, "cannot start any token", "`%` cannot start a plain value: put the value in quotes", id="percent"),
    ],
)
def test_syntax_errors_are_located_with_a_hint(text, line, col, in_message, in_hint):
    p = problem_of(text)
    assert (p.path, p.line, p.col) == ("f.yaml", line, col)
    assert p.code == "yaml-syntax"
    assert p.severity == "error"
    assert p.message.startswith("YAML syntax: ")
    assert in_message in p.message
    assert p.hint and in_hint in p.hint
    assert p.location == f"f.yaml:{line}:{col}"
    assert f"\n    hint: {p.hint}" in p.format()


def test_duplicate_key_is_an_error_not_an_overwrite():
    p = problem_of("id: one\ntitle: T\nid: two\n")
    assert (p.line, p.col, p.code) == (3, 1, "duplicate-key")
    assert p.message == "duplicate key `id` (first at line 1)"
    assert "remove or rename" in p.hint


def test_duplicate_key_in_nested_flow_mapping():
    p = problem_of("a:\n  b: {x: 1, y: 2, x: 3}\n")
    assert (p.line, p.col, p.code) == (2, 19, "duplicate-key")
    assert "`x`" in p.message


def test_duplicate_anchor():
    p = problem_of("a: &x 1\nb: &x 2\n")
    assert (p.line, p.col, p.code) == (2, 4, "yaml-syntax")
    assert p.message == "anchor `&x` is defined twice"
    assert p.hint


def test_duplicate_anchor_on_collections():
    p = problem_of("a: &x {k: 1}\nb: &x [2]\n")
    assert (p.line, p.col) == (2, 4)
    assert "defined twice" in p.message


def test_undefined_alias():
    p = problem_of("a: 1\nb: *nope\n")
    assert (p.line, p.col, p.code) == (2, 4, "yaml-syntax")
    assert p.message == "alias `*nope` refers to no anchor"
    assert p.hint == "define `&nope` before using it"


def test_recursive_alias_is_refused():
    p = problem_of("a: &x [1, *x]\n")
    assert (p.line, p.col) == (1, 11)
    assert "refers to no anchor" in p.message


def test_key_that_is_a_collection():
    p = problem_of("? [a]\n: 1\n")
    assert (p.line, p.col) == (1, 3)
    assert p.message == "a mapping key must be a plain value"


# --- tags: nothing is ever constructed -------------------------------------------


@pytest.fixture
def no_os_system(monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a, **k: calls.append(a) or 0)
    return calls


@pytest.mark.parametrize(
    ("template", "col", "tag"),
    [
        ("a: !!python/object/apply:os.system ['touch {marker}']\n", 4, "tag:yaml.org,2002:python/object/apply:os.system"),
        ("a: !!python/name:os.system\n", 4, "tag:yaml.org,2002:python/name:os.system"),
        ("a: !!python/object/new:os.system ['touch {marker}']\n", 4, "tag:yaml.org,2002:python/object/new:os.system"),
        ("a: !foo bar\n", 4, "!foo"),
        ("a:\n  - ok\n  - !foo {x: 1}\n", 5, "!foo"),
        ("a: !!binary aGk=\n", 4, "tag:yaml.org,2002:binary"),
    ],
)
def test_tags_are_refused_and_nothing_runs(template, col, tag, tmp_path, no_os_system):
    marker = tmp_path / "ran"
    text = template.replace("{marker}", str(marker))
    p = problem_of(text)
    line = 3 if text.startswith("a:\n") else 1
    assert (p.line, p.col, p.code) == (line, col, "yaml-tag")
    assert p.message == f"YAML tag `{tag}` is not allowed"
    assert "remove the `!…` tag" in p.hint
    assert no_os_system == []
    assert not marker.exists()


def test_plain_yaml_tags_for_plain_types_are_allowed():
    assert parse("a: !!str 5\nb: !!int '7'\n", "f").value == {"a": "5", "b": 7}


def test_explicit_plain_tag_with_wrong_value():
    p = problem_of("a: !!int abc\n")
    assert (p.line, p.col, p.code) == (1, 4, "yaml-syntax")
    assert p.message.startswith("cannot read `abc` as int")
    assert p.hint == "quote the value to keep it as text"


# --- documents -----------------------------------------------------------------


def test_multiple_documents_are_refused_at_the_second():
    p = problem_of("a: 1\n---\nb: 2\n")
    assert (p.line, p.col, p.code) == (2, 1, "yaml-syntax")
    assert p.message == "more than one YAML document in this file"
    assert "`---`" in p.hint


def test_explicit_single_document_is_fine_but_two_are_not():
    assert parse("---\na: 1\n...\n", "f").value == {"a": 1}
    p = problem_of("---\na: 1\n...\n---\nb: 2\n")
    assert (p.line, p.col) == (4, 1)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# and another\n", "   \n# x\n"])
def test_empty_file_or_comments_only(text):
    p = problem_of(text)
    assert (p.line, p.col, p.code) == (1, 1, "empty")
    assert p.message == "the file is empty"
    # A wheel install has no docs/ folder: the guide is named by its address.
    assert p.hint.endswith("see https://github.com/encounter-sim/encounter-sim/blob/main/docs/authoring.md")


# --- reading files -------------------------------------------------------------------


def test_bom_is_accepted_and_positions_ignore_it(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\nname: caf\xc3\xa9\n")
    doc = load_path(path)
    assert doc.value == {"id": "x", "name": "café"}
    assert doc.value.key_marks["id"] == (1, 1)
    assert doc.path == str(path)


def test_invalid_utf8_is_located_at_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: x\nname: ok\ntitle: P\xe4iv\xe4\n")
    p = file_problem(path)
    assert (p.path, p.line, p.col, p.code) == (str(path), 3, 9, "encoding")
    assert p.message == "invalid UTF-8 byte 0xe4"
    assert "UTF-8" in p.hint


def test_invalid_utf8_column_counts_characters_not_bytes(tmp_path):
    # `é` is two bytes but one column in an editor.
    path = tmp_path / "mixed.yaml"
    path.write_bytes("name: café ".encode() + b"\xe9t\xe9\n")
    p = file_problem(path)
    assert (p.line, p.col) == (1, 12)


def test_binary_file(tmp_path):
    path = tmp_path / "picture.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    p = file_problem(path)
    assert (p.line, p.col, p.code) == (1, 1, "encoding")
    assert p.message == "this looks like a binary file, not YAML text"
    assert p.hint


def test_file_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 64)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 100 + "\n")
    p = file_problem(path)
    assert (p.line, p.col, p.code) == (1, 1, "limit")
    assert p.message == "file is too large (104 bytes; the limit is 64)"
    assert "split" in p.hint
    # parse() applies the same limit to text it is given directly.
    assert problem_of("a: " + "x" * 100).code == "limit"


def test_folder_passed_as_file(tmp_path):
    p = file_problem(tmp_path)
    assert (p.path, p.line, p.col, p.code) == (str(tmp_path), 1, 1, "io")
    assert p.message == "this is a folder, not a file"
    assert p.hint


def test_missing_file(tmp_path):
    p = file_problem(tmp_path / "nope.yaml")
    assert (p.line, p.col, p.code) == (1, 1, "io")
    assert p.message == "file not found"
    assert p.hint == "check the path and its spelling"


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    if os.geteuid() == 0:  # root reads a chmod 000 file anyway
        def deny(path, limit):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr("sim.content.yamlsafe.read_limited", deny)
    else:
        path.chmod(0)
    try:
        p = file_problem(path)
    finally:
        path.chmod(0o644)
    assert (p.line, p.col, p.code) == (1, 1, "io")
    assert p.message == "permission denied"
    assert p.hint


# --- limits ---------------------------------------------------------------------


def test_deep_flow_nesting_is_refused_without_recursion():
    p = problem_of("[" * 100_000)
    assert p.code == "limit"
    assert (p.line, p.col) == (1, yamlsafe.MAX_DEPTH + 1)
    assert p.message == f"nesting is deeper than {yamlsafe.MAX_DEPTH} levels"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{a: " * 5_000, (1, 4 * yamlsafe.MAX_DEPTH + 1)),
        ("- " * 3_000 + "x", (1, 2 * yamlsafe.MAX_DEPTH + 1)),
        ("[{" * 2_000, (1, yamlsafe.MAX_DEPTH + 1)),
    ],
    ids=["flow-mappings", "block-sequences-on-one-line", "mixed-flow"],
)
def test_nesting_past_the_parsers_own_limit_is_our_limit(text, where):
    # libyaml 0.2.6 refuses 1,000 levels itself ("exceeded maximum nesting
    # depth"); whichever parser refuses first, the author sees our limit at
    # the place where it is crossed.
    p = problem_of(text)
    assert p.code == "limit"
    assert (p.line, p.col) == where
    assert p.hint == "flatten the structure"


def test_deep_block_mappings_are_refused_without_recursion():
    text = "".join("  " * i + "a:\n" for i in range(1000))
    p = problem_of(text)
    assert p.code == "limit"
    depth = yamlsafe.MAX_DEPTH
    # The mapping that would be one level too deep starts at its first key.
    assert (p.line, p.col) == (depth + 1, 2 * depth + 1)


def test_nesting_just_within_the_limit_is_fine():
    depth = yamlsafe.MAX_DEPTH
    doc = parse("[" * depth + "]" * depth, "f")
    value = doc.value
    for _ in range(depth - 1):
        value = value[0]
    assert value == []


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_before_it_expands():
    # Measured in memory, not seconds, so load on the machine cannot change
    # the verdict: expanding the aliases would take gigabytes.
    tracemalloc.start()
    try:
        with pytest.raises(YamlError) as info:
            parse(billion_laughs(), "lol.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    p = info.value.problem
    assert p.code == "limit"
    assert f"more than {yamlsafe.MAX_NODES:,} values" in p.message
    assert "aliases" in p.hint
    assert p.line == 7  # the level where the expansion passes the limit
    assert peak < 20 * 1024 * 1024


def test_large_legitimate_alias_use_works():
    base = "{" + ", ".join(f"k{i}: {i}" for i in range(100)) + "}"
    text = f"base: &b {base}\nitems:\n" + "".join("  - *b\n" for _ in range(2000))
    doc = parse(text, "f")
    items = doc.value["items"]
    assert len(items) == 2000
    assert items[0] == items[-1] == {f"k{i}": i for i in range(100)}
    assert items[1999] is doc.value["base"]  # shared, not copied
    assert items.item_marks[1999] == (2002, 5)


def test_alias_counting_uses_the_anchor_size(monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 50)
    # 11 values in the anchored list; 4 aliases push past 50.
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a]\n"
    p = problem_of(text)
    assert p.code == "limit"
    assert (p.line, p.col) == (2, 17)
