// Runs every ```js block of README.md as an ES module inside the package (so that
// `import ... from 'empreinte'` resolves to this package's build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('../', import.meta.url));
const readme = readFileSync(`${HERE}README.md`, 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const TMP = `${HERE}tests/.readme/`;

test('README has examples', () => assert.ok(blocks.length >= 9));

blocks.forEach((code, i) => {
  test(`README example ${i + 1}`, () => {
    mkdirSync(TMP, { recursive: true });
    // Placed two levels below the package, like README.md's relative URLs expect one level:
    // rewrite `../reference-data` to the repository's folder.
    const file = `${TMP}example-${i + 1}.mjs`;
    writeFileSync(file, code.replaceAll("'../reference-data/", "'../../../reference-data/")
      .replaceAll("'../examples/", "'../../../examples/")
      .replaceAll('`../tests/', '`../../../tests/'));
    try {
      const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
      assert.ok(!out.includes('undefined'), `example printed undefined:\n${out}`);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
