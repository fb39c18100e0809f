"""`sim serve --own-words`: a trainee in a browser tab answers in their own
words, through a real server and a real websocket, as a browser does.

Every step waits for what the screen shows before the next key — the cursor
in the field that takes the keys, the option understood, the next turn — so
a busy machine makes it slower, never wrong.
"""

from __future__ import annotations

import asyncio
import json

from benchmarks.classroom import Screen, cursor_on
from sim.i18n import t
from sim.session import history
from sim.session.settings import KEY_GUARD_ENV
from tests.functional.plain.test_plain_own_words import REPLIES
from tests.functional.serve.test_serve import running_server

STEP = 60.0  # seconds, at most, for one step to show: an app starting on a busy machine
WIDTH, HEIGHT = 100, 30


def test_a_served_tab_plays_an_encounter_in_finnish_words_to_the_debrief(aiohttp, monkeypatch):
    # The option understood is taken with Enter as soon as it shows; a person
    # reads it first, which the key guard asks for (tested in the TUI's tests).
    monkeypatch.setenv(KEY_GUARD_ENV, "0")
    with running_server("--own-words", "--lang", "fi") as (port, _page, _proc):
        asyncio.run(play_in_words(aiohttp, port))
    stored = history.session(history.sessions()[-1].id)
    assert stored is not None and stored.row.trainee == "Aino" and stored.row.overall == 100
    assert [turn.typed.text if turn.typed else None for turn in stored.turns] == REPLIES
    assert stored.turns[0].typed is not None and stored.turns[0].typed.understood == "hear-him-out"


async def play_in_words(aiohttp, port: int) -> None:
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as client:
        ws = await client.ws_connect(f"{base}/ws?width={WIDTH}&height={HEIGHT}", origin=base)
        screen = Screen(ws)
        try:

            async def step(keys: str, *shown) -> None:
                screen.mark()
                if keys:
                    await screen.send(keys)
                for marker in shown:
                    if await screen.wait_for(marker, STEP) is None:
                        text = bytes(screen.data).decode("utf-8", "replace")
                        raise AssertionError(f"after {keys!r}: {marker!r} not shown within {STEP:.0f} s; {screen.closed} …{text[-600:]!r}")

            await ws.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
            await step("", t("trainee.title", "fi"))
            screen.mark()
            await ws.send_str(json.dumps(["focus"]))
            await step("", cursor_on(t("trainee.placeholder", "fi")))
            await step("Aino", "Aino")
            await step("\r", cursor_on(t("trainee.pin_placeholder", "fi")))
            await step("4321", "••••")
            # The name is taken once the PIN is checked (in a thread): keys typed before that went to
            # the dialog. What says the home screen has the keys is the app's word that it is taken.
            await step("\r", t("trainee.saved", "fi", name="Aino"))
            await step("aggressive-desk", "aggressive-desk")
            await step("\r", t("briefing.goals", "fi"))
            reply_box = cursor_on(t("reply.placeholder", "fi"))
            await step("\r", reply_box)
            understood = t("reply.understood", "fi", number="X", text="Y").partition("X")[0]
            for turn, reply in enumerate(REPLIES, start=1):
                await step(reply, reply[-20:])
                await step("\r", understood)  # the option it was understood as, highlighted: Enter takes it
                if turn < len(REPLIES):
                    await step("\r", reply_box)  # the next turn, the reply box empty again
                else:
                    await step("\r", t("key.continue", "fi"))  # the ending: Enter goes on
            await step("\r", t("self.intro", "fi")[:30])
            await step("44444444")
            await step("\x13", t("tab.summary", "fi"))  # ctrl+s: the self-assessment is done, the debrief shows
        finally:
            await screen.close()
