// Pairwise accuracy over explicit pairs (gold_a, gold_b, proxy_a, proxy_b): one streaming pass
// that classifies every pair by the signs of gold_a − gold_b and proxy_a − proxy_b, decided by
// IEEE comparisons (never by subtracting, which could underflow to 0 or overflow to ±Inf).
//
// Output layout (f64 at `out`, counts exact below 2^53):
//   out[0] gold ties      gold_a == gold_b (no correct answer)
//   out[1] concordant     gold ordered, proxy ordered the same way
//   out[2] discordant     gold ordered, proxy ordered the other way
//   out[3] proxy ties     gold ordered, proxy_a == proxy_b
//   out[4] non-finite     pairs with a NaN or ±Inf in any of the four values (0 for valid input);
//                         the host checks it so validation costs no extra pass over memory.
// -0 and +0 compare equal. Tie policies (strict / half / drop) are applied by the host.

const OUT_GOLD_TIES = 0;
const OUT_CONCORDANT = 1;
const OUT_DISCORDANT = 2;
const OUT_PROXY_TIES = 3;
const OUT_NONFINITE = 4;

// @ts-ignore: decorator
@inline
function writeCounts(out: usize, m: i32, goldOrdered: i64, both: i64, conc: i64, bad: i64): void {
  store<f64>(out + (OUT_GOLD_TIES << 3), <f64>(<i64>m - goldOrdered));
  store<f64>(out + (OUT_CONCORDANT << 3), <f64>conc);
  store<f64>(out + (OUT_DISCORDANT << 3), <f64>(both - conc));
  store<f64>(out + (OUT_PROXY_TIES << 3), <f64>(goldOrdered - both));
  store<f64>(out + (OUT_NONFINITE << 3), <f64>bad);
}

/**
 * Pair counts, scalar twin of `pair_counts_simd`. Branch-free classification of each pair,
 * O(m), exact integer counts. Non-finite values are counted in out[4]; the other counts are
 * then meaningless (NaN compares unordered).
 */
export function pair_counts_scalar(ga: usize, gb: usize, pa: usize, pb: usize, m: i32, out: usize): void {
  let goldOrdered: i64 = 0, both: i64 = 0, conc: i64 = 0, bad: i64 = 0;
  for (let i = 0; i < m; i++) {
    const o = <usize>i << 3;
    const a = load<f64>(ga + o), b = load<f64>(gb + o);
    const c = load<f64>(pa + o), d = load<f64>(pb + o);
    const neG = <i64>(a != b), neP = <i64>(c != d);
    const gtG = <i64>(a > b), gtP = <i64>(c > d);
    goldOrdered += neG;
    const bo = neG & neP;
    both += bo;
    conc += bo & ~(gtG ^ gtP);
    // x − x is 0 for finite x and NaN for NaN/±Inf.
    const chk = ((a - a) + (b - b)) + ((c - c) + (d - d));
    bad += <i64>(chk != chk);
  }
  writeCounts(out, m, goldOrdered, both, conc, bad);
}

/**
 * Pair counts with f64x2 compares and i64x2 accumulators, 4 pairs per iteration, branch-free.
 * Algorithm: a pair is ordered in gold when gold_a != gold_b; it is concordant when both are
 * ordered and (gold_a > gold_b) == (proxy_a > proxy_b). O(m), bound by memory bandwidth
 * (32 bytes read per pair); exact integer counts. A non-finite value turns a running
 * f64x2 sum of (x − x) into NaN; then the scalar twin recounts which pairs are bad.
 */
