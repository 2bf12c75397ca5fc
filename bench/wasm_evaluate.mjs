// WebAssembly in Node: evaluates the bytes of an inventory file with the built package, as a
// dashboard would (a Uint8Array, encoding detected). Prints `key value` lines for
// bench/measure.py. A benchmark, not a test.
//   node bench/wasm_evaluate.mjs FILE
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadWasm } from "./wasm_load.mjs";

const file = process.argv[2];
if (!file) { console.error("usage: node bench/wasm_evaluate.mjs FILE"); process.exit(2); }
const { wasm, pkg, loadSeconds } = await loadWasm();
const bytes = new Uint8Array(readFileSync(file));
const t = performance.now();
const report = wasm.evaluate(bytes, { reporting_year: 2025 });
const s = (performance.now() - t) / 1000;
console.log(`pkg_node ${pkg === "node" ? 1 : 0}`);
console.log(`load_s ${loadSeconds.toFixed(6)}`);
console.log(`rows ${report.counts.rows_read}`);
console.log(`rows_rejected ${report.counts.rows_rejected}`);
console.log(`seconds ${s.toFixed(6)}`);
console.log(`lines_per_s ${(report.counts.rows_read / s).toFixed(0)}`);
console.log(`climate_change_kgco2e ${report.totals.impacts.climate_change.total.central}`);
