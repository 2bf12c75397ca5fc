// A Rust panic reaches JS as an `Error` named `InternalError` (code `internal_error`) carrying
// the panic's message, not as `RuntimeError: unreachable`. The trigger, `__panicForTest`, exists
// only in pkg/panic-test (built by scripts/test.sh with the cargo feature `panic-test`, the same
// hook and build flags as the published modules); the published modules do not export it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as published from 'empreinte';
import * as publishedFull from 'empreinte/full';

const require = createRequire(import.meta.url);
const PANIC = new URL('../pkg/panic-test/empreinte_wasm.js', import.meta.url);

test('a panic is thrown as an InternalError with its message', () => {
  assert.ok(existsSync(PANIC), 'run scripts/test.sh: it builds pkg/panic-test');
  const m = require(PANIC.pathname);
  let caught;
  try {
    m.__panicForTest('boom: the panic message 42');
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `an Error, got ${caught}`);
  assert.equal(caught.name, 'InternalError');
  assert.equal(caught.code, 'internal_error');
  assert.match(caught.message, /boom: the panic message 42/);
  assert.match(caught.message, /please report it/);
});

test('the published modules do not export the test trigger', () => {
  assert.equal(published.__panicForTest, undefined);
  assert.equal(publishedFull.__panicForTest, undefined);
});
