// End to end: examples/dashboard served on 127.0.0.1, driven in Debian's Chromium. Every state of
// the page is checked with axe-core (no WCAG 2.1 A/AA violation) and kept as a screenshot in
// target/dashboard/ (the artefacts of the run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { assertSubset } from './support.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SITE = join(ROOT, 'examples/dashboard');
const CSV = join(ROOT, 'examples/communes/ville-montclair.csv');
const VILLAGE = join(ROOT, 'examples/communes/village-saint-aubin.csv');
const ESTATE = join(ROOT, 'examples/estates/ville-montclair.toml');
const AGENT = join(ROOT, 'tests/glpi/agent');
const NUMECOEVAL = join(ROOT, 'examples/numecoeval/ville-montclair');
const SHOTS = join(ROOT, 'target/dashboard');
const YEAR = 2024;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.csv': 'text/csv', '.ts': 'text/plain', '.toml': 'text/plain' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server; let base; let context; let page; let userDir;
const problems = [];
const requested = [];
const checked = [];

function cli() {
  const bin = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/empreinte');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '-p', 'empreinte-cli'], { cwd: ROOT, stdio: 'inherit' });
  return bin;
}

/** `empreinte ARGS --format json` (exit 1, some rows rejected, still writes the JSON). */
function cliJson(args) {
  const run = spawnSync(cli(), [...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.stdout.startsWith('{') || run.stdout.startsWith('['), `CLI failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function cliClimate(file, year) {
  return cliJson(['evaluate', file, '--year', String(year)]).totals.impacts.climate_change.total.central;
}

/** `empreinte report ARGS`: the document as bytes. */
function cliReport(args) {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    const run = spawnSync(cli(), ['report', ...args, '-o', join(dir, 'r.html')], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return readFileSync(join(dir, 'r.html'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function shownTotal() {
  return Number(await page.getAttribute('#climate-total', 'data-value'));
}

/**
 * One state of the page: axe-core finds no WCAG 2.1 A or AA violation (the review's frame is
 * checked on its own document), and a screenshot is kept as target/dashboard/NAME.png.
 */
async function state(name, p = page) {
  if (!(await p.evaluate(() => typeof window.axe === 'object'))) await p.evaluate(AXE);
  const result = await p.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    iframes: false, resultTypes: ['violations'],
  }));
  const violations = result.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 4)
    .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join(' | ')}`);
  assert.deepEqual(violations, [], `${name}: WCAG 2.1 A/AA violations`);
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  checked.push(name);
}

/** Files dropped on the drop zone, as a user drags them from the file manager. */
async function drop(files) {
  const payload = files.map(([name, path]) => ({ name, b64: readFileSync(path).toString('base64') }));
  const dt = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) t.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return t;
  }, payload);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
}

/** The figures of a table: `data-value` of the cells matching `selector`, keyed by `key`. */
async function values(selector, key) {
  return page.$$eval(selector, (cells, k) => Object.fromEntries(cells.map((c) => [c.closest('tr').getAttribute(k), Number(c.dataset.value)])), key);
}

before(async () => {
  assert.ok(existsSync(join(SITE, 'pkg/empreinte_wasm.js')), 'run scripts/build.sh first (copies pkg/ into the dashboard)');
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(SITE) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  userDir = mkdtempSync(join(tmpdir(), 'chr-'));
  context = await chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1200, height: 900 }, acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('request', (r) => requested.push(r.url()));
  // blob: URLs of the page's origin are its own downloads, not network requests.
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith(`blob:${base.slice(0, -1)}`)
      && u !== 'about:srcdoc') problems.push(`request: ${u}`);
  });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.goto(`${base}index.html`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  rmSync(SHOTS, { recursive: true, force: true });
  await state('01-start');
});

