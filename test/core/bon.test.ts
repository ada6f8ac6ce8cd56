import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bonExact, bonKLBound, bonMonteCarlo } from '../../src/core/bon.js';
import { bonExactRef, bonMonteCarloRef } from '../../src/core/bon.ref.js';
import { putF64, putI32, scoped } from '../../src/core/memory.js';
import { normal } from '../../src/core/rng.js';
import { argsortWithinGroups, GroupOrder } from '../../src/core/sort.js';
import { Stream } from '../../src/core/stream.js';
import { RmsimError } from '../../src/errors.js';
import { bytes } from '../helpers/stats.js';

interface Case {
  gold: number[];
  proxy: number[];
  logPi0?: number[] | null;
  ns: number[];
  expGold: number[];
  expProxy: number[];
  expKL: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/bon.json', import.meta.url), 'utf8')) as {
  subsets: Case[];
  tuples: Case[];
  emax: { ns: number[]; values: number[] };
  large: { gold: number[]; proxy: number[]; ns: number[]; without: number[]; with: number[] };
};

/** |actual − expected| ≤ atol + rtol·|expected| elementwise, printing everything on failure. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const tol = atol + rtol * Math.abs(e);
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tol;
    expect(ok, `${what}[${i}]: expected ${e}, actual ${a}, tolerance ${tol}`).toBe(true);
  }
}

const onePool = (gold: number[], proxy: number[]) => ({ offsets: [0, gold.length], gold, proxy });

/** A small deterministic generator for test data (not a library stream). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** P random pools with sizes in [kLo, kHi], integer-valued proxies in [0, levels) (ties) or continuous. */
function randomPools(seed: number, P: number, kLo: number, kHi: number, levels: number) {
  const u = lcg(seed);
  const offsets = [0];
  const gold: number[] = [];
  const proxy: number[] = [];
  const logPi0: number[] = [];
  for (let p = 0; p < P; p++) {
    const K = kLo + Math.floor(u() * (kHi - kLo + 1));
    for (let i = 0; i < K; i++) {
      gold.push(levels > 0 ? Math.floor(u() * 5) - 2 : u() * 4 - 2);
      proxy.push(levels > 0 ? Math.floor(u() * levels) : u());
      logPi0.push(3 * u() - 1.5);
    }
    offsets.push(gold.length);
  }
  return { offsets, gold, proxy, logPi0 };
}

describe('bonExact against brute-force enumeration', () => {
  it('matches the average over all n-subsets, ties in proxy shared equally, for every n ≤ K', () => {
    for (const c of fixture.subsets) {
      const r = bonExact(onePool(c.gold, c.proxy), c.ns, { replacement: 'without' });
      const what = `without, gold=${JSON.stringify(c.gold)} proxy=${JSON.stringify(c.proxy)}`;
      expectClose(r.gold, c.expGold, 1e-12, 1e-13, `${what} gold`);
      expectClose(r.proxy, c.expProxy, 1e-12, 1e-13, `${what} proxy`);
      expectClose(r.kl, c.expKL, 1e-11, 1e-13, `${what} KL`);
    }
  });

  it('matches the same pools stacked as prompts of different sizes in one call', () => {
    const cases = fixture.subsets.filter((c) => c.gold.length >= 4);
    const offsets = [0];
    for (const c of cases) offsets.push(offsets[offsets.length - 1] + c.gold.length);
    const pools = { offsets, gold: cases.flatMap((c) => c.gold), proxy: cases.flatMap((c) => c.proxy) };
    const ns = [1, 2, 3, 4];
    const r = bonExact(pools, ns, { replacement: 'without' });
    expectClose(
      r.gold,
      cases.flatMap((c) => c.expGold.slice(0, 4)),
      1e-12,
      1e-13,
      'stacked gold',
    );
    expectClose(
      r.kl,
      cases.flatMap((c) => c.expKL.slice(0, 4)),
      1e-11,
      1e-13,
      'stacked KL',
    );
    const mean = ns.map((_, j) => cases.reduce((s, c) => s + c.expGold[j], 0) / cases.length);
    expectClose(r.meanGold, mean, 1e-12, 1e-13, 'mean over prompts');
  });

  it('matches the sum over all n-tuples under non-uniform π0, the first drawn maximum winning', () => {
    for (const c of fixture.tuples) {
      const opts = c.logPi0 ? { replacement: 'with' as const, logPi0: c.logPi0 } : { replacement: 'with' as const };
      const r = bonExact(onePool(c.gold, c.proxy), c.ns, opts);
      const what = `with, proxy=${JSON.stringify(c.proxy)} logPi0=${JSON.stringify(c.logPi0)}`;
      expectClose(r.gold, c.expGold, 1e-12, 1e-13, `${what} gold`);
      expectClose(r.proxy, c.expProxy, 1e-12, 1e-13, `${what} proxy`);
      expectClose(r.kl, c.expKL, 1e-10, 1e-13, `${what} KL`);
    }
  });

  it('matches exact rational rank-weight sums on a pool of 400 for n up to K (≤ 1e-13 relative)', () => {
    const c = fixture.large;
    const pools = onePool(c.gold, c.proxy);
    expectClose(bonExact(pools, c.ns, { replacement: 'without' }).gold, c.without, 1e-13, 1e-15, 'without');
    expectClose(bonExact(pools, c.ns, { replacement: 'with' }).gold, c.with, 1e-13, 1e-15, 'with');
  });
});

