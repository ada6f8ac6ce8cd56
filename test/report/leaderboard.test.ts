import { describe, expect, it } from 'vitest';
import type { LeaderboardOutcome } from '../../src/analysis/summary.js';
import { summarize } from '../../src/analysis/summary.js';
import { bestWords, leaderboardMarkdown, tiedWords } from '../../src/report/leaderboard.js';
import { syntheticRows } from '../analysis/synthetic.js';

const est = (value: number, lo = value, hi = value) => ({ value, lo, hi, undefinedResamples: 0 });

/** bon@16 as the reviewer saw it: 0.955, then three at 0.94 that the top's paired interval cannot separate from it. */
function outcome(): LeaderboardOutcome {
  const entry = (metric: string, design: string, rho: number, below: [number, number, number]) => ({
    design,
    metric,
    rank: null,
    n: 40,
    spearman: est(rho, rho - 0.03, rho + 0.02),
    difference: est(0.05, 0.01, 0.09),
    verdict: 'better' as const,
    belowTop: est(...below),
  });
  const entries = [
    entry('ndcg', 'best-vs-rest', 0.955, [0, 0, 0]),
    entry('spearman', 'main', 0.94, [0.015, -0.004, 0.03]),
    entry('pearson', 'main', 0.94, [0.015, -0.002, 0.03]),
    entry('kendall', 'main', 0.94, [0.015, -0.01, 0.04]),
    entry('tau', 'main', 0.94, [0.015, -0.01, 0.04]),
    entry('accuracy', 'small', 0.9, [0.055, 0.02, 0.09]),
  ];
  return {
    outcome: 'bon@16',
    quantity: 'ndr',
    n: 40,
    reference: est(0.87, 0.8, 0.92),
    entries,
    tiedWithTop: entries.slice(1, 5).map((e) => ({ design: e.design, metric: e.metric })),
  };
}

describe('bestWords and tiedWords', () => {
  it('name the best entry with how many others its paired interval cannot separate from it, the first few by name', () => {
    expect(bestWords(outcome())).toBe(
      'best: ndcg on best-vs-rest (4 other entries not distinguishable from it: spearman on main, pearson on main, kendall on main, …)',
    );
    expect(tiedWords({ tiedWithTop: [{ design: 'main', metric: 'tau' }] })).toBe('1 other entry not distinguishable from it: tau on main');
    expect(tiedWords({ tiedWithTop: [] })).toBe('no other entry is not distinguishable from it');
  });
});

describe('leaderboardMarkdown', () => {
  it("states, for every outcome, the best entry and the entries it is not distinguishable from, as the summary's tiedWithTop has them", () => {
    const rows = syntheticRows(40);
    const s = summarize(rows, { seed: 3, resamples: 200, theory: { design: 'pool' } });
    const md = leaderboardMarkdown(s, rows);
    expect(md).toContain('not distinguishable from the best (paired)');
    for (const o of s.leaderboard.outcomes) {
      const k = o.tiedWithTop.length;
      const words = tiedWords(o);
      expect(md).toContain(words);
      if (k > 0) expect(words).toContain(`${o.tiedWithTop[0].metric} on ${o.tiedWithTop[0].design}`);
    }
    expect(md).not.toContain('predicts best');
  });
});
