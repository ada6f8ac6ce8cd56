/** k×k matrix accuracy (RM-Bench) and its easy / normal / hard triangles. */
import type { MetricContext } from '../context.js';
import { Mean, type Metric, needsSplit, needsSquare, PAIR_TIES, tieScore } from '../metric.js';

/**
 * k×k matrix accuracy (RM-Bench style) over the chosen × rejected cells of each group. Chosen and
 * rejected are each sorted by gold descending (ties by position); cell (i, j) compares chosen
 * rank i with rejected rank j and is right when the proxy scores the chosen higher. Triangles
 * (square designs): 'normal' i = j (like against like), 'hard' i > j (a weaker chosen against a
 * stronger rejected: the smallest gold gaps), 'easy' i < j. Cells are pooled over groups.
 */
function matrix(c: MetricContext, part: 'all' | 'easy' | 'normal' | 'hard'): number {
  const { gold, proxy } = c.byGroup;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    const { chosen, rejected } = c.split(g); // each sorted by gold descending
    for (let i = 0; i < chosen.length; i++) {
      for (let j = 0; j < rejected.length; j++) {
        if (part === 'easy' ? !(i < j) : part === 'normal' ? i !== j : part === 'hard' ? !(i > j) : false) continue;
        const ci = chosen[i];
        const rj = rejected[j];
        if (!(gold[ci] > gold[rj])) continue; // a gold tie has no correct answer
        if (proxy[ci] !== proxy[rj]) mean.add(proxy[ci] > proxy[rj] ? 1 : 0);
        else {
          const s = tieScore(c.set.ties, 0.5);
          if (s !== null) mean.add(s);
        }
      }
    }
  }
  return mean.value;
}

export const MATRIX: Metric[] = [
  {
    name: 'matrix',
    doc: 'k×k matrix accuracy (RM-Bench): fraction of chosen × rejected cells where the proxy scores the chosen higher, pooled over prompts',
    minK: 2,
    tiePolicy: 'design',
    tieDoc: PAIR_TIES,
    requires: needsSplit,
    compute: (c) => matrix(c, 'all'),
  },
  {
    name: 'matrix-easy',
    doc: 'matrix accuracy on the easy triangle: chosen of gold rank i vs rejected of gold rank j > i (larger gold gaps)',
    minK: 4,
    tiePolicy: 'design',
    tieDoc: PAIR_TIES,
    requires: needsSquare,
    compute: (c) => matrix(c, 'easy'),
  },
  {
    name: 'matrix-normal',
    doc: 'matrix accuracy on the diagonal: chosen of gold rank i vs rejected of gold rank i',
    minK: 2,
    tiePolicy: 'design',
    tieDoc: PAIR_TIES,
    requires: needsSquare,
    compute: (c) => matrix(c, 'normal'),
  },
  {
    name: 'matrix-hard',
    doc: 'matrix accuracy on the hard triangle: chosen of gold rank i vs rejected of gold rank j < i (smaller gold gaps)',
    minK: 4,
    tiePolicy: 'design',
    tieDoc: PAIR_TIES,
    requires: needsSquare,
    compute: (c) => matrix(c, 'hard'),
  },
];
