import { describe, expect, it } from 'vitest';
import { tiltAtKL, tiltBetaGrid, tiltSweep } from '../../src/core/tilt.js';
import { tiltSweepRef } from '../../src/core/tilt.ref.js';
import { RmsimError } from '../../src/errors.js';
import fixtures from '../fixtures/tilt.json' with { type: 'json' };

/** Deterministic normals for tests: mulberry32 + Box–Muller (fixed seed, no global state). */
function normals(seed: number, n: number): Float64Array {
  let s = seed >>> 0;
  const u = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const a = 2 * Math.PI * u();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

function close(what: string, got: ArrayLike<number>, want: ArrayLike<number>, abs: number, rel: number): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const tol = abs + rel * Math.abs(want[i]);
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      expect.fail(`${what}[${i}]: got ${got[i]}, expected ${want[i]}, |diff| ${Math.abs(got[i] - want[i])} > tol ${tol}`);
    }
  }
}

function randomPools(seed: number, sizes: number[], withPi0: boolean) {
  const offsets = [0];
  for (const k of sizes) offsets.push(offsets[offsets.length - 1] + k);
  const n = offsets[offsets.length - 1];
  const z = normals(seed, 3 * n);
  const proxy = Array.from({ length: n }, (_, i) => z[i]);
  const gold = Array.from({ length: n }, (_, i) => 0.6 * z[i] + 0.8 * z[n + i]);
  const logPi0 = withPi0 ? Array.from({ length: n }, (_, i) => 2 * z[2 * n + i] - 7) : undefined;
  return { offsets, proxy, gold, logPi0 };
}

/** Deterministic uniforms in (0, 1): the same mulberry32 stream as `normals`. */
function uniforms(seed: number, n: number): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }
  return out;
}

/**
 * Pools that are hard for tiltAtKL: sizes 2 … 200, per-prompt proxy scales spread over
 * 10^±spread around `scale`, offsets N(0, 10²), errors with Pareto tails of index ν
 * (normal / U^{1/ν}), a tied top in every 7th prompt, and optionally a rough log π0.
 */
function heavyPools(seed: number, P: number, o: { scale: number; spread: number; nu: number; withPi0: boolean }) {
  const u = uniforms(seed, 4 * P + 40000);
  const z = normals(seed + 1, 3 * 40000);
  let iu = 0;
  let iz = 0;
  const offsets = [0];
  const proxy: number[] = [];
  const gold: number[] = [];
  const logPi0: number[] = [];
  for (let p = 0; p < P; p++) {
    const K = 2 + Math.floor(u[iu++] ** 2 * 199);
    const sc = o.scale * 10 ** (o.spread * (2 * u[iu++] - 1));
    const off = 10 * z[iz++];
    const start = proxy.length;
    for (let i = 0; i < K; i++) {
      const g = z[iz++];
      gold.push(g);
      proxy.push(off + sc * (g + z[iz++] / u[iu++] ** (1 / o.nu)));
      logPi0.push(3 * z[iz++]);
    }
    if (p % 7 === 0) {
      const top = Math.max(...proxy.slice(start));
      proxy[start] = top;
      proxy[start + 1] = top;
    }
    offsets.push(proxy.length);
  }
  return { offsets, proxy, gold, logPi0: o.withPi0 ? logPi0 : undefined };
}

const BETAS = tiltBetaGrid(1e-4, 1e4, 33);

