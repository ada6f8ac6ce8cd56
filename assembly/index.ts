// rmsim WebAssembly core: exported kernels over flat f64/i32 arrays in linear memory.
// The host (src/core/) owns all memory; kernels never allocate. Each module's exported
// functions become wasm exports: snake_case names are entry points for the host, camelCase
// ones are building blocks shared between modules.

/** First byte above static data: where the host's arena starts. */
export function heapBase(): usize {
  return __heap_base;
}

export * from './check';
export * from './rng';
export * from './sort';
export * from './pairs';
export * from './rank';
export * from './bon';
export * from './tilt';
export * from './math';
