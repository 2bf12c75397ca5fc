// empreinte dashboard: every figure comes from the WebAssembly modules (evaluation, estates,
// scenario levers, trajectory, offer comparison, GLPI import, the REEN review). This file reads
// files and forms, and displays results; it computes nothing. Input is written into the page as
// text (DOM nodes, textContent), never as markup; the review, the core's own HTML document, is
// shown in a sandboxed frame without scripts.
//
// The page loads the default module only (`empreinte`: the first figure of an inventory); the
// full one (`empreinte/full`) is imported when an estate, GLPI files, the review or a choice
// (levers, trajectory, comparator) asks for it.
import init, { evaluate, glpiFormat, Dataset } from './pkg/empreinte_wasm.js';
import { T, SAMPLES } from './i18n.js';
import { el, hasValue, dataValue, barChart, lineChart } from './charts.js';

const $ = (id) => document.getElementById(id);
const state = {
  lang: 'fr', dataset: null, categories: new Map(),
  // What is loaded: {kind: 'inventory' | 'glpi' | 'estate', name, input?, glpi?, parts?, estate?, files?}
  source: null,
  // The forms' hosting and services join the inventory once asked for (`estate-run`).
  useForms: false,
  // The report of the source (an estate's when evaluated as one), and what is shown.
  base: null, shown: null,
  // The fleet the choices act on: an inventory `runScenarios` and `trajectory` take.
  fleet: null,
  previous: null, review: null, reviewUrls: [], csvUrl: null, estateUrl: null, fullDataset: null,
  trajectoryAsked: false, comparing: false, levers: null, trajectory: null, comparison: null,
  seq: 0, scenarioSeq: 0, trajectorySeq: 0, compareSeq: 0, reviewSeq: 0, firstFigure: false,
  formCount: 0,
};
const t = (key) => T[state.lang][key];

// ---- formatting: "n.d." / "n/a" for a figure not available, never 0 --------------------------

function fmt(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return t('nd');
  const locale = state.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const abs = Math.abs(x);
  const opts = abs >= 1000 || abs === 0 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: digits };
  return new Intl.NumberFormat(locale, opts).format(x);
}

function signed(x, digits) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return t('nd');
  return `${x > 0 ? '+' : ''}${fmt(x, digits)}`;
}

/** An estimate as text: "n.d." when not available, "included in manufacturing" for a phase
 * inside a lumped figure, the central value otherwise (labelled partial or use phase only). */
function est(e) {
  if (e?.status === 'included_in_manufacturing' || e === 'included_in_manufacturing') return t('included');
  if (!hasValue(e)) return t('nd');
  const label = { partial: t('partial'), use_phase_only: t('useOnly') }[e.status];
  return fmt(e.central) + (label ? ` (${label})` : '');
}

function range(e) {
  if (!hasValue(e)) return e?.status === 'included_in_manufacturing' || e === 'included_in_manufacturing' ? '' : t('nd');
  if (typeof e.low !== 'number' || typeof e.high !== 'number') return t('nd');
  return t('rangeOf')(fmt(e.low), fmt(e.high));
}

/** What the charts need of the page's language. */
function chartWords(name = '') {
  return { est, range, fmt, nd: t('nd'), name, centralHead: t('central'), rangeHead: t('range'), table: t('table'),
    year: t('yearCol'), chartDesc: t('chartDesc'), lineDesc: t('lineDesc') };
}

function showMessage(text) {
  const m = $('message');
  m.textContent = text;
  m.hidden = !text;
}

function number(id) {
  const v = $(id).value.trim();
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Evaluation options from the page: the year and the body's denominators. */
function options() {
  const year = number('year');
  // An empty or odd year: the core's default reporting year.
  const o = Number.isInteger(year) ? { reporting_year: year } : {};
  for (const k of ['inhabitants', 'agents', 'pupils']) {
    const v = number(k);
    if (v !== undefined && v > 0) o[k] = v;
  }
  return o;
}

function communeName() {
  return $('commune').value.trim() || undefined;
}

// ---- the full module and the hosting dataset, on demand ------------------------------------

let full = null;
function fullModule() {
  full ??= import('./pkg/empreinte_full.js')
    .then(async (m) => { await m.default(); return m; })
    .catch((e) => { full = null; throw e; });
  return full;
}

/** The full module's embedded dataset of the same id as the page's (a module's Dataset objects
 * stay in it). */
async function fullDataset() {
  const m = await fullModule();
  state.fullDataset ??= m.Dataset.embedded(state.dataset?.info?.id ?? undefined);
  return state.fullDataset;
}

let hostingFiles = null;
/** The hosting dataset's files (cloud instances: the full module does not embed it), served with
 * the page (data/<id>/). */
function hostingText() {
  hostingFiles ??= (async () => {
    const m = await fullModule();
    const id = m.defaults().hosting_dataset;
    const names = ['datapackage.json', 'sources.csv', 'zones.csv', 'categories.csv', 'embodied.csv', 'refurbishment.csv',
      'electricity.csv', 'hosting_sites.csv', 'hosting_parameters.csv', 'hosting_components.csv', 'hosting_servers.csv',
      'hosting_cpus.csv', 'hosting_cpu_die_by_cores.csv', 'hosting_cpu_profiles.csv', 'hosting_memory_types.csv',
      'hosting_cloud_instances.csv', 'hosting_cloud_regions.csv'];
    const texts = await Promise.all(names.map(async (n) => {
      const res = await fetch(`data/${id}/${n}`);
      if (!res.ok) throw new Error(`data/${id}/${n}: HTTP ${res.status}`);
      return [n.replace(/\.(csv|json)$/, ''), await res.text()];
    }));
    return Object.fromEntries(texts);
  })().catch((e) => { hostingFiles = null; throw e; });
  return hostingFiles;
}

let cloudSet = null;
function cloudDataset() {
  cloudSet ??= (async () => {
    const m = await fullModule();
    const f = await hostingText();
    const hosting = Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('hosting_')));
    return m.Dataset.fromFiles({ datapackage: f.datapackage, sources: f.sources, zones: f.zones, categories: f.categories,
      embodied: f.embodied, refurbishment: f.refurbishment, electricity: f.electricity, hosting });
  })().catch((e) => { cloudSet = null; throw e; });
  return cloudSet;
}

