// Not available is not zero, in both modules: statuses, never a number in its place. An
// indicator the default dataset does not cover in every phase has no total unless the use phase
// alone is asked for; ADEME's device water and WRI's water per kWh are two indicators; a lumped
// figure's distribution and end of life are "included in manufacturing".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate } from 'empreinte';
import { compareOffers, runScenarios, trajectory, serverFootprint } from 'empreinte/full';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOWN = readFileSync(`${ROOT}examples/communes/ville-montclair.csv`);
const WEBCAMS = 'category;quantity;acquisition_year\nwebcam;10;2020\n';
const PHASES = ['manufacturing', 'distribution', 'use', 'end_of_life', 'total'];

test('land use is not available in a default-set result, never 0', () => {
  const r = evaluate(TOWN, { reporting_year: 2025 });
  for (const p of PHASES) {
    const e = r.totals.impacts.land_use[p];
    assert.equal(e.status, 'not_available', p);
    assert.equal('central' in e, false, p);
  }
  const info = r.indicators.find((i) => i.id === 'land_use');
  assert.deepEqual(info.phases_covered, []);
  assert.equal(info.total, 'not_available');
  // The indicators covered in every phase lead.
  assert.equal(r.indicators[0].id, 'climate_change');
  assert.deepEqual(r.indicators[0].phases_covered, ['manufacturing', 'distribution', 'use', 'end_of_life']);
});

test('water: two quantities, never summed', () => {
  const r = evaluate(TOWN, { reporting_year: 2025 });
  const wc = r.totals.impacts.water_consumption;
  const wa = r.totals.impacts.water_ademe;
  assert.equal(wc.total.status, 'not_available');
  assert.equal(wc.total.not_covered, true);
  assert.equal(wc.manufacturing.status, 'not_available');
  assert.ok(wc.use.central > 0);
  assert.ok(wa.manufacturing.central > 0);
  assert.equal(wa.use.status, 'not_available');
  assert.equal(wa.total.status, 'not_available');
});

test('an indicator without manufacturing: no total, or its use phase when asked', () => {
  const plain = evaluate(TOWN, { reporting_year: 2025 });
  assert.equal(plain.totals.impacts.resource_use_minerals_metals.total.status, 'not_available');
  const r = evaluate(TOWN, { reporting_year: 2025, use_phase_only_indicators: true });
  const adpe = r.totals.impacts.resource_use_minerals_metals;
  assert.equal(adpe.total.status, 'use_phase_only');
  assert.equal(adpe.total.central, adpe.use.central);
  assert.equal(r.indicators.find((i) => i.id === 'resource_use_minerals_metals').total, 'use_phase_only');
  assert.deepEqual(r.totals.impacts.climate_change, plain.totals.impacts.climate_change);
});

test('a lumped figure: distribution and end of life included in manufacturing', () => {
  const r = evaluate('category;quantity;acquisition_year\nserver;2;2023\n', { reporting_year: 2025 });
  const cc = r.totals.impacts.climate_change;
  assert.equal(cc.distribution.status, 'included_in_manufacturing');
  assert.equal(cc.distribution.included_contributions, 1);
  assert.equal('central' in cc.end_of_life, false);
  assert.equal(cc.total.status, 'available');
  assert.equal(cc.total.central, cc.manufacturing.central + cc.use.central);
  const h = serverFootprint();
  assert.equal(h.impacts.climate_change.distribution, 'included_in_manufacturing');
  assert.ok(h.impacts.climate_change.total.central > 0);
});

test('offers, scenarios and trajectories give null, never 0, when not available', () => {
  const c = compareOffers([
    { name: 'neuf', device: { category: 'server' } },
    { name: 'reconditionné', device: { category: 'server', condition: 'refurbished' } },
  ]);
  const [n, rf] = c.offers;
  assert.equal(n.per_year.climate_change.distribution, 'included_in_manufacturing');
  assert.equal(rf.climate_change_kgco2e_per_year, null);
  assert.equal(rf.difference_kgco2e_per_year, null);
  assert.equal(rf.difference_percent, null);
  assert.equal(rf.per_year.climate_change.total, null);

  const s = runScenarios(WEBCAMS, [{ name: 'x', levers: [{ lever: 'reduce_fleet', share: 0.1 }] }]);
  assert.equal(s.scenarios[0].change_kgco2e, null);
  assert.equal(s.scenarios[0].totals.change.climate_change.total.status, 'not_available');
  assert.equal(evaluate(WEBCAMS).totals.impacts.climate_change.total.status, 'not_available');

  const t = trajectory(WEBCAMS, { from: 2025, to: 2026 });
  for (const y of t[0].years) {
    assert.equal(y.impacts.climate_change.total.status, 'not_available');
    assert.equal('central' in y.impacts.climate_change.total, false);
  }
});

test('far non-climate electricity vintages are warned about', () => {
  const r = evaluate('category\nlaptop\n', { reporting_year: 2025 });
  const far = r.warnings.filter((w) => w.code === 'electricity_vintage_far').map((w) => w.message);
  assert.ok(far.some((m) => m.includes('more than 5 years from 2025 (or undated): resource_use_minerals_metals 2011')),
    far.join('\n'));
});
