"""sim.text.clean: what no output may carry, and what scripts need kept."""

from __future__ import annotations

import json

from sim.text import clean, clean_tree, local_time

HOSTILE = (
    "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52 clipboard write
    "\x9b31m"  # 8-bit CSI (C1)
    "\u202eevil\u202c"  # bidi override
    "\u2066isolate\u2069"
    "\U000e0041\U000e0042"  # tag characters: invisible text
    "\u200b"  # zero-width space
)


def test_controls_overrides_and_tags_do_not_survive():
    out = clean(HOSTILE)
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\u202c\u2066\u2069\u200b")
    assert not any(0xE0000 <= ord(ch) <= 0xE007F for ch in out)
    assert "␛" in out  # an escape is shown, not obeyed


def test_what_scripts_need_is_kept():
    persian = "می\u200cخواهم"  # ZWNJ inside a Persian word
    hindi = "क्\u200dष"  # ZWJ in a conjunct
    family = "👩\u200d👩\u200d👧"  # an emoji sequence joined by ZWJ
    marks = "\u200eabc\u200f\u061c"  # LRM, RLM, ALM: implicit marks, they cannot reorder a line
    for text in (persian, hindi, family, marks):
        assert clean(text) == text


def test_json_output_is_cleaned_keys_and_values():
    data = {"title\x1b[2J": [HOSTILE, {"n": 1, "ok": True, "none": None}]}
    dumped = json.dumps(clean_tree(data), ensure_ascii=False)
    assert "\\u001b" not in dumped and "\x1b" not in dumped and "\u202e" not in dumped
    assert json.loads(dumped)[clean("title\x1b[2J")][1] == {"n": 1, "ok": True, "none": None}


def test_local_time_takes_a_stamp_or_a_datetime_and_can_name_the_zone(monkeypatch):
    import time
    from datetime import UTC, datetime

    with monkeypatch.context() as zone:
        zone.setenv("TZ", "Europe/Helsinki")
        time.tzset()
        try:
            assert local_time("2024-01-01T10:00:00+00:00") == "2024-01-01 12:00"
            assert local_time(datetime(2024, 5, 1, 10, tzinfo=UTC), zone=True) == "2024-05-01 13:00 (UTC+03:00)"
            assert local_time(None) == "—" and local_time("not a time, but long") == "not a time, but "
            zone.setenv("TZ", "UTC")
            time.tzset()
            assert local_time("2024-01-01T10:00:00+00:00", zone=True) == "2024-01-01 10:00 (UTC)"
        finally:
            zone.undo()
            time.tzset()
