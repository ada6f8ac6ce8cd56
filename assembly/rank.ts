// Grouped all-pairs statistics: for each group of (x = gold, y = proxy) values, the exact
// pair counts, Kendall's τ_b, Spearman's ρ (average ranks) and Pearson's r.
//
// Groups: offsets (i32, G + 1 entries, offsets[0] = 0, nondecreasing, offsets[G] = n); group g
// is x/y[offsets[g] .. offsets[g+1]). Sizes may differ; 0 and 1 are allowed.
//
// Output: RANK_STATS arrays of G f64 each, stat s of group g at out + 8·(s·G + g):
//   0 pairs       n0 = k(k−1)/2
//   1 concordant  pairs ordered the same way by x and y
//   2 discordant  pairs ordered oppositely
//   3 tiesX       n1 = pairs tied in x (including those also tied in y)
//   4 tiesY       n2 = pairs tied in y (including those also tied in x)
//   5 tiesXY      n3 = pairs tied in both;  C + D + n1 + n2 − n3 = n0
//   6 tauB        (C − D) / sqrt((n0 − n1)(n0 − n2)), clipped to [−1, 1]
//   7 spearman    Pearson correlation of the average ranks
//   8 pearson     Pearson correlation of x and y (two-pass: means, then centered sums,
//                 scaled so squares cannot overflow); exactly ±1 for k = 2 as in scipy
// Counts are exact (as f64, below 2^53). The three correlations are NaN when x or y has no
// variation in the group (this includes k < 2), as scipy.stats returns them. τ_b and Spearman
// depend only on the order of the values (exact counts or ranks, then a few roundings);
// Pearson needs finite values whose group sums stay finite. All three agree with scipy 1.10
// to 1e-12 absolute on the test fixtures (heavy ties, magnitudes 1e-200 .. 1e200).
// Cost O(Σ k log k): two stable argsorts and one inversion count per group.

import { regionAt } from './scratch';
import { argsortInto, argsortScratchBytes } from './sort';

export const RANK_STATS: i32 = 9;

// Scratch layout of rankGroup (scratch.ts), region by region, k = the group size:
const IDX = 0; //   i32[k]  the order of y
const PERM = 1; //  i32[k]  the order of x taken in y order
const DY = 2; //    i32[k]  dense ranks of y
const SEQ = 3; //   i32[k]  y's dense ranks in x order (the inversion count's input)
const TMP = 4; //   i32[k]  the merge buffer of the inversion count
const XS = 5; //    f64[k]  x in y order
const RX = 6; //    f64[k]  average ranks of x
const RY = 7; //    f64[k]  average ranks of y
const SORT = 8; //  argsort scratch of k keys
const REGIONS = 9;

function rankRegionSize(r: i32, k: usize, _unused: usize): usize {
  if (r == SORT) return argsortScratchBytes(<i32>k);
  return r >= XS ? k << 3 : k << 2;
}

/** Bytes of scratch `rank_stats` needs when the largest group has kmax elements. */
export function rankScratchBytes(kmax: i32): usize {
  return regionAt(0, REGIONS, rankRegionSize, <usize>max(kmax, 1), 0);
}

const RUN = 16;

/**
 * Merge sorted src[lo..mid) and src[mid..hi) into dst (stable: ties take the left), returning
 * the inversions across the halves: each time a right element is strictly smaller than the
 * next left one, it is inverted with every left element not yet merged. Branch-free body.
 * (A two-ended "parity" merge was measured 1.3–1.4× slower here under V8.)
 */
// @ts-ignore: decorator
@inline
function mergeCount(src: usize, dst: usize, lo: i32, mid: i32, hi: i32): i64 {
  let inv: i64 = 0;
  let i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    const u = load<i32>(src + (<usize>i << 2));
    const w = load<i32>(src + (<usize>j << 2));
    const r = w < u;
    store<i32>(dst + (<usize>(k++) << 2), r ? w : u);
    inv += r ? <i64>(mid - i) : 0;
    j += <i32>r;
    i += <i32>!r;
  }
  while (i < mid) store<i32>(dst + (<usize>(k++) << 2), load<i32>(src + (<usize>(i++) << 2)));
  while (j < hi) store<i32>(dst + (<usize>(k++) << 2), load<i32>(src + (<usize>(j++) << 2)));
  return inv;
}

/**
 * Number of inversions (pairs i < j with a[i] > a[j], equal values not counted) of a[0..n)
 * (i32), sorting a ascending in place as a side effect. Insertion sort on runs of 16 (each
 * shift is one inversion), then bottom-up merges counting the inversions across halves
 * (Knight 1966, the merge step of his τ algorithm). O(n log n); exact for n < 2^31.
 * Needs n i32 at tmp.
 */
