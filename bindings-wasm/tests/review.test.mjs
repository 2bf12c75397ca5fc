// The REEN review in the full module (`review`): the same document, byte for byte, as
// `empreinte report` for the same input — an inventory with last year's, GLPI files, the sample
// estate with its files — in HTML and Markdown, French and English; bad arguments say what is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as full from 'empreinte/full';
import { ROOT } from './support.mjs';

const CSV = join(ROOT, 'examples/communes/ville-montclair.csv');
const VILLAGE = join(ROOT, 'examples/communes/village-saint-aubin.csv');
const ESTATE = join(ROOT, 'examples/estates/ville-montclair.toml');
const GLPI = join(ROOT, 'tests/glpi/csv');
const MAPPING = join(ROOT, 'tests/glpi/mapping/mapping-commune.csv');

function bin() {
  const b = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/empreinte');
  if (!existsSync(b)) execFileSync('cargo', ['build', '--release', '-p', 'empreinte-cli'], { cwd: ROOT, stdio: 'inherit' });
  return b;
}

/** `empreinte report ARGS -o FILE` (exit 1: some rows rejected, the document is written all the same). */
function cliReport(args) {
  const dir = mkdtempSync(join(tmpdir(), 'review-'));
  try {
    const out = join(dir, 'review');
    const run = spawnSync(bin(), ['report', ...args, '-o', out], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `CLI failed (${run.status}): ${run.stderr}`);
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let hosting;
function cloud() {
  if (hosting) return hosting;
  const dir = join(ROOT, `reference-data/${full.defaults().hosting_dataset}/`);
  const read = (f) => readFileSync(dir + f, 'utf8');
  const tables = Object.fromEntries(readdirSync(dir).filter((f) => f.startsWith('hosting_'))
    .map((f) => [f.replace('.csv', ''), read(f)]));
  hosting = full.Dataset.fromFiles({ datapackage: read('datapackage.json'), sources: read('sources.csv'),
    zones: read('zones.csv'), categories: read('categories.csv'), embodied: read('embodied.csv'),
    refurbishment: read('refurbishment.csv'), electricity: read('electricity.csv'), hosting: tables });
  return hosting;
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error);
    return e;
  }
  return assert.fail('nothing thrown');
}

test('an inventory with last year\'s: the CLI\'s HTML, byte for byte', () => {
  const html = full.review(readFileSync(CSV), {
    commune: 'Ville de Montclair',
    previous: readFileSync(VILLAGE, 'utf8'),
    options: { reporting_year: 2025, inhabitants: 60000, agents: 900, pupils: 5200 },
  });
  const cli = cliReport([CSV, '--previous', VILLAGE, '--year', '2025', '--inhabitants', '60000', '--agents', '900',
    '--pupils', '5200', '--commune', 'Ville de Montclair']);
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.ok(html.includes('data-json="/year_over_year/fleet_effect/climate_change/total/central"'));
  assert.equal(html, cli);
});

test('Markdown, English, a horizon and a baseline: the CLI\'s document', () => {
  const md = full.review(readFileSync(CSV, 'utf8'), {
    format: 'md', lang: 'en', horizon: 2032, baseline: 'dataset_lifetime', previous_year: 2023,
    previous: [{ category: 'laptop', quantity: 40, acquisition_year: 2020 }],
    options: { reporting_year: 2024, annualisation: { method: 'none' } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'prev-'));
  try {
    const prev = join(dir, 'prev.json');
    execFileSync('sh', ['-c', `printf '%s' '[{"category":"laptop","quantity":40,"acquisition_year":2020}]' > ${prev}`]);
    const cli = cliReport([CSV, '--format', 'md', '--lang', 'en', '--horizon', '2032', '--baseline', 'dataset-lifetime',
      '--previous', prev, '--previous-year', '2023', '--year', '2024', '--annualisation', 'none']);
    assert.ok(md.startsWith('# '));
    assert.equal(md, cli);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the sample estate with its files: the CLI\'s review', () => {
  const html = full.review({
    estate: readFileSync(ESTATE, 'utf8'),
    files: { '../communes/ville-montclair.csv': readFileSync(CSV) },
    cloud_dataset: cloud(),
  });
  const cli = cliReport([ESTATE]);
  assert.ok(html.includes('/estate/by_scope/1/impacts/climate_change/total/central'));
  assert.equal(html, cli);
});

test('GLPI exports with a mapping: the CLI\'s review, items left out listed', () => {
  const files = readdirSync(GLPI).sort().map((f) => ({ name: join(GLPI, f), content: readFileSync(join(GLPI, f)) }));
  const md = full.review({ glpi: files, mapping: { name: MAPPING, content: readFileSync(MAPPING) } },
    { format: 'md', lang: 'en', options: { reporting_year: 2025, inhabitants: 12000 } });
  const cli = cliReport([GLPI, '--format', 'md', '--lang', 'en', '--year', '2025', '--inhabitants', '12000', '--mapping', MAPPING]);
  assert.equal(md, cli);
});

test('bad arguments: what is wrong, with the core\'s codes', () => {
  const e1 = thrown(() => full.review({ estate: '[[fleet]]\npath = "a.csv"\n', files: { 'a.csv': 'category\nlaptop\n' } },
    { previous: 'category\nlaptop\n' }));
  assert.deepEqual([e1.name, e1.code], ['InputError', 'unsupported']);
  const e2 = thrown(() => full.review({ colour: 1 }));
  assert.deepEqual([e2.name, e2.code], ['InputError', 'invalid_input']);
  assert.match(e2.message, /colour/);
  assert.equal(thrown(() => full.review(42)).name, 'InventoryError');
  assert.equal(thrown(() => full.review('category\nlaptop\n', { format: 'pdf' })).name, 'InputError');
  assert.equal(thrown(() => full.review('category\nlaptop\n', { options: { reporting_year: 'x' } })).name, 'OptionsError');
  assert.equal(thrown(() => full.review('category\nlaptop\n', { horizon: 1999, options: { reporting_year: 2025 } })).name, 'ScenarioError');
  const e3 = thrown(() => full.review({ estate: '[[fleet]]\npath = "absent.csv"\n' }));
  assert.deepEqual([e3.name, e3.code, e3.file], ['EstateError', 'estate_missing_file', 'absent.csv']);
  assert.equal(thrown(() => full.review('quantite\n3\n')).code, 'missing_column');
  assert.equal(thrown(() => full.review('category\nlaptop\n', { previous: { estate: 'x' } })).name, 'InputError');
});
