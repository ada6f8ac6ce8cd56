// Bradley–Terry (logistic) reward models r(x) = w·x over d ≤ 64 features, trained on n pairs.
//
// Data layout: one row of feature differences Δ_i = x_a − x_b per pair, row-major (n × d f64),
// and one label y_i ∈ [0, 1] per pair (P(a preferred); 0/1 labels, flipped labels and labels
// sampled from σ((g_a − g_b)/T) are all this case). Rows, not index pairs into a feature matrix:
// every pass of the optimizer then reads memory front to back (8·d bytes a pair, prefetched),
// where index pairs would gather two random rows a pair on every pass. Forming Δ costs one
// gather (bt_diffs) for all the passes of a training.
//
// Objective (mean penalized log-loss, soft labels):
//   f(w) = (1/n) Σ_i [softplus(z_i) − y_i·z_i] + (λ/2)‖w‖²,  z_i = w·Δ_i,
//   ∇f  = (1/n) Σ_i (σ(z_i) − y_i)·Δ_i + λw,   ∇²f = (1/n) Σ_i σ(z_i)(1 − σ(z_i))·Δ_iΔ_iᵀ + λI.
// With n = 0 the sums are taken as 0.
//
// Per pair: e = exp(−|z|) (table exp of vmath.ts, argument clamped to ≥ −708), softplus(z) =
// max(z, 0) + log1p(e), σ(z) = (z ≥ 0 ? 1 : e)/(1 + e), σ(1 − σ) = e/(1 + e)². The SIMD kernel
// puts two pairs in the f64x2 lanes for the nonlinear part and runs the dot products and the
// gradient/Hessian updates along the features in f64x2; the scalar twin performs the same
// operations in the same order, so both give the same bits (tested).
import { expKernel, expKernelF64x2 } from './vmath';
import { align16 } from './scratch';

/** Largest number of features. */
export const BT_MAX_D: i32 = 64;

// Abort messages (the host checks the same conditions first and names the argument).
const ERR_D = 'bt: d must be in [1, 64]';
const ERR_N = 'bt: n must be ≥ 0';
const ERR_ITER = 'bt: maxIter must be ≥ 0';

// @ts-ignore: decorator
@inline const EXP_FLOOR: f64 = -708.0;
// @ts-ignore: decorator
@inline const SQRT2: f64 = 1.4142135623730951;
// @ts-ignore: decorator
@inline const LN2: f64 = 0.6931471805599453;
// Within this Newton decrement the full step is taken without the Armijo test: the loss
// decrease it predicts (δ²/2 ≤ 5e-7) is then near the rounding of a sum over many pairs.
// @ts-ignore: decorator
@inline const QUADRATIC_REGION: f64 = 1e-6;
// Largest Hessian shift tried before giving up (only a non-finite Hessian gets there).
// @ts-ignore: decorator
@inline const MAX_SHIFT: f64 = 1e300;
// @ts-ignore: decorator
@inline const ARMIJO_C: f64 = 1e-4;
// @ts-ignore: decorator
@inline const MAX_HALVINGS: i32 = 40;

// log1p(e) for e ∈ [0, 1] (here e = exp(−|z|)): v = 1 + e rounded, with its rounding error
// c = e − (v − 1) (exact: Fast2Sum, 1 ≥ e); v = 2^k·(1 + f) with k ∈ {0, 1}, f ∈ [√2/2 − 1, √2 − 1]
// (both exact); log(1 + f) = 2·atanh(s), s = f/(2 + f), |s| ≤ 0.1716, by its Taylor series to
// s^21 (truncation < 2e-17 relative); then log1p(e) = k·ln2 + log(1 + f) + c/v. Absolute error
// ≤ 4e-16 on [0, 1] (checked against Math.log1p through the TS reference). Scalar and f64x2 twins
// perform the same operations (bit-identical).
// @ts-ignore: decorator
@inline
function atanhSeries(t: f64): f64 {
  // 1 + t/3 + t²/5 + … + t^10/21, Horner
  let p = 1.0 / 21.0;
  p = p * t + 1.0 / 19.0;
  p = p * t + 1.0 / 17.0;
  p = p * t + 1.0 / 15.0;
  p = p * t + 1.0 / 13.0;
  p = p * t + 1.0 / 11.0;
  p = p * t + 1.0 / 9.0;
  p = p * t + 1.0 / 7.0;
  p = p * t + 1.0 / 5.0;
  p = p * t + 1.0 / 3.0;
  return p * t + 1.0;
}