after(async () => {
  // Each state checked by axe-core has its screenshot.
  if (checked.length) console.log(`axe-core, no WCAG 2.1 A/AA violation; screenshots in ${SHOTS}: ${checked.join(', ')}`);
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

test('dashboard: upload, totals equal the CLI, scenario, English, bad input, screenshot', async () => {
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.fill('#year', String(YEAR));
  await page.setInputFiles('#file', CSV);
  await page.waitForFunction(() => document.querySelector('#climate-total')?.dataset.value);
  const total = await shownTotal();
  assert.equal(total, cliClimate(CSV, YEAR), 'displayed climate total === CLI JSON total');
  assert.match(await page.textContent('#counts'), /lignes lues/);
  assert.ok(await page.locator('#chart-category svg rect').count() > 3);
  assert.ok(await page.locator('#chart-department svg rect').count() > 1);
  assert.equal(await page.locator('#chart-phase svg title').count(), 1);
  assert.ok(await page.locator('#totals tbody tr').count() >= 1);

  // The first figure came from the default module alone.
  assert.ok(!requested.some((u) => u.includes('empreinte_full')), 'the first figure needs the default module only');
  await state('02-inventory');
  // Lifetime extension (the levers live in the full module, loaded now): the total falls.
  await page.fill('#lifetime', '3');
  await page.waitForFunction((t) => Number(document.querySelector('#climate-total').dataset.value) !== t, total);
  const longer = await shownTotal();
  assert.ok(longer < total, `${longer} < ${total}`);
  assert.equal(await page.isVisible('#scenario-badge'), true);
  await page.fill('#refurb', '50');
  await page.waitForFunction((t) => Number(document.querySelector('#climate-total').dataset.value) !== t, longer);
  assert.ok(await shownTotal() < longer);

  assert.ok(requested.some((u) => u.endsWith('pkg/empreinte_full_bg.wasm')), 'the levers loaded the full module');
  // New vs refurbished comparator: both figures from the module.
  await page.click('#compare-run');
  await page.waitForSelector('#compare tr[data-condition="refurbished"]');
  const offers = await page.locator('#compare tbody tr').count();
  assert.equal(offers, 2);
  assert.ok(Number(await page.getAttribute('#compare tr[data-condition="refurbished"]', 'data-value')) <
    Number(await page.getAttribute('#compare tr[data-condition="new"]', 'data-value')));
  await page.waitForSelector('#levers tr[data-lever="all"]');
  await state('03-levers-comparator');

  // English.
  await page.click('#lang-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#counts'), /rows read/);
  assert.match(await page.textContent('#totals thead'), /Indicator/);
  await page.waitForSelector('#levers tr[data-lever="all"] th:has-text("All levers together")');
  await state('04-english');
  await page.fill('#refurb', '0');
  await page.fill('#lifetime', '0');
  await page.waitForFunction((t) => Number(document.querySelector('#climate-total').dataset.value) === t, total);

  // Bad input: a readable message, the previous result kept.
  const bad = [
    ['report.csv', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), /PDF/],
    ['empty.csv', Buffer.alloc(0), /empty/],
    ['nocategory.csv', Buffer.from('quantite;etat\n3;neuf\n'), /category/],
  ];
  for (const [name, buffer, pattern] of bad) {
    await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
    await page.waitForSelector('#message:not([hidden])');
    const msg = await page.textContent('#message');
    assert.match(msg, pattern, msg);
    assert.equal(await shownTotal(), total, 'previous result kept');
    if (name === 'report.csv') await state('05-error');
    await page.evaluate(() => { document.querySelector('#message').hidden = true; });
  }

  // A good file again clears the message.
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#message[hidden]', { state: 'attached' });
  assert.deepEqual(problems, []);
});

