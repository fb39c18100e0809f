"""Speakers besides the client (issue 20): declared under `speakers:`, used as
`{speaker: ID, say: …}` lines, checked and located, carried by the engine's
transcript and named in the reports and `sim walk`."""

from __future__ import annotations

from pathlib import Path

from sim.authoring.lint import lint
from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.scoring import score
from sim.reports.data import render, report_data
from tests.conftest import ROOT, SAMPLE
from tests.helpers import write_scenario

SPEAKERS = ROOT / "tests" / "data" / "speakers"
SPEAKERS_DECL = {"son": {"name": {"fi": "Poika", "en": "The boy"}}, "team-leader": {"name": "Team leader"}}


def where(path: Path, needle: str) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def nodes(client: object) -> dict[str, object]:
    return {
        "opening": {
            "client": client,
            "choices": [
                {"id": "go", "say": "Go.", "feedback": "F.", "principles": {"listen-acknowledge": 1}, "next": "calm"},
                {"id": "no", "say": "No.", "feedback": "F.", "principles": {"listen-acknowledge": -1}, "next": "calm"},
            ],
        },
        "calm": {"client": {"speaker": "team-leader", "say": "Done."}, "end": "resolved"},
        "helped": {"end": "help-called"},
    }


def loaded():
    lib = load_library([SPEAKERS])
    ls = lib.scenario("speakers-desk")
    assert ls is not None, [p.format() for p in lib.problems]
    return lib, ls


def test_the_speakers_scenario_loads_and_lints_clean():
    lib, ls = loaded()
    assert lib.problems == [] and lint(ls, lib) == []
    assert ls.scenario.speaker_name("son") == {"fi": "Poika", "en": "The boy"}
    assert ls.scenario.speaker_name(None) is None and ls.scenario.speaker_name("nobody") is None


def test_an_unknown_speaker_in_a_list_is_located_with_did_you_mean(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes(["Hi", {"speaker": "sun", "say": "Mum asks."}]), speakers=SPEAKERS_DECL)
    (p,) = [p for p in lib.problems if p.severity == "error"]
    assert p.code == "unknown-speaker" and p.message == "there is no speaker `sun`" and p.hint == "did you mean `son`?"
    assert (p.line, p.col) == where(Path(p.path), "sun")


def test_an_unknown_speaker_of_a_single_line_is_located(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes({"speaker": "boss", "say": "Hello."}), speakers=SPEAKERS_DECL)
    (p,) = [p for p in lib.problems if p.severity == "error"]
    assert p.code == "unknown-speaker" and "declare it under `speakers:`" in (p.hint or "")
    assert (p.line, p.col) == where(Path(p.path), "boss")


def test_a_misspelt_key_of_a_speaker_line_is_located(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes(["Hi", {"speaker": "son", "sya": "Mum asks."}]), speakers=SPEAKERS_DECL)
    found = {p.code: p for p in lib.problems if p.severity == "error"}
    assert found["unknown-key"].hint == "did you mean `say`?"
    assert (found["unknown-key"].line, found["unknown-key"].col) == where(Path(found["unknown-key"].path), "sya")
    assert "missing required key `say`" in found["missing-key"].message


def test_a_bad_text_in_a_single_speaker_line_is_located_at_it(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes({"speaker": "son", "say": 42}), speakers=SPEAKERS_DECL)
    (p,) = [p for p in lib.problems if p.severity == "error"]
    assert "YAML read 42 as a number" in p.message
    assert (p.line, p.col) == where(Path(p.path), "42")


def test_a_speaker_who_never_speaks_is_a_warning(tmp_path):
    lib, ls = write_scenario(tmp_path, nodes("Hi"), speakers={**SPEAKERS_DECL, "guard": {"name": "Guard"}})
    assert lib.problems == [] and ls is not None
    warnings = [p for p in lint(ls, lib) if p.code == "speaker-unused"]
    assert [p.message for p in warnings] == ["speaker `son` never says anything", "speaker `guard` never says anything"]
    assert all(p.severity == "warning" for p in warnings)
    assert (warnings[1].line, warnings[1].col) == where(Path(warnings[1].path), "guard")


def test_the_engine_gives_each_line_its_speaker():
    lib, ls = loaded()
    session = Session(ls.scenario, lib.profile_for(ls.scenario))
    assert [(line.speaker, line.who) for line in session.transcript] == [("client", None), ("client", "son")]
    session.call_for_help()
    last = session.transcript[-1]
    assert (last.speaker, last.who, last.node) == ("client", "team-leader", "taken-over")
    assert last.text == {"fi": "Katsotaan tätä yhdessä.", "en": "Let's look at this together."}


def test_the_content_hash_of_a_scenario_without_speakers_is_unchanged():
    # The hash the sample had before speakers existed: journals played on it still match.
    lib = load_library([SAMPLE])
    ls = lib.scenario("sample")
    assert ls is not None and ls.scenario.content_hash == "3ca3feef8ffb1796"


def test_the_report_names_the_speaker_in_data_and_html():
    lib, ls = loaded()
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["help"])
    data = report_data(session, score(session), lib, "fi", None)
    son = data["transcript"][1]
    assert son == {"turn": 1, "node": "opening", "speaker": "client", "text": "Äiti kysyy tästä kirjeestä.", "who": "son", "name": "Poika"}
    assert "who" not in data["transcript"][0]
    page = render(report_data(session, score(session), lib, "en", None), "html")
    assert '<span class="who">The boy:</span> Mum is asking about this letter.' in page
    assert '<span class="who">Team leader:</span> Let&#x27;s look at this together.' in page
    assert '<span class="who">Client:</span> Paperi! Paperi!' in page


def test_walk_names_the_speaker(capsys):
    from sim.cli.main import run

    assert run(["walk", str(SPEAKERS / "speakers.yaml"), "--choices", "help", "--lang", "fi"]) == 0
    out = capsys.readouterr().out
    assert "Poika: Äiti kysyy tästä kirjeestä." in out and "Tiimivastaava: Katsotaan tätä yhdessä." in out
    assert run(["walk", str(SPEAKERS / "speakers.yaml"), "--choices", "look", "--json"]) == 0
    import json

    transcript = json.loads(capsys.readouterr().out)["transcript"]
    assert transcript[1]["who"] == "son" and transcript[1]["name"] == "The boy"
