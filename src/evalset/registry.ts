/**
 * The metric registry, one line per kind of metric (a module under metrics/). A new metric is
 * its module plus its line here: designs then compute it by default where it applies, configs
 * may list it, and the analysis correlates it with every outcome.
 */
import { configError } from '../config.js';
import type { EvalSet } from '../data/evalset.js';
import type { Pools, Scores } from '../data/pools.js';
import { invalid } from '../errors.js';
import { MetricContext } from './context.js';
import type { Metric } from './metric.js';
import { ACCURACY } from './metrics/accuracy.js';
import { BEST_OF_K } from './metrics/best-of-k.js';
import { MRR, ONE_VS_REST } from './metrics/chosen-rejected.js';
import { ECE } from './metrics/ece.js';
import { GLOBAL } from './metrics/global.js';
import { MATRIX } from './metrics/matrix.js';
import { NDCG } from './metrics/ndcg.js';
import { PER_PROMPT } from './metrics/per-prompt.js';
import { REWARD_VARIANCE } from './metrics/reward-variance.js';
import { XI } from './metrics/xi.js';
import type { EvalDesign } from './schema.js';

const ENTRIES: readonly Metric[] = [
  ACCURACY,
  BEST_OF_K,
  ONE_VS_REST,
  MRR,
  ...MATRIX,
  ...PER_PROMPT,
  ...GLOBAL,
  NDCG,
  REWARD_VARIANCE,
  ECE,
  ...XI,
];

/** The metric registry, by name, in a stable order. */
export const METRICS: ReadonlyMap<string, Metric> = new Map(ENTRIES.map((e) => [e.name, e]));
export const METRIC_NAMES: readonly string[] = ENTRIES.map((e) => e.name);

/** The metrics a design computes: its explicit list, or every registered metric it supports. */
export function metricsForDesign(design: EvalDesign): string[] {
  if (design.metrics !== undefined) return [...design.metrics];
  return ENTRIES.filter((e) => e.minK <= design.k && !e.requires?.(design)).map((e) => e.name);
}

/**
 * Check the design's explicit metric list against the registry: unknown names, k below a
 * metric's minK, unmet structural requirements. Throws RmsimError('CONFIG', '<at>.<field>: …')
 * naming the design and the metric. `at` is the design's path, e.g. 'designs[2]'.
 */
export function checkDesignMetrics(design: EvalDesign, at: string): void {
  if (design.metrics === undefined) return;
  const seen = new Set<string>();
  design.metrics.forEach((name, i) => {
    const spec = METRICS.get(name);
    if (spec === undefined) {
      configError(`${at}.metrics[${i}]`, `unknown metric '${name}' (known: ${METRIC_NAMES.join(', ')})`);
    }
    if (seen.has(name)) configError(`${at}.metrics[${i}]`, `'${name}' is listed twice`);
    seen.add(name);
    if (design.k < spec.minK) {
      configError(`${at}.k`, `metric '${name}' needs k ≥ ${spec.minK}, but design '${design.name}' has k = ${design.k}`);
    }
    const req = spec.requires?.(design);
    if (req) configError(`${at}.${req.field}`, `metric '${name}' on design '${design.name}' ${req.why}`);
  });
}

/**
 * The named metrics of a proxy on one eval set built on `pools` (gold and proxy: one score per
 * response of the pools). Shared work (gathering, the grouped rank kernel) is done once.
 */
export function computeMetrics(set: EvalSet, pools: Pools, gold: Scores, proxy: Scores, names: readonly string[]): Record<string, number> {
  const ctx = new MetricContext(set, pools, gold, proxy);
  const out: Record<string, number> = {};
  for (const name of names) {
    const e = METRICS.get(name);
    if (e === undefined) invalid('names', `unknown metric '${name}' (known: ${METRIC_NAMES.join(', ')})`);
    out[name] = e.compute(ctx);
  }
  return out;
}
