/** Correlations of proxy and gold within each prompt (Kendall τ_b, Spearman, Pearson), averaged over prompts. */
import type { MetricContext } from '../context.js';
import { Mean, type Metric } from '../metric.js';

/** Mean over groups of a per-group correlation from the kernel. */
function perPrompt(c: MetricContext, key: 'tauB' | 'spearman' | 'pearson'): number {
  const st = c.groupStats;
  const mean = new Mean();
  for (let g = 0; g < c.groups; g++) {
    if (st.tiesX[g] === st.pairs[g]) continue; // gold constant: nothing to rank
    const v = st[key][g];
    if (Number.isNaN(v)) {
      // the proxy is constant in the group: a random tie-break has expected correlation 0
      if (c.set.ties !== 'drop') mean.add(0);
    } else mean.add(v);
  }
  return mean.value;
}

export const PER_PROMPT: Metric[] = [
  {
    name: 'kendall',
    doc: 'Kendall τ_b of proxy vs gold within each prompt (Knight, as scipy), averaged over prompts',
    minK: 3,
    tiePolicy: 'design',
    tieDoc:
      "partial ties: τ_b's tie correction; a prompt with constant proxy counts 0 ('strict', 'half') or is excluded ('drop'); constant gold excluded",
    compute: (c) => perPrompt(c, 'tauB'),
  },
  {
    name: 'spearman',
    doc: 'Spearman ρ (average ranks) of proxy vs gold within each prompt, averaged over prompts',
    minK: 3,
    tiePolicy: 'design',
    tieDoc:
      "partial ties: average ranks; a prompt with constant proxy counts 0 ('strict', 'half') or is excluded ('drop'); constant gold excluded",
    compute: (c) => perPrompt(c, 'spearman'),
  },
  {
    name: 'pearson',
    doc: 'Pearson r of proxy vs gold within each prompt, averaged over prompts',
    minK: 3,
    tiePolicy: 'design',
    tieDoc: "a prompt with constant proxy counts 0 ('strict', 'half') or is excluded ('drop'); constant gold excluded",
    compute: (c) => perPrompt(c, 'pearson'),
  },
];
