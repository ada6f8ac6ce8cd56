// Browser smoke test: the library bundled for a browser (vite), run in headless Chromium by run.sh.
// It runs kernels and a whole study, and writes a RESULT line that run.sh compares with Node.
import { pairwiseAccuracy, preset, runStudy, Stream, normal, wasmHash } from '../../dist/index.js';

const out = {};
try {
  const s = Stream.from(1, 'browser');
  const g = normal(s.child('g'), 10000);
  const e = normal(s.child('e'), 10000);
  const p = g.map((v, i) => v + e[i]);
  out.accuracy = pairwiseAccuracy(g.subarray(0, 5000), g.subarray(5000), p.subarray(0, 5000), p.subarray(5000), 'half').accuracy;
  out.wasmHash = await wasmHash();
  const res = await runStudy(preset('quick'));
  out.rows = res.rows.length;
  out.spearman = res.summary.correlations.find((c) => c.design === 'main' && c.metric === 'accuracy' && c.outcome === 'bon@8').spearman.value;
} catch (err) {
  out.error = String((err && err.stack) || err);
}
document.body.textContent = 'RESULT ' + JSON.stringify(out);