/** The review's download: its bytes. */
async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** Every figure of a review's HTML that names its JSON pointer equals the CLI's JSON. */
async function figuresEqual(frame, json, previous) {
  const figures = await frame.$$eval('[data-json]', (els) => els.map((e) => ({
    value: Number(e.getAttribute('data-value')), json: e.getAttribute('data-json'), previous: e.getAttribute('data-json-previous') })));
  const at = (doc, ptr) => ptr.split('/').slice(1).reduce((v, k) => v?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  let n = 0;
  for (const f of figures) {
    const expected = f.previous ? at(json, f.json) - at(previous, f.previous) : at(json, f.json);
    assert.equal(f.value, expected, f.json);
    n += 1;
  }
  assert.ok(n >= 20, `${n} figures`);
}

test('the review of an inventory with last year\'s: shown sandboxed, downloaded as empreinte report writes it, printable', async () => {
  await page.click('#lang-fr');
  await page.fill('#year', String(YEAR));
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#source-name:has-text("ville-montclair.csv")');
  await page.fill('#commune', 'Ville de Montclair');
  await page.fill('#inhabitants', '60000');
  await page.dispatchEvent('#inhabitants', 'change');
  await page.waitForFunction(() => document.querySelector('#counts') && document.querySelector('#status').textContent.includes('évalué'));
  await page.setInputFiles('#previous', VILLAGE);
  await page.click('#review-run');
  await page.waitForSelector('#review-actions:not([hidden])');
  assert.match(await page.textContent('#review-status'), /village-saint-aubin\.csv/);

  // In the page: sandboxed, no script, the review's own CSP, its figures the CLI's.
  assert.equal(await page.getAttribute('#review-frame', 'sandbox'), 'allow-same-origin allow-modals');
  const frame = await (await page.$('#review-frame')).contentFrame();
  await frame.waitForSelector('h1');
  assert.equal(await frame.locator('script').count(), 0);
  assert.match(await frame.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), /default-src 'none'/);
  // Its inline styles apply under both policies (the page's and its own): its layout, not the page's.
  assert.equal(await frame.$eval('body', (b) => getComputedStyle(b).maxWidth), '960px');
  const args = [CSV, '--year', String(YEAR), '--inhabitants', '60000'];
  const json = cliJson(['evaluate', ...args, '--previous', VILLAGE]);
  const last = cliJson(['evaluate', VILLAGE, '--year', String(YEAR - 1), '--inhabitants', '60000']);
  await figuresEqual(frame, json, last);
  await state('06-review');
  // The print button prints the review's document (the sandbox allows it: no "ignored call").
  await page.evaluate(() => {
    window.printed = 0;
    document.querySelector('#review-frame').contentWindow.addEventListener('beforeprint', () => { window.printed += 1; });
  });
  await page.click('#review-print');
  await page.waitForFunction(() => window.printed === 1);

  // Downloaded: the same bytes as `empreinte report`, HTML and Markdown.
  const cliArgs = [...args, '--previous', VILLAGE, '--commune', 'Ville de Montclair'];
  const html = await download('#review-download');
  assert.equal(html.name, `bilan-reen-${YEAR}.html`);
  assert.ok(html.bytes.equals(cliReport(cliArgs)), 'the downloaded review === empreinte report');
  const md = await download('#review-md');
  assert.ok(md.bytes.equals(cliReport([...cliArgs, '--format', 'md'])), 'the Markdown === empreinte report --format md');

  // Printed to PDF with its print styles, as from the print button; the document alone is
  // accessible too.
  const tab = await context.newPage();
  const dir = mkdtempSync(join(tmpdir(), 'review-'));
  try {
    writeFileSync(join(dir, 'bilan.html'), html.bytes);
    await tab.goto(`file://${join(dir, 'bilan.html')}`);
    await state('07-review-document', tab);
    await tab.emulateMedia({ media: 'print' });
    const pdf = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length >= 2, 'several pages');
    assert.deepEqual(await tab.$$eval('.page-break', (els) => [...new Set(els.map((e) => getComputedStyle(e).breakBefore))]), ['page']);
  } finally {
    await tab.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await page.fill('#commune', '');
  await page.fill('#inhabitants', '');
  await page.dispatchEvent('#inhabitants', 'change');
  await page.setInputFiles('#previous', []);
  assert.deepEqual(problems, []);
});

test('the sample estate dropped: totals by scope, hosting and services equal the CLI; its review equals empreinte report', async () => {
  await drop([['ville-montclair.toml', ESTATE], ['ville-montclair.csv', CSV]]);
  await page.waitForSelector('#source-name:has-text("ville-montclair.toml")');
  await page.waitForSelector('#scope-block:not([hidden])');
  const cli = cliJson(['evaluate', ESTATE]);
  assert.equal(await shownTotal(), cli.totals.impacts.climate_change.total.central);
  assert.equal(await page.inputValue('#year'), '2025', 'the estate\'s year');
  const scopes = await values('#chart-scope tbody td[data-value]', 'data-scope');
  assert.deepEqual(scopes, Object.fromEntries(cli.estate.by_scope.map((s) => [s.scope, s.impacts.climate_change.total.central])));
  const entries = { ...(await values('#hosting-table tbody tr', 'data-path')), ...(await values('#services-table tbody tr', 'data-path')) };
  assert.deepEqual(entries, Object.fromEntries([...cli.estate.hosting, ...cli.estate.services]
    .map((e) => [e.path, e.climate_change_kgco2e.central])));
  const categories = await values('#chart-category tbody td[data-value]:not([data-value=""])', 'data-key');
  for (const c of cli.by_category) {
    if (c.impacts.climate_change.total.central !== undefined) assert.equal(categories[c.key], c.impacts.climate_change.total.central, c.key);
  }
  // "Not available" is never shown as 0: a category without a figure reads n.d.
  const blank = await page.$$eval('#chart-category tbody td[data-value=""]', (cells) => cells.map((c) => c.textContent));
  assert.ok(blank.every((x) => x === 'n.d.'), blank.join(', '));
  assert.ok(requested.some((u) => u.includes('data/boavizta-2.5/hosting_cloud_instances.csv')), 'the cloud tables from the page\'s own files');
  await state('08-estate');

  await page.click('#review-run');
  await page.waitForSelector('#review-actions:not([hidden])');
  const html = await download('#review-download');
  assert.equal(html.name, 'bilan-reen-2025.html');
  assert.ok(html.bytes.equals(cliReport([ESTATE])), 'the downloaded review === empreinte report ESTATE');
  const frame = await (await page.$('#review-frame')).contentFrame();
  await frame.waitForSelector('h1');
  await figuresEqual(frame, cli);
  await state('09-estate-review');

  // English: the review is written again in English.
  await page.click('#lang-en');
  await page.waitForFunction(() => document.querySelector('#review-status').textContent.startsWith('Review ready'));
  const en = await download('#review-download');
  assert.ok(en.bytes.equals(cliReport([ESTATE, '--lang', 'en'])), 'English review === empreinte report --lang en');
  await page.click('#lang-fr');
  assert.deepEqual(problems, []);
});

