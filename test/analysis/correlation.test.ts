import { describe, expect, it } from 'vitest';
import { bootstrapIndices, correlate, correlations, quantile, resampledCorrelations } from '../../src/analysis/correlation.js';
import { spearmanFromRho } from '../../src/analysis/theory.js';
import { groupStats, uniformOffsets } from '../../src/core/rank.js';
import { normal } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import fx from '../fixtures/analysis.json' with { type: 'json' };

function close(actual: number, expected: number, tol: number, what: string): void {
  const ok = Math.abs(actual - expected) <= tol;
  expect(ok, `${what}: expected ${expected}, got ${actual}, |diff| ${Math.abs(actual - expected)} > tol ${tol}`).toBe(true);
}

describe('correlations across proxies', () => {
  it('match scipy pearsonr, spearmanr and kendalltau (tau-b) including data with ties', () => {
    for (const c of fx.correlations) {
      const r = correlations(c.x, c.y);
      close(r.pearson, c.pearson, 1e-12, `${c.name} pearson`);
      close(r.spearman, c.spearman, 1e-12, `${c.name} spearman`);
      close(r.kendall, c.kendall, 1e-12, `${c.name} kendall`);
    }
  });
  it('are NaN with a reason for constant inputs and fewer than two pairs, instead of throwing', () => {
    const flat = correlate([0.7, 0.7, 0.7], [0.1, 0.5, 0.9], { stream: Stream.from(1, 't'), resamples: 50 }, { x: 'accuracy' });
    for (const m of ['pearson', 'spearman', 'kendall'] as const) {
      expect(Number.isNaN(flat[m].value)).toBe(true);
      expect(flat[m].reason).toBe('accuracy is constant (0.7)');
      expect(flat[m].undefinedResamples).toBe(50);
    }
    const one = correlate([0.7], [0.1]);
    expect(one.pearson.reason).toMatch(/fewer than 2 finite pairs \(1\)/);
    const none = correlate([], []);
    expect(Number.isNaN(none.kendall.value)).toBe(true);
    expect(correlate([1, 2, 3], [4, 4, 4], {}, { y: 'ndr' }).spearman.reason).toBe('ndr is constant (4)');
  });
  it('drop pairs with NaN or infinite values and count them', () => {
    const c = correlate([1, 2, NaN, 3, 4, Infinity], [1, 3, 2, 2, 5, 0]);
    expect(c.n).toBe(4);
    expect(c.dropped).toBe(2);
    close(c.pearson.value, correlations([1, 2, 3, 4], [1, 3, 2, 5]).pearson, 0, 'same as without the bad pairs');
  });
  it('are invariant to the order of proxies and (rank ones) to monotone transforms', () => {
    const c = fx.correlations[0];
    const perm = c.x.map((_, i) => (i * 7) % c.x.length);
    const a = correlations(c.x, c.y);
    const b = correlations(
      perm.map((i) => c.x[i]),
      perm.map((i) => c.y[i]),
    );
    close(b.pearson, a.pearson, 1e-14, 'pearson permuted');
    expect(b.kendall).toBe(a.kendall);
    const t = correlations(
      c.x.map(Math.exp),
      c.y.map((v) => v ** 3),
    );
    close(t.spearman, a.spearman, 1e-14, 'spearman after monotone transform');
    close(t.kendall, a.kendall, 1e-14, 'kendall after monotone transform');
  });
});

