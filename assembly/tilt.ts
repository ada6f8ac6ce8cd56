// KL-regularized tilt over pools of responses: π_β ∝ π0·exp(r̂/β) for a grid of β, all prompts
// in one call.
import { align16 } from './scratch';
import { expF64 } from './math';
import { expKernel, expKernelF64x2, expm1Kernel, expm1KernelF64x2 } from './vmath';

// Arguments of exp below this are clamped to it (exp(−708) ≈ 3e-308 relative to the largest
// weight, which is ≥ e^−600 or the kernel recomputes): both exp twins then stay on their fast path.
// @ts-ignore: decorator
@inline const EXP_FLOOR: f64 = -708.0;
// If the π0-weighted sum of the shifted weights falls below this, the cheap upper bound used as
// the log-sum-exp shift was too loose; the β is redone with the exact maximum.
// @ts-ignore: decorator
@inline const LOOSE_SHIFT_SUM: f64 = 1e-250;

/** Bytes of scratch tilt_sweep needs for pools of at most maxK responses. */
export function tiltScratchBytes(maxK: i32): usize {
  return <usize>maxK * 24 + 48;
}

// Sums for one prompt and one β over responses [0, K), with q_i = rc_i·invBeta − m and
// w_i = exp(a_i + q_i) (a_i = 0 when uniform): S = Σ w, SG = Σ w·g, ST = Σ w·q, written to
// acc[0..3). SIMD: f64x2 exp (vmath.ts); pairs whose both arguments are below −708 are skipped
// (their weights are < 1e-307 of the largest). Scalar: the bit-identical scalar exp.
// @ts-ignore: decorator
@inline
function tiltSums(
  a: usize, rc: usize, g: usize, K: i32, invBeta: f64, m: f64, simd: bool, acc: usize,
): void {
  let S = 0.0, SG = 0.0, ST = 0.0;
  let i = 0;
  if (simd) {
    const vinv = f64x2.splat(invBeta);
    const vm = f64x2.splat(m);
    const vfloor = f64x2.splat(EXP_FLOOR);
    let vS = f64x2.splat(0), vG = f64x2.splat(0), vT = f64x2.splat(0);
    if (a == 0) {
      // two pairs per step with their own partial sums: more independent work in flight
      let vS2 = f64x2.splat(0), vG2 = f64x2.splat(0), vT2 = f64x2.splat(0);
      for (; i + 4 <= K; i += 4) {
        const o = <usize>i << 3;
        const q1 = f64x2.sub(f64x2.mul(v128.load(rc + o), vinv), vm);
        const q2 = f64x2.sub(f64x2.mul(v128.load(rc + o, 16), vinv), vm);
        if (!v128.any_true(v128.or(f64x2.gt(q1, vfloor), f64x2.gt(q2, vfloor)))) continue;
        const t1 = f64x2.pmax(q1, vfloor);
        const t2 = f64x2.pmax(q2, vfloor);
        const w1 = expKernelF64x2(t1);
        const w2 = expKernelF64x2(t2);
        vS = f64x2.add(vS, w1);
        vS2 = f64x2.add(vS2, w2);
        vG = f64x2.add(vG, f64x2.mul(w1, v128.load(g + o)));
        vG2 = f64x2.add(vG2, f64x2.mul(w2, v128.load(g + o, 16)));
        vT = f64x2.add(vT, f64x2.mul(w1, t1));
        vT2 = f64x2.add(vT2, f64x2.mul(w2, t2));
      }
      vS = f64x2.add(vS, vS2);
      vG = f64x2.add(vG, vG2);
      vT = f64x2.add(vT, vT2);
      for (; i + 2 <= K; i += 2) {
        const o = <usize>i << 3;
        const q = f64x2.sub(f64x2.mul(v128.load(rc + o), vinv), vm);
        if (!v128.any_true(f64x2.gt(q, vfloor))) continue;
        const t = f64x2.pmax(q, vfloor);
        const w = expKernelF64x2(t);
        vS = f64x2.add(vS, w);
        vG = f64x2.add(vG, f64x2.mul(w, v128.load(g + o)));
        vT = f64x2.add(vT, f64x2.mul(w, t));
      }
    } else {
      for (; i + 2 <= K; i += 2) {
        const o = <usize>i << 3;
        const q = f64x2.sub(f64x2.mul(v128.load(rc + o), vinv), vm);
        const t = f64x2.add(v128.load(a + o), q);
        if (!v128.any_true(f64x2.gt(t, vfloor))) continue;
        const w = expKernelF64x2(f64x2.pmax(t, vfloor));
        vS = f64x2.add(vS, w);
        vG = f64x2.add(vG, f64x2.mul(w, v128.load(g + o)));
        vT = f64x2.add(vT, f64x2.mul(w, q));
      }
    }
    S = f64x2.extract_lane(vS, 0) + f64x2.extract_lane(vS, 1);
    SG = f64x2.extract_lane(vG, 0) + f64x2.extract_lane(vG, 1);
    ST = f64x2.extract_lane(vT, 0) + f64x2.extract_lane(vT, 1);
  }
  for (; i < K; i++) {
    const o = <usize>i << 3;
    let q = load<f64>(rc + o) * invBeta - m;
    let t = q;
    if (a != 0) t = load<f64>(a + o) + q;
    else q = max(q, EXP_FLOOR);
    const w = expKernel(max(t, EXP_FLOOR));
    S += w;
    SG += w * load<f64>(g + o);
    ST += w * q;
  }
  store<f64>(acc, S);
  store<f64>(acc, SG, 8);
  store<f64>(acc, ST, 16);
}

