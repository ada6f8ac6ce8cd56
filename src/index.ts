/**
 * `rmsim`: the study API, in Node and browsers. `await init()` loads the wasm core first (nothing
 * happens on import). In a browser, `webWorkerPool(n)` runs a study's proxies in Web Workers. The
 * kernels are in `rmsim/core`, Vega-Lite figures and the HTML report in `rmsim/report`, files, run
 * folders and the worker-thread pool in `rmsim/node`.
 */

// Meta-evaluation and closed forms
export { type CorrelationSet, correlate, correlations, type Estimate } from './analysis/correlation.js';
export { type Summary, type SummaryOptions, summarize, summaryJson } from './analysis/summary.js';
export {
  accuracyFromRho,
  bonGoldGain,
  expectedMaxNormal,
  flippedAccuracy,
  kendallFromAccuracy,
  ndrTheory,
  rhoFromAccuracy,
  spearmanFromRho,
  tiltBetaForKL,
  tiltGoldGain,
  tiltGoldGainAtKL,
  tiltKL,
  unflippedAccuracy,
} from './analysis/theory.js';
export { type TheoryTable, type TheoryTableOptions, theoryTable } from './analysis/theory-table.js';
export { bonKLBound } from './core/bon.js';
// Loading the core, errors, version
export { init, isReady, type WasmSource, wasmHash } from './core/wasm.js';
// The values every layer shares
export type { EvalSet } from './data/evalset.js';
export { formatOutcomeKey, type OutcomeKey, parseOutcomeKey } from './data/outcome-key.js';
export { type Pools, type Scores, uniformPools } from './data/pools.js';
export type { Outcome, OutcomeQuantity, Row } from './data/row.js';
export { type ErrorPlace, RmsimError, type RmsimErrorCode, type RmsimErrorJson } from './errors.js';
export { buildEvalSet } from './evalset/build.js';
// The pipeline, layer by layer: (pools, gold, proxy) in, numbers out
export { computeMetrics, METRIC_NAMES, metricsForDesign } from './evalset/registry.js';
export { designSchema, type EvalDesign, type EvalDesignInput } from './evalset/schema.js';
export { type Gain, type Gains, optimizerGains, optimizersSchema, outcomeKeys, outcomesFromGains } from './optimize/index.js';
export { expandPopulation, type ProxySpec, type ProxySpecInput, scoreProxy } from './proxy/index.js';
export { DEFAULT_MAX_MEMORY, type EstimatePart, estimateStudy, type StudyEstimate } from './study/budget.js';
export { PRESETS, preset } from './study/presets.js';
// Studies: config, presets, running, results
export { configReference } from './study/reference.js';
export { checkStudy, type ProxyPool, type RunOptions, rowsJsonl, runStudy, type StudyPlan, type StudyResults } from './study/run.js';
export { parseStudy, type StudyConfig, type StudyConfigInput, studySchema } from './study/schema.js';
export { webWorkerPool } from './study/web-pool.js';
export { VERSION } from './version.js';
export { buildWorld, type World, type WorldPools } from './world/world.js';