describe('bonExact against the TypeScript reference', () => {
  const ns = [1, 2, 3, 5, 8];
  it.each([
    ['heavy ties', 7, 12],
    ['few ties', 1000, 0],
  ])('agrees on random pools of sizes 8–60 with %s, both modes and non-uniform π0', (_, levels, seedOff) => {
    const pools = randomPools(11 + seedOff, 60, 8, 60, levels);
    for (const opts of [
      { replacement: 'without' as const },
      { replacement: 'with' as const },
      { replacement: 'with' as const, logPi0: pools.logPi0 },
    ]) {
      const a = bonExact(pools, ns, opts);
      const b = bonExactRef(pools, ns, opts);
      const what = `${opts.replacement}${opts.logPi0 ? ' π0' : ''}`;
      expectClose(a.gold, b.gold, 1e-10, 1e-12, `${what} gold`);
      expectClose(a.proxy, b.proxy, 1e-10, 1e-12, `${what} proxy`);
      expectClose(a.kl, b.kl, 1e-9, 1e-12, `${what} KL`);
    }
  });

  it('agrees with replacement for n up to 1e5 and a pool of 2000 continuous scores', () => {
    const pools = randomPools(5, 3, 1500, 2000, 0);
    const big = [1, 10, 1000, 30000, 100000];
    for (const opts of [{ replacement: 'with' as const }, { replacement: 'with' as const, logPi0: pools.logPi0 }]) {
      const a = bonExact(pools, big, opts);
      const b = bonExactRef(pools, big, opts);
      expectClose(a.gold, b.gold, 1e-9, 1e-12, 'gold');
      expectClose(a.kl, b.kl, 1e-8, 1e-10, 'KL');
    }
  });

  it('agrees without replacement up to n = K on a pool of 3000', () => {
    const pools = randomPools(9, 2, 3000, 3000, 0);
    const big = [1, 2, 100, 1000, 2999, 3000];
    const a = bonExact(pools, big, { replacement: 'without' });
    const b = bonExactRef(pools, big, { replacement: 'without' });
    expectClose(a.gold, b.gold, 1e-9, 1e-12, 'gold');
    expectClose(a.kl, b.kl, 1e-8, 1e-10, 'KL');
  });
});

