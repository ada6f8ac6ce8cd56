// Stable argsort of f64 keys.
//
// Keys are mapped to u64 by the order-preserving transform of their bits (positives: flip the
// sign bit; negatives: flip every bit; −0 is first canonicalized to +0 so the two tie), then
// sorted by LSD radix sort (Friend 1956; Knuth TAOCP 5.2.5) with 8-bit digits: one counting
// pass builds all eight histograms, then one stable scatter pass per digit, skipping digits that
// every key shares. O(n) time, stable, exact for every non-NaN key (NaN is rejected by the host;
// ±Inf sort to the ends). Small inputs (n ≤ 32) use insertion sort on the transformed keys.

const SMALL: i32 = 32;
const HIST_BYTES: usize = 8 * 256 * 4; // 8 digit histograms of 256 counters

/** Order-preserving map f64 → u64 (−0 ↦ key of +0). */
// @ts-ignore: decorator
@inline
function sortKey(x: f64): u64 {
  const b = reinterpret<u64>(x + 0.0); // −0 + 0 = +0 under round-to-nearest
  return b ^ (<u64>(<i64>b >> 63) | 0x8000000000000000);
}

/** Bytes of scratch `argsortInto` needs for n keys: two u64 key buffers, one i32 index buffer, histograms. */
export function argsortScratchBytes(n: i32): usize {
  if (n <= SMALL) return <usize>max(n, 0) << 3;
  return (<usize>n << 4) + (<usize>n << 2) + HIST_BYTES;
}

/** Insertion sort of (u64 key, i32 index) pairs already in place at ks/idx, stable. O(n²), for n ≤ 32. */
// @ts-ignore: decorator
@inline
function insertionSort(ks: usize, idx: usize, n: i32): void {
  for (let i = 1; i < n; i++) {
    const k = load<u64>(ks + (<usize>i << 3));
    const v = load<i32>(idx + (<usize>i << 2));
    let j = i - 1;
    while (j >= 0) {
      const kj = load<u64>(ks + (<usize>j << 3));
      if (kj <= k) break;
      store<u64>(ks + (<usize>(j + 1) << 3), kj);
      store<i32>(idx + (<usize>(j + 1) << 2), load<i32>(idx + (<usize>j << 2)));
      j--;
    }
    store<u64>(ks + (<usize>(j + 1) << 3), k);
    store<i32>(idx + (<usize>(j + 1) << 2), v);
  }
}

/**
 * Stable ascending argsort: writes into idx[0..n) (i32) the permutation that sorts
 * keys[0..n) (f64, no NaN; -0 and +0 compare equal). Needs `argsortScratchBytes(n)` at scratch
 * (8-byte aligned). keys is only read.
 */
export function argsortInto(keys: usize, n: i32, idx: usize, scratch: usize): void {
  if (n <= 0) return;
  if (n <= SMALL) {
    for (let i = 0; i < n; i++) {
      store<u64>(scratch + (<usize>i << 3), sortKey(load<f64>(keys + (<usize>i << 3))));
      store<i32>(idx + (<usize>i << 2), i);
    }
    insertionSort(scratch, idx, n);
    return;
  }
  radixSort(keys, n, idx, scratch);
}

const BITS: i32 = 8;
const RADIX: i32 = 1 << BITS;
const MASK: u64 = <u64>(RADIX - 1);
const PASSES: i32 = 8;

/** Count digit p of key k in histogram p. */
// @ts-ignore: decorator
@inline
function count(hist: usize, k: u64, p: i32): void {
  const h = hist + ((<usize>(p * RADIX) + <usize>((k >> (<u64>(p * BITS))) & MASK)) << 2);
  store<i32>(h, load<i32>(h) + 1);
}

/**
 * One stable counting-sort pass on digit (k >> shift) & MASK, h holding the bucket start offsets.
 * FIRST: source indices are 0..n−1 (not read); KEYS: write the keys too (not needed after the last
 * pass). Called with literal flags so each variant compiles to its own branch-free loop.
 */
// @ts-ignore: decorator
@inline
function scatter(FIRST: bool, KEYS: bool, srcK: usize, srcI: usize, dstK: usize, dstI: usize, h: usize, shift: u64, n: i32): void {
  for (let i = 0; i < n; i++) {
    const k = load<u64>(srcK + (<usize>i << 3));
    const hp = h + (<usize>((k >> shift) & MASK) << 2);
    const pos = load<i32>(hp);
    store<i32>(hp, pos + 1);
    if (KEYS) store<u64>(dstK + (<usize>pos << 3), k);
    store<i32>(dstI + (<usize>pos << 2), FIRST ? i : load<i32>(srcI + (<usize>i << 2)));
  }
}