describe('tiltSweep against scipy (softmax, logsumexp, rel_entr) on small pools', () => {
  for (const c of fixtures.cases) {
    it(`matches scipy: ${c.name}`, () => {
      const pools = { offsets: c.offsets, proxy: c.proxy, gold: c.gold, logPi0: c.logPi0 ?? undefined };
      for (const simd of [true, false]) {
        const r = tiltSweep(pools, fixtures.betas, { simd });
        const scale = Math.max(...c.proxy.map(Math.abs), 1);
        close(`${c.name} gold (simd ${simd})`, r.gold, c.gold_beta.flat(), 1e-13, 1e-12);
        close(`${c.name} proxy (simd ${simd})`, r.proxy, c.proxy_beta.flat(), 1e-13 * scale, 1e-12);
        // scipy's Σ rel_entr carries ~1e-16·log K absolute rounding; at β = 1e-4 and proxy
        // scale 1e3 the exponents are ~1e7, where one ulp of r̂/β is ~1e-9.
        close(`${c.name} KL (simd ${simd})`, r.kl, c.kl.flat(), 2e-14 * scale, 1e-10);
        close(`${c.name} maxKL`, r.maxKL, c.maxKL, 1e-15, 1e-14);
      }
    });
  }

  it('computes KL to ~1e-7 relative even at β = 1e4 where KL ~ 1e-9 (50-digit decimal reference)', () => {
    for (const c of fixtures.precise) {
      const K = c.proxy.length;
      const r = tiltSweep({ offsets: [0, K], proxy: c.proxy, gold: c.proxy, logPi0: c.logPi0 ?? undefined }, [c.beta]);
      close(`KL K=${K} β=${c.beta} π0=${c.logPi0 ? 'given' : 'uniform'}`, r.kl, [c.kl], 1e-17, 2e-7);
    }
  });
});

describe('tiltSweep against the TypeScript reference', () => {
  const sizes = Array.from({ length: 40 }, (_, i) => 1 + ((i * 37) % 301));
  for (const withPi0 of [false, true]) {
    it(`agrees on random pools of sizes 1..301 (${withPi0 ? 'non-uniform' : 'uniform'} π0), SIMD and scalar`, () => {
      const pools = randomPools(withPi0 ? 11 : 7, sizes, withPi0);
      const ref = tiltSweepRef(pools.offsets, pools.proxy as number[], pools.gold as number[], BETAS, pools.logPi0 as number[] | undefined);
      for (const simd of [true, false]) {
        const r = tiltSweep(pools, BETAS, { simd });
        close('gold', r.gold, ref.gold, 1e-13, 1e-12);
        close('proxy', r.proxy, ref.proxy, 1e-13, 1e-12);
        close('KL', r.kl, ref.kl, 1e-13, 1e-9);
        close('meanGold', r.meanGold, ref.meanGold, 1e-13, 1e-12);
        close('meanKL', r.meanKL, ref.meanKL, 1e-13, 1e-9);
        close('baseGold', r.baseGold, ref.baseGold, 1e-14, 1e-13);
        close('baseProxy', r.baseProxy, ref.baseProxy, 1e-14, 1e-13);
        close('maxKL', r.maxKL, ref.maxKL, 1e-14, 1e-13);
      }
    });
  }

  it('SIMD and scalar twins agree to summation-order rounding', () => {
    const pools = randomPools(3, [1000, 999, 2, 1, 513], true);
    const a = tiltSweep(pools, BETAS, { simd: true });
    const b = tiltSweep(pools, BETAS, { simd: false });
    close('gold', a.gold, b.gold, 1e-14, 1e-13);
    close('KL', a.kl, b.kl, 1e-15, 1e-10);
  });

  it('agrees on adversarial pools: heavy ties, proxy scale 1e4, π0 spanning 600 nats', () => {
    const n = 600;
    const z = normals(5, 2 * n);
    const proxy = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Math.round(z[i]) : z[i] * 1e4));
    const gold = Array.from({ length: n }, (_, i) => z[n + i]);
    const logPi0 = Array.from({ length: n }, (_, i) => -((i * 7919) % 600));
    const offsets = [0, 100, 101, 300, 600];
    const ref = tiltSweepRef(offsets, proxy, gold, BETAS, logPi0);
    const r = tiltSweep({ offsets, proxy, gold, logPi0 }, BETAS);
    close('gold', r.gold, ref.gold, 1e-12, 1e-12);
    close('proxy', r.proxy, ref.proxy, 1e-8, 1e-12);
    close('KL', r.kl, ref.kl, 1e-11, 1e-9);
  });
});

