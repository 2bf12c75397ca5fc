// What the shared test files (tests/vectors/*.json, tests/bad-inputs/cases.json) need to run
// through a module of the package: the default one (`empreinte`) or the full one
// (`empreinte/full`). Each module has its own Dataset objects: they are cached per module.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILES = { datapackage: 'datapackage.json', sources: 'sources.csv', zones: 'zones.csv',
  categories: 'categories.csv', embodied: 'embodied.csv', refurbishment: 'refurbishment.csv',
  electricity: 'electricity.csv' };
const HOSTING = ['hosting_sites', 'hosting_parameters', 'hosting_components', 'hosting_servers',
  'hosting_cpus', 'hosting_cpu_die_by_cores', 'hosting_cpu_profiles', 'hosting_memory_types',
  'hosting_cloud_instances', 'hosting_cloud_regions'];
const b64 = (s) => Buffer.from(s, 'base64');

/** Whether the default module runs a vector or case: evaluation or scenarios, on a dataset it
 * embeds (`Dataset.fromFiles`, offers, trajectories, hosting, services and GLPI are in
 * `empreinte/full`). */
export function runsInDefaultModule(v) {
  const kind = v.kind ?? v.api ?? 'evaluate';
  const id = v.dataset ?? 'ademe-negaoctet-2022';
  return kind === 'evaluate' && !v.dataset_files
    && (id === 'ademe-negaoctet-2022' || !existsSync(`${ROOT}reference-data/${id}/`));
}