describe('bootstrap intervals', () => {
  it('use B·n indices in [0, n) that depend only on the stream name', () => {
    const a = bootstrapIndices(Stream.from(5, 'bootstrap', 'x'), 7, 300);
    const b = bootstrapIndices(Stream.from(5, 'bootstrap', 'x'), 7, 300);
    const c = bootstrapIndices(Stream.from(5, 'bootstrap', 'y'), 7, 300);
    expect(a.length).toBe(2100);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const counts = new Array(7).fill(0);
    for (const i of a) counts[i]++;
    // each index about 300 times: binomial sd = sqrt(2100 · 1/7 · 6/7) ≈ 16
    for (const k of counts) expect(Math.abs(k - 300), `counts ${counts}`).toBeLessThan(5 * 16);
  });
  it('are percentiles of the resampled statistic that contain the estimate, reproducibly', () => {
    const c = fx.correlations[4];
    const opts = { stream: Stream.from(11, 'bootstrap'), resamples: 400 };
    const r = correlate(c.x, c.y, opts);
    for (const m of ['pearson', 'spearman', 'kendall'] as const) {
      expect(r[m].lo).toBeLessThan(r[m].value);
      expect(r[m].hi).toBeGreaterThan(r[m].value);
      expect(r[m].undefinedResamples).toBe(0);
    }
    const again = correlate(c.x, c.y, { stream: Stream.from(11, 'bootstrap'), resamples: 400 });
    expect(again).toEqual(r);
    // wider with fewer proxies
    const small = correlate(c.x.slice(0, 40), c.y.slice(0, 40), { stream: Stream.from(11, 'bootstrap'), resamples: 400 });
    expect(small.pearson.hi - small.pearson.lo).toBeGreaterThan(r.pearson.hi - r.pearson.lo);
  });
  it('computed from multiplicities equal the rank kernel on the materialized resamples, ties included', () => {
    for (const c of [fx.correlations[0], fx.correlations[1], fx.correlations[3], fx.correlations[5]]) {
      const x = Float64Array.from(c.x),
        y = Float64Array.from(c.y),
        n = x.length,
        B = 300;
      const idx = bootstrapIndices(Stream.from(9, 'diff', c.name), n, B);
      const fast = resampledCorrelations(x, y, idx, B);
      const ref = groupStats(
        Float64Array.from(idx, (i) => x[i]),
        Float64Array.from(idx, (i) => y[i]),
        uniformOffsets(B, n),
      );
      for (let b = 0; b < B; b++) {
        for (const [m, r] of [
          ['pearson', ref.pearson],
          ['spearman', ref.spearman],
          ['kendall', ref.tauB],
        ] as const) {
          const f = fast[m][b];
          const what = `${c.name} resample ${b} ${m}: indices ${Array.from(idx.subarray(b * n, (b + 1) * n))}`;
          if (Number.isNaN(r[b])) expect(Number.isNaN(f), what).toBe(true);
          else close(f, r[b], 1e-12, what);
        }
      }
    }
  });
  it('cover the population correlation at about the nominal 95% rate (bivariate normal, n = 60)', () => {
    const rho = 0.5,
      n = 60,
      trials = 300;
    const truth = { pearson: rho, spearman: spearmanFromRho(rho), kendall: (2 / Math.PI) * Math.asin(rho) };
    const covered = { pearson: 0, spearman: 0, kendall: 0 };
    for (let t = 0; t < trials; t++) {
      const z1 = normal(Stream.from(2024, 'coverage', t, 'z1'), n);
      const z2 = normal(Stream.from(2024, 'coverage', t, 'z2'), n);
      const y = z1.map((v, i) => rho * v + Math.sqrt(1 - rho * rho) * z2[i]);
      const r = correlate(z1, y, { stream: Stream.from(2024, 'coverage', t, 'bootstrap'), resamples: 500 });
      for (const m of ['pearson', 'spearman', 'kendall'] as const) if (r[m].lo <= truth[m] && truth[m] <= r[m].hi) covered[m]++;
    }
    const se = Math.sqrt((0.95 * 0.05) / trials);
    for (const m of ['pearson', 'spearman', 'kendall'] as const) {
      const rate = covered[m] / trials;
      expect(
        Math.abs(rate - 0.95),
        `${m}: coverage ${rate} over ${trials} trials, nominal 0.95, tolerance 3.5 SE = ${3.5 * se}`,
      ).toBeLessThan(3.5 * se);
    }
  });
  it('leave out resamples where the statistic is undefined and count them', () => {
    // two distinct values: a resample drawing only one of them has no variation
    const r = correlate([0, 1], [0, 1], { stream: Stream.from(3, 'b'), resamples: 1000 });
    // P(all indices equal) = 1/2 for n = 2
    expect(Math.abs(r.pearson.undefinedResamples - 500)).toBeLessThan(5 * Math.sqrt(250));
    close(r.pearson.lo, 1, 1e-15, 'lower bound');
    close(r.pearson.hi, 1, 1e-15, 'upper bound');
  });
});

describe('quantile', () => {
  it('matches numpy.percentile (linear) and ignores NaN', () => {
    for (const c of fx.quantiles) {
      c.q.forEach((q, j) => close(quantile(c.values, q), c.expected[j], 1e-14, `q${q} of ${c.values.length} values`));
    }
    expect(quantile([NaN, 2, 1], 0.5)).toBe(1.5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
