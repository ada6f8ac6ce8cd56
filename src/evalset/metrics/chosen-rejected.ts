/** Chosen against rejected responses: 1:k accuracy (RewardMATH) and mean reciprocal rank. */
import type { MetricContext } from '../context.js';
import { Mean, type Metric, tieScore } from '../metric.js';

/** 1:k accuracy (which = 'acc') or MRR (which = 'mrr') over (group, chosen) items. */
function chosenVsRejected(c: MetricContext, which: 'acc' | 'mrr'): number {
  const { gold, proxy } = c.byGroup;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    const { chosen, rejected } = c.split(g);
    for (const ci of chosen) {
      let above = 0;
      let tied = 0;
      let n = 0;
      for (const ri of rejected) {
        if (!(gold[ri] < gold[ci])) continue; // only strictly worse responses count as rejected
        n++;
        if (proxy[ri] > proxy[ci]) above++;
        else if (proxy[ri] === proxy[ci]) tied++;
      }
      if (n === 0) continue;
      if (which === 'acc') {
        if (above > 0 || tied === 0) mean.add(above > 0 ? 0 : 1);
        else {
          const s = tieScore(c.set.ties, 1 / (tied + 1));
          if (s !== null) mean.add(s);
        }
      } else if (tied === 0) {
        mean.add(1 / (1 + above));
      } else if (c.set.ties === 'strict') {
        mean.add(1 / (1 + above + tied));
      } else if (c.set.ties === 'half') {
        // expected reciprocal rank when the tied block is ordered uniformly at random
        let s = 0;
        for (let u = 0; u <= tied; u++) s += 1 / (1 + above + u);
        mean.add(s / (tied + 1));
      }
    }
  }
  return mean.value;
}

export const ONE_VS_REST: Metric = {
  name: 'one-vs-rest',
  doc: '1:k accuracy (RewardMATH): fraction of chosen responses the proxy scores above every rejected one of lower gold',
  minK: 2,
  tiePolicy: 'design',
  tieDoc:
    "no rejected above and t tied with the chosen: 0 / 1/(t+1) / excluded ('strict' / 'half' / 'drop'); chosen = the gold-best when the design has no chosen set",
  compute: (c) => chosenVsRejected(c, 'acc'),
};

export const MRR: Metric = {
  name: 'mrr',
  doc: 'mean reciprocal rank of each chosen response among itself and the rejected ones of lower gold, ranked by the proxy',
  minK: 2,
  tiePolicy: 'design',
  tieDoc:
    "t rejected tied with the chosen: rank below all of them / the expected reciprocal rank of a random order / item excluded ('strict' / 'half' / 'drop')",
  compute: (c) => chosenVsRejected(c, 'mrr'),
};
