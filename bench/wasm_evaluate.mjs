// WebAssembly in Node: evaluates the bytes of an inventory file with the built package, as a
// dashboard would (a Uint8Array, encoding detected). The module is `empreinte_wasm` (the default
// one, built for size) or `empreinte_full` (built for speed). The dataset is loaded first (a
// one-line inventory), as native `bench_native evaluate` loads it before its timer; the call is
// timed in wall and CPU time. Prints `key value` lines for bench/measure.py. A benchmark, not a
// test.
//   node bench/wasm_evaluate.mjs FILE [empreinte_wasm|empreinte_full]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadWasm } from "./wasm_load.mjs";

const file = process.argv[2];
if (!file) { console.error("usage: node bench/wasm_evaluate.mjs FILE [module]"); process.exit(2); }
const { wasm, pkg, loadSeconds } = await loadWasm(process.argv[3] || "empreinte_wasm");
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
let t = performance.now();
wasm.evaluate("category;quantity\nlaptop;1\n", { reporting_year: 2025 });
const datasetS = (performance.now() - t) / 1000;
const bytes = new Uint8Array(readFileSync(file));
t = performance.now();
const c0 = cpu();
const report = wasm.evaluate(bytes, { reporting_year: 2025 });
const cpuS = cpu() - c0;
const s = (performance.now() - t) / 1000;
console.log(`pkg_node ${pkg === "node" ? 1 : 0}`);
console.log(`load_s ${loadSeconds.toFixed(6)}`);
console.log(`dataset_s ${datasetS.toFixed(6)}`);
console.log(`rows ${report.counts.rows_read}`);
console.log(`rows_rejected ${report.counts.rows_rejected}`);
console.log(`seconds ${s.toFixed(6)}`);
console.log(`cpu_seconds ${cpuS.toFixed(6)}`);
console.log(`lines_per_s ${(report.counts.rows_read / s).toFixed(0)}`);
console.log(`climate_change_kgco2e ${report.totals.impacts.climate_change.total.central}`);