// ---- reading files -----------------------------------------------------------------------------

const HEAD = 64 * 1024;
const decode = (bytes, n = bytes.length) => new TextDecoder().decode(bytes.subarray(0, n)).replace(/^\uFEFF/, '');

/** Whether a file is an estate description: TOML by its name, or a JSON object with an estate's
 * keys (an inventory in JSON is an array or `{lines}`; the core reads either). */
function isEstateFile(file) {
  if (/\.toml$/i.test(file.name)) return true;
  if (!/\.json$/i.test(file.name)) return false;
  const head = decode(file.content, HEAD).trimStart();
  if (!head.startsWith('{')) return false;
  try {
    const v = JSON.parse(decode(file.content));
    return v && typeof v === 'object' && !Array.isArray(v) && !('lines' in v) && !('content' in v)
      && ['fleet', 'rooms', 'cloud', 'services', 'commune'].some((k) => k in v);
  } catch {
    return false;
  }
}

/** The GLPI input in a file ({name, content} each), or null when it is not GLPI. The core tells
 * (`glpiFormat`, as the CLI's `evaluate` does). An array of agent inventories (several agents
 * in one file) is split into one per agent. */
function glpiParts(file) {
  const bytes = file.content;
  if (glpiFormat(bytes)) return [file];
  const head = decode(bytes, HEAD).trimStart();
  if (!head.startsWith('[') || !head.includes('"content"')) return null;
  let docs;
  try {
    docs = JSON.parse(decode(bytes));
  } catch {
    return null; // not JSON: evaluate() says what is wrong with it
  }
  const agent = (d) => d && typeof d === 'object' && !Array.isArray(d) && d.content && typeof d.content === 'object';
  if (!Array.isArray(docs) || docs.length === 0 || !docs.every(agent)) return null;
  return docs.map((d, i) => ({ name: `${file.name} [${i + 1}]`, content: JSON.stringify(d) }));
}

/** Whether a file's first line may be a NumEcoEval / G4IT header: only so that an ordinary
 * inventory does not load the full module. The core tells for sure (`numEcoEvalKind`). */
function mayBeNumEcoEval(file) {
  const first = decode(file.content, 4096).split(/\r?\n|\r/, 1)[0].toLowerCase().replace(/[^a-z]/g, '');
  return /equipementphysique|equipementvirtuel|datacenter|nomapplication|nbcollaborateurs|nombremailemis/.test(first);
}

/** The NumEcoEval / G4IT files among those dropped (asked of the full module), or null. */
async function numEcoEvalFiles(files) {
  if (files.some(isEstateFile) || !files.some(mayBeNumEcoEval)) return null;
  const { numEcoEvalKind } = await fullModule();
  return files.some((f) => numEcoEvalKind(f.content) !== null) ? files : null;
}

/**
 * How dropped files are read, first match wins. Each reader says whether it takes the files and
 * loads them; NumEcoEval files are told apart first (`loadFiles`), by the core.
 */
const READERS = [
  { test: (files) => files.some(isEstateFile), load: (files, seq) => loadEstateFiles(files, seq) },
  { test: (files) => files.length > 1 || glpiParts(files[0]) !== null, load: (files, seq) => loadGlpi(files, seq) },
  { test: () => true, load: (files) => loadInventory(files[0].name, files[0].content) },
];

async function loadFiles(list) {
  const seq = ++state.seq;
  const files = await Promise.all([...list].map(async (f) => ({ name: f.name, content: new Uint8Array(await f.arrayBuffer()) })));
  if (files.length === 0 || seq !== state.seq) return;
  let numecoeval;
  try {
    numecoeval = await numEcoEvalFiles(files);
  } catch (e) {
    showMessage(t('error')(e));
    return;
  }
  if (seq !== state.seq) return;
  if (numecoeval) {
    await loadNumEcoEval(numecoeval);
    return;
  }
  const reader = READERS.find((r) => r.test(files));
  await reader.load(files, seq);
}

/** NumEcoEval / G4IT files (DataCenter, EquipementPhysique, EquipementVirtuel, Application,
 * Messagerie, Entite): the full module evaluates them as `empreinte evaluate FOLDER` does. */
async function loadNumEcoEval(files) {
  const name = files.length === 1 ? files[0].name : `${files[0].name} (+${files.length - 1})`;
  await setSource({ kind: 'numecoeval', name, files: Object.fromEntries(files.map((f) => [f.name, f.content])) });
}

/** One inventory file (or text): the default module evaluates it, unless the forms' hosting and
 * services join it. */
async function loadInventory(name, content) {
  await setSource({ kind: 'inventory', name, input: content });
}

/** GLPI files of one commune: one import, the core telling each file's format. */
async function loadGlpi(files, seq) {
  const parts = files.length === 1 ? glpiParts(files[0]) : files.flatMap((f) => glpiParts(f) ?? [f]);
  const name = files.length === 1 ? files[0].name : `${files[0].name} (+${files.length - 1})`;
  $('status').textContent = t('loading')(name);
  let glpi;
  try {
    const { importGlpi } = await fullModule();
    if (seq !== state.seq) return; // a newer file came meanwhile
    // No `evaluation` option: the default module evaluates the inventory CSV, the same path as
    // a CSV file (scenarios, year changes).
    glpi = importGlpi(parts, null, {}, undefined);
  } catch (e) {
    showMessage(t('error')(e));
    $('status').textContent = '';
    return;
  }
  if (glpi.counts.mapped === 0) {
    const why = glpi.items.slice(0, 3).map((i) => `${i.source}: ${i.detail} [${i.code}]`).join(' ; ');
    showMessage(t('glpiNone')(why || t('nd')));
    $('status').textContent = '';
    return;
  }
  await setSource({ kind: 'glpi', name, input: glpi.inventory_csv, glpi, parts });
}

/** An estate file and the files it names, matched by name among those dropped with it. */
async function loadEstateFiles(files, seq) {
  const description = files.find(isEstateFile);
  const others = files.filter((f) => f !== description);
  const text = decode(description.content);
  await loadEstate(description.name, text, (path) => {
    const base = path.split(/[/\\]/).pop();
    return others.find((f) => f.name === base)?.content ?? null;
  }, seq);
}

