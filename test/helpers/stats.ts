/** Small statistics and assertion helpers for Monte Carlo tests (world and proxy). */
import { expect } from 'vitest';

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance (divisor n − 1). */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return s / (x.length - 1);
}

/** Pearson correlation. */
export function corr(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Standard error of the sample variance, from the sample's own fourth central moment. */
export function varianceSE(x: ArrayLike<number>): number {
  const m = mean(x);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= x.length;
  m4 /= x.length;
  return Math.sqrt((m4 - m2 * m2) / x.length);
}

/** |actual − expected| ≤ tol, printing the three numbers (and what) on failure. */
export function expectWithin(actual: number, expected: number, tol: number, what: string): void {
  expect(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}, tolerance ${tol}`).toBe(true);
}

/** Bytes of a typed array, for identical-bytes comparisons. */
export function bytes(a: Float64Array | Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
