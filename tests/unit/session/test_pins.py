"""Classroom PINs: a name is claimed with its first PIN, checked after that,
stored only as a salted hash, and locked after repeated wrong guesses."""

from __future__ import annotations

import json

import pytest

from sim.session import pins


def test_a_name_is_claimed_by_its_first_pin_and_checked_after_that():
    assert not pins.has_pin("Aino")
    assert pins.check("Aino", "1357").outcome == "claimed"
    assert pins.has_pin("Aino")
    assert pins.check("Aino", "1357").outcome == "ok"
    wrong = pins.check("Aino", "0000")
    assert wrong.outcome == "wrong" and wrong.tries_left == pins.MAX_FAILURES - 1
    assert pins.check("Bruno", "0000").outcome == "claimed"  # names are separate


def test_the_file_holds_no_pin_only_a_salted_hash_readable_by_its_owner_only():
    pins.check("Aino", "135799")
    pins.check("Bruno", "135799")
    raw = pins.pins_path().read_text()
    assert "135799" not in raw
    data = json.loads(raw)
    assert data["Aino"]["salt"] != data["Bruno"]["salt"] and data["Aino"]["hash"] != data["Bruno"]["hash"]
    assert pins.pins_path().stat().st_mode & 0o077 == 0


def test_repeated_wrong_pins_lock_the_name_for_a_while_even_from_a_new_tab():
    pins.check("Aino", "1357", now=1000)
    for _ in range(pins.MAX_FAILURES - 1):
        assert pins.check("Aino", "9999", now=1000).outcome == "wrong"
    locked = pins.check("Aino", "9999", now=1000)
    assert locked.outcome == "locked" and locked.wait_seconds == pins.LOCK_SECONDS
    # The right PIN does not open a locked name: a guesser cannot tell it was right.
    assert pins.check("Aino", "1357", now=1001).outcome == "locked"
    assert pins.check("Aino", "1357", now=1000 + pins.LOCK_SECONDS + 1).outcome == "ok"
    assert pins.check("Aino", "9999", now=2000).tries_left == pins.MAX_FAILURES - 1  # counting starts again


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", "١٢٣٤", " 1234"])
def test_only_4_to_12_ascii_digits_are_a_pin(pin):
    assert not pins.valid_pin(pin)
    with pytest.raises(ValueError):
        pins.check("Aino", pin)


def test_an_entry_not_written_by_sim_cannot_make_a_check_expensive_or_crash():
    pins.pins_path().parent.mkdir(parents=True, exist_ok=True)
    hostile = {"salt": "00" * 16, "hash": "00" * 32, "params": {"n": 2**30, "r": 64, "p": 64}}
    pins.pins_path().write_text(json.dumps({"Aino": hostile, "Bruno": "x"}))
    # Not what sim writes: treated as unclaimed, never computed with its parameters.
    assert pins.check("Aino", "1357").outcome == "claimed"
    assert pins.check("Bruno", "1357").outcome == "claimed"


def test_a_damaged_file_refuses_rather_than_letting_names_be_claimed_again():
    pins.check("Aino", "1357")
    pins.pins_path().write_text("{damaged")
    with pytest.raises(OSError, match="cannot be read"):
        pins.check("Aino", "0000")


def test_an_instructor_can_reset_a_forgotten_pin():
    pins.check("Aino", "1357")
    assert pins.forget("Aino") and not pins.forget("Aino")
    assert pins.check("Aino", "2468").outcome == "claimed"
