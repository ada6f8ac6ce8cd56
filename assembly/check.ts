// Boundary checks run inside the core so that validating 10M values costs a streaming pass,
// not a JavaScript loop.

/** Index of the first NaN or ±Inf in f64[ptr .. ptr+n), or -1. O(n). */
export function find_nonfinite(ptr: usize, n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const v = load<f64>(ptr + (<usize>i << 3));
    if (v - v != 0) return i; // NaN - NaN and Inf - Inf are NaN
  }
  return -1;
}