// Sums for the near-π0 regime (|u_i| = |rc_i·invBeta| ≤ 1): with v_i = expm1(u_i) and π0
// weights w0_i = e^{a_i} (1 when uniform): D = Σ w0·v, DG = Σ w0·v·g, DR = Σ w0·v·rc to acc.
// @ts-ignore: decorator
@inline
function tiltSumsNear(
  w0: usize, rc: usize, g: usize, K: i32, invBeta: f64, simd: bool, acc: usize,
): void {
  let D = 0.0, DG = 0.0, DR = 0.0;
  let i = 0;
  if (simd) {
    const vinv = f64x2.splat(invBeta);
    let vD = f64x2.splat(0), vG = f64x2.splat(0), vR = f64x2.splat(0);
    if (w0 == 0) {
      let vD2 = f64x2.splat(0), vG2 = f64x2.splat(0), vR2 = f64x2.splat(0);
      for (; i + 4 <= K; i += 4) {
        const o = <usize>i << 3;
        const x1 = v128.load(rc + o);
        const x2 = v128.load(rc + o, 16);
        const v1 = expm1KernelF64x2(f64x2.mul(x1, vinv));
        const v2 = expm1KernelF64x2(f64x2.mul(x2, vinv));
        vD = f64x2.add(vD, v1);
        vD2 = f64x2.add(vD2, v2);
        vG = f64x2.add(vG, f64x2.mul(v1, v128.load(g + o)));
        vG2 = f64x2.add(vG2, f64x2.mul(v2, v128.load(g + o, 16)));
        vR = f64x2.add(vR, f64x2.mul(v1, x1));
        vR2 = f64x2.add(vR2, f64x2.mul(v2, x2));
      }
      vD = f64x2.add(vD, vD2);
      vG = f64x2.add(vG, vG2);
      vR = f64x2.add(vR, vR2);
    }
    for (; i + 2 <= K; i += 2) {
      const o = <usize>i << 3;
      const x = v128.load(rc + o);
      let v = expm1KernelF64x2(f64x2.mul(x, vinv));
      if (w0 != 0) v = f64x2.mul(v, v128.load(w0 + o));
      vD = f64x2.add(vD, v);
      vG = f64x2.add(vG, f64x2.mul(v, v128.load(g + o)));
      vR = f64x2.add(vR, f64x2.mul(v, x));
    }
    D = f64x2.extract_lane(vD, 0) + f64x2.extract_lane(vD, 1);
    DG = f64x2.extract_lane(vG, 0) + f64x2.extract_lane(vG, 1);
    DR = f64x2.extract_lane(vR, 0) + f64x2.extract_lane(vR, 1);
  }
  for (; i < K; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(rc + o);
    let v = expm1Kernel(x * invBeta);
    if (w0 != 0) v *= load<f64>(w0 + o);
    D += v;
    DG += v * load<f64>(g + o);
    DR += v * x;
  }
  store<f64>(acc, D);
  store<f64>(acc, DG, 8);
  store<f64>(acc, DR, 16);
}

