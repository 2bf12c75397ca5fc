// End to end: examples/dashboard served on 127.0.0.1, driven in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
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
const AGENT = join(ROOT, 'tests/glpi/agent');
const YEAR = 2024;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.csv': 'text/csv', '.ts': 'text/plain' };

let server; let base; let context; let page; let userDir;
const problems = [];
const requested = [];

function cli() {
  const bin = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/empreinte');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '-p', 'empreinte-cli'], { cwd: ROOT, stdio: 'inherit' });
  return bin;
}

function cliClimate(file, year) {
  const bin = cli();
  // The CLI exits non-zero when some rows are rejected; the JSON report is on stdout all the same.
  const run = spawnSync(bin, ['evaluate', file, '--year', String(year), '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.stdout.startsWith('{'), `CLI failed: ${run.stderr}`);
  return JSON.parse(run.stdout).totals.impacts.climate_change.total.central;
}

async function shownTotal() {
  return Number(await page.getAttribute('#climate-total', 'data-value'));
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
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1200, height: 900 },
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
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith(`blob:${base.slice(0, -1)}`)) problems.push(`request: ${u}`);
  });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.goto(`${base}index.html`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
});

after(async () => {
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

  // English.
  await page.click('#lang-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#counts'), /rows read/);
  assert.match(await page.textContent('#totals thead'), /Indicator/);
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
    await page.evaluate(() => { document.querySelector('#message').hidden = true; });
  }

  // A good file again clears the message; then the screenshot.
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#message[hidden]', { state: 'attached' });
  mkdirSync(join(ROOT, 'target'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'target/dashboard.png'), fullPage: true });
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
    injected: document.querySelectorAll('img, iframe, object, embed, meta[http-equiv="refresh"], body style, body link').length,
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
