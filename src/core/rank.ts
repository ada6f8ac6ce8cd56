/**
 * Grouped all-pairs statistics in the wasm core: per group of (x = gold, y = proxy) values,
 * exact pair counts, Kendall τ_b (Knight's O(k log k) algorithm), Spearman ρ (average ranks)
 * and Pearson r, for many groups of varying size in one call.
 */
import { invalid } from '../errors.js';
import { alloc, allocF64, type F64Input, f64Length, type I32Input, inputF64, inputI32, requireFinite, scoped } from './memory.js';
import { checkOffsets } from './offsets.js';
import { core } from './wasm.js';

/**
 * Per-group statistics, one Float64Array of length G each (group g = indices
 * offsets[g] .. offsets[g+1]). With k the group size:
 * - `pairs` n0 = k(k−1)/2; `concordant` C, `discordant` D (pairs ordered the same / the
 *   opposite way by x and y); `tiesX` n1 (pairs tied in x, including those also tied in y);
 *   `tiesY` n2 (tied in y, including joint ties); `tiesXY` n3 (tied in both).
 *   C + D + n1 + n2 − n3 = n0. Counts are exact integers.
 * - `tauB` = (C − D) / √((n0 − n1)(n0 − n2)) (scipy.stats.kendalltau, variant 'b');
 *   `spearman` = Pearson correlation of average ranks (scipy.stats.spearmanr);
 *   `pearson` = Pearson correlation of the values (scipy.stats.pearsonr).
 *   All three are NaN for a group in which x or y has no variation, which includes k < 2.
 */
export interface GroupStats {
  pairs: Float64Array;
  concordant: Float64Array;
  discordant: Float64Array;
  tiesX: Float64Array;
  tiesY: Float64Array;
  tiesXY: Float64Array;
  tauB: Float64Array;
  spearman: Float64Array;
  pearson: Float64Array;
}

/** The statistics in the order the kernel writes them. */
export const GROUP_STAT_KEYS = ['pairs', 'concordant', 'discordant', 'tiesX', 'tiesY', 'tiesXY', 'tauB', 'spearman', 'pearson'] as const;

/**
 * Statistics of every group of (x, y) = (gold, proxy) values; groups are given by `offsets`
 * (Int32, length G + 1). x and y must have equal length and finite values. Resident `WasmF64`
 * / `WasmI32` inputs are used in place.
 */
export function groupStats(x: F64Input, y: F64Input, offsets: I32Input): GroupStats {
  const n = f64Length(x, 'x');
  const ny = f64Length(y, 'y');
  if (ny !== n) invalid('y', `length ${ny} differs from x's ${n}`);
  return scoped(() => {
    // checked before conversion so that a fractional or out-of-range entry is reported, not truncated
    const kmax = checkOffsets(offsets, n, { minSize: 0, minGroups: 0, what: 'values' }).maxSize;
    const off = inputI32(offsets, 'offsets');
    const G = off.length - 1;
    const xb = inputF64(x, 'x');
    const yb = inputF64(y, 'y');
    requireFinite(xb, 'x');
    requireFinite(yb, 'y');
    const out = allocF64(GROUP_STAT_KEYS.length * G);
    const scratch = alloc(core().rankScratchBytes(kmax));
    core().rank_stats(xb.ptr, yb.ptr, off.ptr, G, out.ptr, scratch);
    const all = out.toArray();
    const res = {} as GroupStats;
    GROUP_STAT_KEYS.forEach((key, s) => {
      res[key] = all.subarray(s * G, (s + 1) * G);
    });
    return res;
  });
}

/** Offsets for G groups of equal size k: [0, k, 2k, …, Gk]. */
export function uniformOffsets(G: number, k: number): Int32Array {
  if (!Number.isInteger(G) || G < 0) invalid('G', `must be a non-negative integer, got ${String(G)}`);
  if (!Number.isInteger(k) || k < 0) invalid('k', `must be a non-negative integer, got ${String(k)}`);
  if (G * k >= 2 ** 31) invalid('k', `G·k = ${G * k} values is too many`);
  return Int32Array.from({ length: G + 1 }, (_, g) => g * k);
}
