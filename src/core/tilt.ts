/**
 * KL-regularized tilt over pools of responses: π_β ∝ π0·exp(proxy/β), evaluated for all prompts
 * and a whole β grid in one wasm call (`tiltSweep`), and the β that reaches target KLs from one
 * grid evaluation plus a couple of refinement calls (`tiltAtKL`). See assembly/tilt.ts for the
 * method and accuracy.
 */
import { invalid } from '../errors.js';
import { MAX_BETAS, requireWork } from './limits.js';
import {
  alloc,
  allocF64,
  arrayLength,
  type F64Input,
  f64Length,
  type I32Input,
  inputF64,
  inputI32,
  requireFinite,
  requireObject,
  scoped,
  type WasmF64,
  type WasmI32,
} from './memory.js';
import { checkOffsets } from './offsets.js';
import { core } from './wasm.js';

/** Pools of responses: prompt p owns responses offsets[p] .. offsets[p+1] (at least one each). */
export interface TiltPools {
  /** Int32, length P + 1, offsets[0] = 0, strictly increasing, last = number of responses. */
  offsets: I32Input;
  /** Proxy score r̂ of every response. */
  proxy: F64Input;
  /** Gold reward g of every response. */
  gold: F64Input;
  /** log π0 of every response (any additive constant per prompt); uniform over the pool if absent. */
  logPi0?: F64Input;
}

export interface TiltSweepOptions {
  /** Also return the per prompt × β tables (default true); means are always returned. */
  perPrompt?: boolean;
  /** Use the f64x2 SIMD loop (default true) or its scalar twin. */
  simd?: boolean;
}

export interface TiltSweepResult {
  betas: Float64Array;
  /** Per prompt × β, row-major [p·B + b] (empty when perPrompt is false). */
  gold: Float64Array;
  proxy: Float64Array;
  kl: Float64Array;
  /** Per β: mean over prompts of expected gold, expected proxy and KL(π_β ‖ π0). */
  meanGold: Float64Array;
  meanProxy: Float64Array;
  meanKL: Float64Array;
  /** Per prompt: π0 means of gold and proxy, and the β → 0 limit of KL (−log π0 mass of the argmax set). */
  baseGold: Float64Array;
  baseProxy: Float64Array;
  maxKL: Float64Array;
  /** Means over prompts of baseGold, baseProxy, maxKL. */
  meanBaseGold: number;
  meanBaseProxy: number;
  meanMaxKL: number;
}

interface Resident {
  offsets: WasmI32;
  proxy: WasmF64;
  gold: WasmF64;
  logPi0: WasmF64 | null;
  P: number;
  maxK: number;
  scratch: number;
}

function checkBetas(betas: ArrayLike<number>, name: string): void {
  const B = arrayLength(betas, name);
  if (B === 0) invalid(name, 'must not be empty');
  if (B > MAX_BETAS) invalid(name, `has ${B} values; at most ${MAX_BETAS} per call`);
  for (let i = 0; i < B; i++) {
    const b = betas[i];
    if (!(b > 0) || !Number.isFinite(b)) invalid(name, `element ${i} is ${b}; β must be finite and > 0`);
  }
}

/** Validate and place the pools in wasm memory (call inside `scoped`). */
function residentPools(pools: TiltPools): Resident {
  requireObject(pools, 'pools');
  const n = f64Length(pools.proxy, 'proxy');
  const maxK = checkOffsets(pools.offsets, n, { minSize: 1, minGroups: 1, what: 'responses' }).maxSize;
  const ng = f64Length(pools.gold, 'gold');
  if (ng !== n) invalid('gold', `length ${ng} differs from proxy.length ${n}`);
  if (pools.logPi0 !== undefined) {
    const nl = f64Length(pools.logPi0, 'logPi0');
    if (nl !== n) invalid('logPi0', `length ${nl} differs from proxy.length ${n}`);
  }
  const offsets = inputI32(pools.offsets, 'offsets');
  const proxy = inputF64(pools.proxy, 'proxy');
  requireFinite(proxy, 'proxy');
  const gold = inputF64(pools.gold, 'gold');
  requireFinite(gold, 'gold');
  let logPi0: WasmF64 | null = null;
  if (pools.logPi0 !== undefined) {
    logPi0 = inputF64(pools.logPi0, 'logPi0');
    requireFinite(logPi0, 'logPi0');
  }
  return { offsets, proxy, gold, logPi0, P: offsets.length - 1, maxK, scratch: alloc(core().tiltScratchBytes(maxK)) };
}

