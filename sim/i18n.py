"""The simulator's own words in English and Finnish, and which language to
show: `--lang`, else SIM_LANG or the locale, else English.

Why a Python dict and not gettext .po files compiled with Babel: the
catalogue is written by the people who write the code, in two languages, so
a key with its English and Finnish side by side is one reviewable diff; a test
checks at test time that every key has every language, no empty text and the
same `{fields}` (gettext only finds a missing translation at run time, by
silently showing English); and there is no compile step for the wheel to get
wrong. The standard format is still one command away: `sim i18n --export-po
fi` writes a gettext PO file (msgctxt = key, msgid = English, plural keys as
msgid_plural) for Poedit, Weblate or Babel, and `msgfmt --check` accepts it
(tested). The way back is `sim i18n --import-po fi.po`: it reads a
translated PO file (read as strictly as msgfmt reads it) into this catalogue's shape, `KEY: text` as
JSON, and reports untranslated, fuzzy, stale (the English changed since
export) and unknown entries and lost `{fields}` as located problems, so a
third language or translators outside the team can work in their own tools
and the result is pasted in here after review.

Plural forms are the keys `KEY.one` and `KEY.other`, read with `tn`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

SUPPORTED = ("en", "fi")

# Hints link the guides on GitHub: a wheel carries no docs/ folder, so
# "see docs/authoring.md" would name a file the user does not have. Here, in
# the lowest layer, so the catalogue below and every other layer can use it.
REPOSITORY_URL = "https://github.com/encounter-sim/encounter-sim"
DOCS_URL = f"{REPOSITORY_URL}/blob/main/docs"


def default_lang() -> str:
    """SIM_LANG, else the locale as GNU gettext reads it: the locale is LC_ALL,
    else LC_MESSAGES, else LANG (the first one set); unless it is C or POSIX,
    LANGUAGE (a `:` list of preferences, the first one we have wins) comes
    before it."""
    sim_lang = os.environ.get("SIM_LANG", "")
    if sim_lang:
        return _code(sim_lang) if _code(sim_lang) in SUPPORTED else "en"
    locale = next((os.environ[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(var)), "")
    # `LC_ALL=C` is how scripts and bug reports ask for untranslated output;
    # gettext ignores LANGUAGE then, and a later variable must not bring a
    # translation back either. C.UTF-8 is the same request with UTF-8.
    if _code(locale) in ("c", "posix"):
        return "en"
    for wanted in os.environ.get("LANGUAGE", "").split(":"):
        if _code(wanted) in SUPPORTED:
            return _code(wanted)
    # A locale we have no words for (LC_ALL=de_DE) gets English, as gettext
    # gives it the untranslated text, not a language from a variable it overrides.
    return _code(locale) if _code(locale) in SUPPORTED else "en"


def _code(locale: str) -> str:
    """`fi_FI.UTF-8@euro` → `fi`."""
    return locale.split(".")[0].split("@")[0].split("_")[0].lower()


def lang_from_argv(argv: Sequence[str]) -> str:
    """The language a command line asks for with `--lang X` or `--lang=X`
    (anywhere, the last supported one), else `default_lang()`.

    `sim` needs it before its argument parser exists, because the parser's
    own words (help, usage errors) are in that language too."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in SUPPORTED:
            found = value
    return found or default_lang()


