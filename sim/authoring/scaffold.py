"""Starting files for `sim new`: a scenario and a persona, every key explained.

The templates are text, not dumped data, because the comments are the point:
an instructor learns the format by reading the file they are about to edit.
Both pass `sim validate` with no errors and no warnings as written (a test
keeps it so), and both start with the one-line header that points editors
at the JSON Schema for completion.
"""

from __future__ import annotations

from string import Template

SCHEMA_HEADER = "# yaml-language-server: $$schema=$schema"

SCENARIO = Template(
    SCHEMA_HEADER
    + """
#
# A new scenario. Each key is explained just above it; the full guide is
# docs/authoring.md. Then:
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
# The situation, as the trainee learns it before starting.
briefing: >
  A client comes to you about a decision that has not arrived. This is their
  second visit. Replace this text with your situation.
# The principles this scenario trains and scores: ids from the catalogue
# (dialogues/principles.yaml). Give each goal a good and a poor option below.
goals: [listen-acknowledge, no-shaming, call-help-early]
# The node the conversation starts at.
start: opening
# Where the "call for help" key leads; the trainee can press it at any time.
# Calling while the client is a threat always earns call-help-early.
help:
  next: colleague-arrives
  say: "You ask your colleague to join you at the desk."
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
    client: "This is my second visit and still nothing. What is going on?"
    # The trainee's options, numbered in this order (and shown shuffled).
    choices:
      - id: acknowledge                      # a stable id for tests and `sim walk`
        say: "Two visits and still no answer - let's look at it together now."
        effects: {tension: -10, trust: +10}  # changes to the client's state
        principles: {listen-acknowledge: +2} # -5 … +5 for each principle
        feedback: "Listen and acknowledge: you named the situation before explaining anything."
        next: details                        # the node that follows
      - id: read-the-notice
        say: "It says on the notice that decisions take four weeks."
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
        say: "No - that page is easy to miss. Let's check your case right now."
        effects: {tension: -10}
        principles: {no-shaming: +1, listen-acknowledge: +1}
        feedback: "You gave the client an honourable way back into the conversation."
        next: details
      - id: argue
        when: "tension < 90"                 # offered only while this condition holds
        say: "I'm only telling you how it is."
        effects: {tension: +10}
        principles: {no-shaming: -1, listen-acknowledge: -1}
        feedback: "Arguing about who is right raises the tension and helps no one."
        next: client-leaves

  details:
    client: "Fine. What do you need from me?"
    choices:
      - id: next-step
        say: "Your name and date of birth. I'll call the unit while you're here."
        principles: {listen-acknowledge: +1}
        feedback: "A concrete next step, done together with the client."
        next: filed

  # Endings: `end` makes a node the last one. resolved, next-step and
  # help-called count as a success; client-left, unresolved and escalated do not.
  filed:
    end: resolved
    narration: "The unit confirms the decision is on its way. The client leaves reassured."
  client-leaves:
    end: client-left
    narration: "The client walks out without an answer."
  colleague-arrives:
    end: help-called
    narration: "Your colleague joins you; together you calm the situation."
"""
)

PROFILE = Template(
    SCHEMA_HEADER
    + """
#
# A new client persona: how this client reacts. A scenario uses it with
# `profile: $id`. The guide is docs/authoring.md; check it with
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


def scenario_text(name: str, *, channel: str, profile: str, profiles: list[str], file: str, schema: str) -> str:
    return SCENARIO.substitute(
        id=name,
        title=title_for(name),
        channel=channel,
        profile=profile,
        profiles=", ".join(profiles) or "none",
        file=file,
        schema=schema,
    )


def profile_text(name: str, *, file: str, schema: str) -> str:
    return PROFILE.substitute(id=name, title=title_for(name), file=file, schema=schema)
