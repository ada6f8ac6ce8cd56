import { describe, expect, it } from 'vitest';
import { checkGaussianTheory } from '../../src/analysis/gaussian-check.js';
import { bonKLBound } from '../../src/core/bon.js';

describe('checkGaussianTheory', () => {
  const c = checkGaussianTheory({ rho: Math.SQRT1_2, n: [1, 4, 64], kl: [0.5, 2, 8], seed: 3 });
  const within = (name: string, x: { z: number; theory: number; simulated: number; se: number }, zMax = 4) =>
    expect(Math.abs(x.z), `${name}: theory ${x.theory}, simulated ${x.simulated} ± ${x.se}`).toBeLessThan(zMax);

  it('simulates accuracy, Kendall τ and Spearman within a few standard errors of the closed forms', () => {
    expect(c.accuracy.theory).toBeCloseTo(0.75, 12);
    within('accuracy', c.accuracy);
    within('kendall', c.kendall);
    within('spearman', c.spearman);
  });

  it('simulates best-of-n gain ρ·E[max of n] and NDR = ρ for n > 1; n = 1 gains exactly nothing', () => {
    expect(c.bon[0].goldGain.simulated).toBeCloseTo(0, 12);
    for (const b of c.bon.slice(1)) {
      within(`bon@${b.n} gain`, b.goldGain);
      within(`bon@${b.n} NDR`, b.ndr);
    }
  });

  it('reports the exact pool KL of best-of-n, below the analytic bound and close to it', () => {
    for (const b of c.bon) {
      expect(b.kl.simulated).toBeLessThanOrEqual(bonKLBound(b.n) + 1e-12);
      expect(b.kl.simulated).toBeGreaterThan(bonKLBound(b.n) - 0.01);
    }
  });

  it('simulates tilt at matched KL, far into the tail: gain ρ·√(2·KL) and NDR = ρ', () => {
    expect(c.tilt.map((t) => t.kl)).toEqual([0.5, 2, 8]);
    expect(c.tiltSkipped).toEqual([]);
    for (const t of c.tilt) {
      within(`tilt@kl=${t.kl} gain`, t.goldGain);
      within(`tilt@kl=${t.kl} NDR`, t.ndr);
    }
  });
});

describe('checkGaussianTheory at extreme KL', () => {
  it('still matches the closed form at KL = 1e4 nats (importance-sampled pools)', () => {
    const c = checkGaussianTheory({ rho: 0.5, n: [2], kl: [1, 1e4], seed: 4 });
    expect(c.tilt.map((t) => t.kl)).toEqual([1, 1e4]);
    for (const t of c.tilt) expect(Math.abs(t.goldGain.z), `KL ${t.kl}: ${JSON.stringify(t.goldGain)}`).toBeLessThan(4);
  });
});
