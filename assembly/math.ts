// Elementary functions for the kernels and the host: exp (scalar twin of the f64x2 SIMD exp in
// vmath.ts, algorithm and accuracy stated there: ≤ 1 ulp, lanes bit-identical to the scalar),
// log-gamma and log-factorial.
import { expF64, expF64x2, expm1Kernel, expm1KernelF64x2 } from './vmath';

export { expF64 };

/**
 * Exported entry: dst[i] = exp(src[i]) for i < n, with the SIMD kernel (simd != 0) or the scalar
 * twin. O(n). For tests and for host code that needs many exps.
 */
export function exp_f64_array(src: usize, n: i32, dst: usize, simd: i32): void {
  let i = 0;
  if (simd) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(dst + o, expF64x2(v128.load(src + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(dst + o, expF64(load<f64>(src + o)));
  }
}

/**
 * Exported entry: dst[i] = exp(src[i]) − 1 by the table kernel, for |src[i]| ≤ 1 (the range
 * the tilt kernel uses it on; ≤ 4 ulp there). SIMD (simd != 0) or the scalar twin. O(n).
 */
export function expm1_small_array(src: usize, n: i32, dst: usize, simd: i32): void {
  let i = 0;
  if (simd) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(dst + o, expm1KernelF64x2(v128.load(src + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(dst + o, expm1Kernel(load<f64>(src + o)));
  }
}

// log Γ: Stirling's series with 7 Bernoulli terms for x ≥ 10 (truncation < 3e-17 there), the
// recurrence Γ(x) = Γ(x + n)/(x(x+1)…(x+n−1)) to reach 10 from below, and the reflection
// formula log|Γ(x)| = log(π/|sin πx|) − log Γ(1 − x) for x < 0.5 (sin πx from the exact
// fractional part). Domain: all f64; poles (0, −1, −2, …) give +Inf, NaN gives NaN.
// Accuracy (checked against scipy.special.gammaln in test/core/math.test.ts): absolute error
// ≤ 1e-14·max(1, |log Γ(x)|) for x > 0; near the zeros at 1 and 2 this is an absolute, not a
// relative, bound. Negative x: the same bound plus the rounding of sin πx.

// @ts-ignore: decorator
@inline const HALF_LOG_2PI: f64 = 0.9189385332046728; // ½·log(2π)

/** log |Γ(x)| (see the comment above for method and accuracy). */
export function logGamma(x: f64): f64 {
  if (x != x) return x;
  if (x == Infinity) return Infinity;
  if (x < 0.5) {
    if (x == Math.floor(x)) return Infinity; // pole at 0, −1, −2, …
    if (x == -Infinity) return Infinity;
    let f = x - Math.floor(x); // exact fractional part in (0, 1)
    if (f > 0.5) f = 1.0 - f;
    const s = Math.sin(Math.PI * f); // = |sin πx|
    return Math.log(Math.PI / s) - logGamma(1.0 - x);
  }
  let shift = 0.0;
  if (x < 10.0) {
    let p = 1.0;
    while (x < 10.0) {
      p *= x;
      x += 1.0;
    }
    shift = Math.log(p);
  }
  const inv = 1.0 / x;
  const inv2 = inv * inv;
  // Σ B_2k / (2k(2k−1) x^(2k−1)), k = 1..7, Horner in 1/x².
  const series =
    inv *
    (1.0 / 12.0 +
      inv2 *
        (-1.0 / 360.0 +
          inv2 *
            (1.0 / 1260.0 +
              inv2 *
                (-1.0 / 1680.0 +
                  inv2 * (1.0 / 1188.0 + inv2 * (-691.0 / 360360.0 + inv2 * (1.0 / 156.0)))))));
  return (x - 0.5) * (Math.log(x) - 1.0) - 0.5 + HALF_LOG_2PI + series - shift;
}

/** log(n!) = log Γ(n + 1) for n ≥ 0 (same accuracy as logGamma). */
export function logFactorial(n: f64): f64 {
  return logGamma(n + 1.0);
}

/** Exported entry: dst[i] = logGamma(src[i]) for i < n. O(n). */
export function log_gamma_array(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(dst + o, logGamma(load<f64>(src + o)));
  }
}
