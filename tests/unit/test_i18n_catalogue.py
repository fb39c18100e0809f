"""The message catalogue outside the TUI: the CLI, the reports, `--plain`
and `sim serve` take their words from sim/i18n.py in English and Finnish,
and the catalogue exports to a gettext PO file that gettext's own tools accept."""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
from collections import Counter

from sim.cli.i18n import po_catalogue
from sim.cli.main import run
from sim.core.engine import MISS_REASONS
from sim.i18n import STRINGS, SUPPORTED, t, tn
from tests.cli_run import cli as run_cli
from tests.conftest import PACKAGE, SAMPLE
from tests.helpers import tool

# Outside sim/tui (whose keys tests/tui/test_i18n.py checks), every module that speaks to people.
SPEAKERS = [PACKAGE / name for name in ("plain.py", "serve.py", "console.py", "tui/launch.py")] + sorted(
    [*(PACKAGE / "cli").glob("*.py"), *(PACKAGE / "reports").glob("*.py")]
)
KEY_CALL = re.compile(r"""\b(t|tr|w|tn|n)\(\s*"([a-z_]+\.[a-z_.-]+)\"""")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_in_english_and_finnish_not_empty_and_with_the_same_fields():
    problems = []
    for key, entry in STRINGS.items():
        if set(entry) != set(SUPPORTED):
            problems.append(f"{key}: languages {sorted(entry)}")
        elif not all(text.strip() for text in entry.values()):
            problems.append(f"{key}: empty")
        elif fields(entry["en"]) != fields(entry["fi"]):
            problems.append(f"{key}: fields {sorted(fields(entry['en']))} ≠ {sorted(fields(entry['fi']))}")
    assert problems == []


def test_no_key_is_written_twice():
    # Several people add keys at once, and a dict literal keeps the last of two silently.
    tree = ast.parse((PACKAGE / "i18n.py").read_text(encoding="utf-8"))
    (literal,) = [n.value for n in ast.walk(tree) if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "STRINGS"]
    keys = [k.value for k in literal.keys]
    assert [k for k, count in Counter(keys).items() if count > 1] == []


def test_plural_keys_come_in_pairs():
    bases = {key.rpartition(".")[0] for key in STRINGS if key.endswith((".one", ".other"))}
    assert bases, "no plural keys found"
    assert [b for b in sorted(bases) if not {f"{b}.one", f"{b}.other"} <= set(STRINGS)] == []
    assert tn("count.errors", 1, "en") == "1 error" and tn("count.errors", 0, "en") == "0 errors"
    assert tn("count.errors", 2, "fi") == "2 virhettä" and tn("count.warnings", 1, "fi") == "1 varoitus"


def test_every_literal_key_outside_the_tui_exists():
    used: set[str] = set()
    for path in SPEAKERS:
        for function, key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            used |= {f"{key}.one", f"{key}.other"} if function in ("tn", "n") else {key}
    assert len(used) > 50, "the pattern found few keys: has the code changed shape?"
    assert sorted(used - set(STRINGS)) == []


def test_critical_miss_reasons_have_words_and_english_matches_the_engine():
    for code, reason in MISS_REASONS.items():
        assert t(f"miss.{code}", "en") == reason
        assert f"reason.{code}" in STRINGS


# --- the CLI in Finnish -------------------------------------------------------------


def cli(capsys, *args: object) -> tuple[int, str]:
    code, out, _ = run_cli(capsys, *args)
    return code, out


