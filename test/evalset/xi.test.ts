import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TiePolicy } from '../../src/core/pairs.js';
import { normal } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import type { EvalSet } from '../../src/data/evalset.js';
import { computeMetrics, METRICS, MetricContext, metricsForDesign } from '../../src/evalset/index.js';
import { designSchema } from '../../src/evalset/schema.js';
import { handWorld, near, type Truth, wholePoolSet } from './helpers.js';

const POLICIES: TiePolicy[] = ['strict', 'half', 'drop'];
const metric = (name: string, set: EvalSet, t: Truth, proxy: number[] | Float64Array) =>
  METRICS.get(name)!.compute(new MetricContext(set, t.pools, t.gold, Float64Array.from(proxy)));

interface Case {
  description: string;
  groups: { gold: number[]; proxy: number[] }[];
  expected: { xi: number | null; globalXi: number | null };
  reference: { xi: string[]; globalXi: string };
  globalXiScipyJitter: { mean: number; se: number; draws: number } | null;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/xi.json', import.meta.url), 'utf8')) as {
  scipy: string;
  cases: Case[];
};

describe("Chatterjee's ξ: the registry entries", () => {
  it("'xi' needs k ≥ 3, 'global-xi' k ≥ 2, both ignore the tie policy and are computed by default", () => {
    expect(METRICS.get('xi')!.minK).toBe(3);
    expect(METRICS.get('global-xi')!.minK).toBe(2);
    for (const n of ['xi', 'global-xi']) expect(METRICS.get(n)!.tiePolicy, n).toBe('none');
    expect(metricsForDesign(designSchema.parse({ k: 5 }))).toEqual(expect.arrayContaining(['xi', 'global-xi']));
    expect(metricsForDesign(designSchema.parse({ k: 2 }))).toContain('global-xi');
    expect(metricsForDesign(designSchema.parse({ k: 2 }))).not.toContain('xi');
  });
});

describe(`Chatterjee's ξ against scipy.stats.chatterjeexi ${fixture.scipy} (test/fixtures/gen_xi.py)`, () => {
  for (const c of fixture.cases) {
    it(`matches the reference (${c.reference.xi.join(', ')}; global: ${c.reference.globalXi}) on ${c.description}, under every tie policy`, () => {
      const w = handWorld(c.groups.map((g) => g.gold));
      const proxy = Float64Array.from(c.groups.flatMap((g) => g.proxy));
      for (const ties of POLICIES) {
        const got = computeMetrics(wholePoolSet(w, { ties }), w.pools, w.gold, proxy, ['xi', 'global-xi']);
        near(got.xi, c.expected.xi!, 1e-12, `${c.description} (${ties}): xi`);
        near(got['global-xi'], c.expected.globalXi!, 1e-12, `${c.description} (${ties}): global-xi`);
        const j = c.globalXiScipyJitter;
        // scipy's own recipe for ties in x (jitter), averaged: within 5 of its standard errors
        if (j !== null)
          near(got['global-xi'], j.mean, 5 * j.se, `${c.description}: global-xi vs scipy over ${j.draws} jittered tie-breaks`);
      }
    });
  }
});

