/** What every summary section reads: the analysed rows and the names found in them. */
import type { OutcomeQuantity, Row } from '../../data/row.js';

export interface SummaryInput {
  /** the rows analysed (excluded families removed), in row order */
  rows: readonly Row[];
  /** their ids, in row order */
  ids: string[];
  /** design names in first-appearance order over the rows */
  designs: string[];
  /** metric names per design, in first-appearance order */
  metrics: Record<string, string[]>;
  /** outcome keys in first-appearance order */
  outcomes: string[];
  /** outcome quantities to correlate metrics with (e.g. ['ndr']) */
  quantities: OutcomeQuantity[];
  /** names the bootstrap streams */
  seed: number | string;
  /** bootstrap resamples (0 = no intervals) and interval coverage */
  resamples: number;
  level: number;
}

export const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

/** Metric value of a row on replicate 0, NaN when absent. */
export function metricValue(row: Row, design: string, metric: string): number {
  return num(row.metrics?.[design]?.[metric]);
}

/** Outcome quantity of a row, NaN when absent. */
export function outcomeValue(row: Row, outcome: string, q: OutcomeQuantity): number {
  return num(row.outcomes?.[outcome]?.[q]);
}

/** Names in first-appearance order over items. */
export function orderedKeys<T>(items: readonly T[], keys: (item: T) => Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const it of items) for (const k of keys(it)) seen.add(k);
  return [...seen];
}