/** A runner of vectors and bad-input cases through `api` (a module namespace). */
export function runner(api, { full }) {
  const embedded = new Set(api.datasets().map((d) => d.id));
  const loaded = new Map();

  /** A dataset folder's files as `Dataset.fromFiles` takes them, with a vector's overrides. */
  function folder(dir, overrides = {}) {
    const files = {};
    for (const [key, name] of Object.entries(FILES)) {
      if (name in overrides) {
        const o = overrides[name];
        if (o !== null) files[key] = typeof o === 'string' ? o : b64(o.base64).toString('utf8');
      } else if (existsSync(dir + name)) {
        files[key] = readFileSync(dir + name, 'utf8');
      }
    }
    // The default module has no network or hosting tables (they serve `empreinte/full` only).
    if (!full) return files;
    if (existsSync(`${dir}network.csv`)) files.network = readFileSync(`${dir}network.csv`, 'utf8');
    const hosting = {};
    for (const h of HOSTING) if (existsSync(`${dir}${h}.csv`)) hosting[h] = readFileSync(`${dir}${h}.csv`, 'utf8');
    if (Object.keys(hosting).length) files.hosting = hosting;
    return files;
  }

  /** The dataset of a vector: embedded in wasm, else loaded from reference-data/<id>/ or files. */
  function dataset(v) {
    if (v.dataset_files) {
      const spec = v.dataset_files;
      return api.Dataset.fromFiles(folder(`${ROOT}${spec.base ?? 'core/tests/fixtures/mini'}/`, spec.files));
    }
    const id = v.dataset ?? 'ademe-negaoctet-2022';
    // Not embedded and no such folder: `Dataset.embedded` says which ids exist.
    if (embedded.has(id) || !existsSync(`${ROOT}reference-data/${id}/`)) return api.Dataset.embedded(id);
    if (!loaded.has(id)) loaded.set(id, api.Dataset.fromFiles(folder(`${ROOT}reference-data/${id}/`)));
    return loaded.get(id);
  }

  function inventory(inv) {
    if ('csv' in inv) return inv.csv;
    if ('csv_base64' in inv) return new Uint8Array(b64(inv.csv_base64));
    if ('json_text' in inv) return inv.json_text;
    return inv.json;
  }

  function usage(u = {}) {
    const { load_profile: profile, no_location: none, ...rest } = u;
    if (profile) rest.load_percent = profile;
    if (none && !('location' in rest)) rest.location = null;
    return rest;
  }

  function page(i) {
    if ((i.model ?? 'ecoindex').toLowerCase() === 'ecoindex') {
      const { estimate, footprint } = api.ecoIndex({ dom_elements: i.dom_elements, requests: i.requests,
        size_kb: i.size_kb, exclude_terminals: i.exclude_terminals });
      return { ecoindex: estimate, footprint };
    }
    return api.webPage(i);
  }

  function service(i, ds) {
    const p = i.params ?? {};
    if (i.service === 'transfer') return { footprint: api.dataTransfer({ gb: p.gb, network: p.network, uses: i.uses }, ds) };
    if (i.service === 'three_tier') return { footprint: api.threeTier(p, ds) };
    return api.digitalService(i.service, { ...p, ...(i.options ?? {}), uses: i.uses }, ds);
  }

  /** Runs a vector (or a bad-input case: `api` names its kind, `input` its inventory). */
  return function run(v) {
    const kind = v.kind ?? v.api ?? 'evaluate';
    const i = v.input ?? {};
    if (kind === 'estate') {
      // The module does not embed the hosting dataset the core takes cloud figures from: given.
      const cloud = dataset({ dataset: api.defaults().hosting_dataset });
      return api.evaluateEstate(i.estate, estateFiles(i.files), v.dataset || v.dataset_files ? dataset(v) : undefined,
        { evaluation: v.options ?? {}, cloud_dataset: cloud });
    }
    if (kind === 'numecoeval') {
      return api.evaluateNumEcoEval(estateFiles(i.files), v.options ?? {}, v.dataset || v.dataset_files ? dataset(v) : undefined);
    }
    if (kind === 'referential') {
      const base = `${ROOT}${i.base}/`;
      const files = Object.fromEntries(readdirSync(base).filter((f) => f.startsWith('ref_')).map((f) => [f, readFileSync(base + f, 'utf8')]));
      for (const [name, text] of Object.entries(i.files ?? {})) {
        if (text === null) delete files[name]; else files[name] = text;
      }
      return { dataset: api.Dataset.fromFiles(files, 'referential').info };
    }
    if (kind === 'dataset') {
      return { dataset: api.Dataset.fromFiles(folder(`${ROOT}${i.base ?? 'core/tests/fixtures/mini'}/`, i.files)).info };
    }
    const ds = dataset(v);
    switch (kind) {
      case 'evaluate': return api.evaluate(inventory(v.inventory ?? i), v.options ?? {}, ds);
      case 'compare':
        return api.compareOffers(i.offers, { reporting_year: i.year ?? 2025, allocation: i.allocation ?? 'cut_off' }, ds);
      case 'scenario': return api.runScenarios(inventory(i.inventory), i.scenarios ?? [], v.options ?? {}, ds);
      case 'trajectory':
        return { series: api.trajectory(inventory(i.inventory), { from: i.start ?? 2025, to: i.horizon ?? 2030,
          scenarios: i.scenarios ?? [], options: v.options ?? {}, ...(i.baseline ? { baseline: i.baseline } : {}) }, ds) };
      case 'server': return api.serverFootprint(i.spec === 'generic' || !i.spec ? { generic: true } : i.spec, usage(i.usage), ds);
      case 'cloud':
        return api.cloudFootprint({ provider: i.provider, instance_type: i.instance_type, region: i.region }, usage(i.usage), ds);
      case 'page': return page(i);
      case 'service': return service(i, ds);
      case 'glpi': {
        const read = (f) => ('text' in f ? f.text : 'base64' in f ? new Uint8Array(b64(f.base64)) : readFileSync(ROOT + f.path));
        const mapping = i.mapping ? { name: 'mapping.csv', content: i.mapping } : null;
        return api.importGlpi(i.files.map((f) => ({ name: f.name, content: read(f) })), mapping,
          { department_from: i.department_from, evaluation: v.options ?? {} }, ds);
      }
      default: throw new Error(`unknown vector kind ${kind}`);
    }
  };
}

/** An estate case's files (`{path: text | {base64}}`) as `evaluateEstate` takes them. */
export function estateFiles(files = {}) {
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, typeof f === 'string' ? f : new Uint8Array(b64(f.base64))]));
}

/** Every key of `expected` is in `actual` with an equal value; arrays element by element. */
export function assertSubset(actual, expected, path = '$') {
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

