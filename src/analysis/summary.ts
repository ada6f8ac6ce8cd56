/**
 * The meta-evaluation of a study: from one row per proxy to a JSON-able summary.
 *
 * - correlations: for every (eval design, metric) × outcome, Pearson, Spearman and Kendall τ_b of
 *   the metric with the outcome's NDR across proxies, each with a percentile bootstrap CI over
 *   proxies (indices from Stream.from(seed, 'bootstrap', design, metric, outcome, quantity));
 * - spread: NDR within bins of a metric (e.g. accuracy width 0.02);
 * - resampling: with R eval-set replicates, the correlation of a single replicate vs the
 *   replicate mean, the distribution of the correlation across replicates, and the share of the
 *   metric's variance across proxies that is eval-set sampling noise;
 * - theory: each proxy's distance from the Gaussian line NDR = sin(π(A − ½)), grouped by family
 *   and error shape.
 *
 * Deterministic: the same rows, options and seed give identical JSON bytes — names are visited in
 * first-appearance order over the rows, and every non-integer number is rounded to `digits`
 * significant digits (NaN/±Inf become null, with a reason beside them where it matters).
 */

import { Stream } from '../core/stream.js';
import { invalid } from '../errors.js';
import { VERSION } from '../version.js';
import { type CorrelationSet, correlate, correlations, quantileSorted } from './correlation.js';
import type { OutcomeQuantity, Row } from './row.js';
import { type SpreadTable, spreadByBins } from './spread.js';
import { ndrTheory, unflippedAccuracy } from './theory.js';

export interface SummaryOptions {
  /** Study seed: names the bootstrap streams. */
  seed: number | string;
  /** Bootstrap resamples over proxies (default 1000; 0 = no intervals). */
  resamples?: number;
  /** Interval coverage (default 0.95). */
  level?: number;
  /** Outcome quantities to correlate metrics with (default ['ndr']). */
  quantities?: OutcomeQuantity[];
  /** Families left out of every analysis, e.g. the gold reference itself (default ['gold']). */
  excludeFamilies?: string[];
  /** Same-metric spread: the metrics to bin (default: the theory metric) and bin width (0.02). */
  spread?: { metrics?: string[]; width?: number; origin?: number };
  /**
   * Theory line: the metric that plays pairwise accuracy (default 'accuracy'), the design whose
   * pairs match the optimizer's distribution (default: the first design), the label flip rate of
   * that design (accuracy is un-flipped before the comparison; default 0), and which outcome keys
   * the line applies to (default: best-of-n and tilt at matched KL, /^(bon@|bon-wr@|tilt@kl=)/).
   */
  theory?: { metric?: string; design?: string; flip?: number; outcomes?: RegExp };
  /** Group for theory residuals (default: `errorShape`). */
  groupBy?: (row: Row) => string;
  /** Significant digits of non-integer numbers in the output (default 6). */
  digits?: number;
  /** Written into the summary so it describes itself. */
  meta?: { version?: string; wasmHash?: string; [key: string]: unknown };
}

export interface CorrelationEntry extends CorrelationSet {
  design: string;
  metric: string;
  outcome: string;
  quantity: OutcomeQuantity;
}

export interface SpreadEntry extends SpreadTable {
  design: string;
  metric: string;
  outcome: string;
  quantity: OutcomeQuantity;
}

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

export interface TheoryPoint {
  id: string;
  family: string;
  group: string;
  outcome: string;
  accuracy: number;
  ndr: number;
  theory: number;
  residual: number; // ndr − theory
}

export interface TheoryGroup {
  group: string;
  outcome: string;
  n: number;
  accuracyMin: number;
  accuracyMax: number;
  meanResidual: number;
  meanAbsResidual: number;
  rmsResidual: number;
  maxAbsResidual: number;
}

export interface Summary {
  kind: 'rmsim-summary';
  version: string;
  wasmHash: string | null;
  seed: number | string;
  meta: Record<string, unknown>;
  proxies: number;
  excluded: { families: string[]; proxies: number };
  families: Record<string, number>;
  designs: string[];
  metrics: Record<string, string[]>;
  outcomes: string[];
  bootstrap: { resamples: number; level: number; method: string; indices: string };
  correlations: CorrelationEntry[];
  spread: SpreadEntry[];
  resampling: ResamplingEntry[];
  theory: {
    metric: string;
    design: string | null;
    flip: number;
    line: string;
    points: TheoryPoint[];
    groups: TheoryGroup[];
    reason?: string;
  };
}

/** Names in first-appearance order over rows. */
function orderedKeys<T>(items: readonly T[], keys: (item: T) => Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const it of items) for (const k of keys(it)) seen.add(k);
  return [...seen];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

/**
 * ν of a Student-t error as a group label: an integer ν as itself, a drawn ν by tail class —
 * ν ≤ 2 (infinite variance), 2 < ν ≤ 3 (infinite fourth moment), ν > 3.
 */