/**
 * LSD radix argsort, eight 8-bit digits, n > 0. (Measured here: 8-bit digits beat 11-bit ones
 * both for pools of 100–1000 keys — less histogram work — and at 1e7 keys, where 2 × 256 write
 * streams stay cache-friendly.)
 */
function radixSort(keys: usize, n: i32, idx: usize, scratch: usize): void {
  const kA = scratch;
  const kB = kA + (<usize>n << 3);
  const iB = kB + (<usize>n << 3);
  const hist = iB + (<usize>n << 2);
  memory.fill(hist, 0, <usize>(PASSES * RADIX) << 2);

  // Transform keys and count every digit in one pass.
  for (let i = 0; i < n; i++) {
    const k = sortKey(load<f64>(keys + (<usize>i << 3)));
    store<u64>(kA + (<usize>i << 3), k);
    count(hist, k, 0); count(hist, k, 1); count(hist, k, 2); count(hist, k, 3);
    count(hist, k, 4); count(hist, k, 5); count(hist, k, 6); count(hist, k, 7);
  }

  // Digits every key shares (one bucket holds all n) need no pass; turn the others' counts into
  // exclusive prefix sums (bucket start offsets).
  const k0 = load<u64>(kA);
  let active: u32 = 0;
  for (let p = 0; p < PASSES; p++) {
    const h = hist + (<usize>(p * RADIX) << 2);
    if (load<i32>(h + (<usize>((k0 >> (<u64>(p * BITS))) & MASK) << 2)) == n) continue;
    active |= 1 << p;
    let sum = 0;
    for (let b = 0; b < RADIX; b++) {
      const c = load<i32>(h + (<usize>b << 2));
      store<i32>(h + (<usize>b << 2), sum);
      sum += c;
    }
  }
  if (active == 0) {
    // All keys equal (after −0 → +0): the identity permutation.
    for (let i = 0; i < n; i++) store<i32>(idx + (<usize>i << 2), i);
    return;
  }
  const lastPass = 31 - <i32>clz(active);

  // Scatter pass by pass, (srcK, srcI) → (dstK, dstI), ping-ponging between the buffers so that
  // the last pass lands in idx.
  let passes = <i32>popcnt(active);
  let srcK = kA, dstK = kB;
  let srcI: usize = 0;
  let dstI = (passes & 1) ? idx : iB;
  let first = true;
  for (let p = 0; p < PASSES; p++) {
    if (!(active & (1 << p))) continue;
    const h = hist + (<usize>(p * RADIX) << 2);
    const shift = <u64>(p * BITS);
    const last = p == lastPass;
    if (first) {
      if (last) scatter(true, false, srcK, srcI, dstK, dstI, h, shift, n);
      else scatter(true, true, srcK, srcI, dstK, dstI, h, shift, n);
    } else {
      if (last) scatter(false, false, srcK, srcI, dstK, dstI, h, shift, n);
      else scatter(false, true, srcK, srcI, dstK, dstI, h, shift, n);
    }
    first = false;
    srcI = dstI;
    dstI = dstI == idx ? iB : idx;
    const tk = srcK; srcK = dstK; dstK = tk;
  }
}

/** Exported entry: stable argsort of keys[0..n) into idx, scratch of argsortScratchBytes(n). */
export function argsort_f64(keys: usize, n: i32, idx: usize, scratch: usize): void {
  argsortInto(keys, n, idx, scratch);
}

/**
 * Stable argsort within each of G groups (group g = keys[offsets[g] .. offsets[g+1]), i32
 * offsets): idx[offsets[g] + r] is the local index (0-based within the group) of the group's
 * r-th smallest key. Scratch of argsortScratchBytes(largest group). O(Σ K) (radix) per call.
 */
export function argsort_groups(keys: usize, offsets: usize, G: i32, idx: usize, scratch: usize): void {
  for (let g = 0; g < G; g++) {
    const o = load<i32>(offsets + (<usize>g << 2));
    const K = load<i32>(offsets + (<usize>(g + 1) << 2)) - o;
    argsortInto(keys + (<usize>o << 3), K, idx + (<usize>o << 2), scratch);
  }
}
