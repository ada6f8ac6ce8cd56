/**
 * Section `leaderboard`: for every analysed outcome, every (eval design, metric) ranked by its
 * Spearman correlation with the outcome's NDR across proxies, each with a 95% interval and its
 * difference from the reference (pairwise accuracy on the standard design) by a paired bootstrap:
 * one set of proxy resamples per outcome, Stream.from(seed, 'paired-bootstrap', outcome, quantity),
 * shared by every entry (src/analysis/paired.ts). On the same resamples, each entry's distance
 * below the top entry, and which entries the top is not distinguishable from: naming the top alone
 * would be the winner's curse.
 */
import { Stream } from '../../core/stream.js';
import type { OutcomeQuantity } from '../../data/row.js';
import type { Estimate } from '../correlation.js';
import { pairedSpearman } from '../paired.js';
import { metricValue, outcomeValue, type SummaryInput } from './input.js';

/**
 * 'reference': the entry is the reference; 'better' / 'worse': the interval of the difference lies
 * above / below 0; 'unresolved': it contains 0; 'undefined': no interval.
 */
export type Verdict = 'reference' | 'better' | 'worse' | 'unresolved' | 'undefined';

export interface LeaderboardEntry {
  design: string;
  metric: string;
  /** 1 = highest Spearman; entries with an undefined Spearman come last, unranked (null). */
  rank: number | null;
  n: number;
  spearman: Estimate;
  /** Spearman of this entry minus the reference's, on the same proxies and resamples. */
  difference: Estimate;
  verdict: Verdict;
  /** Spearman of the top entry minus this entry's, on the same resamples; 0 [0, 0] for the top. */
  belowTop: Estimate;
}

export interface LeaderboardOutcome {
  outcome: string;
  quantity: OutcomeQuantity;
  /** proxies with a finite outcome: the resampled population */
  n: number;
  reference: Estimate;
  entries: LeaderboardEntry[];
  /**
   * The entries other than the top (entries[0]) whose interval of (top − entry) contains 0, in rank
   * order: the top is not distinguishable from them.
   */
  tiedWithTop: { design: string; metric: string }[];
}

export interface LeaderboardSection {
  method: 'spearman';
  reference: { design: string; metric: string } | null;
  resamples: number;
  level: number;
  indices: string;
  outcomes: LeaderboardOutcome[];
  reason?: string;
}

export function verdictOf(d: Estimate, isReference: boolean): Verdict {
  if (isReference) return 'reference';
  if (!Number.isFinite(d.lo) || !Number.isFinite(d.hi)) return 'undefined';
  return d.lo > 0 ? 'better' : d.hi < 0 ? 'worse' : 'unresolved';
}

/** Whether an interval exists and contains 0. */
export const containsZero = (d: Estimate): boolean => Number.isFinite(d.lo) && Number.isFinite(d.hi) && d.lo <= 0 && d.hi >= 0;

export function leaderboardSection(input: SummaryInput, reference: { design: string | null; metric: string }): LeaderboardSection {
  const { rows, seed, resamples, level } = input;
  const ref =
    reference.design !== null && (input.metrics[reference.design] ?? []).includes(reference.metric)
      ? { design: reference.design, metric: reference.metric }
      : null;
  const section: LeaderboardSection = {
    method: 'spearman',
    reference: ref,
    resamples,
    level,
    indices:
      "floor(u*n), u from wasm uniform() on Stream.from(seed, 'paired-bootstrap', outcome, quantity): the same resamples for every entry",
    outcomes: [],
  };
  if (ref === null) {
    section.reason =
      reference.design === null
        ? 'no eval designs in the rows'
        : `metric '${reference.metric}' is not computed on design '${reference.design}'`;
    return section;
  }
  const keys = input.designs.flatMap((design) => input.metrics[design].map((metric) => ({ design, metric })));
  const xs = keys.map((k) => rows.map((r) => metricValue(r, k.design, k.metric)));
  const xRef = rows.map((r) => metricValue(r, ref.design, ref.metric));
  for (const outcome of input.outcomes) {
    for (const quantity of input.quantities) {
      const y = rows.map((r) => outcomeValue(r, outcome, quantity));
      const res = pairedSpearman(xs, xRef, y, {
        stream: Stream.from(seed, 'paired-bootstrap', outcome, quantity),
        resamples,
        level,
      });
      const entries = keys.map((k, j): LeaderboardEntry => {
        const e = res.entries[j];
        const isRef = k.design === ref.design && k.metric === ref.metric;
        return {
          ...k,
          rank: null,
          n: e.n,
          spearman: e.spearman,
          difference: e.difference,
          verdict: verdictOf(e.difference, isRef),
          belowTop: e.belowTop,
        };
      });
      // highest Spearman first; a stable sort keeps the design/metric order among equals
      const order = entries
        .map((_e, j) => j)
        .sort((a, b) => {
          const va = entries[a].spearman.value;
          const vb = entries[b].spearman.value;
          const fa = Number.isFinite(va);
          const fb = Number.isFinite(vb);
          if (fa !== fb) return fa ? -1 : 1;
          return (fa && vb - va) || a - b;
        });
      const sorted = order.map((j) => entries[j]);
      sorted.forEach((e, i) => {
        if (Number.isFinite(e.spearman.value)) e.rank = i + 1;
      });
      // the sort puts pairedSpearman's top (highest, first among equals) first
      const tiedWithTop = sorted
        .slice(1)
        .filter((e) => containsZero(e.belowTop))
        .map((e) => ({ design: e.design, metric: e.metric }));
      section.outcomes.push({ outcome, quantity, n: res.n, reference: res.reference, entries: sorted, tiedWithTop });
    }
  }
  return section;
}
