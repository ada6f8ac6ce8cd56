/**
 * Best-of-n over pools of responses, in the wasm core (assembly/bon.ts).
 *
 * A pool is prompt p's responses `offsets[p] .. offsets[p+1]` (K_p ≥ 1; sizes may differ), each
 * with a gold and a proxy score and optionally an unnormalized log π0 (the base policy's
 * log-probability; normalized per pool by log-sum-exp in the kernel; default uniform).
 *
 * Proxy ties: a block of responses with equal proxy shares the block's selection probability in
 * proportion to π0 mass — equally for uniform π0, and always equally without replacement. With
 * replacement this is exactly the law of "the first drawn among the tied maxima", the rule of
 * `bonMonteCarlo`, so the exact and Monte Carlo results agree in distribution.
 */
import { invalid } from '../errors.js';
import { MAX_MC_DRAWS, requireWork } from './limits.js';
import {
  alloc,
  allocF64,
  arrayLength,
  type F64Input,
  f64Length,
  type I32Input,
  inputF64,
  inputI32,
  putI32,
  requireFinite,
  requireObject,
  scoped,
  WasmI32,
} from './memory.js';
import { checkOffsets } from './offsets.js';
import { checkGroupOrder, type GroupOrder } from './sort.js';
import { requireStream, type Stream, withStream } from './stream.js';
import { core } from './wasm.js';

/** Pools of responses: offsets (length P + 1, from 0 to the number of responses), gold, proxy. */
export interface BonPools {
  offsets: I32Input;
  gold: F64Input;
  proxy: F64Input;
}

/** A grid of n values: positive integers (< 2^31). */
export type NGrid = Int32Array | Float64Array | readonly number[];

export interface BonExactOptions {
  /**
   * 'without': the maximum of a uniformly random n-subset of the pool (the unbiased best-of-n
   * estimator of Gao et al. 2022; needs n ≤ K for every pool and uniform π0);
   * 'with': the maximum of n i.i.d. draws from π0 (any n ≥ 1).
   */
  replacement: 'without' | 'with';
  /** Unnormalized log π0 per response (finite), normalized per pool. Default: uniform. */
  logPi0?: F64Input;
  /**
   * The proxy's order within each pool, from argsortWithinGroups(pools.proxy, pools.offsets) on
   * these very resident buffers: lets several calls (both estimators) share one sort.
   */
  order?: GroupOrder;
}

export interface BonExactResult {
  prompts: number;
  ns: Int32Array;
  /** Expected gold of the selected response, P × ns.length, prompt-major (index p·N + j). */
  gold: Float64Array;
  /** Expected proxy of the selected response, same layout. */
  proxy: Float64Array;
  /**
   * KL(best-of-n ‖ π0), same layout. 'without': the KL of best-of-n from the π0 the pool stands
   * in for — log n − (n−1)/n for an untied pool, lower with proxy ties, each block of t tied
   * responses an atom of mass t/K. 'with': the exact KL of n draws from the pool against it.
   */
  kl: Float64Array;
  /** Means over prompts, one per n (NaN when there are no prompts). */
  meanGold: Float64Array;
  meanProxy: Float64Array;
  meanKL: Float64Array;
}

export interface BonMonteCarloResult {
  prompts: number;
  ns: Int32Array;
  trials: number;
  /** Per prompt and n (prompt-major): mean over trials of the selected gold, and its standard error. */
  goldMean: Float64Array;
  goldSE: Float64Array;
  proxyMean: Float64Array;
  proxySE: Float64Array;
  /** Means over prompts and their standard errors √(Σ_p SE_p²)/P, one per n. */
  meanGold: Float64Array;
  meanGoldSE: Float64Array;
  meanProxy: Float64Array;
  meanProxySE: Float64Array;
}

/**
 * The analytic bound on KL(best-of-n ‖ π0), log n − (n−1)/n (Stiennon et al. 2020; an upper bound
 * for discrete π0, Beirami et al. 2024), reached by continuous rewards without ties.
 */
export function bonKLBound(n: number): number {
  if (!(Number.isFinite(n) && n >= 1)) invalid('n', `must be a finite number ≥ 1, got ${String(n)}`);
  return Math.log(n) - (n - 1) / n;
}

/** Validate a grid of n: integers in [1, 2^31). */
function nGrid(ns: NGrid): Int32Array {
  const out = new Int32Array(arrayLength(ns, 'ns'));
  for (let j = 0; j < ns.length; j++) {
    const n = ns[j];
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) invalid('ns', `element ${j} is ${n}; n must be an integer ≥ 1`);
    out[j] = n;
  }
  return out;
}

