"""Starting files for `sim new`: a scenario and a persona, every key explained.

The templates are text, not dumped data, because the comments are the point:
an instructor learns the format by reading the file they are about to edit.
Both pass `sim validate` with no errors and no warnings as written (a test
keeps it so), and both start with the one-line header that points editors
at the JSON Schema for completion.
"""

from __future__ import annotations

from string import Template

from sim.i18n import DOCS_URL

SCHEMA_HEADER = "# yaml-language-server: $$schema=$schema"
# Online, because a wheel install has no docs/ folder to point at.
GUIDE = f"{DOCS_URL}/authoring.md"

SCENARIO = Template(
    SCHEMA_HEADER
    + """
#
# A new scenario. Each key is explained just above it. The guide, then what to run:
# $guide
#   sim validate $file                    # errors and warnings, with line numbers
#   sim walk $file --choices acknowledge,next-step   # play one path
#   sim analyze $file                     # every path: endings, best and worst scores
#   sim graph $file -o $id.md             # a picture of the dialogue (Mermaid)
# Any text can be one string (in `language` below) or one per language:
#   title: {fi: "Suomeksi", en: "In English"}

# A unique id: letters, digits, `-` and `_`. Reports and tests use it.
id: $id
# Shown in the scenario list.
title: "$title"
# Where the encounter happens: desk, phone, chat or email.
channel: $channel
# The client persona: the id of a file in profiles/ (built in: $profiles).
profile: $profile
# The language of every plain text in this file (fi, en, …).
language: en
# easy, medium or hard.
difficulty: medium
# Roughly how many minutes one play takes.
minutes: 5
# Shown before the briefing of an intense scenario; delete the `#` to use it.
# content_warning: "The client shouts at you."
$subject_line# The situation, as the trainee learns it before starting.
briefing: >
  $briefing
# The principles this scenario trains and scores: ids from the catalogue
# (dialogues/principles.yaml). Give each goal a good and a poor option below.
goals: [listen-acknowledge, no-shaming, call-help-early]
# The node the conversation starts at.
start: opening
# Where the "call for help" key leads; the trainee can press it at any time.
# Calling while the client is a threat always earns call-help-early.
help:
  next: colleague-arrives
  # The help key's label in the footer, in this scenario's own words.
  label: "$help_label"
  say: "$help_say"
  feedback: "Calling a colleague is never wrong when a client may become a threat."
# Optional, shown here with their defaults:
# threat_turns: 1      # turns the trainee may carry on alone under threat before it is a critical miss
# shuffle: true        # show the options in a seeded random order
# variables:           # extra state besides tension and trust, for conditions
#   understanding: {start: 30, min: 0, max: 100}

# The conversation: each node is one moment; choices lead from node to node.
nodes:
  opening:
    # What the client says: one text, or a list said one after another.
    # A line can be said in several ways: the client picks one the trainee has
    # heard least lately, so replays differ. `when:` makes a variant conditional.
    client:
      variants:
        - "$opening_1"
        - "$opening_2"
    # The trainee's options, numbered in this order (and shown shuffled).
    choices:
      - id: acknowledge                      # a stable id for tests and `sim walk`
        say: "$acknowledge"
        effects: {tension: -10, trust: +10}  # changes to the client's state
        principles: {listen-acknowledge: +2} # -5 … +5 for each principle
        feedback: "Listen and acknowledge: you named the situation before explaining anything."
        next: details                        # the node that follows
      - id: read-the-notice
        say: "$read_notice"
        effects: {tension: +15}              # rises are multiplied by the persona's volatility
        principles: {no-shaming: -2}
        feedback: "No shaming: pointing at the notice implies the client should have read it."
        next: angry

  angry:
    client: "So it's my fault now?"
    # Seconds to answer (phone and chat realism), and what happens when time runs out:
    # time_limit: 30
    # timeout: {next: client-leaves, effects: {tension: +10}}
    choices:
      - id: apologise
        say: "$apologise"
        effects: {tension: -10}
        principles: {no-shaming: +1, listen-acknowledge: +1}
        feedback: "You gave the client an honourable way back into the conversation."
        next: details
      - id: argue
        when: "tension < 90"                 # offered only while this condition holds
        say: "$argue"
        effects: {tension: +10}
        principles: {no-shaming: -1, listen-acknowledge: -1}
        feedback: "Arguing about who is right raises the tension and helps no one."
        next: client-leaves

  details:
    client: "$details"
    choices:
      - id: next-step
        say: "$next_step"
        principles: {listen-acknowledge: +1}
        feedback: "A concrete next step, done together with the client."
        next: filed

  # Endings: `end` makes a node the last one. resolved, next-step and
  # help-called count as a success; client-left, unresolved and escalated do not.
  filed:
    end: resolved
    narration: "$filed"
  client-leaves:
    end: client-left
    narration: "$leaves"
  colleague-arrives:
    end: help-called
    narration: "$arrives"
"""
)

PROFILE = Template(
    SCHEMA_HEADER
    + """
#
# A new client persona: how this client reacts. A scenario uses it with
# `profile: $id`. The guide, then how to check this file:
# $guide
#   sim validate $file

# The id scenarios use in `profile:`.
id: $id
# Shown in the briefing.
name: "$title"
description: "Describe the client in a sentence or two: situation, mood, what they need."
# The language of every plain text in this file (fi, en, …).
language: en
# Start tension, 0 (calm) … 100 (crisis), and start trust in the service, 0 … 100.
tension: 40
trust: 40
# The tension the client calms towards (default: the start tension).
# Keep it below threat_threshold, or the client never calms down.
baseline: 25
# Every rise in tension is multiplied by this: 1.5 reacts half again as strongly.
volatility: 1.0
# After a turn that did not raise tension, the client calms this much towards the baseline.
recovery: 5
# At this tension the client is a threat: calling for help becomes the right move.
threat_threshold: 80
# What this client expects of each service channel (optional; delete what you don't need).
expectations:
  desk: "Expects to leave with the matter settled or a clear next step."
  phone: "Expects a call-back when promised."
"""
)