def test_walk_in_finnish(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    code, out = cli(capsys, "walk", SAMPLE / "sample.yaml", "--choices", "notice,1,1", "--lang", "fi")
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert "Esimerkki" in lines[0] and "(sample, siemenluku 0)" in lines[0]
    for expected in [
        "Asiakas: Kiukkuinen asiakas — jännitys 50, luottamus 30, uhka alkaen 75",
        "── Vuoro 1 · opening",
        "    Periaatteet: no-shaming -2",
        "    Kriittinen virhe: call-help-early",
        "Lopputulos: asia ratkesi (onnistunut lopputulos, mutta kriittinen virhe)",
        "Kriittinen virhe vuorossa 2: call-help-early — jatkoi yksin, vaikka asiakas oli uhka",
        "Kokonaisarvio: 28 — harjoittele lisää",
    ]:
        assert expected in lines, expected
    assert "Pisteet" in out and "v1 -2 välillä -2…+0 → 0/2" in out


def test_validate_list_and_the_global_lang_in_finnish(capsys):
    code, out = cli(capsys, "--lang", "fi", "validate", SAMPLE)
    assert (code, out.strip()) == (0, "0 virhettä, 0 varoitusta 3 tiedostossa")
    code, out = cli(capsys, "validate", SAMPLE, "--lang", "fi")
    assert out.strip() == "0 virhettä, 0 varoitusta 3 tiedostossa"
    code, out = cli(capsys, "--dir", SAMPLE, "list", "--lang", "fi")
    assert code == 0 and "Harjoitukset" in out
    assert re.search(r"^  sample \*\s+Esimerkki\s+palvelupiste\s+Kiukkuinen\b.*\s+helppo\s+en\s+3\s*$", out, re.M)


def test_validate_keeps_problem_lines_english_for_editors_and_ci(capsys, tmp_path):
    (tmp_path / "bad.yaml").write_text("id: x\nnodes: [\n", encoding="utf-8")
    code, out = cli(capsys, "validate", tmp_path, "--lang", "fi")
    assert code == 1
    assert out.startswith("Virheet (1)\n")
    assert re.search(r"bad\.yaml:\d+:\d+: error: ", out)
    assert out.strip().endswith("1 virhe, 0 varoitusta 1 tiedostossa")


def test_markdown_report_in_finnish(sample_library):
    from sim.core.engine import Session
    from sim.core.scoring import score
    from sim.reports.data import report_data
    from sim.reports.markdown import markdown

    s = Session.replay(sample_library.scenario("sample").scenario, sample_library.profile_for(sample_library.scenario("sample").scenario), 0, ["notice", "sorry", "file"], frozenset({"call-help-early"}))
    text = markdown(report_data(s, score(s), sample_library, "fi", {"ratings": {"no-shaming": 4}, "reflections": {"Mikä meni hyvin?": "rauhallisuus"}}))
    for expected in [
        "- Asiakas: Kiukkuinen asiakas",
        "- Lopputulos: asia ratkesi (ei onnistunut kriittisen virheen vuoksi)",
        "- Kokonaisarvio: **28** (harjoittele lisää)",
        "## Kriittiset virheet",
        "- Vuoro 2: Hälytä apua ajoissa — jatkoi yksin, vaikka asiakas oli uhka",
        "| periaate | arvio | oma arvio | ero | pisteet |",
        "| Älä nolaa (tavoite) | 50 | 4/5 | +25 | 2/4 |",
        "## Vuoro vuorolta",
        "   - jännitys 50 → 80, luottamus 30 → 30",
        "## Pohdinta",
    ]:
        assert expected in text.splitlines(), expected


# --- the gettext export --------------------------------------------------------------


def parse_po(text: str) -> dict[str, list[str]]:
    """msgctxt → [msgid, (msgid_plural,) msgstr…], enough to compare with the catalogue."""
    entries: dict[str, list[str]] = {}
    context, values, current = None, [], None
    for line in [*text.splitlines(), ""]:
        if line.startswith('"') and current is not None:
            values[-1] += _unquote(line)
            continue
        if not line.strip():
            if context is not None:
                entries[context] = values
            context, values, current = None, [], None
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt":
            context, current = _unquote(rest), None
        else:
            values.append(_unquote(rest))
            current = keyword
    return entries


def _unquote(quoted: str) -> str:
    return quoted[1:-1].replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")


def test_the_po_export_has_every_message_and_its_translation():
    entries = parse_po(po_catalogue("fi"))
    plural_bases = {k.rpartition(".")[0] for k in STRINGS if k.endswith(".one")}
    assert len(entries) == len(STRINGS) - len(plural_bases)
    assert entries["exit.crashed"] == [STRINGS["exit.crashed"]["en"], STRINGS["exit.crashed"]["fi"]]
    assert entries["count.errors"] == ["{count} error", "{count} errors", "{count} virhe", "{count} virhettä"]
    template = parse_po(po_catalogue("sv"))
    assert template["app.title"] == ["Encounter simulator", ""]  # a template for a new language


def test_msgfmt_accepts_the_po_export_and_checks_its_fields(tmp_path):
    msgfmt = tool("msgfmt", "msgfmt (GNU gettext)")
    po = tmp_path / "fi.po"
    assert run(["i18n", "--export-po", "fi", "-o", str(po)]) == 0
    check = subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "fi.mo"), str(po)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    # And it would catch a translation that lost a field.
    broken = tmp_path / "broken.po"
    broken.write_text(po.read_text(encoding="utf-8").replace('msgstr[1] "{count} virhettä"', 'msgstr[1] "{määrä} virhettä"'), encoding="utf-8")
    assert subprocess.run([msgfmt, "--check", "-o", os.devnull, str(broken)], capture_output=True).returncode != 0
    # The compiled catalogue works with Python's own gettext.
    import gettext

    with open(tmp_path / "fi.mo", "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert catalogue.pgettext("app.title", "Encounter simulator") == "Kohtaamissimulaattori"
    assert catalogue.npgettext("count.errors", "{count} error", "{count} errors", 3).format(count=3) == "3 virhettä"
