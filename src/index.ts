/**
 * rmsim's public library API (Node and browsers). Node-only helpers that touch the file system
 * (writing a run folder, reading config files) are in `rmsim/node`.
 */
export { RmsimError, type RmsimErrorCode } from './errors.js';
export { VERSION } from './version.js';

// The wasm core: typed, validating kernels and the memory/stream helpers they use.
export * from './core/index.js';

// The study pipeline, layer by layer.
export * from './world/world.js';
export * from './proxy/index.js';
export * from './evalset/index.js';
export * from './optimize/outcomes.js';
export * from './analysis/index.js';
export { checkGaussianTheory, type GaussianCheck, type Checked } from './analysis/gaussian-check.js';
export { buildReport, renderSvg, tablesMarkdown, type ReportFiles } from './report/index.js';

// Studies: config schema, presets, runStudy.
export { studySchema, parseStudy, type StudyConfig, type StudyConfigInput } from './study/schema.js';
export { PRESETS, preset } from './study/presets.js';
export { runStudy, prepareStudy, evaluateProxy, type StudyResults, type RunOptions, type StudyContext } from './study/run.js';
export { findingsSections } from './study/findings.js';
export { configReference } from './study/reference.js';
