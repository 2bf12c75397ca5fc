// Renders the REEN review (HTML) in Debian's headless Chromium, prints it to PDF, and checks
// that every figure it shows (data-value, with its JSON pointer in data-json / data-json-previous)
// equals the number of `empreinte evaluate --format json` for the same inventory.
//
// node check.mjs REPORT.html REPORT.json [PREVIOUS.json] OUT.pdf
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
if (args.length < 3) {
  console.error('usage: node check.mjs REPORT.html REPORT.json [PREVIOUS.json] OUT.pdf');
  process.exit(2);
}
const [htmlPath, jsonPath] = args;
const previousPath = args.length > 3 ? args[2] : null;
const pdfPath = args[args.length - 1];
const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
const previous = previousPath ? JSON.parse(readFileSync(previousPath, 'utf8')) : null;

/** RFC 6901 JSON pointer. */
function pointer(doc, ptr) {
  let v = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !(key in v)) return undefined;
    v = v[key];
  }
  return v;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  const page = await browser.newPage();
  // Self-contained: the page must not fetch anything.
  page.on('request', (req) => {
    if (!req.url().startsWith('file:')) failures.push(`external request: ${req.url()}`);
  });
  page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: 'load' });

  const figures = await page.$$eval('[data-value]', (els) => els.map((e) => ({
    value: e.getAttribute('data-value'),
    json: e.getAttribute('data-json'),
    previous: e.getAttribute('data-json-previous'),
    text: e.textContent,
    visible: e.getClientRects().length > 0,
  })));
  let checked = 0;
  for (const f of figures) {
    if (!f.json && !f.previous) continue;
    const shown = Number(f.value);
    let expected;
    if (f.json && f.previous) {
      if (!previous) { failures.push(`${f.json}: a change since last year, but no previous JSON given`); continue; }
      expected = pointer(json, f.json) - pointer(previous, f.previous);
    } else if (f.previous) {
      if (!previous) { failures.push(`${f.previous}: last year's figure, but no previous JSON given`); continue; }
      expected = pointer(previous, f.previous);
    } else {
      expected = pointer(json, f.json);
    }
    if (typeof expected !== 'number' || Number.isNaN(expected)) {
      failures.push(`${f.json ?? ''} ${f.previous ?? ''}: not a number in the JSON report (${expected})`);
    } else if (shown !== expected) {
      failures.push(`${f.json ?? f.previous}: the page shows ${f.value} ("${f.text}"), the JSON says ${expected}`);
    } else if (!f.visible) {
      failures.push(`${f.json ?? f.previous}: not visible`);
    } else {
      checked += 1;
    }
  }
  const mustShow = ['/totals/impacts/climate_change/total/central', '/counts/devices'];
  // With last year's inventory, the change is split: fleet, age, reference, total.
  if (json.year_over_year) {
    for (const part of ['fleet_effect', 'ageing_effect', 'reference_effect', 'total_change']) {
      mustShow.push(`/year_over_year/${part}/climate_change/total/central`);
    }
  }
  // An estate's review shows each scope, and each hosting and service entry's yearly figure.
  if (json.estate) {
    json.estate.by_scope.forEach((s, i) => {
      if (s.impacts.climate_change.total.central !== undefined) mustShow.push(`/estate/by_scope/${i}/impacts/climate_change/total/central`);
    });
    json.estate.hosting.forEach((h, i) => {
      if (h.climate_change_kgco2e) mustShow.push(`/estate/hosting/${i}/climate_change_kgco2e/central`);
    });
    json.estate.services.forEach((s, i) => {
      if (s.climate_change_kgco2e) mustShow.push(`/estate/services/${i}/climate_change_kgco2e/central`);
    });
  }
  for (const p of mustShow) {
    if (!figures.some((f) => f.json === p)) failures.push(`${p}: not shown`);
  }
  if (checked < 20) failures.push(`only ${checked} figures checked`);

  // Print to PDF, as an elected official would from the browser.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const head = pdf.subarray(0, 5).toString('latin1');
  if (head !== '%PDF-') failures.push(`${pdfPath} is not a PDF`);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (pages < 2) failures.push(`the PDF has ${pages} page(s)`);
  // Sections that start a new page in print (method) really do: the HTML says so.
  const breaks = await page.$$eval('.page-break', (els) => els.map((e) => getComputedStyle(e).breakBefore));
  if (!breaks.length || breaks.some((b) => b !== 'page')) failures.push(`page breaks: ${JSON.stringify(breaks)}`);
  const summary = { html: htmlPath, figures_checked: checked, pdf: pdfPath, pdf_pages: pages, pdf_bytes: statSync(pdfPath).size };
  writeFileSync(`${pdfPath}.check.json`, JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.slice(0, 50).join('\n'));
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
