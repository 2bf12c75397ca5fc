// Type-checked (tsc --strict, by tests/types.test.mjs) against the curated declarations of both
// modules: what a TypeScript user writes compiles, and misuse is refused (@ts-expect-error).
import {
  evaluate, readInventory, datasets, glpiFormat, Dataset,
  type Report, type EvaluationOptions, type Estimate, type InventoryLine, type EmpreinteError,
} from 'empreinte';
import * as full from 'empreinte/full';
import {
  compareOffers, trajectory, runScenarios, type OfferInput, type Comparison, type Scenario,
} from 'empreinte/full';

const options: EvaluationOptions = { reporting_year: 2025, inhabitants: 1500, keep_lines: true };
const lines: InventoryLine[] = [
  { category: 'laptop', quantity: 25, condition: 'refurbished', acquisition_year: 2023, department: 'École' },
  { category: 'écrans', quantity: '30', acquisition_year: '2019' },
];
const report: Report = evaluate(lines, options);
const climate: Estimate | undefined = report.totals.impacts.climate_change?.total;
const central: number | undefined = climate?.central;
const rejected: number = report.counts.rows_rejected;
for (const row of report.rejected) console.log(row.line, row.code, row.field, row.message);
const again: Report = evaluate(new Uint8Array([0x63]), undefined, Dataset.embedded());
const read = readInventory('category;quantity\nlaptop;2\n');
evaluate(read.lines, { reporting_year: 2024 });
const ids: string[] = datasets().map((d) => d.id);
const format: 'agent_json' | 'csv_export' | null = glpiFormat(new Uint8Array());

const offers: OfferInput[] = [
  { name: 'new', device: { category: 'laptop', condition: 'new' }, unit_price_eur: 900 },
  { name: 'refurbished', device: { category: 'laptop', condition: 'refurbished' } },
];
const comparison: Comparison = compareOffers(offers, { reporting_year: 2025, allocation: 'cut_off' });
const scenarios: Scenario[] = [{ name: 'longer', levers: [{ lever: 'extend_lifetime', years: 2, categories: ['laptop'] }] }];
runScenarios(lines, scenarios, options);
trajectory(lines, { from: 2025, to: 2030, scenarios });

try {
  evaluate('quantite\n2\n');
} catch (e) {
  const err = e as EmpreinteError;
  const where: [string, string, number | undefined, string | undefined] = [err.name, err.code, err.line, err.field];
  console.log(where);
}

// The full module: hosting, services, GLPI.
const room = full.serverFootprint({ generic: true }, { site: 'own_server_room', year: 2025 });
const page = full.webPage({ bytes: 2_000_000 });
const grade = full.ecoIndex({ dom_elements: 850, requests: 62, size_kb: 2450 }).estimate.grade;
const mail = full.digitalService('email', { size_mb: 2, recipients: 5, uses: 1000 });
const glpi = full.importGlpi([{ name: 'computer.json', content: new Uint8Array() }], null, { evaluation: { reporting_year: 2025 } });
const counted: number = glpi.counts.mapped;
const estate: full.Estate = {
  year: 2025, commune: { name: 'Saint-Aubin', agents: 60 }, fleet: [{ path: 'parc.csv' }],
  rooms: [{ name: 'Local', pue: 1.6, servers: [{ name: 'srv-ad01', count: 2, server: { generic: true }, usage: { load_percent: 30 } }] }],
  services: [{ name: 'Messagerie', email: { uses: 1000 } }, { website: { model: 'ecoindex', dom_elements: 600, requests: 50, size_kb: 1200 }, page_views: 1e5 }],
};
const whole: full.EstateReport = full.evaluateEstate(estate, { 'parc.csv': new Uint8Array() }, undefined, { evaluation: { keep_lines: true } });
const scopes: full.EstateScopeId[] = whole.estate.by_scope.map((s) => s.scope);
full.evaluateEstate('year = 2025\n');
try {
  full.evaluateEstate(estate);
} catch (e) {
  const err = e as full.EstateError;
  console.log(err.keyPath, err.code, err.file, err.line);
}
const nee: full.EstateReport = full.evaluateNumEcoEval({ 'EquipementPhysique.csv': 'nomEquipementPhysique;type\nsrv;Server\n' }, { reporting_year: 2025 });
const shares: number[] = (nee.estate.numecoeval?.virtual_machines ?? []).map((v) => v.share);
const referential = full.Dataset.fromFiles({ ref_criterion: 'code;unit\n', ref_item_impact: '' }, 'g4it');
const unmapped: string[] = referential.info.unmapped ?? [];
console.log(central, rejected, again, ids, format, comparison, room, page, grade, mail, counted, scopes, shares, unmapped);

// Misuse the declarations refuse.
// @ts-expect-error: hosting is in the full module only
import('empreinte').then((m) => m.serverFootprint);
// @ts-expect-error: offers too
import('empreinte').then((m) => m.compareOffers);
// @ts-expect-error: and datasets from files
Dataset.fromFiles({});
const fromFiles: typeof full.Dataset.fromFiles = full.Dataset.fromFiles;
console.log(fromFiles);
// @ts-expect-error: the reporting year is a number
evaluate(lines, { reporting_year: '2025' });
// @ts-expect-error: an unknown lever
runScenarios(lines, [{ name: 'x', levers: [{ lever: 'greenwash', share: 1 }] }]);
// @ts-expect-error: an inventory line needs a category
evaluate([{ quantity: 2 }]);
// @ts-expect-error: a service's users are agents or public
full.evaluateEstate({ services: [{ users: 'everyone', email: {} }] });
// @ts-expect-error: a file's content is text or bytes
full.evaluateEstate(estate, { 'parc.csv': 42 });
// @ts-expect-error: NumEcoEval files too
full.evaluateNumEcoEval({ 'eq.csv': 42 });
// @ts-expect-error: allocation is cut_off or shared_first_life
compareOffers(offers, { allocation: 'half' });

// The REEN review: an inventory, GLPI files or an estate; a string (HTML or Markdown).
const html: string = full.review(lines, { lang: 'en', previous: lines, previous_year: 2024, horizon: 2030, baseline: 'practice',
  options: { reporting_year: 2025, inhabitants: 1200 } });
const md: string = full.review({ estate, files: { 'parc.csv': 'category\nlaptop\n' } }, { format: 'md', commune: 'Ville' });
const glpiReview: string = full.review({ glpi: [{ name: 'a.json', content: new Uint8Array() }], mapping: null });
const withLines = full.evaluateEstate(estate, {}, undefined, { fleet_lines: true });
full.trajectory(withLines.fleet_lines ?? [], { to: 2030 });
console.log(html, md, glpiReview);
// @ts-expect-error: the review is HTML or Markdown
full.review(lines, { format: 'pdf' });
// @ts-expect-error: last year's inventory cannot be an estate
full.review(lines, { previous: { estate } });
