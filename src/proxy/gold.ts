/** Proxy family `gold` — the reference: the proxy is the gold reward itself (NDR = 1 by definition). */
import { z } from 'zod';
import { defineFamily } from './family.js';

export const GOLD_DOC = 'gold: proxy = gold, the reference every outcome is normalized by.';

export const goldParamsSchema = z.object({}).strict().describe(GOLD_DOC);

export type GoldParams = z.output<typeof goldParamsSchema>;

export const gold = defineFamily({
  name: 'gold',
  doc: GOLD_DOC,
  params: goldParamsSchema,
  score: (_params: GoldParams, input) => input.gold.slice(),
  shape: () => 'gold',
});
