// WebAssembly in Debian's headless Chromium: the same work as bench/wasm_evaluate.mjs in Node
// (the bytes of an inventory file evaluated by `evaluate(Uint8Array)`, the dataset loaded first
// by a one-line inventory), in a page served on 127.0.0.1, as a dashboard runs it. The call is
// timed in wall time (performance.now) and in main-thread task time (the DevTools protocol's
// `Performance.getMetrics` TaskDuration: the browser's nearest to CPU time). Prints `key value`
// lines for bench/measure.py. A benchmark, not a test.
//   node bench/chromium_evaluate.mjs FILE [empreinte_wasm|empreinte_full]
// (after bindings-wasm/scripts/build.sh; playwright-core comes from bindings-wasm's dev
// dependencies).
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const { chromium } = createRequire(new URL('../bindings-wasm/package.json', import.meta.url))('playwright-core');
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PKG = join(ROOT, 'bindings-wasm/pkg/web');
const file = process.argv[2];
const module = process.argv[3] || 'empreinte_wasm';
if (!file) { console.error('usage: node bench/chromium_evaluate.mjs FILE [module]'); process.exit(2); }
if (!existsSync(join(PKG, `${module}_bg.wasm`))) {
  console.error('run bindings-wasm/scripts/build.sh first');
  process.exit(2);
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
import init, * as m from './pkg/${module}.js';
// The module instantiated, the dataset loaded (a one-line inventory) and the file fetched.
window.prepare = async () => {
  await init();
  m.evaluate('category;quantity\\nlaptop;1\\n', { reporting_year: 2025 });
  window.bytes = new Uint8Array(await (await fetch('./inventory.csv')).arrayBuffer());
};
// The timed call alone.
window.run = () => {
  const t = performance.now();
  const r = m.evaluate(window.bytes, { reporting_year: 2025 });
  return { seconds: (performance.now() - t) / 1000, rows: r.counts.rows_read,
    rejected: r.counts.rows_rejected, climate: r.totals.impacts.climate_change.total.central };
};
window.loaded = true;
</script>`;

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path === '/' || path === '/index.html') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  } else if (path === '/inventory.csv') {
    res.writeHead(200, { 'content-type': 'text/csv' }).end(readFileSync(file));
  } else {
    const f = join(PKG, path.replace(/^\/pkg\//, ''));
    if (!f.startsWith(PKG) || !existsSync(f)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(f)] ?? 'application/octet-stream' }).end(readFileSync(f));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const dir = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'] });
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.loaded === true);
  await page.evaluate(() => window.prepare());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'TaskDuration').value;
  const t0 = await task();
  const r = await page.evaluate(() => window.run());
  const cpu = (await task()) - t0;
  console.log(`rows ${r.rows}`);
  console.log(`rows_rejected ${r.rejected}`);
  console.log(`seconds ${r.seconds.toFixed(6)}`);
  console.log(`cpu_seconds ${cpu.toFixed(6)}`);
  console.log(`lines_per_s ${(r.rows / r.seconds).toFixed(0)}`);
  console.log(`climate_change_kgco2e ${r.climate}`);
} finally {
  await context.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
