// NumEcoEval / G4IT files in the full module (`evaluateNumEcoEval`): the sample commune's files
// read from disk give the CLI's report; bad files throw an `EstateError` that says where; a G4IT
// référentiel loads with `Dataset.fromFiles` and names itself in the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as full from 'empreinte/full';
import { ROOT } from './support.mjs';

const SAMPLE = join(ROOT, 'examples/numecoeval/ville-montclair');
const G4IT = join(ROOT, 'tests/numecoeval/g4it');

function folder(dir, decode = false) {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, decode ? readFileSync(join(dir, f), 'utf8') : readFileSync(join(dir, f))]));
}

function cliJson(...args) {
  const bin = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/empreinte');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '-p', 'empreinte-cli'], { cwd: ROOT, stdio: 'inherit' });
  const run = spawnSync(bin, ['evaluate', ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.stdout.startsWith('{'), `CLI failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error);
    return e;
  }
  assert.fail('nothing thrown');
}

test('the sample commune\'s files give the CLI report to the last digit', () => {
  const got = full.evaluateNumEcoEval(folder(SAMPLE));
  const cli = cliJson(SAMPLE);
  for (const k of ['counts', 'totals', 'per_capita', 'by_category', 'by_department', 'estate', 'warnings']) {
    assert.deepEqual(got[k], cli[k], k);
  }
  const n = got.estate.numecoeval;
  assert.deepEqual(n.data_centres.map((d) => [d.name, d.pue]), [['SALLE-MAIRIE', 1.9], ['COLOC-LYON', 1.45]]);
  assert.deepEqual(n.virtual_machines.map((v) => v.share_rule), ['vcpu', 'vcpu', 'vcpu', 'vcpu', 'vcpu', 'given', 'storage', 'storage']);
  // Options and a dataset are taken as elsewhere; text files too.
  const earlier = full.evaluateNumEcoEval(folder(SAMPLE, true), { reporting_year: 2024 }, full.Dataset.embedded());
  assert.equal(earlier.options.reporting_year, 2024);
});

test('bad NumEcoEval files throw an EstateError saying where; bad rows are listed', () => {
  const missing = thrown(() => full.evaluateNumEcoEval({ 'eq.csv': 'nomEquipementPhysique;quantite\nsrv;1\n' }));
  assert.deepEqual([missing.name, missing.code, missing.file, missing.line, missing.field],
    ['EstateError', 'numecoeval_missing_column', 'eq.csv', 1, 'type']);
  const unknown = thrown(() => full.evaluateNumEcoEval({ 'parc.csv': 'category;quantity\nlaptop;1\n' }));
  assert.equal(unknown.code, 'numecoeval_unknown_file');
  const r = full.evaluateNumEcoEval({
    'eq.csv': 'nomEquipementPhysique;type;nomCourtDatacenter\nsrv-1;Server;DC9\n',
    'vm.csv': 'nomEquipementVirtuel;nomEquipementPhysique;vCPU\nvm-1;srv-1;2\n',
  });
  const rejected = r.estate.fleet_sources.flatMap((s) => s.rejected);
  assert.deepEqual(rejected.map((x) => [x.file, x.line, x.field, x.code]), [
    ['eq.csv', 2, 'nomCourtDatacenter', 'numecoeval_unknown_data_centre'],
    ['vm.csv', 2, 'nomEquipementPhysique', 'numecoeval_rejected_host'],
  ]);
  assert.equal(r.counts.rows_read, r.counts.rows_evaluated + r.counts.rows_rejected);
  assert.equal(thrown(() => full.evaluateNumEcoEval(42)).name, 'InputError');
  assert.equal(thrown(() => full.evaluateNumEcoEval({ 'a.csv': 3 })).name, 'InputError');
});

test('a G4IT référentiel from its files, named in the report', () => {
  const ds = full.Dataset.fromFiles(folder(join(G4IT, 'referential'), true), 'g4it-test');
  assert.equal(ds.info.id, 'g4it-test');
  assert.ok(ds.info.unmapped.some((u) => u.includes('USING row(s) of items')));
  const r = full.evaluateNumEcoEval(folder(join(G4IT, 'inputs')), { reporting_year: 2022 }, ds);
  const cli = cliJson(join(G4IT, 'inputs'), '--dataset', join(G4IT, 'referential'), '--year', '2022');
  assert.deepEqual(r.totals, cli.totals);
  assert.equal(r.dataset.id, 'g4it-test');
  const bad = thrown(() => full.Dataset.fromFiles({ ref_criterion: 'code;unit\n', ref_item_impact: 'criterion;lifecycle_step;name;value\nCLIMATE_CHANGE;MANUFACTURING;x;abc\n' }));
  assert.deepEqual([bad.name, bad.code, bad.file, bad.line, bad.field], ['DatasetError', 'dataset_invalid_value', 'ref_item_impact.csv', 2, 'value']);
});
