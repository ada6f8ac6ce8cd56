/**
 * Closed forms for a Gaussian world (docs/design.md, "Closed forms the tests hold the code to"): gold g
 * and proxy r̂ jointly normal with correlation ρ, test pairs drawn from the same distribution as the
 * policy's samples. In that world NDR is a fixed function of pairwise accuracy,
 * NDR = ρ = sin(π(A − ½)), for best-of-n at every n and for tilt at matched KL; simulated proxies
 * are compared with this line, and their distance from it is what the error's shape and scale did.
 */
import { invalid } from '../errors.js';

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function requireIn(name: string, x: number, lo: number, hi: number): void {
  if (!(x >= lo && x <= hi)) invalid(name, `must be in [${lo}, ${hi}], got ${x}`);
}
function requirePositive(name: string, x: number): void {
  if (!(x > 0) || !Number.isFinite(x)) invalid(name, `must be finite and > 0, got ${x}`);
}

/** Pairwise accuracy of a proxy with correlation ρ: A = ½ + arcsin(ρ)/π (Sheppard's theorem). */
export function accuracyFromRho(rho: number): number {
  requireIn('rho', rho, -1, 1);
  return 0.5 + Math.asin(rho) / Math.PI;
}

/** Correlation implied by pairwise accuracy A: ρ = sin(π(A − ½)); inverse of accuracyFromRho. */
export function rhoFromAccuracy(accuracy: number): number {
  requireIn('accuracy', accuracy, 0, 1);
  return Math.sin(Math.PI * (accuracy - 0.5));
}

/** Kendall τ of the population implied by pairwise accuracy A: τ = 2A − 1 (no ties). */
export function kendallFromAccuracy(accuracy: number): number {
  requireIn('accuracy', accuracy, 0, 1);
  return 2 * accuracy - 1;
}

/** Population Spearman correlation of a bivariate normal: (6/π)·arcsin(ρ/2) (Pearson 1907). */
export function spearmanFromRho(rho: number): number {
  requireIn('rho', rho, -1, 1);
  return (6 / Math.PI) * Math.asin(rho / 2);
}

/** The theory line: NDR = sin(π(A − ½)) for best-of-n (any n) and tilt at matched KL. */
export function ndrTheory(accuracy: number): number {
  return rhoFromAccuracy(accuracy);
}

/** Signed distance of a simulated proxy from the theory line: ndr − sin(π(A − ½)). */
export function theoryResidual(accuracy: number, ndr: number): number {
  return ndr - ndrTheory(accuracy);
}

/** Accuracy measured against labels flipped at rate ε: ε + (1 − 2ε)·A (Coste et al. 2024). */
export function flippedAccuracy(accuracy: number, epsilon: number): number {
  requireIn('accuracy', accuracy, 0, 1);
  requireIn('epsilon', epsilon, 0, 1);
  return epsilon + (1 - 2 * epsilon) * accuracy;
}

/** True accuracy behind an accuracy measured with flip rate ε < ½ (inverse of flippedAccuracy). */
export function unflippedAccuracy(measured: number, epsilon: number): number {
  requireIn('measured', measured, 0, 1);
  if (!(epsilon >= 0 && epsilon < 0.5)) invalid('epsilon', `must be in [0, 0.5), got ${epsilon}`);
  return (measured - epsilon) / (1 - 2 * epsilon);
}

// ---------------------------------------------------------------------------------------------
// The standard normal distribution.

/**
 * e^{−s·x²} with x² split exactly into hi + lo (Dekker's product): avoids the relative error
 * |x²|·2^-53 that rounding x² would put in the exponent (1e-13 at x = 30).
 */
function expNegSquare(x: number, s: number): number {
  const hi = x * x;
  const c = 134217729 * x; // Veltkamp split: x = xh + xl exactly
  const xh = c - (c - x);
  const xl = x - xh;
  const lo = xh * xh - hi + 2 * xh * xl + xl * xl;
  return Math.exp(-s * hi) * (1 - s * lo);
}

