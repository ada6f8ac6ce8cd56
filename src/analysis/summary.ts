/**
 * The meta-evaluation of a study: from one row per proxy to a JSON-able summary, assembled from
 * sections (src/analysis/sections/) that each read the same input:
 * - correlations: every (design, metric) × outcome with bootstrap CIs;
 * - leaderboard: every (design, metric) ranked per outcome by Spearman, with its difference from
 *   the reference (accuracy on the theory design) by a paired bootstrap;
 * - spread: NDR within bins of a metric;
 * - resampling: what eval-set sampling noise does to the correlations;
 * - theory: each proxy's distance from the Gaussian line NDR = sin(π(A − ½)).
 *
 * Deterministic: the same rows, options and seed give identical JSON bytes — names are visited in
 * first-appearance order over the rows, and every non-integer number is rounded to `digits`
 * significant digits (NaN/±Inf become null, with a reason beside them where it matters).
 */
import type { OutcomeQuantity, Row } from '../data/row.js';
import { invalid } from '../errors.js';
import { onTheoryLine } from '../optimize/registry.js';
import { VERSION } from '../version.js';
import { errorShape } from './error-shape.js';
import { type CorrelationEntry, correlationsSection } from './sections/correlations.js';
import { orderedKeys, type SummaryInput } from './sections/input.js';
import { type LeaderboardSection, leaderboardSection } from './sections/leaderboard.js';
import { type ResamplingEntry, resamplingSection } from './sections/resampling.js';
import { type SpreadEntry, spreadSection } from './sections/spread.js';
import { type TheorySection, theorySection } from './sections/theory-line.js';

export type { CorrelationEntry } from './sections/correlations.js';
export type { LeaderboardEntry, LeaderboardOutcome, LeaderboardSection, Verdict } from './sections/leaderboard.js';
export type { Dist, ResamplingEntry } from './sections/resampling.js';
export type { SpreadEntry } from './sections/spread.js';
export type { TheoryGroup, TheoryPoint, TheorySection } from './sections/theory-line.js';
export { errorShape };

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
   * the line applies to (default: those the optimizers declare, best-of-n and tilt at matched KL).
   */
  theory?: { metric?: string; design?: string; flip?: number; outcomes?: (key: string) => boolean };
  /** Group for theory residuals (default: `errorShape`). */
  groupBy?: (row: Row) => string;
  /** Significant digits of non-integer numbers in the output (default 6). */
  digits?: number;
  /** Written into the summary so it describes itself. */
  meta?: { version?: string; wasmHash?: string; [key: string]: unknown };
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
  leaderboard: LeaderboardSection;
  spread: SpreadEntry[];
  resampling: ResamplingEntry[];
  theory: TheorySection;
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

/** The summary of a study's rows (see the module comment); canonicalized, ready for JSON.stringify. */
export function summarize(allRows: readonly Row[], options: SummaryOptions): Summary {
  if (options === undefined || options.seed === undefined) invalid('options.seed', 'is required');
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const exclude = options.excludeFamilies ?? ['gold'];
  const digits = options.digits ?? 6;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) invalid('digits', `must be an integer in [1, 17], got ${digits}`);
  const seen = new Set<string>();
  for (const r of allRows) {
    if (seen.has(r.id)) invalid('rows', `duplicate proxy id '${r.id}'`);
    seen.add(r.id);
  }
  const rows = allRows.filter((r) => !exclude.includes(r.family));
  const designs = orderedKeys(rows, (r) => Object.keys(r.metrics ?? {}));
  const metrics: Record<string, string[]> = {};
  for (const d of designs) metrics[d] = orderedKeys(rows, (r) => Object.keys(r.metrics?.[d] ?? {}));
  const input: SummaryInput = {
    rows,
    ids: rows.map((r) => r.id),
    designs,
    metrics,
    outcomes: orderedKeys(rows, (r) => Object.keys(r.outcomes ?? {})),
    quantities: options.quantities ?? ['ndr'],
    seed: options.seed,
    resamples,
    level,
  };
  const families: Record<string, number> = {};
  for (const r of allRows) families[r.family] = (families[r.family] ?? 0) + 1;

  const theoryMetric = options.theory?.metric ?? 'accuracy';
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
    metrics,
    outcomes: input.outcomes,
    bootstrap: {
      resamples,
      level,
      method: 'percentile',
      indices: "floor(u*n), u from wasm uniform() on Stream.from(seed, 'bootstrap', design, metric, outcome, quantity)",
    },
    correlations: correlationsSection(input),
    leaderboard: leaderboardSection(input, { design: options.theory?.design ?? designs[0] ?? null, metric: theoryMetric }),
    spread: spreadSection(input, {
      metrics: options.spread?.metrics ?? [theoryMetric],
      width: options.spread?.width ?? 0.02,
      origin: options.spread?.origin ?? 0,
    }),
    resampling: resamplingSection(input),
    theory: theorySection(input, {
      metric: theoryMetric,
      design: options.theory?.design ?? designs[0] ?? null,
      flip: options.theory?.flip ?? 0,
      outcomes: options.theory?.outcomes ?? ((key) => onTheoryLine(key)),
      groupBy: options.groupBy ?? errorShape,
    }),
  };
  return canonicalize(summary, digits) as Summary;
}

/** The summary as canonical JSON text (two-space indent, trailing newline). */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
