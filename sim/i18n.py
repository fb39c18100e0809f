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
(tested). Importing PO files back is the step to add when a third language
or translators outside the team arrive.

Plural forms are the keys `KEY.one` and `KEY.other`, read with `tn`.
"""

from __future__ import annotations

import os

SUPPORTED = ("en", "fi")


def default_lang() -> str:
    for var in ("SIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            if code in SUPPORTED:
                return code
            if var == "SIM_LANG":
                break
    return "en"


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
        "en": "Overall: {overall} (capped from {uncapped} by a critical miss) — {grade}",
        "fi": "Kokonaisarvio: {overall} (kriittinen virhe rajasi arviosta {uncapped}) — {grade}",
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
        "en": "**Note:** the scenario has changed since this session was played (content {old} → {new}); the transcript and scores are replayed on the current version.",
        "fi": "**Huom.:** harjoitus on muuttunut tämän harjoituskerran jälkeen (sisältö {old} → {new}); keskustelu ja pisteet on toistettu nykyisellä versiolla.",
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
    "report.help": {"en": "called for help", "fi": "hälytit apua"},
    "report.timeout": {"en": "let the time run out", "fi": "annoit ajan loppua"},
    "report.said": {"en": "“{text}”", "fi": "”{text}”"},
    "report.state": {"en": "tension {tension_before} → {tension_after}, trust {trust_before} → {trust_after}", "fi": "jännitys {tension_before} → {tension_after}, luottamus {trust_before} → {trust_after}"},
    "report.feedback": {"en": "feedback: {text}", "fi": "palaute: {text}"},
    "report.better": {"en": "better: {text}", "fi": "parempi: {text}"},
    "report.call_help": {"en": "call for help", "fi": "hälytä apua"},
    "report.reflection": {"en": "Reflection", "fi": "Pohdinta"},
    # --- sim play --plain ---
    "plain.controls": {
        "en": "Type the number of your answer and press Enter. h calls for help at any moment; q saves and quits (resume later).",
        "fi": "Kirjoita vastauksesi numero ja paina Enter. h hälyttää apua milloin tahansa; q tallentaa ja lopettaa (voit jatkaa myöhemmin).",
    },
    "plain.time_limit": {"en": "Time limit: {seconds} seconds.", "fi": "Aikaraja: {seconds} sekuntia."},
    "plain.invalid": {"en": "Type a number from 1 to {last}, h for help or q to save and quit.", "fi": "Kirjoita numero 1–{last}, h hälyttääksesi apua tai q tallentaaksesi ja lopettaaksesi."},
    "plain.rate_prompt": {"en": "Your rating (1–5): ", "fi": "Arviosi (1–5): "},
    "plain.rate_invalid": {"en": "Type a number from 1 (not at all) to 5 (fully), or q to save and quit.", "fi": "Kirjoita numero 1 (en lainkaan) – 5 (täysin) tai q tallentaaksesi ja lopettaaksesi."},
    "plain.saved": {
        "en": "Saved. Start `sim play` or `sim` again to resume where you left off.",
        "fi": "Tallennettu. Käynnistä `sim play` tai `sim` uudelleen jatkaaksesi siitä, mihin jäit.",
    },
    "plain.not_saved": {"en": "This session could not be saved, so it cannot be resumed.", "fi": "Tätä harjoitusta ei voitu tallentaa, joten sitä ei voi jatkaa."},
    "plain.history_failed": {
        "en": "Could not add the session to the history ({error}); `sim history` adds it later.",
        "fi": "Harjoitusta ei voitu lisätä historiaan ({error}); `sim history` lisää sen myöhemmin.",
    },
    "plain.principles": {"en": "Principles: score, your own rating and the gap", "fi": "Periaatteet: arvio, oma arviosi ja niiden ero"},
    "plain.principle_line": {"en": "{name}: score {score}; you {rating}; gap {gap}", "fi": "{name}: arvio {score}; itse {rating}; ero {gap}"},
    "plain.goal_mark": {
        "en": "★ a goal of this scenario · your rating 1–5 counts as 0, 25, 50, 75, 100",
        "fi": "★ tämän harjoituksen tavoite · arviosi 1–5 vastaa pisteitä 0, 25, 50, 75, 100",
    },
    "plain.report_hint": {"en": "The whole report: sim report {session}", "fi": "Koko raportti: sim report {session}"},
    "plain.resume.offer": {
        "en": "This scenario has an unfinished session, at turn {turn}, started {started} UTC.",
        "fi": "Tästä harjoituksesta on keskeneräinen kerta, vuorossa {turn}, aloitettu {started} UTC.",
    },
    "plain.resume.prompt": {"en": "r resume it, n start a new one, d discard it: ", "fi": "r jatka sitä, n aloita uusi, d hylkää se: "},
    "plain.resume.invalid": {"en": "Type r, n or d.", "fi": "Kirjoita r, n tai d."},
    # --- sim serve ---
    "serve.missing": {
        "en": "sim serve: the browser mode needs textual-serve, which is not installed\n    hint: pip install 'encounter-sim[serve]' (in a clone: .venv/bin/pip install -e '.[serve]')",
        "fi": "sim serve: selaintila tarvitsee textual-serve-paketin, jota ei ole asennettu\n    vihje: pip install 'encounter-sim[serve]' (kloonissa: .venv/bin/pip install -e '.[serve]')",
    },
    "serve.started": {
        "en": "Serving the simulator on {url} (each browser tab is its own session). Ctrl+C stops it.",
        "fi": "Simulaattori osoitteessa {url} (jokainen selaimen välilehti on oma harjoituksensa). Ctrl+C lopettaa.",
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
    "html.success_but_miss": {"en": "successful, but with a critical miss", "fi": "onnistunut, mutta kriittinen virhe"},
    "html.gap": {"en": "Self-assessment gap", "fi": "Itsearvion ero"},
    "html.gap_mean.one": {"en": "mean over {count} rated principle", "fi": "keskiarvo {count} arvioidusta periaatteesta"},
    "html.gap_mean.other": {"en": "mean over {count} rated principles", "fi": "keskiarvo {count} arvioidusta periaatteesta"},
    "html.capped": {"en": "Capped from {uncapped} by a critical miss.", "fi": "Kriittinen virhe rajasi arviota, joka olisi ollut {uncapped}."},
    "html.client": {"en": "Client: {value}", "fi": "Asiakas: {value}"},
    "html.channel": {"en": "Channel: {value}", "fi": "Kanava: {value}"},
    "html.trainee": {"en": "Trainee: {value}", "fi": "Harjoittelija: {value}"},
    "html.played": {"en": "Played: {value} UTC", "fi": "Pelattu: {value} UTC"},
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
    "html.best": {"en": "the best option here", "fi": "paras vaihtoehto tässä"},
    "html.end": {"en": "End", "fi": "Loppu"},
    "html.footer": {"en": "Scenario {id}, content {hash}, seed {seed}", "fi": "Harjoitus {id}, sisältö {hash}, siemenluku {seed}"},
    # --- sim history ---
    "cli.history.none": {"en": "No sessions yet.", "fi": "Ei vielä harjoituskertoja."},
    "cli.history.none_of": {"en": "No sessions of {trainee} yet.", "fi": "Harjoittelijalla {trainee} ei ole vielä harjoituskertoja."},
    "cli.history.play_hint": {"en": "Play one with `sim`; finished sessions appear here.", "fi": "Harjoittele komennolla `sim`; päättyneet harjoituskerrat näkyvät tässä."},
    "cli.history.sessions": {"en": "Sessions", "fi": "Harjoituskerrat"},
    "cli.history.sessions_of": {"en": "Sessions of {trainee}", "fi": "Harjoituskerrat: {trainee}"},
    "cli.history.col.date": {"en": "date", "fi": "päivä"},
    "cli.history.col.id": {"en": "id", "fi": "tunnus"},
    "cli.history.col.trainee": {"en": "trainee", "fi": "harjoittelija"},
    "cli.history.col.scenario": {"en": "scenario", "fi": "harjoitus"},
    "cli.history.col.ending": {"en": "ending", "fi": "lopputulos"},
    "cli.history.col.score": {"en": "score", "fi": "arvio"},
    "cli.history.col.grade": {"en": "grade", "fi": "taso"},
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
    "cli.history.skipped": {
        "en": "note: {count} finished session(s) could not be added to the history:",
        "fi": "huom.: päättyneitä harjoituskertoja ei voitu lisätä historiaan ({count}):",
    },
    # === end of Reach ===
    # --- app-wide ---------------------------------------------------------------
    "app.title": {"en": "Encounter simulator", "fi": "Kohtaamissimulaattori"},
    "key.quit": {"en": "Quit", "fi": "Lopeta"},
    "tip.quit": {"en": "Quit the simulator (asks first during an encounter)", "fi": "Lopeta simulaattori (kysyy ensin kesken kohtaamisen)"},
    "key.theme": {"en": "Theme", "fi": "Teema"},
    "tip.theme": {"en": "Switch between the dark and the light theme", "fi": "Vaihda tumman ja vaalean teeman välillä"},
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
        "en": "sim: internal error: {error}\n    Every turn you played is saved: start sim again to resume.\n    hint: this is a bug in sim; run again with SIM_DEBUG=1 for details and report it",
        "fi": "sim: sisäinen virhe: {error}\n    Jokainen pelaamasi vuoro on tallessa: käynnistä sim uudelleen jatkaaksesi.\n    vihje: tämä on simin vika; aja uudelleen SIM_DEBUG=1-asetuksella ja ilmoita siitä",
    },
    "journal.failed": {
        "en": "Could not save this turn ({error}). You can finish the encounter, but it cannot be resumed after a crash.",
        "fi": "Vuoroa ei voitu tallentaa ({error}). Voit viedä kohtaamisen loppuun, mutta sitä ei voi jatkaa kaatumisen jälkeen.",
    },
    "journal.finish_failed": {
        "en": "Could not save the end of the session ({error}).",
        "fi": "Harjoituksen loppua ei voitu tallentaa ({error}).",
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
    "grade.excellent": {"en": "excellent", "fi": "erinomainen"},
    "grade.good": {"en": "good", "fi": "hyvä"},
    "grade.satisfactory": {"en": "satisfactory", "fi": "tyydyttävä"},
    "grade.needs practice": {"en": "needs practice", "fi": "harjoittele lisää"},
    "grade.not assessed": {"en": "not assessed", "fi": "ei arvioitu"},
    "mode.practice": {"en": "practice", "fi": "harjoittelu"},
    "mode.assessment": {"en": "assessment", "fi": "arviointi"},
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
    "cmd.language.help": {"en": "Scenario texts follow when they have a Finnish version", "fi": "Harjoitusten tekstit vaihtuvat, jos niistä on englanninkielinen versio"},
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
    "home.reloaded": {"en": "Scenarios reloaded: {count} playable, {broken} with errors.", "fi": "Harjoitukset ladattu: {count} pelattavissa, {broken} virheellistä."},
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
    "briefing.situation": {"en": "The situation", "fi": "Tilanne"},
    "briefing.goals": {"en": "Goals: the principles you are scored on", "fi": "Tavoitteet: periaatteet, joiden mukaan sinua arvioidaan"},
    "briefing.setting_heading": {"en": "Setting", "fi": "Asetelma"},
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
    "briefing.controls_body": {
        "en": "1–9, or ↑↓ and Enter   choose what you say or do\nh   call for help: always there, at any moment\np   pause: stops the clock and hides the options\nq   save and quit: resume later where you left off\nPgUp PgDn   scroll the conversation",
        "fi": "1–9 tai ↑↓ ja Enter   valitse, mitä sanot tai teet\nh   hälytä apua: aina käytettävissä\np   tauko: pysäyttää kellon ja piilottaa vaihtoehdot\nq   tallenna ja lopeta: jatka myöhemmin siitä, mihin jäit\nPgUp PgDn   selaa keskustelua",
    },
    "button.start": {"en": "Start the encounter", "fi": "Aloita kohtaaminen"},
    "key.start": {"en": "Start", "fi": "Aloita"},
    "tip.start": {"en": "Start the encounter", "fi": "Aloita kohtaaminen"},
    # --- encounter ---------------------------------------------------------------------------------------
    "encounter.turn": {"en": "turn {turn}", "fi": "vuoro {turn}"},
    "transcript.title": {"en": "Conversation", "fi": "Keskustelu"},
    "choices.title": {"en": "What do you say?", "fi": "Mitä sanot?"},
    "speaker.client": {"en": "Client", "fi": "Asiakas"},
    "speaker.trainee": {"en": "You", "fi": "Sinä"},
    "speaker.narration": {"en": "Scene", "fi": "Tilanne"},
    "speaker.gloss": {"en": "Meaning", "fi": "Merkitys"},
    "speaker.feedback": {"en": "Feedback", "fi": "Palaute"},
    "speaker.event": {"en": "Note", "fi": "Huom."},
    "event.help": {"en": "You called for help.", "fi": "Hälytit apua."},
    "event.timeout": {"en": "Time ran out before you answered.", "fi": "Aika loppui ennen kuin vastasit."},
    "event.resumed": {"en": "Resumed where you left off.", "fi": "Jatketaan siitä, mihin jäit."},
    "event.what_if": {"en": "What if… you choose again from turn {turn}.", "fi": "Entä jos… valitset uudelleen vuorosta {turn} alkaen."},
    "card.title": {"en": "Client", "fi": "Asiakas"},
    "card.tension": {"en": "Tension", "fi": "Jännitys"},
    "card.trust": {"en": "Trust", "fi": "Luottamus"},
    "card.mood": {"en": "Mood: {band}", "fi": "Tunnetila: {band}"},
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
    "tip.help": {"en": "Call a colleague or security, at any moment", "fi": "Kutsu kollega tai vartija paikalle milloin tahansa"},
    "key.pause": {"en": "Pause", "fi": "Tauko"},
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
        "en": "A critical miss caps the score: {uncapped} without it, {score} with it.",
        "fi": "Kriittinen virhe rajaa arvion: ilman sitä {uncapped}, sen kanssa {score}.",
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
    "debrief.pick_turn": {"en": "Pick the turn to play again from, then press r or Enter.", "fi": "Valitse vuoro, josta pelaat uudelleen, ja paina r tai Enter."},
    "turn.heading": {"en": "Turn {turn}", "fi": "Vuoro {turn}"},
    "turn.tension": {"en": "tension {before} → {after}", "fi": "jännitys {before} → {after}"},
    "turn.critical": {"en": "critical miss", "fi": "kriittinen virhe"},
    "turn.help": {"en": "Called for help", "fi": "Hälytit apua"},
    "turn.timeout": {"en": "Let the time run out", "fi": "Annoit ajan loppua"},
    "turn.better": {"en": "Better", "fi": "Parempi"},
    "turn.best": {"en": "One of the best options here.", "fi": "Yksi parhaista vaihtoehdoista."},
    "key.replay": {"en": "Replay from turn", "fi": "Pelaa vuorosta"},
    "tip.replay": {"en": "What if: play again from the highlighted turn; this session stays as it is", "fi": "Entä jos: pelaa uudelleen valitusta vuorosta; tämä harjoitus säilyy ennallaan"},
    "key.save_report": {"en": "Save report", "fi": "Raportti"},
    "tip.save_report": {"en": "Write this debrief as an HTML, Markdown or JSON file", "fi": "Tallenna tämä palaute HTML-, Markdown- tai JSON-tiedostoksi"},
    "key.switch_view": {"en": "Switch view", "fi": "Vaihda näkymä"},
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
    # --- resuming after an edit (sim.resume reasons) -------------------------------------------------------------------
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
    "history.calibration_line": {"en": "{values}   distance {trend} (lower is closer)", "fi": "{values}   ero {trend} (matalampi on lähempänä)"},
    "history.sessions": {"en": "Sessions, newest first", "fi": "Harjoitukset, uusin ensin"},
    "col.date": {"en": "Date", "fi": "Päivä"},
    "col.ending": {"en": "Ending", "fi": "Lopputulos"},
    "col.grade": {"en": "Grade", "fi": "Arvio"},
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
    "history.record_failed": {
        "en": "This session could not be added to the history: {error}",
        "fi": "Harjoitusta ei voitu lisätä historiaan: {error}",
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
    "confirm.quit.body_preview": {"en": "This is a preview: nothing is saved. Quit?", "fi": "Tämä on esikatselu: mitään ei tallenneta. Lopetetaanko?"},
}


def t(key: str, lang: str, **fields: object) -> str:
    """The UI string `key` in `lang` (English if it has none), with `fields` filled in."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def tn(key: str, count: int, lang: str, **fields: object) -> str:
    """`KEY.one` or `KEY.other` by `count` (also given as the field `count`)."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **fields)
