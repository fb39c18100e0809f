"""Tests for the scenario condition language (sim.content.conditions)."""

from __future__ import annotations

import itertools
import pickle
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.content.conditions import (
    MAX_DEPTH,
    MAX_LENGTH,
    And,
    Compare,
    ConditionError,
    Const,
    Not,
    Or,
    Visited,
    can_all_fail,
    evaluate,
    parse,
    references,
    satisfiable,
    to_source,
)

RANGES = {"tension": (0, 100), "trust": (0, 100)}


def error_of(source: str) -> ConditionError:
    with pytest.raises(ConditionError) as info:
        parse(source)
    return info.value


# --------------------------------------------------------------------------
# Parsing and precedence


def test_simple_comparison():
    assert parse("tension < 90") == Compare("tension", "<", 90)


def test_not_binds_tighter_than_and_and_and_tighter_than_or():
    expr = parse("not visited(a) and tension < 5 or trust > 3")
    assert expr == Or((
        And((Not(Visited("a")), Compare("tension", "<", 5))),
        Compare("trust", ">", 3),
    ))


def test_not_applies_to_a_whole_comparison():
    assert parse("not tension < 5") == Not(Compare("tension", "<", 5))


def test_parentheses_override_precedence():
    expr = parse("visited(a) and (tension < 5 or trust > 3)")
    assert expr == And((
        Visited("a"),
        Or((Compare("tension", "<", 5), Compare("trust", ">", 3))),
    ))
    assert parse("not (visited(a) or visited(b))") == Not(Or((Visited("a"), Visited("b"))))


def test_chains_are_flat_but_parenthesised_groups_are_kept():
    assert parse("true and false and true") == And((Const(True), Const(False), Const(True)))
    assert parse("true and (false and true)") == And((Const(True), And((Const(False), Const(True)))))
    assert parse("((true))") == Const(True)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("5 < tension", Compare("tension", ">", 5)),
        ("50 > tension", Compare("tension", "<", 50)),
        ("50 >= tension", Compare("tension", "<=", 50)),
        ("50 <= tension", Compare("tension", ">=", 50)),
        ("3 == turn", Compare("turn", "==", 3)),
        ("3 != turn", Compare("turn", "!=", 3)),
    ],
)
def test_number_first_comparisons_are_normalised(source, expected):
    assert parse(source) == expected


def test_whitespace_is_free_and_signs_are_part_of_numbers():
    assert parse("tension<=-5") == Compare("tension", "<=", -5)
    assert parse("tension < +5") == Compare("tension", "<", 5)
    assert parse("\n\ttension\n<\n5\t") == Compare("tension", "<", 5)
    assert parse("visited ( apology )") == Visited("apology")


def test_node_ids_allow_digits_dashes_and_uppercase():
    assert parse("visited(2nd-Call_back)") == Visited("2nd-Call_back")


def test_misspelt_lowercase_names_parse_for_the_loader_to_report():
    assert parse("tenson < 5") == Compare("tenson", "<", 5)
    assert parse("_x < 5 and if < 3") == And((Compare("_x", "<", 5), Compare("if", "<", 3)))


def test_ast_is_hashable_and_offsets_do_not_affect_equality():
    a = parse("tension < 5 and visited(x)")
    b = parse("  tension<5   and visited( x )")
    assert a == b and hash(a) == hash(b)
    assert a.operands[0].offset == 0 and b.operands[0].offset == 2
    assert len({a, b}) == 1
    # Lists are coerced so hand-built nodes stay hashable too.
    assert hash(And([Const(True), Const(False)])) == hash(And((Const(True), Const(False))))


# --------------------------------------------------------------------------
# Evaluation