export function countInversions(a: usize, n: i32, tmp: usize): i64 {
  let inv: i64 = 0;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = load<i32>(a + (<usize>i << 2));
      let j = i - 1;
      while (j >= lo) {
        const w = load<i32>(a + (<usize>j << 2));
        if (w <= v) break;
        store<i32>(a + (<usize>(j + 1) << 2), w);
        j--;
      }
      store<i32>(a + (<usize>(j + 1) << 2), v);
      inv += <i64>(i - 1 - j);
    }
  }
  let src = a;
  let dst = tmp;
  for (let width = RUN; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n);
      const hi = min(lo + (width << 1), n);
      if (mid >= hi || load<i32>(src + (<usize>(mid - 1) << 2)) <= load<i32>(src + (<usize>mid << 2))) {
        // one half only, or already in order: no inversions across the halves
        memory.copy(dst + (<usize>lo << 2), src + (<usize>lo << 2), <usize>(hi - lo) << 2);
        continue;
      }
      inv += mergeCount(src, dst, lo, mid, hi);
    }
    const t = src; src = dst; dst = t;
  }
  if (src != a) memory.copy(a, src, <usize>n << 2);
  return inv;
}

/** 2^−e for v = m·2^e (v > 0 finite): an exact scale bringing v into [1, 2); clamped to stay normal. */
// @ts-ignore: decorator
@inline
function inversePow2(v: f64): f64 {
  const e = <i64>((reinterpret<u64>(v) >>> 52) & 0x7ff);
  return reinterpret<f64>(<u64>max<i64>(1, min<i64>(2046, 2046 - e)) << 52);
}

// @ts-ignore: decorator
@inline
function pairsOf(t: i64): i64 {
  return (t * (t - 1)) >> 1;
}

/**
 * Statistics of one group of k values at x, y (f64, finite) into stat arrays at out (stride
 * G), group index g. Knight's O(k log k) algorithm (J. Am. Stat. Assoc. 61, 1966) as scipy's
 * kendalltau implements it: stable argsort by y gives y's dense and average ranks; a stable
 * argsort of x taken in that order gives the (x, y) lexicographic order, x's average ranks and
 * the joint ties; discordant pairs are the inversions of y's dense ranks in that order.
 */
