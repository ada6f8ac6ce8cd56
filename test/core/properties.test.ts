// Property tests (fast-check): invariants that must hold for every input, not just the ones we thought of.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bonExact } from '../../src/core/bon.js';
import { pairwiseAccuracy } from '../../src/core/pairs.js';
import { groupStats } from '../../src/core/rank.js';
import { argsort } from '../../src/core/sort.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
// few distinct values, so that ties are common
const tiedValue = fc.integer({ min: -3, max: 3 }).map((v) => v / 2);

describe('argsort properties', () => {
  it('returns a permutation that sorts the keys and keeps equal keys in input order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(finite, tiedValue), { maxLength: 300 }), (keys) => {
        const idx = Array.from(argsort(keys));
        expect([...idx].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
        for (let i = 1; i < idx.length; i++) {
          const a = keys[idx[i - 1]];
          const b = keys[idx[i]];
          expect(a < b || (a === b && idx[i - 1] < idx[i])).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('pairwiseAccuracy properties', () => {
  const pairs = fc.array(fc.tuple(tiedValue, tiedValue, tiedValue, tiedValue), { maxLength: 200 });
  it('counts every pair exactly once and is unchanged when the two sides of every pair swap', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const col = (j: number) => ps.map((p) => p[j]);
        const r = pairwiseAccuracy(col(0), col(1), col(2), col(3), 'half');
        expect(r.goldTies + r.concordant + r.discordant + r.proxyTies).toBe(ps.length);
        const s = pairwiseAccuracy(col(1), col(0), col(3), col(2), 'half');
        expect(s).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });
});

describe('groupStats properties', () => {
  it('leaves Kendall τ_b and Spearman unchanged under a strictly increasing transform of y', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tiedValue, tiedValue), { minLength: 0, maxLength: 60 }), (xy) => {
        const x = xy.map((p) => p[0]);
        const y = xy.map((p) => p[1]);
        const a = groupStats(x, y, [0, xy.length]);
        const b = groupStats(
          x,
          y.map((v) => Math.exp(3 * v) - 7),
          [0, xy.length],
        );
        expect(b.tauB[0]).toBe(a.tauB[0]);
        expect(b.spearman[0]).toBe(a.spearman[0]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bonExact properties', () => {
  it('best-of-1 is the pool mean and the expected gold never decreases with n when proxy = gold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(finite, tiedValue), { minLength: 1, maxLength: 40 }), (gold) => {
        const K = gold.length;
        const ns = Array.from({ length: K }, (_, i) => i + 1);
        const r = bonExact({ offsets: [0, K], gold, proxy: gold }, ns, { replacement: 'without' });
        const mean = gold.reduce((a, b) => a + b, 0) / K;
        const scale = Math.max(1, ...gold.map(Math.abs));
        expect(Math.abs(r.gold[0] - mean)).toBeLessThanOrEqual(1e-9 * scale);
        for (let j = 1; j < K; j++) expect(r.gold[j]).toBeGreaterThanOrEqual(r.gold[j - 1] - 1e-9 * scale);
      }),
      { numRuns: 200 },
    );
  });
});
