// API tests of the Node build (pkg/node), through the package's own `exports`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, readInventory, datasets, glpiFormat, Dataset } from 'empreinte';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const communes = (f) => readFileSync(`${ROOT}examples/communes/${f}`);
const OPTS = { reporting_year: 2024 };

function climate(report) {
  return report.totals.impacts.climate_change.total;
}

/**
 * The report as the full module gives it, read from the default module's: the default module
 * embeds its sources without their free-text notes, and its set without its description (size
 * budget); every figure, source and cited row is the same.
 */
function withSourceNotesOf(fullReport, report) {
  const notes = new Map(fullReport.provenance.sources.map((s) => [s.id, s.note]));
  for (const s of report.provenance.sources) {
    assert.equal(s.note, '', `${s.id}: the default module keeps no source note`);
    assert.ok(notes.has(s.id), s.id);
  }
  assert.equal(report.dataset.description, '', 'the default module keeps no set description');
  assert.ok(fullReport.dataset.description.length > 0);
  return {
    ...report,
    dataset: { ...report.dataset, description: fullReport.dataset.description },
    provenance: {
      ...report.provenance,
      sources: report.provenance.sources.map((s) => ({ ...s, note: notes.get(s.id) })),
    },
  };
}

function assertCounts(report) {
  const c = report.counts;
  assert.equal(c.rows_read, c.rows_evaluated + c.rows_rejected);
  assert.equal(report.rejected.length, c.rows_rejected);
}

