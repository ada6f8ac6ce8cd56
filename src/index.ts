/**
 * rmsim's public library API (Node and browsers). Node-only helpers that touch the file system
 * (writing a run folder, reading config files) are in `rmsim/node`.
 */

export { type Checked, checkGaussianTheory, type GaussianCheck } from './analysis/gaussian-check.js';
export * from './analysis/index.js';

// The wasm core: typed, validating kernels and the memory/stream helpers they use.
export * from './core/index.js';
export { RmsimError, type RmsimErrorCode } from './errors.js';
export * from './evalset/index.js';
export * from './optimize/outcomes.js';
export * from './proxy/index.js';
export { buildReport, type ReportFiles, renderSvg, tablesMarkdown } from './report/index.js';
export { findingsSections } from './study/findings.js';
export { PRESETS, preset } from './study/presets.js';
export { configReference } from './study/reference.js';
export { evaluateProxy, prepareStudy, type RunOptions, runStudy, type StudyContext, type StudyResults } from './study/run.js';
// Studies: config schema, presets, runStudy.
export { parseStudy, type StudyConfig, type StudyConfigInput, studySchema } from './study/schema.js';
export { VERSION } from './version.js';
// The study pipeline, layer by layer.
export * from './world/world.js';