// @ts-ignore: decorator
@inline
function atanhSeriesF64x2(t: v128): v128 {
  let p = f64x2.splat(1.0 / 21.0);
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 19.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 17.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 15.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 13.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 11.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 9.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 7.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 5.0));
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 3.0));
  return f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0));
}

/** log1p(e) for e ∈ [0, 1], given v = 1 + e (see above). Scalar twin of log1pUnitF64x2. */
// @ts-ignore: decorator
@inline
function log1pUnit(e: f64, v: f64): f64 {
  const c = e - (v - 1.0);
  const big = v > SQRT2;
  const f = big ? v * 0.5 - 1.0 : v - 1.0;
  const s = f / (2.0 + f);
  const l = (2.0 * s) * atanhSeries(s * s);
  return ((big ? LN2 : 0.0) + l) + c / v;
}

// @ts-ignore: decorator
@inline
function log1pUnitF64x2(e: v128, v: v128): v128 {
  const one = f64x2.splat(1.0);
  const c = f64x2.sub(e, f64x2.sub(v, one));
  const big = f64x2.gt(v, f64x2.splat(SQRT2));
  const f = v128.bitselect(f64x2.sub(f64x2.mul(v, f64x2.splat(0.5)), one), f64x2.sub(v, one), big);
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const l = f64x2.mul(f64x2.add(s, s), atanhSeriesF64x2(f64x2.mul(s, s)));
  const k = v128.and(f64x2.splat(LN2), big);
  return f64x2.add(f64x2.add(k, l), f64x2.div(c, v));
}

// Dot product of row r with w over d features: f64x2 over feature pairs, then the odd tail.
// The scalar twin keeps the two lanes as two sums.
// @ts-ignore: decorator
@inline
function dotF64x2(r: usize, w: usize, d: i32): f64 {
  let acc = f64x2.splat(0);
  const d2 = d & ~1;
  for (let k = 0; k < d2; k += 2) {
    const o = <usize>k << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(r + o), v128.load(w + o)));
  }
  let z = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (d & 1) {
    const o = <usize>(d - 1) << 3;
    z += load<f64>(r + o) * load<f64>(w + o);
  }
  return z;
}

// @ts-ignore: decorator
@inline
function dotScalar(r: usize, w: usize, d: i32): f64 {
  let s0 = 0.0, s1 = 0.0;
  const d2 = d & ~1;
  for (let k = 0; k < d2; k += 2) {
    const o = <usize>k << 3;
    s0 = s0 + load<f64>(r + o) * load<f64>(w + o);
    s1 = s1 + load<f64>(r + o, 8) * load<f64>(w + o, 8);
  }
  let z = s0 + s1;
  if (d & 1) {
    const o = <usize>(d - 1) << 3;
    z += load<f64>(r + o) * load<f64>(w + o);
  }
  return z;
}

// One pair's nonlinear part (shared by both kernels for the last pair when n is odd):
// returns the loss term and writes σ − y and σ(1 − σ) to pair[0], pair[1].
// @ts-ignore: decorator
@inline
function pairTerms(z: f64, y: f64, pair: usize): f64 {
  const e = expKernel(max(-abs(z), EXP_FLOOR));
  const v = 1.0 + e;
  const loss = (max(z, 0.0) - y * z) + log1pUnit(e, v);
  store<f64>(pair, (z >= 0 ? 1.0 : e) / v - y);
  store<f64>(pair, e / (v * v), 8);
  return loss;
}

