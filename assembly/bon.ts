// Best-of-n over pools. Prompt p owns responses offsets[p] .. offsets[p+1) (K_p ≥ 1 of them),
// each with a gold and a proxy score (f64) and optionally an unnormalized log π0 (base-policy
// log-probability; normalized per pool here by log-sum-exp). Policy of best-of-n: draw n
// responses, keep the one with the highest proxy.
//
// Proxy ties. A block of responses with equal proxy shares the block's selection probability in
// proportion to π0 mass (equally for uniform π0 and always equally without replacement). This is
// the law of "the first drawn among the tied maxima" (each draw landing in the block is an
// independent π0-distributed member of it), which is the Monte Carlo kernel's rule. So the exact
// kernels replace gold inside a tied block by the block's π0-weighted mean gold and then apply
// per-rank weights; KL is computed block by block.

import { belowThreshold, nextBelowT } from './rng';
import { regionAt } from './scratch';
import { argsortInto, argsortScratchBytes } from './sort';

const LN2: f64 = 0.6931471805599453;
/** exp(x) is 0 in f64 for x below this. */
const EXP_UNDERFLOW: f64 = -745.2;

// Scratch layout of bon_exact (scratch.ts), region by region, k = the largest pool, m = count of n:
const IDX = 0; //        i32[k]       the pool's proxy order
const SORT = 1; //       argsort scratch of k keys
const SG = 2; //         f64[k]       gold in proxy order (tie blocks averaged)
const SP = 3; //         f64[k]       proxy in proxy order
const SPI = 4; //        f64[k]       π0 in proxy order
const LF = 5; //         f64[k]       log F, the cumulative π0 mass
const DF = 6; //         f64[k]       log(F_{r−1}/F_r)
const LG = 7; //         f64[k+1]     log j, j = 0..k
const BLK = 8; //        i32[k]       ends of the proxy-tie blocks
const LBM = 9; //        f64[k]       log π0 mass of each block
const TAB = 10; //       f64[m·k]     one weight row per n
const TAB_KL = 11; //    f64[m]       KL of each row for an untied pool
const TAB_START = 12; // i32[m]       first nonzero weight of each row
const REGIONS = 13;

function bonRegionSize(r: i32, k: usize, m: usize): usize {
  switch (r) {
    case IDX:
    case BLK:
      return k << 2;
    case SORT:
      return argsortScratchBytes(<i32>k);
    case LG:
      return (k + 1) << 3;
    case TAB:
      return (k * m) << 3;
    case TAB_KL:
      return m << 3;
    case TAB_START:
      return m << 2;
    default:
      return k << 3;
  }
}

/** Bytes of scratch `bon_exact` needs for pools of at most kMax responses and nCount values of n. */
export function bonExactScratchBytes(kMax: i32, nCount: i32): usize {
  return regionAt(0, REGIONS, bonRegionSize, <usize>kMax, <usize>nCount);
}

/**
 * Weights of best-of-n WITHOUT replacement from a uniform pool of K (one row per n).
 * Unbiased best-of-n estimator (Gao, Schulman & Hilton 2022, app. on the estimator; Nakano et al.
 * 2021): the response of proxy rank i (1-based ascending) is the maximum of a uniform n-subset
 * with probability w_i = C(i−1, n−1)/C(K, n). Evaluated in log space as a running sum from the top,
 * log w_K = log(n/K), log w_{i−1} = log w_i + log(i−n) − log(i−1), carried multiplicatively for w
 * (w_{i−1} = w_i·(i−n)/(i−1)) and additively over a log table for KL: C(K, n) is never formed, so
 * nothing overflows; weights below 2^−1074 underflow to 0 (the row starts after them).
 * Relative error of w_i ≤ 2(K−i+1) ulp; O(K) a row. Requires 1 ≤ n ≤ K (else the row is empty
 * and its KL is NaN). The KL of best-of-n from π0 for an untied pool, log n − (n−1)/n, goes to
 * tabKL (see bonKLAtoms).
 */
