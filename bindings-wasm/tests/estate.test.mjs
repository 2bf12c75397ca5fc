// Estates in the full module (`evaluateEstate`): the sample estate, with the files it names read
// from disk, gives the CLI's report; text, objects and file contents of every kind give the same
// figures; bad estates throw an `EstateError` that says where (`keyPath`, `file`, `line`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as full from 'empreinte/full';
import { ROOT } from './support.mjs';

const SAMPLE = join(ROOT, 'examples/estates/ville-montclair.toml');
const INVENTORY = '../communes/ville-montclair.csv';
// The hosting dataset (cloud instances), loaded from its files as the vectors' runner does.
let hostingSet;
const cloud = () => hostingSet ?? (hostingSet = full.Dataset.fromFiles(boaviztaFiles()));

function boaviztaFiles() {
  const dir = join(ROOT, `reference-data/${full.defaults().hosting_dataset}/`);
  const read = (f) => readFileSync(dir + f, 'utf8');
  const hosting = {};
  for (const h of ['sites', 'parameters', 'components', 'servers', 'cpus', 'cpu_die_by_cores', 'cpu_profiles',
    'memory_types', 'cloud_instances', 'cloud_regions']) {
    if (existsSync(`${dir}hosting_${h}.csv`)) hosting[`hosting_${h}`] = read(`hosting_${h}.csv`);
  }
  return { datapackage: read('datapackage.json'), sources: read('sources.csv'), zones: read('zones.csv'),
    categories: read('categories.csv'), embodied: read('embodied.csv'), refurbishment: read('refurbishment.csv'),
    electricity: read('electricity.csv'), network: existsSync(`${dir}network.csv`) ? read('network.csv') : undefined, hosting };
}

function cliJson(path) {
  const bin = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/empreinte');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '-p', 'empreinte-cli'], { cwd: ROOT, stdio: 'inherit' });
  const run = spawnSync(bin, ['evaluate', path, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.stdout.startsWith('{'), `CLI failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function sample(files = { [INVENTORY]: readFileSync(join(ROOT, 'examples/communes/ville-montclair.csv')) }) {
  return full.evaluateEstate(readFileSync(SAMPLE, 'utf8'), files, undefined, { cloud_dataset: cloud() });
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

test('the sample estate, its files read from disk, gives the CLI report to the last digit', () => {
  const got = sample();
  const cli = cliJson(SAMPLE);
  for (const k of ['counts', 'totals', 'per_capita', 'by_category', 'by_department', 'estate']) {
    assert.deepEqual(got[k], cli[k], k);
  }
  assert.deepEqual(got.estate.by_scope.map((s) => s.scope), ['fleet', 'hosting', 'services']);
  assert.equal(got.options.reporting_year, 2025);
});

test('text, JSON, objects and file contents of every kind give the same report', () => {
  const bytes = readFileSync(join(ROOT, 'examples/communes/ville-montclair.csv'));
  const a = sample({ [INVENTORY]: bytes.toString('utf8') });
  const b = sample({ [INVENTORY]: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
  assert.deepEqual(a.totals, b.totals);
  const estate = { year: 2024, commune: { agents: 40 }, fleet: [{ path: 'parc.csv' }], services: [{ email: { uses: 5000 } }] };
  const files = { 'parc.csv': 'category;quantity\nlaptop;40\n' };
  const fromObject = full.evaluateEstate(estate, files);
  assert.deepEqual(full.evaluateEstate(JSON.stringify(estate), files), fromObject);
  assert.equal(fromObject.options.reporting_year, 2024);
  assert.equal(fromObject.estate.services[0].terminals_excluded, true);
  assert.ok(fromObject.per_capita.per_agent);
  // Evaluation options, and a dataset named by the estate when none is given.
  const lines = full.evaluateEstate(estate, files, undefined, { evaluation: { keep_lines: true } });
  assert.equal(lines.lines.length, 1);
  assert.equal(thrown(() => full.evaluateEstate({ ...estate, dataset: 'boavizta-2.5' }, files)).code, 'unknown_dataset');
});

test('bad estates throw an EstateError saying where', () => {
  const missing = thrown(() => full.evaluateEstate('[[fleet]]\npath = "absent.csv"\n'));
  assert.deepEqual([missing.name, missing.code, missing.keyPath, missing.file], ['EstateError', 'estate_missing_file', 'fleet[0]', 'absent.csv']);
  const key = thrown(() => full.evaluateEstate('[commune]\nname = "X"\ncolour = "red"\n'));
  assert.deepEqual([key.name, key.code, key.line, key.file, key.keyPath], ['EstateError', 'estate_syntax', 3, 'estate', undefined]);
  assert.match(key.message, /colour/);
  const count = thrown(() => full.evaluateEstate({ rooms: [{ name: 'r', servers: [{ count: -2 }] }] }));
  assert.deepEqual([count.code, count.keyPath, count.field], ['hosting_out_of_range', 'rooms[0].servers[0]', 'count']);
  // Cloud instances need a dataset with cloud tables: the module's embedded one has none.
  const bare = thrown(() => full.evaluateEstate('[[cloud]]\ninstance = { provider = "aws", instance_type = "m6g.xlarge" }\n'));
  assert.deepEqual([bare.name, bare.code, bare.keyPath], ['EstateError', 'hosting_missing_table', 'cloud[0]']);
  // Arguments of the wrong kind.
  assert.equal(thrown(() => full.evaluateEstate(42)).name, 'InputError');
  assert.equal(thrown(() => full.evaluateEstate({}, { 'a.csv': 3 })).name, 'InputError');
  assert.equal(thrown(() => full.evaluateEstate({}, {}, undefined, { colour: 1 })).name, 'InputError');
});
