/** Correlations of proxy and gold over all the set's responses, across prompts. */
import type { Metric } from '../metric.js';

export const GLOBAL: Metric[] = [
  {
    name: 'global-pearson',
    doc: "Pearson r of proxy vs gold over all the set's responses (across prompts)",
    minK: 2,
    tiePolicy: 'none',
    tieDoc: 'ties do not enter; NaN when proxy or gold is constant',
    compute: (c) => c.globalStats.pearson[0],
  },
  {
    name: 'global-spearman',
    doc: "Spearman ρ of proxy vs gold over all the set's responses (across prompts)",
    minK: 2,
    tiePolicy: 'none',
    tieDoc: 'average ranks for ties; NaN when proxy or gold is constant',
    compute: (c) => c.globalStats.spearman[0],
  },
];
