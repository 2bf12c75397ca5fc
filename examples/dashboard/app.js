// empreinte dashboard: every figure comes from the WebAssembly module (evaluation, scenario
// levers, offer comparison). This file reads files and displays results; it computes nothing.
import init, { evaluate, runScenarios, compareOffers, Dataset } from './pkg/empreinte_wasm.js';

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
    inputs: 'Inventaire', file: 'Déposez un inventaire CSV ou JSON ici, ou choisissez un fichier',
    sample: "… ou une commune d'exemple", 'sample-none': '— choisir —', year: 'Année de calcul',
    results: 'Résultats', 'scenario-on': 'Scénario appliqué', climate: 'Changement climatique :',
    'per-year-co2': 'kg CO2e par an', totals: 'Totaux par indicateur (par an)', indicator: 'Indicateur',
    unit: 'Unité', central: 'Valeur centrale', range: 'Fourchette (basse – haute)', scenarios: 'Scénarios',
    'scenario-help': "Les curseurs modifient l'inventaire (durée de vie, état) et le recalculent ; aucune formule n'est appliquée au résultat.",
    lifetime: 'Allongement de la durée de vie', years: 'an(s)', refurb: "Part d'achats reconditionnés",
    rejected: 'Lignes rejetées', line: 'Ligne', field: 'Champ', reason: 'Motif',
    compare: 'Neuf ou reconditionné ?',
    'compare-help': "Impact climat d'un appareil par année de service, neuf ou reconditionné (même catégorie, même usage).",
    category: 'Catégorie', offer: 'Offre', 'climate-per-year': 'Climat par an (kg CO2e)',
    new: 'Neuf', refurbished: 'Reconditionné', nd: 'n.d.', partial: 'partiel',
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
    inputs: 'Inventory', file: 'Drop a CSV or JSON inventory here, or choose a file',
    sample: '… or a sample commune', 'sample-none': '— choose —', year: 'Reporting year',
    results: 'Results', 'scenario-on': 'Scenario applied', climate: 'Climate change:',
    'per-year-co2': 'kg CO2e per year', totals: 'Totals per indicator (per year)', indicator: 'Indicator',
    unit: 'Unit', central: 'Central value', range: 'Range (low – high)', scenarios: 'Scenarios',
    'scenario-help': 'The sliders change the inventory (lifetime, condition) and evaluate it again; no formula is applied to the result.',
    lifetime: 'Lifetime extension', years: 'year(s)', refurb: 'Share of refurbished purchases',
    rejected: 'Rejected rows', line: 'Line', field: 'Field', reason: 'Reason',
    compare: 'New or refurbished?',
    'compare-help': 'Climate impact of one device per year of service, new or refurbished (same category, same usage).',
    category: 'Category', offer: 'Offer', 'climate-per-year': 'Climate per year (kg CO2e)',
    new: 'New', refurbished: 'Refurbished', nd: 'n/a', partial: 'partial',
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
  base: null, shown: null,
};
const t = (key) => T[state.lang][key];

function fmt(x, digits = 3) {
  const locale = state.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const abs = Math.abs(x);
  const opts = abs >= 1000 || abs === 0 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: digits };
  return new Intl.NumberFormat(locale, opts).format(x);
}

/** An estimate as text: "n.d." when not available, central value otherwise. */
function est(e) {
  if (!e || e.status === 'not_available') return t('nd');
  return fmt(e.central) + (e.status === 'partial' ? ` (${t('partial')})` : '');
}

