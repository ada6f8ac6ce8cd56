/**
 * Where a design's k responses per prompt come from (stage 2 of building an eval set):
 * - 'pool': k of the prompt's pool uniformly without replacement (weighted by π0 when the pools
 *   carry log π0: successive sampling);
 * - 'shifted': another model's samples — successive sampling with weight π0·exp(shift·z), z the
 *   gold standardized within the prompt's pool;
 * - 'rank-bins': the pool sorted by gold is cut into equal rank bins; responses come from bins
 *   binA and binB (Wen et al. 2025, Table 3).
 */

import { configError } from '../config.js';
import { sampleGroups, uniform } from '../core/rng.js';
import { argsort } from '../core/sort.js';
import type { Stream } from '../core/stream.js';
import type { Pools, Scores } from '../data/pools.js';
import { binCounts } from './budget.js';
import type { EvalDesign } from './schema.js';

/**
 * Successive sampling without replacement of k of the items [lo, hi) with weights exp(logW[i])
 * by the Gumbel-top-k trick (Vieira 2014; Kool et al. 2019): the k largest logW[i] + Gumbel are
 * an exact draw. `u` holds one uniform per item. Returns local indices, ascending.
 */
function gumbelTopK(logW: Float64Array, u: Float64Array, lo: number, hi: number, k: number): number[] {
  const n = hi - lo;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // −log(−log U) is Gumbel(0, 1); U = 0 gives −∞ (never preferred to a finite key)
    keys[i] = logW[lo + i] - Math.log(-Math.log(u[lo + i]));
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  // descending key, ties by index (only −∞ keys can tie in practice)
  idx.sort((a, b) => (keys[b] > keys[a] ? 1 : keys[b] < keys[a] ? -1 : a - b));
  return idx.slice(0, k).sort((a, b) => a - b);
}

/** Within-pool standardized gold z (population sd; z = 0 when the pool's gold is constant). */
function standardizedGold(gold: Float64Array, lo: number, hi: number): Float64Array {
  const n = hi - lo;
  const out = new Float64Array(n);
  let mean = 0;
  for (let i = lo; i < hi; i++) mean += gold[i];
  mean /= n;
  let ss = 0;
  for (let i = lo; i < hi; i++) ss += (gold[i] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  for (let i = lo; i < hi; i++) out[i - lo] = sd > 0 ? (gold[i] - mean) / sd : 0;
  return out;
}

/**
 * The k responses of each chosen prompt (indices into the pools' responses, group after group),
 * drawn from `stream`. `at` names the design in errors.
 */
export function pickResponses(design: EvalDesign, pools: Pools, gold: Scores, prompts: Int32Array, stream: Stream, at: string): Int32Array {
  const { k } = design;
  const M = prompts.length;
  const poolLo = (g: number): number => pools.offsets[prompts[g]];
  const poolSize = (g: number): number => pools.offsets[prompts[g] + 1] - pools.offsets[prompts[g]];
  const responses = new Int32Array(M * k);
  if (design.source === 'pool' && pools.logPi0 === null) {
    const off = new Int32Array(M + 1);
    for (let g = 0; g < M; g++) off[g + 1] = off[g] + poolSize(g);
    const local = sampleGroups(stream, off, new Int32Array(M).fill(k));
    for (let g = 0; g < M; g++) for (let j = 0; j < k; j++) responses[g * k + j] = poolLo(g) + local[g * k + j];
  } else if (design.source === 'pool' || design.source === 'shifted') {
    // successive sampling with weights π0 · exp(shift · z) by Gumbel-top-k; uniforms for every
    // response of the chosen pools, in group order
    let total = 0;
    for (let g = 0; g < M; g++) total += poolSize(g);
    const u = uniform(stream, total);
    const logW = new Float64Array(total);
    let base = 0;
    for (let g = 0; g < M; g++) {
      const lo = poolLo(g);
      const n = poolSize(g);
      if (design.source === 'shifted') {
        const z = standardizedGold(gold, lo, lo + n);
        for (let i = 0; i < n; i++) logW[base + i] = design.shift * z[i];
      }
      if (pools.logPi0 !== null) for (let i = 0; i < n; i++) logW[base + i] += pools.logPi0[lo + i];
      const picked = gumbelTopK(logW, u, base, base + n, k);
      for (let j = 0; j < k; j++) responses[g * k + j] = lo + picked[j];
      base += n;
    }
  } else {
    // rank-bins: sort each pool by gold (descending, ties by index), cut into B bins, draw nA
    // from binA and nB from binB uniformly without replacement (one sampleGroups call, two
    // virtual groups per prompt)
    const { bins: B, binA, binB } = design;
    if (binA >= B || binB >= B || binA === binB) configError(`${at}.binB`, `bins ${binA} and ${binB} must differ and be < ${B}`);
    const [nA, nB] = binCounts(design);
    const order: Int32Array[] = [];
    const off = new Int32Array(2 * M + 1);
    const ks = new Int32Array(2 * M);
    const binStart = (K: number, b: number): number => Math.floor((b * K) / B);
    for (let g = 0; g < M; g++) {
      const lo = poolLo(g);
      const K = poolSize(g);
      const neg = new Float64Array(K);
      for (let i = 0; i < K; i++) neg[i] = -gold[lo + i];
      order.push(argsort(neg));
      const sizeA = binStart(K, binA + 1) - binStart(K, binA);
      const sizeB = binStart(K, binB + 1) - binStart(K, binB);
      if (sizeA < nA || sizeB < nB) {
        configError(`${at}.k`, `needs ${nA} + ${nB} responses from bins of ${sizeA} and ${sizeB} (eval prompt ${prompts[g]}, pool ${K})`);
      }
      off[2 * g + 1] = off[2 * g] + sizeA;
      off[2 * g + 2] = off[2 * g + 1] + sizeB;
      ks[2 * g] = nA;
      ks[2 * g + 1] = nB;
    }
    const local = sampleGroups(stream, off, ks);
    let t = 0;
    for (let g = 0; g < M; g++) {
      const lo = poolLo(g);
      const K = poolSize(g);
      const sA = binStart(K, binA);
      const sB = binStart(K, binB);
      const ranked: number[] = [];
      for (let j = 0; j < nA; j++) ranked.push(order[g][sA + local[t++]]);
      for (let j = 0; j < nB; j++) ranked.push(order[g][sB + local[t++]]);
      // keep the binA responses first only where the pairing needs the split; otherwise pool order
      if (design.pairing !== 'chosen-rejected') ranked.sort((a, b) => a - b);
      for (let j = 0; j < k; j++) responses[g * k + j] = lo + ranked[j];
    }
  }
  return responses;
}
