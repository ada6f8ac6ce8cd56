/**
 * Plain-TypeScript reference for tilt.ts: the definitions written out directly, one prompt and
 * one β at a time (log-sum-exp with the exact max, KL as Σ π log(π/π0)). For tests and benchmarks.
 */
export interface TiltRefResult {
  /** Per prompt × β, row-major [p·B + b]. */
  gold: Float64Array;
  proxy: Float64Array;
  kl: Float64Array;
  /** Per β, mean over prompts. */
  meanGold: Float64Array;
  meanProxy: Float64Array;
  meanKL: Float64Array;
  /** Per prompt: π0 means and KL of the β → 0 limit (argmax set, ties sharing π0 mass). */
  baseGold: Float64Array;
  baseProxy: Float64Array;
  maxKL: Float64Array;
}

export function tiltSweepRef(
  offsets: ArrayLike<number>,
  proxy: ArrayLike<number>,
  gold: ArrayLike<number>,
  betas: ArrayLike<number>,
  logPi0?: ArrayLike<number>,
): TiltRefResult {
  const P = offsets.length - 1;
  const B = betas.length;
  const res: TiltRefResult = {
    gold: new Float64Array(P * B),
    proxy: new Float64Array(P * B),
    kl: new Float64Array(P * B),
    meanGold: new Float64Array(B),
    meanProxy: new Float64Array(B),
    meanKL: new Float64Array(B),
    baseGold: new Float64Array(P),
    baseProxy: new Float64Array(P),
    maxKL: new Float64Array(P),
  };
  for (let p = 0; p < P; p++) {
    const lo = offsets[p];
    const K = offsets[p + 1] - lo;
    // normalized log π0
    const lp = new Float64Array(K);
    for (let i = 0; i < K; i++) lp[i] = logPi0 ? logPi0[lo + i] : 0;
    const lz0 = logSumExpRef(lp);
    for (let i = 0; i < K; i++) lp[i] -= lz0;
    let rmax = -Infinity;
    for (let i = 0; i < K; i++) rmax = Math.max(rmax, proxy[lo + i]);
    let g0 = 0;
    let r0 = 0;
    let top = 0;
    for (let i = 0; i < K; i++) {
      const w = Math.exp(lp[i]);
      g0 += w * gold[lo + i];
      r0 += w * proxy[lo + i];
      if (proxy[lo + i] === rmax) top += w;
    }
    res.baseGold[p] = g0;
    res.baseProxy[p] = r0;
    res.maxKL[p] = -Math.log(top);
    for (let b = 0; b < B; b++) {
      const t = new Float64Array(K);
      for (let i = 0; i < K; i++) t[i] = lp[i] + proxy[lo + i] / betas[b];
      const lz = logSumExpRef(t);
      let eg = 0;
      let er = 0;
      let kl = 0;
      for (let i = 0; i < K; i++) {
        const logPi = t[i] - lz;
        const pi = Math.exp(logPi);
        eg += pi * gold[lo + i];
        er += pi * proxy[lo + i];
        if (pi > 0) kl += pi * (logPi - lp[i]);
      }
      const cell = p * B + b;
      res.gold[cell] = eg;
      res.proxy[cell] = er;
      res.kl[cell] = Math.max(0, kl);
      res.meanGold[b] += eg;
      res.meanProxy[b] += er;
      res.meanKL[b] += res.kl[cell];
    }
  }
  for (let b = 0; b < B; b++) {
    res.meanGold[b] /= P;
    res.meanProxy[b] /= P;
    res.meanKL[b] /= P;
  }
  return res;
}

/** log Σ exp(x_i), shifted by the max. */
export function logSumExpRef(x: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) m = Math.max(m, x[i]);
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
  return m + Math.log(s);
}
