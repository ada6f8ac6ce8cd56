/**
 * The demo page: the controls become a study config (study.js), runStudy evaluates its proxies in
 * Web Workers (webWorkerPool, the same .wasm as this page), and vega-embed draws the figures.
 * Every number shown is also in a data-value attribute at full precision (the browser test reads them).
 */
import { init, runStudy, webWorkerPool } from 'rmsim';
import embed from 'vega-embed';
import { curveSpec, scatterSpec } from './plots.js';
import { CONTROLS, demoConfig, FAMILIES, nGrid } from './study.ts';

const $ = (id) => document.getElementById(id);
const form = $('controls');
const status = (text, state) => {
  $('status').textContent = text;
  if (state) document.body.dataset.state = state;
};

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A number as shown (fixed decimals) with its exact value in data-value. */
function num(x, digits = 3) {
  const el = document.createElement('span');
  el.dataset.value = String(x);
  el.textContent = Number.isFinite(x) ? x.toFixed(digits) : '–';
  return el;
}

function setUpControls() {
  for (const [name, c] of Object.entries(CONTROLS)) {
    const el = form.elements[name];
    if (el.tagName === 'SELECT') {
      for (const v of c.choices) el.add(new Option(name === 'family' ? FAMILIES[v].label : String(v), String(v)));
    } else Object.assign(el, { min: c.min, max: c.max, step: c.step });
    el.value = new URLSearchParams(location.search).get(name) ?? String(c.default); // ?family=t2&n=32 starts elsewhere
  }
}

/** The controls' values; a value out of range is an error naming the control. */
function readControls() {
  const out = {};
  for (const [name, c] of Object.entries(CONTROLS)) {
    const raw = form.elements[name].value;
    const v = name === 'family' ? raw : Number(raw);
    const inRange = raw.trim() !== '' && v >= c.min && v <= c.max && (c.step !== 1 || Number.isInteger(v));
    if (!(c.choices ? c.choices.includes(v) : inRange)) {
      const want = c.choices ? `one of ${c.choices.join(', ')}` : `a number from ${c.min} to ${c.max}`;
      throw new Error(`${name}: ${raw === '' ? 'is empty' : `'${raw}'`}; give ${want}`);
    }
    out[name] = v;
  }
  return out;
}

function renderTable(rows, n) {
  const table = $('rows');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const h of ['proxy', 'error scale', 'accuracy', `NDR of bon@${n}`, `gold gain at n = ${n}`, `proxy gain at n = ${n}`]) {
    head.appendChild(document.createElement('th')).textContent = h;
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.id = r.id;
    const o = r.outcomes[`bon@${n}`];
    tr.insertCell().textContent = r.id;
    tr.insertCell().append(r.params.scale === undefined ? '–' : num(r.params.scale));
    for (const [key, x] of [
      ['accuracy', r.metrics.main.accuracy],
      ['ndr', o.ndr],
      ['goldGain', o.goldGain],
      ['proxyGain', o.proxyGain],
    ]) {
      const cell = tr.insertCell();
      cell.dataset.key = key;
      cell.append(num(x));
    }
  }
}

let running = false;
let again = false;

async function run() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    const c = readControls();
    const pool = webWorkerPool(Math.min(4, navigator.hardwareConcurrency || 2));
    const t0 = performance.now();
    status(`running in ${pool.size} Web Workers…`, 'running');
    const res = await runStudy(demoConfig(c), {
      pool,
      onProgress: (done, total) => status(`running: ${done} of ${total} proxies (gold included) in ${pool.size} Web Workers…`),
    });
    const seconds = (performance.now() - t0) / 1000;
    const gold = res.rows.find((r) => r.family === 'gold');
    const proxies = res.rows.filter((r) => r.family !== 'gold');
    const key = `bon@${c.n}`;
    const e = res.summary.correlations.find(
      (x) => x.design === 'main' && x.metric === 'accuracy' && x.outcome === key && x.quantity === 'ndr',
    );
    const h = $('headline');
    h.replaceChildren(`Spearman(accuracy, NDR of best-of-${c.n}) over ${proxies.length} proxies: `, num(e.spearman.value, 2), ' [');
    h.append(num(e.spearman.lo, 2), ', ', num(e.spearman.hi, 2), '] (95% bootstrap CI); Pearson ', num(e.pearson.value, 2));
    h.dataset.outcome = key;
    document.body.dataset.controls = JSON.stringify(c); // what the numbers shown are for
    await embed('#scatter', scatterSpec(proxies, c.n), { actions: false });
    await embed('#curve', curveSpec(proxies, gold, nGrid(c.n)), { actions: false });
    renderTable(res.rows, c.n);
    const code = (id, text) => Object.assign(document.createElement('code'), { id, textContent: text });
    const rowsHash = await sha256(JSON.stringify(res.rows));
    $('provenance').replaceChildren(
      `rmsim ${res.provenance.version}, seed ${c.seed}; wasm sha256 `,
      code('wasm-sha256', res.provenance.wasmHash),
      '; rows sha256 ',
      code('rows-sha256', rowsHash),
    );
    status(`done in ${seconds.toFixed(2)} s: ${proxies.length} proxies and gold in ${pool.size} Web Workers`, again ? 'running' : 'done');
  } catch (err) {
    status(`error: ${err?.message ?? String(err)}`, 'error');
  } finally {
    running = false;
    if (again) {
      again = false;
      run();
    }
  }
}

setUpControls();
form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
form.addEventListener('change', () => run());
try {
  await init();
  run();
} catch (err) {
  status(`error: ${err?.message ?? String(err)}`, 'error');
}