function tailClass(nu: number): string {
  if (Number.isInteger(nu)) return String(nu);
  return nu <= 2 ? 'ν≤2' : nu <= 3 ? '2<ν≤3' : 'ν>3';
}

/** The shape of a noise-family error (src/proxy/noise.ts params): 'normal', 'student-t(3)/hetero-rank', … */
function noiseShape(p: Record<string, unknown>): string {
  const parts: string[] = [];
  const error = typeof p.error === 'string' ? p.error : 'normal';
  parts.push(error === 'student-t' && typeof p.nu === 'number' ? `student-t(${tailClass(p.nu)})` : error);
  if (typeof p.hetero === 'string' && p.hetero !== 'none' && p.heteroStrength !== 0) parts.push(`hetero-${p.hetero}`);
  if (typeof p.dispersion === 'number' && p.dispersion > 0) parts.push('dispersed');
  return parts.join('/');
}

/**
 * The default grouping of theory residuals: family plus the error's shape as the proxy families
 * of src/proxy/ describe it — distribution (with ν for Student-t), heteroscedasticity, per-prompt
 * dispersion; for transforms the function and the base proxy's shape. E.g. 'noise/normal',
 * 'noise/student-t(3)/hetero-rank', 'transform/exp/normal', 'gold'. The error scale is not part
 * of the shape (it is what moves a proxy along the theory line).
 */
export function errorShape(row: Row): string {
  const p = (row.params ?? {}) as Record<string, unknown>;
  if (row.family === 'noise') return `noise/${noiseShape(p)}`;
  if (row.family === 'transform') {
    const base = typeof p.base === 'object' && p.base !== null ? (p.base as Record<string, unknown>) : {};
    return `transform/${typeof p.fn === 'string' ? p.fn : 'affine'}/${noiseShape(base)}`;
  }
  return row.family;
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

/** Round every non-integer number to `digits` significant digits; NaN/±Inf → null; −0 → 0. */
export function canonicalize(value: unknown, digits = 6): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value)) return value === 0 ? 0 : value;
    const r = Number(value.toPrecision(digits));
    return r === 0 ? 0 : r;
  }
  if (Array.isArray(value)) return value.map((v) => canonicalize(v, digits));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => canonicalize(v, digits));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = canonicalize(v, digits);
    return out;
  }
  return value;
}

/** Outcome quantity of a row, NaN when absent. */
function outcomeValue(row: Row, outcome: string, q: OutcomeQuantity): number {
  return num(row.outcomes?.[outcome]?.[q]);
}

