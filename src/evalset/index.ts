// Eval designs (how a preference test set is built) and the metric registry.
export * from './design.js';
export * from './metrics.js';
