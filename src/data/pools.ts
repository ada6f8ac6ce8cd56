/**
 * Pools and score vectors: the neutral values every layer shares.
 *
 * A `Pools` value is a layout: P prompts, prompt p owning responses offsets[p] .. offsets[p+1],
 * with the base policy's log-probabilities and optional features. It holds no rewards. A score
 * vector (`Scores`) gives one number per response in pool order; "gold" is whichever score
 * vector a study, a round-robin step or a score file says is the truth, so every metric, eval-set
 * builder and optimizer takes (pools, gold, proxy).
 */
import { invalid } from '../errors.js';

export interface Pools {
  /** length P + 1, offsets[0] = 0, nondecreasing; the pool of prompt p is [offsets[p], offsets[p+1]) */
  offsets: Int32Array;
  /** base-policy log-probability per response; null = uniform within each pool (i.i.d. draws from π0) */
  logPi0: Float64Array | null;
  /** responses × dim, row-major; null when dim = 0 */
  features: Float64Array | null;
  dim: number;
}

/** One value per response of a `Pools`, in pool order (gold rewards, proxy scores). */
export type Scores = Float64Array;

/**
 * The name of one set of pools (e.g. 'opt', 'eval', 'eval-r3'): it names the random streams of
 * what is drawn on them, so that each set gets independent draws.
 */
export type PoolLabel = string;

/** Number of prompts. */
export function promptCount(pools: Pools): number {
  return pools.offsets.length - 1;
}

/** Number of responses. */
export function responseCount(pools: Pools): number {
  return pools.offsets[pools.offsets.length - 1];
}

/** Pools of P prompts with K responses each, uniform π0, no features. */
export function uniformPools(P: number, K: number): Pools {
  if (!Number.isInteger(P) || P < 0) invalid('P', `must be an integer ≥ 0, got ${P}`);
  if (!Number.isInteger(K) || K < 1) invalid('K', `must be an integer ≥ 1, got ${K}`);
  if (P * K > 2 ** 31 - 1) invalid('K', `P·K = ${P * K} responses is too many`);
  return { offsets: Int32Array.from({ length: P + 1 }, (_, p) => p * K), logPi0: null, features: null, dim: 0 };
}

/** Throw INVALID_ARGUMENT naming `name` unless `scores` is a Float64Array with one value per response. */
export function checkScores(pools: Pools, scores: Scores, name: string): void {
  if (!(scores instanceof Float64Array)) invalid(name, 'must be a Float64Array with one score per response');
  const n = responseCount(pools);
  if (scores.length !== n) invalid(name, `length ${scores.length} differs from the number of responses ${n}`);
}
