/** Pairwise accuracy on the labelled pairs: what reward-model benchmarks report. */
import { pairwiseAccuracy } from '../../core/pairs.js';
import { invalid } from '../../errors.js';
import type { MetricContext } from '../context.js';
import { type Metric, PAIR_TIES } from '../metric.js';

function accuracy(c: MetricContext): number {
  const { pairA, pairB, label } = c.set;
  const m = pairA.length;
  if (label.length !== m || pairB.length !== m)
    invalid('set', `pairA, pairB and label lengths differ (${m}, ${pairB.length}, ${label.length})`);
  const pa = new Float64Array(m);
  const pb = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    pa[t] = c.proxy[pairA[t]];
    pb[t] = c.proxy[pairB[t]];
  }
  // the label plays gold's part: label 0 (a labelled tie) is a gold tie, excluded
  const { label: la, zero } = c.info.labelsF64;
  return pairwiseAccuracy(la, zero, pa, pb, c.set.ties).accuracy;
}

export const ACCURACY: Metric = {
  name: 'accuracy',
  doc: 'pairwise accuracy: fraction of labelled pairs the proxy orders as the label does (labelled ties excluded)',
  minK: 2,
  tiePolicy: 'design',
  tieDoc: `${PAIR_TIES} (via pairwiseAccuracy)`,
  compute: accuracy,
};