describe('tiltSweep edge cases and invariances', () => {
  it('gives KL 0 and the response itself for a pool of one (K = 1), at every β', () => {
    const r = tiltSweep({ offsets: [0, 1], proxy: [3.5], gold: [-2] }, BETAS);
    expect(Array.from(r.kl)).toEqual(Array.from(BETAS, () => 0));
    expect(Array.from(r.gold)).toEqual(Array.from(BETAS, () => -2));
    expect(Array.from(r.maxKL)).toEqual([0]);
  });

  it('gives KL exactly 0 and the π0 mean for a constant proxy', () => {
    const gold = [0.1, 0.2, 0.7, -1, 4];
    const r = tiltSweep({ offsets: [0, 5], proxy: [0.3, 0.3, 0.3, 0.3, 0.3], gold }, BETAS);
    expect(Array.from(r.kl)).toEqual(Array.from(BETAS, () => 0));
    close(
      'gold',
      r.gold,
      Array.from(BETAS, () => 0.8),
      1e-15,
      1e-15,
    );
  });

  it('shares the mass of a tied argmax equally as β → 0 and weights it by π0', () => {
    const pools = { offsets: [0, 4], proxy: [1, 2, 2, 0], gold: [10, 1, 3, 10] };
    const r = tiltSweep(pools, [1e-4]);
    expect(r.gold[0]).toBeCloseTo(2, 14);
    expect(r.kl[0]).toBeCloseTo(Math.log(2), 14);
    expect(r.maxKL[0]).toBeCloseTo(Math.log(2), 15);
    const w = tiltSweep({ ...pools, logPi0: [0, Math.log(3), 0, 0] }, [1e-4]);
    expect(w.gold[0]).toBeCloseTo((3 * 1 + 3) / 4, 14);
    expect(w.maxKL[0]).toBeCloseTo(-Math.log(4 / 6), 14);
  });

  it('approaches the π0 mean with KL → 0 at β = 1e4 and the argmax at β = 1e-4', () => {
    const pools = randomPools(9, [500], false);
    const r = tiltSweep(pools, [1e-4, 1e4]);
    const g = pools.gold as number[];
    const p = pools.proxy as number[];
    const arg = p.indexOf(Math.max(...p));
    expect(r.gold[0]).toBe(g[arg]);
    expect(r.kl[0]).toBeCloseTo(Math.log(500), 12);
    expect(Math.abs(r.gold[1] - r.baseGold[0])).toBeLessThan(1e-3);
    expect(r.kl[1]).toBeLessThan(1e-7);
  });

  it('is invariant to permuting responses, shifting the proxy, and shifting log π0 per prompt', () => {
    const pools = randomPools(21, [50, 70], true);
    const base = tiltSweep(pools, BETAS);
    const perm = Array.from({ length: 120 }, (_, i) => (i < 50 ? 49 - i : 50 + (((i - 50) * 11) % 70)));
    const pick = (x: ArrayLike<number>) => perm.map((j) => x[j]);
    const permuted = tiltSweep(
      { offsets: pools.offsets, proxy: pick(pools.proxy), gold: pick(pools.gold), logPi0: pick(pools.logPi0!) },
      BETAS,
    );
    close('gold (permuted)', permuted.gold, base.gold, 1e-13, 1e-12);
    close('KL (permuted)', permuted.kl, base.kl, 1e-13, 1e-9);
    const shifted = tiltSweep(
      {
        offsets: pools.offsets,
        proxy: Array.from(pools.proxy, (v) => v + 5),
        gold: pools.gold,
        logPi0: Array.from(pools.logPi0!, (v, i) => v + (i < 50 ? 100 : -3)),
      },
      BETAS,
    );
    close('gold (shifted)', shifted.gold, base.gold, 1e-12, 1e-12);
    close(
      'proxy (shifted) − 5',
      Array.from(shifted.proxy, (v) => v - 5),
      base.proxy,
      1e-12,
      1e-12,
    );
    close('KL (shifted)', shifted.kl, base.kl, 1e-13, 1e-9);
  });

  it('gives a prompt-mean KL that is non-increasing in β over a fine grid', () => {
    const pools = randomPools(4, [300, 1, 40, 1000], true);
    const grid = tiltBetaGrid(1e-5, 1e5, 400);
    const kl = tiltSweep(pools, grid, { perPrompt: false }).meanKL;
    for (let j = 1; j < kl.length; j++) {
      if (kl[j] > kl[j - 1] * (1 + 1e-12)) expect.fail(`KL rises from ${kl[j - 1]} at β=${grid[j - 1]} to ${kl[j]} at β=${grid[j]}`);
    }
  });
});