// g[k] += c0·r0[k] + c1·r1[k] (c1 = 0, r1 = r0 for a single row), f64x2 and scalar twins.
// @ts-ignore: decorator
@inline
function axpy2F64x2(g: usize, r0: usize, r1: usize, c0: f64, c1: f64, d: i32): void {
  const v0 = f64x2.splat(c0), v1 = f64x2.splat(c1);
  const d2 = d & ~1;
  for (let k = 0; k < d2; k += 2) {
    const o = <usize>k << 3;
    v128.store(g + o, f64x2.add(v128.load(g + o), f64x2.add(f64x2.mul(v0, v128.load(r0 + o)), f64x2.mul(v1, v128.load(r1 + o)))));
  }
  if (d & 1) {
    const o = <usize>(d - 1) << 3;
    store<f64>(g + o, load<f64>(g + o) + (c0 * load<f64>(r0 + o) + c1 * load<f64>(r1 + o)));
  }
}

// @ts-ignore: decorator
@inline
function axpy2Scalar(g: usize, r0: usize, r1: usize, c0: f64, c1: f64, d: i32): void {
  for (let k = 0; k < d; k++) {
    const o = <usize>k << 3;
    store<f64>(g + o, load<f64>(g + o) + (c0 * load<f64>(r0 + o) + c1 * load<f64>(r1 + o)));
  }
}

// Upper triangle (and, where a row starts at an odd column, one element left of the diagonal)
// of H += h0·r0r0ᵀ + h1·r1r1ᵀ, H row-major d × d.
// @ts-ignore: decorator
@inline
function hess2(H: usize, r0: usize, r1: usize, h0: f64, h1: f64, d: i32, simd: bool): void {
  for (let j = 0; j < d; j++) {
    const oj = <usize>j << 3;
    const a0 = h0 * load<f64>(r0 + oj), a1 = h1 * load<f64>(r1 + oj);
    const k0 = j & ~1;
    const off = <usize>k0 << 3;
    const row = H + ((<usize>j * <usize>d) << 3) + off;
    if (simd) axpy2F64x2(row, r0 + off, r1 + off, a0, a1, d - k0);
    else axpy2Scalar(row, r0 + off, r1 + off, a0, a1, d - k0);
  }
}

/**
 * Objective, gradient and (when H ≠ 0) Hessian of the mean penalized log-loss at w (see the module
 * header). grad: d f64; H: d × d f64 row-major, or 0 to skip it. O(n·d) for loss and gradient,
 * O(n·d²/2) with the Hessian; one streaming pass over Δ. Both kernels give identical bits.
 * Non-finite input makes the result NaN (the host then finds the element).
 * Accuracy: each term to a few ulp of its magnitude (log1p above, exp ≤ 1 ulp); the sums are
 * naive over the pairs (two lanes), relative error ≲ n·2^-53 in the worst case.
 */
