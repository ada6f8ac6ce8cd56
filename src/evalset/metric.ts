/**
 * The shape of a metric plug-in: a name, a one-line doc, the smallest k it is meaningful for, how
 * it uses the design's tie policy, and compute(context) → number (NaN when the set holds nothing
 * the metric can score). A kind of metric is one module under metrics/ exporting its `Metric`s,
 * registered by one line in registry.ts.
 *
 * Conventions shared by the metrics:
 * - A "group" is the k responses of one eval prompt. Averages over groups or items are
 *   unweighted means over the groups/items that count.
 * - Items with no correct answer (gold ties where the metric compares gold) never count.
 * - Tie policy (set.ties) for proxy ties that change the answer: 'strict' scores the item as
 *   wrong (0), 'half' as the expected value of a uniformly random tie-break (½ for a pair),
 *   'drop' excludes the item. A tie that cannot change the answer is not a tie for the metric.
 * - Only 'accuracy' reads the (possibly noisy) labels; the group metrics read gold directly, and
 *   for chosen/rejected designs the chosen set is the top responses by gold.
 */
import type { TiePolicy } from '../core/pairs.js';
import type { MetricContext } from './context.js';
import type { EvalDesign } from './schema.js';

/** A structural requirement a design does not meet: the field and why. */
export interface Unmet {
  field: string;
  why: string;
}

export interface Metric {
  /** registry key */
  name: string;
  /** one line: what it measures */
  doc: string;
  /** smallest responses per prompt k for which it is meaningful; designs with smaller k are rejected */
  minK: number;
  /** 'design': proxy ties are scored by the design's tie policy; 'none': ties do not enter (or are handled as stated in tieDoc) */
  tiePolicy: 'design' | 'none';
  /** exactly how ties are handled */
  tieDoc: string;
  /** a structural requirement on the design (beyond k ≥ minK), or null when met */
  requires?: (design: EvalDesign) => Unmet | null;
  compute(c: MetricContext): number;
}

/** Mean of the values that count; NaN when none does. */
export class Mean {
  sum = 0;
  n = 0;
  add(x: number): void {
    this.sum += x;
    this.n++;
  }
  get value(): number {
    return this.n === 0 ? NaN : this.sum / this.n;
  }
}

/** Score of an item decided by a tie that matters: strict 0, half `expected`, drop → skip (null). */
export function tieScore(ties: TiePolicy, expected: number): number | null {
  return ties === 'strict' ? 0 : ties === 'half' ? expected : null;
}

/** The tie rule of the pair metrics. */
export const PAIR_TIES = "a proxy tie on a pair gold (or the label) orders: 0 / ½ / excluded for 'strict' / 'half' / 'drop'";

/** Designs with a chosen set: 'chosen-rejected' or 'best-vs-rest'. */
export const needsSplit = (d: EvalDesign): Unmet | null =>
  d.pairing === 'chosen-rejected' || d.pairing === 'best-vs-rest'
    ? null
    : { field: 'pairing', why: `needs pairing 'chosen-rejected' or 'best-vs-rest', got '${d.pairing}'` };

/** Square chosen × rejected designs (chosen = k/2). */
export const needsSquare = (d: EvalDesign): Unmet | null => {
  if (d.pairing !== 'chosen-rejected') return { field: 'pairing', why: `needs pairing 'chosen-rejected', got '${d.pairing}'` };
  if (2 * d.chosen !== d.k)
    return { field: 'chosen', why: `needs as many chosen as rejected (chosen = k/2), got ${d.chosen} of k = ${d.k}` };
  return null;
};
