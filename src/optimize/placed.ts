/**
 * Pools placed in wasm memory once per world: every proxy's optimizer runs read the same offsets,
 * gold and log π0 in place instead of copying them in again. Allocated in the caller's arena
 * scope; valid until that scope ends.
 */
import { putF64, putI32, type WasmF64, type WasmI32 } from '../core/memory.js';
import { checkScores, type Pools, type Scores } from '../data/pools.js';

export interface PlacedPools {
  offsets: WasmI32;
  gold: WasmF64;
  logPi0: WasmF64 | null;
  /** the π0 mean of gold in each pool, averaged over prompts: where every gold gain is measured from */
  baseGold: number;
}

/** The π0 mean of `values` in each pool, averaged over prompts. */
export function baseMean(pools: Pools, values: Float64Array): number {
  const P = pools.offsets.length - 1;
  const lp = pools.logPi0;
  let total = 0;
  for (let p = 0; p < P; p++) {
    const a = pools.offsets[p];
    const b = pools.offsets[p + 1];
    let m = -Infinity;
    if (lp) for (let i = a; i < b; i++) m = Math.max(m, lp[i]);
    let sw = 0;
    let s = 0;
    for (let i = a; i < b; i++) {
      const w = lp ? Math.exp(lp[i] - m) : 1;
      sw += w;
      s += w * values[i];
    }
    total += s / sw;
  }
  return total / P;
}

/** Place `pools` and `gold` in wasm memory (in the caller's scope). */
export function placePools(pools: Pools, gold: Scores): PlacedPools {
  checkScores(pools, gold, 'gold');
  return {
    offsets: putI32(pools.offsets),
    gold: putF64(gold),
    logPi0: pools.logPi0 ? putF64(pools.logPi0) : null,
    baseGold: baseMean(pools, gold),
  };
}
