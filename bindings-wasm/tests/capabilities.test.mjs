// Procurement, planning, Monte Carlo, hosting, services and GLPI from JS (the full module,
// `empreinte/full`, which exports them all): happy paths (the figures come from the core; a few
// are checked against the core's own invariants) and bad input → typed Errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  evaluate, Dataset, compareOffers, runScenarios, trajectory, serverFootprint, cloudFootprint,
  webPage, ecoIndex, dataTransfer, digitalService, threeTier, importGlpi, defaults,
  webPages, digitalServices,
} from 'empreinte/full';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CSV = readFileSync(`${ROOT}examples/communes/village-saint-aubin.csv`, 'utf8');

function assertThrows(fn, name, code, extra = {}) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected a ${name} to be thrown`);
  assert.ok(caught instanceof Error, 'thrown value is an Error');
  assert.equal(caught.name, name, caught.message);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.length > 10, 'readable message');
  for (const [k, v] of Object.entries(extra)) assert.equal(caught[k], v, k);
  return caught;
}

let boavizta;
function boaviztaSet() {
  if (boavizta) return boavizta;
  const dir = `${ROOT}reference-data/boavizta-2.5/`;
  const read = (f) => readFileSync(dir + f, 'utf8');
  const hosting = {};
  for (const f of readdirSync(dir).filter((f) => f.startsWith('hosting_'))) hosting[f.replace('.csv', '')] = read(f);
  boavizta = Dataset.fromFiles({
    datapackage: read('datapackage.json'), sources: read('sources.csv'), zones: read('zones.csv'),
    categories: read('categories.csv'), embodied: read('embodied.csv'),
    refurbishment: existsSync(`${dir}refurbishment.csv`) ? read('refurbishment.csv') : undefined,
    electricity: read('electricity.csv'), hosting,
  });
  return boavizta;
}

test('compareOffers: new vs refurbished laptop, per year of service', () => {
  const c = compareOffers([
    { name: 'neuf', device: { category: 'PC portable', condition: 'neuf' }, unit_price_eur: 900 },
    { name: 'reconditionné', device: { category: 'laptop', condition: 'refurbished' }, unit_price_eur: 550,
      replaced_parts: [{ name: 'battery', climate_kgco2e: { low: 5, central: 8, high: 12 } }] },
  ], { reporting_year: 2025 });
  assert.equal(c.allocation, 'cut_off');
  assert.equal(c.offers.length, 2);
  const [n, r] = c.offers;
  assert.equal(n.condition, 'new');
  assert.equal(r.condition, 'refurbished');
  assert.equal(n.difference_kgco2e_per_year, 0);
  assert.ok(r.climate_change_kgco2e_per_year < n.climate_change_kgco2e_per_year);
  assert.ok(r.difference_percent < 0);
  assert.ok(n.per_year.climate_change.total.central > 0);
  const pair = [
    { name: 'new', device: { category: 'laptop' } },
    { name: 'refurb', device: { category: 'laptop', condition: 'refurbished' } },
  ];
  const cut = compareOffers(pair);
  const shared = compareOffers(pair, { allocation: 'shared_first_life' });
  assert.equal(shared.allocation, 'shared_first_life');
  // Sharing the first manufacturing adds to the second life, never removes.
  assert.ok(shared.offers[1].climate_change_kgco2e_per_year > cut.offers[1].climate_change_kgco2e_per_year);
});

test('compareOffers: bad input', () => {
  assertThrows(() => compareOffers([]), 'CompareError', 'no_offers');
  assertThrows(() => compareOffers([{ name: 'a', device: { category: 'grille-pain' } }]), 'CompareError',
    'unknown_category', { line: 1, field: 'category' });
  assertThrows(() => compareOffers([{ name: 'a', device: { category: 'laptop' } },
    { name: 'b', device: { category: 'laptop' }, unit_price_eur: -3 }]), 'CompareError', 'out_of_range',
  { line: 2, field: 'unit_price_eur' });
  assertThrows(() => compareOffers([{ name: 'a', device: { category: 'laptop' }, colour: 'red' }]), 'InputError', 'invalid_input');
  assertThrows(() => compareOffers('laptop'), 'InputError', 'invalid_input');
  assertThrows(() => compareOffers([{ name: 'a', device: { category: 'laptop' } }], { allocation: 'half' }), 'InputError', 'invalid_input');
});

test('runScenarios: levers against the baseline', () => {
  const r = runScenarios(CSV, [
    { name: 'longer', levers: [{ lever: 'extend_lifetime', years: 2 }] },
    { name: 'refurb', levers: [{ lever: 'refurbished_share', share: 0.5, categories: ['PC portable'] }] },
  ], { reporting_year: 2024 });
  assert.equal(r.baseline.schema, 'empreinte.report/1');
  assert.equal(r.scenarios.length, 2);
  assert.ok(r.scenarios[0].change_kgco2e < 0);
  assert.ok(r.scenarios[0].totals.change.climate_change.total.central < 0);
  assert.equal(r.baseline.totals.impacts.climate_change.total.central,
    evaluate(CSV, { reporting_year: 2024 }).totals.impacts.climate_change.total.central);
  assertThrows(() => runScenarios(CSV, [{ name: 'x', levers: [{ lever: 'reduce_fleet', share: 2 }] }]), 'ScenarioError', 'out_of_range');
  assertThrows(() => runScenarios(CSV, [{ name: 'x', levers: [{ lever: 'extend_lifetime', years: 1, categories: ['grille-pain'] }] }]),
    'ScenarioError', 'unknown_category');
  assertThrows(() => runScenarios(CSV, [{ name: 'x', levers: [{ lever: 'teleport' }] }]), 'InputError', 'invalid_input');
  assertThrows(() => runScenarios('', []), 'InventoryError', 'empty_inventory');
});

test('trajectory: year by year, baseline and scenarios', () => {
  const series = trajectory(CSV, { from: 2025, to: 2030, scenarios: [{ name: 'refurb', levers: [{ lever: 'refurbished_share', share: 1 }] }] });
  assert.deepEqual(series.map((s) => s.name), ['baseline', 'refurb']);
  assert.deepEqual(series[0].years.map((y) => y.year), [2025, 2026, 2027, 2028, 2029, 2030]);
  assert.equal(series[0].years[0].impacts.climate_change.total.central,
    evaluate(CSV, { reporting_year: 2025 }).totals.impacts.climate_change.total.central);
  assert.ok(series[1].years.some((y) => y.refurbished_purchases > 0));
  assertThrows(() => trajectory(CSV, { from: 2030, to: 2025 }), 'ScenarioError', 'horizon_before_start');
  // `to` left unset: the core's horizon, the same as the CLI's and Python's.
  const open = trajectory(CSV, { from: 2025 });
  assert.equal(open[0].years.at(-1).year, defaults().trajectory_horizon);
  assertThrows(() => trajectory(CSV, { from: 2025, horizon: 2030 }), 'InputError', 'invalid_input');
});

test('trajectory: the renewal rule (baseline) is the core\'s, and said in each series', () => {
  const practice = trajectory(CSV, { from: 2025, to: 2030 });
  assert.equal(practice[0].renewal.rule, 'practice');
  assert.ok(practice[0].renewal.classes.every((c) => c.lifetime_years > 0 && c.bounds_years.length === 2));
  const before = trajectory(CSV, { from: 2025, to: 2030, baseline: 'dataset_lifetime' });
  assert.equal(before[0].renewal.rule, 'dataset_lifetime');
  assert.ok(before[0].renewal.classes.every((c) => c.backlog_per_year === null));
  const mine = trajectory(CSV, { from: 2025, to: 2030, baseline: { lifetimes: { 'PC portable': 9 } } });
  const laptop = mine[0].renewal.classes.find((c) => c.category === 'laptop');
  assert.deepEqual([laptop.lifetime_years, laptop.source], [9, 'user']);
  for (const t of [practice, before, mine]) {
    assert.deepEqual(t[0].years[0].impacts, evaluate(CSV, { reporting_year: 2025 }).totals.impacts);
  }
  assertThrows(() => trajectory(CSV, { from: 2025, to: 2030, baseline: { lifetimes: { portabel: 6 } } }),
    'ScenarioError', 'unknown_category', { field: 'baseline' });
  assertThrows(() => trajectory(CSV, { from: 2025, to: 2030, baseline: { lifetimes: { laptop: 0 } } }),
    'ScenarioError', 'out_of_range', { field: 'baseline' });
  assertThrows(() => trajectory(CSV, { from: 2025, to: 2030, baseline: 'pratique' }), 'InputError', 'invalid_input');
});

test('Monte Carlo: seeded draws in the report', () => {
  const opts = { reporting_year: 2024, monte_carlo: { draws: 200, seed: 42 } };
  const a = evaluate(CSV, opts);
  assert.ok(a.monte_carlo, 'report.monte_carlo');
  assert.deepEqual(evaluate(CSV, opts).monte_carlo, a.monte_carlo, 'same seed, same draws');
  assert.notDeepEqual(evaluate(CSV, { ...opts, monte_carlo: { draws: 200, seed: 7 } }).monte_carlo, a.monte_carlo);
  assertThrows(() => evaluate(CSV, { monte_carlo: { draws: 'many', seed: 1 } }), 'OptionsError', 'invalid_options');
});

test('serverFootprint and cloudFootprint', () => {
  const g = serverFootprint(undefined, { pue: 1.5 });
  assert.equal(g.schema, 'empreinte.hosting/1');
  assert.equal(g.model, 'generic');
  assert.equal(g.duration_hours, 8760);
  assert.ok(g.impacts.climate_change.total.central > 0);
  assert.equal(g.impacts.climate_change.unit, 'kgCO2e');
  const b = serverFootprint({ archetype: 'platform_compute_medium', ram: [{ units: 12, capacity_gb: 32 }],
    disks: [{ kind: 'ssd', units: 2, capacity_gb: 960 }] }, { load_percent: [[50, 10], [50, 80]], location: 'DE' }, boaviztaSet());
  assert.equal(b.model, 'bottom_up');
  assert.equal(b.zone, 'DE');
  const c = cloudFootprint({ provider: 'scaleway', instance_type: 'DEV1-S', region: 'fr-par' }, { duration_hours: 24 }, boaviztaSet());
  assert.equal(c.model, 'cloud_instance');
  assert.equal(c.duration_hours, 24);
  assertThrows(() => serverFootprint({ generic: true }, { pue: 0.5 }), 'HostingError', 'hosting_invalid_pue', { field: 'pue' });
  assertThrows(() => serverFootprint({ generic: true }, { duration_hours: 10, duration_years: 1 }), 'HostingError',
    'hosting_conflicting_fields', { field: 'duration_years' });
  // An option left unset takes the core's default, the same one the CLI and Python use.
  const d = defaults();
  assert.equal(g.duration_hours, d.hours_per_year);
  assert.deepEqual(serverFootprint(undefined, { pue: 1.5, duration_years: 1 }), g);
  assert.equal(evaluate(CSV).options.reporting_year, d.reporting_year);
  assertThrows(() => cloudFootprint({ provider: 'aws', instance_type: 'm6g.xlarge' }), 'HostingError', 'hosting_missing_table');
  assertThrows(() => cloudFootprint({ provider: 'aws', instance_type: 'zz9' }, {}, boaviztaSet()), 'HostingError', 'hosting_unknown_instance');
  assertThrows(() => serverFootprint({ generic: true }, { location: 'Atlantis' }), 'HostingError', 'hosting_unknown_location');
  assertThrows(() => serverFootprint({ cores: 8 }), 'InputError', 'invalid_input');
});

test('web pages: SWD, OneByte, EcoIndex', () => {
  const swd = webPage({ bytes: 2000000 });
  assert.equal(swd.estimate.model, 'swd4');
  assert.equal(swd.estimate.total_gco2e, 0.2964);
  assert.ok(swd.footprint.contributions.length > 0);
  const visit = webPage({ size_kb: 2000, model: 'swd3', per_visit: true, device_grid: 'FR', data_centre_grid: 50 });
  assert.equal(visit.estimate.per_visit, true);
  const eco = ecoIndex({ dom_elements: 850, requests: 62, size_kb: 2450.5 });
  assert.ok(eco.estimate.score > 0 && eco.estimate.score <= 100);
  assert.match(eco.estimate.grade, /^[A-G]$/);
  assertThrows(() => webPage({}), 'ServiceError', 'service_invalid_number', { field: 'bytes' });
  assertThrows(() => webPage({ bytes: 1, dom_elements: 5 }), 'ServiceError', 'invalid_input', { field: 'dom_elements' });
  assertThrows(() => webPage({ bytes: 1, colour: 'red' }), 'InputError', 'invalid_input');
  assert.equal(webPage({ bytes: 1000, returning_visitors: 0.5, grid: 'FR' }).estimate.per_visit, true);
  assertThrows(() => webPage({ bytes: 1, model: 'swd9' }), 'ServiceError', 'unknown_choice');
  assertThrows(() => webPage({ bytes: -1 }), 'ServiceError', 'service_invalid_number');
  assertThrows(() => ecoIndex({ dom_elements: 1 }), 'ServiceError', 'service_invalid_number', { field: 'requests' });
  assertThrows(() => ecoIndex({ dom_elements: 1, requests: 1, size_kb: 'big' }), 'InputError', 'invalid_input');
});

test('web pages in one call: each total is one call\'s, to the last digit', () => {
  const bytes = Array.from({ length: 500 }, (_, i) => 10000 + ((i * 7919) % 10000000));
  bytes.push(0, 0.5, 1);
  for (const options of [
    {}, { per_visit: true }, { model: 'swd3', per_visit: true, device_grid: 'FR', data_centre_grid: 50 },
    { model: 'onebyte', green_hosting: true }, { returning_visitors: 0.3, grid: 'DE', green_hosting_factor: 0.4 },
  ]) {
    const totals = webPages(new Float64Array(bytes), options);
    assert.ok(totals instanceof Float64Array);
    assert.equal(totals.length, bytes.length);
    bytes.forEach((b, i) => assert.equal(totals[i], webPage({ ...options, bytes: b }).estimate.total_gco2e, `${i}`));
    assert.deepEqual(Array.from(webPages(bytes, options)), Array.from(totals));
  }
  assert.equal(webPages([]).length, 0);
  const e = assertThrows(() => webPages([1000, -1, 5]), 'ServiceError', 'service_invalid_number', { field: 'bytes', index: 1 });
  assert.match(e.message, /item 1/);
  assertThrows(() => webPages([1000], { model: 'swd9' }), 'ServiceError', 'unknown_choice');
  assertThrows(() => webPages([1000], { bytes: 5 }), 'ServiceError', 'invalid_input', { field: 'bytes' });
  assertThrows(() => webPages('1000'), 'InputError', 'invalid_input');
});

test('services in one call: each result is one call\'s', () => {
  const params = [{ size_mb: 2, recipients: 5 }, {}, { size_mb: 0.1, terminal: 'laptop', uses: 100 }];
  const results = digitalServices('email', params);
  assert.deepEqual(results, params.map((p) => digitalService('email', p)));
  assertThrows(() => digitalServices('email', [{}, { minutes: 3 }]), 'ServiceError', 'invalid_input', { index: 1 });
});

test('services: transfer, ADEME per-use, three-tier', () => {
  const t = dataTransfer({ gb: 2, network: 'mobile_fr', uses: 10 });
  assert.equal(t.uses, 10);
  const mail = digitalService('email', { size_mb: 2, recipients: 5, terminal: 'laptop', uses: 100 });
  assert.equal(mail.service, 'email');
  assert.ok(mail.total_gco2e > mail.total_excluding_terminals_gco2e);
  assert.equal(mail.footprint.uses, 100);
  for (const [kind, params] of [['visio', { minutes: 30, quality: 'hd' }], ['streaming', {}],
    ['web_search', { pages_read: 2 }], ['file_transfer', { size_gb: 1 }]]) {
    assert.ok(digitalService(kind, params).total_gco2e > 0, kind);
  }
  const noTerm = digitalService('visio', { exclude_terminals: true });
  assert.equal(noTerm.footprint.terminals_excluded, true);
  const three = threeTier({ service: 'teleprocedure', uses: 5000, hours_per_use: 0.25, gb_per_use: 0.02, terminal: 'PC portable' });
  assert.equal(three.service, 'teleprocedure');
  assert.ok(three.contributions.some((c) => c.tier === 'terminals'));
  assert.ok(!threeTier({ data_centre: null, network: null, gb_per_use: 1 }).contributions.some((c) => c.tier !== 'terminals'));
  assertThrows(() => digitalService('fax', {}), 'ServiceError', 'unknown_service', { field: 'kind' });
  assertThrows(() => digitalService('email', { minutes: 3 }), 'ServiceError', 'invalid_input', { field: 'minutes' });
  assertThrows(() => digitalService('email', { fax: 3 }), 'InputError', 'invalid_input');
  assertThrows(() => dataTransfer({ network: 'mobile_fr' }), 'ServiceError', 'service_invalid_number', { field: 'gb' });
  assertThrows(() => digitalService('email', { terminal: 'toaster' }), 'ServiceError', 'unknown_choice');
  assertThrows(() => digitalService('visio', { uses: -1 }), 'ServiceError', 'service_invalid_number', { field: 'uses' });
  assertThrows(() => dataTransfer({ gb: 1, network: 'carrier_pigeon' }), 'ServiceError', 'unknown_network');
});

test('importGlpi: agent JSON and CSV exports, mapping, evaluation', () => {
  const dir = `${ROOT}tests/glpi/`;
  const files = readdirSync(`${dir}agent`).filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, content: new Uint8Array(readFileSync(`${dir}agent/${f}`)) }));
  files.push({ name: 'ordinateurs.csv', content: readFileSync(`${dir}csv/ordinateurs-glpi10.csv`, 'utf8') });
  files.push({ name: 'notes.txt', content: 'bonjour\n' });
  const mapping = { name: 'mapping.csv', content: readFileSync(`${dir}mapping/mapping-commune.csv`) };
  const r = importGlpi(files, mapping, { evaluation: { reporting_year: 2025 } });
  assert.equal(r.counts.files, files.length);
  assert.equal(r.counts.items, r.items.length);
  assert.ok(r.counts.mapped > 0);
  assert.ok(r.items.some((i) => i.status === 'invalid' && i.code === 'not_glpi'));
  assert.match(r.inventory_csv, /^category|categorie/);
  const c = r.report.counts;
  assert.equal(c.rows_read, c.rows_evaluated + c.rows_rejected);
  assert.equal(importGlpi(files).report, null);
  assertThrows(() => importGlpi(files, { name: 'm.csv', content: 'model_or_type;category\nGadget;grille-pain\n' }),
    'GlpiError', 'invalid_mapping');
  assertThrows(() => importGlpi('computer.json'), 'InputError', 'invalid_input');
  assertThrows(() => importGlpi([{ name: 'x.json' }]), 'InputError', 'invalid_input');
  assertThrows(() => importGlpi(files, null, { department_from: 'floor' }), 'InputError', 'invalid_input');
});
