/**
 * How pairs are labelled (stage 5 of building an eval set): by gold order ('gold', a gold tie is
 * a labelled tie), gold order with each label reversed with probability flipRate ('flip', Coste
 * et al. 2024), or a Bradley–Terry annotator preferring A with probability σ((g_A − g_B)/T) ('bt').
 */
import { uniform } from '../core/rng.js';
import type { Stream } from '../core/stream.js';
import type { Scores } from '../data/pools.js';
import type { EvalDesign } from './schema.js';

/** The logistic function σ(x) = 1/(1 + e^−x), computed without overflow for either sign. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** +1 (A preferred), −1 (B preferred) or 0 (a labelled tie) per pair; random labels from `stream`. */
export function labelPairs(design: EvalDesign, gold: Scores, pairA: Int32Array, pairB: Int32Array, stream: () => Stream): Int8Array {
  const m = pairA.length;
  const label = new Int8Array(m);
  const u = design.labels === 'gold' ? null : uniform(stream(), m);
  for (let t = 0; t < m; t++) {
    const d = gold[pairA[t]] - gold[pairB[t]];
    const byGold = gold[pairA[t]] > gold[pairB[t]] ? 1 : gold[pairA[t]] < gold[pairB[t]] ? -1 : 0;
    if (design.labels === 'gold') label[t] = byGold;
    else if (design.labels === 'flip') label[t] = u![t] < design.flipRate ? -byGold : byGold;
    else label[t] = u![t] < sigmoid(d / design.temperature) ? 1 : -1;
  }
  return label;
}
