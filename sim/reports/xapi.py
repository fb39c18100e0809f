"""xAPI 1.0.3 statements for a stored session, for a Learning Record Store.

One session becomes: `attempted` (at its start), one `responded` per turn
(object: the node as a `cmi.interaction` of type `choice`, the scenario as
its parent), then `completed`, `passed` or `failed`, and `scored`, the last
three with the per-principle scores as context extensions.

Built only from the store, so an export works after the scenario file has
gone. Deterministic: statement ids are uuid5 of the base IRI, the session id
and the statement's position, and everything else comes from stored data, so
exporting again gives byte-identical statements that an LRS accepts as
duplicates instead of new records.

The trainee appears as a pseudonymous `account`: an HMAC of the name, keyed
with SIM_XAPI_SALT, so the LRS never sees a name or an e-mail address.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from sim.session.history import SessionRecord, Store, StoredTurn
from sim.text import clean

XAPI_VERSION = "1.0.3"
DEFAULT_BASE = "https://encounter-sim.invalid"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERBS = ("attempted", "responded", "completed", "passed", "failed", "scored")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
CMI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PLATFORM = "encounter-sim"
_DEFAULT_SALT = "encounter-sim"


def base_iri() -> str:
    """Where our activity and extension IRIs live; SIM_XAPI_BASE overrides it,
    so an organisation can use a domain it owns."""
    return (os.environ.get("SIM_XAPI_BASE") or DEFAULT_BASE).rstrip("/")


def pseudonym(trainee: str, salt: str | None = None) -> str:
    """A stable account name that does not reveal the trainee's name.

    Keyed with SIM_XAPI_SALT: with an organisation-wide secret, the same
    trainee gets the same pseudonym on every computer and nobody can test
    guessed names against it."""
    key = (salt if salt is not None else os.environ.get("SIM_XAPI_SALT") or _DEFAULT_SALT).encode("utf-8")
    return "t-" + hmac.new(key, trainee.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def statement_id(base: str, session_id: str, position: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/sessions/{quote(session_id, safe='')}/statements/{position}"))


def scenario_iri(base: str, scenario_id: str) -> str:
    return f"{base}/scenarios/{quote(scenario_id, safe='')}"


def principle_iri(base: str, principle: str) -> str:
    return f"{base}/principles/{quote(principle, safe='')}"


def timestamp(value: str | datetime) -> str:
    """ISO 8601 in UTC with milliseconds and `Z`, as LRSs store them."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(ms: int) -> str:
    """ISO 8601 duration, to the 0.01 s xAPI keeps: 83450 ms → `PT1M23.45S`."""
    centis = max(0, round(ms / 10))
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6_000)
    seconds, hundredths = divmod(rest, 100)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if seconds or hundredths or out == "PT":
        out += f"{seconds}.{hundredths:02d}S" if hundredths else f"{seconds}S"
    return out


def _language_map(text: dict[str, str]) -> dict[str, str]:
    # xAPI forbids empty values; authored text is cleaned like everywhere else.
    return {lang: clean(value) for lang, value in text.items() if value}


def _score(overall: int | None) -> dict[str, Any] | None:
    if overall is None:
        return None
    return {"scaled": round(overall / 100, 2), "raw": overall, "min": 0, "max": 100}


