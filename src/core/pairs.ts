/**
 * Pairwise accuracy over explicit pairs in the wasm core: counts, not only a ratio, so callers
 * can apply several tie policies to one pass and report what was excluded.
 */
import { invalid } from '../errors.js';
import { alloc, type F64Input, f64Length, inputF64, requireFinite, requireObject, scoped, type WasmF64 } from './memory.js';
import { core } from './wasm.js';

/**
 * How a pair the proxy scores as tied (while gold orders it) counts:
 * - `strict`: as wrong, accuracy = c / (c + d + t);
 * - `half`: as half right, accuracy = (c + t/2) / (c + d + t);
 * - `drop`: not at all, accuracy = c / (c + d).
 * Pairs tied in gold have no correct answer and are excluded under every policy.
 */
export type TiePolicy = 'strict' | 'half' | 'drop';
export const TIE_POLICIES: readonly TiePolicy[] = ['strict', 'half', 'drop'];

/** Exact pair counts (as numbers; exact below 2^53) and the accuracy under one tie policy. */
export interface PairwiseAccuracy {
  /** number of pairs m */
  pairs: number;
  /** goldA == goldB: no correct answer, excluded from accuracy */
  goldTies: number;
  /** gold ordered and the proxy orders the pair the same way */
  concordant: number;
  /** gold ordered and the proxy orders the pair the other way */
  discordant: number;
  /** gold ordered and proxyA == proxyB */
  proxyTies: number;
  ties: TiePolicy;
  /** accuracy under `ties`; NaN when its denominator is 0 (no gold-ordered pair, or under `drop` only proxy ties) */
  accuracy: number;
}

export type PairCounts = Omit<PairwiseAccuracy, 'ties' | 'accuracy'>;

/** Accuracy from counts under a tie policy; NaN when the denominator is 0. */
export function accuracyFromCounts(counts: PairCounts, ties: TiePolicy): number {
  requireObject(counts, 'counts');
  for (const key of ['concordant', 'discordant', 'proxyTies'] as const) {
    const v = counts[key];
    if (typeof v !== 'number' || !(v >= 0)) invalid(`counts.${key}`, `must be a count ≥ 0, got ${String(v)}`);
  }
  const { concordant: c, discordant: d, proxyTies: t } = counts;
  switch (ties) {
    case 'strict':
      return c + d + t === 0 ? NaN : c / (c + d + t);
    case 'half':
      return c + d + t === 0 ? NaN : (c + t / 2) / (c + d + t);
    case 'drop':
      return c + d === 0 ? NaN : c / (c + d);
    default:
      return invalid('ties', `must be one of ${TIE_POLICIES.join(', ')}, got ${String(ties)}`);
  }
}

export interface PairwiseOptions {
  /** which kernel counts: the SIMD one (default) or its scalar twin (for differential tests) */
  kernel?: 'simd' | 'scalar';
}

/**
 * Pairwise accuracy of a proxy on explicit pairs: pair i compares response a (gold goldA[i],
 * proxy proxyA[i]) with response b. All four arrays must have the same length and finite
 * values. Resident `WasmF64` inputs are used in place (one streaming pass, no copy).
 */
export function pairwiseAccuracy(
  goldA: F64Input,
  goldB: F64Input,
  proxyA: F64Input,
  proxyB: F64Input,
  ties: TiePolicy,
  options: PairwiseOptions = {},
): PairwiseAccuracy {
  if (!TIE_POLICIES.includes(ties)) invalid('ties', `must be one of ${TIE_POLICIES.join(', ')}, got ${String(ties)}`);
  const kernel = options?.kernel ?? 'simd';
  if (kernel !== 'simd' && kernel !== 'scalar') invalid('kernel', `must be 'simd' or 'scalar', got ${String(kernel)}`);
  const m = f64Length(goldA, 'goldA');
  const named = { goldB, proxyA, proxyB };
  for (const [name, arr] of Object.entries(named)) {
    const n = f64Length(arr, name);
    if (n !== m) invalid(name, `length ${n} differs from goldA's ${m}`);
  }
  return scoped(() => {
    const bufs: [WasmF64, string][] = [
      [inputF64(goldA, 'goldA'), 'goldA'],
      [inputF64(goldB, 'goldB'), 'goldB'],
      [inputF64(proxyA, 'proxyA'), 'proxyA'],
      [inputF64(proxyB, 'proxyB'), 'proxyB'],
    ];
    const out = alloc(5 * 8);
    const k = core();
    (kernel === 'simd' ? k.pair_counts_simd : k.pair_counts_scalar)(bufs[0][0].ptr, bufs[1][0].ptr, bufs[2][0].ptr, bufs[3][0].ptr, m, out);
    const r = new Float64Array(k.memory.buffer, out, 5);
    if (r[4] !== 0) {
      for (const [buf, name] of bufs) requireFinite(buf, name);
    }
    const counts: PairCounts = { pairs: m, goldTies: r[0], concordant: r[1], discordant: r[2], proxyTies: r[3] };
    return { ...counts, ties, accuracy: accuracyFromCounts(counts, ties) };
  });
}

/**
 * Sum of all values of four equal-length arrays: the memory-bandwidth baseline for
 * `pairwiseAccuracy` (the same 32 bytes read per index, almost no arithmetic). For benchmarks.
 */
export function sum4(a: F64Input, b: F64Input, c: F64Input, d: F64Input): number {
  const m = f64Length(a, 'a');
  for (const [name, arr] of Object.entries({ b, c, d })) {
    const n = f64Length(arr, name);
    if (n !== m) invalid(name, `length ${n} differs from a's ${m}`);
  }
  return scoped(() => core().sum4_f64(inputF64(a, 'a').ptr, inputF64(b, 'b').ptr, inputF64(c, 'c').ptr, inputF64(d, 'd').ptr, m));
}
