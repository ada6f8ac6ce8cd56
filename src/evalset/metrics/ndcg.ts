/** NDCG@k per prompt with gold as the relevance. */
import type { MetricContext } from '../context.js';
import { Mean, type Metric } from '../metric.js';

/**
 * NDCG@k over each whole group (Järvelin & Kekäläinen 2002): relevance = gold − the group's
 * minimum gold (linear gain), discount 1/log2(1 + rank), rank 1 = the proxy's top; divided by the
 * DCG of the gold order. Proxy ties: 'half' gives each tied response the mean discount of the
 * ranks its block spans (the expected DCG under a random tie-break; McSherry & Najork 2008, as
 * sklearn's ndcg_score), 'strict' orders a block worst-first (ascending gold), 'drop' skips a
 * group with a tie between responses of different gold. Groups with constant gold are skipped.
 */
function ndcg(c: MetricContext): number {
  const { gold, proxy } = c.byGroup;
  const off = c.set.offsets;
  const G = c.groups;
  // one stable argsort each of −proxy and −gold over the whole set, bucketed by group: each
  // group's slice is then in proxy-descending (resp. gold-descending) order, ties by position
  const byProxy = c.info.orderWithinGroups(proxy);
  const byGold = c.info.byGold;
  let kmax = 0;
  for (let g = 0; g < G; g++) kmax = Math.max(kmax, off[g + 1] - off[g]);
  const disc = new Float64Array(kmax); // r = 0-based rank
  for (let r = 0; r < kmax; r++) disc[r] = 1 / Math.log2(r + 2);
  const mean = new Mean();
  const ties = c.set.ties;
  for (let g = 0; g < G; g++) {
    const lo = off[g];
    const hi = off[g + 1];
    const minG = gold[byGold[hi - 1]];
    let idcg = 0;
    for (let r = 0; r < hi - lo; r++) idcg += (gold[byGold[lo + r]] - minG) * disc[r];
    if (!(idcg > 0)) continue;
    let dcg = 0;
    let skip = false;
    for (let s = lo; s < hi; ) {
      let e = s + 1;
      while (e < hi && proxy[byProxy[e]] === proxy[byProxy[s]]) e++;
      if (e - s === 1) {
        dcg += (gold[byProxy[s]] - minG) * disc[s - lo];
      } else if (ties === 'strict') {
        // worst-first inside the tied block: ascending gold
        const block = Array.from(byProxy.subarray(s, e)).sort((a, b) => gold[a] - gold[b]);
        for (let r = 0; r < block.length; r++) dcg += (gold[block[r]] - minG) * disc[s - lo + r];
      } else {
        let d = 0;
        let sr = 0;
        let gmin = Infinity;
        let gmax = -Infinity;
        for (let r = s; r < e; r++) {
          const x = gold[byProxy[r]];
          d += disc[r - lo];
          sr += x - minG;
          gmin = Math.min(gmin, x);
          gmax = Math.max(gmax, x);
        }
        if (ties === 'drop' && gmin !== gmax) skip = true;
        dcg += (sr * d) / (e - s);
      }
      s = e;
    }
    if (!skip) mean.add(dcg / idcg);
  }
  return mean.value;
}

export const NDCG: Metric = {
  name: 'ndcg',
  doc: 'NDCG@k per prompt (gain = gold − the prompt minimum, discount 1/log2(1 + rank)), averaged over prompts',
  minK: 2,
  tiePolicy: 'design',
  tieDoc: "a tied block: ordered worst-first / mean discount of its ranks (as sklearn) / prompt excluded ('strict' / 'half' / 'drop')",
  compute: ndcg,
};