@pytest.mark.parametrize(
    ("source", "state", "visited", "expected"),
    [
        ("tension < 90 and not visited(apology)", {"tension": 50}, set(), True),
        ("tension < 90 and not visited(apology)", {"tension": 50}, {"apology"}, False),
        ("tension < 90 and not visited(apology)", {"tension": 90}, set(), False),
        ("tension <= 90", {"tension": 90}, set(), True),
        ("50 > trust or visited(x)", {"trust": 60}, {"x"}, True),
        ("50 > trust or visited(x)", {"trust": 60}, set(), False),
        ("turn == 3 and trust != 0", {"turn": 3, "trust": 0}, set(), False),
        ("not (tension > 10 or trust > 10)", {"tension": 10, "trust": 10}, set(), True),
        ("true", {}, set(), True),
        ("false or tension >= -5", {"tension": -5}, set(), True),
    ],
)
def test_evaluate(source, state, visited, expected):
    assert evaluate(parse(source), state, visited) is expected


def test_evaluate_short_circuits_and_raises_keyerror_for_unknown_variables():
    assert evaluate(parse("false and missing < 1"), {}, set()) is False
    with pytest.raises(KeyError):
        evaluate(parse("missing < 1"), {}, set())


# --------------------------------------------------------------------------
# Error messages: every one must point at the offending token.


@pytest.mark.parametrize(
    ("source", "message", "offset", "hint"),
    [
        ("tension <", "expected a number after `<`", 9, None),
        ("tension < ", "expected a number after `<`", 10, None),
        ("Tension < 5", "variable names are lowercase", 0, "write `tension`"),
        ("tension = 5", "`=` is not an operator", 8, "use `==` to compare"),
        ("tension =< 5", "`=<` is not an operator", 8, "use `<=`"),
        ("tension <> 5", "`<>` is not an operator", 8, "use `!=`"),
        ("tension < 5 && trust > 3", "`&&` is not an operator", 12, "use `and`"),
        ("tension < 5 || trust > 3", "`||` is not an operator", 12, "use `or`"),
        ("!visited(a)", "`!` is not an operator", 0, "use `not`"),
        ("", "empty condition", 0, None),
        (" \n\t ", "empty condition", 0, None),
        ("tension < 5 trust", "unexpected `trust` after the end of the condition", 12,
         "join conditions with `and` or `or`"),
        ("visited(a b)", "visited() takes exactly one node id", 10, None),
        ("visited(a, b)", "visited() takes exactly one node id", 9, None),
        ("visited()", "visited() needs a node id", 8, None),
        ("visited( )", "visited() needs a node id", 9, None),
        ("visited(a", "missing `)` after `visited(a`", 9, "close it: `visited(a)`"),
        ("visited('a')", "node ids are written without quotes", 8, None),
        ("visited(_a)", "a node id cannot start with `_`", 8, None),
        ("visited < 5", "expected `(` after `visited`", 8, None),
        ("10 < tension < 50", "chained comparisons are not supported", 13,
         "use `and`: `10 < tension and tension < 50`"),
        ("tension < 5 < 7", "chained comparisons are not supported", 12, None),
        ("tension < trust", "cannot compare two variables (`tension` and `trust`)", 10, None),
        ("5 < 6", "cannot compare two numbers", 4, None),
        ("tension < 5.5", "`5.5` is not a whole number", 10, None),
        ("tension trust", "expected a comparison operator after `tension`, found `trust`", 8, None),
        ("tension < 5 and", "expected a condition after `and`", 15, None),
        ("not", "expected a condition after `not`", 3, None),
        ("and tension < 5", "expected a condition before `and`", 0, None),
        ("()", "expected a condition inside `()`", 1, None),
        ("(tension < 5", "this `(` is never closed", 0, "add a matching `)`"),
        ("tension < 5)", "unmatched `)`", 11, None),
        ("(tension < 5 trust > 2)", "unexpected `trust` inside parentheses", 13, None),
        ("tension < 5 AND trust > 2", "keywords are lowercase", 12, "write `and` instead of `AND`"),
        ("True", "keywords are lowercase", 0, "write `true` instead of `True`"),
        ("true == 1", "`true` cannot be compared", 5, None),
        ("tension < 5 trust > 2 or", "unexpected `trust` after the end of the condition", 12, None),
    ],
)
def test_error_messages_and_offsets(source, message, offset, hint):
    err = error_of(source)
    assert err.message == message
    assert err.offset == offset
    assert str(err) == message
    assert err.hint  # every error carries advice for the author
    if hint is not None:
        assert err.hint == hint


