/**
 * Section `correlations`: for every (eval design, metric) × outcome × quantity, Pearson, Spearman
 * and Kendall τ_b of the metric with the outcome across proxies, each with a percentile bootstrap
 * CI over proxies (indices from Stream.from(seed, 'bootstrap', design, metric, outcome, quantity)).
 */
import { Stream } from '../../core/stream.js';
import type { OutcomeQuantity } from '../../data/row.js';
import { type CorrelationSet, correlate } from '../correlation.js';
import { metricValue, outcomeValue, type SummaryInput } from './input.js';

export interface CorrelationEntry extends CorrelationSet {
  design: string;
  metric: string;
  outcome: string;
  quantity: OutcomeQuantity;
}

export function correlationsSection(input: SummaryInput): CorrelationEntry[] {
  const { rows, seed, resamples, level } = input;
  const out: CorrelationEntry[] = [];
  for (const design of input.designs) {
    for (const metric of input.metrics[design]) {
      const x = rows.map((r) => metricValue(r, design, metric));
      for (const outcome of input.outcomes) {
        for (const quantity of input.quantities) {
          const y = rows.map((r) => outcomeValue(r, outcome, quantity));
          const c = correlate(
            x,
            y,
            { stream: Stream.from(seed, 'bootstrap', design, metric, outcome, quantity), resamples, level },
            { x: `${metric} on ${design}`, y: `${quantity} of ${outcome}` },
          );
          out.push({ design, metric, outcome, quantity, ...c });
        }
      }
    }
  }
  return out;
}