describe('bonExact properties', () => {
  const pools = randomPools(3, 20, 5, 40, 6);
  const pi0Mean = (p: number, lp?: number[]) => {
    let s = 0;
    let m = 0;
    for (let i = pools.offsets[p]; i < pools.offsets[p + 1]; i++) {
      const w = lp ? Math.exp(lp[i]) : 1;
      s += w * pools.gold[i];
      m += w;
    }
    return s / m;
  };

  it('gives the π0 mean of gold and zero KL at n = 1', () => {
    const P = pools.offsets.length - 1;
    for (const opts of [
      { replacement: 'without' as const },
      { replacement: 'with' as const },
      { replacement: 'with' as const, logPi0: pools.logPi0 },
    ]) {
      const r = bonExact(pools, [1], opts);
      const exp = Array.from({ length: P }, (_, p) => pi0Mean(p, opts.logPi0));
      expectClose(r.gold, exp, 1e-12, 1e-13, `${opts.replacement} n=1 gold`);
      expectClose(r.kl, new Array(P).fill(0), 0, 1e-14, `${opts.replacement} n=1 KL`);
    }
  });

  it('selects the top response at n = K without replacement (the mean of a tied top block)', () => {
    const gold = [1, 9, 4, 6, 2];
    expect(bonExact(onePool(gold, [0.1, 0.7, 0.3, 0.2, 0.5]), [5], { replacement: 'without' }).gold[0]).toBe(9);
    const tied = bonExact(onePool(gold, [0.1, 0.7, 0.3, 0.7, 0.5]), [5], { replacement: 'without' });
    expect(tied.gold[0]).toBeCloseTo(7.5, 14);
    // KL of best-of-5 from a π0 with an atom of mass 2/5 at the top, continuous below (F = 0.6):
    // P·log(P/m) for the atom (P = 1 − 0.6⁵) plus the continuous part up to 0.6, H(0.6)
    const P = 1 - 0.6 ** 5;
    const H = 0.6 ** 5 * (Math.log(5) + 4 * Math.log(0.6) - 0.8);
    expect(tied.kl[0]).toBeCloseTo(P * Math.log(P / 0.4) + H, 14);
  });

  it('goes to the top block as n grows with replacement', () => {
    const r = bonExact(onePool([1, 9, 4, 6], [0.1, 0.7, 0.3, 0.7]), [1e9], { replacement: 'with' });
    expect(r.gold[0]).toBe(7.5);
    expect(r.proxy[0]).toBe(0.7);
  });

  it('is invariant to permuting the responses inside each pool', () => {
    const u = lcg(77);
    const perm = { offsets: pools.offsets, gold: [...pools.gold], proxy: [...pools.proxy], logPi0: [...pools.logPi0] };
    for (let p = 0; p + 1 < pools.offsets.length; p++) {
      for (let i = pools.offsets[p + 1] - 1; i > pools.offsets[p]; i--) {
        const j = pools.offsets[p] + Math.floor(u() * (i - pools.offsets[p] + 1));
        for (const a of [perm.gold, perm.proxy, perm.logPi0]) [a[i], a[j]] = [a[j], a[i]];
      }
    }
    for (const [opts, optsPerm] of [
      [{ replacement: 'without' as const }, { replacement: 'without' as const }],
      [
        { replacement: 'with' as const, logPi0: pools.logPi0 },
        { replacement: 'with' as const, logPi0: perm.logPi0 },
      ],
    ] as const) {
      const a = bonExact(pools, [1, 2, 5], opts);
      const b = bonExact(perm, [1, 2, 5], optsPerm);
      expectClose(b.gold, a.gold, 1e-12, 1e-13, 'permuted gold');
      expectClose(b.proxy, a.proxy, 1e-12, 1e-13, 'permuted proxy');
      expectClose(b.kl, a.kl, 1e-11, 1e-13, 'permuted KL');
    }
  });

  it('is invariant to a strictly increasing transform of the proxy (gold and KL; proxy maps through)', () => {
    const t = { ...pools, proxy: pools.proxy.map((x) => Math.exp(x / 3) * 2 - 5) };
    for (const replacement of ['without', 'with'] as const) {
      const a = bonExact(pools, [1, 3, 5], { replacement });
      const b = bonExact(t, [1, 3, 5], { replacement });
      expectClose(b.gold, a.gold, 1e-12, 1e-13, `${replacement} transformed gold`);
      expectClose(b.kl, a.kl, 1e-11, 1e-13, `${replacement} transformed KL`);
      const lin = { ...pools, proxy: pools.proxy.map((x) => 3 * x + 1) };
      const c = bonExact(lin, [1, 3, 5], { replacement });
      expectClose(
        c.proxy,
        Array.from(a.proxy, (x) => 3 * x + 1),
        1e-12,
        1e-12,
        `${replacement} linear proxy`,
      );
    }
  });

  it('handles K = 1, all-tied pools, no prompts and an empty grid', () => {
    const one = bonExact(onePool([3], [1]), [1], { replacement: 'without' });
    expect([one.gold[0], one.proxy[0], one.kl[0]]).toEqual([3, 1, 0]);
    const oneWith = bonExact(onePool([3], [1]), [1, 7, 100000], { replacement: 'with', logPi0: [-4] });
    expect(Array.from(oneWith.gold)).toEqual([3, 3, 3]);
    expect(Array.from(oneWith.kl)).toEqual([0, 0, 0]);
    const tied = bonExact(onePool([1, 2, 6], [5, 5, 5]), [1, 2, 3], { replacement: 'without' });
    expectClose(tied.gold, [3, 3, 3], 1e-15, 0, 'all tied gold');
    expectClose(tied.kl, [0, 0, 0], 0, 1e-15, 'all tied KL');
    const none = bonExact({ offsets: [0], gold: [], proxy: [] }, [1, 2], { replacement: 'with' });
    expect(none.gold.length).toBe(0);
    expect(Number.isNaN(none.meanGold[0])).toBe(true);
    expect(bonExact(pools, [], { replacement: 'with' }).gold.length).toBe(0);
  });

  it('keeps tiny π0 masses finite (log π0 spread over 1400 nats)', () => {
    const r = bonExact(onePool([1, 2, 3, 4], [0, 1, 2, 3]), [1, 2, 50], {
      replacement: 'with',
      logPi0: [0, -700, -1400, -20],
    });
    for (const x of [...r.gold, ...r.proxy, ...r.kl]) expect(Number.isFinite(x)).toBe(true);
    const ref = bonExactRef(onePool([1, 2, 3, 4], [0, 1, 2, 3]), [1, 2, 50], { replacement: 'with', logPi0: [0, -700, -1400, -20] });
    expectClose(r.gold, ref.gold, 1e-12, 1e-14, 'tiny-mass gold');
  });

  it('uses resident wasm buffers in place, giving the same result as arrays', () => {
    const a = bonExact(pools, [2, 4], { replacement: 'with', logPi0: pools.logPi0 });
    const b = scoped(() =>
      bonExact({ offsets: putI32(pools.offsets), gold: putF64(pools.gold), proxy: putF64(pools.proxy) }, [2, 4], {
        replacement: 'with',
        logPi0: putF64(pools.logPi0),
      }),
    );
    expect(Array.from(b.gold)).toEqual(Array.from(a.gold));
    expect(Array.from(b.kl)).toEqual(Array.from(a.kl));
  });
});

