/**
 * Section `resampling`: with R eval-set replicates, the correlation of a single replicate vs the
 * replicate mean, the distribution of the correlation across replicates, and the share of the
 * metric's variance across proxies that is eval-set sampling noise.
 */
import type { OutcomeQuantity } from '../../data/row.js';
import { correlations, quantileSorted } from '../correlation.js';
import { metricValue, outcomeValue, type SummaryInput } from './input.js';

export interface Dist {
  n: number;
  mean: number;
  sd: number;
  min: number;
  median: number;
  max: number;
}

export interface ResamplingEntry {
  design: string;
  metric: string;
  outcome: string;
  quantity: OutcomeQuantity;
  replicates: number; // R
  n: number; // proxies with every replicate finite
  /** Correlations with replicate 0 (what a single eval set shows). */
  single: { pearson: number; spearman: number };
  /** Correlations with the mean of the R replicates (less test-set noise). */
  mean: { pearson: number; spearman: number };
  /** The correlation computed on each replicate separately, summarized over replicates. */
  acrossReplicates: { pearson: Dist; spearman: Dist };
  /**
   * Mean over proxies of the metric's variance across replicates, divided by the mean over
   * replicates of its variance across proxies: the share of the spread between proxies that is
   * eval-set sampling noise (0 = none).
   */
  noiseShare: number;
  /** 1 − noiseShare: reliability of one eval set (classical test theory). */
  reliability: number;
  /** single.pearson / √reliability: Pearson with the noise of one eval set removed (Spearman 1904). */
  pearsonDisattenuated: number;
  reason?: string;
}

function dist(values: number[]): Dist {
  const v = Float64Array.from(values.filter(Number.isFinite)).sort();
  const n = v.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN, min: NaN, median: NaN, max: NaN };
  let s = 0;
  for (const x of v) s += x;
  const mean = s / n;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, min: v[0], median: quantileSorted(v, 0.5), max: v[n - 1] };
}

function sampleVar(v: ArrayLike<number>): number {
  const n = v.length;
  if (n < 2) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - m) ** 2;
  return ss / (n - 1);
}

export function resamplingSection(input: SummaryInput): ResamplingEntry[] {
  const { rows } = input;
  const out: ResamplingEntry[] = [];
  for (const design of input.designs) {
    for (const metric of input.metrics[design]) {
      const extra = rows.map((r) => r.resampled?.[design]?.[metric] ?? []);
      const R = 1 + Math.min(...extra.map((e) => e.length));
      if (rows.length === 0 || R < 2) continue;
      // replicate matrix: proxies with every replicate finite
      const reps = rows.map((r, i) => [metricValue(r, design, metric), ...extra[i].slice(0, R - 1)]);
      for (const outcome of input.outcomes) {
        for (const quantity of input.quantities) {
          const keep = rows
            .map((_r, i) => i)
            .filter((i) => reps[i].every(Number.isFinite) && Number.isFinite(outcomeValue(rows[i], outcome, quantity)));
          const y = keep.map((i) => outcomeValue(rows[i], outcome, quantity));
          const single = correlations(
            keep.map((i) => reps[i][0]),
            y,
          );
          const means = keep.map((i) => reps[i].reduce((a, b) => a + b, 0) / R);
          const mean = correlations(means, y);
          const perRep = Array.from({ length: R }, (_, r) =>
            correlations(
              keep.map((i) => reps[i][r]),
              y,
            ),
          );
          const noiseVar = keep.map((i) => sampleVar(reps[i])).reduce((a, b) => a + b, 0) / keep.length;
          const totalVar = perRep.map((_, r) => sampleVar(keep.map((i) => reps[i][r]))).reduce((a, b) => a + b, 0) / R;
          const noiseShare = keep.length >= 2 && totalVar > 0 ? noiseVar / totalVar : NaN;
          const reliability = 1 - noiseShare;
          const entry: ResamplingEntry = {
            design,
            metric,
            outcome,
            quantity,
            replicates: R,
            n: keep.length,
            single: { pearson: single.pearson, spearman: single.spearman },
            mean: { pearson: mean.pearson, spearman: mean.spearman },
            acrossReplicates: {
              pearson: dist(perRep.map((c) => c.pearson)),
              spearman: dist(perRep.map((c) => c.spearman)),
            },
            noiseShare,
            reliability,
            pearsonDisattenuated: reliability > 0 ? single.pearson / Math.sqrt(reliability) : NaN,
          };
          if (keep.length < 2) entry.reason = `fewer than 2 proxies with all ${R} replicates finite`;
          else if (!(totalVar > 0)) entry.reason = 'the metric does not vary across proxies';
          out.push(entry);
        }
      }
    }
  }

  return out;
}