function sweep(r: Resident, betas: ArrayLike<number>, perPrompt: boolean, simd: boolean): TiltSweepResult {
  const B = betas.length;
  const P = r.P;
  const b = allocF64(B);
  b.view().set(betas);
  const table = perPrompt ? P * B : 0;
  const g = allocF64(table);
  const px = allocF64(table);
  const kl = allocF64(table);
  const mg = allocF64(B);
  const mp = allocF64(B);
  const mk = allocF64(B);
  const bg = allocF64(P);
  const bp = allocF64(P);
  const xk = allocF64(P);
  const t = perPrompt ? 1 : 0;
  core().tilt_sweep(
    r.offsets.ptr,
    P,
    r.logPi0 ? r.logPi0.ptr : 0,
    r.proxy.ptr,
    r.gold.ptr,
    b.ptr,
    B,
    t && g.ptr,
    t && px.ptr,
    t && kl.ptr,
    mg.ptr,
    mp.ptr,
    mk.ptr,
    bg.ptr,
    bp.ptr,
    xk.ptr,
    r.scratch,
    simd ? 1 : 0,
  );
  const baseGold = bg.toArray();
  const baseProxy = bp.toArray();
  const maxKL = xk.toArray();
  return {
    betas: Float64Array.from(betas),
    gold: g.toArray(),
    proxy: px.toArray(),
    kl: kl.toArray(),
    meanGold: mg.toArray(),
    meanProxy: mp.toArray(),
    meanKL: mk.toArray(),
    baseGold,
    baseProxy,
    maxKL,
    meanBaseGold: mean(baseGold),
    meanBaseProxy: mean(baseProxy),
    meanMaxKL: mean(maxKL),
  };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Expected gold, expected proxy and KL(π_β ‖ π0) of the tilted policy π_β ∝ π0·exp(proxy/β) for
 * every prompt and every β, plus means over prompts per β (one β shared by all prompts). One
 * wasm call; each pool is streamed once per β. KL is ≥ 0 (rounding negatives clamped to 0).
 */
export function tiltSweep(pools: TiltPools, betas: ArrayLike<number>, options: TiltSweepOptions = {}): TiltSweepResult {
  checkBetas(betas, 'betas');
  requireObject(pools, 'pools');
  requireWork(f64Length(pools.proxy, 'proxy'), betas.length, 'betas', 'β values');
  return scoped(() => sweep(residentPools(pools), betas, options?.perPrompt ?? true, options?.simd ?? true));
}

/** `points` log-spaced β from `min` to `max` inclusive, each computed from its index. */
export function tiltBetaGrid(min = 1e-4, max = 1e4, points = 97): Float64Array {
  if (!Number.isFinite(min) || !(min > 0)) invalid('min', `must be finite and > 0, got ${String(min)}`);
  if (!Number.isFinite(max) || !(max > min)) invalid('max', `must be finite and > min, got ${String(max)}`);
  if (!Number.isInteger(points) || points < 2 || points > MAX_BETAS) {
    invalid('points', `must be an integer in [2, ${MAX_BETAS}], got ${String(points)}`);
  }
  const lo = Math.log(min);
  const step = (Math.log(max) - lo) / (points - 1);
  const out = new Float64Array(points);
  for (let i = 0; i < points; i++) out[i] = Math.exp(lo + i * step);
  out[0] = min;
  out[points - 1] = max;
  return out;
}

export interface TiltAtKLOptions {
  /** The β grid evaluated first (default 33 points, 4 a decade, from 1e-4 to 1e4). */
  grid?: { min?: number; max?: number; points?: number };
  /**
   * At most this many refinement calls after the grid (default 40, at least 1). A cap, not a
   * count: each target stops as soon as it meets `tolerance` (three calls on the paper study).
   */
  refine?: number;
  /** Refine a target until |KL − target| ≤ tolerance·target (default 1e-10; 0 refines to the f64 floor). */
  tolerance?: number;
  simd?: boolean;
}

export interface TiltAtKLResult {
  targetKL: Float64Array;
  /** β found for each target, and the prompt-mean gold, proxy and KL evaluated at that β. */
  beta: Float64Array;
  gold: Float64Array;
  proxy: Float64Array;
  kl: Float64Array;
  /** |kl − target| / target achieved for each target (≤ tolerance unless at the f64 floor or out of `refine`). */
  relError: Float64Array;
  /** π0 means over prompts (gains are gold − baseGold) and the largest attainable mean KL. */
  baseGold: number;
  baseProxy: number;
  maxKL: number;
  /** wasm sweep calls made (1 grid + any grid extensions + refinements). */
  evaluations: number;
}

/** Points per extension call when a target lies beyond the grid's KL range (≥ 2 decades a call). */
const EXTEND_STEPS = 8;
/** The first refinement also evaluates the guess shifted by this much in log β (a local slope). */
const PARTNER = 1e-3;
/** Rounds without a better relError, once rounding noise is seen, after which a target stops. */
const STALL = 3;

/** One target's search: a bracket lo < root < hi in x = log β, and what was evaluated near it. */
interface Search {
  target: number;
  /** The target in the y coordinate. */
  yt: number;
  lo: number;
  hi: number;
  /** (x, y) of the grid points around the bracket and of every refinement evaluation (distinct y). */
  points: [number, number][];
  guess: number;
  /** The last two steps |x_next − x_evaluated| (Brent's test for falling back to bisection). */
  step1: number;
  step2: number;
  /** Refinement evaluations (x, KL) as computed: KL out of order in x can only be rounding noise. */
  evaluated: [number, number][];
  noisy: boolean;
  /** Consecutive rounds that did not improve relError. */
  stall: number;
  done: boolean;
}

/**
 * The shared β at which the prompt-mean KL(π_β ‖ π0) equals each target, with the prompt-mean
 * gold and proxy there. Targets must be > 0 and below the β → 0 limit `maxKL`.
 *
 * Method. Root finding in x = log β against y = log(KL / (maxKL − KL)), which is ≈ log KL for
 * small KL and −log of the gap to maxKL near saturation (where log KL goes flat). One grid
 * evaluation for all targets (extended, 8 points a call, if a target lies beyond it) brackets
 * each target; a natural cubic spline through the grid's (x, y) gives the first guess. Then
 * refinement calls, each evaluating every unconverged target at once: the first at the guess and
 * at a partner 0.1% of β away, so that the next step is local; the later ones at the inverse
 * quadratic interpolation x(y) through the three evaluated points nearest the target,
 * safeguarded as in Brent's method (a step outside the bracket, or longer than half the step
 * before last, is replaced by bisection). Every evaluation shrinks the bracket.
 *
 * Accuracy contract. Each target is refined until the KL evaluated at the β returned meets
 * |KL − target| ≤ tolerance·target (default 1e-10); `relError` reports what was met. A target
 * stops short of that only when the f64 evaluation cannot resolve it (the bracket has shrunk to
 * adjacent doubles, or KL values out of order in β, i.e. rounding noise, have been seen and
 * three rounds have not improved it) or when `refine` calls run out; relError then exceeds the
 * tolerance and says by how much. The mean KL's own rounding is ~3e-15 relative for KL ≳ 1e-5
 * and grows as KL → 0 in the near-π0 regime (measured ≈ 1e-17/√KL: ~1e-13 at KL 5e-9, ~1e-11 at
 * 5e-13, ~5e-10 at 5e-15, ~1e-7 at 5e-21), so 1e-10 is reachable for targets down to about
 * 1e-13 and below that relError is the floor (e.g. ~1e-8 at 1e-20).
 *
 * Measured on the paper study (201 proxies, targets 0.5, 1, 2; P = 1000, K = 64): relError
 * ≤ 3e-3 from the spline, ≤ 1e-7 after the second call, and every target meets 1e-10 after the
 * third (tolerance 0: ≤ 2.3e-14), i.e. 4 sweeps and at most 33 + 4T β values per call (the
 * former 97-point grid and three secant steps: 4 sweeps, 97 + 3T values, relError up to 4.8e-9).
 * On 800 random heavy-tailed pool sets (tails down to ν ≈ 1, scales over eight decades, log π0,
 * ties, targets from 1e-12 to within 1e-12 of maxKL): 1e-10 met everywhere, in 3 refinement
 * calls on average and at most 10.
 */
export function tiltAtKL(pools: TiltPools, targetKLs: ArrayLike<number>, options: TiltAtKLOptions = {}): TiltAtKLResult {
  const T = arrayLength(targetKLs, 'targetKLs');
  if (T === 0) invalid('targetKLs', 'must not be empty');
  if (T > MAX_BETAS) invalid('targetKLs', `has ${T} values; at most ${MAX_BETAS} per call`);
  requireObject(options, 'options');
  for (let i = 0; i < T; i++) {
    const k = targetKLs[i];
    if (!(k > 0) || !Number.isFinite(k)) invalid('targetKLs', `element ${i} is ${k}; a target KL must be finite and > 0`);
  }
  const refine = options.refine ?? 40;
  if (!Number.isInteger(refine) || refine < 1 || refine > 1000) invalid('refine', `must be an integer in [1, 1000], got ${String(refine)}`);
  const tol = options.tolerance ?? 1e-10;
  if (typeof tol !== 'number' || !(tol >= 0)) invalid('tolerance', `must be ≥ 0, got ${String(tol)}`);
  const simd = options.simd ?? true;
  const grid = tiltBetaGrid(options.grid?.min, options.grid?.max, options.grid?.points ?? 33);
  requireObject(pools, 'pools');
  requireWork(f64Length(pools.proxy, 'proxy'), grid.length + 2 * T, 'targetKLs', 'β values (grid and first refinement)');

  return scoped(() => {
    const res = residentPools(pools);
    const first = sweep(res, grid, false, simd);
    let evaluations = 1;
    const maxKL = first.meanMaxKL;
    for (let i = 0; i < T; i++) {
      if (targetKLs[i] >= maxKL) {
        invalid('targetKLs', `element ${i} is ${targetKLs[i]}; the largest attainable mean KL (β → 0, argmax policy) is ${maxKL}`);
      }
    }
    const coord = (k: number): number => Math.log(Math.max(k, 1e-300)) - Math.log(Math.max(maxKL - k, maxKL * 1e-16));
    const x: number[] = Array.from(grid, Math.log);
    const kl: number[] = Array.from(first.meanKL);
    forceMonotone(kl);

    // Extend the curve until every target is bracketed (rare: targets beyond the grid's KL range),
    // EXTEND_STEPS points a call at the grid's spacing (at least a quarter decade), ≤ 60 decades.
    let lowest = Infinity;
    let highest = 0;
    for (let i = 0; i < T; i++) {
      lowest = Math.min(lowest, targetKLs[i]);
      highest = Math.max(highest, targetKLs[i]);
    }
    const spacing = Math.max((x[x.length - 1] - x[0]) / (x.length - 1), Math.log(10) / 4);
    const reach = 60 * Math.log(10);
    const extend = (dir: -1 | 1): void => {
      const end = dir < 0 ? x[0] : x[x.length - 1];
      const xs = Array.from({ length: EXTEND_STEPS }, (_, i) => end + dir * (i + 1) * spacing);
      evaluations++;
      const k = scoped(() => sweep(res, xs.map(Math.exp), false, simd).meanKL);
      for (let i = 0; i < xs.length; i++) {
        if (dir < 0) {
          x.unshift(xs[i]);
          kl.unshift(Math.max(k[i], kl[0]));
        } else {
          x.push(xs[i]);
          kl.push(Math.min(k[i], kl[kl.length - 1]));
        }
      }
    };
    const gridLo = x[0];
    const gridHi = x[x.length - 1];
    while (highest > kl[0]) {
      if (gridLo - x[0] >= reach) invalid('targetKLs', `cannot bracket ${highest}: KL ${kl[0]} at β = ${Math.exp(x[0])}`);
      extend(-1);
    }
    while (lowest < kl[kl.length - 1]) {
      if (x[x.length - 1] - gridHi >= reach) {
        invalid('targetKLs', `cannot bracket ${lowest}: KL ${kl[kl.length - 1]} at β = ${Math.exp(x[x.length - 1])}`);
      }
      extend(1);
    }

    // Per target: the bracket [x_j, x_j+1] with KL(x_j) ≥ target ≥ KL(x_j+1), the spline's guess.
    const y = kl.map(coord);
    const slopes = splineSlopes(x, y);
    const search: Search[] = [];
    for (let t = 0; t < T; t++) {
      const target = targetKLs[t];
      const yt = coord(target);
      let j = 0;
      while (j < x.length - 2 && kl[j + 1] > target) j++;
      const points: [number, number][] = [];
      for (let i = Math.max(0, j - 1); i <= Math.min(x.length - 1, j + 2); i++) points.push([x[i], y[i]]);
      search.push({
        target,
        yt,
        lo: x[j],
        hi: x[j + 1],
        points,
        guess: hermiteRoot(x[j], x[j + 1], y[j], y[j + 1], slopes[j], slopes[j + 1], yt),
        step1: Infinity,
        step2: Infinity,
        evaluated: [],
        noisy: false,
        stall: 0,
        done: false,
      });
    }

    const out: TiltAtKLResult = {
      targetKL: Float64Array.from(targetKLs),
      beta: new Float64Array(T),
      gold: new Float64Array(T),
      proxy: new Float64Array(T),
      kl: new Float64Array(T),
      relError: new Float64Array(T).fill(Infinity),
      baseGold: first.meanBaseGold,
      baseProxy: first.meanBaseProxy,
      maxKL,
      evaluations: 0,
    };
    for (let round = 0; round < refine; round++) {
      const owner: number[] = [];
      const xs: number[] = [];
      for (let t = 0; t < T; t++) {
        const s = search[t];
        if (s.done) continue;
        owner.push(t);
        xs.push(s.guess);
        if (round === 0) {
          const p = s.guess + PARTNER < s.hi ? s.guess + PARTNER : s.guess - PARTNER;
          if (p > s.lo && p < s.hi) {
            owner.push(t);
            xs.push(p);
          }
        }
      }
      if (xs.length === 0) break;
      const betas = xs.map(Math.exp);
      evaluations++;
      const r = scoped(() => sweep(res, betas, false, simd));
      const active = [...new Set(owner)];
      const before = active.map((t) => out.relError[t]);
      for (let i = 0; i < xs.length; i++) {
        const t = owner[i];
        const s = search[t];
        const k = r.meanKL[i];
        const err = Math.abs(k - s.target) / s.target;
        if (!(err >= out.relError[t])) {
          // report the best evaluation
          out.beta[t] = betas[i];
          out.gold[t] = r.meanGold[i];
          out.proxy[t] = r.meanProxy[i];
          out.kl[t] = k;
          out.relError[t] = err;
        }
        if (k >= s.target) s.lo = Math.max(s.lo, xs[i]);
        else s.hi = Math.min(s.hi, xs[i]);
        const yk = coord(k);
        if (!s.points.some((q) => q[1] === yk)) s.points.push([xs[i], yk]);
        for (const [xe, ke] of s.evaluated) if ((xe - xs[i]) * (ke - k) < 0) s.noisy = true;
        s.evaluated.push([xs[i], k]);
      }
      active.forEach((t, i) => {
        const s = search[t];
        s.stall = out.relError[t] < before[i] ? 0 : s.stall + 1;
        const collapsed = !(s.hi - s.lo > 4 * Number.EPSILON * Math.max(1, Math.abs(s.lo)));
        if (out.relError[t] <= tol || collapsed || (s.noisy && s.stall >= STALL)) {
          s.done = true;
          return;
        }
        // Inverse quadratic interpolation, then secant, then bisection (Brent's safeguard).
        const last = s.guess;
        let next = inverseInterpolate(s.points, s.yt, 3);
        if (!(next > s.lo && next < s.hi)) next = inverseInterpolate(s.points, s.yt, 2);
        if (!(next > s.lo && next < s.hi) || Math.abs(next - last) > 0.5 * s.step2) next = 0.5 * (s.lo + s.hi);
        s.step2 = s.step1;
        s.step1 = Math.abs(next - last);
        s.guess = next;
      });
    }
    out.evaluations = evaluations;
    return out;
  });
}

/** Rounding can make a KL curve tick up by an ulp; the bracketing and spline need it non-increasing. */
function forceMonotone(kl: number[]): void {
  for (let j = 1; j < kl.length; j++) if (kl[j] > kl[j - 1]) kl[j] = kl[j - 1];
}

/** Slopes at the knots of the natural cubic spline through (x, y) (x strictly increasing). */
function splineSlopes(x: number[], y: number[]): number[] {
  const n = x.length;
  const h: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    h.push(x[i + 1] - x[i]);
    d.push((y[i + 1] - y[i]) / h[i]);
  }
  if (n === 2) return [d[0], d[0]];
  // h[i]·m[i−1] + 2(h[i−1] + h[i])·m[i] + h[i−1]·m[i+1] = 3(h[i]·d[i−1] + h[i−1]·d[i]); natural ends.
  const sub = new Float64Array(n);
  const diag = new Float64Array(n);
  const sup = new Float64Array(n);
  const rhs = new Float64Array(n);
  diag[0] = 2;
  sup[0] = 1;
  rhs[0] = 3 * d[0];
  sub[n - 1] = 1;
  diag[n - 1] = 2;
  rhs[n - 1] = 3 * d[n - 2];
  for (let i = 1; i < n - 1; i++) {
    sub[i] = h[i];
    diag[i] = 2 * (h[i - 1] + h[i]);
    sup[i] = h[i - 1];
    rhs[i] = 3 * (h[i] * d[i - 1] + h[i - 1] * d[i]);
  }
  for (let i = 1; i < n; i++) {
    const w = sub[i] / diag[i - 1];
    diag[i] -= w * sup[i - 1];
    rhs[i] -= w * rhs[i - 1];
  }
  const m = new Array<number>(n);
  m[n - 1] = rhs[n - 1] / diag[n - 1];
  for (let i = n - 2; i >= 0; i--) m[i] = (rhs[i] - sup[i] * m[i + 1]) / diag[i];
  return m;
}

