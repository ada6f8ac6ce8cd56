/**
 * Proxy family `noise` — Regressional Goodhart: the proxy is gold plus independent error,
 *
 *   r̂_i = g_i + scale · s_p · m_i · e_i
 *
 * - e_i: a standardized error draw (see `ERROR_STANDARDIZATION`): normal, Student-t(ν) or Laplace;
 * - s_p = exp(dispersion · N(0, 1)): per-prompt error-scale dispersion (log-normal, median 1);
 * - m_i: the heteroscedastic multiplier (see `heteroMultipliers`), 1 when `hetero` is 'none'.
 *
 * Draws for the optimization and eval pools come from independent streams named
 * (seed, 'proxy', id, 'noise', 'opt' | 'eval', 'error' | 'dispersion'), one value per response in
 * pool order, so a response's score depends only on (params, world, seed, id).
 */
import { z } from 'zod';
import { laplace, normal, studentT } from '../core/rng.js';
import { argsort } from '../core/sort.js';
import { Stream } from '../core/stream.js';
import type { PoolLabel, Pools, Scores } from '../data/pools.js';
import { drawChoices, drawNumbers, numberDistSchema, oneOrList, scaleDistSchema } from './draw.js';
import { defineFamily, type ScoreInput } from './family.js';

export const NOISE_DOC =
  'noise: proxy = gold + scale·s_p·m_i·e_i — independent error (normal, Student-t or Laplace, standardized), optional per-prompt scale dispersion s_p and heteroscedastic multiplier m_i.';

export const ERROR_KINDS = ['normal', 'student-t', 'laplace'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];
export const HETERO_MODES = ['none', 'rank', 'value'] as const;
export type HeteroMode = (typeof HETERO_MODES)[number];

/**
 * How each error kind is standardized so that `scale` means the same bulk error for every kind
 * and every ν: each has the quartiles ±Φ⁻¹(¾) of N(0, 1). (A variance-based standardization
 * cannot do this: the variance of Student-t is infinite for ν ≤ 2, and the same variance means
 * a much smaller bulk error just above ν = 2.)
 */
export const ERROR_STANDARDIZATION: Record<ErrorKind, string> = {
  normal: 'N(0, 1): quartiles ±Φ⁻¹(¾) = ±0.674.',
  laplace: 'Laplace(0, Φ⁻¹(¾)/ln 2): the same quartiles as N(0, 1) (Laplace(0, b) has quartiles ±b·ln 2).',
  'student-t': 't_ν·Φ⁻¹(¾)/q_ν(¾) for every ν ≥ 1: the same quartiles as N(0, 1), continuous in ν.',
};

export const noiseParamsSchema = z
  .object({
    scale: z
      .number()
      .nonnegative('scale must be ≥ 0')
      .default(1)
      .describe(
        'Error scale in gold units: the standardized error (every kind with the quartiles of N(0, 1)) times scale, before dispersion and heteroscedasticity, so the same scale is the same bulk error for every error kind and ν. With normal error and within-prompt gold sd 1, corr(proxy, gold) within a prompt = 1/√(1 + scale²). 0 = the proxy is gold.',
      ),
    error: z
      .enum(ERROR_KINDS)
      .default('normal')
      .describe(
        "Error distribution: 'normal'; 'student-t' (heavy tails, degrees of freedom `nu`); 'laplace'. Each is standardized to the interquartile range of N(0, 1).",
      ),
    nu: z
      .number()
      .min(1, 'nu must be ≥ 1 (Cauchy is the heaviest tail offered)')
      .default(3)
      .describe("Student-t degrees of freedom ν ≥ 1 (used when error = 'student-t'; smaller = heavier tails)."),
    hetero: z
      .enum(HETERO_MODES)
      .default('none')
      .describe(
        "Heteroscedastic error: 'none'; 'rank': m_i = exp(heteroStrength·(u_i − ½)) with u_i = (rank_i − 1)/(K − 1) the response's average gold rank within its pool scaled to [0, 1]; 'value': m_i = exp(heteroStrength·t_i) with t_i the response's gold z-score within its pool (pool mean and population sd).",
      ),
    heteroStrength: z
      .number()
      .default(0)
      .describe('Strength of the heteroscedastic multiplier (> 0: larger error where gold is high; < 0: where it is low).'),
    dispersion: z
      .number()
      .nonnegative('dispersion must be ≥ 0')
      .default(0)
      .describe('Per-prompt error-scale dispersion: s_p = exp(dispersion·N(0, 1)) multiplies the error of every response of prompt p.'),
  })
  .strict()
  .describe(NOISE_DOC);