/** Validate offsets (pools of ≥ 1 response, none required) and return a JS copy and the smallest pool. */
function poolOffsets(offsets: I32Input, responses: number): { offs: Int32Array; kMin: number } {
  const { minSize } = checkOffsets(offsets, responses, { minSize: 1, minGroups: 0, what: 'responses' });
  const offs = offsets instanceof WasmI32 ? offsets.toArray() : Int32Array.from(offsets as ArrayLike<number>);
  return { offs, kMin: offs.length > 1 ? minSize : Infinity };
}

function checkLengths(pools: BonPools): number {
  requireObject(pools, 'pools');
  const m = f64Length(pools.gold, 'gold');
  const n = f64Length(pools.proxy, 'proxy');
  if (n !== m) invalid('proxy', `has length ${n}, gold has ${m}`);
  return m;
}

function meansOverPrompts(x: Float64Array, P: number, N: number): Float64Array {
  const out = new Float64Array(N);
  for (let p = 0; p < P; p++) for (let j = 0; j < N; j++) out[j] += x[p * N + j];
  for (let j = 0; j < N; j++) out[j] /= P;
  return out;
}

/**
 * Exact expected gold and proxy of best-of-n and KL(π_bon ‖ π0), for every prompt and every n,
 * in one kernel call: per pool one stable sort by proxy, then one weighted pass per n.
 * Without replacement, rank i (1-based, ascending proxy) is selected with C(i−1, n−1)/C(K, n);
 * with replacement, with F_i^n − F_{i−1}^n over the proxy-sorted cumulative π0 mass F. Ties: see
 * the module comment. Throws INVALID_ARGUMENT naming the argument on bad input (NaN/Inf, offsets
 * that do not add up, n > K without replacement, logPi0 without replacement, ...).
 * Accuracy: weights to a few ulp without replacement (relative error ≤ 2K ulp); with replacement
 * ≈ n ulp, the conditioning of F^n. Cost: O(Σ K log K + P·N·K); with uniform π0 the weight rows
 * are rebuilt only when K changes between consecutive prompts (so order prompts by K if sizes
 * vary), non-uniform π0 costs an exp and a log per response and n. Scratch ≈ 8·N·Kmax + 70·Kmax
 * bytes of wasm memory, released on return.
 */
export function bonExact(pools: BonPools, ns: NGrid, options: BonExactOptions): BonExactResult {
  requireObject(options, 'options');
  const replacement = options.replacement;
  if (replacement !== 'with' && replacement !== 'without') {
    invalid('replacement', `must be 'with' or 'without', got ${String(replacement)}`);
  }
  const grid = nGrid(ns);
  const m = checkLengths(pools);
  const { offs, kMin } = poolOffsets(pools.offsets, m);
  const P = offs.length - 1;
  const N = grid.length;
  requireWork(m, N, 'ns', 'values of n');
  const logPi0 = options.logPi0;
  if (logPi0 !== undefined) {
    if (replacement === 'without') invalid('logPi0', 'best-of-n without replacement is defined for uniform π0 only');
    const n = f64Length(logPi0, 'logPi0');
    if (n !== m) invalid('logPi0', `has length ${n}, gold has ${m}`);
  }
  if (replacement === 'without') {
    for (let j = 0; j < N; j++) {
      if (grid[j] > kMin) {
        const p = Array.from({ length: P }, (_, i) => i).find((i) => offs[i + 1] - offs[i] < grid[j]);
        invalid('ns', `n = ${grid[j]} exceeds pool ${p}'s size K = ${offs[p! + 1] - offs[p!]} (without replacement needs n ≤ K)`);
      }
    }
  }
  let kMax = 0;
  for (let p = 0; p < P; p++) kMax = Math.max(kMax, offs[p + 1] - offs[p]);
  const out = scoped(() => {
    const gold = inputF64(pools.gold, 'gold');
    requireFinite(gold, 'gold');
    const proxy = inputF64(pools.proxy, 'proxy');
    requireFinite(proxy, 'proxy');
    let lpPtr = 0;
    if (logPi0 !== undefined) {
      const lp = inputF64(logPi0, 'logPi0');
      requireFinite(lp, 'logPi0');
      lpPtr = lp.ptr;
    }
    const offsets = pools.offsets instanceof WasmI32 ? pools.offsets : putI32(offs);
    const order = options.order;
    if (order !== undefined) checkGroupOrder(order, pools.proxy, pools.offsets);
    const nsBuf = putI32(grid);
    const og = allocF64(P * N);
    const op = allocF64(P * N);
    const ok = allocF64(P * N);
    const scratch = alloc(core().bonExactScratchBytes(kMax, N));
    core().bon_exact(
      P,
      offsets.ptr,
      gold.ptr,
      proxy.ptr,
      lpPtr,
      order ? order.idx.ptr : 0,
      nsBuf.ptr,
      N,
      replacement === 'with' ? 1 : 0,
      og.ptr,
      op.ptr,
      ok.ptr,
      scratch,
    );
    return { gold: og.toArray(), proxy: op.toArray(), kl: ok.toArray() };
  });
  return {
    prompts: P,
    ns: grid,
    ...out,
    meanGold: meansOverPrompts(out.gold, P, N),
    meanProxy: meansOverPrompts(out.proxy, P, N),
    meanKL: meansOverPrompts(out.kl, P, N),
  };
}

