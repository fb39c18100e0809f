// node walk.js STORY.json SECONDS SEED — random walk over a compiled story with
// the inkjs runtime for about SECONDS; prints one JSON line
// {steps, seconds, steps_per_s, restarts, load_seconds}.
//
// One step is one choice made, as one step of sim's engine is one action.
// The picks follow sim.authoring.fuzz.choose_action, so both walks take the
// same paths in the same proportions: now and then (5 %) the help key (the
// choice tagged `help`), otherwise any other open choice. A walk that ends,
// or runs MAX_TURNS choices, starts again with ResetState(), as sim's
// worker starts a new Session. A short untimed walk comes first.
"use strict";
const fs = require("fs");
const { Story } = require("inkjs");

const HELP_RATE = 0.05;
const MAX_TURNS = 500;
const WARM_UP_STEPS = 2048; // as WARM_UP_STEPS in benchmarks/ink_peer.py

const [file, secondsArg, seedArg] = process.argv.slice(2);
if (!file || !secondsArg) {
  process.stderr.write("usage: node walk.js STORY.json SECONDS SEED\n");
  process.exit(2);
}
const seconds = Number(secondsArg);

// mulberry32: a small seeded generator, so a walk can be repeated (Math.random cannot be seeded).
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(seedArg || 0));

const t0 = process.hrtime.bigint();
const story = new Story(fs.readFileSync(file, "utf-8").replace(/^\uFEFF/, ""));
const loaded = process.hrtime.bigint();

const isHelp = (choice) => Array.isArray(choice.tags) && choice.tags.includes("help");
let turns = 0;

// Walks until `done(steps, elapsed)` says so (asked every 64 steps, as sim's worker reads its clock);
// returns the steps, the new walks and the time taken.
function walk(done) {
  let steps = 0;
  let restarts = 0;
  const start = process.hrtime.bigint();
  let now = start;
  for (;;) {
    story.ContinueMaximally();
    const choices = story.currentChoices;
    if (choices.length === 0 || turns >= MAX_TURNS) {
      story.ResetState();
      restarts++;
      turns = 0;
      continue;
    }
    let index = -1;
    if (random() < HELP_RATE) index = choices.findIndex(isHelp);
    if (index < 0) {
      const others = [];
      for (let i = 0; i < choices.length; i++) if (!isHelp(choices[i])) others.push(i);
      index = others.length ? others[Math.floor(random() * others.length)] : choices.findIndex(isHelp);
    }
    story.ChooseChoiceIndex(index);
    steps++;
    turns++;
    if ((steps & 63) === 0) {
      now = process.hrtime.bigint();
      if (done(steps, now - start)) break;
    }
  }
  return { steps, restarts, seconds: Number(now - start) / 1e9 };
}

// Untimed, as sim's worker warms up: the JIT and the runtime's first-use caches.
walk((steps) => steps >= WARM_UP_STEPS);
const limit = BigInt(Math.round(seconds * 1e9));
const timed = walk((steps, elapsed) => elapsed >= limit);
process.stdout.write(
  JSON.stringify({
    steps: timed.steps,
    seconds: timed.seconds,
    steps_per_s: timed.steps / timed.seconds,
    restarts: timed.restarts,
    load_seconds: Number(loaded - t0) / 1e9,
  }) + "\n",
);
