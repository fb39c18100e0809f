// node compile.js FILE.ink OUT.json — compile with inkjs's own compiler (the
// peer of `sim validate`: parse, check and build the runtime story).
// Exits 1 on any error, printing ink's messages; warnings are printed too.
"use strict";
const fs = require("fs");
const { Compiler, CompilerOptions } = require("inkjs/full");

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  process.stderr.write("usage: node compile.js FILE.ink OUT.json\n");
  process.exit(2);
}
const messages = [];
// No file name for the compiler: with one it wants a file handler for INCLUDEs,
// which the generated story has none of; messages give line numbers all the same.
const options = new CompilerOptions(null, [], false, (message) => messages.push(message), null);
const compiler = new Compiler(fs.readFileSync(source, "utf-8"), options);
let story = null;
try {
  story = compiler.Compile();
} catch (err) {
  // inkjs throws "Compilation failed." after reporting the errors through the handler.
  if (compiler.errors.length === 0) messages.push(String(err && err.stack ? err.stack : err));
}
for (const m of messages) process.stderr.write(m + "\n");
if (story === null || compiler.errors.length > 0) {
  process.stderr.write(`compile.js: ${compiler.errors.length} error(s) in ${source}\n`);
  process.exit(1);
}
fs.writeFileSync(out, story.ToJson());
