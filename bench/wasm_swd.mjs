// SWD v4 per visit through the wasm package: N `webPage({bytes})` calls from JS (the package
// has no batch call), the page weights of bench/co2js_swd.mjs. Prints `key value` lines for
// bench/measure.py. A benchmark, not a test.
//   node bench/wasm_swd.mjs [N]
import { performance } from "node:perf_hooks";
import { loadWasm } from "./wasm_load.mjs";

const n = Number(process.argv[2] || 100000);
const bytes = (i) => 10000 + ((i * 7919) % 10000000);
const { wasm, pkg } = await loadWasm("empreinte_full");
for (let i = 0; i < 1000; i++) wasm.webPage({ bytes: bytes(i) }); // warm-up, as for CO2.js
const t = performance.now();
let sum = 0;
for (let i = 0; i < n; i++) sum += wasm.webPage({ bytes: bytes(i) }).estimate.total_gco2e;
const s = (performance.now() - t) / 1000;
console.log(`pkg_node ${pkg === "node" ? 1 : 0}`);
console.log(`estimates ${n}`);
console.log(`seconds ${s.toFixed(6)}`);
console.log(`us_per_estimate ${(s * 1e6 / n).toFixed(4)}`);
console.log(`sum_gco2e ${sum}`);