function range(e) {
  if (!e || e.status === 'not_available') return t('nd');
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

/** Reads and evaluates an inventory (bytes or text); on error keeps the previous result. */
function load(name, input) {
  $('status').textContent = t('loading')(name);
  const start = performance.now();
  try {
    const report = evaluate(input, options(), state.dataset);
    state.input = input;
    state.name = name;
    state.base = report;
    $('lifetime').value = '0';
    $('refurb').value = '0';
    showMessage('');
    render(report, false);
    $('status').textContent = t('done')(name, Math.round(performance.now() - start));
  } catch (e) {
    showMessage(t('error')(e));
    $('status').textContent = '';
  }
}

async function loadFile(file) {
  if (!file) return;
  load(file.name, new Uint8Array(await file.arrayBuffer()));
}

async function loadSample(fileName) {
  if (!fileName) return;
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

function applyScenario() {
  $('lifetime-out').textContent = $('lifetime').value;
  $('refurb-out').textContent = $('refurb').value;
  if (!state.input) return;
  const years = Number($('lifetime').value);
  const share = Number($('refurb').value);
  if (years === 0 && share === 0) {
    render(state.base, false);
    return;
  }
  const levers = [];
  if (share > 0) levers.push({ lever: 'refurbished_share', share: share / 100 });
  if (years > 0) levers.push({ lever: 'extend_lifetime', years });
  try {
    const r = runScenarios(state.input, [{ name: 'dashboard', levers }], options(), state.dataset);
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
  total.dataset.value = c && c.status !== 'not_available' ? String(c.central) : '';
  $('climate-range').textContent = `[${range(c)}]`;
  $('counts').textContent = t('counts')(report.counts);

  const tbody = $('totals').querySelector('tbody');
  tbody.replaceChildren(...report.indicators.map((ind) => {
    const e = report.totals.impacts[ind.id]?.total;
    return el('tr', {},
      el('th', { scope: 'row' }, state.lang === 'fr' ? ind.label_fr : ind.label_en),
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

  const baseC = climateOf(state.base.totals);
  $('scenario-result').textContent = scenario ? t('scenario')(est(baseC), est(c)) : t('noScenario');
}

/** A horizontal bar chart (SVG) with a text alternative and its data table. */
function chart(figure, title, data, sort = true) {
  const rows = data.filter(([, e]) => e && e.status !== 'not_available' && e.central > 0);
  if (sort) rows.sort((a, b) => b[1].central - a[1].central);
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
    el('tbody', {}, ...rows.map(([name, e]) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'num' }, est(e)), el('td', { class: 'num' }, range(e))))));
  figure.replaceChildren(el('figcaption', {}, title), svg, el('details', {}, el('summary', {}, t('table')), table));
}

// ---- new vs refurbished -------------------------------------------------------------------

function compare() {
  const id = $('compare-category').value;
  if (!id) return;
  const offers = ['new', 'refurbished'].map((condition) => ({ name: condition, device: { category: id, condition } }));
  try {
    const c = compareOffers(offers, { reporting_year: options().reporting_year }, state.dataset);
    $('compare').querySelector('tbody').replaceChildren(...c.offers.map((o) => {
      const e = o.per_year.climate_change?.total;
      const shown = e ? { status: 'available', ...e } : null;
      return el('tr', { 'data-condition': o.condition, 'data-value': e?.central ?? '' },
        el('th', { scope: 'row' }, t(o.condition)), el('td', { class: 'num' }, est(shown)), el('td', { class: 'num' }, range(shown)));
    }));
    const pct = c.offers[1].difference_percent;
    $('compare-result').textContent = pct === null ? '' : t('diff')(`${pct > 0 ? '+' : ''}${fmt(pct, 2)}`);
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

  $('file').addEventListener('change', (e) => loadFile(e.target.files[0]));
  $('sample').addEventListener('change', (e) => loadSample(e.target.value));
  $('year').addEventListener('change', () => {
    if (state.input) load(state.name, state.input);
    compare();
  });
  $('lifetime').addEventListener('input', applyScenario);
  $('refurb').addEventListener('input', applyScenario);
  $('compare-category').addEventListener('change', compare);
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));

  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    loadFile(e.dataTransfer.files[0]);
  });

  setLang('fr');
  document.body.dataset.ready = '1';
}

main().catch((e) => showMessage(`WebAssembly: ${e.message}`));
