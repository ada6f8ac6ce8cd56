/** Best-of-k accuracy: is the proxy's top response of a group also gold's best? */
import type { MetricContext } from '../context.js';
import { Mean, type Metric, tieScore } from '../metric.js';

function bestOfK(c: MetricContext): number {
  const { gold, proxy } = c.byGroup;
  const off = c.set.offsets;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    const lo = off[g];
    const hi = off[g + 1];
    let maxG = -Infinity;
    let minG = Infinity;
    let maxP = -Infinity;
    for (let i = lo; i < hi; i++) {
      maxG = Math.max(maxG, gold[i]);
      minG = Math.min(minG, gold[i]);
      maxP = Math.max(maxP, proxy[i]);
    }
    if (!(maxG > minG)) continue; // every response is gold-best: no wrong answer
    let t = 0;
    let right = 0;
    for (let i = lo; i < hi; i++) {
      if (proxy[i] === maxP) {
        t++;
        if (gold[i] === maxG) right++;
      }
    }
    if (right === 0 || right === t) mean.add(right === t ? 1 : 0);
    else {
      const s = tieScore(c.set.ties, right / t);
      if (s !== null) mean.add(s);
    }
  }
  return mean.value;
}

export const BEST_OF_K: Metric = {
  name: 'best-of-k',
  doc: "best-of-k accuracy: fraction of prompts where the proxy's top response has the group's maximal gold",
  minK: 2,
  tiePolicy: 'design',
  tieDoc:
    "proxy tie at the top with c of t gold-best: 1 if c = t, 0 if c = 0, else 0 / c/t / group excluded ('strict' / 'half' / 'drop'); groups of constant gold excluded",
  compute: bestOfK,
};