/** x in [x0, x1] where the cubic Hermite through (x0, y0, slope m0), (x1, y1, m1) crosses yt (y0 ≥ yt ≥ y1), by bisection. */
function hermiteRoot(x0: number, x1: number, y0: number, y1: number, m0: number, m1: number, yt: number): number {
  if (!(y0 > y1)) return 0.5 * (x0 + x1);
  const h = x1 - x0;
  const a = m0 * h;
  const b = m1 * h;
  const H = (s: number): number => {
    const s2 = s * s;
    const s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * a + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * b;
  };
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = 0.5 * (lo + hi);
    if (H(mid) > yt) lo = mid;
    else hi = mid;
  }
  return x0 + 0.5 * (lo + hi) * h;
}

/** Lagrange interpolation of x as a function of y through the n points nearest yt (distinct y), at yt. */
function inverseInterpolate(points: [number, number][], yt: number, n: number): number {
  const near = [...points].sort((a, b) => Math.abs(a[1] - yt) - Math.abs(b[1] - yt)).slice(0, n);
  let x = 0;
  for (let a = 0; a < near.length; a++) {
    let w = near[a][0];
    for (let b = 0; b < near.length; b++) if (b !== a) w *= (yt - near[b][1]) / (near[a][1] - near[b][1]);
    x += w;
  }
  return x;
}
