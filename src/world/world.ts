/**
 * The synthetic world: P optimization prompts and M eval prompts (separate draws from one prompt
 * distribution), each with a pool of K responses drawn i.i.d. from the base policy π0, and the
 * gold reward of every response.
 *
 * Gold of response i of prompt p: g_i = offset_p + spread_p · z_i with
 *   offset_p ~ N(0, offsetSd²), spread_p = exp(spreadSigma · N(0, 1)), z_i ~ N(0, 1);
 * with features (dim d > 0): x_i ~ N(0, I_d), z_i = w · x_i for one unit-norm w drawn from the
 * seed (so z_i is still N(0, 1) and a learned proxy can try to recover w).
 *
 * `buildWorld` is a pure function of (config, seed): every draw comes from a stream named
 * (seed, 'world', 'opt' | 'eval', what), so the eval prompts are an independent draw from the
 * same distribution as the optimization prompts.
 */
import { z } from 'zod';
import { parseConfig } from '../config.js';
import { normal } from '../core/rng.js';
import { Stream } from '../core/stream.js';
import { type PoolLabel, type Pools, type Scores, uniformPools } from '../data/pools.js';
import { RmsimError } from '../errors.js';

/** Most responses (or response × feature values) one set of pools may hold. */
export const MAX_WORLD_VALUES = 2 ** 26;

const size = (what: string, dflt: number) => z.number().int(`${what} must be an integer`).positive(`${what} must be ≥ 1`).default(dflt);

export const goldSchema = z
  .object({
    offsetSd: z
      .number()
      .nonnegative()
      .default(1)
      .describe(
        'Standard deviation of the per-prompt gold offset: offset_p ~ N(0, offsetSd²). It shifts a whole pool, so within-prompt comparisons cannot see it; global correlations can.',
      ),
    spreadSigma: z
      .number()
      .nonnegative()
      .default(0)
      .describe(
        'Log-normal sigma of the per-prompt gold spread: spread_p = exp(spreadSigma·N(0, 1)), the within-prompt gold sd. 0 = every prompt has spread 1 (the Gaussian theory world).',
      ),
  })
  .strict()
  .describe('How gold rewards vary between prompts.');

export const featuresSchema = z
  .object({
    dim: z
      .number()
      .int('dim must be an integer')
      .nonnegative('dim must be ≥ 0')
      .default(0)
      .describe(
        'Features per response (d). 0 = none. With d > 0 each response carries x ~ N(0, I_d) and gold = offset + spread·(w·x) for one unit-norm w fixed by the seed.',
      ),
  })
  .strict()
  .describe('Optional response features (for learned proxies).');

export const worldSchema = z
  .object({
    optPrompts: size('optPrompts', 500).describe('P: optimization prompts (where best-of-n and tilt run).'),
    evalPrompts: size('evalPrompts', 500).describe(
      'M: eval prompts, a separate draw from the same prompt distribution (where eval sets are built).',
    ),
    poolSize: size('poolSize', 64).describe('K: responses per optimization prompt, i.i.d. from the base policy π0.'),
    evalPoolSize: size('evalPoolSize', 16).describe(
      'K_eval: responses per eval prompt, i.i.d. from π0 (eval designs pick their k responses from these).',
    ),
    gold: goldSchema.prefault({}).describe('How gold rewards vary between prompts.'),
    features: featuresSchema.prefault({}).describe('Optional response features (for learned proxies).'),
  })
  .strict()
  .superRefine((w, ctx) => {
    const check = (field: 'poolSize' | 'evalPoolSize', prompts: number, k: number) => {
      const values = prompts * k * Math.max(1, w.features.dim);
      if (values > MAX_WORLD_VALUES) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `prompts × ${field} × max(1, features.dim) = ${values} exceeds the limit ${MAX_WORLD_VALUES}`,
        });
      }
    };
    check('poolSize', w.optPrompts, w.poolSize);
    check('evalPoolSize', w.evalPrompts, w.evalPoolSize);
  })
  .describe('The synthetic world: prompts, pools of responses from π0, and their gold rewards.');

/** A world config with every default filled in. */
export type WorldConfig = z.output<typeof worldSchema>;
/** What a user may write (every field optional). */
export type WorldConfigInput = z.input<typeof worldSchema>;

/**
 * One set of prompts of the world: the pools (a layout), the gold reward of every response, and
 * the parameters of each prompt's gold distribution.
 */
export interface WorldPools {
  /** names the streams drawn on these pools: 'opt', 'eval', 'eval-r<r>' */
  label: PoolLabel;
  pools: Pools;
  /** gold reward per response: offset_p + spread_p · z_i */
  gold: Scores;
  /** per prompt: offset_p, the mean of the prompt's gold distribution (not the pool's sample mean) */
  promptOffset: Float64Array;
  /** per prompt: spread_p, the sd of the prompt's gold distribution (not the pool's sample sd) */
  promptSpread: Float64Array;
}