export function pair_counts_simd(ga: usize, gb: usize, pa: usize, pb: usize, m: i32, out: usize): void {
  let accOrd0 = i64x2.splat(0), accBoth0 = i64x2.splat(0), accConc0 = i64x2.splat(0);
  let accOrd1 = i64x2.splat(0), accBoth1 = i64x2.splat(0), accConc1 = i64x2.splat(0);
  let chk = f64x2.splat(0);
  const m4 = m & ~3;
  for (let i = 0; i < m4; i += 4) {
    const o = <usize>i << 3;
    const a0 = v128.load(ga + o), b0 = v128.load(gb + o);
    const c0 = v128.load(pa + o), d0 = v128.load(pb + o);
    const a1 = v128.load(ga + o, 16), b1 = v128.load(gb + o, 16);
    const c1 = v128.load(pa + o, 16), d1 = v128.load(pb + o, 16);
    const neG0 = f64x2.ne(a0, b0), neP0 = f64x2.ne(c0, d0);
    const neG1 = f64x2.ne(a1, b1), neP1 = f64x2.ne(c1, d1);
    const bo0 = v128.and(neG0, neP0), bo1 = v128.and(neG1, neP1);
    const same0 = v128.not(v128.xor(f64x2.gt(a0, b0), f64x2.gt(c0, d0)));
    const same1 = v128.not(v128.xor(f64x2.gt(a1, b1), f64x2.gt(c1, d1)));
    // masks are all-ones (−1) where true: subtracting counts them
    accOrd0 = i64x2.sub(accOrd0, neG0);
    accOrd1 = i64x2.sub(accOrd1, neG1);
    accBoth0 = i64x2.sub(accBoth0, bo0);
    accBoth1 = i64x2.sub(accBoth1, bo1);
    accConc0 = i64x2.sub(accConc0, v128.and(bo0, same0));
    accConc1 = i64x2.sub(accConc1, v128.and(bo1, same1));
    const s0 = f64x2.add(f64x2.add(f64x2.sub(a0, a0), f64x2.sub(b0, b0)), f64x2.add(f64x2.sub(c0, c0), f64x2.sub(d0, d0)));
    const s1 = f64x2.add(f64x2.add(f64x2.sub(a1, a1), f64x2.sub(b1, b1)), f64x2.add(f64x2.sub(c1, c1), f64x2.sub(d1, d1)));
    chk = f64x2.add(chk, f64x2.add(s0, s1));
  }
  const accOrd = i64x2.add(accOrd0, accOrd1);
  const accBoth = i64x2.add(accBoth0, accBoth1);
  const accConc = i64x2.add(accConc0, accConc1);
  let goldOrdered = i64x2.extract_lane(accOrd, 0) + i64x2.extract_lane(accOrd, 1);
  let both = i64x2.extract_lane(accBoth, 0) + i64x2.extract_lane(accBoth, 1);
  let conc = i64x2.extract_lane(accConc, 0) + i64x2.extract_lane(accConc, 1);
  const c0 = f64x2.extract_lane(chk, 0) + f64x2.extract_lane(chk, 1);
  if (c0 != c0) {
    pair_counts_scalar(ga, gb, pa, pb, m, out);
    return;
  }
  let bad: i64 = 0;
  for (let i = m4; i < m; i++) {
    const o = <usize>i << 3;
    const a = load<f64>(ga + o), b = load<f64>(gb + o);
    const c = load<f64>(pa + o), d = load<f64>(pb + o);
    const neG = <i64>(a != b), neP = <i64>(c != d);
    const bo = neG & neP;
    goldOrdered += neG;
    both += bo;
    conc += bo & ~(<i64>(a > b) ^ <i64>(c > d));
    const t = ((a - a) + (b - b)) + ((c - c) + (d - d));
    bad += <i64>(t != t);
  }
  writeCounts(out, m, goldOrdered, both, conc, bad);
}

/**
 * Sum of four f64 arrays of length m (f64x2, 4 lanes of accumulators): the memory-bandwidth
 * baseline the pairwise kernel is benchmarked against (same 32 bytes read per index).
 * Naive summation in two f64x2 accumulators: a timing baseline, not for statistics.
 */
export function sum4_f64(a: usize, b: usize, c: usize, d: usize, m: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  const m4 = m & ~3;
  for (let i = 0; i < m4; i += 4) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.add(f64x2.add(v128.load(a + o), v128.load(b + o)), f64x2.add(v128.load(c + o), v128.load(d + o))));
    s1 = f64x2.add(s1, f64x2.add(f64x2.add(v128.load(a + o, 16), v128.load(b + o, 16)), f64x2.add(v128.load(c + o, 16), v128.load(d + o, 16))));
  }
  const s = f64x2.add(s0, s1);
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (let i = m4; i < m; i++) {
    const o = <usize>i << 3;
    t += (load<f64>(a + o) + load<f64>(b + o)) + (load<f64>(c + o) + load<f64>(d + o));
  }
  return t;
}
