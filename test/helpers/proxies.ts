import type { Scores } from '../../src/data/pools.js';
import { type ProxySpec, type ProxySpecInput, scoreProxy } from '../../src/proxy/index.js';
import type { World } from '../../src/world/world.js';

/** A proxy's scores on a world's optimization and eval pools (each drawn from its own streams). */
export function scoreBoth(spec: ProxySpec | ProxySpecInput, world: World, seed: number): { opt: Scores; eval: Scores } {
  return { opt: scoreProxy(spec, world.opt, seed), eval: scoreProxy(spec, world.eval, seed) };
}
