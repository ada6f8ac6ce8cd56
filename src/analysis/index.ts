// Meta-evaluation of a study: correlations with bootstrap CIs, same-metric spread, Gaussian theory.

export * from './correlation.js';
export * from './row.js';
export * from './spread.js';
export * from './summary.js';
export * from './theory.js';
