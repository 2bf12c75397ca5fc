// The bad-input catalog (tests/bad-inputs/cases.json, format in its README.md), through the full
// module and, for the kinds it exports, the default one: every case throws its documented Error
// (`name`, `code`, `line`, `field`, `file`), gives its first rejected row, or is accepted where
// the catalog says so; nothing crashes the module, and rows read = evaluated + rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as defaultModule from 'empreinte';
import * as fullModule from 'empreinte/full';
import { ROOT, runsInDefaultModule, runner } from './support.mjs';

const CATALOG = `${ROOT}tests/bad-inputs/cases.json`;
const catalog = existsSync(CATALOG) ? JSON.parse(readFileSync(CATALOG, 'utf8')) : { cases: [], generated: [] };
const runFull = runner(fullModule, { full: true });
const runDefault = runner(defaultModule, { full: false });

/** The JS `name` of each Rust error type (bindings-wasm/src/error.rs). */
const JS_NAME = { TrajectoryError: 'ScenarioError', RowError: 'OptionsError' };
/** Offers are numbered from 1 in JS (like Python); the catalog gives `CompareError`'s index. */
const LINE_FROM_ONE = new Set(['compare']);
/** GlpiError carries the mapping file's line in JS: the catalog's `null` is not checked. */
const UNCHECKED = { GlpiError: ['line', 'file'] };
/** Where JS documents another outcome than the catalog's Rust one, and why. */
const JS_OUTCOME = {
  // JS has no "this text is JSON" switch (Python's `as_json`, Rust's `evaluate_json`): a string
  // is told apart by its first character, and `42` is a CSV whose header lacks `category`.
  'json-not-array': { kind: 'error', error_type: 'InventoryError', code: 'missing_column', line: 1, field: 'category' },
};

/** What a case gave, in the catalog's terms. */
function outcome(run, c) {
  const api = c.api ?? 'evaluate';
  let out;
  try {
    out = run(c);
  } catch (e) {
    assert.ok(e instanceof Error, `${c.name}: threw a non-Error ${e}`);
    assert.ok(e.message, `${c.name}: empty message`);
    assert.notEqual(e.name, 'InternalError', `${c.name}: ${e.message}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${c.name}: the module trapped: ${e.message}`);
    const got = { kind: 'error', error_type: e.name, code: e.code, line: e.line ?? null,
      field: e.field ?? null, file: e.file ?? null, key_path: e.keyPath ?? null };
    if (LINE_FROM_ONE.has(api) && got.line !== null) got.line -= 1;
    return got;
  }
  const report = api === 'glpi' ? out.report : api === 'scenario' ? out.baseline : out;
  if (!report || typeof report !== 'object' || !('counts' in report)) return { kind: 'ok' };
  const n = report.counts;
  assert.equal(n.rows_read, n.rows_evaluated + n.rows_rejected, `${c.name}: rows lost`);
  assert.equal(report.rejected.length, n.rows_rejected, c.name);
  if (!report.rejected.length) return { kind: 'ok', counts: n };
  const r = report.rejected[0];
  const got = { kind: 'rejected_row', line: r.line, code: r.code, field: r.field,
    rows_rejected: report.rejected.length, counts: n };
  const first = (report.estate?.fleet_sources ?? []).flatMap((s) => s.rejected)[0];
  if (first) got.file = first.file;
  const item = (out.items ?? []).find((it) => it.number === r.line && it.status !== 'mapped');
  if (item) Object.assign(got, { item_status: item.status, item_code: item.code });
  return got;
}

function check(run, c) {
  const got = outcome(run, c);
  const expected = { ...(JS_OUTCOME[c.name] ?? c.expected) };
  if (expected.error_type) expected.error_type = JS_NAME[expected.error_type] ?? expected.error_type;
  for (const k of UNCHECKED[expected.error_type] ?? []) delete expected[k];
  if (expected.kind === 'counts') {
    assert.ok(got.counts, `${c.name}: no report (${JSON.stringify(got)})`);
    for (const [k, v] of Object.entries(expected)) if (k !== 'kind') assert.equal(got.counts[k], v, `${c.name}: ${k}`);
    return;
  }
  assert.ok(got.kind !== 'ok' || expected.kind === 'ok', `${c.name}: accepted, expected ${JSON.stringify(expected)}`);
  for (const [k, v] of Object.entries(expected)) {
    assert.deepEqual(got[k], v, `${c.name}: ${k} = ${JSON.stringify(got[k])}, expected ${JSON.stringify(v)} (got ${JSON.stringify(got)})`);
  }
}

test('the catalog is there', () => {
  assert.ok(catalog.cases.length >= 40);
  assert.equal(new Set(catalog.cases.map((c) => c.name)).size, catalog.cases.length);
});

for (const c of catalog.cases) {
  test(`bad input ${c.name} (empreinte/full)`, () => check(runFull, c));
  if (runsInDefaultModule(c)) {
    test(`bad input ${c.name} (empreinte)`, () => check(runDefault, c));
  }
}

/** A generated input (tests/bad-inputs/README.md): header, rows with every `bad_every`-th bad,
 * a huge field, a last row in base64, or `{n}`-numbered rows up to `bytes`. */
function generate(spec) {
  const parts = [Buffer.from(spec.header ?? '')];
  if ('field_bytes' in spec) parts.push(Buffer.alloc(spec.field_bytes, 'x'), Buffer.from(spec.after ?? ''));
  if (spec.rows) {
    const row = Buffer.from(spec.row);
    const bad = Buffer.from(spec.bad_row ?? '');
    const block = spec.bad_every || 100_000;
    const chunk = Buffer.concat([...Array(block - 1).fill(row), spec.bad_every ? bad : row]);
    for (let i = 0; i < Math.floor(spec.rows / block); i += 1) parts.push(chunk);
    parts.push(...Array(spec.rows % block).fill(row));
  }
  if ('last_row_base64' in spec) parts.push(Buffer.from(spec.last_row_base64, 'base64'));
  if ('bytes' in spec) {
    let written = parts.reduce((s, p) => s + p.length, 0);
    for (let n = 1; written < spec.bytes; n += 1) {
      const line = Buffer.from(spec.row.replaceAll('{n}', String(n)));
      parts.push(line);
      written += line.length;
    }
  }
  return new Uint8Array(Buffer.concat(parts));
}

for (const c of catalog.generated ?? []) {
  test(`generated input ${c.name} (empreinte/full)`, () => {
    const bytes = generate(c.generate);
    const run = (v) => (v.api === 'glpi'
      ? fullModule.importGlpi([{ name: 'export.csv', content: bytes }], null, { evaluation: v.options ?? {} })
      : fullModule.evaluate(bytes, v.options ?? {}));
    check(run, c);
  });
}
