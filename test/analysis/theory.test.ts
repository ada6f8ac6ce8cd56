import { describe, expect, it } from 'vitest';
import {
  accuracyFromRho,
  bonGoldGain,
  bonKLBound,
  erf,
  erfc,
  expectedMaxNormal,
  flippedAccuracy,
  kendallFromAccuracy,
  logNormalCdf,
  ndrTheory,
  normalCdf,
  normalPdf,
  rhoFromAccuracy,
  spearmanFromRho,
  theoryResidual,
  tiltBetaForKL,
  tiltGoldGain,
  tiltGoldGainAtKL,
  tiltKL,
  tiltProxyGain,
  unflippedAccuracy,
} from '../../src/analysis/theory.js';
import { RmsimError } from '../../src/errors.js';
import fx from '../fixtures/analysis.json' with { type: 'json' };

function close(actual: number, expected: number, tol: number, what: string): void {
  const ok = Math.abs(actual - expected) <= tol;
  expect(ok, `${what}: expected ${expected}, got ${actual}, |diff| ${Math.abs(actual - expected)} > tol ${tol}`).toBe(true);
}

describe('expectedMaxNormal', () => {
  it('matches scipy quad and 30-digit mpmath quadrature at n = 1, 2, 3, 16, 1000, 1e5', () => {
    for (const e of fx.expectedMax) {
      const v = expectedMaxNormal(e.n);
      close(v, e.mpmath, 1e-12, `E[max of ${e.n}] vs mpmath`);
      close(v, e.value, 1e-12 + e.quadError, `E[max of ${e.n}] vs scipy quad`);
    }
  });
  it('gives the closed forms E1 = 0, E2 = 1/sqrt(pi), E3 = 3/(2 sqrt(pi))', () => {
    close(expectedMaxNormal(1), 0, 1e-14, 'E1');
    close(expectedMaxNormal(2), 1 / Math.sqrt(Math.PI), 1e-14, 'E2');
    close(expectedMaxNormal(3), 3 / (2 * Math.sqrt(Math.PI)), 1e-14, 'E3');
  });
  it('increases with n, also for non-integer n', () => {
    let prev = -Infinity;
    for (const n of [1, 1.5, 2, 7, 64, 1e3, 1e6, 1e9]) {
      const v = expectedMaxNormal(n);
      expect(v, `n=${n}`).toBeGreaterThan(prev);
      prev = v;
    }
    // E[max of n] < sqrt(2 ln n) for n ≥ 2 (a classical bound)
    for (const n of [2, 16, 1e5, 1e9]) expect(expectedMaxNormal(n)).toBeLessThan(Math.sqrt(2 * Math.log(n)));
  });
  it('rejects n < 1, NaN and infinity, naming n', () => {
    for (const n of [0, 0.5, -1, NaN, Infinity]) expect(() => expectedMaxNormal(n)).toThrow(/^n: /);
    expect(() => expectedMaxNormal(0)).toThrow(RmsimError);
  });
});

describe('normal distribution functions', () => {
  it('erf, erfc, Φ and log Φ match 50-digit mpmath from x = −30 to 9', () => {
    for (const s of fx.special) {
      close(erf(s.x), s.erf, 4.5e-16, `erf(${s.x})`);
      // relative accuracy of erfc and Φ in the tails
      close(erfc(s.x) / s.erfc - 1, 0, Math.abs(s.x / Math.SQRT2) < 2 ? 2e-13 : 4e-15, `erfc(${s.x}) relative`);
      close(normalCdf(s.x) / s.ndtr - 1, 0, Math.abs(s.x) < 2 ? 1e-15 : 4e-15, `Φ(${s.x}) relative`);
      close(logNormalCdf(s.x), s.log_ndtr, 4e-15 * Math.max(1, Math.abs(s.log_ndtr)), `log Φ(${s.x})`);
    }
  });
  it('has the symmetries Φ(x) + Φ(−x) = 1, erf odd, and φ(0) = 1/sqrt(2π)', () => {
    for (const x of [0, 0.3, 1.9, 2, 2.1, 5]) {
      close(normalCdf(x) + normalCdf(-x), 1, 2e-16, `Φ(${x}) + Φ(−${x})`);
      expect(erf(-x) === -erf(x), `erf(−${x}) = −erf(${x})`).toBe(true);
    }
    expect(normalPdf(0)).toBe(1 / Math.sqrt(2 * Math.PI));
    expect(logNormalCdf(-50)).toBeLessThan(-1250); // no underflow to −Infinity
    expect(Number.isNaN(normalCdf(NaN))).toBe(true);
  });
});