describe('tilt on Gaussian pools: closed forms (docs/design.md)', () => {
  // proxy r̂ ~ N(0, σp²), gold g = ρ·σg·r̂/σp + σg·√(1−ρ²)·z, uniform π0. For an infinite pool,
  // exponential tilting of a Gaussian is exact: gain = ρσgσp/β, KL = σp²/(2β²). A pool of K
  // is a self-normalized importance sample of that: its bias is of relative order
  // (e^{σp²/β²} − 1)/K, allowed for besides 4 standard errors over prompts.
  const P = 400;
  const K = 2000;
  const rho = 0.6;
  const sp = 1.5;
  const sg = 2;
  const z = normals(2026, 2 * P * K);
  const proxy = new Float64Array(P * K);
  const gold = new Float64Array(P * K);
  for (let i = 0; i < P * K; i++) {
    proxy[i] = sp * z[i];
    gold[i] = sg * (rho * z[i] + Math.sqrt(1 - rho * rho) * z[P * K + i]);
  }
  const offsets = Array.from({ length: P + 1 }, (_, p) => p * K);
  const stats = (x: number[]) => {
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
    return { mean: m, se: Math.sqrt(v / x.length) };
  };

  it('gold gain ≈ ρσgσp/β and KL ≈ σp²/(2β²) for β ≥ σp', () => {
    const betas = [1.5, 3, 6, 12];
    const r = tiltSweep({ offsets, proxy, gold }, betas);
    betas.forEach((beta, b) => {
      const gains = Array.from({ length: P }, (_, p) => r.gold[p * betas.length + b] - r.baseGold[p]);
      const kls = Array.from({ length: P }, (_, p) => r.kl[p * betas.length + b]);
      const bias = (Math.exp((sp * sp) / (beta * beta)) - 1) / K;
      const g = stats(gains);
      const gWant = (rho * sg * sp) / beta;
      expect(Math.abs(g.mean - gWant), `gain at β=${beta}: ${g.mean} vs ${gWant} ± ${g.se}`).toBeLessThan(4 * g.se + bias * gWant);
      const k = stats(kls);
      const kWant = (sp * sp) / (2 * beta * beta);
      expect(Math.abs(k.mean - kWant), `KL at β=${beta}: ${k.mean} vs ${kWant} ± ${k.se}`).toBeLessThan(4 * k.se + 2 * bias * kWant);
    });
  });

  it('at matched KL, NDR_tilt = gain(proxy)/gain(gold) ≈ ρ', () => {
    const targets = [0.02, 0.1, 0.3];
    const withProxy = tiltAtKL({ offsets, proxy, gold }, targets);
    const withGold = tiltAtKL({ offsets, proxy: gold, gold }, targets);
    targets.forEach((kappa, t) => {
      // standard errors of the two gains from per-prompt values at the β found
      const a = tiltSweep({ offsets, proxy, gold }, [withProxy.beta[t]]);
      const b = tiltSweep({ offsets, proxy: gold, gold }, [withGold.beta[t]]);
      const ga = stats(Array.from({ length: P }, (_, p) => a.gold[p] - a.baseGold[p]));
      const gb = stats(Array.from({ length: P }, (_, p) => b.gold[p] - b.baseGold[p]));
      const ndr = ga.mean / gb.mean;
      const se = Math.sqrt(ga.se ** 2 + (ndr * gb.se) ** 2) / gb.mean;
      expect(Math.abs(ga.mean - (withProxy.gold[t] - withProxy.baseGold))).toBeLessThan(1e-12);
      expect(Math.abs(ndr - rho), `NDR at KL ${kappa}: ${ndr} vs ρ=${rho} ± ${se}`).toBeLessThan(4 * se);
      expect(gb.mean, `gold-tilt gain at KL ${kappa} vs σg√(2κ)`).toBeCloseTo(sg * Math.sqrt(2 * kappa), 1);
    });
  });
});