function fillWithout(K: i32, ns: usize, nCount: i32, kMax: i32, tab: usize, tabKL: usize, tabStart: usize): void {
  for (let q = 0; q < nCount; q++) {
    const n = load<i32>(ns + (<usize>q << 2));
    const row = tab + ((<usize>q * <usize>kMax) << 3);
    if (n > K || n < 1) {
      for (let r = 0; r < K; r++) store<f64>(row + (<usize>r << 3), 0);
      store<i32>(tabStart + (<usize>q << 2), K);
      store<f64>(tabKL + (<usize>q << 3), NaN);
      continue;
    }
    let w = <f64>n / <f64>K;
    let r = K - 1; // 0-based rank of i = r + 1
    while (true) {
      store<f64>(row + (<usize>r << 3), w);
      if (r == n - 1) break; // i = n: the smallest rank that can be the maximum
      const i = r + 1;
      w = w * <f64>(i - n) / <f64>(i - 1);
      r--;
      if (w == 0) break;
    }
    if (w == 0) r++;
    store<i32>(tabStart + (<usize>q << 2), r);
    for (let s = 0; s < r; s++) store<f64>(row + (<usize>s << 3), 0);
    const nf = <f64>n;
    store<f64>(tabKL + (<usize>q << 3), Math.log(nf) - (nf - 1) / nf);
  }
}

/**
 * Weights of best-of-n WITH replacement under π0 (one row per n): w_r = F_r^n − F_{r−1}^n over
 * the cumulative π0 mass F of the proxy-sorted pool, given L_r = log F_r and
 * D_r = log(F_{r−1}/F_r) = log1p(−π_r/F_r) (−∞ for r = 0). With E_r = exp(n·L_r):
 * w_r = E_r − E_{r−1} when n·D_r ≤ −ln 2 (E_{r−1} ≤ E_r/2: no cancellation, ≤ 3 ulp), otherwise
 * w_r = E_r·(−expm1(n·D_r)) (a few ulp). Beyond that, relative error ≈ n·|δL_r| from the error
 * δL_r of log F_r (≤ 2 ulp of |log F_r| for the caller's L). n = 1 gives w_r = π_r exactly.
 * Entries with n·L_r < −745.2 (E = 0 in f64) are 0 and skipped. O(K) exp a row (+ expm1 where
 * n·D_r > −ln 2). With `uniformK` > 0 also writes KL(π_bon ‖ uniform) of an untied pool to tabKL.
 */
function fillWith(K: i32, ns: usize, nCount: i32, kMax: i32, L: usize, D: usize, spi: usize, uniformK: i32,
  lg: usize, tab: usize, tabKL: usize, tabStart: usize): void {
  for (let q = 0; q < nCount; q++) {
    const n = <f64>load<i32>(ns + (<usize>q << 2));
    const row = tab + ((<usize>q * <usize>kMax) << 3);
    if (n == 1) {
      if (uniformK > 0) {
        const w = 1 / <f64>K;
        for (let r = 0; r < K; r++) store<f64>(row + (<usize>r << 3), w);
      } else {
        memory.copy(row, spi, <usize>K << 3);
      }
      store<i32>(tabStart + (<usize>q << 2), 0);
      store<f64>(tabKL + (<usize>q << 3), 0);
      continue;
    }
    let start = 0;
    let prevE: f64 = 0;
    for (let r = 0; r < K; r++) {
      const a = n * load<f64>(L + (<usize>r << 3));
      if (a < EXP_UNDERFLOW) {
        store<f64>(row + (<usize>r << 3), 0);
        start = r + 1;
        continue;
      }
      const E = Math.exp(a);
      const nd = n * load<f64>(D + (<usize>r << 3));
      const w = nd <= -LN2 ? E - prevE : E * -Math.expm1(nd);
      store<f64>(row + (<usize>r << 3), w);
      prevE = E;
    }
    store<i32>(tabStart + (<usize>q << 2), start);
    if (uniformK > 0) {
      const lgK = load<f64>(lg + (<usize>K << 3));
      let kl: f64 = 0;
      for (let r = start; r < K; r++) {
        const w = load<f64>(row + (<usize>r << 3));
        if (w > 0) kl += w * (Math.log(w) + lgK);
      }
      store<f64>(tabKL + (<usize>q << 3), kl);
    }
  }
}