/**
 * Monte Carlo best-of-n: for each prompt, each n and each of `trials` trials, draw n responses
 * i.i.d. uniformly (with replacement) from the pool with `stream`, keep the highest proxy (ties:
 * the first drawn), record its gold and proxy; returns per-prompt means over trials and their
 * standard errors (sample sd / √trials). Consumes the stream prompt-major, then n, then trial,
 * then draw (one Lemire `nextBelow(K)` per draw) and advances `stream`. Refuses more than
 * MAX_MC_DRAWS (2^32) draws in all, P·Σn·trials: about 9 s of work, where bonExact gives
 * the exact value at once.
 */
export function bonMonteCarlo(pools: BonPools, ns: NGrid, trials: number, stream: Stream): BonMonteCarloResult {
  if (!Number.isInteger(trials) || trials < 2 || trials > 2 ** 31 - 1) {
    invalid('trials', `must be an integer ≥ 2 (a standard error needs two trials), got ${String(trials)}`);
  }
  requireStream(stream);
  const grid = nGrid(ns);
  const m = checkLengths(pools);
  const { offs } = poolOffsets(pools.offsets, m);
  const P = offs.length - 1;
  const N = grid.length;
  let sumN = 0;
  for (let j = 0; j < N; j++) sumN += grid[j];
  const draws = P * sumN * trials;
  if (draws > MAX_MC_DRAWS) {
    invalid(
      'trials',
      `prompts × Σn × trials = ${P} × ${sumN} × ${trials} = ${draws.toExponential(2)} draws exceeds the limit ${MAX_MC_DRAWS.toExponential(2)} (2^32); use bonExact, or fewer trials`,
    );
  }
  const out = scoped(() => {
    const gold = inputF64(pools.gold, 'gold');
    requireFinite(gold, 'gold');
    const proxy = inputF64(pools.proxy, 'proxy');
    requireFinite(proxy, 'proxy');
    const offsets = pools.offsets instanceof WasmI32 ? pools.offsets : inputI32(offs, 'offsets');
    const nsBuf = putI32(grid);
    const gm = allocF64(P * N);
    const gs = allocF64(P * N);
    const pm = allocF64(P * N);
    const ps = allocF64(P * N);
    withStream(stream, (state) =>
      core().bon_mc(P, offsets.ptr, gold.ptr, proxy.ptr, nsBuf.ptr, N, trials, state, gm.ptr, gs.ptr, pm.ptr, ps.ptr),
    );
    return { goldMean: gm.toArray(), goldSE: gs.toArray(), proxyMean: pm.toArray(), proxySE: ps.toArray() };
  });
  return { prompts: P, ns: grid, trials, ...out, ...mcMeans(out, P, N) };
}

/** Means over prompts of per-prompt Monte Carlo means, with SE √(Σ SE²)/P. */
function mcMeans(
  r: { goldMean: Float64Array; goldSE: Float64Array; proxyMean: Float64Array; proxySE: Float64Array },
  P: number,
  N: number,
): { meanGold: Float64Array; meanGoldSE: Float64Array; meanProxy: Float64Array; meanProxySE: Float64Array } {
  const se = (x: Float64Array): Float64Array => {
    const out = new Float64Array(N);
    for (let p = 0; p < P; p++) for (let j = 0; j < N; j++) out[j] += x[p * N + j] ** 2;
    for (let j = 0; j < N; j++) out[j] = Math.sqrt(out[j]) / P;
    return out;
  };
  return {
    meanGold: meansOverPrompts(r.goldMean, P, N),
    meanGoldSE: se(r.goldSE),
    meanProxy: meansOverPrompts(r.proxyMean, P, N),
    meanProxySE: se(r.proxySE),
  };
}
