import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { putF64, putI32, scoped } from '../../src/core/memory.js';
import { GROUP_STAT_KEYS, type GroupStats, groupStats, uniformOffsets } from '../../src/core/rank.js';
import { groupStatsKnightRef, groupStatsRef } from '../../src/core/rank.ref.js';
import { normal, uniform } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import { RmsimError } from '../../src/errors.js';

const COUNTS = ['pairs', 'concordant', 'discordant', 'tiesX', 'tiesY', 'tiesXY'] as const;
const CORRS = ['tauB', 'spearman', 'pearson'] as const;

interface Fixture {
  scipy: string;
  descriptions: string[];
  offsets: number[];
  x: number[];
  y: number[];
  expected: Record<(typeof GROUP_STAT_KEYS)[number], (number | null)[]>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/rank.json', import.meta.url), 'utf8')) as Fixture;

/** Compare every statistic of every group: counts exactly, correlations within `tol` (NaN = NaN). */
function expectStatsEqual(actual: GroupStats, expected: GroupStats, tol: number, label: (g: number) => string): void {
  const G = expected.pairs.length;
  for (const key of GROUP_STAT_KEYS) expect(actual[key].length, key).toBe(G);
  for (let g = 0; g < G; g++) {
    for (const key of COUNTS) expect(actual[key][g], `${label(g)}: ${key}`).toBe(expected[key][g]);
    for (const key of CORRS) {
      const a = actual[key][g],
        e = expected[key][g];
      if (Number.isNaN(e)) expect(a, `${label(g)}: ${key} expected NaN`).toBeNaN();
      else expect(Math.abs(a - e), `${label(g)}: ${key} expected ${e} ± ${tol}, got ${a}`).toBeLessThanOrEqual(tol);
    }
  }
}

/** Grouped data with the given sizes: normals (correlated), or integer levels when levels > 0. */
function groupedData(seed: string, sizes: number[], levels = 0, rho = 0.5) {
  const n = sizes.reduce((s, k) => s + k, 0);
  const offsets = new Int32Array(sizes.length + 1);
  sizes.forEach((k, g) => (offsets[g + 1] = offsets[g] + k));
  const s = Stream.from(seed);
  if (levels > 0) {
    const q = (v: number) => Math.floor(v * levels);
    const x = uniform(s.child('x'), n).map(q);
    const e = uniform(s.child('y'), n).map(q);
    return { x, y: x.map((v, i) => (i % 3 === 0 ? v : e[i])), offsets };
  }
  const x = normal(s.child('x'), n);
  const e = normal(s.child('y'), n);
  const c = Math.sqrt(1 - rho * rho);
  return { x, y: x.map((v, i) => rho * v + c * e[i]), offsets };
}

describe('groupStats', () => {
  it('matches scipy kendalltau (τ_b), spearmanr and pearsonr and brute-force counts on the fixture groups', () => {
    const got = groupStats(fixture.x, fixture.y, fixture.offsets);
    const exp = {} as GroupStats;
    for (const key of GROUP_STAT_KEYS) exp[key] = Float64Array.from(fixture.expected[key], (v) => (v === null ? NaN : v));
    expectStatsEqual(got, exp, 1e-12, (g) => `group ${g} (${fixture.descriptions[g]}, scipy ${fixture.scipy})`);
  });

  it('agrees with the brute-force and the Knight TypeScript references on random groups with and without ties', () => {
    const sizes = [0, 1, 2, 3, 2, 1, 0, 5, 16, 17, 33, 100, 257, 0, 64];
    for (const levels of [0, 2, 3, 10]) {
      const { x, y, offsets } = groupedData(`refs-${levels}`, sizes, levels);
      const brute = groupStatsRef(x, y, offsets);
      const label = (g: number) => `levels=${levels} group ${g} (k=${sizes[g]})`;
      expectStatsEqual(groupStats(x, y, offsets), brute, 1e-12, label);
      expectStatsEqual(groupStatsKnightRef(x, y, offsets), brute, 1e-12, label);
    }
  });

  it('counts discordant pairs exactly for every group size up to 300, with and without ties in y', () => {
    const sizes = Array.from({ length: 301 }, (_, k) => k);
    for (const levels of [0, 2, 5, 50]) {
      const n = sizes.reduce((s, k) => s + k, 0);
      const u = uniform(Stream.from('inversions', levels), n);
      const y = levels > 0 ? u.map((v) => Math.floor(v * levels)) : u;
      const x = new Float64Array(n);
      const offsets = new Int32Array(sizes.length + 1);
      sizes.forEach((k, g) => {
        offsets[g + 1] = offsets[g] + k;
        for (let i = 0; i < k; i++) x[offsets[g] + i] = i; // distinct x: D = inversions of y
      });
      const st = groupStats(x, y, offsets);
      for (const k of sizes) {
        let inv = 0;
        for (let i = offsets[k]; i < offsets[k + 1]; i++) for (let j = i + 1; j < offsets[k + 1]; j++) inv += +(y[i] > y[j]);
        expect(st.discordant[k], `levels=${levels} k=${k}`).toBe(inv);
      }
    }
  });

  it('agrees with the Knight TypeScript reference on one group of 100 000 values with heavy ties', () => {
    const { x, y, offsets } = groupedData('big', [100_000], 7);
    expectStatsEqual(groupStats(x, y, offsets), groupStatsKnightRef(x, y, offsets), 1e-10, () => 'k=100000');
  });

  it('gives the closed forms of a Gaussian pair on average: τ = 2·arcsin(ρ)/π and the exact Spearman mean', () => {
    const G = 400,
      k = 50;
    for (const rho of [-0.4, 0.3, 0.8]) {
      const { x, y, offsets } = groupedData(`gauss-${rho}`, Array(G).fill(k), 0, rho);
      const st = groupStats(x, y, offsets);
      const expected = {
        tauB: (2 / Math.PI) * Math.asin(rho), // unbiased U-statistic
        // E[r_s] = 6/(π(n+1))·(arcsin ρ + (n−2)·arcsin(ρ/2))  (Moran 1948)
        spearman: (6 / (Math.PI * (k + 1))) * (Math.asin(rho) + (k - 2) * Math.asin(rho / 2)),
        pearson: rho * (1 - (1 - rho * rho) / (2 * k)), // first-order bias of r
      };
      for (const key of CORRS) {
        const v = st[key];
        const mean = v.reduce((s, a) => s + a, 0) / G;
        const sd = Math.sqrt(v.reduce((s, a) => s + (a - mean) ** 2, 0) / (G - 1));
        const tol = 4 * (sd / Math.sqrt(G));
        expect(Math.abs(mean - expected[key]), `rho=${rho} ${key}: expected ${expected[key]} ± ${tol}, got ${mean}`).toBeLessThanOrEqual(
          tol,
        );
      }
      for (let g = 0; g < G; g++) expect(st.concordant[g] + st.discordant[g]).toBe(st.pairs[g]);
    }
  });

  it('is unchanged by permuting values inside a group and by monotone transforms (ranks only)', () => {
    const sizes = [7, 40, 2, 120];
    const { x, y, offsets } = groupedData('perm', sizes, 4);
    const base = groupStats(x, y, offsets);
    // reverse every group
    const xr = new Float64Array(x.length),
      yr = new Float64Array(y.length);
    for (let g = 0; g < sizes.length; g++) {
      for (let i = offsets[g]; i < offsets[g + 1]; i++) {
        const j = offsets[g] + offsets[g + 1] - 1 - i;
        xr[j] = x[i];
        yr[j] = y[i];
      }
    }
    expectStatsEqual(groupStats(xr, yr, offsets), base, 1e-12, (g) => `reversed group ${g}`);
    const t = groupStats(
      x.map((v) => Math.exp(v) * 3),
      y.map((v) => v ** 3 - 1),
      offsets,
    );
    expectStatsEqual({ ...t, pearson: base.pearson }, base, 1e-12, (g) => `transformed group ${g}`);
    // swapping x and y swaps the tie counts and keeps the correlations
    const s = groupStats(y, x, offsets);
    expect(Array.from(s.tiesX)).toEqual(Array.from(base.tiesY));
    expect(Array.from(s.tauB)).toEqual(Array.from(base.tauB));
  });

  it('handles no groups, empty groups, single values, pairs and constant groups', () => {
    const none = groupStats([], [], [0]);
    for (const key of GROUP_STAT_KEYS) expect(none[key].length).toBe(0);
    const st = groupStats([1, 2, 3, 4, 4, 5, 5, 5], [9, 1, 2, 7, 7, 3, 4, 5], [0, 0, 1, 3, 5, 8]);
    expect(Array.from(st.pairs)).toEqual([0, 0, 1, 1, 3]);
    expect(Array.from(st.concordant)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(st.tiesXY)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(st.tauB)).toEqual([NaN, NaN, 1, NaN, NaN]);
    expect(Array.from(st.pearson)).toEqual([NaN, NaN, 1, NaN, NaN]);
  });

  it('accepts resident buffers and uniform offsets', () => {
    const { x, y } = groupedData('resident', [30, 30, 30]);
    const offsets = uniformOffsets(3, 30);
    expect(Array.from(offsets)).toEqual([0, 30, 60, 90]);
    const copied = groupStats(x, y, offsets);
    const resident = scoped(() => groupStats(putF64(x), putF64(y), putI32(offsets)));
    expectStatsEqual(resident, copied, 0, (g) => `group ${g}`);
  });

  it('rejects offsets that do not add up, NaN or Inf values and mismatched lengths, naming the argument', () => {
    const x = [1, 2, 3],
      y = [3, 2, 1];
    expect(() => groupStats(x, y, [])).toThrow(/^offsets: must have/);
    expect(() => groupStats(x, y, [1, 3])).toThrow(/^offsets: offsets\[0\] must be 0/);
    expect(() => groupStats(x, y, [0, 2, 1, 3])).toThrow(/^offsets: must be nondecreasing/);
    expect(() => groupStats(x, y, [0, 2])).toThrow(/^offsets: last entry 2 must equal the number of values 3/);
    expect(() => groupStats(x, y, [0, 1.5, 3])).toThrow(/^offsets: offsets\[1\] = 1.5 is not an int32/);
    expect(() => groupStats(x, [1, 2], [0, 3])).toThrow(/^y: length 2 differs/);
    expect(() => groupStats([1, NaN, 3], y, [0, 3])).toThrow(/^x: element 1 is NaN/);
    expect(() => groupStats(x, [1, 2, -Infinity], [0, 3])).toThrow(/^y: element 2 is -Infinity/);
    expect(() => groupStats(x, y, [0, 4])).toThrow(RmsimError);
    expect(() => uniformOffsets(-1, 3)).toThrow(/^G:/);
  });
});
