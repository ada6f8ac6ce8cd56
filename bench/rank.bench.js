// Grouped all-pairs statistics, 1000 groups × 1000 values: the wasm kernel (counts, τ_b,
// Spearman, Pearson per group), Knight's algorithm in TypeScript, and a scipy.stats.kendalltau
// loop over the same groups.

import { allocF64, fillNormal, groupStats, putI32, Stream, uniformOffsets } from '../dist/core/index.js';
import { groupStatsKnightRef } from '../dist/core/rank.ref.js';
import { measure, runNumpy, saveInputs } from './harness.js';

const G = 1000;
const K = 1000;
const RHO = 0.6;

export default async function () {
  const n = G * K;
  // gold continuous; proxy = RHO·gold + noise, rounded to 1e-2 so that groups have y ties
  const x = allocF64(n),
    y = allocF64(n);
  fillNormal(Stream.from('bench', 'rank', 'x'), x);
  fillNormal(Stream.from('bench', 'rank', 'e'), y);
  const xv = x.view(),
    yv = y.view();
  const c = Math.sqrt(1 - RHO * RHO);
  for (let i = 0; i < n; i++) yv[i] = Math.round((RHO * xv[i] + c * yv[i]) * 100) / 100;
  const offsetsJs = uniformOffsets(G, K);
  const offsets = putI32(offsetsJs);
  const xj = x.toArray(),
    yj = y.toArray();
  const expected = groupStatsKnightRef(xj, yj, offsetsJs);
  const same = (r) =>
    r.discordant.every((v, g) => v === expected.discordant[g]) && r.tauB.every((v, g) => Math.abs(v - expected.tauB[g]) < 1e-12);
  saveInputs('rank', { x: xj, y: yj, offsets: offsetsJs }, { G, K, tauB: Array.from(expected.tauB) });

  const results = {};
  results.wasm = measure('wasm', () => groupStats(x, y, offsets), same);
  results['ts reference (Knight)'] = measure('ts reference (Knight)', () => groupStatsKnightRef(xj, yj, offsetsJs), same);
  results['ts reference'] = results['ts reference (Knight)'];
  const np = runNumpy('rank_numpy.py', 'rank');
  if (np) Object.assign(results, np);
  delete results['ts reference (Knight)'];

  const r = (a, b) => (results[a] && results[b] ? `${(results[a] / results[b]).toFixed(2)}×` : 'n/a');
  return {
    kernel: 'rank',
    size: `${G} groups × ${K} values (gold normal, proxy with ρ = ${RHO} rounded to 0.01)`,
    results,
    notes: [
      'wasm = groupStats() end to end: per group C, D, n1, n2, n3, Kendall τ_b, Spearman and Pearson, with input validation.',
      "ts reference = Knight's O(k log k) algorithm in TypeScript computing the same statistics (the O(k²) brute force is the test reference).",
      'numpy = a Python loop of scipy.stats.kendalltau over the groups (τ_b only).',
      `Targets: numpy ÷ wasm ≥ 3 (got ${r('numpy', 'wasm')}); ts ÷ wasm ≥ 1.5 (got ${r('ts reference', 'wasm')}).`,
    ].join(' '),
  };
}
