// Compares the browser's RESULT (argv[2], JSON) with the same computations in Node; exit 1 if they differ.
import { createHash } from 'node:crypto';
import { preset, runStudy, summaryJson, wasmHash } from '../../dist/index.js';

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const browser = JSON.parse(process.argv[2] || '{}');
if (browser.error || !browser.rows) {
  console.error('browser check failed:', browser.error ?? 'no result');
  process.exit(1);
}
const res = await runStudy(preset('quick'));
const node = res.summary.correlations.find((c) => c.design === 'main' && c.metric === 'accuracy' && c.outcome === 'bon@8').spearman.value;
const hash = await wasmHash();
const mine = { rows: res.rows.length, spearman: node, wasmHash: hash, summarySha256: sha256(summaryJson(res.summary)) };
// rows: the same bytes, or (a different V8) values within 1e-12 relative — JS Math.exp may differ
// in the last bit between engines, and tiltAtKL's interpolation and the ECE use it
let maxRel = 0;
const walk = (x, y) => {
  if (typeof x === 'number') maxRel = Math.max(maxRel, x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  else if (x && typeof x === 'object') for (const k of Object.keys(x)) walk(x[k], y?.[k]);
  else if (x !== y) maxRel = Infinity;
};
walk(JSON.parse(JSON.stringify(res.rows)), JSON.parse(browser.rowsJson.replace(/&quot;/g, '"')));
const identical = browser.rowsSha256 === sha256(JSON.stringify(res.rows));
const same = Object.entries(mine).every(([k, v]) => browser[k] === v) && maxRel <= 1e-12;
delete browser.rowsJson;
console.log(
  same
    ? `browser check: summary.json bytes identical in Chromium and Node; rows ${identical ? 'identical' : `within ${maxRel.toExponential(1)} relative (last-bit differences of JS Math between V8 versions)`}`
    : 'browser check: results differ',
  JSON.stringify({ browser, node: mine, maxRel }),
);
process.exit(same ? 0 : 1);
