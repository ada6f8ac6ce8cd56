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
 *
 * The same resamples also give each entry's distance below the top entry (the highest point
 * estimate): ρ_top,b − ρ_X,b on the proxies where both are finite. Choosing the top by its point
 * estimate and then comparing it only with the reference is the winner's curse; an entry whose
 * interval of this difference contains 0 is not distinguishable from the top.
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
  /**
   * Spearman of the top entry minus this entry's, on the proxies where both (and the outcome) are
   * finite and the same resamples: whether the top is distinguishable from this entry. 0 [0, 0]
   * for the top itself; NaN when no entry has a defined Spearman.
   */
  belowTop: Estimate;
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

/** A set of points (positions among the proxies with a finite outcome), with the outcome's side and the resample's multiplicities on it. */
interface Subset {
  id: number;
  points: Int32Array;
  y: Side;
  c: Float64Array;
  total: number;
}

/** One series' Spearman with the outcome on one subset: its point value and its value on every resample. */
interface Job {
  s: Subset;
  x: Side;
  value: number;
  draws: Float64Array;
  reason?: string;
}

/**
 * For each entry x of `entries` (one value per proxy, like `reference` and `y`), its Spearman with
 * y, its difference from the reference's, and the top entry's difference from it, all with
 * percentile intervals from the same B resamples of the proxies (see the module comment). The top
 * entry is the one with the highest defined Spearman (the first such in `entries` among equals).
 * Proxies whose y is not finite are left out of everything; the indices are drawn over the rest.
 */
export function pairedSpearman(
  entries: readonly ArrayLike<number>[],
  reference: ArrayLike<number>,
  y: ArrayLike<number>,
  options: PairedOptions = {},
): { n: number; reference: Estimate; top: number | null; entries: PairedEstimate[] } {
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

  // series that share a point set share the outcome's side and the multiplicities
  const subsets = new Map<string, Subset>();
  const subsetOf = (a: ArrayLike<number>, b: ArrayLike<number>): Subset => {
    const pts: number[] = [];
    for (let p = 0; p < n; p++) if (Number.isFinite(a[keep[p]]) && Number.isFinite(b[keep[p]])) pts.push(p);
    const key = pts.length === n ? 'all' : pts.join(',');
    let s = subsets.get(key);
    if (!s) {
      const points = Int32Array.from(pts);
      s = { id: subsets.size, points, y: side(Float64Array.from(points, (p) => y[keep[p]])), c: new Float64Array(points.length), total: 0 };
      subsets.set(key, s);
    }
    return s;
  };
  // a series on a subset is computed once, however many comparisons use it
  const jobs = new Map<string, Job>();
  const jobOf = (id: string, x: ArrayLike<number>, s: Subset, what: string): Job => {
    const key = `${id}|${s.id}`;
    let job = jobs.get(key);
    if (!job) {
      const xv = Float64Array.from(s.points, (p) => x[keep[p]]);
      const ones = new Float64Array(s.points.length).fill(1);
      const xs = side(xv);
      job = {
        s,
        x: xs,
        value: weightedSpearman(xs, s.y, ones, s.points.length),
        draws: new Float64Array(nB),
        reason: undefinedReason(
          xv,
          Float64Array.from(s.points, (p) => y[keep[p]]),
          what,
          'the outcome',
        ),
      };
      jobs.set(key, job);
    }
    return job;
  };
  const vsRef = entries.map((x, j) => {
    const s = subsetOf(x, reference);
    return { entry: jobOf(`e${j}`, x, s, 'the metric'), ref: jobOf('ref', reference, s, 'the reference') };
  });
  const refAll = jobOf('ref', reference, subsetOf(reference, reference), 'the reference');
  // the top entry, by the point estimates the leaderboard ranks by
  let top: number | null = null;
  vsRef.forEach((p, j) => {
    if (Number.isFinite(p.entry.value) && (top === null || p.entry.value > vsRef[top].entry.value)) top = j;
  });
  const t = top as number | null;
  const vsTop = entries.map((x, j) => {
    if (t === null) return null;
    const s = subsetOf(x, entries[t]);
    return { entry: jobOf(`e${j}`, x, s, 'the metric'), top: jobOf(`e${t}`, entries[t], s, 'the top entry') };
  });

  // the resamples, shared by every series
  const c = new Float64Array(n);
  for (let b = 0; b < nB; b++) {
    c.fill(0);
    for (let q = b * n, e = q + n; q < e; q++) c[idx[q]]++;
    for (const s of subsets.values()) {
      let total = 0;
      for (let q = 0; q < s.points.length; q++) total += s.c[q] = c[s.points[q]];
      s.total = total;
    }
    for (const job of jobs.values()) job.draws[b] = weightedSpearman(job.x, job.s.y, job.s.c, job.s.total);
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
  const minus = (a: Job, b: Job): Estimate =>
    estimate(
      a.value - b.value,
      a.draws.map((d, i) => d - b.draws[i]),
      a.reason ?? b.reason,
    );
  return {
    n,
    reference: estimate(refAll.value, refAll.draws, refAll.reason),
    top: t,
    entries: vsRef.map((p, j) => {
      const vt = vsTop[j];
      return {
        n: p.entry.s.points.length,
        spearman: estimate(p.entry.value, p.entry.draws, p.entry.reason),
        difference: minus(p.entry, p.ref),
        belowTop: vt
          ? minus(vt.top, vt.entry)
          : { value: NaN, lo: NaN, hi: NaN, undefinedResamples: 0, reason: 'no entry has a defined Spearman' },
      };
    }),
  };
}
