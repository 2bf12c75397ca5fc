// empreinte dashboard: every figure comes from the WebAssembly module (evaluation, scenario
// levers, offer comparison, GLPI import). This file reads files and displays results; it
// computes nothing.
import init, { evaluate, glpiFormat, Dataset } from './pkg/empreinte_wasm.js';

const SAMPLES = [
  { file: 'ville-montclair.csv', fr: 'Montclair (ville, CSV)', en: 'Montclair (town, CSV)' },
  { file: 'village-saint-aubin.csv', fr: 'Saint-Aubin (village, CSV)', en: 'Saint-Aubin (village, CSV)' },
  { file: 'ville-montclair-excel-1252.csv', fr: 'Montclair (export Excel, Windows-1252)', en: 'Montclair (Excel export, Windows-1252)' },
  { file: 'ville-montclair.json', fr: 'Montclair (JSON)', en: 'Montclair (JSON)' },
];

const T = {
  fr: {
    skip: 'Aller aux résultats',
    title: 'Empreinte environnementale du numérique de la commune',
    subtitle: 'Calculée dans votre navigateur (WebAssembly) : aucun fichier ne quitte cet ordinateur.',
    inputs: 'Inventaire',
    file: "Déposez un inventaire CSV ou JSON, ou des inventaires d'agent GLPI (JSON), ici, ou choisissez des fichiers",
    sample: "… ou une commune d'exemple", 'sample-none': '— choisir —', year: 'Année de calcul',
    results: 'Résultats', 'scenario-on': 'Scénario appliqué', climate: 'Changement climatique :',
    'per-year-co2': 'kg CO2e par an', totals: 'Totaux par indicateur (par an)', indicator: 'Indicateur',
    unit: 'Unité', central: 'Valeur centrale', range: 'Fourchette (basse – haute)', scenarios: 'Scénarios',
    'scenario-help': "Les curseurs modifient l'inventaire (durée de vie, état) et le recalculent ; aucune formule n'est appliquée au résultat.",
    lifetime: 'Allongement de la durée de vie', years: 'an(s)', refurb: "Part d'achats reconditionnés",
    rejected: 'Lignes rejetées', line: 'Ligne', field: 'Champ', reason: 'Motif',
    'glpi-title': 'Éléments GLPI non comptés', status: 'Statut', item: 'Élément', source: 'Fichier',
    'glpi-help': "Ces éléments de l'inventaire GLPI ne sont pas dans le calcul ; le motif dit pourquoi et quoi faire.",
    'glpi-csv': "Télécharger l'inventaire issu de GLPI (CSV, à relire et compléter)",
    itemStatus: { excluded: 'exclu', unmapped: 'non reconnu', invalid: 'illisible' },
    glpiCounts: (c) => `GLPI : ${c.files} fichier(s), ${c.items} élément(s) : ${c.mapped} compté(s) (${c.devices} appareils), ${c.excluded} exclu(s), ${c.unmapped} non reconnu(s), ${c.invalid} illisible(s).`,
    glpiNone: (why) => `Aucun élément GLPI n'a pu être compté : ${why}. Le résultat précédent est conservé.`,
    glpiLeftOut: (n) => (n ? ` ${n} élément(s) GLPI non compté(s) : voir la liste.` : ''),
    compare: 'Neuf ou reconditionné ?',
    'compare-help': "Impact climat d'un appareil par année de service, neuf ou reconditionné (même catégorie, même usage).",
    'compare-run': 'Comparer',
    category: 'Catégorie', offer: 'Offre', 'climate-per-year': 'Climat par an (kg CO2e)',
    new: 'Neuf', refurbished: 'Reconditionné', nd: 'n.d.', partial: 'partiel',
    included: 'inclus dans la fabrication', useOnly: "phase d'utilisation seule",
    incomplete: "† Le jeu de données ne couvre pas toutes les phases de cet indicateur (phases couvertes : {p}) : son total n'est pas disponible. Non disponible n'est pas zéro.",
    notAssessed: 'aucune',
    byCategory: 'Climat par catégorie (kg CO2e/an)', byDepartment: 'Climat par service (kg CO2e/an)',
    byPhase: 'Climat par phase du cycle de vie (kg CO2e/an)', noDepartment: '(sans service)',
    table: 'Voir le tableau', value: 'Valeur', phases: {
      manufacturing: 'Fabrication', distribution: 'Distribution', use: 'Utilisation', end_of_life: 'Fin de vie',
    },
    counts: (c) => `${c.rows_read} lignes lues, ${c.rows_evaluated} évaluées, ${c.rows_rejected} rejetées · ${c.devices} appareils`,
    loading: (name) => `Calcul de ${name}…`,
    done: (name, ms) => `${name} évalué en ${ms} ms.`,
    error: (e) => `Impossible de lire ce fichier : ${e.message}${e.line ? ` (ligne ${e.line})` : ''} [${e.code ?? e.name}]. Le résultat précédent est conservé.`,
    scenario: (base, now) => `Scénario : ${now} kg CO2e/an contre ${base} aujourd'hui`,
    noScenario: 'Aucun scénario : curseurs à zéro.',
    diff: (pct) => `Le reconditionné émet ${pct} % par an par rapport au neuf.`,
    dataset: (d) => `Jeu de données : ${d.title} (${d.id} ${d.version}). ${d.usage_note}`,
    chartDesc: (n, top) => `${n} barres ; la plus grande : ${top}.`,
  },
  en: {
    skip: 'Skip to results',
    title: "Environmental footprint of the commune's digital estate",
    subtitle: 'Computed in your browser (WebAssembly): no file leaves this computer.',
    inputs: 'Inventory', file: 'Drop a CSV or JSON inventory, or GLPI agent inventories (JSON), here, or choose files',
    sample: '… or a sample commune', 'sample-none': '— choose —', year: 'Reporting year',
    results: 'Results', 'scenario-on': 'Scenario applied', climate: 'Climate change:',
    'per-year-co2': 'kg CO2e per year', totals: 'Totals per indicator (per year)', indicator: 'Indicator',
    unit: 'Unit', central: 'Central value', range: 'Range (low – high)', scenarios: 'Scenarios',
    'scenario-help': 'The sliders change the inventory (lifetime, condition) and evaluate it again; no formula is applied to the result.',
    lifetime: 'Lifetime extension', years: 'year(s)', refurb: 'Share of refurbished purchases',
    rejected: 'Rejected rows', line: 'Line', field: 'Field', reason: 'Reason',
    'glpi-title': 'GLPI items not counted', status: 'Status', item: 'Item', source: 'File',
    'glpi-help': 'These items of the GLPI inventory are left out of the figures; the reason says why and what to do.',
    'glpi-csv': 'Download the inventory made from GLPI (CSV, to review and complete)',
    itemStatus: { excluded: 'excluded', unmapped: 'unmapped', invalid: 'unreadable' },
    glpiCounts: (c) => `GLPI: ${c.files} file(s), ${c.items} item(s): ${c.mapped} counted (${c.devices} devices), ${c.excluded} excluded, ${c.unmapped} unmapped, ${c.invalid} unreadable.`,
    glpiNone: (why) => `No GLPI item could be counted: ${why}. The previous result is kept.`,
    glpiLeftOut: (n) => (n ? ` ${n} GLPI item(s) not counted: see the list.` : ''),
    compare: 'New or refurbished?',
    'compare-help': 'Climate impact of one device per year of service, new or refurbished (same category, same usage).',
    'compare-run': 'Compare',
    category: 'Category', offer: 'Offer', 'climate-per-year': 'Climate per year (kg CO2e)',
    new: 'New', refurbished: 'Refurbished', nd: 'n/a', partial: 'partial',
    included: 'included in manufacturing', useOnly: 'use phase only',
    incomplete: '† The dataset does not cover every phase of this indicator (phases covered: {p}): its total is not available. Not available is not zero.',
    notAssessed: 'none',
    byCategory: 'Climate by category (kg CO2e/yr)', byDepartment: 'Climate by department (kg CO2e/yr)',
    byPhase: 'Climate by life-cycle phase (kg CO2e/yr)', noDepartment: '(no department)',
    table: 'Show the table', value: 'Value', phases: {
      manufacturing: 'Manufacturing', distribution: 'Distribution', use: 'Use', end_of_life: 'End of life',
    },
    counts: (c) => `${c.rows_read} rows read, ${c.rows_evaluated} evaluated, ${c.rows_rejected} rejected · ${c.devices} devices`,
    loading: (name) => `Evaluating ${name}…`,
    done: (name, ms) => `${name} evaluated in ${ms} ms.`,
    error: (e) => `Cannot read this file: ${e.message}${e.line ? ` (line ${e.line})` : ''} [${e.code ?? e.name}]. The previous result is kept.`,
    scenario: (base, now) => `Scenario: ${now} kg CO2e/yr against ${base} today`,
    noScenario: 'No scenario: sliders at zero.',
    diff: (pct) => `Refurbished emits ${pct} % per year compared with new.`,
    dataset: (d) => `Dataset: ${d.title} (${d.id} ${d.version}). ${d.usage_note}`,
    chartDesc: (n, top) => `${n} bars; the largest: ${top}.`,
  },
};

