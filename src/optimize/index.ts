// Optimizers (what a policy does with a proxy), their registry, and NDR.
export * from './bon.js';
export * from './optimizer.js';
export * from './outcomes.js';
export * from './placed.js';
export * from './registry.js';
export * from './tilt.js';