describe('bonExact on Gaussian gold and proxy (closed forms)', () => {
  const rho = 0.6;
  const sigmaG = 2;
  const sigmaP = 3;
  const P = 400;
  const K = 1000;
  const z = normal(Stream.from(2026, 'bon-test', 'gaussian'), 2 * P * K);
  const gold: number[] = [];
  const proxy: number[] = [];
  for (let i = 0; i < P * K; i++) {
    gold.push(sigmaG * z[2 * i]);
    proxy.push(sigmaP * (rho * z[2 * i] + Math.sqrt(1 - rho * rho) * z[2 * i + 1]));
  }
  const offsets = Array.from({ length: P + 1 }, (_, p) => p * K);
  const pools = { offsets, gold, proxy };
  const { ns, values: emax } = fixture.emax;

  it('gains ρ·σ_g·E[max of n standard normals] in gold without replacement (unbiased), within 4 SE over prompts', () => {
    const r = bonExact(pools, ns, { replacement: 'without' });
    ns.forEach((n, j) => {
      for (const [x, scale, name] of [
        [r.gold, rho * sigmaG, 'gold'],
        [r.proxy, sigmaP, 'proxy'],
      ] as const) {
        let s = 0;
        let s2 = 0;
        for (let p = 0; p < P; p++) {
          s += x[p * ns.length + j];
          s2 += x[p * ns.length + j] ** 2;
        }
        const mean = s / P;
        const se = Math.sqrt((s2 / P - mean * mean) / (P - 1));
        const exp = scale * emax[j];
        expect(Math.abs(mean - exp) <= 4 * se, `n=${n} ${name}: expected ${exp}, mean ${mean}, tolerance 4·SE = ${4 * se}`).toBe(true);
        expect(mean).toBeCloseTo(r[name === 'gold' ? 'meanGold' : 'meanProxy'][j], 12);
      }
    });
  });

  it('keeps KL with replacement at or under log n − (n−1)/n, reaching it for untied pools as K grows', () => {
    const r = bonExact(pools, ns, { replacement: 'with' });
    ns.forEach((n, j) => {
      for (let p = 0; p < P; p++) expect(r.kl[p * ns.length + j]).toBeLessThanOrEqual(bonKLBound(n) + 1e-12);
    });
    const Kbig = 100000;
    const u = lcg(4);
    const big = onePool(
      Array.from({ length: Kbig }, () => u()),
      Array.from({ length: Kbig }, () => u()),
    );
    const grid = [2, 16, 256];
    const rb = bonExact(big, grid, { replacement: 'with' });
    grid.forEach((n, j) => {
      const gap = bonKLBound(n) - rb.kl[j];
      // the gap shrinks like (n/K)^2
      expect(gap >= -1e-12 && gap <= (n / Kbig) ** 2, `n=${n}: bound ${bonKLBound(n)}, KL ${rb.kl[j]}, gap ${gap}`).toBe(true);
    });
  });

  it('keeps KL under the bound for random non-uniform π0 and ties', () => {
    const rp = randomPools(21, 50, 2, 30, 5);
    const grid = [1, 2, 3, 10, 100];
    const r = bonExact(rp, grid, { replacement: 'with', logPi0: rp.logPi0 });
    grid.forEach((n, j) => {
      for (let p = 0; p < 50; p++) expect(r.kl[p * grid.length + j]).toBeLessThanOrEqual(bonKLBound(n) + 1e-12);
    });
  });
});

