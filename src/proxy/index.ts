/**
 * Proxy families and populations. A proxy is a `ProxySpec` ({ id, family, params }); its scores
 * over a set of pools are a pure function of (spec, pools, gold, label, seed): every draw comes
 * from streams named (seed, 'proxy', id, …, label), so each set of pools gets independent errors
 * and a response's score does not depend on what else runs.
 */
import { parseConfig } from '../config.js';
import type { PoolLabel, Pools, Scores } from '../data/pools.js';
import { checkScores } from '../data/pools.js';
import { familyOf } from './registry.js';
import { type ProxySpec, type ProxySpecInput, proxySpecSchema } from './spec.js';

export * from './draw.js';
export * from './family.js';
export * from './gold.js';
export * from './noise.js';
export * from './population.js';
export * from './registry.js';
export * from './spec.js';
export * from './transform.js';

/** What a proxy is scored on: pools, the gold it estimates, and the label naming the streams (a WorldPools fits). */
export interface ScoreTarget {
  pools: Pools;
  gold: Scores;
  label: PoolLabel;
}

/** Validate a proxy spec (defaults filled in); a bad field throws RmsimError('CONFIG') naming it. */
export function parseProxySpec(spec: ProxySpec | ProxySpecInput): ProxySpec {
  return parseConfig(proxySpecSchema, spec, `proxy[${String((spec as { id?: unknown })?.id ?? '?')}]`);
}

/** Scores of an already validated spec (from `expandPopulation` or `parseProxySpec`). */
export function scoreSpec(spec: ProxySpec, on: ScoreTarget, seed: number): Scores {
  checkScores(on.pools, on.gold, 'gold');
  return familyOf(spec.family).score(spec.params, { pools: on.pools, gold: on.gold, seed, id: spec.id, label: on.label });
}

/**
 * Score every response of `on.pools` with the proxy `spec` (validated; a bad field throws
 * RmsimError('CONFIG') naming it). Pure function of (spec, pools, gold, label, seed).
 */
export function scoreProxy(spec: ProxySpec | ProxySpecInput, on: ScoreTarget, seed: number): Scores {
  return scoreSpec(parseProxySpec(spec), on, seed);
}
