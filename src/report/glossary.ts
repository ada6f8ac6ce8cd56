/**
 * The words of the report, defined once: the acronyms and outcome keys, the thresholds behind
 * "weak", "moderate" and "strong", what "beats accuracy" means, and how the proxy groups are drawn.
 */
import type { Summary } from '../analysis/summary.js';
import { outcomeWords } from './specs.js';

/** |ρ| below each bound gets the word beside it (as the paper uses them); at or above the last, 'strong'. */
export const STRENGTH = [
  { below: 0.4, word: 'weak' },
  { below: 0.7, word: 'moderate' },
] as const;

/** Words for a correlation ρ: 'weak positive', 'moderate negative', 'strong positive', … */
export function strength(r: number): string {
  const a = Math.abs(r);
  const sign = r < 0 ? 'negative' : 'positive';
  const word = STRENGTH.find((t) => a < t.below)?.word ?? 'strong';
  return `${word} ${sign}`;
}

/** The section "How to read this report", from the summary's outcomes and settings. */
export function readingGuide(s: Summary): string {
  const level = Math.round(s.bootstrap.level * 100);
  const ref = s.leaderboard?.reference;
  const lines = [
    `- **NDR** (normalized drop ratio) = gold reward gained by an optimizer using the proxy ÷ gold reward gained by the same optimizer, with the same budget, using gold itself. 1 is as good as gold; 0 gains nothing.`,
    `- **bon@n**: best-of-n — draw n responses from the base policy π0 and keep the one the proxy scores highest (the unbiased estimator over each prompt's pool).`,
    `- **tilt@kl=x**: the KL-regularized optimum π ∝ π0·exp(r̂/β), with β chosen so that the mean KL from π0 is x nats: every proxy gets the same budget.`,
    `- **tilt@beta=x**: the same policy at a fixed β = x: a proxy with larger scores moves further from π0, so the reward's scale, which accuracy cannot see, decides.`,
    `- Outcomes analysed here: ${s.outcomes.map((o) => `${o} (${outcomeWords(o)})`).join(', ')}.`,
    `- **Weak, moderate, strong**: |ρ| < ${STRENGTH[0].below} is weak, ${STRENGTH[0].below}–${STRENGTH[1].below} moderate, ≥ ${STRENGTH[1].below} strong.`,
    `- **Intervals** are ${level}% ${s.bootstrap.method} bootstrap intervals over proxies (${s.bootstrap.resamples} resamples).` +
      (ref
        ? ` **Beats ${ref.metric} on ${ref.design}** means the ${level}% interval of the difference of the two Spearman correlations, computed on the same proxy resamples (a paired bootstrap), lies above 0; "not distinguishable" means it contains 0.`
        : ''),
    '- Each proxy group (error shape) has one color and one point shape in every figure and every run. In the live figures, hover over a point for its numbers and intervals; the ⋯ menu saves a figure as SVG or PNG.',
  ];
  return lines.join('\n');
}