test('NumEcoEval / G4IT files dropped: totals by scope equal empreinte evaluate FOLDER; the review equals empreinte report FOLDER', async () => {
  await page.fill('#year', '2025');
  await page.dispatchEvent('#year', 'change');
  const names = readdirSync(NUMECOEVAL).filter((n) => n.endsWith('.csv')).sort();
  await drop(names.map((n) => [n, join(NUMECOEVAL, n)]));
  await page.waitForSelector(`#source-name:has-text("${names[0]}")`);
  await page.waitForSelector('#scope-block:not([hidden])');
  const cli = cliJson(['evaluate', NUMECOEVAL, '--year', '2025']);
  assert.equal(await shownTotal(), cli.totals.impacts.climate_change.total.central);
  const scopes = await values('#chart-scope tbody td[data-value]', 'data-scope');
  assert.deepEqual(scopes, Object.fromEntries(cli.estate.by_scope.map((s) => [s.scope, s.impacts.climate_change.total.central])));
  const entries = { ...(await values('#hosting-table tbody tr[data-path]', 'data-path')), ...(await values('#services-table tbody tr', 'data-path')) };
  assert.deepEqual(entries, Object.fromEntries([...cli.estate.hosting, ...cli.estate.services]
    .map((e) => [e.path, e.climate_change_kgco2e.central])));
  const centres = await values('#hosting-table tbody tr[data-data-centre]', 'data-data-centre');
  assert.deepEqual(centres, Object.fromEntries(cli.estate.numecoeval.data_centres
    .map((d) => [d.name, d.impacts.climate_change.total.central])));
  assert.ok(!(await page.isHidden('#estate-file-note')), 'the page says the files describe their hosting themselves');
  await state('08b-numecoeval');

  await page.click('#review-run');
  await page.waitForSelector('#review-actions:not([hidden])');
  const html = await download('#review-download');
  assert.ok(html.bytes.equals(cliReport([NUMECOEVAL, '--year', '2025'])), 'the downloaded review === empreinte report FOLDER');
  const frame = await (await page.$('#review-frame')).contentFrame();
  await frame.waitForSelector('h1');
  await figuresEqual(frame, cli);
  await state('09b-numecoeval-review');

  // One NumEcoEval file alone is told from an inventory by the core too.
  await drop([['EquipementPhysique.csv', join(NUMECOEVAL, 'EquipementPhysique.csv')]]);
  await page.waitForSelector('#source-name:has-text("EquipementPhysique.csv")');
  const single = cliJson(['evaluate', join(NUMECOEVAL, 'EquipementPhysique.csv'), '--year', '2025']);
  assert.equal(await shownTotal(), single.totals.impacts.climate_change.total.central);
  assert.deepEqual(problems, []);
});

