/** Plain-TypeScript reference for sort.ts: Array.prototype.sort is stable since ES2019. */
export function argsortRef(keys: ArrayLike<number>): Int32Array {
  const idx = Array.from({ length: keys.length }, (_, i) => i);
  idx.sort((a, b) => keys[a] - keys[b]);
  return Int32Array.from(idx);
}
