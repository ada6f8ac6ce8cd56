/**
 * Proxy families: their registry (name, doc line, parameter schema) and scoring. A proxy is a `ProxySpec`
 * ({ id, family, params }); its scores over the world's optimization and eval pools are a pure
 * function of (spec, world, seed): every draw comes from streams named (seed, 'proxy', id, …).
 */
import { parseConfig } from '../config.js';
import type { PoolLabel, Pools, World } from '../world/world.js';
import { GOLD_DOC, goldParamsSchema, goldScores } from './gold.js';
import { NOISE_DOC, noiseParamsSchema, noiseScores } from './noise.js';
import { type ProxySpec, type ProxySpecInput, proxySpecSchema } from './spec.js';
import { TRANSFORM_DOC, transformParamsSchema, transformScores } from './transform.js';

export * from './gold.js';
export * from './noise.js';
export * from './population.js';
export * from './spec.js';
export * from './transform.js';

/** The families: name, doc line and parameter schema (for docs and config references). */
export const PROXY_FAMILIES = {
  noise: { name: 'noise', doc: NOISE_DOC, paramsSchema: noiseParamsSchema },
  transform: { name: 'transform', doc: TRANSFORM_DOC, paramsSchema: transformParamsSchema },
  gold: { name: 'gold', doc: GOLD_DOC, paramsSchema: goldParamsSchema },
} as const;

/** Proxy scores aligned with world.opt and world.eval responses. */
export interface ProxyScores {
  opt: Float64Array;
  eval: Float64Array;
}

/**
 * Score every response of the world's optimization and eval pools with the proxy `spec`
 * (validated; a bad field throws RmsimError('CONFIG') naming it). Pure function of
 * (spec, world, seed): the opt and eval pools use independent streams, and a response's score
 * does not depend on what else runs.
 */
export function scoreProxy(spec: ProxySpec | ProxySpecInput, world: World, seed: number): ProxyScores {
  const s = parseSpec(spec);
  return { opt: scoreParsed(s, world.opt, 'opt', seed), eval: scoreParsed(s, world.eval, 'eval', seed) };
}

function parseSpec(spec: ProxySpec | ProxySpecInput): ProxySpec {
  return parseConfig(proxySpecSchema, spec, `proxy[${String((spec as { id?: unknown })?.id ?? '?')}]`);
}

/**
 * Score the responses of one set of pools (e.g. the eval pools of a replicate, see `evalPools`).
 * The label names the streams, so each set of pools gets independent errors.
 */
export function scorePools(spec: ProxySpec | ProxySpecInput, pools: Pools, label: PoolLabel, seed: number): Float64Array {
  return scoreParsed(parseSpec(spec), pools, label, seed);
}

function scoreParsed(s: ProxySpec, pools: Pools, label: PoolLabel, seed: number): Float64Array {
  switch (s.family) {
    case 'noise':
      return noiseScores(s.params, pools, seed, s.id, label);
    case 'transform':
      return transformScores(s.params, pools, seed, s.id, label);
    case 'gold':
      return goldScores(s.params, pools);
  }
}
