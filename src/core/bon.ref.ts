/**
 * Plain-TypeScript reference for assembly/bon.ts, written independently of the kernel's tricks:
 * block by block over proxy-tie blocks, the block's selection probability being the sum of its
 * ranks' closed-form weights — C(i−1, n−1)/C(K, n) by a log-factorial table without replacement,
 * (i/K)^n − ((i−1)/K)^n with replacement — or F_end^n − F_start^n for non-uniform π0, shared
 * inside the block in proportion to π0. Rank weights of uniform pools are cached per K.
 * The Monte Carlo reference consumes the stream exactly as bon_mc does (XoshiroRef.nextBelow per
 * draw), bit for bit.
 */
import { XoshiroRef } from './rng.ref.js';
import type { Stream } from './stream.js';

export interface BonPoolsRef {
  offsets: ArrayLike<number>;
  gold: ArrayLike<number>;
  proxy: ArrayLike<number>;
}

export interface BonExactRefResult {
  gold: Float64Array;
  proxy: Float64Array;
  kl: Float64Array;
  meanGold: Float64Array;
  meanProxy: Float64Array;
  meanKL: Float64Array;
}

function means(x: Float64Array, P: number, N: number): Float64Array {
  const out = new Float64Array(N);
  for (let p = 0; p < P; p++) for (let j = 0; j < N; j++) out[j] += x[p * N + j] / P;
  return out;
}

/** log k! for k = 0..K (a running sum of logs). */
function logFactorials(K: number): Float64Array {
  const lf = new Float64Array(K + 1);
  for (let k = 2; k <= K; k++) lf[k] = lf[k - 1] + Math.log(k);
  return lf;
}

function logChoose(lf: Float64Array, a: number, b: number): number {
  return b < 0 || b > a ? -Infinity : lf[a] - lf[b] - lf[a - b];
}

/**
 * Per-rank selection probabilities for a uniform pool of K, one row per n: without replacement
 * C(i−1, n−1)/C(K, n) from the log-factorial table, with replacement (i/K)^n − ((i−1)/K)^n.
 */
function rankWeights(lf: Float64Array, K: number, ns: ArrayLike<number>, replacement: 'with' | 'without'): Float64Array[] {
  return Array.from(ns as ArrayLike<number>, (n) => {
    const w = new Float64Array(K);
    const lcK = logChoose(lf, K, n);
    for (let i = 1; i <= K; i++) {
      w[i - 1] = replacement === 'without' ? Math.exp(logChoose(lf, i - 1, n - 1) - lcK) : (i / K) ** n - ((i - 1) / K) ** n;
    }
    return w;
  });
}

/**
 * KL of best-of-n from the π0 a uniform pool of K stands in for (bonExact 'without'): an untied
 * response spanning the proxy CDF from a to c is a continuous piece, contributing
 * ∫_a^c n u^(n−1)·log(n u^(n−1)) du = H(c) − H(a) with H(u) = u^n·(log n + (n−1) log u − (n−1)/n);
 * a block of t tied responses is an atom of mass t/K selected with P = c^n − a^n, contributing
 * P·log(P·K/t). The pieces of an untied pool add up to H(1) − H(0) = log n − (n−1)/n, so that is
 * the start and each tied block replaces its pieces by its atom. O(blocks).
 */
function continuousPoolKL(blockEnds: readonly number[], K: number, n: number): number {
  const H = (u: number) => (u > 0 ? u ** n * (Math.log(n) + (n - 1) * Math.log(u) - (n - 1) / n) : 0);
  let kl = H(1);
  let start = 0;
  for (const end of blockEnds) {
    if (end - start > 1) {
      const a = start / K;
      const c = end / K;
      const P = c ** n - a ** n;
      if (P > 0) kl += P * Math.log(P / (c - a));
      kl -= H(c) - H(a);
    }
    start = end;
  }
  return Math.max(0, kl);
}