test('choices: each lever named in kg and %, the trajectory and the comparator equal the CLI', async () => {
  await page.fill('#year', String(YEAR));
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#source-name:has-text("ville-montclair.csv")');
  await page.fill('#lifetime', '2');
  await page.fill('#refurb', '30');
  await page.waitForSelector('#levers tr[data-lever="all"]');
  const scenario = (extra) => cliJson(['scenario', CSV, '--year', String(YEAR), ...extra])[0];
  const expected = {
    extend_lifetime: scenario(['--extend-lifetime', '2']),
    refurbished_share: scenario(['--refurbished-share', '30']),
    all: scenario(['--extend-lifetime', '2', '--refurbished-share', '30']),
  };
  for (const [id, s] of Object.entries(expected)) {
    const cells = await page.$$eval(`#levers tr[data-lever="${id}"] td[data-value]`, (c) => c.map((x) => Number(x.dataset.value)));
    assert.deepEqual(cells, [s.change_kgco2e, s.change_percent], id);
  }
  assert.match(await page.textContent('#scenario-result'), /Garder les appareils 2 an\(s\) de plus : [^:]+ kg CO2e\/an \([^)]+ %\)/);

  // The trajectory to 2030 at the body's practice, with the levers.
  await page.fill('#horizon', '2030');
  await page.click('#trajectory-run');
  await page.waitForSelector('#chart-trajectory td[data-series="1"][data-year="2030"]');
  const series = cliJson(['trajectory', CSV, '--from', String(YEAR), '--to', '2030', '--extend-lifetime', '2', '--refurbished-share', '30']);
  assert.equal(series.length, 2);
  for (const [k, s] of series.entries()) {
    for (const y of s.years) {
      assert.equal(Number(await page.getAttribute(`#chart-trajectory td[data-series="${k}"][data-year="${y.year}"]`, 'data-value')),
        y.impacts.climate_change.total.central, `${s.name} ${y.year}`);
    }
  }
  assert.equal(await page.locator('#chart-trajectory svg polyline').count(), 2);

  // The comparator: new, refurbished and reused laptops with lifetimes and prices.
  await page.selectOption('#compare-category', 'laptop');
  await page.fill('#offer-new-lifetime', '5');
  await page.fill('#offer-new-price', '950');
  await page.fill('#offer-refurbished-lifetime', '4');
  await page.fill('#offer-refurbished-price', '520');
  await page.check('#offer-reused');
  await page.click('#compare-run');
  await page.waitForSelector('#compare tr[data-condition="reused"]');
  const c = cliJson(['compare', '--year', String(YEAR), '--offer', 'new: category=laptop; condition=new; lifetime=5; price=950',
    '--offer', 'refurbished: category=laptop; condition=refurbished; lifetime=4; price=520', '--offer', 'reused: category=laptop; condition=reused']);
  for (const o of c.offers) {
    const row = `#compare tr[data-condition="${o.condition}"]`;
    assert.equal(Number(await page.getAttribute(row, 'data-value')), o.climate_change_kgco2e_per_year, o.name);
    const cells = await page.$$eval(`${row} td[data-value]:not([data-value=""])`, (x) => x.map((e) => Number(e.dataset.value)));
    const want = [o.difference_kgco2e_per_year, o.break_even?.lifetime_to_match_first_years, o.cost_per_year_eur, o.kgco2e_avoided_per_eur]
      .filter((v) => typeof v === 'number');
    assert.deepEqual(cells, want, o.name);
  }
  await state('10-choices');
  await page.fill('#lifetime', '0');
  await page.fill('#refurb', '0');
  assert.deepEqual(problems, []);
});