# The simulator's own words, in every supported language. Authored texts
# (scenarios, personas, principles) carry their own translations and are not
# here. `{name}` fields are filled in by `t`.
STRINGS: dict[str, dict[str, str]] = {
    # === Reach: the CLI, reports, `--plain` and `sim serve` (one section, kept together) ===
    # Plural forms are `KEY.one` / `KEY.other`, read with `tn`: English and Finnish
    # both have exactly these two (CLDR), and the PO export maps them to msgid_plural.
    # --- shared words ---
    "miss.alone": {"en": "carried on alone while the client was a threat", "fi": "jatkoi yksin, vaikka asiakas oli uhka"},
    "miss.against": {"en": "chose an option that goes against a critical principle", "fi": "valitsi vaihtoehdon, joka rikkoo kriittistä periaatetta"},
    "miss.escalated": {"en": "the encounter escalated without a call for help", "fi": "tilanne kärjistyi, eikä apua hälytetty"},
    "count.errors.one": {"en": "{count} error", "fi": "{count} virhe"},
    "count.errors.other": {"en": "{count} errors", "fi": "{count} virhettä"},
    "count.warnings.one": {"en": "{count} warning", "fi": "{count} varoitus"},
    "count.warnings.other": {"en": "{count} warnings", "fi": "{count} varoitusta"},
    "count.in_files.one": {"en": "in {count} file", "fi": "{count} tiedostossa"},
    "count.in_files.other": {"en": "in {count} files", "fi": "{count} tiedostossa"},
    # --- sim validate (the file:line:col lines stay English: editors and CI parse them) ---
    "validate.errors": {"en": "Errors ({count})", "fi": "Virheet ({count})"},
    "validate.warnings": {"en": "Warnings ({count})", "fi": "Varoitukset ({count})"},
    "validate.summary": {"en": "{errors}, {warnings} {in_files}", "fi": "{errors}, {warnings} {in_files}"},
    # --- sim list ---
    "list.col.id": {"en": "id", "fi": "tunnus"},
    "list.col.title": {"en": "title", "fi": "otsikko"},
    "list.col.channel": {"en": "channel", "fi": "kanava"},
    "list.col.persona": {"en": "persona", "fi": "asiakas"},
    "list.col.difficulty": {"en": "difficulty", "fi": "vaikeus"},
    "list.col.lang": {"en": "lang", "fi": "kieli"},
    "list.col.minutes": {"en": "min", "fi": "min"},
    "list.broken.one": {
        "en": "{count} file has errors and is not listed; run `sim validate` on it.",
        "fi": "{count} tiedostossa on virheitä, eikä sitä ole luettelossa; tarkista se komennolla `sim validate`.",
    },
    "list.broken.other": {
        "en": "{count} files have errors and are not listed; run `sim validate` on them.",
        "fi": "{count} tiedostossa on virheitä, eikä niitä ole luettelossa; tarkista ne komennolla `sim validate`.",
    },
    # --- sim walk ---
    "walk.seed": {"en": "({id}, seed {seed})", "fi": "({id}, siemenluku {seed})"},
    "walk.client": {
        "en": "Client: {name} — tension {tension}, trust {trust}, threat at {threshold}",
        "fi": "Asiakas: {name} — jännitys {tension}, luottamus {trust}, uhka alkaen {threshold}",
    },
    "walk.turn": {"en": "── Turn {turn} · {node} ", "fi": "── Vuoro {turn} · {node} "},
    "walk.gloss": {"en": "(you understand: {text})", "fi": "(ymmärrät: {text})"},
    "walk.help": {"en": "calls for help", "fi": "hälyttää apua"},
    "walk.timeout": {"en": "the time limit ran out", "fi": "aikaraja umpeutui"},
    "walk.principles": {"en": "Principles", "fi": "Periaatteet"},
    "walk.critical": {"en": "Critical miss: {principle}", "fi": "Kriittinen virhe: {principle}"},
    "walk.success": {"en": "a successful ending", "fi": "onnistunut lopputulos"},
    "walk.success_but_miss": {"en": "a successful ending, but with a critical miss", "fi": "onnistunut lopputulos, mutta kriittinen virhe"},
    "walk.not_success": {"en": "not a successful ending", "fi": "ei onnistunut lopputulos"},
    "walk.ending": {"en": "Ending: {ending} ({verdict})", "fi": "Lopputulos: {ending} ({verdict})"},
    "walk.stopped": {"en": "Stopped at node `{node}` (not an ending)", "fi": "Pysähtyi solmuun `{node}` (ei lopputulos)"},
    "walk.scores": {"en": "Scores", "fi": "Pisteet"},
    "walk.col.principle": {"en": "principle", "fi": "periaate"},
    "walk.col.score": {"en": "score", "fi": "arvio"},
    "walk.col.points": {"en": "points", "fi": "pisteet"},
    "walk.col.earned": {"en": "earned at", "fi": "ansaittu vuoroissa"},
    "walk.evidence": {"en": "t{turn} {delta} of {worst}…{best} → {earned}/{possible}", "fi": "v{turn} {delta} välillä {worst}…{best} → {earned}/{possible}"},
    "walk.goal_mark": {"en": "★ goal of this scenario", "fi": "★ tämän harjoituksen tavoite"},
    "walk.overall": {"en": "Overall: {overall} — {grade}", "fi": "Kokonaisarvio: {overall} — {grade}"},
    "walk.overall_capped": {
        "en": "Overall: {overall} (capped from {uncapped} by {why}) — {grade}",
        "fi": "Kokonaisarvio: {overall} ({why} rajasi arviosta {uncapped}) — {grade}",
    },
    # --- the Markdown report ---
    "report.scenario": {"en": "Scenario: `{id}` (content {hash}), seed {seed}", "fi": "Harjoitus: `{id}` (sisältö {hash}), siemenluku {seed}"},
    "report.client": {"en": "Client: {name}", "fi": "Asiakas: {name}"},
    "report.ending": {"en": "Ending: {ending}", "fi": "Lopputulos: {ending}"},
    "report.overall": {"en": "Overall: **{score}** ({grade})", "fi": "Kokonaisarvio: **{score}** ({grade})"},
    "report.session": {
        "en": "Session: `{id}`, trainee {trainee}, played {started}, mode {mode}",
        "fi": "Harjoituskerta: `{id}`, harjoittelija {trainee}, pelattu {started}, tila {mode}",
    },
    "report.changed": {
        "en": (
            "**Note:** the scenario has changed since this session was played (content {old} → {new}); "
            "the transcript and scores are replayed on the current version."
        ),
        "fi": (
            "**Huom.:** harjoitus on muuttunut tämän harjoituskerran jälkeen (sisältö {old} → {new}); "
            "keskustelu ja pisteet on toistettu nykyisellä versiolla."
        ),
    },
    "report.misses": {"en": "Critical misses", "fi": "Kriittiset virheet"},
    "report.miss": {"en": "Turn {turn}: {principle} — {reason}", "fi": "Vuoro {turn}: {principle} — {reason}"},
    "report.principles": {"en": "Principles", "fi": "Periaatteet"},
    "report.col.principle": {"en": "principle", "fi": "periaate"},
    "report.col.score": {"en": "score", "fi": "arvio"},
    "report.col.self": {"en": "self-rating", "fi": "oma arvio"},
    "report.col.gap": {"en": "gap", "fi": "ero"},
    "report.col.points": {"en": "points", "fi": "pisteet"},
    "report.goal": {"en": "(goal)", "fi": "(tavoite)"},
    "limits.now.normal": {"en": "Time limits are as the scenarios set them.", "fi": "Aikarajat ovat sellaiset kuin harjoituksissa on asetettu."},
    "limits.now.double": {"en": "Time limits are doubled from now on.", "fi": "Aikarajat ovat tästä lähtien kaksinkertaiset."},
    "limits.now.off": {"en": "Time limits are off from now on: no turn is timed.", "fi": "Aikarajat eivät ole enää käytössä: yhtäkään vuoroa ei ajasteta."},
    "limits.save_failed": {
        "en": "Could not save the setting ({error}); it is used until you quit.",
        "fi": "Asetusta ei voitu tallentaa ({error}); sitä käytetään, kunnes lopetat.",
    },
    "cmd.time_limits.normal": {"en": "Time limits: as set (change)", "fi": "Aikarajat: asetetut (vaihda)"},
    "cmd.time_limits.double": {"en": "Time limits: doubled (change)", "fi": "Aikarajat: kaksinkertaiset (vaihda)"},
    "cmd.time_limits.off": {"en": "Time limits: off (change)", "fi": "Aikarajat: pois (vaihda)"},
    "cmd.time_limits.help": {
        "en": "An accessibility setting: as set → doubled → off; remembered for you, and said in your reports",
        "fi": "Saavutettavuusasetus: asetetut → kaksinkertaiset → pois; muistetaan sinulle ja kerrotaan raporteissasi",
    },
    "args.time_limits": {
        "en": "time limits as the scenario sets them, doubled, or off (an accessibility setting; default: the trainee's own)",
        "fi": "aikarajat harjoituksen mukaan, kaksinkertaisina tai pois (saavutettavuusasetus; oletus: harjoittelijan oma)",
    },
    "limits.double": {
        "en": "Time limits were doubled (an accessibility setting).",
        "fi": "Aikarajat olivat kaksinkertaiset (saavutettavuusasetus).",
    },
    "limits.off": {
        "en": "Time limits were off (an accessibility setting).",
        "fi": "Aikarajat eivät olleet käytössä (saavutettavuusasetus).",
    },
    "report.help": {"en": "called for help", "fi": "hälytit apua"},
    "report.help.phone": {"en": "asked for help", "fi": "pyysit apua"},
    "report.help.chat": {"en": "asked for help", "fi": "pyysit apua"},
    "report.help.email": {"en": "asked for help", "fi": "pyysit apua"},
    "report.timeout": {"en": "let the time run out", "fi": "annoit ajan loppua"},
    "report.said": {"en": "“{text}”", "fi": "”{text}”"},
    "report.state": {
        "en": "tension {tension_before} → {tension_after}, trust {trust_before} → {trust_after}",
        "fi": "jännitys {tension_before} → {tension_after}, luottamus {trust_before} → {trust_after}",
    },
    "report.feedback": {"en": "feedback: {text}", "fi": "palaute: {text}"},
    "report.better": {"en": "better: {text}", "fi": "parempi: {text}"},
    "report.call_help": {"en": "call for help", "fi": "hälytä apua"},
    "report.reflection": {"en": "Reflection", "fi": "Pohdinta"},
    # --- sim play --plain ---
    "plain.controls": {
        "en": "Type the number of your answer and press Enter. h calls for help at any moment; p pauses the clock; q saves and quits (resume later).",
        "fi": (
            "Kirjoita vastauksesi numero ja paina Enter. h hälyttää apua milloin tahansa; p pysäyttää "
            "kellon; q tallentaa ja lopettaa (voit jatkaa myöhemmin)."
        ),
    },
    "plain.controls.phone": {
        "en": "Type the number of your answer and press Enter. h asks for help at any moment; p pauses the clock; q saves and quits (resume later).",
        "fi": "Kirjoita vastauksesi numero ja paina Enter. h pyytää apua milloin tahansa; p pysäyttää kellon; q tallentaa ja lopettaa (voit jatkaa myöhemmin).",
    },
    "plain.controls.chat": {
        "en": "Type the number of your answer and press Enter. h asks for help at any moment; p pauses the clock; q saves and quits (resume later).",
        "fi": "Kirjoita vastauksesi numero ja paina Enter. h pyytää apua milloin tahansa; p pysäyttää kellon; q tallentaa ja lopettaa (voit jatkaa myöhemmin).",
    },
    "plain.controls.email": {
        "en": "Type the number of your answer and press Enter. h asks for help at any moment; p pauses the clock; q saves and quits (resume later).",
        "fi": "Kirjoita vastauksesi numero ja paina Enter. h pyytää apua milloin tahansa; p pysäyttää kellon; q tallentaa ja lopettaa (voit jatkaa myöhemmin).",
    },
    "plain.own_words": {
        "en": "Write your reply in your own words and press Enter (? lists the options; h help, p pause, q save and quit).",
        "fi": "Kirjoita vastauksesi omin sanoin ja paina Enter (? näyttää vaihtoehdot; h apua, p tauko, q tallenna ja lopeta).",
    },
    "plain.understood": {"en": "You wrote “{text}” — understood as: “{option}”", "fi": "Kirjoitit ”{text}” — tulkittu: ”{option}”"},
    "plain.understood.confirm": {
        "en": "Enter takes it; ? lists the options to pick another; anything else lets you write again: ",
        "fi": "Enter hyväksyy; ? näyttää vaihtoehdot toisen valitsemiseksi; muu kirjoitus antaa kirjoittaa uudelleen: ",
    },
    "plain.own_words.again": {"en": "Write your reply again, or ? for the options.", "fi": "Kirjoita vastauksesi uudelleen, tai ? näyttää vaihtoehdot."},
    "plain.did_you_mean": {"en": "You wrote “{text}”. Did you mean:", "fi": "Kirjoitit ”{text}”. Tarkoititko:"},
    "plain.did_you_mean.pick": {
        "en": "Type 1–{last}, ? for all the options, or Enter to write again: ",
        "fi": "Kirjoita 1–{last}, ? näyttää kaikki vaihtoehdot, tai Enter kirjoittaaksesi uudelleen: ",
    },
    "plain.not_understood": {
        "en": "That did not match any of the options here. Write it another way, or ? for the options.",
        "fi": "Vastaus ei vastannut mitään tämän hetken vaihtoehdoista. Kirjoita se toisin, tai ? näyttää vaihtoehdot.",
    },
    "plain.pick": {"en": "Your choice (1–{last}): ", "fi": "Valintasi (1–{last}): "},
    "turn.typed": {"en": "In your own words: “{text}”", "fi": "Omin sanoin: ”{text}”"},
    "turn.typed.corrected": {
        "en": "In your own words: “{text}” (you chose the option yourself)",
        "fi": "Omin sanoin: ”{text}” (valitsit vaihtoehdon itse)",
    },
    "args.own_words": {
        "en": "answer in your own words: type each reply; it is matched to the option it means",
        "fi": "vastaa omin sanoin: kirjoita vastaukset, ja ne tulkitaan vaihtoehdoiksi",
    },
    "plain.time_limit": {"en": "Time limit: {seconds} seconds.", "fi": "Aikaraja: {seconds} sekuntia."},
    "plain.paused": {
        "en": "Paused: the clock has stopped. Press Enter to go on. ",
        "fi": "Tauko: kello on pysähtynyt. Jatka painamalla Enter. ",
    },
    "plain.invalid": {
        "en": "Type a number from 1 to {last}, h for help or q to save and quit.",
        "fi": "Kirjoita numero 1–{last}, h hälyttääksesi apua tai q tallentaaksesi ja lopettaaksesi.",
    },
    "plain.invalid.phone": {
        "en": "Type a number from 1 to {last}, h to ask for help or q to save and quit.",
        "fi": "Kirjoita numero 1–{last}, h pyytääksesi apua tai q tallentaaksesi ja lopettaaksesi.",
    },
    "plain.invalid.chat": {
        "en": "Type a number from 1 to {last}, h to ask for help or q to save and quit.",
        "fi": "Kirjoita numero 1–{last}, h pyytääksesi apua tai q tallentaaksesi ja lopettaaksesi.",
    },
    "plain.invalid.email": {
        "en": "Type a number from 1 to {last}, h to ask for help or q to save and quit.",
        "fi": "Kirjoita numero 1–{last}, h pyytääksesi apua tai q tallentaaksesi ja lopettaaksesi.",
    },
    "plain.rate_prompt": {"en": "Your rating (1–5): ", "fi": "Arviosi (1–5): "},
    "plain.rate_invalid": {
        "en": "Type a number from 1 (not at all) to 5 (fully), or q to save and quit.",
        "fi": "Kirjoita numero 1 (en lainkaan) – 5 (täysin) tai q tallentaaksesi ja lopettaaksesi.",
    },
    "plain.saved": {
        "en": "Saved. Start `sim play` or `sim` again to resume where you left off.",
        "fi": "Tallennettu. Käynnistä `sim play` tai `sim` uudelleen jatkaaksesi siitä, mihin jäit.",
    },
    "plain.not_saved": {
        "en": "This session could not be saved, so it cannot be resumed.",
        "fi": "Tätä harjoitusta ei voitu tallentaa, joten sitä ei voi jatkaa.",
    },
    "plain.principles": {"en": "Principles: score, your own rating and the gap", "fi": "Periaatteet: arvio, oma arviosi ja niiden ero"},
    "plain.principle_line": {"en": "{name}: score {score}; you {rating}; gap {gap}", "fi": "{name}: arvio {score}; itse {rating}; ero {gap}"},
    "plain.goal_mark": {
        "en": "★ a goal of this scenario · your rating 1–5 counts as 0, 25, 50, 75, 100",
        "fi": "★ tämän harjoituksen tavoite · arviosi 1–5 vastaa pisteitä 0, 25, 50, 75, 100",
    },
    "plain.report_hint": {"en": "The whole report: sim report {session}", "fi": "Koko raportti: sim report {session}"},
    "plain.resume.offer_at": {
        "en": "This scenario has an unfinished session, at turn {turn}, started {started}.",
        "fi": "Tästä harjoituksesta on keskeneräinen kerta, vuorossa {turn}, aloitettu {started}.",
    },
    "plain.resume.prompt": {"en": "r resume it, n start a new one, d discard it: ", "fi": "r jatka sitä, n aloita uusi, d hylkää se: "},
    "plain.resume.invalid": {"en": "Type r, n or d.", "fi": "Kirjoita r, n tai d."},
    "plain.resume.prompt_discard": {"en": "d discard it, n keep it and start a new one: ", "fi": "d hylkää se, n säilytä se ja aloita uusi: "},
    "plain.resume.invalid_discard": {"en": "Type d or n.", "fi": "Kirjoita d tai n."},
    # --- sim serve ---
    "serve.missing": {
        "en": (
            "sim serve: the browser mode needs textual-serve, which is not installed\n"
            "    hint: pip install 'encounter-sim[serve]' (in a clone: .venv/bin/pip install -e '.[serve]')"
        ),
        "fi": (
            "sim serve: selaintila tarvitsee textual-serve-paketin, jota ei ole asennettu\n"
            "    vihje: pip install 'encounter-sim[serve]' (kloonissa: .venv/bin/pip install -e '.[serve]')"
        ),
    },
    "serve.started": {
        "en": "Serving the simulator on {url} (each browser tab is its own session). Ctrl+C stops it.",
        "fi": "Simulaattori osoitteessa {url} (jokainen selaimen välilehti on oma harjoituksensa). Ctrl+C lopettaa.",
    },
    "serve.full_title": {"en": "The simulator is full", "fi": "Simulaattori on täynnä"},
    "serve.full": {
        "en": "All {count} sessions of this server are in use. Try again in a moment, or ask your trainer.",
        "fi": "Palvelimen kaikki {count} harjoituspaikkaa ovat käytössä. Yritä hetken päästä uudelleen tai kysy kouluttajalta.",
    },
    "serve.try_again": {"en": "Try again", "fi": "Yritä uudelleen"},
    "serve.foreign_origin": {
        "en": "This session can only be opened from the simulator's own page.",
        "fi": "Harjoituksen voi avata vain simulaattorin omalta sivulta.",
    },
    "serve.bad_port": {
        "en": "{value!r} is not a port: give a whole number from 1 to 65535",
        "fi": "{value!r} ei ole portti: anna kokonaisluku väliltä 1–65535",
    },
    "serve.bad_count": {
        "en": "{value!r} is not a number of sessions: give a whole number from 1 to 10000",
        "fi": "{value!r} ei ole harjoitusten määrä: anna kokonaisluku väliltä 1–10000",
    },
    "serve.bad_timeout": {
        "en": "{value!r} is not a time in seconds: give a number more than 0 and at most 86400 (a day)",
        "fi": "{value!r} ei ole aika sekunteina: anna luku, joka on yli 0 ja enintään 86400 (vuorokausi)",
    },
    "serve.args.max_sessions": {
        "en": "most browser sessions at once; more are told that the simulator is full (default 60)",
        "fi": "enimmäismäärä yhtäaikaisia selainharjoituksia; ylimääräisille kerrotaan, että simulaattori on täynnä (oletus 60)",
    },
    "serve.args.idle_timeout": {
        "en": "end a session whose browser sends nothing (no key, mouse or resize) for this many seconds (default 1800)",
        "fi": "lopeta harjoitus, jonka selain ei lähetä mitään (ei näppäintä, hiirtä eikä koon muutosta) näin moneen sekuntiin (oletus 1800)",
    },
    "serve.args.reset_pin": {
        "en": "forget NAME's PIN (a trainee who forgot it chooses a new one at the next start), then exit",
        "fi": "unohda nimen NIMI PIN-koodi (sen unohtanut harjoittelija valitsee uuden seuraavalla kerralla) ja lopeta",
    },
    "serve.pin_reset": {
        "en": "The PIN of {name} is reset: the next tab that uses the name chooses a new one.",
        "fi": "Nimen {name} PIN-koodi on nollattu: seuraava nimeä käyttävä välilehti valitsee uuden.",
    },
    "serve.pin_unknown": {"en": "{name} has no PIN.", "fi": "Nimellä {name} ei ole PIN-koodia."},
    "serve.pin_unknown_hint": {
        "en": "names are matched exactly, as typed in the browser",
        "fi": "nimiä verrataan täsmälleen sellaisina kuin ne kirjoitettiin selaimessa",
    },
    # --- files the commands write ---
    "cli.wrote": {"en": "wrote {path}", "fi": "kirjoitettu {path}"},
    # --- the HTML report (templates are escaped; fields arrive as escaped HTML) ---
    "html.title": {"en": "{title} — debrief", "fi": "{title} — palaute"},
    "html.changed_head": {"en": "The scenario has changed since this session was played", "fi": "Harjoitus on muuttunut tämän harjoituskerran jälkeen"},
    "html.changed_rest": {
        "en": "(content {old} → {new}). The transcript and scores below are replayed on the current version.",
        "fi": "(sisältö {old} → {new}). Alla oleva keskustelu ja pisteet on toistettu nykyisellä versiolla.",
    },
    "html.overall": {"en": "Overall", "fi": "Kokonaisarvio"},
    "html.ending": {"en": "Ending", "fi": "Lopputulos"},
    "html.gap": {"en": "Self-assessment gap", "fi": "Itsearvion ero"},
    "html.gap_mean.one": {"en": "mean over {count} rated principle", "fi": "keskiarvo {count} arvioidusta periaatteesta"},
    "html.gap_mean.other": {"en": "mean over {count} rated principles", "fi": "keskiarvo {count} arvioidusta periaatteesta"},
    "html.result": {"en": "Result", "fi": "Tulos"},
    "html.col.turns": {"en": "earned at", "fi": "mistä pisteet tulivat"},
    "html.passed": {"en": "passed", "fi": "hyväksytty"},
    "html.not_passed": {"en": "not passed", "fi": "ei hyväksytty"},
    "html.capped": {"en": "Capped from {uncapped} by {why}.", "fi": "Arviota rajasi {why}; ilman rajaa se olisi ollut {uncapped}."},
    "html.client": {"en": "Client: {value}", "fi": "Asiakas: {value}"},
    "html.channel": {"en": "Channel: {value}", "fi": "Kanava: {value}"},
    "html.trainee": {"en": "Trainee: {value}", "fi": "Harjoittelija: {value}"},
    "html.played_at": {"en": "Played: {value}", "fi": "Pelattu: {value}"},
    "html.mode": {"en": "Mode: {value}", "fi": "Tila: {value}"},
    "html.session": {"en": "Session: {value}", "fi": "Harjoituskerta: {value}"},
    "html.col.principle": {"en": "Principle", "fi": "Periaate"},
    "html.col.score": {"en": "Score", "fi": "Arvio"},
    "html.col.self": {"en": "Self-rating", "fi": "Oma arvio"},
    "html.col.gap": {"en": "Gap", "fi": "Ero"},
    "html.col.points": {"en": "Points", "fi": "Pisteet"},
    "html.bar": {"en": "{score} of 100", "fi": "{score}/100"},
    "html.calibrated": {"en": "accurate", "fi": "osuit lähelle"},
    "html.over": {"en": "rated higher", "fi": "arvioit korkeammaksi"},
    "html.under": {"en": "rated lower", "fi": "arvioit matalammaksi"},
    "html.scale": {
        "en": "Self-ratings 1–5 are shown on the score scale (1 = 0, 5 = 100); the gap is self-rating minus score.",
        "fi": "Omat arviot 1–5 näytetään pisteasteikolla (1 = 0, 5 = 100); ero on oma arvio miinus arvio.",
    },
    "html.tension": {"en": "Client's tension", "fi": "Asiakkaan jännitys"},
    "html.tension_label": {"en": "tension by turn: {values}", "fi": "jännitys vuoroittain: {values}"},
    "html.threshold": {"en": "(dashed line: the threat threshold, {threat})", "fi": "(katkoviiva: uhkan raja, {threat})"},
    "html.turns": {"en": "Transcript, turn by turn", "fi": "Keskustelu vuoro vuorolta"},
    "html.seconds": {"en": "{seconds} s", "fi": "{seconds} s"},
    "html.gloss": {"en": "You understand", "fi": "Ymmärrät"},
    "html.end": {"en": "End", "fi": "Loppu"},
    "html.footer": {"en": "Scenario {id}, content {hash}, seed {seed}", "fi": "Harjoitus {id}, sisältö {hash}, siemenluku {seed}"},
    # --- the class view as CSV and HTML (sim/reports/class_files.py; HTML templates are escaped) ---
    "class.files.section.grid": {"en": "principles", "fi": "periaatteet"},
    "class.files.section.attempts": {"en": "first and last attempt", "fi": "ensimmäinen ja viimeisin yritys"},
    "class.files.section.assignment": {"en": "assignments", "fi": "tehtävät"},
    "class.files.section.missed": {"en": "missed choices", "fi": "ohi menneet valinnat"},
    "class.files.col.section": {"en": "Section", "fi": "Osio"},
    "class.files.col.trainee": {"en": "Trainee", "fi": "Harjoittelija"},
    "class.files.col.principle_id": {"en": "Principle id", "fi": "Periaatteen tunniste"},
    "class.files.col.principle": {"en": "Principle", "fi": "Periaate"},
    "class.files.col.sessions": {"en": "Sessions", "fi": "Harjoituskerrat"},
    "class.files.col.latest": {"en": "Latest score", "fi": "Viimeisin tulos"},
    "class.files.col.mean": {"en": "Mean", "fi": "Keskiarvo"},
    "class.files.col.trend": {"en": "Trend", "fi": "Kehitys"},
    "class.files.col.gap": {"en": "Self-rating gap", "fi": "Itsearvion ero"},
    "class.files.col.passed": {"en": "Passed", "fi": "Hyväksytyt"},
    "class.files.col.first_scenario": {"en": "First attempt: scenario", "fi": "Ensimmäinen yritys: harjoitus"},
    "class.files.col.first_score": {"en": "First attempt: score", "fi": "Ensimmäinen yritys: tulos"},
    "class.files.col.last_scenario": {"en": "Last attempt: scenario", "fi": "Viimeisin yritys: harjoitus"},
    "class.files.col.last_score": {"en": "Last attempt: score", "fi": "Viimeisin yritys: tulos"},
    "class.files.col.change": {"en": "Change", "fi": "Muutos"},
    "class.files.col.scenario": {"en": "Scenario", "fi": "Harjoitus"},
    "class.files.col.title": {"en": "Scenario title", "fi": "Harjoituksen nimi"},
    "class.files.col.due": {"en": "Due", "fi": "Määräpäivä"},
    "class.files.col.pass": {"en": "Pass mark", "fi": "Hyväksymisraja"},
    "class.files.col.status": {"en": "Status", "fi": "Tilanne"},
    "class.files.col.attempts": {"en": "Attempts", "fi": "Yritykset"},
    "class.files.col.best": {"en": "Best score", "fi": "Paras tulos"},
    "class.files.col.done": {"en": "Done at", "fi": "Suoritettu"},
    "class.files.col.late": {"en": "Done late", "fi": "Tehty myöhässä"},
    "class.files.col.overdue": {"en": "Overdue", "fi": "Myöhässä"},
    "class.files.col.node": {"en": "Node", "fi": "Solmu"},
    "class.files.col.turns": {"en": "Turns", "fi": "Vuorot"},
    "class.files.col.missed": {"en": "Best option missed", "fi": "Paras jäi valitsematta"},
    "class.files.col.share": {"en": "Share missed", "fi": "Osuus vuoroista"},
    "class.files.col.instead": {"en": "Most taken instead", "fi": "Useimmin valittu sen sijaan"},
    "class.files.col.better": {"en": "Better option", "fi": "Parempi vaihtoehto"},
    "class.files.col.where": {"en": "Scenario and node", "fi": "Harjoitus ja solmu"},
    "class.files.status.done": {"en": "done", "fi": "tehty"},
    "class.files.status.tried": {"en": "tried", "fi": "yritetty"},
    "class.files.status.not-started": {"en": "not started", "fi": "aloittamatta"},
    "class.files.yes": {"en": "yes", "fi": "kyllä"},
    "class.files.no": {"en": "no", "fi": "ei"},
    "class.files.help": {"en": "a call for help", "fi": "avun hälyttäminen"},
    "class.files.timeout": {"en": "no answer in time", "fi": "ei vastausta ajoissa"},
    "class.files.title": {"en": "Class view", "fi": "Ryhmän yleiskuva"},
    "class.files.page_title": {"en": "{name} — class view", "fi": "{name} — ryhmän yleiskuva"},
    "class.files.source": {"en": "Source: {value}", "fi": "Lähde: {value}"},
    "class.files.source.history": {"en": "this machine's history", "fi": "tämän koneen historia"},
    "class.files.source.reports": {"en": "trainees' JSON reports", "fi": "harjoittelijoiden JSON-raportit"},
    "class.files.source.lrs": {"en": "a Learning Record Store (LRS)", "fi": "oppimistietovarasto (LRS)"},
    "class.files.generated": {"en": "Made {when}", "fi": "Laadittu {when}"},
    "class.files.trainees.one": {"en": "{count} trainee", "fi": "{count} harjoittelija"},
    "class.files.trainees.other": {"en": "{count} trainees", "fi": "{count} harjoittelijaa"},
    "class.files.sessions.one": {"en": "{count} session", "fi": "{count} harjoituskerta"},
    "class.files.sessions.other": {"en": "{count} sessions", "fi": "{count} harjoituskertaa"},
    "class.files.grid": {"en": "Scores per trainee and principle", "fi": "Tulokset harjoittelijoittain ja periaatteittain"},
    "class.files.grid_legend": {
        "en": "Each cell: the latest score in large type and its grade; below it, the mean and the number of sessions, the trend "
        "(latest minus first, from two sessions on) and the self-rating gap (self-assessment minus score: + rated themselves higher, "
        "− lower). — : not tested yet.",
        "fi": "Kussakin ruudussa viimeisin tulos isolla ja sen arvosana; alla keskiarvo ja harjoituskertojen määrä, kehitys "
        "(viimeisin miinus ensimmäinen, kahdesta kerrasta alkaen) ja itsearvion ero (oma arvio miinus tulos: + arvioi itsensä "
        "paremmaksi, − heikommaksi). — : ei vielä testattu.",
    },
    "class.files.grid_none": {"en": "No principle has been scored yet.", "fi": "Yhtään periaatetta ei ole vielä arvioitu."},
    "class.files.not_tested": {"en": "not tested yet", "fi": "ei vielä testattu"},
    "class.files.cell.mean": {"en": "mean {value}", "fi": "ka. {value}"},
    "class.files.cell.trend": {"en": "trend {value}", "fi": "kehitys {value}"},
    "class.files.cell.gap": {"en": "gap {value}", "fi": "ero {value}"},
    "class.files.calibrated": {"en": "close to the score", "fi": "lähellä tulosta"},
    "class.files.over": {"en": "rated themselves higher", "fi": "arvioi itsensä paremmaksi"},
    "class.files.under": {"en": "rated themselves lower", "fi": "arvioi itsensä heikommaksi"},
    "class.files.attempts": {"en": "First and last attempt", "fi": "Ensimmäinen ja viimeisin yritys"},
    "class.files.no_trainees": {"en": "No trainees yet.", "fi": "Ei vielä harjoittelijoita."},
    "class.files.first": {"en": "First attempt", "fi": "Ensimmäinen yritys"},
    "class.files.last": {"en": "Last attempt", "fi": "Viimeisin yritys"},
    "class.files.only_one": {"en": "the only one so far", "fi": "ainoa tähän mennessä"},
    "class.files.assignments": {"en": "Assignments", "fi": "Tehtävät"},
    "class.files.due": {"en": "Due {when}", "fi": "Määräpäivä {when}"},
    "class.files.pass": {"en": "Pass mark {score}", "fi": "Hyväksymisraja {score}"},
    "class.files.mode": {"en": "Mode: {mode}", "fi": "Tila: {mode}"},
    "class.files.done_of": {"en": "{done} of {of} done", "fi": "{done}/{of} tehty"},
    "class.files.nobody": {"en": "It is for nobody in this class.", "fi": "Tehtävä ei koske ketään tämän ryhmän jäsentä."},
    "class.files.late": {"en": "done late", "fi": "tehty myöhässä"},
    "class.files.overdue": {"en": "overdue", "fi": "myöhässä"},
    "class.files.missed": {"en": "Most-missed choices", "fi": "Useimmin ohi menneet valinnat"},
    "class.files.missed_intro": {
        "en": "Where trainees most often did not take the best option: what they took instead, and the best option there.",
        "fi": "Kohdat, joissa paras vaihtoehto jäi useimmin valitsematta: mitä valittiin sen sijaan ja mikä olisi ollut paras.",
    },
    "class.files.missed_none": {
        "en": "No judged turn has missed the best option yet.",
        "fi": "Yhdessäkään arvioidussa vuorossa paras vaihtoehto ei ole vielä jäänyt valitsematta.",
    },
    "class.files.missed_of": {"en": "{missed} of {turns} ({share})", "fi": "{missed}/{turns} ({share})"},
    "class.files.percent": {"en": "{value}%", "fi": "{value}\u00a0%"},
    "class.files.times.one": {"en": "once", "fi": "kerran"},
    "class.files.times.other": {"en": "{count} times", "fi": "{count} kertaa"},
    "class.files.instead": {"en": "Taken instead", "fi": "Valittiin sen sijaan"},
    "class.files.better": {"en": "The best option there", "fi": "Paras vaihtoehto siinä"},
    # --- sim history ---
    "cli.history.none": {"en": "No sessions yet.", "fi": "Ei vielä harjoituskertoja."},
    "cli.history.none_of": {"en": "No sessions of {trainee} yet.", "fi": "Harjoittelijalla {trainee} ei ole vielä harjoituskertoja."},
    "cli.history.play_hint": {
        "en": "Play one with `sim`; finished sessions appear here.",
        "fi": "Harjoittele komennolla `sim`; päättyneet harjoituskerrat näkyvät tässä.",
    },
    "cli.history.sessions": {"en": "Sessions", "fi": "Harjoituskerrat"},
    "cli.history.sessions_of": {"en": "Sessions of {trainee}", "fi": "Harjoituskerrat: {trainee}"},
    "cli.history.col.date": {"en": "date", "fi": "päivä"},
    "cli.history.col.id": {"en": "id", "fi": "tunnus"},
    "cli.history.col.trainee": {"en": "trainee", "fi": "harjoittelija"},
    "cli.history.col.scenario": {"en": "scenario", "fi": "harjoitus"},
    "cli.history.col.ending": {"en": "ending", "fi": "lopputulos"},
    "cli.history.col.score": {"en": "score", "fi": "arvio"},
    "cli.history.col.grade": {"en": "grade", "fi": "taso"},
    "cli.history.col.result": {"en": "passed", "fi": "hyväksytty"},
    "cli.history.progress": {"en": "Progress per principle (oldest → newest)", "fi": "Edistyminen periaatteittain (vanhin → uusin)"},
    "cli.history.col.principle": {"en": "principle", "fi": "periaate"},
    "cli.history.col.n": {"en": "n", "fi": "n"},
    "cli.history.col.trend": {"en": "trend", "fi": "suunta"},
    "cli.history.col.first": {"en": "first", "fi": "ensin"},
    "cli.history.col.last": {"en": "last", "fi": "viimeksi"},
    "cli.history.col.best": {"en": "best", "fi": "paras"},
    "cli.history.col.gap": {"en": "gap", "fi": "ero"},
    "cli.history.gap_note": {
        "en": "gap: mean self-rating minus score (1–5 shown as 0–100); + means you rated yourself higher.",
        "fi": "ero: oman arvion keskiarvo miinus arvio (1–5 näytetään asteikolla 0–100); + tarkoittaa, että arvioit itsesi korkeammalle.",
    },
    "cli.history.report_note": {
        "en": "`sim report ID` shows one session (`last`: the newest); --json gives the full ids.",
        "fi": "`sim report TUNNUS` näyttää yhden harjoituskerran (`last`: uusin); --json antaa täydet tunnukset.",
    },
    "cli.history.damaged": {"en": "warning: {problem}", "fi": "varoitus: {problem}"},
    "cli.history.skipped": {
        "en": "note: {count} finished session(s) could not be added to the history:",
        "fi": "huom.: päättyneitä harjoituskertoja ei voitu lisätä historiaan ({count}):",
    },
    # --- argparse's own words (usage lines, help headings, usage errors) ---
    # The English is argparse's gettext msgid, letter for letter: sim/cli/main.py
    # looks each `argparse._(msgid)` up by it, and a test checks that every one
    # still occurs in this Python's argparse. The `%(name)s` fields are argparse's.
    "argparse.usage": {"en": "usage: ", "fi": "käyttö: "},
    "argparse.positionals": {"en": "positional arguments", "fi": "argumentit"},
    "argparse.options": {"en": "options", "fi": "valitsimet"},
    "argparse.help": {"en": "show this help message and exit", "fi": "näytä tämä ohje ja lopeta"},
    "argparse.argument": {"en": "argument %(argument_name)s: %(message)s", "fi": "argumentti %(argument_name)s: %(message)s"},
    "argparse.required": {"en": "the following arguments are required: %s", "fi": "pakollisia argumentteja puuttuu: %s"},
    "argparse.unrecognized": {"en": "unrecognized arguments: %s", "fi": "tuntemattomia argumentteja: %s"},
    "argparse.invalid_choice": {"en": "invalid choice: %(value)r (choose from %(choices)s)", "fi": "%(value)r ei ole sallittu arvo (sallitut: %(choices)s)"},
    "argparse.invalid_value": {"en": "invalid %(type)s value: %(value)r", "fi": "arvo %(value)r ei kelpaa (tyyppi %(type)s)"},
    "argparse.expected_one": {"en": "expected one argument", "fi": "tarvitsee yhden arvon"},
    "argparse.expected_at_most_one": {"en": "expected at most one argument", "fi": "ottaa enintään yhden arvon"},
    "argparse.expected_at_least_one": {"en": "expected at least one argument", "fi": "tarvitsee vähintään yhden arvon"},
    "argparse.expected.one": {"en": "expected %s argument", "fi": "tarvitsee %s arvon"},
    "argparse.expected.other": {"en": "expected %s arguments", "fi": "tarvitsee %s arvoa"},
    "argparse.ambiguous": {
        "en": "ambiguous option: %(option)s could match %(matches)s",
        "fi": "valitsin %(option)s on moniselitteinen; se voi tarkoittaa näitä: %(matches)s",
    },
    "argparse.explicit": {"en": "ignored explicit argument %r", "fi": "valitsin ei ota arvoa, joten %r jäi käyttämättä"},
    "argparse.unexpected": {"en": "unexpected option string: %s", "fi": "odottamaton valitsin: %s"},
    "argparse.one_of": {"en": "one of the arguments %s is required", "fi": "pakollisia argumentteja puuttuu: %s (anna yksi niistä)"},
    "argparse.not_allowed": {"en": "not allowed with argument %s", "fi": "ei käy yhdessä argumentin %s kanssa"},
    # --- the CLI's own frame: usage errors, the last guard, shared messages ---
    "cli.usage_error": {
        "en": "{prog}: error: {message}\n    hint: `{prog} --help` lists the options",
        "fi": "{prog}: virhe: {message}\n    vihje: `{prog} --help` näyttää valitsimet",
    },
    "cli.internal_error": {
        "en": "sim: internal error: {error}\n    hint: this is a bug in sim; run again with SIM_DEBUG=1 for details and report it",
        "fi": "sim: sisäinen virhe: {error}\n    vihje: tämä on simin vika; aja uudelleen SIM_DEBUG=1-asetuksella, niin näet lisätiedot, ja ilmoita viasta",
    },
    "cli.problem": {"en": "{prog}: {message}\n    hint: {hint}", "fi": "{prog}: {message}\n    vihje: {hint}"},
    "cli.hint": {"en": "hint: {hint}", "fi": "vihje: {hint}"},
    "cli.did_you_mean": {"en": "did you mean `{word}`?", "fi": "tarkoititko `{word}`?"},
    "cli.cannot_write": {"en": "cannot write {path}: {error}", "fi": "tiedostoon {path} ei voi kirjoittaa: {error}"},
    "cli.output.cannot_write": {"en": "cannot write this file ({error})", "fi": "tähän tiedostoon ei voi kirjoittaa ({error})"},
    "cli.output.cannot_write_hint": {
        "en": "check that its folder exists, is writable and has free space, or choose another file with -o",
        "fi": "tarkista, että sen kansio on olemassa, siihen saa kirjoittaa ja siinä on tilaa, tai valitse toinen tiedosto valitsimella -o",
    },
    "cli.output.is_directory": {"en": "this is a folder: -o names the file to write", "fi": "tämä on kansio: -o:lle annetaan kirjoitettavan tiedoston nimi"},
    "cli.output.is_directory_hint": {"en": "give a file name inside it, e.g. -o {example}", "fi": "anna tiedoston nimi kansion sisällä, esim. -o {example}"},
    "cli.output.not_a_file": {
        "en": "this is neither a file nor a device or pipe to write into",
        "fi": "tämä ei ole tiedosto eikä laite tai putki, johon voisi kirjoittaa",
    },
    "cli.output.not_a_file_hint": {
        "en": "choose a file with -o, or -o - for standard output",
        "fi": "valitse tiedosto valitsimella -o, tai -o - vakiotulosteeseen",
    },
    "cli.hint.writable": {"en": "check that the folder exists and is writable", "fi": "tarkista, että kansio on olemassa ja siihen saa kirjoittaa"},
    "cli.no_folder": {
        "en": "sim: no such folder: {path}\n    hint: check --dir and SIM_DIALOGUES",
        "fi": "sim: kansiota ei ole: {path}\n    vihje: tarkista --dir ja SIM_DIALOGUES",
    },
    "cli.not_lang_code": {"en": "{option}: `{code}` is not a language code", "fi": "{option}: `{code}` ei ole kielikoodi"},
    "cli.hint.lang_code": {"en": "two or three lowercase letters, e.g. fi", "fi": "kaksi tai kolme pientä kirjainta, esim. fi"},
    "cli.hint.lang_codes": {
        "en": "two or three lowercase letters, comma-separated, e.g. --require-lang fi,en",
        "fi": "kaksi tai kolme pientä kirjainta pilkuin erotettuina, esim. --require-lang fi,en",
    },
    # --- sim i18n --import-po: a file that cannot be read as a PO file (exit 2) ---
    "cli.i18n.import.missing": {"en": "no such file", "fi": "tiedostoa ei ole"},
    "cli.i18n.import.missing_hint": {"en": "check the path and its spelling", "fi": "tarkista polku ja sen kirjoitusasu"},
    "cli.i18n.import.folder": {"en": "this is a folder: --import-po reads one PO file", "fi": "tämä on kansio: --import-po lukee yhden PO-tiedoston"},
    "cli.i18n.import.folder_hint": {"en": "give the PO file inside it, e.g. {example}", "fi": "anna kansiossa oleva PO-tiedosto, esim. {example}"},
    "cli.i18n.import.cannot_read": {"en": "cannot read this file ({error})", "fi": "tätä tiedostoa ei voi lukea ({error})"},
    "cli.i18n.import.cannot_read_hint": {"en": "check that it is a file you may read", "fi": "tarkista, että se on tiedosto, jonka saat lukea"},
    "cli.i18n.import.too_big": {
        "en": "larger than {size} MB, so not a PO file of this catalogue",
        "fi": "yli {size} Mt, joten se ei ole tämän viestiluettelon PO-tiedosto",
    },
    "cli.i18n.import.not_text": {
        "en": "this is not {encoding} text, so it cannot be read as a PO file",
        "fi": "tämä ei ole {encoding}-tekstiä, joten sitä ei voi lukea PO-tiedostona",
    },
    "cli.i18n.import.binary": {"en": "this is a binary file, not a PO file", "fi": "tämä on binääritiedosto eikä PO-tiedosto"},
    "cli.i18n.import.syntax": {"en": "this is not a PO file, or it is broken on this line", "fi": "tämä ei ole PO-tiedosto, tai se on rikki tällä rivillä"},
    "cli.i18n.import.empty": {"en": "this has no PO entries, so it is not a PO file", "fi": "tässä ei ole yhtään PO-merkintää, joten tämä ei ole PO-tiedosto"},
    "cli.i18n.import.not_po_hint": {
        "en": (
            "a PO file is made of msgctxt, msgid and msgstr lines: open it in a PO editor such as Poedit to find the mistake, "
            "or start again from `sim i18n --export-po fi`"
        ),
        "fi": (
            "PO-tiedosto koostuu msgctxt-, msgid- ja msgstr-riveistä: avaa se PO-editorissa, "
            "esimerkiksi Poeditissa, niin näet virheen, tai aloita alusta komennolla `sim i18n --export-po fi`"
        ),
    },
    # --- sim i18n --import-po: its entries (located FILE:LINE:1 problems, as `sim validate` prints them) ---
    "cli.i18n.import.untranslated": {"en": "`{msgctxt}` is not translated, so it is left out", "fi": "`{msgctxt}` on kääntämättä, joten se jätetään pois"},
    "cli.i18n.import.untranslated_hint": {"en": "fill in its msgstr (every msgstr[n] of a plural)", "fi": "täytä sen msgstr (monikossa jokainen msgstr[n])"},
    "cli.i18n.import.fuzzy": {
        "en": "`{msgctxt}` is marked fuzzy, a translation still to be checked, so it is left out",
        "fi": "`{msgctxt}` on merkitty epävarmaksi (fuzzy) eli käännös on vielä tarkistamatta, joten se jätetään pois",
    },
    "cli.i18n.import.fuzzy_hint": {
        "en": "check the translation, then clear its fuzzy mark in the PO editor",
        "fi": "tarkista käännös ja poista sitten sen epävarmuusmerkintä PO-editorissa",
    },
    "cli.i18n.import.unknown": {"en": "`{msgctxt}` is not a key of the catalogue", "fi": "`{msgctxt}` ei ole viestiluettelon avain"},
    "cli.i18n.import.unknown_hint": {
        "en": "check its msgctxt; if the key was removed from sim/i18n.py, delete the entry",
        "fi": "tarkista sen msgctxt; jos avain on poistettu sim/i18n.py:stä, poista merkintä",
    },
    "cli.i18n.import.no_context": {
        "en": "this entry has no msgctxt, so it has no key",
        "fi": "tällä merkinnällä ei ole msgctxt-riviä, joten sillä ei ole avainta",
    },
    "cli.i18n.import.no_context_hint": {
        "en": "every entry that `sim i18n --export-po` writes has its key as msgctxt; was this file made from one?",
        "fi": "jokaisella merkinnällä, jonka `sim i18n --export-po` kirjoittaa, on avain msgctxt-rivinä; onko tämä tiedosto tehty sellaisesta?",
    },
    "cli.i18n.import.stale": {
        "en": "the English of `{msgctxt}` has changed since this file was exported, so its translation is left out",
        "fi": "avaimen `{msgctxt}` englanninkielinen teksti on muuttunut tämän tiedoston viennin jälkeen, joten sen käännös jätetään pois",
    },
    "cli.i18n.import.stale_hint": {
        "en": "update the file from a new `sim i18n --export-po {language}` (msgmerge, or the PO editor's update from a template), then check this translation",
        "fi": (
            "päivitä tiedosto uudesta `sim i18n --export-po {language}` -viennistä "
            "(msgmerge tai PO-editorin päivitys pohjasta) ja tarkista sitten tämä käännös"
        ),
    },
    "cli.i18n.import.fields": {
        "en": "the translation of `{msgctxt}` has the fields {found}, the English {expected}",
        "fi": "avaimen `{msgctxt}` käännöksessä on kentät {found}, englanninkielisessä tekstissä {expected}",
    },
    "cli.i18n.import.braces": {
        "en": "the braces in the translation of `{msgctxt}` do not make fields",
        "fi": "avaimen `{msgctxt}` käännöksen aaltosulkeet eivät muodosta kenttiä",
    },
    "cli.i18n.import.fields_hint": {
        "en": "keep every field exactly as in the English, with no other braces, and translate only the words around them",
        "fi": (
            "säilytä jokainen kenttä täsmälleen samanlaisena kuin englanninkielisessä tekstissä, "
            "ilman muita aaltosulkeita, ja käännä vain niiden ympärillä olevat sanat"
        ),
    },
    "cli.i18n.import.duplicate": {
        "en": "`{msgctxt}` is in this file twice; only the first one, on line {line}, counts",
        "fi": "`{msgctxt}` on tässä tiedostossa kahdesti; vain ensimmäinen, rivillä {line}, otetaan huomioon",
    },
    "cli.i18n.import.duplicate_hint": {"en": "delete one of the two", "fi": "poista toinen niistä"},
    # --- sim i18n --import-po: a mistake in the PO syntax (exit 2, at its line and column) ---
    "cli.i18n.import.unterminated": {
        "en": "this string has no closing quote on its line",
        "fi": "tämän merkkijonon lainausmerkki ei sulkeudu samalla rivillä",
    },
    "cli.i18n.import.unterminated_hint": {
        "en": 'end it with " on the same line; a text of several lines is one "…" string a line, each line break written \\n',
        "fi": 'päätä se merkillä " samalla rivillä; monirivinen teksti kirjoitetaan yhtenä "…"-merkkijonona riviä kohden ja jokainen rivinvaihto muodossa \\n',
    },
    "cli.i18n.import.bad_escape": {
        "en": "`{escape}` is not an escape sequence a PO string may have",
        "fi": "`{escape}` ei ole PO-merkkijonossa sallittu escape-merkintä",
    },
    "cli.i18n.import.bad_escape_hint": {
        "en": (
            'write a backslash as \\\\ and a quote as \\"; the others are \\n \\t \\r \\a \\b \\f \\v, '
            "and \\ooo or \\xhh for an ASCII character (write any other character as itself)"
        ),
        "fi": (
            'kirjoita kenoviiva muodossa \\\\ ja lainausmerkki muodossa \\"; muut ovat \\n \\t \\r \\a \\b \\f \\v '
            "sekä \\ooo tai \\xhh ASCII-merkille (kirjoita muut merkit sellaisinaan)"
        ),
    },
    "cli.i18n.import.after_string": {"en": "text after the closing quote of a string", "fi": "merkkijonon loppulainausmerkin jälkeen on tekstiä"},
    "cli.i18n.import.after_string_hint": {
        "en": 'a quote inside the text is written \\"',
        "fi": 'tekstin sisällä oleva lainausmerkki kirjoitetaan muodossa \\"',
    },
    "cli.i18n.import.not_quoted": {
        "en": "`{keyword}` must be followed by its text in double quotes",
        "fi": "sanan `{keyword}` jälkeen pitää tulla sen teksti lainausmerkeissä",
    },
    "cli.i18n.import.not_quoted_hint": {
        "en": 'write it as {keyword} "text", with the quotes',
        "fi": 'kirjoita se muodossa {keyword} "teksti", lainausmerkkeineen',
    },
    "cli.i18n.import.incomplete": {"en": "this entry has no {keyword}", "fi": "tästä merkinnästä puuttuu {keyword}"},
    "cli.i18n.import.incomplete_hint": {
        "en": (
            'an entry is msgctxt "key", msgid "English", then msgstr "translation" '
            "(a plural: msgid_plural, then msgstr[0] and msgstr[1]); add its {keyword} after this"
        ),
        "fi": (
            'merkintä on muotoa msgctxt "avain", msgid "englanniksi" ja sitten msgstr "käännös" '
            "(monikko: msgid_plural ja sitten msgstr[0] ja msgstr[1]); lisää sen {keyword} tämän jälkeen"
        ),
    },
    "cli.i18n.import.out_of_place": {
        "en": "`{keyword}` cannot come here (what may: {expected})",
        "fi": "`{keyword}` ei voi olla tässä kohdassa (tähän sopii: {expected})",
    },
    "cli.i18n.import.out_of_place_hint": {
        "en": 'an entry is msgctxt "key", msgid "English", then msgstr "translation"; a plural has msgid_plural, then msgstr[0] and msgstr[1] in order',
        "fi": (
            'merkintä on muotoa msgctxt "avain", msgid "englanniksi" ja sitten msgstr "käännös"; '
            "monikossa on msgid_plural ja sitten järjestyksessä msgstr[0] ja msgstr[1]"
        ),
    },
    "cli.i18n.import.stray_string": {"en": "this string belongs to no keyword", "fi": "tämä merkkijono ei kuulu mihinkään avainsanaan"},
    "cli.i18n.import.stray_string_hint": {
        "en": 'a "…" line goes on with the text of the msgctxt, msgid or msgstr above it; put its keyword before it, or delete it',
        "fi": 'pelkkä "…"-rivi jatkaa yllä olevan msgctxt-, msgid- tai msgstr-rivin tekstiä; lisää avainsana sen eteen tai poista rivi',
    },
    "cli.i18n.import.utf16": {
        "en": "this is UTF-16 text without a byte order mark, which cannot be read",
        "fi": "tämä on UTF-16-tekstiä ilman tavujärjestysmerkkiä, eikä sitä voi lukea",
    },
    "cli.i18n.import.utf16_hint": {
        "en": "save it as UTF-8 (in a text editor: Save as…, encoding UTF-8)",
        "fi": "tallenna se UTF-8-muodossa (tekstieditorissa: Tallenna nimellä…, merkistökoodaus UTF-8)",
    },
    # --- sim i18n --import-po: the header (exit 2 without a language; Plural-Forms is an error, exit 1) ---
    "cli.i18n.import.no_language": {
        "en": "the file does not say its language, nor does its name",
        "fi": "tiedosto ei kerro kieltään, eikä sen nimikään kerro sitä",
    },
    "cli.i18n.import.bad_language": {
        "en": "`Language: {value}` is not a language code, nor is the file's name",
        "fi": "`Language: {value}` ei ole kielikoodi, eikä tiedoston nimikään ole",
    },
    "cli.i18n.import.no_language_stdin": {
        "en": "standard input does not say its language",
        "fi": "vakiosyötteestä ei käy ilmi sen kieli",
    },
    "cli.i18n.import.bad_language_stdin": {
        "en": "`Language: {value}` is not a language code",
        "fi": "`Language: {value}` ei ole kielikoodi",
    },
    "cli.i18n.import.no_language_hint": {
        "en": (
            'put the header line "Language: fi\\n" (two or three lowercase letters, e.g. fi) '
            'in the msgstr of its msgid "" entry, as `sim i18n --export-po fi` writes it'
        ),
        "fi": (
            'kirjoita msgid ""-merkinnän msgstr-tekstiin otsakerivi "Language: fi\\n" '
            "(kaksi tai kolme pientä kirjainta, esim. fi), kuten `sim i18n --export-po fi` sen kirjoittaa"
        ),
    },
    "cli.i18n.import.nplurals": {
        "en": "`Plural-Forms: {value}` does not have the catalogue's 2 plural forms (`.one` and `.other`), so the plural entries are left out",
        "fi": "`Plural-Forms: {value}` ei vastaa viestiluettelon kahta monikkomuotoa (`.one` ja `.other`), joten monikkomerkinnät jätetään pois",
    },
    "cli.i18n.import.nplurals_hint": {
        "en": "set it to `Plural-Forms: {forms}` as `sim i18n --export-po` writes it: msgstr[0] for one, msgstr[1] for any other number",
        "fi": "muuta se muotoon `Plural-Forms: {forms}`, kuten `sim i18n --export-po` sen kirjoittaa: msgstr[0] yhdelle, msgstr[1] muille luvuille",
    },
    # --- sim i18n --import-po: plural entries (errors, left out) ---
    "cli.i18n.import.forms": {
        "en": "the plural entry `{msgctxt}` has {count} msgstr[n] lines instead of 2 (`.one` and `.other`), so it is left out",
        "fi": "monikkomerkinnässä `{msgctxt}` on msgstr[n]-rivejä {count} eikä 2 (`.one` ja `.other`), joten se jätetään pois",
    },
    "cli.i18n.import.forms_hint": {
        "en": "give it msgstr[0] for one and msgstr[1] for any other number, as `sim i18n --export-po` writes it",
        "fi": "anna sille msgstr[0] yhdelle ja msgstr[1] muille luvuille, kuten `sim i18n --export-po` sen kirjoittaa",
    },
    "cli.i18n.import.needs_plural": {
        "en": "`{msgctxt}` is a plural in the catalogue (`{msgctxt}.one`, `{msgctxt}.other`), but this entry has no msgid_plural",
        "fi": "`{msgctxt}` on viestiluettelossa monikko (`{msgctxt}.one`, `{msgctxt}.other`), mutta tällä merkinnällä ei ole msgid_plural-riviä",
    },
    "cli.i18n.import.needs_plural_hint": {
        "en": "write it as `sim i18n --export-po` does: msgid_plural with the English plural, then msgstr[0] and msgstr[1]",
        "fi": "kirjoita se kuten `sim i18n --export-po`: msgid_plural englanninkielisen monikon kanssa ja sitten msgstr[0] ja msgstr[1]",
    },
    "cli.i18n.import.not_plural": {
        "en": "`{msgctxt}` is not a plural in the catalogue, but this entry has msgid_plural",
        "fi": "`{msgctxt}` ei ole viestiluettelossa monikko, mutta tällä merkinnällä on msgid_plural-rivi",
    },
    "cli.i18n.import.not_plural_hint": {
        "en": "delete its msgid_plural and give it one msgstr, as `sim i18n --export-po` writes it",
        "fi": "poista sen msgid_plural-rivi ja anna sille yksi msgstr, kuten `sim i18n --export-po` sen kirjoittaa",
    },
    # --- sim i18n --import-po: past MAX_LISTED problems of a group ---
    "cli.i18n.import.more.one": {"en": "… and 1 more", "fi": "… ja 1 muu"},
    "cli.i18n.import.more.other": {"en": "… and {count} more", "fi": "… ja {count} muuta"},
    # --- `sim --help` and every command's help: descriptions, options, placeholders ---
    "args.description": {
        "en": "Practise difficult customer-service encounters. With no command, starts the simulator.",
        "fi": "Harjoittele vaikeita asiakaspalvelutilanteita. Ilman komentoa käynnistää simulaattorin.",
    },
    "args.version": {"en": "show program's version number and exit", "fi": "näytä versionumero ja lopeta"},
    "args.dir": {"en": "also use scenarios from this folder (or set SIM_DIALOGUES)", "fi": "käytä myös tämän kansion harjoituksia (tai aseta SIM_DIALOGUES)"},
    "args.sub_dir": {"en": "also use scenarios from this folder", "fi": "käytä myös tämän kansion harjoituksia"},
    "args.mode": {
        "en": "practice: feedback after every choice (default); assessment: feedback only in the debrief",
        "fi": "practice: palaute jokaisen valinnan jälkeen (oletus); assessment: palaute vasta loppukeskustelussa",
    },
    "args.ui_lang": {
        "en": "language of the simulator (default: from SIM_LANG or the locale)",
        "fi": "simulaattorin kieli (oletus: SIM_LANG tai järjestelmän kieliasetus)",
    },
    "args.out_lang": {
        "en": "language of the messages (default: from SIM_LANG or the locale)",
        "fi": "viestien kieli (oletus: SIM_LANG tai järjestelmän kieliasetus)",
    },
    "args.scenario": {"en": "a scenario file or id", "fi": "harjoitustiedosto tai harjoituksen tunnus"},
    "args.json.text": {"en": "print JSON instead of text", "fi": "tulosta JSON tekstin sijaan"},
    "args.json.report": {"en": "print JSON instead of a report", "fi": "tulosta JSON raportin sijaan"},
    "args.json.table": {"en": "print JSON instead of a table", "fi": "tulosta JSON taulukon sijaan"},
    "args.json.tables": {"en": "print JSON instead of tables", "fi": "tulosta JSON taulukoiden sijaan"},
    "args.output": {"en": "write to this file instead of standard output", "fi": "kirjoita tähän tiedostoon vakiotulosteen sijaan"},
    "args.titles_lang": {"en": "language of the titles", "fi": "otsikoiden kieli"},
    "args.trainee": {"en": "only this trainee's sessions", "fi": "vain tämän harjoittelijan harjoituskerrat"},
    "args.metavar.command": {"en": "COMMAND", "fi": "KOMENTO"},
    "args.metavar.scenario": {"en": "scenario", "fi": "harjoitus"},
    "args.metavar.name": {"en": "name", "fi": "nimi"},
    "args.metavar.path": {"en": "PATH", "fi": "POLKU"},
    "args.metavar.file": {"en": "FILE", "fi": "TIEDOSTO"},
    "args.metavar.output": {"en": "OUTPUT", "fi": "TIEDOSTO"},
    "args.metavar.dir": {"en": "DIR", "fi": "KANSIO"},
    "args.metavar.files_or_dirs": {"en": "FILES_OR_DIRS", "fi": "TIEDOSTOT_TAI_KANSIOT"},
    "args.metavar.trainee": {"en": "NAME", "fi": "NIMI"},
    "args.metavar.session": {"en": "SESSION", "fi": "TUNNUS"},
    "args.metavar.lang": {"en": "LANG", "fi": "KIELI"},
    "args.metavar.langs": {"en": "LANGS", "fi": "KIELET"},
    "args.metavar.choices": {"en": "CHOICES", "fi": "VALINNAT"},
    "args.metavar.seed": {"en": "SEED", "fi": "SIEMENLUKU"},
    "args.metavar.runs": {"en": "RUNS", "fi": "MÄÄRÄ"},
    "args.metavar.max_turns": {"en": "MAX_TURNS", "fi": "VUOROJA"},
    "args.metavar.profile": {"en": "PROFILE", "fi": "PROFIILI"},
    "args.metavar.host": {"en": "HOST", "fi": "OSOITE"},
    "args.metavar.port": {"en": "PORT", "fi": "PORTTI"},
    "args.metavar.url": {"en": "URL", "fi": "URL"},
    "args.bad_seconds": {
        "en": "{value!r} is not a number of seconds between 0 and 3600",
        "fi": "{value!r} ei ole sekuntimäärä väliltä 0–3600",
    },
    "args.bad_url": {
        "en": "{value!r} is not a web address like https://lrs.example.org/xapi",
        "fi": "{value!r} ei ole verkko-osoite, kuten https://lrs.example.org/xapi",
    },
    "args.metavar.seconds": {"en": "SECONDS", "fi": "SEKUNNIT"},
    "args.metavar.statement": {"en": "ID", "fi": "TUNNUS"},
    "args.play": {"en": "start the simulator at the briefing of one scenario", "fi": "käynnistä simulaattori suoraan yhden harjoituksen alkuun"},
    "args.play.plain": {
        "en": "line by line on standard input and output, without the full-screen app (screen readers, slow links, pipes)",
        "fi": "rivi kerrallaan vakiosyötteessä ja -tulosteessa ilman koko näytön sovellusta (ruudunlukijat, hitaat yhteydet, putket)",
    },
    "args.play.watch": {
        "en": "live preview for authors: reload the file on every save, keep your place if it still fits; nothing is saved",
        "fi": "esikatselu harjoituksen laatijalle: tiedosto latautuu uudelleen joka tallennuksella, ja kohtasi säilyy, jos se yhä sopii; mitään ei tallenneta",
    },
    "args.validate": {"en": "check scenario, persona and principle files", "fi": "tarkista harjoitus-, asiakasprofiili- ja periaatetiedostot"},
    "args.validate.paths": {"en": "files or folders", "fi": "tiedostot tai kansiot"},
    "args.validate.format": {"en": "output format (github: workflow annotations)", "fi": "tulosteen muoto (github: GitHub Actionsin huomautukset)"},
    "args.validate.require_lang": {
        "en": "comma-separated languages every text must have, e.g. fi,en",
        "fi": "pilkuin erotetut kielet, joilla jokaisen tekstin on oltava, esim. fi,en",
    },
    "args.validate.lang": {
        "en": "language of the headings and the summary; the file:line:col lines stay English for editors and CI",
        "fi": "otsikoiden ja yhteenvedon kieli; tiedosto:rivi:sarake-rivit pysyvät englanninkielisinä editoreja ja CI:tä varten",
    },
    "args.match": {
        "en": "match a reply typed in a trainee's own words to the option it means",
        "fi": "tulkitse harjoittelijan omin sanoin kirjoittama vastaus vaihtoehdoksi, jota se tarkoittaa",
    },
    "args.match.node": {"en": "the node whose options the reply answers", "fi": "solmu, jonka vaihtoehtoihin vastaus vastaa"},
    "args.match.text": {"en": "the reply, as the trainee typed it", "fi": "vastaus sellaisenaan kuin harjoittelija sen kirjoitti"},
    "args.match.lang": {
        "en": "the reply's language (fi, en, …; default: the scenario's)",
        "fi": "vastauksen kieli (fi, en, …; oletus: harjoituksen kieli)",
    },
    "args.metavar.node": {"en": "NODE", "fi": "SOLMU"},
    "args.match.report": {
        "en": "instead: how well each node's options can be told apart (every example matched with itself left out)",
        "fi": "sen sijaan: kuinka hyvin kunkin solmun vaihtoehdot erottuvat (kukin esimerkki tulkitaan ilman itseään)",
    },
    "match.needs_text": {
        "en": "give a node and the reply to match, or --report for every node",
        "fi": "anna solmu ja tulkittava vastaus, tai --report kaikista solmuista",
    },
    "match.report.title": {"en": "How well the options can be told apart", "fi": "Kuinka hyvin vaihtoehdot erottuvat"},
    "match.report.col.node": {"en": "node", "fi": "solmu"},
    "match.report.col.lang": {"en": "lang", "fi": "kieli"},
    "match.report.col.examples": {"en": "examples", "fi": "esimerkit"},
    "match.report.col.correct": {"en": "understood", "fi": "tulkittu oikein"},
    "match.report.col.asked": {"en": "asked back", "fi": "kysytään"},
    "match.report.col.wrong": {"en": "read as another", "fi": "tulkittu toiseksi"},
    "match.report.confusion": {
        "en": "{node} ({language}): an example of `{choice}` reads as `{other}`: “{text}”",
        "fi": "{node} ({language}): vaihtoehdon `{choice}` esimerkki tulkitaan vaihtoehdoksi `{other}`: ”{text}”",
    },
    "match.report.none": {"en": "No node has examples to match yet.", "fi": "Missään solmussa ei ole vielä esimerkkejä."},
    "args.phrases": {
        "en": "replies typed in trainees' own words that were not understood or were corrected: candidates for examples",
        "fi": "omin sanoin kirjoitetut vastaukset, joita ei tulkittu tai jotka harjoittelija korjasi: ehdokkaita esimerkeiksi",
    },
    "args.phrases.scenario": {"en": "only this scenario (its id)", "fi": "vain tämä harjoitus (sen tunnus)"},
    "args.phrases.trainee": {"en": "only this trainee's sessions", "fi": "vain tämän harjoittelijan harjoitukset"},
    "cli.phrases.none": {
        "en": "No typed reply was left unmatched or corrected.",
        "fi": "Yksikään kirjoitettu vastaus ei jäänyt tulkitsematta eikä sitä korjattu.",
    },
    "cli.phrases.title": {"en": "Typed replies not understood, or corrected", "fi": "Kirjoitetut vastaukset, joita ei tulkittu tai jotka korjattiin"},
    "cli.phrases.col.scenario": {"en": "scenario", "fi": "harjoitus"},
    "cli.phrases.col.node": {"en": "node", "fi": "solmu"},
    "cli.phrases.col.lang": {"en": "lang", "fi": "kieli"},
    "cli.phrases.col.text": {"en": "typed", "fi": "kirjoitettu"},
    "cli.phrases.col.understood": {"en": "understood as", "fi": "tulkittu"},
    "cli.phrases.col.chosen": {"en": "taken", "fi": "valittu"},
    "cli.phrases.hint": {
        "en": "Add a reply to the `examples:` of the option taken, if it means that option.",
        "fi": "Lisää vastaus valitun vaihtoehdon `examples:`-luetteloon, jos se tarkoittaa sitä.",
    },
    "args.metavar.text": {"en": "TEXT", "fi": "TEKSTI"},
    "match.understood": {"en": "Understood as `{choice}` (confidence {confidence}).", "fi": "Tulkittu vaihtoehdoksi `{choice}` (varmuus {confidence})."},
    "match.ask_back": {
        "en": "Not understood for sure: the trainee is asked “Did you mean …?” with `{first}` and `{second}`.",
        "fi": "Ei varmaa tulkintaa: harjoittelijalta kysytään ”Tarkoititko …?” vaihtoehdoilla `{first}` ja `{second}`.",
    },
    "match.ask_back_one": {
        "en": "Not understood: the reply shares too little with the options; the trainee is shown the options.",
        "fi": "Ei tulkintaa: vastauksessa on liian vähän yhteistä vaihtoehtojen kanssa; harjoittelijalle näytetään vaihtoehdot.",
    },
    "match.no_node": {"en": "scenario `{scenario}` has no node `{node}`", "fi": "harjoituksessa `{scenario}` ei ole solmua `{node}`"},
    "match.no_choices": {
        "en": "node `{node}` has no options to match (an ending or a narration step)",
        "fi": "solmussa `{node}` ei ole vaihtoehtoja (se on päätös tai kerrontavaihe)",
    },
    "match.col.option": {"en": "option", "fi": "vaihtoehto"},
    "match.col.score": {"en": "score", "fi": "pisteet"},
    "match.col.says": {"en": "says", "fi": "sanoo"},
    "args.walk": {"en": "play a path through a scenario without the TUI", "fi": "pelaa yksi polku harjoituksen läpi ilman koko näytön sovellusta"},
    "args.walk.choices": {
        "en": "comma-separated: option numbers, choice ids, `help`, `timeout`",
        "fi": "pilkuin erotettuina: vaihtoehtojen numerot, valintojen tunnukset, `help`, `timeout`",
    },
    "args.walk.seed": {"en": "seed for the order of the options (default 0)", "fi": "vaihtoehtojen järjestyksen siemenluku (oletus 0)"},
    "args.walk.lang": {"en": "language of the scenario texts (fi, en, …)", "fi": "harjoituksen tekstien kieli (fi, en, …)"},
    "args.analyze": {
        "en": "what a scenario teaches over all its paths: counts, endings, best and worst scores, coverage",
        "fi": "mitä harjoitus opettaa kaikilla poluillaan: määrät, lopputulokset, parhaat ja huonoimmat pisteet, kattavuus",
    },
    "args.graph": {"en": "draw a scenario as a Mermaid or Graphviz graph", "fi": "piirrä harjoitus Mermaid- tai Graphviz-kaaviona"},
    "args.graph.format": {
        "en": "mermaid (default), dot, or svg/png drawn by Graphviz `dot`",
        "fi": "mermaid (oletus), dot tai Graphvizin `dot`-ohjelman piirtämä svg/png",
    },
    "args.graph.text": {
        "en": "show the client's first words and each choice's text, not only ids",
        "fi": "näytä asiakkaan ensimmäiset sanat ja kunkin valinnan teksti, ei vain tunnuksia",
    },
    "args.graph.lang": {"en": "language of the texts shown with --text (fi, en, …)", "fi": "--text-valitsimella näytettävien tekstien kieli (fi, en, …)"},
    "args.new": {
        "en": "start a new scenario or persona file from a commented template",
        "fi": "aloita uusi harjoitus- tai asiakasprofiilitiedosto kommentoidusta mallista",
    },
    "args.new.kind": {"en": "what to create", "fi": "mitä luodaan"},
    "args.new.name": {
        "en": "its id, which is also the file name, e.g. noise-complaint",
        "fi": "sen tunnus, joka on myös tiedoston nimi, esim. noise-complaint",
    },
    "args.new.channel": {"en": "service channel of a new scenario (default desk)", "fi": "uuden harjoituksen palvelukanava (oletus desk)"},
    "args.new.profile": {
        "en": "persona id of a new scenario (default: a built-in one)",
        "fi": "uuden harjoituksen asiakasprofiilin tunnus (oletus: valmis profiili)",
    },
    "args.new.output": {"en": "folder to write into (default: the current folder)", "fi": "kansio, johon kirjoitetaan (oletus: nykyinen kansio)"},
    "args.schema": {"en": "print the JSON Schema of the file format", "fi": "tulosta tiedostomuodon JSON Schema"},
    "args.schema.kind": {"en": "which file (default scenario)", "fi": "minkä tiedoston (oletus scenario)"},
    "args.test": {"en": "run the transcript tests (*.test.yaml) beside scenarios", "fi": "aja harjoitusten vieressä olevat keskustelutestit (*.test.yaml)"},
    "args.test.paths": {
        "en": "test files, scenario files or folders (default: the current folder)",
        "fi": "testitiedostot, harjoitustiedostot tai kansiot (oletus: nykyinen kansio)",
    },
    "args.test.format": {"en": "output format (junit: JUnit XML for CI)", "fi": "tulosteen muoto (junit: JUnit XML CI:tä varten)"},
    "args.test.output": {
        "en": "write the report to this file (text still goes to the screen)",
        "fi": "kirjoita raportti tähän tiedostoon (teksti näkyy silti näytöllä)",
    },
    "args.fuzz": {
        "en": "play seeded random sessions of a scenario and report problems",
        "fi": "pelaa harjoitusta satunnaisesti (toistettavasti siemenluvusta) ja kerro löytyneet ongelmat",
    },
    "args.fuzz.runs": {"en": "number of sessions (default 200)", "fi": "läpipeluiden määrä (oletus 200)"},
    "args.fuzz.seed": {
        "en": "seed of the first session; session i uses seed+i (default 0)",
        "fi": "ensimmäisen läpipeluun siemenluku; läpipeluu i käyttää lukua seed+i (oletus 0)",
    },
    "args.fuzz.max_turns": {
        "en": "a session this long is reported as not ending (default 500)",
        "fi": "näin pitkä läpipeluu raportoidaan päättymättömänä (oletus 500)",
    },
    "args.list": {"en": "list the built-in and local scenarios", "fi": "luettele valmiit ja omat harjoitukset"},
    "args.history": {"en": "past sessions and progress per principle", "fi": "aiemmat harjoituskerrat ja edistyminen periaatteittain"},
    "args.report": {
        "en": "the debrief of one past session as Markdown, HTML or JSON",
        "fi": "yhden aiemman harjoituskerran palaute Markdownina, HTML:nä tai JSONina",
    },
    "args.report.session": {
        "en": "a session id from `sim history` (any unique part of it), or `last`",
        "fi": "harjoituskerran tunnus `sim history` -luettelosta (mikä tahansa yksiselitteinen osa siitä) tai `last`",
    },
    "args.report.format": {"en": "report format (default md)", "fi": "raportin muoto (oletus md)"},
    "args.report.output": {
        "en": "write to this file (atomically) instead of standard output",
        "fi": "kirjoita tähän tiedostoon (atomisesti) vakiotulosteen sijaan",
    },
    "args.report.trainee": {"en": "with `last`: this trainee's newest session", "fi": "`last`-tunnuksen kanssa: tämän harjoittelijan uusin harjoituskerta"},
    "args.report.lang": {
        "en": "language of the texts (default: the one the session was played in)",
        "fi": "tekstien kieli (oletus: kieli, jolla harjoituskerta pelattiin)",
    },
    "args.export": {
        "en": "export the history as xAPI statements, to a file or a Learning Record Store",
        "fi": "vie historia xAPI-lausekkeina tiedostoon tai oppimistietovarastoon (LRS)",
    },
    "args.export.xapi": {
        "en": "xAPI 1.0.3 statements (SIM_XAPI_BASE sets the IRI base)",
        "fi": "xAPI 1.0.3 -lausekkeet (SIM_XAPI_BASE asettaa IRI-tunnisteiden alun)",
    },
    "args.export.output": {
        "en": "write the statements to this file (default: standard output, unless --lrs)",
        "fi": "kirjoita lausekkeet tähän tiedostoon (oletus: vakiotuloste, ellei --lrs ole annettu)",
    },
    "args.export.lrs": {
        "en": "POST the statements to this xAPI endpoint; undelivered ones stay queued for the next export",
        "fi": "lähetä lausekkeet (POST) tähän xAPI-osoitteeseen; perille menemättömät jäävät jonoon seuraavaa vientiä varten",
    },
    "args.export.user": {"en": "LRS key for Basic auth (or SIM_LRS_USER)", "fi": "LRS:n avain Basic-tunnistautumiseen (tai SIM_LRS_USER)"},
    "args.export.password": {
        "en": "LRS secret; better SIM_LRS_PASSWORD, which other users cannot see in the process list; without either, sim asks for it",
        "fi": "LRS:n salaisuus; parempi on SIM_LRS_PASSWORD, jota muut käyttäjät eivät näe prosessiluettelossa; ilman kumpaakaan sim kysyy sen",
    },
    "args.export.timeout": {
        "en": "at most this many seconds for each request to the LRS, from connecting to the last byte of its answer (default 30)",
        "fi": "enintään näin monta sekuntia kullekin LRS-pyynnölle yhteyden avaamisesta vastauksen viimeiseen tavuun (oletus 30)",
    },
    "args.export.status": {
        "en": "list what is queued for each LRS (or for --lrs), and why the last attempt failed; sends nothing",
        "fi": "luettele, mitä kullekin LRS:lle (tai --lrs-osoitteelle) on jonossa ja miksi viimeisin yritys epäonnistui; ei lähetä mitään",
    },
    "args.export.skip": {
        "en": "set a statement queued for --lrs aside (its id, or the start of it): it stays queued but is not sent until --unskip; asks first",
        "fi": (
            "siirrä --lrs-osoitteen jonossa oleva lauseke sivuun (tunnus tai sen alku): "
            "se jää jonoon, mutta sitä ei lähetetä ennen valitsinta --unskip; kysyy ensin"
        ),
    },
    "args.export.unskip": {
        "en": "put a skipped statement back in the queue for --lrs",
        "fi": "palauta sivuun siirretty lauseke --lrs-osoitteen jonoon",
    },
    "args.export.drop": {
        "en": "forget a statement queued for --lrs: it is never sent there, and later exports do not queue it again; asks first",
        "fi": "unohda --lrs-osoitteen jonossa oleva lauseke: sitä ei koskaan lähetetä sinne, eivätkä myöhemmät viennit jonota sitä uudelleen; kysyy ensin",
    },
    "args.export.yes": {
        "en": "with --skip or --drop: go ahead without asking (needed without a terminal)",
        "fi": "valitsimien --skip ja --drop kanssa: tee muutos kysymättä (tarpeen ilman päätettä)",
    },
    "args.export.epilog": {
        "en": (
            "Statements are queued per LRS and built when they are sent, with the SIM_XAPI_SALT of that moment; one leaves "
            "the queue only when the LRS confirms it. A statement the LRS rejects stays queued with its reason while the "
            "others go on: --status shows it, --skip ID sets it aside, --drop ID forgets it for that LRS. Exit codes: 0 "
            "everything sent (or the queue changed as asked), 1 statements stay queued (or the question was answered no), "
            "2 a usage error."
        ),
        "fi": (
            "Lausekkeet jonotetaan kullekin LRS:lle erikseen ja muodostetaan lähetyshetkellä sen hetken SIM_XAPI_SALT-arvolla; "
            "lauseke poistuu jonosta vasta, kun LRS vahvistaa sen. LRS:n hylkäämä lauseke jää jonoon syineen, ja muut lähtevät: "
            "--status näyttää sen, --skip TUNNUS siirtää sen sivuun ja --drop TUNNUS unohtaa sen sen LRS:n osalta. "
            "Paluuarvot: 0 kaikki lähetetty (tai jonoa muutettiin pyydetysti), 1 lausekkeita jäi jonoon (tai kysymykseen "
            "vastattiin kielteisesti), 2 virheellinen käyttö."
        ),
    },
    "args.summary": {
        "en": "aggregate JSON reports of several trainees per scenario and principle",
        "fi": "kokoa usean harjoittelijan JSON-raportit harjoituksittain ja periaatteittain",
    },
    "args.summary.paths": {
        "en": "report files from `sim report --format json`, or folders of them",
        "fi": "`sim report --format json` -komennon raporttitiedostot tai niitä sisältävät kansiot",
    },
    "args.serve": {
        "en": "serve the simulator to web browsers (needs the [serve] extra)",
        "fi": "tarjoa simulaattori verkkoselaimiin (vaatii [serve]-lisäosan)",
    },
    "args.serve.host": {
        "en": "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
        "fi": "kuunneltava osoite (oletus 127.0.0.1; 0.0.0.0 kuuntelee kaikkia verkkoliitäntöjä)",
    },
    "args.serve.port": {"en": "port to listen on (default 8000)", "fi": "kuunneltava portti (oletus 8000)"},
    "args.serve.public_url": {
        "en": "the address browsers use, when behind a reverse proxy, e.g. https://sim.example.org",
        "fi": "osoite, jota selaimet käyttävät käänteisen välityspalvelimen takana, esim. https://sim.example.org",
    },
    "args.i18n": {"en": "the simulator's message catalogue, for translators", "fi": "simulaattorin viestiluettelo kääntäjille"},
    "args.i18n.export_po": {
        "en": "write a gettext PO file of this language (fi, en; another code gives an empty template)",
        "fi": "kirjoita tämän kielen gettext-PO-tiedosto (fi, en; muu koodi antaa tyhjän käännöspohjan)",
    },
    "args.i18n.import_po": {
        "en": "read a translated PO file back (`-`: standard input): print its translations as JSON in the catalogue's shape, and what is wrong in it",
        "fi": (
            "lue käännetty PO-tiedosto takaisin (`-`: vakiosyöte): tulosta sen käännökset JSON-muodossa "
            "viestiluettelon rakenteella ja kerro, mikä siinä on vialla"
        ),
    },
    "args.completion": {
        "en": "print the script that lets your shell complete sim's commands, options and scenario names",
        "fi": "tulosta komentotulkin skripti, joka täydentää sim-komennot, valitsimet ja harjoitusten nimet",
    },
    "args.completion.shell": {"en": "your shell", "fi": "käyttämäsi komentotulkki"},
    "args.completion.setup": {
        "en": (
            "To turn it on, add one line to your shell's start-up file:\n"
            '  bash (~/.bashrc):                   eval "$(sim completion bash)"\n'
            '  zsh (~/.zshrc, after compinit):     eval "$(sim completion zsh)"\n'
            "  fish (~/.config/fish/config.fish):  sim completion fish | source"
        ),
        "fi": (
            "Ota se käyttöön lisäämällä yksi rivi komentotulkin käynnistystiedostoon:\n"
            '  bash (~/.bashrc):                   eval "$(sim completion bash)"\n'
            '  zsh (~/.zshrc, compinitin jälkeen): eval "$(sim completion zsh)"\n'
            "  fish (~/.config/fish/config.fish):  sim completion fish | source"
        ),
    },
    # --- sim test (the file:line:col failure lines and their expected/actual/hint stay English, as in validate) ---
    "cli.test.scenario": {"en": "scenario {id}", "fi": "harjoitus {id}"},
    "cli.test.pass": {"en": "PASS", "fi": "LÄPI"},
    "cli.test.fail": {"en": "FAIL", "fi": "HYLÄTTY"},
    "cli.test.passed": {"en": "{count} passed", "fi": "{count} läpi"},
    "cli.test.failed": {"en": "{count} failed", "fi": "{count} hylätty"},
    # --- sim fuzz ---
    "cli.fuzz.bad_args": {
        "en": "--runs must be 1…{max_runs}, --seed 0 or more, --max-turns 1…{max_turns}",
        "fi": "--runs on 1…{max_runs}, --seed vähintään 0 ja --max-turns 1…{max_turns}",
    },
    "cli.fuzz.bad_args_hint": {"en": "e.g. `sim fuzz {scenario} --runs 200 --seed 0`", "fi": "esim. `sim fuzz {scenario} --runs 200 --seed 0`"},
    "cli.fuzz.title": {"en": "Random playthroughs of {scenario}", "fi": "Satunnaiset läpipeluut: {scenario}"},
    "cli.fuzz.runs.one": {
        "en": "({count} run from seed {seed}, at most {max_turns} turns)",
        "fi": "({count} läpipeluu siemenluvulla {seed}, enintään {max_turns} vuoroa)",
    },
    "cli.fuzz.runs.other": {
        "en": "({count} runs from seed {seed}, at most {max_turns} turns each)",
        "fi": "({count} läpipeluuta siemenluvusta {seed} alkaen, kukin enintään {max_turns} vuoroa)",
    },
    "cli.fuzz.endings": {"en": "Endings", "fi": "Lopputulokset"},
    "cli.fuzz.col.ending": {"en": "ending", "fi": "lopputulos"},
    "cli.fuzz.col.runs": {"en": "runs", "fi": "läpipeluut"},
    "cli.fuzz.col.share": {"en": "share", "fi": "osuus"},
    "cli.fuzz.not_ended": {"en": "did not end", "fi": "ei päättynyt"},
    "cli.fuzz.turns": {"en": "Turns per run (min / median / max): {spread}", "fi": "Vuoroja läpipeluussa (pienin / mediaani / suurin): {spread}"},
    "cli.fuzz.minutes": {
        "en": "One play takes about {minutes} min: the median turns, each about {words} words to read and a moment to choose (for `minutes:`)",
        "fi": "Yksi läpipeluu kestää noin {minutes} min: vuorojen mediaani, kussakin noin {words} sanaa luettavaa ja hetki valita (`minutes:`-arvoksi)",
    },
    "cli.fuzz.scores": {"en": "Scores over the runs that ended (min / median / max)", "fi": "Pisteet päättyneissä läpipeluissa (pienin / mediaani / suurin)"},
    "cli.fuzz.col.principle": {"en": "principle", "fi": "periaate"},
    "cli.fuzz.col.scores": {"en": "scores", "fi": "pisteet"},
    "cli.fuzz.col.tested": {"en": "runs tested", "fi": "arvioitu läpipeluissa"},
    "cli.fuzz.overall": {"en": "overall", "fi": "kokonaisarvio"},
    "cli.fuzz.unvisited": {"en": "Nodes never visited: {nodes}", "fi": "Solmut, joihin yksikään läpipeluu ei päätynyt: {nodes}"},
    "cli.fuzz.all_visited": {"en": "Every node was visited.", "fi": "Jokaisessa solmussa käytiin."},
    "cli.fuzz.no_problems": {"en": "No problems found.", "fi": "Ongelmia ei löytynyt."},
    "cli.fuzz.problems.one": {"en": "Problems ({problems}, in {count} run)", "fi": "Ongelmat ({problems}, {count} läpipeluussa)"},
    "cli.fuzz.problems.other": {"en": "Problems ({problems}, in {count} runs)", "fi": "Ongelmat ({problems}, {count} läpipeluussa)"},
    "cli.fuzz.same.one": {"en": "({count} run)", "fi": "({count} läpipeluu)"},
    "cli.fuzz.same.other": {"en": "({count} runs)", "fi": "({count} läpipeluuta)"},
    "cli.fuzz.seed": {"en": "seed", "fi": "siemenluku"},
    "cli.fuzz.at_node": {"en": "at node", "fi": "solmussa"},
    "cli.fuzz.actions": {"en": "actions", "fi": "toiminnot"},
    "cli.fuzz.no_actions": {"en": "(none)", "fi": "(ei yhtään)"},
    "cli.fuzz.replay": {"en": "replay", "fi": "toista"},
    # A problem's kind and message (sim.authoring.fuzz); the JSON keeps them in English. In English the kind is its code.
    "fuzz.kind.crash": {"en": "crash", "fi": "kaatuminen"},
    "fuzz.kind.stuck": {"en": "stuck", "fi": "umpikuja"},
    "fuzz.kind.out-of-range": {"en": "out-of-range", "fi": "arvoalueen ulkopuolella"},
    "fuzz.kind.not-a-number": {"en": "not-a-number", "fi": "ei luku"},
    "fuzz.kind.inconsistent": {"en": "inconsistent", "fi": "ristiriita"},
    "fuzz.kind.did-not-end": {"en": "did-not-end", "fi": "ei päättynyt"},
    "fuzz.crash.start": {"en": "{error} while starting the session: {detail}{at}", "fi": "{error} harjoituskertaa aloitettaessa: {detail}{at}"},
    "fuzz.crash.act": {
        "en": "{error} while taking `{action}` at `{node}`: {detail}{at}",
        "fi": "{error}, kun solmussa `{node}` valittiin `{action}`: {detail}{at}",
    },
    "fuzz.crash.score": {"en": "{error} while scoring the session: {detail}{at}", "fi": "{error} harjoituskertaa pisteytettäessä: {detail}{at}"},
    "fuzz.no_end": {"en": "no ending after {max_turns} turns", "fi": "ei lopputulosta {max_turns} vuoron jälkeen"},
    "fuzz.stuck": {
        "en": "node `{node}` is not an ending, offers no choice in this state and has no time limit",
        "fi": "solmu `{node}` ei ole lopputulos, siinä ei ole tässä tilassa yhtään valintaa eikä sillä ole aikarajaa",
    },
    "fuzz.missing_var": {"en": "state variable `{var}` is missing", "fi": "tilamuuttuja `{var}` puuttuu"},
    "fuzz.nan": {"en": "`{var}` is NaN", "fi": "`{var}` on NaN"},
    "fuzz.not_whole": {"en": "`{var}` is {value}, not a whole number", "fi": "`{var}` on {value} eikä kokonaisluku"},
    "fuzz.out_of_range": {"en": "`{var}` is {value}, outside its range {low}…{high}", "fi": "`{var}` on {value}, sallitun alueen {low}…{high} ulkopuolella"},
    "fuzz.not_a_node": {"en": "the session is at `{node}`, which is not a node", "fi": "harjoituskerta on kohdassa `{node}`, joka ei ole solmu"},
    "fuzz.turn_count": {"en": "`turn` is {turn} after {turns} turns", "fi": "`turn` on {turn}, vaikka vuoroja on pelattu {turns}"},
    "fuzz.ending_mismatch": {
        "en": "the score reports ending `{reported}`, but the session ended at `{ending}`",
        "fi": "pisteytyksen mukaan lopputulos on `{reported}`, mutta harjoituskerta päättyi lopputulokseen `{ending}`",
    },
    "fuzz.scored_success": {"en": "ending `{ending}` is scored as a success", "fi": "lopputulos `{ending}` on pisteytetty onnistumiseksi"},
    "fuzz.scored_no_success": {"en": "ending `{ending}` is scored as no success", "fi": "lopputulosta `{ending}` ei ole pisteytetty onnistumiseksi"},
    "fuzz.principle_range": {
        "en": "`{principle}` scores {score}, outside 0…100",
        "fi": "`{principle}` saa {score} pistettä, mikä on alueen 0…100 ulkopuolella",
    },
    "fuzz.evidence_range": {
        "en": "`{principle}` earns {earned} of {possible} at turn {turn}",
        "fi": "`{principle}` saa vuorossa {turn} {earned} pistettä {possible} mahdollisesta",
    },
    "fuzz.overall_range": {"en": "the overall score is {value}, outside 0…100", "fi": "kokonaisarvio on {value}, alueen 0…100 ulkopuolella"},
    "fuzz.uncapped_range": {
        "en": "the uncapped overall score is {value}, outside 0…100",
        "fi": "kokonaisarvio ilman kriittisen virheen kattoa on {value}, alueen 0…100 ulkopuolella",
    },
    "fuzz.over_cap": {
        "en": "overall {overall} with a critical miss, above the cap of {cap}",
        "fi": "kokonaisarvio {overall} kriittisestä virheestä huolimatta, yli katon {cap}",
    },
    "fuzz.grade_with_miss": {"en": "grade `{grade}` with a critical miss", "fi": "taso `{grade}` kriittisestä virheestä huolimatta"},
    "fuzz.grade_mismatch": {"en": "grade `{grade}` does not match overall {overall}", "fi": "taso `{grade}` ei vastaa kokonaisarviota {overall}"},
    "fuzz.help_without_call": {
        "en": "ending `help-called` reached without a call for help",
        "fi": "lopputulokseen `help-called` päädyttiin, vaikka apua ei hälytetty",
    },
    # --- sim export ---
    "cli.export.choose": {"en": "error: choose what to export", "fi": "virhe: valitse, mitä viedään"},
    "cli.export.choose_hint": {"en": "`sim export --xapi` writes xAPI statements", "fi": "`sim export --xapi` kirjoittaa xAPI-lausekkeet"},
    "cli.export.needs_user": {"en": "error: --lrs needs --user (or SIM_LRS_USER)", "fi": "virhe: --lrs tarvitsee myös valitsimen --user (tai SIM_LRS_USER)"},
    "cli.export.password_prompt": {"en": "LRS secret for {user} at {url}: ", "fi": "LRS:n salaisuus tunnukselle {user} osoitteessa {url}: "},
    "cli.lrs.needs_user": {
        "en": "error: reading an LRS needs --user (or SIM_LRS_USER)",
        "fi": "virhe: LRS:n lukeminen tarvitsee valitsimen --user (tai SIM_LRS_USER)",
    },
    "cli.lrs.needs_password": {
        "en": "error: reading an LRS needs its secret, and there is no terminal to ask for it",
        "fi": "virhe: LRS:n lukeminen tarvitsee sen salaisuuden, eikä sitä voi kysyä, koska päätettä ei ole",
    },
    "cli.export.needs_password": {
        "en": "error: --lrs needs the LRS's secret, and there is no terminal to ask for it",
        "fi": "virhe: --lrs tarvitsee LRS:n salaisuuden, eikä sitä voi kysyä, koska päätettä ei ole",
    },
    "cli.lrs.no_password_given": {
        "en": "error: no password given: the input ended at the prompt for the LRS's secret",
        "fi": "virhe: salasanaa ei annettu: syöte päättyi LRS:n salaisuuden kysymykseen",
    },
    "cli.lrs.no_password_given_hint": {
        "en": "type the secret and press Enter (ctrl+d ends the input), or set SIM_LRS_PASSWORD",
        "fi": "kirjoita salaisuus ja paina Enter (ctrl+d päättää syötteen), tai aseta SIM_LRS_PASSWORD",
    },
    "cli.export.needs_password_hint": {
        "en": "set SIM_LRS_PASSWORD (other users cannot see it in the process list), or run the command in a terminal",
        "fi": "aseta SIM_LRS_PASSWORD (muut käyttäjät eivät näe sitä prosessiluettelossa) tai aja komento päätteessä",
    },
    "cli.export.needs_user_hint": {
        "en": "the LRS's key goes in --user; its secret in SIM_LRS_PASSWORD, or sim asks for it",
        "fi": "LRS:n avain annetaan valitsimella --user ja salaisuus muuttujassa SIM_LRS_PASSWORD, tai sim kysyy sen",
    },
    "cli.export.no_salt": {
        "en": "note: SIM_XAPI_SALT is not set, so anyone who guesses a trainee's name can find their statements; set it to an organisation-wide secret",
        "fi": (
            "huom.: SIM_XAPI_SALT on asettamatta, joten harjoittelijan nimen arvaaja löytää hänen lausekkeensa; "
            "aseta siihen koko organisaation yhteinen salaisuus"
        ),
    },
    "cli.export.wrote": {
        "en": "wrote {statements} statement(s) from {sessions} session(s) to {path}",
        "fi": "kirjoitettu tiedostoon {path}: {statements} lauseketta {sessions} harjoituskerrasta",
    },
    "cli.export.queued": {
        "en": "sent {sent} statement(s); {pending} stay queued and are sent by the next `sim export --xapi --lrs`",
        "fi": "lähetetty {sent} lauseketta; {pending} jää jonoon ja lähtee seuraavalla `sim export --xapi --lrs` -komennolla",
    },
    "cli.export.sent": {
        "en": "sent {sent} statement(s) to {url}; none queued",
        "fi": "lähetetty {sent} lauseketta osoitteeseen {url}; jonoon ei jäänyt mitään",
    },
    "cli.export.see_status": {
        "en": "`sim export --xapi --lrs {url} --status` shows what stays queued, and why",
        "fi": "`sim export --xapi --lrs {url} --status` näyttää, mitä jonoon jäi ja miksi",
    },
    "cli.export.more_rejected": {"en": "… and {count} more statement(s) rejected", "fi": "… ja {count} muuta hylättyä lauseketta"},
    "cli.export.skipped_left": {
        "en": "{count} skipped statement(s) stay queued for {url}; `--unskip ID` puts one back in the queue",
        "fi": "{count} sivuun siirrettyä lauseketta jää jonoon osoitteelle {url}; `--unskip TUNNUS` palauttaa sellaisen jonoon",
    },
    # `sim export --xapi --status`: the outbox of each LRS; `{error}` is as stored, in English
    "cli.export.status.endpoint": {
        "en": "{url}: {pending} queued, {skipped} skipped, {sent} sent, {dropped} dropped",
        "fi": "{url}: jonossa {pending}, sivussa {skipped}, lähetetty {sent}, unohdettu {dropped}",
    },
    "cli.export.status.unassigned": {
        "en": "queued before sim kept a queue per LRS (the next `sim export --xapi --lrs URL` takes them over)",
        "fi": "jonotettu ennen kuin simillä oli oma jono kullekin LRS:lle (seuraava `sim export --xapi --lrs URL` ottaa ne)",
    },
    "cli.export.status.failed": {"en": "  the last attempt failed ({count}): {error}", "fi": "  viimeisin yritys epäonnistui ({count}): {error}"},
    "cli.export.status.untried": {"en": "  not tried yet ({count})", "fi": "  ei vielä yritetty ({count})"},
    "cli.export.status.skipped": {"en": "  set aside until `--unskip` ({count})", "fi": "  sivussa `--unskip`-valitsimeen asti ({count})"},
    "cli.export.status.item": {
        "en": "    {id}  session {session} #{position}, {attempts} attempt(s)",
        "fi": "    {id}  harjoituskerta {session} #{position}, yrityksiä {attempts}",
    },
    "cli.export.status.more": {"en": "    … and {count} more", "fi": "    … ja {count} muuta"},
    "cli.export.status.nothing": {"en": "nothing is queued for any LRS", "fi": "mitään ei ole jonossa millekään LRS:lle"},
    "cli.export.status.never": {"en": "{url}: nothing was ever queued for it", "fi": "{url}: sille ei ole koskaan jonotettu mitään"},
    # `--skip`, `--unskip`, `--drop`
    "cli.export.confirm.skip": {
        "en": "Set {count} statement(s) aside for {url}? They stay queued but are not sent until `--unskip`. [y/N] ",
        "fi": "Siirretäänkö {count} lauseketta sivuun osoitteelle {url}? Ne jäävät jonoon, mutta niitä ei lähetetä ennen `--unskip`-valitsinta. [k/E] ",
    },
    "cli.export.confirm.drop": {
        "en": "Forget {count} statement(s) for {url}? They are never sent there, and later exports do not queue them again. [y/N] ",
        "fi": "Unohdetaanko {count} lauseketta osoitteelle {url}? Niitä ei koskaan lähetetä sinne, eivätkä myöhemmät viennit jonota niitä uudelleen. [k/E] ",
    },
    "cli.export.yes_words": {"en": "y yes", "fi": "k kyllä y yes"},
    "cli.export.declined": {"en": "nothing changed", "fi": "mitään ei muutettu"},
    "cli.export.done.skip": {
        "en": "set {count} statement(s) aside for {url}; `--unskip ID` puts one back in the queue",
        "fi": "siirretty {count} lauseketta sivuun osoitteelle {url}; `--unskip TUNNUS` palauttaa sellaisen jonoon",
    },
    "cli.export.done.unskip": {
        "en": "{count} statement(s) back in the queue for {url}: the next export sends them",
        "fi": "{count} lauseketta palautettu jonoon osoitteelle {url}: seuraava vienti lähettää ne",
    },
    "cli.export.done.drop": {
        "en": "forgot {count} statement(s) for {url}: they are never sent there",
        "fi": "unohdettu {count} lauseketta osoitteelle {url}: niitä ei koskaan lähetetä sinne",
    },
    "cli.export.needs_yes": {
        "en": "error: {option} asks before it changes the queue, and there is no terminal to ask at",
        "fi": "virhe: {option} kysyy ennen kuin muuttaa jonoa, eikä kysyä voi, koska päätettä ei ole",
    },
    "cli.export.needs_yes_hint": {"en": "add --yes to go ahead without asking", "fi": "lisää --yes, niin muutos tehdään kysymättä"},
    "cli.export.needs_lrs": {
        "en": "error: {option} needs --lrs, the LRS whose queue it changes",
        "fi": "virhe: {option} tarvitsee valitsimen --lrs, sen LRS:n, jonka jonoa muutetaan",
    },
    "cli.export.needs_lrs_hint": {
        "en": "`sim export --xapi --status` lists every LRS with a queue",
        "fi": "`sim export --xapi --status` luettelee jokaisen LRS:n, jolla on jono",
    },
    "cli.export.unknown_id": {"en": "error: no statement {id} is queued for {url}", "fi": "virhe: lauseketta {id} ei ole jonossa osoitteelle {url}"},
    "cli.export.unknown_skipped": {
        "en": "error: no statement {id} is set aside for {url}",
        "fi": "virhe: lauseketta {id} ei ole siirretty sivuun osoitteelle {url}",
    },
    "cli.export.unknown_id_hint": {
        "en": "`sim export --xapi --lrs {url} --status` lists the queued ones",
        "fi": "`sim export --xapi --lrs {url} --status` luettelee jonossa olevat",
    },
    "cli.export.ambiguous_id": {
        "en": "error: {count} queued statements have ids that start with {id}",
        "fi": "virhe: {count} jonossa olevan lausekkeen tunnus alkaa {id}",
    },
    "cli.export.ambiguous_id_hint": {"en": "give more of the id", "fi": "anna tunnuksesta pidempi osa"},
    # --- sim summary (a file's own problem: the err.summary.* keys below) ---
    "cli.summary.none": {"en": "no reports to summarise", "fi": "ei koottavia raportteja"},
    "cli.summary.none_hint": {
        "en": "make them with `sim report SESSION --format json -o FILE`",
        "fi": "tee niitä komennolla `sim report TUNNUS --format json -o TIEDOSTO`",
    },
    "cli.summary.title": {
        "en": "{title} ({id}) — {sessions} session(s), {trainees} trainee(s), overall mean {mean}",
        "fi": "{title} ({id}) — harjoituskertoja {sessions}, harjoittelijoita {trainees}, kokonaisarvion keskiarvo {mean}",
    },
    "cli.summary.col.principle": {"en": "principle", "fi": "periaate"},
    "cli.summary.col.n": {"en": "n", "fi": "n"},
    "cli.summary.col.mean": {"en": "mean", "fi": "ka."},
    "cli.summary.col.stdev": {"en": "stdev", "fi": "kh."},
    "cli.summary.col.range": {"en": "min–max", "fi": "min–max"},
    "cli.summary.col.missed": {"en": "missed", "fi": "puute"},
    "cli.summary.most_missed": {"en": "Most missed: {principles}", "fi": "Eniten puutteita: {principles}"},
    "cli.summary.footer": {
        "en": "★ goal of the scenario · missed: scored below 50 or a critical miss · {count} report(s)",
        "fi": "★ harjoituksen tavoite · puute: alle 50 pistettä tai kriittinen virhe · ka. keskiarvo, kh. keskihajonta · raportteja {count}",
    },
    # --- sim analyze (a located problem and the analysis's own notes stay English) ---
    "cli.analyze.of": {"en": "Analysis of {id}", "fi": "Analyysi: {id}"},
    "cli.analyze.client": {
        "en": "Client: {name} ({id}), start tension {tension}, threat at {threshold}",
        "fi": "Asiakas: {name} ({id}), jännitys alussa {tension}, uhka alkaen {threshold}",
    },
    "cli.analyze.nodes.one": {"en": "{n} node", "fi": "{n} solmu"},
    "cli.analyze.nodes.other": {"en": "{n} nodes", "fi": "{n} solmua"},
    "cli.analyze.situations.one": {"en": "{n} situation", "fi": "{n} tilanne"},
    "cli.analyze.situations.other": {"en": "{n} situations", "fi": "{n} tilannetta"},
    "cli.analyze.moves.one": {"en": "{n} move", "fi": "{n} siirto"},
    "cli.analyze.moves.other": {"en": "{n} moves", "fi": "{n} siirtoa"},
    "cli.analyze.verified": {"en": "every path below was replayed through the engine", "fi": "jokainen alla oleva polku on ajettu simulaattorin moottorilla"},
    "cli.analyze.not_verified": {"en": "not verified", "fi": "ei varmistettu"},
    "cli.analyze.situation": {"en": "A situation is a node with the client's tension.", "fi": "Tilanne on solmu ja asiakkaan jännitys."},
    "cli.analyze.situation_vars": {
        "en": "A situation is a node with the client's {variables} (each only while a condition can still read it).",
        "fi": "Tilanne on solmu ja asiakkaan tilamuuttujat {variables} (kukin vain niin kauan kuin jokin ehto voi vielä lukea sitä).",
    },
    "cli.analyze.infinite": {"en": "infinitely many", "fi": "äärettömän monta"},
    "cli.analyze.about": {"en": "about 10^{power} ({digits} digits)", "fi": "noin 10^{power} ({digits} numeroa)"},
    "cli.analyze.turns.one": {"en": "{count} turn", "fi": "{count} vuoro"},
    "cli.analyze.turns.other": {"en": "{count} turns", "fi": "{count} vuoroa"},
    "cli.analyze.abbreviated": {"en": "{turns}: {head},…,{tail} (--json lists them all)", "fi": "{turns}: {head},…,{tail} (--json luettelee kaikki)"},
    "cli.analyze.no_turns": {"en": "(no turns: the start is an ending)", "fi": "(ei vuoroja: jo alku on lopputulos)"},
    "cli.analyze.paths": {"en": "Paths", "fi": "Polut"},
    "cli.analyze.complete": {
        "en": "Complete paths: {paths}; without calling for help: {without}",
        "fi": "Kokonaisia polkuja: {paths}; niistä ilman avun hälyttämistä: {without}",
    },
    "cli.analyze.loops": {"en": "Loops (each can be gone round again and again):", "fi": "Silmukat (kunkin voi kiertää yhä uudelleen):"},
    "cli.analyze.loop": {"en": "{cycle}   by {actions}", "fi": "{cycle}   valinnoilla {actions}"},
    "cli.analyze.shortest": {"en": "Shortest: {turns} to `{end}`: {command}", "fi": "Lyhin: {turns} solmuun `{end}`: {command}"},
    "cli.analyze.longest": {"en": "Longest: {turns} to `{end}`: {command}", "fi": "Pisin: {turns} solmuun `{end}`: {command}"},
    "cli.analyze.longest_simple": {
        "en": "Longest without repeating a situation: {turns} to `{end}`: {command}",
        "fi": "Pisin toistamatta samaa tilannetta: {turns} solmuun `{end}`: {command}",
    },
    "cli.analyze.unreachable": {"en": "Never reached: {nodes}", "fi": "Ei koskaan saavutettu: {nodes}"},
    "cli.analyze.endings": {"en": "Endings", "fi": "Lopputulokset"},
    "cli.analyze.success": {"en": "{kind}, a success", "fi": "{kind}, onnistunut"},
    "cli.analyze.never_reached": {"en": "never reached on any path", "fi": "ei saavutettavissa millään polulla"},
    "cli.analyze.infinite_paths": {"en": "infinitely many paths", "fi": "äärettömän monta polkua"},
    "cli.analyze.path_count.one": {"en": "{n} path", "fi": "{n} polku"},
    "cli.analyze.path_count.other": {"en": "{n} paths", "fi": "{n} polkua"},
    "cli.analyze.ending_paths": {"en": "{paths}; shortest {turns}: {command}", "fi": "{paths}; lyhin {turns}: {command}"},
    "cli.analyze.more_endings": {"en": "… and {count} more endings (--json lists them)", "fi": "… ja {count} muuta lopputulosta (--json luettelee ne)"},
    "cli.analyze.scores": {"en": "Scores (best and worst any path can get)", "fi": "Pisteet (paras ja huonoin, mitä jokin polku voi saada)"},
    "cli.analyze.col.principle": {"en": "principle", "fi": "periaate"},
    "cli.analyze.col.best": {"en": "best", "fi": "paras"},
    "cli.analyze.col.worst": {"en": "worst", "fi": "huonoin"},
    "cli.analyze.untested": {"en": "not tested on any path", "fi": "ei arvioida millään polulla"},
    "cli.analyze.scores_note": {
        "en": "★ goal of this scenario · ~ a loop only approaches this value",
        "fi": "★ tämän harjoituksen tavoite · ~ silmukka vain lähestyy tätä arvoa",
    },
    "cli.analyze.best_overall": {"en": "Best overall", "fi": "Paras kokonaisarvio"},
    "cli.analyze.worst_overall": {"en": "Worst overall", "fi": "Huonoin kokonaisarvio"},
    "cli.analyze.overall": {"en": "{label}: {score} ({grade})", "fi": "{label}: {score} ({grade})"},
    "cli.analyze.overall_miss": {"en": "{label}: {score} ({grade}, with a critical miss)", "fi": "{label}: {score} ({grade}, kriittinen virhe)"},
    "cli.analyze.exact": {"en": "exact", "fi": "tarkka"},
    "cli.analyze.bound_best": {"en": "found by search; no path does better than {bound}", "fi": "löytyi haulla; mikään polku ei saa enempää kuin {bound}"},
    "cli.analyze.bound_worst": {"en": "found by search; no path does worse than {bound}", "fi": "löytyi haulla; mikään polku ei saa vähempää kuin {bound}"},
    "cli.analyze.extremes": {"en": "The paths to each principle's extremes:", "fi": "Polut kunkin periaatteen ääriarvoihin:"},
    "cli.analyze.closer": {"en": "(going round {cycle} again and again comes ever closer)", "fi": "(kiertämällä {cycle} yhä uudelleen pääsee yhä lähemmäs)"},
    "cli.analyze.coverage": {"en": "Principle coverage (goals, along reachable paths)", "fi": "Periaatteiden kattavuus (tavoitteet saavutettavilla poluilla)"},
    "cli.analyze.never_scored": {"en": "never scored on any path", "fi": "ei pisteytetä millään polulla"},
    "cli.analyze.no_good": {"en": "no good option", "fi": "ei hyvää vaihtoehtoa"},
    "cli.analyze.no_poor": {"en": "no poor option", "fi": "ei huonoa vaihtoehtoa"},
    "cli.analyze.covered": {
        "en": "Every goal has a good and a poor option on some reachable path.",
        "fi": "Jokaisella tavoitteella on hyvä ja huono vaihtoehto jollakin saavutettavalla polulla.",
    },
    "cli.analyze.idle": {"en": "Choices that never matter", "fi": "Valinnat, joilla ei ole merkitystä"},
    "cli.analyze.all_same": {
        "en": "`{node}`: all its options ({choices}) lead to `{next}` with the same effects and scores",
        "fi": "`{node}`: kaikki sen vaihtoehdot ({choices}) vievät solmuun `{next}` samoin vaikutuksin ja pistein",
    },
    "cli.analyze.same": {
        "en": "`{node}`: {choices} have the same outcome (`{next}`, same effects and scores)",
        "fi": "`{node}`: valinnoilla {choices} on sama seuraus (`{next}`, samat vaikutukset ja pisteet)",
    },
    "cli.analyze.never_offered": {
        "en": "`{node}`: `{choice}` is never offered: its condition fails on every path",
        "fi": "`{node}`: valintaa `{choice}` ei tarjota koskaan: sen ehto ei täyty millään polulla",
    },
    "cli.analyze.more_all": {"en": "… and {count} more (--json lists them all)", "fi": "… ja {count} muuta (--json luettelee kaikki)"},
    "cli.analyze.threat": {
        "en": "Where calling for help becomes due (tension ≥ {threshold})",
        "fi": "Missä avun hälyttämisen aika tulee (jännitys ≥ {threshold})",
    },
    "cli.analyze.no_threat": {"en": "Nowhere: no path makes the client a threat.", "fi": "Ei missään: millään polulla asiakkaasta ei tule uhkaa."},
    "cli.analyze.threat_at.one": {"en": "At {count} node; the nearest first:", "fi": "{count} solmussa; lähin ensin:"},
    "cli.analyze.threat_at.other": {"en": "At {count} nodes; the nearest first:", "fi": "{count} solmussa; lähin ensin:"},
    "cli.analyze.threat_node": {"en": "`{node}` (tension {tension}): {command}", "fi": "`{node}` (jännitys {tension}): {command}"},
    "cli.analyze.more": {"en": "… and {count} more (--json lists them)", "fi": "… ja {count} muuta (--json luettelee ne)"},
    "cli.analyze.more_loops.one": {"en": "note: {count} more loop is not listed", "fi": "huom.: vielä {count} silmukka jäi luettelematta"},
    "cli.analyze.more_loops.other": {"en": "note: {count} more loops are not listed", "fi": "huom.: vielä {count} silmukkaa jäi luettelematta"},
    "cli.analyze.disagrees": {
        "en": "sim analyze: internal error: the analysis disagrees with the engine:",
        "fi": "sim analyze: sisäinen virhe: analyysi ja simulaattorin moottori ovat eri mieltä:",
    },
    "cli.analyze.disagrees_hint": {
        "en": "hint: this is a bug in sim; please report it with the scenario file",
        "fi": "vihje: tämä on simin vika; ilmoita siitä ja liitä mukaan harjoitustiedosto",
    },
    # --- sim graph (the drawing itself, Mermaid or DOT, stays as it is) ---
    "cli.graph.no_dot": {
        "en": "Graphviz `dot` is not installed, so it cannot draw {format}",
        "fi": "Graphvizin `dot`-ohjelmaa ei ole asennettu, joten {format}-kuvaa ei voi piirtää",
    },
    "cli.graph.no_dot_hint": {
        "en": (
            "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, "
            "macOS: `brew install graphviz`), or use `--format mermaid` or `--format dot` and draw it elsewhere"
        ),
        "fi": (
            "asenna Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, "
            "macOS: `brew install graphviz`) tai käytä valitsinta `--format mermaid` tai `--format dot` ja piirrä kuva muualla"
        ),
    },
    "cli.graph.png_terminal": {"en": "a PNG picture cannot be shown in a terminal", "fi": "PNG-kuvaa ei voi näyttää päätteessä"},
    "cli.graph.png_terminal_hint": {"en": "give a file: `-o scenario.png`", "fi": "anna tiedosto: `-o harjoitus.png`"},
    "cli.graph.timeout": {"en": "Graphviz `dot` took longer than {seconds} s", "fi": "Graphvizin `dot` kesti yli {seconds} s"},
    "cli.graph.timeout_hint": {
        "en": "draw a smaller scenario, or use `--format dot` and run dot yourself",
        "fi": "piirrä pienempi harjoitus tai käytä valitsinta `--format dot` ja aja dot itse",
    },
    "cli.graph.cannot_run": {"en": "cannot run Graphviz `dot`: {error}", "fi": "Graphvizin `dot`-ohjelmaa ei voi ajaa: {error}"},
    "cli.graph.cannot_run_hint": {"en": "check the Graphviz installation", "fi": "tarkista Graphvizin asennus"},
    "cli.graph.failed": {"en": "Graphviz `dot` failed", "fi": "Graphvizin `dot` epäonnistui"},
    "cli.graph.failed_with": {"en": "Graphviz `dot` failed: {error}", "fi": "Graphvizin `dot` epäonnistui: {error}"},
    "cli.graph.failed_hint": {
        "en": "run `sim graph … --format dot | dot -Tsvg` to see everything it says",
        "fi": "aja `sim graph … --format dot | dot -Tsvg`, niin näet kaiken, mitä se sanoo",
    },
    # --- sim new (the template it writes stays English: its `language: en` texts and comments are one file) ---
    "cli.new.bad_id": {"en": "`{name}` cannot be an id", "fi": "`{name}` ei kelpaa tunnukseksi"},
    "cli.new.bad_id_hint": {
        "en": "use letters, digits, `-` and `_` (at most 64, starting with a letter or digit), e.g. noise-complaint",
        "fi": "käytä kirjaimia, numeroita, viivaa `-` ja alaviivaa `_` (enintään 64 merkkiä, alussa kirjain tai numero), esim. noise-complaint",
    },
    "cli.new.is_file": {"en": "{path} is a file, not a folder", "fi": "{path} on tiedosto eikä kansio"},
    "cli.new.is_file_hint": {"en": "give a folder with -o, e.g. -o my-scenarios", "fi": "anna kansio valitsimella -o, esim. -o omat-harjoitukset"},
    "cli.new.exists": {"en": "{path} already exists; not overwriting it", "fi": "{path} on jo olemassa, eikä sen päälle kirjoiteta"},
    "cli.new.exists_hint": {
        "en": "choose another name, or move the existing file away first",
        "fi": "valitse toinen nimi tai siirrä olemassa oleva tiedosto ensin muualle",
    },
    "cli.new.no_persona": {"en": "there is no persona `{profile}`", "fi": "asiakasprofiilia `{profile}` ei ole"},
    "cli.new.no_persona_hint": {
        "en": "known personas: {known}; or create one with `sim new profile {profile}`",
        "fi": "tunnetut asiakasprofiilit: {known}; tai luo uusi komennolla `sim new profile {profile}`",
    },
    "cli.new.wrote": {"en": "Wrote {path}", "fi": "Kirjoitettu {path}"},
    "cli.new.wrote_schema": {
        "en": "Wrote {path} (editor completion: see the file's first line)",
        "fi": "Kirjoitettu {path} (editorin täydennys: katso tiedoston ensimmäinen rivi)",
    },
    "cli.new.next": {"en": "Next:", "fi": "Seuraavaksi:"},
    "cli.new.edit": {"en": "edit {path}", "fi": "muokkaa tiedostoa {path}"},
    # --- sim report: finding the session ---
    "cli.report.no_sessions": {"en": "there are no sessions in the history yet", "fi": "historiassa ei ole vielä harjoituskertoja"},
    "cli.report.no_sessions_hint": {"en": "play a scenario with `sim` first", "fi": "pelaa ensin jokin harjoitus komennolla `sim`"},
    "cli.report.no_such": {"en": "no session with this id", "fi": "tällä tunnuksella ei ole harjoituskertaa"},
    "cli.report.no_such_hint": {"en": "`sim history` lists the session ids; `last` is the newest", "fi": "`sim history` luettelee tunnukset; `last` on uusin"},
    "cli.report.ambiguous": {"en": "{count} sessions start with this: {shown}", "fi": "{count} harjoituskerran tunnus alkaa näin: {shown}"},
    "cli.report.ambiguous_hint": {"en": "give more of the id", "fi": "anna tunnuksesta pidempi osa"},
    # --- starting the simulator (sim, sim play) and sim serve ---
    "cli.launch.no_terminal_help": {
        "en": "sim: the simulator needs a terminal; the commands above work without one",
        "fi": "sim: simulaattori tarvitsee päätteen; yllä luetellut komennot toimivat ilman sitä",
    },
    "cli.launch.no_terminal": {"en": "the simulator needs a terminal", "fi": "simulaattori tarvitsee päätteen"},
    "cli.launch.no_terminal_hint": {
        "en": "`sim walk SCENARIO --choices …` plays a path without one",
        "fi": "`sim walk HARJOITUS --choices …` pelaa polun ilman päätettä",
    },
    "cli.serve.cannot_listen": {"en": "cannot listen on {host}:{port} ({error})", "fi": "osoitetta {host}:{port} ei voi kuunnella ({error})"},
    "cli.serve.cannot_listen_hint": {"en": "choose another --port", "fi": "valitse toinen portti valitsimella --port"},
    # --- errors a user can act on (sim.errors.UserError, worded with `SomeError.of`) ---
    # Shown by the CLI, `--plain` and the TUI alike; `where` (a path, a URL) stays as it is,
    # and so do the details in ( ), the system's or the server's own words.
    # The session history (sim.session.history.StoreError)
    "err.store.full": {"en": "the disk is full: the session history could not be saved", "fi": "levy on täynnä, joten harjoitushistoriaa ei voitu tallentaa"},
    "err.store.full_hint": {
        "en": "free some disk space; a played session stays in its journal and is added by the next `sim history`",
        "fi": "vapauta levytilaa; pelattu harjoituskerta säilyy välitallenteessaan, ja seuraava `sim history` lisää sen historiaan",
    },
    "err.store.folder_hint": {
        "en": "make the data folder writable, or set SIM_HOME to a folder you can write to",
        "fi": "anna datakansioon kirjoitusoikeus tai aseta SIM_HOME osoittamaan kansioon, johon voit kirjoittaa",
    },
    "err.store.cannot_write": {"en": "cannot write the session history ({error})", "fi": "harjoitushistoriaan ei voi kirjoittaa ({error})"},
    "err.store.cannot_use": {"en": "cannot use the session history ({error})", "fi": "harjoitushistoriaa ei voi käyttää ({error})"},
    "err.store.cannot_create_folder": {"en": "cannot create the data folder ({error})", "fi": "datakansiota ei voi luoda ({error})"},
    "err.store.not_readable": {"en": "this is not a readable sim history ({error})", "fi": "tämä ei ole luettavissa oleva simin harjoitushistoria ({error})"},
    "err.store.not_readable_hint": {
        "en": "move the file aside; `sim history` then starts a new one and re-imports the finished sessions from the journals",
        "fi": "siirrä tiedosto muualle; `sim history` aloittaa silloin uuden historian ja tuo päättyneet harjoituskerrat uudelleen välitallenteista",
    },
    "err.store.locked": {
        "en": "another sim process kept the history locked for over {seconds} s",
        "fi": "toinen sim-prosessi piti historiaa lukittuna yli {seconds} sekuntia",
    },
    "err.store.locked_hint": {"en": "close the other sim and try again", "fi": "sulje toinen sim ja yritä uudelleen"},
    "err.store.disk_failed": {"en": "the disk failed while using the session history ({error})", "fi": "levyvirhe harjoitushistoriaa käytettäessä ({error})"},
    "err.store.disk_failed_hint": {"en": "check the disk and the data folder (SIM_HOME)", "fi": "tarkista levy ja datakansio (SIM_HOME)"},
    "err.store.unknown": {"en": "session history error: {error}", "fi": "harjoitushistorian virhe: {error}"},
    "err.store.unknown_hint": {
        "en": "run again with SIM_DEBUG=1 and report it if it persists",
        "fi": "aja uudelleen SIM_DEBUG=1-asetuksella ja ilmoita viasta, jos se toistuu",
    },
    "err.store.damaged_row": {
        "en": "a damaged value was skipped: column {column}: {why}",
        "fi": "vioittunut arvo ohitettiin: sarake {column}: {why}",
    },
    "err.store.damaged_row_hint": {
        "en": "another program or a disk fault changed the history; `sim history` shows the rest",
        "fi": "jokin toinen ohjelma tai levyvika on muuttanut historiaa; `sim history` näyttää loput",
    },
    "err.store.newer": {
        "en": "the history was written by a newer sim (schema {found}; this sim knows up to {known})",
        "fi": "historian on kirjoittanut simin uudempi versio (skeema {found}; tämä versio tuntee enintään skeeman {known})",
    },
    "err.store.newer_hint": {"en": "upgrade sim, or set SIM_HOME to another folder", "fi": "päivitä sim tai aseta SIM_HOME osoittamaan toiseen kansioon"},
    "err.history.gone": {"en": "this session is no longer in the history", "fi": "tätä harjoituskertaa ei ole enää historiassa"},
    # A Learning Record Store (sim.reports.lrs.LrsError); `{said}` is the LRS's own explanation, ": …" or nothing
    "err.lrs.not_url": {"en": "not an http(s) URL of an LRS", "fi": "tämä ei ole LRS:n http(s)-osoite"},
    "err.lrs.not_url_hint": {
        "en": "give the LRS's xAPI endpoint, like https://lrs.example.org/xapi/",
        "fi": "anna LRS:n xAPI-osoite, esim. https://lrs.example.org/xapi/",
    },
    "err.lrs.refused": {"en": "the LRS refused the credentials ({status}){said}", "fi": "LRS ei hyväksynyt tunnuksia ({status}){said}"},
    "err.lrs.refused_hint": {
        "en": "check --user and --password (or SIM_LRS_USER / SIM_LRS_PASSWORD)",
        "fi": "tarkista --user ja --password (tai SIM_LRS_USER / SIM_LRS_PASSWORD)",
    },
    "err.lrs.not_found": {"en": "no xAPI statements resource here (404){said}", "fi": "tästä osoitteesta ei löydy xAPI-lausekkeiden rajapintaa (404){said}"},
    "err.lrs.not_found_hint": {
        "en": "give the LRS's xAPI endpoint, the URL that ends before /statements",
        "fi": "anna LRS:n xAPI-osoite ilman loppuosaa /statements",
    },
    "err.lrs.rejected": {"en": "the LRS rejected the statements ({status}){said}", "fi": "LRS hylkäsi lausekkeet ({status}){said}"},
    "err.lrs.rejected_hint": {
        "en": "the statements stay queued; fix the cause and export again",
        "fi": "lausekkeet jäävät jonoon; korjaa syy ja vie ne uudelleen",
    },
    "err.lrs.failed": {"en": "the LRS failed ({status}){said}", "fi": "LRS:ssä tapahtui virhe ({status}){said}"},
    "err.lrs.later_hint": {"en": "the statements stay queued; try again later", "fi": "lausekkeet jäävät jonoon; yritä myöhemmin uudelleen"},
    "err.lrs.connection_refused": {"en": "connection refused", "fi": "palvelin ei ottanut yhteyttä vastaan"},
    "err.lrs.connection_refused_hint": {
        "en": "is the LRS running, and is the URL (host and port) right?",
        "fi": "onko LRS käynnissä, ja onko osoite (palvelin ja portti) oikein?",
    },
    "err.lrs.unknown_host": {"en": "unknown host ({error})", "fi": "tuntematon palvelin ({error})"},
    "err.lrs.unknown_host_hint": {"en": "check the host name in --lrs", "fi": "tarkista palvelimen nimi valitsimessa --lrs"},
    "err.lrs.unreachable": {"en": "cannot reach the LRS ({error})", "fi": "LRS:ään ei saada yhteyttä ({error})"},
    "err.lrs.network_hint": {"en": "check the URL and the network", "fi": "tarkista osoite ja verkkoyhteys"},
    "err.lrs.connection_failed": {"en": "the connection failed ({error})", "fi": "yhteys epäonnistui ({error})"},
    "err.lrs.connection_failed_hint": {
        "en": "check the URL and the network; the statements stay queued",
        "fi": "tarkista osoite ja verkkoyhteys; lausekkeet jäävät jonoon",
    },
    "err.lrs.not_lrs": {"en": "the server did not answer like an LRS ({error})", "fi": "palvelin ei vastannut niin kuin LRS:n pitäisi ({error})"},
    "err.lrs.not_lrs_hint": {"en": "check that the URL is the LRS's xAPI endpoint", "fi": "tarkista, että osoite on LRS:n xAPI-osoite"},
    "err.lrs.timeout": {"en": "the LRS did not answer within {seconds} s", "fi": "LRS ei vastannut {seconds} sekunnin kuluessa"},
    "err.lrs.timeout_hint": {
        "en": "the statements stay queued; try again later, or raise --timeout",
        "fi": "lausekkeet jäävät jonoon; yritä myöhemmin uudelleen tai kasvata valitsimen --timeout arvoa",
    },
    "err.lrs.redirect": {
        "en": "the LRS answered {status} and points to {location}; sim never follows a redirect, so nothing was sent",
        "fi": "LRS vastasi {status} ja ohjaa osoitteeseen {location}; sim ei seuraa uudelleenohjauksia, joten mitään ei lähetetty",
    },
    "err.lrs.redirect_nowhere": {
        "en": "the LRS answered {status}, a redirect without an address; nothing was sent",
        "fi": "LRS vastasi {status}, uudelleenohjauksella ilman osoitetta; mitään ei lähetetty",
    },
    "err.lrs.redirect_hint": {
        "en": "if the new address is the LRS's xAPI endpoint, give it with --lrs; the statements stay queued",
        "fi": "jos uusi osoite on LRS:n xAPI-osoite, anna se valitsimella --lrs; lausekkeet jäävät jonoon",
    },
    "err.lrs.page": {
        "en": "the server answered {status} with a web page ({type}), not with the ids of the statements",
        "fi": "palvelin vastasi {status} verkkosivulla ({type}) eikä lausekkeiden tunnuksilla",
    },
    "err.lrs.not_ids": {
        "en": "the server answered {status} with something other than the ids of the statements sent{said}",
        "fi": "palvelin vastasi {status} muulla kuin lähetettyjen lausekkeiden tunnuksilla{said}",
    },
    "err.lrs.portal_hint": {
        "en": "a login page or a proxy (a captive portal) may be in the way: open the URL in a browser, and check --lrs; the statements stay queued",
        "fi": (
            "välissä voi olla kirjautumissivu tai välityspalvelin (kuten julkisen verkon kirjautumisportaali): "
            "avaa osoite selaimessa ja tarkista --lrs; lausekkeet jäävät jonoon"
        ),
    },
    "err.lrs.too_large": {
        "en": "the server's answer ({status}) is larger than {size} MiB, which no LRS sends",
        "fi": "palvelimen vastaus ({status}) on yli {size} MiB, eikä mikään LRS vastaa niin",
    },
    "err.lrs.cut_off": {
        "en": "the answer was cut off after {got} bytes, with {expected} more to come",
        "fi": "vastaus katkesi {got} tavun jälkeen, vaikka {expected} tavua oli vielä tulossa",
    },
    "err.lrs.busy": {
        "en": "the LRS is busy ({status}) and asks to wait {seconds} s",
        "fi": "LRS on ruuhkautunut ({status}) ja pyytää odottamaan {seconds} sekuntia",
    },
    "err.lrs.gave_up": {
        "en": "the LRS did not take the statements in {tries} tries ({status}){said}",
        "fi": "LRS ei ottanut lausekkeita vastaan {tries} yrityksellä ({status}){said}",
    },
    # One statement (`where` is the URL and the statement's id); the others went on.
    "err.lrs.statement_rejected": {"en": "the LRS rejected this statement ({status}){said}", "fi": "LRS hylkäsi tämän lausekkeen ({status}){said}"},
    "err.lrs.statement_hint": {
        "en": (
            "the other statements went on; this one stays queued: fix the cause, or set it aside with "
            "`sim export --xapi --lrs {url} --skip {id}` (`--drop` forgets it for this LRS)"
        ),
        "fi": (
            "muut lausekkeet lähtivät; tämä jää jonoon: korjaa syy tai siirrä se sivuun komennolla "
            "`sim export --xapi --lrs {url} --skip {id}` (`--drop` unohtaa sen tämän LRS:n osalta)"
        ),
    },
    "err.lrs.conflict": {"en": "the LRS already holds a different statement with this id", "fi": "LRS:ssä on jo toinen lauseke samalla tunnuksella"},
    "err.lrs.conflict_hint": {
        "en": (
            "an LRS never replaces a statement; this one was probably sent before with another SIM_XAPI_SALT, or by another copy of sim. "
            "`sim export --xapi --lrs {url} --drop {id}` stops sending it there"
        ),
        "fi": (
            "LRS ei koskaan korvaa lauseketta; tämä on luultavasti lähetetty aiemmin toisella SIM_XAPI_SALT-arvolla tai toisesta simin asennuksesta. "
            "`sim export --xapi --lrs {url} --drop {id}` lopettaa sen lähettämisen sinne"
        ),
    },
    "err.lrs.unconfirmed": {
        "en": "the LRS answered as if it took this statement, but does not have it when asked",
        "fi": "LRS vastasi kuin olisi ottanut lausekkeen vastaan, mutta kysyttäessä sillä ei ole sitä",
    },
    "err.lrs.cannot_build": {
        "en": "this statement cannot be built: its session {session} is no longer in the history",
        "fi": "tätä lauseketta ei voi muodostaa: sen harjoituskertaa {session} ei ole enää historiassa",
    },
    "err.lrs.rejects_all": {
        "en": "the LRS rejected each of the {count} statements of the first batch, so the rest were not sent",
        "fi": "LRS hylkäsi ensimmäisen erän kaikki {count} lauseketta, joten loppuja ei lähetetty",
    },
    "err.lrs.rejects_all_hint": {
        "en": "`sim export --xapi --lrs {url} --status` lists them with the LRS's reasons; they stay queued",
        "fi": "`sim export --xapi --lrs {url} --status` luettelee ne LRS:n antamine syineen; ne jäävät jonoon",
    },
    # Reading sessions back from an LRS (sim.reports.lrs_read); `where` is the statements URL.
    "err.lrs_read.not_json": {
        "en": "the LRS answered the statements query ({status}) with something other than JSON{said}",
        "fi": "LRS vastasi lausekekyselyyn ({status}) muulla kuin JSON-datalla{said}",
    },
    "err.lrs_read.page": {
        "en": "the server answered the statements query ({status}) with a web page ({type}), not with statements",
        "fi": "palvelin vastasi lausekekyselyyn ({status}) verkkosivulla ({type}) eikä lausekkeilla",
    },
    "err.lrs_read.not_statements": {
        "en": "the LRS's answer ({status}) is not a page of statements: it should have `statements` (a list) and `more` (a link){said}",
        "fi": "LRS:n vastaus ({status}) ei ole lausekesivu: siinä pitäisi olla `statements` (luettelo) ja `more` (linkki){said}",
    },
    "err.lrs_read.not_lrs_hint": {
        "en": "check that the URL is the LRS's xAPI endpoint; a login page or a proxy may be in the way: open the URL in a browser",
        "fi": "tarkista, että osoite on LRS:n xAPI-osoite; välissä voi olla kirjautumissivu tai välityspalvelin: avaa osoite selaimessa",
    },
    "err.lrs_read.elsewhere": {
        "en": "the LRS points to the next page of statements on another server ({more}); sim reads only from the LRS it was given",
        "fi": "LRS ohjaa lausekkeiden seuraavalle sivulle toiselle palvelimelle ({more}); sim lukee vain siitä LRS:stä, jonka osoite annettiin",
    },
    "err.lrs_read.elsewhere_hint": {
        "en": "if that server is the LRS, give its xAPI endpoint instead; otherwise the LRS's own address is set wrong: ask its administrator",
        "fi": "jos se palvelin on LRS, anna sen xAPI-osoite; muuten LRS:n oma osoite on asetettu väärin: kysy asiaa LRS:n ylläpitäjältä",
    },
    "err.lrs_read.bad_more": {
        "en": "the LRS's link to the next page of statements is not a usable address ({more})",
        "fi": "LRS:n linkki lausekkeiden seuraavalle sivulle ei ole käyttökelpoinen osoite ({more})",
    },
    "err.lrs_read.lrs_fault_hint": {
        "en": "the LRS does not page its answers as xAPI says: ask its administrator, or read less at a time (one trainee or one scenario)",
        "fi": (
            "LRS ei jaa vastauksiaan sivuihin xAPI:n mukaisesti: kysy asiaa sen ylläpitäjältä "
            "tai lue vähemmän kerrallaan (yksi harjoittelija tai yksi harjoitus)"
        ),
    },
    # Rebuilding a stored session (sim.session.rebuild.RebuildError). `{problem}` is a located file
    # problem (English, as `sim validate`'s); `{why}` is per language; `{offered}` is English's
    # detail ("offered here: …; ") and empty in other languages.
    "err.rebuild.broken": {"en": "the scenario file has errors now: {problem}", "fi": "harjoitustiedostossa on nyt virheitä: {problem}"},
    "err.rebuild.broken_hint": {
        "en": "fix it (`sim validate {path}` lists every problem), then try again",
        "fi": "korjaa tiedosto (`sim validate {path}` luettelee kaikki ongelmat) ja yritä sitten uudelleen",
    },
    "err.rebuild.missing": {"en": "scenario `{id}` cannot be found any more", "fi": "harjoitusta `{id}` ei enää löydy"},
    "err.rebuild.missing_hint": {
        "en": "put the scenario file back, or name its folder with --dir or SIM_DIALOGUES",
        "fi": "palauta harjoitustiedosto paikalleen tai kerro sen kansio valitsimella --dir tai SIM_DIALOGUES-muuttujalla",
    },
    "err.rebuild.no_longer_fits": {
        "en": "step {step} (`{action}` at `{node}`) no longer fits: {why}",
        "fi": "vaihe {step} (`{action}` solmussa `{node}`) ei enää sovi harjoitukseen: {why}",
    },
    "err.rebuild.changed_no_longer_fits": {
        "en": (
            "the scenario changed since this session was played (content {played} → {current}), "
            "and step {step} (`{action}` at `{node}`) no longer fits: {why}"
        ),
        "fi": (
            "harjoitusta on muutettu tämän harjoituskerran jälkeen (sisältö {played} → {current}), "
            "eikä vaihe {step} (`{action}` solmussa `{node}`) enää sovi siihen: {why}"
        ),
    },
    "err.rebuild.restore_hint": {
        "en": "{offered}restore the scenario version that was played to rebuild this session",
        "fi": "{offered}palauta harjoituksesta se versio, jolla harjoituskerta pelattiin, niin tämä harjoituskerta voidaan koota uudelleen",
    },
    # A report file given to `sim summary` (sim.reports.summary.ReportError)
    "err.summary.no_such": {"en": "no such file or folder", "fi": "tiedostoa tai kansiota ei ole"},
    "err.summary.no_such_hint": {"en": "check the path and its spelling", "fi": "tarkista polku ja sen kirjoitusasu"},
    "err.summary.too_many": {"en": "more than {count} files", "fi": "yli {count} tiedostoa"},
    "err.summary.too_many_hint": {"en": "summarise a smaller folder", "fi": "valitse koottavaksi pienempi kansio"},
    "err.summary.too_large": {"en": "larger than {megabytes} MB", "fi": "suurempi kuin {megabytes} Mt"},
    "err.summary.too_large_hint": {
        "en": "is this a report from `sim report --format json`?",
        "fi": "onko tämä `sim report --format json` -komennon tekemä raportti?",
    },
    "err.summary.not_text": {"en": "not UTF-8 text", "fi": "ei ole UTF-8-tekstiä"},
    "err.summary.not_json": {"en": "not valid JSON ({error})", "fi": "ei ole kelvollista JSONia ({error})"},
    "err.summary.json_hint": {
        "en": "give the JSON files `sim report --format json` writes",
        "fi": "anna `sim report --format json` -komennon kirjoittamat JSON-tiedostot",
    },
    "err.summary.unreadable": {"en": "cannot read it ({error})", "fi": "tiedostoa ei voi lukea ({error})"},
    "err.summary.unreadable_hint": {"en": "check the file's permissions", "fi": "tarkista tiedoston käyttöoikeudet"},
    "err.summary.not_report": {"en": "not a sim report", "fi": "ei ole simin raportti"},
    "err.summary.too_deep": {"en": "nested too deeply to be a sim report", "fi": "liian syvälle sisäkkäinen ollakseen simin raportti"},
    "err.summary.bad_value": {"en": "`{where}`: {error}", "fi": "`{where}`: {error}"},
    "err.summary.not_report_hint": {
        "en": "make it with `sim report SESSION --format json -o FILE`",
        "fi": "tee se komennolla `sim report TUNNUS --format json -o TIEDOSTO`",
    },
    "err.summary.newer": {
        "en": "report version {version} is newer than this sim reads ({known})",
        "fi": "raportin versio {version} on uudempi kuin tämä sim osaa lukea ({known})",
    },
    "err.summary.newer_hint": {"en": "upgrade sim", "fi": "päivitä sim"},
    "err.summary.incomplete": {"en": "the report lacks its scenario or principles", "fi": "raportista puuttuu harjoitus tai periaatteet"},
    "err.summary.incomplete_hint": {
        "en": "make it again with `sim report --format json`",
        "fi": "tee raportti uudelleen komennolla `sim report --format json`",
    },
    # === end of Reach ===
    # --- app-wide ---------------------------------------------------------------
    "app.title": {"en": "Encounter simulator", "fi": "Kohtaamissimulaattori"},
    "key.quit": {"en": "Quit", "fi": "Lopeta"},
    "tip.quit": {"en": "Quit the simulator (asks first during an encounter)", "fi": "Lopeta simulaattori (kysyy ensin kesken kohtaamisen)"},
    "key.theme": {"en": "Theme", "fi": "Teema"},
    "tip.theme": {"en": "Switch between the dark and the light theme", "fi": "Vaihda tumman ja vaalean teeman välillä"},
    "theme.save_failed": {
        "en": "The theme is not remembered for the next start: {error}",
        "fi": "Teemaa ei voitu tallentaa seuraavaa käynnistystä varten: {error}",
    },
    # Instead of a screen cut to pieces, below the size every screen is laid out for.
    "size.too_small_title": {"en": "The window is too small", "fi": "Ikkuna on liian pieni"},
    "size.too_small": {
        "en": (
            "The window is {width}×{height}; the simulator needs at least {min_width}×{min_height}.\n"
            "Enlarge the window or make the font smaller."
        ),
        "fi": (
            "Ikkuna on {width}×{height}, mutta simulaattori tarvitsee vähintään {min_width}×{min_height}.\n"
            "Suurenna ikkunaa tai pienennä fonttikokoa."
        ),
    },
    "size.kept": {
        "en": "Nothing is lost meanwhile: the session waits, and a timed turn's clock is stopped.",
        "fi": "Mitään ei menetetä sillä välin: harjoitus odottaa, ja vuoron ajastin on pysähdyksissä.",
    },
    "key.keys": {"en": "Keys", "fi": "Näppäimet"},
    "tip.keys": {"en": "Show or hide every key of this screen", "fi": "Näytä tai piilota tämän näkymän näppäimet"},
    "key.palette": {"en": "Commands", "fi": "Komennot"},
    "tip.palette": {"en": "Open the command palette", "fi": "Avaa komentovalikko"},
    "palette.placeholder": {"en": "Search for a scenario or a command…", "fi": "Hae harjoitusta tai komentoa…"},
    "exit.saved": {
        "en": "Your session is saved. Start sim again to resume it where you left off.",
        "fi": "Harjoitus on tallessa. Käynnistä sim uudelleen, niin voit jatkaa siitä, mihin jäit.",
    },
    "exit.crashed": {
        "en": (
            "sim: internal error: {error}\n"
            "    Every turn you played is saved: start sim again to resume.\n"
            "    hint: this is a bug in sim; run again with SIM_DEBUG=1 for details and report it"
        ),
        "fi": (
            "sim: sisäinen virhe: {error}\n"
            "    Jokainen pelaamasi vuoro on tallessa: käynnistä sim uudelleen jatkaaksesi.\n"
            "    vihje: tämä on simin vika; aja uudelleen SIM_DEBUG=1-asetuksella ja ilmoita siitä"
        ),
    },
    "journal.failed": {
        "en": "Turns are no longer saved: {error}. You can finish the encounter, but it cannot be resumed after a crash. ({hint})",
        "fi": "Vuoroja ei enää tallenneta: {error}. Voit viedä kohtaamisen loppuun, mutta sitä ei voi jatkaa kaatumisen jälkeen. ({hint})",
    },
    "history.record_failed_later": {
        "en": "This session could not be added to the history yet: {error}. Its journal is saved, and `sim history` adds it later.",
        "fi": "Harjoitusta ei vielä voitu lisätä historiaan: {error}. Sen välitallenne on tallessa, ja `sim history` lisää sen myöhemmin.",
    },
    "history.record_failed_lost": {
        "en": "This session could not be saved anywhere: {error}. What is on this screen is its only record; save the report if you want to keep it.",
        "fi": (
            "Tätä harjoitusta ei voitu tallentaa minnekään: {error}. "
            "Tällä näytöllä oleva on sen ainoa tallenne; tallenna raportti, jos haluat säilyttää sen."
        ),
    },
    "err.journal.full": {"en": "the disk is full ({error})", "fi": "levy on täynnä ({error})"},
    "err.journal.full_hint": {
        "en": "free some disk space, or set SIM_HOME to a folder on another disk",
        "fi": "vapauta levytilaa tai aseta SIM_HOME osoittamaan toisella levyllä olevaan kansioon",
    },
    "err.journal.read_only": {"en": "the data folder is read-only ({error})", "fi": "datakansio on vain luku -tilassa ({error})"},
    "err.journal.read_only_hint": {
        "en": "set SIM_HOME to a folder you can write to",
        "fi": "aseta SIM_HOME osoittamaan kansioon, johon voit kirjoittaa",
    },
    "err.journal.denied": {"en": "no permission to write in the data folder ({error})", "fi": "datakansioon ei ole kirjoitusoikeutta ({error})"},
    "err.journal.denied_hint": {
        "en": "check the folder's permissions, or set SIM_HOME to a folder of your own",
        "fi": "tarkista kansion oikeudet tai aseta SIM_HOME osoittamaan omaan kansioosi",
    },
    "err.journal.io": {"en": "the disk failed while writing ({error})", "fi": "levy vikaantui kirjoitettaessa ({error})"},
    "err.journal.io_hint": {
        "en": "check the disk, and copy the data folder somewhere safe",
        "fi": "tarkista levy ja kopioi datakansio turvaan",
    },
    "err.journal.failed": {"en": "cannot write the journal ({error})", "fi": "välitallennetta ei voi kirjoittaa ({error})"},
    "err.journal.failed_hint": {"en": "check the data folder (SIM_HOME)", "fi": "tarkista datakansio (SIM_HOME)"},
    "err.journal.damaged": {"en": "a damaged line was skipped ({detail})", "fi": "vioittunut rivi ohitettiin ({detail})"},
    "err.journal.damaged_hint": {
        "en": "the lines after it are still read; if this recurs, check the disk",
        "fi": "sen jälkeiset rivit luetaan silti; jos tämä toistuu, tarkista levy",
    },
    "err.journal.incomplete": {
        "en": "the journal's turns no longer reach its recorded end ({ending}): some were lost",
        "fi": "välitallenteen vuorot eivät enää johda sen kirjattuun loppuun ({ending}); osa on kadonnut",
    },
    "err.journal.incomplete_hint": {
        "en": "the session cannot be rebuilt from it; `sim history` names its damaged lines",
        "fi": "harjoitusta ei voi koota siitä uudelleen; `sim history` nimeää sen vioittuneet rivit",
    },
    "err.journal.gap": {
        "en": "turn {turn} is missing, so the turns after it are left out",
        "fi": "vuoro {turn} puuttuu, joten sen jälkeiset vuorot jätetään pois",
    },
    "err.journal.gap_hint": {
        "en": "the session is kept up to the missing turn",
        "fi": "harjoitus säilyy puuttuvaan vuoroon asti",
    },
    # --- words for the model's values ------------------------------------------------
    "channel.desk": {"en": "desk", "fi": "palvelupiste"},
    "channel.phone": {"en": "phone", "fi": "puhelin"},
    "channel.chat": {"en": "chat", "fi": "chat"},
    "channel.email": {"en": "email", "fi": "sähköposti"},
    "difficulty.easy": {"en": "easy", "fi": "helppo"},
    "difficulty.medium": {"en": "medium", "fi": "keskitaso"},
    "difficulty.hard": {"en": "hard", "fi": "vaativa"},
    "band.calm": {"en": "calm", "fi": "rauhallinen"},
    "band.irritated": {"en": "irritated", "fi": "ärtynyt"},
    "band.angry": {"en": "angry", "fi": "vihainen"},
    "band.threatening": {"en": "threatening", "fi": "uhkaava"},
    "ending.resolved": {"en": "resolved", "fi": "asia ratkesi"},
    "ending.next-step": {"en": "a next step agreed", "fi": "jatko sovittiin"},
    "ending.help-called": {"en": "help called", "fi": "apu hälytettiin"},
    "ending.client-left": {"en": "the client left", "fi": "asiakas lähti"},
    "ending.unresolved": {"en": "unresolved", "fi": "asia jäi ratkaisematta"},
    "ending.escalated": {"en": "escalated", "fi": "tilanne kärjistyi"},
    # Per channel where the general word does not fit (a phone call is hung up, not left).
    "ending.help-called.phone": {"en": "help requested", "fi": "apua pyydettiin"},
    "ending.help-called.chat": {"en": "help requested", "fi": "apua pyydettiin"},
    "ending.help-called.email": {"en": "help requested", "fi": "apua pyydettiin"},
    "ending.client-left.phone": {"en": "the client hung up", "fi": "asiakas sulki puhelimen"},
    "ending.client-left.chat": {"en": "the client left the chat", "fi": "asiakas poistui chatista"},
    "ending.client-left.email": {"en": "the client stopped replying", "fi": "asiakas lakkasi vastaamasta"},
    "grade.excellent": {"en": "excellent", "fi": "erinomainen"},
    "grade.good": {"en": "good", "fi": "hyvä"},
    "grade.satisfactory": {"en": "satisfactory", "fi": "tyydyttävä"},
    "grade.needs practice": {"en": "needs practice", "fi": "harjoittele lisää"},
    "grade.not assessed": {"en": "not assessed", "fi": "ei arvioitu"},
    "mode.practice": {"en": "practice", "fi": "harjoittelu"},
    "mode.assessment": {"en": "assessment", "fi": "arviointi"},
    "card.hidden": {
        "en": "Assessment: tension, trust and mood stay hidden until your debrief. Judge by what the client says.",
        "fi": "Arviointi: jännitys, luottamus ja tunnetila näkyvät vasta loppukeskustelussa. Päättele asiakkaan sanoista.",
    },
    "severity.error": {"en": "error", "fi": "virhe"},
    "severity.warning": {"en": "warning", "fi": "varoitus"},
    # --- buttons and keys shared by several screens ------------------------------------
    "button.back": {"en": "Back", "fi": "Takaisin"},
    "button.close": {"en": "Close", "fi": "Sulje"},
    "button.continue": {"en": "Continue", "fi": "Jatka"},
    "button.quit": {"en": "Quit", "fi": "Lopeta"},
    "button.leave": {"en": "Leave", "fi": "Poistu"},
    "button.keep_playing": {"en": "Keep playing", "fi": "Jatka harjoitusta"},
    "button.keep_rating": {"en": "Keep rating", "fi": "Jatka arviointia"},
    "key.back": {"en": "Back", "fi": "Takaisin"},
    "tip.back": {"en": "Back to the scenario list", "fi": "Takaisin harjoitusluetteloon"},
    "key.close": {"en": "Close", "fi": "Sulje"},
    "tip.close": {"en": "Close this dialog", "fi": "Sulje tämä ikkuna"},
    "key.yes": {"en": "Yes", "fi": "Kyllä"},
    "tip.yes": {"en": "Answer yes", "fi": "Vastaa kyllä"},
    "key.no": {"en": "No", "fi": "Ei"},
    "tip.no": {"en": "Answer no", "fi": "Vastaa ei"},
    # --- command palette -------------------------------------------------------------------
    "cmd.play": {"en": "Play: {title}", "fi": "Harjoittele: {title}"},
    "cmd.broken": {"en": "Show problems: {file}", "fi": "Näytä virheet: {file}"},
    "cmd.language": {"en": "Suomeksi — switch the simulator to Finnish", "fi": "In English — vaihda kieleksi englanti"},
    "cmd.language.help": {
        "en": "Scenario texts follow when they have a Finnish version",
        "fi": "Harjoitusten tekstit vaihtuvat, jos niistä on englanninkielinen versio",
    },
    "cmd.reload": {"en": "Reload scenarios", "fi": "Lataa harjoitukset uudelleen"},
    "cmd.reload.help": {"en": "Read the scenario files again after editing them", "fi": "Lue harjoitustiedostot uudelleen muokkauksen jälkeen"},
    "cmd.theme": {"en": "Toggle the light and dark theme", "fi": "Vaihda vaalea tai tumma teema"},
    "cmd.theme.help": {"en": "Also ctrl+t", "fi": "Myös ctrl+t"},
    "cmd.keys": {"en": "Keys of this screen", "fi": "Tämän näkymän näppäimet"},
    "cmd.keys.help": {"en": "Show or hide the key panel (also F1)", "fi": "Näytä tai piilota näppäinpaneeli (myös F1)"},
    "cmd.quit": {"en": "Quit", "fi": "Lopeta"},
    "cmd.quit.help": {"en": "Quit the simulator; an encounter in progress is saved", "fi": "Lopeta simulaattori; kesken oleva kohtaaminen tallentuu"},
    # --- home ----------------------------------------------------------------------------------
    "home.subtitle": {"en": "Scenarios", "fi": "Harjoitukset"},
    "home.filter": {"en": "Filter: type words from a title, client or channel", "fi": "Suodata: kirjoita sanoja otsikosta, asiakkaasta tai kanavasta"},
    "col.title": {"en": "Scenario", "fi": "Harjoitus"},
    "col.channel": {"en": "Channel", "fi": "Kanava"},
    "col.client": {"en": "Client", "fi": "Asiakas"},
    "col.level": {"en": "Level", "fi": "Taso"},
    "col.lang": {"en": "Lang", "fi": "Kieli"},
    "col.last": {"en": "Last", "fi": "Viimeksi"},
    "home.errors": {"en": "errors: {count}", "fi": "virheitä: {count}"},
    "home.broken_detail": {
        "en": "This file has {count} error(s) and cannot be played. Press Enter to see them.",
        "fi": "Tiedostossa on virheitä ({count}), eikä sitä voi pelata. Näet ne painamalla Enter.",
    },
    "home.builtin": {"en": "built-in", "fi": "valmis harjoitus"},
    "home.minutes": {"en": "about {minutes} min", "fi": "noin {minutes} min"},
    "home.last": {"en": "last score {score}", "fi": "viimeksi {score} pistettä"},
    "home.empty": {
        "en": "No scenarios found. Give a folder of scenario files: sim --dir PATH (or set SIM_DIALOGUES).",
        "fi": "Harjoituksia ei löytynyt. Anna harjoituskansio: sim --dir POLKU (tai aseta SIM_DIALOGUES).",
    },
    "home.no_match": {"en": "No scenario matches “{query}”. Esc clears the filter.", "fi": "Mikään harjoitus ei vastaa hakua ”{query}”. Esc tyhjentää haun."},
    "home.reloaded": {
        "en": "Scenarios reloaded: {count} playable, {broken} with errors.",
        "fi": "Harjoitukset ladattu: {count} pelattavissa, {broken} virheellistä.",
    },
    "key.open": {"en": "Open", "fi": "Avaa"},
    "tip.open": {"en": "Open the highlighted scenario", "fi": "Avaa valittu harjoitus"},
    "key.up": {"en": "Up", "fi": "Ylös"},
    "key.down": {"en": "Down", "fi": "Alas"},
    "tip.move": {"en": "Move in the list, even while typing a filter", "fi": "Liiku luettelossa myös hakua kirjoittaessa"},
    "key.clear": {"en": "Clear filter", "fi": "Tyhjennä haku"},
    "tip.clear": {"en": "Show every scenario again", "fi": "Näytä taas kaikki harjoitukset"},
    "key.language": {"en": "Suomeksi", "fi": "In English"},
    "tip.language": {"en": "Switch the simulator to Finnish", "fi": "Vaihda simulaattorin kieleksi englanti"},
    "key.reload": {"en": "Reload", "fi": "Päivitä"},
    "tip.reload": {"en": "Read the scenario files again", "fi": "Lue harjoitustiedostot uudelleen"},
    # --- error dialog ------------------------------------------------------------------------------
    "error.title": {"en": "Problems in {file}", "fi": "Virheitä tiedostossa {file}"},
    "error.hint_label": {"en": "hint:", "fi": "vihje:"},
    "error.fix_hint": {
        "en": "Fix the file, then press ctrl+r in the scenario list. `sim validate {path}` shows the same list.",
        "fi": "Korjaa tiedosto ja paina harjoitusluettelossa ctrl+r. `sim validate {path}` näyttää saman luettelon.",
    },
    # --- briefing --------------------------------------------------------------------------------------
    "briefing.warning": {"en": "Content warning", "fi": "Sisältövaroitus"},
    "briefing.client": {"en": "The client", "fi": "Asiakas"},
    "briefing.expects": {"en": "What this client expects", "fi": "Mitä asiakas odottaa"},
    "briefing.situation": {"en": "The situation", "fi": "Tilanne"},
    "briefing.goals": {"en": "Goals: the principles you are scored on", "fi": "Tavoitteet: periaatteet, joiden mukaan sinua arvioidaan"},
    "briefing.channel": {"en": "channel: {channel}", "fi": "kanava: {channel}"},
    "briefing.difficulty": {"en": "difficulty: {difficulty}", "fi": "vaikeus: {difficulty}"},
    "briefing.mode.practice": {
        "en": "Practice mode: you get feedback right after each choice.",
        "fi": "Harjoittelutila: saat palautetta heti jokaisen valinnan jälkeen.",
    },
    "briefing.mode.assessment": {
        "en": "Assessment mode: no feedback during the encounter; it all comes in the debrief.",
        "fi": "Arviointitila: kohtaamisen aikana et saa palautetta; kaikki palaute tulee loppukeskustelussa.",
    },
    "briefing.controls": {"en": "Controls", "fi": "Näppäimet"},
    "briefing.timed": {
        "en": "Some turns are timed, up to {seconds} seconds: the time left shows on the border of your options, and p pauses the clock.",
        "fi": "Osa vuoroista on ajastettu, enintään {seconds} sekuntia: jäljellä oleva aika näkyy vaihtoehtojesi reunassa, ja p pysäyttää kellon.",
    },
    "briefing.timed.plain": {
        "en": "Some turns are timed, up to {seconds} seconds: the limit is printed above their options.",
        "fi": "Osa vuoroista on ajastettu, enintään {seconds} sekuntia: aikaraja tulostetaan niiden vaihtoehtojen yläpuolelle.",
    },
    "briefing.timed.doubled": {
        "en": "(Doubled for you: an accessibility setting.)",
        "fi": "(Kaksinkertaistettu sinulle: saavutettavuusasetus.)",
    },
    "briefing.timed.off": {
        "en": "Some turns of this scenario are timed, but time limits are off for you (an accessibility setting).",
        "fi": "Osa tämän harjoituksen vuoroista on ajastettu, mutta aikarajat eivät ole sinulla käytössä (saavutettavuusasetus).",
    },
    "briefing.controls_body": {
        "en": (
            "1–9, or ↑↓ and Enter   choose what you say or do\n"
            "h   {help}: always there, at any moment\n"
            "p   pause: stops the clock and hides the options\n"
            "q   save and quit: resume later where you left off\n"
            "PgUp PgDn   scroll the conversation"
        ),
        "fi": (
            "1–9 tai ↑↓ ja Enter   valitse, mitä sanot tai teet\n"
            "h   {help}: aina käytettävissä\n"
            "p   tauko: pysäyttää kellon ja piilottaa vaihtoehdot\n"
            "q   tallenna ja lopeta: jatka myöhemmin siitä, mihin jäit\n"
            "PgUp PgDn   selaa keskustelua"
        ),
    },
    "button.start": {"en": "Start the encounter", "fi": "Aloita kohtaaminen"},
    "key.start": {"en": "Start", "fi": "Aloita"},
    "tip.start": {"en": "Start the encounter", "fi": "Aloita kohtaaminen"},
    # --- encounter ---------------------------------------------------------------------------------------
    "encounter.turn": {"en": "turn {turn}", "fi": "vuoro {turn}"},
    "encounter.too_soon": {
        "en": "New options have just appeared: read them first. The key pressed before they showed was not taken.",
        "fi": "Uudet vaihtoehdot tulivat juuri näkyviin: lue ne ensin. Ennen niitä painettua näppäintä ei otettu huomioon.",
    },
    "encounter.too_soon_reply": {
        "en": "Read first what your reply was understood as. The key pressed before it showed was not taken.",
        "fi": "Lue ensin, miksi vastauksesi tulkittiin. Ennen sitä painettua näppäintä ei otettu huomioon.",
    },
    "transcript.title": {"en": "Conversation", "fi": "Keskustelu"},
    "choices.title": {"en": "What do you say?", "fi": "Mitä sanot?"},
    # Chat and email are written: the question and the help key say so (sim.i18n.tc).
    "choices.title.chat": {"en": "What do you write?", "fi": "Mitä kirjoitat?"},
    "choices.title.email": {"en": "What do you write?", "fi": "Mitä kirjoitat?"},
    "speaker.client": {"en": "Client", "fi": "Asiakas"},
    "speaker.trainee": {"en": "You", "fi": "Sinä"},
    # By email the trainee's words are a reply drafted and sent.
    "speaker.trainee.email": {"en": "You sent", "fi": "Lähetit"},
    "speaker.narration": {"en": "Scene", "fi": "Tilanne"},
    "speaker.gloss": {"en": "Meaning", "fi": "Merkitys"},
    "speaker.feedback": {"en": "Feedback", "fi": "Palaute"},
    "speaker.event": {"en": "Note", "fi": "Huom."},
    "event.help": {"en": "You called for help.", "fi": "Hälytit apua."},
    "event.help.phone": {"en": "You asked for help.", "fi": "Pyysit apua."},
    "event.help.chat": {"en": "You asked for help.", "fi": "Pyysit apua."},
    "event.help.email": {"en": "You asked for help.", "fi": "Pyysit apua."},
    "event.timeout": {"en": "Time ran out before you answered.", "fi": "Aika loppui ennen kuin vastasit."},
    "event.resumed": {"en": "Resumed where you left off.", "fi": "Jatketaan siitä, mihin jäit."},
    "event.what_if": {"en": "What if… you choose again from turn {turn}.", "fi": "Entä jos… valitset uudelleen vuorosta {turn} alkaen."},
    "card.title": {"en": "Client", "fi": "Asiakas"},
    "card.tension": {"en": "Tension", "fi": "Jännitys"},
    "card.trust": {"en": "Trust", "fi": "Luottamus"},
    "card.mood": {"en": "Mood: {band}", "fi": "Tunnetila: {band}"},
    # By email the trainee sees no face, only the tone of what the client last wrote.
    "card.mood.email": {"en": "Last email: {band}", "fi": "Viime viesti: {band}"},
    "card.title.email": {"en": "Sender", "fi": "Lähettäjä"},
    "email.subject": {"en": "Subject", "fi": "Aihe"},
    "chat.typing": {"en": "{name} is typing…", "fi": "{name} kirjoittaa…"},
    "help.already": {
        "en": "Help has come already: it stays with you for the rest of the encounter.",
        "fi": "Apu on jo tullut, ja se on tukenasi kohtaamisen loppuun asti.",
    },
    "plain.help_label": {"en": "In this scenario h means: {label}.", "fi": "Tässä harjoituksessa h tarkoittaa: {label}."},
    "countdown.left": {"en": "{time} left", "fi": "aikaa {time}"},
    "countdown.paused": {"en": "paused", "fi": "tauolla"},
    "pause.body": {
        "en": "Paused. The clock has stopped and the options are hidden.\nPress p to go on.",
        "fi": "Tauko. Kello on pysähtynyt ja vaihtoehdot on piilotettu.\nJatka painamalla p.",
    },
    "end.body": {"en": "The encounter has ended: {ending}.", "fi": "Kohtaaminen päättyi: {ending}."},
    "end.next": {
        "en": "Press Enter to rate yourself before you see the score.",
        "fi": "Paina Enter ja arvioi oma toimintasi ennen kuin näet pisteet.",
    },
    "end.next_what_if": {"en": "Press Enter to see how this what-if went.", "fi": "Paina Enter nähdäksesi, miten tämä kokeilu meni."},
    "key.choose": {"en": "Choose", "fi": "Valitse"},
    "tip.choose": {"en": "Say or do the option with this number", "fi": "Sano tai tee tämän numeron vaihtoehto"},
    "key.help": {"en": "Call for help", "fi": "Hälytä apua"},
    "key.help.phone": {"en": "Ask for help", "fi": "Pyydä apua"},
    "key.help.chat": {"en": "Ask for help", "fi": "Pyydä apua"},
    "key.help.email": {"en": "Ask for help", "fi": "Pyydä apua"},
    "tip.help": {"en": "Call a colleague or security, at any moment", "fi": "Kutsu kollega tai vartija paikalle milloin tahansa"},
    "tip.help.phone": {"en": "Ask a colleague or your team leader to help, at any moment", "fi": "Pyydä kollega tai tiimivastaava avuksi milloin tahansa"},
    "tip.help.chat": {"en": "Ask a colleague or your team leader to help, at any moment", "fi": "Pyydä kollega tai tiimivastaava avuksi milloin tahansa"},
    "tip.help.email": {"en": "Ask a colleague or your team leader to help, at any moment", "fi": "Pyydä kollega tai tiimivastaava avuksi milloin tahansa"},
    "key.pause": {"en": "Pause", "fi": "Tauko"},
    "key.options": {"en": "Options", "fi": "Vaihtoehdot"},
    "tip.options": {"en": "Show the options to pick one, or go back to writing", "fi": "Näytä vaihtoehdot valittavaksi, tai palaa kirjoittamaan"},
    "key.own_words": {"en": "Own words", "fi": "Omin sanoin"},
    "tip.own_words": {
        "en": "Answer in your own words (typed, then matched to an option) or pick from the list",
        "fi": "Vastaa omin sanoin (kirjoitat, ja vastaus tulkitaan vaihtoehdoksi) tai valitse listasta",
    },
    "briefing.own_words": {
        "en": "You answer in your own words: write each reply, and you see which option it was understood as before it counts. (w: pick from a list)",
        "fi": "Vastaat omin sanoin: kirjoitat vastauksen ja näet, miksi vaihtoehdoksi se tulkittiin, ennen kuin se lasketaan. (w: valitse listasta)",
    },
    "briefing.from_list": {
        "en": "You pick each reply from a list. (w: answer in your own words instead)",
        "fi": "Valitset vastauksen listasta. (w: vastaa omin sanoin)",
    },
    "reply.placeholder": {"en": "Write your reply and press Enter", "fi": "Kirjoita vastauksesi ja paina Enter"},
    "reply.understood": {"en": "Understood as {number}: “{text}”", "fi": "Tulkittu vaihtoehdoksi {number}: ”{text}”"},
    "reply.did_you_mean": {"en": "Did you mean {first} or {second}? “{text}”", "fi": "Tarkoititko {first} vai {second}? ”{text}”"},
    "reply.not_understood": {"en": "“{text}” matched none of these: pick one", "fi": "”{text}” ei vastannut mitään näistä: valitse"},
    "reply.pick": {"en": "Pick your reply", "fi": "Valitse vastauksesi"},
    "key.write": {"en": "Write", "fi": "Kirjoita"},
    "tip.write": {"en": "Write your reply in your own words (again)", "fi": "Kirjoita vastauksesi omin sanoin (uudelleen)"},
    "tip.pause": {"en": "Stop the clock and hide the options; press again to go on", "fi": "Pysäytä kello ja piilota vaihtoehdot; jatka painamalla uudelleen"},
    "key.quit_save": {"en": "Save & quit", "fi": "Tallenna ja lopeta"},
    "tip.quit_save": {"en": "Every turn is already saved; quit and resume later", "fi": "Jokainen vuoro on jo tallessa; lopeta ja jatka myöhemmin"},
    "key.leave": {"en": "Leave what-if", "fi": "Lopeta kokeilu"},
    "tip.leave": {"en": "Back to the debrief of your session", "fi": "Takaisin harjoituksesi palautteeseen"},
    "key.continue": {"en": "Continue", "fi": "Jatka"},
    "tip.continue": {"en": "Go on to the self-assessment", "fi": "Siirry itsearviointiin"},
    "key.scroll": {"en": "Scroll", "fi": "Selaa"},
    "tip.scroll": {"en": "Scroll the conversation", "fi": "Selaa keskustelua"},
    "confirm.quit.title": {"en": "Quit now?", "fi": "Lopetetaanko nyt?"},
    "confirm.quit.body": {
        "en": "Every turn so far is saved. The next time you start sim, you can resume at turn {turn}.",
        "fi": "Jokainen tähänastinen vuoro on tallessa. Kun käynnistät simin seuraavan kerran, voit jatkaa vuorosta {turn}.",
    },
    "confirm.quit.body_nothing": {
        "en": "Nothing has been played yet, so there is nothing to resume: next time the encounter starts from the beginning.",
        "fi": "Mitään ei ole vielä pelattu, joten jatkettavaa ei ole: ensi kerralla kohtaaminen alkaa alusta.",
    },
    "confirm.quit.body_ended": {
        "en": "The encounter is saved. The next time you start sim, you can rate yourself and see the debrief.",
        "fi": "Kohtaaminen on tallessa. Kun käynnistät simin seuraavan kerran, voit arvioida itsesi ja nähdä palautteen.",
    },
    "confirm.quit.body_unsaved": {
        "en": "This session could not be saved, so it cannot be resumed. Quit anyway?",
        "fi": "Tätä harjoitusta ei voitu tallentaa, joten sitä ei voi jatkaa. Lopetetaanko silti?",
    },
    "confirm.quit.body_self": {
        "en": "The encounter is saved, your ratings are not yet. The next time you start sim, you can rate it again.",
        "fi": "Kohtaaminen on tallessa, arviosi eivät vielä. Kun käynnistät simin seuraavan kerran, voit arvioida sen uudelleen.",
    },
    "confirm.leave.title": {"en": "Leave the what-if?", "fi": "Lopetetaanko kokeilu?"},
    "confirm.leave.body": {
        "en": "A what-if is not saved. Your own session and its debrief stay as they were.",
        "fi": "Kokeilua ei tallenneta. Oma harjoituksesi ja sen palaute säilyvät ennallaan.",
    },
    # --- self-assessment --------------------------------------------------------------------------------------
    "self.subtitle": {"en": "Self-assessment", "fi": "Itsearviointi"},
    "self.intro": {
        "en": "Before you see your score: how well did you follow each goal? 1 = not at all … 5 = fully. Then a few words on the questions below.",
        "fi": "Ennen pisteitä: kuinka hyvin toimit kunkin tavoitteen mukaan? 1 = en lainkaan … 5 = täysin. Vastaa sitten lyhyesti alla oleviin kysymyksiin.",
    },
    "rating.1": {"en": "not at all", "fi": "en lainkaan"},
    "rating.2": {"en": "a little", "fi": "vähän"},
    "rating.3": {"en": "partly", "fi": "osittain"},
    "rating.4": {"en": "mostly", "fi": "enimmäkseen"},
    "rating.5": {"en": "fully", "fi": "täysin"},
    "rating.none": {"en": "not rated", "fi": "arvioimatta"},
    # --- aftercare: after a stressful ending, and when a reflection speaks of distress ---
    "aftercare.title": {"en": "Take a moment", "fi": "Pysähdy hetkeksi"},
    "aftercare.step.pause": {
        "en": "That was a hard ending. Before you rate yourself, take a minute for yourself: nothing here is timed.",
        "fi": "Loppu oli raskas. Ennen kuin arvioit itsesi, ota hetki itsellesi: mikään tässä ei ole ajastettu.",
    },
    "aftercare.step.breathe": {
        "en": "Breathe out slowly, longer than you breathe in. Three times.",
        "fi": "Hengitä hitaasti ulos, pidempään kuin sisään. Kolme kertaa.",
    },
    "aftercare.step.ground": {
        "en": "Feel your feet on the floor and the chair under you. Name three things you can see around you.",
        "fi": "Tunne jalkasi lattiaa vasten ja tuoli allasi. Nimeä kolme asiaa, jotka näet ympärilläsi.",
    },
    "aftercare.step.exercise": {
        "en": (
            "This was an exercise: nobody was hurt, and nothing you chose happened to anyone. Your body may "
            "still react as if it were real; that is normal, and it passes."
        ),
        "fi": (
            "Tämä oli harjoitus: kukaan ei loukkaantunut, eikä mikään valitsemasi tapahtunut kenellekään. Keho voi silti "
            "reagoida kuin tilanne olisi ollut totta; se on tavallista ja menee ohi."
        ),
    },
    "aftercare.contact": {
        "en": "Talk it over with your supervisor, the trainer or a colleague you trust.",
        "fi": "Puhu tilanteesta esihenkilösi, kouluttajan tai luotetun työkaverin kanssa.",
    },
    "aftercare.who": {"en": "Who to talk to", "fi": "Kenen kanssa puhua"},
    "aftercare.ready": {"en": "Go on when you are ready", "fi": "Jatka, kun olet valmis"},
    "key.ready": {"en": "Go on", "fi": "Jatka"},
    "tip.ready": {"en": "On to the self-assessment, when you are ready", "fi": "Itsearviointiin, kun olet valmis"},
    "plain.aftercare_ready": {"en": "Press Enter when you are ready to go on. ", "fi": "Paina Enter, kun olet valmis jatkamaan. "},
    "aftercare.support": {
        "en": (
            "You wrote that this left you shaken. That is a normal reaction after a hard encounter, even a "
            "practised one. Take a pause before the next one. {contact}"
        ),
        "fi": (
            "Kirjoitit, että tilanne jäi vaivaamaan. Se on tavallinen reaktio raskaan kohtaamisen jälkeen, "
            "harjoituksenkin. Pidä tauko ennen seuraavaa. {contact}"
        ),
    },
    "prompt.went_well": {"en": "What went well?", "fi": "Mikä meni hyvin?"},
    "prompt.differently": {"en": "What would you do differently?", "fi": "Mitä tekisit toisin?"},
    "prompt.feeling": {"en": "How do you feel now?", "fi": "Miltä sinusta nyt tuntuu?"},
    "self.placeholder": {"en": "a few words (optional)", "fi": "muutama sana (vapaaehtoinen)"},
    "self.missing": {"en": "Rate every goal first: {names}.", "fi": "Arvioi ensin kaikki tavoitteet: {names}."},
    "button.submit": {"en": "Show my debrief", "fi": "Näytä palaute"},
    "key.submit": {"en": "Done", "fi": "Valmis"},
    "tip.submit": {"en": "Save your ratings and see the debrief", "fi": "Tallenna arviosi ja näytä palaute"},
    "key.rate": {"en": "Rate", "fi": "Arvioi"},
    "tip.rate": {"en": "Rate from 1 (not at all) to 5 (fully)", "fi": "Arvioi asteikolla 1 (en lainkaan) – 5 (täysin)"},
    "key.next": {"en": "Next", "fi": "Seuraava"},
    "tip.next": {"en": "Next question", "fi": "Seuraava kysymys"},
    "key.previous": {"en": "Previous", "fi": "Edellinen"},
    "tip.previous": {"en": "Previous question", "fi": "Edellinen kysymys"},
    # --- debrief ------------------------------------------------------------------------------------------------
    "debrief.subtitle": {"en": "Debrief", "fi": "Palaute"},
    "debrief.what_if_subtitle": {"en": "What-if from turn {turn}", "fi": "Kokeilu vuorosta {turn}"},
    "tab.summary": {"en": "Summary", "fi": "Yhteenveto"},
    "tab.turns": {"en": "Turn by turn", "fi": "Vuoro vuorolta"},
    "debrief.overall": {"en": "Overall {score}/100 — {grade}", "fi": "Kokonaisarvio {score}/100 — {grade}"},
    "debrief.ending": {"en": "Ending: {ending} ({success})", "fi": "Lopputulos: {ending} ({success})"},
    "debrief.unfinished": {"en": "not finished", "fi": "kesken"},
    "debrief.success": {"en": "a success", "fi": "onnistui"},
    "debrief.not_success": {"en": "not a success", "fi": "ei onnistunut"},
    "debrief.success_but_miss": {"en": "not a success, because of a critical miss", "fi": "ei onnistunut kriittisen virheen vuoksi"},
    "debrief.capped": {
        "en": "The score is capped by {why}: {uncapped} without the cap, {score} with it.",
        "fi": "Arviota rajaa {why}: ilman rajaa {uncapped}, sen kanssa {score}.",
    },
    "cap.miss": {"en": "a critical miss", "fi": "kriittinen virhe"},
    "evidence.turn": {
        "en": "turn {turn}: {earned} of {possible} (your choice {delta}, the best {best})",
        "fi": "vuoro {turn}: {earned}/{possible} (valintasi {delta}, paras {best})",
    },
    "evidence.best": {"en": "turn {turn}: {earned} of {possible} (the best)", "fi": "vuoro {turn}: {earned}/{possible} (paras)"},
    "pass.passed": {"en": "Passed (pass mark {need}).", "fi": "Hyväksytty (hyväksymisraja {need})."},
    "pass.failed": {"en": "Not passed: {reasons}.", "fi": "Ei hyväksytty: {reasons}."},
    "pass.why.ending": {"en": "the encounter did not end well ({ending})", "fi": "kohtaaminen ei päättynyt hyvin ({ending})"},
    "pass.why.miss": {"en": "a critical miss", "fi": "kriittinen virhe"},
    "pass.why.score": {"en": "overall {value}, below the pass mark {need}", "fi": "kokonaisarvio {value} jää alle hyväksymisrajan {need}"},
    "pass.why.unscored": {"en": "no principle was scored", "fi": "yhtäkään periaatetta ei arvioitu"},
    "report.regraded": {
        "en": (
            "Scored again by today's rules, which have changed since: "
            "when it was played it scored {overall} and was {result} (as the history and the LRS keep it)."
        ),
        "fi": (
            "Arvioitu uudelleen nykyisillä säännöillä, jotka ovat muuttuneet: "
            "pelattaessa kokonaisarvio oli {overall} ja tulos {result} (kuten historia ja LRS sen säilyttävät)."
        ),
    },
    "pass.why.critical": {"en": "{principle} {value}, below {need}", "fi": "{principle} {value}, alle {need}"},
    "pass.rules": {
        "en": "To pass: {need}+ overall, {critical}+ on each critical principle tested, no critical miss, a good ending.",
        "fi": "Hyväksytyksi: kokonaisarvio {need}+, kukin testattu kriittinen periaate {critical}+, ei kriittisiä virheitä, hyvä lopputulos.",
    },
    "pass.caps": {"en": "The score is at most {caps}.", "fi": "Arvio on enintään {caps}."},
    "pass.cap": {"en": "{cap} if {endings}", "fi": "{cap}, jos {endings}"},
    "pass.or": {"en": " or ", "fi": " tai "},
    "cap.ending": {"en": "how it ended ({ending}: at most {cap})", "fi": "lopputulos ({ending}: enintään {cap})"},
    "cap.both": {
        "en": "a critical miss and how it ended ({ending}: at most {cap})",
        "fi": "kriittinen virhe ja lopputulos ({ending}: enintään {cap})",
    },
    "debrief.what_if_compare": {
        "en": "Your own session, which this what-if branches from at turn {turn}: {original}/100 — {grade}.",
        "fi": "Oma harjoituksesi, josta tämä kokeilu haarautuu vuorossa {turn}: {original}/100 — {grade}.",
    },
    "debrief.critical": {"en": "Critical miss at turn {turn}: {principle} — {reason}", "fi": "Kriittinen virhe vuorossa {turn}: {principle} — {reason}"},
    "reason.alone": {"en": "you carried on alone while the client was a threat", "fi": "jatkoit yksin, vaikka asiakas oli uhka"},
    "reason.against": {"en": "you chose an option that goes against a critical principle", "fi": "valitsit vaihtoehdon, joka rikkoo kriittistä periaatetta"},
    "reason.escalated": {"en": "the encounter escalated without a call for help", "fi": "tilanne kärjistyi, eikä apua hälytetty"},
    "col.principle": {"en": "Principle", "fi": "Periaate"},
    "col.self": {"en": "You (1–5)", "fi": "Itse (1–5)"},
    "col.score": {"en": "Score", "fi": "Pisteet"},
    "col.gap": {"en": "Gap", "fi": "Ero"},
    "debrief.table_caption": {
        "en": "★ a goal of this scenario · your rating 1–5 counts as 0, 25, 50, 75, 100",
        "fi": "★ tämän harjoituksen tavoite · arviosi 1–5 vastaa pisteitä 0, 25, 50, 75, 100",
    },
    "debrief.not_tested": {"en": "not tested", "fi": "ei mitattu"},
    "gap.calibrated": {"en": "{gap} ≈ accurate", "fi": "{gap} ≈ osuit lähelle"},
    "gap.over": {"en": "{gap} you rated higher", "fi": "{gap} arvioit korkeammaksi"},
    "gap.under": {"en": "{gap} you rated lower", "fi": "{gap} arvioit matalammaksi"},
    "debrief.tension": {"en": "Tension, turn by turn:", "fi": "Jännitys vuoro vuorolta:"},
    "debrief.reflections": {"en": "Your reflections", "fi": "Pohdintasi"},
    "debrief.report_none": {"en": "The report is not saved yet: press s.", "fi": "Raporttia ei ole vielä tallennettu: paina s."},
    "debrief.report_saved": {"en": "Report saved: {path}", "fi": "Raportti tallennettu: {path}"},
    "debrief.report_failed": {"en": "Could not save the report: {error}", "fi": "Raporttia ei voitu tallentaa: {error}"},
    "debrief.pick_turn": {
        "en": "Pick the turn to play again from, then press r or Enter.",
        "fi": "Valitse vuoro, josta pelaat uudelleen, ja paina r tai Enter.",
    },
    "turn.heading": {"en": "Turn {turn}", "fi": "Vuoro {turn}"},
    "turn.tension": {"en": "tension {before} → {after}", "fi": "jännitys {before} → {after}"},
    "turn.critical": {"en": "critical miss", "fi": "kriittinen virhe"},
    "turn.help": {"en": "Called for help", "fi": "Hälytit apua"},
    "turn.help.phone": {"en": "Asked for help", "fi": "Pyysit apua"},
    "turn.help.chat": {"en": "Asked for help", "fi": "Pyysit apua"},
    "turn.help.email": {"en": "Asked for help", "fi": "Pyysit apua"},
    "turn.timeout": {"en": "Let the time run out", "fi": "Annoit ajan loppua"},
    "turn.better": {"en": "Better", "fi": "Parempi"},
    "turn.best": {"en": "One of the best options here.", "fi": "Yksi parhaista vaihtoehdoista."},
    "key.replay": {"en": "Replay", "fi": "Pelaa vuorosta"},
    "tip.replay": {
        "en": "What if: play again from the highlighted turn; this session stays as it is",
        "fi": "Entä jos: pelaa uudelleen valitusta vuorosta; tämä harjoitus säilyy ennallaan",
    },
    "key.save_report": {"en": "Save report", "fi": "Raportti"},
    "tip.save_report": {"en": "Write this debrief as an HTML, Markdown or JSON file", "fi": "Tallenna tämä palaute HTML-, Markdown- tai JSON-tiedostoksi"},
    "key.switch_view": {"en": "Switch view", "fi": "Näkymä"},
    "key.basis": {"en": "Basis", "fi": "Perusta"},
    "tip.basis": {"en": "Where these principles come from", "fi": "Mistä nämä periaatteet tulevat"},
    "basis.title": {"en": "Where the principles come from", "fi": "Mistä periaatteet tulevat"},
    "basis.label": {"en": "Basis:", "fi": "Perusta:"},
    "tip.switch_view": {"en": "Switch between the summary and the turns", "fi": "Vaihda yhteenvedon ja vuorojen välillä"},
    "tip.back_debrief": {"en": "Leave this debrief", "fi": "Poistu palautteesta"},
    # --- resume ----------------------------------------------------------------------------------------------------
    "resume.title": {"en": "Unfinished encounter", "fi": "Keskeneräinen kohtaaminen"},
    "resume.body": {
        "en": "An encounter was interrupted. Resume it where it stopped, or discard it.",
        "fi": "Kohtaaminen keskeytyi. Jatka siitä, mihin se jäi, tai hylkää se.",
    },
    "resume.item": {"en": "{title} — at turn {turn} — started {started}", "fi": "{title} — vuorossa {turn} — aloitettu {started}"},
    "resume.missing": {"en": "The scenario file is not found.", "fi": "Harjoitustiedostoa ei löydy."},
    "resume.discarded": {"en": "Discarded.", "fi": "Hylätty."},
    "button.resume": {"en": "Resume", "fi": "Jatka"},
    "button.discard": {"en": "Discard", "fi": "Hylkää"},
    "button.later": {"en": "Not now", "fi": "Ei nyt"},
    "key.resume": {"en": "Resume", "fi": "Jatka"},
    "tip.resume": {"en": "Carry on where the encounter stopped", "fi": "Jatka siitä, mihin kohtaaminen jäi"},
    "key.discard": {"en": "Discard", "fi": "Hylkää"},
    "tip.discard": {"en": "Give this encounter up; it will not be offered again", "fi": "Luovu tästä kohtaamisesta; sitä ei tarjota enää"},
    "key.later": {"en": "Not now", "fi": "Ei nyt"},
    "tip.later": {"en": "Decide the next time you start sim", "fi": "Päätä seuraavalla käynnistyskerralla"},
    # --- resuming after an edit (sim.core.replay reasons) -------------------------------------------------------------------
    "resume.changed_note": {
        "en": "The scenario changed since this session started; every turn so far still fits, so it resumes on the edited version.",
        "fi": "Harjoitusta on muutettu tämän kohtaamisen alkamisen jälkeen; kaikki tähänastiset vuorot sopivat yhä, joten se jatkuu muutetulla versiolla.",
    },
    "event.resumed_changed": {
        "en": "The scenario changed since this session started: scores and the client's mood now follow the edited version.",
        "fi": "Harjoitusta on muutettu tämän kohtaamisen alkamisen jälkeen: pisteet ja asiakkaan tunnetila seuraavat nyt muutettua versiota.",
    },
    "resume.cannot_changed": {
        "en": "The scenario changed since this session started, and it cannot be resumed: {why}. Press d to discard it.",
        "fi": "Harjoitusta on muutettu tämän kohtaamisen alkamisen jälkeen, eikä sitä voi jatkaa: {why}. Hylkää se painamalla d.",
    },
    "resume.cannot": {
        "en": "It cannot be resumed: {why}. Press d to discard it.",
        "fi": "Sitä ei voi jatkaa: {why}. Hylkää se painamalla d.",
    },
    "resume.why.same": {"en": "nothing stands in the way", "fi": "mikään ei estä"},
    "resume.why.compatible": {"en": "nothing stands in the way", "fi": "mikään ei estä"},
    "resume.why.other-scenario": {"en": "it was played on another scenario", "fi": "se pelattiin toisella harjoituksella"},
    "resume.why.missing-choice": {
        "en": "the choice “{action}” of turn {step} has been removed or renamed",
        "fi": "vuoron {step} valinta ”{action}” on poistettu tai nimetty uudelleen",
    },
    "resume.why.moved-choice": {
        "en": "the choice “{action}” of turn {step} has moved to another point of the conversation",
        "fi": "vuoron {step} valinta ”{action}” on siirretty keskustelun toiseen kohtaan",
    },
    "resume.why.not-offered": {
        "en": "the choice “{action}” of turn {step} is no longer offered at that point",
        "fi": "vuoron {step} valintaa ”{action}” ei enää tarjota siinä kohdassa",
    },
    "resume.why.no-timeout": {
        "en": "time ran out at turn {step}, but that point has no time limit any more",
        "fi": "aika loppui vuorossa {step}, mutta siinä kohdassa ei ole enää aikarajaa",
    },
    "resume.why.ended-early": {"en": "the conversation now ends before turn {step}", "fi": "keskustelu päättyy nyt ennen vuoroa {step}"},
    "resume.why.leads-elsewhere": {"en": "turn {step} now leads somewhere else", "fi": "vuoro {step} johtaa nyt muualle"},
    "resume.why.new-start": {"en": "the conversation now starts somewhere else", "fi": "keskustelu alkaa nyt muualta"},
    "resume.why.unverifiable": {
        "en": "this session was saved by an older sim, which did not note where each turn was taken",
        "fi": "kohtaaminen tallennettiin simin vanhemmalla versiolla, joka ei merkinnyt, missä kohdassa kukin vuoro pelattiin",
    },
    "resume.why.engine": {"en": "the simulator could not replay it", "fi": "simulaattori ei pystynyt toistamaan sitä"},
    # --- trainee ---------------------------------------------------------------------------------------------------------
    "trainee.title": {"en": "Who is practising?", "fi": "Kuka harjoittelee?"},
    "trainee.body": {
        "en": "Your sessions are kept in the history under this name. You can change it later from the command palette (ctrl+p).",
        "fi": "Harjoituksesi tallentuvat historiaan tällä nimellä. Voit vaihtaa sen myöhemmin komentovalikosta (ctrl+p).",
    },
    "trainee.body_served": {
        "en": (
            "Your sessions are kept under this name, behind a PIN of 4–12 digits. The first time you use a name,"
            " the PIN you type becomes its PIN; after that, only that PIN shows its sessions and reflections."
        ),
        "fi": (
            "Harjoituksesi tallentuvat tällä nimellä 4–12-numeroisen PIN-koodin taakse. Kun käytät nimeä ensimmäisen kerran,"
            " kirjoittamastasi koodista tulee sen PIN; sen jälkeen vain sillä näkee nimen harjoitukset ja pohdinnat."
        ),
    },
    "trainee.pin_placeholder": {"en": "PIN (4–12 digits)", "fi": "PIN (4–12 numeroa)"},
    "trainee.pin_invalid": {"en": "The PIN is {low} to {high} digits.", "fi": "PIN-koodissa on {low}–{high} numeroa."},
    "trainee.pin_claimed": {
        "en": "{name} is now yours: remember the PIN, it is asked next time. (An instructor can reset it.)",
        "fi": "{name} on nyt sinun: muista PIN-koodi, sitä kysytään ensi kerralla. (Kouluttaja voi nollata sen.)",
    },
    "trainee.pin_wrong": {
        "en": "Wrong PIN for this name. {tries} more tries before it is locked for a while.",
        "fi": "Väärä PIN tälle nimelle. Vielä {tries} yritystä, ennen kuin nimi lukitaan hetkeksi.",
    },
    "trainee.pin_locked": {
        "en": "Too many wrong PINs: this name is locked for {minutes} min. Ask your instructor if you forgot the PIN.",
        "fi": "Liian monta väärää PIN-koodia: nimi on lukittu {minutes} minuutiksi. Kysy kouluttajalta, jos unohdit koodin.",
    },
    "trainee.pin_failed": {"en": "The PIN could not be checked: {error}", "fi": "PIN-koodia ei voitu tarkistaa: {error}"},
    "trainee.required": {
        "en": "Give your name and PIN first: nothing is shown before that.",
        "fi": "Anna ensin nimesi ja PIN-koodisi: mitään ei näytetä ennen sitä.",
    },
    "trainee.placeholder": {"en": "your name", "fi": "nimesi"},
    "trainee.empty": {"en": "Type a name first.", "fi": "Kirjoita ensin nimi."},
    "trainee.saved": {"en": "Sessions are recorded for {name}.", "fi": "Harjoitukset tallentuvat nimellä {name}."},
    "trainee.save_failed": {
        "en": "Could not save the name ({error}); it is used until you quit.",
        "fi": "Nimeä ei voitu tallentaa ({error}); sitä käytetään, kunnes lopetat.",
    },
    "button.ok": {"en": "OK", "fi": "OK"},
    "button.keep_name": {"en": "Keep the current name", "fi": "Pidä nykyinen nimi"},
    "key.ok": {"en": "OK", "fi": "OK"},
    "tip.trainee_ok": {"en": "Record your sessions under this name", "fi": "Tallenna harjoituksesi tällä nimellä"},
    "key.keep_name": {"en": "Keep name", "fi": "Pidä nimi"},
    "tip.keep_name": {"en": "Close without changing the name", "fi": "Sulje nimeä vaihtamatta"},
    "cmd.trainee": {"en": "Change the trainee's name ({name})", "fi": "Vaihda harjoittelijan nimi ({name})"},
    "cmd.trainee.help": {"en": "Sessions are recorded in the history under this name", "fi": "Harjoitukset tallentuvat historiaan tällä nimellä"},
    # --- history ----------------------------------------------------------------------------------------------------------
    "cmd.history": {"en": "History and progress", "fi": "Historia ja edistyminen"},
    "cmd.history.help": {
        "en": "Past sessions, progress per principle and self-assessment (also F3)",
        "fi": "Aiemmat harjoitukset, edistyminen periaatteittain ja itsearviointi (myös F3)",
    },
    "key.history": {"en": "History", "fi": "Historia"},
    "tip.history": {"en": "Your past sessions and your progress per principle", "fi": "Aiemmat harjoituksesi ja edistymisesi periaatteittain"},
    "history.subtitle": {"en": "History of {name}", "fi": "Historia: {name}"},
    "history.loading": {"en": "Reading the history…", "fi": "Luetaan historiaa…"},
    "history.empty": {
        "en": "No finished sessions yet. A session appears here once you have seen its debrief.",
        "fi": "Ei vielä päättyneitä harjoituksia. Harjoitus näkyy täällä, kun olet nähnyt sen palautteen.",
    },
    "history.failed": {"en": "The history cannot be read: {error}", "fi": "Historiaa ei voi lukea: {error}"},
    "history.damaged.one": {
        "en": "{count} damaged record was skipped; `sim history` in a terminal names it.",
        "fi": "{count} vioittunut tietue ohitettiin; `sim history` päätteessä nimeää sen.",
    },
    "history.damaged.other": {
        "en": "{count} damaged records were skipped; `sim history` in a terminal names them.",
        "fi": "{count} vioittunutta tietuetta ohitettiin; `sim history` päätteessä nimeää ne.",
    },
    "history.skipped.one": {
        "en": "{count} finished session could not be added: its scenario is gone or has changed too much.",
        "fi": "{count} päättynyttä harjoitusta ei voitu lisätä: sen harjoitus puuttuu tai on muuttunut liikaa.",
    },
    "history.skipped.other": {
        "en": "{count} finished sessions could not be added: their scenario is gone or has changed too much.",
        "fi": "{count} päättynyttä harjoitusta ei voitu lisätä: niiden harjoitus puuttuu tai on muuttunut liikaa.",
    },
    "history.progress": {"en": "Progress per principle (oldest → newest)", "fi": "Edistyminen periaatteittain (vanhin → uusin)"},
    "history.calibration": {"en": "Self-assessment: your rating − the score, per session", "fi": "Itsearviointi: oma arviosi − pisteet, harjoituksittain"},
    "history.calibration_none": {"en": "No self-ratings yet.", "fi": "Ei vielä itsearvioita."},
    # Under each session's gap, a bar of its size; a narrow window shows the newest sessions that fit.
    "history.calibration_distance": {"en": "distance (lower is closer)", "fi": "ero (matalampi on lähempänä)"},
    "history.calibration_newest": {"en": "the newest {shown} of {total}", "fi": "uusimmat {shown}/{total}"},
    "history.tab.sessions": {"en": "Sessions, newest first", "fi": "Harjoituskerrat, uusin ensin"},
    "history.tab.progress": {"en": "Progress and self-assessment", "fi": "Edistyminen ja itsearviointi"},
    "key.history_view": {"en": "Switch view", "fi": "Näkymä"},
    "tip.history_view": {
        "en": "Switch between the sessions and the progress per principle",
        "fi": "Vaihda harjoituskertojen ja periaatekohtaisen edistymisen välillä",
    },
    "col.date_mode": {"en": "Date / mode", "fi": "Päivä / laji"},
    "col.title_ending": {"en": "Scenario / ending", "fi": "Harjoitus / lopputulos"},
    "col.grade": {"en": "Grade", "fi": "Arvio"},
    "col.grade_result": {"en": "Grade, result", "fi": "Arvio, tulos"},
    "col.n": {"en": "n", "fi": "n"},
    "col.trend": {"en": "Trend", "fi": "Kehitys"},
    "col.best": {"en": "Best", "fi": "Paras"},
    "key.open_debrief": {"en": "Debrief", "fi": "Palaute"},
    "tip.open_debrief": {"en": "Open the debrief of the highlighted session", "fi": "Avaa valitun harjoituksen palaute"},
    "history.changed": {
        "en": "The scenario changed since this session was played: the debrief is replayed on the current version.",
        "fi": "Harjoitusta on muutettu tämän kohtaamisen jälkeen: palaute on toistettu nykyisellä versiolla.",
    },
    "history.reopen_failed": {"en": "This debrief cannot be re-opened", "fi": "Tätä palautetta ei voi avata uudelleen"},
    "history.reopen_failed_body": {
        "en": "A debrief is rebuilt by replaying the session on its scenario, and that is not possible now. Its scores stay in the history.\n\n{error}",
        "fi": "Palaute rakennetaan toistamalla kohtaaminen harjoituksessaan, eikä se nyt onnistu. Pisteet säilyvät historiassa.\n\n{error}",
    },
    "debrief.past_subtitle": {"en": "Debrief of {date}", "fi": "Palaute {date}"},
    # --- reports ------------------------------------------------------------------------------------------------------------
    "report.title": {"en": "Save the report", "fi": "Tallenna raportti"},
    "report.body": {"en": "In which format? Reports are saved in the data folder.", "fi": "Missä muodossa? Raportit tallentuvat datakansioon."},
    "report.html": {"en": "HTML — one file to open in a browser or print", "fi": "HTML — yksi tiedosto selaimessa avattavaksi tai tulostettavaksi"},
    "report.md": {"en": "Markdown — plain text", "fi": "Markdown — pelkkää tekstiä"},
    "report.json": {"en": "JSON — data for an instructor's `sim summary`", "fi": "JSON — dataa kouluttajan `sim summary` -komennolle"},
    "report.all": {"en": "All three", "fi": "Kaikki kolme"},
    "debrief.reports_saved": {"en": "Reports saved in {folder}: {names}", "fi": "Raportit tallennettu kansioon {folder}: {names}"},
    "key.save": {"en": "Save", "fi": "Tallenna"},
    "tip.save_format": {"en": "Save the report in the highlighted format", "fi": "Tallenna raportti valitussa muodossa"},
    "key.cancel": {"en": "Cancel", "fi": "Peruuta"},
    "tip.cancel_report": {"en": "Close without saving", "fi": "Sulje tallentamatta"},
    # --- live preview (sim play --watch) ----------------------------------------------------------------------------------
    "watch.title": {"en": "Live preview — nothing is saved", "fi": "Esikatselu — mitään ei tallenneta"},
    "watch.started": {
        "en": "Watching {file}: save it and the preview reloads. A preview is not journalled nor added to the history.",
        "fi": "Seurataan tiedostoa {file}: tallenna se, niin esikatselu latautuu uudelleen. Esikatselua ei kirjata eikä lisätä historiaan.",
    },
    "watch.reloaded": {"en": "{file} reloaded.", "fi": "{file} ladattu uudelleen."},
    "watch.fixed": {"en": "{file} loads again: the preview goes on.", "fi": "{file} latautuu taas: esikatselu jatkuu."},
    "tip.quit_preview": {"en": "Quit the preview (nothing is saved)", "fi": "Lopeta esikatselu (mitään ei tallenneta)"},
    "watch.unchanged": {"en": "{file} saved: nothing the preview shows has changed.", "fi": "{file} tallennettu: esikatselussa näkyvä ei muuttunut."},
    "watch.same_point": {
        "en": "{file} reloaded: you are at the same point of the edited scenario.",
        "fi": "{file} ladattu uudelleen: olet samassa kohdassa muutettua harjoitusta.",
    },
    "watch.restarted": {
        "en": "{file} reloaded, but your path no longer fits it ({why}): started again from the beginning.",
        "fi": "{file} ladattu uudelleen, mutta polkusi ei enää sovi siihen ({why}): aloitettu alusta.",
    },
    "watch.error_title": {"en": "{file} has errors: the preview waits for a fix", "fi": "Tiedostossa {file} on virheitä: esikatselu odottaa korjausta"},
    "watch.not_loaded": {"en": "{file} could not be loaded.", "fi": "Tiedostoa {file} ei voitu ladata."},
    "watch.error_hint": {
        "en": "Fix the file and save it: the preview reloads by itself. Esc keeps playing the last version that loaded.",
        "fi": "Korjaa tiedosto ja tallenna se: esikatselu latautuu itsestään. Esc jatkaa viimeisimmällä toimivalla versiolla.",
    },
    # --- sim next and sim class (sim/cli/next_step.py, sim/cli/classview.py)
    "args.next": {
        "en": "what to practise next, and why (from your history and your class's assignments)",
        "fi": "mitä harjoitella seuraavaksi ja miksi (historiasi ja ryhmäsi tehtävien perusteella)",
    },
    "args.next.trainee": {"en": "whose next step (default: the name you play under)", "fi": "kenen seuraava askel (oletus: nimi, jolla pelaat)"},
    "args.class": {
        "en": "the instructor's view of a class: scores per trainee and principle, assignments, most-missed choices",
        "fi": "kouluttajan näkymä ryhmään: tulokset harjoittelijoittain ja periaatteittain, tehtävät, useimmin väärin menneet valinnat",
    },
    "args.metavar.source": {"en": "SOURCE", "fi": "LÄHDE"},
    "args.metavar.date": {"en": "YYYY-MM-DD", "fi": "VVVV-KK-PP"},
    "args.metavar.id": {"en": "ID", "fi": "TUNNUS"},
    "args.class.from": {
        "en": "where the sessions are: `history` (this machine, the default), `reports DIR…` (JSON reports) or `lrs URL` (a Learning Record Store)",
        "fi": "mistä harjoitukset luetaan: `history` (tämä kone, oletus), `reports KANSIO…` (JSON-raportit) tai `lrs URL` (xAPI-oppimistietovarasto)",
    },
    "args.class.trainees": {
        "en": "the class list: a text file, one name per line (also maps an LRS's pseudonyms back to names)",
        "fi": "ryhmän nimilista: tekstitiedosto, yksi nimi riville (yhdistää myös LRS:n peitenimet nimiin)",
    },
    "args.assignments": {
        "en": "the class's assignment file (default: SIM_ASSIGNMENTS, else assignments.yaml in the data folder)",
        "fi": "ryhmän tehtävätiedosto (oletus: SIM_ASSIGNMENTS, muuten datakansion assignments.yaml)",
    },
    "args.class.format": {
        "en": "text (default), json, csv (for a spreadsheet) or html (one file)",
        "fi": "text (oletus), json, csv (taulukkolaskentaan) tai html (yksi tiedosto)",
    },
    "args.class.output": {"en": "write to this file instead of the screen", "fi": "kirjoita tähän tiedostoon näytön sijaan"},
    "args.class.trainee": {"en": "only this trainee", "fi": "vain tämä harjoittelija"},
    "args.class.scenario": {"en": "only this scenario (its id)", "fi": "vain tämä harjoitus (sen tunniste)"},
    "args.class.since": {"en": "only sessions played since this day", "fi": "vain tästä päivästä alkaen pelatut harjoitukset"},
    "args.bad_date": {"en": "not a date: {given!r} (write it as YYYY-MM-DD)", "fi": "ei ole päivämäärä: {given!r} (kirjoita muodossa VVVV-KK-PP)"},
    "cli.next.assignments": {"en": "Your assignments", "fi": "Tehtäväsi"},
    "cli.next.col.scenario": {"en": "scenario", "fi": "harjoitus"},
    "cli.next.col.due": {"en": "due", "fi": "määräpäivä"},
    "cli.next.col.pass": {"en": "pass", "fi": "raja"},
    "cli.next.col.status": {"en": "status", "fi": "tilanne"},
    "cli.next.done": {"en": "done", "fi": "tehty"},
    "cli.next.overdue": {"en": "overdue", "fi": "myöhässä"},
    "cli.next.open": {"en": "to do", "fi": "tekemättä"},
    "cli.class.bad_source": {"en": "cannot read sessions from: {given}", "fi": "harjoituksia ei voi lukea lähteestä: {given}"},
    "cli.class.bad_source_hint": {
        "en": "write --from history, --from reports DIR… or --from lrs URL",
        "fi": "kirjoita --from history, --from reports KANSIO… tai --from lrs URL",
    },
    "cli.class.lrs_read": {
        "en": "statements read from the LRS: {statements} (pages this time: {pages}; not sim's or not well-formed: {skipped})",
        "fi": "LRS:stä luettuja lausekkeita: {statements} (sivuja tällä kertaa: {pages}; muita kuin simulaattorin tai virheellisiä: {skipped})",
    },
    "cli.class.lrs_incomplete": {
        "en": "the LRS holds more than one run reads: what was read is kept, and the same command again goes on from where this one stopped",
        "fi": "LRS:ssä on enemmän kuin yhdellä kertaa luetaan: luettu säilyy, ja sama komento uudelleen jatkaa siitä, mihin tämä jäi",
    },
    "cli.class.lrs_failed": {"en": "reading the LRS stopped: {error}", "fi": "LRS:n lukeminen keskeytyi: {error}"},
    "cli.class.lrs_failed_hint": {
        "en": "what was read is kept: run the same command again to go on (check the URL, the user and SIM_LRS_PASSWORD if it keeps failing)",
        "fi": "luettu säilyy: aja sama komento uudelleen, niin luku jatkuu (tarkista URL, käyttäjä ja SIM_LRS_PASSWORD, jos virhe toistuu)",
    },
    "cli.class.written": {"en": "written: {path}", "fi": "kirjoitettu: {path}"},
    "cli.class.empty": {"en": "No sessions and no class list: nothing to show.", "fi": "Ei harjoituksia eikä nimilistaa: ei näytettävää."},
    "cli.class.title": {"en": "Class", "fi": "Ryhmä"},
    "cli.class.heading": {"en": "{title}: {trainees}, {sessions} (from {source})", "fi": "{title}: {trainees}, {sessions} (lähde: {source})"},
    "cli.class.trainees.one": {"en": "1 trainee", "fi": "1 harjoittelija"},
    "cli.class.trainees.other": {"en": "{count} trainees", "fi": "{count} harjoittelijaa"},
    "cli.class.sessions.one": {"en": "1 session", "fi": "1 harjoitus"},
    "cli.class.sessions.other": {"en": "{count} sessions", "fi": "{count} harjoitusta"},
    "cli.class.source.history": {"en": "this machine's history", "fi": "tämän koneen historia"},
    "cli.class.source.reports": {"en": "reports", "fi": "raportit"},
    "cli.class.source.lrs": {"en": "the LRS", "fi": "LRS"},
    "cli.class.people": {"en": "Trainees: first and last attempt", "fi": "Harjoittelijat: ensimmäinen ja viimeisin yritys"},
    "cli.class.col.trainee": {"en": "trainee", "fi": "harjoittelija"},
    "cli.class.col.sessions": {"en": "sessions", "fi": "kertoja"},
    "cli.class.col.first": {"en": "first", "fi": "ensimmäinen"},
    "cli.class.col.last": {"en": "last", "fi": "viimeisin"},
    "cli.class.col.change": {"en": "change", "fi": "muutos"},
    "cli.class.col.gap": {"en": "self-rating ±", "fi": "itsearvio ±"},
    "cli.class.col.principle": {"en": "principle", "fi": "periaate"},
    "cli.class.col.status": {"en": "status", "fi": "tilanne"},
    "cli.class.col.best": {"en": "best", "fi": "paras"},
    "cli.class.grid": {"en": "Latest score per principle, and the change since the first", "fi": "Viimeisin tulos periaatteittain ja muutos ensimmäisestä"},
    "cli.class.grid_legend": {
        "en": "— not tested yet. Self-rating gap: + rated themselves higher than they scored. JSON, CSV and HTML also have the mean.",
        "fi": "— ei vielä testattu. Itsearvion ero: + arvioi itsensä tulosta paremmaksi. JSON, CSV ja HTML kertovat myös keskiarvon.",
    },
    "cli.class.assignment": {
        "en": "Assignment: {title}{due}, pass {score} — {done} of {of} done",
        "fi": "Tehtävä: {title}{due}, raja {score} — {done}/{of} tehty",
    },
    "cli.class.due": {"en": ", due {due}", "fi": ", määräpäivä {due}"},
    "cli.class.status.done": {"en": "done", "fi": "tehty"},
    "cli.class.status.tried": {"en": "tried, not passed yet", "fi": "yritetty, ei vielä läpi"},
    "cli.class.status.not-started": {"en": "not started", "fi": "aloittamatta"},
    "cli.class.late": {"en": "(done late)", "fi": "(tehty myöhässä)"},
    "cli.class.overdue": {"en": "(overdue)", "fi": "(myöhässä)"},
    "cli.class.missed": {
        "en": "Most often missed: where trainees did not take the best option",
        "fi": "Useimmin ohi: kohdat, joissa paras vaihtoehto jäi valitsematta",
    },
    "cli.class.missed_row": {
        "en": "  {title} › {node}: {missed} of {turns} — took {instead}",
        "fi": "  {title} › {node}: {missed}/{turns} — valitsivat {instead}",
    },
    "cli.class.better": {"en": "better: “{say}”", "fi": "parempi: ”{say}”"},
    # --- what next (sim.core.recommend; words in sim.reports.words.recommendation_text)
    "next.headline": {"en": "Next: {scenario} ({mode})", "fi": "Seuraavaksi: {scenario} ({mode})"},
    "next.headline.key": {"en": "Next (F4): {scenario} ({mode})", "fi": "Seuraavaksi (F4): {scenario} ({mode})"},
    "next.first": {
        "en": "Start with an easy one, to see how the simulator judges your choices.",
        "fi": "Aloita helposta harjoituksesta, niin näet, miten simulaattori arvioi valintojasi.",
    },
    "next.assignment": {"en": "Assigned to you: due {due} ({when}).", "fi": "Sinulle annettu tehtävä: määräpäivä {due} ({when})."},
    "next.assignment.overdue": {"en": "Assigned to you: it was due {due} ({when}).", "fi": "Sinulle annettu tehtävä: määräpäivä oli {due} ({when})."},
    "next.never": {"en": "You have not practised “{principle}” yet.", "fi": "Et ole vielä harjoitellut periaatetta ”{principle}”."},
    "next.weak": {
        "en": "Your “{principle}” is {level} and was last practised {ago}.",
        "fi": "”{principle}”: tasosi on {level}, ja harjoittelit tätä viimeksi {ago}.",
    },
    "next.due": {
        "en": "Your “{principle}” is {level}, last practised {ago}: time to practise it again before it fades.",
        "fi": "”{principle}”: tasosi on {level}, viimeksi harjoiteltu {ago}. Nyt on hyvä aika kerrata, ettei taito ruostu.",
    },
    "next.early": {
        "en": "Nothing is due yet. Your weakest is “{principle}” ({level}), due again {when}.",
        "fi": "Kertaus ei ole vielä ajankohtainen. Heikoin periaatteesi on ”{principle}” ({level}), sen vuoro tulee {when}.",
    },
    "next.climbed.medium": {"en": "You have passed an easy one: this one is medium.", "fi": "Läpäisit helpon harjoituksen, joten tämä on keskitasoa."},
    "next.climbed.hard": {"en": "You have passed a medium one: this one is hard.", "fi": "Läpäisit keskitason harjoituksen, joten tämä on vaativa."},
    "next.assess": {
        "en": "You have passed it in practice: now try it in assessment mode.",
        "fi": "Läpäisit sen harjoitustilassa: kokeile nyt arviointitilaa.",
    },
    "next.none": {"en": "No scenario to recommend: none is loaded.", "fi": "Suositeltavaa harjoitusta ei ole: yhtään ei ole ladattu."},
    # --- the instructor's class screen (sim/tui/screens/class_view.py)
    "classview.subtitle": {"en": "Class view: everyone in this data folder", "fi": "Ryhmänäkymä: kaikki tämän datakansion harjoittelijat"},
    "classview.tab.grid": {"en": "Principles", "fi": "Periaatteet"},
    "classview.tab.assignments": {"en": "Assignments", "fi": "Tehtävät"},
    "classview.tab.missed": {"en": "Most missed", "fi": "Useimmin ohi"},
    "classview.col.sessions": {"en": "sessions", "fi": "kertoja"},
    "classview.col.first_last": {"en": "first→last", "fi": "eka→viim."},
    "classview.status.done": {"en": "done", "fi": "tehty"},
    "classview.status.tried": {"en": "tried", "fi": "yritetty"},
    "classview.status.not-started": {"en": "not started", "fi": "aloittamatta"},
    "classview.late": {"en": "(done late)", "fi": "(tehty myöhässä)"},
    "classview.overdue": {"en": "(overdue)", "fi": "(myöhässä)"},
    "classview.no_assignments": {
        "en": f"No assignments: put an assignments.yaml in the data folder ({DOCS_URL}/practice.md)",
        "fi": f"Ei tehtäviä: lisää assignments.yaml datakansioon ({DOCS_URL}/practice.md)",
    },
    "classview.missed_row": {"en": "{title} › {node}: missed {missed} of {turns}", "fi": "{title} › {node}: ohi {missed}/{turns}"},
    "classview.took": {"en": "“{say}” ×{times}", "fi": "”{say}” ×{times}"},
    "classview.better": {"en": "better: “{say}”", "fi": "parempi: ”{say}”"},
    "classview.missed_none": {"en": "No turn has been missed yet.", "fi": "Yhtään kohtaa ei ole vielä mennyt ohi."},
    "classview.empty": {"en": "No sessions yet in this data folder.", "fi": "Tässä datakansiossa ei ole vielä harjoituksia."},
    "tip.classview": {"en": "Principles, assignments or the most-missed choices", "fi": "Periaatteet, tehtävät tai useimmin ohi menneet valinnat"},
    "cmd.class": {"en": "Class view (instructors)", "fi": "Ryhmänäkymä (kouluttajat)"},
    "cmd.class.help": {
        "en": "Every trainee's scores by principle, the assignments, the most-missed choices",
        "fi": "Kaikkien harjoittelijoiden tulokset periaatteittain, tehtävät ja useimmin ohi menneet valinnat",
    },
    "next.assignments": {"en": "Assignments: {done} of {of} done.", "fi": "Tehtävät: {done}/{of} tehty."},
    "home.assigned": {"en": "assigned: pass {score} by {due}", "fi": "tehtävä: raja {score}, viimeistään {due}"},
    "home.assigned_open": {"en": "assigned: pass {score}", "fi": "tehtävä: raja {score}"},
    "home.assigned_done": {"en": "assignment done ✓", "fi": "tehtävä tehty ✓"},
    "next.assignments_late": {"en": "{count} overdue.", "fi": "Myöhässä: {count}."},
    "next.assignments_next": {"en": "Next due {due} ({when}).", "fi": "Seuraava määräpäivä {due} ({when})."},
    "next.assignments_broken": {
        "en": "The class's assignment file has errors ({path}): ask your instructor to check it with `sim next`.",
        "fi": "Ryhmän tehtävätiedostossa on virheitä ({path}): pyydä kouluttajaa tarkistamaan se komennolla `sim next`.",
    },
    "key.recommended": {"en": "Next", "fi": "Seuraava"},
    "tip.recommended": {"en": "Open the scenario recommended for you", "fi": "Avaa sinulle suositeltu harjoitus"},
    "when.today": {"en": "today", "fi": "tänään"},
    "when.yesterday": {"en": "yesterday", "fi": "eilen"},
    "when.tomorrow": {"en": "tomorrow", "fi": "huomenna"},
    "when.days_ago": {"en": "{count} days ago", "fi": "{count} päivää sitten"},
    "when.weeks_ago.one": {"en": "a week ago", "fi": "viikko sitten"},
    "when.weeks_ago.other": {"en": "{count} weeks ago", "fi": "{count} viikkoa sitten"},
    "when.months_ago.one": {"en": "a month ago", "fi": "kuukausi sitten"},
    "when.months_ago.other": {"en": "{count} months ago", "fi": "{count} kuukautta sitten"},
    "when.in_days": {"en": "in {count} days", "fi": "{count} päivän päästä"},
    "when.in_weeks.one": {"en": "in a week", "fi": "viikon päästä"},
    "when.in_weeks.other": {"en": "in {count} weeks", "fi": "{count} viikon päästä"},
    "confirm.quit.body_preview": {"en": "This is a preview: nothing is saved. Quit?", "fi": "Tämä on esikatselu: mitään ei tallenneta. Lopetetaanko?"},
}


def t(key: str, lang: str, **fields: object) -> str:
    """The UI string `key` in `lang` (English if it has none), with `fields` filled in."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def tc(key: str, channel: str | None, lang: str, **fields: object) -> str:
    """`KEY.CHANNEL` where the catalogue words it for that channel (a chat is
    written, a phone call is hung up), else `KEY`."""
    specific = f"{key}.{channel}"
    return t(specific if channel and specific in STRINGS else key, lang, **fields)


def tn(key: str, count: int, lang: str, **fields: object) -> str:
    """`KEY.one` or `KEY.other` by `count` (also given as the field `count`)."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **fields)


def decimal_text(text: str, lang: str) -> str:
    """A number already written with a decimal point, as `lang` writes it (Finnish: a comma)."""
    return text.replace(".", ",") if lang == "fi" else text