def test_chained_comparison_hint_mentions_and():
    assert "`and`" in error_of("tension < 5 < 7").hint


def test_condition_error_is_a_picklable_value_error():
    err = error_of("tension = 5")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.offset, copy.hint) == (err.message, err.offset, err.hint)


def test_non_text_condition_is_a_condition_error():
    # An unquoted YAML `when: true` arrives as a bool.
    err = error_of(True)  # type: ignore[arg-type]  # a bool on purpose: what an author's unquoted `true` arrives as
    assert err.offset == 0 and "quote" in err.hint


# --------------------------------------------------------------------------
# Hostile input: always a clean ConditionError, never evaluation or a crash.


@pytest.mark.parametrize(
    ("source", "message_start", "offset"),
    [
        ("__import__('os')", "unknown function `__import__`: only visited(node) can be called", 0),
        ('open("x")', "unknown function `open`", 0),
        ("exec('1')", "unknown function `exec`", 0),
        ("tension.__class__", "unexpected character `.`", 7),
        ("1 if x else 2", "expected a comparison operator after `1`, found `if`", 2),
        ("lambda: 0", "`lambda` is not part of the condition language", 0),
        ("tension < 5; import os", "unexpected character `;`", 11),
        ("tension < 5 # comment", "unexpected character `#`", 12),
        ("tension < 5\x00", "unexpected character U+0000", 11),
        ("\x00", "unexpected character U+0000", 0),
        ("tens\u0456on < 5", "unexpected character `\u0456` (U+0456 CYRILLIC", 4),
        ("t\u0435nsion < 5", "unexpected character `\u0435` (U+0435 CYRILLIC", 1),
        ("tension \u2264 5", "unexpected character `\u2264`", 8),
        ("tension <\u00a05", "unexpected character U+00A0 NO-BREAK SPACE", 9),
        ("tension\u200b< 5", "unexpected character U+200B", 7),
        ("visited(apolog\u00fd)", "unexpected character `\u00fd`", 14),
        ("tension < \uff15", "unexpected character `\uff15`", 10),
        ("tension < 5 and \ud800", "unexpected character U+D800", 16),
        ("tension < 1e9", "unexpected `e9` after the end of the condition", 11),
        ("{tension}", "unexpected character `{`", 0),
        ("`tension < 5`", "unexpected character backtick", 0),
        ("tension < 5 - 1", "unexpected character `-`", 12),
    ],
)
def test_malicious_strings_are_rejected_cleanly(source, message_start, offset):
    err = error_of(source)
    assert err.message.startswith(message_start), err.message
    assert err.offset == offset
    assert err.hint


def test_unicode_lookalike_hint_explains_pasting():
    assert "ASCII" in error_of("tens\u0456on < 5").hint


def test_very_long_input_is_rejected_at_the_limit():
    err = error_of("tension < 5 and " * 10_000)
    assert err.offset == MAX_LENGTH == 500
    assert "too long" in err.message and err.hint
    # Exactly at the limit is still fine.
    source = "true" + " " * (MAX_LENGTH - 4)
    assert parse(source) == Const(True)


@pytest.mark.parametrize("source", ["(" * 100_000, "(" * 400, "not " * 120 + "true", "(not " * 90])
def test_deep_nesting_never_reaches_recursion_error(source):
    err = error_of(source)
    assert err.message in ("condition is nested too deeply", f"condition is too long ({len(source)} characters; the limit is 500)")


def test_nesting_limit_is_exact():
    ok = "(" * MAX_DEPTH + "true" + ")" * MAX_DEPTH
    assert parse(ok) == Const(True)
    err = error_of("(" * (MAX_DEPTH + 1) + "true" + ")" * (MAX_DEPTH + 1))
    assert err.message == "condition is nested too deeply"
    assert err.offset == MAX_DEPTH
    assert parse("not " * MAX_DEPTH + "true") is not None
    assert error_of("not " * (MAX_DEPTH + 1) + "true").offset == 4 * MAX_DEPTH


