// rmsim WebAssembly core: the exported entry points over flat f64/i32 arrays in linear memory.
// The host (src/core/) owns all memory; kernels never allocate. Only what the host calls is
// exported; the building blocks that modules share (nextU64, argsortInto, rankGroup, expF64, …)
// stay internal to the module.

/** First byte above static data: where the host's arena starts. */
export function heapBase(): usize {
  return __heap_base;
}

export { find_nonfinite } from './check';
export { rng_uniform, rng_u64, rng_normal, rng_student_t, rng_laplace, rng_sample_groups, logFdlibm, expm1Fdlibm } from './rng';
export { argsort_f64, argsort_groups, argsortScratchBytes } from './sort';
export { pair_counts_simd, pair_counts_scalar, sum4_f64 } from './pairs';
export { rank_stats, rankScratchBytes } from './rank';
export { bon_exact, bon_mc, bonExactScratchBytes } from './bon';
export { tilt_sweep, tiltScratchBytes } from './tilt';
export { exp_f64_array, expm1_small_array, log_gamma_array } from './math';
export { bt_eval, bt_train, bt_diffs, btTrainScratchBytes } from './bt';
