/**
 * The paired bootstrap of a difference of Spearman correlations: does metric X predict an outcome
 * better than a reference metric (pairwise accuracy on the standard design) on the same proxies?
 *
 * Two correlations computed on the same proxies are not independent, so whether their separate
 * intervals overlap says little. Here every entry is computed on the same B resamples of proxies
 * (one index set per outcome), and the percentile interval of ρ_X,b − ρ_ref,b over b is the
 * interval of the difference (Efron & Tibshirani 1993, ch. 13; Wilcox 2009 for correlations).
 *
 * Indices: ⌊u·n⌋ over the n proxies whose outcome is finite, u from the wasm `uniform(stream, B·n)`
 * (src/analysis/correlation.ts `bootstrapIndices`), on the stream the caller names. A resample is a
 * multiset; Spearman is computed from multiplicities (average ranks by tie-group weight, then a
 * weighted Pearson of the ranks), O(n) a resample after one sort. An entry whose metric is not
 * finite for some proxies is compared on the proxies where both it and the reference are finite,
 * with the same multiplicities on both sides. NaN where a side has no variation in a resample;
 * such resamples are counted and left out, and an interval needs at least half of them defined.
 */
import type { Stream } from '../core/stream.js';
import { invalid } from '../errors.js';
import {
  bootstrapIndices,
  type Estimate,
  quantileSorted,
  tieGroups,
  undefinedReason,
  weightedAverageRanks,
  weightedPearson,
} from './correlation.js';

export interface PairedEstimate {
  /** Points used: proxies with this entry, the reference and the outcome finite. */
  n: number;
  /** Spearman of the entry with the outcome, with its interval from the shared resamples. */
  spearman: Estimate;
  /** Spearman of the entry minus Spearman of the reference, on the same proxies and resamples. */
  difference: Estimate;
}

export interface PairedOptions {
  /** Stream of the shared resampling indices; omit for no bootstrap (intervals NaN). */
  stream?: Stream;
  resamples?: number; // B, default 1000
  level?: number; // default 0.95
}

interface Side {
  groups: ReturnType<typeof tieGroups>;
  ranks: Float64Array;
}

const side = (v: Float64Array): Side => ({ groups: tieGroups(v), ranks: new Float64Array(v.length) });

/** Spearman under multiplicities c (summing to total) of x and y, with their tie groups; NaN when either is constant. */
function weightedSpearman(sx: Side, sy: Side, c: Float64Array, total: number): number {
  const all = (total * (total - 1)) / 2;
  if (total < 2) return NaN;
  const tx = weightedAverageRanks(sx.groups, c, sx.ranks);
  const ty = weightedAverageRanks(sy.groups, c, sy.ranks);
  if (tx === all || ty === all) return NaN;
  return weightedPearson(sx.ranks, sy.ranks, c, total);
}

/**
 * For each entry x of `entries` (one value per proxy, like `reference` and `y`), its Spearman with
 * y and its difference from the reference's, both with percentile intervals from the same B
 * resamples of the proxies (see the module comment). Proxies whose y is not finite are left out of
 * everything; the indices are drawn over the rest.
 */
