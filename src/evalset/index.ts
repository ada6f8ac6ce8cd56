// Eval designs (how a preference test set is built, stage by stage) and the metric registry.
export * from './budget.js';
export * from './build.js';
export { MetricContext } from './context.js';
export * from './labels.js';
export * from './metric.js';
export { ECE_BINS } from './metrics/ece.js';
export * from './registry.js';
export * from './schema.js';
export * from './validate.js';