# --------------------------------------------------------------------------
# references()


def test_references_in_source_order_with_offsets():
    source = "50 > tension and not (visited(greet) or trust >= 3) or visited(tension-2)"
    refs = references(parse(source))
    assert refs == [
        ("var", "tension", 5),
        ("node", "greet", 30),
        ("var", "trust", 40),
        ("node", "tension-2", 63),
    ]
    for _kind, name, offset in refs:
        assert source[offset:offset + len(name)] == name


def test_references_lists_repeats_and_nothing_for_constants():
    assert references(parse("a < 1 and a > -1")) == [("var", "a", 0), ("var", "a", 10)]
    assert references(parse("true or false")) == []


# --------------------------------------------------------------------------
# satisfiable() and can_all_fail()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("tension < 10 and tension > 20", False),
        ("tension > 100", False),
        ("tension >= 100", True),
        ("tension < 0", False),
        ("visited(a) and not visited(a)", False),
        ("visited(a) and not visited(b)", True),
        ("tension != 0 and tension < 1", False),
        ("tension != 100 and tension > 99", False),
        ("tension != 0 and tension != 1 and tension <= 2", True),
        ("tension != 0 and tension != 1 and tension != 2 and tension <= 2", False),
        ("tension == 50 and tension != 50", False),
        ("tension == 50 and not (tension != 50)", True),
        ("not (tension >= 0)", False),
        ("not (tension >= 0) or visited(a)", True),
        ("(tension < 10 or tension > 90) and tension > 5 and tension < 95", True),
        ("(tension < 10 or tension > 90) and tension > 10 and tension < 90", False),
        ("tension > 50 and trust < 50", True),
        ("unbounded > 1000000 and unbounded != 1000001", True),
        ("unbounded != 7", True),
        ("false", False),
        ("true", True),
        ("not not (tension > 100)", False),
    ],
)
def test_satisfiable(source, expected):
    assert satisfiable(parse(source), RANGES) is expected


def test_satisfiable_reports_an_empty_range_at_the_variable():
    with pytest.raises(ConditionError) as info:
        satisfiable(parse("visited(a) or tension < 5"), {"tension": (5, 4)})
    assert info.value.offset == 14 and "empty range" in info.value.message
    # A broken range for a variable the condition does not use is ignored.
    assert satisfiable(parse("trust < 5"), {"tension": (5, 4), "trust": (0, 10)}) is True


def test_can_all_fail():
    cover = [parse("tension < 50"), parse("tension >= 50")]
    assert can_all_fail(cover, RANGES) is False
    gap = [parse("tension < 50"), parse("tension > 50")]
    assert can_all_fail(gap, RANGES) is True
    assert can_all_fail([parse("tension <= 100")], RANGES) is False
    assert can_all_fail([parse("tension < 100")], RANGES) is True
    assert can_all_fail([parse("visited(a)"), parse("not visited(a)")], RANGES) is False
    assert can_all_fail([parse("true")], RANGES) is False
    assert can_all_fail([], RANGES) is True


def test_can_all_fail_with_many_choices_stays_fast():
    # Materialising the DNF of this would need 3**30 conjunctions.
    choices = [parse(f"tension < {i} and trust > {i} and not visited(n{i})") for i in range(30)]
    start = time.perf_counter()
    assert can_all_fail(choices, RANGES) is True
    assert can_all_fail([*choices, parse("tension >= 0")], RANGES) is False
    assert time.perf_counter() - start < 0.5