/** Evaluates an estate, asking `find(path)` for each file it names that is missing. */
async function loadEstate(name, text, find, seq) {
  $('status').textContent = t('loading')(name);
  try {
    const m = await fullModule();
    const cloud = await cloudDataset();
    if (seq !== state.seq) return;
    const files = {};
    for (;;) {
      try {
        m.evaluateEstate(text, files, undefined, { evaluation: options(), cloud_dataset: cloud });
        break;
      } catch (e) {
        if (e.code !== 'estate_missing_file' || !e.file || e.file in files) throw e;
        const content = await find(e.file);
        if (seq !== state.seq) return;
        if (!content) throw Object.assign(new Error(t('estateMissing')(e.file)), { code: e.code });
        files[e.file] = content;
      }
    }
    await setSource({ kind: 'estate', name, estate: text, files });
  } catch (e) {
    showMessage(t('error')(e));
    $('status').textContent = '';
  }
}

async function loadSample(file) {
  if (!file) return;
  const seq = ++state.seq; // an import still under way no longer shows
  const url = new URL(`samples/${file}`, document.baseURI);
  const res = await fetch(url);
  if (!res.ok) {
    showMessage(`${file}: HTTP ${res.status}`);
    return;
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (seq !== state.seq) return;
  const name = file.split('/').pop();
  if (SAMPLES.find((s) => s.file === file)?.estate) {
    // The files it names, by their path relative to it, from the page's own samples.
    await loadEstate(name, decode(bytes), async (path) => {
      const target = new URL(path, url);
      if (target.origin !== location.origin) return null;
      const r = await fetch(target);
      return r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
    }, seq);
  } else {
    await loadInventory(name, bytes);
  }
}

async function loadPrevious(list) {
  const file = list[0];
  if (!file) {
    state.previous = null;
    return;
  }
  const content = new Uint8Array(await file.arrayBuffer());
  const parts = glpiParts({ name: file.name, content });
  state.previous = { name: file.name, value: parts ? { glpi: parts } : content };
}

// ---- the forms: hosting and services, as an estate object ------------------------------------

function field(labelKey, input, extra = {}) {
  const id = `f${++state.formCount}`;
  input.id = id;
  const { wide, ...attrs } = extra;
  for (const [k, v] of Object.entries(attrs)) input.setAttribute(k, v);
  return el('div', { class: `field ${wide ? 'wide' : 'narrow'}` }, el('label', { for: id, 'data-i18n': labelKey }, t(labelKey)), input);
}

function numberInput(attrs = {}) {
  return el('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal', ...attrs });
}

/** An entry of a repeatable list: a fieldset with its legend ("Room 2") and a remove button. */
function entry(listId, kindKey, fields) {
  const list = $(listId);
  const box = el('fieldset', { class: 'entry', 'data-kind': kindKey });
  const legend = el('legend', {});
  const remove = el('button', { type: 'button', class: 'secondary small' }, t('remove'));
  remove.addEventListener('click', () => {
    box.remove();
    numberEntries(listId);
    $(`add-${kindKey === 'cloud' ? 'cloud' : kindKey === 'website' ? 'website' : 'room'}`).focus();
  });
  box.append(legend, el('div', { class: 'row' }, ...fields, remove));
  list.append(box);
  numberEntries(listId);
  box.querySelector('input, select')?.focus();
  return box;
}

/** Legends and remove buttons say which entry they are ("Room 2", "Remove Room 2"). */
function numberEntries(listId) {
  [...$(listId).children].forEach((box, i) => {
    const what = t('entryN')(t(box.dataset.kind), i + 1);
    box.querySelector('legend').textContent = what;
    const button = box.querySelector(':scope > .row > button');
    button.textContent = t('remove');
    button.setAttribute('aria-label', `${t('remove')} ${what}`);
  });
}

function addRoom() {
  const site = el('select', { 'data-key': 'site' }, ...Object.keys(T.fr.sites).map((id) => el('option', { value: id, 'data-site': id }, t('sites')[id])));
  entry('rooms', 'room', [
    field('roomName', el('input', { type: 'text', 'data-key': 'name' }), { wide: true }),
    field('site', site, { wide: true }),
    field('pue', numberInput({ min: '1', 'data-key': 'pue' })),
    field('servers', numberInput({ step: '1', 'data-key': 'servers' })),
    field('load', numberInput({ max: '100', 'data-key': 'load' })),
  ]);
}

async function addCloud() {
  let f;
  try {
    f = await hostingText();
  } catch (e) {
    showMessage(t('failed')(e));
    return;
  }
  // Suggestions from the hosting dataset's tables (any value is sent to the core, which checks).
  const rows = (text) => text.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const instances = rows(f.hosting_cloud_instances);
  const regions = rows(f.hosting_cloud_regions);
  const providers = [...new Set(instances.map((r) => r[0]))].sort();
  const provider = el('select', { 'data-key': 'provider' }, ...providers.map((p) => el('option', { value: p }, p)));
  const n = ++state.formCount;
  const instanceList = el('datalist', { id: `instances-${n}` });
  const regionList = el('datalist', { id: `regions-${n}` });
  const fill = () => {
    const p = provider.value;
    instanceList.replaceChildren(...instances.filter((r) => r[0] === p).map((r) => el('option', { value: r[1] })));
    regionList.replaceChildren(...regions.filter((r) => r[0] === p).map((r) => el('option', { value: r[1] })));
  };
  provider.addEventListener('change', fill);
  fill();
  const box = entry('clouds', 'cloud', [
    field('provider', provider),
    field('instanceType', el('input', { type: 'text', list: instanceList.id, 'data-key': 'instance_type', autocomplete: 'off' }), { wide: true }),
    field('region', el('input', { type: 'text', list: regionList.id, 'data-key': 'region', autocomplete: 'off' })),
    field('instances', numberInput({ step: '1', min: '1', 'data-key': 'count' })),
    field('load', numberInput({ max: '100', 'data-key': 'load' })),
  ]);
  box.append(instanceList, regionList);
}

