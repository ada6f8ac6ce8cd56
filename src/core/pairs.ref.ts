/** Plain-TypeScript reference for pairs.ts: one obvious loop over the pairs. */
import { accuracyFromCounts, type PairCounts, type PairwiseAccuracy, type TiePolicy } from './pairs.js';

export function pairwiseAccuracyRef(
  goldA: ArrayLike<number>,
  goldB: ArrayLike<number>,
  proxyA: ArrayLike<number>,
  proxyB: ArrayLike<number>,
  ties: TiePolicy,
): PairwiseAccuracy {
  const m = goldA.length;
  let goldTies = 0,
    concordant = 0,
    discordant = 0,
    proxyTies = 0;
  for (let i = 0; i < m; i++) {
    const g = +(goldA[i] > goldB[i]) - +(goldA[i] < goldB[i]);
    const p = +(proxyA[i] > proxyB[i]) - +(proxyA[i] < proxyB[i]);
    goldTies += +(g === 0);
    concordant += +(g * p === 1);
    discordant += +(g * p === -1);
    proxyTies += +(g !== 0 && p === 0);
  }
  const counts: PairCounts = { pairs: m, goldTies, concordant, discordant, proxyTies };
  return { ...counts, ties, accuracy: accuracyFromCounts(counts, ties) };
}