describe('tiltAtKL', () => {
  const pools = randomPools(
    77,
    Array.from({ length: 60 }, (_, i) => 50 + i * 10),
    false,
  );

  it('finds β whose prompt-mean KL matches each target to 1e-9 relative with ≤ 3 refinement calls', () => {
    const targets = [1e-6, 0.001, 0.05, 0.5, 2, 4];
    const r = tiltAtKL(pools, targets);
    expect(r.evaluations).toBeLessThanOrEqual(4);
    const check = tiltSweep(pools, r.beta, { perPrompt: false });
    targets.forEach((kappa, t) => {
      expect(r.relError[t], `target ${kappa}: KL ${r.kl[t]} at β ${r.beta[t]}`).toBeLessThan(1e-9);
      expect(Math.abs(check.meanKL[t] - r.kl[t])).toBeLessThanOrEqual(1e-15 * r.kl[t]);
      expect(check.meanGold[t]).toBe(r.gold[t]);
      expect(check.meanProxy[t]).toBe(r.proxy[t]);
    });
  });

  it('extends past the grid for targets the grid does not bracket', () => {
    const r = tiltAtKL(pools, [1e-14]);
    expect(r.beta[0]).toBeGreaterThan(1e4);
    expect(r.relError[0]).toBeLessThan(1e-8);
    const near = tiltAtKL(pools, [r.maxKL * (1 - 1e-9)], { grid: { min: 0.01, max: 100, points: 20 } });
    expect(near.beta[0]).toBeLessThan(0.01);
    expect(near.relError[0]).toBeLessThan(1e-9);
  });

  // Before the tolerance fix the refinement stopped after a fixed three secant steps, so relError
  // stalled at 1e-9 … 1e-2 on pools like these (4.8e-9 on the paper study); now each target is
  // refined until it meets the tolerance.
  const hard: [string, { scale: number; spread: number; nu: number; withPi0: boolean }][] = [
    ['Cauchy-like tails, scales over four decades', { scale: 1, spread: 2, nu: 1.1, withPi0: false }],
    ['t-like tails, scales over six decades, log π0', { scale: 1, spread: 3, nu: 1.5, withPi0: true }],
    ['small rewards (scale 1e-3), ν = 3', { scale: 1e-3, spread: 1, nu: 3, withPi0: false }],
    ['large rewards (scale 1e3), ν = 1.3, log π0', { scale: 1e3, spread: 2, nu: 1.3, withPi0: true }],
  ];
  hard.forEach(([name, o], c) => {
    it(`meets the default tolerance 1e-10 for every target on heavy-tailed pools: ${name}`, () => {
      const p = heavyPools(500 + c, 150, o);
      const maxKL = tiltSweep(p, [1], { perPrompt: false }).meanMaxKL;
      const targets = [1e-9, 1e-6, 1e-3, 0.05, 0.5, 1, 2, 0.5 * maxKL, 0.9 * maxKL, maxKL * (1 - 1e-6)].filter((k) => k < maxKL);
      const r = tiltAtKL(p, targets);
      const worst = r.relError.reduce((a, e, t) => (e > r.relError[a] ? t : a), 0);
      expect(
        r.relError[worst],
        `max relError ${r.relError[worst]} at target ${targets[worst]} (β ${r.beta[worst]}, KL ${r.kl[worst]}); all: ${Array.from(r.relError, (e) => e.toExponential(1)).join(' ')}`,
      ).toBeLessThanOrEqual(1e-10);
      expect(r.evaluations).toBeLessThanOrEqual(16);
      const check = tiltSweep(p, r.beta, { perPrompt: false });
      targets.forEach((_, t) => {
        expect(check.meanKL[t]).toBe(r.kl[t]);
        expect(check.meanGold[t]).toBe(r.gold[t]);
      });
    });
  });

  it('refines to the f64 floor with tolerance 0, and stops at it for targets below ~1e-13', () => {
    const r = tiltAtKL(pools, [0.01, 1, 3], { tolerance: 0 });
    for (const e of r.relError) expect(e).toBeLessThan(1e-14);
    expect(r.evaluations).toBeLessThanOrEqual(12);
    // The near-π0 mean KL carries rounding noise ~1e-7 relative at KL 1e-20: the search reports it
    // rather than spending the whole refine budget.
    const tiny = tiltAtKL(pools, [1e-20]);
    expect(tiny.relError[0]).toBeLessThan(1e-6);
    expect(tiny.evaluations).toBeLessThanOrEqual(15);
  });

  it('makes at most `refine` refinement calls and reports the error reached', () => {
    const r = tiltAtKL(pools, [0.5, 2], { refine: 1 });
    expect(r.evaluations).toBe(2);
    for (const e of r.relError) {
      expect(e).toBeGreaterThan(0);
      expect(e).toBeLessThan(1e-1);
    }
  });

  it('rejects targets ≤ 0, NaN, or at/above the largest attainable KL, naming targetKLs', () => {
    expect(() => tiltAtKL(pools, [0.1, 0])).toThrow(/targetKLs: element 1 is 0/);
    expect(() => tiltAtKL(pools, [-1])).toThrow(RmsimError);
    expect(() => tiltAtKL(pools, [NaN])).toThrow(/targetKLs/);
    expect(() => tiltAtKL(pools, [100])).toThrow(/targetKLs: element 0 is 100; the largest attainable mean KL/);
    expect(() => tiltAtKL(pools, [])).toThrow(/targetKLs/);
    expect(() => tiltAtKL({ offsets: [0, 3], proxy: [1, 1, 1], gold: [0, 0, 0] }, [0.01])).toThrow(
      /largest attainable mean KL \(β → 0, argmax policy\) is 0/,
    );
  });
});

