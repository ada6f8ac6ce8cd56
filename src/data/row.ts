/**
 * The row: one per proxy, as a study writes them to rows.jsonl and the analysis and report read
 * them. Declared structurally here so that every layer depends only on the shape.
 */

/** What one optimizer run with one proxy achieved (gains in gold/proxy reward units, KL in nats). */
export interface Outcome {
  goldGain: number;
  proxyGain: number;
  kl: number;
  /** Normalized drop ratio: gold gain with the proxy / gold gain with gold, same optimizer and budget. */
  ndr: number;
  /** 1 − ndr. */
  regret: number;
}

export type OutcomeQuantity = keyof Outcome;

export interface Row {
  id: string;
  family: string;
  params: object;
  /** metrics[design][metric] on eval-set replicate 0. */
  metrics: Record<string, Record<string, number>>;
  /** resampled[design][metric] = values on replicates 1..R−1 (may be empty or absent). */
  resampled: Record<string, Record<string, number[]>>;
  /** outcomes[key], key an outcome key (src/data/outcome-key.ts) like 'bon@16', 'tilt@kl=2'. */
  outcomes: Record<string, Outcome>;
}
