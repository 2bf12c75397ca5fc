// The REEN review of hostile input renders inert in Debian's headless Chromium (issue 20).
//
// Writes, from tests/hostile/catalog.json, an inventory whose departments, labels and categories
// are markup, `javascript:` URLs, formulas and bidi overrides; a dataset (the mini test fixture)
// whose titles, labels and source URLs are hostile too; and a GLPI export whose computer names
// and entities are hostile (items left out). Runs `empreinte report` on them, opens each page
// and checks: no dialog, no script run, no request, no navigation, no element the review does
// not make, links to http(s) only, no bidi control in the text, the Content-Security-Policy
// in force (a script added by the test is refused).
//
// node hostile.mjs EMPREINTE_BIN OUT_DIR
import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [bin, outArg] = process.argv.slice(2);
if (!bin || !outArg) {
  console.error('usage: node hostile.mjs EMPREINTE_BIN OUT_DIR');
  process.exit(2);
}
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = resolve(outArg, 'hostile');
mkdirSync(OUT, { recursive: true });
const cat = JSON.parse(readFileSync(join(ROOT, 'tests/hostile/catalog.json'), 'utf8'));
const all = [...cat.formula, ...cat.markup, ...cat.url, ...cat.bidi];
const q = (s) => `"${s.replaceAll('"', '""')}"`;

// 1. An inventory and a dataset, both hostile.
const rows = ['category;quantity;acquisition_year;department;label'];
all.forEach((h, i) => {
  rows.push(`${['laptop', 'monitor', 'smartphone'][i % 3]};2;2022;${q(h)};${q(h)}`);
  if (i % 4 === 0) rows.push(`${q(h)};1;2022;;`); // rejected rows quote the unknown category
});
writeFileSync(join(OUT, 'inventory.csv'), `${rows.join('\n')}\n`);
const ds = join(OUT, 'dataset');
cpSync(join(ROOT, 'core/tests/fixtures/mini'), ds, { recursive: true });
writeFileSync(join(ds, 'sources.csv'), [
  'source_id,title,publisher,year,url,licence,used_for,note',
  `ademe-acv,${q(cat.markup[0])},${q(cat.bidi[0])},2026,${q(cat.url[0])},${q(cat.markup[1])},tests,`,
  `base-empreinte,${q(cat.markup[3])},${q(cat.bidi[1])},2025,${q(cat.url[6])},MIT,tests,`,
].join('\n') + '\n');
const categories = readFileSync(join(ds, 'categories.csv'), 'utf8')
  .replace('Ordinateur portable', q(cat.markup[2])).replace(',Monitor,', `,${q(cat.markup[4])},`);
writeFileSync(join(ds, 'categories.csv'), categories);
const pkg = JSON.parse(readFileSync(join(ds, 'datapackage.json'), 'utf8'));
pkg.title = cat.markup[5];
pkg.empreinte.usage_note = cat.url[4];
writeFileSync(join(ds, 'datapackage.json'), JSON.stringify(pkg));

// 2. A GLPI export: hostile names and entities, mapped and left out (virtual machines).
const glpi = ['"Nom";"Entité";"Fabricant";"Numéro de série";"Type";"Modèle"'];
all.forEach((h, i) => {
  const vm = i % 2 === 1;
  glpi.push([h, `Entité racine > ${h}`, vm ? 'VMware, Inc.' : 'Dell Inc.', `SN${i}`, vm ? 'Other' : 'Laptop',
    vm ? 'VMware Virtual Platform' : h].map(q).join(';'));
});
writeFileSync(join(OUT, 'glpi-export.csv'), `${glpi.join('\n')}\n`);

function report(args, html) {
  const run = spawnSync(bin, ['report', ...args, '--commune', `${cat.markup[0]}${cat.bidi[0]}`, '-o', html], { encoding: 'utf8' });
  if (![0, 1].includes(run.status)) throw new Error(`empreinte report ${args.join(' ')}: ${run.stderr}`);
  return html;
}
const pages = [
  report([join(OUT, 'inventory.csv'), '--previous', join(OUT, 'inventory.csv'), '--dataset', ds, '--inhabitants', '1000'],
    join(OUT, 'hostile.html')),
  report([join(OUT, 'glpi-export.csv'), '--lang', 'en'], join(OUT, 'hostile-glpi.html')),
];

const ALLOWED = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'HEADER', 'H1', 'P', 'MAIN', 'SECTION',
  'H2', 'H3', 'DIV', 'SPAN', 'STRONG', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'UL', 'LI', 'FIGURE',
  'FIGCAPTION', 'svg', 'title', 'text', 'rect', 'line', 'FOOTER']);
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  for (const html of pages) {
    const url = pathToFileURL(html).href;
    const fail = (m) => failures.push(`${html}: ${m}`);
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', async (d) => { fail(`dialog: ${d.message()}`); await d.dismiss(); });
    page.on('request', (r) => { if (r.url() !== url) fail(`request: ${r.url()}`); });
    page.on('pageerror', (e) => fail(`page error: ${e.message}`));
    let violations = 0;
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations += 1; });
    await page.goto(url, { waitUntil: 'load' });
    // Hover every link and text (an injected onmouseover would run), then give a refresh time.
    for (const a of await page.$$('a, td')) await a.hover({ timeout: 300 }).catch(() => {});
    await page.waitForTimeout(1500);
    if (page.url() !== url) fail(`navigated to ${page.url()}`);
    const dom = await page.evaluate(() => ({
      tags: [...new Set([...document.querySelectorAll('*')].map((e) => e.tagName))],
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
        .filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
      hrefs: [...document.querySelectorAll('[href], [src], [action]')]
        .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action')),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
      text: document.body.innerText,
      title: document.title,
    }));
    for (const t of dom.tags) if (!ALLOWED.has(t)) fail(`element <${t}> from input`);
    for (const h of dom.handlers) fail(`event handler attribute: ${h}`);
    for (const h of dom.hrefs) if (!/^https?:\/\//.test(h)) fail(`link to ${h}`);
    if (!dom.hrefs.length) fail('no link at all: the sources should stay links');
    if (dom.csp !== "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'") fail(`CSP: ${dom.csp}`);
    if (BIDI.test(dom.text) || BIDI.test(dom.title)) fail('a bidi control is left in the text');
    if (!dom.text.includes("<script>alert('script')</script>")) fail('the hostile text is not shown as text');
    // The policy is in force: an inline script the test adds does not run.
    const ran = await page.evaluate(() => {
      window.ran = false;
      const s = document.createElement('script');
      s.textContent = 'window.ran = true';
      document.body.append(s);
      return window.ran;
    });
    if (ran) fail('an inline script ran: the Content-Security-Policy is not in force');
    if (!violations) fail('no CSP violation reported for the test script');
    console.log(JSON.stringify({ html, elements: dom.tags.length, links: dom.hrefs.length }));
    await context.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.slice(0, 50).join('\n'));
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log('hostile review check passed');
