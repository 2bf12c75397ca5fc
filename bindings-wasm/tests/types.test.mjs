// The curated TypeScript declarations of both modules compile under `tsc --strict`, with the
// usage in tests/types/usage.mts (what a TypeScript user writes) and the misuse it must refuse
// (its `@ts-expect-error` lines: an unused one fails the check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('../', import.meta.url));

test('the TypeScript declarations type-check a realistic usage, strict', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tests/types/tsconfig.json'], { cwd: HERE, encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