describe('bonExact without replacement: the KL of best-of-n from π0, not from the pool', () => {
  it('is exactly log n − (n−1)/n for an untied pool of any size (the pool-level value was log K at n = K)', () => {
    for (const K of [2, 64, 1000]) {
      const u = lcg(K);
      const r = bonExact(
        onePool(
          Array.from({ length: K }, () => u()),
          Array.from({ length: K }, () => u()),
        ),
        [1, 2, K],
        { replacement: 'without' },
      );
      [1, 2, K].forEach((n, j) => expectClose([r.kl[j]], [bonKLBound(n)], 1e-14, 1e-15, `K = ${K}, n = ${n}`));
    }
  });

  it('stays within the bound with ties and approaches the true KL of a discrete π0 as the pool grows', () => {
    // π0's proxy has three atoms of mass ⅓ (a proxy that rates responses 0, 1 or 2): best-of-n
    // picks atom a with P_a = (a/3)^n − ((a−1)/3)^n, so KL = Σ P_a·log(3·P_a)
    const n = 8;
    let truth = 0;
    for (let a = 1; a <= 3; a++) {
      const Pa = (a / 3) ** n - ((a - 1) / 3) ** n;
      truth += Pa * Math.log(3 * Pa);
    }
    const errors = [30, 300, 30000].map((K) => {
      const u = lcg(7 + K);
      const pools = 20;
      const gold = Array.from({ length: pools * K }, () => u());
      const proxy = Array.from({ length: pools * K }, () => Math.floor(u() * 3));
      const offsets = Array.from({ length: pools + 1 }, (_, p) => p * K);
      const r = bonExact({ offsets, gold, proxy }, [n], { replacement: 'without' });
      for (const v of r.kl) expect(v).toBeLessThanOrEqual(bonKLBound(n) + 1e-12);
      return Math.abs(r.meanKL[0] - truth);
    });
    // the pool's atom masses are binomial estimates of ⅓: the error shrinks like 1/√K
    expect(errors[2]).toBeLessThan(0.02);
    expect(errors[2]).toBeLessThan(errors[0]);
  });
});

describe('bonKLBound', () => {
  it('is log n − (n−1)/n: 0 at n = 1, log 2 − ½ at n = 2', () => {
    expect(bonKLBound(1)).toBe(0);
    expect(bonKLBound(2)).toBeCloseTo(Math.log(2) - 0.5, 15);
    expect(() => bonKLBound(0)).toThrow(/n:/);
    expect(() => bonKLBound(NaN)).toThrow(RmsimError);
  });
});

