// Assemble tools/wasm/cost_gradient.wat and write it, base64, into the WASM constant of
// _static/explorers/cost-gradient-simd.js. `node tools/build_wasm.js --check` only reports
// (exit 1) whether the file holds the module the .wat gives. Needs `npm ci` (wabt).
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SOURCE = path.join(ROOT, "tools", "wasm", "cost_gradient.wat");
const TARGET = path.join(ROOT, "_static", "explorers", "cost-gradient-simd.js");
const CONSTANT = /const WASM = "[A-Za-z0-9+/=]*";/;

require("wabt")().then((wabt) => {
  const module = wabt.parseWat(path.basename(SOURCE), fs.readFileSync(SOURCE, "utf8"), { simd: true });
  module.validate();
  const base64 = Buffer.from(module.toBinary({}).buffer).toString("base64");
  const script = fs.readFileSync(TARGET, "utf8");
  if (!CONSTANT.test(script)) throw new Error(`${TARGET} has no line const WASM = "...";`);
  const updated = script.replace(CONSTANT, `const WASM = "${base64}";`);
  if (process.argv.includes("--check")) {
    if (updated !== script) {
      console.error(`${path.relative(ROOT, TARGET)} is out of date: run node tools/build_wasm.js`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, TARGET)} holds the module of ${path.relative(ROOT, SOURCE)}`);
  } else {
    fs.writeFileSync(TARGET, updated);
    console.log(`wrote ${path.relative(ROOT, TARGET)} (${base64.length} base64 characters)`);
  }
});
