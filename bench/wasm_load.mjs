// Loads the built npm package (bindings-wasm/pkg). Node's CommonJS build (pkg/node) first; if it
// does not load, the web build (pkg/web, ES modules) initialised synchronously from the same
// .wasm, with a note on stderr. `name`: `empreinte_wasm` (the default module) or
// `empreinte_full` (hosting, services, GLPI as well). Returns { wasm, pkg, loadSeconds }.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export async function loadWasm(name = "empreinte_wasm") {
  const t = performance.now();
  try {
    const wasm = createRequire(import.meta.url)(`../bindings-wasm/pkg/node/${name}.js`);
    return { wasm, pkg: "node", loadSeconds: (performance.now() - t) / 1000 };
  } catch (e) {
    console.error(`note: bindings-wasm/pkg/node does not load (${String(e.message).split("\n")[0]}); using pkg/web`);
    const wasm = await import(`../bindings-wasm/pkg/web/${name}.js`);
    wasm.initSync({ module: readFileSync(new URL(`../bindings-wasm/pkg/web/${name}_bg.wasm`, import.meta.url)) });
    return { wasm, pkg: "web", loadSeconds: (performance.now() - t) / 1000 };
  }
}
