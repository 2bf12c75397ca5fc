// CO2.js's own loop: N Sustainable Web Design v4 per-visit estimates (its default model), the
// page weights of `bench_native swd4 N` (core/examples/bench_native.rs). Prints `key value`
// lines for bench/measure.py. A benchmark, not a test.
//   node bench/co2js_swd.mjs [N]
import { co2 } from "@tgwf/co2";
import { performance } from "node:perf_hooks";

const n = Number(process.argv[2] || 100000);
const bytes = (i) => 10000 + ((i * 7919) % 10000000);
const model = new co2(); // SWD v4
for (let i = 0; i < 1000; i++) model.perVisit(bytes(i)); // warm-up (JIT)
const t = performance.now();
let sum = 0;
for (let i = 0; i < n; i++) sum += model.perVisit(bytes(i));
const s = (performance.now() - t) / 1000;
console.log(`estimates ${n}`);
console.log(`seconds ${s.toFixed(6)}`);
console.log(`us_per_estimate ${(s * 1e6 / n).toFixed(4)}`);
console.log(`sum_gco2e ${sum}`);