/**
 * u^n·(log n + (n−1)·log u − (n−1)/n): the antiderivative of n·u^(n−1)·log(n·u^(n−1)), so that
 * KL(best-of-n ‖ π0) for a continuous π0 is bonG(1) − bonG(0) = log n − (n−1)/n; bonG(0) = 0.
 */
// @ts-ignore: decorator
@inline
function bonG(u: f64, n: f64): f64 {
  return u > 0 ? Math.pow(u, n) * (Math.log(n) + (n - 1) * Math.log(u) - (n - 1) / n) : 0;
}

/**
 * KL of best-of-n from the π0 a pool of K stands in for (the `without` estimator's KL): each
 * untied response is a piece of a continuous distribution, each block of s tied responses an
 * atom of mass s/K. A piece of the proxy's CDF from a to c contributes bonG(c) − bonG(a), an atom
 * P·log(P/m) with P = c^n − a^n (best-of-n selects the atom with the probability that its top
 * draw lands in it; within the atom it follows π0). So an untied pool gives exactly log n −
 * (n−1)/n, whatever K, and ties lower it, as an atom of π0 would: `bound` plus, per tied block,
 * P·log(P/m) − (bonG(c) − bonG(a)). O(blocks). Uniform π0, 1 ≤ n ≤ K.
 */
function bonKLAtoms(n: f64, K: i32, blk: usize, nb: i32, bound: f64): f64 {
  let kl = bound;
  let start = 0;
  const inv = 1 / <f64>K;
  for (let b = 0; b < nb; b++) {
    const end = load<i32>(blk + (<usize>b << 2));
    if (end - start > 1) {
      const a = <f64>start * inv;
      const c = <f64>end * inv;
      const P = Math.pow(c, n) - Math.pow(a, n);
      if (P > 0) kl += P * Math.log(P / (c - a));
      kl -= bonG(c, n) - bonG(a, n);
    }
    start = end;
  }
  return kl > 0 ? kl : 0;
}

/**
 * Σ_b P_b·(log P_b − log m_b) over proxy-tie blocks b with selection probability P_b (the sum of
 * the row's weights over the block) and π0 mass m_b (log in lbm): KL(π_bon ‖ π0) when tied
 * responses share their block in proportion to π0. O(K) plus one log per block.
 */
function blockKL(row: usize, blk: usize, nb: i32, lbm: usize): f64 {
  let kl: f64 = 0;
  let r = 0;
  for (let b = 0; b < nb; b++) {
    const e = load<i32>(blk + (<usize>b << 2));
    let pb: f64 = 0;
    for (; r < e; r++) pb += load<f64>(row + (<usize>r << 3));
    if (pb > 0) kl += pb * (Math.log(pb) - load<f64>(lbm + (<usize>b << 3)));
  }
  return kl;
}

/**
 * Exact expected gold and proxy of best-of-n, and its KL, for every prompt and every n of
 * ns[0..nCount) (i32, ≥ 1), in one call. Per prompt: one stable argsort by proxy (or the pool's
 * order given in `order`, i32 local indices laid out like the responses, as argsort_groups writes
 * it; 0 = sort here), a gather, a tie-block pass, then one weighted pass (f64x2) per n;
 * O(Σ K log K + P·N·K). Weight rows depend only on (K, n) for uniform π0 and are rebuilt only
 * when K changes between consecutive prompts.
 * withReplacement = 0: the unbiased estimator of best-of-n from π0 (uniform n-subsets of the pool;
 * requires logPi0 = 0 and n ≤ K; n > K gives NaN); its KL estimates that of best-of-n from π0
 * (bonKLAtoms: log n − (n−1)/n for an untied pool). = 1: n i.i.d. draws from the pool under π0
 * (logPi0 = 0 means uniform), with its exact KL against the pool. Outputs are P×nCount, prompt-major.
 * Accuracy: weights as in fillWithout / fillWith; sums are plain f64 (relative error ≤ K ulp of
 * Σ|w·x|). Scratch: bonExactScratchBytes(max K, nCount).
 */
