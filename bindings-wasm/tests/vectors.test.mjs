// Every shared test vector in tests/vectors/*.json (format: tests/vectors/README.md),
// evaluated with the Node build and compared with `expected` exactly (numbers with ===).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, datasets, Dataset } from 'empreinte';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = `${ROOT}tests/vectors/`;
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
const embedded = new Set(datasets().map((d) => d.id));
const loaded = new Map();

/** The dataset of a vector: embedded in wasm, else loaded from reference-data/<id>/. */
function dataset(id) {
  if (embedded.has(id)) return Dataset.embedded(id);
  if (!loaded.has(id)) {
    const dir = `${ROOT}reference-data/${id}/`;
    const read = (f) => readFileSync(dir + f, 'utf8');
    loaded.set(id, Dataset.fromFiles({
      datapackage: read('datapackage.json'), sources: read('sources.csv'), zones: read('zones.csv'),
      categories: read('categories.csv'), embodied: read('embodied.csv'),
      refurbishment: existsSync(`${dir}refurbishment.csv`) ? read('refurbishment.csv') : undefined,
      electricity: read('electricity.csv'),
    }));
  }
  return loaded.get(id);
}

function inventory(inv) {
  const kinds = ['csv', 'csv_base64', 'json'].filter((k) => k in inv);
  assert.equal(kinds.length, 1, 'inventory has exactly one of csv, csv_base64, json');
  if ('csv' in inv) return inv.csv;
  if ('csv_base64' in inv) return new Uint8Array(Buffer.from(inv.csv_base64, 'base64'));
  return JSON.stringify(inv.json);
}

/** Every key of `expected` is in `actual` with an equal value; arrays element by element. */
function assertSubset(actual, expected, path = '$') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => assertSubset(actual[i], e, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(k in actual, `${path}.${k}: missing`);
      assertSubset(actual[k], v, `${path}.${k}`);
    }
  } else {
    assert.ok(actual === expected, `${path}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
  }
}

test('the vectors folder is read (zero or more vectors)', () => {
  assert.ok(Array.isArray(files));
});

for (const file of files) {
  test(`vector ${file}`, () => {
    const v = JSON.parse(readFileSync(DIR + file, 'utf8'));
    const report = evaluate(inventory(v.inventory), v.options ?? {}, dataset(v.dataset));
    assertSubset(report, v.expected);
  });
}
