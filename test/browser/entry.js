// Browser smoke test: the library bundled for a browser (vite), run in headless Chromium by run.sh.
// It runs kernels and a whole study, and writes a RESULT line that run.sh compares with Node.
import { normal, pairwiseAccuracy, Stream } from '../../dist/core/index.js';
import { init, preset, runStudy, summaryJson, wasmHash } from '../../dist/index.js';

const sha256 = async (text) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

const out = {};
try {
  await init();
  const s = Stream.from(1, 'browser');
  const g = normal(s.child('g'), 10000);
  const e = normal(s.child('e'), 10000);
  const p = g.map((v, i) => v + e[i]);
  out.accuracy = pairwiseAccuracy(g.subarray(0, 5000), g.subarray(5000), p.subarray(0, 5000), p.subarray(5000), 'half').accuracy;
  out.wasmHash = await wasmHash();
  const res = await runStudy(preset('quick'));
  out.rows = res.rows.length;
  out.rowsSha256 = await sha256(JSON.stringify(res.rows));
  out.rowsJson = JSON.stringify(res.rows);
  out.summarySha256 = await sha256(summaryJson(res.summary));
  out.spearman = res.summary.correlations.find(
    (c) => c.design === 'main' && c.metric === 'accuracy' && c.outcome === 'bon@8',
  ).spearman.value;
} catch (err) {
  out.error = String(err?.stack || err);
}
document.body.textContent = `RESULT ${JSON.stringify(out)}`;
