/**
 * `rmsim/core`: the wasm kernels as typed functions that validate their inputs, the resident
 * buffers and random streams they take, and `init()`, which loads the core. Importing this does
 * no work and loads neither vega nor zod. The plain-TypeScript references beside each kernel
 * (`*.ref.ts`) are for tests and benchmarks and are not part of the API.
 */
export {
  type BonExactOptions,
  type BonExactResult,
  type BonMonteCarloResult,
  type BonPools,
  bonExact,
  bonKLBound,
  bonMonteCarlo,
  type NGrid,
} from './bon.js';
export {
  BT_MAX_FEATURES,
  type BTOptions,
  btDiffs,
  btGradient,
  btLoss,
  type TrainBTOptions,
  type TrainBTResult,
  trainBT,
} from './bt.js';
export { MAX_BETAS, MAX_BT_ITERATIONS, MAX_BT_VALUES, MAX_MC_DRAWS, MAX_WORK } from './limits.js';
export { expArray, expm1SmallArray, logGammaArray } from './math.js';
export {
  allocF64,
  allocI32,
  type F64Input,
  type I32Input,
  memoryInUse,
  putF64,
  putI32,
  resetMemory,
  scoped,
  WasmF64,
  WasmI32,
} from './memory.js';
export {
  accuracyFromCounts,
  type PairCounts,
  type PairwiseAccuracy,
  type PairwiseOptions,
  pairwiseAccuracy,
  sum4,
  TIE_POLICIES,
  type TiePolicy,
} from './pairs.js';
export { GROUP_STAT_KEYS, type GroupStats, groupStats, uniformOffsets } from './rank.js';
export {
  bits64,
  fillLaplace,
  fillNormal,
  fillStudentT,
  fillUniform,
  laplace,
  normal,
  sampleGroups,
  sampleWithoutReplacement,
  studentT,
  uniform,
} from './rng.js';
export { argsort, argsortWithinGroups, GroupOrder } from './sort.js';
export { type PathPart, Stream } from './stream.js';
export {
  type TiltAtKLOptions,
  type TiltAtKLResult,
  type TiltPools,
  type TiltSweepOptions,
  type TiltSweepResult,
  tiltAtKL,
  tiltBetaGrid,
  tiltSweep,
} from './tilt.js';
export { init, isReady, type WasmSource, wasmHash } from './wasm.js';
