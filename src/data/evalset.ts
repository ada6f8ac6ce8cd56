/**
 * A built preference test set: one replicate of one eval design, over a set of pools. Indices
 * refer to responses of those pools; the set holds no scores, so the same set is scored against
 * any gold and any proxy.
 */
import type { TiePolicy } from '../core/pairs.js';

export interface EvalSet {
  /** design name */
  design: string;
  /** 0..R−1 resample index */
  replicate: number;
  /** groups: one per eval prompt used, length G + 1 */
  offsets: Int32Array;
  /** the prompt (pool index) of each group, length G, ascending */
  prompts: Int32Array;
  /** indices into the pools' responses, grouped by offsets (k per group) */
  responses: Int32Array;
  /** chosen-rejected / best-vs-rest designs: the first chosenCount[g] of group g are "chosen"; else null */
  chosenCount: Int32Array | null;
  /** pairs as indices into the pools' responses */
  pairA: Int32Array;
  pairB: Int32Array;
  /** +1 = A labelled preferred, −1 = B preferred, 0 = labelled tie */
  label: Int8Array;
  /** tie policy the metrics apply (the design's `ties`) */
  ties: TiePolicy;
  /** T of the gold preference probability σ((g_A − g_B)/T) (the design's `temperature`) */
  temperature: number;
}