describe('Gaussian closed forms', () => {
  it('accuracyFromRho and rhoFromAccuracy are inverse, with A(0) = ½, A(±1) = 1 and 0', () => {
    for (const rho of [-1, -0.7, 0, 0.2, 0.5, 0.93, 1]) close(rhoFromAccuracy(accuracyFromRho(rho)), rho, 1e-15, `rho ${rho}`);
    expect(accuracyFromRho(0)).toBe(0.5);
    expect(accuracyFromRho(1)).toBe(1);
    expect(accuracyFromRho(-1)).toBe(0);
    close(accuracyFromRho(0.5), 2 / 3, 1e-15, 'A(0.5) = 2/3 since arcsin(½) = π/6');
  });
  it('ndrTheory is sin(π(A − ½)) and the residual is ndr minus it', () => {
    close(ndrTheory(0.75), Math.SQRT1_2, 1e-15, 'NDR at A = 0.75');
    expect(ndrTheory(0.5)).toBe(0);
    close(theoryResidual(0.75, 0.8), 0.8 - Math.SQRT1_2, 1e-15, 'residual');
  });
  it('Kendall τ = 2A − 1 and Spearman = (6/π) arcsin(ρ/2), which is 1 at ρ = 1', () => {
    expect(kendallFromAccuracy(0.8)).toBeCloseTo(0.6, 15);
    close(spearmanFromRho(1), 1, 1e-15, 'Spearman at ρ = 1');
    expect(spearmanFromRho(0)).toBe(0);
    // Spearman is slightly below ρ in between
    expect(spearmanFromRho(0.5)).toBeLessThan(0.5);
    close(spearmanFromRho(0.5), (6 / Math.PI) * Math.asin(0.25), 0, 'formula');
  });
  it('flipped labels give ε + (1 − 2ε)A, and unflipping inverts it', () => {
    close(flippedAccuracy(0.8, 0.1), 0.1 + 0.8 * 0.8, 1e-15, 'flip 0.1');
    expect(flippedAccuracy(0.9, 0.5)).toBe(0.5);
    expect(flippedAccuracy(0.73, 0)).toBe(0.73);
    close(unflippedAccuracy(flippedAccuracy(0.77, 0.2), 0.2), 0.77, 1e-15, 'roundtrip');
    expect(() => unflippedAccuracy(0.6, 0.5)).toThrow(/^epsilon: /);
  });
  it('best-of-n: KL bound log n − (n−1)/n is 0 at n = 1, and gold gain is ρ σ E[max n]', () => {
    expect(bonKLBound(1)).toBe(0);
    close(bonKLBound(2), Math.log(2) - 0.5, 1e-16, 'KL at n = 2');
    close(bonGoldGain(0.6, 2, 2), (0.6 * 2) / Math.sqrt(Math.PI), 1e-14, 'gain at n = 2');
    // NDR_bon = rho for every n
    for (const n of [2, 16, 256]) close(bonGoldGain(0.6, 1, n) / bonGoldGain(1, 1, n), 0.6, 1e-15, `NDR at n=${n}`);
  });
  it('tilt: KL = σp²/(2β²), gold gain ρσgσp/β, and at matched KL the gain is ρσg√(2KL)', () => {
    const sigmaP = 1.7,
      beta = 0.9,
      rho = 0.55,
      sigmaG = 1.3;
    close(tiltKL(sigmaP, beta), (sigmaP * sigmaP) / (2 * beta * beta), 1e-15, 'KL');
    close(tiltProxyGain(sigmaP, beta), (sigmaP * sigmaP) / beta, 1e-15, 'proxy gain');
    const b = tiltBetaForKL(sigmaP, 2);
    close(tiltKL(sigmaP, b), 2, 1e-14, 'beta for KL');
    close(tiltGoldGain(rho, sigmaG, sigmaP, b), tiltGoldGainAtKL(rho, sigmaG, 2), 1e-14, 'gain at matched KL');
    // proxy scale does not matter at matched KL
    close(tiltGoldGain(rho, sigmaG, 5 * sigmaP, tiltBetaForKL(5 * sigmaP, 2)), tiltGoldGainAtKL(rho, sigmaG, 2), 1e-14, 'scale');
  });
  it('rejects values outside the domain, naming the argument', () => {
    expect(() => accuracyFromRho(1.1)).toThrow(/^rho: /);
    expect(() => rhoFromAccuracy(NaN)).toThrow(/^accuracy: /);
    expect(() => tiltKL(1, 0)).toThrow(/^beta: /);
    expect(() => tiltKL(-1, 1)).toThrow(/^sigmaProxy: /);
    expect(() => flippedAccuracy(0.8, 1.5)).toThrow(/^epsilon: /);
    expect(() => bonKLBound(0)).toThrow(/^n: /);
  });
});
