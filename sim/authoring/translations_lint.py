"""Translation lint: texts that lack a required language, and files whose
texts are translated unevenly.

Every text in a scenario, persona or principle catalogue is either a plain
string (in the file's `language`) or a map `{fi: …, en: …}`. A trainee who
plays in Finnish sees the fallback language wherever `fi` is missing, which
is easy to miss when authoring: this finds those places, at `file:line:col`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sim.content.library import Library, classify
from sim.content.loader import load
from sim.content.model import Catalogue, Profile, Said, Scenario, Varied
from sim.content.problems import Problem, Severity
from sim.content.yamlsafe import Document, LList, locate

MAX_REPORTED = 25  # per kind and file: a file translated by half should not print 1,000 lines

Loc = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    loc: Loc
    languages: frozenset[str]  # languages with a non-blank text
    plain: bool  # a plain string, read as the file's language


def entries(model: BaseModel, doc: Document) -> list[Entry]:
    """Every authored text of a scenario, persona or catalogue, in file order."""
    default = getattr(model, "language", "en")
    found = [Entry(loc, frozenset(_languages(text, default)), isinstance(text, str)) for loc, text in _texts(model, doc)]
    return sorted(found, key=lambda e: locate(doc.value, e.loc) or (0, 0))


def _languages(text: str | Mapping[str, str], default: str) -> set[str]:
    if isinstance(text, str):
        return {default} if text.strip() else set()
    return {lang for lang, value in text.items() if value.strip()}


def _texts(model: BaseModel, doc: Document) -> Iterator[tuple[Loc, Any]]:
    if isinstance(model, Scenario):
        yield from _scenario_texts(model, doc)
    elif isinstance(model, Profile):
        yield from _fields(model, (), ("name", "description"))
        for channel, text in model.expectations.items():
            yield ("expectations", str(channel.value)), text
    elif isinstance(model, Catalogue):
        for pid, p in model.principles.items():
            base = ("principles", pid)
            yield from _fields(p, base, ("name", "description"))
            for key in ("good", "bad"):
                for i, text in enumerate(getattr(p, key)):
                    yield (*base, key, i), text


def _fields(model: BaseModel, base: Loc, names: Sequence[str]) -> Iterator[tuple[Loc, Any]]:
    for name in names:
        value = getattr(model, name)
        if value is not None:
            yield (*base, name), value


def _scenario_texts(s: Scenario, doc: Document) -> Iterator[tuple[Loc, Any]]:
    yield from _fields(s, (), ("title", "content_warning", "subject", "briefing"))
    yield from _fields(s.help, ("help",), ("say", "feedback", "label"))
    for sid, speaker in s.speakers.items():
        yield from _fields(speaker, ("speakers", sid), ("name",))  # `role` is a note for authors: not shown
    for nid, node in s.nodes.items():
        base = ("nodes", nid)
        if node.client is not None:
            # `client:` is one line or a list of them; the loc must match the file.
            listed = isinstance(_raw(doc, (*base, "client")), LList)
            for i, line in enumerate(node.client):
                loc = (*base, "client", i) if listed else (*base, "client")
                if isinstance(line, Said):
                    yield (*loc, "say"), line.say
                elif isinstance(line, Varied):
                    yield from _variants(doc, loc, line)
                else:
                    yield loc, line
        if isinstance(node.narration, Varied):
            yield from _variants(doc, (*base, "narration"), node.narration)
        yield from _fields(node, base, ("gloss",) if isinstance(node.narration, Varied) else ("gloss", "narration"))
        for i, choice in enumerate(node.choices):
            yield from _fields(choice, (*base, "choices", i), ("say", "feedback"))
        if node.timeout is not None:
            yield from _fields(node.timeout, (*base, "timeout"), ("feedback",))


def _variants(doc: Document, loc: Loc, line: Varied) -> Iterator[tuple[Loc, Any]]:
    for j, variant in enumerate(line.variants):
        at = (*loc, "variants", j)
        # A variant is written as a text, or as `{say: …, when: …}`.
        yield ((*at, "say") if isinstance(_raw(doc, at), dict) and "say" in _raw(doc, at) else at), variant.say


def _raw(doc: Document, loc: Loc) -> Any:
    node = doc.value
    for step in loc:
        if (isinstance(node, dict) and step in node) or (isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)):
            node = node[step]
        else:
            return None
    return node


def check(path: str, doc: Document, model: BaseModel, required: Sequence[str]) -> list[Problem]:
    """Missing required languages (errors) and uneven translation (warnings)."""
    items = entries(model, doc)
    default = getattr(model, "language", "en")
    out: list[Problem] = []
    counts: dict[str, int] = {}

    def add(entry: Entry, severity: Severity, code: str, message: str, hint: str) -> None:
        counts[code] = counts.get(code, 0) + 1
        if counts[code] <= MAX_REPORTED:
            line, col = locate(doc.value, entry.loc) or doc.mark
            out.append(Problem(path, line, col, message, hint, severity, code))

    required = list(dict.fromkeys(required))
    for e in items:
        missing = [lang for lang in required if lang not in e.languages]
        if not missing:
            continue
        names = ", ".join(f"`{lang}`" for lang in missing)
        if e.plain:
            add(
                e,
                "error",
                "missing-language",
                f"plain text counts as `{default}` only (the file's `language`); missing {names}",
                "write it as " + _example(required),
            )
        else:
            add(
                e,
                "error",
                "missing-language",
                f"text has no {names}",
                f"add {', '.join(f'`{lang}: …`' for lang in missing)} to it (blank texts count as missing)",
            )

    # A language key that few texts have, next to one that most do (`fin:` among
    # `fi:`), is a typo: the text would never be shown in either language.
    per_key: dict[str, int] = {}
    for e in items:
        for lang in e.languages:
            per_key[lang] = per_key.get(lang, 0) + 1
    common = sorted({*required, default, *(lang for lang, n in per_key.items() if 2 * n > len(items))})
    for e in items:
        for lang in sorted(e.languages - set(common)):
            near = [c for c in common if _close(lang, c)]
            if near:
                add(
                    e,
                    "error",
                    "language-typo",
                    f"`{lang}` is not a language of this file: did you mean `{near[0]}`?",
                    f"write `{near[0]}: …`; the other texts of the file use {', '.join(f'`{c}`' for c in common)}",
                )

    # Uneven translation: only where the author clearly translates (some text
    # has two languages), and only for languages most texts of the file have.
    if len(items) >= 2 and any(len(e.languages) >= 2 for e in items):
        per_lang: dict[str, int] = {}
        for e in items:
            for lang in e.languages:
                per_lang[lang] = per_lang.get(lang, 0) + 1
        usual = sorted(lang for lang, n in per_lang.items() if 2 * n > len(items) and lang not in required)
        for e in items:
            lacking = [lang for lang in usual if lang not in e.languages]
            if not lacking:
                continue
            names = ", ".join(f"`{lang}`" for lang in lacking)
            most = min(per_lang[lang] for lang in lacking)
            if e.plain:
                add(
                    e,
                    "warning",
                    "mixed-languages",
                    f"plain text (read as `{default}`) among texts that have {names}: {most} of the {len(items)} texts in this file do",
                    "write it as " + _example(sorted({*usual, default})),
                )
            else:
                add(
                    e,
                    "warning",
                    "mixed-languages",
                    f"text has no {names}, unlike {most} of the {len(items)} texts in this file",
                    f"add {', '.join(f'`{lang}: …`' for lang in lacking)}, or check with `sim validate --require-lang`",
                )

    for code, n in counts.items():
        if n > MAX_REPORTED:
            first = next(p for p in out if p.code == code)
            out.append(Problem(path, first.line, first.col, f"… and {n - MAX_REPORTED} more like this ({code})", None, first.severity, code))
    return out


def _close(key: str, usual: str) -> bool:
    """`fin` for `fi`, `eng` for `en`, `ne` for `en`: one letter added or left out, or two swapped.
    (Not one letter changed: `fr` beside `fi` is as likely a language being added.)"""
    if abs(len(key) - len(usual)) > 1:
        return False
    if len(key) != len(usual):
        short, long = sorted((key, usual), key=len)
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
    diff = [i for i in range(len(key)) if key[i] != usual[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and key[diff[0]] == usual[diff[1]] and key[diff[1]] == usual[diff[0]]


def _example(langs: Sequence[str]) -> str:
    return "{" + ", ".join(f"{lang}: …" for lang in langs) + "}"


_MODELS: dict[str, type[BaseModel]] = {"scenario": Scenario, "profile": Profile, "principles": Catalogue}


def translation_problems(lib: Library, required: Sequence[str] = ()) -> list[Problem]:
    """Translation problems in the files a library was loaded from (not the built-in ones)."""
    out: list[Problem] = []
    for path in lib.files:
        model_type = _MODELS.get(classify(Path(path)))
        if model_type is None:
            continue
        model, doc, _problems = load(Path(path), model_type)
        if model is None or doc is None:
            continue  # its shape errors are reported by the loader already
        out.extend(check(str(path), doc, model, required))
    return out