export function rankGroup(x: usize, y: usize, k: i32, out: usize, G: i32, g: i32, scratch: usize): void {
  const ku = <usize>max(k, 1);
  const idx = regionAt(scratch, IDX, rankRegionSize, ku, 0);
  const perm = regionAt(scratch, PERM, rankRegionSize, ku, 0);
  const dy = regionAt(scratch, DY, rankRegionSize, ku, 0);
  const seq = regionAt(scratch, SEQ, rankRegionSize, ku, 0);
  const tmp = regionAt(scratch, TMP, rankRegionSize, ku, 0);
  const xs = regionAt(scratch, XS, rankRegionSize, ku, 0);
  const rx = regionAt(scratch, RX, rankRegionSize, ku, 0);
  const ry = regionAt(scratch, RY, rankRegionSize, ku, 0);
  const sortScratch = regionAt(scratch, SORT, rankRegionSize, ku, 0);

  const n0: i64 = pairsOf(<i64>k);
  let n1: i64 = 0, n2: i64 = 0, n3: i64 = 0, dis: i64 = 0;
  let tau = NaN, rho = NaN, r = NaN;

  if (k >= 2) {
    // 1. y order: dense ranks, average ranks (1-based), pairs tied in y; x gathered in y order.
    argsortInto(y, k, idx, sortScratch);
    let s = 0, dense = 0;
    while (s < k) {
      const v = load<f64>(y + (<usize>load<i32>(idx + (<usize>s << 2)) << 3));
      let e = s + 1;
      while (e < k && load<f64>(y + (<usize>load<i32>(idx + (<usize>e << 2)) << 3)) == v) e++;
      const avg = <f64>(s + e + 1) * 0.5;
      for (let i = s; i < e; i++) {
        const el = <usize>load<i32>(idx + (<usize>i << 2));
        store<i32>(dy + (el << 2), dense);
        store<f64>(ry + (el << 3), avg);
        store<f64>(xs + (<usize>i << 3), load<f64>(x + (el << 3)));
      }
      n2 += pairsOf(<i64>(e - s));
      dense++;
      s = e;
    }
    // 2. (x, y) order: stable argsort of x in y order; x ranks, ties in x and in both.
    argsortInto(xs, k, perm, sortScratch);
    s = 0;
    while (s < k) {
      const v = load<f64>(xs + (<usize>load<i32>(perm + (<usize>s << 2)) << 3));
      let e = s + 1;
      while (e < k && load<f64>(xs + (<usize>load<i32>(perm + (<usize>e << 2)) << 3)) == v) e++;
      const avg = <f64>(s + e + 1) * 0.5;
      let run: i64 = 0, prev = -1;
      for (let i = s; i < e; i++) {
        const el = <usize>load<i32>(idx + (<usize>load<i32>(perm + (<usize>i << 2)) << 2));
        store<f64>(rx + (el << 3), avg);
        const d = load<i32>(dy + (el << 2));
        store<i32>(seq + (<usize>i << 2), d);
        if (d == prev) {
          run++;
        } else {
          n3 += pairsOf(run);
          run = 1;
          prev = d;
        }
      }
      n3 += pairsOf(run);
      n1 += pairsOf(<i64>(e - s));
      s = e;
    }
    // 3. discordant pairs: inversions of y's dense ranks in (x, y) order.
    dis = countInversions(seq, k, tmp);

    if (n1 < n0 && n2 < n0) {
      const cmd = <f64>(n0 - n1 - n2 + n3 - (dis << 1));
      tau = cmd / Math.sqrt(<f64>(n0 - n1)) / Math.sqrt(<f64>(n0 - n2));
      tau = min(1.0, max(-1.0, tau));
      // Spearman: Pearson of average ranks (mean (k+1)/2 exactly).
      const mr = <f64>(k + 1) * 0.5;
      let sab = 0.0, saa = 0.0, sbb = 0.0;
      for (let i = 0; i < k; i++) {
        const a = load<f64>(rx + (<usize>i << 3)) - mr;
        const b = load<f64>(ry + (<usize>i << 3)) - mr;
        sab += a * b; saa += a * a; sbb += b * b;
      }
      rho = min(1.0, max(-1.0, sab / Math.sqrt(saa * sbb)));
      // Pearson: two-pass (means, then centered sums); the centered values are scaled by an
      // exact power of two near 1/max|·| so squares neither overflow nor underflow.
      let sx = 0.0, sy = 0.0;
      for (let i = 0; i < k; i++) {
        sx += load<f64>(x + (<usize>i << 3));
        sy += load<f64>(y + (<usize>i << 3));
      }
      const mx = sx / <f64>k, my = sy / <f64>k;
      let ax = 0.0, ay = 0.0;
      for (let i = 0; i < k; i++) {
        ax = max(ax, abs(load<f64>(x + (<usize>i << 3)) - mx));
        ay = max(ay, abs(load<f64>(y + (<usize>i << 3)) - my));
      }
      const fx = inversePow2(ax), fy = inversePow2(ay);
      let cxy = 0.0, cxx = 0.0, cyy = 0.0;
      for (let i = 0; i < k; i++) {
        const a = (load<f64>(x + (<usize>i << 3)) - mx) * fx;
        const b = (load<f64>(y + (<usize>i << 3)) - my) * fy;
        cxy += a * b; cxx += a * a; cyy += b * b;
      }
      r = min(1.0, max(-1.0, cxy / (Math.sqrt(cxx) * Math.sqrt(cyy))));
      if (k == 2) r = tau; // exactly ±1, as scipy.stats.pearsonr returns for two values
    }
  }
  const stride = <usize>G << 3;
  const o = out + (<usize>g << 3);
  store<f64>(o, <f64>n0);
  store<f64>(o + stride, <f64>(n0 - n1 - n2 + n3 - dis));
  store<f64>(o + stride * 2, <f64>dis);
  store<f64>(o + stride * 3, <f64>n1);
  store<f64>(o + stride * 4, <f64>n2);
  store<f64>(o + stride * 5, <f64>n3);
  store<f64>(o + stride * 6, tau);
  store<f64>(o + stride * 7, rho);
  store<f64>(o + stride * 8, r);
}

/**
 * Exported entry: statistics of every group (see the header) into out (RANK_STATS × G f64).
 * x, y: f64[n], finite (checked by the host); offsets: i32[G + 1], validated by the host;
 * scratch: rankScratchBytes(largest group size). O(Σ k log k).
 */
export function rank_stats(x: usize, y: usize, offsets: usize, G: i32, out: usize, scratch: usize): void {
  for (let g = 0; g < G; g++) {
    const lo = load<i32>(offsets + (<usize>g << 2));
    const hi = load<i32>(offsets + (<usize>(g + 1) << 2));
    rankGroup(x + (<usize>lo << 3), y + (<usize>lo << 3), hi - lo, out, G, g, scratch);
  }
}