describe('bonMonteCarlo', () => {
  const pools = randomPools(8, 40, 3, 25, 6);
  const P = pools.offsets.length - 1;

  it('draws exactly as the TypeScript reference (bit for bit) and advances the stream the same way', () => {
    const s1 = Stream.from(7, 'bon-mc');
    const s2 = Stream.from(7, 'bon-mc');
    const a = bonMonteCarlo(pools, [1, 4, 33], 50, s1);
    const b = bonMonteCarloRef(pools, [1, 4, 33], 50, s2);
    expect(Array.from(a.goldMean)).toEqual(Array.from(b.goldMean));
    expect(Array.from(a.goldSE)).toEqual(Array.from(b.goldSE));
    expect(Array.from(a.proxyMean)).toEqual(Array.from(b.proxyMean));
    expect(Array.from(a.proxySE)).toEqual(Array.from(b.proxySE));
    expect(Array.from(s1.state)).toEqual(Array.from(s2.state));
  });

  it('agrees with the exact with-replacement result within a few standard errors (ties: first drawn)', () => {
    const ns = [1, 3, 10];
    const mc = bonMonteCarlo(pools, ns, 4000, Stream.from(11, 'bon-mc-vs-exact'));
    const ex = bonExact(pools, ns, { replacement: 'with' });
    let z2 = 0;
    let count = 0;
    for (let i = 0; i < P * ns.length; i++) {
      for (const [m, se, e, name] of [
        [mc.goldMean[i], mc.goldSE[i], ex.gold[i], 'gold'],
        [mc.proxyMean[i], mc.proxySE[i], ex.proxy[i], 'proxy'],
      ] as const) {
        if (se === 0) {
          // every trial gave the same value, so other outcomes have probability ≲ 5/trials;
          // gold and proxy span at most 5 (integers in [−2, 2] and [0, 6))
          const tol = (5 * 5) / 4000;
          expect(Math.abs(m - e) <= tol, `${name}[${i}] with zero spread: exact ${e}, MC ${m}, tolerance ${tol}`).toBe(true);
          continue;
        }
        const z = (m - e) / se;
        z2 += z * z;
        count++;
        expect(Math.abs(z) <= 4.5, `${name}[${i}]: exact ${e}, MC ${m} ± ${se}, tolerance 4.5 SE`).toBe(true);
      }
    }
    // the standardized errors should look standard normal: mean z² ≈ 1 (sd √(2/count))
    const meanZ2 = z2 / count;
    expect(Math.abs(meanZ2 - 1) <= 4 * Math.sqrt(2 / count), `mean z² = ${meanZ2} over ${count}`).toBe(true);
    // the means over prompts agree too
    ns.forEach((n, j) => {
      const tol = 4 * mc.meanGoldSE[j];
      expect(Math.abs(mc.meanGold[j] - ex.meanGold[j]) <= tol, `n=${n}: ${mc.meanGold[j]} vs ${ex.meanGold[j]} ± ${tol}`).toBe(true);
    });
  });

  it('returns the only response of a pool of one with zero standard error', () => {
    const r = bonMonteCarlo(onePool([2.5], [1]), [1, 1000], 3, Stream.from(1, 'one'));
    expect(Array.from(r.goldMean)).toEqual([2.5, 2.5]);
    expect(Array.from(r.goldSE)).toEqual([0, 0]);
  });

  it('handles n = 1e5 draws per trial', () => {
    const r = bonMonteCarlo(onePool([1, 2, 3, 4], [4, 3, 2, 1]), [100000], 2, Stream.from(1, 'big-n'));
    expect(r.goldMean[0]).toBe(1);
    expect(r.proxyMean[0]).toBe(4);
  });
});