function addWebsite() {
  entry('websites', 'website', [
    field('siteName', el('input', { type: 'text', 'data-key': 'name' }), { wide: true }),
    field('pageViews', numberInput({ step: '1', 'data-key': 'page_views' })),
    field('pageKb', numberInput({ 'data-key': 'size_kb' })),
  ]);
}

function values(box) {
  const out = {};
  for (const input of box.querySelectorAll('[data-key]')) {
    const v = input.value.trim();
    if (v === '') continue;
    out[input.dataset.key] = input.type === 'number' ? Number(v) : v;
  }
  return out;
}

/** The forms as the parts of an estate (the core's estate shape), or null when all are empty. */
function formsEstate() {
  const rooms = [...$('rooms').children].map((box, i) => {
    const v = values(box);
    const room = { name: v.name ?? t('entryN')(t('defaultRoom'), i + 1), site: v.site };
    if (v.pue !== undefined) room.pue = v.pue;
    if (v.servers) {
      room.servers = [{ name: t('serversOf')(room.name), count: v.servers, server: { generic: true },
        ...(v.load !== undefined ? { usage: { load_percent: v.load } } : {}) }];
    }
    return room;
  });
  const cloud = [...$('clouds').children].map((box) => {
    const v = values(box);
    return { name: v.instance_type, ...(v.count !== undefined ? { count: v.count } : {}),
      instance: { provider: v.provider, instance_type: v.instance_type, ...(v.region ? { region: v.region } : {}) },
      ...(v.load !== undefined ? { usage: { load_percent: v.load } } : {}) };
  });
  const services = [...$('websites').children].map((box, i) => {
    const v = values(box);
    return { name: v.name ?? t('entryN')(t('defaultSite'), i + 1), ...(v.page_views !== undefined ? { page_views: v.page_views } : {}),
      // The form asks for the page weight: the Sustainable Web Design model's input.
      website: { model: 'swd4', ...(v.size_kb !== undefined ? { size_kb: v.size_kb } : {}) } };
  });
  const email = { uses: number('email-uses'), size_mb: number('email-size'), recipients: number('email-recipients') };
  if (email.uses) services.push({ name: t('emailName'), email: clean(email) });
  const visio = { uses: number('visio-uses'), minutes: number('visio-minutes'), devices: number('visio-devices'),
    quality: $('visio-quality').value || undefined };
  if (visio.uses) services.push({ name: t('visioName'), visio: clean(visio) });
  if (!rooms.length && !cloud.length && !services.length) return null;
  return { rooms, cloud, services };
}

const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The estate the page evaluates: an estate file as given, or the forms around the inventory
 * (its fleet). `{estate, files}` as `evaluateEstate` and `review` take them, or null. */
function currentEstate(s = state.source) {
  if (s?.kind === 'estate') return { estate: s.estate, files: s.files };
  // NumEcoEval files describe their data centres and e-mail themselves.
  if (s?.kind === 'numecoeval') return null;
  const parts = state.useForms ? formsEstate() : null;
  if (!parts) return null;
  const estate = {};
  const name = communeName();
  if (name) estate.commune = { name };
  const files = {};
  if (s?.kind === 'inventory') {
    const path = /\.(csv|json|txt)$/i.test(s.name) ? s.name : `${s.name}.csv`;
    estate.fleet = [{ path }];
    files[path] = s.input;
  } else if (s?.kind === 'glpi') {
    // The GLPI files as one folder: one import, its items left out listed in the review.
    estate.fleet = [{ path: 'glpi' }];
    s.parts.forEach((p, i) => { files[`glpi/${String(i + 1).padStart(3, '0')}-${p.name.replace(/[/\\]/g, '_')}`] = p.content; });
  }
  Object.assign(estate, parts);
  return { estate, files };
}

// ---- evaluation --------------------------------------------------------------------------------

async function setSource(source) {
  await run(source);
}

/** A new source, once evaluated: the sliders back to zero, its GLPI items, the review cleared. */
function commitSource(source) {
  state.source = source;
  for (const id of ['lifetime', 'refurb', 'reduce']) {
    $(id).value = '0';
    $(`${id}-out`).textContent = '0';
  }
  setGlpi(source.kind === 'glpi' ? source.glpi : null);
  $('estate-file-note').hidden = source.kind !== 'estate' && source.kind !== 'numecoeval';
  $('estate-file-note').textContent = sourceNote(source);
  state.review = null;
  $('review-frame').hidden = true;
  $('review-frame').removeAttribute('srcdoc');
  $('review-actions').hidden = true;
  $('review-status').textContent = '';
}

/** What the page says of a source that describes its hosting and services itself. */
function sourceNote(source) {
  if (source?.kind === 'estate') return t('estateFile')(source.name);
  if (source?.kind === 'numecoeval') return t('numecoevalFiles')(source.name);
  return '';
}

/** Evaluates `source` (default: what is loaded) with the forms and shows it; on error keeps the
 * previous result and source. */
async function run(source = state.source) {
  const estate = currentEstate(source);
  if (!source && !estate) return;
  const name = source?.name ?? t('estate');
  const seq = ++state.seq;
  $('status').textContent = t('loading')(name);
  const start = performance.now();
  try {
    let report;
    let fleet;
    if (estate) {
      const m = await fullModule();
      const cloud = await cloudDataset();
      if (seq !== state.seq) return;
      report = m.evaluateEstate(estate.estate, estate.files, undefined,
        { evaluation: options(), cloud_dataset: cloud, fleet_lines: true });
      fleet = report.fleet_lines.length ? report.fleet_lines : null;
      delete report.fleet_lines;
      if (source?.kind === 'estate' && report.options.reporting_year !== number('year')) {
        $('year').value = String(report.options.reporting_year);
      }
    } else if (source.kind === 'numecoeval') {
      const m = await fullModule();
      if (seq !== state.seq) return;
      report = m.evaluateNumEcoEval(source.files, options(), undefined);
      fleet = null;
    } else {
      report = evaluate(source.input, options(), state.dataset);
      fleet = source.input;
    }
    const fresh = source !== state.source;
    if (fresh) commitSource(source);
    state.base = report;
    state.fleet = fleet;
    state.levers = null;
    showMessage('');
    render(report, false);
    $('status').textContent = t('done')(name, Math.round(performance.now() - start))
      + (source?.kind === 'glpi' ? t('glpiLeftOut')(source.glpi.counts.items - source.glpi.counts.mapped) : '')
      + (source?.kind === 'estate' ? t('estateYear')(report.options.reporting_year) : '');
    if (!state.firstFigure) {
      state.firstFigure = true;
      performance.mark('empreinte:first-figure');
    }
    renderLevers();
    // What depended on the previous input is computed again.
    if (anyLever()) applyScenario();
    if (state.trajectoryAsked) runTrajectory();
    if (!fresh && state.review) runReview();
  } catch (e) {
    if (seq !== state.seq) return;
    showMessage(t('error')(e));
    $('status').textContent = '';
  }
}