def statements(record: SessionRecord, *, base: str | None = None, salt: str | None = None) -> list[dict[str, Any]]:
    """The statements of one session, in the order they happened."""
    base = (base or base_iri()).rstrip("/")
    row = record.row
    lang = row.lang or "en"
    actor = {"objectType": "Agent", "account": {"homePage": base, "name": pseudonym(row.trainee, salt)}}
    scenario = {
        "objectType": "Activity",
        "id": scenario_iri(base, row.scenario_id),
        "definition": {"type": SIMULATION, **({"name": _language_map(row.title)} if _language_map(row.title) else {})},
    }
    registration = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/sessions/{quote(row.id, safe='')}"))
    session_ext = {
        f"{base}/extensions/session": row.id,
        f"{base}/extensions/mode": row.mode,
        f"{base}/extensions/seed": row.seed,
    }

    def context(*, parent: bool = False, scores: bool = False) -> dict[str, Any]:
        ctx: dict[str, Any] = {"registration": registration, "platform": PLATFORM, "language": lang}
        if row.content_hash:
            ctx["revision"] = row.content_hash
        if parent:
            ctx["contextActivities"] = {"parent": [{"objectType": "Activity", "id": scenario["id"]}]}
        ext = dict(session_ext)
        if scores:
            ext.update({principle_iri(base, p.principle): p.score for p in record.principles})
            if row.ending:
                ext[f"{base}/extensions/ending"] = row.ending
            if record.ratings:
                # The trainee's self-ratings (1–5), so a class view read back from the LRS has their gaps.
                ext[f"{base}/extensions/self-ratings"] = dict(record.ratings)
            if record.misses:
                ext[f"{base}/extensions/critical-misses"] = [
                    {"turn": m.turn, "principle": m.principle, "reason": m.reason} for m in record.misses
                ]
        ctx["extensions"] = ext
        return ctx

    out: list[dict[str, Any]] = []

    def add(verb: str, obj: dict[str, Any], when: datetime, result: dict[str, Any] | None, ctx: dict[str, Any]) -> None:
        st: dict[str, Any] = {
            "id": statement_id(base, row.id, len(out)),
            "actor": actor,
            "verb": {"id": ADL_VERBS + verb, "display": {"en-US": verb}},
            "object": obj,
            "context": ctx,
            "timestamp": timestamp(when),
        }
        if result:
            st["result"] = result
        out.append(st)

    started = datetime.fromisoformat(row.started)
    ended = datetime.fromisoformat(row.ended) if row.ended else None
    add("attempted", scenario, started, None, context())

    elapsed = 0
    for turn in record.turns:
        if turn.ms is not None:
            elapsed += turn.ms
        # Turn times come from the measured durations; they never pass the end.
        when = started + timedelta(milliseconds=elapsed)
        if ended is not None and when > ended:
            when = ended
        add("responded", _interaction(base, row.scenario_id, turn, lang), when, _turn_result(base, turn), context(parent=True))

    if row.ending is not None:
        finish = ended or started
        score = _score(row.overall)
        common: dict[str, Any] = {"completion": True}
        if ended is not None and ended >= started:
            common["duration"] = duration(int((ended - started).total_seconds() * 1000))
        if score:
            common["score"] = score
        add("completed", scenario, finish, dict(common), context(scores=True))
        # Passed by the scenario's grading rules: the pass mark, the critical principles and the ending.
        passed = row.pass_result
        add("passed" if passed else "failed", scenario, finish, {**common, "success": passed}, context(scores=True))
        if score:
            add("scored", scenario, finish, {"score": score, "success": passed, "completion": True}, context(scores=True))
    return out


class QueuedStatements:
    """The statements an LRS's outbox names by session and position, built when they
    are sent: with the SIM_XAPI_SALT of that moment, so a salt set after they were
    queued applies, and nothing built with another salt leaves the machine. The
    statements of the last few sessions are kept, as the outbox lists a session's
    statements together."""

    KEEP = 16

    def __init__(self, store: Store) -> None:
        self._store = store
        self._built: OrderedDict[tuple[str, str], list[dict[str, Any]] | None] = OrderedDict()

    def statement(self, session_id: str, position: int, base: str = "") -> dict[str, Any] | None:
        """The statement, or None when its session is no longer in the history."""
        key = (session_id, (base or base_iri()).rstrip("/"))
        if key in self._built:
            self._built.move_to_end(key)
        else:
            record = self._store.session(session_id)
            self._built[key] = statements(record, base=key[1]) if record is not None else None
            while len(self._built) > self.KEEP:
                self._built.popitem(last=False)
        built = self._built[key]
        return built[position] if built is not None and 0 <= position < len(built) else None


def _interaction(base: str, scenario_id: str, turn: StoredTurn, lang: str) -> dict[str, Any]:
    components = []
    seen: set[str] = set()
    for alt in turn.offered:
        cid = str(alt.get("id") or alt.get("action"))
        if cid in seen or not cid or any(ch.isspace() for ch in cid):
            continue  # component ids must be unique and free of spaces
        seen.add(cid)
        component: dict[str, Any] = {"id": cid}
        description = _language_map(alt.get("say") or {})
        if not description and alt.get("action") in ("help", "timeout"):
            description = {"en": "call for help" if alt["action"] == "help" else "let the time run out"}
        if description:
            component["description"] = description
        components.append(component)
    definition: dict[str, Any] = {
        "type": CMI_INTERACTION,
        "interactionType": "choice",
        "name": {"en": f"{scenario_id}: {turn.node}"},
    }
    if components:
        definition["choices"] = components
    best = [b for b in turn.best_responses() if b in seen]
    if best:
        definition["correctResponsesPattern"] = best
    return {
        "objectType": "Activity",
        "id": f"{scenario_iri(base, scenario_id)}/nodes/{quote(turn.node, safe='')}",
        "definition": definition,
    }


def _turn_result(base: str, turn: StoredTurn) -> dict[str, Any]:
    result: dict[str, Any] = {"response": turn.response}
    if turn.ms is not None:
        result["duration"] = duration(turn.ms)
    best = turn.best_responses()
    if best:
        result["success"] = turn.response in best
    result["extensions"] = {
        f"{base}/extensions/turn": turn.number,
        f"{base}/extensions/state-before": turn.state_before,
        f"{base}/extensions/state-after": turn.state_after,
        f"{base}/extensions/principles": turn.deltas,
    }
    return result
