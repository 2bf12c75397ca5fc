// Charts as inline SVG, each with a text alternative (title, description) and its data table:
// a chart only draws the module's figures; the table lists every group, "n.d." where a figure is
// not available (never 0). `f` gives the words and the number formatting of the page's language.

const NS = 'http://www.w3.org/2000/svg';

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function svgNode(parent, tag, attrs, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  parent.append(n);
  return n;
}

/** Whether an estimate has a number (not `not_available`, not `included_in_manufacturing`). */
export function hasValue(e) {
  return Boolean(e) && typeof e === 'object' && typeof e.central === 'number';
}

/** `data-value` of a figure: its exact central value, empty when not available. */
export function dataValue(e) {
  return hasValue(e) ? String(e.central) : '';
}

function svg(id, title, desc, width, height) {
  const s = document.createElementNS(NS, 'svg');
  s.setAttribute('viewBox', `0 0 ${width} ${height}`);
  s.setAttribute('role', 'img');
  s.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  svgNode(s, 'title', { id: `${id}-title` }, title);
  svgNode(s, 'desc', { id: `${id}-desc` }, desc);
  return s;
}

/**
 * A horizontal bar chart: `rows` are `[name, estimate, attrs]` (attrs go on the table row).
 * Bars for figures above zero, with their range as a whisker.
 */
export function barChart(figure, title, rows, f, { sort = true } = {}) {
  const drawn = rows.filter(([, e]) => hasValue(e) && e.central > 0);
  if (sort) drawn.sort((a, b) => b[1].central - a[1].central);
  const listed = [...drawn, ...rows.filter(([, e]) => !(hasValue(e) && e.central > 0))];
  const shown = drawn.slice(0, 12);
  const max = Math.max(...shown.map(([, e]) => (hasValue(e) && typeof e.high === 'number' ? e.high : e.central)), 1e-9);
  const W = 720; const bar = 22; const gap = 8; const left = 250; const right = 160;
  const H = shown.length * (bar + gap) + 10;
  const id = figure.id;
  const top = shown[0] ? `${shown[0][0]}, ${f.est(shown[0][1])}` : f.nd;
  const s = svg(id, title, f.chartDesc(shown.length, top), W, Math.max(H, 20));
  const scale = (v) => ((W - left - right) * v) / max;
  shown.forEach(([name, e], i) => {
    const y = 5 + i * (bar + gap);
    const g = svgNode(s, 'g', {});
    svgNode(g, 'text', { x: left - 8, y: y + bar * 0.7, 'text-anchor': 'end', class: 'lbl' },
      name.length > 32 ? `${name.slice(0, 31)}…` : name);
    svgNode(g, 'rect', { x: left, y, width: Math.max(scale(e.central), 1), height: bar, class: 'bar' });
    const hi = typeof e.high === 'number' ? e.high : e.central;
    const lo = typeof e.low === 'number' ? e.low : e.central;
    svgNode(g, 'line', { x1: left + scale(lo), x2: left + scale(hi), y1: y + bar / 2, y2: y + bar / 2, class: 'whisker' });
    svgNode(g, 'text', { x: left + scale(hi) + 6, y: y + bar * 0.7, class: 'val' }, f.est(e));
  });
  const table = el('table', {},
    el('caption', { class: 'sr-only' }, title),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, f.name), el('th', { scope: 'col' }, f.centralHead), el('th', { scope: 'col' }, f.rangeHead))),
    el('tbody', {}, ...listed.map(([name, e, attrs = {}]) => el('tr', attrs,
      el('th', { scope: 'row' }, name),
      el('td', { class: 'num', 'data-value': dataValue(e) }, f.est(e)),
      el('td', { class: 'num' }, f.range(e))))));
  figure.replaceChildren(el('figcaption', {}, title), s, el('details', {}, el('summary', {}, f.table), el('div', { class: 'table-wrap' }, table)));
}

/**
 * A line chart of series over years, each line its central values with its range as a band;
 * `series` are `{name, points: [{year, e}]}`. Its table: one row per year, for each series the
 * central value and the range (`data-series`, `data-year`, `data-value` on each figure).
 */
export function lineChart(figure, title, series, f) {
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const values = series.flatMap((s) => s.points.flatMap((p) => (hasValue(p.e) ? [p.e.low ?? p.e.central, p.e.high ?? p.e.central] : [])));
  const max = Math.max(...values, 1e-9);
  const W = 680; const H = 300; const left = 80; const right = 20; const top = 15; const bottom = 40;
  const x = (year) => left + ((W - left - right) * (years.length > 1 ? (year - years[0]) / (years.at(-1) - years[0]) : 0.5));
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const id = figure.id;
  const s = svg(id, title, f.lineDesc(series.length, years[0], years.at(-1)), W, H);
  // Axes: the years below, zero and the maximum on the left.
  svgNode(s, 'line', { x1: left, x2: W - right, y1: y(0), y2: y(0), class: 'axis' });
  svgNode(s, 'line', { x1: left, x2: left, y1: top, y2: y(0), class: 'axis' });
  for (const v of [0, max / 2, max]) {
    svgNode(s, 'text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'lbl' }, f.fmt(v));
  }
  const step = Math.ceil(years.length / 8);
  years.forEach((yr, i) => {
    if (i % step === 0 || i === years.length - 1) svgNode(s, 'text', { x: x(yr), y: H - bottom + 18, 'text-anchor': 'middle', class: 'lbl' }, String(yr));
  });
  series.forEach((ser, k) => {
    const pts = ser.points.filter((p) => hasValue(p.e));
    if (!pts.length) return;
    const band = [...pts.map((p) => `${x(p.year)},${y(p.e.high ?? p.e.central)}`), ...[...pts].reverse().map((p) => `${x(p.year)},${y(p.e.low ?? p.e.central)}`)];
    svgNode(s, 'polygon', { points: band.join(' '), class: `band s${k}` });
    svgNode(s, 'polyline', { points: pts.map((p) => `${x(p.year)},${y(p.e.central)}`).join(' '), class: `line s${k}` });
    for (const p of pts) svgNode(s, 'circle', { cx: x(p.year), cy: y(p.e.central), r: 3.5, class: `dot s${k}` });
  });
  const legend = el('ul', { class: 'legend' }, ...series.map((ser, k) => el('li', {}, el('span', { class: `key s${k}`, 'aria-hidden': 'true' }), ser.name)));
  const head = el('tr', {}, el('th', { scope: 'col' }, f.year),
    ...series.flatMap((ser) => [el('th', { scope: 'col' }, `${ser.name} — ${f.centralHead}`), el('th', { scope: 'col' }, `${ser.name} — ${f.rangeHead}`)]));
  const rows = years.map((yr) => el('tr', { 'data-year': String(yr) }, el('th', { scope: 'row' }, String(yr)),
    ...series.flatMap((ser, k) => {
      const e = ser.points.find((p) => p.year === yr)?.e;
      return [el('td', { class: 'num', 'data-series': String(k), 'data-year': String(yr), 'data-value': dataValue(e) }, f.est(e)),
        el('td', { class: 'num' }, f.range(e))];
    })));
  const table = el('table', {}, el('caption', { class: 'sr-only' }, title), el('thead', {}, head), el('tbody', {}, ...rows));
  figure.replaceChildren(el('figcaption', {}, title), s, legend,
    el('details', { open: '' }, el('summary', {}, f.table), el('div', { class: 'table-wrap' }, table)));
}
