// rmsim WebAssembly core: exported kernels over flat f64/i32 arrays in linear memory.
// The host (src/core/) owns all memory; kernels never allocate. See assembly/README in DESIGN.md.

/** First byte above static data: where the host's arena starts. */
export function heapBase(): usize {
  return __heap_base;
}

export * from './check';
export { rng_uniform } from './rng';
export { argsort_f64, argsortScratchBytes as argsort_scratch_bytes } from './sort';
