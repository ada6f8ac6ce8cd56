// Random streams. xoshiro256** 1.0 (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro256starstar.c):
// 256-bit state, period 2^256 − 1, passes BigCrush. The state is 4 u64 words at `state`
// (memory the caller owns); there is no module-global random state.
//
// Samplers built on it: standard normal (Marsaglia's polar method, exact), Student-t(ν) for any
// real ν > 0 (Bailey's polar method, exact), Laplace(0, b) (inverse CDF), and k of K without
// replacement (Knuth's Algorithm S). Every sampler consumes the stream in a documented order so
// that src/core/rng.ref.ts reproduces it bit for bit; `log` and `expm1` below are ports of
// fdlibm (the code behind V8's Math.log / Math.expm1) for the same reason.

// @ts-ignore: decorator
@inline
function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >>> (64 - k));
}

/** Next 64 random bits; advances the stream at `state`. */
// @ts-ignore: decorator
@inline
export function nextU64(state: usize): u64 {
  const s0 = load<u64>(state);
  let s1 = load<u64>(state, 8);
  let s2 = load<u64>(state, 16);
  let s3 = load<u64>(state, 24);
  const result = rotl(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  const n0 = s0 ^ s3;
  s2 ^= t;
  s3 = rotl(s3, 45);
  store<u64>(state, n0);
  store<u64>(state, s1, 8);
  store<u64>(state, s2, 16);
  store<u64>(state, s3, 24);
  return result;
}

/** Uniform double in [0, 1): the top 53 bits times 2^-53 (every value a multiple of 2^-53). */
// @ts-ignore: decorator
@inline
export function nextF64(state: usize): f64 {
  return <f64>(nextU64(state) >>> 11) * 1.1102230246251565e-16;
}

/** (2^32 − k) mod k: Lemire's method accepts a draw for [0, k) when its low word is at least this. */
// @ts-ignore: decorator
@inline
export function belowThreshold(k: u32): u32 {
  return (<u32>0 - k) % k;
}

/**
 * Uniform integer in [0, k), k ≥ 1, by Lemire's multiply-shift with rejection (Lemire 2019, ACM
 * TOMACS 29:3; unbiased): the high word of (next 32 bits)·k, redrawn while its low word is below
 * `threshold` = belowThreshold(k), which a loop over one k computes once.
 */
// @ts-ignore: decorator
@inline
export function nextBelowT(state: usize, k: u32, threshold: u32): u32 {
  let m: u64;
  do {
    m = (nextU64(state) >>> 32) * <u64>k;
  } while (<u32>m < threshold);
  return <u32>(m >>> 32);
}

/**
 * Uniform integer in [0, k), k ≥ 1: nextBelowT for a k that changes every draw, computing the
 * threshold (a division) only when the first draw's low word is below k (it cannot be below the
 * threshold otherwise), so the same draws are accepted.
 */
export function nextBelow(state: usize, k: u32): u32 {
  const m = (nextU64(state) >>> 32) * <u64>k;
  if (<u32>m >= k) return <u32>(m >>> 32);
  const threshold = belowThreshold(k);
  return <u32>m >= threshold ? <u32>(m >>> 32) : nextBelowT(state, k, threshold);
}

// ---------------------------------------------------------------------------------------------
// Elementary functions: fdlibm 5.3 e_log.c and s_expm1.c (Sun Microsystems 1993, as in FreeBSD
// msun and V8's base/ieee754.cc), transcribed operation for operation. Error < 1 ulp. The tests
// check them bit for bit against Math.log / Math.expm1, which lets the TypeScript reference use
// those directly.

const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const TWO54: f64 = 1.80143985094819840000e16;
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

/** Natural logarithm, fdlibm __ieee754_log: argument reduction to [√2/2, √2], rational minimax. */
export function logFdlibm(x: f64): f64 {
  let u = reinterpret<u64>(x);
  let hx = <i32>(u >> 32);
  const lx = <u32>u;
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    u = reinterpret<u64>(x);
    hx = <i32>(u >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = reinterpret<f64>((<u64>(<u32>(hx | (i ^ 0x3ff00000))) << 32) | (u & 0xffffffff));
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0) {
      if (k == 0) return 0;
      const dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    const dk = <f64>k;
    return dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

const O_THRESHOLD: f64 = 7.09782712893383973096e02;
const INVLN2: f64 = 1.44269504088896338700e00;
const Q1: f64 = -3.33333333333331316428e-02;
const Q2: f64 = 1.58730158725481460165e-03;
const Q3: f64 = -7.93650757867487942473e-05;
const Q4: f64 = 4.00821782732936239552e-06;
const Q5: f64 = -2.01099218183624371326e-07;

// @ts-ignore: decorator
@inline
function withHigh(hi: u32): f64 {
  return reinterpret<f64>(<u64>hi << 32);
}

/** e^x − 1, fdlibm s_expm1: reduction x = k·ln2 + r, rational approximation on |r| ≤ ln2/2. */
export function expm1Fdlibm(x: f64): f64 {
  const u = reinterpret<u64>(x);
  let hx = <u32>(u >> 32);
  const xsb = hx & 0x80000000;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | <u32>u) != 0) return x + x;
        return xsb == 0 ? x : -1.0;
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (xsb != 0) return -1.0;
  }
  let k: i32;
  let c: f64 = 0;
  if (hx > 0x3fd62e42) {
    let hi: f64, lo: f64;
    if (hx < 0x3ff0a2b2) {
      if (xsb == 0) {
        hi = x - LN2_HI; lo = LN2_LO; k = 1;
      } else {
        hi = x + LN2_HI; lo = -LN2_LO; k = -1;
      }
    } else {
      k = <i32>(INVLN2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) {
    return x;
  } else {
    k = 0;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const twopk = withHigh(<u32>(0x3ff00000 + (k << 20)));
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  let y: f64;
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    if (k == 1024) y = y * 2.0 * 8.98846567431158e307;
    else y = y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = withHigh(<u32>(0x3ff00000 - (0x200000 >> k)));
    y = t - (e - x);
    y = y * twopk;
  } else {
    t = withHigh(<u32>((0x3ff - k) << 20));
    y = x - (e + t);
    y += 1.0;
    y = y * twopk;
  }
  return y;
}

// ---------------------------------------------------------------------------------------------
// Single-draw building blocks (camelCase: imported by other kernels).

/**
 * Standard normal by Marsaglia's polar method (Marsaglia & Bray 1964): draw u, v uniform on
 * [−1, 1) (u first), accept when 0 < s = u² + v² < 1 (probability π/4), return u·√(−2 ln s / s).
 * Exact (no approximation beyond f64 rounding, < 3 ulp). This single draw discards the spare
 * v·√(−2 ln s / s); the array fill `rng_normal` uses both.
 */
export function nextNormal(state: usize): f64 {
  while (true) {
    const u = 2.0 * nextF64(state) - 1.0;
    const v = 2.0 * nextF64(state) - 1.0;
    const s = u * u + v * v;
    if (s < 1.0 && s > 0.0) return u * Math.sqrt(-2.0 * logFdlibm(s) / s);
  }
}

/**
 * Student-t with ν > 0 degrees of freedom (any real ν) by Bailey's polar method (Bailey 1994,
 * Math. Comp. 62:779–781): draw u, v uniform on [−1, 1) (u first), accept when 0 < w = u² + v² < 1,
 * return u·√(ν/w)·√(w^(−2/ν) − 1), with w^(−2/ν) − 1 = expm1(−(2/ν)·ln w) (no cancellation as
 * ν → ∞, where the result tends to the normal). Exact up to f64 rounding (relative error about
 * (1 + |2 ln w / ν|)·2^-52); one value per accepted pair (u- and v-values share w, so they are not
 * independent). For tiny ν, draws beyond the f64 range come out as ±Infinity.
 */
export function nextStudentT(state: usize, nu: f64): f64 {
  const c = -2.0 / nu;
  while (true) {
    const u = 2.0 * nextF64(state) - 1.0;
    const v = 2.0 * nextF64(state) - 1.0;
    const w = u * u + v * v;
    if (w < 1.0 && w > 0.0) {
      return u * Math.sqrt(nu / w) * Math.sqrt(expm1Fdlibm(c * logFdlibm(w)));
    }
  }
}

/**
 * Uniform on the open interval (0, 1): (top 53 bits + ½)·2^-53, the midpoints of the nextF64 grid,
 * so never 0 or 1 (safe under log).
 */
// @ts-ignore: decorator
@inline
export function nextOpenF64(state: usize): f64 {
  return (<f64>(nextU64(state) >>> 11) + 0.5) * 1.1102230246251565e-16;
}

/**
 * Laplace(0, b) by inverse CDF: p uniform on (0, 1) (nextOpenF64), x = b·ln(2p) for p < ½ and
 * −b·ln(2 − 2p) otherwise (2p and 2 − 2p are exact). Error < 1 ulp of ln, |x| ≤ 37.4·b.
 */
// @ts-ignore: decorator
@inline
export function nextLaplace(state: usize, b: f64): f64 {
  const p = nextOpenF64(state);
  return p < 0.5 ? b * logFdlibm(2.0 * p) : -b * logFdlibm(2.0 - 2.0 * p);
}

/**
 * k of K without replacement by Knuth's Algorithm S (selection sampling, TAOCP vol. 2, 3.4.2):
 * scan t = 0..K−1 and take t when nextBelow(K − t) < k − taken. Writes the k chosen indices,
 * ascending, to out (i32). O(K) time, one draw per index scanned until k are taken (none once the
 * remainder must all be taken), no scratch; every k-subset is equally likely (exact, since
 * nextBelow is unbiased). Requires 0 ≤ k ≤ K.
 */
export function sampleSortedInto(state: usize, K: i32, k: i32, out: usize): void {
  let taken = 0;
  for (let t = 0; t < K && taken < k; t++) {
    const need = k - taken;
    if (need == K - t || <i32>nextBelow(state, <u32>(K - t)) < need) {
      store<i32>(out + (<usize>(taken++) << 2), t);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Array fills (snake_case: entry points for the host). Each writes out[0..n) and advances the
// stream; n ≥ 0 is checked by the host.

/** Fill out[0..n) with uniform doubles in [0, 1). */
export function rng_uniform(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), nextF64(state));
}

/** Fill out[0..n) (u64) with raw xoshiro256** outputs. */
export function rng_u64(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u64>(out + (<usize>i << 3), nextU64(state));
}

/**
 * Fill out[0..n) with standard normals, Marsaglia's polar method using both values of each
 * accepted pair (u-value at even, v-value at odd positions; the last spare is dropped when n is
 * odd). Exact; about 1.27 uniforms per normal. (Keeping the xoshiro state in locals instead of
 * memory measured no faster: the fdlibm log dominates.)
 */
export function rng_normal(state: usize, out: usize, n: i32): void {
  let i = 0;
  while (i < n) {
    const u = 2.0 * nextF64(state) - 1.0;
    const v = 2.0 * nextF64(state) - 1.0;
    const s = u * u + v * v;
    if (s < 1.0 && s > 0.0) {
      const f = Math.sqrt(-2.0 * logFdlibm(s) / s);
      store<f64>(out + (<usize>i << 3), u * f);
      if (i + 1 < n) store<f64>(out + (<usize>(i + 1) << 3), v * f);
      i += 2;
    }
  }
}

/** Fill out[0..n) with Student-t(ν) draws (nextStudentT), ν > 0. */
export function rng_student_t(state: usize, out: usize, n: i32, nu: f64): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), nextStudentT(state, nu));
}

/** Fill out[0..n) with Laplace(0, b) draws (nextLaplace), b > 0. */
export function rng_laplace(state: usize, out: usize, n: i32, b: f64): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), nextLaplace(state, b));
}

/**
 * Sampling without replacement for G groups in one call: group g has K_g = offsets[g+1] −
 * offsets[g] items and draws ks[g] of them (Algorithm S, sampleSortedInto); the ascending local
 * indices in [0, K_g) go to out[outStart_g ..) with outStart_g = ks[0] + … + ks[g−1]. Groups are
 * drawn in order from one stream. O(Σ K_g). The host checks 0 ≤ ks[g] ≤ K_g.
 */
export function rng_sample_groups(state: usize, offsets: usize, ks: usize, groups: i32, out: usize): void {
  let o: usize = out;
  for (let g = 0; g < groups; g++) {
    const K = load<i32>(offsets + (<usize>(g + 1) << 2)) - load<i32>(offsets + (<usize>g << 2));
    const k = load<i32>(ks + (<usize>g << 2));
    sampleSortedInto(state, K, k, o);
    o += <usize>k << 2;
  }
}