function btEval(diffs: usize, y: usize, n: i32, d: i32, w: usize, lambda: f64, grad: usize, H: usize, simd: bool): f64 {
  const rowBytes = <usize>d << 3;
  memory.fill(grad, 0, rowBytes);
  if (H != 0) memory.fill(H, 0, rowBytes * <usize>d);
  let L0 = 0.0, L1 = 0.0;
  let vL = f64x2.splat(0);
  const n2 = n & ~1;
  const pair = grad + rowBytes; // two f64 of scratch right after grad (the host sizes it)
  for (let i = 0; i < n2; i += 2) {
    const r0 = diffs + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    const yi = y + (<usize>i << 3);
    let c0: f64, c1: f64, h0: f64, h1: f64;
    if (simd) {
      const z = f64x2.replace_lane(f64x2.splat(dotF64x2(r0, w, d)), 1, dotF64x2(r1, w, d));
      const yv = v128.load(yi);
      const e = expKernelF64x2(f64x2.pmax(f64x2.neg(f64x2.abs(z)), f64x2.splat(EXP_FLOOR)));
      const v = f64x2.add(f64x2.splat(1.0), e);
      const loss = f64x2.add(
        f64x2.sub(f64x2.pmax(z, f64x2.splat(0.0)), f64x2.mul(yv, z)),
        log1pUnitF64x2(e, v),
      );
      vL = f64x2.add(vL, loss);
      const num = v128.bitselect(f64x2.splat(1.0), e, f64x2.ge(z, f64x2.splat(0.0)));
      const c = f64x2.sub(f64x2.div(num, v), yv);
      c0 = f64x2.extract_lane(c, 0);
      c1 = f64x2.extract_lane(c, 1);
      axpy2F64x2(grad, r0, r1, c0, c1, d);
      if (H != 0) {
        const h = f64x2.div(e, f64x2.mul(v, v));
        h0 = f64x2.extract_lane(h, 0);
        h1 = f64x2.extract_lane(h, 1);
        hess2(H, r0, r1, h0, h1, d, true);
      }
    } else {
      L0 = L0 + pairTerms(dotScalar(r0, w, d), load<f64>(yi), pair);
      c0 = load<f64>(pair);
      h0 = load<f64>(pair, 8);
      L1 = L1 + pairTerms(dotScalar(r1, w, d), load<f64>(yi, 8), pair);
      c1 = load<f64>(pair);
      h1 = load<f64>(pair, 8);
      axpy2Scalar(grad, r0, r1, c0, c1, d);
      if (H != 0) hess2(H, r0, r1, h0, h1, d, false);
    }
  }
  if (simd) {
    L0 = f64x2.extract_lane(vL, 0);
    L1 = f64x2.extract_lane(vL, 1);
  }
  let total = L0 + L1;
  if (n & 1) {
    const r0 = diffs + <usize>n2 * rowBytes;
    const z = simd ? dotF64x2(r0, w, d) : dotScalar(r0, w, d);
    total += pairTerms(z, load<f64>(y + (<usize>n2 << 3)), pair);
    const c0 = load<f64>(pair), h0 = load<f64>(pair, 8);
    if (simd) axpy2F64x2(grad, r0, r0, c0, 0.0, d);
    else axpy2Scalar(grad, r0, r0, c0, 0.0, d);
    if (H != 0) hess2(H, r0, r0, h0, 0.0, d, simd);
  }
  // normalize, add the penalty, mirror the upper triangle
  const inv = n > 0 ? 1.0 / <f64>n : 0.0;
  let ww = 0.0;
  for (let k = 0; k < d; k++) {
    const o = <usize>k << 3;
    const wk = load<f64>(w + o);
    ww += wk * wk;
    store<f64>(grad + o, load<f64>(grad + o) * inv + lambda * wk);
  }
  if (H != 0) {
    for (let j = 0; j < d; j++) {
      for (let k = j; k < d; k++) {
        const hjk = load<f64>(H + ((<usize>(j * d + k)) << 3)) * inv + (j == k ? lambda : 0.0);
        store<f64>(H + ((<usize>(j * d + k)) << 3), hjk);
        store<f64>(H + ((<usize>(k * d + j)) << 3), hjk);
      }
    }
  }
  return total * inv + 0.5 * lambda * ww;
}

/**
 * Entry point of btEval: objective at w, gradient into grad and, when H ≠ 0, the Hessian into H.
 * grad must have room for d + 2 f64 (the last two are the kernel's per-pair slots).
 * simd: 1 for the f64x2 kernel, 0 for its scalar twin (same bits).
 */
export function bt_eval(diffs: usize, y: usize, n: i32, d: i32, w: usize, lambda: f64, grad: usize, H: usize, simd: i32): f64 {
  assert(d >= 1 && d <= BT_MAX_D, ERR_D);
  assert(n >= 0, ERR_N);
  return btEval(diffs, y, n, d, w, lambda, grad, H, simd != 0);
}

