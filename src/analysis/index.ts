// Meta-evaluation of a study: correlations with bootstrap CIs, composable summary sections, closed forms.
export * from './correlation.js';
export * from './schema.js';
export * from './spread.js';
export * from './summary.js';
export * from './theory.js';
export * from './theory-table.js';
