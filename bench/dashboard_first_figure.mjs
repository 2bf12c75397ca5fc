// Time to first figure of the dashboard (examples/dashboard) in Debian's headless Chromium: from
// navigation start to the sample commune's climate total on screen, as a user opening the page
// and choosing the sample would wait for it (a benchmark, not a test: nothing asserts a time).
//
//   node bench/dashboard_first_figure.mjs [RUNS]      (after bindings-wasm/scripts/build.sh)
//
// The page is served on 127.0.0.1 by a static server like any web host (`Cache-Control:
// max-age=3600`); `?sample=...` makes the page load the sample as soon as it is ready (the
// same code path as choosing it). Marks set by the page: `empreinte:ready` (the default module
// instantiated, its dataset loaded) and `empreinte:first-figure` (the total rendered). Each case
// runs RUNS times (default 7) and the median is kept:
//   - cold: a new browser profile each run (nothing cached: HTML, JS, .wasm downloaded and
//     compiled);
//   - warm: the same profile, reloaded (HTTP cache and V8's cached wasm code);
// for the sample commune's inventory (`communes/ville-montclair.csv`, the default module only)
// and for the sample estate (`estates/ville-montclair.toml`: the full module, the hosting dataset
// and the inventory it names). Prints a Markdown table (BENCHMARKS.md).
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';

const { chromium } = createRequire(new URL('../bindings-wasm/package.json', import.meta.url))('playwright-core');
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SITE = join(ROOT, 'examples/dashboard');
const RUNS = Number(process.argv[2] ?? 7);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.csv': 'text/csv', '.toml': 'text/plain' };
if (!existsSync(join(SITE, 'pkg/empreinte_wasm_bg.wasm'))) {
  console.error('run bindings-wasm/scripts/build.sh first (it copies the modules into the dashboard)');
  process.exit(2);
}

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
  if (!file.startsWith(SITE) || !existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function launch(dir) {
  return chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true,
    viewport: { width: 1200, height: 900 }, args: ARGS });
}

/** One load: the marks and what was transferred. */
async function load(context, sample) {
  const page = context.pages()[0] ?? await context.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url()); });
  await page.goto(`${base}index.html?sample=${encodeURIComponent(sample)}`);
  await page.waitForFunction(() => performance.getEntriesByName('empreinte:first-figure').length > 0, null, { timeout: 60000 });
  const m = await page.evaluate(() => {
    const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
    const res = performance.getEntriesByType('resource');
    const wasm = res.filter((r) => r.name.endsWith('.wasm')).map((r) => r.name.split('/').pop());
    return { ready: mark('empreinte:ready'), first: mark('empreinte:first-figure'),
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, wasm,
      total: document.querySelector('#climate-total').dataset.value };
  });
  if (external.length) throw new Error(`requests left 127.0.0.1: ${external.join(', ')}`);
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
const rows = [];
for (const [label, sample] of [['sample commune (inventory, default module)', 'communes/ville-montclair.csv'],
  ['sample estate (full module, hosting dataset)', 'estates/ville-montclair.toml']]) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'ttff-'));
    const context = await launch(dir);
    try {
      cold.push(await load(context, sample));
      warm.push(await load(context, sample));
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const [kind, runs] of [['cold', cold], ['warm', warm]]) {
    rows.push({ label, kind, first: median(runs.map((r) => r.first)), ready: median(runs.map((r) => r.ready)),
      dcl: median(runs.map((r) => r.dcl)), min: Math.min(...runs.map((r) => r.first)), max: Math.max(...runs.map((r) => r.first)),
      wasm: runs[0].wasm.join(', '), total: runs[0].total });
  }
}
await new Promise((resolve) => server.close(resolve));

const size = (f) => statSync(join(SITE, 'pkg', f)).size;
const gz = (f) => Number(execSync(`gzip -9 -c ${join(SITE, 'pkg', f)} | wc -c`).toString().trim());
const version = execSync('/usr/bin/chromium --version', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
console.log(`Time to first figure of examples/dashboard, ${RUNS} runs each (median, min–max); ${version}, headless; ` +
  `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}.`);
console.log(`Modules: empreinte_wasm_bg.wasm ${(size('empreinte_wasm_bg.wasm') / 1000).toFixed(1)} KB (${(gz('empreinte_wasm_bg.wasm') / 1000).toFixed(1)} KB gzipped), ` +
  `empreinte_full_bg.wasm ${(size('empreinte_full_bg.wasm') / 1000).toFixed(1)} KB (${(gz('empreinte_full_bg.wasm') / 1000).toFixed(1)} KB gzipped); served uncompressed from 127.0.0.1.\n`);
console.log('| input | cache | first figure | module ready | DOM content loaded | .wasm fetched | climate total shown (kgCO2e) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.label} | ${r.kind} | ${ms(r.first)} (${ms(r.min)}–${ms(r.max)}) | ${ms(r.ready)} | ${ms(r.dcl)} | ${r.wasm} | ${r.total} |`);
}