/** Keeps the import shown with the result, and a download link to its inventory CSV. */
function setGlpi(glpi) {
  state.glpi = glpi;
  if (state.csvUrl) URL.revokeObjectURL(state.csvUrl);
  state.csvUrl = glpi ? URL.createObjectURL(new Blob([glpi.inventory_csv], { type: 'text/csv' })) : null;
  if (state.csvUrl) $('glpi-csv').href = state.csvUrl;
}

// ---- levers: the core's scenarios on the fleet -------------------------------------------------

function leverChoices() {
  const years = Number($('lifetime').value);
  const refurb = Number($('refurb').value);
  const reduce = Number($('reduce').value);
  const out = [];
  if (years > 0) out.push({ id: 'extend_lifetime', name: t('leverLifetime')(years), lever: { lever: 'extend_lifetime', years } });
  if (refurb > 0) out.push({ id: 'refurbished_share', name: t('leverRefurb')(refurb), lever: { lever: 'refurbished_share', share: refurb / 100 } });
  if (reduce > 0) out.push({ id: 'reduce_fleet', name: t('leverReduce')(reduce), lever: { lever: 'reduce_fleet', share: reduce / 100 } });
  return out;
}

const anyLever = () => leverChoices().length > 0;

/** A scenario result shaped like a report for `render`: the scenario's figures per group. */
function asReport(base, result) {
  const label = new Map(base.by_category.map((g) => [g.key, g]));
  const group = (d) => ({ key: d.key, label_fr: label.get(d.key)?.label_fr ?? null,
    label_en: label.get(d.key)?.label_en ?? null, impacts: d.scenario });
  return { ...base, totals: { ...base.totals, impacts: result.totals.scenario },
    by_category: result.by_category.map(group), by_department: result.by_department.map(group) };
}

/** The sliders' levers, each alone and together (`runScenarios`, full module): the table names
 * each lever's effect in kg and %; for an inventory, the results show all of them applied. */
async function applyScenario() {
  for (const id of ['lifetime', 'refurb', 'reduce']) $(`${id}-out`).textContent = $(id).value;
  const seq = ++state.scenarioSeq;
  const levers = leverChoices();
  const estate = state.base?.estate !== undefined;
  if (!levers.length || !state.fleet) {
    state.levers = null;
    renderLevers();
    if (state.base && !estate) render(state.base, false);
    return;
  }
  const scenarios = levers.map((l) => ({ name: l.name, levers: [l.lever] }));
  if (levers.length > 1) scenarios.push({ name: t('leverAll'), levers: levers.map((l) => l.lever) });
  try {
    const { runScenarios } = await fullModule();
    const ds = await fullDataset();
    if (seq !== state.scenarioSeq) return; // a newer position of the sliders came meanwhile
    const r = runScenarios(state.fleet, scenarios, options(), ds);
    state.levers = { ids: [...levers.map((l) => l.id), ...(levers.length > 1 ? ['all'] : [])], result: r };
    renderLevers();
    if (!estate) render(asReport(r.baseline, r.scenarios.at(-1)), true);
    if (state.trajectoryAsked) runTrajectory();
  } catch (e) {
    showMessage(t('failed')(e));
  }
}

function renderLevers() {
  const body = $('levers').querySelector('tbody');
  const estate = state.base?.estate !== undefined;
  $('levers-wrap').hidden = !(state.fleet && state.levers);
  if (!state.fleet) {
    body.replaceChildren();
    $('scenario-result').textContent = state.base ? t('noFleet') : '';
    return;
  }
  if (!state.levers) {
    body.replaceChildren();
    $('scenario-result').textContent = t('leversNone');
    return;
  }
  const { ids, result } = state.levers;
  body.replaceChildren(...result.scenarios.map((s, i) => {
    const change = s.totals.change.climate_change?.total;
    return el('tr', { 'data-lever': ids[i] },
      el('th', { scope: 'row' }, s.name),
      el('td', { class: 'num', 'data-value': s.change_kgco2e === null ? '' : String(s.change_kgco2e) }, s.change_kgco2e === null ? t('nd') : signed(s.change_kgco2e)),
      el('td', { class: 'num' }, range(change)),
      el('td', { class: 'num', 'data-value': s.change_percent === null ? '' : String(s.change_percent) }, signed(s.change_percent, 2)));
  }));
  const last = result.scenarios.at(-1);
  const named = result.scenarios.map((s) => t('leverNamed')(s.name, signed(s.change_kgco2e), signed(s.change_percent, 2))).join(' · ');
  $('scenario-result').textContent = estate
    ? `${named}. ${t('scenarioEstate')}`
    : `${t('scenario')(est(result.baseline.totals.impacts.climate_change?.total), est(last.totals.scenario.climate_change?.total))}. ${named}.`;
}

// ---- trajectory ----------------------------------------------------------------------------------

async function runTrajectory() {
  state.trajectoryAsked = true;
  const seq = ++state.trajectorySeq;
  if (!state.fleet) {
    $('trajectory-status').textContent = t('noFleet');
    $('chart-trajectory').hidden = true;
    return;
  }
  try {
    const { trajectory } = await fullModule();
    const ds = await fullDataset();
    if (seq !== state.trajectorySeq) return;
    const levers = leverChoices();
    const request = { from: options().reporting_year, options: options(), baseline: $('baseline').value,
      scenarios: levers.length ? [{ name: t('leversSeries'), levers: levers.map((l) => l.lever) }] : [] };
    const to = number('horizon');
    if (to !== undefined) request.to = to;
    state.trajectory = trajectory(state.fleet, request, ds);
    renderTrajectory();
  } catch (e) {
    $('trajectory-status').textContent = t('failed')(e);
    $('chart-trajectory').hidden = true;
  }
}

