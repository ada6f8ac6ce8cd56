import { describe, expect, it } from 'vitest';
import { putF64, scoped } from '../../src/core/memory.js';
import { accuracyFromCounts, type PairwiseAccuracy, pairwiseAccuracy, sum4, TIE_POLICIES } from '../../src/core/pairs.js';
import { pairwiseAccuracyRef } from '../../src/core/pairs.ref.js';
import { normal, uniform } from '../../src/core/rng.js';
import { Stream } from '../../src/core/stream.js';
import { RmsimError } from '../../src/errors.js';

const COUNT_KEYS = ['pairs', 'goldTies', 'concordant', 'discordant', 'proxyTies'] as const;

function countsOf(r: PairwiseAccuracy): number[] {
  return COUNT_KEYS.map((k) => r[k]);
}

/** Expect |actual − expected| ≤ tol, printing the context, the values and the tolerance on failure. */
function expectNear(actual: number, expected: number, tol: number, context: string): void {
  expect(Math.abs(actual - expected), `${context}: expected ${expected} ± ${tol}, got ${actual}`).toBeLessThanOrEqual(tol);
}

interface Pairs {
  ga: Float64Array;
  gb: Float64Array;
  pa: Float64Array;
  pb: Float64Array;
}

/** m pairs: integer levels (ties likely) when `levels` > 0, else continuous normals. */
function randomPairs(seed: string, m: number, levels = 0): Pairs {
  const draw = (name: string): Float64Array => {
    const s = Stream.from(seed, name);
    return levels > 0 ? uniform(s, m).map((u) => Math.floor(u * levels)) : normal(s, m);
  };
  return { ga: draw('ga'), gb: draw('gb'), pa: draw('pa'), pb: draw('pb') };
}

/** m independent pairs of responses whose (gold, proxy) is bivariate normal with correlation rho. */
function gaussianPairs(seed: string, m: number, rho: number): Pairs {
  const z = (name: string) => normal(Stream.from(seed, name), m);
  const [g1, e1, g2, e2] = [z('g1'), z('e1'), z('g2'), z('e2')];
  const c = Math.sqrt(1 - rho * rho);
  return { ga: g1, gb: g2, pa: g1.map((g, i) => rho * g + c * e1[i]), pb: g2.map((g, i) => rho * g + c * e2[i]) };
}