/** The summary of a study's rows (see the module comment); canonicalized, ready for JSON.stringify. */
export function summarize(allRows: readonly Row[], options: SummaryOptions): Summary {
  if (options === undefined || options.seed === undefined) invalid('options.seed', 'is required');
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const quantities = options.quantities ?? ['ndr'];
  const exclude = options.excludeFamilies ?? ['gold'];
  const digits = options.digits ?? 6;
  const groupBy = options.groupBy ?? errorShape;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) invalid('digits', `must be an integer in [1, 17], got ${digits}`);
  const seen = new Set<string>();
  for (const r of allRows) {
    if (seen.has(r.id)) invalid('rows', `duplicate proxy id '${r.id}'`);
    seen.add(r.id);
  }
  const rows = allRows.filter((r) => !exclude.includes(r.family));
  const designs = orderedKeys(rows, (r) => Object.keys(r.metrics ?? {}));
  const metricsOf: Record<string, string[]> = {};
  for (const d of designs) metricsOf[d] = orderedKeys(rows, (r) => Object.keys(r.metrics?.[d] ?? {}));
  const outcomes = orderedKeys(rows, (r) => Object.keys(r.outcomes ?? {}));
  const ids = rows.map((r) => r.id);

  const families: Record<string, number> = {};
  for (const r of allRows) families[r.family] = (families[r.family] ?? 0) + 1;

  // correlations
  const correlationsOut: CorrelationEntry[] = [];
  for (const design of designs) {
    for (const metric of metricsOf[design]) {
      const x = rows.map((r) => num(r.metrics?.[design]?.[metric]));
      for (const outcome of outcomes) {
        for (const quantity of quantities) {
          const y = rows.map((r) => outcomeValue(r, outcome, quantity));
          const c = correlate(
            x,
            y,
            { stream: Stream.from(options.seed, 'bootstrap', design, metric, outcome, quantity), resamples, level },
            { x: `${metric} on ${design}`, y: `${quantity} of ${outcome}` },
          );
          correlationsOut.push({ design, metric, outcome, quantity, ...c });
        }
      }
    }
  }

  // theory line
  const theoryMetric = options.theory?.metric ?? 'accuracy';
  const theoryDesign = options.theory?.design ?? designs[0] ?? null;
  const flip = options.theory?.flip ?? 0;
  const theoryOutcomes = outcomes.filter((o) => (options.theory?.outcomes ?? /^(bon@|bon-wr@|tilt@kl=)/).test(o));
  const theory: Summary['theory'] = {
    metric: theoryMetric,
    design: theoryDesign,
    flip,
    line: 'ndr = sin(pi * (accuracy - 0.5))',
    points: [],
    groups: [],
  };
  if (theoryDesign === null || !metricsOf[theoryDesign]) {
    theory.reason = theoryDesign === null ? 'no eval designs in the rows' : `design '${theoryDesign}' is not in the rows`;
  } else if (!metricsOf[theoryDesign].includes(theoryMetric)) {
    theory.reason = `metric '${theoryMetric}' is not computed on design '${theoryDesign}'`;
  } else if (theoryOutcomes.length === 0) {
    theory.reason = 'no best-of-n or matched-KL tilt outcomes in the rows';
  } else if (!(flip >= 0 && flip < 0.5)) {
    theory.reason = `labels of design '${theoryDesign}' are flipped at rate ${flip}: accuracy cannot be un-flipped at a rate ≥ 0.5`;
  } else {
    const groupOrder = orderedKeys(rows, (r) => [groupBy(r)]);
    for (const outcome of theoryOutcomes) {
      const byGroup = new Map<string, TheoryPoint[]>();
      for (const r of rows) {
        const measured = num(r.metrics[theoryDesign][theoryMetric]);
        const ndr = outcomeValue(r, outcome, 'ndr');
        if (!Number.isFinite(measured) || !Number.isFinite(ndr) || measured < 0 || measured > 1) continue;
        const accuracy = flip > 0 ? Math.min(1, Math.max(0, unflippedAccuracy(measured, flip))) : measured;
        const t = ndrTheory(accuracy);
        const group = groupBy(r);
        const p: TheoryPoint = { id: r.id, family: r.family, group, outcome, accuracy, ndr, theory: t, residual: ndr - t };
        theory.points.push(p);
        let g = byGroup.get(group);
        if (!g) byGroup.set(group, (g = []));
        g.push(p);
      }
      for (const group of groupOrder) {
        const pts = byGroup.get(group);
        if (!pts) continue;
        const res = pts.map((p) => p.residual);
        const n = res.length;
        theory.groups.push({
          group,
          outcome,
          n,
          accuracyMin: Math.min(...pts.map((p) => p.accuracy)),
          accuracyMax: Math.max(...pts.map((p) => p.accuracy)),
          meanResidual: res.reduce((a, b) => a + b, 0) / n,
          meanAbsResidual: res.reduce((a, b) => a + Math.abs(b), 0) / n,
          rmsResidual: Math.sqrt(res.reduce((a, b) => a + b * b, 0) / n),
          maxAbsResidual: Math.max(...res.map(Math.abs)),
        });
      }
    }
  }

  // same-metric spread
  const width = options.spread?.width ?? 0.02;
  const spreadMetrics = options.spread?.metrics ?? [theoryMetric];
  const spread: SpreadEntry[] = [];
  for (const design of designs) {
    for (const metric of metricsOf[design]) {
      if (!spreadMetrics.includes(metric)) continue;
      const x = rows.map((r) => num(r.metrics?.[design]?.[metric]));
      for (const outcome of outcomes) {
        for (const quantity of quantities) {
          const y = rows.map((r) => outcomeValue(r, outcome, quantity));
          const table = spreadByBins(x, y, { width, origin: options.spread?.origin ?? 0, ids });
          spread.push({ design, metric, outcome, quantity, ...table });
        }
      }
    }
  }

  // eval-set resampling
  const resampling: ResamplingEntry[] = [];
  for (const design of designs) {
    for (const metric of metricsOf[design]) {
      const extra = rows.map((r) => r.resampled?.[design]?.[metric] ?? []);
      const R = 1 + Math.min(...extra.map((e) => e.length));
      if (rows.length === 0 || R < 2) continue;
      // replicate matrix: proxies with every replicate finite
      const reps = rows.map((r, i) => [num(r.metrics?.[design]?.[metric]), ...extra[i].slice(0, R - 1)]);
      for (const outcome of outcomes) {
        for (const quantity of quantities) {
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
          resampling.push(entry);
        }
      }
    }
  }

  const summary: Summary = {
    kind: 'rmsim-summary',
    version: options.meta?.version ?? VERSION,
    wasmHash: options.meta?.wasmHash ?? null,
    seed: options.seed,
    meta: Object.fromEntries(Object.entries(options.meta ?? {}).filter(([k]) => k !== 'version' && k !== 'wasmHash')),
    proxies: rows.length,
    excluded: { families: exclude, proxies: allRows.length - rows.length },
    families,
    designs,
    metrics: metricsOf,
    outcomes,
    bootstrap: {
      resamples,
      level,
      method: 'percentile',
      indices: "floor(u*n), u from wasm uniform() on Stream.from(seed, 'bootstrap', design, metric, outcome, quantity)",
    },
    correlations: correlationsOut,
    spread,
    resampling,
    theory,
  };
  return canonicalize(summary, digits) as Summary;
}

/** The summary as canonical JSON text (two-space indent, trailing newline). */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