function assertThrows(fn, name, code, extra = {}) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected a ${name} to be thrown`);
  assert.ok(caught instanceof Error, 'thrown value is an Error');
  assert.equal(caught.name, name);
  assert.equal(caught.code, code);
  assert.ok(caught.message.length > 10, 'readable message');
  for (const [k, v] of Object.entries(extra)) assert.equal(caught[k], v, k);
  return caught;
}

test('embedded datasets', () => {
  const ids = datasets().map((d) => d.id);
  assert.deepEqual(ids, ['ademe-negaoctet-2022']);
  const ds = Dataset.embedded();
  assert.equal(ds.info.id, 'ademe-negaoctet-2022');
  assert.equal(Dataset.embedded('ademe-negaoctet-2022').info.version, ds.info.version);
  const cats = ds.categories();
  const laptop = cats.find((c) => c.id === 'laptop');
  assert.ok(laptop.lifetime_years.central > 0);
  assert.equal(typeof laptop.refurbishable, 'boolean');
  assert.ok(ds.factors().length > 0);
  assert.ok(ds.zones().some((z) => z.code === 'FR'));
  assert.equal(ds.findCategory('PC portables'), 'laptop');
  assert.equal(ds.findCategory('grille-pain'), undefined);
  assertThrows(() => Dataset.embedded('nope'), 'DatasetError', 'unknown_dataset');
});

test('evaluate CSV text', () => {
  const r = evaluate(communes('ville-montclair.csv').toString('utf8'), OPTS);
  assert.equal(r.schema, 'empreinte.report/1');
  assert.equal(r.dataset.id, 'ademe-negaoctet-2022');
  assert.equal(r.options.reporting_year, 2024);
  assertCounts(r);
  assert.ok(r.counts.rows_evaluated > 100);
  const c = climate(r);
  // The town owns devices the dataset has no figure for (UPS, docking stations...): counted as
  // not available, so the total is a lower bound and says so.
  assert.equal(c.status, 'partial');
  assert.ok(r.counts.rows_not_available > 0);
  assert.ok(c.low <= c.central && c.central <= c.high);
  assert.ok(r.by_category.length > 3 && r.by_department.length > 1);
  // Plain objects and arrays, not Maps.
  assert.equal(Object.getPrototypeOf(r.totals.impacts), Object.prototype);
});

test('evaluate Windows-1252 bytes (Uint8Array and ArrayBuffer)', () => {
  const bytes = new Uint8Array(communes('ville-montclair-excel-1252.csv'));
  const r = evaluate(bytes, OPTS);
  assertCounts(r);
  assert.ok(r.counts.rows_evaluated > 10);
  assert.ok(climate(r).central > 0);
  // Decoded, not mangled: department names keep their accents.
  assert.ok(r.by_department.some((d) => d.key === 'Mairie — accueil'), 'accents decoded');
  const again = evaluate(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), OPTS);
  assert.deepEqual(again, r);
});

test('evaluate JSON text, and plain objects parsed exactly like JSON', () => {
  const text = communes('ville-montclair.json').toString('utf8');
  const fromText = evaluate(text, OPTS);
  const fromObjects = evaluate(JSON.parse(text), OPTS);
  assertCounts(fromText);
  assert.deepEqual(fromObjects, fromText);
  // Aliases, French words and spreadsheet-style values in objects.
  const rows = [
    { 'Type de matériel': 'PC portables', 'Qté': '3', 'État': 'Reconditionné', "Année d'acquisition": '15/03/2022', 'Durée de vie (ans)': '4,5', service: 'École', couleur: 'gris' },
    { category: 'écrans', quantity: 2, acquisition_year: 2020 },
    { category: 'grille-pain', quantity: 1 },
    { category: 'laptop', quantity: 1.5 },
    { category: 'laptop', quantity: true },
    'laptop',
  ];
  const a = evaluate(rows, OPTS);
  const b = evaluate(JSON.stringify(rows), OPTS);
  assert.deepEqual(a, b);
  assertCounts(a);
  assert.equal(a.counts.rows_evaluated, 2);
  assert.deepEqual(a.rejected.map((x) => [x.line, x.code]), [
    [3, 'unknown_category'], [4, 'not_whole'], [5, 'invalid_text'], [6, 'invalid_text'],
  ]);
  assert.ok(a.rejected[0].message.includes('grille-pain'));
  assert.ok(a.warnings.some((w) => w.code === 'ignored_column' && w.message.includes('couleur')));
});

test('rejected rows are listed with line, field, code and message', () => {
  const csv = 'categorie;quantite;annee_acquisition\nlaptop;2;2020\nportabel;1;2020\nlaptop;-1;2020\nlaptop;1;2030\n';
  const r = evaluate(csv, OPTS);
  assertCounts(r);
  assert.equal(r.counts.rows_evaluated, 1);
  assert.deepEqual(r.rejected.map((x) => [x.line, x.field, x.code]), [
    [3, 'category', 'unknown_category'],
    [4, 'quantity', 'out_of_range'],
    [5, 'acquisition_year', 'acquisition_in_future'],
  ]);
  assert.match(r.rejected[0].message, /did you mean/);
});

test('bad input throws Errors with name, code, line, field', () => {
  assertThrows(() => evaluate(''), 'InventoryError', 'empty_inventory');
  assertThrows(() => evaluate(new Uint8Array()), 'InventoryError', 'empty_inventory');
  const pdf = new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  const e = assertThrows(() => evaluate(pdf), 'InventoryError', 'not_text');
  assert.match(e.message, /PDF/);
  assertThrows(() => evaluate('quantite;etat\n2;neuf\n'), 'InventoryError', 'missing_column', { line: 1, field: 'category' });
  assertThrows(() => evaluate('[{"category": "laptop",\n "quantity": }]'), 'InventoryError', 'invalid_json', { line: 2 });
  assertThrows(() => evaluate(42), 'InventoryError', 'unsupported_input');
  assertThrows(() => evaluate(undefined), 'InventoryError', 'unsupported_input');
  assertThrows(() => evaluate('category\nlaptop\n', { reporting_year: 'next' }), 'OptionsError', 'invalid_options');
  assertThrows(() => evaluate('category\nlaptop\n', { default_country: 'Atlantis' }), 'OptionsError', 'unknown_country', { field: 'country' });
  assertThrows(() => evaluate('category\nlaptop\n', {}, { __slot: 999 }), 'DatasetError', 'not_a_dataset');
  assertThrows(() => evaluate('category\nlaptop\n', {}, { __slot: 'empreinte:999' }), 'DatasetError', 'not_a_dataset');
});

test('options: annualisation, per capita, keep_lines', () => {
  const csv = communes('village-saint-aubin.csv').toString('utf8');
  const r = evaluate(csv, { reporting_year: 2024, inhabitants: 1500, keep_lines: true, annualisation: { method: 'physical_lifetime' } });
  assert.equal(r.lines.length, r.counts.rows_evaluated);
  assert.ok(r.per_capita.per_inhabitant.climate_change.total.central > 0);
  assert.equal(r.per_capita.per_agent, null);
  const acc = evaluate(csv, { reporting_year: 2024, annualisation: { method: 'accounting', default_years: 3 } });
  assert.equal(acc.options.annualisation.method, 'accounting');
  assert.notEqual(climate(acc).central, climate(r).central);
});

test('a dataset loaded from files (full module) gives the same numbers as the embedded one', async () => {
  const { Dataset: FullDataset, evaluate: fullEvaluate } = await import('empreinte/full');
  const dir = `${ROOT}reference-data/ademe-negaoctet-2022/`;
  const read = (f) => readFileSync(dir + f, 'utf8');
  assertThrows(() => FullDataset.fromFiles({ datapackage: '{}' }), 'DatasetError', 'dataset_files');
  const ds = FullDataset.fromFiles({
    datapackage: read('datapackage.json'), sources: read('sources.csv'), zones: read('zones.csv'),
    categories: read('categories.csv'), embodied: read('embodied.csv'),
    refurbishment: read('refurbishment.csv'), electricity: read('electricity.csv'),
  });
  const csv = communes('village-saint-aubin.csv');
  const viaArg = fullEvaluate(csv, OPTS, ds);
  assert.deepEqual(viaArg, withSourceNotesOf(viaArg, evaluate(csv, OPTS)));
  assert.deepEqual(ds.evaluate(csv, OPTS), viaArg);
  // The dataset stays usable after being passed as an argument.
  assert.equal(ds.info.id, 'ademe-negaoctet-2022');
  const bad = assertThrows(() => FullDataset.fromFiles({
    datapackage: read('datapackage.json'), sources: read('sources.csv'), zones: read('zones.csv'),
    categories: read('categories.csv'), embodied: 'nonsense\n1\n', electricity: read('electricity.csv'),
  }), 'DatasetError', 'dataset_missing_column');
  assert.equal(bad.file, 'embodied.csv');
  ds.free();
  assertThrows(() => fullEvaluate(csv, OPTS, ds), 'DatasetError', 'not_a_dataset');
  // A Dataset belongs to the module that made it.
  const other = assertThrows(() => evaluate(csv, OPTS, FullDataset.embedded()), 'DatasetError', 'not_a_dataset');
  assert.match(other.message, /other module/);
});

test('readInventory gives lines that evaluate to the same report', () => {
  const csv = communes('ville-montclair.csv');
  const read = readInventory(csv);
  assert.ok(read.lines.length > 100);
  assert.equal(read.lines[0].line, 2);
  assert.ok(['new', 'refurbished', 'reused'].includes(read.lines[0].condition));
  const direct = evaluate(csv, OPTS);
  const again = evaluate(read.lines, OPTS);
  assert.equal(again.counts.rows_evaluated, direct.counts.rows_evaluated);
  assert.equal(again.counts.devices, direct.counts.devices);
  const [x, y] = [climate(again).central, climate(direct).central];
  assert.ok(Math.abs(x - y) <= 1e-9 * y, `${x} vs ${y}`);
});

test('the default module and the full one: same numbers, and the split is explained', async () => {
  const full = await import('empreinte/full');
  // What the default module leaves to the full one.
  const base = await import('empreinte');
  for (const f of ['compareOffers', 'runScenarios', 'trajectory', 'serverFootprint', 'cloudFootprint', 'webPage',
    'ecoIndex', 'dataTransfer', 'digitalService', 'threeTier', 'importGlpi', 'evaluateEstate']) {
    assert.equal(typeof full[f], 'function', f);
    assert.equal(f in base, false, `${f} is in the default module`);
  }
  assert.equal(typeof full.Dataset.fromFiles, 'function');
  assert.equal('fromFiles' in base.Dataset, false);
  for (const f of ['evaluate', 'readInventory', 'datasets', 'glpiFormat']) {
    assert.equal(typeof base[f], 'function', f);
  }
  const csv = communes('ville-montclair.csv');
  const fullReport = full.evaluate(csv, OPTS);
  assert.ok(fullReport.provenance.sources.some((s) => s.note !== ''));
  assert.deepEqual(fullReport, withSourceNotesOf(fullReport, evaluate(csv, OPTS)));
  // The full module's embedded dataset has the network table the default module leaves out.
  const dir = `${ROOT}reference-data/ademe-negaoctet-2022/`;
  const read = (f) => readFileSync(dir + f, 'utf8');
  const files = {
    datapackage: read('datapackage.json'), sources: read('sources.csv'), zones: read('zones.csv'),
    categories: read('categories.csv'), embodied: read('embodied.csv'),
    refurbishment: read('refurbishment.csv'), electricity: read('electricity.csv'),
    network: read('network.csv'),
  };
  const ds = full.Dataset.fromFiles(files);
  // Loaded from the same files, it gives the full module's embedded figures.
  assert.deepEqual(full.dataTransfer({ gb: 1, network: 'mobile_fr' }, ds),
    full.dataTransfer({ gb: 1, network: 'mobile_fr' }));
  ds.free();
});

test('glpiFormat tells GLPI input apart, as the CLI does, from the first bytes', () => {
  const glpi = (f) => readFileSync(`${ROOT}tests/glpi/${f}`);
  assert.equal(glpiFormat(new Uint8Array(glpi('agent/computer_1.json'))), 'agent_json');
  assert.equal(glpiFormat(glpi('csv/ordinateurs-glpi10.csv').toString('utf8')), 'csv_export');
  const w1252 = glpi('csv/tous-les-materiels-glpi9-windows1252.csv');
  assert.equal(glpiFormat(w1252.buffer.slice(w1252.byteOffset, w1252.byteOffset + w1252.length)), 'csv_export');
  assert.equal(glpiFormat(communes('ville-montclair.csv').toString('utf8')), null);
  assert.equal(glpiFormat(communes('ville-montclair.json').toString('utf8')), null);
  assert.equal(glpiFormat(new Uint8Array()), null);
  assertThrows(() => glpiFormat(42), 'InputError', 'invalid_input');
});