// Scratch layout of bt_train (d ≤ 64): g, gt (d + 2 each: bt_eval's pair slots), H, Ht, Lc (d × d),
// s, wt (d).
function trainRegion(r: i32, d: usize): usize {
  const vec = align16((d + 2) << 3);
  const mat = align16((d * d) << 3);
  // offsets of regions 0..6: g, gt, H, Ht, Lc, s, wt
  if (r == 0) return 0;
  if (r == 1) return vec;
  if (r == 2) return 2 * vec;
  if (r == 3) return 2 * vec + mat;
  if (r == 4) return 2 * vec + 2 * mat;
  if (r == 5) return 2 * vec + 3 * mat;
  if (r == 6) return 3 * vec + 3 * mat;
  return 4 * vec + 3 * mat; // total
}

/** Bytes of scratch bt_train needs for d features (16-byte aligned base). */
export function btTrainScratchBytes(d: i32): usize {
  return trainRegion(7, <usize>d);
}

// Cholesky factor Lc of H + μI (row-major, lower), false if a pivot is not > 0. O(d³/6).
function cholesky(H: usize, Lc: usize, d: i32, mu: f64): bool {
  for (let j = 0; j < d; j++) {
    let s = load<f64>(H + (<usize>(j * d + j) << 3)) + mu;
    for (let k = 0; k < j; k++) {
      const l = load<f64>(Lc + (<usize>(j * d + k) << 3));
      s -= l * l;
    }
    if (!(s > 0)) return false;
    const ljj = Math.sqrt(s);
    store<f64>(Lc + (<usize>(j * d + j) << 3), ljj);
    for (let i = j + 1; i < d; i++) {
      let t = load<f64>(H + (<usize>(i * d + j) << 3));
      for (let k = 0; k < j; k++) t -= load<f64>(Lc + (<usize>(i * d + k) << 3)) * load<f64>(Lc + (<usize>(j * d + k) << 3));
      store<f64>(Lc + (<usize>(i * d + j) << 3), t / ljj);
    }
  }
  return true;
}

// s = −(Lc Lcᵀ)⁻¹ g by forward and back substitution. O(d²).
function cholSolve(Lc: usize, g: usize, s: usize, d: i32): void {
  for (let i = 0; i < d; i++) {
    let t = -load<f64>(g + (<usize>i << 3));
    for (let k = 0; k < i; k++) t -= load<f64>(Lc + (<usize>(i * d + k) << 3)) * load<f64>(s + (<usize>k << 3));
    store<f64>(s + (<usize>i << 3), t / load<f64>(Lc + (<usize>(i * d + i) << 3)));
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = load<f64>(s + (<usize>i << 3));
    for (let k = i + 1; k < d; k++) t -= load<f64>(Lc + (<usize>(k * d + i) << 3)) * load<f64>(s + (<usize>k << 3));
    store<f64>(s + (<usize>i << 3), t / load<f64>(Lc + (<usize>(i * d + i) << 3)));
  }
}

/**
 * Train a linear Bradley–Terry model by full-batch Newton's method (IRLS for logistic regression:
 * Nocedal & Wright, Numerical Optimization, 2nd ed., §3.1 (backtracking Armijo line search) and
 * §3.4 (Newton with a Hessian modification); Hastie, Tibshirani & Friedman, ESL §4.4.1 (IRLS)).
 * Each iteration: one bt_eval pass with the Hessian at the trial point, O(n·d²/2), plus a Cholesky
 * solve, O(d³/6). If H + μI is not positive definite (λ = 0 with degenerate features), μ grows
 * from 1e-12·(1 + max diag) by ×10 until it is. Stops, converged, when the decrement of the step
 * just taken satisfies δ²/2 = −gᵀs/2 ≤ tol (an estimate of f(w) − f(w*) in mean-loss units; the
 * convergence is quadratic, so the final w is much closer than that), or when g = 0 exactly;
 * stops unconverged after maxIter steps or when no step length passes the Armijo test (λ = 0 on
 * separable data: the optimum is at infinity).
 * w: d f64, the start on entry and the result on exit. out: [objective at w, iterations,
 * converged (0/1), last decrement δ², max |∇f|].
 */
