import { describe, expect, it } from 'vitest';
import { expArray, expm1SmallArray, logGammaArray } from '../../src/core/math.js';
import fixtures from '../fixtures/math.json' with { type: 'json' };

const bits = (x: number): bigint => new BigInt64Array(Float64Array.of(x).buffer)[0];
/** Distance in units in the last place between two finite non-negative doubles. */
const ulps = (a: number, b: number): number => Number(bits(a) > bits(b) ? bits(a) - bits(b) : bits(b) - bits(a));

const xs = (fixtures.exp as number[][]).map((c) => c[0]);
const special = [NaN, Infinity, -Infinity, 709.78, 709.79, 710, 1e300, -745.2, -746, -1e300, -0, 0, 708, -708, 708.0000001];

describe('exp (assembly/vmath.ts)', () => {
  it('SIMD and scalar twins agree bit for bit on the whole domain, NaN and ±Inf included', () => {
    const x = [...xs, ...special];
    const a = expArray(x, { simd: true });
    const b = expArray(x, { simd: false });
    for (let i = 0; i < x.length; i++) {
      if (!Object.is(a[i], b[i])) expect.fail(`x = ${x[i]}: simd ${a[i]} vs scalar ${b[i]}`);
    }
  });

  it('is within 1 ulp of the correctly rounded exp (50-digit decimal) on [-745, 709.78]', () => {
    const got = expArray(xs);
    let worst = 0;
    fixtures.exp.forEach(([x, want], i) => {
      const d = ulps(got[i], want);
      worst = Math.max(worst, d);
      if (d > 1) expect.fail(`exp(${x}): got ${got[i]}, correctly rounded ${want}, ${d} ulp apart (bound 1)`);
    });
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('is within 1 ulp of Math.exp on a dense grid of [-708, 708]', () => {
    const n = 50_001;
    const x = Float64Array.from({ length: n }, (_, i) => -708 + (1416 * i) / (n - 1));
    const got = expArray(x);
    for (let i = 0; i < n; i++) {
      const d = ulps(got[i], Math.exp(x[i]));
      if (d > 1) expect.fail(`exp(${x[i]}): got ${got[i]}, Math.exp ${Math.exp(x[i])}, ${d} ulp apart`);
    }
  });

  it('handles overflow, underflow, ±Inf and NaN like Math.exp', () => {
    const got = expArray([NaN, Infinity, -Infinity, 710, 1e300, -746, -1e300, 0, -0]);
    expect(Array.from(got)).toEqual([NaN, Infinity, 0, Infinity, Infinity, 0, 0, 1, 1]);
  });

  it('handles an odd length and an empty array (scalar tail)', () => {
    expect(expArray([]).length).toBe(0);
    expect(Array.from(expArray([0, 1, 2]))).toEqual(Array.from(expArray([0, 1, 2], { simd: false })));
    expect(expArray([1])[0]).toBe(Math.E);
  });
});

describe('expm1 on [-1, 1] (assembly/vmath.ts, used by the tilt near π0)', () => {
  it('is within 4 ulp of Math.expm1 and its SIMD and scalar twins agree bit for bit', () => {
    const n = 20_001;
    const x = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1e-300 : -1 + (2 * i) / (n - 1)));
    const a = expm1SmallArray(x, { simd: true });
    const b = expm1SmallArray(x, { simd: false });
    for (let i = 0; i < n; i++) {
      if (!Object.is(a[i], b[i])) expect.fail(`x = ${x[i]}: simd ${a[i]} vs scalar ${b[i]}`);
      const want = Math.expm1(x[i]);
      const ulp = Math.abs(want) * 2 ** -52;
      if (!(Math.abs(a[i] - want) <= 4 * ulp)) expect.fail(`expm1(${x[i]}): got ${a[i]}, Math.expm1 ${want} (bound 4 ulp)`);
    }
  });
});

describe('logGamma (assembly/math.ts)', () => {
  it('matches scipy.special.gammaln within 1e-14·max(1, |log Γ|) for positive and negative x', () => {
    const x = (fixtures.lgamma as number[][]).map((c) => c[0]);
    const got = logGammaArray(x);
    fixtures.lgamma.forEach(([xi, want], i) => {
      const tol = 1e-14 * Math.max(1, Math.abs(want));
      if (!(Math.abs(got[i] - want) <= tol)) {
        expect.fail(`logGamma(${xi}): got ${got[i]}, scipy ${want}, |diff| ${Math.abs(got[i] - want)} > tol ${tol}`);
      }
    });
  });

  it('gives log n! exactly enough for log-space binomials: log C(50, 25) within 1e-13', () => {
    const [a, b, c] = logGammaArray([51, 26, 26]);
    expect(Math.abs(a - b - c - Math.log(126410606437752))).toBeLessThan(1e-13);
  });

  it('returns +Inf at the poles 0, −1, −2 and NaN for NaN', () => {
    const got = logGammaArray([0, -0, -1, -2, -100, NaN, Infinity, -Infinity]);
    expect(Array.from(got)).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity, NaN, Infinity, Infinity]);
  });
});