/**
 * erf(z) for 0 ≤ z < 3 by its all-positive Taylor series erf(z) = (2/√π)·e^{−z²}·Σ_k
 * (2z²)^k·z / (1·3·…·(2k+1)) (Abramowitz & Stegun 7.1.6): no cancellation, relative error
 * ≤ 4e-16 (at most ~60 terms at z = 3).
 */
function erfSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let k = 1; k < 200; k++) {
    term *= (2 * z2) / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * expNegSquare(z, 1) * sum;
}

/**
 * The continued fraction 1/(x + a/(x + 2a/(x + 3a/(x + …)))) by the modified Lentz algorithm
 * (Numerical Recipes §5.2), stopped when a step changes it by < 1e-16. With a = ½ it is
 * √π·e^{z²}·erfc(z) (A&S 7.1.14); with a = 1 the Mills ratio Q(x)/φ(x) (Laplace). For x ≥ 2
 * it converges in ≤ ~110 steps (fewer for larger x); relative error ≤ ~1e-15.
 */
function lentz(x: number, a: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    d = x + k * a * d;
    d = d === 0 ? tiny : d;
    c = x + (k * a) / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** erf(z): the positive series below |z| = 3, 1 − erfc by continued fraction beyond; absolute error ≤ 4e-16. */
export function erf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const a = Math.abs(z);
  const v = a < 3 ? erfSeries(a) : 1 - erfc(a);
  return z < 0 ? -v : v;
}

/**
 * erfc(z) = 1 − erf(z): for z ≥ 2 by the continued fraction e^{−z²}/√π · CF (relative error
 * ≤ ~2e-15 down to the underflow near z = 26.5); for z < 2 as 1 − erf(z) by the series (absolute
 * error ≤ 4e-16, i.e. relative ≤ 1e-13 at z = 2 where erfc ≈ 4.7e-3).
 */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z >= 2) return (expNegSquare(z, 1) / SQRT_PI) * lentz(z, 0.5);
  if (z <= -2) return 2 - erfc(-z);
  return 1 - (z < 0 ? -erfSeries(-z) : erfSeries(z));
}

/** Standard normal density φ(x) (exact square in the exponent). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * expNegSquare(x, 0.5);
}

/** Upper tail Q(x) = 1 − Φ(x) for x ≥ 2: φ(x) times the Mills-ratio continued fraction. */
function upperTail(x: number): number {
  return normalPdf(x) * lentz(x, 1);
}

/**
 * Standard normal CDF Φ(x). For |x| ≥ 2 from the Mills-ratio continued fraction (the tail
 * Q(|x|) with relative error ≤ ~2e-15 until it underflows below x ≈ −38); for |x| < 2 as
 * ½ + ½·erf(x/√2) by the positive series (absolute error ≤ 4e-16).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= -2) return upperTail(-x);
  if (x >= 2) return 1 - upperTail(x);
  const e = erfSeries(Math.abs(x) / SQRT2);
  return x < 0 ? 0.5 - 0.5 * e : 0.5 + 0.5 * e;
}

/**
 * log Φ(x), accurate in both tails: −x²/2 − ½·log 2π + log(Mills ratio) for x ≤ −2 (no
 * underflow), log1p(−Q(x)) for x ≥ 2, log Φ(x) between; absolute error ≤ ~2e-15.
 */
export function logNormalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= -2) return -0.5 * x * x - 0.5 * Math.log(2 * Math.PI) + Math.log(lentz(-x, 1));
  if (x >= 2) return Math.log1p(-upperTail(x));
  return Math.log(normalCdf(x));
}

/**
 * E[max of n i.i.d. standard normals] = ∫ x·n·φ(x)·Φ(x)^{n−1} dx, for real n ≥ 1, by composite
 * Simpson's rule with step 1/1024 on [−12, √(2 ln n) + 10] (the integrand is below 1e-20 outside),
 * Φ^{n−1} taken as exp((n−1)·logNormalCdf(x)). Absolute error ≤ 1e-12 for n ≤ 1e9 (measured
 * ≤ 2e-14 against scipy quad and 30-digit mpmath quadrature at n = 1, 2, 3, 16, 1000, 1e5, and
 * against the closed forms E₁ = 0, E₂ = 1/√π, E₃ = 3/(2√π)). Cost: 23k–38k integrand evaluations
 * (a few ms).
 */
