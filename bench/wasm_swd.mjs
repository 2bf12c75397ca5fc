// SWD v4 per visit through the wasm package (the full module), the page weights of
// bench/co2js_swd.mjs: N `webPage({bytes, per_visit: true})` calls from JS (`calls`, the
// default), or one `webPages(Float64Array, {per_visit: true})` call (`batch`). Prints `key value`
// lines for bench/measure.py. A benchmark, not a test.
//   node bench/wasm_swd.mjs [N] [calls|batch]
import { performance } from "node:perf_hooks";
import { loadWasm } from "./wasm_load.mjs";

const n = Number(process.argv[2] || 100000);
const mode = process.argv[3] || "calls";
const bytes = (i) => 10000 + ((i * 7919) % 10000000);
const { wasm, pkg } = await loadWasm("empreinte_full");
const options = { per_visit: true }; // CO2.js perVisit
let s;
let sum = 0;
if (mode === "batch") {
  const pages = Float64Array.from({ length: n }, (_, i) => bytes(i));
  wasm.webPages(pages.subarray(0, 1000), options); // warm-up, as for CO2.js
  const t = performance.now();
  const totals = wasm.webPages(pages, options);
  s = (performance.now() - t) / 1000;
  for (const v of totals) sum += v;
} else {
  for (let i = 0; i < 1000; i++) wasm.webPage({ bytes: bytes(i), ...options }); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) sum += wasm.webPage({ bytes: bytes(i), ...options }).estimate.total_gco2e;
  s = (performance.now() - t) / 1000;
}
console.log(`pkg_node ${pkg === "node" ? 1 : 0}`);
console.log(`estimates ${n}`);
console.log(`seconds ${s.toFixed(6)}`);
console.log(`us_per_estimate ${(s * 1e6 / n).toFixed(4)}`);
console.log(`sum_gco2e ${sum}`);