/** Reference of bonExact: same outputs, prompt-major P × ns.length. */
export function bonExactRef(
  pools: BonPoolsRef,
  ns: ArrayLike<number>,
  options: { replacement: 'with' | 'without'; logPi0?: ArrayLike<number> },
): BonExactRefResult {
  const P = pools.offsets.length - 1;
  const N = ns.length;
  const gold = new Float64Array(P * N);
  const proxy = new Float64Array(P * N);
  const kl = new Float64Array(P * N);
  let kMax = 0;
  for (let p = 0; p < P; p++) kMax = Math.max(kMax, pools.offsets[p + 1] - pools.offsets[p]);
  const lf = logFactorials(kMax);
  const weightsByK = new Map<number, Float64Array[]>(); // uniform π0: rank weights depend on K and n only
  for (let p = 0; p < P; p++) {
    const o = pools.offsets[p];
    const K = pools.offsets[p + 1] - o;
    const order = Array.from({ length: K }, (_, i) => o + i).sort((a, b) => pools.proxy[a] - pools.proxy[b]);
    // π0 in proxy order
    const pi = new Float64Array(K);
    if (options.logPi0) {
      const lp = options.logPi0;
      let mx = -Infinity;
      for (const j of order) mx = Math.max(mx, lp[j]);
      let s = 0;
      for (let r = 0; r < K; r++) s += pi[r] = Math.exp(lp[order[r]] - mx);
      for (let r = 0; r < K; r++) pi[r] /= s;
    } else {
      pi.fill(1 / K);
    }
    // tie blocks [start, end) with π0 mass, π0-mean gold and proxy value
    const start: number[] = [];
    const end: number[] = [];
    const mass: number[] = [];
    const bg: number[] = [];
    const bx: number[] = [];
    for (let s = 0; s < K; ) {
      let e = s + 1;
      while (e < K && pools.proxy[order[e]] === pools.proxy[order[s]]) e++;
      let m = 0;
      let g = 0;
      for (let r = s; r < e; r++) {
        m += pi[r];
        g += pi[r] * pools.gold[order[r]];
      }
      start.push(s);
      end.push(e);
      mass.push(m);
      bg.push(m > 0 ? g / m : 0); // a block of zero π0 mass (underflow) is never selected
      bx.push(pools.proxy[order[s]]);
      s = e;
    }
    let rows: Float64Array[] | undefined;
    if (!options.logPi0) {
      rows = weightsByK.get(K);
      if (!rows) weightsByK.set(K, (rows = rankWeights(lf, K, ns, options.replacement)));
    }
    for (let j = 0; j < N; j++) {
      const n = ns[j];
      let G = 0;
      let X = 0;
      let D = 0;
      let F = 0;
      for (let b = 0; b < start.length; b++) {
        // the block's selection probability: its ranks' weights summed (uniform π0), or
        // F_end^n − F_start^n over the cumulative π0 mass
        let pb = 0;
        if (rows) {
          for (let r = start[b]; r < end[b]; r++) pb += rows[j][r];
        } else {
          const Fe = b === start.length - 1 ? 1 : F + mass[b];
          pb = Fe ** n - F ** n;
          F = Fe;
        }
        G += pb * bg[b];
        X += pb * bx[b];
        if (pb > 0 && options.replacement === 'with') D += pb * Math.log(pb / mass[b]);
      }
      if (options.replacement === 'without') D = continuousPoolKL(end, K, n);
      if (options.replacement === 'without' && n > K) G = X = D = NaN;
      gold[p * N + j] = G;
      proxy[p * N + j] = X;
      kl[p * N + j] = D;
    }
  }
  return { gold, proxy, kl, meanGold: means(gold, P, N), meanProxy: means(proxy, P, N), meanKL: means(kl, P, N) };
}

export interface BonMonteCarloRefResult {
  goldMean: Float64Array;
  goldSE: Float64Array;
  proxyMean: Float64Array;
  proxySE: Float64Array;
}

/** Reference of bonMonteCarlo, bit for bit (same draws, same Welford updates); advances `stream`. */
export function bonMonteCarloRef(pools: BonPoolsRef, ns: ArrayLike<number>, trials: number, stream: Stream): BonMonteCarloRefResult {
  const P = pools.offsets.length - 1;
  const N = ns.length;
  const goldMean = new Float64Array(P * N);
  const goldSE = new Float64Array(P * N);
  const proxyMean = new Float64Array(P * N);
  const proxySE = new Float64Array(P * N);
  const g = new XoshiroRef(stream);
  for (let p = 0; p < P; p++) {
    const o = pools.offsets[p];
    const K = pools.offsets[p + 1] - o;
    for (let j = 0; j < N; j++) {
      const n = ns[j];
      let mg = 0,
        sg = 0,
        mp = 0,
        sp = 0;
      for (let t = 0; t < trials; t++) {
        let bj = o + g.nextBelow(K);
        let best = pools.proxy[bj];
        for (let d = 1; d < n; d++) {
          const i = o + g.nextBelow(K);
          if (pools.proxy[i] > best) {
            best = pools.proxy[i];
            bj = i;
          }
        }
        const x = pools.gold[bj];
        const c = 1 / (t + 1);
        const dg = x - mg;
        mg += dg * c;
        sg += dg * (x - mg);
        const dp = best - mp;
        mp += dp * c;
        sp += dp * (best - mp);
      }
      goldMean[p * N + j] = mg;
      proxyMean[p * N + j] = mp;
      goldSE[p * N + j] = Math.sqrt(sg / (trials - 1) / trials);
      proxySE[p * N + j] = Math.sqrt(sp / (trials - 1) / trials);
    }
  }
  g.save();
  return { goldMean, goldSE, proxyMean, proxySE };
}