const $ = (id) => document.getElementById(id);
const state = {
  lang: 'fr', dataset: null, categories: new Map(), name: '', input: null,
  base: null, shown: null, glpi: null, csvUrl: null, seq: 0, comparing: false, compareSeq: 0,
  scenarioSeq: 0,
};
const t = (key) => T[state.lang][key];

function fmt(x, digits = 3) {
  // Not a number (not available) is written "n.d." / "n/a", never 0.
  if (typeof x !== 'number' || !Number.isFinite(x)) return t('nd');
  const locale = state.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const abs = Math.abs(x);
  const opts = abs >= 1000 || abs === 0 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: digits };
  return new Intl.NumberFormat(locale, opts).format(x);
}

/** Whether an estimate has a number (not `not_available`, not `included_in_manufacturing`). */
function hasValue(e) {
  return Boolean(e) && typeof e === 'object' && typeof e.central === 'number';
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
  if (!hasValue(e)) return e?.status === 'included_in_manufacturing' ? '' : t('nd');
  return `${fmt(e.low)} – ${fmt(e.high)}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function showMessage(text) {
  const m = $('message');
  m.textContent = text;
  m.hidden = !text;
}

function options() {
  const year = Number.parseInt($('year').value, 10);
  return { reporting_year: Number.isFinite(year) ? year : 2025, keep_lines: true };
}

// ---- input ----------------------------------------------------------------------------

/** Reads and evaluates an inventory (bytes or text); on error keeps the previous result.
 * `glpi`: the GLPI import the inventory was made from (its items not counted are listed). */
function load(name, input, glpi = null) {
  $('status').textContent = t('loading')(name);
  const start = performance.now();
  try {
    const report = evaluate(input, options(), state.dataset);
    state.input = input;
    state.name = name;
    state.base = report;
    if (glpi !== state.glpi) setGlpi(glpi);
    $('lifetime').value = '0';
    $('refurb').value = '0';
    showMessage('');
    render(report, false);
    $('status').textContent = t('done')(name, Math.round(performance.now() - start)) +
      (glpi ? t('glpiLeftOut')(glpi.counts.items - glpi.counts.mapped) : '');
  } catch (e) {
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

// The full module (GLPI import) is only fetched when GLPI input comes: the page's first load
// stays the small default module. Loaded once; a failed load can be tried again.
let full = null;
function fullModule() {
  full ??= import('./pkg/empreinte_full.js')
    .then(async (m) => { await m.default(); return m; })
    .catch((e) => { full = null; throw e; });
  return full;
}

const HEAD = 64 * 1024;

/** The GLPI input in a file ({name, content} each), or null when it is not GLPI. The core tells
 * (`glpiFormat`, as the CLI's `evaluate` does): a GLPI agent inventory or a CSV export of a GLPI
 * search page. An array of agent inventories (several agents in one file) is split into one
 * per agent. */
function glpiParts(file) {
  const bytes = file.content;
  if (glpiFormat(bytes)) return [file];
  const head = new TextDecoder().decode(bytes.subarray(0, HEAD)).replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('[') || !head.includes('"content"')) return null;
  let docs;
  try {
    docs = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return null; // not JSON: evaluate() says what is wrong with it
  }
  const agent = (d) => d && typeof d === 'object' && !Array.isArray(d) && d.content && typeof d.content === 'object';
  if (!Array.isArray(docs) || docs.length === 0 || !docs.every(agent)) return null;
  return docs.map((d, i) => ({ name: `${file.name} [${i + 1}]`, content: JSON.stringify(d) }));
}

/** One file: an inventory, or a GLPI agent inventory. Several files: one GLPI import (a
 * commune's agents), the core telling each file's format and listing those it cannot read. */
async function loadFiles(list) {
  const seq = ++state.seq;
  const files = await Promise.all([...list].map(async (f) => ({ name: f.name, content: new Uint8Array(await f.arrayBuffer()) })));
  if (files.length === 0 || seq !== state.seq) return;
  const parts = files.length === 1 ? glpiParts(files[0]) : files.flatMap((f) => glpiParts(f) ?? [f]);
  if (!parts) {
    load(files[0].name, files[0].content);
    return;
  }
  const name = files.length === 1 ? files[0].name : `${files[0].name} (+${files.length - 1})`;
  $('status').textContent = t('loading')(name);
  let glpi;
  try {
    const { importGlpi } = await fullModule();
    if (seq !== state.seq) return; // a newer file came meanwhile
    // No `evaluation` option: the default module evaluates the inventory CSV below, the same
    // path as a CSV file (scenarios, year changes).
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
  load(name, glpi.inventory_csv, glpi);
}

async function loadSample(fileName) {
  if (!fileName) return;
  state.seq += 1; // a GLPI import still under way no longer shows
  const res = await fetch(`samples/${fileName}`);
  if (!res.ok) {
    showMessage(`${fileName}: HTTP ${res.status}`);
    return;
  }
  load(fileName, new Uint8Array(await res.arrayBuffer()));
}

// ---- scenarios: the core's levers on the inventory ------------------------------------------

/** A scenario result shaped like a report for `render`: the scenario's figures per group. */
function asReport(base, result) {
  const label = new Map(base.by_category.map((g) => [g.key, g]));
  const group = (d) => ({ key: d.key, label_fr: label.get(d.key)?.label_fr ?? null,
    label_en: label.get(d.key)?.label_en ?? null, impacts: d.scenario });
  return { ...base, totals: { ...base.totals, impacts: result.totals.scenario },
    by_category: result.by_category.map(group), by_department: result.by_department.map(group) };
}

/** The sliders' levers, in the full module (`runScenarios`), loaded the first time a lever
 * moves: the page's first load stays the default module only. */
async function applyScenario() {
  $('lifetime-out').textContent = $('lifetime').value;
  $('refurb-out').textContent = $('refurb').value;
  if (!state.input) return;
  const years = Number($('lifetime').value);
  const share = Number($('refurb').value);
  if (years === 0 && share === 0) {
    ++state.scenarioSeq; // a pending scenario is out of date
    render(state.base, false);
    return;
  }
  const levers = [];
  if (share > 0) levers.push({ lever: 'refurbished_share', share: share / 100 });
  if (years > 0) levers.push({ lever: 'extend_lifetime', years });
  const seq = ++state.scenarioSeq;
  try {
    const { runScenarios, Dataset: FullDataset } = await fullModule();
    if (seq !== state.scenarioSeq) return; // a newer position of the sliders came meanwhile
    // The full module's own embedded dataset of the same id (a module's Dataset objects stay in it).
    const ds = FullDataset.embedded(state.dataset?.info?.id ?? undefined);
    const r = runScenarios(state.input, [{ name: 'dashboard', levers }], options(), ds);
    render(asReport(r.baseline, r.scenarios[0]), true);
  } catch (e) {
    showMessage(t('error')(e));
  }
}

// ---- display ----------------------------------------------------------------------------

function climateOf(group) {
  return group.impacts.climate_change?.total;
}

function render(report, scenario) {
  state.shown = { report, scenario };
  $('results').hidden = false;
  $('scenario-badge').hidden = !scenario;
  $('source-name').textContent = `— ${state.name}, ${report.options.reporting_year}`;
  const c = climateOf(report.totals);
  const total = $('climate-total');
  total.textContent = est(c);
  total.dataset.value = hasValue(c) ? String(c.central) : '';
  $('climate-range').textContent = `[${range(c)}]`;
  $('counts').textContent = t('counts')(report.counts);

  // The core lists the indicators the dataset covers in every phase first; the others are
  // marked † with the phases it covers (their total is not available, never 0).
  const tbody = $('totals').querySelector('tbody');
  const whole = (ind) => (ind.phases_covered ?? []).length === 4;
  const phaseNames = (ind) => (ind.phases_covered ?? []).map((p) => t('phases')[p]).join(', ') || t('notAssessed');
  tbody.replaceChildren(...report.indicators.map((ind) => {
    const e = report.totals.impacts[ind.id]?.total;
    const name = state.lang === 'fr' ? ind.label_fr : ind.label_en;
    const note = whole(ind) ? null : t('incomplete').replace('{p}', phaseNames(ind));
    return el('tr', { 'data-indicator': ind.id, 'data-coverage': whole(ind) ? 'all_phases' : 'incomplete' },
      el('th', { scope: 'row', ...(note ? { title: note } : {}) }, whole(ind) ? name : `${name} †`),
      el('td', {}, ind.unit), el('td', { class: 'num' }, est(e)), el('td', { class: 'num' }, range(e)));
  }));

  const label = (g) => (state.lang === 'fr' ? g.label_fr : g.label_en) ?? g.key;
  chart($('chart-category'), t('byCategory'),
    report.by_category.map((g) => [label(g), climateOf(g)]));
  chart($('chart-department'), t('byDepartment'),
    report.by_department.map((g) => [g.key ?? t('noDepartment'), climateOf(g)]));
  const phases = report.totals.impacts.climate_change ?? {};
  chart($('chart-phase'), t('byPhase'),
    Object.entries(t('phases')).map(([id, name]) => [name, phases[id]]), false);

  $('rejected-count').textContent = String(report.rejected.length);
  $('rejected').querySelector('tbody').replaceChildren(...report.rejected.map((r) =>
    el('tr', {}, el('td', { class: 'num' }, String(r.line)), el('td', {}, r.field ?? ''), el('td', {}, r.message))));

  renderGlpi();

  const baseC = climateOf(state.base.totals);
  $('scenario-result').textContent = scenario ? t('scenario')(est(baseC), est(c)) : t('noScenario');
}

/** The GLPI items left out (excluded, unmapped, unreadable), with the core's reason. */
function renderGlpi() {
  const glpi = state.glpi;
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

/** A horizontal bar chart (SVG) with a text alternative and its data table. */
function chart(figure, title, data, sort = true) {
  // Bars for figures above zero; the table lists every group, "n.d." where not available.
  const rows = data.filter(([, e]) => hasValue(e) && e.central > 0);
  if (sort) rows.sort((a, b) => b[1].central - a[1].central);
  const listed = [...rows, ...data.filter(([, e]) => !(hasValue(e) && e.central > 0))];
  const shown = rows.slice(0, 12);
  const max = Math.max(...shown.map(([, e]) => e.high), 1e-9);
  const W = 680; const bar = 22; const gap = 8; const left = 250; const right = 80;
  const H = shown.length * (bar + gap) + 10;
  const id = figure.id;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  const add = (parent, tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    parent.append(n);
    return n;
  };
  add(svg, 'title', { id: `${id}-title` }, title);
  const top = shown[0] ? `${shown[0][0]}, ${est(shown[0][1])}` : t('nd');
  add(svg, 'desc', { id: `${id}-desc` }, t('chartDesc')(shown.length, top));
  const scale = (v) => ((W - left - right) * v) / max;
  shown.forEach(([name, e], i) => {
    const y = 5 + i * (bar + gap);
    const g = add(svg, 'g', {});
    add(g, 'text', { x: left - 8, y: y + bar * 0.7, 'text-anchor': 'end', class: 'lbl' },
      name.length > 32 ? `${name.slice(0, 31)}…` : name);
    add(g, 'rect', { x: left, y, width: Math.max(scale(e.central), 1), height: bar, class: 'bar' });
    add(g, 'line', { x1: left + scale(e.low), x2: left + scale(e.high), y1: y + bar / 2, y2: y + bar / 2, class: 'whisker' });
    add(g, 'text', { x: left + scale(e.high) + 6, y: y + bar * 0.7, class: 'val' }, est(e));
  });
  const table = el('table', {},
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, t('central')), el('th', { scope: 'col' }, t('range')))),
    el('tbody', {}, ...listed.map(([name, e]) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'num' }, est(e)), el('td', { class: 'num' }, range(e))))));
  figure.replaceChildren(el('figcaption', {}, title), svg, el('details', {}, el('summary', {}, t('table')), table));
}

// ---- new vs refurbished -------------------------------------------------------------------

/** The comparison of the chosen category, once the comparator has been asked for: it lives in
 * the full module (`compareOffers`), loaded then, so that the page's first load stays small. */
async function compare() {
  const id = $('compare-category').value;
  if (!id || !state.comparing) return;
  const seq = ++state.compareSeq;
  const offers = ['new', 'refurbished'].map((condition) => ({ name: condition, device: { category: id, condition } }));
  try {
    const { compareOffers } = await fullModule();
    if (seq !== state.compareSeq) return; // a newer choice came meanwhile
    // The full module's own embedded default dataset: the same as `state.dataset`.
    const c = compareOffers(offers, { reporting_year: options().reporting_year });
    $('compare').querySelector('tbody').replaceChildren(...c.offers.map((o) => {
      const e = o.per_year.climate_change?.total;
      // `null`: not available (a second life whose transport and end of life are unknown).
      const shown = e && typeof e === 'object' ? { status: 'available', ...e } : null;
      return el('tr', { 'data-condition': o.condition, 'data-value': hasValue(shown) ? String(shown.central) : '' },
        el('th', { scope: 'row' }, t(o.condition)), el('td', { class: 'num' }, est(shown)), el('td', { class: 'num' }, range(shown)));
    }));
    const second = c.offers[1];
    const pct = second.difference_percent;
    $('compare-result').textContent = second.difference_kgco2e_per_year === null
      ? t('diff')(t('nd'))
      : (pct === null ? '' : t('diff')(`${pct > 0 ? '+' : ''}${fmt(pct, 2)}`));
  } catch (e) {
    $('compare-result').textContent = t('error')(e);
  }
}

function fillCompare() {
  const select = $('compare-category');
  const current = select.value || 'laptop';
  const cats = [...state.categories.values()].filter((c) => c.refurbishable);
  select.replaceChildren(...cats.map((c) => el('option', { value: c.id }, state.lang === 'fr' ? c.label_fr : c.label_en)));
  if (cats.some((c) => c.id === current)) select.value = current;
  compare();
}

// ---- language -----------------------------------------------------------------------------

function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  for (const n of document.querySelectorAll('[data-i18n]')) {
    const v = T[lang][n.dataset.i18n];
    if (typeof v === 'string') n.textContent = v;
  }
  document.title = lang === 'fr' ? 'empreinte — tableau de bord' : 'empreinte — dashboard';
  const sample = $('sample');
  for (const o of sample.options) {
    const s = SAMPLES.find((x) => x.file === o.value);
    if (s) o.textContent = s[lang];
  }
  $('dataset-info').textContent = t('dataset')(state.dataset.info);
  fillCompare();
  if (state.shown) render(state.shown.report, state.shown.scenario);
}

// ---- start --------------------------------------------------------------------------------

async function main() {
  await init();
  state.dataset = Dataset.embedded();
  for (const c of state.dataset.categories()) state.categories.set(c.id, c);
  for (const s of SAMPLES) $('sample').append(el('option', { value: s.file }, s.fr));

  $('file').addEventListener('change', (e) => loadFiles(e.target.files));
  $('sample').addEventListener('change', (e) => loadSample(e.target.value));
  $('year').addEventListener('change', () => {
    if (state.input) load(state.name, state.input, state.glpi);
    compare();
  });
  $('lifetime').addEventListener('input', applyScenario);
  $('refurb').addEventListener('input', applyScenario);
  $('compare-category').addEventListener('change', compare);
  $('compare-run').addEventListener('click', () => {
    state.comparing = true;
    compare();
  });
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));

  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    loadFiles(e.dataTransfer.files);
  });

  setLang('fr');
  document.body.dataset.ready = '1';
}

main().catch((e) => showMessage(`WebAssembly: ${e.message}`));
