// Test helpers for eval designs and metrics: hand-made pools and gold, no world involved.

import type { TiePolicy } from '../../src/core/pairs.js';
import type { EvalSet } from '../../src/data/evalset.js';
import type { Pools, Scores } from '../../src/data/pools.js';
import { buildEvalSet, type EvalDesign } from '../../src/evalset/index.js';
import type { World } from '../../src/world/world.js';

/** Pools and the gold that is their truth. */
export interface Truth {
  pools: Pools;
  gold: Scores;
}

/** Pools holding the given gold values (one array per prompt). */
export function handWorld(pools: number[][], logPi0: number[][] | null = null): Truth {
  const offsets = new Int32Array(pools.length + 1);
  pools.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
  return {
    pools: { offsets, logPi0: logPi0 === null ? null : Float64Array.from(logPi0.flat()), features: null, dim: 0 },
    gold: Float64Array.from(pools.flat()),
  };
}

/**
 * An eval set over a hand world that uses every response of every pool as one group (in pool
 * order), with all pairs (i < j) labelled by gold unless `pairs`/`label` are given.
 */
export function wholePoolSet(
  world: Truth,
  opts: {
    ties?: TiePolicy;
    temperature?: number;
    chosenCount?: number[] | null;
    pairs?: [number, number][];
    label?: number[];
    prompts?: number[];
  } = {},
): EvalSet {
  const pools = world.pools;
  const G = pools.offsets.length - 1;
  const prompts = opts.prompts ?? Array.from({ length: G }, (_, g) => g);
  const responses: number[] = [];
  const offsets = [0];
  for (const p of prompts) {
    for (let i = pools.offsets[p]; i < pools.offsets[p + 1]; i++) responses.push(i);
    offsets.push(responses.length);
  }
  let pairs = opts.pairs;
  if (pairs === undefined) {
    pairs = [];
    for (let g = 0; g < prompts.length; g++) {
      for (let i = offsets[g]; i < offsets[g + 1]; i++) {
        for (let j = i + 1; j < offsets[g + 1]; j++) pairs.push([responses[i], responses[j]]);
      }
    }
  }
  const gold = world.gold;
  const label = opts.label ?? pairs.map(([a, b]) => Math.sign(gold[a] - gold[b]));
  return {
    design: 'hand',
    replicate: 0,
    offsets: Int32Array.from(offsets),
    prompts: Int32Array.from(prompts),
    responses: Int32Array.from(responses),
    chosenCount: opts.chosenCount ? Int32Array.from(opts.chosenCount) : null,
    pairA: Int32Array.from(pairs.map((p) => p[0])),
    pairB: Int32Array.from(pairs.map((p) => p[1])),
    label: Int8Array.from(label),
    ties: opts.ties ?? 'half',
    temperature: opts.temperature ?? 1,
  };
}

/** Expect |actual − expected| ≤ tol, printing both and the tolerance on failure. */
export function near(actual: number, expected: number, tol: number, what = ''): void {
  const ok = Math.abs(actual - expected) <= tol;
  if (!ok) {
    throw new Error(`${what}: expected ${expected} ± ${tol}, got ${actual} (off by ${Math.abs(actual - expected)})`);
  }
}

/** buildEvalSet on hand-made pools or on a world's eval pools. */
export function buildOn(design: EvalDesign, on: Truth | World, seed: number, replicate: number): EvalSet {
  const t = 'eval' in on ? on.eval : on;
  return buildEvalSet(design, t.pools, t.gold, seed, replicate);
}
