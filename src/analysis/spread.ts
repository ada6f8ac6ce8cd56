/**
 * Same-metric spread: proxies binned by a metric (e.g. pairwise accuracy in bins of width 0.02),
 * and per bin the count, min, max, range and interquartile range of an outcome (NDR) — how
 * different the policies of proxies with about the same score are (Wen et al.'s "similar accuracy,
 * different policies").
 */
import { invalid } from '../errors.js';
import { finitePairs, quantileSorted } from './correlation.js';

export interface SpreadBin {
  /** Bin [lo, hi): lo = origin + index·width (computed from the index, not by addition). */
  index: number;
  lo: number;
  hi: number;
  count: number;
  metricMin: number;
  metricMax: number;
  min: number; // of the outcome
  max: number;
  range: number;
  q1: number; // quartiles (numpy 'linear')
  median: number;
  q3: number;
  iqr: number;
  /** Ids of the proxies in the bin with the lowest and highest outcome (when ids are given). */
  lowId?: string;
  highId?: string;
}

export interface SpreadTable {
  width: number;
  origin: number;
  n: number; // proxies binned
  dropped: number; // proxies with a non-finite metric or outcome
  bins: SpreadBin[]; // non-empty bins, ascending
  /** The largest outcome range within one bin (over bins with ≥ 2 proxies; NaN if none). */
  maxRange: number;
  /** Index into `bins` of that bin (−1 if none). */
  maxRangeBin: number;
  /** Range of the outcome over all proxies, for scale. */
  totalRange: number;
}

/**
 * Bin index of x: ⌊(x − origin)/width⌋, except that a quotient within 1e-9 of an integer counts as
 * that integer (so 0.58 with width 0.02 falls in [0.58, 0.60), not [0.56, 0.58) by rounding).
 */
export function binIndex(x: number, width: number, origin = 0): number {
  const q = (x - origin) / width;
  const r = Math.round(q);
  return Math.abs(q - r) < 1e-9 ? r : Math.floor(q);
}

/** Spread of `outcome` within bins of `metric` of width `width` starting at `origin`. */
export function spreadByBins(
  metric: ArrayLike<number>,
  outcome: ArrayLike<number>,
  options: { width: number; origin?: number; ids?: readonly string[] },
): SpreadTable {
  const { width } = options;
  const origin = options.origin ?? 0;
  if (!(width > 0) || !Number.isFinite(width)) invalid('width', `must be finite and > 0, got ${width}`);
  if (!Number.isFinite(origin)) invalid('origin', `must be finite, got ${origin}`);
  if (options.ids && options.ids.length !== metric.length) {
    invalid('ids', `length ${options.ids.length} differs from metric's ${metric.length}`);
  }
  const keep: number[] = [];
  for (let i = 0; i < metric.length; i++) if (Number.isFinite(metric[i]) && Number.isFinite(outcome[i])) keep.push(i);
  const { dropped } = finitePairs(metric, outcome);
  const groups = new Map<number, number[]>();
  for (const i of keep) {
    const b = binIndex(metric[i], width, origin);
    let g = groups.get(b);
    if (!g) groups.set(b, (g = []));
    g.push(i);
  }
  const bins: SpreadBin[] = [];
  for (const index of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(index)!;
    const vals = Float64Array.from(members, (i) => outcome[i]).sort();
    let metricMin = Infinity;
    let metricMax = -Infinity;
    let low = members[0];
    let high = members[0];
    for (const i of members) {
      metricMin = Math.min(metricMin, metric[i]);
      metricMax = Math.max(metricMax, metric[i]);
      if (outcome[i] < outcome[low]) low = i;
      if (outcome[i] > outcome[high]) high = i;
    }
    const q1 = quantileSorted(vals, 0.25);
    const q3 = quantileSorted(vals, 0.75);
    const bin: SpreadBin = {
      index,
      lo: origin + index * width,
      hi: origin + (index + 1) * width,
      count: members.length,
      metricMin,
      metricMax,
      min: vals[0],
      max: vals[vals.length - 1],
      range: vals[vals.length - 1] - vals[0],
      q1,
      median: quantileSorted(vals, 0.5),
      q3,
      iqr: q3 - q1,
    };
    if (options.ids) {
      bin.lowId = options.ids[low];
      bin.highId = options.ids[high];
    }
    bins.push(bin);
  }
  let maxRange = NaN;
  let maxRangeBin = -1;
  bins.forEach((b, i) => {
    if (b.count >= 2 && !(b.range <= maxRange)) {
      maxRange = b.range;
      maxRangeBin = i;
    }
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of keep) {
    lo = Math.min(lo, outcome[i]);
    hi = Math.max(hi, outcome[i]);
  }
  return { width, origin, n: keep.length, dropped, bins, maxRange, maxRangeBin, totalRange: keep.length ? hi - lo : NaN };
}