export function bon_exact(P: i32, offsets: usize, gold: usize, proxy: usize, logPi0: usize, order: usize, ns: usize,
  nCount: i32, withReplacement: i32, outGold: usize, outProxy: usize, outKL: usize, scratch: usize): void {
  let kMax = 0;
  for (let p = 0; p < P; p++) {
    const k = load<i32>(offsets + (<usize>(p + 1) << 2)) - load<i32>(offsets + (<usize>p << 2));
    assert(k >= 1, 'bon_exact: every pool needs K ≥ 1');
    if (k > kMax) kMax = k;
  }
  const km = <usize>kMax;
  const m = <usize>nCount;
  const idx = regionAt(scratch, IDX, bonRegionSize, km, m);
  const sortScr = regionAt(scratch, SORT, bonRegionSize, km, m);
  const sg = regionAt(scratch, SG, bonRegionSize, km, m);
  const sp = regionAt(scratch, SP, bonRegionSize, km, m);
  const spi = regionAt(scratch, SPI, bonRegionSize, km, m);
  const L = regionAt(scratch, LF, bonRegionSize, km, m);
  const D = regionAt(scratch, DF, bonRegionSize, km, m);
  const lg = regionAt(scratch, LG, bonRegionSize, km, m);
  const blk = regionAt(scratch, BLK, bonRegionSize, km, m);
  const lbm = regionAt(scratch, LBM, bonRegionSize, km, m);
  const tab = regionAt(scratch, TAB, bonRegionSize, km, m);
  const tabKL = regionAt(scratch, TAB_KL, bonRegionSize, km, m);
  const tabStart = regionAt(scratch, TAB_START, bonRegionSize, km, m);

  store<f64>(lg, -Infinity);
  for (let j = 1; j <= kMax; j++) store<f64>(lg + (<usize>j << 3), Math.log(<f64>j));

  const uniform = logPi0 == 0;
  let cachedK = 0;
  for (let p = 0; p < P; p++) {
    const o = load<i32>(offsets + (<usize>p << 2));
    const K = load<i32>(offsets + (<usize>(p + 1) << 2)) - o;
    const gp = gold + (<usize>o << 3);
    const pp = proxy + (<usize>o << 3);
    // the pool's proxy order: given (argsort_groups, shared by several calls) or sorted here
    let ord = idx;
    if (order != 0) ord = order + (<usize>o << 2);
    else argsortInto(pp, K, idx, sortScr);
    for (let r = 0; r < K; r++) {
      const j = <usize>load<i32>(ord + (<usize>r << 2)) << 3;
      store<f64>(sg + (<usize>r << 3), load<f64>(gp + j));
      store<f64>(sp + (<usize>r << 3), load<f64>(pp + j));
    }
    if (!uniform) {
      // π0 normalized by log-sum-exp, in proxy order
      const lp = logPi0 + (<usize>o << 3);
      let mx = -Infinity;
      for (let r = 0; r < K; r++) mx = max(mx, load<f64>(lp + (<usize>r << 3)));
      let s: f64 = 0;
      for (let r = 0; r < K; r++) {
        const j = <usize>load<i32>(ord + (<usize>r << 2)) << 3;
        const e = Math.exp(load<f64>(lp + j) - mx);
        store<f64>(spi + (<usize>r << 3), e);
        s += e;
      }
      const inv = 1 / s;
      for (let r = 0; r < K; r++) store<f64>(spi + (<usize>r << 3), load<f64>(spi + (<usize>r << 3)) * inv);
    }
    // proxy-tie blocks: ends in blk, log π0 mass in lbm, gold replaced by the block's π0-mean
    const lgK = load<f64>(lg + (<usize>K << 3));
    let nb = 0;
    for (let r = 0; r < K; ) {
      const v = load<f64>(sp + (<usize>r << 3));
      let e = r + 1;
      while (e < K && load<f64>(sp + (<usize>e << 3)) == v) e++;
      store<i32>(blk + (<usize>nb << 2), e);
      if (uniform) {
        store<f64>(lbm + (<usize>nb << 3), load<f64>(lg + (<usize>(e - r) << 3)) - lgK);
        if (e - r > 1) {
          let sum: f64 = 0;
          for (let s = r; s < e; s++) sum += load<f64>(sg + (<usize>s << 3));
          const mean = sum / <f64>(e - r);
          for (let s = r; s < e; s++) store<f64>(sg + (<usize>s << 3), mean);
        }
      } else {
        let m: f64 = 0;
        for (let s = r; s < e; s++) m += load<f64>(spi + (<usize>s << 3));
        store<f64>(lbm + (<usize>nb << 3), Math.log(m));
        if (e - r > 1) {
          let sum: f64 = 0;
          let plain: f64 = 0;
          for (let s = r; s < e; s++) {
            const g = load<f64>(sg + (<usize>s << 3));
            sum += load<f64>(spi + (<usize>s << 3)) * g;
            plain += g;
          }
          const mean = m > 0 ? sum / m : plain / <f64>(e - r);
          for (let s = r; s < e; s++) store<f64>(sg + (<usize>s << 3), mean);
        }
      }
      nb++;
      r = e;
    }
    const tied = nb < K;

    if (!uniform) {
      // L_r = log F_r (from the tail mass when F_r ≥ ½), D_r = log1p(−π_r/F_r)
      let F: f64 = 0;
      for (let r = 0; r < K; r++) {
        const pr = load<f64>(spi + (<usize>r << 3));
        F += pr;
        store<f64>(D + (<usize>r << 3), pr > 0 ? Math.log1p(-min(pr / F, 1)) : 0);
        store<f64>(L + (<usize>r << 3), F);
      }
      let T: f64 = 0;
      for (let r = K - 1; r >= 0; r--) {
        const Fr = load<f64>(L + (<usize>r << 3));
        store<f64>(L + (<usize>r << 3), Fr < 0.5 ? Math.log(Fr) : Math.log1p(-T));
        T += load<f64>(spi + (<usize>r << 3));
      }
      fillWith(K, ns, nCount, kMax, L, D, spi, 0, lg, tab, tabKL, tabStart);
    } else if (K != cachedK) {
      if (withReplacement) {
        for (let r = 0; r < K; r++) {
          store<f64>(L + (<usize>r << 3), load<f64>(lg + (<usize>(r + 1) << 3)) - lgK);
          store<f64>(D + (<usize>r << 3), Math.log1p(-1 / <f64>(r + 1)));
        }
        fillWith(K, ns, nCount, kMax, L, D, spi, K, lg, tab, tabKL, tabStart);
      } else {
        fillWithout(K, ns, nCount, kMax, tab, tabKL, tabStart);
      }
      cachedK = K;
    }

    for (let q = 0; q < nCount; q++) {
      const row = tab + ((<usize>q * km) << 3);
      const at = (<usize>p * <usize>nCount + <usize>q) << 3;
      if (!withReplacement && load<i32>(ns + (<usize>q << 2)) > K) {
        store<f64>(outGold + at, NaN);
        store<f64>(outProxy + at, NaN);
        store<f64>(outKL + at, NaN);
        continue;
      }
      let r = load<i32>(tabStart + (<usize>q << 2));
      let ag = f64x2.splat(0);
      let ap = f64x2.splat(0);
      let bg = f64x2.splat(0);
      let bp = f64x2.splat(0);
      for (; r + 4 <= K; r += 4) {
        const off = <usize>r << 3;
        const w0 = v128.load(row + off);
        const w1 = v128.load(row + off, 16);
        ag = f64x2.add(ag, f64x2.mul(w0, v128.load(sg + off)));
        ap = f64x2.add(ap, f64x2.mul(w0, v128.load(sp + off)));
        bg = f64x2.add(bg, f64x2.mul(w1, v128.load(sg + off, 16)));
        bp = f64x2.add(bp, f64x2.mul(w1, v128.load(sp + off, 16)));
      }
      ag = f64x2.add(ag, bg);
      ap = f64x2.add(ap, bp);
      let g = f64x2.extract_lane(ag, 0) + f64x2.extract_lane(ag, 1);
      let x = f64x2.extract_lane(ap, 0) + f64x2.extract_lane(ap, 1);
      for (; r < K; r++) {
        const w = load<f64>(row + (<usize>r << 3));
        g += w * load<f64>(sg + (<usize>r << 3));
        x += w * load<f64>(sp + (<usize>r << 3));
      }
      store<f64>(outGold + at, g);
      store<f64>(outProxy + at, x);
      let kl = load<f64>(tabKL + (<usize>q << 3));
      if (!withReplacement) {
        if (tied) kl = bonKLAtoms(<f64>load<i32>(ns + (<usize>q << 2)), K, blk, nb, kl);
      } else if (tied || !uniform) kl = blockKL(row, blk, nb, lbm);
      store<f64>(outKL + at, kl);
    }
  }
}

