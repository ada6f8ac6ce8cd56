// Meta-evaluation of a study: correlations with bootstrap CIs, same-metric spread, Gaussian theory.
export * from './row.js';
export * from './correlation.js';
export * from './spread.js';
export * from './theory.js';
export * from './summary.js';