function renderTrajectory() {
  const series = state.trajectory;
  if (!series) return;
  const years = series[0].years.map((y) => y.year);
  const named = series.map((s, k) => ({ name: k === 0 ? t('baselineSeries') : t('leversSeries'),
    points: s.years.map((y) => ({ year: y.year, e: y.impacts.climate_change?.total })) }));
  const figure = $('chart-trajectory');
  figure.hidden = false;
  lineChart(figure, t('trajectoryTitle')(years[0], years.at(-1)), named, chartWords());
  $('trajectory-status').textContent = t('trajectoryDone')(years[0], years.at(-1), t('rules')[series[0].renewal.rule] ?? series[0].renewal.rule);
}

// ---- the comparator: offers for every class ---------------------------------------------------

const CONDITIONS = ['new', 'refurbished', 'reused'];

function fillOffers() {
  const body = $('offers').querySelector('tbody');
  if (body.children.length) {
    for (const row of body.children) row.querySelector('th').textContent = t('conditions')[row.dataset.condition];
    return;
  }
  body.replaceChildren(...CONDITIONS.map((c) => {
    const include = el('input', { type: 'checkbox', id: `offer-${c}`, 'data-key': 'include' });
    include.checked = c !== 'reused';
    const life = numberInput({ id: `offer-${c}-lifetime`, min: '0.5', max: '50', 'data-key': 'lifetime_years' });
    const price = numberInput({ id: `offer-${c}-price`, 'data-key': 'unit_price_eur' });
    const th = el('th', { scope: 'row', id: `offer-${c}-name` }, t('conditions')[c]);
    include.setAttribute('aria-labelledby', `offer-${c}-name`);
    life.setAttribute('aria-labelledby', `offer-${c}-name offers-life`);
    price.setAttribute('aria-labelledby', `offer-${c}-name offers-price`);
    return el('tr', { 'data-condition': c }, th, el('td', {}, include), el('td', {}, life), el('td', {}, price));
  }));
  const heads = $('offers').querySelectorAll('thead th');
  heads[2].id = 'offers-life';
  heads[3].id = 'offers-price';
}

async function compare() {
  const id = $('compare-category').value;
  if (!id || !state.comparing) return;
  const seq = ++state.compareSeq;
  const offers = [...$('offers').querySelectorAll('tbody tr')].filter((r) => r.querySelector('[data-key=include]').checked)
    .map((r) => {
      const v = values(r);
      const device = { category: id, condition: r.dataset.condition, ...(v.lifetime_years !== undefined ? { lifetime_years: v.lifetime_years } : {}) };
      return { name: r.dataset.condition, device, ...(v.unit_price_eur !== undefined ? { unit_price_eur: v.unit_price_eur } : {}) };
    });
  try {
    const { compareOffers } = await fullModule();
    const ds = await fullDataset();
    if (seq !== state.compareSeq) return; // a newer choice came meanwhile
    state.comparison = offers.length ? compareOffers(offers, { reporting_year: options().reporting_year }, ds) : null;
    renderComparison();
  } catch (e) {
    $('compare').querySelector('tbody').replaceChildren();
    $('compare-result').textContent = t('failed')(e);
  }
}

function renderComparison() {
  const c = state.comparison;
  const body = $('compare').querySelector('tbody');
  if (!c) {
    body.replaceChildren();
    $('compare-result').textContent = '';
    return;
  }
  const num = (v, digits) => el('td', { class: 'num', 'data-value': typeof v === 'number' ? String(v) : '' }, fmt(v, digits));
  body.replaceChildren(...c.offers.map((o, i) => {
    const e = o.per_year.climate_change?.total;
    // `null`: not available (a second life whose transport and end of life are unknown).
    const shown = e && typeof e === 'object' ? { status: 'available', ...e } : null;
    const diff = i === 0 ? '—' : `${signed(o.difference_kgco2e_per_year)} (${signed(o.difference_percent, 2)} %)`;
    return el('tr', { 'data-condition': o.condition, 'data-value': dataValue(shown) },
      el('th', { scope: 'row' }, t('conditions')[o.condition] ?? o.name),
      el('td', { class: 'num' }, est(shown)), el('td', { class: 'num' }, range(shown)),
      el('td', { class: 'num', 'data-value': typeof o.difference_kgco2e_per_year === 'number' ? String(o.difference_kgco2e_per_year) : '' }, diff),
      i === 0 ? el('td', { class: 'num' }, '—') : num(o.break_even?.lifetime_to_match_first_years, 2),
      num(o.cost_per_year_eur, 3), i === 0 ? el('td', { class: 'num' }, '—') : num(o.kgco2e_avoided_per_eur, 3));
  }));
  $('compare-result').textContent = c.offers.slice(1).map((o) => t('compared')(t('conditions')[o.condition] ?? o.name,
    signed(o.difference_kgco2e_per_year), signed(o.difference_percent, 2))).join(' ');
}

function fillCompare() {
  const select = $('compare-category');
  const current = select.value || 'laptop';
  const cats = [...state.categories.values()];
  select.replaceChildren(...cats.map((c) => el('option', { value: c.id }, (state.lang === 'fr' ? c.label_fr : c.label_en) || c.id)));
  if (cats.some((c) => c.id === current)) select.value = current;
  fillOffers();
  if (state.comparison) renderComparison();
}

// ---- the review: the core's document, sandboxed ---------------------------------------------

/** What the review is of: the source as `review` takes it. */
async function reviewSource() {
  const estate = currentEstate();
  if (estate) return { ...estate, cloud_dataset: await cloudDataset() };
  const s = state.source;
  if (s.kind === 'glpi') return { glpi: s.parts };
  if (s.kind === 'numecoeval') return { numecoeval: s.files };
  return s.input;
}

