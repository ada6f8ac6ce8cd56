/**
 * Plain-TypeScript references for rank.ts.
 * - `groupStatsRef`: brute force, O(k²) per group: every pair classified directly; average
 *   ranks by counting smaller and equal values. Obviously correct; for tests.
 * - `groupStatsKnightRef`: Knight's O(k log k) algorithm in TypeScript, the same steps as the
 *   wasm kernel (stable merge argsort by y, then by x in y order; inversions by merge sort):
 *   the fair TypeScript baseline for benchmarks. Tested against the brute force.
 */
import { GROUP_STAT_KEYS, type GroupStats } from './rank.js';

function emptyStats(G: number): GroupStats {
  const res = {} as GroupStats;
  for (const key of GROUP_STAT_KEYS) res[key] = new Float64Array(G);
  return res;
}

const clip = (v: number): number => Math.min(1, Math.max(-1, v));

function pearsonOf(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const k = a.length;
  if (k === 2) return Math.sign(a[1] - a[0]) * Math.sign(b[1] - b[0]); // exact, as scipy
  let sa = 0,
    sb = 0;
  for (let i = 0; i < k; i++) {
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / k,
    mb = sb / k;
  // centered values divided by their largest magnitude, so squares cannot overflow
  let da = 0,
    db = 0;
  for (let i = 0; i < k; i++) {
    da = Math.max(da, Math.abs(a[i] - ma));
    db = Math.max(db, Math.abs(b[i] - mb));
  }
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < k; i++) {
    const u = (a[i] - ma) / da,
      v = (b[i] - mb) / db;
    sab += u * v;
    saa += u * u;
    sbb += v * v;
  }
  return clip(sab / (Math.sqrt(saa) * Math.sqrt(sbb)));
}

function writeCorrelations(
  res: GroupStats,
  g: number,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  rx: ArrayLike<number>,
  ry: ArrayLike<number>,
): void {
  const n0 = res.pairs[g],
    n1 = res.tiesX[g],
    n2 = res.tiesY[g];
  const noVariation = n1 === n0 || n2 === n0; // includes k < 2 (n0 = 0)
  res.tauB[g] = noVariation ? NaN : clip((res.concordant[g] - res.discordant[g]) / Math.sqrt(n0 - n1) / Math.sqrt(n0 - n2));
  res.spearman[g] = noVariation ? NaN : pearsonOf(rx, ry);
  res.pearson[g] = noVariation ? NaN : pearsonOf(x, y);
}

/** Average (1-based) ranks by counting: rank = #smaller + (#equal + 1) / 2. O(k²). */
function averageRanksBrute(v: ArrayLike<number>): Float64Array {
  const k = v.length;
  const r = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let less = 0,
      equal = 0;
    for (let j = 0; j < k; j++) {
      if (v[j] < v[i]) less++;
      else if (v[j] === v[i]) equal++;
    }
    r[i] = less + (equal + 1) / 2;
  }
  return r;
}

export function groupStatsRef(x: ArrayLike<number>, y: ArrayLike<number>, offsets: ArrayLike<number>): GroupStats {
  const G = offsets.length - 1;
  const res = emptyStats(G);
  for (let g = 0; g < G; g++) {
    const xs = Array.prototype.slice.call(x, offsets[g], offsets[g + 1]) as number[];
    const ys = Array.prototype.slice.call(y, offsets[g], offsets[g + 1]) as number[];
    const k = xs.length;
    let c = 0,
      d = 0,
      tx = 0,
      ty = 0,
      txy = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const sx = Math.sign(xs[i] - xs[j]),
          sy = Math.sign(ys[i] - ys[j]);
        if (xs[i] === xs[j]) tx++;
        if (ys[i] === ys[j]) ty++;
        if (xs[i] === xs[j] && ys[i] === ys[j]) txy++;
        if (xs[i] !== xs[j] && ys[i] !== ys[j]) {
          if (sx === sy) c++;
          else d++;
        }
      }
    }
    res.pairs[g] = k < 2 ? 0 : (k * (k - 1)) / 2;
    res.concordant[g] = c;
    res.discordant[g] = d;
    res.tiesX[g] = tx;
    res.tiesY[g] = ty;
    res.tiesXY[g] = txy;
    writeCorrelations(res, g, xs, ys, averageRanksBrute(xs), averageRanksBrute(ys));
  }
  return res;
}

