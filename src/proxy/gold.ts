/** Proxy family `gold` — the reference: the proxy is the gold reward itself (NDR = 1 by definition). */
import { z } from 'zod';
import type { Pools } from '../world/world.js';

export const GOLD_DOC = 'gold: proxy = gold, the reference every outcome is normalized by.';

export const goldParamsSchema = z.object({}).strict().describe(GOLD_DOC);

export type GoldParams = z.output<typeof goldParamsSchema>;

/** A copy of the gold rewards of `pools`. */
export function goldScores(_params: GoldParams, pools: Pools): Float64Array {
  return pools.gold.slice();
}