/**
 * Monte Carlo best-of-n with replacement from a uniform π0: for each prompt, each n of
 * ns[0..nCount) and each of `trials` trials, draw n responses uniformly from the pool, keep the
 * highest proxy (ties: the first drawn), record its gold and proxy. Writes per (prompt, n) the
 * mean over trials and its standard error sd/√trials (sample sd, Welford's update; trials ≥ 2).
 * Each draw is rng.ts's nextBelow(K) (xoshiro256** then Lemire's multiply-shift with rejection),
 * the draw loop unrolled by two (1.3× faster); src/core/bon.ref.ts checks the stream bit for bit
 * with XoshiroRef.nextBelow. Stream order: prompt-major, then n, then trial, then draw.
 * O(P·Σn·trials) draws.
 */
export function bon_mc(P: i32, offsets: usize, gold: usize, proxy: usize, ns: usize, nCount: i32, trials: i32,
  state: usize, outGoldMean: usize, outGoldSE: usize, outProxyMean: usize, outProxySE: usize): void {
  const T = <f64>trials;
  for (let p = 0; p < P; p++) {
    const o = load<i32>(offsets + (<usize>p << 2));
    const K = load<i32>(offsets + (<usize>(p + 1) << 2)) - o;
    assert(K >= 1, 'bon_mc: every pool needs K ≥ 1');
    const gp = gold + (<usize>o << 3);
    const pp = proxy + (<usize>o << 3);
    const k = <u32>K;
    const threshold = belowThreshold(k);
    for (let q = 0; q < nCount; q++) {
      const n = load<i32>(ns + (<usize>q << 2));
      let mg: f64 = 0, sg: f64 = 0, mp: f64 = 0, spp: f64 = 0;
      for (let t = 0; t < trials; t++) {
        let best = -Infinity;
        let bj: usize = 0;
        let d = 0;
        for (; d + 2 <= n; d += 2) {
          const ja = <usize>nextBelowT(state, k, threshold) << 3;
          const va = load<f64>(pp + ja);
          if (va > best) {
            best = va;
            bj = ja;
          }
          const jb = <usize>nextBelowT(state, k, threshold) << 3;
          const vb = load<f64>(pp + jb);
          if (vb > best) {
            best = vb;
            bj = jb;
          }
        }
        if (d < n) {
          const j = <usize>nextBelowT(state, k, threshold) << 3;
          const v = load<f64>(pp + j);
          if (v > best) {
            best = v;
            bj = j;
          }
        }
        const g = load<f64>(gp + bj);
        const c = 1 / <f64>(t + 1);
        const dg = g - mg;
        mg += dg * c;
        sg += dg * (g - mg);
        const dp = best - mp;
        mp += dp * c;
        spp += dp * (best - mp);
      }
      const at = (<usize>p * <usize>nCount + <usize>q) << 3;
      store<f64>(outGoldMean + at, mg);
      store<f64>(outProxyMean + at, mp);
      store<f64>(outGoldSE + at, Math.sqrt(sg / (T - 1) / T));
      store<f64>(outProxySE + at, Math.sqrt(spp / (T - 1) / T));
    }
  }
}