async function runReview() {
  if (!state.source && !currentEstate()) {
    $('review-status').textContent = t('noFleet');
    return;
  }
  const seq = ++state.reviewSeq;
  $('review-status').textContent = t('reviewLoading');
  const start = performance.now();
  try {
    const { review } = await fullModule();
    const source = await reviewSource();
    if (seq !== state.reviewSeq) return;
    const request = { lang: state.lang, options: options() };
    const name = communeName();
    if (name) request.commune = name;
    if (state.previous) request.previous = state.previous.value;
    const to = number('horizon');
    if (to !== undefined) request.horizon = to;
    request.baseline = $('baseline').value;
    const html = review(source, request, undefined);
    const md = review(source, { ...request, format: 'md' }, undefined);
    state.review = { html, md };
    for (const u of state.reviewUrls) URL.revokeObjectURL(u);
    const year = state.base?.options?.reporting_year ?? '';
    const htmlUrl = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const mdUrl = URL.createObjectURL(new Blob([md], { type: 'text/markdown;charset=utf-8' }));
    state.reviewUrls = [htmlUrl, mdUrl];
    const base = state.lang === 'fr' ? `bilan-reen-${year}` : `reen-review-${year}`;
    Object.assign($('review-download'), { href: htmlUrl, download: `${base}.html` });
    Object.assign($('review-md'), { href: mdUrl, download: `${base}.md` });
    const frame = $('review-frame');
    frame.srcdoc = html;
    frame.title = t('reviewFrame');
    frame.hidden = false;
    $('review-actions').hidden = false;
    $('review-status').textContent = t('reviewDone')(Math.round(performance.now() - start))
      + (state.previous ? t('reviewPrevious')(state.previous.name) : '');
  } catch (e) {
    if (seq !== state.reviewSeq) return;
    $('review-status').textContent = t('failed')(e);
  }
}

function printReview() {
  // The frame is same-origin without scripts (sandbox): the page prints its document, with the
  // review's own print styles.
  $('review-frame').contentWindow?.print();
}

// ---- display ------------------------------------------------------------------------------------

function climateOf(group) {
  return group?.impacts?.climate_change?.total;
}

function render(report, scenario) {
  state.shown = { report, scenario };
  $('results').hidden = false;
  $('nav-results').hidden = false;
  $('scenario-badge').hidden = !scenario;
  $('source-name').textContent = `— ${state.source?.name ?? t('estate')}, ${report.options.reporting_year}`;
  const c = climateOf(report.totals);
  const total = $('climate-total');
  total.textContent = est(c);
  total.dataset.value = dataValue(c);
  $('climate-range').textContent = `[${range(c)}]`;
  $('counts').textContent = t('counts')(report.counts);

  // The core lists the indicators the dataset covers in every phase first; the others are
  // marked † with the phases it covers (their total is not available, never 0).
  const whole = (ind) => (ind.phases_covered ?? []).length === 4;
  const phaseNames = (ind) => (ind.phases_covered ?? []).map((p) => t('phases')[p]).join(', ') || t('notAssessed');
  $('totals').querySelector('tbody').replaceChildren(...report.indicators.map((ind) => {
    const e = report.totals.impacts[ind.id]?.total;
    const name = state.lang === 'fr' ? ind.label_fr : ind.label_en;
    const note = whole(ind) ? null : t('incomplete').replace('{p}', phaseNames(ind));
    return el('tr', { 'data-indicator': ind.id, 'data-coverage': whole(ind) ? 'all_phases' : 'incomplete' },
      el('th', { scope: 'row', title: note ?? undefined }, whole(ind) ? name : `${name} †`),
      el('td', {}, ind.unit), el('td', { class: 'num', 'data-value': dataValue(e) }, est(e)), el('td', { class: 'num' }, range(e)));
  }));

  $('dagger-note').hidden = report.indicators.every(whole);
  const label = (g) => (state.lang === 'fr' ? g.label_fr : g.label_en) ?? g.key;
  const estate = report.estate;
  $('scope-block').hidden = !estate;
  if (estate) {
    barChart($('chart-scope'), t('byScope'), estate.by_scope.map((s) => [label(s), climateOf(s), { 'data-scope': s.scope }]),
      chartWords(t('scope')), { sort: false });
  }
  barChart($('chart-category'), t('byCategory'), report.by_category.map((g) => [label(g), climateOf(g), { 'data-key': g.key }]),
    chartWords(t('category')));
  barChart($('chart-department'), t('byDepartment'),
    report.by_department.map((g) => [g.key ?? t('noDepartment'), climateOf(g), { 'data-key': g.key ?? '' }]), chartWords(t('department')));
  const phases = report.totals.impacts.climate_change ?? {};
  barChart($('chart-phase'), t('byPhase'), Object.entries(t('phases')).map(([id, name]) => [name, phases[id], { 'data-phase': id }]),
    chartWords(t('phase')), { sort: false });

  renderEstateEntries(estate);
  $('rejected-count').textContent = String(report.rejected.length);
  $('rejected').querySelector('tbody').replaceChildren(...report.rejected.map((r) =>
    el('tr', {}, el('td', { class: 'num' }, String(r.line)), el('td', {}, r.field ?? ''), el('td', {}, r.message))));
  renderGlpi();
}

/** Where a hosting entry runs: its room, else its kind of site and zone. */
function where(h) {
  if (h.room) return h.room;
  const site = h.footprint?.site;
  return [site ? t('sites')[site] ?? site : null, h.footprint?.zone].filter(Boolean).join(', ');
}

