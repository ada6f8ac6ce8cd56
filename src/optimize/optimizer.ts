/**
 * The shape of an optimizer plug-in: what a policy does with a scorer (a proxy, or gold itself).
 * An optimizer is one module exporting one `Optimizer`: its name and doc line, the zod schema of
 * its config section (`optimizers.<name>`), the checks that need the world's sizes, the outcome
 * keys it produces, which of them the Gaussian theory line NDR = ρ applies to, and `gains`. It is
 * registered by one line in registry.ts.
 */
import type { z } from 'zod';
import type { WasmF64 } from '../core/memory.js';
import type { PathPart, Stream } from '../core/stream.js';
import type { OutcomeKey } from '../data/outcome-key.js';
import type { Pools, Scores } from '../data/pools.js';
import type { PlacedPools } from './placed.js';

/** What one optimizer run with one scorer achieved, before normalization by gold's own run. */
export interface Gain {
  /** expected gold of the policy minus the π0 mean, averaged over prompts */
  goldGain: number;
  /** the same for the scorer's own scores */
  proxyGain: number;
  /** KL(policy ‖ π0) in nats, averaged over prompts (NaN when undefined) */
  kl: number;
}

/** Gains of one scorer keyed by outcome key text, in the order of the optimizers' outcome keys. */
export type Gains = Record<string, Gain>;

/** What an optimizer runs on. */
export interface OptimizeInput {
  pools: Pools;
  gold: Scores;
  /** the pools and gold placed in wasm memory once (offsets, gold, log π0) */
  placed: PlacedPools;
  /** the scorer's scores, one per response */
  scores: Scores;
  /** the same scores placed in wasm memory (once per scorer, shared by every optimizer) */
  placedScores: WasmF64;
  /** random streams for stochastic optimizers, named below the scorer's own path */
  stream(...path: PathPart[]): Stream;
}

/** The sizes an optimizer's config is checked against. */
export interface OptimizerSizes {
  /** responses per optimization prompt (K) */
  poolSize: number;
}

export interface Optimizer<N extends string = string, C = unknown, I = unknown> {
  name: N;
  /** one line: what the policy does */
  doc: string;
  /** the config section `optimizers.<name>` (with its defaults, `.prefault({})` included) */
  schema: z.ZodType<C, I>;
  /** checks that need the world's sizes; throw RmsimError('CONFIG') naming `<at>.<field>` */
  validate(config: C, sizes: OptimizerSizes, at: string): void;
  /** the outcome keys this config produces, in row order */
  outcomeKeys(config: C): OutcomeKey[];
  /** whether NDR = ρ = sin(π(A − ½)) holds for this outcome in a Gaussian world (the theory line) */
  onTheoryLine(key: OutcomeKey): boolean;
  /** gains for every outcome key of `config` */
  gains(config: C, input: OptimizeInput): Gains;
}

/** Declare an optimizer (keeps its name a literal type, so the config is typed over the registry). */
export function defineOptimizer<N extends string, C, I>(optimizer: Optimizer<N, C, I>): Optimizer<N, C, I> {
  return optimizer;
}
