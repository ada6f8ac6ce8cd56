/**
 * The shape of a proxy family plug-in. A family is one module that exports one `ProxyFamily`:
 * its name and doc line, the zod schema of its parameters, optionally how a random population
 * block draws them, how it scores a set of pools, and how it names its error shape for the
 * analysis. It is registered by one line in `registry.ts`.
 */
import type { z } from 'zod';
import type { Stream } from '../core/stream.js';
import type { PoolLabel, Pools, Scores } from '../data/pools.js';

/** What a proxy scores: a set of pools, the gold it is an estimate of, and the names of its streams. */
export interface ScoreInput {
  pools: Pools;
  gold: Scores;
  /** the study seed */
  seed: number;
  /** the proxy's id: names its random streams */
  id: string;
  /** the set of pools: names its random streams, so each set gets independent draws */
  label: PoolLabel;
}

/** How a random population block of this family draws parameters. */
export interface FamilyBlock<B> {
  doc: string;
  /** the block's fields besides `family` and `count` (parameter distributions), as zod fields */
  fields: z.ZodRawShape;
  /** `n` proxies' parameters, not yet validated; `stream(name)` is the stream of parameter `name` */
  draw(block: B, stream: (name: string) => Stream, n: number): Record<string, unknown>[];
}

export interface ProxyFamily<N extends string = string, P = unknown> {
  name: N;
  /** one line: what the proxy is */
  doc: string;
  /** the parameters (a strict zod object with defaults) */
  params: z.ZodType<P>;
  block?: FamilyBlock<never>;
  /** the proxy's score of every response of `input.pools` (a pure function of params and input) */
  score(params: P, input: ScoreInput): Scores;
  /**
   * Throws what `score` would throw on this data (e.g. a transform that saturates on these
   * rewards), so a study can refuse a config before any work. Omitted when scoring cannot fail.
   */
  check?(params: P, input: ScoreInput): void;
  /**
   * The proxy's error shape for the analysis, from its (possibly foreign, so loosely typed)
   * parameters: e.g. 'noise/normal', 'noise/student-t(3)/hetero-rank', 'transform/exp/normal'.
   * The error scale is not part of it: it is what moves a proxy along the theory line.
   */
  shape(params: Record<string, unknown>): string;
}

/** Declare a family (keeps its name a literal type, so specs are a typed union over the registry). */
export function defineFamily<N extends string, P, B = never>(
  family: Omit<ProxyFamily<N, P>, 'block'> & { block?: FamilyBlock<B> },
): ProxyFamily<N, P> {
  return family as ProxyFamily<N, P>;
}