describe('bad input is rejected with an RmsimError naming the argument', () => {
  const good = { offsets: [0, 2, 5], gold: [1, 2, 3, 4, 5], proxy: [1, 2, 3, 4, 5] };
  const W = { replacement: 'without' as const };
  const cases: [string, () => unknown, RegExp][] = [
    ['NaN gold', () => bonExact({ ...good, gold: [1, NaN, 3, 4, 5] }, [1], W), /^gold: element 1 is NaN/],
    ['Inf proxy', () => bonExact({ ...good, proxy: [1, 2, Infinity, 4, 5] }, [1], W), /^proxy: element 2 is Infinity/],
    ['NaN logPi0', () => bonExact(good, [1], { replacement: 'with', logPi0: [0, 0, NaN, 0, 0] }), /^logPi0: element 2/],
    ['proxy length', () => bonExact({ ...good, proxy: [1, 2] }, [1], W), /^proxy: has length 2/],
    ['offsets not from 0', () => bonExact({ ...good, offsets: [1, 2, 5] }, [1], W), /^offsets: offsets\[0\] must be 0, got 1/],
    [
      'offsets not adding up',
      () => bonExact({ ...good, offsets: [0, 2, 4] }, [1], W),
      /^offsets: last entry 4 must equal the number of responses 5/,
    ],
    ['empty pool', () => bonExact({ ...good, offsets: [0, 2, 2, 5] }, [1], W), /^offsets: group 1 has 0 responses/],
    ['decreasing offsets', () => bonExact({ ...good, offsets: [0, 3, 2, 5] }, [1], W), /^offsets: must be nondecreasing/],
    ['no offsets', () => bonExact({ ...good, offsets: [] }, [1], W), /^offsets: must have G \+ 1 ≥ 1 entries/],
    ['fractional offsets', () => bonExact({ ...good, offsets: [0, 2.5, 5] }, [1], W), /^offsets: offsets\[1\] = 2.5 is not an int32/],
    ['n > K', () => bonExact(good, [1, 3], W), /^ns: n = 3 exceeds pool 0's size K = 2/],
    ['n = 0', () => bonExact(good, [0], { replacement: 'with' }), /^ns: element 0 is 0/],
    ['fractional n', () => bonExact(good, [1.5], { replacement: 'with' }), /^ns: element 0 is 1.5/],
    ['NaN n', () => bonMonteCarlo(good, [NaN], 10, Stream.from(1)), /^ns: element 0 is NaN/],
    [
      'logPi0 without replacement',
      () => bonExact(good, [1], { replacement: 'without', logPi0: [0, 0, 0, 0, 0] }),
      /^logPi0: best-of-n without replacement/,
    ],
    ['logPi0 length', () => bonExact(good, [1], { replacement: 'with', logPi0: [0] }), /^logPi0: has length 1/],
    ['bad replacement', () => bonExact(good, [1], { replacement: 'maybe' as 'with' }), /^replacement: must be/],
    ['one trial', () => bonMonteCarlo(good, [1], 1, Stream.from(1)), /^trials: must be an integer ≥ 2/],
    ['NaN gold (Monte Carlo)', () => bonMonteCarlo({ ...good, gold: [NaN, 2, 3, 4, 5] }, [1], 10, Stream.from(1)), /^gold: element 0/],
    ['offsets not adding up (Monte Carlo)', () => bonMonteCarlo({ ...good, offsets: [0, 5, 6] }, [1], 10, Stream.from(1)), /^offsets:/],
  ];
  it.each(cases)('%s', (_, fn, msg) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RmsimError);
    expect((err as RmsimError).code).toBe('INVALID_ARGUMENT');
    expect((err as RmsimError).message).toMatch(msg);
  });
});

describe('bonExact with a shared proxy order', () => {
  it('gives the same bytes as sorting inside, for both estimators, and refuses an order of other buffers', () => {
    const p = randomPools(17, 30, 2, 40, 5); // ties included
    scoped(() => {
      const offsets = putI32(p.offsets);
      const gold = putF64(p.gold);
      const proxy = putF64(p.proxy);
      const order = argsortWithinGroups(proxy, offsets);
      const pools = { offsets, gold, proxy };
      for (const replacement of ['without', 'with'] as const) {
        const ns = replacement === 'without' ? [1, 2] : [1, 2, 7];
        const a = bonExact(pools, ns, { replacement });
        const b = bonExact(pools, ns, { replacement, order });
        expect(bytes(b.gold)).toEqual(bytes(a.gold));
        expect(bytes(b.kl)).toEqual(bytes(a.kl));
      }
      const other = putF64(p.proxy);
      expect(() => bonExact({ offsets, gold, proxy: other }, [1], { replacement: 'with', order })).toThrow(
        /^order: was not made by argsortWithinGroups/,
      );
      // an order not made by argsortWithinGroups, even over the right buffers, is refused
      const forged = new GroupOrder(proxy, offsets, putI32(new Array(p.proxy.length).fill(0)));
      expect(() => bonExact(pools, [1], { replacement: 'with', order: forged })).toThrow(/^order: was not made by argsortWithinGroups/);
      // and one whose keys were rewritten since no longer sorts them
      proxy.view().set(p.proxy.map((v) => -v));
      expect(() => bonExact(pools, [1], { replacement: 'with', order })).toThrow(/^order: no longer sorts group/);
    });
  });
});