describe("Chatterjee's ξ by hand", () => {
  it('a perfect and a reversed proxy both give 1 − 3/(n + 1) on n untied responses (ξ is not signed)', () => {
    const w = handWorld([[1, 2, 3, 4, 5]]);
    const set = wholePoolSet(w);
    near(metric('xi', set, w, [10, 20, 30, 40, 50]), 0.5, 1e-15, 'perfect');
    near(metric('xi', set, w, [50, 40, 30, 20, 10]), 0.5, 1e-15, 'reversed');
    // r along the proxy order 2,5,1,4,3 (proxy 1..5 on gold 2,5,1,4,3): Σ|Δr| = 3 + 4 + 3 + 1 = 11
    near(metric('xi', set, w, [3, 1, 5, 4, 2]), 1 - (3 * 11) / 24, 1e-15, 'scrambled');
  });
  it('a constant proxy gives 0 (the expectation of a random order); constant gold is excluded, NaN alone', () => {
    const w = handWorld([
      [1, 2, 2, 3, 7],
      [4, 4, 4],
      [1, 2, 3],
    ]);
    const set = wholePoolSet(w, { prompts: [0] });
    near(metric('xi', set, w, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 0, 1e-15, 'constant proxy, gold ties');
    near(metric('global-xi', set, w, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 0, 1e-15, 'constant proxy, global');
    const only = wholePoolSet(w, { prompts: [1] });
    expect(metric('xi', only, w, [0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0])).toBeNaN();
    expect(metric('global-xi', only, w, [0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0])).toBeNaN();
    // constant gold does not count: the mean is that of prompt 2 alone (perfect proxy, n = 3: 1 − 3/4)
    near(metric('xi', wholePoolSet(w, { prompts: [1, 2] }), w, [0, 0, 0, 0, 0, 1, 2, 3, 1, 2, 3]), 0.25, 1e-15, 'mean');
  });
  it('a tied pair of the proxy averages the two orders', () => {
    // gold 1,2,3; proxy ties the last two: orders (1,2,3) and (1,3,2) give Σ|Δr| = 2 and 3
    const w = handWorld([[1, 2, 3]]);
    near(metric('xi', wholePoolSet(w), w, [0, 1, 1]), 1 - (3 * 2.5) / 8, 1e-15, 'mean of the two tie-breaks');
  });
  it('is asymmetric: gold = proxy² is a function of the proxy, not the other way round', () => {
    const x = Array.from({ length: 21 }, (_, i) => (i - 10) / 10);
    const gold = x.map((v) => v * v + 1e-9 * v); // tiny slope: no gold ties
    const w = handWorld([gold]);
    const set = wholePoolSet(w);
    const forward = metric('global-xi', set, w, x);
    // ξ of x on gold (x as the "gold" of a world whose proxy is gold): x is not a function of x²
    const wx = handWorld([x]);
    const backward = metric('global-xi', wholePoolSet(wx), wx, gold);
    // r along x = −1 … 1: 20, 18, …, 2, 1, 3, …, 21 (Σ|Δr| = 39); along gold, x's ranks 11, 10, 12, 9, … (Σ|Δr| = 210)
    near(forward, 1 - (3 * 39) / (21 * 21 - 1), 1e-12, 'gold a function of the proxy');
    near(backward, 1 - (3 * 210) / (21 * 21 - 1), 1e-12, 'the proxy is not a function of gold');
  });
  it('is unchanged by a strictly increasing transform of the proxy and by reordering the responses', () => {
    const G = 50;
    const k = 7;
    const gold = Array.from(normal(Stream.from(9, 'test', 'xi', 'gold'), G * k));
    const noise = normal(Stream.from(9, 'test', 'xi', 'noise'), G * k);
    const proxy = gold.map((g, i) => Math.round(2 * (g + noise[i])) / 2); // coarse: many ties
    const groups = Array.from({ length: G }, (_, g) => gold.slice(g * k, (g + 1) * k));
    const w = handWorld(groups);
    const set = wholePoolSet(w);
    const base = computeMetrics(set, w.pools, w.gold, Float64Array.from(proxy), ['xi', 'global-xi']);
    const f = computeMetrics(
      set,
      w.pools,
      w.gold,
      Float64Array.from(proxy, (p) => p * p * p + 3),
      ['xi', 'global-xi'],
    );
    const perm: EvalSet = { ...set, responses: set.responses.slice() };
    for (let g = 0; g < G; g++) perm.responses.set(Array.from(set.responses.subarray(g * k, (g + 1) * k)).reverse(), g * k);
    const p = computeMetrics(perm, w.pools, w.gold, Float64Array.from(proxy), ['xi', 'global-xi']);
    for (const n of ['xi', 'global-xi']) {
      near(f[n], base[n], 1e-12, `${n}: monotone transform`);
      near(p[n], base[n], 1e-12, `${n}: responses reversed`);
    }
  });
});