export function bt_train(
  diffs: usize, y: usize, n: i32, d: i32, lambda: f64, maxIter: i32, tol: f64, w: usize, scratch: usize, out: usize, simd: i32,
): void {
  assert(d >= 1 && d <= BT_MAX_D, ERR_D);
  assert(n >= 0, ERR_N);
  assert(maxIter >= 0, ERR_ITER);
  const ud = <usize>d;
  let g = scratch + trainRegion(0, ud), gt = scratch + trainRegion(1, ud);
  let H = scratch + trainRegion(2, ud), Ht = scratch + trainRegion(3, ud);
  const Lc = scratch + trainRegion(4, ud), s = scratch + trainRegion(5, ud), wt = scratch + trainRegion(6, ud);
  const useSimd = simd != 0;
  const rowBytes = ud << 3;
  let f = btEval(diffs, y, n, d, w, lambda, g, H, useSimd);
  let it = 0;
  let converged = false;
  let dec = 0.0;
  while (it < maxIter) {
    let maxDiag = 0.0;
    for (let j = 0; j < d; j++) maxDiag = max(maxDiag, abs(load<f64>(H + (<usize>(j * d + j) << 3))));
    let mu = 0.0;
    while (!cholesky(H, Lc, d, mu) && mu <= MAX_SHIFT) mu = mu == 0 ? 1e-12 * (1.0 + maxDiag) : mu * 10.0;
    if (!(mu <= MAX_SHIFT)) break; // a NaN Hessian (the host refuses non-finite input first)
    cholSolve(Lc, g, s, d);
    dec = 0.0;
    for (let k = 0; k < d; k++) dec -= load<f64>(g + (<usize>k << 3)) * load<f64>(s + (<usize>k << 3));
    if (!(dec > 0)) {
      // g = 0 exactly (dec = 0) is the optimum; a non-finite decrement is a failure
      converged = dec == 0;
      break;
    }
    let t = 1.0;
    let accepted = false;
    for (let h = 0; h < MAX_HALVINGS; h++) {
      for (let k = 0; k < d; k++) {
        const o = <usize>k << 3;
        store<f64>(wt + o, load<f64>(w + o) + t * load<f64>(s + o));
      }
      const ft = btEval(diffs, y, n, d, wt, lambda, gt, Ht, useSimd);
      if (ft <= f - ARMIJO_C * t * dec || (h == 0 && dec <= QUADRATIC_REGION && ft == ft)) {
        accepted = true;
        f = ft;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    memory.copy(w, wt, rowBytes);
    let tmp = g;
    g = gt;
    gt = tmp;
    tmp = H;
    H = Ht;
    Ht = tmp;
    it++;
    if (0.5 * dec <= tol) {
      converged = true;
      break;
    }
  }
  let gmax = 0.0;
  for (let k = 0; k < d; k++) gmax = max(gmax, abs(load<f64>(g + (<usize>k << 3))));
  store<f64>(out, f);
  store<f64>(out, <f64>it, 8);
  store<f64>(out, converged ? 1.0 : 0.0, 16);
  store<f64>(out, dec, 24);
  store<f64>(out, gmax, 32);
}

/**
 * Gather difference rows out[i] = features[a[i]] − features[b[i]] (rows of d f64, row-major) for
 * n index pairs into a matrix of `rows` rows. Exact (one subtraction per value), O(n·d).
 * Returns −1, or the first i whose a[i] or b[i] is outside [0, rows) (then nothing past row i
 * is written).
 */
export function bt_diffs(features: usize, rows: i32, d: i32, a: usize, b: usize, n: i32, out: usize): i32 {
  assert(d >= 1 && d <= BT_MAX_D, ERR_D);
  assert(n >= 0, ERR_N);
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const ia = load<i32>(a + (<usize>i << 2)), ib = load<i32>(b + (<usize>i << 2));
    if (<u32>ia >= <u32>rows || <u32>ib >= <u32>rows) return i;
    const ra = features + <usize>ia * rowBytes, rb = features + <usize>ib * rowBytes;
    const ro = out + <usize>i * rowBytes;
    for (let k = 0; k < d; k++) {
      const o = <usize>k << 3;
      store<f64>(ro + o, load<f64>(ra + o) - load<f64>(rb + o));
    }
  }
  return -1;
}
