/** Section `spread`: NDR within bins of a metric (e.g. accuracy, width 0.02) — similar score, different policy. */
import type { OutcomeQuantity } from '../../data/row.js';
import { type SpreadTable, spreadByBins } from '../spread.js';
import { metricValue, outcomeValue, type SummaryInput } from './input.js';

export interface SpreadEntry extends SpreadTable {
  design: string;
  metric: string;
  outcome: string;
  quantity: OutcomeQuantity;
}

export interface SpreadOptions {
  /** the metrics to bin */
  metrics: readonly string[];
  width: number;
  origin: number;
}

export function spreadSection(input: SummaryInput, o: SpreadOptions): SpreadEntry[] {
  const { rows, ids } = input;
  const out: SpreadEntry[] = [];
  for (const design of input.designs) {
    for (const metric of input.metrics[design]) {
      if (!o.metrics.includes(metric)) continue;
      const x = rows.map((r) => metricValue(r, design, metric));
      for (const outcome of input.outcomes) {
        for (const quantity of input.quantities) {
          const y = rows.map((r) => outcomeValue(r, outcome, quantity));
          const table = spreadByBins(x, y, { width: o.width, origin: o.origin, ids });
          out.push({ design, metric, outcome, quantity, ...table });
        }
      }
    }
  }
  return out;
}
