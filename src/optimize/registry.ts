/**
 * The optimizers, one line each. A new optimizer is one module exporting an `Optimizer`
 * (optimizer.ts) plus one line here: its config section, outcome keys, checks and gains follow.
 */
import { z } from 'zod';
import { putF64, scoped } from '../core/memory.js';
import { type PathPart, Stream } from '../core/stream.js';
import { type OutcomeKey, parseOutcomeKey } from '../data/outcome-key.js';
import { checkScores, type Pools, type Scores } from '../data/pools.js';
import { bon } from './bon.js';
import type { Gains, OptimizeInput, Optimizer, OptimizerSizes } from './optimizer.js';
import { placePools } from './placed.js';
import { tilt } from './tilt.js';

export const OPTIMIZERS = [bon, tilt] as const;

type Optimizers = typeof OPTIMIZERS;
type ConfigOf<O> = O extends Optimizer<string, infer C, unknown> ? C : never;
type InputOf<O> = O extends Optimizer<string, unknown, infer I> ? I : never;

/** Every optimizer's config, by name. */
export type OptimizersConfig = { [O in Optimizers[number] as O['name']]: ConfigOf<O> };
/** What a user may write: every section and field optional. */
export type OptimizersConfigInput = { [O in Optimizers[number] as O['name']]?: InputOf<O> };

export const optimizersSchema = z
  .object(Object.fromEntries(OPTIMIZERS.map((o) => [o.name, o.schema])) as { [O in Optimizers[number] as O['name']]: O['schema'] })
  .strict()
  .describe('What a policy does with a proxy.') as unknown as z.ZodType<OptimizersConfig, OptimizersConfigInput>;

const all = OPTIMIZERS as unknown as readonly Optimizer<string, unknown, unknown>[];
const configOf = (cfg: OptimizersConfig, o: Optimizer<string, unknown, unknown>): unknown => (cfg as Record<string, unknown>)[o.name];

/** The outcome keys a config produces, in the order rows list them. */
export function outcomeKeys(cfg: OptimizersConfig): OutcomeKey[] {
  return all.flatMap((o) => o.outcomeKeys(configOf(cfg, o)));
}

/** Check every optimizer's section against the world's sizes (errors name `optimizers.<name>.<field>`). */
export function validateOptimizers(cfg: OptimizersConfig, sizes: OptimizerSizes): void {
  for (const o of all) o.validate(configOf(cfg, o), sizes, `optimizers.${o.name}`);
}

/** Gains of one scorer under every configured optimizer, on pools already placed in wasm memory. */
export function gainsOn(cfg: OptimizersConfig, input: OptimizeInput): Gains {
  const out: Gains = {};
  for (const o of all) Object.assign(out, o.gains(configOf(cfg, o), input));
  return out;
}

/**
 * Gains of `scores` (a proxy, or gold itself) on `pools` whose truth is `gold`, under every
 * optimizer of `cfg` (a resolved `optimizers` section: `optimizersSchema.parse(…)`). Stochastic
 * optimizers draw from streams named (seed, 'optimize', …).
 */
export function optimizerGains(pools: Pools, gold: Scores, scores: Scores, cfg: OptimizersConfig, seed = 1): Gains {
  checkScores(pools, scores, 'scores');
  return scoped(() => {
    const placed = placePools(pools, gold);
    const stream = (...path: PathPart[]) => Stream.from(seed, 'optimize', ...path);
    return gainsOn(cfg, { pools, gold, placed, scores, placedScores: putF64(scores), stream });
  });
}

/** Whether the Gaussian theory line NDR = sin(π(A − ½)) applies to an outcome key (false for text that is not a key). */
export function onTheoryLine(key: string | OutcomeKey): boolean {
  const k = typeof key === 'string' ? parseOutcomeKey(key) : key;
  if (k === null) return false;
  return all.some((o) => o.name === k.optimizer && o.onTheoryLine(k));
}