describe('tiltSweep input validation', () => {
  const ok = { offsets: [0, 2, 3], proxy: [1, 2, 3], gold: [0, 0, 1] };
  const cases: [string, () => unknown, RegExp][] = [
    ['β = 0', () => tiltSweep(ok, [1, 0]), /betas: element 1 is 0/],
    ['β < 0', () => tiltSweep(ok, [-1]), /betas: element 0 is -1/],
    ['β NaN', () => tiltSweep(ok, [NaN]), /betas: element 0 is NaN/],
    ['β Inf', () => tiltSweep(ok, [Infinity]), /betas/],
    ['no β', () => tiltSweep(ok, []), /betas: must not be empty/],
    ['NaN proxy', () => tiltSweep({ ...ok, proxy: [1, NaN, 3] }, [1]), /proxy: element 1 is NaN/],
    ['Inf gold', () => tiltSweep({ ...ok, gold: [0, Infinity, 3] }, [1]), /gold: element 1 is Infinity/],
    ['NaN logPi0', () => tiltSweep({ ...ok, logPi0: [0, 0, NaN] }, [1]), /logPi0: element 2 is NaN/],
    ['short logPi0', () => tiltSweep({ ...ok, logPi0: [0, 0] }, [1]), /logPi0: length 2/],
    ['short gold', () => tiltSweep({ ...ok, gold: [0, 0] }, [1]), /gold: length 2/],
    ['offsets not from 0', () => tiltSweep({ ...ok, offsets: [1, 3] }, [1]), /offsets: offsets\[0\] must be 0/],
    ['empty pool', () => tiltSweep({ ...ok, offsets: [0, 0, 3] }, [1]), /offsets: group 0 has 0 responses/],
    ['decreasing', () => tiltSweep({ ...ok, offsets: [0, 3, 2] }, [1]), /offsets: must be nondecreasing/],
    ['sum wrong', () => tiltSweep({ ...ok, offsets: [0, 2] }, [1]), /offsets: last entry 2 must equal the number of responses/],
    ['no prompts', () => tiltSweep({ ...ok, offsets: [0] }, [1]), /offsets: must have G \+ 1 ≥ 2 entries/],
    ['fractional offset', () => tiltSweep({ ...ok, offsets: [0, 1.5, 3] }, [1]), /offsets: offsets\[1\] = 1.5 is not an int32/],
  ];
  for (const [name, fn, msg] of cases) {
    it(`rejects ${name} with an RmsimError naming the argument`, () => {
      expect(fn).toThrow(RmsimError);
      expect(fn).toThrow(msg);
    });
  }
});