def test_pathological_analysis_gives_up_cleanly():
    # Pigeonhole: 6 pigeons, 5 holes. Unsatisfiable, and exponential for
    # any search that lacks clause learning.
    pigeons, holes = 6, 5
    clauses = [parse(" or ".join(f"visited(p{i}h{h})" for h in range(holes))) for i in range(pigeons)]
    clauses += [
        parse(f"not visited(p{i}h{h}) or not visited(p{j}h{h})")
        for h in range(holes)
        for i, j in itertools.combinations(range(pigeons), 2)
    ]
    start = time.perf_counter()
    with pytest.raises(ConditionError) as info:
        satisfiable(And(tuple(clauses)), {})
    assert time.perf_counter() - start < 1.0
    assert info.value.message == "condition is too complex to analyse"
    assert info.value.offset == 0 and info.value.hint


# --------------------------------------------------------------------------
# to_source()


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("50>tension", "tension < 50"),
        ("tension<+5", "tension < 5"),
        ("  not  visited( a )", "not visited(a)"),
        ("(a < 1 or b < 1) and c < 1", "(a < 1 or b < 1) and c < 1"),
        ("a < 1 or (b < 1 and c < 1)", "a < 1 or b < 1 and c < 1"),
        ("a < 1 and (b < 1 and c < 1)", "a < 1 and (b < 1 and c < 1)"),
        ("not (a < 1 and b < 1)", "not (a < 1 and b < 1)"),
        ("not (not a < 1)", "not not a < 1"),
        ("((true))", "true"),
    ],
)
def test_to_source_canonical_form(source, canonical):
    assert to_source(parse(source)) == canonical
    assert parse(canonical) == parse(source)


def test_to_source_of_degenerate_hand_built_nodes():
    assert to_source(And(())) == "true"
    assert to_source(Or(())) == "false"
    assert to_source(And((Or((Visited("a"), Visited("b"))),))) == "visited(a) or visited(b)"
    assert to_source(Not(And((Or((Visited("a"), Visited("b"))),)))) == "not (visited(a) or visited(b))"


@pytest.mark.parametrize(
    "bad",
    [Compare("Tension", "<", 1), Compare("and", "<", 1), Compare("a", "=", 1), Compare("a", "<", True), Visited("a b")],
)
def test_to_source_refuses_what_would_not_parse_back(bad):
    with pytest.raises(ValueError):
        to_source(bad)


# --------------------------------------------------------------------------
# Property tests

VARS = ("a", "b")
NODES = ("x", "y")
SMALL_RANGES = {"a": (0, 5), "b": (0, 5)}

atoms = st.one_of(
    st.builds(Compare, st.sampled_from(VARS), st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), st.integers(-2, 7)),
    st.builds(Visited, st.sampled_from(NODES)),
    st.builds(Const, st.booleans()),
)
exprs = st.recursive(
    atoms,
    lambda children: st.one_of(
        st.builds(Not, children),
        st.builds(And, st.lists(children, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(children, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=10,
)


def all_states():
    for a, b in itertools.product(range(6), repeat=2):
        for k in range(len(NODES) + 1):
            for visited in itertools.combinations(NODES, k):
                yield {"a": a, "b": b}, set(visited)


STATES = list(all_states())


@settings(max_examples=150, deadline=None)
@given(exprs, exprs)
def test_round_trip_and_satisfiable_match_brute_force(expr, other):
    text = to_source(expr)
    reparsed = parse(text)
    assert reparsed == expr
    assert to_source(reparsed) == text

    truth = [evaluate(expr, s, v) for s, v in STATES]
    assert satisfiable(expr, SMALL_RANGES) == any(truth)

    other_truth = [evaluate(other, s, v) for s, v in STATES]
    expected = any(not t and not o for t, o in zip(truth, other_truth))
    assert can_all_fail([expr, other], SMALL_RANGES) == expected


def test_references_leave_no_garbage_for_the_collector():
    # `sim analyze` runs with the garbage collector off: a reference cycle
    # made per call would be memory never given back.
    import gc

    from sim.content.conditions.parser import parse as parse_condition
    from sim.content.conditions.syntax import references

    expr = parse_condition("tension > 50 and (trust < 20 or not visited(calm))")
    assert [kind for kind, _, _ in references(expr)] == ["var", "var", "node"]
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(200):
            references(expr)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
