// Stable argsort of f64 keys.
// Placeholder implementation: bottom-up merge sort of indices, O(n log n), stable.

/** Bytes of scratch `argsortInto` needs for n keys. */
export function argsortScratchBytes(n: i32): usize {
  return <usize>n << 2;
}

/**
 * Stable ascending argsort: writes into idx[0..n) (i32) the permutation that sorts
 * keys[0..n) (f64, no NaN; -0 and +0 compare equal). Needs `argsortScratchBytes(n)` at scratch.
 */
export function argsortInto(keys: usize, n: i32, idx: usize, scratch: usize): void {
  for (let i = 0; i < n; i++) store<i32>(idx + (<usize>i << 2), i);
  let src = idx;
  let dst = scratch;
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n);
      const hi = min(lo + (width << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const a = load<i32>(src + (<usize>i << 2));
        const b = load<i32>(src + (<usize>j << 2));
        if (load<f64>(keys + (<usize>b << 3)) < load<f64>(keys + (<usize>a << 3))) {
          store<i32>(dst + (<usize>(k++) << 2), b); j++;
        } else {
          store<i32>(dst + (<usize>(k++) << 2), a); i++;
        }
      }
      while (i < mid) { store<i32>(dst + (<usize>(k++) << 2), load<i32>(src + (<usize>(i++) << 2))); }
      while (j < hi) { store<i32>(dst + (<usize>(k++) << 2), load<i32>(src + (<usize>(j++) << 2))); }
    }
    const t = src; src = dst; dst = t;
  }
  if (src != idx) memory.copy(idx, src, <usize>n << 2);
}

/** Exported entry: stable argsort of keys[0..n) into idx, scratch of argsortScratchBytes(n). */
export function argsort_f64(keys: usize, n: i32, idx: usize, scratch: usize): void {
  argsortInto(keys, n, idx, scratch);
}
