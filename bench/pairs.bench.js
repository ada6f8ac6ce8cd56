// Pairwise accuracy over 10M explicit pairs: the SIMD kernel (with its fused finiteness check),
// its scalar twin, a streaming sum over the same 4×10M doubles (the memory-bandwidth floor),
// the TypeScript reference and numpy's vectorized equivalent, all on the same data.

import { allocF64, fillNormal, pairwiseAccuracy, Stream, sum4 } from '../dist/core/index.js';
import { pairwiseAccuracyRef } from '../dist/core/pairs.ref.js';
import { measure, runNumpy, saveInputs } from './harness.js';

const M = 10_000_000;
const RHO = 0.7;

export default async function () {
  // inputs (outside timed regions): Gaussian gold/proxy with correlation RHO, proxy rounded to
  // 1e-3 so that some pairs are proxy ties; resident in wasm memory, used in place.
  const bufs = ['ga', 'gb', 'pa', 'pb'].map(() => allocF64(M));
  const s = Stream.from('bench', 'pairs');
  for (const b of bufs) fillNormal(s.child(bufs.indexOf(b)), b);
  const [ga, gb, pa, pb] = bufs;
  const c = Math.sqrt(1 - RHO * RHO);
  for (const [g, p] of [
    [ga, pa],
    [gb, pb],
  ]) {
    const gv = g.view(),
      pv = p.view();
    for (let i = 0; i < M; i++) pv[i] = Math.round((RHO * gv[i] + c * pv[i]) * 1000) / 1000;
  }
  const js = bufs.map((b) => b.toArray());
  const expected = pairwiseAccuracyRef(js[0], js[1], js[2], js[3], 'strict');
  const same = (r) =>
    r.concordant === expected.concordant &&
    r.discordant === expected.discordant &&
    r.proxyTies === expected.proxyTies &&
    r.goldTies === expected.goldTies;
  saveInputs(
    'pairs',
    { ga: js[0], gb: js[1], pa: js[2], pb: js[3] },
    {
      expected: {
        goldTies: expected.goldTies,
        concordant: expected.concordant,
        discordant: expected.discordant,
        proxyTies: expected.proxyTies,
      },
    },
  );
  const sumExpected = sum4(ga, gb, pa, pb);

  const results = {};
  results.wasm = measure('wasm', () => pairwiseAccuracy(ga, gb, pa, pb, 'strict'), same);
  results['wasm scalar twin'] = measure('wasm scalar twin', () => pairwiseAccuracy(ga, gb, pa, pb, 'strict', { kernel: 'scalar' }), same);
  results['wasm sum4_f64 (bandwidth floor)'] = measure(
    'wasm sum4_f64',
    () => sum4(ga, gb, pa, pb),
    (v) => v === sumExpected,
  );
  results['ts reference'] = measure('ts reference', () => pairwiseAccuracyRef(js[0], js[1], js[2], js[3], 'strict'), same);
  const np = runNumpy('pairs_numpy.py', 'pairs');
  if (np) Object.assign(results, np);

  const r = (a, b) => (results[a] && results[b] ? `${(results[a] / results[b]).toFixed(2)}×` : 'n/a');
  return {
    kernel: 'pairs',
    size: `${M / 1e6}M pairs (4 × ${M / 1e6}M f64, resident in wasm memory), tie policy strict`,
    results,
    notes: [
      `wasm = pairwiseAccuracy() end to end, including the finiteness check fused into the kernel pass.`,
      `Targets: numpy ÷ wasm ≥ 2.5 (got ${r('numpy', 'wasm')}); wasm ÷ sum4 ≤ 1.3 (got ${r('wasm', 'wasm sum4_f64 (bandwidth floor)')}); ts ÷ wasm ≥ 1.5 (got ${r('ts reference', 'wasm')}).`,
    ].join(' '),
  };
}
