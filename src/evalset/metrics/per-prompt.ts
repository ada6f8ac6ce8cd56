/**
 * Correlations of proxy and gold within each prompt (Kendall τ_b, Spearman, Pearson), averaged
 * over prompts. They are the standard estimators (as scipy computes them) and do not depend on
 * the design's tie policy: a partial proxy tie is handled by the estimator itself (τ_b's tie
 * correction, average ranks, Pearson on the values), and a prompt whose proxy is constant counts
 * 0, the expected correlation of a random ranking, under every policy. (A tie policy would have
 * to redefine them: a worst-case tie-break turns τ_b into a different statistic, and dropping
 * every prompt with a tie discards most prompts of a coarse proxy.)
 */
import type { MetricContext } from '../context.js';
import { Mean, type Metric } from '../metric.js';

/** Mean over groups of a per-group correlation from the kernel. */
function perPrompt(c: MetricContext, key: 'tauB' | 'spearman' | 'pearson'): number {
  const st = c.groupStats;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    if (st.tiesX[g] === st.pairs[g]) continue; // gold constant: nothing to rank
    const v = st[key][g];
    // NaN: the proxy is constant in the group; a random ranking has expected correlation 0
    mean.add(Number.isNaN(v) ? 0 : v);
  }
  return mean.value;
}

export const PER_PROMPT: Metric[] = [
  {
    name: 'kendall',
    doc: 'Kendall τ_b of proxy vs gold within each prompt (Knight, as scipy), averaged over prompts',
    minK: 3,
    tiePolicy: 'none',
    tieDoc:
      "the same under every tie policy: partial ties by τ_b's tie correction; a prompt with constant proxy counts 0; constant gold excluded",
    compute: (c) => perPrompt(c, 'tauB'),
  },
  {
    name: 'spearman',
    doc: 'Spearman ρ (average ranks) of proxy vs gold within each prompt, averaged over prompts',
    minK: 3,
    tiePolicy: 'none',
    tieDoc: 'the same under every tie policy: partial ties by average ranks; a prompt with constant proxy counts 0; constant gold excluded',
    compute: (c) => perPrompt(c, 'spearman'),
  },
  {
    name: 'pearson',
    doc: 'Pearson r of proxy vs gold within each prompt, averaged over prompts',
    minK: 3,
    tiePolicy: 'none',
    tieDoc: 'the same under every tie policy: ties do not enter the values; a prompt with constant proxy counts 0; constant gold excluded',
    compute: (c) => perPrompt(c, 'pearson'),
  },
];