export type NoiseParams = z.output<typeof noiseParamsSchema>;
export type NoiseParamsInput = z.input<typeof noiseParamsSchema>;

/** The stream of one noise component: (seed, 'proxy', id, 'noise', pool, part). */
export function noiseStream(seed: number, id: string, pool: PoolLabel, part: 'error' | 'dispersion'): Stream {
  return Stream.from(seed, 'proxy', id, 'noise', pool, part);
}

// ---------------------------------------------------------------------------------------------
// Standardization of errors: the quartiles of N(0, 1) for every kind

/** Φ⁻¹(¾), the upper quartile of N(0, 1). */
export const NORMAL_Q75 = 0.6744897501960817;

/** Laplace(0, b) with the quartiles of N(0, 1): b = Φ⁻¹(¾)/ln 2. */
export const LAPLACE_IQR_SCALE = NORMAL_Q75 / Math.LN2;

/** Γ(x) for 0.5 ≤ x ≤ 171: Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1), relative error < 1e-15. */
function gamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}

/** Above this ν the quartile comes from its expansion in 1/ν (error ≤ 1e-13), below by quadrature (≤ 1e-12). */
const QUARTILE_SERIES_NU = 200;

/**
 * q_ν(¾) for large ν by the Cornish–Fisher expansion of the t quantile about the normal one
 * (Abramowitz & Stegun 26.7.5, terms to ν⁻⁴): z = Φ⁻¹(¾), error O(ν⁻⁵) (1e-13 at ν = 201, below 1e-15 from ν = 1e4).
 */
function studentTQuartileSeries(nu: number): number {
  const z = NORMAL_Q75;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}

/** ∫_0^θ cos^a(φ) dφ by composite Simpson with 512 intervals (a ≥ 0, θ < π/2: smooth, error < 1e-12). */
function cosPowerIntegral(a: number, theta: number): number {
  const n = 512;
  const h = theta / n;
  let s = 1 + Math.cos(theta) ** a;
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * Math.cos(i * h) ** a;
  return (s * h) / 3;
}

const quartileCache = new Map<number, number>();

/**
 * Upper quartile q_ν(¾) of Student-t(ν), ν ≥ 1. For ν ≤ 200: with t = √ν·tan θ the t density
 * becomes ∝ cos^(ν−1) θ on [0, π/2), whose total is W = (√π/2)·Γ(ν/2)/Γ((ν+1)/2); q solves
 * ∫_0^θq cos^(ν−1) = W/2 (bisection, 60 steps; error < 1e-12). Above, the series in 1/ν.
 * Exact checks: q_1 = 1, q_2 = √(2/3); scipy for the rest (test/fixtures/gen_proxy.py).
 */
export function studentTQuartile(nu: number): number {
  const hit = quartileCache.get(nu);
  if (hit !== undefined) return hit;
  if (nu > QUARTILE_SERIES_NU) {
    const q = studentTQuartileSeries(nu);
    quartileCache.set(nu, q);
    return q;
  }
  const a = nu - 1;
  const half = ((Math.sqrt(Math.PI) / 2) * gamma(nu / 2)) / gamma((nu + 1) / 2) / 2;
  let lo = 0;
  let hi = Math.PI / 2;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (cosPowerIntegral(a, mid) < half) lo = mid;
    else hi = mid;
  }
  const q = Math.sqrt(nu) * Math.tan((lo + hi) / 2);
  quartileCache.set(nu, q);
  return q;
}

/** The factor that standardizes a raw Student-t(ν) draw to the quartiles of N(0, 1) (see ERROR_STANDARDIZATION). */
export function studentTStandardizer(nu: number): number {
  return NORMAL_Q75 / studentTQuartile(nu);
}