test('hosting and services described in the forms, by keyboard: one estate with the inventory, as the CLI evaluates it', async () => {
  await page.fill('#year', String(YEAR));
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#source-name:has-text("ville-montclair.csv")');
  // A room, by keyboard: the button, then its fields in order.
  await page.focus('#add-room');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Salle de la mairie');
  const room = page.locator('#rooms fieldset').first();
  await room.locator('select').selectOption('own_server_room');
  await room.locator('[data-key="servers"]').fill('2');
  await room.locator('[data-key="load"]').fill('35');
  await page.click('#add-cloud');
  const cloud = page.locator('#clouds fieldset').first();
  await cloud.locator('select').selectOption('scaleway');
  await cloud.locator('[data-key="instance_type"]').fill('DEV1-S');
  await cloud.locator('[data-key="region"]').fill('fr-par');
  await page.click('#add-website');
  await page.click('#add-website');
  const site = page.locator('#websites fieldset').first();
  await site.locator('[data-key="name"]').fill('<img src=x onerror=alert(1)>');
  await site.locator('[data-key="page_views"]').fill('420000');
  await site.locator('[data-key="size_kb"]').fill('2300');
  // The second website removed by keyboard; focus goes back to its button.
  await page.focus('#websites fieldset:nth-child(2) button');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#websites fieldset').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'add-website');
  await page.fill('#email-uses', '1200000');
  await page.fill('#email-size', '0.15');
  await page.fill('#email-recipients', '2');
  await page.fill('#visio-uses', '5200');
  await page.fill('#visio-minutes', '45');
  await page.fill('#visio-devices', '4');
  await page.selectOption('#visio-quality', 'sd');
  await page.click('#estate-run');
  await page.waitForSelector('#scope-block:not([hidden])');
  await page.waitForSelector('#estate-download:not([hidden])');

  // The description the page evaluated, downloaded, next to the inventory: the CLI's figures.
  const described = await download('#estate-download');
  const dir = mkdtempSync(join(tmpdir(), 'estate-'));
  try {
    writeFileSync(join(dir, 'estate.json'), described.bytes);
    writeFileSync(join(dir, 'ville-montclair.csv'), readFileSync(CSV));
    const cli = cliJson(['evaluate', join(dir, 'estate.json'), '--year', String(YEAR)]);
    assert.equal(await shownTotal(), cli.totals.impacts.climate_change.total.central);
    assert.deepEqual(await values('#chart-scope tbody td[data-value]', 'data-scope'),
      Object.fromEntries(cli.estate.by_scope.map((s) => [s.scope, s.impacts.climate_change.total.central])));
    assert.equal(cli.estate.services.length, 3);
    assert.equal(cli.estate.hosting.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The name typed is text in the page, not markup.
  assert.equal(await page.locator('#services-table img').count(), 0);
  assert.equal(await page.textContent('#services-table tbody th >> nth=0'), '<img src=x onerror=alert(1)>');
  await state('11-forms-estate');

  // Forms emptied: back to the inventory alone.
  for (const list of ['rooms', 'clouds', 'websites']) {
    while (await page.locator(`#${list} fieldset`).count()) await page.click(`#${list} fieldset button`);
  }
  for (const id of ['email-uses', 'visio-uses']) await page.fill(`#${id}`, '');
  await page.click('#estate-run');
  await page.waitForSelector('#scope-block[hidden]', { state: 'attached' });
  assert.equal(await shownTotal(), cliClimate(CSV, YEAR));
  assert.deepEqual(problems, []);
});

test('dashboard: GLPI agent inventories, one then several, items not counted listed', async () => {
  await page.click('#lang-fr');
  await page.fill('#year', String(YEAR));
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#source-name:has-text("ville-montclair.csv")');
  const csvTotal = await shownTotal();

  // One agent inventory: the same total as `empreinte evaluate computer_1.json`; its laptop's
  // own screen and print queue are listed as excluded.
  const computer = join(AGENT, 'computer_1.json');
  await page.setInputFiles('#file', computer);
  await page.waitForSelector('#source-name:has-text("computer_1.json")');
  assert.equal(await shownTotal(), cliClimate(computer, YEAR), 'displayed climate total === CLI JSON total');
  assert.equal(await page.isVisible('#glpi'), true);
  assert.deepEqual(await page.$$eval('#glpi-items tbody tr', (rows) => rows.map((r) => r.dataset.code)),
    ['built_in_display', 'print_queue']);
  assert.match(await page.textContent('#glpi-counts'), /1 compté\(s\).*2 exclu\(s\)/);
  assert.match(await page.getAttribute('#glpi-csv', 'href'), /^blob:/);

  // Several files of one commune, one of them an array of two agents' inventories and one a
  // computer whose agent gave no chassis type (unmapped): one inventory.
  const tmp = mkdtempSync(join(tmpdir(), 'glpi-'));
  try {
    const agent = (n) => JSON.parse(readFileSync(join(AGENT, n), 'utf8'));
    const noChassis = agent('computer_2.json');
    delete noChassis.content.hardware.chassis_type;
    Object.assign(noChassis.content.hardware, { name: 'PC-SANS-CHASSIS' });
    Object.assign(noChassis.content.bios, { ssn: 'NOCHASSIS1' });
    writeFileSync(join(tmp, 'pc-sans-chassis.json'), JSON.stringify(noChassis));
    const upload = [
      ['computer_1.json', readFileSync(computer)],
      ['agents.json', Buffer.from(JSON.stringify([agent('computer_2.json'), agent('printer_1.json')]))],
      ['networkequipment_3.json', readFileSync(join(AGENT, 'networkequipment_3.json'))],
      ['pc-sans-chassis.json', readFileSync(join(tmp, 'pc-sans-chassis.json'))],
    ];
    await page.setInputFiles('#file', upload.map(([name, buffer]) => ({ name, mimeType: 'application/json', buffer })));
    await page.waitForSelector('#source-name:has-text("(+3)")');
    const inv = join(tmp, 'inventaire.csv');
    spawnSync(cli(), ['import', 'glpi', computer, ...['computer_2.json', 'printer_1.json', 'networkequipment_3.json']
      .map((n) => join(AGENT, n)), join(tmp, 'pc-sans-chassis.json'), '-o', inv]);
    assert.equal(await shownTotal(), cliClimate(inv, YEAR), 'displayed total === CLI import glpi + evaluate');
    assert.match(await page.textContent('#counts'), /^4 lignes lues, 4 évaluées, 0 rejetées · 4 appareils/);
    const unmapped = page.locator('#glpi-items tr[data-status="unmapped"]');
    assert.equal(await unmapped.count(), 1);
    assert.match(await unmapped.textContent(), /non reconnu.*PC-SANS-CHASSIS.*pc-sans-chassis\.json.*chassis_type.*\[no_chassis\]/);
    assert.equal(await page.locator('#glpi-items tr[data-status="excluded"]').count(), 2);
    assert.equal(await page.textContent('#glpi-count'), '3');
    assert.match(await page.textContent('#status'), /3 élément\(s\) GLPI non compté\(s\)/);
    await state('12-glpi');
    // Their review lists the items left out and the unmapped one among the rejected rows.
    await page.click('#review-run');
    await page.waitForSelector('#review-actions:not([hidden])');
    const review = await (await page.$('#review-frame')).contentFrame();
    await review.waitForSelector('h1');
    const text = await review.textContent('body');
    assert.ok(text.includes('PC-SANS-CHASSIS') && text.includes('glpixps'), 'GLPI items in the review');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const several = await shownTotal();

  // The scenario sliders and the year work on the imported inventory as on a CSV.
  await page.fill('#lifetime', '2');
  await page.waitForFunction((t) => Number(document.querySelector('#climate-total').dataset.value) < t, several);
  await page.fill('#lifetime', '0');
  await page.waitForFunction((t) => Number(document.querySelector('#climate-total').dataset.value) === t, several);

  // English labels.
  await page.click('#lang-en');
  assert.match(await page.textContent('#glpi-title'), /GLPI items not counted \(3\)/);
  assert.match(await page.textContent('#glpi-items tr[data-status="unmapped"] td'), /^unmapped$/);
  assert.match(await page.textContent('#glpi-counts'), /4 counted .*2 excluded, 1 unmapped/);
  await page.click('#lang-fr');

  // A GLPI file the core cannot read: its reason, the previous result kept.
  const truncated = readFileSync(computer).subarray(0, 2000);
  await page.setInputFiles('#file', { name: 'coupe.json', mimeType: 'application/json', buffer: truncated });
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message'), /Aucun élément GLPI.*coupe\.json.*truncated JSON.*\[invalid_json\].*conservé/);
  assert.equal(await shownTotal(), several, 'previous result kept');
  assert.match(await page.textContent('#source-name'), /\(\+3\)/);

  // A CSV export of a GLPI search page, alone, UTF-8 or Windows-1252: told apart by the core
  // (`glpiFormat`) and imported, as `empreinte evaluate` does with it.
  for (const f of ['ordinateurs-glpi10.csv', 'tous-les-materiels-glpi9-windows1252.csv']) {
    const file = join(ROOT, 'tests/glpi/csv', f);
    await page.setInputFiles('#file', file);
    await page.waitForSelector(`#source-name:has-text("${f}")`);
    assert.equal(await shownTotal(), cliClimate(file, YEAR), `${f}: displayed total === CLI JSON total`);
    assert.equal(await page.isVisible('#glpi'), true);
  }

  // A CSV again: no GLPI list.
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#message[hidden]', { state: 'attached' });
  assert.equal(await shownTotal(), csvTotal);
  assert.equal(await page.isVisible('#glpi'), false);
  assert.deepEqual(problems, []);
});

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = []; let cell = ''; let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test('dashboard: hostile GLPI names stay text, the CSV download is safe in a spreadsheet', async () => {
  const cat = JSON.parse(readFileSync(join(ROOT, 'tests/hostile/catalog.json'), 'utf8'));
  const names = [...cat.formula, ...cat.markup, ...cat.bidi];
  const q = (s) => `"${s.replaceAll('"', '""')}"`;
  // Odd rows have a type nobody maps: listed, with their names, under "items not counted".
  const rows = names.map((h, i) => [h, `Entité racine > ${h}`, 'Dell Inc.', `-SN${i}`, i % 2 ? 'Grille-pain' : 'Laptop', h]
    .map(q).join(';'));
  const buffer = Buffer.from(`"Nom";"Entité";"Fabricant";"Numéro de série";"Type";"Modèle"\n${rows.join('\n')}\n`);
  const scripts = await page.locator('script').count();
  await page.click('#lang-fr');
  await page.setInputFiles('#file', { name: '=hostile-glpi.csv', mimeType: 'text/csv', buffer });
  await page.waitForSelector('#source-name:has-text("hostile-glpi.csv")');
  assert.equal(await page.isVisible('#glpi'), true);

  // Input is shown as text: no element, handler or script from it; the departments are the
  // names as written (the CSV's apostrophes are taken off by the core's reader).
  const dom = await page.evaluate(() => ({
    injected: document.querySelectorAll('img, iframe:not(#review-frame), object, embed, meta[http-equiv="refresh"], body style, body link').length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on'))).length,
    departments: [...document.querySelectorAll('#chart-department tbody th')].map((th) => th.textContent),
    left: document.querySelector('#glpi-items').textContent,
  }));
  assert.deepEqual({ injected: dom.injected, handlers: dom.handlers }, { injected: 0, handlers: 0 });
  assert.equal(await page.locator('script').count(), scripts);
  assert.ok(dom.left.includes("<script>alert('script')</script>"), dom.left);
  assert.ok(dom.departments.some((d) => d.startsWith('=HYPERLINK')), dom.departments.join(' | '));
  assert.ok(!dom.departments.some((d) => d.startsWith("'")), dom.departments.join(' | '));

  // The download: no cell a spreadsheet would run as a formula; numbers stay numbers.
  const csv = await page.evaluate(async () => (await fetch(document.querySelector('#glpi-csv').href)).text());
  const [header, ...cells] = parseCsv(csv);
  assert.equal(header.slice(0, 7).join(','), 'category,quantity,condition,acquisition_year,hours_per_day,department,label');
  const numeric = new Set(['quantity', 'acquisition_year', 'hours_per_day']);
  for (const row of cells) {
    row.forEach((cell, k) => {
      if (numeric.has(header[k])) assert.ok(cell === '' || Number.isFinite(Number(cell)), `${header[k]}: ${cell}`);
      else assert.ok(!/^[=+\-@\t\r]/.test(cell), `${header[k]}: ${JSON.stringify(cell)} could run as a formula`);
    });
  }
  const label = header.indexOf('label');
  assert.ok(cells.some((r) => r[label].startsWith("'=HYPERLINK")), csv);
  assert.ok(cells.every((r) => r[header.indexOf('glpi_source')].startsWith("'=hostile-glpi.csv")), csv);
  assert.deepEqual(problems, []);
});

test('the full module in Chromium: the estate vectors give the Rust numbers to the last digit', async () => {
  const dir = join(ROOT, 'tests/vectors/');
  const vectors = readdirSync(dir).filter((f) => f.startsWith('estate-')).map((f) => JSON.parse(readFileSync(dir + f, 'utf8')));
  assert.ok(vectors.length >= 3);
  const hosting = join(ROOT, 'reference-data/boavizta-2.5/');
  const set = Object.fromEntries(readdirSync(hosting).filter((f) => /\.(csv|json)$/.test(f))
    .map((f) => [f.replace(/\.(csv|json)$/, ''), readFileSync(hosting + f, 'utf8')]));
  const tab = await context.newPage();
  tab.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await tab.goto(`${base}index.html`);
  const outputs = await tab.evaluate(async ({ cases, files }) => {
    const m = await import('./pkg/empreinte_full.js');
    await m.default();
    const { datapackage, sources, zones, categories, embodied, refurbishment, electricity, ...rest } = files;
    const hostingTables = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith('hosting_')));
    const cloud = m.Dataset.fromFiles({ datapackage, sources, zones, categories, embodied, refurbishment, electricity, hosting: hostingTables });
    return cases.map((v) => m.evaluateEstate(v.input.estate, v.input.files, undefined,
      { evaluation: v.options ?? {}, cloud_dataset: cloud }));
  }, { cases: vectors.map(({ input, options }) => ({ input, options })), files: set });
  await tab.close();
  vectors.forEach((v, k) => assertSubset(outputs[k], v.expected, v.name));
  assert.deepEqual(problems, []);
});