describe('pairwiseAccuracy', () => {
  it('counts concordant, discordant, gold ties and proxy ties on a hand-made example', () => {
    // pair:     1 conc  2 disc  3 gold tie  4 proxy tie  5 conc (a < b)  6 gold tie + proxy tie
    const ga = [2, 1, 5, 3, 0, 4];
    const gb = [1, 2, 5, 1, 1, 4];
    const pa = [0.9, 0.8, 0.1, 0.5, -3, 7];
    const pb = [0.1, 0.2, 0.7, 0.5, -1, 7];
    for (const kernel of ['simd', 'scalar'] as const) {
      const r = pairwiseAccuracy(ga, gb, pa, pb, 'strict', { kernel });
      expect(countsOf(r), kernel).toEqual([6, 2, 2, 1, 1]);
      expect(r.accuracy).toBeCloseTo(2 / 4, 15);
      expect(pairwiseAccuracy(ga, gb, pa, pb, 'half', { kernel }).accuracy).toBeCloseTo(2.5 / 4, 15);
      expect(pairwiseAccuracy(ga, gb, pa, pb, 'drop', { kernel }).accuracy).toBeCloseTo(2 / 3, 15);
    }
  });

  it('gives the same counts from the SIMD kernel, its scalar twin and the TypeScript reference', () => {
    const lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 10_001];
    for (const m of lengths) {
      for (const levels of [0, 2, 3]) {
        const { ga, gb, pa, pb } = randomPairs(`diff-${m}-${levels}`, m, levels);
        const ref = pairwiseAccuracyRef(ga, gb, pa, pb, 'strict');
        const simd = pairwiseAccuracy(ga, gb, pa, pb, 'strict', { kernel: 'simd' });
        const scalar = pairwiseAccuracy(ga, gb, pa, pb, 'strict', { kernel: 'scalar' });
        expect(countsOf(simd), `simd m=${m} levels=${levels}`).toEqual(countsOf(ref));
        expect(countsOf(scalar), `scalar m=${m} levels=${levels}`).toEqual(countsOf(ref));
        expect(simd.goldTies + simd.concordant + simd.discordant + simd.proxyTies).toBe(m);
      }
    }
  });

  it('reports every tie policy with the documented formula', () => {
    const { ga, gb, pa, pb } = randomPairs('policies', 5001, 3);
    for (const ties of TIE_POLICIES) {
      const r = pairwiseAccuracy(ga, gb, pa, pb, ties);
      const { concordant: c, discordant: d, proxyTies: t } = r;
      const expected = ties === 'strict' ? c / (c + d + t) : ties === 'half' ? (c + t / 2) / (c + d + t) : c / (c + d);
      expect(r.ties).toBe(ties);
      expect(r.accuracy, ties).toBe(expected);
      expect(r.accuracy).toBe(pairwiseAccuracyRef(ga, gb, pa, pb, ties).accuracy);
    }
  });

  it('returns NaN accuracy when no pair is ordered by gold, and for drop when only proxy ties remain', () => {
    const empty = pairwiseAccuracy([], [], [], [], 'strict');
    expect(countsOf(empty)).toEqual([0, 0, 0, 0, 0]);
    for (const ties of TIE_POLICIES) {
      expect(pairwiseAccuracy([], [], [], [], ties).accuracy).toBeNaN();
      expect(pairwiseAccuracy([1, 2, 3], [1, 2, 3], [0, 1, 2], [2, 1, 0], ties).accuracy).toBeNaN();
    }
    const allProxyTies = [
      [1, 2, 3],
      [2, 3, 4],
      [5, 5, 5],
      [5, 5, 5],
    ] as const;
    expect(pairwiseAccuracy(...allProxyTies, 'strict').accuracy).toBe(0);
    expect(pairwiseAccuracy(...allProxyTies, 'half').accuracy).toBe(0.5);
    expect(pairwiseAccuracy(...allProxyTies, 'drop').accuracy).toBeNaN();
  });

  it('treats -0 and +0 as tied and orders extreme and subnormal values exactly', () => {
    const ga = [0, 1e308, 5e-324, -1e308, 1];
    const gb = [-0, -1e308, 0, 1e308, 1 + 2 ** -52];
    const pa = [1, 1.7976931348623157e308, -5e-324, 0, 3];
    const pb = [2, -1.7976931348623157e308, 0, -0, 2];
    for (const kernel of ['simd', 'scalar'] as const) {
      const r = pairwiseAccuracy(ga, gb, pa, pb, 'strict', { kernel });
      // pair 0: gold tie; 1: conc (differences overflow); 2: disc (subnormals); 3: proxy tie; 4: disc
      expect(countsOf(r), kernel).toEqual([5, 1, 1, 2, 1]);
    }
  });

  it('is unchanged by swapping the sides of every pair and by monotone transforms of the proxy', () => {
    const { ga, gb, pa, pb } = randomPairs('invariance', 4099, 4);
    const base = countsOf(pairwiseAccuracy(ga, gb, pa, pb, 'strict'));
    expect(countsOf(pairwiseAccuracy(gb, ga, pb, pa, 'strict'))).toEqual(base);
    const f = (v: number) => Math.exp(v / 3) * 2 - 7;
    expect(countsOf(pairwiseAccuracy(ga, gb, pa.map(f), pb.map(f), 'strict'))).toEqual(base);
    // a decreasing transform swaps concordant and discordant
    const r = pairwiseAccuracy(
      ga,
      gb,
      pa.map((v) => -v),
      pb.map((v) => -v),
      'strict',
    );
    expect([r.concordant, r.discordant]).toEqual([base[3], base[2]]);
  });

  it('uses resident wasm buffers in place with the same result as copied arrays', () => {
    const { ga, gb, pa, pb } = randomPairs('resident', 777, 0);
    const copied = pairwiseAccuracy(ga, gb, pa, pb, 'half');
    const resident = scoped(() => pairwiseAccuracy(putF64(ga), putF64(gb), putF64(pa), putF64(pb), 'half'));
    expect(resident).toEqual(copied);
  });

  it('matches the Gaussian closed form ½ + arcsin(ρ)/π within 4 standard errors', () => {
    const m = 200_000;
    for (const rho of [-0.5, 0, 0.3, 0.7, 0.95]) {
      const { ga, gb, pa, pb } = gaussianPairs(`gauss-${rho}`, m, rho);
      const r = pairwiseAccuracy(ga, gb, pa, pb, 'strict');
      expect(r.goldTies + r.proxyTies).toBe(0);
      const A = 0.5 + Math.asin(rho) / Math.PI;
      const se = Math.sqrt((A * (1 - A)) / m);
      expectNear(r.accuracy, A, 4 * se, `rho=${rho}, m=${m}`);
    }
  });

  it('follows ε + (1 − 2ε)·A when gold labels are flipped at rate ε', () => {
    const m = 200_000;
    const { ga, gb, pa, pb } = gaussianPairs('flips', m, 0.6);
    const A = pairwiseAccuracy(ga, gb, pa, pb, 'strict').accuracy;
    for (const eps of [0.05, 0.2, 0.5]) {
      const u = uniform(Stream.from('flips', 'labels', eps), m);
      const fa = ga.map((g, i) => (u[i] < eps ? gb[i] : g));
      const fb = gb.map((g, i) => (u[i] < eps ? ga[i] : g));
      const r = pairwiseAccuracy(fa, fb, pa, pb, 'strict');
      // given the data, each pair's correctness flips independently with probability ε
      const se = Math.sqrt((eps * (1 - eps)) / m);
      expectNear(r.accuracy, eps + (1 - 2 * eps) * A, 4 * se, `eps=${eps}, A=${A}`);
    }
  });

  it('rejects NaN and ±Inf in any array, naming the argument and the index, from both kernels', () => {
    const base = () => [Array(11).fill(1), Array(11).fill(2), Array(11).fill(3), Array(11).fill(4)] as number[][];
    const names = ['goldA', 'goldB', 'proxyA', 'proxyB'];
    for (const kernel of ['simd', 'scalar'] as const) {
      for (let a = 0; a < 4; a++) {
        for (const [idx, bad] of [
          [2, NaN],
          [9, Infinity],
          [10, -Infinity],
        ] as const) {
          const arrs = base();
          arrs[a][idx] = bad;
          const call = () => pairwiseAccuracy(arrs[0], arrs[1], arrs[2], arrs[3], 'strict', { kernel });
          expect(call).toThrow(RmsimError);
          expect(call).toThrow(new RegExp(`^${names[a]}: element ${idx} is ${bad}`));
        }
      }
    }
  });

  it('rejects mismatched lengths, unknown tie policies and unknown kernels', () => {
    expect(() => pairwiseAccuracy([1, 2], [1], [1, 2], [1, 2], 'strict')).toThrow(/^goldB: length 1 differs/);
    expect(() => pairwiseAccuracy([1], [1], [1], [1, 2], 'strict')).toThrow(/^proxyB: length 2 differs/);
    expect(() => pairwiseAccuracy([1], [1], [1], [1], 'lenient' as never)).toThrow(/^ties: must be one of/);
    expect(() => pairwiseAccuracy([1], [1], [1], [1], 'drop', { kernel: 'gpu' as never })).toThrow(/^kernel:/);
    expect(() => accuracyFromCounts({ pairs: 0, goldTies: 0, concordant: 0, discordant: 0, proxyTies: 0 }, 'x' as never)).toThrow(
      RmsimError,
    );
  });
});

describe('sum4', () => {
  it('sums four arrays of any length exactly on small integers', () => {
    for (const m of [0, 1, 3, 4, 5, 101]) {
      const a = Array.from({ length: m }, (_, i) => i);
      const expected = a.reduce((s, v) => s + 4 * v, 0);
      expect(sum4(a, a, a, a), `m=${m}`).toBe(expected);
    }
    expect(() => sum4([1], [1], [1, 2], [1])).toThrow(/^c: length 2 differs/);
  });
});
