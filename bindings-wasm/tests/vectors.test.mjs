// Every shared test vector in tests/vectors/*.json (format: tests/vectors/README.md; `kind`
// selects the API, as in core/tests/cases), run with the Node build of both modules and compared
// with `expected` exactly (numbers with ===): the full module runs every vector, the default
// module those it can (evaluation and scenarios on its embedded dataset); same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as defaultModule from 'empreinte';
import * as fullModule from 'empreinte/full';
import { ROOT, runsInDefaultModule, runner, assertSubset } from './support.mjs';

const DIR = `${ROOT}tests/vectors/`;
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
const runFull = runner(fullModule, { full: true });
const runDefault = runner(defaultModule, { full: false });

test('the vectors folder is read (zero or more vectors)', () => {
  assert.ok(Array.isArray(files));
});

for (const file of files) {
  const v = JSON.parse(readFileSync(DIR + file, 'utf8'));
  test(`vector ${file} (empreinte/full)`, () => {
    assertSubset(runFull(v), v.expected);
  });
  if (runsInDefaultModule(v)) {
    test(`vector ${file} (empreinte)`, () => {
      assertSubset(runDefault(v), v.expected);
    });
  }
}

test('the default module runs the equipment vectors', () => {
  const n = files.filter((f) => runsInDefaultModule(JSON.parse(readFileSync(DIR + f, 'utf8')))).length;
  assert.ok(n >= 20, `only ${n} vectors for the default module`);
});