// tilt_sweep: for every prompt p (responses offsets[p]..offsets[p+1]) and every β in betas:
//   π_β,i = π0,i·exp(r̂_i/β) / Z,  gold_pβ = E_β[g],  proxy_pβ = E_β[r̂],  KL_pβ = KL(π_β ‖ π0).
// Method: per prompt, a pre-pass shifts log π0 by its max (a_i = log π0_i − max ≤ 0, π0 weights
// w0_i = e^{a_i}, S0 = Σ w0), centres the proxy at its π0 mean c (rc = r̂ − c, exactly 0 for a
// constant proxy) and finds the argmax set's π0 mass. Then per β, one streaming pass; u = rc/β:
//  - near π0 (range(rc)/β ≤ 1): v = expm1(u) and D = Σ w0·v, so S = S0 + D without cancellation;
//    KL = E_β[u] − log1p(D/S0), both terms O(var/β²): relative accuracy ~1e-14 even at KL 1e-20.
//  - otherwise log-sum-exp with shift m = max(rc)/β (exact for uniform π0, an upper bound
//    otherwise, redone with the exact max if the sum falls below 1e-250); with q = u − m ≤ 0,
//    KL = Σ w·q / S − log(S/S0): at β → 0 both terms tend to their argmax values without the
//    O(range/β) cancellation of E[u] − log Z. E_β[rc] = β·(Σ w·q/S + m).
//  A KL below 0 (rounding only) is clamped to 0.
// Cost O(N·B) exps (N responses); one pool stays in cache across the β loop.
// Accuracy (test/core/tilt.test.ts): expected values to ~1e-13 relative, KL to ~1e-9 relative
// (better than 1e-7 against 50-digit references at KL ~ 1e-9), against scipy and the TS reference.
// Outputs (any pointer may be 0 to skip): per prompt × β row-major [p·B + b] gold/proxy/KL;
// per β means over prompts; per prompt base (π0) gold and proxy means and maxKL = −log of the
// argmax set's π0 mass (the β → 0 limit, ties sharing the mass).
// logPi0 = 0 means uniform π0; otherwise it may be unnormalized. Sizes are checked by the host
// (offsets strictly increasing from 0, betas > 0, finite data, scratch of tiltScratchBytes(maxK)).
// Returns the number of (prompt, β) cells that needed the exact-max recomputation.
export function tilt_sweep(
  offsets: usize, P: i32,
  logPi0: usize, proxy: usize, gold: usize,
  betas: usize, B: i32,
  outGold: usize, outProxy: usize, outKL: usize,
  meanGold: usize, meanProxy: usize, meanKL: usize,
  baseGold: usize, baseProxy: usize, maxKL: usize,
  scratch: usize, simd: i32,
): i32 {
  const acc = align16(scratch);
  const rc = acc + 32;
  let recomputed = 0;
  for (let b = 0; b < B; b++) {
    const o = <usize>b << 3;
    if (meanGold) store<f64>(meanGold + o, 0);
    if (meanProxy) store<f64>(meanProxy + o, 0);
    if (meanKL) store<f64>(meanKL + o, 0);
  }
  for (let p = 0; p < P; p++) {
    const start = load<i32>(offsets + (<usize>p << 2));
    const K = load<i32>(offsets + (<usize>(p + 1) << 2)) - start;
    const r = proxy + (<usize>start << 3);
    const g = gold + (<usize>start << 3);
    const a = logPi0 ? rc + (<usize>K << 3) : 0;
    const w0 = logPi0 ? a + (<usize>K << 3) : 0;
    // Pre-pass: π0 normalisation, π0 means, argmax set.
    let rmax = -Infinity, rmin = Infinity;
    for (let i = 0; i < K; i++) {
      const v = load<f64>(r + (<usize>i << 3));
      rmax = max(rmax, v);
      rmin = min(rmin, v);
    }
    let S0 = 0.0, c = 0.0, G0 = 0.0, topMass = 0.0;
    if (logPi0) {
      const lp = logPi0 + (<usize>start << 3);
      let lmax = -Infinity;
      for (let i = 0; i < K; i++) lmax = max(lmax, load<f64>(lp + (<usize>i << 3)));
      for (let i = 0; i < K; i++) {
        const o = <usize>i << 3;
        const ai = load<f64>(lp + o) - lmax;
        const wi = expF64(ai);
        store<f64>(a + o, ai);
        store<f64>(w0 + o, wi);
        const v = load<f64>(r + o);
        S0 += wi;
        c += wi * v;
        G0 += wi * load<f64>(g + o);
        if (v == rmax) topMass += wi;
      }
    } else {
      for (let i = 0; i < K; i++) {
        const o = <usize>i << 3;
        const v = load<f64>(r + o);
        c += v;
        G0 += load<f64>(g + o);
        if (v == rmax) topMass += 1.0;
      }
      S0 = <f64>K;
    }
    c = rmax == rmin ? rmax : c / S0;
    let rcMax = -Infinity, rcMin = Infinity, C1 = 0.0;
    for (let i = 0; i < K; i++) {
      const o = <usize>i << 3;
      const v = load<f64>(r + o) - c;
      store<f64>(rc + o, v);
      rcMax = max(rcMax, v);
      rcMin = min(rcMin, v);
      C1 += logPi0 ? load<f64>(w0 + o) * v : v; // Σ w0·rc: 0 up to rounding
    }
    if (baseGold) store<f64>(baseGold + (<usize>p << 3), G0 / S0);
    if (baseProxy) store<f64>(baseProxy + (<usize>p << 3), c);
    if (maxKL) store<f64>(maxKL + (<usize>p << 3), Math.log(S0 / topMass));
    for (let b = 0; b < B; b++) {
      const beta = load<f64>(betas + (<usize>b << 3));
      const invBeta = 1.0 / beta;
      let eg: f64, erc: f64, kl: f64;
      if ((rcMax - rcMin) * invBeta <= 1.0) {
        tiltSumsNear(w0, rc, g, K, invBeta, simd != 0, acc);
        const D = load<f64>(acc);
        const S = S0 + D;
        eg = (G0 + load<f64>(acc, 8)) / S;
        erc = (C1 + load<f64>(acc, 16)) / S;
        kl = erc * invBeta - Math.log1p(D / S0);
      } else {
        let m = rcMax * invBeta;
        tiltSums(a, rc, g, K, invBeta, m, simd != 0, acc);
        if (a != 0 && load<f64>(acc) < LOOSE_SHIFT_SUM) {
          let mx = -Infinity;
          for (let i = 0; i < K; i++) {
            const o = <usize>i << 3;
            mx = max(mx, load<f64>(a + o) + (load<f64>(rc + o) * invBeta - m));
          }
          m += mx;
          tiltSums(a, rc, g, K, invBeta, m, simd != 0, acc);
          recomputed++;
        }
        const S = load<f64>(acc);
        const eq = load<f64>(acc, 16) / S;
        eg = load<f64>(acc, 8) / S;
        erc = beta * (eq + m);
        kl = eq - Math.log(S / S0);
      }
      kl = max(0.0, kl);
      const ep = c + erc;
      const cell = (<usize>p * <usize>B + <usize>b) << 3;
      if (outGold) store<f64>(outGold + cell, eg);
      if (outProxy) store<f64>(outProxy + cell, ep);
      if (outKL) store<f64>(outKL + cell, kl);
      const ob = <usize>b << 3;
      if (meanGold) store<f64>(meanGold + ob, load<f64>(meanGold + ob) + eg);
      if (meanProxy) store<f64>(meanProxy + ob, load<f64>(meanProxy + ob) + ep);
      if (meanKL) store<f64>(meanKL + ob, load<f64>(meanKL + ob) + kl);
    }
  }
  for (let b = 0; b < B; b++) {
    const o = <usize>b << 3;
    if (meanGold) store<f64>(meanGold + o, load<f64>(meanGold + o) / <f64>P);
    if (meanProxy) store<f64>(meanProxy + o, load<f64>(meanProxy + o) / <f64>P);
    if (meanKL) store<f64>(meanKL + o, load<f64>(meanKL + o) / <f64>P);
  }
  return recomputed;
}
