// Tilt sweep: 10k prompts × pools of 1000 × 50 log-spaced β from 1e-4 to 1e4, uniform π0,
// Gaussian proxy and gold with correlation 0.7. The wasm SIMD kernel, its scalar twin, the
// TypeScript reference and numpy (bench/tilt_numpy.py) on the same saved data; every variant
// returns the prompt-mean gold, proxy and KL per β, checked against the wasm result.

import { allocF64, fillNormal, putI32, Stream, tiltBetaGrid, tiltSweep } from '../dist/core/index.js';
import { tiltSweepRef } from '../dist/core/tilt.ref.js';
import { measure, runNumpy, saveInputs } from './harness.js';

const P = 10_000;
const K = 1000;
const B = 50;
const RHO = 0.7;

export default async function () {
  const N = P * K;
  const proxy = allocF64(N);
  const gold = allocF64(N);
  const s = Stream.from('bench', 'tilt');
  fillNormal(s.child('proxy'), proxy);
  fillNormal(s.child('gold'), gold);
  const pv = proxy.view();
  const gv = gold.view();
  const c = Math.sqrt(1 - RHO * RHO);
  for (let i = 0; i < N; i++) gv[i] = RHO * pv[i] + c * gv[i];
  const offsetsJs = Int32Array.from({ length: P + 1 }, (_, p) => p * K);
  const offsets = putI32(offsetsJs);
  const betas = tiltBetaGrid(1e-4, 1e4, B);
  const pools = { offsets, proxy, gold };
  const proxyJs = proxy.toArray();
  const goldJs = gold.toArray();

  const expected = tiltSweep(pools, betas, { perPrompt: false });
  const close = (a, b, tol) => a.every((v, i) => Math.abs(v - b[i]) <= tol * Math.max(1e-12, Math.abs(b[i])));
  const same = (r) =>
    close(r.meanGold, expected.meanGold, 1e-9) && close(r.meanProxy, expected.meanProxy, 1e-9) && close(r.meanKL, expected.meanKL, 1e-7);
  saveInputs(
    'tilt',
    { offsets: offsetsJs, proxy: proxyJs, gold: goldJs, betas },
    {
      expected: { meanGold: Array.from(expected.meanGold), meanProxy: Array.from(expected.meanProxy), meanKL: Array.from(expected.meanKL) },
    },
  );

  const results = {};
  results.wasm = measure('wasm', () => tiltSweep(pools, betas, { perPrompt: false }), same);
  results['wasm scalar twin'] = measure('wasm scalar twin', () => tiltSweep(pools, betas, { perPrompt: false, simd: false }), same);
  results['wasm with per-prompt tables'] = measure('wasm per-prompt', () => tiltSweep(pools, betas), same);
  results['ts reference'] = measure('ts reference', () => tiltSweepRef(offsetsJs, proxyJs, goldJs, betas), same, {
    minSamples: 2,
    maxTime: 1,
  });
  const np = runNumpy('tilt_numpy.py', 'tilt');
  if (np) Object.assign(results, np);

  const ratio = (a, b) => (results[a] && results[b] ? `${(results[a] / results[b]).toFixed(2)}×` : 'n/a');
  const nsPer = ((results.wasm * 1e6) / (N * B)).toFixed(2);
  return {
    kernel: 'tilt',
    size: `${P} prompts × pool ${K} × ${B} β (1e-4 … 1e4, log-spaced), uniform π0, resident inputs`,
    results,
    notes:
      `wasm ${nsPer} ns per (response, β) including log-sum-exp, three weighted sums and KL. ` +
      `numpy ÷ wasm = ${ratio('numpy', 'wasm')} (target ≥ 1.5×); ts reference ÷ wasm = ${ratio('ts reference', 'wasm')} (target ≥ 1.5×); ` +
      `scalar twin ÷ SIMD = ${ratio('wasm scalar twin', 'wasm')}.`,
  };
}