/** An estate's hosting entries and services, each with its yearly figure; its notes. */
function renderEstateEntries(estate) {
  $('estate-entries').hidden = !estate;
  $('estate-notes').hidden = !estate?.notes?.length;
  if (!estate) return;
  $('estate-notes').replaceChildren(...estate.notes.map((n) => el('li', {}, n)));
  const fig = (r) => (r ? { status: 'available', ...r } : null);
  const rooms = estate.hosting.map((h) => {
    const e = fig(h.climate_change_kgco2e);
    return el('tr', { 'data-path': h.path, 'data-value': dataValue(e) },
      el('th', { scope: 'row' }, h.name ?? h.path), el('td', {}, where(h)),
      el('td', { class: 'num' }, fmt(h.count)), el('td', { class: 'num' }, est(e)), el('td', { class: 'num' }, range(e)));
  });
  // A NumEcoEval inventory's data centres: their equipment, at their PUE where they stand.
  const centres = (estate.numecoeval?.data_centres ?? []).map((d) => {
    const e = climateOf(d);
    return el('tr', { 'data-data-centre': d.name, 'data-value': dataValue(e) },
      el('th', { scope: 'row' }, d.long_name ?? d.name),
      el('td', {}, [d.location, d.pue != null ? `PUE ${fmt(d.pue)}` : null].filter(Boolean).join(', ')),
      el('td', { class: 'num' }, fmt(d.devices)), el('td', { class: 'num' }, est(e)), el('td', { class: 'num' }, range(e)));
  });
  $('hosting-table').querySelector('tbody').replaceChildren(...rooms, ...centres);
  $('services-table').querySelector('tbody').replaceChildren(...estate.services.map((s) => {
    const e = fig(s.climate_change_kgco2e);
    return el('tr', { 'data-path': s.path, 'data-value': dataValue(e) },
      el('th', { scope: 'row' }, s.name ?? s.path), el('td', { class: 'num' }, fmt(s.uses)),
      el('td', {}, s.terminals_excluded ? t('terminalsOut') : t('terminalsIn')),
      el('td', { class: 'num' }, est(e)), el('td', { class: 'num' }, range(e)));
  }));
}

/** The GLPI items left out (excluded, unmapped, unreadable), with the core's reason. */
function renderGlpi() {
  const glpi = state.source?.kind === 'glpi' ? state.glpi : null;
  $('glpi').hidden = !glpi;
  if (!glpi) return;
  const left = glpi.items.filter((i) => i.status !== 'mapped');
  $('glpi-count').textContent = String(left.length);
  $('glpi-counts').textContent = t('glpiCounts')(glpi.counts);
  const what = (i) => [i.itemtype, i.name, [i.manufacturer, i.model].filter(Boolean).join(' ')]
    .filter(Boolean).join(' · ');
  $('glpi-items').querySelector('tbody').replaceChildren(...left.map((i) =>
    el('tr', { 'data-status': i.status, 'data-code': i.code },
      el('td', {}, t('itemStatus')[i.status] ?? i.status), el('td', {}, what(i)), el('td', {}, i.source),
      el('td', {}, `${i.detail} [${i.code}]`))));
}

// ---- language -----------------------------------------------------------------------------------

function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  for (const n of document.querySelectorAll('[data-i18n]')) {
    const v = T[lang][n.dataset.i18n];
    if (typeof v === 'string') n.textContent = v;
  }
  for (const o of document.querySelectorAll('option[data-site]')) o.textContent = t('sites')[o.dataset.site];
  for (const list of ['rooms', 'clouds', 'websites']) numberEntries(list);
  document.title = lang === 'fr' ? 'empreinte — tableau de bord' : 'empreinte — dashboard';
  for (const o of $('sample').options) {
    const s = SAMPLES.find((x) => x.file === o.value);
    if (s) o.textContent = s[lang];
  }
  $('review-frame').title = t('reviewFrame');
  $('dataset-info').textContent = t('dataset')(state.dataset.info);
  if (state.source) $('estate-file-note').textContent = sourceNote(state.source);
  fillCompare();
  if (state.shown) render(state.shown.report, state.shown.scenario);
  if (state.levers) applyScenario();
  else renderLevers();
  if (state.trajectory) runTrajectory();
  // The review is written in the page's language: written again.
  if (state.review) runReview();
}

// ---- start ----------------------------------------------------------------------------------------

async function main() {
  await init();
  state.dataset = Dataset.embedded();
  performance.mark('empreinte:ready');
  for (const c of state.dataset.categories()) state.categories.set(c.id, c);
  for (const s of SAMPLES) $('sample').append(el('option', { value: s.file }, s.fr));

  // The input is emptied once read, so that choosing the same file again (edited) reads it again.
  $('file').addEventListener('change', (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    loadFiles(files);
  });
  $('sample').addEventListener('change', (e) => loadSample(e.target.value));
  const again = () => {
    if (state.source || currentEstate()) run();
    compare();
  };
  $('year').addEventListener('change', again);
  for (const id of ['inhabitants', 'agents', 'pupils']) $(id).addEventListener('change', again);
  for (const id of ['lifetime', 'refurb', 'reduce']) $(id).addEventListener('input', applyScenario);
  $('compare-category').addEventListener('change', compare);
  $('compare-run').addEventListener('click', () => {
    state.comparing = true;
    compare();
  });
  $('trajectory-run').addEventListener('click', runTrajectory);
  $('baseline').addEventListener('change', () => state.trajectoryAsked && runTrajectory());
  $('horizon').addEventListener('change', () => state.trajectoryAsked && runTrajectory());
  $('add-room').addEventListener('click', addRoom);
  $('add-cloud').addEventListener('click', addCloud);
  $('add-website').addEventListener('click', addWebsite);
  $('estate-run').addEventListener('click', () => {
    state.useForms = true;
    const estate = currentEstate();
    if (!estate && !state.source) {
      showMessage(t('estateEmpty'));
      return;
    }
    if (state.estateUrl) URL.revokeObjectURL(state.estateUrl);
    const link = $('estate-download');
    if (estate && state.source?.kind !== 'estate') {
      state.estateUrl = URL.createObjectURL(new Blob([JSON.stringify(estate.estate, null, 2)], { type: 'application/json' }));
      link.href = state.estateUrl;
      link.hidden = false;
    } else {
      link.hidden = true;
    }
    run();
  });
  $('previous').addEventListener('change', async (e) => {
    await loadPrevious(e.target.files);
    if (state.review) runReview();
  });
  $('review-run').addEventListener('click', runReview);
  $('review-print').addEventListener('click', printReview);
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));

  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    loadFiles(e.dataTransfer.files);
  });

  setLang(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fr');
  document.body.dataset.ready = '1';
  // `?sample=communes/ville-montclair.csv` loads a sample at once (bench/dashboard_first_figure.mjs).
  const sample = new URLSearchParams(location.search).get('sample');
  if (sample && SAMPLES.some((s) => s.file === sample)) {
    $('sample').value = sample;
    loadSample(sample);
  }
}

main().catch((e) => showMessage(`WebAssembly: ${e.message}`));
