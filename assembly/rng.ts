// Random streams. xoshiro256** 1.0 (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro256starstar.c):
// 256-bit state, period 2^256 − 1, passes BigCrush. The state is 4 u64 words at `state`
// (memory the caller owns); there is no module-global random state.

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

/** Uniform integer in [0, k), k ≥ 1, by Lemire's multiply-shift with rejection (unbiased). */
export function nextBelow(state: usize, k: u32): u32 {
  let x = <u32>(nextU64(state) >>> 32);
  let m = <u64>x * <u64>k;
  let low = <u32>m;
  if (low < k) {
    const threshold = (0 - k) % k;
    while (low < threshold) {
      x = <u32>(nextU64(state) >>> 32);
      m = <u64>x * <u64>k;
      low = <u32>m;
    }
  }
  return <u32>(m >>> 32);
}

/** Fill out[0..n) with uniform doubles in [0, 1). */
export function rng_uniform(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), nextF64(state));
}