def title_for(name: str) -> str:
    """`noise-complaint` → `Noise complaint`: a readable first title."""
    words = name.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or name
    return text[:1].upper() + text[1:]


# The template's words for each channel: `sim new scenario --channel email` must
# not write "walks out" or "join you at the desk" into an email.
CHANNEL_WORDS: dict[str, dict[str, str]] = {
    "desk": {
        "briefing": "A client comes to you about a decision that has not arrived. This is their\n  second visit. Replace this text with your situation.",
        "help_label": "Ask a colleague",
        "help_say": "You ask your colleague to join you at the desk.",
        "opening_1": "This is my second visit and still nothing. What is going on?",
        "opening_2": "I was here last week too, and nothing has happened. Why?",
        "acknowledge": "Two visits and still no answer - let's look at it together now.",
        "read_notice": "It says on the notice that decisions take four weeks.",
        "apologise": "No - that page is easy to miss. Let's check your case right now.",
        "argue": "I'm only telling you how it is.",
        "details": "Fine. What do you need from me?",
        "next_step": "Your name and date of birth. I'll call the unit while you're here.",
        "filed": "The unit confirms the decision is on its way. The client leaves reassured.",
        "leaves": "The client walks out without an answer.",
        "arrives": "Your colleague joins you; together you calm the situation.",
    },
    "phone": {
        "briefing": "A client calls about a decision that has not arrived. This is their\n  second call. Replace this text with your situation.",
        "help_label": "Ask a colleague",
        "help_say": "You signal a colleague to listen in on the call.",
        "opening_1": "This is the second time I'm calling and still nothing. What is going on?",
        "opening_2": "I called last week too, and nothing has happened. Why?",
        "acknowledge": "Two calls and still no answer - let's look at it together now.",
        "read_notice": "It says on our website that decisions take four weeks.",
        "apologise": "No - that page is easy to miss. Let's check your case right now.",
        "argue": "I'm only telling you how it is.",
        "details": "Fine. What do you need from me?",
        "next_step": "Your name and date of birth. I'll call the unit while we're on the line.",
        "filed": "The unit confirms the decision is on its way. The caller thanks you and hangs up.",
        "leaves": "The caller hangs up without an answer.",
        "arrives": "Your colleague listens in and helps; together you calm the call down.",
    },
    "chat": {
        "briefing": "A client writes in the chat about a decision that has not arrived. This is\n  their second chat. Replace this text with your situation.",
        "help_label": "Ask a colleague",
        "help_say": "You ask a colleague to join the chat.",
        "opening_1": "second time asking here and still nothing. whats going on??",
        "opening_2": "asked last week too and nothing happened. why?",
        "acknowledge": "Two chats and still no answer - let's look at it together now.",
        "read_notice": "It says on our website that decisions take four weeks.",
        "apologise": "No - that page is easy to miss. Let me check your case right now.",
        "argue": "I'm only telling you how it is.",
        "details": "ok. what do you need from me",
        "next_step": "Your name and date of birth, please. I'll check with the unit while we chat.",
        "filed": "The unit confirms the decision is on its way. The client thanks you and closes the chat.",
        "leaves": "The client leaves the chat without an answer.",
        "arrives": "Your colleague joins the chat; together you calm the situation.",
    },
    "email": {
        "briefing": "A client has emailed about a decision that has not arrived. This is their\n  second email. Replace this text with your situation.",
        "help_label": "Ask your team leader",
        "help_say": "You forward the email to your team leader and ask for advice.",
        "opening_1": "This is my second email and still nothing. What is going on?",
        "opening_2": "I wrote last week too, and nothing has happened. Why?",
        "acknowledge": "Thank you for writing again. Two emails and no answer is too long - I have looked into your case.",
        "read_notice": "As stated on our website, decisions take four weeks.",
        "apologise": "I'm sorry, that was not what I meant: that page is easy to miss. I have checked your case today.",
        "argue": "I am only telling you how it is.",
        "details": "Fine. What do you need from me?",
        "next_step": "Please send me your name and date of birth, and I will ask the unit today and write back by Friday.",
        "filed": "The unit confirms the decision is on its way. The client replies with thanks.",
        "leaves": "The client stops replying.",
        "arrives": "Your team leader replies with advice; together you answer the client.",
    },
}


def scenario_text(name: str, *, channel: str, profile: str, profiles: list[str], file: str, schema: str) -> str:
    return SCENARIO.substitute(
        id=name,
        guide=GUIDE,
        title=title_for(name),
        channel=channel,
        profile=profile,
        profiles=", ".join(profiles) or "none",
        file=file,
        schema=schema,
        subject_line=(
            '# The subject line of the client\'s email.\nsubject: "Still no decision"\n' if channel == "email" else ""
        ),
        **CHANNEL_WORDS.get(channel, CHANNEL_WORDS["desk"]),
    )


def profile_text(name: str, *, file: str, schema: str) -> str:
    return PROFILE.substitute(id=name, title=title_for(name), file=file, schema=schema, guide=GUIDE)
