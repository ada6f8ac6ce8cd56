// The typed kernel API of the wasm core (re-exported by src/index.ts).

export * from './bon.js';
export * from './bon.ref.js';
export * from './math.js';
export * from './memory.js';
export * from './pairs.js';
export * from './pairs.ref.js';
export * from './rank.js';
export * from './rank.ref.js';
export * from './rng.js';
export * from './rng.ref.js';
export * from './sort.js';
export * from './sort.ref.js';
export * from './stream.js';
export * from './tilt.js';
export * from './tilt.ref.js';
export { wasmHash } from './wasm.js';