/** A world is a value: treat its arrays as immutable (caches such as per-pool gold ranks are keyed by them). */
export interface World {
  /** the resolved config (defaults filled in) */
  config: WorldConfig;
  seed: number;
  /** P optimization prompts × K responses */
  opt: WorldPools;
  /** M eval prompts × K_eval responses (eval-set replicate 0) */
  eval: WorldPools;
  /** the unit-norm gold direction w (length dim); null when dim = 0 */
  weights: Float64Array | null;
}

/**
 * Which set of pools: the optimization pools ('opt'), the eval pools of replicate 0 ('eval'), or
 * the eval pools of eval-set replicate r ≥ 1 ('eval-r<r>') — a fresh draw of prompts and responses
 * from the same distribution, so that replicated test sets are independent samples, not subsets
 * of one eval world.
 */
export type WorldPoolLabel = 'opt' | 'eval' | `eval-r${number}`;

/** The label of the eval pools of replicate r ('eval' for r = 0). */
export function evalLabel(replicate: number): WorldPoolLabel {
  return replicate === 0 ? 'eval' : `eval-r${replicate}`;
}

/** The streams of one set of pools. */
export function worldStream(seed: number, pool: WorldPoolLabel, what: 'offset' | 'spread' | 'gold' | 'features'): Stream {
  return Stream.from(seed, 'world', pool, what);
}

function buildPools(
  seed: number,
  pool: WorldPoolLabel,
  prompts: number,
  k: number,
  gold: WorldConfig['gold'],
  dim: number,
  weights: Float64Array | null,
): WorldPools {
  const n = prompts * k;
  const { offsets } = uniformPools(prompts, k);
  const promptOffset = normal(worldStream(seed, pool, 'offset'), prompts);
  const promptSpread = normal(worldStream(seed, pool, 'spread'), prompts);
  for (let p = 0; p < prompts; p++) {
    promptOffset[p] *= gold.offsetSd;
    promptSpread[p] = Math.exp(gold.spreadSigma * promptSpread[p]);
  }
  let features: Float64Array | null = null;
  let z: Float64Array;
  if (dim > 0 && weights) {
    features = normal(worldStream(seed, pool, 'features'), n * dim);
    z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += weights[j] * features[i * dim + j];
      z[i] = s;
    }
  } else {
    z = normal(worldStream(seed, pool, 'gold'), n);
  }
  const g = z; // transformed in place: g_i = offset_p + spread_p · z_i
  for (let p = 0; p < prompts; p++) {
    const o = promptOffset[p];
    const s = promptSpread[p];
    for (let i = p * k; i < (p + 1) * k; i++) g[i] = o + s * z[i];
  }
  return { label: pool, pools: { offsets, logPi0: null, features, dim }, gold: g, promptOffset, promptSpread };
}

/** The gold direction w: d standard normals scaled to unit norm (stream (seed, 'world', 'weights')). */
export function goldWeights(seed: number, dim: number): Float64Array {
  const w = normal(Stream.from(seed, 'world', 'weights'), dim);
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += w[j] * w[j];
  norm = Math.sqrt(norm);
  for (let j = 0; j < dim; j++) w[j] /= norm;
  return w;
}

/**
 * Build the world for `config` (validated here; a bad field throws RmsimError('CONFIG') naming
 * it) and `seed`. Pure: the same (config, seed) gives identical bytes.
 */
export function buildWorld(config: WorldConfigInput | WorldConfig, seed: number): World {
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new RmsimError('CONFIG', `must be a finite number, got ${seed}`, { field: 'seed' });
  const cfg = parseConfig(worldSchema, config, 'world');
  const dim = cfg.features.dim;
  const weights = dim > 0 ? goldWeights(seed, dim) : null;
  return {
    config: cfg,
    seed,
    opt: buildPools(seed, 'opt', cfg.optPrompts, cfg.poolSize, cfg.gold, dim, weights),
    eval: buildPools(seed, 'eval', cfg.evalPrompts, cfg.evalPoolSize, cfg.gold, dim, weights),
    weights,
  };
}

/**
 * The eval pools of eval-set replicate r: replicate 0 is `world.eval`; r ≥ 1 is an independent
 * draw of M prompts × K_eval responses from the same prompt distribution (streams labelled
 * 'eval-r<r>'). Pure function of (world, r).
 */
export function evalPools(world: World, replicate: number): WorldPools {
  if (!Number.isInteger(replicate) || replicate < 0)
    throw new RmsimError('INVALID_ARGUMENT', `must be an integer ≥ 0, got ${replicate}`, { field: 'replicate' });
  if (replicate === 0) return world.eval;
  const c = world.config;
  return buildPools(world.seed, evalLabel(replicate), c.evalPrompts, c.evalPoolSize, c.gold, c.features.dim, world.weights);
}
