/**
 * The row the analysis consumes: one per proxy, as src/study writes them to rows.jsonl (see the
 * issue-3 contract). Declared here structurally so the analysis and report depend only on the shape.
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
  /** outcomes[key], key like 'bon@16', 'tilt@kl=2', 'tilt@beta=0.5'. */
  outcomes: Record<string, Outcome>;
}