/** Inversions of a (strictly greater before smaller), sorting a; bottom-up merge sort. */
function countInversionsRef(a: Int32Array, tmp: Int32Array): number {
  const n = a.length;
  let inv = 0;
  let src = a,
    dst = tmp;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n),
        hi = Math.min(lo + 2 * width, n);
      let i = lo,
        j = mid,
        k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          inv += mid - i;
          dst[k++] = src[j++];
        } else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return inv;
}

/** Stable ascending argsort of keys[0..k) into idx (bottom-up merge sort; tmp is scratch of k). */
function argsortStable(keys: Float64Array, k: number, idx: Int32Array, tmp: Int32Array): Int32Array {
  for (let i = 0; i < k; i++) idx[i] = i;
  let src = idx,
    dst = tmp;
  for (let width = 1; width < k; width *= 2) {
    for (let lo = 0; lo < k; lo += 2 * width) {
      const mid = Math.min(lo + width, k),
        hi = Math.min(lo + 2 * width, k);
      let i = lo,
        j = mid,
        o = lo;
      while (i < mid && j < hi) dst[o++] = keys[src[j]] < keys[src[i]] ? src[j++] : src[i++];
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src; // idx or tmp, whichever holds the result
}

export function groupStatsKnightRef(x: ArrayLike<number>, y: ArrayLike<number>, offsets: ArrayLike<number>): GroupStats {
  const G = offsets.length - 1;
  const res = emptyStats(G);
  let kmax = 0;
  for (let g = 0; g < G; g++) kmax = Math.max(kmax, offsets[g + 1] - offsets[g]);
  const [a1, a2, b1, b2] = [0, 0, 0, 0].map(() => new Int32Array(kmax));
  const [dy, seq, tmp] = [0, 0, 0].map(() => new Int32Array(kmax));
  const [xs, ys, xy, rx, ry] = [0, 0, 0, 0, 0].map(() => new Float64Array(kmax));
  for (let g = 0; g < G; g++) {
    const lo = offsets[g],
      k = offsets[g + 1] - lo;
    for (let i = 0; i < k; i++) {
      xs[i] = x[lo + i];
      ys[i] = y[lo + i];
    }
    // y order: dense and average ranks, ties in y; x gathered in y order
    const byY = argsortStable(ys, k, a1, a2);
    let n1 = 0,
      n2 = 0,
      n3 = 0;
    for (let s = 0, dense = 0; s < k; dense++) {
      let e = s + 1;
      while (e < k && ys[byY[e]] === ys[byY[s]]) e++;
      for (let i = s; i < e; i++) {
        dy[byY[i]] = dense;
        ry[byY[i]] = (s + e + 1) / 2;
        xy[i] = xs[byY[i]];
      }
      n2 += ((e - s) * (e - s - 1)) / 2;
      s = e;
    }
    // (x, y) lexicographic order: stable sort of x taken in y order
    const p = argsortStable(xy, k, b1, b2);
    for (let s = 0; s < k; ) {
      let e = s + 1;
      while (e < k && xy[p[e]] === xy[p[s]]) e++;
      let run = 1;
      for (let i = s; i < e; i++) {
        const el = byY[p[i]];
        rx[el] = (s + e + 1) / 2;
        seq[i] = dy[el];
        if (i > s && seq[i] === seq[i - 1]) run++;
        else {
          n3 += (run * (run - 1)) / 2;
          run = 1;
        }
      }
      n3 += (run * (run - 1)) / 2;
      n1 += ((e - s) * (e - s - 1)) / 2;
      s = e;
    }
    const dis = countInversionsRef(seq.subarray(0, k), tmp.subarray(0, k));
    const n0 = k < 2 ? 0 : (k * (k - 1)) / 2;
    res.pairs[g] = n0;
    res.concordant[g] = n0 - n1 - n2 + n3 - dis;
    res.discordant[g] = dis;
    res.tiesX[g] = n1;
    res.tiesY[g] = n2;
    res.tiesXY[g] = n3;
    writeCorrelations(res, g, xs.subarray(0, k), ys.subarray(0, k), rx.subarray(0, k), ry.subarray(0, k));
  }
  return res;
}