/** n standardized error draws of `kind` from `stream` (wasm samplers). */
export function standardizedErrors(kind: ErrorKind, nu: number, stream: Stream, n: number): Float64Array {
  switch (kind) {
    case 'normal':
      return normal(stream, n);
    case 'laplace':
      return laplace(stream, n, LAPLACE_IQR_SCALE);
    case 'student-t': {
      const e = studentT(stream, nu, n);
      const c = studentTStandardizer(nu);
      for (let i = 0; i < n; i++) e[i] *= c;
      return e;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Heteroscedastic multipliers

const rankCache = new WeakMap<Float64Array, Float64Array>();
const zCache = new WeakMap<Float64Array, Float64Array>();

/**
 * u_i = (rank_i − 1)/(K − 1) within each pool, with average ranks 1..K for gold ties (½ when K = 1).
 * One stable wasm argsort of all gold, bucketed by pool (which keeps each pool's members in gold
 * order), then one pass per pool: O(N log N) in the kernel + O(N) here. Depends only on the world,
 * so it is cached per gold array.
 */
export function scaledGoldRanks(pools: Pools, gold: Scores): Float64Array {
  const hit = rankCache.get(gold);
  if (hit) return hit;
  const { offsets } = pools;
  const P = offsets.length - 1;
  const n = gold.length;
  const poolOf = new Int32Array(n);
  for (let p = 0; p < P; p++) poolOf.fill(p, offsets[p], offsets[p + 1]);
  const cursor = offsets.slice(0, P);
  const sorted = new Int32Array(n); // pool by pool, each pool's members ascending by gold
  const order = argsort(gold);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    sorted[cursor[poolOf[i]]++] = i;
  }
  const u = new Float64Array(n);
  for (let p = 0; p < P; p++) {
    const a = offsets[p];
    const K = offsets[p + 1] - a;
    for (let j = 0; j < K; ) {
      let e = j + 1;
      while (e < K && gold[sorted[a + e]] === gold[sorted[a + j]]) e++;
      const v = K === 1 ? 0.5 : (j + e - 1) / 2 / (K - 1); // average 0-based rank of the tie run j..e−1
      for (let t = j; t < e; t++) u[sorted[a + t]] = v;
      j = e;
    }
  }
  rankCache.set(gold, u);
  return u;
}

/** t_i = (g_i − mean_pool)/sd_pool (population sd; 0 when the pool's gold has no spread), cached per gold array. */
export function goldZScores(pools: Pools, gold: Scores): Float64Array {
  const hit = zCache.get(gold);
  if (hit) return hit;
  const { offsets } = pools;
  const t = new Float64Array(gold.length);
  for (let p = 0; p + 1 < offsets.length; p++) {
    const a = offsets[p];
    const b = offsets[p + 1];
    let mean = 0;
    for (let i = a; i < b; i++) mean += gold[i];
    mean /= b - a;
    let ss = 0;
    for (let i = a; i < b; i++) ss += (gold[i] - mean) ** 2;
    const sd = Math.sqrt(ss / (b - a));
    for (let i = a; i < b; i++) t[i] = sd > 0 ? (gold[i] - mean) / sd : 0;
  }
  zCache.set(gold, t);
  return t;
}

/**
 * m_i, the heteroscedastic error multiplier of every response (see `hetero` in the schema):
 * 'rank': exp(strength·(u_i − ½)), between exp(−strength/2) (lowest gold in its pool) and
 * exp(strength/2) (highest); 'value': exp(strength·t_i), t_i the gold z-score within the pool
 * (`goldZScores`). null for 'none' (all 1).
 */
export function heteroMultipliers(mode: HeteroMode, strength: number, pools: Pools, gold: Scores): Float64Array | null {
  if (mode === 'none') return null;
  const x = mode === 'rank' ? scaledGoldRanks(pools, gold) : goldZScores(pools, gold);
  const c = mode === 'rank' ? 0.5 : 0;
  const m = new Float64Array(x.length);
  for (let i = 0; i < m.length; i++) m[i] = Math.exp(strength * (x[i] - c));
  return m;
}

// ---------------------------------------------------------------------------------------------

/** Noise-proxy scores of every response of `input.pools`, drawing from the streams of (seed, id, label). */
export function noiseScores(params: NoiseParams, input: ScoreInput): Scores {
  const { pools, gold, seed, id, label } = input;
  const { offsets } = pools;
  const n = gold.length;
  if (params.scale === 0) return gold.slice();
  const e = standardizedErrors(params.error, params.nu, noiseStream(seed, id, label, 'error'), n);
  const m = heteroMultipliers(params.hetero, params.heteroStrength, pools, gold);
  const P = offsets.length - 1;
  const s = params.dispersion > 0 ? normal(noiseStream(seed, id, label, 'dispersion'), P) : null;
  const out = e; // overwritten in place
  for (let p = 0; p < P; p++) {
    const sp = params.scale * (s ? Math.exp(params.dispersion * s[p]) : 1);
    for (let i = offsets[p]; i < offsets[p + 1]; i++) out[i] = gold[i] + sp * (m ? m[i] : 1) * e[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Random blocks and the analysis' name for the error shape

/** The distributions a random block draws a noise proxy's parameters from (also a transform's base). */
export const noiseDrawFields = {
  scale: scaleDistSchema
    .default({ accuracy: [0.55, 0.95] })
    .describe('Error scale (see the noise family); default: nominal accuracy uniform on [0.55, 0.95].'),
  error: oneOrList(ERROR_KINDS, 'error', 'normal'),
  nu: numberDistSchema.default(3).describe('Student-t degrees of freedom (≥ 1).'),
  hetero: oneOrList(HETERO_MODES, 'hetero', 'none'),
  heteroStrength: numberDistSchema.default(0).describe('Heteroscedastic strength.'),
  dispersion: numberDistSchema.default(0).describe('Per-prompt error-scale dispersion (log-normal sigma ≥ 0).'),
};

export type NoiseDraws = z.output<z.ZodObject<typeof noiseDrawFields>>;

/** `n` noise proxies' parameters from their distributions, each parameter from `stream(name)`. */
export function drawNoiseParams(d: NoiseDraws, stream: (name: string) => Stream, n: number): Record<string, unknown>[] {
  const scale = drawNumbers(d.scale, stream('scale'), n);
  const error = drawChoices(d.error, stream('error'), n);
  const nu = drawNumbers(d.nu, stream('nu'), n);
  const hetero = drawChoices(d.hetero, stream('hetero'), n);
  const heteroStrength = drawNumbers(d.heteroStrength, stream('heteroStrength'), n);
  const dispersion = drawNumbers(d.dispersion, stream('dispersion'), n);
  return Array.from({ length: n }, (_, j) => ({
    scale: scale[j],
    error: error[j],
    nu: nu[j],
    hetero: hetero[j],
    heteroStrength: heteroStrength[j],
    dispersion: dispersion[j],
  }));
}

/**
 * ν of a Student-t error as a group label: an integer ν as itself, a drawn ν by tail class —
 * ν ≤ 2 (infinite variance), 2 < ν ≤ 3 (infinite fourth moment), ν > 3.
 */
function tailClass(nu: number): string {
  if (Number.isInteger(nu)) return String(nu);
  return nu <= 2 ? 'ν≤2' : nu <= 3 ? '2<ν≤3' : 'ν>3';
}

/** The shape of a noise error from its parameters: 'normal', 'student-t(3)/hetero-rank', 'laplace/dispersed', … */
export function noiseShape(p: Record<string, unknown>): string {
  const parts: string[] = [];
  const error = typeof p.error === 'string' ? p.error : 'normal';
  parts.push(error === 'student-t' && typeof p.nu === 'number' ? `student-t(${tailClass(p.nu)})` : error);
  if (typeof p.hetero === 'string' && p.hetero !== 'none' && p.heteroStrength !== 0) parts.push(`hetero-${p.hetero}`);
  if (typeof p.dispersion === 'number' && p.dispersion > 0) parts.push('dispersed');
  return parts.join('/');
}

export const noise = defineFamily({
  name: 'noise',
  doc: NOISE_DOC,
  params: noiseParamsSchema,
  block: {
    doc: 'Random noise proxies: each parameter fixed or drawn per proxy.',
    fields: noiseDrawFields,
    draw: drawNoiseParams,
  },
  score: noiseScores,
  shape: (p) => `noise/${noiseShape(p)}`,
});