export function pairedSpearman(
  entries: readonly ArrayLike<number>[],
  reference: ArrayLike<number>,
  y: ArrayLike<number>,
  options: PairedOptions = {},
): { n: number; reference: Estimate; entries: PairedEstimate[] } {
  const B = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(B) || B < 0) invalid('resamples', `must be an integer ≥ 0, got ${B}`);
  if (!(level > 0 && level < 1)) invalid('level', `must be in (0, 1), got ${level}`);
  for (const [j, e] of entries.entries())
    if (e.length !== y.length) invalid(`entries[${j}]`, `length ${e.length} differs from y's ${y.length}`);
  if (reference.length !== y.length) invalid('reference', `length ${reference.length} differs from y's ${y.length}`);
  // the index space: proxies with a finite outcome
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i])) keep.push(i);
  const n = keep.length;
  const useBootstrap = options.stream !== undefined && B > 0 && n >= 1;
  const idx = useBootstrap ? bootstrapIndices(options.stream!, n, B) : new Int32Array(0);
  const nB = useBootstrap ? B : 0;

  // entries that share a point set share the y and reference sides
  interface Subset {
    points: Int32Array; // positions in keep
    y: Side;
    ref: Side;
    refDraws: Float64Array;
    refValue: number;
    reason?: string;
  }
  const subsets = new Map<string, Subset>();
  const subsetOf = (x: ArrayLike<number>): Subset => {
    const pts: number[] = [];
    for (let p = 0; p < n; p++) if (Number.isFinite(x[keep[p]]) && Number.isFinite(reference[keep[p]])) pts.push(p);
    const key = pts.length === n ? 'all' : pts.join(',');
    let s = subsets.get(key);
    if (!s) {
      const points = Int32Array.from(pts);
      const yv = Float64Array.from(points, (p) => y[keep[p]]);
      const rv = Float64Array.from(points, (p) => reference[keep[p]]);
      s = {
        points,
        y: side(yv),
        ref: side(rv),
        refDraws: new Float64Array(nB),
        refValue: NaN,
        reason: undefinedReason(rv, yv, 'the reference', 'the outcome'),
      };
      subsets.set(key, s);
    }
    return s;
  };
  const prepared = entries.map((x) => {
    const s = subsetOf(x);
    const xv = Float64Array.from(s.points, (p) => x[keep[p]]);
    return {
      s,
      x: side(xv),
      reason: undefinedReason(
        xv,
        Float64Array.from(s.points, (p) => y[keep[p]]),
        'the metric',
        'the outcome',
      ),
      draws: new Float64Array(nB),
      value: NaN,
    };
  });
  const refAll = subsetOf(reference);

  // point estimates: every multiplicity 1
  for (const s of subsets.values()) {
    const ones = new Float64Array(s.points.length).fill(1);
    s.refValue = weightedSpearman(s.ref, s.y, ones, s.points.length);
  }
  for (const e of prepared) e.value = weightedSpearman(e.x, e.s.y, new Float64Array(e.s.points.length).fill(1), e.s.points.length);

  // the resamples, shared by every entry
  const c = new Float64Array(n);
  const cs = new Map<Subset, { c: Float64Array; total: number }>();
  for (const s of subsets.values()) cs.set(s, { c: new Float64Array(s.points.length), total: 0 });
  for (let b = 0; b < nB; b++) {
    c.fill(0);
    for (let t = b * n, e = t + n; t < e; t++) c[idx[t]]++;
    for (const [s, w] of cs) {
      let total = 0;
      for (let q = 0; q < s.points.length; q++) total += w.c[q] = c[s.points[q]];
      w.total = total;
      s.refDraws[b] = weightedSpearman(s.ref, s.y, w.c, total);
    }
    for (const e of prepared) {
      const w = cs.get(e.s)!;
      e.draws[b] = weightedSpearman(e.x, e.s.y, w.c, w.total);
    }
  }

  const alpha = (1 - level) / 2;
  const estimate = (value: number, draws: Float64Array, reason?: string): Estimate => {
    const out: Estimate = { value, lo: NaN, hi: NaN, undefinedResamples: 0 };
    if (Number.isNaN(value)) out.reason = reason ?? 'undefined';
    if (nB === 0) return out;
    const finite = draws.filter(Number.isFinite).sort();
    out.undefinedResamples = nB - finite.length;
    if (finite.length >= Math.max(2, nB / 2)) {
      out.lo = quantileSorted(finite, alpha);
      out.hi = quantileSorted(finite, 1 - alpha);
    }
    return out;
  };
  return {
    n,
    reference: estimate(refAll.refValue, refAll.refDraws, refAll.reason),
    entries: prepared.map((e) => {
      const diff = e.draws.map((d, b) => d - e.s.refDraws[b]);
      return {
        n: e.s.points.length,
        spearman: estimate(e.value, e.draws, e.reason),
        difference: estimate(e.value - e.s.refValue, diff, e.reason ?? e.s.reason),
      };
    }),
  };
}