export function expectedMaxNormal(n: number): number {
  if (!(n >= 1) || !Number.isFinite(n)) invalid('n', `must be finite and ≥ 1, got ${n}`);
  const lo = -12;
  const hi = Math.sqrt(2 * Math.log(n)) + 10;
  const h = 1 / 1024;
  const steps = 2 * Math.ceil((hi - lo) / h / 2); // even
  const step = (hi - lo) / steps;
  const f = (x: number): number => {
    const logTerm = n === 1 ? 0 : (n - 1) * logNormalCdf(x);
    return x * n * normalPdf(x) * Math.exp(logTerm);
  };
  let odd = 0;
  let even = 0;
  for (let i = 1; i < steps; i++) {
    const x = lo + i * step;
    if (i & 1) odd += f(x);
    else even += f(x);
  }
  return (step / 3) * (f(lo) + f(hi) + 4 * odd + 2 * even);
}

// ---------------------------------------------------------------------------------------------
// Optimizers in the Gaussian world.

/** KL(best-of-n ‖ π0) ≤ log n − (n−1)/n: one implementation, beside the best-of-n kernel. */
export { bonKLBound } from '../core/bon.js';

/** Best-of-n gold gain with a proxy of correlation ρ: ρ·σ_g·E[max of n]; so NDR_bon = ρ for every n. */
export function bonGoldGain(rho: number, sigmaGold: number, n: number): number {
  requireIn('rho', rho, -1, 1);
  requirePositive('sigmaGold', sigmaGold);
  return rho * sigmaGold * expectedMaxNormal(n);
}

/** Tilt π_β ∝ π0·exp(r̂/β) with Gaussian r̂ of sd σ_p: KL = σ_p²/(2β²). */
export function tiltKL(sigmaProxy: number, beta: number): number {
  requirePositive('sigmaProxy', sigmaProxy);
  requirePositive('beta', beta);
  return (sigmaProxy * sigmaProxy) / (2 * beta * beta);
}

/** Tilt proxy gain: the proxy's mean shifts by σ_p²/β. */
export function tiltProxyGain(sigmaProxy: number, beta: number): number {
  requirePositive('sigmaProxy', sigmaProxy);
  requirePositive('beta', beta);
  return (sigmaProxy * sigmaProxy) / beta;
}

/** Tilt gold gain: ρ·σ_g·σ_p/β. */
export function tiltGoldGain(rho: number, sigmaGold: number, sigmaProxy: number, beta: number): number {
  requireIn('rho', rho, -1, 1);
  requirePositive('sigmaGold', sigmaGold);
  requirePositive('sigmaProxy', sigmaProxy);
  requirePositive('beta', beta);
  return (rho * sigmaGold * sigmaProxy) / beta;
}

/** β at which tilt with a proxy of sd σ_p reaches KL: σ_p/√(2·KL). */
export function tiltBetaForKL(sigmaProxy: number, kl: number): number {
  requirePositive('sigmaProxy', sigmaProxy);
  requirePositive('kl', kl);
  return sigmaProxy / Math.sqrt(2 * kl);
}

/** Tilt gold gain at matched KL: ρ·σ_g·√(2·KL), independent of the proxy's scale; NDR_tilt = ρ. */
export function tiltGoldGainAtKL(rho: number, sigmaGold: number, kl: number): number {
  requireIn('rho', rho, -1, 1);
  requirePositive('sigmaGold', sigmaGold);
  if (!(kl >= 0) || !Number.isFinite(kl)) invalid('kl', `must be finite and ≥ 0, got ${kl}`);
  return rho * sigmaGold * Math.sqrt(2 * kl);
}
